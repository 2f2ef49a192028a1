//! The parser adapter: html5ever's tree builder writing into our arena [`Dom`].
//!
//! html5ever is used with scripting disabled (so `<noscript>` content is parsed
//! as markup, as a reader without JavaScript sees it). Everything html5ever-specific
//! lives in this file; the rest of the crate sees only [`Dom`].

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::time::Instant;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{local_name, ns, Attribute, ParseOpts, QualName};

use super::tag::Tag;
use super::tree::{Attr, Dom, NodeId, NodeKind};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

/// Size of the pieces the decoded text is fed to the parser in; limits are
/// checked between pieces.
const CHUNK: usize = 64 * 1024;

/// Parse decoded HTML into a [`Dom`], enforcing the node, depth and time limits.
pub fn parse_html(html: &str, limits: &Limits, started: Instant) -> Result<Dom, Error> {
    let sink = Sink::new(limits);
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = html;
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
    /// Template contents: (template element, fragment node).
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    max_nodes: usize,
    max_attrs: usize,
    exceeded: Cell<Option<ErrorKind>>,
}

impl Sink {
    fn new(limits: &Limits) -> Self {
        Sink {
            dom: RefCell::new(Dom::new()),
            names: RefCell::new(vec![placeholder_name()]),
            templates: RefCell::new(Vec::new()),
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
        id
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
        let id = self.new_node(NodeKind::Text(text.to_string()), placeholder_name());
        self.dom.borrow_mut().append_child(parent, id);
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
        Ref::map(self.names.borrow(), |v| &v[target.index()])
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
        let attrs = attrs
            .into_iter()
            .take(self.max_attrs)
            .map(|a| Attr {
                name: (&*a.name.local).into(),
                value: (&*a.value).into(),
            })
            .collect();
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
            self.templates.borrow_mut().push((id, frag));
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
            NodeOrText::AppendNode(n) => self.dom.borrow_mut().append_child(*parent, n),
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
            .iter()
            .find(|(t, _)| t == target)
            .map(|(_, f)| *f)
            .unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendNode(n) => self.dom.borrow_mut().insert_before(*sibling, n),
            NodeOrText::AppendText(t) => {
                let prev = self.dom.borrow().prev_sibling(*sibling);
                if let Some(p) = prev {
                    let mut dom = self.dom.borrow_mut();
                    if let NodeKind::Text(s) = dom.kind_mut(p) {
                        s.push_str(&t);
                        return;
                    }
                }
                let id = self.new_node(NodeKind::Text(t.to_string()), placeholder_name());
                self.dom.borrow_mut().insert_before(*sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeKind::Element { attrs: existing, .. } = dom.kind_mut(*target) {
            for a in attrs {
                if existing.len() >= self.max_attrs {
                    break;
                }
                if !existing.iter().any(|e| *e.name == *a.name.local) {
                    existing.push(Attr {
                        name: (&*a.name.local).into(),
                        value: (&*a.value).into(),
                    });
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.dom.borrow_mut();
        while let Some(c) = dom.first_child(*node) {
            dom.append_child(*new_parent, c);
        }
    }
}
