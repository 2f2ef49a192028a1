//! Cleaning text that was extracted badly: web-text corpora made of whole pages'
//! text, chrome and all (weather widgets, date bars, "Must read" boxes, ad markers,
//! promos, share prompts, cookie notices, copyright lines, menus).
//!
//! Each line is judged from what plain text still shows, in many languages:
//! 1. [`features`]: length, words, stop-word share in the document's language
//!    ([`stopwords`]), capitals, digits, punctuation, and a hash of the normalised line;
//! 2. marks: known chrome phrases ([`crate::rules::phrases`], [`rules`]), datelines,
//!    widget readings, crumbs, notices, lines repeated in the text, and — with a
//!    [`SiteLines`] from a [`TemplateIndex`] — lines seen on many pages of the same site;
//! 3. classes from length and stop-word share (prose, maybe prose, short, not prose);
//! 4. context: short and maybe-prose lines take the class of their neighbours, so
//!    subheadings and one-line paragraphs inside the story stay and menu entries go;
//! 5. a title-like line right before the story's prose is kept as its heading;
//! 6. a closing-section heading ("Related articles", "Comments") after the story has
//!    begun ends it.
//!
//! ```
//! let text = "Home\nWorld\n- Advertisement -\n\
//!     The council approved the budget on Tuesday after a debate that lasted most of the night, and the mayor said that the new plan would be in place by the spring.\n\
//!     Share on Facebook\n";
//! let cleaned = bodycopy::clean_text(text);
//! assert!(cleaned.text.starts_with("The council approved"));
//! assert!(!cleaned.text.contains("Advertisement"));
//! ```

pub mod features;
mod marks;
pub mod rules;
pub mod stopwords;
pub mod template;

pub use template::{site_of, SiteLines, TemplateIndex};

use features::{best_language, measure, FxMap, LineFeatures, Scratch, CJK};
use stopwords::CJK_SHARE_SCALE;

/// Why a line was kept or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Kept: long enough and made of running text.
    Prose,
    /// Kept: too short or too sparse to judge alone, between prose lines.
    Context,
    /// Kept: a title-like line right before prose (headline, subheading).
    Heading,
    /// Dropped: no letters (rules, symbols, bare numbers).
    NoText,
    /// Dropped: a known chrome phrase ("Advertisement", "Must read", "Trending").
    Phrase,
    /// Dropped: a promo line ("ALSO READ: ...", "Read more ...").
    Promo,
    /// Dropped: a share, follow, sign-up or menu prompt.
    Prompt,
    /// Dropped: a cookie, consent or "enable JavaScript" notice.
    Notice,
    /// Dropped: a copyright or legal footer line.
    Copyright,
    /// Dropped: only a date, a time or a byline with a date.
    Dateline,
    /// Dropped: a widget reading (a temperature, a percentage).
    Reading,
    /// Dropped: a navigation crumb or a one-line menu.
    Crumb,
    /// Dropped: a short line that occurs more than once in the text.
    Repeated,
    /// Dropped: a line seen on many pages of the same site (cross-document mode).
    Template,
    /// Dropped: too few stop words for running text, and not next to prose.
    NotProse,
    /// Dropped: short or sparse, and next to chrome rather than prose.
    Outside,
    /// Dropped: after a heading that closes the story ("Related articles", "Comments").
    AfterStory,
}

impl Reason {
    /// A short, stable name for the reason (used by `--explain` and in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Prose => "prose",
            Reason::Context => "context",
            Reason::Heading => "heading",
            Reason::NoText => "no-text",
            Reason::Phrase => "chrome-phrase",
            Reason::Promo => "promo",
            Reason::Prompt => "prompt",
            Reason::Notice => "notice",
            Reason::Copyright => "copyright",
            Reason::Dateline => "dateline",
            Reason::Reading => "widget-reading",
            Reason::Crumb => "crumb",
            Reason::Repeated => "repeated",
            Reason::Template => "site-template",
            Reason::NotProse => "not-prose",
            Reason::Outside => "outside-story",
            Reason::AfterStory => "after-story",
        }
    }

    /// Does this reason keep the line?
    pub fn keeps(self) -> bool {
        matches!(self, Reason::Prose | Reason::Context | Reason::Heading)
    }
}

