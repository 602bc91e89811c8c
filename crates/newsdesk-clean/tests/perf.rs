//! Throughput check (ignored by default):
//! `cargo test -p newsdesk-clean --release --test perf -- --ignored --nocapture`
use newsdesk_clean::{clean, CorpusProfile};
use std::time::Instant;

#[test]
#[ignore]
fn five_kb_article() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut text = String::new();
    for f in [
        "content_farm",
        "scraped_copy",
        "machine_rewrite",
        "seo_explainer",
    ] {
        text.push_str(&std::fs::read_to_string(format!("{dir}/{f}.txt")).expect("fixture"));
        text.push('\n');
    }
    while text.len() < 5000 {
        text.push_str(
            "The council met again on Tuesday and approved the harbour plan, officials said.\n",
        );
    }
    let mut profile = CorpusProfile::new();
    for i in 0..200 {
        profile.add(&format!("Story {i}\nFollow us\nBody text {i}."));
    }
    let n = 5000;
    let t0 = Instant::now();
    let mut removed = 0;
    for _ in 0..n {
        removed += clean(&text, &profile).removed.len();
    }
    let per = t0.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!(
        "{} bytes: {per:.1} µs per clean() ({removed} removals total)",
        text.len()
    );
}
