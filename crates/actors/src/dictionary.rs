//! The actor dictionary: entries from the embedded data and the user, their normalised
//! phrases, and the Aho-Corasick automaton over them (built once).

use aho_corasick::{AhoCorasick, MatchKind, StartKind};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use toml::Spanned;

use crate::normalize::normalize_phrase;
use crate::{ActorError, Kind};

const PETRARCH_ACTORS: &str = include_str!("../data/petrarch_actors.tsv");
const PETRARCH_AGENTS: &str = include_str!("../data/petrarch_agents.tsv");
const PETRARCH_DISCARDS: &str = include_str!("../data/petrarch_discards.tsv");
const CURATED: &str = include_str!("../data/curated.toml");

/// Version of the embedded dictionaries for `doc.extractor` (SPEC §3, §7): `dict-` and the
/// first 8 hex digits of a 64-bit FNV-1a hash over all embedded data files, so any data
/// change gives a new version and triggers re-processing.
pub fn dictionary_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for data in [PETRARCH_ACTORS, PETRARCH_AGENTS, PETRARCH_DISCARDS, CURATED] {
            for &b in data.as_bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("dict-{:08x}", hash >> 32)
    })
}

/// Where an entry comes from. On the same phrase a user entry wins over a curated one, and a
/// curated one over PETRARCH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Converted from the PETRARCH-2 dictionaries (2016; office holders may be out of date).
    Petrarch,
    /// The crate's own hand-written table (`data/curated.toml`).
    Curated,
    /// Given by the user through [`ActorDictionary::with_user_entries`].
    User,
}

/// One dictionary entry: what a set of phrases stands for, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What the phrases name.
    pub kind: Kind,
    /// CAMEO actor code (`IRNGOV`, `IGOUNOIAE`); for agents the sector suffix (`GOV`), which
    /// may be empty for group nouns (`states`).
    pub code: String,
    /// Person or organisation name as displayed (`Abbas Araghchi`).
    pub entity: Option<String>,
    /// Role or office (`Foreign Minister`).
    pub role: Option<String>,
    /// For agents that are titles of one office holder: the office they name
    /// (`foreign minister` for "top diplomat"), used to resolve them to a person.
    pub title: Option<String>,
    /// First day the entry holds.
    pub valid_from: Option<Date>,
    /// Last day the entry holds.
    pub valid_to: Option<Date>,
    /// Where the entry comes from.
    pub source: Source,
}

impl Entry {
    /// True when the entry holds on `date` (always, when no date is given).
    pub fn valid_on(&self, date: Option<Date>) -> bool {
        let Some(d) = date else { return true };
        self.valid_from.is_none_or(|f| f <= d) && self.valid_to.is_none_or(|t| d <= t)
    }
}

/// A normalised phrase and the entries it may stand for.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// `(entry index, reached through a short name such as a surname)`.
    pub(crate) entries: Vec<(u32, bool)>,
    /// Must be written in capitals to count (`US`, not `us`).
    pub(crate) acronym: bool,
    /// A country adjective or demonym (`Rwandan`, `Chinese`), not the country's name.
    pub(crate) adjective: bool,
}

/// Actor dictionary with its matcher. Build once and share: matching takes `&self`.
#[derive(Debug, Clone)]
pub struct ActorDictionary {
    pub(crate) entries: Vec<Entry>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) matcher: AhoCorasick,
    /// Codes of organisations with a "Commission" among their names (the European Union):
    /// where a commissioner without a country belongs.
    pub(crate) commission_codes: Vec<String>,
    /// Curated and user people with a role, for [`ActorDictionary::office_holder`].
    pub(crate) office_holders: Vec<u32>,
    /// Raw phrases with their entries, kept to rebuild with user entries.
    phrases: Vec<(String, u32, bool)>,
}

/// A phrase as given in a data file, before normalisation.
struct RawPhrase {
    text: String,
    entry: u32,
    short: bool,
}

