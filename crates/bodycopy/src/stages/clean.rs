//! Final clean-up of the collected blocks: the headline (it is metadata, not
//! body), datelines and bylines, repeated blocks.

use std::collections::HashSet;

use crate::document::{Block, BlockKind, Metadata};
use crate::rules::classes::StrMap;

/// Longest block that can be a dateline or byline.
const META_LINE_MAX_CHARS: usize = 80;

/// Longest block that is dropped when it repeats an earlier one (captions, teasers);
/// longer repeats are kept, as pages do repeat paragraphs on purpose.
const DEDUP_MAX_CHARS: usize = 120;

/// Why [`clean`] dropped a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CleanRule {
    /// No letters or digits (a separator, an icon).
    Wordless,
    /// The headline: it is metadata, not body.
    Headline,
    /// A dateline or byline.
    MetaLine,
    /// A short paragraph repeating an earlier one (a caption or teaser).
    Repeat,
}

/// Clean the body in place; with `dropped`, also record each dropped block's
/// index (in the blocks as given) and rule.
///
/// With `keep_headline` (a page read whole, as several parts: a service, product or
/// listing page), the headline is the first heading of the page's text and stays.
/// With `drop_copies` (a page that copies its parts' text), a paragraph that
/// repeats an earlier one goes whatever its length, and so does any run of
/// blocks that repeats an earlier run (elsewhere only a run that repeats the
/// blocks just before it, see [`repeated_runs`]).
pub fn clean(
    blocks: &mut Vec<Block>,
    metadata: &Metadata,
    title_text: Option<&str>,
    keep_headline: bool,
    drop_copies: bool,
    mut dropped: Option<&mut Vec<(usize, CleanRule)>>,
) {
    let titles: Vec<String> = [metadata.title.as_deref(), title_text]
        .into_iter()
        .flatten()
        .filter(|_| !keep_headline)
        .map(key)
        .filter(|t| !t.is_empty())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut index = 0;
    let dedup_max = if drop_copies {
        usize::MAX
    } else {
        DEDUP_MAX_CHARS
    };
    // the words of headings and short blocks are compared (and those of every
    // block when every repeat goes); longer blocks repeat only as runs, where
    // their text is compared as it stands (a copy is the same text)
    let keys: Vec<String> = blocks
        .iter()
        .map(|b| {
            let heading = matches!(b.kind, BlockKind::Heading { .. });
            if heading || drop_copies || b.text.len() <= 4 * DEDUP_MAX_CHARS {
                key(&b.text)
            } else {
                b.text.clone()
            }
        })
        .collect();
    let quotes: Vec<bool> = blocks
        .iter()
        .map(|b| matches!(b.kind, BlockKind::Quote))
        .collect();
    let copies = repeated_runs(&keys, &quotes, drop_copies);
    blocks.retain(|b| {
        let k = keys.get(index).map_or("", String::as_str);
        let rule = if copies.get(index).copied().unwrap_or(false) {
            Some(CleanRule::Repeat)
        } else {
            verdict(b, k, &titles, &mut seen, dedup_max)
        };
        if let (Some(rule), Some(d)) = (rule, dropped.as_deref_mut()) {
            d.push((index, rule));
        }
        index += 1;
        rule.is_none()
    });
    // a list item whose first block went leaves its continuation first: it heads
    // the item now, as Markdown would read it
    super::collect::nest_list_items(blocks);
}

/// Fewest blocks in a run that copies an earlier run.
const MIN_RUN_BLOCKS: usize = 3;

/// Fewest characters (of their keys) in a run that copies an earlier run.
const MIN_RUN_CHARS: usize = 100;

/// Most blocks between two runs that copy the same stretch (a copy broken
/// by a block changed or left out in it).
const MAX_RUN_GAP: usize = 3;

/// Earlier runs a block's key is compared with, the latest first.
const MAX_RUN_STARTS: usize = 8;

