//! Story clustering: articles about the same *development*, not merely the
//! same topic.
//!
//! Each article becomes a sparse TF-IDF vector over content words that
//! occur in at least two articles (its 40 heaviest terms). Candidate pairs
//! come from an inverted index of each article's 10 heaviest terms (very
//! common terms skipped), so the work stays near-linear in the number of
//! articles. A pair is linked when its cosine is high enough AND its dates
//! are close; copy/rewrite links always join. Two articles on the same
//! talks months apart therefore land in different stories.

use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Linking threshold on TF-IDF cosine for two articles dated within
/// [`MAX_GAP_DAYS`] of each other.
const LINK_COSINE: f64 = 0.17;
/// Linking threshold when either date is unknown or vague (window wider
/// than [`NARROW_WINDOW_DAYS`]): the text alone must carry the link.
const LINK_COSINE_UNDATED: f64 = 0.40;
/// Maximum gap in days between two linked articles' date windows.
const MAX_GAP_DAYS: i64 = 3;
/// A story's dated members span at most this many days.
const MAX_STORY_SPAN_DAYS: i64 = 10;
/// A date window at most this wide counts as a date.
const NARROW_WINDOW_DAYS: i64 = 7;
/// Windows up to this wide (a month-level estimate) still place an
/// article in time, loosely: they link at [`LINK_COSINE_LOOSE`].
const LOOSE_WINDOW_DAYS: i64 = 45;
/// Linking threshold for two loosely dated articles.
const LINK_COSINE_LOOSE: f64 = 0.25;
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

fn gap_days(a: Option<(NaiveDate, NaiveDate)>, b: Option<(NaiveDate, NaiveDate)>) -> i64 {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => {
            if a1 < b0 {
                (b0 - a1).num_days()
            } else if b1 < a0 {
                (a0 - b1).num_days()
            } else {
                0
            }
        }
        // Unknown dates don't block a link: the text must carry it.
        _ => 0,
    }
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

/// Clusters articles: `forced` pairs (copies, rewrites) always join;
/// similar pairs join when their dates are close, strongest links first,
/// and only while the merged story's dated members span at most
/// [`MAX_STORY_SPAN_DAYS`] — so a broad explainer or a chain of daily
/// articles can't weld weeks of developments into one story. Returns a
/// cluster label per article (the smallest member index).
pub fn cluster(
    inputs: &[StoryInput<'_>],
    sims: &[(usize, usize, f64)],
    forced: &[(usize, usize)],
) -> Vec<usize> {
    let n = inputs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let nx = p[y];
            p[y] = r;
            y = nx;
        }
        r
    }
    let within = |w: Option<(NaiveDate, NaiveDate)>, days: i64| {
        w.is_some_and(|(a, b)| (b - a).num_days() <= days)
    };
    // Per root: the span of its narrowly dated members.
    let mut span: Vec<Option<(NaiveDate, NaiveDate)>> = inputs
        .iter()
        .map(|d| d.window.filter(|_| within(d.window, NARROW_WINDOW_DAYS)))
        .collect();
    let merge_span =
        |a: Option<(NaiveDate, NaiveDate)>, b: Option<(NaiveDate, NaiveDate)>| match (a, b) {
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
            (x, None) | (None, x) => x,
        };
    let union = |p: &mut Vec<usize>,
                 span: &mut Vec<Option<(NaiveDate, NaiveDate)>>,
                 a: usize,
                 b: usize,
                 check: bool| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra == rb {
            return;
        }
        let merged = merge_span(span[ra], span[rb]);
        if check && merged.is_some_and(|(s, e)| (e - s).num_days() > MAX_STORY_SPAN_DAYS) {
            return;
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        p[hi] = lo;
        span[lo] = merged;
    };
    for &(i, j) in forced {
        union(&mut parent, &mut span, i, j, false);
    }
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    for &(i, j, cos) in sims {
        let (wi, wj) = (inputs[i].window, inputs[j].window);
        if gap_days(wi, wj) > MAX_GAP_DAYS {
            continue;
        }
        let threshold = if within(wi, NARROW_WINDOW_DAYS) && within(wj, NARROW_WINDOW_DAYS) {
            LINK_COSINE
        } else if within(wi, LOOSE_WINDOW_DAYS) && within(wj, LOOSE_WINDOW_DAYS) {
            LINK_COSINE_LOOSE
        } else {
            LINK_COSINE_UNDATED
        };
        if cos >= threshold {
            links.push((i, j, cos));
        }
    }
    links.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
    for (i, j, _) in links {
        union(&mut parent, &mut span, i, j, true);
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}
