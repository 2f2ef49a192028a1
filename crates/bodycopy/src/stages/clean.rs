//! Final clean-up of the collected blocks: the headline (it is metadata, not
//! body), datelines and bylines, repeated blocks.

use std::collections::HashSet;

use crate::document::{Block, BlockKind, Metadata};

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
/// repeats an earlier one goes whatever its length.
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
    let keys: Vec<String> = blocks.iter().map(|b| key(&b.text)).collect();
    blocks.retain(|b| {
        let k = keys.get(index).map_or("", String::as_str);
        let rule = verdict(b, k, &titles, &mut seen, dedup_max);
        if let (Some(rule), Some(d)) = (rule, dropped.as_deref_mut()) {
            d.push((index, rule));
        }
        index += 1;
        rule.is_none()
    });
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
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // the same over bytes, a word at a time: most blocks are ASCII
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while b.get(i).is_some_and(|c| !c.is_ascii_alphanumeric()) {
                i += 1;
            }
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            if start < i {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
        }
        out.make_ascii_lowercase();
        return out;
    }
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    out
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
