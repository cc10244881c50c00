//! Finding actor mentions: one leftmost-longest Aho-Corasick pass over the normalised text,
//! token-boundary and case checks on each hit, then a pass that joins neighbours
//! ("Iranian" + "officials" → `IRNGOV`) and resolves short names to people.

use aho_corasick::{Anchored, Input};
use jiff::civil::Date;
use model::Span;
use serde::Serialize;
use std::cell::RefCell;

use crate::dictionary::{ActorDictionary, Source};
use crate::normalize::{HARD, Normalized, SOFT};
use crate::{Kind, split_code};

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A full name of a person or organisation (`Abbas Araghchi`, `the IAEA`).
    Name,
    /// A short name (surname) of a person (`Araghchi`).
    ShortName,
    /// A country, its adjective, a city or a seat of government (`Iran`, `Iranian`,
    /// `Tehran`, `the White House`).
    Place,
    /// A country or group with a role noun (`Iranian officials`, `Iran's parliament`).
    Group,
    /// A title standing for one office holder (`the foreign minister`, `Iran's top
    /// diplomat`); [`crate::resolve_coreference`] fills in the person.
    Title,
}

/// One mention of an actor in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte span in the original text.
    pub span: Span,
    /// CAMEO actor code (`IRNGOV`, `USA`, `IGOUNOIAE`); empty only for a title whose country
    /// and person are not known yet (before coreference).
    pub code: String,
    /// ISO-3 state code, `None` for international bodies and groups of states.
    pub country: Option<String>,
    /// Sector (`GOV`, `MIL`, `LEG`, `MED` …; `IGO` for intergovernmental bodies).
    pub sector: Option<String>,
    /// Person or organisation name (`Abbas Araghchi`), when the mention names one.
    pub entity: Option<String>,
    /// Role or office of the person (`Foreign Minister`).
    pub role: Option<String>,
    /// How the actor is named.
    pub kind: MentionKind,
    /// For titles: the office the title names (`foreign minister`).
    pub title: Option<String>,
    /// The role noun of a group or bare role mention (its pattern), so that "the army"
    /// can take the country of an earlier "Congo's army".
    #[serde(skip)]
    pub(crate) agent: Option<u32>,
    /// The mention names one person (from the dictionary or recognised by its context).
    #[serde(skip)]
    pub(crate) person: bool,
}

impl Mention {
    /// True when the mention names one person (from the dictionary or recognised by its
    /// context), not an organisation, a place or a group.
    pub fn is_person(&self) -> bool {
        self.person
    }
}

impl Mention {
    pub(crate) fn new(span: Span, code: String, kind: MentionKind) -> Mention {
        let (country, sector) = split_code(&code);
        Mention {
            span,
            code,
            country,
            sector,
            entity: None,
            role: None,
            kind,
            title: None,
            agent: None,
            person: false,
        }
    }

    /// A role noun with a sector but no country yet ("the army", "police"): resolved from
    /// context by `annotate`, or dropped.
    pub(crate) fn is_bare_agent(&self) -> bool {
        self.kind == MentionKind::Group && self.code.is_empty() && self.agent.is_some()
    }

    pub(crate) fn set_code(&mut self, code: String) {
        let (country, sector) = split_code(&code);
        self.code = code;
        self.country = country;
        self.sector = sector;
    }
}

/// A dictionary hit in normalised coordinates.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
}

thread_local! {
    static SCRATCH: RefCell<(Normalized, Vec<crate::people::Tok>)> =
        RefCell::new((Normalized::new(), Vec::new()));
}

/// Prepositions after which a capital names the place, not its government: "in", "at", "to",
/// "from", "into", "near", "utside", "via", "toward(s)", "across", as normalised.
const LOCATIVE: &[&str] = &[
    "in", "at", "to", "from", "into", "near", "utside", "via", "toward", "towards", "acros",
];

impl ActorDictionary {
    /// Finds actor mentions in `text`, valid on `date` (the publication date; `None` keeps
    /// every entry and prefers current office holders). Spans are byte offsets into `text`.
    /// Titles come back unresolved; use [`ActorDictionary::annotate`] for the full pass.
    pub fn find_mentions(&self, text: &str, date: Option<Date>) -> Vec<Mention> {
        let mut mentions = self.find_all(text, date);
        mentions.retain(|m| !m.is_bare_agent());
        mentions
    }

