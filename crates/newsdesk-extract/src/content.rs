//! Main-content selection and text emission for HTML pages.
//!
//! Passes over the flat tree (all loops, no recursion):
//! 1. flags: invisible elements (script, style, hidden …) are dropped
//!    outright; boilerplate elements (nav, footer, aside, and class/id
//!    tokens like `sidebar`, `share`, `cookie`) are dropped softly — unless
//!    they hold most of the page's text (a `<form>` or a
//!    `content-with-sidebar` wrapper around the whole article); class
//!    words that negate or mention a role (`non-paywall`, `has-ads`), BEM
//!    modifiers (`page--wsidebar`) and heading anchor slugs name no role,
//!    and "teaser", "readmore", "toc" are furniture only when mostly links;
//! 2. paragraph units: each text node belongs to its nearest block
//!    element; units with enough text and few links score their ancestors
//!    readability-style;
//! 3. the container: `[itemprop=articleBody]`, `<article>`, `<main>` when
//!    they hold a fair share of the content, otherwise the best-scored
//!    block plus good siblings;
//! 4. emission: one line per block, inline text joined, headings and list
//!    items on their own lines, link-dense lists skipped.

use crate::dom::{FlatNode, Kind};
use crate::text::{collapse_ws, weight};
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;

/// Emitted text is cut off past this many bytes (huge pages).
pub(crate) const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// Unit text weight below which a unit does not score.
const MIN_UNIT: usize = 25;

const NONE: usize = usize::MAX;

fn is_hard_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "head"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "button"
            | "video"
            | "audio"
            | "map"
            | "link"
            | "meta"
            | "title"
            | "base"
            | "dialog"
            | "rt"
            | "rp"
    )
}

fn is_soft_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "menu"
            | "figcaption"
            | "figure"
            | "address"
    )
}

/// Elements that start a new line (and own the inline text inside them).
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "td"
            | "th"
            | "tr"
            | "ul"
            | "caption"
            | "legend"
    )
}

/// Class/id words that mark site furniture. Long words match anywhere in a
/// token (`siteFooter`), short ones only as a token prefix (`nav-bar`).
const BP_CONTAINS: &[&str] = &[
    "footer",
    "sidebar",
    "breadcrumb",
    "newsletter",
    "cookie",
    "comment",
    "related",
    "social",
    "advert",
    "subscri",
    "disqus",
    "taboola",
    "outbrain",
    "consent",
    "gdpr",
    "sharing",
    "sharebar",
    "socialshare",
    "screenreader",
    "sronly",
    "visuallyhidden",
    "pagination",
    "promo",
    "widget",
    "masthead",
    "byline",
    "caption",
    "credit",
    "copyright",
    "teaser",
    "recommend",
    "rating",
    "overlay",
    "dropdown",
    "tooltip",
    "login",
    "signup",
    "postmetadata",
    "entrymeta",
    "entryutility",
    "postmeta",
    "articlemeta",
    "disclaimer",
    "bildunterschrift",
    "imagedescription",
    "imagesubtitle",
    "imgmetadata",
    "nextpost",
    "prevpost",
    "previouspost",
    "nextstory",
    "nextarticle",
    "postnavigation",
    "postnav",
    "notice",
    "tableofcontents",
    "authorbox",
    "aboutauthor",
    "authorbio",
    "relativetime",
    "readingtime",
    "keywords",
    "disclosure",
    "donat",
    "calltoaction",
    "license",
    "trending",
    "crumbs",
    "newsticker",
    "paywall",
];
const BP_PREFIX: &[&str] = &[
    "nav", "menu", "share", "popup", "modal", "banner", "skip", "toolbar", "author", "date",
];
const BP_EXACT: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "sponsor",
    "sponsored",
    "tags",
    "tag",
    "pager",
    "meta",
    "bio",
    "source",
    "sources",
    "alert",
    "legend",
    "dialog",
    "popup",
    "cta",
    "embed",
];
/// Words of elements that are furniture only when mostly links: a
/// "teaser" list of other stories, but also the article's own teaser
/// (lead) paragraph.
const WEAK_WORDS: &[&str] = &["teaser", "readmore"];
/// Whole tokens that are furniture only when mostly links: a table of
/// contents is a list of anchors, while `toc-title-3` sections of some
/// CMSs hold the article's own paragraphs.
const WEAK_EXACT: &[&str] = &["toc"];

/// Furniture that may be large (reader comments) and is never "overruled"
/// for holding most of the page's text.
const COMMENT_WORDS: &[&str] = &["comment", "disqus", "respond", "reply"];
const POSITIVE: &[&str] = &[
    "article", "content", "body", "entry", "main", "post", "story", "text", "blog",
];

