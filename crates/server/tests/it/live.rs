//! Live updates: the stream announces new snapshots; polling picks up documents written by
//! another process.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use futures_util::StreamExt;

use crate::fixture::{self, call, get, ok};

/// Reads the stream until `count` events have arrived (or the time runs out).
async fn read_events(
    body: &mut (impl futures_util::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
    count: usize,
) -> Vec<serde_json::Value> {
    let mut text = String::new();
    let mut events = Vec::new();
    while events.len() < count {
        let chunk = tokio::time::timeout(Duration::from_secs(20), body.next())
            .await
            .expect("an event within 20 s")
            .expect("stream open")
            .expect("chunk");
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            if block.contains("event: update") {
                let data = block
                    .lines()
                    .find_map(|l| l.strip_prefix("data: "))
                    .expect("data line");
                events.push(serde_json::from_str(data).expect("json data"));
            }
        }
    }
    events
}

#[tokio::test]
async fn stream_announces_documents_written_by_another_process() {
    let fx = fixture::fixture();
    let mut config = server::Config::new(fx.opener());
    config.poll_interval = Duration::from_millis(100);
    let state = server::AppState::start(config).await.expect("starts");
    let response = call(
        &state,
        Request::get("/api/stream")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body().into_data_stream();
    let first = read_events(&mut body, 1).await;
    assert_eq!(first[0]["generation"], 1);
    assert_eq!(first[0]["documents"], 5);

    // Another process (here: another connection) ingests an article.
    let mut store = fx.open();
    let pipeline = extract::Pipeline::new();
    fixture::put(
        &mut store,
        &pipeline,
        "late",
        "---\ndate: 2026-02-13\n---\nOman's foreign minister flew to Washington on Friday.\n",
    );
    let next = read_events(&mut body, 1).await;
    assert_eq!(next[0]["generation"], 2);
    assert_eq!(next[0]["documents"], 6);
    assert_eq!(ok(get(&state, "/api/status").await)["analysed"], 5);

    // Shutting down ends the stream.
    state.close_streams();
    let end = tokio::time::timeout(Duration::from_secs(5), body.next())
        .await
        .expect("stream ends");
    assert!(end.is_none());
}

#[tokio::test]
async fn snapshot_answers_are_kept_until_the_view_changes() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let first = call(
        &state,
        Request::get("/api/actors")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = first.headers()[header::ETAG]
        .to_str()
        .expect("ascii tag")
        .to_owned();
    let before: serde_json::Value = serde_json::from_slice(
        &axum::body::to_bytes(first.into_body(), usize::MAX)
            .await
            .expect("body"),
    )
    .expect("json");
    // Asked again (now from the cache): the same tag, and 304 when the client has it.
    let again = call(
        &state,
        Request::get("/api/actors")
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::ETAG], tag.as_str());
    assert_eq!(ok(get(&state, "/api/actors").await), before);

    // A new article names Oman once more; after the rebuild the answer follows.
    let mentions = |list: &serde_json::Value| -> u64 {
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|a| a["party"] == "OMN")
            .map(|a| a["mentions"].as_u64().unwrap_or(0))
            .sum()
    };
    let mut store = fx.open();
    fixture::put(
        &mut store,
        &extract::Pipeline::new(),
        "late",
        "---\ndate: 2026-02-13\n---\nOman's foreign minister flew to Washington on Friday.\n",
    );
    assert_eq!(state.refresh().await.expect("refresh"), 2);
    let after = ok(get(&state, "/api/actors").await);
    assert!(
        mentions(&after) > mentions(&before),
        "{} then {}",
        mentions(&before),
        mentions(&after)
    );
    let stale = call(
        &state,
        Request::get("/api/actors")
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_ne!(stale.headers()[header::ETAG], tag.as_str());
}
