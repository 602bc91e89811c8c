//! # newsdesk-sources — many articles per input, streamed
//!
//! Reads *sources* — files, folders, stdin — into a stream of [`Record`]s,
//! one per article, and [`RecordError`]s for everything that is not
//! stored, each with a reason. Nothing is lost: every input record ends up
//! as exactly one `Ok(Record)` or one `Err(RecordError)`.
//!
//! Formats, told apart by content ([`detect`]), gzip-wrapped or not:
//! - **WARC** (`.warc`, `.warc.gz` with one gzip member per record, as in
//!   Common Crawl's CC-NEWS): `response` records holding HTML become
//!   [`RecordContent::Html`]; `resource`/`conversion` records of HTML or
//!   plain text are kept too; everything else is [`ErrorKind::Skipped`]
//!   with the reason.
//! - **JSON Lines** of already-extracted articles (news-please and
//!   trafilatura field names) → [`RecordContent::Prepared`].
//! - **RSS / Atom / JSON Feed** → one record per item (see [`RecordContent`]
//!   for how feed content is represented).
//! - **Single articles** (text or HTML file) → one record per file.
//!
//! Memory stays bounded however large the input: archives are read record
//! by record, and each record is capped at
//! [`SourceOptions::max_record_bytes`].
//!
//! ```
//! use newsdesk_sources::{read_reader, RecordContent, SourceOptions};
//! let jsonl = "{\"url\":\"https://a.example/1\",\"title\":\"T\",\"maintext\":\"Body.\"}\nnot json\n";
//! let out: Vec<_> = read_reader("in.jsonl", std::io::Cursor::new(jsonl), &SourceOptions::default()).collect();
//! assert_eq!(out.len(), 2);
//! assert!(matches!(&out[0].as_ref().unwrap().content, RecordContent::Prepared { text, .. } if text == "Body."));
//! assert_eq!(out[1].as_ref().unwrap_err().locator, "in.jsonl:line 2");
//! ```

#![warn(missing_docs)]

use std::io::Read;
use std::path::Path;

mod article;
mod detect;
mod feed;
mod gz;
mod http;
mod input;
mod jsonl;
mod warc;

pub use detect::detect;

/// What kind of source a file is, decided by content ([`detect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// One document (plain text or HTML) per file.
    Article,
    /// JSON Lines: one JSON object (an extracted article) per line.
    JsonLines,
    /// A WARC archive (plain or gzip-compressed).
    Warc,
    /// An RSS, Atom or JSON Feed document.
    Feed,
}

/// Options for reading sources.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    /// A record (a WARC record's block, a JSON line, a single file, a
    /// decompressed HTTP body, a feed item's content) larger than this is
    /// rejected with "record too large" and reading goes on with the next.
    pub max_record_bytes: u64,
    /// A whole feed document larger than this is rejected: feed parsing is
    /// not streaming, so this bounds the memory a feed can take.
    pub max_feed_bytes: u64,
    /// Read every input as this kind instead of detecting it by content.
    pub kind: Option<SourceKind>,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            max_record_bytes: 20 * 1024 * 1024,
            max_feed_bytes: 64 * 1024 * 1024,
            kind: None,
        }
    }
}

/// One article read from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where it came from: the file path for single articles;
    /// `file.warc#1234` (byte offset of the record) or `file.warc.gz#1234`
    /// (offset of the gzip member holding it, as in Common Crawl indexes;
    /// `#1234+56` when a record starts 56 bytes into a member's
    /// decompressed data); `file.jsonl:line 17`; `feed.xml#item-3`
    /// (1-based). Sources read from stdin are named `<stdin>`.
    pub locator: String,
    /// The record's payload bytes: the HTTP body for WARC responses (after
    /// undoing chunked transfer- and gzip/deflate content-encoding, before
    /// charset decoding), the record block for WARC resources, the JSON
    /// line, the feed item's content (or summary) text as the feed gave it,
    /// the file's bytes for single articles.
    pub raw: Vec<u8>,
    /// The decoded content.
    pub content: RecordContent,
}

