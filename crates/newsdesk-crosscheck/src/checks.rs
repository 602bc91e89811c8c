//! Cross-source checks: the same quote across articles (wording and
//! speaker drift), roles and relations that differ, numbers about the same
//! thing that differ, and items only one independent source states.

use crate::brief::{BriefNumber, BriefQuote, Disagreement, Entity, Side};
use crate::text::{content_hashes, content_words, word_hashes, words};
use newsdesk_core::ArticleId;
use std::collections::{BTreeMap, BTreeSet};

/// Groups quotes that are the same quotation across articles. Returns a
/// group label per quote (index of the group's first quote) for quotes in
/// a group of 2+, `None` otherwise.
pub fn group_quotes(quotes: &[BriefQuote]) -> Vec<Option<usize>> {
    let sets: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| {
            let mut v: Vec<u64> = word_hashes(&q.text);
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    // Inverted index on content words; very common words skipped.
    let mut postings: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, q) in quotes.iter().enumerate() {
        let mut cw: Vec<u64> = content_hashes(&q.text);
        cw.sort_unstable();
        cw.dedup();
        for h in cw {
            postings.entry(h).or_default().push(i);
        }
    }
    // Pairs sharing a content word, one entry per shared word; sorting
    // makes runs whose length is the number of shared words.
    let mut pair_list: Vec<(usize, usize)> = Vec::new();
    for p in postings.values() {
        // Very common words pair everything with everything: skip them.
        if p.len() > 128 {
            continue;
        }
        for (a, &i) in p.iter().enumerate() {
            for &j in &p[a + 1..] {
                if quotes[i].article != quotes[j].article {
                    pair_list.push((i, j));
                }
            }
        }
    }
    pair_list.sort_unstable();
    let mut shared: Vec<((usize, usize), usize)> = Vec::new();
    for p in pair_list {
        match shared.last_mut() {
            Some((q, n)) if *q == p => *n += 1,
            _ => shared.push((p, 1)),
        }
    }
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    for ((i, j), n) in shared {
        if n < 2 {
            continue;
        }
        let (a, b) = (&sets[i], &sets[j]);
        if a.len() < 3 || b.len() < 3 {
            continue;
        }
        let inter = crate::lineage::intersection(a, b) as f64;
        let cont = inter / a.len().min(b.len()) as f64;
        if cont >= 0.6 {
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            if ri != rj {
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let roots: Vec<usize> = (0..quotes.len()).map(|i| find(&mut parent, i)).collect();
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for r in &roots {
        *sizes.entry(*r).or_default() += 1;
    }
    roots.iter().map(|r| (sizes[r] > 1).then_some(*r)).collect()
}

/// A quote's words, lower-cased, single-spaced: for comparing wordings.
pub fn norm_quote(s: &str) -> String {
    words(s)
        .into_iter()
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Disagreements in quote groups: wording drift and speaker drift.
pub fn quote_disagreements(
    quotes: &[BriefQuote],
    entity_names: &BTreeMap<String, String>,
) -> Vec<Disagreement> {
    let mut groups: BTreeMap<&str, Vec<&BriefQuote>> = BTreeMap::new();
    for q in quotes {
        if let Some(g) = &q.group {
            groups.entry(g.as_str()).or_default().push(q);
        }
    }
    let mut out = Vec::new();
    for (gid, members) in groups {
        // Wording: variants that are not contained in one another.
        let mut variants: BTreeMap<String, Vec<&BriefQuote>> = BTreeMap::new();
        for q in &members {
            variants.entry(norm_quote(&q.text)).or_default().push(q);
        }
        let keys: Vec<&String> = variants.keys().collect();
        let drift = keys.iter().any(|a| {
            keys.iter()
                .any(|b| a != b && !a.contains(b.as_str()) && !b.contains(a.as_str()))
        });
        if drift {
            let sides: Vec<Side> = variants
                .values()
                .map(|qs| {
                    let q = qs[0];
                    Side {
                        article: q.article.clone(),
                        start: q.start,
                        end: q.end,
                        text: q.text.clone(),
                        value: format!("{} article(s)", qs.len()),
                    }
                })
                .collect();
            out.push(mk(
                "quote_wording",
                gid,
                format!(
                    "The same quote is worded {} ways across {} articles",
                    variants.len(),
                    article_count(&members)
                ),
                sides,
            ));
        }
        // Speaker: distinct resolved speakers.
        let mut speakers: BTreeMap<&str, Vec<&BriefQuote>> = BTreeMap::new();
        for q in &members {
            if let Some(s) = &q.speaker {
                speakers.entry(s.as_str()).or_default().push(q);
            }
        }
        if speakers.len() > 1 {
            let sides: Vec<Side> = speakers
                .iter()
                .map(|(sid, qs)| {
                    let q = qs[0];
                    let name = entity_names
                        .get(*sid)
                        .cloned()
                        .unwrap_or_else(|| sid.to_string());
                    Side {
                        article: q.article.clone(),
                        start: q.start,
                        end: q.end,
                        text: q.text.clone(),
                        value: name,
                    }
                })
                .collect();
            let names: Vec<String> = sides.iter().map(|s| s.value.clone()).collect();
            out.push(mk(
                "quote_speaker",
                gid,
                format!("The same quote is attributed to {}", names.join(" vs ")),
                sides,
            ));
        }
    }
    out
}

fn article_count(qs: &[&BriefQuote]) -> usize {
    qs.iter().map(|q| &q.article).collect::<BTreeSet<_>>().len()
}

fn mk(kind: &str, subject: &str, summary: String, sides: Vec<Side>) -> Disagreement {
    let first = sides.first().cloned();
    let (article, start, end) =
        first
            .map(|s| (s.article, s.start, s.end))
            .unwrap_or((ArticleId::new(""), 0, 0));
    Disagreement {
        kind: kind.into(),
        subject: subject.into(),
        summary,
        article,
        start,
        end,
        sides,
    }
}

/// Titles too generic to conflict with a specific one.
pub(crate) const GENERIC_TITLES: &[&str] = &[
    "leader",
    "official",
    "head",
    "chief",
    "spokesperson",
    "member",
    "representative",
];

/// A relation without its object: "son-in-law of X" → "son-in-law".
pub(crate) fn relation_key(rel: &str) -> String {
    rel.split(" of ")
        .next()
        .unwrap_or(rel)
        .trim()
        .to_lowercase()
}

pub(crate) fn norm_title(t: &str) -> (String, bool) {
    let l = t.to_lowercase();
    let former = l.starts_with("former ") || l.starts_with("ex-") || l.starts_with("then-");
    let base = l
        .trim_start_matches("former ")
        .trim_start_matches("ex-")
        .trim_start_matches("then-")
        .trim()
        .to_string();
    (base, former)
}

/// Roles and relations that differ between articles for one entity.
///
/// A role is *stale* when one article calls the person "former X" and an
/// article published on or after it (by earliest date; undated articles
/// count) still calls them "X". Earlier articles that say "X" were right
/// at the time and are not reported.
pub fn role_disagreements(
    entities: &[Entity],
    texts: &BTreeMap<ArticleId, &str>,
    dates: &BTreeMap<ArticleId, chrono::NaiveDate>,
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let slice = |a: &ArticleId, s: usize, e: usize| {
        texts
            .get(a)
            .and_then(|t| t.get(s..e))
            .unwrap_or("")
            .to_string()
    };
    for e in entities {
        // title (normalised, without "former") → (is_former, evidence)
        let mut titles: BTreeMap<String, Vec<(bool, &crate::brief::SpanRef)>> = BTreeMap::new();
        let mut relations: BTreeMap<String, Vec<&crate::brief::SpanRef>> = BTreeMap::new();
        for r in &e.roles {
            let (base, former) = norm_title(&r.title);
            if !base.is_empty() && r.relation.is_none() {
                for ev in &r.evidence {
                    titles.entry(base.clone()).or_default().push((former, ev));
                }
            }
            if let Some(rel) = &r.relation {
                let key = relation_key(rel);
                for ev in &r.evidence {
                    relations.entry(key.clone()).or_default().push(ev);
                }
            }
        }
        let specific: Vec<&String> = titles
            .keys()
            .filter(|t| !GENERIC_TITLES.contains(&t.as_str()))
            .collect();
        let articles_of = |evs: &[(bool, &crate::brief::SpanRef)]| {
            evs.iter()
                .map(|(_, s)| s.article.clone())
                .collect::<BTreeSet<_>>()
        };
        if specific.len() > 1 {
            // Only when different articles disagree (one article may give two roles).
            let sets: Vec<BTreeSet<ArticleId>> =
                specific.iter().map(|t| articles_of(&titles[*t])).collect();
            let all_same = sets.windows(2).all(|w| w[0] == w[1]);
            if !all_same {
                let sides: Vec<Side> = specific
                    .iter()
                    .map(|t| {
                        let (former, ev) = titles[*t][0];
                        Side {
                            article: ev.article.clone(),
                            start: ev.start,
                            end: ev.end,
                            text: slice(&ev.article, ev.start, ev.end),
                            value: if former {
                                format!("former {t}")
                            } else {
                                t.to_string()
                            },
                        }
                    })
                    .collect();
                let vals: Vec<String> = sides.iter().map(|s| s.value.clone()).collect();
                out.push(mk(
                    "role",
                    &e.name,
                    format!(
                        "{} is called {} in different articles",
                        e.name,
                        vals.join(" / ")
                    ),
                    sides,
                ));
            }
        }
        // Stale roles: "former X" in one article, "X" in a later one.
        for (t, evs) in &titles {
            let past: Vec<_> = evs.iter().filter(|(f, _)| *f).collect();
            let Some(first_past) = past
                .iter()
                .min_by_key(|(_, ev)| (dates.get(&ev.article), &ev.article))
            else {
                continue;
            };
            let since = dates.get(&first_past.1.article);
            let cur: Vec<_> = evs
                .iter()
                .filter(|(f, ev)| !f && ev.article != first_past.1.article)
                .filter(|(_, ev)| match (since, dates.get(&ev.article)) {
                    (Some(s), Some(d)) => d >= s,
                    _ => true,
                })
                .collect();
            if !cur.is_empty() {
                let (_, p) = first_past;
                let mut sides = vec![Side {
                    article: p.article.clone(),
                    start: p.start,
                    end: p.end,
                    text: slice(&p.article, p.start, p.end),
                    value: format!("former {t}"),
                }];
                for (_, ev) in cur.iter().take(4) {
                    sides.push(Side {
                        article: ev.article.clone(),
                        start: ev.start,
                        end: ev.end,
                        text: slice(&ev.article, ev.start, ev.end),
                        value: t.clone(),
                    });
                }
                out.push(mk(
                    "role_stale",
                    &e.name,
                    format!(
                        "{} is a former {t} in one article but still {t} in a later one",
                        e.name
                    ),
                    sides,
                ));
            }
        }
        if relations.len() > 1 {
            let sides: Vec<Side> = relations
                .iter()
                .map(|(rel, evs)| Side {
                    article: evs[0].article.clone(),
                    start: evs[0].start,
                    end: evs[0].end,
                    text: slice(&evs[0].article, evs[0].start, evs[0].end),
                    value: rel.clone(),
                })
                .collect();
            let vals: Vec<String> = sides.iter().map(|s| s.value.clone()).collect();
            out.push(mk(
                "relation",
                &e.name,
                format!("{}'s relation is given as {}", e.name, vals.join(" / ")),
                sides,
            ));
        }
    }
    out
}

/// Key for "the same thing measured": unit plus the first two content
/// words of the measure, sorted.
fn measure_key(n: &BriefNumber) -> Option<String> {
    let m = n.measure.as_ref()?;
    let mut cw: Vec<String> = content_words(m)
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .take(2)
        .collect();
    if cw.is_empty() {
        return None;
    }
    cw.sort();
    Some(format!(
        "{}|{:?}|{}",
        n.unit.clone().unwrap_or_default(),
        n.kind,
        cw.join(" ")
    ))
}

/// Numbers about the same thing that differ between articles of one story.
pub fn number_disagreements(
    numbers: &[BriefNumber],
    story_of: &BTreeMap<ArticleId, String>,
) -> Vec<Disagreement> {
    // (story, key) → value (rounded) → numbers
    let mut by_key: BTreeMap<(String, String), BTreeMap<i64, Vec<&BriefNumber>>> = BTreeMap::new();
    for n in numbers {
        let Some(k) = measure_key(n) else { continue };
        let story = story_of.get(&n.article).cloned().unwrap_or_default();
        let v = (n.value * 1000.0).round() as i64;
        by_key
            .entry((story, k))
            .or_default()
            .entry(v)
            .or_default()
            .push(n);
    }
    let mut out = Vec::new();
    for ((_, key), values) in by_key {
        if values.len() < 2 {
            continue;
        }
        // Articles stating each value; a conflict needs an article that
        // states one value and not the other, on both sides.
        let arts: Vec<BTreeSet<&ArticleId>> = values
            .values()
            .map(|ns| ns.iter().map(|n| &n.article).collect())
            .collect();
        let mut conflict = false;
        for i in 0..arts.len() {
            for j in i + 1..arts.len() {
                if arts[i].difference(&arts[j]).next().is_some()
                    && arts[j].difference(&arts[i]).next().is_some()
                {
                    conflict = true;
                }
            }
        }
        if !conflict {
            continue;
        }
        let sides: Vec<Side> = values
            .values()
            .map(|ns| {
                let n = ns[0];
                Side {
                    article: n.article.clone(),
                    start: n.start,
                    end: n.end,
                    text: n.text.clone(),
                    value: format!(
                        "{} ({} article(s))",
                        n.text,
                        ns.iter().map(|x| &x.article).collect::<BTreeSet<_>>().len()
                    ),
                }
            })
            .collect();
        let measure = values
            .values()
            .next()
            .and_then(|ns| ns[0].measure.clone())
            .unwrap_or_default();
        let vals: Vec<String> = values.values().map(|ns| ns[0].text.clone()).collect();
        out.push(mk(
            "number",
            &measure,
            format!("Different figures for {}: {}", measure, vals.join(" vs ")),
            sides,
        ));
        let _ = key;
    }
    out
}

/// Differences between copies and their origins that the corpus-wide
/// checks did not already report, as two-sided disagreements (the copy
/// first). A rewrite that changes "10 days" into "two weeks" shares no
/// measure words with its origin, so only the lineage alignment sees it.
pub fn lineage_disagreements(
    lineage: &[crate::brief::CopyLink],
    existing: &[Disagreement],
) -> Vec<Disagreement> {
    // (kind, article, start) already reported, and per kind the articles
    // each existing disagreement sets against each other.
    let covered: BTreeSet<(&str, &ArticleId, usize)> = existing
        .iter()
        .flat_map(|d| {
            d.sides
                .iter()
                .map(move |s| (d.kind.as_str(), &s.article, s.start))
        })
        .collect();
    let opposed = |kind: &str, a: &ArticleId, b: &ArticleId| {
        existing.iter().any(|d| {
            d.kind == kind
                && d.sides.iter().any(|s| &s.article == a)
                && d.sides.iter().any(|s| &s.article == b)
        })
    };
    let mut out = Vec::new();
    for l in lineage {
        for d in &l.differences {
            let kind = d.kind.as_str();
            if kind == "name_variant" {
                continue;
            }
            let overlaps = |a: &ArticleId, s: usize| {
                covered
                    .range((kind, a, 0)..=(kind, a, usize::MAX))
                    .any(|(_, _, x)| *x == s)
            };
            // Quote groups already compare every copy of a quote: one
            // drift reported there for this copy covers it.
            let quote_seen = kind.starts_with("quote_")
                && existing
                    .iter()
                    .any(|e| e.kind == kind && e.sides.iter().any(|s| s.article == l.article));
            if quote_seen
                || overlaps(&l.article, d.copy.start)
                || overlaps(&l.origin, d.origin.start)
                || opposed(kind, &l.article, &l.origin)
            {
                continue;
            }
            let side = |a: &ArticleId, e: &crate::brief::Excerpt| Side {
                article: a.clone(),
                start: e.start,
                end: e.end,
                text: e.text.clone(),
                value: e.text.clone(),
            };
            out.push(mk(
                kind,
                &d.origin.text,
                format!("{} ({} copies {})", d.summary, l.article, l.origin),
                vec![side(&l.article, &d.copy), side(&l.origin, &d.origin)],
            ));
        }
    }
    out
}