/// Which blocks belong to a run of blocks that repeats an earlier run, block for
/// block: a section laid out twice (for narrow and for wide screens), a whole
/// article served twice, a tab's text again in an accordion. Short blocks in such
/// a run go too, which a single repeated block never does. A run counts when it
/// repeats the blocks just before it, goes on a copy that counted, or is all
/// quotation (`quotes`: a reply quoting an earlier post of the thread, which is
/// already there); on a page of copies (`any_run`), any run does. Runs that
/// repeat a stretch further up are kept otherwise: parallel parts (plans with
/// the same features, a week of meals) repeat lines on purpose.
fn repeated_runs(keys: &[String], quotes: &[bool], any_run: bool) -> Vec<bool> {
    let n = keys.len();
    let mut copy = vec![false; n];
    let mut starts: StrMap<&str, Vec<usize>> = StrMap::default();
    // where the last run that counted ended, and how far back its original was
    let mut last: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(first) = keys.get(i) {
        let (mut run, mut from) = (0, 0);
        let earlier = starts.get(first.as_str()).into_iter().flatten();
        for &j in earlier.rev().take(MAX_RUN_STARTS) {
            let len = keys
                .get(i..)
                .unwrap_or_default()
                .iter()
                .zip(keys.get(j..i).unwrap_or_default())
                .take_while(|(k, e)| !k.is_empty() && k == e)
                .count();
            if len > run {
                (run, from) = (len, j);
            }
        }
        let stretch = keys.get(i..i + run).unwrap_or_default();
        let chars: usize = stretch.iter().map(String::len).sum();
        let distance = i - from;
        let goes_on = last
            .is_some_and(|(end, d)| i <= end + MAX_RUN_GAP && d.abs_diff(distance) <= MAX_RUN_GAP);
        let counts = run >= MIN_RUN_BLOCKS
            && chars >= MIN_RUN_CHARS
            && (distance == run
                || goes_on
                || any_run
                || quotes.get(i..i + run).is_some_and(|q| q.iter().all(|&q| q)));
        let step = if counts {
            copy.iter_mut().skip(i).take(run).for_each(|c| *c = true);
            last = Some((i + run, distance));
            run
        } else {
            1
        };
        for (x, k) in keys.iter().enumerate().skip(i).take(step) {
            starts.entry(k.as_str()).or_default().push(x);
        }
        i += step;
    }
    copy
}

/// Should this block go, and why?
fn verdict(
    b: &Block,
    k: &str,
    titles: &[String],
    seen: &mut HashSet<String>,
    dedup_max: usize,
) -> Option<CleanRule> {
    let wordless = !b.text.chars().any(char::is_alphanumeric);
    if wordless && b.rows.is_empty() && !matches!(b.kind, BlockKind::Image) {
        return Some(CleanRule::Wordless);
    }
    let heading = matches!(b.kind, BlockKind::Heading { .. });
    if heading && is_title(k, titles) {
        return Some(CleanRule::Headline);
    }
    if matches!(b.kind, BlockKind::Paragraph | BlockKind::Caption) && is_meta_line(&b.text) {
        return Some(CleanRule::MetaLine);
    }
    // the same short paragraph twice is a repeated caption or teaser
    if k.len() > 20
        && k.len() < dedup_max
        && matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Caption | BlockKind::Quote
        )
        && !seen.insert(k.to_string())
    {
        return Some(CleanRule::Repeat);
    }
    None
}

/// Lower-case words joined by single spaces.
fn key(s: &str) -> String {
    crate::lowercase::word_key(s)
}

fn is_title(k: &str, titles: &[String]) -> bool {
    titles
        .iter()
        .any(|t| t == k || (t.len() > 20 && (t.starts_with(k) && k.len() * 2 > t.len())))
}

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const TIME_WORDS: &[&str] = &[
    "am",
    "pm",
    "a",
    "p",
    "m",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "last",
    "modified",
    "by",
    "min",
    "mins",
    "read",
    "ago",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
];

/// Words that make a line with numbers a date or time line.
const DATE_SIGN_WORDS: &[&str] = &["ago", "updated", "published", "posted", "modified"];

