//! `backchannel eval deu`: forecasting accuracy on DEU III, real EU legislative outcomes.
//!
//! Reads `shared/external/eum/blksv-predictioneers-game/deu3.csv` and scores the Spatial Model
//! of Politics, the expected-utility model and two naive baselines (`forecast::deu` documents
//! the protocol).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

/// Where the data set sits inside the shared directory.
const DATASET: &str = "external/eum/blksv-predictioneers-game/deu3.csv";

/// Score the forecasting models on DEU III (353 EU legislative issues with known outcomes).
///
/// Prints, per method, the median and mean absolute error on the 0–100 scale and the hit rate
/// (share of issues forecast within 10 points of the real outcome).
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval deu
  backchannel eval deu --json > deu-scores.json
  backchannel eval deu --shared ../shared")]
pub struct DeuArgs {
    /// Print one JSON object (scores and every issue's forecasts) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the data set cannot be found, read or parsed.
pub fn run(args: DeuArgs) -> anyhow::Result<ExitCode> {
    let path = crate::shared::shared_dir(args.shared.as_deref())?.join(DATASET);
    let text = crate::shared::read(&path)?;
    let start = Instant::now();
    let data = forecast::parse_deu(&text)
        .with_context(|| format!("{} is not a DEU III table", path.display()))?;
    let eval = forecast::evaluate_deu(&data, 0);
    let secs = start.elapsed().as_secs_f64();
    let out = if args.json {
        serde_json::to_string_pretty(&eval)? + "\n"
    } else {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "DEU III: {} issues ({} skipped), hit = |error| <= {} points, {secs:.1} s",
            eval.issues, eval.skipped, eval.hit_tolerance
        );
        let _ = writeln!(
            s,
            "{:<16} {:>7} {:>11} {:>11} {:>9}",
            "method", "issues", "median |e|", "mean |e|", "hit rate"
        );
        for m in &eval.scores {
            let _ = writeln!(
                s,
                "{:<16} {:>7} {:>11.2} {:>11.2} {:>8.1}%",
                m.method,
                m.issues,
                m.median_abs_error,
                m.mean_abs_error,
                100.0 * m.hit_rate
            );
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
