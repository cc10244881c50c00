//! The production SMP engine: KTAB's algorithm with flat buffers, every utility computed once per
//! state, each third-party sum computed once per (estimator, initiator, receiver) and each
//! bargain's utilities computed once even though it sits on two actors' lists.
//!
//! It must give bit-identical results to [`super::oracle`], the literal transcription; a test
//! checks that on several scenarios.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use super::kernel::{
    Rng, big_r_from_prob, bs_util, bv_diff, est_nra, interpolate, pce, third_party_vote, vote,
    vprob_little,
};
use super::params::{BargnModel, SmpConfig, StateTransitions, VotingRule};
use super::{Problem, Trace};
use crate::ForecastError;

/// Utilities and risk attitudes of one state.
struct Eval {
    /// `util[(h * n + i) * n + j]`: h's estimate of the utility to i of j's position.
    util: Vec<f64>,
    /// Risk attitude of each actor.
    nra: Vec<f64>,
}

struct Bargain {
    init: usize,
    rcvr: usize,
    pos_init: Vec<f64>,
    pos_rcvr: Vec<f64>,
}

struct Scratch {
    c: Vec<f64>,
    pv: Vec<f64>,
    p: Vec<f64>,
    u: Vec<f64>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            c: Vec::new(),
            pv: Vec::new(),
            p: Vec::new(),
            u: Vec::new(),
        }
    }
}

/// Coalition strengths over `m` options from `u` (`n`×`m`, row-major) and weights `w`.
fn coalitions(vr: VotingRule, w: &[f64], u: &[f64], n: usize, m: usize, c: &mut Vec<f64>) {
    c.clear();
    c.resize(m * m, 0.0);
    for i in 0..m {
        for j in 0..i {
            let mut cij = 1e-8;
            let mut cji = 1e-8;
            for k in 0..n {
                let v = vote(vr, w[k], u[k * m + i], u[k * m + j]);
                if v > 0.0 {
                    cij += v;
                }
                if v < 0.0 {
                    cji -= v;
                }
            }
            c[i * m + j] = cij;
            c[j * m + i] = cji;
        }
        c[i * m + i] = 1e-8;
    }
}

fn scalar_pce(
    prob: &Problem,
    cfg: &SmpConfig,
    vr: VotingRule,
    m: usize,
    s: &mut Scratch,
) -> Result<(), ForecastError> {
    coalitions(vr, &prob.cap, &s.u, prob.n, m, &mut s.c);
    pce(
        cfg.pce_model,
        cfg.victory_prob_model,
        &s.c,
        m,
        &mut s.pv,
        &mut s.p,
    )
}

fn evaluate(
    prob: &Problem,
    cfg: &SmpConfig,
    pos: &[f64],
    s: &mut Scratch,
) -> Result<Eval, ForecastError> {
    let (n, d) = (prob.n, prob.d);
    let mut vdiff = vec![0.0; n * n];
    for i in 0..n {
        let si = &prob.sal[i * d..(i + 1) * d];
        for j in 0..n {
            vdiff[i * n + j] = bv_diff(
                &pos[i * d..(i + 1) * d],
                &pos[j * d..(j + 1) * d],
                si,
                prob.sal_sqr[i],
            );
        }
    }
    s.u.clear();
    s.u.extend(vdiff.iter().map(|&x| bs_util(x, 0.0)));
    scalar_pce(prob, cfg, cfg.voting_rule, n, s)?;
    let mut nra = Vec::with_capacity(n);
    big_r_from_prob(&s.p, cfg.big_r_range, &mut nra);
    let mut util = vec![0.0; n * n * n];
    for h in 0..n {
        for i in 0..n {
            let rhi = est_nra(nra[h], nra[i], cfg.big_r_adjust);
            let row = &mut util[(h * n + i) * n..(h * n + i + 1) * n];
            for j in 0..n {
                row[j] = bs_util(vdiff[i * n + j], rhi);
            }
        }
    }
    Ok(Eval { util, nra })
}