impl ActorDictionary {
    /// The built-in dictionary (PETRARCH-2 conversion + curated table), built on first use.
    pub fn builtin() -> &'static ActorDictionary {
        static DICT: OnceLock<ActorDictionary> = OnceLock::new();
        DICT.get_or_init(|| {
            // The embedded data is checked by this crate's tests; failing here is a build bug.
            ActorDictionary::new().expect("embedded actor data is valid")
        })
    }

    /// Builds the built-in dictionary afresh.
    ///
    /// # Errors
    /// Returns [`ActorError`] when the embedded data is malformed (a packaging bug).
    pub fn new() -> Result<ActorDictionary, ActorError> {
        let mut entries = Vec::new();
        let mut raw = Vec::new();
        for (name, text) in [
            ("petrarch_actors.tsv", PETRARCH_ACTORS),
            ("petrarch_agents.tsv", PETRARCH_AGENTS),
            ("petrarch_discards.tsv", PETRARCH_DISCARDS),
        ] {
            read_tsv(name, text, &mut entries, &mut raw)?;
        }
        read_toml(
            "curated.toml",
            CURATED,
            Source::Curated,
            &mut entries,
            &mut raw,
        )?;
        Self::build(entries, raw)
    }

    /// A copy of this dictionary extended with the entries of a user TOML file (same schema as
    /// `data/curated.toml`: `[[entry]]` tables with `kind`, `code`, `names`, optional
    /// `entity`, `role`, `short`, `title`, `valid_from`, `valid_to`). User entries win over
    /// built-in ones on the same phrase.
    ///
    /// # Errors
    /// Returns [`ActorError::Parse`] or [`ActorError::Field`] naming the line and field.
    pub fn with_user_entries(&self, toml_text: &str) -> Result<ActorDictionary, ActorError> {
        let mut entries = self.entries.clone();
        let mut raw: Vec<RawPhrase> = self
            .phrases
            .iter()
            .map(|(text, entry, short)| RawPhrase {
                text: text.clone(),
                entry: *entry,
                short: *short,
            })
            .collect();
        read_toml(
            "user entries",
            toml_text,
            Source::User,
            &mut entries,
            &mut raw,
        )?;
        Self::build(entries, raw)
    }

    /// A copy of this dictionary extended with the rows of a user CSV file: a header naming
    /// some of the columns `kind, code, names, entity, role, short, title, valid_from,
    /// valid_to` (`kind` and `names` required; `names` and `short` are `|`-separated), one
    /// entry per row. User entries win over built-in ones on the same phrase.
    ///
    /// # Errors
    /// Returns [`ActorError::Parse`] (unreadable CSV) or [`ActorError::Field`] naming the line
    /// and column.
    pub fn with_user_csv(&self, csv_text: &str) -> Result<ActorDictionary, ActorError> {
        let (mut entries, mut raw) = self.parts();
        read_csv(
            "user entries",
            csv_text,
            Source::User,
            &mut entries,
            &mut raw,
        )?;
        Self::build(entries, raw)
    }

    fn parts(&self) -> (Vec<Entry>, Vec<RawPhrase>) {
        let raw = self
            .phrases
            .iter()
            .map(|(text, entry, short)| RawPhrase {
                text: text.clone(),
                entry: *entry,
                short: *short,
            })
            .collect();
        (self.entries.clone(), raw)
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of distinct normalised phrases in the matcher.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    fn build(entries: Vec<Entry>, raw: Vec<RawPhrase>) -> Result<ActorDictionary, ActorError> {
        // A leading "the" is left out of keys: "The White House" and "the White House" both
        // meet the key "white house", whoever wrote the longer form.
        let normalized: Vec<String> = raw
            .iter()
            .map(|p| {
                let key = normalize_phrase(&p.text);
                match key.strip_prefix("the ") {
                    Some(rest) => rest.to_owned(),
                    None => key,
                }
            })
            .collect();
        let superseded = superseded_phrases(&entries, &raw, &normalized)?;
        let adjectives = demonym_phrases(&entries, &raw);
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (i, (phrase, key)) in raw.iter().zip(normalized).enumerate() {
            if key.is_empty() || superseded[i] {
                continue;
            }
            let entry = &entries[phrase.entry as usize];
            let acronym = is_acronym(&phrase.text, entry.source, entry.kind);
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                // Searched with a leading break so that a key only matches from a word start.
                keys.push(format!(" {key}"));
                patterns.push(Pattern {
                    entries: Vec::new(),
                    acronym,
                    adjective: entry.kind == Kind::Country && adjectives[i],
                });
                patterns.len() - 1
            });
            let pattern = &mut patterns[slot];
            // A name written in lowercase or mixed case anywhere makes the key case-free.
            pattern.acronym &= acronym;
            // A key that is a country's name anywhere is a name.
            if entry.kind == Kind::Country && !adjectives[i] {
                pattern.adjective = false;
            }
            if !pattern.entries.contains(&(phrase.entry, phrase.short)) {
                pattern.entries.push((phrase.entry, phrase.short));
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            // Every key starts with a space: a start-byte prefilter would stop at every word.
            .prefilter(false)
            .build(&keys)?;
        let mut commission_codes: Vec<String> = raw
            .iter()
            .filter(|p| {
                let e = &entries[p.entry as usize];
                e.kind == Kind::Organisation
                    && e.code.starts_with("IGO")
                    && p.text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case("commission"))
            })
            .map(|p| entries[p.entry as usize].code.clone())
            .collect();
        commission_codes.sort();
        commission_codes.dedup();
        let office_holders = (0..entries.len() as u32)
            .filter(|&i| {
                let e = &entries[i as usize];
                e.kind == Kind::Person && e.source != Source::Petrarch && e.role.is_some()
            })
            .collect();
        let phrases = raw
            .into_iter()
            .map(|p| (p.text, p.entry, p.short))
            .collect();
        Ok(ActorDictionary {
            entries,
            patterns,
            matcher,
            commission_codes,
            office_holders,
            phrases,
        })
    }
}

