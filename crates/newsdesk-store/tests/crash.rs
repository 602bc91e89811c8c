//! Crash safety: an ingest killed with SIGKILL at random moments leaves a
//! store that opens, passes its integrity check and holds each article
//! whole or not at all; rerunning the same input reaches the same final
//! state as an uninterrupted run.
//!
//! The test re-invokes its own executable in a child mode (the
//! `child_writer` test, active only when `NEWSDESK_STORE_CRASH_DB` is set)
//! that ingests a fixed corpus in batches, and kills it after a delay
//! drawn from a seeded generator, so failures reproduce.

mod common;

use newsdesk_store::{Filter, SqliteStore, Stats, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ENV_DB: &str = "NEWSDESK_STORE_CRASH_DB";
const RECORDS: usize = 2500;
const BATCH: usize = 50;

/// Child mode: ingest the corpus into the store named by the environment.
#[test]
fn child_writer() {
    let Ok(path) = std::env::var(ENV_DB) else {
        return;
    };
    let mut s = SqliteStore::open(&path).unwrap();
    for chunk in common::corpus(RECORDS).chunks(BATCH) {
        s.put_batch(chunk).unwrap();
    }
}

/// xorshift64*: deterministic delays without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn spawn_child(db: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_writer", "--test-threads=1", "--quiet"])
        .env(ENV_DB, db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Everything a crash could have left half-done, checked.
fn check_sound(db: &Path) -> Stats {
    let s = SqliteStore::open(db).expect("store opens after kill -9");
    let report = s.integrity_check().unwrap();
    assert!(report.ok(), "integrity: {:?}", report.problems);
    let st = s.stats().unwrap();
    assert_eq!(
        st.inputs_seen,
        st.articles + st.duplicates + st.rejected,
        "{st:?}"
    );
    // Batches are atomic: the ledger holds a whole number of batches.
    assert_eq!(
        st.inputs_seen as usize % BATCH,
        0,
        "partial batch stored: {st:?}"
    );
    let mut after: Option<String> = None;
    loop {
        let page = s
            .list_articles(&Filter::default(), after.as_deref(), 200)
            .unwrap();
        if page.is_empty() {
            break;
        }
        for summary in &page {
            let a = s.get_article(&summary.id).unwrap().unwrap();
            assert!(!a.text.is_empty());
            assert_eq!(
                a.analysis_json,
                format!("{{\"len\":{}}}", a.text.len()),
                "article {} not whole",
                a.id
            );
            assert_eq!(a.entities.len(), 1, "article {} lost its entities", a.id);
            assert!(a.sources.iter().any(|s| s.first));
            assert!(s.raw(&a.sources[0].raw_hash).unwrap().is_some());
        }
        after = page.last().map(|a| a.id.clone());
    }
    st
}

#[test]
fn kill9_at_random_moments_then_rerun() {
    if std::env::var(ENV_DB).is_ok() {
        return; // we are the child
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");

    // Reference: the same ingest, uninterrupted.
    let reference = {
        let path = dir.path().join("reference.db");
        let mut s = SqliteStore::open(&path).unwrap();
        for chunk in common::corpus(RECORDS).chunks(BATCH) {
            s.put_batch(chunk).unwrap();
        }
        let ids: Vec<String> = s
            .list_articles(&Filter::default(), None, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        (s.stats().unwrap(), ids)
    };

    // Time one whole child run, so kills land inside the ingest.
    let t = Instant::now();
    let probe = dir.path().join("probe.db");
    assert!(spawn_child(&probe).wait().unwrap().success());
    let full = t.elapsed().as_millis().max(20) as u64;

    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut killed_mid_run = 0;
    for _ in 0..10 {
        let mut child = spawn_child(&db);
        // Delays up to a quarter of a whole run: reruns skip what is
        // stored, so most kills land mid-ingest and a few after the end.
        let delay = rng.next() % (full / 4);
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if db.exists() {
            let st = check_sound(&db);
            eprintln!(
                "killed after {delay} ms (whole run {full} ms): {} of {RECORDS} inputs stored",
                st.inputs_seen
            );
        }
    }
    assert!(
        killed_mid_run > 0,
        "no child was killed mid-run; the test proves nothing"
    );

    // Rerun to completion.
    assert!(spawn_child(&db).wait().unwrap().success());
    let st = check_sound(&db);
    let s = SqliteStore::open(&db).unwrap();
    let ids: Vec<String> = s
        .list_articles(&Filter::default(), None, usize::MAX)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(st, reference.0);
    assert_eq!(ids, reference.1);
    assert_eq!(st.inputs_seen as usize, RECORDS);
}
