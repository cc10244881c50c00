//! PLOVER/CAMEO event coding from sentences, without a parser.
//!
//! The coder reads the PETRARCH-2 dictionary formats (CAMEO 2.0 verb patterns with synsets,
//! actors with date restrictions, agents with `!SET!` substitutions, discards), finds actor
//! mentions and verb forms in one Aho-Corasick pass over a normalised copy of the sentence,
//! tags the tokens with a small rule-based part-of-speech layer, and matches the verb
//! patterns over the resulting chunks. Each event carries its CAMEO code, Goldstein weight,
//! PLOVER type and mode (via `CAMEO2PLOVER-2021`), source and target codes, mediator, status
//! and trigger span.
//!
//! The crate is pure: dictionaries are passed in as text, and the only data compiled in are
//! the two small tables under `data/` (see [`tables`]).
//!
//! ```
//! use coder::{Coder, Dictionaries, SentenceContext};
//! let dicts = Dictionaries::parse(
//!     "--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n",
//!     "IRAN [IRN]\nOMAN [OMN]\nUNITED_STATES [USA]\n",
//!     "",
//!     "",
//! )
//! .expect("valid dictionaries");
//! let coder = Coder::new(dicts);
//! let events = coder.code("Iran met the United States in Muscat.", &SentenceContext::default());
//! assert_eq!(events[0].cameo, "040");
//! assert_eq!(events[0].source.code, "IRN");
//! assert_eq!(events[0].target.as_ref().map(|t| t.code.as_str()), Some("USA"));
//! ```

#![deny(missing_docs)]

pub mod actors;
mod code;
pub mod eval;
pub mod tables;
mod text;
pub mod verbs;

pub use actors::{ActorDictionary, AgentDictionary, Discards};
pub use code::{ActorRef, Coder, Config, Dictionaries, Event, Scratch, SentenceContext, Status};
pub use tables::{Plover, goldstein, plover};
pub use text::{Token, Tokens, tokenize};
pub use verbs::VerbDictionary;

/// Everything that can go wrong in this crate: dictionary and gold-file syntax.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CoderError {
    /// A dictionary line could not be read.
    #[error("{dictionary} dictionary, line {line}: {message}; fix or comment out the line")]
    Dictionary {
        /// Which dictionary (verbs, actors, agents, discards).
        dictionary: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A gold file could not be read.
    #[error("{file}, line {line}: {message}; check that the file is the unmodified original")]
    Gold {
        /// Which gold file.
        file: &'static str,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}
