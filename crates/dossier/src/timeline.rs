//! The timeline: coded events merged across documents into the lines of a chronology ("Iran
//! and the United States held indirect talks in Muscat, mediated by Oman"), past and
//! scheduled; and the schedule, the planned items still ahead.
//!
//! Rules, in order:
//! - Only events reported as done or planned; negated and hypothetical ones are left out, and
//!   so is an event whose two sides are one country (a self-dyad says nothing).
//! - An event takes its own date; one without a date takes the date of the claim subject read
//!   in the same sentence (the claims layer names a meeting or a measure after the date most
//!   sources give it); a month-day without a year takes the year that puts it nearest the
//!   latest document.
//! - Events of one type between the same two countries are one item when their days lie at
//!   most two days apart or they share a claim subject; the item's date is the one most
//!   distinct stories give (the claim subject's, when there is one), and the other dates are
//!   kept as dissent with their sources.
//! - A meeting between a party and a mediator of the dossier on the day the parties meet is
//!   the same meeting: it is folded into the parties' item with the mediator named.
//! - Venue and format come from the claims about the same meeting, by majority.

use std::collections::{BTreeMap, BTreeSet};

use model::record::EventRecord;
use model::{DocId, Evidence, Span};
use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::view::{Input, country_of};
use crate::vocab::PLACES;

/// One merged event: a line of the chronology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// TIMEX3 date: the one most sources give.
    pub date: String,
    /// PLOVER type.
    pub plover: String,
    /// Source country (or IGO) code.
    pub source: String,
    /// Target code.
    pub target: Option<String>,
    /// Mediator code.
    pub mediator: Option<String>,
    /// `occurred` when any source reports it done, else `planned`.
    pub status: String,
    /// The line of the chronology: who did what to whom, where, through whom.
    pub what: String,
    /// Place, when an event or a claim about it names one.
    pub location: Option<String>,
    /// Format of a meeting (`indirect`, `direct`), when the claims about it say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Distinct stories reporting it.
    pub sources: usize,
    /// Syndicated copies among them (not counted).
    pub copies: Vec<DocId>,
    /// Other dates sources give for the same event, with their support.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_dates: Vec<OtherDate>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// A date a minority of sources give for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherDate {
    /// TIMEX3 date.
    pub date: String,
    /// Distinct stories giving it.
    pub sources: usize,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// A scheduled event (SPEC §5 `schedule`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleItem {
    /// What is planned.
    pub what: String,
    /// When: a TIMEX3 date, `XXXX-XX-XX` when the sources give none.
    pub date: String,
    /// Who takes part.
    pub actors: Vec<String>,
    /// Distinct stories reporting it.
    #[serde(default)]
    pub sources: usize,
    /// Other dates sources give for it, with their support.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_dates: Vec<OtherDate>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// The TIMEX3 value of a date nobody gave.
pub const UNDATED: &str = "XXXX-XX-XX";

/// What the timeline needs besides the documents: the dossier's parties and mediators, the
/// claims read across the corpus and "today".
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Party codes.
    pub parties: &'a [String],
    /// Mediator codes.
    pub mediators: &'a [String],
    /// Claims of the whole corpus.
    pub claims: &'a [Claim],
    /// The latest document date.
    pub today: Option<jiff::civil::Date>,
}

/// Merges the events of all inputs without dossier or claims (see [`timeline_in`]).
pub fn timeline(inputs: &[Input]) -> Vec<TimelineItem> {
    let today = inputs.iter().filter_map(|i| i.date()).max();
    timeline_in(
        inputs,
        Context {
            today,
            ..Context::default()
        },
    )
    .0
}

/// One event read, before merging.
struct Read {
    date: Option<String>,
    plover: String,
    source: String,
    target: Option<String>,
    mediator: Option<String>,
    occurred: bool,
    visit: bool,
    location: Option<String>,
    subject: Option<String>,
    visitor: Option<String>,
    doc_date: Option<jiff::civil::Date>,
    story: DocId,
    copy: Option<DocId>,
    evidence: Evidence,
    /// For measures (SANCTION, COERCE): what the sentence says was imposed.
    instrument: Option<&'static str>,
}

/// The instrument a sentence names for a measure: "tariffs", "an embargo", "sanctions"…,
/// in the order they are looked for (a tariff order is not a sanctions designation).
fn instrument(sentence: &str) -> Option<&'static str> {
    const INSTRUMENTS: [(&str, &str); 7] = [
        ("tariff", "tariffs"),
        ("embargo", "an embargo"),
        ("export control", "export controls"),
        ("visa ban", "visa bans"),
        ("travel ban", "travel bans"),
        ("asset freeze", "asset freezes"),
        ("sanction", "sanctions"),
    ];
    let lower = sentence.to_lowercase();
    INSTRUMENTS
        .iter()
        .find(|(stem, _)| lower.contains(stem))
        .map(|(_, name)| *name)
}

/// Types where "A with B" and "B with A" say the same.
fn symmetric(plover: &str) -> bool {
    matches!(plover, "CONSULT" | "COOPERATE" | "AGREE")
}

fn day(v: &str) -> Option<jiff::civil::Date> {
    v.get(..10).filter(|_| v.len() == 10)?.parse().ok()
}

