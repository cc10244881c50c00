//! The analyst's brief: the dossier analysis rendered for people (Markdown) and programs
//! (JSON, SPEC §5). Pure: takes the analysis and the documents with their records, returns
//! text. Every statement cites its evidence as `[document §sentence]`, and a sources list at
//! the end quotes each cited sentence, so a reader can check it without opening the file.

#![deny(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use dossier::{Analysis, Dossier};
use model::record::Record;
use model::{Document, Evidence};
use serde::Serialize;

/// A document and its extraction record, as the brief reads them.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The stored document.
    pub document: &'a Document,
    /// Its record.
    pub record: &'a Record,
}

/// One actor in the who's who, gathered over all documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhoIsWho {
    /// Actor code.
    pub code: String,
    /// Named person or organisation.
    pub entity: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// Spellings seen, sorted.
    pub aliases: Vec<String>,
    /// Number of documents mentioning the actor.
    pub documents: usize,
    /// Number of mentions.
    pub mentions: usize,
}

/// A headline statement with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// The statement.
    pub text: String,
    /// Where it comes from.
    pub evidence: Vec<Evidence>,
}

/// The brief as one JSON object (SPEC §5).
#[derive(Debug, Serialize)]
pub struct BriefJson<'a> {
    /// Headline statements.
    pub headline: Vec<Headline>,
    /// Merged events, past and planned.
    pub timeline: &'a [dossier::TimelineItem],
    /// Who's who.
    pub actors: Vec<WhoIsWho>,
    /// Party × issue table.
    pub issues: &'a [dossier::IssueRow],
    /// Every stance.
    pub positions: &'a [dossier::Position],
    /// Stances that moved.
    pub changes: &'a [dossier::Change],
    /// Disagreements between sources.
    pub contradictions: &'a [dossier::Contradiction],
    /// What is scheduled next.
    pub schedule: &'a [dossier::ScheduleItem],
    /// The forecast, once a scenario is derived (null until then).
    pub forecast: Option<serde_json::Value>,
}

/// Builds the who's who: actors grouped by code and entity over all documents, most
/// mentioned first; only actors with an entity or mentioned in two documents or more.
pub fn who_is_who(sources: &[Source<'_>]) -> Vec<WhoIsWho> {
    /// An actor being gathered: its row, the documents and the spellings seen.
    type Gathered = (WhoIsWho, BTreeSet<String>, BTreeSet<String>);
    let mut by_key: BTreeMap<(String, Option<String>), Gathered> = BTreeMap::new();
    for source in sources {
        for actor in &source.record.actors {
            let key = (actor.code.clone(), actor.entity.clone());
            let entry = by_key.entry(key).or_insert_with(|| {
                (
                    WhoIsWho {
                        code: actor.code.clone(),
                        entity: actor.entity.clone(),
                        role: actor.role.clone(),
                        aliases: Vec::new(),
                        documents: 0,
                        mentions: 0,
                    },
                    BTreeSet::new(),
                    BTreeSet::new(),
                )
            });
            entry.0.mentions += actor.mentions.len();
            entry.1.insert(source.record.doc.id.clone());
            entry.2.extend(actor.aliases.iter().cloned());
            if entry.0.role.is_none() {
                entry.0.role = actor.role.clone();
            }
        }
    }
    let mut out: Vec<WhoIsWho> = by_key
        .into_values()
        .map(|(mut who, docs, aliases)| {
            who.documents = docs.len();
            who.aliases = aliases.into_iter().collect();
            who
        })
        .filter(|w| w.entity.is_some() || w.documents >= 2)
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.code.cmp(&b.code))
    });
    out
}

