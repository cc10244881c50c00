//! `backchannel dossier`: draft a dossier from a corpus, or check one.

use std::path::PathBuf;
use std::process::ExitCode;

use extract::Pipeline;

use crate::Global;
use crate::commands::ingest::{Item, job_count, parse_in_parallel};
use crate::output;

/// Draft or check the dossier (`dossier.toml`): the parties, mediators and issues of the
/// negotiation you follow.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel dossier propose news/ > dossier.toml      # from articles, no database needed
  backchannel dossier propose > dossier.toml            # from the database
  backchannel dossier check dossier.toml")]
pub struct DossierArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// `dossier` actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print a dossier drafted from a corpus (most active pair of parties, the mediator,
    /// recurring issue terms) for you to edit.
    Propose(ProposeArgs),
    /// Check a dossier file and say what is wrong, with line and field.
    Check(CheckArgs),
}

/// Arguments of `dossier propose`.
#[derive(Debug, clap::Args)]
pub struct ProposeArgs {
    /// Articles (files, directories, globs) to read; without any, the documents in the
    /// database (`--db`).
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Worker threads for reading articles (default: every core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Arguments of `dossier check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dossier file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Runs `dossier`.
///
/// # Errors
/// When the articles, the database or the dossier cannot be read.
pub fn run(args: DossierArgs, global: &Global) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Propose(args) => propose(args, global),
        Action::Check(args) => {
            let dossier = corpus::read_dossier(&args.file)?;
            output::note(
                global.quiet,
                &format!(
                    "{}: valid — {} parties, {} mediators, {} issues ({} with a scale)",
                    args.file.display(),
                    dossier.parties.len(),
                    dossier.mediators.len(),
                    dossier.issues.len(),
                    dossier.issues.iter().filter(|i| i.scale.is_some()).count()
                ),
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn propose(args: ProposeArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let (documents, records) = if args.inputs.is_empty() {
        let store = crate::commands::open_existing_store(global)?;
        let corpus = crate::commands::brief::load_corpus(store.as_ref(), None, global)?;
        (corpus.documents, corpus.records)
    } else {
        read_paths(&args.inputs, args.jobs, global)?
    };
    let dossier = dossier::propose(&records, &documents);
    output::out(&dossier.to_toml())?;
    output::note(
        global.quiet,
        &format!(
            "proposed from {} documents: edit the parties, issues and scales, then pass it with --dossier",
            documents.len()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads and analyses the English articles under `paths` without a database (files, folders,
/// globs, as `ingest` takes them): the documents and their records, in input order. Problems
/// are reported on stderr and skipped.
///
/// # Errors
/// When no English article could be read.
pub(crate) fn read_paths(
    paths: &[PathBuf],
    jobs: Option<usize>,
    global: &Global,
) -> anyhow::Result<(Vec<model::Document>, Vec<model::record::Record>)> {
    let (inputs, problems) = ingest::walk::expand(paths);
    for problem in &problems {
        output::problem(&problem.to_string());
    }
    let items: Vec<Item> = inputs.into_iter().map(Item::from).collect();
    let pipeline = Pipeline::new();
    let bar = output::progress(global.quiet, items.len() as u64, "reading");
    let mut documents = Vec::new();
    let mut records = Vec::new();
    parse_in_parallel(&items, job_count(jobs), Some(&pipeline), |_, parsed| {
        for problem in &parsed.problems {
            output::problem(problem);
        }
        for (prepared, record) in parsed.prepared {
            if let Some(record) = record
                && prepared.doc.is_english()
            {
                documents.push(prepared.doc);
                records.push(record);
            }
        }
        bar.inc(1);
        Ok(())
    })?;
    bar.finish_and_clear();
    if documents.is_empty() {
        anyhow::bail!(
            "no English article could be read from the paths given\nhint: pass files or folders of .txt, .md, .html, .jsonl or feeds"
        );
    }
    Ok((documents, records))
}
