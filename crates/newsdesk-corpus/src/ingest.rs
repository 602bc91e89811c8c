//! Streaming ingest: sources → bounded batches → parallel analysis → one
//! store transaction per batch.
//!
//! **Cleaning profile.** Articles are cleaned with an *empty*
//! [`CorpusProfile`](newsdesk_clean::CorpusProfile), not a rolling one. Corpus-level boilerplate
//! detection therefore doesn't run at ingest; in exchange, an article's
//! cleaned text — and so its content hash, the store's idempotency key —
//! depends only on the article, never on what was ingested before it or
//! in which order. A rolling profile would make the same article arriving
//! through two sources hash differently and be stored twice.

use crate::signature::Signature;
use crate::CorpusError;
use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_clean::clean;
use newsdesk_core::{ArticleId, Document, Extracted, InputFormat, PageMeta, RemovalReason};
use newsdesk_engine::Progress;
use newsdesk_sources::{
    read_source, ErrorKind, Record, RecordContent, RecordResult, SourceOptions,
};
use newsdesk_store::{
    content_hash, raw_hash, AnalysisDoc, NewArticle, NewRecord, Outcome, RecordBody, Store,
    StoreError,
};
use once_cell_free::empty_profile;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// The shared empty profile (see the module docs for why it is empty).
mod once_cell_free {
    use newsdesk_clean::CorpusProfile;
    use std::sync::OnceLock;
    pub(super) fn empty_profile() -> &'static CorpusProfile {
        static P: OnceLock<CorpusProfile> = OnceLock::new();
        P.get_or_init(CorpusProfile::default)
    }
}

/// Options for [`ingest`].
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Records per batch (one transaction each); bounds memory. Default
    /// 1024: at 256, committing (WAL frames for the same hot index pages,
    /// checkpoints) cost a fifth more writer time per article.
    pub batch_size: usize,
    /// How sources are read (record size limits, forced kind). Sources
    /// decode records themselves, so there are no separate decode options.
    pub sources: SourceOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 1024,
            sources: SourceOptions::default(),
        }
    }
}

/// What one ingest run did. `records_seen` always equals the sum of the
/// other counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestReport {
    /// Records read from the sources (including skipped ones).
    pub records_seen: u64,
    /// New articles stored.
    pub inserted: u64,
    /// Records whose content was already stored (from this or another
    /// source): recorded as duplicates of that article.
    pub duplicates: u64,
    /// Records stored by an earlier run (same locator, same raw bytes):
    /// nothing changed.
    pub already_seen: u64,
    /// Records stored in the rejection log, with their reasons.
    pub rejected: u64,
    /// Records left out by design (WARC request/metadata records …); not
    /// stored, counted here only.
    pub skipped: u64,
    /// True when the caller cancelled: the batches committed so far stay,
    /// a rerun continues (everything stored is then already seen).
    pub cancelled: bool,
}

impl IngestReport {
    fn add(&mut self, other: &IngestReport) {
        self.records_seen += other.records_seen;
        self.inserted += other.inserted;
        self.duplicates += other.duplicates;
        self.already_seen += other.already_seen;
        self.rejected += other.rejected;
        self.skipped += other.skipped;
    }

    fn balanced(&self) -> bool {
        self.records_seen
            == self.inserted + self.duplicates + self.already_seen + self.rejected + self.skipped
    }
}

