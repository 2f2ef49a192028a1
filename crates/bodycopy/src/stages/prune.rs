//! Mark page chrome: navigation, sidebars, share bars, ad slots, promos, consent
//! notices — by tag, ARIA role and class/id words. Nothing is removed from the
//! tree; the result is a per-node mask that later stages read.

use crate::dom::{Dom, NodeId, NodeMap, Tag};
use crate::rules::{classes, tags};
use crate::stages::stats::Stats;

/// What the class/id/role of one element says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Hints {
    /// The element names itself chrome (counts against it as a candidate).
    pub chrome: bool,
    /// The element names itself chrome strongly enough to be dropped inside content.
    pub chrome_inside: bool,
    /// The element names itself content.
    pub content: bool,
    /// The element carries a word that protects it from chrome pruning.
    pub guard: bool,
    /// The element names itself the article body (`article-body`, `itemprop=articleBody`).
    pub body: bool,
    /// The element names itself a gallery or slideshow.
    pub gallery: bool,
}

/// How much to trust class and id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Tags, roles and class/id words all mark chrome.
    Strict,
    /// Only tags and roles mark chrome (the fallback when strict pruning left
    /// nothing: some sites name every block `widget` or `hidden-xs`).
    Relaxed,
    /// As [`Mode::Strict`], but a thread's replies are content: elements named
    /// chrome only by [`classes::THREAD_WORDS`] (`comment`, `reply`) are kept
    /// (the second reading of a page that turned out to be a forum thread).
    Thread,
}

/// Per-node chrome mask.
#[derive(Debug)]
pub struct Pruned {
    /// The node or an ancestor was marked chrome.
    pub dropped: NodeMap<bool>,
    /// Class/id hints per element.
    pub hints: NodeMap<Hints>,
    /// Non-space characters of text outside links and outside dropped subtrees.
    pub kept_prose: NodeMap<u32>,
    /// Non-space characters of all text (links included) outside dropped subtrees.
    pub kept_text: NodeMap<u32>,
    /// The element holds a named article body (never chrome), for [`Pruned::rule`].
    holds_body: NodeMap<bool>,
    /// The element repeats the one before it (see [`repeats`]), for [`Pruned::rule`].
    repeat: NodeMap<bool>,
    /// The mode the mask was made in, for [`Pruned::rule`].
    mode: Mode,
}

/// Why [`prune`] marked an element chrome (descendants inherit the mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PruneRule {
    /// A `<noscript>` without a page's worth of text: a script notice or a pixel.
    Noscript,
    /// `<nav>`, `<aside>` or `<footer>`: chrome whatever their size.
    ChromeTag,
    /// Another chrome section tag (`<header>`, `<menu>`, `<form>`, `<label>`)
    /// holding under half of the page's text.
    SectionTag,
    /// A class, id or ARIA role naming chrome, on an element holding under half
    /// of the page's text.
    Named,
    /// A word-for-word repeat of the element just before it: another screen
    /// size's rendering of the same block.
    Repeat,
    /// A poster's initials standing in for a missing picture (see [`initials_avatar`]).
    Initials,
    /// A vote control's tally (see [`vote_tally`]).
    VoteTally,
}

impl Pruned {
    /// The pruning mode the mask was made in.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Was this node (or an ancestor) marked chrome?
    pub fn is_dropped(&self, id: NodeId) -> bool {
        self.dropped[id]
    }

    /// Why this element was marked chrome on its own account (`None` for an
    /// element kept, or dropped only because an ancestor was). Recomputed with
    /// the same decision [`prune`] made, so marking costs nothing extra.
    pub fn rule(&self, dom: &Dom, stats: &Stats, id: NodeId) -> Option<PruneRule> {
        let tag = dom.tag(id)?;
        if !self.is_dropped(id) || dom.parent(id).is_some_and(|p| self.is_dropped(p)) {
            return None;
        }
        if self.repeat[id] {
            return Some(PruneRule::Repeat);
        }
        let h = self.hints[id];
        drop_rule(dom, stats, self.mode, id, tag, h, self.holds_body[id])
    }
}

