//! Times the SMP engine on KTAB's sample scenarios and compares with KTAB's own wall times
//! (from ../shared/external/ktab/README.md, `-O2` build, same 2-core class of machine).
//!
//! Run: `cargo run --release -p forecast --example bench_ktab [-- --oracle]`

use std::path::PathBuf;
use std::time::Instant;

use forecast::{SmpConfig, parse_ktab_csv, run_smp, run_smp_oracle};

const CASES: &[(&str, &str, usize, f64)] = &[
    ("d3", "dummyData_3Dim.csv", 11, 0.08),
    ("soePC", "SOE-Pol-Comp.csv", 28, 0.67),
    ("soePol", "SOE-Policy.csv", 20, 3.0),
    ("d6", "dummyData_6Dim.csv", 30, 4.2),
    ("soeComp", "SOE-Competitive.csv", 36, 12.2),
    ("a040", "dummyData-a040.csv", 21, 10.5),
    ("a080", "dummyData-a080.csv", 18, 134.1),
];

/// Not run by KTAB (the README estimates about 40 minutes at -O2); timed with `--a160`.
const A160: (&str, &str, f64) = ("a160", "dummyData-a160.csv", 2400.0);

#[allow(clippy::print_stdout)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let oracle = std::env::args().any(|a| a == "--oracle");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/external/ktab/inputs/upstream");
    println!(
        "{:<8} {:>7} {:>7} {:>12} {:>10} {:>10}",
        "run", "actors", "states", "ours (ms)", "KTAB (s)", "speed-up"
    );
    for &(name, file, states, ktab_s) in CASES {
        let text = std::fs::read_to_string(dir.join(file))
            .map_err(|e| format!("{}: {e}", dir.join(file).display()))?;
        let sc = parse_ktab_csv(&text)?;
        let cfg = SmpConfig::default();
        let reps = if name == "a080" || name == "a040" {
            3
        } else {
            10
        };
        let mut best = f64::INFINITY;
        let mut got_states = 0;
        for _ in 0..reps {
            let t = Instant::now();
            let run = if oracle {
                run_smp_oracle(&sc, &cfg)?
            } else {
                run_smp(&sc, &cfg)?
            };
            best = best.min(t.elapsed().as_secs_f64());
            got_states = run.rounds.len();
        }
        assert_eq!(
            got_states, states,
            "{name}: state count differs from KTAB's"
        );
        println!(
            "{name:<8} {:>7} {got_states:>7} {:>12.2} {ktab_s:>10.2} {:>9.0}x",
            sc.actors.len(),
            best * 1e3,
            ktab_s / best
        );
    }
    if std::env::args().any(|a| a == "--a160") {
        let (name, file, ktab_s) = A160;
        let text = std::fs::read_to_string(dir.join(file))?;
        let sc = parse_ktab_csv(&text)?;
        let t = Instant::now();
        let run = run_smp(&sc, &SmpConfig::default())?;
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name:<8} {:>7} {:>7} {:>12.2} {:>10} {:>9.0}x (vs KTAB's estimate)",
            sc.actors.len(),
            run.rounds.len(),
            s * 1e3,
            "~2400",
            ktab_s / s
        );
    }
    Ok(())
}
