//! What a copy or rewrite states differently from its origin.
//!
//! Given two analysed articles — a copy and the origin lineage chose for
//! it — [`differences`] lists the facts the copy changed: a figure
//! ("two weeks" where the origin says "10 days"), a person swapped in an
//! otherwise matching sentence, a role or family relation the origin gives
//! differently, a quote reworded or put in another speaker's mouth. Each
//! item carries both spans, so a reader can check it in either text.
//!
//! The comparison is local: copy sentences are aligned to origin sentences
//! by shared content words, and numbers and names are compared only inside
//! aligned pairs. That keeps it cheap (sentences × sentences per link) and
//! keeps unrelated figures — a rewrite that adds background — out of it.
//! Roles and quotes are compared article-wide, by person and by wording.
//! A name spelt differently (`name_variant`: "Doryn" for "Dorin") is
//! listed but is not a disagreement.

use crate::brief::{Difference, Excerpt};
use crate::checks::{norm_quote, norm_title, relation_key, GENERIC_TITLES};
use crate::lineage::{intersection, sentence_sets_tokens};
use crate::text::{edit_distance, fold_name, tokens};
use newsdesk_core::{Analysis, EntityKind, NumberKind, NumberMention, Span};
use std::collections::{BTreeMap, BTreeSet};

/// One side of a comparison: an article's cleaned text and its analysis.
#[derive(Debug, Clone, Copy)]
pub struct DiffSide<'a> {
    /// The cleaned text every span of `analysis` indexes.
    pub text: &'a str,
    /// The analysis of that text.
    pub analysis: &'a Analysis,
}

/// Two sentences align when their content words overlap this much (Dice) …
const ALIGN_MIN_DICE: f64 = 0.3;
/// … sharing at least this many content words.
const ALIGN_MIN_SHARED: usize = 4;
/// Names are compared only in closely aligned sentences.
const NAME_MIN_DICE: f64 = 0.5;
/// Two quotes are the same quote (maybe reworded) above this overlap.
const QUOTE_MIN_DICE: f64 = 0.5;
/// Articles longer than this many sentences are aligned on their first
/// sentences only: bounds the quadratic alignment on pathological inputs.
const MAX_SENTENCES: usize = 400;

/// The facts `copy` states differently from `origin`, in copy order.
pub fn differences(copy: DiffSide<'_>, origin: DiffSide<'_>) -> Vec<Difference> {
    let mut out = Vec::new();
    let pairs = align(copy, origin);
    // Article-wide facts of the origin, once for all aligned pairs.
    let origin_values: Vec<(String, f64)> = origin
        .analysis
        .numbers
        .iter()
        .filter_map(comparable)
        .collect();
    let origin_people: BTreeSet<String> = origin
        .analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| person_key(&m.name))
        .collect();
    for &(c, o, dice) in &pairs {
        let cs = copy.analysis.sentences[c].span;
        let os = origin.analysis.sentences[o].span;
        number_differences(copy, origin, cs, os, &origin_values, &mut out);
        if dice >= NAME_MIN_DICE {
            name_differences(copy, origin, cs, os, &origin_people, &mut out);
        }
    }
    role_differences(copy, origin, &mut out);
    quote_differences(copy, origin, &mut out);
    // One item per (kind, copy span): a number can sit in two alignments.
    let mut seen = BTreeSet::new();
    out.retain(|d| seen.insert((d.kind.clone(), d.copy.start, d.copy.end)));
    out.sort_by(|a, b| {
        (a.copy.start, a.copy.end, &a.kind).cmp(&(b.copy.start, b.copy.end, &b.kind))
    });
    out
}

fn excerpt(side: DiffSide<'_>, span: Span) -> Excerpt {
    Excerpt {
        start: span.start,
        end: span.end,
        text: side
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string(),
    }
}

/// Each copy sentence with its best origin sentence, when they align.
fn align(copy: DiffSide<'_>, origin: DiffSide<'_>) -> Vec<(usize, usize, f64)> {
    let cs = &copy.analysis.sentences[..copy.analysis.sentences.len().min(MAX_SENTENCES)];
    let os = &origin.analysis.sentences[..origin.analysis.sentences.len().min(MAX_SENTENCES)];
    let ca = sentence_sets_tokens(&tokens(copy.text), cs);
    let oa = sentence_sets_tokens(&tokens(origin.text), os);
    let mut out = Vec::new();
    for (i, a) in ca.iter().enumerate() {
        if a.len() < ALIGN_MIN_SHARED {
            continue;
        }
        let mut best: Option<(usize, f64)> = None;
        for (j, b) in oa.iter().enumerate() {
            let shared = intersection(a, b);
            if shared < ALIGN_MIN_SHARED {
                continue;
            }
            let dice = 2.0 * shared as f64 / (a.len() + b.len()) as f64;
            if dice >= ALIGN_MIN_DICE && best.map_or(true, |(_, d)| dice > d) {
                best = Some((j, dice));
            }
        }
        if let Some((j, d)) = best {
            out.push((i, j, d));
        }
    }
    out
}

