//! # newsdesk-core — the vocabulary every stage speaks
//!
//! Small, dependency-light plain-data types shared by all newsdesk stages:
//! [`ArticleId`], [`Span`] (a byte range into an article's cleaned text),
//! [`EntityKind`], [`PubDate`] (a known date or an estimated window) and
//! the per-article records that travel from one stage to the next.
//!
//! Nothing here does I/O or analysis; stages take and give these values so
//! that each can be tested alone and run in parallel.
//!
//! ```
//! use newsdesk_core::{Span, ArticleId};
//! let text = "Mr. Smith said hello.";
//! let span = Span::new(4, 9);
//! assert_eq!(span.slice(text), Some("Smith"));
//! let id = ArticleId::new("demo-01");
//! assert_eq!(id.as_str(), "demo-01");
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

mod date;
pub use date::{PubDate, PubDateSource};

/// Identifier of an article in one run: the input file's stem, made unique
/// with a numeric suffix when two inputs share a stem.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Wraps a string as an id.
    pub fn new(s: impl Into<String>) -> Self {
        ArticleId(s.into())
    }
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open byte range `[start, end)` into an article's text.
///
/// Unless a field says otherwise, spans index the article's *cleaned* text
/// (`articles[].text` in the JSON brief).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (debug-asserts `start <= end`).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end}");
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True for a zero-length span.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    /// The text this span covers, or `None` when it is out of bounds or not
    /// on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
    /// Shifts the span by `offset` bytes.
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// What a named entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party, government body, outlet, alliance …
    Organization,
    /// A country, city, region or other location.
    Place,
}

impl EntityKind {
    /// Lower-case name as used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
}

/// How the raw input was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

/// A decoded input document, as the ingest stage hands it on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Unique id in this run (file stem).
    pub id: ArticleId,
    /// Where it came from (file path as given, or a record locator).
    pub path: String,
    /// Plain text or HTML, told apart by content.
    pub format: InputFormat,
    /// The encoding the bytes were decoded from (e.g. `UTF-8`, `windows-1251`).
    pub encoding: String,
    /// The decoded content (HTML source for HTML, the text for text).
    pub content: String,
}

/// An input that could not be analysed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The path as given.
    pub path: String,
    /// A human-readable reason ("binary content", "empty file", …).
    pub reason: String,
}

/// Metadata found in an HTML page's markup (meta tags, JSON-LD, `<time>`),
/// handed from extraction to analysis. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Page or headline title.
    pub title: Option<String>,
    /// Authors' names.
    pub authors: Vec<String>,
    /// Publication date as written (ISO 8601 preferred).
    pub date: Option<String>,
    /// Last-modified date as written.
    pub modified: Option<String>,
    /// Site / outlet name.
    pub sitename: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Description / standfirst.
    pub description: Option<String>,
}

/// Text of an article after main-text extraction (for text inputs: the
/// text itself, newline-normalised).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extracted {
    /// The article text, paragraphs separated by newlines.
    pub text: String,
    /// Metadata from markup, when the input was HTML.
    pub meta: PageMeta,
}

/// Why a piece of text was removed from an article during cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Navigation, related-headline lists, "More From Author", contact
    /// blocks, share buttons and other site furniture.
    SiteFurniture,
    /// A byline or signature left by a scraper or bot account.
    ScraperByline,
    /// A disclaimer (translation, AI, editorial) copied from another outlet.
    Disclaimer,
    /// A table of contents or SEO lead-in.
    SeoBoilerplate,
    /// A paragraph that repeats an earlier one in the same article.
    RepeatedParagraph,
    /// A photo caption or credit.
    Caption,
    /// Text leaked by a machine rewriter ("The original text mentions…").
    RewriteLeak,
    /// A line that repeats across many articles of the corpus.
    CorpusBoilerplate,
    /// Source/reference lines ("Reference(s): x.com", "Sources: …").
    SourceLine,
}

impl RemovalReason {
    /// snake_case name as used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            RemovalReason::SiteFurniture => "site_furniture",
            RemovalReason::ScraperByline => "scraper_byline",
            RemovalReason::Disclaimer => "disclaimer",
            RemovalReason::SeoBoilerplate => "seo_boilerplate",
            RemovalReason::RepeatedParagraph => "repeated_paragraph",
            RemovalReason::Caption => "caption",
            RemovalReason::RewriteLeak => "rewrite_leak",
            RemovalReason::CorpusBoilerplate => "corpus_boilerplate",
            RemovalReason::SourceLine => "source_line",
        }
    }
}

/// One piece of text taken out of an article, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Why it was removed.
    pub reason: RemovalReason,
    /// The removed text, verbatim.
    pub text: String,
    /// Byte offset of the removed text in the *extracted* (pre-cleaning) text.
    pub start: usize,
    /// One past its last byte in the extracted text.
    pub end: usize,
    /// Byte offset in the cleaned text where the removal was cut out.
    pub at: usize,
}

/// A repair made to the text during cleaning (not a removal: the text stays,
/// fixed), e.g. `\\"` unescaped to `"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// What kind of repair ("escape_artifact", …).
    pub kind: String,
    /// How many occurrences were repaired.
    pub count: usize,
    /// An example of the original text.
    pub example: String,
}

/// The result of cleaning one article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cleaned {
    /// The article body. All analysis spans index this text.
    pub text: String,
    /// What was removed, in order of position.
    pub removed: Vec<Removal>,
    /// What was repaired in place.
    pub repairs: Vec<Repair>,
    /// Lines of the extracted text that look like metadata (bylines,
    /// "Reference(s): x.com", contact e-mails) — kept for metadata
    /// detection even when removed from the body. Text verbatim.
    pub meta_lines: Vec<String>,
}

mod analysis;
pub use analysis::{
    Analysis, DateMention, Mention, NumberKind, NumberMention, Outlet, Quote, QuoteKind,
    RoleMention, Sentence, Speaker, SpeakerKind,
};
