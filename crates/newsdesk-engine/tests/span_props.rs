//! Property: for any corpus built from messy article fragments, every span
//! in the brief lies inside its article's cleaned text, on char
//! boundaries, and slices to the text it claims; every input is accounted
//! for; nothing panics.

mod common;

use newsdesk_core::ArticleId;
use newsdesk_engine::run_documents;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "Talks resume in Larsholm as envoy presses ceasefire plan",
    "LARSHOLM, March 4, 2031 (Kite Press Agency) - Negotiators met on Monday.",
    "\"We came to stop the shelling,\" special envoy Robert \"Bobby\" Lang told reporters.",
    "Foreign Minister Ines Varga-Lund said the plan was \"a first step, not a last one.\"",
    "A senior diplomat who asked not to be named said the talks were \"fragile\".",
    "The Union has provided $4.2 billion in military aid since 2029, officials said.",
    "He added: “Nobody expects a treaty this week. What we expect is quiet.”",
    "The original text mentions that the delegations met on Tuesday.",
    "More From Author",
    "Recent Updates",
    "Email: desk@example-farm.example",
    "Reference(s):\nkitewire.example",
    "Aleksandr Dorin, the president of Valdoria, rejected the proposal last week.",
    "Ünïcödé — „quotes“ «guillemets» and emoji 🕊️ in the middle of a sentence.",
    "Mr. Dorin's spokesman, Ivo Brandt, said 61 percent backed a truce.",
    "\\\"Escaped quotes\\\" from a wire rewrite, she said.",
    "<p>Some <b>HTML</b> fragment &amp; an entity</p>",
    "Photo: Mara Elstad/Northlight Images",
    "",
    "\"",
    "“unbalanced quote that never closes",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(0..FRAGMENTS.len(), 1..14).prop_map(|idx| {
        idx.into_iter()
            .map(|i| FRAGMENTS[i])
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn spans_slice_to_what_they_claim(arts in prop::collection::vec(article(), 1..6)) {
        let n = arts.len();
        let docs = arts.into_iter().enumerate().map(|(i, t)| (ArticleId::new(format!("a{i}")), t)).collect();
        let brief = run_documents(docs);
        prop_assert_eq!(brief.articles.len() + brief.rejected.len(), n);
        let bad = common::span_violations(&brief);
        prop_assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
