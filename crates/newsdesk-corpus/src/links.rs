//! Copy links across the whole store, incrementally.
//!
//! Each article added since the last run (a cursor in the store) is
//! looked up in the LSH index (see [`crate::signature`]) — so the work per
//! new article is a few index probes plus exact scoring of a bounded
//! number of candidates, however large the store — then scored exactly
//! with `newsdesk_crosscheck::pair_score` (exact / near-duplicate / copy)
//! and, for pairs sharing much vocabulary, sentence alignment (rewrite),
//! with the same thresholds as the whole-corpus brief. The origin of a
//! pair is decided as the brief does: the earlier narrow date window,
//! else the cleaner text, else the exactly dated one, else the id.
//!
//! **Throughput.** New articles are taken in steps of [`STEP`]. Per step:
//! the new articles come in one range read (one thread: the store's
//! connection), then are parsed and fingerprinted in parallel (rayon);
//! their index entries are written in one transaction; candidates come
//! from the store's in-memory index, each with a *sketch* (b-bit MinHash
//! of its content words, see [`crate::signature::sketch`]) so that
//! candidates whose vocabulary can't hold a copy or rewrite are dropped
//! without being loaded; the remaining ones are loaded (reused from a
//! cache of recent articles when possible; read and built overlapped) and
//! all pairs are scored in parallel; the links are then assembled in
//! article order, so the result is the same as a sequential pass. The
//! store work of a step (one thread) overlaps the scoring of the step
//! before (all cores). Links are written every few steps, with the cursor
//! ([`WRITE_EVERY`]).

use crate::signature::{entity_keys, sketch, sketch_containment, Signature};
use crate::CorpusError;
use chrono::NaiveDate;
use newsdesk_core::Sentence;
use newsdesk_crosscheck::{
    fingerprint, pair_score, sentence_alignment, sentence_sets, Fingerprint, PairScore,
};
use newsdesk_engine::Progress;
use newsdesk_store::{CandidateLimits, CandidateQuery, IndexEntry, Link, Store, StoredArticle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Cursor name: last article position processed by [`update_links`].
pub(crate) const LINKS_CURSOR: &str = "links";
/// Articles per step (one index transaction).
pub(crate) const STEP: usize = 512;
/// Links kept back and written in one transaction, with the cursor, once
/// this many are waiting (or [`WRITE_STEPS`] steps have passed). Links
/// are keyed by random ids: a step's few hundred links dirtied as many
/// index pages, in two transactions a step (links, cursor); at a million
/// articles the stage wrote 12 GB, 7 GB in batches. Nothing in the stage
/// reads links back, and a rerun after a crash redoes the steps since the
/// cursor with the candidates they had (`CandidateQuery::until`).
const WRITE_EVERY: usize = 8192;
/// Steps whose links wait at most (bounds the work a crash redoes).
const WRITE_STEPS: u64 = 32;
/// Candidates scored exactly per new article, at most (most shared keys
/// first).
const MAX_CANDIDATES: usize = 48;
/// Articles read per index key, at most: a bucket this full is
/// boilerplate, not a copy.
const PER_KEY_LIMIT: usize = 256;
/// Memory for loaded articles kept between steps (text, fingerprint,
/// sentence spans; ~10–15 KB each). Candidates of a large corpus in random
/// order are spread over everything stored, so the hit rate follows the
/// cache size: at 100k articles, 16k entries → 65k entries cut the link
/// stage's CPU from 147 s to 66 s; at a million, 640 MB → 960 MB cut the
/// loads of candidates not at hand from 2.25 to 1.60 million and the
/// stage from 288 s to 256 s. Bounded in bytes so peak memory stays under
/// ~1.7 GB with a million-article index beside it (the target is 2 GB).
const CACHE_BYTES: usize = 960 << 20;
/// Candidates whose estimated vocabulary containment (from the sketches)
/// is below this are not scored: a rewrite needs 0.4 measured exactly and
/// a copy (half its shingles shared) more. The margin covers the
/// estimate's error (64 one-byte samples: ±0.06 on Jaccard).
const PREFILTER_CONTAINMENT: f64 = 0.2;
/// Rewrite thresholds, as in the brief.
const REWRITE_MIN_VOCAB: f64 = 0.4;
const REWRITE_MIN_ALIGNMENT: f64 = 0.4;

/// What [`update_links`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksReport {
    /// New articles processed.
    pub articles: u64,
    /// Candidate pairs scored exactly.
    pub candidates: u64,
    /// Links stored (new or updated).
    pub links: u64,
}

