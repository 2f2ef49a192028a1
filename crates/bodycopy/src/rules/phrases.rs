//! Text of blocks that are chrome whatever their markup: ad markers, promos,
//! share prompts. Compared lower-cased, after trimming punctuation and spaces.

/// A whole block equal to one of these is dropped (ad slots, widget labels).
#[rustfmt::skip]
pub const CHROME_BLOCKS: &[&str] = &[
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content",
    "anzeige", "publicité", "publicidad", "pubblicità", "reklama", "реклама", "werbung",
    "continue reading", "continue reading below", "read more", "read more below", "story continues below",
    "article continues below", "story continues below advertisement", "scroll to continue with content",
    "share", "share this", "share this article", "share this story", "share on facebook", "share on twitter",
    "tweet", "email", "print", "comments", "leave a comment", "leave a reply", "add comment",
    "related", "related articles", "related posts", "related stories", "related content", "more from author",
    "you may also like", "you might also like", "recommended", "recommended for you", "trending",
    "trending now", "trending today", "most read", "most popular", "popular posts", "must read",
    "editor's picks", "don't miss", "latest news", "more stories", "more news", "top stories",
    "skip to content", "skip to main content", "back to top",
    "click here", "subscribe", "subscribe now", "sign up", "newsletter", "follow us",
    "image", "photo", "video", "listen to this article", "previous article", "next article",
    "previous post", "next post", "tags", "topics", "filed under", "we use cookies",
    // shop and app controls
    "add to cart", "add to bag", "add to basket", "add to wishlist", "add to wish list",
    "on wishlist", "wishlist", "compare", "add to compare", "quick view", "quick shop", "buy now",
    "shop now", "shop all", "learn more", "show more", "show less", "load more", "view more",
    "view all", "see all", "see more", "read less", "in stock", "out of stock", "sold out",
    "notify me", "write a review", "be the first to review", "favorite", "favourite",
    "free shipping", "free delivery", "log in", "log out", "login", "logout", "sign in",
    "sign out", "register", "create an account", "my account", "forgot password",
    "remember me", "sort by", "filter", "filters", "clear all", "apply", "reset", "close",
    "open menu", "close menu", "toggle navigation", "menu", "search", "go", "submit",
    "cancel", "ok", "accept", "accept all", "reject all", "decline", "manage preferences",
    "cookie settings", "got it", "dismiss", "copy link", "copied", "reply", "quote", "report",
    "like", "likes", "upvote", "downvote", "permalink", "best seller", "bestseller",
    "new arrival", "new arrivals", "new", "top rated", "live", "read full article",
    // reading aids and loading placeholders
    "table of contents", "in this article", "on this page", "jump to", "jump to section",
    "loading", "loading paragraph", "like loading", "like this", "please wait",
    // forum member panels
    "posts", "messages", "member", "members", "joined", "reaction score", "topic author",
    "age", "location", "reputation", "points", "likes received", "thanks",
    "senior member", "junior member", "full member", "new member", "original poster", "op posts",
    "op", "moderator",
    // forum and app controls
    "click to expand", "click to shrink", "more options", "ask question", "ask a question",
    "apply now", "start free trial", "start your free trial", "skip to product list", "skip listing",
    "see full item description", "no feedback yet",
    // a shop's option pickers
    "select size", "select a size", "select your size", "select color", "select a color",
    "select colour", "select a colour", "choose size", "choose a size", "choose color",
    "choose a color", "choose colour", "choose a colour",
    // a Q&A site's prompts under the answers
    "you must log in to answer this question", "start asking to get answers",
    "find the answer to your question by asking", "explore related questions",
    "see similar questions with these tags",
    // a forum's prompts under a thread for guests
    "create an account or sign in to comment", "register a new account", "sign in now",
    // site navigation labels left beside the content
    "home", "blog", "follow", "discover more", "whitepaper", "contact us", "about us", "careers",
];

/// Is `key` (lower-cased and trimmed) one of [`CHROME_BLOCKS`]? Looked up in a
/// hashed set built on first use, rather than compared with every phrase; a key
/// longer than the longest phrase is not looked up.
pub fn is_chrome_block(key: &str) -> bool {
    static SET: std::sync::OnceLock<(usize, crate::rules::classes::StrMap<&str, ()>)> =
        std::sync::OnceLock::new();
    let (longest, set) = SET.get_or_init(|| {
        let longest = CHROME_BLOCKS.iter().map(|p| p.len()).max().unwrap_or(0);
        (longest, CHROME_BLOCKS.iter().map(|&p| (p, ())).collect())
    });
    key.len() <= *longest && set.contains_key(key)
}

