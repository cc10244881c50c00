//! `backchannel eval plover-gsr`: the PLOVER gold-standard records (SPEC §8).
//!
//! Reads `external/event-coding/plover/PLOVER_GSR_CAMEO.txt` (322 records), codes each
//! sentence with the production verbs (`CAMEO.2.0.txt` as shipped in the coder crate, plus
//! its supplement) and the PETRARCH actors (the three Phoenix actor files,
//! `Phoenix.agents.txt`, `Phoenix.discards.txt`) and scores event type (after mapping
//! the PLOVER 0.5 labels) and source/target country where given, as `coder::eval::plover`
//! documents.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::shared::read;
use coder::eval::plover;

/// Score event coding on the PLOVER gold records: event-type accuracy, source and target
/// country accuracy.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval plover-gsr
  backchannel eval plover-gsr --errors 30
  backchannel eval plover-gsr --json > plover-scores.json")]
pub struct PloverArgs {
    /// Print one JSON object (counts and scores) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Also print the first N records whose event type is wrong or missing.
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when the shared directory, the dictionaries or the records cannot be found or read.
pub fn run(args: PloverArgs) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.as_deref())?;
    let base = shared.join("external/event-coding");
    let dir = base.join("petrarch2-dictionaries");
    let start = Instant::now();
    let actors = [
        read(&dir.join("Phoenix.Countries.actors.txt"))?,
        read(&dir.join("Phoenix.International.actors.txt"))?,
        read(&dir.join("Phoenix.MilNonState.actors.txt"))?,
    ];
    // The verbs are the shipped ones (CAMEO.2.0.txt as converted into the coder crate, plus
    // its supplement); actors, agents and discards are PETRARCH's, as the records expect.
    let dicts = coder::Dictionaries::builtin_with(
        &[&actors[0], &actors[1], &actors[2]],
        &read(&dir.join("Phoenix.agents.txt"))?,
        &read(&dir.join("Phoenix.discards.txt"))?,
    )?;
    let skipped = dicts.problems.len();
    let coder = coder::Coder::with_config(dicts, plover::gsr_config());
    let loaded = start.elapsed().as_secs_f64();
    let path = base.join("plover/PLOVER_GSR_CAMEO.txt");
    let records = plover::parse_records(&read(&path)?)
        .with_context(|| format!("could not parse {}", path.display()))?;
    let r = plover::evaluate(&coder, &records);
    let secs = start.elapsed().as_secs_f64();
    let shown = args.errors.unwrap_or(0).min(r.mistakes.len());
    let text_of = |id: &str| {
        records
            .iter()
            .find(|x| x.id == id)
            .map_or("", |x| x.text.as_str())
    };
    let out = if args.json {
        let value = serde_json::json!({
            "records": r.records,
            "coded": r.coded,
            "type_accuracy": r.type_accuracy(),
            "type_any_accuracy": ratio(r.type_any, r.records),
            "source_accuracy": ratio(r.source_correct, r.source_scored),
            "source_scored": r.source_scored,
            "target_accuracy": ratio(r.target_correct, r.target_scored),
            "target_scored": r.target_scored,
            "per_type": r.per_type,
            "dictionary_lines_skipped": skipped,
            "load_seconds": loaded,
            "seconds": secs,
            "mistakes": r.mistakes[..shown].iter().map(|(id, gold, got)| serde_json::json!({
                "id": id, "gold": gold, "predicted": got, "text": text_of(id)
            })).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "PLOVER gold records: {} records, {} with an event; dictionaries loaded in {loaded:.2} s, total {secs:.2} s",
            r.records, r.coded
        );
        let _ = writeln!(
            s,
            "{:<12} {:>7} {:>7} {:>9}",
            "type", "gold", "right", "accuracy"
        );
        for (t, (n, ok)) in &r.per_type {
            let _ = writeln!(s, "{t:<12} {n:>7} {ok:>7} {:>9.3}", ratio(*ok, *n));
        }
        let _ = writeln!(
            s,
            "event type accuracy {:.4} (first event; any event {:.4})",
            r.type_accuracy(),
            ratio(r.type_any, r.records)
        );
        let _ = writeln!(
            s,
            "source country {:.4} ({}/{}), target country {:.4} ({}/{}) on coded records; dictionary lines skipped: {skipped}",
            ratio(r.source_correct, r.source_scored),
            r.source_correct,
            r.source_scored,
            ratio(r.target_correct, r.target_scored),
            r.target_correct,
            r.target_scored
        );
        for (id, gold, got) in &r.mistakes[..shown] {
            let _ = writeln!(
                s,
                "{id}: gold {gold}, got {}: {}",
                got.as_deref().unwrap_or("-"),
                text_of(id)
            );
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
