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

fn run_full(name: &str) -> newsdesk_extract::FullExtract {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(&path).unwrap();
    let doc = Document {
        id: ArticleId::new(name),
        path,
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content,
    };
    newsdesk_extract::extract_full(&doc).unwrap()
}

#[test]
fn structures_and_separated_parts() {
    let full = run_full("structures.html");
    let t = &full.extracted.text;
    // Table rows: one line each, cells joined by " | ".
    assert!(t.contains("\nBerth | Old toll | New toll\n"), "{t}");
    assert!(t.contains("\nMedium (8–15 m) | 240 | 265\n"), "{t}");
    // Ordered list items and the block quote keep their own lines.
    assert!(
        t.contains("\n- Dredging costs have doubled since 2019.\n"),
        "{t}"
    );
    assert!(t.contains(
        "\nWe would rather raise tolls a little now than close the inner basin in five years.\n"
    ));
    assert!(t.contains("\nWhat changes\n"));
    // Furniture, captions, bylines, related links and comments stay out.
    for leaked in [
        "cookies",
        "Home",
        "Photo: Ledger archive",
        "By Ines",
        "Dredging plan delayed",
        "About time",
        "3 comments",
        "All rights reserved",
    ] {
        assert!(!t.contains(leaked), "{leaked:?} leaked into:\n{t}");
    }
    let p = &full.parts;
    assert_eq!(
        p.captions,
        ["Fishing boats in the inner basin at low tide. Photo: Ledger archive"]
    );
    assert_eq!(
        p.bylines,
        ["By Ines Carvalho-Booth, Tobiah Merrow and Yuki Astell"]
    );
    assert_eq!(p.related.len(), 3);
    assert_eq!(p.related[0].text, "Dredging plan delayed again");
    assert_eq!(p.related[0].url, "/harbour/dredging-plan");
    assert!(p.comments.iter().any(|c| c.starts_with("About time")));
    assert!(!p.comments.iter().any(|c| c == "Name" || c == "Comment"));
    let m = &full.extracted.meta;
    assert_eq!(
        m.authors,
        ["Ines Carvalho-Booth", "Tobiah Merrow", "Yuki Astell"]
    );
    assert_eq!(m.date.as_deref(), Some("2024-02-14T07:30:00+00:00"));
    assert_eq!(m.sitename.as_deref(), Some("The Valmora Ledger"));
    assert_eq!(
        m.title.as_deref(),
        Some("Valmora harbour tolls rise for the first time in a decade")
    );
    insta::assert_snapshot!("structures_text", t);
    insta::assert_json_snapshot!("structures_parts", p);
}

#[test]
fn byline_and_date_only_in_the_text() {
    let full = run_full("byline_text.html");
    let m = &full.extracted.meta;
    assert_eq!(m.authors, ["Odile Farrant"], "{:?}", full.parts.bylines);
    assert_eq!(
        m.date.as_deref(),
        Some("2024-03-12"),
        "never the copyright year"
    );
    let t = &full.extracted.text;
    assert!(!t.contains("À lire aussi"), "{t}");
    assert!(!t.contains("Copyright"), "{t}");
    assert!(t.contains("Les visites guidées"), "{t}");
    insta::assert_snapshot!("byline_text_text", t);
}

#[test]
fn js_expiry_is_not_the_date() {
    let out = run("js_expiry.html");
    assert_eq!(out.meta.date.as_deref(), Some("2022-08-19T16:45:00+02:00"));
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Neuer Radweg am Kanal freigegeben")
    );
    let t = &out.text;
    assert!(
        !t.contains("Anzeige") && !t.contains("Mehr zum Thema"),
        "{t}"
    );
    assert!(!t.contains("2031"), "{t}");
    insta::assert_snapshot!("js_expiry_text", t);
}

/// Raw bytes through the ingest decoder, then extraction.
fn from_bytes(bytes: &[u8]) -> Extracted {
    let (content, _) = newsdesk_ingest::decode(bytes).unwrap();
    let doc = Document {
        id: ArticleId::new("b"),
        path: "b.html".into(),
        format: InputFormat::Html,
        encoding: String::new(),
        content,
    };
    extract(&doc).unwrap()
}

#[test]
fn charset_from_http_equiv() {
    let mut page: Vec<u8> = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf".to_vec();
    page.push(0xE9); // é in windows-1252
    page.extend_from_slice(b" du port rouvre</title></head><body><article><p>Le caf");
    page.push(0xE9);
    page.extend_from_slice(b" du port de Valmora rouvre lundi apr");
    page.push(0xE8); // è
    page.extend_from_slice(b"s six mois de travaux, selon la mairie.</p></article></body></html>");
    let out = from_bytes(&page);
    assert_eq!(
        out.text,
        "Le café du port de Valmora rouvre lundi après six mois de travaux, selon la mairie."
    );
    assert_eq!(out.meta.title.as_deref(), Some("Café du port rouvre"));
}

#[test]
fn utf8_bom_is_dropped() {
    let mut page = vec![0xEF, 0xBB, 0xBF];
    page.extend_from_slice(
        "<html><body><article><p>Über die Brücke fahren ab heute wieder Busse, teilte die Stadt mit.</p></article></body></html>"
            .as_bytes(),
    );
    let out = from_bytes(&page);
    assert_eq!(
        out.text,
        "Über die Brücke fahren ab heute wieder Busse, teilte die Stadt mit."
    );
}
