//! Page metadata read from the HTML head and body: title, author, publication date, site name
//! and language, each from a fixed order of sources (the first non-empty one wins).
//!
//! - title: `og:title`, `<title>`, the first `<h1>`;
//! - author: `<meta name=author>`, `article:author` (unless it is a URL), JSON-LD `author`;
//! - date: `article:published_time`, JSON-LD `datePublished`, `<time datetime>` (preferring one
//!   marked `itemprop=datePublished` or `pubdate`), then `<meta name=date>` and its variants;
//! - site: `og:site_name`, `application-name`, JSON-LD `publisher.name`;
//! - language: `<html lang>`, `<meta http-equiv=content-language>`, `og:locale`.

use dom_query::Document;
use jiff::civil::Date;
use serde_json::Value;

/// What the page itself says about the article.
#[derive(Debug, Default)]
pub(crate) struct PageMetadata {
    pub(crate) title: Option<String>,
    pub(crate) author: Option<String>,
    /// The raw publication timestamp as the page gives it (e.g. `2024-03-05T09:30:00+01:00`).
    pub(crate) published_at: Option<String>,
    /// The calendar date at the start of `published_at`, as written (the publisher's local date).
    pub(crate) published: Option<Date>,
    pub(crate) site: Option<String>,
    pub(crate) language: Option<String>,
}

/// Collapses runs of whitespace to one space and trims; `None` when nothing is left.
fn clean(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// The `<meta>` tags of a page that carry a `content`: (name, property, itemprop,
/// http-equiv, content), read once.
struct Metas(Vec<[Option<String>; 5]>);

impl Metas {
    fn read(doc: &Document) -> Metas {
        let keys = ["name", "property", "itemprop", "http-equiv"];
        Metas(
            doc.select("meta[content]")
                .nodes()
                .iter()
                .map(|node| {
                    let [a, b, c, d] =
                        keys.map(|k| node.attr(k).map(|v| v.trim().to_ascii_lowercase()));
                    [a, b, c, d, node.attr("content").and_then(|c| clean(&c))]
                })
                .collect(),
        )
    }

    /// The content of the first tag whose `attr` equals one of `names` (lower case), trying the
    /// names in order.
    fn get(&self, attr: &str, names: &[&str]) -> Option<String> {
        let slot = match attr {
            "name" => 0,
            "property" => 1,
            "itemprop" => 2,
            _ => 3,
        };
        names.iter().find_map(|name| {
            self.0.iter().find_map(|tag| match (&tag[slot], &tag[4]) {
                (Some(key), Some(content)) if key == name => Some(content.clone()),
                _ => None,
            })
        })
    }
}

/// Reads the metadata of a parsed page.
pub(crate) fn read(doc: &Document) -> PageMetadata {
    let metas = Metas::read(doc);
    let meta = |attr: &str, names: &[&str]| metas.get(attr, names);
    let json_ld = json_ld(doc);
    let title = meta("property", &["og:title"])
        .or_else(|| meta("name", &["og:title"]))
        .or_else(|| {
            doc.select("title")
                .nodes()
                .first()
                .and_then(|n| clean(&n.text()))
        })
        .or_else(|| {
            doc.select("h1")
                .nodes()
                .first()
                .and_then(|n| clean(&n.text()))
        });
    let author = meta("name", &["author"])
        .or_else(|| meta("property", &["article:author"]).filter(|a| !looks_like_url(a)))
        .or_else(|| {
            json_ld
                .iter()
                .find_map(|v| find_key(v, "author").and_then(person_name))
        });
    let (published_at, published) = published(doc, &metas, &json_ld);
    let site = meta("property", &["og:site_name"])
        .or_else(|| meta("name", &["og:site_name", "application-name"]))
        .or_else(|| {
            json_ld
                .iter()
                .find_map(|v| find_key(v, "publisher").and_then(person_name))
        });
    let language = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang"))
        .and_then(|l| clean(&l))
        .or_else(|| meta("http-equiv", &["content-language"]))
        .or_else(|| meta("property", &["og:locale"]));
    PageMetadata {
        title,
        author,
        published_at,
        published,
        site,
        language,
    }
}

/// Whether the page's `<body>` holds any visible text (outside scripts, styles and templates).
/// Removes those elements from `doc`, so call it after [`read`].
pub(crate) fn body_has_text(doc: &Document) -> bool {
    doc.select("script, style, noscript, template").remove();
    doc.select("body")
        .nodes()
        .iter()
        .any(|body| !body.text().trim().is_empty())
}

/// The first publication timestamp that parses to a date, from the sources in module order.
fn published(doc: &Document, metas: &Metas, json_ld: &[Value]) -> (Option<String>, Option<Date>) {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(metas.get("property", &["article:published_time"]));
    candidates.extend(metas.get("name", &["article:published_time"]));
    candidates.extend(
        json_ld
            .iter()
            .filter_map(|v| find_key(v, "datePublished"))
            .filter_map(|v| v.as_str().and_then(clean)),
    );
    let times = doc.select("time[datetime]");
    let marked = times.nodes().iter().find(|n| {
        n.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || n.has_attr("pubdate")
    });
    candidates.extend(
        marked
            .or(times.nodes().first())
            .and_then(|n| n.attr("datetime"))
            .and_then(|d| clean(&d)),
    );
    candidates.extend(metas.get("itemprop", &["datepublished"]));
    candidates.extend(metas.get(
        "name",
        &[
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date.issued",
            "dcterms.date",
            "dc.date",
            "sailthru.date",
            "parsely-pub-date",
        ],
    ));
    for raw in candidates {
        if let Some(date) = leading_date(&raw) {
            return (Some(raw), Some(date));
        }
    }
    (None, None)
}

/// Parses the `YYYY-MM-DD` (or `YYYY/MM/DD`) at the start of a timestamp.
pub(crate) fn leading_date(raw: &str) -> Option<Date> {
    let head = raw.trim().get(..10)?;
    let bytes = head.as_bytes();
    if !(matches!(bytes[4], b'-' | b'/') && bytes[7] == bytes[4]) {
        return None;
    }
    let year: i16 = head[..4].parse().ok()?;
    let month: i8 = head[5..7].parse().ok()?;
    let day: i8 = head[8..10].parse().ok()?;
    Date::new(year, month, day).ok()
}

fn looks_like_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

/// Parses every `<script type="application/ld+json">` block that is valid JSON.
fn json_ld(doc: &Document) -> Vec<Value> {
    doc.select("script")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|n| serde_json::from_str(n.text().trim()).ok())
        .collect()
}

