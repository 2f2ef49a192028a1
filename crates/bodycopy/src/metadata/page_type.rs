//! Page type: from schema.org types and `og:type` ([`from_declared`], which steers the
//! extraction), then from everything together once the body is known ([`Signals`]): schema.org
//! types, URL path words, repeated cards, prices, forum posts, code and docs navigation,
//! calls to action, and the body's prose.

use crate::document::{Block, BlockKind, PageType};
use crate::dom::{Dom, NodeId, NodeMap, Tag};

fn schema_type(t: &str) -> Option<PageType> {
    Some(match t {
        "DiscussionForumPosting" | "QAPage" | "Question" | "Answer" | "Comment" => PageType::Forum,
        "Product" | "ProductGroup" | "IndividualProduct" | "ProductModel" | "Offer"
        | "AggregateOffer" => PageType::Product,
        "TechArticle" | "APIReference" | "SoftwareSourceCode" => PageType::Documentation,
        "Article"
        | "NewsArticle"
        | "BlogPosting"
        | "ReportageNewsArticle"
        | "AnalysisNewsArticle"
        | "OpinionNewsArticle"
        | "BackgroundNewsArticle"
        | "ReviewNewsArticle"
        | "LiveBlogPosting"
        | "ScholarlyArticle"
        | "Report"
        | "Review"
        | "Recipe"
        | "HowTo"
        | "SocialMediaPosting"
        | "Blog" => PageType::Article,
        "ItemList" | "SearchResultsPage" => PageType::Listing,
        "CollectionPage" => PageType::Collection,
        "Service"
        | "ProfessionalService"
        | "LocalBusiness"
        | "FinancialService"
        | "LegalService"
        | "MedicalBusiness"
        | "HomeAndConstructionBusiness"
        | "Store"
        | "AutomotiveBusiness"
        | "EducationalOrganization"
        | "Dentist"
        | "Physician"
        | "Attorney"
        | "ContactPage"
        | "AboutPage" => PageType::Service,
        _ => return None,
    })
}

/// The page type that the page's own schema.org and OpenGraph types state.
pub fn from_declared(
    main_types: &[String],
    all_types: &[String],
    og_type: Option<&str>,
) -> Option<PageType> {
    for t in main_types {
        if let Some(p) = schema_type(t) {
            return Some(p);
        }
    }
    // a specific type anywhere beats the generic ones
    let found: Vec<PageType> = all_types.iter().filter_map(|t| schema_type(t)).collect();
    for want in [
        PageType::Forum,
        PageType::Product,
        PageType::Documentation,
        PageType::Article,
    ] {
        if found.contains(&want) {
            return Some(want);
        }
    }
    match og_type.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("article") | Some("blog") | Some("news") => return Some(PageType::Article),
        Some("product") | Some("og:product") | Some("product.item") => {
            return Some(PageType::Product)
        }
        _ => {}
    }
    found.first().copied()
}

/// The element's lower-cased class and id (see [`Dom::class_id`]).
fn class_id(dom: &Dom, id: NodeId) -> &str {
    dom.class_id(id)
}

/// What a page's markup and body say about its type, gathered in one walk.
#[derive(Clone, Debug, Default)]
pub(crate) struct Signals {
    /// JSON-LD main-node types.
    pub main_types: Vec<String>,
    /// Every JSON-LD and microdata type.
    pub all_types: Vec<String>,
    /// `og:type`, lower case.
    pub og_type: String,
    /// URL path, lower case, without query.
    pub path: String,
    /// URL host, lower case.
    pub host: String,
    /// The page states a publication date.
    pub has_date: bool,
    /// The page names an author.
    pub has_author: bool,
    /// `<article>` elements.
    pub articles: usize,
    /// `<time>` elements.
    pub times: usize,
    /// `<h2>`-`<h4>` that are or hold links.
    pub heading_links: usize,
    /// `<pre>` elements.
    pub pre: usize,
    /// `<code>` elements outside `<pre>`.
    pub code: usize,
    /// Price elements (`itemprop=price`, price classes).
    pub prices: usize,
    /// Text nodes that read as a price ("$12.99", "12,50 €").
    pub price_texts: usize,
    /// An add-to-cart button.
    pub cart: bool,
    /// Elements classed as product cards/tiles/items.
    pub product_cards: usize,
    /// Elements classed as forum posts.
    pub forum_posts: usize,
    /// A forum engine's generator meta.
    pub generator_forum: bool,
    /// Call-to-action links and buttons ("contact us", "get a quote", "free trial").
    pub ctas: usize,
    /// `<form>` elements.
    pub forms: usize,
    /// Elements classed as a docs sidebar/table of contents.
    pub doc_nav: usize,
    /// Body paragraphs over 150 characters.
    pub long_paragraphs: usize,
    /// Body characters.
    pub body_chars: usize,
    /// Body list items.
    pub list_items: usize,
    /// Body headings.
    pub headings: usize,
    /// Body code blocks.
    pub code_blocks: usize,
    /// The largest run of sibling elements alike in tag and class that each hold a link.
    pub link_cards: usize,
    /// The same for siblings that each hold a link and an image (teaser or product cards).
    pub image_cards: usize,
    /// `<a href>` elements on the whole page.
    pub links: usize,
    /// `<img>` elements on the whole page.
    pub images: usize,
    /// `<h1>` elements.
    pub h1: usize,
    /// `<nav>` elements.
    pub navs: usize,
    /// `<table>` elements.
    pub tables: usize,
    /// Words in the page title.
    pub title_words: usize,
    /// Body blocks.
    pub blocks: usize,
    /// Body blocks under 40 characters.
    pub short_blocks: usize,
    /// Body characters inside links.
    pub link_chars: usize,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// The URL path holds a year ("/2024/").
    pub year_url: bool,
}

/// Which nodes are cards (see [`card_kind`]), one bit each kind, set when the walk of
/// [`Signals::collect`] leaves them.
struct CardFacts(NodeMap<u8>);

/// What one subtree holds, gathered bottom-up while the walk is inside it.
#[derive(Clone, Copy, Default)]
struct Card {
    /// Trimmed text length, summed over the subtree's text nodes.
    text: u32,
    /// A link somewhere in the subtree.
    link: bool,
    /// An image somewhere in the subtree.
    image: bool,
    /// Children that are link cards (see [`CardFacts::card`]): no run of alike children
    /// under this node is longer, so [`card_runs`] is skipped where it cannot raise the
    /// page's largest run.
    link_kids: u32,
    /// Children that are image cards, likewise.
    image_kids: u32,
}

impl CardFacts {
    /// Is this child a card: (holds a link and some text, holds a link and an image)?
    fn card(&self, id: NodeId) -> (bool, bool) {
        let k = self.0[id];
        (k & 1 != 0, k & 2 != 0)
    }
}

