//! Scoring against the gold sets: pure, the CLI reads the files.

pub mod petrarch;
pub mod plover;
pub mod seeds;
