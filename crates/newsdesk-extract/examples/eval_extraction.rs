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
    // `--why`: for every leaked / missed segment, the element chain of
    // the page that holds it, plus a tally of the furniture kind.
    let why = args.iter().any(|a| a == "--why");
    let mut kinds: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    // `--only=N`: score only every Nth page (quick iterations).
    let only: usize = args
        .iter()
        .find_map(|a| a.strip_prefix("--only="))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
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
    // `--tail`: how many found with/without segments sit only in the
    // trailing run of short lines (< 100 chars) of the output.
    let tail_stats = args.iter().any(|a| a == "--tail");
    let mut tail_counts = [0usize; 2];
    let mut meta_ok = [0usize; 4];
    let mut meta_n = [0usize; 4];
    // `--meta=FIELD`: print metadata mismatches for one field.
    let show_meta = args
        .iter()
        .find_map(|a| a.strip_prefix("--meta="))
        .map(str::to_string);
    for (k, (url, entry)) in data.iter().enumerate() {
        if k % only != 0 {
            continue;
        }
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
        let full = newsdesk_extract::extract_full(&doc);
        spent += t0.elapsed();
        if let (Some(d), Ok(f)) = (&dump, &full) {
            if url.contains(d.as_str()) {
                println!("--- parts\n{:#?}", f.parts);
            }
        }
        let out = full.map(|f| f.extracted);
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
        if tail_stats {
            if let Ok(e) = &out {
                let lines: Vec<String> = e.text.lines().map(collapse).collect();
                // Index of the first line of the trailing run of short lines.
                let mut k = lines.len();
                while k > 0 && lines[k - 1].chars().count() < 100 {
                    k -= 1;
                }
                let head = lines[..k].join(" ");
                let tail = lines[k..].join(" ");
                for (key, field) in [(0usize, "with"), (1, "without")] {
                    for seg in entry[field]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.as_str())
                    {
                        let seg = collapse(seg);
                        if !head.contains(&seg) && tail.contains(&seg) {
                            tail_counts[key] += 1;
                        }
                    }
                }
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
                if why {
                    let (chain, kind) = locate(&doc.content, seg);
                    kinds.entry(kind.clone()).or_default().1 += 1;
                    println!("MISS [{kind}] {url}\n     {chain}\n     {}", short(seg));
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
                if why {
                    let (chain, kind) = locate(&doc.content, seg);
                    kinds.entry(kind.clone()).or_default().0 += 1;
                    println!("FP   [{kind}] {url}\n     {chain}\n     {}", short(seg));
                }
            } else {
                tn += 1;
            }
        }
        // Metadata: exact match after normalisation (whitespace collapsed,
        // case-folded), counted over pages whose gold value is non-empty.
        // Dates compare on YYYY-MM-DD; authors as a set of names split at
        // `;`, `,`, `&`, " and", " und", " et", " y".
        let gold = |k: &str| {
            entry
                .get(k)
                .and_then(|v| v.as_str())
                .filter(|v| !v.trim().is_empty())
        };
        let meta_fields: [(&str, Option<String>); 4] = [
            ("title", meta.as_ref().and_then(|m| m.title.clone())),
            (
                "author",
                meta.as_ref()
                    .filter(|m| !m.authors.is_empty())
                    .map(|m| m.authors.join("; ")),
            ),
            ("date", meta.as_ref().and_then(|m| m.date.clone())),
            ("sitename", meta.as_ref().and_then(|m| m.sitename.clone())),
        ];
        for (k, (field, ours)) in meta_fields.iter().enumerate() {
            let Some(g) = gold(field) else { continue };
            meta_n[k] += 1;
            let ok = ours.as_deref().is_some_and(|o| match *field {
                "date" => o.get(..10) == Some(g.get(..10).unwrap_or(g)),
                "author" => author_set(o) == author_set(g),
                _ => norm(o) == norm(g),
            });
            meta_ok[k] += ok as usize;
            if show_meta.as_deref() == Some(field) && !ok {
                println!("META {field} gold={g:?} ours={ours:?} {url}");
            }
        }
    }
    if why {
        println!("kind: leaked (FP) / missed (FN)");
        let mut v: Vec<_> = kinds.iter().collect();
        v.sort_by_key(|(_, (a, b))| std::cmp::Reverse(a + b));
        for (k, (a, b)) in v {
            println!("  {k:<14} {a:>4} {b:>4}");
        }
    }
    if tail_stats {
        println!(
            "in trailing short lines only: with {} without {}",
            tail_counts[0], tail_counts[1]
        );
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
    println!(
        "metadata exact: title {}/{}, author {}/{}, date {}/{}, sitename {}/{}",
        meta_ok[0], meta_n[0], meta_ok[1], meta_n[1], meta_ok[2], meta_n[2], meta_ok[3], meta_n[3]
    );
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

fn norm(s: &str) -> String {
    collapse(s).to_lowercase()
}

/// Names of an author field, normalised, sorted, unique.
fn author_set(s: &str) -> Vec<String> {
    let mut t = format!(" {} ", norm(s));
    for sep in [" and ", " und ", " et ", " y ", " & ", ",", "&"] {
        t = t.replace(sep, ";");
    }
    let mut v: Vec<String> = t
        .split(';')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn short(s: &str) -> String {
    let c = collapse(s);
    c.chars().take(120).collect()
}

/// Finds `seg` in the page's text and returns the element chain (root →
/// smallest element holding the whole segment) and a furniture kind
/// guessed from the chain's tags and class/id words.
fn locate(html: &str, seg: &str) -> (String, String) {
    use scraper::{Html, Node};
    let doc = Html::parse_document(html);
    let seg = collapse(seg);
    // Collapsed concatenation of all text, remembering which node each
    // piece came from.
    let mut text = String::new();
    let mut owners: Vec<(usize, ego_tree::NodeId)> = Vec::new();
    for n in doc.tree.root().descendants() {
        if let Node::Text(t) = n.value() {
            if n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "head"))
            }) {
                continue;
            }
            let c = collapse(t);
            if c.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            owners.push((text.len(), n.id()));
            text.push_str(&c);
        }
    }
    let Some(pos) = text.find(&seg) else {
        return ("(not in page text)".into(), "absent".into());
    };
    let owner = |p: usize| {
        let k = owners.partition_point(|(s, _)| *s <= p).saturating_sub(1);
        owners.get(k).map(|o| o.1)
    };
    let (Some(a), Some(b)) = (owner(pos), owner(pos + seg.len().saturating_sub(1))) else {
        return ("?".into(), "absent".into());
    };
    let anc_a: Vec<ego_tree::NodeId> = doc
        .tree
        .get(a)
        .unwrap()
        .ancestors()
        .map(|n| n.id())
        .collect();
    let lca = doc
        .tree
        .get(b)
        .unwrap()
        .ancestors()
        .find(|n| anc_a.contains(&n.id()));
    let Some(lca) = lca else {
        return ("?".into(), "absent".into());
    };
    let mut chain: Vec<String> = Vec::new();
    let mut all = String::new();
    for n in std::iter::once(lca).chain(lca.ancestors()) {
        if let Some(e) = n.value().as_element() {
            let mut s = e.name().to_string();
            if let Some(id) = e.attr("id") {
                s.push('#');
                s.push_str(id);
            }
            if let Some(c) = e.attr("class") {
                s.push('.');
                s.push_str(&c.split_whitespace().take(3).collect::<Vec<_>>().join("."));
            }
            if let Some(r) = e.attr("role") {
                s.push_str(&format!("[role={r}]"));
            }
            all.push_str(&s.to_lowercase());
            all.push(' ');
            chain.push(s);
        }
    }
    chain.reverse();
    let tail: Vec<String> = chain.iter().rev().take(6).rev().cloned().collect();
    const KINDS: &[(&str, &[&str])] = &[
        (
            "comments",
            &["comment", "disqus", "respond", "reply", "kommentar"],
        ),
        (
            "related",
            &[
                "related",
                "teaser",
                "recommend",
                "more-",
                "readmore",
                "similar",
                "verwandt",
            ],
        ),
        ("caption", &["figcaption", "caption", "figure", "credit"]),
        ("byline/author", &["author", "byline", "autor", "bio"]),
        ("share/social", &["share", "social", "sharing"]),
        ("cookie/consent", &["cookie", "consent", "gdpr"]),
        ("newsletter", &["newsletter", "subscri", "signup"]),
        ("footer", &["footer", "contentinfo"]),
        ("nav/menu", &["nav", "menu", "breadcrumb"]),
        ("header", &["header", "banner", "masthead"]),
        (
            "sidebar/aside",
            &["aside", "sidebar", "complementary", "widget"],
        ),
        (
            "meta/date/tags",
            &["date", "time", "tag", "meta", "categor"],
        ),
        ("table", &["table"]),
        ("list", &["li", "ul"]),
    ];
    let words: Vec<&str> = all
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    let kind = KINDS
        .iter()
        .find(|(_, keys)| {
            keys.iter().any(|k| {
                words
                    .iter()
                    .any(|w| w.contains(k) && (k.len() > 3 || w == k))
            })
        })
        .map_or("other", |(k, _)| k);
    (tail.join(" > "), kind.to_string())
}
