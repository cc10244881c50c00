//! Claims: checkable facts that sources may state differently — format of talks, venue,
//! dates of meetings and visits, duration, rounds, attendees, counts, rates and amounts, the
//! body that issued a measure, ordinals, outcomes — normalised so that different wordings of
//! one value agree (ANNOTATION.md "Claims").
//!
//! Reading is two steps. [`read_mentions`] finds, per sentence, what the sentence is about
//! (an *anchor*: talks, a visit, a measure, a war) and the facts it states. [`resolve`]
//! then names the subjects across the corpus: talks are grouped by place and their dates
//! clustered (two days at most apart), and each cluster is named after the date most
//! sources give (`talks-muscat-2026-02-06`); visits after the visitor and the country
//! (`larijani-visit-oman`); measures after their kind and date (`sanctions-2026-02-06`).
//! A building talks were held in is placed in the city of their subject (`berlaymont,
//! brussels`). A day given to talks that lasted days is the
//! day they ended (`end_date`), unless a verb of opening dates it.
//!
//! Beside the sentence's main anchor, a sentence may report other events, each read as a
//! mention of its own: a signing (date, venue, format), a ceasefire taking effect
//! (`start_date`), casualties of an attack (`civilian_deaths`, `wounded`, named after the
//! place: `attack-kamanyola`), an election result (`winner_share`, `challenger_share`), a
//! court ruling (date, `outcome`, `vote`, `panel_size`), a filing, an inauguration, arrests
//! and releases, a call, hostages still held and alive, targets struck, aid trucks a day,
//! a protest's `participants`, the villages a border divides, a concession's `term`, and
//! measures other than sanctions and tariff orders (issuer, date, rates;
//! `steel-safeguard`). Their dates are clustered per kind as the talks' are, so that "signed
//! on Saturday" and "signed on Sunday" are one signing told two ways, and a story that gives
//! its ruling two dates contradicts itself. A weekday the tagger put after the story's date
//! while the event is told in the past tense is read as the week before.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use model::record::ClaimRecord;
use model::{DocId, Evidence};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::positions::Compiled;
use crate::text::{Ending, PhraseSet, has_word, words_before};
use crate::view::View;
use crate::vocab::{COUNTED, ISSUERS, ORG_SHORT, PLACES, number, ordinal};

/// A checkable fact about a named subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// What the claim is about (`talks-muscat-2026-02-06`).
    pub subject: String,
    /// Which attribute (`format`, `venue`, `date`…).
    pub attribute: String,
    /// Normalised value (`indirect`, `PT4H`, `2026-02-06`, `14`, `25%`, `USAGOV:treasury`).
    pub value: String,
    /// A hedge the text put on the value (`about`, `up to`, `more than`), kept apart so that
    /// "up to 25%" and "25%" agree.
    pub qualifier: Option<String>,
    /// The story behind the document: the original of a syndicated copy, else the document.
    pub story: DocId,
    /// The sentence it was read in (one element; a list as in SPEC §5).
    pub evidence: Vec<Evidence>,
}

impl Claim {
    /// The SPEC §3 record form.
    pub fn to_record(&self) -> ClaimRecord {
        ClaimRecord {
            subject: self.subject.clone(),
            attribute: self.attribute.clone(),
            value: self.value.clone(),
            start: self.evidence.first().map_or(0, |e| e.span.start()),
            end: self.evidence.first().map_or(0, |e| e.span.end()),
        }
    }
}

/// What a sentence is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anchor {
    /// A meeting, round or talks; `other` when the text speaks of a next or another one.
    Talks {
        /// The next/another/second meeting rather than the document's own.
        other: bool,
    },
    /// A visit by a named person.
    Visit {
        /// Surname of the visitor.
        person: String,
    },
    /// A measure: `sanctions`, `tariff-order`, `tariffs`.
    Measure(&'static str),
    /// A war or armed conflict.
    War,
    /// Another event: a signing, a ceasefire taking effect, an attack (`attack-kamanyola`),
    /// an election, a court ruling, a filing, an inauguration, detentions, a measure other
    /// than sanctions and tariffs (`steel-safeguard`). Mentions of one kind are grouped by
    /// date as talks are.
    Event(String),
}

/// A fact read in one sentence, before its subject is named.
#[derive(Debug, Clone)]
pub struct Mention {
    /// What the sentence is about.
    pub anchor: Anchor,
    /// Index into [`PLACES`] of the place named in the sentence.
    pub place: Option<usize>,
    /// Index into [`PLACES`] of the document's main place (fallback).
    pub doc_place: Option<usize>,
    /// Specific day the sentence gives for the anchor.
    pub date: Option<String>,
    /// A date to pick among clusters when the sentence gives none.
    pub ref_date: Option<String>,
    /// Year (for wars).
    pub year: Option<String>,
    /// Country codes mentioned (for wars).
    pub countries: Vec<String>,
    /// (attribute, value, qualifier).
    pub facts: Vec<(String, String, Option<String>)>,
    /// Story id.
    pub story: DocId,
    /// Evidence.
    pub evidence: Evidence,
}

fn phrases(list: &[&str]) -> PhraseSet<()> {
    PhraseSet::new(list.iter().map(|p| ((*p).to_owned(), (), Ending::Exact)))
}

static TALKS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "talks",
        "negotiations",
        "negotiation",
        "negotiating session",
        "round",
        "session",
        "meeting",
        "meetings",
        "discussions",
        "met",
        "meet",
        "meets",
        "sit down",
        "sat down",
        "delegations",
        "summit",
        "pourparlers",
        "held talks",
        "agenda",
    ])
});
static VISIT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "arrived in",
        "arrive in",
        "arrives in",
        "arriving in",
        "flew into",
        "flew in",
        "flew to",
        "travel to",
        "travels to",
        "traveled to",
        "travelled to",
        "visit to",
        "visited",
        "landed in",
        "is due in",
        "is due at",
        "due at",
        "heads to",
        "headed to",
        "will arrive",
        "arrived",
        "trip to",
    ])
});
static EXCHANGE: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "exchange",
        "exchanged",
        "swap",
        "swapped",
        "freed",
        "released",
        "release",
        "free",
        "handed over",
        "hand over",
        "hands over",
        "handing over",
        "trade",
        "trades",
        "traded",
        "trading",
    ])
});
static MEASURE_VERB: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "imposed",
        "impose",
        "imposes",
        "announced",
        "announces",
        "unveiled",
        "issued",
        "blacklisted",
        "designated",
        "targeted",
        "slapped",
        "levied",
        "signed",
        "signing",
        "sanctioned",
        "annoncé",
        "designations",
    ])
});
static OTHER: &[&str] = &[
    "next",
    "another",
    "second",
    "third",
    "fourth",
    "new",
    "further",
    "future",
    "later",
    "follow-up",
];
static REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "conference",
    "statement",
    "announced",
    "reported",
    "briefing",
    "rejected",
    "denied",
    "stated",
    "wrote",
    "added",
    "confirmed",
];
/// Nouns of a pause in the fighting, whose length is a claim of its own (`pause_length`).
const TRUCE_NOUNS: &[&str] = &[
    "pause",
    "truce",
    "ceasefire",
    "cease-fire",
    "lull",
    "halt",
    "suspension",
    "moratorium",
];
/// Nouns of the acts claims are about: a date right after one of them is the act's date.
static ACT_NOUNS: &[&str] = &[
    "sanctions",
    "tariffs",
    "tariff",
    "order",
    "measures",
    "penalties",
    "restrictions",
    "ban",
    "talks",
    "deal",
    "agreement",
    "ceasefire",
    "truce",
    "visit",
];
static HYPOTHETICAL: &[&str] = &[
    "could",
    "might",
    "may",
    "possibly",
    "possible",
    "if",
    "unless",
    "ruled out",
    "would like",
];

/// True when a place name is used as a place ("in Doha", "the capital of Qatar, Doha"),
/// not as a metonym for a government ("Washington wants").
fn locative(text: &str, pos: usize) -> bool {
    let w = words_before(text, 0, pos, 1);
    // "a Warsaw think tank": the place names what the noun is, not where.
    if ["a", "an"].iter().any(|d| has_word(text, w.clone(), d)) {
        return false;
    }
    let w = if ["the"].iter().any(|d| has_word(text, w.clone(), d)) {
        words_before(text, 0, w.start, 1)
    } else {
        w
    };
    // "left Brussels without a deal": whoever left was there.
    if [
        "in", "at", "to", "into", "inside", "near", "for", "left", "leave", "leaves", "leaving",
        "departed",
    ]
    .iter()
    .any(|p| has_word(text, w.clone(), p))
    {
        return true;
    }
    // "the Doha round", "the Geneva talks": the place names where the talks are held.
    let name_end = PLACE_SET
        .find(
            text,
            crate::text::char_range(text, pos..(pos + 40).min(text.len())),
        )
        .first()
        .filter(|h| h.start == pos)
        .map(|h| h.end);
    if let Some(end) = name_end
        && let Some(t) = TALKS
            .find(
                text,
                crate::text::char_range(text, end..(end + 16).min(text.len())),
            )
            .first()
        && text[end..t.start].trim().is_empty()
        && matches!(
            &text[t.start..t.end],
            "talks" | "round" | "negotiations" | "summit"
        )
    {
        return true;
    }
    // "the capital of Qatar, Doha": an appositive after a place used as a place.
    let head = text[..pos].trim_end();
    if let Some(before) = head.strip_suffix(',') {
        let before = before.trim_end();
        let from = crate::text::char_range(text, before.len().saturating_sub(30)..before.len());
        if let Some(h) = PLACE_SET.find(text, from).last()
            && h.end == before.len()
        {
            let w = words_before(text, 0, h.start, 1);
            return ["in", "at", "to", "of", "into"]
                .iter()
                .any(|p| has_word(text, w.clone(), p));
        }
    }
    false
}
static NEG: &[&str] = &[
    "no",
    "not",
    "never",
    "n't",
    "denied",
    "deny",
    "denies",
    "rejected",
    "dismissed",
    "pas",
    "without",
];

static DIRECT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "direct talks",
        "direct negotiation",
        "direct negotiations",
        "direct meeting",
        "held direct",
        "face to face",
        "face-to-face",
        "in the same room",
        "same table",
        "directly",
        "sat down together",
        "directement",
    ])
});
static INDIRECT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "indirect",
        "indirectes",
        "indirects",
        "separate rooms",
        "separate wings",
        "different rooms",
        "never shared a room",
        "carry messages",
        "carried messages",
        "carrying messages",
        "passing messages",
        "pass messages",
        "relaying messages",
        "shuttle",
        "shuttled",
        "shuttling",
        "go-between",
        "through intermediaries",
        "la navette",
        "carried proposals",
        "carried drafts",
        "carrying drafts",
        "carry drafts",
        "passed drafts",
        "relayed messages",
    ])
});
static VIDEO: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "video link",
        "videoconference",
        "video conference",
        "by video",
        "video call",
        "virtually",
        "online meeting",
    ])
});
static MEDIATED: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "mediation",
        "mediated",
        "mediating",
        "mediator",
        "médiation",
    ])
});
static PLACE_SET: LazyLock<PhraseSet<usize>> = LazyLock::new(|| {
    PhraseSet::new(PLACES.iter().enumerate().flat_map(|(i, p)| {
        p.names
            .iter()
            .map(move |n| ((*n).to_owned(), i, Ending::Exact))
    }))
});
static ISSUER_SET: LazyLock<PhraseSet<&'static str>> = LazyLock::new(|| {
    PhraseSet::new(ISSUERS.iter().flat_map(|(names, v)| {
        names
            .iter()
            .map(move |n| ((*n).to_owned(), *v, Ending::Exact))
    }))
});
static RE_BUILDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:at|in|of|inside) (?:the |a |an )?((?:[a-z'\-]+ ){0,3}(?:palace|hotel|guest ?house|state house|residence|embassy|conference cent(?:re|er)|villa|resort|castle|palais)|(?:[a-z'\-]+ ){1,2}building)\b")
        .expect("building pattern compiles")
});
/// A name that an appositive calls a building: "at the Berlaymont, the Commission's
/// headquarters", "at the Europa building, the seat of the Council".
static RE_NAMED_BUILDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:at|inside) (?:the )?([a-z][a-z'\-]*(?: [a-z][a-z'\-]*){0,2}), (?:the |an? )?(?:[a-z'\-]+ ){0,4}?(?:headquarters|seat|home|offices|residence)\b")
        .expect("building pattern compiles")
});
/// "The deal was reached at …": an agreement made in a building, which is where the talks
/// were held.
static RE_REACHED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:deal|agreement|accord|compromise|text|breakthrough)\b(?: [a-z']+){0,3} (?:reached|agreed|struck|sealed|clinched|hammered out|finalised|finalized)(?: on [a-z]+)? (?:at|inside)\b")
        .expect("agreement pattern compiles")
});
static RE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let nouns: Vec<&str> = COUNTED
        .iter()
        .flat_map(|(n, _)| n.iter().copied())
        .collect();
    Regex::new(&format!(
        r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|a dozen|dozens) (?:more |new |additional |other |foreign |oil |iranian |russian |ukrainian |israeli |palestinian |chinese )?({})\b",
        nouns.join("|")
    ))
    .expect("count pattern compiles")
});
static RE_RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(up to|as much as|as high as|about|around|nearly|almost|more than|at least|at most) )?\b(\d+(?:\.\d+)?) ?(%|per ?cent\b|percent\b)")
        .expect("rate pattern compiles")
});
static RE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bfrom |\bbetween )?\b(\d+(?:\.\d+)?) ?(?:%|per ?cent\b|percent\b)? ?(?:to|and|-|–) ?(\d+(?:\.\d+)?) ?(?:%|per ?cent\b|percent\b)")
        .expect("range pattern compiles")
});
static RE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(up to|about|nearly|more than|at least) )?\$ ?(\d+(?:\.\d+)?) ?(billion|million|bn|trillion)?")
        .expect("amount pattern compiles")
});
static RE_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))\b(?:,? again [a-z]+,)?(?: [a-z\-]+)? (round|visit|trip|session)\b")
        .expect("ordinal pattern compiles")
});
static RE_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:agenda|talks|discussions|negotiations)\b(?: [a-z']+){0,3} (?:has|have|had|was|were)? ?(?:been )?(?:narrowed|limited|confined|restricted|focused)(?: back)?(?: only)? (?:to|on) (?:the )?([a-z\-]+)")
        .expect("scope pattern compiles")
});
static RE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:divide|gap|rift|differences|disagreement)\b(?: [a-z]+){0,2} (?:proved|proves|remains|remained|is|was|stayed|seemed) (unbridgeable|unresolved|insurmountable|wide|deep|narrow|small)\b")
        .expect("gap pattern compiles")
});
static RE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(?:talks|round|session|negotiations|meeting)\b(?: [a-z']+){0,2} (ended|collapsed|broke down|stalled|resumed|were suspended|were postponed)\b(?: "?(for now)"?)?"#)
        .expect("status pattern compiles")
});
/// Talks told as over on a day: "the round, which broke up on Monday", "talks ended on
/// Friday".
static RE_ENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:talks|round|session|negotiations|meeting|summit)\b(?:,? which| that)? (?:wrapped up|ended|concluded|broke up|closed|finished) on\b")
        .expect("ending pattern compiles")
});
static RE_OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bended (?:in|with) (?:a |an )?(stalemate|deadlock|agreement|deal|ceasefire|truce|failure|victory|defeat|impasse|breakthrough|collapse)\b")
        .expect("outcome pattern compiles")
});

