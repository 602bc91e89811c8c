//! Evaluation over the five founding articles in `../shared/seeds` (not
//! shipped with the repository: skipped with a message when absent).
//! Prints what the brief finds for each, then asserts what we expect of
//! them. No text from the seeds is stored here: only short names and the
//! kinds of findings.

mod common;

use newsdesk_crosscheck::Brief;
use newsdesk_engine::{run, NoProgress, Options};
use std::path::PathBuf;

fn seeds_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    p.is_dir().then_some(p)
}

fn article<'a>(b: &'a Brief, prefix: &str) -> &'a newsdesk_crosscheck::BriefArticle {
    b.articles
        .iter()
        .find(|a| a.id.as_str().starts_with(prefix))
        .unwrap_or_else(|| panic!("article {prefix} missing"))
}

fn has_flag(a: &newsdesk_crosscheck::BriefArticle, kind: &str) -> bool {
    a.flags.iter().any(|f| f.kind == kind)
}

fn entity<'a>(b: &'a Brief, name: &str) -> Option<&'a newsdesk_crosscheck::Entity> {
    b.entities
        .iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
}

fn print_brief(b: &Brief) {
    println!(
        "== seeds: {} analysed, {} rejected, {} stories",
        b.summary.analysed,
        b.summary.rejected,
        b.stories.len()
    );
    for a in &b.articles {
        println!(
            "-- {} | title {:?} | outlet {:?} | published {:?}",
            a.id,
            a.title,
            a.outlet,
            a.published.as_ref().map(|p| (p.earliest, p.latest))
        );
        for f in &a.flags {
            println!(
                "   flag {} {:?}: {}",
                f.kind,
                f.value,
                f.evidence
                    .iter()
                    .take(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
        for r in &a.removed {
            println!(
                "   removed {} {}..{} ({} bytes)",
                r.reason.as_str(),
                r.start,
                r.end,
                r.text.len()
            );
        }
    }
    for s in &b.stories {
        println!(
            "story {} {:?}..{:?}: {:?}",
            s.id,
            s.start,
            s.end,
            s.articles.iter().map(|a| a.as_str()).collect::<Vec<_>>()
        );
    }
    for q in &b.quotes {
        println!(
            "quote {} [{:?}] speaker {:?} ({:?}): {:.60}",
            q.article, q.kind, q.speaker, q.speaker_text, q.text
        );
    }
    for e in b
        .entities
        .iter()
        .filter(|e| e.kind == newsdesk_core::EntityKind::Person)
    {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| format!("{:?} {} {:?}", r.qualifier, r.title, r.relation))
            .collect();
        println!(
            "person {} aliases {:?} roles {:?} ({} mentions)",
            e.name,
            e.aliases,
            roles,
            e.mentions.len()
        );
    }
    for l in &b.lineage {
        println!(
            "lineage {} -> {} {} {:.2}",
            l.article, l.origin, l.relation, l.score
        );
    }
    for d in &b.disagreements {
        println!("disagreement {} {}: {}", d.kind, d.subject, d.summary);
    }
}

#[test]
fn seeds_brief() {
    let Some(dir) = seeds_dir() else {
        println!("SKIPPED: ../shared/seeds not found (evaluation data is not shipped with the repository)");
        return;
    };
    let b = run(&[dir], &Options::default(), &NoProgress).unwrap();
    print_brief(&b);
    let bad = common::span_violations(&b);
    assert!(bad.is_empty(), "span violations:\n{}", bad.join("\n"));
    assert_eq!(b.summary.analysed, 5);
    assert_eq!(b.summary.rejected, 0);

    let mut failures: Vec<String> = Vec::new();
    let mut expect = |ok: bool, what: &str| {
        if !ok {
            failures.push(what.to_string());
        }
    };

    // Cleaning.
    let a000 = article(&b, "000");
    let a001 = article(&b, "001");
    let a002 = article(&b, "002");
    let a003 = article(&b, "003");
    let a004 = article(&b, "004");
    expect(
        has_flag(a000, "residue_removed"),
        "000: the related-headlines tail is removed",
    );
    expect(
        has_flag(a001, "rewrite_leak"),
        "001: the rewriter's leaked notes are flagged",
    );
    expect(
        has_flag(a002, "residue_removed"),
        "002: furniture, bot byline and copied disclaimer removed",
    );
    expect(
        a002.removed
            .iter()
            .any(|r| r.reason.as_str() == "disclaimer"),
        "002: the copied disclaimer is removed as a disclaimer",
    );
    expect(
        has_flag(a002, "repeated_text")
            || a002.removed.iter().any(|r| r.reason.as_str() == "caption"),
        "002: the duplicated captions are removed",
    );
    expect(
        a003.removed
            .iter()
            .any(|r| r.reason.as_str() == "seo_boilerplate"),
        "003: the SEO lead-in / table of contents is removed",
    );
    expect(
        has_flag(a004, "escape_artifacts"),
        "004: escaped quotation marks repaired and flagged",
    );
    expect(
        !a004.text.contains("\\\""),
        "004: no escape artifacts left in the text",
    );

    // Metadata.
    expect(
        a004.outlet.as_deref() == Some("cgtn.com"),
        "004: outlet from its reference line",
    );
    expect(
        a002.outlet
            .as_deref()
            .is_some_and(|o| o.to_lowercase().contains("feedwire")),
        "002: outlet from the byline / contact e-mail",
    );
    expect(
        a002.published.is_some(),
        "002: a publication window is estimated from the dates it mentions",
    );

    // Entities.
    let zel: Vec<&str> = [
        "Volodymyr Zelensky",
        "Zelenskiy",
        "Zelenskyy",
        "Volodymyr Zelenskyy",
        "President Zelenskiy",
    ]
    .iter()
    .filter_map(|n| entity(&b, n).map(|e| e.id.as_str()))
    .collect();
    expect(
        !zel.is_empty() && zel.windows(2).all(|w| w[0] == w[1]),
        "Zelensky's spelling variants are one entity",
    );
    let rubio = entity(&b, "Marco Rubio");
    expect(
        rubio.is_some_and(|e| {
            e.roles
                .iter()
                .any(|r| r.title.contains("Secretary of State"))
        }),
        "Rubio has the role Secretary of State",
    );
    let witkoff = b.entities.iter().find(|e| e.name.ends_with("Witkoff"));
    expect(
        witkoff.is_some_and(|e| e.kind == newsdesk_core::EntityKind::Person),
        "Witkoff is a person",
    );
    expect(
        entity(&b, "Vladimir Putin").is_some_and(|e| e.article_count >= 4),
        "Putin is one entity across the articles",
    );
    expect(
        !b.entities.iter().any(|e| {
            matches!(
                e.name.as_str(),
                "Table of Contents" | "Recent Updates" | "More From Author" | "Why It Matters"
            )
        }),
        "headings are not entities",
    );

    // Quotes.
    let q_rubio = b
        .quotes
        .iter()
        .find(|q| q.article.as_str().starts_with("002") && q.text.contains("determination"));
    expect(
        q_rubio.is_some_and(|q| q.speaker.as_deref().is_some_and(|s| s.contains("rubio"))),
        "002: the NBC quote is Rubio's",
    );
    let q_kallas = b
        .quotes
        .iter()
        .find(|q| q.article.as_str().starts_with("004") && q.text.contains("behind our backs"));
    expect(
        q_kallas.is_some_and(|q| q.speaker.as_deref().is_some_and(|s| s.contains("kallas"))),
        "004: the 'behind our backs' quote is Kallas's",
    );
    let anon = b
        .quotes
        .iter()
        .filter(|q| q.speaker_kind == Some(newsdesk_core::SpeakerKind::Anonymous))
        .count();
    expect(
        anon >= 2,
        "anonymous sources are recognised (a diplomat, an official)",
    );
    let wrong_named = b
        .quotes
        .iter()
        .filter(|q| {
            q.speaker
                .as_deref()
                .is_some_and(|s| s.contains("newsweek") || s.contains("times"))
        })
        .count();
    expect(
        wrong_named == 0,
        "outlets that were told something are not speakers",
    );

    // Stories: three developments.
    let story = |a: &newsdesk_crosscheck::BriefArticle| a.story.clone();
    expect(
        story(a002) == story(a003),
        "002 and 003 (the walk-away threat) are one story",
    );
    expect(
        story(a004) != story(a002),
        "004 (the phone call) is not the walk-away story",
    );
    expect(
        story(a000) != story(a002),
        "000 (the Moscow talks) is not the walk-away story",
    );
    expect(b.stories.len() >= 3, "at least three stories");

    if !failures.is_empty() {
        println!(
            "\nSEED EXPECTATIONS NOT MET ({}):\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} seed expectations failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
