//! `backchannel eval DATASET`: accuracy figures over the datasets in `../shared/`.

pub mod deu;
pub mod html;
pub mod petrarch;
pub mod plover;
pub mod polnear;
pub mod seeds;
pub mod sentences;
pub mod timex;

use std::process::ExitCode;

/// Score backchannel against a gold dataset in `../shared/`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval html                 # main-text extraction, 181 pages
  backchannel eval sentences            # golden rules
  backchannel eval timex                # TempEval-3 platinum
  backchannel eval timex --set train --errors 20
  backchannel eval polnear              # quotes, PolNeAR dev
  backchannel eval seeds                # the whole record on the seed articles
  backchannel eval petrarch-unit        # event coding, PETRARCH unit tests
  backchannel eval plover-gsr           # PLOVER gold records
  backchannel eval deu                  # forecasts on DEU III
  backchannel eval html --json > html-scores.json")]
pub struct EvalArgs {
    /// The dataset to score against.
    #[command(subcommand)]
    pub dataset: Dataset,
}

/// The datasets `eval` knows.
#[derive(Debug, clap::Subcommand)]
pub enum Dataset {
    /// Forecasting accuracy on DEU III (EU legislative outcomes).
    Deu(deu::DeuArgs),
    /// HTML main-text extraction on the article-extraction-benchmark.
    Html(html::HtmlArgs),
    /// TempEval-3 time expressions (platinum test set, or train for study).
    Timex(timex::TimexArgs),
    /// Sentence-boundary golden rules (English, 52 rules).
    Sentences(sentences::SentencesArgs),
    /// Quotes and speakers on PolNeAR (political news) and the seed articles.
    Polnear(polnear::PolnearArgs),
    /// The whole extraction record on hand-annotated articles (the seeds, or your own).
    Seeds(seeds::SeedsArgs),
    /// PLOVER/CAMEO event coding on the PETRARCH unit tests.
    PetrarchUnit(petrarch::PetrarchArgs),
    /// PLOVER event types on the PLOVER gold-standard records.
    PloverGsr(plover::PloverArgs),
}

/// Runs the chosen evaluation.
///
/// # Errors
/// Fails when the dataset cannot be found or read.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.dataset {
        Dataset::Deu(args) => deu::run(args),
        Dataset::Html(args) => html::run(args),
        Dataset::Timex(args) => timex::run(args),
        Dataset::Sentences(args) => sentences::run(args),
        Dataset::Polnear(args) => polnear::run(args),
        Dataset::Seeds(args) => seeds::run(args),
        Dataset::PetrarchUnit(args) => petrarch::run(args),
        Dataset::PloverGsr(args) => plover::run(args),
    }
}
