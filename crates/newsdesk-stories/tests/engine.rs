//! Behaviour of the story engine: join, merge, split, stable ids,
//! determinism, and invariants under random input (proptest).

use chrono::NaiveDate;
use newsdesk_stories::{StoryArticle, StoryConfig, StoryEvent, StoryIndex};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn day(d: u32) -> Option<(NaiveDate, NaiveDate)> {
    let x = NaiveDate::from_ymd_opt(2031, 3, 1)?.checked_add_days(chrono::Days::new(d as u64))?;
    Some((x, x))
}

/// Words `base..base+n`, each twice.
fn words(base: u64, n: u64) -> Vec<(u64, u32)> {
    (base..base + n).map(|w| (w, 2)).collect()
}

fn art(id: &str, d: u32, terms: Vec<(u64, u32)>) -> StoryArticle {
    StoryArticle {
        id: id.into(),
        window: day(d),
        terms,
        entities: vec![],
        copy_of: None,
    }
}

/// Topic X: words 100..110; topic Y: 200..210.
fn x(id: &str, d: u32) -> StoryArticle {
    art(id, d, words(100, 10))
}
fn y(id: &str, d: u32) -> StoryArticle {
    art(id, d, words(200, 10))
}
fn both(id: &str, d: u32) -> StoryArticle {
    let mut t = words(100, 10);
    t.extend(words(200, 10));
    art(id, d, t)
}

#[test]
fn joins_and_new_stories() {
    let mut idx = StoryIndex::new(StoryConfig::default());
    let ch = idx.add(vec![x("a1", 1), y("b1", 1), x("a2", 2)]);
    assert_eq!(idx.story_of("a1"), Some("s-a1"));
    assert_eq!(idx.story_of("a2"), Some("s-a1"));
    assert_eq!(idx.story_of("b1"), Some("s-b1"));
    assert_eq!(ch.counts(), (2, 1, 0, 0));
    assert_eq!(
        ch.assignments,
        vec![
            ("a1".to_string(), "s-a1".to_string()),
            ("a2".to_string(), "s-a1".to_string()),
            ("b1".to_string(), "s-b1".to_string()),
        ]
    );
    // Same words weeks later: another development.
    idx.add(vec![x("a9", 30)]);
    assert_eq!(idx.story_of("a9"), Some("s-a9"));
    // Re-adding is a no-op.
    let again = idx.add(vec![x("a1", 1)]);
    assert!(again.events.is_empty() && again.assignments.is_empty());
}

#[test]
fn copies_join_their_origin_whatever_the_order() {
    let mut idx = StoryIndex::new(StoryConfig::default());
    // The copy arrives first, with unrelated words and no date.
    let mut c = y("copy", 0);
    c.window = None;
    c.copy_of = Some("orig".into());
    idx.add(vec![c]);
    assert_eq!(idx.story_of("copy"), Some("s-copy"));
    let ch = idx.add(vec![x("orig", 3)]);
    assert_eq!(idx.story_of("orig"), Some("s-copy"));
    assert!(ch
        .events
        .iter()
        .any(|e| matches!(e, StoryEvent::Joined { .. })));
}

#[test]
fn merge_keeps_the_older_id_and_old_ids_resolve() {
    let mut idx = StoryIndex::new(StoryConfig::default());
    idx.add(vec![y("b1", 2)]);
    idx.add(vec![x("a1", 1)]);
    assert_eq!(idx.story_of("b1"), Some("s-b1"));
    assert_eq!(idx.story_of("a1"), Some("s-a1"));
    // Links strongly to both: they merge; s-a1 (born on day 1) survives
    // although s-b1 was created first.
    let ch = idx.add(vec![both("m", 2)]);
    assert!(ch.events.contains(&StoryEvent::Merged {
        from: "s-b1".into(),
        into: "s-a1".into()
    }));
    for id in ["a1", "b1", "m"] {
        assert_eq!(idx.story_of(id), Some("s-a1"), "{id}");
    }
    assert_eq!(idx.resolve("s-b1"), Some("s-a1"));
    assert_eq!(idx.resolve("s-a1"), Some("s-a1"));
    assert_eq!(idx.resolve("s-nope"), None);
    // b1's new story is reported for persisting.
    assert!(ch.assignments.contains(&("b1".into(), "s-a1".into())));
    assert_eq!(idx.story_count(), 1);
}