/// Streams every record of `sources` into `store`, in batches of
/// [`IngestOptions::batch_size`]. Per batch: records whose raw bytes the
/// store already holds skip all analysis (cheap idempotency); the others
/// are decoded, extracted, cleaned, analysed, hashed, fingerprinted and
/// packed in parallel; then the batch is stored in one transaction,
/// together with any batches already waiting for the writer (up to
/// [`WRITE_TOGETHER`] batches in all).
///
/// Three stages run at once: reading (a thread: file I/O, decompression,
/// parsing), analysis (rayon, all cores) and writing (a thread that owns
/// the store: SQLite has one writer). Analysis runs up to
/// [`WRITE_AHEAD`] batches ahead of the writer, so neither waits for the
/// other's slow moments (a full-text index update, a checkpoint, a slow
/// page). Which raw inputs are stored already is read once, at the start
/// ([`Store::raw_hashes_after`]); a record another process stores during
/// the run is analysed, then recognised by the store, which is the same
/// outcome. At most `WRITE_AHEAD + WRITE_TOGETHER + 3` batches are in
/// memory (reading, analysis, the queue, the writer's transaction), each
/// of at most `batch_size` records and ~`BATCH_BYTES` of raw input.
///
/// Progress: one stage `"ingest"` (total 0: unknown for streams), advanced
/// per record as its batch is committed; cancellation is checked between
/// batches, and what was committed stays.
pub fn ingest(
    sources: &[PathBuf],
    store: &mut dyn Store,
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport, CorpusError> {
    if sources.is_empty() {
        return Err(CorpusError::NoSources);
    }
    let batch_size = opts.batch_size.max(1);
    progress.stage("ingest", estimate_records(sources));
    let stored = stored_raw(store)?;
    let mut report = std::thread::scope(|scope| -> Result<IngestReport, CorpusError> {
        // Reading runs on its own thread, a batch or two ahead. Dropping
        // `batches` (an early return) stops it at its next send.
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<RecordResult>>(2);
        scope.spawn(move || {
            let mut stream = sources.iter().flat_map(|p| read_source(p, &opts.sources));
            loop {
                if progress.cancelled() {
                    break;
                }
                // A batch ends at `batch_size` records or `BATCH_BYTES`
                // of raw input, whichever comes first: 1024 news-please
                // records are ~5 MB, 1024 web pages can be 100 MB.
                let mut batch: Vec<RecordResult> = Vec::new();
                let mut bytes = 0usize;
                for r in stream.by_ref() {
                    bytes += r.as_ref().map_or(0, |rec| rec.raw.len());
                    batch.push(r);
                    if batch.len() >= batch_size || bytes >= BATCH_BYTES {
                        break;
                    }
                }
                if batch.is_empty() || send.send(batch).is_err() {
                    break;
                }
            }
        });
        // The writer owns the store until the end of the run.
        let (to_writer, analysed) =
            std::sync::mpsc::sync_channel::<(Vec<NewRecord>, u64)>(WRITE_AHEAD);
        let writer = std::thread::Builder::new()
            // Named, so profilers tell the writer apart.
            .name("ingest-writer".into())
            .spawn_scoped(scope, move || -> Result<IngestReport, CorpusError> {
                let mut report = IngestReport::default();
                // Articles stored since the full-text index was last
                // brought up to date: it is built in bulk, every
                // `FTS_CHUNK` articles and at the end.
                let mut unindexed: u64 = 0;
                while let Ok((mut records, mut skipped)) = analysed.recv() {
                    if progress.cancelled() {
                        break;
                    }
                    // Batches already waiting go into the same
                    // transaction: when the writer is behind, a random
                    // index page that several batches dirty is written
                    // (to the WAL, then the database) once, not per batch.
                    for _ in 1..WRITE_TOGETHER {
                        let Ok((more, s)) = analysed.try_recv() else {
                            break;
                        };
                        records.extend(more);
                        skipped += s;
                    }
                    let part = write_batch(store, &records, skipped)?;
                    progress.advance(part.records_seen);
                    report.add(&part);
                    assert!(report.balanced(), "ingest counts don't add up: {report:?}");
                    unindexed += part.inserted;
                    if unindexed >= FTS_CHUNK {
                        store.sync_text_index(usize::MAX)?;
                        unindexed = 0;
                    }
                }
                store.sync_text_index(usize::MAX)?;
                Ok(report)
            })
            // As `std::thread::spawn`: no thread, no ingest.
            .expect("failed to spawn thread");
        for batch in batches.iter() {
            if progress.cancelled() {
                break;
            }
            let seen = seen_flags(&batch, stored.as_ref());
            let (records, skipped) = analyse_batch(batch, seen);
            if records.is_empty() && skipped == 0 {
                continue;
            }
            // A closed channel means the writer stopped on an error: the
            // join below returns it.
            if to_writer.send((records, skipped)).is_err() {
                break;
            }
        }
        drop(to_writer);
        drop(batches);
        writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })?;
    report.cancelled = progress.cancelled();
    Ok(report)
}

/// Analysed batches waiting for the writer, at most (~15 MB each at the
/// default batch size on news-please records).
const WRITE_AHEAD: usize = 8;
/// Batches one write transaction takes at most when they wait for the
/// writer. Counted in batches, not records, so the bytes a transaction
/// holds stay bounded by `BATCH_BYTES` each (web pages make small
/// batches of large records).
const WRITE_TOGETHER: usize = 4;
/// Raw input bytes per batch, at most (with [`IngestOptions::batch_size`]
/// records): bounds memory when records are large web pages.
const BATCH_BYTES: usize = 16 << 20;

/// How many records the sources hold, when that is cheap to know: one
/// per file for folders and files of single articles (a directory walk,
/// no reading). 0 — unknown — as soon as a source can hold many records
/// (JSON Lines, WARC, feeds, compressed files, stdin), or past ten
/// million files. Only for progress display.
fn estimate_records(sources: &[PathBuf]) -> u64 {
    const LIMIT: u64 = 10_000_000;
    fn single(p: &std::path::Path) -> bool {
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        matches!(
            ext.as_str(),
            "txt" | "text" | "html" | "htm" | "xhtml" | "md" | ""
        )
    }
    let mut n = 0u64;
    let mut stack: Vec<PathBuf> = Vec::new();
    for s in sources {
        if s.as_os_str() == "-" {
            return 0;
        }
        stack.push(s.clone());
    }
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            n += 1; // an unreadable source is one rejected record
            continue;
        };
        if meta.is_dir() {
            let Ok(rd) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in rd.flatten() {
                stack.push(e.path());
            }
        } else if single(&p) {
            n += 1;
            if n > LIMIT {
                return 0;
            }
        } else {
            return 0;
        }
    }
    n
}

