//! The dossier file (`dossier.toml`, SPEC §4): the negotiation the user follows — parties,
//! mediators, issues with their questions, keywords and 0–100 scales — and optional
//! capability overrides for the forecast. Parsed and validated here; written back by
//! [`Dossier::to_toml`] so that a proposed dossier can be saved and edited.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::DossierError;

/// A validated dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    /// What the negotiation is called.
    pub name: String,
    /// Party codes (`IRN`, `USA`).
    pub parties: Vec<String>,
    /// Mediator codes (`OMN`).
    pub mediators: Vec<String>,
    /// The issues, in the file's order.
    pub issues: Vec<Issue>,
    /// Capability overrides for the forecast (`[capability] IRN = 0.03`), by actor code.
    pub capability: BTreeMap<String, f64>,
}

/// One issue of the negotiation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Short lowercase id (`enrichment`).
    pub id: String,
    /// The question the issue answers.
    pub question: String,
    /// Words that put a sentence on this issue (matched case-insensitively at word starts).
    pub keywords: Vec<String>,
    /// The 0–100 scale, when the issue has one.
    pub scale: Option<Scale>,
}

/// Labelled points on a 0–100 scale, sorted by value; at least two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    /// The points, lowest first.
    pub points: Vec<ScalePoint>,
}

/// One labelled point of a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalePoint {
    /// Position on 0–100.
    pub value: f64,
    /// What the point means ("zero enrichment").
    pub label: String,
}

impl Scale {
    /// Lowest point.
    pub fn min(&self) -> f64 {
        self.points.first().map_or(0.0, |p| p.value)
    }

    /// Highest point.
    pub fn max(&self) -> f64 {
        self.points.last().map_or(100.0, |p| p.value)
    }
}

impl Dossier {
    /// An issue by id.
    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// Parses and validates a dossier file.
    ///
    /// # Errors
    /// Returns the first problem found, naming its line and field: TOML syntax, a missing
    /// `name`, `parties` or `question`, a malformed party code, a duplicate issue id, scale
    /// keys that are not numbers within 0–100, a negative capability.
    ///
    /// # Example
    /// ```
    /// let d = dossier::Dossier::parse(r#"
    /// name = "Trade talks"
    /// parties = ["USA", "CHN"]
    /// [[issue]]
    /// id = "tariffs"
    /// question = "How high do tariffs stay?"
    /// scale = { 0 = "no tariffs", 100 = "tariffs raised further" }
    /// "#).unwrap();
    /// assert_eq!(d.issues[0].scale.as_ref().unwrap().points[1].value, 100.0);
    /// ```
    pub fn parse(text: &str) -> Result<Dossier, DossierError> {
        let raw: RawDossier = toml::from_str(text).map_err(|e| DossierError::Syntax {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim_end_matches('.').to_owned(),
        })?;
        let name = match raw.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.into_inner().trim().to_owned(),
            Some(n) => return Err(missing(line_of(text, n.span().start), "name", HINT_NAME)),
            None => return Err(missing(1, "name", HINT_NAME)),
        };
        let parties = match raw.parties {
            Some(p) if !p.get_ref().is_empty() => codes(text, "parties", p.into_inner())?,
            Some(p) => {
                return Err(missing(
                    line_of(text, p.span().start),
                    "parties",
                    HINT_PARTIES,
                ));
            }
            None => return Err(missing(1, "parties", HINT_PARTIES)),
        };
        let mediators = codes(text, "mediators", raw.mediators.unwrap_or_default())?;
        for m in &mediators {
            if parties.contains(m) {
                return Err(DossierError::DuplicateCode {
                    line: find_line(text, m),
                    field: "mediators".into(),
                    code: m.clone(),
                });
            }
        }
        let mut issues = Vec::with_capacity(raw.issues.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        for spanned in raw.issues {
            let table_line = line_of(text, spanned.span().start);
            let issue = spanned.into_inner();
            let (id, id_line) = match issue.id {
                Some(id) if !id.get_ref().trim().is_empty() => {
                    let line = line_of(text, id.span().start);
                    (id.into_inner().trim().to_owned(), line)
                }
                _ => return Err(missing(table_line, "issue.id", HINT_ID)),
            };
            if !is_issue_id(&id) {
                return Err(DossierError::BadIssueId { line: id_line, id });
            }
            if let Some(&first_line) = seen.get(&id) {
                return Err(DossierError::DuplicateIssue {
                    line: id_line,
                    id,
                    first_line,
                });
            }
            seen.insert(id.clone(), id_line);
            let question = match issue.question {
                Some(q) if !q.get_ref().trim().is_empty() => q.into_inner().trim().to_owned(),
                Some(q) => {
                    return Err(missing(
                        line_of(text, q.span().start),
                        "question",
                        HINT_QUESTION,
                    ));
                }
                None => return Err(missing(table_line, "question", HINT_QUESTION)),
            };
            let keywords = issue
                .keywords
                .unwrap_or_default()
                .into_iter()
                .map(|k| k.into_inner().trim().to_owned())
                .filter(|k| !k.is_empty())
                .collect();
            let scale = match issue.scale {
                None => None,
                Some(s) => Some(scale(text, &id, s)?),
            };
            issues.push(Issue {
                id,
                question,
                keywords,
                scale,
            });
        }
        let mut capability = BTreeMap::new();
        for (code, value) in raw.capability.unwrap_or_default() {
            let line = line_of(text, value.span().start);
            let code = code.into_inner();
            if !is_actor_code(&code) {
                return Err(DossierError::BadCode {
                    line,
                    field: "capability".into(),
                    code,
                });
            }
            let v = *value.get_ref();
            if !v.is_finite() || v < 0.0 {
                return Err(DossierError::Capability {
                    line,
                    code,
                    value: v,
                });
            }
            capability.insert(code, v);
        }
        Ok(Dossier {
            name,
            parties,
            mediators,
            issues,
            capability,
        })
    }

