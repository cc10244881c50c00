//! Property tests: no parser panics on any bytes, and the stored text is always an exact
//! suffix of the decoded input (only the metadata prefix is removed).

use ingest::{InputKind, parse_input, prepare};
use proptest::prelude::*;

fn kinds() -> impl Strategy<Value = InputKind> {
    prop_oneof![
        Just(InputKind::Text),
        Just(InputKind::Markdown),
        Just(InputKind::Jsonl),
        Just(InputKind::Feed),
        Just(InputKind::Html),
    ]
}

/// Inputs that look like our formats, with random damage.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just(" date 2026-02-05 ".to_owned()),
        Just("---\n".to_owned()),
        Just("title: Talks\n".to_owned()),
        Just("date: 2026-13-45\n".to_owned()),
        Just("By Jane Roe\n".to_owned()),
        Just("MUSCAT, Feb. 6 (Wire) -- ".to_owned()),
        Just("February 6, 2026\n".to_owned()),
        Just("{\"text\": \"x\"}\n".to_owned()),
        Just("<rss><channel><item><description>".to_owned()),
        Just("<html><body><p>".to_owned()),
        Just("\n\n".to_owned()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(kind in kinds(), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let (drafts, _problems) = parse_input(kind, "p", "p", &bytes);
        for draft in drafts {
            let _ = prepare(draft);
        }
    }

    #[test]
    fn stored_text_is_a_suffix_of_the_input(text in newsish()) {
        let (drafts, problems) = parse_input(InputKind::Text, "p", "p", text.as_bytes());
        if problems.is_empty() {
            prop_assert_eq!(drafts.len(), 1);
            let stored = &drafts[0].text;
            prop_assert!(text.ends_with(stored.as_str()), "{:?} is not a suffix of {:?}", stored, text);
            // A publication date only ever comes from metadata at the start.
            if drafts[0].published.is_some() {
                prop_assert!(text.starts_with(" date ") || text.starts_with("date ") || text.starts_with("---") || text.contains("date:"));
            }
        }
    }
}
