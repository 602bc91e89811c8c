//! General vocabulary and patterns for residue: site-furniture headings,
//! contact/byline/source lines, share prompts, photo credits, SEO phrasing,
//! disclaimer cues and rewrite-leak meta-talk. All compiled once.
//!
//! These are general English patterns of the genre (what furniture and
//! meta-talk look like anywhere), not phrases of particular articles.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;

/// Compiles a case-insensitive pattern with ASCII word boundaries (Unicode
/// `\b` would push the regex engine off its fast DFA on non-ASCII text).
fn re(pat: &str) -> Regex {
    Regex::new(&format!("(?i){}", pat.replace(r"\b", r"(?-u:\b)"))).expect("valid pattern")
}

/// Whole-line (normalised) furniture headings and widgets.
static FURNITURE_EXACT: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    [
        "related",
        "related articles",
        "related posts",
        "related stories",
        "related news",
        "related content",
        "related topics",
        "read more",
        "read also",
        "also read",
        "see also",
        "read next",
        "more",
        "show more",
        "load more",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "you may have missed",
        "trending",
        "trending now",
        "popular",
        "popular posts",
        "most popular",
        "most read",
        "top stories",
        "more stories",
        "more news",
        "latest",
        "latest news",
        "latest updates",
        "latest stories",
        "latest posts",
        "recent",
        "recent news",
        "recent updates",
        "recent posts",
        "recent stories",
        "contact",
        "contact us",
        "contact information",
        "about us",
        "about",
        "advertisement",
        "advertisements",
        "sponsored",
        "sponsored content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share this post",
        "tweet",
        "print",
        "email",
        "e mail",
        "whatsapp",
        "telegram",
        "facebook",
        "twitter",
        "linkedin",
        "reddit",
        "copy link",
        "comments",
        "comment",
        "leave a comment",
        "leave a reply",
        "post a comment",
        "view comments",
        "join the conversation",
        "tags",
        "filed under",
        "categories",
        "category",
        "newsletter",
        "subscribe",
        "subscribe now",
        "sign up",
        "follow us",
        "next article",
        "previous article",
        "next post",
        "previous post",
        "next",
        "previous",
        "back to top",
        "skip to content",
        "home",
        "menu",
        "search",
        "privacy policy",
        "terms of use",
        "terms of service",
        "cookie policy",
        "all rights reserved",
        "loading",
        "click here",
        "thanks for reading",
        "thank you for reading",
        "about the author",
        "author",
        "editor s picks",
        "editors picks",
        "editor picks",
        "must read",
        "don t miss",
        "dont miss",
        "watch",
        "listen",
        "listen to this article",
        "more from author",
        "more from the author",
        "more from this author",
        "in case you missed it",
    ]
    .into_iter()
    .collect()
});

/// Line-start furniture phrases (normalised) allowing a few more words
/// ("More from Jane Roe", "Share on Facebook").
const FURNITURE_PREFIX: &[&str] = &[
    "more from",
    "related",
    "read more",
    "read also",
    "also read",
    "see also",
    "you may also like",
    "you might also like",
    "recommended for you",
    "recent updates",
    "recent news",
    "recent posts",
    "latest news",
    "more stories",
    "more news",
    "share this",
    "share on",
    "follow us",
    "subscribe to",
    "sign up for",
    "sign up to",
    "join our",
    "filed under",
    "tags",
    "leave a comment",
    "leave a reply",
    "about the author",
    "click here",
    "download the",
    "download our",
    "get the latest",
    "trending",
    "most read",
    "top stories",
    "copyright",
];

/// Headings that introduce a list of other articles: the short lines
/// after one of these at the article's end are links, not body.
const LIST_HEADINGS: &[&str] = &[
    "more from",
    "related",
    "read more",
    "read also",
    "also read",
    "see also",
    "read next",
    "recommended",
    "you may also like",
    "you might also like",
    "you may have missed",
    "trending",
    "popular",
    "most popular",
    "most read",
    "top stories",
    "more stories",
    "more news",
    "latest",
    "recent",
    "editor",
    "must read",
    "don t miss",
    "dont miss",
    "in case you missed",
];

