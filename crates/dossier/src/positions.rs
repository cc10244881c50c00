//! Positions: each party's stated stance per issue — red line, demand, offer, concession,
//! rejection or position — read from stance cues ("non-negotiable", "insists", "is ready
//! to", "rejected"…), attributed to the party the speaker speaks for, put on an issue by the
//! dossier's keywords, placed on the issue's scale where the text allows, dated with the
//! document's date and cited with the sentence. [`changes`] compares stances across dates.
//!
//! Attribution follows the clause: a cue's party is the subject of its clause (both subjects
//! of "Ireland and France have urged"), not a party named inside a relative clause, after a
//! preposition or as the owner of a noun ("rejected Beijing's request": Beijing holds the
//! request, a demand of its own); a pronoun is the quoted speaker or the first person named;
//! a definite description ("the ministry") the actor an earlier sentence named with that
//! noun; an unresolved subject ("the alliance rejects") gives no stance rather than someone
//! else's. "X must …" and "X is unacceptable" belong to whoever says them. Role nouns ("the
//! government", "the rebels", "the army") name the dossier's parties that share a country.
//! Where a stance names no keyword, the words an issue's question shares with its scale
//! labels, a definite noun pointing back, or the neighbouring sentences give its issue.

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
            // Refusing to part with something keeps it: "has refused to give up customs
            // control", "refuses to hand over the towns".
            "refused to give up",
            "refuses to give up",
            "refusing to give up",
            "refused to surrender",
            "refuses to surrender",
            "refused to hand over",
            "refuses to hand over",
            "refused to relinquish",
            "refuses to relinquish",
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
            "pressing for",
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
            // Dropping a demand: "has stopped demanding", "no longer calls for".
            "stopped demanding",
            "stopped insisting",
            "stopped calling for",
            "ceased to demand",
            "ceased demanding",
            "no longer demanding",
            "no longer insisting",
            "no longer calls for",
            "no longer seeks",
            "no longer wants",
            // Signalled give: "could be flexible about the order".
            "could be flexible",
            "would be flexible",
            "can be flexible",
            "is flexible",
            "was flexible",
            "showed flexibility",
            "signalled flexibility",
            "signaled flexibility",
        ],
        cue(Concession, false),
    );
    // Making one's own act depend on the other side's: "tied its signature to the
    // removal of…", "made its consent conditional on…" asks for that thing.
    add(
        &[
            "tied its signature to",
            "ties its signature to",
            "tied their signature to",
            "tied its approval to",
            "ties its approval to",
            "tied its consent to",
            "tied its agreement to",
            "tied any deal to",
            "tied any agreement to",
            "linked its signature to",
            "conditional on",
            "conditional upon",
            "contingent on",
            "contingent upon",
            "conditioned on",
        ],
        cue(Demand, false),
    );
    // Declining or objecting to something is refusing it: "has so far declined to give
    // one", "repeated its objection to any arrangement".
    add(
        &[
            "declined to",
            "declines to",
            "declining to",
            "objected to",
            "objects to",
            "objecting to",
            "objection to",
            "objections to",
            "protested against",
            "protesting against",
            "protests against",
            "protest against",
            // Promising to fight a measure: "has vowed to challenge it in court".
            "vowed to challenge",
            "vows to challenge",
            "vowed to block",
            "vows to block",
            "vowed to fight",
            "vows to fight",
            "vowed to overturn",
            "vows to overturn",
            "vowed to resist",
            "vows to resist",
            "threatened to block",
            "threatens to block",
        ],
        cue(Rejection, true),
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
    // An evaluation of a measure is the view of whoever makes it.
    add(
        &[
            "violates",
            "violated",
            "a violation of",
            "breaches",
            "breached",
        ],
        Cue {
            kind: Position,
            negating: false,
            frame: false,
            predicate: true,
            off_table: false,
        },
    );
    // Things kept out of any bargain.
    add(
        &[
            "not for sale",
            "cannot be bargained away",
            "can not be bargained away",
            "not be bargained away",
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
            "without giving up",
            "without surrendering",
            "not a single inch",
            "not an inch",
            "not one inch",
        ],
        Cue {
            kind: RedLine,
            negating: true,
            frame: false,
            predicate: false,
            off_table: true,
        },
    );
    // A refusal in the future tense ("will not hand over the towns") binds the party; a
    // refusal to meet is a rejection of the talks offered.
    add(
        &[
            "will not",
            "would not",
            "won't",
            "will refuse to",
            "would refuse to",
        ],
        cue(RedLine, true),
    );
    add(
        &[
            "will not meet",
            "would not meet",
            "won't meet",
            "refuses to meet",
            "refused to meet",
            "will not attend",
            "would not attend",
            "will not join",
            "would not join",
            "will not sit down",
            "would not sit down",
        ],
        cue(Rejection, true),
    );
    add(
        &[
            "did not accept",
            "does not accept",
            "do not accept",
            "has not accepted",
            "have not accepted",
        ],
        cue(Rejection, true),
    );
    // "would not rule out X" refuses nothing (matched so that "would not" alone does not
    // read as a refusal, then dropped).
    add(
        &["would not rule out", "will not rule out", "won't rule out"],
        cue(Position, false),
    );
    add(
        &[
            "called on",
            "calls on",
            "calling on",
            "asked",
            "asks",
            "asking",
            "asked for",
            "asks for",
            "asking for",
            "pressed",
            "presses",
            "pressing",
            "press",
            "request",
            "requests",
            "calls",
            "conditions",
            "preconditions",
            "only when",
            "only if",
            "only after",
            "only once",
            "as long as",
        ],
        cue(Demand, false),
    );
    add(
        &[
            "door is open",
            "door was open",
            "door remains open",
            "door remained open",
            "door open",
            "would cooperate",
            "will cooperate",
            "ready to cooperate",
            "could send",
            "could provide",
            "could host",
            "could fund",
            "proposal",
        ],
        cue(Offer, false),
    );
    add(
        &[
            "agreed to",
            "has agreed to",
            "have agreed to",
            "had agreed to",
            "accepted",
            "accepts",
            "could accept",
            "would accept",
            "can accept",
            "could live with",
            "promised to",
            "has promised to",
            "pledged to",
            "is to",
            "are to",
        ],
        cue(Concession, false),
    );
    add(
        &[
            "backed",
            "supported",
            "welcomed",
            "defended",
            "criticised",
            "criticized",
            "denounced",
            "condemned",
            "would respect",
            "will respect",
            "abide by",
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

const NOUN_CUES: &[&str] = &[
    "demand",
    "demands",
    "offer",
    "offers",
    "proposals",
    "proposal",
    "want",
    "request",
    "requests",
    "calls",
    "conditions",
    "preconditions",
    "objection to",
    "objections to",
];
/// Noun cues that only state a stance when someone owns them ("Beijing's request", "Chinese
/// calls to…", "two conditions"): alone they are verbs or mere mentions.
const OWNED_ONLY: &[&str] = &[
    "request",
    "requests",
    "calls",
    "proposal",
    "objection to",
    "objections to",
];
/// Number words that count a noun cue ("two demands") rather than make it an object.
const COUNTING: &[&str] = &[
    "two", "three", "four", "five", "several", "main", "key", "new",
];
const MODALS: &[&str] = &["must", "has to", "have to", "needs to"];
const PREPOSITIONS: &[&str] = &[
    "to", "with", "on", "against", "from", "for", "by", "toward", "towards",
];

/// Prepositions of place and relation: a party named after one is not a subject, except
/// after an agent noun ("officials in Kigali").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "of", "into", "near", "across", "between", "among", "over", "about", "under",
    "than", "like",
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
    /// Words the issue's question and scale labels share ("duties" in "Does the EU lift
    /// its duties?" / "duties kept in full"): a weaker sign of the issue, used only where a
    /// stance names no keyword. One word may point at several issues.
    weak: PhraseSet<Vec<usize>>,
    /// The dossier's parties (codes as written).
    parties: Vec<String>,
    /// Role nouns ("the government", "the rebels") of parties that share a country,
    /// with the actor code each stands for.
    party_nouns: PhraseSet<String>,
}

/// Words a question and a scale label may share that say nothing about the issue.
const WEAK_STOP: &[&str] = &[
    "does",
    "do",
    "are",
    "is",
    "how",
    "what",
    "who",
    "which",
    "where",
    "when",
    "with",
    "without",
    "from",
    "into",
    "over",
    "under",
    "kept",
    "keep",
    "full",
    "fully",
    "altogether",
    "continue",
    "continues",
    "allowed",
    "freely",
    "new",
    "other",
    "more",
    "less",
    "only",
    "all",
    "any",
    "both",
    "side",
    "sides",
    "party",
    "parties",
    "agreed",
    "accepted",
    "declared",
    "final",
    "respected",
    "there",
    "their",
    "them",
    "they",
    "this",
    "that",
    "those",
    "much",
    "many",
    "hard",
    "stay",
    "stays",
    "part",
    "terms",
    "whose",
    "some",
];

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
            weak: weak_keywords(dossier),
            parties: dossier.parties.clone(),
            party_nouns: party_nouns(&dossier.parties),
        }
    }

    /// Weak issue hits (see [`Compiled::weak`]) in a folded range.
    fn weak_hits(&self, text: &str, r: Range<usize>) -> Vec<(&[usize], Range<usize>)> {
        self.weak
            .find(text, r)
            .into_iter()
            .map(|h| (h.item.as_slice(), h.start..h.end))
            .collect()
    }

    /// Mentions of the dossier's parties by role noun ("the government", "the rebels",
    /// "the army") in a folded text, for parties that share a country.
    pub fn party_mentions(&self, text: &str) -> Vec<crate::view::Mention> {
        self.party_nouns
            .find(text, 0..text.len())
            .into_iter()
            .filter(|h| {
                // "rebel-held", "government-run": a modifier, not the party itself.
                !text[h.end..].starts_with('-')
            })
            .map(|h| crate::view::Mention {
                range: h.start..h.end,
                country: crate::view::country_of(h.item, None).unwrap_or_default(),
                code: h.item.clone(),
                entity: None,
                person: false,
            })
            .collect()
    }

    /// The party a speaker's actor code speaks for: the dossier party whose code it
    /// extends (`CODGOVPRE` → `CODGOV`); armed forces and police count for the governing
    /// party of their country; otherwise the country (or IGO) code.
    fn party_of(&self, code: &str, country: &str) -> String {
        if let Some(p) = self
            .parties
            .iter()
            .filter(|p| p.len() > 3 && !p.starts_with("IGO") && code.starts_with(p.as_str()))
            .max_by_key(|p| p.len())
        {
            return p.clone();
        }
        let shared: Vec<&String> = self
            .parties
            .iter()
            .filter(|p| p.len() > 3 && !p.starts_with("IGO") && p.starts_with(country))
            .collect();
        if shared.is_empty() {
            return country.to_owned();
        }
        let sector = code.get(3..6).unwrap_or("");
        // A country or its capital named alone speaks for its government ("Kinshasa
        // insists…"); so do its armed forces and police.
        if matches!(sector, "" | "MIL" | "COP" | "SPY")
            && let Some(gov) = shared.iter().find(|p| p.get(3..6) == Some("GOV"))
        {
            return (*gov).clone();
        }
        if code.len() > 3 {
            code.get(..6).unwrap_or(code).to_owned()
        } else {
            country.to_owned()
        }
    }

    /// True when `party` is one of the dossier's parties (any when the dossier lists none).
    fn is_party(&self, party: &str) -> bool {
        self.parties.is_empty()
            || self
                .parties
                .iter()
                .any(|p| p == party || p.starts_with(party) || party.starts_with(p.as_str()))
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

/// The weak keywords of a dossier: content words an issue's question shares with its scale
/// labels, lowercase words only (names and nationalities say who, not what).
fn weak_keywords(dossier: &Dossier) -> PhraseSet<Vec<usize>> {
    use std::collections::BTreeMap;
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| w.len() >= 4 && w.chars().next().is_some_and(char::is_lowercase))
            .map(crate::text::fold_str)
            .filter(|w| !GENERIC.contains(&w.as_str()) && !WEAK_STOP.contains(&w.as_str()))
            .collect()
    };
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, issue) in dossier.issues.iter().enumerate() {
        let Some(scale) = &issue.scale else { continue };
        let q = words(&issue.question);
        let labels: Vec<String> = scale.points.iter().flat_map(|p| words(&p.label)).collect();
        for w in &q {
            if labels.iter().any(|l| stem(l) == stem(w)) {
                let e = map.entry(w.clone()).or_default();
                if !e.contains(&i) {
                    e.push(i);
                }
            }
        }
    }
    PhraseSet::new(map.into_iter().map(|(w, v)| (w, v, Ending::Inflected)))
}

