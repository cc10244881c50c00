//! The analyzer: a dossier compiled once, applied to documents; and the analysis it returns,
//! whose parts serialise as the SPEC §5 brief JSON (`issues`, `positions`, `changes`,
//! `contradictions`, `schedule`, `timeline`).

use std::collections::BTreeMap;

use model::Evidence;
use serde::{Deserialize, Serialize};

use crate::claims::{Claim, Mention, read_mentions, resolve};
use crate::contradictions::{Contradiction, contradictions};
use crate::file::Dossier;
use crate::positions::{Change, Compiled, Position, StanceKind, changes, positions};
use crate::timeline::{Context, ScheduleItem, TimelineItem, timeline_in};
use crate::view::{Input, View};

/// A dossier compiled for analysis. Build once, share by reference.
pub struct Analyzer {
    dossier: Dossier,
    compiled: Compiled,
}

/// One cell of the issues table: a party's latest stance on an issue (SPEC §5 `issues`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRow {
    /// Issue id.
    pub issue: String,
    /// Party code.
    pub party: String,
    /// Kind of the latest stance.
    pub kind: StanceKind,
    /// The stance in the text's words.
    pub stance: String,
    /// Value on the scale.
    pub value: Option<f64>,
    /// `new` (one date only), `steady`, `firmer`, `softer`, `up`, `down` (value on the scale).
    pub trend: String,
    /// Where the latest stance was read.
    pub evidence: Vec<Evidence>,
}

/// Everything the brief shows besides the headline, actors and forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Party × issue table.
    pub issues: Vec<IssueRow>,
    /// Every stance read.
    pub positions: Vec<Position>,
    /// Stances that moved between dates.
    pub changes: Vec<Change>,
    /// Every claim read (not in SPEC §5; kept for exports and checks).
    pub claims: Vec<Claim>,
    /// Disagreements between sources.
    pub contradictions: Vec<Contradiction>,
    /// What is planned next.
    pub schedule: Vec<ScheduleItem>,
    /// Merged events, past and planned.
    pub timeline: Vec<TimelineItem>,
}

impl Analyzer {
    /// Compiles a dossier.
    pub fn new(dossier: &Dossier) -> Analyzer {
        Analyzer {
            dossier: dossier.clone(),
            compiled: Compiled::new(dossier),
        }
    }

    /// The dossier in use.
    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// A document prepared for analysis, with the dossier's party nouns resolved.
    fn view<'a>(&self, input: Input<'a>) -> View<'a> {
        let mut view = View::new(input);
        let extra = self.compiled.party_mentions(&view.folded.text);
        view.add_mentions(extra);
        view
    }

    /// The stances in one document.
    pub fn positions(&self, input: Input) -> Vec<Position> {
        positions(&self.view(input), &self.compiled)
    }

    /// The claim mentions of one document, before subjects are named across documents.
    /// Documents can be read in parallel; pass all mentions to [`crate::resolve_claims`].
    pub fn claim_mentions(&self, input: Input) -> Vec<Mention> {
        read_mentions(&self.view(input), &self.compiled)
    }

    /// The claims of one document alone, subjects named from this document only (for the
    /// per-document record, SPEC §3).
    pub fn claims(&self, input: Input) -> Vec<Claim> {
        resolve(&self.claim_mentions(input))
    }

    /// Analyses a corpus, with "today" the latest document date.
    pub fn analyze(&self, inputs: &[Input]) -> Analysis {
        let today = inputs.iter().filter_map(|i| i.date()).max();
        self.analyze_at(inputs, today)
    }

    /// Analyses a corpus; the schedule keeps planned events dated `today` or later (and
    /// those no source dates), and yearless dates take the year nearest `today`.
    pub fn analyze_at(&self, inputs: &[Input], today: Option<jiff::civil::Date>) -> Analysis {
        let mut all_positions = Vec::new();
        let mut mentions = Vec::new();
        for input in inputs {
            let view = self.view(*input);
            all_positions.extend(positions(&view, &self.compiled));
            mentions.extend(read_mentions(&view, &self.compiled));
        }
        let claims = resolve(&mentions);
        let contradictions = contradictions(&claims);
        let changes = changes(&all_positions);
        let issues = issue_table(&all_positions, &changes);
        let (timeline, schedule) = timeline_in(
            inputs,
            Context {
                parties: &self.dossier.parties,
                mediators: &self.dossier.mediators,
                claims: &claims,
                today,
            },
        );
        Analysis {
            issues,
            positions: all_positions,
            changes,
            claims,
            contradictions,
            schedule,
            timeline,
        }
    }
}

fn issue_table(positions: &[Position], changes: &[Change]) -> Vec<IssueRow> {
    let mut latest: BTreeMap<(&str, &str), &Position> = BTreeMap::new();
    for p in positions {
        let key = (p.issue.as_str(), p.actor.as_str());
        let better = match latest.get(&key) {
            None => true,
            Some(q) => {
                (p.date.as_deref(), p.kind.strength()) > (q.date.as_deref(), q.kind.strength())
            }
        };
        if better {
            latest.insert(key, p);
        }
    }
    latest
        .into_iter()
        .map(|((issue, party), p)| {
            let last = changes
                .iter()
                .rev()
                .find(|c| c.issue == issue && c.party == party);
            let dated = positions
                .iter()
                .filter(|q| q.issue == issue && q.actor == party)
                .filter_map(|q| q.date.as_deref())
                .collect::<std::collections::BTreeSet<_>>();
            let trend = match last {
                Some(c) => match (c.from.value, c.to.value) {
                    (Some(a), Some(b)) if b > a => "up",
                    (Some(a), Some(b)) if b < a => "down",
                    _ if c.to.kind.strength() > c.from.kind.strength() => "firmer",
                    _ => "softer",
                },
                None if dated.len() <= 1 => "new",
                None => "steady",
            };
            IssueRow {
                issue: issue.to_owned(),
                party: party.to_owned(),
                kind: p.kind,
                stance: p.summary.clone(),
                value: p.value,
                trend: trend.to_owned(),
                evidence: p.evidence.clone(),
            }
        })
        .collect()
}
