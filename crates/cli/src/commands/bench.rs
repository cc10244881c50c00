//! `backchannel bench`: throughput figures, measured on real inputs.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use ingest::InputKind;
use serde::Serialize;
use store::{NewDocument, Store};

use crate::Global;
use crate::output;

/// Measure throughput. `extract` times the extraction stage (sentences, actors, times,
/// quotes, events) on one core and on all cores. `code` times event coding alone (sentences
/// with their actor mentions already resolved) beside the bare dictionary scan, on one core and
/// on all cores. `ingest` times parsing (metadata, main-text extraction, hashing,
/// fingerprints) and storing, for text and for HTML, on one core.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel bench ingest
  backchannel bench extract --min-mb 10
  backchannel bench code --min-mb 5
  backchannel bench ingest --min-mb 50 --json")]
pub struct BenchArgs {
    /// What to measure.
    #[arg(value_enum)]
    pub what: BenchTarget,
    /// Text inputs are repeated until they reach this many megabytes.
    #[arg(long, default_value_t = 20.0, value_name = "MB")]
    pub min_mb: f64,
    /// The shared data directory (for the HTML benchmark pages and the seeds).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Options of the `serve` load test.
    #[command(flatten)]
    pub serve: crate::commands::bench_serve::BenchServeArgs,
}

/// Benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchTarget {
    /// Text and HTML ingest.
    Ingest,
    /// The extraction stage (sentences, actors, times, quotes, events) on one core and on all
    /// cores.
    Extract,
    /// Event coding of sentences whose actors are resolved, and the bare dictionary scan.
    Code,
    /// The HTTP API under load (search and events) on a generated database, on loopback.
    Serve,
    /// The brief of 1,000 and 10,000 generated documents: time on one core, peak memory.
    Brief,
}

#[derive(Debug, Serialize)]
struct Figure {
    name: String,
    documents: usize,
    megabytes: f64,
    seconds: f64,
    mb_per_s: f64,
    docs_per_s: f64,
}

impl Figure {
    fn new(name: &str, documents: usize, bytes: usize, seconds: f64) -> Figure {
        let megabytes = bytes as f64 / 1e6;
        Figure {
            name: name.to_owned(),
            documents,
            megabytes,
            seconds,
            mb_per_s: megabytes / seconds.max(1e-9),
            docs_per_s: documents as f64 / seconds.max(1e-9),
        }
    }
}

/// Runs `bench`.
///
/// # Errors
/// When no inputs can be found.
pub fn run(args: BenchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    match args.what {
        BenchTarget::Ingest => bench_ingest(&args, global),
        BenchTarget::Extract => bench_extract(&args, global),
        BenchTarget::Code => bench_code(&args, global),
        BenchTarget::Serve => crate::commands::bench_serve::run(&args.serve, args.json, global),
        BenchTarget::Brief => crate::commands::bench_brief::run(args.json, global),
    }
}

