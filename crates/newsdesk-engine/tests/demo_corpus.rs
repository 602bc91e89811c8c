//! The demo corpus end to end: every input accounted for, every span
//! valid, and the brief scored against the corpus's ground truth
//! (fixtures/demo_truth.json, written with the corpus). Prints the scores;
//! asserts floors so regressions fail.

mod common;

use newsdesk_crosscheck::Brief;
use newsdesk_engine::{run, NoProgress, Options};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo_brief() -> Brief {
    // A relative path keeps `articles[].path` machine-independent.
    std::env::set_current_dir(repo()).unwrap();
    run(&[PathBuf::from("demo")], &Options::default(), &NoProgress).unwrap()
}

fn truth() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("fixtures/demo_truth.json")).unwrap())
        .unwrap()
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[test]
fn demo_every_input_accounted_for_and_spans_valid() {
    let b = demo_brief();
    let files = walk(&repo().join("demo"));
    assert_eq!(
        b.articles.len() + b.rejected.len(),
        files,
        "every input is analysed or rejected"
    );
    let rejected: BTreeSet<String> = b
        .rejected
        .iter()
        .map(|r| r.path.rsplit('/').next().unwrap().to_string())
        .collect();
    let t = truth();
    for (file, what) in t["broken"].as_object().unwrap() {
        let what = what.as_str().unwrap();
        if what == "reject" {
            assert!(
                rejected.contains(file),
                "{file} should be rejected; rejected: {rejected:?}"
            );
        } else {
            let enc = what.trim_start_matches("accept:");
            let a = b
                .articles
                .iter()
                .find(|a| a.path.ends_with(file.as_str()))
                .unwrap_or_else(|| panic!("{file} should be accepted"));
            assert_eq!(a.encoding, enc, "{file}");
        }
    }
    for r in &b.rejected {
        assert!(!r.reason.is_empty());
    }
    let bad = common::span_violations(&b);
    assert!(bad.is_empty(), "span violations:\n{}", bad.join("\n"));
}

fn walk(p: &std::path::Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(p).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            n += walk(&e.path());
        } else if !e.file_name().to_string_lossy().starts_with('.') {
            n += 1;
        }
    }
    n
}

