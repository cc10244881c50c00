//! Tokens: byte spans into the sentence plus an upper-cased copy laid out for dictionary
//! scans.
//!
//! The scan copy ("haystack") is a space, then every token's normal form followed by two
//! spaces. A dictionary phrase is compiled as ` W1  W2 ` (one space before, two between,
//! one after), so an Aho-Corasick match can only start and end on token boundaries, and two
//! adjacent phrases never compete for the same separator.

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first byte in the sentence.
    pub start: usize,
    /// Byte offset just past the token in the sentence.
    pub end: usize,
    norm_start: u32,
    norm_end: u32,
    /// The token as written starts with an upper-case letter.
    pub capitalised: bool,
    /// The token as written has no upper-case letter.
    pub lower: bool,
}

/// The tokens of one sentence and their normal forms. Reuse one value across sentences:
/// [`tokenize`] clears it and keeps the allocations.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    haystack: String,
    tokens: Vec<Token>,
}

impl Tokens {
    /// An empty token list.
    pub fn new() -> Self {
        Self::default()
    }

    /// The tokens in sentence order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normal form (upper case, straight quotes) of token `i`.
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.haystack[t.norm_start as usize..t.norm_end as usize]
    }

    /// The scan copy described in the module documentation.
    pub fn haystack(&self) -> &str {
        &self.haystack
    }

    /// The token whose normal form starts at `offset + 1` of the haystack (a match of a
    /// compiled phrase starts on the space before its first token).
    pub(crate) fn token_at_separator(&self, offset: usize) -> Option<usize> {
        let want = offset as u32 + 1;
        self.tokens
            .binary_search_by_key(&want, |t| t.norm_start)
            .ok()
    }

    /// The token whose normal form ends at `offset - 1` of the haystack (the end of a match).
    pub(crate) fn token_ending_at(&self, offset: usize) -> Option<usize> {
        let want = offset.checked_sub(1)? as u32;
        self.tokens.binary_search_by_key(&want, |t| t.norm_end).ok()
    }

    /// Adds a token whose normal form is given rather than derived from the text.
    fn push_as(&mut self, start: usize, end: usize, norm: &str) {
        let norm_start = self.haystack.len() as u32;
        self.haystack.push_str(norm);
        let norm_end = self.haystack.len() as u32;
        self.haystack.push_str("  ");
        self.tokens.push(Token {
            start,
            end,
            norm_start,
            norm_end,
            capitalised: false,
            lower: true,
        });
    }

    fn push(&mut self, text: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let raw = &text[start..end];
        let norm_start = self.haystack.len() as u32;
        if raw.is_ascii() && !raw.contains('`') {
            // The common case: upper-case the bytes in place.
            self.haystack.push_str(raw);
            self.haystack[norm_start as usize..].make_ascii_uppercase();
        } else {
            self.push_norm(raw);
        }
        let norm_end = self.haystack.len() as u32;
        self.haystack.push_str("  ");
        self.tokens.push(Token {
            start,
            end,
            norm_start,
            norm_end,
            capitalised: raw.chars().next().is_some_and(char::is_uppercase),
            lower: !raw.chars().any(char::is_uppercase),
        });
    }

    /// The normal form of a token with quotes or non-ASCII letters.
    fn push_norm(&mut self, raw: &str) {
        for c in raw.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '`' => self.haystack.push('\''),
                '\u{201C}' | '\u{201D}' => self.haystack.push('"'),
                c if c.is_ascii() => self.haystack.push(c.to_ascii_uppercase()),
                c => self.haystack.extend(c.to_uppercase()),
            }
        }
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "jr", "sr", "inc",
    "co", "corp", "ltd", "vs", "no", "maj", "capt", "prof", "gens", "adm", "sgt",
];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '(' | '[' | '{' | '\u{201C}' | '\u{2018}' | '`' | '\''
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\u{201D}' | '\u{2019}' | '\''
    )
}

