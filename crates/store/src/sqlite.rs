//! The SQLite backend: one file, WAL, FTS5, versioned migrations.

use std::path::Path;

use model::record::Record;
use model::{DocFormat, DocId, Document};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::common::{
    better_candidate, decode_signature, encode_signature, parse_date, parse_record, record_json,
    similarity, suffixed_id,
};
use crate::query::fts5_query;
use crate::queue::{
    DONE, FAILED, LEASED, PENDING, abandoned_reason, lease_ms, now_ms, page, window_ms,
};
use crate::{
    Claim, ClaimRequest, Cursor, DocFilter, DocSummary, FailureCount, HttpValidators, NewDocument,
    Page, PutOutcome, QueueStatus, SearchHit, Store, StoreError, WorkerLeases,
};

/// Schema migrations, applied in order; the index + 1 is the schema version
/// (`PRAGMA user_version`). Never edit a released migration: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: documents, duplicate links, near-duplicate bands, full-text index, HTTP cache.
    r#"
    CREATE TABLE documents (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        text           TEXT NOT NULL,
        title          TEXT,
        source         TEXT,
        url            TEXT,
        author         TEXT,
        published      TEXT,
        inferred_date  TEXT,
        language       TEXT,
        format         TEXT NOT NULL,
        origin         TEXT NOT NULL,
        content_hash   TEXT NOT NULL,
        duplicate_of   TEXT REFERENCES documents(id),
        near_duplicate INTEGER NOT NULL DEFAULT 0,
        signature      BLOB,
        ingested_at    TEXT NOT NULL
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE INDEX documents_date ON documents(coalesce(published, inferred_date));
    CREATE TABLE document_bands (
        band    INTEGER NOT NULL,
        hash    INTEGER NOT NULL,
        doc_seq INTEGER NOT NULL REFERENCES documents(seq),
        PRIMARY KEY (band, hash, doc_seq)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq', tokenize='porter unicode61'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TABLE http_cache (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT NOT NULL
    );
    "#,
    // 2: one extraction record per document, tagged with the extractor version.
    r#"
    CREATE TABLE records (
        doc_seq    INTEGER PRIMARY KEY REFERENCES documents(seq),
        extractor  TEXT NOT NULL,
        record     TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX records_extractor ON records(extractor);
    "#,
    // 3: the work queue (times in Unix milliseconds).
    r#"
    CREATE TABLE queue (
        doc_seq     INTEGER PRIMARY KEY REFERENCES documents(seq),
        state       TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error  TEXT,
        enqueued_at INTEGER NOT NULL,
        done_at     INTEGER
    );
    CREATE INDEX queue_state ON queue(state, doc_seq);
    CREATE INDEX queue_done_at ON queue(done_at);
    "#,
];

/// Columns of a [`DocSummary`], in the order [`summary_from_row`] reads them.
const SUMMARY_COLUMNS: &str = "d.id, d.title, d.source, d.published, d.inferred_date, d.language, \
     d.duplicate_of, length(CAST(d.text AS BLOB)), d.origin";

/// Columns of a full [`Document`], in the order [`document_row`] reads them.
const DOCUMENT_COLUMNS: &str = "id, text, title, source, url, author, published, inferred_date, \
     language, format, origin, content_hash, duplicate_of";

/// A document row as read, before its values are checked.
type DocumentRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
);

fn document_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
        row.get(12)?,
    ))
}

