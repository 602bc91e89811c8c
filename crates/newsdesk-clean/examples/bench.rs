//! Times `clean()` on a ~5 KB article built from the fixtures.
//! `cargo run -p newsdesk-clean --release --example bench [ITERATIONS [FILE]]`
use newsdesk_clean::{clean, CorpusProfile};
use std::time::Instant;

fn main() {
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
    let mut k = 0;
    while text.len() < 5000 {
        k += 1;
        text.push_str(&format!("The council met again on day {k} and approved part {k} of the harbour plan, officials said.\n"));
    }
    // Optional second argument: time this file instead.
    if let Some(path) = std::env::args().nth(2) {
        text = std::fs::read_to_string(path).expect("readable file");
    }
    let profile = CorpusProfile::new();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20000);
    let c0 = cpu_ticks();
    let t0 = Instant::now();
    let mut removed = 0;
    for _ in 0..n {
        removed += clean(&text, &profile).removed.len();
    }
    let per = t0.elapsed().as_secs_f64() * 1e6 / n as f64;
    // CPU time is robust when the machine is shared (wall time is not).
    let cpu = c0
        .zip(cpu_ticks())
        .map(|(a, b)| (b - a) as f64 * 1e4 / n as f64);
    println!(
        "{} bytes: {per:.1} µs wall, {} per clean() ({removed} removals)",
        text.len(),
        cpu.map_or("cpu n/a".to_string(), |c| format!("{c:.1} µs cpu"))
    );
}

/// utime + stime of this process in clock ticks (assumed 100 Hz), Linux only.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}
