//! Attribution frames (a speaker and a reporting cue) and the quotes they introduce.
//!
//! A frame is found at every reporting word outside quotation marks: `X said`, `said X`,
//! `X, who …, said`, `X (R-Ohio) said`, `according to X`, and `…, adding` (whose speaker is
//! the clause's subject). Direct quotes take the frame right after their closing mark or the
//! nearest one before their opening mark in the same sentence; reported speech is the clause
//! a frame governs: after the cue (`X said (that) …`, `X told Y (that) …`) or before it
//! (`…, X said.`, `…, according to X.`).

use crate::lexicon::{
    ADJUNCT, AUX, DETERMINERS, OBJECT_PRONOUNS, PREPOSITIONS, PRONOUNS, STOP, cue, is_one_of,
};
use crate::scan::{Kind, Quoted, Tok};

/// A reporting cue with its speaker, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frame {
    /// First and last token of the cue.
    pub cue: (usize, usize),
    /// First and last token of the speaker phrase.
    pub speaker: Option<(usize, usize)>,
    /// The speaker follows the cue (`said Smith`, `according to Smith`).
    pub inverted: bool,
    /// The cue takes a hearer object (`told reporters`).
    pub object: bool,
    /// `according to`.
    pub according: bool,
    /// A participle (`…, adding that`).
    pub participle: bool,
    /// A headline or transcript colon (`Matthews: …`); its content runs to the paragraph end.
    pub colon: bool,
    /// For a relative pronoun speaker (`X, who said`): the phrase it stands for.
    pub relative: Option<(usize, usize)>,
}

/// A quote found, in token and byte terms, before speakers are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub direct: bool,
    pub frame: Option<Frame>,
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    /// Per sentence index: its first token and one past its last token.
    pub bounds: &'a [(u32, u32)],
}

