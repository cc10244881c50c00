//! `backchannel bench serve`: a bounded load test of the HTTP API on loopback.
//!
//! Generates a database of invented articles (analysed by the real pipeline), starts the
//! server in-process on 127.0.0.1, and sends search and event queries (many distinct ones,
//! in a fixed order) over keep-alive connections until a fixed request count or time limit
//! is reached, whichever comes first. Each endpoint is driven twice:
//!
//! - closed loop: every connection sends its next request as soon as the previous answer
//!   arrives, which measures the most the server can answer (and the latency of a queue
//!   that many clients deep);
//! - open loop: requests are due at a fixed rate whatever the answers do, and each latency
//!   is counted from the moment the request was due, so a stalled server shows up in the
//!   figures instead of slowing the client down (no "coordinated omission").
//!
//! Reports requests/s and latency percentiles per endpoint and mode, and counts every
//! non-200 answer as an error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use store::{NewDocument, Store};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use crate::Global;
use crate::output;

/// Options of `bench serve` (flattened into `bench`'s arguments): load-test the API (search
/// and events) on a generated database, on loopback only, in closed loop and then in open
/// loop at a fixed rate. Examples: `backchannel bench serve`, `backchannel bench serve
/// --documents 10000 --connections 64 --seconds 30`, `backchannel --db big.db bench serve
/// --documents 0 --rate 50` (reuse a database, open loop at 50 requests/s). Run it from a
/// release build.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchServeArgs {
    /// serve: documents to generate (0: load-test the database given with --db as it is).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub documents: usize,
    /// serve: concurrent connections.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub connections: usize,
    /// serve: open-loop rate in requests/s per endpoint (default: half the closed-loop
    /// throughput just measured for that endpoint).
    #[arg(long, value_name = "REQ_PER_S")]
    pub rate: Option<f64>,
    /// serve: time limit per endpoint, in seconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub seconds: f64,
    /// serve: request limit per endpoint.
    #[arg(long, default_value_t = 200_000, value_name = "N")]
    pub requests: usize,
    /// serve: keep the generated database in this file instead of a temporary directory.
    #[arg(long, value_name = "FILE")]
    pub keep: Option<PathBuf>,
}

/// How requests are sent.
#[derive(Debug, Clone, Copy)]
enum Mode {
    /// Each connection sends as soon as its previous answer arrived.
    Closed,
    /// Requests are due at this many per second; latency counts from when each was due.
    Open(f64),
}

/// Latency figures of one endpoint in one mode.
#[derive(Debug, serde::Serialize)]
struct Figures {
    endpoint: &'static str,
    /// `closed` or `open`.
    mode: &'static str,
    /// The open-loop rate asked for (requests/s).
    target_rate: Option<f64>,
    connections: usize,
    requests: usize,
    errors: usize,
    seconds: f64,
    requests_per_second: f64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// A small deterministic generator (xorshift64*), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PARTIES: &[&str] = &[
    "Iran",
    "the United States",
    "Oman",
    "Qatar",
    "Israel",
    "Russia",
    "China",
    "the European Union",
    "Saudi Arabia",
    "Egypt",
];
const PEOPLE: &[&str] = &[
    "Foreign Minister Abbas Araghchi",
    "envoy Steve Witkoff",
    "Omani Foreign Minister Badr Albusaidi",
    "a senior Iranian official",
    "a State Department spokesman",
    "Qatari mediators",
];
const PLACES: &[&str] = &["Muscat", "Geneva", "Doha", "Vienna", "Cairo", "Rome"];
const TOPICS: &[&str] = &[
    "uranium enrichment",
    "sanctions relief",
    "the missile programme",
    "inspections",
    "prisoner exchanges",
    "shipping in the Gulf",
    "frozen assets",
];
const DAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "next week",
    "on Sunday",
];