/// The class/id words and ARIA role that name an element chrome strongly enough
/// to drop it inside content, as `class: sidebar`, `id: share-bar`, `role: navigation`.
pub fn chrome_names(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut names = Vec::new();
    let mut buf = String::new();
    for a in dom.attrs(id) {
        match &*a.name {
            "id" if classes::word_count(&a.value) > MAX_ID_WORDS => {}
            "class" | "id" => classes::for_each_word(&a.value, &mut buf, |w| {
                if classes::lookup(w) & classes::flag::CHROME_INSIDE != 0 {
                    names.push(format!("{}: {w}", a.name));
                }
            }),
            "role" => {
                let r = a.value.trim().to_ascii_lowercase();
                if classes::CHROME_ROLES.contains(&r.as_str()) {
                    names.push(format!("role: {r}"));
                }
            }
            _ => {}
        }
    }
    names
}

/// Is the element named chrome only as a reply or comment (every class/id word
/// strong enough to drop it is one of [`classes::THREAD_WORDS`], and no chrome
/// role)? Read only for elements already found named chrome, in [`Mode::Thread`].
fn named_reply(dom: &Dom, id: NodeId) -> bool {
    let heading = dom.tag(id).and_then(tags::heading_level).is_some();
    let mut buf = String::new();
    let (mut reply, mut other) = (false, false);
    for a in dom.attrs(id) {
        match &*a.name {
            "id" if heading || classes::word_count(&a.value) > MAX_ID_WORDS => {}
            "class" | "id" => classes::for_each_word(&a.value, &mut buf, |w| {
                if classes::lookup(w) & classes::flag::CHROME_INSIDE != 0 {
                    if classes::THREAD_WORDS.contains(&w) {
                        reply = true;
                    } else {
                        other = true;
                    }
                }
            }),
            "role" => {
                let r = a.value.trim().to_ascii_lowercase();
                other |= classes::CHROME_ROLES.contains(&r.as_str());
            }
            _ => {}
        }
    }
    reply && !other
}

/// Is the element inside a Q&A site's question or answer (an ancestor named by
/// [`classes::QA_POST_WORDS`])? Comments there are remarks on one post.
fn in_qa_post(dom: &Dom, id: NodeId) -> bool {
    let mut buf = String::new();
    let mut cur = dom.parent(id);
    while let Some(p) = cur {
        let mut hit = false;
        for a in dom.attrs(p) {
            if matches!(&*a.name, "class" | "id") {
                classes::for_each_word(&a.value, &mut buf, |w| {
                    hit |= classes::QA_POST_WORDS.contains(&w);
                });
            }
        }
        if hit {
            return true;
        }
        cur = dom.parent(p);
    }
    false
}

/// Longest `id` (in words) read for hints.
const MAX_ID_WORDS: usize = 3;

/// Hints read so far from an element's class and id words, and the last word when
/// it can start a two-word body name ("entry content"): as the first word of such a
/// pair in [`classes::BODY_PAIRS`], since no other word can complete one.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct WordHints {
    h: Hints,
    pair: Option<&'static str>,
}

impl WordHints {
    /// Read the words of one class or id value.
    ///
    /// A guard word in a name with a word of [`classes::UNGUARDED_WORDS`] guards
    /// nothing (`related-content` is the related box, not the content).
    fn read(&mut self, value: &str, buf: &mut String) {
        self.read_counting(value, buf);
    }

    /// [`WordHints::read`], giving the number of words read (as
    /// [`classes::word_count`] counts them).
    fn read_counting(&mut self, value: &str, buf: &mut String) -> usize {
        let mut name_flags = 0;
        let mut words = 0;
        let plain = classes::scan_plain(value, buf, |piece| match piece {
            classes::Piece::Word(w, f) => {
                words += 1;
                name_flags |= self.word_flags(w, f);
            }
            classes::Piece::NameEnd => {
                self.name_end(name_flags);
                name_flags = 0;
            }
        });
        match plain {
            Some(joined) => self.h.body |= joined & classes::flag::BODY != 0,
            None => {
                words = classes::word_count(value);
                self.read_general(value, buf);
            }
        }
        words
    }

