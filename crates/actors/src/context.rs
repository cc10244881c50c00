//! Document context for mentions that do not name their country: the document's home
//! country (from its dateline, else the country it names first), and role nouns without a
//! country ("the army", "police", "the opposition") or people introduced by a role without
//! one ("President Ebrima Sanneh").
//!
//! News names a country's own institutions without the country when the story is set there:
//! in a report datelined BANJUL, "police" and "the Supreme Court" are The Gambia's. And a
//! bare "the army" after "Congo's army" is the same army. The rules:
//! - the home country is the dateline's country ("BANJUL —", "GOMA, Congo —"), else the
//!   country of the first country-bearing mention, but only when no other country is named
//!   more often (a Doha-datelined story about Congo's truce has no home country: Congo is
//!   named more often than Qatar); a story that first names an international body has none;
//! - a role noun without a country takes the country of the latest earlier group with the
//!   same noun ("Congo's government" … "the government"), else the home country, else it is
//!   dropped; diplomatic roles (envoys, mediators, negotiators, delegations, diplomats,
//!   observers) take only the first: they are usually foreign;
//! - a person recognised by a role without a country takes the home country, except for a
//!   diplomatic or former role or a role in a body the dictionary does not know.

use crate::matcher::{Mention, MentionKind};

/// True when `span` is a dateline: the first word(s) of a line, in capitals, followed by
/// an optional ", Country", date or agency and a dash ("GENEVA —", "BANJUL, Gambia —",
/// "NEW YORK, Nov. 19 (UPI) —").
pub(crate) fn is_dateline(text: &str, span: model::Span) -> bool {
    let (s, e) = (span.start() as usize, span.end() as usize);
    let Some(name) = text.get(s..e) else {
        return false;
    };
    if name.chars().any(char::is_lowercase)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 3
    {
        return false;
    }
    let line_start = text[..s].rfind('\n').map_or(0, |k| k + 1);
    let before = text[line_start..s].trim();
    // The seed files' ` date YYYY-MM-DD ` marker may still lead the text.
    let marker = before
        .strip_prefix("date ")
        .is_some_and(|d| d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
    if !before.is_empty() && !marker {
        return false;
    }
    let after = &text[e..];
    let line = after.split('\n').next().unwrap_or("");
    let Some(dash) = line.find(['—', '–', '-']) else {
        return false;
    };
    dash <= 40
        && line[..dash]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '(' | ')' | '\''))
        && line[dash..].chars().nth(1).is_some_and(char::is_whitespace)
}

/// The document's home country (see the module documentation), as an ISO-3 code.
pub(crate) fn home_country(text: &str, mentions: &[Mention]) -> Option<String> {
    let mut counts: Vec<(&str, u32)> = Vec::new();
    for m in mentions {
        if let Some(c) = m.country.as_deref().filter(|c| c.len() == 3) {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    let dateline = mentions
        .iter()
        .take(3)
        .find(|m| m.kind == MentionKind::Place && is_dateline(text, m.span));
    // A story datelined at talks abroad is about the country its lede names: "JEDDAH —
    // For three years Sudan's war …". The lede's first country counts when the lede does not
    // name the dateline's country, and it is a name of its own (not a modifier such as
    // "Saudi-hosted") named again later.
    let lede = dateline.and_then(|d| {
        let lede_end = text[d.span.end() as usize..]
            .find(". ")
            .map_or(text.len(), |k| d.span.end() as usize + k);
        let in_lede =
            |m: &&Mention| m.span.start() > d.span.end() && (m.span.start() as usize) < lede_end;
        // A lede that names the dateline's own country keeps it ("ADDIS ABABA — Egypt,
        // Ethiopia and Sudan failed …").
        if mentions
            .iter()
            .filter(in_lede)
            .any(|m| m.country.is_some() && m.country == d.country)
        {
            return None;
        }
        let m = mentions.iter().find(|m| {
            m.span.start() > d.span.end()
                && (m.span.start() as usize) < lede_end
                && !m.person
                && m.kind != MentionKind::Title
                && m.country.as_deref().is_some_and(|c| c.len() == 3)
        })?;
        let after = text.get(m.span.end() as usize..).unwrap_or("");
        let c = m.country.as_deref()?;
        let named = counts.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| *n);
        (c != d.country.as_deref().unwrap_or("") && !after.starts_with('-') && named >= 2)
            .then_some(m)
    });
    if let Some(m) = lede {
        return m.country.clone();
    }
    let first = match dateline {
        Some(m) => m,
        None => mentions
            .iter()
            .find(|m| !m.code.is_empty() && !m.person && m.kind != MentionKind::Title)?,
    };
    let home = first.country.as_deref().filter(|c| c.len() == 3)?;
    let own = counts
        .iter()
        .find(|(k, _)| *k == home)
        .map_or(0, |(_, n)| *n);
    let rival = counts
        .iter()
        .filter(|(k, _)| *k != home)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    // Without a dateline, the first country must also be the one named most, and more
    // than twice.
    let clear = if dateline.is_some() {
        own >= rival
    } else {
        own > rival && own >= 3
    };
    clear.then(|| home.to_owned())
}

/// Lowercases an ASCII word into `buf` (`None` for longer or other words).
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).ok()
}