/// Fills `bounds` with each sentence's token range (tokens carry their sentence index).
pub(crate) fn sentence_bounds(toks: &[Tok], bounds: &mut Vec<(u32, u32)>) {
    bounds.clear();
    for (i, t) in toks.iter().enumerate() {
        let s = t.sentence as usize;
        if bounds.len() <= s {
            bounds.resize(s + 1, (i as u32, i as u32));
        }
        bounds[s].1 = i as u32 + 1;
    }
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.s as usize..t.e as usize]
    }

    fn is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.word(i).eq_ignore_ascii_case(w)
    }

    fn one_of(&self, i: usize, list: &[&str]) -> bool {
        i < self.toks.len()
            && matches!(self.toks[i].kind, Kind::Lower | Kind::Upper)
            && is_one_of(self.word(i), list)
    }

    fn punct(&self, i: usize, set: &[char]) -> bool {
        matches!(self.toks.get(i).map(|t| t.kind), Some(Kind::Punct(c)) if set.contains(&c))
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.toks[a].sentence == self.toks[b].sentence
    }

    fn free(&self, i: usize) -> bool {
        self.toks[i].quote == 0 && !matches!(self.toks[i].kind, Kind::Open | Kind::Close)
    }

    /// Can token `i` be part of a name or noun phrase?
    fn np_word(&self, i: usize) -> bool {
        if !self.free(i) {
            return false;
        }
        match self.toks[i].kind {
            Kind::Upper => !is_one_of(self.word(i), CAPITAL_STOP),
            Kind::Other => true,
            Kind::Lower => {
                let w = self.word(i);
                !is_one_of(w, STOP) && !is_one_of(w, PRONOUNS) && cue(w).is_none()
            }
            _ => false,
        }
    }

    /// The speaker phrase ending at token `j`, read leftwards.
    fn np_left(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if !self.free(j) {
            return None;
        }
        if self.one_of(j, PRONOUNS) {
            return Some((j, j));
        }
        if self.toks[j].kind == Kind::Punct(')') {
            // `Smith (R-Ohio) said`: skip the bracket.
            let mut k = j;
            while k > lo && !self.punct(k, &['(']) && j - k < 12 {
                k -= 1;
            }
            if self.punct(k, &['(']) && k > lo {
                return self.np_left(k - 1, lo);
            }
            return None;
        }
        if self.one_of(
            j,
            &["some", "many", "several", "both", "others", "most", "all"],
        ) {
            return Some((j, j));
        }
        if !self.np_word(j) || self.one_of(j, DETERMINERS) {
            return None;
        }
        let mut a = j;
        let mut lower = 0;
        while a > lo {
            let k = a - 1;
            if !self.free(k) {
                break;
            }
            if self.one_of(k, DETERMINERS) {
                a = k;
                break;
            }
            if self.is(k, "of")
                && k > lo
                && self.toks[k - 1].kind == Kind::Upper
                && self.toks[a].kind == Kind::Upper
            {
                a = k;
                continue;
            }
            if !self.np_word(k) {
                break;
            }
            if self.toks[k].kind == Kind::Lower {
                lower += 1;
                if lower > 4 {
                    break;
                }
            }
            if j - k > 8 {
                break;
            }
            a = k;
        }
        // A past-tense verb at the left edge is the verb of the clause before ("has also
        // rejected Chinese calls"), not part of the phrase.
        while a < j && self.toks[a].kind == Kind::Lower && self.past_verb(a) {
            a += 1;
        }
        // `local officials and aid workers said`: two plural (or named) noun phrases joined
        // by "and", together at the start of a clause.
        if a >= lo + 2
            && self.is(a - 1, "and")
            && self.free(a - 1)
            && !self.one_of(j, PRONOUNS)
            && let Some(left) = self.np_left_plain(a - 2, lo)
        {
            let head = left.1;
            let plural = self.toks[head].kind == Kind::Upper
                || (self.toks[head].kind == Kind::Lower && self.word(head).ends_with('s'));
            let boundary = left.0 == lo
                || !self.free(left.0 - 1)
                || self.punct(left.0 - 1, &[',', ':', ';', '\u{2014}']);
            if plural && boundary && !self.one_of(head, PRONOUNS) {
                return Some((left.0, j));
            }
        }
        Some((a, j))
    }

    /// [`Ctx::np_left`] without coordination, for the left conjunct.
    fn np_left_plain(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if !self.np_word(j) || self.one_of(j, DETERMINERS) {
            return None;
        }
        let mut a = j;
        while a > lo && j - a < 6 {
            let k = a - 1;
            if !self.free(k) {
                break;
            }
            if self.one_of(k, DETERMINERS) {
                a = k;
                break;
            }
            if !self.np_word(k) {
                break;
            }
            a = k;
        }
        Some((a, j))
    }

    /// A lower-case word that looks like a past-tense verb or participle (`rejected`,
    /// `declined`, `issued`).
    fn past_verb(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() > 4 && w.ends_with("ed") && !is_one_of(w, ED_NOUNS)
    }

    /// The speaker phrase starting at token `i`, read rightwards (`said Smith`, `according to
    /// the official`).
    fn np_right(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        if i >= hi || !self.free(i) {
            return None;
        }
        if self.one_of(i, PRONOUNS) {
            return Some((i, i));
        }
        let mut b = i;
        let mut k = i;
        if self.one_of(k, DETERMINERS) {
            k += 1;
        }
        let mut lower = 0;
        let mut any = false;
        while k < hi
            && (self.np_word(k)
                || (any
                    && self.free(k)
                    && self.toks[k].kind == Kind::Lower
                    && is_one_of(self.word(k), NOUN_FORMS)))
            && k - i < 9
        {
            if self.toks[k].kind == Kind::Lower {
                // `the court declined`, `a statement issued at …`: a verb after the noun.
                if any && self.past_verb(k) {
                    break;
                }
                if !any && is_one_of(self.word(k), NOUN_FORMS) {
                    break;
                }
                lower += 1;
                if lower > 4 {
                    break;
                }
                // A lower-case word after a lower-case noun and before a name or determiner is
                // a verb with its object (`the trade representative left Geneva`).
                let after_lower = any && self.toks[b].kind == Kind::Lower;
                let object_next = k + 1 < hi
                    && (self.toks[k + 1].kind == Kind::Upper || self.one_of(k + 1, DETERMINERS));
                if after_lower && object_next {
                    break;
                }
            }
            b = k;
            any = true;
            k += 1;
            if self.is(k, "of")
                && k + 1 < hi
                && self.toks[k + 1].kind == Kind::Upper
                && self.toks[b].kind == Kind::Upper
            {
                k += 1;
            }
        }
        any.then_some((i, b))
    }

    /// [`Ctx::np_right`] with up to two prepositional post-modifiers (`a diplomat from an EU
    /// member state`, `officials in Berlin`, `a tally by local civil society groups`) and a
    /// participle with its agent (`the text released by Qatar's foreign ministry`). `in` and
    /// `at` take only a named place; objects that are adjuncts (`in a statement`, `for the
    /// first time`) are left out.
    fn np_right_post(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        let (a, mut b) = self.np_right(i, hi)?;
        if self.one_of(b, PRONOUNS) {
            return Some((a, b));
        }
        for _ in 0..2 {
            let mut p = b + 1;
            if p + 1 < hi && self.free(p) && self.past_verb(p) && self.is(p + 1, "by") {
                p += 1;
            }
            if p + 1 >= hi || !self.free(p) {
                break;
            }
            let named = |q: usize| {
                let q = if self.one_of(q, DETERMINERS) {
                    q + 1
                } else {
                    q
                };
                q < hi && self.toks[q].kind == Kind::Upper
            };
            let place = self.one_of(p, &["in", "at"]) && named(p + 1);
            let ok = place || self.one_of(p, &["of", "from", "for", "by", "with"]);
            if !ok {
                break;
            }
            let object = if place {
                // Only the place's name (`in Brussels put it …`).
                let mut e = p + 1;
                if self.one_of(e, DETERMINERS) {
                    e += 1;
                }
                while e + 1 < hi && self.free(e + 1) && self.toks[e + 1].kind == Kind::Upper {
                    e += 1;
                }
                Some((p + 1, e))
            } else {
                self.np_right(p + 1, hi)
            };
            let Some((_, e)) = object else {
                break;
            };
            if self.one_of(e, ADJUNCT) || self.one_of(e, ADJUNCT_NOUNS) || self.one_of(e, PRONOUNS)
            {
                break;
            }
            b = e;
        }
        Some((a, b))
    }

    /// `two people who took part`, `diplomats who have sat in on the talks`: a short,
    /// general speaker phrase with its relative clause, to the next comma.
    fn with_relative(&self, sp: (usize, usize), hi: usize) -> (usize, usize) {
        let (a, b) = sp;
        let r = b + 1;
        if b - a > 1 || r + 1 >= hi || !self.free(r) || !self.one_of(r, &["who", "that"]) {
            return sp;
        }
        if self.toks[b].kind == Kind::Upper || self.one_of(b, PRONOUNS) {
            return sp;
        }
        let mut e = r + 1;
        while e + 1 < hi
            && e - r < 8
            && self.free(e + 1)
            && !matches!(self.toks[e + 1].kind, Kind::Punct(_))
        {
            e += 1;
        }
        (a, e)
    }

    fn sentence_start(&self, i: usize) -> usize {
        self.bounds
            .get(self.toks[i].sentence as usize)
            .map_or(i, |b| b.0 as usize)
    }

    fn sentence_end(&self, i: usize) -> usize {
        self.bounds
            .get(self.toks[i].sentence as usize)
            .map_or(i + 1, |b| b.1 as usize)
    }
}

