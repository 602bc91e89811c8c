//! Fuzzes byte decoding: any bytes must decode or be rejected, never panic;
//! decoded text must be valid and, for HTML-looking input, sniffable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, encoding)) = newsdesk_ingest::decode(data) {
        assert!(!encoding.is_empty());
        let _ = newsdesk_ingest::sniff_format(&text);
    }
});
