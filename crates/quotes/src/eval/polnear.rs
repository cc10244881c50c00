//! The `eval polnear` metric, re-implemented from `shared/external/polnear/README.md` and its
//! reference scorer `score_polnear.py`, which it must agree with figure for figure.
//!
//! (a) Content spans: each predicted quote goes to the speech content it shares the most bytes
//! with, when that overlap is at least half of the prediction or of the content; a content is
//! found when its predictions cover at least half of its bytes (for a discontinuous content,
//! of its parts). Predictions that match no speech content but half-overlap a non-speech
//! attribution are ignored. Strict: a prediction equals the content (or predictions equal all
//! its parts) after trimming white space, quotation marks and `, . ; :`.
//! (b) Speaker accuracy on found contents with a gold source: a predicted speaker span
//! overlaps the source, or the source's surname is a word of the predicted speaker's names;
//! pronoun sources take the surname of the nearest earlier named source.
//!
//! PolNeAR states no licence: its data is read at run time only and never stored here.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::{QuoteExtractor, QuoteKind, QuotesError, SpeakerHint, split_sentences};

/// A byte span of a gold annotation, with the fragments of a discontinuous one.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    /// First byte (of the full extent).
    pub start: usize,
    /// One past the last byte (of the full extent).
    pub end: usize,
    /// The text of the full extent.
    pub text: String,
    /// The fragments of a discontinuous span; empty for a continuous one.
    #[serde(default)]
    pub parts: Vec<GoldPart>,
}

/// One fragment of a discontinuous gold span.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct GoldPart {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One PolNeAR attribution: source, cue, content.
#[derive(Debug, Clone, Deserialize)]
pub struct Attribution {
    /// The brat event id (`E3`).
    pub id: String,
    /// Who; `None` for attributions without a source.
    pub source: Option<GoldSpan>,
    /// The trigger.
    pub cue: Option<GoldSpan>,
    /// What is attributed.
    pub content: GoldSpan,
    /// The content is in quotation marks.
    pub direct: bool,
    /// A speech attribution (the gold of this metric) rather than belief, intention, …
    pub speech: bool,
}

/// One PolNeAR article as `convert.py` writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// The PolNeAR file stem.
    pub id: String,
    /// The raw text; offsets refer to it.
    pub text: String,
    /// Attributions, sorted by content start.
    pub attributions: Vec<Attribution>,
}

/// Reads a PolNeAR JSONL split (`train.jsonl`, `dev.jsonl`).
///
/// # Errors
/// Returns [`QuotesError::Json`] naming the first line that is not an article, and
/// [`QuotesError::Span`] when a span does not fit its text.
pub fn parse_gold(jsonl: &str) -> Result<Vec<GoldDoc>, QuotesError> {
    let mut docs = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if !line.trim_start().starts_with('{') {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(line).map_err(|source| QuotesError::Json {
            line: n + 1,
            what: "PolNeAR article",
            source,
        })?;
        for a in &doc.attributions {
            for s in [Some(&a.content), a.source.as_ref(), a.cue.as_ref()]
                .into_iter()
                .flatten()
            {
                if s.end > doc.text.len() || s.start > s.end {
                    return Err(QuotesError::Span {
                        doc: doc.id.clone(),
                        start: s.start,
                        end: s.end,
                        len: doc.text.len(),
                    });
                }
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// The document part of an extraction record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredDocId {
    /// The document id (the PolNeAR id here).
    pub id: String,
}

/// A byte span in an extraction record.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PredSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An actor of an extraction record, as far as the metric reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredActor {
    /// The actor id quotes refer to.
    pub id: String,
    /// Canonical name.
    #[serde(default)]
    pub entity: Option<String>,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the actor is mentioned.
    #[serde(default)]
    pub mentions: Vec<PredSpan>,
}

/// A quote of an extraction record (SPEC §3), as far as the metric reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredQuote {
    /// First content byte.
    pub start: usize,
    /// One past the last content byte.
    pub end: usize,
    /// The content.
    pub text: String,
    /// Actor id of the speaker.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The speaker as written.
    #[serde(default)]
    pub speaker_text: Option<String>,
    /// First byte of the speaker mention.
    #[serde(default)]
    pub speaker_start: Option<usize>,
    /// One past the last byte of the speaker mention.
    #[serde(default)]
    pub speaker_end: Option<usize>,
    /// Actor code.
    #[serde(default)]
    pub speaker_code: Option<String>,
    /// Reporting word(s).
    #[serde(default)]
    pub cue: Option<String>,
    /// `direct` or `indirect`.
    #[serde(default)]
    pub kind: Option<String>,
}

/// One extraction record with the parts the metric reads: `doc`, `actors`, `quotes`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredRecord {
    /// The document.
    pub doc: PredDocId,
    /// Speakers that pronouns were resolved to.
    #[serde(default)]
    pub actors: Vec<PredActor>,
    /// The quotes.
    #[serde(default)]
    pub quotes: Vec<PredQuote>,
}

