//! Turning a user's search text into a safe full-text query for each backend.

/// One search term: a word (maybe a prefix) or a phrase. Words hold only letters and digits,
/// so rendering them inside quotes can never inject query syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term<'a> {
    /// A word; `prefix` when written with a trailing `*`.
    Word {
        /// The word.
        word: &'a str,
        /// Match words starting with it.
        prefix: bool,
    },
    /// Words that must appear in this order.
    Phrase(Vec<&'a str>),
}

/// Splits user text into terms: bare words (punctuation splits them; a trailing `*` keeps
/// prefix search) and `"…"` phrases. Everything else is dropped.
pub fn terms(input: &str) -> Vec<Term<'_>> {
    let mut terms = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let words = words(&after[..end]);
            match words.len() {
                0 => {}
                1 => terms.push(Term::Word {
                    word: words[0],
                    prefix: false,
                }),
                _ => terms.push(Term::Phrase(words)),
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let raw = &rest[..end];
            let prefix = raw.ends_with('*');
            for word in words(raw) {
                terms.push(Term::Word { word, prefix });
            }
            rest = &rest[end..];
        }
    }
    terms
}

/// An FTS5 query: every word quoted (FTS5 operators in the input mean nothing), phrases kept,
/// prefixes as `"w"*`, all ANDed. `None` when nothing searchable is left.
pub fn fts5_query(input: &str) -> Option<String> {
    let rendered: Vec<String> = terms(input)
        .iter()
        .map(|term| match term {
            Term::Word {
                word,
                prefix: false,
            } => format!("\"{word}\""),
            Term::Word { word, prefix: true } => format!("\"{word}\"*"),
            Term::Phrase(words) => format!("\"{}\"", words.join(" ")),
        })
        .collect();
    (!rendered.is_empty()).then(|| rendered.join(" "))
}

/// A PostgreSQL `to_tsquery` text: quoted lexemes, `:*` prefixes, `<->` phrases, `&` between
/// terms. `None` when nothing searchable is left.
pub fn tsquery(input: &str) -> Option<String> {
    let rendered: Vec<String> = terms(input)
        .iter()
        .map(|term| match term {
            Term::Word {
                word,
                prefix: false,
            } => format!("'{word}'"),
            Term::Word { word, prefix: true } => format!("'{word}':*"),
            Term::Phrase(words) => format!(
                "({})",
                words
                    .iter()
                    .map(|w| format!("'{w}'"))
                    .collect::<Vec<_>>()
                    .join(" <-> ")
            ),
        })
        .collect();
    (!rendered.is_empty()).then(|| rendered.join(" & "))
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

    #[test]
    fn tsquery_rendering() {
        assert_eq!(
            tsquery(r#"indirect "Abbas Araghchi" enrich*"#).as_deref(),
            Some("'indirect' & ('Abbas' <-> 'Araghchi') & 'enrich':*")
        );
        assert_eq!(
            tsquery("a'b & !c | d:*").as_deref(),
            Some("'a' & 'b' & 'c' & 'd':*")
        );
        assert_eq!(tsquery("''"), None);
    }
}
