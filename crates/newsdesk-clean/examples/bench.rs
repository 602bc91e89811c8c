//! Times `clean()` on a ~5 KB article built from the fixtures.
//! `cargo run -p newsdesk-clean --release --example bench`
use newsdesk_clean::{clean, CorpusProfile};
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut text = String::new();
    for f in ["content_farm", "scraped_copy", "machine_rewrite", "seo_explainer"] {
        text.push_str(&std::fs::read_to_string(format!("{dir}/{f}.txt")).expect("fixture"));
        text.push('\n');
    }
    let mut k = 0;
    while text.len() < 5000 {
        k += 1;
        text.push_str(&format!("The council met again on day {k} and approved part {k} of the harbour plan, officials said.\n"));
    }
    let profile = CorpusProfile::new();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20000);
    let t0 = Instant::now();
    let mut removed = 0;
    for _ in 0..n {
        removed += clean(&text, &profile).removed.len();
    }
    let per = t0.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("{} bytes: {per:.1} µs per clean() ({removed} removals)", text.len());
}
