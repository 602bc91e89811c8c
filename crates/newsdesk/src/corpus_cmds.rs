//! The corpus commands: `ingest`, `stories`, `brief --story`, `search`,
//! `show`, `copies`, `stats` — thin wrappers over `newsdesk-corpus` and the
//! store. Every command prints text for people or, with `--format json`,
//! one JSON document with stable field names.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use newsdesk_core::{ArticleId, Cleaned, InputFormat};
use newsdesk_crosscheck::{crosscheck, fold_name, ArticleRecord, Brief};
use newsdesk_engine::Progress;
use newsdesk_store::{
    AnalysisDoc, Filter, OpenOptions, SqliteStore, Store, StoredArticle, Synchronous,
};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `println!` that returns the write error (a closed pipe ends the
/// program quietly in `main`) instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {
        writeln!(std::io::stdout().lock(), $($t)*)?
    };
}

/// Text for people, or JSON.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Out {
    /// Plain text.
    Text,
    /// One JSON document.
    Json,
}

/// Progress of `newsdesk ingest` on a terminal (indicatif, on stderr):
/// one line per stage — a bar with rate and ETA when the stage knows its
/// total, a spinner with count and rate when it doesn't (a stream of JSON
/// Lines or WARC records). Draws nothing unless enabled (the caller passes
/// `!quiet && stderr is a terminal`), so pipes and logs stay clean.
pub struct IngestBar {
    bar: std::sync::Mutex<Option<indicatif::ProgressBar>>,
    enabled: bool,
}

impl IngestBar {
    /// A progress display; draws only when `enabled`.
    pub fn new(enabled: bool) -> Self {
        IngestBar {
            bar: std::sync::Mutex::new(None),
            enabled,
        }
    }

    /// Clears the last stage's line.
    pub fn finish(&self) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            b.finish_and_clear();
        }
    }
}

impl Progress for IngestBar {
    fn stage(&self, name: &str, total: u64) {
        if !self.enabled {
            return;
        }
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        let mut g = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = g.take() {
            b.finish_and_clear();
        }
        let template = if total > 0 {
            "{prefix:>8} [{bar:30}] {human_pos}/{human_len} {rate} eta {eta} ({elapsed})"
        } else {
            "{prefix:>8} {spinner} {human_pos} records {rate} ({elapsed})"
        };
        let b = ProgressBar::with_draw_target(
            (total > 0).then_some(total),
            ProgressDrawTarget::stderr_with_hz(4),
        );
        b.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:>6.0}/s", s.per_sec());
                    },
                )
                .progress_chars("=> "),
        );
        b.set_prefix(name.to_string());
        if total == 0 {
            b.enable_steady_tick(std::time::Duration::from_millis(250));
        }
        *g = Some(b);
    }
    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            b.inc(n);
        }
    }
}

/// Opens (creating if needed) the store.
pub fn open(db: &Path) -> Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("opening store {}", db.display()))
}

fn print_json(v: &serde_json::Value) -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut w, v)?;
    writeln!(w)?;
    w.flush()?;
    Ok(())
}

/// `newsdesk ingest`: sources into the store, then copies and stories
/// brought up to date. Returns true when some records were rejected.
pub fn ingest(
    sources: &[PathBuf],
    db: &Path,
    batch: usize,
    out: Out,
    progress: &dyn Progress,
) -> Result<bool> {
    // synchronous=NORMAL: with WAL, a killed process still leaves every
    // committed batch whole (kill -9 safety, scripts/kill9_test.sh); only
    // a power loss or OS crash can roll back the last batches, which a
    // rerun of the same ingest restores. FULL would fsync every batch.
    let mut store = SqliteStore::open_with(
        db,
        &OpenOptions {
            synchronous: Synchronous::Normal,
            ..OpenOptions::default()
        },
    )
    .with_context(|| format!("opening store {}", db.display()))?;
    let opts = newsdesk_corpus::IngestOptions {
        batch_size: batch.max(1),
        ..Default::default()
    };
    let timings = std::env::var_os("NEWSDESK_TIMINGS").is_some();
    let mut clock = StageClock::new(timings);
    let report = newsdesk_corpus::ingest(sources, &mut store, &opts, progress)?;
    clock.lap("ingest");
    let links = newsdesk_corpus::update_links(&mut store, progress)?;
    clock.lap("links");
    let stories = newsdesk_corpus::update_stories(&mut store, progress)?;
    clock.lap("stories");
    match out {
        Out::Json => print_json(&json!({ "ingest": report, "links": links, "stories": stories }))?,
        Out::Text => {
            say!(
                "{} records seen: {} new articles, {} duplicates, {} already seen, {} rejected, {} skipped",
                report.records_seen, report.inserted, report.duplicates, report.already_seen, report.rejected, report.skipped
            );
            say!(
                "{} articles checked for copies: {} links",
                links.articles,
                links.links
            );
            say!(
                "{} articles placed in stories: {} joined existing stories, {} new stories",
                stories.assigned,
                stories.joined,
                stories.new_stories
            );
        }
    }
    Ok(report.rejected > 0)
}

