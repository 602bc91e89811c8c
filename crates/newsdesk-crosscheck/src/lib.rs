//! # newsdesk-crosscheck — from analysed articles to a cross-checked brief
//!
//! Takes every analysed article of a run ([`ArticleRecord`]: cleaned text,
//! removals, analysis) plus the rejected inputs, and gives a [`Brief`]:
//! canonical entities across the corpus, stories, copy/rewrite lineage,
//! quote groups with wording and speaker drift, role/relation/number
//! disagreements, single-source items, a timeline, per-article flags and
//! per-outlet signals. Every item points at an article and a byte span.
//!
//! Everything here is deterministic: ordered maps, our own hashing, and
//! ties broken by article id.
//!
//! ```
//! use newsdesk_crosscheck::{crosscheck, ArticleRecord};
//! let brief = crosscheck(Vec::new(), Vec::new());
//! assert_eq!(brief.summary.inputs, 0);
//! ```

mod brief;
mod checks;
mod diff;
mod entities;
mod lineage;
pub mod stories;
mod text;

pub use brief::*;
pub use diff::{differences, DiffSide};
pub use lineage::{
    fingerprint, rewrite_score, score as pair_score, sentence_alignment, sentence_sets,
    Fingerprint, PairScore,
};
pub use text::{content_hashes, fold_name};

use chrono::NaiveDate;
use newsdesk_core::{
    Analysis, ArticleId, Cleaned, InputFormat, Rejected, RemovalReason, SpeakerKind,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One analysed article, as the engine hands it to [`crosscheck`].
#[derive(Debug, Clone)]
pub struct ArticleRecord {
    /// Unique id.
    pub id: ArticleId,
    /// Input path.
    pub path: String,
    /// Text or HTML.
    pub format: InputFormat,
    /// Encoding decoded from.
    pub encoding: String,
    /// Bytes of extracted text before cleaning.
    pub extracted_bytes: usize,
    /// Cleaning result (its `text` is what all spans index).
    pub cleaned: Cleaned,
    /// Analysis result.
    pub analysis: Analysis,
}

/// A rewrite candidate must be this similar topically (TF-IDF cosine) …
const REWRITE_MIN_COSINE: f64 = 0.25;
/// … share this much vocabulary (over the smaller article) …
const REWRITE_MIN_VOCAB: f64 = 0.4;
/// … and align this share of its sentences with the other article.
const REWRITE_MIN_ALIGNMENT: f64 = 0.4;
/// A copy is assumed published within this many days of its origin when
/// it carries no date of its own.
const COPY_LAG_DAYS: i64 = 7;

fn side(a: &ArticleRecord) -> DiffSide<'_> {
    DiffSide {
        text: &a.cleaned.text,
        analysis: &a.analysis,
    }
}

fn window(a: &Analysis) -> Option<(NaiveDate, NaiveDate)> {
    a.published.as_ref().map(|p| (p.earliest, p.latest))
}

