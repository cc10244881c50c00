//! `backchannel bench brief`: the brief of 1,000 and 10,000 generated documents — time on one
//! core and peak memory.
//!
//! The documents are invented from templates (parties, mediators, places, people, dates,
//! figures and stances vary), run through the real pipeline (ingest → extract), and then
//! briefed as the analyst's daily case: analysis, forecast and rendering (Markdown and HTML)
//! on one thread over records already extracted (SPEC §5). Extraction time is reported beside
//! it. Peak memory is the process's high-water mark (`VmHWM`).

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use crate::Global;
use crate::output;

/// The dossier of the generated negotiations: the example corpus's.
const DOSSIER: &str = include_str!("../../../../examples/muscat/dossier.toml");

const PEOPLE_IRN: &[&str] = &["Abbas Araghchi", "Ali Larijani", "Esmaeil Baghaei"];
const PEOPLE_USA: &[&str] = &["Steve Witkoff", "Marco Rubio", "Jared Kushner"];
const PLACES: &[&str] = &["Muscat", "Geneva", "Doha", "Vienna", "Istanbul"];
const FORMATS: &[&str] = &["indirect", "direct", "face-to-face", "indirect"];
const MONTHS: &[&str] = &["February", "March", "April"];

/// One generated article, seed style (a ` date` line, then the text).
fn article(i: usize) -> String {
    let pick = |list: &[&'static str], k: usize| list[(i / k + i * 7 + k) % list.len()];
    let day = 1 + (i * 13) % 27;
    let month = (i / 9) % MONTHS.len();
    let date = format!("2026-{:02}-{day:02}", month + 2);
    let place = pick(PLACES, 1);
    let next_day = 1 + (i * 13 + 4) % 27;
    let (irn, usa) = (pick(PEOPLE_IRN, 2), pick(PEOPLE_USA, 3));
    let format = pick(FORMATS, 5);
    let hours = 2 + i % 5;
    let vessels = 8 + i % 9;
    let rate = [10, 15, 25][i % 3];
    let month_name = MONTHS[month];
    let mut text = format!(
        " date {date} Iranian and American negotiators held {format} talks in {place} on {month_name} {day}, with Oman's foreign minister carrying messages between the delegations. The session lasted about {hours} hours, officials said.\n\n"
    );
    let _ = write!(
        text,
        "{irn} told reporters that Iran will never accept zero enrichment and that the agenda must stay limited to the nuclear file. \"Our missiles are not up for negotiation,\" he said.\n\n"
    );
    let _ = write!(
        text,
        "{usa} insisted that any deal must cover Iran's ballistic missiles and its support for armed groups, and demanded that Iran stop enriching uranium altogether.\n\n"
    );
    if i.is_multiple_of(2) {
        let _ = write!(
            text,
            "The Treasury Department imposed sanctions on {vessels} vessels carrying Iranian oil the same day, and the White House signed an order raising tariffs by up to {rate}% on countries that trade with Iran.\n\n"
        );
    }
    if i.is_multiple_of(3) {
        let _ = write!(
            text,
            "Iran offered to cap enrichment at a lower level in exchange for sanctions relief, a diplomat familiar with the talks said.\n\n"
        );
    }
    let _ = writeln!(
        text,
        "Both sides said another round will be held in {} on {month_name} {next_day}.",
        pick(PLACES, 4)
    );
    text
}

#[derive(Debug, Serialize)]
struct Figure {
    documents: usize,
    extract_seconds_all_cores: f64,
    brief_seconds_one_core: f64,
    analysis_seconds: f64,
    forecast_seconds: f64,
    render_seconds: f64,
    markdown_bytes: usize,
    html_bytes: usize,
    timeline_items: usize,
    contradictions: usize,
    peak_mb: f64,
}

/// The process's peak resident memory in MB (`VmHWM`), 0 when unknown.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Generates and extracts `n` documents on all cores.
fn corpus(n: usize, pipeline: &extract::Pipeline) -> anyhow::Result<corpus::Corpus> {
    let mut documents = Vec::with_capacity(n);
    for i in 0..n {
        let text = article(i);
        let (drafts, _) = ingest::parse_input(
            ingest::InputKind::Text,
            &format!("gen-{i:05}"),
            "bench",
            text.as_bytes(),
        );
        documents.extend(
            drafts
                .into_iter()
                .filter_map(|d| ingest::prepare(d).ok())
                .map(|p| p.doc),
        );
    }
    if documents.len() != n {
        anyhow::bail!(
            "generated {} of {n} documents; the figure would time a bug",
            documents.len()
        );
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut records: Vec<Option<model::record::Record>> = vec![None; n];
    let slots = std::sync::Mutex::new(&mut records);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(doc) = documents.get(i) else { break };
                    let record = pipeline.record(doc);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(record);
                    }
                }
            });
        }
    });
    let records: Vec<model::record::Record> = records.into_iter().flatten().collect();
    if records.len() != n {
        anyhow::bail!("extracted {} of {n} documents", records.len());
    }
    Ok(corpus::Corpus {
        documents,
        records,
        missing_records: 0,
    })
}

