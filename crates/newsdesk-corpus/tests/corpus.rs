//! End-to-end: ingest the demo corpus and fixtures into a SQLite store,
//! check the ledger, idempotency, duplicates across sources, copy links,
//! stories, and concurrent ingests.

use newsdesk_corpus::{
    best_origin, ingest, update_links, update_stories, IngestOptions, IngestReport,
};
use newsdesk_engine::NoProgress;
use newsdesk_sources::{read_source, ErrorKind, SourceOptions};
use newsdesk_store::{Filter, SqliteStore, Store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
}

fn sources() -> Vec<PathBuf> {
    vec![
        repo("demo"),
        repo("fixtures/rss"),
        repo("fixtures/warc"),
        repo("fixtures/text"),
        repo("fixtures/html"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    ]
}

fn sum(r: &IngestReport) -> u64 {
    r.inserted + r.duplicates + r.already_seen + r.rejected + r.skipped
}

/// Counts records and skipped ones straight from the sources.
fn count_records(paths: &[PathBuf]) -> (u64, u64) {
    let (mut n, mut skipped) = (0, 0);
    for p in paths {
        for r in read_source(p, &SourceOptions::default()) {
            n += 1;
            if matches!(&r, Err(e) if e.kind == ErrorKind::Skipped) {
                skipped += 1;
            }
        }
    }
    (n, skipped)
}

fn small_batches() -> IngestOptions {
    // Small batches so several transactions happen even on the demo.
    IngestOptions {
        batch_size: 7,
        ..IngestOptions::default()
    }
}

#[test]
fn counts_in_equal_counts_out_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = SqliteStore::open(&db).unwrap();
    let srcs = sources();
    let (n, skipped) = count_records(&srcs);
    let r1 = ingest(&srcs, &mut store, &small_batches(), &NoProgress).unwrap();
    eprintln!("first: {r1:?}");
    assert_eq!(r1.records_seen, n);
    assert_eq!(r1.records_seen, sum(&r1));
    assert_eq!(r1.skipped, skipped);
    assert!(r1.inserted >= 14, "{r1:?}");
    assert!(r1.rejected >= 3, "broken demo files are rejected: {r1:?}");
    let st = store.stats().unwrap();
    assert_eq!(st.inputs_seen, r1.inserted + r1.duplicates + r1.rejected);
    assert_eq!(st.articles, r1.inserted);
    assert_eq!(st.rejected, r1.rejected);
    assert!(store.integrity_check().unwrap().ok());

    // Second run: nothing changes, every stored record is already seen.
    let r2 = ingest(&srcs, &mut store, &IngestOptions::default(), &NoProgress).unwrap();
    eprintln!("second: {r2:?}");
    assert_eq!(r2.records_seen, n);
    assert_eq!(r2.already_seen, n - skipped);
    assert_eq!((r2.inserted, r2.duplicates, r2.rejected), (0, 0, 0));
    assert_eq!(store.stats().unwrap(), st);

    // Links and stories are incremental: a second pass does nothing.
    let l1 = update_links(&mut store, &NoProgress).unwrap();
    let s1 = update_stories(&mut store, &NoProgress).unwrap();
    assert_eq!(l1.articles, r1.inserted);
    assert_eq!(s1.assigned, r1.inserted);
    let l2 = update_links(&mut store, &NoProgress).unwrap();
    let s2 = update_stories(&mut store, &NoProgress).unwrap();
    assert_eq!((l2.articles, s2.assigned), (0, 0));
    assert!(store.integrity_check().unwrap().ok());
}

#[test]
fn same_article_via_two_sources_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("demo/01_cpa_brannock_talks.txt")).unwrap();
    // Same bytes under another name, and the same text as a JSONL record.
    let a = dir.path().join("a");
    std::fs::create_dir(&a).unwrap();
    std::fs::write(a.join("copy.txt"), &text).unwrap();
    let line = serde_json::json!({"url": "https://x.example/1", "maintext": text}).to_string();
    std::fs::write(a.join("feed.jsonl"), format!("{line}\n")).unwrap();
    let mut store = SqliteStore::open(dir.path().join("c.db")).unwrap();
    let r = ingest(
        &[repo("demo/01_cpa_brannock_talks.txt"), a],
        &mut store,
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    eprintln!("{r:?}");
    assert_eq!(r.records_seen, 3);
    assert_eq!(r.inserted, 1);
    assert_eq!(r.duplicates, 2);
    let arts = store.list_articles(&Filter::default(), None, 10).unwrap();
    assert_eq!(arts.len(), 1);
    assert_eq!(
        store
            .get_article(&arts[0].id)
            .unwrap()
            .unwrap()
            .sources
            .len(),
        3
    );
}