/// A number reduced to something comparable across wordings: the class
/// of quantity and its value in that class's unit ("two weeks" → 14 days).
fn comparable(n: &NumberMention) -> Option<(String, f64)> {
    let unit = n.unit.as_deref();
    match n.kind {
        NumberKind::Duration => {
            let days = match unit? {
                "second" => 1.0 / 86_400.0,
                "minute" => 1.0 / 1_440.0,
                "hour" => 1.0 / 24.0,
                "day" => 1.0,
                "week" => 7.0,
                // Months and years are compared in their own right: "a
                // month" and "30 days" are not a disagreement.
                "month" => return Some(("duration:month".into(), n.value)),
                "year" | "decade" | "century" => {
                    let years = match unit? {
                        "decade" => 10.0,
                        "century" => 100.0,
                        _ => 1.0,
                    };
                    return Some(("duration:year".into(), n.value * years));
                }
                _ => return None,
            };
            Some(("duration:day".into(), n.value * days))
        }
        NumberKind::Money => Some((format!("money:{}", unit.unwrap_or("")), n.value)),
        NumberKind::Percent => Some(("percent".into(), n.value)),
        NumberKind::Count => Some((format!("count:{}", unit?), n.value)),
        _ => None,
    }
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn inside(s: Span, outer: Span) -> bool {
    s.start >= outer.start && s.end <= outer.end
}

/// Numbers of one class in aligned sentences that state different values:
/// reported when the origin sentence has exactly one figure of that class,
/// the copy sentence has exactly one, and the copy's value appears nowhere
/// in the origin (so a figure merely moved to another sentence is fine).
fn number_differences(
    copy: DiffSide<'_>,
    origin: DiffSide<'_>,
    cs: Span,
    os: Span,
    origin_values: &[(String, f64)],
    out: &mut Vec<Difference>,
) {
    let cm = numbers_by_class(copy.analysis, cs);
    if cm.is_empty() {
        return;
    }
    let om = numbers_by_class(origin.analysis, os);
    for (class, cn) in &cm {
        let Some(on) = om.get(class) else { continue };
        if cn.len() != 1 || on.len() != 1 {
            continue;
        }
        let ((c, cv), (o, ov)) = (cn[0], on[0]);
        if same_value(cv, ov) {
            continue;
        }
        let anywhere = origin_values
            .iter()
            .any(|(k, v)| k == class && same_value(*v, cv));
        if anywhere {
            continue;
        }
        out.push(Difference {
            kind: "number".into(),
            summary: format!(
                "copy says \"{}\" where the origin says \"{}\"",
                c.text, o.text
            ),
            copy: excerpt(copy, c.span),
            origin: excerpt(origin, o.span),
        });
    }
}

/// The comparable numbers of one sentence, by class.
fn numbers_by_class(a: &Analysis, sent: Span) -> BTreeMap<String, Vec<(&NumberMention, f64)>> {
    let mut m: BTreeMap<String, Vec<(&NumberMention, f64)>> = BTreeMap::new();
    for n in a.numbers.iter().filter(|n| inside(n.span, sent)) {
        if let Some((class, v)) = comparable(n) {
            m.entry(class).or_default().push((n, v));
        }
    }
    m
}

/// Folded surname: the last word of the article-level full name.
fn person_key(name: &str) -> String {
    let f = fold_name(name);
    f.rsplit(' ').next().unwrap_or("").to_string()
}

/// A person in a closely aligned sentence swapped for another: exactly one
/// person on each side without a counterpart on the other.
fn name_differences(
    copy: DiffSide<'_>,
    origin: DiffSide<'_>,
    cs: Span,
    os: Span,
    origin_people: &BTreeSet<String>,
    out: &mut Vec<Difference>,
) {
    let people = |side: DiffSide<'_>, sent: Span| {
        let mut m: BTreeMap<String, Span> = BTreeMap::new();
        for x in side.analysis.mentions.iter() {
            if x.kind == EntityKind::Person && inside(x.span, sent) {
                m.entry(person_key(&x.name)).or_insert(x.span);
            }
        }
        m
    };
    let cp = people(copy, cs);
    let op = people(origin, os);
    let c_only: Vec<(&String, &Span)> = cp.iter().filter(|(k, _)| !op.contains_key(*k)).collect();
    let o_only: Vec<(&String, &Span)> = op.iter().filter(|(k, _)| !cp.contains_key(*k)).collect();
    if c_only.len() != 1 || o_only.len() != 1 || c_only[0].0.is_empty() {
        return;
    }
    // A person the origin names elsewhere is a moved mention, not a swap.
    let key = c_only[0].0;
    if origin_people.contains(key) {
        return;
    }
    let (c, o) = (excerpt(copy, *c_only[0].1), excerpt(origin, *o_only[0].1));
    // "Doryn" for "Dorin" is a spelling of the same person, not a swap.
    let (a, b) = (c_only[0].0, o_only[0].0);
    let variant = edit_distance(a, b, 2) <= (a.chars().count().min(b.chars().count()) / 4).max(1);
    let (kind, what) = if variant {
        ("name_variant", "spells")
    } else {
        ("name", "names")
    };
    out.push(Difference {
        kind: kind.into(),
        summary: format!(
            "copy {what} \"{}\" where the origin {what} \"{}\"",
            c.text, o.text
        ),
        copy: c,
        origin: o,
    });
}

