//! A whole extraction record scored against a hand-annotated gold file in the format of
//! `../shared/corpus/ANNOTATION.md` (the seeds' gold, and the project's own test articles):
//! actor codes and named people, times, and quotes, as its "Scoring" section says. Events,
//! positions and claims are scored by the crates that make them (`coder`, `dossier`).
//!
//! Unlike the component scorers, this one reads the product's output, the
//! [`model::record::Record`] that `ingest` stores, so it measures what a user gets.

use serde::Deserialize;

use model::record::Record;

use crate::ExtractError;

/// The parts of a gold file scored here. Unknown fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// Document id (the article's file stem).
    pub doc: String,
    /// Publication date, when the article has one.
    #[serde(default)]
    pub published: Option<String>,
    /// The actors the article names.
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    /// Time expressions.
    #[serde(default)]
    pub times: Vec<GoldTime>,
    /// Direct and indirect quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// A gold actor.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    /// CAMEO code (`IRNGOV`).
    pub code: String,
    /// Person or organisation, when named.
    #[serde(default)]
    pub entity: Option<String>,
    /// How the article names it.
    #[serde(default)]
    pub names: Vec<String>,
}

/// A gold time expression.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTime {
    /// The expression as written.
    pub text: String,
    /// TIMEX3 value; `null` when the text does not allow one.
    pub value: Option<String>,
    /// Which occurrence of `text` is meant (1-based; default the first).
    #[serde(default)]
    pub occurrence: Option<usize>,
}

/// A gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// The quoted content, without quotation marks.
    pub text: String,
    /// The speaker as named (full name where the article gives one).
    #[serde(default)]
    pub speaker: Option<String>,
    /// The speaker's actor code.
    #[serde(default)]
    pub speaker_code: Option<String>,
}

/// Counts behind a recall (and, where predictions are counted, a precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Gold items.
    pub gold: usize,
    /// Gold items found.
    pub found: usize,
    /// Found items that are also right (value, speaker); equals `found` where there is
    /// nothing more to check.
    pub right: usize,
    /// Predicted items (0 where precision is not measured).
    pub predicted: usize,
    /// Predicted items that match some gold item.
    pub correct: usize,
}

impl Tally {
    /// Found / gold (1 when there is no gold item).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Right / found: value or speaker accuracy on what was found.
    pub fn accuracy(&self) -> f64 {
        ratio(self.right, self.found)
    }

    /// Correct / predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Adds another tally.
    pub fn add(&mut self, other: Tally) {
        self.gold += other.gold;
        self.found += other.found;
        self.right += other.right;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One gold item that was missed or got a wrong value, for people to study.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// `actor`, `person`, `time` or `quote`.
    pub what: &'static str,
    /// Document id.
    pub doc: String,
    /// The gold item (code, name, text).
    pub gold: String,
    /// What was predicted instead (`None`: nothing found).
    pub predicted: Option<String>,
}

/// Scores of one or more records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordScore {
    /// Actor codes per document (found: a predicted code starts with the gold code;
    /// correct: a predicted code agrees with a gold code as far as both go).
    pub actors: Tally,
    /// Named people per document, by surname.
    pub people: Tally,
    /// Times: found when a predicted time overlaps the gold text; right when the value is
    /// the gold TIMEX3 value (an unresolved prediction counts as `null`).
    pub times: Tally,
    /// Quotes: found when a predicted quote's text contains the gold text; right when its
    /// speaker has the gold code or the gold speaker's surname.
    pub quotes: Tally,
    /// What went wrong, in document order.
    pub misses: Vec<Miss>,
}

impl RecordScore {
    /// Adds another score.
    pub fn add(&mut self, other: RecordScore) {
        self.actors.add(other.actors);
        self.people.add(other.people);
        self.times.add(other.times);
        self.quotes.add(other.quotes);
        self.misses.extend(other.misses);
    }
}

/// Parses a gold file.
///
/// # Errors
/// [`ExtractError::Json`] naming `what` when the file is not valid JSON of the format.
pub fn parse_gold(what: &str, json: &str) -> Result<GoldDocument, ExtractError> {
    serde_json::from_str(json).map_err(|source| ExtractError::Json {
        what: what.to_owned(),
        line: 0,
        source,
    })
}

/// Scores the record of one document (its `text` is the stored text the spans point into).
///
/// # Errors
/// [`ExtractError::GoldNotFound`] when a gold time's text is not in the document.
pub fn score_record(
    gold: &GoldDocument,
    text: &str,
    record: &Record,
) -> Result<RecordScore, ExtractError> {
    let mut score = RecordScore::default();
    score_actors(gold, record, &mut score);
    score_times(gold, text, record, &mut score)?;
    score_quotes(gold, record, &mut score);
    Ok(score)
}

