//! KTAB's Spatial Model of Politics (SMP).
//!
//! Actors hold positions on one or more dimensions (0–1 internally), a capability, and a
//! salience per dimension. Each round every actor looks for the most profitable challenge
//! against another actor, estimating how third parties would join the contest; the challenger
//! and target strike an interpolated bargain; each actor then picks, by a vote of all actors
//! weighted by capability, one of the bargains it is part of (or the status quo). The run stops
//! when a round moves positions by less than 2% of the first round's movement.
//!
//! [`run_smp`] uses the optimised engine; [`run_smp_oracle`] is the literal, slow transcription
//! kept as a test oracle. Both give bit-identical results.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

mod engine;
pub(crate) mod kernel;
mod oracle;
pub mod params;

use serde::{Deserialize, Serialize};

pub use kernel::Rng;
pub use params::{
    BargnModel, BigRAdjust, BigRRange, InterVecBrgn, PceModel, SmpConfig, StateTransitions,
    ThirdPartyCommit, VictoryProbModel, VotingRule,
};

use crate::{ForecastError, Scenario};

/// Two positions closer than this (Euclidean, 0–1 scale) count as the same option.
pub(crate) const POS_TOL: f64 = 1e-3;

/// The numbers of a scenario laid out flat for the engines.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub n: usize,
    pub d: usize,
    pub cap: Vec<f64>,
    /// Salience, `n`×`d`, 0–1.
    pub sal: Vec<f64>,
    pub sal_sum: Vec<f64>,
    pub sal_sqr: Vec<f64>,
    /// Salience sum × capability: an actor's weight in a contest it joins.
    pub weight: Vec<f64>,
    /// Positions, `n`×`d`, 0–1.
    pub pos0: Vec<f64>,
}

impl Problem {
    pub(crate) fn new(sc: &Scenario) -> Problem {
        let n = sc.actors.len();
        let d = sc.dimensions.len();
        let mut p = Problem {
            n,
            d,
            cap: Vec::with_capacity(n),
            sal: Vec::with_capacity(n * d),
            sal_sum: Vec::with_capacity(n),
            sal_sqr: Vec::with_capacity(n),
            weight: Vec::with_capacity(n),
            pos0: Vec::with_capacity(n * d),
        };
        for a in &sc.actors {
            p.cap.push(a.capability);
            p.sal.extend_from_slice(&a.salience);
            p.pos0.extend_from_slice(&a.position);
            let mut s = 0.0;
            for &x in &a.salience {
                s += x;
            }
            p.sal_sum.push(s);
            p.sal_sqr.push(kernel::sal_sqr(&a.salience));
            p.weight.push(s * a.capability);
        }
        p
    }
}

/// Raw history of a run, 0–1 scale.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Trace {
    /// Positions per state, `n`×`d` each.
    pub positions: Vec<Vec<f64>>,
    /// Probability of each actor's position per state.
    pub win_prob: Vec<Vec<f64>>,
    /// KTAB's "fractional change compared to first step" after each step.
    pub change_ratio: Vec<f64>,
}

/// KTAB's stopping statistic after the latest state in `hist`.
pub(crate) fn change_ratio(prob: &Problem, hist: &[Vec<f64>]) -> f64 {
    let dist = |a: &[f64], b: &[f64]| {
        let mut sum = 0.0;
        for i in 0..prob.n {
            let mut ss = 0.0;
            for k in 0..prob.d {
                let x = a[i * prob.d + k] - b[i * prob.d + k];
                ss += x * x;
            }
            sum += ss.sqrt();
        }
        sum
    };
    let t = hist.len() - 1;
    let d01 = dist(&hist[0], &hist[1]) + 1e-4;
    dist(&hist[t], &hist[t - 1]) / d01
}

/// One state of an SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpRound {
    /// 0 for the initial state.
    pub turn: usize,
    /// Position of each actor on each dimension, `[actor][dimension]`, 0–100 scale.
    pub positions: Vec<Vec<f64>>,
    /// Probability that each actor's position prevails (KTAB's "prob" history; actors sharing
    /// a position share its probability, so these can sum to more than 1).
    pub win_probability: Vec<f64>,
    /// Movement in this step as a fraction of the first step's (none for turn 0).
    pub change_ratio: Option<f64>,
}

