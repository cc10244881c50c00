//! Converts the PETRARCH-2 actor, agent and discard dictionaries into this crate's compact
//! TSV files under `data/` (see `actors::petrarch::convert_all` for what is kept).
//!
//! Usage: `cargo run -p actors --bin convert_petrarch -- [DICT_DIR] [OUT_DIR]`; by default
//! `DICT_DIR` is `../shared/external/event-coding/petrarch2-dictionaries` beside the repo root
//! and `OUT_DIR` is this crate's `data/`.

use actors::petrarch::{Sources, convert_all};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn read(dir: &Path, name: &str) -> Result<String, String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let dict_dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        manifest.join("../../../shared/external/event-coding/petrarch2-dictionaries")
    });
    let out_dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("data"));
    let countries = read(&dict_dir, "Phoenix.Countries.actors.txt")?;
    let international = read(&dict_dir, "Phoenix.International.actors.txt")?;
    let non_state = read(&dict_dir, "Phoenix.MilNonState.actors.txt")?;
    let agents = read(&dict_dir, "Phoenix.agents.txt")?;
    let discards = read(&dict_dir, "Phoenix.discards.txt")?;
    let converted = convert_all(Sources {
        countries: &countries,
        international: &international,
        non_state: &non_state,
        agents: &agents,
        discards: &discards,
    });
    write(&out_dir, "petrarch_actors.tsv", &converted.actors)?;
    write(&out_dir, "petrarch_agents.tsv", &converted.agents)?;
    write(&out_dir, "petrarch_discards.tsv", &converted.discards)?;
    for (name, stats) in ["actors", "agents", "discards"]
        .iter()
        .zip(&converted.stats)
    {
        eprintln!("{name}: {stats:?}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
