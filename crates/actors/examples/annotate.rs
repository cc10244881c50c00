//! Prints the actor mentions and actors of a text file.
//!
//! `cargo run -p actors --example annotate -- FILE [YYYY-MM-DD]`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: annotate FILE [YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let date = args.next().and_then(|d| d.parse().ok());
    let dict = actors::ActorDictionary::builtin();
    let mentions = dict.annotate(&text, date);
    for m in &mentions {
        let surface = m.span.slice(&text).unwrap_or("?");
        println!(
            "{:>6}..{:<6} {:<10} {:<10?} {:<28} {:?} {:?}",
            m.span.start(),
            m.span.end(),
            m.code,
            m.kind,
            surface.replace('\n', " "),
            m.entity,
            m.role
        );
    }
    for a in actors::group_actors(&text, &mentions) {
        println!(
            "{} {} {:?} {:?} {:?}",
            a.id, a.code, a.entity, a.role, a.aliases
        );
    }
    ExitCode::SUCCESS
}
