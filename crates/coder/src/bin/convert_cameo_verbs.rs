//! Converts the PETRARCH-2 verb dictionary `CAMEO.2.0.txt` into this crate's shipped copy
//! `data/cameo_verbs.txt` (see `coder::verbs::shipped`: comments and blank lines removed,
//! an attribution header added).
//!
//! Usage: `cargo run -p coder --bin convert_cameo_verbs -- [CAMEO.2.0.txt] [OUT]`; by default
//! the input is `../shared/external/event-coding/petrarch2-dictionaries/CAMEO.2.0.txt` beside
//! the repository root and the output this crate's `data/cameo_verbs.txt`.

use std::path::PathBuf;
use std::process::ExitCode;

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let input = args.next().map(PathBuf::from).unwrap_or_else(|| {
        manifest.join("../../../shared/external/event-coding/petrarch2-dictionaries/CAMEO.2.0.txt")
    });
    let output = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("data/cameo_verbs.txt"));
    let text = std::fs::read_to_string(&input)
        .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let shipped = coder::verbs::shipped(&text);
    let (dict, problems) = coder::VerbDictionary::parse(&shipped);
    std::fs::write(&output, &shipped)
        .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    eprintln!(
        "{}: {} blocks, {} verb forms, {} synsets, {} lines skipped by the reader",
        output.display(),
        dict.blocks.len(),
        dict.forms.len(),
        dict.synsets.len(),
        problems.len()
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
