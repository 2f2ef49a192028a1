//! Words in `class`, `id` and `role` attributes that mark chrome or content.
//!
//! Attributes are split into lower-case words at any non-alphanumeric character
//! and at camelCase humps, so `article-body`, `articleBody` and `article_body`
//! all give `article`, `body`; matching is by whole word, never by substring
//! (`header` must not match `ad`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Words that mark page chrome: navigation, sharing, promotion, ads, widgets.
/// A container named with one is dropped unless it holds most of the page's text.
/// (`adv` is not one: it abbreviates "advanced" as often as "advert", as in the
/// `kt-adv-heading` of a popular WordPress block plugin.)
#[rustfmt::skip]
pub const CHROME_WORDS: &[&str] = &[
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
    "affiliate", "banner", "breadcrumb", "breadcrumbs", "carousel", "combx", "comment",
    "comments", "commentlist", "community", "consent", "cookie", "cookies", "crumbs", "disqus",
    "dropdown", "extra", "foot", "footer", "footnotes", "gdpr", "jump", "login",
    "masthead", "menu", "modal", "navbar", "navigation", "nav", "newsletter", "outbrain",
    "pager", "pagination", "popular", "popup", "promo", "promotion", "recommend",
    "recommended", "recommendations", "related", "remark", "replies", "reply", "rss",
    "share", "sharing", "shoutbox", "sidebar", "signup", "skyscraper", "social", "socials",
    "sponsor", "sponsored", "subscribe", "subscription", "taboola", "toolbar", "topbar",
    "trending", "tweet", "twitter", "facebook", "whatsapp", "pinterest", "linkedin", "widget",
    "widgets", "tags", "tagcloud", "tagged", "byline", "bio", "author", "authors", "meta",
    "rating", "print", "skip", "sr", "visually", "offscreen", "paywall", "weather", "ticker",
    "mostread", "most", "more", "next", "prev", "previous", "also", "readmore", "teaser",
    "teasers", "headline", "headlines", "dateline", "date", "timestamp", "caption",
];

/// Words of [`CHROME_WORDS`] that are strong enough to drop a block found inside
/// the chosen content container (the others only count against a candidate).
#[rustfmt::skip]
pub const CHROME_INSIDE_CONTENT: &[&str] = &[
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
    "affiliate", "breadcrumb", "breadcrumbs", "comment", "comments", "commentlist", "consent",
    "cookie", "disqus", "gdpr", "login", "modal", "navbar", "navigation", "nav",
    "newsletter", "outbrain", "pagination", "popup", "promo", "recommend", "recommended",
    "recommendations", "related", "share", "sharing", "sidebar", "signup", "social", "socials",
    "sponsor", "sponsored", "subscribe", "subscription", "taboola", "toolbar", "trending",
    "tags", "tagcloud", "byline", "bio", "print", "sr", "visually",
    "offscreen", "mostread", "readmore", "dateline", "timestamp", "menu",
    "breaking", "ticker", "footer", "masthead", "topbar", "foot", "crumbs", "jump",
    "pager", "rss", "shoutbox", "skyscraper", "combx", "community", "remark", "replies",
    "reply", "tweet", "twitter", "facebook", "whatsapp", "pinterest", "linkedin", "rating",
    "author", "authors", "dropdown", "popular", "weather", "reviews", "ratings", "signature", "signatures", "userinfo", "postprofile", "userstats", "usertitle", "caption", "captions",
    "credit", "credits", "figcaption", "gallery", "slideshow", "lightbox",
];

/// Words that mark the main content container.
#[rustfmt::skip]
pub const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry",
    "prose", "markdown", "news", "page", "column", "detail", "articlebody", "postbody",
    "storybody", "entrycontent", "postcontent", "richtext",
];

/// Words of [`CONTENT_WORDS`] strong enough to protect an element from being
/// dropped for a chrome word in the same attribute (`article author-jane` is an article).
#[rustfmt::skip]
pub const CONTENT_GUARD_WORDS: &[&str] = &["article", "body", "content", "main", "entry", "story"];

