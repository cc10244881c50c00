//! The reporting words: speech verbs with every inflection, built once into one table.
//!
//! The verb list follows the speech-cue list in `shared/external/polnear/README.md` (English
//! communication verbs, not PolNeAR data). Each entry says whether the verb usually takes a
//! person as object before its content ("told reporters that …").

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a reporting word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    /// The verb takes a hearer before the content (`told reporters that`).
    pub object: bool,
    /// The form is a present participle (`saying`, `adding`).
    pub participle: bool,
    /// The form can be a past participle (`said`, `told`), so `was told` is a passive.
    pub past: bool,
    /// The form is the bare base form (`say`, `warn`).
    pub base: bool,
}

/// Verbs that report speech. `(lemma, takes a hearer object, irregular forms)`.
const VERBS: &[(&str, bool, &[&str])] = &[
    ("say", false, &["says", "said", "saying"]),
    ("tell", true, &["tells", "told", "telling"]),
    ("write", false, &["writes", "wrote", "written", "writing"]),
    ("admit", false, &["admits", "admitted", "admitting"]),
    ("brag", false, &["brags", "bragged", "bragging"]),
    ("slam", false, &["slams", "slammed", "slamming"]),
    ("add", false, &[]),
    ("state", false, &[]),
    ("announce", false, &[]),
    ("claim", false, &[]),
    ("insist", false, &[]),
    ("warn", true, &[]),
    ("argue", false, &[]),
    ("ask", true, &[]),
    ("reply", false, &[]),
    ("respond", false, &[]),
    ("explain", false, &[]),
    ("note", false, &[]),
    ("tweet", false, &[]),
    ("declare", false, &[]),
    ("report", false, &[]),
    ("confirm", false, &[]),
    ("deny", false, &[]),
    ("acknowledge", false, &[]),
    ("accuse", true, &[]),
    ("urge", true, &[]),
    ("testify", false, &[]),
    ("suggest", false, &[]),
    ("predict", false, &[]),
    ("promise", false, &[]),
    ("vow", false, &[]),
    ("pledge", false, &[]),
    ("threaten", false, &[]),
    ("comment", false, &[]),
    ("complain", false, &[]),
    ("concede", false, &[]),
    ("contend", false, &[]),
    ("assert", false, &[]),
    ("maintain", false, &[]),
    ("repeat", false, &[]),
    ("mention", false, &[]),
    ("recall", false, &[]),
    ("stress", false, &[]),
    ("emphasise", false, &[]),
    ("emphasize", false, &[]),
    ("remark", false, &[]),
    ("reveal", false, &[]),
    ("disclose", false, &[]),
    ("boast", false, &[]),
    ("joke", false, &[]),
    ("shout", false, &[]),
    ("whisper", false, &[]),
    ("answer", false, &[]),
    ("reiterate", false, &[]),
    ("echo", false, &["echoes", "echoed", "echoing"]),
    ("recount", false, &[]),
    ("criticize", false, &[]),
    ("criticise", false, &[]),
    ("condemn", false, &[]),
    ("denounce", false, &[]),
    ("charge", false, &[]),
    ("propose", false, &[]),
    ("inform", true, &[]),
    ("assure", true, &[]),
    ("remind", true, &[]),
    ("exclaim", false, &[]),
    ("retort", false, &[]),
    ("allege", false, &[]),
    ("proclaim", false, &[]),
    ("counter", false, &[]),
    ("praise", false, &[]),
    ("describe", false, &[]),
    ("call", false, &[]),
    ("reportedly", false, &["reportedly"]),
    ("blame", false, &[]),
    ("mock", false, &[]),
    ("decry", false, &[]),
    ("blast", false, &[]),
    ("demand", false, &[]),
    ("chant", false, &[]),
    ("email", false, &[]),
    ("caution", true, &[]),
    ("hint", false, &[]),
];

/// Regular inflections of `lemma`: `-s`, `-ed`, `-ing` with the usual spelling changes.
fn regular_forms(lemma: &str) -> [String; 3] {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if last == b'e' {
        let stem = &lemma[..lemma.len() - 1];
        [
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        ]
    } else if last == b'y' && !vowel(before) {
        let stem = &lemma[..lemma.len() - 1];
        [
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        ]
    } else if lemma.ends_with("ss")
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || last == b'x'
    {
        [
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]
    } else {
        [
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]
    }
}

