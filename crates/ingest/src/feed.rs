//! RSS, Atom and JSON Feed files: one draft per item.

use model::DocFormat;

use crate::{Draft, IngestError};

/// Reads a feed. Each item with text (its content, else its summary) becomes a draft whose
/// id is `STEM-` + 8 hex digits of a hash of the item's id, so it is stable across polls.
///
/// # Errors
/// Fails as a whole when the bytes are not a feed; items without any text are reported as
/// problems and skipped.
pub fn parse(
    stem: &str,
    origin: &str,
    bytes: &[u8],
) -> Result<(Vec<Draft>, Vec<IngestError>), IngestError> {
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|err| IngestError::Feed {
            origin: origin.to_owned(),
            message: err.to_string(),
        })?;
    let site = feed.title.as_ref().map(|t| t.content.trim().to_owned());
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        let item_origin = format!("{origin}#item{}", index + 1);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()));
        let Some(body) = body
            .map(|b| fragment_text(&b))
            .filter(|b| !b.trim().is_empty())
        else {
            problems.push(IngestError::Empty {
                origin: item_origin,
            });
            continue;
        };
        let key = if entry.id.is_empty() {
            entry
                .links
                .first()
                .map_or_else(|| index.to_string(), |l| l.href.clone())
        } else {
            entry.id.clone()
        };
        let id = format!("{stem}-{}", &crate::fingerprint::content_hash(&key)[..8]);
        let mut draft = Draft::new(id, body, DocFormat::Feed, item_origin);
        draft.title = entry.title.as_ref().map(|t| fragment_text(&t.content));
        draft.url = entry.links.first().map(|l| l.href.clone());
        draft.source = site.clone();
        draft.author = entry.authors.first().and_then(|a| a.name.clone());
        draft.published = entry
            .published
            .or(entry.updated)
            .and_then(|when| when.to_rfc3339().get(..10)?.parse().ok());
        drafts.push(draft);
    }
    Ok((drafts, problems))
}

/// Turns an HTML fragment (a feed summary) into plain text: tags removed, block ends as
/// paragraph breaks, common entities decoded, runs of spaces collapsed.
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_owned();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = rest.find(['<', '&']) {
        push_collapsed(&mut out, &rest[..pos]);
        rest = &rest[pos..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest[1..end.saturating_sub(1).max(1)]
                .trim_start_matches('/')
                .to_ascii_lowercase();
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            if matches!(
                name,
                "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "blockquote" | "tr"
            ) {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
                }
            }
            rest = &rest[end..];
        } else {
            let end = rest[1..].find(';').map(|e| e + 2).filter(|&e| e <= 12);
            match end.and_then(|e| decode_entity(&rest[1..e - 1]).map(|c| (c, e))) {
                Some((c, e)) => {
                    out.push(c);
                    rest = &rest[e..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    push_collapsed(&mut out, rest);
    out.trim().to_owned()
}

fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>https://harbour.example</link>
<item><title>Envoys meet in Doha</title><link>https://harbour.example/1</link><guid>h-1</guid>
<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Mediators hosted both delegations.&lt;/p&gt;&lt;p&gt;A second day is planned &amp;amp; likely.&lt;/p&gt;</description></item>
<item><title>Empty</title><guid>h-2</guid><description></description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_drafts() {
        let (drafts, problems) = parse("harbour", "harbour.xml", RSS.as_bytes()).expect("feed");
        assert_eq!(drafts.len(), 1);
        let d = &drafts[0];
        assert_eq!(d.title.as_deref(), Some("Envoys meet in Doha"));
        assert_eq!(d.source.as_deref(), Some("Harbour Times"));
        assert_eq!(d.url.as_deref(), Some("https://harbour.example/1"));
        assert_eq!(d.published, Some(jiff::civil::date(2026, 3, 3)));
        assert_eq!(
            d.text,
            "Mediators hosted both delegations.\n\nA second day is planned & likely."
        );
        assert!(d.id_hint.starts_with("harbour-"));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "harbour.xml#item2: empty document (no text after the metadata); nothing stored"
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        let err = parse("f", "f.xml", b"<rss><channel><item><title>cut").expect_err("broken");
        assert!(
            err.to_string()
                .starts_with("f.xml: not a readable RSS/Atom/JSON feed")
        );
    }
}