fn is_day(v: &str) -> bool {
    let b = v.as_bytes();
    v.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (v.starts_with("XXXX") || b[..4].iter().all(u8::is_ascii_digit))
}

/// Normalises a value as the claims of an attribute are written, so that a hand-written
/// gold value and an extracted one compare: `12 days` → `P12D`, `25 per cent` → `25%`,
/// `face to face` → `direct`, lists → sorted and comma-joined, else lowercase.
pub fn normalize_value(attribute: &str, value: &str) -> String {
    let v = value.trim().to_lowercase();
    match attribute {
        "format" => match v.as_str() {
            "face to face" | "face-to-face" | "direct" => "direct".into(),
            "video" | "video link" | "by video link" | "videoconference" | "video conference"
            | "virtual" | "online" => "video link".into(),
            _ => v,
        },
        "issuer" => normalize_issuer(&v),
        "venue" => normalize_venue(&v),
        "duration" | "pause_length" | "term" => {
            static RE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r"^(?:about |more than |nearly )?([a-z0-9]+)[ -](hour|day|week|month|year)s?$",
                )
                .expect("duration pattern")
            });
            if let Some(c) = RE.captures(&v)
                && let Some(n) = number(&c[1])
            {
                let n = n as u64;
                return match &c[2] {
                    "hour" => format!("PT{n}H"),
                    "day" => format!("P{n}D"),
                    "week" => format!("P{n}W"),
                    "year" => format!("P{n}Y"),
                    _ => format!("P{n}M"),
                };
            }
            v.to_uppercase()
        }
        "rate" => {
            if let Some(c) = RE_RANGE.captures(&v) {
                return format!("{}%-{}%", &c[1], &c[2]);
            }
            if let Some(c) = RE_RATE.captures(&v) {
                return format!("{}%", &c[2]);
            }
            v
        }
        a if a.ends_with("_share") => match RE_RATE.captures(&v) {
            Some(c) => format!("{}%", &c[2]),
            None => v,
        },
        "attendees" => {
            let mut parts: Vec<String> = v
                .split(',')
                .map(|p| p.split_whitespace().last().unwrap_or("").to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            parts.sort();
            parts.join(", ")
        }
        "date" => v.to_uppercase(),
        _ => v,
    }
}

/// An issuer as its canonical value (`IGOEUR:council` for "EU member states (Council)",
/// `police` for "the Inspector General of Police"); a value already canonical stays.
fn normalize_issuer(v: &str) -> String {
    if v.contains(':') || v.is_empty() {
        return v.to_owned();
    }
    let hits = ISSUER_SET.find(v, 0..v.len());
    // The most specific body named: one of a government's departments before the
    // government itself, then the longest name.
    hits.iter()
        .max_by_key(|h| {
            (
                h.item.contains(':') || h.item.chars().any(char::is_lowercase),
                h.end - h.start,
            )
        })
        .map(|h| h.item.to_lowercase())
        .unwrap_or_else(|| v.to_owned())
}

/// A venue in one wording: long names of international bodies shortened, "the
/// headquarters of X" and "X's [lakeside] headquarters" as "X headquarters", glosses in
/// brackets dropped.
fn normalize_venue(v: &str) -> String {
    // A gloss in brackets ("Berlaymont (European Commission)") names no other place.
    static RE_GLOSS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r" ?\([^)]*\)").expect("gloss pattern"));
    let v = RE_GLOSS.replace_all(v, "");
    let mut v = v.trim().trim_start_matches("the ").to_owned();
    for (long, short) in ORG_SHORT {
        v = v.replace(long, short);
    }
    static RE_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^headquarters of (?:the )?([a-z0-9'\- ]+?)(,|$)").expect("venue pattern")
    });
    static RE_POSS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([a-z0-9\- ]+?)'s? (?:[a-z\-]+ )?headquarters(,|$)").expect("venue pattern")
    });
    if let Some(c) = RE_OF.captures(&v) {
        let rest = &v[c.get(0).map_or(0, |m| m.end())..];
        v = format!("{} headquarters{}{}", c[1].trim(), &c[2], rest);
    } else if let Some(c) = RE_POSS.captures(&v) {
        let rest = &v[c.get(0).map_or(0, |m| m.end())..];
        v = format!("{} headquarters{}{}", c[1].trim(), &c[2], rest);
    }
    v
}

/// The interval of days a TIMEX3 date value covers (`2026-04`, `2026-W17`, `2026-04-14`,
/// `2026`), when it is that precise and has a year.
fn date_span(v: &str) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    use jiff::ToSpan;
    let b = v.as_bytes();
    if is_day(v) {
        let d: jiff::civil::Date = v.parse().ok()?;
        return Some((d, d));
    }
    let year: i16 = v.get(..4)?.parse().ok()?;
    if v.len() == 4 {
        let a = jiff::civil::Date::new(year, 1, 1).ok()?;
        return Some((a, jiff::civil::Date::new(year, 12, 31).ok()?));
    }
    if v.len() == 7 && b[4] == b'-' && b[5].is_ascii_digit() {
        let m: i8 = v[5..7].parse().ok()?;
        let a = jiff::civil::Date::new(year, m, 1).ok()?;
        return Some((a, a.last_of_month()));
    }
    if v.len() == 8 && &v[4..6] == "-W" {
        let w: i8 = v[6..8].parse().ok()?;
        let monday = jiff::civil::ISOWeekDate::new(year, w, jiff::civil::Weekday::Monday)
            .ok()?
            .date();
        return Some((monday, monday.checked_add(6.days()).ok()?));
    }
    None
}

/// True for a date value coarser than a day (`2026-04`, `2026-W17`), which a day inside it
/// does not contradict.
pub(crate) fn coarse_date(v: &str) -> bool {
    !is_day(v) && date_span(v).is_some()
}

/// True when two normalised values of an attribute can both be true.
pub fn compatible(attribute: &str, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match attribute {
        "format" => a == "mediated" || b == "mediated",
        "attendees" | "status" => true,
        // "six hours of talks" and "two days of talks": the hours a session sat within the
        // days the round lasted.
        "duration" => {
            let hours = |v: &str| v.strip_prefix("PT")?.strip_suffix('H')?.parse::<u32>().ok();
            let days = |v: &str| v.strip_prefix('P')?.strip_suffix('D')?.parse::<u32>().ok();
            match (hours(a), days(b), hours(b), days(a)) {
                (Some(h), Some(d), _, _) | (_, _, Some(h), Some(d)) => h <= 24 * d,
                _ => false,
            }
        }
        "issuer" => {
            let part_of = |x: &str, y: &str| y.strip_prefix(x).is_some_and(|r| r.starts_with(':'));
            part_of(a, b) || part_of(b, a)
        }
        "venue" => {
            let city = |v: &str| v.rsplit(", ").next().unwrap_or(v).to_owned();
            let has_building = |v: &str| v.contains(", ");
            city(a) == city(b) && (!has_building(a) || !has_building(b))
        }
        _ if is_day(a) && is_day(b) => {
            a[5..] == b[5..] && (a.starts_with("XXXX") || b.starts_with("XXXX"))
        }
        _ => match (date_span(a), date_span(b)) {
            // A month and a week or day inside it: both can be true.
            (Some((a0, a1)), Some((b0, b1))) => (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1),
            _ => false,
        },
    }
}

struct SentenceFacts<'v> {
    view: &'v View<'v>,
    range: Range<usize>,
}

impl SentenceFacts<'_> {
    fn text(&self) -> &str {
        &self.view.folded.text[self.range.clone()]
    }

    fn has(&self, w: &str) -> bool {
        has_word(&self.view.folded.text, self.range.clone(), w)
    }
}

fn first_hit<T>(set: &PhraseSet<T>, text: &str, r: Range<usize>) -> Option<Range<usize>> {
    set.find(text, r).first().map(|h| h.start..h.end)
}

/// The format a sentence states, if any.
fn format_of(text: &str, r: Range<usize>) -> Option<&'static str> {
    let direct = DIRECT.find(text, r.clone());
    let negated_direct = direct.iter().any(|h| {
        let w = words_before(text, r.start, h.start, 12);
        NEG.iter().any(|n| has_word(text, w.clone(), n))
    });
    if negated_direct {
        return Some("indirect");
    }
    if !direct.is_empty() {
        return Some("direct");
    }
    if !INDIRECT.find(text, r.clone()).is_empty() {
        return Some("indirect");
    }
    if !VIDEO.find(text, r.clone()).is_empty() {
        return Some("video link");
    }
    if !MEDIATED.find(text, r).is_empty() {
        return Some("mediated");
    }
    None
}

fn surname(entity: &str) -> String {
    entity
        .split_whitespace()
        .last()
        .unwrap_or(entity)
        .trim_start_matches("al-")
        .to_lowercase()
}

/// What a sentence gives the event readers: its text, its dates and places.
struct Ctx<'a> {
    view: &'a View<'a>,
    compiled: &'a Compiled,
    sent: Range<usize>,
    /// Dates of the sentence outside quotation marks and not the date of a report:
    /// (folded range, value, the expression is a bare weekday).
    dates: Vec<(Range<usize>, String, bool)>,
    /// City named in the sentence after "in" or "at" (index into [`PLACES`]).
    place_in: Option<usize>,
    /// The document's date.
    dct: Option<jiff::civil::Date>,
}

/// Future and plan markers: an event so marked has not happened yet.
const PLANNED: &[&str] = &[
    "will",
    "would",
    "scheduled",
    "due to",
    "expected",
    "next",
    "plans",
    "planned",
    "set to",
    "is to",
    "are to",
];
/// Past forms that do not end in -ed.
const PAST_IRREGULAR: &[&str] = &[
    "upheld", "held", "met", "threw", "struck", "won", "began", "took", "came", "went", "made",
    "gave", "left", "fought", "shot", "sat",
];

