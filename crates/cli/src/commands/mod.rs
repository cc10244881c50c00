//! One module per subcommand: its arguments (the doc comments are the help) and its `run`.

pub mod bench;
pub mod bench_brief;
pub mod bench_serve;
pub mod brief;
pub mod docs;
pub mod dossier;
pub mod eval;
pub mod export;
pub mod extract;
pub mod forecast;
pub mod ingest;
pub mod retry;
pub mod search;
pub mod serve;
pub mod status;
pub mod worker;

use crate::Global;

/// Where the database is, from `--db`, `$BACKCHANNEL_DB`, `$DATABASE_URL`, in that order,
/// else `backchannel.db` in the current directory.
pub fn database_location(global: &Global) -> String {
    global
        .db
        .clone()
        .or_else(|| std::env::var("BACKCHANNEL_DB").ok())
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "backchannel.db".to_owned())
}

fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the database, creating it (or its schema) when missing.
///
/// # Errors
/// Fails with a hint when the file or server cannot be opened or has a newer schema.
pub fn open_store(global: &Global) -> anyhow::Result<Box<dyn store::Store>> {
    let location = database_location(global);
    let opened: Result<Box<dyn store::Store>, store::StoreError> = if is_postgres(&location) {
        store::PgStore::open(&location).map(|s| Box::new(s) as Box<dyn store::Store>)
    } else {
        store::SqliteStore::open(std::path::Path::new(&location))
            .map(|s| Box::new(s) as Box<dyn store::Store>)
    };
    opened.map_err(|err| {
        anyhow::anyhow!(
            "{err}\nhint: pass --db PATH (a SQLite file) or --db postgres://user@host/db"
        )
    })
}

/// Opens an existing database for reading; a missing SQLite file is an error rather than an
/// empty new database.
///
/// # Errors
/// Fails when the file does not exist or cannot be opened.
pub fn open_existing_store(global: &Global) -> anyhow::Result<Box<dyn store::Store>> {
    let location = database_location(global);
    if !is_postgres(&location) && !std::path::Path::new(&location).exists() {
        anyhow::bail!(
            "{location}: no database here\nhint: run `backchannel ingest PATH…` first, or pass --db PATH"
        );
    }
    open_store(global)
}

/// Parses a `YYYY-MM-DD` command-line date.
pub fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a date; use YYYY-MM-DD"))
}