#[test]
fn demo_copies_linked_to_origins_and_stories() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("c.db")).unwrap();
    ingest(&[repo("demo")], &mut store, &small_batches(), &NoProgress).unwrap();
    let lr = update_links(&mut store, &NoProgress).unwrap();
    let sr = update_stories(&mut store, &NoProgress).unwrap();
    eprintln!("{lr:?} {sr:?}");
    // file stem -> article id
    let mut id_of = BTreeMap::new();
    for a in store.list_articles(&Filter::default(), None, 1000).unwrap() {
        let stem = Path::new(&a.locator)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        id_of.insert(stem, a.id);
    }
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("fixtures/demo_truth.json")).unwrap())
            .unwrap();
    let (mut want, mut got, mut copies_ok) = (0, 0, true);
    for a in truth["articles"].as_array().unwrap() {
        let Some(origin) = a["copy_of"].as_str() else {
            continue;
        };
        let copy = a["id"].as_str().unwrap();
        want += 1;
        let found = best_origin(&store, &id_of[copy]).unwrap();
        let ok = found.as_ref().is_some_and(|l| l.to == id_of[origin]);
        eprintln!(
            "{copy} -> {origin}: {} {:?}",
            ok,
            found.map(|l| (l.to, l.relation, l.score))
        );
        if ok {
            got += 1;
        } else if a["kind"] == "copy" {
            copies_ok = false;
        }
    }
    assert!(copies_ok, "every verbatim copy is linked to its origin");
    assert!(
        got * 10 >= want * 7,
        "{got}/{want} copy/rewrite links found"
    );
    // Stories: copies share their origin's story; unrelated articles don't
    // join the main story.
    let story = |stem: &str| store.story_of(&id_of[stem]).unwrap().unwrap();
    assert_eq!(
        story("02_newspulsehub_copy"),
        story("01_cpa_brannock_talks")
    );
    assert_eq!(
        story("14_globalnewsdeck_copy"),
        story("07_meridian_walkaway")
    );
    assert_ne!(
        story("11_unrelated_river_accord"),
        story("01_cpa_brannock_talks")
    );
    assert_ne!(
        story("12_unrelated_regatta"),
        story("01_cpa_brannock_talks")
    );
    for s in store.stories().unwrap() {
        eprintln!(
            "story {}: {:?}",
            s.id,
            s.articles
                .iter()
                .map(|a| id_of
                    .iter()
                    .find(|(_, v)| *v == a)
                    .map(|(k, _)| k.as_str())
                    .unwrap_or("?"))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn concurrent_ingests_store_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    // Create the store first, so both threads only open it.
    drop(SqliteStore::open(&db).unwrap());
    let srcs = sources();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let db = db.clone();
            let srcs = srcs.clone();
            std::thread::spawn(move || {
                let mut store = SqliteStore::open(&db).unwrap();
                ingest(&srcs, &mut store, &small_batches(), &NoProgress).unwrap()
            })
        })
        .collect();
    let reports: Vec<IngestReport> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let store = SqliteStore::open(&db).unwrap();
    let st = store.stats().unwrap();
    // A fresh single-threaded ingest for comparison.
    let mut single = SqliteStore::open(dir.path().join("single.db")).unwrap();
    let r = ingest(&srcs, &mut single, &IngestOptions::default(), &NoProgress).unwrap();
    assert_eq!(st.articles, r.inserted);
    assert_eq!(reports.iter().map(|x| x.inserted).sum::<u64>(), r.inserted);
    assert_eq!(st.inputs_seen, single.stats().unwrap().inputs_seen);
    for x in &reports {
        assert_eq!(x.records_seen, sum(x));
    }
    assert!(store.integrity_check().unwrap().ok());
}

