//! Pick the main content: score text-bearing blocks, credit their ancestors,
//! take the best-scoring container, then add siblings that belong with it.

use crate::dom::{Dom, NodeId, NodeMap, Tag};
use crate::extractor::{Config, Favor};
use crate::rules::{classes, tags};
use crate::stages::prune::Pruned;
use crate::stages::signal::Declared;
use crate::stages::stats::Stats;

/// The chosen content: one or more subtrees, in document order.
#[derive(Debug, Clone)]
pub struct Main {
    /// Roots of the content subtrees.
    pub roots: Vec<NodeId>,
    /// Candidate scores per node (0 where not a candidate), for `explain`.
    pub scores: NodeMap<f32>,
    /// The page is not one article: the whole main region was taken, and link
    /// lists in it are content (listings, product grids), not chrome.
    pub region: bool,
    /// The content is a list of records (forum posts): their dates and
    /// author lines are part of it.
    pub records: bool,
    /// The best candidate lies in an element named the article body
    /// (`article-content`, `itemprop=articleBody`): the page calls it one article.
    pub named_body: bool,
}

/// Shortest inline text (non-space chars) that makes a block count as a paragraph.
const MIN_PARAGRAPH_CHARS: u32 = 25;
/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;
/// Characters to one point of length score, capped at [`MAX_LENGTH_POINTS`].
const CHARS_PER_POINT: u32 = 100;
/// Cap of the length part of a paragraph's score.
const MAX_LENGTH_POINTS: f32 = 3.0;

/// Non-space characters of a block's own inline content (text not inside child blocks).
pub fn inline_len(dom: &Dom, stats: &Stats, pruned: &Pruned, id: NodeId) -> u32 {
    let mut n = 0;
    for c in dom.children(id) {
        if !stats.visible(c) || pruned.is_dropped(c) {
            continue;
        }
        match dom.tag(c) {
            Some(t) if tags::is_block(t) => {}
            _ => n += stats.text_len[c],
        }
    }
    n
}

/// Commas of Latin, CJK and Arabic script in `t`: ASCII ones counted over bytes,
/// the others only in text that has non-ASCII characters.
fn comma_count(t: &str) -> u32 {
    let ascii = t.bytes().filter(|&b| b == b',').count();
    let wide = if t.is_ascii() { 0 } else { wide_commas(t) };
    (ascii + wide) as u32
}

/// The wide commas (`，` `、` `،` `؛`) as UTF-8: each starts with a lead byte, which
/// no other character's encoding holds inside it, so a match is the character itself.
const WIDE_COMMAS: [&[u8]; 4] = [
    "\u{FF0C}".as_bytes(),
    "\u{3001}".as_bytes(),
    "\u{060C}".as_bytes(),
    "\u{061B}".as_bytes(),
];

/// Wide commas in `t`, found by their lead bytes (`memchr3`) rather than by
/// decoding every character.
fn wide_commas(t: &str) -> usize {
    let b = t.as_bytes();
    memchr::memchr3_iter(0xEF, 0xE3, 0xD8, b)
        .filter(|&i| {
            let rest = b.get(i..).unwrap_or_default();
            WIDE_COMMAS.iter().any(|c| rest.starts_with(c))
        })
        .count()
}

fn commas(dom: &Dom, stats: &Stats, id: NodeId) -> u32 {
    let mut n = 0;
    for d in dom.descendants(id) {
        if !stats.visible(d) {
            continue;
        }
        if let Some(t) = dom.text(d) {
            n += comma_count(t);
        }
    }
    n
}

fn base_score(dom: &Dom, pruned: &Pruned, id: NodeId) -> f32 {
    let tag_score = match dom.tag(id) {
        Some(Tag::Div) | Some(Tag::Article) | Some(Tag::Main) | Some(Tag::Section) => 5.0,
        Some(Tag::Pre) | Some(Tag::Td) | Some(Tag::Blockquote) => 3.0,
        Some(
            Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form,
        ) => -3.0,
        Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th) => -5.0,
        _ => 0.0,
    };
    let h = pruned.hints[id];
    let mut class_score = 0.0;
    if h.chrome {
        class_score -= 10.0;
    }
    if h.content {
        class_score += 25.0;
    }
    if h.body {
        class_score += 25.0;
    }
    if matches!(dom.tag(id), Some(Tag::Article | Tag::Main)) {
        class_score += 10.0;
    }
    tag_score + class_score
}

