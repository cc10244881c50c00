//! `backchannel eval polnear`: quotes and speakers scored on PolNeAR and on the seed articles.
//!
//! Reads `shared/external/polnear/{dev,train}.jsonl` at run time (PolNeAR states no licence,
//! so nothing of it is stored in the project), extracts quotes with `quotes::extract_quotes`
//! and scores them with `quotes::eval::polnear`, which agrees figure for figure with the
//! reference scorer `score_polnear.py` beside the data. The seed articles
//! (`shared/corpus/seeds` + `seeds-gold`) are scored too when present.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use quotes::eval::{polnear, seeds};

/// Where the data set sits inside the shared directory.
const DATASET: &str = "external/polnear";

/// Which PolNeAR split to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    /// The 84 development articles: the figures we report.
    Dev,
    /// The 840 training articles: for studying errors (`--errors`).
    Train,
}

impl Split {
    fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Train => "train",
        }
    }
}

/// Score quote extraction (direct and reported speech, speakers) on PolNeAR and the seeds.
///
/// Figures: content-span P/R/F1 at >= 50% overlap and exact (after trimming marks and
/// punctuation), recall and precision for direct and indirect speech, and speaker accuracy, as
/// `shared/external/polnear/README.md` defines them.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval polnear
  backchannel eval polnear --json > polnear-scores.json
  backchannel eval polnear --split train --errors 20
  backchannel eval polnear --write-predictions pred.jsonl
  python3 ../shared/external/polnear/score_polnear.py --gold ../shared/external/polnear/dev.jsonl --pred pred.jsonl")]