/// A block of a number and one of these is a story card's reading time ("5 min read",
/// "8-minute read", "3min read"; separators after the number count as spaces).
#[rustfmt::skip]
pub const READING_TIME_SUFFIXES: &[&str] = &[
    "min read", "mins read", "minute read", "minutes read", "min reading time",
    "minutes reading time", "min lesezeit", "minuten lesezeit", "min de lecture",
    "minutes de lecture", "min de lectura", "minutos de lectura",
];

/// Is `key` (lower-cased, trimmed as for [`CHROME_BLOCKS`]) only a reading time: a
/// number then the words of a [`READING_TIME_SUFFIXES`] entry (white space, `-` and
/// `.` separate them)?
pub fn is_reading_time(key: &str) -> bool {
    let rest = key.trim_start_matches(|c: char| c.is_ascii_digit());
    let words = || {
        rest.split(|c: char| c.is_whitespace() || matches!(c, '-' | '.'))
            .filter(|w| !w.is_empty())
    };
    rest.len() < key.len()
        && READING_TIME_SUFFIXES
            .iter()
            .any(|s| s.split(' ').eq(words()))
}

/// A block that is only a count and one of these words is a reaction or view
/// counter under a post ("1 Like", "12 likes", "3.4k views"), not text.
/// ("comments", "replies" and "answers" are left out: on a thread, "3 Replies"
/// heads the replies, which are the page's own content.)
#[rustfmt::skip]
pub const COUNTER_WORDS: &[&str] = &[
    "like", "likes", "upvote", "upvotes", "reaction", "reactions", "view", "views",
];

