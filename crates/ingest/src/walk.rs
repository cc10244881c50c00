//! Expanding command-line inputs (files, directories, globs, `-`) into a list of files.
//! This and [`read_file`] are the crate's only I/O.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::IngestError;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input, read as text (or JSONL when it looks like JSON lines).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

/// Largest file read from disk. Larger files are rejected before reading.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Expands paths: a directory is walked recursively (following links, detecting loops,
/// skipping hidden entries, READMEs, licences and files with extensions that are not articles),
/// a pattern with `*`, `?` or `[` is globbed, `-` is stdin. Results are sorted within each
/// argument and deduplicated, so runs are repeatable.
pub fn expand(args: &[PathBuf]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let mut push = |inputs: &mut Vec<Input>, path: PathBuf| {
        if seen.insert(path.clone()) {
            inputs.push(Input::File(path));
        }
    };
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk_dir(arg, &mut found, &mut problems);
                found.sort();
                for path in found {
                    push(&mut inputs, path);
                }
            }
            Ok(_) => push(&mut inputs, arg.clone()),
            Err(err) => {
                let text = arg.to_string_lossy();
                if text.contains(['*', '?', '[']) {
                    match glob::glob(&text) {
                        Ok(paths) => {
                            let mut found = Vec::new();
                            for entry in paths {
                                match entry {
                                    Ok(path) if path.is_file() => found.push(path),
                                    Ok(_) => {}
                                    Err(err) => problems.push(IngestError::Walk {
                                        path: err.path().to_path_buf(),
                                        message: format!("cannot read: {}", err.error()),
                                    }),
                                }
                            }
                            if found.is_empty() {
                                problems.push(IngestError::Walk {
                                    path: arg.clone(),
                                    message: "pattern matches no files".to_owned(),
                                });
                            }
                            found.sort();
                            for path in found {
                                push(&mut inputs, path);
                            }
                        }
                        Err(err) => problems.push(IngestError::Walk {
                            path: arg.clone(),
                            message: format!("bad glob pattern: {err}"),
                        }),
                    }
                } else if err.kind() == std::io::ErrorKind::NotFound {
                    problems.push(IngestError::Missing { path: arg.clone() });
                } else {
                    problems.push(IngestError::Read {
                        path: arg.clone(),
                        source: err,
                    });
                }
            }
        }
    }
    (inputs, problems)
}

fn walk_dir(root: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<IngestError>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if is_article_file(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; skipped this branch of the directory".to_owned()
                } else {
                    match err.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => err.to_string(),
                    }
                };
                problems.push(IngestError::Walk { path, message });
            }
        }
    }
}

/// Files a directory walk takes: article formats only, and not the README, licence or notice
/// files that often sit beside a corpus.
fn is_article_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    if ["README", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        return false;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "txt"
            | "text"
            | "md"
            | "markdown"
            | "html"
            | "htm"
            | "xhtml"
            | "jsonl"
            | "ndjson"
            | "xml"
            | "rss"
            | "atom"
    )
}

/// Reads a file, refusing files over [`MAX_FILE_BYTES`].
///
/// # Errors
/// Names the path on any I/O error (missing, permission denied, a directory).
pub fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    let meta = std::fs::metadata(path).map_err(|source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            origin: path.display().to_string(),
            bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            limit: MAX_FILE_BYTES as usize,
        });
    }
    std::fs::read(path).map_err(|source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_dirs_globs_and_reports_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/.hidden")).expect("mkdir");
        for name in [
            "b.txt",
            "a.html",
            "sub/c.jsonl",
            "sub/.hidden/d.txt",
            "README.md",
            "x.png",
        ] {
            std::fs::write(root.join(name), "text").expect("write");
        }
        let (inputs, problems) = expand(&[root.to_path_buf()]);
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "sub/c.jsonl"]);

        let pattern = root.join("*.txt");
        let (inputs, _) = expand(&[pattern, PathBuf::from("-"), root.join("nope.txt")]);
        assert_eq!(inputs, [Input::File(root.join("b.txt")), Input::Stdin]);
        let (_, problems) = expand(&[root.join("nope.txt")]);
        assert_eq!(
            problems[0].to_string(),
            format!(
                "{}: no such file or directory; check the path",
                root.join("nope.txt").display()
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_and_walk_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir(root.join("d")).expect("mkdir");
        std::fs::write(root.join("d/a.txt"), "text").expect("write");
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).expect("symlink");
        let (inputs, problems) = expand(&[root.to_path_buf()]);
        assert_eq!(inputs, [Input::File(root.join("d/a.txt"))]);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("symbolic link loop"),
            "{}",
            problems[0]
        );
    }
}
