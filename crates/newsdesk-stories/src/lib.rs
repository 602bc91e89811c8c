//! # newsdesk-stories — stories kept current as evidence arrives
//!
//! A *story* is a group of articles about the same development (not merely
//! the same topic). [`StoryIndex`] is a pure, deterministic, in-memory
//! engine: plain data in ([`StoryArticle`]), plain data out ([`Changes`]);
//! no store, no I/O. The one-shot brief feeds it one batch; the persistent
//! corpus feeds it batch after batch and persists [`Changes::assignments`].
//!
//! ## Similarity
//! Each article becomes two sparse, L2-normalised vectors:
//! * **words**: `(1 + ln tf) · ln(1 + n_eff / df)`, with `n_eff =
//!   max(articles seen, idf_floor_docs)` — damped IDF, because a small
//!   collection is usually one topic and a plain IDF would zero out the
//!   words that tie a story together. Only the `top_terms` heaviest terms
//!   are kept.
//! * **entities**: `(1 + ln mentions) · max(0, ln((n + 1) / (df + 0.5)))` —
//!   undamped: an entity every article names says nothing about the
//!   development.
//!
//! Document frequencies are the engine's own, counted over every article
//! added so far (the current batch included, before it is weighted).
//! Words seen in one article only so far are dropped in a closed world
//! (the brief: one batch is everything); in a growing one they are kept,
//! weighted as if seen twice, but take at most a quarter of the `top_terms`
//! slots, so they can't crowd out the words an article already shares.
//! `sim = text_weight · cos(words) + (1 − text_weight) · cos(entities)`.
//!
//! ## Links
//! Two articles *link* when their date windows are at most
//! `max_gap_days` apart (unknown dates don't block) and `sim` reaches a
//! threshold that depends on how well both are dated: `link_narrow` when
//! both windows are at most `narrow_window_days` wide, `link_loose` when
//! both are at most `loose_window_days`, else `link_undated` (the text
//! alone must carry it). A copy and its origin (`copy_of`) are always
//! linked ("forced"); a copy with no usable date of its own (none, or
//! wider than a month) is dated by its origin: from the origin's window to
//! `copy_lag_days` after it — an estimate, so its other links need at
//! least `link_loose`.
//!
//! Candidates come from the engine's own inverted index: every article is
//! posted under its `index_terms` heaviest words and its entities, and
//! looks up its `query_terms` heaviest words and its entities; each
//! posting keeps only the `posting_cap` most recently added articles, and
//! at most `max_candidates` candidates (most shared keys first) are
//! scored. The work per article is therefore bounded, whatever the size.
//!
//! ## Rules
//! A story is a connected group of articles under the links it keeps.
//! Each batch is processed best-dated first — narrow windows, then loose,
//! then vague or unknown; each by earliest date, then id — so the same
//! batch in any order gives the same result, and stories form around
//! what is surely placed in time. For each article,
//! strongest link first:
//! 1. **join**: not yet placed, it joins the linked article's story,
//!    unless that would make the story's narrowly dated members span more
//!    than `max_span_days` (a chain of daily articles can't weld weeks of
//!    developments together). Copies join their origin's story always.
//! 2. **merge**: already placed and linking to another story with
//!    `sim ≥ threshold + merge_margin`, the two stories merge (span
//!    permitting). The *older* story survives — smaller (birth date, id),
//!    where the birth date is its founder's earliest date, unknown last —
//!    and the other id is recorded as merged into it, so
//!    [`StoryIndex::resolve`] of an old id still finds the story.
//! 3. **new**: linked to nothing it may join, it founds a story with id
//!    `s-<article id>`.
//!
//! Each article keeps at most `max_links` links (forced links aside). When
//! a stronger link arrives at a full article, its weakest link is dropped
//! at both ends — never the only link of the other end, which would orphan
//! a leaf rather than cut a bridge — and a link weaker than all of a full
//! article's is not made: as evidence accumulates, weak bridges disappear.
//! A story
//! that lost a link is checked (only those, once per batch) and **splits**
//! when its members no longer form one connected group: the larger part
//! keeps the id (restored members weigh first, then size, then the
//! earliest member); every other part gets `s-<earliest member id>` (with
//! `-2`, `-3` … if that id is in use). Ids stay stable wherever a story
//! stays the same.
//!
//! ## Persisting and memory
//! The engine need not be saved: [`StoryIndex::restore`] reloads stored
//! articles with their stored story ids ("pinned": trusted to be
//! connected to the rest of their story), after which new articles link to
//! them as usual. [`StoryIndex::retire_oldest`] bounds memory over a long
//! stream: old articles keep only their story membership and are trusted
//! like restored ones.
//!
//! ## Cost
//! Per article: counting and weighing its words, one index lookup, at
//! most `max_candidates` sparse cosines, a few link updates; per batch, a
//! connectivity check of the stories that lost a link; a merge moves the
//! smaller story's members. Measure with
//! `cargo run --release -p newsdesk-stories --example synthetic -- 100000`.
//!
//! ```
//! use newsdesk_stories::{StoryArticle, StoryConfig, StoryIndex};
//! let mut idx = StoryIndex::new(StoryConfig::default());
//! let art = |id: &str, words: &[u64]| StoryArticle {
//!     id: id.into(),
//!     window: None,
//!     terms: words.iter().map(|w| (*w, 2)).collect(),
//!     entities: vec![],
//!     copy_of: None,
//! };
//! // Undated, so the words alone must carry the link (7 of 8 shared).
//! idx.add(vec![art("a", &[1, 2, 3, 4, 5, 6, 7, 8]), art("b", &[1, 2, 3, 4, 5, 6, 7, 9])]);
//! assert_eq!(idx.story_of("a"), idx.story_of("b"));
//! assert_eq!(idx.story_of("a"), Some("s-a"));
//! ```

#![warn(missing_docs)]

