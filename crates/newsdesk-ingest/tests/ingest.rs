//! End-to-end ingest tests on fixtures generated into temporary folders.

use flate2::{write::GzEncoder, Compression};
use newsdesk_core::{ArticleId, InputFormat};
use newsdesk_ingest::{
    assign_ids, collect_paths, decode, read_document, IngestError, IngestOptions,
};
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read(path: &Path) -> Result<newsdesk_core::Document, IngestError> {
    read_document(path, ArticleId::new("t"), &IngestOptions::default())
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const RU: &str =
    "Мэр города Северск Иван Петров заявил журналистам, что новый мост откроют весной.";

#[test]
fn utf16_with_bom_both_orders() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mayor Ada Quill said the bridge opens in May — “on schedule”.";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let d = read(&write(dir.path(), "le.txt", &le)).unwrap();
    assert_eq!(
        (d.content.as_str(), d.encoding.as_str()),
        (text, "UTF-16LE")
    );
    let d = read(&write(dir.path(), "be.txt", &be)).unwrap();
    assert_eq!(
        (d.content.as_str(), d.encoding.as_str()),
        (text, "UTF-16BE")
    );
    assert_eq!(d.format, InputFormat::Text);
}

#[test]
fn windows_1251_russian() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(RU);
    let (text, enc) = decode(&bytes).unwrap();
    assert_eq!(text, RU);
    assert_eq!(enc, "windows-1251");
}

#[test]
fn windows_1252_curly_quotes_and_latin1() {
    let s = "“We will rebuild,” said Chloé Durand, the café’s owner – again.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(s);
    assert_eq!(decode(&bytes).unwrap(), (s.to_string(), "windows-1252"));
    // Latin-1 (ISO-8859-1) bytes: decoded as its superset windows-1252.
    let latin1: Vec<u8> = "Señor Núñez visitó Málaga y São Paulo."
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let (text, _) = decode(&latin1).unwrap();
    assert_eq!(text, "Señor Núñez visitó Málaga y São Paulo.");
}

#[test]
fn binary_empty_and_oversized_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(
        dir.path(),
        "pic.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    assert_eq!(
        read(&png).unwrap_err().to_string(),
        "binary content (PNG image)"
    );
    let empty = write(dir.path(), "empty.txt", b"");
    assert_eq!(read(&empty).unwrap_err().to_string(), "empty file");
    let blank = write(dir.path(), "blank.txt", b" \n\t \r\n");
    assert!(matches!(read(&blank), Err(IngestError::Empty)));
    let big = write(dir.path(), "big.txt", &vec![b'a'; 2000]);
    let err = read_document(
        &big,
        ArticleId::new("b"),
        &IngestOptions { max_bytes: 1000 },
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            IngestError::TooLarge {
                size: 2000,
                limit: 1000
            }
        ),
        "{err}"
    );
    assert_eq!(
        read(&dir.path().join("nope.txt")).unwrap_err().to_string(),
        "not found"
    );
    assert!(matches!(read(dir.path()), Err(IngestError::NotAFile)));
}

#[test]
fn gzip_is_transparent_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!doctype html><html><body><p>Hello from the Harbour Gazette.</p></body></html>";
    // Named .txt on purpose: gzip is recognised by magic bytes.
    let d = read(&write(dir.path(), "page.txt", &gz(page.as_bytes()))).unwrap();
    assert_eq!(d.content, page);
    assert_eq!(d.format, InputFormat::Html);

    let full = gz(RU.repeat(20).as_bytes());
    let truncated = write(dir.path(), "cut.txt.gz", &full[..full.len() / 2]);
    let err = read(&truncated).unwrap_err();
    assert!(err.to_string().starts_with("corrupt gzip"), "{err}");

    let mut garbage = full.clone();
    for b in garbage.iter_mut().skip(12).take(20) {
        *b ^= 0x5A;
    }
    let bad = write(dir.path(), "bad.gz", &garbage);
    assert!(matches!(read(&bad), Err(IngestError::CorruptGzip(_))));

    // A bomb: 10 MB of zeros compresses to ~10 KB; the cap stops it.
    let bomb = write(dir.path(), "bomb.gz", &gz(&vec![b' '; 10 << 20]));
    let err = read_document(
        &bomb,
        ArticleId::new("z"),
        &IngestOptions { max_bytes: 1 << 20 },
    )
    .unwrap_err();
    assert!(
        matches!(err, IngestError::DecompressedTooLarge { .. }),
        "{err}"
    );
}

#[test]
fn html_is_sniffed_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let d = read(&write(
        dir.path(),
        "a.html",
        b"Just a plain note about <b> tags.",
    ))
    .unwrap();
    assert_eq!(d.format, InputFormat::Text);
    let d = read(&write(
        dir.path(),
        "b.txt",
        b"\xef\xbb\xbf<!-- saved -->\n<HTML><body>x</body></HTML>",
    ))
    .unwrap();
    assert_eq!(d.format, InputFormat::Html);
}

#[test]
fn collect_walks_sorted_skips_hidden_and_reports_missing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "b.txt", b"b");
    write(root, "a.txt", b"a");
    write(root, ".hidden.txt", b"h");
    write(&root.join(".git"), "config", b"c");
    write(&root.join("sub"), "c.html", b"c");
    write(&root.join("sub/deeper"), "d.txt", b"d");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    let missing = root.join("missing.txt");
    let (files, rejected) =
        collect_paths(&[root.to_path_buf(), missing.clone(), root.join("a.txt")]);
    let rel: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(rel, ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.txt"]);
    assert!(rejected
        .iter()
        .any(|r| r.path == missing.display().to_string() && r.reason == "not found"));
    #[cfg(unix)]
    assert!(
        rejected.iter().any(|r| r.reason == "symlink loop"),
        "{rejected:?}"
    );
    let ids: Vec<String> = assign_ids(&files).into_iter().map(|i| i.0).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn decode_roundtrips_utf8(s in "\\PC{0,200}") {
        if let Ok((text, enc)) = decode(s.as_bytes()) {
            prop_assert_eq!(enc, "UTF-8");
            prop_assert_eq!(text, s);
        }
    }
}
