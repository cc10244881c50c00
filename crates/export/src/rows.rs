//! The tables' columns and the shaping of records and documents into rows.

use model::Document;
use model::record::{ActorRef, Record};

use crate::{Column, ColumnType, Row, Table, Value};

use ColumnType::{Bool, Date, Float, Int, Text};

const fn col(name: &'static str, kind: ColumnType, nullable: bool, doc: &'static str) -> Column {
    Column {
        name,
        kind,
        nullable,
        doc,
    }
}

/// Columns every record table starts with.
macro_rules! doc_columns {
    () => {
        [
            col(
                "doc_id",
                Text,
                false,
                "id of the document the row comes from",
            ),
            col(
                "published",
                Date,
                true,
                "publication date of the document (from its metadata)",
            ),
            col("outlet", Text, true, "the document's source (outlet)"),
        ]
    };
}

const EVENTS: &[Column] = &concat_columns::<25>(
    &doc_columns!(),
    &[
        col(
            "event_index",
            Int,
            false,
            "0-based position of the event in its record",
        ),
        col(
            "sentence",
            Int,
            false,
            "0-based index of the sentence in the document",
        ),
        col(
            "start",
            Int,
            false,
            "first byte of the sentence in the document text",
        ),
        col("end", Int, false, "one past the last byte of the sentence"),
        col(
            "plover",
            Text,
            false,
            "PLOVER event type (AGREE, CONSULT, ...)",
        ),
        col("mode", Text, true, "PLOVER mode"),
        col("cameo", Text, false, "CAMEO event code"),
        col(
            "goldstein",
            Float,
            false,
            "Goldstein score of the CAMEO code",
        ),
        col(
            "source_code",
            Text,
            false,
            "actor code of who acts (IRNGOV)",
        ),
        col(
            "source_entity",
            Text,
            true,
            "named person or organisation who acts",
        ),
        col(
            "target_code",
            Text,
            false,
            "actor code of who is acted upon",
        ),
        col(
            "target_entity",
            Text,
            true,
            "named person or organisation acted upon",
        ),
        col(
            "mediator_code",
            Text,
            true,
            "actor code of a mediating third party",
        ),
        col("mediator_entity", Text, true, "named mediator"),
        col(
            "date",
            Text,
            true,
            "event date as a TIMEX3 value (2026-02-06, 2026-W07, 2026-02)",
        ),
        col("date_grain", Text, true, "day, week, month or year"),
        col("location", Text, true, "place of the event"),
        col(
            "status",
            Text,
            false,
            "occurred, planned, hypothetical or negated",
        ),
        col("trigger", Text, false, "the word(s) that signal the event"),
        col(
            "sentence_text",
            Text,
            true,
            "the sentence the event was coded from (the evidence)",
        ),
        col("url", Text, true, "URL of the document"),
        col(
            "duplicate_of",
            Text,
            true,
            "the document this one copies, if any",
        ),
    ],
);

const ACTORS: &[Column] = &concat_columns::<13>(
    &doc_columns!(),
    &[
        col(
            "actor_id",
            Text,
            false,
            "record-local actor id (a1, a2, ...)",
        ),
        col("code", Text, false, "CAMEO-style actor code (IRNGOV)"),
        col(
            "country",
            Text,
            true,
            "ISO-3166 alpha-3 country or organisation code",
        ),
        col("sector", Text, true, "sector code (GOV, MIL, ...)"),
        col("entity", Text, true, "named person or organisation"),
        col("role", Text, true, "role of the person (Foreign Minister)"),
        col(
            "aliases",
            Text,
            false,
            "spellings seen in the document, joined by \" | \"",
        ),
        col("mentions", Int, false, "number of mentions in the document"),
        col("first_start", Int, true, "first byte of the first mention"),
        col(
            "first_end",
            Int,
            true,
            "one past the last byte of the first mention",
        ),
    ],
);

const POSITIONS: &[Column] = &concat_columns::<11>(
    &doc_columns!(),
    &[
        col(
            "actor",
            Text,
            false,
            "party code (country) whose stance it is",
        ),
        col(
            "issue",
            Text,
            false,
            "issue id (from the dossier, or a free label)",
        ),
        col(
            "kind",
            Text,
            false,
            "red_line, demand, offer, concession, rejection or position",
        ),
        col(
            "value",
            Float,
            true,
            "value on the issue's scale, when the text allows one",
        ),
        col("summary", Text, false, "the stance in the text's words"),
        col("date", Text, true, "date of the stance"),
        col("start", Int, false, "first byte of the evidence"),
        col("end", Int, false, "one past the last byte of the evidence"),
    ],
);