/// The decision on one non-blank line of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDecision {
    /// Line number in the input, from 1.
    pub line: usize,
    /// Byte range of the trimmed line in the input.
    pub range: std::ops::Range<usize>,
    /// Kept in the output?
    pub keep: bool,
    /// Why.
    pub reason: Reason,
}

/// The result of [`clean_text`]: the kept text and a decision per non-blank line.
#[derive(Clone, Debug, Default)]
pub struct CleanedText {
    /// The kept lines, in order, separated as the input separated its paragraphs
    /// (a blank line when the input uses blank lines, else a line break).
    pub text: String,
    /// One decision per non-blank input line, in order.
    pub lines: Vec<LineDecision>,
}

impl CleanedText {
    /// Each line of `input` (the text given to [`clean_text`]) with its decision:
    /// `keep  prose        | text` or `drop  chrome-phrase | text`.
    pub fn explain(&self, input: &str) -> String {
        let mut out = String::new();
        for d in &self.lines {
            let text = input.get(d.range.clone()).unwrap_or("");
            out.push_str(if d.keep { "keep  " } else { "drop  " });
            out.push_str(d.reason.as_str());
            for _ in d.reason.as_str().len()..15 {
                out.push(' ');
            }
            out.push_str("| ");
            out.push_str(text);
            out.push('\n');
        }
        out
    }
}

/// Clean one text on its own (no cross-document evidence).
pub fn clean_text(text: &str) -> CleanedText {
    clean_text_in_site(text, None)
}

/// Clean one text, also dropping lines that `site` (the counts of the text's site,
/// from a [`TemplateIndex`]) marks as template.
pub fn clean_text_in_site(text: &str, site: Option<&SiteLines>) -> CleanedText {
    let lines = split_lines(text);
    let mut scratch = Scratch::default();
    let feats: Vec<LineFeatures> = lines
        .iter()
        .map(|l| measure(&text[l.range.clone()], &mut scratch))
        .collect();
    let (lang, doc_share) = best_language(&feats);
    let known = doc_share >= rules::KNOWN_LANGUAGE_MIN_SHARE;
    let scale = if lang == CJK { CJK_SHARE_SCALE } else { 1.0 };
    // line hash -> index of its first occurrence
    let mut first: FxMap<u64, usize> = FxMap::default();
    for (i, f) in feats.iter().enumerate() {
        first.entry(f.hash).or_insert(i);
    }
    let mut classes: Vec<Class> = lines
        .iter()
        .zip(&feats)
        .enumerate()
        .map(|(i, (l, f))| {
            let line = &text[l.range.clone()];
            let repeated = first.get(&f.hash).is_some_and(|j| *j != i);
            if let Some(r) = marks::mark(line, f, repeated, site) {
                return Class::Marked(r);
            }
            classify(f, lang, scale, known)
        })
        .collect();
    if !classes.contains(&Class::Good) {
        // a text without one long prose line is judged on its best lines
        for c in classes.iter_mut().filter(|c| **c == Class::NearGood) {
            *c = Class::Good;
        }
    }
    revise(&mut classes);
    keep_headings(&mut classes, &feats);
    end_at_closing_section(&mut classes, &lines, &feats, text);
    let paragraph_sep = if text.contains("\n\n") || text.contains("\n\r\n") {
        "\n\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len());
    let mut decisions = Vec::with_capacity(lines.len());
    for (l, c) in lines.into_iter().zip(classes) {
        let reason = c.reason();
        let keep = reason.keeps();
        if keep {
            if !out.is_empty() {
                out.push_str(paragraph_sep);
            }
            out.push_str(&text[l.range.clone()]);
        }
        decisions.push(LineDecision {
            line: l.number,
            range: l.range,
            keep,
            reason,
        });
    }
    CleanedText {
        text: out,
        lines: decisions,
    }
}

struct Line {
    number: usize,
    range: std::ops::Range<usize>,
}

/// Non-blank lines, trimmed, with their numbers and byte ranges.
fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (n, raw) in text.split('\n').enumerate() {
        let end = start + raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push(Line {
                number: n + 1,
                range: start + lead..start + lead + trimmed.len(),
            });
        }
        start = end + 1;
    }
    out
}

