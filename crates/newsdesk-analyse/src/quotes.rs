//! Direct and partial quotations with their speakers.
//!
//! The stage works in three steps:
//!
//! 1. **Marks** ([`marks`]): every quotation mark in the text is found and
//!    classified as a possible opener and/or closer (straight `"` and `'`
//!    are told apart from apostrophes and inch marks by their neighbours;
//!    escaped `\"` left over from scraping counts as one mark).
//! 2. **Pairing**: openers are paired with the next closer of the same
//!    family *within the paragraph* and under a length cap, so one stray
//!    mark never swallows the rest of the article. A paragraph that opens a
//!    quote and never closes it, followed by a paragraph that opens with a
//!    quote mark, is the newspaper convention for a quote running over
//!    several paragraphs: each piece becomes a quote, later ones inherit
//!    the speaker.
//! 3. **Attribution** ([`attrib`]): the reporter's words around the quote
//!    (same sentence, outside the marks) are searched for a reporting verb
//!    and its subject: `"…," X said`, `"…," said X`, `X said: "…"`,
//!    `X told Y: "…"`, `according to X`, appositives (`X, who …, said`),
//!    anonymous sources, groups, organisations and pronouns (resolved to a
//!    single nearby person, or left unresolved). A wrong speaker is worse
//!    than none, so every ambiguous case yields `speaker: None`.
//!
//! Named entities from the entity recogniser fill `Speaker::name` when
//! present; without them, a small capitalised-name detector
//! ([`attrib::NameIndex`]) finds speaker spans and full names.

mod attrib;
mod marks;

use newsdesk_core::{Mention, Quote, QuoteKind, Sentence, Span, Speaker};

use attrib::{Attribution, Context};

