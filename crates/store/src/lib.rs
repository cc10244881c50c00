//! Storage: the [`Store`] interface every backend implements, with SQLite and PostgreSQL
//! backends.
//!
//! Only this crate knows SQL. A document is written in one transaction together with its
//! id resolution and duplicate links, so a killed run never leaves half a document, and a
//! re-run over the same input changes nothing ([`PutOutcome::Unchanged`]). The
//! [`conformance`] module holds the behaviour every backend must show; the SQLite tests run
//! it, and the PostgreSQL backend runs the same functions.
//!
//! The store also holds the work queue (SPEC §7): `ingest --enqueue` stores documents with
//! [`Store::enqueue_document`], workers take them with [`Store::claim`] under a lease and
//! finish them with [`Store::complete`] (record and queue state in one transaction, only
//! while the lease is still theirs) or [`Store::fail`]. Exports read everything page by page
//! ([`Store::documents_page`], [`Store::records_page`]) so memory stays constant.

#![deny(missing_docs)]

mod common;
pub mod conformance;
mod error;
mod postgres;
mod query;
mod queue;
mod sqlite;

pub use error::StoreError;
pub use postgres::{PgStore, redact};
pub use queue::{Claim, ClaimRequest, Cursor, FailureCount, Page, QueueStatus, WorkerLeases};
pub use sqlite::SqliteStore;

use model::record::Record;
use model::{DocId, Document};

/// A document to store with its near-duplicate fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    /// The document; its `id` is the requested id and `duplicate_of` is ignored (the store
    /// decides it).
    pub doc: &'a Document,
    /// MinHash signature values (may be empty for short texts).
    pub signature: &'a [u64],
    /// LSH band keys `(band, hash)` of the signature.
    pub bands: &'a [(u32, i64)],
    /// Estimated Jaccard similarity at or above which a stored document is a near-duplicate.
    pub near_threshold: f64,
}

/// What storing a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new document was written under `id`.
    Stored {
        /// The final id (the requested one, or with a `~hash` suffix when that was taken).
        id: DocId,
        /// The earlier document it duplicates, if any.
        duplicate_of: Option<DocId>,
        /// True when `duplicate_of` is a near (not exact) duplicate.
        near: bool,
    },
    /// The same content was already stored under this id; nothing was written.
    Unchanged {
        /// The id it is stored under.
        id: DocId,
    },
}

/// Filters for listing documents. Dates compare against the publication date, or the
/// inferred date when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFilter {
    /// Only documents dated on or after this day.
    pub since: Option<jiff::civil::Date>,
    /// Only documents dated on or before this day.
    pub until: Option<jiff::civil::Date>,
    /// Only documents whose source contains this text (case-insensitive).
    pub source: Option<String>,
    /// Only documents in this language (ISO 639-3).
    pub language: Option<String>,
    /// Leave out documents that duplicate another.
    pub skip_duplicates: bool,
    /// At most this many rows (all when `None`).
    pub limit: Option<u32>,
}

/// A row of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSummary {
    /// Document id.
    pub id: DocId,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date from metadata.
    pub published: Option<jiff::civil::Date>,
    /// Date read from the text.
    pub inferred_date: Option<jiff::civil::Date>,
    /// Detected language.
    pub language: Option<String>,
    /// The document this one duplicates.
    pub duplicate_of: Option<DocId>,
    /// Length of the text in bytes.
    pub bytes: u64,
    /// Where it was read from.
    pub origin: String,
}

/// A full-text search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The document.
    pub summary: DocSummary,
    /// Relevance: higher is better (negated BM25 on SQLite).
    pub score: f64,
    /// A short excerpt with matched terms between `[` and `]`.
    pub snippet: String,
}

/// HTTP validators remembered per URL for conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpValidators {
    /// The `ETag` the server sent.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent.
    pub last_modified: Option<String>,
}

/// The storage interface. SQLite implements it here; PostgreSQL implements it in the same
/// way and passes the same [`conformance`] suite.
pub trait Store {
    /// Stores a document in one transaction: resolves its id (SPEC §2), links exact and near
    /// duplicates, indexes it for search. Storing the same content under the same id again
    /// returns [`PutOutcome::Unchanged`].
    ///
    /// # Errors
    /// Database errors; nothing is written when one occurs.
    fn put_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError>;

    /// One document with its text.
    ///
    /// # Errors
    /// Database errors.
    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError>;

    /// Lists documents by date (undated last), then id.
    ///
    /// # Errors
    /// Database errors.
    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError>;

    /// Number of stored documents.
    ///
    /// # Errors
    /// Database errors.
    fn count_documents(&self) -> Result<u64, StoreError>;

