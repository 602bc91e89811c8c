//! # newsdesk-extract — the article out of the page
//!
//! Takes a decoded [`Document`]; gives [`Extracted`] text (paragraphs
//! separated by newlines) and [`PageMeta`].
//! Plain text passes through with newlines normalised.
//!
//! HTML is parsed with html5ever (via `scraper`), flattened into a
//! preorder array, and every pass over it is a loop — deeply nested or
//! malformed pages can't overflow the stack. Boilerplate (navigation,
//! footers, share bars, cookie banners, comments, related links) is
//! dropped, the main container is chosen (`articleBody`, `<article>`,
//! `<main>`, else readability-style scoring) and rendered one block per
//! line, list items prefixed with `- `, data-table rows as `a | b | c`.
//! A standfirst rendered next to the body (`lead`, `intro`, `excerpt`
//! classes in the same story) is prepended; boilerplate lines inside the
//! body ("Read also: …", "Mehr zum Thema", "Zobacz także", credits, lone
//! dates, calls to action) are dropped by multilingual phrase lists.
//! Captions, bylines, related links and comments are returned apart by
//! [`extract_full`], never mixed into the text.
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
use serde::{Deserialize, Serialize};

mod boiler;
mod content;
mod dates;
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

/// A link from a related-stories box or a link list dropped from the
/// article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedLink {
    /// The link's text.
    pub text: String,
    /// The `href` as written in the page (may be relative).
    pub url: String,
}

/// The parts of a page that are not article text, kept apart from it
/// (never mixed into [`Extracted::text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageParts {
    /// Image and figure captions inside the article (`<figcaption>`,
    /// `caption` classes), one per figure.
    pub captions: Vec<String>,
    /// Byline blocks as written ("By Jane Doe, Harbour correspondent"):
    /// `byline`/`author` classes, `itemprop=author`, `rel=author`, before
    /// the end of the article.
    pub bylines: Vec<String>,
    /// Related-story links: link lists dropped from the body and
    /// related/teaser boxes elsewhere on the page; unique by URL.
    pub related: Vec<RelatedLink>,
    /// Reader comments: the paragraphs of comment sections, in page order.
    pub comments: Vec<String>,
}

/// Main text, metadata and the separated page parts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FullExtract {
    /// Text and metadata, exactly what [`extract`] returns.
    pub extracted: Extracted,
    /// Captions, bylines, related links and comments.
    pub parts: PageParts,
}

/// Extracts the main text and metadata of a document.
///
/// Text documents: BOM stripped, `\r\n`/`\r` → `\n`, control characters
/// other than `\n`/`\t` removed; otherwise byte-identical. HTML documents:
/// main content, one paragraph per line, plus metadata. Fails only when
/// nothing textual is left.
///
/// Text layout (HTML): one block per line; headings, paragraphs and block
/// quotes on their own lines; list items prefixed with `- `; rows of data
/// tables (no nested table, short cells) as one line with cells joined by
/// `" | "`; `<pre>` keeps its line breaks. Captions, bylines, related
/// links and comments are never in the text: see [`extract_full`].
pub fn extract(doc: &Document) -> Result<Extracted, ExtractError> {
    extract_full(doc).map(|f| f.extracted)
}

/// Like [`extract`], plus the page parts kept apart from the text
/// (captions, bylines, related links, comments). Plain-text documents have
/// no parts.
pub fn extract_full(doc: &Document) -> Result<FullExtract, ExtractError> {
    match doc.format {
        InputFormat::Text => {
            let text = text::normalise_plain(&doc.content);
            if text.trim().is_empty() {
                return Err(ExtractError::NoText);
            }
            Ok(FullExtract {
                extracted: Extracted {
                    text,
                    meta: PageMeta::default(),
                },
                parts: PageParts::default(),
            })
        }
        InputFormat::Html => extract_html(&doc.content),
    }
}

fn extract_html(source: &str) -> Result<FullExtract, ExtractError> {
    let mut cut = source.len().min(MAX_HTML_BYTES);
    while !source.is_char_boundary(cut) {
        cut -= 1;
    }
    let source = prescan::limit_depth(&source[..cut]);
    let html = scraper::Html::parse_document(&source);
    let nodes = dom::flatten(&html);
    let selection = content::extract_main(&nodes);
    let meta = meta::extract_meta(&nodes, &selection.roots, &selection.parts.bylines);
    if selection.text.trim().is_empty() {
        return Err(ExtractError::NoText);
    }
    let p = selection.parts;
    Ok(FullExtract {
        extracted: Extracted {
            text: selection.text,
            meta,
        },
        parts: PageParts {
            captions: p.captions,
            bylines: p.bylines,
            related: p
                .related
                .into_iter()
                .map(|(text, url)| RelatedLink { text, url })
                .collect(),
            comments: p.comments,
        },
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