/// One invented article.
fn article(rng: &mut Rng, n: usize) -> (String, String) {
    let day = rng.next() % 120;
    let date = jiff::civil::date(2026, 1, 1)
        .checked_add(jiff::Span::new().days(day as i64))
        .unwrap_or(jiff::civil::date(2026, 1, 1));
    let a = rng.pick(PARTIES);
    let mut b = rng.pick(PARTIES);
    if a == b {
        b = "Oman";
    }
    let templates: Vec<String> = vec![
        format!(
            "{a} and {b} held talks in {} {} on {}, officials said.",
            rng.pick(PLACES),
            rng.pick(DAYS),
            rng.pick(TOPICS)
        ),
        format!(
            "{} accused {b} of stalling on {}.",
            rng.pick(PEOPLE),
            rng.pick(TOPICS)
        ),
        format!(
            "{a} rejected a proposal from {b} to limit {}.",
            rng.pick(TOPICS)
        ),
        format!(
            "{b} imposed new sanctions on firms linked to {a} {}.",
            rng.pick(DAYS)
        ),
        format!(
            "{} said {a} would meet {b} in {} {}.",
            rng.pick(PEOPLE),
            rng.pick(PLACES),
            rng.pick(DAYS)
        ),
        format!("{a} called on {b} to release prisoners before the next round."),
        format!(
            "Diplomats in {} said the two sides agreed to continue talks on {}.",
            rng.pick(PLACES),
            rng.pick(TOPICS)
        ),
        format!("{b} warned {a} against any move on {}.", rng.pick(TOPICS)),
        format!(
            "\"We are ready for a fair agreement,\" {} told reporters in {}.",
            rng.pick(PEOPLE),
            rng.pick(PLACES)
        ),
    ];
    let mut text = String::new();
    for _ in 0..6 {
        let i = (rng.next() % templates.len() as u64) as usize;
        text.push_str(&templates[i]);
        text.push(' ');
    }
    text.push_str(&format!("Report {n}.\n"));
    (
        format!("bench-{n:05}"),
        format!("---\ndate: {date}\n---\n{text}"),
    )
}

/// Generates and stores `count` analysed documents.
fn generate(store: &mut dyn Store, count: usize, quiet: bool) -> anyhow::Result<()> {
    let pipeline = extract::Pipeline::new();
    let bar = output::progress(quiet, count as u64, "generating");
    let jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = 256;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut start = 0;
    while start < count {
        let end = (start + chunk).min(count);
        let texts: Vec<(String, String)> = (start..end).map(|n| article(&mut rng, n)).collect();
        let next = AtomicUsize::new(0);
        let mut prepared: Vec<Option<(ingest::Prepared, model::record::Record)>> =
            (0..texts.len()).map(|_| None).collect();
        let slots: Vec<std::sync::Mutex<Option<_>>> = (0..texts.len())
            .map(|_| std::sync::Mutex::new(None))
            .collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((id, text)) = texts.get(i) else {
                            break;
                        };
                        let (drafts, _) = ingest::parse_input(
                            ingest::InputKind::Markdown,
                            id,
                            id,
                            text.as_bytes(),
                        );
                        let Some(Ok(p)) = drafts.into_iter().next().map(ingest::prepare) else {
                            continue;
                        };
                        let record = pipeline.record(&p.doc);
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some((p, record));
                        }
                    }
                });
            }
        });
        for (slot, out) in slots.into_iter().zip(prepared.iter_mut()) {
            *out = slot.into_inner().ok().flatten();
        }
        for (p, mut record) in prepared.into_iter().flatten() {
            let bands = p.fingerprint.bands();
            let outcome = store.put_document(NewDocument {
                doc: &p.doc,
                signature: p.fingerprint.values(),
                bands: &bands,
                near_threshold: ingest::fingerprint::NEAR_DUPLICATE_THRESHOLD,
            })?;
            let id = match outcome {
                store::PutOutcome::Stored { id, .. } | store::PutOutcome::Unchanged { id } => id,
            };
            record.doc.id = id.to_string();
            store.put_record(&record)?;
            bar.inc(1);
        }
        start = end;
    }
    bar.finish_and_clear();
    Ok(())
}

/// A temporary directory removed when dropped.
struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses.
struct Connection {
    stream: BufReader<tokio::net::TcpStream>,
}

impl Connection {
    async fn open(addr: std::net::SocketAddr) -> std::io::Result<Connection> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: BufReader::new(stream),
        })
    }

    /// Sends one GET; returns the status code.
    async fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut length = None;
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let length =
            length.ok_or_else(|| std::io::Error::other("response without Content-Length"))?;
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await?;
        Ok(status)
    }
}

