//! The `backchannel` command-line tool: argument parsing, progress, exit codes.
//!
//! Only this crate prints or exits. Each subcommand lives in `commands/`, with its
//! arguments (the doc comments are the help text) and a `run` function returning the exit
//! status.

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// mimalloc: the extraction stage allocates many short-lived vectors and strings per
/// document from several threads; measured faster than the system allocator (`bench extract`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod commands;
mod output;
mod shared;

/// Turn news coverage of a negotiation into a source-linked record of who did or said what to
/// whom and when, where each party stands, and where the bargaining is heading.
#[derive(Debug, Parser)]
#[command(name = "backchannel", version, propagate_version = true)]
#[command(after_long_help = "Examples:
  backchannel ingest examples/muscat
  backchannel docs --since 2026-02-06
  backchannel search \"indirect talks\"

Exit codes:
  0  all done
  1  done, but some inputs were rejected (each is named on stderr)
  2  could not do the job (usage, configuration, database, internal error)")]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Database: a SQLite file path, or a `postgres://` URL for a shared PostgreSQL database.
    /// Default: `$BACKCHANNEL_DB`, else `$DATABASE_URL`, else `backchannel.db`.
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// No progress bars or summaries on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles (files, directories, globs, feeds, URLs, stdin) into the database.
    Ingest(commands::ingest::IngestArgs),
    /// Write the analyst's brief (Markdown, HTML or JSON) from the database.
    Brief(commands::brief::BriefArgs),
    /// Extract actors, times and quotes from articles, without a database.
    Extract(commands::extract::ExtractArgs),
    /// List stored documents.
    Docs(commands::docs::DocsArgs),
    /// Draft a dossier (parties, mediators, issues) from a corpus, or check one.
    Dossier(commands::dossier::DossierArgs),
    /// Full-text search over stored documents.
    Search(commands::search::SearchArgs),
    /// Forecast a negotiation's outcome from a scenario (KTAB CSV/XML or TOML) or from the
    /// stored record (--dossier).
    Forecast(commands::forecast::ForecastArgs),
    /// Score extraction against gold datasets in ../shared/.
    Eval(commands::eval::EvalArgs),
    /// Measure throughput.
    Bench(commands::bench::BenchArgs),
    /// Serve the JSON API and the live dashboard over the database.
    Serve(commands::serve::ServeArgs),
    /// Process queued documents (from `ingest --enqueue`) from a shared database.
    Worker(commands::worker::WorkerArgs),
    /// Show the work queue: pending, leased, done, failed, throughput, failure reasons.
    Status(commands::status::StatusArgs),
    /// Put failed (and with --stale, outdated) documents back on the work queue.
    Retry(commands::retry::RetryArgs),
    /// Re-analyse stored documents whose records come from an older extractor version.
    Reprocess(commands::retry::ReprocessArgs),
    /// Export events, actors, positions, quotes, times or documents (JSONL, CSV, Parquet,
    /// Phoenix, PLOVER).
    Export(commands::export::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = cli.global;
    let result = match cli.command {
        Command::Ingest(args) => commands::ingest::run(args, &global),
        Command::Brief(args) => commands::brief::run(args, &global),
        Command::Extract(args) => commands::extract::run(args, &global),
        Command::Docs(args) => commands::docs::run(args, &global),
        Command::Dossier(args) => commands::dossier::run(args, &global),
        Command::Search(args) => commands::search::run(args, &global),
        Command::Forecast(args) => commands::forecast::run(args, &global),
        Command::Eval(args) => commands::eval::run(args),
        Command::Bench(args) => commands::bench::run(args, &global),
        Command::Serve(args) => commands::serve::run(args, &global),
        Command::Worker(args) => commands::worker::run(args, &global),
        Command::Status(args) => commands::status::run(args, &global),
        Command::Retry(args) => commands::retry::run(args, &global),
        Command::Reprocess(args) => commands::retry::reprocess(args, &global),
        Command::Export(args) => commands::export::run(args, &global),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => output::report(&err),
    }
}
