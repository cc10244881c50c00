//! Throughput of quote extraction on the PolNeAR train texts (read at run time, a few MB).
//!
//! `cargo run --release -p quotes --example bench_quotes [ROUNDS]`
//!
//! Reports MB/s and sentences/s for the extractor (sentences given), beside the fallback
//! sentence splitter alone and a bare `memchr`-free byte scan for quotation marks, and asserts
//! the number of quotes found so that it cannot time a bug.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/polnear/train.jsonl");
    let gold = quotes::eval::polnear::parse_gold(&std::fs::read_to_string(&path)?)?;
    let texts: Vec<&str> = gold.iter().map(|d| d.text.as_str()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let sentences: Vec<Vec<model::Span>> =
        texts.iter().map(|t| quotes::split_sentences(t)).collect();
    let n_sentences: usize = sentences.iter().map(Vec::len).sum();

    let mut extractor = quotes::QuoteExtractor::new();
    let mut out = Vec::new();
    let mut best = f64::INFINITY;
    let mut found = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        found = 0;
        for (text, sents) in texts.iter().zip(&sentences) {
            out.clear();
            extractor.extract(text, sents, &[], &mut out);
            found += out.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    assert!(
        found > 14_000,
        "the extractor found {found} quotes; expected about 15,000 on train"
    );

    let mut split_best = f64::INFINITY;
    for _ in 0..rounds {
        let t = Instant::now();
        let n: usize = texts.iter().map(|t| quotes::split_sentences(t).len()).sum();
        assert_eq!(n, n_sentences);
        split_best = split_best.min(t.elapsed().as_secs_f64());
    }
    let mut scan_best = f64::INFINITY;
    for _ in 0..rounds {
        let t = Instant::now();
        let marks: usize = texts
            .iter()
            .map(|t| t.bytes().filter(|&b| b == b'"' || b == 0xE2).count())
            .sum();
        assert!(marks > 0);
        scan_best = scan_best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {:.2} MB, {} sentences, {} quotes",
        texts.len(),
        mb,
        n_sentences,
        found
    );
    println!(
        "quotes:            {:8.1} MB/s  {:10.0} sentences/s  ({:.3} s)",
        mb / best,
        n_sentences as f64 / best,
        best
    );
    println!(
        "sentence splitter: {:8.1} MB/s  {:10.0} sentences/s",
        mb / split_best,
        n_sentences as f64 / split_best
    );
    println!("bare byte scan:    {:8.1} MB/s", mb / scan_best);
    Ok(())
}
