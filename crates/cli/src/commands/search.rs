//! `backchannel search`: ranked full-text search with snippets.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use crate::Global;
use crate::commands::docs::{DocRow, ListFormat, date_cell};
use crate::output;

/// Search titles and texts. Words are all required; put a phrase in double quotes; end a
/// word with `*` to match its prefix. Results are ranked (BM25, titles weigh more) and shown
/// with a snippet, matched words in [brackets].
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel search oman mediation
  backchannel search '\"indirect talks\"' --limit 5
  backchannel search 'enrich*' --format json")]
pub struct SearchArgs {
    /// What to look for.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Most results shown.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: u32,
    /// `table` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Serialize)]
struct HitRow {
    #[serde(flatten)]
    doc: DocRow,
    score: f64,
    snippet: String,
}

/// Runs `search`.
///
/// # Errors
/// When the database cannot be opened or read.
pub fn run(args: SearchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open_existing_store(global)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    match args.format {
        ListFormat::Json => {
            let rows: Vec<HitRow> = hits
                .iter()
                .map(|h| HitRow {
                    doc: DocRow::from(&h.summary),
                    score: (h.score * 1000.0).round() / 1000.0,
                    snippet: h.snippet.clone(),
                })
                .collect();
            output::out(&(serde_json::to_string_pretty(&rows)? + "\n"))?;
        }
        ListFormat::Table => {
            let mut out = String::new();
            for (rank, hit) in hits.iter().enumerate() {
                let d = &hit.summary;
                let _ = writeln!(
                    out,
                    "{}. {}  {}  {}  (score {:.2})\n   {}\n   {}\n",
                    rank + 1,
                    d.id,
                    date_cell(d),
                    d.source.as_deref().unwrap_or("-"),
                    hit.score,
                    d.title.as_deref().unwrap_or("-"),
                    hit.snippet.trim()
                );
            }
            output::out(&out)?;
            output::note(
                global.quiet,
                &format!(
                    "{} result{}",
                    hits.len(),
                    if hits.len() == 1 { "" } else { "s" }
                ),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
