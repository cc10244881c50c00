//! End-to-end tests: the real `backchannel` binary in a temporary directory.

mod brief;
mod corpus;
mod dashboard;
mod export;
mod extract;
mod forecast;
mod ingest;
mod queue;
mod support;
