//! Duplicate signatures of a document's text: an exact-content hash and a 64-bit SimHash,
//! so downstream deduplication needs no second pass over the text.

use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Words per shingle of the SimHash.
const SHINGLE: usize = 3;

/// XXH3-128 of the text's bytes, as 32 hex digits: equal texts, equal hashes.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// SimHash over word 3-shingles of the lower-cased text (XXH3-64 per word, a shingle's
/// hash mixed from its words' hashes, one vote per bit): texts that differ in a few words
/// differ in a few bits (compare with the Hamming distance; about 3 bits or fewer out of
/// 64 is the usual near-duplicate threshold). A text shorter than one shingle hashes its
/// words; an empty text is 0.
pub fn simhash(text: &str) -> u64 {
    // words already in lower case (most of them) are hashed where they are
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                xxh3_64(w.as_bytes())
            } else {
                xxh3_64(w.to_lowercase().as_bytes())
            }
        })
        .collect();
    let mut votes = Votes::default();
    if words.len() < SHINGLE {
        words.iter().for_each(|&h| votes.add(h));
    } else {
        for w in words.windows(SHINGLE) {
            if let [a, b, c] = *w {
                votes.add(mix(a, b, c));
            }
        }
    }
    votes.majority()
}

/// One 64-bit hash of three words' hashes, in order.
fn mix(a: u64, b: u64, c: u64) -> u64 {
    // murmur3's 64-bit finaliser over the words' hashes, rotated apart so that order counts
    let mut x = a ^ b.rotate_left(21) ^ c.rotate_left(42);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// `SPREAD[b]` holds bit `j` of `b` in its byte `j`: adding it counts `b`'s bits in eight
/// byte-wide lanes at once.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            t[b] |= ((b as u64 >> j) & 1) << (8 * j);
            j += 1;
        }
        b += 1;
    }
    t
};

/// Per-bit counts of the hashes added: bit `8 * i + j` of each hash is counted in byte
/// `j` of `lanes[i]`, moved to `ones` before a byte can overflow.
struct Votes {
    lanes: [u64; 8],
    pending: u32,
    ones: [u32; 64],
    total: u32,
}

impl Default for Votes {
    fn default() -> Self {
        Votes {
            lanes: [0; 8],
            pending: 0,
            ones: [0; 64],
            total: 0,
        }
    }
}

impl Votes {
    fn add(&mut self, h: u64) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[usize::from((h >> (8 * i)) as u8)];
        }
        self.total += 1;
        self.pending += 1;
        if self.pending == u32::from(u8::MAX) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            for (j, n) in self.ones[8 * i..8 * i + 8].iter_mut().enumerate() {
                *n += ((*lane >> (8 * j)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Each bit set where more than half the hashes have it.
    fn majority(mut self) -> u64 {
        self.flush();
        let total = self.total;
        self.ones
            .iter()
            .enumerate()
            .filter(|(_, &n)| 2 * n > total)
            .fold(0, |acc, (bit, _)| acc | 1 << bit)
    }
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
    fn lane_votes_count_every_bit() {
        // a simple generator; more than 255 hashes so that the lanes are flushed
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let hashes: Vec<u64> = (0..1000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            })
            .collect();
        for n in [1, 3, 255, 256, 1000] {
            let mut votes = Votes::default();
            let mut ones = [0u32; 64];
            for &h in &hashes[..n] {
                votes.add(h);
                for (bit, c) in ones.iter_mut().enumerate() {
                    *c += (h >> bit & 1) as u32;
                }
            }
            let want = (0..64)
                .filter(|&bit| 2 * ones[bit] > n as u32)
                .fold(0u64, |acc, bit| acc | 1 << bit);
            assert_eq!(votes.majority(), want, "{n} hashes");
        }
    }

    #[test]
    fn word_order_counts() {
        assert_ne!(mix(1, 2, 3), mix(3, 2, 1));
        assert_ne!(
            simhash("one two three four five six"),
            simhash("six five four three two one")
        );
    }

    #[test]
    fn content_hashes_tell_exact_copies() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        assert_eq!(content_hash("").len(), 32);
    }
}
