//! Chrome marks that decide a line on its own: known phrases, promos and prompts,
//! notices, copyright lines, datelines, widget readings, crumbs, repeats, template.
//!
//! The phrase tables are compiled once into hash sets (whole lines, keyed by the
//! same normalised-line hash as [`LineFeatures::hash`]) and two Aho-Corasick
//! automata (line prefixes, and markers anywhere in a line), so a line is checked
//! against every table in one pass.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use super::features::{measure, FxMap, LineFeatures, Scratch, LEGAL_CUES};
use super::template::SiteLines;
use super::{rules, Reason};
use crate::rules::phrases;

/// The compiled tables.
struct Tables {
    /// Whole-line phrases by normalised hash.
    lines: FxMap<u64, Reason>,
    /// Line prefixes (anchored at the first letter or digit); `None` if the
    /// automaton could not be built (then no line matches).
    prefixes: Option<AhoCorasick>,
    prefix_reasons: Vec<Reason>,
    /// Markers anywhere in a line.
    notices: Option<AhoCorasick>,
    notice_reasons: Vec<Reason>,
    /// Terms of legal and consent boilerplate ([`rules::LEGAL_TERMS`]).
    legal: Option<AhoCorasick>,
    /// Month, weekday and time words.
    date_words: FxMap<&'static str, ()>,
}

/// A pattern as written (lower case) and with its first letter in upper case, so
/// that matching ignores the case of the first letter in every script, and of all
/// ASCII letters.
fn variants(p: &str) -> [String; 2] {
    let mut cap = String::with_capacity(p.len());
    let mut chars = p.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
    }
    cap.push_str(chars.as_str());
    [p.to_string(), cap]
}

fn automaton(patterns: &[(&str, Reason)], start: StartKind) -> (Option<AhoCorasick>, Vec<Reason>) {
    let mut pats = Vec::new();
    let mut reasons = Vec::new();
    for (p, r) in patterns {
        let [lower, cap] = variants(p);
        // ASCII letters already match in any case
        let both = !p.starts_with(|c: char| c.is_ascii());
        pats.push(lower);
        reasons.push(*r);
        if both {
            pats.push(cap);
            reasons.push(*r);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .start_kind(start)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&pats)
        .ok();
    (ac, reasons)
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut scratch = Scratch::default();
        let mut lines = FxMap::default();
        for p in phrases::CHROME_BLOCKS {
            lines.insert(measure(p, &mut scratch).hash, Reason::Phrase);
        }
        for p in rules::PROMPT_LINES {
            lines
                .entry(measure(p, &mut scratch).hash)
                .or_insert(Reason::Prompt);
        }
        let prefixes: Vec<(&str, Reason)> = phrases::PROMO_PREFIXES
            .iter()
            .map(|p| (*p, Reason::Promo))
            .chain(rules::PROMPT_PREFIXES.iter().map(|p| (*p, Reason::Prompt)))
            .collect();
        let (prefixes, prefix_reasons) = automaton(&prefixes, StartKind::Anchored);
        let notices: Vec<(&str, Reason)> = phrases::CONSENT_MARKERS
            .iter()
            .chain(phrases::SCRIPT_NOTICE_MARKERS)
            .map(|p| (*p, Reason::Notice))
            .chain(
                rules::COPYRIGHT_MARKERS
                    .iter()
                    .map(|p| (*p, Reason::Copyright)),
            )
            .collect();
        let (notices, notice_reasons) = automaton(&notices, StartKind::Unanchored);
        let legal: Vec<(&str, Reason)> = rules::LEGAL_TERMS
            .iter()
            .map(|p| (*p, Reason::Legal))
            .collect();
        let (legal, _) = automaton(&legal, StartKind::Unanchored);
        let date_words = rules::DATE_WORDS.iter().map(|w| (*w, ())).collect();
        Tables {
            lines,
            prefixes,
            prefix_reasons,
            notices,
            notice_reasons,
            legal,
            date_words,
        }
    })
}

