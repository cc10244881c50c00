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
use crate::vocab::{COUNTED, ISSUERS, PLACES, number, ordinal};

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
    "next", "another", "second", "third", "fourth", "new", "further", "future", "later",
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
    let w = if ["the", "a"].iter().any(|d| has_word(text, w.clone(), d)) {
        words_before(text, 0, w.start, 1)
    } else {
        w
    };
    if ["in", "at", "to", "into", "inside", "near", "for"]
        .iter()
        .any(|p| has_word(text, w.clone(), p))
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
    Regex::new(r"\b(?:at|in|of|inside) (?:the |a |an )?((?:[a-z'\-]+ ){0,3}(?:palace|hotel|guest ?house|residence|embassy|conference cent(?:re|er)|villa|resort|castle|palais))\b")
        .expect("building pattern compiles")
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
            _ => v,
        },
        "duration" => {
            static RE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r"^(?:about |more than |nearly )?([a-z0-9]+)[ -](hour|day|week|month)s?$",
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
                    _ => format!("P{n}M"),
                };
            }
            v.to_uppercase()
        }
        "rate" => {
            if let Some(c) = RE_RATE.captures(&v) {
                return format!("{}%", &c[2]);
            }
            v
        }
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

/// True when two normalised values of an attribute can both be true.
pub fn compatible(attribute: &str, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match attribute {
        "format" => a == "mediated" || b == "mediated",
        "attendees" | "status" => true,
        "venue" => {
            let city = |v: &str| v.rsplit(", ").next().unwrap_or(v).to_owned();
            let has_building = |v: &str| v.contains(", ");
            city(a) == city(b) && (!has_building(a) || !has_building(b))
        }
        _ if is_day(a) && is_day(b) => {
            a[5..] == b[5..] && (a.starts_with("XXXX") || b.starts_with("XXXX"))
        }
        _ => false,
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

/// Reads the claim mentions of one document.
pub fn read_mentions(view: &View, compiled: &Compiled) -> Vec<Mention> {
    let text = &view.folded.text;
    let story = view.input.story().clone();
    // The document's main place: the city named most often (first on ties).
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for h in PLACE_SET.find(text, 0..text.len()) {
        if PLACES[*h.item].city.is_some() && locative(text, h.start) {
            let e = counts.entry(*h.item).or_insert((0, h.start));
            e.0 += 1;
        }
    }
    let doc_place = counts
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(k, _)| *k);
    let mut last_date: Option<String> = None;
    let mut out = Vec::new();
    for (si, sent) in view.sentences.iter().enumerate() {
        let sf = SentenceFacts {
            view,
            range: sent.clone(),
        };
        // Specific days outside quotations; the last one sets the context for later sentences.
        let all_days: Vec<(Range<usize>, String)> = view
            .times_in(sent.clone())
            .filter(|t| {
                // Dates in reported speech are facts reported; in quotation marks, words.
                t.kind == "DATE"
                    && is_day(&t.value)
                    && view.quote_at(t.range.start).is_none_or(|q| !q.direct)
            })
            .map(|t| (t.range.clone(), t.value.clone()))
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
            .filter(|m| m.entity.is_some())
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
            let tariff_at = sf
                .text()
                .find("tariff")
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
        let talks = first_hit(&TALKS, text, sent.clone()).or_else(|| {
            // A sentence on the state of the talks (the agenda was limited to one file, a gap
            // remains wide) is about the talks even without naming them.
            let m = RE_SCOPE
                .find(sf.text())
                .or_else(|| RE_GAP.find(sf.text()))?;
            Some(sent.start + m.start()..sent.start + m.end())
        });
        let (anchor, trigger) = if let Some((v, person)) = visit {
            (Anchor::Visit { person }, v.start)
        } else if let Some((v, kind)) = measure {
            (Anchor::Measure(kind), v.start)
        } else if let Some(v) = exchange {
            (Anchor::Measure("exchange"), v.start)
        } else if let Some(t) = talks.clone() {
            let other = TALKS.find(text, sent.clone()).iter().any(|h| {
                let before = words_before(text, sent.start, h.start, 2);
                OTHER.iter().any(|w| has_word(text, before.clone(), w))
            });
            (Anchor::Talks { other }, t.start)
        } else if let Some(w) = war {
            (Anchor::War, w)
        } else {
            continue;
        };
        if matches!(anchor, Anchor::Talks { other: true }) && place.is_none() {
            continue;
        }
        // Hedged statements ("could", "if", "not ruled out") up to shortly after the anchor
        // are not claims.
        let hedge = sent.start..(trigger + 60).min(sent.end);
        if HYPOTHETICAL
            .iter()
            .any(|w| has_word(text, hedge.clone(), w))
        {
            continue;
        }
        let date = day_times
            .iter()
            .min_by_key(|(r, _)| r.start.abs_diff(trigger))
            .map(|(_, d)| d.clone());
        let mut facts: Vec<(String, String, Option<String>)> = Vec::new();
        let mut push = |a: &str, v: String, q: Option<String>| facts.push((a.to_owned(), v, q));
        let war_near = |pos: usize| {
            war.is_some_and(|w| {
                w.abs_diff(pos) < trigger.abs_diff(pos) || matches!(anchor, Anchor::War)
            })
        };
        // Durations (not offsets such as "four days after").
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
            // "a ceasefire of 30 days" is the ceasefire's length, not the meeting's.
            let prev = words_before(text, sent.start, t.range.start, 1);
            if has_word(text, prev.clone(), "of") {
                let noun = words_before(text, sent.start, prev.start, 1);
                if TALKS.find(text, noun).is_empty() {
                    continue;
                }
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
            push("duration", t.value.clone(), qual);
        }
        match &anchor {
            Anchor::Talks { other } => {
                if let Some(f) = format_of(text, sent.clone()) {
                    push("format", f.to_owned(), None);
                }
                if let Some(d) = &date {
                    push("date", d.clone(), None);
                }
                let city = place.or(doc_place).and_then(|p| PLACES[p].city);
                if let Some(c) = RE_BUILDING.captures(sf.text()) {
                    let b = c[1].trim().to_owned();
                    if PLACE_SET.find(&b, 0..b.len()).is_empty() {
                        let v = match city {
                            Some(city) => format!("{b}, {}", city.to_lowercase()),
                            None => b,
                        };
                        push("venue", v, None);
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
                if let Some(c) = RE_ORDINAL.captures(sf.text())
                    && place.is_some()
                    && matches!(&c[2], "round" | "session")
                    && !sf.text()[c.get(0).map_or(0, |m| m.end())..].contains("since")
                    && let Some(n) = ordinal(&c[1])
                {
                    push("round", n.to_string(), None);
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
                if let Some(d) = &date {
                    push("date", d.clone(), None);
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
            Anchor::War => {}
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
        if facts.is_empty() && !matches!(anchor, Anchor::Talks { .. } | Anchor::Visit { .. }) {
            continue;
        }
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
    let mut out = Vec::new();
    for m in mentions {
        let subject = match &m.anchor {
            Anchor::Talks { .. } => {
                let Some(g) = city_of(m) else { continue };
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
                match cl {
                    Some((_, _, name_date)) => format!("talks-{name}-{name_date}"),
                    None => format!("talks-{name}"),
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
            out.push(Claim {
                subject: subject.clone(),
                attribute: attribute.clone(),
                value: normalize_value(attribute, value),
                qualifier: qualifier.clone(),
                story: m.story.clone(),
                evidence: vec![m.evidence.clone()],
            });
        }
    }
    out
}