/// True when the normalised key is a furniture heading/widget line.
pub(crate) fn is_furniture(key: &str, words: usize, terminal: bool) -> bool {
    if FURNITURE_EXACT.contains(key) {
        return true;
    }
    if terminal || words > 9 {
        return false;
    }
    FURNITURE_PREFIX.iter().any(|p| {
        key.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' ') && word_len(rest) <= 4)
    })
}

fn word_len(s: &str) -> usize {
    s.split_whitespace().count()
}

/// True when a furniture line introduces a list of links.
pub(crate) fn is_list_heading(key: &str) -> bool {
    LIST_HEADINGS.iter().any(|p| {
        key.strip_prefix(p)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    })
}

/// "Address: …", "Email: …", "Phone: …" contact-block lines.
pub(crate) static CONTACT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(address|e-?mail|phone|tel|telephone|fax|mobile|whatsapp|contact( us| info| information)?|reach us|office|hotline)\s*:",
    )
});

/// A line that is just an e-mail address, URL or bare domain.
pub(crate) static BARE_LINK: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(mailto:)?[\w.+-]+@[\w-]+(\.[\w-]+)+$|^(https?://)?(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,12}(/\S*)?$",
    )
});

/// E-mail anywhere in a line (marks metadata).
pub(crate) static EMAIL: Lazy<Regex> = Lazy::new(|| re(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"));

/// Bylines: "written by X", "posted by X", "By Jane Roe".
pub(crate) static BYLINE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(written|posted|published|submitted|compiled|curated|uploaded|shared|reported|edited|produced|story|words)\s+by\b|^by\s+\p{Lu}|^(author|byline|reporter|posted in)\s*:",
    )
});

/// "Published 3 hours ago", "Updated: March 4, 2025" …
pub(crate) static DATELINE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(published|updated|last updated|first published|posted|posted on|date)\b[\s:]*(on\s+)?.{0,60}$",
    )
});

/// Source/reference label lines.
pub(crate) static SOURCE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(sources?|references?|reference\(s\)|source\(s\)|via|credits?|image source|photo source|source link|original source|with inputs? from|additional reporting( by)?|reporting by|editing by|writing by|compiled from)\s*(:|-|\u{2013}|\u{2014}|$)",
    )
});

/// Share/subscribe/follow prompts.
pub(crate) static PROMPT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(share (this|on|via|with|your|now|the (article|story|post|page))|subscribe|follow us|follow our|sign up|join our|join us|click here|tap here|download our|download the app|get our|get the latest|like us|turn on notifications|enable notifications|don't forget to (share|subscribe|follow))\b",
    )
});

/// Photo credit at the start of a sentence: "Jane Roe/Getty Images",
/// "Getty Images", "AFP via Getty Images", "REUTERS/Jane Roe", "AP Photo/…".
pub(crate) static CREDIT: Lazy<Regex> = Lazy::new(|| {
    const AGENCY: &str = r"(?:Getty Images|AFP|AP|Reuters|REUTERS|EPA(?:-EFE)?|Bloomberg|Shutterstock|Sipa(?: USA)?|Anadolu(?: Agency)?|Sputnik|TASS|Xinhua|Pool|Alamy|NurPhoto|SOPA Images|Zuma(?: Press)?|ZUMA|LightRocket|Handout|File|Press Association|PA)";
    const NAME: &str = r"(?:\p{Lu}[\p{L}.'\-]*\s+){0,3}\p{Lu}[\p{L}.'\-]*";
    Regex::new(&format!(
        r"^(?:{NAME}\s*/\s*{AGENCY}(?:\s+via\s+Getty Images)?|{AGENCY}\s*/\s*{NAME}|(?:{NAME}\s+)?via\s+Getty Images|Getty Images|(?:AP|AFP|Reuters) Photo(?:\s*/\s*{NAME})?)(?:\s*/\s*File)?"
    ))
    .expect("valid pattern")
});

/// A line that is only a photo credit ("Photo: Jane Roe", "Image credit …").
pub(crate) static CREDIT_LINE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(photo|image|picture|photograph|illustration|video|main image|top image|featured image|cover image)\s*(credit|source|courtesy|by)?\s*(:|\u{2013}|\u{2014}|-|by\b)",
    )
});

