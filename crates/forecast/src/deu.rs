//! Evaluation on the DEU III data set (Decision-making in the European Union): predict each
//! legislative issue's outcome from the actors' positions, saliences and capabilities, and
//! compare with the real outcome.
//!
//! Input: the tab-separated `deu3.csv` of the predictioneers-game repository. Line 1 is a
//! header, line 2 holds each actor's capability (GDP; the Commission and Parliament have
//! their own values), then one issue per line: columns 13–42 (0-based) are the positions of the
//! Commission, the Parliament and the 28 member states on 0–100, columns 43–72 their saliences
//! on 0–100, column 74 the actual outcome.
//!
//! Per issue, actors with a position and a positive salience take part (an actor without
//! salience, or with salience 0, does not care about the issue and is left out); issues with
//! fewer than two such actors are skipped. Methods:
//! - `smp`: KTAB's SMP with default parameters; forecast = capability × salience-weighted mean
//!   of the final positions;
//! - `eum`: the Scholz et al. EUM, 10 rounds; forecast = final median position;
//! - `weighted-mean`: capability × salience-weighted mean of the initial positions;
//! - `weighted-median`: capability × salience-weighted median of the initial positions.
//!
//! Scores: median and mean absolute error on the 0–100 scale, and the hit rate, the share of
//! issues whose forecast is within 10 points of the real outcome (|error| ≤ 10).

use serde::{Deserialize, Serialize};

use crate::eum::{EumActor, EumConfig, run_eum};
use crate::scenario::split_line;
use crate::smp::SmpConfig;
use crate::{Actor, ForecastError, Scenario, run_smp};

const FIRST_POS: usize = 13;
const N_ACTORS: usize = 30;
const OUTCOME: usize = 74;

/// A forecast is a hit when it is within this many points of the real outcome.
pub const HIT_TOLERANCE: f64 = 10.0;

/// The forecasting methods compared.
pub const METHODS: [&str; 4] = ["smp", "eum", "weighted-mean", "weighted-median"];

/// One DEU issue, ready to forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeuIssue {
    /// Issue id (`isnr` column).
    pub id: String,
    /// 1-based line in the file.
    pub row: usize,
    /// The real outcome, 0–100.
    pub outcome: f64,
    /// Participating actors: (column name, capability, position 0–100, salience 0–100).
    pub actors: Vec<(String, f64, f64, f64)>,
}

/// Parsed DEU file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeuData {
    /// Issues with at least two participating actors.
    pub issues: Vec<DeuIssue>,
    /// Issue rows left out (fewer than two participating actors, or no outcome), with reason.
    pub skipped: Vec<(usize, String)>,
}

fn cell(f: &[String], c: usize) -> Option<&str> {
    f.get(c)
        .map(|s| s.trim_matches('"').trim())
        .filter(|s| !s.is_empty() && *s != "NA")
}

fn num(f: &[String], row: usize, c: usize) -> Result<Option<f64>, ForecastError> {
    match cell(f, c) {
        None => Ok(None),
        Some(t) => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| ForecastError::NotANumber {
                row,
                column: (c + 1).to_string(),
                value: t.to_string(),
            }),
    }
}

