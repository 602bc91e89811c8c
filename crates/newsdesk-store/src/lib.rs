//! # newsdesk-store — the persistent corpus store
//!
//! Everything `newsdesk ingest` keeps between runs: the raw input of every
//! record (compressed, so articles can be re-analysed when the analysis
//! improves), the cleaned text and analysis beside it, the rejection log,
//! a full-text index, and the corpus-level results later stages compute
//! (copy/lineage links, story assignments).
//!
//! The store sits behind one narrow, object-safe trait, [`Store`]. The
//! embedded SQLite backend is [`SqliteStore`]; a PostgreSQL backend for
//! multi-machine deployments should only need a second implementation of
//! the same trait (the SQL is deliberately plain: no SQLite-only features
//! except FTS5, which maps to `tsvector`).
//!
//! ## Guarantees (SQLite backend)
//! - **Idempotent.** An article is keyed by the *content hash* the caller
//!   supplies (see [`content_hash`]): the same article ingested twice, from
//!   the same or another source, is stored once; the second input is
//!   recorded as a duplicate pointing at the first. An input record is
//!   keyed by `(locator, raw hash)`: re-ingesting the exact same record is
//!   a no-op ([`Outcome::AlreadySeen`]).
//! - **Nothing lost.** Every input record ends up as an `inputs` row with
//!   status inserted, duplicate or rejected (with its reason), so
//!   `inputs_seen == articles_inserted + duplicates + rejected`.
//! - **Crash-safe.** One transaction per batch, WAL journal: after
//!   `kill -9` the store opens, passes [`Store::integrity_check`], holds
//!   each article whole or not at all, and a rerun reaches the same final
//!   state. That holds with `synchronous=NORMAL` too (what `newsdesk
//!   ingest` uses, for throughput): NORMAL only skips the fsync at each
//!   commit, so a *power loss or OS crash* may roll back the last few
//!   batches — still consistent, and restored by rerunning the ingest.
//!   [`OpenOptions::default`] stays `FULL` for library callers.
//! - **Bulk full-text indexing.** Stored articles enter the FTS5 index in
//!   bulk ([`SqliteStore::sync_fts`]: every few thousand articles during
//!   ingest, at its end, and before any search), which costs a fraction
//!   of indexing row by row. A search always sees every stored article.
//!   Entity and outlet filters are tokens of the same index, so a
//!   filtered search intersects posting lists, and storing an article
//!   touches no per-entity B-tree.
//! - **Packed records.** Raw inputs and analyses are stored
//!   zstd-compressed; [`NewRecord::pack`] does that (and the hashing) on
//!   the caller's threads, so the single writer only inserts.
//! - **Similarity index in memory.** [`Store::index_lookup`] is served
//!   from a compact in-memory mirror of the index table, loaded on first
//!   use and kept current with other processes' writes.
//! - **Concurrent writers.** Each batch takes the write lock up front
//!   (`BEGIN IMMEDIATE`) and waits for it (busy timeout), so two ingest
//!   processes on one store both finish and nothing is duplicated.
//!
//! ```
//! use newsdesk_store::{content_hash, NewArticle, NewRecord, RecordBody, SqliteStore, Store};
//! let mut store = SqliteStore::open_in_memory().unwrap();
//! let text = "Mayor Ada Quill opened the new bridge on Monday.";
//! let rec = NewRecord {
//!     packed: None,
//!     locator: "inbox/bridge.txt".into(),
//!     raw: text.as_bytes().to_vec(),
//!     format: None,
//!     encoding: Some("utf-8".into()),
//!     body: RecordBody::Article(NewArticle {
//!         content_hash: content_hash(text),
//!         text: text.into(),
//!         analysis_json: "{}".into(),
//!         ..NewArticle::default()
//!     }),
//! };
//! let out = store.put_batch(&[rec.clone(), rec]).unwrap();
//! assert_eq!(store.stats().unwrap().articles, 1);
//! assert_eq!(out.inserted(), 1);
//! ```

mod memindex;
mod pack;
mod query;
mod schema;
mod sqlite;

pub use pack::Packed;
pub use query::fts_query;
pub use sqlite::{OpenOptions, SqliteStore, Synchronous, RANK_WINDOW};

