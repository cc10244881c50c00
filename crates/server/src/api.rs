//! The read endpoints. Each handler checks its query parameters, reads the current snapshot
//! (or the store, for documents and search) and answers JSON; lists are paginated the same
//! way (`{"items", "total", "next"}`, `?limit=` and `?cursor=`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use model::{DocId, Document, Span};
use serde::Serialize;
use serde_json::{Value, json};
use store::{DocFilter, DocSummary};

use crate::AppState;
use crate::error::ApiError;
use crate::snapshot::{CodePrefix, EventKey, EventRow, Snapshot, bit_of, party_of};
use crate::timex;

/// Default page size.
const DEFAULT_LIMIT: usize = 100;
/// Largest page size.
const MAX_LIMIT: usize = 1000;
/// Deepest search result that can be paged to.
const MAX_SEARCH_DEPTH: usize = 1000;
/// PLOVER event types (SPEC §3).
pub(crate) const PLOVER: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];
/// Event statuses (SPEC §3).
pub(crate) const STATUSES: &[&str] = &["occurred", "planned", "hypothetical", "negated"];

type Result<T, E = ApiError> = std::result::Result<T, E>;

/// Query parameters, checked by name: an unknown parameter is an error that lists the known
/// ones, so a typo does not silently return everything.
pub(crate) struct Params {
    map: HashMap<String, String>,
}

impl Params {
    fn new(Query(map): Query<HashMap<String, String>>, known: &[&str]) -> Result<Params> {
        for name in map.keys() {
            if !known.contains(&name.as_str()) && name != "limit" && name != "cursor" {
                let mut all: Vec<&str> = known.to_vec();
                all.extend(["limit", "cursor"]);
                return Err(ApiError::bad_parameter(format!(
                    "unknown parameter `{name}`; this endpoint takes {}",
                    all.join(", ")
                )));
            }
        }
        Ok(Params { map })
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.map
            .get(name)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    fn date(&self, name: &str) -> Result<Option<Date>> {
        self.text(name)
            .map(|s| {
                s.parse::<Date>().map_err(|_| {
                    ApiError::bad_parameter(format!(
                        "`{name}`: {s:?} is not a date; use YYYY-MM-DD"
                    ))
                })
            })
            .transpose()
    }

    fn flag(&self, name: &str) -> Result<bool> {
        match self.text(name) {
            None => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(other) => Err(ApiError::bad_parameter(format!(
                "`{name}`: {other:?} is not true or false"
            ))),
        }
    }

    fn number(&self, name: &str) -> Result<Option<u32>> {
        self.text(name)
            .map(|s| {
                s.parse::<u32>().map_err(|_| {
                    ApiError::bad_parameter(format!(
                        "`{name}`: {s:?} is not a whole number of bytes"
                    ))
                })
            })
            .transpose()
    }

    /// An uppercase actor code (letters and digits only).
    fn code(&self, name: &str) -> Result<Option<String>> {
        self.text(name)
            .map(|s| {
                if s.chars().all(|c| c.is_ascii_alphanumeric()) && s.len() <= 16 {
                    Ok(s.to_ascii_uppercase())
                } else {
                    Err(ApiError::bad_parameter(format!(
                        "`{name}`: {s:?} is not an actor code (letters, e.g. IRN or IRNGOV)"
                    )))
                }
            })
            .transpose()
    }

    /// One or more comma-separated values from a closed list, normalised with `norm`.
    fn one_of(
        &self,
        name: &str,
        allowed: &[&str],
        norm: fn(&str) -> String,
    ) -> Result<Option<Vec<String>>> {
        let Some(raw) = self.text(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let value = norm(part);
            if !allowed.contains(&value.as_str()) {
                return Err(ApiError::bad_parameter(format!(
                    "`{name}`: {part:?} is not one of {}",
                    allowed.join(", ")
                )));
            }
            out.push(value);
        }
        Ok(Some(out))
    }

    fn page(&self, generation: u64) -> Result<Page> {
        let limit = match self.text("limit") {
            None => DEFAULT_LIMIT,
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(ApiError::bad_parameter(format!(
                        "`limit`: {s:?} must be a number from 1 to {MAX_LIMIT}"
                    )));
                }
            },
        };
        let offset = match self.text("cursor") {
            None => 0,
            Some(c) => decode_cursor(c, generation)?,
        };
        Ok(Page {
            offset,
            limit,
            generation,
        })
    }
}

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    offset: usize,
    limit: usize,
    generation: u64,
}

