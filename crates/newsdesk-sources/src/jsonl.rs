//! JSON Lines of already-extracted articles (news-please, trafilatura and
//! similar tools), one object per line.
//!
//! Field names accepted (first non-empty wins):
//! - text: `maintext` (news-please), `text` (trafilatura), `raw_text`,
//!   `content`, `body`, `article_text`; or, when none is present, HTML in
//!   `html`/`raw_html`, giving [`RecordContent::Html`];
//! - title: `title`, `headline`, `title_page`, `title_rss`;
//! - url: `url`, `source_url`, `link`, `canonical_url`, or `source` when it
//!   is a URL (trafilatura);
//! - date: `date_publish` (news-please), `date` (trafilatura),
//!   `date_published`, `datePublished`, `published`, `pubdate`;
//! - site: `source_domain` (news-please), `sitename`, `site_name`,
//!   `hostname` (trafilatura), `source-hostname`, `publisher`;
//! - authors: `authors` (list or string), `author` (trafilatura's
//!   `"A; B"`), split on `;`;
//! - language: `language`, `lang`.
//!
//! Besides one object per line, a pretty-printed object spanning lines
//! (a `.json` file per article) and a one-line array of objects are read
//! too. A line that isn't JSON, isn't an object or has no text becomes a
//! rejection with its line number; blank lines are not records.

use crate::input::{io_reason, read_line_capped};
use crate::{Record, RecordContent, RecordError, RecordResult, SourceOptions};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::io::BufRead;

const TEXT: &[&str] = &[
    "maintext",
    "text",
    "raw_text",
    "content",
    "body",
    "article_text",
];
const HTML: &[&str] = &["html", "raw_html"];
const TITLE: &[&str] = &["title", "headline", "title_page", "title_rss"];
const URL: &[&str] = &["url", "source_url", "link", "canonical_url"];
const DATE: &[&str] = &[
    "date_publish",
    "date",
    "date_published",
    "datePublished",
    "published",
    "pubdate",
];
const SITE: &[&str] = &[
    "source_domain",
    "sitename",
    "site_name",
    "hostname",
    "source-hostname",
    "publisher",
];
const LANG: &[&str] = &["language", "lang"];

/// Reads JSON Lines records lazily.
pub(crate) struct JsonlReader {
    name: String,
    input: Box<dyn BufRead + Send>,
    opts: SourceOptions,
    line_no: u64,
    pending: VecDeque<RecordResult>,
    done: bool,
    buf: Vec<u8>,
}

impl JsonlReader {
    pub(crate) fn new(name: String, input: Box<dyn BufRead + Send>, opts: SourceOptions) -> Self {
        JsonlReader {
            name,
            input,
            opts,
            line_no: 0,
            pending: VecDeque::new(),
            done: false,
            buf: Vec::new(),
        }
    }

    fn locator(&self, line: u64) -> String {
        format!("{}:line {}", self.name, line)
    }