const QUOTES: &[Column] = &concat_columns::<14>(
    &doc_columns!(),
    &[
        col("start", Int, false, "first byte of the quoted content"),
        col(
            "end",
            Int,
            false,
            "one past the last byte of the quoted content",
        ),
        col(
            "text",
            Text,
            false,
            "the quoted content, without quotation marks",
        ),
        col("kind", Text, false, "direct or indirect"),
        col(
            "speaker",
            Text,
            true,
            "record-local actor id of the speaker",
        ),
        col(
            "speaker_text",
            Text,
            true,
            "the speaker's mention as written",
        ),
        col(
            "speaker_start",
            Int,
            true,
            "first byte of the speaker mention",
        ),
        col(
            "speaker_end",
            Int,
            true,
            "one past the last byte of the speaker mention",
        ),
        col("speaker_code", Text, true, "actor code of the speaker"),
        col("cue", Text, true, "reporting word(s)"),
        col("url", Text, true, "URL of the document"),
    ],
);

const TIMES: &[Column] = &concat_columns::<9>(
    &doc_columns!(),
    &[
        col("start", Int, false, "first byte of the expression"),
        col(
            "end",
            Int,
            false,
            "one past the last byte of the expression",
        ),
        col("text", Text, false, "the expression as written"),
        col(
            "type",
            Text,
            false,
            "TIMEX3 type: DATE, TIME, DURATION or SET",
        ),
        col("value", Text, false, "normalised TIMEX3 value"),
        col(
            "unresolved",
            Bool,
            false,
            "true when a publication date was needed and missing",
        ),
    ],
);

const CLAIMS: &[Column] = &concat_columns::<8>(
    &doc_columns!(),
    &[
        col("subject", Text, false, "what the claim is about"),
        col(
            "attribute",
            Text,
            false,
            "which attribute (format, venue, date, ...)",
        ),
        col("value", Text, false, "normalised value"),
        col("start", Int, false, "first byte of the evidence"),
        col("end", Int, false, "one past the last byte of the evidence"),
    ],
);

const DOCUMENTS: &[Column] = &[
    col("doc_id", Text, false, "document id"),
    col("published", Date, true, "publication date from metadata"),
    col("outlet", Text, true, "source (outlet)"),
    col("title", Text, true, "headline"),
    col("url", Text, true, "URL"),
    col("author", Text, true, "author"),
    col(
        "inferred_date",
        Date,
        true,
        "date read from the text (never a publication date)",
    ),
    col("language", Text, true, "detected language (ISO 639-3)"),
    col(
        "format",
        Text,
        false,
        "input format (text, markdown, html, jsonl, feed)",
    ),
    col(
        "origin",
        Text,
        false,
        "file, URL or stream it was read from",
    ),
    col(
        "duplicate_of",
        Text,
        true,
        "the first copy, when this document duplicates another",
    ),
    col(
        "content_hash",
        Text,
        false,
        "SHA-256 of the normalised text",
    ),
    col("bytes", Int, false, "length of the text in bytes"),
    col(
        "text",
        Text,
        false,
        "the document text; spans are byte offsets into it",
    ),
];

const fn concat_columns<const N: usize>(a: &[Column; 3], b: &[Column]) -> [Column; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < 3 { a[i] } else { b[i - 3] };
        i += 1;
    }
    assert!(b.len() + 3 == N, "column count");
    out
}

pub(crate) fn columns(table: Table) -> &'static [Column] {
    match table {
        Table::Events => EVENTS,
        Table::Actors => ACTORS,
        Table::Positions => POSITIONS,
        Table::Quotes => QUOTES,
        Table::Times => TIMES,
        Table::Claims => CLAIMS,
        Table::Documents => DOCUMENTS,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, text)
}

fn int(n: impl Into<i64>) -> Value {
    Value::Int(n.into())
}

fn opt_int(n: Option<u32>) -> Value {
    n.map_or(Value::Null, |n| Value::Int(i64::from(n)))
}

fn float(f: f64) -> Value {
    if f.is_finite() {
        Value::Float(f)
    } else {
        Value::Null
    }
}

fn date(s: Option<&str>) -> Value {
    s.and_then(|s| s.parse::<jiff::civil::Date>().ok())
        .map_or(Value::Null, Value::Date)
}

