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

/// A page whose story is one big container: the headline sits deep in it,
/// after a long run of navigation, so only the headline rule sees its date.
fn long_page(head: &str, headline_block: &str) -> Document {
    let nav: String = (0..150)
        .map(|i| format!("<li><span>Section {i}</span></li>"))
        .collect();
    Document {
        id: ArticleId::new("d"),
        path: "d.html".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content: format!(
            "<html><head><title>Harbour wall repaired | Coastline Courier</title>{head}</head>\
             <body><div id=\"page\"><ul class=\"nav\">{nav}</ul>{headline_block}\
             <p>Workers finished repairing the old harbour wall on Friday, two weeks ahead \
             of the date the council had promised in its spring newsletter.</p>\
             <p>The repairs cost less than expected, the harbour master said, because the \
             stone could be reused and the weather stayed calm for most of the month.</p>\
             </div></body></html>"
        ),
    }
}

/// The date line at the headline: a short label or furniture around the
/// date, a date link, a date set apart in the `<h1>`, a two-digit year.
#[test]
fn date_line_at_the_headline() {
    for (block, want) in [
        (
            "<h1>Harbour wall repaired</h1><ul><li><span>Datum:</span>26. Januar 2022</li></ul>",
            "2022-01-26",
        ),
        (
            "<h1>Harbour wall repaired</h1><p>Coastline Courier&nbsp;&bull;&nbsp;02.02.2022</p>",
            "2022-02-02",
        ),
        (
            "<h1>Harbour wall repaired</h1><p>Published: <a href=\"/2022/02/\">04.02.2022</a></p>",
            "2022-02-04",
        ),
        (
            "<h1>Harbour wall repaired<br><small>02.02.2022 &bull; Region</small></h1>",
            "2022-02-02",
        ),
        (
            "<h1>Harbour wall repaired</h1><div class=\"x\"> 23.09.22 </div>",
            "2022-09-23",
        ),
        (
            "<div class=\"kicker\">12.03.2022</div><h1>Harbour wall repaired</h1>",
            "2022-03-12",
        ),
    ] {
        assert_eq!(day(&long_page("", block)).as_deref(), Some(want), "{block}");
    }
}

/// The headline's own words may name the day of an event: not the
/// publication date when the page says otherwise (here, its URL).
#[test]
fn a_date_in_the_headline_text_is_an_event() {
    let doc = long_page(
        "<link rel=\"canonical\" href=\"https://courier.example/2007/05/20/regatta/\">",
        "<h1>Regatta results, Harbour Cup, 19.5.2007</h1>",
    );
    assert_eq!(day(&doc).as_deref(), Some("2007-05-20"));
}

/// A UTC timestamp a day from the day the page shows at its headline
/// takes the shown day; a timestamp with a local offset, or a shown day
/// further away, keeps the markup's day.
#[test]
fn shown_day_beats_a_utc_timestamp_one_day_off() {
    let meta = |v: &str| format!("<meta property=\"article:published_time\" content=\"{v}\">");
    let line = "<h1>Harbour wall repaired</h1><p class=\"x\">7. November 2022</p>";
    for (stamp, want) in [
        ("2022-11-06T23:00:00.000Z", "2022-11-07"),
        ("2022-11-06T23:00:00+00:00", "2022-11-07"),
        ("2022-11-06 23:00:00", "2022-11-07"),
        ("Sun, 06 Nov 2022 23:00:00 GMT", "2022-11-07"),
        ("2022-11-06T23:00:00-05:00", "2022-11-06"),
        ("2022-11-05T10:00:00Z", "2022-11-05"),
    ] {
        assert_eq!(
            day(&long_page(&meta(stamp), line)).as_deref(),
            Some(want),
            "{stamp}"
        );
    }
    // A slashed date that reads both ways takes the reading the markup
    // confirms (3 May, not 5 March).
    let doc = long_page(
        &meta("2022-05-04T00:44:52.000Z"),
        "<h1>Harbour wall repaired</h1><ul class=\"x\"><li>Port Town</li><li>03/05/2022 21:44</li></ul>",
    );
    assert_eq!(day(&doc).as_deref(), Some("2022-05-03"));
}

/// JSON-LD `datePublished` on the page object (`WebPage` in a `@graph`)
/// counts; a comment's or review's does not.
#[test]
fn page_object_date_in_jsonld() {
    let ld = |graph: &str| {
        format!("<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{graph}]}}</script>")
    };
    let doc = page(
        &ld("{\"@type\":\"WebSite\",\"name\":\"Coastline Courier\"},\
             {\"@type\":\"WebPage\",\"name\":\"Ferry timetable\",\"datePublished\":\"2018-06-07T10:13:17+00:00\"}"),
        "",
    );
    assert_eq!(day(&doc).as_deref(), Some("2018-06-07"));
    let doc = page(
        &ld("{\"@type\":\"Comment\",\"text\":\"Great\",\"datePublished\":\"2019-01-02T10:00:00Z\"},\
             {\"@type\":\"Review\",\"datePublished\":\"2019-01-03T10:00:00Z\"}"),
        "",
    );
    assert_eq!(day(&doc), None);
}

/// RDFa `schema:datePublished` and microdata/RDFa `dateCreated` are read.
#[test]
fn rdfa_and_created_dates() {
    let doc = page(
        "",
        "<span property=\"schema:datePublished\" content=\"2022-01-28T12:45:46+01:00\"></span>",
    );
    assert_eq!(day(&doc).as_deref(), Some("2022-01-28"));
    let doc = page(
        "<meta property=\"schema:dateCreated\" content=\"2021-03-04T08:00:00+01:00\">",
        "",
    );
    assert_eq!(day(&doc).as_deref(), Some("2021-03-04"));
}

/// Late fallbacks: a `/DD-MM-YYYY` URL segment (when only one order of
/// day and month is a date) and an hAtom `published`/`updated` stamp.
#[test]
fn url_segment_and_hatom_stamps() {
    let doc = page(
        "<link rel=\"canonical\" href=\"https://courier.example/news/29-10-2021\">",
        "",
    );
    assert_eq!(day(&doc).as_deref(), Some("2021-10-29"));
    let doc = page(
        "",
        "<span class=\"updated\" title=\"2013-04-04T18:52:11+00:00\"></span>",
    );
    assert_eq!(day(&doc).as_deref(), Some("2013-04-04"));
    let doc = page(
        "",
        "<abbr class=\"published\" title=\"© 2013 Courier\"></abbr>",
    );
    assert_eq!(day(&doc), None);
}
