//! End-to-end reading of the repo's fixtures and this crate's own
//! (tests/fixtures/, made by make_fixtures.py): kinds, content, locators,
//! skip/reject reasons, and the "nothing lost" accounting.

use newsdesk_sources::{
    detect, read_reader, read_source, ErrorKind, Record, RecordContent, RecordError, SourceKind,
    SourceOptions,
};
use std::path::{Path, PathBuf};

fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

fn split(path: &Path) -> (Vec<Record>, Vec<RecordError>) {
    let mut ok = Vec::new();
    let mut err = Vec::new();
    for r in read_source(path, &SourceOptions::default()) {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => err.push(e),
        }
    }
    (ok, err)
}

fn html_of(r: &Record) -> (&str, Option<&str>, Option<&str>) {
    match &r.content {
        RecordContent::Html { html, url, fetched } => (html, url.as_deref(), fetched.as_deref()),
        other => panic!("expected HTML, got {other:?}"),
    }
}

#[test]
fn repo_sample_warc_plain_and_gz() {
    for name in ["warc/sample.warc", "warc/sample.warc.gz"] {
        let path = repo(name);
        let (ok, err) = split(&path);
        assert_eq!(ok.len() + err.len(), 5, "{name}: nothing lost");
        assert_eq!(ok.len(), 3, "{name}: {err:?}");
        let (html, url, fetched) = html_of(&ok[0]);
        assert!(html.contains("Lowmere bridge reopens"));
        assert_eq!(url, Some("https://lowmerepost.example/news/bridge"));
        assert_eq!(fetched, Some("2031-05-21T10:00:00Z"));
        assert_eq!(
            html_of(&ok[1]).1,
            Some("https://gazette.grayford.example/zoo/otters")
        );
        assert!(matches!(&ok[2].content, RecordContent::Text { text } if !text.is_empty()));
        assert!(err.iter().all(|e| e.kind == ErrorKind::Skipped));
        assert_eq!(err[0].reason, "skipped: WARC warcinfo record");
        assert_eq!(err[1].reason, "skipped: WARC request record");
        // The raw payload is the HTML body.
        assert!(ok[0].raw.starts_with(b"<html>"));
    }
    // Locators: byte offsets; in the .gz, offsets of gzip members, each of
    // which must itself decompress to a record starting with "WARC/".
    let gz_path = repo("warc/sample.warc.gz");
    let gz = std::fs::read(&gz_path).unwrap();
    for r in read_source(&gz_path, &SourceOptions::default()).flatten() {
        let off: usize = r.locator.rsplit('#').next().unwrap().parse().unwrap();
        let mut d = flate2::read::GzDecoder::new(&gz[off..]);
        let mut head = [0u8; 5];
        std::io::Read::read_exact(&mut d, &mut head).unwrap();
        assert_eq!(&head, b"WARC/");
    }
    let plain = std::fs::read(repo("warc/sample.warc")).unwrap();
    for r in read_source(&repo("warc/sample.warc"), &SourceOptions::default()) {
        let loc = match r {
            Ok(r) => r.locator,
            Err(e) => e.locator,
        };
        let off: usize = loc.rsplit('#').next().unwrap().parse().unwrap();
        assert!(plain[off..].starts_with(b"WARC/1.0"), "{loc}");
    }
}

#[test]
fn records_warc_skips_with_reasons() {
    let (ok, err) = split(&own("records.warc"));
    assert_eq!(ok.len() + err.len(), 7);
    assert_eq!(ok.len(), 2);
    let (html, url, _) = html_of(&ok[0]);
    assert!(html.contains("night crossing"));
    assert_eq!(url, Some("https://portvik.example/news/ferry"));
    // windows-1252 body decoded by the HTTP charset.
    assert!(html_of(&ok[1]).0.contains("Grayford café wins award"));
    let reasons: Vec<&str> = err.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "skipped: WARC warcinfo record",
            "skipped: WARC request record",
            "skipped: WARC metadata record",
            "skipped: non-HTML response (image/png)",
            "skipped: HTTP status 301",
        ]
    );
    assert!(err.iter().all(|e| e.kind == ErrorKind::Skipped));
}

#[test]
fn chunked_and_gzip_encoded_responses() {
    let (ok, err) = split(&own("chunked.warc"));
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok.len(), 2);
    let (h0, _, _) = html_of(&ok[0]);
    assert!(
        h0.contains("open on Sundays from September") && h0.ends_with("</html>"),
        "{h0}"
    );
    let (h1, _, _) = html_of(&ok[1]);
    assert!(h1.contains("old tram depot"), "{h1}");
    assert!(ok[1].raw.starts_with(b"<html>"));
}

#[test]
fn truncated_gzip_keeps_records_before_the_cut() {
    let (ok, err) = split(&own("truncated.warc.gz"));
    assert_eq!(ok.len(), 1);
    assert!(html_of(&ok[0]).0.contains("night crossing"));
    assert_eq!(err.len(), 2, "{err:?}");
    assert_eq!(err[0].kind, ErrorKind::Skipped);
    assert_eq!(err[1].kind, ErrorKind::Rejected);
    assert!(err[1].reason.contains("truncated"), "{}", err[1].reason);
}

