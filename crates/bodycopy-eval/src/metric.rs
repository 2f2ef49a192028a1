//! The scoring metric of the benchmark folder's `METRIC.md`.
//!
//! * Tokens are maximal runs of word characters as Python's `re` defines `\w` on `str`:
//!   `_` or any character whose general category is a letter (`Lu Ll Lt Lm Lo`) or a number
//!   (`Nd Nl No`). Combining marks (`Mn Mc`) are *not* word characters, so they split words.
//! * Shingles are the multiset of 4-token windows; a text of 1 to 3 tokens has one shorter
//!   shingle made of all its tokens; an empty text has none.
//! * One page: tp/fp/fn over shingle counts, normalised by their sum.
//! * A dataset: precision is the mean over pages with output shingles, recall the mean over
//!   pages with truth shingles, F1 from the two means; accuracy is the share of pages whose
//!   token sequence equals the truth's; ± is a bootstrap standard deviation.
//! * Bag of words (the WCXB view): per-page P/R/F1 over lower-cased tokens as a multiset,
//!   plain means over pages.
//!
//! Shingles and tokens are hashed into `u64` keys, so scoring a page costs one pass over its
//! tokens and a few hash-map operations per shingle.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use unicode_general_category::{get_general_category, GeneralCategory};

/// Shingle length.
pub const SHINGLE: usize = 4;

/// Number of bootstrap resamples behind every ± figure.
pub const BOOTSTRAP_RESAMPLES: usize = 1000;

/// Seed of the bootstrap generator (fixed, so figures are reproducible).
pub const BOOTSTRAP_SEED: u64 = 0x0B0D_1C09_5EED_2024;

/// True when `c` is a word character of Python's `re` `\w` (on `str`).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::DecimalNumber
            | GeneralCategory::LetterNumber
            | GeneralCategory::OtherNumber
    )
}

/// The tokens of `text`: maximal runs of word characters, case kept.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Hashing

const FX_K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn fx_add(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(FX_K)
}

/// Final avalanche (SplitMix64's), so that every bit of the key depends on every input bit.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 64-bit hash of one token's bytes.
#[inline]
fn hash_token(t: &str) -> u64 {
    let b = t.as_bytes();
    let mut h = fx_add(0, b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = fx_add(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = fx_add(h, u64::from_le_bytes(buf));
    }
    mix(h)
}

/// A 64-bit hash of a window of token hashes.
#[inline]
fn hash_window(w: &[u64]) -> u64 {
    let mut h = fx_add(0x9e37_79b9_7f4a_7c15, w.len() as u64);
    for &t in w {
        h = fx_add(h, t);
    }
    mix(h)
}

/// A hasher for keys that are already well-mixed `u64`s: it passes them through.
#[derive(Default, Clone, Copy)]
pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx_add(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A multiset of hashed keys.
pub type Counts = HashMap<u64, u32, BuildHasherDefault<PassHasher>>;

/// Counts of the hashed keys of `keys`.
fn count(keys: impl Iterator<Item = u64>, capacity: usize) -> Counts {
    let mut m = Counts::with_capacity_and_hasher(capacity, Default::default());
    for k in keys {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// The shingle multiset of a token sequence, and its size.
pub fn shingles(toks: &[&str]) -> (Counts, u64) {
    let hashes: Vec<u64> = toks.iter().map(|t| hash_token(t)).collect();
    if hashes.is_empty() {
        return (Counts::default(), 0);
    }
    if hashes.len() < SHINGLE {
        return (count(std::iter::once(hash_window(&hashes)), 1), 1);
    }
    let n = hashes.len() - SHINGLE + 1;
    (count(hashes.windows(SHINGLE).map(hash_window), n), n as u64)
}

/// The size of the multiset intersection of `a` and `b`.
fn overlap(a: &Counts, b: &Counts) -> u64 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(k, &n)| u64::from(n.min(big.get(k).copied().unwrap_or(0))))
        .sum()
}

// ---------------------------------------------------------------------------------------------
// One page

/// The shingle score of one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PageScore {
    /// True positives, normalised by tp+fp+fn.
    pub tp: f64,
    /// False positives (surplus in the output), normalised.
    pub fp: f64,
    /// False negatives (shortfall in the output), normalised.
    pub fn_: f64,
    /// tp/(tp+fp); 1 when fp = fn = 0; 0 when tp = fp = 0 otherwise.
    pub precision: f64,
    /// tp/(tp+fn); 1 when fp = fn = 0; 0 when tp = fn = 0 otherwise.
    pub recall: f64,
    /// The output has at least one shingle (the page counts toward precision).
    pub output_nonempty: bool,
    /// The truth has at least one shingle (the page counts toward recall).
    pub truth_nonempty: bool,
    /// The output's token sequence equals the truth's exactly.
    pub exact: bool,
}

impl PageScore {
    /// 2PR/(P+R) of this page alone (0 when both are 0).
    pub fn f1(&self) -> f64 {
        f1(self.precision, self.recall)
    }
}

/// 2PR/(P+R), 0 when P+R = 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Score one page's output against its truth with the shingle metric.
pub fn score_page(truth: &str, output: &str) -> PageScore {
    let t_toks = tokens(truth);
    let o_toks = tokens(output);
    score_tokens(&t_toks, &o_toks)
}

/// [`score_page`] on already tokenised texts.
pub fn score_tokens(t_toks: &[&str], o_toks: &[&str]) -> PageScore {
    let (t_sh, t_n) = shingles(t_toks);
    let (o_sh, o_n) = shingles(o_toks);
    let tp = overlap(&t_sh, &o_sh);
    let (tp, fp, fn_) = (tp as f64, (o_n - tp) as f64, (t_n - tp) as f64);
    let s = tp + fp + fn_;
    let (tp, fp, fn_) = if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    };
    let precision = if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    };
    let recall = if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    };
    PageScore {
        tp,
        fp,
        fn_,
        precision,
        recall,
        output_nonempty: o_n > 0,
        truth_nonempty: t_n > 0,
        exact: t_toks == o_toks,
    }
}