pub struct PolnearArgs {
    /// The split to score.
    #[arg(long, value_enum, default_value_t = Split::Dev)]
    pub split: Split,
    /// Print one JSON object (PolNeAR and seed figures) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Print N missed quotes and N wrong speakers (train only: dev is for measuring, not tuning).
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
    /// Write the predictions as extraction records (JSONL) that score_polnear.py reads.
    #[arg(long, value_name = "FILE")]
    pub write_predictions: Option<PathBuf>,
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when `--errors` is asked on dev, or the data cannot be found, read or parsed.
pub fn run(args: PolnearArgs) -> anyhow::Result<ExitCode> {
    if args.errors.is_some() && args.split != Split::Train {
        bail!(
            "--errors is only allowed with --split train\nhint: study errors on train; dev stays unseen so that its figures mean something"
        );
    }
    let shared = crate::shared::shared_dir(args.shared.as_deref())?;
    let path = shared
        .join(DATASET)
        .join(format!("{}.jsonl", args.split.name()));
    let text = crate::shared::read(&path)?;
    let gold = polnear::parse_gold(&text)
        .with_context(|| format!("{} is not a PolNeAR split", path.display()))?;
    let started = std::time::Instant::now();
    let (preds, report, details) = polnear::evaluate(&gold);
    let seconds = started.elapsed().as_secs_f64();
    if let Some(out) = &args.write_predictions {
        let mut lines = String::new();
        for p in &preds {
            lines.push_str(&serde_json::to_string(p)?);
            lines.push('\n');
        }
        std::fs::write(out, lines).with_context(|| format!("could not write {}", out.display()))?;
    }
    let seeds_report = score_seeds(&shared.join("corpus"))?;

    let out = if args.json {
        let value = serde_json::json!({
            "split": args.split.name(),
            "polnear": report,
            "seeds": seeds_report,
            "seconds": seconds,
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        let mut s = String::new();
        let pct =
            |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0));
        let _ = writeln!(
            s,
            "PolNeAR {} ({} articles, {} speech contents, {:.2}s)",
            args.split.name(),
            report.docs,
            report.gold,
            seconds
        );
        let _ = writeln!(
            s,
            "  overlap >= 50%  P {:.3}  R {:.3}  F1 {:.3}",
            report.overlap50.p, report.overlap50.r, report.overlap50.f1
        );
        let _ = writeln!(
            s,
            "  exact span      P {:.3}  R {:.3}  F1 {:.3}",
            report.strict.p, report.strict.r, report.strict.f1
        );
        let _ = writeln!(
            s,
            "  direct          recall {} of {}  precision {} of {}",
            pct(report.direct.recall),
            report.direct.gold,
            pct(report.direct.precision),
            report.direct.pred
        );
        let _ = writeln!(
            s,
            "  indirect        recall {} of {}  precision {} of {}",
            pct(report.indirect.recall),
            report.indirect.gold,
            pct(report.indirect.precision),
            report.indirect.pred
        );
        let sp = &report.speaker;
        let _ = writeln!(
            s,
            "  speaker         {} of {} (direct {}, indirect {}, named {}, pronoun {}, other {})",
            pct(sp.all.acc),
            sp.all.n,
            pct(sp.direct.acc),
            pct(sp.indirect.acc),
            pct(sp.named.acc),
            pct(sp.pronoun.acc),
            pct(sp.other.acc)
        );
        if let Some(r) = &seeds_report {
            let _ = writeln!(
                s,
                "seeds: quote recall {}/{} ({:.1}%), speaker {}/{} ({:.1}%)",
                r.found,
                r.quotes,
                r.recall * 100.0,
                r.speaker_ok,
                r.speaker_n,
                r.speaker_acc * 100.0
            );
        }
        if let Some(n) = args.errors {
            print_misses(&mut s, "missed", &details.missed, &gold, n);
            print_misses(&mut s, "wrong speaker", &details.wrong_speakers, &gold, n);
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Scores the seed articles, or `None` when the corpus is not there.
fn score_seeds(corpus: &Path) -> anyhow::Result<Option<seeds::SeedsReport>> {
    let dir = corpus.join("seeds");
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("could not list {}", dir.display()))?
    {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let gold_path = corpus.join("seeds-gold").join(format!("{id}.json"));
        let Ok(gold) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let text = crate::shared::read(&path)?;
        files.push((id, text, gold));
    }
    files.sort();
    let docs: Vec<seeds::SeedDoc<'_>> = files
        .iter()
        .map(|(id, text, gold)| seeds::SeedDoc {
            id,
            text: seeds::stored_text(text),
            gold,
        })
        .collect();
    Ok(Some(seeds::score_seeds(&docs, &[])?))
}

/// Prints up to `n` errors spread over the list, with their context.
fn print_misses(
    s: &mut String,
    what: &str,
    list: &[polnear::Miss],
    gold: &[polnear::GoldDoc],
    n: usize,
) {
    let _ = writeln!(
        s,
        "\n{what}: {} (showing {})",
        list.len(),
        n.min(list.len())
    );
    let step = (list.len() / n.max(1)).max(1);
    for m in list.iter().step_by(step).take(n) {
        let Some(doc) = gold.get(m.doc_index) else {
            continue;
        };
        let t = doc.text.as_str();
        let snippet = |a: usize, b: usize| t.get(a..b).unwrap_or("").replace('\n', " ");
        let mut lo = m.start.saturating_sub(120);
        while !t.is_char_boundary(lo) {
            lo -= 1;
        }
        let source = m.source.map(|(a, b)| snippet(a, b));
        let _ = writeln!(
            s,
            "- {} [{}] gold source {:?}, predicted {:?}",
            m.doc, m.kind, source, m.predicted_speaker
        );
        let _ = writeln!(
            s,
            "  …{}[[{}]]",
            snippet(lo, m.start),
            snippet(m.start, m.end)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_refused_on_dev() {
        let args = PolnearArgs {
            split: Split::Dev,
            json: false,
            shared: None,
            errors: Some(3),
            write_predictions: None,
        };
        let err = run(args).expect_err("--errors on dev is refused");
        assert!(
            err.to_string()
                .starts_with("--errors is only allowed with --split train"),
            "{err}"
        );
    }
}
