//! Every read endpoint: status codes, shapes, filters, pagination, errors, ETags, gzip.

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use corpus::Corpus;
use serde_json::Value;

use crate::fixture::{self, call, error_code, get, ids, ok};

/// The analysis computed directly from the store, to compare the endpoints with.
fn expected(fixture: &fixture::Fixture) -> (Corpus, dossier::Analysis) {
    let store = fixture.open();
    let corpus = Corpus::load(&store, None).expect("corpus loads");
    let analysis = corpus.analyze(&fixture::dossier());
    (corpus, analysis)
}

#[tokio::test]
async fn status_counts_documents_and_events() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let s = ok(get(&state, "/api/status").await);
    assert_eq!(s["documents"], 5);
    // The French article is stored but not analysed (the analysis is English-only).
    assert_eq!(s["analysed"], 4);
    assert_eq!(s["events"], fixture::EVENTS.len());
    assert_eq!(s["generation"], 1);
    assert_eq!(s["dossier"], "Fixture talks");
    assert_eq!(s["writable"], false);
}

#[tokio::test]
async fn documents_list_filters_and_pages() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let all = ok(get(&state, "/api/documents").await);
    assert_eq!(all["total"], 5);
    assert_eq!(
        ids(&all),
        [
            "preview",
            "round-one",
            "round-one-copy",
            "francais",
            "sanctions"
        ]
    );
    assert_eq!(all["next"], Value::Null);
    let copy = &all["items"][2];
    assert_eq!(copy["duplicate_of"], "round-one");
    assert_eq!(copy["title"], "Envoys meet in Oman");

    // Two pages of two and one of one, following `next`.
    let mut seen = Vec::new();
    let mut uri = "/api/documents?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let page = ok(get(&state, &uri).await);
        assert_eq!(page["total"], 5);
        seen.extend(ids(&page));
        pages += 1;
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/documents?limit=2&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ids(&all));

    let since = ok(get(&state, "/api/documents?since=2026-02-07").await);
    assert_eq!(ids(&since), ["francais", "sanctions"]);
    let until = ok(get(&state, "/api/documents?until=2026-02-05").await);
    assert_eq!(ids(&until), ["preview"]);
    let source = ok(get(&state, "/api/documents?source=meridian").await);
    assert_eq!(ids(&source), ["round-one"]);
    let french = ok(get(&state, "/api/documents?lang=fra").await);
    assert_eq!(ids(&french), ["francais"]);
    let originals = ok(get(&state, "/api/documents?no_duplicates=true").await);
    assert_eq!(originals["total"], 4);

    for (uri, code) in [
        ("/api/documents?since=yesterday", "bad_parameter"),
        ("/api/documents?sinse=2026-02-01", "bad_parameter"),
        ("/api/documents?limit=0", "bad_parameter"),
        ("/api/documents?limit=5000", "bad_parameter"),
        ("/api/documents?no_duplicates=maybe", "bad_parameter"),
        ("/api/documents?cursor=garbage", "bad_cursor"),
        ("/api/documents?cursor=o2g99", "stale_cursor"),
    ] {
        assert_eq!(
            error_code(get(&state, uri).await, StatusCode::BAD_REQUEST),
            code,
            "{uri}"
        );
    }
}

#[tokio::test]
async fn one_document_with_text_and_record() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let d = ok(get(&state, "/api/documents/sanctions").await);
    assert_eq!(d["document"]["id"], "sanctions");
    assert_eq!(d["document"]["source"], "Capitol Dispatch");
    assert_eq!(d["document"]["published"], "2026-02-09");
    let text = d["text"].as_str().expect("text");
    assert!(text.starts_with("Washington accused Tehran of stalling on Monday."));
    assert_eq!(d["record"]["events"].as_array().map(Vec::len), Some(3));
    assert_eq!(d["record"]["events"][1]["plover"], "SANCTION");
    assert!(
        d["record"]["sentences"]
            .as_array()
            .is_some_and(|s| s.len() == 3)
    );

    // The French document is stored and served even though it is not analysed.
    let fr = ok(get(&state, "/api/documents/francais").await);
    assert_eq!(fr["document"]["language"], "fra");

    let missing = get(&state, "/api/documents/nope").await;
    assert_eq!(error_code(missing, StatusCode::NOT_FOUND), "not_found");
}

