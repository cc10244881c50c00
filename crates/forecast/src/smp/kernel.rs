//! The scalar building blocks of the SMP: votes, victory probabilities, the probability of each
//! option (PCE), risk attitudes, utilities and bargain interpolation.
//!
//! Each function evaluates its arithmetic in the same order as KTAB so that results agree to the
//! last bit; that is why some expressions look longer than they need to be.

// Index loops mirror the formulas (and KTAB's summation order) more plainly than iterators.
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use super::params::{
    BigRAdjust, BigRRange, InterVecBrgn, ThirdPartyCommit, VictoryProbModel, VotingRule,
};
use crate::ForecastError;

/// A vote of weight `w` between two utilities `u_a` (for) and `u_b` (against).
#[inline]
pub(crate) fn vote(vr: VotingRule, w: f64, u_a: f64, u_b: f64) -> f64 {
    let du = u_a - u_b;
    match vr {
        VotingRule::Prop => w * du,
        VotingRule::Binary => w * binary_response(du),
        VotingRule::PropBin => {
            let rbp = 0.2;
            w * ((1.0 - rbp) * du + rbp * binary_response(du))
        }
        VotingRule::PropCbc => {
            let rpc = 0.5;
            w * ((1.0 - rpc) * du + rpc * (du * du * du))
        }
        VotingRule::Cubic => w * (du * du * du),
        VotingRule::ASymProsp => {
            if du < 0.0 {
                w * du
            } else if 0.0 < du {
                (2.0 * w * du) / 3.0
            } else {
                0.0
            }
        }
    }
}

#[inline]
fn binary_response(du: f64) -> f64 {
    let r = du / 1e-8;
    let r = if r > 1.0 { 1.0 } else { r };
    if r < -1.0 { -1.0 } else { r }
}

/// Probability that a coalition of strength `s1` beats one of strength `s2`, and the converse.
#[inline]
pub(crate) fn vprob(vpm: VictoryProbModel, s1: f64, s2: f64) -> (f64, f64) {
    let (x1, x2) = match vpm {
        VictoryProbModel::Linear => (s1, s2),
        VictoryProbModel::Square => (s1 * s1, s2 * s2),
        VictoryProbModel::Quartic => (qrtc(s1), qrtc(s2)),
        VictoryProbModel::Octic => {
            let (a, b) = (qrtc(s1), qrtc(s2));
            (a * a, b * b)
        }
        VictoryProbModel::Binary => {
            let thresh = 1.10;
            if s1 >= thresh * s2 {
                (1.0, 1e-6)
            } else if s2 >= thresh * s1 {
                (1e-6, 1.0)
            } else {
                let r12 = s1 / (s1 + s2);
                let p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
                (p12, 1.0 - p12)
            }
        }
    };
    (x1 / (x1 + x2), x2 / (x1 + x2))
}

#[inline]
fn qrtc(x: f64) -> f64 {
    let s = x * x;
    s * s
}

/// Square matrix (row-major, `n`×`n`) of victory probabilities from coalition strengths.
pub(crate) fn vprob_matrix(vpm: VictoryProbModel, c: &[f64], n: usize, p: &mut Vec<f64>) {
    p.clear();
    p.resize(n * n, 0.0);
    for i in 0..n {
        for j in 0..i {
            let (a, b) = vprob(vpm, c[i * n + j], c[j * n + i]);
            p[i * n + j] = a;
            p[j * n + i] = b;
        }
        p[i * n + i] = 0.5;
    }
}

/// The probability of each option from coalition strengths `c` (`n`×`n`), by `PCEModel`.
/// `pv` is scratch space for the victory-probability matrix.
pub(crate) fn pce(
    pcem: super::params::PceModel,
    vpm: VictoryProbModel,
    c: &[f64],
    n: usize,
    pv: &mut Vec<f64>,
    out: &mut Vec<f64>,
) -> Result<(), ForecastError> {
    use super::params::PceModel;
    vprob_matrix(vpm, c, n, pv);
    out.clear();
    match pcem {
        PceModel::Conditional => {
            for i in 0..n {
                let mut pi = 1.0;
                for j in 0..n {
                    pi *= pv[i * n + j];
                }
                out.push(pi);
            }
            let mut total = 0.0;
            for &x in out.iter() {
                total += x;
            }
            for x in out.iter_mut() {
                *x /= total;
            }
        }
        PceModel::MarkovUniform => markov_uniform(pv, n, out)?,
        PceModel::MarkovIncentive => markov_incentive(c, pv, n, out)?,
    }
    Ok(())
}

