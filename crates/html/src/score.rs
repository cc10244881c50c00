//! Scoring main-text extraction the way the article-extraction-benchmark does.
//!
//! The protocol (described in `shared/external/article-extraction-benchmark/README.md`) compares
//! a predicted article body with the gold one through multisets of 4-word shingles:
//!
//! 1. Tokens are the maximal runs of word characters: `_` and every code point whose Unicode
//!    general category is a letter (`L*`) or a number (`N*`). Combining marks are *not* word
//!    characters (they split a word); `½` (`No`) is one. Case is kept.
//! 2. A token list of length `n ≥ 4` gives the `n − 3` overlapping 4-token windows; a list of
//!    1 to 3 tokens gives one shingle, the whole list; an empty list gives none.
//! 3. Per page, `tp`, `fp` and `fn` come from the shingle counts; precision exists only when the
//!    prediction has a shingle, recall only when the gold has one.
//! 4. P and R are macro means over the pages where they exist; F1 is the harmonic mean of the two
//!    means; accuracy is the share of pages whose token lists are identical.
//! 5. The ± figures are sample standard deviations over bootstrap resamples of the pages.
//!
//! This module is pure: the caller supplies the texts and the bootstrap seed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Word-character runs by Unicode general category (letters, numbers, underscore).
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("the word pattern is a valid regex"));

/// Splits `text` into benchmark tokens: the maximal runs of word characters, in order.
///
/// ```
/// let tokens: Vec<&str> = html::score::tokens("Don't pay ½ price!").collect();
/// assert_eq!(tokens, ["Don", "t", "pay", "½", "price"]);
/// ```
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    WORD.find_iter(text).map(|m| m.as_str())
}

/// How one predicted page compares with its gold text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    /// Shingles shared by prediction and gold (counted as multisets).
    pub true_positives: u64,
    /// Predicted shingles beyond those in the gold.
    pub false_positives: u64,
    /// Gold shingles the prediction misses.
    pub false_negatives: u64,
    /// `tp / (tp + fp)`; `None` when the prediction has no shingle.
    pub precision: Option<f64>,
    /// `tp / (tp + fn)`; `None` when the gold has no shingle.
    pub recall: Option<f64>,
    /// Whether the two token lists are identical (two empty texts are).
    pub exact: bool,
}

impl PageScore {
    /// The page's own F1 (harmonic mean of its precision and recall), 0 when either is missing
    /// or both are 0. Only used to rank pages; the benchmark's F1 is [`Summary::f1`].
    pub fn f1(&self) -> f64 {
        match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        }
    }
}

/// Adds every shingle of `tokens` to `counts`, at `slot` 0 (gold) or 1 (prediction).
fn add_shingles<'t>(
    tokens: &'t [&'t str],
    slot: usize,
    counts: &mut HashMap<&'t [&'t str], [u64; 2]>,
) {
    match tokens.len() {
        0 => {}
        1..=3 => counts.entry(tokens).or_default()[slot] += 1,
        _ => {
            for window in tokens.windows(4) {
                counts.entry(window).or_default()[slot] += 1;
            }
        }
    }
}

/// Compares one predicted article body with the gold one.
///
/// ```
/// let page = html::score::compare("one two three four five", "one two three four");
/// assert_eq!((page.true_positives, page.false_positives, page.false_negatives), (1, 0, 1));
/// assert_eq!(page.precision, Some(1.0));
/// assert_eq!(page.recall, Some(0.5));
/// ```
pub fn compare(gold: &str, predicted: &str) -> PageScore {
    let gold_tokens: Vec<&str> = tokens(gold).collect();
    let predicted_tokens: Vec<&str> = tokens(predicted).collect();
    let mut counts: HashMap<&[&str], [u64; 2]> = HashMap::new();
    add_shingles(&gold_tokens, 0, &mut counts);
    add_shingles(&predicted_tokens, 1, &mut counts);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for [g, p] in counts.into_values() {
        tp += g.min(p);
        fp += p.saturating_sub(g);
        fn_ += g.saturating_sub(p);
    }
    let ratio = |num: u64, den: u64| (den > 0).then(|| num as f64 / den as f64);
    PageScore {
        true_positives: tp,
        false_positives: fp,
        false_negatives: fn_,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn_),
        exact: gold_tokens == predicted_tokens,
    }
}