/// Appends the rows `record` gives for `table` to `out`. `text` is the document's text,
/// used for the events' `sentence_text` (null without it). Gives nothing for
/// [`Table::Documents`] (see [`document_row`]).
pub fn record_rows(table: Table, record: &Record, text: Option<&str>, out: &mut Vec<Row>) {
    let d = &record.doc;
    let head = || {
        vec![
            self::text(&d.id),
            date(d.published.as_deref()),
            opt_text(d.source.as_deref()),
        ]
    };
    let entity = |r: &ActorRef| -> Value {
        r.actor
            .as_deref()
            .and_then(|id| record.actors.iter().find(|a| a.id == id))
            .and_then(|a| a.entity.as_deref())
            .map_or(Value::Null, self::text)
    };
    match table {
        Table::Events => {
            for (index, e) in record.events.iter().enumerate() {
                let sentence_text = text
                    .and_then(|t| t.get(e.start as usize..e.end as usize))
                    .map_or(Value::Null, self::text);
                let mut row = head();
                row.extend([
                    int(index as i64),
                    int(e.sentence),
                    int(e.start),
                    int(e.end),
                    self::text(&e.plover),
                    opt_text(e.mode.as_deref()),
                    self::text(&e.cameo),
                    float(e.goldstein),
                    self::text(&e.source.code),
                    entity(&e.source),
                    opt_text(e.target.as_ref().map(|t| t.code.as_str())),
                    e.target.as_ref().map_or(Value::Null, entity),
                    opt_text(e.mediator.as_ref().map(|m| m.code.as_str())),
                    e.mediator.as_ref().map_or(Value::Null, entity),
                    opt_text(e.date.as_deref()),
                    opt_text(e.date_grain.as_deref()),
                    opt_text(e.location.as_deref()),
                    self::text(&e.status),
                    self::text(&e.trigger),
                    sentence_text,
                    opt_text(d.url.as_deref()),
                    opt_text(d.duplicate_of.as_deref()),
                ]);
                out.push(row);
            }
        }
        Table::Actors => {
            for a in &record.actors {
                let mut row = head();
                let first = a.mentions.first();
                row.extend([
                    self::text(&a.id),
                    self::text(&a.code),
                    opt_text(a.country.as_deref()),
                    opt_text(a.sector.as_deref()),
                    opt_text(a.entity.as_deref()),
                    opt_text(a.role.as_deref()),
                    self::text(&a.aliases.join(" | ")),
                    int(a.mentions.len() as i64),
                    opt_int(first.map(|m| m.start)),
                    opt_int(first.map(|m| m.end)),
                ]);
                out.push(row);
            }
        }
        Table::Positions => {
            for p in &record.positions {
                let mut row = head();
                row.extend([
                    self::text(&p.actor),
                    self::text(&p.issue),
                    self::text(&p.kind),
                    p.value.map_or(Value::Null, float),
                    self::text(&p.summary),
                    opt_text(p.date.as_deref()),
                    int(p.start),
                    int(p.end),
                ]);
                out.push(row);
            }
        }
        Table::Quotes => {
            for q in &record.quotes {
                let mut row = head();
                row.extend([
                    int(q.start),
                    int(q.end),
                    self::text(&q.text),
                    self::text(&q.kind),
                    opt_text(q.speaker.as_deref()),
                    opt_text(q.speaker_text.as_deref()),
                    opt_int(q.speaker_start),
                    opt_int(q.speaker_end),
                    opt_text(q.speaker_code.as_deref()),
                    opt_text(q.cue.as_deref()),
                    opt_text(d.url.as_deref()),
                ]);
                out.push(row);
            }
        }
        Table::Times => {
            for t in &record.times {
                let mut row = head();
                row.extend([
                    int(t.start),
                    int(t.end),
                    self::text(&t.text),
                    self::text(&t.kind),
                    self::text(&t.value),
                    Value::Bool(t.unresolved),
                ]);
                out.push(row);
            }
        }
        Table::Claims => {
            for c in &record.claims {
                let mut row = head();
                row.extend([
                    self::text(&c.subject),
                    self::text(&c.attribute),
                    self::text(&c.value),
                    int(c.start),
                    int(c.end),
                ]);
                out.push(row);
            }
        }
        Table::Documents => {}
    }
}

/// The row of one document (table [`Table::Documents`]).
pub fn document_row(doc: &Document) -> Row {
    vec![
        text(doc.id.as_str()),
        doc.published.map_or(Value::Null, Value::Date),
        opt_text(doc.source.as_deref()),
        opt_text(doc.title.as_deref()),
        opt_text(doc.url.as_deref()),
        opt_text(doc.author.as_deref()),
        doc.inferred_date.map_or(Value::Null, Value::Date),
        opt_text(doc.language.as_deref()),
        text(doc.format.as_str()),
        text(&doc.origin),
        opt_text(doc.duplicate_of.as_ref().map(|d| d.as_str())),
        text(&doc.content_hash),
        int(doc.text.len() as i64),
        text(&doc.text),
    ]
}

/// Index of a column by name (tables are fixed, so a miss is a bug caught by tests).
pub(crate) fn index(table: Table, name: &str) -> usize {
    columns(table)
        .iter()
        .position(|c| c.name == name)
        .unwrap_or(usize::MAX)
}
