//! # newsdesk-corpus — the persistent corpus, kept current
//!
//! Three stages over a [`Store`](newsdesk_store::Store), each incremental
//! and safe to rerun:
//!
//! 1. [`ingest`]: streams records from any number of sources
//!    (`newsdesk_sources`: files, folders, JSONL, WARC, feeds, stdin) in
//!    bounded batches; each batch is analysed in parallel (rayon) and
//!    stored in one transaction. Every record ends up inserted, a
//!    duplicate, already seen, rejected (with its reason) or skipped, and
//!    the [`IngestReport`] counts add up. Memory is bounded by the batch
//!    size, however large the input.
//! 2. [`update_links`]: copy / near-duplicate / rewrite detection of the
//!    articles added since the last run against *everything* stored, via
//!    MinHash signatures and an LSH index kept in the store (one compact
//!    row per article; served from memory during a run), candidates
//!    pre-filtered by a b-bit MinHash sketch, scoring in parallel.
//!
//! Throughput (this 2-core machine, shared): see `newsdesk ingest` with
//! `NEWSDESK_TIMINGS=1`, which prints each stage's wall and CPU time.
//! 3. [`update_stories`]: assigns each new article to a story (its copy
//!    origin's, else the most similar article's within 3 days, else a new
//!    story named after it), so story ids stay stable as the corpus grows.
//!
//! ```no_run
//! use newsdesk_corpus::{ingest, update_links, update_stories, IngestOptions};
//! use newsdesk_engine::NoProgress;
//! let mut store = newsdesk_store::SqliteStore::open("corpus.db").unwrap();
//! let report = ingest(&["demo".into()], &mut store, &IngestOptions::default(), &NoProgress).unwrap();
//! let links = update_links(&mut store, &NoProgress).unwrap();
//! let stories = update_stories(&mut store, &NoProgress).unwrap();
//! println!("{} new articles, {} links, {} assigned", report.inserted, links.links, stories.assigned);
//! ```

#![warn(missing_docs)]

mod ingest;
mod links;
mod signature;
mod stories;

pub use ingest::{ingest, process_record, IngestOptions, IngestReport};
pub use links::{best_origin, update_links, LinksReport};
pub use signature::{Signature, SIGNATURE_BYTES};
pub use stories::{update_stories, StoriesReport};

/// Why a corpus stage stopped.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// No sources were given.
    #[error("no sources given")]
    NoSources,
    /// The store failed (I/O, lock timeout, corruption …). What was
    /// committed before stays; a rerun continues from there.
    #[error(transparent)]
    Store(#[from] newsdesk_store::StoreError),
}
