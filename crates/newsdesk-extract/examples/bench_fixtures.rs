//! Times extraction of the small hand-written test pages (a few KB each),
//! the size of a typical article page without its site chrome.
//!
//! Run: `cargo run --release -p newsdesk-extract --example bench_fixtures`

use newsdesk_core::{ArticleId, Document, InputFormat};
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut docs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names {
        let content = std::fs::read_to_string(&p).expect("fixture");
        docs.push(Document {
            id: ArticleId::new("b"),
            path: p.display().to_string(),
            format: InputFormat::Html,
            encoding: "UTF-8".into(),
            content,
        });
    }
    let rounds = 2000;
    for d in &docs {
        let t = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(newsdesk_extract::extract(d).ok());
        }
        let per = t.elapsed() / rounds;
        println!(
            "{:>6} bytes  {:>8.1} µs/page  {}",
            d.content.len(),
            per.as_secs_f64() * 1e6,
            d.path
        );
    }
}
