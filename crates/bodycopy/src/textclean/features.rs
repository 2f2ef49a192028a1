//! Plain-text features of one line, measured in one pass over its characters:
//! length, words, stop words per language, capitals, digits, punctuation, and a
//! hash of the line's normalised form (lower-case words) for repetition counts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::rules::LEGAL_CUE_WORDS;
use super::stopwords::{CJK_FUNCTION_CHARS, STOPWORDS};

/// Number of word counts per line: one per entry of [`STOPWORDS`], the legal cue
/// words, and CJK.
pub const LANGS: usize = 40;

/// Index of the CJK pseudo-language (characters, not words).
pub const CJK: usize = LANGS - 1;

/// Index of the count of legal cue words ([`LEGAL_CUE_WORDS`]): not a language.
pub const LEGAL_CUES: usize = LANGS - 2;

const _: () = assert!(STOPWORDS.len() <= LEGAL_CUES);

/// What one line measures.
#[derive(Clone, Debug)]
pub struct LineFeatures {
    /// Characters (after trimming).
    pub chars: u32,
    /// Words: runs of letters and digits; each CJK character counts as one.
    pub words: u32,
    /// Of those, CJK characters.
    pub cjk: u32,
    /// Words starting with a letter.
    pub alpha_words: u32,
    /// Words starting with an upper-case letter.
    pub capitalised: u32,
    /// Words made only of digits.
    pub numbers: u32,
    /// Letters.
    pub letters: u32,
    /// Sentence-ending marks followed by a space or the end of the line.
    pub sentence_ends: u32,
    /// Commas (and their CJK forms).
    pub commas: u32,
    /// The line ends with a sentence mark (closing quotes and brackets aside).
    pub ends_sentence: bool,
    /// The line ends with a colon (closing quotes and brackets aside): it leads in
    /// to what follows (a list, a quote).
    pub ends_colon: bool,
    /// Stop words per language (index into [`STOPWORDS`], [`CJK`] last), and at
    /// [`LEGAL_CUES`] the legal cue words.
    pub stops: [u16; LANGS],
    /// Hash of the normalised line (lower-case words joined by one space).
    pub hash: u64,
}

impl Default for LineFeatures {
    fn default() -> Self {
        LineFeatures {
            chars: 0,
            words: 0,
            cjk: 0,
            alpha_words: 0,
            capitalised: 0,
            numbers: 0,
            letters: 0,
            sentence_ends: 0,
            commas: 0,
            ends_sentence: false,
            ends_colon: false,
            stops: [0; LANGS],
            hash: 0,
        }
    }
}

impl LineFeatures {
    /// Share of the line's words that are stop words of language `lang`.
    pub fn stop_share(&self, lang: usize) -> f32 {
        match self.stops.get(lang) {
            Some(&stops) if self.words > 0 => f32::from(stops) / self.words as f32,
            _ => 0.0,
        }
    }

    /// Share of the words starting with a letter that start with a capital.
    pub fn capital_share(&self) -> f32 {
        if self.alpha_words == 0 {
            0.0
        } else {
            self.capitalised as f32 / self.alpha_words as f32
        }
    }
}

/// A fast, non-cryptographic hasher for short keys (multiply-rotate, as in rustc's FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by short strings or hashes.
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Word → bit set of the languages whose list holds it: short ASCII words packed
/// into an integer (most stop words; one multiply to hash), the others by string.
struct StopTable {
    packed: FxMap<u64, u64>,
    other: FxMap<&'static str, u64>,
}

/// An ASCII word of at most 8 bytes as an integer.
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = *s;
    }
    u64::from_le_bytes(buf)
}

fn stop_table() -> &'static StopTable {
    static TABLE: OnceLock<StopTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = StopTable {
            packed: FxMap::default(),
            other: FxMap::default(),
        };
        for (i, (_, words)) in STOPWORDS.iter().enumerate() {
            for w in words.split_whitespace() {
                let slot = if w.is_ascii() && w.len() <= 8 {
                    t.packed.entry(pack(w.as_bytes())).or_insert(0)
                } else {
                    t.other.entry(w).or_insert(0)
                };
                *slot |= 1 << i;
            }
        }
        // the cue words are short ASCII words: packed
        for w in LEGAL_CUE_WORDS.split_whitespace() {
            *t.packed.entry(pack(w.as_bytes())).or_insert(0) |= 1 << LEGAL_CUES;
        }
        t
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xAC00..=0xD7AF // hangul syllables
    )
}