#[test]
fn demo_scores_against_ground_truth() {
    let b = demo_brief();
    let t = truth();
    let gold_articles = t["articles"].as_array().unwrap();
    let names: BTreeMap<&str, &str> = b
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let mut report = Vec::new();

    // Quotes: text match (normalised containment either way), then speaker.
    let (mut gold_n, mut tp, mut spk_ok, mut spk_wrong, mut spk_none) = (0, 0, 0, 0, 0);
    let pred_n = b
        .quotes
        .iter()
        .filter(|q| {
            gold_articles
                .iter()
                .any(|g| g["id"] == q.article.as_str() && g.get("quotes").is_some())
        })
        .count();
    for g in gold_articles {
        let id = g["id"].as_str().unwrap();
        for gq in g["quotes"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            gold_n += 1;
            let gt = norm(gq[0].as_str().unwrap());
            let found = b.quotes.iter().find(|q| {
                q.article.as_str() == id && {
                    let pt = norm(&q.text);
                    !pt.is_empty()
                        && (pt.contains(&gt) || gt.contains(&pt))
                        && pt.len() * 3 >= gt.len()
                }
            });
            if let Some(q) = found {
                tp += 1;
                let gold_speaker = gq[1].as_str();
                let pred = q.speaker.as_deref().and_then(|s| names.get(s).copied());
                match (gold_speaker, pred) {
                    (Some(gs), Some(ps))
                        if norm(ps).split(' ').last() == norm(gs).split(' ').last() =>
                    {
                        spk_ok += 1
                    }
                    (None, None) => spk_ok += 1,
                    (_, None) => spk_none += 1,
                    _ => spk_wrong += 1,
                }
            }
        }
    }
    let (p, r, f) = prf(tp, pred_n, gold_n);
    report.push(format!("quotes: P {p:.2} R {r:.2} F1 {f:.2} ({tp}/{gold_n} gold, {pred_n} predicted); speakers on matched: {spk_ok} right, {spk_wrong} wrong, {spk_none} missing"));

    // Lineage: copy_of links.
    let gold_links: BTreeSet<(String, String)> = gold_articles
        .iter()
        .filter_map(|g| {
            g["copy_of"]
                .as_str()
                .map(|o| (g["id"].as_str().unwrap().to_string(), o.to_string()))
        })
        .collect();
    let pred_links: BTreeSet<(String, String)> = b
        .lineage
        .iter()
        .map(|l| (l.article.to_string(), l.origin.to_string()))
        .collect();
    let ltp = gold_links.intersection(&pred_links).count();
    let (lp, lr, lf) = prf(ltp, pred_links.len(), gold_links.len());
    report.push(format!(
        "lineage: P {lp:.2} R {lr:.2} F1 {lf:.2} (gold {gold_links:?}, predicted {pred_links:?})"
    ));

    // Stories: pairwise F1 over articles with a single development.
    let label = |g: &Value| -> Option<String> {
        let dev = g["development"].as_str();
        match dev {
            Some(d) if d.contains('-') => None,
            Some(d) => Some(d.to_string()),
            None => Some(g["story"].as_str().unwrap().to_string()),
        }
    };
    let story_of: BTreeMap<&str, &str> = b
        .articles
        .iter()
        .filter_map(|a| a.story.as_deref().map(|s| (a.id.as_str(), s)))
        .collect();
    let labelled: Vec<(&str, String)> = gold_articles
        .iter()
        .filter_map(|g| label(g).map(|l| (g["id"].as_str().unwrap(), l)))
        .collect();
    let (mut stp, mut spred, mut sgold) = (0, 0, 0);
    for (i, (a, la)) in labelled.iter().enumerate() {
        for (bb, lb) in &labelled[i + 1..] {
            let same_gold = la == lb;
            let same_pred = story_of.get(a).is_some() && story_of.get(a) == story_of.get(bb);
            sgold += same_gold as usize;
            spred += same_pred as usize;
            stp += (same_gold && same_pred) as usize;
        }
    }
    let (sp, sr, sf) = prf(stp, spred, sgold);
    report.push(format!(
        "stories (pairwise): P {sp:.2} R {sr:.2} F1 {sf:.2}; {} stories",
        b.stories.len()
    ));

    // Outlets and dates.
    let (mut o_ok, mut o_n, mut d_ok, mut d_n) = (0, 0, 0, 0);
    for g in gold_articles {
        let id = g["id"].as_str().unwrap();
        let Some(a) = b.articles.iter().find(|a| a.id.as_str() == id) else {
            continue;
        };
        if let Some(o) = g["outlet"].as_str() {
            o_n += 1;
            let pred = a.outlet.as_deref().map(norm).unwrap_or_default();
            let gold = norm(o);
            let squash = |s: &str| s.replace([' ', '.'], "").replace("example", "");
            if !pred.is_empty()
                && (squash(&pred).contains(&squash(&gold))
                    || squash(&gold).contains(&squash(&pred)))
            {
                o_ok += 1;
            }
        }
        if let Some(d) = g["published"].as_str() {
            d_n += 1;
            let d: chrono::NaiveDate = d.parse().unwrap();
            if a.published
                .as_ref()
                .is_some_and(|p| p.earliest <= d && d <= p.latest)
            {
                d_ok += 1;
            }
        }
    }
    report.push(format!("outlets: {o_ok}/{o_n} right; publication dates: {d_ok}/{d_n} inside the brief's date or window"));

    // Entities: each person's variants end in one entity.
    let people = t["people"].as_object().unwrap();
    let (mut merged, mut people_n) = (0, 0);
    for (name, info) in people {
        let Some(vars) = info["variants"].as_array() else {
            continue;
        };
        people_n += 1;
        let ids: BTreeSet<&str> = std::iter::once(name.as_str())
            .chain(vars.iter().filter_map(|v| v.as_str()))
            .filter_map(|v| {
                b.entities
                    .iter()
                    .find(|e| e.name == v || e.aliases.iter().any(|a| a == v))
                    .map(|e| e.id.as_str())
            })
            .collect();
        if ids.len() == 1 {
            merged += 1;
        }
    }
    report.push(format!(
        "entity variants merged: {merged}/{people_n} people"
    ));

    // Garbles surfaced as disagreements.
    let (mut g_found, mut g_n) = (0, 0);
    for g in gold_articles {
        for gb in g["garbles"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let field = gb["field"].as_str().unwrap();
            let kinds: &[&str] = match field {
                "role" => &["role", "role_stale"],
                "stale_role" => &["role_stale", "role"],
                "relation" => &["relation"],
                "number" => &["number"],
                "quote_wording" => &["quote_wording"],
                "quote_speaker" => &["quote_speaker"],
                _ => continue,
            };
            g_n += 1;
            let id = g["id"].as_str().unwrap();
            if b.disagreements.iter().any(|d| {
                kinds.contains(&d.kind.as_str()) && d.sides.iter().any(|s| s.article.as_str() == id)
            }) {
                g_found += 1;
            }
        }
    }
    report.push(format!(
        "garbled facts surfaced as disagreements: {g_found}/{g_n}"
    ));

    println!("demo corpus scores:\n  {}", report.join("\n  "));
    // Floors: raise them as the engine improves.
    assert!(r >= 0.9 && p >= 0.9, "quotes P {p} R {r}");
    assert!(spk_wrong == 0, "wrong speakers: {spk_wrong} of {tp}");
    assert!(lr >= 0.8 && lp >= 0.8, "lineage P {lp} R {lr}");
    assert!(sf >= 0.8, "stories F1 {sf}");
    assert!(o_ok * 10 >= o_n * 7, "outlets {o_ok}/{o_n}");
    assert!(d_ok == d_n, "publication dates {d_ok}/{d_n}");
    assert!(g_found == g_n, "garbles surfaced {g_found}/{g_n}");
}