impl Ctx<'_> {
    fn text(&self) -> &str {
        &self.view.folded.text
    }

    fn sentence(&self) -> &str {
        &self.view.folded.text[self.sent.clone()]
    }

    fn has(&self, w: &str) -> bool {
        has_word(self.text(), self.sent.clone(), w)
    }

    /// The date nearest to `trigger` (days only unless `coarse`) within `max` bytes; with
    /// `same_clause`, none that a comma or semicolon separates from it ("discussed the crisis
    /// on Friday, welcomed the judgment": Friday is not the judgment's). A bare weekday that
    /// the tagger put after the publication date while the event is told in the past tense
    /// ("the court on Monday upheld…") is moved to the week before.
    fn date_attached(
        &self,
        trigger: Range<usize>,
        coarse: bool,
        max: usize,
        same_clause: bool,
    ) -> Option<String> {
        use jiff::ToSpan;
        let text = self.text();
        let gap = |r: &Range<usize>| {
            if r.start >= trigger.end {
                trigger.end..r.start
            } else {
                r.end.min(trigger.start)..trigger.start
            }
        };
        let (_, v, weekday) = self
            .dates
            .iter()
            .filter(|(_, v, _)| coarse || is_day(v))
            .filter(|(r, _, _)| {
                let g = gap(r);
                g.len() <= max && !(same_clause && text[g].contains([',', ';']))
            })
            .min_by_key(|(r, _, _)| r.start.abs_diff(trigger.start))?;
        if *weekday
            && let (Some(dct), Ok(d)) = (self.dct, v.parse::<jiff::civil::Date>())
            && d > dct
            && self.past(trigger)
            && let Ok(back) = d.checked_sub(7.days())
        {
            return Some(back.to_string());
        }
        Some(v.clone())
    }

    /// True when the event at `trigger` is told as past: a past-tense verb there and no
    /// mark of a plan just before it.
    fn past(&self, trigger: Range<usize>) -> bool {
        let text = self.text();
        let word_end = text[trigger.start..]
            .find(|c: char| !c.is_alphanumeric() && c != '-')
            .map_or(text.len(), |p| trigger.start + p);
        let word = &text[trigger.start..word_end];
        let around = crate::text::char_range(
            text,
            trigger.start.saturating_sub(40).max(self.sent.start)..word_end,
        );
        (word.ends_with("ed") || PAST_IRREGULAR.contains(&word))
            && !PLANNED.iter().any(|w| has_word(text, around.clone(), w))
    }
}

/// A fact with the attribute, the value and a hedge.
type Fact = (String, String, Option<String>);

/// An event read beside the sentence's main anchor: its kind, the trigger, its own date
/// and its facts.
struct EventRead {
    kind: String,
    date: Option<String>,
    facts: Vec<Fact>,
}

static SIGN: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "signed",
        "signing",
        "sign",
        "signs",
        "initialled",
        "initialed",
        "inked",
    ])
});
const AGREEMENT_NOUNS: &[&str] = &[
    "agreement",
    "deal",
    "ceasefire",
    "cease-fire",
    "truce",
    "accord",
    "treaty",
    "text",
    "document",
    "memorandum",
    "framework",
    "ceremony",
    "declaration",
    "signing",
];
static EFFECT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "take effect",
        "takes effect",
        "took effect",
        "taken effect",
        "come into force",
        "comes into force",
        "came into force",
        "enter into force",
        "enters into force",
        "entered into force",
        "go into effect",
        "goes into effect",
        "went into effect",
    ])
});
static COURT_ACT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "ruling",
        "rulings",
        "judgment",
        "judgement",
        "verdict",
        "upheld",
        "overturned",
        "annulled",
        "ruled",
        "struck down",
        "threw out",
        "throwing out",
        "thrown out",
        "dismissed",
    ])
});
static INAUGURATION: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "swearing-in",
        "sworn in",
        "inauguration",
        "inaugurated",
        "take the oath",
        "takes office",
        "take office",
    ])
});
const COUNT_WORDS: &str = r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a dozen|dozens|hundreds";
const HEDGES: &str = r"up to |at least |more than |nearly |about |around |some |almost |over ";
static RE_KILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:killed|killing|kills|kill|left) ({HEDGES})?({COUNT_WORDS}) (civilians|people|soldiers|troops|fighters|protesters|children|persons|others|residents|villagers)\b"
    ))
    .expect("casualty pattern compiles")
});
static RE_N_KILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) (civilians|people|soldiers|troops|fighters|protesters|children|persons|residents|villagers) (?:were |had been |have been |was )?(?:killed|dead|died)\b"
    ))
    .expect("casualty pattern compiles")
});
static RE_WOUNDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:wounding|injuring|wounded|injured|wounds|injures) ({HEDGES})?({COUNT_WORDS}) (?:civilians|people|soldiers|troops|fighters|protesters|children|persons|others|residents)\b"
    ))
    .expect("casualty pattern compiles")
});
static RE_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\d+(?:\.\d+)?) ?(?:percent|per cent|%) of the (?:vote|votes|ballots|valid votes)\b",
    )
    .expect("share pattern compiles")
});
static RE_AGAINST_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:against|to|versus) (\d+(?:\.\d+)?) ?(?:percent|per cent|%)(?: of the vote)? for\b",
    )
    .expect("share pattern compiles")
});
static RE_OUTCOME_COURT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(threw out|throwing out|thrown out|dismissed|dismissing|rejected|rejecting|upheld|upholding|annulled|annulling|overturned|overturning|struck down|striking down) (?:the |a |an )?(?:[a-z'\-]+ ){0,3}?(petition|case|appeal|challenge|complaint|lawsuit|result|results|re-election|election|victory|decision|ban|law|sentence|conviction)\b")
        .expect("outcome pattern compiles")
});
static RE_VOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(unanimous|unanimously|majority|split|\d+-\d+|\d+ to \d+) (?:judgment|judgement|ruling|decision|verdict|vote)\b")
        .expect("vote pattern compiles")
});
static RE_PANEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:([a-z0-9]+)-(?:judge|justice|member) (?:panel|bench|court)|panel of ([a-z0-9]+) (?:judges|justices))\b")
        .expect("panel pattern compiles")
});
static RE_FILED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(petition|lawsuit|complaint|appeal|case|challenge)\b(?: [a-z']+){0,3} (?:was |had been |has been |were )?(filed|lodged|submitted)\b")
        .expect("filing pattern compiles")
});
static RE_ARRESTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) (?:people|protesters|supporters|demonstrators|persons|activists|opposition supporters|students) (?:had been |have been |were |was |being )?(?:arrested|detained)\b|\b(?:arrested|detained) ({HEDGES})?({COUNT_WORDS}) (?:people|protesters|supporters|demonstrators|persons|activists)\b"
    ))
    .expect("arrests pattern compiles")
});
static RE_RELEASED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:released|freed) ({COUNT_WORDS})(?: of the ({COUNT_WORDS}) (?:people|protesters|supporters|demonstrators|persons|detainees|prisoners)(?: (?:who had been |previously )?(?:arrested|detained|held))?)?\b"
    ))
    .expect("release pattern compiles")
});
static CALL: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "spoke by phone",
        "spoke by telephone",
        "spoke on the phone",
        "spoke by video",
        "phone call",
        "telephone call",
        "phoned",
        "telephoned",
    ])
});
static RE_HELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) (?:hostages|captives) (?:are |were |remain |still |being |believed to be )*(?:held|in captivity)\b"
    ))
    .expect("held pattern compiles")
});
static RE_ALIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) of them (?:are |were |still |believed to be |thought to be |believed |thought )*(?:alive|living)\b"
    ))
    .expect("alive pattern compiles")
});
static RE_TARGETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:hit|struck|bombed|attacked|pounded|strikes on|struck at) ({HEDGES})?({COUNT_WORDS}) (?:targets|sites)\b"
    ))
    .expect("targets pattern compiles")
});
static RE_TRUCKS_A_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) (?:aid |humanitarian |relief )(?:trucks|lorries) (?:a|per|each) day\b"
    ))
    .expect("trucks pattern compiles")
});
static RE_AGREED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:agreed|signed off|settled)\b").expect("agreed pattern compiles")
});
static RE_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:operate|operated|operating|run|lease|leased|leasing|manage|managed|concession|control)\b(?: [a-z'\-]+){{0,4}} for ({COUNT_WORDS}) years\b"
    ))
    .expect("term pattern compiles")
});
static RE_TURNOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES})?({COUNT_WORDS}) (?:people|protesters|demonstrators|residents|villagers|supporters|marchers|farmers|workers) (?:took part|turned out|marched|rallied|gathered|demonstrated|joined the (?:protest|march|rally|demonstration|blockade))\b"
    ))
    .expect("turnout pattern compiles")
});
static RE_DIVIDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({COUNT_WORDS}) (?:villages|towns|communities|hamlets|settlements) (?:have been |had been |were |are |remain |stand )?(?:divided|split|cut in two)\b|\b(?:divides|divided|splits|split|cuts through|cut through) ({COUNT_WORDS}) (?:villages|towns|communities|hamlets|settlements)\b"
    ))
    .expect("divided pattern compiles")
});
static RE_TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(twice|three times|four times|five times|(\d+) times)\b").expect("times pattern")
});

/// Months and weekdays: capitalised words that are not places.
const CALENDAR: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The place a violent event happened: the first capitalised word after "in", "of", "near",
/// "around" or "at" in the sentence that is not a month, a weekday or an actor.
fn event_place(ctx: &Ctx) -> Option<String> {
    let view = ctx.view;
    let orig_start = view.folded.orig(ctx.sent.start);
    let orig_end = view.folded.orig(ctx.sent.end);
    let orig = view.input.document.text.get(orig_start..orig_end)?;
    let words: Vec<&str> = orig.split_whitespace().collect();
    for w in words.windows(2) {
        if !["in", "of", "near", "around", "at", "outside"].contains(&w[0]) {
            continue;
        }
        let name: String = w[1]
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_owned();
        if name.chars().next().is_some_and(char::is_uppercase)
            && name.len() > 2
            && !CALENDAR.contains(&name.as_str())
            && !name.chars().all(|c| c.is_uppercase())
        {
            return Some(crate::text::fold_str(&name));
        }
    }
    None
}

