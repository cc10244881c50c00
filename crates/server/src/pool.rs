//! A fixed pool of store connections, one per thread.
//!
//! The store backends are synchronous (rusqlite, the blocking PostgreSQL client) and a
//! `Box<dyn Store>` is not `Send`, so each pool thread opens its own connection and keeps it;
//! async handlers send it closures and await the answer. SQLite in WAL mode lets the threads
//! read concurrently. The threads end when the pool is dropped.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use store::Store;

use crate::StoreOpener;
use crate::error::{ApiError, ServerError};

type Job = Box<dyn FnOnce(&mut dyn Store) + Send>;

/// Store connections on their own threads.
pub(crate) struct StorePool {
    jobs: mpsc::Sender<Job>,
}

impl StorePool {
    /// Starts `threads` threads, each opening a connection with `open`.
    ///
    /// # Errors
    /// When any connection cannot be opened.
    pub(crate) fn start(open: &StoreOpener, threads: usize) -> Result<StorePool, ServerError> {
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
        Ok(StorePool { jobs })
    }

    /// Runs `f` with a store connection on a pool thread. A panic in `f` becomes an internal
    /// error.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store: &mut dyn Store| {
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(store)))
                .unwrap_or_else(|_| Err(ApiError::Internal("a database task panicked".to_owned())));
            let _ = tx.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| ApiError::Internal("the store threads have stopped".to_owned()))?;
        rx.await
            .map_err(|_| ApiError::Internal("a database task was dropped".to_owned()))?
    }
}