/// Splits `text` into tokens: words, punctuation, the possessive `'s` and the negation
/// `n't` (so "didn't" gives `DID` `N'T`, as the PETRARCH dictionaries expect). Abbreviations
/// such as "U.S." and "Mr." keep their dots.
pub fn tokenize(text: &str, out: &mut Tokens) {
    out.haystack.clear();
    out.tokens.clear();
    out.haystack.push(' ');
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                word(text, s, i, out);
            }
        } else if matches!(c, '\u{2013}' | '\u{2014}') {
            // Dashes are tokens of their own: between two words an en dash joins them
            // ("U.S.–Iran talks": `&`), anything else is a break (`--`).
            let joined = c == '\u{2013}'
                && start.is_some()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if let Some(s) = start.take() {
                word(text, s, i, out);
            }
            out.push_as(i, i + c.len_utf8(), if joined { "&" } else { "--" });
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        word(text, s, text.len(), out);
    }
}

fn word(text: &str, mut start: usize, mut end: usize, out: &mut Tokens) {
    // Leading punctuation, each its own token.
    while start < end {
        let Some(c) = text[start..end].chars().next() else {
            break;
        };
        if is_open_punct(c) && end - start > c.len_utf8() {
            out.push(text, start, start + c.len_utf8());
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected then pushed after the core.
    let mut tail: [(usize, usize); 8] = [(0, 0); 8];
    let mut n_tail = 0;
    while start < end && n_tail < tail.len() {
        let Some(c) = text[start..end].chars().next_back() else {
            break;
        };
        let cl = c.len_utf8();
        if end - start <= cl {
            break;
        }
        let core = &text[start..end - cl];
        let take = if c == '.' {
            let lower = core.to_ascii_lowercase();
            !(core.contains('.')
                || (core.len() == 1 && core.chars().all(char::is_alphabetic))
                || ABBREVIATIONS.contains(&lower.as_str()))
        } else if c == '\'' || c == '\u{2019}' {
            // "countries'" keeps the apostrophe as a possessive token.
            true
        } else {
            is_close_punct(c)
        };
        if !take {
            break;
        }
        tail[n_tail] = (end - cl, end);
        n_tail += 1;
        end -= cl;
    }
    // Possessive 's and negation n't.
    let core = &text[start..end];
    let lower_tail = |n: usize| core.len() >= n && core.is_char_boundary(core.len() - n);
    let mut split = None;
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if core.len() > suffix.len() && core.ends_with(suffix) {
            split = Some(end - suffix.len());
        }
    }
    if split.is_none() {
        for suffix in ["n't", "n\u{2019}t", "N'T"] {
            if core.len() > suffix.len() && core.ends_with(suffix) && lower_tail(suffix.len()) {
                split = Some(end - suffix.len());
            }
        }
    }
    match split {
        Some(at) => {
            out.push(text, start, at);
            out.push(text, at, end);
        }
        None => out.push(text, start, end),
    }
    for k in (0..n_tail).rev() {
        let (s, e) = tail[k];
        out.push(text, s, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        let mut t = Tokens::new();
        tokenize(text, &mut t);
        (0..t.len()).map(|i| t.norm(i).to_string()).collect()
    }

    #[test]
    fn splits_punctuation_possessives_and_negation() {
        assert_eq!(
            norms("Iran's envoy didn't meet U.S. officials, Oman said."),
            [
                "IRAN",
                "'S",
                "ENVOY",
                "DID",
                "N'T",
                "MEET",
                "U.S.",
                "OFFICIALS",
                ",",
                "OMAN",
                "SAID",
                "."
            ]
        );
        assert_eq!(
            norms("\u{201C}talks\u{201D} won\u{2019}t"),
            ["\"", "TALKS", "\"", "WO", "N'T"]
        );
        assert_eq!(norms("Mr. Witkoff"), ["MR.", "WITKOFF"]);
        assert_eq!(
            norms("U.S.\u{2013}Iran talks \u{2014} a pause \u{2013} ended"),
            [
                "U.S.", "&", "IRAN", "TALKS", "--", "A", "PAUSE", "--", "ENDED"
            ]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Qatar's mediators (and Egypt) met.";
        let mut t = Tokens::new();
        tokenize(text, &mut t);
        let words: Vec<&str> = t.tokens().iter().map(|k| &text[k.start..k.end]).collect();
        assert_eq!(
            words,
            [
                "Qatar",
                "'s",
                "mediators",
                "(",
                "and",
                "Egypt",
                ")",
                "met",
                "."
            ]
        );
        assert_eq!(
            t.haystack(),
            " QATAR  'S  MEDIATORS  (  AND  EGYPT  )  MET  .  "
        );
    }
}