/// Articles between two bulk updates of the full-text index.
const FTS_CHUNK: u64 = 20_000;

/// The raw inputs the store held when the run started, by the first 16
/// bytes of their hash; `None` when the store can't list them (every
/// record is then analysed, and the store still recognises the ones it
/// has).
fn stored_raw(store: &dyn Store) -> Result<Option<HashSet<u128>>, CorpusError> {
    let mut set = HashSet::new();
    let mut after = 0;
    loop {
        let page = match store.raw_hashes_after(after, 100_000) {
            Ok(p) => p,
            Err(StoreError::Unsupported(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(&(last, _)) = page.last() else {
            return Ok(Some(set));
        };
        set.extend(page.iter().filter_map(|(_, h)| hash_key(h)));
        after = last;
    }
}

/// A raw hash (lower-case hex SHA-256) as a set key: its first 16 bytes
/// (a collision would take some 2^64 stored inputs).
fn hash_key(hex: &str) -> Option<u128> {
    u128::from_str_radix(hex.get(..32)?, 16).ok()
}

/// Whether each record's raw bytes were stored when the run started.
fn seen_flags(batch: &[RecordResult], stored: Option<&HashSet<u128>>) -> Vec<bool> {
    let Some(stored) = stored.filter(|s| !s.is_empty()) else {
        return vec![false; batch.len()];
    };
    batch
        .par_iter()
        .map(|r| {
            r.as_ref()
                .ok()
                .and_then(|rec| hash_key(&raw_hash(&rec.raw)))
                .is_some_and(|k| stored.contains(&k))
        })
        .collect()
}

/// Analyses a batch in parallel: the records to store, and how many
/// were skipped (not stored).
fn analyse_batch(batch: Vec<RecordResult>, seen: Vec<bool>) -> (Vec<NewRecord>, u64) {
    let records: Vec<Option<NewRecord>> = batch
        .into_par_iter()
        .zip(seen.into_par_iter())
        .map(|(r, seen)| match r {
            Err(e) if e.kind == ErrorKind::Skipped => None,
            // Unreadable records have no payload; keeping the locator and
            // reason in the rejection log is what matters.
            Err(e) => Some(NewRecord {
                packed: None,
                locator: e.locator,
                raw: Vec::new(),
                format: None,
                encoding: None,
                body: RecordBody::Rejected { reason: e.reason },
            }),
            Ok(rec) if seen => Some(NewRecord {
                packed: None,
                locator: rec.locator,
                raw: rec.raw,
                format: None,
                encoding: None,
                body: RecordBody::SameRawAsBefore,
            }),
            Ok(rec) => Some(process_record(rec)),
        })
        // Hashing and compressing for the store, here on all cores
        // rather than in the store's single writer.
        .map(|r| {
            r.map(|mut r| {
                r.pack();
                r
            })
        })
        .collect();
    let skipped = records.iter().filter(|r| r.is_none()).count() as u64;
    (records.into_iter().flatten().collect(), skipped)
}

/// Stores an analysed batch (one transaction) and counts its outcomes.
fn write_batch(
    store: &mut dyn Store,
    records: &[NewRecord],
    skipped: u64,
) -> Result<IngestReport, CorpusError> {
    let mut part = IngestReport {
        records_seen: records.len() as u64 + skipped,
        skipped,
        ..IngestReport::default()
    };
    if records.is_empty() {
        return Ok(part);
    }
    let out = store.put_batch(records)?;
    assert_eq!(
        out.outcomes.len(),
        records.len(),
        "the store must return one outcome per record"
    );
    for o in &out.outcomes {
        match o {
            Outcome::Inserted { .. } => part.inserted += 1,
            Outcome::Duplicate { .. } => part.duplicates += 1,
            Outcome::Rejected { .. } => part.rejected += 1,
            Outcome::AlreadySeen { .. } => part.already_seen += 1,
        }
    }
    Ok(part)
}

/// One HTML or text record through extraction: (extracted, format,
/// encoding) or the reason it failed.
fn extract_doc(
    id: ArticleId,
    locator: &str,
    format: InputFormat,
    raw: &[u8],
    content: String,
) -> Result<(Extracted, Option<InputFormat>, Option<String>), String> {
    let doc = Document {
        id,
        path: locator.to_string(),
        format,
        encoding: encoding_of(raw),
        content,
    };
    newsdesk_extract::extract(&doc)
        .map(|ex| (ex, Some(format), Some(doc.encoding)))
        .map_err(|e| e.to_string())
}

/// A record stored in the rejection log with its reason (raw bytes kept).
fn rejected(
    locator: String,
    raw: Vec<u8>,
    format: Option<InputFormat>,
    encoding: Option<String>,
    reason: String,
) -> NewRecord {
    NewRecord {
        packed: None,
        locator,
        raw,
        format,
        encoding,
        body: RecordBody::Rejected { reason },
    }
}

/// Turns one source record into what the store keeps: an analysed
/// article (content hash, cleaned text, analysis, entity names, MinHash
/// signature) or a rejection with its reason. Pure: no store access.
pub fn process_record(rec: Record) -> NewRecord {
    let Record {
        locator,
        raw,
        content,
    } = rec;
    let id = ArticleId(locator.clone());
    // (extracted text + page metadata, format, encoding) or a reason.
    let loaded: Result<(Extracted, Option<InputFormat>, Option<String>), String> = match content {
        RecordContent::Prepared {
            text,
            title,
            url,
            date,
            sitename,
            authors,
            language,
        } => {
            let meta = PageMeta {
                title,
                authors,
                date,
                sitename,
                url,
                language,
                ..PageMeta::default()
            };
            Ok((
                Extracted { text, meta },
                Some(InputFormat::Text),
                Some("UTF-8".to_string()),
            ))
        }
        RecordContent::Html { html, url, .. } => {
            extract_doc(id, &locator, InputFormat::Html, &raw, html).map(|(mut ex, f, e)| {
                if ex.meta.url.is_none() {
                    ex.meta.url = url;
                }
                (ex, f, e)
            })
        }
        RecordContent::Text { text } => extract_doc(id, &locator, InputFormat::Text, &raw, text),
    };
    let (extracted, format, encoding) = match loaded {
        Ok(x) => x,
        Err(reason) => {
            return rejected(locator, raw, None, None, reason);
        }
    };
    if extracted.text.trim().is_empty() {
        return rejected(
            locator,
            raw,
            format,
            encoding,
            "no article text found".into(),
        );
    }
    let cleaned = clean(&extracted.text, empty_profile());
    if cleaned.text.trim().is_empty() {
        return rejected(
            locator,
            raw,
            format,
            encoding,
            "empty after cleaning".into(),
        );
    }
    // Captions were removed from the body but still carry dates and
    // credits: evidence for the analyser (as the engine does).
    let mut meta_lines = cleaned.meta_lines.clone();
    for r in &cleaned.removed {
        if r.reason == RemovalReason::Caption && !meta_lines.contains(&r.text) {
            meta_lines.push(r.text.clone());
        }
    }
    let analysis = analyse(&AnalyseInput {
        text: &cleaned.text,
        meta_lines: &meta_lines,
        page: &extracted.meta,
    });
    let fp = newsdesk_crosscheck::fingerprint(&cleaned.text);
    let entities: Vec<String> = analysis
        .mentions
        .iter()
        .map(|m| m.name.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = analysis
        .title
        .clone()
        .or_else(|| extracted.meta.title.clone());
    let outlet = analysis
        .outlet
        .as_ref()
        .map(|o| o.name.clone())
        .or_else(|| extracted.meta.sitename.clone());
    let published = analysis.published.as_ref().map(|p| (p.earliest, p.latest));
    let doc = AnalysisDoc {
        analysis,
        removed: cleaned.removed,
        repairs: cleaned.repairs,
    };
    let analysis_json = match serde_json::to_string(&doc) {
        Ok(j) => j,
        Err(e) => {
            return rejected(
                locator,
                raw,
                format,
                encoding,
                format!("analysis not serialisable: {e}"),
            )
        }
    };
    let article = NewArticle {
        content_hash: content_hash(&cleaned.text),
        title,
        outlet,
        published,
        text: cleaned.text,
        analysis_json,
        entities,
        minhash: Some(Signature::of(&fp).to_bytes()),
    };
    NewRecord {
        packed: None,
        locator,
        raw,
        format,
        encoding,
        body: RecordBody::Article(article),
    }
}

/// The encoding name for a record's payload: sources have already decoded
/// it, so only non-UTF-8 payloads pay for detection again.
fn encoding_of(raw: &[u8]) -> String {
    if std::str::from_utf8(raw).is_ok() {
        return "UTF-8".to_string();
    }
    match newsdesk_ingest::decode(raw) {
        Ok((_, enc)) => enc.to_string(),
        Err(_) => "unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(locator: &str, content: RecordContent) -> Record {
        Record {
            locator: locator.into(),
            raw: b"x".to_vec(),
            content,
        }
    }

    #[test]
    fn prepared_record_becomes_article() {
        let text = "Mayor Ada Quill of Velmora opened the new harbour bridge on Monday, officials said.\nThe bridge cost 40 million.".to_string();
        let r = rec(
            "a.jsonl:line 1",
            RecordContent::Prepared {
                text,
                title: Some("Bridge opens".into()),
                url: None,
                date: Some("2031-02-03".into()),
                sitename: Some("Velmora Post".into()),
                authors: vec![],
                language: None,
            },
        );
        let out = process_record(r);
        let RecordBody::Article(a) = out.body else {
            panic!("{out:?}")
        };
        assert_eq!(a.content_hash, content_hash(&a.text));
        assert!(a.minhash.is_some());
        assert!(serde_json::from_str::<AnalysisDoc>(&a.analysis_json).is_ok());
    }

    #[test]
    fn empty_text_is_rejected_with_reason() {
        let out = process_record(rec(
            "e.txt",
            RecordContent::Text {
                text: "   \n ".into(),
            },
        ));
        assert!(matches!(out.body, RecordBody::Rejected { .. }), "{out:?}");
    }
}
