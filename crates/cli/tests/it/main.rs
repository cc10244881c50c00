//! End-to-end tests: the real `backchannel` binary in a temporary directory.

mod ingest;
mod support;
