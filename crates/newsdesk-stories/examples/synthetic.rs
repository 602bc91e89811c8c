//! Timed run on a synthetic stream: cost per article, memory held, and
//! pairwise F1 against the generator's events.
//!
//! `cargo run --release -p newsdesk-stories --example synthetic -- 100000 [merge_margin] [max_links] [top_terms] [closed_world 0|1] [keep]`
//!
//! Each event (about 20 articles over 4 days) has its own 30 words and 3
//! entities; events share a topic (40 words, 2 entities, 200 topics) and
//! a Zipf-like background vocabulary of 50,000 words. Articles arrive in
//! batches of 256, roughly in date order (a day of jitter).

use chrono::NaiveDate;
use newsdesk_stories::{StoryArticle, StoryConfig, StoryIndex};
use std::collections::HashMap;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// CPU time of this thread in seconds (Linux; 0 elsewhere), from
/// schedstat's nanoseconds: the machine is shared, so wall time alone is
/// noisy.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(42);
    let events = n / 20 + 1;
    let base = NaiveDate::from_ymd_opt(2030, 1, 1).expect("valid date");
    let event_day: Vec<u64> = (0..events).map(|_| rng.below(365)).collect();
    let event_topic: Vec<u64> = (0..events).map(|_| rng.below(200)).collect();
    // The plan — (arrival key, article, event) — is small; articles are
    // generated batch by batch, so a million fit in memory.
    let mut plan: Vec<(u64, u32, u32)> = (0..n as u32)
        .map(|i| {
            let e = rng.below(events as u64);
            (0, i, e as u32)
        })
        .collect();
    for p in plan.iter_mut() {
        let mut r = Rng(p.1 as u64 * 7919 + 1);
        p.0 = (event_day[p.2 as usize] + r.below(4)) * 4 + r.below(8);
    }
    plan.sort_unstable();
    let event_of: Vec<u32> = {
        let mut v = vec![0u32; n];
        for p in &plan {
            v[p.1 as usize] = p.2;
        }
        v
    };
    let make = |&(key, i, e): &(u64, u32, u32)| -> StoryArticle {
        let mut rng = Rng(i as u64 * 104_729 + 17);
        let e = e as u64;
        let t = event_topic[e as usize];
        let d = key / 4;
        let mut terms: Vec<(u64, u32)> = Vec::with_capacity(300);
        for _ in 0..300 {
            let r = rng.below(100);
            let w = if r < 35 {
                1_000_000 + e * 30 + rng.below(30)
            } else if r < 55 {
                500_000 + t * 40 + rng.below(40)
            } else {
                // Zipf-ish: square of a uniform skews towards common words.
                let u = rng.below(224);
                u * u
            };
            terms.push((w.wrapping_mul(0x9E37_79B9_7F4A_7C15), 1));
        }
        let mut entities: Vec<(u64, u32)> = Vec::new();
        for k in 0..3 {
            if rng.below(3) > 0 {
                entities.push((7_000_000 + e * 3 + k, 1 + rng.below(3) as u32));
            }
        }
        entities.push((8_000_000 + t * 2 + rng.below(2), 2));
        let day = base + chrono::Days::new(d);
        let window = if rng.below(10) == 0 {
            None
        } else {
            Some((day, day))
        };
        StoryArticle {
            id: format!("{i:016x}"),
            window,
            terms,
            entities,
            copy_of: None,
        }
    };
    // Optional: merge margin and links per article, to explore the tuning.
    let mut cfg = StoryConfig::default();
    if let Some(m) = std::env::args().nth(2).and_then(|s| s.parse().ok()) {
        cfg.merge_margin = m;
    }
    if let Some(k) = std::env::args().nth(3).and_then(|s| s.parse().ok()) {
        cfg.max_links = k;
    }
    if let Some(t) = std::env::args().nth(4).and_then(|s| s.parse().ok()) {
        cfg.top_terms = t;
    }
    if let Some(c) = std::env::args().nth(5) {
        cfg.closed_world = c == "1";
    }
    // Retire all but this many articles as the stream goes (0: never), as
    // the corpus does.
    let keep: usize = std::env::args()
        .nth(6)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut idx = StoryIndex::new(cfg);
    let (mut merged, mut split) = (0, 0);
    let (mut wall, mut cpu) = (0.0f64, 0.0f64);
    for chunk in plan.chunks(256) {
        let batch: Vec<StoryArticle> = chunk.iter().map(make).collect();
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let ch = idx.add(batch);
        if keep > 0 && idx.active() > keep + keep / 4 {
            idx.retire_oldest(keep);
        }
        wall += t0.elapsed().as_secs_f64();
        cpu += cpu_seconds() - c0;
        let c = ch.counts();
        merged += c.2;
        split += c.3;
    }
    let stories = idx.stories();
    // Pairwise F1 from the contingency table.
    let pairs = |k: u64| k * k.saturating_sub(1) / 2;
    let mut cell: HashMap<(usize, u32), u64> = HashMap::new();
    let mut gold: HashMap<u32, u64> = HashMap::new();
    let mut pred = 0u64;
    for (s, (_, members)) in stories.iter().enumerate() {
        pred += pairs(members.len() as u64);
        for m in members {
            let i = usize::from_str_radix(m, 16).unwrap_or(0);
            let e = event_of[i];
            *cell.entry((s, e)).or_default() += 1;
            *gold.entry(e).or_default() += 1;
        }
    }
    let tp: u64 = cell.values().map(|&k| pairs(k)).sum();
    let g: u64 = gold.values().map(|&k| pairs(k)).sum();
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / g.max(1) as f64;
    println!(
        "{n} articles: {wall:.2} s wall, {cpu:.2} s CPU in add, {:.1} µs CPU/article; {} stories ({} events), {merged} merges, {split} splits",
        cpu * 1e6 / n as f64,
        stories.len(),
        events
    );
    let (vectors, rest) = idx.memory();
    println!(
        "memory held ≈ {:.1} MiB: word/entity vectors {:.0} bytes/article, everything else {:.0} bytes/article (size_of Art-record included)",
        (vectors + rest) as f64 / (1 << 20) as f64,
        vectors as f64 / n as f64,
        rest as f64 / n as f64
    );
    println!(
        "pairwise vs events: P {p:.3} R {r:.3} F1 {:.3}",
        2.0 * p * r / (p + r).max(1e-9)
    );
}
