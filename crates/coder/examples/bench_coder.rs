//! Coding throughput on one core next to a bare Aho-Corasick scan of the same dictionaries
//! over the same text, in the same run.
//!
//! `cargo run --release -p coder --example bench_coder [-- SECONDS]`
//!
//! Text: the 284 PETRARCH unit-test sentences and the 322 PLOVER gold sentences (read from
//! `../shared` at run time), coded on the dictionary path with the shipped verbs and the
//! Phoenix actors and agents. `backchannel bench code` measures the product's mention path. The result is checked (events per pass are counted and must
//! be the same every pass) so the loop cannot time a bug.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3.0);
    let base =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/event-coding");
    let read = |p: &str| std::fs::read_to_string(base.join(p));
    let d = "petrarch2-dictionaries/";
    let actors = [
        read(&format!("{d}Phoenix.Countries.actors.txt"))?,
        read(&format!("{d}Phoenix.International.actors.txt"))?,
        read(&format!("{d}Phoenix.MilNonState.actors.txt"))?,
    ];
    let verbs_text = include_str!("../data/cameo_verbs.txt");
    let tv = Instant::now();
    let (verbs, _) = coder::VerbDictionary::parse(verbs_text);
    let verbs_parsed = tv.elapsed();
    let t0 = Instant::now();
    let dicts = coder::Dictionaries::builtin_with(
        &[&actors[0], &actors[1], &actors[2]],
        &read(&format!("{d}Phoenix.agents.txt"))?,
        &read(&format!("{d}Phoenix.discards.txt"))?,
    )?;
    let parsed = t0.elapsed();
    let coder = coder::Coder::new(dicts);
    let built = t0.elapsed() - parsed;
    let mut sentences: Vec<String> = coder::eval::petrarch::parse_records(&read(
        "universalpetrarch-validation/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
    )?)?
    .into_iter()
    .map(|r| r.text)
    .collect();
    sentences.extend(
        coder::eval::plover::parse_records(&read("plover/PLOVER_GSR_CAMEO.txt")?)?
            .into_iter()
            .map(|r| r.text),
    );
    let bytes: usize = sentences.iter().map(String::len).sum();
    let budget = Duration::from_secs_f64(seconds);

    let mut scratch = coder::Scratch::default();
    let mut events = Vec::new();
    let ctx = coder::SentenceContext::default();
    // Warm-up pass, and the reference counts.
    let mut want_events = 0;
    for s in &sentences {
        events.clear();
        coder.code_with(s, &ctx, &mut scratch, &mut events);
        want_events += events.len();
    }
    let want_hits: usize = sentences
        .iter()
        .map(|s| coder.bare_scan(s, &mut scratch))
        .sum();

    let run = |f: &mut dyn FnMut() -> usize, want: usize| -> (f64, usize) {
        let start = Instant::now();
        let mut passes = 0;
        while start.elapsed() < budget {
            let got = f();
            assert_eq!(got, want, "a pass gave a different result");
            passes += 1;
        }
        (start.elapsed().as_secs_f64(), passes)
    };
    let (code_secs, code_passes) = run(
        &mut || {
            let mut n = 0;
            for s in &sentences {
                events.clear();
                coder.code_with(s, &ctx, &mut scratch, &mut events);
                n += events.len();
            }
            n
        },
        want_events,
    );
    let mut scratch2 = coder::Scratch::default();
    let (scan_secs, scan_passes) = run(
        &mut || {
            sentences
                .iter()
                .map(|s| coder.bare_scan(s, &mut scratch2))
                .sum()
        },
        want_hits,
    );
    let n = sentences.len() as f64;
    let code_rate = n * code_passes as f64 / code_secs;
    let scan_rate = n * scan_passes as f64 / scan_secs;
    println!(
        "dictionaries: parsed in {:.0} ms, compiled in {:.0} ms; the shipped verbs alone ({} KB, {} blocks, {} forms) parses in {:.1} ms",
        parsed.as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3,
        verbs_text.len() / 1000,
        verbs.blocks.len(),
        verbs.forms.len(),
        verbs_parsed.as_secs_f64() * 1e3
    );
    println!(
        "text: {} sentences, {:.1} KB; {} events and {} dictionary hits per pass",
        sentences.len(),
        bytes as f64 / 1e3,
        want_events,
        want_hits
    );
    println!(
        "coder:     {:>10.0} sentences/s  {:>6.1} MB/s  (one core)",
        code_rate,
        code_rate * bytes as f64 / n / 1e6
    );
    println!(
        "bare scan: {:>10.0} sentences/s  {:>6.1} MB/s  (tokenize + actor/agent and verb automata)",
        scan_rate,
        scan_rate * bytes as f64 / n / 1e6
    );
    println!("ratio coder / bare scan: {:.2}", code_rate / scan_rate);
    Ok(())
}
