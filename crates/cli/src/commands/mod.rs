//! One module per subcommand: its arguments (the doc comments are the help) and its `run`.

pub mod bench;
pub mod docs;
pub mod eval;
pub mod ingest;
pub mod search;

use crate::Global;

/// Opens the database named by `--db`, creating it when missing.
///
/// # Errors
/// Fails with a hint when the file cannot be opened or has a newer schema.
pub fn open_store(global: &Global) -> anyhow::Result<store::SqliteStore> {
    store::SqliteStore::open(&global.db)
        .map_err(|err| anyhow::anyhow!("{err}\nhint: pass --db PATH to use another database file"))
}

/// Opens an existing database read-side; a missing file is an error rather than an empty
/// new database.
///
/// # Errors
/// Fails when the file does not exist or cannot be opened.
pub fn open_existing_store(global: &Global) -> anyhow::Result<store::SqliteStore> {
    if !global.db.exists() {
        anyhow::bail!(
            "{}: no database here\nhint: run `backchannel ingest PATH…` first, or pass --db PATH",
            global.db.display()
        );
    }
    open_store(global)
}

/// Parses a `YYYY-MM-DD` command-line date.
pub fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a date; use YYYY-MM-DD"))
}
