//! Evaluation of quote extraction and speaker attribution against PolNeAR
//! (political news attribution relations, train split), read at test time
//! from `/work/shared/data/polnear/data/train`. Skips with a message when
//! the data is absent.
//!
//! Scoring (see the data's SOURCE.md): a predicted quote matches a gold
//! Content span when the spans are equal or their word-token overlap is at
//! least 50% of the longer of the two (one-to-one, best overlap first).
//! Gold Content of direct quotes includes the quotation marks and ours
//! excludes them, so marks (and surrounding spaces) are trimmed from gold
//! spans before comparing. PolNeAR offsets count characters; they are
//! converted to byte offsets.
//!
//! Reported:
//! - **quoted scope**: gold = Content spans that start and end with a
//!   quotation mark (what this stage extracts). A prediction is a true
//!   positive when it matches a quoted gold, a false positive when it
//!   matches no gold Content at all.
//! - **overall**: gold = all Content (including indirect speech, which we
//!   don't extract, so recall is low by design).
//! - **speaker accuracy** on matched items with a gold Source: the
//!   predicted speaker span overlaps the gold Source span.
//!
//! Run: `cargo test -p newsdesk-analyse --test eval_polnear -- --nocapture`

use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::{QuoteKind, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/polnear/data/train"
    ))
    .to_path_buf()
}

/// One gold attribution relation.
struct Gold {
    /// The Content's pieces (discontinuous when the attribution splits a
    /// quote), quotation marks trimmed.
    parts: Vec<Span>,
    source: Option<Span>,
    quoted: bool,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»')
}

/// Byte offset of every char index (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Parses `start end;start end` into byte spans.
fn parse_span(s: &str, c2b: &[usize]) -> Option<Vec<Span>> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let mut it = part.split_whitespace();
        let a: usize = it.next()?.parse().ok()?;
        let b: usize = it.next()?.parse().ok()?;
        let (a, b) = (*c2b.get(a)?, *c2b.get(b)?);
        if a > b {
            return None;
        }
        out.push(Span::new(a, b));
    }
    (!out.is_empty()).then_some(out)
}

/// Trims quotation marks and whitespace from both ends of a gold span.
fn trim_marks(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || is_mark(c));
    let start = span.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || is_mark(c));
    Span::new(start, start + t2.len())
}

fn load_gold(ann: &str, text: &str) -> Vec<Gold> {
    let c2b = char_to_byte(text);
    let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(meta)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((_label, offs)) = meta.split_once(' ') else {
            continue;
        };
        if let Some(sp) = parse_span(offs, &c2b) {
            spans.insert(id, sp);
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(rel) = line.split('\t').nth(1) else {
            continue;
        };
        let mut content = None;
        let mut source = None;
        for role in rel.split_whitespace() {
            let Some((name, tid)) = role.split_once(':') else {
                continue;
            };
            match name {
                "Content" => content = spans.get(tid).cloned(),
                "Source" => {
                    source = spans
                        .get(tid)
                        .map(|v| Span::new(v[0].start, v[v.len() - 1].end))
                }
                _ => {}
            }
        }
        let Some(c) = content else { continue };
        let first = text[c[0].start..c[0].end].trim();
        let last = text[c[c.len() - 1].start..c[c.len() - 1].end].trim();
        let quoted = first.chars().next().is_some_and(is_mark)
            && last
                .trim_end_matches(['.', ',', ' '])
                .chars()
                .last()
                .is_some_and(is_mark);
        let parts = c
            .iter()
            .map(|p| trim_marks(text, *p))
            .filter(|p| !p.is_empty())
            .collect();
        out.push(Gold {
            parts,
            source,
            quoted,
        });
    }
    out
}

/// Word tokens (alphanumeric runs) of the text, as byte spans.
fn word_tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Span::new(s, i));
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

fn token_range(tokens: &[Span], span: Span) -> (usize, usize) {
    let a = tokens.partition_point(|t| t.end <= span.start);
    let b = tokens.partition_point(|t| t.start < span.end);
    (a, b.max(a))
}

fn overlap(tokens: &[Span], p: Span, g: Span) -> f64 {
    if p == g {
        return 1.0;
    }
    let (pa, pb) = token_range(tokens, p);
    let (ga, gb) = token_range(tokens, g);
    let inter = pb.min(gb).saturating_sub(pa.max(ga));
    let longer = (pb - pa).max(gb - ga);
    if longer == 0 {
        0.0
    } else {
        inter as f64 / longer as f64
    }
}

