//! Scenarios: who the actors are and where they stand. Built from KTAB's CSV format
//! ([`parse_ktab_csv`]), our TOML format ([`parse_toml_scenario`]), or a plain table with
//! possibly missing cells ([`Scenario::from_table`], for scenarios derived from a dossier).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ForecastError;

/// One party to the negotiation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Unique name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Capability (power, influence); any positive scale.
    pub capability: f64,
    /// Position per dimension, 0–1.
    pub position: Vec<f64>,
    /// Salience per dimension, 0–1; the sum over dimensions is at most 1.
    pub salience: Vec<f64>,
}

/// A validated scenario: at least two uniquely named actors, every number finite and in range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Short name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Dimension (issue) names.
    pub dimensions: Vec<String>,
    /// The actors.
    pub actors: Vec<Actor>,
}

/// One row of a plain input table; `None` marks a value the caller could not fill in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// Actor name.
    pub actor: String,
    /// Capability, any positive scale.
    pub capability: Option<f64>,
    /// Position per dimension, 0–100.
    pub position: Vec<Option<f64>>,
    /// Salience per dimension, 0–100.
    pub salience: Vec<Option<f64>>,
}

/// A cell of a [`TableRow`] that had no value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingValue {
    /// The actor.
    pub actor: String,
    /// `capability`, `position[<dimension>]` or `salience[<dimension>]`.
    pub field: String,
}

impl Scenario {
    /// Checks every invariant; `rows[i]` is the input row of actor `i` for error messages.
    ///
    /// # Errors
    /// Too few actors, duplicate names, wrong vector lengths, non-finite or out-of-range numbers.
    pub fn validate_with_rows(&self, rows: &[usize]) -> Result<(), ForecastError> {
        if self.actors.len() < 2 {
            return Err(ForecastError::TooFewActors {
                found: self.actors.len(),
            });
        }
        if self.dimensions.is_empty() {
            return Err(ForecastError::Malformed {
                row: 0,
                message: "a scenario needs at least one dimension".into(),
            });
        }
        let row_of = |i: usize| rows.get(i).copied().unwrap_or(i + 1);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, a) in self.actors.iter().enumerate() {
            let row = row_of(i);
            if a.name.trim().is_empty() {
                return Err(ForecastError::Malformed {
                    row,
                    message: "actor name is empty; name every actor".into(),
                });
            }
            if let Some(&first) = seen.get(a.name.as_str()) {
                return Err(ForecastError::DuplicateActor {
                    row,
                    name: a.name.clone(),
                    first_row: first,
                });
            }
            seen.insert(&a.name, row);
            let d = self.dimensions.len();
            if a.position.len() != d || a.salience.len() != d {
                return Err(ForecastError::Malformed {
                    row,
                    message: format!("actor `{}` needs {d} positions and {d} saliences", a.name),
                });
            }
            if !a.capability.is_finite() || a.capability <= 0.0 || a.capability >= 1e8 {
                return Err(ForecastError::OutOfRange {
                    row,
                    column: "capability".into(),
                    value: a.capability,
                    min: f64::MIN_POSITIVE,
                    max: 1e8,
                });
            }
            let mut total = 0.0;
            for k in 0..d {
                for (what, v) in [("position", a.position[k]), ("salience", a.salience[k])] {
                    if !(0.0..=1.0).contains(&v) {
                        return Err(ForecastError::OutOfRange {
                            row,
                            column: format!("{what}[{}]", self.dimensions[k]),
                            value: 100.0 * v,
                            min: 0.0,
                            max: 100.0,
                        });
                    }
                }
                total += a.salience[k];
            }
            if total > 1.0 + 1e-12 {
                return Err(ForecastError::Malformed {
                    row,
                    message: format!(
                        "saliences of `{}` add up to {:.2}, more than 100; scale them down",
                        a.name,
                        100.0 * total
                    ),
                });
            }
            if total <= 0.0 {
                return Err(ForecastError::Malformed {
                    row,
                    message: format!(
                        "`{}` has zero salience on every dimension; give it some or drop it",
                        a.name
                    ),
                });
            }
        }
        Ok(())
    }

    /// Checks every invariant (see [`Scenario::validate_with_rows`]).
    ///
    /// # Errors
    /// As [`Scenario::validate_with_rows`], with actor numbers as rows.
    pub fn validate(&self) -> Result<(), ForecastError> {
        self.validate_with_rows(&[])
    }

    /// Builds a scenario from a plain table (positions and saliences 0–100). Every missing
    /// cell is reported at once.
    ///
    /// # Errors
    /// [`ForecastError::Missing`] listing every empty cell, or a validation error.
    pub fn from_table(
        name: &str,
        dimensions: &[String],
        rows: &[TableRow],
    ) -> Result<Scenario, ForecastError> {
        let mut missing = Vec::new();
        let mut actors = Vec::new();
        for r in rows {
            let mut note = |field: String| {
                missing.push(MissingValue {
                    actor: r.actor.clone(),
                    field,
                })
            };
            if r.capability.is_none() {
                note("capability".into());
            }
            let mut pos = Vec::new();
            let mut sal = Vec::new();
            for (k, dim) in dimensions.iter().enumerate() {
                match r.position.get(k).copied().flatten() {
                    Some(v) => pos.push(v / 100.0),
                    None => note(format!("position[{dim}]")),
                }
                match r.salience.get(k).copied().flatten() {
                    Some(v) => sal.push(v / 100.0),
                    None => note(format!("salience[{dim}]")),
                }
            }
            actors.push(Actor {
                name: r.actor.clone(),
                description: String::new(),
                capability: r.capability.unwrap_or(f64::NAN),
                position: pos,
                salience: sal,
            });
        }
        if !missing.is_empty() {
            return Err(ForecastError::Missing { missing });
        }
        let sc = Scenario {
            name: name.to_string(),
            description: String::new(),
            dimensions: dimensions.to_vec(),
            actors,
        };
        sc.validate()?;
        Ok(sc)
    }
}

