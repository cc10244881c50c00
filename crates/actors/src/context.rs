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
    let Some(last) = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
    else {
        return false;
    };
    let mut buf = [0u8; 24];
    let Some(w) = lower(last, &mut buf) else {
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
            | "commission"
            | "officials"
            | "civilians"
            | "residents"
            | "villagers"
            | "rebels"
            | "insurgents"
            | "guerrillas"
            | "society"
    )
}

/// Gives role nouns and people without a country their country from context, and drops
/// role nouns that get none.
pub(crate) fn resolve_roles(text: &str, mentions: &mut Vec<Mention>, home: Option<&str>) {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions.drain(..) {
        if m.is_bare_agent() {
            let surface = m.span.slice(text).unwrap_or("");
            let earlier = out
                .iter()
                .rev()
                .find(|p| p.agent == m.agent && p.country.is_some())
                .and_then(|p| p.country.clone());
            let country = earlier.or_else(|| {
                home.filter(|_| !diplomatic(surface) && institution(surface))
                    .map(str::to_owned)
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

    #[test]
    fn diplomatic_roles() {
        assert!(diplomatic("ECOWAS envoy"));
        assert!(diplomatic("Qatari mediators"));
        assert!(diplomatic("former Ghanaian foreign minister"));
        assert!(!diplomatic("Chief Justice"));
        assert!(!diplomatic("opposition leader"));
    }
}
