//! `backchannel eval DATASET`: accuracy figures over the datasets in `../shared/`.

use std::process::ExitCode;

/// Score backchannel against a gold dataset in `../shared/`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval html
  backchannel eval html --json > html-scores.json")]
pub struct EvalArgs {
    /// The dataset to score against.
    #[command(subcommand)]
    pub dataset: Dataset,
}

/// The datasets `eval` knows.
#[derive(Debug, clap::Subcommand)]
pub enum Dataset {}

/// Runs the chosen evaluation.
///
/// # Errors
/// Fails when the dataset cannot be found or read.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.dataset {}
}
