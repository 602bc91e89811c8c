//! Prints the mentions found in `$NEWSDESK_TEXT` (a debugging aid; ignored).

use newsdesk_analyse::{analyse, AnalyseInput};

#[test]
#[ignore]
fn print_mentions() {
    let Ok(text) = std::env::var("NEWSDESK_TEXT") else {
        return;
    };
    let a = analyse(&AnalyseInput {
        text: &text,
        meta_lines: &[],
        page: &Default::default(),
    });
    for m in &a.mentions {
        println!(
            "{:?} {:?} name={:?} role={:?}",
            m.kind,
            m.text,
            m.name,
            m.role
                .as_ref()
                .map(|r| (&r.title, &r.qualifier, &r.relation))
        );
    }
}
