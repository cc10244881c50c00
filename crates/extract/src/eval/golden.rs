//! The sentence-boundary "golden rules" (Pragmatic Segmenter, English, 52 rules).
//!
//! Each rule's expected sentences are compared with the split's as an exact list, after
//! collapsing runs of whitespace to one space on both sides: a span cannot delete the newline
//! that rules 40 and 41 join into one sentence, so that difference is not counted.

use serde::Deserialize;

use crate::ExtractError;

#[derive(Deserialize)]
struct Rule {
    id: u32,
    name: String,
    input: String,
    expected: Vec<String>,
}

/// One rule the splitter gets wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GoldenFailure {
    /// Rule number (1-based, as in the source).
    pub id: u32,
    /// Rule name.
    pub name: String,
    /// What the rule expects.
    pub expected: Vec<String>,
    /// What the splitter gave.
    pub got: Vec<String>,
}

/// Result of scoring the golden rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GoldenReport {
    /// Rules passed.
    pub passed: usize,
    /// Rules in the file.
    pub total: usize,
    /// The rules that failed.
    pub failures: Vec<GoldenFailure>,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores [`crate::split_sentences`] on the golden rules given as JSON Lines
/// (`{"id", "name", "input", "expected"}` per line).
///
/// # Errors
/// Returns [`ExtractError::Json`] naming the line when a line is not such an object.
pub fn score_golden_rules(jsonl: &str) -> Result<GoldenReport, ExtractError> {
    let mut report = GoldenReport {
        passed: 0,
        total: 0,
        failures: Vec::new(),
    };
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rule: Rule = serde_json::from_str(line).map_err(|source| ExtractError::Json {
            what: "golden rules".into(),
            line: n + 1,
            source,
        })?;
        report.total += 1;
        let got: Vec<String> = crate::split_sentences(&rule.input)
            .iter()
            .filter_map(|s| s.slice(&rule.input))
            .map(squash)
            .collect();
        let expected: Vec<String> = rule.expected.iter().map(|s| squash(s)).collect();
        if got == expected {
            report.passed += 1;
        } else {
            report.failures.push(GoldenFailure {
                id: rule.id,
                name: rule.name,
                expected: rule.expected,
                got,
            });
        }
    }
    Ok(report)
}
