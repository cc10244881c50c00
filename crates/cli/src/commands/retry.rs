//! `backchannel retry` and `backchannel reprocess`: putting documents back on the queue.

use std::process::ExitCode;

use extract::Pipeline;

use crate::Global;
use crate::commands::worker::{self, WorkerArgs};
use crate::output;

/// Put failed documents back on the work queue (with a fresh attempt count), and with
/// `--stale` also every document whose record is missing or was made by another extractor
/// version. Workers then process them.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel retry
  backchannel retry --stale
  backchannel retry --stale --no-failed

Exit codes: 0 done; 2 the database could not be used.")]
pub struct RetryArgs {
    /// Also queue documents whose record is missing or older than this build's extractor.
    #[arg(long)]
    pub stale: bool,
    /// Leave failed documents alone (with `--stale`).
    #[arg(long, requires = "stale")]
    pub no_failed: bool,
}

/// Runs `retry`.
///
/// # Errors
/// When the database cannot be opened or written.
pub fn run(args: RetryArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut store = crate::commands::open_existing_store(global)?;
    if !args.no_failed {
        let failed = store.retry_failed()?;
        output::note(
            global.quiet,
            &format!("re-queued {failed} failed document(s)"),
        );
    }
    if args.stale {
        let version = Pipeline::new().version().to_owned();
        let stale = store.requeue_stale(&version)?;
        output::note(
            global.quiet,
            &format!("queued {stale} document(s) without a record from extractor {version}"),
        );
    }
    output::note(
        global.quiet,
        "hint: run `backchannel worker` (one or more) to process them",
    );
    Ok(ExitCode::SUCCESS)
}

/// Re-analyse stored documents whose records are missing or were made by an older extractor
/// or dictionary version, in place: they are queued and processed here until none is left.
/// Interrupting it loses nothing; run it again to resume. Other workers may help.
#[derive(Debug, clap::Args)]
pub struct ReprocessArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Runs `reprocess`.
///
/// # Errors
/// When the database cannot be opened or used.
pub fn reprocess(args: ReprocessArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut store = crate::commands::open_existing_store(global)?;
    let version = Pipeline::new().version().to_owned();
    let stale = store.requeue_stale(&version)?;
    drop(store);
    output::note(
        global.quiet,
        &format!("queued {stale} document(s) for extractor {version}"),
    );
    worker::run(
        WorkerArgs {
            batch: 8,
            lease: 300.0,
            max_attempts: 5,
            once: false,
            until_empty: true,
            threads: crate::commands::ingest::job_count(args.jobs),
            poll: 1.0,
            name: None,
            format: crate::commands::ingest::SummaryFormat::Text,
        },
        global,
    )
}
