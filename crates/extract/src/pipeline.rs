//! The extraction stage end to end: a document in, its SPEC §3 record out (sentences, actors,
//! times, quotes, and the events coded from them by the `coder` crate). Positions and claims
//! are added by later stages.

use std::borrow::Cow;

use actors::{ActorDictionary, Mention, MentionKind};
use coder::{ActorMention, Coder};
use model::Document;
use model::record::{
    ActorRecord, ActorRef, ByteRange, EventRecord, QuoteRecord, Record, RecordDoc, TimeRecord,
};
use quotes::{QuoteExtractor, SpeakerHint};

use crate::{TimeExtractor, split_sentences};

/// The extractor and dictionary versions written into every record (`doc.extractor`), so
/// that records made by older rules or dictionaries can be found and re-made: the crate
/// version, the actor dictionary's version and the verb dictionary's.
pub fn extractor_version() -> String {
    format!(
        "{}+{}+{}",
        env!("CARGO_PKG_VERSION"),
        actors::dictionary_version(),
        coder::dictionary_version()
    )
}

/// Everything the stage needs, built once and shared by reference across threads.
pub struct Pipeline {
    times: TimeExtractor,
    actors: Cow<'static, ActorDictionary>,
    coder: &'static Coder,
    version: String,
}

impl Pipeline {
    /// A pipeline with the built-in actor dictionary (built once per process).
    pub fn new() -> Pipeline {
        Pipeline::build(Cow::Borrowed(ActorDictionary::builtin()), "")
    }

    /// A pipeline with a given actor dictionary (for example one extended by the user);
    /// `tag` names the extension in the version string (e.g. a hash of the user's file).
    pub fn with_actors(actors: ActorDictionary, tag: &str) -> Pipeline {
        Pipeline::build(Cow::Owned(actors), tag)
    }

    fn build(actors: Cow<'static, ActorDictionary>, tag: &str) -> Pipeline {
        let mut version = extractor_version();
        if !tag.is_empty() {
            version.push('+');
            version.push_str(tag);
        }
        Pipeline {
            times: TimeExtractor::new(),
            actors,
            coder: Coder::builtin(),
            version,
        }
    }

    /// The version string written into records.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// How the event coder read each sentence of a document (see
    /// [`Coder::explain_document`]): the actor units it saw, the words it took for verbs, the
    /// patterns that matched and the events, sentence by sentence.
    pub fn explain(&self, doc: &Document) -> String {
        let text = doc.text.as_str();
        let sentences = split_sentences(text);
        let mentions = self
            .actors
            .annotate(text, doc.published.or(doc.inferred_date));
        let grouped = actors::group_actors(text, &mentions);
        let bounds = byte_bounds(&sentences);
        let (coded, _) = coder_mentions(text, &bounds, &mentions, &grouped);
        self.coder.explain_document(text, &bounds, &coded)
    }