    /// Full-text search over title and text, best first. Words are ANDed; `"a phrase"`
    /// matches a phrase; `word*` a prefix. Operators of the backend's own query language are
    /// not exposed, so any input is safe.
    ///
    /// # Errors
    /// Database errors.
    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError>;

    /// Stores (or replaces) the extraction record of a stored document, in one transaction.
    ///
    /// # Errors
    /// [`StoreError::UnknownDocument`] when the document is not stored; database errors.
    fn put_record(&mut self, record: &Record) -> Result<(), StoreError>;

    /// The extraction record of a document, if it has one.
    ///
    /// # Errors
    /// Database errors; a record that no longer parses is [`StoreError::Corrupt`].
    fn record(&self, id: &DocId) -> Result<Option<Record>, StoreError>;

    /// Records of the documents the filter selects, in the filter's order; documents without
    /// a record are left out.
    ///
    /// # Errors
    /// Database errors.
    fn records(&self, filter: &DocFilter) -> Result<Vec<Record>, StoreError>;

    /// Documents with no record, or a record made by another extractor version, in ingest
    /// order: the work list of `reprocess`.
    ///
    /// # Errors
    /// Database errors.
    fn stale_documents(&self, extractor: &str) -> Result<Vec<DocId>, StoreError>;

    /// Validators saved for a URL.
    ///
    /// # Errors
    /// Database errors.
    fn http_validators(&self, url: &str) -> Result<Option<HttpValidators>, StoreError>;

    /// Saves validators for a URL.
    ///
    /// # Errors
    /// Database errors.
    fn set_http_validators(&mut self, url: &str, v: &HttpValidators) -> Result<(), StoreError>;

    /// Stores a document like [`Store::put_document`] and, in the same transaction, puts it
    /// on the work queue as pending. A document already stored is queued when it has neither
    /// a queue entry nor a record, so re-running an interrupted `ingest --enqueue` finishes
    /// the job without queueing anything twice.
    ///
    /// # Errors
    /// Database errors; nothing is written when one occurs.
    fn enqueue_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError>;

    /// Takes up to `request.limit` documents off the queue for `worker`, oldest first:
    /// pending ones, then ones whose lease expired (their worker died). Each claim counts an
    /// attempt; a document whose lease expired after `request.max_attempts` attempts is
    /// marked failed instead of being handed out again. Claims by concurrent workers never
    /// overlap.
    ///
    /// # Errors
    /// Database errors.
    fn claim(&mut self, worker: &str, request: &ClaimRequest) -> Result<Vec<Claim>, StoreError>;

    /// Stores the record of a claimed document and marks it done, in one transaction, if
    /// the claim still holds (no other worker took the document after the lease expired).
    /// Returns false, writing nothing, when the claim was lost.
    ///
    /// # Errors
    /// Database errors; nothing is written when one occurs.
    fn complete(&mut self, claim: &Claim, record: &Record) -> Result<bool, StoreError>;

    /// Marks a claimed document failed with a reason, if the claim still holds; returns
    /// false otherwise.
    ///
    /// # Errors
    /// Database errors.
    fn fail(&mut self, claim: &Claim, reason: &str) -> Result<bool, StoreError>;

    /// Queue depth, recent throughput, failure reasons and active workers. `window` is the
    /// span of recent completions counted for throughput.
    ///
    /// # Errors
    /// Database errors.
    fn queue_status(&self, window: std::time::Duration) -> Result<QueueStatus, StoreError>;

    /// Puts failed documents back on the queue as pending with a fresh attempt count;
    /// returns how many.
    ///
    /// # Errors
    /// Database errors.
    fn retry_failed(&mut self) -> Result<u64, StoreError>;

    /// Queues every document with no record or a record made by another extractor version
    /// (see [`Store::stale_documents`]) that is not already pending or leased; returns how
    /// many were queued.
    ///
    /// # Errors
    /// Database errors.
    fn requeue_stale(&mut self, extractor: &str) -> Result<u64, StoreError>;

    /// Full documents in ingest order, `limit` at a time, starting after `after`
    /// ([`Cursor::START`] for the first page). For streaming exports of any size.
    ///
    /// # Errors
    /// Database errors; unreadable rows are [`StoreError::Corrupt`].
    fn documents_page(&self, after: Cursor, limit: u32) -> Result<Page<Document>, StoreError>;

    /// Extraction records in ingest order of their documents, `limit` at a time, starting
    /// after `after`.
    ///
    /// # Errors
    /// Database errors; a record that no longer parses is [`StoreError::Corrupt`].
    fn records_page(&self, after: Cursor, limit: u32) -> Result<Page<Record>, StoreError>;
}
