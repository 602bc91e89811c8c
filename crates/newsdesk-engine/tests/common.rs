//! Shared helpers for the engine's integration tests.
#![allow(dead_code)]

use newsdesk_crosscheck::Brief;

/// Checks that every span in the brief lies inside its article's cleaned
/// text, on char boundaries, and slices to the text it claims. Returns the
/// list of violations (empty when all hold).
pub fn span_violations(b: &Brief) -> Vec<String> {
    let mut bad = Vec::new();
    let text = |id: &newsdesk_core::ArticleId| {
        b.articles
            .iter()
            .find(|a| &a.id == id)
            .map(|a| a.text.as_str())
    };
    let mut check =
        |what: &str, id: &newsdesk_core::ArticleId, s: usize, e: usize, claim: Option<&str>| {
            match text(id) {
                None => bad.push(format!("{what}: unknown article {id}")),
                Some(t) => match t.get(s..e) {
                    None => bad.push(format!(
                        "{what}: {id} {s}..{e} out of bounds or not on a char boundary (len {})",
                        t.len()
                    )),
                    Some(sl) => {
                        if let Some(c) = claim {
                            if sl != c {
                                bad.push(format!(
                                    "{what}: {id} {s}..{e} slices to {sl:?}, claims {c:?}"
                                ));
                            }
                        }
                    }
                },
            }
        };
    for q in &b.quotes {
        check("quote", &q.article, q.start, q.end, Some(&q.text));
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            check("speaker", &q.article, s, e, q.speaker_text.as_deref());
        }
    }
    for n in &b.numbers {
        check("number", &n.article, n.start, n.end, Some(&n.text));
    }
    for d in &b.dates {
        check("date", &d.article, d.start, d.end, Some(&d.text));
    }
    for e in &b.entities {
        for m in &e.mentions {
            check("mention", &m.article, m.start, m.end, None);
        }
        for r in &e.roles {
            for m in &r.evidence {
                check("role", &m.article, m.start, m.end, None);
            }
        }
    }
    for d in &b.disagreements {
        for s in &d.sides {
            check("disagreement", &s.article, s.start, s.end, Some(&s.text));
        }
    }
    for ev in &b.timeline {
        for s in &ev.sources {
            check("timeline", &s.article, s.start, s.end, None);
        }
    }
    for a in &b.articles {
        for r in &a.removed {
            if !a.text.is_char_boundary(r.at.min(a.text.len())) || r.at > a.text.len() {
                bad.push(format!(
                    "removal: {} at {} not a boundary of the cleaned text",
                    a.id, r.at
                ));
            }
        }
    }
    bad
}
