//! Copy and rewrite lineage: which article copies or paraphrases which.
//!
//! Two fingerprints per article, both hashed with our own deterministic
//! hash (see `text.rs`):
//! - word 5-gram shingles, for verbatim copies (exact, near-duplicate,
//!   partial copy);
//! - content-word sets, for rewrites (reordered, synonyms, sentences
//!   dropped), which share few 5-grams but most of their vocabulary.
//!
//! Candidates come from MinHash LSH buckets (linear in the corpus), then
//! each candidate pair is scored exactly on the sets. The origin of a pair
//! is the one that comes first in time; on ties, the cleaner article
//! (less residue, no rewrite leaks), then the id.

use crate::text::{content_hashes, mix, tokens, Tokens};
use rayon::prelude::*;
use std::sync::OnceLock;

/// MinHash signature length.
const K: usize = 64;
/// LSH bands (rows per band = K / BANDS). 16 × 4 ⇒ threshold ≈ 0.5.
const BANDS: usize = 16;
const ROWS: usize = K / BANDS;
/// Shingle width in words.
const SHINGLE: usize = 5;
/// Buckets larger than this are not expanded pairwise (very common
/// boilerplate); their members are chained instead, which keeps the
/// candidate count linear.
const MAX_BUCKET: usize = 64;

/// Per-article fingerprints.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Hash of the whole normalised word sequence (exact duplicates).
    pub exact: u64,
    /// Sorted, de-duplicated 5-gram shingle hashes.
    pub shingles: Vec<u64>,
    /// Sorted, de-duplicated content-word hashes.
    pub vocab: Vec<u64>,
    /// MinHash signatures of both sets, computed on first use: only the
    /// brief's LSH needs them (the corpus keeps its own, stored ones).
    sigs: OnceLock<Box<Signatures>>,
}

/// MinHash signatures of the shingle and vocabulary sets.
#[derive(Debug, Clone)]
struct Signatures {
    shingles: [u64; K],
    vocab: [u64; K],
}

impl Fingerprint {
    fn sigs(&self) -> &Signatures {
        self.sigs.get_or_init(|| {
            Box::new(Signatures {
                shingles: minhash(&self.shingles),
                vocab: minhash(&self.vocab),
            })
        })
    }
}

/// Builds an article's fingerprint from its cleaned text.
pub fn fingerprint(text: &str) -> Fingerprint {
    fingerprint_tokens(&tokens(text))
}

/// [`fingerprint`] from an article's [`Tokens`].
pub fn fingerprint_tokens(t: &Tokens) -> Fingerprint {
    let mut exact_h: u64 = 0;
    let token_hashes: &[u64] = &t.words;
    for h in token_hashes {
        exact_h = mix(exact_h ^ h);
    }
    let mut shingles: Vec<u64> = if token_hashes.len() >= SHINGLE {
        token_hashes
            .windows(SHINGLE)
            .map(|w| w.iter().fold(0u64, |acc, h| mix(acc.rotate_left(7) ^ h)))
            .collect()
    } else if !token_hashes.is_empty() {
        vec![token_hashes.iter().fold(0u64, |acc, h| mix(acc ^ h))]
    } else {
        Vec::new()
    };
    shingles.sort_unstable();
    shingles.dedup();
    let mut vocab: Vec<u64> = t.content.iter().map(|x| x.1).collect();
    vocab.sort_unstable();
    vocab.dedup();
    Fingerprint {
        exact: exact_h,
        sigs: OnceLock::new(),
        shingles,
        vocab,
    }
}

fn minhash(set: &[u64]) -> [u64; K] {
    // One mix per element, then K multiply-add permutations with fixed odd
    // multipliers: a cheap universal family, plenty for MinHash.
    let mut sig = [u64::MAX; K];
    for &h in set {
        let h = mix(h);
        for (i, s) in sig.iter_mut().enumerate() {
            let v = h
                .wrapping_mul(SEEDS[i] | 1)
                .wrapping_add(SEEDS[(i + 1) % K])
                .rotate_left(29);
            if v < *s {
                *s = v;
            }
        }
    }
    sig
}

/// Fixed seeds: the signature of a text never changes between runs or
/// versions of this crate unless these do.
const SEEDS: [u64; K] = {
    let mut s = [0u64; K];
    let mut i = 0;
    let mut x: u64 = 0x5eed_0f_4e_77_5d_e5_0u64;
    while i < K {
        // splitmix64 step, const-evaluated.
        x = x.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        s[i] = z ^ (z >> 31);
        i += 1;
    }
    s
};