#[test]
fn merge_needs_the_margin() {
    let cfg = StoryConfig {
        merge_margin: 0.5,
        ..StoryConfig::default()
    };
    let mut idx = StoryIndex::new(cfg);
    idx.add(vec![x("a1", 1), y("b1", 1)]);
    idx.add(vec![both("m", 2)]);
    assert_ne!(idx.story_of("a1"), idx.story_of("b1"));
}

#[test]
fn weak_bridge_dropped_splits_the_story() {
    let cfg = StoryConfig {
        max_links: 2,
        ..StoryConfig::default()
    };
    let mut idx = StoryIndex::new(cfg);
    idx.add(vec![x("a1", 1), y("b1", 1)]);
    idx.add(vec![both("m", 2)]);
    assert_eq!(idx.story_of("b1"), Some("s-a1"));
    // Strong evidence on the X side fills a1's links; its weak link to the
    // bridge goes, and the Y side (with the bridge) splits off.
    idx.add(vec![x("a2", 2)]);
    let ch = idx.add(vec![x("a3", 3)]);
    assert!(
        ch.events
            .iter()
            .any(|e| matches!(e, StoryEvent::Split { .. })),
        "{ch:?}"
    );
    // The larger part keeps the id; the other is named after its earliest
    // member (b1, whose old id is live again).
    assert_eq!(idx.story_of("a1"), Some("s-a1"));
    assert_eq!(idx.story_of("a3"), Some("s-a1"));
    assert_eq!(idx.story_of("b1"), Some("s-b1"));
    assert_eq!(idx.story_of("m"), Some("s-b1"));
    assert_eq!(idx.resolve("s-b1"), Some("s-b1"));
    assert!(ch.assignments.contains(&("m".into(), "s-b1".into())));
}

fn two_topics() -> Vec<StoryArticle> {
    let mut v = Vec::new();
    for k in 0..6u32 {
        v.push(x(&format!("x{k}"), 1 + k % 3));
        v.push(y(&format!("y{k}"), 2 + k % 3));
    }
    v
}

#[test]
fn same_batch_in_any_order_same_stories() {
    let mut a = StoryIndex::new(StoryConfig::default());
    let mut b = StoryIndex::new(StoryConfig::default());
    let arts = two_topics();
    let mut rev = arts.clone();
    rev.reverse();
    let ca = a.add(arts);
    let cb = b.add(rev);
    assert_eq!(ca, cb);
    assert_eq!(a.stories(), b.stories());
    assert_eq!(a.stories().len(), 2);
}

#[test]
fn stable_ids_across_batchings() {
    let arts = two_topics();
    let mut one = StoryIndex::new(StoryConfig::default());
    one.add(arts.clone());
    // Oldest first, in small batches, each batch shuffled.
    let mut sorted = arts.clone();
    sorted.sort_by(|p, q| (p.window, &p.id).cmp(&(q.window, &q.id)));
    let mut many = StoryIndex::new(StoryConfig::default());
    for chunk in sorted.chunks(3) {
        let mut c = chunk.to_vec();
        c.rotate_left(1);
        many.add(c);
    }
    assert_eq!(one.stories(), many.stories());
    // Re-adding everything in another order changes nothing.
    let mut rev = arts;
    rev.reverse();
    let ch = many.add(rev);
    assert!(ch.events.is_empty());
    assert_eq!(one.stories(), many.stories());
}

#[test]
fn restore_then_continue() {
    let mut first = StoryIndex::new(StoryConfig::default());
    first.add(vec![x("a1", 1), y("b1", 1)]);
    let saved: Vec<(StoryArticle, String)> = vec![
        (x("a1", 1), first.story_of("a1").unwrap().to_string()),
        (y("b1", 1), first.story_of("b1").unwrap().to_string()),
    ];
    let mut next = StoryIndex::new(StoryConfig::default());
    next.restore(saved);
    let ch = next.add(vec![x("a2", 2)]);
    assert_eq!(next.story_of("a2"), Some("s-a1"));
    assert_eq!(ch.assignments, vec![("a2".into(), "s-a1".into())]);
    let ch = next.add(vec![both("m", 2)]);
    assert!(ch.events.contains(&StoryEvent::Merged {
        from: "s-b1".into(),
        into: "s-a1".into()
    }));
}