/// What scoring needs of an article's stored analysis: its sentences and
/// how much cleaning removed or repaired. Parsed leniently (every other
/// field skipped), which is several times cheaper than the whole
/// [`newsdesk_store::AnalysisDoc`].
#[derive(Deserialize, Default)]
struct LiteDoc {
    #[serde(default)]
    analysis: LiteAnalysis,
    #[serde(default)]
    removed: Vec<LiteRemoval>,
    #[serde(default)]
    repairs: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize, Default)]
struct LiteAnalysis {
    #[serde(default)]
    sentences: Vec<Sentence>,
}

#[derive(Deserialize)]
struct LiteRemoval {
    #[serde(default)]
    reason: String,
}

/// One article loaded for scoring.
struct Loaded {
    id: String,
    text: String,
    published: Option<(NaiveDate, NaiveDate)>,
    sentence_spans: Vec<Sentence>,
    dirt: usize,
    fp: Fingerprint,
    /// Computed on first use (rewrite checks only), from any thread.
    sentences: OnceLock<Vec<Vec<u64>>>,
}

impl Loaded {
    fn new(art: StoredArticle) -> Self {
        let doc: LiteDoc = serde_json::from_str(&art.analysis_json).unwrap_or_default();
        let leaks = doc
            .removed
            .iter()
            .filter(|r| r.reason == "rewrite_leak")
            .count();
        let fp = fingerprint(&art.text);
        Loaded {
            id: art.id,
            text: art.text,
            published: art.published,
            sentence_spans: doc.analysis.sentences,
            dirt: doc.removed.len() + 5 * leaks + doc.repairs.len(),
            fp,
            sentences: OnceLock::new(),
        }
    }
    fn sentences(&self) -> &[Vec<u64>] {
        self.sentences
            .get_or_init(|| sentence_sets(&self.text, &self.sentence_spans))
    }
    fn dirt(&self) -> usize {
        self.dirt
    }
    /// Approximate heap size, for the cache's memory bound.
    fn bytes(&self) -> usize {
        const SIGS: usize = 2 * 64 * 8; // the fingerprint's own signatures
        256 + SIGS
            + self.id.len()
            + self.text.capacity()
            + 8 * (self.fp.shingles.capacity() + self.fp.vocab.capacity())
            + std::mem::size_of::<Sentence>() * self.sentence_spans.capacity()
            + self
                .sentences
                .get()
                .map_or(0, |v| v.iter().map(|s| 24 + 8 * s.capacity()).sum())
    }
    fn narrow(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        self.published.filter(|(e, l)| (*l - *e).num_days() <= 31)
    }
    fn exact_date(&self) -> bool {
        self.published.is_some_and(|(e, l)| e == l)
    }
}

/// True when `a` is the origin of the pair `(a, b)`.
fn origin_first(a: &Loaded, b: &Loaded) -> bool {
    if let (Some(pa), Some(pb)) = (a.narrow(), b.narrow()) {
        if pa.1 < pb.0 {
            return true;
        }
        if pb.1 < pa.0 {
            return false;
        }
    }
    (a.dirt(), !a.exact_date(), &a.id) <= (b.dirt(), !b.exact_date(), &b.id)
}

/// Rank of a relation: stronger relations win when choosing an origin.
pub(crate) fn rel_rank(r: &str) -> u8 {
    match r {
        "exact" => 4,
        "near_duplicate" => 3,
        "copy" => 2,
        "rewrite" => 1,
        _ => 0,
    }
}

