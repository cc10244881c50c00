//! Store errors.

use std::path::PathBuf;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("{path}: cannot open database: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The driver error.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer backchannel.
    #[error(
        "database schema version {found} is newer than this backchannel understands ({known}); upgrade backchannel"
    )]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// A stored value could not be read back.
    #[error("corrupt row for document {id}: {message}")]
    Corrupt {
        /// The document id.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// A record for a document that is not stored.
    #[error("no stored document {id}; ingest it before storing its record")]
    UnknownDocument {
        /// The document id.
        id: String,
    },
    /// The PostgreSQL server could not be reached or refused the connection.
    #[error("{server}: cannot connect to PostgreSQL: {source}")]
    PgOpen {
        /// The URL without its password.
        server: String,
        /// The driver error.
        #[source]
        source: postgres::Error,
    },
    /// A schema name that is not a plain identifier.
    #[error("schema name {name:?} must be letters, digits and underscores")]
    BadSchemaName {
        /// The name given.
        name: String,
    },
    /// A PostgreSQL error.
    #[error("database error: {0}")]
    Postgres(#[from] postgres::Error),
    /// Any other database error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