/// Reads the events a sentence reports besides its talks, visits and measures: a signing,
/// a ceasefire taking effect, casualties, an election result, a court ruling, a filing, an
/// inauguration, arrests and releases.
fn read_events(ctx: &Ctx) -> Vec<EventRead> {
    let text = ctx.text();
    let s = ctx.sentence();
    let base = ctx.sent.start;
    let mut out: Vec<EventRead> = Vec::new();
    let at = |m: regex::Match| base + m.start()..base + m.end();
    // A signing.
    if let Some(h) = SIGN.find(text, ctx.sent.clone()).into_iter().find(|h| {
        // "a sign of": a noun.
        let word = &text[h.start..h.end];
        !(matches!(word, "sign" | "signs")
            && (text[h.end..].starts_with(" of")
                || ["a", "the", "no"]
                    .iter()
                    .any(|d| has_word(text, words_before(text, base, h.start, 1), d))))
    }) && AGREEMENT_NOUNS.iter().any(|n| ctx.has(n))
    {
        let trigger = h.start..h.end;
        let mut facts = Vec::new();
        // A day, else the month ("initialled in August 2025").
        let date = ctx
            .date_attached(trigger.clone(), false, 80, true)
            .or_else(|| ctx.date_attached(trigger.clone(), true, 80, true));
        if let Some(d) = &date {
            facts.push(("date".to_owned(), d.clone(), None));
        }
        if let Some(p) = ctx.place_in
            && let Some(city) = PLACES[p].city
        {
            facts.push(("venue".to_owned(), city.to_lowercase(), None));
        }
        if let Some(f) = format_of(text, ctx.sent.clone()) {
            facts.push(("format".to_owned(), f.to_owned(), None));
        }
        out.push(EventRead {
            kind: "signing".to_owned(),
            date,
            facts,
        });
    }
    // A ceasefire or agreement taking effect.
    if let Some(h) = EFFECT.find(text, ctx.sent.clone()).first() {
        let kind = if ["ceasefire", "cease-fire", "truce"]
            .iter()
            .any(|n| ctx.has(n))
        {
            "ceasefire"
        } else {
            "agreement"
        };
        // "due to take effect at midnight on Tuesday": the date that follows.
        let after = h.end..ctx.sent.end;
        if let Some(d) = ctx
            .dates
            .iter()
            .any(|(r, _, _)| r.start >= h.end && r.start - h.end <= 40)
            .then(|| ctx.date_attached(after.start..after.start, false, 40, true))
            .flatten()
        {
            out.push(EventRead {
                kind: kind.to_owned(),
                date: None,
                facts: vec![("start_date".to_owned(), d, None)],
            });
        }
    }
    // An exchange of prisoners, when no count makes it a measure of its own.
    if let Some(h) = EXCHANGE.find(text, ctx.sent.clone()).into_iter().find(|h| {
        text[h.start..h.end].starts_with("exchange") || text[h.start..h.end].starts_with("swap")
    }) && ["prisoners", "prisoner", "detainees", "hostages", "captives"]
        .iter()
        .any(|w| ctx.has(w))
        && !RE_COUNT.is_match(s)
        && let Some(d) = ctx.date_attached(h.start..h.end, true, 100, false)
    {
        out.push(EventRead {
            kind: "exchange".to_owned(),
            date: Some(d.clone()),
            facts: vec![("date".to_owned(), d, None)],
        });
    }
    // Casualties.
    let mut casualties: Vec<Fact> = Vec::new();
    for re in [&*RE_KILLED, &*RE_N_KILLED] {
        for c in re.captures_iter(s) {
            let Some(n) = number(&c[2]) else { continue };
            let attr = match &c[3] {
                "civilians" | "children" | "residents" | "villagers" => "civilian_deaths",
                "soldiers" | "troops" | "fighters" => "combatant_deaths",
                _ => "deaths",
            };
            if !casualties.iter().any(|f| f.0 == attr) {
                casualties.push((
                    attr.to_owned(),
                    format!("{}", n as u64),
                    c.get(1).map(|q| q.as_str().trim().to_owned()),
                ));
            }
        }
    }
    if let Some(c) = RE_WOUNDED.captures(s)
        && let Some(n) = number(&c[2])
    {
        casualties.push((
            "wounded".to_owned(),
            format!("{}", n as u64),
            c.get(1).map(|q| q.as_str().trim().to_owned()),
        ));
    }
    if !casualties.is_empty() {
        let kind = match event_place(ctx) {
            Some(p) => format!("attack-{p}"),
            None => "attack".to_owned(),
        };
        out.push(EventRead {
            kind,
            date: None,
            facts: casualties,
        });
    }
    // An election result.
    if let Some(c) = RE_SHARE.captures(s) {
        let won = [
            "winner",
            "re-elected",
            "elected",
            "won",
            "victory",
            "winning",
            "declared",
        ]
        .iter()
        .any(|w| ctx.has(w));
        let mut facts = vec![(
            if won { "winner_share" } else { "vote_share" }.to_owned(),
            format!("{}%", &c[1]),
            None,
        )];
        if let Some(o) = RE_AGAINST_SHARE.captures(s) {
            facts.push(("challenger_share".to_owned(), format!("{}%", &o[1]), None));
        }
        out.push(EventRead {
            kind: "election".to_owned(),
            date: None,
            facts,
        });
    }
    // A court ruling.
    let court = ["court", "judges", "tribunal", "justice", "judge"]
        .iter()
        .any(|w| ctx.has(w));
    // A ruling named as such needs no court beside it; a verb ("upheld") does.
    let court_act = COURT_ACT
        .find(text, ctx.sent.clone())
        .into_iter()
        .find(|h| {
            court
                || matches!(
                    &text[h.start..h.end],
                    "ruling" | "rulings" | "judgment" | "judgement" | "verdict"
                )
        });
    if let Some(h) = court_act {
        let trigger = h.start..h.end;
        let mut facts = Vec::new();
        // Not what a party asks the court to do ("asked the court to dismiss the petition").
        let asked = |r: Range<usize>| has_word(text, words_before(text, base, r.start, 1), "to");
        let date = if asked(trigger.clone()) {
            None
        } else {
            ctx.date_attached(trigger.clone(), false, 30, true)
        };
        if let Some(d) = &date {
            facts.push(("date".to_owned(), d.clone(), None));
        }
        let outcomes: Vec<(String, regex::Match)> = RE_OUTCOME_COURT
            .captures_iter(s)
            .filter_map(|c| {
                let verb = c.get(1)?;
                if asked(at(verb)) {
                    return None;
                }
                let noun = match &c[2] {
                    "results" => "result",
                    "re-election" | "election" | "victory" => "result",
                    n => n,
                };
                let v = match &c[1] {
                    "upheld" | "upholding" => format!("{noun} upheld"),
                    "annulled" | "annulling" | "overturned" | "overturning" | "struck down"
                    | "striking down" => format!("{noun} annulled"),
                    _ => format!("{noun} dismissed"),
                };
                Some((v, verb))
            })
            .collect();
        // A petition thrown out says more than the result it leaves standing.
        if let Some((v, _)) = outcomes
            .iter()
            .find(|(v, _)| v.ends_with("dismissed"))
            .or(outcomes.first())
        {
            facts.push(("outcome".to_owned(), v.clone(), None));
        }
        if let Some(c) = RE_VOTE.captures(s) {
            let v = match &c[1] {
                "unanimously" => "unanimous".to_owned(),
                v => v.replace(" to ", "-"),
            };
            facts.push(("vote".to_owned(), v, None));
        }
        out.push(EventRead {
            kind: "ruling".to_owned(),
            date,
            facts,
        });
    }
    if let Some(c) = RE_PANEL.captures(s)
        && let Some(n) = c.get(1).or(c.get(2)).and_then(|m| number(m.as_str()))
    {
        match out.iter_mut().find(|e| e.kind == "ruling") {
            Some(e) => e
                .facts
                .push(("panel_size".to_owned(), format!("{}", n as u64), None)),
            None => out.push(EventRead {
                kind: "ruling".to_owned(),
                date: None,
                facts: vec![("panel_size".to_owned(), format!("{}", n as u64), None)],
            }),
        }
    }
    // A petition filed.
    if let Some(c) = RE_FILED.captures(s)
        && let Some(verb) = c.get(2)
        && let Some(d) = ctx.date_attached(at(verb), false, 40, true)
    {
        out.push(EventRead {
            kind: "petition".to_owned(),
            date: None,
            facts: vec![("filing_date".to_owned(), d, None)],
        });
    }
    // An inauguration.
    if let Some(h) = INAUGURATION.find(text, ctx.sent.clone()).first()
        && let Some(d) = ctx.date_attached(h.start..h.end, true, 40, true)
    {
        out.push(EventRead {
            kind: "inauguration".to_owned(),
            date: Some(d.clone()),
            facts: vec![("date".to_owned(), d, None)],
        });
    }
    // A referendum and the month or day it is set for.
    if let Some(h) = ["referendum", "plebiscite"]
        .iter()
        .find_map(|w| s.find(w).map(|p| base + p..base + p + w.len()))
        && let Some(d) = ctx.date_attached(h, true, 80, true)
    {
        out.push(EventRead {
            kind: "referendum".to_owned(),
            date: Some(d.clone()),
            facts: vec![("date".to_owned(), d, None)],
        });
    }
    // Lengths of a border, a section of it, a road or a pipeline, and the day a line was
    // agreed ("agreed on Sunday to fix the line of a 30-kilometre section").
    let agreed = RE_AGREED_ON
        .find(s)
        .and_then(|m| ctx.date_attached(at(m), false, 20, true));
    for (kind, value, hedge) in lengths(s) {
        if let Some(e) = out.iter_mut().find(|e| e.kind == kind) {
            e.facts.push(("length_km".to_owned(), value, hedge));
        } else {
            let mut facts = vec![("length_km".to_owned(), value, hedge)];
            if let Some(d) = agreed.clone() {
                facts.push(("date_agreed".to_owned(), d, None));
            }
            out.push(EventRead {
                kind,
                date: None,
                facts,
            });
        }
    }
    // The term of a concession or a lease ("to build and operate the route for 49 years").
    if let Some(c) = RE_TERM.captures(s)
        && let Some(n) = number(&c[1])
    {
        out.push(EventRead {
            kind: "concession".to_owned(),
            date: None,
            facts: vec![("term".to_owned(), format!("P{}Y", n as u64), None)],
        });
    }
    // A call between two people ("spoke by phone with … on Monday night").
    if let Some(h) = CALL.find(text, ctx.sent.clone()).first()
        && let Some(d) = ctx.date_attached(h.start..h.end, false, 80, false)
    {
        out.push(EventRead {
            kind: "call".to_owned(),
            date: Some(d.clone()),
            facts: vec![("date".to_owned(), d, None)],
        });
    }
    // Counts with a hedge before them (capture 1) and the number (capture 2): hostages
    // still held and how many are alive, targets struck, aid trucks a day, a protest's
    // turnout. One reading per kind.
    for (re, kind, attr) in [
        (&*RE_HELD, "hostages", "held"),
        (&*RE_ALIVE, "hostages", "alive"),
        (&*RE_TARGETS, "strikes", "targets"),
        (&*RE_TRUCKS_A_DAY, "aid", "aid_trucks_per_day"),
        (&*RE_TURNOUT, "protest", "participants"),
    ] {
        let Some(c) = re.captures(s) else { continue };
        let Some(n) = number(&c[2]) else { continue };
        let fact = (
            attr.to_owned(),
            format!("{}", n as u64),
            c.get(1).map(|q| q.as_str().trim().to_owned()),
        );
        match out.iter_mut().find(|e| e.kind == kind && e.date.is_none()) {
            Some(e) => e.facts.push(fact),
            None => out.push(EventRead {
                kind: kind.to_owned(),
                date: None,
                facts: vec![fact],
            }),
        }
    }
    // Villages a border divides.
    if let Some(c) = RE_DIVIDED.captures(s)
        && let Some(n) = c.get(1).or(c.get(2)).and_then(|m| number(m.as_str()))
    {
        let fact = ("villages_divided".to_owned(), format!("{}", n as u64), None);
        match out.iter_mut().find(|e| e.kind.starts_with("border")) {
            Some(e) => e.facts.push(fact),
            None => out.push(EventRead {
                kind: "border".to_owned(),
                date: None,
                facts: vec![fact],
            }),
        }
    }
    // Arrests and releases.
    let mut detention: Vec<Fact> = Vec::new();
    if let Some(c) = RE_ARRESTS.captures(s)
        && let Some(n) = c.get(2).or(c.get(4)).and_then(|m| number(m.as_str()))
    {
        detention.push((
            "arrests".to_owned(),
            format!("{}", n as u64),
            c.get(1).or(c.get(3)).map(|q| q.as_str().trim().to_owned()),
        ));
    }
    if let Some(c) = RE_RELEASED.captures(s)
        && let Some(n) = number(&c[1])
    {
        detention.push(("released".to_owned(), format!("{}", n as u64), None));
        if let Some(total) = c.get(2).and_then(|m| number(m.as_str()))
            && !detention.iter().any(|f| f.0 == "arrests")
        {
            detention.push(("arrests".to_owned(), format!("{}", total as u64), None));
        }
    }
    if !detention.is_empty() {
        out.push(EventRead {
            kind: "detentions".to_owned(),
            date: None,
            facts: detention,
        });
    }
    out
}

static RE_KM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({HEDGES}|roughly )?(\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a thousand)(-| )(?:kilometres?|kilometers?|km)\b"
    ))
    .expect("length pattern compiles")
});
/// Lines whose length is a claim, as the subject names them.
const MEASURED: &[(&str, &str)] = &[
    ("border", "border"),
    ("frontier", "border"),
    ("boundary", "border"),
    ("line", "line"),
    ("road", "road"),
    ("highway", "road"),
    ("railway", "railway"),
    ("pipeline", "pipeline"),
    ("corridor", "corridor"),
    ("route", "route"),
    ("buffer zone", "buffer-zone"),
    ("wall", "wall"),
];
/// Nouns for a part of such a line.
const PART_NOUNS: &[&str] = &["section", "stretch", "segment", "portion", "part"];

/// Lengths in kilometres a sentence gives a border, a section of it, a road, a pipeline:
/// "a 51-kilometre section of the border", "the 51-km border section", "a frontier of
/// about 1,000 kilometres", "40 kilometres of road". Distances ("5 km from the border")
/// are not lengths. Returns (subject kind, value in km, hedge).
fn lengths(s: &str) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for c in RE_KM.captures_iter(s) {
        let (Some(m), Some(n)) = (
            c.get(0),
            number(&c[2]).or_else(|| match &c[2] {
                "a hundred" => Some(100.0),
                "a thousand" => Some(1000.0),
                _ => None,
            }),
        ) else {
            continue;
        };
        let after: Vec<&str> = s[m.end()..]
            .split([',', ';', '.', '(', ')', '—'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(6)
            .collect();
        let adjectival = &c[3] == "-" || s[m.start()..m.end()].ends_with("km");
        // "N km from / away / north of": a distance.
        if after.first().is_some_and(|w| {
            matches!(
                *w,
                "from"
                    | "away"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "inside"
                    | "into"
                    | "beyond"
                    | "past"
                    | "short"
                    | "off"
                    | "deep"
                    | "behind"
            )
        }) {
            continue;
        }
        let before: Vec<&str> = s[..m.start()].split_whitespace().rev().take(4).collect();
        // The words that name the thing measured: after the figure when it qualifies a noun
        // ("51-km border section") or is followed by "of" ("40 km of road"); before it after
        // "of" ("a frontier of about 1,000 kilometres").
        let window: Vec<&str> = if adjectival && after.first() != Some(&"of") {
            after.iter().take(5).copied().collect()
        } else if after.first() == Some(&"of") {
            after.iter().skip(1).take(4).copied().collect()
        } else if before.first() == Some(&"of")
            || (before.get(1) == Some(&"of") && c.get(1).is_some())
        {
            before
                .iter()
                .skip_while(|w| **w != "of")
                .skip(1)
                .take(3)
                .copied()
                .collect()
        } else {
            continue;
        };
        let clean = |w: &str| {
            w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '-')
                .to_lowercase()
        };
        let words: Vec<String> = window.iter().map(|w| clean(w)).collect();
        let Some(thing) = MEASURED.iter().find_map(|(n, k)| {
            words
                .iter()
                .any(|w| w == n || w.strip_suffix('s') == Some(n))
                .then_some(*k)
        }) else {
            continue;
        };
        let part = words.iter().any(|w| PART_NOUNS.contains(&w.as_str()));
        let kind = if part {
            format!("{thing}-section")
        } else {
            thing.to_owned()
        };
        let value = if n.fract() == 0.0 {
            format!("{}", n as u64)
        } else {
            format!("{n}")
        };
        if !out
            .iter()
            .any(|(k, v, _): &(String, String, Option<String>)| *k == kind && *v == value)
        {
            out.push((kind, value, c.get(1).map(|q| q.as_str().trim().to_owned())));
        }
    }
    out
}