    fn next_value(&mut self) -> Option<RecordResult> {
        let cap = usize::try_from(self.opts.max_record_bytes).unwrap_or(usize::MAX);
        loop {
            self.buf.clear();
            let start = self.line_no + 1;
            let over = match read_line_capped(&mut *self.input, &mut self.buf, cap) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(RecordError::rejected(
                        self.locator(start),
                        io_reason(&e),
                    )));
                }
                Ok((0, _)) => {
                    self.done = true;
                    return None;
                }
                Ok((_, over)) => over,
            };
            self.line_no += 1;
            if over {
                return Some(Err(self.too_large(start)));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = serde_json::from_slice::<Value>(&self.buf);
            let value = match parsed {
                Ok(v) => Ok(v),
                Err(e) if e.is_eof() => match self.continue_value(cap) {
                    Ok(()) => serde_json::from_slice::<Value>(&self.buf).map_err(|e| e.to_string()),
                    Err(Some(())) => return Some(Err(self.too_large(start))),
                    Err(None) => Err(e.to_string()),
                },
                Err(e) => Err(e.to_string()),
            };
            let locator = self.locator(start);
            return Some(match value {
                Err(e) => Err(RecordError::rejected(
                    locator,
                    format!("invalid JSON ({e})"),
                )),
                Ok(Value::Object(obj)) => to_record(locator, std::mem::take(&mut self.buf), &obj),
                Ok(Value::Array(items)) => {
                    for (i, item) in items.into_iter().enumerate() {
                        let loc = format!("{locator}#{}", i + 1);
                        self.pending.push_back(match item {
                            Value::Object(obj) => {
                                to_record(loc, serde_json::to_vec(&obj).unwrap_or_default(), &obj)
                            }
                            _ => Err(RecordError::rejected(loc, "not a JSON object")),
                        });
                    }
                    match self.pending.pop_front() {
                        Some(r) => r,
                        None => continue,
                    }
                }
                Ok(_) => Err(RecordError::rejected(locator, "not a JSON object")),
            });
        }
    }

    fn too_large(&self, line: u64) -> RecordError {
        RecordError::rejected(
            self.locator(line),
            format!(
                "record too large (more than {} bytes)",
                self.opts.max_record_bytes
            ),
        )
    }

    /// Appends following lines while the value in `buf` is unfinished
    /// (a pretty-printed object). Stops — leaving the value broken — at a
    /// line starting a new top-level value, at a raw newline inside a
    /// string (never valid JSON), or at end of input. `Err(Some(()))` when
    /// the value outgrows the cap, `Err(None)` when it can't be finished.
    fn continue_value(&mut self, cap: usize) -> Result<(), Option<()>> {
        let mut scan = Scanner::default();
        scan.feed(&self.buf);
        while scan.depth > 0 && !scan.in_string {
            match self.input.fill_buf() {
                Ok(b) if !b.is_empty() && !matches!(b[0], b'{' | b'[') => {}
                _ => return Err(None),
            }
            let from = self.buf.len();
            match read_line_capped(&mut *self.input, &mut self.buf, cap) {
                Ok((0, _)) | Err(_) => return Err(None),
                Ok((_, true)) => {
                    self.line_no += 1;
                    return Err(Some(()));
                }
                Ok(_) => self.line_no += 1,
            }
            scan.feed(&self.buf[from..]);
        }
        if scan.depth == 0 {
            Ok(())
        } else {
            Err(None)
        }
    }
}

impl Iterator for JsonlReader {
    type Item = RecordResult;

    fn next(&mut self) -> Option<RecordResult> {
        if let Some(r) = self.pending.pop_front() {
            return Some(r);
        }
        if self.done {
            return None;
        }
        self.next_value()
    }
}

/// Tracks bracket depth and string state across lines, without parsing.
#[derive(Default)]
struct Scanner {
    depth: i64,
    in_string: bool,
    escape: bool,
}

impl Scanner {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                } else if b == b'\n' {
                    // A raw newline inside a string is never valid JSON:
                    // stop, leaving the value unfinished.
                    return;
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => self.depth -= 1,
                    _ => {}
                }
            }
        }
    }
}

/// First non-empty string among `keys`.
fn first_str(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    })
}

fn authors(obj: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["authors", "author"] {
        match obj.get(key) {
            Some(Value::String(s)) => out.extend(s.split([';', '|']).map(|a| a.trim().to_string())),
            Some(Value::Array(items)) => out.extend(items.iter().filter_map(|v| {
                match v {
                    Value::String(s) => Some(s.trim().to_string()),
                    // schema.org-style {"name": …}
                    Value::Object(o) => o
                        .get("name")
                        .and_then(Value::as_str)
                        .map(|s| s.trim().to_string()),
                    _ => None,
                }
            })),
            _ => {}
        }
        if !out.is_empty() {
            break;
        }
    }
    out.retain(|a| !a.is_empty());
    out.dedup();
    out
}

