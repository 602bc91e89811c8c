//! Class and id words that look like furniture but are not: heading
//! anchor slugs, negated roles (`non-paywall`), BEM modifiers, print
//! layouts, read-more expanders.

use newsdesk_core::{ArticleId, Document, InputFormat};
use newsdesk_extract::extract;

fn text(body: &str) -> String {
    let doc = Document {
        id: ArticleId::new("c"),
        path: "c.html".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content: format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
             <article>{body}</article><footer>Contact the Lakeside Ledger</footer></body></html>"
        ),
    };
    extract(&doc).unwrap().text
}

const P1: &str = "<p>The council of Lakeside voted on Thursday to rebuild the old ferry pier before the summer season begins.</p>";
const P2: &str = "<p>Harbour master Ilse Marlow said the pier had been closed since the winter storms damaged its pilings.</p>";

#[test]
fn heading_slug_ids_are_not_roles() {
    let t = text(&format!(
        "{P1}<h3 id='comments-from-the-harbour-master'>What the harbour master said</h3>{P2}"
    ));
    assert!(t.contains("What the harbour master said"), "{t}");
}

#[test]
fn negated_and_modifier_classes_are_not_furniture() {
    for wrapper in [
        "<div class='non-paywall'>",
        "<div class='layout--wsidebar'>",
        "<div class='report__section--ads'>",
        "<div class='print-full'>",
        "<div class='js-readmore'>",
    ] {
        let t = text(&format!("{wrapper}{P1}{P2}</div><div class='x'>{P1}</div>"));
        assert!(t.contains("Ilse Marlow"), "{wrapper}: {t}");
    }
}

#[test]
fn real_furniture_still_dropped() {
    for wrapper in [
        "<div class='no-print'>",
        "<div class='paywall'>",
        "<div class='readmore'><a href='/a'>Read more about the pier and other waterfront projects</a>",
    ] {
        let t = text(&format!("{P1}{P2}{wrapper}Subscribe to keep reading the Lakeside Ledger today</div>"));
        assert!(!t.contains("Subscribe") && !t.contains("Read more"), "{wrapper}: {t}");
    }
}
