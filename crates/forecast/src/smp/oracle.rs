//! A literal transcription of KTAB's SMP step, kept slow on purpose: one utility matrix per
//! estimator as nested vectors, every challenge estimate recomputed from scratch, every bargain's
//! utility recomputed on each list it appears in. The engine in [`super::engine`] must agree with
//! it to the bit.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use super::kernel::{
    Rng, big_r_from_prob, bs_util, est_nra, interpolate, pce, third_party_vote, vote, vprob_little,
};
use super::params::{BargnModel, SmpConfig, StateTransitions, VotingRule};
use super::{Problem, Trace};
use crate::ForecastError;

type Mat = Vec<Vec<f64>>;

struct State {
    pos: Vec<Vec<f64>>,
    nra: Vec<f64>,
    a_util: Vec<Mat>,
}

fn bv_diff(a: &[f64], b: &[f64], s: &[f64]) -> f64 {
    let mut ds_sqr = 0.0;
    let mut ss_sqr = 0.0;
    for k in 0..a.len() {
        let ds = (a[k] - b[k]) * s[k];
        ds_sqr += ds * ds;
        ss_sqr += s[k] * s[k];
    }
    (ds_sqr / ss_sqr).sqrt()
}

fn sal(prob: &Problem, i: usize) -> &[f64] {
    &prob.sal[i * prob.d..(i + 1) * prob.d]
}

fn sum(v: &[f64]) -> f64 {
    let mut s = 0.0;
    for &x in v {
        s += x;
    }
    s
}

fn scalar_pce(
    prob: &Problem,
    cfg: &SmpConfig,
    vr: VotingRule,
    u: &Mat,
) -> Result<Vec<f64>, ForecastError> {
    let n = u.len();
    let m = u.first().map_or(0, Vec::len);
    let mut c = vec![0.0; m * m];
    for i in 0..m {
        for j in 0..i {
            let mut cij = 1e-8;
            let mut cji = 1e-8;
            for k in 0..n {
                let v = vote(vr, prob.cap[k], u[k][i], u[k][j]);
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
    let mut pv = Vec::new();
    let mut p = Vec::new();
    pce(
        cfg.pce_model,
        cfg.victory_prob_model,
        &c,
        m,
        &mut pv,
        &mut p,
    )?;
    Ok(p)
}

fn set_all_a_util(
    prob: &Problem,
    cfg: &SmpConfig,
    pos: Vec<Vec<f64>>,
) -> Result<State, ForecastError> {
    let n = prob.n;
    let vdiff: Mat = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| bv_diff(&pos[i], &pos[j], sal(prob, i)))
                .collect()
        })
        .collect();
    let rn: Mat = vdiff
        .iter()
        .map(|row| row.iter().map(|&x| bs_util(x, 0.0)).collect())
        .collect();
    let p = scalar_pce(prob, cfg, cfg.voting_rule, &rn)?;
    let mut nra = Vec::new();
    big_r_from_prob(&p, cfg.big_r_range, &mut nra);
    let mut a_util = Vec::with_capacity(n);
    for h in 0..n {
        let mut m = vec![vec![0.0; n]; n];
        for i in 0..n {
            let rhi = est_nra(nra[h], nra[i], cfg.big_r_adjust);
            for j in 0..n {
                m[i][j] = bs_util(vdiff[i][j], rhi);
            }
        }
        a_util.push(m);
    }
    Ok(State { pos, nra, a_util })
}

fn equiv(st: &State, i: usize, j: usize) -> bool {
    let mut ss = 0.0;
    for k in 0..st.pos[i].len() {
        let x = st.pos[i][k] - st.pos[j][k];
        ss += x * x;
    }
    ss.sqrt() < super::POS_TOL
}

fn p_dist(prob: &Problem, cfg: &SmpConfig, st: &State) -> Result<Vec<f64>, ForecastError> {
    let n = prob.n;
    let mut uniq: Vec<usize> = Vec::new();
    for i in 0..n {
        let mut found = false;
        for &k in &uniq {
            if !found && equiv(st, i, k) {
                found = true;
            }
        }
        if !found {
            uniq.push(i);
        }
    }
    let u: Mat = (0..n)
        .map(|i| uniq.iter().map(|&j| st.a_util[i][i][j]).collect())
        .collect();
    let pdt = scalar_pce(prob, cfg, cfg.voting_rule, &u)?;
    let mut out = Vec::new();
    for i in 0..n {
        let mut k = n + 1;
        for (j1, &j2) in uniq.iter().enumerate() {
            if equiv(st, i, j2) {
                k = j1;
            }
        }
        out.push(pdt.get(k).copied().unwrap_or(0.0));
    }
    Ok(out)
}