/// Per-stage wall and CPU time on stderr, when `NEWSDESK_TIMINGS` is set
/// (for benchmarking; the machine is shared, so CPU time is the steadier
/// number).
struct StageClock {
    on: bool,
    wall: std::time::Instant,
    cpu: f64,
    written: f64,
}

impl StageClock {
    fn new(on: bool) -> Self {
        StageClock {
            on,
            wall: std::time::Instant::now(),
            cpu: process_cpu_seconds(),
            written: process_bytes_written(),
        }
    }
    fn lap(&mut self, stage: &str) {
        if !self.on {
            return;
        }
        let cpu = process_cpu_seconds();
        let written = process_bytes_written();
        eprintln!(
            "timing {stage}: {:.2} s wall, {:.2} s cpu, {:.2} GB written",
            self.wall.elapsed().as_secs_f64(),
            cpu - self.cpu,
            (written - self.written) / 1e9
        );
        self.written = written;
        self.wall = std::time::Instant::now();
        self.cpu = cpu;
    }
}

/// Bytes this process has caused to be written to storage (Linux
/// `/proc`, `write_bytes`; 0 elsewhere): the write amplification of a
/// stage (WAL, then checkpoint) shows here, not in the file's size.
fn process_bytes_written() -> f64 {
    std::fs::read_to_string("/proc/self/io")
        .ok()
        .and_then(|io| {
            io.lines()
                .find_map(|l| l.strip_prefix("write_bytes: "))
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0.0)
}

/// User + system CPU seconds of this process (Linux `/proc`; 0 elsewhere).
fn process_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may
    // contain spaces): utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn parse_date(s: &Option<String>) -> Result<Option<NaiveDate>> {
    match s {
        None => Ok(None),
        Some(s) => {
            Ok(Some(s.parse::<NaiveDate>().with_context(|| {
                format!("--since {s}: expected YYYY-MM-DD")
            })?))
        }
    }
}

/// `newsdesk stories`.
pub fn stories(db: &Path, since: &Option<String>, entity: &Option<String>, out: Out) -> Result<()> {
    let store = open(db)?;
    let since = parse_date(since)?;
    let want = entity.as_deref().map(fold_name);
    let mut rows = Vec::new();
    for st in store.stories()? {
        let mut arts: Vec<StoredArticle> = Vec::new();
        for id in &st.articles {
            if let Some(a) = store.get_article(id)? {
                arts.push(a);
            }
        }
        let start = arts.iter().filter_map(|a| a.published.map(|p| p.0)).min();
        let end = arts.iter().filter_map(|a| a.published.map(|p| p.1)).max();
        if let (Some(s), Some(e)) = (since, end) {
            if e < s {
                continue;
            }
        }
        if let Some(w) = &want {
            if !arts
                .iter()
                .any(|a| a.entities.iter().any(|e| &fold_name(e) == w))
            {
                continue;
            }
        }
        let title = arts
            .iter()
            .find_map(|a| a.title.clone())
            .unwrap_or_default();
        rows.push(json!({ "id": st.id, "title": title, "start": start, "end": end, "articles": st.articles }));
    }
    match out {
        Out::Json => print_json(&json!({ "stories": rows }))?,
        Out::Text => {
            for r in &rows {
                say!(
                    "{}  {} – {}  {} articles  {}",
                    r["id"].as_str().unwrap_or(""),
                    r["start"].as_str().unwrap_or("?"),
                    r["end"].as_str().unwrap_or("?"),
                    r["articles"].as_array().map_or(0, Vec::len),
                    r["title"].as_str().unwrap_or("")
                );
            }
        }
    }
    Ok(())
}

