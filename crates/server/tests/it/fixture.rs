//! A small invented corpus in a temporary SQLite database, with hand-coded events (so the
//! event filters are tested on known data whatever the coder produces), and helpers to call
//! the router without a socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use model::record::{ActorRef, EventRecord, Record};
use serde_json::Value;
use store::{NewDocument, SqliteStore, Store};
use tower::ServiceExt;

/// The articles: id, front matter + text. Invented for these tests.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "preview",
        "---\ndate: 2026-02-05\ntitle: Talks set for Muscat\nsource: Gulf Ledger\n---\n\
Iran and the United States will hold indirect talks in Muscat on Friday, officials said. \
Oman will carry messages between the two delegations. \
Iranian Foreign Minister Abbas Araghchi said Iran would not give up enrichment.\n",
    ),
    (
        "round-one",
        "---\ndate: 2026-02-06\ntitle: Envoys meet in Oman\nsource: Meridian Wire\n---\n\
Iranian and American envoys met in Muscat on Friday for direct talks, a diplomat said. \
The United States asked Iran to halt enrichment during the talks. \
Both sides agreed to meet again next week.\n",
    ),
    (
        "sanctions",
        "---\ndate: 2026-02-09\ntitle: New penalties announced\nsource: Capitol Dispatch\n---\n\
Washington accused Tehran of stalling on Monday. \
The Treasury imposed new sanctions on Iranian shipping firms. \
Iran rejected the accusation and called the sanctions a provocation.\n",
    ),
    (
        "round-one-copy",
        "---\ndate: 2026-02-06\ntitle: Envoys meet in Oman\nsource: Syndicated\n---\n\
Iranian and American envoys met in Muscat on Friday for direct talks, a diplomat said. \
The United States asked Iran to halt enrichment during the talks. \
Both sides agreed to meet again next week.\n",
    ),
    (
        "francais",
        "---\ndate: 2026-02-07\ntitle: Pourparlers à Mascate\nsource: Courrier\n---\n\
Les délégations iranienne et américaine se sont retrouvées vendredi à Mascate pour des \
pourparlers indirects, selon des diplomates omanais qui ont transmis les messages.\n",
    ),
];

/// Hand-coded events: (document, sentence, PLOVER, source, target, mediator, date, status).
type EventSpec = (
    &'static str,
    u32,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);
pub const EVENTS: &[EventSpec] = &[
    (
        "preview",
        0,
        "CONSULT",
        "IRNGOV",
        "USAGOV",
        Some("OMNGOV"),
        Some("2026-02-06"),
        "planned",
    ),
    (
        "preview",
        2,
        "REJECT",
        "IRNGOV",
        "USAGOV",
        None,
        Some("2026-02-05"),
        "occurred",
    ),
    (
        "round-one",
        0,
        "CONSULT",
        "IRNGOV",
        "USAGOV",
        Some("OMNGOV"),
        Some("2026-02-06"),
        "occurred",
    ),
    (
        "round-one",
        1,
        "REQUEST",
        "USAGOV",
        "IRNGOV",
        None,
        Some("2026-02-06"),
        "occurred",
    ),
    (
        "round-one",
        2,
        "CONSULT",
        "IRNGOV",
        "USAGOV",
        None,
        Some("2026-W07"),
        "planned",
    ),
    (
        "sanctions",
        0,
        "ACCUSE",
        "USAGOV",
        "IRNGOV",
        None,
        Some("2026-02-09"),
        "occurred",
    ),
    (
        "sanctions",
        1,
        "SANCTION",
        "USAGOV",
        "IRNBUS",
        None,
        Some("2026-02-09"),
        "occurred",
    ),
    (
        "sanctions",
        2,
        "REJECT",
        "IRNGOV",
        "USAGOV",
        None,
        None,
        "occurred",
    ),
    (
        "round-one-copy",
        0,
        "CONSULT",
        "IRNGOV",
        "USAGOV",
        Some("OMNGOV"),
        Some("2026-02-06"),
        "occurred",
    ),
];

/// A fixture database on disk.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("fixture.db")
    }

    pub fn opener(&self) -> server::StoreOpener {
        let path = self.path();
        Arc::new(move || SqliteStore::open(&path).map(|s| Box::new(s) as Box<dyn Store>))
    }

    pub fn open(&self) -> SqliteStore {
        SqliteStore::open(&self.path()).expect("fixture database opens")
    }
}

