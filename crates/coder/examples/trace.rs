//! Traces the coding of one sentence on the mention path (actors from the `actors` crate):
//! `cargo run -p coder --example trace -- "Iran rejected the U.S. offer."`
fn main() {
    let sentence = std::env::args().nth(1).unwrap_or_default();
    let dict = actors::ActorDictionary::builtin();
    let ms = dict.annotate(&sentence, jiff::civil::Date::new(2026, 2, 5).ok());
    let mentions: Vec<coder::ActorMention<'_>> = ms
        .iter()
        .filter(|m| !m.code.is_empty())
        .map(|m| coder::ActorMention {
            start: m.span.start() as usize,
            end: m.span.end() as usize,
            code: &m.code,
        })
        .collect();
    for m in &mentions {
        println!("mention {:?} {}", &sentence[m.start..m.end], m.code);
    }
    print!(
        "{}",
        coder::Coder::builtin().trace_mentions(&sentence, &mentions)
    );
}
