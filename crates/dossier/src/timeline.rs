//! The timeline: coded events merged across documents (same dyad, type and date → one item
//! "reported by N sources"), past and scheduled; and the schedule, the planned items still
//! ahead.

use std::collections::BTreeMap;

use model::{DocId, Evidence, Span};
use serde::{Deserialize, Serialize};

use crate::view::{Input, country_of};

/// One merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// TIMEX3 date.
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
    /// A one-line description.
    pub what: String,
    /// Place, when an event names one.
    pub location: Option<String>,
    /// Distinct stories reporting it.
    pub sources: usize,
    /// Syndicated copies among them (not counted).
    pub copies: Vec<DocId>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// A scheduled event (SPEC §5 `schedule`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleItem {
    /// What is planned.
    pub what: String,
    /// When.
    pub date: String,
    /// Who takes part.
    pub actors: Vec<String>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// Merges the events of all inputs. Undated, negated and hypothetical events are left out.
pub fn timeline(inputs: &[Input]) -> Vec<TimelineItem> {
    type Key = (String, String, String, String);
    let mut items: BTreeMap<Key, (TimelineItem, Vec<DocId>)> = BTreeMap::new();
    for input in inputs {
        let len = input.document.text.len() as u32;
        for e in &input.record.events {
            let Some(date) = e.date.clone() else { continue };
            if !matches!(e.status.as_str(), "occurred" | "planned") || e.end > len {
                continue;
            }
            let Some(src) = country_of(&e.source.code, None) else {
                continue;
            };
            let tgt = e.target.as_ref().and_then(|t| country_of(&t.code, None));
            let (a, b) = match (&tgt, e.plover.as_str()) {
                (Some(t), "CONSULT") if *t < src => (t.clone(), src.clone()),
                (Some(t), _) => (src.clone(), t.clone()),
                (None, _) => (src.clone(), String::new()),
            };
            let key = (date.clone(), e.plover.clone(), a.clone(), b.clone());
            let Ok(span) = Span::new(e.start, e.end) else {
                continue;
            };
            let ev = Evidence {
                doc: input.document.id.clone(),
                span,
            };
            let mediator = e.mediator.as_ref().and_then(|m| country_of(&m.code, None));
            let entry = items.entry(key).or_insert_with(|| {
                let mut what = if b.is_empty() {
                    format!("{a} {}", e.trigger)
                } else {
                    format!("{a}–{b} {}", e.trigger)
                };
                if let Some(m) = &mediator {
                    what.push_str(&format!(", mediated by {m}"));
                }
                (
                    TimelineItem {
                        date: date.clone(),
                        plover: e.plover.clone(),
                        source: src.clone(),
                        target: tgt.clone(),
                        mediator: mediator.clone(),
                        status: e.status.clone(),
                        what,
                        location: e.location.clone(),
                        sources: 0,
                        copies: Vec::new(),
                        evidence: Vec::new(),
                    },
                    Vec::new(),
                )
            });
            if e.status == "occurred" {
                entry.0.status = "occurred".to_owned();
            }
            if entry.0.mediator.is_none() {
                entry.0.mediator = mediator;
            }
            if entry.0.location.is_none() {
                entry.0.location = e.location.clone();
            }
            let story = input.story().clone();
            if !entry.1.contains(&story) {
                entry.1.push(story);
            }
            if input.document.duplicate_of.is_some() && !entry.0.copies.contains(&input.document.id)
            {
                entry.0.copies.push(input.document.id.clone());
            }
            if !entry.0.evidence.contains(&ev) {
                entry.0.evidence.push(ev);
            }
        }
    }
    items
        .into_values()
        .map(|(mut item, stories)| {
            item.sources = stories.len();
            item
        })
        .collect()
}

/// Planned timeline items dated on or after `today` (TIMEX3 values compare as text, so a
/// week `2026-W08` or month `2026-02` is kept when it starts on or after the day).
pub fn schedule(timeline: &[TimelineItem], today: Option<jiff::civil::Date>) -> Vec<ScheduleItem> {
    let today = today.map(|d| d.to_string());
    timeline
        .iter()
        .filter(|t| t.status == "planned")
        .filter(|t| {
            today.as_deref().is_none_or(|d| {
                t.date.as_str() >= d || (t.date.len() < 10 && d.starts_with(&t.date))
            })
        })
        .map(|t| {
            let mut actors = vec![t.source.clone()];
            actors.extend(t.target.clone());
            actors.extend(t.mediator.clone());
            let what = match &t.location {
                Some(l) => format!("{} in {l}", t.what),
                None => t.what.clone(),
            };
            ScheduleItem {
                what,
                date: t.date.clone(),
                actors,
                evidence: t.evidence.clone(),
            }
        })
        .collect()
}