    /// Extracts the record of one document. Relative times are resolved against the
    /// publication date only; without one they stay unresolved (and say so).
    pub fn record(&self, doc: &Document) -> Record {
        let text = doc.text.as_str();
        let sentences = split_sentences(text);
        let dct = doc.published;
        let times: Vec<TimeRecord> = self
            .times
            .extract(text, &sentences, dct)
            .iter()
            .map(|t| t.to_time_record(text))
            .collect();
        let mentions = self.actors.annotate(text, dct.or(doc.inferred_date));
        let grouped = actors::group_actors(text, &mentions);
        let actor_records: Vec<ActorRecord> = grouped
            .iter()
            .map(|a| ActorRecord {
                id: a.id.clone(),
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                entity: a.entity.clone(),
                role: a.role.clone(),
                aliases: a.aliases.clone(),
                mentions: a.mentions.iter().map(|s| range(*s)).collect(),
            })
            .collect();
        let hints: Vec<SpeakerHint<'_>> = mentions
            .iter()
            // Unknown people (no country yet) can still be speakers: their span is a hint.
            .filter(|m| !m.code.is_empty() || m.entity.is_some())
            .map(|m| SpeakerHint {
                span: m.span,
                code: (!m.code.is_empty()).then_some(m.code.as_str()),
                entity: m.entity.as_deref(),
            })
            .collect();
        let mut found = Vec::new();
        QuoteExtractor::new().extract(text, &sentences, &hints, &mut found);
        let quotes = found
            .iter()
            .map(|q| {
                let r = q.record(text, &hints);
                let speaker = q.hint.and_then(|i| hints.get(i)).and_then(|hint| {
                    grouped
                        .iter()
                        .find(|a| a.mentions.contains(&hint.span))
                        .map(|a| a.id.clone())
                });
                QuoteRecord {
                    start: r.start,
                    end: r.end,
                    text: r.text.to_owned(),
                    speaker,
                    speaker_text: r.speaker_text.map(str::to_owned),
                    speaker_start: r.speaker_start,
                    speaker_end: r.speaker_end,
                    speaker_code: r.speaker_code.map(str::to_owned),
                    cue: r.cue.map(str::to_owned),
                    kind: r.kind.as_str().to_owned(),
                }
            })
            .collect();
        let events = self.events(text, &sentences, &mentions, &grouped, &times);
        Record {
            doc: RecordDoc {
                id: doc.id.to_string(),
                title: doc.title.clone(),
                source: doc.source.clone(),
                url: doc.url.clone(),
                published: doc.published.map(|d| d.to_string()),
                language: doc.language.as_deref().map(iso639_1),
                duplicate_of: doc.duplicate_of.as_ref().map(ToString::to_string),
                extractor: self.version.clone(),
            },
            sentences: sentences.iter().map(|s| range(*s)).collect(),
            actors: actor_records,
            times,
            quotes,
            events,
            positions: Vec::new(),
            claims: Vec::new(),
        }
    }
}

impl Pipeline {
    /// The events of a document (SPEC §3 `events`): each sentence coded with its actor
    /// mentions (`actors` resolves them, with coreference), then dated, located and linked to
    /// the record's actors. Events whose target is unknown are left out (the record's target
    /// is not optional).
    fn events(
        &self,
        text: &str,
        sentences: &[model::Span],
        mentions: &[Mention],
        grouped: &[actors::Actor],
        times: &[TimeRecord],
    ) -> Vec<EventRecord> {
        let bounds = byte_bounds(sentences);
        let (coded, ids) = coder_mentions(text, &bounds, mentions, grouped);
        let events = self.coder.code_document(text, &bounds, &coded);
        let actor = |r: &coder::ActorRef| ActorRef {
            code: r.code.clone(),
            actor: r
                .mention
                .and_then(|i| ids.get(i).copied().flatten())
                .map(str::to_owned),
        };
        let mut out = Vec::with_capacity(events.len());
        let mut located: Option<(usize, Option<String>)> = None;
        for de in &events {
            let ev = &de.event;
            let Some(plover) = ev.plover else {
                continue;
            };
            // Most event types act on someone: without a target the coder has missed the
            // object (or the verb is not the event). Shows of force and protests are the
            // types that stand without one ("troops were deployed", "crowds protested").
            if ev.target.is_none() && !INTRANSITIVE_TYPES.contains(&plover) {
                continue;
            }
            let (s, e) = bounds[de.sentence];
            let (date, date_grain) = event_date(times, s, e, ev.trigger.0);
            out.push(EventRecord {
                sentence: de.sentence as u32,
                start: s as u32,
                end: e as u32,
                plover: plover.to_owned(),
                mode: Some(ev.mode.to_owned()).filter(|m| !m.is_empty()),
                cameo: ev.cameo.clone(),
                goldstein: ev.goldstein.map_or(0.0, f64::from),
                source: actor(&ev.source),
                target: ev.target.as_ref().map(actor),
                mediator: ev.mediator.as_ref().map(actor),
                date,
                date_grain,
                location: match &located {
                    Some((k, loc)) if *k == de.sentence => loc.clone(),
                    _ => {
                        let loc = location(text, mentions, s, e);
                        located = Some((de.sentence, loc.clone()));
                        loc
                    }
                },
                status: status_name(ev.status).to_owned(),
                trigger: text
                    .get(ev.trigger.0..ev.trigger.1)
                    .unwrap_or("")
                    .to_owned(),
            });
        }
        out
    }
}

