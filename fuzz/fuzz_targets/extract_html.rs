//! Fuzzes HTML extraction: any string must extract or fail cleanly; the
//! output never holds NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_core::{ArticleId, Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    let content = String::from_utf8_lossy(data).into_owned();
    let doc = Document {
        id: ArticleId::new("fuzz"),
        path: "fuzz.html".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content,
    };
    if let Ok(out) = newsdesk_extract::extract(&doc) {
        assert!(!out.text.contains('\0'));
        assert!(!out.text.trim().is_empty());
    }
});