    /// Every mention, role nouns without a country included.
    fn find_all(&self, text: &str, date: Option<Date>) -> Vec<Mention> {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let (norm, toks) = &mut *scratch;
                self.find_in(norm, toks, text, date)
            }
            // Re-entrant call on this thread: use fresh buffers.
            Err(_) => self.find_in(&mut Normalized::new(), &mut Vec::new(), text, date),
        })
    }

    /// [`ActorDictionary::find_mentions`] followed by context resolution and
    /// [`crate::resolve_coreference`]:
    /// - the document's home country is the dateline's country, else the country named
    ///   first, when no other country is named more often;
    /// - a role noun without a country ("the army", "police") takes the country of the
    ///   latest group with the same noun ("Congo's army"), else the home country (not for
    ///   diplomatic roles such as envoys and mediators), else it is dropped;
    /// - a person recognised by a role without a country ("President Ebrima Sanneh") takes
    ///   the home country, likewise;
    /// - a title resolves to a person (see [`crate::resolve_coreference`]), else to the
    ///   home country's office; a title with a country that no person in the text answers
    ///   to ("Oman's foreign minister") goes to the dictionary's only holder of that office
    ///   in that country on `date`.
    pub fn annotate(&self, text: &str, date: Option<Date>) -> Vec<Mention> {
        let mut mentions = self.find_all(text, date);
        let home = crate::context::home_country(text, &mentions);
        crate::context::resolve_roles(text, &mut mentions, home.as_deref(), &self.commission_codes);
        let mut mentions = crate::coref::resolve_owned(mentions, home.as_deref());
        for m in &mut mentions {
            if m.kind != MentionKind::Title || m.entity.is_some() {
                continue;
            }
            let (Some(country), Some(office)) = (m.country.as_deref(), m.title.as_deref()) else {
                continue;
            };
            if let Some(holder) = self.office_holder(country, office, date) {
                m.set_code(holder.code.clone());
                m.entity = holder.entity.clone();
                m.role = holder.role.clone();
            }
        }
        mentions
    }

    /// The only curated or user person of `country` whose role holds `office` on `date`
    /// (`None` when there is none or more than one).
    pub fn office_holder(
        &self,
        country: &str,
        office: &str,
        date: Option<Date>,
    ) -> Option<&crate::Entry> {
        let mut found: Option<&crate::Entry> = None;
        for e in self
            .office_holders
            .iter()
            .map(|&i| &self.entries[i as usize])
        {
            if e.kind != Kind::Person
                || e.source == Source::Petrarch
                || !e.code.starts_with(country)
                || !e.valid_on(date)
                || !e
                    .role
                    .as_deref()
                    .is_some_and(|r| crate::coref::role_fits(r, office))
            {
                continue;
            }
            match found {
                Some(f) if f.entity != e.entity => return None,
                _ => found = Some(e),
            }
        }
        found
    }

    /// Finds mentions using a caller-owned normalisation buffer (as
    /// [`ActorDictionary::find_mentions`]).
    pub fn find_with(&self, norm: &mut Normalized, text: &str, date: Option<Date>) -> Vec<Mention> {
        let mut mentions = self.find_in(norm, &mut Vec::new(), text, date);
        mentions.retain(|m| !m.is_bare_agent());
        mentions
    }

    /// Dictionary hits turned into mentions, then people the dictionary does not know,
    /// recognised by their context ([`crate::people`]).
    fn find_in(
        &self,
        norm: &mut Normalized,
        toks: &mut Vec<crate::people::Tok>,
        text: &str,
        date: Option<Date>,
    ) -> Vec<Mention> {
        norm.normalize(text);
        let hits = self.scan(norm, text, date);
        let mut roles = Vec::new();
        let mut mentions = self.combine(norm, text, date, &hits, &mut roles);
        crate::people::find_people(self, norm, text, toks, &roles, &mut mentions);
        mentions
    }

    /// Raw hits: leftmost-longest from word starts (keys carry a leading break), ending on a
    /// word boundary, passing case checks and valid on `date`. A hit that fails is retried
    /// shorter at the same start.
    fn scan(&self, norm: &Normalized, text: &str, date: Option<Date>) -> Vec<Hit> {
        let hay = norm.as_str();
        let mut hits = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(first) = self.matcher.find(Input::new(hay).range(pos..)) else {
                break;
            };
            // The key's leading break is not part of the hit.
            let at = first.start();
            let start = at + 1;
            let mut candidate = Some(first);
            let mut accepted = None;
            while let Some(m) = candidate {
                let pattern = m.pattern().as_usize();
                if let Some(end) = self.accept(norm, text, date, start, m.end(), pattern) {
                    accepted = Some(Hit {
                        start,
                        end,
                        pattern,
                    });
                    break;
                }
                if m.end() <= start + 1 {
                    break;
                }
                candidate = self.matcher.find(
                    Input::new(hay)
                        .range(at..m.end() - 1)
                        .anchored(Anchored::Yes),
                );
            }
            match accepted {
                Some(hit) => {
                    pos = hit.end;
                    hits.push(hit);
                }
                None => pos = start,
            }
        }
        hits
    }

    /// Checks one candidate hit; returns its end (extended over a plural `s`) if it counts.
    fn accept(
        &self,
        norm: &Normalized,
        text: &str,
        date: Option<Date>,
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<usize> {
        let bytes = norm.as_str().as_bytes();
        let is_break = |i: usize| i >= bytes.len() || bytes[i] == SOFT || bytes[i] == HARD;
        let full_end = if is_break(end) {
            end
        } else if bytes[end] == b's' && is_break(end + 1) {
            end + 1
        } else {
            return None;
        };
        let pat = &self.patterns[pattern];
        let mut any_valid = false;
        let mut name_like = false;
        for &(e, _) in &pat.entries {
            let entry = &self.entries[e as usize];
            if entry.valid_on(date) {
                any_valid = true;
                name_like |= !matches!(entry.kind, Kind::Agent | Kind::Discard);
            }
        }
        if !any_valid {
            return None;
        }
        let (os, oe) = norm.original_range(start, end)?;
        let original = text.get(os..oe)?;
        if pat.acronym {
            if original.chars().any(char::is_lowercase) {
                return None;
            }
        } else if name_like
            && !pat.entries.iter().any(|&(e, _)| {
                let entry = &self.entries[e as usize];
                entry.valid_on(date) && matches!(entry.kind, Kind::Agent | Kind::Discard)
            })
            && original
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase)
        {
            // Names are written with a capital ("Turkey", not "turkey").
            return None;
        }
        Some(full_end)
    }

    /// Chooses the entry a hit stands for: valid on `date`; a short name only for a person
    /// already named in full earlier (`named`) or, failing that, the only such person; then
    /// by source, current validity and specificity.
    fn choose(
        &self,
        pattern: usize,
        date: Option<Date>,
        named: &[u32],
        lowercase: bool,
    ) -> Option<(u32, bool)> {
        let pat = &self.patterns[pattern];
        // Written in lowercase, a phrase that is also a role noun is the role noun
        // ("a trade economist", not the magazine The Economist).
        let role_only = lowercase
            && !pat.acronym
            && pat.entries.iter().any(|&(e, _)| {
                matches!(self.entries[e as usize].kind, Kind::Agent | Kind::Discard)
            });
        let valid = move || {
            pat.entries.iter().copied().filter(move |&(e, _)| {
                let entry = &self.entries[e as usize];
                entry.valid_on(date)
                    && (!role_only || matches!(entry.kind, Kind::Agent | Kind::Discard))
            })
        };
        // A short name of a person already named in full wins over everything else.
        if let Some(&e) = named
            .iter()
            .rev()
            .find(|&&n| valid().any(|(e, short)| short && e == n))
        {
            return Some((e, true));
        }
        // Newer knowledge first: user over curated over PETRARCH; then full names over short.
        let top = valid()
            .map(|(e, _)| self.entries[e as usize].source)
            .max()?;
        let valid = || valid().filter(move |&(e, _)| self.entries[e as usize].source == top);
        let best_full = valid()
            .filter(|&(_, short)| !short)
            .max_by_key(|&(e, _)| self.rank(e));
        if best_full.is_some() {
            return best_full;
        }
        let mut shorts = valid().filter(|&(_, short)| short);
        let first = shorts.next()?;
        let same_person = |a: u32, b: u32| {
            let (a, b) = (&self.entries[a as usize], &self.entries[b as usize]);
            a.entity.is_some() && a.entity == b.entity
        };
        if shorts.all(|(e, _)| same_person(e, first.0)) {
            Some(first)
        } else {
            None // Two people share the name and neither was named in full.
        }
    }

    fn rank(&self, e: u32) -> (Source, bool, bool, Option<Date>) {
        let entry = &self.entries[e as usize];
        (
            entry.source,
            entry.valid_to.is_none(),
            entry.valid_from.is_some(),
            entry.valid_to,
        )
    }

    /// Turns hits into mentions: joins a country or group name with a following role noun,
    /// absorbs a title directly before a person's name, resolves short names. Every role
    /// noun hit is also pushed to `roles` (for [`crate::people`]); a role noun without a
    /// country becomes a bare group mention that `annotate` resolves or drops.
    fn combine(
        &self,
        norm: &Normalized,
        text: &str,
        date: Option<Date>,
        hits: &[Hit],
        roles: &mut Vec<RoleHit>,
    ) -> Vec<Mention> {
        let hay = norm.as_str();
        let mut out = Vec::with_capacity(hits.len());
        let mut named: Vec<u32> = Vec::new();
        let chosen: Vec<Option<(u32, bool)>> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let lowercase = norm.original_range(h.start, h.end).is_some_and(|(s, e)| {
                    text[s..e]
                        .chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_lowercase)
                });
                let c = self.choose(h.pattern, date, &named, lowercase)?;
                let entry = &self.entries[c.0 as usize];
                if entry.kind == Kind::Person {
                    if c.1 && !self.short_name_fits(norm, text, hits, i) {
                        return None;
                    }
                    if !c.1 {
                        named.push(c.0);
                    }
                }
                Some(c)
            })
            .collect();
        let kind_at = |i: usize| -> Option<Kind> {
            chosen
                .get(i)
                .copied()
                .flatten()
                .map(|(e, _)| self.entries[e as usize].kind)
        };
        // Hits i and j touch with only a soft break between, and no dash ("GENEVA —
        // Negotiators" is a dateline and a sentence).
        let adjacent = |i: usize, j: usize| -> bool {
            match (hits.get(i), hits.get(j)) {
                (Some(a), Some(b)) => {
                    hay.get(a.end..b.start) == Some(" ") && !dash_between(norm, text, a.end)
                }
                _ => false,
            }
        };
        // "China's commerce ministry", "Kenya's trade envoy": a possessive place, then up
        // to two words that say which office, then the role noun.
        let office_between = |i: usize, j: usize| -> bool {
            const OFFICE_WORDS: &[&str] = &[
                "commerce",
                "trade",
                "economy",
                "economic",
                "finance",
                "defence",
                "defense",
                "interior",
                "energy",
                "health",
                "justice",
                "industry",
                "agriculture",
                "information",
                "culture",
                "education",
                "environment",
                "transport",
                "security",
                "intelligence",
                "oil",
                "petroleum",
                "labour",
                "labor",
                "home",
                "top",
                "chief",
                "senior",
                "lead",
                "main",
                "national",
                "state",
                "presidential",
            ];
            let (Some(a), Some(b)) = (hits.get(i), hits.get(j)) else {
                return false;
            };
            let Some((_, a_end)) = norm.original_range(a.start, a.end) else {
                return false;
            };
            let Some((b_start, _)) = norm.original_range(b.start, b.end) else {
                return false;
            };
            let Some(gap) = text.get(a_end..b_start) else {
                return false;
            };
            let Some(rest) = gap
                .strip_prefix("'s ")
                .or_else(|| gap.strip_prefix("\u{2019}s "))
            else {
                return false;
            };
            let count = rest.split_whitespace().count();
            (1..=2).contains(&count)
                && rest.ends_with(' ')
                && rest.split_whitespace().all(|w| OFFICE_WORDS.contains(&w))
        };
        let joined_by_of = |i: usize, j: usize| -> bool {
            match (hits.get(i), hits.get(j)) {
                (Some(a), Some(b)) => matches!(hay.get(a.end..b.start), Some(" of " | " of the ")),
                _ => false,
            }
        };
        let span_of = |start: usize, end: usize| -> Option<Span> {
            let (s, e) = norm.original_range(start, end)?;
            Span::within(text, extend_article(text, s), e).ok()
        };
        for (h, c) in hits.iter().zip(&chosen) {
            if let Some((e, _)) = *c
                && self.entries[e as usize].kind == Kind::Agent
                && let Some((s, end)) = norm.original_range(h.start, h.end)
            {
                roles.push(RoleHit {
                    start: s as u32,
                    end: end as u32,
                    entry: e,
                });
            }
        }
        // The end of the last place named after a locative ("in Hungary and Turkey").
        let mut locative_end: Option<usize> = None;
        let mut i = 0;
        while i < hits.len() {
            let Some((e, short)) = chosen[i] else {
                i += 1;
                continue;
            };
            let entry = &self.entries[e as usize];
            let h = hits[i];
            match entry.kind {
                Kind::Discard => {}
                Kind::Country | Kind::Capital | Kind::Modifier => {
                    // A place followed by an institution noun ("Georgetown University") is
                    // no actor.
                    if adjacent(i, i + 1) && kind_at(i + 1) == Some(Kind::Discard) {
                        i += 2;
                        continue;
                    }
                    let base = country_part(&entry.code);
                    if (adjacent(i, i + 1) || office_between(i, i + 1))
                        && kind_at(i + 1) == Some(Kind::Agent)
                    {
                        let (ae, _) = chosen[i + 1].unwrap_or((e, false));
                        let agent = &self.entries[ae as usize];
                        let person_follows =
                            adjacent(i + 1, i + 2) && matches!(kind_at(i + 2), Some(Kind::Person));
                        if agent.title.is_some() && person_follows {
                            // "Iran's Foreign Minister Abbas Araghchi": the place stays, the
                            // title is absorbed by the name.
                            if entry.kind != Kind::Modifier
                                && let Some(span) = span_of(h.start, h.end)
                            {
                                let code = if entry.kind == Kind::Capital
                                    && after_locative(hay, h.start)
                                {
                                    base.to_owned()
                                } else {
                                    entry.code.clone()
                                };
                                out.push(Mention::new(span, code, MentionKind::Place));
                            }
                            i += 2;
                            continue;
                        }
                        if let Some(span) = span_of(h.start, hits[i + 1].end) {
                            let mut m = group_mention(span, base, agent);
                            m.agent = Some(hits[i + 1].pattern as u32);
                            out.push(m);
                        }
                        i += 2;
                        continue;
                    }
                    if entry.kind != Kind::Modifier
                        && let Some(span) = span_of(h.start, h.end)
                    {
                        let locative = after_locative(hay, h.start)
                            || locative_end.is_some_and(|end| {
                                matches!(hay.get(end..h.start), Some(" and " | "| " | " or "))
                            });
                        if locative {
                            locative_end = Some(h.end);
                        }
                        let code = self.place_code(norm, text, hits, i, entry, span, locative);
                        out.push(Mention::new(span, code, MentionKind::Place));
                    }
                }
                Kind::Agent => {
                    if adjacent(i, i + 1) && matches!(kind_at(i + 1), Some(Kind::Person)) {
                        // A title before a name is part of the name's context.
                        i += 1;
                        continue;
                    }
                    if joined_by_of(i, i + 1)
                        && matches!(kind_at(i + 1), Some(Kind::Country | Kind::Capital))
                        && let Some((ce, _)) = chosen[i + 1]
                        && let Some(span) = span_of(h.start, hits[i + 1].end)
                    {
                        let base = country_part(&self.entries[ce as usize].code);
                        let mut m = group_mention(span, base, entry);
                        m.agent = Some(h.pattern as u32);
                        out.push(m);
                        i += 2;
                        continue;
                    }
                    if let Some(span) = span_of(extend_the(hay, h.start), h.end) {
                        if entry.title.is_some() {
                            let mut m = Mention::new(span, String::new(), MentionKind::Title);
                            m.country = None;
                            m.sector = (!entry.code.is_empty()).then(|| entry.code.clone());
                            m.title = entry.title.clone();
                            out.push(m);
                        } else if !entry.code.is_empty() {
                            // A role noun without a country: `annotate` looks for one.
                            let mut m = Mention::new(span, String::new(), MentionKind::Group);
                            m.sector = Some(entry.code.clone());
                            m.agent = Some(h.pattern as u32);
                            out.push(m);
                        }
                    }
                }
                Kind::Person | Kind::Organisation => {
                    // A PETRARCH office phrase right before a person of its country is a
                    // title ("U.S. President Donald Trump"), not a second actor.
                    let office_before_name = entry.kind == Kind::Organisation
                        && entry.source == Source::Petrarch
                        && adjacent(i, i + 1)
                        && kind_at(i + 1) == Some(Kind::Person)
                        && chosen[i + 1].is_some_and(|(p, _)| {
                            self.entries[p as usize].code.get(..3) == entry.code.get(..3)
                        });
                    if !office_before_name && let Some(span) = span_of(h.start, h.end) {
                        let kind = if short {
                            MentionKind::ShortName
                        } else {
                            MentionKind::Name
                        };
                        let mut m = Mention::new(span, entry.code.clone(), kind);
                        m.entity = entry.entity.clone();
                        m.role = entry.role.clone();
                        m.person = entry.kind == Kind::Person;
                        out.push(m);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The code of a country, capital or city named on its own: its government when it
    /// acts ("Rwanda welcomed the deal", "Kigali denies"), the bare country when it is a
    /// place (after a locative, in a dateline), an adjective ("Congolese territory") or part
    /// of a longer proper name ("Congo River Alliance").
    #[allow(clippy::too_many_arguments)]
    fn place_code(
        &self,
        norm: &Normalized,
        text: &str,
        hits: &[Hit],
        i: usize,
        entry: &crate::Entry,
        span: Span,
        locative: bool,
    ) -> String {
        let base = country_part(&entry.code);
        let state = base.len() == 3 && split_code(base).0.is_some();
        if locative || !state {
            return base.to_owned();
        }
        if entry.kind == Kind::Capital {
            return if crate::context::is_dateline(text, span) {
                base.to_owned()
            } else {
                entry.code.clone()
            };
        }
        let h = hits[i];
        let pat = &self.patterns[h.pattern];
        let after_of = word_before(norm.as_str(), h.start) == "of";
        // "Oman's Badr al-Busaidi": the country only says whose the person is.
        let before_person = hits.get(i + 1).is_some_and(|n| {
            norm.as_str().get(h.end..n.start) == Some(" ")
                && self.patterns[n.pattern]
                    .entries
                    .iter()
                    .any(|&(e, _)| self.entries[e as usize].kind == Kind::Person)
        });
        if pat.adjective
            || after_of
            || before_person
            || crate::context::is_dateline(text, span)
            || name_continues(norm, text, hits, i)
        {
            return base.to_owned();
        }
        format!("{base}GOV")
    }

    /// Whether a surname hit may stand for the dictionary's person: not the first part of a
    /// double-barrelled name ("Sarr-Jobe") and not after a first name the dictionary does not
    /// know ("Ndey Sarr" is someone else than Gideon Saar).
    fn short_name_fits(&self, norm: &Normalized, text: &str, hits: &[Hit], i: usize) -> bool {
        let h = hits[i];
        let Some((s, e)) = norm.original_range(h.start, h.end) else {
            return false;
        };
        let after = &text[e..];
        let mut rest = after.chars();
        if rest.next().is_some_and(|c| matches!(c, '-' | '‐' | '‑'))
            && rest.next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        // Another capitalised word right after ("Rashad Guliyev"): the hit is someone else's
        // first name, not the dictionary person's surname.
        if let Some(next) = after.strip_prefix(' ') {
            let word: String = next
                .chars()
                .take_while(|c| c.is_alphabetic() || matches!(c, '-' | '\''))
                .collect();
            if word.chars().count() >= 2
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && !crate::people::is_title_word(&word)
            {
                return false;
            }
        }
        // The word before, when only a space separates them.
        let before = &text[..s];
        let Some(word_text) = before.strip_suffix(' ') else {
            return true;
        };
        let start = word_text
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\''))
            .last()
            .map_or(word_text.len(), |(k, _)| k);
        let word = &word_text[start..];
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        // The previous sentence's last word ("…on Monday. Saar said"), not an initial
        // ("J. Saar") or an abbreviated title.
        if word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() > 2 {
            return true;
        }
        // A title or role hit right before ("Foreign Minister Saar", "Mr Saar").
        if i > 0
            && let Some((_, pe)) = norm.original_range(hits[i - 1].start, hits[i - 1].end)
            && pe >= start
        {
            return true;
        }
        if crate::people::is_title_word(word.trim_end_matches('.'))
            || crate::people::is_name_particle(word)
        {
            return true;
        }
        // A function word or adverb opening a sentence ("Yesterday Saar said") is no first
        // name; another capitalised word is ("Dana Saar").
        let head = word_text[..start].trim_end_matches([' ', '"', '“', '\'', '‘', '(']);
        let sentence_start =
            head.is_empty() || head.ends_with(['.', '!', '?', '\n', ':', '—', ';']);
        sentence_start && crate::people::is_function_word(word)
    }
}

/// A role noun hit of the dictionary in original byte offsets, for [`crate::people`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoleHit {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The agent entry.
    pub entry: u32,
}

