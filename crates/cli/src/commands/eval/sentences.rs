//! `backchannel eval sentences`: the English sentence-boundary golden rules.
//!
//! Reads `shared/external/golden-rules-en/golden_rules_en.jsonl` and scores
//! `extract::split_sentences` on its 52 rules (exact list match after collapsing whitespace,
//! as `extract::eval::golden` explains).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Where the data set sits inside the shared directory.
const DATASET: &str = "external/golden-rules-en/golden_rules_en.jsonl";

/// Score sentence splitting on the 52 English golden rules; prints the rules that fail.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval sentences
  backchannel eval sentences --json > sentence-scores.json")]
pub struct SentencesArgs {
    /// Print one JSON object (score and failing rules) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the rules file cannot be found, read or parsed.
pub fn run(args: SentencesArgs) -> anyhow::Result<ExitCode> {
    let path = crate::shared::shared_dir(args.shared.as_deref())?.join(DATASET);
    let text = crate::shared::read(&path)?;
    let report = extract::eval::golden::score_golden_rules(&text)
        .with_context(|| format!("{} is not the golden rules file", path.display()))?;
    let out = if args.json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        let mut s = String::new();
        let _ = writeln!(s, "golden rules: {}/{} exact", report.passed, report.total);
        for f in &report.failures {
            let _ = writeln!(s, "rule {} ({}):", f.id, f.name);
            let _ = writeln!(s, "  expected {:?}", f.expected);
            let _ = writeln!(s, "  got      {:?}", f.got);
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