/// Scores a pair; `None` when unrelated.
fn relate(a: &Loaded, b: &Loaded) -> Option<PairScore> {
    let mut s = pair_score(&a.fp, &b.fp);
    if s.relation.is_some() {
        return Some(s);
    }
    if s.vocab_containment < REWRITE_MIN_VOCAB {
        return None;
    }
    let align = sentence_alignment(a.sentences(), b.sentences());
    (align >= REWRITE_MIN_ALIGNMENT).then(|| {
        s.relation = Some("rewrite");
        s.score = align;
        s.sentence_alignment = align;
        s
    })
}

fn make_link(origin: &Loaded, copy: &Loaded, s: &PairScore) -> Link {
    let relation = s.relation.unwrap_or("copy");
    let mut evidence = s.evidence();
    match (origin.narrow(), copy.narrow()) {
        (Some(o), Some(c)) if o.1 < c.0 => {
            evidence.push(format!("origin dated {} before copy {}", o.0, c.0))
        }
        _ => evidence.push("origin chosen as the cleaner text (less residue)".into()),
    }
    Link {
        from: copy.id.clone(),
        to: origin.id.clone(),
        relation: relation.to_string(),
        score: s.score,
        evidence,
    }
}

/// The strongest outgoing link of an article (its likely origin): highest
/// relation rank, then score, then the origin's id.
pub fn best_origin(store: &dyn Store, id: &str) -> Result<Option<Link>, CorpusError> {
    let mut out: Option<Link> = None;
    for l in store.links_for(id)? {
        if l.from != id || rel_rank(&l.relation) == 0 {
            continue;
        }
        let better = match &out {
            None => true,
            Some(b) => {
                (rel_rank(&l.relation), l.score, std::cmp::Reverse(&l.to))
                    > (rel_rank(&b.relation), b.score, std::cmp::Reverse(&b.to))
            }
        };
        if better {
            out = Some(l);
        }
    }
    Ok(out)
}

/// Candidate articles related to `art` (never itself), best first, at
/// most [`MAX_CANDIDATES`]: every article sharing a copy band (4 rows of
/// the shingle signature agreeing is strong evidence by itself), then
/// those sharing at least two vocabulary-band or entity keys (one shared
/// key happens by chance in a large store; rewrites and same-story
/// articles share several).
pub(crate) fn candidates(
    store: &dyn Store,
    art: &StoredArticle,
) -> Result<Vec<String>, CorpusError> {
    let sig = art.minhash.as_deref().and_then(Signature::from_bytes);
    let q = candidate_query(&art.id, sig.as_ref(), &art.entities, None);
    Ok(store
        .index_candidates(&[q], &LIMITS)?
        .into_iter()
        .flatten()
        .map(|h| h.article)
        .collect())
}

/// How candidates are looked up (see [`candidates`]).
const LIMITS: CandidateLimits = CandidateLimits {
    per_key: PER_KEY_LIMIT,
    min_weak: 2,
    max: MAX_CANDIDATES,
};

/// The index query of an article: copy bands are strong keys; vocabulary
/// bands and entities weak ones.
fn candidate_query(
    id: &str,
    sig: Option<&Signature>,
    entities: &[String],
    until: Option<i64>,
) -> CandidateQuery {
    let mut weak = sig.map(|s| s.vocab_keys()).unwrap_or_default();
    weak.extend(entity_keys(entities));
    CandidateQuery {
        article: id.to_string(),
        strong: sig.map(|s| s.copy_keys()).unwrap_or_default(),
        weak,
        until,
    }
}

/// A new article of the current step, ready for scoring.
struct Fresh {
    loaded: Loaded,
    sig: Option<Signature>,
    entities: Vec<String>,
    entry: IndexEntry,
}

impl Fresh {
    fn new(art: StoredArticle) -> Self {
        let sig = art.minhash.as_deref().and_then(Signature::from_bytes);
        let entities = art.entities.clone();
        let mut keys = Vec::new();
        if let Some(sig) = &sig {
            keys.extend(sig.copy_keys());
            keys.extend(sig.vocab_keys());
        }
        keys.extend(entity_keys(&entities));
        let loaded = Loaded::new(art);
        let sketch = sig
            .as_ref()
            .map(|s| sketch(s, loaded.fp.vocab.len()))
            .unwrap_or_default();
        Fresh {
            entry: IndexEntry {
                article: loaded.id.clone(),
                keys,
                sketch,
            },
            loaded,
            sig,
            entities,
        }
    }
}

