//! The behaviour every [`Store`] backend must show, written once. Each function panics with
//! a message on the first difference; backends call them from their tests (SQLite in this
//! crate's tests, PostgreSQL when `DATABASE_URL` is set).

use std::time::Duration;

use model::record::{ByteRange, Record, RecordDoc, TimeRecord};
use model::{DocFormat, DocId, Document};

use crate::{
    Claim, ClaimRequest, Cursor, DocFilter, FailureCount, HttpValidators, NewDocument, PutOutcome,
    QueueStatus, Store, StoreError,
};

/// A document for the suite, with a content hash derived from its text.
pub fn sample(id: &str, text: &str, source: &str, published: Option<&str>) -> Document {
    Document {
        id: DocId::new(id).expect("suite ids are non-empty"),
        text: text.to_owned(),
        title: Some(format!("Title of {id}")),
        source: Some(source.to_owned()),
        url: None,
        author: None,
        published: published.map(|d| d.parse().expect("suite dates are valid")),
        inferred_date: None,
        language: Some("eng".to_owned()),
        format: DocFormat::Text,
        origin: format!("{id}.txt"),
        content_hash: format!("{:0>64x}", fnv(text)),
        duplicate_of: None,
    }
}

/// A synthetic signature: `base` values, the first `differ` of them changed.
pub fn signature(base: u64, differ: usize) -> Vec<u64> {
    (0..128u64)
        .map(|i| {
            if (i as usize) < differ {
                base.wrapping_mul(31).wrapping_add(i) ^ 0xdead_beef
            } else {
                base.wrapping_add(i * 7919)
            }
        })
        .collect()
}

/// Band keys for a signature (4 rows a band).
pub fn bands(signature: &[u64]) -> Vec<(u32, i64)> {
    signature
        .chunks(4)
        .enumerate()
        .map(|(i, rows)| {
            (
                i as u32,
                rows.iter().fold(i as u64, |h, r| fnv_u64(h ^ r)) as i64,
            )
        })
        .collect()
}

fn put(store: &mut dyn Store, doc: &Document, sig: &[u64]) -> PutOutcome {
    let bands = bands(sig);
    store
        .put_document(NewDocument {
            doc,
            signature: sig,
            bands: &bands,
            near_threshold: 0.6,
        })
        .expect("put_document succeeds")
}

fn stored(id: &str, duplicate_of: Option<&str>, near: bool) -> PutOutcome {
    PutOutcome::Stored {
        id: DocId::new(id).expect("non-empty"),
        duplicate_of: duplicate_of.map(|d| DocId::new(d).expect("non-empty")),
        near,
    }
}

/// Storing, reading back, re-storing unchanged, and id clashes.
pub fn put_get_and_idempotence(store: &mut dyn Store) {
    let doc = sample(
        "a",
        "Envoys met in Muscat “today”.\n\nMore.",
        "Gulf Ledger",
        Some("2026-02-06"),
    );
    assert_eq!(put(store, &doc, &signature(1, 0)), stored("a", None, false));
    let back = store
        .document(&doc.id)
        .expect("document() succeeds")
        .expect("stored document is found");
    assert_eq!(back, doc, "a document reads back exactly");
    assert_eq!(
        put(store, &doc, &signature(1, 0)),
        PutOutcome::Unchanged { id: doc.id.clone() }
    );
    assert_eq!(store.count_documents().expect("count"), 1);

    let clash = sample("a", "A different story about tariffs.", "Other", None);
    let suffixed = format!("a~{}", &clash.content_hash[..8]);
    assert_eq!(
        put(store, &clash, &signature(900, 0)),
        stored(&suffixed, None, false)
    );
    assert_eq!(
        put(store, &clash, &signature(900, 0)),
        PutOutcome::Unchanged {
            id: DocId::new(suffixed).expect("non-empty")
        },
        "re-ingesting a clashing document is idempotent too"
    );
    assert_eq!(store.count_documents().expect("count"), 2);
    assert_eq!(
        store
            .document(&DocId::new("missing").expect("non-empty"))
            .expect("document() succeeds"),
        None
    );
}