/// Finds every frame, in token order.
pub(crate) fn frames(cx: &Ctx<'_>, out: &mut Vec<Frame>) {
    out.clear();
    let toks = cx.toks;
    let mut sent_lo = 0usize;
    for i in 0..toks.len() {
        if i > 0 && toks[i].sentence != toks[i - 1].sentence {
            sent_lo = i;
        }
        if !cx.free(i) {
            continue;
        }
        // `according to X`
        if cx.is(i, "according") && cx.is(i + 1, "to") && cx.same_sentence(i, i + 1) {
            let hi = cx.sentence_end(i);
            let speaker = cx
                .np_right_post(i + 2, hi)
                .map(|sp| cx.with_relative(sp, hi));
            out.push(Frame {
                cue: (i, i + 1),
                speaker,
                inverted: true,
                object: false,
                according: true,
                participle: false,
                colon: false,
                relative: None,
            });
            continue;
        }
        // `Matthews: …` / `Insiders: Trump will rebound`
        if cx.punct(i, &[':'])
            && i > sent_lo
            && cx
                .toks
                .get(i + 1)
                .is_some_and(|t| t.kind != Kind::Open && !t.par)
        {
            if let Some(sp) = cx.np_left(i - 1, sent_lo)
                && sp.0 == sent_lo
                && i - sp.0 <= 5
                && toks[sp.1].kind == Kind::Upper
            {
                out.push(Frame {
                    cue: (i, i),
                    speaker: Some(sp),
                    inverted: false,
                    object: false,
                    according: false,
                    participle: false,
                    colon: true,
                    relative: None,
                });
            }
            continue;
        }
        if toks[i].kind != Kind::Lower {
            continue;
        }
        let w = cx.word(i);
        // `a charge the ministry rejected as “baseless”`: a verb of judgement with `as`
        // and a quotation reports the words of its subject.
        let judged = cx.is(i + 1, "as")
            && toks.get(i + 2).is_some_and(|t| t.kind == Kind::Open)
            && is_one_of(w, JUDGEMENT_VERBS);
        if judged && i > sent_lo {
            if let Some(sp) = cx.np_left(i - 1, sent_lo) {
                out.push(Frame {
                    cue: (i, i + 1),
                    speaker: Some(sp),
                    inverted: false,
                    object: false,
                    according: false,
                    participle: false,
                    colon: false,
                    relative: None,
                });
            }
            continue;
        }
        // `pointed out`, `called for`: the particle belongs to the cue.
        let particle = (cx.one_of(i, &["point", "points", "pointed", "pointing"])
            && cx.one_of(i + 1, &["out", "to"]))
            || (cx.one_of(i, CALL_FORMS) && cx.one_of(i + 1, &["for", "on"]));
        let c = match cue(w) {
            Some(c) => c,
            None if particle => crate::lexicon::Cue {
                object: false,
                participle: w.ends_with("ing"),
                past: w.ends_with("ed"),
                base: false,
            },
            None => continue,
        };
        let cue_end = if particle { i + 1 } else { i };
        if cx.one_of(i, &["state", "states"]) {
            continue;
        }
        // `who asked not to be named`: a request about the speaker, not speech.
        if c.object && cx.is(i + 1, "not") {
            continue;
        }
        let noun_like = is_one_of(w, NOUN_FORMS);
        let prev = i.checked_sub(1).filter(|&p| p >= sent_lo);
        if let Some(p) = prev {
            if cx.one_of(p, DETERMINERS) || cx.is(p, "to") {
                continue;
            }
            let passive = cx.one_of(
                p,
                &[
                    "was", "were", "been", "be", "being", "is", "are", "get", "got",
                ],
            );
            if c.past && passive && !cx.one_of(i, &["asked", "quoted"]) {
                continue;
            }
        }
        let coordinated = prev.is_some_and(|p| cx.one_of(p, &["and", "but"]));
        if c.participle || coordinated {
            let ok = coordinated
                || prev.is_none_or(|p| {
                    !cx.one_of(
                        p,
                        &["of", "the", "a", "an", "is", "are", "was", "were", "be"],
                    )
                });
            if !ok || noun_like {
                continue;
            }
            out.push(Frame {
                cue: (i, cue_end),
                speaker: None,
                inverted: false,
                object: c.object,
                according: false,
                participle: true,
                colon: false,
                relative: None,
            });
            continue;
        }
        // Bare base forms are verbs only after a plural subject or a modal.
        if c.base && !is_one_of(w, BASE_OK) {
            continue;
        }
        let hi = cx.sentence_end(i);
        // Leftwards: skip auxiliaries and adverbs, then read the speaker.
        let mut j = i;
        let mut skipped = 0;
        while j > sent_lo && skipped < 4 {
            let k = j - 1;
            let kw = cx.word(k);
            let adverb = toks[k].kind == Kind::Lower && kw.len() > 4 && kw.ends_with("ly");
            if cx.free(k) && (cx.one_of(k, AUX) || adverb) {
                j = k;
                skipped += 1;
            } else {
                break;
            }
        }
        let mut speaker = None;
        let mut inverted = false;
        let mut relative = None;
        if j > sent_lo {
            let k = j - 1;
            if cx.punct(k, &[',']) {
                speaker = apposition(cx, k, sent_lo);
            } else {
                speaker = relative_subject(cx, k, sent_lo)
                    .or_else(|| cx.np_left(k, sent_lo))
                    .map(|sp| postmodified(cx, sp, sent_lo));
            }
            // `X, who told reporters …`: the relative pronoun stands for the phrase before it.
            if let Some(sp) = speaker
                && sp.0 == sp.1
                && cx.one_of(sp.0, &["who"])
            {
                relative = relative_antecedent(cx, sp.0, sent_lo);
            }
        }
        if speaker.is_none() {
            // `…,” said Smith` / `…, said the official`
            let after_break = j == sent_lo
                || cx.punct(j - 1, &[',', ':', '\u{2014}'])
                || toks[j - 1].kind == Kind::Close
                || !cx.free(j - 1);
            if after_break {
                speaker = cx
                    .np_right_post(i + 1, hi)
                    .map(|sp| cx.with_relative(sp, hi));
                inverted = speaker.is_some();
            }
        }
        if speaker.is_none() {
            continue;
        }
        // Words that are more often nouns count only after a name or a pronoun (`Trump
        // claims`), and not after a verb's object (`rejected Chinese calls`).
        if noun_like
            && (inverted
                || speaker.is_some_and(|sp| {
                    (cx.toks[sp.1].kind != Kind::Upper && !cx.one_of(sp.1, PRONOUNS))
                        || (sp.0 > sent_lo
                            && cx.toks[sp.0 - 1].kind == Kind::Lower
                            && cx.past_verb(sp.0 - 1))
                }))
        {
            continue;
        }
        out.push(Frame {
            cue: (i, cue_end),
            speaker,
            inverted,
            object: c.object,
            according: false,
            participle: false,
            colon: false,
            relative,
        });
    }
    // Participles take the speaker of the clause they hang on.
    for n in 0..out.len() {
        if !out[n].participle {
            continue;
        }
        let i = out[n].cue.0;
        let lo = cx.sentence_start(i);
        let earlier = out[..n]
            .iter()
            .rev()
            .take_while(|f| f.cue.0 >= lo && i - f.cue.0 <= 60)
            .find(|f| f.speaker.is_some())
            .and_then(|f| f.speaker);
        out[n].speaker = earlier
            .or_else(|| sentence_subject(cx, lo, i))
            .or_else(|| nearest_subject(cx, lo, i));
    }
    out.retain(|f| f.speaker.is_some());
}