fn document_from_row(r: DocumentRow) -> Result<Document, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        id: r.0.clone(),
        message,
    };
    Ok(Document {
        id: DocId::new(r.0.clone()).map_err(|e| corrupt(e.to_string()))?,
        text: r.1,
        title: r.2,
        source: r.3,
        url: r.4,
        author: r.5,
        published: parse_date(r.6.as_deref()).map_err(&corrupt)?,
        inferred_date: parse_date(r.7.as_deref()).map_err(&corrupt)?,
        language: r.8,
        format: DocFormat::parse(&r.9)
            .ok_or_else(|| corrupt(format!("unknown format {:?}", r.9)))?,
        origin: r.10,
        content_hash: r.11,
        duplicate_of: r
            .12
            .map(DocId::new)
            .transpose()
            .map_err(|e| corrupt(e.to_string()))?,
    })
}

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) a database file and brings its schema up to date.
    ///
    /// # Errors
    /// Fails when the file cannot be opened, is not a database, or was written by a newer
    /// version.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let store = SqliteStore { conn };
        store.configure().map_err(|err| match err {
            StoreError::Sqlite(source) => StoreError::Open {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        })?;
        Ok(store)
    }

    /// Opens a private in-memory database (for tests and one-off runs).
    ///
    /// # Errors
    /// Fails only if SQLite cannot allocate.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let store = SqliteStore {
            conn: Connection::open_in_memory()?,
        };
        store.configure()?;
        Ok(store)
    }

    /// Gives this connection a page cache of `cache_mib` MiB and memory-maps up to 256 MiB
    /// of the file, for connections that answer many queries (the server's pool): index and
    /// text pages are then read from memory instead of through a system call each.
    ///
    /// # Errors
    /// Database errors.
    pub fn with_read_cache(self, cache_mib: u32) -> Result<SqliteStore, StoreError> {
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{}; PRAGMA mmap_size = 268435456;",
            u64::from(cache_mib) * 1024
        ))?;
        Ok(self)
    }

    /// The schema version of the open database.
    ///
    /// # Errors
    /// Database errors.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    fn configure(&self) -> Result<(), StoreError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // journal_mode returns a row; in-memory databases answer "memory".
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
        )?;
        self.migrate()
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let known = MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = index as i64 + 1;
            // Each migration commits with its version, so a crash leaves a valid older schema.
            self.conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {sql}; PRAGMA user_version = {version}; COMMIT;"
            ))?;
        }
        Ok(())
    }
}