/// (link card, image card) of a complete subtree.
fn card_kind(c: Card) -> (bool, bool) {
    (c.link && c.text >= 30, c.link && c.image)
}

/// Does `hay` hold `needle` (lower case), ignoring ASCII case?
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// How many ASCII white-space bytes `b` starts with (what `trim_ascii_start` drops);
/// a run of one white-space byte (indentation) is stepped over eight bytes at a time.
fn leading_ascii_white(b: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_whitespace() {
            break;
        }
        let word = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
        if word.is_some_and(|w| u64::from_ne_bytes(w) == u64::from(c) * ONES) {
            i += 8;
        } else {
            i += 1;
        }
    }
    i
}

/// `t.trim().len()`, with the common case (ASCII ends) trimmed over bytes.
fn trimmed_len(t: &str) -> usize {
    let start = leading_ascii_white(t.as_bytes());
    // white space alone: most text nodes, those between tags
    let Some(rest) = t.get(start..).filter(|r| !r.is_empty()) else {
        return 0;
    };
    let a = rest.trim_ascii_end();
    // `trim` also drops U+000B and non-ASCII white space, which `trim_ascii` keeps
    let odd = |b: &u8| *b >= 0x80 || *b == 0x0b;
    if a.as_bytes().first().is_some_and(odd) || a.as_bytes().last().is_some_and(odd) {
        a.trim().len()
    } else {
        a.len()
    }
}

/// The largest group of alike children of `id` holding links, and holding links and images.
fn card_runs(dom: &Dom, facts: &CardFacts, id: NodeId) -> (usize, usize) {
    /// Distinct (tag, class) groups counted per parent.
    const MAX_GROUPS: usize = 16;
    let mut groups: [(Option<Tag>, &str, usize, usize); MAX_GROUPS] =
        [(None, "", 0, 0); MAX_GROUPS];
    let mut len = 0;
    for c in dom.children(id).take(400) {
        if !dom.is_element(c) {
            continue;
        }
        let (link, img) = facts.card(c);
        if !link && !img {
            continue;
        }
        let key = (dom.tag(c), dom.attr(c, "class").unwrap_or("").trim());
        let used = groups.get_mut(..len).unwrap_or_default();
        if let Some(g) = used.iter_mut().find(|g| (g.0, g.1) == key) {
            g.2 += usize::from(link);
            g.3 += usize::from(img);
        } else if let Some(g) = groups.get_mut(len) {
            *g = (key.0, key.1, usize::from(link), usize::from(img));
            len += 1;
        }
    }
    groups
        .iter()
        .take(len)
        .fold((0, 0), |(l, i), g| (l.max(g.2), i.max(g.3)))
}

/// Class words of repeated product tiles.
const PRODUCT_CARD_WORDS: &[&str] = &[
    "product-card",
    "product-tile",
    "product-item",
    "productcard",
    "producttile",
    "product-grid-item",
    "grid-product",
    "product_card",
    "product_item",
    "product-list-item",
    "productitem",
    "plp-",
    "product-box",
];

/// Longest text of a call-to-action link or button, in bytes.
const CTA_MAX_CHARS: u32 = 40;

/// Call-to-action phrases of service and landing pages.
const CTA_PHRASES: &[&str] = &[
    "contact us",
    "get a quote",
    "request a quote",
    "free quote",
    "get started",
    "request a demo",
    "book a demo",
    "get a demo",
    "schedule a consultation",
    "free consultation",
    "free trial",
    "start free",
    "try for free",
    "try it free",
    "sign up free",
    "talk to sales",
    "contact sales",
    "book now",
    "schedule now",
    "call now",
    "apply now",
    "enroll now",
    "learn more",
];

/// Button texts that put a product in the cart.
const CART_PHRASES: &[&str] = &["add to cart", "add to basket", "add to bag", "buy now"];

/// Which groups of substrings occur in a text, in one pass over its bytes: an
/// Aho-Corasick automaton with every transition filled in, whose states carry the groups
/// of all the patterns that end there (their own and their suffixes'). The callers ask
/// only whether a group occurs anywhere, so the matches themselves are never listed:
/// a text costs one table step per byte and no setup.
struct GroupMatcher {
    /// Byte → column of the transition table (0 for bytes in no pattern).
    class: [u8; 256],
    /// The transitions, a row of [`MATCHER_COLUMNS`] entries per state: entry
    /// `row + class` holds the next state's row (its state number times the row
    /// length) in its low 16 bits and, above them, one bit per group of the patterns
    /// that end in that state. A step is then one load, the groups coming with the
    /// state. The table has a fixed power-of-two size, so that a masked index is in
    /// range and a step checks no bounds (the group bits lie above the mask).
    next: Box<[u32; MATCHER_CELLS]>,
}

/// Most states of a [`GroupMatcher`] (pattern bytes, less shared prefixes, plus one).
const MATCHER_STATES: usize = 512;
/// Most columns of a [`GroupMatcher`] (distinct pattern bytes plus one).
const MATCHER_COLUMNS: usize = 32;
/// Entries of a [`GroupMatcher`]'s tables.
const MATCHER_CELLS: usize = MATCHER_STATES * MATCHER_COLUMNS;
/// Where the group bits of a [`GroupMatcher`] entry start (above the row).
const MATCHER_GROUP_SHIFT: u32 = 16;