#[tokio::test]
async fn span_gives_the_cited_sentence() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let events = ok(get(&state, "/api/events?doc=sanctions&type=SANCTION").await);
    let ev = &events["items"][0]["evidence"][0];
    let uri = format!(
        "/api/documents/sanctions/span?start={}&end={}",
        ev["start"], ev["end"]
    );
    let s = ok(get(&state, &uri).await);
    assert_eq!(
        s["text"],
        "The Treasury imposed new sanctions on Iranian shipping firms."
    );
    assert_eq!(s["sentence"], 1);
    assert_eq!(s["title"], "New penalties announced");

    let bad = [
        "/api/documents/sanctions/span?start=5",
        "/api/documents/sanctions/span?start=9&end=2",
        "/api/documents/sanctions/span?start=0&end=999999",
        "/api/documents/sanctions/span?start=a&end=2",
    ];
    for uri in bad {
        assert_eq!(
            error_code(get(&state, uri).await, StatusCode::BAD_REQUEST),
            "bad_parameter",
            "{uri}"
        );
    }
    let missing = get(&state, "/api/documents/nope/span?start=0&end=1").await;
    assert_eq!(error_code(missing, StatusCode::NOT_FOUND), "not_found");
}

#[tokio::test]
async fn search_ranks_with_snippets_and_pages() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let hits = ok(get(&state, "/api/search?q=sanctions").await);
    assert_eq!(ids(&hits), ["sanctions"]);
    let snippet = hits["items"][0]["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("[sanctions]"), "{snippet}");
    assert!(hits["items"][0]["score"].as_f64().is_some());

    let muscat = ok(get(&state, "/api/search?q=Muscat%20envoys").await);
    let mut found = ids(&muscat);
    found.sort();
    assert_eq!(found, ["round-one", "round-one-copy"]);

    let first = ok(get(&state, "/api/search?q=Muscat&limit=1").await);
    assert_eq!(ids(&first).len(), 1);
    let next = first["next"].as_str().expect("a second page");
    let second = ok(get(
        &state,
        &format!("/api/search?q=Muscat&limit=1&cursor={next}"),
    )
    .await);
    assert_eq!(ids(&second).len(), 1);
    assert_ne!(ids(&first), ids(&second));

    let phrase = ok(get(&state, "/api/search?q=%22direct%20talks%22").await);
    assert_eq!(phrase["items"].as_array().map(Vec::len), Some(2));

    assert_eq!(
        error_code(get(&state, "/api/search").await, StatusCode::BAD_REQUEST),
        "bad_parameter"
    );
    assert_eq!(
        error_code(
            get(&state, "/api/search?q=x&limit=1000&cursor=o3e8g1").await,
            StatusCode::BAD_REQUEST
        ),
        "bad_parameter"
    );
}

