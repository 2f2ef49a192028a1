//! Tree construction (WHATWG § 13.2.6) into the arena [`Dom`], scripting disabled.
//!
//! The insertion modes follow html5ever 0.40's reading of the spec (the
//! reference this parser is tested against): no "in select" mode (a `select`
//! is parsed by "in body" rules), and the same text-merging and depth
//! bookkeeping as the html5ever adapter in `dom/parse.rs`, so both produce the
//! same tree.

use std::time::{Duration, Instant};

use super::foreign;
use super::tokenizer::{Doctype, StartTag, State, TokenSink};
use crate::dom::tag::Tag;
use crate::dom::tree::{Attr, AttrRange, Dom, NodeId, NodeKind};
use crate::error::ErrorKind;

/// Element namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    Html,
    Svg,
    MathMl,
}

/// What the tree builder needs to know about an element's name. `T` is an
/// HTML element; the other variants are HTML names outside [`Tag`] that the
/// rules single out, and foreign (SVG/MathML) names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum L {
    T(Tag),
    Applet,
    Basefont,
    Bgsound,
    Dir,
    Image,
    Isindex,
    Keygen,
    Listing,
    Noembed,
    Plaintext,
    Rb,
    Rtc,
    Xmp,
    // foreign
    Mi,
    Mo,
    Mn,
    Ms,
    Mtext,
    AnnotationXml,
    ForeignObject,
    Desc,
    SvgTitle,
    Foreign,
}

/// Classify a lower-case HTML tag name.
pub(crate) fn classify(name: &str) -> L {
    let t = Tag::from_name(name);
    if t != Tag::Other {
        return L::T(t);
    }
    match name {
        "applet" => L::Applet,
        "basefont" => L::Basefont,
        "bgsound" => L::Bgsound,
        "dir" => L::Dir,
        "image" => L::Image,
        "isindex" => L::Isindex,
        "keygen" => L::Keygen,
        "listing" => L::Listing,
        "noembed" => L::Noembed,
        "plaintext" => L::Plaintext,
        "rb" => L::Rb,
        "rtc" => L::Rtc,
        "xmp" => L::Xmp,
        _ => L::T(Tag::Other),
    }
}

fn classify_foreign(ns: Ns, name: &str) -> L {
    match (ns, name) {
        (Ns::MathMl, "mi") => L::Mi,
        (Ns::MathMl, "mo") => L::Mo,
        (Ns::MathMl, "mn") => L::Mn,
        (Ns::MathMl, "ms") => L::Ms,
        (Ns::MathMl, "mtext") => L::Mtext,
        (Ns::MathMl, "annotation-xml") => L::AnnotationXml,
        (Ns::Svg, "foreignObject") => L::ForeignObject,
        (Ns::Svg, "desc") => L::Desc,
        (Ns::Svg, "title") => L::SvgTitle,
        _ => L::Foreign,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Split {
    Whole,
    Ws,
    NotWs,
}

struct Start<'t> {
    name: &'t str,
    l: L,
    attrs: Vec<Attr>,
    self_closing: bool,
}

struct End<'t> {
    name: &'t str,
    l: L,
}

