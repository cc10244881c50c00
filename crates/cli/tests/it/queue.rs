//! The work queue end to end with the real binary: `ingest --enqueue`, several `worker`
//! processes, `status`, `retry`, `reprocess`; exactly-once and kill -9 crash tests on SQLite
//! and PostgreSQL (when `DATABASE_URL` is set; required under `CI=true`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use store::{ClaimRequest, Cursor, PgStore, SqliteStore, Store};

use crate::support::{Dir, Run, article};

/// A database the binary and the test both open.
pub enum Db {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A schema of the PostgreSQL database at `url`.
    Postgres { url: String, schema: String },
}

impl Db {
    /// The `--db` argument.
    pub fn arg(&self) -> String {
        match self {
            Db::Sqlite(path) => path.display().to_string(),
            Db::Postgres { url, schema } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}options=-csearch_path%3D{schema}")
            }
        }
    }

    /// A store on the same database.
    pub fn open(&self) -> Box<dyn Store> {
        match self {
            Db::Sqlite(path) => Box::new(SqliteStore::open(path).expect("open SQLite")),
            Db::Postgres { url, schema } => Box::new(
                PgStore::open_in_schema(url, Some(schema)).expect("open PostgreSQL schema"),
            ),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres { .. } => "postgres",
        }
    }
}

/// The SQLite database in `dir`, and a fresh PostgreSQL schema when `DATABASE_URL` is set
/// (it must be under `CI=true`).
pub fn backends(dir: &Dir) -> Vec<Db> {
    let mut dbs = vec![Db::Sqlite(dir.path("queue.db"))];
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => {
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let schema = format!(
                "bc_test_{}_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed) + 1000,
                jiff::Timestamp::now().as_millisecond()
            );
            // Creates the schema and its tables.
            drop(PgStore::open_in_schema(&url, Some(&schema)).expect("create test schema"));
            dbs.push(Db::Postgres { url, schema });
        }
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "DATABASE_URL must be set in CI: the PostgreSQL queue tests cannot be skipped there"
            );
            eprintln!("PostgreSQL part skipped: DATABASE_URL is not set");
        }
    }
    dbs
}

/// The binary with `--db` pointing at `db`, run in `dir`.
pub fn bc(dir: &Dir, db: &Db, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backchannel"));
    cmd.current_dir(dir.root())
        .env_remove("BACKCHANNEL_DB")
        .env_remove("DATABASE_URL")
        .arg("--db")
        .arg(db.arg())
        .args(args);
    cmd
}

pub fn run(dir: &Dir, db: &Db, args: &[&str]) -> Run {
    Run::from(bc(dir, db, args).output().expect("binary runs"))
}

/// `count` generated articles in a directory of JSONL files of ten lines each (so ingest
/// stores them progressively); returns the directory name and the ids, sorted.
pub fn corpus(dir: &Dir, name: &str, count: usize) -> (String, Vec<String>) {
    const TOPICS: [&str; 7] = [
        "water sharing",
        "fishing rights",
        "border posts",
        "prisoner exchanges",
        "grain corridors",
        "enrichment limits",
        "airspace access",
    ];
    let mut ids = Vec::with_capacity(count);
    let mut lines = String::new();
    for n in 0..count {
        let id = format!("{name}-{n:05}");
        let topic = TOPICS[(n / 5) % TOPICS.len()];
        lines.push_str(
            &serde_json::json!({
                "id": id,
                "text": format!("{} Reference {n}-{}.", article(topic, n), n * 7919 % 10007),
                "published": format!("2026-03-{:02}", n % 28 + 1),
                "source": "Test Wire",
            })
            .to_string(),
        );
        lines.push('\n');
        ids.push(id);
        if (n + 1) % 10 == 0 || n + 1 == count {
            dir.write(&format!("{name}/part-{:05}.jsonl", n / 10), &lines);
            lines.clear();
        }
    }
    (name.to_owned(), ids)
}

fn status_json(dir: &Dir, db: &Db) -> serde_json::Value {
    let run = run(dir, db, &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("status JSON")
}

fn counts(status: &serde_json::Value) -> [u64; 6] {
    [
        "pending",
        "leased",
        "expired",
        "done",
        "failed",
        "completed_twice",
    ]
    .map(|k| status[k].as_u64().expect("count"))
}

/// Every stored document id, page by page.
fn stored_ids(store: &dyn Store) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor = Cursor::START;
    loop {
        let page = store.documents_page(cursor, 500).expect("documents_page");
        ids.extend(page.items.into_iter().map(|d| d.id.to_string()));
        match page.next {
            Some(next) => cursor = next,
            None => return ids,
        }
    }
}