/// Marks the phrases of country entries that are adjectives or demonyms rather than the
/// country's name, from the entry's own phrases: a word ending in `-ese`, `-ian`, `-ean`,
/// `-ish`, `-ch`, `-ss` or `-ek` (Chinese, Iranian, Korean, Turkish, French, Swiss, Greek),
/// or a form of another phrase of the same entry: `X` + `n`/`an` (Rwandan, Cuban, Mexican
/// from Mexico), `X` + `i` (Qatari, Somali from Somalia), `X` + `er` (Icelander), and
/// `German` beside `Germany`, `Afghan` beside `Afghanistan`.
fn demonym_phrases(entries: &[Entry], raw: &[RawPhrase]) -> Vec<bool> {
    let mut by_entry: HashMap<u32, Vec<String>> = HashMap::new();
    for p in raw {
        if entries[p.entry as usize].kind == Kind::Country {
            by_entry
                .entry(p.entry)
                .or_default()
                .push(p.text.to_lowercase().replace('_', " "));
        }
    }
    raw.iter()
        .map(|p| {
            let Some(siblings) = by_entry.get(&p.entry) else {
                return false;
            };
            let w = p.text.to_lowercase().replace('_', " ");
            is_demonym(&w, siblings)
        })
        .collect()
}

/// See [`demonym_phrases`].
fn is_demonym(w: &str, siblings: &[String]) -> bool {
    let has = |s: &str| siblings.iter().any(|x| x == s);
    let last = w.rsplit(' ').next().unwrap_or(w);
    if ["ese", "ian", "ean", "ish", "ch", "ss", "ek"]
        .iter()
        .any(|suffix| last.ends_with(suffix) && last.len() > suffix.len() + 2)
    {
        return true;
    }
    let strip = |suffix: &str| w.strip_suffix(suffix).filter(|s| s.len() >= 3);
    if let Some(stem) = strip("n")
        && (has(stem) || has(&format!("{stem}y")))
    {
        return true;
    }
    if let Some(stem) = strip("an")
        && (has(&format!("{stem}o")) || has(&format!("{stem}istan")) || has(&format!("{w}istan")))
    {
        return true;
    }
    if has(&format!("{w}istan")) || has(&format!("{w}y")) {
        return true;
    }
    if let Some(stem) = strip("i")
        && (has(stem) || has(&format!("{stem}a")))
    {
        return true;
    }
    strip("er").is_some_and(has)
}

/// Marks PETRARCH person phrases that contain the full name of a curated or user person
/// ("PRIME MINISTER BENJAMIN NETANYAHU" with an old code): the newer entry should decide, and
/// a longer PETRARCH phrase would otherwise win the leftmost-longest match.
fn superseded_phrases(
    entries: &[Entry],
    raw: &[RawPhrase],
    normalized: &[String],
) -> Result<Vec<bool>, ActorError> {
    let newer: Vec<&str> = raw
        .iter()
        .zip(normalized)
        .filter(|(p, key)| {
            let e = &entries[p.entry as usize];
            !p.short && !key.is_empty() && e.kind == Kind::Person && e.source > Source::Petrarch
        })
        .map(|(_, key)| key.as_str())
        .collect();
    let mut out = vec![false; raw.len()];
    if newer.is_empty() {
        return Ok(out);
    }
    let names = AhoCorasick::new(&newer)?;
    for (i, (p, key)) in raw.iter().zip(normalized).enumerate() {
        let e = &entries[p.entry as usize];
        if e.source != Source::Petrarch || e.kind != Kind::Person {
            continue;
        }
        let bytes = key.as_bytes();
        let is_break = |b: u8| b == b' ' || b == b'|';
        out[i] = names.find_overlapping_iter(key.as_str()).any(|m| {
            (m.start() == 0 || is_break(bytes[m.start() - 1]))
                && (m.end() == bytes.len() || is_break(bytes[m.end()]))
        });
    }
    Ok(out)
}