/// Splits class + id into lower-case alphanumeric tokens.
fn tokens(el: &FlatNode) -> Vec<String> {
    let mut s = String::new();
    // A heading's long id is an anchor slug made from its own words
    // ("comments-on-the-draft"), not a role; a short one (`comments`)
    // may still name the section.
    let slug = matches!(el.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        && el.attr("id").is_some_and(|v| {
            v.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .count()
                >= 3
        });
    for a in ["class", "id"] {
        if a == "id" && slug {
            continue;
        }
        if let Some(v) = el.attr(a) {
            // Only long class lists are CMS-generated taxonomy soup; in a
            // short list `author-bio` or `tag-list` is the element's role.
            let soup = v.split_whitespace().count() >= 5;
            for class in v.split_whitespace() {
                if !(soup && is_taxonomy_class(class)) {
                    if let Some(c) = role_part(class) {
                        s.push_str(c);
                        s.push(' ');
                    }
                }
            }
        }
    }
    // "sr-only" and "screen-reader-text" would split into harmless tokens;
    // match them joined as well.
    let joined: String = s.to_ascii_lowercase();
    let mut out: Vec<String> = joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    for word in joined.split_whitespace() {
        let j: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if j.len() > 3 && !out.contains(&j) {
            out.push(j);
        }
    }
    out
}

/// The part of a class word that names the element's role: classes
/// that negate or merely mention a role (`non-paywall`, `has-ads`,
/// `with-sidebar`) name none, and a BEM modifier (`layout--wsidebar`,
/// `section--ads`) describes a state of its block, not what the block is.
fn role_part(class: &str) -> Option<&str> {
    let b = class.as_bytes();
    // (`no-print`, `no-share` stay: "not printed/shared" marks furniture.)
    for p in ["non", "not", "has", "with", "without"] {
        if b.len() > p.len() + 1
            && b[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            && matches!(b[p.len()], b'-' | b'_')
        {
            return None;
        }
    }
    match class.find("--") {
        // Drupal's `field--name-field-related-links` names the field.
        Some(k) if k > 0 && !class[k + 2..].starts_with("name") => Some(&class[..k]),
        _ => Some(class),
    }
}

/// CMS classes derived from the post's taxonomy or ids (`tag-social-media`,
/// `category-comments`, `author-jane`, `postid-12`): they describe the
/// article, not the element's role, and must not mark it as furniture.
fn is_taxonomy_class(class: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "tag",
        "tags",
        "category",
        "categories",
        "cat",
        "author",
        "autor",
        "topic",
        "term",
        "postid",
        "format",
        "status",
        "type",
        "rubrik",
        "ressort",
        "pageid",
    ];
    let lower = class.to_ascii_lowercase();
    PREFIXES.iter().any(|p| {
        lower.len() > p.len() + 1
            && lower.starts_with(p)
            && matches!(lower.as_bytes()[p.len()], b'-' | b'_')
    })
}

/// One automaton for all "anywhere in a token" furniture words.
static BP_AC: Lazy<AhoCorasick> =
    Lazy::new(|| AhoCorasick::new(BP_CONTAINS).expect("static patterns"));

/// (is boilerplate, is comment-like, is weak furniture) for class/id
/// tokens.
fn classify_tokens(toks: &[String]) -> (bool, bool, bool) {
    let mut bp = false;
    let mut comment = false;
    let mut weak = false;
    for t in toks {
        if t.starts_with("commentary") {
            continue;
        }
        if COMMENT_WORDS.iter().any(|w| t.contains(w)) {
            comment = true;
        }
        if WEAK_WORDS.iter().any(|w| t.contains(w)) || WEAK_EXACT.contains(&t.as_str()) {
            weak = true;
            continue;
        }
        if BP_EXACT.contains(&t.as_str())
            || is_print_furniture(t)
            || BP_PREFIX.iter().any(|w| t.starts_with(w))
            || BP_AC.is_match(t.as_str())
        {
            bp = true;
        }
    }
    (bp || comment, comment, weak && !bp && !comment)
}

/// "print" marks furniture only together with "not printed" or a print
/// button (`no-print`, `d-print-none`, `hidden-print`, `print-btn`, as a
/// joined token): `print-full` or `print-area` layouts hold the story.
fn is_print_furniture(t: &str) -> bool {
    t.len() > 5
        && t.contains("print")
        && ["no", "hid", "button", "btn", "icon"]
            .iter()
            .any(|w| t.contains(w))
}

fn class_weight(toks: &[String], bp: bool) -> f64 {
    let pos = toks.iter().any(|t| POSITIVE.iter().any(|w| t.contains(w)));
    (if pos { 25.0 } else { 0.0 }) - (if bp { 25.0 } else { 0.0 })
}

fn is_invisible(n: &FlatNode) -> bool {
    if n.attr("hidden").is_some() {
        return true;
    }
    // Whole class words that mean "not displayed" (not `hidden-xs`,
    // which hides on small screens only).
    if n.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|w| matches!(w, "hidden" | "d-none" | "hide" | "is-hidden" | "invisible"))
    }) {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Result of content selection.
pub(crate) struct Selection {
    /// The extracted text, one paragraph per line.
    pub text: String,
    /// Indices of the chosen container(s), in document order.
    pub roots: Vec<usize>,
    /// Captions, bylines, related links and comments, kept apart.
    pub parts: Parts,
}

/// Page parts that are not article text but are worth keeping apart.
#[derive(Default)]
pub(crate) struct Parts {
    pub captions: Vec<String>,
    pub bylines: Vec<String>,
    /// (link text, href).
    pub related: Vec<(String, String)>,
    pub comments: Vec<String>,
}

/// Role flags of an element, from its tag and class/id words.
const ROLE_CAPTION: u8 = 1;
const ROLE_BYLINE: u8 = 2;
const ROLE_RELATED: u8 = 4;

/// Role words found anywhere in a class/id token, with their role.
const ROLE_WORDS: &[(&str, u8)] = &[
    ("caption", ROLE_CAPTION),
    ("bildunterschrift", ROLE_CAPTION),
    ("byline", ROLE_BYLINE),
    ("related", ROLE_RELATED),
    ("recommend", ROLE_RELATED),
    ("readmore", ROLE_RELATED),
    ("morestories", ROLE_RELATED),
    ("similar", ROLE_RELATED),
    ("teaser", ROLE_RELATED),
    ("verwandt", ROLE_RELATED),
    ("popular", ROLE_RELATED),
    ("mostread", ROLE_RELATED),
    ("trending", ROLE_RELATED),
];

static ROLE_AC: Lazy<AhoCorasick> =
    Lazy::new(|| AhoCorasick::new(ROLE_WORDS.iter().map(|(w, _)| w)).expect("static patterns"));

fn role_flags(tag: &str, toks: &[String], node: &FlatNode) -> u8 {
    let mut f = 0;
    if tag == "figcaption" {
        f |= ROLE_CAPTION;
    }
    for t in toks {
        for m in ROLE_AC.find_overlapping_iter(t.as_str()) {
            f |= ROLE_WORDS[m.pattern().as_usize()].1;
        }
        match t.as_str() {
            "legend" => f |= ROLE_CAPTION,
            "author" | "authors" | "autor" | "autoren" | "authorname" | "auteur" => {
                f |= ROLE_BYLINE
            }
            _ => {}
        }
    }
    if node.attr("itemprop").is_some_and(|v| v.contains("author"))
        || node.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        })
    {
        f |= ROLE_BYLINE;
    }
    f
}