/// Runs one endpoint's load: `connections` clients sending `paths` in turn (request `n`
/// sends `paths[n % len]`), in `mode`.
async fn load(
    addr: std::net::SocketAddr,
    endpoint: &'static str,
    paths: Arc<Vec<String>>,
    mode: Mode,
    args: &BenchServeArgs,
) -> anyhow::Result<Figures> {
    let sent = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(args.seconds);
    let connections = args.connections.max(1);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let sent = sent.clone();
        let paths = paths.clone();
        let limit = args.requests;
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let mut connection = Connection::open(addr).await?;
            loop {
                let n = sent.fetch_add(1, Ordering::Relaxed);
                let due = match mode {
                    Mode::Closed => Instant::now(),
                    Mode::Open(rate) => started + Duration::from_secs_f64(n as f64 / rate),
                };
                if n >= limit || due >= deadline {
                    break;
                }
                if let Mode::Open(_) = mode {
                    tokio::time::sleep_until(due.into()).await;
                }
                let path = &paths[n % paths.len()];
                let t = due;
                match connection.get(path).await {
                    Ok(200) => latencies.push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        connection = Connection::open(addr).await?;
                    }
                }
            }
            anyhow::Ok((latencies, errors))
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (l, e) = task.await.context("a client task failed")??;
        latencies.extend(l);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort();
    let ms = |q: f64| -> f64 {
        if latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((latencies.len() - 1) as f64 * q).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    let requests = latencies.len() + errors;
    Ok(Figures {
        endpoint,
        mode: match mode {
            Mode::Closed => "closed",
            Mode::Open(_) => "open",
        },
        target_rate: match mode {
            Mode::Closed => None,
            Mode::Open(rate) => Some(rate),
        },
        connections,
        requests,
        errors,
        seconds,
        requests_per_second: requests as f64 / seconds,
        p50_ms: ms(0.50),
        p90_ms: ms(0.90),
        p99_ms: ms(0.99),
        max_ms: ms(1.0),
    })
}

/// Search queries over the generated articles' vocabulary: single words, words ANDed,
/// phrases, prefixes, and a few that match nothing.
fn search_paths() -> Vec<String> {
    const WORDS: &[&str] = &[
        "talks",
        "sanctions",
        "Muscat",
        "enrichment",
        "prisoners",
        "Geneva",
        "Doha",
        "Vienna",
        "inspections",
        "missile",
        "assets",
        "proposal",
        "agreement",
        "officials",
        "diplomats",
        "shipping",
        "uranium",
        "envoy",
        "release",
        "warned",
        "Cairo",
        "firms",
    ];
    let mut queries: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
    for (i, a) in WORDS.iter().enumerate() {
        let b = WORDS[(i * 7 + 3) % WORDS.len()];
        if *a != b {
            queries.push(format!("{a}%20{b}"));
        }
    }
    queries.extend(
        [
            "%22frozen%20assets%22",
            "%22sanctions%20relief%22",
            "%22next%20round%22",
            "%22fair%20agreement%22",
            "inspect*",
            "sanction*",
            "diplomat*",
            "negotiat*",
            "Tokyo",
            "%22talks%20collapsed%22",
        ]
        .map(str::to_owned),
    );
    queries
        .iter()
        .enumerate()
        .map(|(i, q)| format!("/api/search?q={q}&limit={}", [20, 25, 10][i % 3]))
        .collect()
}

