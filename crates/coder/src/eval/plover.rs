//! `eval plover-gsr`: the PLOVER gold-standard records (322 sentences from the CAMEO
//! manual), coded with the production dictionaries.
//!
//! The file's PLOVER 0.5 labels are mapped to today's 16 types (DEMAND → REQUEST,
//! DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT). Scores: event-type accuracy over
//! all records, where the prediction is the type of the sentence's first coded event and a
//! sentence without an event counts as wrong; the same with "any coded event has the gold
//! type"; and source and target country accuracy (first three letters of the code) over the
//! records whose gold gives one, counted on records where the coder produced an event.

use std::collections::BTreeMap;

use crate::CoderError;
use crate::code::{Coder, Scratch, SentenceContext};

/// One PLOVER gold record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Gold PLOVER type, mapped to the 16 current types.
    pub event: String,
    /// Gold source codes (may be empty).
    pub sources: Vec<String>,
    /// Gold target codes (may be empty).
    pub targets: Vec<String>,
}

/// Maps a PLOVER 0.5 label to the current 16 types.
pub fn map_label(label: &str) -> &str {
    match label {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

fn codes(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|a| a.get("code").and_then(|c| c.as_str()))
            .map(str::to_string)
            .filter(|c| !c.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads the records (the DOCUMENT header is skipped).
///
/// # Errors
/// Fails when the text is not a JSON array, or a record lacks `text` or `event`.
pub fn parse_records(json: &str) -> Result<Vec<Record>, CoderError> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| CoderError::Gold {
        file: "PLOVER_GSR_CAMEO.txt",
        line: e.line(),
        message: format!("not valid JSON: {e}"),
    })?;
    let items = value.as_array().ok_or_else(|| CoderError::Gold {
        file: "PLOVER_GSR_CAMEO.txt",
        line: 1,
        message: "not a JSON array".into(),
    })?;
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let event = item.get("event").and_then(|e| e.as_str()).unwrap_or("");
        if event == "DOCUMENT" {
            continue;
        }
        let id = item
            .get("id")
            .and_then(|e| e.as_str())
            .unwrap_or("")
            .to_string();
        let (Some(text), false) = (item.get("text").and_then(|t| t.as_str()), event.is_empty())
        else {
            return Err(CoderError::Gold {
                file: "PLOVER_GSR_CAMEO.txt",
                line: 0,
                message: format!("record {k} ({id}) has no text or event"),
            });
        };
        out.push(Record {
            id,
            text: text.to_string(),
            event: map_label(event).to_string(),
            sources: codes(item.get("source")),
            targets: codes(item.get("target")),
        });
    }
    Ok(out)
}

/// The scores.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Records scored.
    pub records: usize,
    /// Records with at least one coded event.
    pub coded: usize,
    /// Records whose first coded event has the gold type.
    pub type_correct: usize,
    /// Records where any coded event has the gold type.
    pub type_any: usize,
    /// Records with a gold source and a coded event.
    pub source_scored: usize,
    /// … whose first event's source country is one of the gold sources'.
    pub source_correct: usize,
    /// Records with a gold target and a coded event.
    pub target_scored: usize,
    /// … whose first event's target country is one of the gold targets'.
    pub target_correct: usize,
    /// Per gold type: (records, first-event type correct).
    pub per_type: BTreeMap<String, (usize, usize)>,
    /// Records where the first event's type is wrong or missing: (id, gold, predicted).
    pub mistakes: Vec<(String, String, Option<String>)>,
}

impl Report {
    /// Event-type accuracy over all records (first event).
    pub fn type_accuracy(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.type_correct as f64 / self.records as f64
        }
    }
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// The coder options for these records: CAMEO semantics for announced actions (intent
/// codes, as the CAMEO manual the records come from codes them) and targets that may be
/// unstated.
pub fn gsr_config() -> crate::code::Config {
    crate::code::Config {
        intent_codes: true,
        unknown_target: true,
        unknown_country: true,
        unknown_source: true,
        ..crate::code::Config::default()
    }
}

/// Codes every record and scores it.
pub fn evaluate(coder: &Coder, records: &[Record]) -> Report {
    let mut r = Report::default();
    let mut scratch = Scratch::default();
    let mut events = Vec::new();
    for rec in records {
        events.clear();
        coder.code_with(
            &rec.text,
            &SentenceContext::default(),
            &mut scratch,
            &mut events,
        );
        events.retain(|e| e.plover.is_some());
        r.records += 1;
        let entry = r.per_type.entry(rec.event.clone()).or_default();
        entry.0 += 1;
        let first = events.first();
        if first.is_some() {
            r.coded += 1;
        }
        if first.and_then(|e| e.plover) == Some(rec.event.as_str()) {
            r.type_correct += 1;
            entry.1 += 1;
        } else {
            r.mistakes.push((
                rec.id.clone(),
                rec.event.clone(),
                first.and_then(|e| e.plover).map(str::to_string),
            ));
        }
        if events.iter().any(|e| e.plover == Some(rec.event.as_str())) {
            r.type_any += 1;
        }
        if let Some(e) = first {
            if !rec.sources.is_empty() {
                r.source_scored += 1;
                if rec
                    .sources
                    .iter()
                    .any(|s| country(s) == country(&e.source.code))
                {
                    r.source_correct += 1;
                }
            }
            if !rec.targets.is_empty() {
                r.target_scored += 1;
                if let Some(t) = &e.target
                    && rec.targets.iter().any(|s| country(s) == country(&t.code))
                {
                    r.target_correct += 1;
                }
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_maps_labels() {
        let json = r#"[{"id": "D", "event": "DOCUMENT"},
            {"id": "A1", "event": "DEMAND", "text": "Oman asked Iran to talk.",
             "source": [{"actorText": "Oman", "code": "OMN"}], "target": ""}]"#;
        let r = parse_records(json).expect("valid sample");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].event, "REQUEST");
        assert_eq!(r[0].sources, ["OMN"]);
        assert!(r[0].targets.is_empty());
        assert_eq!(map_label("FIGHT"), "ASSAULT");
        assert!(parse_records("{").is_err());
    }
}
