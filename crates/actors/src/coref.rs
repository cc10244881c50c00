//! In-document coreference for titles: "the foreign minister", "Iran's top diplomat" or
//! "the envoy" stand for the person with that office named nearest before them (or, in an
//! apposition such as "Oman's foreign minister, Badr al-Busaidi", right after them).

use crate::matcher::{Mention, MentionKind};

/// Largest gap in bytes between a title and the name it introduces (", " or " — ").
const APPOSITION_GAP: u32 = 5;

/// Resolves title mentions to people and returns the mentions in text order. A title takes
/// the entity, role and code of the latest earlier person whose role contains the title's
/// office (and whose country agrees when the title names one), else of a person named right
/// after it. A title with a country but no person keeps its country code; a bare title
/// nobody answers to is dropped.
pub fn resolve_coreference(mentions: &[Mention]) -> Vec<Mention> {
    resolve_owned(mentions.to_vec(), None)
}

/// [`resolve_coreference`] on owned mentions (no copies of unchanged ones). A title nobody
/// answers to and without a country takes the document's `home` country, when there is one
/// ("the president" in a story from Banjul).
pub(crate) fn resolve_owned(mentions: Vec<Mention>, home: Option<&str>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut slots: Vec<Option<Mention>> = mentions.into_iter().map(Some).collect();
    for i in 0..slots.len() {
        let Some(mut m) = slots[i].take() else {
            continue;
        };
        if m.kind != MentionKind::Title || m.entity.is_some() {
            out.push(m);
            continue;
        }
        let Some(title) = m.title.as_deref() else {
            continue;
        };
        let fits = |p: &Mention| {
            matches!(p.kind, MentionKind::Name | MentionKind::ShortName)
                && p.entity.is_some()
                && p.role.as_deref().is_some_and(|r| role_fits(r, title))
                && (m.country.is_none() || p.country == m.country)
        };
        let antecedent = out.iter().rev().find(|p| fits(p)).or_else(|| {
            slots.get(i + 1).and_then(Option::as_ref).filter(|n| {
                fits(n) && n.span.start().saturating_sub(m.span.end()) <= APPOSITION_GAP
            })
        });
        match antecedent {
            Some(p) => {
                let (code, entity, role) = (p.code.clone(), p.entity.clone(), p.role.clone());
                m.set_code(code);
                m.entity = entity;
                m.role = role;
                out.push(m);
            }
            None if !m.code.is_empty() => out.push(m),
            None => {
                if let (Some(home), Some(sector)) = (home, m.sector.clone()) {
                    m.set_code(format!("{home}{sector}"));
                    out.push(m);
                }
            }
        }
    }
    out
}

/// True when a person's `role` holds one of the `|`-separated offices of a title, as whole
/// words and not as a deputy's or former holder's ("Vice President" does not answer to "the
/// president", "Deputy Foreign Minister" not to "the foreign minister").
pub(crate) fn role_fits(role: &str, offices: &str) -> bool {
    let role = role.to_lowercase();
    offices
        .split('|')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .any(|office| {
            role.match_indices(office).any(|(at, _)| {
                let before = &role[..at];
                let after = &role[at + office.len()..];
                let word_start = before.is_empty() || before.ends_with(' ');
                let word_end = after.is_empty() || after.starts_with([' ', ',']);
                let modifier = before.split_whitespace().next_back().is_some_and(|w| {
                    matches!(w, "vice" | "deputy" | "former" | "assistant" | "under")
                });
                word_start && word_end && !modifier
            })
        })
}

#[cfg(test)]
mod tests {
    use super::role_fits;

    #[test]
    fn offices_match_whole_words_without_deputies() {
        assert!(role_fits(
            "Foreign Minister",
            "foreign minister|secretary of state"
        ));
        assert!(role_fits(
            "Prime Minister and Foreign Minister",
            "foreign minister"
        ));
        assert!(role_fits("Special Envoy for Ukraine", "envoy"));
        assert!(!role_fits("Vice President", "president"));
        assert!(!role_fits("Deputy Foreign Minister", "foreign minister"));
        assert!(!role_fits("Foreign Ministry Spokesman", "foreign minister"));
        assert!(!role_fits("Envoys' Secretary", "envoy"));
    }
}