/// Chooses the main content and renders it.
pub(crate) fn extract_main(nodes: &[FlatNode]) -> Selection {
    let n = nodes.len();
    // --- pass 1: flags -------------------------------------------------
    let mut hard = vec![false; n];
    let mut soft_own = vec![false; n];
    let mut comment_own = vec![false; n];
    let mut weak_own = vec![false; n];
    let mut roles = vec![0u8; n];
    let mut cweight = vec![0f64; n];
    let mut in_link = vec![false; n];
    // Inside an <article>, <main> or articleBody: a <header> there is the
    // story's own (headline, standfirst), not the site's.
    let mut in_story = vec![false; n];
    let mut body = NONE;
    for i in 0..n {
        let p = nodes[i].parent;
        let parent_hard = p != NONE && hard[p];
        in_link[i] = p != NONE && (in_link[p] || nodes[p].tag() == "a");
        if let Kind::Element(_) = nodes[i].kind {
            let tag = nodes[i].tag();
            if tag == "body" && body == NONE {
                body = i;
            }
            hard[i] = parent_hard || is_hard_tag(tag) || is_invisible(&nodes[i]);
            if hard[i] {
                continue;
            }
            let toks = tokens(&nodes[i]);
            let story_root = matches!(tag, "main" | "article")
                || nodes[i]
                    .attr("itemprop")
                    .is_some_and(|v| v.contains("articleBody"));
            in_story[i] = story_root || (p != NONE && in_story[p]);
            let exempt = matches!(tag, "html" | "body") || story_root;
            let (bp, comment, weak) = classify_tokens(&toks);
            if !exempt {
                soft_own[i] = bp || is_soft_tag(tag);
                comment_own[i] = comment;
                roles[i] = role_flags(tag, &toks, &nodes[i]);
                weak_own[i] = weak;
                if tag == "header" && !bp && p != NONE && in_story[p] {
                    soft_own[i] = false;
                    weak_own[i] = true;
                }
                if nodes[i].attr("role").is_some_and(|r| {
                    matches!(
                        r,
                        "navigation"
                            | "complementary"
                            | "contentinfo"
                            | "banner"
                            | "dialog"
                            | "alertdialog"
                            | "search"
                    )
                }) {
                    soft_own[i] = true;
                }
            }
            cweight[i] = class_weight(&toks, bp);
        } else {
            hard[i] = parent_hard;
        }
    }

    // --- pass 2: paragraph units ----------------------------------------
    let mut text_w = vec![0usize; n];
    let mut unit_of = vec![NONE; n];
    for i in 0..n {
        if let Kind::Text(t) = nodes[i].kind {
            if !hard[i] {
                text_w[i] = weight(t);
            }
        }
        let p = nodes[i].parent;
        let parent_unit = if p != NONE { unit_of[p] } else { NONE };
        unit_of[i] = if is_block(nodes[i].tag()) {
            i
        } else {
            parent_unit
        };
    }
    // Good text per subtree counting everything visible, to tell layout
    // wrappers with furniture-like names from real furniture.
    // Comment sections don't count: a long discussion must not make the
    // article's wrapper look small.
    let mut in_comment = vec![false; n];
    for i in 0..n {
        let p = nodes[i].parent;
        in_comment[i] = hard[i] || comment_own[i] || (p != NONE && in_comment[p]);
    }
    let raw_units = units(nodes, &in_comment, &text_w, &in_link, &unit_of);
    let raw_good = subtree_sums(nodes, &good_units(&raw_units));
    let total_raw = if body != NONE {
        raw_good[body]
    } else {
        raw_good.first().copied().unwrap_or(0)
    };
    // Weak furniture (teasers, a story's <header>) is furniture only when
    // mostly links.
    if weak_own.iter().any(|&w| w) {
        let mut own_t = vec![0usize; n];
        let mut own_l = vec![0usize; n];
        for i in 0..n {
            if !hard[i] && matches!(nodes[i].kind, Kind::Text(_)) {
                own_t[i] = text_w[i];
                if in_link[i] {
                    own_l[i] = text_w[i];
                }
            }
        }
        let all_t = subtree_sums(nodes, &own_t);
        let all_l = subtree_sums(nodes, &own_l);
        for i in 0..n {
            if weak_own[i] && !soft_own[i] && all_l[i] * 10 >= all_t[i] * 3 {
                soft_own[i] = true;
            }
        }
    }
    let mut soft = vec![false; n];
    for i in 0..n {
        let p = nodes[i].parent;
        // Overrule: "furniture" holding most of the page's paragraphs is a
        // wrapper (ASP.NET `<form>`, `content-with-sidebar`, a share-bar
        // container around the article). Comment sections are never that.
        if soft_own[i]
            && !comment_own[i]
            && !matches!(
                nodes[i].tag(),
                "ul" | "ol" | "li" | "aside" | "nav" | "figure" | "figcaption"
            )
            && total_raw > 0
            && raw_good[i] * 2 > total_raw
        {
            soft_own[i] = false;
        }
        soft[i] = !hard[i] && (soft_own[i] || (p != NONE && soft[p]));
    }
    let excluded: Vec<bool> = (0..n).map(|i| hard[i] || soft[i]).collect();

    // --- pass 3: clean stats ---------------------------------------------
    let u = units(nodes, &excluded, &text_w, &in_link, &unit_of);
    let good = subtree_sums(nodes, &good_units(&u));
    let mut own_text = vec![0usize; n];
    let mut own_links = vec![0usize; n];
    let mut own_anchors = vec![0usize; n];
    for i in 0..n {
        if excluded[i] {
            continue;
        }
        if matches!(nodes[i].kind, Kind::Text(_)) {
            own_text[i] = text_w[i];
            if in_link[i] {
                own_links[i] = text_w[i];
            }
        }
        own_anchors[i] = (nodes[i].tag() == "a") as usize;
    }
    let clean = subtree_sums(nodes, &own_text);
    let links = subtree_sums(nodes, &own_links);
    let link_count = subtree_sums(nodes, &own_anchors);
    let total_good = if body != NONE {
        good[body]
    } else {
        good.first().copied().unwrap_or(0)
    };

    // --- pass 4: choose the container ------------------------------------
    let pick_largest = |pred: &dyn Fn(&FlatNode) -> bool| -> Option<usize> {
        let mut best: Option<usize> = None;
        for i in 0..n {
            if !excluded[i] && pred(&nodes[i]) && best.is_none_or(|b| good[i] > good[b]) {
                best = Some(i);
            }
        }
        best.filter(|&b| good[b] >= 100 && good[b] * 5 >= total_good * 2)
    };
    let preferred = pick_largest(&|x| {
        x.attr("itemprop")
            .is_some_and(|v| v.contains("articleBody"))
    })
    .or_else(|| pick_largest(&|x| x.tag() == "article"))
    .or_else(|| pick_largest(&|x| x.tag() == "main" || x.attr("role") == Some("main")));
    let root = preferred.unwrap_or_else(|| {
        // Density pick: the element whose paragraph text most outweighs
        // the rest of its text (menus, link lists, fragments).
        let mut best = NONE;
        let mut best_s = 0.0;
        for i in 0..n {
            if excluded[i] || !matches!(nodes[i].kind, Kind::Element(_)) {
                continue;
            }
            let s = good[i] as f64 - ALPHA * clean[i].saturating_sub(good[i]) as f64 + cweight[i];
            if s > best_s {
                best_s = s;
                best = i;
            }
        }
        if best != NONE {
            best
        } else if body != NONE {
            body
        } else {
            0
        }
    });
    let roots: Vec<usize> = if n > 0 { vec![root] } else { vec![] };
    let data_table = data_tables(nodes, &clean);
    let stats = Stats {
        hard,
        soft_own,
        clean,
        links,
        link_count,
        unit_of,
        unit_len: u.len,
        unit_link: u.link,
        data_table,
    };
    let mut related_blocks: Vec<usize> = Vec::new();
    let mut text = emit(nodes, &roots, &stats, &mut related_blocks);
    if !text.is_empty() && n > 0 {
        let leads = find_leads(nodes, root, &excluded, &stats);
        let mut pre = String::new();
        for l in leads {
            let t = emit(nodes, &[l], &stats, &mut Vec::new());
            if !t.is_empty() && !text.contains(t.as_str()) && !pre.contains(t.as_str()) {
                pre.push_str(&t);
                pre.push('\n');
            }
        }
        if !pre.is_empty() {
            pre.push_str(&text);
            text = pre;
        }
    }
    if text.is_empty() && total_raw > 0 {
        // Everything with paragraphs looked like furniture: better the
        // page's best block with its furniture than nothing.
        let mut best = body.min(n - 1);
        let mut best_s = 0.0;
        for i in 0..n {
            if !stats.hard[i] && matches!(nodes[i].kind, Kind::Element(_)) {
                let s = raw_good[i] as f64
                    - ALPHA * (stats.clean[i].max(raw_good[i]) - raw_good[i]) as f64;
                if s > best_s {
                    best_s = s;
                    best = i;
                }
            }
        }
        let relaxed = Stats {
            soft_own: vec![false; n],
            ..stats
        };
        text = emit(nodes, &[best], &relaxed, &mut related_blocks);
        let parts = collect_parts(
            nodes,
            &[best],
            &relaxed.hard,
            &in_comment,
            &roles,
            &related_blocks,
        );
        return Selection {
            text,
            roots: vec![best],
            parts,
        };
    }
    let parts = collect_parts(
        nodes,
        &roots,
        &stats.hard,
        &in_comment,
        &roles,
        &related_blocks,
    );
    Selection { text, roots, parts }
}