    /// Writes the dossier as TOML that [`Dossier::parse`] reads back unchanged.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "name = {}", quote(&self.name));
        let _ = writeln!(out, "parties = {}", list(&self.parties));
        let _ = writeln!(out, "mediators = {}", list(&self.mediators));
        for issue in &self.issues {
            out.push_str("\n[[issue]]\n");
            let _ = writeln!(out, "id = {}", quote(&issue.id));
            let _ = writeln!(out, "question = {}", quote(&issue.question));
            let _ = writeln!(out, "keywords = {}", list(&issue.keywords));
            if let Some(scale) = &issue.scale {
                let points: Vec<String> = scale
                    .points
                    .iter()
                    .map(|p| format!("{} = {}", number(p.value), quote(&p.label)))
                    .collect();
                let _ = writeln!(out, "scale = {{ {} }}", points.join(", "));
            }
        }
        if !self.capability.is_empty() {
            out.push_str("\n[capability]\n");
            for (code, v) in &self.capability {
                let _ = writeln!(out, "{code} = {v:?}");
            }
        }
        out
    }
}

const HINT_NAME: &str = "add a line such as `name = \"Iran–United States talks\"`";
const HINT_PARTIES: &str = "list the parties' codes, e.g. `parties = [\"IRN\", \"USA\"]`";
const HINT_ID: &str = "give the issue an id such as `id = \"enrichment\"`";
const HINT_QUESTION: &str =
    "say what the issue asks, e.g. `question = \"How much enrichment may Iran keep?\"`";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDossier {
    name: Option<Spanned<String>>,
    parties: Option<Spanned<Vec<Spanned<String>>>>,
    mediators: Option<Vec<Spanned<String>>>,
    #[serde(default, rename = "issue")]
    issues: Vec<Spanned<RawIssue>>,
    capability: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    id: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    keywords: Option<Vec<Spanned<String>>>,
    scale: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

fn missing(line: usize, field: &str, hint: &'static str) -> DossierError {
    DossierError::Missing {
        line,
        field: field.to_owned(),
        hint,
    }
}

fn codes(text: &str, field: &str, raw: Vec<Spanned<String>>) -> Result<Vec<String>, DossierError> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for c in raw {
        let line = line_of(text, c.span().start);
        let code = c.into_inner().trim().to_owned();
        if !is_actor_code(&code) {
            return Err(DossierError::BadCode {
                line,
                field: field.to_owned(),
                code,
            });
        }
        if out.contains(&code) {
            return Err(DossierError::DuplicateCode {
                line,
                field: field.to_owned(),
                code,
            });
        }
        out.push(code);
    }
    Ok(out)
}

