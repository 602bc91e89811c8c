//! # newsdesk-clean — body versus residue
//!
//! Takes extracted article text; gives [`Cleaned`]: the body, plus every
//! piece removed (with reason and span) and every repair made.
//! Cross-article signals (a line repeated across many articles) come from a
//! [`CorpusProfile`] built in a first pass over the corpus.
//!
//! The cleaner works on paragraph lines. Each line gets a fate from general
//! signals, in this order:
//!
//! 1. line vocabulary and shape anywhere: furniture headings and widgets,
//!    contact blocks, bylines and lone bot handles, source/reference lines,
//!    share prompts, photo-credit lines, table-of-contents headings and
//!    disclaimers (cue groups; head/tail or strong);
//! 2. rewrite leaks, sentence by sentence (a leak sentence inside a real
//!    paragraph is cut alone; a paragraph of meta-talk goes whole);
//! 3. repeated paragraphs within the article;
//! 4. photo captions: a sentence that occurs twice, at paragraph edges or
//!    before a credit ("Name/Agency"), goes with its credit;
//! 5. the headings listed under a table of contents;
//! 6. corpus boilerplate (short lines seen in many articles);
//! 7. the article tail: link lists under a "related"-type heading, a run of
//!    Title Case headline-like lines, SEO closing lines;
//! 8. separator lines that only introduce removed residue;
//! 9. SEO lead-ins (a meta description) among the first two kept lines.
//!
//! The first line (the title) is never removed, except as an SEO lead-in.
//!
//! ```
//! use newsdesk_clean::{clean, CorpusProfile};
//! let text = "Ferry Service Resumes\n\nThe harbour ferry ran again on Monday, the operator said.\n\nRelated Stories\n\nBridge Repairs Delayed Again\n\nCouncil Votes On Parking Fees";
//! let c = clean(text, &CorpusProfile::default());
//! assert_eq!(c.text, "Ferry Service Resumes\nThe harbour ferry ran again on Monday, the operator said.");
//! assert_eq!(c.removed.len(), 3);
//! for r in &c.removed {
//!     assert_eq!(&text[r.start..r.end], r.text);
//! }
//! ```

mod corpus;
mod lines;
mod sentences;
mod signals;
mod text;

pub use corpus::{CorpusProfile, MIN_ARTICLES, MIN_SHARE};
pub use lines::repair_text;
use newsdesk_core::{Cleaned, Removal, RemovalReason};

use lines::{split_lines, Line, RepairLog};
use signals::*;
use std::collections::{HashMap, HashSet};
use text::{normalize, shape, Shape};

/// Lines longer than this get no normalised key string (only a hash):
/// vocabulary signals only apply to short lines.
const MAX_KEY_WORDS: usize = 12;

/// Per-line working state.
struct Info {
    shape: Shape,
    /// Normalised text, for short lines only (vocabulary lookups).
    key: String,
    /// Hash of the normalised text (0 = empty), for repetition.
    hash: u64,
    sents: Vec<(usize, usize)>,
    fate: Option<RemovalReason>,
    /// Copy this line to `meta_lines`.
    meta: bool,
    /// Removals inside the line, in repaired-text coordinates.
    subs: Vec<(usize, usize, RemovalReason)>,
}

impl Info {
    fn kept(&self) -> bool {
        self.fate.is_none()
    }
}

/// Cleans one article's extracted text.
///
/// Never panics; every [`Removal`] satisfies `&text[r.start..r.end] ==
/// r.text`, removals are sorted and disjoint, and `r.at` is a char
/// boundary of the cleaned text.
pub fn clean(text: &str, profile: &CorpusProfile) -> Cleaned {
    let mut log = RepairLog::default();
    let lines = split_lines(text, &mut log);
    let mut info: Vec<Info> = lines
        .iter()
        .map(|l| {
            let shape = shape(&l.text);
            (l, shape)
        })
        .map(|(l, shape)| Info {
            shape,
            key: if shape.words <= MAX_KEY_WORDS {
                normalize(&l.text)
            } else {
                String::new()
            },
            // Short lines (headings, corpus keys) compare normalised; long
            // paragraphs compare exactly (after repairs), which is cheaper.
            hash: if shape.words < corpus::MAX_WORDS {
                text::norm_hash(&l.text)
            } else {
                text::raw_hash(&l.text)
            },
            sents: sentences::split(&l.text),
            fate: None,
            meta: false,
            subs: Vec::new(),
        })
        .collect();

    line_rules(&lines, &mut info);
    leaks(&lines, &mut info);
    repeats(&mut info);
    captions(&lines, &mut info);
    collapse_emptied(&lines, &mut info);
    toc(&mut info);
    corpus_lines(&lines, &mut info, profile);
    link_lists(&mut info);
    // These look at neighbouring kept lines; iterate to a fixed point so
    // that cleaning the output again finds nothing more.
    while tail(&lines, &mut info) | seo_leads(&lines, &mut info) | adjacent_repeats(&mut info) {}
    separators(&mut info);

    assemble(text, &lines, info, log)
}

