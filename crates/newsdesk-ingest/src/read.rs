//! Reading one file: size limits, transparent gunzip, decode, sniff.

use crate::{decode::decode, sniff::sniff_format, IngestError, IngestOptions};
use flate2::read::MultiGzDecoder;
use newsdesk_core::{ArticleId, Document};
use std::io::Read;
use std::path::Path;

pub(crate) fn read_document(
    path: &Path,
    id: ArticleId,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let limit = opts.max_bytes;
    let not_found = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            IngestError::NotFound
        } else {
            IngestError::Unreadable(e)
        }
    };
    let meta = std::fs::metadata(path).map_err(not_found)?;
    if !meta.is_file() {
        // Reading a FIFO would block forever; a directory can't be read.
        return Err(IngestError::NotAFile);
    }
    if meta.len() > limit {
        return Err(IngestError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(not_found)?;
    // `take` guards against a file that grows between stat and read.
    let mut raw = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut raw)?;
    document_from_bytes(raw, path.display().to_string(), id, opts)
}

/// The part of [`read_document`] after the bytes are in memory: size
/// check, gunzip, decode, sniff. Used for stdin and archive records too.
pub(crate) fn document_from_bytes(
    raw: Vec<u8>,
    path: String,
    id: ArticleId,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let limit = opts.max_bytes;
    if raw.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size: raw.len() as u64,
            limit,
        });
    }
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        gunzip(&raw, limit)?
    } else {
        raw
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let (content, encoding) = decode(&bytes)?;
    if content
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(IngestError::Empty);
    }
    Ok(Document {
        id,
        path,
        format: sniff_format(&content),
        encoding: encoding.to_string(),
        content,
    })
}

/// Decompresses gzip data (all members), never producing more than
/// `limit` bytes.
pub(crate) fn gunzip(raw: &[u8], limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let mut dec = MultiGzDecoder::new(raw).take(limit.saturating_add(1));
    match dec.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(IngestError::CorruptGzip("truncated data".into()));
        }
        Err(e) => return Err(IngestError::CorruptGzip(e.to_string())),
    }
    if out.len() as u64 > limit {
        return Err(IngestError::DecompressedTooLarge { limit });
    }
    Ok(out)
}