/// The last word of `text`, lowercased into `buf` (see [`lower`]).
fn last_word_lower<'b>(text: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let last = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    lower(last, buf)
}

/// Role nouns whose holders are usually foreign to the story's country.
fn diplomatic(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .any(|w| {
            let mut buf = [0u8; 24];
            let Some(w) = lower(w, &mut buf) else {
                return false;
            };
            let w = w.trim_end_matches('s');
            matches!(
                w,
                "envoy"
                    | "ambassador"
                    | "diplomat"
                    | "delegation"
                    | "delegate"
                    | "negotiator"
                    | "mediator"
                    | "mediation"
                    | "consultation"
                    | "embassy"
                    | "observer"
                    | "monitor"
                    | "peacekeeper"
                    | "foreign"
                    | "commissioner"
                    | "consul"
                    | "former"
            )
        })
}

/// Role nouns that name a country's own institutions or people as a body, and so take the
/// home country when the text gives none ("police", "the Supreme Court", "civilians");
/// individual and audience nouns ("a trader", "reporters", "people") do not.
fn institution(text: &str) -> bool {
    if text.to_lowercase().contains("opposition") {
        return true;
    }
    let mut buf = [0u8; 24];
    let Some(w) = last_word_lower(text, &mut buf) else {
        return false;
    };
    matches!(
        w,
        "government"
            | "governments"
            | "authorities"
            | "administration"
            | "regime"
            | "cabinet"
            | "presidency"
            | "ministry"
            | "ministries"
            | "parliament"
            | "legislature"
            | "lawmakers"
            | "legislators"
            | "army"
            | "military"
            | "forces"
            | "troops"
            | "soldiers"
            | "police"
            | "gendarmerie"
            | "court"
            | "courts"
            | "judiciary"
            | "judges"
            | "opposition"
            | "officials"
            | "civilians"
            | "residents"
            | "villagers"
            | "rebels"
            | "insurgents"
            | "guerrillas"
            | "society"
            | "union"
            | "unions"
            | "dockworkers"
            | "longshoremen"
            | "strikers"
            | "employers"
            | "farmers"
            | "growers"
            | "fishermen"
            | "fishers"
            | "retailers"
            | "manufacturers"
            | "exporters"
            | "carmakers"
            | "automakers"
    )
}

/// The head noun of a phrase: its last word, lowercased, without a plural `s`
/// ("China's commerce ministry" → `ministry`, "M23 rebels" → `rebel`).
fn head_noun(text: &str) -> Option<String> {
    let mut buf = [0u8; 24];
    let w = last_word_lower(text, &mut buf)?;
    let w = w.strip_suffix("ies").map_or_else(
        || w.strip_suffix('s').unwrap_or(w).to_owned(),
        |stem| format!("{stem}y"),
    );
    Some(w)
}

/// Whether [`head_noun`] of `text` is `head`, without allocating (it runs for every
/// earlier mention of every bare role noun).
fn has_head_noun(text: &str, head: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = last_word_lower(text, &mut buf) else {
        return false;
    };
    match w.strip_suffix("ies") {
        Some(stem) => head.strip_suffix('y') == Some(stem),
        None => w.strip_suffix('s').unwrap_or(w) == head,
    }
}

