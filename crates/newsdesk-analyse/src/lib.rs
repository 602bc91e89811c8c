//! # newsdesk-analyse — language analysis of one cleaned article
//!
//! Takes an article's cleaned text (plus whatever metadata the page markup
//! and the cleaner found) and gives an [`Analysis`]: sentences, named-entity
//! mentions with roles, attributed quotes, numbers with what they measure,
//! dates resolved against the publication date, and the article's title,
//! outlet and publication date (or an estimated window with evidence).
//!
//! Every item carries the byte [`Span`](newsdesk_core::Span) of the cleaned
//! text it came from. The stage is a pure function of its input, so
//! articles are analysed in parallel by the caller.
//!
//! ```
//! use newsdesk_analyse::{analyse, AnalyseInput};
//! let text = "Talks resume\nU.S. Secretary of State Marco Rubio said: \"We will see.\"";
//! let a = analyse(&AnalyseInput { text, meta_lines: &[], page: &Default::default() });
//! assert_eq!(a.sentences.len(), 2);
//! for q in &a.quotes {
//!     assert_eq!(&text[q.span.start..q.span.end], q.text);
//! }
//! ```

use newsdesk_core::{Analysis, PageMeta};

mod dates;
mod entities;
mod meta;
mod numbers;
mod quotes;
mod sentences;

pub use sentences::split as split_sentences;

/// What [`analyse`] reads.
#[derive(Debug, Clone, Copy)]
pub struct AnalyseInput<'a> {
    /// The cleaned article text; all spans index it.
    pub text: &'a str,
    /// Metadata-looking lines the cleaner set aside (bylines, "Reference(s):
    /// x.com", contact blocks), verbatim.
    pub meta_lines: &'a [String],
    /// Metadata from HTML markup (empty for plain text).
    pub page: &'a PageMeta,
}

/// Analyses one article. Pure and deterministic.
pub fn analyse(input: &AnalyseInput<'_>) -> Analysis {
    let text = input.text;
    let sentences = sentences::split(text);
    let mentions = entities::find_mentions(text, &sentences);
    let quotes = quotes::find_quotes(text, &sentences, &mentions);
    let numbers = numbers::find_numbers(text, &sentences);
    // Absolute dates first, to estimate the publication date; then resolve
    // relative ones ("Monday") against it.
    let absolute = dates::find_dates(text, &sentences, None);
    let mut published = meta::published(input.page, text, &absolute);
    // Lines the cleaner set aside (bylines, captions, "Published …") still
    // date the article: when the body alone gives no exact date, read them
    // too. Their spans never leave this block; only the evidence does.
    if !input.meta_lines.is_empty() && !published.as_ref().is_some_and(|p| p.is_exact()) {
        let mut combined = String::with_capacity(text.len() + 256);
        combined.push_str(text);
        for l in input.meta_lines {
            combined.push('\n');
            combined.push_str(l);
        }
        let sents = sentences::split(&combined);
        let found = dates::find_dates(&combined, &sents, None);
        if let Some(p) = meta::published(input.page, &combined, &found) {
            if published.is_none() || p.is_exact() {
                published = Some(p);
            }
        }
    }
    let dates = dates::find_dates(text, &sentences, published.as_ref());
    Analysis {
        title: meta::title(input.page, text),
        outlet: meta::outlet(input.page, input.meta_lines, text),
        published,
        sentences,
        mentions,
        quotes,
        numbers,
        dates,
    }
}