/// A stored article back as a crosscheck record (its cleaned text and
/// analysis, as stored).
fn record(a: StoredArticle) -> Result<ArticleRecord> {
    let doc: AnalysisDoc =
        serde_json::from_str(&a.analysis_json).with_context(|| format!("analysis of {}", a.id))?;
    let path = a
        .sources
        .iter()
        .find(|s| s.first)
        .or(a.sources.first())
        .map(|s| s.locator.clone())
        .unwrap_or_default();
    Ok(ArticleRecord {
        id: ArticleId::new(a.id),
        path,
        format: a.format.unwrap_or(InputFormat::Text),
        encoding: a.encoding.unwrap_or_else(|| "UTF-8".into()),
        extracted_bytes: a.text.len(),
        cleaned: Cleaned {
            text: a.text,
            removed: doc.removed,
            repairs: doc.repairs,
            meta_lines: Vec::new(),
        },
        analysis: doc.analysis,
    })
}

/// The brief of one stored story.
pub fn story_brief(db: &Path, story: &str) -> Result<Brief> {
    let store = open(db)?;
    let Some(st) = store.stories()?.into_iter().find(|s| s.id == story) else {
        bail!(
            "no story {story} in {} (see `newsdesk stories`)",
            db.display()
        );
    };
    let mut records = Vec::with_capacity(st.articles.len());
    for id in &st.articles {
        if let Some(a) = store.get_article(id)? {
            records.push(record(a)?);
        }
    }
    Ok(crosscheck(records, Vec::new()))
}

/// `newsdesk search`.
pub fn search(
    db: &Path,
    query: &str,
    outlet: &Option<String>,
    since: &Option<String>,
    entity: &Option<String>,
    limit: usize,
    out: Out,
) -> Result<()> {
    let store = open(db)?;
    let filter = Filter {
        outlet: outlet.clone(),
        since: parse_date(since)?,
        until: None,
        entity: entity.as_deref().map(fold_name),
    };
    let hits = store.search(query, &filter, limit)?;
    match out {
        Out::Json => print_json(&json!({ "query": query, "hits": hits }))?,
        Out::Text => {
            for h in &hits {
                say!(
                    "{}  {:.2}  {}\n    {}",
                    h.id,
                    h.score,
                    h.title.as_deref().unwrap_or(""),
                    h.snippet.replace('\n', " ")
                );
            }
            if hits.is_empty() {
                say!("no matches");
            }
        }
    }
    Ok(())
}