/// Caps on collected parts.
const MAX_PARTS: usize = 50;
const MAX_COMMENT_LINES: usize = 300;

/// Collects captions and bylines (of the chosen story), related links
/// (link-dense blocks dropped from the story, related/teaser boxes) and
/// reader comments (comment sections' paragraphs).
fn collect_parts(
    nodes: &[FlatNode],
    roots: &[usize],
    hard: &[bool],
    in_comment: &[bool],
    roles: &[u8],
    related_blocks: &[usize],
) -> Parts {
    let n = nodes.len();
    let mut parts = Parts::default();
    let Some(&root) = roots.first() else {
        return parts;
    };
    let root_end = nodes[root].end;
    let push_unique = |v: &mut Vec<String>, s: String| {
        if !s.is_empty() && !v.contains(&s) && v.len() < MAX_PARTS {
            v.push(s);
        }
    };
    let mut related_roots: Vec<usize> = related_blocks.to_vec();
    // Comment forms (name, e-mail, "notify me") are not comments.
    let comment_skip: Vec<bool> = (0..n)
        .map(|k| {
            hard[k]
                || matches!(
                    nodes[k].tag(),
                    "form" | "label" | "nav" | "aside" | "footer"
                )
        })
        .collect();
    let mut i = 0;
    while i < n {
        let node = &nodes[i];
        if hard[i] {
            i = node.end;
            continue;
        }
        let Kind::Element(_) = node.kind else {
            i += 1;
            continue;
        };
        let p = node.parent;
        if (p == NONE || !in_comment[p]) && in_comment[i] {
            // Outermost element of a comment section; "recent comments"
            // widgets in sidebars are not the page's discussion.
            if in_sidebar(nodes, i) {
                i = node.end;
                continue;
            }
            for line in block_lines(nodes, i, &comment_skip) {
                if parts.comments.len() >= MAX_COMMENT_LINES {
                    break;
                }
                // Section headings ("3 comments", "Kommentare (12)") are
                // not comments.
                let lower = line.to_lowercase();
                let heading = line.chars().count() <= 40
                    && [
                        "comment",
                        "kommentar",
                        "komentarz",
                        "commentaire",
                        "comentario",
                    ]
                    .iter()
                    .any(|w| lower.contains(w));
                if line.split_whitespace().count() >= 2
                    && !heading
                    && !crate::boiler::is_boilerplate_line(&line)
                {
                    parts.comments.push(line);
                }
            }
            i = node.end;
            continue;
        }
        let in_story = roots.iter().any(|&r| r <= i && i < nodes[r].end);
        if roles[i] & ROLE_CAPTION != 0 && in_story {
            let t = block_lines(nodes, i, hard).join(" ");
            push_unique(&mut parts.captions, t);
            i = node.end;
            continue;
        }
        if roles[i] & ROLE_BYLINE != 0 && i < root_end {
            let t = block_lines(nodes, i, hard).join(" ");
            if (3..=200).contains(&t.chars().count()) {
                push_unique(&mut parts.bylines, t);
            }
            i = node.end;
            continue;
        }
        if roles[i] & ROLE_RELATED != 0 {
            related_roots.push(i);
            i = node.end;
            continue;
        }
        i += 1;
    }
    related_roots.sort_unstable();
    let mut last_end = 0;
    for &r in &related_roots {
        if r < last_end {
            continue;
        }
        last_end = nodes[r].end;
        for j in r..nodes[r].end {
            if parts.related.len() >= MAX_PARTS {
                break;
            }
            if nodes[j].tag() != "a" || hard[j] {
                continue;
            }
            let Some(href) = nodes[j].attr("href").map(str::trim) else {
                continue;
            };
            let lower = href.to_ascii_lowercase();
            if href.is_empty()
                || href.starts_with('#')
                || lower.starts_with("javascript:")
                || lower.starts_with("mailto:")
            {
                continue;
            }
            let text = block_lines(nodes, j, hard).join(" ");
            if crate::text::weight(&text) < 8 || parts.related.iter().any(|(_, u)| u == href) {
                continue;
            }
            parts.related.push((text, href.to_string()));
        }
    }
    parts
}