/// Runs the extractor on one article (sentences from [`split_sentences`], no hints) and returns
/// its record. A pronoun speaker's antecedent becomes an actor (`entity` = the antecedent as
/// written) that the quote's `speaker` refers to.
pub fn predict(extractor: &mut QuoteExtractor, id: &str, text: &str) -> PredRecord {
    let sentences = split_sentences(text);
    let mut found = Vec::new();
    let hints: [SpeakerHint<'_>; 0] = [];
    extractor.extract(text, &sentences, &hints, &mut found);
    let mut actors: Vec<PredActor> = Vec::new();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let quotes = found
        .iter()
        .map(|q| {
            let r = q.record(text, &hints);
            let speaker = q.antecedent.and_then(|a| a.slice(text)).map(|name| {
                ids.entry(name)
                    .or_insert_with(|| {
                        let id = format!("s{}", actors.len() + 1);
                        actors.push(PredActor {
                            id: id.clone(),
                            entity: Some(name.to_string()),
                            aliases: Vec::new(),
                            mentions: Vec::new(),
                        });
                        id
                    })
                    .clone()
            });
            PredQuote {
                start: r.start as usize,
                end: r.end as usize,
                text: r.text.to_string(),
                speaker,
                speaker_text: r.speaker_text.map(str::to_string),
                speaker_start: r.speaker_start.map(|x| x as usize),
                speaker_end: r.speaker_end.map(|x| x as usize),
                speaker_code: r.speaker_code.map(str::to_string),
                cue: r.cue.map(str::to_string),
                kind: Some(q.kind.as_str().to_string()),
            }
        })
        .collect();
    PredRecord {
        doc: PredDocId { id: id.to_string() },
        actors,
        quotes,
    }
}

/// Reads extraction records, one JSON object per line.
///
/// # Errors
/// Returns [`QuotesError::Json`] naming the first line that is not a record.
pub fn parse_predictions(jsonl: &str) -> Result<Vec<PredRecord>, QuotesError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('{'))
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|source| QuotesError::Json {
                line: n + 1,
                what: "extraction",
                source,
            })
        })
        .collect()
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision over predictions.
    pub p: f64,
    /// Recall over gold contents.
    pub r: f64,
    /// Harmonic mean.
    pub f1: f64,
}

fn prf2(tp_pred: usize, npred: usize, tp_gold: usize, ngold: usize) -> Prf {
    let p = if npred > 0 {
        tp_pred as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp_gold as f64 / ngold as f64
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 {
        super::round4(2.0 * p * r / (p + r))
    } else {
        0.0
    };
    Prf {
        p: super::round4(p),
        r: super::round4(r),
        f1,
    }
}

fn ratio(a: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| super::round4(a as f64 / n as f64))
}

/// Recall and precision for one kind of quote.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindScore {
    /// Gold contents of this kind.
    pub gold: usize,
    /// Share of them found.
    pub recall: Option<f64>,
    /// Predictions of this kind (not ignored).
    pub pred: usize,
    /// Share of those that found a content.
    pub precision: Option<f64>,
}

/// Speaker accuracy in one group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpeakerScore {
    /// Found contents with a gold source in the group.
    pub n: usize,
    /// Share with the right speaker.
    pub acc: Option<f64>,
}

/// Speaker accuracy overall and by group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerScores {
    /// All found contents with a gold source.
    pub all: SpeakerScore,
    /// Direct gold quotes.
    pub direct: SpeakerScore,
    /// Indirect gold quotes.
    pub indirect: SpeakerScore,
    /// Sources with a capitalised name.
    pub named: SpeakerScore,
    /// Pronoun sources.
    pub pronoun: SpeakerScore,
    /// Other sources (`officials`).
    pub other: SpeakerScore,
    /// Found contents whose gold has no source.
    pub matched_without_gold_source: usize,
}

