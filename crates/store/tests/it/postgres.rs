//! The conformance suite on PostgreSQL. Needs `DATABASE_URL`; without it the tests print why
//! they are skipped, except under `CI=true`, where they fail.

use std::sync::atomic::{AtomicU32, Ordering};

use store::{PgStore, Store, conformance};

/// A store in a fresh schema of the database at `DATABASE_URL`, or `None` (skipped).
pub fn fresh_pg() -> Option<PgStore> {
    let (url, schema) = fresh_schema()?;
    Some(PgStore::open_in_schema(&url, Some(&schema)).expect("open PostgreSQL store"))
}

/// The server URL and the name of a fresh schema in it, or `None` (skipped).
pub fn fresh_schema() -> Option<(String, String)> {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "DATABASE_URL must be set in CI: the PostgreSQL suite cannot be skipped there"
        );
        eprintln!(
            "skipped: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        return None;
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let schema = format!(
        "bc_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        jiff::Timestamp::now().as_millisecond()
    );
    let mut admin = ::postgres::Client::connect(&url, ::postgres::NoTls).expect("connect");
    // Drop test schemas more than an hour old, left by earlier runs.
    let cutoff = jiff::Timestamp::now().as_millisecond() - 3_600_000;
    let old = admin
        .query(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bc\\_test\\_%'",
            &[],
        )
        .expect("list schemas");
    for row in old {
        let name: String = row.get(0);
        let stamp = name.rsplit('_').next().and_then(|s| s.parse::<i64>().ok());
        if stamp.is_some_and(|s| s < cutoff) {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"));
        }
    }
    Some((url, schema))
}

mod suite {
    use super::*;
    crate::conformance_suite!(fresh_pg);
}

#[test]
fn migrations_are_recorded_and_reopening_is_a_no_op() {
    let Some(store) = fresh_pg() else { return };
    assert_eq!(store.schema_version().expect("version"), 3);
    assert_eq!(store.count_documents().expect("count"), 0);
}

#[test]
fn bad_server_is_a_named_error_without_password() {
    let err = PgStore::open("postgres://ana:s3cret@127.0.0.1:1/nope")
        .err()
        .expect("no server on port 1");
    let text = err.to_string();
    assert!(
        text.starts_with("postgres://ana@127.0.0.1:1/nope: cannot connect to PostgreSQL"),
        "{text}"
    );
    assert!(!text.contains("s3cret"));
}

#[test]
fn concurrent_workers_on_postgres_complete_each_document_once() {
    let Some((url, schema)) = fresh_schema() else {
        return;
    };
    let open = || -> Box<dyn Store> {
        Box::new(PgStore::open_in_schema(&url, Some(&schema)).expect("open"))
    };
    conformance::concurrent_claims_are_exclusive(&open, 300);
}
