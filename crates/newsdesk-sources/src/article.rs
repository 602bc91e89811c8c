//! Single-article sources: the whole input is one text or HTML document.

use crate::input::{io_reason, one, read_capped, Iter};
use crate::{Record, RecordContent, RecordError, SourceOptions};
use newsdesk_core::InputFormat;
use std::io::BufRead;

pub(crate) fn read_article(
    name: String,
    mut body: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Iter {
    let raw = match read_capped(&mut body, opts.max_record_bytes) {
        Ok(b) => b,
        Err(e) => return one(RecordError::rejected(name, io_reason(&e))),
    };
    if raw.len() as u64 > opts.max_record_bytes {
        return one(RecordError::rejected(
            name,
            format!(
                "record too large (more than {} bytes)",
                opts.max_record_bytes
            ),
        ));
    }
    one_record(name, raw)
}

fn one_record(name: String, raw: Vec<u8>) -> Iter {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return one(RecordError::rejected(name, "empty file"));
    }
    let text = match newsdesk_ingest::decode(&raw) {
        Ok((t, _)) => t,
        Err(e) => return one(RecordError::rejected(name, e.to_string())),
    };
    let content = match newsdesk_ingest::sniff_format(&text) {
        InputFormat::Html => RecordContent::Html {
            html: text,
            url: None,
            fetched: None,
        },
        InputFormat::Text => RecordContent::Text { text },
    };
    Box::new(std::iter::once(Ok(Record {
        locator: name,
        raw,
        content,
    })))
}
