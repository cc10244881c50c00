//! Test harness: minimal stand-ins for the extraction stages (a naive sentence splitter, a
//! small gazetteer of actors, a time tagger for the patterns our fixtures use, a quote
//! finder) and loaders for the example corpus, so the analysis can be tested without the
//! `extract`, `actors` and `quotes` crates. The lead re-runs the same checks on the real
//! pipeline.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use model::record::{ActorRecord, ByteRange, QuoteRecord, Record, RecordDoc, TimeRecord};
use model::{DocFormat, DocId, Document};
use regex::Regex;

/// (surface, code, entity)
const GAZETTEER: &[(&str, &str, Option<&str>)] = &[
    ("Iran", "IRN", None),
    ("Iranian", "IRN", None),
    ("Tehran", "IRN", None),
    ("Téhéran", "IRN", None),
    ("Abbas Araghchi", "IRNGOV", Some("Abbas Araghchi")),
    ("Araghchi", "IRNGOV", Some("Abbas Araghchi")),
    ("Abbas Araqchi", "IRNGOV", Some("Abbas Araghchi")),
    ("Araqchi", "IRNGOV", Some("Abbas Araghchi")),
    ("Esmaeil Baghaei", "IRNGOV", Some("Esmaeil Baghaei")),
    ("Baghaei", "IRNGOV", Some("Esmaeil Baghaei")),
    ("Ali Larijani", "IRNGOV", Some("Ali Larijani")),
    ("Larijani", "IRNGOV", Some("Ali Larijani")),
    ("Ali Khamenei", "IRNGOV", Some("Ali Khamenei")),
    ("Khamenei", "IRNGOV", Some("Ali Khamenei")),
    ("Ali Khamene'i", "IRNGOV", Some("Ali Khamenei")),
    ("Ali Khamene’i", "IRNGOV", Some("Ali Khamenei")),
    ("United States", "USA", None),
    ("U.S.", "USA", None),
    ("US", "USA", None),
    ("Washington", "USA", None),
    ("American", "USA", None),
    ("États-Unis", "USA", None),
    ("White House", "USAGOV", None),
    ("Donald Trump", "USAGOV", Some("Donald Trump")),
    ("Trump", "USAGOV", Some("Donald Trump")),
    ("Marco Rubio", "USAGOV", Some("Marco Rubio")),
    ("Rubio", "USAGOV", Some("Marco Rubio")),
    ("Steve Witkoff", "USAGOV", Some("Steve Witkoff")),
    ("Witkoff", "USAGOV", Some("Steve Witkoff")),
    ("Jared Kushner", "USAGOV", Some("Jared Kushner")),
    ("Kushner", "USAGOV", Some("Jared Kushner")),
    ("Pete Hegseth", "USAGOV", Some("Pete Hegseth")),
    ("Karoline Leavitt", "USAGOV", Some("Karoline Leavitt")),
    ("Leavitt", "USAGOV", Some("Karoline Leavitt")),
    ("Scott Bessent", "USAGOV", Some("Scott Bessent")),
    ("Bessent", "USAGOV", Some("Scott Bessent")),
    ("Jamieson Greer", "USAGOV", Some("Jamieson Greer")),
    ("Greer", "USAGOV", Some("Jamieson Greer")),
    ("Treasury", "USAGOV", None),
    ("State Department", "USAGOV", None),
    ("Pentagon", "USAMIL", None),
    ("Oman", "OMN", None),
    ("Omani", "OMN", None),
    ("omanais", "OMN", None),
    ("Badr al-Busaidi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Badr Al Busaidi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Badr Al-Busaidi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Badr Albusaidi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Busaidi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Badr al-Boussaïdi", "OMNGOV", Some("Badr al-Busaidi")),
    ("Haitham bin Tariq", "OMNGOV", Some("Haitham bin Tariq")),
    ("Israel", "ISR", None),
    ("Israeli", "ISR", None),
    ("Tel Aviv", "ISR", None),
    ("Benjamin Netanyahu", "ISRGOV", Some("Benjamin Netanyahu")),
    ("Netanyahu", "ISRGOV", Some("Benjamin Netanyahu")),
    ("Gulf states", "GCC", None),
    ("Swiss", "CHE", None),
    ("Qatar", "QAT", None),
    ("Qatari", "QAT", None),
    ("Egypt", "EGY", None),
    ("Egyptian", "EGY", None),
    ("Hamas", "PSEREB", None),
    ("Khalil al-Hayya", "PSEREB", Some("Khalil al-Hayya")),
    ("Israel Katz", "ISRGOV", Some("Israel Katz")),
    ("International Atomic Energy Agency", "IGOUNOIAE", None),
    ("IAEA", "IGOUNOIAE", None),
    ("Rafael Grossi", "IGOUNOIAE", Some("Rafael Grossi")),
    ("Grossi", "IGOUNOIAE", Some("Rafael Grossi")),
    ("Russia", "RUS", None),
    ("Russian", "RUS", None),
    ("Moscow", "RUS", None),
    ("Kremlin", "RUSGOV", None),
    ("Vladimir Putin", "RUSGOV", Some("Vladimir Putin")),
    ("Putin", "RUSGOV", Some("Vladimir Putin")),
    ("Vladimir Medinsky", "RUSGOV", Some("Vladimir Medinsky")),
    ("Medinsky", "RUSGOV", Some("Vladimir Medinsky")),
    ("Ukraine", "UKR", None),
    ("Ukrainian", "UKR", None),
    ("Kyiv", "UKR", None),
    ("Volodymyr Zelensky", "UKRGOV", Some("Volodymyr Zelensky")),
    ("Zelensky", "UKRGOV", Some("Volodymyr Zelensky")),
    ("Rustem Umerov", "UKRGOV", Some("Rustem Umerov")),
    ("Umerov", "UKRGOV", Some("Rustem Umerov")),
    ("Turkey", "TUR", None),
    ("Turkish", "TUR", None),
    ("Hakan Fidan", "TURGOV", Some("Hakan Fidan")),
    ("Fidan", "TURGOV", Some("Hakan Fidan")),
    ("China", "CHN", None),
    ("Chinese", "CHN", None),
    ("Beijing", "CHN", None),
    ("He Lifeng", "CHNGOV", Some("He Lifeng")),
    ("Commerce Ministry", "CHNGOV", None),
];

