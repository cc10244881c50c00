//! Plain text and Markdown: metadata prefixes, bylines, datelines and headlines.
//!
//! Removed from the stored text (SPEC §2): the seed-style ` date YYYY-MM-DD` marker with the
//! whitespace after it; a `---` fenced front-matter block; leading `key: value` lines with a
//! known key (`title`, `source`/`outlet`, `url`, `date`/`published`, `author`/`byline`). Only
//! those give a publication date. Recognised but left in the text: an author line, a first
//! line that is a date, a dateline ("MUSCAT, Feb. 6 (Xinhua) --"), a headline. A date read
//! from them is stored as *inferred*, never as the publication date.

use std::sync::LazyLock;

use model::DocFormat;
use regex::Regex;

use crate::Draft;
use crate::date::{month_number, parse_date, parse_written_date};

static SEED_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\z)").expect("valid regex")
});
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[ \t]*([A-Za-z][A-Za-z_\-]{0,30})[ \t]*:[ \t]*(.*?)[ \t]*\z")
        .expect("valid regex")
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\A
        (?P<place>[A-Z][A-Z.'’\-]*(?:\x20[A-Z][A-Z.'’\-]*){0,3})          # MUSCAT, NEW YORK
        (?:,\x20(?:[A-Z][a-z]+(?:\x20[A-Z][a-z]+)?,\x20)?                 # optional ', Oman,'
           (?P<month>[A-Z][a-z]{2,8}\.?)\x20(?P<day>\d{1,2})
           (?:,\x20(?P<year>\d{4}))?)?
        \x20?(?:\((?P<agency>[^)\n]{2,40})\))?
        \x20?(?:--|—|–|-)\x20",
    )
    .expect("valid regex")
});

/// Reads a `.txt` or `.md` document.
///
/// `id_hint` is the file stem; `origin` names the input in messages.
pub fn parse(id_hint: &str, origin: &str, content: &str, markdown: bool) -> Draft {
    let format = if markdown {
        DocFormat::Markdown
    } else {
        DocFormat::Text
    };
    let mut draft = Draft::new(id_hint.to_owned(), String::new(), format, origin.to_owned());
    let body_start = strip_metadata(content, &mut draft);
    draft.text = content[body_start..].to_owned();
    recognise_in_text(&mut draft);
    draft
}

/// Reads the metadata prefix into `draft` and returns where the stored text starts.
fn strip_metadata(content: &str, draft: &mut Draft) -> usize {
    if let Some(caps) = SEED_MARKER.captures(content) {
        let whole = caps.get(0).expect("group 0 always exists");
        match caps[1].parse::<jiff::civil::Date>() {
            Ok(date) => draft.published = Some(date),
            Err(err) => draft.warnings.push(format!(
                "line 1: ` date {}` is not a valid date ({err}); stored without a publication date",
                &caps[1]
            )),
        }
        return whole.end();
    }
    if let Some(end) = front_matter(content, draft) {
        return end;
    }
    leading_key_values(content, draft).unwrap_or(0)
}

/// A `---` fenced block at the very start. Returns the offset after it and the blank lines
/// that follow.
fn front_matter(content: &str, draft: &mut Draft) -> Option<usize> {
    let mut lines = line_spans(content);
    let (_, first) = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    for (index, (start, line)) in lines.enumerate() {
        if index > 100 {
            return None;
        }
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let after = start + line.len();
            apply_fields(draft, &fields);
            return Some(skip_whitespace(content, after));
        }
        fields.push((index + 2, line));
    }
    None
}

/// Leading `key: value` lines with known keys, ended by a blank line.
fn leading_key_values(content: &str, draft: &mut Draft) -> Option<usize> {
    let mut fields = Vec::new();
    for (index, (start, line)) in line_spans(content).enumerate() {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed.trim().is_empty() {
            if fields.is_empty() {
                return None;
            }
            apply_fields(draft, &fields);
            return Some(skip_whitespace(content, start));
        }
        let caps = KEY_VALUE.captures(trimmed)?;
        if !is_known_key(&caps[1]) {
            return None;
        }
        fields.push((index + 1, line));
    }
    // The whole input is a header and nothing else: keep it all as text, it is not metadata.
    None
}

fn is_known_key(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "title"
            | "headline"
            | "source"
            | "outlet"
            | "publisher"
            | "site"
            | "url"
            | "link"
            | "date"
            | "published"
            | "pubdate"
            | "author"
            | "byline"
            | "by"
            | "lang"
            | "language"
            | "id"
    )
}

