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
/// each), what's next, and who's who. Reads the database filled by `ingest`, or the
/// articles given as paths (analysed in memory, nothing stored).
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel ingest examples/muscat
  backchannel brief --dossier examples/muscat/dossier.toml
  backchannel brief --dossier dossier.toml --since 2026-02-10 -o brief.md
  backchannel brief --dossier dossier.toml --format html -o brief.html
  backchannel brief --format json | jq '.contradictions'
  backchannel brief ../shared/corpus/seeds --dossier ../shared/corpus/seeds-gold/dossier.toml

Without --dossier, a dossier is proposed from the corpus (parties, mediator, recurring
issues); save it with `backchannel brief --propose > dossier.toml` and edit it.")]
pub struct BriefArgs {
    /// Articles to brief on (files, folders, globs, as `ingest` takes them), analysed in
    /// memory without a database. Default: the documents in the database.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
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
    /// Leave out the forecast section.
    #[arg(long)]
    pub no_forecast: bool,
    /// Monte Carlo runs of the forecast (0: the model's point forecast only).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub forecast_runs: usize,
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
    let corpus = if args.inputs.is_empty() {
        let store = crate::commands::open_existing_store(global)?;
        load_corpus(store.as_ref(), args.since, global)?
    } else {
        let (documents, records) =
            crate::commands::dossier::read_paths(&args.inputs, None, global)?;
        let keep: Vec<bool> = documents
            .iter()
            .map(|d| {
                args.since.is_none_or(|since| {
                    d.published.or(d.inferred_date).is_none_or(|at| at >= since)
                })
            })
            .collect();
        let mut keep_record = keep.iter();
        Corpus {
            documents: documents
                .into_iter()
                .zip(&keep)
                .filter_map(|(d, k)| k.then_some(d))
                .collect(),
            records: records
                .into_iter()
                .filter(|_| keep_record.next().copied().unwrap_or(false))
                .collect(),
            missing_records: 0,
        }
    };
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
    let forecast = (!args.no_forecast).then(|| {
        let settings = dossier::ForecastSettings {
            monte_carlo: forecast::MonteCarloConfig {
                runs: args.forecast_runs,
                ..forecast::MonteCarloConfig::default()
            },
            svg: args.format == BriefFormat::Html,
            ..dossier::ForecastSettings::default()
        };
        corpus.forecast(&dossier, &analysis, &settings)
    });
    let mut report = brief::Brief::new(&dossier, &analysis, &sources);
    if let Some(f) = &forecast {
        report = report.with_forecast(f);
    }
    let text = match args.format {
        BriefFormat::Md => report.markdown(),
        BriefFormat::Html => report.html(),
        BriefFormat::Json => serde_json::to_string_pretty(&report.json())? + "\n",
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

/// Loads the analysed corpus, warning (unless quiet) about documents without a record.
///
/// # Errors
/// When the database cannot be read or holds no analysed document.
pub(crate) fn load_corpus(
    store: &dyn store::Store,
    since: Option<jiff::civil::Date>,
    global: &Global,
) -> anyhow::Result<Corpus> {
    let corpus = Corpus::load(store, since)?;
    if corpus.missing_records > 0 {
        output::warning(
            global.quiet,
            &format!(
                "{} documents have no extraction record yet; run `backchannel ingest` on them again",
                corpus.missing_records
            ),
        );
    }
    Ok(corpus)
}