/// Finds quotations in `text` and attributes them.
///
/// `sentences` are the article's sentences (used to bound the reporter's
/// words around a quote); `mentions` are the entity mentions, used to name
/// speakers when available (may be empty). Output is ordered by position;
/// every `Quote::text` equals `text[span]`.
pub fn find_quotes(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Quote> {
    let raws = marks::pair_quotes(text);
    if raws.is_empty() {
        return Vec::new();
    }
    let ctx = Context::new(text, sentences, mentions, &raws);
    let mut out: Vec<Quote> = Vec::with_capacity(raws.len());
    // The previous emitted quote's speaker, cue and the end of the
    // reporter's text it used: a following quote separated from it by
    // nothing but punctuation continues the same speech.
    let mut prev: Option<Prev> = None;
    // Earlier person speakers (position, full name): pronoun antecedents.
    let mut priors: Vec<(usize, String)> = Vec::new();
    for (qi, raw) in raws.iter().enumerate() {
        let attribution = attrib::attribute(&ctx, qi, &priors);
        let (speaker, cue, extent_end, inherited_kind, right_attr) = match attribution {
            Some(Attribution {
                speaker,
                cue,
                extent_end,
                person,
            }) => {
                if let (true, Some(sp)) = (person, &speaker) {
                    if let Some(name) = &sp.name {
                        priors.push((sp.span.start, name.clone()));
                    }
                }
                let right_attr = extent_end > raw.close_end();
                (speaker, Some(cue), extent_end, None, right_attr)
            }
            None => {
                let continues = prev.as_ref().is_some_and(|p| {
                    raw.continues_previous
                        || no_words_between(text, p.extent_end, raw.open.start)
                        || (p.right_attr
                            && ctx.left_context(qi).trim().is_empty()
                            && follows_attribution(text, p.extent_end, raw.open.start))
                });
                match (&prev, continues) {
                    (Some(p), true) if p.speaker.is_some() || p.cue.is_some() => (
                        p.speaker.clone(),
                        p.cue.clone(),
                        raw.close_end(),
                        Some(p.kind),
                        false,
                    ),
                    _ => (None, None, raw.close_end(), None, false),
                }
            }
        };
        let kind = inherited_kind.unwrap_or_else(|| quote_kind(text, &ctx, qi, cue.is_some()));
        if kind == QuoteKind::Partial && cue.is_none() && is_scare_quote(text, raw.inner) {
            // Scare quotes and titles: no reporting verb, too short or all
            // title-case. Not speech; and they must not carry a speaker on
            // to the next quote.
            prev = None;
            continue;
        }
        if kind == QuoteKind::Partial
            && is_title_case(text, raw.inner)
            && !attrib::verb_within(ctx.left_context(qi), 2)
        {
            // A title in quotation marks ("the book "A Time to Act"") in a
            // sentence that reports speech elsewhere: not a quote.
            prev = None;
            continue;
        }
        let Some(qtext) = raw.inner.slice(text) else {
            continue;
        };
        out.push(Quote {
            span: raw.inner,
            text: qtext.to_string(),
            kind,
            speaker: speaker.clone(),
            cue: cue.clone(),
        });
        prev = Some(Prev {
            speaker,
            cue,
            extent_end,
            kind,
            right_attr,
        });
    }
    out
}

/// The previous quote's attribution, carried to a quote that continues it.
struct Prev {
    speaker: Option<Speaker>,
    cue: Option<String>,
    /// End of the reporter's words used by the attribution.
    extent_end: usize,
    kind: QuoteKind,
    /// Attributed after the quote (`"…," X said.`).
    right_attr: bool,
}

/// `"…," X said of the plan. "…"`: after an attribution that follows its
/// quote, the next quote opening the next sentence of the same paragraph
/// continues the speech.
fn follows_attribution(text: &str, a: usize, b: usize) -> bool {
    if a > b || b - a > 200 {
        return false;
    }
    let Some(gap) = text.get(a..b) else {
        return false;
    };
    if gap.contains('\n') {
        return false;
    }
    // Another person's clause ("…, and her husband cut in.") breaks it.
    if gap.contains(", and ") || gap.contains(" but ") || gap.contains(" then ") {
        return false;
    }
    // Sentence ends: a full stop, ! or ? before a space, not after an
    // abbreviation ("Mr.", "U.S.").
    let terminators = gap
        .split_whitespace()
        .filter(|w| w.ends_with(['.', '!', '?']) && !is_abbreviation(w))
        .count()
        + usize::from(
            gap.trim_end().ends_with(['.', '!', '?'])
                && gap.ends_with(|c: char| !c.is_whitespace()),
        );
    terminators <= 1
}

/// "Mr.", "U.S.", "Sen." — a dot that doesn't end a sentence.
fn is_abbreviation(w: &str) -> bool {
    let core = w
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches('.');
    core.contains('.')
        || (core.len() <= 4
            && core.chars().next().is_some_and(|c| c.is_uppercase())
            && !core.contains(['!', '?']))
}

/// True when `text[a..b]` holds no letters or digits (only spaces and
/// punctuation), i.e. two quotes follow each other directly.
fn no_words_between(text: &str, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    match text.get(a..b) {
        Some(gap) => !gap.chars().any(|c| c.is_alphanumeric()) && !gap.contains("\n\n"),
        None => false,
    }
}

/// Direct when the quote is a sentence framed by the reporter's text
/// (opens its sentence, follows a colon/comma/reporting verb, or is a
/// complete capitalised sentence); partial when a fragment is embedded in
/// the reporter's sentence.
fn quote_kind(text: &str, ctx: &Context<'_>, qi: usize, has_cue: bool) -> QuoteKind {
    let raw = &ctx.raws[qi];
    if raw.continues_previous {
        return QuoteKind::Direct;
    }
    let inner = raw.inner.slice(text).unwrap_or("");
    let first = inner.chars().find(|c| c.is_alphanumeric());
    let starts_upper = first.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !starts_upper {
        return QuoteKind::Partial;
    }
    let left = ctx.left_context(qi);
    let before = left.trim_end_matches(|c: char| c.is_whitespace() || c == '\\');
    let words = inner.split_whitespace().count();
    if before.is_empty() {
        return QuoteKind::Direct;
    }
    if before.ends_with([':', ',', '—', '–', '(', '-', ';']) {
        return QuoteKind::Direct;
    }
    if attrib::ends_with_reporting_verb(before) {
        return QuoteKind::Direct;
    }
    let ends_sentence = inner
        .trim_end_matches(['"', '\'', ')', ' '])
        .ends_with(['.', '!', '?']);
    if ends_sentence && words >= 4 && has_cue {
        return QuoteKind::Direct;
    }
    QuoteKind::Partial
}

/// Every word of at least four letters is capitalised, at most eight
/// words: a title or name, not speech.
fn is_title_case(text: &str, inner: Span) -> bool {
    let s = inner.slice(text).unwrap_or("");
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .all(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(|c| c.is_uppercase())
            })
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// A partial quote with no reporting verb is a scare quote or a title when
/// it is at most three words, or every word is capitalised.
fn is_scare_quote(text: &str, inner: Span) -> bool {
    let s = inner.slice(text).unwrap_or("");
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 3 {
        return true;
    }
    words
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests;
