//! Direct and partial quotations with their speakers.

use newsdesk_core::{Mention, Quote, Sentence};

/// Finds quotations in `text` and attributes them.
pub fn find_quotes(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Quote> {
    let _ = (text, sentences, mentions);
    Vec::new()
}
