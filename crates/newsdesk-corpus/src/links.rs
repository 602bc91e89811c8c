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

use crate::signature::{entity_keys, Signature};
use crate::CorpusError;
use newsdesk_core::RemovalReason;
use newsdesk_crosscheck::{
    fingerprint, pair_score, sentence_alignment, sentence_sets, Fingerprint, PairScore,
};
use newsdesk_engine::Progress;
use newsdesk_store::{AnalysisDoc, Link, Store, StoredArticle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Cursor name: last article position processed by [`update_links`].
pub(crate) const LINKS_CURSOR: &str = "links";
/// Articles per step (one index transaction, one links transaction).
const STEP: usize = 256;
/// Candidates scored exactly per new article, at most (most shared keys
/// first).
const MAX_CANDIDATES: usize = 48;
/// Articles read per index key, at most: a bucket this full is
/// boilerplate, not a copy.
const PER_KEY_LIMIT: usize = 256;
/// Loaded articles kept between steps, at most (a few tens of MB).
const CACHE_LIMIT: usize = 4096;
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

/// One article loaded for scoring.
struct Loaded {
    art: StoredArticle,
    doc: AnalysisDoc,
    fp: Fingerprint,
    sentences: Option<Vec<Vec<u64>>>,
}

impl Loaded {
    fn new(art: StoredArticle) -> Self {
        let doc = art.analysis_doc().unwrap_or_default();
        let fp = fingerprint(&art.text);
        Loaded {
            art,
            doc,
            fp,
            sentences: None,
        }
    }
    fn sentences(&mut self) -> &[Vec<u64>] {
        if self.sentences.is_none() {
            self.sentences = Some(sentence_sets(&self.art.text, &self.doc.analysis.sentences));
        }
        self.sentences.as_deref().unwrap_or(&[])
    }
    fn dirt(&self) -> usize {
        self.doc.removed.len()
            + 5 * self
                .doc
                .removed
                .iter()
                .filter(|r| r.reason == RemovalReason::RewriteLeak)
                .count()
            + self.doc.repairs.len()
    }
    fn narrow(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        self.art
            .published
            .filter(|(e, l)| (*l - *e).num_days() <= 31)
    }
    fn exact_date(&self) -> bool {
        self.art.published.is_some_and(|(e, l)| e == l)
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
    (a.dirt(), !a.exact_date(), &a.art.id) <= (b.dirt(), !b.exact_date(), &b.art.id)
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
fn relate(a: &mut Loaded, b: &mut Loaded) -> Option<PairScore> {
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
        from: copy.art.id.clone(),
        to: origin.art.id.clone(),
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

/// Index keys of a stored article: copy bands, vocabulary bands, entities.
pub(crate) fn index_keys(art: &StoredArticle) -> Vec<i64> {
    let mut keys = Vec::new();
    if let Some(sig) = art.minhash.as_deref().and_then(Signature::from_bytes) {
        keys.extend(sig.copy_keys());
        keys.extend(sig.vocab_keys());
    }
    keys.extend(entity_keys(&art.entities));
    keys
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
    let mut out: Vec<String> = Vec::new();
    if let Some(sig) = &sig {
        out.extend(
            store
                .index_lookup(&sig.copy_keys(), PER_KEY_LIMIT)?
                .into_iter()
                .map(|(id, _)| id),
        );
    }
    let mut weak_keys = sig.map(|s| s.vocab_keys()).unwrap_or_default();
    weak_keys.extend(entity_keys(&art.entities));
    for (id, shared) in store.index_lookup(&weak_keys, PER_KEY_LIMIT)? {
        if shared >= 2 && !out.contains(&id) {
            out.push(id);
        }
    }
    out.retain(|c| *c != art.id);
    out.truncate(MAX_CANDIDATES);
    Ok(out)
}

/// Finds copies, near-duplicates and rewrites between the articles added
/// since the last run and everything stored; stores the links
/// (copy → origin) and indexes the new articles. Incremental and
/// idempotent: a rerun after a crash redoes at most one step, and storing
/// a link twice changes nothing.
///
/// Progress: stage `"links"` with the number of new articles.
pub fn update_links(
    store: &mut dyn Store,
    progress: &dyn Progress,
) -> Result<LinksReport, CorpusError> {
    let mut report = LinksReport::default();
    let mut cursor = store.cursor(LINKS_CURSOR)?;
    let total = count_after(store, cursor)?;
    progress.stage("links", total);
    // Loaded articles (text, analysis, fingerprint) kept across steps:
    // recent articles are the likeliest candidates of the next ones, and
    // loading + fingerprinting dominates the cost of a candidate.
    let mut loaded: BTreeMap<String, Loaded> = BTreeMap::new();
    loop {
        let step = store.articles_after(cursor, STEP)?;
        let Some(&(last, _)) = step.last() else { break };
        // Index the whole step first (one transaction); pairs inside the
        // step are then found by the later article of each pair.
        if loaded.len() > CACHE_LIMIT {
            loaded.clear();
        }
        let mut entries = Vec::with_capacity(step.len());
        for (_, id) in &step {
            if let Some(art) = store.get_article(id)? {
                entries.push((id.clone(), index_keys(&art)));
                loaded.entry(id.clone()).or_insert_with(|| Loaded::new(art));
            }
        }
        store.put_index_keys(&entries)?;
        let position: BTreeMap<&str, usize> = step
            .iter()
            .enumerate()
            .map(|(i, (_, id))| (id.as_str(), i))
            .collect();
        let mut links = Vec::new();
        for (i, (_, id)) in step.iter().enumerate() {
            let Some(mut me) = loaded.remove(id) else {
                continue;
            };
            report.articles += 1;
            let mut best: Option<(Link, u8)> = None;
            for cid in candidates(store, &me.art)? {
                // Later articles of this step pair with this one themselves.
                if position.get(cid.as_str()).is_some_and(|&p| p > i) {
                    continue;
                }
                let mut other = match loaded.remove(&cid) {
                    Some(l) => l,
                    None => match store.get_article(&cid)? {
                        Some(a) => Loaded::new(a),
                        None => continue,
                    },
                };
                report.candidates += 1;
                if let Some(s) = relate(&mut me, &mut other) {
                    if origin_first(&other, &me) {
                        // The new article copies a stored one: keep only
                        // its best origin, as the brief does.
                        let l = make_link(&other, &me, &s);
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
                        // A stored article turns out to copy the new one
                        // (older ingest, later date or dirtier text).
                        links.push(make_link(&me, &other, &s));
                    }
                }
                loaded.insert(cid, other);
            }
            if let Some((l, _)) = best {
                links.push(l);
            }
            loaded.insert(id.clone(), me);
            progress.advance(1);
        }
        links.sort_by(|a, b| (&a.from, &a.to, &a.relation).cmp(&(&b.from, &b.to, &b.relation)));
        links.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.relation == b.relation);
        report.links += links.len() as u64;
        store.put_links(&links)?;
        store.set_cursor(LINKS_CURSOR, last)?;
        cursor = last;
        if progress.cancelled() {
            break;
        }
    }
    Ok(report)
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
