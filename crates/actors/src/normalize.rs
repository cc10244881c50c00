//! Normalisation of text and dictionary phrases into one matching key, with a map from
//! every normalised byte back to the original text.
//!
//! Dictionary phrases and article text go through the same function, so a spelling rule
//! written here holds for every name at once instead of a hand list of variants:
//!
//! - case and diacritics are folded (`Grossí` → `grossi`) through canonical decomposition;
//! - apostrophes inside a word are dropped (`Khamene'i` → `khamenei`), a possessive `'s` /
//!   `’s` becomes a word break (`Araghchi’s` → `araghchi`);
//! - dots of acronyms are dropped (`U.S.` → `us`); other dots, commas, quotes and brackets
//!   become a hard break `|` that no multi-word phrase spans;
//! - hyphens, dashes and whitespace become one soft break ` `;
//! - the Arabic article `al`/`el` before a name is optional (`al-Busaidi`, `Al Busaidi`,
//!   `Busaidi` all give `busaidi`);
//! - transliteration variants of Arabic and Persian names fold together: `q`, `gh` → `k`,
//!   `ph` → `f`, `dj` → `j`, `ou`, `oo` → `u`, and doubled letters collapse
//!   (`Araqchi`/`Araghchi` → `arakchi`, `Rouhani`/`Ruhani` → `ruhani`, `Hassan`/`Hasan`).
//!   A plain `o` stays: folding it to `u` made English words meet odd spellings in the
//!   PETRARCH lists ("Some" met "Soome", a name of Finland).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The soft word break (whitespace, hyphen, dash, possessive).
pub const SOFT: u8 = b' ';
/// The hard break (sentence and clause punctuation).
pub const HARD: u8 = b'|';

/// A normalised copy of a text with, for every byte of it, the original byte range of the
/// character(s) it came from. Reuse one value across documents to avoid allocation.
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    text: String,
    // For every byte of `text`: the original byte range it came from.
    ranges: Vec<(u32, u32)>,
    // Scratch for the first pass: folded chars with their original ranges.
    folded: Vec<(char, u32, u32)>,
}