fn markov_uniform(pv: &[f64], n: usize, p: &mut Vec<f64>) -> Result<(), ForecastError> {
    let tol = 1e-6;
    p.resize(n, 1.0 / n as f64);
    for x in p.iter_mut() {
        *x = 1.0 / n as f64;
    }
    let mut q = p.clone();
    let mut iter = 0u32;
    let mut change = 1.0;
    while tol < change {
        change = 0.0;
        for i in 0..n {
            let mut pi = 0.0;
            for j in 0..n {
                pi += pv[i * n + j] * (p[i] + p[j]);
            }
            q[i] = pi / n as f64;
            let c = (q[i] - p[i]).abs();
            change = if c > change { c } else { change };
        }
        for i in 0..n {
            p[i] = (p[i] + q[i]) / 2.0;
        }
        iter += 1;
        if iter > 100_000 {
            return Err(ForecastError::NoConvergence {
                what: "Markov-uniform PCE",
            });
        }
    }
    if iter >= 1000 {
        return Err(ForecastError::NoConvergence {
            what: "Markov-uniform PCE",
        });
    }
    Ok(())
}

fn markov_incentive(
    c: &[f64],
    pv: &[f64],
    n: usize,
    p: &mut Vec<f64>,
) -> Result<(), ForecastError> {
    let tol = 1e-8;
    let mut inctv = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut x = c[i * n + j] * pv[i * n + j];
            if i == j {
                x += 1e-10;
            }
            inctv[i * n + j] = x;
        }
    }
    let mut chlg = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut sum = 0.0;
            for k in 0..n {
                sum += inctv[k * n + j];
            }
            chlg[i * n + j] = inctv[i * n + j] / sum;
        }
    }
    p.clear();
    p.resize(n, 1.0 / n as f64);
    let mut q = p.clone();
    let mut ct = vec![0.0; n * n];
    let mut iter = 0u32;
    let mut change = 1.0;
    while tol < change {
        for i in 0..n {
            for j in 0..n {
                ct[i * n + j] = p[i] * chlg[j * n + i];
            }
        }
        change = 0.0;
        for i in 0..n {
            let mut qi = 0.0;
            for j in 0..n {
                qi += pv[i * n + j] * (ct[i * n + j] + ct[j * n + i]);
            }
            q[i] = qi;
            let d = (q[i] - p[i]).abs();
            change = if d > change { d } else { change };
        }
        for i in 0..n {
            p[i] = (p[i] + q[i]) / 2.0;
        }
        iter += 1;
        if iter > 100_000 {
            return Err(ForecastError::NoConvergence {
                what: "Markov-incentive PCE",
            });
        }
    }
    if iter >= 1000 {
        return Err(ForecastError::NoConvergence {
            what: "Markov-incentive PCE",
        });
    }
    Ok(())
}

/// Risk attitudes from the probability of each actor's position.
pub(crate) fn big_r_from_prob(p: &[f64], rr: BigRRange, out: &mut Vec<f64>) {
    let mut p_min = 1.0;
    let mut p_max = 0.0;
    for &pi in p {
        p_min = if pi < p_min { pi } else { p_min };
        p_max = if pi > p_max { pi } else { p_max };
    }
    out.clear();
    // All positions equally likely (e.g. everybody agrees): KTAB would divide 0 by 0. We call
    // everybody risk-neutral instead.
    let flat = p_max - p_min <= 0.0 || (p_max - p_min).is_nan();
    for &pi in p {
        let r = if flat {
            0.0
        } else {
            match rr {
                BigRRange::Min => (pi - p_min) / (p_max - p_min),
                BigRRange::Mid => (3.0 * pi - (p_max + 2.0 * p_min)) / (2.0 * (p_max - p_min)),
                BigRRange::Max => (2.0 * pi - (p_max + p_min)) / (p_max - p_min),
            }
        };
        out.push(r);
    }
}

/// h's estimate of i's risk attitude.
#[inline]
pub(crate) fn est_nra(rh: f64, ri: f64, ra: BigRAdjust) -> f64 {
    match ra {
        BigRAdjust::Full => ri,
        BigRAdjust::TwoThirds => (rh + (2.0 * ri)) / 3.0,
        BigRAdjust::Half => (rh + ri) / 2.0,
        BigRAdjust::OneThird => ((2.0 * rh) + ri) / 3.0,
        BigRAdjust::None => rh,
    }
}

/// Utility of a salience-weighted distance `sd` for risk attitude `r`.
#[inline]
pub(crate) fn bs_util(sd: f64, r: f64) -> f64 {
    if sd <= 1.0 {
        (1.0 - sd) * (1.0 + sd * r)
    } else {
        (1.0 - sd) * (1.0 + r)
    }
}