/// True when an ancestor is a sidebar (`<aside>`, `role=complementary`,
/// `sidebar`/`widget` classes).
fn in_sidebar(nodes: &[FlatNode], i: usize) -> bool {
    let mut p = nodes[i].parent;
    let mut steps = 0;
    while p != NONE && steps < 64 {
        let node = &nodes[p];
        if node.tag() == "aside"
            || node.attr("role") == Some("complementary")
            || tokens(node)
                .iter()
                .any(|t| t.contains("sidebar") || t.contains("widget"))
        {
            return true;
        }
        p = node.parent;
        steps += 1;
    }
    // The element itself may be the widget.
    tokens(&nodes[i])
        .iter()
        .any(|t| t.contains("widget") || t.starts_with("recent"))
}

/// The visible text of a subtree, one entry per block (collapsed).
fn block_lines(nodes: &[FlatNode], root: usize, hard: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut open: Vec<usize> = Vec::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let line = collapse_ws(cur);
        cur.clear();
        if !line.is_empty() {
            out.push(line);
        }
    };
    let end = nodes[root].end;
    let mut i = root;
    while i < end {
        while open.last().is_some_and(|&e| e <= i) {
            open.pop();
            flush(&mut cur, &mut out);
        }
        if hard[i] {
            i = nodes[i].end;
            continue;
        }
        match nodes[i].kind {
            Kind::Text(t) => {
                if cur.len() < 64 * 1024 {
                    cur.push_str(t);
                }
            }
            Kind::Element(_) => {
                let tag = nodes[i].tag();
                if tag == "br" {
                    flush(&mut cur, &mut out);
                } else if is_block(tag) {
                    flush(&mut cur, &mut out);
                    open.push(nodes[i].end);
                }
            }
            Kind::Other => {}
        }
        i += 1;
    }
    flush(&mut cur, &mut out);
    out
}

