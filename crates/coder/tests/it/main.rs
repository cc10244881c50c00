//! Integration tests: coding our own sentences about negotiations with a small dictionary in
//! the PETRARCH-2 formats, the evaluation figures on the shared gold sets, and a property
//! test that no input makes the coder panic.

mod articles;
mod negotiations;
mod properties;
mod shared;
