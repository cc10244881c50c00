//! Positions: each party's stated stance per issue — red line, demand, offer, concession,
//! rejection or position — read from stance cues ("non-negotiable", "insists", "is ready
//! to", "rejected"…), attributed to the party the speaker speaks for, put on an issue by the
//! dossier's keywords, placed on the issue's scale where the text allows, dated with the
//! document's date and cited with the sentence. [`changes`] compares stances across dates.

use std::ops::Range;
use std::sync::LazyLock;

use model::Evidence;
use model::record::PositionRecord;
use serde::{Deserialize, Serialize};

use crate::file::{Dossier, Scale};
use crate::text::{Ending, PhraseSet, clip_words, has_word, words_before};
use crate::view::View;
use crate::vocab::ISSUES;

/// The kind of a stance (ANNOTATION.md "Positions").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StanceKind {
    /// A non-negotiable condition.
    RedLine,
    /// Wants the other side to do something.
    Demand,
    /// Proposes to do something in return.
    Offer,
    /// Gives ground.
    Concession,
    /// Rejects a specific proposal.
    Rejection,
    /// Any other stance.
    Position,
}

impl StanceKind {
    /// The snake_case name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            StanceKind::RedLine => "red_line",
            StanceKind::Demand => "demand",
            StanceKind::Offer => "offer",
            StanceKind::Concession => "concession",
            StanceKind::Rejection => "rejection",
            StanceKind::Position => "position",
        }
    }

    /// How strongly the kind binds; the stronger kind wins when one sentence gives two.
    pub fn strength(self) -> u8 {
        match self {
            StanceKind::RedLine => 6,
            StanceKind::Concession => 5,
            StanceKind::Rejection => 4,
            StanceKind::Demand => 3,
            StanceKind::Offer => 2,
            StanceKind::Position => 1,
        }
    }

    /// Firm (red line, demand, rejection), flexible (offer, concession) or neutral.
    fn category(self) -> u8 {
        match self {
            StanceKind::RedLine | StanceKind::Demand | StanceKind::Rejection => 2,
            StanceKind::Offer | StanceKind::Concession => 1,
            StanceKind::Position => 0,
        }
    }
}

/// A party's stance on an issue, with the rule that placed its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// The party: country (or IGO) code the speaker speaks for.
    pub actor: String,
    /// The speaker's actor code (`IRNGOV`).
    pub speaker_code: String,
    /// The person or body speaking, when named.
    pub person: Option<String>,
    /// Issue id.
    pub issue: String,
    /// Kind of stance.
    pub kind: StanceKind,
    /// Value on the issue's 0–100 scale, when the text allows one.
    pub value: Option<f64>,
    /// How the value was placed (`rejects "zero enrichment" (0): above it`), when it was.
    pub rule: Option<String>,
    /// The stance in the text's words.
    pub summary: String,
    /// The cue that marked the stance.
    pub cue: String,
    /// Date of the stance (the document's date).
    pub date: Option<String>,
    /// The sentence it was read in (one element; a list as in SPEC §5).
    pub evidence: Vec<Evidence>,
}

impl Position {
    /// The SPEC §3 record form.
    pub fn to_record(&self) -> PositionRecord {
        PositionRecord {
            actor: self.actor.clone(),
            issue: self.issue.clone(),
            kind: self.kind.as_str().to_owned(),
            value: self.value,
            summary: self.summary.clone(),
            date: self.date.clone(),
            start: self.evidence.first().map_or(0, |e| e.span.start()),
            end: self.evidence.first().map_or(0, |e| e.span.end()),
        }
    }
}

/// A stance that moved between dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Party code.
    pub party: String,
    /// Issue id.
    pub issue: String,
    /// The earlier stance.
    pub from: Stance,
    /// The later stance.
    pub to: Stance,
    /// Where the earlier stance was read.
    pub evidence_from: Vec<Evidence>,
    /// Where the later stance was read.
    pub evidence_to: Vec<Evidence>,
}

