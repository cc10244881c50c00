//! Bargaining forecasts over a position table: who ends up where, and with what spread.
//!
//! `forecast` knows nothing about text. It takes a [`Scenario`] — actors with a capability and,
//! per dimension (issue), a position and a salience — and runs:
//!
//! - [`run_smp`]: the Spatial Model of Politics exactly as KTAB implements it (KAPSARC's
//!   toolkit, MIT), with KTAB's nine model parameters as enums in [`SmpConfig`]. The
//!   deterministic mode reproduces KTAB's reference runs bit for bit (positions at full
//!   precision; logged probabilities and convergence ratios to their 4 printed decimals).
//!   [`run_smp_oracle`] is a slow literal transcription kept as a test oracle.
//! - [`run_eum`]: Bueno de Mesquita's expected-utility model in the formulation of Scholz,
//!   Calbert & Smith (2011), matching the replication that reproduces their 10-actor European
//!   Community example.
//! - [`monte_carlo`]: the SMP over perturbed inputs, giving a distribution of the outcome per
//!   dimension (mean, 5/10/25/50/75/90/95th percentiles), seeded and parallel.
//! - [`evaluate_deu`]: the DEU III benchmark of real EU legislative outcomes (see [`deu`]).
//! - [`positions_svg`]: a self-contained SVG chart of positions over rounds.
//! - [`CapabilityTable`]: the shipped national-capability table (Correlates of War CINC
//!   scores, 2016, by ISO code) that scenarios derived from a dossier start from.
//!
//! The crate is pure: no files, clock or printing. Results are `serde` structs.
//!
//! # Scales
//!
//! Positions and saliences are 0–1 inside the crate and 0–100 in every input format and in
//! every result ([`SmpRound::positions`], [`SmpRun::outcome`], [`OutcomeDistribution`]). A
//! value outside its format's range is an error naming the row and column. An actor's
//! saliences may add up to at most 100 (all of its attention). Capabilities are positive, on
//! any scale.
//!
//! # Inputs
//!
//! **KTAB CSV** ([`parse_ktab_csv`]): line 1 `name, description, #actors, #dimensions`; line 2
//! the headers; then `name, description, capability, position₁, salience₁, …` per actor.
//!
//! **TOML** ([`parse_toml_scenario`]), our own format:
//!
//! ```toml
//! name = "Budget talks"            # optional
//! description = "2027 budget"      # optional
//! dimensions = ["tax", "spending"]
//!
//! [model]                          # optional; any SmpConfig field, KTAB value names
//! voting_rule = "Prop"             # Binary | PropBin | Prop | PropCbc | Cubic | ASymProsp
//! big_r_adjust = "OneThird"        # None | OneThird | Half | TwoThirds | Full
//!
//! [[actor]]
//! name = "Treasury"
//! description = "finance ministry" # optional
//! capability = 100                 # > 0, any scale
//! position = [20, 35]              # one per dimension, 0–100
//! salience = [60, 30]              # one per dimension, 0–100, sum ≤ 100
//! ```
//!
//! **KTAB XML** ([`parse_ktab_xml`]): KTAB's own scenario schema, model parameters included;
//! only the identity ideal adjustment is supported.
//!
//! **Plain table** ([`Scenario::from_table`]): rows of optional numbers, for scenarios derived
//! from a dossier; every empty cell is reported at once as [`ForecastError::Missing`].
//!
//! # Fidelity to KTAB
//!
//! Reproduced: every deterministic run shipped with the project (the 7-actor 3-dimension
//! sample and its 20 single-parameter variants, the 6-dimension sample, the three SOE
//! scenarios, the 40- and 80-actor samples) and upstream's 2017 reference logs. Kept on
//! purpose, because results depend on them: the receiver's bargain is interpolated with the
//! receiver's estimate of the initiator's *expected gain* where a probability is meant, and the
//! power-weighted compromise weighs the receiver's view with the initiator's capability.
//! A consequence: with `InterVecBrgn::S1P1` or `S2PMax` and a bargain model that uses the receiver's
//! view (`InitRcvrInterp`, `PWCompInterp`), that "probability" can be negative or above 1 and
//! the bargain can fall outside 0–100, as it would in KTAB.
//!
//! Not reproducible, by construction of KTAB:
//! - `StateTransitions::Stochastic`: KTAB draws from one generator shared by per-actor threads
//!   in scheduling order, so even KTAB does not repeat itself; ours uses [`SmpConfig::seed`]
//!   with its own generator and is repeatable.
//! - `VotingRule::ASymProsp`: the only rule whose vote is not antisymmetric, so results depend
//!   on the order of bargains, which in KTAB follows thread scheduling. We use actor order.
//! - `BigRAdjust::Full`: KTAB aborts (a sanity check requires estimated utilities to differ
//!   from true ones); we run it.
//!
//! Two safety nets KTAB lacks: if all positions are equally likely (everybody agrees), risk
//! attitudes are set to neutral instead of 0/0; a Markov PCE that fails to converge is an error.
#![deny(missing_docs)]

mod capability;
pub mod deu;
mod error;
pub mod eum;
mod ktab_xml;
pub mod montecarlo;
mod scenario;
pub mod smp;
mod svg;

pub use capability::{CAPABILITY_SOURCE, CapabilityEntry, CapabilityTable, convert_nmc};
pub use deu::{DeuEvaluation, evaluate_deu, parse_deu};
pub use error::ForecastError;
pub use eum::{EumActor, EumConfig, EumRun, parse_eum_csv, run_eum};
pub use ktab_xml::parse_ktab_xml;
pub use montecarlo::{MonteCarlo, MonteCarloConfig, Noise, OutcomeDistribution, monte_carlo};
pub use scenario::{Actor, MissingValue, Scenario, TableRow, parse_ktab_csv, parse_toml_scenario};
pub use smp::{SmpConfig, SmpRound, SmpRun, run_smp, run_smp_oracle};
pub use svg::positions_svg;

/// Everything the `forecast` command shows: the SMP run, its Monte Carlo distribution and the
/// EUM forecast per dimension.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ForecastReport {
    /// Scenario name.
    pub scenario: String,
    /// The deterministic (or seeded) SMP run.
    pub smp: SmpRun,
    /// Outcome distribution under input noise (absent when zero runs were asked for).
    pub distribution: Option<MonteCarlo>,
    /// EUM forecast (final median, 0–100) per dimension, each dimension run on its own.
    pub eum: Vec<Option<f64>>,
}

/// Runs the SMP, the Monte Carlo (if `mc.runs > 0`) and the EUM on every dimension.
///
/// # Errors
/// As [`run_smp`] and [`monte_carlo`].
pub fn forecast(
    scenario: &Scenario,
    smp: &SmpConfig,
    mc: &MonteCarloConfig,
) -> Result<ForecastReport, ForecastError> {
    let run = run_smp(scenario, smp)?;
    let distribution = if mc.runs > 0 {
        Some(monte_carlo(scenario, smp, mc)?)
    } else {
        None
    };
    let eum = (0..scenario.dimensions.len())
        .map(|k| {
            let actors: Vec<EumActor> = scenario
                .actors
                .iter()
                .filter(|a| a.salience[k] > 0.0)
                .map(|a| EumActor {
                    name: a.name.clone(),
                    capability: a.capability,
                    position: 100.0 * a.position[k],
                    salience: a.salience[k],
                })
                .collect();
            run_eum(&actors, &EumConfig::default())
                .ok()
                .map(|r| r.outcome())
        })
        .collect();
    Ok(ForecastReport {
        scenario: scenario.name.clone(),
        smp: run,
        distribution,
        eum,
    })
}
