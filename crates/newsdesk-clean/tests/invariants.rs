//! Property tests: spans, ordering, no text lost, no panics, idempotence.
use newsdesk_clean::{clean, repair_text, CorpusProfile};
use newsdesk_core::{Cleaned, RemovalReason};
use proptest::prelude::*;

/// Pieces of invented article text covering every signal.
const PIECES: &[&str] = &[
    "Harbour Board Approves New Ferry Budget",
    "The Lowmoor harbour board approved its budget on Monday, officials said.",
    "Members voted 7 to 2, said chair Ada Penrose, after a long debate.",
    "\"We will keep the ferry running,\" Penrose told reporters.",
    "He called it \\\\\"a fine day\\\\\" &amp; left.",
    "More From Author",
    "Orchard Growers Brace For Late Frost",
    "Canal Towpath Closure Extended Into Spring",
    "Recent Updates",
    "Contact",
    "Address: ZZ",
    "Email: desk@example.org",
    "written by WirePulse",
    "quillbot",
    "Share this article",
    "Machine translations can be imperfect; consult the source-language version.",
    "The original text mentions that the board met twice. The chair later resigned.",
    "This article focuses solely on the vote. It does not provide commentary on it.",
    "Here is the rewritten article:",
    "\u{2014}",
    "* * *",
    "Table of Contents",
    "Background of the Vote",
    "Discover what the vote means. Explore its impact in this in-depth guide.",
    "For further insights, keep an eye on the board's website.",
    "Sources: Lowmoor Gazette, Harbour Radio",
    "Reference(s):",
    "lowmoor-gazette.example",
    "Chair Ada Penrose speaks at the harbour office on May 2, 2031.",
    "Chair Ada Penrose speaks at the harbour office on May 2, 2031. Tomas Reed/Getty Images The board voted.",
    "Published 3 hours ago",
    "By Jane Roe",
    "Caf\u{e9} owners in M\u{fc}nster welcomed the plan \u{2014} \u{201C}finally\u{201D}.",
    "a\\nb\\nThe End.",
    "&#x1F600; &bogus; & &amp;amp;quot;",
];

fn doc() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,60}",
        1 => "[a-zA-Z\\\\&;#\"' .\u{e9}\u{2014}]{0,40}",
    ];
    (
        prop::collection::vec(line, 0..24),
        prop::collection::vec(prop::sample::select(&["\n", "\n\n", " \n", "\r\n"][..]), 24),
    )
        .prop_map(|(lines, seps)| {
            let mut s = String::new();
            for (i, l) in lines.iter().enumerate() {
                s.push_str(l);
                s.push_str(seps[i % seps.len()]);
            }
            s
        })
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check(input: &str, c: &Cleaned) -> Result<(), TestCaseError> {
    let mut last = 0;
    let mut kept_input = String::new();
    for r in &c.removed {
        prop_assert_eq!(input.get(r.start..r.end), Some(r.text.as_str()));
        prop_assert!(r.start >= last, "removals sorted and disjoint");
        prop_assert!(r.start < r.end);
        prop_assert!(c.text.is_char_boundary(r.at) && r.at <= c.text.len());
        kept_input.push_str(&input[last..r.start]);
        kept_input.push('\n');
        last = r.end;
    }
    kept_input.push_str(&input[last..]);
    // No text lost: input minus removals, repaired, equals the cleaned
    // text up to whitespace.
    prop_assert_eq!(strip_ws(&repair_text(&kept_input)), strip_ws(&c.text));
    prop_assert!(!c.text.contains("\n\n"));
    prop_assert!(
        !c.text.starts_with(char::is_whitespace) && !c.text.ends_with(char::is_whitespace)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(input in doc()) {
        let c = clean(&input, &CorpusProfile::default());
        check(&input, &c)?;
    }

    #[test]
    fn arbitrary_text_never_panics(input in "\\PC*") {
        let c = clean(&input, &CorpusProfile::default());
        check(&input, &c)?;
    }

    #[test]
    fn idempotent(input in doc()) {
        let c1 = clean(&input, &CorpusProfile::default());
        let c2 = clean(&c1.text, &CorpusProfile::default());
        let again: Vec<_> = c2.removed.iter().filter(|r| r.reason != RemovalReason::CorpusBoilerplate).collect();
        prop_assert!(again.is_empty(), "second pass removed {:?}\nfrom {:?}", again, c1.text);
        prop_assert_eq!(c2.text, c1.text);
    }

    #[test]
    fn title_line_kept(title in "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){1,5}", body in prop::collection::vec(prop::sample::select(PIECES), 0..10)) {
        let input = format!("{title}\n{}", body.join("\n"));
        let c = clean(&input, &CorpusProfile::default());
        prop_assert!(c.text.starts_with(&title));
    }
}

#[test]
fn corpus_profile_parallel_merge_equals_sequential() {
    let docs: Vec<String> = (0..20)
        .map(|i| format!("T{i}\nFollow the Wire\nBody {i}.\nFollow the Wire"))
        .collect();
    let mut seq = CorpusProfile::new();
    for d in &docs {
        seq.add(d);
    }
    let mut a = CorpusProfile::new();
    let mut b = CorpusProfile::new();
    for (i, d) in docs.iter().enumerate() {
        if i % 2 == 0 {
            a.add(d)
        } else {
            b.add(d)
        }
    }
    a.merge(b);
    assert_eq!(a.len(), seq.len());
    assert_eq!(a.line_count("Follow the Wire"), 20);
    assert_eq!(seq.line_count("follow the wire"), 20);
}