impl GroupMatcher {
    /// The automaton over `(pattern, group)` pairs (groups below 8), matching ASCII
    /// letters in either case when `fold_case`; `None` if it would outgrow its tables.
    fn new(patterns: &[(&str, u8)], fold_case: bool) -> Option<GroupMatcher> {
        let mut class = [0u8; 256];
        let mut stride = 1usize;
        for (p, _) in patterns {
            for b in p.bytes() {
                let b = if fold_case { b.to_ascii_lowercase() } else { b };
                if *class.get(usize::from(b))? == 0 {
                    let c = u8::try_from(stride).ok()?;
                    *class.get_mut(usize::from(b))? = c;
                    if fold_case {
                        *class.get_mut(usize::from(b.to_ascii_uppercase()))? = c;
                    }
                    stride += 1;
                }
            }
        }
        let column = |b: u8| class.get(usize::from(b)).map(|&c| usize::from(c));
        // the trie: state 0 is the root, `u16::MAX` no child yet
        const NONE: u16 = u16::MAX;
        let mut trie = vec![NONE; stride];
        let mut groups = vec![0u8];
        for (p, g) in patterns {
            let mut s = 0usize;
            for b in p.bytes() {
                let slot = s * stride + column(b)?;
                s = match *trie.get(slot)? {
                    NONE => {
                        let t = groups.len();
                        *trie.get_mut(slot)? = u16::try_from(t).ok().filter(|&t| t != NONE)?;
                        trie.extend(std::iter::repeat_n(NONE, stride));
                        groups.push(0);
                        t
                    }
                    t => usize::from(t),
                };
            }
            *groups.get_mut(s)? |= 1u8.checked_shl(u32::from(*g))?;
        }
        // breadth first, so a state's fallback (a shorter suffix) is complete before it
        let mut next = vec![0u16; trie.len()];
        let mut fail = vec![0u16; groups.len()];
        let mut queue = std::collections::VecDeque::from([0u16]);
        while let Some(s) = queue.pop_front() {
            let s = usize::from(s);
            for c in 0..stride {
                let slot = s * stride + c;
                let fallback = usize::from(*fail.get(s)?) * stride + c;
                match *trie.get(slot)? {
                    NONE => *next.get_mut(slot)? = if s == 0 { 0 } else { *next.get(fallback)? },
                    t => {
                        let f = if s == 0 { 0 } else { *next.get(fallback)? };
                        *fail.get_mut(usize::from(t))? = f;
                        let inherited = *groups.get(usize::from(f))?;
                        *groups.get_mut(usize::from(t))? |= inherited;
                        *next.get_mut(slot)? = t;
                        queue.push_back(t);
                    }
                }
            }
        }
        if stride > MATCHER_COLUMNS || groups.len() > MATCHER_STATES {
            return None;
        }
        let mut table = vec![0u32; MATCHER_CELLS];
        for (state, from) in next.chunks(stride).enumerate() {
            let row = state * MATCHER_COLUMNS;
            for (cell, &to) in table.get_mut(row..row + stride)?.iter_mut().zip(from) {
                let to_groups = u32::from(*groups.get(usize::from(to))?);
                let to_row = u32::try_from(usize::from(to) * MATCHER_COLUMNS).ok()?;
                *cell = to_row | to_groups << MATCHER_GROUP_SHIFT;
            }
        }
        Some(GroupMatcher {
            class,
            next: table.into_boxed_slice().try_into().ok()?,
        })
    }

    /// One bit per group with a pattern somewhere in `text`.
    fn groups_in(&self, text: &str) -> u8 {
        let (mut entry, mut seen) = (0u32, 0u32);
        for b in text.bytes() {
            // every index below is in range (the mask drops only the group bits of
            // `entry`): no checks
            let c = u32::from(self.class.get(usize::from(b)).copied().unwrap_or(0));
            let at = (entry + c) as usize & (MATCHER_CELLS - 1);
            entry = self.next.get(at).copied().unwrap_or(0);
            seen |= entry;
        }
        // eight groups at most (`new` puts them in a byte)
        (seen >> MATCHER_GROUP_SHIFT) as u8
    }
}

/// Does a button or link text hold a [`CART_PHRASES`] phrase, a [`CTA_PHRASES`] one
/// (ASCII case aside)? One automaton over both lists, built once.
fn action_phrases(t: &str) -> (bool, bool) {
    use std::sync::OnceLock;
    const CART: u8 = 0;
    const CTA: u8 = 1;
    static MATCHER: OnceLock<Option<GroupMatcher>> = OnceLock::new();
    let matcher = MATCHER.get_or_init(|| {
        let patterns: Vec<(&str, u8)> = CART_PHRASES
            .iter()
            .map(|p| (*p, CART))
            .chain(CTA_PHRASES.iter().map(|p| (*p, CTA)))
            .collect();
        GroupMatcher::new(&patterns, true)
    });
    let seen = matcher.as_ref().map_or(0, |m| m.groups_in(t));
    (seen & (1 << CART) != 0, seen & (1 << CTA) != 0)
}

const FORUM_ENGINES: &[&str] = &[
    "phpbb",
    "vbulletin",
    "xenforo",
    "discourse",
    "invision",
    "mybb",
    "smf",
    "vanilla",
    "nodebb",
];

const FORUM_POST_CLASSES: &[&str] = &[
    "postbody",
    "post-body",
    "post_body",
    "message-body",
    "messagecontent",
    "post-message",
    "post_message",
    "topic-post",
    "forum-post",
    "bbwrapper",
    "answercell",
    "postcell",
];

/// Class/id substrings of price boxes.
const PRICE_CLASSES: &[&str] = &["product-price", "price-box"];
/// Class/id substrings of documentation navigation (with [`DOC_SIDEBAR_PARTS`]).
const DOC_NAV_CLASSES: &[&str] = &[
    "docs-nav",
    "doc-nav",
    "toctree",
    "table-of-contents",
    "sphinxsidebar",
    "md-nav",
];
/// A `sidebar` that also names `doc` or `toc` is documentation navigation.
const DOC_SIDEBAR_PARTS: (&str, &[&str]) = ("sidebar", &["doc", "toc"]);

/// What an element's lower-cased class and id name, found in one pass of one automaton
/// over all the substring tables above (each element is read once, not once per word).
#[derive(Clone, Copy, Default)]
struct ClassNames {
    forum_post: bool,
    price: bool,
    product_card: bool,
    doc_nav: bool,
}

impl ClassNames {
    fn of(class_id: &str) -> ClassNames {
        use std::sync::OnceLock;
        if class_id.is_empty() {
            return ClassNames::default();
        }
        // pattern groups: bits of `GroupMatcher::groups_in`
        const FORUM: u8 = 0;
        const PRICE: u8 = 1;
        const CARD: u8 = 2;
        const DOC_NAV: u8 = 3;
        const SIDEBAR: u8 = 4;
        const DOC_PART: u8 = 5;
        static MATCHER: OnceLock<Option<GroupMatcher>> = OnceLock::new();
        let matcher = MATCHER.get_or_init(|| {
            let mut patterns: Vec<(&str, u8)> = Vec::new();
            for (list, g) in [
                (FORUM_POST_CLASSES, FORUM),
                (PRICE_CLASSES, PRICE),
                (PRODUCT_CARD_WORDS, CARD),
                (DOC_NAV_CLASSES, DOC_NAV),
                (&[DOC_SIDEBAR_PARTS.0][..], SIDEBAR),
                (DOC_SIDEBAR_PARTS.1, DOC_PART),
            ] {
                patterns.extend(list.iter().map(|p| (*p, g)));
            }
            GroupMatcher::new(&patterns, false)
        });
        // one bit per group
        let seen = matcher.as_ref().map_or(0, |m| m.groups_in(class_id));
        let has = |g: u8| seen & (1 << g) != 0;
        ClassNames {
            forum_post: has(FORUM),
            price: has(PRICE),
            product_card: has(CARD),
            doc_nav: has(DOC_NAV) || has(SIDEBAR) && has(DOC_PART),
        }
    }
}

/// Does a short text read as a price: a currency sign next to digits?
fn is_price_text(t: &str) -> bool {
    // no '$' and no lead byte of '€', '£', '¥' or '₹' (most short texts): not a price
    if !t.bytes().any(|b| matches!(b, b'$' | 0xC2 | 0xE2)) {
        return false;
    }
    let t = t.trim();
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    let has_sign = t.chars().any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹'));
    let digits = t.chars().filter(char::is_ascii_digit).count();
    has_sign
        && digits >= 1
        && digits * 2
            >= t.chars()
                .filter(|c| !c.is_whitespace())
                .count()
                .saturating_sub(2)
}

