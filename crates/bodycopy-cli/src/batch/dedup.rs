//! Duplicate signatures of a document's text: an exact-content hash and a 64-bit SimHash,
//! so downstream deduplication needs no second pass over the text.

use std::borrow::Cow;

use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Words per shingle of the SimHash.
const SHINGLE: usize = 3;

/// XXH3-128 of the text's bytes, as 32 hex digits: equal texts, equal hashes.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// SimHash over word 3-shingles of the lower-cased text (XXH3-64 per shingle, one vote
/// per bit): texts that differ in a few words differ in a few bits (compare with the
/// Hamming distance; about 3 bits or fewer out of 64 is the usual near-duplicate
/// threshold). A text shorter than one shingle hashes its words; an empty text is 0.
pub fn simhash(text: &str) -> u64 {
    // words already in lower case (most of them) are borrowed, not copied
    let words: Vec<Cow<'_, str>> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect();
    if words.is_empty() {
        return 0;
    }
    // per bit, how many shingle hashes have it set; a bit wins its vote when set in
    // more than half of them
    let mut ones = [0u32; 64];
    let mut hashes = 0u32;
    let mut add = |h: u64| {
        hashes += 1;
        for (bit, n) in ones.iter_mut().enumerate() {
            *n += (h >> bit & 1) as u32;
        }
    };
    if words.len() < SHINGLE {
        words.iter().for_each(|w| add(xxh3_64(w.as_bytes())));
    } else {
        let mut buf = String::new();
        for window in words.windows(SHINGLE) {
            buf.clear();
            for w in window {
                buf.push_str(w);
                buf.push(' ');
            }
            add(xxh3_64(buf.as_bytes()));
        }
    }
    ones.iter()
        .enumerate()
        .filter(|(_, &n)| 2 * n > hashes)
        .fold(0, |acc, (bit, _)| acc | 1 << bit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize, changed: &[usize]) -> String {
        (0..n)
            .map(|i| {
                if changed.contains(&i) {
                    format!("other{i}")
                } else {
                    format!("word{}", i * 7 % 101)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn near_duplicates_are_close_and_different_texts_are_far() {
        let a = simhash(&text(400, &[]));
        let b = simhash(&text(400, &[17, 230]));
        let c = simhash("an entirely different story about the weather in spring and rain");
        assert!((a ^ b).count_ones() <= 6, "{}", (a ^ b).count_ones());
        assert!((a ^ c).count_ones() >= 16, "{}", (a ^ c).count_ones());
        assert_eq!(
            simhash("Same WORDS, same words!"),
            simhash("same words same words")
        );
        assert_eq!(simhash(""), 0);
    }

    #[test]
    fn content_hashes_tell_exact_copies() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        assert_eq!(content_hash("").len(), 32);
    }
}
