//! Integration tests of the actor matcher: data-driven fixtures with inline marks, people the
//! dictionary does not know and document context, the seed evaluation against the hand
//! annotations in `../shared`, and property tests.

mod context;
mod fixtures;
mod people;
mod props;
mod shared;