/// The figures `score_polnear.py` prints, under the same names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolnearReport {
    /// Gold articles.
    pub docs: usize,
    /// Gold articles without a prediction record.
    pub docs_missing: usize,
    /// Speech contents (the gold).
    pub gold: usize,
    /// Predicted quotes.
    pub pred: usize,
    /// Predictions ignored because they match a non-speech attribution.
    pub pred_ignored_nonspeech: usize,
    /// Gold contents found.
    pub gold_found: usize,
    /// Predictions assigned to a found content.
    pub pred_correct: usize,
    /// Content detection at ≥ 50% overlap.
    pub overlap50: Prf,
    /// Exact spans after trimming.
    pub strict: Prf,
    /// Direct quotes.
    pub direct: KindScore,
    /// Indirect (reported) speech.
    pub indirect: KindScore,
    /// Share of found contents whose predicted kind is right.
    pub kind_acc_matched: Option<f64>,
    /// Speaker accuracy.
    pub speaker: SpeakerScores,
}

/// A gold content not found, or a prediction that found nothing, or a wrong speaker: offsets
/// into the article, for printing at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// Article id.
    pub doc: String,
    /// Index of the article in the gold list.
    pub doc_index: usize,
    /// Content (gold or predicted) span.
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// `direct` or `indirect`.
    pub kind: &'static str,
    /// The gold source span, when there is one.
    pub source: Option<(usize, usize)>,
    /// The predicted speaker as written, when there is one.
    pub predicted_speaker: Option<String>,
}

/// The errors behind the figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Gold contents not found.
    pub missed: Vec<Miss>,
    /// Predictions that found no content and were not ignored.
    pub false_positives: Vec<Miss>,
    /// Found contents whose speaker is wrong.
    pub wrong_speakers: Vec<Miss>,
}

const QUOTE_CHARS: &str = "\"'\u{201c}\u{201d}\u{2018}\u{2019}\u{ab}\u{bb}";
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "you", "who", "whom", "his", "her", "him", "them",
    "which", "that", "this", "these", "those", "one", "me", "us", "my", "our", "their", "its",
];
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "president",
    "the",
    "a",
    "an",
    "former",
    "jr",
    "sr",
];

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[A-Za-z][\w.'\x{2019}-]*").expect("a valid constant pattern"))
}

fn trim_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | ',' | '.' | ';' | ':') || QUOTE_CHARS.contains(c)
}

/// `trim_span` of the reference scorer.
fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(t) = text.get(s..e) else {
        return (s, e);
    };
    let inner = t.trim_start_matches(trim_char).trim_end_matches(trim_char);
    if inner.is_empty() {
        return (s, s);
    }
    let left = t.len() - t.trim_start_matches(trim_char).len();
    let right = t.len() - t.trim_end_matches(trim_char).len();
    (s + left, e - right)
}

fn parts_of(span: &GoldSpan) -> Vec<(usize, usize)> {
    if span.parts.is_empty() {
        vec![(span.start, span.end)]
    } else {
        span.parts.iter().map(|p| (p.start, p.end)).collect()
    }
}

fn overlap(parts: &[(usize, usize)], s: usize, e: usize) -> usize {
    parts
        .iter()
        .map(|&(a, b)| b.min(e).saturating_sub(a.max(s)))
        .sum()
}

/// Drops a possessive `'s`/`’s` or a final apostrophe.
fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(x) = w.strip_suffix(suffix) {
            return x;
        }
    }
    w
}

fn head_part(src: &str) -> &str {
    src.split([',', '(', '\u{2014}']).next().unwrap_or("")
}

fn is_listed(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

/// The source's surname: the last capitalised word before the first comma.
fn surname(src: &str) -> Option<String> {
    let mut last = None;
    for m in word_re().find_iter(head_part(src)) {
        let w = strip_possessive(m.as_str()).trim_matches('.');
        let lower = w.to_lowercase();
        if w.chars().next().is_some_and(|c| c.is_uppercase())
            && !is_listed(&lower, TITLES)
            && !is_listed(&lower, PRONOUNS)
        {
            last = Some(lower);
        }
    }
    last
}

/// The last word before the first comma, for sources without a capitalised name.
fn head_word(src: &str) -> Option<String> {
    let last = word_re().find_iter(head_part(src)).last()?;
    Some(strip_possessive(&last.as_str().to_lowercase()).to_string())
}

fn is_pronoun(src: &str) -> bool {
    is_listed(&src.trim().to_lowercase(), PRONOUNS)
}

/// Bytes of `parts` covered by the union of `spans`.
fn covered(parts: &[(usize, usize)], spans: &[(usize, usize)]) -> usize {
    let mut tot = 0;
    for &(a, b) in parts {
        let mut iv: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(s, e)| (a.max(s), b.min(e)))
            .filter(|&(x, y)| y > x)
            .collect();
        iv.sort_unstable();
        let mut end = a;
        for (x, y) in iv {
            let x = x.max(end);
            if y > x {
                tot += y - x;
                end = y;
            }
        }
    }
    tot
}

