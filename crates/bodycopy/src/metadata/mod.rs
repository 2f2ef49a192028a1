//! Metadata: title, authors, dates, site name, language, tags, image, page type.
//!
//! Sources in order of trust: JSON-LD, OpenGraph/Twitter/Dublin Core `<meta>`,
//! then visible markup (`<time>`, bylines, `rel` links, `<h1>`, `<title>`).
//! One pass over the tree gathers every candidate; each field then takes the
//! first usable one in trust order.
//!
//! Publication date, in trust order: JSON-LD (`datePublished`/`dateCreated`, `@graph`,
//! arrays), `article:*`/OpenGraph and Dublin Core `<meta>`, microdata, `<time>`, the URL
//! path, elements classed as dates, visible date lines just after (then just before) the
//! headline, other `*publish*` metas; else the modification date, then the first date line
//! anywhere, then `<time>` in comments or side boxes. Script text is never read, dates
//! after the crawl day ([`crate::Config::now`]) or before 1995 are rejected, and "Updated"
//! lines feed `date_modified`, not `date`.

mod authors;
pub mod dates;
pub mod jsonld;
mod language;
mod page_type;
mod page_type_model;
mod title;

use crate::document::{Block, Metadata};
use crate::dom::{Dom, NodeId, NodeMap, Tag};
use crate::limits::Limits;
use crate::stages::stats::hidden;

/// Collapse white space.
pub(crate) fn normalize(s: &str) -> String {
    // most values are one line of words and single spaces already: copied as they are
    if is_one_line(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Is `s` printable ASCII with single spaces between words and none at its ends
/// (what [`normalize`] makes of it)? Any other character, white space or not,
/// says no, and `s` is collapsed the long way.
fn is_one_line(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x80).contains(&b))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
}

/// Decode HTML entities left in already-decoded text (double-escaped templates:
/// `&#038;`, `&amp;`, `&bull;`); text without `&` is borrowed as it is.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                v.and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "nbsp" => Some(' '),
                    "bull" => Some('\u{2022}'),
                    "middot" => Some('\u{b7}'),
                    "ndash" => Some('\u{2013}'),
                    "mdash" => Some('\u{2014}'),
                    "rsquo" => Some('\u{2019}'),
                    "lsquo" => Some('\u{2018}'),
                    "ldquo" => Some('\u{201c}'),
                    "rdquo" => Some('\u{201d}'),
                    "hellip" => Some('\u{2026}'),
                    "raquo" => Some('\u{bb}'),
                    "laquo" => Some('\u{ab}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Text below a node without `<script>`, `<style>` and other non-text subtrees, white space collapsed.
fn visible_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    // bytes read before collapsing (the bound on work), and a space owed before the next word
    let (mut read, mut space) = (0usize, false);
    let mut stack = vec![id];
    let mut steps = 0usize;
    while let Some(n) = stack.pop() {
        steps += 1;
        if steps > 5_000 || read > 2_000 {
            break;
        }
        if let Some(t) = dom.text(n) {
            read += t.len();
            push_collapsed(&mut out, &mut space, t);
            continue;
        }
        if matches!(
            dom.tag(n),
            Some(Tag::Script)
                | Some(Tag::Style)
                | Some(Tag::Noscript)
                | Some(Tag::Template)
                | Some(Tag::Svg)
        ) {
            continue;
        }
        if matches!(
            dom.tag(n),
            Some(Tag::Br) | Some(Tag::P) | Some(Tag::Div) | Some(Tag::Li)
        ) {
            read += 1;
            space = true;
        }
        // children pushed last first, so they pop in document order
        let mut child = dom.last_child_raw(n);
        while let Some(c) = child {
            stack.push(c);
            child = dom.prev_sibling(c);
        }
    }
    out
}

/// Append `t` with white space collapsed as [`normalize`] does, continuing a text
/// whose last white space (owed as one space before the next word) is `space`.
fn push_collapsed(out: &mut String, space: &mut bool, t: &str) {
    for (i, piece) in t.split(char::is_whitespace).enumerate() {
        if i > 0 {
            *space = true;
        }
        if !piece.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(piece);
        }
    }
}

/// Most values of one kind kept from the page (bounds work on hostile input).
const MAX_ITEMS: usize = 64;

/// Candidates gathered in one walk over the tree.
#[derive(Default)]
struct Page {
    /// `<meta>` keys (name/property/itemprop/http-equiv, lower case) and contents.
    metas: Vec<(String, String)>,
    scripts: Vec<String>,
    canonical: Option<String>,
    html_lang: Option<String>,
    doc_title: Option<String>,
    h1s: Vec<String>,
    times: Vec<String>,
    itemprop_published: Vec<String>,
    itemprop_modified: Vec<String>,
    itemprop_authors: Vec<String>,
    rel_authors: Vec<String>,
    bylines: Vec<String>,
    author_classed: Vec<String>,
    by_lines: Vec<String>,
    date_texts: Vec<String>,
    /// Short visible texts holding a date, in the elements just after the headline.
    near_title_dates: Vec<String>,
    /// The same just before the headline (a date line above the title), nearest first.
    above_title_dates: Vec<String>,
    /// `<time>` values inside comments and side boxes (a last resort: in a forum thread the
    /// first one dates the opening post).
    chrome_times: Vec<String>,
    /// The first date lines anywhere in the page (a last resort).
    page_dates: Vec<String>,
    /// The first "Updated ..." date lines (the modification, a fallback for the date).
    update_lines: Vec<String>,
    rel_tags: Vec<String>,
    rel_cats: Vec<String>,
    path_tags: Vec<String>,
    itemtypes: Vec<String>,
}

fn push_limited(v: &mut Vec<String>, s: String) {
    if v.len() < MAX_ITEMS && !s.is_empty() {
        v.push(s);
    }
}

