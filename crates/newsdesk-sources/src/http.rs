//! HTTP responses as stored in WARC `response` records: status line and
//! headers, chunked transfer-encoding, gzip/deflate content-encoding, and
//! charset decoding of the body.
//!
//! Crawlers differ in what they store: some keep the raw chunked/gzipped
//! bytes, others (Common Crawl) store the decoded body but keep or rename
//! the headers. So every decoding step first checks the body really is
//! encoded that way, and uses it as it is when it is not.

use encoding_rs::Encoding;
use std::io::Read;

/// A parsed HTTP response head, borrowing the body from the record block.
pub(crate) struct Response<'a> {
    /// Status code (200, 404 …).
    pub status: u16,
    /// Header fields, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// Everything after the blank line.
    pub body: &'a [u8],
}

impl Response<'_> {
    /// The first value of a header (name lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Longest head (status line + headers) accepted.
const MAX_HEAD: usize = 256 * 1024;

/// Parses the status line and headers; tolerates bare `\n` line ends and
/// folded (continued) header lines.
pub(crate) fn parse_response(block: &[u8]) -> Result<Response<'_>, String> {
    let mut pos = 0;
    let mut line_no = 0;
    let mut status = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        if pos > MAX_HEAD {
            return Err("malformed HTTP response: headers too long".into());
        }
        let Some(nl) = memchr::memchr(b'\n', &block[pos..]) else {
            return Err("malformed HTTP response: no end of headers".into());
        };
        let raw_line = &block[pos..pos + nl];
        pos += nl + 1;
        let line = raw_line.strip_suffix(b"\r").unwrap_or(raw_line);
        if line_no == 0 {
            status = Some(parse_status(line)?);
        } else if line.is_empty() {
            break;
        } else if matches!(line[0], b' ' | b'\t') {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(String::from_utf8_lossy(line).trim());
            }
        } else if let Some(colon) = memchr::memchr(b':', line) {
            let name = String::from_utf8_lossy(&line[..colon])
                .trim()
                .to_ascii_lowercase();
            let value = String::from_utf8_lossy(&line[colon + 1..])
                .trim()
                .to_string();
            headers.push((name, value));
        }
        line_no += 1;
    }
    Ok(Response {
        status: status.unwrap_or(0),
        headers,
        body: &block[pos..],
    })
}

fn parse_status(line: &[u8]) -> Result<u16, String> {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err("malformed HTTP response: no status line".into());
    }
    parts
        .next()
        .and_then(|c| c.parse::<u16>().ok())
        .ok_or_else(|| "malformed HTTP response: bad status code".to_string())
}

/// The media type of a `Content-Type` value, lower-cased, without
/// parameters ("text/html").
pub(crate) fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// Whether a media type is an HTML page.
pub(crate) fn is_html(mt: &str) -> bool {
    matches!(
        mt,
        "text/html" | "application/xhtml+xml" | "application/xhtml" | "text/xhtml"
    )
}

/// Undoes chunked transfer-encoding. Returns `Ok(None)` when the body
/// does not start like a chunked body (already de-chunked by the
/// crawler); `Err` when it is larger than `cap` once decoded.
pub(crate) fn dechunk(body: &[u8], cap: u64) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let Some(nl) = memchr::memchr(b'\n', &body[pos..]) else {
            // Cut off in a size line: keep what was decoded, if anything.
            return Ok((pos > 0).then_some(out));
        };
        let line = &body[pos..pos + nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let hex_end = line
            .iter()
            .position(|c| !c.is_ascii_hexdigit())
            .unwrap_or(line.len());
        let rest_ok = line[hex_end..].iter().all(|c| matches!(c, b' ' | b'\t'))
            || line.get(hex_end) == Some(&b';');
        if hex_end == 0 || hex_end > 15 || !rest_ok {
            return Ok((pos > 0).then_some(out));
        }
        let size = std::str::from_utf8(&line[..hex_end])
            .ok()
            .and_then(|h| u64::from_str_radix(h, 16).ok());
        let Some(size) = size else {
            return Ok((pos > 0).then_some(out));
        };
        pos += nl + 1;
        if size == 0 {
            return Ok(Some(out));
        }
        if (out.len() as u64).saturating_add(size) > cap {
            return Err(format!(
                "record too large (decoded body exceeds {cap} bytes)"
            ));
        }
        let want = pos.saturating_add(usize::try_from(size).unwrap_or(usize::MAX));
        let end = want.min(body.len());
        out.extend_from_slice(&body[pos..end]);
        if end < want {
            // Truncated last chunk: keep what is there.
            return Ok(Some(out));
        }
        pos = end;
        // The CRLF after the chunk data.
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Undoes gzip/deflate content-encoding. `Ok(None)` when the body is not
/// actually compressed (stored decoded); `Err` for an unsupported coding,
/// corrupt data or a body over `cap` once decompressed.
pub(crate) fn decode_content(
    coding: &str,
    body: &[u8],
    cap: u64,
) -> Result<Option<Vec<u8>>, String> {
    let coding = coding.trim().to_ascii_lowercase();
    let mut out = Vec::new();
    let result = match coding.as_str() {
        "" | "identity" | "none" => return Ok(None),
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Ok(None);
            }
            flate2::read::MultiGzDecoder::new(body)
                .take(cap.saturating_add(1))
                .read_to_end(&mut out)
        }
        "deflate" => {
            // "deflate" means zlib-wrapped, but raw deflate is common too.
            let zlib = body.len() >= 2
                && (body[0] & 0x0f) == 8
                && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0;
            if zlib {
                flate2::read::ZlibDecoder::new(body)
                    .take(cap.saturating_add(1))
                    .read_to_end(&mut out)
            } else if looks_like_text(body) {
                return Ok(None);
            } else {
                flate2::read::DeflateDecoder::new(body)
                    .take(cap.saturating_add(1))
                    .read_to_end(&mut out)
            }
        }
        other => {
            if looks_like_text(body) {
                return Ok(None);
            }
            return Err(format!("unsupported Content-Encoding: {other}"));
        }
    };
    match result {
        Ok(_) if out.len() as u64 > cap => Err(format!(
            "record too large (decompressed body exceeds {cap} bytes)"
        )),
        Ok(_) => Ok(Some(out)),
        // A truncated compressed body still gives its start: keep it.
        Err(_) if !out.is_empty() => Ok(Some(out)),
        Err(e) => Err(format!("corrupt {coding} body ({e})")),
    }
}

