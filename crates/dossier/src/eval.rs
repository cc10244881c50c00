//! Scoring against hand annotations (ANNOTATION.md "Scoring"): positions (recall with the
//! same actor country, issue and kind; and kind-agnostic), claims (recall with the same
//! attribute and value, values normalised alike on both sides) and contradictions (a
//! predicted contradiction matches an entry when one value is backed by a document of
//! `docs_a` and another by a document of `docs_b`).

use serde::{Deserialize, Serialize};

use crate::claims::{Claim, normalize_value};
use crate::contradictions::Contradiction;
use crate::positions::Position;

/// One gold file (the parts scored here).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    /// Document id.
    pub doc: String,
    /// Gold positions.
    #[serde(default)]
    pub positions: Vec<GoldPosition>,
    /// Gold claims.
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

/// A gold position.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPosition {
    /// Party code.
    pub actor: String,
    /// Issue id.
    pub issue: String,
    /// Kind.
    pub kind: String,
    /// Summary.
    #[serde(default)]
    pub summary: String,
    /// Substring of the evidence sentence.
    #[serde(default)]
    pub sentence: String,
}

/// A gold claim.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// Subject id.
    pub subject: String,
    /// Attribute.
    pub attribute: String,
    /// Value.
    pub value: String,
    /// Substring of the evidence sentence.
    #[serde(default)]
    pub sentence: String,
}

/// A gold contradiction (`contradictions.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldContradiction {
    /// Entry id.
    pub id: String,
    /// Attribute.
    pub attribute: String,
    /// Documents behind one value.
    pub docs_a: Vec<String>,
    /// Documents behind another.
    pub docs_b: Vec<String>,
}

/// Recall with the misses named.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recall {
    /// Gold items.
    pub gold: usize,
    /// Gold items matched.
    pub matched: usize,
    /// Predicted items (for a precision reading where the gold is complete).
    pub predicted: usize,
    /// Gold items not matched, as `doc: description`.
    pub misses: Vec<String>,
}

impl Recall {
    /// matched / gold (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
}

/// Position scores: strict (actor, issue, kind) and kind-agnostic (actor, issue). Matching
/// is one to one within a document.
pub fn score_positions(gold: &[GoldFile], predicted: &[Position]) -> (Recall, Recall) {
    let mut strict = Recall {
        predicted: predicted.len(),
        ..Recall::default()
    };
    let mut loose = Recall {
        predicted: predicted.len(),
        ..Recall::default()
    };
    for g in gold {
        let mine: Vec<&Position> = predicted
            .iter()
            .filter(|p| p.evidence.first().is_some_and(|e| e.doc.as_str() == g.doc))
            .collect();
        let mut used_s = vec![false; mine.len()];
        let mut used_l = vec![false; mine.len()];
        for gp in &g.positions {
            strict.gold += 1;
            loose.gold += 1;
            let country = gp.actor.get(..3).unwrap_or(&gp.actor);
            let s = mine.iter().enumerate().position(|(i, p)| {
                !used_s[i]
                    && p.actor.starts_with(country)
                    && p.issue == gp.issue
                    && p.kind.as_str() == gp.kind
            });
            match s {
                Some(i) => {
                    used_s[i] = true;
                    strict.matched += 1;
                }
                None => strict.misses.push(format!(
                    "{}: {} {} {} ({})",
                    g.doc, gp.actor, gp.issue, gp.kind, gp.summary
                )),
            }
            let l = mine.iter().enumerate().position(|(i, p)| {
                !used_l[i] && p.actor.starts_with(country) && p.issue == gp.issue
            });
            match l {
                Some(i) => {
                    used_l[i] = true;
                    loose.matched += 1;
                }
                None => loose.misses.push(format!(
                    "{}: {} {} ({})",
                    g.doc, gp.actor, gp.issue, gp.summary
                )),
            }
        }
    }
    (strict, loose)
}

/// Claim recall: same attribute and normalised value in the same document.
pub fn score_claims(gold: &[GoldFile], predicted: &[Claim]) -> Recall {
    let mut r = Recall {
        predicted: predicted.len(),
        ..Recall::default()
    };
    for g in gold {
        for gc in &g.claims {
            r.gold += 1;
            let want = normalize_value(&gc.attribute, &gc.value);
            let hit = predicted.iter().any(|c| {
                c.evidence.iter().any(|e| e.doc.as_str() == g.doc)
                    && c.attribute == gc.attribute
                    && c.value == want
            });
            if hit {
                r.matched += 1;
            } else {
                r.misses.push(format!(
                    "{}: {} {} = {}",
                    g.doc, gc.subject, gc.attribute, gc.value
                ));
            }
        }
    }
    r
}

/// True when a predicted contradiction matches a gold entry.
pub fn matches(gold: &GoldContradiction, c: &Contradiction) -> bool {
    if c.attribute != gold.attribute {
        return false;
    }
    let backs = |i: usize, docs: &[String]| {
        c.values[i]
            .docs
            .iter()
            .any(|d| docs.iter().any(|x| x == d.as_str()))
    };
    (0..c.values.len()).any(|i| {
        (0..c.values.len()).any(|j| i != j && backs(i, &gold.docs_a) && backs(j, &gold.docs_b))
    })
}

/// Contradiction recall over gold entries; `predicted` in the result counts all predictions.
pub fn score_contradictions(gold: &[GoldContradiction], predicted: &[Contradiction]) -> Recall {
    let mut r = Recall {
        predicted: predicted.len(),
        ..Recall::default()
    };
    for g in gold {
        r.gold += 1;
        if predicted.iter().any(|c| matches(g, c)) {
            r.matched += 1;
        } else {
            r.misses.push(format!("{} ({})", g.id, g.attribute));
        }
    }
    r
}
