//! Direct and reported speech with speakers, fast and parser-free.
//!
//! [`extract_quotes`] takes a document's text, its sentence spans and optional actor mentions
//! ([`SpeakerHint`]) and returns every [`Quote`]: quoted content (`“…,” she said`) and reported
//! clauses (`X said (that) …`, `according to X, …`), each with the speaker as written, the
//! reporting cue and, for pronouns, the named speaker it most likely refers to. Spans are UTF-8
//! byte offsets into the text, end exclusive (SPEC §2), and cover the content only, without
//! quotation marks (SPEC §3).
//!
//! What counts (shared/corpus/ANNOTATION.md): every quotation in marks with a speaker the text
//! gives, and every reported clause after a reporting cue. A short quoted phrase (three words
//! or fewer, no sentence inside) counts only when a cue in its sentence attributes it
//! (`calling them a “good start”`); unattributed scare quotes and titles (`on “Meet the
//! Press”`) do not. A comma before the closing mark is left out of the content. A report
//! nested in another (`X said Y insisted …`) is one quote of the outer speaker, as PolNeAR
//! annotates it. Speaker phrases keep their post-modifiers (`a diplomat from an EU member
//! state`, `officials in Berlin`, `two people who took part`); a relative pronoun speaker
//! (`X, who told reporters …`) stays the pronoun as written, with the phrase it stands for as
//! its antecedent.
//!
//! How it works, in one pass each: quotation marks are paired into quoted stretches
//! (`scan`), the text is cut into tokens that remember their quote and sentence, every reporting
//! word outside quotes becomes a *frame* with its speaker phrase (`speech`), and quotes and
//! reported clauses are read off the frames. There is no parser and no per-token allocation;
//! the cue table is built once. [`eval`] scores the output on PolNeAR and on the seed articles.
//!
//! ```
//! let text = "\u{201c}We came to listen,\u{201d} Araghchi told reporters. Officials said talks would resume.";
//! let sentences = quotes::split_sentences(text);
//! let found = quotes::extract_quotes(text, &sentences, &[]);
//! let got: Vec<(&str, &str)> = found
//!     .iter()
//!     .map(|q| (q.span.slice(text).unwrap_or(""), q.speaker.and_then(|s| s.slice(text)).unwrap_or("")))
//!     .collect();
//! assert_eq!(got, [("We came to listen", "Araghchi"), ("talks would resume", "Officials")]);
//! ```

#![deny(missing_docs)]

mod error;
pub mod eval;
mod lexicon;
mod scan;
mod sentences;
mod speech;

#[cfg(test)]
mod tests;

use model::Span;
use serde::Serialize;

pub use error::QuotesError;
pub use sentences::split_sentences;

/// An actor mention found by another stage (e.g. the actor dictionary), offered as a possible
/// speaker: a quote whose speaker phrase overlaps it, or whose pronoun speaker refers back to
/// it, takes its code and entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerHint<'a> {
    /// Byte span of the mention in the document text.
    pub span: Span,
    /// Actor code (`IRNGOV`), when known.
    pub code: Option<&'a str>,
    /// Canonical name of the person or body (`Abbas Araghchi`), when known.
    pub entity: Option<&'a str>,
}

/// Direct (in quotation marks) or indirect (reported) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// A reported clause (`X said that …`).
    Indirect,
}

impl QuoteKind {
    /// `"direct"` or `"indirect"`, as in the JSONL record.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One quote: content, speaker and cue as byte spans into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The quoted or reported content, without quotation marks. A direct quote that runs over
    /// paragraphs (news convention: each paragraph reopens the quote) is one span.
    pub span: Span,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker as written (`Araghchi`, `the official`, `he`), when the text names one.
    pub speaker: Option<Span>,
    /// The reporting word(s) (`said`, `told`, `according to`).
    pub cue: Option<Span>,
    /// For a pronoun speaker: the nearest earlier named speaker it most likely refers to; for
    /// a relative pronoun (`X, who said`), the phrase it stands for.
    pub antecedent: Option<Span>,
    /// Index into the hints of the actor mention the speaker (or its antecedent) matches.
    pub hint: Option<usize>,
}

/// A quote in the shape of the SPEC §3 `quotes` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRecord<'a> {
    /// First content byte.
    pub start: u32,
    /// One past the last content byte.
    pub end: u32,
    /// The content.
    pub text: &'a str,
    /// The actor id; this crate knows no ids, so it is `null` until a later stage links actors.
    pub speaker: Option<&'a str>,
    /// The speaker mention as written.
    pub speaker_text: Option<&'a str>,
    /// First byte of the speaker mention.
    pub speaker_start: Option<u32>,
    /// One past the last byte of the speaker mention.
    pub speaker_end: Option<u32>,
    /// The actor code from the matching hint.
    pub speaker_code: Option<&'a str>,
    /// The reporting word(s).
    pub cue: Option<&'a str>,
    /// `direct` or `indirect`.
    pub kind: QuoteKind,
}

