//! The arena tree every stage reads: nodes in one `Vec`, linked by index.
//!
//! The tree is built by a parser adapter (see [`super::parse`]) and never
//! depends on the parser's own types, so the parser can be replaced without
//! touching the stages.

use std::ops::{Index, IndexMut};

use super::tag::Tag;

/// Index of a node in a [`Dom`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The document node; every tree has it at index 0.
    pub const ROOT: NodeId = NodeId(0);
    pub(crate) const NONE: u32 = u32::MAX;

    /// The node's position in the arena (document order of creation).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An attribute name: common names are shared static strings (no allocation per
/// attribute), others are owned.
pub type AttrName = std::borrow::Cow<'static, str>;

/// Declares [`common_attr_name`] over the attribute names common enough on real pages
/// to be shared rather than allocated (a `match` on the name compiles to a length
/// switch and a compare: no hashing per attribute).
macro_rules! common_attr_names {
    ($($name:literal),* $(,)?) => {
        /// The shared copy of a common attribute name.
        fn common_attr_name(name: &str) -> Option<&'static str> {
            match name {
                $($name => Some($name),)*
                _ => None,
            }
        }
    };
}

common_attr_names!(
    "class",
    "id",
    "href",
    "src",
    "style",
    "type",
    "rel",
    "name",
    "content",
    "title",
    "alt",
    "width",
    "height",
    "target",
    "role",
    "property",
    "value",
    "lang",
    "charset",
    "itemprop",
    "itemscope",
    "itemtype",
    "datetime",
    "srcset",
    "sizes",
    "loading",
    "action",
    "method",
    "for",
    "tabindex",
    "hidden",
    "aria-hidden",
    "aria-label",
    "aria-expanded",
    "aria-controls",
    "aria-haspopup",
    "aria-labelledby",
    "data-src",
    "data-id",
    "async",
    "defer",
    "crossorigin",
    "integrity",
    "media",
    "placeholder",
    "autocomplete",
    "viewbox",
    "xmlns",
    "fill",
    "d",
    "stroke",
    "decoding",
    "fetchpriority",
    "referrerpolicy",
    "http-equiv",
    "colspan",
    "rowspan",
    "border",
    "align",
    "valign",
    "onclick",
    "dir",
    "frameborder",
    "allowfullscreen",
    "allow",
    "data-toggle",
    "data-target",
    "nonce",
    "focusable",
    "stroke-width",
    "version",
    "label",
    "checked",
    "selected",
    "disabled",
    "required",
    "download",
    "poster",
    "controls",
    "cellpadding",
    "cellspacing",
    "bgcolor",
    "color",
    "size",
    "face",
    "start",
    "span",
    "scope",
    "headers",
);

/// The name as an [`AttrName`]: shared when common, owned otherwise.
pub fn intern_attr_name(name: &str) -> AttrName {
    match common_attr_name(name) {
        Some(n) => AttrName::Borrowed(n),
        None => AttrName::Owned(name.to_string()),
    }
}

/// One attribute of an element: lower-case name and value.
#[derive(Clone, Debug)]
pub struct Attr {
    /// Attribute name, lower-cased by the parser.
    pub name: AttrName,
    /// Attribute value, entities decoded (up to 24 bytes inline).
    pub value: compact_str::CompactString,
}

/// Where an element's attributes sit in its tree's attribute store: every
/// element's attributes are kept in one vector per [`Dom`] (one allocation for
/// the whole tree rather than one per element). Read them with [`Dom::attrs`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttrRange {
    start: u32,
    len: u32,
}

impl AttrRange {
    /// The range of store indices `start..end`; empty if beyond `u32` (a store of
    /// four billion attributes cannot be built within any memory limit).
    fn new(start: usize, end: usize) -> AttrRange {
        match (
            u32::try_from(start),
            u32::try_from(end.saturating_sub(start)),
        ) {
            (Ok(start), Ok(len)) => AttrRange { start, len },
            _ => AttrRange::default(),
        }
    }

    /// Number of attributes.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True for an element without attributes.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    fn indices(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// What a node is.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// The document itself (the root).
    Document,
    /// An element with its tag and attributes.
    Element {
        /// The element's tag.
        tag: Tag,
        /// Name for tags outside [`Tag`]'s known set (empty otherwise).
        name: Box<str>,
        /// Attributes in source order, in the tree's store (see [`Dom::attrs`]).
        attrs: AttrRange,
    },
    /// A text node (texts of up to 24 bytes, most of them white space between
    /// tags, are held inline without an allocation).
    Text(compact_str::CompactString),
    /// A comment, a doctype or a processing instruction: kept only as a placeholder.
    Other,
}

