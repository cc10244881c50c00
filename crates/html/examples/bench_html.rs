//! HTML ingest throughput over the article-extraction-benchmark's 181 pages.
//!
//! Run in release: `cargo run --release -p html --example bench_html [SHARED_DIR]`.
//! Decompresses every page first, then times `html::extract` alone over several rounds, and
//! scores the texts so the timing cannot hide a broken extractor. A parse-only pass over the
//! same pages gives the baseline.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("external/article-extraction-benchmark");
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json"))?)?;
    let mut pages = Vec::new();
    for (id, item) in &gold {
        let gz = std::fs::read(dir.join("html").join(format!("{id}.html.gz")))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut bytes)?;
        let url = item["url"].as_str().map(str::to_owned);
        let body = item["articleBody"].as_str().unwrap_or("").to_owned();
        pages.push((bytes, url, body));
    }
    let total_bytes: usize = pages.iter().map(|p| p.0.len()).sum();
    let rounds = 3;
    let mut best = f64::INFINITY;
    let mut scores = Vec::new();
    for _ in 0..rounds {
        scores.clear();
        let start = Instant::now();
        let texts: Vec<String> = pages
            .iter()
            .map(|(bytes, url, _)| {
                html::extract(bytes, url.as_deref())
                    .map(|a| a.text)
                    .unwrap_or_default()
            })
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
        scores.extend(
            pages
                .iter()
                .zip(&texts)
                .map(|((_, _, gold), text)| html::score::compare(gold, text)),
        );
    }
    // Baseline: parsing alone (html5ever through dom_query, the parser the extractor uses).
    let mut parse_best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        let nodes: usize = pages
            .iter()
            .map(|(bytes, _, _)| {
                let doc = dom_query::Document::from(String::from_utf8_lossy(bytes).as_ref());
                doc.select("p").length()
            })
            .sum();
        parse_best = parse_best.min(start.elapsed().as_secs_f64());
        assert!(
            nodes > 1000,
            "only {nodes} <p> elements: the pages did not parse"
        );
    }
    let summary = html::score::summarize(&scores, 0, 1);
    assert!(
        summary.f1.value > 0.9,
        "F1 {:.3}: the extractor is broken",
        summary.f1.value
    );
    println!(
        "{} pages, {:.1} MB of HTML, best of {rounds} rounds: {:.3} s = {:.1} pages/s, {:.2} MB/s, {:.1} ms/page (F1 {:.3})",
        pages.len(),
        total_bytes as f64 / 1e6,
        best,
        pages.len() as f64 / best,
        total_bytes as f64 / 1e6 / best,
        best * 1000.0 / pages.len() as f64,
        summary.f1.value,
    );
    println!(
        "baseline, HTML parse only: {:.3} s = {:.1} pages/s, {:.2} MB/s",
        parse_best,
        pages.len() as f64 / parse_best,
        total_bytes as f64 / 1e6 / parse_best,
    );
    Ok(())
}
