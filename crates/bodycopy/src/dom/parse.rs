//! The parser adapter: html5ever's tree builder writing into our arena [`Dom`].
//!
//! html5ever is used with scripting disabled (so `<noscript>` content is parsed
//! as markup, as a reader without JavaScript sees it). Everything html5ever-specific
//! lives in this file; the rest of the crate sees only [`Dom`].

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::time::Instant;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{local_name, ns, Attribute, ParseOpts, QualName};

use super::tag::Tag;
use super::tree::{Attr, Dom, NodeId, NodeKind};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

/// Size of the pieces the decoded text is fed to the parser in; limits are
/// checked between pieces.
const CHUNK: usize = 16 * 1024;

/// Parse decoded HTML into a [`Dom`] with the parser selected at build time:
/// bodycopy's own ([`super::html`]) by default, html5ever with the
/// `html5ever-parser` feature. Both build the same tree.
pub fn parse_html(html: &str, limits: &Limits, started: Instant) -> Result<Dom, Error> {
    if cfg!(feature = "html5ever-parser") {
        parse_html_html5ever(html, limits, started)
    } else {
        super::html::parse_html(html, limits, started)
    }
}

/// Parse decoded HTML into a [`Dom`] with html5ever, enforcing the node, depth, attribute and time limits.
///
/// Two limits are enforced here because html5ever's cost would otherwise grow
/// quadratically with them:
/// - nesting: html5ever scans its stack of open elements on most start tags, so
///   the sink tracks the depth of every node it appends and the parse stops with
///   [`ErrorKind::TooDeep`] (no truncated tree is returned) once an element is
///   deeper than [`Limits::parse_depth_cap`]; the check runs between input pieces,
///   so at most one piece (`CHUNK` bytes) is parsed past the cap;
/// - attributes: the tokenizer checks each attribute against all earlier ones of
///   its tag, so `too_many_attributes` scans the text first and rejects a tag
///   carrying more than [`Limits::PARSE_ATTRIBUTES_FACTOR`] × `max_attributes`.
pub fn parse_html_html5ever(html: &str, limits: &Limits, started: Instant) -> Result<Dom, Error> {
    let attr_cap = limits
        .max_attributes
        .saturating_mul(Limits::PARSE_ATTRIBUTES_FACTOR);
    if too_many_attributes(html.as_bytes(), attr_cap) {
        return Err(Error::new(ErrorKind::TooManyAttributes));
    }
    let sink = Sink::new(limits);
    // html5ever drops a U+FEFF at the start of every piece it is fed (and after
    // every `</script>`), not only at the start of the stream: strip the one
    // leading BOM here and tell html5ever to keep every other U+FEFF.
    let opts = ParseOpts {
        tokenizer: TokenizerOpts {
            discard_bom: false,
            ..Default::default()
        },
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = html.strip_prefix('\u{feff}').unwrap_or(html);
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        parser.process(StrTendril::from_slice(piece));
        let sink = &parser.tokenizer.sink.sink;
        if let Some(kind) = sink.exceeded.take() {
            return Err(Error::new(kind));
        }
        if started.elapsed() > limits.time_budget {
            return Err(Error::new(ErrorKind::TimeBudgetExceeded));
        }
    }
    let (dom, exceeded) = parser.finish();
    if let Some(kind) = exceeded {
        return Err(Error::new(kind));
    }
    Ok(dom)
}

struct Sink {
    dom: RefCell<Dom>,
    /// html5ever's qualified name per node index (a placeholder for non-elements).
    names: RefCell<Vec<QualName>>,
    /// Template contents: template element → fragment node.
    templates: RefCell<HashMap<NodeId, NodeId>>,
    /// Depth per node index (a template's contents count at the template's depth).
    depths: RefCell<Vec<u32>>,
    max_depth: usize,
    max_nodes: usize,
    max_attrs: usize,
    exceeded: Cell<Option<ErrorKind>>,
}

impl Sink {
    fn new(limits: &Limits) -> Self {
        Sink {
            dom: RefCell::new(Dom::new()),
            names: RefCell::new(vec![placeholder_name()]),
            templates: RefCell::new(HashMap::new()),
            depths: RefCell::new(vec![0]),
            max_depth: limits.parse_depth_cap(),
            max_nodes: limits.max_nodes,
            max_attrs: limits.max_attributes,
            exceeded: Cell::new(None),
        }
    }