/// Whether a phrase must be written in capitals to count. Curated and user phrases say so by
/// their own spelling (`US`, `IAEA`, `U.S.`); PETRARCH writes everything in capitals, so
/// there a one-word name of at most three letters (`US`, `UN`, `EU`) counts as an acronym.
fn is_acronym(phrase: &str, source: Source, kind: Kind) -> bool {
    if kind == Kind::Agent || kind == Kind::Discard {
        return false;
    }
    let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
    match source {
        Source::Petrarch => {
            !phrase.contains([' ', '_', '-']) && (letters <= 3 || phrase.contains('.'))
        }
        Source::Curated | Source::User => letters >= 2 && !phrase.chars().any(char::is_lowercase),
    }
}

fn read_tsv(
    origin: &str,
    text: &str,
    entries: &mut Vec<Entry>,
    raw: &mut Vec<RawPhrase>,
) -> Result<(), ActorError> {
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = || ActorError::Tsv {
            origin: origin.to_owned(),
            line: i + 1,
        };
        let [kind, code, from, to, entity, phrases] = cols[..] else {
            return Err(err());
        };
        let kind = Kind::parse(kind).ok_or_else(err)?;
        let date = |s: &str| -> Result<Option<Date>, ActorError> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(|_| err())
            }
        };
        let id = entries.len() as u32;
        entries.push(Entry {
            kind,
            code: code.to_owned(),
            entity: (!entity.is_empty()).then(|| entity.to_owned()),
            role: None,
            title: None,
            valid_from: date(from)?,
            valid_to: date(to)?,
            source: Source::Petrarch,
        });
        raw.extend(phrases.split('|').map(|p| RawPhrase {
            text: p.to_owned(),
            entry: id,
            short: false,
        }));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    entry: Vec<TomlEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    kind: Spanned<String>,
    #[serde(default)]
    code: Option<Spanned<String>>,
    names: Spanned<Vec<String>>,
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    short: Option<Vec<String>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    valid_from: Option<Spanned<String>>,
    #[serde(default)]
    valid_to: Option<Spanned<String>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// One user or curated entry as read, with the line of each field, before validation.
struct Draft {
    kind: (String, usize),
    code: Option<(String, usize)>,
    names: (Vec<String>, usize),
    entity: Option<String>,
    role: Option<String>,
    short: Option<Vec<String>>,
    title: Option<String>,
    valid_from: Option<(String, usize)>,
    valid_to: Option<(String, usize)>,
}

