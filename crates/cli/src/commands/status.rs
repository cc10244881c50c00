//! `backchannel status`: the work queue at a glance.

use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;

use crate::Global;
use crate::commands::ingest::SummaryFormat;
use crate::output;

/// Show the work queue: documents pending, leased (being processed), done and failed,
/// throughput over the last minutes, the most frequent failure reasons, and which workers
/// hold documents right now.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel status
  backchannel --db postgres://news@db.example/bc status --window 15
  backchannel status --format json

Exit codes: 0 shown; 2 the database could not be read.")]
pub struct StatusArgs {
    /// Minutes of recent completions used for the throughput figure.
    #[arg(long, default_value_t = 5.0, value_name = "MINUTES")]
    pub window: f64,
    /// `text` for people, `json` for programs (on stdout).
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Serialize)]
struct Failure {
    reason: String,
    count: u64,
}

#[derive(Debug, Serialize)]
struct Worker {
    worker: String,
    leased: u64,
}

#[derive(Debug, Serialize)]
struct Report {
    pending: u64,
    leased: u64,
    expired: u64,
    done: u64,
    failed: u64,
    completed_twice: u64,
    window_minutes: f64,
    recent_done: u64,
    documents_per_second: f64,
    failures: Vec<Failure>,
    workers: Vec<Worker>,
}

/// Runs `status`.
///
/// # Errors
/// When the database cannot be opened or read.
pub fn run(args: StatusArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if !(args.window.is_finite() && args.window > 0.0) {
        anyhow::bail!("--window must be a positive number of minutes");
    }
    let store = crate::commands::open_existing_store(global)?;
    let status = store.queue_status(Duration::from_secs_f64(args.window * 60.0))?;
    let report = Report {
        pending: status.pending,
        leased: status.leased,
        expired: status.expired,
        done: status.done,
        failed: status.failed,
        completed_twice: status.completed_twice,
        window_minutes: args.window,
        recent_done: status.recent_done,
        documents_per_second: status.throughput(),
        failures: status
            .failures
            .iter()
            .map(|f| Failure {
                reason: f.reason.clone(),
                count: f.count,
            })
            .collect(),
        workers: status
            .workers
            .iter()
            .map(|w| Worker {
                worker: w.worker.clone(),
                leased: w.leased,
            })
            .collect(),
    };
    match args.format {
        SummaryFormat::Json => output::out(&(serde_json::to_string_pretty(&report)? + "\n"))?,
        SummaryFormat::Text => output::out(&text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn text(r: &Report) -> String {
    let mut out = format!(
        "queue: {} pending, {} leased, {} expired, {} done, {} failed\n",
        r.pending, r.leased, r.expired, r.done, r.failed
    );
    out.push_str(&format!(
        "throughput: {:.1} documents/s ({} done in the last {} min)\n",
        r.documents_per_second, r.recent_done, r.window_minutes
    ));
    if r.workers.is_empty() {
        out.push_str("workers: none holding documents\n");
    } else {
        let names: Vec<String> = r
            .workers
            .iter()
            .map(|w| format!("{} ({})", w.worker, w.leased))
            .collect();
        out.push_str(&format!("workers: {}\n", names.join(", ")));
    }
    if r.completed_twice > 0 {
        out.push_str(&format!(
            "warning: {} document(s) were committed twice (a bug; please report it)\n",
            r.completed_twice
        ));
    }
    if r.expired > 0 {
        out.push_str(
            "note: expired leases belong to workers that stopped; running workers take them over\n",
        );
    }
    if !r.failures.is_empty() {
        out.push_str("failures:\n");
        for f in &r.failures {
            out.push_str(&format!("  {:>6}  {}\n", f.count, f.reason));
        }
        out.push_str("hint: `backchannel retry` puts failed documents back on the queue\n");
    }
    out
}
