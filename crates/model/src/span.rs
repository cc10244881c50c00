//! Document ids, byte spans and evidence pointers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A document's stable id: the JSONL `id`, else the file stem, else a content-hash
/// suffix when that is taken (SPEC §2). Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// Makes an id from a non-empty string without surrounding whitespace.
    ///
    /// # Errors
    /// Returns [`SpanError::EmptyId`] when the trimmed string is empty.
    pub fn new(id: impl Into<String>) -> Result<Self, SpanError> {
        let id = id.into();
        let trimmed = id.trim();
        if trimmed.is_empty() {
            return Err(SpanError::EmptyId);
        }
        if trimmed.len() == id.len() {
            Ok(DocId(id))
        } else {
            Ok(DocId(trimmed.to_owned()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A byte range `[start, end)` in a document's stored text (UTF-8 byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Makes a span, checking `start <= end`.
    ///
    /// # Errors
    /// Returns [`SpanError::Reversed`] when `start > end`.
    pub fn new(start: u32, end: u32) -> Result<Self, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        Ok(Span { start, end })
    }

    /// Makes a span that also checks that both ends fall on char boundaries of `text`
    /// and inside it.
    ///
    /// # Errors
    /// Returns [`SpanError`] when the range is reversed, out of bounds or splits a char.
    pub fn within(text: &str, start: usize, end: usize) -> Result<Self, SpanError> {
        if start > end {
            return Err(SpanError::Reversed {
                start: start as u32,
                end: end as u32,
            });
        }
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(SpanError::OutOfText {
                start,
                end,
                len: text.len(),
            });
        }
        let start = u32::try_from(start).map_err(|_| SpanError::TooLarge)?;
        let end = u32::try_from(end).map_err(|_| SpanError::TooLarge)?;
        Ok(Span { start, end })
    }

    /// First byte of the span.
    pub fn start(self) -> u32 {
        self.start
    }

    /// One past the last byte of the span.
    pub fn end(self) -> u32 {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text the span covers, or `None` when it does not fit `text`.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start as usize..self.end as usize)
    }
}

/// Where a fact came from: the document and the byte span of its sentence.
/// Deliberately no `Default`: every fact must name its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The document the fact was read in.
    pub doc: DocId,
    /// Byte span in that document's stored text.
    #[serde(flatten)]
    pub span: Span,
}

/// Why a span or id could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// `start` was after `end`.
    #[error("span start {start} is after its end {end}")]
    Reversed {
        /// Given start.
        start: u32,
        /// Given end.
        end: u32,
    },
    /// The range does not fit the text or splits a UTF-8 character.
    #[error("span {start}..{end} does not fit a text of {len} bytes on char boundaries")]
    OutOfText {
        /// Given start.
        start: usize,
        /// Given end.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// Offsets above 4 GiB.
    #[error("span offsets above 4 GiB are not supported")]
    TooLarge,
    /// A document id that is empty or only whitespace.
    #[error("document id is empty")]
    EmptyId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_checks_order_and_boundaries() {
        assert_eq!(
            Span::new(5, 3),
            Err(SpanError::Reversed { start: 5, end: 3 })
        );
        let text = "Araghchi’s";
        // The curly apostrophe is three bytes at 8..11; 9 splits it.
        assert!(Span::within(text, 0, 9).is_err());
        let span = Span::within(text, 0, 8).expect("boundary");
        assert_eq!(span.slice(text), Some("Araghchi"));
        assert_eq!(span.len(), 8);
    }

    #[test]
    fn evidence_serializes_flat() {
        let ev = Evidence {
            doc: DocId::new("000_x").expect("non-empty"),
            span: Span::new(3, 9).expect("ordered"),
        };
        assert_eq!(
            serde_json::to_string(&ev).expect("serializable"),
            r#"{"doc":"000_x","start":3,"end":9}"#
        );
    }

    #[test]
    fn doc_id_trims_and_rejects_empty() {
        assert_eq!(DocId::new("  a ").expect("non-empty").as_str(), "a");
        assert_eq!(DocId::new(" \t"), Err(SpanError::EmptyId));
    }
}