    /// Read an element's `id` value, when it counts for hints: a heading's id is
    /// its anchor, made from its text ("captions", "related"), and ids made from a
    /// heading ("sharing-with-a-single-developer") say nothing about the element's
    /// role: only short ids of other elements count. The id is read as it is
    /// counted, and the reading kept only when it is short enough.
    fn read_id(&mut self, dom: &Dom, id: NodeId, value: &str, buf: &mut String) {
        if dom.tag(id).and_then(tags::heading_level).is_some() {
            return;
        }
        let mut read = *self;
        if read.read_counting(value, buf) <= MAX_ID_WORDS {
            *self = read;
        }
    }

    /// [`WordHints::read`] for any value, plain or not (see [`classes::scan_plain`]).
    fn read_general(&mut self, value: &str, buf: &mut String) {
        if value.contains(' ') {
            for name in value.split_ascii_whitespace() {
                self.read_name(name, buf);
            }
        } else {
            self.read_name(value, buf);
        }
        self.h.body |= classes::joined_flags(value, buf) & classes::flag::BODY != 0;
    }

    /// Read the words of one name of a class or id value.
    fn read_name(&mut self, name: &str, buf: &mut String) {
        let mut flags = 0;
        classes::for_each_word(name, buf, |w| {
            flags |= self.word_flags(w, classes::lookup(w))
        });
        self.name_end(flags);
    }

    /// Weigh the guard of a name whose words' flags, OR-ed, are `flags`.
    fn name_end(&mut self, flags: u8) {
        let guard = flags & classes::flag::GUARD != 0;
        self.h.guard |= guard && flags & classes::flag::UNGUARDED == 0;
    }

    /// Read one word's flags `f` into the hints (all but the guard, which
    /// [`WordHints::name_end`] weighs per name) and return them.
    fn word_flags(&mut self, w: &str, f: u8) -> u8 {
        let h = &mut self.h;
        h.chrome |= f & classes::flag::CHROME != 0;
        h.chrome_inside |= f & classes::flag::CHROME_INSIDE != 0;
        h.content |= f & classes::flag::CONTENT != 0;
        h.gallery |= f & classes::flag::GALLERY != 0;
        self.pair = if f & classes::flag::PAIR != 0 {
            if self
                .pair
                .is_some_and(|p| classes::BODY_PAIRS.contains(&(p, w)))
            {
                h.body = true;
            }
            classes::BODY_PAIRS
                .iter()
                .find(|(first, _)| *first == w)
                .map(|(first, _)| *first)
        } else {
            None
        };
        f
    }

    /// Add the reading of a later value that started fresh (see [`read_hints`]).
    fn merge(&mut self, later: WordHints) {
        let (h, l) = (&mut self.h, later.h);
        h.chrome |= l.chrome;
        h.chrome_inside |= l.chrome_inside;
        h.content |= l.content;
        h.guard |= l.guard;
        h.body |= l.body;
        h.gallery |= l.gallery;
        self.pair = later.pair;
    }

    /// The hints, once every attribute is read.
    fn finish(self) -> Hints {
        let mut h = self.h;
        if h.body {
            h.content = true;
        }
        h
    }
}

/// Read an element's class, id and role words.
pub fn hints(dom: &Dom, id: NodeId) -> Hints {
    read_hints(dom, id, None)
}

/// What the words of one class value say, read from a fresh start: pages repeat
/// the same class lists many times (menu items, cards, cells), so
/// [`crate::stages::stats::compute`] reads each distinct value once per page.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClassWords(WordHints);

/// Read the words of one class value (see [`ClassWords`]).
pub fn class_words(value: &str) -> ClassWords {
    let mut fresh = WordHints::default();
    fresh.read(value, &mut String::new());
    ClassWords(fresh)
}

/// [`hints`], with the words of the element's class value already read: `class`
/// is that value and its reading.
pub fn hints_with_class(dom: &Dom, id: NodeId, class: (&str, ClassWords)) -> Hints {
    read_hints(dom, id, Some(class))
}

