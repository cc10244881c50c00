//! Bytes → UTF-8 text for an HTML page: byte-order mark, then a declared `charset` in the
//! first kilobytes, then valid UTF-8, then a guess from the bytes themselves.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` declaration is looked for (the HTML standard's
/// prescan reads 1,024 bytes; real pages often put it later, after long comments or scripts).
const PRESCAN: usize = 4096;

/// A decoded page and how the encoding was chosen.
pub(crate) struct Decoded {
    /// The page as UTF-8, without a byte-order mark.
    pub(crate) text: String,
    /// The encoding used, by its WHATWG name.
    pub(crate) encoding: &'static str,
    /// Whether some bytes were not valid in that encoding (replaced by U+FFFD).
    pub(crate) had_errors: bool,
}

/// Decodes `bytes`: a BOM wins, then a `charset=` in a `<meta>` tag near the top, then UTF-8 if
/// the bytes are valid UTF-8, then `chardetng`'s guess.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let encoding = if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        encoding
    } else if let Some(declared) = declared_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        declared
    } else if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    };
    // `decode` sniffs and strips a BOM itself, and replaces malformed sequences.
    let (text, used, had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        had_errors,
    }
}

/// Finds `charset=NAME` inside a `<meta` tag in `head` and maps the label to an encoding, the way
/// the HTML standard does: UTF-16 labels mean UTF-8 (the bytes are ASCII-compatible if a meta tag
/// was found), and `x-user-defined` means windows-1252.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut rest = head;
    while let Some(start) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(at) = find_ascii_ci(tag, b"charset") {
            let value = tag[at + b"charset".len()..]
                .iter()
                .skip_while(|b| {
                    b.is_ascii_whitespace() || **b == b'=' || **b == b'"' || **b == b'\''
                })
                .take_while(|b| {
                    !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
                })
                .copied()
                .collect::<Vec<u8>>();
            if let Some(encoding) = Encoding::for_label(&value) {
                return Some(match encoding.name() {
                    "UTF-16LE" | "UTF-16BE" => UTF_8,
                    "x-user-defined" => WINDOWS_1252,
                    _ => encoding,
                });
            }
        }
        rest = &rest[start + end.max(1)..];
    }
    None
}

/// Byte offset of `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Share of characters that no text page contains: NUL and other C0/C1 controls (except tab,
/// newlines, form feed) and U+FFFD replacement characters. Binary data scores high.
pub(crate) fn garbage_ratio(text: &str) -> f64 {
    let (mut bad, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
        bad += usize::from(control || c == '\u{fffd}');
    }
    if all == 0 {
        0.0
    } else {
        bad as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93quoted\x94</body>";
        let decoded = decode(page);
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(
            decoded.text.contains("café \u{201c}quoted\u{201d}"),
            "{}",
            decoded.text
        );
        assert!(!decoded.had_errors);
    }

    #[test]
    fn http_equiv_charset() {
        let page =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>na\xefve";
        // WHATWG maps ISO-8859-1 to windows-1252.
        assert_eq!(decode(page).encoding, "windows-1252");
        assert!(decode(page).text.ends_with("naïve"));
    }

    #[test]
    fn bom_beats_declaration() {
        let page = b"\xef\xbb\xbf<meta charset=windows-1252><p>\xc3\xa9t\xc3\xa9";
        let decoded = decode(page);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, "<meta charset=windows-1252><p>été");
    }

    #[test]
    fn undeclared_bytes_are_guessed() {
        assert_eq!(decode("<p>déjà vu".as_bytes()).encoding, "UTF-8");
        let latin = b"<p>Le ministre a d\xe9clar\xe9 que la r\xe9union \xe9tait report\xe9e \xe0 la semaine prochaine.";
        let decoded = decode(latin);
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("déclaré"));
    }

    #[test]
    fn utf16_label_means_utf8() {
        assert_eq!(decode(b"<meta charset=utf-16><p>ok").encoding, "UTF-8");
    }

    #[test]
    fn garbage_ratio_separates_text_from_binary() {
        assert_eq!(garbage_ratio("<p>plain\ttext\r\n</p>"), 0.0);
        assert!(garbage_ratio("\u{0}\u{1}\u{2}ab\u{fffd}") > 0.5);
    }
}
