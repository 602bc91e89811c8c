//! Behaviour of the SQLite store: migrations, idempotency, rejections,
//! search, corpus-level results, concurrent writers.

mod common;

use common::{article, corpus, rejected};
use newsdesk_store::{
    raw_hash, Filter, Link, NewRecord, Outcome, RecordBody, SqliteStore, Stats, Store, StoreError,
};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn migrates_from_empty_and_reopens() {
    let dir = tmp();
    let path = dir.path().join("n.db");
    {
        let s = SqliteStore::open(&path).unwrap();
        let st = s.stats().unwrap();
        assert_eq!(st.schema_version, SqliteStore::schema_version());
        assert_eq!(st.inputs_seen, 0);
        assert!(s.integrity_check().unwrap().ok());
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(
        s.stats().unwrap().schema_version,
        SqliteStore::schema_version()
    );
}

#[test]
fn refuses_newer_schema_and_foreign_databases() {
    let dir = tmp();
    let path = dir.path().join("n.db");
    drop(SqliteStore::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA user_version = {}",
            SqliteStore::schema_version() + 1
        ))
        .unwrap();
    }
    match SqliteStore::open(&path) {
        Err(e @ StoreError::TooNew { .. }) => assert!(e.to_string().contains("newer")),
        other => panic!("expected TooNew, got {other:?}"),
    }
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x)").unwrap();
    }
    assert!(matches!(
        SqliteStore::open(&other),
        Err(StoreError::NotAStore(_))
    ));
}

#[test]
fn same_record_twice_and_same_content_via_two_locators() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let text = "Ada Quill cut the ribbon on the Marrow Street bridge on Tuesday.";
    let a = article(
        "inbox/a.html",
        text,
        "Bridge opens",
        "Harbour Gazette",
        Some("2025-03-04"),
        &["Ada Quill"],
    );
    let out = s.put_batch(&[a.clone(), a.clone()]).unwrap();
    let Outcome::Inserted { id } = &out.outcomes[0] else {
        panic!("{out:?}")
    };
    assert_eq!(id.len(), 12);
    assert_eq!(
        out.outcomes[1],
        Outcome::AlreadySeen {
            article: Some(id.clone())
        }
    );

    // The same content reached through another source, with other markup.
    let mut b = article(
        "https://mirror.example/x",
        text,
        "Bridge opens (copy)",
        "Mirror",
        None,
        &[],
    );
    b.raw = b"other markup, same article".to_vec();
    let out = s.put_batch(&[b.clone()]).unwrap();
    assert_eq!(
        out.outcomes,
        vec![Outcome::Duplicate {
            existing: id.clone()
        }]
    );
    // And again: already seen.
    assert_eq!(s.put_batch(&[b]).unwrap().already_seen(), 1);

    let st = s.stats().unwrap();
    assert_eq!(
        (st.inputs_seen, st.articles, st.duplicates, st.rejected),
        (2, 1, 1, 0)
    );
    let art = s.get_article(id).unwrap().unwrap();
    assert_eq!(art.text, text);
    assert_eq!(art.title.as_deref(), Some("Bridge opens"));
    let locs: Vec<(&str, bool)> = art
        .sources
        .iter()
        .map(|s| (s.locator.as_str(), s.first))
        .collect();
    assert_eq!(
        locs,
        vec![("inbox/a.html", true), ("https://mirror.example/x", false)]
    );
    assert_eq!(s.raw(&art.sources[0].raw_hash).unwrap().unwrap(), a.raw);
    assert_eq!(
        art.entities,
        vec![newsdesk_crosscheck::fold_name("Ada Quill")]
    );
    assert_eq!(art.analysis_json, format!("{{\"len\":{}}}", text.len()));
}

#[test]
fn ids_do_not_depend_on_ingest_order() {
    let recs = corpus(60);
    let mut a = SqliteStore::open_in_memory().unwrap();
    let mut b = SqliteStore::open_in_memory().unwrap();
    a.put_batch(&recs).unwrap();
    let mut rev = recs.clone();
    rev.reverse();
    for chunk in rev.chunks(7) {
        b.put_batch(chunk).unwrap();
    }
    let ids = |s: &SqliteStore| {
        s.list_articles(&Filter::default(), None, 1000)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a.stats().unwrap(), b.stats().unwrap());
}

