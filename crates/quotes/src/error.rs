//! The crate's one error type: reading evaluation data.

/// What went wrong reading evaluation data (extraction itself cannot fail).
#[derive(Debug, thiserror::Error)]
pub enum QuotesError {
    /// A line of a JSONL file is not the expected record.
    #[error("line {line}: not a {what} record: {source}; check that the file is the right one")]
    Json {
        /// 1-based line number.
        line: usize,
        /// Which record was expected.
        what: &'static str,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A gold file (seeds) is not valid.
    #[error("{doc}: not a gold annotation file: {source}; see shared/corpus/ANNOTATION.md")]
    Gold {
        /// The document id.
        doc: String,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A gold span does not fit its document text.
    #[error(
        "{doc}: span {start}..{end} does not fit the text ({len} bytes); the gold and text files do not match"
    )]
    Span {
        /// The document id.
        doc: String,
        /// Given start.
        start: usize,
        /// Given end.
        end: usize,
        /// Text length.
        len: usize,
    },
}
