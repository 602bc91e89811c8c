//! A small streaming WARC reader (WARC/0.x–1.1, plain or per-record gzip).
//!
//! Hand-rolled rather than using the `warc` crate because we need, beyond
//! streaming: the compressed member offset of each record for locators
//! (see [`crate::gz`]), a per-record size cap that *skips* oversized
//! records without buffering them, resynchronisation on garbage between
//! records, an error for a truncated tail that keeps the records before
//! it, and HTTP payload handling (status, chunked, gzip, charset) — which
//! would all have to be layered on top anyway. The format itself is
//! simple: a version line, `Name: value` header lines, a blank line,
//! `Content-Length` bytes of block, then `\r\n\r\n`.

use crate::gz::{Counting, GzMembers};
use crate::http;
use crate::input::{io_reason, read_line_capped};
use crate::{Record, RecordContent, RecordError, RecordResult, SourceOptions};
use std::io::{self, BufRead, Read};

/// A byte stream that can say where its next unread byte is.
pub(crate) trait WarcInput: BufRead + Send {
    /// The position of the next unread byte, as written after `#`.
    fn here(&self) -> String;
    /// Whether reading can go on after a read error.
    fn can_resume(&self) -> bool {
        false
    }
}

impl<R: BufRead + Send> WarcInput for Counting<R> {
    fn here(&self) -> String {
        self.pos().to_string()
    }
}

impl<R: BufRead + Send> WarcInput for GzMembers<R> {
    fn here(&self) -> String {
        match self.position() {
            (member, 0) => member.to_string(),
            (member, off) => format!("{member}+{off}"),
        }
    }

    fn can_resume(&self) -> bool {
        GzMembers::can_resume(self)
    }
}

/// Largest header block accepted (real ones are well under 2 KiB).
const MAX_HEADER: usize = 64 * 1024;

/// Reads WARC records one at a time.
pub(crate) struct WarcReader {
    name: String,
    input: Box<dyn WarcInput>,
    opts: SourceOptions,
    done: bool,
    /// Set when a garbage scan already consumed the next record's version
    /// line: the position where that line started.
    resumed: Option<String>,
    line: Vec<u8>,
}

impl WarcReader {
    pub(crate) fn new(name: String, input: Box<dyn WarcInput>, opts: SourceOptions) -> Self {
        WarcReader {
            name,
            input,
            opts,
            done: false,
            resumed: None,
            line: Vec::with_capacity(256),
        }
    }

    fn locator(&self, at: &str) -> String {
        format!("{}#{}", self.name, at)
    }

    /// An error for a record broken by a read error. The stream ends
    /// there, unless the input can step over the damage (a corrupt gzip
    /// member in a `.warc.gz`), in which case reading goes on with the
    /// next member.
    fn fail(&mut self, at: &str, reason: String) -> Option<RecordResult> {
        self.done = !self.input.can_resume();
        self.resumed = None;
        Some(Err(RecordError::rejected(self.locator(at), reason)))
    }

    /// Reads one line into `self.line`; `None` at end of input.
    fn read_line(&mut self, cap: usize) -> io::Result<Option<bool>> {
        self.line.clear();
        let (n, over) = read_line_capped(&mut *self.input, &mut self.line, cap)?;
        Ok((n > 0).then_some(over))
    }

    fn discard(&mut self, len: u64) -> io::Result<u64> {
        io::copy(&mut self.input.by_ref().take(len), &mut io::sink())
    }

