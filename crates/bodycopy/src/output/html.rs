//! Clean HTML from blocks: a safe subset of tags and attributes.
//!
//! Tags: `h1`–`h6`, `p`, `ul`/`ol` (with `start`)/`li`, `blockquote`, `pre`/`code`
//! (`class="language-x"`), `table`/`thead`/`tbody`/`tr`/`th`/`td`, `figure`/`img`
//! (`src`, `alt`)/`figcaption`, `a` (`href`), `strong`, `em`, `code`, `br`.
//! Every text and attribute is escaped; link and image URLs are the absolute
//! `http(s)`/`mailto` URLs resolved while collecting (anything else is dropped),
//! so no script, style, event handler or `javascript:` URL can come through.

use crate::document::{Block, BlockKind, Cell, Span};

/// Render blocks as an HTML fragment, one block per line.
pub fn render(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::new();
    // open lists: (ordered, depth)
    let mut lists: Vec<bool> = Vec::new();
    // the number of the last item written at each depth
    let mut numbers: Vec<u32> = Vec::new();
    let mut i = 0;
    while let Some(b) = blocks.get(i) {
        if let BlockKind::ListItem {
            ordered,
            depth,
            number,
            continued,
        } = &b.kind
        {
            let depth = (*depth as usize).min(lists.len());
            if *continued && depth < lists.len() {
                close_lists(&mut out, &mut lists, depth + 1);
                reopen_item(&mut out);
                out.push(format!("<p>{}</p></li>", inline(b)));
            } else {
                close_lists(&mut out, &mut lists, depth + 1);
                // an ordered item that does not follow the last one starts a new list
                let renumbered = *ordered
                    && numbers
                        .get(depth)
                        .is_some_and(|&n| n.checked_add(1) != Some(*number));
                if lists.len() == depth + 1
                    && (lists.get(depth).is_some_and(|o| o != ordered) || renumbered)
                {
                    close_lists(&mut out, &mut lists, depth);
                }
                if lists.len() == depth {
                    if depth > 0 {
                        reopen_item(&mut out);
                    }
                    out.push(if *ordered && *number != 1 {
                        format!("<ol start=\"{number}\">")
                    } else if *ordered {
                        "<ol>".to_string()
                    } else {
                        "<ul>".to_string()
                    });
                    lists.push(*ordered);
                }
                out.push(format!("<li>{}</li>", inline(b)));
                numbers.truncate(depth);
                numbers.push(*number);
            }
            i += 1;
            continue;
        }
        close_lists(&mut out, &mut lists, 0);
        match &b.kind {
            BlockKind::Quote => {
                let quotes: Vec<String> = blocks
                    .iter()
                    .skip(i)
                    .take_while(|b| matches!(b.kind, BlockKind::Quote))
                    .map(|q| format!("<p>{}</p>", inline(q)))
                    .collect();
                i += quotes.len();
                out.push(format!("<blockquote>{}</blockquote>", quotes.join("")));
                continue;
            }
            BlockKind::Image => {
                let caption = blocks
                    .get(i + 1)
                    .filter(|c| matches!(c.kind, BlockKind::Caption));
                let img = format!(
                    "<img src=\"{}\" alt=\"{}\">",
                    escape(b.src.as_deref().unwrap_or_default()),
                    escape(&b.text)
                );
                match caption {
                    Some(c) => {
                        out.push(format!(
                            "<figure>{img}<figcaption>{}</figcaption></figure>",
                            inline(c)
                        ));
                        i += 2;
                        continue;
                    }
                    None => out.push(format!("<figure>{img}</figure>")),
                }
            }
            _ => out.push(block(b)),
        }
        i += 1;
    }
    close_lists(&mut out, &mut lists, 0);
    out.retain(|l| !l.is_empty());
    out.join("\n")
}

/// Reopen the last `<li>` (its `</li>` was written eagerly) to nest more in it.
fn reopen_item(out: &mut [String]) {
    if let Some(last) = out.last_mut() {
        if let Some(open) = last.strip_suffix("</li>") {
            *last = open.to_string();
        }
    }
}

fn close_lists(out: &mut Vec<String>, lists: &mut Vec<bool>, keep: usize) {
    while lists.len() > keep {
        let ordered = lists.pop().unwrap_or(false);
        out.push(if ordered { "</ol>" } else { "</ul>" }.to_string());
        if !lists.is_empty() {
            out.push("</li>".to_string());
        }
    }
}