/// Role nouns of the parties that share a country with another party or carry a sector
/// ("CODGOV" and "CODREB"): "the government" → `CODGOV`, "the army" → `CODMIL`.
fn party_nouns(parties: &[String]) -> PhraseSet<String> {
    let national: Vec<&String> = parties
        .iter()
        .filter(|p| p.len() >= 6 && !p.starts_with("IGO"))
        .collect();
    let mut entries = Vec::new();
    for (sector, nouns) in crate::vocab::PARTY_NOUNS {
        let own: Vec<&&String> = national
            .iter()
            .filter(|p| p.get(3..6) == Some(*sector))
            .collect();
        let code = match own.as_slice() {
            [one] => (**one).clone(),
            [] if matches!(*sector, "MIL" | "COP" | "JUD") => {
                // Forces and courts of the governing party's country.
                let govs: Vec<&&String> = national
                    .iter()
                    .filter(|p| p.get(3..6) == Some("GOV"))
                    .collect();
                match govs.as_slice() {
                    [gov] => format!("{}{sector}", &gov[..3]),
                    _ => continue,
                }
            }
            _ => continue,
        };
        for n in *nouns {
            entries.push(((*n).to_owned(), code.clone(), Ending::Exact));
        }
    }
    PhraseSet::new(entries)
}

/// Who a stance is attributed to.
#[derive(Debug, Clone)]
struct Speaker {
    country: String,
    code: String,
    person: Option<String>,
}

