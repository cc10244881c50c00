//! The HTTP API and the embedded dashboard (`backchannel serve`): a thin adapter over the
//! store and the analysis crates.
//!
//! - [`app`] builds the [`axum::Router`]: JSON endpoints under `/api` (documents, search,
//!   actors, network, events, timeline, positions, changes, issues, contradictions, schedule,
//!   forecast, brief, the OpenAPI document), the live-update stream (`/api/stream`,
//!   server-sent events) and the dashboard at `/`, whose assets are compiled into the binary.
//!   Tests drive it with `tower::ServiceExt::oneshot`, without a socket.
//! - [`AppState`] owns a small pool of store connections (the [`store::Store`] backends are
//!   synchronous and not shared between threads, so each pool thread opens its own) and the
//!   analysed view of the corpus, a [`snapshot`](crate::AppState::generation) rebuilt in the
//!   background when the database changes (document count or extraction work left).
//! - [`serve`] runs the router on a listener until a shutdown future resolves.
//!
//! Under load: events are filtered over a dense array of pre-decoded keys (no strings
//! compared per event); the answers that depend on the snapshot alone (network, timeline,
//! brief…) are kept per generation (`cache.rs`); requests that need the database wait in a
//! bounded queue and are refused with `503` and `Retry-After` when it is full.
//!
//! Handlers are thin: they parse the query, read the snapshot or call the store on a pool
//! thread, and return JSON. Every error is an [`ApiError`], which knows its status and
//! renders as `{"error": {"code", "message"}}`. Only `POST /api/documents` writes, and only
//! with the bearer token the server was started with.

#![deny(missing_docs)]

mod api;
mod cache;
mod error;
mod etag;
mod ingest;
mod live;
mod openapi;
mod page;
mod pool;
mod snapshot;
mod timex;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, ServerError};
pub use openapi::{API_PATHS, openapi};
pub use snapshot::forecast_settings;

/// Opens one connection to the database. Called once per pool thread, on that thread.
pub type StoreOpener =
    Arc<dyn Fn() -> Result<Box<dyn store::Store>, store::StoreError> + Send + Sync>;

/// Receives the details of internal errors (the client only sees a generic message). The
/// command-line tool prints them on stderr.
pub type ErrorSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// Opens a store connection.
    pub open: StoreOpener,
    /// The negotiation to follow; `None` proposes one from the corpus on every rebuild.
    pub dossier: Option<dossier::Dossier>,
    /// Bearer token that allows writes; `None` keeps the server read-only.
    pub token: Option<String>,
    /// How often the database is checked for new documents.
    pub poll_interval: Duration,
    /// Longest time a request may take before it is answered with an error.
    pub request_timeout: Duration,
    /// Largest accepted request body in bytes.
    pub max_body_bytes: usize,
    /// Store connections (one thread each).
    pub store_threads: usize,
    /// Database requests (search, document reads) that may wait for a connection; beyond
    /// that, requests are refused at once with `503` and `Retry-After` rather than queued.
    pub max_waiting: usize,
    /// Bytes of finished responses kept for the endpoints that answer from the analysed
    /// view alone (network, timeline, brief…); emptied whenever the view is rebuilt. 0
    /// turns the cache off.
    pub cache_bytes: usize,
    /// Where internal error details go.
    pub on_error: Option<ErrorSink>,
}

impl Config {
    /// A read-only configuration with the defaults: poll every 2 s, 30 s request timeout,
    /// 16 MiB bodies, four store connections with at most 256 requests waiting for them,
    /// a 64 MiB response cache.
    pub fn new(open: StoreOpener) -> Config {
        Config {
            open,
            dossier: None,
            token: None,
            poll_interval: Duration::from_secs(2),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 16 * 1024 * 1024,
            store_threads: 4,
            max_waiting: 256,
            cache_bytes: 64 * 1024 * 1024,
            on_error: None,
        }
    }
}

/// Shared state of a running server: store pool, current snapshot, settings. Cheap to
/// clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<live::Inner>,
}

impl AppState {
    /// Opens the store connections, builds the first snapshot of the corpus and starts the
    /// background task that rebuilds it when the database changes. Must be called inside a
    /// Tokio runtime.
    ///
    /// # Errors
    /// When the database cannot be opened or read.
    pub async fn start(config: Config) -> Result<AppState, ServerError> {
        let inner = live::Inner::start(config).await?;
        Ok(AppState { inner })
    }

    /// Number of snapshots built so far (1 after [`AppState::start`]); it grows when the
    /// database changes.
    pub fn generation(&self) -> u64 {
        self.inner.snapshot().generation
    }

    /// Checks the database now (instead of waiting for the next poll) and rebuilds the
    /// snapshot if it changed; returns the generation afterwards.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub async fn refresh(&self) -> Result<u64, ServerError> {
        live::refresh(&self.inner)
            .await
            .map_err(|err| ServerError::Refresh(err.to_string()))?;
        Ok(self.generation())
    }

    /// Asks every open live-update stream to end (done by [`serve`] on shutdown, so that
    /// graceful shutdown does not wait for browsers).
    pub fn close_streams(&self) {
        self.inner.close_streams();
    }
}

/// The whole application: API, live stream and dashboard, with compression, ETags,
/// body-size limits, timeouts and panic catching.
pub fn app(state: AppState) -> Router {
    let config = &state.inner.config;
    let timeout = config.request_timeout;
    let max_body = config.max_body_bytes;
    let on_error = config.on_error.clone();
    // Answers that depend on the snapshot alone, kept per generation (`cache.rs`). Events
    // are filtered afresh on each request: the filters are cheap and their combinations
    // many.
    let from_snapshot = Router::new()
        .route("/api/actors", get(api::actors))
        .route("/api/network", get(api::network))
        .route("/api/timeline", get(api::timeline))
        .route("/api/positions", get(api::positions))
        .route("/api/changes", get(api::changes))
        .route("/api/issues", get(api::issues))
        .route("/api/contradictions", get(api::contradictions))
        .route("/api/schedule", get(api::schedule))
        .route("/api/forecast", get(api::forecast))
        .route("/api/brief", get(api::brief))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::cached,
        ));
    let api = Router::new()
        .route(
            "/api/documents",
            get(api::documents).post(ingest::post_documents),
        )
        .route("/api/documents/{id}", get(api::document))
        .route("/api/documents/{id}/span", get(api::span))
        .route("/api/search", get(api::search))
        .route("/api/events", get(api::events))
        .merge(from_snapshot)
        .route("/api/status", get(api::status))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::wrong_method)
        .layer(axum::middleware::from_fn(etag::etag))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ));
    let stream = Router::new().route("/api/stream", get(live::stream));
    api.merge(stream)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::report_internal,
        ))
        .layer(axum::middleware::from_fn(error::json_error_bodies))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(CompressionLayer::new().gzip(true))
        .layer(CatchPanicLayer::custom(move |panic| {
            error::panic_response(panic, on_error.as_ref())
        }))
        .with_state(state)
}

/// Serves [`app`] on `listener` until `shutdown` resolves, then closes the live streams and
/// finishes the requests in flight.
///
/// # Errors
/// When the listener fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    use axum::serve::ListenerExt;
    let router = app(state.clone());
    let closer = state.clone();
    // Small JSON answers go out at once instead of waiting for the client's ACK (Nagle).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            shutdown.await;
            closer.close_streams();
        })
        .await
        .map_err(ServerError::Serve)
}