/// Cancels after the first committed batch.
struct CancelAfterFirst(std::sync::atomic::AtomicBool);
impl newsdesk_engine::Progress for CancelAfterFirst {
    fn advance(&self, _n: u64) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn cancelled_ingest_keeps_committed_batches_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("c.db")).unwrap();
    let opts = IngestOptions {
        batch_size: 3,
        ..IngestOptions::default()
    };
    let p = CancelAfterFirst(Default::default());
    let r1 = ingest(&[repo("demo")], &mut store, &opts, &p).unwrap();
    assert!(r1.cancelled);
    assert_eq!(r1.records_seen, sum(&r1));
    let (n, _) = count_records(&[repo("demo")]);
    assert!(r1.records_seen < n, "{r1:?}");
    let r2 = ingest(&[repo("demo")], &mut store, &opts, &NoProgress).unwrap();
    assert_eq!(r2.records_seen, n);
    assert_eq!(r2.already_seen, r1.records_seen - r1.skipped);
    let mut fresh = SqliteStore::open(dir.path().join("f.db")).unwrap();
    let full = ingest(&[repo("demo")], &mut fresh, &opts, &NoProgress).unwrap();
    assert_eq!(r1.inserted + r2.inserted, full.inserted);
    assert_eq!(
        store.stats().unwrap().inputs_seen,
        fresh.stats().unwrap().inputs_seen
    );
}

/// A made-up corpus of `n` records over several link steps: short
/// reports from a pseudo-word vocabulary, every fourth one copied (with
/// site furniture) a few hundred records later, and some of those
/// copied again, so copies and their origins fall in different steps.
fn multi_step_corpus(path: &Path, n: usize) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "ta", "vo", "sel", "dun", "pra", "ish", "om", "bel", "tor", "qua",
        "ne", "zu",
    ];
    let word = |next: &mut dyn FnMut() -> usize| -> String {
        (0..2 + next() % 2)
            .map(|_| SYLLABLES[next() % 16])
            .collect()
    };
    let mut texts: Vec<String> = Vec::new();
    let mut out = String::new();
    for i in 0..n {
        let text = if i % 4 == 3 && i >= 300 {
            // A copy of an earlier report, furniture added.
            let of = &texts[i - 300 + (i % 7)];
            format!("{of}\n\nRead more stories on our site. Subscribe today.")
        } else {
            let sentences: Vec<String> = (0..6)
                .map(|_| {
                    let words: Vec<String> = (0..10).map(|_| word(&mut next)).collect();
                    let mut s = words.join(" ");
                    s[..1].make_ascii_uppercase();
                    s + "."
                })
                .collect();
            sentences.join(" ")
        };
        texts.push(text.clone());
        let rec = serde_json::json!({
            "url": format!("https://outlet{}.example/story/{i}", i % 5),
            "title": format!("Report number {i}"),
            "maintext": text,
            "date_publish": format!("2021-03-{:02} 10:00:00", 1 + i % 28),
            "source_domain": format!("outlet{}.example", i % 5),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

/// Every link in the store, sorted.
fn all_links(store: &SqliteStore) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store
            .list_articles(&Filter::default(), after.as_deref(), 500)
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for a in &page {
            for l in store.links_for(&a.id).unwrap() {
                if l.from == a.id {
                    out.push((l.from, l.to, l.relation, format!("{:.6}", l.score)));
                }
            }
        }
    }
    out.sort();
    out
}

/// Regression: a rerun of the link stage after a crash finds the later
/// steps indexed already (entries are written before a step's links and
/// cursor). Their articles must not become candidates of the earlier
/// steps, or the rerun links differently from the run it resumes.
#[test]
fn links_rerun_with_later_steps_indexed_matches_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    multi_step_corpus(&corpus, 1300);
    let db = dir.path().join("c.db");
    let mut store = SqliteStore::open(&db).unwrap();
    let r = ingest(
        &[corpus],
        &mut store,
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    assert!(r.inserted > 1024, "{r:?}");
    let first = update_links(&mut store, &NoProgress).unwrap();
    let before = all_links(&store);
    assert!(before.len() > 100, "{} links", before.len());
    drop(store);
    // The crash: links and cursor gone, every index entry kept.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DELETE FROM links; UPDATE corpus_cursors SET value = 0 WHERE name = 'links';")
        .unwrap();
    drop(c);
    let mut store = SqliteStore::open(&db).unwrap();
    let again = update_links(&mut store, &NoProgress).unwrap();
    assert_eq!(again.candidates, first.candidates);
    assert_eq!(all_links(&store), before);
}
