//! The text formats: JSONL, CSV, Phoenix (tab-separated events) and PLOVER (JSON events).

use std::io::{BufWriter, Write};

use serde_json::{Map, Value as Json, json};

use crate::rows::index;
use crate::{ExportError, RowWriter, Table, Value};

fn check_width(table: Table, row: &[Value]) -> Result<(), ExportError> {
    let expected = table.columns().len();
    if row.len() == expected {
        Ok(())
    } else {
        Err(ExportError::RowWidth {
            table: table.name(),
            found: row.len(),
            expected,
        })
    }
}

fn json_value(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Text(s) => Json::String(s.clone()),
        Value::Int(n) => json!(n),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Bool(b) => Json::Bool(*b),
        Value::Date(d) => Json::String(d.to_string()),
    }
}

/// Text of a cell for delimited formats; `None` for null.
fn cell(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Text(s) => Some(s.clone()),
        Value::Int(n) => Some(n.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Date(d) => Some(d.to_string()),
    }
}

/// One JSON object per row.
pub(crate) struct Jsonl<'w> {
    table: Table,
    out: BufWriter<Box<dyn Write + Send + 'w>>,
    rows: u64,
}

impl<'w> Jsonl<'w> {
    pub(crate) fn new(table: Table, out: Box<dyn Write + Send + 'w>) -> Jsonl<'w> {
        Jsonl {
            table,
            out: BufWriter::new(out),
            rows: 0,
        }
    }
}

impl RowWriter for Jsonl<'_> {
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        check_width(self.table, row)?;
        let object: Map<String, Json> = self
            .table
            .columns()
            .iter()
            .zip(row)
            .map(|(c, v)| (c.name.to_owned(), json_value(v)))
            .collect();
        serde_json::to_writer(&mut self.out, &object)?;
        self.out.write_all(b"\n")?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, ExportError> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// CSV with a header; null is an empty field.
pub(crate) struct Csv<'w> {
    table: Table,
    out: csv::Writer<Box<dyn Write + Send + 'w>>,
    rows: u64,
}

impl<'w> Csv<'w> {
    pub(crate) fn new(
        table: Table,
        out: Box<dyn Write + Send + 'w>,
    ) -> Result<Csv<'w>, ExportError> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(table.columns().iter().map(|c| c.name))?;
        Ok(Csv {
            table,
            out,
            rows: 0,
        })
    }
}

impl RowWriter for Csv<'_> {
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        check_width(self.table, row)?;
        self.out
            .write_record(row.iter().map(|v| cell(v).unwrap_or_default()))?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, ExportError> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// Positions of the event columns the event formats read.
struct EventColumns {
    doc_id: usize,
    published: usize,
    outlet: usize,
    event_index: usize,
    sentence: usize,
    start: usize,
    end: usize,
    plover: usize,
    mode: usize,
    cameo: usize,
    goldstein: usize,
    source_code: usize,
    source_entity: usize,
    target_code: usize,
    target_entity: usize,
    mediator_code: usize,
    mediator_entity: usize,
    date: usize,
    location: usize,
    status: usize,
    trigger: usize,
    url: usize,
}

impl EventColumns {
    fn new() -> EventColumns {
        let i = |name| index(Table::Events, name);
        EventColumns {
            doc_id: i("doc_id"),
            published: i("published"),
            outlet: i("outlet"),
            event_index: i("event_index"),
            sentence: i("sentence"),
            start: i("start"),
            end: i("end"),
            plover: i("plover"),
            mode: i("mode"),
            cameo: i("cameo"),
            goldstein: i("goldstein"),
            source_code: i("source_code"),
            source_entity: i("source_entity"),
            target_code: i("target_code"),
            target_entity: i("target_entity"),
            mediator_code: i("mediator_code"),
            mediator_entity: i("mediator_entity"),
            date: i("date"),
            location: i("location"),
            status: i("status"),
            trigger: i("trigger"),
            url: i("url"),
        }
    }
}

fn str_at(row: &[Value], i: usize) -> Option<&str> {
    match row.get(i) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    }
}

fn int_at(row: &[Value], i: usize) -> Option<i64> {
    match row.get(i) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    }
}

/// The day of an event: its own date when it names a full day, else the document's
/// publication date.
fn event_day(row: &[Value], c: &EventColumns) -> Option<jiff::civil::Date> {
    str_at(row, c.date)
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .or(match row.get(c.published) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        })
}

