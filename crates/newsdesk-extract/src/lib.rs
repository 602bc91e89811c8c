//! # newsdesk-extract — the article out of the page
//!
//! Takes a decoded [`Document`]; gives [`Extracted`] text (paragraphs
//! separated by newlines) and [`PageMeta`](newsdesk_core::PageMeta).
//! Plain text passes through with newlines normalised.
//!
//! HTML is parsed with html5ever (via `scraper`), flattened into a
//! preorder array, and every pass over it is a loop — deeply nested or
//! malformed pages can't overflow the stack. Boilerplate (navigation,
//! footers, share bars, cookie banners, comments, related links) is
//! dropped, the main container is chosen (`articleBody`, `<article>`,
//! `<main>`, else readability-style scoring) and rendered one block per
//! line, list items prefixed with `- `.
//!
//! ```
//! use newsdesk_core::{ArticleId, Document, InputFormat};
//! let doc = Document {
//!     id: ArticleId::new("x"),
//!     path: "x.html".into(),
//!     format: InputFormat::Html,
//!     encoding: "UTF-8".into(),
//!     content: "<html><head><title>Storm hits coast | Gazette</title></head><body>\
//!         <nav><a href='/'>Home</a></nav><article><p>The storm reached the coast on \
//!         Monday night, officials said, cutting power to thousands of homes.</p></article>\
//!         </body></html>".into(),
//! };
//! let out = newsdesk_extract::extract(&doc).unwrap();
//! assert_eq!(out.text, "The storm reached the coast on Monday night, officials said, cutting power to thousands of homes.");
//! assert_eq!(out.meta.title.as_deref(), Some("Storm hits coast"));
//! ```

use newsdesk_core::{Document, Extracted, InputFormat, PageMeta};

mod boiler;
mod content;
mod dom;
mod meta;
mod prescan;
mod text;

/// HTML sources longer than this (bytes) are cut before parsing: real
/// articles are far smaller, and parsing cost grows with size.
const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;

/// Why extraction failed.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The page has no text at all.
    #[error("no text content")]
    NoText,
}

/// Extracts the main text and metadata of a document.
///
/// Text documents: BOM stripped, `\r\n`/`\r` → `\n`, control characters
/// other than `\n`/`\t` removed; otherwise byte-identical. HTML documents:
/// main content, one paragraph per line, plus metadata. Fails only when
/// nothing textual is left.
pub fn extract(doc: &Document) -> Result<Extracted, ExtractError> {
    match doc.format {
        InputFormat::Text => {
            let text = text::normalise_plain(&doc.content);
            if text.trim().is_empty() {
                return Err(ExtractError::NoText);
            }
            Ok(Extracted {
                text,
                meta: PageMeta::default(),
            })
        }
        InputFormat::Html => extract_html(&doc.content),
    }
}

fn extract_html(source: &str) -> Result<Extracted, ExtractError> {
    let mut cut = source.len().min(MAX_HTML_BYTES);
    while !source.is_char_boundary(cut) {
        cut -= 1;
    }
    let source = prescan::limit_depth(&source[..cut]);
    let html = scraper::Html::parse_document(&source);
    let nodes = dom::flatten(&html);
    let selection = content::extract_main(&nodes);
    let meta = meta::extract_meta(&nodes, &selection.roots);
    if selection.text.trim().is_empty() {
        return Err(ExtractError::NoText);
    }
    Ok(Extracted {
        text: selection.text,
        meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk_core::ArticleId;

    fn doc(format: InputFormat, content: &str) -> Document {
        Document {
            id: ArticleId::new("t"),
            path: "t".into(),
            format,
            encoding: "UTF-8".into(),
            content: content.into(),
        }
    }

    #[test]
    fn plain_text_is_normalised_only() {
        let out = extract(&doc(
            InputFormat::Text,
            "\u{FEFF}Line one\r\nLine  two\r\0end",
        ))
        .unwrap();
        assert_eq!(out.text, "Line one\nLine  two\nend");
        assert_eq!(out.meta, PageMeta::default());
    }

    #[test]
    fn empty_inputs_fail_cleanly() {
        assert!(matches!(
            extract(&doc(InputFormat::Text, " \r\n\0")),
            Err(ExtractError::NoText)
        ));
        assert!(matches!(
            extract(&doc(InputFormat::Html, "<html><script>x()</script></html>")),
            Err(ExtractError::NoText)
        ));
        assert!(extract(&doc(InputFormat::Html, "")).is_err());
    }

    #[test]
    fn inline_text_joins_and_lists_get_dashes() {
        let out = extract(&doc(
            InputFormat::Html,
            "<body><div><h2>Key  points</h2><p>First <b>bold</b>,\n  then <i>more</i>!</p>\
             <ul><li>Alpha item</li><li><p>Beta item</p></li></ul><p>Line<br>break</p></div></body>",
        ))
        .unwrap();
        assert_eq!(
            out.text,
            "Key points\nFirst bold, then more!\n- Alpha item\n- Beta item\nLine\nbreak"
        );
    }
}