/// A node of the arena tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub(crate) parent: u32,
    pub(crate) first_child: u32,
    pub(crate) last_child: u32,
    pub(crate) prev_sibling: u32,
    pub(crate) next_sibling: u32,
    /// What the node is.
    pub kind: NodeKind,
}

impl Node {
    pub(crate) fn new(kind: NodeKind) -> Self {
        Node {
            parent: NodeId::NONE,
            first_child: NodeId::NONE,
            last_child: NodeId::NONE,
            prev_sibling: NodeId::NONE,
            next_sibling: NodeId::NONE,
            kind,
        }
    }
}

/// A parsed document as an arena of nodes.
#[derive(Clone, Debug)]
pub struct Dom {
    pub(crate) nodes: Vec<Node>,
    /// Every element's attributes, each element holding its [`AttrRange`].
    attr_store: Vec<Attr>,
    /// Every element's lower-cased `class` and `id`, made on first use (see
    /// [`Dom::class_id`]); the parser finishes the tree before anything reads it.
    class_ids: std::sync::OnceLock<ClassIds>,
}

/// The lower-cased `class` and `id` values of every element, in one buffer.
#[derive(Clone, Debug, Default)]
struct ClassIds {
    text: String,
    /// Per node: byte range in `text` (empty for nodes without class or id).
    spans: Vec<(u32, u32)>,
}

impl ClassIds {
    fn of(dom: &Dom) -> ClassIds {
        let mut c = ClassIds {
            text: String::new(),
            spans: Vec::with_capacity(dom.nodes.len()),
        };
        for node in &dom.nodes {
            let start = c.text.len();
            if let NodeKind::Element { attrs, .. } = &node.kind {
                let attrs = dom.attr_slice(*attrs);
                for name in ["class", "id"] {
                    if let Some(a) = attrs.iter().find(|a| &*a.name == name) {
                        c.text.push_str(&a.value);
                        c.text.push(' ');
                    }
                }
            }
            let end = c.text.len();
            if let Some(added) = c.text.get_mut(start..end) {
                added.make_ascii_lowercase();
            }
            // spans beyond u32 (a 4 GiB class buffer) read as empty
            let span = u32::try_from(start).ok().zip(u32::try_from(end).ok());
            c.spans.push(span.unwrap_or((0, 0)));
        }
        c
    }
}

fn opt(i: u32) -> Option<NodeId> {
    if i == NodeId::NONE {
        None
    } else {
        Some(NodeId(i))
    }
}

impl Default for Dom {
    fn default() -> Self {
        Dom::new()
    }
}

impl Dom {
    /// An empty document (just the root).
    pub fn new() -> Self {
        Dom {
            nodes: vec![Node::new(NodeKind::Document)],
            attr_store: Vec::new(),
            class_ids: std::sync::OnceLock::new(),
        }
    }

    /// Number of nodes in the arena (including detached ones).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the tree holds only the document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The node at arena index `i`: the one place the arena is indexed.
    ///
    /// Cannot go out of range for indices this tree handed out: every `NodeId`
    /// and every link (`parent`, `first_child`, …) is an index returned by
    /// [`Dom::push`] (so below `len()` when made), `NodeId`'s field is private to
    /// the crate, and nodes are never removed. An id taken from another tree is a
    /// caller bug, and the panic says so.
    #[inline]
    #[allow(clippy::indexing_slicing)] // in range by construction, see above
    fn slot(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }

    /// Mutable [`Dom::slot`] (same invariant).
    #[inline]
    #[allow(clippy::indexing_slicing)] // in range by construction, see `slot`
    fn slot_mut(&mut self, i: u32) -> &mut Node {
        &mut self.nodes[i as usize]
    }

    /// The node behind an id.
    pub fn node(&self, id: NodeId) -> &Node {
        self.slot(id.0)
    }