fn to_record(locator: String, raw: Vec<u8>, obj: &Map<String, Value>) -> RecordResult {
    let url = first_str(obj, URL)
        .or_else(|| first_str(obj, &["source"]).filter(|s| s.starts_with("http")));
    if let Some(text) = first_str(obj, TEXT) {
        let content = RecordContent::Prepared {
            text,
            title: first_str(obj, TITLE),
            url,
            date: first_str(obj, DATE),
            sitename: first_str(obj, SITE),
            authors: authors(obj),
            language: first_str(obj, LANG),
        };
        return Ok(Record {
            locator,
            raw,
            content,
        });
    }
    if let Some(html) = first_str(obj, HTML) {
        let fetched = first_str(obj, &["date_download", "fetched", "filedate"]);
        return Ok(Record {
            locator,
            raw,
            content: RecordContent::Html { html, url, fetched },
        });
    }
    Err(RecordError::rejected(
        locator,
        "no article text (no maintext, text, raw_text, content, body or html field)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<RecordResult> {
        JsonlReader::new(
            "t.jsonl".into(),
            Box::new(std::io::Cursor::new(s.as_bytes().to_vec())),
            SourceOptions::default(),
        )
        .collect()
    }

    #[test]
    fn news_please_fields() {
        let r = read(
            r#"{"url":"https://a.example/x","title":"T","maintext":"Body text.","date_publish":"2031-02-17 16:40:00","source_domain":"a.example","authors":["Ann Lee","Bo Park"],"language":"en"}"#,
        );
        let rec = r[0].as_ref().unwrap();
        assert_eq!(rec.locator, "t.jsonl:line 1");
        match &rec.content {
            RecordContent::Prepared {
                text,
                title,
                url,
                date,
                sitename,
                authors,
                language,
            } => {
                assert_eq!(text, "Body text.");
                assert_eq!(title.as_deref(), Some("T"));
                assert_eq!(url.as_deref(), Some("https://a.example/x"));
                assert_eq!(date.as_deref(), Some("2031-02-17 16:40:00"));
                assert_eq!(sitename.as_deref(), Some("a.example"));
                assert_eq!(authors, &["Ann Lee", "Bo Park"]);
                assert_eq!(language.as_deref(), Some("en"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn trafilatura_fields_and_broken_lines() {
        let r = read("{\"text\":\"T1\",\"author\":\"A; B\",\"hostname\":\"h.example\",\"source\":\"https://h.example/1\"}\n\n{\"text\": \"unterminated\n{\"title\":\"no text\"}\n[1,2]\n42\n");
        assert_eq!(r.len(), 6);
        match &r[0].as_ref().unwrap().content {
            RecordContent::Prepared {
                authors,
                sitename,
                url,
                ..
            } => {
                assert_eq!(authors, &["A", "B"]);
                assert_eq!(sitename.as_deref(), Some("h.example"));
                assert_eq!(url.as_deref(), Some("https://h.example/1"));
            }
            other => panic!("{other:?}"),
        }
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.locator, "t.jsonl:line 3");
        assert!(e.reason.starts_with("invalid JSON"), "{}", e.reason);
        assert_eq!(r[2].as_ref().unwrap_err().locator, "t.jsonl:line 4");
        assert!(r[2]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("no article text"));
        assert_eq!(r[3].as_ref().unwrap_err().locator, "t.jsonl:line 5#1");
        assert_eq!(r[4].as_ref().unwrap_err().locator, "t.jsonl:line 5#2");
        assert_eq!(r[5].as_ref().unwrap_err().locator, "t.jsonl:line 6");
        assert_eq!(r[5].as_ref().unwrap_err().reason, "not a JSON object");
    }

    #[test]
    fn pretty_printed_and_truncated_objects() {
        let r = read("{\n  \"text\": \"Pretty.\",\n  \"title\": \"P\"\n}\n{\"text\": \"cut\",\n{\"text\":\"after\"}\n");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].as_ref().unwrap().locator, "t.jsonl:line 1");
        assert_eq!(r[1].as_ref().unwrap_err().locator, "t.jsonl:line 5");
        assert_eq!(r[2].as_ref().unwrap().locator, "t.jsonl:line 6");
    }

    #[test]
    fn html_only_and_too_large() {
        let r = read("{\"html\":\"<p>x</p>\",\"url\":\"u\"}\n");
        assert!(
            matches!(&r[0].as_ref().unwrap().content, RecordContent::Html { url: Some(u), .. } if u == "u")
        );
        let opts = SourceOptions {
            max_record_bytes: 20,
            ..Default::default()
        };
        let big = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n", "x".repeat(50));
        let r: Vec<_> = JsonlReader::new(
            "t".into(),
            Box::new(std::io::Cursor::new(big.into_bytes())),
            opts,
        )
        .collect();
        assert!(r[0]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("record too large"));
        assert!(r[1].is_ok());
    }
}
