//! What can go wrong while reading inputs. Every variant names the input (and line) and
//! says what to do.

use std::path::PathBuf;

/// An input, or one record of it, that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or directory; check the path")]
    Missing {
        /// The path.
        path: PathBuf,
    },
    /// A directory walk hit a problem (loop, permission).
    #[error("{path}: {message}")]
    Walk {
        /// The path being walked.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The bytes look like a binary file, not text.
    #[error("{origin}: looks like a binary file, not an article; skip it or convert it to text")]
    Binary {
        /// The input.
        origin: String,
    },
    /// Nothing but whitespace after metadata.
    #[error("{origin}: empty document (no text after the metadata); nothing stored")]
    Empty {
        /// The input.
        origin: String,
    },
    /// A document larger than the limit.
    #[error(
        "{origin}: document is {bytes} bytes, over the {limit}-byte limit; split it into articles"
    )]
    TooLarge {
        /// The input.
        origin: String,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A JSONL line that is not a JSON object.
    #[error("{origin}:{line}: not a JSON object: {message}; fix or remove this line")]
    Json {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: u64,
        /// The parser's message.
        message: String,
    },
    /// A JSONL line without a usable `text` field.
    #[error("{origin}:{line}: no `text` string field; every JSONL line needs one")]
    MissingText {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: u64,
    },
    /// A JSONL field with the wrong type or an unreadable value.
    #[error("{origin}:{line}: field `{field}`: {message}")]
    Field {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: u64,
        /// The field name.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A feed that could not be parsed.
    #[error("{origin}: not a readable RSS/Atom/JSON feed: {message}; check the file or URL")]
    Feed {
        /// The feed.
        origin: String,
        /// The parser's message.
        message: String,
    },
    /// An HTML page without extractable main text.
    #[error("{origin}: {message}")]
    Html {
        /// The page.
        origin: String,
        /// What went wrong.
        message: String,
    },
    /// An id that is empty after cleaning.
    #[error("{origin}: document id {id:?} is empty; give a non-empty `id`")]
    BadId {
        /// The input.
        origin: String,
        /// The id as given.
        id: String,
    },
    /// Fetching a URL failed.
    #[error("{url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// What went wrong, with a hint.
        message: String,
    },
}

/// A rejected input, as reported at the end of a batch.
pub type Problem = IngestError;
