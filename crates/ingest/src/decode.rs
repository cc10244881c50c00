//! Bytes → UTF-8 text: byte-order marks, UTF-16, legacy encodings, binary detection.

use crate::IngestError;

/// Decoded text and, when the input was not clean UTF-8, a warning saying what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// Set when the bytes were converted from another encoding or repaired.
    pub warning: Option<String>,
}

/// Decodes an input to UTF-8.
///
/// A UTF-8 BOM is removed; UTF-16 with a BOM is decoded; valid UTF-8 is kept as is; anything
/// else is decoded with the encoding `chardetng` guesses (Windows-1252 for most Western text)
/// and a warning names that encoding.
///
/// # Errors
/// Returns [`IngestError::Binary`] for bytes that are not text (NUL bytes, many control
/// characters).
pub fn decode(origin: &str, bytes: &[u8]) -> Result<Decoded, IngestError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = if encoding == encoding_rs::UTF_8 && !had_errors {
            None
        } else if had_errors {
            Some(format!(
                "decoded as {} with invalid bytes replaced by U+FFFD",
                encoding.name()
            ))
        } else {
            Some(format!("decoded from {}", encoding.name()))
        };
        let text = text.into_owned();
        check_text(origin, &text)?;
        return Ok(Decoded { text, warning });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary {
            origin: origin.to_owned(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            check_text(origin, text)?;
            Ok(Decoded {
                text: text.to_owned(),
                warning: None,
            })
        }
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = detector.guess(None, true);
            let (text, _, had_errors) = encoding.decode(bytes);
            let text = text.into_owned();
            check_text(origin, &text)?;
            let warning = if had_errors {
                format!(
                    "not valid UTF-8; decoded as {} with invalid bytes replaced by U+FFFD",
                    encoding.name()
                )
            } else {
                format!("not valid UTF-8; decoded as {}", encoding.name())
            };
            Ok(Decoded {
                text,
                warning: Some(warning),
            })
        }
    }
}

/// NUL bytes never occur in text files; more than 10% control bytes in the first 8 KiB
/// means binary too.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

fn check_text(origin: &str, text: &str) -> Result<(), IngestError> {
    let head: String = text.chars().take(4096).collect();
    let control = head
        .chars()
        .filter(|&c| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')))
        .count();
    if control * 10 > head.chars().count().max(1) {
        return Err(IngestError::Binary {
            origin: origin.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_removed() {
        let got = decode("a", b"\xEF\xBB\xBFTalks resumed.").expect("text");
        assert_eq!(got.text, "Talks resumed.");
        assert_eq!(got.warning, None);
    }

    #[test]
    fn utf16le_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Envoys met in Doha.".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let got = decode("a", &bytes).expect("text");
        assert_eq!(got.text, "Envoys met in Doha.");
        assert_eq!(got.warning.as_deref(), Some("decoded from UTF-16LE"));
    }

    #[test]
    fn windows_1252_is_detected() {
        // “Caf\xe9” with curly quotes 0x93/0x94 in Windows-1252.
        let bytes = b"The minister called it \x93a fair deal\x94 at the caf\xe9 in Gen\xe8ve.";
        let got = decode("a", bytes).expect("text");
        assert_eq!(
            got.text,
            "The minister called it \u{201c}a fair deal\u{201d} at the caf\u{e9} in Gen\u{e8}ve."
        );
        assert_eq!(
            got.warning.as_deref(),
            Some("not valid UTF-8; decoded as windows-1252")
        );
    }

    #[test]
    fn binary_is_rejected() {
        let bytes = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        assert!(matches!(
            decode("img.txt", &bytes),
            Err(IngestError::Binary { origin }) if origin == "img.txt"
        ));
    }
}