impl Store for SqliteStore {
    fn put_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = insert_document(&tx, &new)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1"),
                [id.as_str()],
                document_row,
            )
            .optional()?
            .map(document_from_row)
            .transpose()
    }

    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM documents d WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(since) = filter.since {
            sql.push_str(" AND coalesce(d.published, d.inferred_date) >= ?");
            args.push(Box::new(since.to_string()));
        }
        if let Some(until) = filter.until {
            sql.push_str(" AND coalesce(d.published, d.inferred_date) <= ?");
            args.push(Box::new(until.to_string()));
        }
        if let Some(source) = &filter.source {
            sql.push_str(" AND instr(lower(d.source), lower(?)) > 0");
            args.push(Box::new(source.clone()));
        }
        if let Some(language) = &filter.language {
            sql.push_str(" AND d.language = ?");
            args.push(Box::new(language.clone()));
        }
        if filter.skip_duplicates {
            sql.push_str(" AND d.duplicate_of IS NULL");
        }
        sql.push_str(
            " ORDER BY coalesce(d.published, d.inferred_date) IS NULL, \
             coalesce(d.published, d.inferred_date), d.id",
        );
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Box::new(limit));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())),
            summary_from_row,
        )?;
        rows.map(|r| r.map_err(StoreError::from).and_then(|r| r))
            .collect()
    }

    fn count_documents(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |row| row.get(0))?;
        Ok(n as u64)
    }

    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        let Some(fts) = fts5_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, -bm25(documents_fts, 4.0, 1.0),
                    snippet(documents_fts, 1, '[', ']', '…', 16)
             FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
             WHERE documents_fts MATCH ?1
             ORDER BY bm25(documents_fts, 4.0, 1.0), d.id
             LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![fts, limit], |row| {
            let summary = summary_from_row(row)?;
            let score: f64 = row.get(9)?;
            let snippet: String = row.get(10)?;
            Ok(summary.map(|summary| SearchHit {
                summary,
                score,
                snippet: snippet.replace(['\n', '\r'], " "),
            }))
        })?;
        rows.map(|r| r.map_err(StoreError::from).and_then(|r| r))
            .collect()
    }

    fn put_record(&mut self, record: &Record) -> Result<(), StoreError> {
        let json = record_json(record)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq: Option<i64> = tx
            .query_row(
                "SELECT seq FROM documents WHERE id = ?1",
                [&record.doc.id],
                |row| row.get(0),
            )
            .optional()?;
        let Some(seq) = seq else {
            return Err(StoreError::UnknownDocument {
                id: record.doc.id.clone(),
            });
        };
        upsert_record(&tx, seq, record, &json)?;
        tx.commit()?;
        Ok(())
    }

    fn record(&self, id: &DocId) -> Result<Option<Record>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT r.record FROM records r JOIN documents d ON d.seq = r.doc_seq WHERE d.id = ?1",
                [id.as_str()],
                |row| row.get(0),
            )
            .optional()?;
        json.map(|j| parse_record(id.as_str(), &j)).transpose()
    }

    fn records(&self, filter: &DocFilter) -> Result<Vec<Record>, StoreError> {
        let ids = self.documents(filter)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.record FROM records r JOIN documents d ON d.seq = r.doc_seq WHERE d.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for summary in ids {
            let json: Option<String> = stmt
                .query_row([summary.id.as_str()], |row| row.get(0))
                .optional()?;
            if let Some(json) = json {
                out.push(parse_record(summary.id.as_str(), &json)?);
            }
        }
        Ok(out)
    }

    fn stale_documents(&self, extractor: &str) -> Result<Vec<DocId>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d LEFT JOIN records r ON r.doc_seq = d.seq
             WHERE r.extractor IS NULL OR r.extractor <> ?1 ORDER BY d.seq",
        )?;
        let rows = stmt.query_map([extractor], |row| row.get::<_, String>(0))?;
        rows.map(|r| {
            let id = r?;
            DocId::new(id.clone()).map_err(|e| StoreError::Corrupt {
                id,
                message: e.to_string(),
            })
        })
        .collect()
    }

    fn http_validators(&self, url: &str) -> Result<Option<HttpValidators>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT etag, last_modified FROM http_cache WHERE url = ?1",
                [url],
                |row| {
                    Ok(HttpValidators {
                        etag: row.get(0)?,
                        last_modified: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    fn set_http_validators(&mut self, url: &str, v: &HttpValidators) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, checked_at = ?4",
            params![
                url,
                v.etag,
                v.last_modified,
                jiff::Timestamp::now().to_string()
            ],
        )?;
        Ok(())
    }

    fn enqueue_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = insert_document(&tx, &new)?;
        let id = match &outcome {
            PutOutcome::Stored { id, .. } | PutOutcome::Unchanged { id } => id.as_str(),
        };
        tx.execute(
            "INSERT INTO queue (doc_seq, state, enqueued_at)
             SELECT d.seq, 'pending', ?2 FROM documents d
             WHERE d.id = ?1 AND NOT EXISTS (SELECT 1 FROM records r WHERE r.doc_seq = d.seq)
             ON CONFLICT(doc_seq) DO NOTHING",
            params![id, now_ms()],
        )?;
        tx.commit()?;
        Ok(outcome)
    }

    fn claim(&mut self, worker: &str, request: &ClaimRequest) -> Result<Vec<Claim>, StoreError> {
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE queue SET state = 'failed', last_error = ?1, lease_owner = NULL,
                 lease_until = NULL
             WHERE state = 'leased' AND lease_until < ?2 AND attempts >= ?3",
            params![
                abandoned_reason(request.max_attempts),
                now,
                request.max_attempts
            ],
        )?;
        let mut picked: Vec<(i64, String)> = Vec::new();
        for sql in [
            "SELECT q.doc_seq, d.id FROM queue q JOIN documents d ON d.seq = q.doc_seq
             WHERE q.state = 'pending' ORDER BY q.doc_seq LIMIT ?1",
            "SELECT q.doc_seq, d.id FROM queue q JOIN documents d ON d.seq = q.doc_seq
             WHERE q.state = 'leased' AND q.lease_until < ?2 ORDER BY q.doc_seq LIMIT ?1",
        ] {
            let wanted = i64::from(request.limit) - picked.len() as i64;
            if wanted <= 0 {
                break;
            }
            let mut stmt = tx.prepare_cached(sql)?;
            let mut rows = if sql.contains("?2") {
                stmt.query(params![wanted, now])?
            } else {
                stmt.query(params![wanted])?
            };
            while let Some(row) = rows.next()? {
                picked.push((row.get(0)?, row.get(1)?));
            }
        }
        let until = now.saturating_add(lease_ms(request.lease));
        let mut claims = Vec::with_capacity(picked.len());
        {
            let mut update = tx.prepare_cached(
                "UPDATE queue SET state = 'leased', attempts = attempts + 1, lease_owner = ?1,
                     lease_until = ?2
                 WHERE doc_seq = ?3 RETURNING attempts",
            )?;
            for (seq, id) in picked {
                let attempt: i64 =
                    update.query_row(params![worker, until, seq], |row| row.get(0))?;
                claims.push(Claim {
                    id: DocId::new(id.clone()).map_err(|e| StoreError::Corrupt {
                        id,
                        message: e.to_string(),
                    })?,
                    attempt: u32::try_from(attempt).unwrap_or(u32::MAX),
                    worker: worker.to_owned(),
                    seq,
                });
            }
        }
        tx.commit()?;
        Ok(claims)
    }

    fn complete(&mut self, claim: &Claim, record: &Record) -> Result<bool, StoreError> {
        let json = record_json(record)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done = tx.execute(
            "UPDATE queue SET state = 'done', completions = completions + 1, done_at = ?4,
                 lease_owner = NULL, lease_until = NULL, last_error = NULL
             WHERE doc_seq = ?1 AND state = 'leased' AND lease_owner = ?2 AND attempts = ?3",
            params![claim.seq, claim.worker, claim.attempt, now_ms()],
        )?;
        if done != 1 {
            return Ok(false);
        }
        upsert_record(&tx, claim.seq, record, &json)?;
        tx.commit()?;
        Ok(true)
    }

    fn fail(&mut self, claim: &Claim, reason: &str) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE queue SET state = 'failed', last_error = ?4, lease_owner = NULL,
                 lease_until = NULL
             WHERE doc_seq = ?1 AND state = 'leased' AND lease_owner = ?2 AND attempts = ?3",
            params![claim.seq, claim.worker, claim.attempt, reason],
        )?;
        Ok(changed == 1)
    }

    fn queue_status(&self, window: std::time::Duration) -> Result<QueueStatus, StoreError> {
        let now = now_ms();
        let window = window_ms(window);
        let tx = self.conn.unchecked_transaction()?;
        let mut status = QueueStatus {
            window_ms: window as u64,
            ..QueueStatus::default()
        };
        {
            let mut stmt = tx.prepare_cached(
                "SELECT state, (state = 'leased' AND lease_until < ?1), count(*) FROM queue
                 GROUP BY 1, 2",
            )?;
            let mut rows = stmt.query([now])?;
            while let Some(row) = rows.next()? {
                let state: String = row.get(0)?;
                let expired: bool = row.get(1)?;
                let count = row.get::<_, i64>(2)? as u64;
                match (state.as_str(), expired) {
                    (PENDING, _) => status.pending += count,
                    (LEASED, true) => status.expired += count,
                    (LEASED, false) => status.leased += count,
                    (DONE, _) => status.done += count,
                    (FAILED, _) => status.failed += count,
                    _ => {}
                }
            }
        }
        status.completed_twice = tx.query_row(
            "SELECT count(*) FROM queue WHERE completions > 1",
            [],
            |row| row.get::<_, i64>(0),
        )? as u64;
        let (recent, first, last): (i64, Option<i64>, Option<i64>) = tx.query_row(
            "SELECT count(*), min(done_at), max(done_at) FROM queue
             WHERE state = 'done' AND done_at >= ?1",
            [now - window],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        status.recent_done = recent as u64;
        status.recent_span_ms = first.zip(last);
        {
            let mut stmt = tx.prepare_cached(
                "SELECT coalesce(last_error, 'no reason given'), count(*) FROM queue
                 WHERE state = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
            )?;
            let rows = stmt.query_map([], |row| {
                Ok(FailureCount {
                    reason: row.get(0)?,
                    count: row.get::<_, i64>(1)? as u64,
                })
            })?;
            status.failures = rows.collect::<Result<_, _>>()?;
        }
        {
            let mut stmt = tx.prepare_cached(
                "SELECT lease_owner, count(*) FROM queue
                 WHERE state = 'leased' AND lease_until >= ?1 GROUP BY 1 ORDER BY 1",
            )?;
            let rows = stmt.query_map([now], |row| {
                Ok(WorkerLeases {
                    worker: row.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    leased: row.get::<_, i64>(1)? as u64,
                })
            })?;
            status.workers = rows.collect::<Result<_, _>>()?;
        }
        tx.commit()?;
        Ok(status)
    }

    fn retry_failed(&mut self) -> Result<u64, StoreError> {
        let changed = self.conn.execute(
            "UPDATE queue SET state = 'pending', attempts = 0, completions = 0,
                 lease_owner = NULL, lease_until = NULL, enqueued_at = ?1
             WHERE state = 'failed'",
            [now_ms()],
        )?;
        Ok(changed as u64)
    }

    fn requeue_stale(&mut self, extractor: &str) -> Result<u64, StoreError> {
        let changed = self.conn.execute(
            "INSERT INTO queue (doc_seq, state, enqueued_at)
             SELECT d.seq, 'pending', ?2 FROM documents d
             LEFT JOIN records r ON r.doc_seq = d.seq
             WHERE r.extractor IS NULL OR r.extractor <> ?1
             ON CONFLICT(doc_seq) DO UPDATE SET state = 'pending', attempts = 0, completions = 0,
                 lease_owner = NULL, lease_until = NULL, enqueued_at = excluded.enqueued_at
             WHERE queue.state IN ('done', 'failed')",
            params![extractor, now_ms()],
        )?;
        Ok(changed as u64)
    }

    fn documents_page(&self, after: Cursor, limit: u32) -> Result<Page<Document>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT seq, {DOCUMENT_COLUMNS} FROM documents WHERE seq > ?1 ORDER BY seq LIMIT ?2"
        ))?;
        let mut rows = stmt.query(params![after.0, limit])?;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let r = (
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
                row.get(9)?,
                row.get(10)?,
                row.get(11)?,
                row.get(12)?,
                row.get(13)?,
            );
            items.push((seq, document_from_row(r)?));
        }
        Ok(page(items, limit))
    }

    fn records_page(&self, after: Cursor, limit: u32) -> Result<Page<Record>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.doc_seq, d.id, r.record FROM records r JOIN documents d ON d.seq = r.doc_seq
             WHERE r.doc_seq > ?1 ORDER BY r.doc_seq LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![after.0, limit])?;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let id: String = row.get(1)?;
            let json: String = row.get(2)?;
            items.push((seq, parse_record(&id, &json)?));
        }
        Ok(page(items, limit))
    }
}