/// The actor mentions the coder sees (document offsets, in text order, final codes), with
/// the record's actor id behind each: every coded mention of a sentence, and the pronouns
/// resolved here ("he" / "she" as the person named last before them, in that sentence or
/// the two before it; "it" / "they" / "we" opening a reported clause; "It" / "They" opening
/// a sentence).
fn coder_mentions<'m>(
    text: &str,
    bounds: &[(usize, usize)],
    mentions: &'m [Mention],
    grouped: &'m [actors::Actor],
) -> (Vec<ActorMention<'m>>, Vec<Option<&'m str>>) {
    let mut coded: Vec<ActorMention<'_>> = Vec::with_capacity(mentions.len() + 4);
    // The actor id behind each coded mention.
    let mut ids: Vec<Option<&str>> = Vec::with_capacity(mentions.len() + 4);
    let by_span: std::collections::HashMap<model::Span, &str> = grouped
        .iter()
        .flat_map(|a| a.mentions.iter().map(move |s| (*s, a.id.as_str())))
        .collect();
    let id_of = |m: &Mention| by_span.get(&m.span).copied();
    // People named so far: (sentence, mention), for "he" and "she".
    let mut people: Vec<(usize, &Mention)> = Vec::new();
    let mut next = 0;
    let mut sentence_mentions: Vec<(usize, usize, &Mention)> = Vec::new();
    // Every person named in the sentence, with or without a code.
    let mut sentence_people: Vec<&Mention> = Vec::new();
    // The first actor (not a person) the previous sentence named, for "It said".
    let mut previous_subject: Option<(usize, usize, &Mention)> = None;
    for (k, &(s, e)) in bounds.iter().enumerate() {
        sentence_mentions.clear();
        sentence_people.clear();
        while next < mentions.len() && (mentions[next].span.start() as usize) < e {
            let m = &mentions[next];
            next += 1;
            if (m.span.start() as usize) < s {
                continue;
            }
            if is_person(m) {
                sentence_people.push(m);
            }
            if !m.code.is_empty() {
                sentence_mentions.push((m.span.start() as usize, m.span.end() as usize, m));
            }
        }
        // "Ethiopia said it would not sign": "it", "they" or "we" opening the clause of a
        // reporting verb stand for that verb's subject, the actor named last before it.
        let named = sentence_mentions.len();
        for (ps, pe, verb) in reported_pronouns(text, s, e) {
            if let Some(&(_, _, m)) = sentence_mentions[..named]
                .iter()
                .rev()
                .find(|(ms, me, _)| *me <= verb && *ms >= s)
            {
                sentence_mentions.push((ps, pe, m));
            }
        }
        // "The ministry welcomed the deal. It said …": "It" or "They" opening a sentence,
        // before a verb of saying or a past-tense verb, is the previous sentence's subject,
        // its first actor named (not a person).
        if let Some((ps, pe)) = opening_pronoun(text, s, e)
            && k > 0
            && let Some(&(_, _, m)) = previous_subject.as_ref()
        {
            sentence_mentions.push((ps, pe, m));
        }
        previous_subject = sentence_mentions[..named]
            .iter()
            .find(|(_, _, m)| !is_person(m))
            .copied();
        // "he" and "she" stand for the person named last before them, in this sentence
        // or the two before it; when that person's country is unknown, so is theirs
        // (not an older person's).
        for (ps, pe) in pronouns(text, s, e) {
            let antecedent = sentence_people
                .iter()
                .filter(|m| (m.span.start() as usize) < ps)
                .copied()
                .next_back()
                .or_else(|| {
                    people
                        .iter()
                        .rev()
                        .find(|(at, _)| at + 2 >= k)
                        .map(|(_, m)| *m)
                })
                .filter(|m| !m.code.is_empty());
            if let Some(m) = antecedent {
                sentence_mentions.push((ps, pe, m));
            }
        }
        for m in &sentence_people {
            people.push((k, m));
        }
        sentence_mentions.sort_by_key(|(ms, _, _)| *ms);
        for &(ms, me, m) in &sentence_mentions {
            coded.push(ActorMention {
                start: ms,
                end: me,
                code: m.code.as_str(),
            });
            ids.push(id_of(m));
        }
    }
    (coded, ids)
}