#[test]
fn rejections_are_logged_and_seen_raw_skips_work() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let r = rejected("inbox/blob.bin", b"\x00\x01\x02", "binary content");
    let a = article(
        "inbox/a.txt",
        "Borislav Tench resigned.",
        "Resignation",
        "Northwire",
        None,
        &[],
    );
    let out = s.put_batch(&[r.clone(), a.clone()]).unwrap();
    assert_eq!(out.rejected(), 1);
    assert_eq!(out.inserted(), 1);
    let log = s.rejections(0, 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].locator, "inbox/blob.bin");
    assert_eq!(log[0].reason, "binary content");
    assert_eq!(s.raw(&log[0].raw_hash).unwrap().unwrap(), b"\x00\x01\x02");
    assert!(s.rejections(log[0].seq, 10).unwrap().is_empty());

    // The ingester sees the same bytes under new locators and skips analysis.
    assert!(s.seen_raw(&raw_hash(&a.raw)).unwrap());
    assert!(!s.seen_raw(&raw_hash(b"never")).unwrap());
    let skip = |loc: &str, raw: &[u8]| NewRecord {
        packed: None,
        locator: loc.into(),
        raw: raw.to_vec(),
        format: None,
        encoding: None,
        body: RecordBody::SameRawAsBefore,
    };
    let out = s
        .put_batch(&[
            skip("copy/a.txt", &a.raw),
            skip("copy/blob.bin", &r.raw),
            skip("copy/new", b"unknown"),
        ])
        .unwrap();
    assert!(matches!(&out.outcomes[0], Outcome::Duplicate { .. }));
    assert_eq!(
        out.outcomes[1],
        Outcome::Rejected {
            reason: "binary content".into()
        }
    );
    assert!(matches!(&out.outcomes[2], Outcome::Rejected { .. }));
    let st = s.stats().unwrap();
    assert_eq!(st.inputs_seen, st.articles + st.duplicates + st.rejected);
    assert_eq!(
        (st.inputs_seen, st.articles, st.duplicates, st.rejected),
        (5, 1, 1, 3)
    );
}

#[test]
fn invalid_record_rolls_back_the_whole_batch() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let good = article("a", "Some text here.", "T", "O", None, &[]);
    let mut bad = article("b", "Other text.", "T", "O", None, &[]);
    if let RecordBody::Article(a) = &mut bad.body {
        a.content_hash.clear();
    }
    assert!(matches!(
        s.put_batch(&[good, bad]),
        Err(StoreError::InvalidRecord { .. })
    ));
    assert_eq!(
        s.stats().unwrap(),
        Stats {
            schema_version: SqliteStore::schema_version(),
            ..Stats::default()
        }
    );
}

fn search_store() -> SqliteStore {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let recs = vec![
        article(
            "1",
            "The flood barrier failed at dawn. Engineers blamed the flood barrier design.",
            "Flood barrier fails",
            "Harbour Gazette",
            Some("2025-03-01"),
            &["Mirela Ostrova"],
        ),
        article(
            "2",
            "A barrier of silence met questions about the flood last week.",
            "Questions unanswered",
            "The Lantern",
            Some("2025-03-10"),
            &["Jonas Fairweather"],
        ),
        article(
            "3",
            "Mirela Ostrova said the barrier held; no flood reached the town.",
            "Town spared",
            "www.Northwire.example",
            Some("2025-03-20"),
            &["Mirela Ostrová"],
        ),
        article(
            "4",
            "The school budget vote was postponed again.",
            "Budget vote delayed",
            "Harbour Gazette",
            None,
            &["Priya Calloway"],
        ),
    ];
    s.put_batch(&recs).unwrap();
    s
}

fn hit_locators(s: &SqliteStore, q: &str, f: &Filter) -> Vec<String> {
    s.search(q, f, 10)
        .unwrap()
        .into_iter()
        .map(|h| {
            s.get_article(&h.id).unwrap().unwrap().sources[0]
                .locator
                .clone()
        })
        .collect()
}

