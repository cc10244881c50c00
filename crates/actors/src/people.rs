//! People the dictionary does not know, recognised by how news text introduces them.
//!
//! A run of capitalised words (with name particles such as `al-`, `bin`, `de`, `van`,
//! hyphens and accents: "Khalid al-Mannai", "Jean-Claude Rugamba", "Aimée Lukusa") is a
//! person when the text marks it as one:
//! - a role right before it: "Trade Commissioner Johanna Lindqvist", "opposition leader X",
//!   "China's vice commerce minister X", "Minister of State X", "Army spokesman Colonel X";
//! - a role phrase and a comma right before it: "the rebels' spokesman, X", "its chief
//!   negotiator, X", "the Inspector General of Police, X";
//! - a role in apposition after it: "X, Rwanda's foreign minister", "X, a trade economist at
//!   a Warsaw think tank";
//! - a reporting verb: "X said", "X told reporters", "said X", "according to X".
//!
//! The person's code comes from the role: its sector from the role noun ("minister" →
//! `GOV`, "colonel" → `MIL`, "economist" → `EDU`) unless a body in the role says otherwise
//! ("Army spokesman" → `MIL`, "rebels' spokesman" → `REB`, "Inspector General of Police" →
//! `COP`); its country from a country, capital or organisation in the role or apposition
//! ("Rwanda's foreign minister" → `RWAGOV`, "the WTO deputy director-general" → `IGOWTO`),
//! from the antecedent of "its" or "whose", or, for a commissioner, from the organisation with
//! a Commission named in the document. A former office gives the country with `ELI`. When no
//! country is found the code stays empty (the sector is kept), and
//! [`crate::context::resolve_roles`] may give the document's home country later.
//!
//! Later mentions of the same person, by surname ("Lindqvist said"), by part of the name
//! ("Appiah Mensah told reporters") or by a name token after a title ("Vice Minister Tang"),
//! take the person's entity, code and role.
//!
//! One pass over the words of the text; no allocation per word (role and stop words are
//! matched by `match` on a lowercase copy in a stack buffer).

use model::Span;

use crate::dictionary::ActorDictionary;
use crate::matcher::{Mention, MentionKind, RoleHit};
use crate::normalize::Normalized;

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Gap {
    /// The first word of the text.
    #[default]
    Start,
    /// Spaces only (or a dot after an abbreviated title: "Mr. Smith").
    Space,
    /// A line break or a blank line.
    Line,
    /// A comma.
    Comma,
    /// A full stop, question or exclamation mark.
    Stop,
    /// A colon or semicolon.
    Semi,
    /// A dash.
    Dash,
    /// A quotation mark.
    Quote,
    /// An opening bracket.
    Open,
    /// A closing bracket.
    Close,
    /// Anything else ("/", "&").
    Other,
}

/// One word of the original text.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    /// First byte.
    s: u32,
    /// One past the last byte, without a possessive `'s`.
    e: u32,
    /// What comes before it.
    gap: Gap,
    /// Starts with a capital (or is `al-`/`el-`/`bin-` + capital).
    upper: bool,
    /// Two or more letters, all capitals (an acronym or a dateline).
    caps: bool,
    /// Ends in a possessive (`Rwanda's`, `rebels'`).
    poss: bool,
    /// Holds a digit.
    digit: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Cuts `text` into words with the gap before each.
fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    // The char at byte `at` (a char boundary), decoded only when it is not ASCII.
    let char_at = |at: usize| -> Option<char> {
        match bytes.get(at) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => text.get(at..).and_then(|t| t.chars().next()),
            None => None,
        }
    };
    let mut i = 0usize;
    let mut gap_start = 0usize;
    while i < bytes.len() {
        let Some(c) = char_at(i) else {
            break;
        };
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let s = i;
        let mut e = i;
        let mut letters = 0u32;
        let mut lower = false;
        let mut digit = false;
        let mut poss = false;
        let full_e;
        loop {
            let Some(ch) = char_at(e) else {
                full_e = e;
                break;
            };
            if ch.is_alphanumeric() {
                if ch.is_alphabetic() {
                    letters += 1;
                    lower |= ch.is_lowercase();
                } else {
                    digit = true;
                }
                e += ch.len_utf8();
                continue;
            }
            let next = char_at(e + ch.len_utf8());
            if is_apostrophe(ch) {
                let after_next = next.and_then(|n| char_at(e + ch.len_utf8() + n.len_utf8()));
                if matches!(next, Some('s' | 'S')) && !after_next.is_some_and(char::is_alphanumeric)
                {
                    // Possessive 's.
                    poss = true;
                    full_e = e + ch.len_utf8() + 1;
                    break;
                }
                if next.is_some_and(char::is_alphanumeric) {
                    e += ch.len_utf8();
                    continue;
                }
                if text[s..e].ends_with(['s', 'S']) {
                    // Plural possessive: rebels'.
                    poss = true;
                    full_e = e + ch.len_utf8();
                    break;
                }
                full_e = e;
                break;
            }
            if is_hyphen(ch) && next.is_some_and(char::is_alphanumeric) {
                e += ch.len_utf8();
                continue;
            }
            full_e = e;
            break;
        }
        let word = &text[s..e];
        let first = word.chars().next().unwrap_or(' ');
        let upper = first.is_uppercase()
            || (matches!(first, 'a' | 'e' | 'b' | 'i') && particle_before_capital(word));
        let gap = classify_gap(text, gap_start, s, out.last().copied(), out.is_empty());
        out.push(Tok {
            s: s as u32,
            e: e as u32,
            gap,
            upper,
            caps: letters >= 2 && !lower,
            poss,
            digit,
        });
        gap_start = full_e;
        i = full_e.max(s + 1);
    }
}

/// `al-Mannai`, `el-Sisi`, `bin-Salman`: a lowercase particle joined to a capitalised name.
fn particle_before_capital(word: &str) -> bool {
    let Some((head, rest)) = word.split_once(is_hyphen) else {
        return false;
    };
    matches!(
        head,
        "al" | "el" | "ad" | "as" | "an" | "ash" | "at" | "az" | "bin" | "ibn" | "abu"
    ) && rest.chars().next().is_some_and(char::is_uppercase)
}

