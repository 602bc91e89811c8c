//! Publication dates keep the calendar day as written in the page's own
//! time zone: `2021-05-04T01:00:00+02:00` is 4 May, even though it is
//! 3 May in UTC.

use newsdesk_core::{ArticleId, Document, InputFormat};
use newsdesk_extract::extract;

fn page(head: &str, body_extra: &str) -> Document {
    Document {
        id: ArticleId::new("d"),
        path: "d.html".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content: format!(
            "<html><head><title>Ferry timetable changes | Coastline Courier</title>{head}</head>\
             <body><article>{body_extra}<p>The ferry operator announced on Tuesday that the winter \
             timetable would start a week early, citing lower demand on the island route.</p>\
             </article></body></html>"
        ),
    }
}

fn day(doc: &Document) -> Option<String> {
    let d = extract(doc).unwrap().meta.date?;
    d.get(..10).map(str::to_string)
}

#[test]
fn offsets_keep_the_local_day() {
    let v = "2021-05-04T01:00:00+02:00";
    for doc in [
        page(
            &format!("<meta property=\"article:published_time\" content=\"{v}\">"),
            "",
        ),
        page(
            &format!(
                "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
                 \"datePublished\":\"{v}\"}}</script>"
            ),
            "",
        ),
        page("", &format!("<time datetime=\"{v}\" pubdate>4 May</time>")),
        page(
            "<meta itemprop=\"datePublished\" content=\"2021-05-04T23:30:00-05:00\">",
            "",
        ),
    ] {
        assert_eq!(day(&doc).as_deref(), Some("2021-05-04"));
    }
}

/// A full date in the canonical URL wins over a UTC timestamp that falls
/// on the next day.
#[test]
fn url_day_beats_a_utc_timestamp_one_day_off() {
    let doc = page(
        "<meta property=\"article:published_time\" content=\"2023-11-09T04:30:00Z\">\
         <link rel=\"canonical\" href=\"https://courier.example/2023/11/08/ferry-timetable/\">",
        "",
    );
    assert_eq!(day(&doc).as_deref(), Some("2023-11-08"));
}

/// No date in markup: a short visible date line at the top of the story
/// is used; a copyright line and a sentence about an event are not.
#[test]
fn visible_date_line_is_the_last_resort() {
    let doc = page("", "<p class=\"x\">21.01.2022 | Region</p>");
    assert_eq!(day(&doc).as_deref(), Some("2022-01-21"));
    let doc = page("", "<p>© 2021 Coastline Courier</p>");
    assert_eq!(day(&doc), None);
}
