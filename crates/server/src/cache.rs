//! Finished responses of the endpoints that answer from the analysed view alone (network,
//! timeline, brief, forecast…), kept until the view is rebuilt.
//!
//! Such an answer depends only on the snapshot and the request's path and query, so the
//! same request within one snapshot generation gets the same bytes. The dashboard asks for
//! them on every page load and every live update, and some are costly (the brief of a large
//! corpus takes seconds to render, the network walks every event). The cache is keyed by
//! path and query, holds the body with its ETag (so a hit is neither rendered nor hashed
//! again), is bounded in bytes (oldest entries go first) and is emptied when a new
//! generation appears. Endpoints that read the store (documents, search) are not cached:
//! their answers change as soon as the database does, before the snapshot follows.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Largest single response kept (bigger ones are answered but not kept).
const MAX_ENTRY_SHARE: usize = 2;

/// One kept response.
#[derive(Clone)]
struct Entry {
    content_type: Option<HeaderValue>,
    etag: HeaderValue,
    body: Bytes,
}

/// The kept responses of one generation.
#[derive(Default)]
struct Entries {
    generation: u64,
    bytes: usize,
    map: HashMap<String, Entry>,
    /// Keys in insertion order, for eviction.
    order: VecDeque<String>,
}

/// Responses by path and query, for one snapshot generation, at most `budget` bytes.
pub(crate) struct ResponseCache {
    budget: usize,
    entries: Mutex<Entries>,
}

impl ResponseCache {
    /// An empty cache of at most `budget` bytes of bodies (0: keeps nothing).
    pub(crate) fn new(budget: usize) -> ResponseCache {
        ResponseCache {
            budget,
            entries: Mutex::new(Entries::default()),
        }
    }

    /// The entry for `key` in `generation`; forgets everything older. (Generations only
    /// grow; a request that read an older one finds nothing.)
    fn get(&self, generation: u64, key: &str) -> Option<Entry> {
        let mut entries = self.entries.lock().ok()?;
        if entries.generation < generation {
            *entries = Entries {
                generation,
                ..Entries::default()
            };
            return None;
        }
        if entries.generation != generation {
            return None;
        }
        entries.map.get(key).cloned()
    }

    /// Keeps `entry` for `key` in `generation` when it fits, evicting the oldest entries.
    fn put(&self, generation: u64, key: String, entry: Entry) {
        let size = entry.body.len() + key.len();
        if size > self.budget / MAX_ENTRY_SHARE {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.generation < generation {
            *entries = Entries {
                generation,
                ..Entries::default()
            };
        }
        if entries.generation != generation || entries.map.contains_key(&key) {
            // Made from an older snapshot than the one kept now, or raced with another
            // request for the same key.
            return;
        }
        while entries.bytes + size > self.budget {
            let Some(old) = entries.order.pop_front() else {
                break;
            };
            if let Some(gone) = entries.map.remove(&old) {
                entries.bytes -= gone.body.len() + old.len();
            }
        }
        entries.bytes += size;
        entries.order.push_back(key.clone());
        entries.map.insert(key, entry);
    }
}

/// Middleware for the snapshot endpoints: answers a GET from the cache when it can, else
/// runs the handler and keeps a successful answer. The generation is read before the
/// handler runs, so an answer is never kept under a newer generation than its data.
pub(crate) async fn cached(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let cache = &state.inner.cache;
    if cache.budget == 0 || request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |pq| pq.as_str().to_owned(),
    );
    let generation = state.inner.snapshot().generation;
    if let Some(entry) = cache.get(generation, &key) {
        return respond(entry);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, crate::etag::MAX_HASHED).await {
        Ok(body) => body,
        Err(_) => {
            return crate::error::error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "response too large to send; narrow the request",
            );
        }
    };
    let etag = crate::etag::tag_of(&body);
    parts.headers.insert(header::ETAG, etag.clone());
    cache.put(
        generation,
        key,
        Entry {
            content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
            etag,
            body: body.clone(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

fn respond(entry: Entry) -> Response {
    let mut response = Response::new(Body::from(entry.body));
    if let Some(content_type) = entry.content_type {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, content_type);
    }
    response.headers_mut().insert(header::ETAG, entry.etag);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str) -> Entry {
        Entry {
            content_type: None,
            etag: HeaderValue::from_static("W/\"x\""),
            body: Bytes::from(body.to_owned()),
        }
    }

    fn body(cache: &ResponseCache, generation: u64, key: &str) -> Option<String> {
        cache
            .get(generation, key)
            .map(|e| String::from_utf8_lossy(&e.body).into_owned())
    }

    #[test]
    fn keeps_answers_within_a_generation() {
        let cache = ResponseCache::new(1000);
        assert_eq!(body(&cache, 1, "/api/network"), None);
        cache.put(1, "/api/network".to_owned(), entry("nodes"));
        assert_eq!(body(&cache, 1, "/api/network").as_deref(), Some("nodes"));
        assert_eq!(body(&cache, 1, "/api/network?type=AID"), None);
    }

    #[test]
    fn a_new_generation_empties_it() {
        let cache = ResponseCache::new(1000);
        cache.put(1, "/a".to_owned(), entry("old"));
        assert_eq!(body(&cache, 2, "/a"), None);
        // An answer computed from generation 1 that finishes late is not kept any more.
        cache.put(1, "/a".to_owned(), entry("old"));
        assert_eq!(body(&cache, 2, "/a"), None);
        cache.put(2, "/a".to_owned(), entry("new"));
        assert_eq!(body(&cache, 2, "/a").as_deref(), Some("new"));
    }

    #[test]
    fn evicts_the_oldest_beyond_its_budget() {
        // Each entry costs its body plus its key: 2 + 7 = 9 bytes.
        let cache = ResponseCache::new(25);
        cache.put(1, "/api/aa".to_owned(), entry("11"));
        cache.put(1, "/api/bb".to_owned(), entry("22"));
        cache.put(1, "/api/cc".to_owned(), entry("33"));
        assert_eq!(body(&cache, 1, "/api/aa"), None);
        assert_eq!(body(&cache, 1, "/api/bb").as_deref(), Some("22"));
        assert_eq!(body(&cache, 1, "/api/cc").as_deref(), Some("33"));
        // Larger than half the budget: answered elsewhere, never kept.
        cache.put(1, "/api/big".to_owned(), entry("0123456789"));
        assert_eq!(body(&cache, 1, "/api/big"), None);
        assert_eq!(body(&cache, 1, "/api/cc").as_deref(), Some("33"));
    }

    #[test]
    fn a_zero_budget_keeps_nothing() {
        let cache = ResponseCache::new(0);
        cache.put(1, "/a".to_owned(), entry(""));
        assert_eq!(body(&cache, 1, "/a"), None);
    }
}