/// The byte ranges of `sentences`.
fn byte_bounds(sentences: &[model::Span]) -> Vec<(usize, usize)> {
    sentences
        .iter()
        .map(|s| (s.start() as usize, s.end() as usize))
        .collect()
}

fn status_name(s: coder::Status) -> &'static str {
    match s {
        coder::Status::Occurred => "occurred",
        coder::Status::Planned => "planned",
        coder::Status::Hypothetical => "hypothetical",
        coder::Status::Negated => "negated",
    }
}

/// Whether a mention names one person.
fn is_person(m: &Mention) -> bool {
    matches!(
        m.kind,
        MentionKind::Name | MentionKind::ShortName | MentionKind::Title
    ) && m.entity.is_some()
        && m.sector.as_deref() != Some("MED")
}

/// Verbs that report what their subject said or thinks ("said it would", "warned that they").
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "announced",
    "argued",
    "claimed",
    "confirmed",
    "declared",
    "indicated",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "replied",
    "responded",
    "signalled",
    "signaled",
    "stated",
    "stressed",
    "warned",
    "warns",
    "told",
    "vowed",
];

/// "it", "they" and "we" that open the clause reported by a reporting verb of the sentence
/// `s..e`: right after the verb, or after a short phrase and "that" ("said on Monday that
/// it", "told reporters that they"). Each with the byte offset of its verb.
fn reported_pronouns(text: &str, s: usize, e: usize) -> Vec<(usize, usize, usize)> {
    let Some(sentence) = text.get(s..e) else {
        return Vec::new();
    };
    // Most sentences hold no such pronoun: look before splitting into words.
    if ![" it ", " they ", " we "]
        .iter()
        .any(|p| sentence.contains(p))
    {
        return Vec::new();
    }
    let words: Vec<(usize, &str)> = words_in(sentence).collect();
    let mut out = Vec::new();
    for (i, &(vs, v)) in words.iter().enumerate() {
        if !REPORTING_VERBS.contains(&v) {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_some_and(|(_, w)| *w != "that") {
            // A short phrase before "that": "on Monday", "in a statement", "reporters".
            if let Some(t) = (j..(j + 5).min(words.len())).find(|&t| words[t].1 == "that") {
                j = t;
            }
        }
        if words.get(j).is_some_and(|(_, w)| *w == "that") {
            j += 1;
        }
        if let Some(&(ps, p)) = words.get(j)
            && matches!(p, "it" | "they" | "we")
        {
            out.push((s + ps, s + ps + p.len(), s + vs));
        }
    }
    out
}

/// "It" or "They" opening the sentence `s..e` before a verb of saying or a past-tense verb
/// ("It said", "They insisted", "It accused"), not before "was" or "is" ("It was the first
/// meeting").
fn opening_pronoun(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let sentence = text.get(s..e)?;
    let lead = sentence.len() - sentence.trim_start().len();
    let mut words = sentence[lead..].split(' ');
    let first = words.next()?;
    if !matches!(first, "It" | "They") {
        return None;
    }
    let next = words
        .next()?
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let past = next.len() > 4 && next.ends_with("ed");
    (REPORTING_VERBS.contains(&next) || past).then_some((s + lead, s + lead + first.len()))
}

/// The personal pronouns "he" and "she" (any case) in `text[s..e]`, as byte ranges.
fn pronouns(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let Some(sentence) = text.get(s..e) else {
        return Vec::new();
    };
    words_in(sentence)
        .filter(|(_, w)| matches!(*w, "he" | "He" | "she" | "She" | "HE" | "SHE"))
        .map(|(w, word)| (s + w, s + w + word.len()))
        .collect()
}

/// The words of `sentence` (runs of letters and digits) with their byte offsets.
fn words_in(sentence: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
        .filter_map(move |(i, c)| {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                None
            } else {
                start.take().map(|w| (w, &sentence[w..i]))
            }
        })
}

