//! Monte Carlo over input uncertainty: perturb capabilities, positions and saliences, run the
//! SMP on each draw, and summarise the predicted outcome per dimension.
//!
//! Draw `i` uses a generator seeded from `(seed, i)` only, so results do not depend on the
//! number of threads.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use serde::{Deserialize, Serialize};

use crate::smp::{Problem, Rng, SmpConfig, weighted_outcome};
use crate::{ForecastError, Scenario};

/// How much each input is perturbed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Noise {
    /// Capability is multiplied by exp(σ·z): 0.2 is roughly ±20%.
    pub capability: f64,
    /// Standard deviation added to positions, in points of the 0–100 scale (clamped to 0–100).
    pub position: f64,
    /// Standard deviation added to saliences, in points of the 0–100 scale (kept in 1–100; an
    /// actor's saliences are scaled down if they then sum to more than 100).
    pub salience: f64,
}

impl Default for Noise {
    fn default() -> Self {
        Noise {
            capability: 0.2,
            position: 5.0,
            salience: 5.0,
        }
    }
}

/// Settings of a Monte Carlo run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloConfig {
    /// Number of perturbed runs.
    pub runs: usize,
    /// Seed; the same seed gives the same distribution.
    pub seed: u64,
    /// Perturbation sizes.
    pub noise: Noise,
    /// Worker threads (0 = all available cores).
    pub threads: usize,
}

impl Default for MonteCarloConfig {
    fn default() -> Self {
        MonteCarloConfig {
            runs: 1000,
            seed: 1,
            noise: Noise::default(),
            threads: 0,
        }
    }
}

/// Distribution of the predicted outcome on one dimension (0–100 scale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeDistribution {
    /// Dimension name.
    pub dimension: String,
    /// Mean over runs.
    pub mean: f64,
    /// 5th percentile.
    pub p05: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Result of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarlo {
    /// Number of runs that completed.
    pub runs: usize,
    /// Runs whose model failed (e.g. a degenerate draw); they are left out of the statistics.
    pub failed: usize,
    /// The settings used.
    pub config: MonteCarloConfig,
    /// One distribution per dimension.
    pub distributions: Vec<OutcomeDistribution>,
}

/// Quantile with linear interpolation between order statistics (`sorted` ascending, non-empty).
pub(crate) fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn perturb(base: &Problem, noise: &Noise, rng: &mut Rng) -> Problem {
    let mut p = base.clone();
    let d = p.d;
    for i in 0..p.n {
        p.cap[i] *= (noise.capability * rng.normal()).exp();
        let mut total = 0.0;
        for k in 0..d {
            let x = p.pos0[i * d + k] + noise.position / 100.0 * rng.normal();
            p.pos0[i * d + k] = x.clamp(0.0, 1.0);
            let s = p.sal[i * d + k] + noise.salience / 100.0 * rng.normal();
            p.sal[i * d + k] = s.clamp(0.01, 1.0);
            total += p.sal[i * d + k];
        }
        if total > 1.0 {
            for k in 0..d {
                p.sal[i * d + k] /= total;
            }
        }
        let s = &p.sal[i * d..(i + 1) * d];
        let mut sum = 0.0;
        for &x in s {
            sum += x;
        }
        p.sal_sum[i] = sum;
        p.sal_sqr[i] = crate::smp::kernel::sal_sqr(s);
        p.weight[i] = sum * p.cap[i];
    }
    p
}

fn seed_for(seed: u64, i: usize) -> u64 {
    seed ^ (i as u64)
        .wrapping_add(1)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Runs the SMP on `config.runs` perturbed copies of the scenario, in parallel.
///
/// # Errors
/// Only if every run fails (the error of the first one is returned).
pub fn monte_carlo(
    scenario: &Scenario,
    smp: &SmpConfig,
    config: &MonteCarloConfig,
) -> Result<MonteCarlo, ForecastError> {
    let base = Problem::new(scenario);
    let threads = if config.threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        config.threads
    }
    .max(1)
    .min(config.runs.max(1));
    let one = |i: usize| -> Result<Vec<f64>, ForecastError> {
        let mut rng = Rng::new(seed_for(config.seed, i));
        let prob = perturb(&base, &config.noise, &mut rng);
        let cfg = SmpConfig {
            seed: seed_for(config.seed ^ 0x5EED, i),
            ..*smp
        };
        let trace = crate::smp::run_problem(&prob, &cfg)?;
        let last = trace.positions.last().cloned().unwrap_or_default();
        Ok(weighted_outcome(&prob, &last)
            .into_iter()
            .map(|x| 100.0 * x)
            .collect())
    };
    let mut results: Vec<Option<Result<Vec<f64>, ForecastError>>> =
        (0..config.runs).map(|_| None).collect();
    std::thread::scope(|s| {
        let chunk = config.runs.div_ceil(threads).max(1);
        for (c, slot) in results.chunks_mut(chunk).enumerate() {
            let one = &one;
            s.spawn(move || {
                for (k, r) in slot.iter_mut().enumerate() {
                    *r = Some(one(c * chunk + k));
                }
            });
        }
    });
    let mut outcomes: Vec<Vec<f64>> = vec![Vec::new(); base.d];
    let mut failed = 0;
    let mut first_err = None;
    for r in results.into_iter().flatten() {
        match r {
            Ok(v) => {
                for (k, x) in v.into_iter().enumerate() {
                    outcomes[k].push(x);
                }
            }
            Err(e) => {
                failed += 1;
                first_err.get_or_insert(e);
            }
        }
    }
    if let Some(e) = first_err.filter(|_| config.runs > 0 && failed == config.runs) {
        return Err(e);
    }
    let distributions = outcomes
        .into_iter()
        .zip(&scenario.dimensions)
        .map(|(mut v, name)| {
            v.sort_by(f64::total_cmp);
            let mean = if v.is_empty() {
                f64::NAN
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            };
            OutcomeDistribution {
                dimension: name.clone(),
                mean,
                p05: quantile(&v, 0.05),
                p10: quantile(&v, 0.10),
                p25: quantile(&v, 0.25),
                p50: quantile(&v, 0.50),
                p75: quantile(&v, 0.75),
                p90: quantile(&v, 0.90),
                p95: quantile(&v, 0.95),
            }
        })
        .collect();
    Ok(MonteCarlo {
        runs: config.runs - failed,
        failed,
        config: *config,
        distributions,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn quantiles_interpolate() {
        let v = [0.0, 10.0, 20.0, 30.0, 40.0];
        assert_eq!(super::quantile(&v, 0.5), 20.0);
        assert_eq!(super::quantile(&v, 0.05), 2.0);
        assert_eq!(super::quantile(&v, 1.0), 40.0);
        assert!(super::quantile(&[], 0.5).is_nan());
    }
}
