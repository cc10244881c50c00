//! `backchannel extract`: the extraction record of articles, without a database.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use extract::Pipeline;
use model::record::Record;

use crate::Global;
use crate::commands::ingest::{Item, job_count, parse_in_parallel};
use crate::output;

/// Extract sentences, actors, times and quotes (and, with a dossier, positions and claims)
/// from articles, without storing anything. `--format jsonl` prints one SPEC §3 record per
/// document; `pretty` is for reading.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel extract examples/muscat/03_muscat-round-meridian-wire.md
  backchannel extract news/ --format jsonl > records.jsonl
  backchannel extract news/ --dossier examples/muscat/dossier.toml --format jsonl
  backchannel extract article.txt --explain   # why each sentence was coded as it was")]
pub struct ExtractArgs {
    /// Files, directories, globs, or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub inputs: Vec<PathBuf>,
    /// `pretty` for people, `jsonl` for programs (SPEC §3).
    #[arg(long, value_enum, default_value_t = RecordFormat::Pretty)]
    pub format: RecordFormat,
    /// A dossier (`dossier.toml`): adds positions and claims on its issues.
    #[arg(long, value_name = "FILE")]
    pub dossier: Option<PathBuf>,
    /// Parsing threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print how the event coder read each sentence (actor units, the words taken for
    /// verbs, the patterns matched, the events) instead of the record.
    #[arg(long)]
    pub explain: bool,
}

/// Record output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// A readable summary per document.
    Pretty,
    /// One JSON object per line.
    Jsonl,
}

/// Runs `extract`.
///
/// # Errors
/// When the dossier cannot be read; bad inputs are reported and skipped (exit code 1).
pub fn run(args: ExtractArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let analyzer = match &args.dossier {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the dossier", path.display()))?;
            let dossier = dossier::Dossier::parse(&text)
                .map_err(|err| anyhow::anyhow!("{}: {err}", path.display()))?;
            Some(dossier::Analyzer::new(&dossier))
        }
        None => None,
    };
    let (inputs, walk_problems) = ingest::walk::expand(&args.inputs);
    let mut failed = 0u64;
    for problem in walk_problems {
        output::problem(&problem.to_string());
        failed += 1;
    }
    let items: Vec<Item> = inputs.into_iter().map(Item::from).collect();
    let pipeline = Pipeline::new();
    let jobs = job_count(args.jobs);
    let bar = output::progress(global.quiet, items.len() as u64, "extracting");
    let mut documents = 0u64;
    parse_in_parallel(&items, jobs, Some(&pipeline), |_, parsed| {
        for problem in &parsed.problems {
            output::problem(problem);
            failed += 1;
        }
        for (prepared, record) in parsed.prepared {
            let Some(mut record) = record else { continue };
            if let Some(analyzer) = &analyzer {
                let input = dossier::Input {
                    document: &prepared.doc,
                    record: &record,
                };
                let positions = analyzer
                    .positions(input)
                    .iter()
                    .map(|p| p.to_record())
                    .collect();
                let claims = analyzer
                    .claims(input)
                    .iter()
                    .map(|c| c.to_record())
                    .collect();
                record.positions = positions;
                record.claims = claims;
            }
            documents += 1;
            let text = match args.format {
                _ if args.explain => format!(
                    "== {}\n{}",
                    prepared.doc.id,
                    pipeline.explain(&prepared.doc)
                ),
                RecordFormat::Jsonl => serde_json::to_string(&record)? + "\n",
                RecordFormat::Pretty => pretty(&prepared.doc.text, &record),
            };
            output::out(&text)?;
        }
        bar.inc(1);
        Ok(())
    })?;
    bar.finish_and_clear();
    output::note(
        global.quiet,
        &format!("extracted {documents} documents, failed {failed}"),
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn slice(text: &str, start: u32, end: u32) -> &str {
    text.get(start as usize..end as usize).unwrap_or("")
}

/// A readable summary of a record.
fn pretty(text: &str, record: &Record) -> String {
    let mut out = String::new();
    let d = &record.doc;
    let _ = writeln!(
        out,
        "== {}  {}  {}",
        d.id,
        d.published.as_deref().unwrap_or("(no date)"),
        d.title.as_deref().unwrap_or("")
    );
    let _ = writeln!(out, "sentences: {}", record.sentences.len());
    if !record.actors.is_empty() {
        let _ = writeln!(out, "actors:");
        for a in &record.actors {
            let _ = writeln!(
                out,
                "  {:<10} {:<28} {:<24} {} mention{}  ({})",
                a.code,
                a.entity.as_deref().unwrap_or("-"),
                a.role.as_deref().unwrap_or("-"),
                a.mentions.len(),
                if a.mentions.len() == 1 { "" } else { "s" },
                a.aliases.join(", ")
            );
        }
    }
    if !record.times.is_empty() {
        let _ = writeln!(out, "times:");
        for t in &record.times {
            let _ = writeln!(
                out,
                "  {:<28} {:<9} {}{}",
                format!("{:?}", t.text),
                t.kind,
                t.value,
                if t.unresolved {
                    "  (unresolved: no publication date)"
                } else {
                    ""
                }
            );
        }
    }
    if !record.quotes.is_empty() {
        let _ = writeln!(out, "quotes:");
        for q in &record.quotes {
            let quoted: String = q.text.chars().take(90).collect();
            let ellipsis = if q.text.chars().count() > 90 {
                "…"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  [{}] {} ({}, {}): {quoted}{ellipsis}",
                q.kind,
                q.speaker_text.as_deref().unwrap_or("?"),
                q.speaker_code.as_deref().unwrap_or("-"),
                q.cue.as_deref().unwrap_or("-"),
            );
        }
    }
    if !record.positions.is_empty() {
        let _ = writeln!(out, "positions:");
        for p in &record.positions {
            let _ = writeln!(
                out,
                "  {} {:<18} {:<11} {:<6} {}",
                p.actor,
                p.issue,
                p.kind,
                p.value.map_or("-".to_owned(), |v| format!("{v:.0}")),
                p.summary
            );
        }
    }
    if !record.claims.is_empty() {
        let _ = writeln!(out, "claims:");
        for c in &record.claims {
            let _ = writeln!(
                out,
                "  {} {} = {}   \"{}\"",
                c.subject,
                c.attribute,
                c.value,
                slice(text, c.start, c.end)
                    .chars()
                    .take(80)
                    .collect::<String>()
            );
        }
    }
    out.push('\n');
    out
}