/// Probability of each actor's position winning, as KTAB logs it after each state.
fn win_probabilities(
    prob: &Problem,
    cfg: &SmpConfig,
    pos: &[f64],
    ev: &Eval,
    s: &mut Scratch,
) -> Result<Vec<f64>, ForecastError> {
    let (n, d) = (prob.n, prob.d);
    let equiv = |i: usize, j: usize| {
        let mut ss = 0.0;
        for k in 0..d {
            let x = pos[i * d + k] - pos[j * d + k];
            ss += x * x;
        }
        ss.sqrt() < super::POS_TOL
    };
    let mut uniq: Vec<usize> = Vec::new();
    for i in 0..n {
        if !uniq.iter().any(|&k| equiv(i, k)) {
            uniq.push(i);
        }
    }
    let m = uniq.len();
    s.u.clear();
    for i in 0..n {
        for &j in &uniq {
            s.u.push(ev.util[(i * n + i) * n + j]);
        }
    }
    scalar_pce(prob, cfg, cfg.voting_rule, m, s)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut k = 0;
        for (j1, &j2) in uniq.iter().enumerate() {
            if equiv(i, j2) {
                k = j1;
            }
        }
        out.push(s.p[k]);
    }
    Ok(out)
}

/// Coalition strengths for and against i in h's estimate of the contest i:j.
fn contest(prob: &Problem, cfg: &SmpConfig, u: &[f64], i: usize, j: usize) -> (f64, f64) {
    let n = prob.n;
    let vr = cfg.voting_rule;
    let ci = vote(vr, prob.weight[i], u[i * n + i], u[i * n + j]);
    let cj = vote(vr, prob.weight[j], u[j * n + i], u[j * n + j]);
    let mut chij = 1e-10;
    let mut chji = 1e-10;
    if ci > 0.0 {
        chij += ci;
    }
    if ci < 0.0 {
        chji -= ci;
    }
    if cj > 0.0 {
        chij += cj;
    }
    if cj < 0.0 {
        chji -= cj;
    }
    let (base_i, base_j) = (chij, chji);
    for t in 0..n {
        if t == i || t == j {
            continue;
        }
        let wn = prob.weight[t];
        let (uni, unj, unn) = (u[t * n + i], u[t * n + j], u[t * n + t]);
        let pin = vprob_little(vr, wn, uni, unj, base_i, base_j);
        let v = third_party_vote(
            wn,
            vr,
            cfg.third_party_commit,
            pin,
            1.0 - pin,
            uni,
            unj,
            unn,
        );
        if v > 0.0 {
            chij += v;
        }
        if v < 0.0 {
            chji -= v;
        }
    }
    (chij, chji)
}

/// Expected change in utility for k of i challenging j, given the contest strengths.
#[inline]
fn edu(
    prob: &Problem,
    u: &[f64],
    k: usize,
    i: usize,
    j: usize,
    chij: f64,
    chji: f64,
) -> (f64, f64) {
    let n = prob.n;
    let sj = prob.sal_sum[j];
    let phij = chij / (chij + chji);
    let phji = chji / (chij + chji);
    let eu_sq = u[k * n + i] + u[k * n + j];
    let uhkij = u[k * n + i] + u[k * n + i];
    let uhkji = u[k * n + j] + u[k * n + j];
    let eu_cntst = phij * uhkij + phji * uhkji;
    let eu_chlg = (1.0 - sj) * uhkij + sj * eu_cntst;
    (phij, eu_chlg - eu_sq)
}

fn pos_util(prob: &Problem, pos: &[f64], nra: &[f64], a: usize, p: &[f64]) -> f64 {
    let d = prob.d;
    let sd = bv_diff(
        &pos[a * d..(a + 1) * d],
        p,
        &prob.sal[a * d..(a + 1) * d],
        prob.sal_sqr[a],
    );
    bs_util(sd, nra[a])
}