/// A cursor names the offset and the snapshot generation it was made in; a cursor from an
/// older generation is refused, since the list may have shifted under it.
fn encode_cursor(offset: usize, generation: u64) -> String {
    format!("o{offset:x}g{generation:x}")
}

fn decode_cursor(cursor: &str, generation: u64) -> Result<usize> {
    let bad = || ApiError::BadRequest {
        code: "bad_cursor",
        message: format!(
            "`cursor`: {cursor:?} is not a cursor from this server; use the `next` value of a previous page"
        ),
    };
    let rest = cursor.strip_prefix('o').ok_or_else(bad)?;
    let (offset, made) = rest.split_once('g').ok_or_else(bad)?;
    let offset = usize::from_str_radix(offset, 16).map_err(|_| bad())?;
    let made = u64::from_str_radix(made, 16).map_err(|_| bad())?;
    if made != generation {
        return Err(ApiError::BadRequest {
            code: "stale_cursor",
            message: "the data changed since this cursor was made (new documents arrived); start again without `cursor`".to_owned(),
        });
    }
    Ok(offset)
}

/// A page of a list as JSON.
#[derive(Serialize)]
struct Listing<T: Serialize> {
    items: Vec<T>,
    total: usize,
    next: Option<String>,
}

fn listing<T: Serialize>(items: impl Iterator<Item = T>, page: Page) -> Json<Listing<T>> {
    let mut total = 0;
    let mut out = Vec::new();
    for item in items {
        if total >= page.offset && out.len() < page.limit {
            out.push(item);
        }
        total += 1;
    }
    let end = page.offset + out.len();
    let next = (end < total).then(|| encode_cursor(end, page.generation));
    Json(Listing {
        items: out,
        total,
        next,
    })
}

fn snapshot(state: &AppState) -> Arc<Snapshot> {
    state.inner.snapshot()
}

/// A document without its text, as lists show it.
#[derive(Serialize)]
struct DocumentInfo<'a> {
    id: &'a DocId,
    title: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<Date>,
    inferred_date: Option<Date>,
    language: Option<&'a str>,
    format: &'a str,
    origin: &'a str,
    duplicate_of: Option<&'a DocId>,
    bytes: usize,
}

impl<'a> DocumentInfo<'a> {
    fn of(d: &'a Document) -> DocumentInfo<'a> {
        DocumentInfo {
            id: &d.id,
            title: d.title.as_deref(),
            source: d.source.as_deref(),
            url: d.url.as_deref(),
            author: d.author.as_deref(),
            published: d.published,
            inferred_date: d.inferred_date,
            language: d.language.as_deref(),
            format: d.format.as_str(),
            origin: &d.origin,
            duplicate_of: d.duplicate_of.as_ref(),
            bytes: d.text.len(),
        }
    }
}

fn summary_json(s: &DocSummary) -> Value {
    json!({
        "id": s.id,
        "title": s.title,
        "source": s.source,
        "published": s.published,
        "inferred_date": s.inferred_date,
        "language": s.language,
        "duplicate_of": s.duplicate_of,
        "bytes": s.bytes,
        "origin": s.origin,
    })
}

/// `GET /api/documents`: stored documents by date, then id.
pub(crate) async fn documents(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(
        query,
        &["since", "until", "source", "lang", "no_duplicates"],
    )?;
    let page = p.page(snapshot(&state).generation)?;
    let filter = DocFilter {
        since: p.date("since")?,
        until: p.date("until")?,
        source: p.text("source").map(str::to_owned),
        language: p.text("lang").map(str::to_owned),
        skip_duplicates: p.flag("no_duplicates")?,
        limit: None,
    };
    let rows = state
        .inner
        .pool
        .run(move |store| Ok(store.documents(&filter)?))
        .await?;
    Ok(listing(rows.iter().map(summary_json), page).into_response())
}

/// `GET /api/documents/{id}`: one document with its text and its stored record.
pub(crate) async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response> {
    let doc_id = DocId::new(id.clone()).map_err(|_| not_found(&id))?;
    let (document, record) = state
        .inner
        .pool
        .run(move |store| Ok((store.document(&doc_id)?, store.record(&doc_id)?)))
        .await?;
    let document = document.ok_or_else(|| not_found(&id))?;
    Ok(Json(json!({
        "document": DocumentInfo::of(&document),
        "text": document.text,
        "record": record,
    }))
    .into_response())
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!(
        "no document {id:?}; list them with GET /api/documents"
    ))
}

