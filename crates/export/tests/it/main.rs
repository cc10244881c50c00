//! Export integration tests: every table in every format, read back with independent
//! readers (the `csv` crate's reader, the `parquet` crate's record reader, serde_json).

use export::{Format, RowWriter, Table, Value, document_row, record_rows, writer};
use model::record::{
    ActorRecord, ActorRef, ByteRange, ClaimRecord, EventRecord, PositionRecord, QuoteRecord,
    Record, RecordDoc, TimeRecord,
};
use model::{DocFormat, DocId, Document};

const TEXT: &str = "Envoys from Tehran and Washington met in Muscat on Friday. \
    Araghchi said the talks were \"serious\".";

fn record(id: &str, events: usize) -> Record {
    let event = |i: usize| EventRecord {
        sentence: 0,
        start: 0,
        end: 58,
        plover: if i.is_multiple_of(2) {
            "CONSULT"
        } else {
            "ACCUSE"
        }
        .into(),
        mode: i.is_multiple_of(2).then(|| "third-party".into()),
        cameo: if i.is_multiple_of(2) { "044" } else { "112" }.into(),
        goldstein: if i.is_multiple_of(2) { 2.5 } else { -2.0 },
        source: ActorRef {
            code: "IRNGOV".into(),
            actor: Some("a1".into()),
        },
        target: Some(ActorRef {
            code: "USA".into(),
            actor: None,
        }),
        mediator: i.is_multiple_of(2).then(|| ActorRef {
            code: "OMN".into(),
            actor: None,
        }),
        date: Some(
            if i.is_multiple_of(2) {
                "2026-02-06"
            } else {
                "2026-W07"
            }
            .into(),
        ),
        date_grain: Some("day".into()),
        location: Some("Muscat, Oman".into()),
        status: "occurred".into(),
        trigger: "met".into(),
    };
    Record {
        doc: RecordDoc {
            id: id.into(),
            title: Some("Talks".into()),
            source: Some("Gulf Ledger".into()),
            url: Some(format!("https://news.example/{id}")),
            published: Some("2026-02-05".into()),
            language: Some("en".into()),
            duplicate_of: None,
            extractor: "test/1".into(),
        },
        sentences: vec![ByteRange { start: 0, end: 58 }],
        actors: vec![ActorRecord {
            id: "a1".into(),
            code: "IRNGOV".into(),
            country: Some("IRN".into()),
            sector: Some("GOV".into()),
            entity: Some("Abbas Araghchi".into()),
            role: Some("Foreign Minister".into()),
            aliases: vec!["Araghchi".into(), "Araqchi".into()],
            mentions: vec![ByteRange { start: 59, end: 67 }],
        }],
        times: vec![TimeRecord {
            start: 50,
            end: 56,
            text: "Friday".into(),
            kind: "DATE".into(),
            value: "2026-02-06".into(),
            unresolved: false,
        }],
        quotes: vec![QuoteRecord {
            start: 89,
            end: 96,
            text: "serious".into(),
            speaker: Some("a1".into()),
            speaker_text: Some("Araghchi".into()),
            speaker_start: Some(59),
            speaker_end: Some(67),
            speaker_code: Some("IRNGOV".into()),
            cue: Some("said".into()),
            kind: "direct".into(),
        }],
        events: (0..events).map(event).collect(),
        positions: vec![PositionRecord {
            actor: "IRN".into(),
            issue: "format".into(),
            kind: "red_line".into(),
            value: None,
            summary: "talks must remain indirect".into(),
            date: Some("2026-02-05".into()),
            start: 0,
            end: 10,
        }],
        claims: vec![ClaimRecord {
            subject: "talks-muscat".into(),
            attribute: "venue".into(),
            value: "Muscat".into(),
            start: 0,
            end: 58,
        }],
    }
}

fn document(id: &str) -> Document {
    Document {
        id: DocId::new(id).expect("id"),
        text: TEXT.into(),
        title: Some("Talks, \"serious\"".into()),
        source: Some("Gulf Ledger".into()),
        url: None,
        author: None,
        published: Some(jiff::civil::date(2026, 2, 5)),
        inferred_date: None,
        language: Some("eng".into()),
        format: DocFormat::Text,
        origin: format!("{id}.txt"),
        content_hash: "ab".repeat(32),
        duplicate_of: None,
    }
}

fn rows(table: Table, records: &[Record]) -> Vec<Vec<Value>> {
    if table == Table::Documents {
        return vec![document_row(&document("d1")), document_row(&document("d2"))];
    }
    let mut out = Vec::new();
    for r in records {
        record_rows(table, r, Some(TEXT), &mut out);
    }
    out
}

fn export(format: Format, table: Table, rows: &[Vec<Value>]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut w: Box<dyn RowWriter + '_> =
            writer(format, table, Box::new(&mut bytes)).expect("writer");
        for row in rows {
            w.write_row(row).expect("write_row");
        }
        assert_eq!(w.finish().expect("finish"), rows.len() as u64);
    }
    bytes
}

fn sample() -> Vec<Record> {
    vec![record("r1", 3), record("r2", 0), record("r3", 2)]
}