enum Tok<'t> {
    Chars(&'t str, Split),
    Null,
    Start(Start<'t>),
    End(End<'t>),
    Comment,
    Eof,
}

enum Flow<'t> {
    Done,
    Reprocess(Mode, Tok<'t>),
}

#[derive(Clone, Copy)]
struct Open {
    id: NodeId,
    ns: Ns,
    l: L,
}

/// The stack of open elements, counting its `p` elements: most "is there a `p` in
/// button scope?" questions (asked before every block start tag) are answered without
/// walking the stack.
struct OpenStack {
    items: Vec<Open>,
    paragraphs: usize,
}

impl std::ops::Deref for OpenStack {
    type Target = [Open];
    fn deref(&self) -> &[Open] {
        &self.items
    }
}

fn is_p(e: &Open) -> bool {
    e.l == L::T(Tag::P)
}

impl OpenStack {
    fn new() -> OpenStack {
        OpenStack {
            items: Vec::new(),
            paragraphs: 0,
        }
    }

    /// Is there a `p` anywhere on the stack?
    fn has_p(&self) -> bool {
        self.paragraphs > 0
    }

    fn push(&mut self, e: Open) {
        self.paragraphs += usize::from(is_p(&e));
        self.items.push(e);
    }

    fn pop(&mut self) -> Option<Open> {
        let e = self.items.pop()?;
        self.paragraphs -= usize::from(is_p(&e));
        Some(e)
    }

    fn remove(&mut self, i: usize) {
        if i < self.items.len() {
            let e = self.items.remove(i);
            self.paragraphs -= usize::from(is_p(&e));
        }
    }

    fn insert(&mut self, i: usize, e: Open) {
        self.paragraphs += usize::from(is_p(&e));
        self.items.insert(i, e);
    }

    fn truncate(&mut self, n: usize) {
        let gone = self.items.get(n..).unwrap_or_default();
        self.paragraphs -= gone.iter().filter(|e| is_p(e)).count();
        self.items.truncate(n);
    }

    fn replace(&mut self, i: usize, e: Open) {
        if let Some(old) = self.items.get_mut(i) {
            self.paragraphs -= usize::from(is_p(old));
            self.paragraphs += usize::from(is_p(&e));
            *old = e;
        }
    }
}

/// An entry of the list of active formatting elements. The token's attributes
/// are read back from the element in the [`Dom`] (formatting elements' attributes
/// never change after creation), so entries need no copy of them.
enum Entry {
    Marker,
    Elem { id: NodeId, tag: Tag },
}

enum Place {
    Last(NodeId),
    Foster { table: NodeId, prev: NodeId },
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn any_not_ws(s: &str) -> bool {
    s.bytes().any(|b| !is_ws(b))
}

// ---- tag sets (HTML namespace only, as html5ever declares them) ----

fn default_scope(l: L) -> bool {
    use Tag::*;
    matches!(
        l,
        L::Applet
            | L::T(Caption | Html | Table | Td | Th | Marquee | Object | Select | Template)
            | L::Mi
            | L::Mo
            | L::Mn
            | L::Ms
            | L::Mtext
            | L::ForeignObject
            | L::Desc
            | L::SvgTitle
    )
}

fn list_item_scope(l: L) -> bool {
    default_scope(l) || matches!(l, L::T(Tag::Ol | Tag::Ul))
}

fn button_scope(l: L) -> bool {
    default_scope(l) || l == L::T(Tag::Button)
}

fn table_scope(l: L) -> bool {
    matches!(l, L::T(Tag::Html | Tag::Table | Tag::Template))
}

fn table_body_context(l: L) -> bool {
    matches!(
        l,
        L::T(Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Template | Tag::Html)
    )
}

fn table_row_context(l: L) -> bool {
    matches!(l, L::T(Tag::Tr | Tag::Template | Tag::Html))
}

fn cursory_implied_end(l: L) -> bool {
    use Tag::*;
    matches!(
        l,
        L::T(Dd | Dt | Li | Option | Optgroup | P | Rp | Rt) | L::Rb | L::Rtc
    )
}

fn thorough_implied_end(l: L) -> bool {
    use Tag::*;
    cursory_implied_end(l)
        || matches!(
            l,
            L::T(Caption | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr)
        )
}

/// caption, col, colgroup, tbody, td, tfoot, th, thead, tr.
fn table_part(l: L) -> bool {
    use Tag::*;
    matches!(
        l,
        L::T(Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr)
    )
}

/// End tags the "before html" and "before head" modes ignore.
fn ignored_early_end(l: L) -> bool {
    !matches!(l, L::T(Tag::Head | Tag::Body | Tag::Html | Tag::Br))
}

fn heading(l: L) -> bool {
    matches!(
        l,
        L::T(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    )
}

fn special(l: L) -> bool {
    use Tag::*;
    matches!(
        l,
        L::Applet
            | L::Basefont
            | L::Bgsound
            | L::Dir
            | L::Isindex
            | L::Listing
            | L::Noembed
            | L::Plaintext
            | L::Xmp
            | L::T(
                Address
                    | Area
                    | Article
                    | Aside
                    | Base
                    | Blockquote
                    | Body
                    | Br
                    | Button
                    | Caption
                    | Center
                    | Col
                    | Colgroup
                    | Dd
                    | Details
                    | Div
                    | Dl
                    | Dt
                    | Embed
                    | Fieldset
                    | Figcaption
                    | Figure
                    | Footer
                    | Form
                    | Frame
                    | Frameset
                    | H1
                    | H2
                    | H3
                    | H4
                    | H5
                    | H6
                    | Head
                    | Header
                    | Hgroup
                    | Hr
                    | Html
                    | Iframe
                    | Img
                    | Input
                    | Li
                    | Link
                    | Main
                    | Marquee
                    | Menu
                    | Meta
                    | Nav
                    | Noframes
                    | Noscript
                    | Object
                    | Ol
                    | P
                    | Param
                    | Pre
                    | Script
                    | Section
                    | Select
                    | Source
                    | Style
                    | Summary
                    | Table
                    | Tbody
                    | Td
                    | Template
                    | Textarea
                    | Tfoot
                    | Th
                    | Thead
                    | Title
                    | Tr
                    | Track
                    | Ul
                    | Wbr
            )
    )
}

/// Same attributes in any order (names are unique within a tag).
fn attrs_equiv(a: &[Attr], b: &[Attr]) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|x| b.iter().any(|y| x.name == y.name && x.value == y.value))
}

/// Limits the builder enforces, with the same error kinds as the html5ever adapter.
pub(crate) struct BuildLimits {
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_attrs: usize,
    pub started: Instant,
    pub budget: Duration,
}

/// The tree builder: a token sink writing into a [`Dom`].
pub(crate) struct TreeBuilder {
    pub dom: Dom,
    depths: Vec<u32>,
    open: OpenStack,
    afe: Vec<Entry>,
    mode: Mode,
    orig_mode: Option<Mode>,
    template_modes: Vec<Mode>,
    head: Option<NodeId>,
    form: Option<NodeId>,
    frameset_ok: bool,
    foster: bool,
    ignore_lf: bool,
    quirks: bool,
    pending: String,
    /// An empty attribute vector (with capacity) to swap for the tokenizer's
    /// full one: tags' attributes move through two buffers, not one new `Vec` each.
    spare_attrs: Vec<Attr>,
    next_state: State,
    limits: BuildLimits,
    tags_seen: u32,
    /// First limit exceeded, if any.
    pub exceeded: Option<ErrorKind>,
}

impl TreeBuilder {
    /// A builder for a new document of about `capacity` nodes.
    pub fn new(limits: BuildLimits, capacity: usize) -> Self {
        let mut dom = Dom::new();
        dom.nodes.reserve(capacity);
        // pages carry about one attribute per two or three nodes: reserving
        // spares the store the copies of growing by doubling
        dom.reserve_attrs(capacity / 2);
        let mut depths = Vec::with_capacity(capacity);
        depths.push(0);
        TreeBuilder {
            dom,
            depths,
            open: OpenStack::new(),
            afe: Vec::new(),
            mode: Mode::Initial,
            orig_mode: None,
            template_modes: Vec::new(),
            head: None,
            form: None,
            frameset_ok: true,
            foster: false,
            ignore_lf: false,
            quirks: false,
            pending: String::new(),
            spare_attrs: Vec::new(),
            next_state: State::Data,
            limits,
            tags_seen: 0,
            exceeded: None,
        }
    }

    fn fail(&mut self, kind: ErrorKind) {
        if self.exceeded.is_none() {
            self.exceeded = Some(kind);
        }
    }

    // ---- node creation and insertion (mirrors the html5ever adapter) ----

    fn new_node(&mut self, kind: NodeKind) -> NodeId {
        if self.dom.len() >= self.limits.max_nodes {
            self.fail(ErrorKind::TooManyNodes);
        }
        self.depths.push(0);
        self.dom.push(kind)
    }

    fn create_element(&mut self, ns: Ns, l: L, name: &str, mut attrs: Vec<Attr>) -> NodeId {
        let tag = match (ns, l) {
            (Ns::Html, L::T(t)) => t,
            (Ns::Html, _) => Tag::Other,
            _ if name == "svg" => Tag::Svg,
            _ if name == "math" => Tag::Math,
            _ => Tag::Other,
        };
        if attrs.len() > self.limits.max_attrs {
            self.fail(ErrorKind::TooManyAttributes);
            attrs.truncate(self.limits.max_attrs);
        }
        let attrs_range = if attrs.is_empty() {
            AttrRange::default()
        } else {
            self.dom.store_attrs(&mut attrs)
        };
        // the emptied vector goes back to the tokenizer for a later tag
        std::mem::swap(&mut self.spare_attrs, &mut attrs);
        if attrs.capacity() == 0 {
            // the usual case: the spare was lent out, and a vector without
            // capacity owns no memory, so forgetting it skips an out-of-line drop
            std::mem::forget(attrs);
        }
        let other: Box<str> = if tag == Tag::Other {
            name.into()
        } else {
            "".into()
        };
        let id = self.new_node(NodeKind::Element {
            tag,
            name: other,
            attrs: attrs_range,
        });
        if ns == Ns::Html && tag == Tag::Template {
            // the template's contents: always the next node
            self.new_node(NodeKind::Document);
        }
        id
    }

    fn is_template(&self, id: NodeId) -> bool {
        self.dom.tag(id) == Some(Tag::Template)
    }

    fn contents(id: NodeId) -> NodeId {
        NodeId(id.0 + 1)
    }

    /// The recorded depth of a node (`depths` grows with the tree, one entry per node).
    fn depth(&self, id: NodeId) -> u32 {
        self.depths.get(id.index()).copied().unwrap_or(0)
    }

    fn set_depth(&mut self, child: NodeId, depth: u32) {
        if let Some(d) = self.depths.get_mut(child.index()) {
            *d = depth;
        }
        if self.is_template(child) {
            if let Some(d) = self.depths.get_mut(Self::contents(child).index()) {
                *d = depth;
            }
        }
        if depth as usize > self.limits.max_depth {
            self.fail(ErrorKind::TooDeep);
        }
    }

    fn append(&mut self, parent: NodeId, child: NodeId) {
        self.dom.append_child(parent, child);
        let d = self.depth(parent).saturating_add(1);
        self.set_depth(child, d);
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.dom.insert_before(sibling, child);
        let d = self.depth(sibling);
        self.set_depth(child, d);
    }

    fn place(&self, target: Option<NodeId>) -> Place {
        let target = target.unwrap_or_else(|| self.cur().id);
        let t = self.dom.tag(target);
        let foster_target = matches!(
            t,
            Some(Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr)
        );
        if !(self.foster && foster_target) {
            if t == Some(Tag::Template) {
                return Place::Last(Self::contents(target));
            }
            return Place::Last(target);
        }
        for (i, e) in self.open.iter().enumerate().rev() {
            match e.l {
                L::T(Tag::Template) => return Place::Last(Self::contents(e.id)),
                L::T(Tag::Table) => {
                    return Place::Foster {
                        table: e.id,
                        prev: self.open.get(i.saturating_sub(1)).map_or(e.id, |p| p.id),
                    }
                }
                _ => {}
            }
        }
        Place::Last(self.open.first().map_or(NodeId::ROOT, |e| e.id))
    }

    fn insert_node(&mut self, place: Place, node: NodeId) {
        match place {
            Place::Last(p) => self.append(p, node),
            Place::Foster { table, prev } => {
                if self.dom.parent(table).is_some() {
                    self.insert_before(table, node);
                } else {
                    self.append(prev, node);
                }
            }
        }
    }

    fn append_text_to(&mut self, parent: NodeId, text: &str) {
        if let Some(last) = self.dom.last_child_raw(parent) {
            if let NodeKind::Text(t) = self.dom.kind_mut(last) {
                t.push_str(text);
                return;
            }
        }
        let id = self.new_node(NodeKind::Text(text.into()));
        self.dom.append_child(parent, id);
    }

    fn insert_text(&mut self, text: &str) {
        match self.place(None) {
            Place::Last(p) => self.append_text_to(p, text),
            Place::Foster { table, prev } => {
                if self.dom.parent(table).is_some() {
                    if let Some(p) = self.dom.prev_sibling(table) {
                        if let NodeKind::Text(t) = self.dom.kind_mut(p) {
                            t.push_str(text);
                            return;
                        }
                    }
                    let id = self.new_node(NodeKind::Text(text.into()));
                    self.dom.insert_before(table, id);
                } else {
                    self.append_text_to(prev, text);
                }
            }
        }
    }

    fn insert_comment(&mut self) {
        let place = self.place(None);
        let id = self.new_node(NodeKind::Other);
        self.insert_node(place, id);
    }

    fn comment_to(&mut self, parent: NodeId) {
        let id = self.new_node(NodeKind::Other);
        self.append(parent, id);
    }

    fn insert_element(&mut self, push: bool, ns: Ns, l: L, name: &str, attrs: Vec<Attr>) -> NodeId {
        let place = self.place(None);
        let id = self.create_element(ns, l, name, attrs);
        self.insert_node(place, id);
        if push {
            self.open.push(Open { id, ns, l });
        }
        id
    }

    fn insert_for(&mut self, s: Start<'_>) -> NodeId {
        self.insert_element(true, Ns::Html, s.l, s.name, s.attrs)
    }

    fn insert_void(&mut self, s: Start<'_>) -> NodeId {
        self.insert_element(false, Ns::Html, s.l, s.name, s.attrs)
    }

    fn insert_phantom(&mut self, t: Tag) -> NodeId {
        self.insert_element(true, Ns::Html, L::T(t), t.as_str(), Vec::new())
    }

    fn add_attrs_if_missing(&mut self, target: NodeId, attrs: Vec<Attr>) {
        self.dom
            .add_attrs_if_missing(target, attrs, self.limits.max_attrs);
    }

    // ---- stack of open elements ----

    fn cur(&self) -> Open {
        *self.open.last().unwrap_or(&Open {
            id: NodeId::ROOT,
            ns: Ns::Html,
            l: L::T(Tag::Other),
        })
    }

    fn cur_is(&self, t: Tag) -> bool {
        self.open.last().is_some_and(|e| e.l == L::T(t))
    }

    fn named(&self, e: &Open, l: L, name: &str) -> bool {
        e.l == l && (l != L::T(Tag::Other) || self.dom.tag_name(e.id) == name)
    }

    fn in_scope(&self, scope: fn(L) -> bool, l: L) -> bool {
        if l == L::T(Tag::P) && !self.open.has_p() {
            return false;
        }
        for e in self.open.iter().rev() {
            if e.l == l {
                return true;
            }
            if scope(e.l) {
                return false;
            }
        }
        false
    }

    fn in_scope_by(&self, scope: fn(L) -> bool, pred: impl Fn(&Open) -> bool) -> bool {
        for e in self.open.iter().rev() {
            if pred(e) {
                return true;
            }
            if scope(e.l) {
                return false;
            }
        }
        false
    }

    fn has_open(&self, t: Tag) -> bool {
        self.open.iter().any(|e| e.l == L::T(t))
    }

    fn pop(&mut self) {
        self.open.pop();
    }

    fn generate_implied_end(&mut self, set: fn(L) -> bool) {
        while let Some(e) = self.open.last() {
            if !set(e.l) {
                return;
            }
            self.open.pop();
        }
    }

    fn generate_implied_end_except(&mut self, except: L) {
        while let Some(e) = self.open.last() {
            if e.l == except || !cursory_implied_end(e.l) {
                return;
            }
            self.open.pop();
        }
    }

    fn pop_until_current(&mut self, set: fn(L) -> bool) {
        while let Some(e) = self.open.last() {
            if set(e.l) {
                return;
            }
            self.open.pop();
        }
    }

    fn pop_until(&mut self, pred: impl Fn(L) -> bool) {
        while let Some(e) = self.open.pop() {
            if pred(e.l) {
                return;
            }
        }
    }

    fn pop_until_named(&mut self, l: L) {
        self.pop_until(|x| x == l);
    }

    fn close_p(&mut self) {
        self.generate_implied_end_except(L::T(Tag::P));
        self.pop_until_named(L::T(Tag::P));
    }

    fn close_p_in_button_scope(&mut self) {
        if self.in_scope(button_scope, L::T(Tag::P)) {
            self.close_p();
        }
    }

    fn remove_from_stack(&mut self, id: NodeId) {
        if let Some(p) = self.open.iter().rposition(|e| e.id == id) {
            self.open.remove(p);
        }
    }

    fn body_elem(&self) -> Option<NodeId> {
        match self.open.get(1) {
            Some(e) if e.l == L::T(Tag::Body) => Some(e.id),
            _ => None,
        }
    }

    // ---- active formatting elements ----

    fn afe_position(&self, id: NodeId) -> Option<usize> {
        self.afe
            .iter()
            .position(|e| matches!(e, Entry::Elem { id: x, .. } if *x == id))
    }

    fn is_open(&self, id: NodeId) -> bool {
        self.open.iter().rev().any(|e| e.id == id)
    }

    fn reconstruct_afe(&mut self) {
        let Some(last) = self.afe.last() else { return };
        match last {
            Entry::Marker => return,
            Entry::Elem { id, .. } => {
                if self.is_open(*id) {
                    return;
                }
            }
        }
        let mut i = self.afe.len() - 1;
        while i > 0 {
            i -= 1;
            let stop = match self.afe.get(i) {
                Some(Entry::Marker) | None => true,
                Some(Entry::Elem { id, .. }) => self.is_open(*id),
            };
            if stop {
                i += 1;
                break;
            }
        }
        loop {
            let (tag, attrs) = match self.afe.get(i) {
                Some(&Entry::Elem { tag, id }) => (tag, self.dom.attrs(id).to_vec()),
                Some(Entry::Marker) | None => return,
            };
            let new = self.insert_element(true, Ns::Html, L::T(tag), tag.as_str(), attrs);
            if let Some(Entry::Elem { id, .. }) = self.afe.get_mut(i) {
                *id = new;
            }
            if i == self.afe.len() - 1 {
                break;
            }
            i += 1;
        }
    }

    fn clear_afe_to_marker(&mut self) {
        while let Some(e) = self.afe.pop() {
            if matches!(e, Entry::Marker) {
                break;
            }
        }
    }

    fn create_formatting(&mut self, s: Start<'_>) {
        let L::T(tag) = s.l else { return };
        let mut first = None;
        let mut matches = 0;
        for (i, e) in self.afe.iter().enumerate().rev() {
            match e {
                Entry::Marker => break,
                Entry::Elem { tag: t, id } => {
                    if *t == tag && attrs_equiv(self.dom.attrs(*id), &s.attrs) {
                        first = Some(i);
                        matches += 1;
                    }
                }
            }
        }
        if matches >= 3 {
            if let Some(f) = first {
                self.afe.remove(f);
            }
        }
        let id = self.insert_element(true, Ns::Html, s.l, s.name, s.attrs);
        self.afe.push(Entry::Elem { id, tag });
    }

    /// The adoption agency algorithm for an end tag of formatting element `subject`.
    fn adoption_agency(&mut self, subject: Tag) {
        let cur = self.cur();
        if cur.l == L::T(subject) && self.afe_position(cur.id).is_none() {
            self.pop();
            return;
        }
        for _ in 0..8 {
            let mut found = None;
            for (i, e) in self.afe.iter().enumerate().rev() {
                match e {
                    Entry::Marker => break,
                    Entry::Elem { id, tag, .. } if *tag == subject => {
                        found = Some((i, *id));
                        break;
                    }
                    _ => {}
                }
            }
            let Some((fmt_afe_index, fmt_elem)) = found else {
                self.end_tag_in_body_generic(L::T(subject), subject.as_str());
                return;
            };
            let Some(fmt_stack_index) = self.open.iter().rposition(|e| e.id == fmt_elem) else {
                self.afe.remove(fmt_afe_index);
                return;
            };
            if !self.in_scope_by(default_scope, |e| e.id == fmt_elem) {
                return;
            }
            let furthest = self
                .open
                .iter()
                .skip(fmt_stack_index)
                .position(|e| special(e.l))
                .map(|p| p + fmt_stack_index);
            let Some(fb_index) = furthest else {
                self.open.truncate(fmt_stack_index);
                self.afe.remove(fmt_afe_index);
                return;
            };
            // the formatting element is never the bottom of the stack (`<html>` is)
            let open_id = |i: Option<usize>| i.and_then(|i| self.open.get(i)).map(|e| e.id);
            let (Some(furthest_block), Some(common_ancestor)) = (
                open_id(Some(fb_index)),
                open_id(fmt_stack_index.checked_sub(1)),
            ) else {
                return;
            };
            // bookmark: Ok(replace this) / Err(insert after this)
            let mut bookmark: Result<NodeId, NodeId> = Ok(fmt_elem);
            let mut node_index = fb_index;
            let mut last_node = furthest_block;
            let mut inner = 0;
            loop {
                inner += 1;
                // the formatting element sits below the furthest block, so it is
                // reached before the bottom of the stack
                node_index -= 1;
                let Some(node) = self.open.get(node_index).map(|e| e.id) else {
                    break;
                };
                if node == fmt_elem {
                    break;
                }
                if inner > 3 {
                    if let Some(p) = self.afe_position(node) {
                        self.afe.remove(p);
                    }
                    self.open.remove(node_index);
                    continue;
                }
                let Some(node_afe) = self.afe_position(node) else {
                    self.open.remove(node_index);
                    continue;
                };
                let (tag, attrs) = match self.afe.get(node_afe) {
                    Some(&Entry::Elem { tag, id }) => (tag, self.dom.attrs(id).to_vec()),
                    Some(Entry::Marker) | None => return,
                };
                let new = self.create_element(Ns::Html, L::T(tag), tag.as_str(), attrs);
                self.open.replace(
                    node_index,
                    Open {
                        id: new,
                        ns: Ns::Html,
                        l: L::T(tag),
                    },
                );
                if let Some(Entry::Elem { id, .. }) = self.afe.get_mut(node_afe) {
                    *id = new;
                }
                if last_node == furthest_block {
                    bookmark = Err(new);
                }
                self.dom.detach(last_node);
                self.append(new, last_node);
                last_node = new;
            }
            let fmt_attrs = self.dom.attrs(fmt_elem).to_vec();
            self.dom.detach(last_node);
            let place = self.place(Some(common_ancestor));
            self.insert_node(place, last_node);
            let new = self.create_element(Ns::Html, L::T(subject), subject.as_str(), fmt_attrs);
            let entry = Entry::Elem {
                id: new,
                tag: subject,
            };
            // reparent the furthest block's children
            let depth = self.depth(new).saturating_add(1);
            while let Some(c) = self.dom.first_child(furthest_block) {
                self.dom.append_child(new, c);
                self.set_depth(c, depth);
            }
            self.append(furthest_block, new);
            match bookmark {
                Ok(old) => {
                    if let Some(slot) = self.afe_position(old).and_then(|p| self.afe.get_mut(p)) {
                        *slot = entry;
                    }
                }
                Err(prev) => {
                    if let Some(p) = self.afe_position(prev) {
                        self.afe.insert(p + 1, entry);
                    }
                    if let Some(p) = self.afe_position(fmt_elem) {
                        self.afe.remove(p);
                    }
                }
            }
            self.remove_from_stack(fmt_elem);
            if let Some(p) = self.open.iter().position(|e| e.id == furthest_block) {
                self.open.insert(
                    p + 1,
                    Open {
                        id: new,
                        ns: Ns::Html,
                        l: L::T(subject),
                    },
                );
            }
        }
    }

    /// "Any other end tag" in body.
    fn end_tag_in_body_generic(&mut self, l: L, name: &str) {
        let mut found = None;
        for (i, e) in self.open.iter().enumerate().rev() {
            if self.named(e, l, name) {
                found = Some(i);
                break;
            }
            if special(e.l) {
                return;
            }
        }
        let Some(i) = found else { return };
        self.generate_implied_end_except(l);
        self.open.truncate(i);
    }

    fn misnested_a(&mut self) {
        let mut node = None;
        for e in self.afe.iter().rev() {
            match e {
                Entry::Marker => break,
                Entry::Elem {
                    id, tag: Tag::A, ..
                } => {
                    node = Some(*id);
                    break;
                }
                _ => {}
            }
        }
        let Some(node) = node else { return };
        self.adoption_agency(Tag::A);
        if let Some(p) = self.afe_position(node) {
            self.afe.remove(p);
        }
        self.remove_from_stack(node);
    }

    fn reset_mode(&self) -> Mode {
        for (i, e) in self.open.iter().enumerate().rev() {
            let last = i == 0;
            let L::T(t) = e.l else { continue };
            match t {
                Tag::Td | Tag::Th if !last => return Mode::InCell,
                Tag::Tr => return Mode::InRow,
                Tag::Tbody | Tag::Thead | Tag::Tfoot => return Mode::InTableBody,
                Tag::Caption => return Mode::InCaption,
                Tag::Colgroup => return Mode::InColumnGroup,
                Tag::Table => return Mode::InTable,
                Tag::Template => {
                    return *self.template_modes.last().unwrap_or(&Mode::InBody);
                }
                Tag::Head if !last => return Mode::InHead,
                Tag::Body => return Mode::InBody,
                Tag::Frameset => return Mode::InFrameset,
                Tag::Html => {
                    return if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ => {}
            }
        }
        Mode::InBody
    }

    fn close_the_cell(&mut self) {
        self.generate_implied_end(cursory_implied_end);
        self.pop_until(|l| matches!(l, L::T(Tag::Td | Tag::Th)));
        self.clear_afe_to_marker();
    }

    fn raw_text(&mut self, s: Start<'_>, state: State) {
        self.insert_for(s);
        self.orig_mode = Some(self.mode);
        self.mode = Mode::Text;
        self.next_state = state;
    }

    // ---- dispatch ----

    fn process(&mut self, tok: Tok<'_>) {
        let mut tok = tok;
        loop {
            let flow = if self.is_foreign(&tok) {
                self.step_foreign(tok)
            } else {
                self.step(self.mode, tok)
            };
            match flow {
                Flow::Done => return,
                Flow::Reprocess(m, t) => {
                    self.mode = m;
                    tok = t;
                }
            }
        }
    }

    fn is_foreign(&self, tok: &Tok<'_>) -> bool {
        if matches!(tok, Tok::Eof) {
            return false;
        }
        let Some(cur) = self.open.last() else {
            return false;
        };
        if cur.ns == Ns::Html {
            return false;
        }
        match cur.l {
            L::Mi | L::Mo | L::Mn | L::Ms | L::Mtext => match tok {
                Tok::Chars(..) | Tok::Null => return false,
                Tok::Start(s) if s.name != "mglyph" && s.name != "malignmark" => return false,
                _ => {}
            },
            L::ForeignObject | L::Desc | L::SvgTitle => {
                if matches!(tok, Tok::Chars(..) | Tok::Null | Tok::Start(_)) {
                    return false;
                }
            }
            L::AnnotationXml => {
                if let Tok::Start(s) = tok {
                    if s.name == "svg" {
                        return false;
                    }
                }
            }
            _ => {}
        }
        true
    }

    /// Split a character token at its first whitespace/non-whitespace boundary.
    fn split<'t>(&mut self, text: &'t str) -> Flow<'t> {
        let b = text.as_bytes();
        let ws = b.first().copied().is_some_and(is_ws);
        let n = b.iter().position(|&c| is_ws(c) != ws).unwrap_or(b.len());
        let status = if ws { Split::Ws } else { Split::NotWs };
        if n == b.len() {
            return Flow::Reprocess(self.mode, Tok::Chars(text, status));
        }
        self.process(Tok::Chars(&text[..n], status));
        self.process(Tok::Chars(&text[n..], Split::Whole));
        Flow::Done
    }

    /// Rules shared by the modes that split character tokens at whitespace.
    /// Returns the token back when none applies.
    fn step_shared<'t>(&mut self, mode: Mode, tok: Tok<'t>) -> Result<Flow<'t>, Tok<'t>> {
        use Mode::*;
        let inserts_ws = matches!(
            mode,
            InHead | AfterHead | InColumnGroup | InFrameset | AfterFrameset
        );
        let body_ws = matches!(mode, AfterBody | AfterAfterBody | AfterAfterFrameset);
        if !(inserts_ws || body_ws || matches!(mode, Initial | BeforeHtml | BeforeHead)) {
            return Err(tok);
        }
        match tok {
            Tok::Chars(t, Split::Whole) => Ok(self.split(t)),
            Tok::Chars(t, Split::Ws) => {
                if inserts_ws {
                    self.insert_text(t);
                } else if body_ws {
                    return Ok(self.step(InBody, tok));
                }
                Ok(Flow::Done)
            }
            Tok::Comment if inserts_ws || mode == BeforeHead => {
                self.insert_comment();
                Ok(Flow::Done)
            }
            Tok::Start(ref s)
                if s.l == L::T(Tag::Html) && !matches!(mode, Initial | BeforeHtml) =>
            {
                Ok(self.step(InBody, tok))
            }
            tok => Err(tok),
        }
    }

    fn step<'t>(&mut self, mode: Mode, tok: Tok<'t>) -> Flow<'t> {
        let tok = match self.step_shared(mode, tok) {
            Ok(flow) => return flow,
            Err(tok) => tok,
        };
        match mode {
            Mode::Initial => match tok {
                Tok::Comment => {
                    self.comment_to(NodeId::ROOT);
                    Flow::Done
                }
                tok => {
                    self.quirks = true;
                    Flow::Reprocess(Mode::BeforeHtml, tok)
                }
            },
            Mode::BeforeHtml => match tok {
                Tok::Comment => {
                    self.comment_to(NodeId::ROOT);
                    Flow::Done
                }
                Tok::Start(s) if s.l == L::T(Tag::Html) => {
                    self.create_root(s.attrs);
                    self.mode = Mode::BeforeHead;
                    Flow::Done
                }
                Tok::End(e) if ignored_early_end(e.l) => Flow::Done,
                tok => {
                    self.create_root(Vec::new());
                    Flow::Reprocess(Mode::BeforeHead, tok)
                }
            },
            Mode::BeforeHead => match tok {
                Tok::Start(s) if s.l == L::T(Tag::Head) => {
                    self.head = Some(self.insert_for(s));
                    self.mode = Mode::InHead;
                    Flow::Done
                }
                Tok::End(e) if ignored_early_end(e.l) => Flow::Done,
                tok => {
                    self.head = Some(self.insert_phantom(Tag::Head));
                    Flow::Reprocess(Mode::InHead, tok)
                }
            },
            Mode::InHead => self.in_head(tok),
            Mode::InHeadNoscript => match tok {
                Tok::Start(ref s) if s.l == L::T(Tag::Html) => self.step(Mode::InBody, tok),
                Tok::End(e) if e.l == L::T(Tag::Noscript) => {
                    self.pop();
                    self.mode = Mode::InHead;
                    Flow::Done
                }
                Tok::Chars(t, Split::Whole) => self.split(t),
                tok @ (Tok::Chars(_, Split::Ws) | Tok::Comment) => self.step(Mode::InHead, tok),
                Tok::Start(s)
                    if matches!(
                        s.l,
                        L::Basefont
                            | L::Bgsound
                            | L::T(Tag::Link | Tag::Meta | Tag::Noframes | Tag::Style)
                    ) =>
                {
                    self.step(Mode::InHead, Tok::Start(s))
                }
                Tok::Start(s) if matches!(s.l, L::T(Tag::Head | Tag::Noscript)) => Flow::Done,
                Tok::End(e) if e.l != L::T(Tag::Br) => Flow::Done,
                tok => {
                    self.pop();
                    Flow::Reprocess(Mode::InHead, tok)
                }
            },
            Mode::AfterHead => match tok {
                Tok::Start(s) if s.l == L::T(Tag::Body) => {
                    self.insert_for(s);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                    Flow::Done
                }
                Tok::Start(s) if s.l == L::T(Tag::Frameset) => {
                    self.insert_for(s);
                    self.mode = Mode::InFrameset;
                    Flow::Done
                }
                Tok::Start(s)
                    if matches!(
                        s.l,
                        L::Basefont
                            | L::Bgsound
                            | L::T(
                                Tag::Base
                                    | Tag::Link
                                    | Tag::Meta
                                    | Tag::Noframes
                                    | Tag::Script
                                    | Tag::Style
                                    | Tag::Template
                                    | Tag::Title
                            )
                    ) =>
                {
                    let Some(head) = self.head else {
                        return Flow::Done;
                    };
                    self.open.push(Open {
                        id: head,
                        ns: Ns::Html,
                        l: L::T(Tag::Head),
                    });
                    let r = self.step(Mode::InHead, Tok::Start(s));
                    self.remove_from_stack(head);
                    r
                }
                Tok::End(e) if e.l == L::T(Tag::Template) => self.step(Mode::InHead, Tok::End(e)),
                Tok::Start(s) if s.l == L::T(Tag::Head) => Flow::Done,
                Tok::End(e) if !matches!(e.l, L::T(Tag::Body | Tag::Html | Tag::Br)) => Flow::Done,
                tok => {
                    self.insert_phantom(Tag::Body);
                    Flow::Reprocess(Mode::InBody, tok)
                }
            },
            Mode::InBody => self.in_body(tok),
            Mode::Text => match tok {
                Tok::Chars(t, _) => {
                    self.insert_text(t);
                    Flow::Done
                }
                Tok::Eof => {
                    self.pop();
                    let m = self.orig_mode.take().unwrap_or(Mode::InBody);
                    Flow::Reprocess(m, Tok::Eof)
                }
                Tok::End(_) => {
                    self.pop();
                    self.mode = self.orig_mode.take().unwrap_or(Mode::InBody);
                    Flow::Done
                }
                _ => Flow::Done,
            },
            Mode::InTable => self.in_table(tok),
            Mode::InTableText => match tok {
                Tok::Null => Flow::Done,
                Tok::Chars(t, _) => {
                    self.pending.push_str(t);
                    Flow::Done
                }
                tok => {
                    let pending = std::mem::take(&mut self.pending);
                    if any_not_ws(&pending) {
                        self.foster = true;
                        let _ = self.step(Mode::InBody, Tok::Chars(&pending, Split::Whole));
                        self.foster = false;
                    } else if !pending.is_empty() {
                        self.insert_text(&pending);
                    }
                    self.pending = pending;
                    self.pending.clear();
                    let m = self.orig_mode.take().unwrap_or(Mode::InTable);
                    Flow::Reprocess(m, tok)
                }
            },
            Mode::InCaption => match tok {
                Tok::Start(ref s) if table_part(s.l) => self.caption_end(tok),
                Tok::End(ref e) if matches!(e.l, L::T(Tag::Table | Tag::Caption)) => {
                    self.caption_end(tok)
                }
                // (`</caption>` was handled above)
                Tok::End(ref e)
                    if table_part(e.l) || matches!(e.l, L::T(Tag::Body | Tag::Html)) =>
                {
                    Flow::Done
                }
                tok => self.step(Mode::InBody, tok),
            },
            Mode::InColumnGroup => match tok {
                Tok::Start(s) if s.l == L::T(Tag::Col) => {
                    self.insert_void(s);
                    Flow::Done
                }
                Tok::End(e) if e.l == L::T(Tag::Colgroup) => {
                    if self.cur_is(Tag::Colgroup) {
                        self.pop();
                        self.mode = Mode::InTable;
                    }
                    Flow::Done
                }
                Tok::End(e) if e.l == L::T(Tag::Col) => Flow::Done,
                Tok::Start(ref s) if s.l == L::T(Tag::Template) => self.step(Mode::InHead, tok),
                Tok::End(ref e) if e.l == L::T(Tag::Template) => self.step(Mode::InHead, tok),
                Tok::Eof => self.step(Mode::InBody, tok),
                tok => {
                    if self.cur_is(Tag::Colgroup) {
                        self.pop();
                        Flow::Reprocess(Mode::InTable, tok)
                    } else {
                        Flow::Done
                    }
                }
            },
            Mode::InTableBody => self.in_table_body(tok),
            Mode::InRow => self.in_row(tok),
            Mode::InCell => self.in_cell(tok),
            Mode::InTemplate => self.in_template(tok),
            Mode::AfterBody => match tok {
                Tok::Comment => {
                    let html = self.open.first().map_or(NodeId::ROOT, |e| e.id);
                    self.comment_to(html);
                    Flow::Done
                }
                Tok::End(ref e) if e.l == L::T(Tag::Html) => {
                    self.mode = Mode::AfterAfterBody;
                    Flow::Done
                }
                Tok::Eof => Flow::Done,
                tok => Flow::Reprocess(Mode::InBody, tok),
            },
            Mode::InFrameset => match tok {
                Tok::Start(s) if s.l == L::T(Tag::Frameset) => {
                    self.insert_for(s);
                    Flow::Done
                }
                Tok::End(e) if e.l == L::T(Tag::Frameset) => {
                    if self.open.len() > 1 {
                        self.pop();
                        if !self.cur_is(Tag::Frameset) {
                            self.mode = Mode::AfterFrameset;
                        }
                    }
                    Flow::Done
                }
                Tok::Start(s) if s.l == L::T(Tag::Frame) => {
                    self.insert_void(s);
                    Flow::Done
                }
                Tok::Start(ref s) if s.l == L::T(Tag::Noframes) => self.step(Mode::InHead, tok),
                _ => Flow::Done,
            },
            Mode::AfterFrameset => match tok {
                Tok::End(e) if e.l == L::T(Tag::Html) => {
                    self.mode = Mode::AfterAfterFrameset;
                    Flow::Done
                }
                Tok::Start(ref s) if s.l == L::T(Tag::Noframes) => self.step(Mode::InHead, tok),
                _ => Flow::Done,
            },
            Mode::AfterAfterBody => match tok {
                Tok::Comment => {
                    self.comment_to(NodeId::ROOT);
                    Flow::Done
                }
                Tok::Eof => Flow::Done,
                tok => Flow::Reprocess(Mode::InBody, tok),
            },
            Mode::AfterAfterFrameset => match tok {
                Tok::Comment => {
                    self.comment_to(NodeId::ROOT);
                    Flow::Done
                }
                Tok::Start(ref s) if s.l == L::T(Tag::Noframes) => self.step(Mode::InHead, tok),
                _ => Flow::Done,
            },
        }
    }

    fn create_root(&mut self, attrs: Vec<Attr>) {
        let id = self.create_element(Ns::Html, L::T(Tag::Html), "html", attrs);
        self.open.push(Open {
            id,
            ns: Ns::Html,
            l: L::T(Tag::Html),
        });
        self.append(NodeId::ROOT, id);
    }

    fn caption_end<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        if !self.in_scope(table_scope, L::T(Tag::Caption)) {
            return Flow::Done;
        }
        self.generate_implied_end(cursory_implied_end);
        self.pop_until_named(L::T(Tag::Caption));
        self.clear_afe_to_marker();
        match tok {
            Tok::End(e) if e.l == L::T(Tag::Caption) => {
                self.mode = Mode::InTable;
                Flow::Done
            }
            tok => Flow::Reprocess(Mode::InTable, tok),
        }
    }

    fn in_head<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        match tok {
            Tok::Start(s) => match s.l {
                L::Basefont | L::Bgsound | L::T(Tag::Base | Tag::Link | Tag::Meta) => {
                    self.insert_void(s);
                    Flow::Done
                }
                L::T(Tag::Title) => {
                    self.raw_text(s, State::Rcdata);
                    Flow::Done
                }
                L::T(Tag::Noscript) => {
                    self.insert_for(s);
                    self.mode = Mode::InHeadNoscript;
                    Flow::Done
                }
                L::T(Tag::Noframes | Tag::Style) => {
                    self.raw_text(s, State::Rawtext);
                    Flow::Done
                }
                L::T(Tag::Script) => {
                    self.raw_text(s, State::ScriptData);
                    Flow::Done
                }
                L::T(Tag::Template) => {
                    self.afe.push(Entry::Marker);
                    self.frameset_ok = false;
                    self.mode = Mode::InTemplate;
                    self.template_modes.push(Mode::InTemplate);
                    let shadow = s.attrs.iter().any(|a| {
                        &*a.name == "shadowrootmode" && matches!(&*a.value, "open" | "closed")
                    });
                    if shadow && self.open.len() > 1 {
                        // html5ever creates (and drops) an element for the shadow
                        // root attempt first; keep the same node numbering.
                        self.create_element(Ns::Html, s.l, s.name, s.attrs.clone());
                    }
                    self.insert_for(s);
                    Flow::Done
                }
                L::T(Tag::Head) => Flow::Done,
                _ => {
                    self.pop();
                    Flow::Reprocess(Mode::AfterHead, Tok::Start(s))
                }
            },
            Tok::End(e) => match e.l {
                L::T(Tag::Head) => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Flow::Done
                }
                L::T(Tag::Body | Tag::Html | Tag::Br) => {
                    self.pop();
                    Flow::Reprocess(Mode::AfterHead, Tok::End(e))
                }
                L::T(Tag::Template) => {
                    if self.has_open(Tag::Template) {
                        self.generate_implied_end(thorough_implied_end);
                        self.pop_until_named(L::T(Tag::Template));
                        self.clear_afe_to_marker();
                        self.template_modes.pop();
                        self.mode = self.reset_mode();
                    }
                    Flow::Done
                }
                _ => Flow::Done,
            },
            tok => {
                self.pop();
                Flow::Reprocess(Mode::AfterHead, tok)
            }
        }
    }

    fn in_body<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        match tok {
            Tok::Null => Flow::Done,
            Tok::Chars(t, _) => {
                self.body_text(t);
                Flow::Done
            }
            Tok::Comment => {
                self.insert_comment();
                Flow::Done
            }
            Tok::Eof => {
                if !self.template_modes.is_empty() {
                    return self.step(Mode::InTemplate, Tok::Eof);
                }
                Flow::Done
            }
            Tok::Start(s) => self.start_in_body(s),
            Tok::End(e) => self.end_in_body(e),
        }
    }

    /// Characters in body.
    fn body_text(&mut self, t: &str) {
        self.reconstruct_afe();
        // once unset the flag stays unset: skip scanning (often long) white
        // space between tags for nothing
        if self.frameset_ok && any_not_ws(t) {
            self.frameset_ok = false;
        }
        self.insert_text(t);
    }

    fn start_in_body<'t>(&mut self, s: Start<'t>) -> Flow<'t> {
        use Tag::*;
        match s.l {
            L::T(Html) => {
                if !self.has_open(Template) {
                    if let Some(html) = self.open.first().map(|e| e.id) {
                        self.add_attrs_if_missing(html, s.attrs);
                    }
                }
            }
            L::Basefont
            | L::Bgsound
            | L::T(Base | Link | Meta | Noframes | Script | Style | Template | Title) => {
                return self.step(Mode::InHead, Tok::Start(s));
            }
            L::T(Body) => {
                if let Some(body) = self.body_elem() {
                    if self.open.len() != 1 && !self.has_open(Template) {
                        self.frameset_ok = false;
                        self.add_attrs_if_missing(body, s.attrs);
                    }
                }
            }
            L::T(Frameset) => {
                if !self.frameset_ok {
                    return Flow::Done;
                }
                let Some(body) = self.body_elem() else {
                    return Flow::Done;
                };
                self.dom.detach(body);
                self.open.truncate(1);
                self.insert_for(s);
                self.mode = Mode::InFrameset;
            }
            L::Dir
            | L::T(
                Address | Article | Aside | Blockquote | Center | Details | Dialog | Div | Dl
                | Fieldset | Figcaption | Figure | Footer | Header | Hgroup | Main | Nav | Ol | P
                | Search | Section | Summary | Ul | Menu,
            ) => {
                self.close_p_in_button_scope();
                self.insert_for(s);
            }
            L::T(H1 | H2 | H3 | H4 | H5 | H6) => {
                self.close_p_in_button_scope();
                if heading(self.cur().l) {
                    self.pop();
                }
                self.insert_for(s);
            }
            L::T(Pre) | L::Listing => {
                self.close_p_in_button_scope();
                self.insert_for(s);
                self.ignore_lf = true;
                self.frameset_ok = false;
            }
            L::T(Form) => {
                let in_template = self.has_open(Template);
                if self.form.is_some() && !in_template {
                    return Flow::Done;
                }
                self.close_p_in_button_scope();
                let id = self.insert_for(s);
                if !in_template {
                    self.form = Some(id);
                }
            }
            L::T(Li | Dd | Dt) => {
                let list = s.l == L::T(Li);
                self.frameset_ok = false;
                let mut to_close = None;
                for e in self.open.iter().rev() {
                    let can_close = if list {
                        e.l == L::T(Li)
                    } else {
                        matches!(e.l, L::T(Dd | Dt))
                    };
                    if can_close {
                        to_close = Some(e.l);
                        break;
                    }
                    if special(e.l) && !matches!(e.l, L::T(Address | Div | P)) {
                        break;
                    }
                }
                if let Some(l) = to_close {
                    self.generate_implied_end_except(l);
                    self.pop_until_named(l);
                }
                self.close_p_in_button_scope();
                self.insert_for(s);
            }
            L::Plaintext => {
                self.close_p_in_button_scope();
                self.insert_for(s);
                self.next_state = State::Plaintext;
            }
            L::T(Button) => {
                if self.in_scope(default_scope, L::T(Button)) {
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until_named(L::T(Button));
                }
                self.reconstruct_afe();
                self.insert_for(s);
                self.frameset_ok = false;
            }
            L::T(A) => {
                self.misnested_a();
                self.reconstruct_afe();
                self.create_formatting(s);
            }
            L::T(B | Big | Code | Em | Font | I | S | Small | Strike | Strong | Tt | U) => {
                self.reconstruct_afe();
                self.create_formatting(s);
            }
            L::T(Nobr) => {
                self.reconstruct_afe();
                if self.in_scope(default_scope, L::T(Nobr)) {
                    self.adoption_agency(Nobr);
                    self.reconstruct_afe();
                }
                self.create_formatting(s);
            }
            L::Applet | L::T(Marquee | Object) => {
                self.reconstruct_afe();
                self.insert_for(s);
                self.afe.push(Entry::Marker);
                self.frameset_ok = false;
            }
            L::T(Table) => {
                if !self.quirks {
                    self.close_p_in_button_scope();
                }
                self.insert_for(s);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            L::Keygen | L::T(Area | Br | Embed | Img | Wbr) => {
                self.reconstruct_afe();
                self.insert_void(s);
                self.frameset_ok = false;
            }
            L::T(Input) => {
                if self.in_scope(default_scope, L::T(Select)) {
                    self.pop_until_named(L::T(Select));
                }
                let hidden = s
                    .attrs
                    .iter()
                    .find(|a| &*a.name == "type")
                    .is_some_and(|a| a.value.eq_ignore_ascii_case("hidden"));
                self.reconstruct_afe();
                self.insert_void(s);
                if !hidden {
                    self.frameset_ok = false;
                }
            }
            L::T(Param | Source | Track) => {
                self.insert_void(s);
            }
            L::T(Hr) => {
                self.close_p_in_button_scope();
                if self.in_scope(default_scope, L::T(Select)) {
                    self.generate_implied_end(cursory_implied_end);
                }
                self.insert_void(s);
                self.frameset_ok = false;
            }
            L::Image => {
                return self.start_in_body(Start {
                    name: "img",
                    l: L::T(Img),
                    attrs: s.attrs,
                    self_closing: s.self_closing,
                });
            }
            L::T(Textarea) => {
                self.ignore_lf = true;
                self.frameset_ok = false;
                self.raw_text(s, State::Rcdata);
            }
            L::Xmp => {
                self.close_p_in_button_scope();
                self.reconstruct_afe();
                self.frameset_ok = false;
                self.raw_text(s, State::Rawtext);
            }
            L::T(Iframe) => {
                self.frameset_ok = false;
                self.raw_text(s, State::Rawtext);
            }
            L::Noembed => self.raw_text(s, State::Rawtext),
            L::T(Select) => {
                if self.in_scope(default_scope, L::T(Select)) {
                    self.pop_until_named(L::T(Select));
                } else {
                    self.reconstruct_afe();
                    self.insert_for(s);
                    self.frameset_ok = false;
                }
            }
            L::T(Option) => {
                if self.in_scope(default_scope, L::T(Select)) {
                    self.generate_implied_end_except(L::T(Optgroup));
                } else if self.cur_is(Option) {
                    self.pop();
                }
                self.reconstruct_afe();
                self.insert_for(s);
            }
            L::T(Optgroup) => {
                if self.in_scope(default_scope, L::T(Select)) {
                    self.generate_implied_end(cursory_implied_end);
                } else if self.cur_is(Option) {
                    self.pop();
                }
                self.reconstruct_afe();
                self.insert_for(s);
            }
            L::Rb | L::Rtc => {
                if self.in_scope(default_scope, L::T(Ruby)) {
                    self.generate_implied_end(cursory_implied_end);
                }
                self.insert_for(s);
            }
            L::T(Rp | Rt) => {
                if self.in_scope(default_scope, L::T(Ruby)) {
                    self.generate_implied_end_except(L::Rtc);
                }
                self.insert_for(s);
            }
            L::T(Math) => {
                self.reconstruct_afe();
                self.enter_foreign(s, Ns::MathMl);
            }
            L::T(Svg) => {
                self.reconstruct_afe();
                self.enter_foreign(s, Ns::Svg);
            }
            L::T(
                Caption | Col | Colgroup | Frame | Head | Tbody | Td | Tfoot | Th | Thead | Tr,
            ) => {}
            _ => {
                self.reconstruct_afe();
                self.insert_for(s);
            }
        }
        Flow::Done
    }

    fn end_in_body<'t>(&mut self, e: End<'t>) -> Flow<'t> {
        use Tag::*;
        match e.l {
            L::T(Template) => return self.step(Mode::InHead, Tok::End(e)),
            L::T(Body) => {
                if self.in_scope(default_scope, L::T(Body)) {
                    self.mode = Mode::AfterBody;
                }
            }
            L::T(Html) => {
                if self.in_scope(default_scope, L::T(Body)) {
                    return Flow::Reprocess(Mode::AfterBody, Tok::End(e));
                }
            }
            L::Dir
            | L::Listing
            | L::T(
                Address | Article | Aside | Blockquote | Button | Center | Details | Dialog | Div
                | Dl | Fieldset | Figcaption | Figure | Footer | Header | Hgroup | Main | Menu
                | Nav | Ol | Pre | Search | Section | Select | Summary | Ul,
            ) => {
                if self.in_scope(default_scope, e.l) {
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until_named(e.l);
                }
            }
            L::T(Form) => {
                if !self.has_open(Template) {
                    let Some(node) = self.form.take() else {
                        return Flow::Done;
                    };
                    if !self.in_scope_by(default_scope, |x| x.id == node) {
                        return Flow::Done;
                    }
                    self.generate_implied_end(cursory_implied_end);
                    self.remove_from_stack(node);
                } else {
                    if !self.in_scope(default_scope, L::T(Form)) {
                        return Flow::Done;
                    }
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until_named(L::T(Form));
                }
            }
            L::T(P) => {
                if !self.in_scope(button_scope, L::T(P)) {
                    self.insert_phantom(P);
                }
                self.close_p();
            }
            L::T(Li) => {
                if self.in_scope(list_item_scope, e.l) {
                    self.generate_implied_end_except(e.l);
                    self.pop_until_named(e.l);
                }
            }
            L::T(Dd | Dt) => {
                if self.in_scope(default_scope, e.l) {
                    self.generate_implied_end_except(e.l);
                    self.pop_until_named(e.l);
                }
            }
            L::T(H1 | H2 | H3 | H4 | H5 | H6) => {
                if self.in_scope_by(default_scope, |x| heading(x.l)) {
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until(heading);
                }
            }
            L::T(
                t @ (A | B | Big | Code | Em | Font | I | Nobr | S | Small | Strike | Strong | Tt
                | U),
            ) => {
                self.adoption_agency(t);
            }
            L::Applet | L::T(Marquee | Object) => {
                if self.in_scope(default_scope, e.l) {
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until_named(e.l);
                    self.clear_afe_to_marker();
                }
            }
            L::T(Br) => {
                return self.start_in_body(Start {
                    name: "br",
                    l: L::T(Br),
                    attrs: Vec::new(),
                    self_closing: false,
                });
            }
            _ => self.end_tag_in_body_generic(e.l, e.name),
        }
        Flow::Done
    }

    fn foster_in_body<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        self.foster = true;
        let r = self.step(Mode::InBody, tok);
        self.foster = false;
        r
    }

    fn in_table<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        match tok {
            Tok::Null | Tok::Chars(..) => {
                if matches!(self.cur().l, L::T(Table | Tbody | Tfoot | Thead | Tr)) {
                    self.orig_mode = Some(self.mode);
                    Flow::Reprocess(Mode::InTableText, tok)
                } else {
                    self.foster_in_body(tok)
                }
            }
            Tok::Comment => {
                self.insert_comment();
                Flow::Done
            }
            Tok::Start(s) => match s.l {
                L::T(Caption) => {
                    self.pop_until_current(table_scope);
                    self.afe.push(Entry::Marker);
                    self.insert_for(s);
                    self.mode = Mode::InCaption;
                    Flow::Done
                }
                L::T(Colgroup) => {
                    self.pop_until_current(table_scope);
                    self.insert_for(s);
                    self.mode = Mode::InColumnGroup;
                    Flow::Done
                }
                L::T(Col) => {
                    self.pop_until_current(table_scope);
                    self.insert_phantom(Colgroup);
                    Flow::Reprocess(Mode::InColumnGroup, Tok::Start(s))
                }
                L::T(Tbody | Tfoot | Thead) => {
                    self.pop_until_current(table_scope);
                    self.insert_for(s);
                    self.mode = Mode::InTableBody;
                    Flow::Done
                }
                L::T(Td | Th | Tr) => {
                    self.pop_until_current(table_scope);
                    self.insert_phantom(Tbody);
                    Flow::Reprocess(Mode::InTableBody, Tok::Start(s))
                }
                L::T(Table) => {
                    if self.in_scope(table_scope, L::T(Table)) {
                        self.pop_until_named(L::T(Table));
                        let m = self.reset_mode();
                        Flow::Reprocess(m, Tok::Start(s))
                    } else {
                        Flow::Done
                    }
                }
                L::T(Style | Script | Template) => self.step(Mode::InHead, Tok::Start(s)),
                L::T(Input) => {
                    let hidden = s
                        .attrs
                        .iter()
                        .find(|a| &*a.name == "type")
                        .is_some_and(|a| a.value.eq_ignore_ascii_case("hidden"));
                    if hidden {
                        self.insert_void(s);
                        Flow::Done
                    } else {
                        self.foster_in_body(Tok::Start(s))
                    }
                }
                L::T(Form) => {
                    if !self.has_open(Template) && self.form.is_none() {
                        self.form = Some(self.insert_void(s));
                    }
                    Flow::Done
                }
                _ => self.foster_in_body(Tok::Start(s)),
            },
            Tok::End(e) => match e.l {
                L::T(Table) => {
                    if self.in_scope(table_scope, L::T(Table)) {
                        self.pop_until_named(L::T(Table));
                        self.mode = self.reset_mode();
                    }
                    Flow::Done
                }
                L::T(
                    Body | Caption | Col | Colgroup | Html | Tbody | Td | Tfoot | Th | Thead | Tr,
                ) => Flow::Done,
                L::T(Template) => self.step(Mode::InHead, Tok::End(e)),
                _ => self.foster_in_body(Tok::End(e)),
            },
            Tok::Eof => self.step(Mode::InBody, tok),
        }
    }

    fn in_table_body<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        match tok {
            Tok::Start(s) if s.l == L::T(Tr) => {
                self.pop_until_current(table_body_context);
                self.insert_for(s);
                self.mode = Mode::InRow;
                Flow::Done
            }
            Tok::Start(s) if matches!(s.l, L::T(Th | Td)) => {
                self.pop_until_current(table_body_context);
                self.insert_phantom(Tr);
                Flow::Reprocess(Mode::InRow, Tok::Start(s))
            }
            Tok::End(e) if matches!(e.l, L::T(Tbody | Tfoot | Thead)) => {
                if self.in_scope(table_scope, e.l) {
                    self.pop_until_current(table_body_context);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Flow::Done
            }
            Tok::Start(ref s)
                if matches!(s.l, L::T(Caption | Col | Colgroup | Tbody | Tfoot | Thead)) =>
            {
                self.table_body_exit(tok)
            }
            Tok::End(ref e) if e.l == L::T(Table) => self.table_body_exit(tok),
            Tok::End(ref e)
                if matches!(
                    e.l,
                    L::T(Body | Caption | Col | Colgroup | Html | Td | Th | Tr)
                ) =>
            {
                Flow::Done
            }
            tok => self.step(Mode::InTable, tok),
        }
    }

    fn table_body_exit<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        if self.in_scope_by(table_scope, |e| {
            matches!(e.l, L::T(Tag::Table | Tag::Tbody | Tag::Tfoot))
        }) {
            self.pop_until_current(table_body_context);
            self.pop();
            Flow::Reprocess(Mode::InTable, tok)
        } else {
            Flow::Done
        }
    }

    fn close_row(&mut self) {
        self.pop_until_current(table_row_context);
        self.pop();
    }

    fn in_row<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        match tok {
            Tok::Start(s) if matches!(s.l, L::T(Th | Td)) => {
                self.pop_until_current(table_row_context);
                self.insert_for(s);
                self.mode = Mode::InCell;
                self.afe.push(Entry::Marker);
                Flow::Done
            }
            Tok::End(e) if e.l == L::T(Tr) => {
                if self.in_scope(table_scope, L::T(Tr)) {
                    self.close_row();
                    self.mode = Mode::InTableBody;
                }
                Flow::Done
            }
            Tok::Start(ref s)
                if matches!(
                    s.l,
                    L::T(Caption | Col | Colgroup | Tbody | Tfoot | Thead | Tr)
                ) =>
            {
                self.row_exit(tok)
            }
            Tok::End(ref e) if e.l == L::T(Table) => self.row_exit(tok),
            Tok::End(e) if matches!(e.l, L::T(Tbody | Tfoot | Thead)) => {
                if self.in_scope(table_scope, e.l) && self.in_scope(table_scope, L::T(Tr)) {
                    self.close_row();
                    return Flow::Reprocess(Mode::InTableBody, Tok::End(e));
                }
                Flow::Done
            }
            Tok::End(ref e)
                if matches!(e.l, L::T(Body | Caption | Col | Colgroup | Html | Td | Th)) =>
            {
                Flow::Done
            }
            tok => self.step(Mode::InTable, tok),
        }
    }

    fn row_exit<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        if self.in_scope(table_scope, L::T(Tag::Tr)) {
            self.close_row();
            Flow::Reprocess(Mode::InTableBody, tok)
        } else {
            Flow::Done
        }
    }

    fn in_cell<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        match tok {
            Tok::End(e) if matches!(e.l, L::T(Td | Th)) => {
                if self.in_scope(table_scope, e.l) {
                    self.generate_implied_end(cursory_implied_end);
                    self.pop_until_named(e.l);
                    self.clear_afe_to_marker();
                    self.mode = Mode::InRow;
                }
                Flow::Done
            }
            Tok::Start(ref s) if table_part(s.l) => {
                if self.in_scope_by(table_scope, |e| matches!(e.l, L::T(Td | Th))) {
                    self.close_the_cell();
                    Flow::Reprocess(Mode::InRow, tok)
                } else {
                    Flow::Done
                }
            }
            Tok::End(ref e) if matches!(e.l, L::T(Body | Caption | Col | Colgroup | Html)) => {
                Flow::Done
            }
            Tok::End(ref e) if matches!(e.l, L::T(Table | Tbody | Tfoot | Thead | Tr)) => {
                if self.in_scope(table_scope, e.l) {
                    self.close_the_cell();
                    Flow::Reprocess(Mode::InRow, tok)
                } else {
                    Flow::Done
                }
            }
            tok => self.step(Mode::InBody, tok),
        }
    }

    fn in_template<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        let switch = |this: &mut Self, m: Mode| {
            this.template_modes.pop();
            this.template_modes.push(m);
        };
        match tok {
            Tok::Chars(..) | Tok::Null | Tok::Comment => self.step(Mode::InBody, tok),
            Tok::Start(ref s)
                if matches!(
                    s.l,
                    L::Basefont
                        | L::Bgsound
                        | L::T(Base | Link | Meta | Noframes | Script | Style | Template | Title)
                ) =>
            {
                self.step(Mode::InHead, tok)
            }
            Tok::End(ref e) if e.l == L::T(Template) => self.step(Mode::InHead, tok),
            Tok::Start(ref s)
                if matches!(s.l, L::T(Caption | Colgroup | Tbody | Tfoot | Thead)) =>
            {
                switch(self, Mode::InTable);
                Flow::Reprocess(Mode::InTable, tok)
            }
            Tok::Start(ref s) if s.l == L::T(Col) => {
                switch(self, Mode::InColumnGroup);
                Flow::Reprocess(Mode::InColumnGroup, tok)
            }
            Tok::Start(ref s) if s.l == L::T(Tr) => {
                switch(self, Mode::InTableBody);
                Flow::Reprocess(Mode::InTableBody, tok)
            }
            Tok::Start(ref s) if matches!(s.l, L::T(Td | Th)) => {
                switch(self, Mode::InRow);
                Flow::Reprocess(Mode::InRow, tok)
            }
            Tok::Eof => {
                if !self.has_open(Template) {
                    return Flow::Done;
                }
                self.pop_until_named(L::T(Template));
                self.clear_afe_to_marker();
                self.template_modes.pop();
                self.mode = self.reset_mode();
                Flow::Reprocess(self.reset_mode(), tok)
            }
            Tok::Start(_) => {
                switch(self, Mode::InBody);
                Flow::Reprocess(Mode::InBody, tok)
            }
            Tok::End(_) => Flow::Done,
        }
    }

    // ---- foreign content ----

    fn enter_foreign(&mut self, mut s: Start<'_>, ns: Ns) {
        foreign::adjust_attributes(ns, &mut s.attrs);
        let l = classify_foreign(ns, s.name);
        self.insert_element(!s.self_closing, ns, l, s.name, s.attrs);
    }

    fn step_foreign<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        use Tag::*;
        match tok {
            Tok::Null => {
                self.insert_text("\u{FFFD}");
                Flow::Done
            }
            Tok::Chars(t, _) => {
                if self.frameset_ok && any_not_ws(t) {
                    self.frameset_ok = false;
                }
                self.insert_text(t);
                Flow::Done
            }
            Tok::Comment => {
                self.insert_comment();
                Flow::Done
            }
            Tok::Start(s) => {
                let breakout = match s.l {
                    L::Listing
                    | L::T(
                        B | Big | Blockquote | Body | Br | Center | Code | Dd | Div | Dl | Dt | Em
                        | Embed | H1 | H2 | H3 | H4 | H5 | H6 | Head | Hr | I | Img | Li | Menu
                        | Meta | Nobr | Ol | P | Pre | Ruby | S | Small | Span | Strong | Strike
                        | Sub | Sup | Table | Tt | U | Ul | Var,
                    ) => true,
                    L::T(Font) => s
                        .attrs
                        .iter()
                        .any(|a| matches!(&*a.name, "color" | "face" | "size")),
                    _ => false,
                };
                if breakout {
                    return self.foreign_breakout(Tok::Start(s));
                }
                self.foreign_start(s);
                Flow::Done
            }
            Tok::End(e) => {
                if matches!(e.l, L::T(Br | P)) {
                    return self.foreign_breakout(Tok::End(e));
                }
                let mut idx = self.open.len() - 1;
                let mut first = true;
                loop {
                    if idx == 0 {
                        return Flow::Done;
                    }
                    let Some(&node) = self.open.get(idx) else {
                        return Flow::Done;
                    };
                    if !first && node.ns == Ns::Html {
                        let m = self.mode;
                        return self.step(m, Tok::End(e));
                    }
                    if self.dom.tag_name(node.id).eq_ignore_ascii_case(e.name) {
                        self.open.truncate(idx);
                        return Flow::Done;
                    }
                    first = false;
                    idx -= 1;
                }
            }
            Tok::Eof => Flow::Done,
        }
    }

    fn foreign_breakout<'t>(&mut self, tok: Tok<'t>) -> Flow<'t> {
        while let Some(c) = self.open.last() {
            if c.ns == Ns::Html
                || matches!(
                    c.l,
                    L::Mi
                        | L::Mo
                        | L::Mn
                        | L::Ms
                        | L::Mtext
                        | L::ForeignObject
                        | L::Desc
                        | L::SvgTitle
                )
            {
                break;
            }
            self.open.pop();
        }
        let m = self.mode;
        self.step(m, tok)
    }

    fn foreign_start(&mut self, mut s: Start<'_>) {
        let ns = self.cur().ns;
        let mut name_buf = None;
        if ns == Ns::Svg {
            if let Some(adjusted) = foreign::svg_tag_name(s.name) {
                name_buf = Some(adjusted);
            }
        }
        let name = name_buf.unwrap_or(s.name);
        foreign::adjust_attributes(ns, &mut s.attrs);
        let l = classify_foreign(ns, name);
        self.insert_element(!s.self_closing, ns, l, name, s.attrs);
    }

    /// True when a token goes straight to the "in body" rules: the mode is in
    /// body and the current node is an HTML element, so no foreign-content rule
    /// applies. Most tokens of a page take this path; [`TreeBuilder::process`]
    /// would reach the same rules through its general dispatch.
    fn plain_body(&self) -> bool {
        self.mode == Mode::InBody && self.open.last().is_none_or(|e| e.ns == Ns::Html)
    }

    /// Finish a token handled outside [`TreeBuilder::process`]: one handed back
    /// for another mode is processed as `process` would.
    fn finish(&mut self, flow: Flow<'_>) {
        if let Flow::Reprocess(mode, tok) = flow {
            self.mode = mode;
            self.process(tok);
        }
    }

    fn check_time(&mut self) {
        self.tags_seen = self.tags_seen.wrapping_add(1);
        if self.tags_seen % 256 == 0 && self.limits.started.elapsed() > self.limits.budget {
            self.fail(ErrorKind::TimeBudgetExceeded);
        }
    }
}

