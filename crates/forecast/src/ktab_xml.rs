//! A small reader for KTAB's XML scenario schema (`smpSchema.xsd`): scenario name and
//! description, PRNG seed, the nine model parameters, dimensions, actors (name, description,
//! capability, position and salience per dimension, both 0–100) and the ideal-adjustment
//! pairs. Only the identity adjustment (each actor's ideal follows its own position fully) is
//! supported, as in every KTAB CSV run.
//!
//! This is not a general XML parser: no namespaces, DTDs or CDATA; comments, processing
//! instructions and attributes are skipped.

use crate::scenario::Actor;
use crate::{ForecastError, Scenario, SmpConfig};

enum Event {
    Start(String, usize),
    Leaf {
        path: Vec<String>,
        text: String,
        line: usize,
    },
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn events(text: &str) -> Result<Vec<Event>, ForecastError> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, bool)> = Vec::new(); // (name, has element children)
    let mut buf = String::new();
    let mut rest = text;
    let mut line = 1;
    while let Some(lt) = rest.find('<') {
        buf.push_str(&rest[..lt]);
        line += rest[..lt].matches('\n').count();
        let tag_line = line;
        let after = &rest[lt..];
        let (end, skip) = if after.starts_with("<!--") {
            (after.find("-->").map(|e| e + 3), true)
        } else if after.starts_with("<?") || after.starts_with("<!") {
            (after.find('>').map(|e| e + 1), true)
        } else {
            (after.find('>').map(|e| e + 1), false)
        };
        let Some(end) = end else {
            return Err(ForecastError::Malformed {
                row: tag_line,
                message: "unterminated XML tag".into(),
            });
        };
        let tag = &after[..end];
        line += tag.matches('\n').count();
        rest = &after[end..];
        if skip {
            continue;
        }
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim();
            match stack.pop() {
                Some((open, children)) if open == name => {
                    if !children {
                        let mut path: Vec<String> = stack.iter().map(|s| s.0.clone()).collect();
                        path.push(open);
                        out.push(Event::Leaf {
                            path,
                            text: unescape(buf.trim()),
                            line: tag_line,
                        });
                    }
                }
                _ => {
                    return Err(ForecastError::Malformed {
                        row: tag_line,
                        message: format!("closing tag </{name}> does not match; check the nesting"),
                    });
                }
            }
            buf.clear();
        } else {
            let self_closing = inner.ends_with('/');
            let name = inner
                .trim_end_matches('/')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            if name.is_empty() {
                return Err(ForecastError::Malformed {
                    row: tag_line,
                    message: "empty XML tag".into(),
                });
            }
            if let Some(top) = stack.last_mut() {
                top.1 = true;
            }
            buf.clear();
            out.push(Event::Start(name.clone(), tag_line));
            if !self_closing {
                stack.push((name, false));
            }
        }
    }
    if let Some((open, _)) = stack.pop() {
        return Err(ForecastError::Malformed {
            row: line,
            message: format!("<{open}> is never closed"),
        });
    }
    Ok(out)
}

fn number(text: &str, line: usize, column: &str) -> Result<f64, ForecastError> {
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ForecastError::NotANumber {
            row: line,
            column: column.to_string(),
            value: text.to_string(),
        })
}

/// Reads a KTAB XML scenario; returns the scenario and its model parameters (KTAB's defaults
/// where `ModelParameters` is absent; the seed from `prngSeed`). Rows in errors are XML lines.
///
/// # Errors
/// Malformed XML, unknown parameter values, bad numbers, a non-identity ideal adjustment, or
/// an invalid scenario.
pub fn parse_ktab_xml(text: &str) -> Result<(Scenario, SmpConfig), ForecastError> {
    let mut cfg = SmpConfig::default();
    let mut sc = Scenario {
        name: String::new(),
        description: String::new(),
        dimensions: Vec::new(),
        actors: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut pair: (String, String, f64) = (String::new(), String::new(), 1.0);
    let mut pairs = Vec::new();
    for ev in events(text)? {
        match ev {
            Event::Start(name, line) if name == "Actor" => {
                sc.actors.push(Actor {
                    name: String::new(),
                    description: String::new(),
                    capability: f64::NAN,
                    position: Vec::new(),
                    salience: Vec::new(),
                });
                rows.push(line);
            }
            Event::Start(name, line) if name == "iaPair" => {
                if !pair.0.is_empty() {
                    pairs.push(std::mem::take(&mut pair));
                }
                pair = (String::new(), String::new(), f64::NAN);
                let _ = line;
            }
            Event::Start(..) => {}
            Event::Leaf { path, text, line } => {
                let p: Vec<&str> = path.iter().map(String::as_str).collect();
                match p.as_slice() {
                    ["Scenario", "name"] => sc.name = text,
                    ["Scenario", "desc"] => sc.description = text,
                    ["Scenario", "prngSeed"] => {
                        cfg.seed = text.parse().map_err(|_| ForecastError::NotANumber {
                            row: line,
                            column: "prngSeed".into(),
                            value: text.clone(),
                        })?;
                    }
                    ["Scenario", "ModelParameters", param] => cfg.set(param, &text)?,
                    ["Scenario", "Dimensions", "dName"] => sc.dimensions.push(text),
                    ["Scenario", "Actors", "Actor", field, ..] => {
                        let Some(a) = sc.actors.last_mut() else {
                            continue;
                        };
                        match (*field, p.len()) {
                            ("name", 4) => a.name = text,
                            ("description", 4) => a.description = text,
                            ("capability", 4) => a.capability = number(&text, line, "capability")?,
                            ("Position", 5) => {
                                a.position.push(number(&text, line, "dCoord")? / 100.0)
                            }
                            ("Salience", 5) => {
                                a.salience.push(number(&text, line, "dSal")? / 100.0)
                            }
                            _ => {}
                        }
                    }
                    ["Scenario", "IdealAdjustment", "iaPair", field] => match *field {
                        "adjustingIdeal" => pair.0 = text,
                        "referencePos" => pair.1 = text,
                        "adjust" => pair.2 = number(&text, line, "adjust")?,
                        _ => {}
                    },
                    _ => {}
                }
            }
        }
    }
    if !pair.0.is_empty() {
        pairs.push(pair);
    }
    for (ideal, reference, adjust) in pairs {
        let identity = if ideal == reference {
            adjust == 1.0
        } else {
            adjust == 0.0
        };
        if !identity {
            return Err(ForecastError::Malformed {
                row: 0,
                message: format!(
                    "ideal adjustment {ideal} → {reference} = {adjust} is not supported; only the identity adjustment is"
                ),
            });
        }
    }
    sc.validate_with_rows(&rows)?;
    Ok((sc, cfg))
}