/// Salience-weighted distance between `a` and `b` with saliences `s`; `ss` is the sum of the
/// squared saliences (accumulated in dimension order).
#[inline]
pub(crate) fn bv_diff(a: &[f64], b: &[f64], s: &[f64], ss: f64) -> f64 {
    let mut ds_sqr = 0.0;
    for k in 0..a.len() {
        let ds = (a[k] - b[k]) * s[k];
        ds_sqr += ds * ds;
    }
    (ds_sqr / ss).sqrt()
}

/// Sum of squared saliences, as `bv_diff` expects.
pub(crate) fn sal_sqr(s: &[f64]) -> f64 {
    let mut ss = 0.0;
    for &x in s {
        ss += x * x;
    }
    ss
}

/// Third party's vote in the little contest (i:j), and its utilities of i winning and of j winning.
#[inline]
pub(crate) fn third_party_vote(
    wk: f64,
    vr: VotingRule,
    comm: ThirdPartyCommit,
    pik: f64,
    pjk: f64,
    uki: f64,
    ukj: f64,
    ukk: f64,
) -> f64 {
    let (u_ik_def_j, u_j_def_ik, u_i_def_jk, u_jk_def_i) = match comm {
        ThirdPartyCommit::FullCommit => (
            uki + uki + uki,
            ukj + ukj + ukj,
            uki + uki + uki,
            ukj + ukj + ukj,
        ),
        ThirdPartyCommit::SemiCommit => (
            uki + uki + ukk,
            ukj + ukj + ukj,
            uki + uki + uki,
            ukj + ukj + ukk,
        ),
        ThirdPartyCommit::NoCommit => (
            uki + uki + ukk,
            ukj + ukj + ukk,
            uki + uki + ukk,
            ukj + ukj + ukk,
        ),
    };
    let u_ik_j = (pik * u_ik_def_j) + (pjk * u_j_def_ik);
    let u_i_jk = (pik * u_i_def_jk) + (pjk * u_jk_def_i);
    vote(vr, wk, u_ik_j, u_i_jk)
}

/// Probability that i wins the little contest (i:j) once third party n joins.
#[inline]
pub(crate) fn vprob_little(vr: VotingRule, wn: f64, uni: f64, unj: f64, ci: f64, cj: f64) -> f64 {
    let cn = vote(vr, wn, uni, unj);
    let cni = if cn > 0.0 { ci + cn } else { ci };
    let cnj = if cn < 0.0 { cj - cn } else { cj };
    cni / (cni + cnj)
}

fn round4(x: f64) -> f64 {
    // Round half up to four decimals through a 32-bit integer, as KTAB does.
    let y = (0.5 + x * 10000.0) as i32;
    f64::from(y) / 10000.0
}

/// Interpolates the bargain two actors would strike on one dimension.
/// Returns (new coordinate for i, new coordinate for j).
#[inline]
pub(crate) fn interpolate(
    ivb: InterVecBrgn,
    tik: f64,
    sik: f64,
    prb_i: f64,
    tjk: f64,
    sjk: f64,
    prb_j: f64,
) -> (f64, f64) {
    let min_w = 1e-6;
    match ivb {
        InterVecBrgn::S1P1 | InterVecBrgn::S2P2 => {
            let e = if ivb == InterVecBrgn::S1P1 { 1.0 } else { 2.0 };
            let wik = sik.powf(e) * prb_i.powf(e);
            let wjk = sjk.powf(e) * prb_j.powf(e);
            let bik = round4(((wik + min_w) * tik + wjk * tjk) / (wik + min_w + wjk));
            let bjk = round4((wik * tik + (min_w + wjk) * tjk) / (wik + min_w + wjk));
            (bik, bjk)
        }
        InterVecBrgn::S2PMax => {
            let di = if prb_j > prb_i { prb_j - prb_i } else { 0.0 };
            let dj = if prb_i > prb_j { prb_i - prb_j } else { 0.0 };
            let sik2 = sik * sik;
            let sjk2 = sjk * sjk;
            let dik = (di * sjk2) / ((di * sjk2) + min_w + ((1.0 - di) * sik2));
            let djk = (dj * sik2) / ((dj * sik2) + min_w + ((1.0 - dj) * sjk2));
            (tik + dik * (tjk - tik), tjk + djk * (tik - tjk))
        }
    }
}