    /// Parent of a node, if attached.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        opt(self.slot(id.0).parent)
    }

    /// First child of a node.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.slot(id.0).first_child)
    }

    /// Next sibling of a node.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.slot(id.0).next_sibling)
    }

    /// Previous sibling of a node.
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.slot(id.0).prev_sibling)
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.slot(id.0).first_child,
        }
    }

    /// Every node below `id` (not `id` itself), in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: opt(self.slot(id.0).first_child),
        }
    }

    /// The element's tag, or `None` for non-elements.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match &self.slot(id.0).kind {
            NodeKind::Element { tag, .. } => Some(*tag),
            _ => None,
        }
    }

    /// The element's tag name as written (lower case), or `""` for non-elements.
    pub fn tag_name(&self, id: NodeId) -> &str {
        match &self.slot(id.0).kind {
            NodeKind::Element { tag, name, .. } => {
                if *tag == Tag::Other {
                    name
                } else {
                    tag.as_str()
                }
            }
            _ => "",
        }
    }

    /// Is this node an element?
    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.slot(id.0).kind, NodeKind::Element { .. })
    }

    /// The text of a text node, `None` otherwise.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.slot(id.0).kind {
            NodeKind::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The element's attributes (empty for non-elements).
    pub fn attrs(&self, id: NodeId) -> &[Attr] {
        match &self.slot(id.0).kind {
            NodeKind::Element { attrs, .. } => self.attr_slice(*attrs),
            _ => &[],
        }
    }

    /// The attributes of a range of the store (empty for a range of another tree).
    fn attr_slice(&self, range: AttrRange) -> &[Attr] {
        self.attr_store.get(range.indices()).unwrap_or_default()
    }

    /// The value of one attribute.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attrs(id)
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| &*a.value)
    }

    /// The element's `class` and `id` values, ASCII lower-cased, each followed by a
    /// space (`"post-body main "`); `""` for a node with neither. Made for the whole
    /// tree on first use, so callers that test many elements allocate nothing.
    pub fn class_id(&self, id: NodeId) -> &str {
        let c = self.class_ids.get_or_init(|| ClassIds::of(self));
        c.spans
            .get(id.index())
            .and_then(|&(a, b)| c.text.get(a as usize..b as usize))
            .unwrap_or("")
    }

    /// All text below a node, concatenated as it appears in the source.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                out.push_str(t);
            }
        }
        out
    }

    /// Elements below `id` with the given tag, in document order.
    pub fn find_all(&self, id: NodeId, tag: Tag) -> impl Iterator<Item = NodeId> + '_ {
        self.descendants(id)
            .filter(move |&d| self.tag(d) == Some(tag))
    }

    /// The first element below `id` with the given tag.
    pub fn find(&self, id: NodeId, tag: Tag) -> Option<NodeId> {
        self.find_all(id, tag).next()
    }

    /// True when `ancestor` is `node` or one of its ancestors.
    pub fn is_ancestor_or_self(&self, ancestor: NodeId, node: NodeId) -> bool {
        let mut cur = Some(node);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.parent(c);
        }
        false
    }

    // ---- mutation used by the parser adapter ----

    pub(crate) fn push(&mut self, kind: NodeKind) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node::new(kind));
        id
    }

    pub(crate) fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = self.slot(id.0);
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        if parent == NodeId::NONE {
            return;
        }
        if prev != NodeId::NONE {
            self.slot_mut(prev).next_sibling = next;
        } else {
            self.slot_mut(parent).first_child = next;
        }
        if next != NodeId::NONE {
            self.slot_mut(next).prev_sibling = prev;
        } else {
            self.slot_mut(parent).last_child = prev;
        }
        let n = self.slot_mut(id.0);
        n.parent = NodeId::NONE;
        n.prev_sibling = NodeId::NONE;
        n.next_sibling = NodeId::NONE;
    }

    pub(crate) fn append_child(&mut self, parent: NodeId, child: NodeId) {
        // most children are new nodes, with no place to leave
        if self.slot(child.0).parent != NodeId::NONE {
            self.detach(child);
        }
        let last = self.slot(parent.0).last_child;
        {
            let c = self.slot_mut(child.0);
            c.parent = parent.0;
            c.prev_sibling = last;
        }
        if last != NodeId::NONE {
            self.slot_mut(last).next_sibling = child.0;
        } else {
            self.slot_mut(parent.0).first_child = child.0;
        }
        self.slot_mut(parent.0).last_child = child.0;
    }

    pub(crate) fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let (parent, prev) = {
            let s = self.slot(sibling.0);
            (s.parent, s.prev_sibling)
        };
        {
            let c = self.slot_mut(child.0);
            c.parent = parent;
            c.prev_sibling = prev;
            c.next_sibling = sibling.0;
        }
        self.slot_mut(sibling.0).prev_sibling = child.0;
        if prev != NodeId::NONE {
            self.slot_mut(prev).next_sibling = child.0;
        } else if parent != NodeId::NONE {
            self.slot_mut(parent).first_child = child.0;
        }
    }

    /// Room for `additional` more attributes in the store.
    pub(crate) fn reserve_attrs(&mut self, additional: usize) {
        self.attr_store.reserve(additional);
    }

    /// Move `attrs` (left empty, its capacity kept for reuse) to the end of the
    /// attribute store; returns their range for a new element.
    pub(crate) fn store_attrs(&mut self, attrs: &mut Vec<Attr>) -> AttrRange {
        let start = self.attr_store.len();
        self.attr_store.append(attrs);
        AttrRange::new(start, self.attr_store.len())
    }

    /// Give element `id` those of `extra` whose names it lacks, while it has fewer
    /// than `max` attributes (the parser's rule for a repeated `<html>` or `<body>`).
    pub(crate) fn add_attrs_if_missing(
        &mut self,
        id: NodeId,
        extra: impl IntoIterator<Item = Attr>,
        max: usize,
    ) {
        let NodeKind::Element { attrs: range, .. } = &self.slot(id.0).kind else {
            return;
        };
        let mut range = *range;
        for a in extra {
            if range.len() >= max {
                break;
            }
            let existing = self.attr_slice(range);
            if existing.iter().any(|e| e.name == a.name) {
                continue;
            }
            if range.indices().end != self.attr_store.len() {
                // a range grows only at the end of the store: move it there
                // (rare: repeated `<html>` and `<body>` tags only)
                let moved = existing.to_vec();
                let start = self.attr_store.len();
                self.attr_store.extend(moved);
                range = AttrRange::new(start, self.attr_store.len());
            }
            self.attr_store.push(a);
            range = AttrRange::new(range.indices().start, self.attr_store.len());
        }
        if let NodeKind::Element { attrs, .. } = &mut self.slot_mut(id.0).kind {
            *attrs = range;
        }
    }

    pub(crate) fn kind_mut(&mut self, id: NodeId) -> &mut NodeKind {
        // only the parser changes nodes, before any reader made `class_ids`
        debug_assert!(self.class_ids.get().is_none());
        &mut self.slot_mut(id.0).kind
    }

    pub(crate) fn last_child_raw(&self, id: NodeId) -> Option<NodeId> {
        opt(self.slot(id.0).last_child)
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = opt(self.next)?;
        self.next = self.dom.slot(cur.0).next_sibling;
        Some(cur)
    }
}