/// Parses the DEU III file.
///
/// # Errors
/// A non-numeric cell or a value outside 0–100, naming row and column; a missing
/// capability line.
pub fn parse_deu(text: &str) -> Result<DeuData, ForecastError> {
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, l)| split_line(l, '\t'))
        .unwrap_or_default();
    if header.len() <= OUTCOME {
        return Err(ForecastError::ColumnCount {
            row: 1,
            expected: OUTCOME + 1,
            found: header.len(),
        });
    }
    let names: Vec<String> = (0..N_ACTORS)
        .map(|k| {
            header[FIRST_POS + k]
                .trim_matches('"')
                .trim_start_matches('p')
                .to_string()
        })
        .collect();
    let Some((r, caps)) = lines.next() else {
        return Err(ForecastError::Malformed {
            row: 2,
            message: "missing the capability line".into(),
        });
    };
    let caps = split_line(caps, '\t');
    let mut cap = Vec::with_capacity(N_ACTORS);
    for k in 0..N_ACTORS {
        match num(&caps, r + 1, FIRST_POS + k)? {
            Some(v) if v > 0.0 => cap.push(v),
            _ => {
                return Err(ForecastError::Malformed {
                    row: r + 1,
                    message: format!(
                        "column {}: capability must be a positive number",
                        FIRST_POS + k + 1
                    ),
                });
            }
        }
    }
    let mut data = DeuData {
        issues: Vec::new(),
        skipped: Vec::new(),
    };
    for (r, line) in lines {
        let row = r + 1;
        if line.trim().is_empty() {
            continue;
        }
        let f = split_line(line, '\t');
        if f.len() <= OUTCOME {
            return Err(ForecastError::ColumnCount {
                row,
                expected: OUTCOME + 1,
                found: f.len(),
            });
        }
        let Some(outcome) = num(&f, row, OUTCOME)? else {
            data.skipped.push((row, "no outcome".into()));
            continue;
        };
        let mut actors = Vec::new();
        for k in 0..N_ACTORS {
            let pos = num(&f, row, FIRST_POS + k)?;
            let sal = num(&f, row, FIRST_POS + N_ACTORS + k)?;
            for (v, c) in [
                (pos, FIRST_POS + k),
                (sal, FIRST_POS + N_ACTORS + k),
                (Some(outcome), OUTCOME),
            ] {
                if let Some(v) = v.filter(|v| !(0.0..=100.0).contains(v)) {
                    return Err(ForecastError::OutOfRange {
                        row,
                        column: (c + 1).to_string(),
                        value: v,
                        min: 0.0,
                        max: 100.0,
                    });
                }
            }
            if let (Some(p), Some(s)) = (pos, sal.filter(|&s| s > 0.0)) {
                actors.push((names[k].clone(), cap[k], p, s));
            }
        }
        if actors.len() < 2 {
            data.skipped.push((
                row,
                format!("{} actor(s) with position and salience", actors.len()),
            ));
            continue;
        }
        let id = cell(&f, 4).unwrap_or("").to_string();
        data.issues.push(DeuIssue {
            id,
            row,
            outcome,
            actors,
        });
    }
    Ok(data)
}

/// Capability × salience-weighted median (lower weighted median).
fn weighted_median(mut xs: Vec<(f64, f64)>) -> f64 {
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = xs.iter().map(|x| x.1).sum();
    let mut acc = 0.0;
    for &(x, w) in &xs {
        acc += w;
        if acc >= total / 2.0 {
            return x;
        }
    }
    xs.last().map_or(f64::NAN, |x| x.0)
}

/// Forecasts of one issue by every method, in the order of [`METHODS`] (NaN if a model failed).
pub fn forecast_issue(issue: &DeuIssue) -> [f64; 4] {
    let sc = Scenario {
        name: issue.id.clone(),
        description: String::new(),
        dimensions: vec!["issue".into()],
        actors: issue
            .actors
            .iter()
            .map(|(n, c, p, s)| Actor {
                name: n.clone(),
                description: String::new(),
                capability: *c,
                position: vec![p / 100.0],
                salience: vec![s / 100.0],
            })
            .collect(),
    };
    let smp = run_smp(&sc, &SmpConfig::default()).map_or(f64::NAN, |r| r.outcome[0]);
    let eum_actors: Vec<EumActor> = issue
        .actors
        .iter()
        .map(|(n, c, p, s)| EumActor {
            name: n.clone(),
            capability: *c,
            position: *p,
            salience: s / 100.0,
        })
        .collect();
    let eum = run_eum(&eum_actors, &EumConfig::default()).map_or(f64::NAN, |r| r.outcome());
    let (mut num, mut den) = (0.0, 0.0);
    for (_, c, p, s) in &issue.actors {
        num += c * s * p;
        den += c * s;
    }
    let median = weighted_median(
        issue
            .actors
            .iter()
            .map(|(_, c, p, s)| (*p, c * s))
            .collect(),
    );
    [smp, eum, num / den, median]
}