/// Hidden by the element itself: markup hides it, or it is a `<template>` or `<noscript>`.
fn hides(dom: &Dom, id: NodeId) -> bool {
    hidden(dom, id, false) || matches!(dom.tag(id), Some(Tag::Template) | Some(Tag::Noscript))
}

/// The element's lower-cased class and id (see [`Dom::class_id`]).
fn class_id(dom: &Dom, id: NodeId) -> &str {
    dom.class_id(id)
}

/// Names that mark an element as chrome carrying other items' dates and names.
const CHROME_NAMES: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "recommend",
    "footer",
];

/// Does the element's class or id name chrome: a [`CHROME_NAMES`] name at the start
/// of a class or id, or after a `-`/`_` in one ("sidebar", "post-sidebar",
/// "comments_area"; not "nosidebar")? One automaton pass over the lower-cased list.
fn names_chrome(dom: &Dom, id: NodeId) -> bool {
    static AUTOMATON: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let ci = class_id(dom, id);
    if ci.is_empty() {
        return false;
    }
    let Some(a) = AUTOMATON.get_or_init(|| aho_corasick::AhoCorasick::new(CHROME_NAMES).ok())
    else {
        return false;
    };
    a.find_overlapping_iter(ci).any(|m| {
        m.start()
            .checked_sub(1)
            .and_then(|i| ci.as_bytes().get(i))
            .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'-' | b'_'))
    })
}

/// Inside page chrome that carries other items' dates and names. An `<aside>` inside an
/// `<article>` is the article's own fact box, not chrome.
fn in_chrome(dom: &Dom, memo: &ChromeMemo, id: NodeId) -> bool {
    dom.parent(id)
        .is_some_and(|p| memo.self_or_ancestor(dom, p))
}

/// Is this element itself a chrome container ([`in_chrome`])?
fn chrome_marker(dom: &Dom, id: NodeId) -> bool {
    match dom.tag(id) {
        Some(Tag::Nav) => true,
        Some(Tag::Aside)
            if !std::iter::successors(dom.parent(id), |&a| dom.parent(a))
                .take(100)
                .any(|a| dom.tag(a) == Some(Tag::Article)) =>
        {
            true
        }
        _ => names_chrome(dom, id),
    }
}

/// [`in_chrome`] and hidden-by-an-ancestor remembered per node for one document (many
/// date and byline candidates share their ancestors): 0 not known yet, 1 no, 2 yes.
struct ChromeMemo {
    chrome: NodeMap<std::cell::Cell<u8>>,
    hidden: NodeMap<std::cell::Cell<u8>>,
    footer: NodeMap<std::cell::Cell<u8>>,
}

impl ChromeMemo {
    fn new(dom: &Dom) -> ChromeMemo {
        ChromeMemo {
            chrome: NodeMap::new(dom, std::cell::Cell::new(0)),
            hidden: NodeMap::new(dom, std::cell::Cell::new(0)),
            footer: NodeMap::new(dom, std::cell::Cell::new(0)),
        }
    }

    /// Is `id` or one of its ancestors a chrome container?
    fn self_or_ancestor(&self, dom: &Dom, id: NodeId) -> bool {
        memo_up(&self.chrome, dom, id, chrome_marker)
    }

    /// Is `id` hidden, by itself or an ancestor ([`hides`])?
    fn hidden_chain(&self, dom: &Dom, id: NodeId) -> bool {
        memo_up(&self.hidden, dom, id, hides)
    }

    /// Is `id` a `<footer>` or inside one?
    fn in_footer(&self, dom: &Dom, id: NodeId) -> bool {
        memo_up(&self.footer, dom, id, |dom, a| {
            dom.tag(a) == Some(Tag::Footer)
        })
    }
}

/// Does `test` hold for `id` or an ancestor? Answers are remembered in `memo` for
/// every node on the way up.
fn memo_up(
    memo: &NodeMap<std::cell::Cell<u8>>,
    dom: &Dom,
    id: NodeId,
    test: fn(&Dom, NodeId) -> bool,
) -> bool {
    let mut path = Vec::new();
    let mut cur = Some(id);
    let mut found = false;
    while let Some(c) = cur {
        match memo[c].get() {
            1 => break,
            2 => {
                found = true;
                break;
            }
            _ => {}
        }
        path.push(c);
        if test(dom, c) {
            found = true;
            break;
        }
        cur = dom.parent(c);
    }
    for c in path {
        memo[c].set(if found { 2 } else { 1 });
    }
    found
}

/// A heading that belongs to the site's masthead (logo, site title), not the article.
fn in_site_header(dom: &Dom, id: NodeId) -> bool {
    // a heading that only wraps a link to the home page, or a logo
    let links: Vec<NodeId> = dom.find_all(id, Tag::A).take(2).collect();
    if let [a] = links.as_slice() {
        let href = dom.attr(*a, "href").unwrap_or("").trim();
        let path = href
            .split_once("://")
            .map_or(href, |(_, r)| r.split_once('/').map_or("", |(_, p)| p));
        if href == "/" || (href.contains("://") && path.trim_matches('/').is_empty()) {
            return true;
        }
    }
    let mut cur = dom.parent(id);
    let mut n = 0;
    while let Some(c) = cur {
        match dom.tag(c) {
            Some(Tag::Article) | Some(Tag::Main) => return false,
            Some(Tag::Nav) | Some(Tag::Aside) => return true,
            _ => {}
        }
        let ci = class_id(dom, c);
        if ci.contains("masthead") || ci.contains("site-title") || ci.contains("site-name") {
            return true;
        }
        n += 1;
        if n > 100 {
            break;
        }
        cur = dom.parent(c);
    }
    false
}

fn has_token(list: &str, tok: &str) -> bool {
    list.split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case(tok))
}