fn step(
    prob: &Problem,
    cfg: &SmpConfig,
    pos: &[f64],
    ev: &Eval,
    rng: &mut Rng,
    s: &mut Scratch,
) -> Result<Vec<f64>, ForecastError> {
    let (n, d) = (prob.n, prob.d);
    let nn = n * n;
    let mut bargains: Vec<Bargain> = Vec::with_capacity(3 * n);
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let pi = &pos[i * d..(i + 1) * d];
        bargains.push(Bargain {
            init: i,
            rcvr: i,
            pos_init: pi.to_vec(),
            pos_rcvr: pi.to_vec(),
        });
        lists[i].push(bargains.len() - 1);

        let u = &ev.util[i * nn..(i + 1) * nn];
        let mut best: Option<(usize, f64, f64)> = None;
        let mut best_eu = -1.0;
        for j in 0..n {
            if j == i {
                continue;
            }
            let (chij, chji) = contest(prob, cfg, u, i, j);
            let (p, du) = edu(prob, u, i, i, j, chij, chji);
            if 1e-5 < du && best_eu < du {
                best = Some((j, p, du));
                best_eu = du;
            }
        }
        let Some((j, pii_j, _)) = best else { continue };
        let uj = &ev.util[j * nn..(j + 1) * nn];
        let (chij, chji) = contest(prob, cfg, uj, i, j);
        // KTAB passes j's estimate of i's expected gain (not a probability) to the receiver's
        // interpolation; we keep that so results match.
        let pji_j = edu(prob, uj, i, i, j, chij, chji).1;
        let pj = &pos[j * d..(j + 1) * d];
        let interp = |p_i: f64| {
            let mut bi = vec![0.0; d];
            let mut bj = vec![0.0; d];
            for k in 0..d {
                let (x, y) = interpolate(
                    cfg.inter_vec_brgn,
                    pi[k],
                    prob.sal[i * d + k],
                    p_i,
                    pj[k],
                    prob.sal[j * d + k],
                    1.0 - p_i,
                );
                bi[k] = x;
                bj[k] = y;
            }
            (bi, bj)
        };
        let (iij_i, iij_j) = interp(pii_j);
        match cfg.bargn_model {
            BargnModel::InitOnlyInterp => {
                bargains.push(Bargain {
                    init: i,
                    rcvr: j,
                    pos_init: iij_i,
                    pos_rcvr: iij_j,
                });
                let b = bargains.len() - 1;
                lists[i].push(b);
                lists[j].push(b);
            }
            BargnModel::InitRcvrInterp => {
                let (jij_i, jij_j) = interp(pji_j);
                bargains.push(Bargain {
                    init: i,
                    rcvr: j,
                    pos_init: iij_i,
                    pos_rcvr: iij_j,
                });
                bargains.push(Bargain {
                    init: i,
                    rcvr: j,
                    pos_init: jij_i,
                    pos_rcvr: jij_j,
                });
                let b = bargains.len() - 2;
                lists[i].extend([b, b + 1]);
                lists[j].extend([b, b + 1]);
            }
            BargnModel::PWCompInterp => {
                let (jij_i, jij_j) = interp(pji_j);
                // KTAB weights the receiver's view with the initiator's capability.
                let wi = prob.cap[i] * prob.sal_sum[i];
                let wj = prob.cap[i] * prob.sal_sum[j];
                let mix = |a: &[f64], b: &[f64]| -> Vec<f64> {
                    (0..d)
                        .map(|k| (wi * a[k] + wj * b[k]) / (wi + wj))
                        .collect()
                };
                bargains.push(Bargain {
                    init: i,
                    rcvr: j,
                    pos_init: mix(&iij_i, &jij_i),
                    pos_rcvr: mix(&iij_j, &jij_j),
                });
                let b = bargains.len() - 1;
                lists[i].push(b);
                lists[j].push(b);
            }
        }
    }

    // Utility to every actor of the state after each bargain, computed once per bargain.
    let mut sq_sum = vec![0.0; n];
    for a in 0..n {
        let row = &ev.util[(a * n + a) * n..(a * n + a + 1) * n];
        let mut acc = 0.0;
        for &x in row {
            acc += x;
        }
        sq_sum[a] = acc / n as f64;
    }
    let nb_total = bargains.len();
    let mut butil = vec![0.0; nb_total * n];
    for (bi, b) in bargains.iter().enumerate() {
        for a in 0..n {
            butil[bi * n + a] = if b.init == b.rcvr {
                sq_sum[a]
            } else {
                let row = &ev.util[(a * n + a) * n..(a * n + a + 1) * n];
                let mut acc = 0.0 + pos_util(prob, pos, &ev.nra, a, &b.pos_init);
                acc += pos_util(prob, pos, &ev.nra, a, &b.pos_rcvr);
                for (t, &x) in row.iter().enumerate() {
                    if t != b.init && t != b.rcvr {
                        acc += x;
                    }
                }
                acc / n as f64
            };
        }
    }

    let mut next = vec![0.0; n * d];
    for k in 0..n {
        let list = &lists[k];
        let m = list.len();
        s.u.clear();
        s.u.resize(n * m, 0.0);
        for a in 0..n {
            for (col, &b) in list.iter().enumerate() {
                s.u[a * m + col] = butil[b * n + a];
            }
        }
        scalar_pce(prob, cfg, cfg.voting_rule, m, s)?;
        let chosen = match cfg.state_transitions {
            StateTransitions::Deterministic => {
                let mut best = 0;
                let mut max = -1.0;
                for (idx, &p) in s.p.iter().enumerate() {
                    if max < p.abs() {
                        max = p.abs();
                        best = idx;
                    }
                }
                best
            }
            StateTransitions::Stochastic => rng.pick(&s.p),
        };
        let b = &bargains[list[chosen]];
        let src: &[f64] = if b.init == b.rcvr {
            &pos[k * d..(k + 1) * d]
        } else if b.init == k {
            &b.pos_init
        } else {
            &b.pos_rcvr
        };
        next[k * d..(k + 1) * d].copy_from_slice(src);
    }
    Ok(next)
}

