//! Story clustering for the brief: articles about the same *development*,
//! not merely the same topic.
//!
//! [`cluster`] hands the whole brief, as one batch, to the shared story
//! engine ([`newsdesk_stories::StoryIndex`]) — the same engine, rules and
//! thresholds the persistent corpus uses incrementally (TF-IDF words and
//! entities, links only between articles dated close together, copies
//! always with their origin, stories spanning at most
//! [`MAX_STORY_SPAN_DAYS`] days). See that crate for the rules.
//!
//! [`similarities`] stays here: it scores candidate pairs (TF-IDF over the
//! whole brief, inverted index of each article's heaviest terms) for the
//! rewrite search in lineage.

use chrono::NaiveDate;
use newsdesk_stories::{StoryArticle, StoryConfig, StoryIndex};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A story's dated members span at most this many days (the engine's
/// default, restated for the docs).
pub const MAX_STORY_SPAN_DAYS: i64 = 10;
const TOP_TERMS: usize = 100;
const MAX_POSTING: usize = 64;
const IDF_FLOOR_DOCS: f64 = 500.0;
/// Share of the similarity from the words; the rest from the entities.
const TEXT_WEIGHT: f64 = 0.5;
const INDEX_TERMS: usize = 6;

/// One article's inputs to clustering.
pub struct StoryInput<'a> {
    /// Content-word hashes of the article, in text order.
    pub content: &'a [u64],
    /// Publication window, when known.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Canonical entity indices mentioned (with repeats: one per mention).
    pub entities: Vec<usize>,
}

