//! Readers for the PETRARCH-2 actor, agent and discard dictionaries.
//!
//! Actors: a primary phrase (words joined by `_` or spaces, a trailing `_` marks an exact
//! word), optional `+` synonyms, and codes in brackets on the phrase line or on
//! tab-indented lines after it, optionally date-restricted: `[HOB <950601]`,
//! `[HOBGOV 19950601-19990815]`, `[HOBREB >990816]`. Agents: `PHRASE {PLURALS} [~SECTOR]`
//! (`~` before the code appends it to the actor's code, after it prepends), with `!SET! = A, B`
//! substitution sets. Discards: one phrase a line; `+` discards the whole story; a trailing
//! `_` requires a word end, otherwise the phrase is a stem.
//!
//! Comments: `#` or `;` to the end of the line, and `<!-- … -->` (also across lines).

use crate::CoderError;

/// Removes `<!-- … -->` comments (across lines, keeping the line structure) and `#` / `;`
/// line comments.
pub(crate) fn strip_comments(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for raw in text.lines() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_block {
                match rest.find("-->") {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        in_block = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(i) => {
                        line.push_str(&rest[..i]);
                        rest = &rest[i + 4..];
                        in_block = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        if let Some(i) = line.find('#') {
            line.truncate(i);
        }
        lines.push(line);
    }
    lines
}

/// Normalises a dictionary phrase: `_` and runs of spaces become one space, upper case,
/// a trailing `_` dropped. Returns the words.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

/// A code valid over a date range (inclusive, `yyyymmdd`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO actor code (`IRNGOV`).
    pub code: String,
    /// First day the code applies, if restricted.
    pub from: Option<u32>,
    /// Last day the code applies, if restricted.
    pub to: Option<u32>,
}

/// One actor: its phrases and codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// Phrases as upper-case words.
    pub phrases: Vec<Vec<String>>,
    /// Codes in the order given; an unrestricted one is the default.
    pub codes: Vec<DatedCode>,
}

impl ActorEntry {
    /// The code on `date` (`yyyymmdd`): the first restricted code whose range holds the date,
    /// else the unrestricted default, else (no date given) the last code listed.
    pub fn code_on(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            for c in &self.codes {
                if (c.from.is_some() || c.to.is_some())
                    && c.from.is_none_or(|f| d >= f)
                    && c.to.is_none_or(|t| d <= t)
                {
                    return Some(&c.code);
                }
            }
        }
        if let Some(c) = self
            .codes
            .iter()
            .find(|c| c.from.is_none() && c.to.is_none())
        {
            return Some(&c.code);
        }
        if date.is_none() {
            return self.codes.last().map(|c| c.code.as_str());
        }
        None
    }
}

/// An actor dictionary.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    /// The actors in file order.
    pub entries: Vec<ActorEntry>,
}

fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    match s.len() {
        8 => Some(n),
        6 => {
            let yy = n / 10000;
            let century = if yy < 30 { 2000 } else { 1900 };
            Some((century + yy) * 10000 + n % 10000)
        }
        _ => None,
    }
}

fn parse_dated(inner: &str, line: usize) -> Result<DatedCode, CoderError> {
    let err = |message: String| CoderError::Dictionary {
        dictionary: "actors",
        line,
        message,
    };
    let inner = inner.trim();
    let (code, rest) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    // A bare restriction without a code (`[950601-990815]`) is not a code.
    if code.is_empty()
        || code.starts_with(['<', '>'])
        || code.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return Err(err(format!("`[{inner}]` has no actor code")));
    }
    let mut dc = DatedCode {
        code: code.to_string(),
        from: None,
        to: None,
    };
    if rest.is_empty() {
        return Ok(dc);
    }
    let bad = || err(format!("cannot read the date restriction `{rest}`"));
    if let Some(d) = rest.strip_prefix('<') {
        dc.to = Some(parse_date(d).ok_or_else(bad)?);
    } else if let Some(d) = rest.strip_prefix('>') {
        dc.from = Some(parse_date(d).ok_or_else(bad)?);
    } else if let Some((a, b)) = rest.split_once('-') {
        dc.from = Some(parse_date(a).ok_or_else(bad)?);
        dc.to = Some(parse_date(b).ok_or_else(bad)?);
    } else {
        return Err(bad());
    }
    Ok(dc)
}