fn classify_gap(text: &str, from: usize, to: usize, prev: Option<Tok>, first: bool) -> Gap {
    if first {
        return Gap::Start;
    }
    let g = &text[from.min(to)..to];
    if g == " " {
        return Gap::Space;
    }
    if g.contains('\n') {
        return Gap::Line;
    }
    if g.contains(['.', '!', '?', '…']) {
        // "Mr. Smith", "Gen. Smith": the dot of an abbreviated title.
        let abbreviation = prev.is_some_and(|p| {
            is_title_word(&text[p.s as usize..p.e as usize])
                && g.trim_start_matches('.').trim().is_empty()
        });
        return if abbreviation { Gap::Space } else { Gap::Stop };
    }
    if g.contains(['"', '“', '”', '«', '»']) {
        return Gap::Quote;
    }
    if g.contains(['—', '–', '―']) || g.contains(" - ") || g.contains("--") {
        return Gap::Dash;
    }
    if g.contains([';', ':']) {
        return Gap::Semi;
    }
    if g.contains(',') {
        return Gap::Comma;
    }
    if g.contains(['(', '[']) {
        return Gap::Open;
    }
    if g.contains([')', ']']) {
        return Gap::Close;
    }
    if g.chars().all(char::is_whitespace) {
        return Gap::Space;
    }
    Gap::Other
}

/// Lowercases an ASCII word into `buf`; `None` for longer or non-ASCII words (which are in
/// none of the word lists).
fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).ok()
}

/// A role noun that names a person and the sector it implies by default (`""`: none).
fn head_sector(w: &str) -> Option<&'static str> {
    Some(match w {
        // Abbreviated titles ("Sen. Marco Rubio", "Gen. Smith").
        "sen" | "rep" => "LEG",
        "gov" | "pres" => "GOV",
        "gen" | "col" | "lt" | "maj" | "capt" | "sgt" | "adm" | "cmdr" => "MIL",
        "minister"
        | "ministers"
        | "president"
        | "premier"
        | "chancellor"
        | "secretary"
        | "commissioner"
        | "ambassador"
        | "envoy"
        | "diplomat"
        | "spokesman"
        | "spokeswoman"
        | "spokesperson"
        | "official"
        | "governor"
        | "mayor"
        | "king"
        | "queen"
        | "emir"
        | "sultan"
        | "prince"
        | "princess"
        | "negotiator"
        | "mediator"
        | "adviser"
        | "advisor"
        | "aide"
        | "director"
        | "director-general"
        | "secretary-general"
        | "chairman"
        | "chairwoman"
        | "chairperson"
        | "chair"
        | "head"
        | "chief"
        | "leader"
        | "representative"
        | "delegate"
        | "consul"
        | "deputy"
        | "counterpart"
        | "vice-president"
        | "prime-minister"
        | "inspector"
        | "inspector-general"
        | "commissioner-general"
        | "undersecretary"
        | "under-secretary"
        | "administrator"
        | "regent"
        | "monarch" => "GOV",
        "general" | "colonel" | "lieutenant" | "lieutenant-colonel" | "brigadier"
        | "brigadier-general" | "major-general" | "lieutenant-general" | "admiral"
        | "commander" | "marshal" | "captain" | "sergeant" | "commodore" | "corporal" => "MIL",
        "judge" | "justice" | "prosecutor" | "magistrate" | "attorney" | "lawyer" => "JUD",
        "senator" | "lawmaker" | "legislator" | "congressman" | "congresswoman" | "mp"
        | "speaker" | "parliamentarian" | "deputies" => "LEG",
        "challenger" | "dissident" | "activist" | "campaigner" | "protester" => "OPP",
        "rebel" | "militant" | "insurgent" | "warlord" => "REB",
        "journalist" | "editor" | "correspondent" | "reporter" | "columnist" | "commentator"
        | "broadcaster" => "MED",
        "economist" | "analyst" | "professor" | "researcher" | "scholar" | "academic"
        | "lecturer" | "student" | "teacher" | "historian" | "fellow" => "EDU",
        "executive" | "ceo" | "businessman" | "businesswoman" | "entrepreneur" | "banker"
        | "trader" | "investor" | "shopkeeper" | "vendor" | "merchant" | "manager" => "BUS",
        "resident" | "farmer" | "villager" | "witness" | "survivor" | "driver" | "mother"
        | "father" | "widow" | "fisherman" | "labourer" | "laborer" => "CVL",
        "doctor" | "nurse" | "surgeon" | "physician" | "paramedic" => "HLH",
        "cleric" | "imam" | "bishop" | "archbishop" | "priest" | "pastor" | "rabbi"
        | "cardinal" | "patriarch" | "mufti" => "REL",
        "candidate" | "rival" | "opponent" | "founder" | "member" | "organiser" | "organizer"
        | "coordinator" | "worker" | "expert" | "officer" => "",
        _ => return None,
    })
}

/// Honorifics and ranks written before names ("Mr", "Dr", "Sheikh"): a person follows.
fn honorific(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "sheikh"
            | "sayyid"
            | "ayatollah"
            | "mullah"
            | "rev"
            | "reverend"
            | "hon"
            | "mme"
            | "mlle"
            | "herr"
            | "frau"
            | "senor"
            | "senora"
            | "monsieur"
            | "madame"
            | "crown"
    )
}