/// A stance at one date, as shown in a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// Kind.
    pub kind: StanceKind,
    /// Value on the scale.
    pub value: Option<f64>,
    /// Summary.
    pub summary: String,
    /// Date.
    pub date: String,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    kind: StanceKind,
    /// The cue itself negates what it governs ("will never accept X", "rejects X").
    negating: bool,
    /// The cue announces a list of conditions ("red lines:"); what follows is required.
    frame: bool,
    /// A predicate of what comes before it ("X is non-negotiable"): look there first.
    predicate: bool,
    /// Says the thing is not up for negotiation (kept as it is), rather than refused.
    off_table: bool,
}

const fn cue(kind: StanceKind, negating: bool) -> Cue {
    Cue {
        kind,
        negating,
        frame: false,
        predicate: false,
        off_table: false,
    }
}

static CUES: LazyLock<PhraseSet<Cue>> = LazyLock::new(|| {
    use StanceKind::*;
    let mut e: Vec<(String, Cue, Ending)> = Vec::new();
    let mut add = |phrases: &[&str], c: Cue| {
        for p in phrases {
            e.push(((*p).to_owned(), c, Ending::Exact));
        }
    };
    add(
        &["red line", "red lines", "red-line", "bottom line"],
        Cue {
            kind: RedLine,
            negating: true,
            frame: true,
            predicate: true,
            off_table: false,
        },
    );
    add(
        &["unacceptable"],
        Cue {
            kind: RedLine,
            negating: true,
            frame: false,
            predicate: true,
            off_table: false,
        },
    );
    add(
        &[
            "non-negotiable",
            "not negotiable",
            "nonnegotiable",
            "not a subject for negotiation",
            "not a topic for negotiation",
            "not up for negotiation",
            "not up for discussion",
            "not on the table",
            "off the table",
        ],
        Cue {
            kind: RedLine,
            negating: true,
            frame: false,
            predicate: true,
            off_table: true,
        },
    );
    add(
        &[
            "refuses to discuss",
            "refused to discuss",
            "will not discuss",
            "would not discuss",
            "won't discuss",
            "will not negotiate",
            "would not negotiate",
            "not negotiate",
            "will not give up",
            "would not give up",
            "will not bargain away",
            "would not bargain away",
            "its right to",
            "our right to",
            "a right it",
            "sovereign right",
            "inalienable right",
            "right to enrich",
        ],
        Cue {
            kind: RedLine,
            negating: true,
            frame: false,
            predicate: false,
            off_table: true,
        },
    );
    add(
        &[
            "will never",
            "would never",
            "never accept",
            "will not accept",
            "would not accept",
            "cannot accept",
            "can not accept",
            "won't accept",
            "under any circumstances",
            "will not allow",
            "never be allowed",
        ],
        cue(RedLine, true),
    );
    add(
        &[
            "must remain",
            "must stay",
            "must take place",
            "must be",
            "nothing else",
            "nothing more",
            "only to discuss",
            "only about",
        ],
        cue(RedLine, false),
    );
    add(
        &[
            "demand",
            "demands",
            "demanded",
            "demanding",
            "insist",
            "insists",
            "insisted",
            "insisting",
            "continues to insist",
            "wants",
            "wanted",
            "want",
            "pushed for",
            "pushed to",
            "pushing for",
            "pushes for",
            "pressed for",
            "presses for",
            "pressed the demand",
            "calls for",
            "called for",
            "calling for",
            "urge",
            "urges",
            "urged",
            "urging",
            "requires",
            "required",
            "must",
            "has to",
            "have to",
            "needs to",
            "seeks",
            "sought",
            "voiced interest",
            "argued for",
            "argues for",
            "in exchange for",
            "in return for",
            "provided that",
            "on condition that",
            "keep demanding",
            "would demand",
            "will demand",
        ],
        cue(Demand, false),
    );
    add(
        &[
            "offer",
            "offers",
            "offered",
            "offering",
            "is ready to",
            "was ready to",
            "are ready to",
            "were ready to",
            "ready to discuss",
            "ready to accept",
            "willing to",
            "prepared to",
            "proposed",
            "proposes",
            "proposals",
            "put forward",
        ],
        cue(Offer, false),
    );
    add(
        &[
            "backed down",
            "back down",
            "backs down",
            "conceded",
            "concedes",
            "gave ground",
            "softened",
            "dropped its demand",
            "dropped the demand",
            "agreed to drop",
            "relented",
            "climbed down",
            "no longer insists",
            "no longer demands",
        ],
        cue(Concession, false),
    );
    add(
        &[
            "reject",
            "rejects",
            "rejected",
            "rejecting",
            "refuse",
            "refuses",
            "refused",
            "refusing",
            "dismissed",
            "dismisses",
            "turned down",
            "rebuffed",
            "ruled out",
            "rules out",
            "opposes",
            "opposed",
        ],
        cue(Rejection, true),
    );
    add(
        &[
            "has no interest in",
            "no interest in",
            "does not seek",
            "do not seek",
            "not seeking",
        ],
        cue(Position, true),
    );
    add(
        &[
            "preferred",
            "prefers",
            "prefer",
            "worry",
            "worries",
            "worried",
            "open to",
            "supports",
            "favours",
            "favors",
            "backs",
            "believes",
            "is committed to",
            "remained committed",
        ],
        cue(Position, false),
    );
    PhraseSet::new(e)
});

