//! Scores the extractor on the extraction-dev set (trafilatura's evaluation
//! pages), as its SOURCE.md describes: "with" segments found = TP, missed =
//! FN; "without" segments found = FP, absent = TN; micro-averaged P/R/F1.
//!
//! Run: `cargo run --release -p newsdesk-extract --example eval_extraction [DATA_DIR] [--misses]`
//! (DATA_DIR defaults to `../shared/data/extraction-dev` next to the repo).

use newsdesk_core::{ArticleId, Document, InputFormat};
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--misses");
    // `--dump=SUBSTRING`: print the extraction of pages whose URL contains it.
    let dump = args
        .iter()
        .find_map(|a| a.strip_prefix("--dump="))
        .map(str::to_string);
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/extraction-dev"
            ))
        });
    let Ok(json) = std::fs::read_to_string(dir.join("evaldata.json")) else {
        println!("skipping: {} not found", dir.display());
        return;
    };
    let data: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&json).expect("evaldata.json");
    let (mut tp, mut fn_, mut fp, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let (mut pages, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let mut spent = Duration::ZERO;
    // `--parse-only`: also time html5ever parsing alone, for comparison.
    let parse_only = args.iter().any(|a| a == "--parse-only");
    let mut parse_spent = Duration::ZERO;
    let (mut title_ok, mut title_n, mut date_ok, mut date_n) = (0, 0, 0, 0);
    for (url, entry) in &data {
        let Some(file) = entry["file"].as_str() else {
            continue;
        };
        let Ok(gz) = std::fs::read(dir.join("html").join(format!("{file}.gz"))) else {
            continue;
        };
        let mut raw = Vec::new();
        if flate2::read::MultiGzDecoder::new(&gz[..])
            .read_to_end(&mut raw)
            .is_err()
        {
            continue;
        }
        pages += 1;
        bytes += raw.len();
        let t0 = Instant::now();
        let content = match newsdesk_ingest::decode(&raw) {
            Ok((s, _)) => s,
            Err(_) => String::from_utf8_lossy(&raw).into_owned(),
        };
        let doc = Document {
            id: ArticleId::new("p"),
            path: file.into(),
            format: InputFormat::Html,
            encoding: String::new(),
            content,
        };
        let out = newsdesk_extract::extract(&doc);
        spent += t0.elapsed();
        if parse_only {
            let t1 = Instant::now();
            let html = scraper::Html::parse_document(&doc.content);
            parse_spent += t1.elapsed();
            drop(html);
        }
        if let (Some(d), Ok(e)) = (&dump, &out) {
            if url.contains(d.as_str()) {
                println!("=== {url} ({file})\n{:#?}\n{}\n===", e.meta, e.text);
            }
        }
        let (text, meta) = match out {
            Ok(e) => (collapse(&e.text), Some(e.meta)),
            Err(e) => {
                failed += 1;
                if show {
                    println!("EMPTY {url}: {e}");
                }
                (String::new(), None)
            }
        };
        for seg in entry["with"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            if text.contains(&collapse(seg)) {
                tp += 1;
            } else {
                fn_ += 1;
                if show {
                    println!("MISS {url}: {seg}");
                }
            }
        }
        for seg in entry["without"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            if text.contains(&collapse(seg)) {
                fp += 1;
                if show {
                    println!("FP   {url}: {seg}");
                }
            } else {
                tn += 1;
            }
        }
        let norm = |s: &str| collapse(s).to_lowercase();
        if let Some(t) = entry.get("title").and_then(|v| v.as_str()) {
            title_n += 1;
            title_ok += meta
                .as_ref()
                .and_then(|m| m.title.as_deref())
                .is_some_and(|x| norm(x) == norm(t)) as usize;
        }
        if let Some(d) = entry.get("date").and_then(|v| v.as_str()) {
            date_n += 1;
            date_ok += meta
                .as_ref()
                .and_then(|m| m.date.as_deref())
                .is_some_and(|x| x.starts_with(d)) as usize;
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "pages {pages} (no text: {failed}), {:.1} MB HTML",
        bytes as f64 / 1e6
    );
    println!("TP {tp} FN {fn_} FP {fp} TN {tn}");
    println!("precision {p:.3} recall {r:.3} F1 {f1:.3}");
    println!("title exact {title_ok}/{title_n}, date prefix {date_ok}/{date_n}");
    if parse_only {
        println!(
            "html5ever parsing alone: {:.2} s",
            parse_spent.as_secs_f64()
        );
    }
    println!(
        "decode+extract {:.2} s total, {:.0} pages/s, {:.1} MB/s (one thread)",
        spent.as_secs_f64(),
        pages as f64 / spent.as_secs_f64(),
        bytes as f64 / 1e6 / spent.as_secs_f64()
    );
}
