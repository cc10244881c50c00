//! `eval seeds`, events: the hand-annotated events of `corpus/seeds-gold/*.json` against the
//! events of a document's extraction record (ANNOTATION.md, "Scoring → Events").
//!
//! A predicted event matches a gold event when its span (the evidence sentence) overlaps
//! the gold sentence (an exact substring of the text), it has the same PLOVER type, the same
//! source country (first three letters of the code) and the same target country (a missing
//! target matches only a missing target); for CONSULT the direction does not matter. Each
//! event is matched at most once (a maximum matching). Reported: precision, recall and F1;
//! the same with type only (overlap + type) and dyad only (overlap + source and target);
//! status and date accuracy on matched events.
//!
//! ```
//! use model::record::{ActorRef, EventRecord};
//! let text = "Iran and Oman met. Oman hosted talks.";
//! let gold = r#"{"events": [{"sentence": "Iran and Oman met", "plover": "CONSULT",
//!     "source": "OMN", "target": "IRN", "mediator": null, "date": null, "status": "occurred"}]}"#;
//! let event = EventRecord {
//!     sentence: 0, start: 0, end: 18, plover: "CONSULT".into(), mode: None,
//!     cameo: "040".into(), goldstein: 1.0,
//!     source: ActorRef { code: "IRNGOV".into(), actor: None },
//!     target: Some(ActorRef { code: "OMN".into(), actor: None }),
//!     mediator: None, date: None, date_grain: None, location: None,
//!     status: "occurred".into(), trigger: "met".into(),
//! };
//! let s = coder::eval::seeds::score_events("doc", text, gold, &[event]).unwrap();
//! assert_eq!((s.gold, s.predicted, s.matched), (1, 1, 1));
//! assert_eq!(s.status_correct, 1);
//! ```

use model::record::EventRecord;
use serde::Serialize;

use crate::CoderError;

/// One gold event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldEvent {
    /// The evidence: an exact substring of the document text.
    pub sentence: String,
    /// Byte range of the substring in the text.
    pub start: usize,
    /// End of the substring.
    pub end: usize,
    /// PLOVER type.
    pub plover: String,
    /// Source code.
    pub source: Option<String>,
    /// Target code (`None`: unknown or unstated).
    pub target: Option<String>,
    /// Mediator code.
    pub mediator: Option<String>,
    /// TIMEX3 date.
    pub date: Option<String>,
    /// occurred | planned | hypothetical | negated.
    pub status: String,
}

fn gold_error(doc: &str, message: String) -> CoderError {
    CoderError::Gold {
        file: "seeds-gold",
        line: 0,
        message: format!("{doc}: {message}"),
    }
}

fn opt_str(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(|x| x.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Reads the `events` of a seeds-gold file and locates each sentence in `text` (the
/// `occurrence`-th match, 1-based, default the first).
///
/// # Errors
/// Fails when the file is not JSON, an event lacks `sentence` or `plover`, or a sentence is
/// not a substring of the text.
pub fn parse_gold(doc: &str, text: &str, json: &str) -> Result<Vec<GoldEvent>, CoderError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| gold_error(doc, format!("not valid JSON: {e}")))?;
    let Some(events) = value.get("events").and_then(|e| e.as_array()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (k, e) in events.iter().enumerate() {
        let (Some(sentence), Some(plover)) = (opt_str(e, "sentence"), opt_str(e, "plover")) else {
            return Err(gold_error(
                doc,
                format!("event {k} has no sentence or plover"),
            ));
        };
        let occurrence = e.get("occurrence").and_then(|o| o.as_u64()).unwrap_or(1);
        let start = text
            .match_indices(sentence.as_str())
            .nth(occurrence.saturating_sub(1) as usize)
            .map(|(i, _)| i)
            .ok_or_else(|| {
                gold_error(
                    doc,
                    format!("event {k}: sentence {sentence:?} is not in the text"),
                )
            })?;
        out.push(GoldEvent {
            start,
            end: start + sentence.len(),
            sentence,
            plover,
            source: opt_str(e, "source"),
            target: opt_str(e, "target"),
            mediator: opt_str(e, "mediator"),
            date: opt_str(e, "date"),
            status: opt_str(e, "status").unwrap_or_else(|| "occurred".to_owned()),
        });
    }
    Ok(out)
}

/// Counts for one way of matching.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold events.
    pub gold: usize,
    /// Predicted events.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
}

impl Counts {
    /// Matched over predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Matched over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A predicted event as listed in the details.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predicted {
    /// Document id.
    pub doc: String,
    /// The evidence sentence.
    pub sentence: String,
    /// PLOVER type.
    pub plover: String,
    /// Source code.
    pub source: String,
    /// Target code.
    pub target: String,
    /// Status.
    pub status: String,
    /// Date.
    pub date: Option<String>,
    /// Trigger.
    pub trigger: String,
}

/// The scores of one or more documents, with the events behind them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventScore {
    /// Full matching (type, source and target country).
    pub full: Counts,
    /// Overlap and type only.
    pub type_only: Counts,
    /// Overlap and source and target country only.
    pub dyad_only: Counts,
    /// Matched events whose status is the gold status.
    pub status_correct: usize,
    /// Matched events whose date is the gold date (both null counts as equal).
    pub date_correct: usize,
    /// Gold events (full counts), for convenience: `full.gold`.
    pub gold: usize,
    /// Predicted events: `full.predicted`.
    pub predicted: usize,
    /// Matched events: `full.matched`.
    pub matched: usize,
    /// Matched pairs: (gold, predicted).
    pub matches: Vec<(GoldEvent, Predicted)>,
    /// Gold events with no match, with their document id.
    pub missed: Vec<(String, GoldEvent)>,
    /// Predicted events with no match.
    pub spurious: Vec<Predicted>,
}

