//! Words in `class`, `id` and `role` attributes that mark chrome or content.
//!
//! Attributes are split into lower-case words at any non-alphanumeric character
//! and at camelCase humps, so `article-body`, `articleBody` and `article_body`
//! all give `article`, `body`; matching is by whole word, never by substring
//! (`header` must not match `ad`).

use std::collections::HashMap;
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
    "disclaimer", "disclaimers",
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
    "disclaimer", "disclaimers",
    // DocBook's page navigation (Prev | Up | Home | Next)
    "navheader", "navfooter",
    // the search engines' mark for "not the page's content"
    "nocontent",
    // overlays laid over the page (dialogs, drawers, quick views)
    "overlay",
    // a post's extras (signature, edit note) and tooltips
    "extras", "tooltip",
    // player and carousel controls, site announcement bars, report flags
    "controls", "announcements", "flag",
    // product badges ("New", "-20%"), price tables beside the description, fact boxes
    "badge", "prices", "facts",
    // a control styled as a button: its text is a label (a reply's button
    // previewing the post it answers, a call to action)
    "btn",
];

/// Words of [`CHROME_INSIDE_CONTENT`] that name a thread's replies: beside an
/// article they are reader comments, but on a forum or Q&A page the replies are
/// the page's content.
#[rustfmt::skip]
pub const THREAD_WORDS: &[&str] = &["reply", "replies", "comment", "comments", "commentlist"];

/// Class/id words of a Q&A site's question or answer: comments inside one are
/// remarks on that post, not the thread's replies.
#[rustfmt::skip]
pub const QA_POST_WORDS: &[&str] = &["answer", "question"];

/// Class/id words of a Q&A page's list of answers (read as records) ...
#[rustfmt::skip]
pub const ANSWER_WORDS: &[&str] = &["answers"];

/// ... and of the question before it, which belongs with them.
#[rustfmt::skip]
pub const QUESTION_WORDS: &[&str] = &["question"];

/// Words of [`CHROME_INSIDE_CONTENT`] that mark a slideshow or gallery: a set of
/// captioned pictures beside the article, which can out-weigh it in text and
/// still is not it.
#[rustfmt::skip]
pub const GALLERY_WORDS: &[&str] = &["gallery", "slideshow", "lightbox"];

/// Class words of a poster's picture; one holding only a few letters is the
/// poster's initials drawn in place of a picture (dropped as chrome).
#[rustfmt::skip]
pub const AVATAR_WORDS: &[&str] = &["avatar", "avatars"];

/// Class words of a post's vote control; one holding only a number is the
/// tally of votes (dropped as chrome). `votes` is not one: an election's
/// results name their figures so.
#[rustfmt::skip]
pub const VOTE_WORDS: &[&str] = &["vote", "voting", "votecell"];

/// Class words of a forum member's signature under each post: written in the
/// same editor as posts, it holds the same rich-text block a post does, which
/// does not make it the page's body.
#[rustfmt::skip]
pub const SIGNATURE_WORDS: &[&str] = &["signature", "signatures"];

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

/// Words of [`CHROME_INSIDE_CONTENT`] that a guard word in the same name does not
/// outweigh: `related-content`, `recommended-stories` and `trending-articles` are
/// boxes of links to other pages, named for what they hold; no wrapper of the
/// story is named so. An `article-footer` or `entry-footer` is the strip under
/// the story (its edit links, "last modified" line), an `entry-share` its share
/// buttons, an `article-byline` or `entry-author` its byline or author box: the
/// guard word names whose part they are, not the story. (`tags` and `navigation`
/// are left guarded: a feed's `story-tags` and `story-navigation` can hold its items.)
#[rustfmt::skip]
pub const UNGUARDED_WORDS: &[&str] = &[
    "related", "recommend", "recommended", "recommendations", "mostread", "trending",
    "footer", "share", "sharing", "social", "pagination", "newsletter",
    "subscribe", "byline", "author", "authors", "bio", "signature", "signatures",
];

/// Word pairs that name the article body itself (`article-body`, `entry-content`; a
/// `jump-section` is a part of the page that its jump menu leads to, not the menu).
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
    ("jump", "section"),
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
    "dialog", "alertdialog", "toolbar", "alert",
    // a live region's status message for screen readers ("Loaded 52 results")
    "status",
];