#[test]
fn polnear_quotes_and_speakers() {
    let dir = data_dir();
    if !dir.join("text").is_dir() {
        println!("SKIP eval_polnear: {} not found", dir.display());
        return;
    }
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))
        .expect("read text dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<String> = std::fs::read_dir(dir.join("attributions"))
        .expect("read attributions dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();

    let (mut articles, mut preds_total, mut preds_direct) = (0usize, 0usize, 0usize);
    let (mut q_tp, mut q_fp, mut q_gold, mut q_found, mut q_fp_nested) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut all_tp_pred, mut all_gold, mut all_tp_gold) = (0usize, 0usize, 0usize);
    let (mut direct_kind_tp, mut sp_items, mut sp_with, mut sp_ok) =
        (0usize, 0usize, 0usize, 0usize);
    let mut elapsed = std::time::Duration::ZERO;
    let mut bytes = 0usize;
    // NEWSDESK_EVAL_DUMP=1 prints false positives and speaker misses.
    let dump = std::env::var_os("NEWSDESK_EVAL_DUMP").is_some();
    for path in &texts {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        // One annotator per article: the first .ann by name.
        let prefix = format!("{stem}_");
        let Some(ann_name) = anns
            .iter()
            .find(|n| n.starts_with(&prefix) && !n[prefix.len()..].contains('_'))
        else {
            continue;
        };
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(path),
            std::fs::read_to_string(dir.join("attributions").join(ann_name)),
        ) else {
            continue;
        };
        articles += 1;
        bytes += text.len();
        let gold = load_gold(&ann, &text);
        let t0 = Instant::now();
        let a = analyse(&AnalyseInput {
            text: &text,
            meta_lines: &[],
            page: &Default::default(),
        });
        elapsed += t0.elapsed();
        let tokens = word_tokens(&text);
        preds_total += a.quotes.len();
        preds_direct += a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .count();

        // One-to-one matching, best overlap first.
        // Each piece of a discontinuous Content is a match target; the
        // Content counts as found when any piece is matched.
        let mut pairs: Vec<(u64, usize, usize, usize)> = Vec::new();
        for (pi, q) in a.quotes.iter().enumerate() {
            for (gi, g) in gold.iter().enumerate() {
                for (k, part) in g.parts.iter().enumerate() {
                    if !q.span.overlaps(part) {
                        continue;
                    }
                    let o = overlap(&tokens, q.span, *part);
                    if o >= 0.5 {
                        pairs.push(((o * 1e6) as u64, pi, gi, k));
                    }
                }
            }
        }
        pairs.sort_by(|x, y| {
            y.0.cmp(&x.0)
                .then(x.1.cmp(&y.1))
                .then(x.2.cmp(&y.2))
                .then(x.3.cmp(&y.3))
        });
        let mut pred_used = vec![None; a.quotes.len()];
        let mut part_used: Vec<Vec<bool>> =
            gold.iter().map(|g| vec![false; g.parts.len()]).collect();
        let mut gold_used = vec![false; gold.len()];
        for (_, pi, gi, k) in pairs {
            if pred_used[pi].is_none() && !part_used[gi][k] {
                pred_used[pi] = Some(gi);
                part_used[gi][k] = true;
                gold_used[gi] = true;
            }
        }
        all_gold += gold.len();
        all_tp_gold += gold_used.iter().filter(|u| **u).count();
        all_tp_pred += pred_used.iter().filter(|u| u.is_some()).count();
        q_gold += gold.iter().filter(|g| g.quoted).count();
        q_found += gold
            .iter()
            .zip(&gold_used)
            .filter(|(g, u)| g.quoted && **u)
            .count();
        if dump {
            for (pi, m) in pred_used.iter().enumerate() {
                let q = &a.quotes[pi];
                let tag = match m {
                    None => "FP",
                    Some(gi)
                        if gold[*gi].source.is_some_and(|s| {
                            !q.speaker.as_ref().is_some_and(|sp| sp.span.overlaps(&s))
                        }) =>
                    {
                        "SPK"
                    }
                    _ => continue,
                };
                let ctx_a = (q.span.start.saturating_sub(80)..=q.span.start)
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let ctx_b = (q.span.end..=(q.span.end + 80).min(text.len()))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                let gsrc = m
                    .and_then(|gi| gold[gi].source)
                    .map(|s| &text[s.start..s.end])
                    .unwrap_or("");
                println!(
                    "{tag} [{:?}] spk={:?} gold_src={gsrc:?} :: {}",
                    q.kind,
                    q.speaker.as_ref().map(|s| &s.text),
                    text[ctx_a..ctx_b].replace('\n', " / ")
                );
            }
        }
        for (pi, m) in pred_used.iter().enumerate() {
            if m.is_none() {
                // Partial quotes inside a longer indirect-speech Content are
                // in our scope but can't reach 50% overlap: counted apart.
                let q = &a.quotes[pi];
                if gold
                    .iter()
                    .any(|g| g.parts.iter().any(|p| p.contains(&q.span)))
                {
                    q_fp_nested += 1;
                }
            }
            match m {
                Some(gi) if gold[*gi].quoted => {
                    q_tp += 1;
                    if a.quotes[pi].kind == QuoteKind::Direct {
                        direct_kind_tp += 1;
                    }
                }
                Some(_) => {}
                None => q_fp += 1,
            }
            if let Some(gi) = m {
                if let Some(src) = gold[*gi].source {
                    sp_items += 1;
                    if let Some(sp) = &a.quotes[pi].speaker {
                        sp_with += 1;
                        if sp.span.overlaps(&src) {
                            sp_ok += 1;
                        }
                    }
                }
            }
        }
    }
    if articles == 0 {
        println!("SKIP eval_polnear: no annotated articles found");
        return;
    }
    let qp = q_tp as f64 / (q_tp + q_fp).max(1) as f64;
    let qr = q_found as f64 / q_gold.max(1) as f64;
    let qf = if qp + qr > 0.0 {
        2.0 * qp * qr / (qp + qr)
    } else {
        0.0
    };
    let all_p = all_tp_pred as f64 / preds_total.max(1) as f64;
    let all_r = all_tp_gold as f64 / all_gold.max(1) as f64;
    let all_f = if all_p + all_r > 0.0 {
        2.0 * all_p * all_r / (all_p + all_r)
    } else {
        0.0
    };
    let sp_acc_all = sp_ok as f64 / sp_items.max(1) as f64;
    let sp_prec = sp_ok as f64 / sp_with.max(1) as f64;
    let sp_cov = sp_with as f64 / sp_items.max(1) as f64;
    let per_article_us = elapsed.as_secs_f64() * 1e6 / articles as f64;
    println!(
        "PolNeAR train: {articles} articles, {} KB, {all_gold} gold Content ({q_gold} quoted)",
        bytes / 1024
    );
    println!("predicted quotes: {preds_total} ({preds_direct} direct)");
    println!("quoted scope:  P {:.3}  R {:.3}  F1 {:.3}  (tp {q_tp}, fp {q_fp}, gold {q_gold} found {q_found}); direct-kind tp {direct_kind_tp}", qp, qr, qf);
    println!(
        "quoted scope, lenient (predictions inside a gold Content not counted as errors): P {:.3}  ({q_fp_nested} nested)",
        q_tp as f64 / (q_tp + q_fp - q_fp_nested).max(1) as f64
    );
    println!(
        "overall:       P {:.3}  R {:.3}  F1 {:.3}",
        all_p, all_r, all_f
    );
    println!(
        "speaker on matched ({sp_items} with gold source): accuracy {:.3}, precision when set {:.3}, coverage {:.3}",
        sp_acc_all, sp_prec, sp_cov
    );
    println!(
        "analyse() time: {per_article_us:.1} µs/article (whole stage, debug/release as built)"
    );
    // Floors a little under the measured numbers (see docs/EVALUATION.md).
    let lenient = q_tp as f64 / (q_tp + q_fp - q_fp_nested).max(1) as f64;
    assert!(qp >= 0.74, "quoted-scope precision {qp:.3}");
    assert!(
        lenient >= 0.90,
        "quoted-scope lenient precision {lenient:.3}"
    );
    assert!(qr >= 0.95, "quoted-scope recall {qr:.3}");
    assert!(sp_prec >= 0.95, "speaker precision {sp_prec:.3}");
    assert!(sp_acc_all >= 0.65, "speaker accuracy {sp_acc_all:.3}");
}
