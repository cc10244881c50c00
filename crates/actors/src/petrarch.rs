//! Readers for the PETRARCH-2 / TABARI dictionary formats (actors, agents, discards) and the
//! writer of the crate's compact TSV format. Pure: they take and return text; the
//! `convert_petrarch` binary does the file I/O.
//!
//! Actor files hold blocks: a primary phrase (words joined by `_`, a trailing `_` marks an
//! exact word), `+` synonym lines, and codes in brackets, optionally date-restricted:
//! `[IRNGOV]`, `[IRNGOV >19890604]`, `[IRNGOV 811013-890803]`, `[USAGOV <20090120]`.
//! Agent lines are `PHRASE {PLURAL} [~SECTOR]` with `!SET!` substitution sets.

use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt::Write as _;

use crate::Kind;

/// One converted dictionary record: a set of phrases sharing one code and validity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What the phrases name.
    pub kind: Kind,
    /// The CAMEO code (for agents: the sector suffix without `~`; for discards: empty).
    pub code: String,
    /// First day the code holds, if restricted.
    pub from: Option<Date>,
    /// Last day the code holds, if restricted.
    pub to: Option<Date>,
    /// Display name of the person or organisation (or country), if any.
    pub entity: Option<String>,
    /// The phrases, as words separated by spaces.
    pub phrases: Vec<String>,
}

/// Which PETRARCH actor file a text comes from; decides how blocks are classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorFile {
    /// `Phoenix.Countries.actors.txt`: countries, their institutions and leaders.
    Countries,
    /// `Phoenix.International.actors.txt`: IGOs, NGOs, companies.
    International,
    /// `Phoenix.MilNonState.actors.txt`: armed non-state groups.
    NonState,
}

/// Counts of what a conversion kept and dropped, for the converter's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Blocks read.
    pub blocks: usize,
    /// Records written.
    pub records: usize,
    /// Codes dropped because their validity ended before the cut-off date.
    pub expired: usize,
    /// Codes or phrases dropped because they could not be read (bad dates, brackets).
    pub unreadable: usize,
    /// Blocks with no code at all.
    pub uncoded: usize,
}

struct Block {
    primary: String,
    comment: String,
    phrases: Vec<String>,
    codes: Vec<String>,
}

/// Turns a PETRARCH phrase (`ABBAS_ARAGHCHI_`) into words (`ABBAS ARAGHCHI`); `None` for
/// phrases this crate cannot match (brackets, embedded `+`, substitution sets).
fn phrase_words(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches('+').trim();
    if raw.is_empty() || raw.contains(['(', ')', '+', '{', '}', '!', '<', '>']) {
        return None;
    }
    let words: Vec<&str> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    Some(words.join(" "))
}

/// Reads a PETRARCH date: `yymmdd` (years below 30 are 20xx) or `yyyymmdd`.
fn parse_date(raw: &str) -> Option<Date> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match raw.len() {
        6 => {
            let yy: i16 = raw[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &raw[2..])
        }
        8 => (raw[..4].parse().ok()?, &raw[4..]),
        _ => return None,
    };
    let m: i8 = rest[..2].parse().ok()?;
    let d: i8 = rest[2..].parse().ok()?;
    Date::new(y, m, d).ok()
}

/// Parses one bracket body (`IRNGOV 811013-890803`) into code and validity.
fn parse_code(body: &str) -> Result<(String, Option<Date>, Option<Date>), ()> {
    let mut parts = body.split_whitespace();
    let code = parts.next().ok_or(())?.to_owned();
    let restriction = parts.next();
    let (from, to) = match restriction {
        None => (None, None),
        Some(r) if r.starts_with('>') => (Some(parse_date(&r[1..]).ok_or(())?), None),
        Some(r) if r.starts_with('<') => (None, Some(parse_date(&r[1..]).ok_or(())?)),
        Some(r) => {
            let (a, b) = r.split_once('-').ok_or(())?;
            (
                Some(parse_date(a).ok_or(())?),
                Some(parse_date(b).ok_or(())?),
            )
        }
    };
    Ok((code, from, to))
}

fn bracket_bodies(s: &str) -> impl Iterator<Item = &str> {
    s.split('[')
        .skip(1)
        .filter_map(|part| part.split_once(']').map(|(body, _)| body.trim()))
}

