//! Sentence boundaries and tokens as byte spans into the stored document text.
//!
//! The splitter works in one pass over whitespace-separated chunks, so it runs in time linear
//! in the text. It never copies or normalises the text: every sentence and token is a
//! [`Span`] that slices the text exactly, trimmed of surrounding whitespace.
//!
//! Decisions, in order:
//! - A blank line (two newlines, whitespace between allowed) always ends a sentence.
//! - A single newline ends a sentence when the line has no final punctuation (headlines,
//!   bylines, datelines on their own line, list lines), unless the next line starts in lower
//!   case inside a sentence that started with a capital (a line wrapped mid-sentence) or the
//!   line ends in a comma, colon, semicolon or dash. Documents whose lines are hard-wrapped
//!   (most long lines end without punctuation) treat single newlines as spaces.
//! - A dateline on the first line of a paragraph ("MUSCAT, Feb. 6 (Xinhua) -- Iran said …")
//!   stays part of the first sentence: nothing ends a sentence at `--`.
//! - `.`, `!`, `?` and ellipses end a sentence when the next word does not start in lower
//!   case, with the exceptions below. Closing quotes and brackets after the mark belong to
//!   the sentence that ends.
//! - Abbreviations: titles before names (`Mr.`, `Dr.`, `Gen.`, `Adm.`, `St.` …) never end a
//!   sentence; abbreviations that often end one (`U.S.`, `Inc.`, `Co.`, `Jr.`, month names,
//!   `a.m.`) end it only before a word that typically opens a sentence ("The", "It", "How" …);
//!   `a.m.`/`p.m.` end it before any capital unless the sentence so far is an opening time
//!   phrase ("At 5 a.m. Mr. Smith …"). A single capital letter after a capitalised word is an
//!   initial ("Donald J. Trump"). A period before a digit never ends a sentence (`No. 2`,
//!   `Feb. 6`), except before the next item of a numbered list.
//! - Numbered and lettered lists ("1.) … 2.) …", "a. … b. …") and bullets (`•`, `⁃`) start
//!   a new sentence at each item.
//! - A period glued to a capital ("world.Today") ends a sentence unless the chunk is an
//!   e-mail address or URL.

use model::Span;

/// One whitespace-separated chunk of text.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
    /// Newlines in the whitespace before this chunk.
    newlines_before: u32,
}

/// Characters that close a quotation or parenthesis after a sentence's final mark.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '}')
}

/// Characters that open a quotation or parenthesis before a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '{')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣' | '●' | '■' | '·')
}

/// Titles that stand before a name and never end a sentence.
const PREPOSITIVE: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "adm", "sen", "sens", "rep", "reps", "gov",
    "lt", "col", "capt", "sgt", "maj", "cmdr", "brig", "hon", "rev", "st", "mt", "ft", "pres",
    "supt", "insp", "amb", "atty", "gens", "no", "nos", "vol", "art", "fig", "op", "pp", "ch",
    "sec", "para", "vs", "v", "e.g", "i.e", "cf", "viz", "approx", "dept", "univ", "cpl", "pvt",
    "fr", "mme", "mlle",
];

/// Abbreviations that often end a sentence: they end it only before a typical opener.
const FINAL_CAPABLE: &[&str] = &[
    "inc", "co", "corp", "ltd", "jr", "sr", "bros", "llc", "plc", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "yr", "yrs", "mins", "hrs", "govt", "est",
];

/// Words that typically open a sentence (checked case-sensitively, capitalised).
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "It's",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "How",
    "What",
    "Why",
    "When",
    "Where",
    "Who",
    "Which",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "If",
    "As",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "After",
    "Before",
    "Meanwhile",
    "However",
    "Still",
    "Also",
    "Then",
    "Now",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "While",
    "Although",
    "Though",
    "Since",
    "Because",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Under",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Such",
    "Several",
    "Other",
    "Another",
    "Is",
    "Are",
    "Was",
    "Were",
    "Do",
    "Does",
    "Did",
    "Can",
    "Will",
];

/// Prepositions that open a time phrase ("At 5 a.m. …").
const TIME_PREPOSITIONS: &[&str] = &[
    "At", "By", "Around", "Until", "Till", "Before", "After", "From", "Since", "About", "Shortly",
];

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// The first character after any opening quotes or brackets.
fn first_word_char(s: &str) -> Option<char> {
    s.chars().find(|c| !is_opener(*c))
}

fn strip_closers(s: &str) -> &str {
    s.trim_end_matches(is_closer)
}

fn strip_openers(s: &str) -> &str {
    s.trim_start_matches(is_opener)
}

fn is_lower_start(s: &str) -> bool {
    first_word_char(s).is_some_and(char::is_lowercase)
}

