//! # newsdesk-extract — the article out of the page
//!
//! Takes a decoded [`Document`]; gives [`Extracted`] text (paragraphs
//! separated by newlines) and [`PageMeta`](newsdesk_core::PageMeta).
//! Plain text passes through with newlines normalised.

use newsdesk_core::{Document, Extracted};

/// Why extraction failed.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The page has no text at all.
    #[error("no text content")]
    NoText,
}

/// Extracts the main text and metadata of a document.
pub fn extract(doc: &Document) -> Result<Extracted, ExtractError> {
    let _ = doc;
    todo!()
}
