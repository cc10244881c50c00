//! Development helper for studying codings (reads `../shared` at run time).
//!
//! `cargo run --release -p coder --example eval_dev -- N [unit|plover|both]` prints the
//! evaluation figures and the first N mistakes; `… -- 0 unit "A sentence."` codes one
//! sentence with the unit-test dictionaries, `… -- 0 plover "A sentence."` traces it
//! (units, groups, verbs, events) with the production dictionaries and the supplement.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let which = std::env::args().nth(2).unwrap_or_else(|| "both".into());
    let shared =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/event-coding");
    let read = |p: &str| std::fs::read_to_string(shared.join(p));
    if which != "plover" {
        let dicts = coder::Dictionaries::parse(
            &read("universalpetrarch-validation/PETR.Validate.verbs.2.0.txt")?,
            &read("petrarch-unittest/PETR.Validate.actors.txt")?,
            &read("petrarch-unittest/PETR.Validate.agents.txt")?,
            &read("petrarch-unittest/PETR.Validate.discards.txt")?,
        )?;
        eprintln!("problems: {}", dicts.problems.len());
        let coder = coder::Coder::with_config(dicts, coder::eval::petrarch::unit_test_config());
        if let Some(sentence) = std::env::args().nth(3) {
            for e in coder.code(
                &sentence,
                &coder::SentenceContext {
                    date: Some(19950101),
                },
            ) {
                println!(
                    "{} {} {} {:?} {:?}",
                    e.source.code,
                    e.target.as_ref().map_or("---", |t| t.code.as_str()),
                    e.cameo,
                    e.status,
                    &sentence[e.trigger.0..e.trigger.1]
                );
            }
            return Ok(());
        }
        let records = coder::eval::petrarch::parse_records(&read(
            "universalpetrarch-validation/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        )?)?;
        let report = coder::eval::petrarch::evaluate(&coder, &records);
        for m in report.mistakes.iter().take(n) {
            println!("{} | {}", m.id, m.text);
            for c in &m.missed {
                println!("   MISS {} {} {}", c.source, c.target, c.code);
            }
            for c in &m.spurious {
                println!("   SPUR {} {} {}", c.source, c.target, c.code);
            }
        }
        for (k, c) in &report.categories {
            println!(
                "{k:10} gold {:4} pred {:4} match {:4} root {:4}",
                c.gold, c.predicted, c.matched, c.root_matched
            );
        }
        let t = report.total;
        println!(
            "petrarch-unit: P {:.3} R {:.3} F1 {:.3} | root P {:.3} R {:.3} | gold {} pred {} match {} noevent-FP {}",
            t.precision(),
            t.recall(),
            t.f1(),
            t.root_precision(),
            t.root_recall(),
            t.gold,
            t.predicted,
            t.matched,
            t.noevent_false_positives
        );
    }
    if which != "unit" {
        let dir = "petrarch2-dictionaries/";
        let dicts = coder::Dictionaries::builtin_with(
            &[
                &read(&format!("{dir}Phoenix.Countries.actors.txt"))?,
                &read(&format!("{dir}Phoenix.International.actors.txt"))?,
                &read(&format!("{dir}Phoenix.MilNonState.actors.txt"))?,
            ],
            &read(&format!("{dir}Phoenix.agents.txt"))?,
            &read(&format!("{dir}Phoenix.discards.txt"))?,
        )?;
        eprintln!("problems: {}", dicts.problems.len());
        let coder = coder::Coder::with_config(dicts, coder::eval::plover::gsr_config());
        if let Some(sentence) = std::env::args().nth(3) {
            print!(
                "{}",
                coder.trace(&sentence, &coder::SentenceContext::default())
            );
            return Ok(());
        }
        let records = coder::eval::plover::parse_records(&read("plover/PLOVER_GSR_CAMEO.txt")?)?;
        let report = coder::eval::plover::evaluate(&coder, &records);
        for (id, gold, pred) in report.mistakes.iter().take(n) {
            let text = &records
                .iter()
                .find(|r| &r.id == id)
                .map(|r| r.text.as_str())
                .unwrap_or("");
            println!("{id} gold {gold} pred {pred:?} | {text}");
        }
        println!(
            "plover-gsr: type acc {:.3} (any {:.3}), coded {}/{}, source {}/{}, target {}/{}",
            report.type_accuracy(),
            report.type_any as f64 / report.records as f64,
            report.coded,
            report.records,
            report.source_correct,
            report.source_scored,
            report.target_correct,
            report.target_scored
        );
    }
    Ok(())
}