/// The bag-of-words score of one page (the WCXB view).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BowScore {
    /// Overlap / output tokens.
    pub precision: f64,
    /// Overlap / truth tokens.
    pub recall: f64,
    /// 2PR/(P+R).
    pub f1: f64,
}

/// Score one page with lower-cased bag-of-words overlap: an empty output scores 0, an empty
/// output on an empty truth scores 1, any output on an empty truth scores 0.
pub fn bow_score(truth: &str, output: &str) -> BowScore {
    let t_low = truth.to_lowercase();
    let o_low = output.to_lowercase();
    let t_toks = tokens(&t_low);
    let o_toks = tokens(&o_low);
    match (t_toks.is_empty(), o_toks.is_empty()) {
        (true, true) => {
            return BowScore {
                precision: 1.0,
                recall: 1.0,
                f1: 1.0,
            }
        }
        (true, false) | (false, true) => return BowScore::default(),
        (false, false) => {}
    }
    let t = count(t_toks.iter().map(|s| hash_token(s)), t_toks.len());
    let o = count(o_toks.iter().map(|s| hash_token(s)), o_toks.len());
    let common = overlap(&t, &o) as f64;
    let precision = common / o_toks.len() as f64;
    let recall = common / t_toks.len() as f64;
    BowScore {
        precision,
        recall,
        f1: f1(precision, recall),
    }
}

// ---------------------------------------------------------------------------------------------
// A dataset

/// The shingle figures of a set of pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Pages scored.
    pub n: usize,
    /// Mean precision over pages with output shingles.
    pub precision: f64,
    /// Mean recall over pages with truth shingles.
    pub recall: f64,
    /// 2PR/(P+R) of the two means.
    pub f1: f64,
    /// Share of pages whose token sequence equals the truth's.
    pub accuracy: f64,
    /// Bootstrap standard deviation of `precision`.
    pub precision_std: f64,
    /// Bootstrap standard deviation of `recall`.
    pub recall_std: f64,
    /// Bootstrap standard deviation of `f1`.
    pub f1_std: f64,
    /// Bootstrap standard deviation of `accuracy`.
    pub accuracy_std: f64,
}