use chrono::NaiveDate;
use newsdesk_core::{Analysis, InputFormat, Removal, Repair};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Errors from a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database engine failed (I/O, lock timeout, corruption…). Boxed
    /// so the trait names no backend's error type.
    #[error("database error: {0}")]
    Db(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// The store was written by a newer newsdesk; refuse rather than guess.
    #[error("store schema version {found} is newer than this newsdesk supports ({supported}); upgrade newsdesk")]
    TooNew {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The file is a database, but not a newsdesk store.
    #[error("not a newsdesk store: {0}")]
    NotAStore(String),
    /// Stored data could not be decoded (compressed raw input, JSON).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// A search query that cannot be turned into a full-text query.
    #[error("bad search query: {0}")]
    BadQuery(String),
    /// A record the caller built wrongly (e.g. an empty content hash).
    #[error("invalid record {locator}: {reason}")]
    InvalidRecord {
        /// The record's locator.
        locator: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The backend does not implement this (optional) operation.
    #[error("not supported by this store: {0}")]
    Unsupported(&'static str),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(Box::new(e))
    }
}

/// One input record handed to [`Store::put_batch`].
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    /// Where the record came from: a path, a URL, or `file.warc.gz#offset`.
    pub locator: String,
    /// The raw bytes as read (stored compressed, deduplicated by hash).
    pub raw: Vec<u8>,
    /// How the input was recognised, when it got that far.
    pub format: Option<InputFormat>,
    /// Encoding it was decoded from, when it got that far.
    pub encoding: Option<String>,
    /// What became of it.
    pub body: RecordBody,
    /// Its stored form, when the caller computed it ahead
    /// ([`NewRecord::pack`]); `None` and the store computes it.
    pub packed: Option<Packed>,
}

/// What an input record turned into.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordBody {
    /// An analysed article.
    Article(NewArticle),
    /// Not an article; the reason goes to the rejection log.
    Rejected {
        /// Why ("empty after cleaning", "binary content", …).
        reason: String,
    },
    /// The caller skipped all work because [`Store::seen_raw`] said these
    /// raw bytes are already stored (under another locator, typically).
    /// The store records this locator with whatever the same raw bytes
    /// became before: a duplicate of that article, or the same rejection.
    SameRawAsBefore,
}

/// An analysed article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewArticle {
    /// **The idempotency key.** A hash of the *normalised cleaned text*;
    /// use [`content_hash`] so every ingester normalises the same way. Two
    /// records with equal content hashes are one article. Lower-case hex
    /// is expected (the article id is its first 12 characters); any other
    /// string is hashed again to get hex.
    pub content_hash: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Outlet name or domain, if known.
    pub outlet: Option<String>,
    /// Publication date window `(earliest, latest)`, if known.
    pub published: Option<(NaiveDate, NaiveDate)>,
    /// The cleaned text (what all spans of the analysis index).
    pub text: String,
    /// The analysis as JSON; by convention an [`AnalysisDoc`].
    pub analysis_json: String,
    /// Entity names mentioned (any spelling; folded for the entity filter).
    pub entities: Vec<String>,
    /// MinHash signature bytes, for duplicate detection across runs.
    pub minhash: Option<Vec<u8>>,
}

/// The conventional content of [`NewArticle::analysis_json`]: the
/// analysis plus what cleaning removed and repaired, so a reader can show
/// every decision without re-running the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalysisDoc {
    /// The analyse stage's result.
    pub analysis: Analysis,
    /// What cleaning removed, and why.
    pub removed: Vec<Removal>,
    /// What cleaning repaired.
    pub repairs: Vec<Repair>,
}

/// What became of one record of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A new article was stored under this id.
    Inserted {
        /// The new article's id.
        id: String,
    },
    /// The content was already stored; this input is recorded as a
    /// duplicate of that article.
    Duplicate {
        /// The article it duplicates.
        existing: String,
    },
    /// Stored in the rejection log.
    Rejected {
        /// Why.
        reason: String,
    },
    /// This exact record (same locator, same raw bytes) was stored by an
    /// earlier batch, maybe by another process; nothing changed.
    AlreadySeen {
        /// The article it resolved to then, if any.
        article: Option<String>,
    },
}

/// Per-record outcomes of one batch, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// One outcome per input record.
    pub outcomes: Vec<Outcome>,
}