use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// One article's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryArticle {
    /// Unique article id (also the source of story ids: `s-<id>`).
    pub id: String,
    /// Publication window `(earliest, latest)`, when known.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Content-word hashes with their counts in the article (any order;
    /// repeats are summed).
    pub terms: Vec<(u64, u32)>,
    /// Entity keys with their mention counts (any order; repeats summed).
    pub entities: Vec<(u64, u32)>,
    /// Id of the article this one copies or rewrites, if known. The two
    /// always share a story; the origin may arrive before or after.
    pub copy_of: Option<String>,
}

/// Tuning. [`Default`] is the setting shared by the brief and the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Link threshold when both articles are narrowly dated.
    pub link_narrow: f64,
    /// Link threshold when both are at least loosely dated.
    pub link_loose: f64,
    /// Link threshold otherwise (a date unknown or vague).
    pub link_undated: f64,
    /// Extra similarity, over the link threshold, needed to merge two
    /// existing stories.
    pub merge_margin: f64,
    /// Maximum gap in days between two linked articles' windows.
    pub max_gap_days: i64,
    /// A story's narrowly dated members span at most this many days.
    pub max_span_days: i64,
    /// A window at most this wide counts as a date.
    pub narrow_window_days: i64,
    /// A window at most this wide (a month-level estimate) places an
    /// article in time loosely.
    pub loose_window_days: i64,
    /// Share of the similarity from the words; the rest from the entities.
    pub text_weight: f64,
    /// A copy with no usable date of its own (none, or wider than a month)
    /// is dated from its origin's window to this many days after it.
    pub copy_lag_days: i64,
    /// Floor of the article count in the word IDF (see the crate doc).
    pub idf_floor_docs: f64,
    /// Words kept per article vector.
    pub top_terms: usize,
    /// Entities kept per article vector.
    pub top_entities: usize,
    /// Heaviest words an article is posted under in the index.
    pub index_terms: usize,
    /// Heaviest words a new article looks up in the index (more than it
    /// is posted under: a pair is found when one's query words meet the
    /// other's posted words).
    pub query_terms: usize,
    /// Most recent articles kept per index posting.
    pub posting_cap: usize,
    /// Candidates scored per new article, at most.
    pub max_candidates: usize,
    /// Links kept per article (forced copy links aside), at most
    /// [`LINKS_CAP`].
    pub max_links: usize,
    /// Drop words seen in only one article so far (counting the batch
    /// being added): they can't match anything yet, and would only dilute
    /// the vector. Right when one batch is the whole collection (the
    /// brief). Wrong for a growing collection, where the first article of
    /// an event, alone in its batch, would lose the very words later
    /// articles share — so the default (false) keeps them, weighted as if
    /// seen twice.
    pub closed_world: bool,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            link_narrow: 0.17,
            link_loose: 0.25,
            link_undated: 0.40,
            merge_margin: 0.05,
            max_gap_days: 3,
            max_span_days: 10,
            narrow_window_days: 7,
            loose_window_days: 45,
            text_weight: 0.5,
            copy_lag_days: 7,
            idf_floor_docs: 500.0,
            top_terms: 48,
            top_entities: 12,
            index_terms: 6,
            query_terms: 16,
            posting_cap: 64,
            max_candidates: 48,
            max_links: 6,
            closed_world: false,
        }
    }
}

/// Something that happened to a story during [`StoryIndex::add`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StoryEvent {
    /// An article founded a new story.
    New {
        /// The new story's id.
        story: String,
        /// The founding article.
        article: String,
    },
    /// An article joined an existing story.
    Joined {
        /// The story it joined (its id at that moment).
        story: String,
        /// The article.
        article: String,
    },
    /// Story `from` merged into story `into`; `from` now resolves to `into`.
    Merged {
        /// The id that no longer names a story of its own.
        from: String,
        /// The surviving story.
        into: String,
    },
    /// Part of story `from` split off as story `into`.
    Split {
        /// The story that kept its id.
        from: String,
        /// The new story.
        into: String,
    },
}

/// What one [`StoryIndex::add`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Events, in the order they happened.
    pub events: Vec<StoryEvent>,
    /// Final `(article id, story id)` of every article added by the call
    /// and of every earlier article whose story changed (merge, split),
    /// sorted by article id. Persisting these keeps a store in step.
    pub assignments: Vec<(String, String)>,
}

impl Changes {
    /// Number of events of each kind: `(new, joined, merged, split)`.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for e in &self.events {
            match e {
                StoryEvent::New { .. } => c.0 += 1,
                StoryEvent::Joined { .. } => c.1 += 1,
                StoryEvent::Merged { .. } => c.2 += 1,
                StoryEvent::Split { .. } => c.3 += 1,
            }
        }
        c
    }
}