/// Roles and relations of one person that the copy gives differently.
fn role_differences(copy: DiffSide<'_>, origin: DiffSide<'_>, out: &mut Vec<Difference>) {
    // person → (titles, relations) in the origin, with a span of each.
    type Roles = (BTreeMap<String, Span>, BTreeMap<String, Span>);
    let mut by_person: BTreeMap<String, Roles> = BTreeMap::new();
    for m in &origin.analysis.mentions {
        let Some(r) = &m.role else { continue };
        if m.kind != EntityKind::Person {
            continue;
        }
        let e = by_person.entry(person_key(&m.name)).or_default();
        match &r.relation {
            Some(rel) => {
                e.1.entry(relation_key(rel)).or_insert(r.span);
            }
            None => {
                e.0.entry(norm_title(&r.title).0).or_insert(r.span);
            }
        }
    }
    for m in &copy.analysis.mentions {
        let Some(r) = &m.role else { continue };
        if m.kind != EntityKind::Person {
            continue;
        }
        let Some((titles, relations)) = by_person.get(&person_key(&m.name)) else {
            continue;
        };
        match &r.relation {
            Some(rel) => {
                let k = relation_key(rel);
                if relations.is_empty() || relations.contains_key(&k) {
                    continue;
                }
                let Some((ok, os)) = relations.iter().next() else {
                    continue;
                };
                let os = *os;
                out.push(Difference {
                    kind: "relation".into(),
                    summary: format!(
                        "copy calls {} \"{}\" where the origin says \"{}\"",
                        m.name, k, ok
                    ),
                    copy: excerpt(copy, r.span),
                    origin: excerpt(origin, os),
                });
            }
            None => {
                let (t, _) = norm_title(&r.title);
                if titles.is_empty()
                    || titles.contains_key(&t)
                    || GENERIC_TITLES.contains(&t.as_str())
                    || titles
                        .keys()
                        .any(|o| o.contains(t.as_str()) || t.contains(o.as_str()))
                {
                    continue;
                }
                let specific: Vec<(&String, &Span)> = titles
                    .iter()
                    .filter(|(k, _)| !GENERIC_TITLES.contains(&k.as_str()))
                    .collect();
                let Some((ot, os)) = specific.first() else {
                    continue;
                };
                out.push(Difference {
                    kind: "role".into(),
                    summary: format!(
                        "copy calls {} \"{}\" where the origin says \"{}\"",
                        m.name, t, ot
                    ),
                    copy: excerpt(copy, r.span),
                    origin: excerpt(origin, **os),
                });
            }
        }
    }
}

/// Quotes the copy rewords, or gives to another named speaker.
fn quote_differences(copy: DiffSide<'_>, origin: DiffSide<'_>, out: &mut Vec<Difference>) {
    let sets = |side: DiffSide<'_>| -> Vec<Vec<u64>> {
        side.analysis
            .quotes
            .iter()
            .map(|q| {
                let mut v: Vec<u64> = tokens(&q.text).content.iter().map(|x| x.1).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect()
    };
    let (cq, oq) = (sets(copy), sets(origin));
    for (i, q) in copy.analysis.quotes.iter().enumerate() {
        if cq[i].len() < 3 {
            continue;
        }
        let best = oq
            .iter()
            .enumerate()
            .map(|(j, b)| {
                let d =
                    2.0 * intersection(&cq[i], b) as f64 / (cq[i].len() + b.len()).max(1) as f64;
                (j, d)
            })
            .filter(|(_, d)| *d >= QUOTE_MIN_DICE)
            .fold(None::<(usize, f64)>, |acc, x| match acc {
                Some(a) if a.1 >= x.1 => Some(a),
                _ => Some(x),
            });
        let Some((j, _)) = best else { continue };
        let o = &origin.analysis.quotes[j];
        if norm_quote(&q.text) != norm_quote(&o.text) {
            out.push(Difference {
                kind: "quote_wording".into(),
                summary: "copy words the quote differently from the origin".into(),
                copy: excerpt(copy, q.span),
                origin: excerpt(origin, o.span),
            });
        }
        let named = |q: &newsdesk_core::Quote| {
            q.speaker
                .as_ref()
                .filter(|s| matches!(s.kind, newsdesk_core::SpeakerKind::Named))
                .and_then(|s| s.name.clone().or_else(|| Some(s.text.clone())))
        };
        if let (Some(a), Some(b)) = (named(q), named(o)) {
            if person_key(&a) != person_key(&b) {
                let sp = q.speaker.as_ref().map(|s| s.span).unwrap_or(q.span);
                let op = o.speaker.as_ref().map(|s| s.span).unwrap_or(o.span);
                out.push(Difference {
                    kind: "quote_speaker".into(),
                    summary: format!("copy gives the quote to {a}; the origin to {b}"),
                    copy: excerpt(copy, sp),
                    origin: excerpt(origin, op),
                });
            }
        }
    }
}
