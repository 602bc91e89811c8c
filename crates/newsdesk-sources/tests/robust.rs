//! Arbitrary and damaged input never panics or hangs any reader, and every
//! item of the stream is accounted for with a locator.

use newsdesk_sources::{read_reader, SourceKind, SourceOptions};
use proptest::prelude::*;
use std::io::Write;
use std::path::Path;

const KINDS: [Option<SourceKind>; 5] = [
    None,
    Some(SourceKind::Article),
    Some(SourceKind::JsonLines),
    Some(SourceKind::Warc),
    Some(SourceKind::Feed),
];

fn read_all(name: &str, data: Vec<u8>, kind: Option<SourceKind>, cap: u64) -> usize {
    let opts = SourceOptions {
        max_record_bytes: cap,
        max_feed_bytes: cap * 4,
        kind,
    };
    let mut n = 0;
    for r in read_reader(name, std::io::Cursor::new(data), &opts) {
        let loc = match &r {
            Ok(rec) => &rec.locator,
            Err(e) => &e.locator,
        };
        assert!(loc.starts_with(name));
        n += 1;
        assert!(n < 1_000_000, "runaway stream");
    }
    n
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn fixtures() -> Vec<Vec<u8>> {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    [
        own.join("records.warc"),
        own.join("chunked.warc"),
        own.join("truncated.warc.gz"),
        own.join("broken.jsonl"),
        own.join("news_please.jsonl.gz"),
        repo.join("warc/sample.warc.gz"),
        repo.join("rss/feed.rss"),
        repo.join("rss/feed.atom"),
    ]
    .iter()
    .filter_map(|p| std::fs::read(p).ok())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048), k in 0usize..5, cap in 1u64..4096) {
        read_all("in", data.clone(), KINDS[k], cap);
        read_all("in.gz", gz(&data), KINDS[k], cap);
    }

    #[test]
    fn format_like_bytes_never_panic(
        prefix in prop::sample::select(vec!["WARC/1.0\r\n", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
            "{\"text\": ", "<?xml version=\"1.0\"?><rss><channel><item><description>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"]),
        tail in proptest::collection::vec(prop::sample::select(vec![b'\r', b'\n', b':', b' ', b'{', b'}', b'"', b'<', b'>', b'0', b'a', b'\\', 0x1f, 0x8b]), 0..512),
        k in 0usize..5,
    ) {
        let mut data = prefix.as_bytes().to_vec();
        data.extend_from_slice(&tail);
        read_all("in", data, KINDS[k], 256);
    }

    #[test]
    fn damaged_fixtures_never_panic(which in 0usize..8, cut in any::<prop::sample::Index>(), flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let all = fixtures();
        prop_assume!(!all.is_empty());
        let mut data = all[which % all.len()].clone();
        for (i, b) in flips {
            let i = i.index(data.len());
            data[i] = b;
        }
        let keep = cut.index(data.len() + 1);
        data.truncate(keep);
        read_all("in", data, None, 20 * 1024 * 1024);
    }
}
