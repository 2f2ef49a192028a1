//! Structure checks over Markdown: what a CommonMark/GFM parser (pulldown-cmark,
//! tables on) reads back from a Markdown text, compared with bodycopy's own
//! blocks (the round trip) or with the structure a reference HTML expects (the
//! structure measure of `scripts/peers/structure.py`).

use std::collections::HashMap;

use bodycopy::dom::{Dom, NodeId, Tag};
use bodycopy::rules::tags;
use bodycopy::{Block, BlockKind, Limits};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag as MdTag, TagEnd};

/// The kind of a block as both sides see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A heading of this level.
    Heading(u8),
    /// A paragraph (captions too).
    Paragraph,
    /// A list item (its first paragraph) at this depth.
    Item {
        /// Nesting depth, 0 for a top-level list.
        depth: u8,
        /// In an ordered list.
        ordered: bool,
    },
    /// A further paragraph of the list item at this depth.
    ItemMore {
        /// Nesting depth.
        depth: u8,
    },
    /// A paragraph inside a block quote.
    Quote,
    /// A code block.
    Code,
    /// A table (cells in `rows`).
    Table,
    /// A paragraph holding only an image (its alt text as text).
    Image,
    /// Anything else the parser found (raw HTML that is not a table, a rule).
    Other(String),
}

/// One block: its kind, its text (white space collapsed, except in code) and,
/// for tables, the text of every cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtBlock {
    /// What the block is.
    pub kind: Kind,
    /// Its text.
    pub text: String,
    /// Table cells, row by row.
    pub rows: Vec<Vec<String>>,
}