    fn new_node(&self, kind: NodeKind, name: QualName) -> NodeId {
        let mut dom = self.dom.borrow_mut();
        if dom.len() >= self.max_nodes && self.exceeded.get().is_none() {
            self.exceeded.set(Some(ErrorKind::TooManyNodes));
        }
        let id = dom.push(kind);
        self.names.borrow_mut().push(name);
        self.depths.borrow_mut().push(0);
        id
    }

    /// Record that `child` now sits at `depth` (and so does a template's fragment).
    fn set_depth(&self, child: NodeId, depth: u32) {
        let mut depths = self.depths.borrow_mut();
        if let Some(d) = depths.get_mut(child.index()) {
            *d = depth;
        }
        if let Some(frag) = self.templates.borrow().get(&child) {
            if let Some(d) = depths.get_mut(frag.index()) {
                *d = depth;
            }
        }
        if depth as usize > self.max_depth && self.exceeded.get().is_none() {
            self.exceeded.set(Some(ErrorKind::TooDeep));
        }
    }

    fn depth(&self, id: NodeId) -> u32 {
        self.depths.borrow().get(id.index()).copied().unwrap_or(0)
    }

    fn append_text(&self, parent: NodeId, text: &str) {
        let mut dom = self.dom.borrow_mut();
        if let Some(last) = dom.last_child_raw(parent) {
            if let NodeKind::Text(t) = dom.kind_mut(last) {
                t.push_str(text);
                return;
            }
        }
        drop(dom);
        let id = self.new_node(NodeKind::Text(text.into()), placeholder_name());
        self.dom.borrow_mut().append_child(parent, id);
    }
}

/// An html5ever attribute as the tree's [`Attr`].
fn convert_attr(a: &Attribute) -> Attr {
    Attr {
        name: crate::dom::tree::intern_attr_name(&a.name.local),
        value: (&*a.value).into(),
    }
}