impl ActorDictionary {
    /// Reads a PETRARCH actor dictionary. Lines that cannot be read are returned beside the
    /// dictionary (bad input is data); the rest is kept.
    ///
    /// # Errors
    /// Never fails as a whole; see the returned problems.
    pub fn parse(text: &str) -> (Self, Vec<CoderError>) {
        let mut dict = ActorDictionary::default();
        let mut problems = Vec::new();
        // Codes seen on tab lines attach to the most recent entry.
        let mut open = false;
        for (idx, raw) in strip_comments(text).iter().enumerate() {
            let line_no = idx + 1;
            let line = raw.split(';').next().unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            let indented = line.starts_with(['\t', ' ']);
            let trimmed = line.trim();
            if indented && trimmed.starts_with('[') {
                if !open {
                    problems.push(CoderError::Dictionary {
                        dictionary: "actors",
                        line: line_no,
                        message: "a code line before any actor phrase".into(),
                    });
                    continue;
                }
                for inner in bracketed(trimmed) {
                    match parse_dated(inner, line_no) {
                        Ok(c) => {
                            if let Some(e) = dict.entries.last_mut() {
                                e.codes.push(c);
                            }
                        }
                        Err(e) => problems.push(e),
                    }
                }
                continue;
            }
            let (phrase_part, codes) = match trimmed.find('[') {
                Some(i) => (&trimmed[..i], Some(&trimmed[i..])),
                None => (trimmed, None),
            };
            let synonym = phrase_part.starts_with('+');
            let words = phrase_words(phrase_part.trim_start_matches('+'));
            if words.is_empty() {
                problems.push(CoderError::Dictionary {
                    dictionary: "actors",
                    line: line_no,
                    message: "no phrase before the code".into(),
                });
                continue;
            }
            if synonym && open {
                if let Some(e) = dict.entries.last_mut() {
                    e.phrases.push(words);
                }
            } else {
                dict.entries.push(ActorEntry {
                    phrases: vec![words],
                    codes: Vec::new(),
                });
                open = true;
            }
            if let Some(codes) = codes {
                for inner in bracketed(codes) {
                    match parse_dated(inner, line_no) {
                        Ok(c) => {
                            if let Some(e) = dict.entries.last_mut() {
                                e.codes.push(c);
                            }
                        }
                        Err(e) => problems.push(e),
                    }
                }
            }
        }
        (dict, problems)
    }
}

fn bracketed(s: &str) -> impl Iterator<Item = &str> {
    s.split('[')
        .skip(1)
        .filter_map(|part| part.split_once(']').map(|(inner, _)| inner))
}

/// One agent phrase and where its code goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// Phrase words (upper case), singular and plural forms as separate entries.
    pub words: Vec<String>,
    /// The agent code without `~` (`GOV`).
    pub code: String,
    /// Whether the code goes before the actor's code (`NGO~`) rather than after (`~GOV`).
    pub prefix: bool,
}

/// An agent dictionary.
#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    /// Every phrase form, plurals expanded.
    pub entries: Vec<AgentEntry>,
}

