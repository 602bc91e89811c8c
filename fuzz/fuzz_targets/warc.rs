//! Fuzzes the warc reader of newsdesk-sources: any bytes (gzip-wrapped or
//! not) must give a finite stream of records and reasoned errors, never a
//! panic; every locator names the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_sources::{read_reader, RecordContent, SourceKind, SourceOptions};

fuzz_target!(|data: &[u8]| {
    // A small cap exercises the "record too large" paths too.
    let opts = SourceOptions { max_record_bytes: 64 * 1024, max_feed_bytes: 256 * 1024, kind: Some(SourceKind::Warc) };
    for item in read_reader("fuzz.warc", std::io::Cursor::new(data.to_vec()), &opts) {
        match item {
            Ok(rec) => {
                assert!(rec.locator.starts_with("fuzz.warc"));
                if let RecordContent::Prepared { text, .. } = &rec.content {
                    assert!(!text.trim().is_empty());
                }
            }
            Err(e) => {
                assert!(e.locator.starts_with("fuzz.warc"));
                assert!(!e.reason.is_empty());
            }
        }
    }
});
