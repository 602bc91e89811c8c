//! Stories kept current, incrementally.
//!
//! Each article added since the last run joins, in order of preference:
//! 1. the story of an article it is copy-linked with (its origin first);
//! 2. the story of the most similar stored article whose date window is
//!    within 3 days of its own (or, when either date is unknown or vague,
//!    of the most similar article by a stricter threshold);
//! 3. a new story whose id is derived from its own id (`s-<article id>`),
//!    so story ids never change as the corpus grows.
//!
//! Similarity mirrors the brief's story clustering signals — shared
//! content words and shared entities, half each — computed on the
//! candidates the LSH/entity index returns, so the work per article is
//! bounded. Unlike the whole-corpus clustering, assignments are never
//! revisited: a later article can join a story but never merge two.

use crate::links::{best_origin, candidates, count_after, LINKS_CURSOR};
use crate::CorpusError;
use chrono::NaiveDate;
use newsdesk_crosscheck::fingerprint;
use newsdesk_engine::Progress;
use newsdesk_store::{Store, StoredArticle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const STORIES_CURSOR: &str = "stories";
const STEP: usize = 256;
/// Profiles kept between steps, at most.
const CACHE_LIMIT: usize = 16_384;
/// Maximum gap in days between two dated articles of one story step.
const MAX_GAP_DAYS: i64 = 3;
/// A window at most this wide counts as a date.
const NARROW_WINDOW_DAYS: i64 = 7;
/// Similarity needed between two dated articles within the gap.
const LINK_DATED: f64 = 0.30;
/// Similarity needed when either date is unknown or vague.
const LINK_UNDATED: f64 = 0.45;
/// Share of the similarity from the words; the rest from the entities.
const TEXT_WEIGHT: f64 = 0.5;

/// What [`update_stories`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoriesReport {
    /// Articles assigned to a story.
    pub assigned: u64,
    /// Of those, how many joined an existing story.
    pub joined: u64,
    /// Stories started.
    pub new_stories: u64,
}

struct Profile {
    vocab: Vec<u64>,
    entities: Vec<String>,
    window: Option<(NaiveDate, NaiveDate)>,
}

impl Profile {
    fn of(a: &StoredArticle) -> Self {
        let fp = fingerprint(&a.text);
        let mut entities = a.entities.clone();
        entities.sort();
        entities.dedup();
        Profile {
            vocab: fp.vocab,
            entities,
            window: a
                .published
                .filter(|(e, l)| (*l - *e).num_days() <= NARROW_WINDOW_DAYS),
        }
    }
}

/// Ochiai (set cosine) of two sorted, de-duplicated sets.
fn ochiai<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n as f64 / ((a.len() * b.len()) as f64).sqrt()
}

fn similarity(a: &Profile, b: &Profile) -> f64 {
    let text = ochiai(&a.vocab, &b.vocab);
    if a.entities.is_empty() || b.entities.is_empty() {
        return text;
    }
    TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * ochiai(&a.entities, &b.entities)
}

/// Whether `b` may join `a`'s story at similarity `sim`.
fn joins(a: &Profile, b: &Profile, sim: f64) -> bool {
    match (a.window, b.window) {
        (Some((a0, a1)), Some((b0, b1))) => {
            let gap = if a1 < b0 {
                (b0 - a1).num_days()
            } else if b1 < a0 {
                (a0 - b1).num_days()
            } else {
                0
            };
            gap <= MAX_GAP_DAYS && sim >= LINK_DATED
        }
        _ => sim >= LINK_UNDATED,
    }
}