const ABBREV: &[&str] = &[
    "U.S", "U.N", "U.K", "Feb", "Jan", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Mr", "Mrs",
    "Ms", "Dr", "St", "Gen", "Sen", "Rep", "No", "Jr", "Inc", "Ltd", "e.g", "i.e", "M",
];

/// Naive sentence spans: ends at `.`, `!`, `?` (plus closing quotes) before a capital or quote,
/// and at line breaks.
pub fn sentences(text: &str) -> Vec<ByteRange> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<ByteRange>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if e - trail > s + lead {
            out.push(ByteRange {
                start: (s + lead) as u32,
                end: (e - trail) as u32,
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            let mut e = i + 1;
            while e < b.len()
                && (b[e] == b'"'
                    || b[e] == b')'
                    || text[e..].starts_with('”')
                    || text[e..].starts_with('’'))
            {
                e += if b[e] < 0x80 { 1 } else { 3 };
            }
            let next = text[e..].trim_start_matches(' ');
            let gap = text[e..].len() - next.len();
            let starts_upper = next
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ch == '"' || ch == '“' || ch == '«');
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, ch)| ch.is_whitespace() || *ch == '(')
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &text[word_start..i];
            let abbrev = c == b'.'
                && (ABBREV.contains(&word)
                    || (word.len() == 1 && word.chars().all(|ch| ch.is_uppercase())));
            if gap > 0 && starts_upper && !abbrev {
                push(&mut out, start, e);
                start = e;
                i = e;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

fn actors(text: &str) -> Vec<ActorRecord> {
    let pats: Vec<&str> = GAZETTEER.iter().map(|g| g.0).collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("gazetteer builds");
    let mut out: Vec<ActorRecord> = Vec::new();
    let b = text.as_bytes();
    for m in ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if s > 0 && (b[s - 1].is_ascii_alphanumeric())
            || e < b.len() && b[e].is_ascii_alphanumeric()
        {
            continue;
        }
        let (surface, code, entity) = GAZETTEER[m.pattern().as_usize()];
        let key_entity = entity.map(str::to_owned);
        let idx = match out
            .iter()
            .position(|a| a.code == code && a.entity == key_entity)
        {
            Some(i) => i,
            None => {
                out.push(ActorRecord {
                    id: format!("a{}", out.len() + 1),
                    code: code.to_owned(),
                    country: Some(if code.starts_with("IGO") {
                        "IGO".to_owned()
                    } else {
                        code[..3].to_owned()
                    }),
                    sector: (code.len() > 3).then(|| code[3..].to_owned()),
                    entity: key_entity,
                    role: None,
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                });
                out.len() - 1
            }
        };
        let a = &mut out[idx];
        if !a.aliases.iter().any(|x| x == surface) {
            a.aliases.push(surface.to_owned());
        }
        a.mentions.push(ByteRange {
            start: s as u32,
            end: e as u32,
        });
    }
    out
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];

