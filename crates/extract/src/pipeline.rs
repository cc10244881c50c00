//! The extraction stage end to end: a document in, its SPEC §3 record out (sentences, actors,
//! times, quotes). Events, positions and claims are added by later stages.

use std::borrow::Cow;

use actors::ActorDictionary;
use model::Document;
use model::record::{ActorRecord, ByteRange, QuoteRecord, Record, RecordDoc};
use quotes::{QuoteExtractor, SpeakerHint};

use crate::{TimeExtractor, split_sentences};

/// The extractor and dictionary versions written into every record (`doc.extractor`), so
/// that records made by older rules can be found and re-made.
pub fn extractor_version() -> String {
    format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        actors::dictionary_version()
    )
}

/// Everything the stage needs, built once and shared by reference across threads.
pub struct Pipeline {
    times: TimeExtractor,
    actors: Cow<'static, ActorDictionary>,
    version: String,
}

impl Pipeline {
    /// A pipeline with the built-in actor dictionary (built once per process).
    pub fn new() -> Pipeline {
        Pipeline::build(Cow::Borrowed(ActorDictionary::builtin()), "")
    }

    /// A pipeline with a given actor dictionary (for example one extended by the user);
    /// `tag` names the extension in the version string (e.g. a hash of the user's file).
    pub fn with_actors(actors: ActorDictionary, tag: &str) -> Pipeline {
        Pipeline::build(Cow::Owned(actors), tag)
    }

    fn build(actors: Cow<'static, ActorDictionary>, tag: &str) -> Pipeline {
        let mut version = extractor_version();
        if !tag.is_empty() {
            version.push('+');
            version.push_str(tag);
        }
        Pipeline {
            times: TimeExtractor::new(),
            actors,
            version,
        }
    }

    /// The version string written into records.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Extracts the record of one document. Relative times are resolved against the
    /// publication date only; without one they stay unresolved (and say so).
    pub fn record(&self, doc: &Document) -> Record {
        let text = doc.text.as_str();
        let sentences = split_sentences(text);
        let dct = doc.published;
        let times = self
            .times
            .extract(text, &sentences, dct)
            .iter()
            .map(|t| t.to_time_record(text))
            .collect();
        let mentions = self.actors.annotate(text, dct.or(doc.inferred_date));
        let grouped = actors::group_actors(text, &mentions);
        let actor_records: Vec<ActorRecord> = grouped
            .iter()
            .map(|a| ActorRecord {
                id: a.id.clone(),
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                entity: a.entity.clone(),
                role: a.role.clone(),
                aliases: a.aliases.clone(),
                mentions: a.mentions.iter().map(|s| range(*s)).collect(),
            })
            .collect();
        let hints: Vec<SpeakerHint<'_>> = mentions
            .iter()
            .filter(|m| !m.code.is_empty())
            .map(|m| SpeakerHint {
                span: m.span,
                code: Some(m.code.as_str()),
                entity: m.entity.as_deref(),
            })
            .collect();
        let mut found = Vec::new();
        QuoteExtractor::new().extract(text, &sentences, &hints, &mut found);
        let quotes = found
            .iter()
            .map(|q| {
                let r = q.record(text, &hints);
                let speaker = q.hint.and_then(|i| hints.get(i)).and_then(|hint| {
                    grouped
                        .iter()
                        .find(|a| a.mentions.contains(&hint.span))
                        .map(|a| a.id.clone())
                });
                QuoteRecord {
                    start: r.start,
                    end: r.end,
                    text: r.text.to_owned(),
                    speaker,
                    speaker_text: r.speaker_text.map(str::to_owned),
                    speaker_start: r.speaker_start,
                    speaker_end: r.speaker_end,
                    speaker_code: r.speaker_code.map(str::to_owned),
                    cue: r.cue.map(str::to_owned),
                    kind: r.kind.as_str().to_owned(),
                }
            })
            .collect();
        Record {
            doc: RecordDoc {
                id: doc.id.to_string(),
                title: doc.title.clone(),
                source: doc.source.clone(),
                url: doc.url.clone(),
                published: doc.published.map(|d| d.to_string()),
                language: doc.language.as_deref().map(iso639_1),
                duplicate_of: doc.duplicate_of.as_ref().map(ToString::to_string),
                extractor: self.version.clone(),
            },
            sentences: sentences.iter().map(|s| range(*s)).collect(),
            actors: actor_records,
            times,
            quotes,
            events: Vec::new(),
            positions: Vec::new(),
            claims: Vec::new(),
        }
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

fn range(span: model::Span) -> ByteRange {
    ByteRange {
        start: span.start(),
        end: span.end(),
    }
}

/// ISO 639-3 → 639-1 for common news languages; other codes are kept as they are.
fn iso639_1(code: &str) -> String {
    match code {
        "eng" => "en",
        "fra" => "fr",
        "spa" => "es",
        "deu" => "de",
        "ara" => "ar",
        "pes" => "fa",
        "rus" => "ru",
        "ukr" => "uk",
        "cmn" => "zh",
        "heb" => "he",
        "tur" => "tr",
        "ita" => "it",
        "por" => "pt",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{DocFormat, DocId};

    fn doc(text: &str, published: Option<jiff::civil::Date>) -> Document {
        Document {
            id: DocId::new("t").expect("id"),
            text: text.to_owned(),
            title: None,
            source: None,
            url: None,
            author: None,
            published,
            inferred_date: None,
            language: Some("eng".to_owned()),
            format: DocFormat::Text,
            origin: "t.txt".to_owned(),
            content_hash: String::new(),
            duplicate_of: None,
        }
    }

    #[test]
    fn record_links_quote_speakers_to_actors() {
        let text = "Qatar's prime minister will host Israeli and Hamas negotiators in Doha tomorrow. \
                    \"We are close to a text,\" Sheikh Mohammed bin Abdulrahman Al Thani told reporters.";
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 3, 2))));
        assert_eq!(record.sentences.len(), 2);
        let tomorrow = record
            .times
            .iter()
            .find(|t| t.text == "tomorrow")
            .expect("tomorrow found");
        assert_eq!(tomorrow.value, "2026-03-03");
        let codes: Vec<&str> = record.actors.iter().map(|a| a.code.as_str()).collect();
        assert!(codes.contains(&"QATGOV"), "{codes:?}");
        let quote = &record.quotes[0];
        assert_eq!(quote.text, "We are close to a text");
        assert_eq!(quote.kind, "direct");
        assert_eq!(quote.speaker_code.as_deref(), Some("QATGOV"));
        let speaker = quote
            .speaker
            .as_deref()
            .expect("speaker linked to an actor");
        let actor = record
            .actors
            .iter()
            .find(|a| a.id == speaker)
            .expect("actor");
        assert_eq!(actor.code, "QATGOV");
        // Every span slices the text.
        for t in &record.times {
            assert_eq!(&text[t.start as usize..t.end as usize], t.text);
        }
        assert_eq!(record.doc.language.as_deref(), Some("en"));
        assert!(record.doc.extractor.starts_with(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn without_a_publication_date_relative_times_are_unresolved() {
        let record = Pipeline::new().record(&doc("The envoys meet again on Tuesday.", None));
        let tuesday = &record.times[0];
        assert!(tuesday.unresolved, "{tuesday:?}");
    }
}