/// Words after which a cue word is a noun ("the demand", "its offer"), the object of
/// another stance rather than a stance of its own.
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "any",
    "this",
    "that",
    "every",
    "american",
    "u.s",
    "us",
    "iranian",
    "russian",
    "israeli",
    "chinese",
    "ukrainian",
    "such",
];
/// Cues that trade one thing for another: what stands before them is offered.
const EXCHANGE: &[&str] = &[
    "in exchange for",
    "in return for",
    "provided that",
    "on condition that",
];

/// The stance in the text's own words: the clause from the cue to the end of what it
/// governs, on one line, without quotation marks left open by the cut, at most 16 words.
fn summary_of(original: &str) -> String {
    let clipped = clip_words(original, 16);
    let straight = clipped.matches('"').count();
    let opening = clipped.matches('\u{201c}').count();
    let closing = clipped.matches('\u{201d}').count();
    let cleaned: String = clipped
        .chars()
        .filter(|&c| {
            !((c == '"' && straight % 2 == 1)
                || (matches!(c, '\u{201c}' | '\u{201d}') && opening != closing))
        })
        .collect();
    cleaned
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '—' | '-'))
        .to_owned()
}

const NOUN_CUES: &[&str] = &["demand", "demands", "offer", "offers", "proposals", "want"];
const MODALS: &[&str] = &["must", "has to", "have to", "needs to"];
const PREPOSITIONS: &[&str] = &[
    "to", "with", "on", "against", "from", "for", "by", "toward", "towards",
];

const NEGATORS: &[&str] = &["no", "not", "never", "n't", "without", "nor"];
const ABSENCE: &[&str] = &[
    "zero",
    "no",
    "end",
    "ending",
    "ends",
    "stop",
    "stopping",
    "halt",
    "give up",
    "giving up",
    "abandon",
    "ban on",
    "a ban on",
    "dismantle",
    "renounce",
    "scrap",
    "forgo",
    "end to",
];
const BETWEEN: &[&str] = &[
    "limit",
    "limits",
    "limiting",
    "limited",
    "cap",
    "caps",
    "capping",
    "level",
    "levels",
    "purity",
    "ceiling",
    "restrict",
    "restrictions",
    "reduce",
    "reduction",
    "partial",
    "phased",
    "in stages",
    "flexibility",
    "step for step",
    "step by step",
    "temporary",
    "interim",
];
const EXCLUSIVE: &[&str] = &[
    "only",
    "limited to",
    "nothing else",
    "strictly",
    "solely",
    "exclusively",
];
const GENERIC: &[&str] = &[
    "talks",
    "deal",
    "agreement",
    "negotiation",
    "negotiations",
    "programme",
    "program",
    "issue",
    "file",
    "the",
    "and",
    "of",
    "on",
    "or",
    "by",
    "a",
    "an",
    "to",
    "at",
    "all",
    "as",
    "it",
    "is",
    "with",
    "its",
    "kept",
    "no",
];
const ABSENCE_MARKS: &[&str] = &[
    "zero",
    "no",
    "none",
    "without",
    "not discussed",
    "left out",
    "removed",
    "renounced",
    "withdrawn",
    "lifted",
];

