//! Content hashes (exact duplicates) and MinHash signatures (near-duplicates).

use sha2::{Digest, Sha256};

/// Number of MinHash values in a signature.
pub const SIGNATURE_LEN: usize = 128;
/// Rows per LSH band; `SIGNATURE_LEN / BAND_ROWS` bands.
pub const BAND_ROWS: usize = 4;
/// Estimated Jaccard similarity of word 4-shingles at or above which two documents are
/// near-duplicates (a syndicated copy with a changed headline and a sentence or two).
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.6;
const SHINGLE: usize = 4;

/// SHA-256 (lowercase hex) of the text with case folded and whitespace runs collapsed, so
/// that copies differing only in line wrapping or capitalisation hash alike.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        first = false;
        let mut buf = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            hasher.update(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble < 16"));
        hex.push(char::from_digit(u32::from(byte & 15), 16).expect("nibble < 16"));
    }
    hex
}

/// A MinHash signature over lower-cased word 4-shingles; empty for texts too short to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<u64>);

impl Fingerprint {
    /// Computes the signature of a text.
    pub fn of(text: &str) -> Fingerprint {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash)
            .collect();
        if words.len() < SHINGLE * 2 {
            return Fingerprint(Vec::new());
        }
        let mut mins = vec![u64::MAX; SIGNATURE_LEN];
        for window in words.windows(SHINGLE) {
            let mut h = 0xcbf2_9ce4_8422_2325_u64;
            for &w in window {
                h = splitmix(h ^ w);
            }
            // Double hashing: the i-th permutation is h1 + i·h2 (Kirsch–Mitzenmacher), two
            // operations per value instead of a full mix.
            let h1 = h;
            let h2 = splitmix(h ^ SEED) | 1;
            let mut v = h1;
            for slot in mins.iter_mut() {
                if v < *slot {
                    *slot = v;
                }
                v = v.wrapping_add(h2);
            }
        }
        Fingerprint(mins)
    }

    /// Rebuilds a signature read back from storage.
    pub fn from_values(values: Vec<u64>) -> Fingerprint {
        Fingerprint(values)
    }

    /// The signature values (empty for short texts).
    pub fn values(&self) -> &[u64] {
        &self.0
    }

    /// LSH band keys: one hash per band of [`BAND_ROWS`] values, paired with the band index.
    pub fn bands(&self) -> Vec<(u32, i64)> {
        self.0
            .chunks(BAND_ROWS)
            .enumerate()
            .filter(|(_, rows)| rows.len() == BAND_ROWS)
            .map(|(band, rows)| {
                let mut h = band as u64;
                for &r in rows {
                    h = splitmix(h ^ r);
                }
                (band as u32, h as i64)
            })
            .collect()
    }

    /// Estimated Jaccard similarity with another signature (0 when either is empty).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// Serialises the signature as little-endian bytes for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads bytes written by [`Fingerprint::to_bytes`]; trailing partial values are ignored.
    pub fn from_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint(
            bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("chunk of 8")))
                .collect(),
        )
    }
}

/// Seed of the second hash of a shingle.
const SEED: u64 = 0x2545_f491_4f6c_dd1d;

fn word_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for c in word.chars().flat_map(char::to_lowercase) {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Negotiators from both countries met for six hours in Geneva on Tuesday, \
        officials said, and agreed to exchange draft texts on tariffs before a second round. \
        The talks focused on steel quotas, farm subsidies and the timeline for lifting duties. \
        Neither delegation spoke to reporters after the session, but a mediator said the tone \
        had been constructive and that experts would meet again within two weeks to narrow \
        the remaining gaps on market access and dispute settlement.";

    #[test]
    fn hash_ignores_case_and_spacing_only() {
        assert_eq!(
            content_hash("Talks  resume\nTODAY"),
            content_hash("talks resume today")
        );
        assert_ne!(
            content_hash("talks resume today"),
            content_hash("talks resumed today")
        );
        assert_eq!(content_hash("").len(), 64);
    }

    #[test]
    fn near_copy_is_similar_and_other_story_is_not() {
        let copy = STORY.replace(
            "Neither delegation spoke to reporters after the session,",
            "The delegations declined to comment afterwards,",
        ) + " Reporting by the wire desk.";
        let other = "Rebel commanders rejected the ceasefire proposal on Sunday and said fighting \
            would continue near the northern border until prisoners were released by the army.";
        let a = Fingerprint::of(STORY);
        assert_eq!(a.values().len(), SIGNATURE_LEN);
        let b = Fingerprint::of(&copy);
        let c = Fingerprint::of(other);
        assert!(
            a.similarity(&b) >= NEAR_DUPLICATE_THRESHOLD,
            "{}",
            a.similarity(&b)
        );
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        let shared = a
            .bands()
            .iter()
            .zip(b.bands())
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0, "a near copy shares at least one band");
        assert_eq!(Fingerprint::from_bytes(&a.to_bytes()), a);
    }

    #[test]
    fn short_text_has_no_signature() {
        assert!(Fingerprint::of("Talks resume.").values().is_empty());
    }
}