/// Class/id words of a standfirst / lead paragraph ("lead", "intro",
/// "excerpt", French "chapô", Spanish "bajada" …).
fn is_lead_token(t: &str) -> bool {
    const CONTAINS: &[&str] = &[
        "standfirst",
        "excerpt",
        "summary",
        "abstract",
        "intro",
        "bajada",
        "chapo",
        "teaser",
        "subtitle",
        "description",
        "subline",
        "lede",
    ];
    (t.starts_with("lead") && !t.starts_with("leader"))
        || t == "dek"
        || t == "deck"
        || CONTAINS.iter().any(|w| t.contains(w))
}

/// Standfirst paragraphs just before the chosen container, inside the
/// same story (`<article>`, `<main>`, or a couple of levels up): sites
/// often render the lead in the header block, apart from the body.
fn find_leads(nodes: &[FlatNode], root: usize, excluded: &[bool], st: &Stats) -> Vec<usize> {
    // The story scope: the nearest article/main ancestor within 5
    // levels, else the grandparent; never the whole page.
    let mut scope = NONE;
    let mut up = nodes[root].parent;
    let mut level = 0;
    let mut fallback = NONE;
    while up != NONE && level < 5 {
        let tag = nodes[up].tag();
        if matches!(tag, "body" | "html") {
            break;
        }
        if level == 1 {
            fallback = up;
        }
        if matches!(tag, "article" | "main")
            || nodes[up]
                .attr("itemprop")
                .is_some_and(|v| v.contains("articleBody"))
        {
            scope = up;
            break;
        }
        up = nodes[up].parent;
        level += 1;
    }
    if scope == NONE {
        scope = fallback;
    }
    if scope == NONE || scope >= root {
        return Vec::new();
    }
    let mut out: Vec<usize> = Vec::new();
    let mut i = scope + 1;
    while i < root && out.len() < 3 {
        let node = &nodes[i];
        if excluded[i] {
            i = node.end;
            continue;
        }
        // Ancestors of the root (node.end > root) are walked into, not taken.
        if node.end <= root && matches!(node.kind, Kind::Element(_)) {
            let lead = tokens(node).iter().any(|t| is_lead_token(t))
                && st.clean[i] >= 30
                && st.links[i] * 10 < st.clean[i] * 3;
            if lead {
                out.push(i);
                i = node.end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Weight of non-paragraph text against paragraph text in the density pick.
const ALPHA: f64 = 1.0;

/// Per-block inline-text statistics.
struct Units {
    len: Vec<usize>,
    link: Vec<usize>,
}

fn units(
    nodes: &[FlatNode],
    excluded: &[bool],
    text_w: &[usize],
    in_link: &[bool],
    unit_of: &[usize],
) -> Units {
    let n = nodes.len();
    let mut u = Units {
        len: vec![0; n],
        link: vec![0; n],
    };
    for i in 0..n {
        if excluded[i] || !matches!(nodes[i].kind, Kind::Text(_)) {
            continue;
        }
        let p = nodes[i].parent;
        let unit = if p != NONE { unit_of[p] } else { NONE };
        if unit != NONE {
            u.len[unit] += text_w[i];
            if in_link[i] {
                u.link[unit] += text_w[i];
            }
        }
    }
    u
}

/// Units with enough text and few links: paragraph text.
fn good_units(u: &Units) -> Vec<usize> {
    u.len
        .iter()
        .zip(&u.link)
        .map(|(&len, &link)| {
            if len >= MIN_UNIT && link * 2 <= len {
                len
            } else {
                0
            }
        })
        .collect()
}

/// Sums a per-node value over each node's subtree (reverse preorder).
fn subtree_sums(nodes: &[FlatNode], own: &[usize]) -> Vec<usize> {
    let mut sum = own.to_vec();
    for i in (0..nodes.len()).rev() {
        let p = nodes[i].parent;
        if p != NONE {
            sum[p] += sum[i];
        }
    }
    sum
}

/// What emission needs to know about each node.
struct Stats {
    hard: Vec<bool>,
    soft_own: Vec<bool>,
    clean: Vec<usize>,
    links: Vec<usize>,
    link_count: Vec<usize>,
    unit_of: Vec<usize>,
    unit_len: Vec<usize>,
    unit_link: Vec<usize>,
    data_table: Vec<bool>,
}

/// Line builder: joins inline text, flushes lines at block boundaries.
struct Lines {
    out: String,
    cur: String,
    prefix: bool,
    /// The current line is a block's inline text made only of links
    /// ("Read more", "Comment", bare link lists): dropped.
    all_links: bool,
    /// Heading level (1–6) of the current block, 0 for other blocks.
    heading: u8,
    /// Emitted lines: (start, end, heading level; 7 for "Label:" lines).
    spans: Vec<(usize, usize, u8)>,
}

fn heading_level(tag: &str) -> u8 {
    match tag {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => 0,
    }
}

impl Lines {
    fn flush(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        let line = collapse_ws(&self.cur);
        self.cur.clear();
        if line.is_empty()
            || self.out.len() > MAX_TEXT_BYTES
            || self.all_links
            || crate::boiler::is_boilerplate_line(&line)
        {
            return;
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        let start = self.out.len();
        let is_item = self.prefix;
        if self.prefix {
            self.out.push_str("- ");
            self.prefix = false;
        }
        self.out.push_str(&line);
        // Long "headings" are standfirsts in heading markup: text.
        let short = line.chars().count() <= 80;
        let level = if self.heading > 0 && short {
            self.heading
        } else if !is_item && short && line.ends_with(':') {
            7
        } else {
            0
        };
        self.spans.push((start, self.out.len(), level));
    }

    /// Drops headings (and "Label:" lines) left without content: the
    /// heading of a related-links box whose links were removed, a trailing
    /// "More on this topic". A heading is orphaned when the next kept line
    /// is a heading of the same or a higher rank, or there is none.
    fn finish(self) -> String {
        let mut keep = vec![true; self.spans.len()];
        let mut next: Option<u8> = None;
        for (k, &(_, _, level)) in self.spans.iter().enumerate().rev() {
            if level > 0 && next.is_none_or(|nl| nl > 0 && nl <= level) {
                keep[k] = false;
            } else {
                next = Some(level);
            }
        }
        if keep.iter().all(|&k| k) {
            return self.out;
        }
        let mut out = String::with_capacity(self.out.len());
        for (k, &(s, e, _)) in self.spans.iter().enumerate() {
            if keep[k] {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&self.out[s..e]);
            }
        }
        out
    }
}

/// Renders the chosen containers. Link-dense blocks skipped inside them
/// are appended to `skipped` (they become related links).
fn emit(nodes: &[FlatNode], roots: &[usize], st: &Stats, skipped: &mut Vec<usize>) -> String {
    let only_links =
        |u: usize| u != NONE && st.unit_len[u] > 0 && st.unit_link[u] >= st.unit_len[u];
    let mut lines = Lines {
        out: String::new(),
        cur: String::new(),
        prefix: false,
        all_links: false,
        heading: 0,
        spans: Vec::new(),
    };
    for &root in roots {
        let base = only_links(st.unit_of[root]);
        lines.all_links = base;
        let base_heading = heading_level(nodes[root].tag());
        lines.heading = base_heading;
        // Stack of (end index, tag, unit) for open blocks, to flush on close.
        let mut open: Vec<(usize, &str, usize)> = Vec::new();
        let mut pre_depth = 0usize;
        // Open tables: is it a data table (rows rendered as one line)?
        let mut tables: Vec<bool> = Vec::new();
        // Inside a data-table row: (row end index, cells so far).
        let mut row: Option<(usize, usize)> = None;
        let mut i = root;
        let end = nodes[root].end;
        while i < end {
            while let Some(&(e, tag, _)) = open.last() {
                if e > i {
                    break;
                }
                open.pop();
                match row {
                    // Cells and blocks inside a row close without a break.
                    Some((row_end, _)) if e < row_end || (e == row_end && tag != "tr") => {
                        lines.cur.push(' ');
                    }
                    _ => {
                        if tag == "tr" {
                            row = None;
                        }
                        lines.flush();
                        lines.all_links = open.last().map_or(base, |&(_, _, u)| only_links(u));
                        lines.heading = open
                            .last()
                            .map_or(base_heading, |&(_, t, _)| heading_level(t));
                    }
                }
                match tag {
                    "pre" => pre_depth = pre_depth.saturating_sub(1),
                    "li" => lines.prefix = false,
                    "table" => {
                        tables.pop();
                    }
                    _ => {}
                }
            }
            if lines.out.len() > MAX_TEXT_BYTES {
                break;
            }
            let node = &nodes[i];
            // Furniture below the root is skipped whole; the root itself
            // was chosen, whatever its ancestors look like.
            if st.hard[i] || (i != root && st.soft_own[i]) {
                i = node.end;
                continue;
            }
            match node.kind {
                Kind::Text(t) => {
                    if pre_depth > 0 && t.contains('\n') && row.is_none() {
                        let mut parts = t.split('\n');
                        if let Some(first) = parts.next() {
                            lines.cur.push_str(first);
                        }
                        for part in parts {
                            lines.flush();
                            lines.cur.push_str(part);
                        }
                    } else {
                        lines.cur.push_str(t);
                    }
                }
                Kind::Element(_) => {
                    let tag = node.tag();
                    if i != root && link_dense(tag, st.clean[i], st.links[i], st.link_count[i]) {
                        if skipped.len() < 64 {
                            skipped.push(i);
                        }
                        i = node.end;
                        continue;
                    }
                    if let Some((_, cells)) = row.as_mut() {
                        // Inside a data-table row: cells joined by " | ",
                        // any other break is a space.
                        if matches!(tag, "td" | "th") {
                            if *cells > 0 {
                                lines.cur.push_str(" | ");
                            }
                            *cells += 1;
                        } else {
                            lines.cur.push(' ');
                        }
                        if is_block(tag) {
                            if tag == "table" {
                                tables.push(false);
                            }
                            open.push((node.end, tag, i));
                        }
                    } else if tag == "br" || tag == "hr" {
                        lines.flush();
                    } else if is_block(tag) {
                        lines.flush();
                        lines.all_links = only_links(i);
                        lines.heading = heading_level(tag);
                        match tag {
                            "li" => lines.prefix = true,
                            "pre" => pre_depth += 1,
                            "table" => tables.push(st.data_table[i]),
                            "tr" if tables.last() == Some(&true) => {
                                row = Some((node.end, 0));
                                lines.all_links = false;
                            }
                            _ => {}
                        }
                        open.push((node.end, tag, i));
                    } else if matches!(tag, "img" | "picture") {
                        // Alt text is not article text.
                    }
                }
                Kind::Other => {}
            }
            i += 1;
        }
        lines.flush();
        lines.prefix = false;
    }
    lines.finish()
}

/// Data tables: no table inside, every cell short. Their rows render as
/// one line, cells joined by " | "; layout tables (a whole page in a
/// cell) render block by block like any other container.
fn data_tables(nodes: &[FlatNode], clean: &[usize]) -> Vec<bool> {
    let n = nodes.len();
    let mut data = vec![false; n];
    let mut has_table = vec![false; n];
    let mut has_cells = vec![false; n];
    let mut big_cell = vec![false; n];
    let nearest_table = |mut p: usize| {
        let mut steps = 0;
        while p != NONE && steps < 64 {
            if nodes[p].tag() == "table" {
                return p;
            }
            p = nodes[p].parent;
            steps += 1;
        }
        NONE
    };
    for i in 0..n {
        match nodes[i].tag() {
            "table" => {
                let t = nearest_table(nodes[i].parent);
                if t != NONE {
                    has_table[t] = true;
                }
            }
            "td" | "th" => {
                let t = nearest_table(nodes[i].parent);
                if t != NONE {
                    has_cells[t] = true;
                    if clean[i] > MAX_CELL {
                        big_cell[t] = true;
                    }
                }
            }
            _ => {}
        }
    }
    for i in 0..n {
        data[i] = has_cells[i] && !has_table[i] && !big_cell[i];
    }
    data
}

/// Longest cell (non-space chars) of a data table.
const MAX_CELL: usize = 300;

/// Lists and blocks that are mostly links (related-story lists, tag
/// clouds, "read more" rows) inside the chosen container.
fn link_dense(tag: &str, clean: usize, links: usize, count: usize) -> bool {
    if clean == 0 || count < 3 {
        return false;
    }
    let ld = links as f64 / clean as f64;
    match tag {
        "ul" | "ol" | "dl" | "menu" | "table" | "div" | "section" | "span" => ld >= 0.5,
        "p" | "li" => ld >= 0.7,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_role_parts() {
        assert_eq!(role_part("non-paywall"), None);
        assert_eq!(role_part("has-ads"), None);
        assert_eq!(role_part("with_sidebar"), None);
        assert_eq!(role_part("no-print"), Some("no-print"));
        assert_eq!(role_part("page--wsidebar"), Some("page"));
        assert_eq!(role_part("report__section--ads"), Some("report__section"));
        assert_eq!(
            role_part("field--name-field-related"),
            Some("field--name-field-related")
        );
        assert_eq!(role_part("--x"), Some("--x"));
        assert_eq!(role_part("nonfiction"), Some("nonfiction"));
    }

    #[test]
    fn print_words() {
        for t in [
            "noprint",
            "dprintnone",
            "hiddenprint",
            "printbutton",
            "printbtn",
        ] {
            assert!(is_print_furniture(t), "{t}");
        }
        for t in [
            "print",
            "printfull",
            "printarea",
            "tipprintstep",
            "blueprint",
        ] {
            assert!(!is_print_furniture(t), "{t}");
        }
    }
}