/// Read the hints of an element's attributes in order. A class value's words read
/// from a fresh start (`class`, when given) are merged: the hints only ever gain
/// flags, so that reading adds to what came before it, as long as no word before
/// it waits for the second word of a body pair.
fn read_hints(dom: &Dom, id: NodeId, class: Option<(&str, ClassWords)>) -> Hints {
    let attrs = dom.attrs(id);
    if attrs.is_empty() {
        return Hints::default();
    }
    let mut buf = String::new();
    let mut r = WordHints::default();
    for a in attrs {
        match &*a.name {
            "class" => match class {
                Some((value, read)) if r.pair.is_none() && std::ptr::eq(value, &*a.value) => {
                    r.merge(read.0)
                }
                _ => r.read(&a.value, &mut buf),
            },
            "id" => r.read_id(dom, id, &a.value, &mut buf),
            "role" => {
                let role = a.value.trim().to_ascii_lowercase();
                if classes::CHROME_ROLES.contains(&role.as_str()) {
                    r.h.chrome = true;
                    r.h.chrome_inside = true;
                }
                if role == "main" || role == "article" {
                    r.h.content = true;
                }
            }
            "itemprop" => {
                let v = a.value.to_ascii_lowercase();
                if v.contains("articlebody") || v.contains("text") && v.len() < 12 {
                    r.h.body = true;
                }
            }
            "itemtype" => {
                let v = a.value.to_ascii_lowercase();
                if v.contains("article") || v.contains("blogposting") {
                    r.h.content = true;
                }
            }
            _ => {}
        }
    }
    r.finish()
}

/// A `<header>` inside `<main>` but outside any `<article>`: the hero section of a
/// landing page (headline and pitch), not the site's banner or an article's byline.
fn hero_header(dom: &Dom, id: NodeId) -> bool {
    let mut in_main = false;
    let mut cur = dom.parent(id);
    while let Some(p) = cur {
        match dom.tag(p) {
            Some(Tag::Article) => return false,
            Some(Tag::Main) => in_main = true,
            _ => {}
        }
        cur = dom.parent(p);
    }
    in_main
}

/// A `<header>` holding most of the text of the `<article>` around it: a teaser
/// card in a list (its headline and summary), not a story's byline block.
fn teaser_header(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let mut cur = dom.parent(id);
    while let Some(p) = cur {
        if dom.tag(p) == Some(Tag::Article) {
            return 2 * stats.text_len[id] > stats.text_len[p];
        }
        cur = dom.parent(p);
    }
    false
}

/// Text (non-space characters) a named article body needs to protect its ancestors.
const MIN_BODY_CHARS: u32 = 200;

/// Does this `<noscript>` hold markup as text (`&lt;div …&gt;`)? A page saved
/// from a browser with scripts on serialises a `<noscript>`'s content escaped:
/// it is a tracking pixel or a notice, never text to read.
fn holds_markup_text(dom: &Dom, id: NodeId) -> bool {
    dom.children(id)
        .find_map(|c| dom.text(c).map(str::trim_start).filter(|t| !t.is_empty()))
        .is_some_and(|t| t.starts_with('<'))
}

/// Share of the page's text above which a gallery is the page (a photo essay).
const GALLERY_PAGE_SHARE: f32 = 0.8;

/// Text a `<noscript>` needs to be read as content.
const MIN_NOSCRIPT_CHARS: u32 = 150;