/// Exact and near duplicates are linked to the first copy; unrelated documents are not.
pub fn duplicates_are_linked(store: &mut dyn Store) {
    let original = sample("orig", "Original story text.", "Wire", Some("2026-02-07"));
    let exact = sample(
        "copy",
        "Original story text.",
        "Reprint",
        Some("2026-02-07"),
    );
    let near = sample("near", "Original story text, edited.", "Syndicate", None);
    let near_of_near = sample("near2", "Original story text, edited twice.", "S2", None);
    let other = sample("other", "Unrelated.", "Wire", None);
    assert_eq!(
        put(store, &original, &signature(5, 0)),
        stored("orig", None, false)
    );
    assert_eq!(
        put(store, &exact, &signature(5, 0)),
        stored("copy", Some("orig"), false)
    );
    assert_eq!(
        put(store, &near, &signature(5, 30)),
        stored("near", Some("orig"), true)
    );
    assert_eq!(
        put(store, &near_of_near, &signature(5, 40)),
        stored("near2", Some("orig"), true),
        "a copy of a copy links to the first one"
    );
    assert_eq!(
        put(store, &other, &signature(77, 0)),
        stored("other", None, false)
    );
    let far = sample("far", "Shares little.", "Wire", None);
    assert_eq!(
        put(store, &far, &signature(5, 100)),
        stored("far", None, false),
        "below the threshold is not a duplicate"
    );
    let listed = store
        .documents(&DocFilter {
            skip_duplicates: true,
            ..DocFilter::default()
        })
        .expect("documents() succeeds");
    let ids: Vec<&str> = listed.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["orig", "far", "other"]);
}

/// Listing orders by date then id and filters by date range and source.
pub fn listing_filters(store: &mut dyn Store) {
    for (id, source, date) in [
        ("d1", "Gulf Ledger", Some("2026-02-05")),
        ("d2", "Meridian Wire", Some("2026-02-07")),
        ("d3", "gulf ledger", Some("2026-02-10")),
        ("d4", "Meridian Wire", None),
    ] {
        let doc = sample(id, &format!("Body of {id}."), source, date);
        put(store, &doc, &[]);
    }
    let ids = |filter: DocFilter| -> Vec<String> {
        store
            .documents(&filter)
            .expect("documents() succeeds")
            .into_iter()
            .map(|d| d.id.to_string())
            .collect()
    };
    assert_eq!(ids(DocFilter::default()), ["d1", "d2", "d3", "d4"]);
    assert_eq!(
        ids(DocFilter {
            since: Some(jiff::civil::date(2026, 2, 6)),
            ..DocFilter::default()
        }),
        ["d2", "d3"]
    );
    assert_eq!(
        ids(DocFilter {
            until: Some(jiff::civil::date(2026, 2, 7)),
            source: Some("LEDGER".into()),
            ..DocFilter::default()
        }),
        ["d1"]
    );
    assert_eq!(
        ids(DocFilter {
            limit: Some(2),
            ..DocFilter::default()
        }),
        ["d1", "d2"]
    );
}

