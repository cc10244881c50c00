//! The PostgreSQL backend: the same semantics as SQLite for teams and many workers.
//!
//! Full-text search uses a generated `tsvector` column (title weighted above text) with a GIN
//! index; snippets come from `ts_headline` with the same `[`…`]` marks. Writes that decide
//! ids and duplicates take a transaction-scoped advisory lock, so concurrent ingest processes
//! on several machines never give two documents one id or miss a duplicate.

use std::cell::RefCell;

use model::record::Record;
use model::{DocFormat, DocId, Document};
use postgres::{Client, NoTls, Row, Transaction};

use crate::common::{
    better_candidate, decode_signature, encode_signature, parse_date, parse_record, record_json,
    similarity, suffixed_id,
};
use crate::query::tsquery;
use crate::queue::{DONE, FAILED, LEASED, PENDING, abandoned_reason, lease_ms, page, window_ms};
use crate::{
    Claim, ClaimRequest, Cursor, DocFilter, DocSummary, FailureCount, HttpValidators, NewDocument,
    Page, PutOutcome, QueueStatus, SearchHit, Store, StoreError, WorkerLeases,
};

/// Advisory-lock key serialising document writes (an arbitrary constant: "bkch").
const WRITE_LOCK: i64 = 0x626b_6368;
/// Advisory-lock key serialising migrations.
const MIGRATE_LOCK: i64 = 0x626b_6d67;

/// Schema migrations; index + 1 is the version recorded in `schema_migrations`.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE documents (
        seq            BIGSERIAL PRIMARY KEY,
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
        near_duplicate BOOLEAN NOT NULL DEFAULT FALSE,
        signature      BYTEA,
        ingested_at    TEXT NOT NULL,
        tsv TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('english', left(text, 400000)), 'B')
        ) STORED
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE INDEX documents_date ON documents((coalesce(published, inferred_date)));
    CREATE INDEX documents_tsv ON documents USING GIN (tsv);
    CREATE TABLE document_bands (
        band    INTEGER NOT NULL,
        hash    BIGINT NOT NULL,
        doc_seq BIGINT NOT NULL REFERENCES documents(seq),
        PRIMARY KEY (band, hash, doc_seq)
    );
    CREATE TABLE http_cache (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT NOT NULL
    );
    "#,
    r#"
    CREATE TABLE records (
        doc_seq    BIGINT PRIMARY KEY REFERENCES documents(seq),
        extractor  TEXT NOT NULL,
        record     TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX records_extractor ON records(extractor);
    "#,
    r#"
    CREATE TABLE queue (
        doc_seq     BIGINT PRIMARY KEY REFERENCES documents(seq),
        state       TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until BIGINT,
        last_error  TEXT,
        enqueued_at BIGINT NOT NULL,
        done_at     BIGINT
    );
    CREATE INDEX queue_state ON queue(state, doc_seq);
    CREATE INDEX queue_done_at ON queue(done_at);
    "#,
];

/// The server's clock in Unix milliseconds, fixed for one statement: every worker machine
/// sees the same time, whatever its own clock says.
const NOW_MS: &str = "(extract(epoch from statement_timestamp()) * 1000)::BIGINT";

/// Columns of a full [`Document`], in the order [`document_from_row`] reads them from
/// `offset`.
const DOCUMENT_COLUMNS: &str = "d.id, d.text, d.title, d.source, d.url, d.author, d.published, \
     d.inferred_date, d.language, d.format, d.origin, d.content_hash, d.duplicate_of";

const SUMMARY_COLUMNS: &str = "d.id, d.title, d.source, d.published, d.inferred_date, d.language, \
     d.duplicate_of, octet_length(d.text)::BIGINT, d.origin";

