//! Money, counts, percentages and other numbers with what they measure.

use newsdesk_core::{NumberMention, Sentence};

/// Finds numbers in `text`.
pub fn find_numbers(text: &str, sentences: &[Sentence]) -> Vec<NumberMention> {
    let _ = (text, sentences);
    Vec::new()
}