/// True when the sentence around `pos` dates what it tells a month or more away from the
/// story's date ("initialled in Washington in August 2025"): its places are not where the
/// story's events happen.
fn dated_elsewhere(view: &View, pos: usize) -> bool {
    use jiff::ToSpan;
    let Some(dct) = view.input.date() else {
        return false;
    };
    let Some(sent) = view
        .sentences
        .iter()
        .find(|s| s.start <= pos && pos < s.end)
    else {
        return false;
    };
    let (Ok(lo), Ok(hi)) = (dct.checked_sub(31.days()), dct.checked_add(31.days())) else {
        return false;
    };
    // The times the sentence tells its events at: not the points it counts from ("since
    // June"), nor words in quotation marks.
    let text = &view.folded.text;
    let mut spans = view
        .times_in(sent.clone())
        .filter(|t| {
            t.kind == "DATE"
                && view.quote_at(t.range.start).is_none_or(|q| !q.direct)
                && !["since", "after", "before", "until", "by", "from"]
                    .iter()
                    .any(|x| has_word(text, words_before(text, sent.start, t.range.start, 2), x))
        })
        .filter_map(|t| date_span(&t.value))
        .peekable();
    spans.peek().is_some() && spans.all(|(a, b)| b < lo || a > hi)
}

/// True for a dateline: a city in capitals opening the story ("DOHA —", "GENEVA, March 16").
fn dateline(view: &View, r: Range<usize>) -> bool {
    let text = &view.folded.text;
    let orig = view.original(r.clone());
    let rest = text[r.end.min(text.len())..].trim_start();
    r.start < 200
        && !orig.chars().any(char::is_lowercase)
        && (rest.starts_with('-') || rest.starts_with(','))
        && view.sentences.iter().take(3).any(|s| s.start == r.start)
}

static RE_HQ_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:at|in|inside) the (headquarters of (?:the )?[a-z][a-z\- ]{2,60}?)(?:,| in | on | for | and | to | with |\.|$)")
        .expect("building pattern compiles")
});
static RE_HQ_POSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:at|in|inside) (?:the )?((?:[a-z\-]+ ){0,3}[a-z\-]+'s? (?:[a-z\-]+ )?headquarters)\b",
    )
    .expect("building pattern compiles")
});
static RE_MISSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:at|in|inside) (?:the )?((?:[a-z\-]+'s |[a-z\-]+ ){0,2}(?:permanent )?(?:mission|embassy) to (?:the )?[a-z\-]+(?: [a-z\-]+)?)(?:,|\.| in | on |$)")
        .expect("building pattern compiles")
});

/// The building a sentence holds talks in: a palace, hotel, guest house, residence,
/// embassy, conference centre, state house, an organisation's headquarters or a mission to
/// it; the first one named ("…rather than at the trade body's headquarters" is not taken).
fn building_of(s: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut consider = |at: usize, b: &str| {
        let b = b.trim().to_owned();
        if b.contains("same ") || b.contains(" own ") {
            return;
        }
        if best.as_ref().is_none_or(|(p, _)| at < *p) {
            best = Some((at, b));
        }
    };
    if let Some(c) = RE_HQ_OF.captures(s)
        && let Some(m) = c.get(1)
    {
        consider(m.start(), m.as_str());
    }
    if let Some(c) = RE_HQ_POSS.captures(s)
        && let Some(m) = c.get(1)
    {
        consider(m.start(), m.as_str());
    }
    if let Some(c) = RE_MISSION.captures(s)
        && let Some(m) = c.get(1)
    {
        consider(m.start(), m.as_str());
    }
    if let Some(c) = RE_BUILDING.captures(s)
        && let Some(m) = c.get(1)
    {
        consider(m.start(), m.as_str());
    }
    // A city in apposition ("in Geneva, the seat of …") is no building.
    if let Some(c) = RE_NAMED_BUILDING.captures(s)
        && let Some(m) = c.get(1)
        && PLACE_SET.find(m.as_str(), 0..m.len()).is_empty()
    {
        consider(m.start(), m.as_str());
    }
    best.map(|(_, b)| b)
}

/// Measure nouns beside sanctions and tariffs, with the form a subject uses.
const MEASURE_NOUNS: &[(&str, &str)] = &[
    ("duties", "duties"),
    ("duty", "duties"),
    ("levies", "levies"),
    ("levy", "levies"),
    ("safeguard", "safeguard"),
    ("safeguards", "safeguard"),
    ("ban", "ban"),
    ("quotas", "quotas"),
    ("quota", "quotas"),
    ("embargo", "embargo"),
    ("curfew", "curfew"),
    ("tariffs", "tariffs"),
    ("tariff", "tariffs"),
];
static MEASURE_NOUN_SET: LazyLock<PhraseSet<&'static str>> = LazyLock::new(|| {
    PhraseSet::new(
        MEASURE_NOUNS
            .iter()
            .map(|(n, k)| ((*n).to_owned(), *k, Ending::Exact)),
    )
});
static MEASURE_ACT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    phrases(&[
        "imposed",
        "impose",
        "imposes",
        "imposing",
        "adopted",
        "adopts",
        "adopt",
        "introduced",
        "introduces",
        "approved",
        "extended",
        "issued",
        "announced",
        "unveiled",
        "levied",
        "slapped",
    ])
});
/// Words before a measure noun that do not tell one measure from another.
const MEASURE_PLAIN: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "new",
    "provisional",
    "additional",
    "further",
    "existing",
    "current",
    "such",
    "these",
    "those",
    "any",
    "first",
    "some",
    "this",
    "that",
    "standard",
    "own",
    "our",
    "of",
    "on",
    "and",
    "or",
    "to",
    "by",
    "with",
];

/// Measures other than sanctions and tariffs orders ("the EU imposed its countervailing
/// duties in October 2024", "new steel safeguard rules adopted by member states on
/// Monday", "the interior ministry's ban"): the issuer, the date and the rates, each measure
/// named after the noun and the word that qualifies it (`steel-safeguard`).
fn read_measures(ctx: &Ctx) -> Vec<EventRead> {
    let text = ctx.text();
    let s = ctx.sentence();
    let base = ctx.sent.start;
    let nouns: Vec<(Range<usize>, String)> = MEASURE_NOUN_SET
        .find(text, ctx.sent.clone())
        .into_iter()
        .filter(|h| !text[h.end..].starts_with('-'))
        .map(|h| {
            let prev = words_before(text, base, h.start, 1);
            // The whole word before, hyphens included ("anti-dumping"), and possessives
            // ("ministry's") as what they are.
            let mut from = prev.start;
            while from > base + 1
                && matches!(text.as_bytes()[from - 1], b'-' | b'\'')
                && crate::text::is_word_byte(text.as_bytes()[from - 2])
            {
                from = words_before(text, base, from - 1, 1).start;
            }
            let prev = from..prev.end;
            let word = text[prev.clone()].trim();
            // Named after the word that qualifies it ("countervailing-duties"), else after
            // the issue named next to it ("dairy-duties").
            let issue = ctx
                .compiled
                .issue_hits(text, ctx.sent.clone())
                .into_iter()
                .filter(|(_, k)| k.start.abs_diff(h.start) <= 60)
                .min_by_key(|(_, k)| k.start.abs_diff(h.start))
                .map(|(i, _)| ctx.compiled.issues[i].id.replace('_', "-"));
            let plain = word.is_empty()
                || MEASURE_PLAIN.contains(&word)
                || word.ends_with("'s")
                || word.ends_with('%')
                || word.chars().any(|c| c.is_ascii_digit())
                || prev.end > h.start;
            let kind = match issue {
                _ if !plain => format!("{word}-{}", h.item),
                Some(issue) => format!("{issue}-{}", h.item),
                None => (*h.item).to_owned(),
            };
            (h.start..h.end, kind)
        })
        .collect();
    if nouns.is_empty() {
        return Vec::new();
    }
    let nearest = |pos: usize| -> usize {
        (0..nouns.len())
            .min_by_key(|&i| nouns[i].0.start.abs_diff(pos))
            .unwrap_or(0)
    };
    // A rate belongs to the measure it stands next to ("a 50% duty", "duties of up to
    // 42.7%"), else to the one the sentence's act is about ("imposed its safeguard …,
    // charging 50% above the quotas"), else to the nearest.
    let head = MEASURE_ACT
        .find(text, ctx.sent.clone())
        .first()
        .map(|v| nearest(v.start));
    let rate_owner = |r: Range<usize>| -> usize {
        let i = nearest(r.start);
        let n = &nouns[i].0;
        // "a 50% duty", "a 10% car tariff"; "duties of up to 42.7%", "duties, which range
        // from 7.8% to 35.3%".
        let attached = if n.start >= r.end {
            text[r.end..n.start].split_whitespace().count() <= 1
        } else {
            let gap = &text[n.end..r.start.max(n.end)];
            gap.split_whitespace().count() <= 4
                && (gap.contains(" of ") || gap.contains("range") || gap.trim().is_empty())
        };
        if attached { i } else { head.unwrap_or(i) }
    };
    let mut facts: Vec<Vec<Fact>> = vec![Vec::new(); nouns.len()];
    let mut dates: Vec<Option<String>> = vec![None; nouns.len()];
    // The act: who issued it and when.
    if let Some(v) = MEASURE_ACT.find(text, ctx.sent.clone()).first() {
        let i = nearest(v.start);
        let issuers = ISSUER_SET.find(text, ctx.sent.clone());
        let agent = issuers.iter().find(|h| {
            // "adopted by member states", "issued on Wednesday by the police".
            h.start > v.end && {
                let gap = text[v.end..h.start].trim();
                gap.split_whitespace().count() <= 5
                    && !gap.contains(',')
                    && (gap == "by" || gap.ends_with(" by") || gap.ends_with("by the"))
            }
        });
        let subject = issuers
            .iter()
            .find(|h| h.end <= v.start && text[h.end..v.start].split_whitespace().count() <= 1);
        if let Some(h) = agent.or(subject) {
            facts[i].push(("issuer".to_owned(), (*h.item).to_owned(), None));
        }
        if let Some(d) = ctx.date_attached(v.start..v.end, true, 60, true) {
            dates[i] = Some(d.clone());
            facts[i].push(("date".to_owned(), d, None));
        }
    } else {
        // "the interior ministry's ban".
        for h in ISSUER_SET.find(text, ctx.sent.clone()) {
            let rest = &text[h.end..];
            if rest.starts_with("'s ")
                && let Some(i) = nouns.iter().position(|(r, _)| {
                    r.start > h.end && text[h.end..r.start].split_whitespace().count() <= 2
                })
            {
                facts[i].push(("issuer".to_owned(), (*h.item).to_owned(), None));
            }
        }
    }
    // Rates, each to the measure named nearest.
    let mut taken: Vec<Range<usize>> = Vec::new();
    for c in RE_RANGE.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        let r = base + m.start()..base + m.end();
        let i = rate_owner(r.clone());
        if nouns[i].0.start.abs_diff(r.start) > 120 {
            continue;
        }
        facts[i].push(("rate".to_owned(), format!("{}%-{}%", &c[1], &c[2]), None));
        taken.push(r);
    }
    for c in RE_RATE.captures_iter(s) {
        let Some(m) = c.get(2) else { continue };
        let r = base + m.start()..base + m.end();
        if taken.iter().any(|t| t.start <= r.start && r.start < t.end) {
            continue;
        }
        let i = rate_owner(r.clone());
        if nouns[i].0.start.abs_diff(r.start) > 120 {
            continue;
        }
        facts[i].push((
            "rate".to_owned(),
            format!("{}%", &c[2]),
            c.get(1).map(|q| q.as_str().to_owned()),
        ));
    }
    nouns
        .into_iter()
        .zip(facts)
        .zip(dates)
        .filter(|((_, f), _)| !f.is_empty())
        .map(|(((_, kind), facts), date)| EventRead { kind, date, facts })
        .collect()
}

/// The attribute a building the talks were held in is read under, before `resolve` adds the
/// city of the talks' subject and makes it a `venue`.
const BUILDING: &str = "venue:building";

