//! `backchannel worker`: takes queued documents off the shared database, analyses them and
//! stores their records, one transaction per document.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use extract::Pipeline;
use serde::Serialize;
use store::{Claim, ClaimRequest, Store};

use crate::Global;
use crate::output;

/// Process documents queued by `ingest --enqueue` (or `retry`): claim a batch under a lease,
/// extract each document's record and store it together with the queue state in one
/// transaction. Run several workers, on one machine or many, against the same database; a
/// worker that dies leaves leases that run out, and its documents are taken by another.
#[derive(Debug, Clone, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel --db postgres://news@db.example/bc worker --threads 2
  backchannel worker --until-empty
  backchannel worker --once --batch 50 --format json

Exit codes: 0 done (failed documents are counted, not fatal: see `backchannel status`);
2 the database could not be used.")]
pub struct WorkerArgs {
    /// Documents claimed at a time by each thread.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub batch: u32,
    /// Seconds a claim is held before other workers may take the document over. Make it
    /// longer than a batch takes to process.
    #[arg(long, default_value_t = 300.0, value_name = "SECS")]
    pub lease: f64,
    /// A document whose lease ran out this many times (its workers keep dying on it) is
    /// marked failed instead of being handed out again.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub max_attempts: u32,
    /// Process one batch per thread and stop.
    #[arg(long, conflicts_with = "until_empty")]
    pub once: bool,
    /// Stop when nothing is pending or leased any more (waits for leases of other workers
    /// to finish or run out). Without this or `--once`, the worker waits for new work.
    #[arg(long)]
    pub until_empty: bool,
    /// Worker threads in this process, each with its own database connection.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub threads: usize,
    /// Seconds to wait before asking again when the queue is empty.
    #[arg(long, default_value_t = 1.0, value_name = "SECS")]
    pub poll: f64,
    /// Name shown in `backchannel status` (default: host name and process id).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Summary format on stdout: `text` prints nothing there (the summary goes to stderr),
    /// `json` prints one JSON object with the ids of the documents this worker completed.
    #[arg(long, value_enum, default_value_t = crate::commands::ingest::SummaryFormat::Text)]
    pub format: crate::commands::ingest::SummaryFormat,
}

/// What one thread did.
#[derive(Debug, Default, Serialize)]
struct Tally {
    completed: Vec<String>,
    failed: u64,
    lost: u64,
}

/// The whole worker's run, for the JSON summary.
#[derive(Debug, Serialize)]
struct Summary {
    worker: String,
    processed: usize,
    failed: u64,
    lost: u64,
    seconds: f64,
    documents_per_second: f64,
    completed: Vec<String>,
}

/// Runs `worker`.
///
/// # Errors
/// When the database cannot be opened or used.
pub fn run(args: WorkerArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if args.batch == 0 {
        anyhow::bail!("--batch must be at least 1");
    }
    if !(args.lease.is_finite() && args.lease > 0.0) {
        anyhow::bail!("--lease must be a positive number of seconds");
    }
    let name = args.name.clone().unwrap_or_else(default_name);
    // Fail early, before the pipeline is built, when the database cannot be opened.
    drop(crate::commands::open_store(global)?);
    let pipeline = Pipeline::new();
    let started = Instant::now();
    let threads = args.threads.max(1);
    let tallies: Vec<anyhow::Result<Tally>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|index| {
                let thread_name = if threads == 1 {
                    name.clone()
                } else {
                    format!("{name}/{index}")
                };
                let pipeline = &pipeline;
                let args = &args;
                scope.spawn(move || work(args, global, pipeline, &thread_name))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a worker thread crashed (a bug)")))
            })
            .collect()
    });
    let mut total = Tally::default();
    for tally in tallies {
        let tally = tally?;
        total.completed.extend(tally.completed);
        total.failed += tally.failed;
        total.lost += tally.lost;
    }
    let seconds = started.elapsed().as_secs_f64();
    let summary = Summary {
        worker: name,
        processed: total.completed.len(),
        failed: total.failed,
        lost: total.lost,
        seconds,
        documents_per_second: if seconds > 0.0 {
            total.completed.len() as f64 / seconds
        } else {
            0.0
        },
        completed: total.completed,
    };
    output::note(
        global.quiet,
        &format!(
            "worker {}: processed {}, failed {}, lost {} ({:.1} documents/s)",
            summary.worker,
            summary.processed,
            summary.failed,
            summary.lost,
            summary.documents_per_second
        ),
    );
    if summary.lost > 0 {
        output::warning(
            global.quiet,
            "some leases ran out before their documents were finished and other workers took them over; raise --lease",
        );
    }
    if args.format == crate::commands::ingest::SummaryFormat::Json {
        output::out(&(serde_json::to_string(&summary)? + "\n"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One thread's loop: claim, process, complete, until the mode says stop.
fn work(
    args: &WorkerArgs,
    global: &Global,
    pipeline: &Pipeline,
    name: &str,
) -> anyhow::Result<Tally> {
    let mut store = crate::commands::open_store(global)?;
    let request = ClaimRequest {
        limit: args.batch,
        lease: Duration::from_secs_f64(args.lease),
        max_attempts: args.max_attempts.max(1),
    };
    let poll = Duration::from_secs_f64(args.poll.clamp(0.01, 3600.0));
    let mut tally = Tally::default();
    loop {
        let claims = store.claim(name, &request)?;
        if claims.is_empty() {
            if args.once {
                break;
            }
            if args.until_empty {
                let status = store.queue_status(Duration::ZERO)?;
                if status.pending + status.leased + status.expired == 0 {
                    break;
                }
            }
            std::thread::sleep(poll);
            continue;
        }
        for claim in &claims {
            process(store.as_mut(), pipeline, claim, &mut tally, global.quiet)?;
        }
        if args.once {
            break;
        }
    }
    Ok(tally)
}

/// Analyses one claimed document and stores the outcome.
fn process(
    store: &mut dyn Store,
    pipeline: &Pipeline,
    claim: &Claim,
    tally: &mut Tally,
    quiet: bool,
) -> anyhow::Result<()> {
    let Some(doc) = store.document(&claim.id)? else {
        store.fail(claim, "the document is no longer stored")?;
        tally.failed += 1;
        return Ok(());
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.record(&doc)));
    match result {
        Ok(mut record) => {
            record.doc.id = doc.id.to_string();
            record.doc.duplicate_of = doc.duplicate_of.as_ref().map(ToString::to_string);
            if store.complete(claim, &record)? {
                tally.completed.push(claim.id.to_string());
            } else {
                tally.lost += 1;
            }
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            let reason = format!("extraction failed (a bug; please report it): {message}");
            output::warning(quiet, &format!("{}: {reason}", claim.id));
            if store.fail(claim, &reason)? {
                tally.failed += 1;
            } else {
                tally.lost += 1;
            }
        }
    }
    Ok(())
}

/// `host-pid`, so that `status` tells workers on different machines apart.
fn default_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".to_owned());
    format!("{host}-{}", std::process::id())
}