fn url_parts(url: Option<&str>) -> (String, String) {
    let rest = url
        .and_then(|u| u.split_once("://").map(|(_, r)| r))
        .unwrap_or("");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.split(['?', '#']).next().unwrap_or("");
    (
        host.to_ascii_lowercase(),
        format!("/{}", path.to_ascii_lowercase()),
    )
}

/// The text of a button or link with at most 11 nodes below it (a longer one is no
/// call to action: `""`), written into `buf`.
fn short_text<'b>(dom: &Dom, id: NodeId, buf: &'b mut String) -> &'b str {
    buf.clear();
    for (n, d) in dom.descendants(id).enumerate() {
        if n == 11 {
            return "";
        }
        if let Some(t) = dom.text(d) {
            buf.push_str(t);
        }
    }
    buf
}

/// What a page's markup says about its type: the [`Signals`] that one walk over the
/// tree gathers, the same whatever body is read from the page.
#[derive(Clone, Debug)]
struct Markup {
    /// The signals of the markup (the others at their defaults).
    signals: Signals,
    /// The first JSON-LD scripts, for pages whose JSON-LD types are not known yet.
    scripts: Vec<NodeId>,
}

impl Markup {
    fn read(dom: &Dom) -> Markup {
        let mut w = Walk {
            dom,
            s: Signals::default(),
            facts: CardFacts(NodeMap::new(dom, 0)),
            open: Vec::new(),
            scripts: Vec::new(),
            text: String::new(),
        };
        w.walk();
        Markup {
            signals: w.s,
            scripts: w.scripts,
        }
    }
}

/// A page's [`Markup`], read by the first page-type prediction and kept for the next
/// ones (a page may be read as more than one body, each predicted), which then skip the
/// walk. Every cache is equal to every other: it holds nothing but what the tree says.
#[derive(Clone, Debug, Default)]
pub(crate) struct MarkupCache(std::cell::OnceCell<Markup>);

impl PartialEq for MarkupCache {
    fn eq(&self, _: &MarkupCache) -> bool {
        true
    }
}

impl Eq for MarkupCache {}

/// The state of [`Markup::read`]'s one walk over the tree: what each node says is
/// read when the walk enters it (in document order), what its subtree says when the walk
/// leaves it (its [`Card`] is then complete).
struct Walk<'a> {
    dom: &'a Dom,
    s: Signals,
    facts: CardFacts,
    /// The sums of the subtrees the walk is in, innermost last.
    open: Vec<Card>,
    /// The first JSON-LD scripts.
    scripts: Vec<NodeId>,
    /// The text of the button or link at hand (one buffer for all of them).
    text: String,
}

impl<'a> Walk<'a> {
    /// Every node below the root, entered in document order and left after its subtree
    /// (over the tree's links: no list of nodes).
    fn walk(&mut self) {
        let dom = self.dom;
        let mut id = NodeId::ROOT;
        'walk: loop {
            if let Some(c) = dom.first_child(id) {
                // the subtree of `id` adds up on top of the stack
                self.open.push(Card::default());
                id = c;
            } else {
                // a leaf: leave it, and every ancestor it is the last descendant of
                let mut own = Card::default();
                loop {
                    if id == NodeId::ROOT {
                        break 'walk;
                    }
                    self.leave(id, own);
                    if let Some(s) = dom.next_sibling(id) {
                        id = s;
                        break;
                    }
                    match dom.parent(id) {
                        Some(p) => id = p,
                        None => break 'walk,
                    }
                    own = self.open.pop().unwrap_or_default();
                }
            }
            self.enter(id);
        }
    }

    /// What a node says by itself (the parts whose order matters are read here).
    fn enter(&mut self, id: NodeId) {
        let dom = self.dom;
        let s = &mut self.s;
        let Some(tag) = dom.tag(id) else { return };
        match tag {
            Tag::Meta => {
                let key = dom
                    .attr(id, "name")
                    .or_else(|| dom.attr(id, "property"))
                    .unwrap_or("");
                let content = || dom.attr(id, "content").unwrap_or("").to_ascii_lowercase();
                if key.eq_ignore_ascii_case("generator") {
                    let c = content();
                    s.generator_forum |= FORUM_ENGINES.iter().any(|g| c.contains(g));
                }
                if key.eq_ignore_ascii_case("og:type") && s.og_type.is_empty() {
                    s.og_type = content().trim().to_string();
                }
                return;
            }
            Tag::Script => {
                let ty = dom.attr(id, "type").unwrap_or("");
                if contains_ascii_ci(ty, "ld+json") && self.scripts.len() < 16 {
                    self.scripts.push(id);
                }
                return;
            }
            Tag::Article => s.articles += 1,
            Tag::Img => s.images += 1,
            Tag::H1 => s.h1 += 1,
            Tag::Nav => s.navs += 1,
            Tag::Table => s.tables += 1,
            Tag::Time => s.times += 1,
            Tag::Form => s.forms += 1,
            Tag::Pre => s.pre += 1,
            Tag::Code if !dom.parent(id).is_some_and(|p| dom.tag(p) == Some(Tag::Pre)) => {
                s.code += 1
            }
            Tag::A if dom.attr(id, "href").is_some() => s.links += 1,
            _ => {}
        }
        let attrs = dom.attrs(id);
        if attrs.is_empty() {
            return;
        }
        // the first `itemtype` and `itemprop`, in one pass over the attributes
        let (mut itemtype, mut itemprop) = (None, None);
        for a in attrs {
            match &*a.name {
                "itemtype" if itemtype.is_none() => itemtype = Some(&*a.value),
                "itemprop" if itemprop.is_none() => itemprop = Some(&*a.value),
                _ => {}
            }
        }
        if let Some(t) = itemtype {
            let short = t.rsplit('/').next().unwrap_or(t).trim().to_string();
            if !s.all_types.contains(&short) && s.all_types.len() < 32 {
                s.all_types.push(short);
            }
        }
        let names = ClassNames::of(class_id(dom, id));
        if names.forum_post {
            s.forum_posts += 1;
        }
        if itemprop == Some("price") || names.price {
            s.prices += 1;
        }
        if names.product_card {
            s.product_cards += 1;
        }
        if names.doc_nav {
            s.doc_nav += 1;
        }
    }

    /// What a node's subtree says, once complete (`own`, less the node itself); then the
    /// node is added to its parent's sum.
    fn leave(&mut self, id: NodeId, mut own: Card) {
        let dom = self.dom;
        if let Some(t) = dom.text(id) {
            own.text = trimmed_len(t) as u32;
            // white space between tags (most text nodes) is no price
            if own.text > 0 && t.len() <= 24 && is_price_text(t) {
                self.s.price_texts += 1;
            }
        } else if let Some(tag) = dom.tag(id) {
            match tag {
                Tag::A => own.link = true,
                Tag::Img | Tag::Picture => own.image = true,
                _ => {}
            }
            self.element_subtree(id, tag, own);
        }
        let (link_card, image_card) = card_kind(own);
        self.facts.0[id] = u8::from(link_card) | u8::from(image_card) << 1;
        let Some(up) = self.open.last_mut() else {
            return;
        };
        up.link |= own.link;
        up.image |= own.image;
        up.text = up.text.saturating_add(own.text);
        up.link_kids += u32::from(link_card);
        up.image_kids += u32::from(image_card);
    }

    /// The signals an element gives with its whole subtree (`own`, complete).
    fn element_subtree(&mut self, id: NodeId, tag: Tag, own: Card) {
        let dom = self.dom;
        let s = &mut self.s;
        if !matches!(tag, Tag::Head | Tag::Nav | Tag::Footer | Tag::Select)
            && (own.link_kids as usize > s.link_cards || own.image_kids as usize > s.image_cards)
        {
            let (l, i) = card_runs(dom, &self.facts, id);
            s.link_cards = s.link_cards.max(l);
            s.image_cards = s.image_cards.max(i);
        }
        match tag {
            // `own.link`: a link below the heading
            Tag::H2 | Tag::H3 | Tag::H4
                if own.link || dom.parent(id).is_some_and(|p| dom.tag(p) == Some(Tag::A)) =>
            {
                s.heading_links += 1;
            }
            // a link matters only as a call to action, whose text is short and not
            // empty (the per-node trimmed lengths sum to at most the trimmed whole)
            Tag::A if !(1..CTA_MAX_CHARS).contains(&own.text) => {}
            Tag::Button | Tag::Input | Tag::A => {
                let t = if tag == Tag::Input {
                    dom.attr(id, "value").unwrap_or("")
                } else {
                    short_text(dom, id, &mut self.text)
                };
                let t = t.trim();
                let (cart, cta) = action_phrases(t);
                if tag != Tag::A && cart {
                    s.cart = true;
                }
                if t.len() < CTA_MAX_CHARS as usize && cta {
                    s.ctas += 1;
                }
            }
            _ => {}
        }
    }
}

