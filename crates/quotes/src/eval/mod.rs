//! Scorers for the quote extractor: PolNeAR ([`polnear`]) and the seed articles ([`seeds`]).
//!
//! Both are pure: they take file contents as strings and return figures; reading the files and
//! printing is the caller's job (`backchannel eval polnear`).

pub mod polnear;
pub mod seeds;

/// Rounds to 4 decimals, as the reference scorer prints its figures.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