/// Primary agent codes the Phoenix layout splits out as the actor's role.
const PRIMARY_AGENTS: [&str; 13] = [
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
];

/// Splits a CAMEO actor code into (entity/root, role, other 3-letter parts joined by `;`).
fn split_actor(code: &str) -> (String, String, String) {
    let chunks: Vec<&str> = code
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let Some((root, rest)) = chunks.split_first() else {
        return (String::new(), String::new(), String::new());
    };
    let (role, rest) = match rest.split_first() {
        Some((role, tail)) if PRIMARY_AGENTS.contains(role) => ((*role).to_owned(), tail),
        _ => (String::new(), rest),
    };
    ((*root).to_owned(), role, rest.join(";"))
}

/// Phoenix's class of a CAMEO root code: 0 statements, 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict.
fn phoenix_class(root: &str) -> Option<u8> {
    Some(match root.parse::<u8>().ok()? {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        14 | 15 | 17..=20 => 4,
        _ => return None,
    })
}

/// PLOVER's quad category of an event type.
fn plover_quad(event: &str) -> Option<u8> {
    Some(match event {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" | "INVESTIGATE" => 2,
        "REQUEST" | "DEMAND" | "ACCUSE" | "REJECT" | "SANCTION" | "THREATEN" => 3,
        "PROTEST" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

/// Phoenix event data: 26 tab-separated columns, no header. Tabs and line breaks inside
/// values become spaces.
pub(crate) struct Phoenix<'w> {
    out: BufWriter<Box<dyn Write + Send + 'w>>,
    columns: EventColumns,
    rows: u64,
}

impl<'w> Phoenix<'w> {
    pub(crate) fn new(out: Box<dyn Write + Send + 'w>) -> Phoenix<'w> {
        Phoenix {
            out: BufWriter::new(out),
            columns: EventColumns::new(),
            rows: 0,
        }
    }
}

impl RowWriter for Phoenix<'_> {
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        check_width(Table::Events, row)?;
        let c = &self.columns;
        let day = event_day(row, c);
        let (date, year, month, dd) = match day {
            Some(d) => (
                format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
                d.year().to_string(),
                d.month().to_string(),
                d.day().to_string(),
            ),
            None => Default::default(),
        };
        let source = str_at(row, c.source_code).unwrap_or("");
        let target = str_at(row, c.target_code).unwrap_or("");
        let (s_root, s_role, s_other) = split_actor(source);
        let (t_root, t_role, t_other) = split_actor(target);
        let cameo = str_at(row, c.cameo).unwrap_or("");
        let root = cameo.get(..2).unwrap_or(cameo);
        let goldstein = match row.get(c.goldstein) {
            Some(Value::Float(g)) => g.to_string(),
            _ => String::new(),
        };
        self.rows += 1;
        let fields: [String; 26] = [
            self.rows.to_string(),
            date,
            year,
            month,
            dd,
            source.to_owned(),
            s_root,
            s_role,
            s_other,
            target.to_owned(),
            t_root,
            t_role,
            t_other,
            cameo.to_owned(),
            root.to_owned(),
            phoenix_class(root)
                .map(|q| q.to_string())
                .unwrap_or_default(),
            goldstein,
            String::new(),
            String::new(),
            String::new(),
            str_at(row, c.location).unwrap_or("").to_owned(),
            String::new(),
            String::new(),
            format!(
                "{}-{}",
                str_at(row, c.doc_id).unwrap_or(""),
                int_at(row, c.sentence).unwrap_or(0)
            ),
            str_at(row, c.url).unwrap_or("").to_owned(),
            str_at(row, c.outlet).unwrap_or("").to_owned(),
        ];
        let line: Vec<String> = fields
            .iter()
            .map(|f| f.replace(['\t', '\n', '\r'], " "))
            .collect();
        self.out.write_all(line.join("\t").as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, ExportError> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// The Phoenix column names, in order (the files themselves have no header).
pub const PHOENIX_COLUMNS: [&str; 26] = [
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
];

/// PLOVER JSON records, one per line.
pub(crate) struct Plover<'w> {
    out: BufWriter<Box<dyn Write + Send + 'w>>,
    columns: EventColumns,
    rows: u64,
}

impl<'w> Plover<'w> {
    pub(crate) fn new(out: Box<dyn Write + Send + 'w>) -> Plover<'w> {
        Plover {
            out: BufWriter::new(out),
            columns: EventColumns::new(),
            rows: 0,
        }
    }
}

/// A PLOVER actor object: 3-letter top-level code, the rest as sector, and the name.
fn plover_actor(code: &str, entity: Option<&str>) -> Json {
    let mut actor = Map::new();
    let (top, sector) = if code.len() > 3 && code.is_char_boundary(3) {
        code.split_at(3)
    } else {
        (code, "")
    };
    actor.insert("code".into(), json!(top));
    if !sector.is_empty() {
        actor.insert("sector".into(), json!(sector));
    }
    if let Some(name) = entity {
        actor.insert("actor_text".into(), json!(name));
    }
    Json::Object(actor)
}

impl RowWriter for Plover<'_> {
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        check_width(Table::Events, row)?;
        let c = &self.columns;
        let doc_id = str_at(row, c.doc_id).unwrap_or("");
        let event = str_at(row, c.plover).unwrap_or("");
        let mut record = Map::new();
        record.insert(
            "id".into(),
            json!(format!(
                "{doc_id}-{}",
                int_at(row, c.event_index).unwrap_or(0)
            )),
        );
        if let Some(day) = event_day(row, c) {
            record.insert("date".into(), json!(day.to_string()));
        }
        record.insert(
            "source".into(),
            json!([plover_actor(
                str_at(row, c.source_code).unwrap_or(""),
                str_at(row, c.source_entity)
            )]),
        );
        let target = str_at(row, c.target_code).unwrap_or("");
        if !target.is_empty() {
            record.insert(
                "recipient".into(),
                json!([plover_actor(target, str_at(row, c.target_entity))]),
            );
        }
        record.insert("event".into(), json!([event]));
        if let Some(mode) = str_at(row, c.mode) {
            record.insert("mode".into(), json!([mode]));
        }
        record.insert(
            "event_text".into(),
            json!([str_at(row, c.trigger).unwrap_or("")]),
        );
        if let Some(quad) = plover_quad(event) {
            record.insert("quad_code".into(), json!(quad));
        }
        if let Some(Value::Float(g)) = row.get(c.goldstein) {
            record.insert("event_scale".into(), json!(g));
        }
        if let Some(place) = str_at(row, c.location) {
            record.insert("event_loc".into(), json!({ "name": place }));
        }
        record.insert(
            "text_info".into(),
            json!({
                "sequence": int_at(row, c.sentence),
                "start": int_at(row, c.start),
                "end": int_at(row, c.end),
            }),
        );
        let mut cite = Map::new();
        cite.insert("citation".into(), json!(doc_id));
        if let Some(url) = str_at(row, c.url) {
            cite.insert("url".into(), json!(url));
        }
        if let Some(outlet) = str_at(row, c.outlet) {
            cite.insert("publication".into(), json!(outlet));
        }
        record.insert("cite_info".into(), Json::Object(cite));
        record.insert("coder".into(), json!("backchannel"));
        // Fields PLOVER leaves to providers: CAMEO code, status, the mediator.
        record.insert("cameo".into(), json!(str_at(row, c.cameo)));
        record.insert("status".into(), json!(str_at(row, c.status)));
        if let Some(mediator) = str_at(row, c.mediator_code) {
            record.insert(
                "mediator".into(),
                json!([plover_actor(mediator, str_at(row, c.mediator_entity))]),
            );
        }
        serde_json::to_writer(&mut self.out, &record)?;
        self.out.write_all(b"\n")?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, ExportError> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_as_phoenix_does() {
        assert_eq!(
            split_actor("IRNGOV"),
            ("IRN".into(), "GOV".into(), String::new())
        );
        assert_eq!(
            split_actor("USAGOVMILELI"),
            ("USA".into(), "GOV".into(), "MIL;ELI".into())
        );
        assert_eq!(
            split_actor("IGOUNO"),
            ("IGO".into(), String::new(), "UNO".into())
        );
        assert_eq!(
            split_actor(""),
            (String::new(), String::new(), String::new())
        );
    }

    #[test]
    fn classes() {
        assert_eq!(phoenix_class("04"), Some(1));
        assert_eq!(phoenix_class("16"), Some(3));
        assert_eq!(phoenix_class("19"), Some(4));
        assert_eq!(phoenix_class("x"), None);
        assert_eq!(plover_quad("CONSULT"), Some(1));
        assert_eq!(plover_quad("REQUEST"), Some(3));
        assert_eq!(plover_quad("ASSAULT"), Some(4));
    }
}
