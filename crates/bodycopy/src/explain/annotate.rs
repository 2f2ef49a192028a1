//! The page re-serialised as safe HTML, each candidate block annotated with its
//! decision. Safe by construction: elements and attributes are written from an
//! allow-list view of the tree (scripts, frames, objects, forms' targets, meta
//! refreshes, event handlers and `javascript:` URLs never reach the output), and
//! a Content-Security-Policy in the head forbids scripts and every fetch but
//! images, styles and fonts, should anything slip through.

use super::{Decision, ExplainedBlock, Kept};
use crate::dom::{Dom, NodeId, NodeKind};

/// The policy written into the annotated page's head.
const CSP: &str = "default-src 'none'; img-src * data:; style-src * 'unsafe-inline'; \
                   font-src * data:; script-src 'none'; object-src 'none'; frame-src 'none'; \
                   form-action 'none'; base-uri *";

/// Elements left out with everything inside them: active content, frames,
/// plugins, media (fetched, and not images or styles), metadata that acts.
const DROPPED: &[&str] = &[
    "script",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "base",
    "meta",
    "svg",
    "math",
    "audio",
    "video",
    "track",
    "portal",
    "fencedframe",
    "noembed",
    "noframes",
    "canvas",
];

/// Elements whose content the browser would read as raw text: written as `<pre>`.
const AS_PRE: &[&str] = &["xmp", "listing", "plaintext"];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "br", "col", "hr", "img", "input", "link", "source", "wbr", "keygen",
];

/// Attributes never written (the `on…` handlers are refused by name).
const DROPPED_ATTRS: &[&str] = &[
    "srcdoc",
    "action",
    "formaction",
    "ping",
    "http-equiv",
    "nonce",
    "autofocus",
    "target",
    "method",
    "formtarget",
    "xmlns",
];

/// Attributes holding URLs, checked for scripting schemes.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "background",
    "poster",
    "cite",
    "longdesc",
    "usemap",
    "lowsrc",
    "dynsrc",
    "data",
    "codebase",
    "manifest",
    "icon",
    "profile",
    "xlink:href",
];

/// Serialise the kept tree with the blocks' decisions on their elements.
pub(super) fn annotate(
    k: &Kept,
    blocks: &[ExplainedBlock],
    nodes: &[NodeId],
    base: Option<&str>,
) -> String {
    let dom = &k.dom;
    let mut block_of = vec![u32::MAX; dom.len()];
    for (i, n) in nodes.iter().enumerate() {
        block_of[n.index()] = i as u32;
    }
    let mut w = Writer {
        dom,
        k,
        blocks,
        block_of,
        base: base.filter(|b| {
            let l = b.trim_start().to_ascii_lowercase();
            l.starts_with("http://") || l.starts_with("https://")
        }),
        out: String::with_capacity(dom.len() * 16),
    };
    w.out.push_str("<!DOCTYPE html>\n");
    w.document();
    w.out
}

struct Writer<'a> {
    dom: &'a Dom,
    k: &'a Kept,
    blocks: &'a [ExplainedBlock],
    block_of: Vec<u32>,
    base: Option<&'a str>,
    out: String,
}

/// A step of the iterative walk (pages can nest deeper than the stack allows).
enum Step {
    Open(NodeId),
    Close(String),
}

