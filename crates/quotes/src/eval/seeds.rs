//! Quote recall and speaker accuracy on the hand-annotated seed articles
//! (`shared/corpus/seeds-gold/*.json`, format in `shared/corpus/ANNOTATION.md`).
//!
//! A gold quote is found when a predicted quote's text contains the gold text (the shortest
//! such prediction is the match). Its speaker is right when a word of the predicted speaker
//! (the hint's entity, the pronoun's antecedent or the mention as written) is the last word
//! of the gold speaker or of one of the gold actor's names, or when the actor codes agree.

use serde::{Deserialize, Serialize};

use crate::{Quote, QuoteExtractor, QuotesError, SpeakerHint, split_sentences};

#[derive(Debug, Deserialize)]
struct GoldFile {
    #[serde(default)]
    actors: Vec<GoldActor>,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldActor {
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    text: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_code: Option<String>,
}

/// One seed article: its id, the stored text (SPEC §2) and its gold file's contents.
#[derive(Debug, Clone, Copy)]
pub struct SeedDoc<'a> {
    /// Document id (the file stem).
    pub id: &'a str,
    /// The stored text: the file with a leading ` date YYYY-MM-DD` marker removed.
    pub text: &'a str,
    /// The gold JSON.
    pub gold: &'a str,
}

/// A gold quote the extractor missed or gave the wrong speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedMiss {
    /// Document id.
    pub doc: String,
    /// The gold quote text.
    pub text: String,
    /// The gold speaker.
    pub speaker: Option<String>,
    /// The predicted speaker, when the quote was found.
    pub predicted: Option<String>,
}

/// Figures on the seeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedsReport {
    /// Gold quotes.
    pub quotes: usize,
    /// Gold quotes found.
    pub found: usize,
    /// `found / quotes`.
    pub recall: f64,
    /// Found quotes with a gold speaker.
    pub speaker_n: usize,
    /// Of those, with the right speaker.
    pub speaker_ok: usize,
    /// `speaker_ok / speaker_n`.
    pub speaker_acc: f64,
    /// Quotes missed or with a wrong speaker.
    pub errors: Vec<SeedMiss>,
}

/// The stored text of a `.txt` seed: the file minus a leading ` date YYYY-MM-DD` marker and
/// the white space after it (SPEC §2).
pub fn stored_text(file: &str) -> &str {
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    let Some(rest) = file.strip_prefix(" date ") else {
        return file;
    };
    let date = rest.get(..10).unwrap_or("");
    let ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok { rest[10..].trim_start() } else { file }
}

fn last_word(s: &str) -> Option<String> {
    let w = s
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'))
        .rfind(|w| !w.is_empty())?;
    let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    Some(w.to_lowercase())
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .to_lowercase()
        })
}

/// Extracts every seed (with the crate's sentence splitter and the given hints per document)
/// and scores the quotes.
///
/// # Errors
/// Returns [`QuotesError::Gold`] when a gold file is not valid JSON of the annotation format.
pub fn score_seeds(
    docs: &[SeedDoc<'_>],
    hints: &[&[SpeakerHint<'_>]],
) -> Result<SeedsReport, QuotesError> {
    let mut extractor = QuoteExtractor::new();
    let mut rep = SeedsReport {
        quotes: 0,
        found: 0,
        recall: 0.0,
        speaker_n: 0,
        speaker_ok: 0,
        speaker_acc: 0.0,
        errors: Vec::new(),
    };
    for (n, doc) in docs.iter().enumerate() {
        let gold: GoldFile =
            serde_json::from_str(doc.gold).map_err(|source| QuotesError::Gold {
                doc: doc.id.to_string(),
                source,
            })?;
        let doc_hints = hints.get(n).copied().unwrap_or(&[]);
        let mut found: Vec<Quote> = Vec::new();
        extractor.extract(doc.text, &split_sentences(doc.text), doc_hints, &mut found);
        for g in &gold.quotes {
            rep.quotes += 1;
            let best = found
                .iter()
                .filter(|q| {
                    q.span
                        .slice(doc.text)
                        .is_some_and(|t| t.contains(g.text.as_str()))
                })
                .min_by_key(|q| q.span.len());
            let Some(q) = best else {
                rep.errors.push(SeedMiss {
                    doc: doc.id.to_string(),
                    text: g.text.clone(),
                    speaker: g.speaker.clone(),
                    predicted: None,
                });
                continue;
            };
            rep.found += 1;
            let Some(speaker) = &g.speaker else { continue };
            rep.speaker_n += 1;
            let mut want: Vec<String> = last_word(speaker).into_iter().collect();
            for a in gold
                .actors
                .iter()
                .filter(|a| a.entity.as_deref() == Some(speaker.as_str()))
            {
                want.extend(a.names.iter().filter_map(|n| last_word(n)));
            }
            let code = q.hint.and_then(|h| doc_hints.get(h)).and_then(|h| h.code);
            let name = q.speaker_name(doc.text, doc_hints);
            let written = q.speaker.and_then(|s| s.slice(doc.text));
            let ok = (code.is_some() && code == g.speaker_code.as_deref())
                || [name, written]
                    .into_iter()
                    .flatten()
                    .flat_map(words)
                    .any(|w| want.contains(&w));
            if ok {
                rep.speaker_ok += 1;
            } else {
                rep.errors.push(SeedMiss {
                    doc: doc.id.to_string(),
                    text: g.text.clone(),
                    speaker: Some(speaker.clone()),
                    predicted: name.map(str::to_string),
                });
            }
        }
    }
    rep.recall = if rep.quotes > 0 {
        super::round4(rep.found as f64 / rep.quotes as f64)
    } else {
        0.0
    };
    rep.speaker_acc = if rep.speaker_n > 0 {
        super::round4(rep.speaker_ok as f64 / rep.speaker_n as f64)
    } else {
        0.0
    };
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_is_removed() {
        assert_eq!(
            stored_text(" date 2026-02-05 In Muscat, talks."),
            "In Muscat, talks."
        );
        assert_eq!(stored_text("No marker here."), "No marker here.");
        assert_eq!(stored_text(" date 2026-2-5 x"), " date 2026-2-5 x");
    }
}
