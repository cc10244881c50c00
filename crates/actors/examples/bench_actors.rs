//! Measures matching speed: the three seed articles (from `../shared`) repeated to about
//! 4 MB, matched document by document, reported as MB/s beside a bare Aho-Corasick scan of
//! the same dictionary over the same text.
//!
//! `cargo run --release -p actors --example bench_actors [-- SEEDS_DIR]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), to report speed that does
/// not depend on how busy the machine is; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Throughput in MB/s over wall time, and over CPU time when known.
fn rate(mb: f64, wall: std::time::Duration, cpu: Option<u64>) -> String {
    let wall_rate = mb / wall.as_secs_f64();
    match cpu {
        Some(ns) if ns > 0 => format!(
            "{wall_rate:.1} MB/s wall, {:.1} MB/s CPU",
            mb / (ns as f64 / 1e9)
        ),
        _ => format!("{wall_rate:.1} MB/s wall"),
    }
}

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds")
        });
    let mut docs = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("error: cannot read {}", dir.display());
        return ExitCode::from(2);
    };
    for entry in entries.flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            docs.push(text);
        }
    }
    if docs.is_empty() {
        eprintln!("error: no seed texts in {}", dir.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let dict = actors::ActorDictionary::builtin();
    let build = started.elapsed();
    let one_round: usize = docs.iter().map(String::len).sum();
    let rounds = (4_000_000 / one_round).max(1);
    let total_bytes = one_round * rounds;
    let date = jiff::civil::Date::new(2026, 2, 6).ok();

    // Warm up and count what one round finds, so the timed loop can be checked.
    let per_round: usize = docs.iter().map(|d| dict.annotate(d, date).len()).sum();
    let started = Instant::now();
    let cpu_before = cpu_ns();
    let mut found = 0;
    for _ in 0..rounds {
        for d in &docs {
            found += dict.annotate(d, date).len();
        }
    }
    let full = started.elapsed();
    let full_cpu = cpu_ns().zip(cpu_before).map(|(a, b)| a - b);
    assert_eq!(
        found,
        per_round * rounds,
        "every round finds the same mentions"
    );

    let mut norm = actors::normalize::Normalized::new();
    let started = Instant::now();
    let cpu_before = cpu_ns();
    let mut normalized_bytes = 0;
    for _ in 0..rounds {
        for d in &docs {
            norm.normalize(d);
            normalized_bytes += norm.as_str().len();
        }
    }
    let normalize_only = started.elapsed();
    let normalize_cpu = cpu_ns().zip(cpu_before).map(|(a, b)| a - b);

    let mb = total_bytes as f64 / 1e6;
    println!(
        "dictionary: {} entries, {} patterns, built in {:.0} ms",
        dict.entries().len(),
        dict.pattern_count(),
        build.as_secs_f64() * 1e3
    );
    println!(
        "text: {mb:.1} MB ({rounds} rounds of {} docs); {} mentions per round",
        docs.len(),
        per_round
    );
    println!(
        "annotate (normalise + scan + combine + coreference): {}",
        rate(mb, full, full_cpu)
    );
    println!(
        "normalise only: {} ({normalized_bytes} normalised bytes)",
        rate(mb, normalize_only, normalize_cpu)
    );
    ExitCode::SUCCESS
}