fn is_upper_start(s: &str) -> bool {
    first_word_char(s).is_some_and(|c| c.is_uppercase())
}

/// The word a chunk opens with, without opening quotes or trailing punctuation.
fn opener_word(s: &str) -> &str {
    let s = strip_openers(s);
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn is_opener_word(s: &str) -> bool {
    let w = opener_word(s);
    OPENERS.contains(&w)
}

/// True when `word` (without its final period) looks like a dotted abbreviation: every
/// `.`-separated part is one or two letters ("U.S", "e.g", "a.m", "Ph.D").
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_alphabetic()))
}

fn eq_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A list item marker such as `1.`, `2.)`, `3)`, `a.` (after any bullet), as its ordinal.
fn list_marker(chunk: &str) -> Option<u32> {
    let s = chunk.trim_start_matches(is_bullet);
    let body = s
        .strip_suffix(".)")
        .or_else(|| s.strip_suffix('.'))
        .or_else(|| s.strip_suffix(')'))?;
    if !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit()) {
        return body.parse().ok();
    }
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() => Some(1000 + u32::from(c as u8 - b'a')),
        _ => None,
    }
}

/// Splits `text` into whitespace-separated chunks, and splits a chunk where a sentence mark
/// is glued to a capital ("world.Today").
fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut newlines = 0u32;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() {
            if let Some(s) = start.take() {
                push_chunk(text, s, i, newlines, &mut out);
                newlines = 0;
            }
            if c == '\n' || c == '\u{2029}' {
                newlines += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push_chunk(text, s, text.len(), newlines, &mut out);
    }
    out
}

fn push_chunk(text: &str, start: usize, end: usize, newlines: u32, out: &mut Vec<Chunk>) {
    let s = &text[start..end];
    let webby = s.contains('@') || s.contains("://") || s.starts_with("www.");
    let mut piece_start = start;
    let mut nl = newlines;
    if !webby && s.len() > 3 {
        let bytes = s.as_bytes();
        for i in 1..bytes.len().saturating_sub(1) {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?')
                && bytes[i + 1].is_ascii_uppercase()
                && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit())
                && i >= 2
                && (bytes[i - 2].is_ascii_alphanumeric() || bytes[i - 2] == b',')
            {
                let cut = start + i + 1;
                if cut > piece_start {
                    out.push(Chunk {
                        start: piece_start,
                        end: cut,
                        newlines_before: nl,
                    });
                    nl = 0;
                    piece_start = cut;
                }
            }
        }
    }
    out.push(Chunk {
        start: piece_start,
        end,
        newlines_before: nl,
    });
}

/// True when most long lines end without sentence punctuation (text hard-wrapped at a fixed
/// width), so that single newlines are line wraps, not boundaries.
fn is_hard_wrapped(text: &str) -> bool {
    let mut long = 0usize;
    let mut open = 0usize;
    for line in text.split('\n') {
        let t = line.trim_end();
        if t.len() < 40 {
            continue;
        }
        long += 1;
        let last = strip_closers(t).chars().last();
        if !matches!(last, Some('.' | '!' | '?' | ':' | '…')) {
            open += 1;
        }
    }
    long >= 5 && open * 2 > long
}

/// Splits a document's text into sentences: byte spans, trimmed, in order, not overlapping.
///
/// Runs in time linear in the text length.
///
/// ```
/// let text = "Talks begin Friday. U.S. officials said so.";
/// let spans = extract::split_sentences(text);
/// let got: Vec<&str> = spans.iter().filter_map(|s| s.slice(text)).collect();
/// assert_eq!(got, ["Talks begin Friday.", "U.S. officials said so."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    split_sentences_into(text, &mut out);
    out
}

/// Like [`split_sentences`], appending to `out` so that a caller can reuse one buffer.
pub fn split_sentences_into(text: &str, out: &mut Vec<Span>) {
    let chunks = chunks(text);
    if chunks.is_empty() {
        return;
    }
    let wrapped = is_hard_wrapped(text);
    let mut sent_start = 0usize; // index of the sentence's first chunk
    let mut list_next: Option<u32> = None;
    let mut dot_run = 0usize;
    let push = |out: &mut Vec<Span>, from: &Chunk, to: &Chunk| {
        if let Ok(span) = Span::within(text, from.start, to.end) {
            out.push(span);
        }
    };
    for i in 0..chunks.len() {
        let cur = &text[chunks[i].start..chunks[i].end];
        if i > 0 {
            let prev = &text[chunks[i - 1].start..chunks[i - 1].end];
            let brk = boundary(
                text, &chunks, i, sent_start, wrapped, list_next, dot_run, prev, cur,
            );
            if brk {
                push(out, &chunks[sent_start], &chunks[i - 1]);
                sent_start = i;
                list_next = None;
            }
        }
        // List markers at the start of a sentence (after an optional bullet chunk).
        let at_start = i == sent_start
            || (i == sent_start + 1
                && text[chunks[sent_start].start..chunks[sent_start].end]
                    .chars()
                    .all(is_bullet));
        if at_start {
            list_next = list_marker(cur).map(|n| n + 1);
        }
        dot_run = if strip_closers(cur) == "." {
            dot_run + 1
        } else {
            0
        };
    }
    push(out, &chunks[sent_start], &chunks[chunks.len() - 1]);
}

