//! Prints the seed figures and errors: `cargo run -p quotes --example seeds_study`.
#![allow(clippy::print_stdout)]

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files = Vec::new();
    for e in std::fs::read_dir(corpus.join("seeds"))? {
        let p = e?.path();
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let text = std::fs::read_to_string(&p)?;
        let gold = std::fs::read_to_string(corpus.join("seeds-gold").join(format!("{id}.json")))?;
        files.push((id, text, gold));
    }
    files.sort();
    let docs: Vec<quotes::eval::seeds::SeedDoc<'_>> = files
        .iter()
        .map(|(id, text, gold)| quotes::eval::seeds::SeedDoc {
            id,
            text: quotes::eval::seeds::stored_text(text),
            gold,
        })
        .collect();
    for d in &docs {
        for q in quotes::extract_quotes(d.text, &quotes::split_sentences(d.text), &[]) {
            let r = q.record(d.text, &[]);
            println!(
                "{} {:?} {:?} <- {:?} ({:?})",
                d.id,
                r.kind,
                r.text,
                r.speaker_text,
                q.speaker_name(d.text, &[])
            );
        }
    }
    let rep = quotes::eval::seeds::score_seeds(&docs, &[])?;
    println!("{}", serde_json::to_string_pretty(&rep)?);
    Ok(())
}