fn title_case(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for (i, w) in words.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut upper = true;
        for c in w.chars() {
            if upper {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            upper = matches!(c, '-' | '\'');
        }
    }
    out
}

/// Converts one PETRARCH actor file. Codes whose validity ended before `cutoff` are dropped
/// (historical office holders matter for old news only); blocks left without codes go too.
/// A person's open-ended code (`[IRNGOV >20130804]`) is closed at `snapshot`, the last day
/// the dictionary knew about: after it the office may have changed hands, and the person's
/// undated code (usually `ELI`, elite) applies instead.
pub fn convert_actors(
    text: &str,
    file: ActorFile,
    cutoff: Date,
    snapshot: Date,
    stats: &mut Stats,
) -> Vec<Record> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in text.lines() {
        let (body, comment) = match line.split_once('#') {
            Some((b, c)) => (b, c),
            None => (line, ""),
        };
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('[') {
            if let Some(block) = blocks.last_mut() {
                block
                    .codes
                    .extend(bracket_bodies(trimmed).map(str::to_owned));
            }
            continue;
        }
        let (phrase_part, code_part) = match trimmed.find('[') {
            Some(i) => (&trimmed[..i], &trimmed[i..]),
            None => (trimmed, ""),
        };
        if trimmed.starts_with('+') {
            if let Some(block) = blocks.last_mut() {
                match phrase_words(phrase_part) {
                    Some(p) => block.phrases.push(p),
                    None => stats.unreadable += 1,
                }
                block
                    .codes
                    .extend(bracket_bodies(code_part).map(str::to_owned));
            }
            continue;
        }
        let primary = phrase_words(phrase_part);
        if primary.is_none() {
            stats.unreadable += 1;
        }
        blocks.push(Block {
            primary: primary.clone().unwrap_or_default(),
            comment: comment.to_owned(),
            phrases: primary.into_iter().collect(),
            codes: bracket_bodies(code_part).map(str::to_owned).collect(),
        });
    }
    let mut out = Vec::new();
    for block in blocks {
        stats.blocks += 1;
        if block.phrases.is_empty() {
            continue;
        }
        if block.codes.is_empty() {
            stats.uncoded += 1;
            continue;
        }
        // Codes that still hold after the cut-off.
        let mut codes = Vec::new();
        for raw in &block.codes {
            let Ok((code, from, to)) = parse_code(raw) else {
                stats.unreadable += 1;
                continue;
            };
            if code.starts_with('-') || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                stats.unreadable += 1;
                continue;
            }
            codes.push((code, from, to));
        }
        // A state: every code still in force is a bare three-letter country code, possibly
        // dated (`[UKR >911221]` after `[USRUKR <910824]`).
        let is_country = file == ActorFile::Countries
            && codes
                .iter()
                .filter(|(_, _, to)| to.is_none_or(|t| t >= cutoff))
                .all(|(code, _, _)| {
                    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
                });
        let kind = if is_country {
            Kind::Country
        } else if file == ActorFile::Countries && block.comment.contains("CountryInfo") {
            Kind::Person
        } else {
            Kind::Organisation
        };
        let entity = Some(title_case(&block.primary));
        for (code, from, to) in codes {
            let to = match (kind, from, to) {
                (Kind::Person, Some(f), None) if f <= snapshot => Some(snapshot),
                _ => to,
            };
            if to.is_some_and(|t| t < cutoff) {
                stats.expired += 1;
                continue;
            }
            out.push(Record {
                kind,
                code,
                from,
                to,
                entity: entity.clone(),
                phrases: block.phrases.clone(),
            });
        }
    }
    stats.records += out.len();
    out
}