/// True for a one-token handle line ("newsbot", "@desk_admin").
fn lone_handle(t: &str, sh: &Shape) -> bool {
    if sh.words != 1 || !(3..=32).contains(&t.len()) {
        return false;
    }
    let body = t.strip_prefix('@').unwrap_or(t);
    let first_lower = body
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    (t.starts_with('@') || first_lower)
        && body
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// SEO meta description pasted at the top.
fn seo_lead(t: &str, sh: &Shape) -> bool {
    if sh.words > 90 {
        return false;
    }
    let imperatives = SEO_IMPERATIVE.find_iter(t).count();
    imperatives >= 2 || imperatives >= 1 && SEO_META.is_match(t)
}

/// Pass 1: per-line vocabulary and shape signals.
fn line_rules(lines: &[Line], info: &mut [Info]) {
    let n = lines.len();
    let mut source_next = false;
    for i in 0..n {
        let t: &str = &lines[i].text;
        let sh = info[i].shape;
        let follows_source_label = std::mem::take(&mut source_next);
        let set = |inf: &mut Info, r: RemovalReason, meta: bool| {
            inf.fate = Some(r);
            inf.meta |= meta;
        };
        if i == 0 || sh.separator {
            continue;
        }
        let key = info[i].key.as_str();
        if follows_source_label && sh.words <= 15 && (BARE_LINK.is_match(t) || !sh.terminal) {
            set(&mut info[i], RemovalReason::SourceLine, true);
            continue;
        }
        if is_toc_heading(key) && !sh.terminal {
            set(&mut info[i], RemovalReason::SeoBoilerplate, false);
            continue;
        }
        if sh.words <= 40 {
            if let Some(m) = SOURCE.find(t) {
                set(&mut info[i], RemovalReason::SourceLine, true);
                // A bare label ("References:") introduces the next line.
                source_next = t[m.end()..].trim().is_empty();
                continue;
            }
        }
        // The remaining line-vocabulary rules only concern short lines;
        // long paragraphs skip straight to the disclaimer check.
        if sh.words > 20 {
            disclaimer_rule(i, n, t, sh, &mut info[i]);
            continue;
        }
        if BYLINE.is_match(t) && sh.words <= 10 && (!sh.terminal || sh.words <= 5) {
            set(&mut info[i], RemovalReason::ScraperByline, true);
            continue;
        }
        if CONTACT.is_match(t) && sh.words <= 20 {
            set(&mut info[i], RemovalReason::SiteFurniture, true);
            continue;
        }
        if BARE_LINK.is_match(t) {
            set(
                &mut info[i],
                RemovalReason::SiteFurniture,
                EMAIL.is_match(t),
            );
            continue;
        }
        if lone_handle(t, &sh) && !is_furniture_word(key) {
            set(&mut info[i], RemovalReason::ScraperByline, true);
            continue;
        }
        if DATELINE.is_match(t)
            && sh.words <= 10
            && (t.bytes().any(|b| b.is_ascii_digit()) || key.ends_with(" ago"))
        {
            set(&mut info[i], RemovalReason::SiteFurniture, true);
            continue;
        }
        if sh.words <= 15
            && (CREDIT_LINE.is_match(t) || CREDIT.find(t).is_some_and(|m| m.end() == t.len()))
        {
            set(&mut info[i], RemovalReason::Caption, false);
            continue;
        }
        if is_furniture(key, sh.words, sh.terminal) {
            set(&mut info[i], RemovalReason::SiteFurniture, false);
            continue;
        }
        if sh.words <= 20 && PROMPT.is_match(t) {
            set(&mut info[i], RemovalReason::SiteFurniture, false);
            continue;
        }
        disclaimer_rule(i, n, t, sh, &mut info[i]);
    }
}

/// A disclaimer paragraph: several cue groups near the head or tail, or a
/// strong cue in a short paragraph anywhere.
fn disclaimer_rule(i: usize, n: usize, t: &str, sh: Shape, inf: &mut Info) {
    let in_zone = i < 4 || i + 4 >= n;
    if sh.words > 80 || !in_zone && sh.words > 60 {
        return;
    }
    let (groups, strong) = disclaimer_score(t);
    if (groups >= 2 && in_zone) || strong && sh.words <= 60 || groups >= 3 {
        inf.fate = Some(RemovalReason::Disclaimer);
    }
}

/// Lone lower-case words that are furniture, not handles: they are caught
/// by the furniture list instead.
fn is_furniture_word(key: &str) -> bool {
    is_furniture(key, 1, false)
}

/// Index of the sentence containing byte `pos`.
fn sentence_at(sents: &[(usize, usize)], pos: usize) -> Option<usize> {
    let i = sents.partition_point(|s| s.1 <= pos);
    (i < sents.len() && sents[i].0 <= pos).then_some(i)
}

/// When a leak phrase opens sentence `sent` and is followed, within a few
/// words, by "that" and a clause of at least six words, the end of the
/// lead-in (after "that "); otherwise `None` (the whole sentence is meta-talk).
fn leak_lead_in(t: &str, sent: (usize, usize), m_start: usize, m_end: usize) -> Option<usize> {
    let head = t.get(sent.0..m_start)?;
    if !head.trim().is_empty() {
        return None;
    }
    let rest = t.get(m_end..sent.1)?;
    let window_end = rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i);
    let that = rest.get(..window_end)?.find(" that ")?;
    let clause_start = m_end + that + " that ".len();
    let clause = t.get(clause_start..sent.1)?;
    (clause.split_whitespace().count() >= 6).then_some(clause_start)
}

