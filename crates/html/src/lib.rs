//! HTML page → main article text and metadata.
//!
//! [`extract`] decodes the page bytes (byte-order mark, declared `charset`, else UTF-8, else a
//! guess), removes the boilerplate around the article (navigation, sidebars, footers, cookie
//! banners, comments) with the `rs-trafilatura` extractor, and reads the title, author,
//! publication date, site name and language from the page's own markup.
//!
//! **Paragraphs** in [`Article::text`] are separated by a blank line (`"\n\n"`); a single
//! `"\n"` separates lines inside one block, such as list items or table rows. Lines carry no
//! leading or trailing whitespace and the text has no leading or trailing blank lines.
//!
//! The [`score`] module implements the article-extraction-benchmark's scoring, so the extractor
//! can be measured against its gold texts.
//!
//! ```
//! let page = br#"<html lang="en"><head><title>Talks resume | Harbour Times</title>
//! <meta property="og:site_name" content="Harbour Times"></head><body>
//! <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//! <article><h1>Talks resume</h1>
//! <p>Negotiators from both delegations met again on Tuesday in a hotel near the harbour, their
//! first meeting since the previous round broke down over the sequencing of sanctions relief.</p>
//! <p>Officials on both sides described the session as businesslike and said that technical
//! teams would continue working through the weekend on the remaining disputed clauses.</p>
//! </article><footer>Copyright Harbour Times</footer></body></html>"#;
//! let article = html::extract(page, None)?;
//! assert!(article.text.contains("first meeting since the previous round"));
//! assert!(!article.text.contains("Copyright"));
//! assert_eq!(article.site.as_deref(), Some("Harbour Times"));
//! assert_eq!(article.language.as_deref(), Some("en"));
//! # Ok::<(), html::HtmlError>(())
//! ```
#![deny(missing_docs)]

mod decode;
mod metadata;
pub mod score;

use std::panic::{AssertUnwindSafe, catch_unwind};

use jiff::civil::Date;

/// Above this share of control or undecodable characters the input is taken for binary data.
const MAX_GARBAGE_RATIO: f64 = 0.05;

/// The main text and metadata of one HTML page.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article's main text; paragraphs separated by `"\n\n"` (see the crate docs).
    pub text: String,
    /// The headline: `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// The byline: `<meta name=author>`, `article:author`, or JSON-LD `author` (several names
    /// joined with ", ").
    pub author: Option<String>,
    /// The publication date as the page writes it (the publisher's local calendar date).
    pub published: Option<Date>,
    /// The full publication timestamp exactly as found in the page, e.g.
    /// `2024-03-05T09:30:00+01:00`; `published` is its leading date.
    pub published_at: Option<String>,
    /// The site's name (`og:site_name` and fallbacks).
    pub site: Option<String>,
    /// The page's language tag as declared, e.g. `en` or `en-US` (`<html lang>` or meta).
    pub language: Option<String>,
    /// The character encoding the page was decoded from, by its WHATWG name (`UTF-8`,
    /// `windows-1252`, …).
    pub encoding: &'static str,
    /// Problems that did not stop extraction (truncated page, undecodable bytes, …), one
    /// sentence each.
    pub warnings: Vec<String>,
}

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum HtmlError {
    /// The input holds no characters other than whitespace.
    #[error("the page is empty; check that the download or file copy completed")]
    Empty,
    /// The bytes do not decode to text.
    #[error(
        "the input looks like binary data, not an HTML page ({percent}% control or undecodable characters); check the file type"
    )]
    NotHtml {
        /// Share of control or undecodable characters, in percent.
        percent: u32,
    },
    /// Extraction ran but found no main text.
    #[error(
        "no main article text found in the page; it may be an index, a login or consent wall, or a page that builds its text with JavaScript: save the rendered page, or supply the text as .txt or JSONL"
    )]
    NoMainText,
    /// The extractor itself reported a failure.
    #[error("the HTML extractor failed: {message}; report the page if it opens in a browser")]
    Extractor {
        /// The extractor's own message.
        message: String,
    },
    /// The extractor crashed on this page; caught so a batch can go on.
    #[error("the HTML extractor crashed on this page (internal error); please report the page")]
    Panicked,
}

