//! Printing: stdout for data, stderr for people; progress bars; error reports.

#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Writes data to stdout. A closed pipe surfaces as an error that [`is_broken_pipe`] knows.
///
/// # Errors
/// Any write error.
pub fn out(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Standard output as a byte sink for streamed data (exports); `None` when it is a
/// terminal and the data is binary, which would only garble the screen.
pub fn data_sink(binary: bool) -> Option<Box<dyn Write + Send>> {
    let stdout = std::io::stdout();
    (!binary || !stdout.is_terminal()).then(|| Box::new(stdout) as Box<dyn Write + Send>)
}

/// Tells the user something on stderr unless `quiet`.
pub fn note(quiet: bool, text: &str) {
    if !quiet {
        eprintln!("{text}");
    }
}

/// Reports a rejected input or record on stderr (always, even when quiet).
pub fn problem(text: &str) {
    eprintln!("error: {text}");
}

/// Reports a warning on stderr unless `quiet`.
pub fn warning(quiet: bool, text: &str) {
    if !quiet {
        eprintln!("warning: {text}");
    }
}

/// A progress bar on stderr, hidden when quiet, when stderr is not a terminal, or for
/// fewer than two items.
pub fn progress(quiet: bool, len: u64, what: &str) -> ProgressBar {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} {{per_sec}} eta {{eta}} {{wide_msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// True when the error is a write to a closed pipe (`backchannel docs | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints an error chain as `error: …`, with `hint:` lines kept, and returns exit code 2.
pub fn report(err: &anyhow::Error) -> ExitCode {
    let mut chain = err.chain();
    if let Some(first) = chain.next() {
        eprintln!("error: {first}");
    }
    for cause in chain {
        eprintln!("  caused by: {cause}");
    }
    ExitCode::from(2)
}
