//! Shared helpers for the store's integration tests: invented articles.
#![allow(dead_code)]

use chrono::NaiveDate;
use newsdesk_core::InputFormat;
use newsdesk_store::{content_hash, NewArticle, NewRecord, RecordBody};

/// An article record whose raw bytes are the text itself.
pub fn article(
    locator: &str,
    text: &str,
    title: &str,
    outlet: &str,
    date: Option<&str>,
    entities: &[&str],
) -> NewRecord {
    let published = date.map(|d| {
        let d: NaiveDate = d.parse().unwrap();
        (d, d)
    });
    NewRecord {
        packed: None,
        locator: locator.into(),
        raw: format!("<h1>{title}</h1>\n{text}").into_bytes(),
        format: Some(InputFormat::Html),
        encoding: Some("utf-8".into()),
        body: RecordBody::Article(NewArticle {
            content_hash: content_hash(text),
            title: Some(title.into()),
            outlet: Some(outlet.into()),
            published,
            text: text.into(),
            analysis_json: format!("{{\"len\":{}}}", text.len()),
            entities: entities.iter().map(|s| s.to_string()).collect(),
            minhash: Some(vec![1, 2, 3, 4]),
        }),
    }
}

/// A rejected record.
pub fn rejected(locator: &str, raw: &[u8], reason: &str) -> NewRecord {
    NewRecord {
        packed: None,
        locator: locator.into(),
        raw: raw.to_vec(),
        format: None,
        encoding: None,
        body: RecordBody::Rejected {
            reason: reason.into(),
        },
    }
}

/// A deterministic synthetic corpus of `n` input records: mostly distinct
/// articles, every 7th a copy of an earlier one under another locator,
/// every 13th rejected.
pub fn corpus(n: usize) -> Vec<NewRecord> {
    const OUTLETS: [&str; 4] = [
        "Harbour Gazette",
        "valley-times.example",
        "The Lantern",
        "Northwire",
    ];
    const PEOPLE: [&str; 5] = [
        "Ada Quill",
        "Borislav Tench",
        "Mirela Ostrova",
        "Jonas Fairweather",
        "Priya Calloway",
    ];
    const TOPICS: [&str; 6] = [
        "bridge repairs",
        "harbour dredging",
        "school budget",
        "tram strike",
        "flood barrier",
        "library closure",
    ];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if i % 13 == 12 {
            out.push(rejected(
                &format!("feed/{i}.bin"),
                format!("\u{0}\u{1}binary {i}").as_bytes(),
                "binary content",
            ));
            continue;
        }
        let src = if i % 7 == 6 { i - 3 } else { i };
        let person = PEOPLE[src % PEOPLE.len()];
        let topic = TOPICS[src % TOPICS.len()];
        let text = format!(
            "{person} spoke about the {topic} on day {src}. Council members said the plan number {src} would cost {} thousand. \
             Residents of ward {} asked questions about the {topic}.",
            src * 3 % 997,
            src % 17
        );
        let day = 1 + (src % 28);
        out.push(article(
            &format!("feed/{i}.html"),
            &text,
            &format!("Update {src} on the {topic}"),
            OUTLETS[i % OUTLETS.len()],
            Some(&format!("2025-03-{day:02}")),
            &[person],
        ));
    }
    out
}