/// `Smith, who …, said`: the comma at `k` closes an apposition; the speaker is the phrase before
/// the comma that opens it.
fn apposition(cx: &Ctx<'_>, k: usize, lo: usize) -> Option<(usize, usize)> {
    // `Wang, who did not meet the commissioner, Johanna Lindqvist, in Geneva, accused …`: a
    // relative clause may hold commas of its own; the speaker is the phrase before `, who`.
    let mut w = k;
    while w > lo + 1 && k - w < 30 && cx.free(w - 1) {
        w -= 1;
        if cx.one_of(w, &["who"]) && cx.punct(w - 1, &[',']) && w >= lo + 2 {
            if let Some(np) = cx.np_left(w - 2, lo)
                && (np.0 == lo || !cx.free(np.0 - 1) || cx.punct(np.0 - 1, &[',', ':', '\u{2014}']))
                && !cx.one_of(np.1, PRONOUNS)
            {
                return Some(np);
            }
            break;
        }
    }
    let mut m = k;
    while m > lo && k - m < 30 {
        m -= 1;
        if !cx.free(m) {
            return None;
        }
        if cx.punct(m, &[',']) {
            let first = m + 1;
            let opens = cx.one_of(
                first,
                &[
                    "who", "whose", "a", "an", "the", "speaking", "citing", "his", "her", "its",
                    "their", "in", "like", "himself", "herself",
                ],
            ) || cx.toks[first].kind == Kind::Upper;
            if m == lo {
                return None;
            }
            let np = cx.np_left(m - 1, lo)?;
            // The phrase must start a clause: at the sentence start, after a quote or a comma.
            let boundary =
                np.0 == lo || !cx.free(np.0 - 1) || cx.punct(np.0 - 1, &[',', ':', '\u{2014}']);
            // A finite verb makes it a clause, not an apposition (`Tang, has been more
            // flexible …, say diplomats`).
            if !opens && (first..k).any(|x| cx.one_of(x, FINITE)) {
                return None;
            }
            // A relative or participial apposition (`Rugamba, speaking to journalists,`,
            // `Wang, who did not meet …,`) describes the speaker; the phrase alone names
            // them. A noun apposition (`Oman's foreign minister, Badr al-Busaidi,`) is kept
            // with the phrase, so that a name given in either part is kept.
            let descriptive = cx.one_of(
                first,
                &[
                    "who", "whose", "speaking", "citing", "in", "himself", "herself",
                ],
            ) || (cx.toks[first].kind == Kind::Lower
                && cx.word(first).ends_with("ing"));
            if descriptive && (opens || boundary) {
                return Some(np);
            }
            return (opens || boundary).then_some((np.0, k - 1));
        }
    }
    None
}

/// Words ending in `-ed` that are not verbs.
const ED_NOUNS: &[&str] = &[
    "red", "bed", "need", "seed", "speed", "creed", "greed", "shed", "hundred", "indeed", "united",
    "feed", "breed", "weed",
];

/// Nouns that end an adjunct, not a speaker (`in a statement`, `for the first time`).
const ADJUNCT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "interview",
    "speech",
    "email",
    "letter",
    "post",
    "message",
    "briefing",
    "conference",
    "press",
    "television",
    "radio",
    "time",
    "times",
    "day",
    "days",
    "hours",
    "minutes",
    "call",
    "remarks",
    "comments",
    "video",
    "broadcast",
    "podcast",
];

/// Finite verbs that make a comma-delimited stretch a clause.
const FINITE: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "should",
    "may", "might", "must", "does", "did",
];

/// Verbs of judgement that report words with `as` and a quotation (`rejected as “baseless”`).
const JUDGEMENT_VERBS: &[&str] = &[
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "described",
    "describes",
    "denounced",
    "denounces",
    "branded",
    "brands",
    "labelled",
    "labeled",
    "labels",
    "decried",
    "decries",
    "condemned",
    "condemns",
    "hailed",
    "hails",
    "welcomed",
    "welcomes",
    "criticised",
    "criticized",
    "characterised",
    "characterized",
    "derided",
    "derides",
    "slammed",
    "praised",
];

/// `X, who …` / `X who …`: the phrase a relative pronoun at `who` stands for.
fn relative_antecedent(cx: &Ctx<'_>, who: usize, lo: usize) -> Option<(usize, usize)> {
    let mut k = who.checked_sub(1)?;
    if k > lo && cx.punct(k, &[',']) {
        k -= 1;
    }
    if k < lo || !cx.free(k) {
        return None;
    }
    let np = cx.np_left(k, lo)?;
    (!cx.one_of(np.1, PRONOUNS)).then(|| postmodified(cx, np, lo))
}

/// Forms of `call`, a cue only with `for`/`on` (`called for talks`) or an object and a
/// description (`called him a liar`).
const CALL_FORMS: &[&str] = &["call", "calls", "called", "calling"];