/// Is a link a tag link inside a tag list ("/tag/china/" in `<ul class="tags">`)?
/// Does a link's path hold a tag or topic folder (`/tag/`, `/tags/`, `/topic/`,
/// `/topics/`, any case)? Read in place: every link of the page is asked.
fn path_names_tags(href: &str) -> bool {
    const FOLDERS: [&[u8]; 4] = [b"tag/", b"tags/", b"topic/", b"topics/"];
    let b = href.as_bytes();
    memchr::memchr_iter(b'/', b).any(|i| {
        let rest = b.get(i + 1..).unwrap_or_default();
        FOLDERS.iter().any(|f| {
            rest.get(..f.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(f))
        })
    })
}

fn is_tag_list_link(dom: &Dom, id: NodeId, href: &str) -> bool {
    if !path_names_tags(href) {
        return false;
    }
    let mut cur = dom.parent(id);
    for _ in 0..5 {
        let Some(c) = cur else { break };
        if matches!(dom.tag(c), Some(Tag::Aside) | Some(Tag::Nav)) {
            return false;
        }
        let ci = class_id(dom, c);
        if ci.contains("cloud")
            || ci.contains("widget")
            || ci.contains("sidebar")
            || ci.contains("menu")
        {
            return false;
        }
        if ci.contains("tag") || ci.contains("topic") || ci.contains("keyword") {
            return true;
        }
        cur = dom.parent(c);
    }
    false
}

/// Can the element's text start a byline label ("By", "Written by", "Posted by",
/// "Author", "Words by", "Story by")? A cheap look at its first letter, so the
/// full text is only built for the few elements that can.
fn starts_like_byline(dom: &Dom, id: NodeId) -> bool {
    let first = dom
        .descendants(id)
        .filter(|&n| {
            !dom.parent(n).and_then(|p| dom.tag(p)).is_some_and(|t| {
                matches!(t, Tag::Script | Tag::Style | Tag::Noscript | Tag::Template)
            })
        })
        .filter_map(|n| dom.text(n))
        .find_map(|t| t.trim_start().chars().next());
    first.is_some_and(|c| matches!(c.to_ascii_lowercase(), 'b' | 'w' | 'p' | 'a' | 's'))
}

/// How many elements after the headline a visible date line may sit.
const NEAR_TITLE_ELEMENTS: usize = 300;
/// How many elements before the headline a visible date line may sit.
const ABOVE_TITLE_ELEMENTS: usize = 30;

/// Words that mark a date line as an update, not the publication.
const UPDATE_WORDS: &[&str] = &[
    "updated",
    "modified",
    "edited",
    "aktualisiert",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "atualizado",
    "bijgewerkt",
    "обновлено",
];

/// A short visible line that states a date ("Posted on March 3, 2024", "03.03.2024"), and
/// whether it is an update line.
/// Can this element be a date line: under 10 nodes below it, a digit in their text,
/// and not surely over 100 bytes of visible text? Read from the text nodes, before
/// [`visible_text`] copies anything (the ASCII non-space bytes are a lower bound of
/// the visible length, unless a part [`visible_text`] skips is below).
fn short_with_digit(dom: &Dom, id: NodeId) -> bool {
    let (mut digit, mut skipped) = (false, false);
    for (n, d) in dom.descendants(id).enumerate() {
        if n >= 9 {
            return false;
        }
        if let Some(t) = dom.text(d) {
            digit = digit || t.bytes().any(|b| b.is_ascii_digit());
        } else if matches!(
            dom.tag(d),
            Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Svg)
        ) {
            skipped = true;
        }
    }
    if !digit || skipped {
        return digit;
    }
    let mut solid = 0usize;
    for t in dom.descendants(id).filter_map(|d| dom.text(d)) {
        for b in t.bytes() {
            solid += usize::from(b.is_ascii_graphic());
            if solid > 100 {
                return false;
            }
        }
    }
    true
}

fn date_line(dom: &Dom, memo: &ChromeMemo, id: NodeId, tag: Tag) -> Option<(String, bool)> {
    if !matches!(
        tag,
        Tag::P
            | Tag::Span
            | Tag::Div
            | Tag::Li
            | Tag::Small
            | Tag::Em
            | Tag::Strong
            | Tag::B
            | Tag::I
            | Tag::Dd
            | Tag::Td
            | Tag::Address
            | Tag::Header
            | Tag::Abbr
            | Tag::Font
    ) || !short_with_digit(dom, id)
    {
        // (a date line has a digit somewhere: most elements end here, before any copy)
        return None;
    }
    let text = visible_text(dom, id);
    let lower = text.to_lowercase();
    if text.len() < 6 || text.len() > 100 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let update = UPDATE_WORDS.iter().any(|w| lower.contains(w));
    let in_footer = memo.in_footer(dom, id);
    (!in_footer && !in_chrome(dom, memo, id) && !memo.hidden_chain(dom, id))
        .then_some((text, update))
}

/// Bits of [`name_parts`]: what a class/id list names, for dates and bylines.
mod part {
    /// "date", "publish", "posted" or "time": a date.
    pub const DATED: u32 = 1;
    /// "update" or "modif": a change date, not the publication.
    pub const CHANGED: u32 = 2;
    /// "byline".
    pub const BYLINE: u32 = 4;
    /// "author".
    pub const AUTHOR: u32 = 8;
    /// Parts of an author box that are not the name: photo, bio, comments.
    pub const NOT_AUTHOR: u32 = 16;
}

/// Substrings of lower-cased class/id lists and the [`part`] bit each sets.
const NAME_PARTS: &[(&str, u32)] = &[
    ("date", part::DATED),
    ("publish", part::DATED),
    ("posted", part::DATED),
    ("time", part::DATED),
    ("update", part::CHANGED),
    ("modif", part::CHANGED),
    ("byline", part::BYLINE),
    ("author", part::AUTHOR),
    ("avatar", part::NOT_AUTHOR),
    ("bio", part::NOT_AUTHOR),
    ("description", part::NOT_AUTHOR),
    ("desc", part::NOT_AUTHOR),
    ("about", part::NOT_AUTHOR),
    ("img", part::NOT_AUTHOR),
    ("image", part::NOT_AUTHOR),
    ("photo", part::NOT_AUTHOR),
    ("comment", part::NOT_AUTHOR),
];