fn block(b: &Block) -> String {
    match &b.kind {
        BlockKind::Heading { level } => {
            let l = level.clamp(&1, &6);
            format!("<h{l}>{}</h{l}>", inline(b))
        }
        BlockKind::Code { lang } => {
            let class = lang
                .as_deref()
                .map(|l| format!(" class=\"language-{}\"", escape(l)))
                .unwrap_or_default();
            format!("<pre><code{class}>{}</code></pre>", escape(&b.text))
        }
        BlockKind::Table => table(&b.rows),
        _ => format!("<p>{}</p>", inline(b)),
    }
}

/// An HTML table; the first row goes in `<thead>` when all its cells are headers.
pub fn table(rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("<table>\n");
    let head = rows
        .first()
        .is_some_and(|r| !r.is_empty() && r.iter().all(|c| c.header || c.text.is_empty()));
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        if i == 0 && head {
            out.push_str("<thead>\n");
        }
        if i == usize::from(head) {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for c in row {
            let tag = if c.header { "th" } else { "td" };
            out.push_str(&format!("<{tag}>{}</{tag}>", cell(c)));
        }
        for _ in row.len()..width {
            out.push_str("<td></td>");
        }
        out.push_str("</tr>\n");
        if i == 0 && head {
            out.push_str("</thead>\n");
        }
    }
    if rows.len() > usize::from(head) {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>");
    out
}

fn cell(c: &Cell) -> String {
    match c.blocks.as_slice() {
        [] => escape(&c.text),
        [b] if b.kind == BlockKind::Paragraph => inline(b),
        blocks => render(blocks).replace('\n', ""),
    }
}

/// Inline HTML of a block's spans (falls back to its escaped text).
fn inline(b: &Block) -> String {
    if b.spans.is_empty() {
        return b
            .text
            .lines()
            .map(|l| escape(l.trim()))
            .collect::<Vec<_>>()
            .join("<br>");
    }
    let mut out = String::new();
    for (i, s) in b.spans.iter().enumerate() {
        out.push_str(&span(s));
        if s.line_break && i + 1 < b.spans.len() {
            out.push_str("<br>");
        }
    }
    out.trim().to_string()
}

fn span(s: &Span) -> String {
    let mut body = escape(&s.text);
    if s.text.trim().is_empty() {
        return body;
    }
    if s.code {
        body = format!("<code>{body}</code>");
    }
    if s.emphasis {
        body = format!("<em>{body}</em>");
    }
    if s.strong {
        body = format!("<strong>{body}</strong>");
    }
    match s.link.as_deref().filter(|l| safe_url(l)) {
        Some(href) => format!("<a href=\"{}\">{body}</a>", escape(href)),
        None => body,
    }
}

fn safe_url(u: &str) -> bool {
    let lower = u.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Escape text for HTML content and double-quoted attributes.
pub fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, depth: u8, continued: bool) -> Block {
        Block::new(
            BlockKind::ListItem {
                ordered: false,
                depth,
                number: 1,
                continued,
            },
            text,
        )
    }

    #[test]
    fn nested_lists_nest() {
        let html = render(&[
            item("a", 0, false),
            item("b", 1, false),
            item("more of a", 0, true),
            item("c", 0, false),
        ]);
        assert_eq!(
            html.replace('\n', ""),
            "<ul><li>a<ul><li>b</li></ul><p>more of a</p></li><li>c</li></ul>"
        );
    }

    /// Found by the property tests (`tests/properties.rs`): two ordered lists in a
    /// row were written as one, so the second one's items were renumbered.
    #[test]
    fn an_ordered_list_that_restarts_is_a_new_list() {
        let numbered = |text: &str, number: u32| {
            Block::new(
                BlockKind::ListItem {
                    ordered: true,
                    depth: 0,
                    number,
                    continued: false,
                },
                text,
            )
        };
        let html = render(&[
            numbered("a", 1),
            numbered("b", 2),
            numbered("c", 1),
            numbered("d", 2),
        ]);
        assert_eq!(
            html.replace('\n', ""),
            "<ol><li>a</li><li>b</li></ol><ol><li>c</li><li>d</li></ol>"
        );
    }

    #[test]
    fn unsafe_links_are_dropped() {
        let mut b = Block::new(BlockKind::Paragraph, "x");
        b.spans = vec![Span {
            text: "x".into(),
            link: Some("javascript:alert(1)".into()),
            ..Span::default()
        }];
        assert_eq!(render(&[b]), "<p>x</p>");
    }
}
