//! The extraction record (SPEC §3): one JSON object per document with its sentences, actors,
//! times, quotes, events, positions and claims. Field names and shapes are a wire contract:
//! change them only together with SPEC.md.

use serde::{Deserialize, Serialize};

/// The record of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Document metadata.
    pub doc: RecordDoc,
    /// Sentence spans, in order; events refer to them by index.
    pub sentences: Vec<ByteRange>,
    /// Actors mentioned, each with all its mentions.
    pub actors: Vec<ActorRecord>,
    /// Time expressions.
    pub times: Vec<TimeRecord>,
    /// Direct and reported speech.
    pub quotes: Vec<QuoteRecord>,
    /// Coded events.
    pub events: Vec<EventRecord>,
    /// Parties' stated stances.
    pub positions: Vec<PositionRecord>,
    /// Checkable facts.
    pub claims: Vec<ClaimRecord>,
}

/// Document metadata as it appears in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDoc {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date (`YYYY-MM-DD`) from metadata.
    pub published: Option<String>,
    /// Detected language as ISO 639-1 where known (`en`), else the ISO 639-3 code.
    pub language: Option<String>,
    /// Id of the document this one duplicates.
    pub duplicate_of: Option<String>,
    /// Extractor and dictionary versions that made the record.
    pub extractor: String,
}

/// A `{start, end}` byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ByteRange {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// An actor and its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Record-local id (`a1`, `a2`…).
    pub id: String,
    /// CAMEO-style code: country + optional sector (`IRNGOV`).
    pub code: String,
    /// ISO-3166 alpha-3 country, or an organisation code.
    pub country: Option<String>,
    /// Sector (`GOV`, `MIL`…).
    pub sector: Option<String>,
    /// Named person or organisation.
    pub entity: Option<String>,
    /// Role of the person (`Foreign Minister`).
    pub role: Option<String>,
    /// Spellings seen in the document.
    pub aliases: Vec<String>,
    /// Mention spans.
    pub mentions: Vec<ByteRange>,
}

/// A TIMEX3 time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRecord {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The text as written.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Normalised value (`2026-02-06`, `P3D`, `FUTURE_REF`…).
    pub value: String,
    /// True when the value keeps unknown parts (`XXXX-…`) because it needed a publication
    /// date the document does not have. Omitted from JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

/// A quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// First byte of the content (without quotation marks).
    pub start: u32,
    /// One past the last byte of the content.
    pub end: u32,
    /// The content.
    pub text: String,
    /// Actor id of the speaker, when resolved.
    pub speaker: Option<String>,
    /// The speaker's mention as written (a pronoun stays a pronoun).
    pub speaker_text: Option<String>,
    /// Start of the speaker mention.
    pub speaker_start: Option<u32>,
    /// End of the speaker mention.
    pub speaker_end: Option<u32>,
    /// Actor code of the speaker.
    pub speaker_code: Option<String>,
    /// Reporting word(s).
    pub cue: Option<String>,
    /// `direct` or `indirect`.
    pub kind: String,
}

/// A reference to an actor in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Actor code.
    pub code: String,
    /// Actor id in the record, when a named actor.
    pub actor: Option<String>,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Index into `sentences`.
    pub sentence: u32,
    /// Sentence start.
    pub start: u32,
    /// Sentence end.
    pub end: u32,
    /// PLOVER event type.
    pub plover: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Goldstein score of the CAMEO code.
    pub goldstein: f64,
    /// Who acts.
    pub source: ActorRef,
    /// Who is acted upon; `None` when the text does not say ("the talks collapsed").
    pub target: Option<ActorRef>,
    /// Third party mediating, if any.
    pub mediator: Option<ActorRef>,
    /// Event date (TIMEX3 value).
    pub date: Option<String>,
    /// `day`, `week`, `month`, `year`.
    pub date_grain: Option<String>,
    /// Place.
    pub location: Option<String>,
    /// `occurred`, `planned`, `hypothetical` or `negated`.
    pub status: String,
    /// The trigger word(s).
    pub trigger: String,
}

/// A party's stance on an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionRecord {
    /// Party code (country).
    pub actor: String,
    /// Issue id.
    pub issue: String,
    /// `red_line`, `demand`, `offer`, `concession`, `rejection` or `position`.
    pub kind: String,
    /// Value on the issue's scale, when the text allows one.
    pub value: Option<f64>,
    /// Short summary in the text's words.
    pub summary: String,
    /// Date of the stance.
    pub date: Option<String>,
    /// Evidence start.
    pub start: u32,
    /// Evidence end.
    pub end: u32,
}

/// A checkable fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// What the claim is about (`talks-muscat-2026-02-06`).
    pub subject: String,
    /// Which attribute (`format`, `venue`, `date`…).
    pub attribute: String,
    /// Normalised value.
    pub value: String,
    /// Evidence start.
    pub start: u32,
    /// Evidence end.
    pub end: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_record_uses_spec_field_names() {
        let t = TimeRecord {
            start: 101,
            end: 109,
            text: "Tomorrow".into(),
            kind: "DATE".into(),
            value: "2026-02-06".into(),
            unresolved: false,
        };
        assert_eq!(
            serde_json::to_string(&t).expect("serializable"),
            r#"{"start":101,"end":109,"text":"Tomorrow","type":"DATE","value":"2026-02-06"}"#
        );
    }
}
