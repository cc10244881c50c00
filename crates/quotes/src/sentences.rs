//! A small fallback sentence splitter, so that this crate can be used and tested without the
//! full splitter in `extract`. Callers with better sentence spans pass those instead.

use model::Span;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "jr", "sr", "st",
    "prof", "rev", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug",
    "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm", "capt", "cmdr", "pres", "sens", "reps",
];

/// Words that start a new sentence even after a dotted acronym ("… in the U.S. He said").
const STARTERS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "the", "but", "and", "in", "this", "that", "a", "an",
    "his", "her", "their", "there", "its", "our", "after", "when", "if", "so", "yet", "still",
];

/// True when the word ending just before byte `dot` is an abbreviation, an initial or a dotted
/// acronym ("U.S.", "J.") and the word after (starting at `next`) does not start a sentence.
fn abbreviation_before(text: &str, dot: usize, next: usize) -> bool {
    let head = &text[..dot];
    let word_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        let after = &text[next..];
        let w_end = after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len());
        return !STARTERS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&after[..w_end]));
    }
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Splits `text` into sentences: trimmed byte spans in order. A sentence ends at a line break,
/// or after `.`, `!` or `?` (and any closing quotes or brackets) followed by white space and
/// an upper-case letter, digit or opening quote, unless the period follows an abbreviation.
/// Runs in linear time.
///
/// ```
/// let text = "Mr. Smith said talks resume. They \"will\" go on.\nNew paragraph";
/// let got: Vec<&str> = quotes::split_sentences(text).iter().filter_map(|s| s.slice(text)).collect();
/// assert_eq!(got, ["Mr. Smith said talks resume.", "They \"will\" go on.", "New paragraph"]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if s + lead < e - trail
            && let Ok(span) = Span::within(text, s + lead, e - trail)
        {
            out.push(span);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Extend over closing quotes and brackets.
            let mut end = i + 1;
            loop {
                let rest = &text[end..];
                if let Some(c) = rest.chars().next()
                    && matches!(
                        c,
                        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
                    )
                {
                    end += c.len_utf8();
                    continue;
                }
                break;
            }
            let rest = &text[end..];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let next = rest[ws..].chars().next();
            let starts_sentence = next.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '\u{ab}')
            });
            if ws > 0 && starts_sentence && !(b == b'.' && abbreviation_before(text, i, end + ws)) {
                push(&mut out, start, end);
                start = end;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .filter_map(|s| s.slice(text))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn quotes_and_abbreviations() {
        check(
            "\u{201c}We are ready.\u{201d} The U.S. envoy agreed. Sen. Li left.",
            &[
                "\u{201c}We are ready.\u{201d}",
                "The U.S. envoy agreed.",
                "Sen. Li left.",
            ],
        );
    }

    #[test]
    fn lower_case_after_quote_stays() {
        check(
            "\u{201c}Why now?\u{201d} he asked.",
            &["\u{201c}Why now?\u{201d} he asked."],
        );
    }

    #[test]
    fn empty_and_blank() {
        check("", &[]);
        check(" \n\n ", &[]);
    }
}