/// The result of an SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpRun {
    /// Actor names, in scenario order.
    pub actors: Vec<String>,
    /// Dimension names.
    pub dimensions: Vec<String>,
    /// The configuration used.
    pub config: SmpConfig,
    /// Every state, the initial one first.
    pub rounds: Vec<SmpRound>,
    /// Predicted outcome per dimension (0–100): the mean of the final positions weighted by
    /// capability × salience on that dimension.
    pub outcome: Vec<f64>,
}

impl SmpRun {
    /// Final positions, `[actor][dimension]`, 0–100.
    pub fn final_positions(&self) -> &[Vec<f64>] {
        self.rounds
            .last()
            .map(|r| r.positions.as_slice())
            .unwrap_or(&[])
    }
}

/// Capability × salience-weighted mean of positions (`n`×`d`, any scale) per dimension.
pub(crate) fn weighted_outcome(prob: &Problem, pos: &[f64]) -> Vec<f64> {
    (0..prob.d)
        .map(|k| {
            let mut num = 0.0;
            let mut den = 0.0;
            for i in 0..prob.n {
                let w = prob.cap[i] * prob.sal[i * prob.d + k];
                num += w * pos[i * prob.d + k];
                den += w;
            }
            if den > 0.0 { num / den } else { f64::NAN }
        })
        .collect()
}

fn to_run(sc: &Scenario, cfg: &SmpConfig, prob: &Problem, trace: Trace) -> SmpRun {
    let d = prob.d;
    let last = trace.positions.last().cloned().unwrap_or_default();
    let outcome = weighted_outcome(prob, &last)
        .into_iter()
        .map(|x| 100.0 * x)
        .collect();
    let rounds = trace
        .positions
        .iter()
        .zip(trace.win_prob)
        .enumerate()
        .map(|(t, (pos, wp))| SmpRound {
            turn: t,
            positions: pos
                .chunks(d)
                .map(|c| c.iter().map(|x| 100.0 * x).collect())
                .collect(),
            win_probability: wp,
            change_ratio: if t == 0 {
                None
            } else {
                trace.change_ratio.get(t - 1).copied()
            },
        })
        .collect();
    SmpRun {
        actors: sc.actors.iter().map(|a| a.name.clone()).collect(),
        dimensions: sc.dimensions.clone(),
        config: *cfg,
        rounds,
        outcome,
    }
}

/// Runs the optimised engine on an already laid-out problem.
pub(crate) fn run_problem(prob: &Problem, cfg: &SmpConfig) -> Result<Trace, ForecastError> {
    engine::run(prob, cfg)
}

/// Runs KTAB's SMP on a scenario.
///
/// # Errors
/// [`ForecastError::NoConvergence`] if a Markov PCE does not converge (KTAB aborts there too).
///
/// # Example
/// ```
/// let csv = "S,demo,3,1,\nActor,Desc,Power,P,S,\nA,,100,20,80,\nB,,60,70,50,\nC,,40,90,30,\n";
/// let scenario = forecast::parse_ktab_csv(csv).unwrap();
/// let run = forecast::run_smp(&scenario, &forecast::SmpConfig::default()).unwrap();
/// assert!(run.rounds.len() >= 3);
/// ```
pub fn run_smp(scenario: &Scenario, config: &SmpConfig) -> Result<SmpRun, ForecastError> {
    let prob = Problem::new(scenario);
    let trace = engine::run(&prob, config)?;
    Ok(to_run(scenario, config, &prob, trace))
}

/// The same model as [`run_smp`], written as a literal, slow transcription of KTAB (full
/// per-estimator utility matrices rebuilt on every call). Kept as a test oracle.
///
/// # Errors
/// As [`run_smp`].
pub fn run_smp_oracle(scenario: &Scenario, config: &SmpConfig) -> Result<SmpRun, ForecastError> {
    let prob = Problem::new(scenario);
    let trace = oracle::run(&prob, config)?;
    Ok(to_run(scenario, config, &prob, trace))
}
