//! The nine model parameters of KTAB's SMP, as enums, and the run configuration.
//!
//! Names (both the Rust variants and their text form) follow KTAB's own parameter names so a
//! KTAB XML scenario or a `v_<Param>_<Value>` file name maps onto them one to one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ForecastError;

macro_rules! ktab_enum {
    ($(#[$meta:meta])* $name:ident, $param:literal, default $default:ident, { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in KTAB's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// KTAB's name of this parameter.
            pub const PARAMETER: &'static str = $param;

            /// KTAB's name of this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ForecastError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($text) { return Ok($name::$variant); })+
                Err(ForecastError::UnknownParameterValue {
                    parameter: $param,
                    value: t.to_string(),
                    expected: [$($text),+].join(", "),
                })
            }
        }
    };
}

ktab_enum!(
    /// How coalition strengths turn into a probability of victory (`VictoryProbModel`).
    VictoryProbModel, "VictoryProbModel", default Linear, {
        /// p = c1 / (c1 + c2).
        Linear => "Linear",
        /// Strengths squared.
        Square => "Square",
        /// Strengths to the fourth power.
        Quartic => "Quartic",
        /// Strengths to the eighth power.
        Octic => "Octic",
        /// A 10% advantage wins for sure, interpolated linearly below that.
        Binary => "Binary",
    }
);

ktab_enum!(
    /// How pairwise victory probabilities become a distribution over options (`PCEModel`).
    PceModel, "PCEModel", default Conditional, {
        /// One-step conditional probability that an option beats all others.
        Conditional => "Conditional",
        /// Markov chain where challenges happen in proportion to the incentive to make them.
        MarkovIncentive => "MarkovIncentive",
        /// Markov chain with uniformly likely challenges.
        MarkovUniform => "MarkovUniform",
    }
);

ktab_enum!(
    /// How each actor picks among the bargains it is part of (`StateTransitions`).
    StateTransitions, "StateTransitions", default Deterministic, {
        /// The most probable bargain (first one on ties).
        Deterministic => "Deterministic",
        /// A bargain drawn with its probability, from this crate's seeded generator.
        Stochastic => "Stochastic",
    }
);

ktab_enum!(
    /// How an actor's preference between two options becomes a vote (`VotingRule`).
    VotingRule, "VotingRule", default Prop, {
        /// All-or-nothing, with a tiny linear ramp.
        Binary => "Binary",
        /// 80% proportional, 20% binary.
        PropBin => "PropBin",
        /// Proportional to the difference in utility.
        Prop => "Prop",
        /// Half proportional, half cubic.
        PropCbc => "PropCbc",
        /// Cube of the difference in utility.
        Cubic => "Cubic",
        /// Proportional, with gains weighted two thirds of losses.
        ASymProsp => "ASymProsp",
    }
);

ktab_enum!(
    /// How much an actor's estimate of another's risk attitude is anchored on its own (`BigRAdjust`).
    BigRAdjust, "BigRAdjust", default OneThird, {
        /// r^h_i = r_h.
        None => "None",
        /// r^h_i = (2 r_h + r_i) / 3.
        OneThird => "OneThird",
        /// r^h_i = (r_h + r_i) / 2.
        Half => "Half",
        /// r^h_i = (r_h + 2 r_i) / 3.
        TwoThirds => "TwoThirds",
        /// r^h_i = r_i (KTAB itself aborts with this setting; see the crate docs).
        Full => "Full",
    }
);

ktab_enum!(
    /// The range risk attitudes are scaled to (`BigRRange`).
    BigRRange, "BigRRange", default Mid, {
        /// [0, 1].
        Min => "Min",
        /// [-1/2, 1].
        Mid => "Mid",
        /// [-1, 1].
        Max => "Max",
    }
);

ktab_enum!(
    /// How committed a third party is to the side it joins (`ThirdPartyCommit`).
    ThirdPartyCommit, "ThirdPartyCommit", default SemiCommit, {
        /// Keeps its own position whatever happens.
        NoCommit => "NoCommit",
        /// Adopts the loser's position only when its side loses.
        SemiCommit => "SemiCommit",
        /// Adopts the outcome either way.
        FullCommit => "FullCommit",
    }
);

