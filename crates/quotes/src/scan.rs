//! Quotation marks and tokens: one pass each over the text, no allocation per token.
//!
//! [`direct_quotes`] pairs quotation marks into quoted stretches (straight `"`, NYT-style `''`,
//! curly `“ ”`, guillemets `« »`), following the news convention that a quote left open at the
//! end of a paragraph continues when the next paragraph opens with a quotation mark.
//! [`tokenize`] then cuts the text into words and punctuation, marking the quotation marks
//! found and which quoted stretch each token lies in.

/// One quoted stretch: the content between its first opening and last closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// First byte of the opening mark.
    pub open: usize,
    /// First byte of the content (after the opening mark and white space).
    pub start: usize,
    /// One past the content's last byte (before the closing mark, white space trimmed).
    pub end: usize,
    /// One past the closing mark, or `end` when the quote was never closed.
    pub close_end: usize,
}

/// A quotation mark as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub pos: usize,
    pub len: usize,
    pub open: bool,
}

/// What kind of mark sits at byte `i`: `(length, can open, can close)`.
fn mark_at(bytes: &[u8], i: usize) -> Option<(usize, bool, bool)> {
    match bytes[i] {
        b'"' => Some((1, true, true)),
        b'\'' if bytes.get(i + 1) == Some(&b'\'') => Some((2, true, true)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C) => Some((3, true, false)), // “
            Some(0x9D) => Some((3, false, true)), // ”
            _ => None,
        },
        0xC2 => match bytes.get(i + 1) {
            Some(0xAB) => Some((2, true, false)), // «
            Some(0xBB) => Some((2, false, true)), // »
            _ => None,
        },
        _ => None,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && is_space(b[s]) {
        s += 1;
    }
    while e > s && is_space(b[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Finds the quoted stretches of `text` and every quotation mark that opens or closes one.
pub(crate) fn direct_quotes(text: &str, quotes: &mut Vec<Quoted>, marks: &mut Vec<Mark>) {
    quotes.clear();
    marks.clear();
    let bytes = text.as_bytes();
    // The quote being read: (first byte of opening mark, first content byte).
    let mut open: Option<(usize, usize)> = None;
    // A quote left open at a paragraph end, waiting to see whether the next paragraph continues it.
    let mut pending: Option<(usize, usize, usize)> = None; // (open, start, end)
    let mut line_start = true;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if let Some((o, s)) = open.take() {
                // A hard-wrapped line inside a quote: keep it open when the line does not end
                // a sentence and the next line is not blank.
                let next_blank = bytes.get(i + 1).is_none_or(|&c| c == b'\n');
                let (_, e) = trim(text, s, i);
                let ends_sentence = e > s && matches!(bytes[e - 1], b'.' | b'!' | b'?' | b':');
                if !next_blank && !ends_sentence && e > s {
                    open = Some((o, s));
                } else if e > s {
                    pending = Some((o, s, e));
                }
            }
            line_start = true;
            i += 1;
            continue;
        }
        if line_start && is_space(b) {
            i += 1;
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        let Some((len, can_open, can_close)) = mark_at(bytes, i) else {
            if let Some((o, s, e)) = pending.take() {
                push(text, quotes, o, s, e, e);
            }
            i += 1;
            continue;
        };
        let after = bytes.get(i + len).copied();
        let before = if i == 0 { None } else { Some(bytes[i - 1]) };
        match open {
            Some((o, s)) if can_close => {
                let (s2, e2) = trim(text, s, i);
                if e2 > s2 {
                    marks.push(Mark {
                        pos: i,
                        len,
                        open: false,
                    });
                    push(text, quotes, o, s2, e2, i + len);
                } else if can_open {
                    // `""` or an empty quote: treat the second mark as a new opening.
                    open = None;
                    i += len;
                    continue;
                }
                open = None;
            }
            Some((o, s)) => {
                // A new opening mark while a quote is open: the old one was never closed.
                let (s2, e2) = trim(text, s, i);
                if e2 > s2 {
                    push(text, quotes, o, s2, e2, e2);
                }
                marks.push(Mark {
                    pos: i,
                    len,
                    open: true,
                });
                open = Some((i, i + len));
            }
            None if can_open => {
                let followed_by_text = after.is_some_and(|c| !is_space(c));
                let preceded_ok = before.is_none_or(|c| !c.is_ascii_alphanumeric() || len > 1);
                if followed_by_text && (preceded_ok || len == 3) {
                    if let Some((po, ps, _)) = pending.take().filter(|_| at_line_start) {
                        // The next paragraph continues the quote left open.
                        let _ = ps;
                        marks.push(Mark {
                            pos: i,
                            len,
                            open: true,
                        });
                        open = Some((po, ps));
                        // Remember where this paragraph's content begins by keeping the old
                        // start; the content runs over the paragraph break.
                        i += len;
                        continue;
                    }
                    marks.push(Mark {
                        pos: i,
                        len,
                        open: true,
                    });
                    open = Some((i, i + len));
                }
            }
            None => {}
        }
        if let Some((o, s, e)) = pending.take() {
            push(text, quotes, o, s, e, e);
        }
        i += len;
    }
    if let Some((o, s)) = open {
        let (s2, e2) = trim(text, s, bytes.len());
        if e2 > s2 {
            push(text, quotes, o, s2, e2, e2);
        }
    }
    if let Some((o, s, e)) = pending {
        push(text, quotes, o, s, e, e);
    }
}

fn push(
    text: &str,
    quotes: &mut Vec<Quoted>,
    open: usize,
    start: usize,
    end: usize,
    close_end: usize,
) {
    let (start, mut end) = trim(text, start, end);
    // A comma before the closing mark is punctuation of the sentence, not of the quote.
    if end > start && text.as_bytes()[end - 1] == b',' {
        end = trim(text, start, end - 1).1;
    }
    if end > start {
        quotes.push(Quoted {
            open,
            start,
            end,
            close_end,
        });
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word starting with a lower-case letter.
    Lower,
    /// A word starting with an upper-case letter.
    Upper,
    /// A word starting with a digit or another character class.
    Other,
    /// A punctuation character (the char is kept).
    Punct(char),
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
}

/// A token: a byte span, its kind, the index + 1 of the quote containing it (0 for none) and
/// its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    pub quote: u32,
    pub sentence: u32,
    /// A paragraph break lies between this token and the one before.
    pub par: bool,
}

const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Jr", "Sr", "St",
    "Prof", "Rev", "Gens", "Sens", "Reps", "Adm", "Capt",
];

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Cuts `text` into tokens. `marks` (sorted) says which quote characters are quotation marks;
/// `quotes` (sorted) which stretches are quoted; `sentences` (sorted spans) gives each token's
/// sentence index.
pub(crate) fn tokenize(
    text: &str,
    marks: &[Mark],
    quotes: &[Quoted],
    sentences: &[model::Span],
    out: &mut Vec<Tok>,
) {
    out.clear();
    let mut mi = 0usize;
    let mut qi = 0usize;
    let mut si = 0usize;
    let mut newlines = 0u32;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        while mi < marks.len() && marks[mi].pos < i {
            mi += 1;
        }
        let (e, kind) = if mi < marks.len() && marks[mi].pos == i {
            let m = marks[mi];
            // Skip the rest of a multi-byte mark.
            while it.peek().is_some_and(|&(j, _)| j < i + m.len) {
                it.next();
            }
            (i + m.len, if m.open { Kind::Open } else { Kind::Close })
        } else if word_char(c) {
            let mut e = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if word_char(d) {
                    e = j + d.len_utf8();
                    it.next();
                    continue;
                }
                if matches!(d, '.' | '\'' | '\u{2019}' | '-' | '&') {
                    // Join only when a word character follows ("U.S", "don't", "al-Busaidi").
                    let next = text[j + d.len_utf8()..].chars().next();
                    let quote_mark = marks.get(mi).is_some_and(|m| m.pos == j)
                        || marks.get(mi + 1).is_some_and(|m| m.pos == j);
                    if next.is_some_and(word_char) && !quote_mark {
                        e = j + d.len_utf8();
                        it.next();
                        continue;
                    }
                    // A possessive at the end of a word ("Obamas'") or an abbreviation's dot.
                    if d == '.' {
                        let w = &text[i..e];
                        if w.contains('.')
                            || (w.chars().count() == 1 && c.is_uppercase())
                            || TITLE_ABBREVIATIONS.contains(&w)
                        {
                            e = j + 1;
                            it.next();
                        }
                    }
                }
                break;
            }
            let kind = if c.is_lowercase() {
                Kind::Lower
            } else if c.is_uppercase() {
                Kind::Upper
            } else {
                Kind::Other
            };
            (e, kind)
        } else {
            (i + c.len_utf8(), Kind::Punct(c))
        };
        while qi < quotes.len() && quotes[qi].end <= i {
            qi += 1;
        }
        let quote = if qi < quotes.len() && quotes[qi].start <= i && i < quotes[qi].end {
            qi as u32 + 1
        } else {
            0
        };
        while si + 1 < sentences.len() && sentences[si + 1].start() as usize <= i {
            si += 1;
        }
        out.push(Tok {
            s: i as u32,
            e: e as u32,
            kind,
            quote,
            sentence: si as u32,
            par: newlines > 0,
        });
        newlines = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        let (mut q, mut m) = (Vec::new(), Vec::new());
        direct_quotes(text, &mut q, &mut m);
        q.iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn straight_curly_and_nyt_marks() {
        assert_eq!(
            contents("He said \"yes, now\" and \u{201c}no\u{201d}."),
            ["yes, now", "no"]
        );
        assert_eq!(contents("''We will,'' she said."), ["We will"]);
    }

    #[test]
    fn open_quote_continues_into_next_paragraph() {
        let text = "\u{201c}First part.\n\n\u{201c}Second part,\u{201d} he said.";
        assert_eq!(contents(text), ["First part.\n\n\u{201c}Second part"]);
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        assert_eq!(
            contents("\u{201c}Dangling words.\n\nNarration."),
            ["Dangling words."]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(contents("Iran's envoy didn't go.").is_empty());
    }
}