impl BatchOutcome {
    /// How many records became new articles.
    pub fn inserted(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Inserted { .. }))
            .count()
    }
    /// How many were duplicates of stored articles.
    pub fn duplicates(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Duplicate { .. }))
            .count()
    }
    /// How many were rejected.
    pub fn rejected(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Rejected { .. }))
            .count()
    }
    /// How many had been stored before.
    pub fn already_seen(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::AlreadySeen { .. }))
            .count()
    }
}

/// One input that produced (or duplicated) a stored article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Where it came from.
    pub locator: String,
    /// Hash of its raw bytes (see [`raw_hash`]; key for [`Store::raw`]).
    pub raw_hash: String,
    /// True for the input that first created the article.
    pub first: bool,
}

/// A stored article, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Stable id (prefix of the content hash).
    pub id: String,
    /// The idempotency key it was stored under.
    pub content_hash: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication window.
    pub published: Option<(NaiveDate, NaiveDate)>,
    /// Input format of the first source.
    pub format: Option<InputFormat>,
    /// Encoding of the first source.
    pub encoding: Option<String>,
    /// Cleaned text.
    pub text: String,
    /// Analysis JSON as stored.
    pub analysis_json: String,
    /// Folded entity names.
    pub entities: Vec<String>,
    /// MinHash signature bytes.
    pub minhash: Option<Vec<u8>>,
    /// Every input that produced it, first source first.
    pub sources: Vec<Source>,
}

impl StoredArticle {
    /// Parses [`Self::analysis_json`] as an [`AnalysisDoc`].
    pub fn analysis_doc(&self) -> Result<AnalysisDoc, StoreError> {
        serde_json::from_str(&self.analysis_json)
            .map_err(|e| StoreError::Corrupt(format!("analysis of {}: {e}", self.id)))
    }
}

/// A line of an article listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication window.
    pub published: Option<(NaiveDate, NaiveDate)>,
    /// Locator of the first source.
    pub locator: String,
}

/// Filters for listing and search. Empty fields don't filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Outlet name, compared case-insensitively.
    pub outlet: Option<String>,
    /// Keep articles whose publication window ends on or after this day.
    pub since: Option<NaiveDate>,
    /// Keep articles whose publication window starts on or before this day.
    pub until: Option<NaiveDate>,
    /// Keep articles mentioning this entity (any spelling that folds the
    /// same way: see `newsdesk_crosscheck::fold_name`).
    pub entity: Option<String>,
}

/// A search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Relevance, higher is better (negated BM25; title weighted ×10).
    pub score: f64,
    /// Title.
    pub title: Option<String>,
    /// Text around the matches, matched terms in `[` `]`.
    pub snippet: String,
}

/// A rejection log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// Position in the log (cursor for paging).
    pub seq: i64,
    /// Where the input came from.
    pub locator: String,
    /// Hash of its raw bytes (the raw input is kept: see [`Store::raw`]).
    pub raw_hash: String,
    /// Why it was rejected.
    pub reason: String,
}

/// A corpus-level link between two articles (copy, rewrite, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The later article (the copy).
    pub from: String,
    /// The article it links to (the likely origin).
    pub to: String,
    /// `exact`, `near_duplicate`, `copy`, `rewrite`, …
    pub relation: String,
    /// Similarity score 0..1.
    pub score: f64,
    /// Why, in words.
    pub evidence: Vec<String>,
}

/// A story and its member articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRow {
    /// Stable story id (assigned by the caller).
    pub id: String,
    /// Member article ids, sorted.
    pub articles: Vec<String>,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Distinct input records seen (`locator`, raw bytes).
    pub inputs_seen: u64,
    /// Stored articles (= inputs that inserted one).
    pub articles: u64,
    /// Inputs that duplicated a stored article.
    pub duplicates: u64,
    /// Inputs in the rejection log.
    pub rejected: u64,
    /// Distinct raw inputs kept.
    pub raw_blobs: u64,
    /// Their total size, uncompressed.
    pub raw_bytes: u64,
    /// Their total size as stored (compressed).
    pub raw_stored_bytes: u64,
    /// Stored links.
    pub links: u64,
    /// Distinct stories.
    pub stories: u64,
    /// Schema version of the store.
    pub schema_version: i64,
}

