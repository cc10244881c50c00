//! The analysis layer between extraction and the brief (SPEC §3–§5): the dossier file,
//! positions and their changes, claims and contradictions between sources, the merged
//! timeline and the schedule of what comes next; and the forecast scenario derived from them
//! ([`scenario`]).
//!
//! Pure: documents and their extraction records go in, serialisable structs come out. The
//! crate does not find sentences, actors, times or quotes itself; it reads them from
//! [`model::record::Record`] so that any extractor can feed it.
//!
//! ```
//! use dossier::{Dossier, Analyzer};
//! let d = Dossier::parse("name = \"t\"\nparties = [\"USA\", \"CHN\"]\n").unwrap();
//! let analysis = Analyzer::new(&d).analyze(&[]);
//! assert!(analysis.timeline.is_empty());
//! ```

#![deny(missing_docs)]

mod analysis;
mod claims;
mod contradictions;
mod error;
pub mod eval;
mod file;
mod positions;
mod propose;
pub mod scenario;
mod text;
mod timeline;
mod view;
mod vocab;

pub use analysis::{Analysis, Analyzer, IssueRow};
pub use claims::{
    Anchor, Claim, Mention as ClaimMention, compatible, normalize_value, resolve as resolve_claims,
};
pub use contradictions::{Contradiction, ContradictionValue, contradictions};
pub use error::DossierError;
pub use file::{Dossier, Issue, Scale, ScalePoint, is_actor_code};
pub use positions::{Change, Position, Stance, StanceKind, changes};
pub use propose::propose;
pub use scenario::{DossierForecast, ForecastSettings, forecast_dossier};
pub use timeline::{
    Context as TimelineContext, OtherDate, ScheduleItem, TimelineItem, UNDATED, actor_name,
    schedule, timeline, timeline_in,
};
pub use view::Input;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod testkit;
