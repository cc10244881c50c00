//! Locating `../shared/`, the evaluation data beside the repository.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Finds the shared data directory: `explicit` when given, else `$BACKCHANNEL_SHARED`, else the
/// first `shared/` directory holding `SPEC.md` beside the current directory or one of its
/// ancestors, else beside the source tree this binary was built from.
///
/// # Errors
/// Fails with a hint when no such directory exists.
pub fn shared_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = explicit {
        if dir.join("external").is_dir() || dir.join("corpus").is_dir() {
            return Ok(dir.to_path_buf());
        }
        bail!(
            "{} is not the shared data directory (no external/ or corpus/ inside)\nhint: pass the folder that holds SPEC.md, external/ and corpus/",
            dir.display()
        );
    }
    if let Some(dir) = std::env::var_os("BACKCHANNEL_SHARED") {
        return shared_dir(Some(Path::new(&dir))).context("BACKCHANNEL_SHARED is set");
    }
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors() {
            candidates.push(dir.join("shared"));
            if let Some(parent) = dir.parent() {
                candidates.push(parent.join("shared"));
            }
        }
    }
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(root) = built_from.ancestors().nth(2)
        && let Some(parent) = root.parent()
    {
        candidates.push(parent.join("shared"));
    }
    for dir in candidates {
        if dir.join("SPEC.md").is_file() && dir.join("external").is_dir() {
            return Ok(dir);
        }
    }
    bail!(
        "could not find the shared data directory (../shared)\nhint: pass --shared DIR or set BACKCHANNEL_SHARED"
    )
}

/// Reads a data file of the shared directory, naming it on failure.
///
/// # Errors
/// Any I/O error, with the path.
pub fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
}
