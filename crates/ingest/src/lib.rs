//! Bytes → documents: decoding, metadata, main text and fingerprints.
//!
//! Each input format has a parser that takes bytes and returns [`Draft`]s (a document
//! before the store has given it its final id) plus [`Problem`]s for what could not be read.
//! Nothing here talks to a database; walking the file system ([`walk`]) is the crate's only
//! I/O. The stored text of a document is exactly the decoded input minus its metadata prefix
//! (SPEC §2), so every byte span later computed on it can be checked by slicing.

#![deny(missing_docs)]

pub mod date;
pub mod decode;
mod error;
pub mod feed;
pub mod fingerprint;
pub mod jsonl;
pub mod text;
pub mod walk;

pub use error::{IngestError, Problem};

use model::{DocFormat, DocId, Document};

/// The largest document text accepted, in bytes. Larger inputs are rejected with a message
/// rather than stored half-processed.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// A document as parsed, before the store fixes its id and duplicate links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The id the input asks for: the JSONL `id`, else the file stem.
    pub id_hint: String,
    /// The stored text (SPEC §2).
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL of the article.
    pub url: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Publication date from metadata.
    pub published: Option<jiff::civil::Date>,
    /// A date read from the text, not a publication date.
    pub inferred_date: Option<jiff::civil::Date>,
    /// Language declared by the input (HTML `lang`), used when detection is unsure.
    pub declared_language: Option<String>,
    /// Input format.
    pub format: DocFormat,
    /// Where it came from: path, `path:line`, URL or `-`.
    pub origin: String,
    /// Things worth telling the user that did not stop the document (lossy decoding…).
    pub warnings: Vec<String>,
}

impl Draft {
    /// A draft with only the required fields set.
    pub fn new(id_hint: String, text: String, format: DocFormat, origin: String) -> Self {
        Draft {
            id_hint,
            text,
            title: None,
            source: None,
            url: None,
            author: None,
            published: None,
            inferred_date: None,
            declared_language: None,
            format,
            origin,
            warnings: Vec::new(),
        }
    }
}

/// A document ready for the store: the record plus its near-duplicate fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The document; `id` is the requested id, which the store may suffix on a clash.
    pub doc: Document,
    /// MinHash signature over word shingles.
    pub fingerprint: fingerprint::Fingerprint,
    /// Warnings carried over from parsing.
    pub warnings: Vec<String>,
}