fn placeholder_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = (Dom, Option<ErrorKind>);
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self::Output {
        (self.dom.into_inner(), self.exceeded.get())
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        // the name answered for a handle this sink never made (html5ever only
        // hands back handles it was given, so it is never read in practice)
        static NO_NAME: std::sync::LazyLock<QualName> = std::sync::LazyLock::new(placeholder_name);
        Ref::map(self.names.borrow(), |v| {
            v.get(target.index()).unwrap_or(&NO_NAME)
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let tag = if name.ns == ns!(html) {
            Tag::from_name(&name.local)
        } else if name.local == local_name!("svg") {
            Tag::Svg
        } else if name.local == local_name!("math") {
            Tag::Math
        } else {
            Tag::Other
        };
        let other_name: Box<str> = if tag == Tag::Other {
            (&*name.local).into()
        } else {
            "".into()
        };
        if attrs.len() > self.max_attrs && self.exceeded.get().is_none() {
            self.exceeded.set(Some(ErrorKind::TooManyAttributes));
        }
        let mut attrs: Vec<Attr> = attrs
            .iter()
            .take(self.max_attrs)
            .map(convert_attr)
            .collect();
        let attrs = self.dom.borrow_mut().store_attrs(&mut attrs);
        let id = self.new_node(
            NodeKind::Element {
                tag,
                name: other_name,
                attrs,
            },
            name,
        );
        if flags.template {
            let frag = self.new_node(NodeKind::Document, placeholder_name());
            self.templates.borrow_mut().insert(id, frag);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeKind::Other, placeholder_name())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeKind::Other, placeholder_name())
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(n) => {
                self.dom.borrow_mut().append_child(*parent, n);
                self.set_depth(n, self.depth(*parent).saturating_add(1));
            }
            NodeOrText::AppendText(t) => self.append_text(*parent, &t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().parent(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.templates
            .borrow()
            .get(target)
            .copied()
            .unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendNode(n) => {
                self.dom.borrow_mut().insert_before(*sibling, n);
                self.set_depth(n, self.depth(*sibling));
            }
            NodeOrText::AppendText(t) => {
                let prev = self.dom.borrow().prev_sibling(*sibling);
                if let Some(p) = prev {
                    let mut dom = self.dom.borrow_mut();
                    if let NodeKind::Text(s) = dom.kind_mut(p) {
                        s.push_str(&t);
                        return;
                    }
                }
                let id = self.new_node(NodeKind::Text((&*t).into()), placeholder_name());
                self.dom.borrow_mut().insert_before(*sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.dom.borrow_mut().add_attrs_if_missing(
            *target,
            attrs.iter().map(convert_attr),
            self.max_attrs,
        );
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let depth = self.depth(*new_parent).saturating_add(1);
        let mut dom = self.dom.borrow_mut();
        while let Some(c) = dom.first_child(*node) {
            dom.append_child(*new_parent, c);
            self.set_depth(c, depth);
        }
    }
}

/// Elements whose content the tokenizer reads as raw text up to their end tag.
const RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// True when some tag of `html` carries more than `cap` attributes (duplicates
/// included). A linear approximation of the HTML tokenizer: comments, markup
/// declarations and raw-text elements are skipped, attribute values may be
/// quoted; it only needs to be exact enough not to misfire below `cap`.
pub(crate) fn too_many_attributes(html: &[u8], cap: usize) -> bool {
    let tail = |i: usize| html.get(i..).unwrap_or_default();
    let at = |i: usize| html.get(i).copied();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', tail(i)) {
        i += off + 1;
        let Some(c) = at(i) else { break };
        if c == b'!' {
            // comment or markup declaration
            if tail(i).starts_with(b"!--") {
                match memchr::memmem::find(tail(i + 3), b"-->") {
                    Some(end) => i += 3 + end + 3,
                    None => break,
                }
            } else {
                match memchr::memchr(b'>', tail(i)) {
                    Some(end) => i += end + 1,
                    None => break,
                }
            }
            continue;
        }
        let end_tag = c == b'/';
        let name_start = if end_tag { i + 1 } else { i };
        if !html.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // tag name
        i = name_start;
        while at(i).is_some_and(|c| !is_tag_space(c) && c != b'/' && c != b'>') {
            i += 1;
        }
        let name = html.get(name_start..i).unwrap_or_default();
        // attributes
        let mut count = 0usize;
        loop {
            while at(i).is_some_and(|c| is_tag_space(c) || c == b'/') {
                i += 1;
            }
            match at(i) {
                None => return false,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            // attribute name (a leading '=' belongs to the name)
            i += 1;
            while at(i).is_some_and(|c| !is_tag_space(c) && !matches!(c, b'/' | b'>' | b'=')) {
                i += 1;
            }
            count += 1;
            if count > cap {
                return true;
            }
            while at(i).is_some_and(is_tag_space) {
                i += 1;
            }
            if at(i) == Some(b'=') {
                i += 1;
                while at(i).is_some_and(is_tag_space) {
                    i += 1;
                }
                match at(i) {
                    Some(q @ (b'"' | b'\'')) => match memchr::memchr(q, tail(i + 1)) {
                        Some(end) => i += 1 + end + 1,
                        None => return false,
                    },
                    Some(_) => {
                        while at(i).is_some_and(|c| !is_tag_space(c) && c != b'>') {
                            i += 1;
                        }
                    }
                    None => return false,
                }
            }
        }
        if end_tag {
            continue;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            return false;
        }
        if RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) {
            i = skip_raw_text(html, i, name);
        }
    }
    false
}

/// Position just past the `</name` that closes a raw-text element opened before `from`.
fn skip_raw_text(html: &[u8], mut from: usize, name: &[u8]) -> usize {
    while let Some(off) = memchr::memmem::find(html.get(from..).unwrap_or_default(), b"</") {
        let at = from + off + 2;
        let after = at + name.len();
        if html
            .get(at..after)
            .is_some_and(|closing| closing.eq_ignore_ascii_case(name))
            && html
                .get(after)
                .is_none_or(|&c| is_tag_space(c) || c == b'/' || c == b'>')
        {
            return after;
        }
        from = at;
    }
    html.len()
}

fn is_tag_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::too_many_attributes;

    #[test]
    fn counts_attributes_per_tag() {
        assert!(!too_many_attributes(b"<p a b c>x</p>", 3));
        assert!(too_many_attributes(b"<p a b c d>x</p>", 3));
        assert!(too_many_attributes(b"<p a='1' b=\"2 > 3\" c=4 d>", 3));
        assert!(!too_many_attributes(b"<p a='1 b c d e'>", 3));
        assert!(!too_many_attributes(b"<!-- <p a b c d e> --><p>", 3));
        assert!(!too_many_attributes(
            b"<script>if (a<b c d e f) {}</script><p a>",
            3
        ));
        assert!(too_many_attributes(b"<script></script><p a b c d>", 3));
        assert!(!too_many_attributes(b"a < b c d e f", 3));
    }
}