/// Headline statements: the scale of the coverage, the sharpest disagreements and the next
/// scheduled step.
pub fn headline(analysis: &Analysis, sources: &[Source<'_>]) -> Vec<Headline> {
    let mut out = Vec::new();
    let stories = sources
        .iter()
        .filter(|s| s.document.duplicate_of.is_none())
        .count();
    let outlets: BTreeSet<&str> = sources
        .iter()
        .filter_map(|s| s.document.source.as_deref())
        .collect();
    out.push(Headline {
        text: format!(
            "{} documents ({} distinct stories) from {} named outlets; {} stances on {} issues, {} changes, {} disagreements between sources.",
            sources.len(),
            stories,
            outlets.len(),
            analysis.positions.len(),
            analysis.issues.iter().map(|i| i.issue.as_str()).collect::<BTreeSet<_>>().len(),
            analysis.changes.len(),
            analysis.contradictions.len()
        ),
        evidence: Vec::new(),
    });
    for c in analysis.contradictions.iter().take(3) {
        let values: Vec<String> = c
            .values
            .iter()
            .map(|v| format!("{} ({} source{})", v.value, v.sources, plural(v.sources)))
            .collect();
        out.push(Headline {
            text: format!(
                "Sources disagree on the {} of {}: {}.",
                c.attribute,
                c.subject,
                values.join(" vs ")
            ),
            evidence: c
                .values
                .iter()
                .flat_map(|v| v.evidence.iter().take(1).cloned())
                .collect(),
        });
    }
    if let Some(next) = analysis.schedule.first() {
        out.push(Headline {
            text: format!("Next: {} on {}.", next.what, next.date),
            evidence: next.evidence.clone(),
        });
    }
    out
}

/// The brief as JSON.
pub fn to_json(analysis: &Analysis, sources: &[Source<'_>]) -> serde_json::Value {
    let brief = BriefJson {
        headline: headline(analysis, sources),
        timeline: &analysis.timeline,
        actors: who_is_who(sources),
        issues: &analysis.issues,
        positions: &analysis.positions,
        changes: &analysis.changes,
        contradictions: &analysis.contradictions,
        schedule: &analysis.schedule,
        forecast: None,
    };
    serde_json::to_value(&brief).unwrap_or(serde_json::Value::Null)
}

/// Collects citations and numbers them in order of first use.
struct Citations<'a> {
    sources: &'a [Source<'a>],
    cited: Vec<Evidence>,
}

