//! A document prepared once for analysis: folded text, sentences and paragraphs, actor
//! mentions, quotes and times as folded ranges. Positions and claims both read it.

use std::ops::Range;

use model::record::Record;
use model::{DocId, Document, Evidence, Span};

use crate::text::Folded;

/// One document with its extraction record, the input of every analysis.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The stored document: text and metadata.
    pub document: &'a Document,
    /// Its extraction record: sentences, actors, times, quotes, events (positions and claims
    /// in it are ignored).
    pub record: &'a Record,
}

impl Input<'_> {
    /// The document's date: publication date, else the date inferred from the text.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.document.published.or(self.document.inferred_date)
    }

    /// The story this document belongs to: the document it duplicates, else itself.
    pub fn story(&self) -> &DocId {
        self.document
            .duplicate_of
            .as_ref()
            .unwrap_or(&self.document.id)
    }
}

/// An actor mention with its party.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Folded range.
    pub range: Range<usize>,
    /// Country (or IGO) code the actor speaks for.
    pub country: String,
    /// Full actor code.
    pub code: String,
    /// Named person or body.
    pub entity: Option<String>,
    /// The actor is a person (has a role, or a name that is not an organisation's): "he"
    /// and "she" can stand for it.
    pub person: bool,
}

/// Words that make a name an organisation's, not a person's.
const ORG_WORDS: &[&str] = &[
    "union",
    "nations",
    "alliance",
    "committee",
    "army",
    "council",
    "commission",
    "organization",
    "organisation",
    "department",
    "ministry",
    "front",
    "party",
    "court",
    "bank",
    "agency",
    "office",
    "forces",
    "community",
    "movement",
    "group",
    "government",
    "house",
    "cross",
    "fund",
    "league",
    "states",
];

/// True when an actor record reads as a person.
fn is_person(role: Option<&str>, entity: Option<&str>) -> bool {
    if role.is_some() {
        return true;
    }
    entity.is_some_and(|e| {
        let words: Vec<&str> = e.split_whitespace().collect();
        words.len() >= 2
            && words.len() <= 4
            && !words
                .iter()
                .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3)
    })
}

/// A quote as folded ranges.
#[derive(Debug, Clone)]
pub struct QuoteView {
    /// Folded range of the content.
    pub range: Range<usize>,
    /// Country the speaker speaks for.
    pub country: Option<String>,
    /// Speaker's actor code.
    pub code: Option<String>,
    /// Speaker's name as written.
    pub person: Option<String>,
    /// In quotation marks (not reported speech).
    pub direct: bool,
}

/// A time expression as a folded range.
#[derive(Debug, Clone)]
pub struct TimeView {
    /// Folded range.
    pub range: Range<usize>,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A prepared document.
pub struct View<'a> {
    /// The input.
    pub input: Input<'a>,
    /// Folded text.
    pub folded: Folded,
    /// Sentences: folded ranges.
    pub sentences: Vec<Range<usize>>,
    /// Sentences: original spans.
    pub spans: Vec<Span>,
    /// Paragraph number of each sentence.
    pub paragraph: Vec<usize>,
    /// Actor mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Quotes, in text order.
    pub quotes: Vec<QuoteView>,
    /// Times, in text order.
    pub times: Vec<TimeView>,
}

/// Country code an actor code speaks for: `IRNGOV` → `IRN`; IGO codes stay whole.
pub fn country_of(code: &str, country: Option<&str>) -> Option<String> {
    if let Some(c) = country
        && c.len() >= 3
        && c.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Some(if c == "IGO" {
            code.to_owned()
        } else {
            c.to_owned()
        });
    }
    if code.starts_with("IGO") {
        return Some(code.to_owned());
    }
    let head = code.get(..3)?;
    head.bytes()
        .all(|b| b.is_ascii_uppercase())
        .then(|| head.to_owned())
}