impl TokenSink for TreeBuilder {
    fn characters(&mut self, text: &str) {
        let mut text = text;
        if std::mem::take(&mut self.ignore_lf) {
            if let Some(rest) = text.strip_prefix('\n') {
                text = rest;
            }
            if text.is_empty() {
                return;
            }
        }
        if self.plain_body() {
            self.body_text(text);
        } else {
            self.process(Tok::Chars(text, Split::Whole));
        }
    }

    fn null_character(&mut self) {
        self.ignore_lf = false;
        self.process(Tok::Null);
    }

    fn start_tag(&mut self, tag: StartTag<'_>) -> State {
        self.ignore_lf = false;
        self.next_state = State::Data;
        self.check_time();
        let l = classify(tag.name);
        let attrs = std::mem::replace(tag.attrs, std::mem::take(&mut self.spare_attrs));
        let s = Start {
            name: tag.name,
            l,
            attrs,
            self_closing: tag.self_closing,
        };
        if self.plain_body() {
            let flow = self.start_in_body(s);
            self.finish(flow);
        } else {
            self.process(Tok::Start(s));
        }
        self.next_state
    }

    fn end_tag(&mut self, name: &str) {
        self.ignore_lf = false;
        self.check_time();
        let l = classify(name);
        let e = End { name, l };
        if self.plain_body() {
            let flow = self.end_in_body(e);
            self.finish(flow);
        } else {
            self.process(Tok::End(e));
        }
    }

    fn comment(&mut self, _text: &str) {
        self.ignore_lf = false;
        self.process(Tok::Comment);
    }

    fn doctype(&mut self, d: Doctype) {
        self.ignore_lf = false;
        if self.mode == Mode::Initial {
            self.quirks = super::quirks::is_quirks(&d);
            self.mode = Mode::BeforeHtml;
        }
    }

    fn eof(&mut self) {
        self.ignore_lf = false;
        self.process(Tok::Eof);
    }

    fn cdata_allowed(&self) -> bool {
        self.open.last().is_some_and(|e| e.ns != Ns::Html)
    }

    fn stopped(&self) -> bool {
        self.exceeded.is_some()
    }
}