/// Every record's document id, page by page.
fn record_ids(store: &dyn Store) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor = Cursor::START;
    loop {
        let page = store.records_page(cursor, 500).expect("records_page");
        ids.extend(page.items.into_iter().map(|r| r.doc.id));
        match page.next {
            Some(next) => cursor = next,
            None => return ids,
        }
    }
}

/// Runs `workers` worker processes at once until the queue is empty; returns the ids each
/// completed and the wall time.
pub fn run_workers(
    dir: &Dir,
    db: &Db,
    workers: usize,
    extra: &[&str],
) -> (Vec<Vec<String>>, Duration) {
    let started = Instant::now();
    let children: Vec<Child> = (0..workers)
        .map(|w| {
            let name = format!("w{w}");
            let mut args = vec![
                "worker",
                "--until-empty",
                "--format",
                "json",
                "--poll",
                "0.1",
                "--name",
                &name,
            ];
            args.extend_from_slice(extra);
            bc(dir, db, &args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn worker")
        })
        .collect();
    let done = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("worker finishes");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "worker failed: {stderr}");
            let summary: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("worker JSON summary");
            assert_eq!(summary["lost"], 0, "{summary}");
            summary["completed"]
                .as_array()
                .expect("completed ids")
                .iter()
                .map(|v| v.as_str().expect("id").to_owned())
                .collect()
        })
        .collect();
    (done, started.elapsed())
}

/// Asserts every id was completed by exactly one worker.
fn assert_exactly_once(done: &[Vec<String>], ids: &[String]) {
    let total: usize = done.iter().map(Vec::len).sum();
    let distinct: BTreeSet<&String> = done.iter().flatten().collect();
    assert_eq!(
        distinct.len(),
        total,
        "some document was completed by two workers"
    );
    let expected: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(distinct, expected, "some document was lost or invented");
}

/// Checks the database after a run: every document stored once under its own id, every one
/// done with one record, nothing pending, leased, failed or committed twice.
fn assert_consistent(dir: &Dir, db: &Db, ids: &[String]) {
    let store = db.open();
    let mut stored = stored_ids(store.as_ref());
    stored.sort();
    assert_eq!(
        stored,
        ids,
        "{}: stored documents differ from the input (lost, or duplicated under a ~suffix)",
        db.name()
    );
    let mut records = record_ids(store.as_ref());
    records.sort();
    assert_eq!(records, ids, "{}: one record per document", db.name());
    assert_eq!(
        counts(&status_json(dir, db)),
        [0, 0, 0, ids.len() as u64, 0, 0],
        "{}: [pending, leased, expired, done, failed, completed twice]",
        db.name()
    );
}

#[test]
fn four_workers_process_every_document_exactly_once() {
    let dir = Dir::new();
    let (file, ids) = corpus(&dir, "once", 400);
    for db in backends(&dir) {
        let ingest = run(&dir, &db, &["ingest", "--enqueue", &file]);
        assert_eq!(ingest.code, 0, "{}", ingest.stderr);
        assert_eq!(counts(&status_json(&dir, &db))[0], 400, "all pending");
        assert_eq!(
            record_ids(db.open().as_ref()).len(),
            0,
            "--enqueue stores documents only"
        );
        let (done, elapsed) = run_workers(&dir, &db, 4, &["--batch", "5"]);
        eprintln!(
            "{}: 4 workers x 400 documents in {:.2} s, per worker {:?}",
            db.name(),
            elapsed.as_secs_f64(),
            done.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_exactly_once(&done, &ids);
        assert!(
            done.iter().filter(|d| !d.is_empty()).count() >= 2,
            "the work was shared"
        );
        assert_consistent(&dir, &db, &ids);
        let again = run(&dir, &db, &["ingest", "--enqueue", &file]);
        assert!(again.stderr.contains("ingested 0"), "{}", again.stderr);
        assert_eq!(
            counts(&status_json(&dir, &db))[0],
            0,
            "re-ingesting analysed documents queues nothing"
        );
    }
}

/// A small deterministic generator for kill delays (xorshift), seeded from the clock and
/// printed so a failure can be replayed with `QUEUE_CRASH_SEED`.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn kill_if_running(child: &mut Child) -> bool {
    let running = child.try_wait().expect("try_wait").is_none();
    if running {
        // SIGKILL on Unix: no cleanup, no rollback by the process itself.
        child.kill().expect("kill -9");
    }
    child.wait().expect("reap");
    running
}