/// Does a short line with numbers read as a date or a time: a month name, a year
/// (1900-2099), a clock time (`6:02`), a numeric date (`2018-09-16`, `12/03/24`),
/// or a word like "updated" or "ago"?
fn has_date_sign(text: &str, words: &[&str]) -> bool {
    let year = |w: &&str| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|b| b.is_ascii_digit())
    };
    if words
        .iter()
        .any(|w| MONTHS.contains(w) || DATE_SIGN_WORDS.contains(w) || year(w))
    {
        return true;
    }
    // a separator between two digits: `:` for times, `-` `/` `.` for dates (`/`
    // twice, `12/03/24` not `24/7`; a `.` only between two runs of at most two
    // digits and before another `.`: `20.11.` not `4.85`)
    let b = text.as_bytes();
    let between_digits = |w: &[u8], sep: u8| matches!(w, [x, m, y] if x.is_ascii_digit() && *m == sep && y.is_ascii_digit());
    let digit_slashes = b.windows(3).filter(|w| between_digits(w, b'/')).count();
    let digits_at = |from: usize, back: bool| {
        let run = |c: &&u8| c.is_ascii_digit();
        if back {
            b.get(..from)
                .map_or(0, |s| s.iter().rev().take_while(run).count())
        } else {
            b.get(from..)
                .map_or(0, |s| s.iter().take_while(run).count())
        }
    };
    b.windows(3).enumerate().any(|(i, w)| match w {
        [_, b':', _] => between_digits(w, b':'),
        [_, b'/', _] => between_digits(w, b'/') && digit_slashes >= 2,
        [_, b'-', _] => between_digits(w, b'-') && b.get(i + 3).is_some_and(u8::is_ascii_digit),
        [_, b'.', _] if between_digits(w, b'.') => {
            let before = digits_at(i + 1, true);
            let after = digits_at(i + 2, false);
            before <= 2 && after <= 2 && b.get(i + 2 + after) == Some(&b'.')
        }
        _ => false,
    })
}