#[test]
fn jsonl_styles_and_broken_lines() {
    let (ok, err) = split(&own("news_please.jsonl"));
    assert_eq!((ok.len(), err.len()), (2, 0));
    match &ok[0].content {
        RecordContent::Prepared {
            title,
            date,
            sitename,
            authors,
            url,
            language,
            ..
        } => {
            assert_eq!(title.as_deref(), Some("Portvik ferry adds night crossing"));
            assert_eq!(date.as_deref(), Some("2031-06-01 17:30:00"));
            assert_eq!(sitename.as_deref(), Some("portvik.example"));
            assert_eq!(authors, &["Mette Lund"]);
            assert_eq!(url.as_deref(), Some("https://portvik.example/news/ferry"));
            assert_eq!(language.as_deref(), Some("en"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ok[1].locator,
        format!("{}:line 2", own("news_please.jsonl").display())
    );

    let (ok, _) = split(&own("trafilatura.jsonl"));
    match &ok[0].content {
        RecordContent::Prepared {
            authors,
            sitename,
            url,
            date,
            ..
        } => {
            assert_eq!(authors, &["Ola Brenn", "Siv Dahl"]);
            assert_eq!(sitename.as_deref(), Some("grayford.example"));
            assert_eq!(url.as_deref(), Some("https://grayford.example/market"));
            assert_eq!(date.as_deref(), Some("2031-05-30"));
        }
        other => panic!("{other:?}"),
    }

    let (ok, err) = split(&own("broken.jsonl"));
    assert_eq!(ok.len() + err.len(), 5, "5 non-blank lines");
    assert_eq!(ok.len(), 2);
    let lines: Vec<&str> = err
        .iter()
        .map(|e| e.locator.rsplit(':').next().unwrap())
        .collect();
    assert_eq!(lines, ["line 2", "line 3", "line 5"]);
    assert!(err.iter().all(|e| e.kind == ErrorKind::Rejected));
    assert!(err[0].reason.starts_with("invalid JSON"));
    assert!(err[1].reason.starts_with("no article text"));

    let (ok, err) = split(&own("news_please.jsonl.gz"));
    assert_eq!((ok.len(), err.len()), (2, 0));
}

#[test]
fn feeds_rss_and_atom() {
    let (ok, err) = split(&repo("rss/feed.rss"));
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok.len(), 3);
    assert!(ok[0].locator.ends_with("feed.rss#item-1"));
    let (html, url, _) = html_of(&ok[0]);
    assert_eq!(url, Some("https://lowmerepost.example/news/bypass-vote"));
    assert!(
        html.contains("overrun of 18 percent"),
        "full content preferred: {html}"
    );
    assert!(
        html.contains("<meta name=\"author\" content=\"Hedvig Sand\">"),
        "{html}"
    );
    assert!(
        html.contains("article:published_time\" content=\"2031-02-17T16:40:00+00:00\""),
        "{html}"
    );
    assert!(html.contains("og:site_name\" content=\"Lowmere Post - City\""));
    assert!(html.contains("<title>Lowmere council delays bypass vote</title>"));
    // Entity-escaped HTML description: markup, so HTML; `&amp;` in title.
    let (html, _, _) = html_of(&ok[1]);
    assert!(html.contains("<p>Both central libraries"), "{html}");
    assert!(
        html.contains("<title>Library hours extended in Grayford &amp; Lowmere</title>"),
        "{html}"
    );
    match &ok[2].content {
        RecordContent::Prepared {
            text,
            date,
            url,
            sitename,
            ..
        } => {
            assert!(text.starts_with("Gusts of up to 110 km/h"));
            assert_eq!(date.as_deref(), Some("2031-02-19T18:30:00+00:00"));
            assert_eq!(
                url.as_deref(),
                Some("https://lowmerepost.example/news/storm-warning")
            );
            assert_eq!(sitename.as_deref(), Some("Lowmere Post - City"));
        }
        other => panic!("{other:?}"),
    }

    let (ok, err) = split(&repo("rss/feed.atom"));
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok.len(), 3);
    let (html, _, _) = html_of(&ok[0]);
    assert!(html.contains("14 minutes") && html.contains("Lise Aamodt"));
    let (html, _, _) = html_of(&ok[1]);
    assert!(html.contains("harbour bridge"), "xhtml content: {html}");
    assert!(
        html.contains("2031-04-03T06:00:00+00:00"),
        "updated stands in for published: {html}"
    );
    assert!(
        matches!(&ok[2].content, RecordContent::Prepared { text, .. } if text.contains("otter cubs"))
    );
}

#[test]
fn folders_are_read_whole_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "records.warc",
        "broken.jsonl",
        "news_please.jsonl.gz",
        "truncated.warc.gz",
    ] {
        std::fs::copy(own(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("note.txt"),
        "A plain article about the Lowmere tide tables.",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    let all: Vec<_> = read_source(dir.path(), &SourceOptions::default()).collect();
    let ok = all.iter().filter(|r| r.is_ok()).count();
    // records.warc 7, broken.jsonl 5, news_please 2, truncated 3 (2 + tail), 2 files
    assert_eq!(all.len(), 7 + 5 + 2 + 3 + 2);
    assert_eq!(ok, 2 + 2 + 2 + 1 + 1);
    let empty = all
        .iter()
        .find_map(|r| {
            r.as_ref()
                .err()
                .filter(|e| e.locator.ends_with("empty.txt"))
        })
        .unwrap();
    assert_eq!(empty.reason, "empty file");
    assert!(
        read_source(&dir.path().join("missing.warc"), &SourceOptions::default())
            .all(|r| r.is_err_and(|e| e.reason == "not found"))
    );
}

#[test]
fn oversized_records_are_skipped_not_fatal() {
    let opts = SourceOptions {
        max_record_bytes: 300,
        ..Default::default()
    };
    let out: Vec<_> = read_source(&own("records.warc"), &opts).collect();
    assert_eq!(out.len(), 7);
    let too_large = out
        .iter()
        .filter(|r| {
            r.as_ref()
                .is_err_and(|e| e.reason.starts_with("record too large"))
        })
        .count();
    let ok = out.iter().filter(|r| r.is_ok()).count();
    assert!(too_large >= 1, "{out:?}");
    // Each HTML page is either read or rejected as too large; the records
    // after an oversized one are still read.
    assert_eq!(ok + too_large, 2);
    assert!(out[3]
        .as_ref()
        .is_err_and(|e| e.reason == "skipped: WARC metadata record"));
}

#[test]
fn garbage_between_records_resyncs() {
    let mut data = std::fs::read(own("records.warc")).unwrap();
    let second = memchr_find(&data[10..], b"WARC/1.0").unwrap() + 10;
    data.splice(
        second..second,
        b"junk line\r\nmore junk\r\n".iter().copied(),
    );
    let out: Vec<_> = read_reader(
        "g.warc",
        std::io::Cursor::new(data),
        &SourceOptions::default(),
    )
    .collect();
    assert_eq!(out.len(), 8);
    let junk = out[1].as_ref().unwrap_err();
    assert_eq!(junk.kind, ErrorKind::Rejected);
    assert!(
        junk.reason.starts_with("not a WARC record"),
        "{}",
        junk.reason
    );
    assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 2);
}

fn memchr_find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

#[test]
fn detection_of_own_fixtures() {
    for (f, kind) in [
        ("records.warc", SourceKind::Warc),
        ("truncated.warc.gz", SourceKind::Warc),
        ("broken.jsonl", SourceKind::JsonLines),
        ("news_please.jsonl.gz", SourceKind::JsonLines),
    ] {
        let bytes = std::fs::read(own(f)).unwrap();
        assert_eq!(detect(&own(f), &bytes), kind, "{f}");
    }
    let rss = std::fs::read(repo("rss/feed.atom")).unwrap();
    assert_eq!(detect(Path::new("x"), &rss), SourceKind::Feed);
}

#[test]
fn forced_kind_and_single_documents() {
    let html = "<!DOCTYPE html><html><body><p>One.</p></body></html>";
    let out: Vec<_> = read_reader(
        "<stdin>",
        std::io::Cursor::new(html),
        &SourceOptions::default(),
    )
    .collect();
    assert!(
        matches!(&out[0], Ok(Record { locator, content: RecordContent::Html { .. }, .. }) if locator == "<stdin>")
    );
    let opts = SourceOptions {
        kind: Some(SourceKind::JsonLines),
        ..Default::default()
    };
    let out: Vec<_> = read_reader("x", std::io::Cursor::new("plain words\n"), &opts).collect();
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .starts_with("invalid JSON"));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let out: Vec<_> = read_reader(
        "p.png",
        std::io::Cursor::new(png),
        &SourceOptions::default(),
    )
    .collect();
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .reason
        .starts_with("binary content"));
}

#[test]
fn corrupt_gzip_member_is_stepped_over() {
    let path = repo("warc/sample.warc.gz");
    let mut gz = std::fs::read(&path).unwrap();
    let offsets: Vec<usize> = read_source(&path, &SourceOptions::default())
        .map(|r| match r {
            Ok(r) => r.locator,
            Err(e) => e.locator,
        })
        .map(|l| l.rsplit('#').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(offsets.len(), 5);
    // Damage the deflate data of the first response (third member).
    let (start, end) = (offsets[2], offsets[3]);
    for b in &mut gz[start + 20..end - 20] {
        *b ^= 0xa5;
    }
    let out: Vec<_> = read_reader(
        "c.warc.gz",
        std::io::Cursor::new(gz),
        &SourceOptions::default(),
    )
    .collect();
    let rejected: Vec<_> = out
        .iter()
        .filter_map(|r| r.as_ref().err())
        .filter(|e| e.kind == ErrorKind::Rejected)
        .collect();
    assert_eq!(rejected.len(), 1, "{out:?}");
    assert_eq!(rejected[0].locator, format!("c.warc.gz#{start}"));
    // The otters page and the weather text after the damage are still read.
    assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 2, "{out:?}");
    assert_eq!(out.len(), 5);
}