/// Reads the claim mentions of one document.
pub fn read_mentions(view: &View, compiled: &Compiled) -> Vec<Mention> {
    let text = &view.folded.text;
    let story = view.input.story().clone();
    // The document's main place: the city named most often (first on ties).
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let places = PLACE_SET.find(text, 0..text.len());
    for h in &places {
        // "signed for Kinshasa": on its behalf, not there.
        let for_ = has_word(text, words_before(text, 0, h.start, 1), "for");
        if PLACES[*h.item].city.is_some()
            && locative(text, h.start)
            && !for_
            && !dated_elsewhere(view, h.start)
        {
            let e = counts.entry(*h.item).or_insert((0, h.start));
            e.0 += 1;
        }
    }
    // A dateline names where the story was filed: when the story also names that city as
    // a place, or names no other, the dateline counts as one more mention of it (a preview
    // filed from the host city: "CAIRO — … travel to Cairo").
    let none_else = counts.is_empty();
    for h in &places {
        if PLACES[*h.item].city.is_some() && dateline(view, h.start..h.end) {
            if let Some(e) = counts.get_mut(h.item) {
                e.0 += 1;
                e.1 = e.1.min(h.start);
            } else if none_else {
                counts.insert(*h.item, (1, h.start));
            }
        }
    }
    let doc_place = counts
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(k, _)| *k);
    let mut last_date: Option<String> = None;
    let mut last_talks_place: Option<usize> = None;
    let mut out = Vec::new();
    for (si, sent) in view.sentences.iter().enumerate() {
        let sf = SentenceFacts {
            view,
            range: sent.clone(),
        };
        // Specific days outside quotations; the last one sets the context for later sentences.
        // A day with its part ("on Monday night": `2026-09-07TNI`) counts as the day.
        let all_days: Vec<(Range<usize>, String)> = view
            .times_in(sent.clone())
            .filter_map(|t| {
                let day = match t.kind.as_str() {
                    "DATE" if t.value.get(10..11).is_none_or(|r| r == "T") => {
                        t.value.get(..10).unwrap_or(&t.value)
                    }
                    "TIME" => t.value.get(..10)?,
                    _ => return None,
                };
                // Dates in reported speech are facts reported; in quotation marks, words.
                (is_day(day) && view.quote_at(t.range.start).is_none_or(|q| !q.direct))
                    .then(|| (t.range.clone(), day.to_owned()))
            })
            .collect();
        let day_times: Vec<(Range<usize>, String)> = all_days
            .iter()
            .filter(|(r, _)| {
                // Not "since Friday", and not the date of the report ("said on Monday",
                // "on Saturday rejected reports").
                let w = words_before(text, sent.start, r.start, 4);
                let near = words_before(text, sent.start, r.start, 2);
                let after = crate::text::char_range(text, r.end..(r.end + 20).min(sent.end));
                let after = if text[after.clone()].starts_with([',', '.', ';']) {
                    after.start..after.start
                } else {
                    after
                };
                // "announced sanctions on Friday": the date is the measure's when its noun
                // stands between the reporting word and the date.
                let act = ACT_NOUNS.iter().any(|x| has_word(text, w.clone(), x));
                !["since", "after", "before", "until", "by"]
                    .iter()
                    .any(|x| has_word(text, near.clone(), x))
                    && (act || !REPORTING.iter().any(|x| has_word(text, w.clone(), x)))
                    && !REPORTING.iter().any(|x| has_word(text, after.clone(), x))
            })
            .cloned()
            .collect();
        // Dates coarser than a day (a month, a week) outside quotations, for planned events.
        let dates_coarse: Vec<(Range<usize>, String)> = view
            .times_in(sent.clone())
            .filter(|t| {
                t.kind == "DATE"
                    && (is_day(&t.value) || date_span(&t.value).is_some())
                    && view.quote_at(t.range.start).is_none_or(|q| !q.direct)
                    && !["since", "after", "until"].iter().any(|x| {
                        has_word(text, words_before(text, sent.start, t.range.start, 2), x)
                    })
            })
            .map(|t| (t.range.clone(), t.value.clone()))
            .collect();
        let context_date = last_date.clone().or_else(|| view.date_string());
        if let Some((_, d)) = all_days.last() {
            last_date = Some(d.clone());
        }
        let place_hits: Vec<(usize, usize)> = PLACE_SET
            .find(text, sent.clone())
            .into_iter()
            .filter(|h| locative(text, h.start))
            .map(|h| (h.start, *h.item))
            .collect();
        let place = place_hits.first().map(|p| p.1);
        let person_mentions: Vec<&crate::view::Mention> = view
            .mentions_in(sent.clone())
            .filter(|m| m.person && m.entity.is_some())
            .collect();
        // Anchor.
        let visit = first_hit(&VISIT, text, sent.clone()).and_then(|v| {
            person_mentions
                .iter()
                .rfind(|m| m.range.start < v.start)
                .and_then(|m| m.entity.as_deref())
                .map(|e| (v, surname(e)))
        });
        let measure = {
            let lifting =
                sf.has("lift") || sf.has("lifted") || sf.has("lifting") || sf.has("relief");
            let verb = first_hit(&MEASURE_VERB, text, sent.clone());
            let noun_sanction = [
                "sanctions",
                "designations",
                "blacklisted",
                "sanctioned",
                "penalties",
            ]
            .iter()
            .any(|w| sf.has(w));
            let tariff_at = ["tariffs", "tariff"]
                .iter()
                .filter_map(|w| {
                    sf.text().match_indices(w).map(|(p, _)| p).find(|&p| {
                        let after = sf.text()[p + w.len()..].chars().next();
                        after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
                    })
                })
                .min()
                .or_else(|| sf.text().find("droits de douane"));
            let tariff = tariff_at.is_some();
            let sanction_at = ["sanction", "designation", "blacklist"]
                .iter()
                .filter_map(|w| sf.text().find(w))
                .min()
                .unwrap_or(usize::MAX);
            match verb {
                Some(_) if lifting => None,
                Some(v) if noun_sanction && tariff_at.is_none_or(|t| sanction_at < t) => {
                    Some((v, "sanctions"))
                }
                Some(v) if tariff && (sf.has("order") || sf.has("décret")) => {
                    Some((v, "tariff-order"))
                }
                Some(v) if tariff => Some((v, "tariffs")),
                _ => None,
            }
        };
        // A release or exchange of people, when the sentence counts them.
        let exchange = RE_COUNT
            .captures_iter(sf.text())
            .any(|c| {
                COUNTED.iter().any(|(ns, a)| {
                    ns.contains(&&c[2]) && matches!(*a, "prisoner_count" | "hostage_count")
                })
            })
            .then(|| first_hit(&EXCHANGE, text, sent.clone()))
            .flatten();
        let war = ["war", "conflict"].iter().find_map(|w| {
            let p = sf.text().find(&format!(" {w}"))?;
            Some(sent.start + p + 1)
        });
        let talks = TALKS
            .find(text, sent.clone())
            .into_iter()
            .find(|h| {
                // "did not meet", "would not meet": no meeting to make claims about.
                let w2 = words_before(text, sent.start, h.start, 2);
                if ["not", "never", "n't"]
                    .iter()
                    .any(|n| has_word(text, w2.clone(), n))
                {
                    return false;
                }
                // "put it on the agenda": an item, not a meeting; "told a meeting of
                // editors": an audience, not talks between the parties.
                let word = &text[h.start..h.end];
                let prev = &text[w2.clone()];
                if (word == "agenda" && (prev.ends_with("on the") || prev.ends_with("off the")))
                    || (word == "meeting"
                        && ["told", "addressed", "briefed"]
                            .iter()
                            .any(|v| has_word(text, w2.clone(), v)))
                {
                    return false;
                }
                // "the party's leadership would meet": one side's own meeting.
                !(matches!(&text[h.start..h.end], "meet" | "met" | "meets")
                    && [
                        "leadership",
                        "cabinet",
                        "committee",
                        "council",
                        "party",
                        "board",
                        "parliament",
                        "leaders",
                    ]
                    .iter()
                    .any(|w| has_word(text, words_before(text, sent.start, h.start, 4), w)))
            })
            .map(|h| h.start..h.end)
            .or_else(|| {
                // A sentence on the state of the talks (the agenda was limited to one file, a
                // gap remains wide) is about the talks even without naming them.
                let m = RE_SCOPE
                    .find(sf.text())
                    .or_else(|| RE_GAP.find(sf.text()))?;
                Some(sent.start + m.start()..sent.start + m.end())
            })
            .or_else(|| {
                // "the mediator shuttled between their rooms": how the talks were held.
                first_hit(&INDIRECT, text, sent.clone())
                    .or_else(|| first_hit(&DIRECT, text, sent.clone()))
            })
            .or_else(|| {
                // "the deal was reached at the Berlaymont": where the talks were held.
                let m = RE_REACHED_AT.find(sf.text())?;
                building_of(sf.text())?;
                Some(sent.start + m.start()..sent.start + m.end())
            })
            .or_else(|| {
                // "brought the two rivals together twice".
                let m = RE_TIMES.find(sf.text())?;
                sf.has("together")
                    .then(|| sent.start + m.start()..sent.start + m.end())
            });
        // Events besides talks, visits and measures (signings, rulings, casualties…), each a
        // mention of its own.
        let event_reads = {
            let dates: Vec<(Range<usize>, String, bool)> = view
                .times_in(sent.clone())
                .filter(|t| view.quote_at(t.range.start).is_none_or(|q| !q.direct))
                .filter_map(|t| {
                    let v = match t.kind.as_str() {
                        // "on Monday night" (`2026-09-07TNI`): the day.
                        "DATE" if t.value.get(10..11) == Some("T") => t.value[..10].to_owned(),
                        "DATE" => t.value.clone(),
                        "TIME" => t.value.get(..10).filter(|d| is_day(d))?.to_owned(),
                        _ => return None,
                    };
                    if !is_day(&v) && date_span(&v).is_none() {
                        return None;
                    }
                    let near = words_before(text, sent.start, t.range.start, 2);
                    let excluded: &[&str] = if is_day(&v) {
                        &["since", "after", "before", "until", "by"]
                    } else {
                        &["since", "after", "until"]
                    };
                    // A day read as the date of a report ("said on Monday") is not the event's.
                    let report = all_days.iter().any(|(r, _)| *r == t.range)
                        && !day_times.iter().any(|(r, _)| *r == t.range);
                    if report || excluded.iter().any(|x| has_word(text, near.clone(), x)) {
                        return None;
                    }
                    let weekday = CALENDAR[12..].iter().any(|w| {
                        view.original(t.range.clone())
                            .trim()
                            .trim_start_matches("on ")
                            .eq_ignore_ascii_case(w)
                    });
                    Some((t.range.clone(), v, weekday))
                })
                .collect();
            let place_in = PLACE_SET
                .find(text, sent.clone())
                .into_iter()
                .find(|h| {
                    let w = words_before(text, sent.start, h.start, 1);
                    let w = if has_word(text, w.clone(), "the") {
                        words_before(text, sent.start, w.start, 1)
                    } else {
                        w
                    };
                    ["in", "at"].iter().any(|p| has_word(text, w.clone(), p))
                })
                .map(|h| *h.item);
            let ctx = Ctx {
                view,
                compiled,
                sent: sent.clone(),
                dates,
                place_in,
                dct: view.input.date(),
            };
            let mut reads = read_events(&ctx);
            if measure.is_none() {
                reads.extend(read_measures(&ctx));
            }
            reads
        };
        let hedged_sentence = ["could", "might", "possibly", "unless"]
            .iter()
            .any(|w| sf.has(w));
        let mut event_facts: Vec<(String, String)> = Vec::new();
        for e in event_reads {
            if hedged_sentence || e.facts.is_empty() {
                continue;
            }
            event_facts.extend(e.facts.iter().map(|f| (f.0.clone(), f.1.clone())));
            out.push(Mention {
                anchor: Anchor::Event(e.kind),
                place,
                doc_place,
                date: e.date,
                ref_date: context_date.clone(),
                year: None,
                countries: Vec::new(),
                facts: e.facts,
                story: story.clone(),
                evidence: view.evidence(si),
            });
        }
        let (anchor, trigger) = if let Some((v, person)) = visit {
            (Anchor::Visit { person }, v.start)
        } else if let Some((v, kind)) = measure {
            (Anchor::Measure(kind), v.start)
        } else if let Some(v) = exchange {
            (Anchor::Measure("exchange"), v.start)
        } else if let Some(t) = talks.clone() {
            // "another round", "a second meeting": the talks the sentence is about are not
            // the document's own ("the meeting, described as the third round" is).
            // "will meet again in April": a meeting after this one.
            let other = {
                let before = words_before(text, sent.start, t.start, 2);
                OTHER.iter().any(|w| has_word(text, before.clone(), w))
                    || TALKS
                        .find(text, sent.clone())
                        .iter()
                        .any(|h| text[h.end..sent.end].trim_start().starts_with("again "))
            };
            (Anchor::Talks { other }, t.start)
        } else if let Some(w) = war {
            (Anchor::War, w)
        } else {
            continue;
        };
        // Another meeting than the document's own is a claim only with a place or a date
        // of its own ("a third meeting is scheduled for Wednesday").
        let other_date = dates_coarse
            .iter()
            .filter(|(r, _)| r.start >= trigger.saturating_sub(200))
            .min_by_key(|(r, _)| r.start.abs_diff(trigger))
            .map(|(_, v)| v.clone());
        if matches!(anchor, Anchor::Talks { other: true })
            && place.is_none()
            && other_date.is_none()
        {
            continue;
        }
        if matches!(anchor, Anchor::Talks { .. }) && place.is_some() {
            last_talks_place = place;
        }
        // A working group's meetings are not the talks themselves.
        let anchor = if matches!(anchor, Anchor::Talks { .. })
            && ["working group", "technical teams", "expert-level"]
                .iter()
                .any(|w| {
                    let before = crate::text::char_range(
                        text,
                        trigger.saturating_sub(40).max(sent.start)..trigger,
                    );
                    has_word(text, before, w)
                }) {
            Anchor::Event("working-group".to_owned())
        } else {
            anchor
        };
        // Hedged statements ("could", "if", "not ruled out") up to shortly after the anchor
        // are not claims; the month in a time expression ("May 19") is no modal.
        let hedge = sent.start..(trigger + 60).min(sent.end);
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut from = hedge.start;
        for t in view.times_in(hedge.clone()) {
            pieces.push(from..t.range.start.max(from));
            from = from.max(t.range.end);
        }
        pieces.push(from..hedge.end.max(from));
        if HYPOTHETICAL
            .iter()
            .any(|w| pieces.iter().any(|p| has_word(text, p.clone(), w)))
        {
            continue;
        }
        let date = day_times
            .iter()
            .min_by_key(|(r, _)| r.start.abs_diff(trigger))
            .map(|(_, d)| d.clone())
            .or_else(|| {
                matches!(anchor, Anchor::Talks { other: true })
                    .then(|| other_date.clone())
                    .flatten()
            });
        let mut facts: Vec<(String, String, Option<String>)> = Vec::new();
        let mut push = |a: &str, v: String, q: Option<String>| facts.push((a.to_owned(), v, q));
        let war_near = |pos: usize| {
            war.is_some_and(|w| {
                w.abs_diff(pos) < trigger.abs_diff(pos) || matches!(anchor, Anchor::War)
            })
        };
        // Durations (not offsets such as "four days after"); `talk_days` when the talks are
        // said to have lasted days ("two days of talks").
        let mut talk_days = false;
        // A vague length ("weeks", "hours": `PXW`, `PTXH`) is not a checkable figure.
        for t in view
            .times_in(sent.clone())
            .filter(|t| t.kind == "DURATION" && !t.value.contains('X'))
        {
            let after =
                &text[crate::text::char_range(text, t.range.end..(t.range.end + 8).min(sent.end))];
            if ["after", "before", "ago", "later", "earlier"]
                .iter()
                .any(|w| after.trim_start().starts_with(w))
            {
                continue;
            }
            // "a dozen times a day": how often, not how long.
            let prev = words_before(text, sent.start, t.range.start, 1);
            if ["times", "once", "twice", "per"]
                .iter()
                .any(|w| has_word(text, prev.clone(), w))
            {
                continue;
            }
            // "a 45-day pause", "a ceasefire of 30 days": the length of a pause in the
            // fighting, not of the meeting.
            let next_word =
                crate::text::char_range(text, t.range.end..(t.range.end + 16).min(sent.end));
            let next_word = text[next_word]
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .find(|w| !w.is_empty())
                .unwrap_or("");
            let of_noun = has_word(text, prev.clone(), "of")
                .then(|| words_before(text, sent.start, prev.start, 1));
            let truce = TRUCE_NOUNS.contains(&next_word)
                || of_noun
                    .clone()
                    .is_some_and(|r| TRUCE_NOUNS.iter().any(|n| has_word(text, r.clone(), n)));
            if truce {
                push("pause_length", t.value.clone(), None);
                continue;
            }
            // "the result of two days of EU-hosted talks": a length that names the talks
            // after it is theirs, whatever noun stands before it.
            if let Some(noun) = of_noun
                && TALKS.find(text, noun).is_empty()
                && !of_talks(text, t.range.end, sent.end)
            {
                continue;
            }
            let q = words_before(text, sent.start, t.range.start, 2);
            let qual = [
                "about",
                "more than",
                "less than",
                "nearly",
                "almost",
                "around",
                "some",
            ]
            .iter()
            .find(|w| text[q.clone()].contains(*w))
            .map(|w| (*w).to_owned());
            if war_near(t.range.start) && !matches!(anchor, Anchor::War) {
                continue;
            }
            talk_days |= t.value.starts_with('P') && !t.value.starts_with("PT") && t.value != "P1D";
            push("duration", t.value.clone(), qual);
        }
        match &anchor {
            Anchor::Event(kind) if kind == "working-group" => {
                if let Some(f) = format_of(text, sent.clone()) {
                    push("format", f.to_owned(), None);
                }
            }
            Anchor::Talks { other } => {
                if let Some(f) = format_of(text, sent.clone()) {
                    push("format", f.to_owned(), None);
                }
                // "wrapped up two days of talks on Wednesday", "agreed on Sunday, the result of
                // two days of talks": a day given to talks that lasted days is the day they
                // ended, unless a verb of opening dates it ("opened on Monday for two days").
                let starting = [
                    "opened",
                    "opens",
                    "open",
                    "began",
                    "begin",
                    "begins",
                    "started",
                    "start",
                    "starts",
                    "kicked off",
                    "kick off",
                    "opening",
                    "starting",
                ]
                .iter()
                .any(|w| sf.has(w));
                // "on Saturday and again on Sunday morning": one round over both days, no one
                // date (a day with a part of day counts as the day).
                let days: Vec<Range<usize>> = view
                    .times_in(sent.clone())
                    .filter(|t| {
                        matches!(t.kind.as_str(), "DATE" | "TIME")
                            && t.value.get(..10).is_some_and(is_day)
                    })
                    .map(|t| t.range.clone())
                    .collect();
                let over_days = days.windows(2).any(|w| {
                    let (a, b) = (&w[0], &w[1]);
                    a.end < b.start
                        && b.start - a.end <= 24
                        && has_word(text, a.end..b.start, "again")
                });
                // "the round, which broke up on Monday night": the day it ended.
                let ending = RE_ENDED.is_match(sf.text());
                if let Some(d) = date.as_ref().filter(|_| !over_days) {
                    let attr = if (talk_days || ending) && !starting {
                        "end_date"
                    } else {
                        "date"
                    };
                    push(attr, d.clone(), None);
                }
                let lodging = ["lodged", "stayed", "staying", "housed"]
                    .iter()
                    .any(|w| sf.has(w));
                if let Some(b) = building_of(sf.text()).filter(|_| !lodging) {
                    // The city is the one the subject is named after, known once the
                    // talks are grouped (`resolve`).
                    if PLACE_SET.find(&b, 0..b.len()).is_empty() {
                        push(BUILDING, b, None);
                    }
                } else if let Some(p) = place
                    && let Some(city) = PLACES[p].city
                {
                    push("venue", city.to_lowercase(), None);
                }
                if person_mentions.len() >= 2 {
                    let mut names: Vec<String> = Vec::new();
                    for m in &person_mentions {
                        let s = surname(m.entity.as_deref().unwrap_or(""));
                        if !names.contains(&s) {
                            names.push(s);
                        }
                    }
                    if names.len() >= 2 {
                        push("attendees", names.join(", "), None);
                    }
                }
                // "the fourth round"; not "the first round since 2019" (a first in a while).
                if let Some(c) = RE_ORDINAL.captures(sf.text())
                    && place.or(last_talks_place).or(doc_place).is_some()
                    && matches!(&c[2], "round" | "session")
                    && !(&c[1] == "first"
                        && sf.text()[c.get(0).map_or(0, |m| m.end())..].contains("since"))
                    // "the fourth round" names this meeting; "a second round" one to come.
                    && c.get(0).is_some_and(|m| {
                        let at = sent.start + m.start();
                        ["the", "their", "its", "this"]
                            .iter()
                            .any(|d| has_word(text, words_before(text, sent.start, at, 1), d))
                    })
                    && let Some(n) = ordinal(&c[1])
                {
                    push("round_number", n.to_string(), None);
                }
                if let Some(c) = RE_TIMES.captures(sf.text()) {
                    let n = match &c[1] {
                        "twice" => Some(2.0),
                        t => number(t.trim_end_matches(" times")),
                    };
                    if let Some(n) = n {
                        push("meeting_count", format!("{}", n as u64), None);
                    }
                }
                if let Some(c) = RE_STATUS.captures(sf.text()) {
                    let v = match c.get(2) {
                        Some(q) => format!("{} {}", &c[1], q.as_str()),
                        None => c[1].to_owned(),
                    };
                    push("status", v, None);
                }
                if !other {
                    if let Some(c) = RE_SCOPE.captures(sf.text()) {
                        let head = sf.text()[..c.get(0).map_or(0, |m| m.start())].to_owned();
                        let demand = ["insist", "demand", "want", "must", "should", "push", "urge"]
                            .iter()
                            .any(|w| head.contains(w));
                        if !demand {
                            push("scope", format!("{}-only", &c[1]), None);
                        }
                    }
                    if let Some(c) = RE_GAP.captures(sf.text()) {
                        let adj = c[1].to_owned();
                        if matches!(
                            adj.as_str(),
                            "unbridgeable" | "unresolved" | "insurmountable" | "wide" | "deep"
                        ) && let Some(issue) = recent_issue(view, compiled, si)
                        {
                            push(&issue, "unresolved".to_owned(), None);
                        }
                        push("gap", adj, None);
                    }
                }
            }
            Anchor::Visit { .. } => {
                // "is due in Baku next week": a visit dated by a week or a month when the
                // sentence gives no day.
                let coarse = dates_coarse
                    .iter()
                    .filter(|(_, v)| !is_day(v))
                    .min_by_key(|(r, _)| r.start.abs_diff(trigger))
                    .map(|(_, v)| v.clone());
                if let Some(d) = date.clone().or(coarse) {
                    push("date", d, None);
                }
                if let Some(c) = RE_ORDINAL.captures(sf.text())
                    && matches!(&c[2], "visit" | "trip")
                    && let Some(n) = ordinal(&c[1])
                {
                    push("visit_count", n.to_string(), None);
                }
            }
            Anchor::Measure(_) => {
                let hits = ISSUER_SET.find(text, sent.clone());
                if let Some(h) = hits.iter().min_by_key(|h| h.start.abs_diff(trigger)) {
                    push("issuer", (*h.item).to_owned(), None);
                }
                let mut counted: Vec<&str> = Vec::new();
                for c in RE_COUNT.captures_iter(sf.text()) {
                    let Some(n) = number(&c[1]) else { continue };
                    let noun = &c[2];
                    if let Some((_, attr)) = COUNTED.iter().find(|(ns, _)| ns.contains(&noun))
                        && !counted.contains(attr)
                    {
                        counted.push(attr);
                        // In an exchange or a release, the people counted are the ones set
                        // free ("would hand over 14 hostages", "600 prisoners freed").
                        let attr = match (&anchor, *attr) {
                            (Anchor::Measure("exchange"), "hostage_count") => "hostages_released",
                            (Anchor::Measure("exchange"), "prisoner_count") => "prisoners_released",
                            (_, a) => a,
                        };
                        push(attr, format!("{}", n as u64), None);
                    }
                }
                for c in RE_RATE.captures_iter(sf.text()) {
                    push(
                        "rate",
                        format!("{}%", &c[2]),
                        c.get(1).map(|q| q.as_str().to_owned()),
                    );
                }
                for c in RE_AMOUNT.captures_iter(sf.text()) {
                    let Some(n) = number(&c[2]) else { continue };
                    let mult = match c.get(3).map(|m| m.as_str()) {
                        Some("billion" | "bn") => 1e9,
                        Some("million") => 1e6,
                        Some("trillion") => 1e12,
                        _ => 1.0,
                    };
                    push(
                        "amount",
                        format!("USD {}", (n * mult).round() as u64),
                        c.get(1).map(|q| q.as_str().to_owned()),
                    );
                }
            }
            Anchor::War | Anchor::Event(_) => {}
        }
        if war.is_some()
            && let Some(c) = RE_OUTCOME.captures(sf.text())
            && war_near(sent.start + c.get(0).map_or(0, |m| m.start()))
        {
            push("outcome", c[1].to_owned(), None);
        }
        // Facts that belong to the war, not the anchor.
        let war_facts: Vec<(String, String, Option<String>)>;
        let war_year = view
            .times_in(sent.clone())
            .filter(|t| t.kind == "DATE")
            .find_map(|t| {
                t.value
                    .get(..4)
                    .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_owned)
            });
        let countries: BTreeSet<String> = view
            .mentions_in(sent.clone())
            .map(|m| m.country.clone())
            .collect();
        if war.is_some() && !matches!(anchor, Anchor::War) {
            (war_facts, facts) = facts.into_iter().partition(|(a, _, _)| a == "outcome");
            if !war_facts.is_empty() {
                out.push(Mention {
                    anchor: Anchor::War,
                    place: None,
                    doc_place,
                    date: None,
                    ref_date: None,
                    year: war_year.clone(),
                    countries: countries.iter().cloned().collect(),
                    facts: war_facts,
                    story: story.clone(),
                    evidence: view.evidence(si),
                });
            }
        }
        // A fact an event of the sentence already holds is the event's ("signed … on
        // Saturday after nine days of talks": the date is the signing's).
        facts.retain(|(a, v, _)| !event_facts.iter().any(|(ea, ev)| ea == a && ev == v));
        if facts.is_empty() && !matches!(anchor, Anchor::Talks { .. } | Anchor::Visit { .. }) {
            continue;
        }
        let place = if matches!(anchor, Anchor::Talks { .. }) {
            place.or(last_talks_place)
        } else {
            place
        };
        // The terms of an exchange still being negotiated ("would hand over 14 hostages")
        // are the deal's, not an event of the day the story last named: undated.
        let context_date = if matches!(anchor, Anchor::Measure("exchange"))
            && date.is_none()
            && ["would", "will", "draft", "proposal", "framework", "plan"]
                .iter()
                .any(|w| sf.has(w))
        {
            None
        } else {
            context_date
        };
        out.push(Mention {
            anchor,
            place,
            doc_place,
            date,
            ref_date: context_date,
            year: war_year,
            countries: countries.into_iter().collect(),
            facts,
            story: story.clone(),
            evidence: view.evidence(si),
        });
    }
    out
}