impl Signals {
    /// Gather the signals of a page (its markup's from `markup`, read there by the
    /// first call for the page).
    pub(crate) fn collect(
        dom: &Dom,
        body: &[Block],
        url: Option<&str>,
        has_date: bool,
        has_author: bool,
        json_ld_types: Option<(&[String], &[String])>,
        markup: &MarkupCache,
    ) -> Signals {
        let markup = markup.0.get_or_init(|| Markup::read(dom));
        let (host, path) = url_parts(url);
        let mut s = Signals {
            host,
            path,
            has_date,
            has_author,
            ..markup.signals.clone()
        };
        let (main_types, types) = match json_ld_types {
            Some((main, all)) => (main.to_vec(), all.to_vec()),
            None => {
                let scripts: Vec<String> = markup
                    .scripts
                    .iter()
                    .map(|&id| dom.text_content(id))
                    .collect();
                let ld = super::jsonld::extract(&scripts);
                (ld.main_types, ld.types)
            }
        };
        s.main_types = main_types;
        for t in types {
            if !s.all_types.contains(&t) && s.all_types.len() < 32 {
                s.all_types.push(t);
            }
        }
        s.year_url = s.path.split('/').any(|seg| {
            seg.len() == 4 && seg.starts_with("20") && seg.bytes().all(|c| c.is_ascii_digit())
        });
        for b in body {
            s.blocks += 1;
            s.short_blocks += usize::from(b.text.len() < 40);
            s.paragraphs += usize::from(matches!(b.kind, BlockKind::Paragraph));
            s.link_chars += b
                .spans
                .iter()
                .filter(|sp| sp.link.is_some())
                .map(|sp| sp.text.len())
                .sum::<usize>();
            s.body_chars += b.text.len();
            match b.kind {
                BlockKind::Paragraph if b.text.len() > 150 => s.long_paragraphs += 1,
                BlockKind::ListItem { .. } => s.list_items += 1,
                BlockKind::Heading { .. } => s.headings += 1,
                BlockKind::Code { .. } => s.code_blocks += 1,
                _ => {}
            }
        }
        s
    }
}

/// Paths of documentation pages.
const DOC_PATHS: &[&str] = &[
    "/docs/",
    "/doc/",
    "/documentation",
    "/api/",
    "/reference/",
    "/manual/",
    "/guide/",
    "/guides/",
    "/tutorial",
    "/library/",
];

/// Paths of shop category pages.
const SHOP_PATHS: &[&str] = &[
    "/products/",
    "/collections/",
    "/collection/",
    "/category/",
    "/categories/",
    "/c/",
    "/cp/",
    "/shop",
    "/browse/",
    "/product-category/",
    "/t/",
    "/clearance",
    "/bestsellers",
    "/best-sellers",
];

/// Paths of editorial content.
const ARTICLE_PATHS: &[&str] = &[
    "/blog",
    "/news/",
    "/article",
    "/post/",
    "/posts/",
    "/insights/",
    "/stories/",
    "/story/",
    "/learn/",
    "/resources/",
    "/academy/",
    "/knowledge",
    "/research/",
    "/health/",
    "/guide",
    "/magazine/",
    "/tips",
    "/advice",
    "/how-to",
    "/20",
];

/// Paths of service, product-marketing and company pages.
const SERVICE_PATHS: &[&str] = &[
    "/services",
    "/service/",
    "/solutions/",
    "/products/",
    "/product/",
    "/features/",
    "/feature/",
    "/pricing",
    "/platform",
    "/about",
    "/contact",
    "/insurance",
    "/plans",
    "/programs/",
    "/certificate",
    "/course",
    "/tools/",
    "/consulting",
    "/what-we-do",
    "/industries/",
];

/// schema.org types of service, company and offer pages.
const SERVICE_TYPES: &[&str] = &[
    "Service",
    "ProfessionalService",
    "LocalBusiness",
    "FinancialService",
    "LegalService",
    "MedicalBusiness",
    "HomeAndConstructionBusiness",
    "AutomotiveBusiness",
    "EducationalOrganization",
    "Dentist",
    "Physician",
    "Attorney",
    "ContactPage",
    "AboutPage",
    "SoftwareApplication",
    "WebApplication",
    "Course",
    "EducationalOccupationalProgram",
];

fn any_in(path: &str, list: &[&str]) -> bool {
    list.iter().any(|k| path.contains(k))
}

