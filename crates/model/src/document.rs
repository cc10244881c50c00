//! A stored article: its text and the metadata that came with it.

use serde::{Deserialize, Serialize};

use crate::DocId;

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    /// Plain text (`.txt`, stdin).
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// An HTML page whose main text was extracted.
    Html,
    /// One line of a JSONL file.
    Jsonl,
    /// An item of an RSS, Atom or JSON feed.
    Feed,
}

impl DocFormat {
    /// The lowercase name used in the store and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DocFormat::Text => "text",
            DocFormat::Markdown => "markdown",
            DocFormat::Html => "html",
            DocFormat::Jsonl => "jsonl",
            DocFormat::Feed => "feed",
        }
    }

    /// Parses the name written by [`DocFormat::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "text" => DocFormat::Text,
            "markdown" => DocFormat::Markdown,
            "html" => DocFormat::Html,
            "jsonl" => DocFormat::Jsonl,
            "feed" => DocFormat::Feed,
            _ => return None,
        })
    }
}

/// Where a document's date came from. Only metadata gives a publication date;
/// a date read from the body text is kept as *inferred*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A metadata field: ` date` marker, front matter, JSONL `published`, HTML meta, feed item.
    Metadata,
    /// Read from the text (a dateline or a first line that is a date); not a publication date.
    Inferred,
}

/// A calendar date with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PublishedDate {
    /// The calendar day.
    pub date: jiff::civil::Date,
    /// Whether the day is metadata or inferred from the text.
    pub source: DateSource,
}

/// One article as stored: its exact text (every span refers to it) and its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id (SPEC §2).
    pub id: DocId,
    /// The stored text: decoded, metadata prefix removed, nothing else changed.
    pub text: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Publication date from metadata; `None` when only a date in the text was found.
    pub published: Option<jiff::civil::Date>,
    /// A date read from the text (dateline, first line), kept apart from `published`.
    pub inferred_date: Option<jiff::civil::Date>,
    /// ISO 639-3 code of the detected language (`eng`, `fra`…), or `None` when unsure.
    pub language: Option<String>,
    /// The input format.
    pub format: DocFormat,
    /// Where it was read from: a path, `-`, `path:line` or a URL.
    pub origin: String,
    /// Lowercase hex SHA-256 of the normalised text (exact-duplicate key).
    pub content_hash: String,
    /// The earlier document this one duplicates (exactly or nearly), if any.
    pub duplicate_of: Option<DocId>,
}

impl Document {
    /// True when the detected language is English or unknown.
    pub fn is_english(&self) -> bool {
        self.language.as_deref().is_none_or(|l| l == "eng")
    }
}