#[tokio::test]
async fn events_filters() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let count = |v: Value| v["total"].as_u64().expect("total");
    let all = ok(get(&state, "/api/events?limit=1000").await);
    // The French document has no events; every hand-coded event is served.
    assert_eq!(count(all.clone()), fixture::EVENTS.len() as u64);
    let first = &all["items"][0];
    assert_eq!(first["doc"], "preview");
    assert_eq!(first["plover"], "REJECT");
    assert_eq!(first["date"], "2026-02-05");
    assert_eq!(first["source_party"], "IRN");
    assert_eq!(first["evidence"][0]["doc"], "preview");
    // An undated event sorts by its document's date; a week by its first day.
    assert_eq!(all["items"][5]["date"], "2026-W07");
    assert_eq!(all["items"][8]["date"], Value::Null);
    assert_eq!(all["items"][8]["doc"], "sanctions");

    let cases: &[(&str, u64)] = &[
        ("type=CONSULT", 4),
        ("type=consult,reject", 6),
        ("status=planned", 2),
        ("status=occurred&type=CONSULT", 2),
        ("actor=OMN", 3),
        ("actor=USA", 9),
        ("actor=IRNBUS", 1),
        ("dyad=USA,IRN", 9),
        ("dyad=USA,IRNBUS", 1),
        ("dyad=IRN,USA&type=ACCUSE", 1),
        ("dyad=IRN,OMN", 0),
        ("doc=sanctions", 3),
        ("doc=round-one-copy", 1),
        ("since=2026-02-09", 3),
        ("until=2026-02-05", 1),
        // A week overlaps the range it falls in.
        ("since=2026-02-10&until=2026-02-12", 1),
        ("since=2026-02-06&until=2026-02-06", 4),
    ];
    for (query, want) in cases {
        let got = ok(get(&state, &format!("/api/events?{query}")).await);
        assert_eq!(count(got), *want, "{query}");
    }
    let newest = ok(get(&state, "/api/events?order=desc&limit=1").await);
    assert_eq!(newest["items"][0]["id"], all["items"][8]["id"]);
    assert_eq!(newest["total"], 9);
    for uri in [
        "/api/events?order=newest",
        "/api/events?type=HUG",
        "/api/events?status=rumoured",
        "/api/events?dyad=IRN",
        "/api/events?actor=IRN%20GOV",
        "/api/events?until=2026-13-01",
    ] {
        assert_eq!(
            error_code(get(&state, uri).await, StatusCode::BAD_REQUEST),
            "bad_parameter",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn network_weights_who_acts_on_whom() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let net = ok(get(&state, "/api/network").await);
    let nodes: Vec<&str> = net["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(nodes, ["IRN", "OMN", "USA"]);
    let edge = |s: &str, t: &str, kind: &str| -> Value {
        net["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .find(|e| e["source"] == s && e["target"] == t && e["kind"] == kind)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // IRN → USA: 4 CONSULT + 2 REJECT; USA → IRN: REQUEST, ACCUSE, SANCTION (IRNBUS → IRN).
    assert_eq!(edge("IRN", "USA", "acts")["weight"], 6);
    assert_eq!(edge("IRN", "USA", "acts")["types"]["CONSULT"], 4);
    assert_eq!(edge("USA", "IRN", "acts")["weight"], 3);
    assert_eq!(edge("OMN", "IRN", "mediates")["weight"], 3);
    assert_eq!(net["edges"].as_array().map(Vec::len), Some(4));
    let planned = ok(get(&state, "/api/network?status=planned").await);
    assert_eq!(planned["edges"][0]["weight"], 2);
}

#[tokio::test]
async fn analysis_endpoints_match_the_analysis() {
    let fx = fixture::fixture();
    let (_corpus, want) = expected(&fx);
    let state = fixture::start(&fx, None).await;
    let total = |v: &Value| v["total"].as_u64().expect("total") as usize;

    let timeline = ok(get(&state, "/api/timeline?limit=1000").await);
    assert_eq!(total(&timeline), want.timeline.len());
    assert!(!want.timeline.is_empty());
    assert_eq!(
        serde_json::to_value(&want.timeline).expect("json"),
        timeline["items"]
    );
    // The Muscat meeting was reported by two stories plus a syndicated copy.
    let meeting = want
        .timeline
        .iter()
        .find(|t| t.date == "2026-02-06" && t.plover == "CONSULT")
        .expect("the meeting");
    assert_eq!(meeting.status, "occurred");
    let consult = ok(get(&state, "/api/timeline?type=CONSULT&status=occurred").await);
    assert_eq!(consult["items"][0]["sources"], meeting.sources);
    assert_eq!(
        total(&ok(get(&state, "/api/timeline?type=SANCTION").await)),
        1
    );

    let positions = ok(get(&state, "/api/positions?limit=1000").await);
    assert_eq!(total(&positions), want.positions.len());
    let irn = ok(get(&state, "/api/positions?party=irn").await);
    assert_eq!(
        total(&irn),
        want.positions.iter().filter(|p| p.actor == "IRN").count()
    );
    let changes = ok(get(&state, "/api/changes").await);
    assert_eq!(total(&changes), want.changes.len());
    let issues = ok(get(&state, "/api/issues").await);
    assert_eq!(issues["dossier"]["issues"][0]["id"], "enrichment");
    assert_eq!(issues["proposed"], false);
    assert_eq!(
        issues["rows"].as_array().map(Vec::len),
        Some(want.issues.len())
    );
    let contradictions = ok(get(&state, "/api/contradictions").await);
    assert_eq!(total(&contradictions), want.contradictions.len());
    let schedule = ok(get(&state, "/api/schedule").await);
    assert_eq!(total(&schedule), want.schedule.len());
    assert_eq!(
        serde_json::to_value(&want.schedule).expect("json"),
        schedule["items"]
    );

    let actors = ok(get(&state, "/api/actors?limit=1000").await);
    assert!(total(&actors) > 0);
    for uri in [
        "/api/positions?kind=wish",
        "/api/timeline?status=negated",
        "/api/actors?party=I-R",
        "/api/schedule?x=1",
    ] {
        assert_eq!(
            error_code(get(&state, uri).await, StatusCode::BAD_REQUEST),
            "bad_parameter",
            "{uri}"
        );
    }
}

/// JSON values equal up to floating-point rounding: the forecast is recomputed here, and a
/// sum can differ in its last bit between two computations.
fn approx_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| approx_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| approx_eq(v, w)))
        }
        _ => a == b,
    }
}

