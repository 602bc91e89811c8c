//! Checks the cleaner against the real seed articles in /work/shared/seeds
//! (read at test time, never copied). Asserts on properties and short
//! words only. Skips with a message when the directory is absent.
use newsdesk_clean::{clean, CorpusProfile};
use newsdesk_core::{Cleaned, RemovalReason};
use std::path::Path;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let Ok(rd) = std::fs::read_dir(dir) else {
        println!("SKIP: {} not found; seed checks not run", dir.display());
        return None;
    };
    let mut files: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Some(
        files
            .into_iter()
            .filter_map(|p| {
                Some((
                    p.file_name()?.to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).ok()?,
                ))
            })
            .collect(),
    )
}

fn has(c: &Cleaned, r: RemovalReason) -> bool {
    c.removed.iter().any(|x| x.reason == r)
}

#[test]
fn seed_residue_is_removed_and_body_kept() {
    let Some(seeds) = seeds() else { return };
    let mut profile = CorpusProfile::new();
    for (_, t) in &seeds {
        profile.add(t);
    }
    for (name, text) in &seeds {
        let c = clean(text, &profile);
        // Span and structure invariants.
        let mut last = 0;
        for r in &c.removed {
            assert_eq!(&text[r.start..r.end], r.text, "{name}");
            assert!(r.start >= last && c.text.is_char_boundary(r.at), "{name}");
            last = r.end;
        }
        let lines: Vec<&str> = c.text.lines().collect();
        let last_line = lines.last().copied().unwrap_or("");
        // The body ends like prose, not with a link list or a label.
        let end = last_line.trim_end_matches(['"', '\u{201D}', '\'']);
        assert!(
            end.ends_with(['.', '!', '?']),
            "{name}: last kept line not a sentence: {last_line:?}"
        );
        // Most of the article survives.
        assert!(
            c.text.len() * 10 > text.len() * 8,
            "{name}: too much removed"
        );
        for l in &lines {
            let lower = l.to_lowercase();
            assert!(lower.trim() != "contact", "{name}");
            assert!(
                !lower.starts_with("email:") && !lower.starts_with("address:"),
                "{name}"
            );
            assert!(!lower.contains("the original text"), "{name}: leak kept");
            assert!(!lower.contains("this article focuses"), "{name}: leak kept");
            assert!(!lower.contains("table of contents"), "{name}: toc kept");
            assert!(!lower.starts_with("written by"), "{name}: byline kept");
            assert!(
                !lower.contains("translations may"),
                "{name}: disclaimer kept"
            );
            assert!(!lower.starts_with("discover "), "{name}: seo lead kept");
            assert!(
                !lower.starts_with("sources:") && !lower.starts_with("reference"),
                "{name}"
            );
            assert!(!l.contains("\\\""), "{name}: escape left");
            assert!(!l.contains("/Getty"), "{name}: photo credit left");
            assert!(
                l.split_whitespace().count() != 1
                    || l.chars().next().is_some_and(char::is_uppercase),
                "{name}: lone handle {l:?}"
            );
        }
        // Removed pieces of each seed carry the expected kinds.
        let kinds: Vec<_> = c.removed.iter().map(|r| r.reason.as_str()).collect();
        println!("{name}: {kinds:?} repairs={:?}", c.repairs);
        if text.contains("\\\"") {
            assert!(
                c.repairs.iter().any(|r| r.kind == "escape_artifact"),
                "{name}"
            );
        }
        // A duplicated caption leaves no sentence twice in the body.
        let mut seen = std::collections::HashSet::new();
        for l in &lines {
            for s in l.split(". ").filter(|s| s.split_whitespace().count() >= 8) {
                assert!(
                    seen.insert(s.to_string()),
                    "{name}: sentence kept twice: {s}"
                );
            }
        }
        assert!(!c.removed.is_empty(), "{name}: nothing removed");
        let _ = has(&c, RemovalReason::SiteFurniture);
    }
}
