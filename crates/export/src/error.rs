//! Export errors.

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// CSV writing failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// JSON writing failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Parquet writing failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
    /// The format cannot hold the table.
    #[error(
        "the {format} format holds events only, not {table}; use --format jsonl, csv or parquet for {table}"
    )]
    Unsupported {
        /// Format name.
        format: &'static str,
        /// Table name.
        table: &'static str,
    },
    /// The format was left out of this build.
    #[error(
        "this backchannel was built without {format} support; rebuild with the `{format}` feature"
    )]
    NotBuilt {
        /// Format name.
        format: &'static str,
    },
    /// A row does not match its table (a bug in the caller).
    #[error("a {table} row has {found} values but the table has {expected} columns")]
    RowWidth {
        /// Table name.
        table: &'static str,
        /// Values given.
        found: usize,
        /// Columns of the table.
        expected: usize,
    },
}