/// True when the words from `at` read "of" and talks, with at most three qualifying words
/// between ("of talks", "of EU-hosted talks", "of intense closed-door negotiations").
fn of_talks(text: &str, at: usize, end: usize) -> bool {
    let rest = &text[crate::text::char_range(text, at..end)];
    let Some(rest) = rest.trim_start().strip_prefix("of ") else {
        return false;
    };
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace())
        .take_while(|w| !w.is_empty())
        .take(4)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        matches!(
            w,
            "talks" | "negotiations" | "meetings" | "discussions" | "consultations"
        ) && words[..i]
            .iter()
            .all(|q| !q.ends_with([',', ';', '.']) && !matches!(*q, "and" | "or" | "after"))
    })
}

/// The issue most talked about in the two sentences before `si` (and in it).
fn recent_issue(view: &View, compiled: &Compiled, si: usize) -> Option<String> {
    let mut counts = vec![0usize; compiled.issues.len()];
    for k in si.saturating_sub(2)..=si {
        for (i, _) in compiled.issue_hits(&view.folded.text, view.sentences[k].clone()) {
            counts[i] += 1;
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (*n > 0).then(|| compiled.issues[best].id.clone())
}

fn parse_day(v: &str) -> Option<jiff::civil::Date> {
    v.parse().ok()
}

/// Date clusters of each event kind: (first, last, the date most stories give). Days at
/// most three apart join one cluster ("signed on Saturday" and "signed on Sunday" are one
/// signing told two ways).
type Clusters = BTreeMap<String, Vec<(jiff::civil::Date, jiff::civil::Date, jiff::civil::Date)>>;

fn event_clusters(mentions: &[Mention]) -> Clusters {
    let mut by: BTreeMap<&str, Vec<(jiff::civil::Date, &DocId)>> = BTreeMap::new();
    for m in mentions {
        if let Anchor::Event(kind) = &m.anchor
            && let Some(d) = m.date.as_deref().and_then(parse_day)
        {
            by.entry(kind.as_str()).or_default().push((d, &m.story));
        }
    }
    let mut out = Clusters::new();
    for (kind, mut ds) in by {
        ds.sort();
        let mut list = Vec::new();
        let mut cur: Vec<(jiff::civil::Date, &DocId)> = Vec::new();
        let flush = |cur: &mut Vec<(jiff::civil::Date, &DocId)>, list: &mut Vec<_>| {
            if cur.is_empty() {
                return;
            }
            let mut support: BTreeMap<jiff::civil::Date, BTreeSet<&DocId>> = BTreeMap::new();
            for (d, s) in cur.iter() {
                support.entry(*d).or_default().insert(*s);
            }
            let name = support
                .iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
                .map(|(d, _)| *d)
                .unwrap_or(cur[0].0);
            list.push((cur[0].0, cur[cur.len() - 1].0, name));
            cur.clear();
        };
        for (d, s) in ds {
            if let Some((last, _)) = cur.last()
                && (d - *last).get_days() > 3
            {
                flush(&mut cur, &mut list);
            }
            cur.push((d, s));
        }
        flush(&mut cur, &mut list);
        out.insert(kind.to_owned(), list);
    }
    out
}

/// The subject of an event mention: its kind and the date of its cluster; a mention without
/// a day of its own joins the cluster nearest its context date (within two weeks), else the
/// only cluster of its kind.
fn event_subject(kind: &str, m: &Mention, clusters: &Clusters) -> String {
    let cs = clusters.get(kind).map(Vec::as_slice).unwrap_or(&[]);
    let own = m.date.as_deref().and_then(parse_day);
    let distance =
        |d: jiff::civil::Date,
         (a, b, _): &(jiff::civil::Date, jiff::civil::Date, jiff::civil::Date)| {
            if d >= *a && d <= *b {
                0
            } else {
                (d - *a).get_days().abs().min((d - *b).get_days().abs())
            }
        };
    let pick = match own {
        Some(d) => cs.iter().min_by_key(|c| distance(d, c)),
        None => m
            .ref_date
            .as_deref()
            .and_then(parse_day)
            .and_then(|d| {
                cs.iter()
                    .filter(|c| distance(d, c) <= 14)
                    .min_by_key(|c| distance(d, c))
            })
            .or_else(|| (cs.len() == 1).then(|| &cs[0])),
    };
    match pick {
        Some((_, _, name)) => format!("{kind}-{name}"),
        None => kind.to_owned(),
    }
}

/// Names the subjects of all mentions across the corpus and returns the claims.
pub fn resolve(mentions: &[Mention]) -> Vec<Claim> {
    // Talks: group by city (a country-only place joins its city's group).
    let city_of = |m: &Mention| -> Option<usize> {
        let p = m.place.or(m.doc_place)?;
        if PLACES[p].city.is_some() {
            return Some(p);
        }
        let country = PLACES[p].country;
        m.doc_place
            .filter(|d| PLACES[*d].country == country && PLACES[*d].city.is_some())
            .or(Some(p))
    };
    let mut groups: BTreeMap<usize, Vec<(jiff::civil::Date, &DocId)>> = BTreeMap::new();
    for m in mentions {
        if let (Anchor::Talks { .. }, Some(g)) = (&m.anchor, city_of(m))
            && let Some(d) = m.date.as_deref().and_then(parse_day)
        {
            groups.entry(g).or_default().push((d, &m.story));
        }
    }
    // Clusters per group: (first, last, name date).
    let mut clusters: BTreeMap<
        usize,
        Vec<(jiff::civil::Date, jiff::civil::Date, jiff::civil::Date)>,
    > = BTreeMap::new();
    for (g, mut ds) in groups {
        ds.sort();
        let mut cur: Vec<(jiff::civil::Date, &DocId)> = Vec::new();
        let mut list = Vec::new();
        let flush = |cur: &mut Vec<(jiff::civil::Date, &DocId)>, list: &mut Vec<_>| {
            if cur.is_empty() {
                return;
            }
            let mut support: BTreeMap<jiff::civil::Date, BTreeSet<&DocId>> = BTreeMap::new();
            for (d, s) in cur.iter() {
                support.entry(*d).or_default().insert(*s);
            }
            let name = support
                .iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.0.cmp(b.0)))
                .map(|(d, _)| *d)
                .unwrap_or(cur[0].0);
            list.push((cur[0].0, cur[cur.len() - 1].0, name));
            cur.clear();
        };
        for (d, s) in ds {
            if let Some((last, _)) = cur.last()
                && (d - *last).get_days() > 2
            {
                flush(&mut cur, &mut list);
            }
            cur.push((d, s));
        }
        flush(&mut cur, &mut list);
        clusters.insert(g, list);
    }
    let events = event_clusters(mentions);
    let mut out = Vec::new();
    for m in mentions {
        // The city of the talks, which a building they were held in is placed in.
        let mut talks_city: Option<&str> = None;
        let subject = match &m.anchor {
            Anchor::Event(kind) => event_subject(kind, m, &events),
            Anchor::Talks { .. } => {
                let Some(g) = city_of(m) else { continue };
                talks_city = PLACES[g].city;
                let name = PLACES[g]
                    .city
                    .unwrap_or(PLACES[g].country)
                    .to_lowercase()
                    .replace(' ', "-");
                let pick = m
                    .date
                    .as_deref()
                    .or(m.ref_date.as_deref())
                    .and_then(parse_day);
                let cl = clusters.get(&g).and_then(|cs| {
                    let d = pick?;
                    cs.iter().min_by_key(|(a, b, _)| {
                        if d >= *a && d <= *b {
                            0
                        } else {
                            (d - *a).get_days().abs().min((d - *b).get_days().abs())
                        }
                    })
                });
                let cl = cl.or_else(|| {
                    clusters
                        .get(&g)
                        .filter(|cs| cs.len() == 1)
                        .and_then(|cs| cs.first())
                });
                match (cl, m.date.as_deref()) {
                    // A meeting planned for a month or a week is not one of the dated rounds.
                    (_, Some(d)) if !is_day(d) => format!("talks-{name}-{}", d.to_lowercase()),
                    (Some((_, _, name_date)), _) => format!("talks-{name}-{name_date}"),
                    (None, _) => format!("talks-{name}"),
                }
            }
            Anchor::Visit { person } => {
                let p = m.place.or(m.doc_place);
                match p {
                    Some(p) => format!("{person}-visit-{}", PLACES[p].country),
                    None => format!("{person}-visit"),
                }
            }
            Anchor::Measure(kind) => match m.date.as_deref().or(m.ref_date.as_deref()) {
                Some(d) => format!("{kind}-{d}"),
                None => (*kind).to_owned(),
            },
            Anchor::War => {
                let who = m
                    .countries
                    .iter()
                    .map(|c| c.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("-");
                match &m.year {
                    Some(y) if !who.is_empty() => format!("war-{who}-{y}"),
                    Some(y) => format!("war-{y}"),
                    None => continue,
                }
            }
        };
        for (attribute, value, qualifier) in &m.facts {
            let (attribute, value) = match (attribute.as_str(), talks_city) {
                (BUILDING, Some(city)) => ("venue", format!("{value}, {}", city.to_lowercase())),
                (BUILDING, None) => ("venue", value.clone()),
                (a, _) => (a, value.clone()),
            };
            out.push(Claim {
                subject: subject.clone(),
                attribute: attribute.to_owned(),
                value: normalize_value(attribute, &value),
                qualifier: qualifier.clone(),
                story: m.story.clone(),
                evidence: vec![m.evidence.clone()],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, String)> {
        lengths(s).into_iter().map(|(k, v, _)| (k, v)).collect()
    }

    #[test]
    fn lengths_name_the_line_they_measure() {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            kinds("the sides fixed a 30-kilometre section of the frontier."),
            [pair("border-section", "30")]
        );
        assert_eq!(
            kinds("villagers oppose the 30-km border stretch."),
            [pair("border-section", "30")]
        );
        assert_eq!(
            kinds("a border of roughly 2,400 kilometres runs through the hills."),
            [pair("border", "2400")]
        );
        assert_eq!(
            kinds("they will pave 12 kilometres of road next year."),
            [pair("road", "12")]
        );
        assert_eq!(kinds("the pipeline, 800 km long, was finished."), []);
    }

    #[test]
    fn a_distance_is_not_a_length() {
        assert!(kinds("the village lies 5 km from the border.").is_empty());
        assert!(kinds("troops pulled back 10 kilometres north of the line.").is_empty());
    }

    #[test]
    fn a_gloss_in_brackets_names_the_same_venue() {
        assert_eq!(
            normalize_value("venue", "Marlowe (Foreign Ministry), Geneva"),
            normalize_value("venue", "the Marlowe, Geneva")
        );
    }

    #[test]
    fn hours_of_talking_fit_in_days_of_talks() {
        assert!(compatible("duration", "PT6H", "P2D"));
        assert!(compatible("duration", "P2D", "PT6H"));
        assert!(!compatible("duration", "PT30H", "P1D"));
        assert!(!compatible("duration", "P2D", "P3D"));
    }

    #[test]
    fn a_length_followed_by_talks_is_theirs() {
        let t = "the fruit of two days of closed-door talks.";
        let at = t.find(" of closed").expect("present");
        assert!(of_talks(t, at, t.len()));
        let t = "after two days of rain and talks.";
        let at = t.find(" of rain").expect("present");
        assert!(!of_talks(t, at, t.len()));
    }

    #[test]
    fn a_building_in_apposition_is_a_building_and_a_city_is_not() {
        assert_eq!(
            building_of(
                "the deal was reached at the marlowe, the foreign ministry's headquarters."
            ),
            Some("marlowe".to_owned())
        );
        assert_eq!(
            building_of("they met at the lakeview building, the seat of the council."),
            Some("lakeview building".to_owned())
        );
        assert_eq!(
            building_of("they met in geneva, the seat of many agencies."),
            None
        );
    }

    #[test]
    fn a_pause_length_is_written_as_a_duration() {
        assert_eq!(normalize_value("pause_length", "45 days"), "P45D");
        assert_eq!(normalize_value("pause_length", "P42D"), "P42D");
        assert_eq!(normalize_value("term", "49 years"), "P49Y");
    }
}