fn scale(
    text: &str,
    issue: &str,
    raw: Spanned<BTreeMap<String, Spanned<String>>>,
) -> Result<Scale, DossierError> {
    let line = line_of(text, raw.span().start);
    let mut points = Vec::new();
    for (key, label) in raw.into_inner() {
        let value: f64 = key.trim().parse().map_err(|_| DossierError::ScaleKey {
            line,
            issue: issue.to_owned(),
            key: key.clone(),
        })?;
        if !value.is_finite() {
            return Err(DossierError::ScaleKey {
                line,
                issue: issue.to_owned(),
                key,
            });
        }
        if !(0.0..=100.0).contains(&value) {
            return Err(DossierError::ScaleRange {
                line,
                issue: issue.to_owned(),
                key,
            });
        }
        let label = label.into_inner().trim().to_owned();
        if label.is_empty() {
            return Err(DossierError::BadScale {
                line,
                issue: issue.to_owned(),
                problem: "a scale point has an empty label; say what the point means",
            });
        }
        points.push(ScalePoint { value, label });
    }
    points.sort_by(|a, b| a.value.total_cmp(&b.value));
    if points.len() < 2 {
        return Err(DossierError::BadScale {
            line,
            issue: issue.to_owned(),
            problem: "a scale needs at least two points, e.g. `{ 0 = \"…\", 100 = \"…\" }`",
        });
    }
    if points.windows(2).any(|w| w[0].value == w[1].value) {
        return Err(DossierError::BadScale {
            line,
            issue: issue.to_owned(),
            problem: "two scale keys name the same number; keep one",
        });
    }
    Ok(Scale { points })
}