/// Words that modify a role noun in a role phrase ("Vice Commerce Minister", "chief
/// negotiator", "senior trade official").
fn role_modifier(w: &str) -> bool {
    matches!(
        w,
        "vice"
            | "deputy"
            | "foreign"
            | "trade"
            | "commerce"
            | "interior"
            | "information"
            | "finance"
            | "economy"
            | "economic"
            | "economics"
            | "defence"
            | "defense"
            | "health"
            | "energy"
            | "agriculture"
            | "education"
            | "home"
            | "security"
            | "labour"
            | "labor"
            | "transport"
            | "environment"
            | "industry"
            | "culture"
            | "tourism"
            | "communications"
            | "water"
            | "mines"
            | "mining"
            | "oil"
            | "petroleum"
            | "planning"
            | "development"
            | "immigration"
            | "international"
            | "national"
            | "public"
            | "works"
            | "affairs"
            | "regional"
            | "federal"
            | "local"
            | "cabinet"
            | "chief"
            | "senior"
            | "top"
            | "prime"
            | "former"
            | "acting"
            | "special"
            | "assistant"
            | "associate"
            | "under"
            | "permanent"
            | "principal"
            | "executive"
            | "first"
            | "second"
            | "lead"
            | "main"
            | "junior"
            | "state"
            | "general"
            | "attorney"
            | "solicitor"
            | "inspector"
            | "supreme"
            | "high"
            | "grand"
            | "electoral"
            | "election"
            | "campaign"
            | "retired"
            | "interim"
            | "caretaker"
            | "outgoing"
            | "incoming"
            | "managing"
            | "political"
            | "legal"
            | "human"
            | "rights"
            | "humanitarian"
            | "peace"
            | "border"
            | "presidential"
            | "government"
            | "party"
            | "army"
            | "police"
            | "military"
            | "navy"
            | "opposition"
            | "rebel"
            | "rebels"
            | "most"
            | "longtime"
            | "veteran"
            | "new"
            | "newly"
            | "current"
            | "justice"
            | "field"
            | "district"
            | "provincial"
            | "county"
            | "city"
            | "court"
            | "central"
            | "bank"
            | "budget"
            | "treasury"
            | "customs"
            | "intelligence"
            | "media"
            | "press"
            | "communication"
            | "spokes"
            | "auxiliary"
            | "titular"
            | "ruling"
            | "majority"
            | "minority"
            | "union"
            | "trade-union"
            | "business"
            | "think"
            | "tank"
    )
}

/// Words that start a noun phrase in an apposition ("a trade economist", "its envoy").
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "its" | "his" | "her" | "their" | "whose" | "our" | "my"
    )
}

/// Possessive pronouns whose antecedent is an organisation or a country.
fn body_pronoun(w: &str) -> bool {
    matches!(w, "its" | "whose" | "their")
}

/// Reporting verbs after a name ("X said", "X told reporters").
fn speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "warned"
            | "warns"
            | "stated"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "noted"
            | "notes"
            | "explained"
            | "wrote"
            | "writes"
            | "asked"
            | "replied"
            | "declared"
            | "announced"
            | "stressed"
            | "urged"
            | "cautioned"
            | "acknowledged"
            | "admitted"
            | "claimed"
            | "denied"
            | "confirmed"
            | "accused"
            | "praised"
            | "criticised"
            | "criticized"
            | "recalled"
            | "predicted"
            | "suggested"
            | "commented"
            | "complained"
            | "conceded"
            | "countered"
            | "responded"
            | "vowed"
            | "pledged"
            | "promised"
            | "threatened"
            | "welcomed"
            | "rejected"
            | "dismissed"
            | "called"
            | "described"
            | "reiterated"
            | "emphasised"
            | "emphasized"
            | "maintained"
            | "contended"
            | "estimated"
            | "believes"
            | "thinks"
    )
}

/// Words between a name and its reporting verb ("X has also said").
fn verb_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "had"
            | "have"
            | "also"
            | "later"
            | "then"
            | "again"
            | "previously"
            | "once"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "earlier"
            | "himself"
            | "herself"
            | "recently"
            | "separately"
            | "further"
            | "reportedly"
    )
}

/// Capitalised words that are never (part of) a person's name.
fn stop_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "as"
            | "since"
            | "until"
            | "although"
            | "though"
            | "because"
            | "so"
            | "yet"
            | "then"
            | "there"
            | "here"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "what"
            | "who"
            | "which"
            | "where"
            | "why"
            | "how"
            | "some"
            | "many"
            | "most"
            | "all"
            | "both"
            | "neither"
            | "either"
            | "each"
            | "every"
            | "no"
            | "not"
            | "even"
            | "only"
            | "also"
            | "still"
            | "however"
            | "meanwhile"
            | "instead"
            | "few"
            | "none"
            | "one"
            | "two"
            | "three"
            | "under"
            | "over"
            | "about"
            | "against"
            | "between"
            | "during"
            | "into"
            | "through"
            | "without"
            | "within"
            | "among"
            | "despite"
            | "officially"
            | "asked"
            | "speaking"
            | "according"
            | "said"
            | "says"
            | "told"
            | "yes"
            | "now"
            | "today"
            | "tonight"
            | "yesterday"
            | "tomorrow"
            | "last"
            | "next"
            | "earlier"
            | "later"
            | "once"
            | "again"
            | "more"
            | "less"
            | "other"
            | "another"
            | "such"
            | "much"
            | "several"
            | "any"
            | "we're"
            | "it's"
            | "then-president"
            | "do"
            | "does"
            | "did"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "dear"
            | "thank"
            | "thanks"
            | "please"
            | "let"
            | "like"
            | "just"
            | "never"
            | "always"
            | "perhaps"
            | "maybe"
            | "indeed"
            | "unlike"
            | "beyond"
            | "toward"
            | "towards"
            | "upon"
            | "per"
            | "via"
    ) || is_calendar_word(w)
}

/// True for a function word or sentence adverb ("Yesterday", "When", "However"), in any
/// case.
pub(crate) fn is_function_word(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower(word, &mut buf).is_some_and(|w| {
        stop_word(w)
            || matches!(
                w,
                "meanwhile"
                    | "separately"
                    | "initially"
                    | "finally"
                    | "later"
                    | "earlier"
                    | "previously"
                    | "afterwards"
                    | "moreover"
                    | "nevertheless"
                    | "so"
            )
    })
}

/// Day and month names (capitalised, never a name here; "May" included).
pub(crate) fn is_calendar_word(w: &str) -> bool {
    model::calendar::is_day_or_month(w)
}

