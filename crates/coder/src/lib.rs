//! PLOVER/CAMEO event coding from sentences, without a parser.
//!
//! The coder reads the PETRARCH-2 dictionary formats (CAMEO 2.0 verb patterns with synsets,
//! actors with date restrictions, agents with `!SET!` substitutions, discards), finds verb
//! forms (and, on the dictionary path, actor mentions) in one Aho-Corasick pass over a
//! normalised copy of the sentence, tags the tokens with a small rule-based part-of-speech
//! layer, and matches the verb patterns over the resulting chunks; a few noun rules add the
//! events news names with nouns ("talks between A and B", "A's demands", "A's sanctions on
//! B"). Each event carries its CAMEO code, Goldstein weight, PLOVER type and mode (via
//! `CAMEO2PLOVER-2021`), source and target codes, mediator, status and trigger span.
//!
//! Two ways in:
//! - **The mention path** (the product): [`Coder::builtin`] (the shipped CAMEO 2.0 verbs,
//!   `data/cameo_verbs.txt`, plus the project's supplement; built once per process) codes a
//!   sentence whose actor mentions were resolved outside, by the `actors` crate
//!   ([`Coder::code_mentions`]), or a whole document ([`Coder::code_document`]: the two
//!   parties, "both sides", unstated targets).
//! - **The dictionary path** (the PETRARCH and PLOVER evaluations): [`Coder::new`] with
//!   [`Dictionaries`] read from PETRARCH actor, agent and discard files.
//!
//! The crate is pure: the shipped data are compiled in (see [`tables`] and
//! [`dictionary_version`]), other dictionaries are passed in as text.
//!
//! ```
//! use coder::{ActorMention, Coder, Scratch};
//! let sentence = "Kyiv rejected the Russian proposal.";
//! let mentions = [
//!     ActorMention { start: 0, end: 4, code: "UKRGOV" },
//!     ActorMention { start: 18, end: 25, code: "RUS" },
//! ];
//! let mut events = Vec::new();
//! Coder::builtin().code_mentions(sentence, &mentions, &mut Scratch::default(), &mut events);
//! assert_eq!(events[0].plover, Some("REJECT"));
//! assert_eq!(events[0].target.as_ref().map(|t| t.code.as_str()), Some("RUS"));
//! ```
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
mod document;
pub mod eval;
pub mod tables;
#[cfg(test)]
mod testkit;
mod text;
pub mod verbs;

pub use actors::{ActorDictionary, AgentDictionary, Discards};
pub use code::{
    ActorMention, ActorRef, Coder, Config, Dictionaries, Event, Scratch, SentenceContext, Status,
    dictionary_version,
};
pub use document::{DocumentEvent, parties};
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