/// Converts the PETRARCH agents file: each phrase (with its substitution sets expanded and
/// its irregular plural) becomes an agent record whose code is the sector suffix.
pub fn convert_agents(text: &str, stats: &mut Stats) -> Vec<Record> {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_code: Vec<(String, Vec<String>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        if body.starts_with('!')
            && let Some((name, values)) = body.split_once('=')
        {
            let values = values.split(',').map(|v| v.trim().to_owned()).collect();
            sets.insert(name.trim().to_owned(), values);
            continue;
        }
        stats.blocks += 1;
        let Some(code) = bracket_bodies(body).next() else {
            stats.uncoded += 1;
            continue;
        };
        let code = code.trim_start_matches('~').to_owned();
        let phrase_part = body.split('[').next().unwrap_or("");
        let (phrase, plural) = match phrase_part.split_once('{') {
            Some((p, rest)) => (p, rest.split('}').next().map(str::trim)),
            None => (phrase_part, None),
        };
        let mut forms = expand_sets(phrase.trim(), &sets);
        if let Some(pl) = plural.filter(|p| !p.is_empty()) {
            forms.extend(expand_sets(pl, &sets));
        }
        let slot = *index.entry(code.clone()).or_insert_with(|| {
            by_code.push((code.clone(), Vec::new()));
            by_code.len() - 1
        });
        for form in forms {
            match phrase_words(&form) {
                Some(p) => by_code[slot].1.push(p),
                None => stats.unreadable += 1,
            }
        }
    }
    let out: Vec<Record> = by_code
        .into_iter()
        .filter(|(_, phrases)| !phrases.is_empty())
        .map(|(code, mut phrases)| {
            phrases.sort();
            phrases.dedup();
            Record {
                kind: Kind::Agent,
                code,
                from: None,
                to: None,
                entity: None,
                phrases,
            }
        })
        .collect();
    stats.records += out.len();
    out
}

fn expand_sets(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut forms = vec![phrase.to_owned()];
    for (name, values) in sets {
        if phrase.contains(name.as_str()) {
            forms = forms
                .iter()
                .flat_map(|f| values.iter().map(move |v| f.replace(name.as_str(), v)))
                .collect();
        }
    }
    forms
}

/// Converts the discards file: phrases that, when they cover an actor name, mean it is not
/// an actor ("Manchester United", "Academy Award"). Bare numbers are skipped.
pub fn convert_discards(text: &str, stats: &mut Stats) -> Vec<Record> {
    let mut phrases = Vec::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or("").trim();
        if body.is_empty() || body.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        stats.blocks += 1;
        match phrase_words(body.split('[').next().unwrap_or("")) {
            Some(p) => phrases.push(p),
            None => stats.unreadable += 1,
        }
    }
    phrases.sort();
    phrases.dedup();
    stats.records += 1;
    vec![Record {
        kind: Kind::Discard,
        code: String::new(),
        from: None,
        to: None,
        entity: None,
        phrases,
    }]
}

/// Writes records in the compact TSV format read by [`crate::ActorDictionary`]:
/// `kind TAB code TAB from TAB to TAB entity TAB phrase|phrase|…`, after `header` lines
/// (each written as a `#` comment).
pub fn write_tsv(header: &str, records: &[Record]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    out.push_str("# kind\tcode\tfrom\tto\tentity\tphrases (| separated)\n");
    for r in records {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.kind.as_str(),
            r.code,
            date(r.from),
            date(r.to),
            r.entity.as_deref().unwrap_or(""),
            r.phrases.join("|")
        );
    }
    out
}

const HEADER: &str = "\
Converted from the PETRARCH-2 / Phoenix dictionaries (openeventdata/petrarch2, commit
676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/{FILES}).
Copyright (c) 2014 Open Event Data Alliance. MIT License: permission is hereby granted, free
of charge, to deal in the data without restriction, provided the copyright notice and the
permission notice are included; the data is provided \"as is\", without warranty of any kind.
Generated by crates/actors/src/bin/convert_petrarch.rs; do not edit by hand. Codes whose
validity ended before 2010-01-01 were dropped; a person's open-ended office is closed at
2016-12-31 (the dictionaries' age), after which the person's undated code applies.";

/// The texts of the PETRARCH-2 files a conversion reads.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `Phoenix.Countries.actors.txt`.
    pub countries: &'a str,
    /// `Phoenix.International.actors.txt`.
    pub international: &'a str,
    /// `Phoenix.MilNonState.actors.txt`.
    pub non_state: &'a str,
    /// `Phoenix.agents.txt`.
    pub agents: &'a str,
    /// `Phoenix.discards.txt`.
    pub discards: &'a str,
}