#[test]
fn search_ranks_phrases_and_filters() {
    let s = search_store();
    let all = Filter::default();
    // Title match and repeated terms rank article 1 first.
    let hits = s.search("flood barrier", &all, 10).unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(
        s.get_article(&hits[0].id).unwrap().unwrap().sources[0].locator,
        "1"
    );
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(hits[0].snippet.contains("[flood]"), "{}", hits[0].snippet);
    // The phrase only occurs in article 1.
    assert_eq!(hit_locators(&s, "\"flood barrier\"", &all), vec!["1"]);
    assert_eq!(hit_locators(&s, "flood -\"flood barrier\"", &all).len(), 2);
    assert_eq!(hit_locators(&s, "budget OR silence", &all).len(), 2);
    assert_eq!(hit_locators(&s, "budg*", &all), vec!["4"]);
    // Filters.
    let by_outlet = Filter {
        outlet: Some("harbour gazette".into()),
        ..Filter::default()
    };
    assert_eq!(hit_locators(&s, "barrier", &by_outlet), vec!["1"]);
    let www = Filter {
        outlet: Some("northwire.example".into()),
        ..Filter::default()
    };
    assert_eq!(hit_locators(&s, "barrier", &www), vec!["3"]);
    let dated = Filter {
        since: "2025-03-05".parse().ok(),
        until: "2025-03-15".parse().ok(),
        ..Filter::default()
    };
    assert_eq!(hit_locators(&s, "barrier", &dated), vec!["2"]);
    let ent = Filter {
        entity: Some("Mirela Ostrova".into()),
        ..Filter::default()
    };
    let mut got = hit_locators(&s, "barrier", &ent);
    got.sort();
    assert_eq!(got, vec!["1", "3"]);
    // Listing with the same filters, paged.
    let listed = s.list_articles(&ent, None, 1).unwrap();
    assert_eq!(listed.len(), 1);
    let rest = s.list_articles(&ent, Some(&listed[0].id), 10).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(s.list_articles(&all, None, 100).unwrap().len(), 4);
    // Hostile queries don't error, except a query with nothing to find.
    for q in ["\"", "AND", "covid-19 \"open", "NEAR(a b)", "a:b", "*", "-"] {
        let _ = s.search(q, &all, 5);
    }
    assert!(s.search("\"unclosed phrase", &all, 5).is_ok());
    assert!(matches!(
        s.search("-flood", &all, 5),
        Err(StoreError::BadQuery(_))
    ));
}

#[test]
fn links_and_stories() {
    let mut s = search_store();
    let ids: Vec<String> = s
        .list_articles(&Filter::default(), None, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let link = Link {
        from: ids[1].clone(),
        to: ids[0].clone(),
        relation: "rewrite".into(),
        score: 0.5,
        evidence: vec!["shared sentences: 2".into()],
    };
    s.put_links(std::slice::from_ref(&link)).unwrap();
    let mut updated = link.clone();
    updated.score = 0.75;
    s.put_links(&[updated.clone()]).unwrap();
    assert_eq!(s.links_for(&ids[0]).unwrap(), vec![updated.clone()]);
    assert_eq!(s.links_for(&ids[1]).unwrap(), vec![updated]);
    assert!(s.links_for(&ids[2]).unwrap().is_empty());
    let bad = Link {
        from: "nope".into(),
        to: ids[0].clone(),
        relation: "copy".into(),
        score: 1.0,
        evidence: vec![],
    };
    assert!(s.put_links(&[bad]).is_err());

    s.put_story_assignments(&[
        (ids[0].clone(), "s-b".into()),
        (ids[1].clone(), "s-a".into()),
        (ids[2].clone(), "s-a".into()),
    ])
    .unwrap();
    s.put_story_assignments(&[(ids[0].clone(), "s-a".into())])
        .unwrap();
    let stories = s.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles.len(), 3);
    let st = s.stats().unwrap();
    assert_eq!((st.links, st.stories), (1, 1));
    assert!(s.integrity_check().unwrap().ok());
}

