//! Scores SMP, EUM and the naive baselines on DEU III (see `forecast::deu`).
//!
//! Run: `cargo run --release -p forecast --example deu`

use std::path::PathBuf;
use std::time::Instant;

#[allow(clippy::print_stdout)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/external/eum/blksv-predictioneers-game/deu3.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let t = Instant::now();
    let data = forecast::parse_deu(&text)?;
    let eval = forecast::evaluate_deu(&data, 0);
    println!(
        "{} issues, {} skipped, {:.2} s",
        eval.issues,
        eval.skipped,
        t.elapsed().as_secs_f64()
    );
    println!(
        "{:<16} {:>7} {:>10} {:>10} {:>9}",
        "method", "issues", "median|e|", "mean|e|", "hit≤10"
    );
    for s in &eval.scores {
        println!(
            "{:<16} {:>7} {:>10.2} {:>10.2} {:>8.1}%",
            s.method,
            s.issues,
            s.median_abs_error,
            s.mean_abs_error,
            100.0 * s.hit_rate
        );
    }
    Ok(())
}
