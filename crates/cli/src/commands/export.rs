//! `backchannel export`: tables of events, actors, positions, quotes, times, claims or
//! documents, streamed from the database page by page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use export::{Format, Table};
use store::{Cursor, Store};

use crate::Global;
use crate::output;

/// Rows are read this many documents at a time.
const PAGE: u32 = 200;

/// Export what the database holds as flat tables for spreadsheets, R, pandas, DuckDB or
/// Polars, or as event data in the Phoenix and PLOVER layouts. Memory use does not grow with
/// the database: documents are read a page at a time and rows written as they come. The
/// columns of every table are documented in docs/export.md.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel export --what events --format csv -o events.csv
  backchannel export --what quotes --format parquet -o quotes.parquet
  backchannel export --what documents > documents.jsonl
  backchannel export --format phoenix -o events.tsv
  backchannel export --format plover -o events-plover.jsonl

Exit codes: 0 written; 2 could not (database, file, a format that cannot hold the table).")]
pub struct ExportArgs {
    /// File format. `phoenix` and `plover` hold events only.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// Which table.
    #[arg(long, value_enum, default_value_t = TableArg::Events)]
    pub what: TableArg,
    /// Write here instead of standard output (the file appears only once complete).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
    /// Apache Parquet.
    Parquet,
    /// Phoenix event data (tab-separated, 26 columns).
    Phoenix,
    /// PLOVER JSON event records.
    Plover,
}

/// `--what` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableArg {
    /// Coded events.
    Events,
    /// Actors per document.
    Actors,
    /// Stated positions.
    Positions,
    /// Quotes.
    Quotes,
    /// Time expressions.
    Times,
    /// Checkable claims.
    Claims,
    /// Documents with their text.
    Documents,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Parquet => Format::Parquet,
            FormatArg::Phoenix => Format::Phoenix,
            FormatArg::Plover => Format::Plover,
        }
    }
}

impl TableArg {
    fn table(self) -> Table {
        match self {
            TableArg::Events => Table::Events,
            TableArg::Actors => Table::Actors,
            TableArg::Positions => Table::Positions,
            TableArg::Quotes => Table::Quotes,
            TableArg::Times => Table::Times,
            TableArg::Claims => Table::Claims,
            TableArg::Documents => Table::Documents,
        }
    }
}

/// Runs `export`.
///
/// # Errors
/// When the database cannot be read, the output cannot be written, or the format cannot
/// hold the table.
pub fn run(args: ExportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let format = args.format.format();
    let table = args.what.table();
    if !format.supports(table) {
        anyhow::bail!(
            "the {} format holds events only\nhint: use --format jsonl, csv or parquet for {}",
            format.name(),
            table.name()
        );
    }
    let store = crate::commands::open_existing_store(global)?;
    let (sink, partial): (Box<dyn Write + Send>, Option<PathBuf>) = match &args.output {
        Some(path) => {
            let partial = partial_path(path);
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("{}: cannot create the file", partial.display()))?;
            (Box::new(file), Some(partial))
        }
        None => match output::data_sink(format == Format::Parquet) {
            Some(stdout) => (stdout, None),
            None => anyhow::bail!(
                "Parquet is binary and standard output is a terminal\nhint: pass -o FILE.parquet"
            ),
        },
    };
    let result = write_all(store.as_ref(), format, table, sink, global.quiet);
    match (result, partial, &args.output) {
        (Ok(rows), Some(partial), Some(path)) => {
            std::fs::rename(&partial, path).with_context(|| {
                format!("{}: cannot move the finished export here", path.display())
            })?;
            output::note(
                global.quiet,
                &format!(
                    "exported {rows} {} row(s) as {} to {}",
                    table.name(),
                    format.name(),
                    path.display()
                ),
            );
            Ok(ExitCode::SUCCESS)
        }
        (Ok(rows), _, _) => {
            output::note(
                global.quiet,
                &format!(
                    "exported {rows} {} row(s) as {}",
                    table.name(),
                    format.name()
                ),
            );
            Ok(ExitCode::SUCCESS)
        }
        (Err(err), partial, _) => {
            if let Some(partial) = partial {
                let _ = std::fs::remove_file(partial);
            }
            Err(err)
        }
    }
}

/// `FILE.partial` beside `FILE`.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// Streams every row of `table` from the store into a writer; returns the row count.
fn write_all(
    store: &dyn Store,
    format: Format,
    table: Table,
    sink: Box<dyn Write + Send>,
    quiet: bool,
) -> anyhow::Result<u64> {
    let mut writer = export::writer(format, table, sink)?;
    let bar = output::progress(quiet, store.count_documents()?, "exporting");
    let mut cursor = Cursor::START;
    let mut rows = Vec::new();
    loop {
        let next = if table.from_records() {
            let page = store.records_page(cursor, PAGE)?;
            for record in &page.items {
                rows.clear();
                // Events carry their sentence's text: read the document only when needed.
                let text = if table == Table::Events && !record.events.is_empty() {
                    let id = model::DocId::new(record.doc.id.clone())?;
                    store.document(&id)?.map(|d| d.text)
                } else {
                    None
                };
                export::record_rows(table, record, text.as_deref(), &mut rows);
                for row in &rows {
                    writer.write_row(row)?;
                }
                bar.inc(1);
            }
            page.next
        } else {
            let page = store.documents_page(cursor, PAGE)?;
            for doc in &page.items {
                writer.write_row(&export::document_row(doc))?;
                bar.inc(1);
            }
            page.next
        };
        match next {
            Some(next) => cursor = next,
            None => break,
        }
    }
    bar.finish_and_clear();
    Ok(writer.finish()?)
}