/// An issue prepared for matching and placing.
pub struct IssueRule {
    /// Issue id.
    pub id: String,
    scale: Option<Scale>,
    /// Index of the scale point that means "none of it", when one does.
    absence: Option<usize>,
    /// Distinctive stems of each point's label.
    label_words: Vec<Vec<String>>,
}

/// The dossier compiled for matching: keyword set and scale rules.
pub struct Compiled {
    /// Issues in dossier order.
    pub issues: Vec<IssueRule>,
    keywords: PhraseSet<usize>,
}

fn stem(w: &str) -> &str {
    for suf in ["ies", "es", "ed", "ing", "s"] {
        if w.len() > suf.len() + 3
            && let Some(s) = w.strip_suffix(suf)
        {
            return s;
        }
    }
    w
}

impl Compiled {
    /// Compiles a dossier: its keywords plus the built-in terms of a known issue id.
    pub fn new(dossier: &Dossier) -> Compiled {
        let mut entries = Vec::new();
        let mut issues = Vec::new();
        for (i, issue) in dossier.issues.iter().enumerate() {
            let mut kws: Vec<String> = issue.keywords.clone();
            if let Some(v) = ISSUES.iter().find(|v| v.id == issue.id) {
                kws.extend(v.terms.iter().map(|t| (*t).to_owned()));
            }
            if kws.is_empty() {
                kws.push(issue.id.replace('_', " "));
            }
            let mut absence = None;
            let mut label_words = Vec::new();
            if let Some(scale) = &issue.scale {
                for (k, p) in scale.points.iter().enumerate() {
                    let label = crate::text::fold_str(&p.label);
                    let r = 0..label.len();
                    let absent = ABSENCE_MARKS.iter().any(|m| has_word(&label, r.clone(), m));
                    let names_issue = kws.iter().any(|kw| {
                        let kw = crate::text::fold_str(kw);
                        let last = kw.rsplit(' ').next().unwrap_or(&kw).to_owned();
                        label.contains(stem(&last))
                    });
                    if absent && names_issue && absence.is_none() {
                        absence = Some(k);
                    }
                }
                let all: Vec<Vec<String>> = scale
                    .points
                    .iter()
                    .map(|p| {
                        crate::text::fold_str(&p.label)
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty() && !GENERIC.contains(w))
                            .map(|w| stem(w).to_owned())
                            .collect()
                    })
                    .collect();
                for (k, ws) in all.iter().enumerate() {
                    let distinct = ws
                        .iter()
                        .filter(|w| {
                            all.iter()
                                .enumerate()
                                .all(|(j, o)| j == k || !o.contains(w))
                        })
                        .cloned()
                        .collect();
                    label_words.push(distinct);
                }
            }
            for kw in kws {
                entries.push((kw, i, Ending::Inflected));
            }
            issues.push(IssueRule {
                id: issue.id.clone(),
                scale: issue.scale.clone(),
                absence,
                label_words,
            });
        }
        Compiled {
            issues,
            keywords: PhraseSet::new(entries),
        }
    }

    /// Issue hits in a folded range: (issue index, folded range of the keyword).
    pub fn issue_hits(&self, text: &str, r: Range<usize>) -> Vec<(usize, Range<usize>)> {
        self.keywords
            .find(text, r)
            .into_iter()
            .map(|h| (*h.item, h.start..h.end))
            .collect()
    }
}

/// Who a stance is attributed to.
struct Speaker {
    country: String,
    code: String,
    person: Option<String>,
}

const SPEECH: &[&str] = &[
    "said", "says", "told", "added", "insisted", "stated", "wrote", "warned",
];