/// Which path lists hold a part of a page's path ([`any_in`] for each), found in one
/// pass of one automaton over the path, read once per prediction.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PathWords {
    docs: bool,
    shop: bool,
    article: bool,
    service: bool,
}

impl PathWords {
    fn of(path: &str) -> PathWords {
        use std::sync::OnceLock;
        const LISTS: [&[&str]; 4] = [DOC_PATHS, SHOP_PATHS, ARTICLE_PATHS, SERVICE_PATHS];
        static MATCHER: OnceLock<Option<GroupMatcher>> = OnceLock::new();
        let matcher = MATCHER.get_or_init(|| {
            let mut patterns: Vec<(&str, u8)> = Vec::new();
            for (g, list) in (0u8..).zip(LISTS) {
                patterns.extend(list.iter().map(|p| (*p, g)));
            }
            GroupMatcher::new(&patterns, false)
        });
        // one bit per list (each list searched alone should the tables not fit)
        let seen = match matcher {
            Some(m) => m.groups_in(path),
            None => (0u8..).zip(LISTS).fold(0, |seen, (g, list)| {
                seen | u8::from(any_in(path, list)) << g
            }),
        };
        PathWords {
            docs: seen & 1 != 0,
            shop: seen & 2 != 0,
            article: seen & 4 != 0,
            service: seen & 8 != 0,
        }
    }
}

/// The page types in the order of the per-type features.
const MODEL_TYPES: [PageType; 7] = [
    PageType::Article,
    PageType::Forum,
    PageType::Product,
    PageType::Collection,
    PageType::Listing,
    PageType::Documentation,
    PageType::Service,
];
/// Feature names: the JSON-LD main node declares the type.
const MAIN_TYPE_FEATURES: [&str; 7] = [
    "main_article",
    "main_forum",
    "main_product",
    "main_collection_type",
    "main_listing",
    "main_documentation",
    "main_service",
];
/// Feature names: any JSON-LD or microdata node declares the type.
const ANY_TYPE_FEATURES: [&str; 7] = [
    "any_article",
    "any_forum",
    "any_product",
    "any_collection",
    "any_listing",
    "any_documentation",
    "any_service",
];
/// Feature names: the hand-written rules pick the type.
const RULE_FEATURES: [&str; 7] = [
    "rule_article",
    "rule_forum",
    "rule_product",
    "rule_collection",
    "rule_listing",
    "rule_documentation",
    "rule_service",
];

/// Words in the last path segment's slug ("how-to-fix-a-tap" has five).
fn slug_words(path: &str) -> usize {
    let last = path.split('/').rfind(|s| !s.is_empty()).unwrap_or("");
    let stem = last.split('.').next().unwrap_or("");
    stem.split(['-', '_']).filter(|w| !w.is_empty()).count()
}

impl Signals {
    fn main_is(&self, want: PageType) -> bool {
        self.main_types.iter().any(|t| schema_type(t) == Some(want))
    }

    fn any_is(&self, want: PageType) -> bool {
        self.all_types.iter().any(|t| schema_type(t) == Some(want))
    }

    /// Evidence for an article against a service page, in half points (`paths`: the
    /// path's words).
    fn article_score(&self, paths: PathWords) -> i32 {
        let lp = self.long_paragraphs;
        let web_page = self.main_types.iter().any(|t| t.ends_with("WebPage"));
        // a date on a plain WebPage (SEO plugins stamp every page) counts half
        let date = match (self.has_date, web_page && !self.has_author) {
            (false, _) => 0,
            (true, true) => 2,
            (true, false) => 4,
        };
        let words = slug_words(&self.path);
        let pos = [
            date,
            4 * i32::from(self.has_author),
            4 * i32::from(paths.article),
            2 * i32::from(words >= 4),
            2 * i32::from(words >= 6),
            2 * i32::from(lp >= 10),
            2 * i32::from(lp >= 20),
            2 * i32::from(self.headings >= 8 && lp >= 8),
            2 * i32::from(matches!(self.og_type.as_str(), "article" | "blog")),
        ];
        let root = self.path.trim_matches('/').is_empty();
        let neg = [
            4 * i32::from(paths.service),
            4 * i32::from(root),
            2 * i32::from(self.ctas >= 4),
            2 * i32::from(self.ctas >= 8),
            4 * i32::from(
                self.all_types
                    .iter()
                    .any(|t| SERVICE_TYPES.contains(&t.as_str())),
            ),
            2 * i32::from(lp < 3),
            2 * i32::from(lp < 6),
        ];
        pos.iter().sum::<i32>() - neg.iter().sum::<i32>()
    }

    /// The signals as named numbers, the input of a learned classifier.
    pub(crate) fn features(&self) -> Vec<(&'static str, f32)> {
        let l = |n: usize| (n as f32).ln_1p();
        let b = |x: bool| f32::from(u8::from(x));
        let paths = PathWords::of(&self.path);
        let docs_url = self.docs_url(paths);
        let types = MODEL_TYPES;
        let mut f = vec![
            ("articles", l(self.articles)),
            ("times", l(self.times)),
            ("heading_links", l(self.heading_links)),
            ("pre", l(self.pre)),
            ("code", l(self.code)),
            ("prices", l(self.prices)),
            ("price_texts", l(self.price_texts)),
            ("cart", b(self.cart)),
            ("product_cards", l(self.product_cards)),
            ("forum_posts", l(self.forum_posts)),
            ("generator_forum", b(self.generator_forum)),
            ("ctas", l(self.ctas)),
            ("forms", l(self.forms)),
            ("doc_nav", l(self.doc_nav)),
            ("long_paragraphs", l(self.long_paragraphs)),
            ("body_chars", l(self.body_chars)),
            ("list_items", l(self.list_items)),
            ("headings", l(self.headings)),
            ("code_blocks", l(self.code_blocks)),
            ("link_cards", l(self.link_cards)),
            ("image_cards", l(self.image_cards)),
            ("has_date", b(self.has_date)),
            ("has_author", b(self.has_author)),
            ("docs_url", b(docs_url)),
            ("shop_url", b(paths.shop)),
            ("article_url", b(paths.article)),
            ("service_url", b(paths.service)),
            ("root_url", b(self.path.trim_matches('/').is_empty())),
            ("slug_words", l(slug_words(&self.path))),
            (
                "path_depth",
                l(self.path.split('/').filter(|s| !s.is_empty()).count()),
            ),
            (
                "og_article",
                b(matches!(self.og_type.as_str(), "article" | "blog")),
            ),
            (
                "og_product",
                b(self.og_type.starts_with("product") || self.og_type == "og:product"),
            ),
            ("og_website", b(self.og_type == "website")),
            ("og_none", b(self.og_type.is_empty())),
            ("faq", b(self.all_types.iter().any(|t| t == "FAQPage"))),
            (
                "main_webpage",
                b(self.main_types.iter().any(|t| t.ends_with("WebPage"))),
            ),
            (
                "main_collection",
                b(self
                    .main_types
                    .iter()
                    .any(|t| t == "CollectionPage" || t == "OfferCatalog")),
            ),
            (
                "service_types",
                b(self
                    .all_types
                    .iter()
                    .any(|t| SERVICE_TYPES.contains(&t.as_str()))),
            ),
            ("article_score", self.article_score(paths) as f32 / 4.0),
            ("links", l(self.links)),
            ("images", l(self.images)),
            ("h1", l(self.h1)),
            ("navs", l(self.navs)),
            ("tables", l(self.tables)),
            ("title_words", l(self.title_words)),
            ("blocks", l(self.blocks)),
            (
                "short_share",
                self.short_blocks as f32 / self.blocks.max(1) as f32,
            ),
            (
                "link_share",
                self.link_chars as f32 / self.body_chars.max(1) as f32,
            ),
            ("paragraphs", l(self.paragraphs)),
            ("year_url", b(self.year_url)),
            ("chars_per_block", l(self.body_chars / self.blocks.max(1))),
            (
                "list_share",
                self.list_items as f32 / self.blocks.max(1) as f32,
            ),
        ];
        for (t, name) in types.iter().zip(MAIN_TYPE_FEATURES) {
            f.push((name, b(self.main_is(*t))));
        }
        for (t, name) in types.iter().zip(ANY_TYPE_FEATURES) {
            f.push((name, b(self.any_is(*t))));
        }
        let rule = self.classify_with(paths);
        for (t, name) in types.iter().zip(RULE_FEATURES) {
            f.push((name, b(rule == *t)));
        }
        f
    }

