//! Integration tests of the forecast crate.

mod input;
mod output;
mod shared;
mod smp;