#[test]
fn every_table_has_the_rows_its_records_hold() {
    let records = sample();
    let count = |t| rows(t, &records).len();
    assert_eq!(count(Table::Events), 5);
    assert_eq!(count(Table::Actors), 3);
    assert_eq!(count(Table::Positions), 3);
    assert_eq!(count(Table::Quotes), 3);
    assert_eq!(count(Table::Times), 3);
    assert_eq!(count(Table::Claims), 3);
    for table in Table::ALL {
        for row in rows(table, &records) {
            assert_eq!(row.len(), table.columns().len(), "{}", table.name());
            for (c, v) in table.columns().iter().zip(&row) {
                assert!(
                    c.nullable || *v != Value::Null,
                    "{}.{} is null",
                    table.name(),
                    c.name
                );
            }
        }
    }
    let events = rows(Table::Events, &records);
    let col = |name: &str| {
        Table::Events
            .columns()
            .iter()
            .position(|c| c.name == name)
            .expect("column")
    };
    assert_eq!(
        events[0][col("sentence_text")],
        Value::Text("Envoys from Tehran and Washington met in Muscat on Friday.".into())
    );
    assert_eq!(
        events[0][col("source_entity")],
        Value::Text("Abbas Araghchi".into())
    );
    assert_eq!(events[0][col("target_entity")], Value::Null);
    assert_eq!(events[1][col("mediator_code")], Value::Null);
    assert_eq!(
        events[0][col("published")],
        Value::Date(jiff::civil::date(2026, 2, 5))
    );
}

#[test]
fn csv_reads_back_with_header_types_and_row_counts() {
    let records = sample();
    for table in Table::ALL {
        let rows = rows(table, &records);
        let bytes = export(Format::Csv, table, &rows);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(header, names, "{}", table.name());
        let back: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(back.len(), rows.len(), "{}", table.name());
        for (row, fields) in rows.iter().zip(&back) {
            for ((column, value), field) in table.columns().iter().zip(row).zip(fields) {
                match value {
                    Value::Null => assert_eq!(field, ""),
                    Value::Text(s) => assert_eq!(field, s),
                    Value::Int(n) => assert_eq!(field.parse::<i64>().ok(), Some(*n)),
                    Value::Float(f) => assert_eq!(field.parse::<f64>().ok(), Some(*f)),
                    Value::Bool(b) => assert_eq!(field.parse::<bool>().ok(), Some(*b)),
                    Value::Date(d) => {
                        assert_eq!(field.parse::<jiff::civil::Date>().ok(), Some(*d))
                    }
                }
                let _ = column;
            }
        }
    }
}

#[test]
fn jsonl_has_one_typed_object_per_row() {
    let records = sample();
    let rows = rows(Table::Positions, &records);
    let bytes = export(Format::Jsonl, Table::Positions, &rows);
    let lines: Vec<serde_json::Value> = String::from_utf8(bytes)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["value"], serde_json::Value::Null);
    assert_eq!(lines[0]["start"], 0);
    assert_eq!(lines[0]["published"], "2026-02-05");
    assert_eq!(
        lines[0].as_object().expect("object").len(),
        Table::Positions.columns().len()
    );
}