impl Speaker {
    fn of(m: &crate::view::Mention) -> Speaker {
        Speaker {
            country: m.country.clone(),
            code: m.code.clone(),
            person: m.entity.clone(),
        }
    }

    fn of_quote(q: &crate::view::QuoteView) -> Option<Speaker> {
        match (&q.country, &q.code) {
            (Some(country), Some(code)) => Some(Speaker {
                country: country.clone(),
                code: code.clone(),
                person: q.person.clone(),
            }),
            _ => None,
        }
    }
}

const SPEECH: &[&str] = &[
    "said", "says", "told", "added", "insisted", "stated", "wrote", "warned",
];
/// Words that may stand between a subject and its verb ("the M23, for its part, has").
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "also",
    "now",
    "so",
    "far",
    "already",
    "still",
    "repeatedly",
    "publicly",
    "privately",
    "reportedly",
    "then",
    "both",
    "all",
    "for",
    "its",
    "their",
    "part",
    "meanwhile",
    "again",
    "could",
    "can",
    "may",
    "might",
    "should",
    "did",
    "does",
    "do",
    "been",
    "be",
    "long",
    "quickly",
    "firmly",
    "openly",
    "however",
    "in",
    "turn",
    "since",
    "previously",
    "once",
    "just",
    "even",
    "only",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
/// Words that open a noun phrase.
const NP_OPENERS: &[&str] = &[
    "the", "its", "their", "his", "her", "a", "an", "this", "that", "our", "these", "those",
    "both", "each", "neither", "either", "some", "many", "few", "several", "most", "any",
];
/// Texts that carry a party's words ("the statement called on…"): the party is whoever
/// issued them.
const DOC_NOUNS: &[&str] = &[
    "statement",
    "report",
    "communique",
    "declaration",
    "letter",
    "text",
    "document",
    "agreement",
    "resolution",
    "draft",
    "deal",
    "accord",
    "note",
    "message",
];
/// People who act for a party ("lawyers for the president", "envoys of the alliance").
const AGENT_NOUNS: &[&str] = &[
    "lawyers",
    "lawyer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "envoys",
    "representative",
    "representatives",
    "aides",
    "aide",
    "advisers",
    "adviser",
    "officials",
    "negotiators",
    "delegation",
    "delegations",
    "members",
    "government",
    "ministry",
    "minister",
    "president",
    "leader",
    "leaders",
    "head",
    "chief",
    "emir",
    "king",
    "army",
    "forces",
    "side",
    "team",
];
/// Objects that point back at something named before ("accepted the proposal", "did not
/// accept its reasoning"): the stance is on the issue the context is about.
const ANAPHORS: &[&str] = &[
    "it",
    "them",
    "this",
    "that",
    "its",
    "their",
    "the proposal",
    "the plan",
    "the offer",
    "the idea",
    "the terms",
    "the request",
    "the demand",
    "the deal",
    "the compromise",
    "the measure",
    "the figure",
    "a figure",
    "the figures",
    "the count",
    "the outcome",
    "the results",
    "the result",
    "the verdict",
    "the ruling",
    "the decision",
];

/// True when what a cue governs opens with an anaphor (see [`ANAPHORS`]).
fn anaphoric(text: &str, r: Range<usize>) -> bool {
    let head = text[crate::text::char_range(text, r)].trim_start();
    ANAPHORS.iter().any(|a| {
        head.strip_prefix(a)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    })
}
/// Nouns whose possessor or national adjective is the party that holds them ("Beijing's
/// request", "the U.S. demand"): such a mention is not the subject of a verb around it.
const OWNED_NOUNS: &[&str] = &[
    "demand",
    "demands",
    "request",
    "requests",
    "call",
    "calls",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "plan",
    "conditions",
    "position",
    "red",
    "terms",
];

/// Where the clause holding `pos` starts: after the last complementiser, relative pronoun,
/// semicolon, colon, contrastive conjunction or reporting verb, or after the comma that
/// closes a leading subordinate clause ("After X rejected it, Y …").
fn clause_start(text: &str, floor: usize, pos: usize) -> (usize, &'static str) {
    let r = crate::text::char_range(text, floor..pos);
    let hay = &text[r.clone()];
    let mut best = (r.start, "");
    for b in [
        " that ",
        " who ",
        " which ",
        "; ",
        ": ",
        " but ",
        " while ",
        " whereas ",
        " said ",
        " says ",
        " told ",
        " added ",
    ] {
        if let Some(p) = hay.rfind(b) {
            // A parenthetical report (", they said,") does not open a new clause.
            if matches!(b, " said " | " says " | " told " | " added ")
                && hay[p + b.len()..].starts_with(',')
            {
                continue;
            }
            // Nor does a relative clause closed before the cue ("X, which met on Friday,
            // welcomed…").
            if matches!(b, " who " | " which ")
                && hay[..p].ends_with(',')
                && hay[p + b.len()..].contains(", ")
            {
                continue;
            }
            let at = r.start + p + b.len();
            if at > best.0 {
                best = (at, b.trim());
            }
        }
    }
    for sub in [
        "after ",
        "when ",
        "although ",
        "because ",
        "since ",
        "if ",
        "as ",
        "though ",
        "before ",
        "once ",
        "unless ",
    ] {
        let mut from = 0;
        while let Some(p) = hay[from..].find(sub) {
            let at = from + p;
            from = at + sub.len();
            if at > 0 && crate::text::is_word_byte(hay.as_bytes()[at - 1]) {
                continue;
            }
            let end = match hay[at..].find(", ") {
                // "After X rejected it, Y …": the clause after the comma.
                Some(c) if r.start + at + c + 2 <= pos => r.start + at + c + 2,
                // "… as Washington preferred": the cue is inside the subordinate clause.
                _ => r.start + at + sub.len(),
            };
            if end <= pos && end > best.0 {
                best = (end, sub.trim());
            }
        }
    }
    best
}

/// True when the mention is the object of a preposition ("talks with Iran"), except after
/// an agent noun ("lawyers for the president").
fn after_preposition(text: &str, floor: usize, m: &crate::view::Mention) -> bool {
    let w = words_before(text, floor, m.range.start, 1);
    let w = if has_word(text, w.clone(), "the") {
        words_before(text, floor, w.start, 1)
    } else {
        w
    };
    if !PREPOSITIONS
        .iter()
        .chain(PLACE_PREPOSITIONS)
        .any(|p| has_word(text, w.clone(), p))
    {
        return false;
    }
    let agent = words_before(text, floor, w.start, 1);
    !AGENT_NOUNS.iter().any(|a| has_word(text, agent.clone(), a))
}

/// True for a dateline ("BRUSSELS —"): a place the story was filed from, not an actor.
fn is_dateline(view: &View, m: &crate::view::Mention) -> bool {
    let orig = view.original(m.range.clone());
    let text = &view.folded.text;
    let rest = text[m.range.end.min(text.len())..].trim_start();
    orig.len() > 2
        && !orig.chars().any(char::is_lowercase)
        && (rest.starts_with('-') || rest.starts_with(','))
}