/// The [`part`] bits of a lower-cased class/id list: one automaton pass over it.
fn name_parts(class_id: &str) -> u32 {
    static AUTOMATON: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    if class_id.is_empty() {
        return 0;
    }
    let Some(a) = AUTOMATON
        .get_or_init(|| aho_corasick::AhoCorasick::new(NAME_PARTS.iter().map(|(w, _)| w)).ok())
    else {
        return 0;
    };
    a.find_overlapping_iter(class_id)
        .filter_map(|m| NAME_PARTS.get(m.pattern().as_usize()))
        .fold(0, |bits, (_, b)| bits | b)
}

/// Walk the tree once for the metadata's sources. Without `full`, only the sources that
/// cost little (the head's `<meta>`, `<link>` and JSON-LD, `<title>`, `<h1>`, `<time>`,
/// microdata) are read: the visible date lines, bylines, class-named parts and tag links,
/// which take most of the walk, are left out.
fn gather(dom: &Dom, limits: &Limits, full: bool) -> Page {
    let mut p = Page::default();
    let memo = ChromeMemo::new(dom);
    let mut since_h1: Option<usize> = None;
    // date lines before the headline: (element index, text)
    let mut above: Vec<(usize, String)> = Vec::new();
    let mut seen = 0usize;
    for id in dom.descendants(NodeId::ROOT) {
        let Some(tag) = dom.tag(id) else { continue };
        seen += 1;
        if let Some((t, update)) = full.then(|| date_line(dom, &memo, id, tag)).flatten() {
            if update {
                if p.update_lines.len() < 4 {
                    p.update_lines.push(t);
                }
            } else {
                match since_h1.as_mut() {
                    None if tag != Tag::H1 => {
                        above.retain(|(i, _)| seen - i <= ABOVE_TITLE_ELEMENTS);
                        if above.len() < 8 {
                            above.push((seen, t.clone()));
                        }
                    }
                    Some(k) if *k <= NEAR_TITLE_ELEMENTS && p.near_title_dates.len() < 6 => {
                        p.near_title_dates.push(t.clone());
                    }
                    _ => {}
                }
                if p.page_dates.len() < 4 {
                    p.page_dates.push(t);
                }
            }
        }
        if let Some(k) = since_h1.as_mut() {
            *k += 1;
        }
        match tag {
            Tag::Html if p.html_lang.is_none() => {
                p.html_lang = dom
                    .attr(id, "lang")
                    .or_else(|| dom.attr(id, "xml:lang"))
                    .map(str::to_string);
            }
            Tag::Title => {
                let in_title_svg = dom
                    .parent(id)
                    .is_some_and(|par| matches!(dom.tag(par), Some(Tag::Svg)));
                if p.doc_title.is_none() && !in_title_svg {
                    let t = visible_text(dom, id);
                    if !t.is_empty() {
                        p.doc_title = Some(t);
                    }
                }
            }
            Tag::Meta => {
                let content = dom
                    .attr(id, "content")
                    .or_else(|| dom.attr(id, "value"))
                    .map(|c| normalize(&decode_entities(c)))
                    .unwrap_or_default();
                if content.is_empty() || p.metas.len() >= 512 {
                    continue;
                }
                for k in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(keys) = dom.attr(id, k) {
                        for key in keys.split_ascii_whitespace() {
                            p.metas.push((key.to_ascii_lowercase(), content.clone()));
                        }
                    }
                }
            }
            Tag::Link => {
                let rel = dom.attr(id, "rel").unwrap_or("");
                if has_token(rel, "canonical") && p.canonical.is_none() {
                    p.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
                }
            }
            Tag::Script => {
                let ty = dom.attr(id, "type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") && p.scripts.len() < MAX_ITEMS {
                    let t = dom.text_content(id);
                    if t.len() <= limits.max_json_ld_bytes {
                        p.scripts.push(t);
                    }
                }
                continue;
            }
            Tag::H1
                if p.h1s.len() < 8 && !memo.hidden_chain(dom, id) && !in_site_header(dom, id) =>
            {
                if since_h1.is_none() {
                    since_h1 = Some(0);
                    p.above_title_dates = above
                        .drain(..)
                        .rev()
                        .filter(|(i, _)| seen - i <= ABOVE_TITLE_ELEMENTS)
                        .map(|(_, t)| t)
                        .collect();
                }
                push_limited(&mut p.h1s, visible_text(dom, id));
            }
            Tag::Time => {
                let dt = dom
                    .attr(id, "datetime")
                    .filter(|d| !d.trim().is_empty())
                    .map(str::to_string)
                    .or_else(|| Some(visible_text(dom, id)));
                if let Some(dt) = dt {
                    if p.times.len() < 16 && !in_chrome(dom, &memo, id) {
                        push_limited(&mut p.times, dt);
                    } else if p.chrome_times.len() < 4 && !memo.hidden_chain(dom, id) {
                        p.chrome_times.push(dt);
                    }
                }
            }
            Tag::A if full => {
                let rel = dom.attr(id, "rel").unwrap_or("");
                let href = dom.attr(id, "href").unwrap_or("");
                if has_token(rel, "author") {
                    push_limited(&mut p.rel_authors, visible_text(dom, id));
                }
                if has_token(rel, "category") {
                    push_limited(&mut p.rel_cats, visible_text(dom, id));
                } else if has_token(rel, "tag") {
                    push_limited(&mut p.rel_tags, visible_text(dom, id));
                } else if is_tag_list_link(dom, id, href) {
                    push_limited(&mut p.path_tags, visible_text(dom, id));
                }
            }
            _ => {}
        }
        if dom.attrs(id).is_empty() {
            continue;
        }
        // one look over the attributes for the two that matter to every element
        let (mut itemtype, mut itemprop) = (None, None);
        for a in dom.attrs(id) {
            match &*a.name {
                "itemtype" if itemtype.is_none() => itemtype = Some(&*a.value),
                "itemprop" if itemprop.is_none() => itemprop = Some(&*a.value),
                _ => {}
            }
        }
        if let Some(t) = itemtype {
            for ty in t.split_ascii_whitespace() {
                let short = ty.rsplit('/').next().unwrap_or(ty).to_string();
                if !p.itemtypes.contains(&short) {
                    push_limited(&mut p.itemtypes, short);
                }
            }
        }
        if let Some(ip) = itemprop {
            if tag != Tag::Meta {
                let value = || {
                    dom.attr(id, "datetime")
                        .or_else(|| dom.attr(id, "content"))
                        .map(str::to_string)
                        .unwrap_or_else(|| visible_text(dom, id))
                };
                if has_token(ip, "datePublished") || has_token(ip, "dateCreated") {
                    push_limited(&mut p.itemprop_published, value());
                } else if has_token(ip, "dateModified") {
                    push_limited(&mut p.itemprop_modified, value());
                } else if (has_token(ip, "author") || has_token(ip, "creator"))
                    && tag != Tag::Link
                    && !in_chrome(dom, &memo, id)
                {
                    // prefer a nested itemprop="name"
                    let name = dom
                        .descendants(id)
                        .find(|&d| {
                            dom.attr(d, "itemprop")
                                .is_some_and(|v| has_token(v, "name"))
                        })
                        .map(|d| {
                            dom.attr(d, "content")
                                .map(str::to_string)
                                .unwrap_or_else(|| visible_text(dom, d))
                        })
                        .unwrap_or_else(value);
                    push_limited(&mut p.itemprop_authors, name);
                }
            }
        }
        if !full
            || matches!(
                tag,
                Tag::Body | Tag::Html | Tag::Head | Tag::Meta | Tag::Link | Tag::Img
            )
        {
            continue;
        }
        if p.by_lines.len() < 4
            && matches!(
                tag,
                Tag::P
                    | Tag::Span
                    | Tag::Div
                    | Tag::Li
                    | Tag::Address
                    | Tag::Small
                    | Tag::Em
                    | Tag::Strong
                    | Tag::Dd
                    | Tag::B
                    | Tag::I
                    | Tag::Header
            )
            && dom.descendants(id).take(12).count() < 12
            && starts_like_byline(dom, id)
        {
            let text = visible_text(dom, id);
            let lower = text.to_lowercase();
            let labelled = [
                "by ",
                "written by",
                "posted by",
                "author:",
                "words by",
                "story by",
            ]
            .iter()
            .any(|k| lower.starts_with(k));
            if labelled
                && text.len() <= 100
                && !in_chrome(dom, &memo, id)
                && !memo.hidden_chain(dom, id)
            {
                p.by_lines.push(text);
            } else if matches!(
                lower.trim_end_matches(':'),
                "by" | "written by" | "author" | "posted by"
            ) {
                // "Written by" label with the name in the next element
                let next = std::iter::successors(dom.next_sibling(id), |&n| dom.next_sibling(n))
                    .take(3)
                    .find(|&n| {
                        dom.is_element(n) || dom.text(n).is_some_and(|t| !t.trim().is_empty())
                    });
                if let Some(next) = next {
                    let t = if dom.is_element(next) {
                        visible_text(dom, next)
                    } else {
                        normalize(dom.text(next).unwrap_or(""))
                    };
                    if !t.is_empty() && t.len() <= 100 {
                        p.by_lines.push(t);
                    }
                }
            }
        }
        let parts = name_parts(class_id(dom, id));
        if p.date_texts.len() < 8
            && parts & part::DATED != 0
            && parts & part::CHANGED == 0
            && dom.descendants(id).take(8).count() < 8
        {
            let text = visible_text(dom, id);
            if !text.is_empty()
                && text.len() <= 80
                && !in_chrome(dom, &memo, id)
                && !memo.hidden_chain(dom, id)
            {
                p.date_texts.push(text);
            }
        }
        let byline = parts & part::BYLINE != 0;
        let author = !byline && parts & part::AUTHOR != 0 && parts & part::NOT_AUTHOR == 0;
        if (byline || author) && p.bylines.len() + p.author_classed.len() < MAX_ITEMS {
            let text = visible_text(dom, id);
            if !text.is_empty()
                && text.len() <= 200
                && !memo.hidden_chain(dom, id)
                && !in_chrome(dom, &memo, id)
            {
                if byline {
                    p.bylines.push(text);
                } else {
                    p.author_classed.push(text);
                }
            }
        }
    }
    p
}

