//! `backchannel brief`: the analyst's brief from the stored record.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use store::DocFilter;

use crate::Global;
use crate::commands::parse_day;
use crate::output;

/// Write the analyst's brief: headline, where each party stands on each issue (cited), what
/// changed, where the sources disagree (both sides cited, with how many distinct stories back
/// each), what's next, and who's who. Reads the database filled by `ingest`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel ingest examples/muscat
  backchannel brief --dossier examples/muscat/dossier.toml
  backchannel brief --dossier dossier.toml --since 2026-02-10 -o brief.md
  backchannel brief --format json | jq '.contradictions'

Without --dossier, a dossier is proposed from the corpus (parties, mediator, recurring
issues); save it with `backchannel brief --propose > dossier.toml` and edit it.")]
pub struct BriefArgs {
    /// The negotiation to follow (`dossier.toml`: parties, mediators, issues and scales).
    #[arg(long, value_name = "FILE")]
    pub dossier: Option<PathBuf>,
    /// Only documents dated on or after this day.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<jiff::civil::Date>,
    /// `md` (Markdown) for people, `json` (SPEC §5) for programs.
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the dossier proposed from the corpus (TOML) and stop.
    #[arg(long)]
    pub propose: bool,
}

/// Brief formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// Runs `brief`.
///
/// # Errors
/// When the database or dossier cannot be read.
pub fn run(args: BriefArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open_existing_store(global)?;
    let filter = DocFilter {
        since: args.since,
        ..DocFilter::default()
    };
    let summaries = store.documents(&filter)?;
    // Documents and their records, index for index.
    let mut documents = Vec::new();
    let mut records = Vec::new();
    let mut missing = 0;
    for summary in &summaries {
        let (Some(document), Some(record)) =
            (store.document(&summary.id)?, store.record(&summary.id)?)
        else {
            missing += 1;
            continue;
        };
        if document.is_english() {
            documents.push(document);
            records.push(record);
        }
    }
    if missing > 0 {
        output::warning(
            global.quiet,
            &format!(
                "{missing} documents have no extraction record yet; run `backchannel ingest` on them again"
            ),
        );
    }
    if documents.is_empty() {
        anyhow::bail!(
            "no analysed documents in the database\nhint: run `backchannel ingest PATH…` first"
        );
    }
    let dossier = match &args.dossier {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the dossier", path.display()))?;
            dossier::Dossier::parse(&text).map_err(|err| {
                anyhow::anyhow!(
                    "{}: {err}\nhint: see examples/muscat/dossier.toml for the format",
                    path.display()
                )
            })?
        }
        None => {
            let proposed = dossier::propose(&records, &documents);
            if !args.propose {
                output::note(
                    global.quiet,
                    "no --dossier given: using a dossier proposed from the corpus (see --propose)",
                );
            }
            proposed
        }
    };
    if args.propose {
        output::out(&dossier.to_toml())?;
        return Ok(ExitCode::SUCCESS);
    }
    let inputs: Vec<dossier::Input<'_>> = documents
        .iter()
        .zip(&records)
        .map(|(document, record)| dossier::Input { document, record })
        .collect();
    let analysis = dossier::Analyzer::new(&dossier).analyze(&inputs);
    let sources: Vec<brief::Source<'_>> = documents
        .iter()
        .zip(&records)
        .map(|(document, record)| brief::Source { document, record })
        .collect();
    let text = match args.format {
        BriefFormat::Md => brief::to_markdown(&dossier, &analysis, &sources),
        BriefFormat::Json => {
            serde_json::to_string_pretty(&brief::to_json(&analysis, &sources))? + "\n"
        }
    };
    match &args.output {
        Some(path) => {
            let tmp = path.with_extension("tmp");
            std::fs::write(&tmp, &text)
                .and_then(|()| std::fs::rename(&tmp, path))
                .with_context(|| format!("{}: cannot write the brief", path.display()))?;
            output::note(global.quiet, &format!("wrote {}", path.display()));
        }
        None => output::out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