/// Kills `ingest --enqueue` and workers with SIGKILL at random points, over and over, while
/// they work on one database; then reruns both and checks that nothing was lost or stored,
/// queued or committed twice. Workers are killed only after the queue has moved in the
/// round, so the kills land while they claim, extract and commit (not during start-up).
/// Finished documents are re-queued each round so the workers always have work.
#[test]
fn kill_9_of_workers_and_ingest_loses_and_duplicates_nothing() {
    let dir = Dir::new();
    let (file, ids) = corpus(&dir, "crash", 500);
    let seed = std::env::var("QUEUE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| jiff::Timestamp::now().as_nanosecond() as u64 | 1);
    eprintln!("crash loop seed {seed} (set QUEUE_CRASH_SEED to replay)");
    let quiet = Stdio::null;
    for db in backends(&dir) {
        let mut random = Xorshift(seed);
        let mut store = db.open();
        let (mut ingest_kills, mut worker_kills, mut rounds) = (0, 0, 0);
        while ingest_kills < 20 || worker_kills < 20 {
            rounds += 1;
            assert!(rounds <= 30, "{}: kills do not land", db.name());
            store
                .requeue_stale(&format!("crash-round-{rounds}"))
                .expect("requeue");
            let done_before = store.queue_status(Duration::ZERO).expect("status").done;
            let mut workers: Vec<Child> = (0..2)
                .map(|_| {
                    bc(
                        &dir,
                        &db,
                        &["worker", "--lease", "0.5", "--batch", "4", "--poll", "0.05"],
                    )
                    .stdout(quiet())
                    .stderr(quiet())
                    .spawn()
                    .expect("spawn worker")
                })
                .collect();
            // Ingest runs and is killed twice while the workers start.
            for _ in 0..2 {
                let mut ingest = bc(&dir, &db, &["ingest", "--enqueue", &file])
                    .stdout(quiet())
                    .stderr(quiet())
                    .spawn()
                    .expect("spawn ingest");
                std::thread::sleep(Duration::from_millis(random.next() % 700 + 10));
                ingest_kills += usize::from(kill_if_running(&mut ingest));
            }
            // Then the workers are killed once the queue moved: while they work.
            let started = Instant::now();
            loop {
                let status = store.queue_status(Duration::ZERO).expect("status");
                if status.done > done_before {
                    break;
                }
                if status.pending + status.leased + status.expired == 0 {
                    // Both ingests died before storing anything: give the workers work.
                    let ingest = run(&dir, &db, &["ingest", "--enqueue", &file]);
                    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
                }
                assert!(
                    started.elapsed() < Duration::from_secs(60),
                    "{}: workers made no progress",
                    db.name()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            for worker in &mut workers {
                std::thread::sleep(Duration::from_millis(random.next() % 150));
                worker_kills += usize::from(kill_if_running(worker));
            }
        }
        eprintln!(
            "{}: {rounds} rounds, ingest killed {ingest_kills} times, workers killed {worker_kills} times",
            db.name()
        );
        // The rerun: ingest resumes, workers drain the queue (taking over expired leases).
        let ingest = run(&dir, &db, &["ingest", "--enqueue", &file]);
        assert_eq!(ingest.code, 0, "{}", ingest.stderr);
        let (done, _) = run_workers(&dir, &db, 2, &["--lease", "0.5", "--max-attempts", "100"]);
        let finished: usize = done.iter().map(Vec::len).sum();
        eprintln!("{}: {finished} documents finished by the rerun", db.name());
        assert_consistent(&dir, &db, &ids);
    }
}

#[test]
fn status_retry_and_reprocess() {
    let dir = Dir::new();
    let (file, ids) = corpus(&dir, "retry", 12);
    for db in backends(&dir) {
        assert_eq!(run(&dir, &db, &["ingest", "--enqueue", &file]).code, 0);
        // A worker that dies holding a document: claim it directly with a tiny lease.
        let mut store = db.open();
        let dead = store
            .claim(
                "dead-worker",
                &ClaimRequest {
                    limit: 1,
                    lease: Duration::from_millis(1),
                    max_attempts: 1,
                },
            )
            .expect("claim");
        assert_eq!(dead.len(), 1);
        std::thread::sleep(Duration::from_millis(20));
        let text = run(&dir, &db, &["status"]);
        assert!(
            text.stdout
                .contains("queue: 11 pending, 0 leased, 1 expired, 0 done, 0 failed"),
            "{}",
            text.stdout
        );
        let work = run(
            &dir,
            &db,
            &["worker", "--until-empty", "--max-attempts", "1"],
        );
        assert_eq!(work.code, 0, "{}", work.stderr);
        assert!(
            work.stderr.contains("processed 11, failed 0, lost 0"),
            "{}",
            work.stderr
        );
        let text = run(&dir, &db, &["status"]);
        assert!(text.stdout.contains("11 done, 1 failed"), "{}", text.stdout);
        assert!(
            text.stdout.contains("abandoned after 1 attempts"),
            "{}",
            text.stdout
        );
        assert!(text.stdout.contains("backchannel retry"), "{}", text.stdout);

        let retry = run(&dir, &db, &["retry"]);
        assert!(
            retry.stderr.contains("re-queued 1 failed document(s)"),
            "{}",
            retry.stderr
        );
        let work = run(&dir, &db, &["worker", "--once", "--format", "json"]);
        let summary: serde_json::Value = serde_json::from_str(&work.stdout).expect("JSON");
        assert_eq!(
            summary["completed"],
            serde_json::json!([dead[0].id.as_str()])
        );
        assert_eq!(counts(&status_json(&dir, &db))[3..], [12, 0, 0]);

        // A record made by an older extractor is queued again by `retry --stale`.
        let old_id = model::DocId::new(ids[3].clone()).expect("id");
        let mut old = store.record(&old_id).expect("record()").expect("has one");
        let current = old.doc.extractor.clone();
        old.doc.extractor = "0.0.1+old".into();
        store.put_record(&old).expect("put_record");
        let stale = run(&dir, &db, &["retry", "--stale", "--no-failed"]);
        assert!(
            stale.stderr.contains("queued 1 document(s)"),
            "{}",
            stale.stderr
        );
        let reprocess = run(&dir, &db, &["reprocess"]);
        assert_eq!(reprocess.code, 0, "{}", reprocess.stderr);
        assert!(
            reprocess.stderr.contains("queued 0 document(s)")
                && reprocess.stderr.contains("processed 1,"),
            "{}",
            reprocess.stderr
        );
        let again = store.record(&old_id).expect("record()").expect("has one");
        assert_eq!(again.doc.extractor, current, "re-made by this build");
        assert_consistent(&dir, &db, &ids);
    }
}

/// The benchmark behind the README's queue figures: `QUEUE_BENCH_DOCS` documents (default
/// 10,000) through 4 workers (exactly-once check) and throughput with 1, 2 and 4 workers, on
/// SQLite and PostgreSQL. Run in release:
/// `cargo test --release -p cli --test it -- --ignored queue_bench --nocapture`.
#[test]
#[ignore = "benchmark: minutes of work"]
fn queue_bench() {
    let count: usize = std::env::var("QUEUE_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = Dir::new();
    let (file, ids) = corpus(&dir, "bench", count);
    for db in backends(&dir) {
        let started = Instant::now();
        let ingest = run(&dir, &db, &["ingest", "--enqueue", &file]);
        assert_eq!(ingest.code, 0, "{}", ingest.stderr);
        eprintln!(
            "{}: ingest --enqueue of {count} in {:.1} s",
            db.name(),
            started.elapsed().as_secs_f64()
        );
        for workers in [4, 1, 2] {
            if workers != 4 {
                // Every record is current: queue them all again through a version no
                // record has.
                let mut store = db.open();
                assert_eq!(
                    store.requeue_stale("bench-forces-all").expect("requeue"),
                    count as u64
                );
            }
            let (done, elapsed) = run_workers(&dir, &db, workers, &["--batch", "16"]);
            assert_exactly_once(&done, &ids);
            eprintln!(
                "{}: {workers} worker(s): {count} documents in {:.1} s = {:.0} documents/s; per worker {:?}",
                db.name(),
                elapsed.as_secs_f64(),
                count as f64 / elapsed.as_secs_f64(),
                done.iter().map(Vec::len).collect::<Vec<_>>()
            );
            assert_consistent(&dir, &db, &ids);
        }
    }
}