/// Is `key` (lower-cased, trimmed as for [`CHROME_BLOCKS`]) a counter: a number
/// (digits with `,` or `.`, an optional `k` or `m`) and a [`COUNTER_WORDS`] word?
pub fn is_counter(key: &str) -> bool {
    let mut parts = key.split_whitespace();
    let (Some(count), Some(word), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let digits = count.trim_end_matches(['k', 'm']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        && COUNTER_WORDS.contains(&word)
}

/// Labels of a forum member panel's figures ("Posts: 1,234", "Reputation: 56").
#[rustfmt::skip]
pub const MEMBER_STAT_LABELS: &[&str] = &[
    "posts", "messages", "threads", "topics", "reaction score", "reputation", "points",
    "likes received", "karma", "solutions",
];

/// Is `key` (lower-cased, trimmed as for [`CHROME_BLOCKS`]) only a member
/// panel's figure: a [`MEMBER_STAT_LABELS`] label, a colon and a number?
pub fn is_member_stat(key: &str) -> bool {
    let Some((label, value)) = key.split_once(':') else {
        return false;
    };
    let value = value.trim();
    MEMBER_STAT_LABELS.contains(&label.trim())
        && value.starts_with(|c: char| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
}

/// Words that name a carousel's or gallery's frame in its position label
/// ("Slide 2 of 8", "Image 1 of 11").
#[rustfmt::skip]
pub const FRAME_WORDS: &[&str] = &["slide", "image", "photo", "picture", "item", "video"];

/// Longest position label ("picture 1000 of 1000").
const FRAME_POSITION_MAX_CHARS: usize = 24;

/// Is `key` (lower-cased, trimmed as for [`CHROME_BLOCKS`]) only a carousel's
/// position label: "1 of 23", or a [`FRAME_WORDS`] word before it ("Slide 2 of 8")?
/// ("Step 1 of 3" is no such label: it heads a step of instructions.)
pub fn is_frame_position(key: &str) -> bool {
    if key.len() > FRAME_POSITION_MAX_CHARS || !key.contains(" of ") {
        return false;
    }
    let words: Vec<&str> = key.split_whitespace().collect();
    let number = |w: &&str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n, "of", m] => number(n) && number(m),
        [frame, n, "of", m] => FRAME_WORDS.contains(frame) && number(n) && number(m),
        _ => false,
    }
}

/// Verbs of a skip link ("Skip to main content", "Go to footer", "Jump to navigation").
#[rustfmt::skip]
pub const SKIP_LINK_VERBS: &[&str] = &["skip", "go", "jump"];

/// Most words a skip link names after its verb and "to" ("the main content").
const SKIP_LINK_MAX_TARGET_WORDS: usize = 3;

/// Is `key` (lower-cased, trimmed as for [`CHROME_BLOCKS`]) only skip links for
/// keyboard and screen-reader users: "skip to" and a short target, then any
/// more such links ("Skip to search results Skip to filters Go to footer")?
/// A sentence that starts "Skip to chunk 4 without chunk 2, …" is none.
pub fn is_skip_links(key: &str) -> bool {
    if !key.starts_with("skip to ") {
        return false;
    }
    let words: Vec<&str> = key.split_whitespace().collect();
    if words.first() != Some(&"skip") {
        return false;
    }
    let mut i = 0;
    while i < words.len() {
        let link = words.get(i).is_some_and(|w| SKIP_LINK_VERBS.contains(w))
            && words.get(i + 1) == Some(&"to");
        if !link {
            return false;
        }
        let target = words
            .iter()
            .skip(i + 2)
            .take_while(|w| !SKIP_LINK_VERBS.contains(w))
            .count();
        if target == 0 || target > SKIP_LINK_MAX_TARGET_WORDS {
            return false;
        }
        i += 2 + target;
    }
    true
}

/// Most words (white space apart) of a block that is one of the phrases above:
/// [`CHROME_BLOCKS`], a counter, a member panel's figure or a frame's position
/// (reading times and skip links may run longer, see [`may_be_phrase`]).
pub const PHRASE_MAX_WORDS: usize = 8;

/// Can `text`, as written, be one of the phrases above once lower-cased and trimmed
/// as for [`CHROME_BLOCKS`]: at most [`PHRASE_MAX_WORDS`] words, or a start that
/// lower-cases to a digit (a reading time) or an `s` (skip links)? Lower-casing
/// keeps words apart and letters and digits first (see the tests), so a long run
/// of prose is none of them and need not be lower-cased.
pub fn may_be_phrase(text: &str) -> bool {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.starts_with(|c: char| c.is_ascii_digit() || c == 's' || c == 'S')
        || trimmed.split_whitespace().nth(PHRASE_MAX_WORDS).is_none()
}

/// A short block starting with one of these is an inline promo ("ALSO READ: …").
#[rustfmt::skip]
pub const PROMO_PREFIXES: &[&str] = &[
    "also read", "read also", "read more", "see also", "related:", "related story", "related article",
    "recommended:", "don't miss", "must read", "watch:", "watch now", "click here", "subscribe to",
    "sign up for", "follow us on", "join our", "download our app", "get the app",
    "lesen sie auch", "auch interessant", "lire aussi", "à lire aussi", "lee también", "leer más",
    "leia também", "leggi anche", "ook interessant", "читайте также", "last edited by",
    "edited by", "edited ", "sort:", "sort by:",
];

/// Text that marks a "JavaScript is required" notice (shown to readers without scripts).
#[rustfmt::skip]
pub const SCRIPT_NOTICE_MARKERS: &[&str] = &[
    "enable javascript", "javascript is disabled", "javascript is required", "requires javascript",
    "javascript must be enabled", "turn on javascript", "activate javascript", "enable js",
    "your browser does not support javascript", "javascript to run this app",
    "please upgrade your browser", "unsupported browser", "does not seem to support javascript",
    "browser that supports javascript",
];

/// Text that marks a cookie or consent notice.
#[rustfmt::skip]
pub const CONSENT_MARKERS: &[&str] = &[
    "we use cookies", "this website uses cookies", "this site uses cookies", "cookie policy",
    "accept cookies", "by continuing to use", "consent to the use of cookies", "uses cookies",
    "use of cookies", "cookie preferences", "cookie settings",
];

/// Words one of which every [`CONSENT_MARKERS`] phrase holds: a block without any of
/// them holds no marker and is not searched for the phrases (see [`holds_marker`]).
#[rustfmt::skip]
pub const CONSENT_WORDS: &[&str] = &["cookie", "by continuing"];

/// Words one of which every [`SCRIPT_NOTICE_MARKERS`] phrase holds (as [`CONSENT_WORDS`]).
#[rustfmt::skip]
pub const SCRIPT_NOTICE_WORDS: &[&str] = &["javascript", "enable js", "browser"];

/// A phrase list searched in blocks: a substring searcher per word one of which
/// every phrase holds, and one automaton for all the phrases.
struct MarkerSearch {
    words: Vec<memchr::memmem::Finder<'static>>,
    phrases: Option<aho_corasick::AhoCorasick>,
}

/// Does `key` hold one of `markers`? Most blocks hold none of `words` (one of which
/// every marker holds): a search for a few words runs many times faster than the
/// automaton over every phrase, which then reads only the blocks left. Built on first use.
fn holds_marker(
    key: &str,
    markers: &'static [&'static str],
    words: &'static [&'static str],
    search: &'static std::sync::OnceLock<MarkerSearch>,
) -> bool {
    let search = search.get_or_init(|| MarkerSearch {
        words: words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect(),
        phrases: aho_corasick::AhoCorasick::new(markers).ok(),
    });
    if !search
        .words
        .iter()
        .any(|w| w.find(key.as_bytes()).is_some())
    {
        return false;
    }
    match &search.phrases {
        Some(a) => a.is_match(key),
        None => markers.iter().any(|m| key.contains(m)),
    }
}