/// Pass 2: rewrite-leak sentences and paragraphs.
fn leaks(lines: &[Line], info: &mut [Info]) {
    let n = lines.len();
    for i in 0..n {
        if !info[i].kept() {
            continue;
        }
        let t: &str = &lines[i].text;
        let mut flagged: Vec<usize> = Vec::new();
        let mut lead_ins: Vec<(usize, usize)> = Vec::new();
        for m in LEAK.find_iter(t) {
            if let Some(k) = sentence_at(&info[i].sents, m.start()) {
                // "The source text notes that <a fact>": the rewriter's
                // lead-in is the leak; the clause after "that" is content.
                if let Some(end) = leak_lead_in(t, info[i].sents[k], m.start(), m.end()) {
                    if lead_ins.last().map(|l| l.0) != Some(info[i].sents[k].0) {
                        lead_ins.push((info[i].sents[k].0, end));
                    }
                    continue;
                }
                if flagged.last() != Some(&k) {
                    flagged.push(k);
                }
            }
        }
        // Lead-ins of sentences that are leaks as a whole go with them.
        lead_ins.retain(|l| !flagged.iter().any(|&k| info[i].sents[k].0 == l.0));
        for (a, b) in lead_ins {
            info[i].subs.push((a, b, RemovalReason::RewriteLeak));
        }
        if flagged.is_empty() {
            continue;
        }
        let total = info[i].sents.len();
        // The title line only goes when it is nothing but meta-talk
        // ("Here is the rewritten article:").
        if i == 0 && flagged.len() < total {
            continue;
        }
        let after_sep = (0..i)
            .rev()
            .find(|&j| info[j].kept() || info[j].shape.separator)
            .is_some_and(|j| info[j].shape.separator);
        let near_end = i + 3 >= n;
        if flagged.len() == total || flagged.len() * 2 >= total && (after_sep || near_end) {
            info[i].fate = Some(RemovalReason::RewriteLeak);
        } else {
            for k in flagged {
                let (a, b) = info[i].sents[k];
                info[i].subs.push((a, b, RemovalReason::RewriteLeak));
            }
        }
    }
}