/// The predicted speaker's name words (lower case) and spans.
fn pred_speaker(
    q: &PredQuote,
    actors: &HashMap<&str, &PredActor>,
) -> (Vec<String>, Vec<(usize, usize)>) {
    let mut names: Vec<&str> = Vec::new();
    let mut spans = Vec::new();
    if let Some(t) = &q.speaker_text {
        names.push(t);
    }
    if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
        spans.push((s, e));
    }
    if let Some(sp) = &q.speaker {
        match actors.get(sp.as_str()) {
            Some(a) => {
                if let Some(en) = &a.entity {
                    names.push(en);
                }
                names.extend(a.aliases.iter().map(String::as_str));
                spans.extend(a.mentions.iter().map(|m| (m.start, m.end)));
            }
            None => names.push(sp),
        }
    }
    let mut words = Vec::new();
    for n in names {
        for m in word_re().find_iter(n) {
            words.push(
                strip_possessive(m.as_str())
                    .trim_matches('.')
                    .to_lowercase(),
            );
        }
    }
    (words, spans)
}

#[derive(Default)]
struct Counts {
    gold: usize,
    pred: usize,
    ignored: usize,
    tp_gold: usize,
    tp_pred: usize,
    strict_tp_gold: usize,
    strict_tp_pred: usize,
    pred_kind: [usize; 2],
    tp_pred_kind: [usize; 2],
    gold_kind: [usize; 2],
    tp_gold_kind: [usize; 2],
    kind_ok: usize,
    nosource: usize,
    spk_n: [usize; 6],
    spk_ok: [usize; 6],
    missing: usize,
}

fn kind_index(direct: bool) -> usize {
    usize::from(!direct)
}

