//! Extraction from a document's stored text: sentences, tokens and time expressions.
//!
//! Everything here is pure: functions take the text (and the publication date) and return
//! byte spans into it, never copies. [`Pipeline`] runs the whole stage — sentences, actors
//! (crate `actors`), times and quotes (crate `quotes`) — into a SPEC §3 record.
//!
//! - [`split_sentences`] and [`tokens`]: sentence and token spans, linear time.
//! - [`TimeExtractor`]: TIMEX3 time expressions normalised against the publication date.
//! - [`eval`]: scorers for the golden rules, TempEval-3 and the seed annotations.

#![deny(missing_docs)]

mod error;
pub mod eval;
mod pipeline;
mod sentence;
mod timex;

#[cfg(test)]
mod fixture;

pub use error::ExtractError;
pub use pipeline::{Pipeline, extractor_version};
pub use sentence::{split_sentences, split_sentences_into, tokens, tokens_into};
pub use timex::{Resolution, TimeExtractor, Timex, TimexRecord, TimexType};