/// Event queries: by actor, type, dyad, month, status and order, alone and combined.
fn event_paths() -> Vec<String> {
    const ACTORS: &[&str] = &[
        "IRN", "USA", "OMN", "QAT", "ISR", "RUS", "CHN", "EGY", "SAU", "IGOEUR",
    ];
    const TYPES: &[&str] = &[
        "CONSULT", "ACCUSE", "REJECT", "SANCTION", "REQUEST", "THREATEN", "AGREE",
    ];
    let months = ["01", "02", "03", "04"];
    let mut paths = vec![
        "/api/events?limit=50".to_owned(),
        "/api/events?order=desc&limit=50".to_owned(),
        "/api/events?status=planned&limit=50".to_owned(),
    ];
    for (i, a) in ACTORS.iter().enumerate() {
        let t = TYPES[i % TYPES.len()];
        let b = ACTORS[(i + 1) % ACTORS.len()];
        let m = months[i % months.len()];
        paths.push(format!("/api/events?actor={a}&limit=50"));
        paths.push(format!("/api/events?actor={a}&type={t}&limit=20"));
        paths.push(format!("/api/events?dyad={a},{b}&limit=50"));
        paths.push(format!(
            "/api/events?actor={a}&since=2026-{m}-01&until=2026-{m}-28&order=desc&limit=50"
        ));
    }
    for (i, t) in TYPES.iter().enumerate() {
        let m = months[i % months.len()];
        paths.push(format!("/api/events?type={t}&limit=50"));
        paths.push(format!("/api/events?type={t}&since=2026-{m}-01&limit=50"));
    }
    paths.push("/api/events?type=ACCUSE,REJECT,THREATEN&order=desc&limit=100".to_owned());
    for m in months {
        paths.push(format!(
            "/api/events?since=2026-{m}-01&until=2026-{m}-28&limit=50"
        ));
    }
    paths
}

/// Runs `bench serve`.
///
/// # Errors
/// When the database cannot be made or read, or the server cannot start.
pub fn run(args: &BenchServeArgs, json: bool, global: &Global) -> anyhow::Result<ExitCode> {
    let tmp = TempDb(
        std::env::temp_dir().join(format!("backchannel-bench-serve-{}", std::process::id())),
    );
    let path = match (&args.keep, args.documents) {
        (Some(path), _) => path.clone(),
        (None, 0) => PathBuf::from(crate::commands::database_location(global)),
        (None, _) => {
            std::fs::create_dir_all(&tmp.0)
                .with_context(|| format!("{}: cannot create", tmp.0.display()))?;
            tmp.0.join("bench.db")
        }
    };
    if args.documents > 0 {
        if path.exists() {
            bail!(
                "{}: already exists; bench serve generates a new database (pass --documents 0 to reuse one)",
                path.display()
            );
        }
        let mut store = store::SqliteStore::open(&path)?;
        let started = Instant::now();
        generate(&mut store, args.documents, global.quiet)?;
        output::note(
            global.quiet,
            &format!(
                "generated and analysed {} documents in {:.1} s",
                args.documents,
                started.elapsed().as_secs_f64()
            ),
        );
    }
    let location = path.clone();
    let open: server::StoreOpener = Arc::new(move || {
        store::SqliteStore::open(&location)
            .and_then(|s| s.with_read_cache(64))
            .map(|s| Box::new(s) as Box<dyn Store>)
    });
    let mut config = server::Config::new(open);
    config.store_threads = 4;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let figures = runtime.block_on(async {
        let started = Instant::now();
        let state = server::AppState::start(config).await?;
        output::note(
            global.quiet,
            &format!("server ready in {:.1} s", started.elapsed().as_secs_f64()),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(server::serve(listener, state, async {
            let _ = stopped.await;
        }));
        let mut figures = Vec::new();
        for (name, paths) in [("search", search_paths()), ("events", event_paths())] {
            let paths = Arc::new(paths);
            let closed = load(addr, name, paths.clone(), Mode::Closed, args).await?;
            let rate = args
                .rate
                .unwrap_or(closed.requests_per_second / 2.0)
                .max(1.0);
            figures.push(closed);
            figures.push(load(addr, name, paths, Mode::Open(rate), args).await?);
        }
        let _ = stop.send(());
        server.await.context("server task")??;
        anyhow::Ok(figures)
    })?;
    let mut report = String::new();
    for f in &figures {
        let mode = match f.target_rate {
            None => format!("closed, {} conn", f.connections),
            Some(rate) => format!("open at {rate:.0}/s"),
        };
        report.push_str(&format!(
            "{:<7} {:<16} {:>7} requests {:>4} errors {:>5.1} s {:>7.0} req/s  p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>7.2} ms  max {:>8.2} ms\n",
            f.endpoint, mode, f.requests, f.errors, f.seconds, f.requests_per_second, f.p50_ms, f.p90_ms, f.p99_ms, f.max_ms
        ));
    }
    if json {
        output::out(&(serde_json::to_string_pretty(&figures)? + "\n"))?;
    } else {
        output::out(&report)?;
    }
    Ok(if figures.iter().any(|f| f.errors > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
