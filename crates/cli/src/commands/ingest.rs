//! `backchannel ingest`: files, directories, globs, feeds, URLs and stdin into the store.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use extract::Pipeline;
use ingest::walk::Input;
use ingest::{IngestError, InputKind, Prepared};
use model::record::Record;
use serde::Serialize;
use store::{NewDocument, PutOutcome, Store};

use crate::Global;
use crate::output;

/// Read articles into the database: plain text and Markdown (with ` date YYYY-MM-DD` or
/// front-matter metadata), HTML pages (main text extracted), JSONL (one article a line),
/// RSS/Atom/JSON feeds, and http(s) URLs of feeds or pages.
///
/// Each document is stored in its own transaction: a failure or an interrupted run never
/// leaves half a document, and running again over the same inputs stores only what is new.
/// Exact and near duplicates are kept and linked to the first copy.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel ingest examples/muscat
  backchannel ingest 'news/**/*.html' wire.jsonl
  backchannel --db team.db ingest https://example.org/feed.xml
  backchannel ingest --urls reading-list.txt
  cat article.txt | backchannel ingest -
  backchannel ingest news/ --format json > summary.json

Exit codes: 0 all stored; 1 some inputs were rejected (named on stderr, the rest stored);
2 could not run (database, usage).")]
pub struct IngestArgs {
    /// Files, directories (walked recursively), glob patterns, http(s) URLs, or `-` for stdin.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<String>,
    /// A file with one URL a line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// Summary format on stdout: `text` prints nothing there (the summary goes to stderr),
    /// `json` prints one JSON object.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Parsing threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Seconds between two requests to the same host.
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    pub delay: f64,
    /// For feed items, fetch each item's link and store the full article instead of the
    /// feed's summary (robots.txt is honoured; one request at a time per host).
    #[arg(long)]
    pub follow_links: bool,
    /// Seconds before an HTTP request is abandoned.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Store the documents only and put them on the work queue for `backchannel worker`
    /// processes (on this or other machines) to analyse.
    #[arg(long)]
    pub enqueue: bool,
}

/// How the end-of-run summary is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// A line on stderr for people.
    Text,
    /// A JSON object on stdout for programs.
    Json,
}

/// What happened to one document, for the JSON summary.
#[derive(Debug, Serialize)]
struct DocReport {
    id: String,
    origin: String,
    outcome: &'static str,
    duplicate_of: Option<String>,
    language: Option<String>,
    published: Option<String>,
    warnings: Vec<String>,
}

/// The whole run, for the JSON summary.
#[derive(Debug, Default, Serialize)]
struct Summary {
    ingested: u64,
    duplicates: u64,
    unchanged: u64,
    failed: u64,
    documents: Vec<DocReport>,
    problems: Vec<String>,
}

/// One unit of work.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Stdin,
    File(PathBuf),
    Url(String),
}

impl From<Input> for Item {
    fn from(input: Input) -> Item {
        match input {
            Input::Stdin => Item::Stdin,
            Input::File(path) => Item::File(path),
        }
    }
}

/// Worker threads: `--jobs`, else every core.
pub(crate) fn job_count(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1)
}

impl Item {
    fn label(&self) -> String {
        match self {
            Item::Stdin => "-".to_owned(),
            Item::File(path) => path.display().to_string(),
            Item::Url(url) => url.clone(),
        }
    }
}