/// Split a `class`/`id` value into lower-case words (see the module doc).
pub fn words(value: &str, out: &mut Vec<String>) {
    for_each_word(value, &mut String::new(), |w| out.push(w.to_string()));
}

/// Call `f` with each lower-case word of a `class`/`id` value, in order, without
/// allocating per word: words end at non-alphanumerics and at camelCase humps
/// (`articleBody` → `article`, `body`). `buf` is scratch space, reused across calls.
///
/// This runs for every class and id of every element: ASCII values (nearly all of
/// them) are split over bytes, and a word already in lower case is handed over as a
/// slice of the value, without a copy.
///
/// In a token with colons, only the part after the last one counts: utility-class
/// variants (`print:break-inside-avoid`, `md:hidden`, `[h2]:pt-0`) say when a style
/// applies, not what the element is (`print:` on every paragraph is no print button).
///
/// A CSS-modules name ends in a build hash after a double underscore
/// (`AccordionItem_item__adF2E`, `styles_article__Ee5Ad`): the hash is no word,
/// though its letters can spell one (`ad`), and is left out.
///
/// A token that starts with a word of negation ([`NEGATING_WORDS`]: `no-sidebar`,
/// `hide-read-more-ad`, `no-comments`) names what the element goes without, not
/// what it is, and gives no words.
pub fn for_each_word(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if value.contains(':') || has_double_underscore(value) {
        for token in value.split_ascii_whitespace() {
            let name = token.rsplit(':').next().unwrap_or_default();
            if !negated(name) {
                split_words(without_module_hash(name), buf, &mut f);
            }
        }
        return;
    }
    split_words(value, buf, f);
}

/// Does the value hold `__` (a CSS-modules hash may follow)? A byte search: a
/// substring search would set up a searcher for every class value read.
fn has_double_underscore(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr_iter(b'_', b).any(|i| b.get(i + 1) == Some(&b'_'))
}

/// Does a token of the value end in a CSS-modules hash (see [`without_module_hash`])?
fn has_module_hash(value: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|token| without_module_hash(token).len() < token.len())
}

/// First words of a class or id token, before a `-` or `_`, that say the element
/// goes without what follows (`no-sidebar` is a page layout without a sidebar,
/// `hide-ads` a block whose ads are hidden). Compared without case.
#[rustfmt::skip]
pub const NEGATING_WORDS: &[&str] = &["no", "hide", "without"];

/// Does the token start with one of [`NEGATING_WORDS`] and a `-` or `_`?
fn negated(token: &str) -> bool {
    token
        .split_once(['-', '_'])
        .is_some_and(|(head, _)| NEGATING_WORDS.iter().any(|n| head.eq_ignore_ascii_case(n)))
}

/// Does any whitespace-separated token of the value start with a negation?
/// (For values with non-ASCII characters; the ASCII path finds negations as it
/// splits.)
fn has_negated_token(value: &str) -> bool {
    value.split_whitespace().any(negated)
}

/// Length of the hash CSS modules append to a class name (`__` and five
/// base64 characters, as webpack's and Next.js's default `[hash:base64:5]`).
const MODULE_HASH_LEN: usize = 5;

