//! Throughput and memory of WARC reading on a generated ~100 MB archive
//! (CC-NEWS-like: request + response + metadata per page, ~6 KB pages, and
//! one 30 MB response that exceeds the record cap), plain and per-record
//! gzip. Nothing is committed: the archive lives in a temp dir.
//!
//! Run: `cargo run --release -p newsdesk-sources --example warc_bench [MB]`

use newsdesk_sources::{read_source, SourceOptions};
use std::io::{BufWriter, Write};
use std::time::Instant;

fn record(wtype: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Date: 2031-06-02T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page(i: usize) -> Vec<u8> {
    let para = format!("<p>Paragraph about the Lowmere harbour works, item {i}, with figures like {} cubic metres and quotes from fictional officials.</p>\n", i * 7);
    let body = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story {i}</title></head><body><nav>Home | News</nav><article><h1>Story {i}</h1>{}</article></body></html>",
        para.repeat(40)
    );
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body.as_bytes());
    r
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let mb: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("bench.warc");
    let gzp = dir.path().join("bench.warc.gz");
    let mut w = BufWriter::new(std::fs::File::create(&plain).unwrap());
    let mut g = BufWriter::new(std::fs::File::create(&gzp).unwrap());
    let (mut written, mut records, mut i) = (0u64, 0u64, 0usize);
    let mut emit = |rec: Vec<u8>, written: &mut u64| {
        w.write_all(&rec).unwrap();
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&rec).unwrap();
        g.write_all(&e.finish().unwrap()).unwrap();
        *written += rec.len() as u64;
    };
    while written < mb * 1024 * 1024 {
        let uri = format!("https://lowmere.example/news/{i}");
        emit(
            record(
                "request",
                &uri,
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\nHost: lowmere.example\r\n\r\n",
            ),
            &mut written,
        );
        emit(
            record(
                "response",
                &uri,
                "application/http; msgtype=response",
                &page(i),
            ),
            &mut written,
        );
        emit(
            record(
                "metadata",
                &uri,
                "application/warc-fields",
                b"fetchTimeMs: 120\r\n",
            ),
            &mut written,
        );
        records += 3;
        if i == 100 {
            let huge = vec![b'x'; 30 * 1024 * 1024];
            emit(
                record(
                    "response",
                    &uri,
                    "application/http; msgtype=response",
                    &huge,
                ),
                &mut written,
            );
            records += 1;
        }
        i += 1;
    }
    w.flush().unwrap();
    g.flush().unwrap();
    drop((w, g));
    let gz_size = std::fs::metadata(&gzp).unwrap().len();
    println!("generated {written} bytes plain, {gz_size} gzip, {records} WARC records ({i} pages)");
    println!("peak RSS after generation: {} KiB", vm_hwm_kb());
    for path in [&plain, &gzp] {
        // Reset the peak-RSS counter so it covers reading only (Linux).
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let base = vm_hwm_kb();
        let t = Instant::now();
        let (mut ok, mut err, mut html_bytes) = (0u64, 0u64, 0u64);
        for r in read_source(path, &SourceOptions::default()) {
            match r {
                Ok(r) => {
                    ok += 1;
                    html_bytes += r.raw.len() as u64;
                }
                Err(_) => err += 1,
            }
        }
        let s = t.elapsed().as_secs_f64();
        assert_eq!(ok + err, records, "nothing lost");
        println!(
            "{}: {ok} pages + {err} skipped/rejected in {s:.3}s = {:.0} WARC records/s, {:.0} pages/s, {:.0} MB/s (uncompressed); peak RSS {} KiB (at start {base} KiB)",
            path.file_name().unwrap().to_string_lossy(),
            records as f64 / s,
            ok as f64 / s,
            written as f64 / s / 1e6,
            vm_hwm_kb()
        );
        let _ = html_bytes;
    }

    // JSON Lines of ~4 KB extracted articles, same total size.
    let jl = dir.path().join("bench.jsonl");
    let mut w = BufWriter::new(std::fs::File::create(&jl).unwrap());
    let (mut size, mut lines) = (0u64, 0u64);
    while size < mb * 1024 * 1024 {
        let text = format!(
            "Paragraph {lines} about the Lowmere harbour works and its fictional officials. "
        )
        .repeat(50);
        let line = format!(
            "{{\"url\":\"https://lowmere.example/{lines}\",\"title\":\"Story {lines}\",\"maintext\":\"{text}\",\"date_publish\":\"2031-06-01 10:00:00\",\"source_domain\":\"lowmere.example\",\"authors\":[\"A. Writer\"]}}\n"
        );
        w.write_all(line.as_bytes()).unwrap();
        size += line.len() as u64;
        lines += 1;
    }
    w.flush().unwrap();
    drop(w);
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let n = read_source(&jl, &SourceOptions::default())
        .filter(|r| r.is_ok())
        .count() as u64;
    let s = t.elapsed().as_secs_f64();
    assert_eq!(n, lines);
    println!(
        "bench.jsonl: {n} articles in {s:.3}s = {:.0} records/s, {:.0} MB/s; peak RSS {} KiB",
        n as f64 / s,
        size as f64 / s / 1e6,
        vm_hwm_kb()
    );
}
