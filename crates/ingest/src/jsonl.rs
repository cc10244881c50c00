//! JSONL: one article per line (`text` required; `id`, `title`, `url`, `published`,
//! `source`, `author` optional).

use model::DocFormat;
use serde_json::Value;

use crate::date::parse_date;
use crate::{Draft, IngestError};

/// Reads every line of a JSONL file. Good lines become drafts; each bad line becomes a
/// problem naming its line number, and the rest go on. Blank lines are skipped.
///
/// `stem` names documents without an `id` (`stem-LINE`); `origin` names the file.
pub fn parse(stem: &str, origin: &str, content: &str) -> (Vec<Draft>, Vec<IngestError>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in content.lines().enumerate() {
        let line_no = index as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(stem, origin, line_no, line) {
            Ok(draft) => drafts.push(draft),
            Err(problem) => problems.push(problem),
        }
    }
    (drafts, problems)
}

fn parse_line(stem: &str, origin: &str, line: u64, text: &str) -> Result<Draft, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|err| IngestError::Json {
        origin: origin.to_owned(),
        line,
        message: err.to_string(),
    })?;
    let Value::Object(map) = value else {
        return Err(IngestError::Json {
            origin: origin.to_owned(),
            line,
            message: "expected an object like {\"text\": \"…\"}".to_owned(),
        });
    };
    let field = |name: &str| -> Result<Option<String>, IngestError> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(other) => Err(IngestError::Field {
                origin: origin.to_owned(),
                line,
                field: name.to_owned(),
                message: format!("expected a string, found {}", type_name(other)),
            }),
        }
    };
    let Some(Value::String(body)) = map.get("text") else {
        return Err(IngestError::MissingText {
            origin: origin.to_owned(),
            line,
        });
    };
    let id = field("id")?.unwrap_or_else(|| format!("{stem}-{line}"));
    let mut draft = Draft::new(
        id,
        body.clone(),
        DocFormat::Jsonl,
        format!("{origin}:{line}"),
    );
    draft.title = field("title")?;
    draft.url = field("url")?;
    draft.source = field("source")?;
    draft.author = field("author")?;
    let published = match field("published")? {
        Some(p) => Some(p),
        None => field("date")?,
    };
    if let Some(published) = published {
        draft.published = Some(parse_date(&published).ok_or_else(|| IngestError::Field {
            origin: origin.to_owned(),
            line,
            field: "published".to_owned(),
            message: format!(
                "{published:?} is not a date; use YYYY-MM-DD or an RFC 3339 timestamp"
            ),
        })?);
    }
    Ok(draft)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_broken_lines() {
        let content = concat!(
            r#"{"id": "k1", "text": "Kyiv and Moscow swapped prisoners.", "published": "2026-01-09", "source": "Steppe Post"}"#,
            "\n",
            r#"{"text": "broken"#,
            "\n\n",
            r#"{"title": "No text here"}"#,
            "\n",
            r#"{"text": "Mediators in Cairo met both delegations.", "published": "yesterday"}"#,
            "\n",
            r#"{"text": "Second article without an id."}"#,
            "\n",
        );
        let (drafts, problems) = parse("wire", "wire.jsonl", content);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].id_hint, "k1");
        assert_eq!(drafts[0].source.as_deref(), Some("Steppe Post"));
        assert_eq!(drafts[0].published, Some(jiff::civil::date(2026, 1, 9)));
        assert_eq!(drafts[1].id_hint, "wire-6");
        assert_eq!(drafts[1].origin, "wire.jsonl:6");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3);
        assert!(messages[0].starts_with("wire.jsonl:2: not a JSON object"));
        assert_eq!(
            messages[1],
            "wire.jsonl:4: no `text` string field; every JSONL line needs one"
        );
        assert!(
            messages[2].starts_with("wire.jsonl:5: field `published`: \"yesterday\" is not a date")
        );
    }

    #[test]
    fn text_is_kept_exactly() {
        let content = r#"{"id": "x", "text": "  Line one.\n\nLine two “quoted”.  "}"#;
        let (drafts, problems) = parse("f", "f.jsonl", content);
        assert!(problems.is_empty());
        assert_eq!(drafts[0].text, "  Line one.\n\nLine two “quoted”.  ");
    }
}
