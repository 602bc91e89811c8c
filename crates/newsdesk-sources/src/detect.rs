//! Telling source kinds apart by content (gzip-wrapped or not), with the
//! file name only as a tie-breaker when content says nothing definite.

use crate::SourceKind;
use std::io::Read;
use std::path::Path;

/// How much decompressed data the sniffing looks at.
const SNIFF: usize = 16 * 1024;

/// Decides what kind of source `first_bytes` (the start of a file, the
/// more the better; 16 KiB is plenty) comes from.
///
/// Gzip data is decompressed (as far as `first_bytes` reaches) first.
/// Then: `WARC/` → [`SourceKind::Warc`]; a JSON object (or an array of
/// objects) → [`SourceKind::JsonLines`], unless it is a JSON Feed; an XML
/// document whose root is `rss`, `feed` or `rdf:RDF` → [`SourceKind::Feed`];
/// anything else → [`SourceKind::Article`], except that an extension of
/// `.warc`, `.jsonl`/`.ndjson`, `.rss`/`.atom` (before any `.gz`) picks
/// that kind for content that isn't recognisably HTML, so a damaged
/// archive is reported record by record instead of as one odd article.
///
/// ```
/// use newsdesk_sources::{detect, SourceKind};
/// use std::path::Path;
/// assert_eq!(detect(Path::new("x"), b"WARC/1.0\r\n"), SourceKind::Warc);
/// assert_eq!(detect(Path::new("x"), b"{\"url\": 1}\n"), SourceKind::JsonLines);
/// assert_eq!(detect(Path::new("x"), b"<?xml version=\"1.0\"?><rss>"), SourceKind::Feed);
/// assert_eq!(detect(Path::new("x"), b"<html><p>Hi"), SourceKind::Article);
/// ```
pub fn detect(path: &Path, first_bytes: &[u8]) -> SourceKind {
    let inflated;
    let bytes = if first_bytes.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip_prefix(first_bytes);
        &inflated[..]
    } else {
        &first_bytes[..first_bytes.len().min(SNIFF)]
    };
    if let Some(kind) = by_content(bytes) {
        return kind;
    }
    let lower = path.to_string_lossy().to_ascii_lowercase();
    let name = lower.strip_suffix(".gz").unwrap_or(&lower);
    let looks_html = {
        let t = skip_prolog(strip_ws(bytes));
        t.first() == Some(&b'<')
    };
    if looks_html {
        return SourceKind::Article;
    }
    if name.ends_with(".warc") || name.ends_with(".arc") {
        SourceKind::Warc
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        SourceKind::JsonLines
    } else if name.ends_with(".rss") || name.ends_with(".atom") {
        SourceKind::Feed
    } else {
        SourceKind::Article
    }
}

/// Decompresses as much of a gzip prefix as possible (a truncated stream
/// still gives what was decoded before the cut).
pub(crate) fn gunzip_prefix(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(SNIFF);
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    let mut buf = [0u8; 4096];
    while out.len() < SNIFF {
        match dec.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out.truncate(SNIFF);
    out
}

fn strip_ws(mut b: &[u8]) -> &[u8] {
    if let Some(rest) = b.strip_prefix(b"\xEF\xBB\xBF") {
        b = rest;
    }
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// Skips `<?…?>` prologs, comments and `<!DOCTYPE …>` (boundedly).
fn skip_prolog(mut b: &[u8]) -> &[u8] {
    for _ in 0..32 {
        b = strip_ws(b);
        let end = if b.starts_with(b"<?") {
            memchr::memmem::find(b, b"?>").map(|i| i + 2)
        } else if b.starts_with(b"<!--") {
            memchr::memmem::find(&b[4..], b"-->").map(|i| i + 7)
        } else if b.len() >= 9 && b[..9].eq_ignore_ascii_case(b"<!doctype") {
            // Only XML feed doctypes (RSS 0.91) are skipped; an HTML
            // doctype decides "article" right away.
            if b.len() >= 14 && b[10..14].eq_ignore_ascii_case(b"html") {
                return b;
            }
            memchr::memchr(b'>', b).map(|i| i + 1)
        } else {
            return b;
        };
        match end {
            Some(e) => b = &b[e.min(b.len())..],
            None => return &[],
        }
    }
    b
}

fn by_content(bytes: &[u8]) -> Option<SourceKind> {
    let t = strip_ws(bytes);
    if t.starts_with(b"WARC/") {
        return Some(SourceKind::Warc);
    }
    if t.starts_with(b"{") || (t.starts_with(b"[") && strip_ws(&t[1..]).starts_with(b"{")) {
        if memchr::memmem::find(t, b"jsonfeed.org/version").is_some() {
            return Some(SourceKind::Feed);
        }
        return Some(SourceKind::JsonLines);
    }
    let t = skip_prolog(t);
    if let Some(rest) = t.strip_prefix(b"<") {
        let name_end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_')))
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let local = name.rsplit(|&c| c == b':').next().unwrap_or(name);
        if local.eq_ignore_ascii_case(b"rss")
            || local.eq_ignore_ascii_case(b"feed")
            || local.eq_ignore_ascii_case(b"rdf")
        {
            return Some(SourceKind::Feed);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn kinds_by_content() {
        let p = Path::new("input");
        assert_eq!(detect(p, b"\xEF\xBB\xBF\r\nWARC/1.1\r\n"), SourceKind::Warc);
        assert_eq!(detect(p, b"  [ {\"a\":1} ]"), SourceKind::JsonLines);
        assert_eq!(detect(p, b"[Updated] Council votes"), SourceKind::Article);
        assert_eq!(
            detect(p, b"<?xml version='1.0'?><!-- c --><feed xmlns='x'>"),
            SourceKind::Feed
        );
        assert_eq!(detect(p, b"<rdf:RDF xmlns:rdf='x'>"), SourceKind::Feed);
        assert_eq!(
            detect(p, b"<!DOCTYPE rss PUBLIC \"x\"><rss version='0.91'>"),
            SourceKind::Feed
        );
        assert_eq!(detect(p, b"<!DOCTYPE html><html>"), SourceKind::Article);
        assert_eq!(
            detect(
                p,
                b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"
            ),
            SourceKind::Feed
        );
        assert_eq!(detect(p, b"Plain text article."), SourceKind::Article);
        assert_eq!(detect(p, b""), SourceKind::Article);
    }

    #[test]
    fn gzip_wrapped_and_truncated() {
        let g = gz(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n");
        assert_eq!(detect(Path::new("a"), &g), SourceKind::Warc);
        assert_eq!(detect(Path::new("a"), &g[..g.len() - 6]), SourceKind::Warc);
        assert_eq!(
            detect(Path::new("a"), &gz(b"{\"text\":\"x\"}\n")),
            SourceKind::JsonLines
        );
    }

    #[test]
    fn extension_breaks_ties() {
        assert_eq!(
            detect(Path::new("crawl.warc.gz"), b"garbage"),
            SourceKind::Warc
        );
        assert_eq!(
            detect(Path::new("a.JSONL"), b"garbage"),
            SourceKind::JsonLines
        );
        assert_eq!(
            detect(Path::new("a.warc"), b"<html><p>x"),
            SourceKind::Article
        );
        assert_eq!(detect(Path::new("a.txt"), b"garbage"), SourceKind::Article);
    }
}
