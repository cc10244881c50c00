//! Actor dictionaries and the matcher that finds actor mentions in news text.
//!
//! The built-in dictionary joins three sources, all embedded in the binary:
//! - `data/petrarch_actors.tsv`, `data/petrarch_agents.tsv`, `data/petrarch_discards.tsv`:
//!   converted from the PETRARCH-2 / Phoenix dictionaries (MIT, Open Event Data Alliance) by
//!   `src/bin/convert_petrarch.rs`;
//! - `data/curated.toml`: our own table of current people (2025–2026), capitals and seats of
//!   government, organisations, media and titles, which wins over PETRARCH on the same name.
//!
//! [`ActorDictionary::find_mentions`] runs one Aho-Corasick pass (leftmost-longest) over a
//! normalised copy of the text ([`normalize`]) and maps hits back to byte spans of the
//! original, then recognises people the dictionary does not know by how the text introduces
//! them (a title, a role in apposition, a reporting verb) and their later surname mentions;
//! [`ActorDictionary::annotate`] adds document context (countries that act as their
//! governments, the home country of datelined stories for bare institutions and people
//! without a country) and [`resolve_coreference`], which links titles ("the foreign
//! minister") to the person they name; [`group_actors`] folds mentions into the SPEC §3
//! `actors` records. Users add or
//! override entries with [`ActorDictionary::with_user_entries`] (TOML) or
//! [`ActorDictionary::with_user_csv`]; [`dictionary_version`] names the data for
//! `doc.extractor`.
//!
//! ```
//! let dict = actors::ActorDictionary::builtin();
//! let text = "Iran’s Foreign Minister Abbas Araqchi met Oman’s Badr al-Busaidi in Muscat.";
//! let mentions = dict.annotate(text, jiff::civil::Date::new(2026, 2, 6).ok());
//! let codes: Vec<&str> = mentions.iter().map(|m| m.code.as_str()).collect();
//! // "in Muscat" names the place, so it is Oman without a sector.
//! assert_eq!(codes, ["IRN", "IRNGOV", "OMN", "OMNGOV", "OMN"]);
//! assert_eq!(mentions[1].entity.as_deref(), Some("Abbas Araghchi"));
//! ```

#![deny(missing_docs)]

mod context;
mod coref;
mod dictionary;
pub mod eval;
mod group;
mod matcher;
pub mod normalize;
mod people;
pub mod petrarch;

pub use coref::resolve_coreference;
pub use dictionary::{ActorDictionary, Entry, Source, dictionary_version};
pub use group::{Actor, group_actors};
pub use matcher::{Mention, MentionKind};

use serde::{Deserialize, Serialize};

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A state: its names, adjectives and cities (`Iran`, `Iranian`, `Shiraz` → `IRN`).
    Country,
    /// A capital or seat of government used for its government (`Tehran`, `the Kremlin`).
    Capital,
    /// A named organisation, institution, group or outlet.
    Organisation,
    /// A named person.
    Person,
    /// A generic role or body that takes its country from a neighbour (`officials` → `GOV`).
    Agent,
    /// A name that is an actor only with an agent after it (`Gulf` in "Gulf states").
    Modifier,
    /// A phrase that, when it covers a name, means no actor ("Manchester United").
    Discard,
}

impl Kind {
    /// The name used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Capital => "capital",
            Kind::Organisation => "org",
            Kind::Person => "person",
            Kind::Agent => "agent",
            Kind::Modifier => "modifier",
            Kind::Discard => "discard",
        }
    }

    /// Reads a kind name of the data files (`country`, `capital`, `org`, `person`, `agent`,
    /// `modifier`, `discard`).
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "country" => Kind::Country,
            "capital" => Kind::Capital,
            "org" | "organisation" | "organization" => Kind::Organisation,
            "person" => Kind::Person,
            "agent" => Kind::Agent,
            "modifier" => Kind::Modifier,
            "discard" => Kind::Discard,
            _ => return None,
        })
    }
}

/// Why a dictionary could not be built or extended.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    /// A user TOML or CSV file that cannot be read or does not fit the entry schema.
    #[error("{origin}:{line}: {message}; fix the file (see `data/curated.toml` for the schema)")]
    Parse {
        /// Which file (or "user entries").
        origin: String,
        /// 1-based line of the problem.
        line: usize,
        /// What the TOML or CSV reader said.
        message: String,
    },
    /// An entry field with a value this crate does not accept.
    #[error("{origin}:{line}: field `{field}`: {message}")]
    Field {
        /// Which file (or "user entries").
        origin: String,
        /// 1-based line of the field.
        line: usize,
        /// The field name.
        field: &'static str,
        /// What is wrong and what to write instead.
        message: String,
    },
    /// A row of an embedded TSV file that does not have six tab-separated columns.
    #[error("{origin}:{line}: expected 6 tab-separated columns; regenerate with convert_petrarch")]
    Tsv {
        /// Which file.
        origin: String,
        /// 1-based line.
        line: usize,
    },
    /// The Aho-Corasick automaton could not be built (too many or too long patterns).
    #[error("cannot build the actor matcher: {0}; reduce the number of user entries")]
    Build(#[from] aho_corasick::BuildError),
}

/// Splits a CAMEO code into its country (ISO-3 state, `None` for IGO/NGO/MNC and group codes)
/// and its sector (the three letters after the country; `IGO`/`NGO`/`MNC` for those bodies).
pub fn split_code(code: &str) -> (Option<String>, Option<String>) {
    if code.len() < 3 || !code.is_char_boundary(3) {
        return (None, None);
    }
    let head = &code[..3];
    if matches!(head, "IGO" | "NGO" | "MNC" | "NGM" | "IMG") {
        return (None, Some(head.to_owned()));
    }
    let sector = code.get(3..6).filter(|s| s.len() == 3).map(str::to_owned);
    (Some(head.to_owned()), sector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_country_and_sector() {
        assert_eq!(
            split_code("IRNGOV"),
            (Some("IRN".into()), Some("GOV".into()))
        );
        assert_eq!(split_code("USA"), (Some("USA".into()), None));
        assert_eq!(split_code("IGOUNOIAE"), (None, Some("IGO".into())));
        assert_eq!(
            split_code("IRNGOVLEG"),
            (Some("IRN".into()), Some("GOV".into()))
        );
        assert_eq!(split_code("X"), (None, None));
    }
}
