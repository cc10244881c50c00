//! `POST /api/documents`: bearer auth, media types, size limits, and what gets stored.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use crate::fixture::{self, call, error_code, get, ok};

fn post(body: &str, content_type: &str, token: Option<&str>) -> Request<Body> {
    let mut request =
        Request::post("/api/documents?id=posted").header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::from(body.to_owned())).expect("request")
}

async fn json(response: axum::http::Response<Body>) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

const ARTICLE: &str = "---\ndate: 2026-02-12\ntitle: Second round planned\n---\n\
Oman said on Thursday that Iranian and American negotiators would return to Muscat next week.\n";

#[tokio::test]
async fn read_only_server_refuses_writes() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let answer = json(call(&state, post(ARTICLE, "text/markdown", Some("anything"))).await).await;
    assert_eq!(error_code(answer, StatusCode::FORBIDDEN), "read_only");
    assert_eq!(ok(get(&state, "/api/status").await)["documents"], 5);
}

#[tokio::test]
async fn writes_need_the_right_token() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, Some("s3cret")).await;
    for token in [None, Some("wrong"), Some("s3cret-and-more"), Some("")] {
        let response = call(&state, post(ARTICLE, "text/markdown", token)).await;
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        assert_eq!(
            error_code(json(response).await, StatusCode::UNAUTHORIZED),
            "unauthorized"
        );
    }
    assert_eq!(ok(get(&state, "/api/status").await)["documents"], 5);

    let (status, body) =
        json(call(&state, post(ARTICLE, "text/markdown", Some("s3cret"))).await).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["stored"], 1);
    assert_eq!(body["documents"][0]["id"], "posted");
    assert_eq!(body["documents"][0]["outcome"], "stored");

    // The snapshot is rebuilt: the new document is analysed and listed.
    assert_eq!(state.refresh().await.expect("refresh"), 2);
    let s = ok(get(&state, "/api/status").await);
    assert_eq!(s["documents"], 6);
    assert_eq!(s["analysed"], 5);
    let doc = ok(get(&state, "/api/documents/posted").await);
    assert_eq!(doc["document"]["title"], "Second round planned");
    assert_eq!(doc["document"]["published"], "2026-02-12");
    assert!(
        doc["record"]["sentences"]
            .as_array()
            .is_some_and(|s| s.len() == 1)
    );
    // Its text is searchable at once.
    let hits = ok(get(&state, "/api/search?q=negotiators").await);
    assert_eq!(hits["items"][0]["id"], "posted");

    // Posting the same article again stores nothing.
    let (status, body) =
        json(call(&state, post(ARTICLE, "text/markdown", Some("s3cret"))).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["unchanged"], 1);
}

#[tokio::test]
async fn jsonl_posts_store_each_line_and_report_bad_ones() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, Some("t")).await;
    let body = "{\"id\": \"wire-1\", \"text\": \"Iran and Oman held talks in Muscat on Sunday.\", \"published\": \"2026-02-15\"}\n\
                not json at all\n\
                {\"id\": \"wire-2\", \"text\": \"The United States said it would send an envoy.\"}\n";
    let (status, answer) =
        json(call(&state, post(body, "application/x-ndjson", Some("t"))).await).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["stored"], 2);
    let ids: Vec<&str> = answer["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, ["wire-1", "wire-2"]);
    let problems = answer["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].as_str().is_some_and(|p| p.contains(":2")),
        "{problems:?}"
    );
}

#[tokio::test]
async fn bodies_that_cannot_be_ingested() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, Some("t")).await;
    let answer = json(call(&state, post("%PDF-1.4", "application/pdf", Some("t"))).await).await;
    assert_eq!(
        error_code(answer, StatusCode::UNSUPPORTED_MEDIA_TYPE),
        "unsupported_media_type"
    );
    let answer = json(call(&state, post("", "text/plain", Some("t"))).await).await;
    assert_eq!(
        error_code(answer, StatusCode::UNPROCESSABLE_ENTITY),
        "unprocessable"
    );
    let answer = json(
        call(
            &state,
            post("not json\n", "application/x-ndjson", Some("t")),
        )
        .await,
    )
    .await;
    assert_eq!(
        error_code(answer, StatusCode::UNPROCESSABLE_ENTITY),
        "unprocessable"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let fx = fixture::fixture();
    let mut config = server::Config::new(fx.opener());
    config.token = Some("t".to_owned());
    config.max_body_bytes = 1024;
    let state = server::AppState::start(config).await.expect("starts");
    let big = "Talks resumed in Muscat. ".repeat(100);
    let answer = json(call(&state, post(&big, "text/plain", Some("t"))).await).await;
    assert_eq!(
        error_code(answer, StatusCode::PAYLOAD_TOO_LARGE),
        "payload_too_large"
    );
    let small = json(
        call(
            &state,
            post(
                "Talks resumed in Muscat on Monday.",
                "text/plain",
                Some("t"),
            ),
        )
        .await,
    )
    .await;
    assert_eq!(small.0, StatusCode::CREATED, "{}", small.1);
}
