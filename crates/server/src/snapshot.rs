//! The analysed view of the corpus that the read endpoints serve: the stored documents with
//! their records, the dossier, the analysis (positions, changes, contradictions, timeline,
//! schedule) and indexes built from them (events, actors, network). Built on a store
//! thread; replaced as a whole when the database changes, so a request always sees one
//! consistent view.

use std::collections::{BTreeMap, HashMap};

use corpus::{Corpus, CorpusError};
use model::record::EventRecord;
use model::{DocId, Evidence, Span};
use serde::Serialize;
use store::Store;

use crate::error::ApiError;

/// What says whether the database changed: document count and the number of documents
/// whose record is missing or made by another extractor (it falls as a worker catches up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub(crate) struct Key {
    /// Stored documents.
    pub(crate) documents: u64,
    /// Documents still to be (re-)extracted.
    pub(crate) pending: u64,
}

/// Reads the key.
pub(crate) fn key(store: &mut dyn Store, extractor: &str) -> Result<Key, ApiError> {
    Ok(Key {
        documents: store.count_documents()?,
        pending: store.stale_documents(extractor)?.len() as u64,
    })
}

/// One coded event with the document it was read in.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EventRow {
    /// `document#index`: stable while the record is.
    pub(crate) id: String,
    /// The document.
    pub(crate) doc: DocId,
    /// The document's publication (or inferred) date.
    pub(crate) doc_date: Option<String>,
    /// The event as stored (SPEC §3 fields).
    #[serde(flatten)]
    pub(crate) event: EventRecord,
    /// Source party (country or IGO code).
    pub(crate) source_party: Option<String>,
    /// Target party.
    pub(crate) target_party: Option<String>,
    /// Where it was read.
    pub(crate) evidence: Vec<Evidence>,
}

/// An event's filterable fields, decoded once when the snapshot is built and kept in a dense
/// array beside the events: filters run over every event of the corpus on each request, so
/// they compare a few integers per event instead of following pointers to strings.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EventKey {
    /// Bit `i` set when the PLOVER type is `PLOVER[i]`; 0 for a type outside the list.
    pub(crate) plover: u32,
    /// Bit `i` set when the status is `STATUSES[i]`; 0 for another status.
    pub(crate) status: u8,
    /// First and last day of the event's own date (not the document's), when it has one.
    pub(crate) days: Option<(jiff::civil::Date, jiff::civil::Date)>,
    /// The first eight bytes of the source's code ([`code_head`]).
    pub(crate) source: u64,
    /// The first eight bytes of the target's code, 0 without a target.
    pub(crate) target: u64,
    /// The first eight bytes of the mediator's code, 0 without one.
    pub(crate) mediator: u64,
}

impl EventKey {
    fn of(event: &EventRecord) -> EventKey {
        EventKey {
            plover: bit_of(crate::api::PLOVER, &event.plover) as u32,
            status: bit_of(crate::api::STATUSES, &event.status) as u8,
            days: event.date.as_deref().and_then(crate::timex::day_range),
            source: code_head(&event.source.code),
            target: event.target.as_ref().map_or(0, |t| code_head(&t.code)),
            mediator: event.mediator.as_ref().map_or(0, |m| code_head(&m.code)),
        }
    }
}

/// The first eight bytes of an actor code as an integer (byte `i` in bits `8i..8i+8`, zeros
/// after a shorter code). For a code prefix `p` of at most eight bytes, which holds no zero
/// byte, "code starts with `p`" is `code_head(code) & mask == code_head(p)` with `mask`
/// covering `p.len()` bytes: see [`CodePrefix`].
pub(crate) fn code_head(code: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = code.len().min(8);
    bytes[..n].copy_from_slice(&code.as_bytes()[..n]);
    u64::from_le_bytes(bytes)
}

/// A code prefix to test against [`EventKey`] codes.
#[derive(Debug, Clone)]
pub(crate) struct CodePrefix {
    text: String,
    head: u64,
    mask: u64,
}

impl CodePrefix {
    /// A prefix (non-empty, without zero bytes: actor codes are letters and digits).
    pub(crate) fn new(text: String) -> CodePrefix {
        let n = text.len().min(8);
        let mask = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        CodePrefix {
            head: code_head(&text),
            mask,
            text,
        }
    }