#[tokio::test]
async fn forecast_is_the_dossier_forecast_of_the_corpus() {
    let fx = fixture::fixture();
    let (corpus, analysis) = expected(&fx);
    let state = fixture::start(&fx, None).await;
    let got = ok(get(&state, "/api/forecast").await);
    let want = corpus.forecast(&fixture::dossier(), &analysis, &server::forecast_settings());
    let want = serde_json::to_value(&want).expect("serialisable");
    assert!(approx_eq(&got, &want), "{got:#}\n!=\n{want:#}");
    // Every issue of the dossier is either forecast or skipped with a reason.
    let forecast = got["issues"].as_array().expect("issues").len();
    let skipped = got["skipped"].as_array().expect("skipped").len();
    assert_eq!(forecast + skipped, fixture::dossier().issues.len());
}

#[tokio::test]
async fn brief_in_markdown_and_json() {
    let fx = fixture::fixture();
    let (corpus, analysis) = expected(&fx);
    let state = fixture::start(&fx, None).await;
    let response = call(
        &state,
        Request::get("/api/brief").body(Body::empty()).expect("req"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/markdown; charset=utf-8"
    );
    let md = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let dossier = fixture::dossier();
    let forecast = corpus.forecast(&dossier, &analysis, &server::forecast_settings());
    let sources = corpus.sources();
    let report = brief::Brief::new(&dossier, &analysis, &sources).with_forecast(&forecast);
    assert_eq!(String::from_utf8_lossy(&md), report.markdown());

    let json = ok(get(&state, "/api/brief?format=json").await);
    let want = report.json();
    assert!(approx_eq(&json, &want), "{json:#}\n!=\n{want:#}");
    let response = call(
        &state,
        Request::get("/api/brief?format=html")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let html = String::from_utf8_lossy(&html);
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..60.min(html.len())]
    );
    for id in ["stands", "disagree", "forecast", "sources"] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "missing {id}"
        );
    }
    assert_eq!(
        error_code(
            get(&state, "/api/brief?format=pdf").await,
            StatusCode::BAD_REQUEST
        ),
        "bad_parameter"
    );
}