impl Quote {
    /// The SPEC §3 record of this quote over `text` (the text it was extracted from) and the
    /// hints given to the extractor.
    pub fn record<'a>(&self, text: &'a str, hints: &[SpeakerHint<'a>]) -> QuoteRecord<'a> {
        QuoteRecord {
            start: self.span.start(),
            end: self.span.end(),
            text: self.span.slice(text).unwrap_or(""),
            speaker: None,
            speaker_text: self.speaker.and_then(|s| s.slice(text)),
            speaker_start: self.speaker.map(Span::start),
            speaker_end: self.speaker.map(Span::end),
            speaker_code: self.hint.and_then(|h| hints.get(h)).and_then(|h| h.code),
            cue: self.cue.and_then(|s| s.slice(text)),
            kind: self.kind,
        }
    }

    /// The best name for the speaker: the hint's entity, else the pronoun's antecedent as
    /// written, else the speaker as written.
    pub fn speaker_name<'a>(&self, text: &'a str, hints: &[SpeakerHint<'a>]) -> Option<&'a str> {
        self.hint
            .and_then(|h| hints.get(h))
            .and_then(|h| h.entity)
            .or_else(|| self.antecedent.and_then(|s| s.slice(text)))
            .or_else(|| self.speaker.and_then(|s| s.slice(text)))
    }
}

/// Reusable buffers for [`QuoteExtractor::extract`], so that a worker extracting many
/// documents allocates once.
#[derive(Debug, Default)]
pub struct QuoteExtractor {
    quoted: Vec<scan::Quoted>,
    marks: Vec<scan::Mark>,
    toks: Vec<scan::Tok>,
    frames: Vec<speech::Frame>,
    bounds: Vec<(u32, u32)>,
    found: Vec<speech::Found>,
    fallback: Vec<Span>,
}

impl QuoteExtractor {
    /// Empty buffers; the cue table itself is shared and built on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the quotes of `text` to `out`, in order of their content start. `sentences` are
    /// the document's sentence spans in order (empty: this crate's [`split_sentences`] is
    /// used); `hints` are actor mentions in any order. Runs in time linear in the text for
    /// a bounded number of reporting words per sentence.
    pub fn extract(
        &mut self,
        text: &str,
        sentences: &[Span],
        hints: &[SpeakerHint<'_>],
        out: &mut Vec<Quote>,
    ) {
        let sentences = if sentences.is_empty() {
            self.fallback = split_sentences(text);
            &self.fallback[..]
        } else {
            sentences
        };
        scan::direct_quotes(text, &mut self.quoted, &mut self.marks);
        scan::tokenize(text, &self.marks, &self.quoted, sentences, &mut self.toks);
        speech::sentence_bounds(&self.toks, &mut self.bounds);
        let cx = speech::Ctx {
            text,
            toks: &self.toks,
            bounds: &self.bounds,
        };
        speech::frames(&cx, &mut self.frames);
        self.found.clear();
        speech::direct(&cx, &self.frames, &self.quoted, &mut self.found);
        speech::indirect(&cx, &self.frames, &self.quoted, &mut self.found);
        self.found.sort_by_key(|f| (f.start, f.end, !f.direct));
        self.found.dedup_by_key(|f| (f.start, f.end));

        let first = out.len();
        for f in &self.found {
            let Ok(span) = Span::within(text, f.start, f.end) else {
                continue;
            };
            let tok_span = |a: usize, b: usize| {
                let (s, e) = (self.toks[a].s as usize, self.toks[b].e as usize);
                Span::within(text, s, e).ok()
            };
            let speaker = f
                .frame
                .and_then(|fr| fr.speaker)
                .and_then(|(a, b)| tok_span(a, b));
            let cue = f.frame.and_then(|fr| tok_span(fr.cue.0, fr.cue.1));
            let antecedent = f
                .frame
                .and_then(|fr| fr.relative)
                .and_then(|(a, b)| tok_span(a, b));
            out.push(Quote {
                span,
                kind: if f.direct {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Indirect
                },
                speaker,
                cue,
                antecedent,
                hint: None,
            });
        }
        resolve(text, &self.toks, hints, &mut out[first..]);
    }
}

/// Finds the quotes of `text`; see [`QuoteExtractor::extract`].
pub fn extract_quotes(text: &str, sentences: &[Span], hints: &[SpeakerHint<'_>]) -> Vec<Quote> {
    let mut out = Vec::new();
    QuoteExtractor::new().extract(text, sentences, hints, &mut out);
    out
}

/// Words that may start a speaker phrase without making it a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "officials",
    "official",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "mr",
    "mrs",
    "ms",
    "dr",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aides",
    "aide",
    "sources",
    "state",
    "department",
    "white",
    "house",
    "campaign",
    "but",
    "and",
    "in",
    "after",
    "when",
    "some",
    "many",
    "democrats",
    "republicans",
    "critics",
    "supporters",
    "experts",
    "analysts",
];

/// True when the speaker phrase holds a capitalised word that is not a title or function word
/// (`Hillary Clinton`, `Araghchi`), i.e. it names someone a pronoun can refer back to.
fn is_named(text: &str, toks: &[scan::Tok], span: Span) -> bool {
    let (s, e) = (span.start(), span.end());
    let a = toks.partition_point(|t| t.s < s);
    toks[a..].iter().take_while(|t| t.e <= e).any(|t| {
        let w = &text[t.s as usize..t.e as usize];
        t.kind == scan::Kind::Upper
            && !lexicon::is_one_of(w.trim_end_matches('.'), NOT_NAMES)
            && !lexicon::is_one_of(w, lexicon::PRONOUNS)
    })
}

/// Head nouns of institutions: a name ending in one of them (`International Atomic Energy
/// Agency`, `Supreme National Security Council`) names a body, not a person.
const BODY_HEADS: &[&str] = &[
    "agency",
    "council",
    "ministry",
    "department",
    "organization",
    "organisation",
    "union",
    "committee",
    "bank",
    "court",
    "fund",
    "office",
    "treasury",
    "nations",
    "commission",
    "parliament",
    "assembly",
    "government",
    "army",
    "forces",
    "guard",
    "corps",
    "party",
    "movement",
    "front",
    "league",
    "alliance",
    "company",
    "corporation",
    "authority",
    "administration",
    "cabinet",
    "senate",
    "congress",
    "institute",
    "association",
    "group",
    "board",
    "service",
    "police",
    "court",
    "tribunal",
    "secretariat",
    "mission",
    "embassy",
];

/// True when `entity` names a body (its last word is an institution's head noun).
fn names_a_body(entity: &str) -> bool {
    entity
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| lexicon::is_one_of(w, BODY_HEADS))
}

fn is_pronoun(text: &str, span: Span) -> bool {
    span.slice(text)
        .is_some_and(|w| lexicon::is_one_of(w, lexicon::PRONOUNS))
}

/// Links speakers to hints and pronouns to the nearest earlier named speaker, in document order
/// of the speaker mentions.
fn resolve(text: &str, toks: &[scan::Tok], hints: &[SpeakerHint<'_>], quotes: &mut [Quote]) {
    let mut by_start: Vec<usize> = (0..hints.len()).collect();
    by_start.sort_by_key(|&h| hints[h].span.start());
    let overlapping = |span: Span| {
        // Hints overlapping the span: the first that names someone (an entity), else the
        // first; the head of a speaker phrase comes first (`Vice Minister Tang Wei, who
        // headed the Chinese team`).
        let upto = by_start.partition_point(|&h| hints[h].span.start() < span.end());
        let from = by_start[..upto].partition_point(|&h| hints[h].span.end() <= span.start());
        let inside = by_start[from..upto]
            .iter()
            .copied()
            .filter(|&h| span.start() < hints[h].span.end());
        inside
            .clone()
            .find(|&h| hints[h].entity.is_some())
            .or_else(|| inside.clone().next())
    };
    let sentence_of = |at: u32| {
        let k = toks.partition_point(|t| t.e <= at);
        toks.get(k).map_or(u32::MAX, |t| t.sentence)
    };
    let mut order: Vec<usize> = (0..quotes.len())
        .filter(|&i| quotes[i].speaker.is_some())
        .collect();
    order.sort_by_key(|&i| quotes[i].speaker.map(Span::start));
    let mut by_end: Vec<usize> = (0..hints.len())
        .filter(|&h| hints[h].entity.is_some())
        .collect();
    by_end.sort_by_key(|&h| hints[h].span.end());
    // "he" and "she" refer back to people, never to a body such as an agency or a ministry.
    let people: Vec<usize> = by_end
        .iter()
        .copied()
        .filter(|&h| !hints[h].entity.is_some_and(names_a_body))
        .collect();
    let mut last_named: Option<Span> = None;
    for i in order {
        let Some(sp) = quotes[i].speaker else {
            continue;
        };
        if is_pronoun(text, sp) {
            // A relative pronoun (`X, who said`) stands for the phrase before it.
            if let Some(rel) = quotes[i].antecedent {
                quotes[i].hint = overlapping(rel);
                if is_named(text, toks, rel) {
                    last_named = Some(rel);
                }
                continue;
            }
            let personal = sp
                .slice(text)
                .is_some_and(|w| lexicon::is_one_of(w, &["he", "she"]));
            let candidates = if personal { &people } else { &by_end };
            let before = candidates.partition_point(|&h| hints[h].span.end() <= sp.start());
            let hint_before = before
                .checked_sub(1)
                .map(|k| (candidates[k], &hints[candidates[k]]));
            quotes[i].antecedent = last_named;
            // The speaker named last is the likeliest antecedent when it spoke in this
            // sentence or the one before (a subject stays the topic); otherwise a person
            // named after it is.
            let recent = last_named.is_some_and(|n| {
                sentence_of(n.start()).saturating_add(1) >= sentence_of(sp.start())
            });
            quotes[i].hint = match (last_named, hint_before) {
                (Some(n), _) if recent && overlapping(n).is_some() => overlapping(n),
                (Some(n), Some((hi, h))) if h.span.end() > n.end() => Some(hi),
                (Some(n), _) => overlapping(n),
                (None, Some((hi, _))) => Some(hi),
                (None, None) => None,
            };
        } else {
            quotes[i].hint = overlapping(sp);
            if is_named(text, toks, sp) {
                last_named = Some(sp);
            }
        }
    }
}