#[test]
fn two_writers_with_overlapping_batches() {
    let dir = tmp();
    let path = dir.path().join("n.db");
    drop(SqliteStore::open(&path).unwrap());
    let recs = corpus(600);
    let mut handles = Vec::new();
    for t in 0..2 {
        let path = path.clone();
        let mut recs = recs.clone();
        if t == 1 {
            recs.reverse();
        }
        handles.push(std::thread::spawn(move || {
            let mut s = SqliteStore::open(&path).unwrap();
            for chunk in recs.chunks(40) {
                s.put_batch(chunk).unwrap();
            }
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    let mut alone = SqliteStore::open_in_memory().unwrap();
    alone.put_batch(&recs).unwrap();
    let (got, want) = (s.stats().unwrap(), alone.stats().unwrap());
    assert_eq!(got.inputs_seen, want.inputs_seen);
    assert_eq!(got.articles, want.articles);
    assert_eq!(got.rejected, want.rejected);
    assert_eq!(got.duplicates, want.duplicates);
    assert_eq!(
        got.inputs_seen,
        got.articles + got.duplicates + got.rejected
    );
    assert_eq!(got.inputs_seen as usize, recs.len());
    assert!(s.integrity_check().unwrap().ok());
}

#[test]
fn analysis_doc_round_trips() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let mut rec = article(
        "a",
        "Jonas Fairweather won the regatta.",
        "Regatta",
        "The Lantern",
        None,
        &[],
    );
    let doc = newsdesk_store::AnalysisDoc::default();
    if let RecordBody::Article(a) = &mut rec.body {
        a.analysis_json = serde_json::to_string(&doc).unwrap();
    }
    let out = s.put_batch(&[rec]).unwrap();
    let Outcome::Inserted { id } = &out.outcomes[0] else {
        panic!()
    };
    assert_eq!(
        s.get_article(id).unwrap().unwrap().analysis_doc().unwrap(),
        doc
    );
    assert!(s.get_article("nope").unwrap().is_none());
}

#[test]
fn box_dyn_store_is_usable() {
    let mut s: Box<dyn Store> = Box::new(SqliteStore::open_in_memory().unwrap());
    s.put_batch(&corpus(20)).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(st.inputs_seen, 20);
    assert!(st.raw_stored_bytes > 0 && st.raw_bytes > 0);
}

#[test]
fn concurrent_first_open_migrates_once() {
    let dir = tmp();
    let path = dir.path().join("fresh.db");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = SqliteStore::open(&path).unwrap();
                s.put_batch(&corpus(30)[i * 5..i * 5 + 10]).unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(st.schema_version, SqliteStore::schema_version());
    assert_eq!(st.inputs_seen, 25);
    assert!(s.integrity_check().unwrap().ok());
}

/// A query matching more than `RANK_WINDOW` articles ranks only the most
/// recently stored window of them (broad queries stay fast at a million
/// articles) and still returns `limit` hits, best first, filters applied.
#[test]
fn broad_query_ranks_the_recent_window() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let n = newsdesk_store::RANK_WINDOW as usize + 200;
    let recs: Vec<_> = (0..n)
        .map(|i| {
            let extra = if i % 50 == 0 {
                " ferry ferry ferry"
            } else {
                ""
            };
            article(
                &format!("r{i}"),
                &format!("Report number {i} about the harbour ferry service.{extra}"),
                &format!("Ferry report {i}"),
                if i % 2 == 0 {
                    "Harbour Gazette"
                } else {
                    "The Lantern"
                },
                Some("2025-03-01"),
                &[],
            )
        })
        .collect();
    s.put_batch(&recs).unwrap();
    let hits = s.search("ferry", &Filter::default(), 10).unwrap();
    assert_eq!(hits.len(), 10);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    // The best hits are the repeated-term articles of the recent window.
    let first = s.get_article(&hits[0].id).unwrap().unwrap();
    let i: usize = first.sources[0].locator[1..].parse().unwrap();
    assert_eq!(i % 50, 0, "{}", first.sources[0].locator);
    assert!(i >= n - newsdesk_store::RANK_WINDOW as usize);
    let by_outlet = Filter {
        outlet: Some("the lantern".into()),
        ..Filter::default()
    };
    let hits = s.search("ferry", &by_outlet, 5).unwrap();
    assert_eq!(hits.len(), 5);
}