fn miss(score: &mut RecordScore, what: &'static str, doc: &str, gold: &str, got: Option<String>) {
    score.misses.push(Miss {
        what,
        doc: doc.to_owned(),
        gold: gold.to_owned(),
        predicted: got,
    });
}

fn score_actors(gold: &GoldDocument, record: &Record, score: &mut RecordScore) {
    let codes = actors::eval::score_codes(
        gold.actors.iter().map(|a| a.code.as_str()),
        record.actors.iter().map(|a| a.code.as_str()),
    );
    score.actors = Tally {
        gold: codes.gold,
        found: codes.found,
        right: codes.found,
        predicted: codes.predicted,
        correct: codes.correct,
    };
    for g in &gold.actors {
        if !record.actors.iter().any(|a| a.code.starts_with(&g.code)) {
            miss(score, "actor", &gold.doc, &g.code, None);
        }
    }
    let gold_people: Vec<&str> = gold
        .actors
        .iter()
        .filter_map(|a| a.entity.as_deref())
        .collect();
    let predicted_people: Vec<&str> = record
        .actors
        .iter()
        .filter_map(|a| a.entity.as_deref())
        .collect();
    let people = actors::eval::score_people(
        gold_people.iter().copied(),
        predicted_people.iter().copied(),
    );
    score.people = Tally {
        gold: people.gold,
        found: people.found,
        right: people.found,
        predicted: people.predicted,
        correct: people.correct,
    };
    for g in &gold_people {
        let key = actors::eval::surname_key(g);
        if !predicted_people
            .iter()
            .any(|p| actors::eval::surname_key(p) == key)
        {
            miss(score, "person", &gold.doc, g, None);
        }
    }
}

fn score_times(
    gold: &GoldDocument,
    text: &str,
    record: &Record,
    score: &mut RecordScore,
) -> Result<(), ExtractError> {
    for g in &gold.times {
        let nth = g.occurrence.unwrap_or(1).max(1);
        let start = text
            .match_indices(g.text.as_str())
            .nth(nth - 1)
            .map(|(i, _)| i)
            .ok_or_else(|| ExtractError::GoldNotFound {
                what: gold.doc.clone(),
                text: g.text.clone(),
            })?;
        let end = start + g.text.len();
        score.times.gold += 1;
        let hit = record
            .times
            .iter()
            .find(|t| (t.start as usize) < end && start < t.end as usize);
        let Some(t) = hit else {
            miss(score, "time", &gold.doc, &g.text, None);
            continue;
        };
        score.times.found += 1;
        let value = (!t.unresolved).then(|| t.value.clone());
        if value == g.value {
            score.times.right += 1;
        } else {
            let label = format!("{} = {}", g.text, g.value.as_deref().unwrap_or("null"));
            let got = format!("{} = {}", t.text, value.as_deref().unwrap_or("null"));
            miss(score, "time", &gold.doc, &label, Some(got));
        }
    }
    Ok(())
}