/// The table from lower-case word form to its cue, built on first use.
pub(crate) fn cues() -> &'static FxHashMap<String, Cue> {
    // Looked up for every word of every sentence: a fast non-keyed hash (dictionary words,
    // so hash flooding is not a concern).
    static TABLE: OnceLock<FxHashMap<String, Cue>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FxHashMap::default();
        for &(lemma, object, irregular) in VERBS {
            let base = Cue {
                object,
                participle: false,
                past: false,
                base: true,
            };
            map.insert(lemma.to_string(), base);
            let forms: Vec<String> = if irregular.is_empty() {
                regular_forms(lemma).into()
            } else {
                irregular.iter().map(|s| s.to_string()).collect()
            };
            for f in forms {
                let cue = Cue {
                    object,
                    participle: f.ends_with("ing"),
                    past: f.ends_with("ed") || f.ends_with('d') || f.ends_with('n'),
                    base: false,
                };
                map.insert(f, cue);
            }
        }
        map
    })
}

/// Looks up a word (any case; only ASCII words can be cues) without allocating.
pub(crate) fn cue(word: &str) -> Option<Cue> {
    let mut buf = [0u8; 24];
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).ok()?;
    cues().get(lower).copied()
}

/// True when `word` (any ASCII case) is one of `list` (lower case).
pub(crate) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Subject pronouns and relative pronouns that can be a speaker.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who", "which"];

/// Words between a speaker and the cue that do not belong to either ("has also said").
pub(crate) const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "would",
    "will",
    "later",
    "then",
    "previously",
    "once",
    "again",
    "did",
    "does",
    "do",
    "already",
    "further",
    "often",
    "just",
    "long",
    "recently",
    "first",
    "has",
    "since",
    "subsequently",
    "himself",
    "herself",
    "themselves",
    "itself",
    "ultimately",
    "still",
    "even",
    "never",
    "not",
    "always",
    "famously",
    "initially",
];

/// Determiners and possessives that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "another", "one", "some", "many", "several", "two", "three", "both", "other", "most",
];

/// Function words that end a speaker phrase when read leftwards or rightwards.
pub(crate) const STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "so", "because", "if",
    "when", "while", "as", "than", "then", "in", "on", "at", "to", "for", "with", "by", "from",
    "about", "after", "before", "over", "under", "into", "during", "since", "until", "is", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "not", "no", "it", "he", "she",
    "they", "we", "i", "you", "there", "here", "what", "why", "how", "where", "would", "will",
    "can", "could", "should", "may", "might", "must", "do", "does", "did", "also", "only", "even",
    "all", "just", "yet", "though", "although", "whether", "him", "them", "us", "me", "said",
    "says", "told", "like", "up", "out", "off", "against", "through", "without", "within", "per",
    "among", "between", "toward", "towards", "onto", "upon", "around", "instead", "rather", "very",
    "too", "now", "later", "recently", "again", "once", "ever", "never", "however",
];

/// Hearers after `told`/`warned` that are one word.
pub(crate) const OBJECT_PRONOUNS: &[&str] = &[
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "reporters",
    "journalists",
    "supporters",
    "voters",
    "donors",
    "lawmakers",
    "members",
    "listeners",
    "viewers",
    "people",
    "students",
    "crowds",
    "everyone",
    "audiences",
];

/// Time and place words that may follow a cue before its content ("said Monday that").
pub(crate) const ADJUNCT: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "earlier",
    "later",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "again",
    "also",
    "flatly",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "then",
    "once",
    "often",
    "frequently",
    "simply",
    "bluntly",
    "plainly",
    "openly",
    "explicitly",
    "firmly",
    "strongly",
    "clearly",
];

/// Prepositions that open an adjunct after a cue ("said in a statement that").
pub(crate) const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "to", "with", "via", "through", "from", "for",
    "while", "over", "about", "of",
];
