//! What a rewrite changes from its origin ([`differences`]): figures in
//! other units, swapped people, roles, relations, reworded and
//! re-attributed quotes, on invented articles.

use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{Analysis, PageMeta};
use newsdesk_crosscheck::{differences, DiffSide};

fn analysed(text: &str) -> Analysis {
    let page = PageMeta::default();
    analyse(&AnalyseInput {
        text,
        meta_lines: &[],
        page: &page,
    })
}

fn diff(copy: &str, origin: &str) -> Vec<(String, String, String)> {
    let (ca, oa) = (analysed(copy), analysed(origin));
    let d = differences(
        DiffSide {
            text: copy,
            analysis: &ca,
        },
        DiffSide {
            text: origin,
            analysis: &oa,
        },
    );
    for x in &d {
        // Every span slices to the text it claims, on both sides.
        assert_eq!(&copy[x.copy.start..x.copy.end], x.copy.text);
        assert_eq!(&origin[x.origin.start..x.origin.end], x.origin.text);
    }
    d.into_iter()
        .map(|x| (x.kind, x.copy.text, x.origin.text))
        .collect()
}

const ORIGIN: &str = "Harbour Minister Odile Franck said on Tuesday that the ferry strike must end within 10 days or the port authority would bring in outside crews.\n\
The dispute has cost the port $3.1 million in lost fees, according to the authority's own figures.\n\
One of the crewing agencies involved is run by Paul Demaret, the son-in-law of Harbour Minister Odile Franck.\n\
\"We will not let the island be cut off for another month,\" Franck said.";

/// Regression: a rewrite said "two weeks" where its origin said "10 days";
/// no measure words are shared, so only the aligned sentences show it.
#[test]
fn garble_two_weeks_vs_ten_days() {
    let copy = "Harbour Minister Odile Franck gave the ferry strike two weeks to end on Tuesday, after which the port authority would bring in outside crews.";
    let d = diff(copy, ORIGIN);
    assert!(
        d.iter()
            .any(|(k, c, o)| k == "number" && c == "two weeks" && o == "10 days"),
        "{d:?}"
    );
}

#[test]
fn same_figure_in_other_words_is_not_a_difference() {
    let copy = "Harbour Minister Odile Franck said on Tuesday that the ferry strike must end within ten days or the port authority would bring in outside crews.";
    let d = diff(copy, ORIGIN);
    assert!(!d.iter().any(|(k, _, _)| k == "number"), "{d:?}");
}

#[test]
fn altered_money_and_relation_are_reported() {
    let copy = "The dispute has cost the port $1.3 million in lost fees, according to the authority's own figures.\n\
One of the crewing agencies involved is run by Paul Demaret, the brother-in-law of Harbour Minister Odile Franck.";
    let d = diff(copy, ORIGIN);
    assert!(
        d.iter()
            .any(|(k, c, o)| k == "number" && c == "$1.3 million" && o == "$3.1 million"),
        "{d:?}"
    );
    assert!(d.iter().any(|(k, _, _)| k == "relation"), "{d:?}");
}

#[test]
fn reworded_quote_is_reported() {
    let copy = "\"We will not allow the island to be cut off for another month,\" Franck said.";
    let d = diff(copy, ORIGIN);
    assert!(d.iter().any(|(k, _, _)| k == "quote_wording"), "{d:?}");
}

#[test]
fn faithful_copy_has_no_differences() {
    assert!(diff(ORIGIN, ORIGIN).is_empty());
}
