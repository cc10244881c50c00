//! Study tool for the train split: prints the figures and samples of each kind of error.
//!
//! `cargo run --release -p quotes --example polnear_study -- train [missed|fp|speaker] [N] [PRED_OUT]`
#![allow(clippy::print_stdout)]

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let split = args.get(1).map_or("train", String::as_str);
    let what = args.get(2).map_or("missed", String::as_str);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/polnear");
    let text = std::fs::read_to_string(dir.join(format!("{split}.jsonl")))?;
    let gold = quotes::eval::polnear::parse_gold(&text)?;
    let (preds, report, details) = quotes::eval::polnear::evaluate(&gold);
    if let Some(out) = args.get(4) {
        let mut s = String::new();
        for p in &preds {
            s.push_str(&serde_json::to_string(p)?);
            s.push('\n');
        }
        std::fs::write(out, s)?;
    }
    println!("{}", serde_json::to_string(&report)?);
    if split != "train" {
        return Ok(());
    }
    let list = match what {
        "fp" => &details.false_positives,
        "speaker" => &details.wrong_speakers,
        _ => &details.missed,
    };
    // Spread the sample over the list.
    let step = (list.len() / n.max(1)).max(1);
    for m in list.iter().step_by(step).take(n) {
        let doc = &gold[m.doc_index];
        let t = &doc.text;
        let lo = t.floor_char_boundary(m.start.saturating_sub(150));
        let hi = t.ceil_char_boundary((m.end + 80).min(t.len()));
        let src = m.source.map(|(a, b)| &t[a..b]);
        println!(
            "--- {} [{}] src={:?} pred_spk={:?}",
            m.doc, m.kind, src, m.predicted_speaker
        );
        println!(
            "{}<<{}>>{}",
            &t[lo..m.start],
            &t[m.start..m.end],
            &t[m.end..hi]
        );
    }
    Ok(())
}
