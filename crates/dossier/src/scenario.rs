//! A forecast derived from the record (SPEC §6 "derived automatically from the dossier"): for
//! every issue with a scale, each party's and mediator's latest placed stance becomes its
//! position, how often and how firmly it speaks to the issue its salience, and its national
//! capability (from the shipped table, or the dossier's `[capability]` overrides) its weight.
//! The `forecast` crate then runs KTAB's Spatial Model of Politics, a Monte Carlo over input
//! noise and the expected-utility model on each issue, and [`forecast_dossier`] explains the
//! result in plain words with the sentence behind every position.
//!
//! # How the inputs are derived
//!
//! - **Stances counted**: a party's stances on an issue, each counted once: a stance read again
//!   in a syndicated copy (a document that duplicates another in the corpus) or repeated
//!   word for word on the same day is not counted twice. A stance belongs to a party when it
//!   speaks for that country (`IRN`) or, for a party code with sectors (`IRNGOV`), when the
//!   speaker's code starts with it.
//! - **Position**: the value (0–100 on the issue's scale) of the party's latest stance that
//!   was placed on the scale; latest by date, undated stances counting as oldest, and on the
//!   same day the more binding kind (red line before concession, rejection, demand, offer,
//!   plain position). Earlier placed stances that differ are listed with the input, and one
//!   25 points or more away is pointed out in the explanation.
//! - **Salience**: each counted stance weighs by how binding it is — red line 3, demand or
//!   rejection 2, offer, concession or plain position 1 — and a party's salience on an issue
//!   is its total there as a share of its total on the issue it speaks to most (scaled 0–100,
//!   rounded, at least 1). Stances on issues without a scale count towards that maximum too:
//!   they take the party's attention. 100 therefore means "the issue this party presses
//!   hardest", not a comparison between parties; the capability does that.
//! - **Capability**: the dossier's `[capability]` value for the party when given, else its
//!   country's CINC score from the shipped Correlates of War table (2016, see
//!   [`forecast::CapabilityTable`]). A party with neither, or with capability 0, is left out.
//!
//! Nothing is guessed: a party with no placed stance on an issue is left out of that issue's
//! run and reported in [`DossierForecast::missing`] (with the unplaced stance that was read,
//! if any); an issue with fewer than two parties left is listed in
//! [`DossierForecast::skipped`] with the reason. Each issue is run on its own (one dimension),
//! because its set of parties can differ from the other issues'.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use forecast::{CapabilityTable, EumActor, EumConfig, MonteCarloConfig, Scenario, SmpConfig};
use model::Evidence;
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::file::{Dossier, Scale};
use crate::positions::{Position, StanceKind};
use crate::view::Input;

/// A placed stance this far from the one used is pointed out in the explanation.
const CONFLICT_POINTS: f64 = 25.0;
/// Quotes are shortened to about this many characters.
const QUOTE_CHARS: usize = 180;

/// A dossier actor's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Listed in `parties`.
    Party,
    /// Listed in `mediators`.
    Mediator,
}

impl Role {
    /// `party` or `mediator`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Party => "party",
            Role::Mediator => "mediator",
        }
    }
}

/// The sentence behind an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// Document id.
    pub doc: String,
    /// 1-based sentence number in the document's record (0 when not found).
    pub sentence: usize,
    /// The sentence on one line, shortened to about 180 characters around the stance's words.
    pub quote: String,
    /// Document and byte span (SPEC §5 evidence).
    pub evidence: Vec<Evidence>,
}

impl Citation {
    /// `document §n`, as the brief cites.
    pub fn label(&self) -> String {
        format!("{} §{}", self.doc, self.sentence)
    }
}

/// Where a capability came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapabilityInput {
    /// Actor code.
    pub party: String,
    /// Party or mediator.
    pub role: Role,
    /// The value, when one was found.
    pub value: Option<f64>,
    /// `dossier`, or the table and year (`COW National Material Capabilities v6.0, CINC 2016`).
    pub source: String,
}

/// An earlier placed stance of a party on an issue, with a value other than the one used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierValue {
    /// The value.
    pub value: f64,
    /// Its latest date.
    pub date: Option<String>,
    /// How many counted stances gave it.
    pub count: usize,
    /// Where the latest of them was read.
    pub citation: Citation,
}

/// One party's inputs on one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyInput {
    /// Actor code.
    pub party: String,
    /// Party or mediator.
    pub role: Role,
    /// Position, 0–100 on the issue's scale (the latest placed stance).
    pub position: f64,
    /// Salience, 1–100 (see the module docs).
    pub salience: f64,
    /// Capability.
    pub capability: f64,
    /// Where the capability came from.
    pub capability_source: String,
    /// Kind of the stance that gave the position.
    pub kind: StanceKind,
    /// Its date.
    pub date: Option<String>,
    /// The person or body who took it, when named.
    pub person: Option<String>,
    /// The stance in the text's words.
    pub summary: String,
    /// How the value was placed on the scale.
    pub rule: Option<String>,
    /// The sentence it was read in.
    pub citation: Citation,
    /// Counted stances of this party on this issue (placed or not).
    pub stances: usize,
    /// Of which placed on the scale.
    pub placed: usize,
    /// Earlier placed stances with other values, latest first.
    pub earlier: Vec<EarlierValue>,
}

/// What is missing for an actor (on an issue, or everywhere).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingInput {
    /// Actor code.
    pub party: String,
    /// Party or mediator.
    pub role: Role,
    /// The issue, or none when the actor is missing from every issue (capability).
    pub issue: Option<String>,
    /// `position` or `capability`.
    pub field: String,
    /// Why, in words, and what to do.
    pub reason: String,
    /// Stances read on the issue that could not be placed (0 when none was read).
    pub stances: usize,
    /// The latest stance read that could not be placed, if any.
    pub citation: Option<Citation>,
}

/// An issue that was not forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedIssue {
    /// Issue id.
    pub issue: String,
    /// Its question.
    pub question: String,
    /// Why.
    pub reason: String,
}

/// An actor outside the dossier whose stances were placed on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outsider {
    /// Actor code.
    pub code: String,
    /// Issues with a placed stance.
    pub issues: Vec<String>,
}

/// How an actor moved during the SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// Actor code.
    pub party: String,
    /// Position at the start.
    pub from: f64,
    /// Position at the end.
    pub to: f64,
}

