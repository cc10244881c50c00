//! One module per subcommand: its arguments (the doc comments are the help) and its `run`.

pub mod eval;
