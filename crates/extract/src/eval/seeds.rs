//! Times on the seed articles, scored as `../shared/corpus/ANNOTATION.md` says: recall of gold
//! expressions (a predicted time overlaps the gold text) and value accuracy (exact TIMEX3 value)
//! on those found. Where the gold gives `null` (a relative time in an undated article), the
//! correct prediction is one marked unresolved.

use jiff::civil::Date;
use serde::Deserialize;

use crate::{ExtractError, Resolution, Timex};

/// Splits a seed file into its publication date and document text (SPEC §2): a leading
/// ` date YYYY-MM-DD` marker and the whitespace after it are removed, nothing else.
pub fn seed_document(raw: &str) -> (Option<Date>, &str) {
    let s = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let t = s.trim_start_matches([' ', '\t']);
    if let Some(rest) = t.strip_prefix("date ")
        && let Some(d) = rest.get(..10).and_then(|d| d.parse::<Date>().ok())
    {
        return (Some(d), rest[10..].trim_start());
    }
    (None, s)
}

#[derive(Deserialize)]
struct GoldFile {
    times: Vec<GoldTime>,
}

#[derive(Deserialize)]
struct GoldTime {
    text: String,
    value: Option<String>,
    #[serde(default)]
    occurrence: Option<usize>,
}

/// One gold time and what was predicted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedTimeResult {
    /// Gold text.
    pub text: String,
    /// Gold value (`None` for an unresolvable relative time).
    pub gold: Option<String>,
    /// Predicted value of the first overlapping prediction (`None` when it is unresolved),
    /// or `Err(())` when nothing overlaps.
    pub predicted: Result<Option<String>, ()>,
}

/// Counts over the seeds' gold times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedTimeScore {
    /// Gold expressions.
    pub gold: usize,
    /// Gold expressions overlapped by a prediction.
    pub found: usize,
    /// Found ones with the exact value.
    pub correct: usize,
    /// Every gold time with its prediction.
    pub results: Vec<SeedTimeResult>,
}

impl SeedTimeScore {
    /// Recall of gold expressions.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.found as f64 / self.gold as f64
        }
    }
    /// Value accuracy on the expressions found.
    pub fn value_accuracy(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
    /// Adds another document's counts.
    pub fn merge(&mut self, other: SeedTimeScore) {
        self.gold += other.gold;
        self.found += other.found;
        self.correct += other.correct;
        self.results.extend(other.results);
    }
}

/// Scores predicted times for one seed document against its gold JSON (ANNOTATION.md format).
///
/// # Errors
/// Returns [`ExtractError::Json`] for a malformed gold file and
/// [`ExtractError::GoldNotFound`] when a gold text is not in the document.
pub fn score_seed_times(
    name: &str,
    text: &str,
    gold_json: &str,
    predicted: &[Timex],
) -> Result<SeedTimeScore, ExtractError> {
    let gold: GoldFile = serde_json::from_str(gold_json).map_err(|source| ExtractError::Json {
        what: name.to_owned(),
        line: 0,
        source,
    })?;
    let mut score = SeedTimeScore::default();
    for g in gold.times {
        let nth = g.occurrence.unwrap_or(1).max(1);
        let start = text
            .match_indices(g.text.as_str())
            .nth(nth - 1)
            .map(|(i, _)| i)
            .ok_or_else(|| ExtractError::GoldNotFound {
                what: name.to_owned(),
                text: g.text.clone(),
            })?;
        let end = start + g.text.len();
        score.gold += 1;
        let hit = predicted
            .iter()
            .find(|p| (p.span.start() as usize) < end && start < p.span.end() as usize);
        let predicted = match hit {
            Some(p) => {
                score.found += 1;
                let value = (p.resolution != Resolution::Unresolved).then(|| p.value.clone());
                if value == g.value {
                    score.correct += 1;
                }
                Ok(value)
            }
            None => Err(()),
        };
        score.results.push(SeedTimeResult {
            text: g.text,
            gold: g.value,
            predicted,
        });
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_prefix_is_removed() {
        let (dct, text) = seed_document(" date 2026-02-05 Talks begin.\n");
        assert_eq!(dct, Some(jiff::civil::date(2026, 2, 5)));
        assert_eq!(text, "Talks begin.\n");
        assert_eq!(seed_document("Byline\nText"), (None, "Byline\nText"));
    }

    #[test]
    fn unresolved_prediction_matches_null_gold() {
        let text = "Strikes came last summer; talks resume tomorrow.";
        let gold = r#"{"times": [{"text": "last summer", "value": null},
                                  {"text": "tomorrow", "value": null}]}"#;
        let x = crate::TimeExtractor::new();
        let got = x.extract(text, &crate::split_sentences(text), None);
        let s = score_seed_times("t", text, gold, &got).expect("valid gold");
        assert_eq!((s.gold, s.found, s.correct), (2, 2, 2));
    }
}
