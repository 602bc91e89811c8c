//! Exact duplicates on ../shared/data/bbc-news (2,225 articles, 98
//! byte-identical pairs): every pair must be found, and no duplicate or
//! copy link may cross topics (a *rewrite* link across topics is printed:
//! the data set files some stories under two topics, and two reports of one
//! event can align like a rewrite). Skipped with a message when the data set
//! is absent.

use newsdesk_engine::{run, NoProgress, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn find(p: &mut Vec<usize>, x: usize) -> usize {
    let mut r = x;
    while p[r] != r {
        r = p[r];
    }
    p[x] = r;
    r
}

#[test]
fn bbc_exact_duplicates_all_found_none_across_topics() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/bbc-news/articles");
    if !dir.is_dir() {
        println!("SKIPPED: ../shared/data/bbc-news not found (evaluation data is not shipped with the repository)");
        return;
    }
    let brief = run(&[dir.clone()], &Options::default(), &NoProgress).unwrap();
    assert_eq!(brief.rejected.len(), 0, "{:?}", brief.rejected);
    let n = brief.articles.len();
    let index: BTreeMap<&str, usize> = brief
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let topic = |i: usize| -> String {
        let p = PathBuf::from(&brief.articles[i].path);
        p.parent()
            .and_then(|d| d.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    // Gold: groups of byte-identical files.
    let mut by_bytes: BTreeMap<Vec<u8>, Vec<usize>> = BTreeMap::new();
    for (i, a) in brief.articles.iter().enumerate() {
        by_bytes
            .entry(std::fs::read(&a.path).unwrap())
            .or_default()
            .push(i);
    }
    let gold_pairs: Vec<(usize, usize)> = by_bytes
        .values()
        .flat_map(|g| {
            g.iter()
                .enumerate()
                .flat_map(move |(k, &a)| g[k + 1..].iter().map(move |&b| (a, b)))
        })
        .collect();
    // Predicted: components of exact links; every link's topics.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut cross_topic = Vec::new();
    let mut relations: BTreeMap<String, usize> = BTreeMap::new();
    for l in &brief.lineage {
        let (a, b) = (index[l.article.as_str()], index[l.origin.as_str()]);
        *relations.entry(l.relation.clone()).or_default() += 1;
        if topic(a) != topic(b) {
            cross_topic.push(format!(
                "{} -> {} ({})",
                brief.articles[a].path, brief.articles[b].path, l.relation
            ));
        }
        if l.relation == "exact" {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let found = gold_pairs
        .iter()
        .filter(|&&(a, b)| find(&mut parent, a) == find(&mut parent, b))
        .count();
    let predicted_pairs: usize = {
        let mut comp: BTreeMap<usize, usize> = BTreeMap::new();
        for i in 0..n {
            *comp.entry(find(&mut parent, i)).or_default() += 1;
        }
        comp.values().map(|&c| c * (c - 1) / 2).sum()
    };
    let gold_set: BTreeSet<(usize, usize)> = gold_pairs.iter().copied().collect();
    println!(
        "bbc-news: {} articles; gold identical pairs {}; found {}; exact-duplicate pairs predicted {} ({} not byte-identical); links by relation {:?}; cross-topic links {}",
        n,
        gold_set.len(),
        found,
        predicted_pairs,
        predicted_pairs.saturating_sub(found),
        relations,
        cross_topic.len()
    );
    for c in cross_topic.iter().take(10) {
        println!("  cross-topic: {c}");
    }
    assert_eq!(found, gold_set.len(), "every byte-identical pair is found");
    let copies_across: Vec<&String> = cross_topic
        .iter()
        .filter(|c| !c.ends_with("(rewrite)"))
        .collect();
    assert!(
        copies_across.is_empty(),
        "no duplicate or copy link crosses topics: {copies_across:?}"
    );
}