/// The event's date: the sentence's date expression nearest the trigger, as a TIMEX3 day,
/// week, month or year (a year-less `XXXX-MM-DD` is kept); vague references (`PAST_REF`…),
/// durations and sets give none.
/// PLOVER types kept without a target (see `events`).
const INTRANSITIVE_TYPES: [&str; 2] = ["MOBILIZE", "PROTEST"];

fn event_date(
    times: &[TimeRecord],
    s: usize,
    e: usize,
    trigger: usize,
) -> (Option<String>, Option<String>) {
    let mut best: Option<(usize, String, &'static str)> = None;
    for t in times {
        let (ts, te) = (t.start as usize, t.end as usize);
        if ts < s || te > e || !(t.kind == "DATE" || t.kind == "TIME") {
            continue;
        }
        let Some((value, grain)) = date_value(&t.value) else {
            continue;
        };
        let distance = if te <= trigger {
            trigger - te
        } else {
            ts.saturating_sub(trigger)
        };
        if best.as_ref().is_none_or(|b| distance < b.0) {
            best = Some((distance, value, grain));
        }
    }
    match best {
        Some((_, v, g)) => (Some(v), Some(g.to_owned())),
        None => (None, None),
    }
}

/// A TIMEX3 value as an event date and its grain.
fn date_value(value: &str) -> Option<(String, &'static str)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year_ok = |y: &str| y.len() == 4 && (digits(y) || y == "XXXX");
    // TIME values (`2026-02-06T10:00`) are dated by their day.
    let value = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] if digits(y) && y.len() == 4 => Some((value.to_owned(), "year")),
        [y, m] if digits(y) && y.len() == 4 && digits(m) && m.len() == 2 => {
            Some((value.to_owned(), "month"))
        }
        [y, w]
            if digits(y)
                && y.len() == 4
                && w.len() == 3
                && w.starts_with('W')
                && digits(&w[1..]) =>
        {
            Some((value.to_owned(), "week"))
        }
        [y, m, d] if year_ok(y) && digits(m) && m.len() == 2 && digits(d) && d.len() == 2 => {
            Some((value.to_owned(), "day"))
        }
        _ => None,
    }
}

