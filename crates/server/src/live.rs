//! Keeping the analysed view current and telling browsers: a background task checks the
//! database every `poll_interval` (or at once after a `POST /api/documents`), rebuilds the
//! snapshot when the document count or the pending extraction work changed, and publishes
//! it; `/api/stream` sends a server-sent event to every open page when that happens.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use tokio::sync::{Mutex, Notify, watch};

use crate::cache::ResponseCache;
use crate::error::{ApiError, ServerError};
use crate::pool::StorePool;
use crate::snapshot::{self, Snapshot};
use crate::{AppState, Config};

/// The server's shared state.
pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) pool: StorePool,
    /// Finished answers of the snapshot endpoints, per generation.
    pub(crate) cache: ResponseCache,
    pub(crate) extractor: String,
    snapshot: watch::Sender<Arc<Snapshot>>,
    /// Wakes the refresher early (after an ingest).
    wake: Arc<Notify>,
    /// One refresh at a time.
    refreshing: Mutex<()>,
    /// True once the server is shutting down: live streams end.
    closing: watch::Sender<bool>,
    /// The extraction pipeline, built on first use (it compiles dictionaries).
    pub(crate) pipeline: OnceLock<extract::Pipeline>,
}

impl Inner {
    pub(crate) async fn start(config: Config) -> Result<Arc<Inner>, ServerError> {
        let open = config.open.clone();
        let (threads, max_waiting) = (config.store_threads, config.max_waiting);
        let pool =
            tokio::task::spawn_blocking(move || StorePool::start(&open, threads, max_waiting))
                .await
                .map_err(|err| ServerError::Corpus(err.to_string()))??;
        let extractor = extract::extractor_version();
        let dossier = config.dossier.clone();
        let probe = extractor.clone();
        let first = pool
            .run(move |store| {
                let key = snapshot::key(store, &probe)?;
                Snapshot::build(store, key, 1, dossier.as_ref())
            })
            .await
            .map_err(|err| ServerError::Corpus(err.to_string()))?;
        let (snapshot, _) = watch::channel(Arc::new(first));
        let (closing, _) = watch::channel(false);
        let inner = Arc::new(Inner {
            cache: ResponseCache::new(config.cache_bytes),
            config,
            pool,
            extractor,
            snapshot,
            wake: Arc::new(Notify::new()),
            refreshing: Mutex::new(()),
            closing,
            pipeline: OnceLock::new(),
        });
        tokio::spawn(refresher(
            Arc::downgrade(&inner),
            inner.wake.clone(),
            inner.config.poll_interval,
        ));
        Ok(inner)
    }

    /// The current snapshot.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }

    /// Asks the refresher to check the database now.
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    pub(crate) fn close_streams(&self) {
        self.closing.send_replace(true);
    }
}

/// Checks the database and rebuilds the snapshot when it changed.
pub(crate) async fn refresh(inner: &Inner) -> Result<(), ApiError> {
    let _one = inner.refreshing.lock().await;
    let current = inner.snapshot();
    let extractor = inner.extractor.clone();
    let key = inner
        .pool
        .run(move |store| snapshot::key(store, &extractor))
        .await?;
    if key == current.key {
        return Ok(());
    }
    let dossier = inner.config.dossier.clone();
    let generation = current.generation + 1;
    let next = inner
        .pool
        .run(move |store| Snapshot::build(store, key, generation, dossier.as_ref()))
        .await?;
    inner.snapshot.send_replace(Arc::new(next));
    Ok(())
}

/// Polls until the state is dropped. Holds only a weak reference between checks, so
/// dropping the last [`AppState`] stops it.
async fn refresher(inner: Weak<Inner>, wake: Arc<Notify>, interval: Duration) {
    loop {
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(interval) => {}
        }
        let Some(strong) = inner.upgrade() else {
            return;
        };
        if let Err(err) = refresh(&strong).await
            && let Some(sink) = &strong.config.on_error
        {
            sink(&format!("live update: {err}"));
        }
    }
}

/// `GET /api/stream`: server-sent events. On connect an `update` event with the current
/// state; then one each time a new snapshot is published. Ends when the server shuts down.
pub(crate) async fn stream(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let snapshots = state.inner.snapshot.subscribe();
    let closing = state.inner.closing.subscribe();
    let stream = futures_util::stream::unfold(
        (snapshots, closing, true),
        |(mut snapshots, mut closing, first)| async move {
            if *closing.borrow() {
                return None;
            }
            if !first {
                tokio::select! {
                    changed = snapshots.changed() => changed.ok()?,
                    _ = closing.changed() => return None,
                }
            }
            let event = update_event(&snapshots.borrow_and_update());
            Some((Ok(event), (snapshots, closing, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn update_event(snapshot: &Snapshot) -> Event {
    let data = serde_json::json!({
        "generation": snapshot.generation,
        "documents": snapshot.key.documents,
        "analysed": snapshot.corpus.documents.len(),
        "events": snapshot.events.len(),
    });
    Event::default().event("update").data(data.to_string())
}
