//! Bueno de Mesquita's expected-utility model (EUM) as formulated by Scholz, Calbert & Smith
//! (2011), following the replication that reproduces their published 10-actor European
//! Community example round by round (J. McKibben's, 2014).
//!
//! Each round: every actor's risk exponent r_i is re-estimated from how exposed its position
//! is to challenges (its "danger level" relative to the others'); then each actor looks at
//! what every other actor could offer it — a confrontation it would lose (it moves to the
//! other's position), or a compromise (it moves part of the way, in proportion to the two
//! expected utilities) — takes the offer that moves it least (for compromises: the one whose
//! utility-weighted midpoint is lowest, as in Scholz's code), and all moves happen at once.
//!
//! Known quirks kept for fidelity: the probability of success divides by the sum of all
//! actors' absolute votes over all pairs (so it is tiny), the capitulation branch can never
//! trigger, and the position range is fixed from the initial positions.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use serde::{Deserialize, Serialize};

use crate::ForecastError;

/// One actor of the EUM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumActor {
    /// Name.
    pub name: String,
    /// Capability (any positive scale; only ratios matter).
    pub capability: f64,
    /// Position on any numeric scale.
    pub position: f64,
    /// Salience, 0–1 (also read as the probability that the actor resists a challenge).
    pub salience: f64,
}

/// Settings of an EUM run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EumConfig {
    /// Probability that the status quo holds if nobody challenges (Scholz's Q; 1.0).
    pub q: f64,
    /// Number of rounds.
    pub rounds: usize,
}

impl Default for EumConfig {
    fn default() -> Self {
        EumConfig { q: 1.0, rounds: 10 }
    }
}

/// What an actor did in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumMove {
    /// The actor that moved.
    pub actor: usize,
    /// The actor whose offer it took.
    pub partner: usize,
    /// `confrontation` (lost, adopts partner's position) or `compromise`.
    pub kind: String,
    /// Its new position.
    pub position: f64,
}

/// One round of an EUM run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumRound {
    /// 1-based round.
    pub round: usize,
    /// Risk exponent of each actor used in this round (0.5 = risk-acceptant … 2 = averse).
    pub risk: Vec<f64>,
    /// Positions after the round.
    pub positions: Vec<f64>,
    /// The moves made.
    pub moves: Vec<EumMove>,
    /// Position that beats every other in pairwise votes, after the round.
    pub median: f64,
    /// Capability × salience-weighted mean position, after the round.
    pub mean: f64,
}

/// The result of an EUM run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumRun {
    /// Actor names.
    pub actors: Vec<String>,
    /// Median of the initial positions.
    pub initial_median: f64,
    /// Weighted mean of the initial positions.
    pub initial_mean: f64,
    /// Every round.
    pub rounds: Vec<EumRound>,
}

impl EumRun {
    /// The forecast: the median position after the last round (initial median if no rounds).
    pub fn outcome(&self) -> f64 {
        self.rounds.last().map_or(self.initial_median, |r| r.median)
    }
}

struct Model<'a> {
    a: &'a [EumActor],
    x: Vec<f64>,
    r: Vec<f64>,
    range: f64,
    q: f64,
}

impl Model<'_> {
    /// Vote of `k` for `xj` over `xl` (its capability × salience times the gain in closeness).
    fn compare(&self, k: usize, xj: f64, xl: f64, risk: f64) -> f64 {
        let a = &self.a[k];
        let dl = ((self.x[k] - xl).abs() / self.range).powf(risk);
        let dj = ((self.x[k] - xj).abs() / self.range).powf(risk);
        a.capability * a.salience * (dl - dj)
    }

    fn total_votes(&self) -> f64 {
        let n = self.a.len();
        let mut total = 0.0;
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    total += self.compare(k, self.x[i], self.x[j], self.r[k]).abs();
                }
            }
        }
        total
    }

    fn probability(&self, xi: f64, xj: f64, total: f64) -> f64 {
        if xi == xj {
            return 0.0;
        }
        let mut num = 0.0;
        for k in 0..self.a.len() {
            num += self.compare(k, xi, xj, self.r[k]).max(0.0);
        }
        num / total
    }

    /// Expected utility to i of challenging j, as estimated by `h` (using h's risk exponent).
    fn eu_challenge(&self, h: usize, i: usize, j: usize, total: f64) -> f64 {
        let rh = self.r[h];
        let p = self.probability(self.x[i], self.x[j], total);
        let dist = (self.x[i] - self.x[j]).abs() / self.range;
        let u_success = 2.0 - 4.0 * (0.5 - 0.5 * dist).powf(rh);
        let u_failure = 2.0 - 4.0 * (0.5 + 0.5 * dist).powf(rh);
        let u_sq = 2.0 - 4.0 * 0.5f64.powf(rh);
        let sj = self.a[j].salience;
        let resist = sj * (p * u_success + (1.0 - p) * u_failure);
        let yield_ = (1.0 - sj) * u_success;
        resist + yield_ - self.q * u_sq
    }

    fn update_risk(&mut self) {
        let n = self.a.len();
        self.r = vec![1.0; n];
        let total = self.total_votes();
        let danger: Vec<f64> = (0..n)
            .map(|i| {
                let mut d = 0.0;
                for o in 0..n {
                    if o != i {
                        d += self.eu_challenge(i, o, i, total);
                    }
                }
                d
            })
            .collect();
        let max = danger.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = danger.iter().copied().fold(f64::INFINITY, f64::min);
        self.r = danger
            .iter()
            .map(|&d| {
                let big_r = if max > min {
                    (2.0 * d - max - min) / (max - min)
                } else {
                    0.0
                };
                (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
            })
            .collect();
    }

    fn best_offer(&self, i: usize, total: f64) -> Option<EumMove> {
        // (partner, kind, position, key)
        let mut confront: Option<(usize, f64, f64)> = None;
        let mut compromise: Option<(usize, f64, f64)> = None;
        for o in 0..self.a.len() {
            if self.x[i] == self.x[o] {
                continue;
            }
            let eu_ij = self.eu_challenge(i, i, o, total);
            let eu_ji = self.eu_challenge(i, o, i, total);
            if eu_ji > eu_ij && eu_ij > 0.0 {
                let pos = self.x[o];
                let key = (self.x[i] - pos).abs();
                if confront.is_none_or(|(_, _, k)| key < k) {
                    confront = Some((o, pos, key));
                }
            } else if eu_ji > 0.0 && 0.0 > eu_ij && eu_ji > eu_ij.abs() {
                let pos = self.x[i] + (self.x[o] - self.x[i]) * (eu_ij / eu_ji).abs();
                let key = (eu_ij.abs() * self.x[i] + eu_ji.abs() * self.x[o])
                    / (eu_ij.abs() + eu_ji.abs());
                if compromise.is_none_or(|(_, _, k)| key < k) {
                    compromise = Some((o, pos, key));
                }
            }
        }
        if let Some((o, pos, _)) = confront {
            return Some(EumMove {
                actor: i,
                partner: o,
                kind: "confrontation".into(),
                position: pos,
            });
        }
        compromise.map(|(o, pos, _)| EumMove {
            actor: i,
            partner: o,
            kind: "compromise".into(),
            position: pos,
        })
    }

    fn median(&self) -> f64 {
        let mut uniq: Vec<f64> = Vec::new();
        for &x in &self.x {
            if !uniq.contains(&x) {
                uniq.push(x);
            }
        }
        uniq.sort_by(f64::total_cmp);
        let mut med = uniq[0];
        for &p in &uniq[1..] {
            let mut votes = 0.0;
            for k in 0..self.a.len() {
                votes += self.compare(k, p, med, 1.0);
            }
            if votes > 0.0 {
                med = p;
            }
        }
        med
    }

    fn mean(&self) -> f64 {
        let mut num = 0.0;
        let mut den = 0.0;
        for (k, a) in self.a.iter().enumerate() {
            num += a.capability * a.salience * self.x[k];
            den += a.capability * a.salience;
        }
        num / den
    }
}

