//! The `backchannel` command-line tool: argument parsing, progress, exit codes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod shared;

/// Turn news coverage of a negotiation into a source-linked record of who did or said what to
/// whom and when, where each party stands, and where the bargaining is heading.
#[derive(Debug, Parser)]
#[command(name = "backchannel", version, propagate_version = true)]
#[command(after_long_help = "Exit codes:
  0  all done
  1  done, but some inputs were rejected (each is named on stderr)
  2  could not do the job (usage, configuration, database, internal error)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score extraction against gold datasets in ../shared/.
    Eval(commands::eval::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval(args) => commands::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

/// Prints an error chain as `error: …` with any `hint:` lines, and returns exit code 2.
#[allow(clippy::print_stderr)]
fn report(err: &anyhow::Error) -> ExitCode {
    let mut first = true;
    for cause in err.chain() {
        let text = cause.to_string();
        if first {
            eprintln!("error: {text}");
            first = false;
        } else {
            eprintln!("  caused by: {text}");
        }
    }
    ExitCode::from(2)
}