impl<'a> View<'a> {
    /// Prepares a document. Spans that do not fit the text are dropped.
    pub fn new(input: Input<'a>) -> View<'a> {
        let text = &input.document.text;
        let folded = Folded::new(text);
        let len = text.len() as u32;
        let ok = |a: u32, b: u32| {
            a < b
                && b <= len
                && text.is_char_boundary(a as usize)
                && text.is_char_boundary(b as usize)
        };
        let mut sentences = Vec::new();
        let mut spans = Vec::new();
        let mut paragraph = Vec::new();
        let mut para = 0usize;
        let mut last_end = 0usize;
        for s in &input.record.sentences {
            if !ok(s.start, s.end) || (s.start as usize) < last_end {
                continue;
            }
            let Ok(span) = Span::new(s.start, s.end) else {
                continue;
            };
            if text.as_bytes()[last_end..s.start as usize].contains(&b'\n') {
                para += 1;
            }
            last_end = s.end as usize;
            sentences.push(folded.range(s.start, s.end));
            spans.push(span);
            paragraph.push(para);
        }
        let mut mentions = Vec::new();
        for a in &input.record.actors {
            let Some(country) = country_of(&a.code, a.country.as_deref()) else {
                continue;
            };
            let person = is_person(a.role.as_deref(), a.entity.as_deref());
            for m in &a.mentions {
                if !ok(m.start, m.end) {
                    continue;
                }
                mentions.push(Mention {
                    range: folded.range(m.start, m.end),
                    country: country.clone(),
                    code: a.code.clone(),
                    entity: a.entity.clone(),
                    person,
                });
            }
        }
        mentions.sort_by_key(|m| m.range.start);
        let mut quotes: Vec<QuoteView> = input
            .record
            .quotes
            .iter()
            .filter(|q| ok(q.start, q.end))
            .map(|q| {
                let entity = q.speaker.as_ref().and_then(|id| {
                    input
                        .record
                        .actors
                        .iter()
                        .find(|a| &a.id == id)
                        .and_then(|a| a.entity.clone())
                });
                QuoteView {
                    range: folded.range(q.start, q.end),
                    country: q.speaker_code.as_deref().and_then(|c| country_of(c, None)),
                    code: q.speaker_code.clone(),
                    person: entity.or_else(|| q.speaker_text.clone()),
                    direct: q.kind == "direct",
                }
            })
            .collect();
        quotes.sort_by_key(|q| q.range.start);
        let mut times: Vec<TimeView> = input
            .record
            .times
            .iter()
            .filter(|t| ok(t.start, t.end))
            .map(|t| TimeView {
                range: folded.range(t.start, t.end),
                kind: t.kind.clone(),
                value: t.value.clone(),
            })
            .collect();
        times.sort_by_key(|t| t.range.start);
        View {
            input,
            folded,
            sentences,
            spans,
            paragraph,
            mentions,
            quotes,
            times,
        }
    }

    /// Adds mentions found by the analysis itself (party nouns such as "the government"),
    /// each only where no actor mention of the record overlaps it.
    pub fn add_mentions(&mut self, extra: Vec<Mention>) {
        if extra.is_empty() {
            return;
        }
        for m in extra {
            let overlaps = self
                .mentions
                .iter()
                .any(|o| o.range.start < m.range.end && m.range.start < o.range.end);
            if !overlaps {
                self.mentions.push(m);
            }
        }
        self.mentions.sort_by_key(|m| m.range.start);
    }

    /// Evidence for sentence `i`.
    pub fn evidence(&self, i: usize) -> Evidence {
        Evidence {
            doc: self.input.document.id.clone(),
            span: self.spans[i],
        }
    }

    /// Original text of a folded range.
    pub fn original(&self, r: Range<usize>) -> &str {
        let a = self.folded.orig(r.start);
        let b = self.folded.orig(r.end).max(a);
        self.input.document.text.get(a..b).unwrap_or("")
    }

    /// Mentions inside a folded range.
    pub fn mentions_in(&self, r: Range<usize>) -> impl Iterator<Item = &Mention> {
        let lo = self.mentions.partition_point(|m| m.range.start < r.start);
        self.mentions[lo..]
            .iter()
            .take_while(move |m| m.range.start < r.end)
    }

    /// Times inside a folded range.
    pub fn times_in(&self, r: Range<usize>) -> impl Iterator<Item = &TimeView> {
        let lo = self.times.partition_point(|t| t.range.start < r.start);
        self.times[lo..]
            .iter()
            .take_while(move |t| t.range.start < r.end)
    }

    /// The quote containing a folded offset.
    pub fn quote_at(&self, pos: usize) -> Option<&QuoteView> {
        self.quotes
            .iter()
            .find(|q| q.range.start <= pos && pos < q.range.end)
    }

    /// Document date as `YYYY-MM-DD`.
    pub fn date_string(&self) -> Option<String> {
        self.input.date().map(|d| d.to_string())
    }
}