/// Loaded articles kept across steps, with the step they were last
/// needed in: recent articles are the likeliest candidates of the next
/// ones, and loading + fingerprinting dominates the cost of a candidate.
type Cache = HashMap<String, (Loaded, u64)>;

/// One step read, indexed and with its candidates chosen and loaded:
/// everything but the scoring.
struct Prepared {
    /// Position of the step's last article (the cursor after it).
    last: i64,
    fresh: Vec<Fresh>,
    /// Id → index in `fresh`.
    position: HashMap<String, usize>,
    /// Candidates of each fresh article.
    cands: Vec<Vec<String>>,
    /// Candidates that were neither in the step, the cache nor the step
    /// before: loaded for this step.
    loaded: Vec<Loaded>,
}

/// Reads, fingerprints and indexes one step of new articles, and finds
/// and loads their candidates. Touches the store (one thread) and `cache`
/// read-only, so it runs while the step before is scored; `previous` (the
/// step before's articles, in the cache only once that step is done)
/// needs no loading either.
fn prepare_step(
    store: &mut dyn Store,
    step: Vec<(i64, StoredArticle)>,
    cache: &Cache,
    previous: &HashMap<String, usize>,
) -> Result<Prepared, CorpusError> {
    let last = step.last().map_or(0, |s| s.0);
    // Read (one thread, by the caller), then parse and fingerprint (all
    // threads).
    let fresh: Vec<Fresh> = step.into_par_iter().map(|(_, a)| Fresh::new(a)).collect();
    // Index the whole step first (one transaction); pairs inside the step
    // are then found by the later article of each pair.
    let entries: Vec<IndexEntry> = fresh.iter().map(|f| f.entry.clone()).collect();
    store.put_index_entries(&entries)?;
    let position: HashMap<String, usize> = fresh
        .iter()
        .enumerate()
        .map(|(i, f)| (f.loaded.id.clone(), i))
        .collect();
    // Candidates of each new article (one batched index query),
    // pre-filtered by sketch; none indexed after this step (only a rerun
    // after a crash finds any: see `CandidateQuery::until`).
    let queries: Vec<CandidateQuery> = fresh
        .iter()
        .map(|f| candidate_query(&f.loaded.id, f.sig.as_ref(), &f.entities, Some(last)))
        .collect();
    let hits = store.index_candidates(&queries, &LIMITS)?;
    let cands: Vec<Vec<String>> = hits
        .into_par_iter()
        .enumerate()
        .map(|(i, hs)| {
            hs.into_iter()
                .filter(|h| {
                    // Later articles of this step pair with this one
                    // themselves.
                    position.get(h.article.as_str()).is_none_or(|&p| p <= i)
                        && !sketch_containment(&fresh[i].entry.sketch, &h.sketch)
                            .is_some_and(|c| c < PREFILTER_CONTAINMENT)
                })
                .map(|h| h.article)
                .collect()
        })
        .collect();
    // Load the candidates not at hand.
    let mut missing: Vec<&str> = cands
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|c| {
            !position.contains_key(*c) && !previous.contains_key(*c) && !cache.contains_key(*c)
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    let loaded = load_all(&*store, &missing)?;
    Ok(Prepared {
        last,
        fresh,
        position,
        cands,
        loaded,
    })
}

/// Reads the articles `ids` (one thread: the store's connection) and
/// builds them for scoring (all cores), the two overlapped: a chunk is
/// built while the next is read. Read first and built after, the reads
/// left the cores idle: at a million articles, overlapping them took the
/// stage from 264 s to 248 s.
fn load_all(store: &dyn Store, ids: &[&str]) -> Result<Vec<Loaded>, CorpusError> {
    /// Articles per chunk handed from the reader to the builders.
    const CHUNK: usize = 64;
    std::thread::scope(|s| {
        let (send, chunks) = std::sync::mpsc::sync_channel::<Vec<StoredArticle>>(2);
        let builder = s.spawn(move || {
            let mut out = Vec::new();
            for chunk in chunks {
                out.par_extend(chunk.into_par_iter().map(Loaded::new));
            }
            out
        });
        let read = (|| -> Result<(), CorpusError> {
            for part in ids.chunks(CHUNK) {
                let mut arts = Vec::with_capacity(part.len());
                for c in part {
                    arts.extend(store.article_content(c)?);
                }
                if send.send(arts).is_err() {
                    break;
                }
            }
            Ok(())
        })();
        drop(send);
        let built = builder
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        read.map(|()| built)
    })
}

/// Scores every candidate pair of a step, in parallel; per fresh article,
/// `(index into its candidates, score)` of the related ones.
fn score_step(p: &Prepared, cache: &Cache) -> Vec<Vec<(usize, PairScore)>> {
    p.cands
        .par_iter()
        .enumerate()
        .map(|(i, cs)| {
            let me = &p.fresh[i].loaded;
            cs.iter()
                .enumerate()
                .filter_map(|(k, cid)| {
                    let other = match p.position.get(cid.as_str()) {
                        Some(&q) => &p.fresh[q].loaded,
                        None => &cache.get(cid)?.0,
                    };
                    relate(me, other).map(|s| (k, s))
                })
                .collect()
        })
        .collect()
}

/// The links of a scored step: each new article's best origin, and the
/// stored articles that turn out to copy a new one.
fn step_links(p: &Prepared, scored: &[Vec<(usize, PairScore)>], cache: &Cache) -> Vec<Link> {
    let mut links = Vec::new();
    for (i, f) in p.fresh.iter().enumerate() {
        let me = &f.loaded;
        let mut best: Option<(Link, u8)> = None;
        for (k, s) in &scored[i] {
            let cid = &p.cands[i][*k];
            let other = match p.position.get(cid.as_str()) {
                Some(&q) => &p.fresh[q].loaded,
                None => match cache.get(cid) {
                    Some(e) => &e.0,
                    None => continue,
                },
            };
            if origin_first(other, me) {
                // The new article copies a stored one: keep only its best
                // origin, as the brief does.
                let l = make_link(other, me, s);
                let rank = rel_rank(&l.relation);
                let better = match &best {
                    None => true,
                    Some((b, br)) => {
                        (rank, l.score) > (*br, b.score)
                            || ((rank, l.score) == (*br, b.score) && l.to < b.to)
                    }
                };
                if better {
                    best = Some((l, rank));
                }
            } else {
                // A stored article turns out to copy the new one (older
                // ingest, later date or dirtier text).
                links.push(make_link(me, other, s));
            }
        }
        if let Some((l, _)) = best {
            links.push(l);
        }
    }
    links.sort_by(|a, b| (&a.from, &a.to, &a.relation).cmp(&(&b.from, &b.to, &b.relation)));
    links.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.relation == b.relation);
    links
}

