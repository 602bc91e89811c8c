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
};
use once_cell_free::empty_profile;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
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
/// are decoded, extracted, cleaned, analysed, hashed and fingerprinted in
/// parallel; then the batch is stored in one transaction.
///
/// Two stages overlap: while batch *n* is written (one thread, the store's
/// transaction), batch *n + 1* is analysed (rayon). At most three batches
/// are in memory (written, analysed, read ahead).
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
    let mut report = IngestReport::default();
    progress.stage("ingest", estimate_records(sources));
    std::thread::scope(|scope| -> Result<(), CorpusError> {
        // Reading (file I/O, decompression, JSON/WARC parsing) runs on its
        // own thread, a batch or two ahead: it overlaps analysis and
        // writing instead of stalling both. Dropping `batches` (an early
        // error return) stops it at its next send.
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<RecordResult>>(2);
        scope.spawn(move || {
            let mut stream = sources.iter().flat_map(|p| read_source(p, &opts.sources));
            loop {
                if progress.cancelled() {
                    break;
                }
                let batch: Vec<RecordResult> = stream.by_ref().take(batch_size).collect();
                if batch.is_empty() || send.send(batch).is_err() {
                    break;
                }
            }
        });
        // The analysed batch waiting to be written, with its skipped count.
        let mut pending: Option<(Vec<NewRecord>, u64)> = None;
        // Articles stored since the full-text index was last brought up to
        // date: it is built in bulk, every `FTS_CHUNK` articles and at the end.
        let mut unindexed: u64 = 0;
        loop {
            // Ask the store which raw inputs it has, while no write is in
            // flight. A raw input first seen in `pending` isn't flagged
            // yet: it is analysed again and stored as a duplicate by
            // content, which is the same outcome.
            let batch: Vec<RecordResult> = if progress.cancelled() {
                Vec::new()
            } else {
                batches.recv().unwrap_or_default()
            };
            let seen = seen_flags(&batch, store)?;
            if batch.is_empty() && pending.is_none() {
                break;
            }
            let (written, analysed) = match pending.take() {
                Some((records, skipped)) => {
                    let store_ref = &mut *store;
                    let unindexed = &mut unindexed;
                    std::thread::scope(|s| {
                        // Named, so profilers tell the writer apart.
                        let writer = std::thread::Builder::new()
                            .name("ingest-writer".into())
                            .spawn_scoped(s, move || -> Result<IngestReport, CorpusError> {
                                let part = write_batch(store_ref, &records, skipped)?;
                                *unindexed += part.inserted;
                                if *unindexed >= FTS_CHUNK {
                                    store_ref.sync_text_index(usize::MAX)?;
                                    *unindexed = 0;
                                }
                                Ok(part)
                            })
                            // As `std::thread::spawn`: no thread, no ingest.
                            .expect("failed to spawn thread");
                        let analysed = analyse_batch(batch, seen);
                        let written = writer
                            .join()
                            .unwrap_or_else(|p| std::panic::resume_unwind(p));
                        (Some(written), analysed)
                    })
                }
                None => (None, analyse_batch(batch, seen)),
            };
            if let Some(written) = written {
                let part = written?;
                progress.advance(part.records_seen);
                report.add(&part);
                assert!(report.balanced(), "ingest counts don't add up: {report:?}");
            }
            if analysed.0.is_empty() && analysed.1 == 0 {
                continue;
            }
            pending = Some(analysed);
        }
        Ok(())
    })?;
    store.sync_text_index(usize::MAX)?;
    report.cancelled = progress.cancelled();
    Ok(report)
}

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

/// Whether the store already holds each record's raw bytes.
fn seen_flags(batch: &[RecordResult], store: &dyn Store) -> Result<Vec<bool>, CorpusError> {
    // Hashes in parallel; the lookups are cheap indexed reads.
    let hashes: Vec<Option<String>> = batch
        .par_iter()
        .map(|r| r.as_ref().ok().map(|rec| raw_hash(&rec.raw)))
        .collect();
    let mut seen = Vec::with_capacity(batch.len());
    for h in &hashes {
        seen.push(match h {
            Some(h) => store.seen_raw(h)?,
            None => false,
        });
    }
    Ok(seen)
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