/// A record's content, by how much work is left to do on it.
///
/// Feed items: content that holds markup becomes [`RecordContent::Html`]
/// — a small page synthesised around the item's content, carrying the
/// item's title, link, date, authors, feed title and language as standard
/// `<title>`, `<link rel=canonical>` and `<meta>` tags (`og:title`,
/// `article:published_time`, `author`, `og:site_name`, `<html lang>`), so
/// that HTML extraction gets both the markup and the feed's metadata.
/// Content without markup (plain-text summaries) becomes
/// [`RecordContent::Prepared`]. The full content (`content:encoded`, Atom
/// `content`) is preferred over the summary/description.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordContent {
    /// An HTML page still to be extracted.
    Html {
        /// The decoded HTML source.
        html: String,
        /// The page's URL (WARC target URI, feed item link), if known.
        url: Option<String>,
        /// When it was fetched (WARC-Date, as written), if known.
        fetched: Option<String>,
    },
    /// Plain text still to be cleaned.
    Text {
        /// The decoded text.
        text: String,
    },
    /// An article already extracted by another tool (JSON Lines, feeds).
    Prepared {
        /// The article's main text.
        text: String,
        /// Headline.
        title: Option<String>,
        /// The article's URL.
        url: Option<String>,
        /// Publication date, as written by the source tool.
        date: Option<String>,
        /// Site name or domain.
        sitename: Option<String>,
        /// Author names.
        authors: Vec<String>,
        /// Language code, as given.
        language: Option<String>,
    },
}

/// Whether a record was left out on purpose or could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Not an article, by design (WARC request/metadata records, images,
    /// redirects …): worth counting, not worth alarming about.
    Skipped,
    /// Meant to be an article but unreadable (broken JSON, truncated
    /// archive, too large, binary, …).
    Rejected,
}

/// A record that did not become a [`Record`], and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// Where it was (same forms as [`Record::locator`]).
    pub locator: String,
    /// Skipped on purpose, or rejected.
    pub kind: ErrorKind,
    /// Human-readable reason ("skipped: WARC request record", "invalid
    /// JSON: …", "record too large …").
    pub reason: String,
}

impl RecordError {
    pub(crate) fn rejected(locator: impl Into<String>, reason: impl Into<String>) -> Self {
        RecordError {
            locator: locator.into(),
            kind: ErrorKind::Rejected,
            reason: reason.into(),
        }
    }

    pub(crate) fn skipped(locator: impl Into<String>, reason: impl Into<String>) -> Self {
        RecordError {
            locator: locator.into(),
            kind: ErrorKind::Skipped,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.locator, self.reason)
    }
}

impl std::error::Error for RecordError {}

/// The item type every reader yields.
pub type RecordResult = Result<Record, RecordError>;

/// A lazy stream of records from one or more sources. Reading happens as
/// the iterator is advanced; it owns its inputs and can be sent to
/// another thread.
pub struct Records {
    inner: Box<dyn Iterator<Item = RecordResult> + Send>,
}

impl Records {
    pub(crate) fn new(inner: impl Iterator<Item = RecordResult> + Send + 'static) -> Self {
        Records {
            inner: Box::new(inner),
        }
    }
}

impl Iterator for Records {
    type Item = RecordResult;

    fn next(&mut self) -> Option<RecordResult> {
        self.inner.next()
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Records { .. }")
    }
}

/// Reads one source path: a file of any supported kind (gzip-compressed or
/// not), or a folder (walked recursively in sorted order, hidden entries
/// skipped, as `newsdesk_ingest::collect_paths` does; each file read as
/// its own source). A path that can't be opened gives one rejection.
/// The path `-` means stdin ([`read_stdin`]).
pub fn read_source(path: &Path, opts: &SourceOptions) -> Records {
    if path.as_os_str() == "-" {
        return read_stdin(opts);
    }
    input::read_source(path, opts)
}

/// Reads stdin as one source (kind detected by content, gzip or not),
/// named `<stdin>` in locators.
pub fn read_stdin(opts: &SourceOptions) -> Records {
    read_reader("<stdin>", std::io::stdin(), opts)
}

/// Reads any byte stream as one source; `name` is used in locators and,
/// by its extension, as a hint when content does not decide the kind.
pub fn read_reader<R: Read + Send + 'static>(
    name: &str,
    reader: R,
    opts: &SourceOptions,
) -> Records {
    Records::new(input::from_reader(
        name.to_string(),
        Box::new(reader),
        opts.clone(),
    ))
}