/// Adds a loaded article to the cache, keeping the byte count.
fn cache_put(cache: &mut Cache, bytes: &mut usize, l: Loaded, step_no: u64) {
    *bytes += l.bytes();
    if let Some((old, _)) = cache.insert(l.id.clone(), (l, step_no)) {
        *bytes = bytes.saturating_sub(old.bytes());
    }
}

/// Finds copies, near-duplicates and rewrites between the articles added
/// since the last run and everything stored; stores the links
/// (copy → origin) and indexes the new articles. Incremental and
/// idempotent: a rerun after a crash redoes the steps since the links
/// were last written (at most [`WRITE_STEPS`] and one more), with the
/// candidates they had, and storing a link or an index entry twice
/// changes nothing.
///
/// Two steps are in flight: while one is scored (rayon, all cores), the
/// next is read, indexed and its candidates loaded (the store's one
/// thread), so the serial store work hides behind the parallel scoring.
///
/// Progress: stage `"links"` with the number of new articles.
pub fn update_links(
    store: &mut dyn Store,
    progress: &dyn Progress,
) -> Result<LinksReport, CorpusError> {
    let mut report = LinksReport::default();
    let cursor = store.cursor(LINKS_CURSOR)?;
    let total = count_after(store, cursor)?;
    progress.stage("links", total);
    let mut cache: Cache = HashMap::new();
    let mut cache_bytes: usize = 0;
    let mut step_no: u64 = 0;
    let no_previous = HashMap::new();
    // Links not written yet, and the cursor that goes with them.
    let mut pending: Vec<Link> = Vec::new();
    let mut pending_last: Option<i64> = None;
    let mut pending_steps: u64 = 0;
    let first = store.contents_after(cursor, STEP, true)?;
    let mut current: Option<Prepared> = if first.is_empty() {
        None
    } else {
        Some(prepare_step(store, first, &cache, &no_previous)?)
    };
    while let Some(mut cur) = current.take() {
        step_no += 1;
        // The step's loads join the cache; its candidates are marked used
        // so the eviction below keeps them.
        for l in std::mem::take(&mut cur.loaded) {
            cache_put(&mut cache, &mut cache_bytes, l, step_no);
        }
        for c in cur.cands.iter().flatten() {
            if let Some(e) = cache.get_mut(c) {
                e.1 = step_no;
            }
        }
        if cache_bytes > CACHE_BYTES {
            // Drop what the last few steps didn't use; then all but this
            // step's candidates if still full.
            cache.retain(|_, (_, used)| *used + 4 >= step_no);
            cache_bytes = cache.values().map(|(l, _)| l.bytes()).sum();
            if cache_bytes > CACHE_BYTES {
                cache.retain(|_, (_, used)| *used == step_no);
                cache_bytes = cache.values().map(|(l, _)| l.bytes()).sum();
            }
        }
        let more = !progress.cancelled();
        // Score this step while the next one is prepared.
        let (scored, next) = std::thread::scope(|s| {
            let scorer = s.spawn(|| score_step(&cur, &cache));
            // The next step's articles come in one range read.
            let next = if more {
                match store.contents_after(cur.last, STEP, true) {
                    Ok(arts) if arts.is_empty() => Ok(None),
                    Ok(arts) => prepare_step(store, arts, &cache, &cur.position).map(Some),
                    Err(e) => Err(e.into()),
                }
            } else {
                Ok(None)
            };
            let scored = scorer
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (scored, next)
        });
        let links = step_links(&cur, &scored, &cache);
        report.articles += cur.fresh.len() as u64;
        report.candidates += cur.cands.iter().map(|c| c.len() as u64).sum::<u64>();
        report.links += links.len() as u64;
        pending.extend(links);
        pending_last = Some(cur.last);
        pending_steps += 1;
        if pending.len() >= WRITE_EVERY || pending_steps >= WRITE_STEPS {
            write_pending(store, &mut pending, &mut pending_last)?;
            pending_steps = 0;
        }
        progress.advance(cur.fresh.len() as u64);
        // The step's articles become cache entries for the next steps.
        for f in cur.fresh {
            cache_put(&mut cache, &mut cache_bytes, f.loaded, step_no);
        }
        current = next?;
    }
    write_pending(store, &mut pending, &mut pending_last)?;
    Ok(report)
}

/// Writes the waiting links, then the cursor that says their steps are
/// done.
fn write_pending(
    store: &mut dyn Store,
    pending: &mut Vec<Link>,
    last: &mut Option<i64>,
) -> Result<(), CorpusError> {
    if !pending.is_empty() {
        store.put_links(pending)?;
        pending.clear();
    }
    if let Some(last) = last.take() {
        store.set_cursor(LINKS_CURSOR, last)?;
    }
    Ok(())
}

/// Number of articles after a cursor (for progress totals), counted in
/// pages so memory stays bounded.
pub(crate) fn count_after(store: &dyn Store, mut cursor: i64) -> Result<u64, CorpusError> {
    let mut n = 0u64;
    loop {
        let page = store.articles_after(cursor, 10_000)?;
        let Some(&(last, _)) = page.last() else {
            return Ok(n);
        };
        n += page.len() as u64;
        cursor = last;
    }
}