/// An article's entry in the similarity index (see
/// [`Store::put_index_entries`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexEntry {
    /// Article id.
    pub article: String,
    /// Index keys (LSH band hashes, entity hashes …).
    pub keys: Vec<i64>,
    /// Opaque bytes for pre-filtering candidates.
    pub sketch: Vec<u8>,
}

/// An index lookup result (see [`Store::index_lookup_sketched`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexHit {
    /// Article id.
    pub article: String,
    /// How many of the looked-up keys it shares.
    pub shared: u32,
    /// Its sketch, as stored (empty when none).
    pub sketch: Vec<u8>,
}

/// One article's query for [`Store::index_candidates`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateQuery {
    /// The querying article's id: never among its own candidates.
    pub article: String,
    /// Strong keys: sharing any one of them makes a candidate.
    pub strong: Vec<i64>,
    /// Weak keys: a candidate must share at least
    /// [`CandidateLimits::min_weak`] of them (or a strong key).
    pub weak: Vec<i64>,
    /// Only articles indexed at a store position (`seq`) up to this one,
    /// when set. A stage that indexes a step before querying it passes
    /// the step's last position, so a rerun after a crash, which finds
    /// later steps indexed already, gets the same candidates as the
    /// interrupted run did.
    pub until: Option<i64>,
}

/// Bounds of [`Store::index_candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateLimits {
    /// Members read per key, at most, the most recently indexed first: a
    /// bucket this full is boilerplate, not a copy.
    pub per_key: usize,
    /// Weak keys a candidate must share.
    pub min_weak: u32,
    /// Candidates returned per query, at most.
    pub max: usize,
}

/// Result of [`Store::integrity_check`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityReport {
    /// Everything that is wrong; empty when the store is sound.
    pub problems: Vec<String>,
}

