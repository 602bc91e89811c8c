//! # newsdesk-ingest — from paths to decoded documents
//!
//! Takes files and folders; gives [`Document`]s (decoded text, told apart
//! as plain text or HTML by content) and [`Rejected`] entries for inputs
//! that can't be analysed (binary, empty, unreadable, oversized, broken
//! encoding), each with a reason. Never panics on any input.
//!
//! ```
//! let (text, enc) = newsdesk_ingest::decode(b"caf\xe9 au lait").unwrap();
//! assert_eq!(text, "café au lait");
//! assert_eq!(enc, "windows-1252");
//! ```

use newsdesk_core::{Document, Rejected};
use std::path::{Path, PathBuf};

mod decode;
mod read;
mod sniff;
mod walk;

pub use sniff::sniff_format;

/// Options for reading inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are rejected (bytes). Also caps the size of
    /// gzip-decompressed content, so a small "zip bomb" can't blow up.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Why an input was rejected. The `Display` text is the user-facing reason
/// that ends up in [`Rejected::reason`].
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist (or is a broken link).
    #[error("not found")]
    NotFound,
    /// The file is empty or holds only whitespace.
    #[error("empty file")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("too large ({size} bytes; limit is {limit} bytes)")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Gzip content that decompresses to more than the limit.
    #[error("too large (decompressed content exceeds the limit of {limit} bytes)")]
    DecompressedTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// The content is not text (an image, archive, executable …).
    #[error("binary content ({what})")]
    Binary {
        /// What the content looks like ("PNG image", "control characters" …).
        what: String,
    },
    /// The bytes could not be decoded into sensible text.
    #[error("broken encoding")]
    BrokenEncoding,
    /// Gzip data that is truncated or corrupt.
    #[error("corrupt gzip: {0}")]
    CorruptGzip(String),
    /// The path is not a regular file (a FIFO, a device, a socket …).
    #[error("not a regular file")]
    NotAFile,
    /// The file could not be read.
    #[error("unreadable: {0}")]
    Unreadable(#[from] std::io::Error),
}

/// Walks `inputs` (files, and folders recursively) in a deterministic
/// order: inputs in the order given, each folder's files sorted by name.
/// Hidden files and folders (names starting with `.`) inside folders are
/// skipped; symlinks are followed, loops are reported, never followed
/// forever. Paths that don't exist are returned as rejections
/// ("not found"). A path reached twice is listed once.
pub fn collect_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    walk::collect_paths(inputs)
}

/// Gives each path an [`ArticleId`](newsdesk_core::ArticleId): the file
/// stem (without `.gz`, then without the extension), made unique with
/// `-2`, `-3` … suffixes in path order when stems collide.
pub fn assign_ids(paths: &[PathBuf]) -> Vec<newsdesk_core::ArticleId> {
    walk::assign_ids(paths)
}

/// Reads and decodes one file: size check (before reading), transparent
/// gunzip (size-capped), decoding ([`decode`]) and format sniffing
/// ([`sniff_format`]).
pub fn read_document(
    path: &Path,
    id: newsdesk_core::ArticleId,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    read::read_document(path, id, opts)
}

/// Turns bytes already in memory (stdin, an archive record) into a
/// document: the same size limit, gunzip, decoding and sniffing as
/// [`read_document`]; `path` is what the document will say it came from.
pub fn document_from_bytes(
    raw: Vec<u8>,
    path: impl Into<String>,
    id: newsdesk_core::ArticleId,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    read::document_from_bytes(raw, path.into(), id, opts)
}

/// Decodes bytes: BOM, then valid UTF-8, then an HTML `<meta charset>`
/// declaration, then statistical detection. Returns the text and the
/// encoding's name (e.g. `UTF-8`, `windows-1251`). Rejects binary content
/// and decodes full of replacement characters.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    decode::decode(bytes)
}