/// The date a claim subject is named after (`talks-muscat-2026-02-06`).
fn subject_date(subject: &str) -> Option<String> {
    let tail = subject.get(subject.len().checked_sub(10)?..)?;
    day(tail).map(|d| d.to_string())
}

/// The city a talks subject is named after (`talks-muscat-2026-02-06` → `muscat`).
fn subject_city(subject: &str) -> Option<String> {
    let rest = subject.strip_prefix("talks-")?;
    let city = match subject_date(subject) {
        Some(_) => rest.get(..rest.len().checked_sub(11)?)?,
        None => rest,
    };
    (!city.is_empty() && !city.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| city.replace('-', " "))
}

/// "abu dhabi" → "Abu Dhabi"; a name with capitals is left as written.
fn title_case(s: &str) -> String {
    if s.chars().any(char::is_uppercase) {
        return s.to_owned();
    }
    s.split(' ').map(capitalised).collect::<Vec<_>>().join(" ")
}

/// A month-day without a year (`XXXX-02-11`) in the year that puts it nearest `today`.
fn with_year(date: &str, today: Option<jiff::civil::Date>) -> String {
    let (Some(rest), Some(today)) = (date.strip_prefix("XXXX-"), today) else {
        return date.to_owned();
    };
    let near = [today.year() - 1, today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|y| format!("{y:04}-{rest}").parse::<jiff::civil::Date>().ok())
        .min_by_key(|d| (*d - today).get_days().abs());
    near.map_or_else(|| date.to_owned(), |d| d.to_string())
}

/// The claim subjects read in a sentence, keyed by (document, sentence start).
fn claim_subjects(claims: &[Claim]) -> BTreeMap<(&DocId, u32), Vec<&str>> {
    let mut out: BTreeMap<(&DocId, u32), Vec<&str>> = BTreeMap::new();
    for c in claims {
        for e in &c.evidence {
            let list = out.entry((&e.doc, e.span.start())).or_default();
            if !list.contains(&c.subject.as_str()) {
                list.push(&c.subject);
            }
        }
    }
    out
}

/// The subject an event is about: for meetings, a talks or visit subject; for measures, a
/// sanctions or tariff subject; else none.
fn subject_for<'c>(plover: &str, visit: bool, subjects: &[&'c str]) -> Option<&'c str> {
    let wanted = |s: &str| match plover {
        "CONSULT" if visit => s.contains("-visit"),
        "CONSULT" => s.starts_with("talks-"),
        "SANCTION" | "COERCE" => s.starts_with("sanctions") || s.starts_with("tariff"),
        _ => false,
    };
    subjects.iter().copied().find(|s| wanted(s))
}

fn read_events(inputs: &[Input], ctx: &Context) -> Vec<Read> {
    let subjects = claim_subjects(ctx.claims);
    let mut out = Vec::new();
    for input in inputs {
        let len = input.document.text.len() as u32;
        for e in &input.record.events {
            if !matches!(e.status.as_str(), "occurred" | "planned") || e.end > len {
                continue;
            }
            let Some(source) = country_of(&e.source.code, None) else {
                continue;
            };
            let target = e.target.as_ref().and_then(|t| country_of(&t.code, None));
            if target.as_deref() == Some(source.as_str()) {
                continue;
            }
            let Ok(span) = Span::new(e.start, e.end) else {
                continue;
            };
            let visit = e.mode.as_deref() == Some("visit");
            let here = subjects
                .get(&(&input.document.id, e.start))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            // A subject whose date is far from the event's own is another event of the
            // sentence ("after the talks of 16 May, a round is planned for 2 June").
            let subject = subject_for(&e.plover, visit, here)
                .filter(|s| {
                    let own = e.date.as_deref().and_then(day);
                    let named = subject_date(s).as_deref().and_then(day);
                    match (own, named) {
                        (Some(a), Some(b)) => (a - b).get_days().abs() <= 2,
                        _ => true,
                    }
                })
                .map(str::to_owned);
            out.push(Read {
                date: date_of(e, subject.as_deref(), ctx.today),
                plover: e.plover.clone(),
                source,
                target,
                mediator: e.mediator.as_ref().and_then(|m| country_of(&m.code, None)),
                occurred: e.status == "occurred",
                visit,
                location: e.location.clone(),
                subject,
                visitor: visit
                    .then(|| {
                        let id = e.source.actor.as_deref()?;
                        let actor = input.record.actors.iter().find(|a| a.id == id)?;
                        // A person has a role; a body ("the Security Council") does not visit.
                        actor.role.as_ref().and(actor.entity.clone())
                    })
                    .flatten(),
                doc_date: input.date(),
                story: input.story().clone(),
                copy: input
                    .document
                    .duplicate_of
                    .is_some()
                    .then(|| input.document.id.clone()),
                evidence: Evidence {
                    doc: input.document.id.clone(),
                    span,
                },
                instrument: matches!(e.plover.as_str(), "SANCTION" | "COERCE")
                    .then(|| {
                        input
                            .document
                            .text
                            .get(e.start as usize..e.end as usize)
                            .and_then(instrument)
                    })
                    .flatten(),
            });
        }
    }
    out
}