/// Runs `bench brief`.
///
/// # Errors
/// When the generated documents do not all parse or the brief comes out empty (the figure
/// would time a bug).
pub fn run(json: bool, global: &Global) -> anyhow::Result<ExitCode> {
    let dossier =
        dossier::Dossier::parse(DOSSIER).map_err(|e| anyhow::anyhow!("the bench dossier: {e}"))?;
    let pipeline = extract::Pipeline::new();
    let mut figures = Vec::new();
    for n in [1_000, 10_000] {
        output::note(global.quiet, &format!("bench brief: {n} documents…"));
        let start = Instant::now();
        let corpus = corpus(n, &pipeline)?;
        let extract_seconds = start.elapsed().as_secs_f64();

        let start = Instant::now();
        let analysis = corpus.analyze(&dossier);
        let analysis_seconds = start.elapsed().as_secs_f64();
        let t = Instant::now();
        let forecast = corpus.forecast(
            &dossier,
            &analysis,
            &dossier::ForecastSettings {
                svg: true,
                ..dossier::ForecastSettings::default()
            },
        );
        let forecast_seconds = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let sources = corpus.sources();
        let report = brief::Brief::new(&dossier, &analysis, &sources).with_forecast(&forecast);
        let markdown = report.markdown();
        let html = report.html();
        let render_seconds = t.elapsed().as_secs_f64();
        let brief_seconds = start.elapsed().as_secs_f64();
        if analysis.timeline.is_empty() || analysis.positions.is_empty() {
            anyhow::bail!(
                "the brief of {n} generated documents is empty; the figure would time a bug"
            );
        }
        figures.push(Figure {
            documents: n,
            extract_seconds_all_cores: extract_seconds,
            brief_seconds_one_core: brief_seconds,
            analysis_seconds,
            forecast_seconds,
            render_seconds,
            markdown_bytes: markdown.len(),
            html_bytes: html.len(),
            timeline_items: analysis.timeline.len(),
            contradictions: analysis.contradictions.len(),
            peak_mb: peak_mb(),
        });
    }
    if json {
        output::out(&(serde_json::to_string_pretty(&figures)? + "\n"))?;
    } else {
        let mut out = String::from(
            "documents  brief s (1 core)  analysis s  forecast s  render s  extract s (all cores)  peak MB\n",
        );
        for f in &figures {
            let _ = writeln!(
                out,
                "{:>9}  {:>16.3}  {:>10.3}  {:>10.3}  {:>8.3}  {:>21.1}  {:>7.0}",
                f.documents,
                f.brief_seconds_one_core,
                f.analysis_seconds,
                f.forecast_seconds,
                f.render_seconds,
                f.extract_seconds_all_cores,
                f.peak_mb
            );
        }
        out.push_str(
            "peak MB is the process's high-water mark (VmHWM), records of all documents included\n",
        );
        output::out(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_articles_vary_and_carry_a_date() {
        let a = article(0);
        let b = article(1);
        assert!(a.starts_with(" date 2026-"), "{a}");
        assert_ne!(a, b);
        assert!(a.contains("sanctions on 8 vessels"), "{a}");
        assert!(!b.contains("sanctions"), "{b}");
    }

    #[test]
    fn the_bench_dossier_is_valid() {
        let d = dossier::Dossier::parse(DOSSIER).expect("valid dossier");
        assert_eq!(d.parties, vec!["IRN", "USA"]);
    }
}
