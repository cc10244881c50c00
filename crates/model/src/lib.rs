//! The record types every stage shares: ids, spans, evidence and documents.
//!
//! This crate has no I/O and no logic beyond keeping its own invariants: a [`Span`]
//! always has `start <= end`, and a [`DocId`] is never empty. Later stages add their
//! records (actors, times, quotes, events, positions, claims) here so that `store`,
//! `brief` and `server` speak one vocabulary.

#![deny(missing_docs)]

pub mod calendar;
mod document;
pub mod record;
mod span;

pub use document::{DateSource, DocFormat, Document, PublishedDate};
pub use span::{DocId, Evidence, Span, SpanError};
