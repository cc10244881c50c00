//! Integration tests: figures on the shared evaluation data (run-time only; PolNeAR has no
//! licence, so nothing of it is stored here), agreement with the reference scorer, and
//! property tests that adversarial text never panics and stays linear.

mod props;
mod shared;
