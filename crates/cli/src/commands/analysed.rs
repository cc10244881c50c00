//! The analysed corpus: stored documents with their extraction records, the dossier that
//! says what to look for, and the analysis over both. Shared by `brief`, `forecast --dossier`
//! and the server.

use std::path::Path;

use anyhow::Context;
use store::{DocFilter, Store};

use crate::output;

/// Stored English documents and their records, index for index.
pub struct Corpus {
    /// The documents, in the store's order.
    pub documents: Vec<model::Document>,
    /// The record of each document.
    pub records: Vec<model::record::Record>,
}

impl Corpus {
    /// Loads every English document (dated on or after `since`, when given) that has an
    /// extraction record. Warns (unless `quiet`) about documents without one.
    ///
    /// # Errors
    /// When the database cannot be read, or holds no analysed document.
    pub fn load(
        store: &dyn Store,
        since: Option<jiff::civil::Date>,
        quiet: bool,
    ) -> anyhow::Result<Corpus> {
        let filter = DocFilter {
            since,
            ..DocFilter::default()
        };
        let summaries = store.documents(&filter)?;
        let mut documents = Vec::new();
        let mut records = Vec::new();
        let mut missing = 0;
        for summary in &summaries {
            let (Some(document), Some(record)) =
                (store.document(&summary.id)?, store.record(&summary.id)?)
            else {
                missing += 1;
                continue;
            };
            if document.is_english() {
                documents.push(document);
                records.push(record);
            }
        }
        if missing > 0 {
            output::warning(
                quiet,
                &format!(
                    "{missing} documents have no extraction record yet; run `backchannel ingest` on them again"
                ),
            );
        }
        if documents.is_empty() {
            anyhow::bail!(
                "no analysed documents in the database\nhint: run `backchannel ingest PATH…` first"
            );
        }
        Ok(Corpus { documents, records })
    }

    /// The dossier from `path`, or (without one) a dossier proposed from the corpus.
    ///
    /// # Errors
    /// When the file cannot be read or is not a valid dossier.
    pub fn dossier(&self, path: Option<&Path>) -> anyhow::Result<dossier::Dossier> {
        match path {
            Some(path) => read_dossier(path),
            None => Ok(dossier::propose(&self.records, &self.documents)),
        }
    }

    /// Positions, changes, claims, contradictions, timeline and schedule under `dossier`.
    pub fn analyze(&self, dossier: &dossier::Dossier) -> dossier::Analysis {
        let inputs: Vec<dossier::Input<'_>> = self
            .documents
            .iter()
            .zip(&self.records)
            .map(|(document, record)| dossier::Input { document, record })
            .collect();
        dossier::Analyzer::new(dossier).analyze(&inputs)
    }

    /// The documents with their records, as the brief cites them.
    pub fn sources(&self) -> Vec<brief::Source<'_>> {
        self.documents
            .iter()
            .zip(&self.records)
            .map(|(document, record)| brief::Source { document, record })
            .collect()
    }
}

/// Reads and validates a `dossier.toml`.
///
/// # Errors
/// When the file cannot be read, or names the line and field that is wrong.
pub fn read_dossier(path: &Path) -> anyhow::Result<dossier::Dossier> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the dossier", path.display()))?;
    dossier::Dossier::parse(&text).map_err(|err| {
        anyhow::anyhow!(
            "{}: {err}\nhint: see examples/muscat/dossier.toml for the format",
            path.display()
        )
    })
}
