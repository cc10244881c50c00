//! Scoring actor codes and named people against hand annotations (ANNOTATION.md, "Actors":
//! recall of gold actor codes per document with a country + sector prefix match, and of
//! named people by surname). Pure: callers read the gold files.

use crate::normalize::normalize_phrase;

/// Counts behind recall and precision of one comparison (summable over documents).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Distinct gold items.
    pub gold: usize,
    /// Gold items found by some prediction.
    pub found: usize,
    /// Distinct predicted items.
    pub predicted: usize,
    /// Predicted items that agree with some gold item.
    pub correct: usize,
}

impl Score {
    /// `found / gold` (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// `correct / predicted` (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: Score) {
        self.gold += other.gold;
        self.found += other.found;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn distinct<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = items.into_iter().filter(|s| !s.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Scores one document's actor codes. A gold code is found when a predicted code starts with
/// it (`OMNGOV` finds gold `OMN`; `IRN` does not find gold `IRNGOV`). A predicted code is
/// correct when it and some gold code agree as far as both go (one is a prefix of the other:
/// `IRN` for a gold `IRNGOV` names the right country without its sector).
pub fn score_codes<'a>(
    gold: impl IntoIterator<Item = &'a str>,
    predicted: impl IntoIterator<Item = &'a str>,
) -> Score {
    let gold = distinct(gold);
    let predicted = distinct(predicted);
    Score {
        gold: gold.len(),
        found: gold
            .iter()
            .filter(|g| predicted.iter().any(|p| p.starts_with(**g)))
            .count(),
        predicted: predicted.len(),
        correct: predicted
            .iter()
            .filter(|p| gold.iter().any(|g| p.starts_with(g) || g.starts_with(**p)))
            .count(),
    }
}

/// The surname key of a person's name: the last word of its normalised form (so `Araqchi`
/// and `Araghchi` agree, and so do `Appiah-Mensah` and `Appiah Mensah`).
pub fn surname_key(name: &str) -> String {
    normalize_phrase(name)
        .rsplit([' ', '|'])
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// Scores one document's named people by surname.
pub fn score_people<'a>(
    gold: impl IntoIterator<Item = &'a str>,
    predicted: impl IntoIterator<Item = &'a str>,
) -> Score {
    let gold_keys: Vec<String> = gold.into_iter().map(surname_key).collect();
    let predicted_keys: Vec<String> = predicted.into_iter().map(surname_key).collect();
    score_codes(
        gold_keys.iter().map(String::as_str),
        predicted_keys.iter().map(String::as_str),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_rules() {
        let s = score_codes(["IRNGOV", "OMN", "GCC"], ["IRN", "OMNGOV", "GCCGOV", "CHN"]);
        assert_eq!(
            s,
            Score {
                gold: 3,
                found: 2,
                predicted: 4,
                correct: 3
            }
        );
        assert!((s.recall() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn surnames_fold_spelling() {
        let s = score_people(["Abbas Araghchi", "Ali Larijani"], ["Abbas Araqchi"]);
        assert_eq!((s.gold, s.found), (2, 1));
        let s = score_people(
            ["Lena Berg-Hansen", "Per Almqvist"],
            ["Lena Berg Hansen", "Per Almquist"],
        );
        assert_eq!((s.gold, s.found), (2, 2));
        assert_eq!(surname_key("Dr. Omar al-Rashid"), "rashid");
    }
}
