//! Types of the work queue and of paged reading, shared by both backends.
//!
//! A queued document is in one of four states: `pending` (waiting), `leased` (a worker has
//! it until `lease_until`), `done` (its record was written by [`crate::Store::complete`]) or
//! `failed` (with a reason). A lease that runs out without completion means the worker died;
//! the document becomes claimable again. Completion checks the claim (worker + attempt
//! number) inside the writing transaction, so a document is committed exactly once even
//! when a slow worker and its successor both processed it.

use std::time::Duration;

use model::DocId;

/// Queue states as stored.
pub(crate) const PENDING: &str = "pending";
pub(crate) const LEASED: &str = "leased";
pub(crate) const DONE: &str = "done";
pub(crate) const FAILED: &str = "failed";

/// What a worker asks for when it claims work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRequest {
    /// At most this many documents.
    pub limit: u32,
    /// How long the worker may hold them before others may take them over.
    pub lease: Duration,
    /// A document whose lease ran out this many times is marked failed rather than handed
    /// out again (it probably kills its workers).
    pub max_attempts: u32,
}

impl Default for ClaimRequest {
    fn default() -> ClaimRequest {
        ClaimRequest {
            limit: 8,
            lease: Duration::from_secs(300),
            max_attempts: 5,
        }
    }
}

/// One document taken off the queue by one worker. Only the store makes these; the worker
/// hands it back to [`crate::Store::complete`] or [`crate::Store::fail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The document.
    pub id: DocId,
    /// Which attempt this is (1 for the first claim).
    pub attempt: u32,
    /// The worker that holds it.
    pub worker: String,
    pub(crate) seq: i64,
}

/// Active leases of one worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerLeases {
    /// Worker name.
    pub worker: String,
    /// Documents it holds under a live lease.
    pub leased: u64,
}

/// Failed documents sharing one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureCount {
    /// The reason given by the worker.
    pub reason: String,
    /// How many documents failed with it.
    pub count: u64,
}

/// The state of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueStatus {
    /// Waiting for a worker.
    pub pending: u64,
    /// Held by a worker under a live lease.
    pub leased: u64,
    /// Held under a lease that ran out (the worker probably died); claimable again.
    pub expired: u64,
    /// Finished.
    pub done: u64,
    /// Given up on, with a reason.
    pub failed: u64,
    /// Documents whose record was committed more than once since they were last queued.
    /// Always 0 unless exactly-once processing is broken; the reliability tests check it.
    pub completed_twice: u64,
    /// Documents finished within the requested window.
    pub recent_done: u64,
    /// The window, in milliseconds.
    pub window_ms: u64,
    /// First and last completion time in the window (Unix milliseconds), when any.
    pub recent_span_ms: Option<(i64, i64)>,
    /// Failure reasons, most frequent first (at most ten).
    pub failures: Vec<FailureCount>,
    /// Workers holding live leases, by name.
    pub workers: Vec<WorkerLeases>,
}

impl QueueStatus {
    /// Documents per second over the window: completions divided by the time between the
    /// first and the last of them (or by the window when there is only one), 0 when none.
    pub fn throughput(&self) -> f64 {
        match self.recent_span_ms {
            Some((first, last)) if last > first && self.recent_done > 1 => {
                (self.recent_done - 1) as f64 / ((last - first) as f64 / 1000.0)
            }
            Some(_) if self.window_ms > 0 => {
                self.recent_done as f64 / (self.window_ms as f64 / 1000.0)
            }
            _ => 0.0,
        }
    }
}

/// Where a paged read resumes: after the document with this ingest sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cursor(pub(crate) i64);

impl Cursor {
    /// Before the first document.
    pub const START: Cursor = Cursor(0);
}

/// One page of a paged read.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items, in order.
    pub items: Vec<T>,
    /// Where the next page starts; `None` when this was the last page.
    pub next: Option<Cursor>,
}

/// Lease length in milliseconds, at least 1.
pub(crate) fn lease_ms(lease: Duration) -> i64 {
    i64::try_from(lease.as_millis())
        .unwrap_or(i64::MAX / 4)
        .max(1)
}

/// The reason recorded when a document's lease ran out too often.
pub(crate) fn abandoned_reason(attempts: u32) -> String {
    format!(
        "abandoned after {attempts} attempts: each worker stopped (killed or crashed) before finishing it; run `backchannel retry` after fixing the cause"
    )
}

/// Window length in milliseconds.
pub(crate) fn window_ms(window: Duration) -> i64 {
    i64::try_from(window.as_millis()).unwrap_or(i64::MAX / 4)
}

/// Builds a page from `(seq, item)` rows fetched with `limit`.
pub(crate) fn page<T>(rows: Vec<(i64, T)>, limit: u32) -> Page<T> {
    let full = rows.len() as u64 >= u64::from(limit.max(1));
    let last = rows.last().map(|(seq, _)| *seq);
    Page {
        items: rows.into_iter().map(|(_, item)| item).collect(),
        next: if full { last.map(Cursor) } else { None },
    }
}

/// Current time in Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