/// Word pairs that name the article body itself (`article-body`, `entry-content`).
#[rustfmt::skip]
pub const BODY_PAIRS: &[(&str, &str)] = &[
    ("article", "body"),
    ("article", "content"),
    ("article", "text"),
    ("entry", "content"),
    ("entry", "body"),
    ("post", "content"),
    ("post", "body"),
    ("post", "text"),
    ("story", "body"),
    ("story", "content"),
    ("story", "text"),
    ("news", "text"),
    ("body", "text"),
    ("rich", "text"),
    ("main", "content"),
    ("blog", "post"),
];

/// Single words that name the article body itself.
#[rustfmt::skip]
pub const BODY_WORDS: &[&str] = &[
    "articlebody", "postbody", "storybody", "entrycontent", "postcontent", "articlecontent",
    "storycontent", "hentry", "prose", "markdown", "richtext",
];

/// `role` values of chrome landmarks.
#[rustfmt::skip]
pub const CHROME_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search",
    "dialog", "alertdialog", "toolbar", "tablist", "alert",
];

/// Split a `class`/`id` value into lower-case words (see the module doc).
pub fn words(value: &str, out: &mut Vec<String>) {
    for_each_word(value, &mut String::new(), |w| out.push(w.to_string()));
}

/// Call `f` with each lower-case word of a `class`/`id` value, in order, without
/// allocating per word: words end at non-alphanumerics and at camelCase humps
/// (`articleBody` → `article`, `body`). `buf` is scratch space, reused across calls.
pub fn for_each_word(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !buf.is_empty() {
                f(buf);
                buf.clear();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else {
            prev_lower = false;
            if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
        }
    }
    if !buf.is_empty() {
        f(buf);
    }
}

/// How many words [`for_each_word`] would give for `value`.
pub fn word_count(value: &str) -> usize {
    let mut n = 0;
    for_each_word(value, &mut String::new(), |_| n += 1);
    n
}

/// Call `f` with each whitespace-separated token of an attribute value, its
/// separators dropped and lower-cased (`article-body` → `articlebody`).
pub fn for_each_joined(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for token in value.split_ascii_whitespace() {
        buf.clear();
        if token.is_ascii() {
            let letters = token.bytes().filter(u8::is_ascii_alphanumeric);
            buf.extend(letters.map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for c in token.chars().filter(|c| c.is_alphanumeric()) {
                buf.extend(c.to_lowercase());
            }
        }
        f(buf);
    }
}

/// What a class/id word says, as bit flags (see [`lookup`]).
pub mod flag {
    /// In [`super::CHROME_WORDS`].
    pub const CHROME: u8 = 1;
    /// In [`super::CHROME_INSIDE_CONTENT`].
    pub const CHROME_INSIDE: u8 = 2;
    /// In [`super::CONTENT_WORDS`].
    pub const CONTENT: u8 = 4;
    /// In [`super::CONTENT_GUARD_WORDS`].
    pub const GUARD: u8 = 8;
    /// In [`super::BODY_WORDS`].
    pub const BODY: u8 = 16;
}

/// The flags of one word: a single hash lookup instead of a scan of every table.
///
/// This runs for every class and id word of every element, so the table uses a
/// small FNV-1a hash (keys are short, trusted, lower-case words) and words longer
/// than any table word are rejected before hashing.
pub fn lookup(word: &str) -> u8 {
    type Table = HashMap<&'static str, u8, BuildHasherDefault<Fnv>>;
    static TABLE: OnceLock<(Table, usize)> = OnceLock::new();
    let (table, longest) = TABLE.get_or_init(|| {
        let mut m = Table::default();
        for (list, f) in [
            (CHROME_WORDS, flag::CHROME),
            (CHROME_INSIDE_CONTENT, flag::CHROME_INSIDE),
            (CONTENT_WORDS, flag::CONTENT),
            (CONTENT_GUARD_WORDS, flag::GUARD),
            (BODY_WORDS, flag::BODY),
        ] {
            for w in list {
                *m.entry(*w).or_insert(0) |= f;
            }
        }
        let longest = m.keys().map(|k| k.len()).max().unwrap_or(0);
        (m, longest)
    });
    if word.len() > *longest {
        return 0;
    }
    table.get(word).copied().unwrap_or(0)
}

/// FNV-1a, 64-bit: fast for the short keys of [`lookup`].
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