/// Computes what the store needs from a draft: content hash, fingerprint and language.
///
/// # Errors
/// Fails when the text is empty (only whitespace) or larger than [`MAX_DOCUMENT_BYTES`].
pub fn prepare(draft: Draft) -> Result<Prepared, IngestError> {
    if draft.text.trim().is_empty() {
        return Err(IngestError::Empty {
            origin: draft.origin,
        });
    }
    if draft.text.len() > MAX_DOCUMENT_BYTES {
        return Err(IngestError::TooLarge {
            origin: draft.origin,
            bytes: draft.text.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let id = DocId::new(sanitize_id(&draft.id_hint)).map_err(|_| IngestError::BadId {
        origin: draft.origin.clone(),
        id: draft.id_hint.clone(),
    })?;
    let content_hash = fingerprint::content_hash(&draft.text);
    let fingerprint = fingerprint::Fingerprint::of(&draft.text);
    let language = detect_language(&draft.text).or(draft.declared_language.clone());
    Ok(Prepared {
        doc: Document {
            id,
            text: draft.text,
            title: draft.title,
            source: draft.source,
            url: draft.url,
            author: draft.author,
            published: draft.published,
            inferred_date: draft.inferred_date,
            language,
            format: draft.format,
            origin: draft.origin,
            content_hash,
            duplicate_of: None,
        },
        fingerprint,
        warnings: draft.warnings,
    })
}

/// Replaces characters that would make an id awkward in URLs and shells (whitespace,
/// slashes, control characters) with `_`.
fn sanitize_id(hint: &str) -> String {
    hint.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || c == '/' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Detects the language of a text as an ISO 639-3 code, when the detector is confident.
pub fn detect_language(text: &str) -> Option<String> {
    // Two kilobytes are plenty for a reliable guess and keep detection cheap.
    let mut end = text.len().min(2 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if info.is_reliable() || info.confidence() > 0.5 {
        Some(info.lang().code().to_owned())
    } else {
        None
    }
}

/// Which parser an input goes to, decided from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `.txt`, stdin, or any unknown extension.
    Text,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`.
    Html,
    /// `.jsonl`, `.ndjson`.
    Jsonl,
    /// `.xml`, `.rss`, `.atom`, `.json` feed files.
    Feed,
}

impl InputKind {
    /// The kind for a path, from its extension (case-insensitive).
    pub fn of_path(path: &std::path::Path) -> InputKind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => InputKind::Markdown,
            Some("html" | "htm" | "xhtml") => InputKind::Html,
            Some("jsonl" | "ndjson") => InputKind::Jsonl,
            Some("xml" | "rss" | "atom" | "json") => InputKind::Feed,
            _ => InputKind::Text,
        }
    }
}

/// Reads one input's bytes into drafts, by kind. `stem` is the file stem (the default id),
/// `origin` names the input in messages. Bad records become problems; the rest are returned.
pub fn parse_input(
    kind: InputKind,
    stem: &str,
    origin: &str,
    bytes: &[u8],
) -> (Vec<Draft>, Vec<IngestError>) {
    match kind {
        InputKind::Html => match parse_html(stem, origin, bytes, None) {
            Ok(draft) => (vec![draft], Vec::new()),
            Err(err) => (Vec::new(), vec![err]),
        },
        InputKind::Feed => match feed::parse(stem, origin, bytes) {
            Ok(parsed) => parsed,
            Err(err) => (Vec::new(), vec![err]),
        },
        InputKind::Text | InputKind::Markdown | InputKind::Jsonl => {
            let decoded = match decode::decode(origin, bytes) {
                Ok(decoded) => decoded,
                Err(err) => return (Vec::new(), vec![err]),
            };
            let (mut drafts, problems) = match kind {
                InputKind::Jsonl => jsonl::parse(stem, origin, &decoded.text),
                _ => (
                    vec![text::parse(
                        stem,
                        origin,
                        &decoded.text,
                        kind == InputKind::Markdown,
                    )],
                    Vec::new(),
                ),
            };
            if let Some(warning) = decoded.warning {
                for draft in &mut drafts {
                    draft.warnings.push(warning.clone());
                }
            }
            (drafts, problems)
        }
    }
}

/// Guesses the kind of input read from stdin or a URL from its first bytes: `{` → JSONL,
/// `<rss`/`<feed`/`<?xml` → feed, `<` → HTML, else text.
pub fn sniff(bytes: &[u8]) -> InputKind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        InputKind::Jsonl
    } else if trimmed.starts_with("<rss")
        || trimmed.starts_with("<feed")
        || (trimmed.starts_with("<?xml") && (head.contains("<rss") || head.contains("<feed")))
    {
        InputKind::Feed
    } else if trimmed.starts_with('<') {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

/// Reads an HTML page: main text, title, author, date, site and declared language.
///
/// # Errors
/// Names the page when no main text can be found or the bytes are not a page.
pub fn parse_html(
    stem: &str,
    origin: &str,
    bytes: &[u8],
    url: Option<&str>,
) -> Result<Draft, IngestError> {
    let article = html::extract(bytes, url).map_err(|err| IngestError::Html {
        origin: origin.to_owned(),
        message: err.to_string(),
    })?;
    let mut draft = Draft::new(
        stem.to_owned(),
        article.text,
        DocFormat::Html,
        origin.to_owned(),
    );
    draft.title = article.title;
    draft.author = article.author;
    draft.published = article.published;
    draft.source = article.site;
    draft.url = url.map(str::to_owned);
    draft.declared_language = article
        .language
        .as_deref()
        .and_then(|tag| tag.split(['-', '_']).next())
        .and_then(|code| whatlang::Lang::from_code(iso639_1_to_3(code)?))
        .map(|lang| lang.code().to_owned());
    draft.warnings = article.warnings;
    Ok(draft)
}

/// ISO 639-1 → 639-3 for the languages news is most often written in.
fn iso639_1_to_3(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_lowercase().as_str() {
        "en" => "eng",
        "fr" => "fra",
        "es" => "spa",
        "de" => "deu",
        "ar" => "ara",
        "fa" => "pes",
        "ru" => "rus",
        "uk" => "ukr",
        "zh" => "cmn",
        "he" => "heb",
        "tr" => "tur",
        "it" => "ita",
        "pt" => "por",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_rejects_empty_and_keeps_text() {
        let empty = Draft::new("a".into(), " \n\t".into(), DocFormat::Text, "a.txt".into());
        assert!(matches!(prepare(empty), Err(IngestError::Empty { .. })));
        let text = "Negotiators from both sides met in Geneva on Tuesday and agreed to meet again next week to discuss a prisoner exchange.";
        let draft = Draft::new("my doc/1".into(), text.into(), DocFormat::Text, "x".into());
        let prepared = prepare(draft).expect("valid");
        assert_eq!(prepared.doc.id.as_str(), "my_doc_1");
        assert_eq!(prepared.doc.text, text);
        assert_eq!(prepared.doc.language.as_deref(), Some("eng"));
        assert_eq!(prepared.doc.content_hash.len(), 64);
    }

    #[test]
    fn input_kind_from_extension() {
        use std::path::Path;
        assert_eq!(InputKind::of_path(Path::new("a/B.HTM")), InputKind::Html);
        assert_eq!(InputKind::of_path(Path::new("x.jsonl")), InputKind::Jsonl);
        assert_eq!(InputKind::of_path(Path::new("feed.rss")), InputKind::Feed);
        assert_eq!(InputKind::of_path(Path::new("notes")), InputKind::Text);
        assert_eq!(InputKind::of_path(Path::new("n.md")), InputKind::Markdown);
    }
}