impl Normalized {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Original byte range covered by the normalised bytes `start..end` (`start < end`).
    /// Returns `None` for an empty or out-of-range request.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end || end > self.text.len() {
            return None;
        }
        Some((
            self.ranges[start].0 as usize,
            self.ranges[end - 1].1 as usize,
        ))
    }

    /// The normalised byte range of the original bytes `start..end`: from the first
    /// normalised byte that comes from at or after `start` to the last that comes from
    /// before `end`. `None` when no normalised byte comes from that range (only breaks or
    /// dropped characters such as an `al-` article).
    pub fn normalized_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (start, end) = (start as u32, end as u32);
        let a = self.ranges.partition_point(|r| r.0 < start);
        let b = self.ranges.partition_point(|r| r.0 < end);
        let text = self.text.as_bytes();
        let (mut a, mut b) = (a, b);
        while a < b && matches!(text[a], SOFT | HARD) {
            a += 1;
        }
        while b > a && matches!(text[b - 1], SOFT | HARD) {
            b -= 1;
        }
        (a < b).then_some((a, b))
    }

    /// Normalises `text` into this buffer, replacing its previous content. The result starts
    /// with a soft break and every hard break is followed by one, so every word is preceded
    /// by a space: dictionary keys are searched as `" " + key` and can only match from the
    /// start of a word.
    pub fn normalize(&mut self, text: &str) {
        self.text.clear();
        self.ranges.clear();
        self.text.reserve(text.len() + 1);
        self.ranges.reserve(text.len() + 1);
        self.push(' ', 0, 0);
        let mut folded = std::mem::take(&mut self.folded);
        fold_chars(text, &mut folded);
        // Start of the current word in `folded`.
        let mut word = 0;
        for (i, &(c, s, e)) in folded.iter().enumerate() {
            if c != ' ' && c != '|' {
                continue;
            }
            let token = &folded[word..i];
            // An `al`/`el` article before a name is dropped with its soft break.
            let is_article = c == ' '
                && token.len() == 2
                && matches!((token[0].0, token[1].0), ('a', 'l') | ('e', 'l'))
                && folded.get(i + 1).is_some_and(|n| n.0.is_alphanumeric());
            if !is_article {
                self.flush_token(token);
                self.push(c, s, e);
                if c == '|' {
                    self.push(' ', s, e);
                }
            }
            word = i + 1;
        }
        self.flush_token(&folded[word..]);
        self.folded = folded;
    }

    fn push(&mut self, c: char, start: u32, end: u32) {
        self.text.push(c);
        let width = c.len_utf8();
        self.ranges.extend(std::iter::repeat_n((start, end), width));
    }

    /// Writes one token with the transliteration rules applied.
    fn flush_token(&mut self, token: &[(char, u32, u32)]) {
        let mut last: Option<char> = None;
        let mut i = 0;
        while i < token.len() {
            let (c, s, _) = token[i];
            let next = token.get(i + 1).map(|t| t.0);
            // Swedish `qv` is written `qu` in English spellings (Lindqvist, Lindquist).
            if c == 'q' && next == Some('v') {
                let end = token[i + 1].2;
                self.push('k', s, token[i].2);
                self.push('u', token[i + 1].1, end);
                last = Some('u');
                i += 2;
                continue;
            }
            let (out, consumed) = match (c, next) {
                ('g', Some('h')) => ('k', 2),
                ('p', Some('h')) => ('f', 2),
                ('d', Some('j')) => ('j', 2),
                ('o', Some('u')) | ('o', Some('o')) => ('u', 2),
                ('q', _) => ('k', 1),
                _ => (c, 1),
            };
            let end = token[i + consumed - 1].2;
            // Doubled letters collapse (digits stay: "2025" keeps its zeros apart).
            if last == Some(out) && out.is_alphabetic() {
                let n = self.ranges.len();
                for slot in &mut self.ranges[n - out.len_utf8()..] {
                    slot.1 = end;
                }
            } else {
                self.push(out, s, end);
            }
            last = Some(out);
            i += consumed;
        }
    }
}

/// Normalises a dictionary phrase (words separated by spaces or `_`), without the leading
/// and trailing breaks.
pub fn normalize_phrase(phrase: &str) -> String {
    let mut n = Normalized::new();
    n.normalize(&phrase.replace('_', " "));
    n.text.trim_matches([' ', '|']).to_owned()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´')
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '\u{00AD}'
    )
}