/// A short line that is only a date, a time, or "By <name>" with a date.
fn is_meta_line(text: &str) -> bool {
    if text.chars().count() > META_LINE_MAX_CHARS {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let datey = |w: &&str| {
        w.chars().all(|c| c.is_ascii_digit()) || MONTHS.contains(w) || TIME_WORDS.contains(w)
    };
    // digits alone are figures ("Average rating: 4.9", "2,300 (72%)"), not a date
    let has_digit =
        words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) && has_date_sign(text, &words);
    let date_words = words.iter().filter(|w| datey(w)).count();
    if has_digit && date_words == words.len() {
        return true;
    }
    // "By Jane Doe - 2018-09-16", "Jane Doe 2019-11-20 17:27"
    let starts_by = words.first() == Some(&"by");
    if has_digit && date_words * 2 >= words.len() && (starts_by || words.len() <= 8) {
        return true;
    }
    starts_by && words.len() <= 5 && !text.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lower_case_words() {
        assert_eq!(key("  The Big--Story, 2024! "), "the big story 2024");
        assert_eq!(key("Ünïcode Straße-X"), "ünïcode straße x");
        assert_eq!(key("..."), "");
    }

    /// An item whose first block goes leaves its second block heading the item, as
    /// Markdown reads it back.
    #[test]
    fn a_continuation_whose_item_went_heads_it() {
        let item = |continued| BlockKind::ListItem {
            ordered: false,
            depth: 0,
            number: 1,
            continued,
        };
        let metadata = Metadata::default();
        // the item's first block has no words (an icon's glyph), and goes
        let mut blocks = vec![
            Block::new(BlockKind::Paragraph, "More from the series:"),
            Block::new(item(false), "\u{2192}"),
            Block::new(item(true), "With David Park, three days ago."),
        ];
        clean(&mut blocks, &metadata, None, false, false, None);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].kind, item(false));
    }

    /// The headline goes as metadata, unless the page is read whole as several parts.
    #[test]
    fn headline_stays_on_a_page_of_parts() {
        let metadata = Metadata {
            title: Some("Canvas Field Tote".into()),
            ..Metadata::default()
        };
        let blocks = || {
            vec![
                Block::new(BlockKind::Heading { level: 1 }, "Canvas Field Tote"),
                Block::new(BlockKind::Paragraph, "Waxed cotton canvas that sheds rain."),
            ]
        };
        let mut article = blocks();
        clean(&mut article, &metadata, None, false, false, None);
        assert_eq!(article.len(), 1);
        let mut parts = blocks();
        clean(&mut parts, &metadata, None, true, false, None);
        assert_eq!(parts, blocks());
    }

    /// A long paragraph said twice stays on an article (pages repeat text on
    /// purpose) and goes on a page that copies its parts' text (a shop's
    /// description again in a tab).
    #[test]
    fn long_repeats_go_on_pages_of_copies() {
        let description = "Cut from a heavy stonewashed linen that softens with every wash, this \
            apron has a deep front pocket, long cotton ties and a neck strap that fits.";
        let blocks = || {
            vec![
                Block::new(BlockKind::Paragraph, description),
                Block::new(BlockKind::Heading { level: 2 }, "Description"),
                Block::new(BlockKind::Paragraph, description),
                Block::new(BlockKind::Paragraph, "Machine wash warm, tumble dry low."),
            ]
        };
        let metadata = Metadata::default();
        let mut article = blocks();
        clean(&mut article, &metadata, None, false, false, None);
        assert_eq!(article, blocks());
        let mut shop = blocks();
        let mut dropped = Vec::new();
        clean(&mut shop, &metadata, None, true, true, Some(&mut dropped));
        assert_eq!(shop.len(), 3);
        assert_eq!(dropped, [(2, CleanRule::Repeat)]);
    }

    fn keys_of(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| key(t)).collect()
    }

    /// `part`, the blocks `between`, `part` again and a last block.
    fn said_twice<'a>(part: &[&'a str], between: &[&'a str], last: &'a str) -> Vec<&'a str> {
        let mut texts = part.to_vec();
        texts.extend(between);
        texts.extend(part);
        texts.push(last);
        texts
    }

    /// A run of blocks said again right after itself is a copy (a section laid
    /// out twice), short blocks and all.
    #[test]
    fn a_run_repeating_the_blocks_before_it_goes() {
        let section = [
            "Our story",
            "Founded in a garage in 1998, the workshop still builds every frame by hand.",
            "Each one is brazed, filed and painted by the same two people.",
        ];
        let texts = said_twice(&section, &[], "Visit us on weekdays.");
        let copy = repeated_runs(&keys_of(&texts), &[], false);
        assert_eq!(copy, [false, false, false, true, true, true, false]);
    }

    /// Parallel parts repeat lines further up on purpose (plans listing the
    /// same features): kept, except on a page of copies.
    #[test]
    fn a_run_repeating_a_stretch_further_up_stays() {
        let features = [
            "Unlimited projects and storage for every member",
            "Email support within one working day",
            "Export to PDF, Word and plain text files",
        ];
        let mut texts = vec!["Basic", "$5 a month"];
        texts.extend(features);
        texts.extend(["Team", "$12 a month"]);
        texts.extend(features);
        let keys = keys_of(&texts);
        assert!(!repeated_runs(&keys, &[], false).contains(&true));
        let copy = repeated_runs(&keys, &[], true);
        assert_eq!(copy.iter().filter(|&&c| c).count(), 3);
        assert!(copy[7..].iter().all(|&c| c));
    }

    /// A reply quoting an earlier post repeats it further down: the quotation goes.
    #[test]
    fn a_quoted_post_goes() {
        let post = [
            "Which release of the library ships with the next long-term support system?",
            "I always take the one the system packages, and I would rather not build it.",
            "Has anybody tried the beta yet?",
        ];
        let last = "The beta has the older release, I am afraid.";
        let texts = said_twice(&post, &["Alice said:"], last);
        let keys = keys_of(&texts);
        let mut quotes = vec![false; texts.len()];
        quotes[4..7].iter_mut().for_each(|q| *q = true);
        assert!(!repeated_runs(&keys, &[], false).contains(&true));
        let copy = repeated_runs(&keys, &quotes, false);
        assert_eq!(copy, [false, false, false, false, true, true, true, false]);
    }

    #[test]
    fn datelines_and_bylines() {
        assert!(is_meta_line("Nov. 20, 2019 6:02 AM EST"));
        assert!(is_meta_line("Updated at 1:23 p.m."));
        assert!(is_meta_line("By admin - 2018-09-16"));
        assert!(is_meta_line("By Jane Doe"));
        assert!(!is_meta_line(
            "By the end of 2019, prices had doubled in most cities."
        ));
        assert!(!is_meta_line("The 2019 season starts in May."));
        // figures are not dates
        assert!(!is_meta_line("Average Rating: 4.9"));
        assert!(!is_meta_line("2,300 (72.33%)"));
        assert!(!is_meta_line("Market share: 12.89%"));
        assert!(!is_meta_line("24/7 customer service"));
        assert!(is_meta_line("20.11.2019 14:05"));
        assert!(is_meta_line("3 hours ago"));
        assert!(is_meta_line("2018-09-16"));
    }
}