/// The three TSV files of a conversion, with what each step kept and dropped.
#[derive(Debug, Clone)]
pub struct Converted {
    /// `data/petrarch_actors.tsv`.
    pub actors: String,
    /// `data/petrarch_agents.tsv`.
    pub agents: String,
    /// `data/petrarch_discards.tsv`.
    pub discards: String,
    /// Counts for actors, agents and discards.
    pub stats: [Stats; 3],
}

/// Converts all PETRARCH-2 files into this crate's data files (cut-off 2010-01-01, people's
/// open offices closed at 2016-12-31).
pub fn convert_all(src: Sources<'_>) -> Converted {
    let cutoff = jiff::civil::date(2010, 1, 1);
    let snapshot = jiff::civil::date(2016, 12, 31);
    let mut stats: [Stats; 3] = Default::default();
    let mut actors = Vec::new();
    for (text, file) in [
        (src.countries, ActorFile::Countries),
        (src.international, ActorFile::International),
        (src.non_state, ActorFile::NonState),
    ] {
        actors.extend(convert_actors(text, file, cutoff, snapshot, &mut stats[0]));
    }
    let agents = convert_agents(src.agents, &mut stats[1]);
    let discards = convert_discards(src.discards, &mut stats[2]);
    let header = |files: &str| HEADER.replace("{FILES}", files);
    Converted {
        actors: write_tsv(
            &header(
                "Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt",
            ),
            &actors,
        ),
        agents: write_tsv(&header("Phoenix.agents.txt"), &agents),
        discards: write_tsv(&header("Phoenix.discards.txt"), &discards),
        stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
IRAN_  [IRN]
+IRANIAN
+TEHRAN_
REVOLUTIONARY_GUARD
+QUDS_FORCE
\t[IRNMIL]
MOHAMMAD_KHATAMI  # CountryInfo.txt
\t[IRNELI 610101-970803]
\t[IRNGOV 970803-050803]
\t[IRNELI]
OLD_MAN_ # CountryInfo.txt
\t[IRNGOV 19700101-19800101]
U.N._
";

    #[test]
    fn actor_blocks_keep_codes_and_dates() {
        let mut stats = Stats::default();
        let cutoff = Date::new(2010, 1, 1).expect("valid");
        let snapshot = Date::new(2016, 12, 31).expect("valid");
        let recs = convert_actors(SAMPLE, ActorFile::Countries, cutoff, snapshot, &mut stats);
        let summary: Vec<(Kind, &str, Vec<&str>)> = recs
            .iter()
            .map(|r| {
                (
                    r.kind,
                    r.code.as_str(),
                    r.phrases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (Kind::Country, "IRN", vec!["IRAN", "IRANIAN", "TEHRAN"]),
                (
                    Kind::Organisation,
                    "IRNMIL",
                    vec!["REVOLUTIONARY GUARD", "QUDS FORCE"]
                ),
                (Kind::Person, "IRNELI", vec!["MOHAMMAD KHATAMI"]),
            ]
        );
        assert_eq!(stats.expired, 3);
        assert_eq!(stats.uncoded, 1);
    }

    #[test]
    fn dates_read_both_widths() {
        assert_eq!(parse_date("970803"), Date::new(1997, 8, 3).ok());
        assert_eq!(parse_date("050803"), Date::new(2005, 8, 3).ok());
        assert_eq!(parse_date("20130804"), Date::new(2013, 8, 4).ok());
        assert_eq!(parse_date("2004017"), None);
        assert_eq!(
            parse_code("IRNGOV >19890604"),
            Ok(("IRNGOV".to_owned(), Date::new(1989, 6, 4).ok(), None))
        );
    }

    #[test]
    fn agents_expand_sets_and_plurals() {
        let text = "!MINIST! = MINISTER, MINISTRY\nFOREIGN_!MINIST! [~GOV]\nARMED_POLICE {} [~COP]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n";
        let mut stats = Stats::default();
        let recs = convert_agents(text, &mut stats);
        let got: Vec<(&str, Vec<&str>)> = recs
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    r.phrases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("GOV", vec!["FOREIGN MINISTER", "FOREIGN MINISTRY"]),
                ("COP", vec!["ARMED POLICE"]),
                ("BUS", vec!["CHAMBER OF COMMERCE", "CHAMBERS OF COMMERCE"]),
            ]
        );
    }
}
