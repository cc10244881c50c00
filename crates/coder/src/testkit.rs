//! Helpers shared by the crate's unit tests.

use crate::code::ActorMention;

/// The mentions of `words` in `text`: each (word, code) pair found at its first occurrence
/// at or after the end of the one before.
pub(crate) fn mentions_in(
    text: &str,
    words: &[(&str, &'static str)],
) -> Vec<ActorMention<'static>> {
    let mut from = 0;
    words
        .iter()
        .map(|&(w, code)| {
            let start = from + text[from..].find(w).expect("word in text");
            from = start + w.len();
            ActorMention {
                start,
                end: start + w.len(),
                code,
            }
        })
        .collect()
}