/// General punctuation, spaces and symbols of U+2000–U+2BFF (dashes, quotes, arrows, bullets):
/// never letters, and tested before the slower Unicode tables.
fn is_common_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x2BFF | 0xA0 | 0xAB | 0xBB | 0xB7)
}

fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

fn is_sentence_mark(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '。' | '！' | '？' | '…' | '؟' | '।' | ';' | ':'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '」' | '』' | '）' | '“'
    )
}

/// Reusable buffers for [`measure`].
#[derive(Default)]
pub struct Scratch {
    word: String,
}

/// The word being read.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    ascii: bool,
    upper: bool,
    alpha: bool,
    digits: bool,
}

/// Count a finished word: its shape, its stop-word languages, its part of the hash.
#[inline]
fn finish_word(
    f: &mut LineFeatures,
    h: &mut FxHasher,
    line: &str,
    w: Word,
    end: usize,
    scratch: &mut Scratch,
) {
    f.words += 1;
    if w.alpha {
        f.alpha_words += 1;
        f.capitalised += u32::from(w.upper);
    }
    f.numbers += u32::from(w.digits);
    let bytes = line.as_bytes().get(w.start..end).unwrap_or_default();
    let table = stop_table();
    let mask = if w.ascii {
        let mut buf = [0u8; 8];
        if bytes.len() <= 8 {
            for (d, s) in buf.iter_mut().zip(bytes) {
                *d = s.to_ascii_lowercase();
            }
            h.write_u64(u64::from_le_bytes(buf));
            table
                .packed
                .get(&u64::from_le_bytes(buf))
                .copied()
                .unwrap_or(0)
        } else {
            for chunk in bytes.chunks(8) {
                let mut buf = [0u8; 8];
                for (d, s) in buf.iter_mut().zip(chunk) {
                    *d = s.to_ascii_lowercase();
                }
                h.write_u64(u64::from_le_bytes(buf));
            }
            0
        }
    } else {
        scratch.word.clear();
        for c in line[w.start..end].chars() {
            scratch.word.extend(c.to_lowercase());
        }
        let lower = scratch.word.as_bytes();
        if lower.is_ascii() && lower.len() <= 8 {
            h.write_u64(pack(lower));
            table.packed.get(&pack(lower)).copied().unwrap_or(0)
        } else {
            h.write(lower);
            table.other.get(scratch.word.as_str()).copied().unwrap_or(0)
        }
    };
    h.write_u8(b' ');
    let mut m = mask;
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        if let Some(s) = f.stops.get_mut(i) {
            *s = s.saturating_add(1);
        }
        m &= m - 1;
    }
}

