//! Extraction on hand-written pages (invented outlets and people): main
//! text chosen, furniture dropped, metadata found. Snapshots hold the full
//! output; the asserts pin the properties that matter.

use newsdesk_core::{ArticleId, Document, Extracted, InputFormat};
use newsdesk_extract::extract;

fn run(name: &str) -> Extracted {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(&path).unwrap();
    let doc = Document {
        id: ArticleId::new(name),
        path,
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content,
    };
    extract(&doc).unwrap()
}

#[test]
fn news_page_drops_furniture() {
    let out = run("news_page.html");
    let t = &out.text;
    // The headline inside the chosen container comes along.
    assert!(t.starts_with("Harbour bridge to reopen after storm repairs\nThe Harbour Bridge in Riverton will reopen"), "{t}");
    assert!(t.contains("\nDetours end\n"));
    assert!(t.contains(
        "\n- Route 4 returns to Quay Street.\n- Route 11 resumes stops at the ferry terminal.\n"
    ));
    assert!(t.contains(
        "welcomed the news. Read our earlier report on the lorry complaints for background."
    ));
    for furniture in [
        "cookies",
        "Sport",
        "Home",
        "Share on",
        "Storm cuts power",
        "Most read",
        "nightmare",
        "newsletter",
        "All rights reserved",
        "Live updates",
        "Transport correspondent",
    ] {
        assert!(!t.contains(furniture), "{furniture:?} leaked into:\n{t}");
    }
    let m = &out.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Harbour bridge to reopen after storm repairs")
    );
    assert_eq!(m.authors, ["Mara Ellison"]);
    assert_eq!(
        m.url.as_deref(),
        Some("https://riverton-post.example/news/harbour-bridge-reopens")
    );
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(m.date, None, "the copyright year is not a date");
    insta::assert_snapshot!("news_page_text", t);
    insta::assert_json_snapshot!("news_page_meta", m);
}

#[test]
fn jsonld_page_metadata() {
    let out = run("jsonld_page.html");
    let m = &out.meta;
    assert_eq!(m.title.as_deref(), Some("Neue Fähre für den Nordsee-Hafen"));
    assert_eq!(m.authors, ["Jana Terborg", "Piet Oltmanns"]);
    assert_eq!(m.date.as_deref(), Some("2023-11-06T08:15:00+01:00"));
    assert_eq!(m.modified.as_deref(), Some("2023-11-06T12:40:00+01:00"));
    assert_eq!(m.sitename.as_deref(), Some("Küstenbote"));
    assert_eq!(m.language.as_deref(), Some("de"));
    assert!(
        out.text.starts_with("Die Reederei Nordlicht"),
        "{}",
        out.text
    );
    assert!(!out.text.contains("Foto:"), "captions are not article text");
    assert_eq!(out.text.lines().count(), 3);
    insta::assert_snapshot!("jsonld_page_text", out.text);
    insta::assert_json_snapshot!("jsonld_page_meta", m);
}

#[test]
fn og_only_page() {
    let out = run("og_only.html");
    let m = &out.meta;
    assert_eq!(m.title.as_deref(), Some("City orchard opens to the public"));
    assert_eq!(m.sitename.as_deref(), Some("Greenfield Gazette"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://greenfield-gazette.example/orchard")
    );
    assert_eq!(
        m.description.as_deref(),
        Some("Volunteers planted 120 fruit trees on the old rail yard.")
    );
    assert_eq!(m.date.as_deref(), Some("2022-09-14T10:00:00Z"));
    // Text directly in a div, split by <br>: one line per break.
    assert_eq!(out.text.lines().count(), 3, "{}", out.text);
    assert!(!out.text.contains("Contact"));
    insta::assert_snapshot!("og_only_text", out.text);
}

#[test]
fn time_inside_article_beats_copyright_year() {
    let out = run("time_copyright.html");
    let m = &out.meta;
    assert_eq!(m.date.as_deref(), Some("2021-04-17T09:30:00+02:00"));
    assert_eq!(
        m.title.as_deref(),
        Some("Le marché couvert rénové rouvre ses portes")
    );
    assert!(!out.text.contains("Copyright"));
    // <pre> keeps its lines.
    assert!(
        out.text
            .contains("\nHoraires :\nmardi-samedi 7h-13h\ndimanche 8h-12h"),
        "{}",
        out.text
    );
    insta::assert_snapshot!("time_copyright_text", out.text);
}

#[test]
fn title_falls_back_to_trimmed_title_tag() {
    let page = "<html><head><title>Storm update – Riverton Post</title></head><body><div><p>Short text but an article nonetheless, with a comma.</p></div></body></html>";
    let doc = Document {
        id: ArticleId::new("x"),
        path: "x".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content: page.into(),
    };
    let out = extract(&doc).unwrap();
    assert_eq!(out.meta.title.as_deref(), Some("Storm update"));
}
