//! Hostile input: deep nesting, NUL bytes, malformed markup, huge pages,
//! arbitrary strings. None may panic, overflow the stack or take long.

use newsdesk_core::{ArticleId, Document, InputFormat};
use newsdesk_extract::extract;
use proptest::prelude::*;
use std::time::Instant;

fn html(content: String) -> Document {
    Document {
        id: ArticleId::new("h"),
        path: "h.html".into(),
        format: InputFormat::Html,
        encoding: "UTF-8".into(),
        content,
    }
}

#[test]
fn nesting_100k_deep_divs() {
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep inside, the text of the article survives the nesting intact.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let t = Instant::now();
    // Run on a small stack to prove no recursion depends on the depth.
    let out = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || extract(&html(page)).map(|e| e.text))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(out.unwrap().contains("Deep inside"));
    eprintln!("100k-deep page: {:?}", t.elapsed());
}

#[test]
fn nesting_mixed_unclosed_tags() {
    let page = format!(
        "<body>{}Unclosed text at the bottom of a very deep tree.",
        "<span><b><i><section>".repeat(20_000)
    );
    let out = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || extract(&html(page)).map(|e| e.text))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(out.unwrap().contains("Unclosed text"));
}

#[test]
fn nul_bytes_and_controls_are_removed() {
    let out = extract(&html(
        "<p>Null\0 byte and bell\u{7} in a paragraph of reasonable length.</p>".into(),
    ))
    .unwrap();
    assert!(
        !out.text.contains('\0') && !out.text.contains('\u{7}'),
        "{:?}",
        out.text
    );
    assert!(out.text.contains("byte and bell"));
}

#[test]
fn malformed_markup() {
    for page in [
        "<p>Unclosed <b>bold <i>italic</p> after</b></i> tail text here",
        "<<<>>><p<p>>text</p></p></div></div></html></body>",
        "<table><tr><td>cell one<td>cell two</table><p>after table text</p>",
        "<script>never closed <p>text",
        "<!-- comment never closed <p>hidden",
        "<html><head><title>Only a title</title></head></html>",
        "<meta charset=utf-8><script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":[[[[[[]]]]]]}</script><p>x y z</p>",
    ] {
        let _ = extract(&html(page.to_string()));
    }
}

#[test]
fn huge_page_is_bounded() {
    let para = "<p>This paragraph repeats to make a very large page, with commas, words and more words.</p>\n";
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(200_000)
    );
    assert!(page.len() > 16 * 1024 * 1024);
    let t = Instant::now();
    let out = extract(&html(page)).unwrap();
    assert!(
        out.text.len() <= 4 * 1024 * 1024 + 1024,
        "{}",
        out.text.len()
    );
    eprintln!("huge page: {:?}, {} bytes out", t.elapsed(), out.text.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_on_tag_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"nav\">".to_string()),
        Just("</div>".to_string()), Just("<li>".to_string()), Just("<a href=x>".to_string()), Just("</a>".to_string()),
        Just("<br>".to_string()), Just("<pre>".to_string()), Just("\n".to_string()), Just("<article>".to_string()),
        Just("<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":".to_string()),
        Just("<time datetime=\"2020-01-02\">".to_string()), Just("<meta property=og:title content=x>".to_string()),
        "[a-zA-Z ,.\u{0}\u{a0}é]{0,40}",
    ], 0..60)) {
        let page = parts.concat();
        if let Ok(out) = extract(&html(page)) {
            prop_assert!(!out.text.contains('\0'));
            prop_assert!(!out.text.trim().is_empty());
        }
    }

    #[test]
    fn never_panics_on_any_string(s in "\\PC{0,300}") {
        let _ = extract(&html(s.clone()));
        let d = Document { format: InputFormat::Text, ..html(s) };
        let _ = extract(&d);
    }
}