/// Choose the content subtrees.
pub fn select(
    dom: &Dom,
    stats: &Stats,
    pruned: &Pruned,
    config: &Config,
    declared: Declared,
) -> Main {
    let mut scores = NodeMap::new(dom, 0.0f32);
    let mut scored = NodeMap::new(dom, false);
    let mut candidates: Vec<NodeId> = Vec::new();
    for &id in &stats.order {
        let Some(tag) = dom.tag(id) else { continue };
        if pruned.is_dropped(id) {
            continue;
        }
        let paragraph_like = matches!(tag, Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote)
            || (tags::is_block(tag) && !matches!(tag, Tag::Body | Tag::Html));
        if !paragraph_like {
            continue;
        }
        let len = inline_len(dom, stats, pruned, id);
        if len < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let score = 1.0
            + commas(dom, stats, id) as f32
            + ((len / CHARS_PER_POINT) as f32).min(MAX_LENGTH_POINTS);
        // a paragraph that is its own container (text directly in a div) credits itself too
        let mut target = Some(id);
        if !matches!(tag, Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote) {
            credit(
                dom,
                pruned,
                id,
                score,
                &mut scores,
                &mut scored,
                &mut candidates,
            );
        }
        target = target.and_then(|t| dom.parent(t));
        let mut level = 0;
        while let Some(a) = target {
            if level >= ANCESTOR_LEVELS || dom.tag(a).is_none() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            credit(
                dom,
                pruned,
                a,
                score / divider,
                &mut scores,
                &mut scored,
                &mut candidates,
            );
            target = dom.parent(a);
            level += 1;
        }
    }
    // final score: penalise link-heavy candidates
    let mut best: Option<(NodeId, f32)> = None;
    for &c in &candidates {
        let s = scores[c] * (1.0 - stats.link_density(c));
        scores[c] = s;
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    let Some((mut top, top_score)) = best else {
        return Main {
            roots: vec![stats.body],
            scores,
            region: true,
            records: false,
            named_body: false,
        };
    };
    let best_block = top;
    top = climb(dom, stats, &scores, top, top_score);
    let mut records = false;
    if let Some(list) = repeated_records(dom, stats, pruned, top) {
        top = list;
        records = true;
    }
    let mut roots = with_siblings(dom, stats, pruned, &scores, top, config);
    if records {
        if let Some(q) = question_before(dom, pruned, top) {
            if !roots.contains(&q) {
                roots.push(q);
                roots.sort_unstable_by_key(|&n| stats.pos[n]);
            }
        }
    }
    let mut region_mode = false;
    let region = main_region(dom, stats, pruned);
    let covered: u32 = roots.iter().map(|&r| pruned.kept_prose[r]).sum();
    let region_prose = pruned.kept_prose[region];
    let (ratio, cap) = match declared {
        Declared::Article => (COVER_RATIO_ARTICLE, ARTICLE_PROSE_CHARS),
        Declared::Unknown => (COVER_RATIO, ARTICLE_PROSE_CHARS),
        Declared::Other => (COVER_RATIO_OTHER, u32::MAX),
    };
    let grid = declared != Declared::Article
        && record_grid(dom, stats, pruned, region)
            .is_some_and(|g| !roots.iter().any(|&r| dom.is_ancestor_or_self(r, g)));
    if ((covered as f32) < ratio * region_prose as f32 && covered < cap || grid)
        && !roots.iter().any(|&r| dom.is_ancestor_or_self(r, region))
    {
        roots = vec![region];
        region_mode = true;
    } else if !records {
        roots = spread_article(dom, stats, pruned, best_block, top, roots);
    }
    Main {
        roots,
        scores,
        region: region_mode,
        records,
        named_body: in_named_body(dom, pruned, top),
    }
}

/// When the records are a Q&A page's answers (a list named with an answer word),
/// the question they answer: the element just before the list named with a
/// question word (Stack Exchange's `div.question` before `div#answers`).
fn question_before(dom: &Dom, pruned: &Pruned, list: NodeId) -> Option<NodeId> {
    if !named_with(dom, list, classes::ANSWER_WORDS) {
        return None;
    }
    let mut c = dom.node(list).prev_sibling;
    let mut seen = 0;
    while c != NodeId::NONE {
        let id = NodeId(c);
        c = dom.node(id).prev_sibling;
        if !dom.is_element(id) || pruned.is_dropped(id) || pruned.kept_text[id] == 0 {
            continue;
        }
        if named_with(dom, id, classes::QUESTION_WORDS) {
            return Some(id);
        }
        seen += 1;
        if seen >= QUESTION_SEARCH_SIBLINGS {
            break;
        }
    }
    None
}

/// How many elements holding text before an answer list to look through for the question.
const QUESTION_SEARCH_SIBLINGS: usize = 2;

/// Does one of the element's class or id words appear in `words`?
fn named_with(dom: &Dom, id: NodeId, words: &[&str]) -> bool {
    let mut buf = String::new();
    let mut hit = false;
    for a in dom.attrs(id) {
        if matches!(&*a.name, "class" | "id") {
            classes::for_each_word(&a.value, &mut buf, |w| hit |= words.contains(&w));
        }
    }
    hit
}

/// Is this element, or one of its ancestors, named the article body
/// (`article-content`, `itemprop=articleBody`)? Such a pick is one article,
/// whatever else the page holds.
fn in_named_body(dom: &Dom, pruned: &Pruned, id: NodeId) -> bool {
    let mut cur = Some(id);
    while let Some(n) = cur {
        if pruned.hints[n].body {
            return true;
        }
        cur = dom.parent(n);
    }
    false
}

fn credit(
    dom: &Dom,
    pruned: &Pruned,
    id: NodeId,
    amount: f32,
    scores: &mut NodeMap<f32>,
    scored: &mut NodeMap<bool>,
    candidates: &mut Vec<NodeId>,
) {
    if pruned.is_dropped(id) {
        return;
    }
    if !scored[id] {
        scored[id] = true;
        scores[id] = base_score(dom, pruned, id);
        candidates.push(id);
    }
    scores[id] += amount;
}

/// Move up from the top candidate while a parent carries a comparable score
/// (the article is split across several children), or is its only wrapper.
fn climb(dom: &Dom, stats: &Stats, scores: &NodeMap<f32>, top: NodeId, top_score: f32) -> NodeId {
    let mut top = top;
    // a parent scoring higher than the child path means the content is spread out
    let threshold = top_score / 3.0;
    let mut last = top_score;
    let mut cur = dom.parent(top);
    while let Some(p) = cur {
        if p == stats.body || dom.tag(p).is_none() {
            break;
        }
        let s = scores[p];
        if s == 0.0 {
            cur = dom.parent(p);
            continue;
        }
        if s < threshold {
            break;
        }
        if s > last {
            top = p;
            break;
        }
        last = s;
        cur = dom.parent(p);
    }
    // climb through wrappers that add no text of their own
    while let Some(p) = dom.parent(top) {
        if p == stats.body || dom.tag(p).is_none() {
            break;
        }
        if stats.text_len[p] == stats.text_len[top] {
            top = p;
        } else {
            break;
        }
    }
    top
}

/// The top candidate plus siblings that score well or read like paragraphs.
fn with_siblings(
    dom: &Dom,
    stats: &Stats,
    pruned: &Pruned,
    scores: &NodeMap<f32>,
    top: NodeId,
    config: &Config,
) -> Vec<NodeId> {
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    let top_score = scores[top];
    let mut factor = 0.2;
    if config.favor == Favor::Recall {
        factor = 0.1;
    } else if config.favor == Favor::Precision {
        factor = 0.35;
    }
    let threshold = (top_score * factor).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for s in dom.children(parent) {
        if s == top {
            roots.push(s);
            continue;
        }
        if !stats.visible(s) || pruned.is_dropped(s) || stats.text_len[s] == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let score = scores[s];
        if score > 0.0 && score + bonus >= threshold {
            roots.push(s);
            continue;
        }
        // the article's header before it: the headline with a standfirst or lead
        if s < top
            && pruned.kept_prose[s] >= LEAD_MIN_CHARS
            && dom.find(s, Tag::H1).is_some_and(|h| stats.visible(h))
        {
            roots.push(s);
            continue;
        }
        if dom.tag(s) == Some(Tag::P) {
            let len = stats.text_len[s];
            let ld = stats.link_density(s);
            let text = dom.text_content(s);
            if (len > 80 && ld < 0.25) || (len > 0 && ld == 0.0 && text.contains(". ")) {
                roots.push(s);
            }
        }
    }
    roots
}

/// How many levels above the best candidate to look for the sibling sections an
/// article is spread over (a page builder's sections, rows and columns).
const SPREAD_LEVELS: usize = 6;
/// Least prose (non-link characters) a sibling section needs to count as more
/// of the article.
const SPREAD_MIN_PROSE: u32 = 120;
/// Most link density a sibling section may have to count as more of the article.
const SPREAD_MAX_LINK_DENSITY: f32 = 0.25;
/// Share of a sibling section's prose that must sit in paragraphs (`p`, list
/// items, quotes, code) for it to count as more of the article.
const SPREAD_PARAGRAPH_SHARE: f32 = 0.5;

/// The article may be spread over several sibling sections of the same shape
/// (tag and first class name, numbering aside: `elementor-section`, `vc_row`, `builder-8f2b10`)
/// of which the pick is only one. From the pick (`top`, the best candidate
/// `best` or a wrapper of it) up, at the first level where the neighbours of the
/// same shape read as prose (few links, held in paragraphs, not named chrome,
/// holding no `<article>` teasers) and hold a block of the best candidate's
/// shape (the same text widget), add the unbroken run of them. When the page
/// names its article body around the best candidate, only sections inside it.
fn spread_article(
    dom: &Dom,
    stats: &Stats,
    pruned: &Pruned,
    best: NodeId,
    top: NodeId,
    roots: Vec<NodeId>,
) -> Vec<NodeId> {
    let prose_like = |s: NodeId| {
        !pruned.hints[s].chrome
            && pruned.kept_prose[s] >= SPREAD_MIN_PROSE
            && dom.find(s, Tag::Article).is_none()
            && stats.link_density(s) <= SPREAD_MAX_LINK_DENSITY
            && paragraph_prose(dom, stats, pruned, s) as f32
                >= SPREAD_PARAGRAPH_SHARE * pruned.kept_prose[s] as f32
    };
    let best_sig = signature(dom, best);
    // a block of the best candidate's shape inside the sibling: the same text widget
    let holds_best_shape = |s: NodeId| dom.descendants(s).any(|d| signature(dom, d) == best_sig);
    let named = in_named_body(dom, pruned, best);
    let mut cur = best;
    for _ in 0..SPREAD_LEVELS {
        if named && !in_named_body(dom, pruned, cur) {
            break;
        }
        let Some(parent) = dom.parent(cur) else { break };
        if parent == stats.body || dom.tag(parent).is_none() {
            break;
        }
        let sig = signature(dom, cur);
        // below the pick, its own blocks are already in
        if !dom.is_ancestor_or_self(cur, top) {
            cur = parent;
            continue;
        }
        if !sig.1.is_empty() || matches!(sig.0, Some(Tag::Section)) {
            let kids: Vec<NodeId> = dom
                .children(parent)
                .filter(|&s| {
                    s == cur
                        || (stats.visible(s) && !pruned.is_dropped(s) && pruned.kept_text[s] > 0)
                })
                .collect();
            let Some(at) = kids.iter().position(|&s| s == cur) else {
                break;
            };
            let fits = |s: NodeId| signature(dom, s) == sig && prose_like(s) && holds_best_shape(s);
            let mut lo = at;
            while lo > 0 && kids.get(lo - 1).is_some_and(|&k| fits(k)) {
                lo -= 1;
            }
            let mut hi = at + 1;
            while kids.get(hi).is_some_and(|&k| fits(k)) {
                hi += 1;
            }
            if hi - lo > 1 {
                let run = kids.get(lo..hi).unwrap_or_default();
                let mut out: Vec<NodeId> = run.to_vec();
                out.extend(
                    roots
                        .iter()
                        .filter(|&&r| !run.iter().any(|&s| dom.is_ancestor_or_self(s, r))),
                );
                out.sort_unstable_by_key(|&n| stats.pos[n]);
                return out;
            }
        }
        cur = parent;
    }
    roots
}

/// Kept prose of a subtree that sits in prose blocks: text whose nearest block
/// ancestor is a paragraph, list item, quote or code block (not a heading:
/// teaser cards are mostly titles).
fn paragraph_prose(dom: &Dom, stats: &Stats, pruned: &Pruned, id: NodeId) -> u32 {
    let start = stats.pos[id] as usize;
    let end = stats.end[id] as usize;
    let mut n = 0;
    let mut i = start;
    while i < end.min(stats.order.len()) {
        let Some(&t) = stats.order.get(i) else { break };
        if pruned.is_dropped(t) {
            i = (stats.end[t] as usize).max(i + 1);
            continue;
        }
        i += 1;
        if dom.text(t).is_none() || pruned.kept_prose[t] == 0 {
            continue;
        }
        let mut up = dom.parent(t);
        while let Some(p) = up {
            match dom.tag(p) {
                Some(tag) if tags::is_block(tag) => {
                    if matches!(tag, Tag::P | Tag::Li | Tag::Blockquote | Tag::Pre) {
                        n += pruned.kept_prose[t];
                    }
                    break;
                }
                Some(_) => up = dom.parent(p),
                None => break,
            }
        }
    }
    n
}

/// Prose (outside links) a sibling holding the headline needs to be read as
/// the article's header (a standfirst or lead paragraph).
const LEAD_MIN_CHARS: u32 = 100;

/// Share of the main region's prose the chosen content must hold; below it the
/// page is not one article (a product page, a listing, a service page) and the
/// whole region is taken.
const COVER_RATIO: f32 = 0.5;
/// [`COVER_RATIO`] for pages that declare themselves articles.
const COVER_RATIO_ARTICLE: f32 = 0.35;
/// [`COVER_RATIO`] for pages that declare themselves something else.
const COVER_RATIO_OTHER: f32 = 0.7;

/// Prose (non-space, non-link characters) that makes the chosen content an
/// article in its own right, whatever else the region holds.
const ARTICLE_PROSE_CHARS: u32 = 1500;

/// The page's main region: the largest `<main>` (or `role=main`) holding a fair
/// share of the text, else `<body>`.
fn main_region(dom: &Dom, stats: &Stats, pruned: &Pruned) -> NodeId {
    let body = stats.body;
    let total = pruned.kept_prose[body];
    let mut best: Option<NodeId> = None;
    for &id in &stats.order {
        if pruned.is_dropped(id) {
            continue;
        }
        let is_main = dom.tag(id) == Some(Tag::Main) || dom.attr(id, "role") == Some("main");
        if is_main
            && pruned.kept_prose[id] as f32 >= 0.3 * total as f32
            && best.is_none_or(|b| pruned.kept_prose[id] > pruned.kept_prose[b])
        {
            best = Some(id);
        }
    }
    best.unwrap_or(body)
}

/// Fewest same-shaped items that make a grid of records (product cards, listing entries).
const MIN_GRID_ITEMS: usize = 6;
/// Share of the region's text a grid must hold to be the page's content.
const GRID_SHARE: f32 = 0.25;

/// The container of the largest grid of same-shaped records in the region,
/// when the grid holds a fair share of the region's text.
fn record_grid(dom: &Dom, stats: &Stats, pruned: &Pruned, region: NodeId) -> Option<NodeId> {
    let total = pruned.kept_text[region] as f32;
    let start = stats.pos[region] as usize;
    let end = stats.end[region] as usize;
    let mut best: Option<(NodeId, u32)> = None;
    let mut groups: Vec<((Option<Tag>, String), usize, u32)> = Vec::new();
    for &id in stats.order.get(start..end).unwrap_or_default() {
        if !dom.is_element(id) || pruned.is_dropped(id) || pruned.kept_text[id] == 0 {
            continue;
        }
        groups.clear();
        for c in dom.children(id) {
            if !dom.is_element(c) || pruned.is_dropped(c) || pruned.kept_text[c] < 10 {
                continue;
            }
            let sig = signature(dom, c);
            let t = pruned.kept_text[c];
            match groups.iter_mut().find(|g| g.0 == sig) {
                Some(g) => {
                    g.1 += 1;
                    g.2 += t;
                }
                None => groups.push((sig, 1, t)),
            }
        }
        for g in &groups {
            if g.1 >= MIN_GRID_ITEMS
                && g.2 as f32 >= GRID_SHARE * total
                && best.is_none_or(|(_, b)| g.2 > b)
            {
                best = Some((id, g.2));
            }
        }
    }
    best.map(|(id, _)| id)
}

/// How far above the top candidate to look for a repeated record (a forum post,
/// a comment-thread entry, a product card).
const RECORD_LEVELS: usize = 6;
/// Fewest siblings of the same shape that make a list of records.
const MIN_RECORDS: usize = 3;

/// The tag and first class name of an element: the "shape" repeated records share.
/// A page builder numbers its blocks in their first class name
/// (`builder-8f2b101cbcd3`, `block-12`): the name counts up to its first part
/// holding a digit, so blocks of one kind share a shape.
/// An element without a class whose `id` is numbered (`postBox5872`, `post-18`)
/// takes its shape from the id without the number.
fn signature(dom: &Dom, id: NodeId) -> (Option<Tag>, String) {
    let first_class = dom
        .attr(id, "class")
        .and_then(|c| c.split_whitespace().next());
    let class = match first_class {
        Some(c) => without_serial(c).to_string(),
        None => dom
            .attr(id, "id")
            .map(|v| v.trim())
            .and_then(|v| {
                let name = without_serial(v).trim_end_matches(|c: char| c.is_ascii_digit());
                (name.len() < v.len() && !name.is_empty()).then(|| format!("#{name}"))
            })
            .unwrap_or_default(),
    };
    (dom.tag(id), class)
}

/// A class name cut before its first `-`/`_`-separated part holding a digit
/// (`builder-8f2b10` → `builder`, `col-md-6` → `col-md`); a name whose first part
/// holds one is kept whole (`h2-title`, `x1`).
fn without_serial(name: &str) -> &str {
    let mut end = 0;
    for part in name.split(['-', '_']) {
        if part.bytes().any(|b| b.is_ascii_digit()) {
            break;
        }
        end += part.len() + 1;
    }
    if end == 0 {
        return name;
    }
    name.get(..end.min(name.len() + 1) - 1)
        .filter(|n| !n.is_empty())
        .unwrap_or(name)
}

/// When the best block is one record among several of the same shape (the posts
/// of a thread, the entries of a listing), the content is the list: return the
/// records' parent.
fn repeated_records(dom: &Dom, stats: &Stats, pruned: &Pruned, top: NodeId) -> Option<NodeId> {
    let mut cur = top;
    for _ in 0..RECORD_LEVELS {
        let parent = dom.parent(cur)?;
        if parent == stats.body || dom.tag(parent).is_none() {
            return None;
        }
        let sig = signature(dom, cur);
        // bare `<div>`s repeat too often to mean anything; `<article>`, `<li>` and
        // `<section>` are records (or an article's parts) even without a class
        if !sig.1.is_empty() || matches!(sig.0, Some(Tag::Article | Tag::Li | Tag::Section)) {
            let own = stats.text_len[cur];
            let mut same = 0usize;
            let mut others_text = 0u32;
            for s in dom.children(parent) {
                if s == cur || !stats.visible(s) || pruned.is_dropped(s) {
                    continue;
                }
                if signature(dom, s) == sig && stats.text_len[s] > 0 {
                    same += 1;
                    others_text += stats.text_len[s];
                }
            }
            if same + 1 >= MIN_RECORDS && others_text * 2 >= own && stats.link_density(parent) < 0.5
            {
                return Some(parent);
            }
        }
        cur = parent;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::comma_count;

    #[test]
    fn commas_of_every_script_count() {
        assert_eq!(comma_count("one, two, three"), 2);
        assert_eq!(comma_count("一，二、三"), 2);
        assert_eq!(comma_count("واحد، اثنان؛ ثلاثة, four"), 3);
        assert_eq!(comma_count("no commas here"), 0);
        assert_eq!(comma_count("ï¼ ã\u{80} Ø wide leads, no wide commas"), 1);
        for c in ['，', '、', '،', '؛'] {
            let lead = c.to_string().as_bytes().first().copied();
            assert!(matches!(lead, Some(0xEF | 0xE3 | 0xD8)), "{c}");
        }
        assert_eq!(comma_count(""), 0);
    }
}
