//! Search latency on a real store: runs a fixed, store-derived set of
//! queries (words from sampled titles, phrases, `OR`, exclusions, and the
//! outlet / date / entity filters) and prints p50 / p95 / p99 / max per
//! kind of query and overall.
//!
//! ```text
//! cargo run --release -p newsdesk-store --example search_latency -- STORE.db [QUERIES]
//! ```
//!
//! Queries are derived deterministically from the store (every n-th
//! article's title words, outlet, date and first entity), so two runs on
//! one store run the same queries. Each query runs once after a warm-up
//! pass over the first few, as `newsdesk search` would on a warm cache.

use newsdesk_store::{Filter, SqliteStore, Store};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("usage: search_latency STORE.db [QUERIES (default 300)]");
        std::process::exit(2);
    };
    let want: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(300);
    let store = match SqliteStore::open(&db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("opening {db}: {e}");
            std::process::exit(1);
        }
    };
    let stats = store.stats().expect("stats");
    let n = stats.articles.max(1);
    eprintln!("{db}: {n} articles");
    // Any pending full-text indexing happens here, not in the first query.
    let t = Instant::now();
    let _ = store.search("warmup", &Filter::default(), 1);
    eprintln!("first search (index catch-up): {:.1} ms", ms(t));

    // Sample articles evenly by id order: page through ids with a stride.
    let samples = sample(&store, want / 4 + 1);
    let mut queries: Vec<(&'static str, String, Filter)> = Vec::new();
    for (i, a) in samples.iter().enumerate() {
        let words = title_words(a.title.as_deref().unwrap_or(""));
        let Some(w0) = words.first().cloned() else {
            continue;
        };
        queries.push(("word", w0.clone(), Filter::default()));
        if let Some(w1) = words.get(1) {
            queries.push(("two words", format!("{w0} {w1}"), Filter::default()));
            if i % 2 == 0 {
                queries.push(("phrase", format!("\"{w0} {w1}\""), Filter::default()));
            } else {
                queries.push(("or / not", format!("{w0} OR {w1} -zzzz"), Filter::default()));
            }
        }
        let filter = match i % 3 {
            0 => Filter {
                outlet: a.outlet.clone(),
                ..Filter::default()
            },
            1 => Filter {
                since: a.published.map(|p| p.0),
                ..Filter::default()
            },
            _ => Filter {
                entity: a.entities.first().cloned(),
                ..Filter::default()
            },
        };
        let kind = match i % 3 {
            0 => "word + outlet",
            1 => "word + since",
            _ => "word + entity",
        };
        queries.push((kind, w0, filter));
    }
    queries.truncate(want);
    // Warm-up: the first few queries, untimed.
    for (_, q, f) in queries.iter().take(5) {
        let _ = store.search(q, f, 20);
    }
    let mut by_kind: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut all = Vec::new();
    let mut hits = 0usize;
    for (kind, q, f) in &queries {
        let t = Instant::now();
        let r = store.search(q, f, 20);
        let dt = ms(t);
        hits += r.map(|h| h.len()).unwrap_or(0);
        by_kind.entry(kind).or_default().push(dt);
        all.push(dt);
    }
    println!(
        "{:<14} {:>6} {:>9} {:>9} {:>9} {:>9}",
        "query", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    for (k, v) in &mut by_kind {
        line(k, v);
    }
    line("all", &mut all);
    println!("{} queries, {hits} hits in total", queries.len());
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn line(name: &str, v: &mut [f64]) {
    v.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| {
        if v.is_empty() {
            0.0
        } else {
            v[((v.len() as f64 - 1.0) * q).round() as usize]
        }
    };
    println!(
        "{name:<14} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
        v.len(),
        p(0.5),
        p(0.95),
        p(0.99),
        p(1.0)
    );
}

/// Up to `k` articles spread over the id order.
fn sample(store: &SqliteStore, k: usize) -> Vec<newsdesk_store::StoredArticle> {
    // Ids are hex prefixes of content hashes: spread uniformly, so
    // starting pages at evenly spaced hex prefixes samples evenly.
    let mut out = Vec::new();
    for i in 0..k {
        let start = format!("{:04x}", (i * 0x10000) / k.max(1));
        let Ok(page) = store.list_articles(&Filter::default(), Some(&start), 1) else {
            continue;
        };
        if let Some(a) = page.first() {
            if let Ok(Some(full)) = store.get_article(&a.id) {
                out.push(full);
            }
        }
    }
    out
}

/// The two longest alphabetic words of a title (lower-cased), longest
/// first: specific enough to be realistic queries.
fn title_words(title: &str) -> Vec<String> {
    let mut w: Vec<String> = title
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase())
        .collect();
    w.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    w.dedup();
    w.truncate(2);
    w
}
