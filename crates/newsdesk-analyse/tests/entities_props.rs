//! Property tests: on any input, every mention span is a valid slice equal
//! to its text, roles never overlap names, and output is deterministic.

use newsdesk_analyse::{analyse, AnalyseInput};
use proptest::prelude::*;

fn check(text: &str) {
    let run = || {
        analyse(&AnalyseInput {
            text,
            meta_lines: &[],
            page: &Default::default(),
        })
        .mentions
    };
    let a = run();
    for m in &a {
        assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
        assert!(!m.name.is_empty());
        if let Some(r) = &m.role {
            assert!(text.get(r.span.start..r.span.end).is_some());
            assert!(!r.span.overlaps(&m.span));
        }
    }
    assert_eq!(a, run());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_text(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn newsy_text(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "U.S.", "Secretary", "of", "State", "Anna", "Kowal", "said", ",", ".", "“", "”", "\"",
            "his", "son-in-law", "Kremlin", "spokesman", "’s", "'s", "former", "UK", "defense",
            "attaché", "director", "the", "Center", "on", "and", "Institute", "\n", "J.", "al-Rashid",
            "Mr.", "Ü", "É", "&", "-", "in", "Oslo", "NATO", "WORLD", "Ŝ.", "Jr.", ":",
        ]),
        0..60,
    )) {
        let mut text = String::new();
        for w in words {
            text.push_str(w);
            if w != "\n" { text.push(' '); }
        }
        check(&text);
        check(text.trim());
        check(&text.replace(' ', ""));
    }
}
