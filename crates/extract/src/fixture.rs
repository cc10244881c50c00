//! Test fixtures: text with expected spans marked inline as `[[…]]`.

use model::Span;

/// Removes the `[[` `]]` marks from `marked` and returns the plain text and the marked spans
/// (byte offsets into the plain text), in order.
pub fn split_marks(marked: &str) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[") {
            open = Some(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("]]") {
            let start = open.take().expect("every ]] in a fixture closes a [[");
            spans.push(Span::new(start as u32, text.len() as u32).expect("ordered marks"));
            rest = r;
        } else {
            let c = rest.chars().next().expect("non-empty rest");
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (text, spans)
}

#[test]
fn marks_become_spans() {
    let (text, spans) = split_marks("Talks resume [[tomorrow]] in [[Muscat]].");
    assert_eq!(text, "Talks resume tomorrow in Muscat.");
    let got: Vec<&str> = spans.iter().filter_map(|s| s.slice(&text)).collect();
    assert_eq!(got, ["tomorrow", "Muscat"]);
}
