//! Cleaning text that was extracted badly: web-text corpora made of whole pages'
//! text, chrome and all (weather widgets, date bars, "Must read" boxes, ad markers,
//! promos, share prompts, cookie notices, copyright lines, menus).
//!
//! Each line is judged from what plain text still shows, in many languages:
//! 1. [`features`]: length, words, stop-word share in the document's language
//!    ([`stopwords`]), capitals, digits, punctuation, and a hash of the normalised line;
//! 2. marks: known chrome phrases ([`crate::rules::phrases`], [`rules`]), datelines,
//!    widget readings, crumbs, notices, legal boilerplate (several of
//!    [`rules::LEGAL_TERMS`]), lines repeated in the text, and — with a
//!    [`SiteLines`] from a [`TemplateIndex`] — lines seen on many pages of the same site;
//! 3. classes from length and stop-word share (prose, maybe prose, short, not prose);
//! 4. context: short and maybe-prose lines take the class of their neighbours, so
//!    subheadings and one-line paragraphs inside the story stay and menu entries go;
//! 5. a title-like line right before the story's prose is kept as its heading;
//! 6. a closing-section heading ("Related articles", "Comments") after the story has
//!    begun ends it;
//! 7. inside the story's span (its first to its last kept line), dropped lines that
//!    read as story come back: sentences, lead-ins ending in a colon and lines in
//!    sentence case, the items of a list a kept lead-in opens, and repeated lines
//!    standing between kept ones (a heading a table of contents listed first);
//! 8. a text where only a few stray words would be kept has no story: nothing is kept.
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
    /// Kept: a sentence or a lead-in (ending in `.`, `!`, `?` or `:`), or a line in
    /// sentence case, between kept lines of the story: too short or sparse to pass
    /// on its own.
    InStory,
    /// Kept: an item of a list that a kept line ending in a colon introduces.
    ListItem,
    /// Kept: a line seen earlier in the text (in a table of contents, a menu) that
    /// stands between two kept lines of the story (a heading, a table's label).
    RepeatInStory,
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
    /// Dropped: legal, privacy or consent boilerplate (several of
    /// [`rules::LEGAL_TERMS`]: cookies, consent, personal data, third parties).
    Legal,
    /// Dropped: the text has no story (what would be kept is a few words among many).
    NoStory,
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
            Reason::InStory => "in-story",
            Reason::ListItem => "list-item",
            Reason::RepeatInStory => "repeat-in-story",
            Reason::NoText => "no-text",
            Reason::Phrase => "chrome-phrase",
            Reason::Promo => "promo",
            Reason::Prompt => "prompt",
            Reason::Notice => "notice",
            Reason::Copyright => "copyright",
            Reason::Legal => "legal-notice",
            Reason::NoStory => "no-story",
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
        matches!(
            self,
            Reason::Prose
                | Reason::Context
                | Reason::Heading
                | Reason::InStory
                | Reason::ListItem
                | Reason::RepeatInStory
        )
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
    fill_story_span(&mut classes, &feats);
    keep_repeats_in_story(&mut classes);
    drop_without_story(&mut classes, &feats);
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

/// A line of a few words written in sentence case (most words in lower case), as
/// story is; menu entries and headlines of other pages are in title case.
fn in_sentence_case(f: &LineFeatures) -> bool {
    f.words as usize >= rules::SENTENCE_CASE_MIN_WORDS
        && f.alpha_words >= 2
        && f.capital_share() <= rules::SENTENCE_CASE_MAX_CAPITALS
}

/// Lines between the story's first and last kept lines that were dropped for being
/// short or sparse, yet read as story: a sentence, a lead-in or a line in sentence
/// case (`in-story`), and the
/// items of a list that a kept lead-in ending in a colon introduces (`list-item`, at
/// most [`rules::LIST_MAX_ITEMS`] of them, and not past that many lines after the
/// story's end).
fn fill_story_span(classes: &mut [Class], feats: &[LineFeatures]) {
    let kept = |c: &Class| c.reason().keeps();
    let (Some(first), Some(last)) = (
        classes.iter().position(kept),
        classes.iter().rposition(kept),
    ) else {
        return;
    };
    let max_items = rules::LIST_MAX_ITEMS;
    let mut list_items: Option<usize> = None;
    for (i, (class, f)) in classes.iter_mut().zip(feats).enumerate() {
        let dropped_short = matches!(
            class,
            Class::Final(Reason::Outside | Reason::NotProse) | Class::Bad
        );
        if dropped_short {
            let reads_as_story = f.ends_sentence || f.ends_colon || in_sentence_case(f);
            if i > first && i < last && reads_as_story {
                *class = Class::Final(Reason::InStory);
            } else if let Some(n) = list_items.as_mut().filter(|n| **n < max_items) {
                if i <= last + max_items {
                    *class = Class::Final(Reason::ListItem);
                    *n += 1;
                }
            }
        } else if !matches!(class, Class::Marked(Reason::NoText | Reason::Repeated)) {
            list_items = None;
        }
        if f.ends_colon && class.reason().keeps() {
            list_items = Some(0);
        }
    }
}

