//! The embedded SQLite backend.
//!
//! One file, WAL journal (readers never block the writer), one
//! `BEGIN IMMEDIATE` transaction per batch (writers queue on the lock
//! instead of failing mid-batch), `synchronous=FULL` by default so a
//! committed batch survives power loss, not only a killed process
//! (`NORMAL`, which `newsdesk ingest` uses, survives a killed process just
//! the same). Full-text indexing is deferred and done in bulk
//! ([`SqliteStore::sync_fts`]); the similarity index is served from memory
//! (`memindex`).

use crate::memindex::{key32, MemIndex};
use crate::pack::AnalysisColumn;
use crate::schema::{APPLICATION_ID, MIGRATIONS};
use crate::{
    fold_outlet, id_hex, raw_hash, ArticleSummary, BatchOutcome, CandidateLimits, CandidateQuery,
    Filter, Hit, IndexEntry, IndexHit, IntegrityReport, Link, NewArticle, NewRecord, Outcome,
    Packed, RecordBody, Rejection, Source, Stats, Store, StoreError, StoredArticle, StoryRow,
};
use chrono::NaiveDate;
use flate2::read::ZlibDecoder;
use newsdesk_core::InputFormat;
use newsdesk_crosscheck::fold_name;
use rusqlite::types::Value;
use rusqlite::{
    params, params_from_iter, Connection, OptionalExtension, Transaction, TransactionBehavior,
};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// Broad queries rank at most this many matches: the most recently stored
/// ones (see `search`). Ranking costs microseconds per match; this keeps a
/// one-word query over a million articles within milliseconds.
pub const RANK_WINDOW: i64 = 1024;

/// Derived tables for `newsdesk-corpus`: similarity-index keys (LSH band
/// hashes) and named cursors ("last article position processed by stage
/// X"). One `corpus_keys` row per indexed article — its position, id,
/// keys as a little-endian `u32` array, and the caller's sketch (a few
/// dozen bytes to pre-filter candidates) — because the index is read whole
/// into memory once per run (see `memindex`), never probed through SQL.
/// `pos` is the insertion order, so a process can read just the rows other
/// processes added since it last looked.
const CORPUS_TABLES: &str = "
    BEGIN IMMEDIATE;
    CREATE TABLE IF NOT EXISTS corpus_keys (
        pos     INTEGER PRIMARY KEY,
        seq     INTEGER NOT NULL UNIQUE REFERENCES articles(seq),
        article TEXT NOT NULL,
        keys    BLOB NOT NULL,
        sketch  BLOB
    );
    CREATE TABLE IF NOT EXISTS corpus_cursors (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    COMMIT;
";

/// The schema version this build writes (number of migrations).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Shortest article id, in hex characters of the content hash (48 bits:
/// a collision needs ~16 million articles to become likely, and is then
/// resolved by lengthening the id).
const ID_LEN: usize = 12;

/// How hard SQLite syncs to disk. Both survive `kill -9` of the writer
/// without corruption or torn batches (WAL); they differ on power loss or
/// an OS crash. `Full` costs real ingest throughput because every commit
/// waits for the disk (measure with `tests/bench.rs`); batch size barely
/// changes that, since the cost follows the bytes written, not the count
/// of commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synchronous {
    /// Sync at every commit: a committed batch survives power loss.
    Full,
    /// Sync at checkpoints only: survives a killed process, but the last
    /// batches may roll back on power loss. Faster.
    Normal,
}

/// Options for [`SqliteStore::open_with`].
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Durability level; default [`Synchronous::Full`].
    pub synchronous: Synchronous,
    /// How long a writer waits for another process's batch; default 60 s.
    pub busy_timeout: Duration,
    /// zstd level (1–19; default 3) for the raw inputs and analyses of
    /// records the store packs itself (records packed by the caller with
    /// [`NewRecord::pack`] keep the level they were packed at).
    pub compression_level: u32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            synchronous: Synchronous::Full,
            busy_timeout: Duration::from_secs(60),
            compression_level: crate::pack::DEFAULT_LEVEL as u32,
        }
    }
}

/// A store in one SQLite file. Open one per thread or process; they
/// coordinate through SQLite's locks.
pub struct SqliteStore {
    conn: Connection,
    /// zstd level of records packed here.
    compression: i32,
    /// The similarity index in memory, loaded on first use (see
    /// `memindex`).
    mem: RefCell<Option<MemIndex>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.conn.path())
            .finish()
    }
}