/// Scores `preds` against `gold` exactly as `score_polnear.py` does.
pub fn score(gold: &[GoldDoc], preds: &[PredRecord]) -> (PolnearReport, Details) {
    let by_id: HashMap<&str, &PredRecord> = preds.iter().map(|p| (p.doc.id.as_str(), p)).collect();
    let mut c = Counts::default();
    let mut details = Details::default();
    for (doc_index, doc) in gold.iter().enumerate() {
        let text = doc.text.as_str();
        let pred = by_id.get(doc.id.as_str()).copied();
        if pred.is_none() {
            c.missing += 1;
        }
        let actors: HashMap<&str, &PredActor> = pred
            .map(|p| p.actors.iter().map(|a| (a.id.as_str(), a)).collect())
            .unwrap_or_default();
        let pq: Vec<(usize, usize, &PredQuote)> = pred
            .map(|p| {
                p.quotes
                    .iter()
                    .filter(|q| q.end > q.start)
                    .map(|q| (q.start, q.end, q))
                    .collect()
            })
            .unwrap_or_default();
        let golds: Vec<&Attribution> = doc.attributions.iter().filter(|a| a.speech).collect();
        let others: Vec<&Attribution> = doc.attributions.iter().filter(|a| !a.speech).collect();

        let mut sorted: Vec<&Attribution> = doc.attributions.iter().collect();
        sorted.sort_by_key(|a| a.content.start);
        let mut last_named: Option<String> = None;
        let mut antecedent: HashMap<&str, Option<String>> = HashMap::new();
        for a in sorted {
            if let Some(src) = &a.source {
                if !is_pronoun(&src.text) {
                    if let Some(sn) = surname(&src.text) {
                        last_named = Some(sn);
                    }
                } else {
                    antecedent.insert(a.id.as_str(), last_named.clone());
                }
            }
        }

        let gparts: Vec<Vec<(usize, usize)>> = golds.iter().map(|g| parts_of(&g.content)).collect();
        let glen: Vec<usize> = gparts
            .iter()
            .map(|gp| gp.iter().map(|&(x, y)| y - x).sum::<usize>().max(1))
            .collect();
        let mut assign: Vec<Option<usize>> = vec![None; pq.len()];
        for (pi, &(s, e, _)) in pq.iter().enumerate() {
            let mut best = None;
            let mut bov = 0;
            for (gi, gp) in gparts.iter().enumerate() {
                let ov = overlap(gp, s, e);
                if ov > bov {
                    best = Some(gi);
                    bov = ov;
                }
            }
            if let Some(gi) = best
                && (2 * bov >= e - s || 2 * bov >= glen[gi])
            {
                assign[pi] = Some(gi);
            }
        }
        let mut by_gold: Vec<Vec<usize>> = vec![Vec::new(); golds.len()];
        for (pi, a) in assign.iter().enumerate() {
            if let Some(gi) = a {
                by_gold[*gi].push(pi);
            }
        }
        let mut gm: Vec<Option<usize>> = vec![None; golds.len()];
        for (gi, pis) in by_gold.iter().enumerate() {
            if pis.is_empty() {
                continue;
            }
            let spans: Vec<(usize, usize)> = pis.iter().map(|&pi| (pq[pi].0, pq[pi].1)).collect();
            if 2 * covered(&gparts[gi], &spans) >= glen[gi] {
                let mut best = pis[0];
                for &pi in pis {
                    if overlap(&gparts[gi], pq[pi].0, pq[pi].1)
                        > overlap(&gparts[gi], pq[best].0, pq[best].1)
                    {
                        best = pi;
                    }
                }
                gm[gi] = Some(best);
            }
        }
        let pm: Vec<bool> = assign
            .iter()
            .map(|a| a.is_some_and(|gi| gm[gi].is_some()))
            .collect();
        let mut ignored = vec![false; pq.len()];
        for (pi, &(s, e, _)) in pq.iter().enumerate() {
            if assign[pi].is_some() {
                continue;
            }
            for o in &others {
                let op = parts_of(&o.content);
                let ov = overlap(&op, s, e);
                let olen = op.iter().map(|&(x, y)| y - x).sum::<usize>().max(1);
                if 2 * ov >= e - s || 2 * ov >= olen {
                    ignored[pi] = true;
                    break;
                }
            }
        }
        let ptrim: Vec<(usize, usize)> =
            pq.iter().map(|&(s, e, _)| trim_span(text, s, e)).collect();
        let mut strict_pred = vec![false; pq.len()];
        for (gi, g) in golds.iter().enumerate() {
            let whole = trim_span(text, g.content.start, g.content.end);
            let mut parts: Vec<(usize, usize)> = gparts[gi]
                .iter()
                .map(|&(x, y)| trim_span(text, x, y))
                .collect();
            parts.sort_unstable();
            parts.dedup();
            let mine = &by_gold[gi];
            let mut hit: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|&pi| ptrim[pi] == whole)
                .collect();
            if hit.is_empty()
                && parts.len() > 1
                && parts.iter().all(|p| mine.iter().any(|&pi| ptrim[pi] == *p))
            {
                hit = mine
                    .iter()
                    .copied()
                    .filter(|&pi| parts.contains(&ptrim[pi]))
                    .collect();
            }
            if !hit.is_empty() {
                c.strict_tp_gold += 1;
                for pi in hit {
                    strict_pred[pi] = true;
                }
            }
        }
        c.gold += golds.len();
        c.pred += pq.len();
        c.ignored += ignored.iter().filter(|&&x| x).count();
        c.tp_gold += gm.iter().filter(|x| x.is_some()).count();
        c.tp_pred += pm.iter().filter(|&&x| x).count();
        c.strict_tp_pred += strict_pred.iter().filter(|&&x| x).count();
        for (pi, &(s, e, q)) in pq.iter().enumerate() {
            if ignored[pi] {
                continue;
            }
            let direct = q
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("direct"));
            c.pred_kind[kind_index(direct)] += 1;
            if pm[pi] {
                c.tp_pred_kind[kind_index(direct)] += 1;
            } else {
                details.false_positives.push(Miss {
                    doc: doc.id.clone(),
                    doc_index,
                    start: s,
                    end: e,
                    kind: if direct { "direct" } else { "indirect" },
                    source: None,
                    predicted_speaker: q.speaker_text.clone(),
                });
            }
        }
        for (gi, g) in golds.iter().enumerate() {
            let k = kind_index(g.direct);
            let kind = if g.direct { "direct" } else { "indirect" };
            c.gold_kind[k] += 1;
            let Some(pi) = gm[gi] else {
                details.missed.push(Miss {
                    doc: doc.id.clone(),
                    doc_index,
                    start: g.content.start,
                    end: g.content.end,
                    kind,
                    source: g.source.as_ref().map(|s| (s.start, s.end)),
                    predicted_speaker: None,
                });
                continue;
            };
            c.tp_gold_kind[k] += 1;
            let q = pq[pi].2;
            if q.kind.as_deref().unwrap_or("").to_lowercase() == kind {
                c.kind_ok += 1;
            }
            let Some(src) = &g.source else {
                c.nosource += 1;
                continue;
            };
            let (words, spans) = pred_speaker(q, &actors);
            let sp_parts = parts_of(src);
            let mut ok = spans.iter().any(|&(x, y)| overlap(&sp_parts, x, y) > 0);
            let pron = is_pronoun(&src.text);
            let sn = if pron {
                antecedent.get(g.id.as_str()).cloned().flatten()
            } else {
                surname(&src.text).or_else(|| head_word(&src.text))
            };
            if !ok && let Some(sn) = sn {
                ok = words.contains(&sn);
            }
            let grp = if pron {
                4
            } else if surname(&src.text).is_some() {
                3
            } else {
                5
            };
            for key in [0, 1 + k, grp] {
                c.spk_n[key] += 1;
                c.spk_ok[key] += usize::from(ok);
            }
            if !ok {
                details.wrong_speakers.push(Miss {
                    doc: doc.id.clone(),
                    doc_index,
                    start: g.content.start,
                    end: g.content.end,
                    kind,
                    source: Some((src.start, src.end)),
                    predicted_speaker: q.speaker_text.clone(),
                });
            }
        }
    }
    let npred = c.pred - c.ignored;
    let spk = |i: usize| SpeakerScore {
        n: c.spk_n[i],
        acc: ratio(c.spk_ok[i], c.spk_n[i]),
    };
    let kind = |i: usize| KindScore {
        gold: c.gold_kind[i],
        recall: ratio(c.tp_gold_kind[i], c.gold_kind[i]),
        pred: c.pred_kind[i],
        precision: ratio(c.tp_pred_kind[i], c.pred_kind[i]),
    };
    let report = PolnearReport {
        docs: gold.len(),
        docs_missing: c.missing,
        gold: c.gold,
        pred: c.pred,
        pred_ignored_nonspeech: c.ignored,
        gold_found: c.tp_gold,
        pred_correct: c.tp_pred,
        overlap50: prf2(c.tp_pred, npred, c.tp_gold, c.gold),
        strict: prf2(c.strict_tp_pred, npred, c.strict_tp_gold, c.gold),
        direct: kind(0),
        indirect: kind(1),
        kind_acc_matched: ratio(c.kind_ok, c.tp_gold),
        speaker: SpeakerScores {
            all: spk(0),
            direct: spk(1),
            indirect: spk(2),
            named: spk(3),
            pronoun: spk(4),
            other: spk(5),
            matched_without_gold_source: c.nosource,
        },
    };
    (report, details)
}

