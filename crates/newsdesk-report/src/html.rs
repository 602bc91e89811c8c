//! One self-contained HTML page: inline CSS, no scripts, no external
//! assets, no links that load anything. Article text is hostile input:
//! every string from it goes through [`escape`].

use crate::util::{clip, date_range, pubdate, speaker_label};
use newsdesk_core::Span;
use newsdesk_crosscheck::{Brief, BriefArticle};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d2b3a;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c9d4df}
nav{padding:8px 28px;background:#e9edf2;position:sticky;top:0}nav a{margin-right:14px;color:#1d4f91;text-decoration:none}
main{padding:8px 28px;max-width:1100px}
section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:12px 18px;margin:14px 0}
h2{font-size:18px;margin:4px 0 10px}h3{font-size:15px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e8ec;padding:4px 6px;text-align:left;vertical-align:top;font-size:14px}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:8px;background:#e4ecf7;color:#1d4f91;margin-right:4px}
.warn{background:#fdecec;color:#8a1f1f}.muted{color:#68727d;font-size:13px}
blockquote{margin:4px 0 4px 0;padding:2px 10px;border-left:3px solid #9bb3cf;color:#24303c}
mark.q{background:#fff3bf}mark.e{background:#e3f2e1}
.text{white-space:pre-wrap;font-family:Georgia,serif;font-size:15px;background:#fbfbfa;padding:8px;border:1px solid #eee}
details summary{cursor:pointer}
.removed{white-space:pre-wrap;color:#8a1f1f;font-size:13px}
"#;

/// Renders the brief as a single self-contained HTML page.
pub fn to_html(b: &Brief) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let names: BTreeMap<&str, &str> = b
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    // No external resources may load, even if an escaped string were misread.
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>newsdesk brief</title><style>");
    o.push_str(CSS);
    o.push_str("</style></head><body>\n");
    let s = &b.summary;
    let _ = write!(
        o,
        "<header><h1>newsdesk brief</h1><p>{} inputs · {} analysed · {} rejected · {} stories · {} independent articles</p></header>\n",
        s.inputs, s.analysed, s.rejected, s.stories, s.independent_articles
    );
    o.push_str("<nav><a href=\"#stories\">Stories</a><a href=\"#timeline\">Timeline</a><a href=\"#quotes\">Who said what</a><a href=\"#entities\">Entities</a><a href=\"#disagreements\">Disagreements</a><a href=\"#lineage\">Copies</a><a href=\"#articles\">Articles</a><a href=\"#outlets\">Outlets</a></nav><main>\n");

    let by_id: BTreeMap<&str, &BriefArticle> =
        b.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut quotes_of: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for q in &b.quotes {
        quotes_of
            .entry(q.article.as_str())
            .or_default()
            .push(Span::new(q.start, q.end));
    }
    // Stories.
    o.push_str("<section id=\"stories\"><h2>Stories</h2>");
    for st in &b.stories {
        let span = date_range(st.start, st.end);
        let _ = write!(
            o,
            "<h3>{} <span class=\"muted\">{} · {} articles, {} independent</span></h3><ul>",
            escape(&st.title),
            escape(&span),
            st.articles.len(),
            st.independent_sources
        );
        for id in &st.articles {
            if let Some(a) = by_id.get(id.as_str()) {
                let _ = write!(
                    o,
                    "<li><a href=\"#a-{}\">{}</a> — {} <span class=\"muted\">{}</span></li>",
                    escape(a.id.as_str()),
                    escape(a.title.as_deref().unwrap_or(a.id.as_str())),
                    escape(a.outlet.as_deref().unwrap_or("unknown outlet")),
                    escape(&pubdate(&a.published))
                );
            }
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");

    // Timeline.
    o.push_str("<section id=\"timeline\"><h2>Timeline</h2><table>");
    for ev in &b.timeline {
        let d = date_range(Some(ev.date), ev.date_end);
        let srcs: Vec<String> = ev
            .sources
            .iter()
            .map(|s| format!("<a href=\"#a-{0}\">{0}</a>", escape(s.article.as_str())))
            .collect();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
            escape(&d),
            escape(&clip(&ev.text, 260)),
            srcs.join(", ")
        );
    }
    o.push_str("</table></section>\n");

    // Quotes.
    o.push_str("<section id=\"quotes\"><h2>Who said what</h2>");
    let mut by: BTreeMap<String, Vec<&newsdesk_crosscheck::BriefQuote>> = BTreeMap::new();
    for q in &b.quotes {
        let who = speaker_label(q, &names);
        by.entry(who).or_default().push(q);
    }
    for (who, qs) in &by {
        let _ = write!(o, "<h3>{}</h3>", escape(who));
        for q in qs {
            let g = q
                .group
                .as_ref()
                .map(|g| format!("<span class=\"tag\">{}</span>", escape(g)))
                .unwrap_or_default();
            let _ = write!(
                o,
                "<blockquote>{}<br><span class=\"muted\">{g}<a href=\"#a-{}\">{}</a> @{}–{} {}</span></blockquote>",
                escape(&clip(&q.text, 400)),
                escape(q.article.as_str()),
                escape(q.article.as_str()),
                q.start,
                q.end,
                escape(q.cue.as_deref().unwrap_or(""))
            );
        }
    }
    o.push_str("</section>\n");

    // Entities.
    o.push_str("<section id=\"entities\"><h2>Entities and roles</h2><table><tr><th>name</th><th>kind</th><th>aliases</th><th>roles</th><th>mentions</th></tr>");
    let mut ents: Vec<_> = b.entities.iter().collect();
    ents.sort_by(|a, c| {
        c.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.id.cmp(&c.id))
    });
    for e in ents {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| {
                let q = r
                    .qualifier
                    .as_deref()
                    .map(|q| format!("{q} "))
                    .unwrap_or_default();
                let rel = r
                    .relation
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default();
                escape(&format!("{q}{}{rel} ×{}", r.title, r.evidence.len()))
            })
            .collect();
        let _ = write!(
            o,
            "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{} in {} articles</td></tr>",
            escape(&e.name),
            e.kind.as_str(),
            escape(&e.aliases.join(", ")),
            roles.join("<br>"),
            e.mentions.len(),
            e.article_count
        );
    }
    o.push_str("</table></section>\n");

    // Disagreements.
    o.push_str("<section id=\"disagreements\"><h2>Disagreements between sources</h2>");
    for d in b.disagreements.iter().filter(|d| d.kind != "single_source") {
        let _ = write!(
            o,
            "<h3><span class=\"tag warn\">{}</span>{}</h3><ul>",
            escape(&d.kind),
            escape(&d.summary)
        );
        for s in &d.sides {
            let _ = write!(
                o,
                "<li><b>{}</b>: “{}” <span class=\"muted\"><a href=\"#a-{}\">{}</a> @{}–{}</span></li>",
                escape(&s.value),
                escape(&clip(&s.text, 240)),
                escape(s.article.as_str()),
                escape(s.article.as_str()),
                s.start,
                s.end
            );
        }
        o.push_str("</ul>");
    }
    let single: Vec<_> = b
        .disagreements
        .iter()
        .filter(|d| d.kind == "single_source")
        .collect();
    if !single.is_empty() {
        let _ = write!(
            o,
            "<details><summary>{} quotes rest on a single independent source</summary><ul>",
            single.len()
        );
        for d in single {
            let _ = write!(
                o,
                "<li>{}: “{}” <span class=\"muted\">{}@{}</span></li>",
                escape(&d.subject),
                escape(&clip(&d.sides[0].text, 200)),
                escape(d.article.as_str()),
                d.start
            );
        }
        o.push_str("</ul></details>");
    }
    o.push_str("</section>\n");

    // Lineage.
    o.push_str("<section id=\"lineage\"><h2>Copies and rewrites</h2><table><tr><th>article</th><th>relation</th><th>origin</th><th>score</th><th>evidence</th><th>differs from the origin</th></tr>");
    for l in &b.lineage {
        let _ = write!(
            o,
            "<tr><td><a href=\"#a-{0}\">{0}</a></td><td>{1}</td><td><a href=\"#a-{2}\">{2}</a></td><td>{3:.2}</td><td class=\"muted\">{4}</td><td>{5}</td></tr>",
            escape(l.article.as_str()),
            escape(&l.relation),
            escape(l.origin.as_str()),
            l.score,
            escape(&l.evidence.join("; ")),
            l.differences
                .iter()
                .map(|d| format!(
                    "{}: “{}” vs “{}”",
                    escape(&d.kind.replace('_', " ")),
                    escape(&d.copy.text),
                    escape(&d.origin.text)
                ))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    o.push_str("</table></section>\n");

    // Articles.
    o.push_str("<section id=\"articles\"><h2>Articles</h2>");
    for a in &b.articles {
        article_html(
            &mut o,
            a,
            quotes_of
                .get(a.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
        );
    }
    o.push_str("</section>\n");

    // Outlets.
    o.push_str("<section id=\"outlets\"><h2>Outlets</h2><table><tr><th>outlet</th><th>articles</th><th>copies</th><th>with residue</th><th>rewrite leaks</th><th>anonymous share</th><th>disputed</th></tr>");
    for s in &b.outlets {
        let anon = s
            .anonymous_share
            .map(|x| format!("{:.0}%", x * 100.0))
            .unwrap_or_else(|| "–".into());
        let _ = write!(o, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{anon}</td><td>{}</td></tr>", escape(&s.name), s.articles, s.copies, s.with_residue, s.with_rewrite_leaks, s.odd_one_out);
    }
    o.push_str("</table></section>\n");

    if !b.rejected.is_empty() {
        o.push_str("<section id=\"rejected\"><h2>Rejected inputs</h2><ul>");
        for r in &b.rejected {
            let _ = write!(o, "<li>{} — {}</li>", escape(&r.path), escape(&r.reason));
        }
        o.push_str("</ul></section>\n");
    }
    o.push_str("</main></body></html>\n");
    o
}

fn article_html(o: &mut String, a: &BriefArticle, quote_spans: &[Span]) {
    let _ = write!(
        o,
        "<details id=\"a-{}\"><summary><b>{}</b> — {} · {} <span class=\"muted\">{}</span>",
        escape(a.id.as_str()),
        escape(a.title.as_deref().unwrap_or(a.id.as_str())),
        escape(a.outlet.as_deref().unwrap_or("unknown outlet")),
        escape(&pubdate(&a.published)),
        escape(&a.path)
    );
    for f in &a.flags {
        if f.kind != "sourcing" {
            let cls = if matches!(
                f.kind.as_str(),
                "rewrite_leak" | "disputed_facts" | "escape_artifacts"
            ) {
                "tag warn"
            } else {
                "tag"
            };
            let _ = write!(o, " <span class=\"{cls}\">{}</span>", escape(&f.kind));
        }
    }
    o.push_str("</summary>");
    o.push_str("<ul>");
    for f in &a.flags {
        let _ = write!(
            o,
            "<li><b>{}</b>: {}</li>",
            escape(&f.kind),
            escape(
                &f.evidence
                    .iter()
                    .map(|e| clip(e, 200))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        );
    }
    o.push_str("</ul>");
    // Highlight quotes in the text; spans are byte offsets into a.text.
    let mut marks: Vec<Span> = quote_spans.to_vec();
    marks.sort();
    let mut pos = 0;
    o.push_str("<div class=\"text\">");
    for m in marks {
        if m.start < pos
            || m.end > a.text.len()
            || !a.text.is_char_boundary(m.start)
            || !a.text.is_char_boundary(m.end)
        {
            continue;
        }
        o.push_str(&escape(&a.text[pos..m.start]));
        let _ = write!(
            o,
            "<mark class=\"q\">{}</mark>",
            escape(&a.text[m.start..m.end])
        );
        pos = m.end;
    }
    o.push_str(&escape(&a.text[pos..]));
    o.push_str("</div>");
    if !a.removed.is_empty() {
        let _ = write!(
            o,
            "<details><summary>{} removed pieces</summary><table>",
            a.removed.len()
        );
        for r in &a.removed {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}–{}</td><td class=\"removed\">{}</td></tr>",
                escape(r.reason.as_str()),
                r.start,
                r.end,
                escape(&clip(&r.text, 600))
            );
        }
        o.push_str("</table></details>");
    }
    o.push_str("</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }
}