/// A figure with its bootstrap standard deviation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The point estimate over all pages.
    pub value: f64,
    /// Sample standard deviation (n − 1) over the bootstrap resamples; 0 with fewer than two.
    pub sd: f64,
}

/// Benchmark figures over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Mean of the per-page precisions that exist.
    pub precision: Figure,
    /// Mean of the per-page recalls that exist.
    pub recall: Figure,
    /// Harmonic mean of the mean precision and the mean recall.
    pub f1: Figure,
    /// Share of pages whose predicted token list equals the gold one.
    pub accuracy: Figure,
    /// Number of pages scored.
    pub pages: usize,
}

/// Point estimates `[precision, recall, f1, accuracy]` over the pages picked by `indices`.
fn point(pages: &[PageScore], indices: impl Iterator<Item = usize>) -> [f64; 4] {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n, mut exact, mut n) =
        (0.0, 0u64, 0.0, 0u64, 0u64, 0u64);
    for i in indices {
        let page = &pages[i];
        if let Some(p) = page.precision {
            p_sum += p;
            p_n += 1;
        }
        if let Some(r) = page.recall {
            r_sum += r;
            r_n += 1;
        }
        exact += u64::from(page.exact);
        n += 1;
    }
    let mean = |sum: f64, count: u64| if count > 0 { sum / count as f64 } else { 0.0 };
    let (p, r) = (mean(p_sum, p_n), mean(r_sum, r_n));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    [p, r, f1, mean(exact as f64, n)]
}

