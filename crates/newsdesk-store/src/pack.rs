//! The stored form of a record's bulky parts: the hash of its raw bytes,
//! the raw bytes and the analysis compressed with zstd.
//!
//! Computing these is most of the CPU of storing a record, and needs no
//! database. A store has one writer at a time (SQLite's write lock), so
//! whatever it computes inside its transaction is serial; callers that
//! analyse on all cores call [`NewRecord::pack`] there instead, and the
//! writer only inserts.
//!
//! Why zstd (level 3) and not zlib: on news pages and analysis JSON it
//! compresses to the same size as zlib level 6 at a third of the CPU
//! (2.2 KB page: 11 µs against 36 µs; 5.6 KB analysis: 16 µs, 3.6× smaller),
//! and decompresses in a few µs. Stores written before keep their zlib
//! blobs and plain-text analyses: both are still read.

use crate::{raw_hash, NewRecord, RecordBody, StoreError};
use std::cell::RefCell;

/// zstd level used when the caller packs records (see
/// [`NewRecord::pack`]).
pub const DEFAULT_LEVEL: i32 = 3;

/// zstd frames start with these bytes; a stored analysis that doesn't is
/// plain JSON text.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// A record's bulky parts in stored form (see the module docs). Opaque:
/// made by [`NewRecord::pack`], read by the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Packed {
    /// Hash of the raw bytes ([`raw_hash`]).
    pub(crate) raw_hash: String,
    /// The raw bytes, zstd-compressed; `None` when the store holds them
    /// already (the record says so).
    pub(crate) raw: Option<Vec<u8>>,
    /// The article's analysis JSON, zstd-compressed; `None` when the
    /// record is no article.
    pub(crate) analysis: Option<Vec<u8>>,
}

impl Packed {
    /// Packs a record at a zstd `level`.
    pub(crate) fn of(rec: &NewRecord, level: i32) -> Result<Packed, StoreError> {
        let raw = match rec.body {
            RecordBody::SameRawAsBefore => None,
            _ => Some(compress(&rec.raw, level)?),
        };
        let analysis = match &rec.body {
            RecordBody::Article(a) => Some(compress(a.analysis_json.as_bytes(), level)?),
            _ => None,
        };
        Ok(Packed {
            raw_hash: raw_hash(&rec.raw),
            raw,
            analysis,
        })
    }
}

impl NewRecord {
    /// Computes the record's stored form now, on the calling thread (see
    /// the module docs), unless already done. A record that can't be
    /// packed is left as is: the store packs it, and reports the error.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            self.packed = Packed::of(self, DEFAULT_LEVEL).ok();
        }
    }
}

/// zstd-compresses `data` with a per-thread context (a fresh context per
/// call costs more than compressing a small page).
pub(crate) fn compress(data: &[u8], level: i32) -> Result<Vec<u8>, StoreError> {
    thread_local! {
        static CTX: RefCell<Option<(i32, zstd::bulk::Compressor<'static>)>> =
            const { RefCell::new(None) };
    }
    CTX.with(|c| {
        let mut c = c.borrow_mut();
        if c.as_ref().is_none_or(|(l, _)| *l != level) {
            let ctx = zstd::bulk::Compressor::new(level)
                .map_err(|e| StoreError::Corrupt(format!("zstd compressor: {e}")))?;
            *c = Some((level, ctx));
        }
        let Some((_, ctx)) = c.as_mut() else {
            unreachable!("set just above")
        };
        ctx.compress(data)
            .map_err(|e| StoreError::Corrupt(format!("compressing: {e}")))
    })
}

/// Largest payload decompressed in one go into a buffer of the size the
/// frame announces; anything larger (or unannounced) is streamed.
const BULK_LIMIT: u64 = 64 << 20;

/// Decompresses a zstd blob, with a per-thread context: creating one per
/// call (as `zstd::decode_all` does) was a third of reading an article.
pub(crate) fn decompress(data: &[u8]) -> Result<Vec<u8>, String> {
    thread_local! {
        static CTX: RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { RefCell::new(None) };
    }
    match zstd::zstd_safe::get_frame_content_size(data) {
        Ok(Some(n)) if n <= BULK_LIMIT => CTX.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = Some(zstd::bulk::Decompressor::new().map_err(|e| e.to_string())?);
            }
            let Some(ctx) = c.as_mut() else {
                unreachable!("set just above")
            };
            let out = ctx
                .decompress(data, n as usize)
                .map_err(|e| e.to_string())?;
            if out.len() as u64 != n {
                return Err(format!("{} bytes where the frame says {n}", out.len()));
            }
            Ok(out)
        }),
        Ok(_) => zstd::stream::decode_all(data).map_err(|e| e.to_string()),
        Err(e) => Err(format!("not a zstd frame: {e:?}")),
    }
}

/// A stored analysis: plain JSON text (stores written before packing) or
/// a zstd-compressed BLOB.
pub(crate) struct AnalysisColumn(pub(crate) String);

impl rusqlite::types::FromSql for AnalysisColumn {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::{FromSqlError, ValueRef};
        match v {
            ValueRef::Text(t) => String::from_utf8(t.to_vec())
                .map(AnalysisColumn)
                .map_err(|e| FromSqlError::Other(Box::new(e))),
            ValueRef::Blob(b) if b.starts_with(&ZSTD_MAGIC) => {
                let bytes = decompress(b).map_err(|e| FromSqlError::Other(e.into()))?;
                String::from_utf8(bytes)
                    .map(AnalysisColumn)
                    .map_err(|e| FromSqlError::Other(Box::new(e)))
            }
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_magic() {
        let data = b"{\"analysis\":{\"sentences\":[]}}".repeat(50);
        let z = compress(&data, DEFAULT_LEVEL).unwrap();
        assert!(z.starts_with(&ZSTD_MAGIC));
        assert!(z.len() < data.len() / 4);
        assert_eq!(decompress(&z).unwrap(), data);
        // Another level on the same thread: a new context.
        let z1 = compress(&data, 1).unwrap();
        assert_eq!(decompress(&z1).unwrap(), data);
        assert!(decompress(b"not zstd").is_err());
    }
}
