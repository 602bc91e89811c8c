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
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

const STORIES_CURSOR: &str = "stories";
/// Articles per step (one engine call).
const STEP: usize = 256;
/// Assignments kept back and written in one transaction, with the cursor,
/// once this many are waiting. Articles are keyed by random ids, so a
/// transaction of one step's 256 assignments dirtied about one index
/// page per assignment (twice: the key and the story index), written to
/// the WAL and again at checkpoint; at a million articles the stage
/// wrote 11 GB. Reads see the waiting ones first (see [`read_step`]), so
/// the result is the same as writing every step.
const WRITE_EVERY: usize = 16_384;
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

/// The story engine's setting for the corpus: the shared defaults — the
/// brief's, except that the collection grows, so words seen once so far
/// are kept (see [`StoryConfig::closed_world`]).
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
        terms: content_hashes(&a.text)
            .into_iter()
            .map(|h| (h, 1))
            .collect(),
        entities: a.entities.iter().map(|e| (fnv(&fold_name(e)), 1)).collect(),
        copy_of,
    }
}

/// One step of articles read from the store and turned into the
/// engine's form: everything but the engine's own work.
struct StepRead {
    /// Position of the step's last article (the cursor after it).
    last: i64,
    /// Articles in the step.
    len: u64,
    /// New articles, in step order.
    fresh: Vec<StoryArticle>,
    /// Stored articles to reload first, with their stored story:
    /// already-assigned ones (a rerun) and, on later runs, the stored
    /// articles the new ones may link to.
    context: Vec<(StoryArticle, String)>,
}

/// Reads one step after `cursor` (the store's one thread; the articles
/// in one range read, none past the links stage's cursor `limit`), then
/// tokenises it on all cores; `None` when there is nothing left. Never
/// looks at the engine, so it runs while the engine works on the step
/// before; articles the engine turns out to hold by then are dropped when
/// the step is handed over (see [`update_stories`]).
fn read_step(
    store: &dyn Store,
    pending: &HashMap<String, String>,
    cursor: i64,
    limit: i64,
    start: i64,
) -> Result<Option<StepRead>, CorpusError> {
    // The story of an article as stored, or as waiting to be stored.
    let story_of = |id: &str| -> Result<Option<String>, CorpusError> {
        match pending.get(id) {
            Some(s) => Ok(Some(s.clone())),
            None => Ok(store.story_of(id)?),
        }
    };
    // Text, entities and signature are all the engine and the index
    // lookup of a later run need.
    let step: Vec<(i64, StoredArticle)> = store
        .contents_after(cursor, STEP, false)?
        .into_iter()
        .filter(|(seq, _)| *seq <= limit)
        .collect();
    let Some(&(last, _)) = step.last() else {
        return Ok(None);
    };
    let len = step.len() as u64;
    let mut fresh: Vec<(StoredArticle, Option<String>)> = Vec::with_capacity(step.len());
    let mut context: Vec<(StoredArticle, Option<String>, String)> = Vec::new();
    let mut queued: BTreeSet<String> = BTreeSet::new();
    for (_, art) in step {
        let id = art.id.clone();
        let origin = best_origin(store, &id)?.map(|l| l.to);
        // Already assigned (a rerun after a crash): keep it.
        if let Some(s) = story_of(&id)? {
            queued.insert(id);
            context.push((art, origin, s));
            continue;
        }
        if start > 0 {
            // Stored articles it may link to, from earlier runs: its copy
            // links (either way; a copy stored before its origin pulls the
            // origin into its story) and the index's candidates.
            let mut near: Vec<String> = store
                .links_for(&id)?
                .into_iter()
                .map(|l| if l.from == id { l.to } else { l.from })
                .collect();
            near.sort();
            near.dedup();
            near.extend(candidates(store, &art)?);
            for c in near {
                if !queued.insert(c.clone()) {
                    continue;
                }
                let Some(s) = story_of(&c)? else {
                    continue;
                };
                if let Some(other) = store.article_text(&c)? {
                    let o = best_origin(store, &c)?.map(|l| l.to);
                    context.push((other, o, s));
                }
            }
        }
        fresh.push((art, origin));
    }
    Ok(Some(StepRead {
        last,
        len,
        context: context
            .into_par_iter()
            .map(|(a, o, s)| (story_article(&a, o), s))
            .collect(),
        fresh: fresh
            .into_par_iter()
            .map(|(a, o)| story_article(&a, o))
            .collect(),
    }))
}