/// Does `key` (lower-cased) hold a [`CONSENT_MARKERS`] phrase?
pub fn is_consent_notice(key: &str) -> bool {
    static SEARCH: std::sync::OnceLock<MarkerSearch> = std::sync::OnceLock::new();
    holds_marker(key, CONSENT_MARKERS, CONSENT_WORDS, &SEARCH)
}

/// Does `key` (lower-cased) hold a [`SCRIPT_NOTICE_MARKERS`] phrase?
pub fn is_script_notice(key: &str) -> bool {
    static SEARCH: std::sync::OnceLock<MarkerSearch> = std::sync::OnceLock::new();
    holds_marker(key, SCRIPT_NOTICE_MARKERS, SCRIPT_NOTICE_WORDS, &SEARCH)
}

/// A heading with one of these texts opens a section of chrome (related links,
/// comments): the heading and everything under it, up to the next heading of the
/// same or a higher level, is dropped. Compared like [`CHROME_BLOCKS`]; entries
/// ending in a space match as prefixes.
#[rustfmt::skip]
pub const SECTION_END_HEADINGS: &[&str] = &[
    "related", "related articles", "related posts", "related stories", "related content",
    "related reading", "related news", "related links", "you may also like",
    "you might also like", "you may be interested in", "more from ", "more stories",
    "more news", "more articles", "recommended", "recommended for you", "recommended reading",
    "trending", "trending now", "trending today", "most read", "most popular", "popular posts",
    "popular stories", "read next", "up next", "what to read next", "comments", "leave a comment",
    "leave a reply", "join the discussion", "join the conversation", "latest news",
    "latest stories", "latest posts", "editor's picks", "editors picks", "don't miss",
    "more from author", "about the author", "about the authors", "share this article",
    "share this", "sign up for our newsletter", "subscribe to our newsletter",
    "related questions", "linked questions", "explore related questions", "hot network questions",
    "related searches", "people also search for", "people also ask",
    // a shop's other products beside the one on the page
    "similar items", "similar products", "featured products", "more like this", "you might like",
    "explore related items", "frequently bought together", "customers also bought",
    "customers also viewed", "customers who bought this item also bought",
    "customers who viewed this item also viewed", "people who viewed this item also viewed",
    "people also viewed", "recently viewed", "recently viewed items", "recently viewed products",
    "lesen sie auch", "weitere artikel", "à lire aussi", "lire aussi", "te puede interesar",
    "artículos relacionados", "leia também", "potrebbe interessarti", "читайте также",
];

/// Headings of [`SECTION_END_HEADINGS`] that open a thread's replies: on a forum
/// thread (read in `Mode::Thread`) what follows them is content.
#[rustfmt::skip]
pub const THREAD_HEADINGS: &[&str] = &["comments"];