/// Decides whether a sentence ends between chunk `i - 1` (`prev`) and chunk `i` (`cur`).
#[allow(clippy::too_many_arguments)]
fn boundary(
    text: &str,
    chunks: &[Chunk],
    i: usize,
    sent_start: usize,
    wrapped: bool,
    list_next: Option<u32>,
    dot_run: usize,
    prev: &str,
    cur: &str,
) -> bool {
    let nl = chunks[i].newlines_before;
    if nl >= 2 {
        return true;
    }
    if first_char(cur).is_some_and(is_bullet) {
        return true;
    }
    if let (Some(want), Some(got)) = (list_next, list_marker(cur))
        && want == got
    {
        return true;
    }
    let prev_core = strip_closers(prev);
    let last = prev_core.chars().last();
    // "[...]" marks an omission, not the end of a sentence.
    let omission = prev_core.ends_with("[...") || prev_core.ends_with("[…");
    let terminal = matches!(last, Some('.' | '!' | '?' | '…')) && !omission;
    if nl == 1 && !wrapped {
        if terminal {
            return !is_lower_start(cur);
        }
        if matches!(last, Some(',' | ';' | ':' | '-' | '–' | '—' | '(' | '&')) {
            return false;
        }
        let sent_first = &text[chunks[sent_start].start..chunks[sent_start].end];
        let prose = first_word_char(sent_first).is_some_and(|c| c.is_uppercase() || c.is_numeric());
        return !(prose && is_lower_start(cur));
    }
    if !terminal {
        return false;
    }
    // Spaced ellipses ". . .": a run of lone periods.
    if strip_closers(cur) == "." && prev_core != "." {
        let mut k = 0;
        let mut j = i;
        while j < chunks.len()
            && chunks[j].newlines_before == 0
            && strip_closers(&text[chunks[j].start..chunks[j].end]) == "."
        {
            k += 1;
            j += 1;
        }
        let next_upper = chunks
            .get(j)
            .is_some_and(|c| c.newlines_before == 0 && is_upper_start(&text[c.start..c.end]));
        return k == 3 && prev_core.ends_with('.') && next_upper;
    }
    if prev_core == "." {
        return dot_run >= 4 && is_upper_start(cur);
    }
    if is_lower_start(cur) {
        return false;
    }
    let fc = first_word_char(cur);
    if last == Some('!') || last == Some('?') {
        return true;
    }
    if last == Some('…') || prev_core.ends_with("...") {
        return fc.is_some_and(|c| !c.is_lowercase());
    }
    // A single period.
    if fc.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let after_bullet = i >= 2
        && i - 2 == sent_start
        && text[chunks[sent_start].start..chunks[sent_start].end]
            .chars()
            .all(is_bullet);
    if (i - 1 == sent_start || after_bullet) && list_marker(prev).is_some() {
        return false;
    }
    let word = strip_openers(&prev_core[..prev_core.len() - 1]);
    if word.is_empty() {
        return true;
    }
    if eq_any(word, PREPOSITIVE) {
        return false;
    }
    if word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m") {
        let len = i - sent_start;
        let opening = &text[chunks[sent_start].start..chunks[sent_start].end];
        let time_phrase = len <= 4 && TIME_PREPOSITIONS.contains(&opening);
        return !time_phrase && is_upper_start(cur);
    }
    if eq_any(word, FINAL_CAPABLE) || is_dotted_abbreviation(word) {
        return is_opener_word(cur);
    }
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            // An initial after a capitalised name word, or at the sentence start.
            let after_name = i >= 2
                && i - 1 > sent_start
                && is_upper_start(&text[chunks[i - 2].start..chunks[i - 2].end]);
            let initial = after_name || i - 1 == sent_start;
            return !initial || is_opener_word(cur);
        }
    }
    true
}