/// Assigns the articles added since the last run (and already processed
/// by [`update_links`](crate::update_links)) to stories, merging and
/// splitting stories as the evidence asks. Incremental and idempotent: a
/// rerun after a crash keeps what was stored and redoes the steps since
/// the last write (at most [`WRITE_EVERY`] assignments' worth).
///
/// Two steps are in flight: while the engine assigns one (its own
/// thread), the next is read from the store and tokenised. The steps and
/// their order are fixed, so the result is the same as a sequential pass.
///
/// Progress: stage `"stories"` with the number of articles to assign.
pub fn update_stories(
    store: &mut dyn Store,
    progress: &dyn Progress,
) -> Result<StoriesReport, CorpusError> {
    let mut report = StoriesReport::default();
    let limit = store.cursor(LINKS_CURSOR)?;
    let start = store.cursor(STORIES_CURSOR)?;
    let total = count_after(store, start)?;
    progress.stage("stories", total);
    let mut engine = StoryIndex::new(corpus_config());
    // Story ids that existed before this run (reloaded): if one merges,
    // its members left in the store must follow.
    let mut stored_stories: BTreeSet<String> = BTreeSet::new();
    let mut merged_stored = false;
    // Assignments not written yet, and the cursor that goes with them.
    let mut pending: HashMap<String, String> = HashMap::new();
    let mut pending_last: Option<i64> = None;
    let mut current = read_step(store, &pending, start, limit, start)?;
    while let Some(cur) = current.take() {
        report.assigned += cur.len;
        // What the engine already holds (loaded for an earlier step while
        // this one was read) is not counted or loaded again; `add` itself
        // ignores the fresh articles it holds.
        let context: Vec<(StoryArticle, String)> = cur
            .context
            .into_iter()
            .filter(|(a, _)| !engine.contains(&a.id))
            .collect();
        let fresh = cur.fresh;
        report.restored += context.len() as u64;
        stored_stories.extend(context.iter().map(|(_, s)| s.clone()));
        let more = !progress.cancelled();
        // The engine assigns this step while the next one is read.
        let (changes, next) = std::thread::scope(|s| {
            let worker = s.spawn(|| {
                engine.restore(context);
                engine.add(fresh)
            });
            let next = if more {
                read_step(&*store, &pending, cur.last, limit, start)
            } else {
                Ok(None)
            };
            let changes = worker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (changes, next)
        });
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
        pending.extend(changes.assignments);
        pending_last = Some(cur.last);
        if pending.len() >= WRITE_EVERY {
            write_pending(store, &mut pending, &mut pending_last)?;
        }
        progress.advance(cur.len);
        if engine.active() > KEEP_RECENT + KEEP_RECENT / 4 {
            engine.retire_oldest(KEEP_RECENT);
        }
        current = next?;
    }
    write_pending(store, &mut pending, &mut pending_last)?;
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

/// Writes the waiting assignments (in id order: neighbouring keys share
/// index pages), then the cursor that says their steps are done.
fn write_pending(
    store: &mut dyn Store,
    pending: &mut HashMap<String, String>,
    last: &mut Option<i64>,
) -> Result<(), CorpusError> {
    let mut rows: Vec<(String, String)> = pending.drain().collect();
    rows.sort_unstable();
    if !rows.is_empty() {
        store.put_story_assignments(&rows)?;
    }
    if let Some(last) = last.take() {
        store.set_cursor(STORIES_CURSOR, last)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, update_links, IngestOptions};
    use newsdesk_engine::NoProgress;
    use newsdesk_store::{Filter, SqliteStore};
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv("a"), fnv("b"));
    }

    fn repo(p: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
    }

    /// Ingests `runs` (lists of demo file names), running links and
    /// stories after each; returns file stem → story id.
    fn stories_after(runs: &[Vec<PathBuf>]) -> BTreeMap<String, String> {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(dir.path().join("c.db")).unwrap();
        for (k, files) in runs.iter().enumerate() {
            let run = dir.path().join(format!("run{k}"));
            std::fs::create_dir(&run).unwrap();
            for f in files {
                std::fs::copy(f, run.join(f.file_name().unwrap())).unwrap();
            }
            ingest(&[run], &mut store, &IngestOptions::default(), &NoProgress).unwrap();
            update_links(&mut store, &NoProgress).unwrap();
            let r = update_stories(&mut store, &NoProgress).unwrap();
            eprintln!("run {k}: {r:?}");
        }
        let mut out = BTreeMap::new();
        for a in store.list_articles(&Filter::default(), None, 1000).unwrap() {
            let stem = Path::new(&a.locator)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string();
            out.insert(stem, store.story_of(&a.id).unwrap().expect("assigned"));
        }
        out
    }

    /// Pairwise story F1 against the demo's ground truth (articles with a
    /// single development, as the brief's demo test counts them).
    fn pairwise_f1(got: &BTreeMap<String, String>) -> f64 {
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(repo("fixtures/demo_truth.json")).unwrap(),
        )
        .unwrap();
        let gold: Vec<(String, String)> = truth["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|g| {
                let l = match g["development"].as_str() {
                    Some(d) if d.contains('-') => return None,
                    Some(d) => d.to_string(),
                    None => g["story"].as_str()?.to_string(),
                };
                Some((g["id"].as_str()?.to_string(), l))
            })
            .collect();
        let (mut tp, mut pred, mut want) = (0, 0, 0);
        for (i, (a, la)) in gold.iter().enumerate() {
            for (b, lb) in &gold[i + 1..] {
                let same = got.get(a).is_some() && got.get(a) == got.get(b);
                want += (la == lb) as usize;
                pred += same as usize;
                tp += (same && la == lb) as usize;
            }
        }
        let (p, r) = (
            tp as f64 / pred.max(1) as f64,
            tp as f64 / want.max(1) as f64,
        );
        2.0 * p * r / (p + r).max(1e-9)
    }

    #[test]
    fn demo_in_one_run_and_in_two_runs() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo("demo"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let one = stories_after(&[files.clone()]);
        // Later files first, then the earlier ones: the store must reload
        // the first run's stories as context, and may merge them.
        let (early, late) = files.split_at(files.len() / 2);
        let two = stories_after(&[late.to_vec(), early.to_vec()]);
        let f1_one = pairwise_f1(&one);
        let f1_two = pairwise_f1(&two);
        eprintln!("one run: F1 {f1_one:.2} {one:?}\ntwo runs: F1 {f1_two:.2} {two:?}");
        for got in [&one, &two] {
            assert_eq!(got["02_newspulsehub_copy"], got["01_cpa_brannock_talks"]);
            assert_eq!(got["14_globalnewsdeck_copy"], got["07_meridian_walkaway"]);
            assert_ne!(
                got["11_unrelated_river_accord"],
                got["01_cpa_brannock_talks"]
            );
            assert_ne!(got["12_unrelated_regatta"], got["01_cpa_brannock_talks"]);
        }
        // Measured: 0.75 in one run and in two (the rules ingest-side
        // stories used before this engine: 0.52 and 0.55). Below the
        // brief's 0.89 because the corpus feeds the engine per-article
        // entity names, not entities canonicalised across the collection
        // with mention counts, and keeps words seen once (open world).
        assert!(f1_one >= 0.7, "one run: story F1 {f1_one}");
        assert!(f1_two >= 0.7, "two runs: story F1 {f1_two}");
    }
}
