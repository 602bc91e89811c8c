//! Entity-level evaluation on CoNLL-2003 English (dev split `eng.testa`).
//!
//! Rebuilds each document's text from its tokens (tokens joined by spaces,
//! sentences by newlines), runs [`newsdesk_analyse::analyse`], maps the
//! mention spans back to token ranges and scores exact span+type matches
//! (conlleval-style micro P/R/F1). MISC is never predicted, so scores are
//! reported over all gold entities and with MISC excluded.
//!
//! Run: `cargo test -p newsdesk-analyse --test eval_conll -- --nocapture`
//! The data lives outside the repository; the test skips when it is absent.

use newsdesk_analyse::{analyse, AnalyseInput};
use newsdesk_core::EntityKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2003"
    ))
    .to_path_buf()
}

/// One document: sentences of (token, IOB tag).
type DocTokens = Vec<Vec<(String, String)>>;

fn read_docs(path: &Path) -> Option<Vec<DocTokens>> {
    let raw = std::fs::read_to_string(path).ok()?;
    let mut docs: Vec<DocTokens> = Vec::new();
    let mut doc: DocTokens = Vec::new();
    let mut sent: Vec<(String, String)> = Vec::new();
    for line in raw.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.is_empty() {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            continue;
        }
        let mut parts = line.split(' ');
        let word = parts.next().unwrap_or("").to_string();
        let tag = parts.last().unwrap_or("O").to_string();
        sent.push((word, tag));
    }
    if !sent.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    Some(docs)
}

/// Gold entities from IOB1 tags: (first token, last token + 1, type).
fn gold_entities(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bio, ty) = match t.split_once('-') {
            Some((b, ty)) => (b, ty.to_string()),
            None => ("O", String::new()),
        };
        let continues = matches!(&cur, Some((_, cty)) if bio == "I" && *cty == ty);
        if !continues {
            if let Some((s, cty)) = cur.take() {
                out.push((s, i, cty));
            }
            if bio != "O" {
                cur = Some((i, ty));
            }
        }
    }
    if let Some((s, cty)) = cur {
        out.push((s, tags.len(), cty));
    }
    out
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

struct Scores {
    per_type: BTreeMap<String, Counts>,
}

impl Scores {
    fn micro(&self, include_misc: bool) -> Counts {
        let mut c = Counts::default();
        for (ty, x) in &self.per_type {
            if !include_misc && ty == "MISC" {
                continue;
            }
            c.tp += x.tp;
            c.fp += x.fp;
            c.fn_ += x.fn_;
        }
        c
    }
}

fn evaluate(docs: &[DocTokens], show_errors: usize) -> Scores {
    let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut shown = 0;
    for doc in docs {
        // Rebuild text; remember each token's byte range.
        let mut text = String::new();
        let mut starts: HashMap<usize, usize> = HashMap::new();
        let mut ends: HashMap<usize, usize> = HashMap::new();
        let mut tags: Vec<String> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for (si, sent) in doc.iter().enumerate() {
            if si > 0 {
                text.push('\n');
            }
            for (ti, (w, t)) in sent.iter().enumerate() {
                if ti > 0 {
                    text.push(' ');
                }
                let idx = tags.len();
                starts.insert(text.len(), idx);
                text.push_str(w);
                ends.insert(text.len(), idx + 1);
                tags.push(t.clone());
                words.push(w.clone());
            }
        }
        let gold: HashSet<(usize, usize, String)> = gold_entities(&tags).into_iter().collect();
        let a = analyse(&AnalyseInput {
            text: &text,
            meta_lines: &[],
            page: &Default::default(),
        });
        let mut pred: HashSet<(usize, usize, String)> = HashSet::new();
        for m in &a.mentions {
            assert_eq!(&text[m.span.start..m.span.end], m.text);
            let ty = match m.kind {
                EntityKind::Person => "PER",
                EntityKind::Organization => "ORG",
                EntityKind::Place => "LOC",
            };
            // Spans that do not align with token boundaries can never match.
            match (starts.get(&m.span.start), ends.get(&m.span.end)) {
                (Some(&s), Some(&e)) => {
                    pred.insert((s, e, ty.to_string()));
                }
                _ => {
                    pred.insert((usize::MAX - m.span.start, 0, ty.to_string()));
                }
            }
        }
        for g in &gold {
            let c = per_type.entry(g.2.clone()).or_default();
            if pred.contains(g) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
                if shown < show_errors {
                    shown += 1;
                    let found = pred.iter().find(|p| p.0 == g.0 || p.1 == g.1);
                    println!(
                        "MISS {} {:?} pred={:?}",
                        g.2,
                        words[g.0..g.1].join(" "),
                        found.map(|p| (p.2.clone(), words.get(p.0..p.1).map(|w| w.join(" "))))
                    );
                }
            }
        }
        for p in &pred {
            if !gold.contains(p) {
                per_type.entry(p.2.clone()).or_default().fp += 1;
                if shown < show_errors {
                    shown += 1;
                    let g = gold
                        .iter()
                        .find(|g| g.0 == p.0 && g.1 == p.1)
                        .map(|g| g.2.as_str());
                    let g = g.or_else(|| {
                        gold.iter()
                            .find(|g| g.0 < p.1 && p.0 < g.1)
                            .map(|_| "overlap")
                    });
                    println!(
                        "FP   {} {:?} gold={}",
                        p.2,
                        words.get(p.0..p.1).map(|w| w.join(" ")).unwrap_or_default(),
                        g.unwrap_or("-")
                    );
                }
            }
        }
    }
    Scores { per_type }
}

fn report(name: &str, s: &Scores) {
    println!("== {name}");
    for (ty, c) in &s.per_type {
        let (p, r, f) = c.prf();
        println!(
            "{ty:5} P {p:.3} R {r:.3} F1 {f:.3}  (tp {} fp {} fn {})",
            c.tp, c.fp, c.fn_
        );
    }
    for (label, misc) in [("all types", true), ("excluding MISC", false)] {
        let c = s.micro(misc);
        let (p, r, f) = c.prf();
        println!("micro {label:15} P {p:.3} R {r:.3} F1 {f:.3}");
    }
}

#[test]
fn conll_testa_entity_f1() {
    let path = data_dir().join("eng.testa");
    let Some(docs) = read_docs(&path) else {
        println!(
            "SKIP: {} not found (CoNLL-2003 data lives outside the repository)",
            path.display()
        );
        return;
    };
    let show: usize = std::env::var("NEWSDESK_SHOW_ERRORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let scores = evaluate(&docs, show);
    report("eng.testa", &scores);
    let (_, _, f_nomisc) = scores.micro(false).prf();
    let (_, _, f_all) = scores.micro(true).prf();
    // Floors a little under the measured numbers, so regressions fail.
    assert!(
        f_nomisc >= FLOOR_NO_MISC,
        "F1 excluding MISC fell to {f_nomisc:.3}"
    );
    assert!(f_all >= FLOOR_ALL, "F1 over all types fell to {f_all:.3}");
}

const FLOOR_NO_MISC: f64 = 0.78;
const FLOOR_ALL: f64 = 0.71;

/// Scores on the training split too (for tuning; ignored by default).
#[test]
#[ignore]
fn conll_train_entity_f1() {
    let path = data_dir().join("eng.train");
    let Some(docs) = read_docs(&path) else {
        println!("SKIP: {} not found", path.display());
        return;
    };
    let show: usize = std::env::var("NEWSDESK_SHOW_ERRORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    report("eng.train", &evaluate(&docs, show));
}
