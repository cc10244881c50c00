//! Parquet output with the `parquet` crate's low-level writer (no arrow): rows are buffered
//! into row groups of [`ROW_GROUP`] rows, so memory is bounded by one row group.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::{ColumnType, ExportError, RowWriter, Table, Value};

/// Rows per row group.
pub(crate) const ROW_GROUP: usize = 8192;

fn err(e: parquet::errors::ParquetError) -> ExportError {
    ExportError::Parquet(e.to_string())
}

/// The Parquet message type of a table: every column optional (nullable columns carry
/// nulls; the others never do), text as UTF-8 strings, dates as DATE.
pub(crate) fn message_type(table: Table) -> String {
    let mut out = format!("message {} {{\n", table.name());
    for c in table.columns() {
        let repetition = if c.nullable { "optional" } else { "required" };
        let physical = match c.kind {
            ColumnType::Text => "binary",
            ColumnType::Int => "int64",
            ColumnType::Float => "double",
            ColumnType::Bool => "boolean",
            ColumnType::Date => "int32",
        };
        let logical = match c.kind {
            ColumnType::Text => " (STRING)",
            ColumnType::Date => " (DATE)",
            _ => "",
        };
        out.push_str(&format!("  {repetition} {physical} {}{logical};\n", c.name));
    }
    out.push('}');
    out
}

/// Days since 1970-01-01.
fn epoch_days(date: jiff::civil::Date) -> i32 {
    date.since(jiff::civil::date(1970, 1, 1))
        .map(|span| span.get_days())
        .unwrap_or(0)
}

pub(crate) struct ParquetWriter<'w> {
    table: Table,
    writer: SerializedFileWriter<Box<dyn Write + Send + 'w>>,
    buffer: Vec<Vec<Value>>,
    rows: u64,
}

impl<'w> ParquetWriter<'w> {
    pub(crate) fn new(
        table: Table,
        out: Box<dyn Write + Send + 'w>,
    ) -> Result<ParquetWriter<'w>, ExportError> {
        let schema = Arc::new(parse_message_type(&message_type(table)).map_err(err)?);
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("backchannel {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        Ok(ParquetWriter {
            table,
            writer: SerializedFileWriter::new(out, schema, properties).map_err(err)?,
            buffer: Vec::with_capacity(ROW_GROUP),
            rows: 0,
        })
    }

    fn flush_group(&mut self) -> Result<(), ExportError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(err)?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(err)? {
            let spec = self.table.columns()[index];
            let cells = self.buffer.iter().map(|row| &row[index]);
            let levels: Vec<i16> = cells
                .clone()
                .map(|v| i16::from(!matches!(v, Value::Null)))
                .collect();
            let levels = spec.nullable.then_some(levels.as_slice());
            match spec.kind {
                ColumnType::Text => {
                    let values: Vec<ByteArray> = cells
                        .filter_map(|v| match v {
                            Value::Text(s) => Some(ByteArray::from(s.as_str())),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, levels, None)
                        .map_err(err)?;
                }
                ColumnType::Int => {
                    let values: Vec<i64> = cells
                        .filter_map(|v| match v {
                            Value::Int(n) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, levels, None)
                        .map_err(err)?;
                }
                ColumnType::Float => {
                    let values: Vec<f64> = cells
                        .filter_map(|v| match v {
                            Value::Float(f) => Some(*f),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<DoubleType>()
                        .write_batch(&values, levels, None)
                        .map_err(err)?;
                }
                ColumnType::Bool => {
                    let values: Vec<bool> = cells
                        .filter_map(|v| match v {
                            Value::Bool(b) => Some(*b),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<BoolType>()
                        .write_batch(&values, levels, None)
                        .map_err(err)?;
                }
                ColumnType::Date => {
                    let values: Vec<i32> = cells
                        .filter_map(|v| match v {
                            Value::Date(d) => Some(epoch_days(*d)),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<Int32Type>()
                        .write_batch(&values, levels, None)
                        .map_err(err)?;
                }
            }
            column.close().map_err(err)?;
            index += 1;
        }
        group.close().map_err(err)?;
        self.buffer.clear();
        Ok(())
    }
}

impl RowWriter for ParquetWriter<'_> {
    fn write_row(&mut self, row: &[Value]) -> Result<(), ExportError> {
        let columns = self.table.columns();
        if row.len() != columns.len() {
            return Err(ExportError::RowWidth {
                table: self.table.name(),
                found: row.len(),
                expected: columns.len(),
            });
        }
        // A value of the wrong type would shift a column: check it here.
        for (column, value) in columns.iter().zip(row) {
            let fits = matches!(
                (column.kind, value),
                (ColumnType::Text, Value::Text(_))
                    | (ColumnType::Int, Value::Int(_))
                    | (ColumnType::Float, Value::Float(_))
                    | (ColumnType::Bool, Value::Bool(_))
                    | (ColumnType::Date, Value::Date(_))
            ) || (column.nullable && *value == Value::Null);
            if !fits {
                return Err(ExportError::Parquet(format!(
                    "column {} of {} got {value:?}",
                    column.name,
                    self.table.name()
                )));
            }
        }
        self.buffer.push(row.to_vec());
        self.rows += 1;
        if self.buffer.len() >= ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, ExportError> {
        self.flush_group()?;
        let rows = self.rows;
        let mut out = self.writer.into_inner().map_err(err)?;
        out.flush()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(epoch_days(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(epoch_days(jiff::civil::date(1970, 1, 31)), 30);
        assert_eq!(epoch_days(jiff::civil::date(2026, 2, 6)), 20490);
        assert_eq!(epoch_days(jiff::civil::date(1969, 12, 31)), -1);
    }
}