/// `newsdesk show`: the article, its copies, its origin, its story.
pub fn show(db: &Path, id: &str, out: Out) -> Result<()> {
    let store = open(db)?;
    let Some(a) = store.get_article(id)? else {
        bail!("no article {id} in {}", db.display())
    };
    let links = store.links_for(id)?;
    let origin: Vec<_> = links.iter().filter(|l| l.from == id).collect();
    let copies: Vec<_> = links.iter().filter(|l| l.to == id).collect();
    let story = store.story_of(id).ok().flatten();
    // What this article states differently from its best origin, computed
    // from both stored analyses (nothing is stored twice).
    let differences = match newsdesk_corpus::best_origin(&store, id)? {
        Some(l) => match store.get_article(&l.to)? {
            Some(o) => {
                let (da, dob) = (a.analysis_doc()?, o.analysis_doc()?);
                newsdesk_crosscheck::differences(
                    newsdesk_crosscheck::DiffSide {
                        text: &a.text,
                        analysis: &da.analysis,
                    },
                    newsdesk_crosscheck::DiffSide {
                        text: &o.text,
                        analysis: &dob.analysis,
                    },
                )
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    match out {
        Out::Json => print_json(&json!({
            "id": a.id, "title": a.title, "outlet": a.outlet,
            "published": a.published.map(|p| json!({"earliest": p.0, "latest": p.1})),
            "sources": a.sources, "story": story, "origin": origin, "copies": copies,
            "differences": differences,
            "entities": a.entities, "text": a.text,
        }))?,
        Out::Text => {
            say!("{}  {}", a.id, a.title.as_deref().unwrap_or("(untitled)"));
            say!("outlet: {}", a.outlet.as_deref().unwrap_or("unknown"));
            if let Some((e, l)) = a.published {
                say!(
                    "published: {e}{}",
                    if e == l {
                        String::new()
                    } else {
                        format!(" – {l} (estimated)")
                    }
                );
            }
            for s in &a.sources {
                say!(
                    "source: {}{}",
                    s.locator,
                    if s.first { " (first)" } else { "" }
                );
            }
            if let Some(s) = &story {
                say!("story: {s}");
            }
            for l in &origin {
                say!("{} of {} (score {:.2})", l.relation, l.to, l.score);
            }
            for d in &differences {
                say!(
                    "  differs ({}): \"{}\" where the origin says \"{}\"",
                    d.kind.replace('_', " "),
                    d.copy.text,
                    d.origin.text
                );
            }
            for l in &copies {
                say!(
                    "copied by {} ({}, score {:.2})",
                    l.from,
                    l.relation,
                    l.score
                );
            }
            say!("\n{}", a.text);
        }
    }
    Ok(())
}

/// Every stored article that is a copy or rewrite, with its best origin
/// link, walking the store page by page.
fn origins(store: &SqliteStore) -> Result<Vec<(String, newsdesk_store::Link)>> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store.list_articles(&Filter::default(), after.as_deref(), 1000)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for a in page {
            if let Some(l) = newsdesk_corpus::best_origin(store, &a.id)? {
                out.push((a.id, l));
            }
        }
    }
    Ok(out)
}

/// `newsdesk copies`: groups of copies and rewrites, each with its origin.
pub fn copies(db: &Path, out: Out) -> Result<()> {
    let store = open(db)?;
    let mut groups: std::collections::BTreeMap<String, Vec<serde_json::Value>> = Default::default();
    for (id, l) in origins(&store)? {
        groups.entry(l.to.clone()).or_default().push(json!({ "article": id, "relation": l.relation, "score": l.score, "evidence": l.evidence }));
    }
    match out {
        Out::Json => {
            let gs: Vec<_> = groups
                .iter()
                .map(|(o, c)| json!({ "origin": o, "copies": c }))
                .collect();
            print_json(&json!({ "groups": gs }))?
        }
        Out::Text => {
            for (o, cs) in &groups {
                let title = store
                    .get_article(o)?
                    .and_then(|a| a.title)
                    .unwrap_or_default();
                say!("{o}  {title}");
                for c in cs {
                    say!(
                        "  {} {} (score {:.2})",
                        c["relation"].as_str().unwrap_or(""),
                        c["article"].as_str().unwrap_or(""),
                        c["score"].as_f64().unwrap_or(0.0)
                    );
                }
            }
            if groups.is_empty() {
                say!("no copies found");
            }
        }
    }
    Ok(())
}

/// `newsdesk stats`.
pub fn stats(db: &Path, out: Out) -> Result<()> {
    let store = open(db)?;
    let s = store.stats()?;
    let stories = store.stories()?.len();
    let copies = origins(&store)?.len();
    match out {
        Out::Json => print_json(&json!({ "store": s, "copies": copies, "stories": stories }))?,
        Out::Text => {
            say!("inputs seen: {}", s.inputs_seen);
            say!("articles: {}", s.articles);
            say!("duplicates: {}", s.duplicates);
            say!("copies and rewrites: {copies}");
            say!("stories: {stories}");
            say!("rejected: {}", s.rejected);
        }
    }
    Ok(())
}

/// `newsdesk db-check`: the store's integrity check.
pub fn check(db: &Path) -> Result<bool> {
    let store = open(db)?;
    let r = store.integrity_check()?;
    say!("{}", serde_json::to_string_pretty(&r)?);
    Ok(r.ok())
}