/// Words before a short quote that make it a title or name, not speech.
const TITLE_CUES: &[&str] = &[
    "on",
    "titled",
    "entitled",
    "named",
    "dubbed",
    "so-called",
    "at",
    "hashtag",
    "book",
    "show",
    "program",
    "film",
    "movie",
    "song",
];

/// Inflected forms that are far more often nouns than verbs.
const NOUN_FORMS: &[&str] = &[
    "states",
    "reports",
    "posts",
    "notes",
    "charges",
    "answers",
    "comments",
    "remarks",
    "counters",
    "tweets",
    "promises",
    "pledges",
    "stresses",
    "recalls",
    "vows",
    "mentions",
    "jokes",
    "shouts",
    "whispers",
    "echoes",
    "claims",
    "calls",
    "counter",
    "state",
    "report",
    "post",
    "note",
    "charge",
    "answer",
    "comment",
    "remark",
    "tweet",
    "promise",
    "pledge",
    "stress",
    "recall",
    "vow",
    "mention",
    "joke",
    "shout",
    "whisper",
    "echo",
    "claim",
    "written",
    "statement",
];

/// Base forms that commonly report present speech ("officials say", "critics argue").
const BASE_OK: &[&str] = &[
    "say",
    "tell",
    "write",
    "argue",
    "reportedly",
    "describe",
    "call",
    "insist",
    "warn",
    "deny",
    "admit",
    "explain",
    "predict",
    "acknowledge",
    "contend",
    "concede",
    "assert",
    "complain",
    "announce",
    "confirm",
    "suggest",
    "urge",
    "respond",
    "reply",
    "add",
    "maintain",
    "caution",
    "agree",
];

fn first_content_tok(cx: &Ctx<'_>, f: &Frame, hi: usize) -> usize {
    let toks = cx.toks;
    let mut r = f.cue.1 + 1;
    if f.inverted && !f.according {
        // `said Smith, …` carries no content after the speaker.
        return hi;
    }
    if f.according {
        // `according to X, …` (not `according to X, which …`)
        let after = f.speaker.map_or(r, |s| s.1 + 1);
        return if cx.punct(after, &[',']) && !cx.one_of(after + 1, &["which", "who", "whose"]) {
            after + 1
        } else {
            hi
        };
    }
    if f.object && r < hi && !cx.is(r, "that") {
        if cx.one_of(r, OBJECT_PRONOUNS) {
            r += 1;
        } else if toks[r].kind == Kind::Upper {
            while r < hi && (toks[r].kind == Kind::Upper || cx.is(r, "of")) && cx.free(r) {
                r += 1;
            }
        } else if cx.one_of(r, DETERMINERS) {
            r += 1;
            let mut n = 0;
            while r < hi && n < 3 && cx.np_word(r) && !cx.one_of(r, ADJUNCT) {
                r += 1;
                n += 1;
            }
        }
    }
    let mut guard = 0;
    let skippable = |r: usize| {
        toks[r].kind == Kind::Other
            && !cx
                .word(r)
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'))
    };
    while r < hi && guard < 6 && (cx.one_of(r, ADJUNCT) || skippable(r)) {
        r += 1;
        guard += 1;
    }
    if r < hi && cx.one_of(r, PREPOSITIONS) {
        // `said in a statement that …` / `said on Twitter, …`
        let mut k = r;
        while k < hi && k - r < 12 && !cx.punct(k, &[',', ';']) {
            if cx.is(k, "that") && cx.free(k) {
                return k + 1;
            }
            k += 1;
        }
        // Skip the preposition and its noun phrase.
        r += 1;
        if cx.one_of(r, DETERMINERS) {
            r += 1;
        }
        while r < hi && cx.np_word(r) && !cx.is(r, "that") {
            r += 1;
        }
    }
    if cx.is(r, "that") || cx.punct(r, &[',', ':']) {
        r += 1;
    }
    r
}

/// Where the clause starting at `r` ends: at the sentence end, before a trailing `, adding`,
/// `, according to` or `, X said`.
fn clause_end(cx: &Ctx<'_>, r: usize, hi: usize, frames: &[Frame]) -> usize {
    // Long run-on "sentences" are cut: a reported clause is not thousands of words.
    let hi = hi.min(r + MAX_CLAUSE);
    let mut k = r;
    while k < hi {
        if cx.punct(k, &[',', ';']) && cx.free(k) {
            let next = k + 1;
            if cx.is(next, "according") || frame_starting_at(frames, next, hi) {
                return k;
            }
        }
        k += 1;
    }
    hi
}

/// Longest reported clause, in tokens.
const MAX_CLAUSE: usize = 400;

/// Is there a frame whose speaker (or cue) starts at token `at`? Frames are sorted by cue.
fn frame_starting_at(frames: &[Frame], at: usize, hi: usize) -> bool {
    let first = frames.partition_point(|f| f.cue.0 < at);
    frames[first..]
        .iter()
        .take_while(|f| f.cue.0 < hi.min(at + 48))
        .any(|f| !f.inverted && f.speaker.is_some_and(|s| s.0.min(f.cue.0) == at))
}

fn byte_span(cx: &Ctx<'_>, a: usize, b: usize) -> Option<(usize, usize)> {
    // Tokens [a, b): drop trailing sentence punctuation and marks.
    let mut b = b;
    while b > a
        && matches!(
            cx.toks[b - 1].kind,
            Kind::Punct('.' | ',' | ';' | ':' | '!' | '?' | '\u{2014}')
        )
    {
        b -= 1;
    }
    let mut a = a;
    while a < b && matches!(cx.toks[a].kind, Kind::Punct(',' | ':' | ';' | '\u{2014}')) {
        a += 1;
    }
    if b <= a || b - a < 3 {
        return None;
    }
    Some((cx.toks[a].s as usize, cx.toks[b - 1].e as usize))
}