fn apply_fields(draft: &mut Draft, fields: &[(usize, &str)]) {
    for &(line_no, line) in fields {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let Some(caps) = KEY_VALUE.captures(trimmed) else {
            continue;
        };
        let value = caps[2].trim().trim_matches('"').trim();
        if value.is_empty() {
            continue;
        }
        match caps[1].to_ascii_lowercase().as_str() {
            "title" | "headline" => draft.title = Some(value.to_owned()),
            "source" | "outlet" | "publisher" | "site" => draft.source = Some(value.to_owned()),
            "url" | "link" => draft.url = Some(value.to_owned()),
            "author" | "byline" | "by" => draft.author = Some(value.to_owned()),
            "lang" | "language" => draft.declared_language = Some(value.to_owned()),
            "date" | "published" | "pubdate" => match parse_date(value) {
                Some(date) => draft.published = Some(date),
                None => draft.warnings.push(format!(
                    "line {line_no}: `{}: {value}` is not a date this tool reads (use YYYY-MM-DD); stored without a publication date",
                    &caps[1]
                )),
            },
            _ => {}
        }
    }
}

/// Recognises headline, author line, date line and dateline at the top of the stored text.
fn recognise_in_text(draft: &mut Draft) {
    let text = draft.text.as_str();
    let mut lines = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .peekable();
    let mut title = None;
    let mut author = None;
    let mut inferred = None;
    let mut agency = None;
    for (index, line) in lines.by_ref().enumerate() {
        let line = line.trim();
        if let Some(name) = author_line(line) {
            author.get_or_insert(name);
            continue;
        }
        if let Some((date, len)) = parse_written_date(line).or_else(|| iso_date_prefix(line)) {
            inferred.get_or_insert(date);
            if len == line.len() {
                continue;
            }
        }
        if let Some(caps) = DATELINE.captures(line) {
            if let Some(name) = caps.name("agency") {
                agency = Some(name.as_str().trim().to_owned());
            }
            if let (Some(month), Some(day)) = (caps.name("month"), caps.name("day")) {
                let year = caps
                    .name("year")
                    .and_then(|y| y.as_str().parse::<i16>().ok())
                    .or(draft.published.map(|d| d.year()));
                if let (Some(year), Some(month), Ok(day)) = (
                    year,
                    month_number(month.as_str()),
                    day.as_str().parse::<i8>(),
                ) && let Ok(date) = jiff::civil::Date::new(year, month, day)
                {
                    inferred.get_or_insert(date);
                }
            }
            break;
        }
        if index == 0 && draft.title.is_none() && is_headline(line, draft.format) {
            title = Some(line.trim_start_matches('#').trim().to_owned());
            continue;
        }
        break;
    }
    if draft.title.is_none() {
        draft.title = title;
    }
    if draft.author.is_none() {
        draft.author = author;
    }
    if draft.source.is_none() {
        draft.source = agency;
    }
    if draft.published != inferred {
        draft.inferred_date = inferred;
    }
}

fn iso_date_prefix(line: &str) -> Option<(jiff::civil::Date, usize)> {
    let head = line.get(..10)?;
    let date = head.parse::<jiff::civil::Date>().ok()?;
    Some((date, 10))
}

/// "By Jane Doe", or a line of two or three capitalised name words ("Qamar Bashir").
fn author_line(line: &str) -> Option<String> {
    if line.len() > 60 || line.ends_with(['.', '?', '!', ':', ',']) {
        return None;
    }
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "));
    if let Some(name) = rest {
        let name = name.trim();
        let words = name.split_whitespace().count();
        return (1..=8)
            .contains(&words)
            .then(|| name.to_owned())
            .filter(|n| n.chars().next().is_some_and(char::is_uppercase));
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let name_like = words.iter().all(|w| {
        let mut chars = w.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_ok = chars.all(|c| c.is_lowercase() || matches!(c, '\'' | '’' | '-' | '.'));
        first_upper && rest_ok && !is_headline_word(w)
    });
    name_like.then(|| line.to_owned())
}

/// Words frequent in short headlines and labels that are not names.
fn is_headline_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.trim_end_matches(['.', '’', '\'']),
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "talks"
            | "deal"
            | "war"
            | "peace"
            | "news"
            | "update"
            | "updates"
            | "live"
            | "analysis"
            | "opinion"
            | "editorial"
            | "breaking"
            | "report"
            | "says"
            | "said"
            | "new"
            | "end"
            | "ends"
            | "over"
            | "after"
            | "before"
            | "resume"
            | "resumes"
            | "home"
            | "world"
            | "politics"
            | "business"
            | "summary"
            | "background"
            | "iran"
            | "israel"
            | "gaza"
            | "ukraine"
            | "russia"
            | "china"
            | "oman"
            | "qatar"
            | "sanctions"
            | "ceasefire"
            | "nuclear"
            | "trade"
            | "tariffs"
            | "crisis"
    )
}