/// Does a heading's text open a chrome section?
pub fn ends_section(key: &str) -> bool {
    SECTION_END_HEADINGS.iter().any(|p| {
        if p.ends_with(' ') {
            key.starts_with(p)
        } else {
            key == *p
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_found_anywhere_in_the_block() {
        assert!(is_consent_notice(
            "by the way, we use cookies to count visits"
        ));
        assert!(is_script_notice(
            "please enable javascript to view this page"
        ));
        assert!(!is_consent_notice("the cookie jar was empty"));
        assert!(!is_script_notice("javascript: the good parts"));
        for m in CONSENT_MARKERS {
            assert!(is_consent_notice(m), "{m}");
        }
        for m in SCRIPT_NOTICE_MARKERS {
            assert!(is_script_notice(m), "{m}");
        }
    }

    #[test]
    fn chrome_blocks_are_found_in_their_set() {
        for p in CHROME_BLOCKS {
            assert!(is_chrome_block(p), "{p}");
        }
        assert!(!is_chrome_block("advertisement here"));
        assert!(!is_chrome_block(""));
    }

    #[test]
    fn phrases_have_few_words() {
        for p in CHROME_BLOCKS {
            assert!(p.split_whitespace().count() <= PHRASE_MAX_WORDS, "{p}");
        }
        for l in MEMBER_STAT_LABELS {
            // the label, the colon and the figure
            assert!(l.split_whitespace().count() + 2 <= PHRASE_MAX_WORDS, "{l}");
        }
        assert!(may_be_phrase(
            "... Skip to content, skip to the menu and skip to the footer of it"
        ));
        assert!(may_be_phrase("“5 - - - - - - - - - - min read”"));
        assert!(!may_be_phrase(
            "The rain is expected to fall across the region on Thursday."
        ));
    }

    /// What [`may_be_phrase`] relies on: lower-casing never makes a letter or digit
    /// of another character, nor white space of one that is none (or the reverse),
    /// and turns a letter or digit into one first (the only ones that lower-case to
    /// an ASCII digit or an `s` are those and `S`).
    #[test]
    fn lower_casing_keeps_words_and_their_first_letters() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            let first = lower.first().copied();
            if c.is_alphanumeric() {
                assert!(first.is_some_and(char::is_alphanumeric), "{c:?}");
            } else {
                assert!(!lower.iter().any(|l| l.is_alphanumeric()), "{c:?}");
            }
            if c.is_whitespace() {
                assert!(lower.iter().all(|l| l.is_whitespace()), "{c:?}");
            } else {
                assert!(
                    !lower.is_empty() && !lower.iter().any(|l| l.is_whitespace()),
                    "{c:?}"
                );
            }
            if first.is_some_and(|f| f.is_ascii_digit()) {
                assert_eq!(first, Some(c), "{c:?}");
            }
            if first == Some('s') {
                assert!(c == 's' || c == 'S', "{c:?}");
            }
        }
        // a word-final capital sigma lower-cases by its context, still to a letter
        assert!("ΟΔΥΣΣΕΥΣ".to_lowercase().chars().all(char::is_alphanumeric));
    }

    #[test]
    fn every_marker_holds_one_of_its_words() {
        for (markers, words) in [
            (CONSENT_MARKERS, CONSENT_WORDS),
            (SCRIPT_NOTICE_MARKERS, SCRIPT_NOTICE_WORDS),
        ] {
            for m in markers {
                assert!(words.iter().any(|w| m.contains(w)), "{m}");
            }
        }
    }

    #[test]
    fn reading_times_are_a_number_a_unit_and_read() {
        for k in [
            "5 min read",
            "8-minute read",
            "0 min. read",
            "12 minutes read",
            "3min read",
            "7 min de lecture",
        ] {
            assert!(is_reading_time(k), "{k}");
        }
        for k in [
            "min read",
            "5 min read more",
            "read 5 min",
            "five min read",
            "5 hours read",
            "5 min read about the harvest",
        ] {
            assert!(!is_reading_time(k), "{k}");
        }
    }

    #[test]
    fn frame_positions_are_n_of_m() {
        for k in ["1 of 23", "slide 2 of 8", "image 1 of 11", "item 3 of 3"] {
            assert!(is_frame_position(k), "{k}");
        }
        for k in [
            "step 1 of 3",
            "one of 3",
            "1 of many",
            "chapter 2 of 10",
            "1 of 2 cups",
        ] {
            assert!(!is_frame_position(k), "{k}");
        }
    }

    #[test]
    fn skip_links_are_skip_to_and_a_short_target() {
        for k in [
            "skip to main content skip to primary navigation",
            "skip to search results skip to filters skip to sort",
            "skip to content go to product search go to footer",
            "skip to navigation",
        ] {
            assert!(is_skip_links(k), "{k}");
        }
        for k in [
            "skip to chunk 4 without chunk 2, and you’ll be lost when parsing breaks",
            "skip to grub update below if you have not created a new uuid",
            "go to footer",
            "skip to",
            "skip the intro",
        ] {
            assert!(!is_skip_links(k), "{k}");
        }
    }

    #[test]
    fn member_stats_are_a_panel_label_and_a_number() {
        for k in ["posts: 1,234", "reputation:56", "reaction score: 12"] {
            assert!(is_member_stat(k), "{k}");
        }
        for k in [
            "posts",
            "year founded: 1990",
            "posts: many",
            "posts: 12 in 2024",
        ] {
            assert!(!is_member_stat(k), "{k}");
        }
    }

    #[test]
    fn counters_are_a_number_and_a_counter_word() {
        for k in [
            "1 like",
            "12 likes",
            "3.4k views",
            "1,024 views",
            "5 upvotes",
        ] {
            assert!(is_counter(k), "{k}");
        }
        for k in [
            "likes",
            "12 comments",
            "3 replies",
            "we like it",
            "1 like this",
            "k likes",
            "v2 views",
        ] {
            assert!(!is_counter(k), "{k}");
        }
    }
}
