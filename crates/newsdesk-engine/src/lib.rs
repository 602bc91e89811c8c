//! # newsdesk-engine — the whole path from paths to a brief
//!
//! Takes input paths (files and folders); gives a
//! [`Brief`](newsdesk_crosscheck::Brief). Runs the stages in order —
//! ingest → extract → clean → analyse → crosscheck — each article in
//! parallel on all cores (rayon), the corpus-level stages once.
//! Reports progress through the [`Progress`] trait, which the CLI draws
//! with a progress bar and a server could report as JSON; never prints.
//!
//! Every input ends up in the brief: analysed, or in `rejected` with the
//! reason.
//!
//! ```no_run
//! use newsdesk_engine::{run, Options, NoProgress};
//! let brief = run(&["demo".into()], &Options::default(), &NoProgress).unwrap();
//! println!("{} articles, {} stories", brief.articles.len(), brief.stories.len());
//! ```

use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_clean::{clean, CorpusProfile};
use newsdesk_core::{ArticleId, Document, Extracted, Rejected, RemovalReason};
use newsdesk_crosscheck::{crosscheck, ArticleRecord, Brief};
use newsdesk_ingest::{assign_ids, collect_paths, read_document, IngestOptions};
use rayon::prelude::*;
use std::path::PathBuf;

pub use newsdesk_crosscheck as crosscheck_types;

/// Options for a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reading limits.
    pub ingest: IngestOptions,
}

/// Progress reporting and cancellation, implemented by the caller.
/// All methods have no-op defaults.
pub trait Progress: Sync {
    /// A stage starts with `total` work items.
    fn stage(&self, name: &str, total: u64) {
        let _ = (name, total);
    }
    /// `n` more items of the current stage are done.
    fn advance(&self, n: u64) {
        let _ = n;
    }
    /// True when the caller wants the run to stop.
    fn cancelled(&self) -> bool {
        false
    }
}

/// A [`Progress`] that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// No input paths were given (a user mistake).
    #[error("no inputs given")]
    NoInputs,
    /// The caller cancelled the run.
    #[error("cancelled")]
    Cancelled,
}

/// An article after extraction, before cleaning.
struct Loaded {
    doc: Document,
    extracted: Extracted,
}

/// Runs the whole pipeline over `inputs`.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Brief, EngineError> {
    if inputs.is_empty() {
        return Err(EngineError::NoInputs);
    }
    let (paths, mut rejected) = collect_paths(inputs);
    let ids = assign_ids(&paths);

    progress.stage("read", paths.len() as u64);
    let results: Vec<Result<Loaded, Rejected>> = paths
        .par_iter()
        .zip(ids.par_iter())
        .map(|(p, id)| {
            if progress.cancelled() {
                return Err(Rejected {
                    path: p.display().to_string(),
                    reason: "cancelled".into(),
                });
            }
            let r = load(p, id.clone(), opts);
            progress.advance(1);
            r
        })
        .collect();
    if progress.cancelled() {
        return Err(EngineError::Cancelled);
    }
    let mut loaded = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(l) => loaded.push(l),
            Err(rej) => rejected.push(rej),
        }
    }

    // First pass over the corpus: line statistics for the cleaner.
    let profile = loaded
        .par_iter()
        .fold(CorpusProfile::default, |mut p, l| {
            p.add(&l.extracted.text);
            p
        })
        .reduce(CorpusProfile::default, |mut a, b| {
            a.merge(b);
            a
        });

    progress.stage("analyse", loaded.len() as u64);
    let records: Vec<ArticleRecord> = loaded
        .into_par_iter()
        .map(|l| {
            let rec = analyse_one(l, &profile);
            progress.advance(1);
            rec
        })
        .collect();
    if progress.cancelled() {
        return Err(EngineError::Cancelled);
    }

    progress.stage("crosscheck", 1);
    let brief = crosscheck(records, rejected);
    progress.advance(1);
    Ok(brief)
}

/// Runs the pipeline on documents already in memory (plain text or HTML,
/// told apart by content): for callers that don't read files — a server,
/// tests. Same stages, same output as [`run`].
pub fn run_documents(docs: Vec<(ArticleId, String)>) -> Brief {
    let loaded: Vec<Result<Loaded, Rejected>> = docs
        .into_par_iter()
        .map(|(id, content)| {
            let doc = Document {
                path: id.to_string(),
                format: newsdesk_ingest::sniff_format(&content),
                encoding: "UTF-8".into(),
                id,
                content,
            };
            let extracted = newsdesk_extract::extract(&doc).map_err(|e| Rejected {
                path: doc.path.clone(),
                reason: e.to_string(),
            })?;
            Ok(Loaded { doc, extracted })
        })
        .collect();
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for l in loaded {
        match l {
            Ok(l) => ok.push(l),
            Err(r) => rejected.push(r),
        }
    }
    let mut profile = CorpusProfile::default();
    for l in &ok {
        profile.add(&l.extracted.text);
    }
    let records = ok
        .into_par_iter()
        .map(|l| analyse_one(l, &profile))
        .collect();
    crosscheck(records, rejected)
}

fn load(path: &std::path::Path, id: ArticleId, opts: &Options) -> Result<Loaded, Rejected> {
    let shown = path.display().to_string();
    let doc = read_document(path, id, &opts.ingest).map_err(|e| Rejected {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let extracted = newsdesk_extract::extract(&doc).map_err(|e| Rejected {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    if extracted.text.trim().is_empty() {
        return Err(Rejected {
            path: shown,
            reason: "no article text found".into(),
        });
    }
    Ok(Loaded { doc, extracted })
}

fn analyse_one(l: Loaded, profile: &CorpusProfile) -> ArticleRecord {
    let cleaned = clean(&l.extracted.text, profile);
    // Captions were removed from the body but still carry dates and
    // credits: metadata evidence for the analyser.
    let mut meta_lines = cleaned.meta_lines.clone();
    for r in &cleaned.removed {
        if r.reason == RemovalReason::Caption && !meta_lines.contains(&r.text) {
            meta_lines.push(r.text.clone());
        }
    }
    let analysis = analyse(&AnalyseInput {
        text: &cleaned.text,
        meta_lines: &meta_lines,
        page: &l.extracted.meta,
    });
    ArticleRecord {
        id: l.doc.id,
        path: l.doc.path,
        format: l.doc.format,
        encoding: l.doc.encoding,
        extracted_bytes: l.extracted.text.len(),
        cleaned,
        analysis,
    }
}