/// Running sums from which the dataset figures are computed.
#[derive(Default, Clone, Copy)]
struct Sums {
    p: f64,
    p_n: usize,
    r: f64,
    r_n: usize,
    exact: usize,
    n: usize,
}

impl Sums {
    fn add(&mut self, s: &PageScore) {
        if s.output_nonempty {
            self.p += s.precision;
            self.p_n += 1;
        }
        if s.truth_nonempty {
            self.r += s.recall;
            self.r_n += 1;
        }
        self.exact += usize::from(s.exact);
        self.n += 1;
    }

    /// (precision, recall, f1, accuracy).
    fn figures(&self) -> (f64, f64, f64, f64) {
        let p = mean(self.p, self.p_n);
        let r = mean(self.r, self.r_n);
        (p, r, f1(p, r), mean(self.exact as f64, self.n))
    }
}

fn mean(sum: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// A tiny deterministic generator (SplitMix64) for the bootstrap.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A uniform index below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Population standard deviation.
fn std_dev(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64).sqrt()
}

/// The dataset figures of a set of page scores, with bootstrap standard deviations.
pub fn summarize(pages: &[PageScore]) -> Summary {
    let mut all = Sums::default();
    for s in pages {
        all.add(s);
    }
    let (precision, recall, f1v, accuracy) = all.figures();
    let mut out = Summary {
        n: pages.len(),
        precision,
        recall,
        f1: f1v,
        accuracy,
        ..Summary::default()
    };
    if pages.is_empty() {
        return out;
    }
    let mut rng = SplitMix64::new(BOOTSTRAP_SEED);
    let mut samples: [Vec<f64>; 4] = Default::default();
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let mut s = Sums::default();
        for _ in 0..pages.len() {
            s.add(&pages[rng.below(pages.len())]);
        }
        let (p, r, f, a) = s.figures();
        samples[0].push(p);
        samples[1].push(r);
        samples[2].push(f);
        samples[3].push(a);
    }
    out.precision_std = std_dev(&samples[0]);
    out.recall_std = std_dev(&samples[1]);
    out.f1_std = std_dev(&samples[2]);
    out.accuracy_std = std_dev(&samples[3]);
    out
}

/// Plain means of bag-of-words page scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BowSummary {
    /// Pages scored.
    pub n: usize,
    /// Mean page precision.
    pub precision: f64,
    /// Mean page recall.
    pub recall: f64,
    /// Mean page F1.
    pub f1: f64,
}

