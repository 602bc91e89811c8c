//! Property checks of quote extraction on the real seed articles in
//! `/work/shared/seeds` (read at test time; skipped when absent). No seed
//! text is copied here: the checks are general properties plus a few short
//! names the seeds are known to quote.

use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{Quote, SpeakerKind};
use std::path::Path;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).ok()? {
        let p = e.ok()?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name()?.to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&p).ok()?));
        }
    }
    out.sort();
    Some(out)
}

fn quotes_of(text: &str) -> Vec<Quote> {
    analyse(&AnalyseInput {
        text,
        meta_lines: &[],
        page: &Default::default(),
    })
    .quotes
}

#[test]
fn seed_quote_properties() {
    let Some(seeds) = seeds() else {
        println!("SKIP quotes_seeds: /work/shared/seeds not found");
        return;
    };
    let mut total = 0;
    let mut rubio_nbc = false;
    for (name, text) in &seeds {
        let qs = quotes_of(text);
        if std::env::var_os("QUOTES_SEEDS_PRINT").is_some() {
            for q in &qs {
                println!(
                    "{name}: {:?} {:?} cue={:?} spk={:?}",
                    q.kind,
                    q.text,
                    q.cue,
                    q.speaker.as_ref().map(|s| (&s.text, s.kind, &s.name))
                );
            }
        }
        total += qs.len();
        let mut last_end = 0;
        for q in &qs {
            assert_eq!(&text[q.span.start..q.span.end], q.text, "{name}");
            assert!(
                q.span.start >= last_end,
                "{name}: quotes overlap or unordered"
            );
            last_end = q.span.end;
            assert!(
                q.text.len() <= 2500,
                "{name}: runaway quote {}",
                q.text.len()
            );
            assert!(!q.text.contains("\n\n"), "{name}: quote crosses paragraphs");
            assert!(
                !q.text.starts_with(['"', '“', '\\']) && !q.text.ends_with(['"', '”', '\\']),
                "{name}: marks in quote text {:?}",
                q.text
            );
            if let Some(sp) = &q.speaker {
                assert_eq!(&text[sp.span.start..sp.span.end], sp.text);
                assert!(
                    !sp.span.overlaps(&q.span),
                    "{name}: speaker inside the quote"
                );
                assert!(
                    sp.text.len() <= 80,
                    "{name}: speaker too long {:?}",
                    sp.text
                );
                // A plausible speaker: starts with a capital (a name) or is
                // an unnamed/group phrase or pronoun; never an outlet that
                // was only the recipient.
                for outlet in ["Newsweek", "NBC"] {
                    assert_ne!(sp.text, outlet, "{name}: recipient taken as speaker");
                }
                match sp.kind {
                    SpeakerKind::Named => {
                        let n = sp.name.as_deref().expect("named speakers carry a name");
                        assert!(
                            n.chars().next().is_some_and(|c| c.is_uppercase()),
                            "{name}: {n:?}"
                        );
                    }
                    SpeakerKind::Pronoun => {
                        assert!(sp.name.is_some(), "{name}: unresolved pronoun kept")
                    }
                    SpeakerKind::Anonymous | SpeakerKind::Group => assert!(sp.name.is_none()),
                }
            }
            if q.cue.as_deref().is_some_and(|c| c.starts_with("told NBC")) {
                let sp = q
                    .speaker
                    .as_ref()
                    .expect("the told-NBC quote has a speaker");
                assert!(
                    sp.text.contains("Rubio"),
                    "{name}: told NBC quote given to {:?}",
                    sp.text
                );
                rubio_nbc = true;
            }
            // Single-word scare quotes without a cue are skipped.
            if q.cue.is_none() {
                assert!(
                    q.text.split_whitespace().count() > 1,
                    "{name}: scare quote {:?}",
                    q.text
                );
            }
        }
    }
    assert!(total >= 10, "too few quotes found in the seeds: {total}");
    assert!(rubio_nbc, "the told-NBC quote was not found");
}