/// Sizes of intersection of two sorted, de-duplicated sets.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Candidate pairs `(i, j)` with `i < j`, from LSH buckets of both
/// signatures, sorted and de-duplicated.
pub fn candidate_pairs(fps: &[Fingerprint]) -> Vec<(usize, usize)> {
    // Signatures on all cores first; the banding below is sequential.
    fps.par_iter().for_each(|f| {
        f.sigs();
    });
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(fps.len());
    for which in 0..2 {
        for band in 0..BANDS {
            keyed.clear();
            for (idx, fp) in fps.iter().enumerate() {
                let sig = if which == 0 {
                    &fp.sigs().shingles
                } else {
                    &fp.sigs().vocab
                };
                if (which == 0 && fp.shingles.is_empty()) || (which == 1 && fp.vocab.is_empty()) {
                    continue;
                }
                let mut h = band as u64;
                for r in 0..ROWS {
                    h = mix(h ^ sig[band * ROWS + r]);
                }
                keyed.push((h, idx));
            }
            // Sorting groups equal band hashes together: a bucket is a run.
            keyed.sort_unstable();
            let mut start = 0;
            while start < keyed.len() {
                let mut end = start + 1;
                while end < keyed.len() && keyed[end].0 == keyed[start].0 {
                    end += 1;
                }
                let members = &keyed[start..end];
                if members.len() > MAX_BUCKET {
                    for w in members.windows(2) {
                        pairs.push((w[0].1, w[1].1));
                    }
                } else {
                    for (a, &(_, i)) in members.iter().enumerate() {
                        for &(_, j) in &members[a + 1..] {
                            pairs.push((i, j));
                        }
                    }
                }
                start = end;
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// How two articles relate textually.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// `exact`, `near_duplicate`, `copy`, `rewrite`, or `None` if unrelated.
    pub relation: Option<&'static str>,
    /// Jaccard of 5-gram shingles.
    pub shingle_jaccard: f64,
    /// Shared shingles over the smaller set.
    pub shingle_containment: f64,
    /// Shared content words over the smaller vocabulary.
    pub vocab_containment: f64,
    /// Share of sentences aligned (rewrites only; 0 otherwise).
    pub sentence_alignment: f64,
    /// The score reported for the relation.
    pub score: f64,
}

impl PairScore {
    /// The textual evidence for a link, in words a reader can check:
    /// shared shingles, shared vocabulary, aligned sentences.
    pub fn evidence(&self) -> Vec<String> {
        let mut evidence = vec![
            format!(
                "{:.0}% of 5-word shingles shared (Jaccard {:.2})",
                self.shingle_containment * 100.0,
                self.shingle_jaccard
            ),
            format!(
                "{:.0}% of content words shared",
                self.vocab_containment * 100.0
            ),
        ];
        if self.sentence_alignment > 0.0 {
            evidence.push(format!(
                "{:.0}% of sentences align with the origin's",
                self.sentence_alignment * 100.0
            ));
        }
        evidence
    }
}

/// Thresholds, tuned on the demo corpus and the generator in `bench/`.
const NEAR_DUP_JACCARD: f64 = 0.8;
const COPY_CONTAINMENT: f64 = 0.5;

/// Scores a candidate pair.
pub fn score(a: &Fingerprint, b: &Fingerprint) -> PairScore {
    let si = intersection(&a.shingles, &b.shingles) as f64;
    let su = (a.shingles.len() + b.shingles.len()) as f64 - si;
    let jac = if su > 0.0 { si / su } else { 0.0 };
    let smin = a.shingles.len().min(b.shingles.len()).max(1) as f64;
    let cont = si / smin;
    let vi = intersection(&a.vocab, &b.vocab) as f64;
    let vmin = a.vocab.len().min(b.vocab.len()).max(1) as f64;
    let vcont = vi / vmin;
    let (relation, score) = if a.exact == b.exact && !a.shingles.is_empty() {
        (Some("exact"), 1.0)
    } else if jac >= NEAR_DUP_JACCARD {
        (Some("near_duplicate"), jac)
    } else if cont >= COPY_CONTAINMENT {
        (Some("copy"), cont)
    } else {
        (None, jac)
    };
    PairScore {
        relation,
        shingle_jaccard: jac,
        shingle_containment: cont,
        vocab_containment: vcont,
        sentence_alignment: 0.0,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "The talks in Larsholm ended on Tuesday without agreement, officials said. \
        Negotiators from both sides will meet again next week to discuss a ceasefire proposal \
        that would freeze the front line and open humanitarian corridors for civilians.";

    #[test]
    fn exact_copy_detected() {
        let a = fingerprint(BASE);
        let b = fingerprint(&format!("{BASE}\n"));
        assert_eq!(score(&a, &b).relation, Some("exact"));
    }

    #[test]
    fn furniture_copy_is_near_duplicate_or_copy() {
        let a = fingerprint(BASE);
        let b = fingerprint(&format!("{BASE}\nMore From Author\nRecent Updates"));
        let s = score(&a, &b);
        assert!(
            matches!(s.relation, Some("near_duplicate") | Some("copy")),
            "{s:?}"
        );
    }

    #[test]
    fn unrelated_not_linked() {
        let a = fingerprint(BASE);
        let b = fingerprint(
            "The home side won the cup final by two goals after a late penalty, \
            and the coach praised the young striker who scored twice in the second half.",
        );
        assert_eq!(score(&a, &b).relation, None);
    }

    #[test]
    fn lsh_finds_copies() {
        let fps: Vec<_> = [
            BASE,
            "Something else entirely about weather and rain in the hills today.",
            BASE,
        ]
        .iter()
        .map(|t| fingerprint(t))
        .collect();
        assert!(candidate_pairs(&fps).contains(&(0, 2)));
    }

    #[test]
    fn fingerprint_is_deterministic() {
        assert_eq!(
            fingerprint(BASE).sigs().shingles,
            fingerprint(BASE).sigs().shingles
        );
        // A fixed value guards against accidental changes to the hashing.
        assert_eq!(fingerprint("a b c d e").shingles.len(), 1);
    }
}

/// Sentence alignment between two articles, for rewrites: the share of
/// the shorter article's sentences whose content words mostly reappear in
/// some sentence of the other (best Jaccard ≥ 0.3 on content words).
/// Paraphrasers keep the order of facts, the names and the numbers, so a
/// rewrite aligns most of its sentences; two independent reports of one
/// event align only a few (shared quotes, stock background).
pub fn sentence_alignment(a: &[Vec<u64>], b: &[Vec<u64>]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let usable: Vec<&Vec<u64>> = short.iter().filter(|s| s.len() >= 4).collect();
    if usable.is_empty() {
        return 0.0;
    }
    let mut aligned = 0usize;
    for s in &usable {
        let best = long
            .iter()
            .filter(|t| t.len() >= 3)
            .map(|t| {
                let i = intersection(s, t) as f64;
                i / (s.len() + t.len()) as f64 * 2.0 // Dice
            })
            .fold(0.0, f64::max);
        if best >= 0.45 {
            aligned += 1;
        }
    }
    aligned as f64 / usable.len() as f64
}

/// Content-word hash sets of each sentence, for [`sentence_alignment`].
pub fn sentence_sets(text: &str, sentences: &[newsdesk_core::Sentence]) -> Vec<Vec<u64>> {
    sentence_sets_tokens(&tokens(text), sentences)
}

/// [`sentence_sets`] from an article's [`Tokens`]: content words are
/// assigned to sentences by offset (both are in text order).
pub fn sentence_sets_tokens(t: &Tokens, sentences: &[newsdesk_core::Sentence]) -> Vec<Vec<u64>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut k = 0;
    for s in sentences {
        while k < t.content.len() && t.content[k].0 < s.span.start {
            k += 1;
        }
        let mut v = Vec::new();
        while k < t.content.len() && t.content[k].0 < s.span.end {
            v.push(t.content[k].1);
            k += 1;
        }
        v.sort_unstable();
        v.dedup();
        out.push(v);
    }
    out
}

#[allow(dead_code)]
fn sentence_sets_by_slicing(text: &str, sentences: &[newsdesk_core::Sentence]) -> Vec<Vec<u64>> {
    sentences
        .iter()
        .filter_map(|s| text.get(s.span.start..s.span.end))
        .map(|s| {
            let mut v: Vec<u64> = content_hashes(s);
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
}

/// How likely `b` is a rewrite of `a` (or the reverse), from their text
/// alone, 0..1: overlap of content words and of word pairs (Dice), times a
/// penalty when the numbers they state disagree — a rewrite that alters a
/// figure is still a rewrite, but two different reports usually differ in
/// their numbers. Works on sentences and on whole articles; the article
/// lineage uses sentence alignment on top of it.
pub fn rewrite_score(a: &str, b: &str) -> f64 {
    let ta = tokens(a);
    let tb = tokens(b);
    let set = |v: &mut Vec<u64>| {
        v.sort_unstable();
        v.dedup();
    };
    let mut ca: Vec<u64> = ta.content.iter().map(|x| x.1).collect();
    let mut cb: Vec<u64> = tb.content.iter().map(|x| x.1).collect();
    set(&mut ca);
    set(&mut cb);
    let bigrams = |w: &[u64]| {
        let mut v: Vec<u64> = w
            .windows(2)
            .map(|p| mix(p[0].rotate_left(17) ^ p[1]))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (ba, bb) = (bigrams(&ta.words), bigrams(&tb.words));
    let dice = |x: &[u64], y: &[u64]| {
        if x.is_empty() && y.is_empty() {
            return 0.0;
        }
        2.0 * intersection(x, y) as f64 / (x.len() + y.len()) as f64
    };
    let words = dice(&ca, &cb);
    let pairs = dice(&ba, &bb);
    let nums = |s: &str| {
        let mut v: Vec<String> = s
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|t| t.trim_matches('.'))
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (na, nb) = (nums(a), nums(b));
    let penalty = if na.is_empty() || nb.is_empty() {
        1.0
    } else {
        let shared = na.iter().filter(|x| nb.contains(x)).count() as f64;
        0.6 + 0.4 * shared / na.len().max(nb.len()) as f64
    };
    (0.8 * words + 0.2 * pairs) * penalty
}