impl Page {
    /// The first meta content among `keys`, in the order of `keys`.
    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, v)| mk == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every meta content for one key, in document order.
    fn metas_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Resolve `href` against `base`; only http(s) results are kept.
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.len() > 4096 {
        return None;
    }
    let u = match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// The site name from a URL's host: "www.news.example" -> "news.example".
fn host_name(u: &str) -> Option<String> {
    let u = url::Url::parse(u).ok()?;
    let h = u.host_str()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then(|| h.to_string())
}

/// Dedupe case-insensitively, keep order, drop empty and overlong values.
fn clean_list<I: IntoIterator<Item = String>>(it: I) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in it {
        let s = normalize(&s);
        let s = s
            .trim_matches(|c: char| c == '#' || c == ',' || c.is_whitespace())
            .to_string();
        if s.is_empty() || s.chars().count() > 60 || out.len() >= 50 {
            continue;
        }
        if !out.iter().any(|o| o.to_lowercase() == s.to_lowercase()) {
            out.push(s);
        }
    }
    out
}

fn split_commas(s: &str) -> Vec<String> {
    s.split([',', ';']).map(|x| x.trim().to_string()).collect()
}

/// Collect the page's metadata from its tree. Dates after the day of `now` (None: the system
/// clock) are rejected.
pub fn extract(
    dom: &Dom,
    url: Option<&str>,
    limits: &Limits,
    now: Option<std::time::SystemTime>,
) -> Metadata {
    extract_with(dom, url, limits, now, true).0
}