/// Body nouns that stand only for a body named earlier in the text ("the Commission" after
/// "the European Commission", "the bloc" after "the EU"): without one they are no actor.
fn needs_antecedent(head: &str) -> bool {
    matches!(head, "commission" | "bloc" | "alliance" | "coalition")
}

/// True when only a few lowercase words (or none) separate a modifier from the role noun
/// after it, so they form one noun phrase ("German economy ministry official").
fn same_phrase(between: &str, max_words: usize) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    words.len() <= max_words
        && between
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !w.ends_with("ed")
                && !matches!(
                    *w,
                    "said"
                        | "says"
                        | "say"
                        | "and"
                        | "or"
                        | "but"
                        | "the"
                        | "a"
                        | "an"
                        | "to"
                        | "of"
                        | "in"
                        | "on"
                        | "with"
                        | "that"
                        | "which"
                        | "who"
                        | "as"
                        | "for"
                        | "by"
                        | "at"
                        | "from"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "will"
                        | "would"
                )
        })
}

/// The earlier mention a bare role noun stands for, as an index into `out`:
/// - a country, organisation or group inside the same noun phrase ("a German economy
///   ministry official", "ECOWAS officials"): the nationality in the phrase wins over
///   context (the modifier stays a mention of its own);
/// - else the latest mention with the same role noun that has a country ("Congo's army" …
///   "the army");
/// - else the latest mention whose head noun is the role noun's ("China's commerce
///   ministry" … "the ministry", "the European Commission" … "the Commission");
/// - else, for a sector other than government, the latest organisation of that sector
///   ("M23" … "the rebels").
fn antecedent(text: &str, out: &[Mention], m: &Mention) -> Option<usize> {
    if let Some(k) = out.len().checked_sub(1) {
        let p = &out[k];
        let between = text
            .get(p.span.end() as usize..m.span.start() as usize)
            .unwrap_or("x");
        // A country as a modifier (its adjective, not the acting state "Iran" → `IRNGOV`) may
        // have a few nouns between; an organisation must touch the role noun.
        let max_words = match p.kind {
            MentionKind::Place if p.country.is_some() && p.sector.is_none() => Some(3),
            MentionKind::Name if !p.person && !p.code.is_empty() => Some(0),
            MentionKind::Group if !p.code.is_empty() => Some(0),
            _ => None,
        };
        if max_words.is_some_and(|n| same_phrase(between, n)) {
            return Some(k);
        }
    }
    if let Some(k) = out
        .iter()
        .rposition(|p| p.agent == m.agent && p.country.is_some())
    {
        return Some(k);
    }
    let head = m.span.slice(text).and_then(head_noun)?;
    if let Some(k) = out.iter().rposition(|p| {
        !p.person
            && !p.code.is_empty()
            && p.kind != MentionKind::Place
            && p.span.slice(text).is_some_and(|t| has_head_noun(t, &head))
    }) {
        return Some(k);
    }
    let sector = m.sector.as_deref().filter(|s| *s != "GOV")?;
    out.iter().rposition(|p| {
        p.kind == MentionKind::Name && !p.person && p.sector.as_deref() == Some(sector)
    })
}