/// `GET /api/documents/{id}/span?start=&end=`: the text a piece of evidence points to,
/// with the document's title and date and the sentence index.
pub(crate) async fn span(
    State(state): State<AppState>,
    Path(id): Path<String>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["start", "end"])?;
    let (Some(start), Some(end)) = (p.number("start")?, p.number("end")?) else {
        return Err(ApiError::bad_parameter(
            "`start` and `end` (byte offsets into the document's text) are both required",
        ));
    };
    let snap = snapshot(&state);
    let (document, record) = match snap.document(&id) {
        Some(d) => {
            let i = snap.index[&d.id];
            (d.clone(), Some(snap.corpus.records[i].clone()))
        }
        None => {
            let doc_id = DocId::new(id.clone()).map_err(|_| not_found(&id))?;
            let (d, r) = state
                .inner
                .pool
                .run(move |store| Ok((store.document(&doc_id)?, store.record(&doc_id)?)))
                .await?;
            (d.ok_or_else(|| not_found(&id))?, r)
        }
    };
    let span = Span::within(&document.text, start as usize, end as usize).map_err(|_| {
        ApiError::bad_parameter(format!(
            "span {start}..{end} does not fit document {id:?} ({} bytes) or splits a character",
            document.text.len()
        ))
    })?;
    let sentence = record.as_ref().and_then(|r| {
        r.sentences
            .iter()
            .position(|s| s.start <= span.start() && span.start() < s.end.max(s.start + 1))
    });
    Ok(Json(json!({
        "doc": document.id,
        "start": span.start(),
        "end": span.end(),
        "text": span.slice(&document.text),
        "sentence": sentence,
        "title": document.title,
        "source": document.source,
        "published": document.published.or(document.inferred_date),
        "url": document.url,
    }))
    .into_response())
}

/// `GET /api/search?q=`: full-text search, best first, with snippets (matched words between
/// `[` and `]`).
pub(crate) async fn search(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["q"])?;
    let page = p.page(snapshot(&state).generation)?;
    let Some(q) = p.text("q").map(str::to_owned) else {
        return Err(ApiError::bad_parameter(
            "`q` is required: words (ANDed), \"a phrase\", or prefix*",
        ));
    };
    if q.len() > 1000 {
        return Err(ApiError::bad_parameter(
            "`q` is longer than 1000 bytes; search for fewer words",
        ));
    }
    let want = page.offset + page.limit + 1;
    if want > MAX_SEARCH_DEPTH + 1 {
        return Err(ApiError::bad_parameter(format!(
            "search pages reach the first {MAX_SEARCH_DEPTH} results only; refine the query"
        )));
    }
    let hits = state
        .inner
        .pool
        .run(move |store| Ok(store.search(&q, want as u32)?))
        .await?;
    let rows = hits.iter().map(|h| {
        let mut row = summary_json(&h.summary);
        row["score"] = json!(h.score);
        row["snippet"] = json!(h.snippet);
        row
    });
    // `total` counts only up to the page after this one: search does not count all hits.
    Ok(listing(rows, page).into_response())
}

/// `GET /api/actors`: the who's who with event counts.
pub(crate) async fn actors(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["party"])?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let party = p.code("party")?;
    let rows = snap.actors.iter().filter(|a| {
        party
            .as_deref()
            .is_none_or(|x| a.party.as_deref() == Some(x))
    });
    Ok(listing(rows, page).into_response())
}

/// Event filters shared by `/api/events` and `/api/network`. Types and statuses are bit
/// sets over [`PLOVER`] and [`STATUSES`], compared with the bits each [`EventRow`] carries.
struct EventFilter {
    actor: Option<CodePrefix>,
    dyad: Option<(CodePrefix, CodePrefix)>,
    types: Option<u32>,
    status: Option<u8>,
    since: Option<Date>,
    until: Option<Date>,
    doc: Option<String>,
}

