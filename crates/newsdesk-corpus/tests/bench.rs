//! Throughput of the corpus stages on generated articles. Ignored by
//! default; run with
//! `cargo test -p newsdesk-corpus --release --test bench -- --ignored --nocapture`
//! (`NEWSDESK_BENCH_N` sets the article count, default 3000).

use newsdesk_corpus::{ingest, update_links, update_stories, IngestOptions};
use newsdesk_engine::NoProgress;
use newsdesk_store::{OpenOptions, SqliteStore, Store, Synchronous};
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

/// A deterministic invented word from a number (syllable soup), so the
/// vocabulary is large like real news, not a handful of words.
fn word(mut k: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mer", "tin", "as", "ve", "dor", "ri", "sun", "pa", "gel", "od", "bran", "ne",
        "ul", "sko",
    ];
    let mut w = String::new();
    for _ in 0..4 {
        w.push_str(SYL[(k % SYL.len() as u64) as usize]);
        k /= SYL.len() as u64;
    }
    w
}

/// Invented article `i`: one of 200 topics (40 topic words each) mixed
/// with a 4,000-word general vocabulary; every 10th article is a copy of
/// an earlier one with a sentence added.
fn article(i: u64) -> String {
    if i % 10 == 9 {
        return format!(
            "{}\nA spokesman for the office of {} declined to comment further on Wednesday.",
            article(i - 5),
            word(60_000 + i % 200)
        );
    }
    let mut x = i.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let topic = next() % 200;
    let mut s = String::new();
    for p in 0..6 {
        s.push_str(&format!(
            "Officials in {} said on Tuesday that the ",
            word(60_000 + topic)
        ));
        for _ in 0..80 {
            let k = if next() % 3 == 0 {
                10_000 + topic * 40 + next() % 40
            } else {
                next() % 4000
            };
            s.push_str(&word(k));
            s.push(' ');
        }
        s.push_str(&format!("would cost {} million.", next() % 900 + p));
        s.push('\n');
    }
    s
}

#[test]
#[ignore]
fn bench_corpus_stages() {
    let n: u64 = std::env::var("NEWSDESK_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&src).unwrap());
    let mut bytes = 0;
    for i in 0..n {
        let text = article(i);
        bytes += text.len();
        let line = serde_json::json!({"url": format!("https://gen.example/{i}"), "title": format!("Item {i}"), "date_publish": "2031-05-01", "maintext": text});
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let mut store = SqliteStore::open_with(
        dir.path().join("c.db"),
        &OpenOptions {
            synchronous: Synchronous::Normal,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    // The per-record work alone (no store), for comparison.
    let t = Instant::now();
    let recs: Vec<_> = newsdesk_sources::read_source(&src, &Default::default())
        .filter_map(Result::ok)
        .collect();
    let analysed = recs
        .into_par_iter()
        .map(newsdesk_corpus::process_record)
        .count();
    let analysis_only = t.elapsed().as_secs_f64();
    println!(
        "analysis only: {analysis_only:.2}s = {:.0} articles/s ({analysed})",
        n as f64 / analysis_only
    );
    let t = Instant::now();
    let r = ingest(
        std::slice::from_ref(&src),
        &mut store,
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    let ing = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let l = update_links(&mut store, &NoProgress).unwrap();
    let lk = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let s = update_stories(&mut store, &NoProgress).unwrap();
    let st = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let r2 = ingest(&[src], &mut store, &IngestOptions::default(), &NoProgress).unwrap();
    let again = t.elapsed().as_secs_f64();
    println!(
        "{n} articles, {:.1} KB avg, {} threads",
        bytes as f64 / n as f64 / 1024.0,
        rayon::current_num_threads()
    );
    println!(
        "ingest:  {ing:.2}s = {:.0} articles/s ({r:?})",
        n as f64 / ing
    );
    println!(
        "links:   {lk:.2}s = {:.0} articles/s ({l:?})",
        n as f64 / lk
    );
    println!(
        "stories: {st:.2}s = {:.0} articles/s ({s:?})",
        n as f64 / st
    );
    println!(
        "re-ingest (all already seen): {again:.2}s = {:.0} records/s",
        n as f64 / again
    );
    assert_eq!(r2.already_seen, n);
    assert_eq!(store.stats().unwrap().articles, r.inserted);
}
