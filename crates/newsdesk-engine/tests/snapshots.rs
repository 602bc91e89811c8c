//! Snapshot of the demo brief (Markdown and JSON). A change in the brief
//! shows up as a reviewable diff: `cargo insta review`, or accept with
//! `INSTA_UPDATE=always cargo test`.

use newsdesk_engine::{run, NoProgress, Options};
use std::path::PathBuf;

#[test]
fn demo_brief_snapshot() {
    std::env::set_current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")).unwrap();
    let b = run(&[PathBuf::from("demo")], &Options::default(), &NoProgress).unwrap();
    insta::assert_snapshot!("demo_brief_md", newsdesk_report::to_markdown(&b));
    insta::assert_snapshot!("demo_brief_json", newsdesk_report::to_json(&b));
}

#[test]
fn brief_is_deterministic() {
    std::env::set_current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")).unwrap();
    let a = newsdesk_report::to_json(
        &run(&[PathBuf::from("demo")], &Options::default(), &NoProgress).unwrap(),
    );
    let b = newsdesk_report::to_json(
        &run(&[PathBuf::from("demo")], &Options::default(), &NoProgress).unwrap(),
    );
    assert!(a == b, "two runs over the same input differ");
}