impl Writer<'_> {
    fn document(&mut self) {
        let mut stack: Vec<Step> = self
            .dom
            .children(NodeId::ROOT)
            .map(Step::Open)
            .collect::<Vec<_>>();
        stack.reverse();
        while let Some(step) = stack.pop() {
            match step {
                Step::Close(name) => {
                    self.out.push_str("</");
                    self.out.push_str(&name);
                    self.out.push('>');
                }
                Step::Open(id) => self.open(id, &mut stack),
            }
        }
    }

    fn open(&mut self, id: NodeId, stack: &mut Vec<Step>) {
        let dom = self.dom;
        match &dom.node(id).kind {
            NodeKind::Text(t) => {
                let parent = dom.parent(id).map(|p| dom.tag_name(p)).unwrap_or("");
                if parent == "style" {
                    // raw text: written as is unless it could end the element early
                    if !t.to_ascii_lowercase().contains("</style") {
                        self.out.push_str(t);
                    }
                } else {
                    escape(&mut self.out, t, false);
                }
            }
            NodeKind::Element { .. } => self.element(id, stack),
            NodeKind::Document | NodeKind::Other => {}
        }
    }

    fn element(&mut self, id: NodeId, stack: &mut Vec<Step>) {
        let dom = self.dom;
        let raw = dom.tag_name(id);
        if DROPPED.contains(&raw) {
            return;
        }
        let name: &str = if AS_PRE.contains(&raw) {
            "pre"
        } else if raw == "noscript" {
            // its content is read as markup by the pipeline: shown as such in
            // the body (where its blocks are explained), left out of the head
            if !self.k.stats.visible(id) {
                return;
            }
            "div"
        } else if !valid_name(raw) {
            "span"
        } else {
            raw
        };
        if name == "link" && !is_stylesheet(dom, id) {
            return;
        }
        let in_picture = dom.parent(id).is_some_and(|p| dom.tag_name(p) == "picture");
        if name == "source" && !in_picture {
            return;
        }
        self.out.push('<');
        self.out.push_str(name);
        let mut has_title = false;
        for a in dom.attrs(id) {
            if !keep_attr(name, &a.name, &a.value) {
                continue;
            }
            has_title |= &*a.name == "title";
            self.attr(&a.name, &a.value);
        }
        let block = self.block_of[id.index()];
        if let Some(b) = self.blocks.get(block as usize) {
            let decision = match b.decision {
                Decision::Kept => "kept",
                Decision::Dropped => "dropped",
            };
            self.attr("data-bc-id", &b.id.to_string());
            self.attr("data-bc-decision", decision);
            self.attr("data-bc-rule", &b.rule);
            if !has_title {
                let title = if b.rule.starts_with(decision) {
                    b.rule.clone()
                } else {
                    format!("{decision}: {}", b.rule)
                };
                self.attr("title", &title);
            }
        }
        self.out.push('>');
        if name == "head" {
            self.head_start();
        }
        if VOID.contains(&name) {
            return;
        }
        stack.push(Step::Close(name.to_string()));
        let kids: Vec<NodeId> = dom.children(id).collect();
        stack.extend(kids.into_iter().rev().map(Step::Open));
    }

    /// Our own head: the charset, the policy, and the page's URL as base for its
    /// relative image and style URLs.
    fn head_start(&mut self) {
        self.out.push_str("<meta charset=\"utf-8\">");
        self.out
            .push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
        escape(&mut self.out, CSP, true);
        self.out.push_str("\">");
        if let Some(base) = self.base {
            self.out.push_str("<base href=\"");
            escape(&mut self.out, base.trim(), true);
            self.out.push_str("\">");
        }
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape(&mut self.out, value, true);
        self.out.push('"');
    }
}

/// Tag and attribute names written as they are: letters, digits, `-`, `_`, `:`, `.`.
fn valid_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

fn is_stylesheet(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case("stylesheet"))
    })
}

/// Is this attribute safe to write on this element?
fn keep_attr(element: &str, name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if !valid_name(name)
        || lower.starts_with("on")
        || lower.starts_with("data-bc-")
        || DROPPED_ATTRS.contains(&lower.as_str())
    {
        return false;
    }
    if element == "link" && !matches!(lower.as_str(), "href" | "rel" | "media" | "type") {
        return false;
    }
    if element == "source" && lower == "src" {
        return false;
    }
    if !URL_ATTRS.contains(&lower.as_str()) {
        return true;
    }
    // schemes are read the way browsers read them: ASCII white space and
    // control characters inside are ignored, case too
    let scheme: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "livescript:", "mocha:"]
        .iter()
        .any(|s| scheme.starts_with(s))
    {
        return false;
    }
    if scheme.starts_with("data:") {
        let image = matches!(element, "img" | "source" | "input")
            && matches!(lower.as_str(), "src" | "srcset");
        return image && scheme.starts_with("data:image/");
    }
    true
}

/// Escape text (`&`, `<`, `>`) or an attribute value (also `"`).
fn escape(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}