/// The event's own date; else its claim subject's; a yearless day gets the nearest year.
fn date_of(
    e: &EventRecord,
    subject: Option<&str>,
    today: Option<jiff::civil::Date>,
) -> Option<String> {
    let from_subject = subject.and_then(subject_date);
    match (e.date.as_deref(), from_subject) {
        (Some(d), _) => Some(with_year(d, today)),
        (None, s) => s,
    }
}

/// A group of reads that tell one event.
struct Group {
    key: (String, String, String),
    reads: Vec<Read>,
}

/// The item's key: type and dyad, unordered for symmetric types; a visit keys on its place.
fn key_of(r: &Read) -> (String, String, String) {
    let b = r.target.clone().unwrap_or_default();
    let (a, b) = if symmetric(&r.plover) && !r.visit && !b.is_empty() && b < r.source {
        (b, r.source.clone())
    } else {
        (r.source.clone(), b)
    };
    let kind = if r.visit {
        format!("{}:visit", r.plover)
    } else {
        r.plover.clone()
    };
    (kind, a, b)
}

/// Groups reads by key, then by date: days at most two apart, or one shared subject, are one
/// event; dates coarser than a day group only with the same value. Undated reads group by
/// key alone.
fn group(reads: Vec<Read>) -> Vec<Group> {
    let mut by_key: BTreeMap<(String, String, String), Vec<Read>> = BTreeMap::new();
    for r in reads {
        by_key.entry(key_of(&r)).or_default().push(r);
    }
    let mut out = Vec::new();
    for (key, mut reads) in by_key {
        reads.sort_by(|a, b| a.date.cmp(&b.date));
        let mut groups: Vec<Group> = Vec::new();
        // Per group: its last day, and the subjects and coarse dates it holds.
        let mut last_day: Vec<Option<jiff::civil::Date>> = Vec::new();
        let mut by_subject: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_value: BTreeMap<Option<String>, usize> = BTreeMap::new();
        for r in reads {
            let d = r.date.as_deref().and_then(day);
            let found =
                r.subject
                    .as_ref()
                    .and_then(|s| by_subject.get(s).copied())
                    .or_else(|| match d {
                        // Sorted by date: only the latest day-dated group can be within two days.
                        Some(d) => last_day.iter().rposition(|l| l.is_some()).filter(|&g| {
                            last_day[g].is_some_and(|l| (d - l).get_days().abs() <= 2)
                        }),
                        None => by_value.get(&r.date).copied(),
                    });
            let g = match found {
                Some(g) => g,
                None => {
                    groups.push(Group {
                        key: key.clone(),
                        reads: Vec::new(),
                    });
                    last_day.push(None);
                    groups.len() - 1
                }
            };
            if let Some(d) = d {
                last_day[g] = Some(last_day[g].map_or(d, |l| l.max(d)));
            } else {
                by_value.entry(r.date.clone()).or_insert(g);
            }
            if let Some(s) = &r.subject {
                by_subject.entry(s.clone()).or_insert(g);
            }
            groups[g].reads.push(r);
        }
        out.extend(groups);
    }
    out
}

/// Folds a party–mediator meeting into the parties' meeting on the same days.
fn fold_mediators(groups: &mut Vec<Group>, ctx: &Context) {
    let is_party = |c: &str| ctx.parties.iter().any(|p| p == c);
    let is_mediator = |c: &str| ctx.mediators.iter().any(|m| m == c);
    let mut i = 0;
    while i < groups.len() {
        let (kind, a, b) = &groups[i].key;
        let mediated = kind == "CONSULT"
            && ((is_party(a) && is_mediator(b)) || (is_mediator(a) && is_party(b)));
        // A party's delegation arriving on the day the parties meet is that meeting.
        let arrival = kind == "CONSULT:visit" && is_party(a);
        let days: BTreeSet<jiff::civil::Date> = groups[i]
            .reads
            .iter()
            .filter_map(|r| r.date.as_deref().and_then(day))
            .collect();
        let host = (mediated || arrival).then(|| {
            groups.iter().position(|g| {
                g.key.0 == "CONSULT"
                    && is_party(&g.key.1)
                    && is_party(&g.key.2)
                    && g.reads.iter().any(|r| {
                        r.date
                            .as_deref()
                            .and_then(day)
                            .is_some_and(|d| days.contains(&d))
                    })
            })
        });
        match host.flatten() {
            Some(h) if h != i => {
                let mediator = if is_mediator(a) { a.clone() } else { b.clone() };
                let mut moved = groups.remove(i);
                let h = if h > i { h - 1 } else { h };
                for r in &mut moved.reads {
                    if mediated {
                        r.mediator = Some(mediator.clone());
                    }
                    r.visit = false;
                    r.source = groups[h].key.1.clone();
                    r.target = Some(groups[h].key.2.clone());
                }
                groups[h].reads.extend(moved.reads);
            }
            _ => i += 1,
        }
    }
}

