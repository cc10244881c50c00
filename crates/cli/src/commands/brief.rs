//! `backchannel brief`: the analyst's brief from the stored record.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use corpus::Corpus;

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
  backchannel brief --dossier dossier.toml --format html -o brief.html
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
    /// `md` (Markdown) or `html` (one self-contained page) for people, `json` (SPEC §5) for
    /// programs.
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
    /// One self-contained HTML page (no network needed to view it).
    Html,
    /// JSON.
    Json,
}

/// Runs `brief`.
///
/// # Errors
/// When the database or dossier cannot be read.
pub fn run(args: BriefArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open_existing_store(global)?;
    let corpus = Corpus::load(store.as_ref(), args.since)?;
    if corpus.missing_records > 0 {
        output::warning(
            global.quiet,
            &format!(
                "{} documents have no extraction record yet; run `backchannel ingest` on them again",
                corpus.missing_records
            ),
        );
    }
    if args.dossier.is_none() && !args.propose {
        output::note(
            global.quiet,
            "no --dossier given: using a dossier proposed from the corpus (see --propose)",
        );
    }
    let dossier = corpus.dossier(args.dossier.as_deref())?;
    if args.propose {
        output::out(&dossier.to_toml())?;
        return Ok(ExitCode::SUCCESS);
    }
    let analysis = corpus.analyze(&dossier);
    let sources = corpus.sources();
    let text = match args.format {
        BriefFormat::Md => brief::to_markdown(&dossier, &analysis, &sources),
        BriefFormat::Html => brief::to_html(&dossier, &analysis, &sources),
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