/// Table-of-contents headings (normalised).
pub(crate) fn is_toc_heading(key: &str) -> bool {
    matches!(
        key,
        "table of contents"
            | "contents"
            | "in this article"
            | "on this page"
            | "jump to"
            | "article contents"
            | "quick links"
            | "jump to section"
            | "in this post"
            | "in this guide"
            | "what s inside"
            | "whats inside"
            | "toc"
    )
}

/// SEO lead-in: a sentence opening with an imperative "discover/explore…".
pub(crate) static SEO_IMPERATIVE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(^|[.!?]\s+)(discover|explore|learn|find out|uncover|dive into|delve into|read about|get insights|gain insights|understand|unpack|see how|stay informed|get the full story)\b",
    )
});

/// SEO lead-in: "in this in-depth analysis/guide/article".
pub(crate) static SEO_META: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\bin this (in-depth |comprehensive |detailed |complete |quick |short |ultimate )?(analysis|article|guide|post|piece|explainer|overview|report|blog|breakdown|deep dive)\b|\b(key takeaways|everything you need to know)\b",
    )
});

/// SEO closing lines ("For further insights, monitor developments …").
pub(crate) static SEO_CLOSING: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(for (further|more) (insights|information|details|updates|news|coverage|analysis|reading)|for the latest|to learn more|to read more|to stay (informed|updated)|stay (tuned|informed|updated)|keep (an eye on|following|checking)|monitor (developments|updates|the situation|this story)|follow (us|our)\b|check back|read more (about|on|at)|be sure to (follow|check|subscribe))\b",
    )
});

/// Rewrite-leak meta-talk: a machine rewriter talking about its input or
/// its output instead of the news.
pub(crate) static LEAK: Lazy<Regex> = Lazy::new(|| {
    re(concat!(
        r"\b(the|this) original (text|article|content|passage|piece)\s+(also\s+|clearly\s+|further\s+)?",
        r"(mentions?|mentioned|says|said|states|stated|notes|noted|describes|described|refers|referred|discusses|discussed|highlights|highlighted|suggests|suggested|includes|included|does not|did not|doesn't|didn't|talks|provided|reports|reported|focuses|focused|contains|contained|seems|appears|lacks|indicates|indicated|claims|claimed|emphasi[sz]es)\b",
        r"|\b(based on|compared to|compared with|unlike|in contrast to|than) the original (text|article|passage)\b",
        r"|\b(rewritten|paraphrased|reworded|rephrased|revised|restructured) (version|article|text|content|passage|story)\b",
        r"|\bhere('s| is| are)\s+(a |the |your |my )?(rewritten|revised|paraphrased|reworded|rephrased|updated|new|unique|plagiarism-free)\b",
        r"|\bas an ai\b|\b(ai|large) language model\b|\bi('m| am) (sorry|unable)\b|\bi (cannot|can't|can not) (provide|help|assist|rewrite)\b",
        r"|\b(this (article|piece|text|rewrite|version|summary|content)|the rewrite|the rewritten (text|article|version)) (focuses|focused|aims|aimed|is intended|was intended|intends|solely|only covers|strictly|maintains|avoids|adheres|has been rewritten|was rewritten|has been paraphrased|was paraphrased|is a rewritten|is a paraphrase|retains|preserves|keeps)\b",
        r"|\b(it|this article|the article|this piece|this text|the text|this rewrite|this version)\s+(does not|doesn't|do not|did not)\s+(provide|include|offer|contain|express|add|make|reflect)\s+(any\s+)?(personal\s+|additional\s+|further\s+)?(commentary|analysis|opinions?|speculation|views|assumptions|interpretation)\b",
        r"|\bthe (provided|given|source|input|supplied) (text|article|passage|content)\b",
        r"|\b(in|for) (this|the) rewrite\b",
        r"|\bi('ve| have) (rewritten|paraphrased|revised|reworded|rephrased|kept|maintained|removed|omitted|preserved|retained)\b",
        r"|\b(let me know if you|i hope this (helps|meets)|feel free to ask)\b",
        r"|\bwithout (adding|including|introducing) (any )?(personal )?(opinions?|commentary|bias|speculation)\b",
        r"|\bas part of (objective|neutral|unbiased|balanced) (coverage|reporting)\b",
        r"|\b(word count|plagiarism[- ]free|seo[- ]optimi[sz]ed)\b",
    ))
});

