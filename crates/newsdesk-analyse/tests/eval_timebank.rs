//! Date detection and resolution scored against TimeBank 1.2 (TempEval-3
//! cleaned) TIMEX3 annotations, read from `/work/shared/data/timebank` at
//! test time (skipped with a message when absent).
//!
//! Each document's creation time (DCT) is handed to `analyse` as the page
//! date, so relative expressions ("Friday", "last week") resolve against it
//! as in production. Scoring (TempEval-3 style, relaxed = any overlap):
//! - recall: TIMEX3 `type="DATE"` spans overlapped by one of our dates;
//! - precision: our dates overlapping any TIMEX3 (a "Monday night" we find
//!   is a TIME in TimeBank, still a correct time expression), and, stricter,
//!   overlapping a DATE;
//! - value accuracy: on matched DATE pairs whose gold value is a day,
//!   month, ISO week, quarter or year, our `[start, end]` equals that window.
//!
//! Run: `cargo test -p newsdesk-analyse --test eval_timebank -- --nocapture`

use chrono::{Datelike, Duration, NaiveDate};
use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{PageMeta, Span};
use std::path::Path;

/// One TIMEX3 annotation in the stripped text.
struct Timex {
    span: Span,
    kind: String,
    value: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (rep, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .iter()
        .find(|(e, _)| tail.starts_with(e))
        .map(|(e, c)| (*c, e.len()))
        .unwrap_or(('&', 1));
        out.push(rep);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

/// Strips tags from the `<TEXT>` body, keeping TIMEX3 spans.
fn parse_text(body: &str) -> (String, Vec<Timex>) {
    let mut out = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        unescape_into(&mut out, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        if tag.starts_with("TIMEX3") {
            open = Some((
                out.len(),
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, kind, value)) = open.take() {
                timexes.push(Timex {
                    span: Span::new(s, out.len()),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    unescape_into(&mut out, rest);
    (out, timexes)
}

/// The day window a TIMEX3 value denotes, when it is a plain calendar value.
fn gold_window(v: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = v.split('-').collect();
    let y: i32 = parts
        .first()?
        .parse()
        .ok()
        .filter(|_| parts[0].len() == 4)?;
    match parts.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        )),
        2 if parts[1].starts_with('W') => {
            let w: u32 = parts[1][1..].parse().ok()?;
            let s = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            Some((s, s + Duration::days(6)))
        }
        2 if parts[1].starts_with('Q') => {
            let q: u32 = parts[1][1..].parse().ok()?;
            let s = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
            let e = NaiveDate::from_ymd_opt(
                if q == 4 { y + 1 } else { y },
                if q == 4 { 1 } else { q * 3 + 1 },
                1,
            )?
            .pred_opt()?;
            Some((s, e))
        }
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let s = NaiveDate::from_ymd_opt(y, m, 1)?;
            let e = NaiveDate::from_ymd_opt(
                if m == 12 { y + 1 } else { y },
                if m == 12 { 1 } else { m + 1 },
                1,
            )?
            .pred_opt()?;
            Some((s, e))
        }
        3 => {
            let d = NaiveDate::from_ymd_opt(
                y,
                parts[1].parse().ok()?,
                parts[2].get(..2)?.parse().ok()?,
            )?;
            Some((d, d))
        }
        _ => None,
    }
}

#[test]
fn eval_timebank() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/timebank/TimeBank"
    ));
    let Ok(rd) = std::fs::read_dir(dir) else {
        println!("SKIP eval_timebank: {} not found", dir.display());
        return;
    };
    let mut files: Vec<_> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    files.sort();
    let (mut docs, mut preds, mut pred_any, mut pred_date, mut gold, mut gold_hit, mut strict) =
        (0, 0, 0, 0, 0, 0, 0);
    let (mut val_n, mut val_ok) = (0, 0);
    let mut misses: Vec<String> = Vec::new();
    let mut wrong: Vec<String> = Vec::new();
    let mut fps: Vec<String> = Vec::new();
    for f in &files {
        let Ok(xml) = std::fs::read_to_string(f) else {
            continue;
        };
        let Some(dct_tag) = xml.split("<TIMEX3").find(|t| t.contains("CREATION_TIME")) else {
            continue;
        };
        let Some(dct) = attr(dct_tag, "value") else {
            continue;
        };
        let Some(dct_day) = dct.get(..10) else {
            continue;
        };
        let (Some(a), Some(b)) = (xml.find("<TEXT>"), xml.find("</TEXT>")) else {
            continue;
        };
        let (text, timexes) = parse_text(&xml[a + 6..b]);
        docs += 1;
        let page = PageMeta {
            date: Some(dct_day.to_string()),
            ..Default::default()
        };
        let an = analyse(&AnalyseInput {
            text: &text,
            meta_lines: &[],
            page: &page,
        });
        let p = an.published.as_ref().expect("page date parses");
        assert_eq!(p.earliest.to_string(), dct_day);
        for d in &an.dates {
            assert_eq!(&text[d.span.start..d.span.end], d.text);
            preds += 1;
            if timexes.iter().any(|t| t.span.overlaps(&d.span)) {
                pred_any += 1;
            } else if fps.len() < 400 {
                fps.push(format!(
                    "{}: '{}'",
                    f.file_name().unwrap().to_string_lossy(),
                    d.text
                ));
            }
            if timexes
                .iter()
                .any(|t| t.kind == "DATE" && t.span.overlaps(&d.span))
            {
                pred_date += 1;
            }
        }
        for t in timexes.iter().filter(|t| t.kind == "DATE") {
            gold += 1;
            let hit = an
                .dates
                .iter()
                .filter(|d| d.span.overlaps(&t.span))
                .max_by_key(|d| d.span.len());
            let Some(d) = hit else {
                if misses.len() < 400 {
                    misses.push(format!(
                        "'{}' ({})",
                        &text[t.span.start..t.span.end],
                        t.value
                    ));
                }
                continue;
            };
            gold_hit += 1;
            if d.span == t.span {
                strict += 1;
            }
            if let Some((gs, ge)) = gold_window(&t.value) {
                val_n += 1;
                if d.start == Some(gs) && d.end == Some(ge) {
                    val_ok += 1;
                } else if wrong.len() < 400 {
                    wrong.push(format!(
                        "'{}' gold {} ours {:?}..{:?} (dct {dct_day}, {})",
                        d.text,
                        t.value,
                        d.start,
                        d.end,
                        d.start.map(|s| s.weekday().to_string()).unwrap_or_default()
                    ));
                }
            }
        }
    }
    if docs == 0 {
        println!("SKIP eval_timebank: no .tml documents in {}", dir.display());
        return;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let p_any = ratio(pred_any, preds);
    let p_date = ratio(pred_date, preds);
    let r = ratio(gold_hit, gold);
    let f1 = if p_any + r > 0.0 {
        2.0 * p_any * r / (p_any + r)
    } else {
        0.0
    };
    let f1_date = if p_date + r > 0.0 {
        2.0 * p_date * r / (p_date + r)
    } else {
        0.0
    };
    let acc = ratio(val_ok, val_n);
    println!("TimeBank: {docs} docs, {gold} gold DATE timexes, {preds} predicted dates");
    println!("detection (relaxed): P {p_any:.3} (vs any TIMEX3) / {p_date:.3} (vs DATE only), R {r:.3}, F1 {f1:.3} / {f1_date:.3}");
    println!(
        "strict span match: {strict}/{gold} = {:.3}",
        ratio(strict, gold)
    );
    println!("value accuracy on matched calendar values: {val_ok}/{val_n} = {acc:.3}");
    if std::env::var_os("EVAL_VERBOSE").is_some() {
        println!("-- misses (first {}):\n{}", misses.len(), misses.join("\n"));
        println!("-- wrong values:\n{}", wrong.join("\n"));
        println!("-- predictions overlapping no TIMEX3:\n{}", fps.join("\n"));
    }
    assert!(f1 >= 0.60, "relaxed F1 {f1:.3} below floor");
    assert!(acc >= 0.70, "value accuracy {acc:.3} below floor");
}