/// Extracts every article of `gold` and scores the result: the figures of `eval polnear`.
pub fn evaluate(gold: &[GoldDoc]) -> (Vec<PredRecord>, PolnearReport, Details) {
    let mut extractor = QuoteExtractor::new();
    let preds: Vec<PredRecord> = gold
        .iter()
        .map(|d| predict(&mut extractor, &d.id, &d.text))
        .collect();
    let (report, details) = score(gold, &preds);
    (preds, report, details)
}

/// Kind of a gold attribution as the metric names it.
pub fn gold_kind(a: &Attribution) -> QuoteKind {
    if a.direct {
        QuoteKind::Direct
    } else {
        QuoteKind::Indirect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_rules() {
        assert_eq!(
            surname("Sen. Ted Cruz, a Texas Republican").as_deref(),
            Some("cruz")
        );
        assert_eq!(
            surname("Clinton\u{2019}s campaign").as_deref(),
            Some("clinton")
        );
        assert_eq!(surname("the officials"), None);
        assert_eq!(head_word("the officials").as_deref(), Some("officials"));
    }

    #[test]
    fn trimming_drops_marks_and_punctuation() {
        let text = "x \u{201c}We agree,\u{201d} y";
        let s = text.find('\u{201c}').unwrap_or(0);
        let e = text.find(" y").unwrap_or(0);
        let (a, b) = trim_span(text, s, e);
        assert_eq!(&text[a..b], "We agree");
        assert_eq!(trim_span(text, s, s + 3), (s, s));
    }

    #[test]
    fn covered_counts_union_once() {
        assert_eq!(covered(&[(0, 10)], &[(0, 4), (2, 6), (8, 20)]), 8);
    }
}
