//! Markdown (CommonMark + GFM tables) from blocks.
//!
//! The output is built so that a CommonMark/GFM parser reads back the same blocks
//! with the same text (the round-trip test checks it on every benchmark page):
//!
//! - blocks are separated by a blank line; items of one list by a line break;
//! - list items nest by their depth, indented under their parent's content
//!   (ordered markers are as wide as their number); a further paragraph of an
//!   item is indented under it;
//! - text is escaped only where Markdown would read syntax: `*`, `` ` ``, `\` always;
//!   `_` at a word boundary; `]` before `(`, `[` or `:`; `<` before a tag-like
//!   character; `&` before an entity; a line start that would open a heading,
//!   list, quote, fence or rule;
//! - emphasis is written only where its delimiters will be read as such (when a
//!   `*` run could not open or close, the span is written plain rather than with
//!   stray asterisks), never around empty text;
//! - code blocks are fenced with a run longer than any backtick run inside, the
//!   language named by the page as the info string, and the text verbatim;
//! - a table becomes a GFM table (first row as the header, `colspan`/`rowspan`
//!   cells left empty, `|` escaped); a table whose cells hold lists, several
//!   paragraphs or code cannot be written in GFM and is written as an HTML
//!   `<table>` block instead (no blank line inside, so it stays one block);
//! - hard line breaks are a backslash before the newline; no line ends in spaces.

use crate::document::{Block, BlockKind, Cell, Span};

/// Render blocks as Markdown.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    // content indents of the open list items, by depth, and whether each list is ordered
    let mut items: Vec<(usize, bool)> = Vec::new();
    let mut prev: Option<&BlockKind> = None;
    for b in blocks {
        let (sep, md) = match &b.kind {
            BlockKind::ListItem {
                ordered,
                depth,
                number,
                continued,
            } => {
                let depth = (*depth as usize).min(items.len());
                let in_list = matches!(prev, Some(BlockKind::ListItem { .. }));
                if !in_list {
                    items.clear();
                }
                if *continued && depth < items.len() {
                    let indent = items.get(depth).map_or(0, |item| item.0);
                    items.truncate(depth + 1);
                    let text = indent_lines(&paragraph(b), indent);
                    ("\n\n", format!("{}{text}", " ".repeat(indent)))
                } else {
                    let depth = depth.min(items.len());
                    let indent = depth
                        .checked_sub(1)
                        .and_then(|d| items.get(d))
                        .map_or(0, |item| item.0);
                    let number = (*number).min(999_999_999);
                    let marker = if *ordered {
                        format!("{number}.")
                    } else {
                        "-".to_string()
                    };
                    // a list that starts at another number than 1 cannot interrupt a
                    // paragraph, so it needs a blank line before it
                    let new_list = items.get(depth).is_none_or(|&(_, o)| o != *ordered);
                    let sep = if in_list && !(new_list && *ordered && number != 1) {
                        "\n"
                    } else {
                        "\n\n"
                    };
                    let content = indent + marker.len() + 1;
                    items.truncate(depth);
                    items.push((content, *ordered));
                    let text = indent_lines(&paragraph(b), content);
                    (sep, format!("{}{marker} {text}", " ".repeat(indent)))
                }
            }
            BlockKind::Quote => {
                let sep = if matches!(prev, Some(BlockKind::Quote)) {
                    "\n>\n"
                } else {
                    "\n\n"
                };
                let text = paragraph(b)
                    .lines()
                    .map(|l| format!("> {l}"))
                    .collect::<Vec<_>>()
                    .join("\n");
                (sep, text)
            }
            _ => ("\n\n", block(b)),
        };
        if md.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(&md);
        prev = Some(&b.kind);
    }
    out
}

fn block(b: &Block) -> String {
    match &b.kind {
        BlockKind::Heading { level } => heading(*level, &inline_line(b)),
        BlockKind::Code { lang } => code(&b.text, lang.as_deref()),
        BlockKind::Table => table(&b.rows),
        BlockKind::Image => image(&b.text, b.src.as_deref().unwrap_or_default()),
        _ => paragraph(b),
    }
}