/// Search ranks, snippets, handles hostile input and phrases.
pub fn search_ranks_and_is_safe(store: &mut dyn Store) {
    let docs = [
        sample(
            "s1",
            "Oman hosted indirect talks. Oman's foreign minister carried messages between rooms.",
            "A",
            None,
        ),
        sample(
            "s2",
            "Sanctions on tankers were announced in Washington.",
            "B",
            None,
        ),
        sample(
            "s3",
            "A brief mention of Oman in a story about shipping.",
            "C",
            None,
        ),
    ];
    for doc in &docs {
        put(store, doc, &[]);
    }
    let hits = store.search("oman", 10).expect("search succeeds");
    let ids: Vec<&str> = hits.iter().map(|h| h.summary.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s3"], "more mentions rank first");
    assert!(hits[0].score >= hits[1].score);
    assert!(hits[0].snippet.contains("[Oman]"), "{}", hits[0].snippet);
    let phrase = store
        .search("\"indirect talks\"", 10)
        .expect("search succeeds");
    assert_eq!(phrase.len(), 1);
    assert_eq!(phrase[0].summary.id.as_str(), "s1");
    assert_eq!(store.search("tanker*", 10).expect("prefix search").len(), 1);
    for hostile in ["'; DROP TABLE documents; --", "\" OR 1=1", "NEAR(", "*", ""] {
        let result = store.search(hostile, 10);
        assert!(result.is_ok(), "{hostile:?}: {result:?}");
    }
    assert_eq!(store.count_documents().expect("count"), 3);
}

/// HTTP validators round-trip and update.
pub fn http_validators_round_trip(store: &mut dyn Store) {
    let url = "http://127.0.0.1/feed.xml";
    assert_eq!(store.http_validators(url).expect("read"), None);
    let v = HttpValidators {
        etag: Some("\"abc\"".into()),
        last_modified: None,
    };
    store.set_http_validators(url, &v).expect("write");
    assert_eq!(store.http_validators(url).expect("read"), Some(v));
    let v2 = HttpValidators {
        etag: None,
        last_modified: Some("Tue, 03 Mar 2026 08:00:00 GMT".into()),
    };
    store.set_http_validators(url, &v2).expect("write");
    assert_eq!(store.http_validators(url).expect("read"), Some(v2));
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fnv_u64(x: u64) -> u64 {
    x.to_le_bytes().iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A minimal record for a document.
pub fn sample_record(id: &str, extractor: &str) -> Record {
    Record {
        doc: RecordDoc {
            id: id.to_owned(),
            title: None,
            source: None,
            url: None,
            published: Some("2026-02-05".to_owned()),
            language: Some("en".to_owned()),
            duplicate_of: None,
            extractor: extractor.to_owned(),
        },
        sentences: vec![ByteRange { start: 0, end: 10 }],
        actors: Vec::new(),
        times: vec![TimeRecord {
            start: 0,
            end: 8,
            text: "Tomorrow".to_owned(),
            kind: "DATE".to_owned(),
            value: "2026-02-06".to_owned(),
            unresolved: false,
        }],
        quotes: Vec::new(),
        events: Vec::new(),
        positions: Vec::new(),
        claims: Vec::new(),
    }
}

/// Records round-trip, are replaced, need their document, and stale ones are listed.
pub fn records_round_trip_and_staleness(store: &mut dyn Store) {
    for id in ["r1", "r2", "r3"] {
        put(
            store,
            &sample(id, &format!("Text of {id}."), "S", Some("2026-02-05")),
            &[],
        );
    }
    let v1 = sample_record("r1", "x/1");
    store.put_record(&v1).expect("put_record");
    assert_eq!(
        store
            .record(&DocId::new("r1").expect("id"))
            .expect("record()"),
        Some(v1.clone())
    );
    store
        .put_record(&sample_record("r2", "x/1"))
        .expect("put_record");
    let stale: Vec<String> = store
        .stale_documents("x/1")
        .expect("stale")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(stale, ["r3"]);
    let v2 = sample_record("r1", "x/2");
    store.put_record(&v2).expect("replace");
    let stale: Vec<String> = store
        .stale_documents("x/2")
        .expect("stale")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(stale, ["r2", "r3"]);
    let all = store.records(&DocFilter::default()).expect("records");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], v2);
    let missing = store.put_record(&sample_record("nope", "x/2"));
    assert!(
        matches!(missing, Err(StoreError::UnknownDocument { ref id }) if id == "nope"),
        "{missing:?}"
    );
}

fn queue_doc(store: &mut dyn Store, id: &str) -> PutOutcome {
    let doc = sample(
        id,
        &format!("Queued text of {id}."),
        "Q",
        Some("2026-02-05"),
    );
    let sig = signature(fnv(id), 0);
    let bands = bands(&sig);
    store
        .enqueue_document(NewDocument {
            doc: &doc,
            signature: &sig,
            bands: &bands,
            near_threshold: 0.6,
        })
        .expect("enqueue_document succeeds")
}

fn claim_ids(claims: &[Claim]) -> Vec<&str> {
    claims.iter().map(|c| c.id.as_str()).collect()
}

fn status(store: &dyn Store) -> QueueStatus {
    store
        .queue_status(Duration::from_secs(600))
        .expect("queue_status succeeds")
}

/// Enqueueing is idempotent; claims never overlap; completion writes the record once, only
/// under a held claim; failures keep their reason; `retry_failed` re-queues them.
pub fn queue_claim_complete_fail_retry(store: &mut dyn Store) {
    for id in ["q1", "q2", "q3", "q4", "q5"] {
        assert!(matches!(queue_doc(store, id), PutOutcome::Stored { .. }));
    }
    assert_eq!(
        queue_doc(store, "q3"),
        PutOutcome::Unchanged {
            id: DocId::new("q3").expect("id")
        }
    );
    assert_eq!(status(store).pending, 5, "re-enqueueing adds nothing");

    let request = ClaimRequest {
        limit: 2,
        ..ClaimRequest::default()
    };
    let first = store.claim("w1", &request).expect("claim");
    assert_eq!(claim_ids(&first), ["q1", "q2"]);
    assert!(first.iter().all(|c| c.attempt == 1 && c.worker == "w1"));
    let second = store.claim("w2", &request).expect("claim");
    assert_eq!(claim_ids(&second), ["q3", "q4"], "claims never overlap");
    let s = status(store);
    assert_eq!((s.pending, s.leased, s.done, s.failed), (1, 4, 0, 0));
    assert_eq!(
        s.workers
            .iter()
            .map(|w| (w.worker.as_str(), w.leased))
            .collect::<Vec<_>>(),
        [("w1", 2), ("w2", 2)]
    );

    let record = sample_record("q1", "x/1");
    assert!(store.complete(&first[0], &record).expect("complete"));
    assert_eq!(
        store.record(&first[0].id).expect("record()"),
        Some(record.clone())
    );
    assert!(
        !store.complete(&first[0], &record).expect("complete"),
        "a finished claim cannot complete twice"
    );
    assert!(
        store
            .fail(&first[1], "extraction panicked: boom")
            .expect("fail")
    );
    assert!(
        !store.fail(&first[1], "again").expect("fail"),
        "a failed claim is no longer held"
    );
    let s = status(store);
    assert_eq!((s.pending, s.leased, s.done, s.failed), (1, 2, 1, 1));
    assert_eq!(s.recent_done, 1);
    assert_eq!(
        s.failures,
        [FailureCount {
            reason: "extraction panicked: boom".into(),
            count: 1
        }]
    );
    assert_eq!(store.retry_failed().expect("retry"), 1);
    let s = status(store);
    assert_eq!((s.pending, s.failed), (2, 0));
    let third = store
        .claim(
            "w1",
            &ClaimRequest {
                limit: 10,
                ..ClaimRequest::default()
            },
        )
        .expect("claim");
    assert_eq!(claim_ids(&third), ["q2", "q5"]);
    assert_eq!(
        third[0].attempt, 1,
        "a retried document starts its attempts again"
    );
    assert!(
        store.claim("w3", &request).expect("claim").is_empty(),
        "nothing left to claim"
    );

    // A document analysed by a plain ingest is not queued again.
    let done = sample("analysed", "Already analysed text.", "Q", None);
    put(store, &done, &[]);
    store
        .put_record(&sample_record("analysed", "x/1"))
        .expect("put_record");
    queue_doc_existing(store, &done);
    assert_eq!(status(store).pending, 0);
}

fn queue_doc_existing(store: &mut dyn Store, doc: &Document) {
    let outcome = store
        .enqueue_document(NewDocument {
            doc,
            signature: &[],
            bands: &[],
            near_threshold: 0.6,
        })
        .expect("enqueue_document");
    assert_eq!(outcome, PutOutcome::Unchanged { id: doc.id.clone() });
}

/// A lease that runs out makes the document claimable again; the first worker's late
/// completion is refused; too many expired leases mark the document failed.
pub fn queue_leases_expire(store: &mut dyn Store) {
    queue_doc(store, "slow");
    let short = ClaimRequest {
        limit: 1,
        lease: Duration::from_millis(60),
        max_attempts: 5,
    };
    let lost = store.claim("dead", &short).expect("claim");
    assert_eq!(claim_ids(&lost), ["slow"]);
    assert!(
        store.claim("other", &short).expect("claim").is_empty(),
        "a live lease is respected"
    );
    std::thread::sleep(Duration::from_millis(150));
    assert_eq!(status(store).expired, 1);
    let taken = store.claim("heir", &short).expect("claim");
    assert_eq!(claim_ids(&taken), ["slow"]);
    assert_eq!(taken[0].attempt, 2);
    let record = sample_record("slow", "x/1");
    assert!(
        !store.complete(&lost[0], &record).expect("complete"),
        "the worker whose lease was taken over cannot complete"
    );
    assert_eq!(store.record(&lost[0].id).expect("record()"), None);
    assert!(store.complete(&taken[0], &record).expect("complete"));

    queue_doc(store, "poison");
    let once = ClaimRequest {
        max_attempts: 1,
        ..short
    };
    assert_eq!(
        claim_ids(&store.claim("a", &once).expect("claim")),
        ["poison"]
    );
    std::thread::sleep(Duration::from_millis(150));
    assert!(
        store.claim("b", &once).expect("claim").is_empty(),
        "a document that outlived its attempts is not handed out again"
    );
    let s = status(store);
    assert_eq!((s.failed, s.done, s.pending, s.leased), (1, 1, 0, 0));
    assert!(
        s.failures[0]
            .reason
            .starts_with("abandoned after 1 attempts"),
        "{:?}",
        s.failures
    );
}

/// `requeue_stale` queues documents whose record is missing or older; paged reads return
/// every document and record once, in ingest order.
pub fn requeue_stale_and_pages(store: &mut dyn Store) {
    for id in ["p1", "p2", "p3", "p4", "p5"] {
        put(
            store,
            &sample(id, &format!("Paged text of {id}."), "P", None),
            &[],
        );
    }
    for (id, version) in [("p1", "x/2"), ("p2", "x/1"), ("p4", "x/2")] {
        store
            .put_record(&sample_record(id, version))
            .expect("put_record");
    }
    assert_eq!(store.requeue_stale("x/2").expect("requeue"), 3);
    assert_eq!(
        store.requeue_stale("x/2").expect("requeue"),
        0,
        "pending documents are not queued twice"
    );
    let claims = store
        .claim(
            "w",
            &ClaimRequest {
                limit: 10,
                ..ClaimRequest::default()
            },
        )
        .expect("claim");
    assert_eq!(claim_ids(&claims), ["p2", "p3", "p5"]);
    for claim in &claims {
        let record = sample_record(claim.id.as_str(), "x/2");
        assert!(store.complete(claim, &record).expect("complete"));
    }
    assert_eq!(store.requeue_stale("x/2").expect("requeue"), 0);
    assert_eq!(
        store.requeue_stale("x/3").expect("requeue"),
        5,
        "done documents are re-queued for a new version"
    );
    let again = store
        .claim(
            "w",
            &ClaimRequest {
                limit: 1,
                ..ClaimRequest::default()
            },
        )
        .expect("claim");
    assert!(
        store
            .complete(&again[0], &sample_record(again[0].id.as_str(), "x/3"))
            .expect("complete")
    );
    assert_eq!(
        status(store).completed_twice,
        0,
        "a re-queued document starts counting its completions again"
    );

    let mut ids = Vec::new();
    let mut cursor = Cursor::START;
    let mut pages = 0;
    loop {
        let page = store.documents_page(cursor, 2).expect("documents_page");
        pages += 1;
        ids.extend(page.items.iter().map(|d| d.id.to_string()));
        match page.next {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert_eq!(ids, ["p1", "p2", "p3", "p4", "p5"]);
    assert!(pages >= 3);
    let first = store
        .documents_page(Cursor::START, 1)
        .expect("documents_page");
    assert_eq!(
        first.items,
        [store
            .document(&DocId::new("p1").expect("id"))
            .expect("document()")
            .expect("stored")]
    );
    let mut records = Vec::new();
    let mut cursor = Cursor::START;
    loop {
        let page = store.records_page(cursor, 2).expect("records_page");
        records.extend(page.items.into_iter().map(|r| r.doc.id));
        match page.next {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert_eq!(records, ["p1", "p2", "p3", "p4", "p5"]);
}

/// Several workers, each with its own connection, drain one queue: every document is
/// completed exactly once and none is lost. `open` opens another connection to the same
/// database.
pub fn concurrent_claims_are_exclusive(open: &(dyn Fn() -> Box<dyn Store> + Sync), docs: usize) {
    {
        let mut store = open();
        for i in 0..docs {
            queue_doc(store.as_mut(), &format!("c{i:05}"));
        }
    }
    let done: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|w| {
                scope.spawn(move || {
                    let mut store = open();
                    let name = format!("thread-{w}");
                    let mut done = Vec::new();
                    loop {
                        let claims = store
                            .claim(
                                &name,
                                &ClaimRequest {
                                    limit: 3,
                                    ..ClaimRequest::default()
                                },
                            )
                            .expect("claim");
                        if claims.is_empty() {
                            break;
                        }
                        for claim in claims {
                            let record = sample_record(claim.id.as_str(), "x/1");
                            assert!(store.complete(&claim, &record).expect("complete"));
                            done.push(claim.id.to_string());
                        }
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker thread"))
            .collect()
    });
    let mut all: Vec<String> = done.into_iter().flatten().collect();
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), total, "a document was completed twice");
    assert_eq!(total, docs, "a document was lost");
    let store = open();
    let s = status(store.as_ref());
    assert_eq!(
        (s.done, s.pending, s.leased, s.completed_twice),
        (docs as u64, 0, 0, 0)
    );
}