/// The metadata and what the extraction reads from it ([`TypeFacts`]). Without `full`
/// (text only), only what the extraction reads is collected: the canonical URL, site name,
/// title and declared page type, and a date and authors when the head, microdata or
/// `<time>` elements give them ([`gather`]'s cheap sources); the description, language,
/// categories, tags and image are left empty. The facts are the same either way.
pub(crate) fn extract_with(
    dom: &Dom,
    url: Option<&str>,
    limits: &Limits,
    now: Option<std::time::SystemTime>,
    full: bool,
) -> (Metadata, TypeFacts) {
    let p = gather(dom, limits, full);
    let today = dates::today(now);
    // a date no later than the crawl
    let parse = |s: &str| dates::parse(s).filter(|d| d.as_str() <= today.as_str());
    let from_url = |u: &str| dates::from_url(u).filter(|d| d.as_str() <= today.as_str());
    let ld = jsonld::extract(&p.scripts);
    let mut m = Metadata::default();

    // url: canonical, og:url, else the given URL
    m.url = p
        .canonical
        .as_deref()
        .and_then(|c| resolve(c, url))
        .or_else(|| p.meta(&["og:url"]).and_then(|c| resolve(c, url)))
        .or_else(|| url.map(str::to_string));

    // site name
    m.sitename = p
        .meta(&["og:site_name"])
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            p.meta(&[
                "application-name",
                "al:ios:app_name",
                "dc.publisher",
                "dcterms.publisher",
            ])
            .map(str::to_string)
        })
        .or_else(|| url.and_then(host_name))
        .or_else(|| m.url.as_deref().and_then(host_name))
        .map(|s| normalize(&s))
        .filter(|s| !s.is_empty());

    // title
    let mut metas_t: Vec<String> = Vec::new();
    metas_t.extend(ld.headline.clone());
    for k in [
        "og:title",
        "twitter:title",
        "dc.title",
        "dcterms.title",
        "citation_title",
        "parsely-title",
        "sailthru.title",
        "headline",
    ] {
        if let Some(t) = p.meta(&[k]) {
            metas_t.push(t.to_string());
        }
    }
    m.title = title::choose(&title::Inputs {
        meta: metas_t,
        doc_title: p.doc_title.clone(),
        h1s: p.h1s.clone(),
        site: m.sitename.clone(),
    })
    .map(|t| normalize(&decode_entities(&t)))
    .filter(|t| !t.is_empty());

    // authors, first source with a real name wins
    let mut groups: Vec<Vec<String>> = vec![ld.authors.clone()];
    let mut meta_authors = Vec::new();
    for k in [
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "citation_author",
        "byl",
        "twitter:creator",
    ] {
        for v in p.metas_all(k) {
            if !v.starts_with("http") && !v.starts_with('@') {
                meta_authors.push(v.to_string());
            }
        }
        if !meta_authors.is_empty() {
            break;
        }
    }
    // "Written by" label/value pairs in twitter:labelN / twitter:dataN
    for i in 1..=4 {
        let label = p
            .meta(&[&format!("twitter:label{i}")])
            .unwrap_or("")
            .to_lowercase();
        if label.contains("written by") || label.contains("author") {
            if let Some(d) = p.meta(&[&format!("twitter:data{i}")]) {
                meta_authors.push(d.to_string());
            }
        }
    }
    groups.push(meta_authors);
    let visible_from = groups.len();
    groups.push(p.itemprop_authors.clone());
    groups.push(p.rel_authors.clone());
    groups.push(p.bylines.clone());
    groups.push(p.by_lines.clone());
    groups.push(p.author_classed.clone());
    let mut weak_fallback = Vec::new();
    // a name from the head, JSON-LD or microdata (the sources a text-only reading has)
    let mut declared_author = false;
    for (gi, g) in groups.into_iter().enumerate() {
        let mut names = Vec::new();
        for raw in g.iter().take(8) {
            if gi >= visible_from {
                // visible markup: the first element naming someone, not every byline on the page
                names = authors::clean_visible(raw);
                if !names.is_empty() {
                    break;
                }
            } else {
                names.extend(authors::clean(raw));
            }
        }
        let names = authors::dedupe(names);
        if names.is_empty() {
            continue;
        }
        declared_author |= gi <= visible_from;
        if names.iter().all(|n| authors::is_weak(n)) {
            if weak_fallback.is_empty() {
                weak_fallback = names;
            }
            continue;
        }
        m.authors = names;
        break;
    }
    if m.authors.is_empty() {
        m.authors = weak_fallback;
    }

    // dates
    let pub_keys = [
        "article:published_time",
        "og:article:published_time",
        "article.published",
        "published_time",
        "datepublished",
        "datecreated",
        "parsely-pub-date",
        "sailthru.date",
        "publish-date",
        "publish_date",
        "publishdate",
        "publication_date",
        "pubdate",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "dc.date.created",
        "citation_publication_date",
        "citation_date",
        "originalpublicationdate",
        "date",
        "displaydate",
        "ms.date",
        "article:published",
    ];
    m.date = ld
        .published
        .as_deref()
        .and_then(parse)
        .or_else(|| pub_keys.iter().find_map(|k| p.meta(&[k]).and_then(parse)))
        .or_else(|| p.itemprop_published.iter().find_map(|s| parse(s)))
        .or_else(|| p.times.iter().find_map(|s| parse(s)))
        .or_else(|| url.and_then(from_url))
        .or_else(|| m.url.as_deref().and_then(from_url))
        .or_else(|| p.date_texts.iter().find_map(|s| parse(s)))
        .or_else(|| p.near_title_dates.iter().find_map(|s| parse(s)))
        .or_else(|| p.above_title_dates.iter().find_map(|s| parse(s)))
        .or_else(|| {
            // any other meta that names a publication date ("w-published-date")
            p.metas
                .iter()
                .filter(|(k, _)| k.contains("publish") && !k.contains("publisher"))
                .find_map(|(_, v)| parse(v))
        });
    let mod_keys = [
        "article:modified_time",
        "og:updated_time",
        "article:modified",
        "datemodified",
        "dcterms.modified",
        "dc.date.modified",
        "last-modified",
        "lastmod",
    ];
    m.date_modified = ld
        .modified
        .as_deref()
        .and_then(parse)
        .or_else(|| mod_keys.iter().find_map(|k| p.meta(&[k]).and_then(parse)))
        .or_else(|| p.itemprop_modified.iter().find_map(|s| parse(s)));
    if m.date_modified.is_none() {
        m.date_modified = p.update_lines.iter().find_map(|s| parse(s));
    }
    // a page that states only when it was last modified: that is the best date it gives;
    // else the first date line anywhere on the page
    if m.date.is_none() {
        m.date = m
            .date_modified
            .clone()
            .or_else(|| p.page_dates.iter().find_map(|s| parse(s)))
            .or_else(|| p.chrome_times.iter().find_map(|s| parse(s)));
    }

    // a date from the head, JSON-LD, microdata, `<time>` or the URL: what the date chain
    // above finds when the visible date lines are not read
    let declared_date = ld.published.as_deref().and_then(parse).is_some()
        || pub_keys
            .iter()
            .any(|k| p.meta(&[k]).and_then(parse).is_some())
        || p.itemprop_published.iter().any(|s| parse(s).is_some())
        || p.times.iter().any(|s| parse(s).is_some())
        || url.and_then(from_url).is_some()
        || m.url.as_deref().and_then(from_url).is_some()
        || p.metas
            .iter()
            .filter(|(k, _)| k.contains("publish") && !k.contains("publisher"))
            .any(|(_, v)| parse(v).is_some())
        || ld.modified.as_deref().and_then(parse).is_some()
        || mod_keys
            .iter()
            .any(|k| p.meta(&[k]).and_then(parse).is_some())
        || p.itemprop_modified.iter().any(|s| parse(s).is_some())
        || p.chrome_times.iter().any(|s| parse(s).is_some());
    let facts = TypeFacts {
        url: m.url.clone(),
        has_date: declared_date,
        has_author: declared_author,
        title_words: title_words(m.title.as_deref()),
        json_ld_types: Some((ld.main_types.clone(), ld.types.clone())),
        markup: page_type::MarkupCache::default(),
    };
    if !full {
        m.page_type = declared_type(&p, &ld);
        return (m, facts);
    }

    // description
    m.description = p
        .meta(&[
            "description",
            "og:description",
            "twitter:description",
            "dc.description",
            "dcterms.description",
        ])
        .map(str::to_string)
        .or_else(|| ld.description.clone())
        .filter(|s| !s.is_empty());

    // language
    m.language = p
        .html_lang
        .as_deref()
        .and_then(language::normalize)
        .or_else(|| {
            p.meta(&[
                "content-language",
                "language",
                "dc.language",
                "dcterms.language",
            ])
            .and_then(language::normalize)
        })
        .or_else(|| ld.language.as_deref().and_then(language::normalize))
        .or_else(|| p.meta(&["og:locale"]).and_then(language::normalize));

    // categories and tags: the first source that has any
    let sections: Vec<String> = p.metas_all("article:section").map(str::to_string).collect();
    m.categories = [ld.sections.clone(), sections, p.rel_cats.clone()]
        .into_iter()
        .map(clean_list)
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let meta_tags: Vec<String> = p
        .metas_all("article:tag")
        .chain(p.metas_all("og:article:tag"))
        .flat_map(split_commas)
        .collect();
    let keywords: Vec<String> = p
        .meta(&["news_keywords", "keywords"])
        .map(split_commas)
        .unwrap_or_default();
    m.tags = [
        ld.keywords.clone(),
        meta_tags,
        p.rel_tags.clone(),
        p.path_tags.clone(),
        keywords,
    ]
    .into_iter()
    .map(clean_list)
    .find(|v| !v.is_empty())
    .unwrap_or_default();

    // image
    let base = m.url.clone().or_else(|| url.map(str::to_string));
    m.image = p
        .meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .map(str::to_string)
        .or_else(|| ld.image.clone())
        .and_then(|i| resolve(&i, base.as_deref()).or(Some(i)))
        .filter(|s| !s.is_empty());

    m.page_type = declared_type(&p, &ld);
    (m, facts)
}