/// h's estimate of the probability that i beats j, and of the change in k's utility if i
/// challenges j.
fn prob_edu_chlg(
    prob: &Problem,
    cfg: &SmpConfig,
    st: &State,
    h: usize,
    k: usize,
    i: usize,
    j: usize,
) -> (f64, f64) {
    let vr = cfg.voting_rule;
    let u = &st.a_util[h];
    let (uii, uij, uji, ujj) = (u[i][i], u[i][j], u[j][i], u[j][j]);
    let eu_sq = u[k][i] + u[k][j];
    let uhkij = u[k][i] + u[k][i];
    let uhkji = u[k][j] + u[k][j];
    let si = sum(sal(prob, i));
    let ci = prob.cap[i];
    let sj = sum(sal(prob, j));
    let cj = prob.cap[j];
    let mut contrib_i = vote(vr, si * ci, uii, uij);
    let mut contrib_j = vote(vr, sj * cj, uji, ujj);
    let mut chij = 1e-10;
    let mut chji = 1e-10;
    if contrib_i > 0.0 {
        chij += contrib_i;
    }
    if contrib_i < 0.0 {
        chji -= contrib_i;
    }
    if contrib_j > 0.0 {
        chij += contrib_j;
    }
    if contrib_j < 0.0 {
        chji -= contrib_j;
    }
    contrib_i = chij;
    contrib_j = chji;
    for n in 0..prob.n {
        if n != i && n != j {
            let cn = prob.cap[n];
            let sn = sum(sal(prob, n));
            let (uni, unj, unn) = (u[n][i], u[n][j], u[n][n]);
            let pin = vprob_little(vr, sn * cn, uni, unj, contrib_i, contrib_j);
            let pjn = 1.0 - pin;
            let v = third_party_vote(sn * cn, vr, cfg.third_party_commit, pin, pjn, uni, unj, unn);
            chij = if v > 0.0 { chij + v } else { chij };
            chji = if v < 0.0 { chji - v } else { chji };
        }
    }
    let phij = chij / (chij + chji);
    let phji = chji / (chij + chji);
    let eu_vict = uhkij;
    let eu_cntst = phij * uhkij + phji * uhkji;
    let eu_chlg = (1.0 - sj) * eu_vict + sj * eu_cntst;
    (phij, eu_chlg - eu_sq)
}

struct Bargain {
    init: usize,
    rcvr: usize,
    pos_init: Vec<f64>,
    pos_rcvr: Vec<f64>,
}

fn interpolate_brgn(
    prob: &Problem,
    cfg: &SmpConfig,
    st: &State,
    i: usize,
    j: usize,
    pi: f64,
    pj: f64,
) -> Bargain {
    let d = prob.d;
    let mut bi = vec![0.0; d];
    let mut bj = vec![0.0; d];
    for k in 0..d {
        let (x, y) = interpolate(
            cfg.inter_vec_brgn,
            st.pos[i][k],
            sal(prob, i)[k],
            pi,
            st.pos[j][k],
            sal(prob, j)[k],
            pj,
        );
        bi[k] = x;
        bj[k] = y;
    }
    Bargain {
        init: i,
        rcvr: j,
        pos_init: bi,
        pos_rcvr: bj,
    }
}

fn pos_util(prob: &Problem, st: &State, a: usize, p: &[f64]) -> f64 {
    bs_util(bv_diff(&st.pos[a], p, sal(prob, a)), st.nra[a])
}