/// True when the soft break at normalised `at` stands for a dash in the original text
/// ("—", "–", or a hyphen with spaces around it).
fn dash_between(norm: &Normalized, text: &str, at: usize) -> bool {
    let Some((s, e)) = norm.original_range(at, at + 1) else {
        return false;
    };
    let gap = &text[s..e];
    gap.contains(['—', '–', '―']) || gap.contains(" - ") || gap.contains("--")
}

/// The word before normalised offset `start`, in the normalised text.
fn word_before(hay: &str, start: usize) -> &str {
    let before = hay[..start].trim_end_matches(SOFT as char);
    if before.ends_with(HARD as char) {
        return "";
    }
    before
        .rsplit([SOFT as char, HARD as char])
        .next()
        .unwrap_or("")
}

/// True when a name hit is followed by a capitalised word the dictionary does not know, so
/// that it is part of a longer proper name ("Congo River Alliance", "Gambia River").
fn name_continues(norm: &Normalized, text: &str, hits: &[Hit], i: usize) -> bool {
    let h = hits[i];
    let hay = norm.as_str();
    if hay.get(h.end..h.end + 1) != Some(" ") {
        return false;
    }
    let next_start = h.end + 1;
    if hits.get(i + 1).is_some_and(|n| n.start == next_start) {
        return false;
    }
    let Some((s, _)) = norm.original_range(next_start, next_start + 1) else {
        return false;
    };
    let Some((_, e)) = norm.original_range(h.start, h.end) else {
        return false;
    };
    // Only plain spaces between (no possessive, no dash).
    if !text[e..s].bytes().all(|b| b == b' ') {
        return false;
    }
    let word: &str = text[s..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase) && !crate::people::is_calendar_word(word)
}