fn read_toml(
    origin: &str,
    text: &str,
    source: Source,
    entries: &mut Vec<Entry>,
    raw: &mut Vec<RawPhrase>,
) -> Result<(), ActorError> {
    let file: TomlFile = toml::from_str(text).map_err(|e| ActorError::Parse {
        origin: origin.to_owned(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().trim_end_matches('.').to_owned(),
    })?;
    let line = |span: std::ops::Range<usize>| line_of(text, span.start);
    let spanned = |v: Option<Spanned<String>>| {
        v.map(|s| {
            let l = line(s.span());
            (s.into_inner(), l)
        })
    };
    for e in file.entry {
        let kind_line = line(e.kind.span());
        let names_line = line(e.names.span());
        let draft = Draft {
            kind: (e.kind.into_inner(), kind_line),
            code: spanned(e.code),
            names: (e.names.into_inner(), names_line),
            entity: e.entity,
            role: e.role,
            short: e.short,
            title: e.title,
            valid_from: spanned(e.valid_from),
            valid_to: spanned(e.valid_to),
        };
        add_entry(origin, draft, source, entries, raw)?;
    }
    Ok(())
}

/// Column names of a user CSV file.
const CSV_COLUMNS: [&str; 9] = [
    "kind",
    "code",
    "names",
    "entity",
    "role",
    "short",
    "title",
    "valid_from",
    "valid_to",
];

fn read_csv(
    origin: &str,
    text: &str,
    source: Source,
    entries: &mut Vec<Entry>,
    raw: &mut Vec<RawPhrase>,
) -> Result<(), ActorError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_err = |line: usize, message: String| ActorError::Parse {
        origin: origin.to_owned(),
        line,
        message,
    };
    let header = reader
        .headers()
        .map_err(|e| csv_err(1, format!("unreadable CSV header: {e}")))?
        .clone();
    let mut column = [None; 9];
    for (i, name) in header.iter().enumerate() {
        match CSV_COLUMNS
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))
        {
            Some(c) => column[c] = Some(i),
            None => {
                return Err(ActorError::Field {
                    origin: origin.to_owned(),
                    line: 1,
                    field: "header",
                    message: format!("unknown column `{name}`; use {}", CSV_COLUMNS.join(", ")),
                });
            }
        }
    }
    for (name, c) in [("kind", column[0]), ("names", column[2])] {
        if c.is_none() {
            return Err(ActorError::Field {
                origin: origin.to_owned(),
                line: 1,
                field: "header",
                message: format!("the `{name}` column is missing; add it to the header"),
            });
        }
    }
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            csv_err(line, format!("unreadable CSV row: {e}"))
        })?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let get = |c: usize| -> Option<String> {
            column[c]
                .and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let list = |c: usize| -> Option<Vec<String>> {
            get(c).map(|v| v.split('|').map(|x| x.trim().to_owned()).collect())
        };
        let draft = Draft {
            kind: (get(0).unwrap_or_default(), line),
            code: get(1).map(|v| (v, line)),
            names: (list(2).unwrap_or_default(), line),
            entity: get(3),
            role: get(4),
            short: list(5),
            title: get(6),
            valid_from: get(7).map(|v| (v, line)),
            valid_to: get(8).map(|v| (v, line)),
        };
        add_entry(origin, draft, source, entries, raw)?;
    }
    Ok(())
}