fn bench_ingest(args: &BenchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.as_deref()).ok();
    // Text: the example corpus's text files and the seeds, repeated.
    let mut texts: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for path in corpus_files(shared.as_deref()) {
        if matches!(
            InputKind::of_path(&path),
            InputKind::Text | InputKind::Markdown
        ) {
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            texts.push((path, bytes));
        }
    }
    if texts.is_empty() {
        anyhow::bail!(
            "no text inputs found\nhint: run from the repository root (examples/muscat) or pass --shared DIR"
        );
    }
    let one_pass: usize = texts.iter().map(|(_, b)| b.len()).sum();
    let repeats = ((args.min_mb * 1e6) / one_pass as f64).ceil().max(1.0) as usize;

    let mut figures = Vec::new();
    // Parse + prepare only.
    let start = Instant::now();
    let mut prepared = Vec::with_capacity(texts.len() * repeats);
    let mut bytes = 0;
    for round in 0..repeats {
        for (path, content) in &texts {
            let mut content = content.clone();
            // Make every copy distinct so that the store does real work below.
            content.extend_from_slice(format!("\n\nCopy {round}.").as_bytes());
            bytes += content.len();
            let stem = format!(
                "{}-{round}",
                path.file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default()
            );
            let (drafts, _) = ingest::parse_input(
                InputKind::of_path(path),
                &stem,
                &path.display().to_string(),
                &content,
            );
            for draft in drafts {
                if let Ok(p) = ingest::prepare(draft) {
                    prepared.push(p);
                }
            }
        }
    }
    figures.push(Figure::new(
        "text: parse + prepare",
        prepared.len(),
        bytes,
        start.elapsed().as_secs_f64(),
    ));
    if prepared.len() != texts.len() * repeats {
        anyhow::bail!(
            "benchmark inputs did not all parse ({} of {}); the figure would time a bug",
            prepared.len(),
            texts.len() * repeats
        );
    }
    // Store into a temporary SQLite file (WAL, one transaction per document, as ingest does).
    let dir = std::env::temp_dir().join(format!("backchannel-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench.db");
    {
        let mut store = store::SqliteStore::open(&db)?;
        let start = Instant::now();
        for p in &prepared {
            let bands = p.fingerprint.bands();
            store.put_document(NewDocument {
                doc: &p.doc,
                signature: p.fingerprint.values(),
                bands: &bands,
                near_threshold: ingest::fingerprint::NEAR_DUPLICATE_THRESHOLD,
            })?;
        }
        figures.push(Figure::new(
            "text: store (SQLite, FTS, dedupe)",
            prepared.len(),
            bytes,
            start.elapsed().as_secs_f64(),
        ));
        let stored = store.count_documents()?;
        if stored != prepared.len() as u64 {
            anyhow::bail!(
                "stored {stored} of {} documents; the figure would time a bug",
                prepared.len()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    // HTML: the extraction benchmark's 181 pages when available, else the example pages.
    let pages = html_pages(shared.as_deref())?;
    if !pages.is_empty() {
        let start = Instant::now();
        let mut ok = 0;
        let bytes: usize = pages.iter().map(Vec::len).sum();
        for (i, page) in pages.iter().enumerate() {
            if ingest::parse_html(&format!("p{i}"), "bench", page, None).is_ok() {
                ok += 1;
            }
        }
        figures.push(Figure::new(
            "html: main text + metadata",
            ok,
            bytes,
            start.elapsed().as_secs_f64(),
        ));
    }

    if args.json {
        output::out(&(serde_json::to_string_pretty(&figures)? + "\n"))?;
    } else {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<36} {:>8} {:>9} {:>8} {:>9} {:>10}",
            "benchmark (one core)", "docs", "MB", "seconds", "MB/s", "docs/s"
        );
        for f in &figures {
            let _ = writeln!(
                out,
                "{:<36} {:>8} {:>9.2} {:>8.3} {:>9.2} {:>10.0}",
                f.name, f.documents, f.megabytes, f.seconds, f.mb_per_s, f.docs_per_s
            );
        }
        output::out(&out)?;
    }
    output::note(
        global.quiet,
        "built with optimisations? use `cargo run --release` for real figures",
    );
    Ok(ExitCode::SUCCESS)
}

/// Extraction throughput over the example corpus and seeds repeated to `--min-mb`.
fn bench_extract(args: &BenchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.as_deref()).ok();
    let mut docs = Vec::new();
    for path in corpus_files(shared.as_deref()) {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        let (drafts, _) = ingest::parse_input(InputKind::of_path(&path), "b", "b", &bytes);
        docs.extend(
            drafts
                .into_iter()
                .filter_map(|d| ingest::prepare(d).ok())
                .map(|p| p.doc),
        );
    }
    if docs.is_empty() {
        anyhow::bail!("no inputs found\nhint: run from the repository root (examples/muscat)");
    }
    let one_pass: usize = docs.iter().map(|d| d.text.len()).sum();
    let repeats = ((args.min_mb * 1e6) / one_pass as f64).ceil().max(1.0) as usize;
    let corpus: Vec<&model::Document> = (0..repeats).flat_map(|_| docs.iter()).collect();
    let bytes = one_pass * repeats;
    let pipeline = extract::Pipeline::new();
    // Warm up: builds the shared dictionaries outside the timing.
    let _ = pipeline.record(&docs[0]);
    let mut figures = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    for jobs in [1, threads] {
        let start = Instant::now();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let sentences = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(doc) = corpus.get(i) else { break };
                        let record = pipeline.record(doc);
                        sentences.fetch_add(
                            record.sentences.len(),
                            std::sync::atomic::Ordering::Relaxed,
                        );
                    }
                });
            }
        });
        let seconds = start.elapsed().as_secs_f64();
        let sentences = sentences.into_inner();
        figures.push(serde_json::json!({
            "threads": jobs,
            "documents": corpus.len(),
            "sentences": sentences,
            "megabytes": bytes as f64 / 1e6,
            "seconds": seconds,
            "sentences_per_s": sentences as f64 / seconds,
            "mb_per_s": bytes as f64 / 1e6 / seconds,
        }));
    }
    if args.json {
        output::out(&(serde_json::to_string_pretty(&figures)? + "\n"))?;
    } else {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<28} {:>8} {:>10} {:>8} {:>12} {:>8}",
            "extraction", "docs", "sentences", "seconds", "sentences/s", "MB/s"
        );
        for f in &figures {
            let _ = writeln!(
                out,
                "{:<28} {:>8} {:>10} {:>8.3} {:>12.0} {:>8.2}",
                format!("{} thread(s)", f["threads"]),
                f["documents"].as_u64().unwrap_or(0),
                f["sentences"].as_u64().unwrap_or(0),
                f["seconds"].as_f64().unwrap_or(0.0),
                f["sentences_per_s"].as_f64().unwrap_or(0.0),
                f["mb_per_s"].as_f64().unwrap_or(0.0)
            );
        }
        output::out(&out)?;
    }
    output::note(
        global.quiet,
        "sentences, actors, times, quotes and events per document; dictionaries built once before timing",
    );
    Ok(ExitCode::SUCCESS)
}

