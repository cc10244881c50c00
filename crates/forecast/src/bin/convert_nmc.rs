//! Converts the Correlates of War National Material Capabilities table (latest year per
//! state, with ISO codes) into the crate's `data/capability.tsv` (see
//! `forecast::convert_nmc`).
//!
//! Usage: `cargo run -p forecast --bin convert_nmc -- [NMC_CSV] [OUT_TSV]`; by default
//! `NMC_CSV` is `../shared/external/capability/nmc-latest.csv` beside the repository and
//! `OUT_TSV` is this crate's `data/capability.tsv`.

use std::path::PathBuf;
use std::process::ExitCode;

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let input = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/external/capability/nmc-latest.csv"));
    let output = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("data/capability.tsv"));
    let csv = std::fs::read_to_string(&input)
        .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let tsv = forecast::convert_nmc(&csv).map_err(|e| format!("{}: {e}", input.display()))?;
    std::fs::write(&output, &tsv).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    eprintln!(
        "wrote {} ({} states)",
        output.display(),
        tsv.lines().filter(|l| !l.starts_with('#')).count() - 1
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
