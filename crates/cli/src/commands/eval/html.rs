//! `backchannel eval html`: main-text extraction scored on the article-extraction-benchmark.
//!
//! Reads the 181 gzip'ed pages and `ground-truth.json` from
//! `shared/external/article-extraction-benchmark`, runs `html::extract` on each page (a page
//! that fails counts as an empty prediction) and scores the texts with `html::score`, which
//! follows the benchmark's published protocol.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

/// Where the benchmark sits inside the shared directory.
const DATASET: &str = "external/article-extraction-benchmark";
/// Bootstrap resamples for the ± figures, as upstream.
const RESAMPLES: usize = 1000;
/// Fixed bootstrap seed, so the ± figures repeat from run to run.
const SEED: u64 = 20_191_101;
/// How many of the worst pages to name on stderr.
const WORST: usize = 5;

/// Score HTML main-text extraction on the article-extraction-benchmark (181 news pages).
///
/// Prints F1, precision, recall and exact-match accuracy with bootstrap standard deviations,
/// and the extraction time per page; the five worst pages go to stderr.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval html
  backchannel eval html --json
  backchannel eval html --out predictions.json --shared ../shared")]
pub struct HtmlArgs {
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Also write the predicted texts to FILE, in the benchmark's own JSON format
    /// (`{"<id>": {"articleBody": "..."}}`).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// One page's outcome.
struct Page {
    id: String,
    text: String,
    error: Option<String>,
    score: html::score::PageScore,
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the benchmark files cannot be found or read, or `--out` cannot be written.
pub fn run(args: HtmlArgs) -> anyhow::Result<ExitCode> {
    let dir = crate::shared::shared_dir(args.shared.as_deref())?.join(DATASET);
    let gold_path = dir.join("ground-truth.json");
    let gold_bytes = std::fs::read(&gold_path)
        .with_context(|| format!("could not read {}", gold_path.display()))?;
    let gold: Map<String, Value> = serde_json::from_slice(&gold_bytes)
        .with_context(|| format!("{} is not a JSON object of pages", gold_path.display()))?;
    if gold.is_empty() {
        bail!(
            "{} lists no pages\nhint: restore it from the benchmark",
            gold_path.display()
        );
    }
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();

    let bar = crate::output::progress(false, ids.len() as u64, "pages");

    let mut pages = Vec::with_capacity(ids.len());
    let mut extracting = Duration::ZERO;
    for id in ids {
        let item = &gold[id];
        let page_path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&page_path)
            .with_context(|| format!("could not read {}", page_path.display()))?;
        let mut bytes = Vec::with_capacity(gz.len() * 6);
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .with_context(|| format!("{} is not valid gzip", page_path.display()))?;
        let url = item.get("url").and_then(Value::as_str);
        let start = Instant::now();
        let result = html::extract(&bytes, url);
        extracting += start.elapsed();
        let (text, error) = match result {
            Ok(article) => (article.text, None),
            Err(err) => (String::new(), Some(err.to_string())),
        };
        let gold_text = item
            .get("articleBody")
            .and_then(Value::as_str)
            .unwrap_or("");
        let score = html::score::compare(gold_text, &text);
        pages.push(Page {
            id: id.clone(),
            text,
            error,
            score,
        });
        bar.inc(1);
    }
    bar.finish_and_clear();

    let scores: Vec<html::score::PageScore> = pages.iter().map(|p| p.score).collect();
    let summary = html::score::summarize(&scores, RESAMPLES, SEED);
    let ms_per_page = extracting.as_secs_f64() * 1000.0 / pages.len() as f64;
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let failures: Vec<&Page> = pages.iter().filter(|p| p.error.is_some()).collect();

    if let Some(out) = &args.out {
        let predictions: Map<String, Value> = pages
            .iter()
            .map(|p| (p.id.clone(), json!({ "articleBody": p.text })))
            .collect();
        let body = serde_json::to_string_pretty(&predictions)?;
        std::fs::write(out, body).with_context(|| format!("could not write {}", out.display()))?;
    }

    for page in &failures {
        let why = page.error.as_deref().unwrap_or("");
        crate::output::warning(
            false,
            &format!("{}: no text (scored as empty): {why}", page.id),
        );
    }
    let mut worst: Vec<&Page> = pages.iter().collect();
    worst.sort_by(|a, b| {
        a.score
            .f1()
            .total_cmp(&b.score.f1())
            .then_with(|| a.id.cmp(&b.id))
    });
    crate::output::note(false, "worst pages by F1:");
    let show = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"));
    for page in worst.iter().take(WORST) {
        let line = format!(
            "  {}  F1 {:.3}  P {}  R {}",
            page.id,
            page.score.f1(),
            show(page.score.precision),
            show(page.score.recall)
        );
        crate::output::note(false, &line);
    }

    let figure = |f: html::score::Figure| json!({ "value": f.value, "sd": f.sd });
    let report = if args.json {
        let report = json!({
            "dataset": "article-extraction-benchmark",
            "pages": summary.pages,
            "pages_without_text": failures.len(),
            "f1": figure(summary.f1),
            "precision": figure(summary.precision),
            "recall": figure(summary.recall),
            "accuracy": figure(summary.accuracy),
            "bootstrap_resamples": RESAMPLES,
            "ms_per_page": ms_per_page,
            "build": build,
        });
        format!("{report}\n")
    } else {
        let line = |name: &str, f: html::score::Figure| {
            format!("{name:<10}{:.3} ± {:.3}\n", f.value, f.sd)
        };
        format!(
            "article-extraction-benchmark: {} pages ({} without text)\n{}{}{}{}speed     {ms_per_page:.1} ms/page ({build} build)\n",
            summary.pages,
            failures.len(),
            line("F1", summary.f1),
            line("precision", summary.precision),
            line("recall", summary.recall),
            line("accuracy", summary.accuracy),
        )
    };
    // A closed pipe (`| head`) is handled by `main` as a quiet success.
    crate::output::out(&report)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::HtmlArgs;

    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: HtmlArgs,
    }

    #[test]
    fn flags_parse() {
        let w = Wrapper::try_parse_from(["x", "--json", "--shared", "/s", "--out", "p.json"])
            .expect("valid flags");
        assert!(w.args.json);
        assert_eq!(w.args.shared.as_deref(), Some(std::path::Path::new("/s")));
        assert_eq!(w.args.out.as_deref(), Some(std::path::Path::new("p.json")));
        let w = Wrapper::try_parse_from(["x"]).expect("no flags needed");
        assert!(!w.args.json && w.args.shared.is_none() && w.args.out.is_none());
    }
}