/// Keys here are hashes already: mix them once instead of SipHash, and
/// stay deterministic (nothing iterates these maps into output anyway).
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let mut z = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only used for string keys (article ids): FNV-1a.
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u32(&mut self, i: u32) {
        self.0 ^= i as u64;
    }
    fn write_u64(&mut self, i: u64) {
        self.0 ^= i;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Sparse vector: sorted by key, L2-normalised.
type Vector = Box<[(u32, f32)]>;

const NONE: u32 = u32::MAX;
/// Date key of an undated article: after every real date.
const UNDATED: i32 = i32::MAX;
/// A window at most this wide (a month) dates a copy's origin well enough
/// to date the copy by it; a wider own window is no better than none.
const COPY_DATING_DAYS: i64 = 31;
/// Posting keys of entities live apart from those of words.
const ENTITY_TAG: u64 = 1 << 63;

/// Most links an article can keep (`max_links` is clamped to it).
pub const LINKS_CAP: usize = 6;

/// An article's links, inline: no allocation, no capacity slack.
#[derive(Clone, Copy, Default)]
struct Links {
    n: u8,
    items: [(u32, f32); LINKS_CAP],
}

impl Links {
    fn as_slice(&self) -> &[(u32, f32)] {
        &self.items[..self.n as usize]
    }
    fn len(&self) -> usize {
        self.n as usize
    }
    /// Adds a link; a full list (never reached: callers make room) drops it.
    fn push(&mut self, l: (u32, f32)) {
        if (self.n as usize) < LINKS_CAP {
            self.items[self.n as usize] = l;
            self.n += 1;
        }
    }
    /// Removes the link to `x`, keeping the others' order.
    fn remove(&mut self, x: u32) {
        let n = self.n as usize;
        if let Some(k) = self.items[..n].iter().position(|l| l.0 == x) {
            self.items.copy_within(k + 1..n, k);
            self.n -= 1;
        }
    }
}

struct Art {
    id: Box<str>,
    /// Days since the common era, `(earliest, latest)`.
    window: Option<(i32, i32)>,
    terms: Vector,
    ents: Vector,
    story: u32,
    /// Copy origin (forced link), or [`NONE`].
    origin: u32,
    /// Kept similarity links `(other, weight)`, at most `max_links`.
    links: Links,
    /// Restored from a store: trusted to be connected to the story's
    /// other pinned members.
    pinned: bool,
    /// Its window was estimated from its copy origin's.
    estimated: bool,
}

impl Art {
    fn key(&self) -> (i32, &str) {
        (self.window.map_or(UNDATED, |w| w.0), &self.id)
    }
}

struct Story {
    id: String,
    /// Birth date (founder's earliest; [`UNDATED`] last) — "older" wins a
    /// merge.
    birth: i32,
    members: Vec<u32>,
    /// Span of the narrowly dated members.
    span: Option<(i32, i32)>,
    alive: bool,
}

/// The story engine. See the crate documentation for the rules.
pub struct StoryIndex {
    cfg: StoryConfig,
    arts: Vec<Art>,
    /// Article id hash → index (the id itself lives once, in `arts`).
    by_id: FastMap<u64, u32>,
    /// The rare ids whose hash another id took first.
    by_id_collided: BTreeMap<Box<str>, u32>,
    stories: Vec<Story>,
    live: FastMap<String, u32>,
    /// Merged-away (or otherwise retired) id → the id it went into.
    redirects: BTreeMap<String, String>,
    df: FastMap<u32, u32>,
    edf: FastMap<u32, u32>,
    n_docs: u64,
    postings: FastMap<u64, Vec<u32>>,
    /// Copies whose origin hasn't arrived yet: origin id → copies.
    waiting: BTreeMap<String, Vec<u32>>,
    /// Articles below this index are retired (see `retire_oldest`).
    retired: usize,
    /// Retired articles below this index are out of the postings too.
    swept: usize,
    /// Hit counters for candidate search, all zero between uses.
    scratch: Vec<u16>,
}

fn days(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

fn from_days(d: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(d)
}

fn id_hash(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    // Branch-free merge: the comparisons of two random sorted lists are
    // unpredictable, and this runs for every candidate.
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        s += if x.0 == y.0 { x.1 * y.1 } else { 0.0 };
        i += (x.0 <= y.0) as usize;
        j += (y.0 <= x.0) as usize;
    }
    s as f64
}

/// Sums repeats, keyed by the folded hash, sorted by key.
fn counts(items: &[(u64, u32)]) -> Vec<(u32, u32)> {
    // Packed `key << 32 | count`: a plain u64 sort is the fastest way to
    // bring repeats together.
    let mut v: Vec<u64> = items
        .iter()
        .filter(|x| x.1 > 0)
        .map(|(h, c)| (fold(*h) as u64) << 32 | *c as u64)
        .collect();
    v.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
    for x in v {
        let (k, c) = ((x >> 32) as u32, x as u32);
        match out.last_mut() {
            Some((lk, lc)) if *lk == k => *lc = lc.saturating_add(c),
            _ => out.push((k, c)),
        }
    }
    out
}

/// Keeps the `k` heaviest, L2-normalises, sorts by key.
fn finish(mut v: Vec<(u32, f32)>, k: usize) -> Vector {
    v.retain(|x| x.1 > 0.0 && x.1.is_finite());
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(k);
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
    v.sort_unstable_by_key(|x| x.0);
    v.into_boxed_slice()
}

/// Days between two windows (0 when they overlap or one is unknown).
fn gap(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> i64 {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => {
            if a1 < b0 {
                (b0 - a1) as i64
            } else if b1 < a0 {
                (a0 - b1) as i64
            } else {
                0
            }
        }
        _ => 0,
    }
}

fn union_span(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> Option<(i32, i32)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (x, None) | (None, x) => x,
    }
}

fn uf_find(p: &mut [u32], x: u32) -> u32 {
    let mut r = x;
    while p[r as usize] != r {
        r = p[r as usize];
    }
    let mut y = x;
    while p[y as usize] != r {
        let nx = p[y as usize];
        p[y as usize] = r;
        y = nx;
    }
    r
}

