//! The whole visible text of a page, one block per line, nothing removed: what a
//! web-text corpus stores when a page was turned into text without extraction.
//!
//! This is the input side of [`crate::textclean`]'s evaluation: dev pages turned
//! into "badly extracted" text, chrome and all.

use std::time::Instant;

use crate::dom::{decode, parse, Dom, NodeId, NodeKind, Tag};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::rules::tags;

/// Decode and parse `bytes` as HTML and return every piece of text a reader
/// could see, in document order: each block element (paragraph, heading, list
/// item, table cell, `div`, ...) and each `<br>` starts a new line, runs of
/// white space inside a line become one space, empty lines are left out.
/// Nothing is judged: menus, footers and ads stay in.
///
/// Not text: `<head>`, scripts, styles, templates, embedded documents and
/// media, drop-down options, and elements carrying the `hidden` attribute.
///
/// ```
/// let text = bodycopy::visible_text(b"<nav>Home</nav><p>Rain <b>due</b>.</p><script>x()</script>").unwrap();
/// assert_eq!(text, "Home\nRain due.\n");
/// ```
pub fn visible_text(bytes: &[u8]) -> Result<String, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::EmptyInput));
    }
    let limits = Limits::default();
    if bytes.len() > limits.max_input_bytes {
        return Err(Error::new(ErrorKind::InputTooLarge));
    }
    let decoded = decode::decode(bytes, None);
    let dom = parse::parse_html(&decoded.text, &limits, Instant::now())?;
    let mut out = Lines::default();
    walk(&dom, NodeId::ROOT, &mut out, limits.max_depth);
    out.end_line();
    Ok(out.text)
}

/// Elements whose content no reader sees as text: those that are never content,
/// except the form controls that show their text (buttons, text areas).
fn invisible(tag: Tag) -> bool {
    tags::never_content(tag) && !matches!(tag, Tag::Button | Tag::Textarea)
}

/// The text being built: finished lines plus the current line's words.
#[derive(Default)]
struct Lines {
    text: String,
    line: String,
}

impl Lines {
    fn push(&mut self, s: &str) {
        for (i, w) in s.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.line.ends_with(' ') && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.line.push_str(w);
        }
    }

    fn end_line(&mut self) {
        let t = self.line.trim();
        if !t.is_empty() {
            self.text.push_str(t);
            self.text.push('\n');
        }
        self.line.clear();
    }
}

/// Depth-first walk with an explicit stack (no recursion on deep trees).
fn walk(dom: &Dom, root: NodeId, out: &mut Lines, max_depth: usize) {
    // (node, leaving?) pairs; a block element is pushed twice to end its line on exit
    let mut stack: Vec<(NodeId, bool)> = vec![(root, false)];
    let mut depth: Vec<usize> = vec![0];
    while let Some((id, leaving)) = stack.pop() {
        let d = depth.pop().unwrap_or(0);
        if leaving {
            out.end_line();
            continue;
        }
        match &dom.node(id).kind {
            NodeKind::Text(t) => {
                out.push(t);
                continue;
            }
            NodeKind::Other => continue,
            NodeKind::Element { tag, .. } => {
                if invisible(*tag) || dom.attr(id, "hidden").is_some() {
                    continue;
                }
                if *tag == Tag::Br {
                    out.end_line();
                    continue;
                }
                if tags::is_block(*tag) || matches!(tag, Tag::Li | Tag::Td | Tag::Th) {
                    out.end_line();
                    stack.push((id, true));
                    depth.push(d);
                }
            }
            NodeKind::Document => {}
        }
        if d >= max_depth {
            continue;
        }
        let children: Vec<NodeId> = dom.children(id).collect();
        for c in children.into_iter().rev() {
            stack.push((c, false));
            depth.push(d + 1);
        }
    }
}
