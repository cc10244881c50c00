//! Prints the quotes found in the text on stdin: `echo '…' | cargo run -p quotes --example quotes_debug`.
#![allow(clippy::print_stdout)]

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let sentences = quotes::split_sentences(&text);
    for q in quotes::extract_quotes(&text, &sentences, &[]) {
        let r = q.record(&text, &[]);
        println!(
            "{:?} {:?} | speaker={:?} cue={:?} antecedent={:?}",
            r.kind,
            r.text,
            r.speaker_text,
            r.cue,
            q.antecedent.and_then(|a| a.slice(&text))
        );
    }
    Ok(())
}