fn speaker_at(view: &View, si: usize, pos: usize, frame: Option<&Speaker>) -> Option<Speaker> {
    let text = &view.folded.text;
    let sent = view.sentences[si].clone();
    if let Some(q) = view.quote_at(pos)
        && let (Some(country), Some(code)) = (&q.country, &q.code)
    {
        return Some(Speaker {
            country: country.clone(),
            code: code.clone(),
            person: q.person.clone(),
        });
    }
    let before: Vec<_> = view.mentions_in(sent.start..pos).collect();
    let cue_text = &text[crate::text::char_range(text, pos..(pos + 9).min(text.len()))];
    let modal = MODALS.iter().any(|m| cue_text.starts_with(m));
    let usable = |m: &&crate::view::Mention| {
        let w = words_before(text, sent.start, m.range.start, 1);
        !PREPOSITIONS.iter().any(|p| has_word(text, w.clone(), p))
    };
    let mut candidates: Vec<&crate::view::Mention> =
        before.iter().copied().filter(usable).collect();
    if modal && candidates.len() > 1 {
        // "X must do Y": X is the one asked, not the one asking.
        candidates.pop();
    }
    if candidates.iter().any(|m| !m.code.starts_with("IGO")) {
        candidates.retain(|m| !m.code.starts_with("IGO"));
    }
    if let Some(m) = candidates.last().or(before.last()) {
        return Some(Speaker {
            country: m.country.clone(),
            code: m.code.clone(),
            person: m.entity.clone(),
        });
    }
    for m in view.mentions_in(pos..sent.end) {
        let after = m.range.end..(m.range.end + 12).min(sent.end);
        if SPEECH.iter().any(|w| has_word(text, after.clone(), w)) {
            return Some(Speaker {
                country: m.country.clone(),
                code: m.code.clone(),
                person: m.entity.clone(),
            });
        }
    }
    if let Some(f) = frame {
        return Some(Speaker {
            country: f.country.clone(),
            code: f.code.clone(),
            person: f.person.clone(),
        });
    }
    // The last party mention earlier in the same paragraph.
    let para = view.paragraph[si];
    let mut k = si;
    while k > 0 && view.paragraph[k - 1] == para {
        k -= 1;
        let ms: Vec<&crate::view::Mention> = view.mentions_in(view.sentences[k].clone()).collect();
        let m = ms
            .iter()
            .rev()
            .find(|m| !m.code.starts_with("IGO"))
            .or(ms.last());
        if let Some(m) = m {
            return Some(Speaker {
                country: m.country.clone(),
                code: m.code.clone(),
                person: m.entity.clone(),
            });
        }
    }
    None
}

/// Splits a governed range into list items at commas, semicolons, colons, dashes and
/// coordinating words.
fn items(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = r.start;
    let mut i = r.start;
    while i < r.end {
        let b = bytes[i];
        let sep_len =
            if matches!(b, b',' | b';' | b':') || (b == b'-' && i > 0 && bytes[i - 1] == b' ') {
                1
            } else if bytes[i..r.end].starts_with(b" and ") {
                4
            } else if bytes[i..r.end].starts_with(b" or ") {
                3
            } else {
                0
            };
        if sep_len > 0 {
            if i > start {
                out.push(start..i);
            }
            i += sep_len;
            start = i;
        } else {
            i += 1;
        }
    }
    if r.end > start {
        out.push(start..r.end);
    }
    out
}

fn any_word(text: &str, r: Range<usize>, list: &[&str]) -> Option<Range<usize>> {
    let r = crate::text::char_range(text, r);
    let hay = &text[r.clone()];
    let mut best: Option<Range<usize>> = None;
    for w in list {
        let mut from = 0;
        while let Some(p) = hay[from..].find(w) {
            let s = r.start + from + p;
            let e = s + w.len();
            let bytes = text.as_bytes();
            let left = s == 0 || !crate::text::is_word_byte(bytes[s - 1]) || w.starts_with("n'");
            let right = e >= bytes.len() || !crate::text::is_word_byte(bytes[e]);
            if left && right {
                if best.as_ref().is_none_or(|b| s < b.start) {
                    best = Some(s..e);
                }
                break;
            }
            from += p + w.len();
        }
    }
    best
}

/// Places a stance on the issue's scale. `negated` says the cue negates what it governs.
/// What a cue governs, for placing on the scale.
struct Governed {
    /// Folded range of the governed item.
    seg: Range<usize>,
    /// Folded range of the issue keyword.
    kw: Range<usize>,
    /// The cue negates the item.
    negated: bool,
    /// Kind of stance.
    kind: StanceKind,
    /// The cue keeps the thing off the table rather than refusing it.
    off_table: bool,
}

