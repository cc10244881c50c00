//! `POST /api/documents`: ingest articles sent in the body (plain text, Markdown, HTML or
//! JSONL, by `Content-Type`), the same way `backchannel ingest` does: parse, prepare,
//! extract the record, store document and record, each document in its own transaction.
//! Needs the bearer token the server was started with.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ingest::InputKind;
use serde::Serialize;
use sha2::{Digest, Sha256};
use store::{NewDocument, PutOutcome};

use crate::AppState;
use crate::error::ApiError;

/// What happened to one posted document.
#[derive(Debug, Serialize)]
struct Stored {
    id: String,
    outcome: &'static str,
    duplicate_of: Option<String>,
}

/// The answer to a post.
#[derive(Debug, Serialize)]
struct Report {
    stored: usize,
    unchanged: usize,
    documents: Vec<Stored>,
    problems: Vec<String>,
}

/// Compares two byte strings in time independent of where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.inner.config.token else {
        return Err(ApiError::ReadOnly);
    };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match sent {
        Some(sent) if same_secret(sent.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}

fn kind_of(headers: &HeaderMap, body: &[u8]) -> Result<InputKind, ApiError> {
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match mime.as_str() {
        "" | "application/octet-stream" => ingest::sniff(body),
        "text/plain" => InputKind::Text,
        "text/markdown" => InputKind::Markdown,
        "text/html" | "application/xhtml+xml" => InputKind::Html,
        "application/x-ndjson" | "application/jsonl" | "application/json" => InputKind::Jsonl,
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "cannot ingest {other:?}; send text/plain, text/markdown, text/html or application/x-ndjson (one JSON article a line)"
            )));
        }
    })
}

/// `POST /api/documents[?id=STEM]`.
pub(crate) async fn post_documents(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    if let Some(name) = params.keys().find(|k| k.as_str() != "id") {
        return Err(ApiError::bad_parameter(format!(
            "unknown parameter `{name}`; this endpoint takes id"
        )));
    }
    if body.is_empty() {
        return Err(ApiError::Unprocessable(
            "the request body is empty; send the article text".to_owned(),
        ));
    }
    let kind = kind_of(&headers, &body)?;
    let stem = match params.get("id").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(id) => id.to_owned(),
        None => {
            let digest = Sha256::digest(&body);
            let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("posted-{hex}")
        }
    };
    // Parsing and extraction are CPU work: off the async threads.
    let inner = state.inner.clone();
    let (prepared, mut problems) = tokio::task::spawn_blocking(move || {
        let pipeline = inner.pipeline.get_or_init(extract::Pipeline::new);
        let (drafts, errors) = ingest::parse_input(kind, &stem, "http-post", &body);
        let mut problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let mut prepared = Vec::new();
        for draft in drafts {
            match ingest::prepare(draft) {
                Ok(p) => {
                    let record = pipeline.record(&p.doc);
                    prepared.push((p, record));
                }
                Err(err) => problems.push(err.to_string()),
            }
        }
        (prepared, problems)
    })
    .await
    .map_err(|err| ApiError::Internal(format!("ingest task: {err}")))?;
    if prepared.is_empty() {
        let detail = if problems.is_empty() {
            "no document found in the body".to_owned()
        } else {
            problems.join("; ")
        };
        return Err(ApiError::Unprocessable(format!("nothing stored: {detail}")));
    }
    let documents = state
        .inner
        .pool
        .run(move |store| {
            let mut out = Vec::new();
            for (prepared, mut record) in prepared {
                let bands = prepared.fingerprint.bands();
                let outcome = store.put_document(NewDocument {
                    doc: &prepared.doc,
                    signature: prepared.fingerprint.values(),
                    bands: &bands,
                    near_threshold: ingest::fingerprint::NEAR_DUPLICATE_THRESHOLD,
                })?;
                let (id, name, duplicate_of) = match outcome {
                    PutOutcome::Stored {
                        id,
                        duplicate_of: Some(of),
                        near,
                    } => (
                        id,
                        if near { "near-duplicate" } else { "duplicate" },
                        Some(of.to_string()),
                    ),
                    PutOutcome::Stored { id, .. } => (id, "stored", None),
                    PutOutcome::Unchanged { id } => (id, "unchanged", None),
                };
                let current = name == "unchanged"
                    && store
                        .record(&id)?
                        .is_some_and(|r| r.doc.extractor == record.doc.extractor);
                if !current {
                    record.doc.id = id.to_string();
                    record.doc.duplicate_of = duplicate_of.clone();
                    store.put_record(&record)?;
                }
                out.push(Stored {
                    id: id.to_string(),
                    outcome: name,
                    duplicate_of,
                });
            }
            Ok(out)
        })
        .await?;
    state.inner.wake();
    let unchanged = documents
        .iter()
        .filter(|d| d.outcome == "unchanged")
        .count();
    let report = Report {
        stored: documents.len() - unchanged,
        unchanged,
        documents,
        problems: std::mem::take(&mut problems),
    };
    let status = if report.stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(!same_secret(b"", b"a"));
    }
}