/// Validates one entry and adds it with its phrases.
fn add_entry(
    origin: &str,
    e: Draft,
    source: Source,
    entries: &mut Vec<Entry>,
    raw: &mut Vec<RawPhrase>,
) -> Result<(), ActorError> {
    let field_err = |field: &'static str, line: usize, message: String| ActorError::Field {
        origin: origin.to_owned(),
        line,
        field,
        message,
    };
    let kind = Kind::parse(&e.kind.0).ok_or_else(|| {
        field_err(
            "kind",
            e.kind.1,
            format!(
                "unknown kind `{}`; use country, capital, org, person, agent, modifier or discard",
                e.kind.0
            ),
        )
    })?;
    let (code, code_line) = e.code.clone().unwrap_or((String::new(), e.kind.1));
    let code_ok = if kind == Kind::Agent || kind == Kind::Discard {
        code.len() % 3 == 0 && code.bytes().all(|b| b.is_ascii_uppercase())
    } else {
        code.len() >= 3 && code.bytes().all(|b| b.is_ascii_uppercase())
    };
    if !code_ok {
        return Err(field_err(
            "code",
            code_line,
            format!(
                "`{code}` is not a CAMEO code; write capital letters such as IRNGOV (agents: a sector such as GOV)"
            ),
        ));
    }
    let date = |field: &'static str, v: &Option<(String, usize)>| match v {
        None => Ok(None),
        Some((value, line)) => value.parse::<Date>().map(Some).map_err(|_| {
            field_err(
                field,
                *line,
                format!("`{value}` is not a date; write YYYY-MM-DD"),
            )
        }),
    };
    let valid_from = date("valid_from", &e.valid_from)?;
    let valid_to = date("valid_to", &e.valid_to)?;
    if let (Some(f), Some(t), Some((_, line))) = (valid_from, valid_to, &e.valid_to)
        && f > t
    {
        return Err(field_err(
            "valid_to",
            *line,
            format!("{t} is before valid_from {f}; swap them"),
        ));
    }
    let names: Vec<String> = e
        .names
        .0
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .collect();
    if names.is_empty() {
        return Err(field_err(
            "names",
            e.names.1,
            "no name given; list at least one name".to_owned(),
        ));
    }
    let id = entries.len() as u32;
    let entity = e
        .entity
        .or_else(|| matches!(kind, Kind::Person | Kind::Organisation).then(|| names[0].clone()));
    let short = match (e.short, kind, &entity) {
        (Some(s), _, _) => s,
        (None, Kind::Person, Some(name)) => name
            .split_whitespace()
            .last()
            .map(|s| vec![s.to_owned()])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    raw.extend(names.into_iter().map(|n| RawPhrase {
        text: n,
        entry: id,
        short: false,
    }));
    raw.extend(short.into_iter().map(|n| RawPhrase {
        text: n,
        entry: id,
        short: true,
    }));
    entries.push(Entry {
        kind,
        code,
        entity,
        role: e.role,
        title: e.title,
        valid_from,
        valid_to,
        source,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_entries_report_line_and_field() {
        let dict = ActorDictionary::builtin();
        let bad_date = "[[entry]]\nkind = \"person\"\ncode = \"FRAGOV\"\nnames = [\"Jean Test\"]\nvalid_from = \"2025-13-01\"\n";
        let err = dict.with_user_entries(bad_date).expect_err("bad month");
        assert_eq!(
            err.to_string(),
            "user entries:5: field `valid_from`: `2025-13-01` is not a date; write YYYY-MM-DD"
        );
        let bad_code = "[[entry]]\nkind = \"person\"\ncode = \"fra\"\nnames = [\"Jean Test\"]\n";
        let err = dict
            .with_user_entries(bad_code)
            .expect_err("lowercase code");
        assert!(
            err.to_string().starts_with("user entries:3: field `code`"),
            "{err}"
        );
        let bad_toml = "[[entry]]\nkind = \"person\"\nnames = [\"x\"\n";
        let err = dict
            .with_user_entries(bad_toml)
            .expect_err("unclosed array");
        assert!(
            matches!(err, ActorError::Parse { line: 3 | 4, .. }),
            "{err}"
        );
    }

    /// Every full name of the curated table, said in a plain sentence on a day of its
    /// validity, comes back as that entry's code.
    #[test]
    fn every_curated_name_finds_itself() {
        let dict = ActorDictionary::builtin();
        let default_day = Date::new(2026, 1, 15).expect("valid");
        let mut failures = Vec::new();
        let mut checked = 0;
        for (name, entry_id, short) in &dict.phrases {
            let entry = &dict.entries[*entry_id as usize];
            if *short
                || entry.source != Source::Curated
                || !matches!(
                    entry.kind,
                    Kind::Person | Kind::Organisation | Kind::Capital
                )
            {
                continue;
            }
            let day = entry.valid_from.unwrap_or(default_day);
            let text = format!("Yesterday {name} spoke.");
            let got: Vec<String> = dict
                .find_mentions(&text, Some(day))
                .into_iter()
                .map(|m| m.code)
                .collect();
            checked += 1;
            if got != [entry.code.clone()] {
                failures.push(format!("{name} on {day}: want {}, got {got:?}", entry.code));
            }
        }
        assert!(checked > 300, "checked {checked}");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn user_csv_rows_become_entries() {
        let csv = "kind,code,names,role,valid_from\n\
                   person,NORGOV,Kari Nordmann|K. Nordmann,Special Envoy,2026-01-01\n\
                   capital,NORGOV,Oslo,,\n";
        let dict = ActorDictionary::builtin()
            .with_user_csv(csv)
            .expect("valid CSV");
        let got: Vec<(String, Option<String>)> = dict
            .find_mentions("Nordmann said Oslo agreed.", Date::new(2026, 3, 1).ok())
            .into_iter()
            .map(|m| (m.code, m.role))
            .collect();
        assert_eq!(
            got,
            [
                ("NORGOV".to_owned(), Some("Special Envoy".to_owned())),
                ("NORGOV".to_owned(), None)
            ]
        );
        let bad = "kind,code,names\nperson,NORGOV,Kari\nperson,NOR-GOV,Ola\n";
        let err = ActorDictionary::builtin()
            .with_user_csv(bad)
            .expect_err("bad code");
        assert_eq!(
            err.to_string(),
            "user entries:3: field `code`: `NOR-GOV` is not a CAMEO code; write capital letters such as IRNGOV (agents: a sector such as GOV)"
        );
        let err = ActorDictionary::builtin()
            .with_user_csv("kind,colour,names\n")
            .expect_err("unknown column");
        assert!(
            err.to_string()
                .starts_with("user entries:1: field `header`: unknown column `colour`"),
            "{err}"
        );
    }

    #[test]
    fn acronyms_by_spelling() {
        assert!(is_acronym("US", Source::Petrarch, Kind::Country));
        assert!(is_acronym("U.S.", Source::Petrarch, Kind::Country));
        assert!(!is_acronym("IRAN", Source::Petrarch, Kind::Country));
        assert!(is_acronym("IAEA", Source::Curated, Kind::Organisation));
        assert!(!is_acronym("Xi", Source::Curated, Kind::Person));
    }
}