/// The first value under `key`, searching objects depth-first (through arrays and `@graph`).
fn find_key<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

/// A name from a JSON-LD person or organisation: a string, `{"name": …}`, or a list of those
/// (joined with ", ").
fn person_name(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s).filter(|s| !looks_like_url(s)),
        Value::Object(map) => map.get("name").and_then(person_name),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(person_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dates() {
        assert_eq!(
            leading_date("2024-03-05T23:30:00-05:00"),
            Some(jiff::civil::date(2024, 3, 5))
        );
        assert_eq!(
            leading_date("2019/11/30"),
            Some(jiff::civil::date(2019, 11, 30))
        );
        assert_eq!(leading_date("2024-02-30"), None);
        assert_eq!(leading_date("March 5, 2024"), None);
        assert_eq!(leading_date("2024"), None);
        assert_eq!(leading_date("2024-é3-05"), None);
    }

    #[test]
    fn json_ld_graph_and_author_lists() {
        let doc = Document::from(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle",
            "datePublished":"2025-06-01T08:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"Li Wei"}],
            "publisher":{"name":"Harbour Times"}}]}</script><p>x"#,
        );
        let m = read(&doc);
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz, Li Wei"));
        assert_eq!(m.published_at.as_deref(), Some("2025-06-01T08:00:00Z"));
        assert_eq!(m.site.as_deref(), Some("Harbour Times"));
    }

    #[test]
    fn time_element_and_h1_fallbacks() {
        let doc = Document::from(
            r#"<html lang="fr"><body><h1> Le  sommet </h1><time datetime="2020-01-02">hier</time>
            <time itemprop="datePublished" datetime="2020-01-01T10:00">x</time></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("Le sommet"));
        assert_eq!(m.published_at.as_deref(), Some("2020-01-01T10:00"));
        assert_eq!(m.language.as_deref(), Some("fr"));
        assert_eq!(m.author, None);
    }

    #[test]
    fn url_authors_are_skipped() {
        let doc = Document::from(
            r#"<meta property="article:author" content="https://www.facebook.com/someone"><p>x"#,
        );
        assert_eq!(read(&doc).author, None);
    }
}