/// A small, fast, seedable generator (SplitMix64 seeding a xoshiro256**), so runs are
/// reproducible from a seed without pulling in a dependency.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose whole stream is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Index drawn with the given probabilities (which should sum to 1).
    pub fn pick(&mut self, p: &[f64]) -> usize {
        let x = self.uniform();
        let mut acc = 0.0;
        for (i, &pi) in p.iter().enumerate() {
            acc += pi;
            if x < acc {
                return i;
            }
        }
        p.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_are_antisymmetric_except_asym_prosp() {
        for &vr in VotingRule::ALL {
            let a = vote(vr, 2.0, 0.7, 0.4);
            let b = vote(vr, 2.0, 0.4, 0.7);
            if vr == VotingRule::ASymProsp {
                assert!(
                    (a - 0.4).abs() < 1e-12 && (b + 0.6).abs() < 1e-12,
                    "{a} {b}"
                );
            } else {
                assert_eq!(a, -b, "{vr}");
            }
        }
        assert_eq!(vote(VotingRule::Binary, 3.0, 0.5, 0.2), 3.0);
        assert!((vote(VotingRule::Cubic, 1.0, 0.5, 0.0) - 0.125).abs() < 1e-15);
    }

    #[test]
    fn victory_probabilities() {
        assert_eq!(vprob(VictoryProbModel::Linear, 3.0, 1.0), (0.75, 0.25));
        assert_eq!(vprob(VictoryProbModel::Square, 3.0, 1.0), (0.9, 0.1));
        let (p, q) = vprob(VictoryProbModel::Binary, 1.2, 1.0);
        assert!((p - 1.0 / 1.000001).abs() < 1e-12 && q > 0.0);
        let (p, _) = vprob(VictoryProbModel::Binary, 1.0, 1.0);
        assert!((p - 0.5).abs() < 1e-12);
    }

    #[test]
    fn risk_attitudes_span_their_range() {
        let p = [0.125, 0.25, 0.625];
        let mut r = Vec::new();
        big_r_from_prob(&p, BigRRange::Mid, &mut r);
        assert_eq!((r[0], r[2]), (-0.5, 1.0));
        big_r_from_prob(&p, BigRRange::Max, &mut r);
        assert_eq!((r[0], r[2]), (-1.0, 1.0));
        big_r_from_prob(&p, BigRRange::Min, &mut r);
        assert_eq!((r[0], r[2]), (0.0, 1.0));
        big_r_from_prob(&[0.5, 0.5], BigRRange::Mid, &mut r);
        assert_eq!(r, [0.0, 0.0]);
    }

    #[test]
    fn utility_and_distance() {
        assert_eq!(bs_util(0.0, 0.3), 1.0);
        assert_eq!(bs_util(1.0, 0.3), 0.0);
        assert!((bs_util(0.5, 1.0) - 0.75).abs() < 1e-15);
        // Salience-weighted: only the salient dimension counts.
        let d = bv_diff(&[0.0, 0.0], &[0.5, 1.0], &[1.0, 0.0], 1.0);
        assert_eq!(d, 0.5);
    }

    #[test]
    fn s2p2_bargain_is_rounded_to_four_decimals() {
        let (bi, bj) = interpolate(InterVecBrgn::S2P2, 0.2, 0.5, 0.8, 0.9, 0.5, 0.2);
        assert_eq!(bi, (bi * 10000.0).round() / 10000.0);
        assert_eq!(bi, bj);
        assert!(bi > 0.2 && bi < 0.3, "the stronger side barely moves: {bi}");
    }

    #[test]
    fn conditional_pce_favours_the_strongest() {
        let c = [1e-8, 1.0, 3.0, 1e-8];
        let (mut pv, mut p) = (Vec::new(), Vec::new());
        pce(
            super::super::params::PceModel::Conditional,
            VictoryProbModel::Linear,
            &c,
            2,
            &mut pv,
            &mut p,
        )
        .expect("converges");
        assert!(
            (p[0] - 0.25).abs() < 1e-6 && (p[1] - 0.75).abs() < 1e-6,
            "{p:?}"
        );
    }

    #[test]
    fn rng_is_repeatable_and_uniform_enough() {
        let mut a = Rng::new(5);
        let mut b = Rng::new(5);
        let xs: Vec<f64> = (0..1000).map(|_| a.uniform()).collect();
        assert!(
            xs.iter()
                .zip((0..1000).map(|_| b.uniform()))
                .all(|(x, y)| *x == y)
        );
        let mean = xs.iter().sum::<f64>() / 1000.0;
        assert!((mean - 0.5).abs() < 0.05, "{mean}");
        assert_eq!(Rng::new(1).pick(&[0.0, 1.0, 0.0]), 1);
    }
}