/// Runs `ingest`.
///
/// # Errors
/// Only when the database cannot be opened or written; bad inputs are reported and skipped.
pub fn run(args: IngestArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut summary = Summary::default();
    let mut items = Vec::new();
    let mut paths = Vec::new();
    for input in &args.inputs {
        if fetch::is_url(input) {
            items.push(Item::Url(input.clone()));
        } else {
            paths.push(PathBuf::from(input));
        }
    }
    if let Some(list) = &args.urls {
        let text = std::fs::read_to_string(list)
            .with_context(|| format!("{}: cannot read the URL list", list.display()))?;
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if fetch::is_url(line) {
                items.push(Item::Url(line.to_owned()));
            } else {
                record_problem(
                    &mut summary,
                    &format!(
                        "{}:{}: {line:?} is not an http(s) URL; fix or remove this line",
                        list.display(),
                        index + 1
                    ),
                );
            }
        }
    }
    if args.inputs.is_empty() && args.urls.is_none() {
        anyhow::bail!(
            "nothing to ingest\nhint: give files, directories, globs, URLs or `-`; see `backchannel ingest --help`"
        );
    }
    let (inputs, walk_problems) = ingest::walk::expand(&paths);
    for problem in walk_problems {
        record_problem(&mut summary, &problem.to_string());
    }
    let mut file_items: Vec<Item> = inputs.into_iter().map(Item::from).collect();
    file_items.append(&mut items);
    let items = file_items;

    let mut store = crate::commands::open_store(global)?;
    // With --enqueue the workers analyse; building the pipeline here would only cost time.
    let pipeline = (!args.enqueue).then(Pipeline::new);
    let pipeline = pipeline.as_ref();
    let bar = output::progress(global.quiet, items.len() as u64, "ingesting");
    let client = fetch::Client::new(fetch::Config {
        per_host_delay: Duration::from_secs_f64(args.delay.max(0.0)),
        timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
        ..fetch::Config::default()
    });
    let jobs = job_count(args.jobs);

    // Files are parsed on worker threads and stored here, in input order, so duplicate
    // links and id suffixes are the same on every run. URLs are fetched one at a time.
    let (local, remote): (Vec<Item>, Vec<Item>) =
        items.into_iter().partition(|i| !matches!(i, Item::Url(_)));
    parse_in_parallel(&local, jobs, pipeline, |item, parsed| {
        bar.set_message(item.label());
        let links = args.follow_links.then_some(&client);
        store_parsed(
            store.as_mut(),
            parsed,
            pipeline,
            links,
            &mut summary,
            global.quiet,
        )?;
        bar.inc(1);
        Ok(())
    })?;
    for item in &remote {
        let Item::Url(url) = item else { continue };
        bar.set_message(url.clone());
        ingest_url(
            &client,
            pipeline,
            args.follow_links,
            store.as_mut(),
            url,
            &mut summary,
            global.quiet,
        )?;
        bar.inc(1);
    }
    bar.finish_and_clear();

    let line = format!(
        "ingested {}, duplicates {}, unchanged {}, failed {}",
        summary.ingested, summary.duplicates, summary.unchanged, summary.failed
    );
    output::note(global.quiet, &line);
    if args.format == SummaryFormat::Json {
        output::out(&(serde_json::to_string_pretty(&summary)? + "\n"))?;
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Documents (each with its extraction record when a pipeline ran) and problems from one
/// input.
pub(crate) struct Parsed {
    pub(crate) prepared: Vec<(Prepared, Option<Record>)>,
    pub(crate) problems: Vec<String>,
}

/// Parses items on `jobs` threads and hands each result to `sink` in input order.
pub(crate) fn parse_in_parallel(
    items: &[Item],
    jobs: usize,
    pipeline: Option<&Pipeline>,
    mut sink: impl FnMut(&Item, Parsed) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Parsed)>(jobs * 4);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..jobs.min(items.len()) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let parsed = parse_item_guarded(item, pipeline);
                    if tx.send((index, parsed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (index, parsed) in rx {
            pending.insert(index, parsed);
            while let Some(parsed) = pending.remove(&expected) {
                sink(&items[expected], parsed)?;
                expected += 1;
            }
        }
        Ok(())
    })
}

/// Parses one local item; a panic inside a parser becomes a problem for that item only.
fn parse_item_guarded(item: &Item, pipeline: Option<&Pipeline>) -> Parsed {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut parsed = parse_item(item);
        if let Some(pipeline) = pipeline {
            for (prepared, record) in &mut parsed.prepared {
                *record = Some(pipeline.record(&prepared.doc));
            }
        }
        parsed
    }));
    result.unwrap_or_else(|_| Parsed {
        prepared: Vec::new(),
        problems: vec![format!(
            "{}: internal error while reading this input (a bug; please report it); the rest of the batch goes on",
            item.label()
        )],
    })
}

fn parse_item(item: &Item) -> Parsed {
    let (kind, stem, origin, bytes) = match item {
        Item::Stdin => {
            let mut bytes = Vec::new();
            if let Err(err) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return failed(format!("-: cannot read standard input: {err}"));
            }
            (
                ingest::sniff(&bytes),
                "stdin".to_owned(),
                "-".to_owned(),
                bytes,
            )
        }
        Item::File(path) => match ingest::walk::read_file(path) {
            Ok(bytes) => (
                InputKind::of_path(path),
                file_stem(path),
                path.display().to_string(),
                bytes,
            ),
            Err(err) => return failed(err.to_string()),
        },
        Item::Url(url) => return failed(format!("{url}: URLs are fetched separately")),
    };
    prepare_all(ingest::parse_input(kind, &stem, &origin, &bytes))
}