/// The forecast of one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueForecast {
    /// Issue id.
    pub issue: String,
    /// Its question.
    pub question: String,
    /// Its scale.
    pub scale: Scale,
    /// The inputs, one per party in the run (dossier order).
    pub inputs: Vec<PartyInput>,
    /// Predicted outcome (0–100): the SMP's final positions weighted by capability × salience.
    pub outcome: f64,
    /// The outcome in the scale's words (`near "no enrichment at all" (0)`).
    pub outcome_label: String,
    /// Monte Carlo median (absent when no runs were asked for or all failed).
    pub median: Option<f64>,
    /// Monte Carlo 10th percentile.
    pub q10: Option<f64>,
    /// Monte Carlo 90th percentile.
    pub q90: Option<f64>,
    /// Monte Carlo runs that completed.
    pub runs: usize,
    /// The expected-utility model's forecast (0–100), when it ran.
    pub eum: Option<f64>,
    /// SMP rounds after the initial state.
    pub rounds: usize,
    /// Each actor's first and final SMP position.
    pub moves: Vec<Move>,
    /// The full SMP run (positions per round).
    pub smp: forecast::SmpRun,
    /// The forecast in plain words.
    pub explanation: String,
    /// SVG chart of positions over rounds, when asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub svg: Option<String>,
}

/// Settings of the Monte Carlo recorded with the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// SMP model parameters.
    pub smp: SmpConfig,
    /// Monte Carlo runs, seed and noise.
    pub monte_carlo: MonteCarloConfig,
    /// How inputs were derived, in words.
    pub inputs: String,
    /// Where default capabilities come from.
    pub capability_source: String,
}

/// A forecast of every issue of a dossier, derived from the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierForecast {
    /// The dossier's name.
    pub dossier: String,
    /// Model settings and how inputs were derived.
    pub method: Method,
    /// Forecast issues, in dossier order.
    pub issues: Vec<IssueForecast>,
    /// Issues not forecast, with the reason.
    pub skipped: Vec<SkippedIssue>,
    /// Inputs that were missing (not guessed).
    pub missing: Vec<MissingInput>,
    /// Each dossier actor's capability and its source.
    pub capabilities: Vec<CapabilityInput>,
    /// Actors outside the dossier with placed stances (add them to include them).
    pub outsiders: Vec<Outsider>,
    /// `[capability]` codes that are neither a party nor a mediator (not used).
    pub unused_capabilities: Vec<String>,
    /// Counted stances (after removing syndicated and word-for-word repeats).
    pub stances: usize,
}

/// Settings of [`forecast_dossier`]; the default is KTAB's SMP parameters, a Monte Carlo of
/// 1000 runs and no SVG.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastSettings {
    /// SMP model parameters (KTAB's defaults).
    pub smp: SmpConfig,
    /// Monte Carlo settings (`runs = 0` skips it).
    pub monte_carlo: MonteCarloConfig,
    /// Also draw an SVG chart per issue.
    pub svg: bool,
}

/// The inputs of one issue, before the models run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueInputs {
    /// Issue id.
    pub issue: String,
    /// Its question.
    pub question: String,
    /// Its scale.
    pub scale: Scale,
    /// One per party with every input (dossier order).
    pub inputs: Vec<PartyInput>,
}

/// The derived inputs of every issue ([`derive`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derivation {
    /// Issues with at least two parties with every input.
    pub issues: Vec<IssueInputs>,
    /// Issues left out, with the reason.
    pub skipped: Vec<SkippedIssue>,
    /// Inputs that were missing.
    pub missing: Vec<MissingInput>,
    /// Each dossier actor's capability and its source.
    pub capabilities: Vec<CapabilityInput>,
    /// Actors outside the dossier with placed stances.
    pub outsiders: Vec<Outsider>,
    /// `[capability]` codes that are neither a party nor a mediator (not used).
    pub unused_capabilities: Vec<String>,
    /// Counted stances.
    pub stances: usize,
}

impl IssueInputs {
    /// The one-dimension scenario the models run on.
    ///
    /// # Errors
    /// When the inputs do not make a valid scenario (fewer than two parties).
    pub fn scenario(&self) -> Result<Scenario, forecast::ForecastError> {
        let rows: Vec<forecast::TableRow> = self
            .inputs
            .iter()
            .map(|p| forecast::TableRow {
                actor: p.party.clone(),
                capability: Some(p.capability),
                position: vec![Some(p.position)],
                salience: vec![Some(p.salience)],
            })
            .collect();
        Scenario::from_table(&self.issue, std::slice::from_ref(&self.issue), &rows)
    }
}

fn kind_weight(kind: StanceKind) -> f64 {
    match kind {
        StanceKind::RedLine => 3.0,
        StanceKind::Demand | StanceKind::Rejection => 2.0,
        StanceKind::Offer | StanceKind::Concession | StanceKind::Position => 1.0,
    }
}

/// `1 stance`, `3 stances`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn kind_name(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::RedLine => "red line",
        StanceKind::Demand => "demand",
        StanceKind::Offer => "offer",
        StanceKind::Concession => "concession",
        StanceKind::Rejection => "rejection",
        StanceKind::Position => "stated position",
    }
}

/// Resolves evidence to `document §n` and the sentence text.
struct Sources<'a> {
    by_id: HashMap<&'a str, Input<'a>>,
}