/// The class of a line while deciding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Marked as chrome by a rule (final).
    Marked(Reason),
    /// Running text.
    Good,
    /// Maybe running text: decided by its neighbours.
    NearGood,
    /// Too short to judge: decided by its neighbours.
    Short,
    /// Not running text.
    Bad,
    /// Final decisions of the context passes.
    Final(Reason),
}

impl Class {
    fn reason(self) -> Reason {
        match self {
            Class::Marked(r) | Class::Final(r) => r,
            Class::Good => Reason::Prose,
            Class::NearGood | Class::Short => Reason::Outside,
            Class::Bad => Reason::NotProse,
        }
    }

    /// What a neighbour looks like to the context passes (None: look past it).
    fn as_neighbour(self) -> Option<Class> {
        match self {
            Class::Marked(
                Reason::NoText
                | Reason::Phrase
                | Reason::Promo
                | Reason::Prompt
                | Reason::Reading
                | Reason::Dateline,
            ) => None,
            Class::Marked(_)
            | Class::Bad
            | Class::Final(Reason::NotProse | Reason::Outside | Reason::AfterStory) => {
                Some(Class::Bad)
            }
            Class::Final(_) | Class::Good => Some(Class::Good),
            c => Some(c),
        }
    }
}

/// The first classes, from length and stop-word share.
fn classify(f: &LineFeatures, lang: usize, scale: f32, known: bool) -> Class {
    let chars = f.chars as usize;
    let share = if known {
        f.stop_share(lang) * scale
    } else if f.sentence_ends >= 1 && f.commas + f.sentence_ends >= 2 {
        rules::STOP_SHARE_HIGH
    } else if f.ends_sentence {
        rules::STOP_SHARE_LOW
    } else {
        0.0
    };
    if chars < rules::SHORT_MAX_CHARS {
        return Class::Short;
    }
    if share >= rules::STOP_SHARE_HIGH {
        if chars >= rules::LONG_MIN_CHARS {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if share >= rules::STOP_SHARE_LOW {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// The class of the nearest neighbour on one side, looking past marked-and-transparent
/// lines, short lines, and (when `skip_near`) maybe-prose lines; the text's edges are chrome.
fn neighbour(classes: &[Class], i: usize, forward: bool, skip_near: bool) -> Class {
    let mut j = i;
    loop {
        if forward {
            j += 1;
        } else {
            let Some(k) = j.checked_sub(1) else {
                return Class::Bad;
            };
            j = k;
        }
        let Some(class) = classes.get(j) else {
            return Class::Bad;
        };
        match class.as_neighbour() {
            None | Some(Class::Short) => continue,
            Some(Class::NearGood) if skip_near => continue,
            Some(c) => return c,
        }
    }
}

/// Context passes: short lines, then maybe-prose lines, take their neighbours' class.
fn revise(classes: &mut [Class]) {
    let snapshot = classes.to_vec();
    for (i, (class, &before)) in classes.iter_mut().zip(&snapshot).enumerate() {
        if before != Class::Short {
            continue;
        }
        let prev = neighbour(&snapshot, i, false, true);
        let next = neighbour(&snapshot, i, true, true);
        *class = match (prev, next) {
            (Class::Good, Class::Good) => Class::Final(Reason::Context),
            (Class::Bad, Class::Bad) => Class::Final(Reason::Outside),
            _ => {
                let near_prev =
                    prev == Class::Bad && neighbour(&snapshot, i, false, false) == Class::NearGood;
                let near_next =
                    next == Class::Bad && neighbour(&snapshot, i, true, false) == Class::NearGood;
                if near_prev || near_next {
                    Class::Final(Reason::Context)
                } else {
                    Class::Final(Reason::Outside)
                }
            }
        };
    }
    for (i, (class, &before)) in classes.iter_mut().zip(&snapshot).enumerate() {
        if before != Class::NearGood {
            continue;
        }
        let prev = neighbour(&snapshot, i, false, true);
        let next = neighbour(&snapshot, i, true, true);
        *class = if prev == Class::Bad && next == Class::Bad {
            Class::Final(Reason::Outside)
        } else {
            Class::Final(Reason::Context)
        };
    }
}

/// A heading that opens a closing section of chrome ("Related articles", "Comments",
/// "Leave a reply"; [`phrases::SECTION_END_HEADINGS`]) after the story has begun
/// ends the story: nothing after it is kept.
fn end_at_closing_section(
    classes: &mut [Class],
    lines: &[Line],
    feats: &[LineFeatures],
    text: &str,
) {
    let min = rules::CLOSING_SECTION_MIN_CHARS;
    let mut kept_chars = 0usize;
    let mut cut = None;
    for (i, ((c, f), l)) in classes.iter().zip(feats).zip(lines).enumerate() {
        if c.reason().keeps() {
            kept_chars += f.chars as usize;
            continue;
        }
        if kept_chars >= min && f.chars <= 60 {
            let line = text.get(l.range.clone()).unwrap_or_default().to_lowercase();
            let key = line.trim_matches(|c: char| !c.is_alphanumeric());
            if crate::rules::phrases::ends_section(key) {
                cut = Some(i);
                break;
            }
        }
    }
    if let Some(cut) = cut {
        for c in classes.iter_mut().skip(cut) {
            if c.reason().keeps() {
                *c = Class::Final(Reason::AfterStory);
            }
        }
    }
}

/// A dropped, title-like line (a few words, no closing sentence mark) whose next
/// line is kept prose, and whose previous line is not kept: the story's headline
/// or a section's heading.
fn keep_headings(classes: &mut [Class], feats: &[LineFeatures]) {
    let mut lines = classes.iter_mut().zip(feats).peekable();
    while let Some((class, f)) = lines.next() {
        if !matches!(
            class,
            Class::Final(Reason::Outside) | Class::Bad | Class::Final(Reason::NotProse)
        ) {
            continue;
        }
        if f.ends_sentence || f.words < 2 || f.words as usize > rules::TITLE_MAX_WORDS {
            continue;
        }
        let next_prose = lines.peek().is_some_and(|(c, _)| matches!(c, Class::Good));
        if next_prose {
            *class = Class::Final(Reason::Heading);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The council approved the budget on Tuesday after a debate that lasted most of the night, and the mayor said that the new plan would be in place by the spring, when the first of the works on the roads of the old town are due to start.";

    fn reasons(text: &str) -> Vec<&'static str> {
        let c = clean_text(text);
        c.lines.iter().map(|d| d.reason.as_str()).collect()
    }

    #[test]
    fn drops_markers_and_keeps_prose() {
        let text = format!("23.1 C\nThursday, September 28, 2023\n{STORY}\n- Advertisement -\n{STORY} Again.\nTrending Today\n");
        assert_eq!(
            reasons(&text),
            [
                "widget-reading",
                "dateline",
                "prose",
                "chrome-phrase",
                "prose",
                "chrome-phrase"
            ]
        );
        assert_eq!(clean_text(&text).text, format!("{STORY}\n{STORY} Again."));
    }

    #[test]
    fn short_line_between_prose_is_kept_and_menu_is_not() {
        let text = format!("News\nSport\nWeather\n{STORY}\nA quiet start\n{STORY}\n");
        let c = clean_text(&text);
        let kept: Vec<bool> = c.lines.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [false, false, false, true, true, true]);
    }

    #[test]
    fn crumbs_copyright_and_repeats() {
        let text = format!("Home › World › Asia\n{STORY}\nContact the desk\n© 2024 The Daily. All rights reserved.\nContact the desk\n");
        assert_eq!(
            reasons(&text),
            ["crumb", "prose", "outside-story", "copyright", "repeated"]
        );
    }

    #[test]
    fn explain_lists_every_line() {
        let c = clean_text("- Advertisement -\n\nThe end");
        let e = c.explain("- Advertisement -\n\nThe end");
        assert!(e.starts_with("drop  chrome-phrase"));
        assert_eq!(e.lines().count(), 2);
        assert_eq!(c.lines[1].line, 3);
    }

    #[test]
    fn empty_input() {
        let c = clean_text("");
        assert!(c.text.is_empty() && c.lines.is_empty());
    }
}
