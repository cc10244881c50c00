//! A fixed pool of store connections, one per thread.
//!
//! The store backends are synchronous (rusqlite, the blocking PostgreSQL client) and a
//! `Box<dyn Store>` is not `Send`, so each pool thread opens its own connection and keeps it;
//! async handlers send it closures and await the answer. SQLite in WAL mode lets the threads
//! read concurrently. The threads end when the pool is dropped.
//!
//! The queue in front of the threads is bounded: when `max_waiting` jobs already wait, a new
//! one is refused at once with [`ApiError::Busy`] (503) instead of joining a queue whose wait
//! would outlast any client's patience.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use store::Store;

use crate::StoreOpener;
use crate::error::{ApiError, ServerError};

type Job = Box<dyn FnOnce(&mut dyn Store) + Send>;

/// Store connections on their own threads.
pub(crate) struct StorePool {
    jobs: mpsc::Sender<Job>,
    /// Jobs sent but not yet started.
    waiting: Arc<AtomicUsize>,
    /// Most jobs that may wait.
    max_waiting: usize,
}

impl StorePool {
    /// Starts `threads` threads, each opening a connection with `open`; at most
    /// `max_waiting` jobs may wait for a thread.
    ///
    /// # Errors
    /// When any connection cannot be opened.
    pub(crate) fn start(
        open: &StoreOpener,
        threads: usize,
        max_waiting: usize,
    ) -> Result<StorePool, ServerError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let (ready_tx, ready_rx) = mpsc::channel::<Result<(), store::StoreError>>();
        for index in 0..threads.max(1) {
            let open = Arc::clone(open);
            let queue = Arc::clone(&queue);
            let ready = ready_tx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("store-{index}"))
                .spawn(move || {
                    let mut store = match open() {
                        Ok(store) => {
                            let _ = ready.send(Ok(()));
                            store
                        }
                        Err(err) => {
                            let _ = ready.send(Err(err));
                            return;
                        }
                    };
                    drop(ready);
                    loop {
                        // The lock is held only while waiting for the next job.
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(store.as_mut()),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(err) = spawned {
                return Err(ServerError::Corpus(format!(
                    "cannot start a store thread: {err}"
                )));
            }
        }
        drop(ready_tx);
        for ready in ready_rx {
            ready.map_err(ServerError::Open)?;
        }
        Ok(StorePool {
            jobs,
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting: max_waiting.max(1),
        })
    }

    /// Runs `f` with a store connection on a pool thread. A panic in `f` becomes an internal
    /// error.
    ///
    /// # Errors
    /// [`ApiError::Busy`] when the queue is full; [`ApiError::Internal`] when `f` panics or
    /// the threads have stopped; otherwise what `f` returns.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let waiting = self.waiting.fetch_add(1, Ordering::AcqRel);
        if waiting >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Busy(waiting));
        }
        let counter = Arc::clone(&self.waiting);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store: &mut dyn Store| {
            counter.fetch_sub(1, Ordering::AcqRel);
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(store)))
                .unwrap_or_else(|_| Err(ApiError::Internal("a database task panicked".to_owned())));
            let _ = tx.send(result);
        });
        if self.jobs.send(job).is_err() {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Internal(
                "the store threads have stopped".to_owned(),
            ));
        }
        rx.await
            .map_err(|_| ApiError::Internal("a database task was dropped".to_owned()))?
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    use store::{SqliteStore, Store};

    use super::StorePool;
    use crate::StoreOpener;
    use crate::error::ApiError;

    #[tokio::test]
    async fn refuses_jobs_beyond_its_queue_and_recovers() {
        let open: StoreOpener =
            Arc::new(|| SqliteStore::open_in_memory().map(|s| Box::new(s) as Box<dyn Store>));
        let pool = Arc::new(StorePool::start(&open, 1, 1).expect("pool starts"));
        // Hold the only thread until told to go on.
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let (running_tx, running_rx) = tokio::sync::oneshot::channel::<()>();
        let p = Arc::clone(&pool);
        let first = tokio::spawn(async move {
            p.run(move |store| {
                let _ = running_tx.send(());
                let _ = go_rx.recv();
                Ok(store.count_documents()?)
            })
            .await
        });
        running_rx.await.expect("first job runs");
        // One job may wait...
        let p = Arc::clone(&pool);
        let second = tokio::spawn(async move { p.run(|_| Ok(2u64)).await });
        tokio::time::timeout(Duration::from_secs(10), async {
            while pool.waiting.load(Ordering::Acquire) == 0 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("second job queued");
        // ...the next is refused at once.
        let third = pool.run(|_| Ok(3u64)).await;
        assert!(matches!(third, Err(ApiError::Busy(1))), "{third:?}");
        go_tx.send(()).expect("first job waits");
        assert_eq!(first.await.expect("joined").expect("first"), 0);
        assert_eq!(second.await.expect("joined").expect("second"), 2);
        // With the queue drained, jobs are accepted again.
        assert_eq!(pool.run(|_| Ok(4u64)).await.expect("fourth"), 4);
        assert_eq!(pool.waiting.load(Ordering::Acquire), 0);
    }
}