/// True when the mention holds a noun such as "request" ("Beijing's request", "Chinese
/// calls"): it names the owner of that noun, not a subject.
fn owns_noun(text: &str, m: &crate::view::Mention, limit: usize) -> bool {
    let mut after = m.range.end;
    let rest = &text[after.min(text.len())..];
    if rest.starts_with("'s ") {
        after += 3;
    } else if rest.starts_with("' ") || rest.starts_with(' ') {
        after += if rest.starts_with("' ") { 2 } else { 1 };
    } else {
        return false;
    }
    let r = crate::text::char_range(text, after..(after + 30).min(limit));
    let words: Vec<&str> = text[r]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    words
        .iter()
        .enumerate()
        .any(|(i, w)| OWNED_NOUNS.contains(w) && (i == 0 || COUNTING.contains(&words[0])))
}

/// What stands right before a verb cue in its clause.
enum Subject<'v> {
    /// An actor mention that can be a subject.
    Mention(&'v crate::view::Mention),
    /// A pronoun ("he", "they"): its referent is found elsewhere; true for "he"/"she".
    Pronoun(bool),
    /// A noun phrase or name the extraction did not resolve ("the alliance", "Sowe"), with
    /// its head word.
    Unknown(String),
    /// A text that carries a party's words ("the statement").
    Document,
    /// A second verb of one subject ("took note of it and urged…"): the subject is the
    /// clause's first.
    Ellipsis,
    /// Nothing that reads as a subject.
    None,
}

/// Words that open an aside between a subject and its verb: a relative clause ("X, who
/// heads…, said") or a participle naming who leads or makes up the subject ("the
/// negotiators, led by Y, asked").
const PARENTHETICAL: &[&str] = &[
    "who",
    "which",
    "whose",
    "where",
    "whom",
    "led",
    "headed",
    "including",
];

fn subject_word<'v>(
    view: &'v View,
    from: usize,
    pos: usize,
    usable: &dyn Fn(&crate::view::Mention) -> bool,
) -> Subject<'v> {
    let text = &view.folded.text;
    let bytes = text.as_bytes();
    let mut end = pos;
    for _ in 0..12 {
        // Skip a parenthetical closed by the comma just before ("X, for its part, has").
        let trimmed = text[from..end].trim_end();
        if trimmed.ends_with(',') {
            let comma = from + trimmed.len() - 1;
            if let Some(prior) = text[from..comma].rfind(',') {
                let seg = text[from + prior + 1..comma].trim();
                let first = seg.split_whitespace().next().unwrap_or("");
                if PARENTHETICAL.contains(&first) || seg.split_whitespace().count() <= 4 {
                    end = from + prior;
                    continue;
                }
            }
        }
        let w = words_before(text, from, end, 1);
        if w.start >= end || w.start < from {
            return Subject::None;
        }
        let word = text[w.clone()].trim_matches(|c: char| !c.is_alphanumeric());
        end = w.start;
        if word.is_empty() {
            continue;
        }
        if let Some(m) = view
            .mentions_in(from..pos)
            .find(|m| m.range.start <= w.start && w.start < m.range.end)
        {
            return if usable(m) {
                Subject::Mention(m)
            } else {
                Subject::None
            };
        }
        if AUX.contains(&word) || (word.len() > 4 && word.ends_with("ly")) {
            continue;
        }
        if matches!(word, "and" | "but" | "or") {
            return Subject::Ellipsis;
        }
        if PRONOUNS.contains(&word) {
            return Subject::Pronoun(matches!(word, "he" | "she"));
        }
        // "Nobody in Banjul wants…": no one in particular.
        if [
            "nobody",
            "everyone",
            "everybody",
            "anyone",
            "anybody",
            "someone",
            "somebody",
            "no-one",
            "few",
            "many",
            "analysts",
            "observers",
            "critics",
        ]
        .contains(&word)
        {
            return Subject::Unknown(String::new());
        }
        if DOC_NOUNS.contains(&word) {
            return Subject::Document;
        }
        // "urged Ukraine to insist": an infinitive, whose holder is the clause's subject.
        if [
            "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "that", "than", "not",
        ]
        .contains(&word)
        {
            return Subject::None;
        }
        // A name ("Sowe rejected…") or a noun phrase ("the alliance rejects").
        let orig = view.original(w.start..w.start + 1);
        let capital = orig.chars().next().is_some_and(char::is_uppercase)
            && !(w.start == from || bytes.get(w.start.saturating_sub(2)) == Some(&b'.'));
        let det = words_before(text, from, w.start, 2);
        let has_det = NP_OPENERS.iter().any(|d| has_word(text, det.clone(), d));
        // "the Chinese side", "Rwanda's foreign ministry": the actor that qualifies the noun.
        if let Some(m) = view
            .mentions_in(det.clone())
            .filter(|m| usable(m) || owns_noun(text, m, pos))
            .last()
        {
            return Subject::Mention(m);
        }
        return if capital || has_det {
            Subject::Unknown(word.to_owned())
        } else {
            Subject::None
        };
    }
    Subject::None
}