/// Gives role nouns and people without a country their country (or body) from context,
/// and drops role nouns that get none (see [`antecedent`]).
///
/// `commissions` are the codes of bodies that have a Commission (`IGOEUR`, `IGOAFR` …):
/// "the Commission" with no earlier "… Commission" is the latest of them named before.
pub(crate) fn resolve_roles(
    text: &str,
    mentions: &mut Vec<Mention>,
    home: Option<&str>,
    commissions: &[String],
) {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions.drain(..) {
        if m.is_bare_agent() {
            let surface = m.span.slice(text).unwrap_or("");
            if let Some(k) = antecedent(text, &out, &m) {
                let p = &out[k];
                let code = match (p.kind, p.country.as_deref(), m.sector.as_deref()) {
                    // A place lends its country; the role noun keeps its own sector.
                    (MentionKind::Place, Some(c), Some(sector)) => format!("{c}{sector}"),
                    _ => p.code.clone(),
                };
                let entity = p.entity.clone();
                m.set_code(code);
                m.entity = entity;
                out.push(m);
                continue;
            }
            let head = head_noun(surface).unwrap_or_default();
            if head == "commission"
                && let Some(p) = out
                    .iter()
                    .rev()
                    .find(|p| !p.person && commissions.contains(&p.code))
            {
                let (code, entity) = (p.code.clone(), p.entity.clone());
                m.set_code(code);
                m.entity = entity;
                out.push(m);
                continue;
            }
            let country = home.filter(|_| {
                !diplomatic(surface) && institution(surface) && !needs_antecedent(&head)
            });
            let (Some(country), Some(sector)) = (country, m.sector.clone()) else {
                continue;
            };
            m.set_code(format!("{country}{sector}"));
            out.push(m);
            continue;
        }
        if m.person
            && m.code.is_empty()
            && let (Some(home), Some(sector)) = (home, m.sector.as_deref())
            && !m.role.as_deref().is_some_and(diplomatic)
        {
            let code = format!("{home}{sector}");
            m.set_code(code);
        }
        out.push(m);
    }
    *mentions = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_capitals_before_a_dash() {
        let span = |t: &str, w: &str| {
            let s = t.find(w).expect("word present");
            model::Span::within(t, s, s + w.len()).expect("valid")
        };
        let t = "GOMA — Residents said.";
        assert!(is_dateline(t, span(t, "GOMA")));
        let t = "Intro line\nBANJUL, Gambia — The talks.";
        assert!(is_dateline(t, span(t, "BANJUL")));
        let t = "Talks in Goma — a city — went on.";
        assert!(!is_dateline(t, span(t, "Goma")));
        let t = "IRAN SAYS NO";
        assert!(!is_dateline(t, span(t, "IRAN")));
    }

    /// Code and entity of the mention whose surface is `surface` (the last one written so).
    fn resolved(text: &str, surface: &str) -> Option<(String, Option<String>)> {
        let dict = crate::ActorDictionary::builtin();
        dict.annotate(text, None)
            .into_iter()
            .filter(|m| m.span.slice(text) == Some(surface))
            .map(|m| (m.code, m.entity))
            .next_back()
    }

    #[test]
    fn a_body_named_again_by_its_head_noun_is_the_same_body() {
        let text = "The European Commission opened an inquiry into cheap steel. \
                    On Friday the Commission said the inquiry would take a year.";
        assert_eq!(
            resolved(text, "the Commission"),
            Some(("IGOEUR".to_owned(), Some("European Union".to_owned())))
        );
        let text = "Japan's trade ministry tightened export rules for chips. \
                    The ministry said the rules apply from May.";
        assert_eq!(
            resolved(text, "The ministry").map(|(c, _)| c),
            Some("JPNGOV".to_owned())
        );
    }

    #[test]
    fn the_commission_of_a_body_named_before_is_that_body() {
        let text = "The European Union and Peru opened a new round. \
                    Lima urged the Commission to drop the quota.";
        assert_eq!(
            resolved(text, "the Commission").map(|(c, _)| c),
            Some("IGOEUR".to_owned())
        );
    }

    #[test]
    fn a_possessive_office_is_that_country_s_and_so_is_the_ministry_after_it() {
        let text = "OSLO — Peru's trade ministry filed a complaint on Monday. \
                    The ministry said the quota was unfair.";
        assert_eq!(
            resolved(text, "Peru's trade ministry").map(|(c, _)| c),
            Some("PERGOV".to_owned())
        );
        assert_eq!(
            resolved(text, "The ministry").map(|(c, _)| c),
            Some("PERGOV".to_owned())
        );
        // A verb between is no office: "Peru said the ministry".
        let text = "OSLO — Peru said the ministry would reply.";
        assert_ne!(
            resolved(text, "Peru said the ministry").map(|(c, _)| c),
            Some("PERGOV".to_owned())
        );
    }

    #[test]
    fn a_story_datelined_at_talks_abroad_belongs_to_the_country_its_lede_names() {
        // Datelined in Oslo, about Colombia: "the army" is Colombia's.
        let text = "OSLO — Colombia's long war has outlived many truces. \
                    The army and the guerrillas never met in Oslo. \
                    Norwegian officials carried the drafts, and Colombia said it would wait.";
        assert_eq!(
            resolved(text, "The army").map(|(c, _)| c),
            Some("COLMIL".to_owned())
        );
        // A lede that names the dateline's own country keeps it.
        let text = "LIMA — Peru and Chile failed to agree on Monday. \
                    The army stayed in its barracks, and Chile and Peru will meet again.";
        assert_eq!(
            resolved(text, "The army").map(|(c, _)| c),
            Some("PERMIL".to_owned())
        );
    }

    #[test]
    fn the_sides_of_a_labour_dispute_are_the_home_country_s() {
        let text = "OTTAWA — The union said on Monday that it would strike. \
                    The employers rejected the demand. Farmers urged both sides to settle.";
        for (surface, code) in [
            ("The union", "CANLAB"),
            ("The employers", "CANBUS"),
            ("Farmers", "CANAGR"),
        ] {
            assert_eq!(
                resolved(text, surface).map(|(c, _)| c),
                Some(code.to_owned()),
                "{surface}"
            );
        }
    }

    #[test]
    fn a_body_noun_without_an_earlier_body_is_no_actor() {
        let text = "The bloc will meet again in spring, a spokesman said in Lima.";
        assert_eq!(resolved(text, "The bloc"), None);
    }

    #[test]
    fn rebels_after_a_named_rebel_group_are_that_group() {
        let text = "M23 took another town near Goma on Sunday. \
                    The rebels said they would hold it until talks resume.";
        assert_eq!(
            resolved(text, "The rebels"),
            Some(("CODREB".to_owned(), Some("M23".to_owned())))
        );
    }

    #[test]
    fn a_nationality_inside_the_phrase_wins_over_context() {
        let text = "Japan's trade ministry tightened export rules for chips. \
                    A Brazilian farm ministry official called the rules unfair.";
        let dict = crate::ActorDictionary::builtin();
        let mentions = dict.annotate(text, None);
        let late = text.find("Brazilian").expect("present") as u32;
        let codes: Vec<&str> = mentions
            .iter()
            .filter(|m| m.span.start() >= late)
            .map(|m| m.code.as_str())
            .collect();
        assert!(!codes.contains(&"JPNGOV"), "{codes:?}");
        assert!(codes.contains(&"BRAGOV"), "{codes:?}");
    }

    #[test]
    fn a_role_noun_right_after_a_body_belongs_to_that_body() {
        let text = "The European Commission wants a quota deal. \
                    A Commission spokesperson declined to comment in Oslo.";
        assert_eq!(
            resolved(text, "spokesperson").map(|(c, _)| c),
            Some("IGOEUR".to_owned())
        );
    }

    #[test]
    fn head_nouns_drop_the_plural() {
        assert_eq!(
            head_noun("China's commerce ministry").as_deref(),
            Some("ministry")
        );
        assert_eq!(head_noun("the ministries").as_deref(), Some("ministry"));
        assert_eq!(head_noun("M23 rebels").as_deref(), Some("rebel"));
        assert_eq!(head_noun("--"), None);
        for t in [
            "the ministries",
            "M23 rebels",
            "the army",
            "a ministry",
            "Press",
        ] {
            let head = head_noun(t).expect("a head");
            assert!(has_head_noun(t, &head), "{t}");
            assert!(!has_head_noun(t, "court"), "{t}");
        }
        assert!(same_phrase(" farm ", 3));
        assert!(!same_phrase(" said ", 3));
        assert!(!same_phrase(", ", 3));
    }

    #[test]
    fn diplomatic_roles() {
        assert!(diplomatic("ECOWAS envoy"));
        assert!(diplomatic("Qatari mediators"));
        assert!(diplomatic("former Ghanaian foreign minister"));
        assert!(!diplomatic("Chief Justice"));
        assert!(!diplomatic("opposition leader"));
    }
}