/// Splits one CSV line on `delim`, honouring double quotes; fields are trimmed.
pub(crate) fn split_line(line: &str, delim: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if quoted && chars.peek() == Some(&'"') {
                cur.push('"');
                chars.next();
            } else {
                quoted = !quoted;
            }
        } else if c == delim && !quoted {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn number(row: usize, column: usize, text: &str) -> Result<f64, ForecastError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ForecastError::Malformed {
            row,
            message: format!("column {column} is empty; every actor needs a number there"),
        });
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ForecastError::NotANumber {
            row,
            column: column.to_string(),
            value: t.to_string(),
        }),
    }
}

/// Reads KTAB's CSV scenario format.
///
/// Line 1: scenario name, description, number of actors, number of dimensions. Line 2: headers
/// (`Actor, Description, Power, <dim> Position, <dim> Salience, ...`). Then one line per actor:
/// name, description, capability, then position and salience (both 0–100) per dimension. A
/// trailing empty field (final comma) is allowed, as in KTAB's own files.
///
/// # Errors
/// Any bad cell gives an error naming its row and column.
pub fn parse_ktab_csv(text: &str) -> Result<Scenario, ForecastError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((r0, head)) = lines.next() else {
        return Err(ForecastError::Malformed { row: 1, message: "empty input; a KTAB CSV starts with name, description, actor count, dimension count".into() });
    };
    let head = split_line(head, ',');
    if head.len() < 4 {
        return Err(ForecastError::ColumnCount {
            row: r0 + 1,
            expected: 4,
            found: head.len(),
        });
    }
    let count = |col: usize| -> Result<usize, ForecastError> {
        let v = number(r0 + 1, col + 1, &head[col])?;
        if v < 0.0 || v.fract() != 0.0 || v > 100_000.0 {
            return Err(ForecastError::Malformed {
                row: r0 + 1,
                message: format!("column {}: `{}` is not a whole count", col + 1, head[col]),
            });
        }
        Ok(v as usize)
    };
    let n_act = count(2)?;
    let n_dim = count(3)?;
    if n_dim == 0 {
        return Err(ForecastError::Malformed {
            row: r0 + 1,
            message: "the dimension count must be at least 1".into(),
        });
    }
    let Some((r1, header)) = lines.next() else {
        return Err(ForecastError::Malformed {
            row: r0 + 2,
            message: "missing header line (Actor, Description, Power, ...)".into(),
        });
    };
    let header = split_line(header, ',');
    let want = 3 + 2 * n_dim;
    let hlen = if header.len() == want + 1 && header[want].is_empty() {
        want
    } else {
        header.len()
    };
    if hlen != want {
        return Err(ForecastError::ColumnCount {
            row: r1 + 1,
            expected: want,
            found: hlen,
        });
    }
    let dimensions: Vec<String> = (0..n_dim)
        .map(|k| header[3 + 2 * k].trim().to_string())
        .collect();
    let mut actors = Vec::new();
    let mut rows = Vec::new();
    for (r, line) in lines {
        let row = r + 1;
        let f = split_line(line, ',');
        let len = if f.len() > want && f[want..].iter().all(String::is_empty) {
            want
        } else {
            f.len()
        };
        if len != want {
            return Err(ForecastError::ColumnCount {
                row,
                expected: want,
                found: len,
            });
        }
        let capability = number(row, 3, &f[2])?;
        if capability <= 0.0 {
            return Err(ForecastError::OutOfRange {
                row,
                column: "3".into(),
                value: capability,
                min: f64::MIN_POSITIVE,
                max: 1e8,
            });
        }
        let mut position = Vec::with_capacity(n_dim);
        let mut salience = Vec::with_capacity(n_dim);
        for k in 0..n_dim {
            for (col, out) in [(3 + 2 * k, &mut position), (4 + 2 * k, &mut salience)] {
                let v = number(row, col + 1, &f[col])?;
                if !(0.0..=100.0).contains(&v) {
                    return Err(ForecastError::OutOfRange {
                        row,
                        column: (col + 1).to_string(),
                        value: v,
                        min: 0.0,
                        max: 100.0,
                    });
                }
                out.push(v / 100.0);
            }
        }
        actors.push(Actor {
            name: f[0].clone(),
            description: f[1].clone(),
            capability,
            position,
            salience,
        });
        rows.push(row);
    }
    if actors.len() != n_act {
        return Err(ForecastError::Malformed {
            row: r0 + 1,
            message: format!(
                "the first line announces {n_act} actors but {} follow; fix the count",
                actors.len()
            ),
        });
    }
    let sc = Scenario {
        name: head[0].clone(),
        description: head[1].clone(),
        dimensions,
        actors,
    };
    sc.validate_with_rows(&rows)?;
    Ok(sc)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlScenario {
    name: Option<String>,
    description: Option<String>,
    dimensions: Vec<String>,
    #[serde(default)]
    model: Option<crate::SmpConfig>,
    #[serde(rename = "actor")]
    actors: Vec<TomlActor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlActor {
    name: String,
    #[serde(default)]
    description: String,
    capability: f64,
    position: Vec<f64>,
    salience: Vec<f64>,
}

/// Reads a TOML scenario (format in the crate docs); returns the scenario and the `[model]`
/// table if one was given.
///
/// # Errors
/// TOML syntax errors carry the parser's line and column; bad values name the actor
/// (`row` = actor number, 1-based) and the field.
pub fn parse_toml_scenario(
    text: &str,
) -> Result<(Scenario, Option<crate::SmpConfig>), ForecastError> {
    let t: TomlScenario = toml::from_str(text).map_err(|e| ForecastError::Toml {
        message: e.to_string().trim_end().to_string(),
    })?;
    let d = t.dimensions.len();
    let mut actors = Vec::new();
    for (i, a) in t.actors.into_iter().enumerate() {
        let row = i + 1;
        if a.position.len() != d || a.salience.len() != d {
            return Err(ForecastError::Malformed {
                row,
                message: format!(
                    "actor `{}` needs {d} positions and {d} saliences (one per dimension)",
                    a.name
                ),
            });
        }
        for (what, vals) in [("position", &a.position), ("salience", &a.salience)] {
            for (k, &v) in vals.iter().enumerate() {
                if !(0.0..=100.0).contains(&v) {
                    return Err(ForecastError::OutOfRange {
                        row,
                        column: format!("{what}[{}]", t.dimensions[k]),
                        value: v,
                        min: 0.0,
                        max: 100.0,
                    });
                }
            }
        }
        actors.push(Actor {
            name: a.name,
            description: a.description,
            capability: a.capability,
            position: a.position.iter().map(|v| v / 100.0).collect(),
            salience: a.salience.iter().map(|v| v / 100.0).collect(),
        });
    }
    let sc = Scenario {
        name: t.name.unwrap_or_default(),
        description: t.description.unwrap_or_default(),
        dimensions: t.dimensions,
        actors,
    };
    sc.validate()?;
    Ok((sc, t.model))
}

#[cfg(test)]
mod tests {
    #[test]
    fn split_line_honours_quotes() {
        assert_eq!(
            super::split_line(r#"a, "b, c" ,"say ""hi""",,"#, ','),
            ["a", "b, c", "say \"hi\"", "", ""]
        );
        assert_eq!(super::split_line("x\ty", '\t'), ["x", "y"]);
    }
}
