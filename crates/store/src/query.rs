//! Turning a user's search text into a safe full-text query.

/// Builds an FTS5 query from user text: every bare word becomes a quoted token (so FTS5
/// operators and punctuation in the input have no special meaning), `"…"` phrases stay
/// phrases, a trailing `*` keeps prefix search. Terms are ANDed. Returns `None` when nothing
/// searchable is left.
pub fn fts5_query(input: &str) -> Option<String> {
    let mut terms = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let words = words(&after[..end]);
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let raw = &rest[..end];
            let prefix = raw.ends_with('*');
            for word in words(raw) {
                terms.push(if prefix {
                    format!("\"{word}\"*")
                } else {
                    format!("\"{word}\"")
                });
            }
            rest = &rest[end..];
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_neutralises_operators() {
        assert_eq!(
            fts5_query("Oman talks").as_deref(),
            Some(r#""Oman" "talks""#)
        );
        assert_eq!(
            fts5_query(r#"indirect "Abbas Araghchi" enrich*"#).as_deref(),
            Some(r#""indirect" "Abbas Araghchi" "enrich"*"#)
        );
        assert_eq!(
            fts5_query("x' OR 1=1; DROP TABLE documents; --").as_deref(),
            Some(r#""x" "OR" "1" "1" "DROP" "TABLE" "documents""#)
        );
        assert_eq!(fts5_query("  ;; -- "), None);
        assert_eq!(
            fts5_query("\"unclosed phrase").as_deref(),
            Some(r#""unclosed phrase""#)
        );
    }
}
