//! Exports: stored records and documents as flat tables with a fixed, documented schema
//! (`docs/export.md`), written one row at a time to any [`std::io::Write`] so that memory
//! stays constant whatever the size of the database.
//!
//! [`Table`] names a table and its [`Column`]s; [`record_rows`] and [`document_row`] shape
//! rows of [`Value`]s; [`writer`] gives a [`RowWriter`] for a [`Format`]: JSONL, CSV, Parquet
//! (feature `parquet`), and for events the Phoenix tab-separated layout and PLOVER JSON
//! records. Pure: no database, no clock, no printing.

#![deny(missing_docs)]

mod error;
#[cfg(feature = "parquet")]
mod parquet_out;
mod rows;
mod text;

pub use error::ExportError;
pub use rows::{document_row, record_rows};
pub use text::PHOENIX_COLUMNS;

use std::io::Write;

/// The tables an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per coded event.
    Events,
    /// One row per actor of a document.
    Actors,
    /// One row per stated position.
    Positions,
    /// One row per quote.
    Quotes,
    /// One row per time expression.
    Times,
    /// One row per claim.
    Claims,
    /// One row per stored document, with its text.
    Documents,
}

impl Table {
    /// Every table, in documentation order.
    pub const ALL: [Table; 7] = [
        Table::Events,
        Table::Actors,
        Table::Positions,
        Table::Quotes,
        Table::Times,
        Table::Claims,
        Table::Documents,
    ];

    /// The table's name as written on the command line and in `docs/export.md`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Actors => "actors",
            Table::Positions => "positions",
            Table::Quotes => "quotes",
            Table::Times => "times",
            Table::Claims => "claims",
            Table::Documents => "documents",
        }
    }

    /// The table with this name.
    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The columns, in order. This is the stable schema: columns are only ever added at the
    /// end.
    pub fn columns(self) -> &'static [Column] {
        rows::columns(self)
    }

    /// True when rows come from extraction records (everything but documents).
    pub fn from_records(self) -> bool {
        self != Table::Documents
    }
}

/// A column's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// 64-bit signed integer.
    Int,
    /// 64-bit float.
    Float,
    /// true / false.
    Bool,
    /// A calendar day (`YYYY-MM-DD` in text formats, DATE in Parquet).
    Date,
}

impl ColumnType {
    /// Name used in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Int => "int64",
            ColumnType::Float => "float64",
            ColumnType::Bool => "bool",
            ColumnType::Date => "date",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Column name (snake_case).
    pub name: &'static str,
    /// Value type.
    pub kind: ColumnType,
    /// Whether the value may be missing (null; an empty field in CSV).
    pub nullable: bool,
    /// What it holds, for the documentation.
    pub doc: &'static str,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Missing.
    Null,
    /// Text.
    Text(String),
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// Calendar day.
    Date(jiff::civil::Date),
}

/// A row: one value per column of its table.
pub type Row = Vec<Value>;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON object per line, keys = column names.
    Jsonl,
    /// Comma-separated with a header line (RFC 4180 quoting).
    Csv,
    /// Apache Parquet, typed columns.
    Parquet,
    /// The Phoenix event data layout: 26 tab-separated columns, no header (events only).
    Phoenix,
    /// PLOVER JSON event records, one per line (events only).
    Plover,
}

impl Format {
    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Phoenix => "phoenix",
            Format::Plover => "plover",
        }
    }

    /// Whether the format can hold this table.
    pub fn supports(self, table: Table) -> bool {
        match self {
            Format::Phoenix | Format::Plover => table == Table::Events,
            Format::Jsonl | Format::Csv | Format::Parquet => true,
        }
    }
}

/// Something rows are written to, one at a time.
pub trait RowWriter {
    /// Writes one row (one value per column of the table, in order).
    ///
    /// # Errors
    /// Write errors of the output; a row of the wrong width.
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError>;

    /// Writes whatever is buffered and the format's trailer; returns the number of rows.
    ///
    /// # Errors
    /// Write errors of the output.
    fn finish(self: Box<Self>) -> Result<u64, ExportError>;
}

/// A writer of `table` rows in `format` to `out`.
///
/// # Errors
/// [`ExportError::Unsupported`] when the format cannot hold the table (Phoenix and PLOVER
/// hold events only) or was not built in; write errors of the header.
pub fn writer<'w>(
    format: Format,
    table: Table,
    out: Box<dyn Write + Send + 'w>,
) -> Result<Box<dyn RowWriter + 'w>, ExportError> {
    if !format.supports(table) {
        return Err(ExportError::Unsupported {
            format: format.name(),
            table: table.name(),
        });
    }
    match format {
        Format::Jsonl => Ok(Box::new(text::Jsonl::new(table, out))),
        Format::Csv => Ok(Box::new(text::Csv::new(table, out)?)),
        Format::Phoenix => Ok(Box::new(text::Phoenix::new(out))),
        Format::Plover => Ok(Box::new(text::Plover::new(out))),
        #[cfg(feature = "parquet")]
        Format::Parquet => Ok(Box::new(parquet_out::ParquetWriter::new(table, out)?)),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => Err(ExportError::NotBuilt { format: "parquet" }),
    }
}