/// `name` without a trailing CSS-modules hash: `__` and five characters of
/// `[A-Za-z0-9_-]`, at least one of them a digit or a capital (a BEM element such
/// as `card__share` is a word, and is kept).
fn without_module_hash(name: &str) -> &str {
    let b = name.as_bytes();
    let Some(cut) = b.len().checked_sub(MODULE_HASH_LEN + 2) else {
        return name;
    };
    let (head, tail) = b.split_at(cut);
    let hash = tail.get(2..).unwrap_or_default();
    let is_hash = tail.starts_with(b"__")
        && !head.is_empty()
        && hash
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        && hash
            .iter()
            .any(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if is_hash {
        name.get(..cut).unwrap_or(name)
    } else {
        name
    }
}

/// [`for_each_word`] for a value without variant prefixes.
fn split_words(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if !value.is_ascii() {
        if has_negated_token(value) {
            for token in value.split_whitespace().filter(|t| !negated(t)) {
                for_each_word_unicode(token, buf, &mut f);
            }
            return;
        }
        return for_each_word_unicode(value, buf, f);
    }
    let bytes = value.as_bytes();
    let mut start = None::<usize>;
    // the current word holds an upper-case letter (so it needs a lower-cased copy)
    let mut upper = false;
    // inside a token whose first word negates it (see `NEGATING_WORDS`)
    let mut negated_token = false;
    let mut emit =
        |from: usize, to: usize, upper: bool, skip: &mut bool, f: &mut dyn FnMut(&str)| {
            if *skip {
                return;
            }
            let word = value.get(from..to).unwrap_or("");
            if matches!(bytes.get(to), Some(b'-' | b'_'))
                && from
                    .checked_sub(1)
                    .is_none_or(|p| bytes.get(p).is_some_and(u8::is_ascii_whitespace))
                && NEGATING_WORDS.iter().any(|n| word.eq_ignore_ascii_case(n))
            {
                *skip = true;
                return;
            }
            if upper {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                f(buf);
            } else {
                f(word);
            }
        };
    let mut prev_lower = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            let is_upper = b.is_ascii_uppercase();
            match start {
                Some(s) if is_upper && prev_lower => {
                    emit(s, i, upper, &mut negated_token, &mut f);
                    start = Some(i);
                    upper = true;
                }
                Some(_) => upper |= is_upper,
                None => {
                    start = Some(i);
                    upper = is_upper;
                }
            }
            prev_lower = !is_upper;
        } else {
            prev_lower = false;
            if let Some(s) = start.take() {
                emit(s, i, upper, &mut negated_token, &mut f);
            }
            if b.is_ascii_whitespace() {
                negated_token = false;
            }
        }
    }
    if let Some(s) = start {
        emit(s, bytes.len(), upper, &mut negated_token, &mut f);
    }
}

/// [`for_each_word`] for values with non-ASCII characters (Unicode case rules).
fn for_each_word_unicode(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
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
    /// Part of a pair in [`super::BODY_PAIRS`] (only such words need the pair check).
    pub const PAIR: u8 = 32;
    /// In [`super::GALLERY_WORDS`].
    pub const GALLERY: u8 = 64;
    /// In [`super::UNGUARDED_WORDS`].
    pub const UNGUARDED: u8 = 128;
}

/// The flags of one word: a single hash lookup instead of a scan of every table.
///
/// This runs for every class and id word of every element, so the table uses a
/// small FNV-1a hash (keys are short, trusted, lower-case words) and words longer
/// than any table word are rejected before hashing.
pub fn lookup(word: &str) -> u8 {
    let t = table();
    match word.as_bytes() {
        [first, .., last] if word.is_ascii() && !t.may_hold(*first, *last, word.len()) => 0,
        _ => t.words.get(word).copied().unwrap_or(0),
    }
}

/// The flags of every table word, and a filter that turns most other words away
/// before hashing: by first letter, last letter and length.
struct WordTable {
    words: StrMap<&'static str, u8>,
    /// Per (first, last) character class: bit `n` set when a word of length `n`
    /// (31 standing for 31 and more) has those ends.
    ends: Vec<u32>,
}

/// Character classes of [`WordTable::ends`]: a-z, 0-9, anything else.
const END_CLASSES: usize = 37;

fn end_class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'A'..=b'Z' => usize::from(b - b'A'),
        b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

impl WordTable {
    /// Can a table word have these first and last bytes and this length?
    #[inline]
    fn may_hold(&self, first: u8, last: u8, len: usize) -> bool {
        let bit = 1u32 << len.min(31);
        self.ends
            .get(end_class(first) * END_CLASSES + end_class(last))
            .is_some_and(|m| m & bit != 0)
    }
}