/// Reported speech: the clauses governed by the frames.
pub(crate) fn indirect(cx: &Ctx<'_>, frames: &[Frame], quotes: &[Quoted], out: &mut Vec<Found>) {
    let inside = |s: usize, e: usize| -> usize {
        let first = quotes.partition_point(|q| q.end <= s);
        quotes[first..]
            .iter()
            .take_while(|q| q.start < e)
            .map(|q| q.end.min(e).saturating_sub(q.start.max(s)))
            .sum::<usize>()
    };
    let push = |span: Option<(usize, usize)>, f: &Frame, out: &mut Vec<Found>| {
        if let Some((s, e)) = span
            && inside(s, e) * 10 < (e - s) * 6
        {
            out.push(Found {
                start: s,
                end: e,
                direct: false,
                frame: Some(*f),
            });
        }
    };
    for (n, f) in frames.iter().enumerate() {
        if outer_of(cx, frames, n).is_some() {
            // `X said Y insisted …`: one attribution, to the outer speaker (PolNeAR annotates
            // only the outer one, and the outer content covers the inner).
            continue;
        }
        let i = f.cue.0;
        let lo = cx.sentence_start(i);
        let hi = cx.sentence_end(i);
        if f.colon {
            let mut end = i + 1;
            while end < cx.toks.len() && !cx.toks[end].par && end - i < MAX_CLAUSE {
                end += 1;
            }
            push(byte_span(cx, i + 1, end), f, out);
            continue;
        }
        let left_edge = if f.inverted || f.according {
            f.cue.0
        } else {
            f.speaker.map_or(i, |s| s.0)
        };
        // Content before: `…, X said.` / `…, said X.` / `…, according to X.`
        let comma_before = left_edge > lo && cx.punct(left_edge - 1, &[',', '\u{2014}']);
        // The frame closes its clause (`…, X said on Monday.`) or sits in its middle (`…, X said, …`).
        let right_edge = if f.inverted {
            f.speaker.map_or(f.cue.1, |s| s.1)
        } else {
            f.cue.1
        };
        let window = right_edge + 1..hi.min(right_edge + 16);
        let tail = window
            .clone()
            .filter(|&k| matches!(cx.toks[k].kind, Kind::Lower | Kind::Upper | Kind::Other))
            .count()
            + usize::from(hi > right_edge + 16) * 16;
        let tail_that = window.into_iter().any(|k| cx.is(k, "that"));
        let middle = cx.punct(right_edge + 1, &[',']);
        let closes_clause = (tail <= 6 && !tail_that) || middle;
        // The frame follows a direct quote (`“…,” she said`): the quote is its content.
        let after_quote = left_edge > lo
            && (cx.toks[left_edge - 1].kind == Kind::Close
                || (left_edge >= lo + 2
                    && cx.punct(left_edge - 1, &[','])
                    && cx.toks[left_edge - 2].kind == Kind::Close));
        let r = first_content_tok(cx, f, hi);
        let after_len = hi.saturating_sub(r);
        if comma_before && closes_clause {
            let mut a = lo.max(left_edge.saturating_sub(MAX_CLAUSE));
            // Start after an opening quotation: direct quotes are handled elsewhere.
            while a < left_edge && !cx.free(a) {
                a += 1;
            }
            push(byte_span(cx, a, left_edge - 1), f, out);
        }
        if f.according && !comma_before && r >= hi && left_edge > lo {
            // `the talks collapsed according to officials`
            push(
                byte_span(cx, lo.max(left_edge.saturating_sub(MAX_CLAUSE)), left_edge),
                f,
                out,
            );
        }
        if after_len >= 3 && r < hi && !after_quote {
            let end = clause_end(cx, r, hi, frames);
            if !(comma_before && end - r < 3) {
                // The complementiser belongs to the reported clause (`said [that …]`), as in
                // PARC-style annotation.
                let start = if r > f.cue.1 + 1 && cx.is(r - 1, "that") && cx.free(r - 1) {
                    r - 1
                } else {
                    r
                };
                push(byte_span(cx, start, end), f, out);
            }
        }
    }
}