/// White space collapsed to single spaces, trimmed.
pub fn squash(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The blocks of a bodycopy document as the round trip compares them.
pub fn document_blocks(blocks: &[Block]) -> Vec<RtBlock> {
    let mut out = Vec::new();
    for b in blocks {
        let kind = match &b.kind {
            BlockKind::Heading { level } => Kind::Heading(*level),
            BlockKind::Paragraph | BlockKind::Caption => Kind::Paragraph,
            BlockKind::ListItem {
                depth,
                continued: true,
                ..
            } => Kind::ItemMore { depth: *depth },
            BlockKind::ListItem { depth, ordered, .. } => Kind::Item {
                depth: *depth,
                ordered: *ordered,
            },
            BlockKind::Quote => Kind::Quote,
            BlockKind::Code { .. } => Kind::Code,
            BlockKind::Table => Kind::Table,
            BlockKind::Image => Kind::Image,
        };
        let text = match kind {
            Kind::Code => b.text.trim_end_matches('\n').to_string(),
            Kind::Table => String::new(),
            _ => squash(&b.text),
        };
        if text.is_empty() && !matches!(kind, Kind::Table | Kind::Image) {
            continue;
        }
        let mut rows: Vec<Vec<String>> = b
            .rows
            .iter()
            .map(|r| r.iter().map(|c| squash(&c.text)).collect())
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for r in &mut rows {
            r.resize(width, String::new());
        }
        if kind == Kind::Table && width == 0 {
            continue;
        }
        out.push(RtBlock { kind, text, rows });
    }
    out
}

enum Container {
    List(bool),
    Item { blocks: usize },
    Quote,
}

/// The blocks a CommonMark + GFM tables parser reads from `md`.
pub fn markdown_blocks(md: &str) -> Vec<RtBlock> {
    let mut out: Vec<RtBlock> = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    // the leaf being read: kind, text, and whether it holds only an image so far
    let mut leaf: Option<(Kind, String, Option<bool>)> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_table = false;
    let mut html = String::new();
    let mut in_html = false;
    let mut in_image = false;

    fn context_kind(stack: &mut [Container]) -> Kind {
        let depth = stack
            .iter()
            .filter(|c| matches!(c, Container::List(_)))
            .count()
            .saturating_sub(1) as u8;
        let ordered = stack
            .iter()
            .rev()
            .find_map(|c| match c {
                Container::List(o) => Some(*o),
                _ => None,
            })
            .unwrap_or(false);
        match stack.last_mut() {
            Some(Container::Item { blocks }) => {
                *blocks += 1;
                if *blocks == 1 {
                    Kind::Item { depth, ordered }
                } else {
                    Kind::ItemMore { depth }
                }
            }
            Some(Container::Quote) => Kind::Quote,
            _ => Kind::Paragraph,
        }
    }
    fn flush(out: &mut Vec<RtBlock>, leaf: &mut Option<(Kind, String, Option<bool>)>) {
        if let Some((kind, text, image_only)) = leaf.take() {
            let kind = if image_only == Some(true) {
                Kind::Image
            } else {
                kind
            };
            let text = if kind == Kind::Code {
                text.trim_end_matches('\n').to_string()
            } else {
                squash(&text)
            };
            out.push(RtBlock {
                kind,
                text,
                rows: Vec::new(),
            });
        }
    }

    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(MdTag::Paragraph) => {
                flush(&mut out, &mut leaf);
                leaf = Some((context_kind(&mut stack), String::new(), None));
            }
            Event::Start(MdTag::Heading { level, .. }) => {
                flush(&mut out, &mut leaf);
                leaf = Some((Kind::Heading(heading_level(level)), String::new(), None));
            }
            Event::Start(MdTag::CodeBlock(_)) => {
                flush(&mut out, &mut leaf);
                leaf = Some((Kind::Code, String::new(), None));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                flush(&mut out, &mut leaf);
            }
            Event::Start(MdTag::List(start)) => {
                flush(&mut out, &mut leaf);
                stack.push(Container::List(start.is_some()));
            }
            Event::Start(MdTag::Item) => {
                flush(&mut out, &mut leaf);
                stack.push(Container::Item { blocks: 0 });
            }
            Event::Start(MdTag::BlockQuote(_)) => {
                flush(&mut out, &mut leaf);
                stack.push(Container::Quote);
            }
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                flush(&mut out, &mut leaf);
                stack.pop();
            }
            Event::Start(MdTag::Table(_)) => {
                flush(&mut out, &mut leaf);
                in_table = true;
                rows.clear();
            }
            Event::Start(MdTag::TableHead | MdTag::TableRow) => rows.push(Vec::new()),
            Event::Start(MdTag::TableCell) => {
                if let Some(r) = rows.last_mut() {
                    r.push(String::new());
                }
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                let rows = std::mem::take(&mut rows)
                    .into_iter()
                    .map(|r| r.iter().map(|c| squash(c)).collect())
                    .collect();
                out.push(RtBlock {
                    kind: Kind::Table,
                    text: String::new(),
                    rows,
                });
            }
            Event::Start(MdTag::HtmlBlock) => {
                flush(&mut out, &mut leaf);
                in_html = true;
                html.clear();
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html = false;
                out.push(html_block(&html));
            }
            Event::Html(t) if in_html => html.push_str(&t),
            Event::Start(MdTag::Image { .. }) => {
                in_image = true;
                if let Some((_, text, image_only)) = &mut leaf {
                    if text.trim().is_empty() && image_only.is_none() {
                        *image_only = Some(true);
                    }
                }
            }
            Event::Rule => {
                flush(&mut out, &mut leaf);
                out.push(RtBlock {
                    kind: Kind::Other("rule".into()),
                    text: String::new(),
                    rows: Vec::new(),
                });
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if in_table {
                    if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                        c.push_str(&t);
                    }
                    continue;
                }
                if leaf.is_none() {
                    // the text of a tight list item comes without a paragraph
                    leaf = Some((context_kind(&mut stack), String::new(), None));
                }
                if let Some((_, text, image_only)) = &mut leaf {
                    text.push_str(&t);
                    if !in_image {
                        *image_only = Some(false);
                    }
                }
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text, _)) = &mut leaf {
                    text.push('\n');
                } else if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut out, &mut leaf);
    out
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An HTML block: a `<table>` (the fallback for tables GFM cannot hold) is read
/// cell by cell; anything else is [`Kind::Other`].
fn html_block(html: &str) -> RtBlock {
    let other = || RtBlock {
        kind: Kind::Other(format!(
            "html: {}",
            html.chars().take(80).collect::<String>()
        )),
        text: String::new(),
        rows: Vec::new(),
    };
    if !html.trim_start().starts_with("<table>") {
        return other();
    }
    let Ok(dom) =
        bodycopy::dom::parse::parse_html(html, &Limits::default(), std::time::Instant::now())
    else {
        return other();
    };
    let rows = dom
        .find_all(NodeId::ROOT, Tag::Tr)
        .map(|tr| {
            dom.children(tr)
                .filter(|&c| matches!(dom.tag(c), Some(Tag::Td | Tag::Th)))
                .map(|c| squash(&element_text(&dom, c)))
                .collect()
        })
        .collect();
    RtBlock {
        kind: Kind::Table,
        text: String::new(),
        rows,
    }
}