/// A store in a PostgreSQL database (or one schema of it).
pub struct PgStore {
    client: RefCell<Client>,
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`) and brings the schema up to date.
    ///
    /// # Errors
    /// Connection failures (the message names the server, never the password) and migration
    /// failures.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        Self::open_in_schema(url, None)
    }

    /// Like [`PgStore::open`], inside the named schema (created if missing), so that several
    /// independent stores can share one database.
    ///
    /// # Errors
    /// As [`PgStore::open`]; also a schema name that is not a plain identifier.
    pub fn open_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(|source| StoreError::PgOpen {
            server: redact(url),
            source,
        })?;
        if let Some(schema) = schema {
            if schema.is_empty()
                || !schema
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return Err(StoreError::BadSchemaName {
                    name: schema.to_owned(),
                });
            }
            client.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"
            ))?;
        }
        let store = PgStore {
            client: RefCell::new(client),
        };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the connected database.
    ///
    /// # Errors
    /// Database errors.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let row = self.client.borrow_mut().query_one(
            "SELECT coalesce(max(version), 0)::BIGINT FROM schema_migrations",
            &[],
        )?;
        Ok(row.get(0))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        let found: i64 = tx
            .query_one(
                "SELECT coalesce(max(version), 0)::BIGINT FROM schema_migrations",
                &[],
            )?
            .get(0);
        let known = MIGRATIONS.len() as i64;
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                &[&(index as i32 + 1), &now()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store for PgStore {
    fn put_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let outcome = insert_document(&mut tx, &new)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            &format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1"),
            &[&id.as_str()],
        )?;
        row.map(|row| document_from_row(&row, 0)).transpose()
    }

    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM documents d WHERE TRUE");
        let mut args: Vec<Box<dyn postgres::types::ToSql + Sync>> = Vec::new();
        let mut arg =
            |sql: &mut String, clause: &str, value: Box<dyn postgres::types::ToSql + Sync>| {
                args.push(value);
                sql.push_str(&clause.replace('?', &format!("${}", args.len())));
            };
        if let Some(since) = filter.since {
            arg(
                &mut sql,
                " AND coalesce(d.published, d.inferred_date) >= ?",
                Box::new(since.to_string()),
            );
        }
        if let Some(until) = filter.until {
            arg(
                &mut sql,
                " AND coalesce(d.published, d.inferred_date) <= ?",
                Box::new(until.to_string()),
            );
        }
        if let Some(source) = &filter.source {
            arg(
                &mut sql,
                " AND strpos(lower(d.source), lower(?)) > 0",
                Box::new(source.clone()),
            );
        }
        if let Some(language) = &filter.language {
            arg(&mut sql, " AND d.language = ?", Box::new(language.clone()));
        }
        if filter.skip_duplicates {
            sql.push_str(" AND d.duplicate_of IS NULL");
        }
        sql.push_str(
            " ORDER BY coalesce(d.published, d.inferred_date) IS NULL, \
             coalesce(d.published, d.inferred_date) COLLATE \"C\", d.id COLLATE \"C\"",
        );
        if let Some(limit) = filter.limit {
            arg(&mut sql, " LIMIT ?", Box::new(i64::from(limit)));
        }
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            args.iter().map(|a| a.as_ref()).collect();
        let rows = self.client.borrow_mut().query(&sql, &params)?;
        rows.iter().map(summary_from_row).collect()
    }

    fn count_documents(&self) -> Result<u64, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT count(*) FROM documents", &[])?;
        let n: i64 = row.get(0);
        Ok(n as u64)
    }

    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = tsquery(query) else {
            return Ok(Vec::new());
        };
        let rows = self.client.borrow_mut().query(
            &format!(
                "SELECT {SUMMARY_COLUMNS}, ts_rank_cd(d.tsv, q)::FLOAT8,
                        ts_headline('english', left(d.text, 400000), q,
                            'StartSel=[, StopSel=], MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1, FragmentDelimiter=…')
                 FROM documents d, to_tsquery('english', $1) q
                 WHERE d.tsv @@ q
                 ORDER BY 10 DESC, d.id COLLATE \"C\"
                 LIMIT $2"
            ),
            &[&q, &i64::from(limit)],
        )?;
        rows.iter()
            .map(|row| {
                Ok(SearchHit {
                    summary: summary_from_row(row)?,
                    score: row.get(9),
                    snippet: row.get::<_, String>(10).replace(['\n', '\r'], " "),
                })
            })
            .collect()
    }

    fn put_record(&mut self, record: &Record) -> Result<(), StoreError> {
        let json = record_json(record)?;
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let Some(row) =
            tx.query_opt("SELECT seq FROM documents WHERE id = $1", &[&record.doc.id])?
        else {
            return Err(StoreError::UnknownDocument {
                id: record.doc.id.clone(),
            });
        };
        let seq: i64 = row.get(0);
        upsert_record(&mut tx, seq, record, &json)?;
        tx.commit()?;
        Ok(())
    }

    fn record(&self, id: &DocId) -> Result<Option<Record>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT r.record FROM records r JOIN documents d ON d.seq = r.doc_seq WHERE d.id = $1",
            &[&id.as_str()],
        )?;
        row.map(|row| parse_record(id.as_str(), row.get(0)))
            .transpose()
    }

    fn records(&self, filter: &DocFilter) -> Result<Vec<Record>, StoreError> {
        let ids: Vec<String> = self
            .documents(filter)?
            .into_iter()
            .map(|d| d.id.to_string())
            .collect();
        let rows = self.client.borrow_mut().query(
            "SELECT d.id, r.record FROM records r JOIN documents d ON d.seq = r.doc_seq
             WHERE d.id = ANY($1)",
            &[&ids],
        )?;
        let mut by_id: std::collections::HashMap<String, String> =
            rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        ids.iter()
            .filter_map(|id| by_id.remove(id).map(|json| parse_record(id, &json)))
            .collect()
    }

    fn stale_documents(&self, extractor: &str) -> Result<Vec<DocId>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT d.id FROM documents d LEFT JOIN records r ON r.doc_seq = d.seq
             WHERE r.extractor IS NULL OR r.extractor <> $1 ORDER BY d.seq",
            &[&extractor],
        )?;
        rows.iter()
            .map(|row| {
                let id: String = row.get(0);
                DocId::new(id.clone()).map_err(|e| StoreError::Corrupt {
                    id,
                    message: e.to_string(),
                })
            })
            .collect()
    }

    fn http_validators(&self, url: &str) -> Result<Option<HttpValidators>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT etag, last_modified FROM http_cache WHERE url = $1",
            &[&url],
        )?;
        Ok(row.map(|row| HttpValidators {
            etag: row.get(0),
            last_modified: row.get(1),
        }))
    }

    fn set_http_validators(&mut self, url: &str, v: &HttpValidators) -> Result<(), StoreError> {
        self.client.borrow_mut().execute(
            "INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, checked_at = $4",
            &[&url, &v.etag, &v.last_modified, &now()],
        )?;
        Ok(())
    }

    fn enqueue_document(&mut self, new: NewDocument<'_>) -> Result<PutOutcome, StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let outcome = insert_document(&mut tx, &new)?;
        let id = match &outcome {
            PutOutcome::Stored { id, .. } | PutOutcome::Unchanged { id } => id.as_str(),
        };
        tx.execute(
            &format!(
                "INSERT INTO queue (doc_seq, state, enqueued_at)
                 SELECT d.seq, 'pending', {NOW_MS} FROM documents d
                 WHERE d.id = $1 AND NOT EXISTS (SELECT 1 FROM records r WHERE r.doc_seq = d.seq)
                 ON CONFLICT (doc_seq) DO NOTHING"
            ),
            &[&id],
        )?;
        tx.commit()?;
        Ok(outcome)
    }

    fn claim(&mut self, worker: &str, request: &ClaimRequest) -> Result<Vec<Claim>, StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let max_attempts = i32::try_from(request.max_attempts).unwrap_or(i32::MAX);
        tx.execute(
            &format!(
                "UPDATE queue SET state = 'failed', last_error = $1, lease_owner = NULL,
                     lease_until = NULL
                 WHERE state = 'leased' AND lease_until < {NOW_MS} AND attempts >= $2"
            ),
            &[&abandoned_reason(request.max_attempts), &max_attempts],
        )?;
        // SKIP LOCKED: rows another worker is claiming right now are passed over, not
        // waited for; a row it already took no longer matches when re-checked.
        let rows = tx.query(
            &format!(
                "WITH picked AS (
                     SELECT doc_seq FROM queue
                     WHERE state = 'pending' OR (state = 'leased' AND lease_until < {NOW_MS})
                     ORDER BY state = 'leased', doc_seq
                     LIMIT $1
                     FOR UPDATE SKIP LOCKED)
                 UPDATE queue q SET state = 'leased', attempts = q.attempts + 1,
                     lease_owner = $2, lease_until = {NOW_MS} + $3
                 FROM picked WHERE q.doc_seq = picked.doc_seq
                 RETURNING q.doc_seq, q.attempts,
                     (SELECT d.id FROM documents d WHERE d.seq = q.doc_seq)"
            ),
            &[&i64::from(request.limit), &worker, &lease_ms(request.lease)],
        )?;
        tx.commit()?;
        let mut claims: Vec<Claim> = rows
            .iter()
            .map(|row| {
                let id: String = row.get(2);
                let attempt: i32 = row.get(1);
                Ok(Claim {
                    id: DocId::new(id.clone()).map_err(|e| StoreError::Corrupt {
                        id,
                        message: e.to_string(),
                    })?,
                    attempt: u32::try_from(attempt).unwrap_or(0),
                    worker: worker.to_owned(),
                    seq: row.get(0),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        claims.sort_by_key(|c| c.seq);
        Ok(claims)
    }

    fn complete(&mut self, claim: &Claim, record: &Record) -> Result<bool, StoreError> {
        let json = record_json(record)?;
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let attempt = i32::try_from(claim.attempt).unwrap_or(i32::MAX);
        let done = tx.execute(
            &format!(
                "UPDATE queue SET state = 'done', completions = completions + 1,
                     done_at = {NOW_MS}, lease_owner = NULL, lease_until = NULL,
                     last_error = NULL
                 WHERE doc_seq = $1 AND state = 'leased' AND lease_owner = $2 AND attempts = $3"
            ),
            &[&claim.seq, &claim.worker, &attempt],
        )?;
        if done != 1 {
            return Ok(false);
        }
        upsert_record(&mut tx, claim.seq, record, &json)?;
        tx.commit()?;
        Ok(true)
    }

    fn fail(&mut self, claim: &Claim, reason: &str) -> Result<bool, StoreError> {
        let attempt = i32::try_from(claim.attempt).unwrap_or(i32::MAX);
        let changed = self.client.borrow_mut().execute(
            "UPDATE queue SET state = 'failed', last_error = $4, lease_owner = NULL,
                 lease_until = NULL
             WHERE doc_seq = $1 AND state = 'leased' AND lease_owner = $2 AND attempts = $3",
            &[&claim.seq, &claim.worker, &attempt, &reason],
        )?;
        Ok(changed == 1)
    }

    fn queue_status(&self, window: std::time::Duration) -> Result<QueueStatus, StoreError> {
        let window = window_ms(window);
        let mut client = self.client.borrow_mut();
        // One snapshot for all the counts.
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut status = QueueStatus {
            window_ms: window as u64,
            ..QueueStatus::default()
        };
        for row in tx.query(
            &format!(
                "SELECT state, (state = 'leased' AND lease_until < {NOW_MS}), count(*)
                 FROM queue GROUP BY 1, 2"
            ),
            &[],
        )? {
            let state: String = row.get(0);
            let expired: bool = row.get(1);
            let count = row.get::<_, i64>(2) as u64;
            match (state.as_str(), expired) {
                (PENDING, _) => status.pending += count,
                (LEASED, true) => status.expired += count,
                (LEASED, false) => status.leased += count,
                (DONE, _) => status.done += count,
                (FAILED, _) => status.failed += count,
                _ => {}
            }
        }
        status.completed_twice = tx
            .query_one("SELECT count(*) FROM queue WHERE completions > 1", &[])?
            .get::<_, i64>(0) as u64;
        let row = tx.query_one(
            &format!(
                "SELECT count(*), min(done_at), max(done_at) FROM queue
                 WHERE state = 'done' AND done_at >= {NOW_MS} - $1"
            ),
            &[&window],
        )?;
        status.recent_done = row.get::<_, i64>(0) as u64;
        let first: Option<i64> = row.get(1);
        let last: Option<i64> = row.get(2);
        status.recent_span_ms = first.zip(last);
        status.failures = tx
            .query(
                "SELECT coalesce(last_error, 'no reason given'), count(*) FROM queue
                 WHERE state = 'failed' GROUP BY 1
                 ORDER BY 2 DESC, coalesce(last_error, 'no reason given') COLLATE \"C\" LIMIT 10",
                &[],
            )?
            .iter()
            .map(|row| FailureCount {
                reason: row.get(0),
                count: row.get::<_, i64>(1) as u64,
            })
            .collect();
        status.workers = tx
            .query(
                &format!(
                    "SELECT lease_owner, count(*) FROM queue
                     WHERE state = 'leased' AND lease_until >= {NOW_MS}
                     GROUP BY 1 ORDER BY lease_owner COLLATE \"C\""
                ),
                &[],
            )?
            .iter()
            .map(|row| WorkerLeases {
                worker: row.get::<_, Option<String>>(0).unwrap_or_default(),
                leased: row.get::<_, i64>(1) as u64,
            })
            .collect();
        tx.commit()?;
        Ok(status)
    }

    fn retry_failed(&mut self) -> Result<u64, StoreError> {
        Ok(self.client.borrow_mut().execute(
            &format!(
                "UPDATE queue SET state = 'pending', attempts = 0, completions = 0,
                     lease_owner = NULL, lease_until = NULL, enqueued_at = {NOW_MS}
                 WHERE state = 'failed'"
            ),
            &[],
        )?)
    }

    fn requeue_stale(&mut self, extractor: &str) -> Result<u64, StoreError> {
        Ok(self.client.borrow_mut().execute(
            &format!(
                "INSERT INTO queue (doc_seq, state, enqueued_at)
                 SELECT d.seq, 'pending', {NOW_MS} FROM documents d
                 LEFT JOIN records r ON r.doc_seq = d.seq
                 WHERE r.extractor IS NULL OR r.extractor <> $1
                 ON CONFLICT (doc_seq) DO UPDATE SET state = 'pending', attempts = 0, completions = 0,
                     lease_owner = NULL, lease_until = NULL, enqueued_at = excluded.enqueued_at
                 WHERE queue.state IN ('done', 'failed')"
            ),
            &[&extractor],
        )?)
    }

    fn documents_page(&self, after: Cursor, limit: u32) -> Result<Page<Document>, StoreError> {
        let rows = self.client.borrow_mut().query(
            &format!(
                "SELECT d.seq, {DOCUMENT_COLUMNS} FROM documents d
                 WHERE d.seq > $1 ORDER BY d.seq LIMIT $2"
            ),
            &[&after.0, &i64::from(limit)],
        )?;
        let items = rows
            .iter()
            .map(|row| Ok((row.get::<_, i64>(0), document_from_row(row, 1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(page(items, limit))
    }

    fn records_page(&self, after: Cursor, limit: u32) -> Result<Page<Record>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT r.doc_seq, d.id, r.record FROM records r JOIN documents d ON d.seq = r.doc_seq
             WHERE r.doc_seq > $1 ORDER BY r.doc_seq LIMIT $2",
            &[&after.0, &i64::from(limit)],
        )?;
        let items = rows
            .iter()
            .map(|row| {
                let id: String = row.get(1);
                Ok((row.get::<_, i64>(0), parse_record(&id, row.get(2))?))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(page(items, limit))
    }
}

/// Writes (or replaces) the record of the document with sequence number `seq`.
fn upsert_record(
    tx: &mut Transaction<'_>,
    seq: i64,
    record: &Record,
    json: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO records (doc_seq, extractor, record, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_seq) DO UPDATE SET extractor = $2, record = $3, created_at = $4",
        &[&seq, &record.doc.extractor, &json, &now()],
    )?;
    Ok(())
}

/// Stores a document inside a transaction the caller commits, under the write lock.
fn insert_document(
    tx: &mut Transaction<'_>,
    new: &NewDocument<'_>,
) -> Result<PutOutcome, StoreError> {
    let doc = new.doc;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    let mut id = doc.id.as_str().to_owned();
    let hash_of = |tx: &mut Transaction<'_>, id: &str| -> Result<Option<String>, StoreError> {
        Ok(tx
            .query_opt("SELECT content_hash FROM documents WHERE id = $1", &[&id])?
            .map(|row| row.get(0)))
    };
    if let Some(hash) = hash_of(tx, &id)? {
        if hash == doc.content_hash {
            return Ok(PutOutcome::Unchanged { id: doc.id.clone() });
        }
        id = suffixed_id(&id, &doc.content_hash);
        if hash_of(tx, &id)?.is_some() {
            return Ok(PutOutcome::Unchanged {
                id: DocId::new(id).expect("suffixed id is non-empty"),
            });
        }
    }
    let exact = tx.query_opt(
        "SELECT id, duplicate_of FROM documents WHERE content_hash = $1 ORDER BY seq LIMIT 1",
        &[&doc.content_hash],
    )?;
    let (duplicate_of, near) = match exact {
        Some(row) => {
            let first: String = row.get(0);
            let root: Option<String> = row.get(1);
            (Some(root.unwrap_or(first)), false)
        }
        None => match near_duplicate(tx, new)? {
            Some(root) => (Some(root), true),
            None => (None, false),
        },
    };
    let row = tx.query_one(
        "INSERT INTO documents (id, text, title, source, url, author, published, inferred_date,
             language, format, origin, content_hash, duplicate_of, near_duplicate, signature,
             ingested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING seq",
        &[
            &id,
            &doc.text,
            &doc.title,
            &doc.source,
            &doc.url,
            &doc.author,
            &doc.published.map(|d| d.to_string()),
            &doc.inferred_date.map(|d| d.to_string()),
            &doc.language,
            &doc.format.as_str(),
            &doc.origin,
            &doc.content_hash,
            &duplicate_of,
            &near,
            &encode_signature(new.signature),
            &now(),
        ],
    )?;
    let seq: i64 = row.get(0);
    // As in SQLite: only chain roots are near-duplicate candidates.
    if duplicate_of.is_none() && !new.bands.is_empty() {
        let insert = tx.prepare(
            "INSERT INTO document_bands (band, hash, doc_seq) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )?;
        for &(band, hash) in new.bands {
            tx.execute(&insert, &[&(band as i32), &hash, &seq])?;
        }
    }
    Ok(PutOutcome::Stored {
        id: DocId::new(id).expect("stored id is non-empty"),
        duplicate_of: duplicate_of.map(|d| DocId::new(d).expect("stored id is non-empty")),
        near,
    })
}

fn near_duplicate(
    tx: &mut Transaction<'_>,
    new: &NewDocument<'_>,
) -> Result<Option<String>, StoreError> {
    if new.signature.is_empty() || new.bands.is_empty() {
        return Ok(None);
    }
    let bands: Vec<i32> = new.bands.iter().map(|&(b, _)| b as i32).collect();
    let hashes: Vec<i64> = new.bands.iter().map(|&(_, h)| h).collect();
    let rows = tx.query(
        "SELECT d.seq, d.id, d.duplicate_of, d.signature
         FROM documents d
         WHERE d.seq IN (
             SELECT b.doc_seq FROM document_bands b
             JOIN unnest($1::INT[], $2::BIGINT[]) AS k(band, hash)
               ON b.band = k.band AND b.hash = k.hash)
         ORDER BY d.seq",
        &[&bands, &hashes],
    )?;
    let mut best: Option<(f64, i64, String)> = None;
    for row in rows {
        let seq: i64 = row.get(0);
        let id: String = row.get(1);
        let root: Option<String> = row.get(2);
        let signature: Option<Vec<u8>> = row.get(3);
        let similarity = similarity(
            &decode_signature(&signature.unwrap_or_default()),
            new.signature,
        );
        if similarity >= new.near_threshold && better_candidate(&best, similarity, seq) {
            best = Some((similarity, seq, root.unwrap_or(id)));
        }
    }
    Ok(best.map(|(_, _, root)| root))
}

/// A full document from the 13 [`DOCUMENT_COLUMNS`] starting at column `offset`.
fn document_from_row(row: &Row, offset: usize) -> Result<Document, StoreError> {
    let stored_id: String = row.get(offset);
    let corrupt = |message: String| StoreError::Corrupt {
        id: stored_id.clone(),
        message,
    };
    let format: String = row.get(offset + 9);
    let duplicate_of: Option<String> = row.get(offset + 12);
    Ok(Document {
        id: DocId::new(stored_id.clone()).map_err(|e| corrupt(e.to_string()))?,
        text: row.get(offset + 1),
        title: row.get(offset + 2),
        source: row.get(offset + 3),
        url: row.get(offset + 4),
        author: row.get(offset + 5),
        published: parse_date(row.get(offset + 6)).map_err(&corrupt)?,
        inferred_date: parse_date(row.get(offset + 7)).map_err(&corrupt)?,
        language: row.get(offset + 8),
        format: DocFormat::parse(&format)
            .ok_or_else(|| corrupt(format!("unknown format {format:?}")))?,
        origin: row.get(offset + 10),
        content_hash: row.get(offset + 11),
        duplicate_of: duplicate_of
            .map(DocId::new)
            .transpose()
            .map_err(|e| corrupt(e.to_string()))?,
    })
}

fn summary_from_row(row: &Row) -> Result<DocSummary, StoreError> {
    let id: String = row.get(0);
    let corrupt = |message: String| StoreError::Corrupt {
        id: id.clone(),
        message,
    };
    let duplicate_of: Option<String> = row.get(6);
    let bytes: i64 = row.get(7);
    Ok(DocSummary {
        id: DocId::new(id.clone()).map_err(|e| corrupt(e.to_string()))?,
        title: row.get(1),
        source: row.get(2),
        published: parse_date(row.get(3)).map_err(&corrupt)?,
        inferred_date: parse_date(row.get(4)).map_err(&corrupt)?,
        language: row.get(5),
        duplicate_of: duplicate_of
            .map(DocId::new)
            .transpose()
            .map_err(|e| corrupt(e.to_string()))?,
        bytes: bytes as u64,
        origin: row.get(8),
    })
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://ana:s3cret@db.example:5432/news"),
            "postgres://ana@db.example:5432/news"
        );
        assert_eq!(
            redact("postgres://127.0.0.1/test"),
            "postgres://127.0.0.1/test"
        );
    }
}
