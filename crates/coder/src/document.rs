//! Coding a whole document: every sentence through [`Coder::code_mentions`], then what only
//! the document tells.
//!
//! - **The parties.** Coverage of a negotiation or a conflict is about two sides; they are the
//!   two sides named most often, when both are named at least twice. A side is a state (its
//!   government, army and people together), an intergovernmental body (`IGOEUR`), or a rebel
//!   or opposition group, which a domestic conflict sets against its own government
//!   (`CODREB`, `GMBOPP`). A side named as a mediator anywhere in the document ("Qatari
//!   mediators", "mediated by Oman") does not count, nor do venues ("talks in Geneva").
//! - **"Both sides"**, "the two sides", "both countries", "the two parties", "each side":
//!   stand for the two parties, as a compound actor.
//! - **Unstated targets.** A party's action without a stated target ("Washington pushed for a
//!   broader framework", "Iran agreed to talk") is aimed at the other party: the target is the
//!   other party's most recent mention (in that sentence or before it).
//!
//! Event and actor spans are document offsets here; actor `mention` indices point into the
//! document's mention list.

use std::cell::RefCell;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::code::{ActorMention, ActorRef, Coder, Event, Scratch, Status};

/// An event of a document and the sentence it was coded from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentEvent {
    /// Index of the sentence.
    pub sentence: usize,
    /// The event; spans are document offsets.
    pub event: Event,
    /// The target was not stated in the sentence but inferred from the document's parties.
    pub inferred_target: bool,
}

/// Phrases that stand for both parties.
const BOTH_SIDES: &[&str] = &[
    "both sides",
    "the two sides",
    "both countries",
    "the two countries",
    "both parties",
    "the two parties",
    "each side",
    "both governments",
    "the two governments",
    "both delegations",
    "the two delegations",
    "the delegations",
    "the negotiators",
    "the negotiating teams",
    "the parties",
    "the two rivals",
    "both rivals",
    "two sworn rivals",
    "both teams",
    "the two teams",
    "both camps",
    "the two camps",
    "both capitals",
    "the two capitals",
    "the two leaders",
    "both leaders",
    "the two men",
];

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Whether a code names a state (three upper-case letters that are not a group of states or
/// an international body).
fn is_state(code: &str) -> bool {
    let c = country(code);
    c.len() == 3
        && c.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(c, "IGO" | "NGO" | "MNC" | "GCC" | "---")
}

/// The key a party is counted under: an intergovernmental body by its body (`IGOEUR`), a
/// rebel or opposition group, a union or business by its country and sector (`CODREB`,
/// `GMBOPP`, `USALAB`: a domestic conflict or dispute sets them against their own government
/// or each other), any other state actor by its country (`CODGOV`, `CODMIL` and `COD` are
/// one side). `None` for codes that cannot be a side.
fn party_key(code: &str) -> Option<&str> {
    if code.starts_with("IGO") {
        return code.get(..6).filter(|k| k.len() == 6);
    }
    if !is_state(code) {
        return None;
    }
    match code.get(3..6) {
        Some("REB" | "OPP" | "INS" | "LAB" | "BUS") => code.get(..6),
        _ => Some(country(code)),
    }
}

/// Whether the mention starting at byte `start` names a place where something happens
/// rather than an actor: it follows a locative preposition ("talks in Geneva", "met at the
/// Qatari capital").
fn locative(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut w = words.next().unwrap_or("");
    if w.eq_ignore_ascii_case("the") {
        w = words.next().unwrap_or("");
    }
    matches!(w, "in" | "In" | "at" | "At" | "into")
}

/// Whether the mention at `m` names a mediator by its own words: "Qatari mediators",
/// "Egypt's mediation", "Omani intermediaries", "mediated by Oman".
fn named_mediator(text: &str, m: &ActorMention<'_>) -> bool {
    let own = text.get(m.start..m.end).unwrap_or("").to_ascii_lowercase();
    let after = text.get(m.end..).unwrap_or("");
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Only the words right before matter ("brokered by the "): lowercase a short tail, not
    // the whole text up to every mention.
    let mut from = m.start.saturating_sub(48);
    while from < m.start && !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..m.start).unwrap_or("").to_ascii_lowercase();
    let cue = |w: &str| w.starts_with("mediat") || w.starts_with("intermediar");
    // "Egypt will receive the delegations", "Qatar, which hosted the round", "Oman
    // mediated": a side that hosts or mediates (a pronoun is not a side's own name).
    let mut words = after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    let mut first = words.next().unwrap_or("");
    let future = matches!(first, "will" | "would" | "to");
    if matches!(
        first,
        "will" | "would" | "has" | "had" | "which" | "who" | "to"
    ) {
        first = words.next().unwrap_or("");
    }
    let hosts = !matches!(own.as_str(), "he" | "she" | "it" | "they")
        && (matches!(
            first,
            "host"
                | "hosts"
                | "hosted"
                | "hosting"
                | "mediate"
                | "mediates"
                | "mediated"
                | "mediating"
                | "broker"
                | "brokers"
                | "brokered"
                | "facilitated"
                | "convened"
                | "chaired"
        ) || future && first == "receive");
    own.split(' ').any(cue)
        || cue(&next)
        || hosts
        || ["mediated by ", "brokered by ", "hosted by "]
            .iter()
            .any(|p| before.trim_end_matches("the ").ends_with(p))
}