/// Text of an element with a space at every block boundary and `<br>`.
fn element_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    for d in dom.descendants(id) {
        match (dom.text(d), dom.tag(d)) {
            (Some(t), _) => out.push_str(t),
            (None, Some(tag)) if tag == Tag::Br || tags::is_block(tag) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The first difference between two block sequences, described, if any.
pub fn first_difference(want: &[RtBlock], got: &[RtBlock]) -> Option<String> {
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        if w != g {
            let at = w
                .text
                .chars()
                .zip(g.text.chars())
                .take_while(|(a, b)| a == b)
                .count()
                .saturating_sub(20);
            let clip = |t: &str| t.chars().skip(at).take(100).collect::<String>();
            let rows = |b: &RtBlock| {
                format!("{:?}", b.rows)
                    .chars()
                    .take(300)
                    .collect::<String>()
            };
            return Some(format!(
                "block {i}: document {:?} …{}… {}\n   markdown {:?} …{}… {}",
                w.kind,
                clip(&w.text),
                rows(w),
                g.kind,
                clip(&g.text),
                rows(g)
            ));
        }
    }
    match want.len().cmp(&got.len()) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(format!(
            "markdown ends early: missing {:?}",
            want[got.len()]
        )),
        std::cmp::Ordering::Less => {
            Some(format!("markdown has more blocks: {:?}", got[want.len()]))
        }
    }
}

// ---------------------------------------------------------------- structure measure

/// The structural items counted by the structure measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// `<h1>`–`<h6>` / ATX or setext headings.
    Heading,
    /// `<li>` / list items (their own text, nested lists excluded).
    ListItem,
    /// `<td>`/`<th>` / table cells (GFM or HTML tables).
    TableCell,
    /// `<pre>` / code blocks.
    Code,
}

impl ItemKind {
    /// Every kind, in report order.
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Heading,
        ItemKind::ListItem,
        ItemKind::TableCell,
        ItemKind::Code,
    ];

    /// The report name.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Heading => "headings",
            ItemKind::ListItem => "list_items",
            ItemKind::TableCell => "table_cells",
            ItemKind::Code => "code_blocks",
        }
    }
}

/// Normalised item text: the lower-cased runs of letters and digits, joined by
/// single spaces (punctuation, symbols such as a heading's `¶` permalink mark,
/// and white space do not count).
pub fn item_key(t: &str) -> String {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The items a reference HTML fragment expects: the normalised text of every
/// heading, list item (own text, nested lists excluded), cell of an innermost
/// table (a table holding no other table) and `<pre>`, empty texts left out.
pub fn html_items(html: &str) -> Vec<(ItemKind, String)> {
    let Ok(dom) =
        bodycopy::dom::parse::parse_html(html, &Limits::default(), std::time::Instant::now())
    else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for id in dom.descendants(NodeId::ROOT) {
        let kind = match dom.tag(id) {
            Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6) => ItemKind::Heading,
            Some(Tag::Li) => ItemKind::ListItem,
            Some(Tag::Td | Tag::Th) => {
                let table = ancestors(&dom, id).find(|&a| dom.tag(a) == Some(Tag::Table));
                if table.is_some_and(|t| dom.find(t, Tag::Table).is_some()) {
                    continue;
                }
                ItemKind::TableCell
            }
            Some(Tag::Pre) => ItemKind::Code,
            _ => continue,
        };
        let key = match kind {
            ItemKind::ListItem => item_key(&own_text(&dom, id)),
            ItemKind::Code => code_key(&pre_text(&dom, id)),
            _ => item_key(&element_text(&dom, id)),
        };
        if !key.is_empty() {
            items.push((kind, key));
        }
    }
    items
}