/// Head nouns of bodies, places and events: a capitalised run holding one names no person
/// ("State House", "Supreme Court", "Kairaba Avenue", "Peace and Security Council").
fn body_word(w: &str) -> bool {
    matches!(
        w,
        "commission"
            | "court"
            | "council"
            | "union"
            | "party"
            | "front"
            | "alliance"
            | "movement"
            | "ministry"
            | "agency"
            | "bank"
            | "organization"
            | "organisation"
            | "assembly"
            | "house"
            | "avenue"
            | "street"
            | "road"
            | "square"
            | "palace"
            | "hotel"
            | "university"
            | "airport"
            | "province"
            | "district"
            | "region"
            | "river"
            | "lake"
            | "mountain"
            | "mountains"
            | "island"
            | "islands"
            | "city"
            | "republic"
            | "kingdom"
            | "states"
            | "nations"
            | "group"
            | "news"
            | "times"
            | "post"
            | "daily"
            | "press"
            | "television"
            | "radio"
            | "international"
            | "national"
            | "united"
            | "federal"
            | "central"
            | "democratic"
            | "popular"
            | "independent"
            | "electoral"
            | "peace"
            | "forces"
            | "army"
            | "police"
            | "guard"
            | "corps"
            | "committee"
            | "institute"
            | "foundation"
            | "fund"
            | "office"
            | "department"
            | "senate"
            | "congress"
            | "parliament"
            | "government"
            | "authority"
            | "company"
            | "corporation"
            | "inc"
            | "ltd"
            | "plc"
            | "club"
            | "school"
            | "college"
            | "centre"
            | "center"
            | "hospital"
            | "church"
            | "mosque"
            | "temple"
            | "cathedral"
            | "stadium"
            | "station"
            | "bridge"
            | "port"
            | "valley"
            | "plain"
            | "plains"
            | "coast"
            | "sea"
            | "ocean"
            | "gulf"
            | "desert"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "treaty"
            | "accord"
            | "agreement"
            | "summit"
            | "forum"
            | "conference"
            | "convention"
            | "declaration"
            | "act"
            | "law"
            | "bill"
            | "plan"
            | "programme"
            | "program"
            | "project"
            | "initiative"
            | "war"
            | "revolution"
            | "cup"
            | "games"
            | "prize"
            | "award"
            | "day"
            | "week"
            | "year"
            | "mission"
            | "embassy"
            | "secretariat"
            | "tribunal"
            | "board"
            | "service"
            | "network"
            | "association"
            | "federation"
            | "league"
            | "brigade"
            | "battalion"
            | "division"
            | "regiment"
            | "command"
            | "headquarters"
            | "mall"
            | "market"
            | "park"
            | "hall"
            | "tower"
            | "building"
            | "base"
            | "camp"
            | "prison"
            | "jail"
            | "zone"
            | "territory"
            | "territories"
            | "county"
            | "state"
            | "people"
            | "people's"
            | "liberation"
            | "revolutionary"
            | "socialist"
            | "communist"
            | "conservative"
            | "labour"
            | "liberal"
            | "green"
            | "greens"
            | "christian"
            | "islamic"
            | "muslim"
            | "arab"
            | "african"
            | "european"
            | "asian"
            | "american"
            | "pacific"
            | "atlantic"
            | "security"
            | "defence"
            | "defense"
            | "trade"
            | "economic"
            | "world"
            | "global"
            | "general"
            | "supreme"
            | "high"
            | "grand"
            | "royal"
            | "imperial"
            | "holy"
            | "saint"
            | "st"
            | "fort"
            | "port-au-prince"
            | "order"
            | "orders"
            | "note"
            | "notes"
            | "studio"
            | "studios"
            | "fathers"
            | "founding"
            | "media"
            | "online"
            | "magazine"
            | "review"
            | "journal"
            | "herald"
            | "tribune"
            | "gazette"
            | "express"
    )
}

/// True for a word that may stand before a name as a title ("Minister", "Mr", "Colonel").
pub(crate) fn is_title_word(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower(word, &mut buf).is_some_and(|w| {
        honorific(w) || head_sector(w).is_some_and(|s| !s.is_empty()) || role_modifier(w)
    })
}

/// True for a particle that belongs to the surname after it ("Al Busaidi", "von der
/// Leyen"), in any case.
pub(crate) fn is_name_particle(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower(word, &mut buf).is_some_and(particle)
}

/// A particle inside a name ("Ursula von der Leyen", "Mohammed bin Salman").
fn particle(w: &str) -> bool {
    matches!(
        w,
        "bin"
            | "ibn"
            | "bint"
            | "de"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "di"
            | "del"
            | "della"
            | "la"
            | "le"
            | "al"
            | "el"
            | "ter"
            | "ten"
            | "abu"
            | "ould"
            | "y"
    )
}

/// A role phrase found before or after a name.
#[derive(Debug, Clone, Copy)]
struct Role {
    /// First and last token of the phrase (inclusive).
    first: usize,
    last: usize,
    /// The role noun.
    head: usize,
    /// Where the role text starts (after a possessor such as "Rwanda's").
    text_first: usize,
    /// A possessive pronoun ("its", "whose") whose antecedent owns the role.
    pronoun: Option<usize>,
    /// The role noun is followed by "for/of" and a capitalised name the dictionary does not
    /// know ("a spokeswoman for the United Front for Change"): the person speaks for that
    /// body, whose code is unknown.
    unknown_body: bool,
}

/// One person recognised in the document.
struct Person {
    entity: String,
    code: String,
    sector: Option<String>,
    role: Option<String>,
    /// Tokens of the name where it was first recognised.
    name: (usize, usize),
}

/// The context the finder reads.
struct Cx<'a> {
    dict: &'a ActorDictionary,
    norm: &'a Normalized,
    text: &'a str,
    toks: &'a [Tok],
    roles: &'a [RoleHit],
    mentions: &'a [Mention],
}