/// A group mention: a country (or group of states) with a role noun's sector.
fn group_mention(span: Span, base: &str, agent: &crate::Entry) -> Mention {
    let mut code = base.to_owned();
    if !agent.code.is_empty() && base.len() == 3 {
        code.push_str(&agent.code);
    }
    let kind = if agent.title.is_some() {
        MentionKind::Title
    } else {
        MentionKind::Group
    };
    let mut m = Mention::new(span, code, kind);
    m.title = agent.title.clone();
    m
}

/// The country (or group) part of a code: three letters for states and groups of states,
/// the whole code for international bodies.
fn country_part(code: &str) -> &str {
    match split_code(code) {
        (Some(_), _) => &code[..3],
        _ => code,
    }
}

/// True when the word before `start` in the normalised text is a locative preposition.
fn after_locative(hay: &str, start: usize) -> bool {
    let before = hay[..start].trim_end_matches(SOFT as char);
    let word = before
        .rsplit([SOFT as char, HARD as char])
        .next()
        .unwrap_or("");
    LOCATIVE.contains(&word)
}

/// Moves a name's start back over the Arabic article the normalisation dropped
/// (`al-Busaidi`, `Al Busaidi`, `el-Sisi`), so the span covers the name as written.
fn extend_article(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let Some(sep) = before.chars().next_back() else {
        return start;
    };
    if !(sep == ' ' || sep == '-' || sep == '‐' || sep == '‑') {
        return start;
    }
    let head = &before[..before.len() - sep.len_utf8()];
    for article in ["al", "Al", "AL", "el", "El", "EL"] {
        if let Some(rest) = head.strip_suffix(article)
            && !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        {
            return rest.len();
        }
    }
    start
}

/// Moves a title's start back over a directly preceding "the".
fn extend_the(hay: &str, start: usize) -> usize {
    if start >= 4 && hay.get(start - 4..start) == Some("the ") {
        let before = start - 4;
        if before == 0 || matches!(hay.as_bytes()[before - 1], SOFT | HARD) {
            return before;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locatives_are_normalised() {
        let english = [
            "in", "at", "to", "from", "into", "near", "utside", "via", "toward", "towards",
            "across",
        ];
        let normalised: Vec<String> = english
            .iter()
            .map(|w| crate::normalize::normalize_phrase(w))
            .collect();
        assert_eq!(normalised, LOCATIVE);
    }
}
