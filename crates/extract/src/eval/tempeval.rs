//! TempEval-3 (SemEval-2013 Task 1, task A) scoring of time expressions.
//!
//! [`parse_timeml`] reads one TimeML document: the text inside `<TEXT>` with every tag
//! removed and the five XML entities decoded (offsets refer to that plain text), the gold
//! TIMEX3s inside it, and the publication date from the `CREATION_TIME` TIMEX3 (its date
//! part). [`score_document`] compares predictions with the gold as the task defines it:
//! - strict match: same span; relaxed match: overlapping spans (each gold and each predicted
//!   expression used once);
//! - precision = matches / predicted, recall = matches / gold, F1 their harmonic mean;
//! - attribute scores over relaxed matches: value accuracy and type accuracy are the share of
//!   matched pairs with the same value / type, and value F1 = relaxed F1 × value accuracy
//!   (the task's ranking figure; likewise type F1).

use jiff::civil::Date;

use crate::{ExtractError, TimeExtractor, Timex};

/// A gold TIMEX3 from a TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// First byte in the plain text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// TIMEX3 `type` (DATE, TIME, DURATION, SET).
    pub kind: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// One TimeML document reduced to what timex scoring needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlDoc {
    /// Plain text of `<TEXT>`, tags removed, entities decoded.
    pub text: String,
    /// Date part of the creation time, when it parses.
    pub dct: Option<Date>,
    /// Gold time expressions inside `<TEXT>`, in order.
    pub timexes: Vec<GoldTimex>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(pos) = rest.find(name) {
        let before_ok = pos == 0 || rest.as_bytes()[pos - 1].is_ascii_whitespace();
        let after = &rest[pos + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &v[1..];
                let end = body.find(quote)?;
                return Some(&body[..end]);
            }
        }
        rest = &rest[pos + name.len()..];
    }
    None
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Parses a TimeML document (`name` is used in errors).
///
/// # Errors
/// Returns [`ExtractError::TimeMl`] when there is no `<TEXT>` element or a TIMEX3 tag is
/// not closed.
pub fn parse_timeml(name: &str, xml: &str) -> Result<TimeMlDoc, ExtractError> {
    let problem = |p: &str| ExtractError::TimeMl {
        what: name.to_owned(),
        problem: p.to_owned(),
    };
    let dct = xml
        .find("CREATION_TIME")
        .and_then(|pos| {
            let tag_start = xml[..pos].rfind('<')?;
            let tag_end = pos + xml[pos..].find('>')?;
            attr(&xml[tag_start..tag_end], "value")
        })
        .and_then(|v| v.get(..10))
        .and_then(|d| d.parse::<Date>().ok());
    let open = xml
        .find("<TEXT>")
        .ok_or_else(|| problem("no <TEXT> element"))?;
    let body_start = open + "<TEXT>".len();
    let close = xml[body_start..]
        .find("</TEXT>")
        .ok_or_else(|| problem("<TEXT> is not closed"))?;
    let body = &xml[body_start..body_start + close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, String, String)> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let end = rest
                .find('>')
                .ok_or_else(|| problem("a tag is not closed"))?;
            let tag = &rest[1..end];
            if tag.starts_with("TIMEX3") {
                let kind = attr(tag, "type").unwrap_or("DATE").to_owned();
                let value = attr(tag, "value").unwrap_or("").to_owned();
                if tag.ends_with('/') {
                    // An empty TIMEX3 covers no text; TempEval ignores it.
                } else {
                    stack.push((text.len(), kind, value));
                }
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) = stack
                    .pop()
                    .ok_or_else(|| problem("</TIMEX3> without <TIMEX3>"))?;
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
            i += end + 1;
        } else if rest.starts_with('&') {
            match decode_entity(rest) {
                Some((c, len)) => {
                    text.push(c);
                    i += len;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..next]);
            i += next;
        }
    }
    if !stack.is_empty() {
        return Err(problem("a TIMEX3 is not closed"));
    }
    Ok(TimeMlDoc { text, dct, timexes })
}

/// Counts from which every TempEval-3 figure is computed; they add up over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct TimexCounts {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Gold expressions with a predicted one of exactly the same span.
    pub strict: usize,
    /// Relaxed (overlap) matches, one-to-one.
    pub relaxed: usize,
    /// Relaxed matches with the same value.
    pub value: usize,
    /// Relaxed matches with the same type.
    pub kind: usize,
}

