//! Adversarial input: never a panic, always spans on char boundaries, time linear in length.

use proptest::prelude::*;
use quotes::{QuoteExtractor, extract_quotes, split_sentences};

fn check_spans(text: &str) {
    let found = extract_quotes(text, &split_sentences(text), &[]);
    for q in &found {
        assert!(q.span.slice(text).is_some(), "content span fits the text");
        assert!(
            q.speaker.is_none_or(|s| s.slice(text).is_some()),
            "speaker span fits the text"
        );
        assert!(
            q.cue.is_none_or(|s| s.slice(text).is_some()),
            "cue span fits the text"
        );
    }
}

/// Pieces that stress the scanner: marks of every kind, cues, names, breaks, control chars.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\"",
        "''",
        "'",
        "\u{201c}",
        "\u{201d}",
        "\u{ab}",
        "\u{bb}",
        " said ",
        " told ",
        "according to ",
        " he ",
        "Trump",
        ", ",
        ". ",
        ":",
        "\n",
        "\n\n",
        "\u{0}",
        "\t",
        "U.S.",
        " that ",
        "\u{2014}",
        "adding",
        "who",
        "(",
        ")",
        "\u{e9}",
        "\u{1f600}",
        "the official",
        " calls for ",
    ])
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check_spans(&s);
    }

    #[test]
    fn quote_heavy_strings_never_panic(parts in prop::collection::vec(piece(), 0..200)) {
        check_spans(&parts.concat());
    }
}

/// Time for one extraction of `text`, best of three, in seconds.
fn time(text: &str) -> f64 {
    let mut ex = QuoteExtractor::new();
    let mut out = Vec::new();
    (0..3)
        .map(|_| {
            out.clear();
            let t = std::time::Instant::now();
            ex.extract(text, &[], &[], &mut out);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn huge_lines_stay_linear() {
    // One "sentence" without punctuation, full of cues and unbalanced marks: the worst case
    // for anything that rescans a sentence per cue or per quote.
    let unit = "he said \"they told reporters that Smith, who said, adding \u{201c}no ";
    let small = unit.repeat(2_000);
    let large = unit.repeat(16_000);
    check_spans(&large);
    let (ts, tl) = (time(&small), time(&large));
    // 8x the input may take at most ~24x the time (generous for noisy machines), never 64x.
    assert!(tl < ts * 24.0 + 0.05, "8x input took {tl:.4}s vs {ts:.4}s");
}