/// Runs the SMP to its stopping rule.
pub(crate) fn run(prob: &Problem, cfg: &SmpConfig) -> Result<Trace, ForecastError> {
    let mut s = Scratch::new();
    let mut rng = Rng::new(cfg.seed);
    let mut pos = prob.pos0.clone();
    let mut ev = evaluate(prob, cfg, &pos, &mut s)?;
    let mut trace = Trace::default();
    trace.positions.push(pos.clone());
    trace
        .win_prob
        .push(win_probabilities(prob, cfg, &pos, &ev, &mut s)?);
    let mut iter = 0u32;
    loop {
        iter += 1;
        let next = step(prob, cfg, &pos, &ev, &mut rng, &mut s)?;
        ev = evaluate(prob, cfg, &next, &mut s)?;
        pos = next;
        trace
            .win_prob
            .push(win_probabilities(prob, cfg, &pos, &ev, &mut s)?);
        trace.positions.push(pos.clone());
        let ratio = super::change_ratio(prob, &trace.positions);
        trace.change_ratio.push(ratio);
        let too_long = cfg.max_rounds <= iter;
        let long_enough = cfg.min_rounds <= iter;
        if too_long || (long_enough && ratio < cfg.min_delta_ratio) {
            break;
        }
    }
    Ok(trace)
}

/// Intermediate quantities against KTAB's full SQL log of the 3-dimension sample
/// (`runs/d3_fulllog/tables`): every estimator's utility matrix (`PosUtil`) and every
/// estimated victory probability (`ProbVict`), in every turn.
#[cfg(test)]
mod shared {
    use std::path::PathBuf;

    use super::*;

    fn tables() -> Option<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/ktab");
        if dir.is_dir() {
            return Some(dir);
        }
        assert!(std::env::var_os("CI").is_none(), "shared dir missing in CI");
        eprintln!("skipping: {} not found", dir.display());
        None
    }

    fn rows(path: &std::path::Path) -> Vec<Vec<f64>> {
        let text = std::fs::read_to_string(path).expect("table readable");
        text.lines()
            .skip(1)
            .map(|l| {
                l.split(',')
                    .map(|x| x.parse().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn d3_fulllog_utilities_and_victory_probabilities() {
        let Some(k) = tables() else { return };
        let csv =
            std::fs::read_to_string(k.join("inputs/upstream/dummyData_3Dim.csv")).expect("input");
        let sc = crate::parse_ktab_csv(&csv).expect("parse");
        let prob = Problem::new(&sc);
        let cfg = SmpConfig::default();
        let trace = run(&prob, &cfg).expect("run");
        let mut s = Scratch::new();
        let evals: Vec<Eval> = trace
            .positions
            .iter()
            .map(|p| evaluate(&prob, &cfg, p, &mut s).expect("evaluate"))
            .collect();
        let n = prob.n;
        let t = k.join("runs/d3_fulllog/tables");
        let util_rows = rows(&t.join("PosUtil.csv"));
        assert!(util_rows.len() > 3000);
        for r in &util_rows {
            let (turn, h, i, j) = (r[0] as usize, r[1] as usize, r[2] as usize, r[3] as usize);
            let got = evals[turn].util[(h * n + i) * n + j];
            assert!(
                (got - r[4]).abs() < 1e-13,
                "PosUtil turn {turn} h {h} i {i} j {j}: {got} vs {}",
                r[4]
            );
        }
        let pv_rows = rows(&t.join("ProbVict.csv"));
        assert!(pv_rows.len() > 6000);
        for r in &pv_rows {
            let (turn, h, i, j) = (r[0] as usize, r[1] as usize, r[2] as usize, r[3] as usize);
            let u = &evals[turn].util[h * n * n..(h + 1) * n * n];
            let (chij, chji) = contest(&prob, &cfg, u, i, j);
            let got = chij / (chij + chji);
            assert!(
                (got - r[4]).abs() < 1e-13,
                "ProbVict turn {turn} h {h} i {i} j {j}: {got} vs {}",
                r[4]
            );
        }
    }
}
