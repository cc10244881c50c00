//! ETags for successful GET responses: a hash of the body (before compression, hence weak),
//! and `304 Not Modified` when the request's `If-None-Match` names it. Live streams are left
//! alone. A response that already carries an ETag (one kept by the response cache) is
//! not hashed again.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// Largest body that gets an ETag (bigger ones pass through untouched).
pub(crate) const MAX_HASHED: usize = 64 * 1024 * 1024;

pub(crate) async fn etag(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let streaming = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if response.status() != StatusCode::OK || streaming {
        return response;
    }
    if let Some(known) = response.headers().get(header::ETAG) {
        let hex = known
            .to_str()
            .unwrap_or_default()
            .trim_start_matches("W/")
            .trim_matches('"');
        if if_none_match.is_some_and(|h| matches(&h, hex)) {
            return not_modified(known.clone(), response.headers().get(header::CACHE_CONTROL));
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_HASHED).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return crate::error::error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "response too large to send; narrow the request",
            );
        }
    };
    let value = tag_of(&bytes);
    let hex = value
        .to_str()
        .unwrap_or_default()
        .trim_start_matches("W/")
        .trim_matches('"');
    if if_none_match.is_some_and(|h| matches(&h, hex)) {
        return not_modified(value.clone(), parts.headers.get(header::CACHE_CONTROL));
    }
    parts.headers.insert(header::ETAG, value);
    Response::from_parts(parts, Body::from(bytes))
}

/// The weak ETag of a body: `W/"…"` with the first 12 bytes of its SHA-256 in hex.
pub(crate) fn tag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("W/\"{hex}\"")).unwrap_or(HeaderValue::from_static("W/\"0\""))
}

fn not_modified(etag: HeaderValue, cache_control: Option<&HeaderValue>) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    response.headers_mut().insert(header::ETAG, etag);
    if let Some(cache) = cache_control {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, cache.clone());
    }
    response
}

/// Weak comparison of `If-None-Match` (a list of tags, or `*`) against our tag's hex.
fn matches(header: &str, hex: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/").trim_matches('"') == hex)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn if_none_match_forms() {
        assert!(matches("W/\"abc\"", "abc"));
        assert!(matches("\"abc\"", "abc"));
        assert!(matches("\"x\", W/\"abc\"", "abc"));
        assert!(matches("*", "abc"));
        assert!(!matches("W/\"abd\"", "abc"));
    }
}