/// Whether bytes start like markup/text rather than compressed data.
fn looks_like_text(b: &[u8]) -> bool {
    let sample = &b[..b.len().min(512)];
    !sample.is_empty()
        && sample
            .iter()
            .all(|&c| c >= 0x20 || matches!(c, b'\n' | b'\r' | b'\t') || c >= 0x80)
        && {
            let t = sample
                .iter()
                .position(|c| !c.is_ascii_whitespace())
                .map(|i| sample[i]);
            t == Some(b'<') || sample.is_ascii()
        }
}

/// Decodes a body to text: a BOM wins; valid UTF-8 is taken as UTF-8; then
/// the HTTP `charset` (the page's declared encoding, which browsers also
/// prefer over `<meta>`); then `newsdesk_ingest::decode` (meta charset,
/// detection, binary rejection).
pub(crate) fn decode_body(body: &[u8], http_charset: Option<&str>) -> Result<String, String> {
    if Encoding::for_bom(body).is_none() && std::str::from_utf8(body).is_err() {
        if let Some(enc) = http_charset.and_then(|c| Encoding::for_label(c.as_bytes())) {
            if enc != encoding_rs::UTF_8 {
                let (text, _, had_errors) = enc.decode(body);
                let bad = if had_errors {
                    text.matches('\u{FFFD}').count()
                } else {
                    0
                };
                if bad * 100 <= text.len().max(1) && !text.contains('\0') {
                    return Ok(text.into_owned());
                }
            }
        }
    }
    newsdesk_ingest::decode(body)
        .map(|(t, _)| t)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn head_and_body() {
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\nX: y\r\n\r\n<p>hi",
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.body, b"<p>hi");
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nA: b").is_err());
    }

    #[test]
    fn content_type_parts() {
        assert_eq!(media_type(" Text/HTML ; charset=UTF-8"), "text/html");
        assert_eq!(
            charset("text/html; foo=1; charset=\"koi8-r\""),
            Some("koi8-r")
        );
        assert_eq!(charset("text/html"), None);
    }

    #[test]
    fn chunked_bodies() {
        let body = b"4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n";
        assert_eq!(
            dechunk(body, 1000).unwrap().unwrap(),
            b"Wikipedia in \r\n\r\nchunks."
        );
        assert_eq!(dechunk(b"<html>not chunked</html>", 1000).unwrap(), None);
        assert_eq!(dechunk(b"5\r\nabc", 1000).unwrap().unwrap(), b"abc");
        assert!(dechunk(b"ff\r\n", 10).is_err());
    }

    #[test]
    fn content_encodings() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<p>zipped</p>").unwrap();
        let gz = e.finish().unwrap();
        assert_eq!(
            decode_content("gzip", &gz, 100).unwrap().unwrap(),
            b"<p>zipped</p>"
        );
        assert!(decode_content("gzip", &gz, 5).is_err());
        assert_eq!(decode_content("gzip", b"<p>plain</p>", 100).unwrap(), None);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"<p>z</p>").unwrap();
        assert_eq!(
            decode_content("deflate", &z.finish().unwrap(), 100)
                .unwrap()
                .unwrap(),
            b"<p>z</p>"
        );
        assert!(decode_content("br", &[0x8b, 0x02, 0x80, 0x00, 0x01], 100).is_err());
        assert_eq!(decode_content("br", b"<html>", 100).unwrap(), None);
    }

    #[test]
    fn charsets() {
        assert_eq!(decode_body(b"caf\xe9", Some("iso-8859-1")).unwrap(), "café");
        assert_eq!(
            decode_body("caf\u{e9}".as_bytes(), Some("windows-1252")).unwrap(),
            "café"
        );
        assert_eq!(
            decode_body(b"\xcf\xf0\xe8\xe2\xe5\xf2", Some("windows-1251")).unwrap(),
            "Привет"
        );
    }
}
