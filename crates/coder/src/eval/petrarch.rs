//! `eval petrarch-unit`: the PETRARCH unit-test records (SPEC §8).
//!
//! The 284 sentences of `PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml`, coded with
//! `PETR.Validate.verbs.2.0.txt` and the unit tests' actors, agents and discards; the
//! supplied parses are ignored. A predicted coding matches a gold one when source, target
//! and event code are all equal (each gold coding matched at most once); precision is over
//! predicted codings, recall over gold codings. Any coding on a `noevents` record is a false
//! positive. Also reported: the match on the event code's first two digits, and per test
//! category (the record's `source` attribute).

use std::collections::BTreeMap;

use crate::CoderError;
use crate::code::{Coder, Scratch, SentenceContext};

/// One gold (or predicted) coding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Coding {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO event code.
    pub code: String,
}

/// One unit-test record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Record id (`DEMO_00`).
    pub id: String,
    /// Test category (the `source` attribute: DEMO, SYNSET, …).
    pub category: String,
    /// The record's date (`yyyymmdd`), which selects date-restricted actor codes.
    pub date: Option<u32>,
    /// The sentence, whitespace collapsed.
    pub text: String,
    /// Gold codings.
    pub gold: Vec<Coding>,
    /// The record is marked `noevents`.
    pub noevents: bool,
    /// The record is marked with an `error` (discards, bad input): it expects no coding.
    pub error: bool,
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(unescape(&tag[i..j]))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Reads the unit-test records from the XML text. Comments are skipped; `<Parse>` is
/// ignored.
///
/// # Errors
/// Fails, naming the line, when a `<Sentence>` has no id or no `<Text>`.
pub fn parse_records(xml: &str) -> Result<Vec<Record>, CoderError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = xml[pos..].find('<') {
        let at = pos + rel;
        let rest = &xml[at..];
        if rest.starts_with("<!--") {
            pos = at + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if !rest.starts_with("<Sentence ") {
            pos = at + 1;
            continue;
        }
        let err = |message: &str| CoderError::Gold {
            file: "PETR.UnitTest.records",
            line: line_of(xml, at),
            message: message.to_string(),
        };
        let head_end = rest
            .find('>')
            .ok_or_else(|| err("unclosed <Sentence> tag"))?;
        let head = &rest[..head_end];
        let body_end = rest
            .find("</Sentence>")
            .ok_or_else(|| err("no </Sentence>"))?;
        let body = &rest[head_end + 1..body_end];
        let id = attr(head, "id").ok_or_else(|| err("<Sentence> without id"))?;
        let category = attr(head, "source").unwrap_or_default();
        let date = attr(head, "date").and_then(|d| d.parse().ok());
        let t0 = body
            .find("<Text>")
            .ok_or_else(|| err("<Sentence> without <Text>"))?
            + 6;
        let t1 = body[t0..]
            .find("</Text>")
            .ok_or_else(|| err("unclosed <Text>"))?
            + t0;
        let text = unescape(
            &body[t0..t1]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut gold = Vec::new();
        let mut noevents = false;
        let mut error = false;
        // Codings, outside comments.
        let mut b = 0;
        while let Some(r) = body[b..].find('<') {
            let s = b + r;
            let tail = &body[s..];
            if tail.starts_with("<!--") {
                b = s + tail.find("-->").map_or(tail.len(), |e| e + 3);
                continue;
            }
            if tail.starts_with("<EventCoding") {
                let e = tail.find('>').map_or(tail.len(), |e| e + 1);
                let tag = &tail[..e];
                if attr(tag, "noevents").is_some() {
                    noevents = true;
                } else if attr(tag, "error").is_some() {
                    error = true;
                } else if let (Some(source), Some(target), Some(code)) = (
                    attr(tag, "sourcecode"),
                    attr(tag, "targetcode"),
                    attr(tag, "eventcode"),
                ) {
                    gold.push(Coding {
                        source,
                        target,
                        code,
                    });
                } else {
                    return Err(err(
                        "<EventCoding> without sourcecode, targetcode and eventcode",
                    ));
                }
                b = s + e;
                continue;
            }
            b = s + 1;
        }
        out.push(Record {
            id,
            category,
            date,
            text,
            gold,
            noevents,
            error,
        });
        pos = at + body_end + "</Sentence>".len();
    }
    Ok(out)
}

/// Match counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Records.
    pub records: usize,
    /// Gold codings.
    pub gold: usize,
    /// Predicted codings.
    pub predicted: usize,
    /// Exact matches (source, target, code).
    pub matched: usize,
    /// Matches on source, target and the code's first two digits.
    pub root_matched: usize,
    /// Predicted codings on `noevents` records.
    pub noevent_false_positives: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Counts {
    /// Exact precision.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Exact recall.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Exact F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Root-code precision.
    pub fn root_precision(&self) -> f64 {
        ratio(self.root_matched, self.predicted)
    }
    /// Root-code recall.
    pub fn root_recall(&self) -> f64 {
        ratio(self.root_matched, self.gold)
    }
    fn add(&mut self, o: &Counts) {
        self.records += o.records;
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.root_matched += o.root_matched;
        self.noevent_false_positives += o.noevent_false_positives;
    }
}

/// A record whose prediction differs from the gold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mistake {
    /// Record id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Gold codings not predicted.
    pub missed: Vec<Coding>,
    /// Predicted codings not in the gold.
    pub spurious: Vec<Coding>,
}