/// The bit set of the values of a closed list (each already checked to be in `list`).
fn bits(list: &[&str], values: &[String]) -> u64 {
    values.iter().fold(0, |acc, v| acc | bit_of(list, v))
}

const EVENT_PARAMS: &[&str] = &[
    "actor", "dyad", "type", "status", "since", "until", "doc", "order",
];

/// `order=asc` (default: oldest first) or `order=desc`.
fn descending(p: &Params) -> Result<bool> {
    match p.text("order") {
        None | Some("asc") => Ok(false),
        Some("desc") => Ok(true),
        Some(other) => Err(ApiError::bad_parameter(format!(
            "`order`: {other:?} is not asc or desc"
        ))),
    }
}

impl EventFilter {
    fn parse(p: &Params) -> Result<EventFilter> {
        let dyad = match p.text("dyad") {
            None => None,
            Some(raw) => {
                let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
                let ok = |s: &str| {
                    !s.is_empty() && s.len() <= 16 && s.chars().all(|c| c.is_ascii_alphanumeric())
                };
                match parts.as_slice() {
                    [a, b] if ok(a) && ok(b) => Some((
                        CodePrefix::new(a.to_ascii_uppercase()),
                        CodePrefix::new(b.to_ascii_uppercase()),
                    )),
                    _ => {
                        return Err(ApiError::bad_parameter(format!(
                            "`dyad`: {raw:?} must be two actor codes separated by a comma, e.g. IRN,USA"
                        )));
                    }
                }
            }
        };
        Ok(EventFilter {
            actor: p.code("actor")?.map(CodePrefix::new),
            dyad,
            types: p
                .one_of("type", PLOVER, |s| s.to_ascii_uppercase())?
                .map(|v| bits(PLOVER, &v) as u32),
            status: p
                .one_of("status", STATUSES, |s| s.to_ascii_lowercase())?
                .map(|v| bits(STATUSES, &v) as u8),
            since: p.date("since")?,
            until: p.date("until")?,
            doc: p.text("doc").map(str::to_owned),
        })
    }

    /// True when the event passes every filter. The cheap comparisons (bits, days) come
    /// first; codes and document ids are compared only for the events that pass them.
    fn matches(&self, k: &EventKey, e: &EventRow) -> bool {
        if self.types.is_some_and(|t| t & k.plover == 0)
            || self.status.is_some_and(|s| s & k.status == 0)
        {
            return false;
        }
        if self.since.is_some() || self.until.is_some() {
            let Some((first, last)) = k.days else {
                return false;
            };
            if self.since.is_some_and(|s| last < s) || self.until.is_some_and(|u| first > u) {
                return false;
            }
        }
        let ev = &e.event;
        let source = |p: &CodePrefix| p.starts(k.source, || Some(ev.source.code.as_str()));
        let target =
            |p: &CodePrefix| p.starts(k.target, || ev.target.as_ref().map(|t| t.code.as_str()));
        if let Some(a) = &self.actor {
            let mediator = a.starts(k.mediator, || ev.mediator.as_ref().map(|m| m.code.as_str()));
            if !(source(a) || target(a) || mediator) {
                return false;
            }
        }
        if let Some((a, b)) = &self.dyad
            && !(source(a) && target(b) || source(b) && target(a))
        {
            return false;
        }
        if let Some(doc) = &self.doc
            && e.doc.as_str() != doc
        {
            return false;
        }
        true
    }
}

/// `GET /api/events`: every coded event of the stored records, filtered.
pub(crate) async fn events(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, EVENT_PARAMS)?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let filter = EventFilter::parse(&p)?;
    let all = || snap.event_keys.iter().zip(&snap.events);
    if descending(&p)? {
        // Newest first; undated events stay last.
        let dated = all().take(snap.dated_events).rev();
        let undated = all().skip(snap.dated_events);
        let rows = dated
            .chain(undated)
            .filter(|(k, e)| filter.matches(k, e))
            .map(|(_, e)| e);
        Ok(listing(rows, page).into_response())
    } else {
        let rows = all().filter(|(k, e)| filter.matches(k, e)).map(|(_, e)| e);
        Ok(listing(rows, page).into_response())
    }
}