fn uf_union(p: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (uf_find(p, a), uf_find(p, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        p[hi as usize] = lo;
    }
}

/// Per-batch bookkeeping.
#[derive(Default)]
struct Batch {
    events: Vec<StoryEvent>,
    /// Articles whose story must be reported.
    touched: Vec<u32>,
    /// Stories that lost a link.
    dirty: BTreeSet<u32>,
}

impl StoryIndex {
    /// An empty index.
    pub fn new(cfg: StoryConfig) -> Self {
        StoryIndex {
            cfg,
            arts: Vec::new(),
            by_id: FastMap::default(),
            by_id_collided: BTreeMap::new(),
            stories: Vec::new(),
            live: FastMap::default(),
            redirects: BTreeMap::new(),
            df: FastMap::default(),
            edf: FastMap::default(),
            n_docs: 0,
            postings: FastMap::default(),
            waiting: BTreeMap::new(),
            retired: 0,
            swept: 0,
            scratch: Vec::new(),
        }
    }

    fn find(&self, id: &str) -> Option<u32> {
        match self.by_id.get(&id_hash(id)) {
            Some(&i) if *self.arts[i as usize].id == *id => Some(i),
            Some(_) => self.by_id_collided.get(id).copied(),
            None => None,
        }
    }

    fn insert_id(&mut self, id: &str, i: u32) {
        match self.by_id.entry(id_hash(id)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.by_id_collided.insert(id.into(), i);
            }
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &StoryConfig {
        &self.cfg
    }

    /// Number of articles held.
    pub fn len(&self) -> usize {
        self.arts.len()
    }

    /// Number of articles held whole (not retired, see
    /// [`StoryIndex::retire_oldest`]).
    pub fn active(&self) -> usize {
        self.arts.len() - self.retired
    }

    /// True when no article is held.
    pub fn is_empty(&self) -> bool {
        self.arts.is_empty()
    }

    /// True when an article with this id is held.
    pub fn contains(&self, article: &str) -> bool {
        self.find(article).is_some()
    }

    /// Number of live stories.
    pub fn story_count(&self) -> usize {
        self.live.len()
    }

    /// The story of an article, if the article is held.
    pub fn story_of(&self, article: &str) -> Option<&str> {
        let i = self.find(article)?;
        Some(&self.stories[self.arts[i as usize].story as usize].id)
    }

    /// The live story a story id now names: itself when live, else the
    /// story it was merged into (following chains). `None` when unknown.
    pub fn resolve(&self, story: &str) -> Option<&str> {
        let mut cur = story;
        for _ in 0..64 {
            if let Some(&s) = self.live.get(cur) {
                return Some(&self.stories[s as usize].id);
            }
            cur = self.redirects.get(cur)?;
        }
        None
    }

    /// Every retired id with the id it went into (ordered by retired id).
    pub fn redirects(&self) -> &BTreeMap<String, String> {
        &self.redirects
    }

    /// Live stories with their member ids, ordered by story id; members
    /// ordered by (earliest date, unknown last; id).
    pub fn stories(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = self
            .stories
            .iter()
            .filter(|s| s.alive)
            .map(|s| {
                let mut m: Vec<u32> = s.members.clone();
                m.sort_by(|a, b| {
                    self.arts[*a as usize]
                        .key()
                        .cmp(&self.arts[*b as usize].key())
                });
                (
                    s.id.clone(),
                    m.iter()
                        .map(|i| self.arts[*i as usize].id.to_string())
                        .collect(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Keeps only the `keep` most recently added articles whole. Older
    /// ones are retired: their vectors, their own links and their index
    /// postings go (they are no longer candidates), and they stay members
    /// of their stories, trusted to be connected like restored articles.
    /// Bounds memory over a long stream; a retired article's id still
    /// resolves with [`StoryIndex::story_of`].
    pub fn retire_oldest(&mut self, keep: usize) {
        let cutoff = self.arts.len().saturating_sub(keep);
        if cutoff <= self.retired {
            return;
        }
        for a in &mut self.arts[self.retired..cutoff] {
            a.terms = Box::default();
            a.ents = Box::default();
            // Links held by newer articles stay: they still tie them in.
            a.links = Links::default();
            a.pinned = true;
        }
        self.retired = cutoff;
        // Candidate search skips retired entries; sweeping them out of the
        // postings (a pass over the whole index) frees their memory. The
        // callers retire in steps (the corpus: a quarter of `keep`), so
        // this runs rarely.
        if cutoff > self.swept {
            let c = cutoff as u32;
            self.postings.retain(|_, p| {
                p.retain(|&i| i >= c);
                !p.is_empty()
            });
            self.swept = cutoff;
        }
    }

    /// Approximate bytes held, for measuring: `(word and entity vectors,
    /// everything else)` — the rest counts ids, links, stories, document
    /// frequencies, postings and the spare capacity of growing tables.
    pub fn memory(&self) -> (usize, usize) {
        let mut vectors = 0;
        let mut rest = self.arts.capacity() * std::mem::size_of::<Art>();
        for a in &self.arts {
            vectors += (a.terms.len() + a.ents.len()) * 8;
            rest += a.id.len();
        }
        rest += self.by_id.capacity() * (8 + 4 + 1);
        for s in &self.stories {
            rest += std::mem::size_of::<Story>() + s.id.capacity() + s.members.capacity() * 4;
        }
        rest += self.live.capacity() * (24 + 4 + 1);
        rest += (self.df.capacity() + self.edf.capacity()) * (8 + 1);
        rest += self.postings.capacity() * (8 + 24 + 1);
        for p in self.postings.values() {
            rest += p.capacity() * 4;
        }
        (vectors, rest)
    }

    /// Order within a batch: the best-dated articles first (narrow, then
    /// loose windows, then vague or unknown), each by earliest date, then
    /// id. Stories form around what is surely placed in time; a vague
    /// article (an explainer dated only to the month) then joins its
    /// strongest link rather than seeding a story that later, better
    /// dated articles would attach to in date order.
    fn batch_key<'a>(&self, a: &'a StoryArticle) -> (u8, i32, &'a str) {
        let w = a.window.map(|(x, y)| (days(x), days(y)));
        let class = match w {
            Some((x, y)) if (y - x) as i64 <= self.cfg.narrow_window_days => 0,
            Some((x, y)) if (y - x) as i64 <= self.cfg.loose_window_days => 1,
            _ => 2,
        };
        (class, w.map_or(UNDATED, |w| w.0), &a.id)
    }

    /// Counts the batch's document frequencies, then weighs its articles.
    fn vectorise(&mut self, batch: &[&StoryArticle]) -> Vec<(Vector, Vector)> {
        // Counting and weighting are per article (on all cores); only the
        // document frequencies in between are shared.
        type Counts = Vec<Vec<(u32, u32)>>;
        let (tcounts, ecounts): (Counts, Counts) = batch
            .par_iter()
            .map(|a| (counts(&a.terms), counts(&a.entities)))
            .unzip();
        for t in &tcounts {
            for (k, _) in t {
                *self.df.entry(*k).or_default() += 1;
            }
        }
        for e in &ecounts {
            for (k, _) in e {
                *self.edf.entry(*k).or_default() += 1;
            }
        }
        self.n_docs += batch.len() as u64;
        let n = self.n_docs as f64;
        let n_eff = n.max(self.cfg.idf_floor_docs);
        // ln() per term is a good share of the cost: rare document
        // frequencies (most terms) come from a table.
        let idf_table: Vec<f64> = (0..256u32)
            .map(|df| (1.0 + n_eff / df.max(2) as f64).ln())
            .collect();
        let idf = |df: u32| match idf_table.get(df as usize) {
            Some(x) => *x,
            None => (1.0 + n_eff / df as f64).ln(),
        };
        let log_tf = |c: u32| if c == 1 { 1.0 } else { 1.0 + (c as f64).ln() };
        let this = &*self;
        tcounts
            .into_par_iter()
            .zip(ecounts)
            .map(|(t, e)| {
                // Words seen once so far have the highest IDF of all and
                // would crowd the shared ones out of the top-k: they get
                // at most a quarter of the slots (none in a closed world).
                let mut shared: Vec<(u32, f32)> = Vec::with_capacity(t.len());
                let mut fresh: Vec<(u32, f32)> = Vec::new();
                for (k, c) in t {
                    let df = this.df.get(&k).copied().unwrap_or(1);
                    let w = (log_tf(c) * idf(df)) as f32;
                    if df >= 2 || n <= 1.0 {
                        shared.push((k, w));
                    } else if !this.cfg.closed_world {
                        fresh.push((k, w));
                    }
                }
                let k = this.cfg.top_terms;
                let by_weight =
                    |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                let tv: Vec<(u32, f32)> = if fresh.is_empty() {
                    shared
                } else {
                    fresh.sort_unstable_by(by_weight);
                    shared.sort_unstable_by(by_weight);
                    let nf = fresh.len().min((k / 4).max(k.saturating_sub(shared.len())));
                    fresh.truncate(nf);
                    shared.truncate(k - nf);
                    shared.extend(fresh);
                    shared
                };
                let ev: Vec<(u32, f32)> = e
                    .into_iter()
                    .map(|(k, c)| {
                        let df = this.edf.get(&k).copied().unwrap_or(1) as f64;
                        let idf = ((n + 1.0) / (df + 0.5)).ln().max(0.0);
                        (k, (log_tf(c) * idf) as f32)
                    })
                    .collect();
                (
                    finish(tv, this.cfg.top_terms),
                    finish(ev, this.cfg.top_entities),
                )
            })
            .collect()
    }

    /// Index keys of an article: its `n` heaviest words and its entities.
    fn index_keys(&self, terms: &[(u32, f32)], ents: &[(u32, f32)], n: usize) -> Vec<u64> {
        let mut top: Vec<(u32, f32)> = terms.to_vec();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut keys: Vec<u64> = top.iter().take(n).map(|x| x.0 as u64).collect();
        keys.extend(ents.iter().map(|x| x.0 as u64 | ENTITY_TAG));
        keys
    }

    fn post(&mut self, i: u32, keys: &[u64]) {
        let cap = self.cfg.posting_cap.max(1);
        for k in keys {
            let p = self.postings.entry(*k).or_default();
            if p.len() >= cap {
                // Keep the most recent: the oldest entry goes.
                p.remove(0);
            }
            p.push(i);
        }
    }

    /// Candidates sharing the most posting keys, most recent first on ties.
    fn candidates(&mut self, keys: &[u64]) -> Vec<u32> {
        // Count hits in a scratch array indexed by article (no sort of
        // every posting entry); `hits` remembers which slots to reset.
        let mut scratch = std::mem::take(&mut self.scratch);
        if scratch.len() < self.arts.len() {
            scratch.resize(self.arts.len(), 0);
        }
        let mut hits: Vec<u32> = Vec::new();
        for k in keys {
            if let Some(p) = self.postings.get(k) {
                for &i in p {
                    if (i as usize) < self.retired {
                        continue;
                    }
                    let c = &mut scratch[i as usize];
                    if *c == 0 {
                        hits.push(i);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        let mut counted: Vec<(u32, u32)> = hits
            .iter()
            .map(|&i| (i, std::mem::take(&mut scratch[i as usize]) as u32))
            .collect();
        self.scratch = scratch;
        let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
        let m = self.cfg.max_candidates;
        if counted.len() > m {
            if m == 0 {
                return Vec::new();
            }
            counted.select_nth_unstable_by(m - 1, order);
            counted.truncate(m);
        }
        counted.into_iter().map(|x| x.0).collect()
    }

    fn threshold(&self, a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> f64 {
        let within = |w: Option<(i32, i32)>, d: i64| w.is_some_and(|(x, y)| (y - x) as i64 <= d);
        if within(a, self.cfg.narrow_window_days) && within(b, self.cfg.narrow_window_days) {
            self.cfg.link_narrow
        } else if within(a, self.cfg.loose_window_days) && within(b, self.cfg.loose_window_days) {
            self.cfg.link_loose
        } else {
            self.cfg.link_undated
        }
    }

    fn narrow(&self, w: Option<(i32, i32)>) -> Option<(i32, i32)> {
        w.filter(|(x, y)| (y - x) as i64 <= self.cfg.narrow_window_days)
    }

    fn span_ok(&self, s: Option<(i32, i32)>) -> bool {
        s.is_none_or(|(x, y)| (y - x) as i64 <= self.cfg.max_span_days)
    }

    /// A fresh story id derived from `article`, unused by live stories.
    fn fresh_id(&self, article: &str) -> String {
        let base = format!("s-{article}");
        if !self.live.contains_key(&base) {
            return base;
        }
        (2u32..)
            .map(|k| format!("{base}-{k}"))
            .find(|c| !self.live.contains_key(c))
            .unwrap_or(base)
    }

    fn new_story(&mut self, id: String, birth: i32) -> u32 {
        let s = self.stories.len() as u32;
        // A re-used id (a split part named after a member whose story had
        // been merged away) names this story again.
        self.redirects.remove(&id);
        self.live.insert(id.clone(), s);
        self.stories.push(Story {
            id,
            birth,
            members: Vec::new(),
            span: None,
            alive: true,
        });
        s
    }

    fn place(&mut self, a: u32, s: u32) {
        let w = self.narrow(self.arts[a as usize].window);
        self.arts[a as usize].story = s;
        let st = &mut self.stories[s as usize];
        st.members.push(a);
        st.span = union_span(st.span, w);
    }

    /// Merges two live stories; the older survives. Returns the survivor.
    fn merge(&mut self, x: u32, y: u32, b: &mut Batch) -> u32 {
        let kx = (
            self.stories[x as usize].birth,
            self.stories[x as usize].id.as_str(),
        );
        let ky = (
            self.stories[y as usize].birth,
            self.stories[y as usize].id.as_str(),
        );
        let (older, younger) = if kx <= ky { (x, y) } else { (y, x) };
        // Move the smaller member list; the older id goes with the larger
        // one (the two slots swap names when the older story is smaller).
        let (keep, gone) = if self.stories[older as usize].members.len()
            >= self.stories[younger as usize].members.len()
        {
            (older, younger)
        } else {
            let (o, yg) = (older as usize, younger as usize);
            let id_o = std::mem::take(&mut self.stories[o].id);
            let id_y = std::mem::take(&mut self.stories[yg].id);
            let (birth_o, birth_y) = (self.stories[o].birth, self.stories[yg].birth);
            self.live.insert(id_o.clone(), younger);
            self.live.insert(id_y.clone(), older);
            self.stories[yg].id = id_o;
            self.stories[yg].birth = birth_o;
            self.stories[o].id = id_y;
            self.stories[o].birth = birth_y;
            (younger, older)
        };
        let members = std::mem::take(&mut self.stories[gone as usize].members);
        for &m in &members {
            self.arts[m as usize].story = keep;
        }
        b.touched.extend_from_slice(&members);
        let gspan = self.stories[gone as usize].span;
        let st = &mut self.stories[keep as usize];
        st.members.extend(members);
        st.span = union_span(st.span, gspan);
        let (from, into) = (
            self.stories[gone as usize].id.clone(),
            self.stories[keep as usize].id.clone(),
        );
        self.stories[gone as usize].alive = false;
        self.live.remove(&from);
        self.redirects.insert(from.clone(), into.clone());
        if b.dirty.remove(&gone) {
            b.dirty.insert(keep);
        }
        b.events.push(StoryEvent::Merged { from, into });
        keep
    }

    /// Removes the link a–x at both ends.
    fn unlink(&mut self, a: u32, x: u32) {
        self.arts[a as usize].links.remove(x);
        self.arts[x as usize].links.remove(a);
    }

    /// The link a full article would drop for a new one of weight `w`:
    /// its weakest weaker than `w` whose other end keeps another link
    /// (dropping a leaf's only link would orphan it, not remove a
    /// bridge). `Some(None)` when it has room; `None` when it can't take
    /// the link.
    fn room(&self, p: u32, w: f32) -> Option<Option<u32>> {
        let links = self.arts[p as usize].links.as_slice();
        if links.len() < self.cfg.max_links.clamp(1, LINKS_CAP) {
            return Some(None);
        }
        links
            .iter()
            .filter(|(x, lw)| *lw < w && self.arts[*x as usize].links.len() >= 2)
            .min_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .map(|(x, _)| Some(*x))
    }

    /// Adds link a–b (same story), making room at a full end by dropping
    /// its weakest link (see [`StoryIndex::room`]). False when an end has
    /// only stronger links.
    fn link(&mut self, a: u32, b: u32, w: f32, batch: &mut Batch) -> bool {
        let (Some(ra), Some(rb)) = (self.room(a, w), self.room(b, w)) else {
            return false;
        };
        for (p, drop) in [(a, ra), (b, rb)] {
            if let Some(x) = drop {
                self.unlink(p, x);
                batch.dirty.insert(self.arts[p as usize].story);
            }
        }
        self.arts[a as usize].links.push((b, w));
        self.arts[b as usize].links.push((a, w));
        true
    }

    /// Forced copy link: `copy` and `origin` share a story from now on.
    fn force(&mut self, copy: u32, origin: u32, b: &mut Batch) {
        self.arts[copy as usize].origin = origin;
        let (sc, so) = (
            self.arts[copy as usize].story,
            self.arts[origin as usize].story,
        );
        match (sc, so) {
            (NONE, NONE) => {}
            (NONE, s) => self.join(copy, s, b),
            (s, NONE) => self.join(origin, s, b),
            (x, y) if x != y => {
                self.merge(x, y, b);
            }
            _ => {}
        }
    }

    fn join(&mut self, a: u32, s: u32, b: &mut Batch) {
        self.place(a, s);
        b.events.push(StoryEvent::Joined {
            story: self.stories[s as usize].id.clone(),
            article: self.arts[a as usize].id.to_string(),
        });
    }

    /// Adds a batch of articles (ids already held are ignored; within the
    /// batch the first of a repeated id counts) and reports what changed.
    pub fn add(&mut self, articles: Vec<StoryArticle>) -> Changes {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let batch: Vec<&StoryArticle> = articles
            .iter()
            .filter(|a| self.find(&a.id).is_none() && seen.insert(a.id.as_str()))
            .collect();
        // A copy without a usable date of its own is dated by its origin
        // (held, or in this batch): it can't predate what it copies, and
        // copies follow within days. This keeps undated copies from
        // bridging developments, and places them in the batch order.
        let in_batch: BTreeMap<&str, Option<(NaiveDate, NaiveDate)>> =
            batch.iter().map(|a| (a.id.as_str(), a.window)).collect();
        let usable = |w: Option<(NaiveDate, NaiveDate)>| {
            w.filter(|(x, y)| (*y - *x).num_days() <= COPY_DATING_DAYS)
        };
        let lag = chrono::Days::new(self.cfg.copy_lag_days.max(0) as u64);
        let mut estimated: BTreeSet<String> = BTreeSet::new();
        let dated: Vec<StoryArticle> = batch
            .iter()
            .map(|a| {
                let mut a = (*a).clone();
                if usable(a.window).is_none() {
                    let origin = a.copy_of.as_deref().and_then(|o| match in_batch.get(o) {
                        Some(w) => *w,
                        None => self.find(o).and_then(|i| {
                            self.arts[i as usize]
                                .window
                                .and_then(|(x, y)| Some((from_days(x)?, from_days(y)?)))
                        }),
                    });
                    if let Some((x, y)) = usable(origin) {
                        a.window = Some((x, y.checked_add_days(lag).unwrap_or(y)));
                        estimated.insert(a.id.clone());
                    }
                }
                a
            })
            .collect();
        let mut batch: Vec<&StoryArticle> = dated.iter().collect();
        batch.sort_by(|a, b| self.batch_key(a).cmp(&self.batch_key(b)));
        let vectors = self.vectorise(&batch);
        let mut b = Batch::default();
        for (a, (terms, ents)) in batch.iter().zip(vectors) {
            let est = estimated.contains(&a.id);
            self.add_one(a, terms, ents, est, &mut b);
        }
        self.split_dirty(&mut b);
        self.report(b)
    }

    /// Reloads stored articles with their stored story ids, without
    /// re-clustering them: they become candidates for later articles and
    /// are trusted to be connected to their story's other restored
    /// members. A restored copy whose origin (`copy_of`) is added later
    /// pulls the origin into its story. Ids already held are ignored. A story id that was retired
    /// here resolves as before; otherwise it becomes a live story (its
    /// birth date: the earliest of its restored members).
    pub fn restore(&mut self, articles: Vec<(StoryArticle, String)>) {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut items: Vec<(StoryArticle, String)> = articles
            .into_iter()
            .filter(|(a, _)| self.find(&a.id).is_none() && seen.insert(a.id.clone()))
            .collect();
        items.sort_by(|a, b| {
            let ka = a.0.window.map_or(UNDATED, |w| days(w.0));
            let kb = b.0.window.map_or(UNDATED, |w| days(w.0));
            ka.cmp(&kb).then(a.0.id.cmp(&b.0.id))
        });
        let refs: Vec<&StoryArticle> = items.iter().map(|x| &x.0).collect();
        let vectors = self.vectorise(&refs);
        for ((a, story), (terms, ents)) in items.iter().zip(vectors) {
            let window = a.window.map(|(x, y)| (days(x), days(y)));
            let sid = match self.resolve(story).map(|s| self.live[s]) {
                Some(s) => s,
                None => self.new_story(story.clone(), window.map_or(UNDATED, |w| w.0)),
            };
            let i = self.arts.len() as u32;
            let keys = self.index_keys(&terms, &ents, self.cfg.index_terms);
            self.arts.push(Art {
                id: a.id.clone().into_boxed_str(),
                window,
                terms,
                ents,
                story: NONE,
                origin: NONE,
                links: Links::default(),
                pinned: true,
                estimated: false,
            });
            self.insert_id(&a.id, i);
            self.place(i, sid);
            let st = &mut self.stories[sid as usize];
            st.birth = st.birth.min(window.map_or(UNDATED, |w| w.0));
            // Its origin, when it comes later, joins it (see `add_one`);
            // a restored origin is trusted as stored.
            if let Some(o) = &a.copy_of {
                match self.find(o) {
                    Some(oi) if self.arts[oi as usize].story == sid => {
                        self.arts[i as usize].origin = oi;
                    }
                    Some(_) => {}
                    None => self.waiting.entry(o.clone()).or_default().push(i),
                }
            }
            self.post(i, &keys);
        }
    }

    fn add_one(
        &mut self,
        a: &StoryArticle,
        terms: Vector,
        ents: Vector,
        estimated: bool,
        b: &mut Batch,
    ) {
        let window = a.window.map(|(x, y)| (days(x), days(y)));
        let i = self.arts.len() as u32;
        let query = self.index_keys(
            &terms,
            &ents,
            self.cfg.query_terms.max(self.cfg.index_terms),
        );
        let cands = self.candidates(&query);
        // Posted under fewer words than it looks up (same order: heaviest
        // first, then the entities).
        let nt = terms
            .len()
            .min(self.cfg.query_terms.max(self.cfg.index_terms));
        let keys: Vec<u64> = query[..nt.min(self.cfg.index_terms)]
            .iter()
            .chain(&query[nt..])
            .copied()
            .collect();
        self.arts.push(Art {
            id: a.id.clone().into_boxed_str(),
            window,
            terms,
            ents,
            story: NONE,
            origin: NONE,
            links: Links::default(),
            pinned: false,
            estimated,
        });
        self.insert_id(&a.id, i);
        b.touched.push(i);
        // 1. Forced links: its origin, and copies waiting for it.
        if let Some(o) = &a.copy_of {
            match self.find(o) {
                Some(oi) if oi != i => self.force(i, oi, b),
                Some(_) => {}
                None => self.waiting.entry(o.clone()).or_default().push(i),
            }
        }
        if let Some(copies) = self.waiting.remove(&a.id) {
            for c in copies {
                self.force(c, i, b);
            }
        }
        // 2. Similarity links, strongest first.
        let tw = self.cfg.text_weight;
        let me = &self.arts[i as usize];
        let mut links: Vec<(u32, f64, f64)> = cands
            .iter()
            .filter_map(|&c| {
                let o = &self.arts[c as usize];
                if gap(window, o.window) > self.cfg.max_gap_days {
                    return None;
                }
                let sim = tw * cosine(&me.terms, &o.terms) + (1.0 - tw) * cosine(&me.ents, &o.ents);
                let mut thr = self.threshold(window, o.window);
                if estimated || o.estimated {
                    // An estimated date places an article loosely.
                    thr = thr.max(self.cfg.link_loose);
                }
                (sim >= thr).then_some((c, sim, thr))
            })
            .collect();
        links.sort_by(|x, y| {
            y.1.total_cmp(&x.1).then_with(|| {
                self.arts[x.0 as usize]
                    .key()
                    .cmp(&self.arts[y.0 as usize].key())
            })
        });
        links.truncate(self.cfg.max_links.clamp(1, LINKS_CAP));
        for (c, sim, thr) in links {
            let w = sim as f32;
            // An article whose links are all stronger has better evidence.
            if self.room(c, w).is_none() {
                continue;
            }
            let sc = self.arts[c as usize].story;
            let sa = self.arts[i as usize].story;
            let mine = self.narrow(window);
            if sa == NONE {
                if self.span_ok(union_span(self.stories[sc as usize].span, mine)) {
                    self.join(i, sc, b);
                    self.link(i, c, w, b);
                }
            } else if sa == sc {
                self.link(i, c, w, b);
            } else if sim >= thr + self.cfg.merge_margin
                && self.span_ok(union_span(
                    self.stories[sa as usize].span,
                    self.stories[sc as usize].span,
                ))
            {
                self.merge(sa, sc, b);
                self.link(i, c, w, b);
            }
        }
        // 3. A story of its own.
        if self.arts[i as usize].story == NONE {
            let id = self.fresh_id(&a.id);
            let s = self.new_story(id.clone(), window.map_or(UNDATED, |w| w.0));
            self.place(i, s);
            b.events.push(StoryEvent::New {
                story: id,
                article: a.id.clone(),
            });
        }
        self.post(i, &keys);
    }

    /// Splits every story that lost a link and is no longer connected.
    fn split_dirty(&mut self, b: &mut Batch) {
        let dirty: Vec<u32> = std::mem::take(&mut b.dirty).into_iter().collect();
        for s in dirty {
            if s != NONE && self.stories[s as usize].alive {
                self.split(s, b);
            }
        }
    }

    fn split(&mut self, s: u32, b: &mut Batch) {
        let members = self.stories[s as usize].members.clone();
        if members.len() < 2 {
            return;
        }
        let local: FastMap<u32, u32> = members
            .iter()
            .enumerate()
            .map(|(k, &m)| (m, k as u32))
            .collect();
        let mut parent: Vec<u32> = (0..members.len() as u32).collect();
        let mut first_pinned: Option<u32> = None;
        for (k, &m) in members.iter().enumerate() {
            let a = &self.arts[m as usize];
            for (x, _) in a.links.as_slice() {
                if let Some(&lx) = local.get(x) {
                    uf_union(&mut parent, k as u32, lx);
                }
            }
            if a.origin != NONE {
                if let Some(&lo) = local.get(&a.origin) {
                    uf_union(&mut parent, k as u32, lo);
                }
            }
            if a.pinned {
                match first_pinned {
                    None => first_pinned = Some(k as u32),
                    Some(f) => uf_union(&mut parent, k as u32, f),
                }
            }
        }
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (k, &m) in members.iter().enumerate() {
            let r = uf_find(&mut parent, k as u32);
            groups.entry(r).or_default().push(m);
        }
        if groups.len() < 2 {
            return;
        }
        let mut parts: Vec<Vec<u32>> = groups.into_values().collect();
        for p in parts.iter_mut() {
            p.sort_by(|x, y| {
                self.arts[*x as usize]
                    .key()
                    .cmp(&self.arts[*y as usize].key())
            });
        }
        // Restored members first, then size, then the earliest member.
        parts.sort_by(|x, y| {
            let pin = |p: &Vec<u32>| p.iter().filter(|m| self.arts[**m as usize].pinned).count();
            pin(y)
                .cmp(&pin(x))
                .then(y.len().cmp(&x.len()))
                .then_with(|| {
                    self.arts[x[0] as usize]
                        .key()
                        .cmp(&self.arts[y[0] as usize].key())
                })
        });
        let from = self.stories[s as usize].id.clone();
        let mut rest = parts.into_iter();
        if let Some(keep) = rest.next() {
            let span = keep.iter().fold(None, |acc, m| {
                union_span(acc, self.narrow(self.arts[*m as usize].window))
            });
            let st = &mut self.stories[s as usize];
            st.members = keep;
            st.span = span;
        }
        for part in rest {
            let founder = &self.arts[part[0] as usize];
            let birth = founder.window.map_or(UNDATED, |w| w.0);
            let id = self.fresh_id(&founder.id.clone());
            let ns = self.new_story(id.clone(), birth);
            for &m in &part {
                self.place(m, ns);
            }
            b.touched.extend_from_slice(&part);
            b.events.push(StoryEvent::Split {
                from: from.clone(),
                into: id,
            });
        }
    }

    fn report(&self, mut b: Batch) -> Changes {
        b.touched.sort_unstable();
        b.touched.dedup();
        let mut assignments: Vec<(String, String)> = b
            .touched
            .iter()
            .map(|&a| {
                let art = &self.arts[a as usize];
                (
                    art.id.to_string(),
                    self.stories[art.story as usize].id.clone(),
                )
            })
            .collect();
        assignments.sort();
        Changes {
            events: b.events,
            assignments,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_and_finish() {
        let a = finish(vec![(1, 1.0), (2, 1.0)], 10);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        let b = finish(vec![(3, 1.0)], 10);
        assert_eq!(cosine(&a, &b), 0.0);
        assert_eq!(finish(vec![(1, 3.0), (2, 1.0), (3, 2.0)], 2).len(), 2);
    }

    #[test]
    fn gaps() {
        assert_eq!(gap(Some((1, 2)), Some((5, 6))), 3);
        assert_eq!(gap(Some((5, 6)), Some((1, 2))), 3);
        assert_eq!(gap(Some((1, 5)), Some((3, 4))), 0);
        assert_eq!(gap(None, Some((3, 4))), 0);
    }
}