/// True for a CAMEO-style code: three capital letters, then zero or more groups of three.
pub fn is_actor_code(code: &str) -> bool {
    !code.is_empty()
        && code.len().is_multiple_of(3)
        && code.len() <= 15
        && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_issue_id(id: &str) -> bool {
    id.len() <= 40
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn find_line(text: &str, needle: &str) -> usize {
    let quoted = format!("\"{needle}\"");
    text.rfind(&quoted).map_or(1, |o| line_of(text, o))
}

fn quote(s: &str) -> String {
    // A JSON string is a valid TOML basic string.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("\"{v}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"name = "Trade talks"
parties = ["USA", "CHN"]
mediators = ["CHE"]

[[issue]]
id = "tariffs"
question = "How high do tariffs stay?"
keywords = ["tariff", "duties"]
scale = { 0 = "no tariffs", 50 = "tariffs halved", 100 = "tariffs raised further" }

[[issue]]
id = "export_controls"
question = "Are chip export controls eased?"

[capability]
USA = 0.13
CHN = 0.22
"#;

    #[track_caller]
    fn check_err(text: &str, want: &str) {
        match Dossier::parse(text) {
            Ok(d) => panic!("expected an error, got {d:?}"),
            Err(e) => assert_eq!(e.to_string(), want),
        }
    }

    #[test]
    fn parses_a_full_dossier() {
        let d = Dossier::parse(GOOD).expect("valid dossier");
        assert_eq!(d.name, "Trade talks");
        assert_eq!(d.parties, vec!["USA", "CHN"]);
        assert_eq!(d.mediators, vec!["CHE"]);
        assert_eq!(d.issues.len(), 2);
        let scale = d.issues[0].scale.as_ref().expect("scale");
        let values: Vec<f64> = scale.points.iter().map(|p| p.value).collect();
        assert_eq!(values, vec![0.0, 50.0, 100.0]);
        assert_eq!(scale.points[1].label, "tariffs halved");
        assert_eq!(d.issues[1].scale, None);
        assert_eq!(d.capability.get("CHN"), Some(&0.22));
    }

    #[test]
    fn round_trips_through_to_toml() {
        let d = Dossier::parse(GOOD).expect("valid dossier");
        let again = Dossier::parse(&d.to_toml()).expect("own output parses");
        assert_eq!(again, d);
    }

    #[test]
    fn errors_name_line_and_field() {
        check_err(
            "name = \"x\"\nparties = [\"IRN\", \"usa\"]\n",
            "line 2: `parties` has code `usa`, which is not a CAMEO-style code; use three capital letters (`IRN`) optionally followed by sectors (`IRNGOV`)",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\n[[issue]]\nid = \"a\"\nquestion = \"q\"\n[[issue]]\nid = \"a\"\nquestion = \"q\"\n",
            "line 7: issue id `a` is already used on line 4; give each issue its own id",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\n[[issue]]\nid = \"a\"\nquestion = \"q\"\nscale = { low = \"l\", 100 = \"h\" }\n",
            "line 6: issue `a`: scale key `low` is not a number; use keys such as 0 and 100",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\n[[issue]]\nid = \"a\"\nquestion = \"q\"\nscale = { 0 = \"l\", 120 = \"h\" }\n",
            "line 6: issue `a`: scale key 120 is outside 0-100; scales run from 0 to 100",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\n\n[[issue]]\nid = \"a\"\n",
            "line 4: `question` is missing or empty; say what the issue asks, e.g. `question = \"How much enrichment may Iran keep?\"`",
        );
        check_err(
            "parties = [\"IRN\"]\n",
            "line 1: `name` is missing or empty; add a line such as `name = \"Iran–United States talks\"`",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\n[capability]\nIRN = -1\n",
            "line 4: capability of `IRN` is -1; give a number of 0 or more (a CINC share such as 0.03)",
        );
        check_err(
            "name = \"x\"\nparties = [\"IRN\"]\nmediators = [\"IRN\"]\n",
            "line 3: `mediators` lists `IRN` twice; keep one",
        );
    }

    #[test]
    fn syntax_errors_keep_the_line() {
        let err = Dossier::parse("name = \"x\"\nparties = [\"IRN\"\n").expect_err("broken array");
        assert!(
            matches!(err, DossierError::Syntax { line: 2 | 3, .. }),
            "{err:?}"
        );
        let err = Dossier::parse("name = \"x\"\nparties = [\"IRN\"]\ncolour = 3\n")
            .expect_err("unknown field");
        assert!(
            matches!(err, DossierError::Syntax { line: 3, .. }),
            "{err:?}"
        );
    }

    mod shared {
        use super::super::*;
        use std::path::PathBuf;

        fn shared_dir() -> Option<PathBuf> {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
            if dir.is_dir() {
                Some(dir)
            } else if std::env::var_os("CI").is_some() {
                panic!("shared dir {} missing in CI", dir.display());
            } else {
                eprintln!("skipping: {} not found", dir.display());
                None
            }
        }

        #[test]
        fn seeds_and_example_dossiers_parse() {
            let Some(dir) = shared_dir() else { return };
            let seeds = std::fs::read_to_string(dir.join("corpus/seeds-gold/dossier.toml"))
                .expect("seeds dossier readable");
            let d = Dossier::parse(&seeds).expect("seeds dossier valid");
            assert_eq!(d.parties, vec!["IRN", "USA"]);
            assert_eq!(d.issues.len(), 11);
            assert_eq!(d.issue("venue").and_then(|i| i.scale.as_ref()), None);
            let example = std::fs::read_to_string(
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../../examples/muscat/dossier.toml"),
            )
            .expect("example dossier readable");
            let e = Dossier::parse(&example).expect("example dossier valid");
            assert_eq!(e.mediators, vec!["OMN"]);
            assert_eq!(Dossier::parse(&e.to_toml()).expect("round trip"), e);
        }
    }
}
