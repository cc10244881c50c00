//! Scorers for the evaluation data sets (pure: the caller reads the files).

pub mod golden;
pub mod record;
pub mod seeds;
pub mod tempeval;