/// The value most distinct stories give among `values` (story, value), ties to the first seen.
fn majority<'v>(values: impl Iterator<Item = (&'v DocId, &'v str)>) -> Option<String> {
    let mut support: Vec<(&str, BTreeSet<&DocId>)> = Vec::new();
    for (story, v) in values {
        match support.iter_mut().find(|(x, _)| *x == v) {
            Some((_, s)) => {
                s.insert(story);
            }
            None => support.push((v, BTreeSet::from([story]))),
        }
    }
    let best = support.iter().map(|(_, s)| s.len()).max()?;
    support
        .into_iter()
        .find(|(_, s)| s.len() == best)
        .map(|(v, _)| v.to_owned())
}

/// A country or organisation as a chronology names it.
pub fn actor_name(code: &str) -> String {
    if let Some(p) = PLACES.iter().find(|p| p.code == code && p.city.is_none()) {
        let name = p.names[0];
        return if name.starts_with("United") || name.starts_with("Netherlands") {
            format!("the {name}")
        } else {
            name.to_owned()
        };
    }
    let known = match code {
        "USA" => "the United States",
        "GBR" => "the United Kingdom",
        "RUS" => "Russia",
        "CHN" => "China",
        "ISR" => "Israel",
        "IRN" => "Iran",
        "UKR" => "Ukraine",
        "EUR" | "IGOEU" => "the European Union",
        "GCC" => "the Gulf states",
        "IGOUNOIAE" => "the IAEA",
        "IGOUNO" | "UNO" => "the United Nations",
        "IGOAFR" | "IGOAU" => "the African Union",
        _ => "",
    };
    if known.is_empty() {
        code.to_owned()
    } else {
        known.to_owned()
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The line of the chronology for one merged event.
fn describe(
    item: &TimelineItem,
    visitor: Option<&str>,
    visit: bool,
    both_ways: bool,
    instruments: &[&str],
) -> String {
    let s = actor_name(&item.source);
    let t = item.target.as_deref().map(actor_name);
    let planned = item.status == "planned";
    let pair = |verb_past: &str, verb_plan: &str| -> String {
        match &t {
            Some(t) => format!(
                "{s} and {t} {}",
                if planned { verb_plan } else { verb_past }
            ),
            None => format!("{s} {}", if planned { verb_plan } else { verb_past }),
        }
    };
    let to = |past: &str, plan: &str, prep: &str| -> String {
        let verb = if planned { plan } else { past };
        match &t {
            Some(t) => format!("{s} {verb} {prep}{t}"),
            None => format!("{s} {verb}"),
        }
    };
    let mut line = match item.plover.as_str() {
        "CONSULT" if visit => {
            let place = item.location.clone().or(t.clone());
            let verb = if planned { "to visit" } else { "visited" };
            let s = match visitor {
                Some(v) => format!("{v} ({s})"),
                None => s.clone(),
            };
            match place {
                Some(p) => format!("{s} {verb} {p}"),
                None => format!("{s} {verb}"),
            }
        }
        "CONSULT" => {
            let format = item
                .format
                .as_deref()
                .filter(|f| matches!(*f, "indirect" | "direct"))
                .map_or(String::new(), |f| format!("{f} "));
            let mut l = pair(
                &format!("held {format}talks"),
                &format!("to hold {format}talks"),
            );
            if let Some(p) = &item.location {
                l.push_str(&format!(" in {p}"));
            }
            l
        }
        "AGREE" if both_ways => pair("reached an agreement", "to reach an agreement"),
        "AGREE" => to("agreed with", "to agree with", ""),
        "COOPERATE" => pair("cooperated", "to cooperate"),
        "SUPPORT" => to("backed", "to back", ""),
        "CONCEDE" => to("made concessions to", "to make concessions to", ""),
        "AID" => to("gave aid to", "to give aid to", ""),
        "RETREAT" => to("de-escalated toward", "to de-escalate toward", ""),
        "REQUEST" => to("made demands of", "to make demands of", ""),
        "ACCUSE" => to("accused", "to accuse", ""),
        "REJECT" => to("rejected the demands of", "to reject the demands of", ""),
        "THREATEN" => to("threatened", "to threaten", ""),
        "PROTEST" => to("protested against", "to protest against", ""),
        "SANCTION" => {
            let what = match instruments {
                [] => "sanctions".to_owned(),
                [one] => (*one).to_owned(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            };
            to(
                &format!("imposed {what} on"),
                &format!("to impose {what} on"),
                "",
            )
        }
        "MOBILIZE" => match &t {
            Some(t) => format!(
                "{s} {} forces against {t}",
                if planned { "to mobilise" } else { "mobilised" }
            ),
            None => format!(
                "{s} {} forces",
                if planned { "to mobilise" } else { "mobilised" }
            ),
        },
        "COERCE" => to(
            "took coercive measures against",
            "to take coercive measures against",
            "",
        ),
        "ASSAULT" => to("attacked", "to attack", ""),
        other => to(&other.to_lowercase(), &other.to_lowercase(), "→ "),
    };
    if let Some(m) = &item.mediator {
        line.push_str(&format!(", mediated by {}", actor_name(m)));
    }
    capitalised(&line)
}

/// Merges the events of all inputs into the timeline, and returns the schedule beside it:
/// planned items no source reports as done, dated `today` or later or not dated at all.
pub fn timeline_in(inputs: &[Input], ctx: Context) -> (Vec<TimelineItem>, Vec<ScheduleItem>) {
    let mut groups = group(read_events(inputs, &ctx));
    fold_mediators(&mut groups, &ctx);
    let mut items: Vec<(TimelineItem, bool)> = Vec::new();
    for g in groups {
        let reads = &g.reads;
        let stories: BTreeSet<&DocId> = reads.iter().map(|r| &r.story).collect();
        let subject = majority(
            reads
                .iter()
                .filter_map(|r| r.subject.as_deref().map(|s| (&r.story, s))),
        );
        let date = subject.as_deref().and_then(subject_date).or_else(|| {
            majority(
                reads
                    .iter()
                    .filter_map(|r| r.date.as_deref().map(|d| (&r.story, d))),
            )
        });
        let date = date.unwrap_or_else(|| UNDATED.to_owned());
        let mut other: BTreeMap<&str, (BTreeSet<&DocId>, Vec<Evidence>)> = BTreeMap::new();
        for r in reads {
            if let Some(d) = r.date.as_deref().filter(|d| *d != date) {
                let e = other.entry(d).or_default();
                e.0.insert(&r.story);
                e.1.push(r.evidence.clone());
            }
        }
        let first = &reads[0];
        let source = first.source.clone();
        let target = if g.key.2.is_empty() {
            None
        } else if g.key.1 == source {
            Some(g.key.2.clone())
        } else {
            Some(g.key.1.clone())
        };
        let claims: Vec<&Claim> = match &subject {
            Some(s) => ctx.claims.iter().filter(|c| &c.subject == s).collect(),
            None => Vec::new(),
        };
        let of = |attr: &str| {
            majority(
                claims
                    .iter()
                    .filter(|c| c.attribute == attr)
                    .map(|c| (&c.story, c.value.as_str())),
            )
        };
        let location = subject
            .as_deref()
            .and_then(subject_city)
            .or_else(|| {
                majority(
                    reads
                        .iter()
                        .filter_map(|r| r.location.as_deref().map(|l| (&r.story, l))),
                )
                .map(|l| l.split(',').next().unwrap_or(&l).trim().to_owned())
            })
            .map(|l| title_case(&l));
        let mut evidence: Vec<Evidence> = Vec::new();
        for r in reads {
            let dissents = r.date.as_deref().is_some_and(|d| d != date);
            if !dissents && !evidence.contains(&r.evidence) {
                evidence.push(r.evidence.clone());
            }
        }
        let mut copies: Vec<DocId> = reads.iter().filter_map(|r| r.copy.clone()).collect();
        copies.sort();
        copies.dedup();
        let directions: BTreeSet<&str> = reads.iter().map(|r| r.source.as_str()).collect();
        let mut item = TimelineItem {
            date,
            plover: first.plover.clone(),
            source,
            target,
            mediator: majority(
                reads
                    .iter()
                    .filter_map(|r| r.mediator.as_deref().map(|m| (&r.story, m))),
            ),
            status: if reads.iter().any(|r| r.occurred) {
                "occurred"
            } else {
                "planned"
            }
            .to_owned(),
            what: String::new(),
            location,
            format: of("format"),
            sources: stories.len(),
            copies,
            other_dates: other
                .into_iter()
                .map(|(d, (s, e))| OtherDate {
                    date: d.to_owned(),
                    sources: s.len(),
                    evidence: e,
                })
                .collect(),
            evidence,
        };
        let visitor = majority(
            reads
                .iter()
                .filter_map(|r| r.visitor.as_deref().map(|v| (&r.story, v))),
        );
        let mut instruments: Vec<&str> = Vec::new();
        for name in reads.iter().filter_map(|r| r.instrument) {
            if !instruments.contains(&name) {
                instruments.push(name);
            }
        }
        item.what = describe(
            &item,
            visitor.as_deref(),
            first.visit,
            directions.len() > 1,
            &instruments,
        );
        // A plan nobody dates is still ahead only when it is a meeting told in the latest
        // coverage (older undated plans have happened or been told again since).
        let fresh = item.plover == "CONSULT"
            && reads
                .iter()
                .any(|r| r.doc_date.is_none() || r.doc_date == ctx.today);
        items.push((item, fresh));
    }
    items.sort_by(|a, b| {
        (a.0.date == UNDATED, &a.0.date, &a.0.plover, &a.0.source).cmp(&(
            b.0.date == UNDATED,
            &b.0.date,
            &b.0.plover,
            &b.0.source,
        ))
    });
    let today = ctx.today.map(|d| d.to_string());
    let mut schedule: Vec<ScheduleItem> = items
        .iter()
        .filter(|(t, _)| t.status == "planned")
        .filter(|(t, fresh)| {
            (t.date == UNDATED && *fresh)
                || t.date != UNDATED && today.as_deref().is_none_or(|d| ahead(&t.date, d))
        })
        .map(|(t, _)| ScheduleItem::from(t))
        .collect();
    let held: Vec<&TimelineItem> = items
        .iter()
        .map(|(t, _)| t)
        .filter(|t| {
            t.plover == "CONSULT"
                && t.status == "occurred"
                && ctx.parties.contains(&t.source)
                && t.target.as_ref().is_some_and(|x| ctx.parties.contains(x))
        })
        .collect();
    next_rounds(inputs, &ctx, &held, &mut schedule);
    let timeline = items
        .into_iter()
        .filter(|(t, _)| t.date != UNDATED)
        .map(|(t, _)| t)
        .collect();
    (timeline, schedule)
}

/// Planned timeline items dated on or after `today` (TIMEX3 values compare as text, so a
/// week `2026-W08` or month `2026-02` is kept when it starts on or after the day).
pub fn schedule(timeline: &[TimelineItem], today: Option<jiff::civil::Date>) -> Vec<ScheduleItem> {
    let today = today.map(|d| d.to_string());
    timeline
        .iter()
        .filter(|t| t.status == "planned")
        .filter(|t| today.as_deref().is_none_or(|d| ahead(&t.date, d)))
        .map(ScheduleItem::from)
        .collect()
}

/// Whether a TIMEX3 `date` is on or after the day `today` (as text, so a week `2026-W08`
/// or month `2026-02` counts when it starts on or after the day, or holds it).
fn ahead(date: &str, today: &str) -> bool {
    date >= today || (date.len() < 10 && today.starts_with(date))
}

impl From<&TimelineItem> for ScheduleItem {
    fn from(t: &TimelineItem) -> ScheduleItem {
        let mut actors = vec![t.source.clone()];
        actors.extend(t.target.clone());
        actors.extend(t.mediator.clone());
        ScheduleItem {
            what: t.what.clone(),
            date: t.date.clone(),
            actors,
            sources: t.sources,
            other_dates: t.other_dates.clone(),
            evidence: t.evidence.clone(),
        }
    }
}

/// Words that put a sentence about another round in the future ("could come", "is expected",
/// "no date has been set").
const FUTURE_CUES: &[&str] = &[
    "will",
    "could",
    "would",
    "may",
    "might",
    "expected",
    "set to",
    "due",
    "planned",
    "plans",
    "scheduled",
    "is to",
    "are to",
    "no date",
    "coming days",
    "next week",
];

/// "another round", "the next political round", "a second meeting".
static ROUND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:another|next|new|second|third|fourth|fifth|further|follow-up)\s+(?:[a-z-]+\s+)?(?:round|session|meeting)s?\b",
    )
    .expect("valid regex")
});