/// The parties a stance cue at `pos` is attributed to: the subject of its clause (with any
/// coordinated subject, "Ireland and France have urged"), else the speaker of the quote it
/// stands in, else the nearest party named before it in the sentence or paragraph. A modal
/// cue ("X must …") asks something of its subject, so its speaker is someone else; an
/// evaluation ("X is unacceptable") belongs to whoever reports it.
fn speakers_at(
    view: &View,
    si: usize,
    cue: Range<usize>,
    predicate: bool,
    frame: Option<&Speaker>,
) -> Vec<Speaker> {
    let pos = cue.start;
    let text = &view.folded.text;
    let sent = view.sentences[si].clone();
    let quote = view.quote_at(pos);
    let quote_speaker = quote.and_then(Speaker::of_quote);
    let cue_text = &text[crate::text::char_range(text, pos..(pos + 9).min(text.len()))];
    let modal = MODALS.iter().any(|m| cue_text.starts_with(m));
    let usable = |m: &&crate::view::Mention| {
        !after_preposition(text, sent.start, m)
            && !owns_noun(text, m, sent.end)
            && !is_dateline(view, m)
    };
    let (cs, boundary) = clause_start(text, sent.start, pos);
    let window: Vec<&crate::view::Mention> =
        view.mentions_in(cs..pos).filter(|m| usable(m)).collect();
    let before_all: Vec<&crate::view::Mention> = view.mentions_in(sent.start..pos).collect();
    if predicate || modal {
        if let Some(q) = quote_speaker {
            return vec![q];
        }
        if modal {
            if quote.is_some() {
                // Someone unnamed asks something of the subject: not the subject's stance.
                return Vec::new();
            }
            let mut candidates: Vec<&crate::view::Mention> =
                before_all.iter().copied().filter(|m| usable(m)).collect();
            if candidates.len() > 1 {
                // "X must do Y": X is the one asked, not the one asking.
                candidates.pop();
            }
            if let Some(m) = candidates.last().or(before_all.last()) {
                return vec![Speaker::of(m)];
            }
        } else {
            let reporters: Vec<&crate::view::Mention> = view
                .mentions_in(sent.start..cs)
                .filter(|m| usable(m))
                .collect();
            // "For Washington, X is a red line": the fronted party holds the view.
            let topic = before_all.iter().find(|m| {
                let w = words_before(text, sent.start, m.range.start, 1);
                w.start == sent.start
                    && ["for", "to"].iter().any(|p| has_word(text, w.clone(), p))
                    && text[m.range.end..].starts_with(',')
            });
            if let Some(m) = reporters.first().or(window.first()).or(topic) {
                return vec![Speaker::of(m)];
            }
        }
        return fallback_speaker(view, si, pos, frame).into_iter().collect();
    }
    let leftmost = |window: &[&crate::view::Mention]| -> Vec<Speaker> {
        let Some(first) = window.first() else {
            return Vec::new();
        };
        let mut out = vec![Speaker::of(first)];
        let mut last_end = first.range.end;
        for m in window.iter().skip(1) {
            let between = text[last_end.min(m.range.start)..m.range.start].trim();
            if matches!(between, "and" | "," | "and the" | ", and" | "or") {
                out.push(Speaker::of(m));
                last_end = m.range.end;
            } else {
                break;
            }
        }
        out
    };
    let verb = verbal(&text[cue.clone()]);
    if !verb && let Some(q) = quote_speaker.clone() {
        // "… and that they will end only when X": the condition is the quoted party's.
        return vec![q];
    }
    let mut subject = if verb {
        subject_word(view, cs, pos, &|m| usable(&m))
    } else {
        Subject::None
    };
    if matches!(subject, Subject::Ellipsis) {
        // "X took note and urged…": the subject of the clause's first verb.
        if !window.is_empty() {
            return leftmost(&window);
        }
        let first_word = crate::text::char_range(text, cs..(cs + 12).min(pos));
        subject = if PRONOUNS
            .iter()
            .any(|p| text[first_word.clone()].starts_with(&format!("{p} ")))
        {
            Subject::Pronoun(
                ["he ", "she "]
                    .iter()
                    .any(|p| text[first_word.clone()].starts_with(p)),
            )
        } else {
            match view.mentions_in(sent.start..pos).find(|m| usable(m)) {
                Some(m) => return vec![Speaker::of(m)],
                None => Subject::None,
            }
        };
    }
    match subject {
        Subject::Mention(m) => {
            // With a subject coordinated before it ("Ireland and France have urged").
            let mut out = vec![Speaker::of(m)];
            let mut start = m.range.start;
            for p in window.iter().rev().filter(|p| p.range.end <= m.range.start) {
                let between = text[p.range.end..start].trim();
                if matches!(between, "and" | "," | ", and" | "or") {
                    out.insert(0, Speaker::of(p));
                    start = p.range.start;
                } else {
                    break;
                }
            }
            return out;
        }
        Subject::Unknown(head) => {
            // "The ministry also demanded…": the actor an earlier sentence named with the
            // same noun ("China's commerce ministry said…").
            return definite_referent(view, si, &head)
                .map(|m| vec![Speaker::of(m)])
                .unwrap_or_default();
        }
        Subject::Pronoun(animate) => {
            if let Some(q) = quote_speaker {
                return vec![q];
            }
            // "X said that he would…": the first party named as a subject in the sentence
            // ("he", "she": the first person, else the party the unnamed person speaks for).
            let subjectlike = |m: &&&crate::view::Mention| {
                usable(m)
                    && followed_by_verb(text, m.range.end, pos)
                    && !["if", "when", "unless", "until", "because"]
                        .iter()
                        .any(|w| {
                            has_word(text, words_before(text, sent.start, m.range.start, 2), w)
                        })
            };
            let found = before_all
                .iter()
                .find(|m| usable(m) && m.person)
                .or_else(|| before_all.iter().find(subjectlike))
                .or_else(|| (!animate).then(|| before_all.first()).flatten());
            if let Some(m) = found {
                return vec![Speaker::of(m)];
            }
            if animate {
                return fallback_person(view, si).into_iter().collect();
            }
        }
        Subject::Document => {
            // "The statement also called on…": whoever issued it, the first actor of the
            // sentence before.
            if let Some(q) = quote_speaker {
                return vec![q];
            }
            if let Some(m) = si
                .checked_sub(1)
                .filter(|p| view.paragraph[*p] == view.paragraph[si])
                .and_then(|p| {
                    let prev = view.sentences[p].clone();
                    view.mentions_in(prev.clone())
                        .find(|m| !after_preposition(text, prev.start, m))
                })
            {
                return vec![Speaker::of(m)];
            }
        }
        Subject::Ellipsis | Subject::None => {
            if !window.is_empty() {
                return leftmost(&window);
            }
            if matches!(boundary, "who" | "which") {
                // The actor the relative pronoun stands for ("Washington, which
                // brokered…"); none when it stands for something else ("anyone who…").
                let at = cs.saturating_sub(boundary.len() + 2);
                return before_all
                    .iter()
                    .rev()
                    .find(|m| m.range.end <= at + 1 && at.saturating_sub(m.range.end) <= 2)
                    .map(|m| vec![Speaker::of(m)])
                    .unwrap_or_default();
            }
        }
    }
    if let Some(q) = quote_speaker {
        return vec![q];
    }
    let mut candidates: Vec<&crate::view::Mention> =
        before_all.iter().copied().filter(|m| usable(m)).collect();
    if candidates.iter().any(|m| !m.code.starts_with("IGO")) {
        candidates.retain(|m| !m.code.starts_with("IGO"));
    }
    if let Some(m) = candidates.last().or(before_all.last()) {
        return vec![Speaker::of(m)];
    }
    fallback_speaker(view, si, pos, frame).into_iter().collect()
}

/// The actor an earlier sentence (the nearest) named with the noun `head` next to it:
/// "China's commerce ministry said…" for "the ministry", "the Congolese army" for "the
/// army". Names and plain capitals ("Sowe") are not nouns to look back for.
fn definite_referent<'v>(
    view: &'v View,
    si: usize,
    head: &str,
) -> Option<&'v crate::view::Mention> {
    let text = &view.folded.text;
    if head.len() < 4 || !head.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    for k in (0..si).rev() {
        let r = view.sentences[k].clone();
        let mut from = r.start;
        while let Some(p) = text[from..r.end].find(head) {
            let at = from + p;
            from = at + head.len();
            if !has_word(text, at..at + head.len(), head) {
                continue;
            }
            // The noun inside a mention, or within three words after one.
            let near = view
                .mentions_in(r.clone())
                .filter(|m| m.range.start <= at && at <= m.range.end + 30)
                .filter(|m| {
                    m.range.end >= at || text[m.range.end..at].split_whitespace().count() <= 3
                })
                .last();
            if let Some(m) = near {
                return Some(m);
            }
        }
    }
    None
}

/// The last person named earlier in the paragraph ("he" with nobody named in its sentence).
fn fallback_person(view: &View, si: usize) -> Option<Speaker> {
    let para = view.paragraph[si];
    let mut k = si;
    while k > 0 && view.paragraph[k - 1] == para {
        k -= 1;
        if let Some(m) = view
            .mentions_in(view.sentences[k].clone())
            .filter(|m| m.person)
            .last()
        {
            return Some(Speaker::of(m));
        }
    }
    None
}