fn month_of(word: &str) -> Option<i8> {
    let w = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|p| p as i8 + 1)
}

fn number_of(w: &str) -> Option<i64> {
    crate::vocab::number(&w.to_ascii_lowercase()).map(|v| v as i64)
}

/// A small time tagger for the patterns of our fixtures, resolved against `dct`.
pub fn times(text: &str, sentences: &[ByteRange], dct: Option<Date>) -> Vec<TimeRecord> {
    static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?x)
            (?P<wdmd>(?:(?P<wrel>last|next|this)\s)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?(?:,?\s(?P<m1>Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)[a-z]*\.?\s(?P<d1>\d{1,2}))?)
          | (?P<md>(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\s(?P<d2>\d{1,2})(?:,\s(?P<y2>\d{4}))?\b)
          | (?P<dm>\b(?P<d3>\d{1,2})\s(?P<m3>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s(?P<y3>\d{4}))?)
          | (?P<my>\b(?P<m4>January|February|March|April|May|June|July|August|September|October|November|December)\s(?P<y4>\d{4}))
          | (?P<rel>\b(?:[Tt]oday|[Tt]omorrow|[Yy]esterday|[Tt]onight|last\syear|next\sweek|early\snext\sweek|early\sthis\sweek)\b)
          | (?P<dur>\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-](?P<unit>hours?|days?|weeks?|months?)\b)
        ").expect("time pattern compiles")
    });
    let mut out = Vec::new();
    for m in RE.captures_iter(text) {
        let all = m.get(0).expect("group 0");
        let (s, e) = (all.start(), all.end());
        let sent = sentences
            .iter()
            .find(|r| r.start as usize <= s && s < r.end as usize);
        let from = sent
            .map_or(0, |r| r.start as usize)
            .max(s.saturating_sub(45));
        let mut from = from;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..s];
        let future = [
            "will ",
            "is due",
            "are due",
            "expected",
            "to be held",
            "set for",
            "would ",
            "could ",
            "plans",
            "travel to",
        ]
        .iter()
        .any(|w| before.contains(w))
            && !["said", "told", "ended", "held"]
                .iter()
                .any(|w| before.contains(w));
        let (kind, value) = if m.name("wdmd").is_some() {
            if let (Some(mo), Some(d)) = (m.name("m1"), m.name("d1")) {
                let (Some(mo), Ok(d)) = (month_of(mo.as_str()), d.as_str().parse::<i8>()) else {
                    continue;
                };
                ("DATE", ymd(dct.map(|x| x.year()), mo, d))
            } else {
                let Some(dct) = dct else { continue };
                let wd = WEEKDAYS
                    .iter()
                    .find(|w| w.0 == m["wd"].to_string())
                    .map(|w| w.1)
                    .expect("weekday listed");
                let rel = m.name("wrel").map(|r| r.as_str());
                let date = if rel == Some("next") || (rel.is_none() && future) {
                    (1..=7).map(|k| dct + k.days()).find(|d| d.weekday() == wd)
                } else if rel == Some("last") {
                    (1..=7).map(|k| dct - k.days()).find(|d| d.weekday() == wd)
                } else {
                    (0..7).map(|k| dct - k.days()).find(|d| d.weekday() == wd)
                };
                let Some(date) = date else { continue };
                ("DATE", date.to_string())
            }
        } else if m.name("md").is_some() {
            let (Some(mo), Ok(d)) = (month_of(&m["m2"]), m["d2"].parse::<i8>()) else {
                continue;
            };
            let y = m
                .name("y2")
                .and_then(|y| y.as_str().parse().ok())
                .or(dct.map(|x| x.year()));
            ("DATE", ymd(y, mo, d))
        } else if m.name("dm").is_some() {
            let (Some(mo), Ok(d)) = (month_of(&m["m3"]), m["d3"].parse::<i8>()) else {
                continue;
            };
            let y = m
                .name("y3")
                .and_then(|y| y.as_str().parse().ok())
                .or(dct.map(|x| x.year()));
            ("DATE", ymd(y, mo, d))
        } else if m.name("my").is_some() {
            let Some(mo) = month_of(&m["m4"]) else {
                continue;
            };
            ("DATE", format!("{}-{:02}", &m["y4"], mo))
        } else if let Some(r) = m.name("rel") {
            let Some(dct) = dct else { continue };
            let r = r.as_str().to_ascii_lowercase();
            let v = match r.as_str() {
                "today" | "tonight" => dct.to_string(),
                "tomorrow" => (dct + 1.day()).to_string(),
                "yesterday" => (dct - 1.day()).to_string(),
                "last year" => format!("{}", dct.year() - 1),
                "early this week" => iso_week(dct),
                _ => iso_week(dct + 7.days()),
            };
            ("DATE", v)
        } else {
            let Some(n) = number_of(&m["n"]) else {
                continue;
            };
            let unit = &m["unit"];
            let v = if unit.starts_with("hour") {
                format!("PT{n}H")
            } else if unit.starts_with("day") {
                format!("P{n}D")
            } else if unit.starts_with("week") {
                format!("P{n}W")
            } else {
                format!("P{n}M")
            };
            ("DURATION", v)
        };
        out.push(TimeRecord {
            start: s as u32,
            end: e as u32,
            text: text[s..e].to_owned(),
            kind: kind.to_owned(),
            value,
            unresolved: false,
        });
    }
    out
}