/// The page type from declarations (structure is checked in `finish`).
fn declared_type(p: &Page, ld: &jsonld::JsonLd) -> Option<crate::document::PageType> {
    let mut all_types = ld.types.clone();
    all_types.extend(p.itemtypes.iter().cloned());
    page_type::from_declared(&ld.main_types, &all_types, p.meta(&["og:type"]))
}

/// Fill fields that depend on the extracted body (language detection, page type).
pub fn finish(m: &mut Metadata, dom: &Dom, body: &[Block]) {
    finish_language(m, body);
    // the final type weighs declarations and structure together (the declared type that
    // `extract` set has already steered the extraction)
    let (page_type, features) = predict_page_type(m, dom, body);
    m.page_type = Some(page_type);
    m.page_type_features = features;
}

/// Detect the language from the extracted body (the part of [`finish`] that does
/// not depend on the page type).
pub(crate) fn finish_language(m: &mut Metadata, body: &[Block]) {
    let mut text = String::new();
    for b in body {
        if text.len() > 20_000 {
            break;
        }
        if matches!(b.kind, crate::document::BlockKind::Code { .. }) {
            continue;
        }
        text.push_str(&b.text);
        text.push('\n');
    }
    // the declared language stands when the body's stop words bear it out; the
    // trigram detector (ten times the work) runs only otherwise
    let confirmed = m
        .language
        .as_deref()
        .is_some_and(|d| language::confirms(d, &text));
    if let Some(detected) = (!confirmed).then(|| language::detect(&text)).flatten() {
        let agrees = m
            .language
            .as_deref()
            .is_some_and(|d| language::same(d, &detected));
        if !agrees {
            m.language = Some(detected);
        }
    }
}