/// The document's two parties: the two sides named most often (see [`party_key`]: states,
/// intergovernmental bodies, rebel and opposition groups), each at least twice, in order of
/// first mention. Mentions marked as mediators in `mediators` do not count.
pub fn parties(mentions: &[ActorMention<'_>], mediators: &[bool]) -> Option<[String; 2]> {
    parties_in(None, mentions, mediators)
}

/// [`parties`], not counting the mentions of `text` that name a venue (see [`locative`]).
fn parties_in(
    text: Option<&str>,
    mentions: &[ActorMention<'_>],
    mediators: &[bool],
) -> Option<[String; 2]> {
    // A side named as a mediator anywhere in the document mediates throughout it.
    let mediating: Vec<&str> = mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            mediators.get(*i).copied().unwrap_or(false)
                || text.is_some_and(|t| named_mediator(t, m))
        })
        .filter_map(|(_, m)| party_key(m.code))
        .collect();
    let mut counts: Vec<(&str, usize, usize)> = Vec::new(); // (key, count, first)
    for (i, m) in mentions.iter().enumerate() {
        if mediators.get(i).copied().unwrap_or(false)
            || text.is_some_and(|t| locative(t, m.start))
            || party_key(m.code).is_some_and(|k| mediating.contains(&k))
        {
            continue;
        }
        let Some(c) = party_key(m.code) else {
            continue;
        };
        match counts.iter_mut().find(|(k, _, _)| *k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c, 1, i)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let (mut a, mut b) = (counts.first()?, counts.get(1)?);
    if b.1 < 2 {
        return None;
    }
    // An armed group named three times is a side when no other is: coverage
    // names the envoys and hosts of its talks more often than the group itself ("ISR and
    // USA" for Israel–Hamas talks with a US envoy). It faces its own country's state when
    // that is among the two, else the side named most.
    let armed = |k: &str| k.len() == 6 && matches!(&k[3..], "REB" | "INS");
    let group = counts[2..]
        .iter()
        .find(|c| c.1 >= 3 && armed(c.0))
        .filter(|_| !armed(a.0) && !armed(b.0));
    if let Some(r) = group {
        if a.0 == country(r.0) {
            b = r;
        } else if b.0 == country(r.0) {
            a = b;
            b = r;
        } else {
            b = r;
        }
    }
    // A third side named as often as the second leaves the pair undecided.
    if group.is_none() && counts.get(2).is_some_and(|c| c.1 == b.1) {
        return None;
    }
    let (first, second) = if a.2 <= b.2 { (a, b) } else { (b, a) };
    Some([first.0.to_owned(), second.0.to_owned()])
}

/// Byte ranges of "both sides" phrases in `sentence` (ASCII case-insensitive, on word
/// boundaries).
fn both_sides(sentence: &str) -> Vec<(usize, usize)> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let Some(ac) = MATCHER
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(BOTH_SIDES)
                .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    let bytes = sentence.as_bytes();
    ac.find_iter(sentence)
        .filter(|m| {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            before.is_none_or(|c| !c.is_ascii_alphanumeric())
                && after.is_none_or(|c| !c.is_ascii_alphanumeric())
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

impl Coder {
    /// Codes every sentence of a document (`sentences` are byte ranges of `text`) with its
    /// actor mentions (document offsets, in text order), then applies the document rules of
    /// the module documentation.
    pub fn code_document(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        mentions: &[ActorMention<'_>],
    ) -> Vec<DocumentEvent> {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                self.code_document_with(text, sentences, mentions, &mut scratch)
                    .0
            }
            // Re-entrant call on this thread: fresh buffers.
            Err(_) => {
                self.code_document_with(text, sentences, mentions, &mut Scratch::default())
                    .0
            }
        })
    }

    /// How [`Coder::code_document`] reads each sentence, for people studying a coding: per
    /// sentence with actor mentions, its number and text, then [`Coder::trace_mentions`] of it
    /// (the first, sentence-level pass), and last the document's parties as the document rules
    /// see them.
    pub fn explain_document(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        mentions: &[ActorMention<'_>],
    ) -> String {
        let mut out = String::new();
        let mut local: Vec<ActorMention<'_>> = Vec::new();
        for (k, &(s, e)) in sentences.iter().enumerate() {
            let Some(sentence) = text.get(s..e) else {
                continue;
            };
            local.clear();
            local.extend(
                mentions
                    .iter()
                    .filter(|m| m.start >= s && m.end <= e)
                    .map(|m| ActorMention {
                        start: m.start - s,
                        end: m.end - s,
                        code: m.code,
                    }),
            );
            if local.is_empty() {
                continue;
            }
            out.push_str(&format!("§{k} {}\n", sentence.replace('\n', " ")));
            out.push_str(&self.trace_mentions(sentence, &local));
        }
        let parties = self
            .code_document_with(text, sentences, mentions, &mut Scratch::default())
            .1;
        match parties {
            Some([p, q]) => out.push_str(&format!("parties {p} and {q}\n")),
            None => out.push_str("parties undecided\n"),
        }
        out
    }

    fn code_document_with(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        mentions: &[ActorMention<'_>],
        scratch: &mut Scratch,
    ) -> (Vec<DocumentEvent>, Option<[String; 2]>) {
        let mut events = Vec::new();
        let mut local: Vec<ActorMention<'_>> = Vec::new();
        let mut index: Vec<usize> = Vec::new();
        // The mentions of each sentence: a range of `mentions`.
        let mut per_sentence: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
        let mut first = 0;
        for &(s, e) in sentences {
            while first < mentions.len() && mentions[first].start < s {
                first += 1;
            }
            let mut last = first;
            while last < mentions.len() && mentions[last].end <= e {
                last += 1;
            }
            per_sentence.push((first, last));
            first = last;
        }
        let valid = |s: usize, e: usize| {
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        // Every sentence with its own mentions.
        let mut coded: Vec<(usize, Event)> = Vec::new();
        let mut mediator = vec![false; mentions.len()];
        for (k, &(s, e)) in sentences.iter().enumerate() {
            let (a, b) = per_sentence[k];
            if a == b || !valid(s, e) {
                continue;
            }
            local.clear();
            local.extend(mentions[a..b].iter().map(|m| ActorMention {
                start: m.start - s,
                end: m.end - s,
                code: m.code,
            }));
            index.clear();
            index.extend(a..b);
            events.clear();
            self.code_mentions(&text[s..e], &local, scratch, &mut events);
            for mut ev in events.drain(..) {
                to_document(&mut ev, s, &index);
                if let Some(m) = ev.mediator.as_ref().and_then(|m| m.mention) {
                    mediator[m] = true;
                }
                coded.push((k, ev));
            }
        }
        // Mediators do not count towards the parties.
        let parties = parties_in(Some(text), mentions, &mediator);
        if let Some([p, q]) = &parties {
            // Sentences that say "both sides" are coded again with the two parties there.
            for (k, &(s, e)) in sentences.iter().enumerate() {
                if !valid(s, e) {
                    continue;
                }
                let sentence = &text[s..e];
                let sides = both_sides(sentence);
                if sides.is_empty() {
                    continue;
                }
                let (a, b) = per_sentence[k];
                local.clear();
                index.clear();
                let mut extra = sides.iter().peekable();
                for (j, m) in mentions[a..b].iter().enumerate() {
                    while let Some(&&(ps, pe)) = extra.peek()
                        && ps < m.start - s
                    {
                        local.push(ActorMention {
                            start: ps,
                            end: pe,
                            code: p,
                        });
                        local.push(ActorMention {
                            start: ps,
                            end: pe,
                            code: q,
                        });
                        index.extend([usize::MAX, usize::MAX]);
                        extra.next();
                    }
                    local.push(ActorMention {
                        start: m.start - s,
                        end: m.end - s,
                        code: m.code,
                    });
                    index.push(a + j);
                }
                for &(ps, pe) in extra {
                    local.push(ActorMention {
                        start: ps,
                        end: pe,
                        code: p,
                    });
                    local.push(ActorMention {
                        start: ps,
                        end: pe,
                        code: q,
                    });
                    index.extend([usize::MAX, usize::MAX]);
                }
                events.clear();
                self.code_mentions(sentence, &local, scratch, &mut events);
                coded.retain(|(j, _)| *j != k);
                for mut ev in events.drain(..) {
                    to_document(&mut ev, s, &index);
                    coded.push((k, ev));
                }
            }
            coded.sort_by_key(|(k, _)| *k);
        }
        let mut out = Vec::with_capacity(coded.len());
        for (k, mut ev) in coded {
            let mut inferred = false;
            // "The government welcomed the verdict": the court named last gave it.
            if ev.target.is_none()
                && on_a_ruling(&ev, text)
                && let Some(i) = mentions[..per_sentence[k].1]
                    .iter()
                    .rposition(|m| m.code.ends_with("JUD"))
            {
                ev.target = Some(mention_ref(mentions, i));
                out.push(DocumentEvent {
                    sentence: k,
                    event: ev,
                    inferred_target: true,
                });
                continue;
            }
            // "Rwanda welcomed the deal", "Washington has offered to host the signing": an
            // outsider's act on the parties' deal or talks is aimed at the parties, one
            // event for each (one for both when they are one country's sides).
            if ev.target.is_none()
                && let Some([p, q]) = &parties
                && party_key(&ev.source.code).is_some_and(|s| s != p && s != q)
                && country(&ev.source.code) != country(p)
                && country(&ev.source.code) != country(q)
                && on_the_deal(&ev, text)
            {
                let sides: Vec<&str> = if country(p) == country(q) {
                    vec![country(p)]
                } else {
                    vec![p.as_str(), q.as_str()]
                };
                for side in sides {
                    let recent = mentions[..per_sentence[k].1]
                        .iter()
                        .rposition(|m| party_key(m.code) == Some(side) || m.code == side);
                    let mut e = ev.clone();
                    e.target = Some(match recent {
                        Some(i) if party_key(mentions[i].code) == Some(side) => {
                            mention_ref(mentions, i)
                        }
                        _ => unnamed_ref(side, sentences[k].0),
                    });
                    out.push(DocumentEvent {
                        sentence: k,
                        event: e,
                        inferred_target: true,
                    });
                }
                continue;
            }
            if ev.target.is_none()
                && infer_target(&ev, text)
                && let Some([p, q]) = &parties
            {
                let src = party_key(&ev.source.code).unwrap_or("");
                let other = if src == p {
                    Some(q)
                } else if src == q {
                    Some(p)
                } else {
                    None
                };
                if let Some(other) = other {
                    // The other party's most recent mention up to the end of the sentence.
                    let b = per_sentence[k].1;
                    let recent = mentions[..b]
                        .iter()
                        .rposition(|m| party_key(m.code) == Some(other.as_str()));
                    ev.target = Some(match recent {
                        Some(i) => mention_ref(mentions, i),
                        None => unnamed_ref(other, sentences[k].0),
                    });
                    inferred = true;
                }
            }
            out.push(DocumentEvent {
                sentence: k,
                event: ev,
                inferred_target: inferred,
            });
        }
        // Events of the parties that name neither: "The next round is scheduled for April
        // 14", "Qatar will host a follow-up meeting" (a meeting), "Qatari mediators carried
        // drafts between them" (talks through a mediator), "the truce signed on Sunday",
        // "the deal was reached at the Berlaymont" (an agreement). One of each kind per
        // sentence, and none where the sentence already has one.
        if let Some([p, q]) = &parties {
            for (k, &(s, e)) in sentences.iter().enumerate() {
                if !valid(s, e) {
                    continue;
                }
                let sentence = &text[s..e];
                let shuttled = shuttle(sentence);
                if shuttled.is_some() {
                    // The go-between's "visits" to each side are the sides' talks.
                    out.retain(|o| {
                        o.sentence != k
                            || o.event.plover != Some("CONSULT")
                            || [Some(&o.event.source), o.event.target.as_ref()]
                                .iter()
                                .all(|r| {
                                    r.and_then(|r| party_key(&r.code))
                                        .is_some_and(|c| c == p || c == q)
                                })
                    });
                }
                let found = [
                    ("040", unnamed_meeting(sentence)),
                    ("040", shuttled),
                    ("057", unnamed_agreement(sentence)),
                ];
                for (cameo, hit) in found {
                    let Some((noun, status)) = hit else {
                        continue;
                    };
                    let kind = crate::tables::plover(cameo);
                    if out
                        .iter()
                        .any(|o| o.sentence == k && o.event.plover == kind.map(|c| c.event))
                    {
                        continue;
                    }
                    // "talks hosted by Saudi Arabia", "AU-brokered talks", "Qatari
                    // mediators carried drafts": the mediator.
                    let (a, b) = per_sentence[k];
                    let mediator = (a..b)
                        .find(|&i| {
                            let m = &mentions[i];
                            let after = text.get(m.end..).unwrap_or("");
                            party_key(m.code).is_none_or(|c| c != p && c != q)
                                && (named_mediator(text, m)
                                    || ["-brokered", "-mediated", "-hosted", "-facilitated"]
                                        .iter()
                                        .any(|w| after.starts_with(w))
                                    || text[..m.start]
                                        .trim_end_matches("the ")
                                        .ends_with("facilitated by ")
                                    // The one who shuttles, named before the verb.
                                    || m.end <= s + noun.0 && cameo == "040"
                                        && sentence[noun.0..].contains(" between "))
                        })
                        .map(|i| mention_ref(mentions, i));
                    let at = out.partition_point(|o| o.sentence <= k);
                    out.insert(
                        at,
                        DocumentEvent {
                            sentence: k,
                            event: Event {
                                cameo: cameo.to_owned(),
                                goldstein: crate::tables::goldstein(cameo),
                                plover: kind.map(|c| c.event),
                                mode: kind.map_or("", |c| c.mode),
                                source: unnamed_ref(p, s),
                                target: Some(unnamed_ref(q, s)),
                                mediator,
                                status,
                                trigger: (s + noun.0, s + noun.1),
                            },
                            inferred_target: true,
                        },
                    );
                }
            }
        }
        // A consultation is one event between its two parties, whichever way it was coded.
        let mut k = 0;
        while k < out.len() {
            let dup = out[k].event.plover == Some("CONSULT")
                && out[..k].iter().any(|o| {
                    o.sentence == out[k].sentence
                        && o.event.plover == Some("CONSULT")
                        && same_pair(&o.event, &out[k].event)
                });
            if dup {
                out.remove(k);
            } else {
                k += 1;
            }
        }
        (out, parties)
    }
}

/// The actor reference of document mention `i`.
fn mention_ref(mentions: &[ActorMention<'_>], i: usize) -> ActorRef {
    ActorRef {
        code: mentions[i].code.to_owned(),
        start: mentions[i].start,
        end: mentions[i].end,
        mention: Some(i),
    }
}

/// A side no mention names there, referred to at byte `at` (the sentence's start).
fn unnamed_ref(code: &str, at: usize) -> ActorRef {
    ActorRef {
        code: code.to_owned(),
        start: at,
        end: at,
        mention: None,
    }
}

/// Whether an event without a stated target may take the other party as its target: not
/// for praise and endorsement (aimed at a thing or a process as often as at a party) and
/// not for visits and arrivals (whose target is the host, named or not at all).
fn infer_target(ev: &Event, text: &str) -> bool {
    let trigger = text
        .get(ev.trigger.0..ev.trigger.1)
        .unwrap_or("")
        .to_ascii_uppercase();
    !matches!(ev.plover, Some("SUPPORT") | None)
        && !matches!(ev.cameo.get(..3), Some("042" | "043"))
        && !["ARRIV", "TRAVEL", "RETURN", "FLEW", "FLY", "FLIES", "LAND"]
            .iter()
            .any(|w| trigger.starts_with(w))
}

/// Where a sentence names an event of the parties (its word's byte span) and the event's
/// status; `None` when it names none.
type Found = Option<((usize, usize), Status)>;

/// Nouns of a meeting between the parties.
const MEETING_NOUNS: &[&str] = &["round", "meeting", "talks", "negotiations"];

/// Whether `words` name a day, a month or a coming period ("on April 14", "next week",
/// "tomorrow").
fn dated(words: &[(usize, &str)]) -> bool {
    words.iter().enumerate().any(|(i, (_, w))| {
        // "may" the modal is no month.
        (model::calendar::is_day_or_month(w) || w.eq_ignore_ascii_case("tomorrow")) && *w != "may"
            || w.eq_ignore_ascii_case("next")
                && words.get(i + 1).is_some_and(|(_, n)| {
                    ["week", "month", "year"]
                        .iter()
                        .any(|p| n.eq_ignore_ascii_case(p))
                })
    })
}

/// A meeting named without its parties: a meeting noun that is scheduled, held or hosted
/// ("the next full round is scheduled to take place in Beijing", "a third meeting is
/// scheduled for Wednesday", "Egypt will host the next round", "the meeting was held at
/// the WTO"). Returns the noun's span in `sentence` and the status its words give; `None`
/// for a sentence that says nothing happens ("no meeting was held") or names no meeting.
fn unnamed_meeting(sentence: &str) -> Found {
    // Most sentences name no meeting: look before splitting into words.
    static MEETING: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    if !MEETING
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(MEETING_NOUNS)
                .ok()
        })
        .as_ref()
        .is_some_and(|ac| ac.is_match(sentence))
    {
        return None;
    }
    let words = words_of(sentence);
    if negated(&words) {
        return None;
    }
    const PLANNED: &[&str] = &[
        "scheduled",
        "due",
        "expected",
        "will",
        "would",
        "next",
        "to",
    ];
    const HELD: &[&str] = &["held", "convened", "chaired", "hosted", "opened", "ended"];
    const HOST: &[&str] = &["host", "hosts", "hosting", "convene", "chair", "receive"];
    let planned = words.iter().any(|(_, w)| is(w, PLANNED)) && dated(&words);
    // Talks marked by their mediator or their format are the parties' talks, held or to
    // come: "five days of talks hosted by Saudi Arabia", "African Union-brokered talks",
    // "the swap was prepared in indirect talks".
    for (i, &(start, w)) in words.iter().enumerate() {
        if !is(w, &["talks", "negotiations"]) {
            continue;
        }
        let before = &words[i.saturating_sub(2)..i];
        let marked_before = before.iter().any(|(_, x)| {
            let x = x.to_ascii_lowercase();
            [
                "-brokered",
                "-mediated",
                "-hosted",
                "-facilitated",
                "-sponsored",
            ]
            .iter()
            .any(|m| x.ends_with(m))
                || matches!(
                    x.as_str(),
                    "indirect" | "direct" | "face-to-face" | "proximity" | "mediated" | "brokered"
                )
        });
        let marked_after = words.get(i + 1).is_some_and(|(_, x)| {
            is(
                x,
                &[
                    "hosted",
                    "brokered",
                    "mediated",
                    "facilitated",
                    "co-facilitated",
                    "chaired",
                ],
            )
        }) && words.get(i + 2).is_some_and(|(_, x)| is(x, &["by"]));
        if marked_before || marked_after {
            let status = if planned {
                Status::Planned
            } else {
                Status::Occurred
            };
            return Some(((start, start + w.len()), status));
        }
    }
    // Otherwise only a meeting still to come, with its date: a past one is reported with
    // its parties, or is the talks the article already covers.
    if !planned {
        return None;
    }
    for (i, &(start, w)) in words.iter().enumerate() {
        if !is(w, MEETING_NOUNS) {
            continue;
        }
        // A subject at the start of the sentence ("The next round is scheduled…"), or the
        // object of a host ("will host the next round").
        let subject = i <= 5
            && words[..i]
                .iter()
                .all(|(_, x)| !is(x, &["said", "says", "of", "with", "between"]));
        let hosted = words[i.saturating_sub(5)..i]
            .iter()
            .any(|(_, x)| is(x, HOST));
        let after = &words[i + 1..words.len().min(i + 7)];
        let scheduled = after.iter().any(|(_, x)| is(x, PLANNED));
        let held = after.iter().any(|(_, x)| is(x, HELD));
        if !held && (subject && scheduled || hosted) {
            return Some(((start, start + w.len()), Status::Planned));
        }
    }
    None
}

/// The words of `sentence` (letters, digits and hyphens) with their byte offsets.
fn words_of(sentence: &str) -> Vec<(usize, &str)> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        let inside = c.is_alphanumeric() || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                words.push((b, &sentence[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Whether `w` is one of `set`, ignoring ASCII case.
fn is(w: &str, set: &[&str]) -> bool {
    set.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Whether the words say that something did not happen ("no meeting", "never met").
fn negated(words: &[(usize, &str)]) -> bool {
    words
        .iter()
        .any(|(_, w)| is(w, &["no", "never", "not", "without", "yet"]))
}

/// Talks through a go-between: a carrying verb with "between" after it ("Qatari mediators
/// carried drafts between them", "the envoy shuttled between the two delegations"). The
/// verb's span, occurred.
fn shuttle(sentence: &str) -> Found {
    if !sentence.contains(" between ") {
        return None;
    }
    let words = words_of(sentence);
    if negated(&words) {
        return None;
    }
    const CARRY: &[&str] = &[
        "shuttled",
        "shuttling",
        "shuttles",
        "ferried",
        "ferrying",
        "ferries",
        "carried",
        "carrying",
        "carries",
        "relayed",
        "relaying",
        "passed",
    ];
    words.iter().enumerate().find_map(|(i, &(at, w))| {
        (is(w, CARRY)
            && words[i + 1..words.len().min(i + 7)]
                .iter()
                .any(|(_, x)| is(x, &["between"])))
        .then_some(((at, at + w.len()), Status::Occurred))
    })
}

/// An agreement named without its parties: a deal noun with a verb of concluding after it
/// ("the truce signed on Sunday", "The deal was reached at the Berlaymont", "under an
/// arrangement reached in Jeddah"). The verb's span, planned after "will be" or "is to be".
fn unnamed_agreement(sentence: &str) -> Found {
    const NOUNS: &[&str] = &[
        "agreement",
        "deal",
        "treaty",
        "truce",
        "ceasefire",
        "cease-fire",
        "accord",
        "arrangement",
        "framework",
        "declaration",
        "memorandum",
        "pact",
        "text",
    ];
    const CONCLUDED: &[&str] = &[
        "signed",
        "initialled",
        "initialed",
        "reached",
        "concluded",
        "struck",
        "sealed",
        "brokered",
        "agreed",
    ];
    // Most sentences conclude nothing: look before splitting into words.
    static CONCLUDING: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    if !CONCLUDING
        .get_or_init(|| AhoCorasick::new(CONCLUDED).ok())
        .as_ref()
        .is_some_and(|ac| ac.is_match(sentence))
    {
        return None;
    }
    let words = words_of(sentence);
    if negated(&words) {
        return None;
    }
    for (i, &(_, w)) in words.iter().enumerate() {
        if !is(w, NOUNS) {
            continue;
        }
        // Right after the noun, or after "was", "had been", "will be", a comma's aside.
        for j in i + 1..words.len().min(i + 5) {
            let (at, x) = words[j];
            if is(x, CONCLUDED) {
                let planned = words[i + 1..j]
                    .iter()
                    .any(|(_, y)| is(y, &["will", "to", "would", "due"]));
                let status = if planned {
                    Status::Planned
                } else {
                    Status::Occurred
                };
                return Some(((at, at + x.len()), status));
            }
            if !is(
                x,
                &[
                    "was", "were", "had", "has", "been", "be", "will", "is", "to", "itself",
                    "first",
                ],
            ) {
                break;
            }
        }
    }
    None
}

/// Nouns for what the parties negotiate or agree on.
const DEAL_NOUNS: &[&str] = &[
    "deal",
    "agreement",
    "accord",
    "truce",
    "ceasefire",
    "cease-fire",
    "framework",
    "talks",
    "treaty",
    "signing",
    "negotiations",
    "summit",
];

/// Whether the event's trigger acts on the parties' deal or talks: a deal noun within the
/// next few words ("welcomed the border deal", "offered to host a signing summit").
fn on_the_deal(ev: &Event, text: &str) -> bool {
    // An appeal for calm or restraint is addressed to the sides too ("urged calm").
    let nouns: &[&str] = match ev.plover {
        Some("SUPPORT" | "AGREE" | "REJECT" | "ACCUSE") => DEAL_NOUNS,
        Some("REQUEST") => &["calm", "restraint", "dialogue", "de-escalation"],
        _ => return false,
    };
    object_names(ev, text, nouns)
}

/// Whether one of `nouns` stands among the first words after the event's trigger, in its
/// clause.
fn object_names(ev: &Event, text: &str, nouns: &[&str]) -> bool {
    let after = text.get(ev.trigger.1..).unwrap_or("");
    let clause = after.split(['.', ';', ',']).next().unwrap_or("");
    clause
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| nouns.iter().any(|d| w.eq_ignore_ascii_case(d)))
}

/// Whether the event acts on a court's decision ("welcomed the verdict", "rejected the
/// ruling"): its target is the court named last.
fn on_a_ruling(ev: &Event, text: &str) -> bool {
    matches!(ev.plover, Some("SUPPORT" | "REJECT" | "ACCUSE"))
        && object_names(ev, text, &["verdict", "ruling", "judgment", "judgement"])
}

/// Both events join the same two countries, in either direction.
fn same_pair(a: &Event, b: &Event) -> bool {
    let key = |e: &Event| {
        (
            country(&e.source.code).to_owned(),
            e.target.as_ref().map(|t| country(&t.code).to_owned()),
        )
    };
    let (a, b) = (key(a), key(b));
    a == b || (Some(a.0.clone()) == b.1 && a.1 == Some(b.0.clone()))
}

/// Moves an event coded on a sentence starting at `s` to document offsets, with mention
/// indices through `index` (`usize::MAX`: no document mention).
fn to_document(ev: &mut Event, s: usize, index: &[usize]) {
    let shift = |r: &mut ActorRef| {
        r.start += s;
        r.end += s;
        r.mention = r
            .mention
            .and_then(|i| index.get(i).copied())
            .filter(|&i| i != usize::MAX);
    };
    shift(&mut ev.source);
    if let Some(t) = ev.target.as_mut() {
        shift(t);
    }
    if let Some(m) = ev.mediator.as_mut() {
        shift(m);
    }
    ev.trigger = (ev.trigger.0 + s, ev.trigger.1 + s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::mentions_in;

    fn m(text: &str, word: &str, code: &'static str) -> ActorMention<'static> {
        let start = text.find(word).expect("word in text");
        ActorMention {
            start,
            end: start + word.len(),
            code,
        }
    }

    #[test]
    fn parties_are_the_two_most_named_states() {
        let t = "Kyiv Moscow Kyiv Moscow Ankara Brussels";
        let ms = [
            ActorMention {
                start: 0,
                end: 4,
                code: "UKRGOV",
            },
            ActorMention {
                start: 5,
                end: 11,
                code: "RUSGOV",
            },
            ActorMention {
                start: 12,
                end: 16,
                code: "UKR",
            },
            ActorMention {
                start: 17,
                end: 23,
                code: "RUS",
            },
            ActorMention {
                start: 24,
                end: 30,
                code: "TUR",
            },
            ActorMention {
                start: 31,
                end: 39,
                code: "IGOEUR",
            },
        ];
        assert_eq!(t.len(), 39);
        assert_eq!(
            parties(&ms, &[false; 6]),
            Some(["UKR".to_owned(), "RUS".to_owned()])
        );
        // Turkey as mediator twice does not make it a party.
        assert_eq!(parties(&ms[..2], &[false; 2]), None);
    }

    #[test]
    fn both_sides_on_word_boundaries() {
        assert_eq!(
            both_sides("Both sides met; the two sides-x."),
            vec![(0, 10), (16, 29)]
        );
        assert!(both_sides("bothsides").is_empty());
    }

    #[test]
    fn unstated_targets_go_to_the_other_party() {
        let coder = Coder::builtin();
        let text = "Ukraine and Russia traded accusations. Ukraine rejected the offer. \
                    Russia demanded a pause.";
        let s1 = text.find("Ukraine rejected").expect("s1");
        let s2 = text.find("Russia demanded").expect("s2");
        let sentences = [(0, s1 - 1), (s1, s2 - 1), (s2, text.len())];
        let ms = vec![
            m(text, "Ukraine", "UKR"),
            m(text, "Russia", "RUS"),
            ActorMention {
                start: s1,
                end: s1 + 7,
                code: "UKRGOV",
            },
            ActorMention {
                start: s2,
                end: s2 + 6,
                code: "RUSGOV",
            },
        ];
        let events = coder.code_document(text, &sentences, &ms);
        let reject = events
            .iter()
            .find(|e| e.event.plover == Some("REJECT"))
            .expect("a rejection");
        assert_eq!(reject.sentence, 1);
        assert!(reject.inferred_target);
        assert_eq!(
            reject.event.target.as_ref().map(|t| t.code.as_str()),
            Some("RUS")
        );
        let request = events
            .iter()
            .find(|e| e.event.plover == Some("REQUEST"))
            .expect("a demand");
        assert_eq!(request.event.source.code, "RUSGOV");
        assert_eq!(
            request.event.target.as_ref().map(|t| t.code.as_str()),
            Some("UKRGOV")
        );
        assert_eq!(
            request.event.target.as_ref().and_then(|t| t.mention),
            Some(2)
        );
    }

    /// Sentence ranges of `text` split after each ". ".
    fn sentences_of(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = 0;
        for (i, _) in text.match_indices(". ") {
            out.push((s, i + 1));
            s = i + 2;
        }
        out.push((s, text.len()));
        out
    }

    #[test]
    fn an_outsider_acting_on_the_deal_acts_on_both_parties() {
        let coder = Coder::builtin();
        let text = "Kenya and Somalia signed a border deal. Kenya thanked Somalia. \
                    Somalia praised Kenya. Norway welcomed the deal. Sweden urged calm.";
        let ms = mentions_in(
            text,
            &[
                ("Kenya", "KENGOV"),
                ("Somalia", "SOMGOV"),
                ("Kenya", "KENGOV"),
                ("Somalia", "SOMGOV"),
                ("Somalia", "SOMGOV"),
                ("Kenya", "KENGOV"),
                ("Norway", "NORGOV"),
                ("Sweden", "SWEGOV"),
            ],
        );
        let events = coder.code_document(text, &sentences_of(text), &ms);
        for k in [3, 4] {
            let mut targets: Vec<&str> = events
                .iter()
                .filter(|e| e.sentence == k)
                .map(|e| e.event.target.as_ref().map_or("", |t| t.code.as_str()))
                .collect();
            targets.sort_unstable();
            assert_eq!(targets, ["KENGOV", "SOMGOV"], "{k}: {events:?}");
        }
        // One country's two sides: one event aimed at the country.
        let text = "Kinshasa and the rebels signed a truce. Kinshasa accused the rebels. \
                    The rebels accused Kinshasa. Angola welcomed the truce.";
        let ms = mentions_in(
            text,
            &[
                ("Kinshasa", "CODGOV"),
                ("the rebels", "CODREB"),
                ("Kinshasa", "CODGOV"),
                ("the rebels", "CODREB"),
                ("The rebels", "CODREB"),
                ("Kinshasa", "CODGOV"),
                ("Angola", "AGOGOV"),
            ],
        );
        let events = coder.code_document(text, &sentences_of(text), &ms);
        let welcome: Vec<&DocumentEvent> = events.iter().filter(|e| e.sentence == 3).collect();
        assert_eq!(welcome.len(), 1, "{events:?}");
        assert_eq!(
            welcome[0].event.target.as_ref().map(|t| &t.code[..3]),
            Some("COD")
        );
    }

    #[test]
    fn a_verdict_welcomed_or_rejected_is_the_court_s() {
        let coder = Coder::builtin();
        let text = "Kenya's Supreme Court upheld the vote. The opposition rejected the ruling. \
                    Tanzania welcomed the verdict.";
        let ms = mentions_in(
            text,
            &[
                ("Kenya's Supreme Court", "KENJUD"),
                ("The opposition", "KENOPP"),
                ("Tanzania", "TZAGOV"),
            ],
        );
        let events = coder.code_document(text, &sentences_of(text), &ms);
        let targets: Vec<(usize, &str)> = events
            .iter()
            .filter(|e| e.sentence >= 1)
            .map(|e| {
                (
                    e.sentence,
                    e.event.target.as_ref().map_or("", |t| t.code.as_str()),
                )
            })
            .collect();
        assert_eq!(targets, [(1, "KENJUD"), (2, "KENJUD")], "{events:?}");
    }

    /// The words `find` finds in `s`, with their status.
    fn found(s: &str, find: fn(&str) -> Found) -> Option<(&str, Status)> {
        find(s).map(|((a, b), st)| (&s[a..b], st))
    }

    #[test]
    fn a_scheduled_meeting_without_parties_is_theirs() {
        let planned = |s| found(s, unnamed_meeting);
        assert_eq!(
            planned("The next round is scheduled for Nairobi on May 3."),
            Some(("round", Status::Planned))
        );
        assert_eq!(
            planned("Norway will host a follow-up meeting next month."),
            Some(("meeting", Status::Planned))
        );
        assert_eq!(
            planned("The working group’s talks are to resume on Friday."),
            Some(("talks", Status::Planned))
        );
        // Past, undated, negated, or no meeting of the parties: nothing.
        assert_eq!(planned("The talks were held in Oslo on Monday."), None);
        assert_eq!(planned("The round will be run from a hotel."), None);
        assert_eq!(planned("No meeting is scheduled for Friday."), None);
        assert_eq!(planned("Officials said a deal was due on Friday."), None);

        let coder = Coder::builtin();
        let text = "Kenya accused Somalia of delays. Somalia rejected Kenya's claim. \
                    The next round is scheduled for Friday.";
        let ms = mentions_in(
            text,
            &[
                ("Kenya", "KENGOV"),
                ("Somalia", "SOMGOV"),
                ("Somalia", "SOMGOV"),
                ("Kenya", "KENGOV"),
            ],
        );
        let events = coder.code_document(text, &sentences_of(text), &ms);
        let consult: Vec<_> = events.iter().filter(|e| e.sentence == 2).collect();
        assert_eq!(consult.len(), 1, "{events:?}");
        assert_eq!(consult[0].event.plover, Some("CONSULT"));
        assert_eq!(consult[0].event.status, Status::Planned);
        assert_eq!(
            &text[consult[0].event.trigger.0..consult[0].event.trigger.1],
            "round"
        );
    }

    /// The events of two sentences in which Peru and Chile are named twice each, then
    /// `third` with the mention `(word, code)`.
    fn peru_and_chile_then(third: &str, mention: (&str, &'static str)) -> Vec<DocumentEvent> {
        let text = format!("Peru accused Chile of delays. Chile rejected Peru's claim. {third}");
        let ms = mentions_in(
            &text,
            &[
                ("Peru", "PERGOV"),
                ("Chile", "CHLGOV"),
                ("Chile", "CHLGOV"),
                ("Peru", "PERGOV"),
                mention,
            ],
        );
        Coder::builtin().code_document(&text, &sentences_of(&text), &ms)
    }

    #[test]
    fn talks_marked_by_their_mediator_or_format_are_the_parties_talks() {
        let held = |s| found(s, unnamed_meeting);
        assert_eq!(
            held("The deal ended five days of talks hosted by Norway."),
            Some(("talks", Status::Occurred))
        );
        assert_eq!(
            held("It came after weeks of Ecuador-brokered negotiations."),
            Some(("negotiations", Status::Occurred))
        );
        assert_eq!(
            held("The swap was prepared in indirect talks last month."),
            Some(("talks", Status::Occurred))
        );
        assert_eq!(held("The talks were tense."), None);

        let events = peru_and_chile_then(
            "The text ended two days of talks hosted by Norway.",
            ("Norway", "NORGOV"),
        );
        let consult = events
            .iter()
            .find(|e| e.sentence == 2)
            .expect("a consultation in the third sentence");
        assert_eq!(consult.event.plover, Some("CONSULT"));
        assert_eq!(
            consult.event.mediator.as_ref().map(|m| m.code.as_str()),
            Some("NORGOV")
        );
    }

    #[test]
    fn shuttles_and_agreements_without_their_parties_are_the_parties() {
        let t = "Norwegian diplomats carried drafts between the two delegations.";
        assert_eq!(found(t, shuttle), Some(("carried", Status::Occurred)));
        let t = "The envoy carried the drafts to Lima.";
        assert_eq!(found(t, shuttle), None);
        let t = "The truce signed on Sunday in Quito held for a day.";
        assert_eq!(
            found(t, unnamed_agreement),
            Some(("signed", Status::Occurred))
        );
        let t = "The deal was reached at the Palacio San Martín.";
        assert_eq!(
            found(t, unnamed_agreement),
            Some(("reached", Status::Occurred))
        );
        let t = "The accord is to be signed in Lima next week.";
        assert_eq!(
            found(t, unnamed_agreement),
            Some(("signed", Status::Planned))
        );
        // Not concluded, or a deal noun without a verb of concluding.
        let t = "No agreement was reached on Monday.";
        assert_eq!(found(t, unnamed_agreement), None);
        let t = "The deal collapsed within days.";
        assert_eq!(found(t, unnamed_agreement), None);

        let events = peru_and_chile_then(
            "Norwegian diplomats carried drafts between the two delegations.",
            ("Norwegian diplomats", "NORGOV"),
        );
        let consult = events
            .iter()
            .find(|e| e.sentence == 2 && e.event.plover == Some("CONSULT"))
            .expect("talks through the Norwegians");
        assert_eq!(
            consult.event.mediator.as_ref().map(|m| m.code.as_str()),
            Some("NORGOV")
        );
    }

    #[test]
    fn a_side_that_hosts_mediates_and_an_armed_group_is_a_side() {
        // Egypt, named most, hosts: the sides are Israel and Hamas.
        let text = "Egypt will receive the delegations. Egypt Egypt Egypt. \
                    Israel Israel Israel. Hamas Hamas Hamas.";
        let at = |w: &str, n: usize| text.match_indices(w).nth(n).expect("word").0;
        let mut ms: Vec<ActorMention<'_>> = Vec::new();
        for (w, code, n) in [
            ("Egypt", "EGY", 4),
            ("Israel", "ISR", 3),
            ("Hamas", "PSEREB", 3),
        ] {
            for k in 0..n {
                ms.push(ActorMention {
                    start: at(w, k),
                    end: at(w, k) + w.len(),
                    code,
                });
            }
        }
        ms.sort_by_key(|m| m.start);
        assert_eq!(
            parties_in(Some(text), &ms, &vec![false; ms.len()]),
            Some(["ISR".to_owned(), "PSEREB".to_owned()])
        );
        // Named less than an envoy's country, the armed group is still a side.
        let text = "Israel Israel Israel Israel US US US US Hamas Hamas Hamas";
        let mut ms: Vec<ActorMention<'_>> = Vec::new();
        for (w, code, n) in [
            ("Israel", "ISR", 4),
            ("US", "USA", 4),
            ("Hamas", "PSEREB", 3),
        ] {
            for k in 0..n {
                ms.push(ActorMention {
                    start: at_in(text, w, k),
                    end: at_in(text, w, k) + w.len(),
                    code,
                });
            }
        }
        ms.sort_by_key(|m| m.start);
        assert_eq!(
            parties(&ms, &vec![false; ms.len()]),
            Some(["ISR".to_owned(), "PSEREB".to_owned()])
        );
    }

    fn at_in(text: &str, w: &str, n: usize) -> usize {
        text.match_indices(w).nth(n).expect("word").0
    }

    #[test]
    fn rebels_bodies_and_oppositions_are_sides() {
        let text = "Khartoum Khartoum RSF RSF";
        let ms = [
            m(text, "Khartoum", "SDNGOV"),
            ActorMention {
                start: 9,
                end: 17,
                code: "SDNMIL",
            },
            m(text, "RSF", "SDNREB"),
            ActorMention {
                start: 22,
                end: 25,
                code: "SDNREB",
            },
        ];
        assert_eq!(
            parties(&ms, &[false; 4]),
            Some(["SDN".to_owned(), "SDNREB".to_owned()])
        );
        assert_eq!(party_key("IGOEURCOM"), Some("IGOEUR"));
        assert_eq!(party_key("PERGOV"), Some("PER"));
        assert_eq!(party_key("BOLOPP"), Some("BOLOPP"));
        // A union and the employers are the sides of a labour dispute.
        assert_eq!(party_key("CANLAB"), Some("CANLAB"));
        assert_eq!(party_key("CANBUS"), Some("CANBUS"));
        assert_eq!(party_key("GCC"), None);
    }

    #[test]
    fn venues_do_not_count_as_sides() {
        assert!(locative("talks in Vienna", 9));
        assert!(locative("met at the Hague", 11));
        assert!(!locative("Vienna said", 0));
        assert!(!locative("officials from Vienna", 15));
    }

    #[test]
    fn an_opposition_party_acts_on_the_government() {
        let coder = Coder::builtin();
        let text = "The government of Bolivia and the opposition met. La Paz was pleased. \
                    The opposition rejected the offer.";
        let s1 = text.find("La Paz").expect("s1");
        let s2 = text.find("The opposition rejected").expect("s2");
        let sentences = [(0, s1 - 1), (s1, s2 - 1), (s2, text.len())];
        let ms = vec![
            m(text, "The government of Bolivia", "BOLGOV"),
            m(text, "the opposition", "BOLOPP"),
            m(text, "La Paz", "BOLGOV"),
            m(text, "The opposition", "BOLOPP"),
        ];
        let events = coder.code_document(text, &sentences, &ms);
        let reject = events
            .iter()
            .find(|e| e.event.plover == Some("REJECT"))
            .expect("a rejection");
        assert!(reject.inferred_target);
        assert_eq!(
            reject.event.target.as_ref().map(|t| t.code.as_str()),
            Some("BOLGOV")
        );
    }

    #[test]
    fn a_state_named_as_mediator_is_not_a_side() {
        let text = "Egypt Egypt Egypt Sudan Sudan Ethiopia Ethiopia Ethiopia Egyptian mediators";
        let at = |w: &str, n: usize| text.match_indices(w).nth(n).expect("word").0;
        let ms: Vec<ActorMention<'_>> = [
            ("Egypt", 0, "EGY"),
            ("Egypt", 1, "EGY"),
            ("Egypt", 2, "EGY"),
            ("Sudan", 0, "SDN"),
            ("Sudan", 1, "SDN"),
            ("Ethiopia", 0, "ETH"),
            ("Ethiopia", 1, "ETH"),
            ("Ethiopia", 2, "ETH"),
        ]
        .iter()
        .map(|&(w, n, code)| ActorMention {
            start: at(w, n),
            end: at(w, n) + w.len(),
            code,
        })
        .chain(std::iter::once(ActorMention {
            start: at("Egyptian", 0),
            end: text.len(),
            code: "EGYGOV",
        }))
        .collect();
        assert_eq!(
            parties_in(Some(text), &ms, &[false; 9]),
            Some(["SDN".to_owned(), "ETH".to_owned()])
        );
        // Without the mediators, Egypt is the most named side.
        assert_eq!(
            parties_in(Some(text), &ms[..8], &[false; 8]),
            Some(["EGY".to_owned(), "ETH".to_owned()])
        );
    }
}
