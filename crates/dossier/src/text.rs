//! Text helpers: a folded copy of a document for matching (ASCII lowercase, one kind of
//! hyphen, apostrophe and quotation mark, whitespace runs collapsed) that maps every byte
//! back to the original text, and phrase sets matched with Aho-Corasick at word boundaries.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};

/// A folded copy of a text with a map from each folded byte to its original offset.
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<u32>,
}

impl Folded {
    /// Folds `src`.
    pub fn new(src: &str) -> Folded {
        let mut text = String::with_capacity(src.len());
        let mut map = Vec::with_capacity(src.len() + 1);
        let mut last_space = false;
        for (i, c) in src.char_indices() {
            let f = fold_char(c);
            if f == ' ' {
                if last_space {
                    continue;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            let before = text.len();
            text.push(f);
            for k in 0..(text.len() - before) {
                let orig = if f == c { i + k } else { i };
                map.push(orig as u32);
            }
        }
        map.push(src.len() as u32);
        Folded { text, map }
    }

    /// Original offset of a folded offset.
    pub fn orig(&self, folded: usize) -> usize {
        self.map
            .get(folded)
            .copied()
            .or_else(|| self.map.last().copied())
            .unwrap_or(0) as usize
    }

    /// First folded offset at or after an original offset.
    pub fn folded(&self, orig: usize) -> usize {
        self.map
            .partition_point(|&o| (o as usize) < orig)
            .min(self.text.len())
    }

    /// Folded range of an original range.
    pub fn range(&self, start: u32, end: u32) -> Range<usize> {
        let a = self.folded(start as usize);
        let b = self.folded(end as usize).max(a);
        a..b
    }
}

/// Folds one character for matching.
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => '"',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Folds a pattern the way [`Folded::new`] folds a text.
pub fn fold_str(s: &str) -> String {
    Folded::new(s.trim()).text
}

/// True for bytes that belong to words (letters, digits, any non-ASCII byte).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// How a phrase may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// At a word boundary.
    Exact,
    /// At a word boundary or followed by an inflection (`s`, `ed`, `ing`, `ment`…).
    Inflected,
}

const SUFFIXES: &[&str] = &[
    "s", "es", "ed", "d", "ing", "ment", "ments", "or", "ors", "ion", "ions", "y", "ies", "al",
    "ally", "ly", "n", "ened",
];

/// A set of phrases, each with a payload, matched leftmost-longest at word boundaries.
pub struct PhraseSet<T> {
    ac: Option<AhoCorasick>,
    items: Vec<(T, Ending)>,
}

/// One match of a [`PhraseSet`]: folded byte range and the payload.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    /// Folded start.
    pub start: usize,
    /// Folded end (including an accepted inflection).
    pub end: usize,
    /// The phrase's payload.
    pub item: &'a T,
}

impl<T> PhraseSet<T> {
    /// Builds the set; phrases are folded first, empty phrases are dropped.
    pub fn new(entries: impl IntoIterator<Item = (String, T, Ending)>) -> PhraseSet<T> {
        let mut pats = Vec::new();
        let mut items = Vec::new();
        for (p, t, e) in entries {
            let f = fold_str(&p);
            if f.is_empty() {
                continue;
            }
            pats.push(f);
            items.push((t, e));
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .ok();
        PhraseSet { ac, items }
    }

    /// All hits inside `range` of the folded text.
    pub fn find<'s>(&'s self, text: &str, range: Range<usize>) -> Vec<Hit<'s, T>> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        if range.start >= range.end || range.end > text.len() {
            return out;
        }
        let bytes = text.as_bytes();
        for m in ac.find_iter(Input::new(text).range(range.clone())) {
            let (item, ending) = &self.items[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            let first = bytes[s];
            if is_word_byte(first) && s > 0 && is_word_byte(bytes[s - 1]) {
                continue;
            }
            let last = bytes[e - 1];
            let mut end = e;
            if is_word_byte(last) && e < bytes.len() && is_word_byte(bytes[e]) {
                if *ending == Ending::Exact {
                    continue;
                }
                let mut w = e;
                while w < bytes.len() && is_word_byte(bytes[w]) {
                    w += 1;
                }
                let suffix = &text[e..w];
                if !SUFFIXES.contains(&suffix) {
                    continue;
                }
                end = w;
            }
            out.push(Hit {
                start: s,
                end,
                item,
            });
        }
        out
    }
}

/// Shrinks a byte range to fit `text` on char boundaries.
pub fn char_range(text: &str, r: Range<usize>) -> Range<usize> {
    let mut a = r.start.min(text.len());
    let mut b = r.end.min(text.len()).max(a);
    while a < b && !text.is_char_boundary(a) {
        a += 1;
    }
    while b > a && !text.is_char_boundary(b) {
        b -= 1;
    }
    a..b
}

/// True when `needle` occurs as a whole word or phrase in `text[range]`.
pub fn has_word(text: &str, range: Range<usize>, needle: &str) -> bool {
    let range = char_range(text, range);
    let hay = &text[range.clone()];
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let s = range.start + from + p;
        let e = s + needle.len();
        let left = s == 0 || !is_word_byte(bytes[s - 1]);
        let right = e >= bytes.len() || !is_word_byte(bytes[e]);
        if left && right {
            return true;
        }
        from += p + needle.len().max(1);
        if from >= hay.len() {
            break;
        }
    }
    false
}

/// Position of the last word before `pos` (folded offsets), skipping `n - 1` words.
pub fn words_before(text: &str, floor: usize, pos: usize, n: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut i = pos.min(text.len());
    let mut count = 0;
    while i > floor && count < n {
        while i > floor && !is_word_byte(bytes[i - 1]) {
            i -= 1;
        }
        while i > floor && is_word_byte(bytes[i - 1]) {
            i -= 1;
        }
        count += 1;
    }
    i..pos.min(text.len())
}

/// Trims to at most `max` words, on char boundaries.
pub fn clip_words(s: &str, max: usize) -> String {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'));
    let mut out = String::new();
    for (i, w) in trimmed.split_whitespace().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_a_byte_map() {
        let src = "Iran’s  NUCLEAR‑only\n\ndeal";
        let f = Folded::new(src);
        assert_eq!(f.text, "iran's nuclear-only deal");
        let p = f.text.find("deal").expect("present");
        assert_eq!(&src[f.orig(p)..], "deal");
        let q = f.text.find("nuclear").expect("present");
        assert_eq!(&src[f.orig(q)..f.orig(q + 7)], "NUCLEAR");
        assert_eq!(f.folded(f.orig(p)), p);
    }

    #[test]
    fn phrases_respect_word_boundaries_and_inflections() {
        let set = PhraseSet::new([
            ("enrich".to_owned(), 1, Ending::Inflected),
            ("host".to_owned(), 2, Ending::Inflected),
            ("red line".to_owned(), 3, Ending::Exact),
        ]);
        let f = Folded::new("Enrichment hostage, hosted, red lines, red line.");
        let hits: Vec<(i32, &str)> = set
            .find(&f.text, 0..f.text.len())
            .iter()
            .map(|h| (*h.item, &f.text[h.start..h.end]))
            .collect();
        assert_eq!(
            hits,
            vec![(1, "enrichment"), (2, "hosted"), (3, "red line")]
        );
    }
}