/// What the page-type model reads from the metadata. During the extraction, whether the
/// page names a date and an author is read from the sources a text-only reading has too
/// (head, JSON-LD, microdata, `<time>`, URL: see [`extract_with`]); the final page type of
/// the full metadata reads every source ([`TypeFacts::of`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeFacts {
    url: Option<String>,
    has_date: bool,
    has_author: bool,
    title_words: usize,
    /// The JSON-LD's main and other `@type`s, when the metadata has read its scripts
    /// (else the page-type walk reads them).
    json_ld_types: Option<(Vec<String>, Vec<String>)>,
    /// The page's markup as the page-type walk read it, kept for the next prediction.
    markup: page_type::MarkupCache,
}

impl TypeFacts {
    /// The facts of finished metadata (a date or an author from any source).
    pub(crate) fn of(m: &Metadata) -> TypeFacts {
        TypeFacts {
            url: m.url.clone(),
            has_date: m.date.is_some(),
            has_author: !m.authors.is_empty(),
            title_words: title_words(m.title.as_deref()),
            json_ld_types: None,
            markup: page_type::MarkupCache::default(),
        }
    }

    /// These facts with the date and author of the finished metadata `m` (read from the
    /// same page).
    pub(crate) fn finished(&self, m: &Metadata) -> TypeFacts {
        TypeFacts {
            has_date: m.date.is_some(),
            has_author: !m.authors.is_empty(),
            ..self.clone()
        }
    }
}

fn title_words(title: Option<&str>) -> usize {
    title.map_or(0, |t| t.split_whitespace().count())
}

/// The page type that the body and the metadata so far point to (what [`finish`]
/// records), with the model's features.
pub(crate) fn predict_page_type(
    m: &Metadata,
    dom: &Dom,
    body: &[Block],
) -> (crate::document::PageType, Vec<(&'static str, f32)>) {
    predict_from_facts(&TypeFacts::of(m), dom, body)
}

/// [`predict_page_type`] from the facts it reads.
pub(crate) fn predict_from_facts(
    facts: &TypeFacts,
    dom: &Dom,
    body: &[Block],
) -> (crate::document::PageType, Vec<(&'static str, f32)>) {
    let mut signals = page_type::Signals::collect(
        dom,
        body,
        facts.url.as_deref(),
        facts.has_date,
        facts.has_author,
        facts
            .json_ld_types
            .as_ref()
            .map(|(main, all)| (main.as_slice(), all.as_slice())),
        &facts.markup,
    );
    signals.title_words = facts.title_words;
    let features = signals.features();
    let page_type =
        page_type_model::predict(&features).unwrap_or_else(|| signals.classify_by_rules());
    (page_type, features)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn normalize_joins_the_words_with_single_spaces(s in "[a-z \t\n\x0b\u{a0}\u{2003}é]{0,30}") {
            let slow = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize(&s), slow);
        }
    }

    fn dom(html: &str) -> Dom {
        crate::dom::parse::parse_html(html, &Limits::default(), std::time::Instant::now()).unwrap()
    }

    #[test]
    fn text_only_and_full_readings_give_the_same_facts() {
        let limits = Limits::default();
        let read = |html: &str, full: bool| extract_with(&dom(html), None, &limits, None, full);
        // date and author in the head: both readings have them
        let head = r#"<html><head><title>A story</title>
            <meta property="article:published_time" content="2024-03-03">
            <meta name="author" content="Ann Lee"></head><body><p>Text.</p></body></html>"#;
        for full in [false, true] {
            let (m, facts) = read(head, full);
            assert_eq!(m.date.as_deref(), Some("2024-03-03"));
            assert!(facts.has_date && facts.has_author);
        }
        // only a visible date line and a byline: the full metadata has them, the facts
        // that steer the extraction do not, in either reading
        let visible = r#"<html><head><title>A story</title></head><body><h1>A story</h1>
            <p class="byline">By Ann Lee</p><p>Posted on March 3, 2024</p>
            <p>Text of the story.</p></body></html>"#;
        let (light, light_facts) = read(visible, false);
        let (full, full_facts) = read(visible, true);
        assert_eq!(light.title.as_deref(), Some("A story"));
        assert_eq!(light.date, None);
        assert_eq!(full.date.as_deref(), Some("2024-03-03"));
        assert_eq!(full.authors, vec!["Ann Lee".to_string()]);
        for f in [&light_facts, &full_facts] {
            assert!(!f.has_date && !f.has_author && f.title_words == 2);
        }
        let finished = TypeFacts::of(&full);
        assert!(finished.has_date && finished.has_author);
    }

    #[test]
    fn tag_folders_in_link_paths() {
        assert!(path_names_tags("https://news.example/Tag/rust/"));
        assert!(path_names_tags("/topics/ai"));
        assert!(path_names_tags("/blog/tags/"));
        assert!(!path_names_tags("/tagged/rust"));
        assert!(!path_names_tags("https://news.example/stage/"));
        assert!(!path_names_tags("/tag"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("M&#038;A &amp; more &bull; x"),
            "M&A & more \u{2022} x"
        );
        assert_eq!(
            decode_entities("a & b &unknown; &#xZZ; &"),
            "a & b &unknown; &#xZZ; &"
        );
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
    }
}