impl IntegrityReport {
    /// True when no problem was found.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The corpus store. Object-safe, so callers can hold a `Box<dyn Store>`
/// and not care which backend it is.
pub trait Store: Send {
    /// Stores a batch atomically (one transaction): each record becomes an
    /// article, a duplicate of one, or a rejection. Returns one outcome per
    /// record, in order. On error nothing of the batch is stored.
    fn put_batch(&mut self, batch: &[NewRecord]) -> Result<BatchOutcome, StoreError>;
    /// True when raw bytes with this [`raw_hash`] are already stored, so
    /// the ingester can skip decoding and analysis and send
    /// [`RecordBody::SameRawAsBefore`].
    fn seen_raw(&self, raw_hash: &str) -> Result<bool, StoreError>;
    /// The [`raw_hash`]es of the stored raw inputs, in storage order:
    /// `(position, hash)` for positions greater than `after`, at most
    /// `limit`. Lets an ingester that analyses ahead of its writer know
    /// which records are stored already without asking per record.
    /// Optional: the default says `Unsupported`.
    fn raw_hashes_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>, StoreError> {
        let _ = (after, limit);
        Err(StoreError::Unsupported("raw_hashes_after"))
    }
    /// The raw input bytes with this hash, decompressed.
    fn raw(&self, raw_hash: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// One article, whole.
    fn get_article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError>;
    /// Articles matching `filter`, ordered by id, at most `limit`, starting
    /// after the id `after` (for paging with bounded memory).
    fn list_articles(
        &self,
        filter: &Filter,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>, StoreError>;
    /// Full-text search ranked by relevance. `query`: words (all must
    /// match), `"exact phrases"`, `-excluded` words or phrases, and `OR`
    /// between two terms. See [`fts_query`].
    fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>, StoreError>;
    /// The rejection log, in order, after position `after`, at most `limit`.
    fn rejections(&self, after: i64, limit: usize) -> Result<Vec<Rejection>, StoreError>;
    /// Counts.
    fn stats(&self) -> Result<Stats, StoreError>;
    /// Checks the database and the store's own invariants.
    fn integrity_check(&self) -> Result<IntegrityReport, StoreError>;
    /// Stores links (upsert on `(from, to, relation)`); atomic. Links to
    /// unknown articles are an error.
    fn put_links(&mut self, links: &[Link]) -> Result<(), StoreError>;
    /// Links from or to an article.
    fn links_for(&self, id: &str) -> Result<Vec<Link>, StoreError>;
    /// Assigns articles to stories, `(article id, story id)`; an article is
    /// in one story, a new assignment replaces the old one; atomic.
    fn put_story_assignments(&mut self, assignments: &[(String, String)])
        -> Result<(), StoreError>;
    /// All stories with their articles, ordered by story id.
    fn stories(&self) -> Result<Vec<StoryRow>, StoreError>;

    // ---- Incremental corpus maintenance (used by `newsdesk-corpus`). ----
    // Optional: the defaults say `Unsupported`, so other backends keep
    // compiling until they implement them.

    /// Articles in insertion order: `(position, id)` for those whose
    /// position is greater than `after`, at most `limit`. Positions only
    /// grow, so a saved position is a cursor over "articles added since".
    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>, StoreError> {
        let _ = (after, limit);
        Err(StoreError::Unsupported("articles_after"))
    }
    /// A named cursor saved by [`Store::set_cursor`]; 0 when never set.
    fn cursor(&self, name: &str) -> Result<i64, StoreError> {
        let _ = name;
        Err(StoreError::Unsupported("cursor"))
    }
    /// Saves a named cursor (e.g. the last article position processed by
    /// the link stage). Never moves a cursor backwards.
    fn set_cursor(&mut self, name: &str, value: i64) -> Result<(), StoreError> {
        let _ = (name, value);
        Err(StoreError::Unsupported("set_cursor"))
    }
    /// Adds similarity-index keys (e.g. LSH band hashes) for stored
    /// articles; `(article id, keys)`; unknown ids are ignored.
    /// Idempotent; atomic.
    fn put_index_keys(&mut self, entries: &[(String, Vec<i64>)]) -> Result<(), StoreError> {
        let _ = entries;
        Err(StoreError::Unsupported("put_index_keys"))
    }
    /// Like [`Store::put_index_keys`], with a sketch per article: opaque
    /// bytes (a few dozen) the caller uses to pre-filter candidates
    /// without loading them; returned by [`Store::index_lookup_sketched`].
    /// An article's entry is written once: later entries for it are
    /// ignored. The default drops the sketches.
    fn put_index_entries(&mut self, entries: &[IndexEntry]) -> Result<(), StoreError> {
        let plain: Vec<(String, Vec<i64>)> = entries
            .iter()
            .map(|e| (e.article.clone(), e.keys.clone()))
            .collect();
        self.put_index_keys(&plain)
    }
    /// Like [`Store::index_lookup`], with each article's sketch (empty
    /// when it has none).
    fn index_lookup_sketched(
        &self,
        keys: &[i64],
        per_key_limit: usize,
    ) -> Result<Vec<IndexHit>, StoreError> {
        Ok(self
            .index_lookup(keys, per_key_limit)?
            .into_iter()
            .map(|(article, shared)| IndexHit {
                article,
                shared,
                sketch: Vec::new(),
            })
            .collect())
    }
    /// Candidates of many articles at once: per query, the articles
    /// sharing a strong key (most shared strong keys first), then those
    /// sharing at least `min_weak` weak keys (most shared first), the
    /// querying article left out, at most `max`; `shared` counts the keys
    /// of the list the hit came from. Ties are broken in a deterministic
    /// order the backend picks (SQLite: most recently indexed first; this
    /// default: by id). One result per query, in order.
    fn index_candidates(
        &self,
        queries: &[CandidateQuery],
        limits: &CandidateLimits,
    ) -> Result<Vec<Vec<IndexHit>>, StoreError> {
        let mut out = Vec::with_capacity(queries.len());
        for q in queries {
            let mut hits = self.index_lookup_sketched(&q.strong, limits.per_key)?;
            let strong: std::collections::HashSet<String> =
                hits.iter().map(|h| h.article.clone()).collect();
            for h in self.index_lookup_sketched(&q.weak, limits.per_key)? {
                if h.shared >= limits.min_weak && !strong.contains(&h.article) {
                    hits.push(h);
                }
            }
            hits.retain(|h| h.article != q.article);
            hits.truncate(limits.max);
            out.push(hits);
        }
        Ok(out)
    }
    /// Articles sharing any of `keys`, with how many keys each shares,
    /// ordered by that count (descending) then id. At most
    /// `per_key_limit` articles are read per key — the most recently
    /// added first — so a huge bucket can't blow up the work.
    fn index_lookup(
        &self,
        keys: &[i64],
        per_key_limit: usize,
    ) -> Result<Vec<(String, u32)>, StoreError> {
        let _ = (keys, per_key_limit);
        Err(StoreError::Unsupported("index_lookup"))
    }
    /// Brings the full-text index up to date with at most `limit` of the
    /// articles stored since it was last updated; returns how many were
    /// added. Backends that index as they store return 0 (the default).
    fn sync_text_index(&mut self, limit: usize) -> Result<u64, StoreError> {
        let _ = limit;
        Ok(0)
    }
    /// The parts of an article that similarity scoring reads — id, text,
    /// publication window, analysis JSON, entity names and signature — in
    /// one lookup, without its sources, title and outlet. The default
    /// reads the whole article.
    fn article_content(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.get_article(id)
    }
    /// The parts of an article that story clustering reads — id, text,
    /// publication window, entity names, signature — without its analysis
    /// and sources (`analysis_json` is empty). The default reads the whole
    /// article.
    fn article_text(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        self.get_article(id)
    }
    /// The articles after position `after` in insertion order (as
    /// [`Store::articles_after`]), at most `limit`, each with its position
    /// and as [`Store::article_content`] (`analysis`) or
    /// [`Store::article_text`] give it. The corpus stages read their new
    /// articles this way: one range read where an id lookup per article
    /// costs an index descent each. The default does the lookups.
    fn contents_after(
        &self,
        after: i64,
        limit: usize,
        analysis: bool,
    ) -> Result<Vec<(i64, StoredArticle)>, StoreError> {
        let mut out = Vec::new();
        for (seq, id) in self.articles_after(after, limit)? {
            let art = if analysis {
                self.article_content(&id)?
            } else {
                self.article_text(&id)?
            };
            out.extend(art.map(|a| (seq, a)));
        }
        Ok(out)
    }
    /// The story an article is assigned to, if any.
    fn story_of(&self, article: &str) -> Result<Option<String>, StoreError> {
        let _ = article;
        Err(StoreError::Unsupported("story_of"))
    }
}

/// The idempotency key of an article: SHA-256 (lower-case hex) of the
/// cleaned text normalised so that re-cleaning noise doesn't split one
/// article in two: Unicode whitespace runs collapse to one space, the ends
/// are trimmed, and letters are lower-cased. Punctuation and digits count.
pub fn content_hash(cleaned_text: &str) -> String {
    let mut h = Sha256::new();
    let mut pending_space = false;
    let mut started = false;
    let mut buf = [0u8; 4];
    for c in cleaned_text.chars() {
        if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            h.update(b" ");
            pending_space = false;
        }
        started = true;
        for l in c.to_lowercase() {
            h.update(l.encode_utf8(&mut buf).as_bytes());
        }
    }
    hex(&h.finalize())
}

/// The key of a raw input: SHA-256 (lower-case hex) of the exact bytes.
pub fn raw_hash(raw: &[u8]) -> String {
    hex(&Sha256::digest(raw))
}

fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

/// Folds an outlet name for filtering: trimmed, lower-cased, a leading
/// `www.` dropped.
pub(crate) fn fold_outlet(s: &str) -> String {
    let s = s.trim().to_lowercase();
    match s.strip_prefix("www.") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// Hex string for the article id: the content hash itself when it is
/// lower-case hex of usable length, otherwise a hash of it.
pub(crate) fn id_hex(content_hash: &str) -> String {
    if content_hash.len() >= 16
        && content_hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        content_hash.to_string()
    } else {
        raw_hash(content_hash.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_normalises_whitespace_and_case() {
        assert_eq!(
            content_hash("  Hello\n\n World "),
            content_hash("hello world")
        );
        assert_ne!(content_hash("hello world"), content_hash("hello, world"));
        assert_eq!(content_hash("").len(), 64);
    }

    #[test]
    fn id_hex_accepts_hex_and_hashes_the_rest() {
        let h = content_hash("x");
        assert_eq!(id_hex(&h), h);
        let other = id_hex("NOT HEX");
        assert_eq!(other.len(), 64);
        assert!(other.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn outlet_folding() {
        assert_eq!(fold_outlet(" WWW.Example.com "), "example.com");
    }
}
