//! The analysed corpus: stored documents with their extraction records, the dossier that
//! says what to look for, and the analysis over both. Shared by the command-line tool
//! (`brief`, `forecast --dossier`) and the server.
//!
//! Reads through the [`store::Store`] trait and the file system (for `dossier.toml`); the
//! analysis itself is done by the pure `dossier` crate.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use store::{DocFilter, Store, StoreError};

/// Everything that can go wrong while loading the corpus or its dossier.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The database could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No document has an extraction record.
    #[error("no analysed documents in the database; run `backchannel ingest PATH…` first")]
    Empty,
    /// The dossier file could not be read.
    #[error("{path}: cannot read the dossier: {source}")]
    ReadDossier {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The dossier file is not valid.
    #[error("{path}: {message}; see examples/muscat/dossier.toml for the format")]
    Dossier {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and field.
        message: String,
    },
}

/// Stored English documents and their records, index for index.
pub struct Corpus {
    /// The documents, in the store's order.
    pub documents: Vec<model::Document>,
    /// The record of each document.
    pub records: Vec<model::record::Record>,
    /// How many selected documents had no extraction record (and were left out).
    pub missing_records: usize,
}

impl Corpus {
    /// Loads every English document (dated on or after `since`, when given) that has an
    /// extraction record.
    ///
    /// # Errors
    /// When the database cannot be read, or holds no analysed document.
    pub fn load(
        store: &dyn Store,
        since: Option<jiff::civil::Date>,
    ) -> Result<Corpus, CorpusError> {
        let filter = DocFilter {
            since,
            ..DocFilter::default()
        };
        let summaries = store.documents(&filter)?;
        let mut documents = Vec::new();
        let mut records = Vec::new();
        let mut missing_records = 0;
        for summary in &summaries {
            let (Some(document), Some(record)) =
                (store.document(&summary.id)?, store.record(&summary.id)?)
            else {
                missing_records += 1;
                continue;
            };
            if document.is_english() {
                documents.push(document);
                records.push(record);
            }
        }
        if documents.is_empty() {
            return Err(CorpusError::Empty);
        }
        Ok(Corpus {
            documents,
            records,
            missing_records,
        })
    }

    /// The dossier from `path`, or (without one) a dossier proposed from the corpus.
    ///
    /// # Errors
    /// When the file cannot be read or is not a valid dossier.
    pub fn dossier(&self, path: Option<&Path>) -> Result<dossier::Dossier, CorpusError> {
        match path {
            Some(path) => read_dossier(path),
            None => Ok(dossier::propose(&self.records, &self.documents)),
        }
    }

    /// The documents with their records, as the analysis reads them.
    pub fn inputs(&self) -> Vec<dossier::Input<'_>> {
        self.documents
            .iter()
            .zip(&self.records)
            .map(|(document, record)| dossier::Input { document, record })
            .collect()
    }

    /// Positions, changes, claims, contradictions, timeline and schedule under `dossier`.
    pub fn analyze(&self, dossier: &dossier::Dossier) -> dossier::Analysis {
        dossier::Analyzer::new(dossier).analyze(&self.inputs())
    }

    /// The forecast of every issue of `dossier` with a scale, from `analysis` (made by
    /// [`Corpus::analyze`]) and the shipped capability table (overridden by the dossier).
    pub fn forecast(
        &self,
        dossier: &dossier::Dossier,
        analysis: &dossier::Analysis,
        settings: &dossier::ForecastSettings,
    ) -> dossier::DossierForecast {
        dossier::forecast_dossier(
            dossier,
            analysis,
            &self.inputs(),
            forecast::CapabilityTable::builtin(),
            settings,
        )
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
/// When the file cannot be read, or (naming the line and field) when it is not valid.
pub fn read_dossier(path: &Path) -> Result<dossier::Dossier, CorpusError> {
    let text = std::fs::read_to_string(path).map_err(|source| CorpusError::ReadDossier {
        path: path.to_owned(),
        source,
    })?;
    dossier::Dossier::parse(&text).map_err(|err| CorpusError::Dossier {
        path: path.to_owned(),
        message: err.to_string(),
    })
}