fn has_cue(lower: &str) -> bool {
    FUTURE_CUES.iter().any(|cue| {
        lower.match_indices(cue).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + cue.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// The next round the sentences speak of ("another round could come early this week"), when
/// the sentence puts it ahead: joined to a planned meeting of the parties on the same date,
/// else a schedule item of its own. A round dated within two days of a meeting of the parties
/// already held is that meeting, not the next one.
fn next_rounds(
    inputs: &[Input],
    ctx: &Context,
    held: &[&TimelineItem],
    schedule: &mut Vec<ScheduleItem>,
) {
    type Round = (BTreeSet<DocId>, Vec<Evidence>, Option<String>);
    let mut rounds: BTreeMap<String, Round> = BTreeMap::new();
    for input in inputs {
        let text = &input.document.text;
        for sent in &input.record.sentences {
            let Some(sentence) = text.get(sent.start as usize..sent.end as usize) else {
                continue;
            };
            let Some(hit) = ROUND.find(sentence) else {
                continue;
            };
            if !has_cue(&sentence.to_lowercase()) {
                continue;
            }
            let at = sent.start + hit.start() as u32;
            let times: Vec<_> = input
                .record
                .times
                .iter()
                .filter(|t| t.start >= sent.start && t.end <= sent.end && t.kind == "DATE")
                .collect();
            let resolved = times
                .iter()
                .filter(|t| !t.unresolved && t.value.len() >= 10)
                .min_by_key(|t| t.start.abs_diff(at))
                .map(|t| with_year(&t.value[..10], ctx.today));
            let date = resolved.clone().unwrap_or_else(|| UNDATED.to_owned());
            let ahead = match day(&date) {
                Some(d) => {
                    ctx.today.is_none_or(|t| d >= t)
                        && !held
                            .iter()
                            .any(|h| day(&h.date).is_some_and(|x| (d - x).get_days().abs() <= 2))
                }
                None => input.date().is_none() || input.date() == ctx.today,
            };
            if !ahead {
                continue;
            }
            let when = times
                .iter()
                .min_by_key(|t| t.start.abs_diff(at))
                .filter(|_| resolved.is_none())
                .map(|t| t.text.clone());
            let Ok(span) = Span::new(sent.start, sent.end) else {
                continue;
            };
            let entry = rounds.entry(date).or_default();
            entry.0.insert(input.story().clone());
            entry.1.push(Evidence {
                doc: input.document.id.clone(),
                span,
            });
            if entry.2.is_none() {
                entry.2 = when;
            }
        }
    }
    let of_parties = |s: &ScheduleItem| {
        s.actors.len() >= 2 && s.actors[..2].iter().all(|a| ctx.parties.contains(a))
    };
    for (date, (stories, evidence, when)) in rounds {
        if let Some(s) = schedule
            .iter_mut()
            .find(|s| s.date == date && of_parties(s) && !s.what.contains(" to visit "))
        {
            s.sources = s.sources.max(stories.len());
            s.evidence.extend(evidence);
            continue;
        }
        let names: Vec<String> = ctx.parties.iter().map(|p| actor_name(p)).collect();
        let between = match names.as_slice() {
            [] => String::new(),
            [one] => format!(" with {one}"),
            [init @ .., last] => format!(" between {} and {last}", init.join(", ")),
        };
        let when = when.map_or(String::new(), |w| format!(" (“{w}”)"));
        let mut actors = ctx.parties.to_vec();
        actors.extend(ctx.mediators.iter().cloned());
        schedule.push(ScheduleItem {
            what: format!("Next round of talks{between}{when}"),
            date,
            actors,
            sources: stories.len(),
            other_dates: Vec::new(),
            evidence,
        });
    }
    schedule.sort_by(|a, b| (a.date == UNDATED, &a.date).cmp(&(b.date == UNDATED, &b.date)));
}

#[cfg(test)]
mod tests {
    use model::Document;
    use model::record::{ActorRef, EventRecord, Record};

    use super::*;

    #[test]
    fn a_measure_is_named_by_the_instrument_its_sentence_gives() {
        assert_eq!(
            instrument(
                "The president signed an order raising tariffs on buyers of Venezuelan crude."
            ),
            Some("tariffs")
        );
        assert_eq!(
            instrument("The Treasury added four shipping firms to its Sanctions list on Friday."),
            Some("sanctions")
        );
        assert_eq!(
            instrument("Brussels kept its arms embargo in place."),
            Some("an embargo")
        );
        assert_eq!(instrument("Both sides met in Oslo."), None);
    }
    use crate::testkit;

    /// An event on the first sentence of a document: (type, source, target, date, status).
    fn event(
        plover: &str,
        source: &str,
        target: Option<&str>,
        date: Option<&str>,
        status: &str,
    ) -> (String, String, Option<String>, Option<String>, String) {
        (
            plover.to_owned(),
            source.to_owned(),
            target.map(str::to_owned),
            date.map(str::to_owned),
            status.to_owned(),
        )
    }

    type Ev = (String, String, Option<String>, Option<String>, String);

    /// Documents (id, published, text, events) with their records.
    fn corpus(docs: &[(&str, &str, &str, Vec<Ev>)]) -> (Vec<Document>, Vec<Record>) {
        let mut documents = Vec::new();
        let mut records = Vec::new();
        for (id, published, text, events) in docs {
            let doc = testkit::document(id, text, Some(published));
            let mut record = testkit::record(&doc);
            let end = record.sentences.first().map_or(0, |s| s.end);
            record.events = events
                .iter()
                .map(|(plover, source, target, date, status)| EventRecord {
                    sentence: 0,
                    start: 0,
                    end,
                    plover: plover.clone(),
                    mode: None,
                    cameo: "040".to_owned(),
                    goldstein: 1.0,
                    source: ActorRef {
                        code: source.clone(),
                        actor: None,
                    },
                    target: target.as_ref().map(|t| ActorRef {
                        code: t.clone(),
                        actor: None,
                    }),
                    mediator: None,
                    date: date.clone(),
                    date_grain: None,
                    location: None,
                    status: status.clone(),
                    trigger: "met".to_owned(),
                })
                .collect();
            documents.push(doc);
            records.push(record);
        }
        (documents, records)
    }

    fn run(
        docs: &[(&str, &str, &str, Vec<Ev>)],
        parties: &[&str],
        mediators: &[&str],
    ) -> (Vec<TimelineItem>, Vec<ScheduleItem>) {
        let (documents, records) = corpus(docs);
        let inputs: Vec<Input> = documents
            .iter()
            .zip(&records)
            .map(|(document, record)| Input { document, record })
            .collect();
        let parties: Vec<String> = parties.iter().map(|s| (*s).to_owned()).collect();
        let mediators: Vec<String> = mediators.iter().map(|s| (*s).to_owned()).collect();
        let today = inputs.iter().filter_map(|i| i.date()).max();
        timeline_in(
            &inputs,
            Context {
                parties: &parties,
                mediators: &mediators,
                claims: &[],
                today,
            },
        )
    }

    #[test]
    fn one_meeting_told_by_three_stories_is_one_line_dated_by_the_majority() {
        let (timeline, _) = run(
            &[
                (
                    "a",
                    "2026-03-02",
                    "Envoys of Chile and Peru met on Monday.",
                    vec![event(
                        "CONSULT",
                        "CHLGOV",
                        Some("PERGOV"),
                        Some("2026-03-02"),
                        "occurred",
                    )],
                ),
                (
                    "b",
                    "2026-03-03",
                    "Peru and Chile held talks on Monday.",
                    vec![event(
                        "CONSULT",
                        "PER",
                        Some("CHL"),
                        Some("2026-03-02"),
                        "occurred",
                    )],
                ),
                (
                    "c",
                    "2026-03-03",
                    "The two neighbours met on Sunday.",
                    vec![event(
                        "CONSULT",
                        "CHL",
                        Some("PER"),
                        Some("2026-03-01"),
                        "occurred",
                    )],
                ),
            ],
            &["CHL", "PER"],
            &[],
        );
        assert_eq!(timeline.len(), 1, "{timeline:#?}");
        let t = &timeline[0];
        assert_eq!(t.date, "2026-03-02");
        assert_eq!(t.sources, 3);
        assert_eq!(t.what, "CHL and PER held talks");
        assert_eq!(t.other_dates.len(), 1);
        assert_eq!(t.other_dates[0].date, "2026-03-01");
        assert_eq!(t.other_dates[0].sources, 1);
        // The dissenting sentence is cited as dissent, not as support.
        assert_eq!(t.evidence.len(), 2);
    }

    #[test]
    fn self_dyads_negated_and_hypothetical_events_stay_out() {
        let (timeline, schedule) = run(
            &[(
                "a",
                "2026-03-02",
                "Officials met colleagues. They did not meet. They could meet.",
                vec![
                    event(
                        "CONSULT",
                        "CHLGOV",
                        Some("CHLMED"),
                        Some("2026-03-02"),
                        "occurred",
                    ),
                    event("CONSULT", "CHL", Some("PER"), Some("2026-03-02"), "negated"),
                    event(
                        "CONSULT",
                        "CHL",
                        Some("PER"),
                        Some("2026-03-04"),
                        "hypothetical",
                    ),
                ],
            )],
            &["CHL", "PER"],
            &[],
        );
        assert!(timeline.is_empty(), "{timeline:#?}");
        assert!(schedule.is_empty(), "{schedule:#?}");
    }

    #[test]
    fn a_plan_reported_held_later_leaves_the_schedule() {
        let (timeline, schedule) = run(
            &[
                (
                    "a",
                    "2026-03-01",
                    "Japan and Korea will meet on Thursday.",
                    vec![event(
                        "CONSULT",
                        "JPN",
                        Some("KOR"),
                        Some("2026-03-05"),
                        "planned",
                    )],
                ),
                (
                    "b",
                    "2026-03-06",
                    "Japan and Korea met on Wednesday.",
                    vec![event(
                        "CONSULT",
                        "JPN",
                        Some("KOR"),
                        Some("2026-03-04"),
                        "occurred",
                    )],
                ),
                (
                    "c",
                    "2026-03-06",
                    "Japan and Korea met on Wednesday, officials said.",
                    vec![event(
                        "CONSULT",
                        "KOR",
                        Some("JPN"),
                        Some("2026-03-04"),
                        "occurred",
                    )],
                ),
            ],
            &["JPN", "KOR"],
            &[],
        );
        assert_eq!(timeline.len(), 1, "{timeline:#?}");
        assert_eq!(timeline[0].date, "2026-03-04");
        assert_eq!(timeline[0].status, "occurred");
        assert_eq!(timeline[0].other_dates[0].date, "2026-03-05");
        assert!(schedule.is_empty(), "{schedule:#?}");
    }

    #[test]
    fn a_meeting_with_the_mediator_that_day_is_the_mediated_meeting() {
        let (timeline, _) = run(
            &[
                (
                    "a",
                    "2026-03-02",
                    "Chile and Peru held talks in Quito.",
                    vec![event(
                        "CONSULT",
                        "CHL",
                        Some("PER"),
                        Some("2026-03-02"),
                        "occurred",
                    )],
                ),
                (
                    "b",
                    "2026-03-02",
                    "Ecuador received the Peruvian team.",
                    vec![event(
                        "CONSULT",
                        "ECU",
                        Some("PER"),
                        Some("2026-03-02"),
                        "occurred",
                    )],
                ),
            ],
            &["CHL", "PER"],
            &["ECU"],
        );
        assert_eq!(timeline.len(), 1, "{timeline:#?}");
        assert_eq!(timeline[0].mediator.as_deref(), Some("ECU"));
        assert_eq!(timeline[0].sources, 2);
        assert!(
            timeline[0].what.ends_with(", mediated by ECU"),
            "{}",
            timeline[0].what
        );
    }

    #[test]
    fn the_next_round_is_scheduled_from_the_sentence_that_announces_it() {
        let (_, schedule) = run(
            &[(
                "a",
                "2026-03-02",
                "Chile and Peru ended their talks. Another round will be held on 9 March 2026.",
                vec![event(
                    "CONSULT",
                    "CHL",
                    Some("PER"),
                    Some("2026-03-02"),
                    "occurred",
                )],
            )],
            &["CHL", "PER"],
            &[],
        );
        // The stand-in extraction reads "9 March 2026" as a date.
        assert_eq!(schedule.len(), 1, "{schedule:#?}");
        assert_eq!(schedule[0].date, "2026-03-09");
        assert_eq!(schedule[0].what, "Next round of talks between CHL and PER");
        assert_eq!(schedule[0].evidence[0].span.start(), 34);
    }

    #[test]
    fn names_and_years() {
        assert_eq!(actor_name("OMN"), "Oman");
        assert_eq!(actor_name("USA"), "the United States");
        assert_eq!(actor_name("XYZ"), "XYZ");
        let today = "2026-01-05".parse().ok();
        assert_eq!(with_year("XXXX-12-30", today), "2025-12-30");
        assert_eq!(with_year("XXXX-02-11", today), "2026-02-11");
        assert_eq!(
            subject_city("talks-abu-dhabi-2026-02-06").as_deref(),
            Some("abu dhabi")
        );
        assert_eq!(title_case("abu dhabi"), "Abu Dhabi");
    }
}