fn prepare_all((drafts, problems): (Vec<ingest::Draft>, Vec<IngestError>)) -> Parsed {
    let mut parsed = Parsed {
        prepared: Vec::new(),
        problems: problems.iter().map(ToString::to_string).collect(),
    };
    for draft in drafts {
        match ingest::prepare(draft) {
            Ok(prepared) => parsed.prepared.push((prepared, None)),
            Err(err) => parsed.problems.push(err.to_string()),
        }
    }
    parsed
}

fn failed(message: String) -> Parsed {
    Parsed {
        prepared: Vec::new(),
        problems: vec![message],
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "document".to_owned())
}

/// Stores parsed documents one transaction each, recording outcomes.
fn store_parsed(
    store: &mut dyn Store,
    parsed: Parsed,
    pipeline: Option<&Pipeline>,
    links: Option<&fetch::Client>,
    summary: &mut Summary,
    quiet: bool,
) -> anyhow::Result<()> {
    for problem in parsed.problems {
        record_problem(summary, &problem);
    }
    for (mut prepared, mut record) in parsed.prepared {
        if let Some(client) = links {
            let before = prepared.doc.text.len();
            prepared = with_full_article(client, prepared, quiet);
            if prepared.doc.text.len() != before {
                record = pipeline.map(|p| p.record(&prepared.doc));
            }
        }
        let bands = prepared.fingerprint.bands();
        let new = NewDocument {
            doc: &prepared.doc,
            signature: prepared.fingerprint.values(),
            bands: &bands,
            near_threshold: ingest::fingerprint::NEAR_DUPLICATE_THRESHOLD,
        };
        // Without a pipeline (`--enqueue`) the document goes on the work queue in the same
        // transaction that stores it.
        let outcome = if pipeline.is_some() {
            store.put_document(new)
        } else {
            store.enqueue_document(new)
        }
        .with_context(|| format!("{}: could not store the document", prepared.doc.origin))?;
        for warning in &prepared.warnings {
            output::warning(quiet, &format!("{}: {warning}", prepared.doc.origin));
        }
        let doc = &prepared.doc;
        let (id, outcome_name, duplicate_of) = match outcome {
            PutOutcome::Stored {
                id,
                duplicate_of: Some(of),
                near,
            } => {
                summary.ingested += 1;
                summary.duplicates += 1;
                (
                    id,
                    if near { "near-duplicate" } else { "duplicate" },
                    Some(of.to_string()),
                )
            }
            PutOutcome::Stored { id, .. } => {
                summary.ingested += 1;
                (id, "stored", None)
            }
            PutOutcome::Unchanged { id } => {
                summary.unchanged += 1;
                (id, "unchanged", None)
            }
        };
        if let Some(mut record) = record {
            let current = outcome_name == "unchanged"
                && store
                    .record(&id)?
                    .is_some_and(|r| r.doc.extractor == record.doc.extractor);
            if !current {
                record.doc.id = id.to_string();
                record.doc.duplicate_of = duplicate_of.clone();
                store
                    .put_record(&record)
                    .with_context(|| format!("{}: could not store the record", doc.origin))?;
            }
        }
        summary.documents.push(DocReport {
            id: id.to_string(),
            origin: doc.origin.clone(),
            outcome: outcome_name,
            duplicate_of,
            language: doc.language.clone(),
            published: doc.published.map(|d| d.to_string()),
            warnings: prepared.warnings.clone(),
        });
    }
    Ok(())
}

fn record_problem(summary: &mut Summary, message: &str) {
    output::problem(message);
    summary.failed += 1;
    summary.problems.push(message.to_owned());
}