fn event(record: &Record, spec: &EventSpec) -> EventRecord {
    let (_, sentence, plover, source, target, mediator, date, status) = *spec;
    let range = record.sentences[sentence as usize];
    let actor = |code: &str| ActorRef {
        code: code.to_owned(),
        actor: None,
    };
    EventRecord {
        sentence,
        start: range.start,
        end: range.end,
        plover: plover.to_owned(),
        mode: None,
        cameo: "000".to_owned(),
        goldstein: match plover {
            "CONSULT" => 1.0,
            "REQUEST" => -0.1,
            _ => -4.0,
        },
        source: actor(source),
        target: Some(actor(target)),
        mediator: mediator.map(actor),
        date: date.map(str::to_owned),
        date_grain: None,
        location: None,
        status: status.to_owned(),
        trigger: plover.to_lowercase(),
    }
}

/// Ingests one article the way `POST /api/documents` and `backchannel ingest` do.
pub fn put(store: &mut dyn Store, pipeline: &extract::Pipeline, id: &str, text: &str) -> Record {
    let (drafts, problems) =
        ingest::parse_input(ingest::InputKind::Markdown, id, id, text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let prepared =
        ingest::prepare(drafts.into_iter().next().expect("one draft")).expect("prepared");
    let bands = prepared.fingerprint.bands();
    let outcome = store
        .put_document(NewDocument {
            doc: &prepared.doc,
            signature: prepared.fingerprint.values(),
            bands: &bands,
            near_threshold: ingest::fingerprint::NEAR_DUPLICATE_THRESHOLD,
        })
        .expect("stored");
    let stored_id = match outcome {
        store::PutOutcome::Stored { id, .. } | store::PutOutcome::Unchanged { id } => id,
    };
    let mut record = pipeline.record(&prepared.doc);
    record.doc.id = stored_id.to_string();
    record.events = EVENTS
        .iter()
        .filter(|e| e.0 == id)
        .map(|e| event(&record, e))
        .collect();
    store.put_record(&record).expect("record stored");
    record
}

/// Builds the fixture database.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Fixture { dir };
    let mut store = fixture.open();
    let pipeline = extract::Pipeline::new();
    for (id, text) in ARTICLES {
        put(&mut store, &pipeline, id, text);
    }
    fixture
}

/// The dossier the tests analyse with.
pub fn dossier() -> dossier::Dossier {
    dossier::Dossier::parse(
        r#"name = "Fixture talks"
parties = ["IRN", "USA"]
mediators = ["OMN"]

[[issue]]
id = "enrichment"
question = "How much enrichment may Iran keep?"
keywords = ["enrich", "enrichment"]
scale = { 0 = "zero enrichment", 100 = "unrestricted enrichment" }
"#,
    )
    .expect("valid dossier")
}

/// A started server over the fixture (read-only unless `token`).
pub async fn start(fixture: &Fixture, token: Option<&str>) -> server::AppState {
    let mut config = server::Config::new(fixture.opener());
    config.dossier = Some(dossier());
    config.token = token.map(str::to_owned);
    config.poll_interval = std::time::Duration::from_secs(3600);
    config.store_threads = 2;
    server::AppState::start(config)
        .await
        .expect("server starts")
}

/// One request through the router.
pub async fn call(state: &server::AppState, request: Request<Body>) -> Response<Body> {
    server::app(state.clone())
        .oneshot(request)
        .await
        .expect("router answers")
}

/// GET `uri`; returns status and the body as JSON (Null when not JSON).
pub async fn get(state: &server::AppState, uri: &str) -> (StatusCode, Value) {
    let response = call(
        state,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// GET `uri` expecting 200; returns the JSON.
#[track_caller]
pub fn ok(result: (StatusCode, Value)) -> Value {
    assert_eq!(result.0, StatusCode::OK, "{}", result.1);
    result.1
}

/// The error code of an error body, after checking its status.
#[track_caller]
pub fn error_code(result: (StatusCode, Value), status: StatusCode) -> String {
    assert_eq!(result.0, status, "{}", result.1);
    let message = result.1["error"]["message"].as_str().unwrap_or("");
    assert!(!message.is_empty(), "error without a message: {}", result.1);
    result.1["error"]["code"].as_str().unwrap_or("").to_owned()
}

/// Ids of a list's items.
pub fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}