/// Writes (or replaces) the record of the document with sequence number `seq`.
fn upsert_record(
    tx: &rusqlite::Transaction<'_>,
    seq: i64,
    record: &Record,
    json: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO records (doc_seq, extractor, record, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(doc_seq) DO UPDATE SET extractor = ?2, record = ?3, created_at = ?4",
    )?
    .execute(params![
        seq,
        record.doc.extractor,
        json,
        jiff::Timestamp::now().to_string()
    ])?;
    Ok(())
}

/// Stores a document inside a transaction the caller commits: resolves its id (SPEC §2),
/// links exact and near duplicates, indexes it.
fn insert_document(
    tx: &rusqlite::Transaction<'_>,
    new: &NewDocument<'_>,
) -> Result<PutOutcome, StoreError> {
    let doc = new.doc;
    // 1. Id: the requested one, or `id~hash8` when it holds different content.
    let mut id = doc.id.as_str().to_owned();
    let existing: Option<String> = tx
        .query_row(
            "SELECT content_hash FROM documents WHERE id = ?1",
            [&id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(hash) = existing {
        if hash == doc.content_hash {
            return Ok(PutOutcome::Unchanged { id: doc.id.clone() });
        }
        id = suffixed_id(&id, &doc.content_hash);
        let suffixed: Option<String> = tx
            .query_row(
                "SELECT content_hash FROM documents WHERE id = ?1",
                [&id],
                |row| row.get(0),
            )
            .optional()?;
        if suffixed.is_some() {
            return Ok(PutOutcome::Unchanged {
                id: DocId::new(id).expect("suffixed id is non-empty"),
            });
        }
    }
    // 2. Exact duplicate: same normalised content under another id.
    let exact: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT id, duplicate_of FROM documents WHERE content_hash = ?1 ORDER BY seq LIMIT 1",
            [&doc.content_hash],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (duplicate_of, near) = match exact {
        Some((first, root)) => (Some(root.unwrap_or(first)), false),
        None => match near_duplicate(tx, new)? {
            Some(root) => (Some(root), true),
            None => (None, false),
        },
    };
    // 3. Insert the document, its bands; FTS is kept by triggers.
    let signature = encode_signature(new.signature);
    let now = jiff::Timestamp::now().to_string();
    tx.execute(
        "INSERT INTO documents (id, text, title, source, url, author, published, inferred_date,
             language, format, origin, content_hash, duplicate_of, near_duplicate, signature,
             ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            id,
            doc.text,
            doc.title,
            doc.source,
            doc.url,
            doc.author,
            doc.published.map(|d| d.to_string()),
            doc.inferred_date.map(|d| d.to_string()),
            doc.language,
            doc.format.as_str(),
            doc.origin,
            doc.content_hash,
            duplicate_of,
            near,
            signature,
            now,
        ],
    )?;
    let seq = tx.last_insert_rowid();
    // Only documents that start a duplicate chain are near-duplicate candidates: copies
    // link to the first one anyway, and this keeps lookups constant as copies pile up.
    if duplicate_of.is_none() {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO document_bands (band, hash, doc_seq) VALUES (?1, ?2, ?3)",
        )?;
        for &(band, hash) in new.bands {
            insert.execute(params![band, hash, seq])?;
        }
    }
    Ok(PutOutcome::Stored {
        id: DocId::new(id).expect("stored id is non-empty"),
        duplicate_of: duplicate_of.map(|d| DocId::new(d).expect("stored id is non-empty")),
        near,
    })
}