/// Pass 3: paragraphs repeating an earlier one.
fn repeats(info: &mut [Info]) {
    let mut seen: HashSet<u64> = HashSet::new();
    for (i, inf) in info.iter_mut().enumerate() {
        // Headings legitimately repeat (a ToC entry and its section);
        // only prose paragraphs count here.
        if !inf.kept()
            || inf.shape.separator
            || inf.shape.headline
            || inf.hash == 0
            || inf.shape.words < 6
        {
            continue;
        }
        if !seen.insert(inf.hash) && i > 0 {
            inf.fate = Some(RemovalReason::RepeatedParagraph);
        }
    }
}

/// Last pass: a short line (heading) repeating the kept line right before
/// it. Run on final fates so that a second pass sees the same neighbours.
fn adjacent_repeats(info: &mut [Info]) -> bool {
    let mut changed = false;
    let mut prev_key: Option<usize> = None;
    for i in 0..info.len() {
        if !info[i].kept() || info[i].shape.separator || info[i].hash == 0 {
            continue;
        }
        if prev_key.is_some_and(|p| info[p].hash == info[i].hash) && info[i].subs.is_empty() {
            info[i].fate = Some(RemovalReason::RepeatedParagraph);
            changed = true;
            continue;
        }
        prev_key = Some(i);
    }
    changed
}

/// End of a photo credit starting at byte `pos` of `t`, if one does.
fn credit_end(t: &str, pos: usize) -> Option<usize> {
    let m = CREDIT.find(t.get(pos..)?)?;
    let end = pos + m.end();
    // The credit must end at a word edge.
    match t[end..].chars().next() {
        None => Some(end),
        Some(c) if c.is_whitespace() || matches!(c, '.' | ',' | ')' | ']') => Some(end),
        _ => None,
    }
}

/// Pass 4: duplicated photo captions and their credits.
fn captions(lines: &[Line], info: &mut [Info]) {
    // Every credit form contains '/', "Images" or "Photo": skip other lines.
    let hinted: Vec<bool> = lines
        .iter()
        .zip(info.iter())
        .map(|(l, inf)| {
            // A credit follows a sentence, so it needs two of them.
            let b = l.text.as_bytes();
            inf.sents.len() >= 2
                && (memchr::memchr(b'/', b).is_some()
                    || memchr::memmem::find(b, b"Images").is_some()
                    || memchr::memmem::find(b, b"Photo").is_some())
        })
        .collect();
    // A credit right after sentence k of line i: (start, end).
    let credit_after = |info: &[Info], i: usize, k: usize| -> Option<(usize, usize)> {
        if !hinted[i] {
            return None;
        }
        let &(a, _) = info[i].sents.get(k + 1)?;
        credit_end(&lines[i].text, a).map(|e| (a, e))
    };
    // Occurrences of candidate caption sentences among kept body lines.
    // Captions glued into paragraphs sit at their edges or before a
    // credit, so only those sentences are hashed.
    let mut occ: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut credits: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for i in 1..lines.len() {
        // Headings repeat for other reasons (ToC); captions are prose.
        if !info[i].kept() || info[i].shape.headline {
            continue;
        }
        let ns = info[i].sents.len();
        for k in 0..ns {
            let credit = credit_after(info, i, k);
            if let Some(c) = credit {
                credits.push(((i, k), c));
            }
            if k != 0 && k + 1 != ns && credit.is_none() {
                continue;
            }
            let (a, b) = info[i].sents[k];
            let s = &lines[i].text[a..b];
            if text::word_count(s) >= 6 {
                occ.entry(text::raw_hash(s)).or_default().push((i, k));
            }
        }
    }
    let credit_of = |i: usize, k: usize| credits.iter().find(|c| c.0 == (i, k)).map(|c| c.1);
    let mut caption_sent: Vec<(usize, usize)> = Vec::new();
    for list in occ.values() {
        if list.len() < 2 {
            continue;
        }
        let any_credit = list.iter().any(|&(i, k)| credit_of(i, k).is_some());
        let edges = list.iter().any(|&(i, k)| k + 1 == info[i].sents.len())
            && list.iter().any(|&(i, k)| k == 0 && i > list[0].0);
        if any_credit || edges {
            caption_sent.extend(list.iter().copied());
        }
    }
    // Lone credits (and the caption before one that opens a paragraph).
    for &((i, k), _) in &credits {
        if k == 0 && !caption_sent.contains(&(i, k)) {
            caption_sent.push((i, k));
        }
    }
    caption_sent.sort_unstable();
    caption_sent.dedup();
    for &(i, k) in &caption_sent {
        let (a, b) = info[i].sents[k];
        let end = credit_of(i, k).map_or(b, |c| c.1);
        info[i].subs.push((a, end, RemovalReason::Caption));
    }
    for &((i, k), (cs, ce)) in &credits {
        if !caption_sent.contains(&(i, k)) {
            info[i].subs.push((cs, ce, RemovalReason::Caption));
        }
    }
}