/// `GET /api/network`: who acts on whom: parties as nodes, events between two parties as
/// weighted edges (count, types, mean Goldstein score), mediators linked to both sides.
pub(crate) async fn network(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, EVENT_PARAMS)?;
    let snap = snapshot(&state);
    let filter = EventFilter::parse(&p)?;
    #[derive(Default)]
    struct Edge {
        weight: usize,
        goldstein: f64,
        types: BTreeMap<String, usize>,
        events: Vec<String>,
    }
    let mut nodes: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, &str), Edge> = BTreeMap::new();
    let rows = snap.event_keys.iter().zip(&snap.events);
    for (_, e) in rows.filter(|(k, e)| filter.matches(k, e)) {
        let (Some(s), Some(t)) = (&e.source_party, &e.target_party) else {
            continue;
        };
        if s == t {
            continue;
        }
        let mut add = |a: &str, b: &str, kind: &'static str| {
            let edge = edges.entry((a.to_owned(), b.to_owned(), kind)).or_default();
            edge.weight += 1;
            edge.goldstein += e.event.goldstein;
            *edge.types.entry(e.event.plover.clone()).or_default() += 1;
            if edge.events.len() < 20 {
                edge.events.push(e.id.clone());
            }
        };
        add(s, t, "acts");
        nodes.entry(s.clone()).or_default().0 += 1;
        nodes.entry(t.clone()).or_default().0 += 1;
        if let Some(m) = e.event.mediator.as_ref().and_then(|m| party_of(&m.code))
            && &m != s
            && &m != t
        {
            add(&m, s, "mediates");
            add(&m, t, "mediates");
            nodes.entry(m).or_default().1 += 1;
        }
    }
    let nodes: Vec<Value> = nodes
        .into_iter()
        .map(|(id, (events, mediated))| json!({"id": id, "events": events, "mediated": mediated}))
        .collect();
    let edges: Vec<Value> = edges
        .into_iter()
        .map(|((source, target, kind), e)| {
            json!({
                "source": source,
                "target": target,
                "kind": kind,
                "weight": e.weight,
                "goldstein": e.goldstein / e.weight as f64,
                "types": e.types,
                "events": e.events,
            })
        })
        .collect();
    Ok(Json(json!({"nodes": nodes, "edges": edges})).into_response())
}

/// `GET /api/timeline`: events merged across documents (same date, type and parties), with
/// how many distinct stories report each.
pub(crate) async fn timeline(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(
        query,
        &["actor", "type", "status", "since", "until", "order"],
    )?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let actor = p.code("actor")?;
    let types = p.one_of("type", PLOVER, |s| s.to_ascii_uppercase())?;
    let status = p.one_of("status", &["occurred", "planned"], |s| {
        s.to_ascii_lowercase()
    })?;
    let (since, until) = (p.date("since")?, p.date("until")?);
    let rows = snap.analysis.timeline.iter().filter(|t| {
        actor.as_deref().is_none_or(|a| {
            t.source.starts_with(a)
                || t.target.as_deref().is_some_and(|x| x.starts_with(a))
                || t.mediator.as_deref().is_some_and(|x| x.starts_with(a))
        }) && types.as_ref().is_none_or(|ts| ts.contains(&t.plover))
            && status.as_ref().is_none_or(|s| s.contains(&t.status))
            && timex::overlaps(Some(&t.date), since, until)
    });
    if descending(&p)? {
        Ok(listing(rows.rev(), page).into_response())
    } else {
        Ok(listing(rows, page).into_response())
    }
}

/// `GET /api/positions`: every stance read, in document order.
pub(crate) async fn positions(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["party", "issue", "kind"])?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let party = p.code("party")?;
    let issue = p.text("issue");
    let kinds = p.one_of(
        "kind",
        &[
            "red_line",
            "demand",
            "offer",
            "concession",
            "rejection",
            "position",
        ],
        |s| s.to_ascii_lowercase(),
    )?;
    let rows = snap.analysis.positions.iter().filter(|x| {
        party.as_deref().is_none_or(|a| x.actor == a)
            && issue.is_none_or(|i| x.issue == i)
            && kinds
                .as_ref()
                .is_none_or(|k| k.iter().any(|k| k == x.kind.as_str()))
    });
    Ok(listing(rows, page).into_response())
}

