//! Contradictions: one subject and attribute with values that cannot both be true. Values
//! that are compatible ("Muscat" and "Al Bustan Palace, Muscat"; `XXXX-02-10` and
//! `2026-02-10`; "mediated" and "indirect") are merged; each side counts the distinct
//! stories behind it (a syndicated copy is named, not counted). A side backed by one story
//! against a side backed by two or more, with a far-off value, is flagged as an outlier.

use std::collections::{BTreeMap, BTreeSet};

use model::{DocId, Evidence};
use serde::{Deserialize, Serialize};

use crate::claims::{Claim, coarse_date, compatible};

/// A contradiction between sources (SPEC §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// Subject id.
    pub subject: String,
    /// Attribute.
    pub attribute: String,
    /// True when one document backs two of the values.
    pub internal: bool,
    /// The values, the best-supported first.
    pub values: Vec<ContradictionValue>,
}

/// One side of a contradiction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContradictionValue {
    /// The value (the most specific wording among those merged).
    pub value: String,
    /// Distinct stories behind it.
    pub sources: usize,
    /// Documents behind it (originals and copies).
    pub docs: Vec<DocId>,
    /// Syndicated copies among `docs`, not counted in `sources`.
    pub copies: Vec<DocId>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
    /// A lone source far off a value two or more sources agree on.
    pub outlier: bool,
}

/// Attributes where different values are partial reports, not disagreements.
const NO_CONFLICT: &[&str] = &["attendees", "status"];

fn generic(attribute: &str, v: &str) -> bool {
    match attribute {
        "format" => v == "mediated",
        "venue" => !v.contains(", "),
        // A body as a whole ("igoeur") beside one of its parts ("igoeur:council").
        "issuer" => {
            v.len() >= 3
                && !v.contains(':')
                && v.bytes().all(|b| b.is_ascii_lowercase())
                && crate::vocab::ISSUERS.iter().any(|(_, code)| {
                    code.to_lowercase() == v && !code.chars().any(char::is_lowercase)
                })
        }
        // A month or a week beside a day inside it.
        _ => v.starts_with("XXXX") || coarse_date(v),
    }
}

fn far_off(attribute: &str, a: &str, b: &str) -> bool {
    if let (Ok(x), Ok(y)) = (
        a.parse::<jiff::civil::Date>(),
        b.parse::<jiff::civil::Date>(),
    ) {
        return x != y;
    }
    let num = |s: &str| {
        s.trim_end_matches('%')
            .trim_start_matches("USD ")
            .parse::<f64>()
            .ok()
    };
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return (x - y).abs() / x.abs().max(y.abs()).max(1e-9) >= 0.1;
    }
    attribute != "format"
}

/// Finds the contradictions among claims.
pub fn contradictions(claims: &[Claim]) -> Vec<Contradiction> {
    let mut by: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if !NO_CONFLICT.contains(&c.attribute.as_str()) {
            by.entry((c.subject.as_str(), c.attribute.as_str()))
                .or_default()
                .push(c);
        }
    }
    let mut out = Vec::new();
    for ((subject, attribute), cs) in by {
        // Groups of mutually compatible values, built from the specific values first.
        let mut groups: Vec<(String, Vec<&Claim>)> = Vec::new();
        let (specific, vague): (Vec<&Claim>, Vec<&Claim>) = cs
            .iter()
            .copied()
            .partition(|c| !generic(attribute, &c.value));
        for c in specific {
            match groups
                .iter_mut()
                .find(|g| compatible(attribute, &g.0, &c.value))
            {
                Some(g) => g.1.push(c),
                None => groups.push((c.value.clone(), vec![c])),
            }
        }
        for c in vague {
            let fits: Vec<usize> = (0..groups.len())
                .filter(|&i| compatible(attribute, &groups[i].0, &c.value))
                .collect();
            match fits.as_slice() {
                [i] => groups[*i].1.push(c),
                [] => {
                    let all_vague = groups.iter().all(|g| generic(attribute, &g.0));
                    match groups.iter_mut().find(|g| g.0 == c.value) {
                        Some(g) => g.1.push(c),
                        None if all_vague => groups.push((c.value.clone(), vec![c])),
                        None => {}
                    }
                }
                _ => {}
            }
        }
        // Drop a vague group that fits every specific one ("mediated" beside direct/indirect).
        let values_now: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
        groups.retain(|g| {
            !(generic(attribute, &g.0)
                && values_now.len() > 1
                && values_now
                    .iter()
                    .filter(|o| **o != g.0)
                    .all(|o| compatible(attribute, o, &g.0)))
        });
        if groups.len() < 2 {
            continue;
        }
        let mut values: Vec<ContradictionValue> = groups
            .into_iter()
            .map(|(value, cs)| {
                let stories: BTreeSet<&DocId> = cs.iter().map(|c| &c.story).collect();
                let mut docs: Vec<DocId> = Vec::new();
                let mut copies: Vec<DocId> = Vec::new();
                let mut evidence = Vec::new();
                for c in &cs {
                    for e in &c.evidence {
                        if !docs.contains(&e.doc) {
                            docs.push(e.doc.clone());
                            if e.doc != c.story {
                                copies.push(e.doc.clone());
                            }
                        }
                        if !evidence.contains(e) {
                            evidence.push(e.clone());
                        }
                    }
                }
                ContradictionValue {
                    value,
                    sources: stories.len(),
                    docs,
                    copies,
                    evidence,
                    outlier: false,
                }
            })
            .collect();
        values.sort_by(|a, b| b.sources.cmp(&a.sources).then(a.value.cmp(&b.value)));
        let top = values[0].sources;
        let top_value = values[0].value.clone();
        for v in values.iter_mut().skip(1) {
            v.outlier = v.sources == 1 && top >= 2 && far_off(attribute, &top_value, &v.value);
        }
        let internal = values.iter().enumerate().any(|(i, v)| {
            v.docs
                .iter()
                .any(|d| values.iter().skip(i + 1).any(|w| w.docs.contains(d)))
        });
        out.push(Contradiction {
            subject: subject.to_owned(),
            attribute: attribute.to_owned(),
            internal,
            values,
        });
    }
    out
}