impl<'a> Sources<'a> {
    fn new(inputs: &[Input<'a>]) -> Sources<'a> {
        Sources {
            by_id: inputs
                .iter()
                .map(|i| (i.document.id.as_str(), *i))
                .collect(),
        }
    }

    /// True when the document duplicates another document of the corpus.
    fn is_copy(&self, doc: &str) -> bool {
        self.by_id.get(doc).is_some_and(|i| {
            i.document
                .duplicate_of
                .as_ref()
                .is_some_and(|orig| orig.as_str() != doc && self.by_id.contains_key(orig.as_str()))
        })
    }

    /// The sentence of a stance, shortened around the words its summary quotes.
    fn cite_stance(&self, p: &Position) -> Citation {
        self.cite(&p.evidence, focus(&p.summary))
    }

    fn cite(&self, evidence: &[Evidence], focus: Option<&str>) -> Citation {
        let Some(ev) = evidence.first() else {
            return Citation {
                doc: String::new(),
                sentence: 0,
                quote: String::new(),
                evidence: Vec::new(),
            };
        };
        let input = self.by_id.get(ev.doc.as_str());
        let start = ev.span.start();
        let sentence = input
            .and_then(|i| {
                i.record
                    .sentences
                    .iter()
                    .position(|r| r.start <= start && start < r.end.max(r.start + 1))
            })
            .map_or(0, |n| n + 1);
        let text = input
            .and_then(|i| ev.span.slice(&i.document.text))
            .unwrap_or("");
        Citation {
            doc: ev.doc.as_str().to_owned(),
            sentence,
            quote: excerpt(text, focus, QUOTE_CHARS),
            evidence: evidence.to_vec(),
        }
    }
}

/// The first words of the sentence that a stance summary quotes, for [`excerpt`]. A summary
/// is the stance in the text's words, possibly after a short cue (`demands: that …`) and with
/// `—` where words were left out.
fn focus(summary: &str) -> Option<&str> {
    let rest = match summary.split_once(": ") {
        Some((cue, rest)) if cue.split_whitespace().count() <= 4 => rest,
        _ => summary,
    };
    let rest = rest.split(" — ").next().unwrap_or(rest);
    let rest = rest.trim_start_matches(['"', '“', ' ']);
    let end = rest
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(rest.len(), |(i, _)| i);
    let words = rest[..end].trim_end_matches(['…', '"', '”', ',', '.']);
    (words.len() >= 3).then_some(words)
}

/// The text on one line, at most about `max` characters cut at word boundaries; when it is
/// longer, the window shows `focus` (if found) with `…` where text was left out.
fn excerpt(text: &str, focus: Option<&str>, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let one_line = words.join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    // Index of the word where the focus starts.
    let at = focus
        .and_then(|f| {
            let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
            one_line.find(&f)
        })
        .map_or(0, |byte| one_line[..byte].split_whitespace().count());
    // Start three words before the focus, then fill up to `max`.
    let mut first = at.saturating_sub(3);
    let len = |a: usize, b: usize| {
        words[a..b]
            .iter()
            .map(|w| w.chars().count() + 1)
            .sum::<usize>()
    };
    let mut last = first;
    while last < words.len() && len(first, last + 1) <= max {
        last += 1;
    }
    // Near the end: widen backwards instead.
    while first > 0 && len(first - 1, last) <= max {
        first -= 1;
    }
    let mut out = String::new();
    if first > 0 {
        out.push_str("… ");
    }
    out.push_str(&words[first..last.max(first + 1)].join(" "));
    if last < words.len() {
        out.push_str(" …");
    }
    out
}

/// Stances counted once (see the module docs), in corpus order.
fn counted<'p>(positions: &'p [Position], sources: &Sources<'_>) -> Vec<&'p Position> {
    let mut seen = HashSet::new();
    positions
        .iter()
        .filter(|p| {
            !p.evidence
                .first()
                .is_some_and(|e| sources.is_copy(e.doc.as_str()))
        })
        .filter(|p| {
            seen.insert((
                p.actor.as_str(),
                p.speaker_code.as_str(),
                p.issue.as_str(),
                p.kind,
                p.value.map(f64::to_bits),
                p.summary.as_str(),
                p.date.as_deref(),
            ))
        })
        .collect()
}

fn belongs(p: &Position, party: &str) -> bool {
    p.actor == party || (party.len() > 3 && p.speaker_code.starts_with(party))
}

/// Latest first: by date (undated oldest), then by how binding the kind is.
fn later(a: &Position, b: &Position) -> bool {
    (a.date.as_deref(), a.kind.strength()) > (b.date.as_deref(), b.kind.strength())
}

fn latest<'p>(stances: &[&'p Position]) -> Option<&'p Position> {
    let mut best: Option<&Position> = None;
    for &p in stances {
        if best.is_none_or(|b| later(p, b)) {
            best = Some(p);
        }
    }
    best
}

fn capability_of(
    dossier: &Dossier,
    table: &CapabilityTable,
    party: &str,
    role: Role,
) -> CapabilityInput {
    if let Some(&v) = dossier.capability.get(party) {
        return CapabilityInput {
            party: party.to_owned(),
            role,
            value: Some(v),
            source: "dossier".to_owned(),
        };
    }
    match table.get(party) {
        Some(e) => CapabilityInput {
            party: party.to_owned(),
            role,
            value: Some(e.cinc),
            source: if e.iso3 == party {
                format!("{} {}", forecast::CAPABILITY_SOURCE, e.year)
            } else {
                format!("{} {} ({})", forecast::CAPABILITY_SOURCE, e.year, e.iso3)
            },
        },
        None => CapabilityInput {
            party: party.to_owned(),
            role,
            value: None,
            source: String::new(),
        },
    }
}

