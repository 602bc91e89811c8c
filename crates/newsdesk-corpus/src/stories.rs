//! Stories kept current, incrementally, with the same engine as the brief.
//!
//! The articles added since the last run (after [`update_links`](crate::update_links),
//! whose copy links they use) go, step by step, through
//! [`newsdesk_stories::StoryIndex`] — the engine the one-shot brief uses —
//! so a corpus and a brief of the same articles follow the same rules: an
//! article joins the story it links to best (copies always their
//! origin's), founds `s-<article id>` otherwise, two stories it links
//! strongly merge (the older id survives), and a story whose members no
//! longer hang together splits (the larger part keeps the id). See that
//! crate for the rules and thresholds.
//!
//! Nothing of the engine is saved: its state is rebuilt from the store.
//! Within a run it lives in memory (the oldest articles retired to a
//! skeleton once it holds more than [`KEEP_RECENT`]); across runs, the
//! stored articles a new one may link to (the store's LSH/entity
//! candidates, and its copy origin) are reloaded with their stored story
//! ids ([`StoryIndex::restore`]). Every change of assignment the engine
//! reports is written with [`Store::put_story_assignments`]; when a story
//! that existed before the run merges into another, its members not
//! reloaded are reassigned too, so old ids never linger.

use crate::links::{best_origin, candidates, count_after, LINKS_CURSOR};
use crate::CorpusError;
use newsdesk_crosscheck::{content_hashes, fold_name};
use newsdesk_engine::Progress;
use newsdesk_store::{Store, StoredArticle};
use newsdesk_stories::{StoryArticle, StoryConfig, StoryEvent, StoryIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

const STORIES_CURSOR: &str = "stories";
/// Articles per step (one assignments transaction).
const STEP: usize = 256;
/// Articles the engine keeps whole within a run; older ones keep only
/// their story membership (bounded memory over a million articles).
pub const KEEP_RECENT: usize = 200_000;

/// What [`update_stories`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoriesReport {
    /// Articles assigned to a story.
    pub assigned: u64,
    /// Of those, how many joined an existing story.
    pub joined: u64,
    /// Stories started.
    pub new_stories: u64,
    /// Stories merged into another (their ids now resolve to it).
    #[serde(default)]
    pub merged: u64,
    /// Stories split off another.
    #[serde(default)]
    pub split: u64,
    /// Stored articles reloaded as context for the new ones.
    #[serde(default)]
    pub restored: u64,
}

/// The story engine's setting for the corpus: the shared defaults (the
/// collection grows, so words seen once are kept).
pub fn corpus_config() -> StoryConfig {
    StoryConfig::default()
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A stored article as the engine sees it.
fn story_article(a: &StoredArticle, copy_of: Option<String>) -> StoryArticle {
    StoryArticle {
        id: a.id.clone(),
        window: a.published,
        terms: content_hashes(&a.text).into_iter().map(|h| (h, 1)).collect(),
        entities: a.entities.iter().map(|e| (fnv(&fold_name(e)), 1)).collect(),
        copy_of,
    }
}

/// Assigns the articles added since the last run (and already processed
/// by [`update_links`](crate::update_links)) to stories, merging and
/// splitting stories as the evidence asks. Incremental and idempotent: a
/// rerun after a crash keeps what was stored and redoes at most one step.
///
/// Progress: stage `"stories"` with the number of articles to assign.
pub fn update_stories(
    store: &mut dyn Store,
    progress: &dyn Progress,
) -> Result<StoriesReport, CorpusError> {
    let mut report = StoriesReport::default();
    let limit = store.cursor(LINKS_CURSOR)?;
    let start = store.cursor(STORIES_CURSOR)?;
    let mut cursor = start;
    let total = count_after(store, cursor)?;
    progress.stage("stories", total);
    let mut engine = StoryIndex::new(corpus_config());
    // Story ids that existed before this run (reloaded): if one merges,
    // its members left in the store must follow.
    let mut stored_stories: BTreeSet<String> = BTreeSet::new();
    let mut merged_stored = false;
    loop {
        let step: Vec<(i64, String)> = store
            .articles_after(cursor, STEP)?
            .into_iter()
            .filter(|(seq, _)| *seq <= limit)
            .collect();
        let Some(&(last, _)) = step.last() else { break };
        let mut fresh: Vec<StoryArticle> = Vec::with_capacity(step.len());
        let mut context: Vec<(StoryArticle, String)> = Vec::new();
        let mut queued: BTreeSet<String> = BTreeSet::new();
        for (_, id) in &step {
            report.assigned += 1;
            if engine.contains(id) {
                continue;
            }
            let Some(art) = store.get_article(id)? else {
                continue;
            };
            let origin = best_origin(store, id)?.map(|l| l.to);
            // Already assigned (a rerun after a crash): keep it.
            if let Some(s) = store.story_of(id)? {
                queued.insert(id.clone());
                context.push((story_article(&art, origin), s));
                continue;
            }
            if start > 0 {
                // Stored articles it may link to, from earlier runs.
                let mut near = candidates(store, &art)?;
                near.extend(origin.clone());
                for c in near {
                    if engine.contains(&c) || !queued.insert(c.clone()) {
                        continue;
                    }
                    let Some(s) = store.story_of(&c)? else {
                        continue;
                    };
                    if let Some(other) = store.get_article(&c)? {
                        let o = best_origin(store, &c)?.map(|l| l.to);
                        context.push((story_article(&other, o), s));
                    }
                }
            }
            fresh.push(story_article(&art, origin));
        }
        report.restored += context.len() as u64;
        stored_stories.extend(context.iter().map(|(_, s)| s.clone()));
        engine.restore(context);
        let changes = engine.add(fresh);
        for e in &changes.events {
            match e {
                StoryEvent::New { .. } => report.new_stories += 1,
                StoryEvent::Joined { .. } => report.joined += 1,
                StoryEvent::Merged { from, .. } => {
                    report.merged += 1;
                    merged_stored |= stored_stories.contains(from);
                }
                StoryEvent::Split { .. } => report.split += 1,
            }
        }
        if !changes.assignments.is_empty() {
            store.put_story_assignments(&changes.assignments)?;
        }
        store.set_cursor(STORIES_CURSOR, last)?;
        cursor = last;
        progress.advance(step.len() as u64);
        if engine.len() > KEEP_RECENT + KEEP_RECENT / 4 {
            engine.retire_oldest(KEEP_RECENT);
        }
        if progress.cancelled() {
            break;
        }
    }
    if merged_stored {
        // Members of a merged-away stored story that were never reloaded.
        let mut moves: Vec<(String, String)> = Vec::new();
        for row in store.stories()? {
            match engine.resolve(&row.id) {
                Some(live) if live != row.id => {
                    let live = live.to_string();
                    moves.extend(row.articles.into_iter().map(|a| (a, live.clone())));
                }
                _ => {}
            }
        }
        for chunk in moves.chunks(10_000) {
            store.put_story_assignments(chunk)?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv("a"), fnv("b"));
    }
}
