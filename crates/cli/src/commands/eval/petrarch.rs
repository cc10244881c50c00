//! `backchannel eval petrarch-unit`: the PETRARCH unit tests (SPEC §8).
//!
//! Reads the 284 records of
//! `external/event-coding/universalpetrarch-validation/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml`,
//! codes them with `PETR.Validate.verbs.2.0.txt` and the actors, agents and discards of
//! `external/event-coding/petrarch-unittest/`, ignoring the supplied parses, and scores them as
//! `coder::eval::petrarch` documents.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::shared::read;
use coder::eval::petrarch;

/// Score event coding on the PETRARCH unit tests: exact (source, target, code) precision and
/// recall, root-code match, per test category.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval petrarch-unit
  backchannel eval petrarch-unit --errors 20
  backchannel eval petrarch-unit --json > petrarch-scores.json")]
pub struct PetrarchArgs {
    /// Print one JSON object (counts and scores) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Also print the first N records whose coding differs from the gold.
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the shared directory, the dictionaries or the records cannot be found or read.
pub fn run(args: PetrarchArgs) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.as_deref())?;
    let base = shared.join("external/event-coding");
    let unit = base.join("petrarch-unittest");
    let upv = base.join("universalpetrarch-validation");
    let start = Instant::now();
    let dicts = coder::Dictionaries::parse(
        &read(&upv.join("PETR.Validate.verbs.2.0.txt"))?,
        &read(&unit.join("PETR.Validate.actors.txt"))?,
        &read(&unit.join("PETR.Validate.agents.txt"))?,
        &read(&unit.join("PETR.Validate.discards.txt"))?,
    )?;
    let skipped = dicts.problems.len();
    let coder = coder::Coder::with_config(dicts, petrarch::unit_test_config());
    let records_path = upv.join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let records = petrarch::parse_records(&read(&records_path)?)
        .with_context(|| format!("could not parse {}", records_path.display()))?;
    let report = petrarch::evaluate(&coder, &records);
    let secs = start.elapsed().as_secs_f64();
    let t = report.total;
    let shown = args.errors.unwrap_or(0).min(report.mistakes.len());
    let out = if args.json {
        let value = serde_json::json!({
            "records": t.records,
            "gold_codings": t.gold,
            "predicted_codings": t.predicted,
            "matched": t.matched,
            "precision": t.precision(),
            "recall": t.recall(),
            "f1": t.f1(),
            "root_matched": t.root_matched,
            "root_precision": t.root_precision(),
            "root_recall": t.root_recall(),
            "noevent_false_positives": t.noevent_false_positives,
            "dictionary_lines_skipped": skipped,
            "categories": report.categories,
            "seconds": secs,
            "mistakes": &report.mistakes[..shown],
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "PETRARCH unit tests: {} records, {} gold and {} predicted codings, {secs:.2} s",
            t.records, t.gold, t.predicted
        );
        let _ = writeln!(
            s,
            "{:<12} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7}",
            "category", "gold", "pred", "match", "P", "R", "rootP", "rootR"
        );
        let mut line = |name: &str, c: &petrarch::Counts| {
            let _ = writeln!(
                s,
                "{:<12} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
                name,
                c.gold,
                c.predicted,
                c.matched,
                c.precision(),
                c.recall(),
                c.root_precision(),
                c.root_recall()
            );
        };
        for (name, c) in &report.categories {
            line(name, c);
        }
        line("all", &t);
        let _ = writeln!(
            s,
            "exact P {:.4} R {:.4} F1 {:.4}; codings on noevents records: {}; dictionary lines skipped: {skipped}",
            t.precision(),
            t.recall(),
            t.f1(),
            t.noevent_false_positives
        );
        for m in &report.mistakes[..shown] {
            let _ = writeln!(s, "{}: {}", m.id, m.text);
            for c in &m.missed {
                let _ = writeln!(s, "  missed   {} {} {}", c.source, c.target, c.code);
            }
            for c in &m.spurious {
                let _ = writeln!(s, "  spurious {} {} {}", c.source, c.target, c.code);
            }
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