/// Runs the EUM.
///
/// # Errors
/// Fewer than two actors, or a capability, position or salience that is not finite, or a
/// salience outside 0–1.
pub fn run_eum(actors: &[EumActor], config: &EumConfig) -> Result<EumRun, ForecastError> {
    if actors.len() < 2 {
        return Err(ForecastError::TooFewActors {
            found: actors.len(),
        });
    }
    for (i, a) in actors.iter().enumerate() {
        let bad = |column: &str, value: f64, min: f64, max: f64| ForecastError::OutOfRange {
            row: i + 1,
            column: column.into(),
            value,
            min,
            max,
        };
        if !(a.capability.is_finite() && a.capability > 0.0) {
            return Err(bad("capability", a.capability, f64::MIN_POSITIVE, f64::MAX));
        }
        if !a.position.is_finite() {
            return Err(bad("position", a.position, f64::MIN, f64::MAX));
        }
        if !(0.0..=1.0).contains(&a.salience) {
            return Err(bad("salience", a.salience, 0.0, 1.0));
        }
    }
    let x: Vec<f64> = actors.iter().map(|a| a.position).collect();
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = x.iter().copied().fold(f64::INFINITY, f64::min);
    let mut m = Model {
        a: actors,
        x,
        r: vec![1.0; actors.len()],
        range: max - min,
        q: config.q,
    };
    let mut run = EumRun {
        actors: actors.iter().map(|a| a.name.clone()).collect(),
        initial_median: m.median(),
        initial_mean: m.mean(),
        rounds: Vec::new(),
    };
    for round in 1..=config.rounds {
        let moves: Vec<EumMove> = if m.range > 0.0 {
            m.update_risk();
            let total = m.total_votes();
            (0..actors.len())
                .filter_map(|i| m.best_offer(i, total))
                .collect()
        } else {
            Vec::new()
        };
        let risk = m.r.clone();
        for mv in &moves {
            m.x[mv.actor] = mv.position;
        }
        run.rounds.push(EumRound {
            round,
            risk,
            positions: m.x.clone(),
            moves,
            median: m.median(),
            mean: m.mean(),
        });
    }
    Ok(run)
}

/// Reads the replications' CSV layout: a header line, then `name,capability,position,salience`
/// per line (comma-separated). `salience_scale` divides saliences (1 for 0–1 data, 100 for 0–100).
///
/// # Errors
/// Bad numbers or column counts, naming row and column.
pub fn parse_eum_csv(text: &str, salience_scale: f64) -> Result<Vec<EumActor>, ForecastError> {
    let mut out = Vec::new();
    for (r, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f = crate::scenario::split_line(line, ',');
        if f.len() != 4 {
            return Err(ForecastError::ColumnCount {
                row: r + 1,
                expected: 4,
                found: f.len(),
            });
        }
        let num = |c: usize| -> Result<f64, ForecastError> {
            f[c].parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| ForecastError::NotANumber {
                    row: r + 1,
                    column: (c + 1).to_string(),
                    value: f[c].clone(),
                })
        };
        out.push(EumActor {
            name: f[0].clone(),
            capability: num(1)?,
            position: num(2)?,
            salience: num(3)? / salience_scale,
        });
    }
    Ok(out)
}