    /// True when the code whose head is `head` (0: no code) starts with this prefix;
    /// `full` gives the whole code, read only for prefixes longer than eight bytes.
    pub(crate) fn starts<'a>(&self, head: u64, full: impl FnOnce() -> Option<&'a str>) -> bool {
        if head == 0 || head & self.mask != self.head {
            return false;
        }
        self.text.len() <= 8 || full().is_some_and(|code| code.starts_with(&self.text))
    }
}

/// The bit of `value` in `list` (bit `i` for `list[i]`), 0 when absent.
pub(crate) fn bit_of(list: &[&str], value: &str) -> u64 {
    list.iter()
        .position(|x| *x == value)
        .map_or(0, |i| 1u64 << i)
}

/// An actor of the who's who with how many events name it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActorRow {
    /// Who's who row (code, entity, role, aliases, documents, mentions).
    #[serde(flatten)]
    pub(crate) who: brief::WhoIsWho,
    /// The party (country or IGO code) it belongs to.
    pub(crate) party: Option<String>,
    /// Events with this code as source or target.
    pub(crate) events: usize,
}

/// Everything the read endpoints serve.
pub(crate) struct Snapshot {
    /// Counts the builds: 1 for the first.
    pub(crate) generation: u64,
    /// The database state it was built from.
    pub(crate) key: Key,
    /// Documents and records (English, analysed).
    pub(crate) corpus: Corpus,
    /// The dossier in use.
    pub(crate) dossier: dossier::Dossier,
    /// True when the dossier was proposed from the corpus.
    pub(crate) proposed: bool,
    /// The analysis.
    pub(crate) analysis: dossier::Analysis,
    /// The forecast of every issue with a scale ([`forecast_settings`]).
    pub(crate) forecast: dossier::DossierForecast,
    /// Every event, by date then document.
    pub(crate) events: Vec<EventRow>,
    /// The filterable fields of `events`, index for index.
    pub(crate) event_keys: Vec<EventKey>,
    /// How many events (at the start of `events`) have a date or a dated document.
    pub(crate) dated_events: usize,
    /// The who's who with event counts.
    pub(crate) actors: Vec<ActorRow>,
    /// Document id → index into `corpus.documents`.
    pub(crate) index: HashMap<DocId, usize>,
    /// How long the build took.
    pub(crate) build_ms: u64,
}

/// The forecast the server computes with each snapshot: KTAB's defaults, a Monte Carlo of
/// 500 runs (seed 1, so the same corpus gives the same forecast) and the charts for the
/// HTML brief.
pub fn forecast_settings() -> dossier::ForecastSettings {
    dossier::ForecastSettings {
        monte_carlo: forecast::MonteCarloConfig {
            runs: 500,
            ..forecast::MonteCarloConfig::default()
        },
        svg: true,
        ..dossier::ForecastSettings::default()
    }
}

impl Snapshot {
    /// Loads the corpus, analyses it and forecasts each issue.
    pub(crate) fn build(
        store: &mut dyn Store,
        key: Key,
        generation: u64,
        dossier: Option<&dossier::Dossier>,
    ) -> Result<Snapshot, ApiError> {
        let started = std::time::Instant::now();
        let corpus = match Corpus::load(store, None) {
            Ok(corpus) => corpus,
            Err(CorpusError::Empty) => Corpus {
                documents: Vec::new(),
                records: Vec::new(),
                missing_records: key.documents as usize,
            },
            Err(err) => return Err(ApiError::Internal(err.to_string())),
        };
        let (dossier, proposed) = match dossier {
            Some(d) => (d.clone(), false),
            None => (dossier::propose(&corpus.records, &corpus.documents), true),
        };
        let analysis = corpus.analyze(&dossier);
        let forecast = corpus.forecast(&dossier, &analysis, &forecast_settings());
        let events = events(&corpus);
        let event_keys = events.iter().map(|e| EventKey::of(&e.event)).collect();
        let actors = actors(&corpus, &events);
        let dated_events = events.iter().take_while(|e| event_day(e).is_some()).count();
        let index = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        Ok(Snapshot {
            generation,
            key,
            corpus,
            dossier,
            proposed,
            analysis,
            forecast,
            events,
            event_keys,
            dated_events,
            actors,
            index,
            build_ms: started.elapsed().as_millis() as u64,
        })
    }

