//! Corpus-wide line statistics: in how many distinct articles each short,
//! normalised line occurs. Built in a first pass (possibly in parallel with
//! `fold` + [`CorpusProfile::merge`]), then consulted by the cleaner.

use crate::lines::{split_lines, RepairLog};
use crate::text::{norm_hash, word_count};
use std::collections::HashMap;

/// Only lines shorter than this (in words) are profiled: longer lines
/// repeated across articles are copied bodies, reported by another stage.
pub(crate) const MAX_WORDS: usize = 12;

/// Minimum number of distinct articles for a corpus-boilerplate line.
pub const MIN_ARTICLES: u32 = 3;

/// Minimum share of the corpus's articles for a corpus-boilerplate line.
pub const MIN_SHARE: f64 = 0.01;

/// Corpus-wide line statistics for the cleaner's repetition signal.
///
/// ```
/// use newsdesk_clean::CorpusProfile;
/// let mut p = CorpusProfile::default();
/// for body in ["A\nSubscribe Now", "B\nSubscribe now!", "C\nsubscribe now"] {
///     p.add(body);
/// }
/// assert_eq!(p.len(), 3);
/// assert_eq!(p.line_count("SUBSCRIBE NOW"), 3);
/// assert!(p.is_boilerplate("Subscribe now"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct CorpusProfile {
    /// Number of articles added.
    articles: u32,
    /// Hash of normalised line ([`norm_hash`], seedless so profiles built
    /// on different threads merge exactly) → number of distinct articles.
    counts: HashMap<u64, u32>,
}

impl CorpusProfile {
    /// An empty profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one article's text to the profile.
    pub fn add(&mut self, text: &str) {
        self.articles = self.articles.saturating_add(1);
        let mut log = RepairLog::default();
        let mut seen: Vec<u64> = split_lines(text, &mut log)
            .iter()
            .filter(|l| (1..MAX_WORDS).contains(&word_count(&l.text)))
            .map(|l| norm_hash(&l.text))
            .filter(|&h| h != 0)
            .collect();
        // Count each line once per article.
        seen.sort_unstable();
        seen.dedup();
        for h in seen {
            *self.counts.entry(h).or_insert(0) += 1;
        }
    }

    /// Merges another profile (for parallel building).
    pub fn merge(&mut self, other: CorpusProfile) {
        self.articles = self.articles.saturating_add(other.articles);
        if self.counts.len() < other.counts.len() {
            let mine = std::mem::replace(&mut self.counts, other.counts);
            for (h, c) in mine {
                *self.counts.entry(h).or_insert(0) += c;
            }
        } else {
            for (h, c) in other.counts {
                *self.counts.entry(h).or_insert(0) += c;
            }
        }
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.articles as usize
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// In how many distinct articles `line` (normalised) occurs; 0 for
    /// lines too long to be profiled.
    pub fn line_count(&self, line: &str) -> u32 {
        if word_count(line) >= MAX_WORDS {
            return 0;
        }
        self.count_hash(norm_hash(line))
    }

    pub(crate) fn count_hash(&self, hash: u64) -> u32 {
        if hash == 0 || self.counts.is_empty() {
            return 0;
        }
        self.counts.get(&hash).copied().unwrap_or(0)
    }

    /// True when `line` occurs in at least [`MIN_ARTICLES`] articles and at
    /// least [`MIN_SHARE`] of the corpus.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        self.passes(self.line_count(line))
    }

    pub(crate) fn passes(&self, count: u32) -> bool {
        count >= MIN_ARTICLES && f64::from(count) >= MIN_SHARE * f64::from(self.articles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_distinct_articles_and_merges() {
        let mut a = CorpusProfile::new();
        a.add("Title one\nFollow Us\nFollow us");
        a.add("Title two\nFollow us");
        let mut b = CorpusProfile::new();
        b.add("Title three\nFOLLOW US.");
        a.merge(b);
        assert_eq!(a.len(), 3);
        assert_eq!(a.line_count("follow us"), 3);
        assert!(a.is_boilerplate("Follow us"));
        assert!(!a.is_boilerplate("Title one"));
        let long = "one two three four five six seven eight nine ten eleven twelve";
        assert_eq!(a.line_count(long), 0);
    }

    #[test]
    fn share_threshold() {
        let mut p = CorpusProfile::new();
        for i in 0..400 {
            if i < 3 {
                p.add("x\nRare footer");
            } else {
                p.add("y");
            }
        }
        // 3 of 400 is under 1 %.
        assert!(!p.is_boilerplate("Rare footer"));
    }
}
