//! Store integration tests: the conformance suite on SQLite, plus SQLite specifics.

mod postgres;

use store::{SqliteStore, Store, conformance};

fn fresh() -> SqliteStore {
    SqliteStore::open_in_memory().expect("in-memory database")
}

/// Runs each named conformance function on SQLite (module `sqlite`) and, when a server is
/// configured, on PostgreSQL (module `postgres::suite`).
#[macro_export]
macro_rules! suite {
    ($fresh:path; $($name:ident),* $(,)?) => {
        $(#[test] fn $name() {
            let Some(mut store) = $fresh() else { return };
            conformance::$name(&mut store);
        })*
    };
}

/// The whole conformance suite, for one backend.
#[macro_export]
macro_rules! conformance_suite {
    ($fresh:path) => {
        $crate::suite!($fresh;
            put_get_and_idempotence,
            duplicates_are_linked,
            listing_filters,
            search_ranks_and_is_safe,
            http_validators_round_trip,
            records_round_trip_and_staleness,
            queue_claim_complete_fail_retry,
            queue_leases_expire,
            requeue_stale_and_pages,
        );
    };
}

mod sqlite {
    use super::*;
    fn fresh_some() -> Option<SqliteStore> {
        Some(fresh())
    }
    conformance_suite!(fresh_some);
}

#[test]
fn file_database_persists_and_reports_schema_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bc.db");
    {
        let mut store = SqliteStore::open(&path).expect("create");
        assert_eq!(store.schema_version().expect("version"), 3);
        conformance::put_get_and_idempotence(&mut store);
    }
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.count_documents().expect("count"), 2);
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).expect("create"));
    let conn = rusqlite_free_bump(&path);
    let err = SqliteStore::open(&path).err().expect("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "database schema version 99 is newer than this backchannel understands (3); upgrade backchannel"
        ),
        "{conn}"
    );
}

#[test]
fn not_a_database_is_an_open_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("junk.db");
    std::fs::write(
        &path,
        b"this is not a database, just some text that is long enough",
    )
    .expect("write");
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot open database", path.display())),
        "{err}"
    );
}

/// Sets `user_version` to 99 with SQLite directly, as a newer backchannel would.
fn rusqlite_free_bump(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch("PRAGMA user_version = 99")
        .expect("bump");
    "bumped".to_owned()
}

#[test]
fn a_version_1_database_opens_and_is_migrated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v1.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v1.db"),
        &path,
    )
    .expect("copy fixture");
    let mut store = SqliteStore::open(&path).expect("open v1");
    assert_eq!(store.schema_version().expect("version"), 3);
    let doc = store
        .document(&model::DocId::new("v1doc").expect("id"))
        .expect("read")
        .expect("kept");
    assert_eq!(doc.title.as_deref(), Some("Old title"));
    assert_eq!(store.search("muscat", 5).expect("search").len(), 1);
    store
        .put_record(&conformance::sample_record("v1doc", "x/1"))
        .expect("new table works");
}

#[test]
fn concurrent_workers_on_one_sqlite_file_complete_each_document_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("queue.db");
    let open = || -> Box<dyn Store> { Box::new(SqliteStore::open(&path).expect("open")) };
    conformance::concurrent_claims_are_exclusive(&open, 300);
}

#[test]
fn a_version_2_database_gets_the_queue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.db");
    {
        // Build a version-2 database: the first two migrations only.
        let conn = rusqlite::Connection::open(&path).expect("open");
        drop(conn);
        let mut store = SqliteStore::open(&path).expect("create");
        conformance::records_round_trip_and_staleness(&mut store);
    }
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("DROP TABLE queue; PRAGMA user_version = 2")
        .expect("downgrade");
    drop(conn);
    let mut store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), 3);
    assert_eq!(
        store.requeue_stale("x/2").expect("requeue"),
        2,
        "r2 (older record) and r3 (none)"
    );
    assert_eq!(store.count_documents().expect("count"), 3);
}