/// Score of one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodScore {
    /// Method name (see [`METHODS`]).
    pub method: String,
    /// Issues forecast.
    pub issues: usize,
    /// Median absolute error, 0–100 scale.
    pub median_abs_error: f64,
    /// Mean absolute error, 0–100 scale.
    pub mean_abs_error: f64,
    /// Share of issues with |error| ≤ [`HIT_TOLERANCE`].
    pub hit_rate: f64,
}

/// One issue's forecasts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueForecast {
    /// Issue id.
    pub id: String,
    /// Real outcome.
    pub outcome: f64,
    /// Forecasts in the order of [`METHODS`].
    pub forecasts: Vec<f64>,
}

/// The evaluation table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeuEvaluation {
    /// Issues evaluated.
    pub issues: usize,
    /// Issue rows skipped.
    pub skipped: usize,
    /// The hit tolerance used, in points.
    pub hit_tolerance: f64,
    /// One row per method.
    pub scores: Vec<MethodScore>,
    /// Every issue's forecasts.
    pub per_issue: Vec<IssueForecast>,
}

/// Forecasts every issue (in parallel on `threads` threads, 0 = all cores) and scores each
/// method.
pub fn evaluate_deu(data: &DeuData, threads: usize) -> DeuEvaluation {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        threads
    };
    let n = data.issues.len();
    let mut out: Vec<[f64; 4]> = vec![[f64::NAN; 4]; n];
    std::thread::scope(|s| {
        let chunk = n.div_ceil(threads.max(1)).max(1);
        for (c, slot) in out.chunks_mut(chunk).enumerate() {
            s.spawn(move || {
                for (k, r) in slot.iter_mut().enumerate() {
                    *r = forecast_issue(&data.issues[c * chunk + k]);
                }
            });
        }
    });
    let scores = METHODS
        .iter()
        .enumerate()
        .map(|(m, name)| {
            let mut errs: Vec<f64> = data
                .issues
                .iter()
                .zip(&out)
                .map(|(i, f)| (f[m] - i.outcome).abs())
                .filter(|e| e.is_finite())
                .collect();
            errs.sort_by(f64::total_cmp);
            let k = errs.len();
            MethodScore {
                method: (*name).to_string(),
                issues: k,
                median_abs_error: crate::montecarlo::quantile(&errs, 0.5),
                mean_abs_error: if k == 0 {
                    f64::NAN
                } else {
                    errs.iter().sum::<f64>() / k as f64
                },
                hit_rate: if k == 0 {
                    f64::NAN
                } else {
                    errs.iter().filter(|&&e| e <= HIT_TOLERANCE).count() as f64 / k as f64
                },
            }
        })
        .collect();
    DeuEvaluation {
        issues: n,
        skipped: data.skipped.len(),
        hit_tolerance: HIT_TOLERANCE,
        scores,
        per_issue: data
            .issues
            .iter()
            .zip(out)
            .map(|(i, f)| IssueForecast {
                id: i.id.clone(),
                outcome: i.outcome,
                forecasts: f.to_vec(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn weighted_median_takes_the_half_weight_point() {
        assert_eq!(
            super::weighted_median(vec![(10.0, 1.0), (50.0, 1.0), (90.0, 3.0)]),
            90.0
        );
        assert_eq!(
            super::weighted_median(vec![(10.0, 3.0), (50.0, 1.0), (90.0, 1.0)]),
            10.0
        );
        assert_eq!(
            super::weighted_median(vec![(90.0, 1.0), (10.0, 1.0), (50.0, 1.0)]),
            50.0
        );
    }
}