/// Sparse vector: sorted (term id, weight), L2-normalised.
type Vector = Vec<(u32, f64)>;

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Candidate pairs `(i, j, cosine)` with `i < j`, from the inverted index
/// of each article's heaviest terms.
pub fn similarities(inputs: &[StoryInput<'_>]) -> Vec<(usize, usize, f64)> {
    let n = inputs.len();
    // Per document: (term hash, count), sorted by hash.
    let docs: Vec<Vec<(u64, u32)>> = inputs
        .par_iter()
        .map(|d| {
            let mut h = d.content.to_vec();
            h.sort_unstable();
            let mut out: Vec<(u64, u32)> = Vec::with_capacity(h.len());
            for x in h {
                match out.last_mut() {
                    Some((t, c)) if *t == x => *c += 1,
                    _ => out.push((x, 1)),
                }
            }
            out
        })
        .collect();
    // Vocabulary (sorted hashes: deterministic ids) and document frequencies.
    let mut all: Vec<u64> = docs.iter().flat_map(|d| d.iter().map(|x| x.0)).collect();
    all.sort_unstable();
    let mut vocab: Vec<u64> = Vec::new();
    let mut dfs: Vec<u32> = Vec::new();
    for x in all {
        if vocab.last() == Some(&x) {
            *dfs.last_mut().unwrap() += 1;
        } else {
            vocab.push(x);
            dfs.push(1);
        }
    }
    // Small corpora are usually one topic: a plain IDF would zero out the
    // very words that tie a story together. Damp it as if the corpus had
    // at least IDF_FLOOR_DOCS articles.
    let n_eff = (n as f64).max(IDF_FLOOR_DOCS);
    let vectors: Vec<Vector> = docs
        .par_iter()
        .map(|d| {
            let mut tf: Vec<(u32, f64)> = Vec::with_capacity(d.len());
            for &(h, c) in d {
                let t = vocab.binary_search(&h).unwrap_or(0);
                if dfs[t] < 2 && n > 1 {
                    continue;
                }
                tf.push((t as u32, c as f64));
            }
            // Weight: (1 + ln tf) * idf.
            let mut v: Vec<(u32, f64)> = tf
                .into_iter()
                .map(|(t, c): (u32, f64)| {
                    let idf = (1.0 + n_eff / dfs[t as usize] as f64).ln();
                    (t, (1.0 + f64::ln(c)) * idf)
                })
                .collect();
            v.sort_by(|a, b| {
                b.1.partial_cmp(&a.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.0.cmp(&b.0))
            });
            v.truncate(TOP_TERMS);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in v.iter_mut() {
                    x.1 /= norm;
                }
            }
            v.sort_by_key(|x| x.0);
            v
        })
        .collect();
    // Inverted index over each article's heaviest terms.
    // Terms (and entities) in more articles than this are topic-level:
    // they would make the candidate pairs quadratic and add nothing.
    let max_posting = MAX_POSTING;
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let mut top: Vec<&(u32, f64)> = v.iter().collect();
        top.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.0.cmp(&b.0))
        });
        for (t, _) in top.into_iter().take(INDEX_TERMS) {
            postings.entry(*t).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for p in postings.values() {
        if p.len() > max_posting {
            continue;
        }
        for (a, &i) in p.iter().enumerate() {
            for &j in &p[a + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    // Entity vectors: who and what an article is about. Plain (undamped)
    // IDF here: an entity every article names (the president of the day)
    // says nothing about the development, a rare one says a lot.
    let mut edf: BTreeMap<usize, u32> = BTreeMap::new();
    for d in inputs {
        let mut e = d.entities.clone();
        e.sort_unstable();
        e.dedup();
        for x in e {
            *edf.entry(x).or_default() += 1;
        }
    }
    let evecs: Vec<Vec<(u32, f64)>> = inputs
        .iter()
        .map(|d| {
            let mut tf: BTreeMap<usize, f64> = BTreeMap::new();
            for &e in &d.entities {
                *tf.entry(e).or_default() += 1.0;
            }
            let mut v: Vec<(u32, f64)> = tf
                .into_iter()
                .map(|(e, c)| {
                    (
                        e as u32,
                        (1.0 + c.ln()) * ((n as f64 + 1.0) / (edf[&e] as f64 + 0.5)).ln().max(0.0),
                    )
                })
                .filter(|x| x.1 > 0.0)
                .collect();
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in v.iter_mut() {
                    x.1 /= norm;
                }
            }
            v
        })
        .collect();
    let mut epost: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in evecs.iter().enumerate() {
        for (e, _) in v {
            epost.entry(*e).or_default().push(i);
        }
    }
    for p in epost.values() {
        if p.len() > max_posting {
            continue;
        }
        for (a, &i) in p.iter().enumerate() {
            for &j in &p[a + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_par_iter()
        .map(|(i, j)| {
            let text = cosine(&vectors[i], &vectors[j]);
            let ents = cosine(&evecs[i], &evecs[j]);
            (i, j, TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * ents)
        })
        .collect()
}

/// The story engine's setting for a brief: the shared defaults (those
/// of the persistent corpus), except that the brief is one closed batch —
/// the whole collection — so words found in one article only are dropped
/// (see [`StoryConfig::closed_world`]), and, holding no more than one
/// brief, it can afford longer word vectors.
pub fn brief_config() -> StoryConfig {
    StoryConfig {
        closed_world: true,
        top_terms: TOP_TERMS,
        max_span_days: MAX_STORY_SPAN_DAYS,
        ..StoryConfig::default()
    }
}

/// The engine's inputs for a brief: article `i` is named by its index
/// (zero-padded, so ids sort like the brief's order); `forced` pairs
/// `(origin, copy)` become the copy's `copy_of`.
pub fn story_articles(inputs: &[StoryInput<'_>], forced: &[(usize, usize)]) -> Vec<StoryArticle> {
    let mut origin: Vec<Option<usize>> = vec![None; inputs.len()];
    for &(o, c) in forced {
        if c < origin.len() && o < inputs.len() && o != c {
            // One origin per copy; if given several, the first counts.
            origin[c].get_or_insert(o);
        }
    }
    inputs
        .iter()
        .enumerate()
        .map(|(i, d)| StoryArticle {
            id: format!("{i:09}"),
            window: d.window,
            terms: d.content.iter().map(|h| (*h, 1)).collect(),
            entities: d.entities.iter().map(|e| (*e as u64, 1)).collect(),
            copy_of: origin[i].map(|o| format!("{o:09}")),
        })
        .collect()
}

/// Clusters a brief's articles with the shared incremental engine
/// ([`newsdesk_stories::StoryIndex`], one batch): `forced` pairs
/// `(origin, copy)` always join; similar articles join when their dates
/// are close, and a story's narrowly dated members span at most
/// [`MAX_STORY_SPAN_DAYS`] days. `sims` (from [`similarities`]) is not
/// needed — the engine finds and scores its own candidates, exactly as it
/// does for the persistent corpus — and is accepted for compatibility.
/// Returns a cluster label per article (the smallest member index).
pub fn cluster(
    inputs: &[StoryInput<'_>],
    _sims: &[(usize, usize, f64)],
    forced: &[(usize, usize)],
) -> Vec<usize> {
    let n = inputs.len();
    let mut idx = StoryIndex::new(brief_config());
    idx.add(story_articles(inputs, forced));
    let mut labels: Vec<usize> = (0..n).collect();
    for (_, members) in idx.stories() {
        let ids: Vec<usize> = members.iter().filter_map(|m| m.parse().ok()).collect();
        if let Some(&min) = ids.iter().min() {
            for i in ids {
                if i < n {
                    labels[i] = min;
                }
            }
        }
    }
    labels
}
