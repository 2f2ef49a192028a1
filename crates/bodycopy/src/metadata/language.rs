//! Language: declared tags normalised to their primary subtag, and detection
//! from the body text (whatlang) when the declaration is missing or wrong.

/// Primary subtag of a language tag or locale, lower case: "en-US" / "en_GB" -> "en".
pub fn normalize(tag: &str) -> Option<String> {
    let t = tag.trim();
    let primary = t.split(['-', '_', ' ', ',', ';']).next().unwrap_or("");
    let p = primary.to_ascii_lowercase();
    if (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()) {
        // three-letter codes for languages that have two-letter ones
        return Some(iso639_1(&p).unwrap_or(&p).to_string());
    }
    // an English language name ("English", "German")
    let name = t.to_ascii_lowercase();
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| (*c).to_string())
}

const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("german", "de"),
    ("deutsch", "de"),
    ("french", "fr"),
    ("français", "fr"),
    ("spanish", "es"),
    ("español", "es"),
    ("italian", "it"),
    ("portuguese", "pt"),
    ("dutch", "nl"),
    ("russian", "ru"),
    ("japanese", "ja"),
    ("chinese", "zh"),
    ("polish", "pl"),
    ("czech", "cs"),
];

/// ISO 639-3 (as whatlang names languages) to ISO 639-1.
fn iso639_1(code: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("zho", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("fas", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    MAP.iter().find(|(k, _)| *k == code).map(|(_, v)| *v)
}

/// Languages a detector cannot tell apart reliably count as the same.
fn family(code: &str) -> &str {
    match code {
        "nb" | "nn" | "no" | "da" => "no",
        "hr" | "sr" | "bs" | "sh" => "sh",
        "ms" | "id" => "id",
        "fa" | "prs" => "fa",
        "tl" | "fil" => "tl",
        other => other,
    }
}

/// Do two codes name the same language (loosely)?
pub fn same(a: &str, b: &str) -> bool {
    family(a) == family(b)
}

/// Bytes of the body's start read to detect its language: trigram statistics
/// settle well within a few thousand characters, and the cost is linear.
const LANGUAGE_SAMPLE_BYTES: usize = 2_000;

/// The start of a text that language checks read (at most [`LANGUAGE_SAMPLE_BYTES`]).
fn sample(text: &str) -> &str {
    let mut end = text.len().min(LANGUAGE_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Fewest words of a sample for its stop words to confirm a declared language.
const CONFIRM_MIN_WORDS: u32 = 40;

/// Smallest share of a sample's words that must be the declared language's stop words.
const CONFIRM_MIN_SHARE: f32 = 0.25;

/// Do the text's stop words confirm the declared language: of all the stop-word
/// lists (`textclean::stopwords`), the declared language's (or its family's) holds
/// the most of the sample's words, and at least [`CONFIRM_MIN_SHARE`] of them?
/// One pass over the sample, much cheaper than [`detect`], which is then needed
/// only for pages that declare nothing, or something the text does not bear out.
pub fn confirms(declared: &str, text: &str) -> bool {
    use crate::textclean::features::{best_language, measure, Scratch};
    use crate::textclean::stopwords::STOPWORDS;
    let sample = sample(text).trim();
    if sample.is_empty() {
        return false;
    }
    let f = measure(sample, &mut Scratch::default());
    if f.words < CONFIRM_MIN_WORDS {
        return false;
    }
    let (best, share) = best_language(std::slice::from_ref(&f));
    share >= CONFIRM_MIN_SHARE
        && STOPWORDS
            .get(best)
            .is_some_and(|(code, _)| same(code, declared))
}

/// Detect the language of a text; `None` when too short or not reliable.
pub fn detect(text: &str) -> Option<String> {
    // bound the work on very long bodies
    let sample = sample(text);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 200 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() || info.confidence() < 0.8 {
        return None;
    }
    iso639_1(info.lang().code()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The committee met on Thursday to discuss the budget for the coming year. \
    Members agreed that spending on roads and schools should rise, while the \
    cost of administration must fall. The final vote is expected next month, \
    after a public consultation that will run for six weeks.";

    const DE: &str =
        "Der Ausschuss traf sich am Donnerstag, um über den Haushalt für das kommende \
    Jahr zu beraten. Die Mitglieder waren sich einig, dass die Ausgaben für Straßen \
    und Schulen steigen sollten, während die Verwaltungskosten sinken müssen. Die \
    endgültige Abstimmung wird für den nächsten Monat erwartet.";

    #[test]
    fn normalizes_tags() {
        assert_eq!(normalize("en-US").as_deref(), Some("en"));
        assert_eq!(normalize("de_DE").as_deref(), Some("de"));
        assert_eq!(normalize(" FR ").as_deref(), Some("fr"));
        assert_eq!(normalize("eng").as_deref(), Some("en"));
        assert_eq!(normalize("English").as_deref(), Some("en"));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("x-klingon-1"), None);
    }

    #[test]
    fn detects_long_text_only() {
        assert_eq!(detect(EN).as_deref(), Some("en"));
        assert_eq!(detect("Hello world"), None);
        assert_eq!(detect(DE).as_deref(), Some("de"));
        assert!(same("nb", "no"));
        assert!(!same("en", "de"));
    }

    #[test]
    fn stop_words_confirm_only_the_language_of_the_text() {
        assert!(confirms("en", EN));
        assert!(!confirms("de", EN));
        assert!(confirms("de", DE));
        assert!(!confirms("en", DE));
        // too little text to vouch for anything
        assert!(!confirms("en", "The end of the story."));
        assert!(!confirms("en", ""));
    }
}