/// Random article: id, day (or undated), words from a small vocabulary,
/// maybe a copy of an earlier id.
fn arb_articles() -> impl Strategy<Value = Vec<StoryArticle>> {
    prop::collection::vec(
        (
            prop::option::weighted(0.8, 0u32..20),
            prop::collection::vec((0u64..40, 1u32..4), 1..12),
            prop::collection::vec((0u64..10, 1u32..3), 0..4),
            prop::option::weighted(0.2, 0usize..40),
        ),
        1..40,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (d, terms, ents, copy))| StoryArticle {
                id: format!("n{i:02}"),
                window: d.and_then(day),
                terms,
                entities: ents,
                copy_of: copy.map(|c| format!("n{c:02}")),
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn invariants(arts in arb_articles(), cut in 1usize..8, links in 1usize..6, keep in 0usize..30) {
        let cfg = StoryConfig { max_links: links, ..StoryConfig::default() };
        let mut idx = StoryIndex::new(cfg.clone());
        let mut ever: BTreeSet<String> = BTreeSet::new();
        let mut log = Vec::new();
        for chunk in arts.chunks(cut) {
            let ch = idx.add(chunk.to_vec());
            for (a, s) in &ch.assignments {
                prop_assert_eq!(idx.story_of(a), Some(s.as_str()));
            }
            for e in &ch.events {
                match e {
                    StoryEvent::New { story, .. } | StoryEvent::Joined { story, .. } => { ever.insert(story.clone()); }
                    StoryEvent::Merged { from, into } | StoryEvent::Split { from, into } => {
                        ever.insert(from.clone());
                        ever.insert(into.clone());
                    }
                }
            }
            log.push(ch);
            // Retiring old articles (0: never) must not break anything.
            if keep > 0 {
                idx.retire_oldest(keep);
            }
        }
        // Every article in exactly one live story.
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for (sid, members) in idx.stories() {
            prop_assert!(!members.is_empty());
            prop_assert_eq!(idx.resolve(&sid), Some(sid.as_str()));
            for m in members {
                prop_assert_eq!(idx.story_of(&m), Some(sid.as_str()));
                prop_assert!(seen.insert(m));
            }
        }
        let all: BTreeSet<String> = arts.iter().map(|a| a.id.clone()).collect();
        prop_assert_eq!(&seen, &all);
        // Every id ever reported still resolves to a live story.
        for s in &ever {
            prop_assert!(idx.resolve(s).is_some(), "{} does not resolve", s);
        }
        // Copies share their origin's story.
        for a in &arts {
            if let Some(o) = &a.copy_of {
                if all.contains(o) {
                    prop_assert_eq!(idx.story_of(&a.id), idx.story_of(o));
                }
            }
        }
        // Determinism: the same calls give the same results.
        let mut again = StoryIndex::new(cfg);
        for (chunk, ch) in arts.chunks(cut).zip(&log) {
            prop_assert_eq!(&again.add(chunk.to_vec()), ch);
            if keep > 0 {
                again.retire_oldest(keep);
            }
        }
    }

    #[test]
    fn one_batch_is_order_insensitive(arts in arb_articles(), rot in 0usize..40) {
        let mut a = StoryIndex::new(StoryConfig::default());
        let mut b = StoryIndex::new(StoryConfig::default());
        let mut other = arts.clone();
        let r = rot % other.len();
        other.rotate_left(r);
        a.add(arts);
        b.add(other);
        prop_assert_eq!(a.stories(), b.stories());
    }
}

#[test]
fn retired_articles_keep_their_story() {
    let mut idx = StoryIndex::new(StoryConfig::default());
    idx.add(vec![x("a1", 1), x("a2", 1), y("b1", 1)]);
    idx.retire_oldest(1);
    assert_eq!(idx.story_of("a1"), Some("s-a1"));
    assert_eq!(idx.story_of("a2"), Some("s-a1"));
    // Retired articles are no longer candidates: a new X article founds
    // its own story; the retired members stay put and resolve.
    idx.add(vec![x("a3", 2)]);
    assert_eq!(idx.story_of("a3"), Some("s-a3"));
    assert_eq!(idx.story_of("a2"), Some("s-a1"));
    let all: usize = idx.stories().iter().map(|s| s.1.len()).sum();
    assert_eq!(all, 4);
}

#[test]
fn active_counts_whole_articles_only() {
    let mut idx = StoryIndex::new(StoryConfig::default());
    idx.add(vec![x("a1", 1), x("a2", 1), y("b1", 1)]);
    assert_eq!((idx.len(), idx.active()), (3, 3));
    idx.retire_oldest(1);
    assert_eq!((idx.len(), idx.active()), (3, 1));
    idx.retire_oldest(5);
    assert_eq!(idx.active(), 1);
}
