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

use crate::text::content_words;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Linking threshold on TF-IDF cosine for two articles dated within
/// [`MAX_GAP_DAYS`] of each other.
const LINK_COSINE: f64 = 0.17;
/// Linking threshold when either date is unknown or vague (window wider
/// than [`NARROW_WINDOW_DAYS`]): the text alone must carry the link.
const LINK_COSINE_UNDATED: f64 = 0.40;
/// Maximum gap in days between two linked articles' date windows.
const MAX_GAP_DAYS: i64 = 3;
/// A date window at most this wide counts as a date.
const NARROW_WINDOW_DAYS: i64 = 7;
const TOP_TERMS: usize = 100;
const IDF_FLOOR_DOCS: f64 = 500.0;
const INDEX_TERMS: usize = 10;

/// One article's inputs to clustering.
pub struct StoryInput<'a> {
    /// Cleaned text.
    pub text: &'a str,
    /// Publication window, when known.
    pub window: Option<(NaiveDate, NaiveDate)>,
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
    let docs: Vec<Vec<String>> = inputs.iter().map(|d| content_words(d.text)).collect();
    // Vocabulary and document frequencies (BTreeMap: deterministic ids).
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let term_id: BTreeMap<&str, u32> = df.keys().enumerate().map(|(i, w)| (*w, i as u32)).collect();
    // Small corpora are usually one topic: a plain IDF would zero out the
    // very words that tie a story together. Damp it as if the corpus had
    // at least IDF_FLOOR_DOCS articles.
    let n_eff = (n as f64).max(IDF_FLOOR_DOCS);
    let dfs: Vec<u32> = df.values().copied().collect();
    let vectors: Vec<Vector> = docs
        .iter()
        .map(|d| {
            let mut tf: BTreeMap<u32, f64> = BTreeMap::new();
            for w in d {
                let dfw = df[w.as_str()];
                if dfw < 2 && n > 1 {
                    continue;
                }
                *tf.entry(term_id[w.as_str()]).or_default() += 1.0;
            }
            // Weight: (1 + ln tf) * idf.
            let mut v: Vec<(u32, f64)> = tf
                .into_iter()
                .map(|(t, c)| {
                    let idf = (1.0 + n_eff / dfs[t as usize] as f64).ln();
                    (t, (1.0 + f64::ln(c)) * idf)
                })
                .collect();
            v.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
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
    let max_posting = (n / 10).max(200);
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let mut top: Vec<&(u32, f64)> = v.iter().collect();
        top.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
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
    pairs.sort_unstable();
    pairs.dedup();
    pairs.into_iter().map(|(i, j)| (i, j, cosine(&vectors[i], &vectors[j]))).collect()
}

/// Clusters articles: `forced` pairs (copies, rewrites) always join;
/// similar pairs join when their dates are close. Returns a cluster label
/// per article (the smallest member index).
pub fn cluster(inputs: &[StoryInput<'_>], sims: &[(usize, usize, f64)], forced: &[(usize, usize)]) -> Vec<usize> {
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
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            p[hi] = lo;
        }
    };
    for &(i, j) in forced {
        union(&mut parent, i, j);
    }
    let narrow = |w: Option<(NaiveDate, NaiveDate)>| w.is_some_and(|(a, b)| (b - a).num_days() <= NARROW_WINDOW_DAYS);
    for &(i, j, cos) in sims {
        let dated = narrow(inputs[i].window) && narrow(inputs[j].window);
        if gap_days(inputs[i].window, inputs[j].window) > MAX_GAP_DAYS {
            continue;
        }
        if cos >= if dated { LINK_COSINE } else { LINK_COSINE_UNDATED } {
            union(&mut parent, i, j);
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}
