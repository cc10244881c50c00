//! `backchannel eval timex`: TempEval-3 scores for time expressions.
//!
//! Reads the TimeML files of `shared/external/tempeval3-platinum` (the measured test set) or
//! `shared/external/tempeval3-train` (TimeBank + AQUAINT, for study), runs sentence splitting
//! and time extraction on each document's text, and scores them as the task defines
//! (`extract::eval::tempeval` documents the protocol).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use extract::TimeExtractor;
use extract::eval::tempeval::{self, TimexCounts, TimexMistake};

/// Which TempEval-3 corpus to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimexSet {
    /// The platinum test set (20 documents, 138 expressions): the reported figure.
    Platinum,
    /// The training corpus (256 documents, 1,822 expressions): for study and tuning.
    Train,
}

/// Score time-expression extraction on TempEval-3 (strict/relaxed span F1, value F1, type
/// accuracy).
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval timex
  backchannel eval timex --set train --errors 40
  backchannel eval timex --json > timex-scores.json")]
pub struct TimexArgs {
    /// The corpus to score.
    #[arg(long, value_enum, default_value_t = TimexSet::Platinum)]
    pub set: TimexSet,
    /// Print one JSON object (counts and scores) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Also print the first N mistakes (train set only: platinum is never studied).
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("could not list {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the corpus cannot be found, read or parsed, or when `--errors` is asked for
/// the platinum set.
pub fn run(args: TimexArgs) -> anyhow::Result<ExitCode> {
    if args.errors.is_some() && args.set == TimexSet::Platinum {
        bail!(
            "--errors is only for the train set\nhint: platinum is the measured test set; study mistakes with --set train"
        );
    }
    let shared = crate::shared::shared_dir(args.shared.as_deref())?;
    let mut files = Vec::new();
    let name = match args.set {
        TimexSet::Platinum => {
            tml_files(&shared.join("external/tempeval3-platinum"), &mut files)?;
            "platinum"
        }
        TimexSet::Train => {
            let base = shared.join("external/tempeval3-train");
            tml_files(&base.join("TimeBank"), &mut files)?;
            tml_files(&base.join("AQUAINT"), &mut files)?;
            "train"
        }
    };
    files.sort();
    if files.is_empty() {
        bail!(
            "no .tml files found for the {name} set under {}",
            shared.display()
        );
    }
    let start = Instant::now();
    let extractor = TimeExtractor::new();
    let mut counts = TimexCounts::default();
    let mut mistakes: Vec<(String, TimexMistake)> = Vec::new();
    for path in &files {
        let xml = crate::shared::read(path)?;
        let doc = tempeval::parse_timeml(&path.display().to_string(), &xml)?;
        let (c, m) = tempeval::evaluate_document(&extractor, &doc);
        counts += c;
        if args.errors.is_some() {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            mistakes.extend(m.into_iter().map(|m| (stem.clone(), m)));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let scores = counts.scores();
    let shown = args.errors.unwrap_or(0).min(mistakes.len());
    let out = if args.json {
        let value = serde_json::json!({
            "set": name,
            "documents": files.len(),
            "counts": counts,
            "scores": scores,
            "seconds": secs,
            "mistakes": mistakes[..shown]
                .iter()
                .map(|(doc, m)| serde_json::json!({"doc": doc, "mistake": m}))
                .collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "TempEval-3 {name}: {} documents, {} gold and {} predicted expressions, {secs:.2} s",
            files.len(),
            counts.gold,
            counts.predicted
        );
        let _ = writeln!(s, "{:<10} {:>9} {:>9} {:>9}", "", "P", "R", "F1");
        let _ = writeln!(
            s,
            "{:<10} {:>9.4} {:>9.4} {:>9.4}",
            "strict", scores.strict_precision, scores.strict_recall, scores.strict_f1
        );
        let _ = writeln!(
            s,
            "{:<10} {:>9.4} {:>9.4} {:>9.4}",
            "relaxed", scores.relaxed_precision, scores.relaxed_recall, scores.relaxed_f1
        );
        let _ = writeln!(
            s,
            "value F1 {:.4} (accuracy {:.4} on relaxed matches)",
            scores.value_f1, scores.value_accuracy
        );
        let _ = writeln!(
            s,
            "type  F1 {:.4} (accuracy {:.4} on relaxed matches)",
            scores.type_f1, scores.type_accuracy
        );
        for (doc, m) in &mistakes[..shown] {
            let line = match m {
                TimexMistake::Missed { text, kind, value } => {
                    format!("missed     {text:?} {kind} {value}")
                }
                TimexMistake::Spurious { text, value } => format!("spurious   {text:?} {value}"),
                TimexMistake::Different {
                    gold_text,
                    text,
                    gold,
                    predicted,
                } => format!(
                    "different  gold {gold_text:?} {} {} / got {text:?} {} {}",
                    gold.0, gold.1, predicted.0, predicted.1
                ),
            };
            let _ = writeln!(s, "{doc}: {line}");
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_refused_on_platinum() {
        let args = TimexArgs {
            set: TimexSet::Platinum,
            json: false,
            shared: None,
            errors: Some(5),
        };
        let err = run(args).expect_err("platinum mistakes are never shown");
        assert!(
            err.to_string()
                .starts_with("--errors is only for the train set")
        );
    }
}