fn do_bcn(
    prob: &Problem,
    cfg: &SmpConfig,
    st: &State,
    rng: &mut Rng,
) -> Result<Vec<Vec<f64>>, ForecastError> {
    let n = prob.n;
    let mut all: Vec<Bargain> = Vec::new();
    let mut brgns: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        all.push(Bargain {
            init: i,
            rcvr: i,
            pos_init: st.pos[i].clone(),
            pos_rcvr: st.pos[i].clone(),
        });
        brgns[i].push(all.len() - 1);
        let mut edus: Vec<(usize, (f64, f64))> = Vec::new();
        for j in 0..n {
            if i != j {
                edus.push((j, prob_edu_chlg(prob, cfg, st, i, i, i, j)));
            }
        }
        let mut best_j: Option<usize> = None;
        let mut p_ij = 0.0;
        let mut best_eu = -1.0;
        for &(j, (pij, edu)) in &edus {
            if 1e-5 < edu && best_eu < edu {
                best_j = Some(j);
                p_ij = pij;
                best_eu = edu;
            }
        }
        if best_eu <= 0.0 {
            continue;
        }
        let Some(j) = best_j else { continue };
        let iij = interpolate_brgn(prob, cfg, st, i, j, p_ij, 1.0 - p_ij);
        let pji_j = prob_edu_chlg(prob, cfg, st, j, i, i, j).1;
        let jij = interpolate_brgn(prob, cfg, st, i, j, pji_j, 1.0 - pji_j);
        let wi = prob.cap[i] * sum(sal(prob, i));
        let wj = prob.cap[i] * sum(sal(prob, j));
        match cfg.bargn_model {
            BargnModel::InitOnlyInterp => {
                all.push(iij);
                brgns[i].push(all.len() - 1);
                brgns[j].push(all.len() - 1);
            }
            BargnModel::InitRcvrInterp => {
                all.push(iij);
                all.push(jij);
                let b = all.len() - 2;
                brgns[i].push(b);
                brgns[i].push(b + 1);
                brgns[j].push(b);
                brgns[j].push(b + 1);
            }
            BargnModel::PWCompInterp => {
                let bpi = (0..prob.d)
                    .map(|k| (wi * iij.pos_init[k] + wj * jij.pos_init[k]) / (wi + wj))
                    .collect();
                let bpj = (0..prob.d)
                    .map(|k| (wi * iij.pos_rcvr[k] + wj * jij.pos_rcvr[k]) / (wi + wj))
                    .collect();
                all.push(Bargain {
                    init: i,
                    rcvr: j,
                    pos_init: bpi,
                    pos_rcvr: bpj,
                });
                brgns[i].push(all.len() - 1);
                brgns[j].push(all.len() - 1);
            }
        }
    }

    let brgn_util = |nk: usize, nai: usize, nbj: usize| {
        let b = &all[brgns[nk][nbj]];
        let mut u_avrg = 0.0;
        if b.init == b.rcvr {
            for nn in 0..n {
                u_avrg += st.a_util[nai][nai][nn];
            }
        } else {
            u_avrg += pos_util(prob, st, nai, &b.pos_init);
            u_avrg += pos_util(prob, st, nai, &b.pos_rcvr);
            for nn in 0..n {
                if b.init != nn && b.rcvr != nn {
                    u_avrg += st.a_util[nai][nai][nn];
                }
            }
        }
        u_avrg / n as f64
    };

    let mut next = Vec::with_capacity(n);
    for k in 0..n {
        let nb = brgns[k].len();
        let u_im: Mat = (0..n)
            .map(|a| (0..nb).map(|b| brgn_util(k, a, b)).collect())
            .collect();
        let p = scalar_pce(prob, cfg, cfg.voting_rule, &u_im)?;
        let m_max = match cfg.state_transitions {
            StateTransitions::Deterministic => {
                let mut ma = -1.0;
                let mut idx = nb + 1;
                for (r, &x) in p.iter().enumerate() {
                    if ma < x.abs() {
                        ma = x.abs();
                        idx = r;
                    }
                }
                idx
            }
            StateTransitions::Stochastic => rng.pick(&p),
        };
        let b = &all[brgns[k][m_max]];
        next.push(if b.init == b.rcvr {
            st.pos[k].clone()
        } else if b.init == k {
            b.pos_init.clone()
        } else {
            b.pos_rcvr.clone()
        });
    }
    Ok(next)
}

pub(crate) fn run(prob: &Problem, cfg: &SmpConfig) -> Result<Trace, ForecastError> {
    let d = prob.d;
    let mut rng = Rng::new(cfg.seed);
    let pos0: Vec<Vec<f64>> = prob.pos0.chunks(d).map(<[f64]>::to_vec).collect();
    let mut st = set_all_a_util(prob, cfg, pos0)?;
    let mut trace = Trace::default();
    trace.positions.push(st.pos.concat());
    trace.win_prob.push(p_dist(prob, cfg, &st)?);
    let mut iter = 0u32;
    loop {
        iter += 1;
        let next = do_bcn(prob, cfg, &st, &mut rng)?;
        st = set_all_a_util(prob, cfg, next)?;
        trace.positions.push(st.pos.concat());
        trace.win_prob.push(p_dist(prob, cfg, &st)?);
        let ratio = super::change_ratio(prob, &trace.positions);
        trace.change_ratio.push(ratio);
        if cfg.max_rounds <= iter || (cfg.min_rounds <= iter && ratio < cfg.min_delta_ratio) {
            break;
        }
    }
    Ok(trace)
}