    fn next_record(&mut self) -> Option<RecordResult> {
        // 1. The version line (skipping blank lines between records).
        let at = match self.resumed.take() {
            Some(at) => at,
            None => loop {
                // Fill first: at a gzip member boundary, the position is
                // only known once the next member has been entered. Errors
                // must be reported here: a resumable input moves on.
                if let Err(e) = self.input.fill_buf() {
                    let at = self.input.here();
                    return self.fail(&at, io_reason(&e));
                }
                let at = self.input.here();
                match self.read_line(256) {
                    Err(e) => return self.fail(&at, io_reason(&e)),
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(_)) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(Some(_)) if self.line.starts_with(b"WARC/") => break at,
                    Ok(Some(_)) => return self.skip_garbage(at, None),
                }
            },
        };
        // 2. Header fields.
        let mut headers: Vec<(String, String)> = Vec::with_capacity(12);
        let mut used = 0;
        loop {
            match self.read_line(MAX_HEADER - used) {
                Err(e) => return self.fail(&at, io_reason(&e)),
                Ok(None) => return self.fail(&at, "truncated WARC header at end of input".into()),
                Ok(Some(true)) => return self.skip_garbage(at, Some("WARC header too large")),
                Ok(Some(false)) => {}
            }
            used += self.line.len();
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            } else if let Some((n, v)) = line.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let field = |n: &str| {
            headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        let locator = self.locator(&at);
        let Some(len) = field("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            // Without a length the block can't be stepped over: scan for
            // the next version line instead.
            self.line.clear();
            return self.skip_garbage(at, Some("WARC record without a valid Content-Length"));
        };
        let wtype = field("warc-type").unwrap_or("").to_ascii_lowercase();
        let uri = field("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_string())
            .filter(|u| !u.is_empty());
        let date = field("warc-date").map(str::to_string);
        let ctype = field("content-type").unwrap_or("").to_string();

        // 3. Skip what we don't keep without buffering it.
        let keep = matches!(wtype.as_str(), "response" | "resource" | "conversion");
        let too_large = len > self.opts.max_record_bytes;
        if !keep || too_large {
            match self.discard(len) {
                Err(e) => return self.fail(&at, io_reason(&e)),
                Ok(got) if got < len => {
                    return self.fail(
                        &at,
                        format!("truncated record ({got} of {len} bytes) at end of input"),
                    );
                }
                Ok(_) => {}
            }
            return Some(Err(if wtype.is_empty() {
                RecordError::rejected(locator, "WARC record without WARC-Type")
            } else if !keep {
                RecordError::skipped(locator, format!("skipped: WARC {wtype} record"))
            } else {
                RecordError::rejected(
                    locator,
                    format!(
                        "record too large ({len} bytes; limit {})",
                        self.opts.max_record_bytes
                    ),
                )
            }));
        }
        // 4. Read the block.
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        if let Err(e) = self.input.by_ref().take(len).read_to_end(&mut block) {
            return self.fail(&at, io_reason(&e));
        }
        if (block.len() as u64) < len {
            return self.fail(
                &at,
                format!(
                    "truncated record ({} of {len} bytes) at end of input",
                    block.len()
                ),
            );
        }
        Some(interpret(
            locator,
            &wtype,
            &ctype,
            uri,
            date,
            block,
            self.opts.max_record_bytes,
        ))
    }

    /// Steps over data that isn't a record (or a record that can't be
    /// delimited: `why`) up to the next version line; one error for all of it.
    fn skip_garbage(&mut self, at: String, why: Option<&str>) -> Option<RecordResult> {
        let mut skipped = self.line.len() as u64;
        loop {
            if let Err(e) = self.input.fill_buf() {
                return self.fail(&at, io_reason(&e));
            }
            let here = self.input.here();
            match self.read_line(256) {
                Err(e) => return self.fail(&at, io_reason(&e)),
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Ok(Some(_)) if self.line.starts_with(b"WARC/") => {
                    self.resumed = Some(here);
                    break;
                }
                Ok(Some(_)) => skipped += self.line.len() as u64,
            }
        }
        let reason = match why {
            Some(why) => format!("{why} (skipped to the next record)"),
            None => format!("not a WARC record ({skipped} bytes skipped)"),
        };
        Some(Err(RecordError::rejected(self.locator(&at), reason)))
    }
}

impl Iterator for WarcReader {
    type Item = RecordResult;

    fn next(&mut self) -> Option<RecordResult> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

/// Turns a kept record's block into a record (or a reasoned skip).
fn interpret(
    locator: String,
    wtype: &str,
    ctype: &str,
    url: Option<String>,
    fetched: Option<String>,
    block: Vec<u8>,
    cap: u64,
) -> RecordResult {
    let mt = http::media_type(ctype);
    if wtype != "response" {
        // resource / conversion records: the block is the document.
        let charset = http::charset(ctype).map(str::to_string);
        return if http::is_html(&mt) {
            let html = http::decode_body(&block, charset.as_deref())
                .map_err(|r| RecordError::rejected(&locator, r))?;
            Ok(Record {
                locator,
                raw: block,
                content: RecordContent::Html { html, url, fetched },
            })
        } else if mt == "text/plain" {
            let text = http::decode_body(&block, charset.as_deref())
                .map_err(|r| RecordError::rejected(&locator, r))?;
            Ok(Record {
                locator,
                raw: block,
                content: RecordContent::Text { text },
            })
        } else {
            let what = if mt.is_empty() {
                "no Content-Type"
            } else {
                &mt
            };
            Err(RecordError::skipped(
                locator,
                format!("skipped: WARC {wtype} record ({what})"),
            ))
        };
    }
    if !(mt.is_empty() || mt == "application/http") {
        return Err(RecordError::skipped(
            locator,
            format!("skipped: WARC response record ({mt})"),
        ));
    }
    let (status, http_type, te, ce, body_at) = {
        let resp = http::parse_response(&block).map_err(|r| RecordError::rejected(&locator, r))?;
        let h = |n: &str| resp.header(n).unwrap_or("").to_string();
        (
            resp.status,
            h("content-type"),
            h("transfer-encoding"),
            h("content-encoding"),
            block.len() - resp.body.len(),
        )
    };
    if !(200..300).contains(&status) {
        return Err(RecordError::skipped(
            locator,
            format!("skipped: HTTP status {status}"),
        ));
    }
    let http_mt = http::media_type(&http_type);
    if !http_mt.is_empty() && !http::is_html(&http_mt) {
        return Err(RecordError::skipped(
            locator,
            format!("skipped: non-HTML response ({http_mt})"),
        ));
    }
    let mut body = block;
    body.drain(..body_at);
    if te.to_ascii_lowercase().contains("chunked") {
        if let Some(b) =
            http::dechunk(&body, cap).map_err(|r| RecordError::rejected(&locator, r))?
        {
            body = b;
        }
    }
    if let Some(b) =
        http::decode_content(&ce, &body, cap).map_err(|r| RecordError::rejected(&locator, r))?
    {
        body = b;
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(RecordError::rejected(locator, "empty HTTP body"));
    }
    let html = http::decode_body(&body, http::charset(&http_type))
        .map_err(|r| RecordError::rejected(&locator, r))?;
    if http_mt.is_empty()
        && newsdesk_ingest::sniff_format(&html) != newsdesk_core::InputFormat::Html
    {
        return Err(RecordError::skipped(
            locator,
            "skipped: non-HTML response (no Content-Type)",
        ));
    }
    Ok(Record {
        locator,
        raw: body,
        content: RecordContent::Html { html, url, fetched },
    })
}
