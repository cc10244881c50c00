//! Logic both backends share, so that they decide ids and duplicates identically.

use model::record::Record;

use crate::StoreError;

/// The id a document gets when its requested id holds different content: `id~` + the first
/// eight hex digits of its content hash (SPEC §2).
pub fn suffixed_id(id: &str, content_hash: &str) -> String {
    format!("{id}~{}", &content_hash[..8.min(content_hash.len())])
}

/// Reads a stored signature (little-endian `u64`s).
pub fn decode_signature(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("chunk of 8")))
        .collect()
}

/// Writes a signature for storage.
pub fn encode_signature(values: &[u64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Estimated Jaccard similarity of two MinHash signatures (0 when lengths differ).
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Keeps the best near-duplicate candidate: higher similarity, then the earlier document.
pub fn better_candidate(best: &Option<(f64, i64, String)>, similarity: f64, seq: i64) -> bool {
    best.as_ref()
        .is_none_or(|(s, q, _)| similarity > *s || (similarity == *s && seq < *q))
}

/// Parses a stored record.
pub fn parse_record(id: &str, json: &str) -> Result<Record, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError::Corrupt {
        id: id.to_owned(),
        message: format!("stored record is not valid: {err}"),
    })
}

/// Serialises a record for storage.
pub fn record_json(record: &Record) -> Result<String, StoreError> {
    serde_json::to_string(record).map_err(|err| StoreError::Corrupt {
        id: record.doc.id.clone(),
        message: format!("record does not serialize: {err}"),
    })
}

/// Parses a stored `YYYY-MM-DD` date.
pub fn parse_date(value: Option<&str>) -> Result<Option<jiff::civil::Date>, String> {
    value
        .map(|v| v.parse().map_err(|e| format!("bad date {v:?}: {e}")))
        .transpose()
}
