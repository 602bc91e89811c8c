//! Numbers, dates and metadata on the real seed articles in
//! `/work/shared/seeds` (read at test time; skipped with a message when
//! absent). Facts checked are looked up in the text at run time, so no
//! seed text lives in this repository.
//!
//! Run: `cargo test -p newsdesk-analyse --test meta_seeds -- --nocapture`
//! (set `SEEDS_VERBOSE=1` to print everything found).

use chrono::NaiveDate;
use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{Analysis, NumberKind, PageMeta, PubDateSource};
use std::path::Path;

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let Ok(rd) = std::fs::read_dir(dir) else {
        println!("SKIP: seeds not found at {}", dir.display());
        return Vec::new();
    };
    let mut v: Vec<(String, String)> = rd
        .flatten()
        .filter_map(|e| {
            Some((
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).ok()?,
            ))
        })
        .collect();
    v.sort();
    v
}

fn run(text: &str) -> Analysis {
    let page = PageMeta::default();
    analyse(&AnalyseInput {
        text,
        meta_lines: &[],
        page: &page,
    })
}

#[test]
fn seeds_spans_and_overview() {
    let verbose = std::env::var_os("SEEDS_VERBOSE").is_some();
    for (name, text) in seeds() {
        let a = run(&text);
        for n in &a.numbers {
            assert_eq!(&text[n.span.start..n.span.end], n.text, "{name}");
        }
        for d in &a.dates {
            assert_eq!(&text[d.span.start..d.span.end], d.text, "{name}");
            assert!(d.context.len() <= 200);
            if let (Some(s), Some(e)) = (d.start, d.end) {
                assert!(s <= e);
            }
        }
        if verbose {
            println!(
                "== {name}\ntitle: {:?}\noutlet: {:?}\npublished: {:?}",
                a.title, a.outlet, a.published
            );
            for n in &a.numbers {
                println!(
                    "  num {:?} {:?} {} {:?} measure={:?}",
                    n.text, n.kind, n.value, n.unit, n.measure
                );
            }
            for d in &a.dates {
                println!(
                    "  date {:?} {:?}..{:?} rel={}",
                    d.text, d.start, d.end, d.relative
                );
            }
        }
    }
}

#[test]
fn latest_full_date_floors_the_estimate() {
    let mut checked = 0;
    for (name, text) in seeds() {
        if !text.contains("April 28, 2025") {
            continue;
        }
        let a = run(&text);
        let p = a
            .published
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no publication estimate"));
        assert_eq!(p.source, PubDateSource::Estimated, "{name}");
        assert!(
            p.earliest >= NaiveDate::from_ymd_opt(2025, 4, 28).unwrap(),
            "{name}: {p:?}"
        );
        assert!(
            p.latest >= p.earliest && p.evidence.iter().any(|e| e.contains("2025-04-28")),
            "{name}: {p:?}"
        );
        // Relative dates now resolve inside or before the window.
        for d in a
            .dates
            .iter()
            .filter(|d| d.relative && d.text.ends_with("day"))
        {
            assert!(d.start.is_some(), "{name}: {d:?}");
        }
        checked += 1;
    }
    println!("checked {checked} seed(s) with a dated mention");
}

#[test]
fn money_amounts_with_measures() {
    let mut checked = 0;
    for (name, text) in seeds() {
        let a = run(&text);
        if text.contains("$66.5 billion in military aid") {
            let n = a
                .numbers
                .iter()
                .find(|n| n.text == "$66.5 billion")
                .unwrap_or_else(|| panic!("{name}: {:?}", a.numbers));
            assert_eq!(
                (n.kind, n.value, n.unit.as_deref()),
                (NumberKind::Money, 66.5e9, Some("USD"))
            );
            assert!(
                n.measure
                    .as_deref()
                    .is_some_and(|m| m.starts_with("military aid")),
                "{n:?}"
            );
            checked += 1;
        }
        if text.contains("$125 billion in aid to") {
            let n = a
                .numbers
                .iter()
                .find(|n| n.text == "$125 billion")
                .unwrap_or_else(|| panic!("{name}: {:?}", a.numbers));
            assert_eq!(n.value, 125e9);
            assert!(
                n.measure
                    .as_deref()
                    .is_some_and(|m| m.starts_with("aid to")),
                "{n:?}"
            );
            checked += 1;
        }
    }
    println!("checked {checked} money amount(s)");
}

#[test]
fn outlet_from_self_description() {
    for (name, text) in seeds() {
        let a = run(&text);
        if let Some(o) = &a.outlet {
            // Never invented: the name is text of the article.
            assert!(
                text.to_lowercase().contains(&o.name.to_lowercase()),
                "{name}: {o:?}"
            );
        }
        if text.contains("Reference(s):") {
            let o = a
                .outlet
                .as_ref()
                .unwrap_or_else(|| panic!("{name}: no outlet"));
            assert!(
                o.name.contains('.') && o.evidence.starts_with("Reference(s):"),
                "{name}: {o:?}"
            );
        }
    }
}