/// A party named after the cue with a reporting verb ("…, Iran said"), the announcer of a
/// list of conditions, or the last party named earlier in the paragraph.
fn fallback_speaker(
    view: &View,
    si: usize,
    pos: usize,
    frame: Option<&Speaker>,
) -> Option<Speaker> {
    let text = &view.folded.text;
    let sent = view.sentences[si].clone();
    for m in view.mentions_in(pos..sent.end) {
        let after = m.range.end..(m.range.end + 12).min(sent.end);
        if SPEECH.iter().any(|w| has_word(text, after.clone(), w)) {
            return Some(Speaker::of(m));
        }
    }
    if let Some(f) = frame {
        return Some(f.clone());
    }
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
            return Some(Speaker::of(m));
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

/// A cue found in a sentence.
struct CueHit {
    start: usize,
    end: usize,
    item: Cue,
    /// For a noun cue held by someone ("Beijing's request"): the holder, or `None` inside
    /// for a possessive pronoun ("its demand") whose referent is the quote's speaker.
    owner: Option<Option<Speaker>>,
}

/// True when a verb follows within two words of `pos` ("the African Union said", "Iran
/// has"), so that a mention before it opens a clause of its own.
fn followed_by_verb(text: &str, pos: usize, limit: usize) -> bool {
    let r = crate::text::char_range(text, pos..limit.max(pos));
    text[r]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| {
            [
                "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can",
                "may", "might", "should", "did", "does", "do",
            ]
            .contains(&w)
                || SPEECH.contains(&w)
                || [
                    "says", "wants", "rejected", "rejects", "agreed", "accused", "denied",
                ]
                .contains(&w)
                || (w.len() > 4 && w.ends_with("ed"))
        })
}

/// True for cues that are verbs (or verb phrases) with a subject of their own; false for
/// phrases that qualify a clause ("in exchange for", "as long as", "without giving up",
/// "red lines", noun cues), whose holder is the clause's subject.
fn verbal(cue: &str) -> bool {
    !(EXCHANGE.iter().any(|e| cue.starts_with(e))
        || is_condition_cue(cue)
        || NOUN_CUES.contains(&cue)
        || cue.starts_with("without")
        || cue.starts_with("not a")
        || cue.starts_with("not an")
        || cue.starts_with("not one")
        || cue.starts_with("red line")
        || cue.starts_with("nothing")
        || cue.starts_with("only")
        || cue == "under any circumstances")
}

/// Cues that set a condition ("only when", "as long as"): what they govern is asked for.
fn is_condition_cue(cue: &str) -> bool {
    matches!(
        cue,
        "only when" | "only if" | "only after" | "only once" | "as long as"
    )
}

/// The mention that holds a noun cue right after it: "Beijing's request", "Chinese calls",
/// "the opposition's two demands".
fn owner_of<'v>(view: &'v View, floor: usize, pos: usize) -> Option<&'v crate::view::Mention> {
    let text = &view.folded.text;
    let m = view.mentions_in(floor..pos).last()?;
    let gap = text.get(m.range.end..pos)?;
    let gap = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix('\''))
        .unwrap_or(gap)
        .trim();
    (gap.is_empty() || COUNTING.contains(&gap)).then_some(m)
}

/// Keeps the cues of a sentence that state a stance, with the holder of noun cues.
fn sentence_cues(view: &View, si: usize) -> Vec<CueHit> {
    let text = &view.folded.text;
    let sent = view.sentences[si].clone();
    let prev_sent = si
        .checked_sub(1)
        .filter(|p| view.paragraph[*p] == view.paragraph[si])
        .map(|p| view.sentences[p].clone());
    let mut out = Vec::new();
    for c in CUES.find(text, sent.clone()) {
        let word = &text[c.start..c.end];
        let w1 = words_before(text, sent.start, c.start, 1);
        let after = &text[c.end..sent.end.max(c.end)];
        let next_word = after
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let mut owner = None;
        if NOUN_CUES.contains(&word) {
            if let Some(m) = owner_of(view, sent.start, c.start) {
                owner = Some(Some(Speaker::of(m)));
            } else if has_word(text, w1.clone(), "its") || has_word(text, w1.clone(), "their") {
                owner = Some(None);
            } else if out
                .last()
                .is_some_and(|p: &CueHit| text[p.end.min(c.start)..c.start].trim().is_empty())
            {
                // "rejected proposals to…", "turned down offers of…": a bare noun right after
                // another cue is that cue's object, not a stance of its own.
                continue;
            } else if DETERMINERS.iter().any(|d| has_word(text, w1.clone(), d)) {
                // "the demand", "this offer": the object of another stance.
                continue;
            } else if OWNED_ONLY.contains(&word)
                && !COUNTING.iter().any(|d| has_word(text, w1.clone(), d))
                && !["set", "sets", "out"]
                    .iter()
                    .any(|d| has_word(text, w1.clone(), d))
            {
                continue;
            }
        }
        if word == "conditions" || word == "preconditions" {
            // Conditions are a stance only when someone sets them ("set two conditions").
            let w3 = words_before(text, sent.start, c.start, 3);
            if owner.is_none()
                && !["set", "sets", "laid", "two", "three"]
                    .iter()
                    .any(|d| has_word(text, w3.clone(), d))
            {
                continue;
            }
        }
        // "U.S.-backed": an adjective.
        if c.start > 0 && text.as_bytes()[c.start - 1] == b'-' {
            continue;
        }
        // "a proposed system", "the agreed text": a participle used as an adjective.
        if !NOUN_CUES.contains(&word)
            && (word.ends_with("ed") || word.ends_with("ing"))
            && ["a", "an", "the", "this", "its", "their"]
                .iter()
                .any(|d| has_word(text, w1.clone(), d))
        {
            continue;
        }
        // "supported by the African Union": a passive, the stance of whoever comes after.
        if word.ends_with("ed") && next_word == "by" {
            continue;
        }
        // "until Beijing offers guarantees", "if they accept": a condition, not a stance.
        let w3 = words_before(text, sent.start, c.start, 3);
        if ["until", "unless", "if", "whether", "once"]
            .iter()
            .any(|d| has_word(text, w3.clone(), d))
            && !is_condition_cue(word)
        {
            continue;
        }
        match word {
            "argued for" | "argues for"
                if ["months", "years", "weeks", "days", "some", "long", "a"]
                    .contains(&next_word) =>
            {
                continue;
            }
            "press" | "pressed" | "presses" | "pressing"
                if [
                    "conference",
                    "release",
                    "briefing",
                    "freedom",
                    "secretary",
                    "office",
                ]
                .contains(&next_word) =>
            {
                continue;
            }
            "asked" | "asks" | "asking" | "asked for" | "asks for" | "asking for" => {
                let w2 = words_before(text, sent.start, c.start, 2);
                if ["when", "was", "were", "been", "if"]
                    .iter()
                    .any(|d| has_word(text, w2.clone(), d))
                    || ["about", "whether", "if", "how", "what", "why", "who"].contains(&next_word)
                {
                    continue;
                }
            }
            // "Oman has been accepted as the venue": a passive, no one's concession.
            "accepted" | "accepts"
                if [
                    "been",
                    "was",
                    "were",
                    "is",
                    "are",
                    "be",
                    "widely",
                    "generally",
                ]
                .iter()
                .any(|d| has_word(text, w1.clone(), d)) =>
            {
                continue;
            }
            "is to" | "are to" => {
                // The terms of an agreement ("under the deal, the army is to halt…").
                let context = |r: Range<usize>| {
                    [
                        "under",
                        "terms",
                        "agreement",
                        "deal",
                        "accord",
                        "in turn",
                        "truce",
                        "ceasefire",
                    ]
                    .iter()
                    .any(|w| has_word(text, r.clone(), w))
                };
                if next_word == "be"
                    || !(context(sent.clone()) || prev_sent.clone().is_some_and(context))
                {
                    continue;
                }
            }
            // "declined to comment": a refusal to speak, not a stance.
            "declined to" | "declines to" | "declining to"
                if [
                    "comment",
                    "say",
                    "respond",
                    "confirm",
                    "elaborate",
                    "discuss",
                    "speculate",
                    "name",
                    "be",
                ]
                .contains(&next_word) =>
            {
                continue;
            }
            // "would not comment": a refusal to speak, not a stance.
            "will not" | "would not" | "won't"
                if [
                    "be",
                    "have",
                    "comment",
                    "say",
                    "respond",
                    "confirm",
                    "elaborate",
                    "disclose",
                    "speculate",
                    "give",
                    "name",
                ]
                .contains(&next_word) =>
            {
                continue;
            }
            _ => {}
        }
        if word.ends_with("rule out") {
            continue;
        }
        // "stopped short of calling for…", "declined to demand…".
        let w4 = words_before(text, sent.start, c.start, 4);
        if [
            "short of",
            "refrained from",
            "declined to",
            "avoided",
            "instead of",
        ]
        .iter()
        .any(|d| text[w4.clone()].contains(d))
        {
            continue;
        }
        if !word.starts_with("no longer") {
            // "has not ruled out", "did not reject": a negated cue states no stance of its
            // kind (and a negated refusal is the opposite of one).
            let w = words_before(text, sent.start, c.start, 2);
            if has_word(text, w.clone(), "not")
                || has_word(text, w.clone(), "n't")
                || has_word(text, w, "never")
            {
                continue;
            }
        }
        out.push(CueHit {
            start: c.start,
            end: c.end,
            item: *c.item,
            owner,
        });
    }
    out
}