/// One sentence prepared for coding: its text and its actor mentions (sentence offsets).
struct Prepared {
    text: String,
    mentions: Vec<(usize, usize, String)>,
}

/// Coding throughput: the corpus's sentences with their actor mentions resolved outside the
/// timing, coded on the mention path (`Coder::code_mentions`) and, for comparison, scanned
/// with the bare dictionary automata (`Coder::bare_scan`: tokenizing and the verb automaton),
/// each on one core and on all cores.
fn bench_code(args: &BenchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.as_deref()).ok();
    let mut docs = Vec::new();
    for path in corpus_files(shared.as_deref()) {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        let (drafts, _) = ingest::parse_input(InputKind::of_path(&path), "b", "b", &bytes);
        docs.extend(
            drafts
                .into_iter()
                .filter_map(|d| ingest::prepare(d).ok())
                .map(|p| p.doc),
        );
    }
    if docs.is_empty() {
        anyhow::bail!("no inputs found\nhint: run from the repository root (examples/muscat)");
    }
    // Sentences and resolved mentions, as the pipeline hands them to the coder.
    let dict = actors::ActorDictionary::builtin();
    let mut sentences: Vec<Prepared> = Vec::new();
    for doc in &docs {
        let text = doc.text.as_str();
        let mentions = dict.annotate(text, doc.published.or(doc.inferred_date));
        for span in extract::split_sentences(text) {
            let (s, e) = (span.start() as usize, span.end() as usize);
            let Some(sentence) = text.get(s..e) else {
                continue;
            };
            let mentions = mentions
                .iter()
                .filter(|m| {
                    !m.code.is_empty()
                        && m.span.start() as usize >= s
                        && (m.span.end() as usize) <= e
                })
                .map(|m| {
                    (
                        m.span.start() as usize - s,
                        m.span.end() as usize - s,
                        m.code.clone(),
                    )
                })
                .collect();
            sentences.push(Prepared {
                text: sentence.to_owned(),
                mentions,
            });
        }
    }
    let one_pass: usize = sentences.iter().map(|p| p.text.len()).sum();
    let repeats = ((args.min_mb * 1e6) / one_pass.max(1) as f64)
        .ceil()
        .max(1.0) as usize;
    let corpus: Vec<&Prepared> = (0..repeats).flat_map(|_| sentences.iter()).collect();
    let bytes = one_pass * repeats;
    let coder = coder::Coder::builtin();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut figures = Vec::new();
    let mut per_pass_events = None;
    for (name, scan) in [
        ("coding (mention path)", false),
        ("bare dictionary scan", true),
    ] {
        for jobs in [1, threads] {
            let next = std::sync::atomic::AtomicUsize::new(0);
            let found = std::sync::atomic::AtomicUsize::new(0);
            let start = Instant::now();
            std::thread::scope(|scope| {
                for _ in 0..jobs {
                    scope.spawn(|| {
                        let mut scratch = coder::Scratch::default();
                        let mut events = Vec::new();
                        let mut mentions = Vec::new();
                        let mut local = 0;
                        loop {
                            // Chunks of 256 sentences keep the counter off the hot path.
                            let from = next.fetch_add(256, std::sync::atomic::Ordering::Relaxed);
                            if from >= corpus.len() {
                                break;
                            }
                            for p in &corpus[from..(from + 256).min(corpus.len())] {
                                if scan {
                                    local += coder.bare_scan(&p.text, &mut scratch);
                                } else {
                                    mentions.clear();
                                    mentions.extend(p.mentions.iter().map(|(s, e, c)| {
                                        coder::ActorMention {
                                            start: *s,
                                            end: *e,
                                            code: c.as_str(),
                                        }
                                    }));
                                    events.clear();
                                    coder.code_mentions(
                                        &p.text,
                                        &mentions,
                                        &mut scratch,
                                        &mut events,
                                    );
                                    local += events.len();
                                }
                            }
                        }
                        found.fetch_add(local, std::sync::atomic::Ordering::Relaxed);
                    });
                }
            });
            let seconds = start.elapsed().as_secs_f64();
            let found = found.into_inner();
            if !scan {
                // Every run codes the same sentences: the same number of events, or the
                // figure would time a bug.
                if per_pass_events.is_some_and(|n| n != found) {
                    anyhow::bail!("coding gave {found} events, an earlier run {per_pass_events:?}");
                }
                per_pass_events = Some(found);
            }
            figures.push(serde_json::json!({
                "name": name,
                "threads": jobs,
                "sentences": corpus.len(),
                "found": found,
                "megabytes": bytes as f64 / 1e6,
                "seconds": seconds,
                "sentences_per_s": corpus.len() as f64 / seconds.max(1e-9),
                "mb_per_s": bytes as f64 / 1e6 / seconds.max(1e-9),
            }));
        }
    }
    let rate = |name: &str, threads: usize| {
        figures
            .iter()
            .find(|f| f["name"] == name && f["threads"] == threads)
            .and_then(|f| f["sentences_per_s"].as_f64())
            .unwrap_or(0.0)
    };
    let ratio = rate("coding (mention path)", 1) / rate("bare dictionary scan", 1).max(1e-9);
    if args.json {
        let value = serde_json::json!({"figures": figures, "coding_to_scan_ratio_one_core": ratio});
        output::out(&(serde_json::to_string_pretty(&value)? + "\n"))?;
    } else {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<36} {:>10} {:>9} {:>8} {:>12} {:>8}",
            "coding", "sentences", "found", "seconds", "sentences/s", "MB/s"
        );
        for f in &figures {
            let _ = writeln!(
                out,
                "{:<36} {:>10} {:>9} {:>8.3} {:>12.0} {:>8.2}",
                format!(
                    "{}, {} thread(s)",
                    f["name"].as_str().unwrap_or(""),
                    f["threads"]
                ),
                f["sentences"].as_u64().unwrap_or(0),
                f["found"].as_u64().unwrap_or(0),
                f["seconds"].as_f64().unwrap_or(0.0),
                f["sentences_per_s"].as_f64().unwrap_or(0.0),
                f["mb_per_s"].as_f64().unwrap_or(0.0)
            );
        }
        let _ = writeln!(
            out,
            "coding runs at {:.2} of the bare scan's rate on one core",
            ratio
        );
        output::out(&out)?;
    }
    output::note(
        global.quiet,
        "found: events (coding) or dictionary hits (scan); actor mentions resolved before timing",
    );
    Ok(ExitCode::SUCCESS)
}