fn score_quotes(gold: &GoldDocument, record: &Record, score: &mut RecordScore) {
    for g in &gold.quotes {
        score.quotes.gold += 1;
        let best = record
            .quotes
            .iter()
            .filter(|q| q.text.contains(g.text.as_str()))
            .min_by_key(|q| q.text.len());
        let Some(q) = best else {
            miss(score, "quote", &gold.doc, &g.text, None);
            continue;
        };
        score.quotes.found += 1;
        // The names the gold speaker goes by: the name given, and every name of the gold
        // actor with that entity.
        let mut want: Vec<String> = Vec::new();
        if let Some(speaker) = &g.speaker {
            want.push(actors::eval::surname_key(speaker));
            for a in gold
                .actors
                .iter()
                .filter(|a| a.entity.as_deref() == Some(speaker.as_str()))
            {
                want.extend(a.names.iter().map(|n| actors::eval::surname_key(n)));
            }
        }
        let actor = q
            .speaker
            .as_deref()
            .and_then(|id| record.actors.iter().find(|a| a.id == id));
        let mut names: Vec<&str> = q.speaker_text.as_deref().into_iter().collect();
        if let Some(a) = actor {
            names.extend(a.entity.as_deref());
            names.extend(a.aliases.iter().map(String::as_str));
        }
        let code_ok = g.speaker_code.is_some() && g.speaker_code == q.speaker_code;
        let name_ok = names
            .iter()
            .any(|n| want.contains(&actors::eval::surname_key(n)));
        if code_ok || name_ok {
            score.quotes.right += 1;
        } else {
            let label = format!(
                "{} ({})",
                g.text,
                g.speaker.as_deref().unwrap_or("no speaker")
            );
            let got = format!(
                "{} / {}",
                q.speaker_text.as_deref().unwrap_or("no speaker"),
                q.speaker_code.as_deref().unwrap_or("no code")
            );
            miss(score, "quote", &gold.doc, &label, Some(got));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::record::{ActorRecord, ByteRange, QuoteRecord, RecordDoc, TimeRecord};

    const TEXT: &str = "Talks resume on Monday. \"We are close,\" said Maria Lopez, the envoy.";

    fn record() -> Record {
        Record {
            doc: RecordDoc {
                id: "d1".to_owned(),
                title: None,
                source: None,
                url: None,
                published: Some("2026-03-04".to_owned()),
                language: Some("en".to_owned()),
                duplicate_of: None,
                extractor: "test".to_owned(),
            },
            sentences: vec![ByteRange { start: 0, end: 24 }],
            actors: vec![ActorRecord {
                id: "a1".to_owned(),
                code: "MEXGOV".to_owned(),
                country: Some("MEX".to_owned()),
                sector: Some("GOV".to_owned()),
                entity: Some("Maria Lopez".to_owned()),
                role: None,
                aliases: vec!["Lopez".to_owned()],
                mentions: vec![ByteRange { start: 45, end: 56 }],
            }],
            times: vec![TimeRecord {
                start: 16,
                end: 22,
                text: "Monday".to_owned(),
                kind: "DATE".to_owned(),
                value: "2026-03-09".to_owned(),
                unresolved: false,
            }],
            quotes: vec![QuoteRecord {
                start: 26,
                end: 38,
                text: "We are close".to_owned(),
                speaker: Some("a1".to_owned()),
                speaker_text: Some("Maria Lopez".to_owned()),
                speaker_start: Some(45),
                speaker_end: Some(56),
                speaker_code: Some("MEXGOV".to_owned()),
                cue: Some("said".to_owned()),
                kind: "direct".to_owned(),
            }],
            events: Vec::new(),
            positions: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn gold(json: &str) -> GoldDocument {
        parse_gold("test", json).expect("valid gold")
    }

    #[test]
    fn right_values_score_one() {
        let g = gold(
            r#"{"doc": "d1", "actors": [{"code": "MEX", "entity": "Maria Lopez", "names": ["Lopez"]}],
                "times": [{"text": "Monday", "value": "2026-03-09"}],
                "quotes": [{"text": "close", "speaker": "Maria Lopez", "speaker_code": "MEXGOV"}]}"#,
        );
        let s = score_record(&g, TEXT, &record()).expect("scores");
        assert_eq!((s.actors.gold, s.actors.found, s.actors.correct), (1, 1, 1));
        assert_eq!((s.people.gold, s.people.found), (1, 1));
        assert_eq!((s.times.found, s.times.right), (1, 1));
        assert_eq!((s.quotes.found, s.quotes.right), (1, 1));
        assert!(s.misses.is_empty(), "{:?}", s.misses);
    }

    #[test]
    fn wrong_values_and_misses_are_counted_and_listed() {
        let g = gold(
            r#"{"doc": "d1", "actors": [{"code": "USAGOV"}, {"code": "MEXGOV"}],
                "times": [{"text": "Monday", "value": "2026-03-02"}],
                "quotes": [{"text": "We are close", "speaker": "John Smith", "speaker_code": "USAGOV"},
                           {"text": "never", "speaker": null}]}"#,
        );
        let s = score_record(&g, TEXT, &record()).expect("scores");
        assert_eq!((s.actors.gold, s.actors.found), (2, 1));
        assert_eq!((s.times.found, s.times.right), (1, 0));
        assert_eq!((s.quotes.gold, s.quotes.found, s.quotes.right), (2, 1, 0));
        let whats: Vec<&str> = s.misses.iter().map(|m| m.what).collect();
        assert_eq!(whats, ["actor", "time", "quote", "quote"]);
    }

    #[test]
    fn a_gold_time_not_in_the_text_is_an_error() {
        let g = gold(r#"{"doc": "d1", "times": [{"text": "Friday", "value": null}]}"#);
        assert!(score_record(&g, TEXT, &record()).is_err());
    }
}