/// A repeated line whose nearest lines on both sides (looking past lines without
/// text) are kept is part of the story: a heading that a table of contents listed
/// first, a label that each row of a table repeats.
fn keep_repeats_in_story(classes: &mut [Class]) {
    let has_text = |c: &Class| *c != Class::Marked(Reason::NoText);
    // is the nearest line with text before each line kept?
    let mut kept_before = Vec::with_capacity(classes.len());
    let mut last_kept = false;
    for c in classes.iter() {
        kept_before.push(last_kept);
        if has_text(c) {
            last_kept = c.reason().keeps();
        }
    }
    // then backwards, with the nearest line with text after it
    let mut next_kept = false;
    for (c, before) in classes.iter_mut().zip(kept_before).rev() {
        let (text, keeps) = (has_text(c), c.reason().keeps());
        if *c == Class::Marked(Reason::Repeated) && before && next_kept {
            *c = Class::Final(Reason::RepeatInStory);
        }
        if text {
            next_kept = keeps;
        }
    }
}

/// A text whose kept lines are a few words among many (under
/// [`rules::NO_STORY_MAX_WORDS`] words and [`rules::NO_STORY_MAX_SHARE`] of the text)
/// has no story: those lines are stray chrome, and nothing is kept.
fn drop_without_story(classes: &mut [Class], feats: &[LineFeatures]) {
    let mut kept = 0u32;
    let mut total = 0u32;
    for (c, f) in classes.iter().zip(feats) {
        total = total.saturating_add(f.words);
        if c.reason().keeps() {
            kept = kept.saturating_add(f.words);
        }
    }
    if kept == 0
        || kept >= rules::NO_STORY_MAX_WORDS
        || kept as f32 >= rules::NO_STORY_MAX_SHARE * total as f32
    {
        return;
    }
    for c in classes.iter_mut().filter(|c| c.reason().keeps()) {
        *c = Class::Final(Reason::NoStory);
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

    /// The reason given to the first line equal to `line`.
    fn reason_of(c: &CleanedText, text: &str, line: &str) -> &'static str {
        c.lines
            .iter()
            .find(|d| &text[d.range.clone()] == line)
            .map(|d| d.reason.as_str())
            .unwrap_or("(no such line)")
    }

    const PLANS: &str =
        "Basic Monthly Plan Premium Yearly Plan Enterprise Custom Plan Student Discount Offers";

    #[test]
    fn sentences_lead_ins_and_list_items_inside_the_story_are_kept() {
        let text = format!(
            "{STORY}\nPrices and Plans\n{PLANS}\nAll plans include support:\nEmail support\n\
             Phone support\n- Advertisement -\n{PLANS} Extra\n\
             see the notes below for the small print\nSpring Sale\nAsk the Team\n\
             {STORY} Again.\nAfter the story.\n"
        );
        let c = clean_text(&text);
        let r = |line: &str| reason_of(&c, &text, line);
        assert_eq!(r("Prices and Plans"), "outside-story");
        assert_eq!(r("All plans include support:"), "in-story");
        assert_eq!(r("Email support"), "list-item");
        assert_eq!(r("Phone support"), "list-item");
        assert_eq!(r("- Advertisement -"), "chrome-phrase");
        // the list ended at the marker; title case is a menu's, sentence case a story's
        assert_eq!(r(&format!("{PLANS} Extra")), "not-prose");
        assert_eq!(r("see the notes below for the small print"), "in-story");
        assert_eq!(r("Spring Sale"), "outside-story");
        // outside the span (after the last kept line) nothing comes back
        assert_eq!(r("After the story."), "outside-story");
        assert!(c
            .text
            .contains("All plans include support:\nEmail support\nPhone support\n"));
    }

    #[test]
    fn repeated_heading_between_story_lines_is_kept() {
        let text = format!(
            "Contents\nEarly Years\nLater Years\n{STORY}\nEarly Years\n{STORY} One.\n\
             Later Years\n{STORY} Two.\nEarly Years\n"
        );
        let c = clean_text(&text);
        let kinds: Vec<&str> = c
            .lines
            .iter()
            .filter(|d| text[d.range.clone()].ends_with("Years"))
            .map(|d| d.reason.as_str())
            .collect();
        // in the table of contents: dropped (the last one heads the story); in the
        // story: kept; after it: a repeat
        assert_eq!(
            kinds,
            [
                "outside-story",
                "heading",
                "repeat-in-story",
                "repeat-in-story",
                "repeated"
            ]
        );
    }

    #[test]
    fn legal_boilerplate_is_dropped_but_one_term_is_not() {
        let legal = "These cookies let the site remember your choices, and the third parties who set them may use your data for their own advertising, as their notices explain in full detail.";
        let story = "The bakery on the corner sold more cookies this winter than in any year before, the owner said, and she will open a second shop in the spring.";
        let text = format!("{STORY}\n{story}\n{legal}\n");
        let c = clean_text(&text);
        assert_eq!(reason_of(&c, &text, legal), "legal-notice");
        assert_eq!(reason_of(&c, &text, story), "prose");
    }

    #[test]
    fn stray_words_among_chrome_are_no_story() {
        let line = "The new season of the show starts on the first Monday of the month at nine.";
        let mut text = format!("{line}\n");
        for i in 0..8 {
            text.push_str(&format!("{PLANS} {i}\n"));
        }
        let c = clean_text(&text);
        assert_eq!(reason_of(&c, &text, line), "no-story");
        assert!(c.text.is_empty());
        // the same line alone is the story
        assert_eq!(clean_text(line).text, line);
    }

    #[test]
    fn empty_input() {
        let c = clean_text("");
        assert!(c.text.is_empty() && c.lines.is_empty());
    }
}