/// Where the sentence places its events: a place named after "in" or "at" (a city or
/// country as written, with the country that follows it after a comma: "Muscat, Oman").
fn location(text: &str, mentions: &[Mention], s: usize, e: usize) -> Option<String> {
    let first = mentions.partition_point(|m| (m.span.start() as usize) < s);
    let in_sentence: Vec<&Mention> = mentions[first..]
        .iter()
        .take_while(|m| (m.span.start() as usize) < e)
        .filter(|m| m.span.end() as usize <= e)
        .collect();
    for (i, m) in in_sentence.iter().enumerate() {
        if m.kind != MentionKind::Place {
            continue;
        }
        let start = m.span.start() as usize;
        let before = text.get(s..start).unwrap_or("").trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if !matches!(word, "in" | "In" | "at" | "At") {
            continue;
        }
        let mut end = m.span.end() as usize;
        if let Some(next) = in_sentence.get(i + 1)
            && next.kind == MentionKind::Place
            && text
                .get(end..next.span.start() as usize)
                .is_some_and(|gap| gap.trim() == ",")
        {
            end = next.span.end() as usize;
        }
        return text.get(start..end).map(str::to_owned);
    }
    None
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

fn range(span: model::Span) -> ByteRange {
    ByteRange {
        start: span.start(),
        end: span.end(),
    }
}

/// ISO 639-3 → 639-1 for common news languages; other codes are kept as they are.
fn iso639_1(code: &str) -> String {
    match code {
        "eng" => "en",
        "fra" => "fr",
        "spa" => "es",
        "deu" => "de",
        "ara" => "ar",
        "pes" => "fa",
        "rus" => "ru",
        "ukr" => "uk",
        "cmn" => "zh",
        "heb" => "he",
        "tur" => "tr",
        "ita" => "it",
        "por" => "pt",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::record::EventRecord;
    use model::{DocFormat, DocId};

    fn doc(text: &str, published: Option<jiff::civil::Date>) -> Document {
        Document {
            id: DocId::new("t").expect("id"),
            text: text.to_owned(),
            title: None,
            source: None,
            url: None,
            author: None,
            published,
            inferred_date: None,
            language: Some("eng".to_owned()),
            format: DocFormat::Text,
            origin: "t.txt".to_owned(),
            content_hash: String::new(),
            duplicate_of: None,
        }
    }

    #[test]
    fn quotes_of_people_the_dictionary_does_not_know_get_their_speaker() {
        let text = "Delegations from Norway and Chile met in Vienna on Monday. \
                    \"We have a text both sides can read without shouting,\" said Ingrid \
                    Halvorsen, who chairs the working group.";
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 5, 4))));
        let quote = record
            .quotes
            .iter()
            .find(|q| q.text.starts_with("We have a text"))
            .expect("quote found");
        let speaker = quote
            .speaker
            .as_deref()
            .expect("speaker linked to an actor");
        let actor = record
            .actors
            .iter()
            .find(|a| a.id == speaker)
            .expect("actor");
        assert_eq!(actor.entity.as_deref(), Some("Ingrid Halvorsen"));
    }

    #[test]
    fn he_is_the_person_named_last_even_when_their_country_is_unknown() {
        // Tomas Brandt's country is not given: "He" is Brandt, so the accusation has no
        // known source, not the Kenyan minister named two sentences before.
        let text = "NAIROBI — Kenya's Foreign Minister Wanjiru Otieno met Somali envoys on \
                    Monday. The talks were tense, said Tomas Brandt, a spokesman for the \
                    monitors. He accused Somalia of stalling.";
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 5, 4))));
        let s2 = record.sentences[2];
        assert!(
            !record
                .events
                .iter()
                .any(|e| e.start >= s2.start && e.source.code.starts_with("KEN")),
            "{:#?}",
            record.events
        );
    }

    #[test]
    fn it_after_a_reporting_verb_is_that_verbs_subject() {
        let text = "LIMA — Peru and Chile held talks on fishing quotas on Monday. Chile wants \
                    a larger share. Peru said on Tuesday that it would not sign any text that \
                    cuts its quota.";
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 5, 6))));
        let s2 = record.sentences[2];
        let found = record
            .events
            .iter()
            .find(|e| e.start >= s2.start)
            .expect("an event in the third sentence");
        assert_eq!(found.plover, "REJECT", "{:#?}", record.events);
        assert!(found.source.code.starts_with("PER"), "{found:#?}");
        assert!(
            found
                .target
                .as_ref()
                .is_some_and(|t| t.code.starts_with("CHL")),
            "{found:#?}"
        );
        assert_eq!(
            reported_pronouns(
                "They said it would. We told reporters that they left.",
                0,
                53
            )
            .len(),
            2
        );
    }

    #[test]
    fn it_opening_a_sentence_before_a_verb_is_the_previous_subject() {
        let text = "QUITO — Ecuador's foreign ministry welcomed the talks with Peru. \
                    It accused Peru of stalling on the quota. It was a long day.";
        let second = text.find("It accused").expect("second sentence");
        let third = text.find("It was").expect("third sentence");
        assert_eq!(
            opening_pronoun(text, second, third - 1),
            Some((second, second + 2))
        );
        assert_eq!(opening_pronoun(text, third, text.len()), None);
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 5, 6))));
        let s1 = record.sentences[1];
        let accuse = record
            .events
            .iter()
            .find(|e| e.start == s1.start && e.plover == "ACCUSE")
            .expect("the accusation is coded");
        assert!(accuse.source.code.starts_with("ECU"), "{accuse:#?}");
    }

    #[test]
    fn record_links_quote_speakers_to_actors() {
        let text = "Qatar's prime minister will host Israeli and Hamas negotiators in Doha tomorrow. \
                    \"We are close to a text,\" Sheikh Mohammed bin Abdulrahman Al Thani told reporters.";
        let record = Pipeline::new().record(&doc(text, Some(jiff::civil::date(2026, 3, 2))));
        assert_eq!(record.sentences.len(), 2);
        let tomorrow = record
            .times
            .iter()
            .find(|t| t.text == "tomorrow")
            .expect("tomorrow found");
        assert_eq!(tomorrow.value, "2026-03-03");
        let codes: Vec<&str> = record.actors.iter().map(|a| a.code.as_str()).collect();
        assert!(codes.contains(&"QATGOV"), "{codes:?}");
        let quote = &record.quotes[0];
        assert_eq!(quote.text, "We are close to a text");
        assert_eq!(quote.kind, "direct");
        assert_eq!(quote.speaker_code.as_deref(), Some("QATGOV"));
        let speaker = quote
            .speaker
            .as_deref()
            .expect("speaker linked to an actor");
        let actor = record
            .actors
            .iter()
            .find(|a| a.id == speaker)
            .expect("actor");
        assert_eq!(actor.code, "QATGOV");
        // Every span slices the text.
        for t in &record.times {
            assert_eq!(&text[t.start as usize..t.end as usize], t.text);
        }
        assert_eq!(record.doc.language.as_deref(), Some("en"));
        assert!(record.doc.extractor.starts_with(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn record_codes_events_with_dates_status_mediators_and_actors() {
        let text = "Iranian and American negotiators will meet in Muscat tomorrow through Omani mediators. \
                    Washington imposed new sanctions on Iran on Monday. \
                    Iran's foreign minister said he could reject any new proposal.";
        let dct = jiff::civil::date(2026, 3, 4);
        let record = Pipeline::new().record(&doc(text, Some(dct)));
        let events = &record.events;
        let meet: Vec<&EventRecord> = events.iter().filter(|e| e.sentence == 0).collect();
        assert_eq!(meet.len(), 1, "one meeting through a mediator: {events:#?}");
        let m = meet[0];
        assert_eq!(m.plover, "CONSULT");
        assert_eq!(m.status, "planned");
        assert_eq!(m.date.as_deref(), Some("2026-03-05"));
        assert_eq!(m.date_grain.as_deref(), Some("day"));
        assert_eq!(m.location.as_deref(), Some("Muscat"));
        assert_eq!(m.trigger, "meet");
        assert_eq!(
            m.mediator.as_ref().map(|a| &a.code[..3]),
            Some("OMN"),
            "{m:#?}"
        );
        let s0 = record.sentences[0];
        assert_eq!((m.start, m.end), (s0.start, s0.end));
        let sanction = events
            .iter()
            .find(|e| e.plover == "SANCTION")
            .expect("sanctions coded");
        assert_eq!(
            (sanction.sentence, sanction.status.as_str()),
            (1, "occurred")
        );
        assert_eq!(&sanction.source.code[..3], "USA");
        assert_eq!(&sanction.target.as_ref().expect("target").code[..3], "IRN");
        assert_eq!(sanction.date.as_deref(), Some("2026-03-02"));
        // Actor ids point into the record's actors, with the same code.
        for e in events {
            for a in [Some(&e.source), e.target.as_ref(), e.mediator.as_ref()]
                .into_iter()
                .flatten()
            {
                if let Some(id) = &a.actor {
                    let actor = record.actors.iter().find(|x| &x.id == id).expect("actor");
                    assert_eq!(actor.code[..3], a.code[..3], "{e:#?}");
                }
            }
            assert!(e.goldstein != 0.0 || e.cameo.starts_with("04"), "{e:#?}");
        }
        let reject = events
            .iter()
            .find(|e| e.plover == "REJECT")
            .expect("a rejection through the pronoun");
        assert_eq!(reject.status, "hypothetical");
        assert_eq!(&reject.source.code[..3], "IRN");
        assert!(reject.source.actor.is_some());
        assert!(
            record.doc.extractor.ends_with(coder::dictionary_version()),
            "{}",
            record.doc.extractor
        );
    }

    /// The seeds' events scored against their gold (ANNOTATION.md, "Scoring → Events").
    #[test]
    fn shared_seed_events() {
        let dir =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        if !dir.join("seeds").is_dir() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} missing under CI",
                dir.display()
            );
            eprintln!("skipping: {} not found", dir.display());
            return;
        }
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("seeds"))
            .expect("seeds dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        assert_eq!(names.len(), 3);
        let pipeline = Pipeline::new();
        let mut total = coder::eval::seeds::EventScore::default();
        for path in names {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_owned();
            let raw = std::fs::read_to_string(&path).expect("seed readable");
            let (dct, text) = crate::eval::seeds::seed_document(&raw);
            let mut d = doc(text, dct);
            d.id = DocId::new(&stem).expect("id");
            let record = pipeline.record(&d);
            let gold = std::fs::read_to_string(dir.join("seeds-gold").join(format!("{stem}.json")))
                .expect("gold readable");
            let s = coder::eval::seeds::score_events(&stem, text, &gold, &record.events)
                .expect("valid gold");
            total.merge(s);
        }
        for (g, p) in &total.matches {
            eprintln!(
                "MATCH {} {}->{:?} {} {:?} | got {} {:?} [{}] | {}",
                g.plover,
                g.source.as_deref().unwrap_or("-"),
                g.target,
                g.status,
                g.date,
                p.status,
                p.date,
                p.trigger,
                g.sentence
            );
        }
        for (d, g) in &total.missed {
            eprintln!(
                "MISS {d} {} {}->{} {} | {}",
                g.plover,
                g.source.as_deref().unwrap_or("-"),
                g.target.as_deref().unwrap_or("-"),
                g.status,
                g.sentence
            );
        }
        for p in &total.spurious {
            eprintln!(
                "SPUR {} {} {}->{} {} [{}] | {}",
                p.doc, p.plover, p.source, p.target, p.status, p.trigger, p.sentence
            );
        }
        eprintln!(
            "seeds events: P {:.3} R {:.3} F1 {:.3} (gold {}, predicted {}, matched {}); type-only F1 {:.3}, dyad-only F1 {:.3}; status {:.3}, date {:.3}",
            total.precision(),
            total.recall(),
            total.f1(),
            total.gold,
            total.predicted,
            total.matched,
            total.type_f1(),
            total.dyad_f1(),
            total.status_accuracy(),
            total.date_accuracy()
        );
        assert_eq!(total.gold, 40);
        // Measured 0.747 (P 0.800, R 0.700); the target is 0.60.
        assert!(total.f1() >= 0.70, "F1 {:.3}", total.f1());
        assert!(
            total.type_f1() >= 0.70,
            "type-only F1 {:.3}",
            total.type_f1()
        );
        assert!(
            total.status_accuracy() >= 0.85,
            "status {:.3}",
            total.status_accuracy()
        );
    }

    #[test]
    fn without_a_publication_date_relative_times_are_unresolved() {
        let record = Pipeline::new().record(&doc("The envoys meet again on Tuesday.", None));
        let tuesday = &record.times[0];
        assert!(tuesday.unresolved, "{tuesday:?}");
    }
}