/// Assigns the articles added since the last run (and already processed
/// by [`update_links`](crate::update_links), whose links and index it
/// uses) to stories. Incremental, idempotent, stable ids.
///
/// Progress: stage `"stories"` with the number of articles to assign.
pub fn update_stories(
    store: &mut dyn Store,
    progress: &dyn Progress,
) -> Result<StoriesReport, CorpusError> {
    let mut report = StoriesReport::default();
    let limit = store.cursor(LINKS_CURSOR)?;
    let mut cursor = store.cursor(STORIES_CURSOR)?;
    let total = count_after(store, cursor)?;
    progress.stage("stories", total);
    // Profiles of recently seen articles: the same recent articles are
    // candidates of many new ones, and loading one reads its whole row.
    let mut cache: BTreeMap<String, Profile> = BTreeMap::new();
    loop {
        if cache.len() > CACHE_LIMIT {
            cache.clear();
        }
        let step: Vec<(i64, String)> = store
            .articles_after(cursor, STEP)?
            .into_iter()
            .filter(|(seq, _)| *seq <= limit)
            .collect();
        let Some(&(last, _)) = step.last() else { break };
        // Assignments of this step, visible to its later articles.
        let mut local: BTreeMap<String, String> = BTreeMap::new();
        for (_, id) in &step {
            let story = assign(store, id, &local, &mut cache)?;
            let (story, joined) = match story {
                Some(s) => (s, true),
                None => (format!("s-{id}"), false),
            };
            report.assigned += 1;
            if joined {
                report.joined += 1;
            } else {
                report.new_stories += 1;
            }
            local.insert(id.clone(), story);
            progress.advance(1);
        }
        let rows: Vec<(String, String)> = local.into_iter().collect();
        store.put_story_assignments(&rows)?;
        store.set_cursor(STORIES_CURSOR, last)?;
        cursor = last;
        if progress.cancelled() {
            break;
        }
    }
    Ok(report)
}

fn story_of(
    store: &dyn Store,
    id: &str,
    local: &BTreeMap<String, String>,
) -> Result<Option<String>, CorpusError> {
    if let Some(s) = local.get(id) {
        return Ok(Some(s.clone()));
    }
    Ok(store.story_of(id)?)
}

/// The existing story an article should join, if any.
fn assign(
    store: &dyn Store,
    id: &str,
    local: &BTreeMap<String, String>,
    cache: &mut BTreeMap<String, Profile>,
) -> Result<Option<String>, CorpusError> {
    // An already assigned article (rerun after a crash) keeps its story.
    if let Some(s) = store.story_of(id)? {
        return Ok(Some(s));
    }
    // 1. Copy links: the origin's story, else any linked article's.
    if let Some(l) = best_origin(store, id)? {
        if let Some(s) = story_of(store, &l.to, local)? {
            return Ok(Some(s));
        }
    }
    let mut linked: Vec<String> = store
        .links_for(id)?
        .into_iter()
        .map(|l| if l.from == id { l.to } else { l.from })
        .collect();
    linked.sort();
    linked.dedup();
    for other in &linked {
        if let Some(s) = story_of(store, other, local)? {
            return Ok(Some(s));
        }
    }
    // 2. The most similar candidate that has a story.
    let Some(me) = store.get_article(id)? else {
        return Ok(None);
    };
    let mine = cache.remove(id).unwrap_or_else(|| Profile::of(&me));
    let mut best: Option<(f64, String, String)> = None;
    for cid in candidates(store, &me)? {
        let Some(story) = story_of(store, &cid, local)? else {
            continue;
        };
        let theirs = match cache.remove(&cid) {
            Some(p) => p,
            None => match store.get_article(&cid)? {
                Some(other) => Profile::of(&other),
                None => continue,
            },
        };
        let sim = similarity(&mine, &theirs);
        let ok = joins(&mine, &theirs, sim);
        cache.insert(cid.clone(), theirs);
        if !ok {
            continue;
        }
        let better = match &best {
            None => true,
            Some((bs, bid, _)) => sim > *bs || (sim == *bs && cid < *bid),
        };
        if better {
            best = Some((sim, cid, story));
        }
    }
    cache.insert(id.to_string(), mine);
    Ok(best.map(|(_, _, s)| s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ochiai_basics() {
        assert_eq!(ochiai::<u64>(&[], &[1]), 0.0);
        assert!((ochiai(&[1u64, 2, 3, 4], &[1, 2, 3, 4]) - 1.0).abs() < 1e-12);
        assert!((ochiai(&[1u64, 2], &[2, 3]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn dates_far_apart_do_not_join() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let p = |w: Option<NaiveDate>| Profile {
            vocab: vec![],
            entities: vec![],
            window: w.map(|x| (x, x)),
        };
        assert!(joins(&p(d("2031-03-01")), &p(d("2031-03-03")), 0.5));
        assert!(!joins(&p(d("2031-03-01")), &p(d("2031-03-20")), 0.9));
        assert!(!joins(&p(None), &p(d("2031-03-20")), 0.35));
    }
}