/// Builds the brief. Articles may come in any order; the output is sorted.
pub fn crosscheck(mut articles: Vec<ArticleRecord>, mut rejected: Vec<Rejected>) -> Brief {
    // Time order, unknown dates last, then id: the order of the brief.
    articles.sort_by(|a, b| {
        let ka = a.analysis.published.as_ref().map(|p| p.earliest);
        let kb = b.analysis.published.as_ref().map(|p| p.earliest);
        ka.is_none()
            .cmp(&kb.is_none())
            .then(ka.cmp(&kb))
            .then(a.id.cmp(&b.id))
    });
    rejected.sort_by(|a, b| a.path.cmp(&b.path));
    let n = articles.len();

    // ---- Lineage -------------------------------------------------------
    // Entity canonicalisation is sequential; run it beside the (parallel)
    // tokenising and fingerprinting instead of after them.
    let (canon, (toks, contents, fps, candidates)) = rayon::join(
        || entities::canonicalise(&articles),
        || {
            // Tokenise each article once; lineage, stories and alignment share it.
            let toks: Vec<text::Tokens> = articles
                .par_iter()
                .map(|a| text::tokens(&a.cleaned.text))
                .collect();
            let contents: Vec<Vec<u64>> = toks
                .par_iter()
                .map(|t| t.content.iter().map(|x| x.1).collect())
                .collect();
            let fps: Vec<Fingerprint> = toks.par_iter().map(lineage::fingerprint_tokens).collect();
            let candidates = lineage::candidate_pairs(&fps);
            (toks, contents, fps, candidates)
        },
    );
    let mut scored: Vec<(usize, usize, PairScore)> = candidates
        .par_iter()
        .filter_map(|&(i, j)| {
            let s = lineage::score(&fps[i], &fps[j]);
            s.relation.map(|_| (i, j, s))
        })
        .collect();
    // Rewrites share few shingles: look for them among topically similar
    // pairs (the story index) by sentence alignment.
    let mut inherited_dates: Vec<(usize, newsdesk_core::PubDate)> = Vec::new();
    let mut story_inputs: Vec<stories::StoryInput> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| stories::StoryInput {
            content: &contents[i],
            window: window(&a.analysis),
            entities: canon.mention_entity[i].clone(),
        })
        .collect();
    let sims = stories::similarities(&story_inputs);
    let already: BTreeSet<(usize, usize)> = scored.iter().map(|(i, j, _)| (*i, *j)).collect();
    let sentence_sets: Vec<Vec<Vec<u64>>> = articles
        .par_iter()
        .zip(toks.par_iter())
        .map(|(a, t)| lineage::sentence_sets_tokens(t, &a.analysis.sentences))
        .collect();
    let rewrites: Vec<(usize, usize, PairScore)> = sims
        .par_iter()
        .filter(|(i, j, cos)| *cos >= REWRITE_MIN_COSINE && !already.contains(&(*i, *j)))
        .filter_map(|&(i, j, _)| {
            let mut s = lineage::score(&fps[i], &fps[j]);
            if s.vocab_containment < REWRITE_MIN_VOCAB {
                return None;
            }
            let align = lineage::sentence_alignment(&sentence_sets[i], &sentence_sets[j]);
            (align >= REWRITE_MIN_ALIGNMENT).then(|| {
                s.relation = Some("rewrite");
                s.score = align;
                s.sentence_alignment = align;
                (i, j, s)
            })
        })
        .collect();
    scored.extend(rewrites);
    // Fingerprints are large (shingle sets): free them before the rest.
    drop(sentence_sets);
    drop(fps);
    drop(toks);
    // Origin order: earlier date, then cleaner (less residue), then id.
    let dirt = |a: &ArticleRecord| -> usize {
        a.cleaned.removed.len()
            + 5 * a
                .cleaned
                .removed
                .iter()
                .filter(|r| r.reason == RemovalReason::RewriteLeak)
                .count()
            + a.cleaned.repairs.len()
    };
    // Which of a pair is the origin: the one whose date window ends before
    // the other's begins; otherwise (overlapping or unknown dates) the
    // cleaner text, then the exactly dated one, then the id.
    let origin_first = |i: usize, j: usize| -> bool {
        let (a, b) = (&articles[i], &articles[j]);
        // Only windows of a month or less order a pair: a year-wide
        // estimate says nothing about which came first.
        let narrow = |p: &newsdesk_core::PubDate| (p.latest - p.earliest).num_days() <= 31;
        if let (Some(pa), Some(pb)) = (
            a.analysis.published.as_ref().filter(|p| narrow(p)),
            b.analysis.published.as_ref().filter(|p| narrow(p)),
        ) {
            if pa.latest < pb.earliest {
                return true;
            }
            if pb.latest < pa.earliest {
                return false;
            }
        }
        let exact = |x: &ArticleRecord| x.analysis.published.as_ref().is_some_and(|p| p.is_exact());
        (dirt(a), !exact(a), &a.id) <= (dirt(b), !exact(b), &b.id)
    };
    let mut best_origin: Vec<Option<(usize, PairScore)>> = vec![None; n];
    let rel_rank = |r: Option<&str>| match r {
        Some("exact") => 4,
        Some("near_duplicate") => 3,
        Some("copy") => 2,
        Some("rewrite") => 1,
        _ => 0,
    };
    for (i, j, s) in &scored {
        let (orig, copy) = if origin_first(*i, *j) {
            (*i, *j)
        } else {
            (*j, *i)
        };
        let better = match &best_origin[copy] {
            None => true,
            Some((o, bs)) => {
                let new = (rel_rank(s.relation), s.score);
                let old = (rel_rank(bs.relation), bs.score);
                new > old || (new == old && origin_first(orig, *o))
            }
        };
        if better {
            best_origin[copy] = Some((orig, s.clone()));
        }
    }
    let lineage: Vec<CopyLink> = (0..n)
        .into_par_iter()
        .filter_map(|c| {
            let (o, s) = best_origin[c].as_ref()?;
            let mut evidence = s.evidence();
            match (
                &articles[*o].analysis.published,
                &articles[c].analysis.published,
            ) {
                (Some(po), Some(pc)) if po.earliest < pc.earliest => evidence.push(format!(
                    "origin dated {} before copy {}",
                    po.earliest, pc.earliest
                )),
                _ => evidence.push("origin chosen as the cleaner text (less residue)".into()),
            }
            Some(CopyLink {
                article: articles[c].id.clone(),
                origin: articles[*o].id.clone(),
                relation: s.relation.unwrap_or("copy").to_string(),
                score: round3(s.score),
                evidence,
                // Exact copies share every byte of text: nothing to compare.
                differences: if s.relation == Some("exact") {
                    Vec::new()
                } else {
                    diff::differences(side(&articles[c]), side(&articles[*o]))
                },
            })
        })
        .collect();
    let is_copy: Vec<bool> = (0..n).map(|i| best_origin[i].is_some()).collect();

    // ---- Stories -------------------------------------------------------
    let forced: Vec<(usize, usize)> = best_origin
        .iter()
        .enumerate()
        .filter_map(|(c, o)| o.as_ref().map(|(o, _)| (*o, c)))
        .collect();
    // A copy or rewrite without a usable date of its own is dated by its
    // origin: it can't predate what it copies, and copies follow within
    // days. This keeps undated rewrites from bridging developments.
    for c in 0..n {
        let Some((o, _)) = &best_origin[c] else {
            continue;
        };
        let own_wide = articles[c]
            .analysis
            .published
            .as_ref()
            .is_none_or(|p| (p.latest - p.earliest).num_days() > 31);
        let origin = articles[*o]
            .analysis
            .published
            .clone()
            .filter(|p| (p.latest - p.earliest).num_days() <= 31);
        if let (true, Some(op)) = (own_wide, origin) {
            let (start, end) = (
                op.earliest,
                op.latest + chrono::Duration::days(COPY_LAG_DAYS),
            );
            story_inputs[c].window = Some((start, end));
            let mut evidence = articles[c]
                .analysis
                .published
                .as_ref()
                .map(|p| p.evidence.clone())
                .unwrap_or_default();
            evidence.push(format!(
                "{} of {} dated {}: published on or after it",
                if rel_rank(
                    best_origin[c]
                        .as_ref()
                        .map(|x| x.1.relation)
                        .unwrap_or(None)
                ) == 1
                {
                    "rewrite"
                } else {
                    "copy"
                },
                articles[*o].id,
                op.earliest
            ));
            inherited_dates.push((
                c,
                newsdesk_core::PubDate {
                    earliest: start,
                    latest: end,
                    source: newsdesk_core::PubDateSource::Estimated,
                    evidence,
                },
            ));
        }
    }
    let labels = stories::cluster(&story_inputs, &sims, &forced);
    drop(story_inputs);
    drop(sims);
    for (c, pd) in inherited_dates {
        articles[c].analysis.published = Some(pd);
    }

    // ---- Entities ------------------------------------------------------
    let entity_names: BTreeMap<String, String> = canon
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.name.clone()))
        .collect();

    // ---- Quotes, numbers, dates ----------------------------------------
    let mut quotes: Vec<BriefQuote> = Vec::new();
    let mut numbers: Vec<BriefNumber> = Vec::new();
    let mut dates: Vec<BriefDate> = Vec::new();
    for a in &articles {
        for q in &a.analysis.quotes {
            let (speaker, speaker_text, speaker_kind, ss, se) = match &q.speaker {
                Some(sp) => {
                    let eid = match sp.kind {
                        SpeakerKind::Named | SpeakerKind::Pronoun => sp
                            .name
                            .as_deref()
                            .and_then(|nm| entities::lookup(&canon, nm))
                            .map(|i| canon.entities[i].id.clone()),
                        _ => None,
                    };
                    (
                        eid,
                        Some(sp.text.clone()),
                        Some(sp.kind),
                        Some(sp.span.start),
                        Some(sp.span.end),
                    )
                }
                None => (None, None, None, None, None),
            };
            quotes.push(BriefQuote {
                article: a.id.clone(),
                text: q.text.clone(),
                speaker,
                speaker_text,
                speaker_kind,
                speaker_start: ss,
                speaker_end: se,
                kind: q.kind,
                cue: q.cue.clone(),
                start: q.span.start,
                end: q.span.end,
                group: None,
            });
        }
        for x in &a.analysis.numbers {
            numbers.push(BriefNumber {
                article: a.id.clone(),
                text: x.text.clone(),
                value: x.value,
                unit: x.unit.clone(),
                kind: x.kind,
                measure: x.measure.clone(),
                start: x.span.start,
                end: x.span.end,
            });
        }
        for d in &a.analysis.dates {
            dates.push(BriefDate {
                article: a.id.clone(),
                text: d.text.clone(),
                resolved_start: d.start,
                resolved_end: d.end,
                relative: d.relative,
                start: d.span.start,
                end: d.span.end,
            });
        }
    }
    let groups = checks::group_quotes(&quotes);
    let mut group_ids: BTreeMap<usize, String> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(root) = g {
            let next = group_ids.len() + 1;
            let id = group_ids
                .entry(*root)
                .or_insert_with(|| format!("q{next}"))
                .clone();
            quotes[i].group = Some(id);
        }
    }

    // ---- Stories materialised -------------------------------------------
    let mut story_members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        story_members.entry(*l).or_default().push(i);
    }
    let mut stories: Vec<Story> = Vec::new();
    let mut story_of: BTreeMap<ArticleId, String> = BTreeMap::new();
    for members in story_members.values() {
        // members are in brief (time) order already.
        let first = members[0];
        let id = format!("story-{}", articles[first].id);
        let title_src = members
            .iter()
            .copied()
            .find(|&m| !is_copy[m] && articles[m].analysis.title.is_some())
            .unwrap_or(first);
        let title = articles[title_src]
            .analysis
            .title
            .clone()
            .unwrap_or_else(|| first_words(&articles[title_src].cleaned.text, 12));
        let start = members
            .iter()
            .filter_map(|&m| articles[m].analysis.published.as_ref().map(|p| p.earliest))
            .min();
        let end = members
            .iter()
            .filter_map(|&m| articles[m].analysis.published.as_ref().map(|p| p.latest))
            .max();
        let independent = members.iter().filter(|&&m| !is_copy[m]).count();
        let mut ent_counts: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in members {
            for &e in &canon.mention_entity[m] {
                *ent_counts.entry(e).or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = ent_counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let key_entities = ranked
            .into_iter()
            .take(8)
            .map(|(e, _)| canon.entities[e].id.clone())
            .collect();
        for &m in members {
            story_of.insert(articles[m].id.clone(), id.clone());
        }
        stories.push(Story {
            id,
            title,
            articles: members.iter().map(|&m| articles[m].id.clone()).collect(),
            start,
            end,
            independent_sources: independent,
            key_entities,
        });
    }
    stories.sort_by(|a, b| {
        a.start
            .is_none()
            .cmp(&b.start.is_none())
            .then(a.start.cmp(&b.start))
            .then(a.id.cmp(&b.id))
    });

    // ---- Disagreements --------------------------------------------------
    let texts: BTreeMap<ArticleId, &str> = articles
        .iter()
        .map(|a| (a.id.clone(), a.cleaned.text.as_str()))
        .collect();
    let mut disagreements = checks::quote_disagreements(&quotes, &entity_names);
    let pub_dates: BTreeMap<ArticleId, NaiveDate> = articles
        .iter()
        .filter_map(|a| {
            a.analysis
                .published
                .as_ref()
                .map(|p| (a.id.clone(), p.earliest))
        })
        .collect();
    disagreements.extend(checks::role_disagreements(
        &canon.entities,
        &texts,
        &pub_dates,
    ));
    disagreements.extend(checks::number_disagreements(&numbers, &story_of));
    disagreements.extend(checks::lineage_disagreements(&lineage, &disagreements));
    disagreements.extend(single_source(
        &quotes,
        &articles,
        &best_origin,
        &story_of,
        &stories,
        &entity_names,
    ));

    // ---- Timeline -------------------------------------------------------
    let timeline = build_timeline(&articles);

    // ---- Articles with flags ---------------------------------------------
    let lineage_of: BTreeMap<&ArticleId, &CopyLink> =
        lineage.iter().map(|l| (&l.article, l)).collect();
    let mut odd_one_out: BTreeMap<ArticleId, Vec<String>> = BTreeMap::new();
    for d in &disagreements {
        if d.kind == "single_source" {
            continue;
        }
        for s in &d.sides {
            odd_one_out
                .entry(s.article.clone())
                .or_default()
                .push(format!("{}: {} ({})", d.kind, d.subject, s.value));
        }
    }
    drop(texts);
    // Consume the records: the cleaned text moves into the brief, not copied.
    let brief_articles: Vec<BriefArticle> = articles
        .into_iter()
        .map(|a| {
            let stats = article_stats(&a);
            let flags = article_flags(
                &a,
                &stats,
                lineage_of.get(&a.id).copied(),
                odd_one_out.get(&a.id),
            );
            let story = story_of.get(&a.id).cloned();
            let (outlet, outlet_evidence) = match a.analysis.outlet {
                Some(o) => (Some(o.name), Some(o.evidence)),
                None => (None, None),
            };
            BriefArticle {
                id: a.id,
                path: a.path,
                format: a.format,
                encoding: a.encoding,
                title: a.analysis.title,
                outlet,
                outlet_evidence,
                published: a.analysis.published,
                story,
                flags,
                removed: a.cleaned.removed,
                repairs: a.cleaned.repairs,
                stats,
                text: a.cleaned.text,
            }
        })
        .collect();

    // Inherited dates may have moved articles: restore time order.
    let mut brief_articles = brief_articles;
    brief_articles.sort_by(|a, b| {
        let (ka, kb) = (
            a.published.as_ref().map(|p| p.earliest),
            b.published.as_ref().map(|p| p.earliest),
        );
        ka.is_none()
            .cmp(&kb.is_none())
            .then(ka.cmp(&kb))
            .then(a.id.cmp(&b.id))
    });
    let outlets = outlet_summaries(&brief_articles);
    let independent_articles = is_copy.iter().filter(|c| !**c).count();
    Brief {
        schema_version: SCHEMA_VERSION,
        summary: Summary {
            inputs: n + rejected.len(),
            analysed: n,
            rejected: rejected.len(),
            stories: stories.len(),
            independent_articles,
        },
        articles: brief_articles,
        rejected,
        stories,
        entities: canon.entities,
        quotes,
        numbers,
        dates,
        timeline,
        lineage,
        disagreements,
        outlets,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Quotes stated by only one independent source in a story that has
/// several: the claims a reader can't cross-check.
fn single_source(
    quotes: &[BriefQuote],
    articles: &[ArticleRecord],
    best_origin: &[Option<(usize, PairScore)>],
    story_of: &BTreeMap<ArticleId, String>,
    stories: &[Story],
    entity_names: &BTreeMap<String, String>,
) -> Vec<Disagreement> {
    let idx: BTreeMap<&ArticleId, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    let root = |mut i: usize| {
        let mut guard = 0;
        while let Some((o, _)) = &best_origin[i] {
            i = *o;
            guard += 1;
            if guard > 64 {
                break;
            }
        }
        i
    };
    let story_sources: BTreeMap<&str, usize> = stories
        .iter()
        .map(|s| (s.id.as_str(), s.independent_sources))
        .collect();
    let mut seen_groups: BTreeSet<&str> = BTreeSet::new();
    let mut single: BTreeMap<(usize, String), &BriefQuote> = BTreeMap::new();
    let mut members: BTreeMap<&str, Vec<&BriefQuote>> = BTreeMap::new();
    for q in quotes {
        if let Some(g) = &q.group {
            members.entry(g.as_str()).or_default().push(q);
        }
    }
    for q in quotes {
        let Some(story) = story_of.get(&q.article) else {
            continue;
        };
        if story_sources.get(story.as_str()).copied().unwrap_or(0) < 2 || q.speaker_kind.is_none() {
            continue;
        }
        let origins: BTreeSet<usize> = match &q.group {
            Some(g) => {
                if !seen_groups.insert(g.as_str()) {
                    continue;
                }
                members[g.as_str()]
                    .iter()
                    .map(|x| root(idx[&x.article]))
                    .collect()
            }
            None => std::iter::once(root(idx[&q.article])).collect(),
        };
        if origins.len() == 1 {
            // One entry per (origin, wording): copies repeat the origin's
            // quote, and the origin's own span is the evidence to show.
            let origin = *origins.iter().next().unwrap_or(&0);
            // For a group, show the origin's own instance when it has one.
            let q = q
                .group
                .as_ref()
                .and_then(|g| {
                    members[g.as_str()]
                        .iter()
                        .copied()
                        .find(|x| idx[&x.article] == origin)
                })
                .unwrap_or(q);
            let key = (origin, checks::norm_quote(&q.text));
            let from_origin = idx[&q.article] == origin;
            match single.get(&key) {
                Some(prev) if idx[&prev.article] == origin || !from_origin => {}
                _ => {
                    single.insert(key, q);
                }
            }
        }
    }
    let mut out: Vec<Disagreement> = single
        .into_values()
        .map(|q| {
            let who = q
                .speaker
                .as_ref()
                .and_then(|id| entity_names.get(id).cloned())
                .or_else(|| q.speaker_text.clone())
                .unwrap_or_default();
            Disagreement {
                kind: "single_source".into(),
                subject: who.clone(),
                summary: format!(
                    "Quote attributed to {who} appears in only one independent source"
                ),
                article: q.article.clone(),
                start: q.start,
                end: q.end,
                sides: vec![Side {
                    article: q.article.clone(),
                    start: q.start,
                    end: q.end,
                    text: q.text.clone(),
                    value: who,
                }],
            }
        })
        .collect();
    out.sort_by(|a, b| (idx[&a.article], a.start).cmp(&(idx[&b.article], b.start)));
    out
}

fn build_timeline(articles: &[ArticleRecord]) -> Vec<TimelineEvent> {
    // (date, normalised context) → event; first source's text kept.
    let mut events: BTreeMap<(NaiveDate, Option<NaiveDate>, String), TimelineEvent> =
        BTreeMap::new();
    for a in articles {
        for d in &a.analysis.dates {
            let (Some(s), Some(e)) = (d.start, d.end) else {
                continue;
            };
            if (e - s).num_days() > 31 || d.context.is_empty() {
                continue;
            }
            let key_words: Vec<String> = text::content_words(&d.context)
                .into_iter()
                .take(8)
                .collect();
            let key = (s, (e != s).then_some(e), key_words.join(" "));
            let ev = events.entry(key).or_insert_with(|| TimelineEvent {
                date: s,
                date_end: (e != s).then_some(e),
                text: d.context.clone(),
                sources: Vec::new(),
            });
            if !ev.sources.iter().any(|x| x.article == a.id) {
                ev.sources.push(SpanRef {
                    article: a.id.clone(),
                    start: d.span.start,
                    end: d.span.end,
                });
            }
        }
    }
    events.into_values().collect()
}

fn article_stats(a: &ArticleRecord) -> ArticleStats {
    let qs = &a.analysis.quotes;
    let named = qs
        .iter()
        .filter(|q| {
            matches!(
                q.speaker.as_ref().map(|s| s.kind),
                Some(SpeakerKind::Named) | Some(SpeakerKind::Pronoun)
            )
        })
        .count();
    let anon = qs
        .iter()
        .filter(|q| {
            matches!(
                q.speaker.as_ref().map(|s| s.kind),
                Some(SpeakerKind::Anonymous)
            )
        })
        .count();
    let attributed = qs.iter().filter(|q| q.speaker.is_some()).count();
    let named_sources = qs
        .iter()
        .filter_map(|q| {
            q.speaker
                .as_ref()
                .filter(|s| matches!(s.kind, SpeakerKind::Named | SpeakerKind::Pronoun))
                .and_then(|s| s.name.clone())
        })
        .collect::<BTreeSet<_>>()
        .len();
    ArticleStats {
        extracted_bytes: a.extracted_bytes,
        cleaned_bytes: a.cleaned.text.len(),
        quotes: qs.len(),
        named_quotes: named,
        anonymous_quotes: anon,
        named_sources,
        anonymous_share: (attributed > 0).then(|| round3(anon as f64 / attributed as f64)),
    }
}

fn article_flags(
    a: &ArticleRecord,
    stats: &ArticleStats,
    link: Option<&CopyLink>,
    odd: Option<&Vec<String>>,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let clip = |s: &str| -> String {
        let s = s.trim();
        if s.len() <= 120 {
            return s.to_string();
        }
        let mut end = 117;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    };
    let residue: Vec<_> = a
        .cleaned
        .removed
        .iter()
        .filter(|r| {
            !matches!(
                r.reason,
                RemovalReason::RewriteLeak | RemovalReason::RepeatedParagraph
            )
        })
        .collect();
    if !residue.is_empty() {
        flags.push(Flag {
            kind: "residue_removed".into(),
            value: Some(residue.len() as f64),
            evidence: residue
                .iter()
                .map(|r| {
                    format!(
                        "{} at {}..{}: \"{}\"",
                        r.reason.as_str(),
                        r.start,
                        r.end,
                        clip(&r.text)
                    )
                })
                .collect(),
        });
    }
    let leaks: Vec<_> = a
        .cleaned
        .removed
        .iter()
        .filter(|r| r.reason == RemovalReason::RewriteLeak)
        .collect();
    if !leaks.is_empty() {
        flags.push(Flag {
            kind: "rewrite_leak".into(),
            value: Some(leaks.len() as f64),
            evidence: leaks
                .iter()
                .map(|r| format!("at {}..{}: \"{}\"", r.start, r.end, clip(&r.text)))
                .collect(),
        });
    }
    let reps: Vec<_> = a
        .cleaned
        .removed
        .iter()
        .filter(|r| r.reason == RemovalReason::RepeatedParagraph)
        .collect();
    if !reps.is_empty() {
        flags.push(Flag {
            kind: "repeated_text".into(),
            value: Some(reps.len() as f64),
            evidence: reps
                .iter()
                .map(|r| format!("at {}..{}: \"{}\"", r.start, r.end, clip(&r.text)))
                .collect(),
        });
    }
    let esc: Vec<_> = a
        .cleaned
        .repairs
        .iter()
        .filter(|r| r.kind.contains("escape"))
        .collect();
    if !esc.is_empty() {
        flags.push(Flag {
            kind: "escape_artifacts".into(),
            value: Some(esc.iter().map(|r| r.count).sum::<usize>() as f64),
            evidence: esc
                .iter()
                .map(|r| format!("{} × {}: e.g. {}", r.count, r.kind, clip(&r.example)))
                .collect(),
        });
    }
    if let Some(share) = stats.anonymous_share {
        if stats.anonymous_quotes > 0 {
            flags.push(Flag {
                kind: "anonymous_sourcing".into(),
                value: Some(share),
                evidence: a
                    .analysis
                    .quotes
                    .iter()
                    .filter_map(|q| {
                        q.speaker
                            .as_ref()
                            .filter(|s| s.kind == SpeakerKind::Anonymous)
                            .map(|s| format!("\"{}\" at {}..{}", s.text, s.span.start, s.span.end))
                    })
                    .collect(),
            });
        }
    }
    flags.push(Flag {
        kind: "sourcing".into(),
        value: Some(stats.quotes as f64),
        evidence: vec![format!(
            "{} quotes, {} named sources, {} anonymous",
            stats.quotes, stats.named_sources, stats.anonymous_quotes
        )],
    });
    if stats.quotes > 0 && stats.named_sources == 0 {
        flags.push(Flag {
            kind: "no_named_sources".into(),
            value: None,
            evidence: vec![format!("{} quotes, none from a named person", stats.quotes)],
        });
    }
    if let Some(l) = link {
        flags.push(Flag {
            kind: if l.relation == "rewrite" {
                "rewrite".into()
            } else {
                "copy".into()
            },
            value: Some(l.score),
            evidence: std::iter::once(format!("{} of {}", l.relation, l.origin))
                .chain(l.evidence.iter().cloned())
                .collect(),
        });
    }
    if let Some(p) = &a.analysis.published {
        if !p.is_exact() {
            flags.push(Flag {
                kind: "estimated_date".into(),
                value: None,
                evidence: p.evidence.clone(),
            });
        }
    } else {
        flags.push(Flag {
            kind: "no_date".into(),
            value: None,
            evidence: vec!["no date in markup or text".into()],
        });
    }
    if let Some(items) = odd {
        flags.push(Flag {
            kind: "disputed_facts".into(),
            value: Some(items.len() as f64),
            evidence: items.clone(),
        });
    }
    flags
}

fn outlet_summaries(articles: &[BriefArticle]) -> Vec<OutletSummary> {
    let mut by: BTreeMap<String, Vec<&BriefArticle>> = BTreeMap::new();
    for a in articles {
        by.entry(a.outlet.clone().unwrap_or_else(|| "(unknown)".into()))
            .or_default()
            .push(a);
    }
    by.into_iter()
        .map(|(name, arts)| {
            let has = |a: &&BriefArticle, k: &str| a.flags.iter().any(|f| f.kind == k);
            let anon: usize = arts.iter().map(|a| a.stats.anonymous_quotes).sum();
            let attributed: usize = arts
                .iter()
                .map(|a| a.stats.named_quotes + a.stats.anonymous_quotes)
                .sum();
            OutletSummary {
                articles: arts.len(),
                copies: arts
                    .iter()
                    .filter(|a| has(a, "copy") || has(a, "rewrite"))
                    .count(),
                with_residue: arts.iter().filter(|a| has(a, "residue_removed")).count(),
                with_rewrite_leaks: arts.iter().filter(|a| has(a, "rewrite_leak")).count(),
                anonymous_share: (attributed > 0).then(|| round3(anon as f64 / attributed as f64)),
                odd_one_out: arts.iter().filter(|a| has(a, "disputed_facts")).count(),
                name,
            }
        })
        .collect()
}