impl<'a> Citations<'a> {
    /// `[doc §n]` for the first evidence items (at most three), registering them.
    fn cite(&mut self, evidence: &[Evidence]) -> String {
        let mut parts = Vec::new();
        for ev in evidence.iter().take(3) {
            if !self.cited.contains(ev) {
                self.cited.push(ev.clone());
            }
            parts.push(format!("{} §{}", ev.doc, self.sentence_number(ev)));
        }
        if evidence.len() > 3 {
            parts.push(format!("+{}", evidence.len() - 3));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" [{}]", parts.join("; "))
        }
    }

    fn source(&self, ev: &Evidence) -> Option<&Source<'a>> {
        self.sources.iter().find(|s| s.document.id == ev.doc)
    }

    /// 1-based number of the sentence the evidence starts in.
    fn sentence_number(&self, ev: &Evidence) -> usize {
        self.source(ev)
            .map(|s| {
                s.record
                    .sentences
                    .iter()
                    .position(|r| {
                        r.start <= ev.span.start() && ev.span.start() < r.end.max(r.start + 1)
                    })
                    .map_or(0, |i| i + 1)
            })
            .unwrap_or(0)
    }

    fn quote(&self, ev: &Evidence) -> String {
        let text = self
            .source(ev)
            .and_then(|s| ev.span.slice(&s.document.text))
            .unwrap_or("");
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 240 {
            format!("{}…", one_line.chars().take(240).collect::<String>())
        } else {
            one_line
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The brief as Markdown.
pub fn to_markdown(dossier: &Dossier, analysis: &Analysis, sources: &[Source<'_>]) -> String {
    let mut cites = Citations {
        sources,
        cited: Vec::new(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", dossier.name);
    let parties = dossier.parties.join(", ");
    let mediators = if dossier.mediators.is_empty() {
        String::new()
    } else {
        format!("; mediators {}", dossier.mediators.join(", "))
    };
    let _ = writeln!(out, "Parties {parties}{mediators}.\n");

    let _ = writeln!(out, "## Headline\n");
    for h in headline(analysis, sources) {
        let cite = cites.cite(&h.evidence);
        let _ = writeln!(out, "- {}{cite}", h.text);
    }

    let _ = writeln!(out, "\n## Where each party stands\n");
    if analysis.issues.is_empty() {
        let _ = writeln!(out, "No stances found on the dossier's issues.");
    } else {
        let _ = writeln!(
            out,
            "| issue | party | latest stance | kind | value | trend | cited |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for row in &analysis.issues {
            let cite = cites.cite(&row.evidence);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |{} |",
                row.issue,
                row.party,
                cell(&row.stance),
                row.kind.as_str().replace('_', " "),
                row.value.map_or("–".to_owned(), |v| format!("{v:.0}")),
                row.trend,
                cite
            );
        }
    }

    let _ = writeln!(out, "\n## What changed\n");
    if analysis.changes.is_empty() {
        let _ = writeln!(out, "No party's stance moved between dates.");
    }
    for c in &analysis.changes {
        let from = cites.cite(&c.evidence_from);
        let to = cites.cite(&c.evidence_to);
        let value = |v: Option<f64>| v.map_or(String::new(), |v| format!(" ({v:.0})"));
        let _ = writeln!(
            out,
            "- {} on {}: {}{}{from} → {}{}{to}",
            c.party,
            c.issue,
            c.from.kind.as_str().replace('_', " "),
            value(c.from.value),
            c.to.kind.as_str().replace('_', " "),
            value(c.to.value)
        );
    }

    let _ = writeln!(out, "\n## Where the sources disagree\n");
    if analysis.contradictions.is_empty() {
        let _ = writeln!(out, "No contradictions between sources.");
    }
    for c in &analysis.contradictions {
        let internal = if c.internal {
            " (within one document)"
        } else {
            ""
        };
        let _ = writeln!(out, "- **{}** — {}{internal}:", c.subject, c.attribute);
        for v in &c.values {
            let copies = if v.copies.is_empty() {
                String::new()
            } else {
                format!(
                    ", plus syndicated cop{} {}",
                    if v.copies.len() == 1 { "y" } else { "ies" },
                    v.copies
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let outlier = if v.outlier { " — lone outlier" } else { "" };
            let cite = cites.cite(&v.evidence);
            let _ = writeln!(
                out,
                "  - `{}`: {} source{}{copies}{outlier}{cite}",
                v.value,
                v.sources,
                plural(v.sources)
            );
        }
    }

    let _ = writeln!(out, "\n## What's next\n");
    if analysis.schedule.is_empty() {
        let _ = writeln!(out, "Nothing scheduled in the coverage.");
    }
    for s in &analysis.schedule {
        let cite = cites.cite(&s.evidence);
        let _ = writeln!(
            out,
            "- {}: {} ({}){cite}",
            s.date,
            s.what,
            s.actors.join(", ")
        );
    }

    if !analysis.timeline.is_empty() {
        let _ = writeln!(out, "\n## Timeline\n");
        for t in &analysis.timeline {
            let cite = cites.cite(&t.evidence);
            let _ = writeln!(
                out,
                "- {} — {} ({}, {} source{}){cite}",
                t.date,
                t.what,
                t.status,
                t.sources,
                plural(t.sources)
            );
        }
    }

    let _ = writeln!(out, "\n## Who's who\n");
    let _ = writeln!(out, "| actor | code | role | spellings seen | documents |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for w in who_is_who(sources).iter().take(40) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(w.entity.as_deref().unwrap_or("–")),
            w.code,
            cell(w.role.as_deref().unwrap_or("–")),
            cell(&w.aliases.join(", ")),
            w.documents
        );
    }

    let _ = writeln!(out, "\n## Sources cited\n");
    let cited = cites.cited.clone();
    for ev in &cited {
        let outlet = cites
            .source(ev)
            .and_then(|s| s.document.source.clone())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{} §{}**{}: “{}”",
            ev.doc,
            cites.sentence_number(ev),
            if outlet.is_empty() {
                String::new()
            } else {
                format!(" ({outlet})")
            },
            cites.quote(ev)
        );
    }
    out
}