impl std::ops::AddAssign for TimexCounts {
    fn add_assign(&mut self, o: Self) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The TempEval-3 figures.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TimexScores {
    /// Strict precision.
    pub strict_precision: f64,
    /// Strict recall.
    pub strict_recall: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Relaxed precision.
    pub relaxed_precision: f64,
    /// Relaxed recall.
    pub relaxed_recall: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// Value accuracy over relaxed matches.
    pub value_accuracy: f64,
    /// Value F1 = relaxed F1 × value accuracy (the task's ranking figure).
    pub value_f1: f64,
    /// Type accuracy over relaxed matches.
    pub type_accuracy: f64,
    /// Type F1 = relaxed F1 × type accuracy.
    pub type_f1: f64,
}

impl TimexCounts {
    /// The TempEval-3 figures from these counts.
    pub fn scores(&self) -> TimexScores {
        let sp = ratio(self.strict, self.predicted);
        let sr = ratio(self.strict, self.gold);
        let rp = ratio(self.relaxed, self.predicted);
        let rr = ratio(self.relaxed, self.gold);
        let rf = f1(rp, rr);
        let va = ratio(self.value, self.relaxed);
        let ta = ratio(self.kind, self.relaxed);
        TimexScores {
            strict_precision: sp,
            strict_recall: sr,
            strict_f1: f1(sp, sr),
            relaxed_precision: rp,
            relaxed_recall: rr,
            relaxed_f1: rf,
            value_accuracy: va,
            value_f1: rf * va,
            type_accuracy: ta,
            type_f1: rf * ta,
        }
    }
}

/// One disagreement between prediction and gold, for study.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "mistake", rename_all = "lowercase")]
pub enum TimexMistake {
    /// A gold expression with no overlapping prediction.
    Missed {
        /// Gold text.
        text: String,
        /// Gold type.
        kind: String,
        /// Gold value.
        value: String,
    },
    /// A prediction overlapping no gold expression.
    Spurious {
        /// Predicted text.
        text: String,
        /// Predicted value.
        value: String,
    },
    /// Matched, but value, type or extent differ.
    Different {
        /// Gold text.
        gold_text: String,
        /// Predicted text.
        text: String,
        /// Gold type and value.
        gold: (String, String),
        /// Predicted type and value.
        predicted: (String, String),
    },
}

/// Scores one document's predictions against its gold, and lists the mistakes.
pub fn score_document(doc: &TimeMlDoc, predicted: &[Timex]) -> (TimexCounts, Vec<TimexMistake>) {
    let mut counts = TimexCounts {
        gold: doc.timexes.len(),
        predicted: predicted.len(),
        ..TimexCounts::default()
    };
    let mut mistakes = Vec::new();
    let mut used = vec![false; predicted.len()];
    let slice = |s: usize, e: usize| doc.text.get(s..e).unwrap_or("").to_owned();
    for g in &doc.timexes {
        let found = predicted.iter().enumerate().find(|(i, p)| {
            !used[*i] && (p.span.start() as usize) < g.end && g.start < p.span.end() as usize
        });
        match found {
            Some((i, p)) => {
                used[i] = true;
                counts.relaxed += 1;
                let (ps, pe) = (p.span.start() as usize, p.span.end() as usize);
                let exact = ps == g.start && pe == g.end;
                if exact {
                    counts.strict += 1;
                }
                let same_value = p.value == g.value;
                let same_kind = p.kind.as_str() == g.kind;
                counts.value += usize::from(same_value);
                counts.kind += usize::from(same_kind);
                if !(same_value && same_kind && exact) {
                    mistakes.push(TimexMistake::Different {
                        gold_text: slice(g.start, g.end),
                        text: slice(ps, pe),
                        gold: (g.kind.clone(), g.value.clone()),
                        predicted: (p.kind.as_str().to_owned(), p.value.clone()),
                    });
                }
            }
            None => mistakes.push(TimexMistake::Missed {
                text: slice(g.start, g.end),
                kind: g.kind.clone(),
                value: g.value.clone(),
            }),
        }
    }
    for (i, p) in predicted.iter().enumerate() {
        if !used[i] {
            mistakes.push(TimexMistake::Spurious {
                text: slice(p.span.start() as usize, p.span.end() as usize),
                value: p.value.clone(),
            });
        }
    }
    (counts, mistakes)
}

/// Runs sentence splitting and time extraction on a parsed document and scores it.
pub fn evaluate_document(
    extractor: &TimeExtractor,
    doc: &TimeMlDoc,
) -> (TimexCounts, Vec<TimexMistake>) {
    let sentences = crate::split_sentences(&doc.text);
    let predicted = extractor.extract(&doc.text, &sentences, doc.dct);
    score_document(doc, &predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2026-02-05" functionInDocument="CREATION_TIME">Feb 5</TIMEX3></DCT>
<TEXT>Envoys met <TIMEX3 tid="t1" type="DATE" value="2026-02-04">yesterday</TIMEX3> &amp; will meet <TIMEX3 tid="t2" type="DATE" value="2026-02-06">tomorrow</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="PT2H">two hours</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn parses_text_offsets_and_dct() {
        let doc = parse_timeml("t", DOC).expect("valid TimeML");
        assert_eq!(doc.dct, Some(jiff::civil::date(2026, 2, 5)));
        assert_eq!(
            doc.text,
            "Envoys met yesterday & will meet tomorrow for two hours."
        );
        let texts: Vec<&str> = doc
            .timexes
            .iter()
            .map(|t| &doc.text[t.start..t.end])
            .collect();
        assert_eq!(texts, ["yesterday", "tomorrow", "two hours"]);
    }

    #[test]
    fn scores_follow_the_task_definitions() {
        let doc = parse_timeml("t", DOC).expect("valid TimeML");
        let extractor = TimeExtractor::new();
        let (counts, _) = evaluate_document(&extractor, &doc);
        assert_eq!(
            counts,
            TimexCounts {
                gold: 3,
                predicted: 3,
                strict: 3,
                relaxed: 3,
                value: 3,
                kind: 3
            }
        );
        // Half the matches with a wrong value halves value F1.
        let c = TimexCounts {
            gold: 4,
            predicted: 4,
            strict: 2,
            relaxed: 4,
            value: 2,
            kind: 4,
        };
        let s = c.scores();
        assert!((s.relaxed_f1 - 1.0).abs() < 1e-9);
        assert!((s.strict_f1 - 0.5).abs() < 1e-9);
        assert!((s.value_f1 - 0.5).abs() < 1e-9);
    }
}
