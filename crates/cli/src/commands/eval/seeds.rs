//! `backchannel eval seeds`: the whole extraction record against hand annotations in the
//! format of `../shared/corpus/ANNOTATION.md`, scored as its "Scoring" section says.
//!
//! By default the three seed articles (`../shared/corpus/seeds`, gold in `seeds-gold`).
//! `--set DIR` scores another annotated set instead: articles in `DIR/articles`, gold in
//! `DIR/gold` (one `<document id>.json` per article, optionally `dossier.toml` for positions
//! and claims and `contradictions.json`). The articles are read exactly as `ingest` reads
//! them and go through the same pipeline, so the figures are those of the product.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use extract::Pipeline;
use extract::eval::record::{self, GoldDocument, RecordScore, Tally};
use model::Document;
use model::record::Record;

use crate::commands::ingest::{Item, parse_in_parallel};
use crate::shared::read;

/// Score the extraction record (actors, times, quotes; positions, claims and
/// contradictions under the set's dossier) against hand-annotated articles.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel eval seeds                                  # ../shared/corpus/seeds
  backchannel eval seeds --errors 20
  backchannel eval seeds --set examples/negotiations/trade --set examples/negotiations/ceasefire
  backchannel eval seeds --json > seeds-scores.json

A set directory holds articles/ (the texts, as ingest reads them) and gold/ (one JSON file
per article named after its document id, in the format of ANNOTATION.md); dossier.toml and
contradictions.json, when present, sit in gold/ or beside articles/.")]
pub struct SeedsArgs {
    /// An annotated set to score (articles/ and gold/ inside); repeat for several. Default:
    /// the seeds of the shared directory.
    #[arg(long = "set", value_name = "DIR")]
    pub sets: Vec<PathBuf>,
    /// The shared data directory (default: $BACKCHANNEL_SHARED, else ../shared found upwards).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Also print up to N misses (gold items not found or with a wrong value).
    #[arg(long, value_name = "N")]
    pub errors: Option<usize>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Where one annotated set lives.
struct Set {
    name: String,
    articles: PathBuf,
    gold: PathBuf,
}

/// Scores of one set, or of all together.
#[derive(Default)]
struct Scores {
    documents: usize,
    record: RecordScore,
    events: coder::eval::seeds::EventScore,
    positions: Option<(dossier::eval::Recall, dossier::eval::Recall)>,
    claims: Option<dossier::eval::Recall>,
    contradictions: Option<dossier::eval::Recall>,
}

fn add_recall(into: &mut Option<dossier::eval::Recall>, from: &dossier::eval::Recall) {
    let r = into.get_or_insert_with(Default::default);
    r.gold += from.gold;
    r.matched += from.matched;
    r.predicted += from.predicted;
    r.misses.extend(from.misses.iter().cloned());
}

impl Scores {
    fn add(&mut self, other: &Scores) {
        self.documents += other.documents;
        self.record.add(other.record.clone());
        self.events.merge(other.events.clone());
        if let Some((strict, loose)) = &other.positions {
            let mut s = self.positions.as_ref().map(|p| p.0.clone());
            let mut l = self.positions.as_ref().map(|p| p.1.clone());
            add_recall(&mut s, strict);
            add_recall(&mut l, loose);
            self.positions = s.zip(l);
        }
        if let Some(c) = &other.claims {
            add_recall(&mut self.claims, c);
        }
        if let Some(c) = &other.contradictions {
            add_recall(&mut self.contradictions, c);
        }
    }
}

/// Runs the evaluation.
///
/// # Errors
/// Fails when a set, an article or a gold file cannot be found or read, or a gold file does
/// not fit its article.
pub fn run(args: SeedsArgs) -> anyhow::Result<ExitCode> {
    let sets = if args.sets.is_empty() {
        let shared = crate::shared::shared_dir(args.shared.as_deref())?;
        vec![Set {
            name: "seeds".to_owned(),
            articles: shared.join("corpus/seeds"),
            gold: shared.join("corpus/seeds-gold"),
        }]
    } else {
        args.sets
            .iter()
            .map(|dir| Set {
                name: dir.file_name().map_or_else(
                    || dir.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                articles: dir.join("articles"),
                gold: dir.join("gold"),
            })
            .collect()
    };
    let pipeline = Pipeline::new();
    let mut per_set = Vec::new();
    let mut total = Scores::default();
    for set in &sets {
        let scores = score_set(set, &pipeline)?;
        total.add(&scores);
        per_set.push((set.name.clone(), scores));
    }
    let out = if args.json {
        let sets: serde_json::Map<String, serde_json::Value> = per_set
            .iter()
            .map(|(name, s)| (name.clone(), to_json(s, args.errors.unwrap_or(0))))
            .collect();
        let value = serde_json::json!({
            "total": to_json(&total, args.errors.unwrap_or(0)),
            "sets": sets,
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        let mut s = String::new();
        if per_set.len() > 1 {
            for (name, scores) in &per_set {
                let _ = writeln!(s, "== {name} ({} documents)", scores.documents);
                table(&mut s, scores);
                s.push('\n');
            }
            let _ = writeln!(s, "== all sets ({} documents)", total.documents);
        } else {
            let _ = writeln!(
                s,
                "{} ({} documents), scored as ANNOTATION.md says",
                per_set.first().map_or("", |(n, _)| n.as_str()),
                total.documents
            );
        }
        table(&mut s, &total);
        if let Some(n) = args.errors {
            misses(&mut s, &total, n);
        }
        s
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Article files of a set, sorted by name.
fn article_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| {
        format!(
            "could not list {}\nhint: a set directory holds articles/ and gold/",
            dir.display()
        )
    })? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && matches!(ext, "txt" | "md" | "html" | "htm") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn score_set(set: &Set, pipeline: &Pipeline) -> anyhow::Result<Scores> {
    let items: Vec<Item> = article_files(&set.articles)?
        .into_iter()
        .map(Item::File)
        .collect();
    let mut analysed: Vec<(Document, Record)> = Vec::new();
    let mut problems = Vec::new();
    parse_in_parallel(
        &items,
        crate::commands::ingest::job_count(None),
        Some(pipeline),
        |_, parsed| {
            problems.extend(parsed.problems);
            for (prepared, record) in parsed.prepared {
                if let Some(record) = record {
                    analysed.push((prepared.doc, record));
                }
            }
            Ok(())
        },
    )?;
    if let Some(problem) = problems.first() {
        bail!("{problem}\nhint: every article of an annotated set must be readable");
    }
    let mut scores = Scores {
        documents: analysed.len(),
        ..Scores::default()
    };
    let mut dossier_gold = Vec::new();
    for (document, record) in &analysed {
        let path = set.gold.join(format!("{}.json", document.id));
        let text =
            read(&path).with_context(|| format!("no gold file for document {}", document.id))?;
        let gold: GoldDocument = record::parse_gold(&path.display().to_string(), &text)?;
        scores
            .record
            .add(record::score_record(&gold, &document.text, record)?);
        let id = document.id.to_string();
        scores.events.merge(
            coder::eval::seeds::score_events(&id, &document.text, &text, &record.events)
                .with_context(|| format!("{}: events do not fit the article", path.display()))?,
        );
        dossier_gold.push(
            serde_json::from_str::<dossier::eval::GoldFile>(&text)
                .with_context(|| format!("{}: positions or claims do not parse", path.display()))?,
        );
    }
    // The dossier and the contradictions sit in the gold folder or beside it.
    let beside = |name: &str| {
        [set.gold.join(name), set.articles.with_file_name(name)]
            .into_iter()
            .find(|p| p.is_file())
    };
    if let Some(dossier_path) = beside("dossier.toml") {
        let dossier = corpus::read_dossier(&dossier_path)?;
        let inputs: Vec<dossier::Input<'_>> = analysed
            .iter()
            .map(|(document, record)| dossier::Input { document, record })
            .collect();
        let analysis = dossier::Analyzer::new(&dossier).analyze(&inputs);
        scores.positions = Some(dossier::eval::score_positions(
            &dossier_gold,
            &analysis.positions,
        ));
        scores.claims = Some(dossier::eval::score_claims(&dossier_gold, &analysis.claims));
        if let Some(contradictions_path) = beside("contradictions.json") {
            let gold: Vec<dossier::eval::GoldContradiction> =
                serde_json::from_str(&read(&contradictions_path)?).with_context(|| {
                    format!(
                        "{}: not a list of contradictions",
                        contradictions_path.display()
                    )
                })?;
            scores.contradictions = Some(dossier::eval::score_contradictions(
                &gold,
                &analysis.contradictions,
            ));
        }
    }
    Ok(scores)
}

fn line(s: &mut String, what: &str, n: &str, figure: &str, target: &str) {
    let _ = writeln!(s, "{what:<30} {n:>9}  {figure:<40} {target}");
}

fn table(s: &mut String, scores: &Scores) {
    let r = &scores.record;
    line(s, "", "found", "", "target");
    let frac = |t: &Tally| format!("{}/{}", t.found, t.gold);
    line(
        s,
        "actor codes",
        &frac(&r.actors),
        &format!(
            "recall {:.3}  precision {:.3}",
            r.actors.recall(),
            r.actors.precision()
        ),
        "recall ≥ 0.90",
    );
    line(
        s,
        "named people",
        &frac(&r.people),
        &format!(
            "recall {:.3}  precision {:.3}",
            r.people.recall(),
            r.people.precision()
        ),
        "",
    );
    line(
        s,
        "times",
        &frac(&r.times),
        &format!(
            "recall {:.3}  value accuracy {:.3}",
            r.times.recall(),
            r.times.accuracy()
        ),
        "value accuracy ≥ 0.90",
    );
    line(
        s,
        "quotes",
        &frac(&r.quotes),
        &format!(
            "recall {:.3}  speaker accuracy {:.3}",
            r.quotes.recall(),
            r.quotes.accuracy()
        ),
        "both ≥ 0.90",
    );
    let e = &scores.events;
    line(
        s,
        "events (type, dyad, sentence)",
        &format!("{}/{}", e.matched, e.gold),
        &format!(
            "P {:.3}  R {:.3}  F1 {:.3}  ({} predicted)",
            e.precision(),
            e.recall(),
            e.f1(),
            e.predicted
        ),
        "F1 ≥ 0.60",
    );
    if e.matched > 0 {
        line(
            s,
            "  status, date of matched",
            "",
            &format!(
                "status {:.3}  date {:.3}",
                e.status_correct as f64 / e.matched as f64,
                e.date_correct as f64 / e.matched as f64
            ),
            "",
        );
    }
    let rec = |x: &dossier::eval::Recall| format!("{}/{}", x.matched, x.gold);
    match &scores.positions {
        Some((strict, loose)) => {
            line(
                s,
                "positions (actor, issue, kind)",
                &rec(strict),
                &format!(
                    "recall {:.3}  ({} predicted)",
                    strict.recall(),
                    strict.predicted
                ),
                "recall ≥ 0.70",
            );
            line(
                s,
                "positions (actor, issue)",
                &rec(loose),
                &format!("recall {:.3}", loose.recall()),
                "",
            );
        }
        None => line(s, "positions", "-", "no dossier.toml in the gold", ""),
    }
    if let Some(c) = &scores.claims {
        line(
            s,
            "claims (attribute, value)",
            &rec(c),
            &format!("recall {:.3}  ({} predicted)", c.recall(), c.predicted),
            "recall ≥ 0.70",
        );
    }
    if let Some(c) = &scores.contradictions {
        line(
            s,
            "contradictions",
            &rec(c),
            &format!("recall {:.3}  ({} predicted)", c.recall(), c.predicted),
            "",
        );
    }
}

fn misses(s: &mut String, scores: &Scores, n: usize) {
    let _ = writeln!(s, "\nmisses (first {n} of each kind):");
    let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
    for what in ["actor", "person", "time", "quote"] {
        let list = scores
            .record
            .misses
            .iter()
            .filter(|m| m.what == what)
            .map(|m| match &m.predicted {
                Some(p) => format!("{}: {}  → got {p}", m.doc, m.gold),
                None => format!("{}: {}  → not found", m.doc, m.gold),
            })
            .collect();
        kinds.push((what, list));
    }
    kinds.push((
        "event",
        scores
            .events
            .missed
            .iter()
            .map(|(doc, g)| {
                format!(
                    "{doc}: {} {}→{} ({})  → not found",
                    g.plover,
                    g.source.as_deref().unwrap_or("?"),
                    g.target.as_deref().unwrap_or("-"),
                    g.status
                )
            })
            .collect(),
    ));
    kinds.push((
        "extra event",
        scores
            .events
            .spurious
            .iter()
            .map(|p| {
                format!(
                    "{}: {} {}→{} \"{}\" ({})",
                    p.doc, p.plover, p.source, p.target, p.trigger, p.status
                )
            })
            .collect(),
    ));
    if let Some((strict, _)) = &scores.positions {
        kinds.push(("position", strict.misses.clone()));
    }
    if let Some(c) = &scores.claims {
        kinds.push(("claim", c.misses.clone()));
    }
    if let Some(c) = &scores.contradictions {
        kinds.push(("contradiction", c.misses.clone()));
    }
    for (what, list) in kinds {
        for m in list.iter().take(n) {
            let _ = writeln!(s, "  {what:<13} {m}");
        }
    }
}

fn tally_json(t: &Tally) -> serde_json::Value {
    serde_json::json!({
        "gold": t.gold, "found": t.found, "right": t.right,
        "predicted": t.predicted, "correct": t.correct,
        "recall": t.recall(), "accuracy": t.accuracy(), "precision": t.precision(),
    })
}

fn recall_json(r: &dossier::eval::Recall, n: usize) -> serde_json::Value {
    serde_json::json!({
        "gold": r.gold, "matched": r.matched, "predicted": r.predicted,
        "recall": r.recall(), "misses": r.misses.iter().take(n).collect::<Vec<_>>(),
    })
}

fn to_json(scores: &Scores, n: usize) -> serde_json::Value {
    let r = &scores.record;
    serde_json::json!({
        "documents": scores.documents,
        "actors": tally_json(&r.actors),
        "people": tally_json(&r.people),
        "times": tally_json(&r.times),
        "quotes": tally_json(&r.quotes),
        "events": {
            "gold": scores.events.gold, "predicted": scores.events.predicted,
            "matched": scores.events.matched, "precision": scores.events.precision(),
            "recall": scores.events.recall(), "f1": scores.events.f1(),
            "status_correct": scores.events.status_correct,
            "date_correct": scores.events.date_correct,
        },
        "positions": scores.positions.as_ref().map(|(s, _)| recall_json(s, n)),
        "positions_any_kind": scores.positions.as_ref().map(|(_, l)| recall_json(l, n)),
        "claims": scores.claims.as_ref().map(|c| recall_json(c, n)),
        "contradictions": scores.contradictions.as_ref().map(|c| recall_json(c, n)),
        "misses": r.misses.iter().take(n).map(|m| serde_json::json!({
            "what": m.what, "doc": m.doc, "gold": m.gold, "predicted": m.predicted,
        })).collect::<Vec<_>>(),
    })
}