/// First pass: case and diacritic folding, apostrophes, dots and breaks. Output chars are
/// lowercase letters/digits, `' '` or `'|'`, each with its original byte range; break runs
/// are collapsed into one unit (hard wins over soft).
fn fold_chars(text: &str, out: &mut Vec<(char, u32, u32)>) {
    out.clear();
    let mut iter = text.char_indices().peekable();
    // Alphanumeric chars since the last break or dropped acronym dot.
    let mut run_len = 0usize;
    let mut prev_alpha = false;
    while let Some((pos, c)) = iter.next() {
        let start = pos as u32;
        let end = (pos + c.len_utf8()) as u32;
        if c.is_alphanumeric() {
            fold_letter(c, start, end, out);
            run_len += 1;
            prev_alpha = c.is_alphabetic();
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        if is_apostrophe(c) {
            if prev_alpha && matches!(next, Some('s' | 'S')) {
                // Possessive `'s` at a word end: a soft break covering both chars.
                let mut ahead = text[pos + c.len_utf8()..].chars();
                ahead.next();
                if !ahead.next().is_some_and(char::is_alphanumeric) {
                    let (s_pos, s_char) = iter.next().unwrap_or((pos, c));
                    push_break(out, ' ', start, (s_pos + s_char.len_utf8()) as u32);
                    run_len = 0;
                    prev_alpha = false;
                    continue;
                }
            }
            if prev_alpha && next.is_some_and(char::is_alphabetic) {
                continue; // Khamene'i → khamenei
            }
            push_break(out, ' ', start, end);
            run_len = 0;
            prev_alpha = false;
            continue;
        }
        if c == '.' && run_len == 1 && prev_alpha {
            // Acronym dot: U.S. → us, J.D. → jd. The dot joins the letter before it.
            if let Some(last) = out.last_mut() {
                last.2 = end;
            }
            run_len = 0;
            continue;
        }
        let kind = if c.is_whitespace() || is_dash(c) || c == '_' {
            ' '
        } else if is_combining_mark(c) {
            continue;
        } else {
            '|'
        };
        push_break(out, kind, start, end);
        run_len = 0;
        prev_alpha = false;
    }
}

fn push_break(out: &mut Vec<(char, u32, u32)>, kind: char, start: u32, end: u32) {
    if let Some(last) = out.last_mut()
        && (last.0 == ' ' || last.0 == '|')
    {
        if kind == '|' {
            last.0 = '|';
        }
        last.2 = end;
        return;
    }
    out.push((kind, start, end));
}

fn fold_letter(c: char, start: u32, end: u32, out: &mut Vec<(char, u32, u32)>) {
    if c.is_ascii() {
        out.push((c.to_ascii_lowercase(), start, end));
        return;
    }
    let special = match c {
        'ß' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        'ł' | 'Ł' => Some("l"),
        'đ' | 'Đ' => Some("d"),
        'ı' => Some("i"),
        'þ' | 'Þ' => Some("th"),
        _ => None,
    };
    if let Some(s) = special {
        out.extend(s.chars().map(|ch| (ch, start, end)));
        return;
    }
    let mut pushed = false;
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push((l, start, end));
                pushed = true;
            }
        }
    });
    if !pushed {
        out.push((c, start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut n = Normalized::new();
        n.normalize(s);
        n.as_str().trim_start().to_owned()
    }

    #[test]
    fn transliteration_variants_meet() {
        assert_eq!(norm("Araghchi"), norm("Araqchi"));
        assert_eq!(norm("Araghchi"), "arakchi");
        assert_eq!(norm("Khamenei"), norm("Khamene'i"));
        assert_eq!(norm("Badr al-Busaidi"), "badr busaidi");
        assert_eq!(norm("Al Busaidi"), "busaidi");
        assert_eq!(norm("Rouhani"), norm("Ruhani"));
        assert_eq!(norm("Hassan"), norm("Hasan"));
        assert_eq!(norm("Grossí"), "grosi");
        assert_eq!(norm("Lindqvist"), norm("Lindquist"));
        assert_ne!(norm("Some"), norm("Soome"));
    }

    #[test]
    fn punctuation_and_possessives() {
        assert_eq!(norm("U.S. officials"), "us oficials");
        assert_eq!(norm("Iran’s parliament"), "iran parliament");
        assert_eq!(norm("Iran's. Then"), "iran| then");
        assert_eq!(norm("U.S.–Iran talks"), "us iran talks");
        assert_eq!(norm("Tehran, Muscat"), "tehran| muscat");
        assert_eq!(norm("et al."), "et al| ");
    }

    #[test]
    fn offsets_map_back() {
        let text = "Iran’s Araqchi met al-Busaidi.";
        let mut n = Normalized::new();
        n.normalize(text);
        let norm = n.as_str();
        let at = norm.find("arakchi").expect("present");
        let (s, e) = n.original_range(at, at + "arakchi".len()).expect("range");
        assert_eq!(&text[s..e], "Araqchi");
        let at = norm.find("busaidi").expect("present");
        let (s, e) = n.original_range(at, at + "busaidi".len()).expect("range");
        assert_eq!(&text[s..e], "Busaidi");
    }
}
