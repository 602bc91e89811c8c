//! Throughput and latency measurements (ignored by default; numbers only
//! mean something in release):
//!
//! ```text
//! cargo test -p newsdesk-store --release --test bench -- --ignored --nocapture
//! ```

mod common;

use newsdesk_store::{Filter, OpenOptions, SqliteStore, Store, Synchronous};
use std::time::Instant;

const RECORDS: usize = 10_000;
const BATCH: usize = 500;

fn batch() -> usize {
    std::env::var("NEWSDESK_BENCH_BATCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(BATCH)
}

fn ingest(sync: Synchronous) -> (SqliteStore, f64) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("bench.db");
    let recs = common::corpus(RECORDS);
    let mut s = SqliteStore::open_with(
        &path,
        &OpenOptions {
            synchronous: sync,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let t = Instant::now();
    for chunk in recs.chunks(batch()) {
        s.put_batch(chunk).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    let size: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!("  files on disk: {:.1} MB", size as f64 / 1e6);
    // Keep the directory alive as long as the store.
    std::mem::forget(dir);
    (s, secs)
}

#[test]
#[ignore]
fn bench_ingest_and_search() {
    for sync in [Synchronous::Full, Synchronous::Normal] {
        let (s, secs) = ingest(sync);
        let st = s.stats().unwrap();
        println!(
            "{sync:?}: {RECORDS} records ({} articles, {} duplicates, {} rejected) in batches of {}: {:.2} s, {:.0} records/s",
            st.articles,
            st.duplicates,
            st.rejected,
            batch(),
            secs,
            RECORDS as f64 / secs
        );
    }
    // The CPU part of a put: hashing and compressing the raw bytes.
    let recs = common::corpus(RECORDS);
    let t = Instant::now();
    let mut n = 0usize;
    for r in &recs {
        n += newsdesk_store::raw_hash(&r.raw).len();
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        std::io::Write::write_all(&mut e, &r.raw).unwrap();
        n += e.finish().unwrap().len();
    }
    println!(
        "hash + zlib-6 of {RECORDS} raw inputs: {:.3} s ({n})",
        t.elapsed().as_secs_f64()
    );
    let (s, _) = ingest(Synchronous::Normal);
    let queries = [
        ("bridge repairs", Filter::default()),
        ("\"school budget\"", Filter::default()),
        ("tram OR flood", Filter::default()),
        ("council -strike", Filter::default()),
        (
            "residents",
            Filter {
                outlet: Some("the lantern".into()),
                ..Filter::default()
            },
        ),
        (
            "harbour",
            Filter {
                entity: Some("Ada Quill".into()),
                ..Filter::default()
            },
        ),
        (
            "library",
            Filter {
                since: "2025-03-10".parse().ok(),
                until: "2025-03-12".parse().ok(),
                ..Filter::default()
            },
        ),
        ("plan 42", Filter::default()),
    ];
    let mut lat = Vec::new();
    for round in 0..100 {
        for (q, f) in &queries {
            let t = Instant::now();
            let hits = s.search(q, f, 10).unwrap();
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            if round == 0 {
                println!("  {q:?} {f:?}: {} hits", hits.len());
            }
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| lat[((lat.len() - 1) as f64 * q) as usize];
    println!(
        "search over {} docs, limit 10: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        s.stats().unwrap().articles,
        p(0.5),
        p(0.99),
        p(1.0)
    );
}