/// The issue a weak keyword points at: its only issue, else the one of its issues the
/// document names most.
fn weak_issue(
    compiled: &Compiled,
    text: &str,
    r: Range<usize>,
    doc_counts: &[usize],
) -> Option<usize> {
    let hits = compiled.weak_hits(text, r);
    let (issues, _) = hits.first()?;
    issues
        .iter()
        .copied()
        .max_by(|a, b| doc_counts[*a].cmp(&doc_counts[*b]).then(b.cmp(a)))
}

/// The issue a definite noun of `r` refers back to: "to fund the commission" after "a joint
/// monitoring commission" in one of the two sentences before, the issue of the keyword the
/// noun stood next to.
fn definite_issue(view: &View, compiled: &Compiled, si: usize, r: Range<usize>) -> Option<usize> {
    let text = &view.folded.text;
    let r = crate::text::char_range(text, r);
    let words: Vec<&str> = text[r]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let heads: Vec<&str> = words
        .windows(2)
        .filter(|w| w[0] == "the" && w[1].len() >= 4 && !GENERIC.contains(&w[1]))
        .map(|w| w[1])
        .collect();
    for k in (si.saturating_sub(2)..si).rev() {
        let sr = view.sentences[k].clone();
        for (i, hit) in compiled.issue_hits(text, sr.clone()) {
            let after = crate::text::char_range(text, hit.start..(hit.end + 25).min(sr.end));
            if heads.iter().any(|h| has_word(text, after.clone(), h)) {
                return Some(i);
            }
        }
    }
    None
}

/// One stance target: issue, the governed segment, the keyword, whether it stands before
/// the cue, and whether the issue came from the context rather than the governed words.
type Target = (usize, Range<usize>, Range<usize>, bool, bool);