/// Mark chrome subtrees. An element is never marked when it holds most of the
/// page's text: a wrapper named `has-sidebar` is not a sidebar.
pub fn prune(dom: &Dom, stats: &Stats, mode: Mode) -> Pruned {
    let mut dropped = NodeMap::new(dom, false);
    // the hints do not depend on the pass: read once per page, with the stats
    let hint_vec = stats.hints.clone();
    let total = stats.text_len[stats.body].max(1) as f32;
    // which elements hold a named article body (such an element is not chrome,
    // whatever its own name says)
    let mut holds_body = NodeMap::new(dom, false);
    for &id in stats.order.iter().rev() {
        let ix = id;
        // the size first: few elements hold a fifth of the page
        let big = stats.text_len[ix] >= MIN_BODY_CHARS && stats.text_len[ix] as f32 >= 0.2 * total;
        let named = || {
            hint_vec[ix].body
                || matches!(dom.tag(id), Some(Tag::Article | Tag::Main))
                || dom.attr(id, "role") == Some("main")
        };
        if big && named() {
            holds_body[ix] = true;
        }
        if holds_body[ix] && class_has_word(dom, id, classes::SIGNATURE_WORDS) {
            holds_body[ix] = false;
        }
        if holds_body[ix] {
            if let Some(p) = dom.parent(id) {
                holds_body[p] = true;
            }
        }
    }
    let repeat = repeats(dom, stats);
    for &id in &stats.order {
        let Some(tag) = dom.tag(id) else {
            if let Some(p) = dom.parent(id) {
                dropped[id] = dropped[p];
            }
            continue;
        };
        let h = hint_vec[id];
        let parent_dropped = dom.parent(id).map(|p| dropped[p]).unwrap_or(false);
        if parent_dropped {
            dropped[id] = true;
            continue;
        }
        if matches!(tag, Tag::Html | Tag::Body) {
            continue;
        }
        dropped[id] =
            repeat[id] || drop_rule(dom, stats, mode, id, tag, h, holds_body[id]).is_some();
    }
    let mut kept_prose = NodeMap::new(dom, 0u32);
    let mut kept_text = NodeMap::new(dom, 0u32);
    for &id in stats.order.iter().rev() {
        let ix = id;
        if dropped[ix] {
            continue;
        }
        if dom.text(id).is_some() {
            kept_prose[ix] = stats.text_len[ix] - stats.link_len[ix];
            kept_text[ix] = stats.text_len[ix];
        }
        if let Some(p) = dom.parent(id) {
            kept_prose[p] += kept_prose[ix];
            kept_text[p] += kept_text[ix];
        }
    }
    Pruned {
        dropped,
        hints: hint_vec,
        kept_prose,
        kept_text,
        holds_body,
        repeat,
        mode,
    }
}

/// Text (non-space characters) an element needs for a repeat of it to be read
/// as another rendering of the same block rather than a short line said twice.
const MIN_REPEAT_CHARS: u32 = 40;

/// Elements that repeat, word for word, an earlier sibling with no other
/// element holding text between them (an image or a spacer may stand there),
/// under another tag or class: site builders render a block once per screen
/// size (`desktop`, `tablet`, `mobile`; `hidden-md`) and leave a stylesheet to
/// show one of them, or once more in a `<noscript>`. The first rendering is
/// read; its repeats are not. (Items of one list repeat under the same tag and
/// class: a job posted twice, a note repeated under each section, are the
/// page's own.)
fn repeats(dom: &Dom, stats: &Stats) -> NodeMap<bool> {
    let mut repeat = NodeMap::new(dom, false);
    let mut first = String::new();
    let mut other = String::new();
    for &id in &stats.order {
        // two children of `MIN_REPEAT_CHARS` each, or no repeat: most elements
        // are ruled out by their size alone
        if stats.text_len[id] < 2 * MIN_REPEAT_CHARS
            || !dom.is_element(id)
            || dom.node(id).first_child == dom.node(id).last_child
        {
            continue;
        }
        let mut prev: Option<NodeId> = None;
        for c in dom.children(id) {
            if !dom.is_element(c) || !stats.visible(c) || stats.text_len[c] == 0 {
                continue;
            }
            if let Some(p) = prev {
                let len = stats.text_len[c];
                if len >= MIN_REPEAT_CHARS
                    && len == stats.text_len[p]
                    && (dom.tag(c) != dom.tag(p) || dom.attr(c, "class") != dom.attr(p, "class"))
                {
                    visible_chars(dom, stats, p, &mut first);
                    visible_chars(dom, stats, c, &mut other);
                    if first == other {
                        repeat[c] = true;
                        continue;
                    }
                }
            }
            prev = Some(c);
        }
    }
    repeat
}

/// The non-space characters of the visible text under `id`, into `out`.
fn visible_chars(dom: &Dom, stats: &Stats, id: NodeId, out: &mut String) {
    out.clear();
    let (start, end) = (stats.pos[id] as usize, stats.end[id] as usize);
    for &d in stats.order.get(start..end).unwrap_or_default() {
        if let Some(t) = dom.text(d) {
            out.extend(t.chars().filter(|c| !c.is_whitespace()));
        }
    }
}