fn ymd(year: Option<i16>, m: i8, d: i8) -> String {
    match year {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("XXXX-{m:02}-{d:02}"),
    }
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Quotes in straight or curly quotation marks, with the speaker found nearby.
fn quotes(text: &str, sents: &[ByteRange], actors: &[ActorRecord]) -> Vec<QuoteRecord> {
    static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r#""([^"\n]{2,600})"|“([^”\n]{2,600})”|«\s?([^»\n]{2,600}?)\s?»"#)
            .expect("quote pattern")
    });
    let mut mentions: Vec<(usize, usize, &ActorRecord)> = Vec::new();
    for a in actors {
        for m in &a.mentions {
            mentions.push((m.start as usize, m.end as usize, a));
        }
    }
    mentions.sort_by_key(|m| m.0);
    let mut out = Vec::new();
    for c in RE.captures_iter(text) {
        let g = c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .expect("one group");
        let whole = c.get(0).expect("group 0");
        let sent = sents
            .iter()
            .find(|r| (r.start as usize) <= whole.end() && whole.end() <= r.end as usize + 3);
        let (ss, se) = sent.map_or((0, text.len()), |r| (r.start as usize, r.end as usize));
        let after = mentions
            .iter()
            .find(|m| m.0 >= whole.end() && m.0 < se.max(whole.end()) && m.0 < whole.end() + 60);
        let tail =
            &text[crate::text::char_range(text, whole.end()..(whole.end() + 12).min(text.len()))];
        let pronoun_after = tail.contains(" he said") || tail.contains(" she said");
        let before = mentions
            .iter()
            .rev()
            .find(|m| m.1 <= whole.start() && m.0 >= ss);
        let para_start = text[..whole.start()].rfind("\n\n").map_or(0, |p| p + 2);
        let earlier_person = mentions
            .iter()
            .rev()
            .find(|m| m.1 <= whole.start() && m.0 >= para_start && m.2.entity.is_some());
        let speaker = if pronoun_after {
            earlier_person.or(before)
        } else {
            after.or(before).or(earlier_person)
        };
        let speaker = speaker.map(|m| m.2);
        out.push(QuoteRecord {
            start: g.start() as u32,
            end: g.end() as u32,
            text: g.as_str().to_owned(),
            speaker: speaker.map(|a| a.id.clone()),
            speaker_text: speaker.and_then(|a| a.aliases.first().cloned()),
            speaker_start: None,
            speaker_end: None,
            speaker_code: speaker.map(|a| a.code.clone()),
            cue: None,
            kind: "direct".to_owned(),
        });
    }
    out
}