impl EventScore {
    /// Precision of the full matching.
    pub fn precision(&self) -> f64 {
        self.full.precision()
    }
    /// Recall of the full matching.
    pub fn recall(&self) -> f64 {
        self.full.recall()
    }
    /// F1 of the full matching.
    pub fn f1(&self) -> f64 {
        self.full.f1()
    }
    /// F1 with type only.
    pub fn type_f1(&self) -> f64 {
        self.type_only.f1()
    }
    /// F1 with dyad only.
    pub fn dyad_f1(&self) -> f64 {
        self.dyad_only.f1()
    }
    /// Status accuracy on matched events.
    pub fn status_accuracy(&self) -> f64 {
        ratio(self.status_correct, self.full.matched)
    }
    /// Date accuracy on matched events.
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.date_correct, self.full.matched)
    }
    /// Adds another document's score.
    pub fn merge(&mut self, other: EventScore) {
        self.full.add(other.full);
        self.type_only.add(other.type_only);
        self.dyad_only.add(other.dyad_only);
        self.status_correct += other.status_correct;
        self.date_correct += other.date_correct;
        self.gold = self.full.gold;
        self.predicted = self.full.predicted;
        self.matched = self.full.matched;
        self.matches.extend(other.matches);
        self.missed.extend(other.missed);
        self.spurious.extend(other.spurious);
    }
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

fn same_dyad(g: &GoldEvent, p: &EventRecord, direction_free: bool) -> bool {
    let gs = g.source.as_deref().map(country);
    let gt = g.target.as_deref().map(country);
    let ps = Some(country(&p.source.code)).filter(|c| !c.is_empty());
    let pt = p
        .target
        .as_ref()
        .map(|t| country(&t.code))
        .filter(|c| !c.is_empty());
    (gs == ps && gt == pt) || (direction_free && gs == pt && gt == ps)
}

fn overlaps(g: &GoldEvent, p: &EventRecord) -> bool {
    (p.start as usize) < g.end && g.start < p.end as usize
}

