//! Throughput of sentence splitting and time extraction.
//!
//! Reads the TempEval-3 training texts from the shared data directory at run time (never
//! copied into the project), repeats them until the corpus reaches `MB` megabytes (default 24),
//! and reports sentences/s and MB/s for splitting alone and for splitting plus extraction.
//!
//! ```text
//! cargo run --release -p extract --example bench_extract -- [SHARED_DIR] [MB]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use extract::eval::tempeval::parse_timeml;
use extract::{TimeExtractor, split_sentences_into};
use jiff::civil::Date;

/// Seconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`), so that the
/// rates stay meaningful on a busy machine; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let shared = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    let target_mb: usize = args.next().map_or(Ok(24), |s| s.parse())?;
    let mut docs: Vec<(String, Option<Date>)> = Vec::new();
    for sub in ["TimeBank", "AQUAINT"] {
        let dir = shared.join("external/tempeval3-train").join(sub);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tml"))
            .collect();
        paths.sort();
        for p in paths {
            let doc = parse_timeml(&p.display().to_string(), &std::fs::read_to_string(&p)?)?;
            docs.push((doc.text, doc.dct));
        }
    }
    let one_pass: usize = docs.iter().map(|(t, _)| t.len()).sum();
    if one_pass == 0 {
        return Err("no TempEval-3 texts found".into());
    }
    let reps = (target_mb * 1_000_000).div_ceil(one_pass);
    let bytes = one_pass * reps;
    let extractor = TimeExtractor::new();
    let mut sentences = Vec::new();

    // Splitting alone.
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let mut n_split = 0usize;
    for _ in 0..reps {
        for (text, _) in &docs {
            sentences.clear();
            split_sentences_into(text, &mut sentences);
            n_split += sentences.len();
        }
    }
    let split_secs = start.elapsed().as_secs_f64();
    let cpu1 = cpu_seconds();

    // Splitting and time extraction.
    let start = Instant::now();
    let mut n_sent = 0usize;
    let mut n_times = 0usize;
    let mut times = Vec::new();
    for _ in 0..reps {
        for (text, dct) in &docs {
            sentences.clear();
            split_sentences_into(text, &mut sentences);
            times.clear();
            extractor.extract_into(text, &sentences, *dct, &mut times);
            n_sent += sentences.len();
            n_times += times.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu2 = cpu_seconds();
    // The two passes must agree, and each repetition must find the same expressions.
    assert_eq!(n_split, n_sent, "splitting is not deterministic");
    assert_eq!(n_times % reps, 0, "extraction differs between repetitions");

    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} documents x {reps} = {mb:.1} MB, {n_sent} sentences, {n_times} time expressions",
        docs.len()
    );
    println!(
        "split only:        {:>10.0} sentences/s {:>8.1} MB/s ({split_secs:.2} s)",
        n_split as f64 / split_secs,
        mb / split_secs
    );
    println!(
        "split + times:     {:>10.0} sentences/s {:>8.1} MB/s ({secs:.2} s)",
        n_sent as f64 / secs,
        mb / secs
    );
    if let (Some(a), Some(b), Some(c)) = (cpu0, cpu1, cpu2) {
        let (split_cpu, both_cpu) = (b - a, c - b);
        println!(
            "per CPU second:    split {:.0} sentences/s ({:.1} MB/s), split + times {:.0} sentences/s ({:.1} MB/s)",
            n_split as f64 / split_cpu,
            mb / split_cpu,
            n_sent as f64 / both_cpu,
            mb / both_cpu
        );
    }
    Ok(())
}