/// The evaluation result.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// All records.
    pub total: Counts,
    /// Per test category.
    pub categories: BTreeMap<String, Counts>,
    /// Records with a difference, in file order.
    pub mistakes: Vec<Mistake>,
}

/// Counts one record's predicted codings against its gold.
pub fn score_record(record: &Record, predicted: &[Coding]) -> (Counts, Option<Mistake>) {
    let mut c = Counts {
        records: 1,
        gold: record.gold.len(),
        predicted: predicted.len(),
        ..Counts::default()
    };
    let mut used = vec![false; record.gold.len()];
    let mut spurious = Vec::new();
    for p in predicted {
        if let Some(k) = (0..record.gold.len()).find(|&k| !used[k] && record.gold[k] == *p) {
            used[k] = true;
            c.matched += 1;
        } else {
            spurious.push(p.clone());
        }
    }
    let mut used_root = vec![false; record.gold.len()];
    for p in predicted {
        if let Some(k) = (0..record.gold.len()).find(|&k| {
            let g = &record.gold[k];
            !used_root[k]
                && g.source == p.source
                && g.target == p.target
                && g.code.get(..2) == p.code.get(..2)
        }) {
            used_root[k] = true;
            c.root_matched += 1;
        }
    }
    if record.noevents {
        c.noevent_false_positives = predicted.len();
    }
    let missed: Vec<Coding> = record
        .gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g.clone())
        .collect();
    let mistake = (!missed.is_empty() || !spurious.is_empty()).then(|| Mistake {
        id: record.id.clone(),
        text: record.text.clone(),
        missed,
        spurious,
    });
    (c, mistake)
}

/// Codes every record and scores it.
pub fn evaluate(coder: &Coder, records: &[Record]) -> Report {
    let mut report = Report::default();
    let mut scratch = Scratch::default();
    let mut events = Vec::new();
    for r in records {
        events.clear();
        coder.code_with(
            &r.text,
            &SentenceContext { date: r.date },
            &mut scratch,
            &mut events,
        );
        let predicted: Vec<Coding> = events
            .iter()
            .map(|e| Coding {
                source: e.source.code.clone(),
                target: e
                    .target
                    .as_ref()
                    .map_or_else(|| "---".to_string(), |t| t.code.clone()),
                code: e.cameo.clone(),
            })
            .collect();
        let (c, mistake) = score_record(r, &predicted);
        report.total.add(&c);
        report
            .categories
            .entry(r.category.clone())
            .or_default()
            .add(&c);
        if let Some(m) = mistake {
            report.mistakes.push(m);
        }
    }
    report
}

/// The coder options the unit tests assume: CAMEO 01 statements and codings with an agent
/// but no country (`---GOV`) are coded, negated events are not (the gold gives a different
/// code for them), and events named by nouns are not (the unit tests code verb patterns).
pub fn unit_test_config() -> crate::code::Config {
    crate::code::Config {
        statements: true,
        negated: false,
        unknown_country: false,
        unknown_target: false,
        intent_codes: false,
        noun_events: false,
        unknown_source: false,
        venues: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation><!-- <Sentence id="X"> in a comment -->
<Sentence source="DEMO" date="19950101" id="DEMO_00" sentence="true">
<!-- <EventCoding eventcode="999" sourcecode="A" targetcode="B" /> -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="190" sourcecode="&quot;INJURY TOLL&quot;" targetcode="OSG" />
<Text>
Arnor is about to restore
ties with Gondor.
</Text>
<Parse>1 Arnor</Parse></Sentence>
<Sentence source="AFP" date="19950101" id="N_1" sentence="true">
<EventCoding noevents="True" />
<Text>Nothing.</Text></Sentence></Validation>"#;

    #[test]
    fn reads_records() {
        let r = parse_records(XML).expect("valid sample");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r[0].gold.len(), 2);
        assert_eq!(r[0].gold[1].source, "\"INJURY TOLL\"");
        assert_eq!(r[0].date, Some(19950101));
        assert!(r[1].noevents);
    }

    #[test]
    fn scoring_counts_each_gold_once() {
        let r = parse_records(XML).expect("valid sample");
        let p = |s: &str, t: &str, c: &str| Coding {
            source: s.into(),
            target: t.into(),
            code: c.into(),
        };
        let (c, m) = score_record(
            &r[0],
            &[
                p("ARN", "GON", "050"),
                p("ARN", "GON", "050"),
                p("ARN", "GON", "051"),
            ],
        );
        assert_eq!(
            (c.matched, c.root_matched, c.predicted, c.gold),
            (1, 1, 3, 2)
        );
        assert_eq!(m.map(|m| m.spurious.len()), Some(2));
        let (c, _) = score_record(&r[1], &[p("ARN", "GON", "050")]);
        assert_eq!(c.noevent_false_positives, 1);
    }
}
