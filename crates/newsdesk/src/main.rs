//! The `newsdesk` command line: a thin layer over `newsdesk-engine` and
//! `newsdesk-report`. Errors are `anyhow` here only; a closed pipe (e.g.
//! `newsdesk brief demo | head`) ends the program quietly.

mod corpus_cmds;

/// mimalloc: the pipeline allocates many small strings and vectors per
/// article; glibc malloc spent ~9% of CPU on them (perf, 10k articles).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdesk_engine::{run, Options, Progress};
use newsdesk_report::{write as write_brief, Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

/// Exit code when the brief was produced but some inputs were rejected.
const EXIT_SOME_REJECTED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "newsdesk",
    version,
    about = "A sourced, cross-checked brief from a pile of news articles"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Analyse articles (files or folders, recursively) into a brief; or,
    /// with --story, brief one story of the store.
    Brief {
        /// Article files or folders.
        #[arg(required_unless_present = "story")]
        articles: Vec<PathBuf>,
        /// Brief this story of the store instead (see `newsdesk stories`).
        #[arg(long, conflicts_with = "articles")]
        story: Option<String>,
        /// The store, for --story.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = OutFormat::Md)]
        format: OutFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Reject files larger than this many MiB.
        #[arg(long, default_value_t = 20)]
        max_mib: u64,
        /// Don't draw a progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Ingest sources (files, folders, JSON Lines, WARC, RSS/Atom, - for
    /// stdin) into the store; copies and stories are brought up to date.
    Ingest {
        /// Sources.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// The store (SQLite).
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Records per transaction.
        #[arg(long, default_value_t = 1024)]
        batch: usize,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
        /// Don't draw a progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// List the stories in the store.
    Stories {
        /// Only stories that run on or after this date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only stories that mention this entity.
        #[arg(long)]
        entity: Option<String>,
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
    },
    /// Full-text search over the store (phrases in quotes).
    Search {
        /// The query.
        query: String,
        /// Only this outlet.
        #[arg(long)]
        outlet: Option<String>,
        /// Only articles published on or after this date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only articles mentioning this entity.
        #[arg(long)]
        entity: Option<String>,
        /// Most hits to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
    },
    /// One stored article: its text, sources, origin, copies and story.
    Show {
        /// Article id.
        id: String,
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
    },
    /// Groups of copies and rewrites in the store, each with its origin.
    Copies {
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
    },
    /// Counts: inputs seen, articles, copies, stories, rejected.
    Stats {
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = corpus_cmds::Out::Text)]
        format: corpus_cmds::Out,
    },
    /// Check the store's integrity (exit 1 when it fails).
    DbCheck {
        /// The store.
        #[arg(long, default_value = "newsdesk.db")]
        db: PathBuf,
    },
    /// Extract the main text and metadata of web pages (files, folders,
    /// gzip, or - for standard input).
    Extract {
        /// Pages: files, folders (walked), or - for standard input.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// Output format: plain text, Markdown, or JSON Lines (one object per input).
        #[arg(long, short, value_enum, default_value_t = ExtractFormat::Txt)]
        format: ExtractFormat,
        /// Reject inputs larger than this many MiB.
        #[arg(long, default_value_t = 50)]
        max_mib: u64,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// The main text.
    Txt,
    /// Title as a heading, metadata, then the text.
    Md,
    /// JSON Lines: path, title, authors, date, sitename, url, language, text, error.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
    /// JSON (stable shape, see README).
    Json,
}

/// Draws engine progress with indicatif on a terminal.
struct Bar {
    bar: Mutex<Option<ProgressBar>>,
    enabled: bool,
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        if !self.enabled {
            return;
        }
        let mut g = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = g.take() {
            b.finish_and_clear();
        }
        let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b.set_prefix(name.to_string());
        *g = Some(b);
    }
    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            b.inc(n);
        }
    }
}