/// Fetches a feed or page URL conditionally and stores what it holds; the validators are
/// saved only after every document from the response is stored.
fn ingest_url(
    client: &fetch::Client,
    pipeline: Option<&Pipeline>,
    follow_links: bool,
    store: &mut dyn Store,
    url: &str,
    summary: &mut Summary,
    quiet: bool,
) -> anyhow::Result<()> {
    let saved = store.http_validators(url)?;
    let validators = saved.as_ref().map(|v| fetch::Validators {
        etag: v.etag.clone(),
        last_modified: v.last_modified.clone(),
    });
    let fetched = match client.get(url, validators.as_ref()) {
        Ok(fetched) => fetched,
        Err(err) => {
            record_problem(summary, &err.to_string());
            return Ok(());
        }
    };
    let fetch::Fetched::Body {
        bytes,
        content_type,
        validators,
        final_url,
    } = fetched
    else {
        output::note(quiet, &format!("{url}: not modified since the last fetch"));
        return Ok(());
    };
    let kind = kind_of_response(content_type.as_deref(), &bytes);
    let stem = url_stem(&final_url);
    let parsed = match kind {
        InputKind::Html => match ingest::parse_html(&stem, url, &bytes, Some(&final_url)) {
            Ok(draft) => prepare_all((vec![draft], Vec::new())),
            Err(err) => failed(err.to_string()),
        },
        other => prepare_all(ingest::parse_input(other, &stem, url, &bytes)),
    };
    let mut parsed = parsed;
    if let Some(pipeline) = pipeline {
        for (prepared, record) in &mut parsed.prepared {
            *record = Some(pipeline.record(&prepared.doc));
        }
    }
    let clean = parsed.problems.is_empty();
    store_parsed(
        store,
        parsed,
        pipeline,
        follow_links.then_some(client),
        summary,
        quiet,
    )?;
    if clean {
        store.set_http_validators(
            url,
            &store::HttpValidators {
                etag: validators.etag,
                last_modified: validators.last_modified,
            },
        )?;
    }
    Ok(())
}

/// Replaces a feed item's summary by the article at its link, when robots.txt allows the
/// fetch and the page gives a longer main text. Feed metadata (title, date, outlet) is kept.
fn with_full_article(client: &fetch::Client, prepared: Prepared, quiet: bool) -> Prepared {
    let doc = &prepared.doc;
    let Some(link) = doc.url.as_deref().filter(|u| fetch::is_url(u)) else {
        return prepared;
    };
    if doc.format != model::DocFormat::Feed {
        return prepared;
    }
    if !client.allowed_by_robots(link) {
        output::warning(
            quiet,
            &format!("{link}: robots.txt disallows fetching; kept the feed summary"),
        );
        return prepared;
    }
    let page = match client.get(link, None) {
        Ok(fetch::Fetched::Body {
            bytes, final_url, ..
        }) => ingest::parse_html(doc.id.as_str(), link, &bytes, Some(&final_url)),
        Ok(fetch::Fetched::NotModified) => return prepared,
        Err(err) => {
            output::warning(quiet, &format!("{err}; kept the feed summary"));
            return prepared;
        }
    };
    match page {
        Ok(article) if article.text.len() > doc.text.len() => {
            let mut draft = ingest::Draft::new(
                doc.id.to_string(),
                article.text,
                model::DocFormat::Feed,
                doc.origin.clone(),
            );
            draft.title = doc.title.clone().or(article.title);
            draft.source = doc.source.clone().or(article.source);
            draft.url = doc.url.clone();
            draft.author = doc.author.clone().or(article.author);
            draft.published = doc.published.or(article.published);
            draft.declared_language = article.declared_language;
            draft.warnings = article.warnings;
            ingest::prepare(draft).unwrap_or(prepared)
        }
        Ok(_) => prepared,
        Err(err) => {
            output::warning(quiet, &format!("{err}; kept the feed summary"));
            prepared
        }
    }
}

fn kind_of_response(content_type: Option<&str>, bytes: &[u8]) -> InputKind {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "application/rss+xml" | "application/atom+xml" | "application/feed+json" => InputKind::Feed,
        "text/html" | "application/xhtml+xml" => InputKind::Html,
        "application/x-ndjson" | "application/jsonl" => InputKind::Jsonl,
        "text/plain" => InputKind::Text,
        _ => ingest::sniff(bytes),
    }
}

/// A stable id stem for a URL: its last path segment without extension, else its host.
fn url_stem(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or(url);
    let after_scheme = without_query
        .split_once("://")
        .map_or(without_query, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = segment.split('.').next().unwrap_or(segment);
    if stem.is_empty() {
        fetch::host_of(url).replace(':', "_")
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_stems() {
        assert_eq!(
            url_stem("https://a.example/news/talks-resume.html?x=1"),
            "talks-resume"
        );
        assert_eq!(url_stem("https://a.example/"), "a.example");
        assert_eq!(url_stem("http://127.0.0.1:8080/feed.xml"), "feed");
    }

    #[test]
    fn response_kinds() {
        assert_eq!(
            kind_of_response(Some("text/html; charset=utf-8"), b""),
            InputKind::Html
        );
        assert_eq!(
            kind_of_response(Some("application/rss+xml"), b""),
            InputKind::Feed
        );
        assert_eq!(
            kind_of_response(None, b"<?xml version='1.0'?><rss>"),
            InputKind::Feed
        );
        assert_eq!(
            kind_of_response(Some("application/octet-stream"), b"{\"text\":1}"),
            InputKind::Jsonl
        );
    }
}