ktab_enum!(
    /// How two positions are interpolated into a bargain (`InterVecBrgn`).
    InterVecBrgn, "InterVecBrgn", default S2P2, {
        /// Weights salience × probability, rounded to 4 decimals.
        S1P1 => "S1P1",
        /// Weights salience² × probability², rounded to 4 decimals.
        S2P2 => "S2P2",
        /// Moves by the probability deficit, weighted by squared saliences.
        S2PMax => "S2PMax",
    }
);

ktab_enum!(
    /// Whose perspective forms the proposed bargain (`BargnModel`).
    BargnModel, "BargnModel", default InitOnlyInterp, {
        /// The initiator's interpolation only.
        InitOnlyInterp => "InitOnlyInterp",
        /// Both the initiator's and the receiver's interpolation, as two bargains.
        InitRcvrInterp => "InitRcvrInterp",
        /// A power-weighted compromise of the two.
        PWCompInterp => "PWCompInterp",
    }
);

/// Everything that steers an SMP run: KTAB's nine parameters plus the stopping rule and the
/// seed of the stochastic variant. `SmpConfig::default()` is KTAB's default configuration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "snake_case", deny_unknown_fields)]
pub struct SmpConfig {
    /// KTAB `VictoryProbModel`.
    pub victory_prob_model: VictoryProbModel,
    /// KTAB `PCEModel`.
    pub pce_model: PceModel,
    /// KTAB `StateTransitions`.
    pub state_transitions: StateTransitions,
    /// KTAB `VotingRule`.
    pub voting_rule: VotingRule,
    /// KTAB `BigRAdjust`.
    pub big_r_adjust: BigRAdjust,
    /// KTAB `BigRRange`.
    pub big_r_range: BigRRange,
    /// KTAB `ThirdPartyCommit`.
    pub third_party_commit: ThirdPartyCommit,
    /// KTAB `InterVecBrgn`.
    pub inter_vec_brgn: InterVecBrgn,
    /// KTAB `BargnModel`.
    pub bargn_model: BargnModel,
    /// Never stop before this many steps (KTAB: 2).
    pub min_rounds: u32,
    /// Always stop after this many steps (KTAB: 100).
    pub max_rounds: u32,
    /// Stop once a step moves less than this fraction of the first step (KTAB: 0.02).
    pub min_delta_ratio: f64,
    /// Seed of the generator used by `StateTransitions::Stochastic`.
    pub seed: u64,
}

impl Default for SmpConfig {
    fn default() -> Self {
        SmpConfig {
            victory_prob_model: VictoryProbModel::default(),
            pce_model: PceModel::default(),
            state_transitions: StateTransitions::default(),
            voting_rule: VotingRule::default(),
            big_r_adjust: BigRAdjust::default(),
            big_r_range: BigRRange::default(),
            third_party_commit: ThirdPartyCommit::default(),
            inter_vec_brgn: InterVecBrgn::default(),
            bargn_model: BargnModel::default(),
            min_rounds: 2,
            max_rounds: 100,
            min_delta_ratio: 0.02,
            seed: 0xD67C_C16F_E69C_185C,
        }
    }
}

impl SmpConfig {
    /// Sets one parameter from KTAB's names, e.g. `("VotingRule", "Cubic")`.
    ///
    /// # Errors
    /// An unknown parameter or value gives [`ForecastError::UnknownParameterValue`].
    pub fn set(&mut self, parameter: &str, value: &str) -> Result<(), ForecastError> {
        match parameter.trim() {
            "VictoryProbModel" => self.victory_prob_model = value.parse()?,
            "PCEModel" => self.pce_model = value.parse()?,
            "StateTransitions" => self.state_transitions = value.parse()?,
            "VotingRule" => self.voting_rule = value.parse()?,
            "BigRAdjust" => self.big_r_adjust = value.parse()?,
            "BigRRange" => self.big_r_range = value.parse()?,
            "ThirdPartyCommit" => self.third_party_commit = value.parse()?,
            "InterVecBrgn" => self.inter_vec_brgn = value.parse()?,
            "BargnModel" => self.bargn_model = value.parse()?,
            other => {
                return Err(ForecastError::UnknownParameterValue {
                    parameter: "model parameter",
                    value: other.to_string(),
                    expected: "VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust, BigRRange, ThirdPartyCommit, InterVecBrgn, BargnModel".to_string(),
                });
            }
        }
        Ok(())
    }
}
