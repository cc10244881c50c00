//! Integration tests of the actor matcher: data-driven fixtures with inline marks, the seed
//! evaluation against the hand annotations in `../shared`, and property tests.

mod fixtures;
mod props;
mod shared;
