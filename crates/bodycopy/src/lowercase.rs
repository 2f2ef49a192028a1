//! Lower-casing block text, fast on what pages hold: runs of ASCII broken by the odd
//! curly quote or dash.
//!
//! `str::to_lowercase` converts a leading ASCII run in bulk but, from the first
//! non-ASCII character on, goes one character at a time through the Unicode case
//! table, ASCII letters included. English prose has a typographic quote in most
//! paragraphs, so most of its text took the slow road. These functions lower-case
//! each ASCII run in bulk and look up only the non-ASCII characters, with the same
//! result as the standard library's.

/// `text.to_lowercase()`, the same string, faster on mostly-ASCII text.
pub fn lowercase(text: &str) -> String {
    // a capital sigma lower-cases by its context (word-final or not): the
    // standard library knows the rule, and such text is rare enough to leave it there
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        push_ascii_lower(&mut out, run);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
    out
}

/// Append an ASCII run, lower-cased.
fn push_ascii_lower(out: &mut String, run: &str) {
    let at = out.len();
    out.push_str(run);
    if let Some(pushed) = out.get_mut(at..) {
        pushed.make_ascii_lowercase();
    }
}

/// The words of `text` (runs of alphanumeric characters), lower-cased character by
/// character and joined by single spaces: `"The Big--Story, 2024!"` gives
/// `"the big story 2024"`. One pass over the bytes; only non-ASCII characters are
/// decoded.
pub fn word_key(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    // a separator seen since the last word character (written before the next one)
    let mut gap = false;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match ASCII_WORD_BYTES.get(usize::from(b)).copied() {
            Some(SEPARATOR) => {
                gap = true;
                at += 1;
            }
            Some(lower) if lower != NOT_ASCII => {
                if gap && !out.is_empty() {
                    out.push(b' ');
                }
                gap = false;
                out.push(lower);
                at += 1;
            }
            _ => {
                let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
                    break;
                };
                if c.is_alphanumeric() {
                    if gap && !out.is_empty() {
                        out.push(b' ');
                    }
                    gap = false;
                    let mut utf8 = [0u8; 4];
                    for l in c.to_lowercase() {
                        out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
                    }
                } else {
                    gap = true;
                }
                at += c.len_utf8();
            }
        }
    }
    // only whole characters were written: the bytes are UTF-8
    String::from_utf8(out).unwrap_or_default()
}

/// [`ASCII_WORD_BYTES`] of an ASCII byte that is no letter or digit.
const SEPARATOR: u8 = 0;
/// [`ASCII_WORD_BYTES`] of a byte of a non-ASCII character.
const NOT_ASCII: u8 = 0xFF;

/// Per byte: an ASCII letter or digit lower-cased, [`SEPARATOR`] or [`NOT_ASCII`]
/// (one table look-up per byte in [`word_key`]'s loop).
const ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        // the loop bound keeps the index below 128
        #[allow(clippy::indexing_slicing)]
        {
            table[b as usize] = if b.is_ascii_alphanumeric() {
                b.to_ascii_lowercase()
            } else {
                SEPARATOR
            };
        }
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        "Plain ASCII Text, 2024!",
        "\u{201c}Quoted\u{201d} Words \u{2014} And A Dash",
        "Ünïcode Straße-X İstanbul ǅemal",
        "ΟΔΥΣΣΕΥΣ Σ ΣΑ",
        "日本語のテキスト ABC",
        "tab\tand\nnew line\u{a0}nbsp",
        "ÀÉÎ\u{301}õü\u{1e9e}",
    ];

    #[test]
    fn lowercase_is_the_standard_librarys() {
        for s in SAMPLES {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    /// What `word_key` must give: split at non-alphanumerics, lower-cased per character.
    fn slow_key(s: &str) -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn word_key_joins_lower_case_words() {
        assert_eq!(word_key("  The Big--Story, 2024! "), "the big story 2024");
        assert_eq!(word_key("Ünïcode Straße-X"), "ünïcode straße x");
        assert_eq!(word_key("..."), "");
        for s in SAMPLES {
            assert_eq!(word_key(s), slow_key(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn both_agree_with_the_slow_forms(s in "\\PC*") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
            proptest::prop_assert_eq!(word_key(&s), slow_key(&s));
        }

        #[test]
        fn both_agree_on_mixed_case_prose(s in "[a-zA-Z0-9 ,.\u{2019}\u{201c}\u{c9}\u{3a3}\u{130}-]{0,60}") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
            proptest::prop_assert_eq!(word_key(&s), slow_key(&s));
        }
    }
}