/// Direct quotes with the frame that introduces them.
pub(crate) fn direct(cx: &Ctx<'_>, frames: &[Frame], quotes: &[Quoted], out: &mut Vec<Found>) {
    let toks = cx.toks;
    let mut prev: Option<(Frame, usize)> = None; // the last attributed quote and its paragraph
    let mut breaks = 0usize; // paragraph breaks before token `ti`
    let mut ti = 0usize;
    for q in quotes {
        // Token index of the opening mark and of the first token after the content.
        while ti < toks.len() && (toks[ti].s as usize) < q.open {
            breaks += usize::from(toks[ti].par);
            ti += 1;
        }
        if ti >= toks.len() {
            break;
        }
        let par = breaks + usize::from(toks[ti].par);
        let open_tok = ti;
        let mut close_tok = ti;
        while close_tok < toks.len() && (toks[close_tok].s as usize) < q.close_end {
            close_tok += 1;
        }
        let words = toks[open_tok..close_tok]
            .iter()
            .filter(|t| matches!(t.kind, Kind::Lower | Kind::Upper | Kind::Other))
            .count();
        let sentence_inside = cx.text[q.start..q.end]
            .trim_end_matches(['.', '!', '?', ','])
            .contains(['.', '!', '?']);
        let long = words >= 4 || sentence_inside;
        // A quote that ends its sentence with a full stop (`… signatures.”`; a comma would
        // lead into an attribution) takes a frame after it only when
        // the frame is all that is left of the sentence (`“….” Smith said.`), not from the
        // next sentence (`The statement also called on …`).
        let ends_sentence = cx.text[q.start..q.end].trim_end().ends_with('.');
        // After: `…,” X said` / `…,” said X` / `…,” according to X`.
        let after = if close_tok < toks.len() && !toks[close_tok].par {
            let first = frames.partition_point(|f| f.cue.0 < close_tok);
            frames[first..]
                .iter()
                .take_while(|f| f.cue.0 <= close_tok + 40)
                .find(|f| {
                    let c = f.cue.0;
                    let first = if f.inverted {
                        c
                    } else {
                        f.speaker.map_or(c, |s| s.0.min(c))
                    };
                    // The frame starts right after the mark; only a comma or dash may sit between.
                    first <= close_tok + 1
                        && (close_tok..first).all(|k| {
                            cx.punct(k, &[',', '\u{2014}', '\u{2013}', '-', '\'', '\u{2019}'])
                        })
                        && toks[close_tok..=c]
                            .iter()
                            .all(|t| t.kind != Kind::Open && !t.par)
                        && (!ends_sentence || frame_closes_sentence(cx, f))
                })
        } else {
            None
        };
        // Before: the nearest frame earlier in the opening mark's sentence (or the sentence before,
        // when it ends with a colon right before the mark).
        let before = {
            let colon_par = open_tok > 0 && cx.punct(open_tok - 1, &[':']);
            let upto = frames.partition_point(|f| f.cue.1 < open_tok);
            frames[..upto]
                .iter()
                .rev()
                .take_while(|f| open_tok - f.cue.1 <= 80)
                .find(|f| {
                    f.cue.1 < open_tok
                        && (cx.same_sentence(f.cue.1, open_tok)
                            || (colon_par && cx.same_sentence(f.cue.1, open_tok - 1)))
                        && toks[f.cue.1..open_tok]
                            .iter()
                            .all(|t| t.kind != Kind::Close || !long)
                })
                .map(|f| {
                    // A quote inside a nested report belongs to the outer speaker.
                    let mut n = frames.partition_point(|g| g.cue.0 < f.cue.0);
                    for _ in 0..3 {
                        match outer_of(cx, frames, n) {
                            Some(o) => n = o,
                            None => break,
                        }
                    }
                    &frames[n]
                })
        };
        let frame = after
            .or(before)
            .copied()
            .or_else(|| colon_frame(cx, open_tok))
            .or_else(|| unlisted_verb_frame(cx, close_tok));
        let frame = match frame {
            Some(f) => Some(f),
            None if long => prev.filter(|&(_, p)| par <= p + 1).map(|(f, _)| f),
            None => None,
        };
        if frame.is_none() && !long {
            continue; // a scare quote nobody is said to have spoken
        }
        if !long && open_tok > 0 && cx.one_of(open_tok - 1, TITLE_CUES) {
            continue; // the name of a show, book or account
        }
        if let Some(f) = frame {
            let inner = toks[open_tok + 1..close_tok.max(open_tok + 1)]
                .iter()
                .filter(|t| t.par)
                .count();
            prev = Some((f, par + inner));
        }
        out.push(Found {
            start: q.start,
            end: q.end,
            direct: true,
            frame,
        });
    }
}

/// True when the frame reports no clause of its own (`Smith said on Monday.`, `said Smith,
/// a professor at …`), unlike `The statement also called on Rwanda to withdraw …`.
fn frame_closes_sentence(cx: &Ctx<'_>, f: &Frame) -> bool {
    if f.inverted || f.colon {
        return true;
    }
    let hi = cx.sentence_end(f.cue.0);
    let r = first_content_tok(cx, f, hi);
    (r..hi)
        .filter(|&k| matches!(cx.toks[k].kind, Kind::Lower | Kind::Upper | Kind::Other))
        .count()
        < 3
}

/// `Cruz continued:` or `Pollsters agree - Carl Bialik:` right before a quote: the name just
/// before the colon, else the subject of the colon's sentence.
fn colon_frame(cx: &Ctx<'_>, open_tok: usize) -> Option<Frame> {
    let colon = open_tok.checked_sub(1)?;
    if !cx.punct(colon, &[':']) || colon == 0 {
        return None;
    }
    let lo = cx.sentence_start(colon);
    let named = |sp: (usize, usize)| cx.toks[sp.1].kind == Kind::Upper || cx.one_of(sp.1, PRONOUNS);
    if let Some(sp) = cx.np_left(colon - 1, lo).filter(|&sp| named(sp)) {
        return Some(Frame {
            cue: (colon, colon),
            speaker: Some(sp),
            inverted: false,
            object: false,
            according: false,
            participle: false,
            colon: false,
            relative: None,
        });
    }
    let intro = (lo..colon.min(lo + 6))
        .find(|&k| cx.punct(k, &[',']))
        .map_or(lo, |k| k + 1);
    // `Cruz continued:` — the name, without the verb after it.
    // `A trade official in Brussels put it bluntly:` — the phrase with its place; `Cruz
    // continued:` — the name, without the verb before the colon.
    let mut sp = cx.np_right_post(intro, colon)?;
    if sp.1 + 1 == colon {
        while sp.1 > sp.0 && cx.toks[sp.1].kind == Kind::Lower {
            sp.1 -= 1;
        }
    }
    let sp = Some(sp).filter(|&sp| named(sp))?;
    let cue = if sp.1 + 1 < colon { sp.1 + 1 } else { colon };
    Some(Frame {
        cue: (cue, cue),
        speaker: Some(sp),
        inverted: false,
        object: false,
        according: false,
        participle: false,
        colon: false,
        relative: None,
    })
}

/// The nearest phrase before `i` that looks like a clause subject: a subject pronoun, or a
/// capitalised name followed by a lower-case word (`Mrs. Clinton shook her head and said`).
fn nearest_subject(cx: &Ctx<'_>, lo: usize, i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    while k > lo && i - k < 40 {
        k -= 1;
        if !cx.free(k) {
            return None;
        }
        if cx.one_of(k, &["he", "she", "they", "we", "i"]) {
            return Some((k, k));
        }
        if cx.toks[k].kind == Kind::Upper
            && k + 1 < i
            && cx.toks[k + 1].kind == Kind::Lower
            && !cx.one_of(k + 1, STOP)
            && k > lo
        {
            return cx.np_left(k, lo);
        }
    }
    None
}

/// Capitalised function words that open a sentence but never a speaker's name.
const CAPITAL_STOP: &[&str] = &[
    "when",
    "in",
    "but",
    "and",
    "after",
    "before",
    "as",
    "if",
    "while",
    "because",
    "since",
    "although",
    "though",
    "so",
    "then",
    "at",
    "on",
    "for",
    "with",
    "by",
    "from",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "what",
    "why",
    "how",
    "where",
    "also",
    "even",
    "yet",
    "however",
    "meanwhile",
    "still",
    "asked",
    "speaking",
    "during",
    "under",
    "over",
    "until",
];