/// The regular English plural of a word, as PETRARCH forms it (S, IES, ES).
pub(crate) fn plural(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'Y' && !b"AEIOU".contains(&b[n - 2]) {
        format!("{}IES", &word[..n - 1])
    } else if word.ends_with('S')
        || word.ends_with("SH")
        || word.ends_with("CH")
        || word.ends_with('X')
    {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

impl AgentDictionary {
    /// Reads a PETRARCH agent dictionary.
    ///
    /// # Errors
    /// Never fails as a whole; lines that cannot be read are returned as problems.
    pub fn parse(text: &str) -> (Self, Vec<CoderError>) {
        let mut dict = AgentDictionary::default();
        let mut problems = Vec::new();
        let mut sets: Vec<(String, Vec<String>)> = Vec::new();
        for (idx, line) in strip_comments(text).iter().enumerate() {
            let line_no = idx + 1;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('!')
                && let Some((name, list)) = line.split_once('=')
            {
                let items = list
                    .split(',')
                    .map(|s| s.trim().to_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                sets.push((name.trim().to_uppercase(), items));
                continue;
            }
            let Some(open) = line.find('[') else {
                problems.push(CoderError::Dictionary {
                    dictionary: "agents",
                    line: line_no,
                    message: "no [code] on the line".into(),
                });
                continue;
            };
            let Some(close) = line[open..].find(']') else {
                problems.push(CoderError::Dictionary {
                    dictionary: "agents",
                    line: line_no,
                    message: "unclosed [code]".into(),
                });
                continue;
            };
            let code_raw = line[open + 1..open + close].trim();
            let (code, prefix) = if let Some(c) = code_raw.strip_prefix('~') {
                (c.trim(), false)
            } else if let Some(c) = code_raw.strip_suffix('~') {
                (c.trim(), true)
            } else {
                problems.push(CoderError::Dictionary {
                    dictionary: "agents",
                    line: line_no,
                    message: format!("agent code `{code_raw}` has no `~`"),
                });
                continue;
            };
            let head = &line[..open];
            let (phrase, plurals) = match head.find('{') {
                Some(b) => {
                    let end = head[b..].find('}').map_or(head.len(), |e| b + e);
                    (&head[..b], Some(&head[b + 1..end]))
                }
                None => (head, None),
            };
            let upper = phrase.trim().to_uppercase();
            // Expand substitution sets; the set forms get no further plural.
            let mut expanded = vec![(upper.clone(), false)];
            for (name, items) in &sets {
                if upper.contains(name.as_str()) {
                    expanded = items
                        .iter()
                        .map(|it| (upper.replace(name.as_str(), it), true))
                        .collect();
                    break;
                }
            }
            for (form, from_set) in expanded {
                let words = phrase_words(&form);
                if words.is_empty() {
                    continue;
                }
                let mut forms = vec![words.clone()];
                match plurals {
                    Some(p) => {
                        for pl in p.split_whitespace() {
                            let w = phrase_words(pl);
                            if !w.is_empty() {
                                forms.push(w);
                            }
                        }
                    }
                    None if !from_set => {
                        let mut w = words.clone();
                        if let Some(last) = w.last_mut() {
                            *last = plural(last);
                        }
                        forms.push(w);
                    }
                    None => {}
                }
                for words in forms {
                    dict.entries.push(AgentEntry {
                        words,
                        code: code.to_string(),
                        prefix,
                    });
                }
            }
        }
        (dict, problems)
    }
}

/// A discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// Upper-case words.
    pub words: Vec<String>,
    /// The whole story is discarded, not only the sentence.
    pub story: bool,
    /// The last word must end there (`_`); otherwise it is a stem.
    pub exact: bool,
}

/// A discard list.
#[derive(Debug, Clone, Default)]
pub struct Discards {
    /// The phrases.
    pub entries: Vec<DiscardEntry>,
}

impl Discards {
    /// Reads a PETRARCH discard list.
    pub fn parse(text: &str) -> Self {
        let mut entries = Vec::new();
        for line in strip_comments(text) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let story = line.starts_with('+');
            let body = line.trim_start_matches('+').trim();
            let exact = body.ends_with('_');
            let words = phrase_words(body);
            // Bare years and numbers, and time phrases ("years ago", "weeks later"), would
            // discard far too much news; PETRARCH lists them for chronologies only.
            if words.is_empty()
                || words.iter().all(|w| {
                    w.bytes().all(|b| b.is_ascii_digit())
                        || matches!(
                            w.as_str(),
                            "AGO" | "LATER" | "EARLIER" | "DAYS" | "WEEKS" | "MONTHS" | "YEARS"
                        )
                })
            {
                continue;
            }
            entries.push(DiscardEntry {
                words,
                story,
                exact,
            });
        }
        Discards { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_with_synonyms_and_dates() {
        let (d, problems) = ActorDictionary::parse(
            "<!-- header\n still header -->\nGOLLUM # comment\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nGONDOR [GON]\n+MINAS_TIRITH\nOMAN  [OMN] ; note\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.entries.len(), 3);
        assert_eq!(d.entries[0].phrases[1], ["SMEAGOL"]);
        assert_eq!(d.entries[0].code_on(Some(19900101)), Some("HOB"));
        assert_eq!(d.entries[0].code_on(Some(19970101)), Some("HOBGOV"));
        assert_eq!(d.entries[0].code_on(Some(20050101)), Some("HOBREB"));
        assert_eq!(d.entries[0].code_on(None), Some("HOBREB"));
        assert_eq!(d.entries[1].phrases[1], ["MINAS", "TIRITH"]);
        assert_eq!(d.entries[2].code_on(None), Some("OMN"));
    }

    #[test]
    fn actor_problems_name_the_line() {
        let (_, problems) = ActorDictionary::parse("IRAN [IRN]\n\t[950601-990815]\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("line 2"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn agents_plurals_and_sets() {
        let (d, problems) = AgentDictionary::parse(
            "!PERSON! = MAN, WOMAN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [~COP]\nMSF {} [NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nMINISTRY [~GOV]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let forms: Vec<String> = d.entries.iter().map(|e| e.words.join(" ")).collect();
        assert_eq!(
            forms,
            [
                "CONGRESSMAN",
                "CONGRESSWOMAN",
                "POLICE",
                "MSF",
                "GOLDEN GOOSE",
                "GOLDEN GEESE",
                "MINISTRY",
                "MINISTRIES"
            ]
        );
        assert!(d.entries[3].prefix);
        assert_eq!(d.entries[0].code, "LEG");
    }

    #[test]
    fn discards() {
        let d = Discards::parse("+TYPHOON # storm\nBASEBALL\n1990\nWORLD_CUP_\nYEARS AGO\n");
        assert_eq!(d.entries.len(), 3);
        assert!(d.entries[0].story);
        assert!(d.entries[2].exact);
    }
}
