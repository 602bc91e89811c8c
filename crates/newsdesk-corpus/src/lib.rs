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
//!    What a copy changed from its origin is computed on demand from both
//!    stored analyses (`newsdesk_crosscheck::differences`; `newsdesk show`).
//! 3. [`update_stories`]: feeds the new articles, with their stored
//!    neighbours and story ids, to the same story engine the brief uses
//!    (`newsdesk_stories::StoryIndex`): an article joins a story, founds
//!    one, or links two stories that then merge (the older id survives and
//!    the other resolves to it); a story whose links no longer hold
//!    together splits (the larger part keeps the id). Ids stay stable
//!    wherever a story stays the same.
//!
//! Throughput (this 2-core machine): `newsdesk ingest` with
//! `NEWSDESK_TIMINGS=1` prints each stage's wall and CPU time;
//! `bench/corpus/run.sh` is the benchmark (docs/BENCHMARKS.md).
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