/// The chrome mark of a line, if any (`repeated`: the line occurred earlier in the text).
pub(super) fn mark(
    line: &str,
    f: &LineFeatures,
    repeated: bool,
    site: Option<&SiteLines>,
) -> Option<Reason> {
    if f.letters == 0 {
        return Some(Reason::NoText);
    }
    if site.is_some_and(|s| s.is_template(f.hash)) {
        return Some(Reason::Template);
    }
    let t = tables();
    let chars = f.chars as usize;
    if chars <= rules::PHRASE_MAX_CHARS {
        if let Some(r) = t.lines.get(&f.hash) {
            return Some(*r);
        }
        if is_crumb(line, f) {
            return Some(Reason::Crumb);
        }
        let start = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        let prefix = t
            .prefixes
            .as_ref()
            .and_then(|a| a.find(Input::new(start).anchored(Anchored::Yes)));
        if let Some(r) = prefix.and_then(|m| t.prefix_reasons.get(m.pattern().as_usize())) {
            return Some(*r);
        }
        if f.numbers > 0 {
            if is_reading(line, f) {
                return Some(Reason::Reading);
            }
            if is_dateline(line, t) {
                return Some(Reason::Dateline);
            }
        }
    }
    if chars <= rules::NOTICE_MAX_CHARS {
        let notice = t.notices.as_ref().and_then(|a| a.find(line));
        if let Some(r) = notice.and_then(|m| t.notice_reasons.get(m.pattern().as_usize())) {
            return Some(*r);
        }
    }
    if f.stops[LEGAL_CUES] > 0 && is_legal(line, t) {
        return Some(Reason::Legal);
    }
    if chars <= rules::REPEAT_MAX_CHARS && repeated {
        return Some(Reason::Repeated);
    }
    None
}

const _: () = assert!(rules::LEGAL_TERMS.len() <= 64);

/// At least [`rules::LEGAL_MIN_TERMS`] different terms of legal boilerplate.
fn is_legal(line: &str, t: &Tables) -> bool {
    let Some(ac) = &t.legal else {
        return false;
    };
    let mut seen = 0u64;
    for m in ac.find_iter(line) {
        // the terms are ASCII: one pattern per term, in order
        seen |= 1 << (m.pattern().as_usize() % 64);
        if seen.count_ones() >= rules::LEGAL_MIN_TERMS {
            return true;
        }
    }
    false
}

/// Words of a line: runs of letters and digits.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// "23.1 C", "-0.4 %", "18°": numbers with units and nothing else.
fn is_reading(line: &str, f: &LineFeatures) -> bool {
    if f.words > 4 {
        return false;
    }
    let units_ok = line
        .split(|c: char| {
            c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+' || c.is_whitespace()
        })
        .filter(|u| !u.is_empty())
        .all(|u| {
            rules::READING_UNITS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(u))
        });
    units_ok
}

/// Only dates and times, or a byline with a date.
fn is_dateline(line: &str, t: &Tables) -> bool {
    let mut lower = String::new();
    let mut n = 0usize;
    let mut datey = 0usize;
    let mut starts_by = false;
    for (i, w) in words(line).enumerate() {
        n += 1;
        if n > 12 {
            return false;
        }
        if i == 0 && w.eq_ignore_ascii_case("by") {
            starts_by = true;
        }
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if w.bytes().all(|b| b.is_ascii_digit()) || t.date_words.contains_key(lower.as_str()) {
            datey += 1;
        }
    }
    n > 0 && (datey == n || (starts_by && datey * 2 >= n))
}

/// Entries separated by crumb marks: "Home › World › Asia", "News | Sport | Weather".
fn is_crumb(line: &str, f: &LineFeatures) -> bool {
    if f.ends_sentence {
        return false;
    }
    let seps = line
        .chars()
        .filter(|c| rules::CRUMB_SEPARATORS.contains(c))
        .count();
    seps >= 2 && (f.words as usize) <= seps * 4
}