/// An ATX heading of already-escaped inline text (a trailing `#` run is escaped
/// so that it is not read as a closing sequence).
pub fn heading(level: u8, inline: &str) -> String {
    let text = inline.trim();
    if text.is_empty() {
        return String::new();
    }
    let body = text.trim_end_matches('#');
    let text = if body.len() < text.len() && (body.is_empty() || body.ends_with(' ')) {
        format!("{body}\\{}", &text[body.len()..])
    } else {
        text.to_string()
    };
    format!("{} {}", "#".repeat(level.clamp(1, 6) as usize), text)
}

fn code(text: &str, lang: Option<&str>) -> String {
    let longest = longest_run(text, '`');
    let fence = "`".repeat((longest + 1).max(3));
    let lang: String = lang
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'))
        .collect();
    format!("{fence}{lang}\n{}\n{fence}", text.trim_end_matches('\n'))
}

fn image(alt: &str, src: &str) -> String {
    let alt = escape_text(&alt.split_whitespace().collect::<Vec<_>>().join(" "), true);
    format!("![{alt}]({})", url(src))
}

/// A GFM table, or an HTML table when a cell holds more than one paragraph.
fn table(rows: &[Vec<Cell>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    if rows.iter().flatten().any(is_complex) {
        return super::html::table(rows).replace('\n', "");
    }
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(cell).collect();
        cells.resize(width, String::new());
        let line = cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    " ".into()
                } else {
                    format!(" {c} ")
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        lines.push(format!("|{line}|"));
        if i == 0 {
            lines.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    lines.join("\n")
}

/// A cell that a GFM table cannot hold: several blocks, or a list or code.
fn is_complex(c: &Cell) -> bool {
    c.blocks.len() > 1
        || c.blocks
            .iter()
            .any(|b| !matches!(b.kind, BlockKind::Paragraph | BlockKind::Caption))
}

fn cell(c: &Cell) -> String {
    let inline = match c.blocks.as_slice() {
        [b] if !b.spans.is_empty() => inline_line(b),
        _ => escape(&c.text),
    };
    inline.replace('|', "\\|")
}

/// A paragraph: inline Markdown with each line's start escaped.
fn paragraph(b: &Block) -> String {
    inline(b)
        .lines()
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline Markdown on one line (line breaks become spaces).
fn inline_line(b: &Block) -> String {
    inline(b)
        .split("\\\n")
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn indent_lines(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline Markdown of a block's spans (falls back to its escaped text). Lines are
/// joined by hard breaks (`\` + newline).
pub(crate) fn inline(b: &Block) -> String {
    if b.spans.is_empty() {
        return b
            .text
            .lines()
            .map(|l| escape(l.trim()))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\\\n");
    }
    let spans = merge_code(&b.spans);
    let mut out = String::new();
    let mut i = 0;
    while let Some((first, rest)) = spans.get(i..).and_then(|r| Some((r.first()?, r))) {
        let link = &first.link;
        // a group: spans with the same link, ending after a line break
        let len = rest
            .windows(2)
            .position(|w| matches!(w, [a, b] if b.link != *link || a.line_break))
            .map_or(rest.len(), |p| p + 1);
        let group = rest.get(..len).unwrap_or_default();
        let end = i + len;
        match link {
            Some(href) if group.iter().any(|s| !s.text.trim().is_empty()) => {
                let lead = leading_ws(&first.text);
                if lead.is_empty() && out.ends_with('!') && !out.ends_with("\\!") {
                    // `![` would open an image
                    out.pop();
                    out.push_str("\\!");
                }
                out.push_str(lead);
                let mut inner = String::new();
                styled_run(group, &mut inner, next_char(&spans, end), true);
                out.push_str(&format!("[{}]({})", inner.trim(), url(href)));
                if group
                    .last()
                    .is_some_and(|last| last.text.ends_with(char::is_whitespace))
                {
                    out.push(' ');
                }
            }
            _ => styled_run(group, &mut out, next_char(&spans, end), false),
        }
        // a break with nothing since the last one (`<br> <br>`) is not repeated
        let fresh_line = out.trim_end_matches(' ').ends_with("\\\n");
        if group.last().is_some_and(|last| last.line_break) && !fresh_line {
            let kept = out.trim_end().len();
            out.truncate(kept);
            if !out.is_empty() {
                out.push_str("\\\n");
            }
        }
        i = end;
    }
    // no break, space or empty line at either end; no trailing spaces on lines
    let mut text = out.trim().to_string();
    while let Some(t) = text.strip_suffix('\\') {
        text = t.trim_end().to_string();
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "\\")
        .collect::<Vec<_>>()
        .join("\n")
}

/// Adjacent code spans (`<code>a<var>b</var></code>`) as one: two code spans
/// side by side would fuse their backtick fences.
fn merge_code(spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = out.last_mut() {
            if last.code && s.code && last.link == s.link && !last.line_break {
                last.text.push_str(&s.text);
                last.line_break = s.line_break;
                continue;
            }
        }
        out.push(s.clone());
    }
    out
}

/// The first character that will follow a span group, if known.
fn next_char(spans: &[Span], end: usize) -> Option<char> {
    let s = spans.get(end)?;
    if s.link.is_some() {
        return Some('[');
    }
    if s.code {
        return Some('`');
    }
    let t = escape(&s.text);
    t.chars().next()
}

fn leading_ws(t: &str) -> &str {
    &t[..t.len() - t.trim_start().len()]
}

/// Write spans with their emphasis; in link text (`in_link`) brackets are escaped.
fn styled_run(group: &[Span], out: &mut String, after: Option<char>, in_link: bool) {
    for (k, s) in group.iter().enumerate() {
        let core = s.text.trim();
        if core.is_empty() {
            if !s.text.is_empty() && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            continue;
        }
        let lead = leading_ws(&s.text);
        let trail = &s.text[s.text.trim_end().len()..];
        if !lead.is_empty() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        let mut body = if s.code {
            code_span(core)
        } else {
            escape_text(core, in_link)
        };
        let delim = match (s.strong && !s.code, s.emphasis && !s.code) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if !delim.is_empty() {
            let before = if out.is_empty() || !lead.is_empty() {
                None
            } else {
                out.chars().next_back()
            };
            let next = if !trail.is_empty() {
                Some(' ')
            } else {
                match group.get(k + 1) {
                    Some(n) if n.code => Some('`'),
                    Some(n) => escape(&n.text).chars().next(),
                    None if in_link => Some(']'),
                    None => after,
                }
            };
            if can_open(before, &body) && can_close(&body, next) {
                body = format!("{delim}{body}{delim}");
            }
        }
        out.push_str(&body);
        if !trail.is_empty() {
            out.push(' ');
        }
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

/// A `*` run before `body`, after `before`, is left-flanking and touches no other `*`.
fn can_open(before: Option<char>, body: &str) -> bool {
    let Some(first) = body.chars().next() else {
        return false;
    };
    if before == Some('*') {
        return false;
    }
    !is_punct(first) || before.is_none_or(|c| c.is_whitespace() || is_punct(c))
}

/// A `*` run after `body`, before `next`, is right-flanking and touches no other `*`.
fn can_close(body: &str, next: Option<char>) -> bool {
    let Some(last) = body.chars().next_back() else {
        return false;
    };
    if next == Some('*') {
        return false;
    }
    !is_punct(last) || next.is_none_or(|c| c.is_whitespace() || is_punct(c))
}

fn code_span(text: &str) -> String {
    let ticks = "`".repeat(longest_run(text, '`') + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

fn longest_run(text: &str, ch: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == ch {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// A link or image destination: characters that would end or break it are percent-encoded.
fn url(u: &str) -> String {
    let mut out = String::with_capacity(u.len());
    for c in u.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape characters that would start Markdown syntax inside running text.
pub(crate) fn escape(t: &str) -> String {
    escape_text(t, false)
}

/// [`escape`], with every bracket escaped when `brackets` (inside link text or
/// image alt text, where an unbalanced bracket would end it).
fn escape_text(t: &str, brackets: bool) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let needed = match c {
            '*' | '`' | '\\' => true,
            '[' => brackets,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            ']' => brackets || next.is_none_or(|n| matches!(n, '(' | '[' | ':')),
            '<' => next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => starts_entity(chars.get(i + 1..).unwrap_or_default()),
            _ => false,
        };
        if needed {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `#123;`, `#x1F;` or `name;` follows: the text would be read as an entity.
fn starts_entity(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(32)
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

/// Escape a line start that Markdown would read as a heading, list, quote, fence,
/// rule, table row or setext underline.
fn escape_line_start(line: &str) -> String {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second = chars.next();
    let spaced = second.is_none_or(char::is_whitespace);
    let escape_first = match first {
        '#' => {
            let hashes = t.chars().take_while(|&c| c == '#').count();
            hashes <= 6 && t[hashes..].chars().next().is_none_or(char::is_whitespace)
        }
        '>' | '|' => true,
        '-' | '+' => spaced || t.chars().all(|c| c == first || c == ' '),
        '=' => t.chars().all(|c| c == '=' || c == ' '),
        '~' => t.starts_with("~~~"),
        c if c.is_ascii_digit() => {
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let rest = &t[digits..];
            if digits <= 9 && (rest.starts_with('.') || rest.starts_with(')')) {
                let after = rest[1..].chars().next();
                if after.is_none_or(char::is_whitespace) {
                    return format!("{}\\{}", &t[..digits], rest);
                }
            }
            false
        }
        _ => false,
    };
    if escape_first {
        format!("\\{t}")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(spans: Vec<Span>) -> Block {
        let mut b = Block::new(BlockKind::Paragraph, "");
        b.text = spans.iter().map(|s| s.text.as_str()).collect();
        b.spans = spans;
        b
    }

    fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    #[test]
    fn escapes_only_what_markdown_reads() {
        assert_eq!(escape("snake_case a*b"), "snake_case a\\*b");
        assert_eq!(escape("_x_ [1] f(x) [a](b)"), "\\_x\\_ [1] f(x) [a\\](b)");
        assert_eq!(
            escape("a < b <div> AT&T &amp;"),
            "a < b \\<div> AT&T \\&amp;"
        );
        assert_eq!(escape_line_start("- x"), "\\- x");
        assert_eq!(escape_line_start("-5 degrees"), "-5 degrees");
        assert_eq!(escape_line_start("1. x"), "1\\. x");
        assert_eq!(escape_line_start("1.5 x"), "1.5 x");
        assert_eq!(escape_line_start("#hashtag"), "#hashtag");
        assert_eq!(escape_line_start("# x"), "\\# x");
    }

    #[test]
    fn emphasis_only_where_it_parses() {
        let mut b = span("bold");
        b.strong = true;
        assert_eq!(
            inline(&para(vec![span("a "), b.clone(), span(" c")])),
            "a **bold** c"
        );
        // `"x"` after a letter cannot open: written plain
        let mut q = span("\"q\"");
        q.emphasis = true;
        assert_eq!(inline(&para(vec![span("a"), q])), "a\"q\"");
        // empty emphasis is never written
        let mut e = span(" ");
        e.emphasis = true;
        assert_eq!(inline(&para(vec![span("a"), e, span("b")])), "a b");
    }

    #[test]
    fn headings_keep_a_trailing_hash() {
        assert_eq!(heading(2, "Item #"), "## Item \\#");
        assert_eq!(heading(3, "C#"), "### C#");
    }

    #[test]
    fn code_fences_outgrow_backticks() {
        assert_eq!(code("a ``` b", Some("rust")), "````rust\na ``` b\n````");
    }
}