/// Pre-order iterator over a subtree (without its root).
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        // advance: first child, else next sibling, else climb
        if let Some(c) = self.dom.first_child(cur) {
            self.next = Some(c);
        } else {
            let mut n = cur;
            self.next = None;
            while n != self.root {
                if let Some(s) = self.dom.next_sibling(n) {
                    self.next = Some(s);
                    break;
                }
                match self.dom.parent(n) {
                    Some(p) => n = p,
                    None => break,
                }
            }
        }
        Some(cur)
    }
}

/// One value per node of a [`Dom`], indexed by [`NodeId`]: the stages' per-node
/// measurements and masks.
///
/// A map is made with one slot per node of its tree ([`NodeMap::new`]) after the
/// tree is built, so every id of that tree is in range; indexing with an id of
/// another tree is a caller bug and panics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeMap<T>(Vec<T>);

impl<T: Clone> NodeMap<T> {
    /// One `value` per node of `dom`.
    pub fn new(dom: &Dom, value: T) -> Self {
        NodeMap(vec![value; dom.len()])
    }
}

impl<T> NodeMap<T> {
    /// Number of slots (the tree's node count).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the map has no slot.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The values in arena order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T> Index<NodeId> for NodeMap<T> {
    type Output = T;
    #[inline]
    #[allow(clippy::indexing_slicing)] // one slot per node of the tree, see the type's doc
    fn index(&self, id: NodeId) -> &T {
        &self.0[id.index()]
    }
}

impl<T> IndexMut<NodeId> for NodeMap<T> {
    #[inline]
    #[allow(clippy::indexing_slicing)] // one slot per node of the tree, see the type's doc
    fn index_mut(&mut self, id: NodeId) -> &mut T {
        &mut self.0[id.index()]
    }
}