/// Builds a record for a document with the stand-in stages.
pub fn record(doc: &Document) -> Record {
    let text = &doc.text;
    let sents = sentences(text);
    let acts = actors(text);
    let ts = times(text, &sents, doc.published.or(doc.inferred_date));
    let qs = quotes(text, &sents, &acts);
    Record {
        doc: RecordDoc {
            id: doc.id.to_string(),
            title: doc.title.clone(),
            source: doc.source.clone(),
            url: doc.url.clone(),
            published: doc.published.map(|d| d.to_string()),
            language: None,
            duplicate_of: doc.duplicate_of.as_ref().map(|d| d.to_string()),
            extractor: "testkit".to_owned(),
        },
        sentences: sents,
        actors: acts,
        times: ts,
        quotes: qs,
        events: Vec::new(),
        positions: Vec::new(),
        claims: Vec::new(),
    }
}

/// A document from text and metadata.
pub fn document(id: &str, text: &str, published: Option<&str>) -> Document {
    Document {
        id: DocId::new(id).expect("non-empty id"),
        text: text.to_owned(),
        title: None,
        source: None,
        url: None,
        author: None,
        published: published
            .and_then(|p| p.get(..10))
            .and_then(|p| p.parse().ok()),
        inferred_date: None,
        language: None,
        format: DocFormat::Text,
        origin: id.to_owned(),
        content_hash: String::new(),
        duplicate_of: None,
    }
}

/// Reads a seed-style or front-matter text file.
pub fn load_text(path: &Path) -> Document {
    let raw = std::fs::read_to_string(path).expect("fixture readable");
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 name");
    let mut published = None;
    let mut body = raw.as_str();
    if let Some(rest) = raw.strip_prefix(" date ") {
        published = rest.get(..10).map(str::to_owned);
        body = rest.get(10..).unwrap_or("").trim_start();
    } else if let Some(rest) = raw.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            for line in rest[..end].lines() {
                if let Some(v) = line.strip_prefix("date: ") {
                    published = Some(v.trim().to_owned());
                }
            }
            body = rest[end + 5..].trim_start();
        }
    } else if raw.starts_with("title: ")
        && let Some(end) = raw.find("\n\n")
    {
        {
            for line in raw[..end].lines() {
                if let Some(v) = line.strip_prefix("date: ") {
                    published = Some(v.trim().to_owned());
                }
            }
            body = raw[end + 2..].trim_start();
        }
    }
    document(id, body, published.as_deref())
}

fn decode(s: &str) -> String {
    s.replace("&mdash;", "—")
        .replace("&middot;", "·")
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
}

fn strip_tags(s: &str) -> String {
    static TAG: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"<[^>]+>").expect("tag pattern"));
    decode(&TAG.replace_all(s, ""))
}

/// Reads an HTML page: the `<p>` elements inside `<article>`, paragraphs separated by blank lines.
pub fn load_html(path: &Path) -> Document {
    static P: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?s)<p(?:\s[^>]*)?>(.*?)</p>").expect("p pattern")
    });
    static DATE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r#"article:published_time" content="(\d{4}-\d{2}-\d{2})"#).expect("date pattern")
    });
    let raw = std::fs::read_to_string(path).expect("fixture readable");
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 name");
    let art = raw
        .find("<article")
        .and_then(|a| raw[a..].find("</article>").map(|b| &raw[a..a + b]))
        .unwrap_or(&raw);
    let paras: Vec<String> = P
        .captures_iter(art)
        .filter(|c| !c[0].contains("class=\"kicker\"") && !c[0].contains("class=\"byline\""))
        .map(|c| strip_tags(&c[1]))
        .collect();
    let date = DATE.captures(&raw).map(|c| c[1].to_owned());
    document(id, &paras.join("\n\n"), date.as_deref())
}

/// Reads a JSONL file.
pub fn load_jsonl(path: &Path) -> Vec<Document> {
    let raw = std::fs::read_to_string(path).expect("fixture readable");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("valid JSONL");
            let mut d = document(
                v["id"].as_str().expect("id"),
                v["text"].as_str().expect("text"),
                v["published"].as_str(),
            );
            d.source = v["source"].as_str().map(str::to_owned);
            d
        })
        .collect()
}