    /// The document with this id, if analysed.
    pub(crate) fn document(&self, id: &str) -> Option<&model::Document> {
        let id = DocId::new(id).ok()?;
        self.index.get(&id).map(|&i| &self.corpus.documents[i])
    }
}

/// The party a code speaks for: `IRNGOV` → `IRN`; IGO codes stay whole.
pub(crate) fn party_of(code: &str) -> Option<String> {
    if code.starts_with("IGO") {
        return Some(code.to_owned());
    }
    let head = code.get(..3)?;
    head.bytes()
        .all(|b| b.is_ascii_uppercase())
        .then(|| head.to_owned())
}

fn events(corpus: &Corpus) -> Vec<EventRow> {
    let mut rows = Vec::new();
    for (document, record) in corpus.documents.iter().zip(&corpus.records) {
        let doc_date = document
            .published
            .or(document.inferred_date)
            .map(|d| d.to_string());
        for (i, event) in record.events.iter().enumerate() {
            let Ok(span) = Span::within(&document.text, event.start as usize, event.end as usize)
            else {
                continue;
            };
            rows.push(EventRow {
                id: format!("{}#{i}", document.id),
                doc: document.id.clone(),
                doc_date: doc_date.clone(),
                source_party: party_of(&event.source.code),
                target_party: event.target.as_ref().and_then(|t| party_of(&t.code)),
                event: event.clone(),
                evidence: vec![Evidence {
                    doc: document.id.clone(),
                    span,
                }],
            });
        }
    }
    // By the first day of the event's date (the document's date when it has none), so that
    // weeks and months sort among days.
    let day = event_day;
    rows.sort_by_cached_key(|row| {
        (
            day(row).is_none(),
            day(row),
            row.doc.clone(),
            row.event.start,
        )
    });
    rows
}

fn actors(corpus: &Corpus, events: &[EventRow]) -> Vec<ActorRow> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events {
        *counts.entry(e.event.source.code.as_str()).or_default() += 1;
        if let Some(t) = &e.event.target
            && t.code != e.event.source.code
        {
            *counts.entry(t.code.as_str()).or_default() += 1;
        }
    }
    brief::who_is_who(&corpus.sources())
        .into_iter()
        .map(|who| ActorRow {
            party: party_of(&who.code),
            events: counts.get(who.code.as_str()).copied().unwrap_or(0),
            who,
        })
        .collect()
}

/// The first day of an event's date, else of its document's date.
fn event_day(row: &EventRow) -> Option<jiff::civil::Date> {
    row.event
        .date
        .as_deref()
        .and_then(crate::timex::day_range)
        .or_else(|| row.doc_date.as_deref().and_then(crate::timex::day_range))
        .map(|(first, _)| first)
}

#[cfg(test)]
mod tests {
    use super::{CodePrefix, code_head};

    /// Checks `CodePrefix::starts` against `str::starts_with` for every pair.
    #[test]
    fn code_prefixes_agree_with_starts_with() {
        let codes = [
            "",
            "I",
            "IR",
            "IRN",
            "IRNGOV",
            "IRQ",
            "IGOEUR",
            "IGOUNOIAE",
            "IGOUNOIAEX",
            "USAGOV",
        ];
        let prefixes = [
            "I",
            "IR",
            "IRN",
            "IRNGOV",
            "IGO",
            "IGOUNOIA",
            "IGOUNOIAE",
            "USA",
            "X",
        ];
        for p in prefixes {
            let prefix = CodePrefix::new(p.to_owned());
            for code in codes {
                let got = prefix.starts(code_head(code), || Some(code));
                assert_eq!(got, !code.is_empty() && code.starts_with(p), "{code} / {p}");
            }
            // No code at all never matches.
            assert!(!prefix.starts(0, || None));
        }
    }
}
