//! Errors: [`ApiError`] for requests (it knows its status and renders as
//! `{"error": {"code", "message"}}`), [`ServerError`] for starting and running the server.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::ErrorSink;

/// A request that could not be answered. Caller mistakes are 4xx with a message saying what
/// to change; our own failures are 500 with a generic message (the details go to the
/// server's error sink).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query parameter, cursor or body that cannot be used.
    #[error("{message}")]
    BadRequest {
        /// Machine-readable code (`bad_parameter`, `bad_cursor`…).
        code: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// No such document (or other item).
    #[error("{0}")]
    NotFound(String),
    /// No bearer token, or the wrong one.
    #[error("missing or wrong bearer token; send `Authorization: Bearer TOKEN`")]
    Unauthorized,
    /// The server was started without a token, so it accepts no writes.
    #[error(
        "this server is read-only; start it with `backchannel serve --token TOKEN` to accept documents"
    )]
    ReadOnly,
    /// The request body's type is not one the endpoint reads.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The body was read but held nothing usable.
    #[error("{0}")]
    Unprocessable(String),
    /// The endpoint exists but its feature is not built yet.
    #[error("{0}")]
    NotImplemented(String),
    /// Too many requests are already waiting for the database: refused at once rather than
    /// queued behind them (the client should retry shortly).
    #[error("the server is busy ({0} database requests waiting); retry in a moment")]
    Busy(usize),
    /// Something failed on our side.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A bad query parameter.
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            code: "bad_parameter",
            message: message.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::ReadOnly => StatusCode::FORBIDDEN,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotImplemented(_) => StatusCode::NOT_IMPLEMENTED,
            ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code in the body.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. } => code,
            ApiError::NotFound(_) => "not_found",
            ApiError::Unauthorized => "unauthorized",
            ApiError::ReadOnly => "read_only",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::NotImplemented(_) => "not_implemented",
            ApiError::Busy(_) => "busy",
            ApiError::Internal(_) => "internal",
        }
    }
}

/// The detail of an internal error, attached to its response for the error sink.
#[derive(Debug, Clone)]
pub(crate) struct InternalDetail(pub(crate) String);

impl IntoResponse for ApiError {
    /// Renders the error; an internal error's details are replaced by a generic message and
    /// attached as an [`InternalDetail`] extension for [`report_internal`].
    fn into_response(self) -> Response {
        let message = match &self {
            ApiError::Internal(_) => {
                "internal server error; the details are in the server's log".to_owned()
            }
            other => other.to_string(),
        };
        let mut response = error_body(self.status(), self.code(), &message);
        match self {
            ApiError::Unauthorized => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::Busy(_) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            ApiError::Internal(detail) => {
                response.extensions_mut().insert(InternalDetail(detail));
            }
            _ => {}
        }
        response
    }
}

/// Hands the details of internal errors to the configured sink.
pub(crate) async fn report_internal(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    if let Some(InternalDetail(detail)) = response.extensions().get::<InternalDetail>()
        && let Some(sink) = &state.inner.config.on_error
    {
        sink(detail);
    }
    response
}

impl From<store::StoreError> for ApiError {
    fn from(err: store::StoreError) -> ApiError {
        ApiError::Internal(err.to_string())
    }
}

/// A JSON error response.
pub(crate) fn error_body(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({"error": {"code": code, "message": message}});
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Gives error responses made outside our handlers (timeouts, body limits, wrong methods
/// inside extractors) the same JSON body as ours.
pub(crate) async fn json_error_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "request body too large; send smaller batches".to_owned(),
        ),
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "the request took too long; narrow it (filters, smaller limit) and retry".to_owned(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this method is not allowed here; see /api/openapi.json".to_owned(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "unsupported content type; see /api/openapi.json".to_owned(),
        ),
        other => {
            // A rejection from an extractor: keep its text, which says what is wrong.
            let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
                .await
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&body).trim().to_owned();
            let message = if text.is_empty() {
                other.canonical_reason().unwrap_or("error").to_lowercase()
            } else {
                text
            };
            return error_body(other, "bad_request", &message);
        }
    };
    let mut out = error_body(status, code, &message);
    if let Some(allow) = response.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

/// The response to a handler panic: a generic 500 (the panic message goes to the sink).
pub(crate) fn panic_response(
    panic: Box<dyn std::any::Any + Send + 'static>,
    sink: Option<&ErrorSink>,
) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "unknown panic".to_owned());
    let detail = format!("panic while answering a request: {detail}");
    if let Some(sink) = sink {
        sink(&detail);
    }
    error_body(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "internal server error; the details are in the server's log",
    )
}

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A store connection could not be opened.
    #[error("cannot open the database: {0}")]
    Open(#[source] store::StoreError),
    /// The corpus could not be read for the first snapshot.
    #[error("cannot read the corpus: {0}")]
    Corpus(String),
    /// A later check or rebuild failed.
    #[error("cannot refresh the analysed view: {0}")]
    Refresh(String),
    /// The listener failed.
    #[error("server stopped: {0}")]
    Serve(#[source] std::io::Error),
}