/// `the official who works on Near Eastern affairs said`: the phrase before a `who` clause that
/// ends at token `k`, spanning the clause.
fn relative_subject(cx: &Ctx<'_>, k: usize, lo: usize) -> Option<(usize, usize)> {
    let mut m = k;
    while m > lo && k - m < 12 {
        if !cx.free(m) || matches!(cx.toks[m].kind, Kind::Punct(_)) {
            return None;
        }
        if cx.is(m, "who") {
            let np = cx.np_left(m.checked_sub(1)?, lo)?;
            return (np.0 < m && !cx.one_of(np.1, PRONOUNS)).then_some((np.0, k));
        }
        m -= 1;
    }
    None
}

/// `A diplomat briefed on Iran's account of the talks said`: extends a speaker phrase over
/// prepositional post-modifiers to the head noun phrase on their left.
fn postmodified(cx: &Ctx<'_>, sp: (usize, usize), lo: usize) -> (usize, usize) {
    let mut start = sp.0;
    for _ in 0..3 {
        if start < lo + 2 || sp.1 - start > 14 {
            break;
        }
        let prep = start - 1;
        if !cx.one_of(
            prep,
            &["of", "with", "on", "for", "at", "from", "about", "in", "to"],
        ) || !cx.free(prep)
        {
            break;
        }
        match cx.np_left(prep - 1, lo) {
            Some(np) if !cx.one_of(np.1, PRONOUNS) => start = np.0,
            _ => break,
        }
    }
    (start, sp.1)
}

/// The frame whose reported clause starts with frame `n`'s speaker (`X said [Y insisted …]`).
fn outer_of(cx: &Ctx<'_>, frames: &[Frame], n: usize) -> Option<usize> {
    let f = frames.get(n)?;
    if f.inverted || f.participle || f.colon {
        return None;
    }
    let start = f.speaker?.0;
    let p = n.checked_sub(1)?;
    let outer = &frames[p];
    if outer.inverted
        || outer.colon
        || outer.cue.1 >= start
        || !cx.same_sentence(outer.cue.1, start)
    {
        return None;
    }
    let hi = cx.sentence_end(start);
    (first_content_tok(cx, outer, hi) == start).then_some(p)
}

/// `“…,” Oliver barked.` / `“…,” I confessed.`: a name or pronoun right after a closing mark,
/// followed by a past or present-tense verb the cue list does not know, and the sentence end.
fn unlisted_verb_frame(cx: &Ctx<'_>, close_tok: usize) -> Option<Frame> {
    let toks = cx.toks;
    let close = close_tok.checked_sub(1)?;
    if close_tok >= toks.len() || toks[close].kind != Kind::Close || toks[close_tok].par {
        return None;
    }
    let start = if cx.punct(close_tok, &[',']) {
        close_tok + 1
    } else {
        close_tok
    };
    let hi = cx.sentence_end(close_tok).min(start + 8);
    // The speaker: a pronoun, or capitalised words.
    let mut k = start;
    if cx.one_of(k, &["he", "she", "they", "we", "i"]) {
        k += 1;
    } else {
        while k < hi
            && toks[k].kind == Kind::Upper
            && cx.free(k)
            && !is_one_of(cx.word(k), CAPITAL_STOP)
        {
            k += 1;
        }
    }
    if k == start || k >= hi || toks[k].kind != Kind::Lower || !cx.free(k) {
        return None;
    }
    let verb = cx.word(k);
    let verb_like = (verb.ends_with("ed") || verb.ends_with('s')) && !is_one_of(verb, STOP);
    let ends =
        cx.punct(k + 1, &['.', '!', '?', ',', ';']) || k + 1 >= toks.len() || toks[k + 1].par;
    (verb_like && ends).then_some(Frame {
        cue: (k, k),
        speaker: Some((start, k - 1)),
        inverted: false,
        object: false,
        according: false,
        participle: false,
        colon: false,
        relative: None,
    })
}

/// The subject at the start of the sentence `lo..i`, after a short opening phrase (`On Friday,
/// …`, `Hours later, …`), when it is a name, a pronoun or a determined noun phrase.
fn sentence_subject(cx: &Ctx<'_>, lo: usize, i: usize) -> Option<(usize, usize)> {
    // An opening phrase that starts with a preposition may be longer (`In a short statement
    // read on state television, the president …`).
    let reach = if cx.one_of(lo, CAPITAL_STOP) { 13 } else { 6 };
    // The last comma of the opening phrase (`Speaking in Salem, New Hampshire, Trump …`).
    let comma = if reach > 6 {
        (lo..i.min(lo + reach))
            .filter(|&k| cx.punct(k, &[',']))
            .take_while(|&k| {
                !(k + 1 < i && cx.toks[k + 1].kind == Kind::Upper && cx.one_of(k + 1, CAPITAL_STOP))
            })
            .last()
    } else {
        (lo..i.min(lo + reach)).find(|&k| cx.punct(k, &[',']))
    };
    let intro = match comma {
        Some(k) if k >= lo + 2 || cx.one_of(lo, CAPITAL_STOP) => {
            // A sentence that starts with a determiner starts with its subject (`The
            // tribunal declined to act, saying …`).
            let opener = cx.one_of(lo, CAPITAL_STOP)
                || (!cx.one_of(lo, DETERMINERS)
                    && !(lo + 1..k).any(|m| cx.toks[m].kind == Kind::Upper));
            if opener { k + 1 } else { lo }
        }
        _ => lo,
    };
    let sp = cx.np_right(intro, i)?;
    let head = cx.toks[sp.1].kind;
    let determined = cx.one_of(sp.0, DETERMINERS) && sp.1 > sp.0;
    (head == Kind::Upper || determined || cx.one_of(sp.1, PRONOUNS)).then_some(sp)
}
