//! Grouping mentions into actors: the SPEC §3 `actors` array of the extraction record.

use model::Span;
use serde::Serialize;

use crate::matcher::Mention;

/// One actor of a document: every mention of one person or organisation, or of one code
/// when no entity is named (SPEC §3 `actors`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Document-local id: `a1`, `a2` … in order of first mention.
    pub id: String,
    /// CAMEO actor code.
    pub code: String,
    /// ISO-3 state code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Person or organisation name.
    pub entity: Option<String>,
    /// Role or office.
    pub role: Option<String>,
    /// Distinct surface forms as written, in order of first appearance.
    pub aliases: Vec<String>,
    /// Spans of every mention.
    pub mentions: Vec<Span>,
}

/// Groups mentions of `text` into actors: mentions with the same entity form one actor, and
/// mentions without an entity group by code. A person whose country the text does not give
/// is kept with an empty code (and no country or sector); other mentions without a code
/// are left out.
pub fn group_actors(text: &str, mentions: &[Mention]) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    for m in mentions {
        if m.code.is_empty() && m.entity.is_none() {
            continue;
        }
        let slot = actors.iter().position(|a| match (&a.entity, &m.entity) {
            (Some(a), Some(b)) => a == b,
            (None, None) => a.code == m.code,
            _ => false,
        });
        let idx = match slot {
            Some(i) => i,
            None => {
                actors.push(Actor {
                    id: format!("a{}", actors.len() + 1),
                    code: m.code.clone(),
                    country: m.country.clone(),
                    sector: if m.code.is_empty() {
                        None
                    } else {
                        m.sector.clone()
                    },
                    entity: m.entity.clone(),
                    role: m.role.clone(),
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                });
                actors.len() - 1
            }
        };
        let actor = &mut actors[idx];
        actor.mentions.push(m.span);
        if let Some(surface) = m.span.slice(text)
            && !actor.aliases.iter().any(|a| a == surface)
        {
            actor.aliases.push(surface.to_owned());
        }
    }
    actors
}
