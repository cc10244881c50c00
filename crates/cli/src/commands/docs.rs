//! `backchannel docs`: list stored documents.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;
use store::{DocFilter, DocSummary};

use crate::Global;
use crate::commands::parse_day;
use crate::output;

/// List stored documents by date (publication date, else the date read from the text,
/// marked `~`), with source, language and duplicate links.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel docs
  backchannel docs --since 2026-02-06 --until 2026-02-10
  backchannel docs --source 'meridian' --no-duplicates
  backchannel docs --format json | jq '.[].id'")]
pub struct DocsArgs {
    /// Only documents dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<jiff::civil::Date>,
    /// Only documents dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<jiff::civil::Date>,
    /// Only documents whose source contains this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Only documents in this language (ISO 639-3, e.g. `eng`, `fra`).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Leave out duplicates and near-duplicates of other documents.
    #[arg(long)]
    pub no_duplicates: bool,
    /// At most this many rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// `table` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats for lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    Table,
    /// A JSON array.
    Json,
}

/// A document row as JSON.
#[derive(Debug, Serialize)]
pub struct DocRow {
    id: String,
    title: Option<String>,
    source: Option<String>,
    published: Option<String>,
    inferred_date: Option<String>,
    language: Option<String>,
    duplicate_of: Option<String>,
    bytes: u64,
    origin: String,
}

impl From<&DocSummary> for DocRow {
    fn from(d: &DocSummary) -> Self {
        DocRow {
            id: d.id.to_string(),
            title: d.title.clone(),
            source: d.source.clone(),
            published: d.published.map(|x| x.to_string()),
            inferred_date: d.inferred_date.map(|x| x.to_string()),
            language: d.language.clone(),
            duplicate_of: d.duplicate_of.as_ref().map(ToString::to_string),
            bytes: d.bytes,
            origin: d.origin.clone(),
        }
    }
}

/// Runs `docs`.
///
/// # Errors
/// When the database cannot be opened or read.
pub fn run(args: DocsArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open_existing_store(global)?;
    let docs = store.documents(&DocFilter {
        since: args.since,
        until: args.until,
        source: args.source,
        language: args.lang,
        skip_duplicates: args.no_duplicates,
        limit: args.limit,
    })?;
    match args.format {
        ListFormat::Json => {
            let rows: Vec<DocRow> = docs.iter().map(DocRow::from).collect();
            output::out(&(serde_json::to_string_pretty(&rows)? + "\n"))?;
        }
        ListFormat::Table => {
            output::out(&table(&docs))?;
            output::note(global.quiet, &format!("{} documents", docs.len()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The date column: the publication date, or `~date` when only inferred from the text.
pub fn date_cell(d: &DocSummary) -> String {
    match (d.published, d.inferred_date) {
        (Some(p), _) => p.to_string(),
        (None, Some(i)) => format!("~{i}"),
        (None, None) => "-".to_owned(),
    }
}

fn table(docs: &[DocSummary]) -> String {
    let id_width = docs
        .iter()
        .map(|d| d.id.as_str().chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let source_width = docs
        .iter()
        .map(|d| d.source.as_deref().unwrap_or("-").chars().count().min(24))
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<id_width$}  {:<11}  {:<source_width$}  {:<4}  TITLE",
        "ID", "DATE", "SOURCE", "LANG"
    );
    for d in docs {
        let source: String = d
            .source
            .as_deref()
            .unwrap_or("-")
            .chars()
            .take(24)
            .collect();
        let mut title: String = d.title.as_deref().unwrap_or("-").chars().take(70).collect();
        if let Some(of) = &d.duplicate_of {
            title = format!("(duplicate of {of}) {title}");
        }
        let _ = writeln!(
            out,
            "{:<id_width$}  {:<11}  {:<source_width$}  {:<4}  {}",
            d.id.as_str(),
            date_cell(d),
            source,
            d.language.as_deref().unwrap_or("?"),
            title
        );
    }
    out
}