/// Measure one (trimmed, non-empty) line.
pub fn measure(line: &str, scratch: &mut Scratch) -> LineFeatures {
    let mut f = LineFeatures::default();
    let mut h = FxHasher::default();
    let mut word: Option<Word> = None;
    let mut chars = 0u32;
    let mut prev_mark = false;
    let mut last_meaningful = ' ';
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let at = i;
        i += len;
        chars += 1;
        // one Unicode table look-up per non-ASCII character: letters are most of them
        let (alnum, alpha) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), b.is_ascii_alphabetic())
        } else if is_cjk(c) || is_common_punctuation(c) {
            (false, false)
        } else if c.is_alphabetic() {
            (true, true)
        } else {
            (c.is_numeric(), false)
        };
        if alnum {
            let w = word.get_or_insert_with(|| Word {
                start: at,
                ascii: true,
                upper: alpha && (b.is_ascii_uppercase() || (b >= 0x80 && c.is_uppercase())),
                alpha,
                digits: true,
            });
            w.ascii &= b < 0x80;
            w.digits &= b.is_ascii_digit();
            f.letters += u32::from(alpha);
            prev_mark = false;
            last_meaningful = c;
            continue;
        }
        if let Some(w) = word.take() {
            finish_word(&mut f, &mut h, line, w, at, scratch);
        }
        if b >= 0x80 && is_cjk(c) {
            f.words += 1;
            f.cjk += 1;
            f.letters += 1;
            if is_hiragana(c) || CJK_FUNCTION_CHARS.contains(c) {
                f.stops[CJK] = f.stops[CJK].saturating_add(1);
            }
            h.write_u32(c as u32);
            prev_mark = matches!(c, '。' | '！' | '？');
            if prev_mark {
                f.sentence_ends += 1;
                prev_mark = false;
            }
            last_meaningful = c;
            continue;
        }
        if c.is_whitespace() {
            f.sentence_ends += u32::from(prev_mark);
            prev_mark = false;
            continue;
        }
        if matches!(c, ',' | '，' | '、' | '،') {
            f.commas += 1;
        }
        prev_mark = is_sentence_mark(c);
        if matches!(c, '。' | '！' | '？') {
            f.sentence_ends += 1;
            prev_mark = false;
        }
        if !is_closing(c) {
            last_meaningful = c;
        }
    }
    if let Some(w) = word.take() {
        finish_word(&mut f, &mut h, line, w, line.len(), scratch);
    }
    f.sentence_ends += u32::from(prev_mark);
    f.chars = chars;
    f.ends_sentence = matches!(
        last_meaningful,
        '.' | '!' | '?' | '。' | '！' | '？' | '…' | '؟' | '।'
    );
    f.ends_colon = matches!(last_meaningful, ':' | '：');
    f.hash = h.finish();
    f
}

/// The language list with the most stop words over `lines`, and its share of all words.
pub fn best_language(lines: &[LineFeatures]) -> (usize, f32) {
    let mut totals = [0u64; LANGS];
    let mut words = 0u64;
    let mut cjk = 0u64;
    for l in lines {
        words += u64::from(l.words);
        cjk += u64::from(l.cjk);
        for (t, s) in totals.iter_mut().zip(l.stops.iter()) {
            *t += u64::from(*s);
        }
    }
    if words == 0 {
        return (0, 0.0);
    }
    // a text mostly in CJK characters is judged on them
    if cjk * 2 > words {
        return (CJK, totals[CJK] as f32 / cjk as f32);
    }
    let (best, n) = totals[..LEGAL_CUES]
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .map(|(i, n)| (i, *n))
        .unwrap_or((0, 0));
    (best, n as f32 / words as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_stops_and_sentences() {
        let mut s = Scratch::default();
        let f = measure("The cat sat on the mat. It was Happy!", &mut s);
        assert_eq!(f.words, 9);
        assert_eq!(f.stops[0], 5); // the, on, the, it, was
        assert_eq!(f.sentence_ends, 2);
        assert!(f.ends_sentence);
        assert_eq!(f.capitalised, 3);
        assert!(!f.ends_colon);
        assert!(measure("It comes in three sizes: ", &mut s).ends_colon);
        assert!(measure("Pros (in short):", &mut s).ends_colon);
        assert_eq!(f.stops[LEGAL_CUES], 0);
        let legal = measure("Your Privacy and the cookies our partners set", &mut s);
        assert_eq!(legal.stops[LEGAL_CUES], 3);
    }

    #[test]
    fn hash_ignores_case_and_punctuation() {
        let mut s = Scratch::default();
        let a = measure("Trending Today", &mut s).hash;
        let b = measure("trending   today:", &mut s).hash;
        let c = measure("Trending Tomorrow", &mut s).hash;
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn german_and_cjk() {
        let mut s = Scratch::default();
        let f = measure(
            "Der Hund ist in den Garten gelaufen, und er bleibt dort.",
            &mut s,
        );
        let de = STOPWORDS.iter().position(|(l, _)| *l == "de").unwrap();
        assert!(f.stop_share(de) > 0.4);
        let j = measure("今日は天気がいいです。", &mut s);
        assert!(j.cjk >= 9 && j.stops[CJK] >= 4);
        assert_eq!(j.sentence_ends, 1);
    }
}
