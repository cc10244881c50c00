//! Runs the a080 scenario a few times, for profilers.
//!
//! Run: `cargo run --release -p forecast --example profile_a080`

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/external/ktab/inputs/upstream/dummyData-a080.csv");
    let sc = forecast::parse_ktab_csv(&std::fs::read_to_string(&path)?)?;
    for _ in 0..5 {
        let run = forecast::run_smp(&sc, &forecast::SmpConfig::default())?;
        assert_eq!(run.rounds.len(), 18);
    }
    Ok(())
}
