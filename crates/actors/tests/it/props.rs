//! Property tests: any input is matched without panic, and every span is a valid slice.

use actors::ActorDictionary;
use proptest::prelude::*;

fn check_spans(text: &str) {
    let dict = ActorDictionary::builtin();
    let mentions = dict.annotate(text, None);
    let mut last_start = 0;
    for m in &mentions {
        let (s, e) = (m.span.start() as usize, m.span.end() as usize);
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} in {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= last_start, "mentions come in text order");
        last_start = s;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check_spans(&text);
    }

    #[test]
    fn newsy_strings_give_valid_spans(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Iran’s"), Just("U.S."), Just("al-Busaidi"), Just("Araqchi"),
                Just("the foreign minister"), Just("Tehran"), Just("officials"), Just("Gulf"),
                Just("ǅemal"), Just("Ḫāmene'ī"), Just("–"), Just("'s"), Just(","), Just("ß"),
                Just("İstanbul"), Just("\u{301}"), Just("e\u{301}"), Just("Ⅻ"), Just("ﬁ"),
            ],
            0..24,
        ),
        sep in prop_oneof![Just(" "), Just(""), Just("\n"), Just("-")],
    ) {
        check_spans(&words.join(sep));
    }
}