fn table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: StrMap<&'static str, u8> = HashMap::default();
        for (list, f) in [
            (CHROME_WORDS, flag::CHROME),
            (CHROME_INSIDE_CONTENT, flag::CHROME_INSIDE),
            (CONTENT_WORDS, flag::CONTENT),
            (CONTENT_GUARD_WORDS, flag::GUARD),
            (BODY_WORDS, flag::BODY),
            (GALLERY_WORDS, flag::GALLERY),
            (UNGUARDED_WORDS, flag::UNGUARDED),
        ] {
            for w in list {
                *words.entry(*w).or_insert(0) |= f;
            }
        }
        for (a, b) in BODY_PAIRS {
            *words.entry(*a).or_insert(0) |= flag::PAIR;
            *words.entry(*b).or_insert(0) |= flag::PAIR;
        }
        let mut ends = vec![0u32; END_CLASSES * END_CLASSES];
        for w in words.keys() {
            if let [first, .., last] = w.as_bytes() {
                if let Some(m) = ends.get_mut(end_class(*first) * END_CLASSES + end_class(*last)) {
                    *m |= 1 << w.len().min(31);
                }
            }
        }
        WordTable { words, ends }
    })
}

/// The [`lookup`] flags of every whitespace-separated token of an attribute
/// value with its separators dropped, lower-cased (`article-body` → `articlebody`),
/// OR-ed together. Tokens whose ends and length no table word has are not copied.
pub fn joined_flags(value: &str, buf: &mut String) -> u8 {
    let mut flags = 0;
    for token in value.split_ascii_whitespace() {
        if token.is_ascii() {
            let mut alnum = token.bytes().filter(u8::is_ascii_alphanumeric);
            let first = alnum.next();
            let (last, rest) = alnum.fold((first, 0usize), |(_, n), b| (Some(b), n + 1));
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            if !table().may_hold(first, last, rest + 1) {
                continue;
            }
        }
        for_each_joined(token, buf, |j| flags |= lookup(j));
    }
    flags
}

/// What [`scan_plain`] finds, in the order of the value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece<'a> {
    /// A word, as [`for_each_word`] gives it, with its [`lookup`] flags (the word
    /// is lower-cased when the flags are not 0; it is not read otherwise).
    Word(&'a str, u8),
    /// The end of a whitespace-separated name.
    NameEnd,
}

/// Kinds of bytes, as [`scan_plain`] reads them (bit flags, see [`byte_kind`]).
mod kind {
    /// `a`-`z` or `0`-`9`: a letter of a word, after which a capital starts a new one.
    pub const LOWER: u8 = 1;
    /// `A`-`Z`.
    pub const UPPER: u8 = 2;
    /// A space.
    pub const SPACE: u8 = 4;
    /// Other ASCII white space (tab, line feed, form feed, carriage return).
    pub const OTHER_SPACE: u8 = 8;
    /// `:`, which starts a utility-class variant.
    pub const COLON: u8 = 16;
    /// `_`, which may start a CSS-modules hash.
    pub const UNDERSCORE: u8 = 32;
    /// Any byte of a non-ASCII character.
    pub const NON_ASCII: u8 = 64;
}

/// The [`kind`] of every byte.
static BYTE_KINDS: [u8; 256] = byte_kinds();