#[tokio::test]
async fn openapi_lists_every_endpoint_and_each_answers() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let doc = ok(get(&state, "/api/openapi.json").await);
    assert_eq!(doc["openapi"], "3.1.0");
    for (method, path) in server::API_PATHS {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
        if *method != "get" || *path == "/api/stream" {
            continue;
        }
        let uri = path.replace("{id}", "preview");
        let uri = if uri.ends_with("/span") {
            format!("{uri}?start=0&end=4")
        } else if uri == "/api/search" {
            format!("{uri}?q=talks")
        } else {
            uri
        };
        let (status, body) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json_errors() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    assert_eq!(
        error_code(get(&state, "/api/nothing").await, StatusCode::NOT_FOUND),
        "not_found"
    );
    let response = call(
        &state,
        Request::delete("/api/events")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let body: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn etag_gives_304_when_unchanged() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let first = call(
        &state,
        Request::get("/api/events")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = first.headers()[header::ETAG]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = call(
        &state,
        Request::get("/api/events")
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::ETAG], tag.as_str());
    let body = axum::body::to_bytes(again.into_body(), usize::MAX)
        .await
        .expect("body");
    assert!(body.is_empty());
    // Another representation has another tag, so the old one does not match.
    let other = call(
        &state,
        Request::get("/api/events?type=ACCUSE")
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(other.status(), StatusCode::OK);
    assert_ne!(other.headers()[header::ETAG], tag.as_str());
}

#[tokio::test]
async fn gzip_when_asked() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let plain = get(&state, "/api/events?limit=1000").await.1;
    let response = call(
        &state,
        Request::get("/api/events?limit=1000")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gzip");
    assert!(text.len() > bytes.len());
    assert_eq!(serde_json::from_str::<Value>(&text).expect("json"), plain);
}

#[tokio::test]
async fn dashboard_and_assets_are_embedded() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let page = call(&state, Request::get("/").body(Body::empty()).expect("req")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        page.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    let csp = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp");
    assert!(csp.contains("default-src 'self'"));
    let html = axum::body::to_bytes(page.into_body(), usize::MAX)
        .await
        .expect("body");
    let html = String::from_utf8_lossy(&html);
    for asset in ["app.js", "app.css", "chart.umd.min.js", "cytoscape.min.js"] {
        assert!(html.contains(&format!("/assets/{asset}")), "{asset}");
        let response = call(
            &state,
            Request::get(format!("/assets/{asset}"))
                .body(Body::empty())
                .expect("req"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{asset}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        assert!(bytes.len() > 1000, "{asset}");
    }
    // No CDN: nothing is loaded from another host.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert_eq!(
        error_code(
            get(&state, "/assets/secrets.txt").await,
            StatusCode::NOT_FOUND
        ),
        "not_found"
    );
}

#[tokio::test]
async fn sql_injection_through_search_and_filters_is_inert() {
    let fx = fixture::fixture();
    let state = fixture::start(&fx, None).await;
    let attacks = [
        "x' OR '1'='1",
        "'; DROP TABLE documents; --",
        "\" OR 1=1 --",
        "NEAR(talks sanctions) OR *",
        "sanctions) UNION SELECT text FROM documents --",
        "%' OR 1=1; --",
    ];
    for attack in attacks {
        let q: String = url_encode(attack);
        let (status, body) = get(&state, &format!("/api/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{attack}: {body}");
        // Words are matched as words: an attack matches at most the articles that contain
        // all of its words, never every document.
        assert!(
            body["items"].as_array().is_some_and(|i| i.len() < 5),
            "{attack}"
        );
        let docs = ok(get(&state, &format!("/api/documents?source={q}")).await);
        assert_eq!(docs["total"], 0, "{attack}");
        let events = ok(get(&state, &format!("/api/events?doc={q}")).await);
        assert_eq!(events["total"], 0, "{attack}");
        let missing = get(&state, &format!("/api/documents/{q}")).await;
        assert_eq!(error_code(missing, StatusCode::NOT_FOUND), "not_found");
        let code = get(&state, &format!("/api/events?actor={q}")).await;
        assert_eq!(error_code(code, StatusCode::BAD_REQUEST), "bad_parameter");
    }
    // Everything is still there.
    let store_check = fx.open();
    assert_eq!(
        store::Store::count_documents(&store_check).expect("count"),
        5
    );
    let hits = ok(get(&state, "/api/search?q=sanctions").await);
    assert_eq!(ids(&hits), ["sanctions"]);
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