/// Disclaimer cue groups (translation, accuracy, original, AI, editorial
/// process, legal). A paragraph hitting several groups is a disclaimer.
const DISCLAIMER_CUES: &[(&str, u8, bool)] = &[
    ("translation", 0, false),
    ("translated", 0, false),
    ("machine-translated", 0, true),
    ("automatically translated", 0, true),
    ("inaccuracies", 1, false),
    ("inaccurate", 1, false),
    ("may contain errors", 1, true),
    ("may contain inaccuracies", 1, true),
    ("accuracy", 1, false),
    ("refer to the original", 2, true),
    ("original language", 2, false),
    ("original content", 2, false),
    ("original version", 2, false),
    (" ai ", 3, false),
    ("ai-generated", 3, false),
    ("ai-assisted", 3, false),
    ("generated by ai", 3, false),
    ("artificial intelligence", 3, false),
    ("is in beta", 3, false),
    ("automated", 3, false),
    ("this content was generated", 3, true),
    ("generated with the assistance", 3, true),
    ("generated with the help", 3, true),
    ("editorial standards", 4, false),
    ("editorial guidelines", 4, false),
    ("editorial team", 4, false),
    ("editorial policy", 4, false),
    ("verified firsthand", 4, false),
    ("knowledgeable sources", 4, false),
    ("fact-checked", 4, false),
    ("reviewed by our", 4, false),
    ("reviewed and edited", 4, false),
    ("has not been edited", 4, true),
    ("views expressed", 5, true),
    ("not necessarily reflect", 5, true),
    ("for informational purposes", 5, true),
    ("does not constitute", 5, false),
    ("not financial advice", 5, true),
    ("affiliate link", 5, false),
    ("earn a commission", 5, true),
    ("all rights reserved", 5, true),
    ("may not be reproduced", 5, true),
    ("without prior written permission", 5, true),
];

static DISCLAIMER_AC: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(DISCLAIMER_CUES.iter().map(|c| c.0))
        .expect("valid patterns")
});

/// Disclaimer evidence in a text: number of distinct cue groups, and
/// whether a strong (self-sufficient) cue occurred.
pub(crate) fn disclaimer_score(s: &str) -> (u32, bool) {
    let mut groups = 0u8;
    let mut strong = false;
    // Pad so " ai " can match at the edges.
    for m in DISCLAIMER_AC.find_iter(s) {
        let (_, g, st) = DISCLAIMER_CUES[m.pattern().as_usize()];
        groups |= 1 << g;
        strong |= st;
    }
    (groups.count_ones(), strong)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn furniture() {
        assert!(is_furniture(&normalize("More From Author"), 3, false));
        assert!(is_furniture(&normalize("Share on Facebook"), 3, false));
        assert!(!is_furniture(
            &normalize("Home Secretary Resigns Over Ferry Deal"),
            6,
            false
        ));
        assert!(is_list_heading(&normalize("Related Stories")));
    }

    #[test]
    fn credits() {
        for c in [
            "Jane Roe/Getty Images The",
            "Getty Images Next",
            "REUTERS/Jane Roe",
            "AFP via Getty Images",
            "AP Photo/Ann Lee",
        ] {
            assert!(CREDIT.is_match(c), "{c}");
        }
        assert!(!CREDIT.is_match("Reuters reported on Monday"));
    }

    #[test]
    fn leaks_and_disclaimers() {
        assert!(LEAK.is_match("The original text mentions that the mayor left."));
        assert!(!LEAK.is_match("The original text of the treaty was signed in 1994."));
        assert!(LEAK.is_match("Here is the rewritten article:"));
        assert!(LEAK.is_match("It does not provide commentary on the vote."));
        let (g, _) =
            disclaimer_score("Translations may contain inaccuracies. Our AI tool is in beta.");
        assert!(g >= 2);
        assert_eq!(disclaimer_score("The mayor opened a bridge.").0, 0);
    }

    #[test]
    fn seo() {
        assert!(SEO_IMPERATIVE.is_match("Discover the stakes of the vote."));
        assert!(SEO_META.is_match("Its impact in this in-depth analysis."));
        assert!(SEO_CLOSING.is_match("For more information, visit the council site."));
    }
}
