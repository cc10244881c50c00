//! The analyst's brief: the dossier analysis rendered for people (Markdown) and programs
//! (JSON, SPEC §5). Pure: takes the analysis and the documents with their records, returns
//! text. Every statement cites its evidence as `[document §sentence]`, and a sources list at
//! the end quotes each cited sentence, so a reader can check it without opening the file.

#![deny(missing_docs)]

mod html;
mod markdown;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use dossier::{Analysis, Dossier, DossierForecast};
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
        let when = if next.date == dossier::UNDATED {
            "no date given yet".to_owned()
        } else {
            next.date.clone()
        };
        let what = match next.what.strip_prefix("Next ") {
            Some(rest) => format!("next {rest}"),
            None => next.what.clone(),
        };
        out.push(Headline {
            text: format!("Next: {what} — {when}."),
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

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The brief of one negotiation: the dossier, its analysis, the cited documents and,
/// optionally, the forecast. Render it with [`Brief::markdown`], [`Brief::html`] or
/// [`Brief::json`].
#[derive(Debug, Clone, Copy)]
pub struct Brief<'a> {
    dossier: &'a Dossier,
    analysis: &'a Analysis,
    sources: &'a [Source<'a>],
    forecast: Option<&'a DossierForecast>,
}

impl<'a> Brief<'a> {
    /// A brief without a forecast section.
    pub fn new(dossier: &'a Dossier, analysis: &'a Analysis, sources: &'a [Source<'a>]) -> Self {
        Brief {
            dossier,
            analysis,
            sources,
            forecast: None,
        }
    }

    /// Adds the forecast section ("Where it is heading"; `forecast` in JSON).
    pub fn with_forecast(mut self, forecast: &'a DossierForecast) -> Self {
        self.forecast = Some(forecast);
        self
    }

    fn view(&self) -> view::View {
        view::build(self.dossier, self.analysis, self.sources, self.forecast)
    }

    /// Markdown: every statement cited as `[document §sentence]`, and a sources list at the
    /// end quoting each cited sentence.
    pub fn markdown(&self) -> String {
        markdown::render(&self.view())
    }

    /// One self-contained HTML page (inline CSS and SVG, no script, no network): the same
    /// content as [`Brief::markdown`], with each citation a link to the quoted sentence that
    /// also shows it on hover.
    pub fn html(&self) -> String {
        let sources = self.sources;
        let stories = sources
            .iter()
            .filter(|s| s.document.duplicate_of.is_none())
            .count();
        let mut dates: Vec<jiff::civil::Date> = sources
            .iter()
            .filter_map(|s| s.document.published.or(s.document.inferred_date))
            .collect();
        dates.sort_unstable();
        let span = match (dates.first(), dates.last()) {
            (Some(a), Some(b)) if a != b => format!(", dated {a} to {b}"),
            (Some(a), _) => format!(", dated {a}"),
            _ => String::new(),
        };
        let generated = format!(
            "Made by backchannel from {} documents ({stories} distinct stories){span}. Every statement links to the sentence it rests on.",
            sources.len()
        );
        html::render(&self.view(), &generated)
    }

    /// JSON (SPEC §5).
    pub fn json(&self) -> serde_json::Value {
        let mut value = to_json(self.analysis, self.sources);
        if let (Some(f), Some(obj)) = (self.forecast, value.as_object_mut()) {
            obj.insert(
                "forecast".to_owned(),
                serde_json::to_value(f).unwrap_or(serde_json::Value::Null),
            );
        }
        value
    }
}

/// The brief as Markdown, without a forecast section (see [`Brief`]).
pub fn to_markdown(dossier: &Dossier, analysis: &Analysis, sources: &[Source<'_>]) -> String {
    Brief::new(dossier, analysis, sources).markdown()
}

/// The brief as one self-contained HTML page, without a forecast section (see [`Brief`]).
pub fn to_html(dossier: &Dossier, analysis: &Analysis, sources: &[Source<'_>]) -> String {
    Brief::new(dossier, analysis, sources).html()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(schedule: Vec<dossier::ScheduleItem>) -> Analysis {
        Analysis {
            issues: Vec::new(),
            positions: Vec::new(),
            changes: Vec::new(),
            claims: Vec::new(),
            contradictions: Vec::new(),
            schedule,
            timeline: Vec::new(),
        }
    }

    fn item(what: &str, date: &str) -> dossier::ScheduleItem {
        dossier::ScheduleItem {
            what: what.to_owned(),
            date: date.to_owned(),
            actors: vec!["CHL".to_owned(), "PER".to_owned()],
            sources: 2,
            other_dates: Vec::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn the_headline_names_the_next_step_and_its_date_or_its_absence() {
        let a = analysis(vec![item(
            "Next round of talks between Chile and Peru",
            "XXXX-XX-XX",
        )]);
        let h = headline(&a, &[]);
        assert_eq!(
            h.last().map(|h| h.text.as_str()),
            Some("Next: next round of talks between Chile and Peru — no date given yet.")
        );
        let a = analysis(vec![item(
            "Chile and Peru to hold talks in Lima",
            "2026-03-09",
        )]);
        let h = headline(&a, &[]);
        assert_eq!(
            h.last().map(|h| h.text.as_str()),
            Some("Next: Chile and Peru to hold talks in Lima — 2026-03-09.")
        );
    }

    #[test]
    fn whats_next_says_when_no_date_is_given_and_counts_sources() {
        let d = Dossier::parse("name = \"t\"\nparties = [\"CHL\", \"PER\"]\n").expect("valid");
        let a = analysis(vec![item(
            "Next round of talks between Chile and Peru",
            "XXXX-XX-XX",
        )]);
        let md = to_markdown(&d, &a, &[]);
        assert!(
            md.contains(
                "- Date not given — Next round of talks between Chile and Peru — 2 sources"
            ),
            "{md}"
        );
    }
}