/// Plain means of bag-of-words page scores.
pub fn summarize_bow(pages: &[BowScore]) -> BowSummary {
    let n = pages.len();
    BowSummary {
        n,
        precision: mean(pages.iter().map(|s| s.precision).sum(), n),
        recall: mean(pages.iter().map(|s| s.recall).sum(), n),
        f1: mean(pages.iter().map(|s| s.f1).sum(), n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOX: &str = "The quick brown fox jumps over the lazy dog.";

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    fn check(truth: &str, output: &str, tp: f64, fp: f64, fn_: f64, p: Option<f64>, r: f64) {
        let s = score_page(truth, output);
        assert!(close(s.tp, tp), "tp {} != {tp} for {output:?}", s.tp);
        assert!(close(s.fp, fp), "fp {} != {fp} for {output:?}", s.fp);
        assert!(close(s.fn_, fn_), "fn {} != {fn_} for {output:?}", s.fn_);
        match p {
            Some(p) => {
                assert!(s.output_nonempty);
                assert!(close(s.precision, p), "P {} != {p}", s.precision);
            }
            None => assert!(!s.output_nonempty, "empty output must not count for P"),
        }
        assert!(s.truth_nonempty);
        assert!(close(s.recall, r), "R {} != {r}", s.recall);
    }

    #[test]
    fn worked_example_same_text() {
        check(FOX, FOX, 1.0, 0.0, 0.0, Some(1.0), 1.0);
        assert!(score_page(FOX, FOX).exact);
    }

    #[test]
    fn worked_example_menu_prefix() {
        check(
            FOX,
            "Menu Home The quick brown fox jumps over the lazy dog.",
            0.75,
            0.25,
            0.0,
            Some(0.75),
            1.0,
        );
    }

    #[test]
    fn worked_example_truncated() {
        check(
            FOX,
            "The quick brown fox jumps.",
            0.3333,
            0.0,
            0.6667,
            Some(1.0),
            0.3333,
        );
    }

    #[test]
    fn worked_example_short_text_punctuation() {
        check(
            "Hello world",
            "Hello, world!",
            1.0,
            0.0,
            0.0,
            Some(1.0),
            1.0,
        );
        assert!(score_page("Hello world", "Hello, world!").exact);
    }

    #[test]
    fn worked_example_empty_output() {
        check("Hello world", "", 0.0, 0.0, 1.0, None, 0.0);
        let d = summarize(&[score_page("Hello world", "")]);
        assert_eq!(d.recall, 0.0);
        assert_eq!(d.accuracy, 0.0);
    }

    #[test]
    fn empty_truth_counts_against_precision_only() {
        let s = score_page("", "Some chrome text here");
        assert!(s.output_nonempty && !s.truth_nonempty);
        assert_eq!(s.precision, 0.0);
        let both = score_page("", " ... ");
        assert!(!both.output_nonempty && !both.truth_nonempty && both.exact);
    }

    #[test]
    fn dataset_means_are_taken_separately() {
        let pages = [
            score_page(FOX, FOX),
            score_page(
                FOX,
                "Menu Home The quick brown fox jumps over the lazy dog.",
            ),
            score_page("Hello world", ""),
        ];
        let d = summarize(&pages);
        assert!(close(d.precision, (1.0 + 0.75) / 2.0));
        assert!(close(d.recall, (1.0 + 1.0 + 0.0) / 3.0));
        assert!(close(d.f1, f1(0.875, 2.0 / 3.0)));
        assert!(close(d.accuracy, 1.0 / 3.0));
        assert!(d.f1_std > 0.0);
        assert_eq!(summarize(&pages), d, "bootstrap must be deterministic");
    }

    #[test]
    fn tokens_follow_python_word_chars() {
        assert_eq!(tokens("Hello, world!"), ["Hello", "world"]);
        assert_eq!(tokens("3.14 ½ Ⅻ ǅ ˆ"), ["3", "14", "½", "Ⅻ", "ǅ", "ˆ"]);
        assert!(tokens("  -- ;; ").is_empty());
    }

    #[test]
    fn combining_marks_split_devanagari_words() {
        // Python: re.findall(r'\w+', 'हिन्दी') == ['ह', 'न', 'द']: the vowel signs (Mc) and the
        // virama (Mn) are not word characters.
        assert_eq!(tokens("हिन्दी"), ["ह", "न", "द"]);
        // A Latin letter with a combining accent splits too.
        assert_eq!(tokens("cafe\u{301} noir"), ["cafe", "noir"]);
    }

    #[test]
    fn underscore_is_a_word_char() {
        assert_eq!(tokens("foo_bar _x_ a-b"), ["foo_bar", "_x_", "a", "b"]);
    }

    #[test]
    fn shingle_multiset_counts_repeats() {
        // "a b c d a b c d": windows abcd, bcda, cdab, dabc, abcd -> abcd twice.
        let (m, n) = shingles(&tokens("a b c d a b c d"));
        assert_eq!(n, 5);
        assert_eq!(m.len(), 4);
        let s = score_page("a b c d", "a b c d a b c d");
        assert!(close(s.tp, 0.2) && close(s.fp, 0.8) && close(s.fn_, 0.0));
    }

    #[test]
    fn bag_of_words() {
        let s = bow_score("Hello World hello", "hello there");
        assert!(close(s.precision, 0.5) && close(s.recall, 1.0 / 3.0));
        assert!(close(s.f1, f1(0.5, 1.0 / 3.0)));
        assert_eq!(bow_score("", "").f1, 1.0);
        assert_eq!(bow_score("x", "").f1, 0.0);
        assert_eq!(bow_score("", "x").f1, 0.0);
        let b = summarize_bow(&[bow_score("a", "a"), bow_score("a", "")]);
        assert!(close(b.f1, 0.5));
    }
}