/// Appends the tokens of `text[span]` to `out`: words (letters and digits, with inner
/// apostrophes, hyphens, periods and commas between digits), dotted abbreviations with their
/// final period ("U.S."), ellipses, and single punctuation marks.
pub fn tokens_into(text: &str, span: Span, out: &mut Vec<Span>) {
    let Some(s) = span.slice(text) else { return };
    let base = span.start() as usize;
    let bytes = s.as_bytes();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() || c.is_control() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                    continue;
                }
                let joiner = matches!(d, '\'' | '’' | '-' | '.' | ',' | '/' | ':' | '_' | '&');
                let next_alnum = s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                let digits_only = matches!(d, ',' | ':' | '/') && !bytes[i].is_ascii_digit();
                if joiner && next_alnum && !digits_only {
                    end = j + d.len_utf8();
                    iter.next();
                    continue;
                }
                break;
            }
            // A dotted abbreviation or known abbreviation keeps its final period.
            if end < s.len() && bytes[end] == b'.' {
                let word = &s[i..end];
                let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if is_dotted_abbreviation(word)
                    || single
                    || eq_any(word, PREPOSITIVE)
                    || eq_any(word, FINAL_CAPABLE)
                {
                    end += 1;
                    iter.next();
                }
            }
        } else if c == '.' {
            while let Some(&(j, '.')) = iter.peek() {
                end = j + 1;
                iter.next();
            }
        }
        if let Ok(t) = Span::new((base + i) as u32, (base + end) as u32) {
            out.push(t);
        }
    }
}

/// The tokens of `text[span]` as spans; see [`tokens_into`].
pub fn tokens(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    tokens_into(text, span, &mut out);
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
    fn abbreviations_in_news() {
        check(
            "Adm. Brad Cooper met Gen. Smith on Feb. 6 in Muscat. The U.S. envoy left.",
            &[
                "Adm. Brad Cooper met Gen. Smith on Feb. 6 in Muscat.",
                "The U.S. envoy left.",
            ],
        );
        check(
            "Talks were held in the U.S. They ended at 3 p.m. The envoy spoke.",
            &[
                "Talks were held in the U.S.",
                "They ended at 3 p.m.",
                "The envoy spoke.",
            ],
        );
        check(
            "President Donald J. Trump said No. 2 was fine.",
            &["President Donald J. Trump said No. 2 was fine."],
        );
    }

    #[test]
    fn decimals_quotes_and_headlines() {
        check(
            "Oil rose 2.5 percent. \"We are ready.\" Araghchi said.",
            &[
                "Oil rose 2.5 percent.",
                "\"We are ready.\"",
                "Araghchi said.",
            ],
        );
        check(
            "“Talks will go on,” he said. “We will return.” The mediator agreed.",
            &[
                "“Talks will go on,” he said.",
                "“We will return.”",
                "The mediator agreed.",
            ],
        );
        check(
            "Iran and US meet in Muscat\n\nMUSCAT, Feb. 6 (Xinhua) -- Delegations arrived today.",
            &[
                "Iran and US meet in Muscat",
                "MUSCAT, Feb. 6 (Xinhua) -- Delegations arrived today.",
            ],
        );
        check(
            "Ceasefire holds\nBy Jane Roe\nThe truce held for a third day.\nMediators were hopeful.",
            &[
                "Ceasefire holds",
                "By Jane Roe",
                "The truce held for a third day.",
                "Mediators were hopeful.",
            ],
        );
    }

    #[test]
    fn lists_and_paragraphs() {
        check(
            "Demands:\n• a freeze on enrichment\n• access for inspectors",
            &[
                "Demands:",
                "• a freeze on enrichment",
                "• access for inspectors",
            ],
        );
        check(
            "The vote was close\n\nwinners were unclear",
            &["The vote was close", "winners were unclear"],
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let text = "The ceasefire talks between the two delegations resumed on\n\
                    Monday after a pause of almost three weeks, mediators in\n\
                    Doha said, adding that both sides had agreed to a new\n\
                    schedule. Prisoner exchanges were discussed at length by\n\
                    the working group, which will report to the ministers\n\
                    Thursday. No date was set for a signing ceremony.\n";
        let got = split_sentences(text);
        assert_eq!(got.len(), 3);
        assert!(
            got[0]
                .slice(text)
                .is_some_and(|s| s.ends_with("new\nschedule."))
        );
    }

    #[test]
    fn tokens_are_spans() {
        let text = "The U.S. offered $1.5 billion, Araghchi’s aide said...";
        let span = Span::within(text, 0, text.len()).expect("whole text");
        let got: Vec<&str> = tokens(text, span)
            .iter()
            .filter_map(|t| t.slice(text))
            .collect();
        assert_eq!(
            got,
            [
                "The",
                "U.S.",
                "offered",
                "$",
                "1.5",
                "billion",
                ",",
                "Araghchi’s",
                "aide",
                "said",
                "..."
            ]
        );
    }
}