impl Bar {
    fn finish(&self) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            b.finish_and_clear();
        }
    }
}

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn real_main() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Brief {
            articles,
            story,
            db,
            format,
            output,
            max_mib,
            quiet,
        } => {
            let mut opts = Options::default();
            opts.ingest.max_bytes = max_mib.saturating_mul(1024 * 1024);
            let bar = Bar {
                bar: Mutex::new(None),
                enabled: !quiet && std::io::stderr().is_terminal(),
            };
            let brief = match story {
                Some(id) => corpus_cmds::story_brief(&db, &id)?,
                None => run(&articles, &opts, &bar)?,
            };
            bar.finish();
            let fmt = match format {
                OutFormat::Md => Format::Markdown,
                OutFormat::Html => Format::Html,
                OutFormat::Json => Format::Json,
            };
            match output {
                Some(p) => {
                    let f = std::fs::File::create(&p)
                        .with_context(|| format!("creating {}", p.display()))?;
                    let mut w = std::io::BufWriter::new(f);
                    write_brief(&brief, fmt, &mut w)
                        .with_context(|| format!("writing {}", p.display()))?;
                    w.flush()
                        .with_context(|| format!("writing {}", p.display()))?;
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    write_brief(&brief, fmt, &mut w)?;
                    w.flush()?;
                }
            }
            if !brief.rejected.is_empty() {
                eprintln!(
                    "newsdesk: {} of {} inputs rejected (listed in the brief)",
                    brief.rejected.len(),
                    brief.summary.inputs
                );
                return Ok(ExitCode::from(EXIT_SOME_REJECTED));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Extract {
            pages,
            format,
            max_mib,
        } => extract_cmd(&pages, format, max_mib),
        Cmd::Ingest {
            sources,
            db,
            batch,
            format,
            quiet,
        } => {
            let bar = corpus_cmds::IngestBar::new(!quiet && std::io::stderr().is_terminal());
            let some_rejected = corpus_cmds::ingest(&sources, &db, batch, format, &bar)?;
            bar.finish();
            Ok(if some_rejected {
                ExitCode::from(EXIT_SOME_REJECTED)
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::Stories {
            since,
            entity,
            db,
            format,
        } => corpus_cmds::stories(&db, &since, &entity, format).map(|_| ExitCode::SUCCESS),
        Cmd::Search {
            query,
            outlet,
            since,
            entity,
            limit,
            db,
            format,
        } => corpus_cmds::search(&db, &query, &outlet, &since, &entity, limit, format)
            .map(|_| ExitCode::SUCCESS),
        Cmd::Show { id, db, format } => {
            corpus_cmds::show(&db, &id, format).map(|_| ExitCode::SUCCESS)
        }
        Cmd::Copies { db, format } => corpus_cmds::copies(&db, format).map(|_| ExitCode::SUCCESS),
        Cmd::Stats { db, format } => corpus_cmds::stats(&db, format).map(|_| ExitCode::SUCCESS),
        Cmd::DbCheck { db } => corpus_cmds::check(&db).map(|ok| {
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
    }
}

/// `newsdesk extract`: one result per input, in input order; a failed
/// input is reported (as `error` in JSON) and the run goes on.
fn extract_cmd(pages: &[PathBuf], format: ExtractFormat, max_mib: u64) -> Result<ExitCode> {
    use newsdesk_core::ArticleId;
    use std::io::Read;
    let opts = newsdesk_ingest::IngestOptions {
        max_bytes: max_mib.saturating_mul(1024 * 1024),
    };
    let mut inputs: Vec<Result<newsdesk_core::Document, (String, String)>> = Vec::new();
    let files: Vec<PathBuf> = pages
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (paths, rejected) = newsdesk_ingest::collect_paths(&files);
    for r in rejected {
        inputs.push(Err((r.path, r.reason)));
    }
    if pages.iter().any(|p| p.as_os_str() == "-") {
        let mut raw = Vec::new();
        std::io::stdin()
            .lock()
            .take(opts.max_bytes + 1)
            .read_to_end(&mut raw)
            .context("reading standard input")?;
        inputs.push(
            newsdesk_ingest::document_from_bytes(raw, "-", ArticleId::new("stdin"), &opts)
                .map_err(|e| ("-".to_string(), e.to_string())),
        );
    }
    let ids = newsdesk_ingest::assign_ids(&paths);
    for (p, id) in paths.iter().zip(ids) {
        inputs.push(
            newsdesk_ingest::read_document(p, id, &opts)
                .map_err(|e| (p.display().to_string(), e.to_string())),
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for input in inputs {
        let result = input.and_then(|doc| {
            let path = doc.path.clone();
            newsdesk_extract::extract_full(&doc)
                .map(|f| (path.clone(), f))
                .map_err(|e| (path, e.to_string()))
        });
        let result = result.map(|(path, f)| (path, f.extracted, f.parts));
        match (result, format) {
            (Ok((path, x, parts)), ExtractFormat::Json) => {
                let m = &x.meta;
                // Captions, bylines, related links and comments are their
                // own fields, never part of `text`.
                let v = serde_json::json!({
                    "path": path, "title": m.title, "authors": m.authors, "date": m.date, "modified": m.modified,
                    "sitename": m.sitename, "url": m.url, "language": m.language, "description": m.description,
                    "text": x.text, "captions": parts.captions, "bylines": parts.bylines,
                    "related": parts.related, "comments": parts.comments, "error": null,
                });
                writeln!(out, "{v}")?;
            }
            (Ok((_, x, _)), ExtractFormat::Txt) => {
                writeln!(out, "{}", x.text.trim_end())?;
                writeln!(out)?;
            }
            (Ok((path, x, _)), ExtractFormat::Md) => {
                let m = &x.meta;
                writeln!(out, "# {}\n", m.title.as_deref().unwrap_or(&path))?;
                for (k, v) in [
                    (
                        "authors",
                        (!m.authors.is_empty()).then(|| m.authors.join(", ")),
                    ),
                    ("date", m.date.clone()),
                    ("site", m.sitename.clone()),
                    ("url", m.url.clone()),
                ] {
                    if let Some(v) = v {
                        writeln!(out, "- {k}: {v}")?;
                    }
                }
                writeln!(out, "\n{}\n", x.text.trim_end().replace('\n', "\n\n"))?;
            }
            (Err((path, reason)), ExtractFormat::Json) => {
                failed += 1;
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "path": path, "error": reason })
                )?;
            }
            (Err((path, reason)), _) => {
                failed += 1;
                eprintln!("newsdesk: {path}: {reason}");
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(EXIT_SOME_REJECTED)
    } else {
        ExitCode::SUCCESS
    })
}