#[cfg(feature = "parquet")]
mod parquet_back {
    use super::*;
    use parquet::basic::{LogicalType, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn read(bytes: Vec<u8>) -> SerializedFileReader<bytes::Bytes> {
        SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("a Parquet file")
    }

    #[test]
    fn parquet_reads_back_with_types_and_row_counts() {
        let records = sample();
        for table in Table::ALL {
            let rows = rows(table, &records);
            let reader = read(export(Format::Parquet, table, &rows));
            let meta = reader.metadata().file_metadata();
            assert_eq!(meta.num_rows(), rows.len() as i64, "{}", table.name());
            let schema = meta.schema_descr();
            assert_eq!(schema.num_columns(), table.columns().len());
            for (i, c) in table.columns().iter().enumerate() {
                let d = schema.column(i);
                assert_eq!(d.name(), c.name);
                let (physical, logical) = match c.kind {
                    export::ColumnType::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    export::ColumnType::Int => (Physical::INT64, None),
                    export::ColumnType::Float => (Physical::DOUBLE, None),
                    export::ColumnType::Bool => (Physical::BOOLEAN, None),
                    export::ColumnType::Date => (Physical::INT32, Some(LogicalType::Date)),
                };
                assert_eq!(d.physical_type(), physical, "{}.{}", table.name(), c.name);
                assert_eq!(
                    d.logical_type_ref().cloned(),
                    logical,
                    "{}.{}",
                    table.name(),
                    c.name
                );
            }
            let back: Vec<parquet::record::Row> = reader
                .get_row_iter(None)
                .expect("rows")
                .map(|r| r.expect("row"))
                .collect();
            assert_eq!(back.len(), rows.len());
            for (row, read) in rows.iter().zip(&back) {
                for (value, (_, field)) in row.iter().zip(read.get_column_iter()) {
                    match (value, field) {
                        (Value::Null, Field::Null) => {}
                        (Value::Text(s), Field::Str(f)) => assert_eq!(s, f),
                        (Value::Int(n), Field::Long(f)) => assert_eq!(n, f),
                        (Value::Float(x), Field::Double(f)) => assert_eq!(x, f),
                        (Value::Bool(b), Field::Bool(f)) => assert_eq!(b, f),
                        (Value::Date(d), Field::Date(days)) => assert_eq!(
                            jiff::civil::date(1970, 1, 1)
                                .checked_add(jiff::Span::new().days(i64::from(*days)))
                                .expect("date"),
                            *d
                        ),
                        (v, f) => panic!("{}: {v:?} read back as {f:?}", table.name()),
                    }
                }
            }
        }
    }

    #[test]
    fn large_exports_are_split_into_row_groups() {
        let mut rows = Vec::new();
        let records: Vec<Record> = (0..2000).map(|i| record(&format!("r{i}"), 10)).collect();
        for r in &records {
            record_rows(Table::Events, r, None, &mut rows);
        }
        assert_eq!(rows.len(), 20_000);
        let reader = read(export(Format::Parquet, Table::Events, &rows));
        assert_eq!(reader.metadata().file_metadata().num_rows(), 20_000);
        assert!(reader.metadata().num_row_groups() >= 3);
    }
}

#[test]
fn phoenix_rows_have_26_columns_with_split_actors_and_dates() {
    let records = sample();
    let rows = rows(Table::Events, &records);
    let out = String::from_utf8(export(Format::Phoenix, Table::Events, &rows)).expect("utf-8");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines
            .iter()
            .all(|l| l.len() == export::PHOENIX_COLUMNS.len())
    );
    let first = &lines[0];
    let field = |line: &Vec<&str>, name: &str| -> String {
        let i = export::PHOENIX_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("column");
        line[i].to_owned()
    };
    assert_eq!(field(first, "EventID"), "1");
    assert_eq!(field(first, "Date"), "20260206");
    assert_eq!(field(first, "SourceActorEntity"), "IRN");
    assert_eq!(field(first, "SourceActorRole"), "GOV");
    assert_eq!(field(first, "TargetActorFull"), "USA");
    assert_eq!(field(first, "EventRootCode"), "04");
    assert_eq!(field(first, "QuadClass"), "1");
    assert_eq!(field(first, "GoldsteinScore"), "2.5");
    assert_eq!(field(first, "SentenceID"), "r1-0");
    assert_eq!(field(first, "NewsSources"), "Gulf Ledger");
    // A week-grained event date falls back to the publication day.
    assert_eq!(field(&lines[1], "Date"), "20260205");
    assert_eq!(field(&lines[1], "QuadClass"), "3");
}

#[test]
fn plover_records_use_plover_field_names() {
    let records = sample();
    let rows = rows(Table::Events, &records);
    let out = String::from_utf8(export(Format::Plover, Table::Events, &rows)).expect("utf-8");
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(records.len(), 5);
    let first = &records[0];
    assert_eq!(first["id"], "r1-0");
    assert_eq!(first["date"], "2026-02-06");
    assert_eq!(
        first["source"],
        serde_json::json!([{"code": "IRN", "sector": "GOV", "actor_text": "Abbas Araghchi"}])
    );
    assert_eq!(first["recipient"], serde_json::json!([{"code": "USA"}]));
    assert_eq!(first["event"], serde_json::json!(["CONSULT"]));
    assert_eq!(first["mode"], serde_json::json!(["third-party"]));
    assert_eq!(first["quad_code"], 1);
    assert_eq!(first["event_scale"], 2.5);
    assert_eq!(first["text_info"]["start"], 0);
    assert_eq!(first["cite_info"]["publication"], "Gulf Ledger");
    assert_eq!(first["mediator"], serde_json::json!([{"code": "OMN"}]));
    assert!(records[1].get("mode").is_none());
    assert!(records[1].get("mediator").is_none());
}

#[test]
fn event_formats_refuse_other_tables() {
    for format in [Format::Phoenix, Format::Plover] {
        let err = writer(format, Table::Actors, Box::new(std::io::sink()))
            .err()
            .expect("refused");
        assert!(err.to_string().contains("holds events only"), "{err}");
    }
}

#[test]
fn docs_export_md_documents_every_column() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/export.md");
    let doc = std::fs::read_to_string(path).expect("docs/export.md exists");
    for table in Table::ALL {
        let heading = format!("### {}", table.name());
        let start = doc
            .find(&heading)
            .unwrap_or_else(|| panic!("docs/export.md has no `{heading}` section"));
        let section = &doc[start..];
        let section = &section[..section[heading.len()..]
            .find("\n### ")
            .map_or(section.len(), |i| i + heading.len())];
        for c in table.columns() {
            let line = format!("| `{}` | {} |", c.name, c.kind.name());
            assert!(
                section.contains(&line),
                "docs/export.md, {}: missing `{line}`",
                table.name()
            );
        }
    }
    for name in export::PHOENIX_COLUMNS {
        assert!(doc.contains(&format!("`{name}`")), "Phoenix column {name}");
    }
}
