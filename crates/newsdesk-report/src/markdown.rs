//! Markdown rendering. Article text is quoted verbatim but with Markdown
//! control characters neutralised where they could restructure the page.

use crate::util::{clip, date_range, pubdate, speaker_label};
use newsdesk_crosscheck::Brief;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for inline Markdown: backslash-escapes characters that
/// start markup, and flattens newlines.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders the brief as Markdown.
pub fn to_markdown(b: &Brief) -> String {
    let mut o = String::new();
    let names: BTreeMap<&str, &str> = b
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let titles: BTreeMap<&str, String> = b
        .articles
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.title.clone().unwrap_or_else(|| a.id.to_string()),
            )
        })
        .collect();
    let _ = writeln!(o, "# newsdesk brief\n");
    let s = &b.summary;
    let _ = writeln!(
        o,
        "{} inputs: {} analysed, {} rejected. {} stories; {} independent articles, {} copies or rewrites.\n",
        s.inputs,
        s.analysed,
        s.rejected,
        s.stories,
        s.independent_articles,
        s.analysed - s.independent_articles
    );

    let _ = writeln!(o, "## Stories\n");
    let by_id: BTreeMap<&str, &newsdesk_crosscheck::BriefArticle> =
        b.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut group_size: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &b.quotes {
        if let Some(g) = &q.group {
            *group_size.entry(g.as_str()).or_default() += 1;
        }
    }
    for st in &b.stories {
        let span = date_range(st.start, st.end);
        let _ = writeln!(o, "### {} ({span})\n", esc(&st.title));
        let _ = writeln!(
            o,
            "`{}` · {} articles, {} independent\n",
            st.id,
            st.articles.len(),
            st.independent_sources
        );
        if !st.key_entities.is_empty() {
            let ks: Vec<String> = st
                .key_entities
                .iter()
                .map(|k| esc(names.get(k.as_str()).copied().unwrap_or(k)))
                .collect();
            let _ = writeln!(o, "Key entities: {}\n", ks.join(", "));
        }
        for a in &st.articles {
            let art = by_id.get(a.as_str());
            if let Some(art) = art {
                let _ = writeln!(
                    o,
                    "- `{}` {} — {} · {}",
                    art.id,
                    esc(&art.title.clone().unwrap_or_default()),
                    esc(art.outlet.as_deref().unwrap_or("unknown outlet")),
                    pubdate(&art.published)
                );
            }
        }
        o.push('\n');
    }

    if !b.timeline.is_empty() {
        let _ = writeln!(o, "## Timeline\n");
        for ev in &b.timeline {
            let d = date_range(Some(ev.date), ev.date_end);
            let srcs: Vec<String> = ev
                .sources
                .iter()
                .map(|s| format!("{}@{}", s.article, s.start))
                .collect();
            let _ = writeln!(
                o,
                "- **{d}** {} _({})_",
                esc(&clip(&ev.text, 220)),
                srcs.join(", ")
            );
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Who said what\n");
    let mut by_speaker: BTreeMap<String, Vec<&newsdesk_crosscheck::BriefQuote>> = BTreeMap::new();
    for q in &b.quotes {
        let who = speaker_label(q, &names);
        by_speaker.entry(who).or_default().push(q);
    }
    for (who, qs) in &by_speaker {
        let _ = writeln!(o, "**{}**\n", esc(who));
        let mut seen_groups = std::collections::BTreeSet::new();
        for q in qs {
            if let Some(g) = &q.group {
                if !seen_groups.insert(g.clone()) {
                    continue;
                }
            }
            let also = q
                .group
                .as_ref()
                .map(|g| group_size.get(g.as_str()).copied().unwrap_or(1))
                .filter(|n| *n > 1)
                .map(|n| format!(" — in {n} articles"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- “{}” _({}@{}{also})_",
                esc(&clip(&q.text, 300)),
                q.article,
                q.start
            );
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Entities and roles\n");
    let mut ents: Vec<&newsdesk_crosscheck::Entity> =
        b.entities.iter().filter(|e| e.article_count > 0).collect();
    ents.sort_by(|a, c| {
        c.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.id.cmp(&c.id))
    });
    for e in ents.iter().take(60) {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| {
                let mut s = String::new();
                if let Some(q) = &r.qualifier {
                    s.push_str(q);
                    s.push(' ');
                }
                s.push_str(&r.title);
                if let Some(rel) = &r.relation {
                    let _ = write!(s, " ({rel})");
                }
                format!("{} [{}]", s, r.evidence.len())
            })
            .collect();
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(" — also: {}", esc(&e.aliases.join(", ")))
        };
        let roles = if roles.is_empty() {
            String::new()
        } else {
            format!(" — {}", esc(&roles.join("; ")))
        };
        let _ = writeln!(
            o,
            "- **{}** ({}, {} mentions in {} articles){aliases}{roles}",
            esc(&e.name),
            e.kind.as_str(),
            e.mentions.len(),
            e.article_count
        );
    }
    if ents.len() > 60 {
        let _ = writeln!(o, "- … and {} more (see the JSON)", ents.len() - 60);
    }
    o.push('\n');

    let _ = writeln!(o, "## Disagreements between sources\n");
    let mut any = false;
    for d in b.disagreements.iter().filter(|d| d.kind != "single_source") {
        any = true;
        let _ = writeln!(o, "- **{}** — {}", d.kind, esc(&d.summary));
        for s in &d.sides {
            let _ = writeln!(
                o,
                "  - {}: “{}” _({}@{}–{})_",
                esc(&s.value),
                esc(&clip(&s.text, 200)),
                s.article,
                s.start,
                s.end
            );
        }
    }
    if !any {
        let _ = writeln!(o, "None found.");
    }
    let single: Vec<_> = b
        .disagreements
        .iter()
        .filter(|d| d.kind == "single_source")
        .collect();
    if !single.is_empty() {
        let _ = writeln!(o, "\n### Resting on one source\n");
        for d in single.iter().take(30) {
            let _ = writeln!(
                o,
                "- {}: “{}” _({}@{})_",
                esc(&d.subject),
                esc(&clip(&d.sides[0].text, 160)),
                d.article,
                d.start
            );
        }
        if single.len() > 30 {
            let _ = writeln!(o, "- … and {} more", single.len() - 30);
        }
    }
    o.push('\n');

    if !b.lineage.is_empty() {
        let _ = writeln!(o, "## Copies and rewrites\n");
        for l in &b.lineage {
            let _ = writeln!(
                o,
                "- `{}` is a {} of `{}` (score {:.2}) — {}",
                l.article,
                l.relation.replace('_', " "),
                l.origin,
                l.score,
                esc(&titles.get(l.origin.as_str()).cloned().unwrap_or_default())
            );
            for d in &l.differences {
                let _ = writeln!(
                    o,
                    "  - differs ({}): \"{}\" [{}–{}] where the origin says \"{}\" [{}–{}]",
                    d.kind.replace('_', " "),
                    esc(&d.copy.text),
                    d.copy.start,
                    d.copy.end,
                    esc(&d.origin.text),
                    d.origin.start,
                    d.origin.end
                );
            }
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Articles\n");
    for a in &b.articles {
        let _ = writeln!(
            o,
            "### `{}` {}\n",
            a.id,
            esc(a.title.as_deref().unwrap_or("(untitled)"))
        );
        let _ = writeln!(
            o,
            "{} · {} · {} · {} quotes ({} named, {} anonymous)\n",
            esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
            pubdate(&a.published),
            esc(&a.path),
            a.stats.quotes,
            a.stats.named_quotes,
            a.stats.anonymous_quotes
        );
        for f in &a.flags {
            if f.kind == "sourcing" {
                continue;
            }
            let v = f.value.map(|v| format!(" ({v})")).unwrap_or_default();
            let ev = f
                .evidence
                .iter()
                .take(3)
                .map(|e| esc(&clip(e, 140)))
                .collect::<Vec<_>>()
                .join("; ");
            let _ = writeln!(o, "- **{}**{v}: {ev}", f.kind);
        }
        o.push('\n');
    }

    if !b.outlets.is_empty() {
        let _ = writeln!(o, "## Outlets\n");
        let _ = writeln!(o, "| outlet | articles | copies | with residue | rewrite leaks | anonymous share | disputed |");
        let _ = writeln!(o, "|---|---|---|---|---|---|---|");
        for s in &b.outlets {
            let anon = s
                .anonymous_share
                .map(|x| format!("{:.0}%", x * 100.0))
                .unwrap_or_else(|| "–".into());
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {anon} | {} |",
                esc(&s.name),
                s.articles,
                s.copies,
                s.with_residue,
                s.with_rewrite_leaks,
                s.odd_one_out
            );
        }
        o.push('\n');
    }

    if !b.rejected.is_empty() {
        let _ = writeln!(o, "## Rejected inputs\n");
        for r in &b.rejected {
            let _ = writeln!(o, "- {} — {}", esc(&r.path), esc(&r.reason));
        }
        o.push('\n');
    }
    o
}
