//! Dates through the whole `analyse` pipeline on invented articles: the
//! publication date is estimated from absolute dates, then relative dates
//! resolve against it; markup dates take precedence; output is
//! deterministic.

use chrono::NaiveDate;
use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{PageMeta, PubDateSource};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const ARTICLE: &str = "Harbour Council Delays Bridge Vote\n\
    The Lakeside council met on March 3, 2025 to discuss the bridge. \
    Mayor Ida Verne said Thursday that a final vote will take place on March 20, 2025. \
    The project has cost $12.5 million in public funds since 2021, and 40 percent of residents oppose it.\n\
    Email: newsroom@lakeside-courier.example";

#[test]
fn estimated_pub_date_then_relative_resolution() {
    let page = PageMeta::default();
    let a = analyse(&AnalyseInput {
        text: ARTICLE,
        meta_lines: &[],
        page: &page,
    });
    let p = a.published.as_ref().expect("estimate");
    assert_eq!(p.source, PubDateSource::Estimated);
    // The latest past date is the floor; the future vote date does not
    // raise it, and "said Thursday" does not move it (the Thursday may be
    // before or after the meeting).
    assert_eq!(p.earliest, ymd(2025, 3, 3), "{p:?}");
    assert!(p.latest >= p.earliest && p.latest <= ymd(2025, 3, 20));
    let thu = a
        .dates
        .iter()
        .find(|d| d.text == "Thursday")
        .expect("weekday");
    assert!(thu.relative && thu.start.is_some());
    assert!(thu.context.starts_with("Mayor Ida Verne said Thursday"));
    let money = a
        .numbers
        .iter()
        .find(|n| n.text == "$12.5 million")
        .expect("money");
    assert_eq!(money.measure.as_deref(), Some("public funds since 2021"));
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour Council Delays Bridge Vote")
    );
    assert_eq!(
        a.outlet.as_ref().map(|o| o.name.as_str()),
        Some("lakeside-courier.example")
    );
    for d in &a.dates {
        assert_eq!(&ARTICLE[d.span.start..d.span.end], d.text);
    }
}

#[test]
fn markup_date_wins_and_output_is_deterministic() {
    let page = PageMeta {
        date: Some("2025-03-07T09:00:00+01:00".into()),
        ..Default::default()
    };
    let input = AnalyseInput {
        text: ARTICLE,
        meta_lines: &[],
        page: &page,
    };
    let a = analyse(&input);
    let p = a.published.as_ref().unwrap();
    assert_eq!(
        (p.earliest, p.source),
        (ymd(2025, 3, 7), PubDateSource::Markup)
    );
    let thu = a.dates.iter().find(|d| d.text == "Thursday").unwrap();
    assert_eq!(
        (thu.start, thu.end),
        (Some(ymd(2025, 3, 6)), Some(ymd(2025, 3, 6)))
    );
    assert_eq!(a, analyse(&input));
}