#[allow(clippy::indexing_slicing)] // `b` runs over 0..256, the table's length
const fn byte_kinds() -> [u8; 256] {
    let mut kinds = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        kinds[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => kind::LOWER,
            b'A'..=b'Z' => kind::UPPER,
            b' ' => kind::SPACE,
            b'\t' | b'\n' | 0x0c | b'\r' => kind::OTHER_SPACE,
            b':' => kind::COLON,
            b'_' => kind::UNDERSCORE,
            0x80.. => kind::NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    kinds
}

/// The [`kind`] of one byte.
#[inline]
fn byte_kind(b: u8) -> u8 {
    BYTE_KINDS.get(usize::from(b)).copied().unwrap_or(0)
}

/// One pass over a plain class or id value, for a reader that needs its words,
/// where its names end and its joined names: `piece` is called with each word and
/// its flags and at the end of each name, as [`for_each_word`] over each name
/// would give them, and the [`joined_flags`] of the value are returned.
///
/// A plain value is ASCII, without `:` or a CSS-modules hash (which
/// [`for_each_word`] reads token by token: a value with `__` but no hash, such as
/// a BEM name, splits as a plain one), and holds a space if it holds any white
/// space (a value without one is read as a single name): `None`, and no call,
/// for any other.
/// Nearly every class value is plain; this runs for every distinct one of a page,
/// so a byte is looked at twice, once to tell the value plain and once to
/// read it, through a table of byte kinds, and a word is copied (lower-cased)
/// only when its ends and length let it be a table word.
pub fn scan_plain(value: &str, buf: &mut String, mut piece: impl FnMut(Piece<'_>)) -> Option<u8> {
    let bytes = value.as_bytes();
    let seen = bytes.iter().fold(0, |seen, &b| seen | byte_kind(b));
    let unplain = seen & (kind::NON_ASCII | kind::COLON) != 0
        || seen & kind::UNDERSCORE != 0 && has_double_underscore(value) && has_module_hash(value)
        || seen & kind::OTHER_SPACE != 0 && seen & kind::SPACE == 0;
    if unplain {
        return None;
    }
    let mut scan = PlainScan {
        value,
        table: table(),
        name: NameRead::default(),
        joined: 0,
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let k = byte_kind(b);
        if k & (kind::LOWER | kind::UPPER) == 0 {
            if k & (kind::SPACE | kind::OTHER_SPACE) != 0 {
                scan.name_end(i, buf, &mut piece);
                scan.name.start = i + 1;
            }
            i += 1;
            continue;
        }
        // a word: on to a byte that is no letter, or to a capital after a small letter
        let from = i;
        let mut upper = k & kind::UPPER != 0;
        let mut prev_lower = !upper;
        i += 1;
        while let Some(&b) = bytes.get(i) {
            let k = byte_kind(b);
            if k & kind::LOWER != 0 {
                prev_lower = true;
            } else if k & kind::UPPER != 0 && !prev_lower {
                upper = true;
            } else {
                break;
            }
            i += 1;
        }
        scan.word(from, i, upper, buf, &mut piece);
    }
    scan.name_end(bytes.len(), buf, &mut piece);
    Some(scan.joined)
}

/// The state of [`scan_plain`].
struct PlainScan<'a> {
    value: &'a str,
    table: &'static WordTable,
    name: NameRead,
    /// The joined names' flags so far.
    joined: u8,
}

/// What [`scan_plain`] knows of the name it reads.
#[derive(Default)]
struct NameRead {
    /// Where the name starts in the value.
    start: usize,
    /// The name's first word negates it (see [`NEGATING_WORDS`]): its words are skipped.
    negated: bool,
    /// First and last letters of the name, and how many it has (its joined form).
    first: u8,
    last: u8,
    letters: usize,
}

impl PlainScan<'_> {
    /// One word, `from..to` in the value.
    fn word(
        &mut self,
        from: usize,
        to: usize,
        upper: bool,
        buf: &mut String,
        piece: &mut impl FnMut(Piece<'_>),
    ) {
        let bytes = self.value.as_bytes();
        let (first, last) = (
            bytes.get(from).copied().unwrap_or(0),
            bytes.get(to.wrapping_sub(1)).copied().unwrap_or(0),
        );
        let name = &mut self.name;
        if name.letters == 0 {
            name.first = first;
        }
        name.last = last;
        name.letters += to - from;
        if name.negated {
            return;
        }
        let word = self.value.get(from..to).unwrap_or_default();
        if from == name.start
            && matches!(bytes.get(to), Some(b'-' | b'_'))
            && NEGATING_WORDS.iter().any(|n| word.eq_ignore_ascii_case(n))
        {
            name.negated = true;
            return;
        }
        if !self.table.may_hold(first, last, to - from) {
            piece(Piece::Word(word, 0));
            return;
        }
        let lower = if upper {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            buf.as_str()
        } else {
            word
        };
        piece(Piece::Word(
            lower,
            self.table.words.get(lower).copied().unwrap_or(0),
        ));
    }

    /// The name ends before `at`: its end, and its joined form's flags.
    fn name_end(&mut self, at: usize, buf: &mut String, piece: &mut impl FnMut(Piece<'_>)) {
        let name = std::mem::take(&mut self.name);
        if at > name.start {
            piece(Piece::NameEnd);
        }
        if name.letters > 0 && self.table.may_hold(name.first, name.last, name.letters) {
            let text = self.value.get(name.start..at).unwrap_or_default();
            buf.clear();
            let alnum = text.bytes().filter(u8::is_ascii_alphanumeric);
            buf.extend(alnum.map(|b| char::from(b.to_ascii_lowercase())));
            self.joined |= self.table.words.get(buf.as_str()).copied().unwrap_or(0);
        }
    }
}

/// Hash maps keyed by strings (class names, class lists, attribute names): foldhash
/// reads eight or sixteen bytes a step where a byte-at-a-time hash spent most of its
/// time on long class lists, and its per-process seed keeps crafted class names
/// from colliding on purpose.
pub type StrMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

#[cfg(test)]
mod tests {
    use super::*;

    fn split(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(value, &mut String::new(), |w| out.push(w.to_string()));
        out
    }

    fn split_unicode(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word_unicode(value, &mut String::new(), |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_split_at_separators_and_humps() {
        assert_eq!(split("article-body"), ["article", "body"]);
        assert_eq!(
            split("articleBody main_Content"),
            ["article", "body", "main", "content"]
        );
        assert_eq!(split("  XMLHttp col-md-6 "), ["xmlhttp", "col", "md", "6"]);
        assert_eq!(split("post2Body"), ["post2", "body"]);
        assert_eq!(split("NavBar"), ["nav", "bar"]);
        assert_eq!(split("Über-Navigation"), ["über", "navigation"]);
        assert!(split("--- ").is_empty());
    }

    #[test]
    fn utility_variants_are_not_words() {
        assert_eq!(
            split("w-full print:break-inside-avoid md:hidden [h2]:pt-0"),
            ["w", "full", "break", "inside", "avoid", "hidden", "pt", "0"]
        );
        assert_eq!(
            split("share-bar hover:underline"),
            ["share", "bar", "underline"]
        );
    }

    #[test]
    fn css_module_hashes_are_not_words() {
        assert_eq!(
            split("AccordionItem_item__adF2E"),
            ["accordion", "item", "item"]
        );
        assert_eq!(
            split("styles_article__Ee5Ad open"),
            ["styles", "article", "open"]
        );
        // BEM elements and modifiers are words
        assert_eq!(split("post__share"), ["post", "share"]);
        assert_eq!(split("card__ad"), ["card", "ad"]);
        assert_eq!(split("__adF2E"), ["ad", "f2", "e"]);
    }

    #[test]
    fn negated_tokens_give_no_words() {
        assert_eq!(split("grid-items hide-read-more-ad"), ["grid", "items"]);
        assert_eq!(split("layout no-sidebar No_Comments"), ["layout"]);
        assert_eq!(split("md:no-sidebar wide"), ["wide"]);
        // only a token's first word negates it
        assert_eq!(split("sidebar-no-ads"), ["sidebar", "no", "ads"]);
        assert_eq!(split("notice nofollow"), ["notice", "nofollow"]);
    }

    /// The ASCII fast path splits exactly as the general (Unicode) one.
    #[test]
    fn ascii_path_agrees_with_unicode_path() {
        for v in [
            "entry-content hentry",
            "ArticleBody",
            "a1B2c3 D",
            "share__bar--Top",
            "aBCdEF",
            "9Lives x_Y",
            "",
            "ALLCAPS lowerUPPER",
        ] {
            assert_eq!(split(v), split_unicode(v), "{v}");
        }
    }

    #[test]
    fn pair_words_are_flagged() {
        assert_ne!(lookup("entry") & flag::PAIR, 0);
        assert_ne!(lookup("content") & flag::PAIR, 0);
        assert_eq!(lookup("sidebar") & flag::PAIR, 0);
    }

    /// The length-and-ends filter never turns a table word away.
    #[test]
    fn filter_keeps_every_table_word() {
        for w in CHROME_WORDS.iter().chain(CONTENT_WORDS).chain(BODY_WORDS) {
            assert_ne!(lookup(w), 0, "{w}");
        }
        assert_eq!(lookup("px"), 0);
        assert_eq!(lookup("justifybetween"), 0);
    }

    #[test]
    fn joined_tokens_find_body_names() {
        let mut buf = String::new();
        assert_ne!(
            joined_flags("col-12 article-body", &mut buf) & flag::BODY,
            0
        );
        assert_ne!(joined_flags("Entry_Content", &mut buf) & flag::BODY, 0);
        assert_eq!(joined_flags("article body", &mut buf) & flag::BODY, 0);
        assert_eq!(joined_flags(" -- ", &mut buf), 0);
    }
}