/// Derives every issue's inputs from the analysis (pure; no model is run).
///
/// `inputs` are the analysed documents (to cite sentences and to recognise syndicated copies);
/// `table` gives the capabilities the dossier does not override.
pub fn derive(
    dossier: &Dossier,
    analysis: &Analysis,
    inputs: &[Input<'_>],
    table: &CapabilityTable,
) -> Derivation {
    let sources = Sources::new(inputs);
    let stances = counted(&analysis.positions, &sources);
    let actors: Vec<(&str, Role)> = dossier
        .parties
        .iter()
        .map(|p| (p.as_str(), Role::Party))
        .chain(
            dossier
                .mediators
                .iter()
                .map(|m| (m.as_str(), Role::Mediator)),
        )
        .collect();
    let mut missing = Vec::new();
    let mut capabilities = Vec::new();
    for &(party, role) in &actors {
        let cap = capability_of(dossier, table, party, role);
        match cap.value {
            None => missing.push(MissingInput {
                party: party.to_owned(),
                role,
                issue: None,
                field: "capability".to_owned(),
                reason: format!(
                    "no capability: `{party}` is not a state in the capability table; add `{party} = …` under [capability] in the dossier (a share of world capabilities, e.g. 0.01)"
                ),
                stances: 0,
                citation: None,
            }),
            Some(v) if v <= 0.0 => missing.push(MissingInput {
                party: party.to_owned(),
                role,
                issue: None,
                field: "capability".to_owned(),
                reason: format!(
                    "capability 0 in the dossier: `{party}` is left out of every run"
                ),
                stances: 0,
                citation: None,
            }),
            Some(_) => {}
        }
        capabilities.push(cap);
    }

    // Salience denominators: each actor's weighted total on its most-addressed issue.
    let mut totals: HashMap<(&str, &str), f64> = HashMap::new();
    for &(party, _) in &actors {
        for p in stances.iter().filter(|p| belongs(p, party)) {
            *totals.entry((party, p.issue.as_str())).or_default() += kind_weight(p.kind);
        }
    }
    let top = |party: &str| {
        totals
            .iter()
            .filter(|((a, _), _)| *a == party)
            .map(|(_, &v)| v)
            .fold(0.0, f64::max)
    };

    let mut issues = Vec::new();
    let mut skipped = Vec::new();
    for issue in &dossier.issues {
        let Some(scale) = &issue.scale else {
            skipped.push(SkippedIssue {
                issue: issue.id.clone(),
                question: issue.question.clone(),
                reason: "the dossier gives this issue no 0–100 scale, so stances cannot be placed; add `scale = { 0 = \"…\", 100 = \"…\" }` to forecast it".to_owned(),
            });
            continue;
        };
        let mut party_inputs = Vec::new();
        let mut unplaced: Vec<&str> = Vec::new();
        let mut silent: Vec<&str> = Vec::new();
        let mut no_capability: Vec<&str> = Vec::new();
        for (&(party, role), cap) in actors.iter().zip(&capabilities) {
            let own: Vec<&Position> = stances
                .iter()
                .copied()
                .filter(|p| p.issue == issue.id && belongs(p, party))
                .collect();
            let placed: Vec<&Position> = own
                .iter()
                .copied()
                .filter(|p| p.value.is_some_and(f64::is_finite))
                .collect();
            let Some(chosen) = latest(&placed) else {
                let last = latest(&own);
                let reason = if last.is_some() {
                    unplaced.push(party);
                    format!(
                        "{} on `{}`, none placed on its scale; left out of this issue",
                        count(own.len(), "stance"),
                        issue.id
                    )
                } else {
                    silent.push(party);
                    format!(
                        "no stance on `{}` in the record; left out of this issue",
                        issue.id
                    )
                };
                missing.push(MissingInput {
                    party: party.to_owned(),
                    role,
                    issue: Some(issue.id.clone()),
                    field: "position".to_owned(),
                    reason,
                    stances: own.len(),
                    citation: last.map(|p| sources.cite_stance(p)),
                });
                continue;
            };
            let Some(capability) = cap.value.filter(|&v| v > 0.0) else {
                no_capability.push(party);
                continue;
            };
            let position = chosen.value.unwrap_or(0.0).clamp(0.0, 100.0);
            let weight: f64 = own.iter().map(|p| kind_weight(p.kind)).sum();
            let max = top(party);
            let salience = if max > 0.0 {
                (100.0 * weight / max).round().clamp(1.0, 100.0)
            } else {
                1.0
            };
            party_inputs.push(PartyInput {
                party: party.to_owned(),
                role,
                position,
                salience,
                capability,
                capability_source: cap.source.clone(),
                kind: chosen.kind,
                date: chosen.date.clone(),
                person: chosen.person.clone(),
                summary: chosen.summary.clone(),
                rule: chosen.rule.clone(),
                citation: sources.cite_stance(chosen),
                stances: own.len(),
                placed: placed.len(),
                earlier: earlier_values(&placed, chosen, position, &sources),
            });
        }
        if party_inputs.len() < 2 {
            let what = if no_capability.is_empty() {
                "a placed stance"
            } else {
                "both a placed stance and a capability"
            };
            let have = match party_inputs.as_slice() {
                [one] => format!("only {} has {what}", one.party),
                _ => format!("no party has {what}"),
            };
            let mut why = Vec::new();
            if !unplaced.is_empty() {
                why.push(format!(
                    "{} spoke to it without a value on the scale",
                    unplaced.join(", ")
                ));
            }
            if !no_capability.is_empty() {
                why.push(format!("{} lacks a capability", no_capability.join(", ")));
            }
            if !silent.is_empty() {
                why.push(format!("{} took no stance", silent.join(", ")));
            }
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join("; "))
            };
            skipped.push(SkippedIssue {
                issue: issue.id.clone(),
                question: issue.question.clone(),
                reason: format!("{have}{why}; a forecast needs two"),
            });
            continue;
        }
        issues.push(IssueInputs {
            issue: issue.id.clone(),
            question: issue.question.clone(),
            scale: scale.clone(),
            inputs: party_inputs,
        });
    }

    let scaled: HashSet<&str> = dossier
        .issues
        .iter()
        .filter(|i| i.scale.is_some())
        .map(|i| i.id.as_str())
        .collect();
    let mut outside: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &stances {
        if p.value.is_some()
            && scaled.contains(p.issue.as_str())
            && !actors.iter().any(|&(a, _)| belongs(p, a))
        {
            outside
                .entry(p.actor.as_str())
                .or_default()
                .insert(p.issue.as_str());
        }
    }
    let order = |id: &str| dossier.issues.iter().position(|i| i.id == id);
    let outsiders = outside
        .into_iter()
        .map(|(code, issues)| {
            let mut issues: Vec<String> = issues.into_iter().map(str::to_owned).collect();
            issues.sort_by_key(|i| order(i));
            Outsider {
                code: code.to_owned(),
                issues,
            }
        })
        .collect();
    let unused_capabilities = dossier
        .capability
        .keys()
        .filter(|c| !actors.iter().any(|&(a, _)| a == c.as_str()))
        .cloned()
        .collect();
    Derivation {
        issues,
        skipped,
        missing,
        capabilities,
        outsiders,
        unused_capabilities,
        stances: stances.len(),
    }
}

fn earlier_values(
    placed: &[&Position],
    chosen: &Position,
    position: f64,
    sources: &Sources<'_>,
) -> Vec<EarlierValue> {
    let mut by_value: BTreeMap<u64, Vec<&Position>> = BTreeMap::new();
    for &p in placed {
        if std::ptr::eq(p, chosen) {
            continue;
        }
        let v = p.value.unwrap_or(position);
        if v != position {
            by_value.entry(v.to_bits()).or_default().push(p);
        }
    }
    let mut out: Vec<EarlierValue> = by_value
        .into_values()
        .filter_map(|ps| {
            let last = latest(&ps)?;
            Some(EarlierValue {
                value: last.value.unwrap_or(position),
                date: last.date.clone(),
                count: ps.len(),
                citation: sources.cite_stance(last),
            })
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.value.total_cmp(&b.value)));
    out
}