/// `GET /api/changes`: stances that moved between dates.
pub(crate) async fn changes(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["party", "issue"])?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let party = p.code("party")?;
    let issue = p.text("issue");
    let rows = snap.analysis.changes.iter().filter(|c| {
        party.as_deref().is_none_or(|a| c.party == a) && issue.is_none_or(|i| c.issue == i)
    });
    Ok(listing(rows, page).into_response())
}

/// `GET /api/issues`: the dossier (parties, mediators, issues with scales) and the party ×
/// issue table of latest stances.
pub(crate) async fn issues(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let _ = Params::new(query, &[])?;
    let snap = snapshot(&state);
    Ok(Json(json!({
        "dossier": snap.dossier,
        "proposed": snap.proposed,
        "rows": snap.analysis.issues,
    }))
    .into_response())
}

/// `GET /api/contradictions`: disagreements between sources, each side with its evidence.
pub(crate) async fn contradictions(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["subject", "attribute"])?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    let subject = p.text("subject");
    let attribute = p.text("attribute");
    let rows = snap.analysis.contradictions.iter().filter(|c| {
        subject.is_none_or(|s| c.subject == s) && attribute.is_none_or(|a| c.attribute == a)
    });
    Ok(listing(rows, page).into_response())
}

/// `GET /api/schedule`: what is planned next.
pub(crate) async fn schedule(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &[])?;
    let snap = snapshot(&state);
    let page = p.page(snap.generation)?;
    Ok(listing(snap.analysis.schedule.iter(), page).into_response())
}

/// `GET /api/forecast`: the forecast of every issue of the dossier with a scale (outcome,
/// Monte Carlo spread, cited inputs, explanation), as `backchannel forecast --dossier` gives.
pub(crate) async fn forecast(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let _ = Params::new(query, &[])?;
    let snap = snapshot(&state);
    Ok(Json(&snap.forecast).into_response())
}

/// `GET /api/brief?format=md|html|json`: the analyst's brief, with the forecast section.
pub(crate) async fn brief(
    State(state): State<AppState>,
    query: Query<HashMap<String, String>>,
) -> Result<Response> {
    let p = Params::new(query, &["format"])?;
    let format = p.text("format").unwrap_or("md").to_ascii_lowercase();
    let content_type = match format.as_str() {
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        other => {
            return Err(ApiError::bad_parameter(format!(
                "`format`: {other:?} is not md, html or json"
            )));
        }
    };
    let snap = snapshot(&state);
    let body = tokio::task::spawn_blocking(move || {
        let sources = snap.corpus.sources();
        let report = brief::Brief::new(&snap.dossier, &snap.analysis, &sources)
            .with_forecast(&snap.forecast);
        match format.as_str() {
            "html" => report.html(),
            "json" => report.json().to_string(),
            _ => report.markdown(),
        }
    })
    .await
    .map_err(|err| ApiError::Internal(format!("brief: {err}")))?;
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Ok(response)
}

/// `GET /api/status`: what the server holds.
pub(crate) async fn status(State(state): State<AppState>) -> Result<Response> {
    let snap = snapshot(&state);
    Ok(Json(json!({
        "generation": snap.generation,
        "documents": snap.key.documents,
        "pending": snap.key.pending,
        "analysed": snap.corpus.documents.len(),
        "missing_records": snap.corpus.missing_records,
        "events": snap.events.len(),
        "timeline": snap.analysis.timeline.len(),
        "contradictions": snap.analysis.contradictions.len(),
        "dossier": snap.dossier.name,
        "proposed_dossier": snap.proposed,
        "build_ms": snap.build_ms,
        "writable": state.inner.config.token.is_some(),
        "extractor": state.inner.extractor,
    }))
    .into_response())
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi_json() -> Response {
    Json(crate::openapi()).into_response()
}

/// Any path no route matches.
pub(crate) async fn no_route(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!(
        "no endpoint at {}; the API is listed at /api/openapi.json",
        uri.path()
    ))
}

/// A known path with a method it does not take.
pub(crate) async fn wrong_method() -> Response {
    crate::error::error_body(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this method is not allowed here; see /api/openapi.json",
    )
}
