//! The command line end to end: exit codes, JSON Lines from `extract`, the
//! store round trip, and a closed pipe.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    c.current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c
}

#[test]
fn brief_exit_code_says_inputs_were_rejected() {
    let out = bin()
        .args(["brief", "demo", "--format", "json", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "demo/broken holds rejected inputs"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["rejected"], 3);
    let ok = bin()
        .args(["brief", "demo/01_cpa_brannock_talks.txt", "-q"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn regression_broken_pipe_exits_quietly() {
    // `newsdesk brief demo --format json | head -c1`: the reader goes away
    // after the first bytes; the writer must not panic or complain.
    let mut child = bin()
        .args(["brief", "demo", "--format", "json", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
}

#[test]
fn extract_prints_json_lines_with_errors_inline() {
    let out = bin()
        .args([
            "extract",
            "demo/04_marrowledger_leak.html",
            "demo/broken/image.txt",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_null());
    assert_eq!(lines[0]["authors"][0], "Oskar Brenning");
    assert!(lines[0]["text"].as_str().unwrap().len() > 500);
    assert!(lines[1]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn ingest_is_idempotent_and_counts_add_up() {
    let dir = std::env::temp_dir().join(format!("newsdesk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    let first = bin()
        .args([
            "ingest",
            "demo",
            "fixtures/rss",
            "--db",
            db,
            "-q",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let i = &r["ingest"];
    let sum: u64 = [
        "inserted",
        "duplicates",
        "already_seen",
        "rejected",
        "skipped",
    ]
    .iter()
    .map(|k| i[k].as_u64().unwrap())
    .sum();
    assert_eq!(i["records_seen"].as_u64().unwrap(), sum);
    assert!(i["inserted"].as_u64().unwrap() >= 14);
    let again = bin()
        .args([
            "ingest",
            "demo",
            "fixtures/rss",
            "--db",
            db,
            "-q",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r2: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(r2["ingest"]["inserted"], 0);
    assert_eq!(
        r2["ingest"]["already_seen"].as_u64().unwrap()
            + r2["ingest"]["rejected"].as_u64().unwrap()
            + r2["ingest"]["skipped"].as_u64().unwrap(),
        r2["ingest"]["records_seen"].as_u64().unwrap()
    );
    let stats = bin()
        .args(["stats", "--db", db, "--format", "json"])
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(s["store"]["articles"], i["inserted"]);
    assert!(s["copies"].as_u64().unwrap() >= 6, "{s}");
    let hits = bin()
        .args([
            "search",
            "\"ceasefire proposal\"",
            "--db",
            db,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&hits.stdout).unwrap();
    assert!(!h["hits"].as_array().unwrap().is_empty());
    let check = bin().args(["db-check", "--db", db]).output().unwrap();
    assert!(check.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `show` on a rewrite says what it changed from its origin: the demo's
/// walk-away rewrite turns "10 days" into "two weeks".
#[test]
fn show_lists_what_a_rewrite_changed() {
    let dir = std::env::temp_dir().join(format!("newsdesk-cli-show-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    let ok = bin()
        .args(["ingest", "demo", "--db", db, "-q"])
        .status()
        .unwrap();
    assert!(ok.code().is_some());
    let copies = bin()
        .args(["copies", "--db", db, "--format", "json"])
        .output()
        .unwrap();
    let c: serde_json::Value = serde_json::from_slice(&copies.stdout).unwrap();
    let mut found = false;
    for g in c["groups"].as_array().unwrap() {
        for a in g["copies"].as_array().unwrap() {
            let id = a["article"].as_str().unwrap();
            let shown = bin()
                .args(["show", id, "--db", db, "--format", "json"])
                .output()
                .unwrap();
            let s: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
            for d in s["differences"].as_array().unwrap() {
                if d["kind"] == "number"
                    && d["copy"]["text"] == "two weeks"
                    && d["origin"]["text"] == "10 days"
                {
                    found = true;
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(found, "no rewrite shows the altered deadline: {c}");
}
