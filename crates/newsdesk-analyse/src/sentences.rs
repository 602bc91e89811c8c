//! Sentence splitting: Unicode (UAX #29) sentence boundaries from
//! `unicode-segmentation`, plus an abbreviation layer.
//!
//! UAX #29 breaks after "Mr." or "U.S." when a capital follows, which is
//! wrong in news text full of titles ("U.S. President Donald Trump"). We
//! re-join a boundary when the segment before it ends in a known
//! abbreviation or a single-letter initial.

use newsdesk_core::{Sentence, Span};
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a period does not end a sentence (compared
/// case-sensitively without the final period).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr",
    "Adm", "Sgt", "Sen", "Rep", "Gov", "Pres", "Rev", "Hon", "Amb", "Supt", "Insp", "Det", "Gen",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos", "vs", "etc", "approx", "Inc", "Ltd", "Co", "Corp", "Bros", "Mt", "Ft", "Ave", "Blvd",
    "U.S", "U.K", "U.N", "E.U", "D.C", "U.S.A", "a.m", "p.m", "i.e", "e.g", "Fig", "cf", "al",
];

/// Abbreviations that can also legitimately end a sentence ("… in the
/// U.S. The talks …"): only joined when the next word is not a typical
/// sentence opener. Kept small on purpose.
const SENTENCE_FINAL_OK: &[&str] = &[
    "U.S", "U.K", "U.N", "E.U", "D.C", "U.S.A", "etc", "a.m", "p.m", "Inc", "Ltd", "Co", "Corp",
];

/// Words that, after an ambiguous abbreviation, signal a new sentence.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "Some",
    "Many",
    "Most",
    "There",
    "What",
    "Why",
    "How",
];

/// Splits `text` into sentences. Every byte of non-whitespace text lies in
/// exactly one sentence; sentence spans exclude surrounding whitespace.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out: Vec<Span> = Vec::new();
    let mut pending: Option<Span> = None;
    for (start, seg) in text.split_sentence_bound_indices() {
        let trimmed_start = start + (seg.len() - seg.trim_start().len());
        let trimmed_end = start + seg.trim_end().len();
        if trimmed_end <= trimmed_start {
            continue;
        }
        let span = Span::new(trimmed_start, trimmed_end);
        let cur = match pending.take() {
            Some(p) => {
                // Only join within a line: a newline between them is a paragraph break.
                if text[p.end..span.start].contains('\n') {
                    out.push(p);
                    span
                } else {
                    Span::new(p.start, span.end)
                }
            }
            None => span,
        };
        let body = &text[cur.start..cur.end];
        let next_word = next_word(&text[cur.end..]);
        if ends_with_abbreviation(body, next_word) {
            pending = Some(cur);
        } else {
            out.push(cur);
        }
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out.into_iter().map(|span| Sentence { span }).collect()
}

fn next_word(rest: &str) -> &str {
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    &rest[..end]
}

fn ends_with_abbreviation(sentence: &str, next_word: &str) -> bool {
    let Some(stripped) = sentence.strip_suffix('.') else {
        return false;
    };
    if next_word.is_empty() {
        return false;
    }
    // The last whitespace-delimited token, without leading punctuation.
    let token = stripped
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    // A single capital initial: "John F. Kennedy".
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    if ABBREVIATIONS.contains(&token) {
        if SENTENCE_FINAL_OK.contains(&token) && OPENERS.contains(&next_word) {
            return false;
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| s.span.slice(t).unwrap()).collect()
    }

    #[test]
    fn titles_do_not_end_sentences() {
        let t = "U.S. President Donald Trump met Mr. Smith. Then he left.";
        assert_eq!(
            texts(t),
            vec![
                "U.S. President Donald Trump met Mr. Smith.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        let t = "Aid came from the U.S. The talks failed.";
        assert_eq!(
            texts(t),
            vec!["Aid came from the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn newlines_break_sentences() {
        let t = "Headline Without Period\nFirst sentence. Second one.";
        assert_eq!(
            texts(t),
            vec!["Headline Without Period", "First sentence.", "Second one."]
        );
    }

    #[test]
    fn initials_join() {
        let t = "John F. Kennedy spoke.";
        assert_eq!(texts(t), vec!["John F. Kennedy spoke."]);
    }

    #[test]
    fn quotes_stay_with_sentence() {
        let t = "\"We will win,\" she said. He nodded.";
        assert_eq!(texts(t), vec!["\"We will win,\" she said.", "He nodded."]);
    }
}