/// Is this element (not `<html>`/`<body>`, no ancestor marked) chrome, and by which rule?
fn drop_rule(
    dom: &Dom,
    stats: &Stats,
    mode: Mode,
    id: NodeId,
    tag: Tag,
    h: Hints,
    holds_body: bool,
) -> Option<PruneRule> {
    // a <noscript> counts only when it carries a page's worth of text (some
    // sites serve their content there); otherwise it is a script notice or pixel
    if tag == Tag::Noscript
        && (stats.text_len[id] < MIN_NOSCRIPT_CHARS || holds_markup_text(dom, id))
    {
        return Some(PruneRule::Noscript);
    }
    if initials_avatar(dom, stats, id) {
        return Some(PruneRule::Initials);
    }
    if vote_tally(dom, stats, id) {
        return Some(PruneRule::VoteTally);
    }
    if holds_body {
        return None;
    }
    // navigation, sidebars and footers are chrome whatever their size
    if matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer) {
        return Some(PruneRule::ChromeTag);
    }
    let total = stats.text_len[stats.body].max(1) as f32;
    let share = stats.text_len[id] as f32 / total;
    // a gallery is chrome beside an article even when its captions out-weigh
    // it; only a page that is all gallery keeps it
    let gallery = mode != Mode::Relaxed && h.gallery && !h.body && !h.guard;
    if share >= if gallery { GALLERY_PAGE_SHARE } else { 0.5 } {
        return None;
    }
    if tags::chrome_section(tag)
        && !(tag == Tag::Header && (hero_header(dom, id) || teaser_header(dom, stats, id)))
        && !(tag == Tag::Form && text_wrapper_form(dom, id))
    {
        return Some(PruneRule::SectionTag);
    }
    let semantic = matches!(tag, Tag::Article | Tag::Main);
    let named_chrome = mode != Mode::Relaxed && h.chrome_inside && !h.body && !h.guard && !semantic;
    let reply = mode == Mode::Thread && named_reply(dom, id) && !in_qa_post(dom, id);
    (named_chrome && !reply).then_some(PruneRule::Named)
}

/// Most non-space characters of an avatar's initials ("J", "JD", "ABC").
const MAX_INITIALS_CHARS: u32 = 3;

/// Is this element an avatar made of initials: named with a word of
/// [`classes::AVATAR_WORDS`] and holding no more text than a person's initials?
/// Forums draw a letter on a coloured disc for a poster with no picture; the
/// letter is no part of the post (the poster's name, written out beside it, is
/// kept). An avatar holding a name and a job title is a card, and kept.
fn initials_avatar(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    (1..=MAX_INITIALS_CHARS).contains(&stats.text_len[id])
        && class_has_word(dom, id, classes::AVATAR_WORDS)
}

/// Does the element's `class` hold one of `words` (as a word, see
/// [`classes::for_each_word`])?
fn class_has_word(dom: &Dom, id: NodeId, words: &[&str]) -> bool {
    let Some(class) = dom.attr(id, "class") else {
        return false;
    };
    let mut buf = String::new();
    let mut found = false;
    classes::for_each_word(class, &mut buf, |w| found |= words.contains(&w));
    found
}

/// Most non-space characters of a vote tally ("-3", "1,204", "12.5k").
const MAX_TALLY_CHARS: u32 = 7;