/// Finds the best near-duplicate among documents sharing an LSH band, returning the root of
/// its duplicate chain.
fn near_duplicate(
    tx: &rusqlite::Transaction<'_>,
    new: &NewDocument<'_>,
) -> Result<Option<String>, StoreError> {
    if new.signature.is_empty() || new.bands.is_empty() {
        return Ok(None);
    }
    let mut candidates = std::collections::BTreeSet::new();
    {
        let mut stmt =
            tx.prepare_cached("SELECT doc_seq FROM document_bands WHERE band = ?1 AND hash = ?2")?;
        for &(band, hash) in new.bands {
            for seq in stmt.query_map(params![band, hash], |row| row.get::<_, i64>(0))? {
                candidates.insert(seq?);
            }
        }
    }
    let mut best: Option<(f64, i64, String)> = None;
    let mut stmt =
        tx.prepare_cached("SELECT id, duplicate_of, signature FROM documents WHERE seq = ?1")?;
    for seq in candidates {
        let (id, root, signature): (String, Option<String>, Vec<u8>) =
            stmt.query_row([seq], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        let similarity = similarity(&decode_signature(&signature), new.signature);
        if similarity >= new.near_threshold && better_candidate(&best, similarity, seq) {
            best = Some((similarity, seq, root.unwrap_or(id)));
        }
    }
    Ok(best.map(|(_, _, root)| root))
}

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<DocSummary, StoreError>> {
    let id: String = row.get(0)?;
    let published: Option<String> = row.get(3)?;
    let inferred: Option<String> = row.get(4)?;
    let duplicate_of: Option<String> = row.get(6)?;
    let bytes: i64 = row.get(7)?;
    let corrupt = |message: String| StoreError::Corrupt {
        id: id.clone(),
        message,
    };
    let build = || -> Result<DocSummary, StoreError> {
        Ok(DocSummary {
            id: DocId::new(id.clone()).map_err(|e| corrupt(e.to_string()))?,
            title: row.get(1)?,
            source: row.get(2)?,
            published: parse_date(published.as_deref()).map_err(corrupt)?,
            inferred_date: parse_date(inferred.as_deref()).map_err(corrupt)?,
            language: row.get(5)?,
            duplicate_of: duplicate_of
                .clone()
                .map(DocId::new)
                .transpose()
                .map_err(|e| corrupt(e.to_string()))?,
            bytes: bytes as u64,
            origin: row.get(8)?,
        })
    };
    Ok(build())
}
