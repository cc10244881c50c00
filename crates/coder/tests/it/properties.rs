//! Arbitrary input never panics.

use coder::{Coder, Dictionaries, SentenceContext};
use proptest::prelude::*;

fn coder() -> Coder {
    let dicts = Dictionaries::parse(
        "--- MEET [040:040] ---\nMEET {MET}\n- * (WITH +) [040]\n- $ * [041]\n- % * [042]\n--- SAY [010] ---\nSAY\n- * ^ &X [011]\n&X\n+TALK\n",
        "IRAN [IRN]\nUNITED_STATES [USA]\n+US\n",
        "OFFICIAL [~GOV]\nMSF {} [NGO~]\n",
        "+STORM\nGOLF_\n",
    )
    .expect("valid test dictionary");
    Coder::new(dicts)
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let c = coder();
        let events = c.code(&text, &SentenceContext::default());
        for e in events {
            prop_assert!(e.trigger.0 <= e.trigger.1 && e.trigger.1 <= text.len());
            prop_assert!(text.is_char_boundary(e.source.start) && text.is_char_boundary(e.source.end));
        }
    }

    #[test]
    fn dictionary_words_in_any_order_never_panic(words in proptest::collection::vec(
        prop_oneof![
            Just("Iran"), Just("the"), Just("United"), Just("States"), Just("met"), Just("with"),
            Just(","), Just("and"), Just("official"), Just("("), Just(")"), Just("was"), Just("by"),
            Just("not"), Just("said"), Just("'s"), Just("MSF"), Just("US"), Just("talk"), Just("that"),
        ], 0..30)) {
        let text = words.join(" ");
        let _ = coder().code(&text, &SentenceContext { date: Some(20260206) });
    }

    #[test]
    fn dictionary_readers_never_panic(text in "\\PC{0,300}") {
        let _ = coder::VerbDictionary::parse(&text);
        let _ = coder::ActorDictionary::parse(&text);
        let _ = coder::AgentDictionary::parse(&text);
        let _ = coder::Discards::parse(&text);
        let _ = coder::eval::petrarch::parse_records(&text);
        let _ = coder::eval::plover::parse_records(&text);
    }
}