/// SplitMix64: a small, fixed, well-mixed generator so bootstrap figures are reproducible.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (Lemire's multiply-shift; the bias is below 2^-50 here).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// Averages page scores into the benchmark's figures, with `resamples` bootstrap resamples
/// drawn from a generator seeded with `seed` (the benchmark uses 1,000 resamples).
///
/// ```
/// use html::score::{compare, summarize};
/// let pages = [compare("a b c d e", "a b c d e"), compare("a b c d e", "")];
/// let summary = summarize(&pages, 0, 1);
/// assert_eq!(summary.precision.value, 1.0); // the empty prediction has no precision
/// assert_eq!(summary.recall.value, 0.5);
/// assert_eq!(summary.accuracy.value, 0.5);
/// ```
pub fn summarize(pages: &[PageScore], resamples: usize, seed: u64) -> Summary {
    let values = point(pages, 0..pages.len());
    let mut sds = [0.0; 4];
    if resamples >= 2 && !pages.is_empty() {
        let mut rng = SplitMix64(seed);
        let mut draws: Vec<[f64; 4]> = Vec::with_capacity(resamples);
        let mut picked = vec![0usize; pages.len()];
        for _ in 0..resamples {
            for slot in &mut picked {
                *slot = rng.below(pages.len());
            }
            draws.push(point(pages, picked.iter().copied()));
        }
        for (k, sd) in sds.iter_mut().enumerate() {
            let mean = draws.iter().map(|d| d[k]).sum::<f64>() / resamples as f64;
            let var =
                draws.iter().map(|d| (d[k] - mean).powi(2)).sum::<f64>() / (resamples - 1) as f64;
            *sd = var.sqrt();
        }
    }
    let figure = |k: usize| Figure {
        value: values[k],
        sd: sds[k],
    };
    Summary {
        precision: figure(0),
        recall: figure(1),
        f1: figure(2),
        accuracy: figure(3),
        pages: pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_tokens(text: &str, want: &[&str]) {
        assert_eq!(tokens(text).collect::<Vec<_>>(), want);
    }

    #[test]
    fn tokens_split_on_punctuation_and_keep_case() {
        check_tokens(
            "Talks, in Oman—resumed (again)!",
            &["Talks", "in", "Oman", "resumed", "again"],
        );
        check_tokens("snake_case 42nd", &["snake_case", "42nd"]);
    }

    #[test]
    fn combining_marks_split_words() {
        // "e" + U+0301 COMBINING ACUTE ACCENT: the mark is not a word character.
        check_tokens("cafe\u{301}s", &["cafe", "s"]);
        // Devanagari "हिंदी": the vowel signs and anusvara (Mn/Mc) split the word.
        check_tokens("हिंदी", &["ह", "द"]);
        // The emoji variation selector U+FE0F separates too.
        check_tokens("ok\u{fe0f}go", &["ok", "go"]);
    }

    #[test]
    fn other_numbers_are_word_characters() {
        check_tokens("1½ cups ¾full", &["1½", "cups", "¾full"]);
    }

    #[test]
    fn short_lists_are_one_shingle() {
        // Three tokens: one shingle, matching only an identical short list.
        let same = compare("Breaking news today", "Breaking, news: today");
        assert_eq!(
            (
                same.true_positives,
                same.false_positives,
                same.false_negatives
            ),
            (1, 0, 0)
        );
        assert!(same.exact);
        let shorter = compare("Breaking news today", "Breaking news");
        assert_eq!(
            (
                shorter.true_positives,
                shorter.false_positives,
                shorter.false_negatives
            ),
            (0, 1, 1)
        );
        assert_eq!(shorter.precision, Some(0.0));
        // A short prediction inside a long gold text still matches nothing.
        let inside = compare("alpha beta gamma delta", "alpha beta gamma");
        assert_eq!(
            (
                inside.true_positives,
                inside.false_positives,
                inside.false_negatives
            ),
            (0, 1, 1)
        );
    }

    #[test]
    fn shingles_are_counted_as_multisets() {
        // Gold has the window "a b c d" twice; the prediction once.
        let gold = "a b c d a b c d";
        let page = compare(gold, "a b c d");
        // Gold windows: abcd, bcda, cdab, dabc, abcd → abcd×2 + 3 others.
        assert_eq!(page.true_positives, 1);
        assert_eq!(page.false_positives, 0);
        assert_eq!(page.false_negatives, 4);
        // A prediction repeating a window more often than the gold gets false positives.
        let page = compare("a b c d", "a b c d x a b c d");
        assert_eq!(
            (
                page.true_positives,
                page.false_positives,
                page.false_negatives
            ),
            (1, 5, 0)
        );
    }

    #[test]
    fn empty_prediction_has_recall_zero_and_no_precision() {
        let page = compare("one two three four five six", "  ...  ");
        assert_eq!(page.precision, None);
        assert_eq!(page.recall, Some(0.0));
        assert!(!page.exact);
        let both_empty = compare("", "!!");
        assert_eq!((both_empty.precision, both_empty.recall), (None, None));
        assert!(both_empty.exact);
    }

    #[test]
    fn summary_is_f1_of_means_and_excludes_missing_precision() {
        let pages = [
            compare("a b c d e", "a b c d e"),         // p 1, r 1
            compare("a b c d e", "a b c d x y z w v"), // 1 of 6 predicted, 1 of 2 gold
            compare("a b c d e", ""),                  // no p, r 0
        ];
        assert_eq!(pages[1].precision, Some(1.0 / 6.0));
        assert_eq!(pages[1].recall, Some(0.5));
        let s = summarize(&pages, 0, 7);
        let p = (1.0 + 1.0 / 6.0) / 2.0;
        let r = (1.0 + 0.5 + 0.0) / 3.0;
        assert!((s.precision.value - p).abs() < 1e-12);
        assert!((s.recall.value - r).abs() < 1e-12);
        assert!((s.f1.value - 2.0 * p * r / (p + r)).abs() < 1e-12);
        assert!((s.accuracy.value - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.pages, 3);
    }

    #[test]
    fn bootstrap_is_seeded_and_spreads() {
        let pages: Vec<PageScore> = (0..40)
            .map(|i| {
                if i % 3 == 0 {
                    compare("a b c d e", "a b c d e")
                } else {
                    compare("a b c d e", "a b c d z")
                }
            })
            .collect();
        let one = summarize(&pages, 200, 42);
        let two = summarize(&pages, 200, 42);
        assert_eq!(one, two);
        assert!(
            one.recall.sd > 0.01 && one.recall.sd < 0.2,
            "sd {}",
            one.recall.sd
        );
        // All pages identical → no spread.
        let flat = summarize(&vec![compare("a b c d", "a b c d"); 10], 100, 1);
        assert_eq!(flat.f1.sd, 0.0);
        assert_eq!(flat.f1.value, 1.0);
    }
}