fn place(
    rule: &IssueRule,
    compiled: &Compiled,
    issue_idx: usize,
    text: &str,
    g: Governed,
) -> Option<(f64, String)> {
    let Governed {
        seg,
        kw,
        negated,
        kind,
        off_table,
    } = g;
    let scale = rule.scale.as_ref()?;
    let mid = |a: f64, b: f64| (a + b) / 2.0;
    if let Some(ai) = rule.absence {
        let point = &scale.points[ai];
        let far = if ai == 0 { scale.max() } else { scale.min() };
        // An absence word shortly before one of this issue's keywords.
        let absence = compiled
            .issue_hits(text, seg.clone())
            .into_iter()
            .filter(|(i, _)| *i == issue_idx)
            .find_map(|(_, k)| {
                // Before the keyword, or opening it ("zero enrichment", not "end the war").
                let window = words_before(text, seg.start, k.start, 4);
                any_word(text, window, ABSENCE)
                    .or_else(|| any_word(text, k.start..k.end, &["zero", "no"]))
            });
        let neg_before = |upto: usize| any_word(text, seg.start..upto, NEGATORS).is_some();
        match absence {
            Some(a) => {
                let neg = negated ^ neg_before(a.start);
                return Some(if neg {
                    (
                        mid(point.value, far),
                        format!(
                            "rejects \"{}\" ({}): placed between it and the other end",
                            point.label, point.value
                        ),
                    )
                } else {
                    (
                        point.value,
                        format!("names \"{}\" ({})", point.label, point.value),
                    )
                });
            }
            None if negated && has_between(text, seg.clone()) => return None,
            None if negated
                && off_table
                && !point.label.contains("discuss")
                && !point.label.contains("left out") =>
            {
                return Some((
                    mid(point.value, far),
                    format!(
                        "keeps the issue off the table, so not \"{}\" ({}): placed between it and the other end",
                        point.label, point.value
                    ),
                ));
            }
            None if negated && kw.start >= seg.start => {
                return Some((
                    point.value,
                    format!(
                        "refuses the issue itself: \"{}\" ({})",
                        point.label, point.value
                    ),
                ));
            }
            None => {}
        }
    }
    if has_between(text, seg.clone()) {
        let v = mid(scale.min(), scale.max());
        return Some((v, format!("limits on the issue: between the ends ({v})")));
    }
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for (k, ws) in rule.label_words.iter().enumerate() {
        let hits = ws
            .iter()
            .filter(|w| text[seg.clone()].contains(w.as_str()))
            .count();
        if hits == 0 {
            continue;
        }
        match best {
            Some((_, h)) if h == hits => tie = true,
            Some((_, h)) if h > hits => {}
            _ => {
                best = Some((k, hits));
                tie = false;
            }
        }
    }
    let (k, _) = best.filter(|_| !tie)?;
    let p = &scale.points[k];
    if kind == StanceKind::Rejection || negated {
        if k == 0 || k + 1 == scale.points.len() {
            let far = if k == 0 { scale.max() } else { scale.min() };
            return Some((
                mid(p.value, far),
                format!(
                    "rejects \"{}\" ({}): placed between it and the other end",
                    p.label, p.value
                ),
            ));
        }
        return None;
    }
    Some((p.value, format!("names \"{}\" ({})", p.label, p.value)))
}

fn has_between(text: &str, r: Range<usize>) -> bool {
    any_word(text, r, BETWEEN).is_some()
}