/// Derives the inputs and runs the models on every issue.
pub fn forecast_dossier(
    dossier: &Dossier,
    analysis: &Analysis,
    inputs: &[Input<'_>],
    table: &CapabilityTable,
    settings: &ForecastSettings,
) -> DossierForecast {
    let derived = derive(dossier, analysis, inputs, table);
    let mut issues = Vec::new();
    let mut skipped = derived.skipped;
    for inputs in derived.issues {
        let missing: Vec<&MissingInput> = derived
            .missing
            .iter()
            .filter(|m| m.issue.as_deref() == Some(inputs.issue.as_str()))
            .chain(derived.missing.iter().filter(|m| m.issue.is_none()))
            .collect();
        let (issue, question) = (inputs.issue.clone(), inputs.question.clone());
        match run_issue(inputs, &missing, settings) {
            Ok(f) => issues.push(f),
            Err(err) => skipped.push(SkippedIssue {
                issue,
                question,
                reason: format!("the model failed: {err}"),
            }),
        }
    }
    let order = |id: &str| dossier.issues.iter().position(|i| i.id == id);
    skipped.sort_by_key(|s| order(&s.issue));
    DossierForecast {
        dossier: dossier.name.clone(),
        method: Method {
            smp: settings.smp,
            monte_carlo: settings.monte_carlo,
            inputs: "position: each party's latest stance placed on the issue's scale; salience: its stances on the issue weighted red line 3, demand or rejection 2, other 1, as a share of its most-addressed issue; capability: dossier override, else the state's CINC score".to_owned(),
            capability_source: format!(
                "{}, 2016 (Correlates of War Project; Singer, Bremer & Stuckey 1972; Greig & Enterline 2021)",
                forecast::CAPABILITY_SOURCE
            ),
        },
        issues,
        skipped,
        missing: derived.missing,
        capabilities: derived.capabilities,
        outsiders: derived.outsiders,
        unused_capabilities: derived.unused_capabilities,
        stances: derived.stances,
    }
}

fn run_issue(
    inputs: IssueInputs,
    missing: &[&MissingInput],
    settings: &ForecastSettings,
) -> Result<IssueForecast, forecast::ForecastError> {
    let scenario = inputs.scenario()?;
    let smp = forecast::run_smp(&scenario, &settings.smp)?;
    let mc = if settings.monte_carlo.runs > 0 {
        forecast::monte_carlo(&scenario, &settings.smp, &settings.monte_carlo)
            .ok()
            .filter(|m| m.runs > 0)
    } else {
        None
    };
    let dist = mc.as_ref().and_then(|m| m.distributions.first());
    let eum_actors: Vec<EumActor> = inputs
        .inputs
        .iter()
        .map(|p| EumActor {
            name: p.party.clone(),
            capability: p.capability,
            position: p.position,
            salience: p.salience / 100.0,
        })
        .collect();
    let eum = forecast::run_eum(&eum_actors, &EumConfig::default())
        .ok()
        .map(|r| r.outcome())
        .filter(|v| v.is_finite());
    let outcome = smp.outcome.first().copied().unwrap_or(f64::NAN);
    let first = smp.rounds.first().map(|r| r.positions.clone());
    let last = smp.final_positions().to_vec();
    let moves = inputs
        .inputs
        .iter()
        .enumerate()
        .map(|(i, p)| Move {
            party: p.party.clone(),
            from: first
                .as_ref()
                .and_then(|f| f.get(i))
                .and_then(|v| v.first())
                .copied()
                .unwrap_or(p.position),
            to: last
                .get(i)
                .and_then(|v| v.first())
                .copied()
                .unwrap_or(p.position),
        })
        .collect();
    let svg = settings.svg.then(|| forecast::positions_svg(&smp, 0));
    let mut f = IssueForecast {
        issue: inputs.issue,
        question: inputs.question,
        outcome_label: describe(&inputs.scale, outcome),
        scale: inputs.scale,
        inputs: inputs.inputs,
        outcome,
        median: dist.map(|d| d.p50),
        q10: dist.map(|d| d.p10),
        q90: dist.map(|d| d.p90),
        runs: mc.as_ref().map_or(0, |m| m.runs),
        eum,
        rounds: smp.rounds.len().saturating_sub(1),
        moves,
        smp,
        explanation: String::new(),
        svg,
    };
    f.explanation = explain(&f, missing);
    Ok(f)
}

/// A value in the scale's words: at or near a labelled point, or between two.
pub fn describe(scale: &Scale, v: f64) -> String {
    if !v.is_finite() {
        return "no value".to_owned();
    }
    let nearest = scale
        .points
        .iter()
        .min_by(|a, b| (a.value - v).abs().total_cmp(&(b.value - v).abs()));
    if let Some(p) = nearest {
        let d = (p.value - v).abs();
        if d < 0.5 {
            return format!("at \"{}\" ({})", p.label, num(p.value));
        }
        if d <= 10.0 {
            return format!("near \"{}\" ({})", p.label, num(p.value));
        }
    }
    let below = scale.points.iter().rev().find(|p| p.value <= v);
    let above = scale.points.iter().find(|p| p.value >= v);
    match (below, above) {
        (Some(a), Some(b)) => {
            let toward = if v - a.value < b.value - v { a } else { b };
            format!(
                "between \"{}\" ({}) and \"{}\" ({}), nearer \"{}\"",
                a.label,
                num(a.value),
                b.label,
                num(b.value),
                toward.label
            )
        }
        _ => num(v),
    }
}

/// A number for prose: whole when it is, else one decimal.
fn num(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn possessive(code: &str) -> String {
    format!("{code}'s")
}

/// The plain-words explanation of one issue's forecast; `missing` are the issue's missing
/// inputs.
fn explain(f: &IssueForecast, missing: &[&MissingInput]) -> String {
    let mut s = String::new();
    let ins = &f.inputs;
    // Who stands where, and how much each cares.
    let stands: Vec<String> = ins
        .iter()
        .map(|p| {
            let label = f
                .scale
                .points
                .iter()
                .find(|pt| (pt.value - p.position).abs() < 0.5)
                .map(|pt| format!(" (\"{}\")", pt.label))
                .unwrap_or_default();
            format!(
                "{} {} at {}{label}",
                possessive(&p.party),
                kind_name(p.kind),
                num(p.position)
            )
        })
        .collect();
    let _ = write!(s, "{}", capitalise(&join_and(&stands)));
    let saliences: Vec<String> = ins
        .iter()
        .map(|p| format!("{} {}", p.party, num(p.salience)))
        .collect();
    let (lo, hi) = ins.iter().fold((f64::INFINITY, 0.0_f64), |(lo, hi), p| {
        (lo.min(p.salience), hi.max(p.salience))
    });
    if hi == lo {
        let _ = write!(s, ", with equal salience ({}). ", num(hi));
    } else {
        let _ = write!(
            s,
            ", with {} salience ({}). ",
            if lo >= 0.8 * hi {
                "about equal"
            } else {
                "unequal"
            },
            saliences.join(", ")
        );
    }
    // Weight: capability × salience.
    let weights: Vec<f64> = ins.iter().map(|p| p.capability * p.salience).collect();
    let total: f64 = weights.iter().sum();
    let mut order: Vec<usize> = (0..ins.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let mut by_cap: Vec<usize> = (0..ins.len()).collect();
    by_cap.sort_by(|&a, &b| ins[b].capability.total_cmp(&ins[a].capability));
    if let [a, b, ..] = by_cap[..] {
        let ratio = ins[a].capability / ins[b].capability;
        if ratio >= 1.1 {
            let _ = write!(
                s,
                "{} has {}× {} capability",
                ins[a].party,
                ratio_text(ratio),
                possessive(&ins[b].party)
            );
        } else {
            let _ = write!(
                s,
                "{} and {} have about the same capability",
                ins[a].party, ins[b].party
            );
        }
        if total > 0.0 {
            let shares: Vec<String> = order
                .iter()
                .map(|&i| {
                    format!(
                        "{} {} %",
                        ins[i].party,
                        (100.0 * weights[i] / total).round()
                    )
                })
                .collect();
            let _ = write!(
                s,
                ", so the weight (capability × salience) splits {}",
                shares.join(", ")
            );
        }
        s.push_str(". ");
    }
    // The SMP.
    let _ = write!(
        s,
        "The bargaining model (SMP) ends at {}, {}",
        num(f.outcome),
        f.outcome_label
    );
    let moved: Vec<&Move> = f
        .moves
        .iter()
        .filter(|m| (m.to - m.from).abs() >= 0.5)
        .collect();
    let apart = ins
        .iter()
        .any(|p| (p.position - ins[0].position).abs() >= 0.5);
    if moved.is_empty() && apart {
        s.push_str(
            "; nobody moves, as no challenge pays off, so the outcome is the weighted mean of where the parties stand. ",
        );
    } else if moved.is_empty() {
        s.push_str("; nobody moves: they already agree. ");
    } else {
        let steps: Vec<String> = moved
            .iter()
            .enumerate()
            .map(|(k, m)| {
                format!(
                    "{} {}from {} to {}",
                    m.party,
                    if k == 0 { "moves " } else { "" },
                    num(m.from),
                    num(m.to)
                )
            })
            .collect();
        let _ = write!(
            s,
            ", after {} round{}: {}. ",
            f.rounds,
            if f.rounds == 1 { "" } else { "s" },
            join_and(&steps)
        );
    }
    let closest = ins.iter().min_by(|a, b| {
        (a.position - f.outcome)
            .abs()
            .total_cmp(&(b.position - f.outcome).abs())
    });
    if let (Some(c), Some(&h), true) = (closest, order.first(), apart) {
        let heavy = &ins[h];
        if c.party == heavy.party {
            let _ = write!(
                s,
                "The outcome sits closest to {}, the heaviest side. ",
                c.party
            );
        } else if c.salience > heavy.salience {
            let _ = write!(
                s,
                "The outcome sits closer to {} although {} carries more weight: {} cares more about the issue (salience {} against {}), and in the SMP the side that cares less gives way. ",
                c.party,
                heavy.party,
                c.party,
                num(c.salience),
                num(heavy.salience)
            );
        } else {
            let _ = write!(
                s,
                "The outcome sits closest to {} although {} carries more weight. ",
                c.party, heavy.party
            );
        }
    }
    // Uncertainty.
    if let (Some(m), Some(q10), Some(q90)) = (f.median, f.q10, f.q90) {
        let _ = write!(
            s,
            "With noisy inputs ({} runs) the median outcome is {}, and 80 % of runs fall between {} and {}",
            f.runs,
            num(m),
            num(q10),
            num(q90)
        );
        if q90 - q10 > 30.0 {
            s.push_str(": a wide spread, so the forecast hangs on uncertain inputs");
        }
        s.push_str(". ");
    }
    // The EUM.
    match f.eum {
        Some(e) if (e - f.outcome).abs() <= 10.0 => {
            let _ = write!(s, "The expected-utility model agrees ({}). ", num(e));
        }
        Some(e) => {
            let at = ins
                .iter()
                .find(|p| (p.position - e).abs() < 0.5)
                .map(|p| format!(", {} position", possessive(&p.party)))
                .unwrap_or_default();
            let _ = write!(
                s,
                "The expected-utility model ends elsewhere, at {}{at}: {}. ",
                num(e),
                describe(&f.scale, e)
            );
        }
        None => s.push_str("The expected-utility model gave no result. "),
    }
    // Caveats.
    for p in ins {
        if let Some(e) = p
            .earlier
            .iter()
            .find(|e| (e.value - p.position).abs() >= CONFLICT_POINTS)
        {
            let _ = write!(
                s,
                "Check {}: its latest placed stance ({}, {}) differs from an earlier one at {} ({}). ",
                p.party,
                num(p.position),
                p.date.as_deref().unwrap_or("undated"),
                num(e.value),
                e.date.as_deref().unwrap_or("undated"),
            );
        }
    }
    let mut left_out: Vec<String> = Vec::new();
    let mut named: Vec<&str> = Vec::new();
    for m in missing {
        if named.contains(&m.party.as_str()) || (m.role == Role::Mediator && m.stances == 0) {
            continue;
        }
        named.push(&m.party);
        left_out.push(if m.field == "capability" {
            format!("{} (no capability)", m.party)
        } else if m.stances > 0 {
            format!(
                "{} ({} but none placed on the scale)",
                m.party,
                count(m.stances, "stance")
            )
        } else {
            format!("{} (no stance)", m.party)
        });
    }
    if !left_out.is_empty() {
        let _ = write!(s, "Left out: {}.", join_and(&left_out));
    }
    s.trim_end().to_owned()
}

fn ratio_text(r: f64) -> String {
    if r >= 10.0 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use model::{DocId, Span};

    const DOSSIER: &str = r#"name = "Harbour talks"
parties = ["AAA", "USA", "IRN"]
mediators = ["OMN"]

[[issue]]
id = "tolls"
question = "How high are harbour tolls?"
scale = { 0 = "no tolls", 100 = "tolls doubled" }

[[issue]]
id = "ships"
question = "How many ships may dock?"
scale = { 0 = "none", 100 = "unlimited" }

[[issue]]
id = "venue"
question = "Where do they meet?"

[capability]
AAA = 0.02
"#;

    struct Corpus {
        docs: Vec<model::Document>,
        records: Vec<model::record::Record>,
    }

    impl Corpus {
        fn new(texts: &[(&str, &str, &str)]) -> Corpus {
            let docs: Vec<model::Document> = texts
                .iter()
                .map(|(id, text, date)| testkit::document(id, text, Some(date)))
                .collect();
            let records = docs.iter().map(testkit::record).collect();
            Corpus { docs, records }
        }

        fn inputs(&self) -> Vec<Input<'_>> {
            self.docs
                .iter()
                .zip(&self.records)
                .map(|(document, record)| Input { document, record })
                .collect()
        }

        /// A stance citing the sentence of `doc` that contains `needle`.
        fn stance(
            &self,
            actor: &str,
            issue: &str,
            kind: StanceKind,
            value: Option<f64>,
            doc: &str,
            needle: &str,
        ) -> Position {
            let d = self
                .docs
                .iter()
                .find(|d| d.id.as_str() == doc)
                .expect("document");
            let start = d.text.find(needle).expect("needle in text");
            let end = start + needle.len();
            Position {
                actor: actor.to_owned(),
                speaker_code: format!("{actor}GOV"),
                person: None,
                issue: issue.to_owned(),
                kind,
                value,
                rule: None,
                summary: needle.to_owned(),
                cue: String::new(),
                date: d.published.map(|p| p.to_string()),
                evidence: vec![Evidence {
                    doc: DocId::new(doc).expect("id"),
                    span: Span::new(start as u32, end as u32).expect("span"),
                }],
            }
        }
    }

    fn analysis(positions: Vec<Position>) -> Analysis {
        Analysis {
            issues: Vec::new(),
            positions,
            changes: Vec::new(),
            claims: Vec::new(),
            contradictions: Vec::new(),
            schedule: Vec::new(),
            timeline: Vec::new(),
        }
    }

    fn table() -> CapabilityTable {
        CapabilityTable::parse(
            "iso3\tcow\tccode\tyear\tcinc\nIRN\tIRN\t630\t2016\t0.015\nOMN\tOMA\t698\t2016\t0.002\nUSA\tUSA\t2\t2016\t0.13\n",
        )
        .expect("table")
    }

    fn corpus() -> Corpus {
        Corpus::new(&[
            (
                "d1",
                "The harbour board met on Monday. Ministers in Tehran said tolls must stay as they are. Washington wants tolls abolished.",
                "2026-03-01",
            ),
            (
                "d2",
                "Tehran will never accept a cut in tolls. Washington offered to halve the tolls. Tehran said ships are a separate matter.",
                "2026-03-03",
            ),
            (
                "d3",
                "Washington later demanded that tolls be dropped entirely. The meeting moved to a new venue.",
                "2026-03-05",
            ),
        ])
    }

    fn positions(c: &Corpus) -> Vec<Position> {
        use StanceKind::*;
        vec![
            c.stance(
                "IRN",
                "tolls",
                Demand,
                Some(100.0),
                "d1",
                "tolls must stay as they are",
            ),
            c.stance(
                "USA",
                "tolls",
                Demand,
                Some(0.0),
                "d1",
                "Washington wants tolls abolished",
            ),
            c.stance(
                "IRN",
                "tolls",
                RedLine,
                Some(100.0),
                "d2",
                "Tehran will never accept a cut in tolls",
            ),
            c.stance(
                "USA",
                "tolls",
                Offer,
                Some(50.0),
                "d2",
                "Washington offered to halve the tolls",
            ),
            c.stance(
                "IRN",
                "ships",
                Position,
                None,
                "d2",
                "Tehran said ships are a separate matter",
            ),
            c.stance(
                "USA",
                "tolls",
                Demand,
                Some(0.0),
                "d3",
                "Washington later demanded that tolls be dropped entirely",
            ),
            c.stance(
                "OMN",
                "venue",
                Offer,
                None,
                "d3",
                "The meeting moved to a new venue",
            ),
            c.stance(
                "CHN",
                "tolls",
                Demand,
                Some(20.0),
                "d3",
                "The meeting moved",
            ),
        ]
    }

    #[test]
    fn derives_positions_saliences_and_capabilities() {
        let c = corpus();
        let d = Dossier::parse(DOSSIER).expect("dossier");
        let a = analysis(positions(&c));
        let got = derive(&d, &a, &c.inputs(), &table());
        assert_eq!(got.issues.len(), 1, "{:?}", got.skipped);
        let tolls = &got.issues[0];
        assert_eq!(tolls.issue, "tolls");
        let by: HashMap<&str, &PartyInput> =
            tolls.inputs.iter().map(|p| (p.party.as_str(), p)).collect();
        // AAA: capability from the dossier but no stance: left out of the run.
        assert_eq!(tolls.inputs.len(), 2);
        let irn = by["IRN"];
        let usa = by["USA"];
        // Latest placed stance: USA's demand of 03-05 (0), not the offer of 03-03 (50).
        assert_eq!((usa.position, usa.kind), (0.0, StanceKind::Demand));
        assert_eq!(usa.date.as_deref(), Some("2026-03-05"));
        assert_eq!(usa.citation.doc, "d3");
        assert_eq!(usa.citation.sentence, 1);
        assert!(usa.citation.quote.starts_with("Washington later demanded"));
        assert_eq!((usa.stances, usa.placed), (3, 3));
        assert_eq!(usa.earlier.len(), 1);
        assert_eq!(usa.earlier[0].value, 50.0);
        assert_eq!(usa.earlier[0].citation.sentence, 2);
        // IRN: red line at 100; tolls weigh 2 + 3 = 5, ships 1: salience 100 on tolls.
        assert_eq!((irn.position, irn.kind), (100.0, StanceKind::RedLine));
        assert_eq!(irn.salience, 100.0);
        assert!(irn.earlier.is_empty(), "same value earlier is no conflict");
        // USA speaks only to tolls: 100.
        assert_eq!(usa.salience, 100.0);
        // Capabilities: the table, cited with its year.
        assert_eq!(irn.capability, 0.015);
        assert!(irn.capability_source.contains("2016"));
        let aaa = got
            .capabilities
            .iter()
            .find(|c| c.party == "AAA")
            .expect("AAA");
        assert_eq!((aaa.value, aaa.source.as_str()), (Some(0.02), "dossier"));
        // Missing: AAA and OMN have no stance on tolls; ships has only IRN's unplaced one.
        let missing: Vec<(&str, Option<&str>)> = got
            .missing
            .iter()
            .map(|m| (m.party.as_str(), m.issue.as_deref()))
            .collect();
        assert!(missing.contains(&("AAA", Some("tolls"))));
        assert!(missing.contains(&("OMN", Some("tolls"))));
        let irn_ships = got
            .missing
            .iter()
            .find(|m| m.party == "IRN" && m.issue.as_deref() == Some("ships"))
            .expect("IRN on ships reported");
        assert!(
            irn_ships.reason.contains("none placed"),
            "{}",
            irn_ships.reason
        );
        assert_eq!(
            irn_ships.citation.as_ref().map(|c| c.doc.as_str()),
            Some("d2")
        );
        // Skipped issues, with reasons.
        let skipped: HashMap<&str, &str> = got
            .skipped
            .iter()
            .map(|s| (s.issue.as_str(), s.reason.as_str()))
            .collect();
        assert!(
            skipped["ships"].starts_with("no party has a placed stance"),
            "{}",
            skipped["ships"]
        );
        assert!(
            skipped["ships"].contains("IRN spoke to it"),
            "{}",
            skipped["ships"]
        );
        assert!(skipped["venue"].contains("no 0–100 scale"));
        // CHN is outside the dossier.
        assert_eq!(got.outsiders.len(), 1);
        assert_eq!(got.outsiders[0].code, "CHN");
        assert_eq!(got.outsiders[0].issues, ["tolls"]);
    }

    #[test]
    fn salience_follows_frequency_and_firmness() {
        let c = corpus();
        let d = Dossier::parse(DOSSIER).expect("dossier");
        use StanceKind::*;
        let mut ps = positions(&c);
        // IRN now also draws red lines on ships three times over: ships 1 + 9 = 10, tolls 5.
        for needle in [
            "Tehran will never",
            "Tehran said ships",
            "Ministers in Tehran",
        ] {
            let doc = if needle.starts_with("Ministers") {
                "d1"
            } else {
                "d2"
            };
            let mut p = c.stance("IRN", "ships", RedLine, Some(0.0), doc, needle);
            p.summary = format!("ships: {needle}");
            ps.push(p);
        }
        let got = derive(&d, &analysis(ps), &c.inputs(), &table());
        let tolls = got
            .issues
            .iter()
            .find(|i| i.issue == "tolls")
            .expect("tolls");
        let irn = tolls.inputs.iter().find(|p| p.party == "IRN").expect("IRN");
        assert_eq!(irn.salience, 50.0);
        // Ships now has IRN only (USA silent): skipped, naming who has a stance.
        let ships = got
            .skipped
            .iter()
            .find(|s| s.issue == "ships")
            .expect("ships");
        assert!(ships.reason.starts_with("only IRN has"), "{}", ships.reason);
        assert!(
            ships.reason.contains("AAA, USA, OMN took no stance"),
            "{}",
            ships.reason
        );
    }

    #[test]
    fn copies_and_repeats_count_once() {
        let mut c = corpus();
        let mut copy = testkit::document("d1-copy", &c.docs[0].text.clone(), Some("2026-03-01"));
        copy.duplicate_of = Some(DocId::new("d1").expect("id"));
        c.records.push(testkit::record(&copy));
        c.docs.push(copy);
        let d = Dossier::parse(DOSSIER).expect("dossier");
        let mut ps = positions(&c);
        let base = ps.len();
        ps.push(c.stance(
            "IRN",
            "tolls",
            StanceKind::Demand,
            Some(100.0),
            "d1-copy",
            "tolls must stay as they are",
        ));
        ps.push(ps[0].clone());
        let got = derive(&d, &analysis(ps), &c.inputs(), &table());
        assert_eq!(got.stances, base);
        let irn = got.issues[0]
            .inputs
            .iter()
            .find(|p| p.party == "IRN")
            .expect("IRN");
        assert_eq!(irn.stances, 2);
    }

    #[test]
    fn capability_missing_or_zero_is_reported_and_left_out() {
        let c = corpus();
        let text = DOSSIER
            .replace("AAA = 0.02", "USA = 0\nIRQ = 0.01")
            .replace("\"AAA\", ", "\"ZZZ\", ");
        let d = Dossier::parse(&text).expect("dossier");
        let got = derive(&d, &analysis(positions(&c)), &c.inputs(), &table());
        let caps: Vec<(&str, &str)> = got
            .missing
            .iter()
            .filter(|m| m.field == "capability")
            .map(|m| (m.party.as_str(), m.reason.as_str()))
            .collect();
        assert_eq!(caps.len(), 2, "{caps:?}");
        assert!(caps[0].0 == "ZZZ" && caps[0].1.contains("[capability]"));
        assert!(caps[1].0 == "USA" && caps[1].1.contains("capability 0"));
        assert_eq!(got.unused_capabilities, ["IRQ"]);
        // USA left out, so only IRN remains on tolls: skipped.
        assert!(got.issues.is_empty());
        assert!(
            got.skipped
                .iter()
                .any(|s| s.issue == "tolls" && s.reason.starts_with("only IRN"))
        );
    }

    #[test]
    fn forecast_runs_the_models_and_explains() {
        let c = corpus();
        let d = Dossier::parse(DOSSIER).expect("dossier");
        let settings = ForecastSettings {
            monte_carlo: MonteCarloConfig {
                runs: 200,
                threads: 1,
                ..MonteCarloConfig::default()
            },
            svg: true,
            ..ForecastSettings::default()
        };
        let f = forecast_dossier(
            &d,
            &analysis(positions(&c)),
            &c.inputs(),
            &table(),
            &settings,
        );
        assert_eq!(f.issues.len(), 1);
        let t = &f.issues[0];
        // USA (0, capability 0.13) outweighs IRN (100, 0.015) about 9 to 1.
        assert!(t.outcome < 30.0, "{}", t.outcome);
        let (q10, m, q90) = (
            t.q10.expect("q10"),
            t.median.expect("median"),
            t.q90.expect("q90"),
        );
        assert!(q10 <= m && m <= q90, "{q10} {m} {q90}");
        assert_eq!(t.runs, 200);
        assert!(t.eum.is_some());
        assert!(t.svg.as_deref().is_some_and(|s| s.starts_with("<svg")));
        let e = &t.explanation;
        assert!(
            e.starts_with(
                "USA's demand at 0 (\"no tolls\") and IRN's red line at 100 (\"tolls doubled\")"
            ),
            "{e}"
        );
        assert!(e.contains("USA has 8.7× IRN's capability"), "{e}");
        assert!(
            e.contains("Check USA"),
            "the earlier offer at 50 is 50 points away: {e}"
        );
        assert!(e.contains("with equal salience (100)"), "{e}");
        // OMN, a mediator that said nothing on tolls, is not worth a mention; AAA is.
        assert!(e.ends_with("Left out: AAA (no stance)."), "{e}");
        // Skipped issues in dossier order.
        let skipped: Vec<&str> = f.skipped.iter().map(|s| s.issue.as_str()).collect();
        assert_eq!(skipped, ["ships", "venue"]);
        let json = serde_json::to_value(&f).expect("serialises");
        assert_eq!(json["issues"][0]["inputs"][0]["citation"]["doc"], "d3");
    }

    #[test]
    fn describes_values_in_the_scales_words() {
        let d = Dossier::parse(DOSSIER).expect("dossier");
        let scale = d.issues[0].scale.as_ref().expect("scale");
        assert_eq!(describe(scale, 0.2), "at \"no tolls\" (0)");
        assert_eq!(describe(scale, 93.0), "near \"tolls doubled\" (100)");
        assert_eq!(
            describe(scale, 35.0),
            "between \"no tolls\" (0) and \"tolls doubled\" (100), nearer \"no tolls\""
        );
        assert_eq!(excerpt("a  b\nc", None, 10), "a b c");
        assert_eq!(excerpt("alpha beta gamma delta", None, 12), "alpha beta …");
        let long = "One two three four five six seven eight nine ten eleven twelve thirteen.";
        assert_eq!(
            excerpt(long, focus("wants: eleven twelve"), 40),
            "… eight nine ten eleven twelve thirteen."
        );
        assert_eq!(
            excerpt(long, focus("wants: seven eight nine"), 30),
            "… four five six seven eight …"
        );
        assert_eq!(excerpt(long, None, 30), "One two three four five six …");
        assert_eq!(
            focus("\"Zero enrichment is a — red line"),
            Some("Zero enrichment is a")
        );
        assert_eq!(
            focus("\"Our missiles — not a subject"),
            Some("Our missiles")
        );
        assert_eq!(
            focus("provided that oil and banking sanctions are lifted"),
            Some("provided that oil and")
        );
        assert_eq!(
            focus("demands: that sanctions be lifted"),
            Some("that sanctions be lifted")
        );
    }
}