/// The benchmark corpus: the example corpus and, when found, the seeds.
fn corpus_files(shared: Option<&Path>) -> Vec<PathBuf> {
    let mut roots = vec![PathBuf::from("examples/muscat")];
    if let Some(shared) = shared {
        roots.push(shared.join("corpus/seeds"));
    }
    let (inputs, _) = ingest::walk::expand(&roots);
    inputs
        .into_iter()
        .filter_map(|input| match input {
            ingest::walk::Input::File(path) => Some(path),
            ingest::walk::Input::Stdin => None,
        })
        .collect()
}

fn html_pages(shared: Option<&Path>) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut pages = Vec::new();
    if let Some(dir) = shared.map(|s| s.join("external/article-extraction-benchmark/html"))
        && let Ok(entries) = std::fs::read_dir(&dir)
    {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let raw =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            let mut page = Vec::new();
            flate2::read::GzDecoder::new(raw.as_slice())
                .read_to_end(&mut page)
                .with_context(|| format!("{}: not gzip", path.display()))?;
            pages.push(page);
        }
    }
    if pages.is_empty() {
        let (inputs, _) = ingest::walk::expand(&[PathBuf::from("examples/muscat")]);
        for input in inputs {
            if let ingest::walk::Input::File(path) = input
                && InputKind::of_path(&path) == InputKind::Html
            {
                pages.push(std::fs::read(&path)?);
            }
        }
    }
    Ok(pages)
}
