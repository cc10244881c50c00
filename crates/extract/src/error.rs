//! The crate's one error type.

/// What went wrong while reading evaluation data handed to this crate.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A JSON line or file could not be parsed.
    #[error(
        "{what}:{line}: not valid JSON ({source}); check the file is the one the README describes"
    )]
    Json {
        /// Which data set or file.
        what: String,
        /// 1-based line number (0 for a whole file).
        line: usize,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// A TimeML document lacks a part the scorer needs.
    #[error("{what}: {problem}; the file must be TimeML with <TEXT> and a CREATION_TIME TIMEX3")]
    TimeMl {
        /// Which document.
        what: String,
        /// What is missing or malformed.
        problem: String,
    },
    /// A gold expression that is not in its document's text.
    #[error("{what}: gold text {text:?} does not occur in the document; fix the gold file")]
    GoldNotFound {
        /// Which document.
        what: String,
        /// The gold text.
        text: String,
    },
}