/// Reads the stances in one document.
pub fn positions(view: &View, compiled: &Compiled) -> Vec<Position> {
    let text = &view.folded.text;
    let mut out: Vec<Position> = Vec::new();
    let mut frame: Option<(usize, Speaker)> = None;
    let mut doc_counts = vec![0usize; compiled.issues.len()];
    for (i, _) in compiled.issue_hits(text, 0..text.len()) {
        doc_counts[i] += 1;
    }
    for (si, sent) in view.sentences.iter().enumerate() {
        if frame
            .as_ref()
            .is_some_and(|(p, _)| *p != view.paragraph[si])
        {
            frame = None;
        }
        let cues = sentence_cues(view, si);
        let mut found: Vec<Position> = Vec::new();
        // Who the last stance of the sentence belonged to: a condition ("… as long as X")
        // is set by the same party.
        let mut last_speakers: Vec<Speaker> = Vec::new();
        for (ci, c) in cues.iter().enumerate() {
            // What the cue governs runs to the next cue, passing over noun cues held by
            // someone named inside it ("rejected Beijing's request to…").
            let next = cues
                .iter()
                .skip(ci + 1)
                .find(|n| match &n.owner {
                    None => true,
                    // "refused its demand for a recount": the noun is the refusal's object.
                    Some(None) => false,
                    Some(Some(_)) => view.mentions_in(c.end..n.start).next().is_none(),
                })
                .map_or(sent.end, |n| n.start);
            let prev = if ci == 0 {
                sent.start
            } else {
                cues[ci - 1].end
            };
            let governed = c.end..next.max(c.end);
            let cue_word = &text[c.start..c.end];
            let frame_speaker = frame.as_ref().map(|(_, s)| s);
            let speakers: Vec<Speaker> = match &c.owner {
                Some(Some(s)) => vec![s.clone()],
                Some(None) => view
                    .quote_at(c.start)
                    .and_then(Speaker::of_quote)
                    .into_iter()
                    .collect(),
                None if is_condition_cue(cue_word) && !last_speakers.is_empty() => {
                    last_speakers.clone()
                }
                None => speakers_at(view, si, c.start..c.end, c.item.predicate, frame_speaker),
            };
            if !speakers.is_empty() && c.owner.is_none() {
                last_speakers = speakers.clone();
            }
            let Some(speaker) = speakers.first().cloned() else {
                continue;
            };
            let mut targets: Vec<Target> = Vec::new();
            if c.item.predicate && prev < c.start {
                let before = prev..c.start;
                if let Some((i, k)) = compiled.issue_hits(text, before.clone()).into_iter().last() {
                    targets.push((i, before, k, true, false));
                }
            }
            if targets.is_empty() {
                // Keywords are matched over the whole governed range (a keyword such as
                // "threats and pressure" may span a list separator), then given to the item
                // they start in. A refusal to meet names its issue itself.
                // The cue may name the issue itself ("would not meet", "his door was open").
                let from = c.start;
                let hits = compiled.issue_hits(text, from..governed.end);
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
                            && followed_by_verb(text, m.range.end, it.end)
                    });
                    if n > 0 && new_subject {
                        break;
                    }
                    let it = if n == 0 { from..it.end } else { it };
                    if let Some((i, k)) = hits
                        .iter()
                        .find(|(_, k)| it.start <= k.start && k.start < it.end)
                        && !targets.iter().any(|t| t.0 == *i)
                    {
                        let seg = it.start..it.end.max(k.end);
                        targets.push((*i, seg, k.clone(), false, false));
                    }
                }
            }
            if targets.is_empty()
                && prev < c.start
                && !c.item.predicate
                && !is_condition_cue(cue_word)
            {
                let before = prev..c.start;
                if let Some((i, k)) = compiled.issue_hits(text, before.clone()).into_iter().last() {
                    targets.push((i, before, k, true, false));
                }
            }
            let intransitive = text[governed.clone()].split_whitespace().count() < 3
                || text[governed.clone()]
                    .trim_start()
                    .starts_with([',', '.', ';']);
            if targets.is_empty()
                && c.item.kind == StanceKind::Concession
                && (intransitive || anaphoric(text, governed.clone()))
            {
                // "X backed down", "X accepted the proposal": on the issue the
                // neighbouring sentences are about.
                if let Some(i) = nearby_issue(view, compiled, si) {
                    let r = sent.clone();
                    targets.push((i, r.start..r.start, r.start..r.start, true, true));
                }
            }
            if targets.is_empty()
                && next == sent.end
                && !c.item.frame
                && !is_condition_cue(cue_word)
                && matches!(
                    c.item.kind,
                    StanceKind::Demand | StanceKind::Offer | StanceKind::Rejection
                )
            {
                // A stance that names no keyword ("pressed the Commission to settle
                // quickly", "asked for a figure closer to…"): the issue a weaker word of the
                // sentence points at, else the one the neighbouring sentences are about.
                let issue = weak_issue(compiled, text, governed.clone(), &doc_counts)
                    .or_else(|| weak_issue(compiled, text, sent.clone(), &doc_counts))
                    .or_else(|| definite_issue(view, compiled, si, governed.clone()))
                    .or_else(|| {
                        anaphoric(text, governed.clone())
                            .then(|| nearby_issue(view, compiled, si))
                            .flatten()
                    });
                if let Some(i) = issue {
                    targets.push((
                        i,
                        governed.clone(),
                        governed.start..governed.start,
                        false,
                        true,
                    ));
                }
            }
            if targets.is_empty() {
                let short = text[governed.clone()].split_whitespace().count() < 3;
                if c.item.frame
                    || (short && matches!(c.item.kind, StanceKind::RedLine | StanceKind::Demand))
                {
                    frame = Some((view.paragraph[si], speaker));
                }
                continue;
            }
            let frame_kind = frame
                .as_ref()
                .is_some_and(|(_, s)| s.country == speaker.country);
            let sentence_text = &text[sent.clone()];
            for (i, seg, kw, before, from_context) in targets {
                let mut kind = c.item.kind;
                if before && EXCHANGE.iter().any(|e| cue_word.starts_with(e)) {
                    // "X in exchange for Y": X is what the party gives, Y what it asks.
                    kind = StanceKind::Offer;
                }
                let head = crate::text::char_range(
                    text,
                    governed.start..(governed.start + 60).min(governed.end),
                );
                if kind == StanceKind::Demand && cue_word.starts_with("insist") {
                    // "insists (that) the result is final": a claim, not a request.
                    let clause: Vec<&str> = text[head.clone()]
                        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
                        .filter(|w| !w.is_empty())
                        .take(8)
                        .collect();
                    let declarative = clause
                        .iter()
                        .position(|w| matches!(*w, "is" | "was" | "are" | "were"))
                        .is_some_and(|p| {
                            !clause[..p]
                                .iter()
                                .any(|w| matches!(*w, "must" | "should" | "to" | "would" | "will"))
                        });
                    if declarative {
                        kind = StanceKind::Position;
                    }
                }
                if kind == StanceKind::Demand
                    && cue_word.starts_with("want")
                    && ["kept", "in place", "maintained"]
                        .iter()
                        .any(|w| has_word(text, head.clone(), w))
                {
                    // Wanting things kept as they are asks nothing of the other side.
                    kind = StanceKind::Position;
                }
                let g = governed.start..governed.end;
                let exclusive =
                    any_word(text, g, EXCLUSIVE).is_some() || has_word(text, head.clone(), "final");
                if matches!(kind, StanceKind::Demand | StanceKind::Position)
                    && (exclusive && (kind == StanceKind::Demand || cue_word.starts_with("insist"))
                        || frame_kind && kind == StanceKind::Demand)
                    && compiled.is_party(&compiled.party_of(&speaker.code, &speaker.country))
                {
                    // Only this, nothing else: a condition the party will not trade.
                    kind = StanceKind::RedLine;
                }
                if kind == StanceKind::Concession
                    && !compiled.is_party(&compiled.party_of(&speaker.code, &speaker.country))
                {
                    // Only a party to the talks gives ground; an outsider's promise is an offer.
                    kind = StanceKind::Offer;
                }
                if kind == StanceKind::Offer && sentence_text.contains("for the first time") {
                    // Ground given that was not offered before.
                    kind = StanceKind::Concession;
                }
                // "red lines: X" states X as required; "X is a red line" refuses X.
                let negated = c.item.negating && (before || !c.item.frame);
                let rule = &compiled.issues[i];
                let placed = if from_context {
                    None
                } else {
                    place(
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
                    )
                };
                let cue_text = view.original(c.start..c.end).to_owned();
                let stated = if before {
                    seg.start.min(c.start)..c.end
                } else {
                    c.start..seg.end.max(c.end)
                };
                let summary = summary_of(view.original(stated));
                for sp in &speakers {
                    found.push(Position {
                        actor: compiled.party_of(&sp.code, &sp.country),
                        speaker_code: sp.code.clone(),
                        person: sp.person.clone(),
                        issue: rule.id.clone(),
                        kind,
                        value: placed.as_ref().map(|p| p.0),
                        rule: placed.as_ref().map(|p| p.1.clone()),
                        summary: summary.clone(),
                        cue: cue_text.clone(),
                        date: view.date_string(),
                        evidence: vec![view.evidence(si)],
                    });
                }
            }
        }
        // One stance per party, issue and kind per sentence (first placed value): "willing to
        // discuss X but will not accept Y" keeps both.
        found.sort_by(|a, b| {
            (&a.actor, &a.issue)
                .cmp(&(&b.actor, &b.issue))
                .then(b.kind.strength().cmp(&a.kind.strength()))
        });
        let mut kept: Vec<Position> = Vec::new();
        for p in found {
            match kept
                .iter_mut()
                .find(|k| k.actor == p.actor && k.issue == p.issue && k.kind == p.kind)
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