/// Extracts the main article text and metadata from an HTML page.
///
/// `html` is the page as served (any encoding); `url` is where it came from, if known (it helps
/// the extractor with site-specific layouts). Never panics.
///
/// # Errors
/// [`HtmlError::Empty`] for blank input, [`HtmlError::NotHtml`] for binary data,
/// [`HtmlError::NoMainText`] when no article text is found, [`HtmlError::Extractor`] and
/// [`HtmlError::Panicked`] when the extractor fails.
pub fn extract(html: &[u8], url: Option<&str>) -> Result<Article, HtmlError> {
    let decoded = decode::decode(html);
    if decoded.text.trim().is_empty() {
        return Err(HtmlError::Empty);
    }
    let garbage = decode::garbage_ratio(&decoded.text);
    if garbage > MAX_GARBAGE_RATIO {
        return Err(HtmlError::NotHtml {
            percent: (garbage * 100.0).round() as u32,
        });
    }
    let mut warnings = Vec::new();
    if decoded.had_errors {
        warnings.push(format!(
            "some bytes are not valid {} and were replaced by U+FFFD",
            decoded.encoding
        ));
    }
    if looks_truncated(&decoded.text) {
        warnings.push(
            "the page looks truncated (it opens an <html> document but never closes it); the text may be incomplete"
                .to_owned(),
        );
    }
    let text = decoded.text;
    // Backchannel reads news coverage: every page is taken for an article, which skips the
    // extractor's page-type classifier and its merging of page sections
    // meant for product, service and listing pages.
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let doc = dom_query::Document::from(text.as_str());
        let own = metadata::read(&doc);
        if !metadata::body_has_text(&doc) {
            return None;
        }
        Some((own, rs_trafilatura::extract_with_options(&text, &options)))
    }));
    // Without text in the body, the extractor would fall back to the <title>: no article.
    let (own, result) = outcome
        .map_err(|_| HtmlError::Panicked)?
        .ok_or(HtmlError::NoMainText)?;
    let result = match result {
        Ok(result) => result,
        Err(rs_trafilatura::Error::NoContent) => return Err(HtmlError::NoMainText),
        Err(other) => {
            return Err(HtmlError::Extractor {
                message: other.to_string(),
            });
        }
    };
    let body = tidy(&result.content_text);
    if body.is_empty() {
        return Err(HtmlError::NoMainText);
    }
    let theirs = result.metadata;
    let (published_at, published) = match (own.published_at, own.published) {
        (Some(raw), Some(date)) => (Some(raw), Some(date)),
        _ => {
            // The extractor's date is a chrono UTC timestamp: cross to jiff through RFC 3339.
            let raw = theirs.date.map(|d| d.to_rfc3339());
            let date = raw.as_deref().and_then(metadata::leading_date);
            (raw.filter(|_| date.is_some()), date)
        }
    };
    warnings.extend(
        result
            .warnings
            .into_iter()
            .map(|w| format!("extractor: {w}")),
    );
    Ok(Article {
        text: body,
        title: own.title.or(theirs.title.filter(|t| !t.trim().is_empty())),
        author: own
            .author
            .or(theirs.author.filter(|a| !a.trim().is_empty())),
        published,
        published_at,
        site: own
            .site
            .or(theirs.sitename.filter(|s| !s.trim().is_empty())),
        language: own
            .language
            .or(theirs.language.filter(|l| !l.trim().is_empty())),
        encoding: decoded.encoding,
        warnings,
    })
}

/// Whether a page that starts as a full document (`<!doctype` or `<html`) lacks both
/// `</body>` and `</html>` near its end.
fn looks_truncated(text: &str) -> bool {
    let start = text.trim_start().as_bytes();
    let opens_document = [b"<!doctype".as_slice(), b"<html"]
        .iter()
        .any(|tag| start.len() >= tag.len() && start[..tag.len()].eq_ignore_ascii_case(tag));
    if !opens_document {
        return false;
    }
    let bytes = text.as_bytes();
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    let closes = |tag: &[u8]| tail.windows(tag.len()).any(|w| w.eq_ignore_ascii_case(tag));
    !(closes(b"</html") || closes(b"</body"))
}

/// Trims the whitespace around every line (HTML source indentation), turns runs of blank lines
/// into one blank line and drops leading and trailing blank lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run { "\n\n" } else { "\n" });
        }
        blank_run = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests;