/// A line whose every word is claimed by sub-removals is removed whole,
/// so later passes (tail, separators) see it as gone.
fn collapse_emptied(lines: &[Line], info: &mut [Info]) {
    for (l, inf) in lines.iter().zip(info.iter_mut()) {
        if !inf.kept() || inf.subs.is_empty() {
            continue;
        }
        let mut covered = vec![false; l.text.len()];
        for &(a, b, _) in &inf.subs {
            for c in covered.iter_mut().take(b).skip(a) {
                *c = true;
            }
        }
        let all = l
            .text
            .char_indices()
            .all(|(i, ch)| ch.is_whitespace() || covered.get(i).copied().unwrap_or(false));
        if all {
            let first = inf.subs.iter().min_by_key(|s| s.0).map(|s| s.2);
            inf.fate = first;
            inf.subs.clear();
        }
    }
}

/// Pass 5: the heading list under a table-of-contents heading.
fn toc(info: &mut [Info]) {
    let n = info.len();
    for h in 0..n {
        if !(info[h].fate == Some(RemovalReason::SeoBoilerplate) && is_toc_heading(&info[h].key)) {
            continue;
        }
        let mut j = h + 1;
        while j < n && info[j].kept() && info[j].shape.headline && info[j].shape.words <= 12 {
            j += 1;
        }
        if j == h + 1 {
            continue;
        }
        // When body follows the run, its last heading is the first
        // section's own heading, not a ToC entry.
        let body_follows = j < n && info[j].kept() && !info[j].shape.headline;
        let stop = if body_follows { j - 1 } else { j };
        for inf in &mut info[h + 1..stop] {
            inf.fate = Some(RemovalReason::SeoBoilerplate);
        }
    }
}

/// Pass 6: short lines seen in many articles of the corpus.
fn corpus_lines(lines: &[Line], info: &mut [Info], profile: &CorpusProfile) {
    if profile.is_empty() {
        return;
    }
    for i in 1..info.len() {
        let sh = info[i].shape;
        if !info[i].kept()
            || sh.separator
            || sh.words >= corpus::MAX_WORDS
            || sh.terminal && sh.words > 5
        {
            continue;
        }
        if profile.passes(profile.count_hash(info[i].hash)) {
            info[i].fate = Some(RemovalReason::CorpusBoilerplate);
            let t: &str = &lines[i].text;
            info[i].meta |= EMAIL.is_match(t) || BYLINE.is_match(t) || DATELINE.is_match(t);
        }
    }
}

/// Pass 7: short lines listed under a "related"-type heading at the end.
fn link_lists(info: &mut [Info]) {
    let n = info.len();
    for h in 1..n {
        if info[h].fate != Some(RemovalReason::SiteFurniture) || !is_list_heading(&info[h].key) {
            continue;
        }
        let rest = h + 1..n;
        let all_short = rest
            .clone()
            .all(|j| !info[j].kept() || info[j].shape.words <= 20 && !info[j].shape.separator);
        if all_short {
            for j in rest {
                if info[j].kept() {
                    info[j].fate = Some(RemovalReason::SiteFurniture);
                }
            }
            return;
        }
    }
}