/// Is this element a vote tally: named with a word of [`classes::VOTE_WORDS`]
/// and holding only a number? Q&A sites and forums set the votes a post got
/// beside it, between arrows to vote with; the count is no part of the post.
/// (A number in a table is a figure of the table, whatever its cell is named.)
fn vote_tally(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    if !(1..=MAX_TALLY_CHARS).contains(&stats.text_len[id]) {
        return false;
    }
    if !class_has_word(dom, id, classes::VOTE_WORDS) {
        return false;
    }
    if std::iter::successors(Some(id), |&n| dom.parent(n)).any(|n| dom.tag(n) == Some(Tag::Table)) {
        return false;
    }
    let mut text = String::new();
    visible_chars(dom, stats, id, &mut text);
    let digits = text
        .trim_start_matches(['-', '+', '\u{2212}'])
        .trim_end_matches(['k', 'K', 'm', 'M']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
}

/// Is this `<form>` a wrapper around written text rather than a form: it holds
/// paragraphs and no control a reader fills in or presses (an input that is not
/// hidden, a text area, a select, a button)? Old Reddit wraps every comment's
/// text in one, for a script to post an edit from.
fn text_wrapper_form(dom: &Dom, id: NodeId) -> bool {
    let control = dom.descendants(id).any(|d| match dom.tag(d) {
        Some(Tag::Textarea | Tag::Select | Tag::Button) => true,
        Some(Tag::Input) => !dom
            .attr(d, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")),
        _ => false,
    });
    !control && dom.find(id, Tag::P).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    /// Hints read once per page, each class value's words remembered, give what
    /// reading each element gives, also for elements whose `id`, `role` or item
    /// attributes add to the class.
    #[test]
    fn remembered_hints_equal_fresh_ones() {
        let html = r#"<body>
            <div class="entry">a</div><div class="entry" id="content">b</div>
            <div class="entry">c</div><div class="share-bar">d</div>
            <nav class="share-bar" role="main">e</nav><div class="share-bar">f</div>
            <div class="postBody">g</div><p class="x" itemprop="articleBody">h</p>
            <p class="x">i</p><span id="sidebar">j</span>
            <div id="entry" class="content">k</div><div id="nav" class="entry content">l</div>
            <div role="main" class="entry">m</div><div class="entry content">n</div></body>"#;
        let dom =
            crate::dom::parse::parse_html(html, &Limits::default(), std::time::Instant::now())
                .unwrap();
        let stats = crate::stages::stats::compute(&dom, &Limits::default(), false);
        let mut named = 0;
        for id in dom.descendants(NodeId::ROOT) {
            if dom.is_element(id) {
                let fresh = hints(&dom, id);
                assert_eq!(stats.hints[id], fresh, "{}", dom.class_id(id));
                named += usize::from(fresh != Hints::default());
            }
        }
        assert!(named >= 6, "{named}");
        assert!(hints(&dom, dom.find(NodeId::ROOT, Tag::P).unwrap()).body);
    }

    /// A block rendered twice is found at the smallest size a repeat can have
    /// (two children of `MIN_REPEAT_CHARS` each), and not below it.
    #[test]
    fn repeats_at_the_smallest_size() {
        for (len, repeated) in [(MIN_REPEAT_CHARS, true), (MIN_REPEAT_CHARS - 1, false)] {
            let text = "x".repeat(len as usize);
            let html = format!(
                r#"<body><div><p class="desktop">{text}</p><p class="mobile">{text}</p></div></body>"#
            );
            let limits = Limits::default();
            let dom =
                crate::dom::parse::parse_html(&html, &limits, std::time::Instant::now()).unwrap();
            let stats = crate::stages::stats::compute(&dom, &limits, false);
            let repeat = repeats(&dom, &stats);
            let marked = dom
                .find_all(NodeId::ROOT, Tag::P)
                .filter(|&p| repeat[p])
                .count();
            assert_eq!(marked, usize::from(repeated), "{len}");
        }
    }

    /// The one-pass reading of plain values gives what the general reading gives.
    #[test]
    fn plain_reading_equals_general_reading() {
        const PARTS: &[&str] = &[
            "article",
            "Body",
            "body",
            "-",
            "_",
            "__",
            ":",
            "no",
            "No",
            "hide",
            "entry",
            "content",
            " ",
            "  ",
            "\t",
            "\n",
            "sidebar",
            "Share",
            "x",
            "9",
            "A",
            "é",
            "post",
            "text",
            "related",
            "ad",
            "AD",
            "jump",
            "section",
            "rich",
            "main",
            "gallery",
            "nav",
            "footer",
            "story",
            "Text",
            "articleBody",
            "without",
            "\u{b}",
            "adF2E",
            "widget",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut plain = 0;
        for _ in 0..20_000 {
            let n = 1 + next() % 8;
            let value: String = (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            // a reading already waiting for the second word of a pair, or not
            let mut start = WordHints::default();
            if next() % 3 == 0 {
                start.word_flags("entry", classes::lookup("entry"));
            }
            let (mut fast, mut general) = (start, start);
            let words = fast.read_counting(&value, &mut String::new());
            general.read_general(&value, &mut String::new());
            assert_eq!(fast, general, "{value:?}");
            assert_eq!(words, classes::word_count(&value), "{value:?}");
            plain += usize::from(classes::scan_plain(&value, &mut String::new(), |_| {}).is_some());
        }
        assert!(plain > 2_000, "{plain}");
    }
}