/// A first line that reads as a headline: short, no final period, followed by more text.
fn is_headline(line: &str, format: DocFormat) -> bool {
    if format == DocFormat::Markdown && line.starts_with("# ") {
        return true;
    }
    let words = line.split_whitespace().count();
    (3..=25).contains(&words)
        && line.len() <= 200
        && !line.ends_with(['.', ',', ';', ':', '"', '”'])
        && !line.starts_with(['-', '*', '•'])
}

fn line_spans(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content.split_inclusive('\n').scan(0usize, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

fn skip_whitespace(content: &str, from: usize) -> usize {
    content[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(content.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn read(content: &str) -> Draft {
        parse("doc", "doc.txt", content, false)
    }

    #[test]
    fn seed_marker_is_removed_with_following_space() {
        let draft = read(" date 2026-02-05 Envoys will meet tomorrow in Muscat.\n\nMore text.");
        assert_eq!(draft.published, Some(date(2026, 2, 5)));
        assert_eq!(
            draft.text,
            "Envoys will meet tomorrow in Muscat.\n\nMore text."
        );
        assert_eq!(draft.inferred_date, None);
    }

    #[test]
    fn front_matter_block() {
        let content = "---\ntitle: Ceasefire holds in the north\nsource: Harbour Times\nurl: https://harbour.example/a\ndate: 2026-03-02\nauthor: Lena Ortiz\n---\n\nThe truce held overnight.\n";
        let draft = read(content);
        assert_eq!(draft.title.as_deref(), Some("Ceasefire holds in the north"));
        assert_eq!(draft.source.as_deref(), Some("Harbour Times"));
        assert_eq!(draft.url.as_deref(), Some("https://harbour.example/a"));
        assert_eq!(draft.author.as_deref(), Some("Lena Ortiz"));
        assert_eq!(draft.published, Some(date(2026, 3, 2)));
        assert_eq!(draft.text, "The truce held overnight.\n");
    }

    #[test]
    fn leading_key_value_lines() {
        let content = "Title: Trade talks stall\nOutlet: Pacific Ledger\nDate: March 3, 2026\n\nNegotiators left Geneva without a deal.";
        let draft = read(content);
        assert_eq!(draft.title.as_deref(), Some("Trade talks stall"));
        assert_eq!(draft.source.as_deref(), Some("Pacific Ledger"));
        assert_eq!(draft.published, Some(date(2026, 3, 3)));
        assert_eq!(draft.text, "Negotiators left Geneva without a deal.");
    }

    #[test]
    fn prose_with_a_colon_is_not_metadata() {
        let content = "Note: the ministers met twice.\n\nThey will meet again.";
        let draft = read(content);
        assert_eq!(draft.text, content);
        assert_eq!(draft.published, None);
    }

    #[test]
    fn byline_and_date_line_are_inferred_not_published() {
        let content = "Mira Kovac\nFebruary 6, 2026 was the day the envoys finally met.\n";
        let draft = read(content);
        assert_eq!(draft.author.as_deref(), Some("Mira Kovac"));
        assert_eq!(draft.published, None);
        assert_eq!(draft.inferred_date, Some(date(2026, 2, 6)));
        assert_eq!(draft.text, content, "recognised lines stay in the text");
    }

    #[test]
    fn dateline_with_agency() {
        let content = "By Omar Haddad\nDOHA, March 4 (Gulf Wire) -- Mediators said on Tuesday that a deal was close.";
        let draft = read(content);
        assert_eq!(draft.author.as_deref(), Some("Omar Haddad"));
        assert_eq!(draft.source.as_deref(), Some("Gulf Wire"));
        // No year anywhere: the dateline's day stays unknown rather than guessed.
        assert_eq!(draft.inferred_date, None);
        let with_year = read("DOHA, March 4, 2026 (Gulf Wire) -- Mediators met.");
        assert_eq!(with_year.inferred_date, Some(date(2026, 3, 4)));
    }

    #[test]
    fn headline_line_becomes_title() {
        let content = "Iran and US to resume indirect talks in Geneva\n\nThe second round is set for next week.";
        let draft = read(content);
        assert_eq!(
            draft.title.as_deref(),
            Some("Iran and US to resume indirect talks in Geneva")
        );
        assert_eq!(draft.author, None);
    }

    #[test]
    fn bad_date_in_metadata_is_a_warning() {
        let draft = read("---\ndate: someday\n---\nText.");
        assert_eq!(draft.published, None);
        assert_eq!(draft.warnings.len(), 1);
        assert!(draft.warnings[0].starts_with("line 2: `date: someday`"));
    }
}