/// Size of a maximum matching between gold `0..ng` and predicted `0..np` where `ok(g, p)`;
/// returns the pairs.
fn max_matching(ng: usize, np: usize, ok: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut owner: Vec<Option<usize>> = vec![None; np];
    fn augment(
        g: usize,
        np: usize,
        ok: &dyn Fn(usize, usize) -> bool,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for p in 0..np {
            if seen[p] || !ok(g, p) {
                continue;
            }
            seen[p] = true;
            if owner[p].is_none_or(|o| augment(o, np, ok, seen, owner)) {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..ng {
        let mut seen = vec![false; np];
        augment(g, np, ok, &mut seen, &mut owner);
    }
    owner
        .iter()
        .enumerate()
        .filter_map(|(p, g)| g.map(|g| (g, p)))
        .collect()
}

fn predicted(doc: &str, text: &str, p: &EventRecord) -> Predicted {
    Predicted {
        doc: doc.to_owned(),
        sentence: text
            .get(p.start as usize..p.end as usize)
            .unwrap_or("")
            .to_owned(),
        plover: p.plover.clone(),
        source: p.source.code.clone(),
        target: p
            .target
            .as_ref()
            .map_or_else(String::new, |t| t.code.clone()),
        status: p.status.clone(),
        date: p.date.clone(),
        trigger: p.trigger.clone(),
    }
}

/// Scores the predicted events of one document against the gold file's events.
///
/// # Errors
/// As [`parse_gold`].
pub fn score_events(
    doc: &str,
    text: &str,
    gold_json: &str,
    events: &[EventRecord],
) -> Result<EventScore, CoderError> {
    let gold = parse_gold(doc, text, gold_json)?;
    Ok(score_parsed(doc, text, &gold, events))
}

/// [`score_events`] with gold events already read.
pub fn score_parsed(
    doc: &str,
    text: &str,
    gold: &[GoldEvent],
    events: &[EventRecord],
) -> EventScore {
    let (ng, np) = (gold.len(), events.len());
    let counts = |pairs: usize| Counts {
        gold: ng,
        predicted: np,
        matched: pairs,
    };
    let full = max_matching(ng, np, &|g, p| {
        let (g, p) = (&gold[g], &events[p]);
        overlaps(g, p) && g.plover == p.plover && same_dyad(g, p, g.plover == "CONSULT")
    });
    let type_only = max_matching(ng, np, &|g, p| {
        overlaps(&gold[g], &events[p]) && gold[g].plover == events[p].plover
    });
    let dyad_only = max_matching(ng, np, &|g, p| {
        let (g, p) = (&gold[g], &events[p]);
        overlaps(g, p) && same_dyad(g, p, g.plover == "CONSULT")
    });
    let mut score = EventScore {
        full: counts(full.len()),
        type_only: counts(type_only.len()),
        dyad_only: counts(dyad_only.len()),
        gold: ng,
        predicted: np,
        matched: full.len(),
        ..EventScore::default()
    };
    let mut gold_hit = vec![false; ng];
    let mut pred_hit = vec![false; np];
    for &(g, p) in &full {
        gold_hit[g] = true;
        pred_hit[p] = true;
        let (ge, pe) = (&gold[g], &events[p]);
        if ge.status == pe.status {
            score.status_correct += 1;
        }
        if ge.date == pe.date {
            score.date_correct += 1;
        }
        score.matches.push((ge.clone(), predicted(doc, text, pe)));
    }
    for (g, hit) in gold_hit.iter().enumerate() {
        if !hit {
            score.missed.push((doc.to_owned(), gold[g].clone()));
        }
    }
    for (p, hit) in pred_hit.iter().enumerate() {
        if !hit {
            score.spurious.push(predicted(doc, text, &events[p]));
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::record::ActorRef;

    fn ev(start: u32, end: u32, plover: &str, source: &str, target: &str) -> EventRecord {
        EventRecord {
            sentence: 0,
            start,
            end,
            plover: plover.into(),
            mode: None,
            cameo: "040".into(),
            goldstein: 1.0,
            source: ActorRef {
                code: source.into(),
                actor: None,
            },
            target: Some(ActorRef {
                code: target.into(),
                actor: None,
            }),
            mediator: None,
            date: Some("2026-03-01".into()),
            date_grain: Some("day".into()),
            location: None,
            status: "planned".into(),
            trigger: "x".into(),
        }
    }

    const TEXT: &str = "Kyiv and Moscow met. Moscow blamed Kyiv. Kyiv rejected it.";

    const GOLD: &str = r#"{"events": [
        {"sentence": "Kyiv and Moscow met", "plover": "CONSULT", "source": "UKR", "target": "RUS",
         "mediator": null, "date": "2026-03-01", "status": "occurred"},
        {"sentence": "Moscow blamed Kyiv", "plover": "ACCUSE", "source": "RUS", "target": "UKR",
         "mediator": null, "date": null, "status": "occurred"},
        {"sentence": "Kyiv rejected it", "plover": "REJECT", "source": "UKR", "target": "RUS",
         "mediator": null, "date": null, "status": "occurred"}]}"#;

    #[test]
    fn matching_rules() {
        let events = [
            // CONSULT in the other direction, with sectors: a match.
            ev(0, 20, "CONSULT", "RUSGOV", "UKRGOV"),
            // ACCUSE in the wrong direction: type matches, dyad does not.
            ev(21, 40, "ACCUSE", "UKR", "RUS"),
            // Right dyad, wrong type.
            ev(41, 58, "PROTEST", "UKR", "RUS"),
            // Another sentence entirely.
            ev(41, 58, "REJECT", "UKR", "RUS"),
        ];
        let s = score_events("d", TEXT, GOLD, &events).expect("valid gold");
        assert_eq!(
            s.full,
            Counts {
                gold: 3,
                predicted: 4,
                matched: 2
            }
        );
        assert_eq!(s.type_only.matched, 3);
        assert_eq!(s.dyad_only.matched, 2);
        assert_eq!(s.status_correct, 0);
        assert_eq!(s.date_correct, 1);
        assert_eq!(s.missed.len(), 1);
        assert_eq!(s.missed[0].1.plover, "ACCUSE");
        assert_eq!(s.spurious.len(), 2);
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn one_prediction_matches_one_gold_event() {
        let text = "Both sides pulled back.";
        let gold = r#"{"events": [
            {"sentence": "Both sides pulled back", "plover": "RETREAT", "source": "UKR", "target": "RUS", "status": "occurred"},
            {"sentence": "Both sides pulled back", "plover": "RETREAT", "source": "RUS", "target": "UKR", "status": "occurred"}]}"#;
        let s = score_events("d", text, gold, &[ev(0, 23, "RETREAT", "RUS", "UKR")])
            .expect("valid gold");
        assert_eq!(s.matched, 1);
        let mut total = EventScore::default();
        total.merge(s.clone());
        total.merge(s);
        assert_eq!((total.gold, total.matched), (4, 2));
    }

    #[test]
    fn bad_gold_is_an_error() {
        assert!(score_events("d", TEXT, "{", &[]).is_err());
        let missing = r#"{"events": [{"sentence": "not there", "plover": "CONSULT"}]}"#;
        let err = score_events("d", TEXT, missing, &[]).expect_err("missing sentence");
        assert!(err.to_string().contains("not there"), "{err}");
    }
}
