//! # newsdesk-clean — body versus residue
//!
//! Takes extracted article text; gives [`Cleaned`]: the body, plus every
//! piece removed (with reason and span) and every repair made.
//! Cross-article signals (a line repeated across many articles) come from a
//! [`CorpusProfile`] built in a first pass over the corpus.

use newsdesk_core::Cleaned;

/// Corpus-wide line statistics for the cleaner's repetition signal.
#[derive(Debug, Clone, Default)]
pub struct CorpusProfile {}

impl CorpusProfile {
    /// Adds one article's text to the profile.
    pub fn add(&mut self, text: &str) {
        let _ = text;
    }
    /// Merges another profile (for parallel building).
    pub fn merge(&mut self, other: CorpusProfile) {
        let _ = other;
    }
}

/// Cleans one article's extracted text.
pub fn clean(text: &str, profile: &CorpusProfile) -> Cleaned {
    Cleaned { text: text.to_string(), removed: vec![], repairs: vec![], meta_lines: vec![] }
}