impl Cx<'_> {
    fn word(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.s as usize..t.e as usize]
    }

    /// The lowercase word at `i` (ASCII only), in `buf`.
    fn low<'b>(&self, i: usize, buf: &'b mut [u8; 32]) -> Option<&'b str> {
        lower(self.word(i), buf)
    }

    fn is(&self, i: usize, f: fn(&str) -> bool) -> bool {
        let mut buf = [0u8; 32];
        i < self.toks.len() && self.low(i, &mut buf).is_some_and(f)
    }

    /// The role noun sector of word `i`, also for the last part of a hyphenated word
    /// ("vice-president").
    fn head(&self, i: usize) -> Option<&'static str> {
        let mut buf = [0u8; 32];
        let w = self.low(i, &mut buf)?;
        // "Major" before a name is a rank; "a major donor" is not.
        if w == "major" {
            return self.toks[i].upper.then_some("MIL");
        }
        head_sector(w).or_else(|| w.rsplit('-').next().and_then(head_sector))
    }

    /// The dictionary role noun covering word `i`.
    fn role_hit(&self, i: usize) -> Option<&RoleHit> {
        let t = self.toks[i];
        let k = self.roles.partition_point(|r| r.end <= t.s);
        self.roles.get(k).filter(|r| r.start <= t.s && t.e <= r.end)
    }

    /// The mention covering word `i` (not a bare role noun, not a title still without a
    /// code).
    fn mention(&self, i: usize) -> Option<&Mention> {
        let t = self.toks[i];
        let k = self.mentions.partition_point(|m| m.span.end() <= t.s);
        self.mentions[k..]
            .iter()
            .take_while(|m| m.span.start() < t.e)
            .find(|m| !m.is_bare_agent() && !m.code.is_empty())
    }

    /// Any mention overlapping word `i` (bare role nouns and titles included).
    fn any_mention(&self, i: usize) -> bool {
        let t = self.toks[i];
        let k = self.mentions.partition_point(|m| m.span.end() <= t.s);
        self.mentions.get(k).is_some_and(|m| m.span.start() < t.e)
    }

    /// Word `i` belongs to a role phrase: a role noun, honorific, modifier, or a role noun
    /// of the dictionary.
    fn role_word(&self, i: usize) -> bool {
        let mut buf = [0u8; 32];
        let Some(w) = self.low(i, &mut buf) else {
            return self.role_hit(i).is_some();
        };
        honorific(w)
            || head_sector(w).is_some()
            || w.rsplit('-')
                .next()
                .is_some_and(|p| head_sector(p).is_some())
            || role_modifier(w)
            || self.role_hit(i).is_some()
    }

    /// A capitalised title word ending a name ("Pete King"): not followed by another
    /// capitalised word, not a body word, and covered by no mention but a bare role.
    fn surname_like_title(&self, i: usize) -> bool {
        let t = self.toks[i];
        if !t.upper || t.caps || t.digit {
            return false;
        }
        let next_upper = self
            .toks
            .get(i + 1)
            .is_some_and(|n| n.gap == Gap::Space && n.upper);
        let mut buf = [0u8; 32];
        let Some(w) = self.low(i, &mut buf) else {
            return false;
        };
        !next_upper
            && matches!(
                w,
                "king" | "prince" | "major" | "bishop" | "judge" | "marshal" | "bishops"
            )
            && self.mention(i).is_none()
    }

    /// A capitalised word that the dictionary reads as a place ("Farah", a province) ending
    /// a name: a single-word place, not followed by another capitalised word.
    fn surname_like_place(&self, i: usize) -> bool {
        let t = self.toks[i];
        if !t.upper || t.caps || t.digit {
            return false;
        }
        if self
            .toks
            .get(i + 1)
            .is_some_and(|n| n.gap == Gap::Space && n.upper)
        {
            return false;
        }
        let k = self.mentions.partition_point(|m| m.span.end() <= t.s);
        self.mentions.get(k).is_some_and(|m| {
            m.kind == MentionKind::Place && m.span.start() == t.s && m.span.end() == t.e
        })
    }

    /// Word `i` can be part of a person's name.
    fn name_word(&self, i: usize) -> bool {
        let t = self.toks[i];
        if !t.upper || t.caps || t.digit || t.e - t.s < 2 {
            return false;
        }
        let mut buf = [0u8; 32];
        match self.low(i, &mut buf) {
            Some(w) => {
                !(stop_word(w)
                    || w == "major"
                    || body_word(w)
                    || honorific(w)
                    || head_sector(w).is_some()
                    || role_modifier(w))
            }
            None => true,
        }
    }

    /// The sector of a role phrase: a body in it other than the role noun ("Army
    /// spokesman", "rebels' spokesman", "Inspector General of Police"), else the role noun's.
    fn sector(&self, role: &Role) -> Option<String> {
        let head_hit = self.role_hit(role.head).map(|r| r.entry);
        for k in role.first..=role.last {
            if k == role.head {
                continue;
            }
            if let Some(r) = self.role_hit(k)
                && Some(r.entry) != head_hit
            {
                let code = &self.dict.entries[r.entry as usize].code;
                if code.len() >= 3 && !code.starts_with("GOV") {
                    return Some(code[..3].to_owned());
                }
            }
        }
        // A dictionary role noun of several words around the head ("opposition leader",
        // "chief justice") says more than the head alone.
        if let Some(hit) = self.role_hit(role.head) {
            let t = self.toks[role.head];
            let code = &self.dict.entries[hit.entry as usize].code;
            if (hit.start < t.s || hit.end > t.e) && code.len() >= 3 {
                return Some(code[..3].to_owned());
            }
        }
        let s = self.head(role.head).unwrap_or("");
        if !s.is_empty() {
            return Some(s.to_owned());
        }
        let hit = self.role_hit(role.head)?;
        let code = &self.dict.entries[hit.entry as usize].code;
        (code.len() >= 3).then(|| code[..3].to_owned())
    }

    /// The country of the country, capital or state mention that starts at token `j`.
    fn country_at(&self, j: usize) -> Option<String> {
        let s = self.toks.get(j)?.s;
        let k = self.mentions.partition_point(|m| m.span.start() < s);
        let m = self.mentions.get(k).filter(|m| m.span.start() == s)?;
        if m.person || m.code.is_empty() {
            return None;
        }
        m.country.clone()
    }

    /// The nearest mention before byte `at` that a possessive pronoun can stand for: a
    /// country, capital, group or organisation (not a person), at most 400 bytes before.
    fn antecedent(&self, at: u32) -> Option<&Mention> {
        let k = self.mentions.partition_point(|m| m.span.start() < at);
        self.mentions[..k]
            .iter()
            .rev()
            .take_while(|m| at.saturating_sub(m.span.end()) <= 400)
            .find(|m| !m.person && !m.code.is_empty() && m.kind != MentionKind::Title)
    }

    /// Code of a person with `role` (tokens `from..=to` searched for a country or body).
    fn code(&self, role: &Role, from: usize, to: usize) -> (String, Option<String>) {
        let sector = self.sector(role);
        let former = (from..=to).any(|k| self.is(k, |w| matches!(w, "former" | "ex" | "retired")));
        let mut owner: Option<(String, bool)> = None;
        // A country, capital, group or organisation named in the role or apposition.
        let (s, e) = (self.toks[from].s, self.toks[to].e);
        let k = self.mentions.partition_point(|m| m.span.end() <= s);
        for m in self.mentions[k..].iter().take_while(|m| m.span.start() < e) {
            if m.person || m.code.is_empty() {
                continue;
            }
            let org = m.kind == MentionKind::Name && m.country.is_none();
            let state_org =
                m.kind == MentionKind::Name && m.country.is_some() && m.entity.is_some();
            owner = Some(if org || state_org {
                (m.code.clone(), true)
            } else {
                (m.country.clone().unwrap_or_else(|| m.code.clone()), false)
            });
            break;
        }
        if owner.is_none()
            && let Some(p) = role.pronoun
            && self.is(p, body_pronoun)
            && let Some(m) = self.antecedent(self.toks[p].s)
        {
            let org = m.country.is_none() || (m.kind == MentionKind::Name && m.entity.is_some());
            owner = Some(if org {
                (m.code.clone(), true)
            } else {
                (m.country.clone().unwrap_or_default(), false)
            });
        }
        if owner.is_none() && self.is(role.head, |w| w == "commissioner") && !role.unknown_body {
            owner = self
                .mentions
                .iter()
                .find(|m| self.dict.commission_codes.contains(&m.code))
                .map(|m| (m.code.clone(), true));
        }
        if role.unknown_body {
            return (String::new(), None);
        }
        match owner {
            Some((code, true)) => (code, sector),
            Some((country, false)) if former => (format!("{country}ELI"), sector),
            Some((country, false)) => {
                let code = match &sector {
                    Some(s) if country.len() == 3 => format!("{country}{s}"),
                    _ => country,
                };
                (code, sector)
            }
            None if former => (String::new(), None),
            None => (String::new(), sector),
        }
    }

    /// A role right before the name at token `n` ("Trade Commissioner", "Minister of State",
    /// "Rwanda's foreign minister", "opposition leader").
    fn role_before(&self, n: usize) -> Option<Role> {
        if n == 0 || self.toks[n].gap != Gap::Space {
            return None;
        }
        let j = n - 1;
        // A possessive role noun owns what follows ("the editor's Note"), it is no title.
        if self.toks[j].poss {
            return None;
        }
        let titled = |k: usize| self.head(k).is_some() || self.is(k, honorific);
        let (head, last) = if titled(j) {
            (j, j)
        } else if j >= 2
            && self.toks[j].gap == Gap::Space
            && self.toks[j - 1].gap == Gap::Space
            && self.is(j - 1, |w| matches!(w, "of" | "for"))
            && titled(j - 2)
            && (self.toks[j].upper || self.role_hit(j).is_some())
        {
            (j - 2, j)
        } else {
            return None;
        };
        let mut first = head;
        let mut pronoun = None;
        while first > 0 && head - first < 6 && self.toks[first].gap == Gap::Space {
            let k = first - 1;
            if self.is(k, body_pronoun) || self.is(k, |w| matches!(w, "his" | "her")) {
                pronoun = Some(k);
                break;
            }
            if self.is(k, determiner) {
                break;
            }
            let covered = self.mention(k).is_some_and(|m| !m.person);
            if self.role_word(k) || covered {
                first = k;
                continue;
            }
            break;
        }
        let text_first = (first..=head)
            .find(|&k| self.role_word(k) && !self.toks[k].poss)
            .unwrap_or(head);
        Some(Role {
            first,
            last,
            head,
            text_first,
            pronoun,
            unknown_body: false,
        })
    }

    /// A role phrase ending right before the comma before the name at `n` ("the rebels'
    /// spokesman, X", "a spokeswoman for the United Front for Change, X").
    fn role_before_comma(&self, n: usize) -> Option<Role> {
        if n == 0 || self.toks[n].gap != Gap::Comma {
            return None;
        }
        let end = n - 1;
        let mut w = end;
        while w > 0 && end - w < 10 && self.toks[w].gap == Gap::Space {
            w -= 1;
        }
        // The last role noun of the window, with only a short phrase after it.
        let head = (w..=end).rev().find(|&k| self.head(k).is_some())?;
        if end - head > 7 {
            return None;
        }
        let mut unknown_body = false;
        if head < end {
            if !self.is(head + 1, |x| {
                matches!(x, "of" | "for" | "to" | "at" | "with" | "in")
            }) {
                // Only modifiers may follow the role noun ("the envoy general"): rare.
                if !(head + 1..=end).all(|k| self.role_word(k)) {
                    return None;
                }
            } else {
                unknown_body = (head + 2..=end).any(|k| {
                    self.toks[k].upper
                        && (self.name_word(k) || self.is(k, body_word))
                        && self.mention(k).is_none()
                        && self.role_hit(k).is_none()
                });
            }
        }
        // Nothing but a determiner, pronoun, possessor or modifiers before the role noun.
        let mut first = head;
        let mut pronoun = None;
        while first > w {
            let k = first - 1;
            if self.is(k, body_pronoun) || self.is(k, |x| matches!(x, "his" | "her")) {
                pronoun = Some(k);
                first = k;
                break;
            }
            if self.is(k, determiner) {
                first = k;
                break;
            }
            let covered = self.mention(k).is_some_and(|m| !m.person);
            if self.role_word(k) || covered || self.toks[k].poss || self.toks[k].gap == Gap::Space {
                first = k;
                continue;
            }
            break;
        }
        let text_first = (first..=head)
            .find(|&k| !self.is(k, determiner) && self.role_word(k) && !self.toks[k].poss)
            .unwrap_or(head);
        Some(Role {
            first,
            last: end,
            head,
            text_first,
            pronoun,
            unknown_body,
        })
    }

    /// A role phrase in apposition after the name ending before token `m` ("X, a trade
    /// economist at a Warsaw think tank", "X, Rwanda's foreign minister").
    fn role_after(&self, m: usize) -> Option<Role> {
        if m >= self.toks.len() || self.toks[m].gap != Gap::Comma {
            return None;
        }
        let mut k = m;
        let mut lower_words = 0;
        let mut pronoun = None;
        let head = loop {
            if k >= self.toks.len() || (k > m && self.toks[k].gap != Gap::Space) || k - m > 6 {
                return None;
            }
            if self.head(k).is_some() {
                break k;
            }
            let covered = self.mention(k).is_some_and(|x| !x.person);
            if self.is(k, body_pronoun) {
                pronoun = Some(k);
            } else if !(self.is(k, determiner) || self.role_word(k) || covered || self.toks[k].poss)
            {
                if self.toks[k].upper {
                    return None;
                }
                lower_words += 1;
                if lower_words > 2 {
                    return None;
                }
            }
            k += 1;
        };
        // The apposition runs to the next break (for a country named in it: "at a Warsaw
        // think tank").
        let mut last = head;
        while last + 1 < self.toks.len()
            && self.toks[last + 1].gap == Gap::Space
            && last - head < 8
            && !self.is(last + 1, |w| matches!(w, "who" | "which" | "that"))
        {
            last += 1;
        }
        let text_first = (m..=head)
            .find(|&x| {
                !self.is(x, determiner)
                    && !self.is(x, body_pronoun)
                    && self.role_word(x)
                    && !self.toks[x].poss
            })
            .unwrap_or(head);
        Some(Role {
            first: m,
            last,
            head,
            text_first,
            pronoun,
            unknown_body: false,
        })
    }

    /// A reporting verb right after the name ending before `m`, or before the name at `n`.
    fn speech(&self, n: usize, m: usize) -> bool {
        let mut k = m;
        while k < self.toks.len()
            && self.toks[k].gap == Gap::Space
            && self.is(k, verb_aux)
            && k - m < 3
        {
            k += 1;
        }
        if k < self.toks.len() && self.toks[k].gap == Gap::Space && self.is(k, speech_verb) {
            return true;
        }
        n > 0
            && self.toks[n].gap == Gap::Space
            && (self.is(n - 1, |w| {
                matches!(w, "said" | "says" | "added" | "wrote" | "asked")
            }) || (n > 1
                && self.is(n - 1, |w| w == "to")
                && self.is(n - 2, |w| w == "according")))
    }

    /// The normalised form of words `a..b` (words separated by single spaces).
    fn key_span(&self, a: usize, b: usize) -> &str {
        self.norm
            .normalized_range(self.toks[a].s as usize, self.toks[b - 1].e as usize)
            .and_then(|(s, e)| self.norm.as_str().get(s..e))
            .unwrap_or("")
    }

    fn role_text(&self, role: &Role) -> Option<String> {
        let a = self.toks[role.text_first.min(role.head)].s as usize;
        let end_tok = if role.last > role.head
            && self.is(role.head + 1, |w| matches!(w, "of" | "for"))
            && role.last - role.head <= 3
        {
            role.last
        } else {
            role.head
        };
        let b = self.toks[end_tok].e as usize;
        self.text
            .get(a..b)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Finds people the dictionary does not know and their later mentions, adds them to
/// `mentions` (kept in text order) and drops the role mentions their titles absorbed.
pub(crate) fn find_people(
    dict: &ActorDictionary,
    norm: &Normalized,
    text: &str,
    toks: &mut Vec<Tok>,
    roles: &[RoleHit],
    mentions: &mut Vec<Mention>,
) {
    tokenize(text, toks);
    let mut added: Vec<Mention> = Vec::new();
    let mut absorbed: Vec<(u32, u32)> = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    // Runs of name words not recognised as people: (first, end, titled).
    let mut rest: Vec<(usize, usize, bool)> = Vec::new();
    {
        let cx = Cx {
            dict,
            norm,
            text,
            toks,
            roles,
            mentions,
        };
        let n_toks = toks.len();
        let mut i = 0;
        while i < n_toks {
            if !cx.name_word(i) || cx.any_mention(i) {
                i += 1;
                continue;
            }
            // The name: capitalised words (and particles inside) joined by spaces.
            let mut end = i + 1;
            while end < n_toks && toks[end].gap == Gap::Space && !toks[end - 1].poss {
                if cx.name_word(end) && !cx.any_mention(end) {
                    end += 1;
                } else if cx.surname_like_title(end) || cx.surname_like_place(end) {
                    // "Pete King", "Daud Farah": a title or place word as the last word of
                    // a name.
                    end += 1;
                    break;
                } else {
                    // Particles ("van der", "bin") between words of the name.
                    let mut p = end;
                    while p < n_toks
                        && p - end < 3
                        && toks[p].gap == Gap::Space
                        && cx.is(p, particle)
                    {
                        p += 1;
                    }
                    if p > end && p < n_toks && toks[p].gap == Gap::Space && cx.name_word(p) {
                        end = p + 1;
                    } else {
                        break;
                    }
                }
            }
            if end - i > 5 {
                i = end;
                continue;
            }
            let role = cx.role_before(i);
            let titled = role.is_some();
            let (role, from, to) = match role {
                Some(r) => (Some(r), r.first, r.last),
                None => match cx.role_before_comma(i).filter(|_| {
                    end >= n_toks
                        || matches!(
                            toks[end].gap,
                            Gap::Comma | Gap::Stop | Gap::Semi | Gap::Dash | Gap::Close | Gap::Line
                        )
                        || cx.is(end, |w| matches!(w, "who" | "of" | "from"))
                }) {
                    Some(r) => (Some(r), r.first, r.last),
                    None => match cx.role_after(end).filter(|_| end - i >= 2) {
                        Some(r) => (Some(r), r.first, r.last),
                        None => (None, i, i),
                    },
                },
            };
            let speech = role.is_none() && end - i >= 2 && cx.speech(i, end);
            // A name already recognised (or its surname) is the same person.
            let known = same_person(&cx, &people, i, end, titled);
            if let Some(p) = known {
                let person = &people[p];
                if let Ok(span) = Span::within(text, toks[i].s as usize, toks[end - 1].e as usize) {
                    let kind = if end - i == person.name.1 - person.name.0 {
                        MentionKind::Name
                    } else {
                        MentionKind::ShortName
                    };
                    added.push(person_mention(span, person, kind));
                    if let Some(r) = role.filter(|_| titled) {
                        absorbed.push((toks[r.first].s, toks[i].s));
                    }
                }
                i = end;
                continue;
            }
            // "Foreign Ministers X of Armenia and Y of Azerbaijan": the second name of a pair
            // shares the first one's office, with its own country.
            if role.is_none()
                && end - i >= 2
                && i > 0
                && end + 1 < n_toks
                && cx.is(i - 1, |w| w == "and")
                && cx.is(end, |w| w == "of")
                && let Some(prev) = people
                    .last()
                    .filter(|p| p.sector.is_some() && p.name.1 < i && i - 1 - p.name.1 <= 3)
                && let Some(country) = cx.country_at(end + 1)
                && let Ok(span) = Span::within(text, toks[i].s as usize, toks[end - 1].e as usize)
            {
                let sector = prev.sector.clone();
                let person = Person {
                    entity: text[span.start() as usize..span.end() as usize]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    code: format!("{country}{}", sector.as_deref().unwrap_or("")),
                    sector,
                    role: prev.role.clone(),
                    name: (i, end),
                };
                added.push(person_mention(span, &person, MentionKind::Name));
                people.push(person);
                i = end;
                continue;
            }
            if role.is_none() && !speech {
                rest.push((i, end, titled));
                i = end;
                continue;
            }
            if end - i < 2 && !titled {
                rest.push((i, end, titled));
                i = end;
                continue;
            }
            let Ok(span) = Span::within(text, toks[i].s as usize, toks[end - 1].e as usize) else {
                i = end;
                continue;
            };
            let (mut code, mut sector, role_text) = match &role {
                Some(r) => {
                    let (code, sector) = cx.code(r, from, to);
                    (code, sector, cx.role_text(r))
                }
                None => (String::new(), None, None),
            };
            // A title before the name and an apposition after it ("Vice Commerce Minister
            // X, its most senior trade negotiator"): the apposition may name the country.
            if code.is_empty()
                && role.is_some_and(|r| r.first < i)
                && let Some(r) = cx.role_after(end)
            {
                let (c, s) = cx.code(&r, r.first, r.last);
                if !c.is_empty() {
                    code = c;
                    sector = sector.or(s);
                }
            }
            // "Foreign Minister X of Armenia": the country after the name.
            if code.is_empty()
                && let Some(r) = role
                && end + 1 < n_toks
                && toks[end].gap == Gap::Space
                && cx.is(end, |w| w == "of")
            {
                let (c, s) = cx.code(&r, end + 1, end + 1);
                if !c.is_empty() {
                    code = c;
                    sector = sector.or(s);
                }
            }
            let person = Person {
                entity: text[span.start() as usize..span.end() as usize]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                code,
                sector,
                role: role_text,
                name: (i, end),
            };
            added.push(person_mention(span, &person, MentionKind::Name));
            if let Some(r) = role.filter(|_| titled) {
                absorbed.push((toks[r.first].s, toks[i].s));
            }
            people.push(person);
            i = end;
        }
        // Later (or earlier) mentions of the people found: surnames, parts of the name.
        if !people.is_empty() {
            for &(a, b, titled) in &rest {
                if let Some(p) = same_person(&cx, &people, a, b, titled)
                    && let Ok(span) = Span::within(text, toks[a].s as usize, toks[b - 1].e as usize)
                {
                    let person = &people[p];
                    let kind = if b - a == person.name.1 - person.name.0 {
                        MentionKind::Name
                    } else {
                        MentionKind::ShortName
                    };
                    added.push(person_mention(span, person, kind));
                    if titled && let Some(r) = cx.role_before(a) {
                        absorbed.push((toks[r.first].s, toks[a].s));
                    }
                }
            }
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.retain(|m| {
        let inside = |&(s, e): &(u32, u32)| s <= m.span.start() && m.span.end() <= e;
        // Titles the name absorbed; places and roles read inside a name ("Daud Farah").
        !(((m.kind == MentionKind::Title || m.is_bare_agent()) && absorbed.iter().any(inside))
            || (!m.person
                && added
                    .iter()
                    .any(|p| inside(&(p.span.start(), p.span.end())))))
    });
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
}

fn person_mention(span: Span, person: &Person, kind: MentionKind) -> Mention {
    let mut m = Mention::new(span, person.code.clone(), kind);
    if person.code.is_empty() {
        m.sector = person.sector.clone();
    }
    m.entity = Some(person.entity.clone());
    m.role = person.role.clone();
    m.person = true;
    m
}

/// The person whose name the words `a..b` repeat: the same words, the surname with words of
/// the name before it ("Appiah Mensah" for "Kwesi Appiah Mensah"), or, after a title, one
/// word of the name ("Vice Minister Tang" for "Tang Wei"). The latest such person wins.
fn same_person(cx: &Cx<'_>, people: &[Person], a: usize, b: usize, titled: bool) -> Option<usize> {
    let words = cx.key_span(a, b);
    let last = words.rsplit(' ').next().unwrap_or("");
    if last.is_empty() {
        return None;
    }
    people.iter().rposition(|p| {
        let known = cx.key_span(p.name.0, p.name.1);
        if known.rsplit(' ').next() == Some(last) {
            // Every word must be a word of the known name.
            return words.split(' ').all(|w| known.split(' ').any(|k| k == w));
        }
        titled && !words.contains(' ') && known.split(' ').any(|k| k == last)
    })
}