/// Whether a database error is SQLite's "database is locked/busy".
fn is_busy(e: &(dyn std::error::Error + Send + Sync + 'static)) -> bool {
    matches!(
        e.downcast_ref::<rusqlite::Error>(),
        Some(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl SqliteStore {
    /// Opens (creating and migrating if needed) the store at `path` with
    /// default options. Fails on a store written by a newer newsdesk, or
    /// on a database that isn't a newsdesk store.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::open_with(path, &OpenOptions::default())
    }

    /// Opens the store at `path` with explicit options.
    ///
    /// Several processes opening a *fresh* file at once race to switch it
    /// to WAL and create the schema; SQLite answers some of those races
    /// with an immediate `SQLITE_BUSY` that the busy timeout doesn't cover
    /// (a lock upgrade that would deadlock). Those are retried, with a
    /// short pause, for up to the busy timeout.
    pub fn open_with(path: impl AsRef<Path>, opts: &OpenOptions) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let started = std::time::Instant::now();
        loop {
            match Self::init(Connection::open(path)?, opts) {
                Err(StoreError::Db(e))
                    if is_busy(e.as_ref()) && started.elapsed() < opts.busy_timeout =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    /// A throwaway store in memory (tests, one-shot runs).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?, &OpenOptions::default())
    }

    /// The schema version this build reads and writes.
    pub fn schema_version() -> i64 {
        SCHEMA_VERSION
    }

    fn init(mut conn: Connection, opts: &OpenOptions) -> Result<Self, StoreError> {
        conn.busy_timeout(opts.busy_timeout)?;
        // Checked before touching anything: never switch a foreign file to
        // WAL. One read transaction, so the version and the table count are
        // of one moment (another process may be migrating a fresh file).
        let version = {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            let (app, version) = versions(&tx)?;
            check_versions(&tx, app, version)?;
            tx.commit()?;
            version
        };
        // journal_mode can't change inside a transaction; it is persistent,
        // so this is a no-op after the first open.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        let sync = match opts.synchronous {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        };
        // A 64 MB page cache (default 2 MB): ingest and the corpus stages
        // touch the same hot index pages over and over. Checkpoints every
        // ~40 MB of WAL instead of 4 MB: fewer, larger checkpoint writes.
        conn.execute_batch(&format!(
            "PRAGMA synchronous = {sync}; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = -{CACHE_KIB}; PRAGMA temp_store = MEMORY;
             PRAGMA wal_autocheckpoint = 10000;"
        ))?;
        if version < SCHEMA_VERSION {
            // Another process may be migrating at the same moment: take the
            // write lock, then look again. Foreign keys are off (the
            // pragma is a no-op inside a transaction): a migration that
            // rebuilds a table drops the old one while other tables still
            // refer to it. They are checked before the commit instead.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (app, version) = versions(&tx)?;
            check_versions(&tx, app, version)?;
            for m in &MIGRATIONS[version as usize..] {
                tx.execute_batch(m)?;
            }
            let broken: Option<String> = tx
                .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
                .optional()?;
            if let Some(table) = broken {
                return Err(StoreError::Corrupt(format!(
                    "migrating to schema {SCHEMA_VERSION}: table {table} refers to missing rows"
                )));
            }
            tx.execute_batch(&format!(
                "PRAGMA user_version = {SCHEMA_VERSION}; PRAGMA application_id = {APPLICATION_ID};"
            ))?;
            tx.commit()?;
        }
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        // Tables of the incremental corpus stages, created on demand: they
        // are derived data (rebuildable from the articles), so they live
        // outside the versioned migrations. Checked first so an existing
        // store opens without taking the write lock.
        let have: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('corpus_keys', 'corpus_cursors')",
            [],
            |r| r.get(0),
        )?;
        if have < 2 {
            conn.execute_batch(CORPUS_TABLES)?;
        }
        Ok(SqliteStore {
            conn,
            compression: opts.compression_level.clamp(1, 19) as i32,
            mem: RefCell::new(None),
        })
    }

    /// Stores one record inside the batch transaction. `next_input` is
    /// the `seq` its input row gets (the transaction holds the write lock,
    /// so the caller counts them): the raw blob and the article a record
    /// creates point back at it.
    fn put_one(
        level: i32,
        tx: &Transaction<'_>,
        rec: &NewRecord,
        packed: &Packed,
        next_input: &mut i64,
    ) -> Result<Outcome, StoreError> {
        let rh = &packed.raw_hash;
        let seen: Option<Option<String>> = tx
            .prepare_cached("SELECT article FROM inputs WHERE locator = ?1 AND raw_hash = ?2")?
            .query_row(params![rec.locator, rh], |r| r.get(0))
            .optional()?;
        if let Some(article) = seen {
            return Ok(Outcome::AlreadySeen { article });
        }
        let raw_known: bool = tx
            .prepare_cached("SELECT 1 FROM raw_blobs WHERE hash = ?1")?
            .exists([&rh])?;
        if !raw_known {
            let fresh;
            let data: &[u8] = match &packed.raw {
                Some(d) => d,
                None => {
                    fresh = crate::pack::compress(&rec.raw, level)?;
                    &fresh
                }
            };
            tx.prepare_cached(
                "INSERT INTO raw_blobs(hash, first_input, size, compression, data) VALUES (?1, ?2, ?3, 'zstd', ?4)",
            )?
            .execute(params![rh, *next_input, rec.raw.len() as i64, data])?;
        }
        let format = rec.format.map(format_str);
        let input = *next_input;
        *next_input += 1;
        let insert_input = |status: &str,
                            article: Option<&str>,
                            reason: Option<&str>|
         -> Result<(), StoreError> {
            tx.prepare_cached(
                "INSERT INTO inputs(seq, locator, raw_hash, status, article, reason, format, encoding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![input, rec.locator, rh, status, article, reason, format, rec.encoding])?;
            Ok(())
        };
        match &rec.body {
            RecordBody::Rejected { reason } => {
                insert_input("rejected", None, Some(reason))?;
                Ok(Outcome::Rejected {
                    reason: reason.clone(),
                })
            }
            RecordBody::SameRawAsBefore => {
                let before: Option<(Option<String>, Option<String>)> = tx
                    .prepare_cached(
                        "SELECT i.article, i.reason FROM raw_blobs r JOIN inputs i ON i.seq = r.first_input
                         WHERE r.hash = ?1",
                    )?
                    .query_row([&rh], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                match before {
                    Some((Some(article), _)) => {
                        insert_input("duplicate", Some(&article), None)?;
                        Ok(Outcome::Duplicate { existing: article })
                    }
                    Some((None, reason)) => {
                        let reason = reason.unwrap_or_else(|| "rejected".to_string());
                        insert_input("rejected", None, Some(&reason))?;
                        Ok(Outcome::Rejected { reason })
                    }
                    None => {
                        // The caller's skip was wrong; keep the input, say why.
                        let reason =
                            "sent as already-seen raw input, but the store had never seen it"
                                .to_string();
                        insert_input("rejected", None, Some(&reason))?;
                        Ok(Outcome::Rejected { reason })
                    }
                }
            }
            RecordBody::Article(a) => {
                if a.content_hash.trim().is_empty() {
                    return Err(StoreError::InvalidRecord {
                        locator: rec.locator.clone(),
                        reason: "empty content hash".into(),
                    });
                }
                let id = match content_id(tx, &a.content_hash)? {
                    ContentId::Stored(existing) => {
                        insert_input("duplicate", Some(&existing), None)?;
                        return Ok(Outcome::Duplicate { existing });
                    }
                    ContentId::Free(id) => id,
                };
                let fresh;
                let analysis: &[u8] = match &packed.analysis {
                    Some(z) => z,
                    None => {
                        fresh = crate::pack::compress(a.analysis_json.as_bytes(), level)?;
                        &fresh
                    }
                };
                insert_article(tx, &id, input, a, analysis)?;
                insert_input("inserted", Some(&id), None)?;
                Ok(Outcome::Inserted { id })
            }
        }
    }

    fn get_article_inner(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            AnalysisColumn,
            Option<Vec<u8>>,
            String,
        );
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT content_hash, title, outlet, published_earliest, published_latest, text, analysis, minhash, entities
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)))
            .optional()?;
        let Some((
            content_hash,
            title,
            outlet,
            pe,
            pl,
            text,
            AnalysisColumn(analysis_json),
            minhash,
            names,
        )) = row
        else {
            return Ok(None);
        };
        let entities = split_names(&names);
        let mut format = None;
        let mut encoding = None;
        let mut sources = Vec::new();
        // The inserting input is named by the article's row, duplicates
        // by the partial index on `inputs(article)` (schema 6).
        let mut stmt = self.conn.prepare_cached(
            "SELECT locator, raw_hash, status, format, encoding, status != 'inserted' AS later, seq
             FROM inputs WHERE seq = (SELECT input FROM articles WHERE id = ?1)
             UNION ALL
             SELECT locator, raw_hash, status, format, encoding, 1, seq
             FROM inputs WHERE article = ?1 AND status = 'duplicate'
             ORDER BY later, seq",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let first = r.get::<_, String>(2)? == "inserted";
            if first {
                format = r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(parse_format);
                encoding = r.get(4)?;
            }
            sources.push(Source {
                locator: r.get(0)?,
                raw_hash: r.get(1)?,
                first,
            });
        }
        Ok(Some(StoredArticle {
            id: id.to_string(),
            content_hash,
            title,
            outlet,
            published: dates(pe, pl),
            format,
            encoding,
            text,
            analysis_json,
            entities,
            minhash,
            sources,
        }))
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[NewRecord]) -> Result<BatchOutcome, StoreError> {
        let level = self.compression;
        // Hashing and compressing are the CPU-heavy part of storing a
        // record, and need no database: done on all cores before the
        // transaction, so the write lock is held for the inserts only.
        // Plain scoped threads, not rayon: a caller that is analysing the
        // next batch on the rayon pool would make these jobs queue behind
        // its own. (A raw input the store turns out to hold already was
        // compressed for nothing; the ingester filters those out.)
        // Records the caller packed (see `NewRecord::pack`) are used as
        // they are; the others are packed here.
        let pack = |rec: &NewRecord| -> Result<Option<Packed>, StoreError> {
            match rec.packed {
                Some(_) => Ok(None),
                None => Packed::of(rec, level).map(Some),
            }
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let unpacked = batch.iter().filter(|r| r.packed.is_none()).count();
        let own: Vec<Option<Packed>> = if unpacked <= 16 || threads == 1 {
            batch.iter().map(pack).collect::<Result<_, _>>()?
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = batch
                    .chunks(batch.len().div_ceil(threads))
                    .map(|c| s.spawn(move || c.iter().map(pack).collect::<Vec<_>>()))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect::<Result<Vec<_>, _>>()
            })?
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut next_input: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM inputs", [], |r| {
                r.get(0)
            })?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (rec, own) in batch.iter().zip(&own) {
            let Some(p) = rec.packed.as_ref().or(own.as_ref()) else {
                unreachable!("every record is packed by now")
            };
            outcomes.push(Self::put_one(level, &tx, rec, p, &mut next_input)?);
        }
        tx.commit()?;
        Ok(BatchOutcome { outcomes })
    }

    fn seen_raw(&self, raw_hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM raw_blobs WHERE hash = ?1")?
            .exists([raw_hash])?)
    }

    fn raw_hashes_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, hash FROM raw_blobs WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit.min(i64::MAX as usize) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn raw(&self, hash: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let row: Option<(i64, String, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT size, compression, data FROM raw_blobs WHERE hash = ?1")?
            .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((size, compression, data)) = row else {
            return Ok(None);
        };
        // zstd since schema 4; zlib in stores written before.
        let out = match compression.as_str() {
            "zstd" => crate::pack::decompress(&data)
                .map_err(|e| StoreError::Corrupt(format!("raw input {hash}: {e}")))?,
            "zlib" => {
                let mut out = Vec::with_capacity(size.max(0) as usize);
                ZlibDecoder::new(&data[..])
                    .read_to_end(&mut out)
                    .map_err(|e| StoreError::Corrupt(format!("raw input {hash}: {e}")))?;
                out
            }
            other => {
                return Err(StoreError::Corrupt(format!(
                    "raw input {hash}: unknown compression {other:?}"
                )))
            }
        };
        if out.len() as i64 != size || raw_hash(&out) != hash {
            return Err(StoreError::Corrupt(format!(
                "raw input {hash}: content does not match its hash"
            )));
        }
        Ok(Some(out))
    }

    fn get_article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.get_article_inner(id)
    }

    fn list_articles(
        &self,
        filter: &Filter,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        if filter_match(filter).is_some() {
            self.sync_fts(usize::MAX)?;
        }
        let (clause, mut args) = filter_sql(filter, false);
        args.insert(0, Value::Text(after.unwrap_or("").to_string()));
        args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        let sql = format!(
            "SELECT a.id, a.title, a.outlet, a.published_earliest, a.published_latest,
                    (SELECT i.locator FROM inputs i WHERE i.seq = a.input)
             FROM articles a WHERE a.id > ?{clause} ORDER BY a.id LIMIT ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: dates(r.get(3)?, r.get(4)?),
                locator: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ranked full-text search; see [`RANK_WINDOW`] for broad queries.
    fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let fts = crate::fts_query(query)?;
        self.sync_fts(usize::MAX)?;
        // Outlet and entity are terms of the full-text query: FTS5
        // intersects their posting lists with the query's, instead of
        // every match being checked against the filter.
        // The user's terms look in the title and text only, never at
        // the filter tokens.
        let fts = match filter_match(filter) {
            Some(m) => format!("{{title text}} : ({fts}) AND {m}"),
            None => format!("{{title text}} : ({fts})"),
        };
        let (clause, mut args) = filter_sql(filter, true);
        args.insert(0, Value::Text(fts.clone()));
        // Broad queries ("time", "a OR b") match a large share of a big
        // corpus, and ranking scores every match: at a million articles
        // that is hundreds of milliseconds. Above RANK_WINDOW matches,
        // rank only the RANK_WINDOW most recently stored ones (found by
        // walking the match list newest first, which FTS5 does without
        // scoring) — news search favours recent reports anyway.
        let floor: Option<i64> = {
            let sql = format!(
                "SELECT f.rowid FROM articles_fts f JOIN articles a ON a.seq = f.rowid
                 WHERE articles_fts MATCH ?{clause} ORDER BY f.rowid DESC LIMIT 1 OFFSET ?"
            );
            let mut wargs = args.clone();
            wargs.push(Value::Integer(RANK_WINDOW - 1));
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(wargs))?;
            match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            }
        };
        let window = if floor.is_some() {
            " AND f.rowid >= ?"
        } else {
            ""
        };
        if let Some(f) = floor {
            args.push(Value::Integer(f));
        }
        args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        args.push(Value::Text(fts));
        // Two phases: rank every match keeping only (position, rank, id),
        // then build snippets for the `limit` winners alone. Computing the
        // snippet inside the ranked query re-tokenised every matching
        // article (SQLite evaluates result columns before sorting) — most
        // of the time of a broad query. CROSS JOIN fixes the order so the
        // second MATCH is a rowid probe, not a second scan.
        let sql = format!(
            "WITH top AS (
                SELECT f.rowid AS seq, f.rank AS rank, a.id AS id
                FROM articles_fts f JOIN articles a ON a.seq = f.rowid
                WHERE articles_fts MATCH ?{clause}{window} ORDER BY f.rank, a.id LIMIT ?)
             SELECT top.id, -top.rank, a.title, snippet(articles_fts, 1, '[', ']', '…', 16)
             FROM top CROSS JOIN articles_fts f CROSS JOIN articles a
             WHERE f.rowid = top.seq AND a.seq = top.seq AND articles_fts MATCH ?
             ORDER BY top.rank, top.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(Hit {
                id: r.get(0)?,
                score: r.get(1)?,
                title: r.get(2)?,
                snippet: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn rejections(&self, after: i64, limit: usize) -> Result<Vec<Rejection>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, locator, raw_hash, reason FROM inputs WHERE status = 'rejected' AND seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit.min(i64::MAX as usize) as i64], |r| {
            Ok(Rejection {
                seq: r.get(0)?,
                locator: r.get(1)?,
                raw_hash: r.get(2)?,
                reason: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        // One read transaction so the counts are of one moment.
        let c = &self.conn;
        c.execute_batch("BEGIN DEFERRED")?;
        let res = (|| -> Result<Stats, StoreError> {
            let count = |sql: &str| -> Result<u64, StoreError> {
                Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64)
            };
            Ok(Stats {
                inputs_seen: count("SELECT count(*) FROM inputs")?,
                articles: count("SELECT count(*) FROM articles")?,
                duplicates: count("SELECT count(*) FROM inputs WHERE status = 'duplicate'")?,
                rejected: count("SELECT count(*) FROM inputs WHERE status = 'rejected'")?,
                raw_blobs: count("SELECT count(*) FROM raw_blobs")?,
                raw_bytes: count("SELECT coalesce(sum(size), 0) FROM raw_blobs")?,
                raw_stored_bytes: count("SELECT coalesce(sum(length(data)), 0) FROM raw_blobs")?,
                links: count("SELECT count(*) FROM links")?,
                stories: count("SELECT count(DISTINCT story) FROM story_assignments")?,
                schema_version: c.query_row("PRAGMA user_version", [], |r| r.get(0))?,
            })
        })();
        c.execute_batch("COMMIT")?;
        res
    }

    fn integrity_check(&self) -> Result<IntegrityReport, StoreError> {
        let c = &self.conn;
        let mut problems = Vec::new();
        let mut stmt = c.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if rows != ["ok"] {
            problems.extend(rows.into_iter().map(|r| format!("sqlite: {r}")));
        }
        let mut stmt = c.prepare("PRAGMA foreign_key_check")?;
        let fk: Vec<(String, Option<i64>, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (table, rowid, parent) in fk.into_iter().take(20) {
            problems.push(format!(
                "{table} row {rowid:?} points at a missing {parent} row"
            ));
        }
        // The full-text index must agree with the articles it indexes.
        // Articles not indexed yet (bulk indexing is deferred) are indexed
        // inside a savepoint that is rolled back: the check sees the index
        // as the next search would, and nothing is written.
        c.execute_batch("SAVEPOINT fts_check")?;
        let checked = (|| -> Result<(), rusqlite::Error> {
            let through: i64 = c.query_row(
                "SELECT indexed_through FROM fts_state WHERE id = 1",
                [],
                |r| r.get(0),
            )?;
            c.execute(
                "INSERT INTO articles_fts(rowid, title, text, filter_keys) SELECT seq, title, text, filter_keys FROM articles WHERE seq > ?1",
                [through],
            )?;
            c.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )?;
            Ok(())
        })();
        c.execute_batch("ROLLBACK TO fts_check; RELEASE fts_check")?;
        if let Err(e) = checked {
            problems.push(format!("full-text index: {e}"));
        }
        // Every article was created by exactly one input: the one its row
        // names, which names it back, and no other.
        let mut stmt = c.prepare(
            "SELECT a.id FROM articles a LEFT JOIN inputs i ON i.seq = a.input
             WHERE i.seq IS NULL OR i.status != 'inserted' OR i.article IS NOT a.id LIMIT 20",
        )?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            problems.push(format!(
                "article {} is not owned by exactly one inserting input",
                id?
            ));
        }
        let (extra, shared, first): (i64, i64, i64) = c.query_row(
            "SELECT (SELECT count(*) FROM inputs WHERE status = 'inserted') - (SELECT count(*) FROM articles),
                    (SELECT count(*) FROM (SELECT 1 FROM articles GROUP BY content_hash HAVING count(*) > 1)),
                    (SELECT count(*) FROM raw_blobs r LEFT JOIN inputs i ON i.seq = r.first_input
                     WHERE i.seq IS NULL OR i.raw_hash != r.hash)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if extra != 0 {
            problems.push(format!("{extra} more inserting inputs than articles"));
        }
        if shared > 0 {
            problems.push(format!(
                "{shared} contents are stored as more than one article"
            ));
        }
        if first > 0 {
            problems.push(format!(
                "{first} raw inputs don't name the input that brought them"
            ));
        }
        let (orphans, no_text): (i64, i64) = c.query_row(
            "SELECT (SELECT count(*) FROM inputs WHERE status != 'rejected' AND article NOT IN (SELECT id FROM articles)),
                    (SELECT count(*) FROM articles WHERE length(text) = 0 AND length(analysis) = 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} inputs point at missing articles"));
        }
        if no_text > 0 {
            problems.push(format!("{no_text} articles have neither text nor analysis"));
        }
        Ok(IntegrityReport { problems })
    }

    fn put_links(&mut self, links: &[Link]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO links(src, dst, relation, score, evidence) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(src, dst, relation) DO UPDATE SET score = excluded.score, evidence = excluded.evidence",
            )?;
            for l in links {
                let evidence = serde_json::to_string(&l.evidence)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                stmt.execute(params![l.from, l.to, l.relation, l.score, evidence])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn links_for(&self, id: &str) -> Result<Vec<Link>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT src, dst, relation, score, evidence FROM links WHERE src = ?1
             UNION SELECT src, dst, relation, score, evidence FROM links WHERE dst = ?1
             ORDER BY 1, 2, 3",
        )?;
        let rows = stmt.query_map([id], |r| {
            let ev: String = r.get(4)?;
            Ok(Link {
                from: r.get(0)?,
                to: r.get(1)?,
                relation: r.get(2)?,
                score: r.get(3)?,
                evidence: serde_json::from_str(&ev).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn put_story_assignments(
        &mut self,
        assignments: &[(String, String)],
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO story_assignments(article, story) VALUES (?1, ?2)
                 ON CONFLICT(article) DO UPDATE SET story = excluded.story",
            )?;
            for (article, story) in assignments {
                stmt.execute(params![article, story])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn stories(&self) -> Result<Vec<StoryRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT story, article FROM story_assignments ORDER BY story, article",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<StoryRow> = Vec::new();
        while let Some(r) = rows.next()? {
            let story: String = r.get(0)?;
            let article: String = r.get(1)?;
            match out.last_mut() {
                Some(s) if s.id == story => s.articles.push(article),
                _ => out.push(StoryRow {
                    id: story,
                    articles: vec![article],
                }),
            }
        }
        Ok(out)
    }

    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
        let rows = stmt.query_map(params![after, limit.min(i64::MAX as usize) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn cursor(&self, name: &str) -> Result<i64, StoreError> {
        let v: Option<i64> = self
            .conn
            .prepare_cached("SELECT value FROM corpus_cursors WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        Ok(v.unwrap_or(0))
    }

    fn set_cursor(&mut self, name: &str, value: i64) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO corpus_cursors(name, value) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
            )?
            .execute(params![name, value])?;
        Ok(())
    }

    fn put_index_keys(&mut self, entries: &[(String, Vec<i64>)]) -> Result<(), StoreError> {
        let entries: Vec<IndexEntry> = entries
            .iter()
            .map(|(article, keys)| IndexEntry {
                article: article.clone(),
                keys: keys.clone(),
                sketch: Vec::new(),
            })
            .collect();
        self.put_index_entries(&entries)
    }

    fn put_index_entries(&mut self, entries: &[IndexEntry]) -> Result<(), StoreError> {
        // Bring the mirror up to date first, so rows another process wrote
        // in between are read before ours land behind them.
        self.refresh_mem()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added: Vec<(i64, &IndexEntry, Vec<u32>)> = Vec::with_capacity(entries.len());
        {
            let mut seq_of = tx.prepare_cached("SELECT seq FROM articles WHERE id = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO corpus_keys(seq, article, keys, sketch) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for e in entries {
                let Some(seq) = seq_of
                    .query_row([&e.article], |r| r.get::<_, i64>(0))
                    .optional()?
                else {
                    continue;
                };
                let mut ks: Vec<u32> = e.keys.iter().map(|&k| key32(k)).collect();
                ks.sort_unstable();
                ks.dedup();
                let blob: Vec<u8> = ks.iter().flat_map(|k| k.to_le_bytes()).collect();
                if insert.execute(params![seq, e.article, blob, e.sketch])? > 0 {
                    added.push((seq, e, ks));
                }
            }
        }
        tx.commit()?;
        if let Some(m) = self.mem.get_mut().as_mut() {
            m.add(
                added
                    .iter()
                    .map(|(s, e, ks)| (*s, e.article.as_str(), &ks[..], &e.sketch[..])),
            );
        }
        Ok(())
    }

    fn index_lookup_sketched(
        &self,
        keys: &[i64],
        per_key_limit: usize,
    ) -> Result<Vec<IndexHit>, StoreError> {
        self.refresh_mem()?;
        let mem = self.mem.borrow();
        Ok(mem
            .as_ref()
            .map(|m| m.lookup(keys, per_key_limit))
            .unwrap_or_default()
            .into_iter()
            .map(|(article, shared, sketch)| IndexHit {
                article,
                shared,
                sketch,
            })
            .collect())
    }

    /// Served from the in-memory mirror, the queries in parallel.
    fn index_candidates(
        &self,
        queries: &[CandidateQuery],
        limits: &CandidateLimits,
    ) -> Result<Vec<Vec<IndexHit>>, StoreError> {
        use rayon::prelude::*;
        self.refresh_mem()?;
        let mem = self.mem.borrow();
        let Some(m) = mem.as_ref() else {
            return Ok(vec![Vec::new(); queries.len()]);
        };
        Ok(queries
            .par_iter()
            .map(|q| {
                m.candidates(
                    &q.strong,
                    &q.weak,
                    &q.article,
                    q.until,
                    limits.per_key,
                    limits.min_weak,
                    limits.max,
                )
                .into_iter()
                .map(|(id, shared, sketch)| IndexHit {
                    article: id.to_string(),
                    shared,
                    sketch: sketch.to_vec(),
                })
                .collect()
            })
            .collect())
    }

    fn index_lookup(
        &self,
        keys: &[i64],
        per_key_limit: usize,
    ) -> Result<Vec<(String, u32)>, StoreError> {
        Ok(self
            .index_lookup_sketched(keys, per_key_limit)?
            .into_iter()
            .map(|h| (h.article, h.shared))
            .collect())
    }

    fn sync_text_index(&mut self, limit: usize) -> Result<u64, StoreError> {
        self.sync_fts(limit)
    }

    fn article_content(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.article_parts(id, true)
    }

    fn article_text(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.article_parts(id, false)
    }

    fn contents_after(
        &self,
        after: i64,
        limit: usize,
        analysis: bool,
    ) -> Result<Vec<(i64, StoredArticle)>, StoreError> {
        self.parts_after(after, limit, analysis)
    }

    fn story_of(&self, article: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT story FROM story_assignments WHERE article = ?1")?
            .query_row([article], |r| r.get(0))
            .optional()?)
    }
}

/// The columns `parts_row` reads, with the analysis column (`analysis`)
/// or without it (`NULL`).
macro_rules! parts_columns {
    ($analysis:ident) => {
        concat!(
            "SELECT seq, id, content_hash, published_earliest, published_latest, text, entities, minhash, ",
            stringify!($analysis)
        )
    };
}

/// An article row as `article_parts` and `parts_after` select it:
/// `(position, article)`, with `analysis` (column 8) as the caller read it.
fn parts_row(
    r: &rusqlite::Row<'_>,
    analysis: Option<AnalysisColumn>,
) -> rusqlite::Result<(i64, StoredArticle)> {
    let names: String = r.get(6)?;
    Ok((
        r.get(0)?,
        StoredArticle {
            id: r.get(1)?,
            content_hash: r.get(2)?,
            title: None,
            outlet: None,
            published: dates(r.get(3)?, r.get(4)?),
            format: None,
            encoding: None,
            text: r.get(5)?,
            analysis_json: analysis.map(|a| a.0).unwrap_or_default(),
            entities: split_names(&names),
            minhash: r.get(7)?,
            sources: Vec::new(),
        },
    ))
}

/// SQLite page cache, KiB.
const CACHE_KIB: u32 = 64 << 10;

/// FTS5's in-memory buffer of pending postings, bytes (see `sync_fts`).
const FTS_HASHSIZE: i64 = 64 << 20;

impl SqliteStore {
    /// What the corpus stages read of an article in one row lookup: its
    /// hash, dates, text, entity names and signature, and its analysis
    /// when `analysis` (decompressing it is most of the cost otherwise);
    /// no sources.
    fn article_parts(&self, id: &str, analysis: bool) -> Result<Option<StoredArticle>, StoreError> {
        let sql = if analysis {
            concat!(parts_columns!(analysis), " FROM articles WHERE id = ?1")
        } else {
            concat!(parts_columns!(NULL), " FROM articles WHERE id = ?1")
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| {
                parts_row(r, r.get::<_, Option<AnalysisColumn>>(8)?)
            })
            .optional()?
            .map(|(_, a)| a))
    }

    /// [`Store::contents_after`]: the same columns as `article_parts`, in
    /// one range read by position.
    fn parts_after(
        &self,
        after: i64,
        limit: usize,
        analysis: bool,
    ) -> Result<Vec<(i64, StoredArticle)>, StoreError> {
        let sql = if analysis {
            concat!(
                parts_columns!(analysis),
                " FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2"
            )
        } else {
            concat!(
                parts_columns!(NULL),
                " FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2"
            )
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![after, limit.min(i64::MAX as usize) as i64], |r| {
            parts_row(r, r.get::<_, Option<AnalysisColumn>>(8)?)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds the articles the full-text index doesn't cover yet, at most
    /// `limit` (oldest first), in one transaction; returns how many. A
    /// no-op (one indexed read) when the index is current.
    ///
    /// Ingest stores articles without indexing their text (see migration
    /// 3); [`Store::search`] calls this first, and ingest calls it every
    /// few thousand articles and at the end, so indexing happens in bulk.
    pub fn sync_fts(&self, limit: usize) -> Result<u64, StoreError> {
        let c = &self.conn;
        let behind = |c: &Connection| -> Result<(i64, i64), StoreError> {
            Ok(c.query_row(
                "SELECT (SELECT indexed_through FROM fts_state WHERE id = 1), (SELECT coalesce(max(seq), 0) FROM articles)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        };
        let (through, max) = behind(c)?;
        if through >= max {
            return Ok(0);
        }
        // Under the write lock, look again: another process may have
        // indexed them meanwhile.
        c.execute_batch("BEGIN IMMEDIATE")?;
        let res = (|| -> Result<u64, StoreError> {
            let (through, max) = behind(c)?;
            if through >= max {
                return Ok(0);
            }
            let upto: i64 = c.query_row(
                "SELECT coalesce(max(seq), ?1) FROM (SELECT seq FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2)",
                params![through, limit.min(i64::MAX as usize) as i64],
                |r| r.get(0),
            )?;
            // FTS5 buffers postings in memory up to `hashsize` (1 MB by
            // default) and writes a segment each time: a bulk update of
            // 20,000 articles made ~30 small segments, merged again and
            // again. 64 MB makes one: the 100k ingest took 11% less time.
            c.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?1)",
                [FTS_HASHSIZE],
            )?;
            let n = c.execute(
                "INSERT INTO articles_fts(rowid, title, text, filter_keys) SELECT seq, title, text, filter_keys FROM articles WHERE seq > ?1 AND seq <= ?2",
                params![through, upto],
            )?;
            c.execute(
                "UPDATE fts_state SET indexed_through = ?1 WHERE id = 1",
                [upto],
            )?;
            Ok(n as u64)
        })();
        match res {
            Ok(n) => {
                c.execute_batch("COMMIT")?;
                Ok(n)
            }
            Err(e) => {
                let _ = c.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Loads the in-memory index on first use, and afterwards reads the
    /// rows other connections added (`PRAGMA data_version` tells when
    /// there are any, at the cost of one pragma).
    fn refresh_mem(&self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let mut guard = self.mem.borrow_mut();
        if let Some(m) = guard.as_ref() {
            if m.data_version == version {
                return Ok(());
            }
        } else {
            self.migrate_legacy_index()?;
        }
        let m = guard.get_or_insert_with(MemIndex::default);
        let mut stmt = self.conn.prepare_cached(
            "SELECT pos, seq, article, keys, sketch FROM corpus_keys WHERE pos > ?1 ORDER BY pos",
        )?;
        let mut rows = stmt.query([m.max_pos])?;
        // Read in chunks so a million-row first load doesn't hold every
        // row's id and key list twice.
        let mut chunk: Vec<(i64, String, Vec<u32>, Vec<u8>)> = Vec::new();
        let mut max_pos = m.max_pos;
        loop {
            let row = rows.next()?;
            let done = row.is_none();
            if let Some(r) = row {
                max_pos = r.get(0)?;
                let blob: Vec<u8> = r.get(3)?;
                let keys = blob
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                let sketch: Option<Vec<u8>> = r.get(4)?;
                chunk.push((r.get(1)?, r.get(2)?, keys, sketch.unwrap_or_default()));
            }
            if done || chunk.len() >= 65_536 {
                m.add(
                    chunk
                        .iter()
                        .map(|(s, id, ks, sk)| (*s, id.as_str(), &ks[..], &sk[..])),
                );
                chunk.clear();
            }
            if done {
                break;
            }
        }
        m.max_pos = max_pos;
        m.data_version = version;
        Ok(())
    }

    /// Stores written before `corpus_keys` kept one `corpus_index` row per
    /// (key, article): converts them once, then drops the old table.
    fn migrate_legacy_index(&self) -> Result<(), StoreError> {
        let legacy: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'corpus_index'",
            [],
            |r| r.get(0),
        )?;
        if legacy == 0 {
            return Ok(());
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let res = (|| -> Result<(), StoreError> {
            // Checked again under the write lock: another process may have
            // converted it meanwhile.
            let still: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'corpus_index'",
                [],
                |r| r.get(0),
            )?;
            if still == 0 {
                return Ok(());
            }
            let mut by_seq: std::collections::BTreeMap<i64, (String, Vec<u32>)> =
                Default::default();
            {
                let mut stmt = self
                    .conn
                    .prepare("SELECT key, seq, article FROM corpus_index")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let e = by_seq
                        .entry(r.get(1)?)
                        .or_insert_with(|| (String::new(), Vec::new()));
                    e.0 = r.get(2)?;
                    e.1.push(key32(r.get(0)?));
                }
            }
            let mut insert = self.conn.prepare(
                "INSERT OR IGNORE INTO corpus_keys(seq, article, keys) VALUES (?1, ?2, ?3)",
            )?;
            for (seq, (article, mut ks)) in by_seq {
                ks.sort_unstable();
                ks.dedup();
                let blob: Vec<u8> = ks.iter().flat_map(|k| k.to_le_bytes()).collect();
                insert.execute(params![seq, article, blob])?;
            }
            self.conn.execute_batch("DROP TABLE corpus_index")?;
            Ok(())
        })();
        match res {
            Ok(()) => self.conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        Ok(())
    }
}

fn versions(c: &Connection) -> Result<(i64, i64), StoreError> {
    let app: i64 = c.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app, version))
}

fn check_versions(c: &Connection, app: i64, version: i64) -> Result<(), StoreError> {
    if app != 0 && app != APPLICATION_ID {
        return Err(StoreError::NotAStore(format!("application id {app:#x}")));
    }
    if app == 0 {
        let tables: i64 = c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(StoreError::NotAStore(
                "the database already has tables of another program".into(),
            ));
        }
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// What the store holds for a content hash: the article with it, or the
/// id a new article with it gets.
enum ContentId {
    Stored(String),
    Free(String),
}

/// Finds the article with this content through the id index, in one
/// range read: ids are prefixes of the content hash's hex (`id_hex`) of
/// at least [`ID_LEN`] characters, so every id this content could have,
/// or that stands in its way, starts with its first `ID_LEN` (almost
/// always none or one). A new article gets the shortest free prefix
/// (12, 16, 20 … hex chars): the same content gets the same id in any
/// ingest order unless two contents collide on 12 characters.
fn content_id(tx: &Transaction<'_>, content_hash: &str) -> Result<ContentId, StoreError> {
    let hex = id_hex(content_hash);
    let prefix = &hex[..ID_LEN.min(hex.len())];
    let mut taken = BTreeSet::new();
    // Ids are hex digits, then maybe `-` and a number: all sort before `~`.
    let mut stmt = tx.prepare_cached(
        "SELECT id, content_hash FROM articles WHERE id >= ?1 AND id < ?1 || '~'",
    )?;
    let mut rows = stmt.query([prefix])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        if r.get_ref(1)?.as_str().ok() == Some(content_hash) {
            return Ok(ContentId::Stored(id));
        }
        taken.insert(id);
    }
    let mut len = prefix.len();
    loop {
        let candidate = &hex[..len];
        if !taken.contains(candidate) {
            return Ok(ContentId::Free(candidate.to_string()));
        }
        if len == hex.len() {
            break;
        }
        len = (len + 4).min(hex.len());
    }
    // Unreachable in practice (same full hash means same content hash).
    (2u64..)
        .map(|n| format!("{hex}-{n}"))
        .find(|c| !taken.contains(c))
        .map(ContentId::Free)
        .ok_or_else(|| StoreError::Corrupt(format!("no free id for content {content_hash}")))
}

/// Inserts an article; `analysis` is its packed (zstd) analysis JSON.
fn insert_article(
    tx: &Transaction<'_>,
    id: &str,
    input: i64,
    a: &NewArticle,
    analysis: &[u8],
) -> Result<(), StoreError> {
    let (pe, pl) = match a.published {
        Some((e, l)) => (Some(e.min(l).to_string()), Some(e.max(l).to_string())),
        None => (None, None),
    };
    let folded: BTreeSet<String> = a
        .entities
        .iter()
        .map(|e| fold_name(e))
        .filter(|e| !e.is_empty() && !e.contains('\n'))
        .collect();
    let outlet_folded = a.outlet.as_deref().map(fold_outlet);
    let entities = folded
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let filter_keys = outlet_folded
        .iter()
        .map(|o| outlet_key(o))
        .chain(folded.iter().map(|e| entity_key(e)))
        .collect::<Vec<_>>()
        .join(" ");
    tx.prepare_cached(
        "INSERT INTO articles(id, input, content_hash, title, outlet, outlet_folded, published_earliest, published_latest, text, analysis, minhash, entities, filter_keys)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id,
        input,
        a.content_hash,
        a.title,
        a.outlet,
        outlet_folded,
        pe,
        pl,
        a.text,
        analysis,
        a.minhash,
        entities,
        filter_keys
    ])?;
    Ok(())
}

/// The stored `entities` column (folded names, one per line) as a list.
fn split_names(names: &str) -> Vec<String> {
    names
        .split('\n')
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Full-text token of a folded entity name (see schema migration 5).
fn entity_key(folded: &str) -> String {
    format!("e{}", crate::hex(folded.as_bytes()))
}

/// Full-text token of a folded outlet name (see schema migration 5).
fn outlet_key(folded: &str) -> String {
    format!("o{}", crate::hex(folded.as_bytes()))
}

/// The entity and outlet conditions of a filter as a full-text
/// expression over the filter tokens (`None` when it has neither).
fn filter_match(f: &Filter) -> Option<String> {
    let mut terms = Vec::new();
    if let Some(o) = &f.outlet {
        terms.push(format!("filter_keys : \"{}\"", outlet_key(&fold_outlet(o))));
    }
    if let Some(e) = &f.entity {
        terms.push(format!("filter_keys : \"{}\"", entity_key(&fold_name(e))));
    }
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// SQL conditions (each starting with ` AND `) over alias `a`, and their
/// arguments in order: the date window, and — unless `in_match` (the
/// caller puts [`filter_match`] in its own full-text query) — the outlet
/// and entity through the full-text index.
fn filter_sql(f: &Filter, in_match: bool) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    if !in_match {
        if let Some(m) = filter_match(f) {
            sql.push_str(
                " AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            );
            args.push(Value::Text(m));
        }
    }
    if let Some(d) = f.since {
        sql.push_str(" AND a.published_latest >= ?");
        args.push(Value::Text(d.to_string()));
    }
    if let Some(d) = f.until {
        sql.push_str(" AND a.published_earliest <= ?");
        args.push(Value::Text(d.to_string()));
    }
    (sql, args)
}

fn dates(e: Option<String>, l: Option<String>) -> Option<(NaiveDate, NaiveDate)> {
    let e: NaiveDate = e?.parse().ok()?;
    let l: NaiveDate = l?.parse().ok()?;
    Some((e, l))
}

fn format_str(f: InputFormat) -> &'static str {
    match f {
        InputFormat::Text => "text",
        InputFormat::Html => "html",
    }
}

fn parse_format(s: &str) -> Option<InputFormat> {
    match s {
        "text" => Some(InputFormat::Text),
        "html" => Some(InputFormat::Html),
        _ => None,
    }
}

#[cfg(test)]
mod corpus_method_tests {
    use super::*;
    use crate::content_hash;

    fn article(store: &mut SqliteStore, text: &str) -> String {
        let rec = NewRecord {
            packed: None,
            locator: format!("{text}.txt"),
            raw: text.as_bytes().to_vec(),
            format: None,
            encoding: None,
            body: RecordBody::Article(NewArticle {
                content_hash: content_hash(text),
                text: text.into(),
                analysis_json: "{}".into(),
                ..NewArticle::default()
            }),
        };
        match &store.put_batch(&[rec]).unwrap().outcomes[0] {
            Outcome::Inserted { id } => id.clone(),
            o => panic!("{o:?}"),
        }
    }

    /// Stores written before schema 4 hold zlib raw inputs and plain-JSON
    /// analyses; both must still read back.
    #[test]
    fn rows_from_before_packing_still_read() {
        use flate2::write::ZlibEncoder;
        use std::io::Write;
        let mut s = SqliteStore::open_in_memory().unwrap();
        let id = article(&mut s, "packed article");
        let raw = b"<p>an old page</p>".to_vec();
        let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        z.write_all(&raw).unwrap();
        let h = raw_hash(&raw);
        s.conn
            .execute(
                "INSERT INTO raw_blobs(hash, size, compression, data) VALUES (?1, ?2, 'zlib', ?3)",
                params![h, raw.len() as i64, z.finish().unwrap()],
            )
            .unwrap();
        assert_eq!(s.raw(&h).unwrap(), Some(raw));
        // New rows are packed: the analysis is a zstd BLOB.
        let kind: String = s
            .conn
            .query_row(
                "SELECT typeof(analysis) FROM articles WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kind, "blob");
        // (The full-text update trigger expects the row indexed.)
        s.sync_fts(usize::MAX).unwrap();
        s.conn
            .execute(
                "UPDATE articles SET analysis = '{\"removed\":[]}' WHERE id = ?1",
                [&id],
            )
            .unwrap();
        let a = s.get_article(&id).unwrap().unwrap();
        assert_eq!(a.analysis_json, "{\"removed\":[]}");
        assert_eq!(
            s.article_content(&id).unwrap().unwrap().text,
            "packed article"
        );
    }

    /// A store of schema 4 (entities in their own table, the full-text
    /// index without filter tokens) opens as schema 5 with every
    /// article's entities moved into its row and findable by filter.
    #[test]
    fn schema_4_store_migrates_to_entity_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        {
            let c = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..4] {
                c.execute_batch(m).unwrap();
            }
            c.execute_batch(&format!(
                "PRAGMA user_version = 4; PRAGMA application_id = {APPLICATION_ID};
                 INSERT INTO articles(id, content_hash, title, outlet, outlet_folded, text, analysis)
                 VALUES ('a1', 'h1', 'Harbour bridge opens', 'Velmora Post', 'velmora post',
                         'Mayor Ada Quill opened the harbour bridge.', '{{}}');
                 INSERT INTO articles(id, content_hash, title, text, analysis)
                 VALUES ('a2', 'h2', 'Council meets', 'The council met on Monday.', '{{}}');
"
            ))
            .unwrap();
            // Stored folded, as `insert_article` always did.
            for (e, a) in [("Ada Quill", "a1"), ("Velmora", "a1"), ("Velmora", "a2")] {
                c.execute(
                    "INSERT INTO article_entities(entity, article) VALUES (?1, ?2)",
                    params![fold_name(e), a],
                )
                .unwrap();
            }
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.stats().unwrap().schema_version, SCHEMA_VERSION);
        let a1 = s.get_article("a1").unwrap().unwrap();
        assert_eq!(
            a1.entities,
            vec![fold_name("Ada Quill"), fold_name("Velmora")]
        );
        assert_eq!(
            s.article_text("a2").unwrap().unwrap().entities,
            vec![fold_name("Velmora")]
        );
        let by_entity = |e: &str| -> Vec<String> {
            let f = Filter {
                entity: Some(e.into()),
                ..Filter::default()
            };
            s.list_articles(&f, None, 10)
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect()
        };
        assert_eq!(by_entity("Velmora"), vec!["a1", "a2"]);
        assert_eq!(by_entity("Ada Quill"), vec!["a1"]);
        assert!(by_entity("Quill").is_empty());
        let hits = s
            .search(
                "harbour",
                &Filter {
                    outlet: Some("VELMORA POST".into()),
                    entity: Some("ada quill".into()),
                    ..Filter::default()
                },
                10,
            )
            .unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        // (The hand-made rows have no inputs; the index must be sound.)
        let problems = s.integrity_check().unwrap().problems;
        assert!(
            problems.iter().all(|p| p.contains("inserting input")),
            "{problems:?}"
        );
    }

    /// A store of schema 5 (hash-keyed indexes on `inputs`, a UNIQUE
    /// content hash) opens as schema 6 with its rows, sources and raw
    /// inputs intact, and later records find what it held: the same raw
    /// bytes under a new name, the same content from other bytes.
    #[test]
    fn schema_5_store_migrates_to_fewer_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        let raw1 = b"Mayor Ada Quill opened the harbour bridge.".to_vec();
        let raw2 = b"<p>Mayor Ada Quill opened the harbour bridge.</p>".to_vec();
        let raw3 = b"\x00\x01 not an article".to_vec();
        let text = "Mayor Ada Quill opened the harbour bridge.";
        let ch = content_hash(text);
        let id = ch[..ID_LEN].to_string();
        {
            let c = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..5] {
                c.execute_batch(m).unwrap();
            }
            c.execute_batch(&format!(
                "PRAGMA user_version = 5; PRAGMA application_id = {APPLICATION_ID};"
            ))
            .unwrap();
            for raw in [&raw1, &raw2, &raw3] {
                c.execute(
                    "INSERT INTO raw_blobs(hash, size, compression, data) VALUES (?1, ?2, 'zstd', ?3)",
                    params![raw_hash(raw), raw.len() as i64, crate::pack::compress(raw, 3).unwrap()],
                )
                .unwrap();
            }
            c.execute(
                "INSERT INTO articles(id, content_hash, title, text, analysis, entities, filter_keys)
                 VALUES (?1, ?2, 'Harbour bridge opens', ?3, '{}', 'ada quill', '')",
                params![id, ch, text],
            )
            .unwrap();
            let input = |loc: &str,
                         raw: &[u8],
                         status: &str,
                         article: Option<&str>,
                         reason: Option<&str>| {
                c.execute(
                    "INSERT INTO inputs(locator, raw_hash, status, article, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![loc, raw_hash(raw), status, article, reason],
                )
                .unwrap();
            };
            input("a.txt", &raw1, "inserted", Some(&id), None);
            input("b.html", &raw2, "duplicate", Some(&id), None);
            input("c.bin", &raw3, "rejected", None, Some("binary input"));
            input("a-again.txt", &raw1, "duplicate", Some(&id), None);
        }
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.stats().unwrap().schema_version, SCHEMA_VERSION);
        assert!(s.integrity_check().unwrap().problems.is_empty());
        let a = s.get_article(&id).unwrap().unwrap();
        let locators: Vec<(&str, bool)> = a
            .sources
            .iter()
            .map(|x| (x.locator.as_str(), x.first))
            .collect();
        assert_eq!(
            locators,
            vec![("a.txt", true), ("b.html", false), ("a-again.txt", false)]
        );
        let listed = s.list_articles(&Filter::default(), None, 10).unwrap();
        assert_eq!(listed[0].locator, "a.txt");
        assert_eq!(s.raw(&raw_hash(&raw3)).unwrap(), Some(raw3.clone()));
        assert_eq!(
            s.search("harbour", &Filter::default(), 10).unwrap().len(),
            1
        );
        // After the migration: known raw bytes under new names, and the
        // same content from new bytes.
        let again = |locator: &str, raw: &[u8]| NewRecord {
            packed: None,
            locator: locator.into(),
            raw: raw.to_vec(),
            format: None,
            encoding: None,
            body: RecordBody::SameRawAsBefore,
        };
        let same_content = NewRecord {
            packed: None,
            locator: "d.txt".into(),
            raw: b"Mayor Ada Quill opened the harbour bridge.\n".to_vec(),
            format: None,
            encoding: None,
            body: RecordBody::Article(NewArticle {
                content_hash: ch.clone(),
                text: text.into(),
                analysis_json: "{}".into(),
                ..NewArticle::default()
            }),
        };
        let out = s
            .put_batch(&[again("e.html", &raw2), again("f.bin", &raw3), same_content])
            .unwrap()
            .outcomes;
        assert_eq!(
            out,
            vec![
                Outcome::Duplicate {
                    existing: id.clone()
                },
                Outcome::Rejected {
                    reason: "binary input".into()
                },
                Outcome::Duplicate {
                    existing: id.clone()
                },
            ]
        );
        assert_eq!(s.get_article(&id).unwrap().unwrap().sources.len(), 5);
        assert!(s.integrity_check().unwrap().problems.is_empty());
    }

    /// Two contents whose hashes share their first 12 hex characters:
    /// the second gets a longer id, and each is found again by content.
    #[test]
    fn ids_lengthen_on_a_shared_prefix() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let rec = |locator: &str, hash: &str| NewRecord {
            packed: None,
            locator: locator.into(),
            raw: locator.as_bytes().to_vec(),
            format: None,
            encoding: None,
            body: RecordBody::Article(NewArticle {
                content_hash: hash.into(),
                text: format!("text of {locator}"),
                analysis_json: "{}".into(),
                ..NewArticle::default()
            }),
        };
        let (h1, h2) = ("abcdef012345111122223333", "abcdef012345999988887777");
        let out = s
            .put_batch(&[rec("a", h1), rec("b", h2), rec("c", h1), rec("d", h2)])
            .unwrap()
            .outcomes;
        assert_eq!(
            out,
            vec![
                Outcome::Inserted {
                    id: "abcdef012345".into()
                },
                Outcome::Inserted {
                    id: "abcdef0123459999".into()
                },
                Outcome::Duplicate {
                    existing: "abcdef012345".into()
                },
                Outcome::Duplicate {
                    existing: "abcdef0123459999".into()
                },
            ]
        );
        assert!(s.integrity_check().unwrap().problems.is_empty());
    }

    #[test]
    fn cursors_index_and_story_of() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let a = article(&mut s, "first article");
        let b = article(&mut s, "second article");
        let all = s.articles_after(0, 10).unwrap();
        assert_eq!(
            all.iter().map(|x| x.1.clone()).collect::<Vec<_>>(),
            vec![a.clone(), b.clone()]
        );
        assert_eq!(s.articles_after(all[0].0, 10).unwrap().len(), 1);
        assert_eq!(s.cursor("links").unwrap(), 0);
        s.set_cursor("links", 5).unwrap();
        s.set_cursor("links", 3).unwrap(); // never backwards
        assert_eq!(s.cursor("links").unwrap(), 5);
        s.put_index_keys(&[
            (a.clone(), vec![1, 2, 3]),
            (b.clone(), vec![2, 3]),
            ("unknown".into(), vec![2]),
        ])
        .unwrap();
        s.put_index_keys(&[(a.clone(), vec![1])]).unwrap(); // idempotent
        assert_eq!(
            s.index_lookup(&[2, 3, 1], 10).unwrap(),
            vec![(a.clone(), 3), (b.clone(), 2)]
        );
        // Per-key limit reads the most recent first.
        assert_eq!(s.index_lookup(&[2], 1).unwrap(), vec![(b.clone(), 1)]);
        assert_eq!(s.story_of(&a).unwrap(), None);
        s.put_story_assignments(&[(a.clone(), "s-1".into())])
            .unwrap();
        assert_eq!(s.story_of(&a).unwrap().as_deref(), Some("s-1"));
        assert!(s.integrity_check().unwrap().ok());
    }

    #[test]
    fn contents_after_reads_what_lookups_read() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let ids: Vec<String> = ["one", "two", "three"]
            .iter()
            .map(|t| article(&mut s, &format!("the {t} article")))
            .collect();
        let all = s.articles_after(0, 10).unwrap();
        for analysis in [true, false] {
            let got = s.contents_after(all[0].0, 10, analysis).unwrap();
            assert_eq!(got.len(), 2);
            for ((seq, a), (want_seq, id)) in got.iter().zip(&all[1..]) {
                let one = if analysis {
                    s.article_content(id)
                } else {
                    s.article_text(id)
                }
                .unwrap()
                .unwrap();
                assert_eq!((seq, &a.id), (want_seq, id));
                assert_eq!(
                    (
                        &a.text,
                        &a.analysis_json,
                        &a.entities,
                        &a.minhash,
                        a.published
                    ),
                    (
                        &one.text,
                        &one.analysis_json,
                        &one.entities,
                        &one.minhash,
                        one.published
                    )
                );
                assert_eq!(a.analysis_json.is_empty(), !analysis);
            }
        }
        assert_eq!(s.contents_after(0, 1, true).unwrap()[0].1.id, ids[0]);
        assert!(s.contents_after(all[2].0, 10, true).unwrap().is_empty());
    }
}
