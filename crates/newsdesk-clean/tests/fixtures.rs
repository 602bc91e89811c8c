//! Snapshot tests on invented messy articles in `tests/fixtures/`.
use newsdesk_clean::{clean, CorpusProfile};

fn snap(name: &str) {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let c = clean(&text, &CorpusProfile::default());
    for r in &c.removed {
        assert_eq!(&text[r.start..r.end], r.text);
    }
    insta::assert_json_snapshot!(name, c);
}

#[test]
fn content_farm() {
    snap("content_farm");
}

#[test]
fn machine_rewrite() {
    snap("machine_rewrite");
}

#[test]
fn seo_explainer() {
    snap("seo_explainer");
}

#[test]
fn scraped_copy() {
    snap("scraped_copy");
}