/// Pass 8: headline lists and SEO closing lines at the very end.
fn tail(lines: &[Line], info: &mut [Info]) -> bool {
    let mut changed = false;
    let mut cands: Vec<usize> = Vec::new();
    for i in (1..lines.len()).rev() {
        if !info[i].kept() || info[i].shape.separator {
            continue;
        }
        let sh = info[i].shape;
        if sh.words <= 40 && SEO_CLOSING.is_match(&lines[i].text) {
            info[i].fate = Some(RemovalReason::SeoBoilerplate);
            changed = true;
            continue;
        }
        if sh.headline {
            cands.push(i);
            continue;
        }
        break;
    }
    let titled = cands.iter().filter(|&&i| info[i].shape.titled).count();
    for &i in &cands {
        let sh = info[i].shape;
        // A list of ≥2 Title Case headlines after the body is a link list;
        // a single one needs some length to be read as a headline.
        if titled >= 2 || sh.titled && sh.words >= 3 {
            info[i].fate = Some(RemovalReason::SiteFurniture);
            changed = true;
        }
    }
    changed
}

/// Pass 10: an SEO meta description among the first two kept lines.
/// Repeated until stable so that a second pass finds nothing more.
fn seo_leads(lines: &[Line], info: &mut [Info]) -> bool {
    let mut any = false;
    loop {
        let mut changed = false;
        let head: Vec<usize> = (0..info.len())
            .filter(|&i| info[i].kept() && !info[i].shape.separator)
            .take(2)
            .collect();
        for i in head {
            if seo_lead(&lines[i].text, &info[i].shape) {
                info[i].fate = Some(RemovalReason::SeoBoilerplate);
                info[i].subs.clear();
                changed = true;
            }
        }
        if !changed {
            return any;
        }
        any = true;
    }
}

/// Pass 9: separators that only introduce removed residue.
fn separators(info: &mut [Info]) {
    let n = info.len();
    for i in (1..n).rev() {
        if !info[i].shape.separator || !info[i].kept() {
            continue;
        }
        let next = (i + 1..n).find(|&j| !info[j].shape.separator || !info[j].kept());
        let reason = match next {
            None => Some(RemovalReason::SiteFurniture),
            Some(j) => info[j].fate,
        };
        if reason.is_some() {
            info[i].fate = reason;
        }
    }
}

/// Builds the cleaned text and the removal list.
fn assemble(input: &str, lines: &[Line], info: Vec<Info>, log: RepairLog) -> Cleaned {
    let mut out = String::with_capacity(input.len());
    let mut removed = Vec::new();
    let mut meta_lines = Vec::new();
    let push_removal = |removed: &mut Vec<Removal>, reason, start: usize, end: usize, at: usize| {
        if let Some(t) = input.get(start..end) {
            if !t.trim().is_empty() {
                removed.push(Removal {
                    reason,
                    text: t.to_string(),
                    start,
                    end,
                    at,
                });
            }
        }
    };
    for (l, mut inf) in lines.iter().zip(info) {
        if inf.meta {
            if let Some(t) = input.get(l.start..l.end) {
                meta_lines.push(t.to_string());
            }
        }
        if let Some(r) = inf.fate {
            push_removal(&mut removed, r, l.start, l.end, out.len());
            continue;
        }
        // Sorted, disjoint sub-removals (the first claim on a byte wins).
        inf.subs.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
        let mut subs: Vec<(usize, usize, RemovalReason)> = Vec::with_capacity(inf.subs.len());
        for s in inf.subs {
            if subs.last().is_none_or(|p| s.0 >= p.1) && s.0 < s.1 {
                subs.push(s);
            }
        }
        let t: &str = &l.text;
        let mut first = true;
        let mut pos = 0;
        let emit = |out: &mut String, piece: &str, first: &mut bool| {
            let piece = piece.trim();
            if piece.is_empty() {
                return;
            }
            if *first {
                if !out.is_empty() {
                    out.push('\n');
                }
                *first = false;
            } else {
                out.push(' ');
            }
            out.push_str(piece);
        };
        for (a, b, r) in subs {
            emit(&mut out, t.get(pos..a).unwrap_or(""), &mut first);
            push_removal(&mut removed, r, l.to_input(a), l.to_input(b), out.len());
            pos = b;
        }
        emit(&mut out, t.get(pos..).unwrap_or(""), &mut first);
    }
    Cleaned {
        text: out,
        removed,
        repairs: log.into_repairs(),
        meta_lines,
    }
}

#[cfg(test)]
mod tests;