/// Reads the items of an RSS file (full text where given, else the summary).
pub fn load_feed(path: &Path) -> Vec<Document> {
    static ITEM: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"(?s)<item>(.*?)</item>").expect("item pattern"));
    let raw = std::fs::read_to_string(path).expect("fixture readable");
    let field = |item: &str, tag: &str| -> Option<String> {
        let open = format!("<{tag}");
        let s = item.find(&open)?;
        let s = s + item[s..].find('>')? + 1;
        let e = s + item[s..].find(&format!("</{tag}>"))?;
        Some(item[s..e].to_owned())
    };
    let mut out = Vec::new();
    for c in ITEM.captures_iter(&raw) {
        let item = &c[1];
        let guid = field(item, "guid").expect("guid");
        let date = field(item, "pubDate").and_then(|d| {
            let parts: Vec<&str> = d.split_whitespace().collect();
            let m = month_of(parts.get(2)?)?;
            Some(format!(
                "{}-{:02}-{:02}",
                parts.get(3)?,
                m,
                parts.get(1)?.parse::<u8>().ok()?
            ))
        });
        let body = match field(item, "content:encoded") {
            Some(html) => {
                let html = html
                    .trim()
                    .trim_start_matches("<![CDATA[")
                    .trim_end_matches("]]>");
                html.split("</p>")
                    .map(strip_tags)
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            }
            None => decode(&field(item, "description").unwrap_or_default()),
        };
        out.push(document(&guid, &body, date.as_deref()));
    }
    out
}

/// Marks later documents that share at least half their sentences with an earlier one.
pub fn link_duplicates(docs: &mut [Document]) {
    let sets: Vec<std::collections::HashSet<String>> = docs
        .iter()
        .map(|d| {
            sentences(&d.text)
                .iter()
                .map(|r| d.text[r.start as usize..r.end as usize].to_owned())
                .collect()
        })
        .collect();
    for j in 0..docs.len() {
        for i in 0..j {
            let shared = sets[j].intersection(&sets[i]).count();
            if shared * 2 >= sets[j].len().max(1) && docs[i].duplicate_of.is_none() && shared > 2 {
                let id = docs[i].id.clone();
                let (a, b) = (docs[j].published, docs[i].published);
                if a >= b {
                    docs[j].duplicate_of = Some(id);
                } else {
                    docs[i].duplicate_of = Some(docs[j].id.clone());
                }
                break;
            }
        }
    }
}

/// Loads every document of a directory the way the example corpus stores them.
pub fn load_dir(dir: &Path) -> Vec<Document> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        if name == "README.md" || name.ends_with(".toml") {
            continue;
        }
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt" | "md") => docs.push(load_text(&p)),
            Some("html") => docs.push(load_html(&p)),
            Some("jsonl") => docs.extend(load_jsonl(&p)),
            Some("xml") => docs.extend(load_feed(&p)),
            _ => {}
        }
    }
    link_duplicates(&mut docs);
    docs
}

/// Splits `[[…]]` marks out of a text: the clean text and the marked byte ranges.
pub fn split_marks(marked: &str) -> (String, Vec<(u32, u32)>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open = None;
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[") {
            open = Some(text.len() as u32);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("]]") {
            spans.push((open.take().expect("balanced marks"), text.len() as u32));
            rest = r;
        } else {
            let c = rest.chars().next().expect("non-empty");
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_past_abbreviations() {
        let t = "The U.S. team met on Feb. 6. Talks ended. \"We agreed,\" he said.\nNext line";
        let got: Vec<&str> = sentences(t)
            .iter()
            .map(|r| &t[r.start as usize..r.end as usize])
            .collect();
        assert_eq!(
            got,
            vec![
                "The U.S. team met on Feb. 6.",
                "Talks ended.",
                "\"We agreed,\" he said.",
                "Next line"
            ]
        );
    }

    #[test]
    fn tags_times_against_the_dct() {
        let t = "Talks begin tomorrow. They met on Friday for about four hours. Netanyahu will arrive on Wednesday, Feb. 11.";
        let s = sentences(t);
        let got: Vec<(String, String)> = times(t, &s, "2026-02-07".parse().ok())
            .into_iter()
            .map(|r| (r.text, r.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("tomorrow".into(), "2026-02-08".into()),
                ("Friday".into(), "2026-02-06".into()),
                ("four hours".into(), "PT4H".into()),
                ("Wednesday, Feb. 11".into(), "2026-02-11".into()),
            ]
        );
    }
}