/// The issue most named in the two sentences before `si` and the one after it.
fn nearby_issue(view: &View, compiled: &Compiled, si: usize) -> Option<usize> {
    let mut counts = vec![0usize; compiled.issues.len()];
    let last = (si + 1).min(view.sentences.len().saturating_sub(1));
    for k in si.saturating_sub(2)..=last {
        if view.paragraph[k].abs_diff(view.paragraph[si]) > 1 {
            continue;
        }
        for (i, _) in compiled.issue_hits(&view.folded.text, view.sentences[k].clone()) {
            counts[i] += 1;
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (*n > 0).then_some(best)
}

/// Reads the stances in one document.
pub fn positions(view: &View, compiled: &Compiled) -> Vec<Position> {
    let text = &view.folded.text;
    let mut out: Vec<Position> = Vec::new();
    let mut frame: Option<(usize, Speaker)> = None;
    for (si, sent) in view.sentences.iter().enumerate() {
        if frame
            .as_ref()
            .is_some_and(|(p, _)| *p != view.paragraph[si])
        {
            frame = None;
        }
        let mut cues = CUES.find(text, sent.clone());
        // Drop cues negated by a preceding "not"/"no longer" unless they are negations.
        cues.retain(|c| {
            let word = &text[c.start..c.end];
            if NOUN_CUES.contains(&word) {
                let w = words_before(text, sent.start, c.start, 1);
                if DETERMINERS.iter().any(|d| has_word(text, w.clone(), d)) {
                    return false;
                }
            }
            if text[c.start..c.end].starts_with("no longer") {
                return true;
            }
            // "has not ruled out", "did not reject": a negated cue states no stance of its
            // kind (and a negated refusal is the opposite of one).
            let w = words_before(text, sent.start, c.start, 2);
            !(has_word(text, w.clone(), "not")
                || has_word(text, w.clone(), "n't")
                || has_word(text, w, "never"))
        });
        let mut found: Vec<Position> = Vec::new();
        for (ci, c) in cues.iter().enumerate() {
            let next = cues.get(ci + 1).map_or(sent.end, |n| n.start);
            let prev = if ci == 0 {
                sent.start
            } else {
                cues[ci - 1].end
            };
            let governed = c.end..next.max(c.end);
            let frame_speaker = frame.as_ref().map(|(_, s)| s);
            let Some(speaker) = speaker_at(view, si, c.start, frame_speaker) else {
                continue;
            };
            let mut targets: Vec<(usize, Range<usize>, Range<usize>, bool)> = Vec::new();
            if c.item.predicate && prev < c.start {
                let before = prev..c.start;
                if let Some((i, k)) = compiled.issue_hits(text, before.clone()).into_iter().last() {
                    targets.push((i, before, k, true));
                }
            }
            if targets.is_empty() {
                // Keywords are matched over the whole governed range (a keyword such as
                // "threats and pressure" may span a list separator), then given to the item
                // they start in.
                let hits = compiled.issue_hits(text, governed.clone());
                for (n, it) in items(text, governed.clone()).into_iter().enumerate() {
                    // A new clause with another party as its subject ends what the cue governs.
                    let head = it.start..(it.start + 25).min(it.end);
                    let new_subject = view.mentions_in(head).any(|m| {
                        let w = words_before(text, it.start, m.range.start, 1);
                        m.country != speaker.country
                            && !PREPOSITIONS
                                .iter()
                                .chain(["of", "in", "at"].iter())
                                .any(|p| has_word(text, w.clone(), p))
                    });
                    if n > 0 && new_subject {
                        break;
                    }
                    if let Some((i, k)) = hits
                        .iter()
                        .find(|(_, k)| it.start <= k.start && k.start < it.end)
                        && !targets.iter().any(|t| t.0 == *i)
                    {
                        let seg = it.start..it.end.max(k.end);
                        targets.push((*i, seg, k.clone(), false));
                    }
                }
            }
            if targets.is_empty() && prev < c.start && !c.item.predicate {
                let before = prev..c.start;
                if let Some((i, k)) = compiled.issue_hits(text, before.clone()).into_iter().last() {
                    targets.push((i, before, k, true));
                }
            }
            if targets.is_empty() && c.item.kind == StanceKind::Concession {
                // "X backed down": on the issue the neighbouring sentences are about.
                if let Some(i) = nearby_issue(view, compiled, si) {
                    let r = sent.clone();
                    targets.push((i, r.start..r.start, r.start..r.start, true));
                }
            }
            if targets.is_empty() {
                if c.item.frame || matches!(c.item.kind, StanceKind::RedLine | StanceKind::Demand) {
                    frame = Some((view.paragraph[si], speaker));
                }
                continue;
            }
            let frame_kind = frame
                .as_ref()
                .is_some_and(|(_, s)| s.country == speaker.country);
            for (i, seg, kw, before) in targets {
                let mut kind = c.item.kind;
                if before && EXCHANGE.iter().any(|e| text[c.start..c.end].starts_with(e)) {
                    // "X in exchange for Y": X is what the party gives, Y what it asks.
                    kind = StanceKind::Offer;
                }
                if kind == StanceKind::Demand {
                    let g = governed.start..governed.end;
                    if any_word(text, g, EXCLUSIVE).is_some() || frame_kind {
                        kind = StanceKind::RedLine;
                    }
                }
                // "red lines: X" states X as required; "X is a red line" refuses X.
                let negated = c.item.negating && (before || !c.item.frame);
                let rule = &compiled.issues[i];
                let placed = place(
                    rule,
                    compiled,
                    i,
                    text,
                    Governed {
                        seg: seg.clone(),
                        kw,
                        negated,
                        kind,
                        off_table: c.item.off_table,
                    },
                );
                let cue_text = view.original(c.start..c.end).to_owned();
                let stated = if before {
                    seg.start.min(c.start)..c.end
                } else {
                    c.start..seg.end.max(c.end)
                };
                let summary = summary_of(view.original(stated));
                found.push(Position {
                    actor: speaker.country.clone(),
                    speaker_code: speaker.code.clone(),
                    person: speaker.person.clone(),
                    issue: rule.id.clone(),
                    kind,
                    value: placed.as_ref().map(|p| p.0),
                    rule: placed.map(|p| p.1),
                    summary,
                    cue: cue_text,
                    date: view.date_string(),
                    evidence: vec![view.evidence(si)],
                });
            }
        }
        // One stance per party and issue per sentence: the strongest kind, first placed value.
        found.sort_by(|a, b| {
            (&a.actor, &a.issue)
                .cmp(&(&b.actor, &b.issue))
                .then(b.kind.strength().cmp(&a.kind.strength()))
        });
        let mut kept: Vec<Position> = Vec::new();
        for p in found {
            match kept
                .iter_mut()
                .find(|k| k.actor == p.actor && k.issue == p.issue)
            {
                Some(k) => {
                    if k.value.is_none() && p.value.is_some() {
                        k.value = p.value;
                        k.rule = p.rule;
                    }
                }
                None => kept.push(p),
            }
        }
        out.extend(kept);
    }
    out
}

/// Changes: for each party and issue, consecutive dates whose stances differ in value (by 10
/// or more on the scale) or in firmness (firm: red line, demand, rejection; flexible: offer,
/// concession). A bare `position` never counts as a change of kind.
pub fn changes(positions: &[Position]) -> Vec<Change> {
    use std::collections::BTreeMap;
    let mut by: BTreeMap<(&str, &str), BTreeMap<&str, Vec<&Position>>> = BTreeMap::new();
    for p in positions {
        let Some(d) = p.date.as_deref() else { continue };
        by.entry((p.actor.as_str(), p.issue.as_str()))
            .or_default()
            .entry(d)
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for ((party, issue), dates) in by {
        let stances: Vec<(Stance, Vec<Evidence>)> = dates
            .into_iter()
            .map(|(date, ps)| {
                let strongest = ps.iter().max_by_key(|p| p.kind.strength()).copied();
                let values: Vec<f64> = ps.iter().filter_map(|p| p.value).collect();
                let value =
                    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
                let summary = strongest.map(|p| p.summary.clone()).unwrap_or_default();
                let kind = strongest.map_or(StanceKind::Position, |p| p.kind);
                let ev = ps.iter().flat_map(|p| p.evidence.iter().cloned()).collect();
                (
                    Stance {
                        kind,
                        value,
                        summary,
                        date: date.to_owned(),
                    },
                    ev,
                )
            })
            .collect();
        for w in stances.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let value_moved =
                matches!((a.0.value, b.0.value), (Some(x), Some(y)) if (x - y).abs() >= 10.0);
            let (ca, cb) = (a.0.kind.category(), b.0.kind.category());
            let kind_moved = ca != 0 && cb != 0 && ca != cb;
            if value_moved || kind_moved {
                out.push(Change {
                    party: party.to_owned(),
                    issue: issue.to_owned(),
                    from: a.0.clone(),
                    to: b.0.clone(),
                    evidence_from: a.1.clone(),
                    evidence_to: b.1.clone(),
                });
            }
        }
    }
    out
}