    /// The host or the path of a documentation site.
    fn docs_url(&self, paths: PathWords) -> bool {
        self.host.starts_with("docs.")
            || self.host.starts_with("developer.")
            || self.host.starts_with("developers.")
            || self.host.contains("readthedocs")
            || paths.docs
    }

    /// The page type these signals point to by the hand-written rules alone.
    pub(crate) fn classify_by_rules(&self) -> PageType {
        self.classify_with(PathWords::of(&self.path))
    }

    /// [`Signals::classify_by_rules`] with the path's words read.
    fn classify_with(&self, paths: PathWords) -> PageType {
        use PageType as P;
        let lp = self.long_paragraphs;
        let faq = self.all_types.iter().any(|t| t == "FAQPage");
        if self.main_is(P::Forum) && !faq
            || self.generator_forum
            || self.forum_posts >= 2
            || self
                .all_types
                .iter()
                .any(|t| t == "DiscussionForumPosting" || t == "QAPage")
        {
            return P::Forum;
        }
        let docs_url = self.docs_url(paths);
        let code = self.pre + self.code_blocks;
        if self.main_is(P::Documentation)
            || self.doc_nav >= 1 && (code >= 1 || docs_url)
            || docs_url && (code >= 1 || self.code >= 5)
            || code >= 3 && self.code >= 10 && !(self.has_date && self.has_author)
        {
            return P::Documentation;
        }
        let cards = self.product_cards;
        let prices = self.price_texts + self.prices;
        let shop_url = paths.shop;
        let product_declared = self.main_is(P::Product)
            || matches!(
                self.og_type.as_str(),
                "product" | "og:product" | "product.item"
            );
        let main_collection = self
            .main_types
            .iter()
            .any(|t| t == "CollectionPage" || t == "OfferCatalog");
        if main_collection && (cards >= 4 || prices >= 6) {
            return P::Collection;
        }
        if product_declared || self.cart {
            return if cards >= 8 && prices >= 8 && !self.main_is(P::Product) {
                P::Collection
            } else {
                P::Product
            };
        }
        if shop_url && (cards >= 4 || prices >= 6) && !self.has_date
            || cards >= 6 && prices >= 6
            || prices >= 12 && lp < 5
        {
            return P::Collection;
        }
        let shop = shop_url || self.og_type.starts_with("product") || cards >= 4 || prices >= 4;
        let grid = self.image_cards >= 10 && lp < 8 && !self.has_author;
        if grid && shop {
            return P::Collection;
        }
        if self.any_is(P::Product) {
            return P::Product;
        }
        let teasers = self.articles.max(self.heading_links).max(self.times);
        if self.main_is(P::Listing) || main_collection || teasers >= 8 && lp < 6 {
            return P::Listing;
        }
        if grid || self.link_cards >= 20 && lp < 4 && !self.has_author {
            return P::Listing;
        }
        if shop_url && lp < 4 && !self.has_date {
            return P::Collection;
        }
        if self.main_is(P::Article) || self.article_score(paths) >= 5 {
            return P::Article;
        }
        if self.path.trim_matches('/').is_empty() && teasers >= 8 {
            return P::Listing;
        }
        P::Service
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_len_is_trim_len() {
        for t in [
            "",
            "  ",
            " ab ",
            "\u{b}x\u{b}",
            "\u{a0}x ",
            " x\u{2003}",
            "\tä\n",
            "a",
            "\n                    \t\t\t\t\t\t\t\t\t   x   \n        ",
            "                \u{b}",
            "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n",
        ] {
            assert_eq!(trimmed_len(t), t.trim().len(), "{t:?}");
        }
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    /// The automaton finds exactly the groups whose patterns `str::contains` finds.
    #[test]
    fn group_matcher_is_substring_search() {
        let patterns: Vec<(&str, u8)> = FORUM_POST_CLASSES
            .iter()
            .map(|p| (*p, 0))
            .chain(PRODUCT_CARD_WORDS.iter().map(|p| (*p, 1)))
            .chain(DOC_NAV_CLASSES.iter().map(|p| (*p, 2)))
            .chain([("sidebar", 3), ("doc", 4), ("toc", 5), ("add to cart", 6)])
            .collect();
        let naive = |t: &str, fold: bool| {
            let t = if fold {
                t.to_ascii_lowercase()
            } else {
                t.to_string()
            };
            patterns
                .iter()
                .filter(|(p, _)| t.contains(p))
                .fold(0u8, |acc, (_, g)| acc | 1 << g)
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "docs-nav".into(),
            "sphinxsidebar toctree".into(),
            "x-product-grid-itemz post_bodypostcell".into(),
            "ppproduct-cardd plp-plp- md-na md-nav".into(),
            "Add To Cart".into(),
            "ADD TO CARTsidebar-doc".into(),
            "t\u{e9}xt-doc\u{2003}toc".into(),
        ];
        // every pattern's prefixes and overlaps of two patterns
        for (a, _) in &patterns {
            for (b, _) in &patterns {
                texts.push(format!("{a}{b}"));
                texts.push(format!("{}{b}", &a[..a.len() / 2]));
                texts.push(format!("{}{}", &a[1..], &b[..b.len() - 1]));
            }
        }
        // the bundled tables fit the automaton's fixed sizes (else nothing would match)
        assert!(ClassNames::of("x product-card y").product_card);
        assert!(ClassNames::of("sidebar-toc ").doc_nav);
        assert!(ClassNames::of("md-nav ").doc_nav);
        assert!(!ClassNames::of("sidebar ").doc_nav);
        assert_eq!(action_phrases("Add to Cart"), (true, false));
        assert_eq!(action_phrases("Get a Quote"), (false, true));
        for fold in [false, true] {
            let m = GroupMatcher::new(&patterns, fold).unwrap();
            for t in &texts {
                assert_eq!(m.groups_in(t), naive(t, fold), "{t:?} fold {fold}");
                let upper = t.to_ascii_uppercase();
                assert_eq!(
                    m.groups_in(&upper),
                    naive(&upper, fold),
                    "{upper:?} fold {fold}"
                );
            }
        }
    }

    /// The path automaton answers as one substring search per listed word.
    #[test]
    fn path_words_are_substring_search() {
        let lists = [DOC_PATHS, SHOP_PATHS, ARTICLE_PATHS, SERVICE_PATHS];
        let mut paths: Vec<String> = vec![
            "/".into(),
            "".into(),
            "/docs/install".into(),
            "/2024/05/a-story".into(),
            "/shop/blog/tips-and-advice/".into(),
            "/en/product-category/taps".into(),
            "/t/how-do-i/12".into(),
        ];
        for list in lists {
            for p in list.iter() {
                paths.push(format!("/x{p}y"));
                paths.push(p[..p.len() - 1].to_string());
                paths.push(p[1..].to_string());
            }
        }
        for path in &paths {
            let want = PathWords {
                docs: any_in(path, DOC_PATHS),
                shop: any_in(path, SHOP_PATHS),
                article: any_in(path, ARTICLE_PATHS),
                service: any_in(path, SERVICE_PATHS),
            };
            assert_eq!(PathWords::of(path), want, "{path:?}");
        }
    }

    #[test]
    fn the_bundled_model_reads_these_features() {
        let names: Vec<&str> = Signals::default().features().iter().map(|f| f.0).collect();
        assert_eq!(
            super::super::page_type_model::feature_names().as_deref(),
            Some(names.as_slice()),
            "retrain with scripts/page-type/train.py after changing the features"
        );
    }

    /// A second prediction for the page reads its markup from the cache: the signals
    /// are those of a fresh walk.
    #[test]
    fn kept_markup_gives_the_signals_of_a_fresh_walk() {
        let html = r#"<html><head><meta property="og:type" content="Product">
            <script type="application/ld+json">{"@type":"Product","name":"Tap"}</script></head>
            <body><div class="product-card"><a href="/a">A tap for every sink, in brass</a>
            <img src="a.png"></div><div class="product-card"><a href="/b">B</a></div>
            <p itemtype="https://schema.org/Offer">$12.99</p><button>Add to cart</button>
            </body></html>"#;
        let dom = crate::dom::parse::parse_html(
            html,
            &crate::limits::Limits::default(),
            std::time::Instant::now(),
        )
        .unwrap();
        let first = vec![Block::new(BlockKind::Paragraph, "x".repeat(200))];
        let second = vec![Block::new(BlockKind::Heading { level: 2 }, "Taps")];
        let url = Some("https://shop.example/collections/taps");
        let kept = MarkupCache::default();
        for body in [&first, &second, &first] {
            for types in [None, Some((&[][..], &["Offer".to_string()][..]))] {
                let cached = Signals::collect(&dom, body, url, true, false, types, &kept);
                let fresh =
                    Signals::collect(&dom, body, url, true, false, types, &Default::default());
                assert_eq!(format!("{cached:?}"), format!("{fresh:?}"));
            }
        }
        let s = Signals::collect(&dom, &first, url, true, false, None, &kept);
        assert_eq!((s.product_cards, s.price_texts, s.cart), (2, 1, true));
        assert_eq!(s.main_types, ["Product"]);
        assert!(s.all_types.contains(&"Offer".to_string()));
    }

    #[test]
    fn the_model_answers_for_clear_cases() {
        let forum = Signals {
            forum_posts: 12,
            generator_forum: true,
            long_paragraphs: 6,
            body_chars: 6000,
            blocks: 20,
            paragraphs: 18,
            path: "/t/how-do-i-start/123".into(),
            ..Signals::default()
        };
        let got = super::super::page_type_model::predict(&forum.features());
        assert_eq!(got, Some(PageType::Forum));
    }

    #[test]
    fn declared_types() {
        assert_eq!(
            from_declared(&v(&["NewsArticle"]), &[], None),
            Some(PageType::Article)
        );
        assert_eq!(
            from_declared(
                &v(&["WebPage"]),
                &v(&["WebPage", "Organization", "Product"]),
                None
            ),
            Some(PageType::Product)
        );
        assert_eq!(
            from_declared(&[], &v(&["QAPage"]), None),
            Some(PageType::Forum)
        );
        assert_eq!(
            from_declared(&[], &v(&["TechArticle"]), None),
            Some(PageType::Documentation)
        );
        assert_eq!(
            from_declared(&[], &[], Some("article")),
            Some(PageType::Article)
        );
        assert_eq!(
            from_declared(&[], &v(&["WebSite", "Organization"]), Some("website")),
            None
        );
    }

    #[test]
    fn classify_from_signals() {
        let base = || Signals {
            path: "/".to_string(),
            ..Signals::default()
        };
        let forum = Signals {
            forum_posts: 5,
            ..base()
        };
        assert_eq!(forum.classify_by_rules(), PageType::Forum);
        let grid = Signals {
            path: "/collections/socks".to_string(),
            image_cards: 24,
            price_texts: 24,
            ..base()
        };
        assert_eq!(grid.classify_by_rules(), PageType::Collection);
        let story = Signals {
            path: "/news/2024/council-passes-the-budget".to_string(),
            has_date: true,
            has_author: true,
            long_paragraphs: 12,
            ..base()
        };
        assert_eq!(story.classify_by_rules(), PageType::Article);
        let home = Signals {
            ctas: 6,
            long_paragraphs: 2,
            ..base()
        };
        assert_eq!(home.classify_by_rules(), PageType::Service);
        let docs = Signals {
            host: "docs.example.org".to_string(),
            path: "/guide/install".to_string(),
            pre: 4,
            ..base()
        };
        assert_eq!(docs.classify_by_rules(), PageType::Documentation);
        let hub = Signals {
            path: "/news/".to_string(),
            articles: 20,
            times: 20,
            long_paragraphs: 1,
            ..base()
        };
        assert_eq!(hub.classify_by_rules(), PageType::Listing);
        assert_eq!(slug_words("/blog/how-to-fix-a-tap/"), 5);
        assert!(is_price_text("$12.99"));
        assert!(!is_price_text("Save $5 on every order today"));
    }
}