/// Normalised code: the lines with their indentation and inner white space as
/// written (trailing white space and blank lines at either end dropped), so a
/// code block whose white space was collapsed or re-flowed does not match.
pub fn code_key(t: &str) -> String {
    let lines: Vec<&str> = t.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

/// The text of a `<pre>` as displayed: text verbatim, `<br>` as a line break.
fn pre_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    for d in dom.descendants(id) {
        match (dom.text(d), dom.tag(d)) {
            (Some(t), _) => out.push_str(t),
            (None, Some(Tag::Br)) => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn ancestors(dom: &Dom, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    std::iter::successors(dom.parent(id), move |&p| dom.parent(p))
}

/// Text of an element without the text of its nested lists.
fn own_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    for d in dom.descendants(id) {
        if ancestors(dom, d)
            .take_while(|&a| a != id)
            .any(|a| matches!(dom.tag(a), Some(Tag::Ul | Tag::Ol)))
        {
            continue;
        }
        match (dom.text(d), dom.tag(d)) {
            (Some(t), _) => out.push_str(t),
            (None, Some(tag)) if tag == Tag::Br || tags::is_block(tag) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The items a Markdown text holds as such: headings, list items (all their
/// paragraphs, nested lists excluded; also `<li>` in the cells of HTML table
/// blocks), table cells (GFM tables and HTML table blocks) and code blocks, as a
/// CommonMark + GFM tables parser reads them.
pub fn markdown_items(md: &str) -> Vec<(ItemKind, String)> {
    let mut items = Vec::new();
    // lists inside the cells of HTML tables (the fallback for tables GFM cannot hold)
    let mut html = String::new();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Html(t) => html.push_str(&t),
            Event::End(TagEnd::HtmlBlock) => {
                if html.trim_start().starts_with("<table>") {
                    items.extend(
                        html_items(&html)
                            .into_iter()
                            .filter(|(k, _)| *k == ItemKind::ListItem),
                    );
                }
                html.clear();
            }
            _ => {}
        }
    }
    let blocks = markdown_blocks(md);
    // join an item's further paragraphs to it
    let mut item: Option<String> = None;
    for b in blocks {
        match b.kind {
            Kind::ItemMore { .. } => {
                if let Some(t) = &mut item {
                    t.push(' ');
                    t.push_str(&b.text);
                    continue;
                }
            }
            _ => {
                if let Some(t) = item.take() {
                    items.push((ItemKind::ListItem, item_key(&t)));
                }
            }
        }
        match b.kind {
            Kind::Item { .. } | Kind::ItemMore { .. } => item = Some(b.text),
            Kind::Heading(_) => items.push((ItemKind::Heading, item_key(&b.text))),
            Kind::Code => items.push((ItemKind::Code, code_key(&b.text))),
            Kind::Table => {
                for c in b.rows.iter().flatten() {
                    items.push((ItemKind::TableCell, item_key(c)));
                }
            }
            _ => {}
        }
    }
    if let Some(t) = item.take() {
        items.push((ItemKind::ListItem, item_key(&t)));
    }
    items.retain(|(_, k)| !k.is_empty());
    items
}

/// Per kind: how many expected items there are, and how many of them an output
/// item of the same kind with the same normalised text matches (each output item
/// matches at most one expected item).
pub fn match_items(
    expected: &[(ItemKind, String)],
    got: &[(ItemKind, String)],
) -> HashMap<ItemKind, (usize, usize)> {
    let mut pool: HashMap<(ItemKind, &str), usize> = HashMap::new();
    for (k, t) in got {
        *pool.entry((*k, t.as_str())).or_default() += 1;
    }
    let mut out: HashMap<ItemKind, (usize, usize)> = HashMap::new();
    for (k, t) in expected {
        let e = out.entry(*k).or_default();
        e.0 += 1;
        if let Some(n) = pool.get_mut(&(*k, t.as_str())).filter(|n| **n > 0) {
            *n -= 1;
            e.1 += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_lists_and_tables() {
        let md = "- a\n  1. b\n\n  more\n- c\n\n| x | y |\n| --- | --- |\n| 1 | 2 |";
        let kinds: Vec<Kind> = markdown_blocks(md).into_iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Item {
                    depth: 0,
                    ordered: false
                },
                Kind::Item {
                    depth: 1,
                    ordered: true
                },
                Kind::ItemMore { depth: 0 },
                Kind::Item {
                    depth: 0,
                    ordered: false
                },
                Kind::Table
            ]
        );
    }

    #[test]
    fn counts_matches_once() {
        let e = vec![
            (ItemKind::Heading, "a".to_string()),
            (ItemKind::Heading, "a".to_string()),
        ];
        let g = vec![(ItemKind::Heading, "a".to_string())];
        assert_eq!(match_items(&e, &g)[&ItemKind::Heading], (2, 1));
    }
}
