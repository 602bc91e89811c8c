//! Main-content selection and text emission for HTML pages.
//!
//! Passes over the flat tree (all loops, no recursion):
//! 1. flags: invisible elements (script, style, hidden …) are dropped
//!    outright; boilerplate elements (nav, footer, aside, and class/id
//!    tokens like `sidebar`, `share`, `cookie`) are dropped softly — unless
//!    they hold most of the page's text (a `<form>` or a
//!    `content-with-sidebar` wrapper around the whole article);
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

/// Emitted text is cut off past this many bytes (huge pages).
pub(crate) const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// Unit text weight below which a unit does not score.
const MIN_UNIT: usize = 25;

const NONE: usize = usize::MAX;

fn is_hard_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed" | "canvas"
            | "head" | "select" | "option" | "textarea" | "input" | "button" | "video" | "audio" | "map" | "link"
            | "meta" | "title" | "base" | "dialog"
    )
}

fn is_soft_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "header" | "footer" | "aside" | "form" | "menu")
}

/// Elements that start a new line (and own the inline text inside them).
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd" | "details" | "dir" | "div"
            | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "header" | "hgroup" | "hr" | "html" | "li" | "main" | "menu" | "nav" | "ol" | "p"
            | "pre" | "section" | "summary" | "table" | "tbody" | "thead" | "tfoot" | "td" | "th" | "tr" | "ul"
            | "caption" | "legend"
    )
}

/// Class/id words that mark site furniture. Long words match anywhere in a
/// token (`siteFooter`), short ones only as a token prefix (`nav-bar`).
const BP_CONTAINS: &[&str] = &[
    "footer", "sidebar", "breadcrumb", "newsletter", "cookie", "comment", "related", "social", "advert",
    "subscri", "disqus", "taboola", "outbrain", "consent", "gdpr", "sharing", "sharebar", "socialshare",
    "screenreader", "sronly", "visuallyhidden", "pagination", "promo", "widget", "masthead",
];
const BP_PREFIX: &[&str] = &["nav", "menu", "share", "popup", "modal", "banner", "skip", "toolbar"];
const BP_EXACT: &[&str] = &["ad", "ads", "adv", "advert", "sponsor", "sponsored", "tags", "tag", "pager", "print"];
/// Furniture that may be large (reader comments) and is never "overruled"
/// for holding most of the page's text.
const COMMENT_WORDS: &[&str] = &["comment", "disqus", "respond", "reply"];
const POSITIVE: &[&str] = &["article", "content", "body", "entry", "main", "post", "story", "text", "blog"];

/// Splits class + id into lower-case alphanumeric tokens.
fn tokens(el: &FlatNode) -> Vec<String> {
    let mut s = String::new();
    for a in ["class", "id"] {
        if let Some(v) = el.attr(a) {
            s.push_str(v);
            s.push(' ');
        }
    }
    // "sr-only" and "screen-reader-text" would split into harmless tokens;
    // match them joined as well.
    let joined: String = s.to_ascii_lowercase();
    let mut out: Vec<String> =
        joined.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect();
    for word in joined.split_whitespace() {
        let j: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if j.len() > 3 && !out.contains(&j) {
            out.push(j);
        }
    }
    out
}

/// (is boilerplate, is comment-like) for class/id tokens.
fn classify_tokens(toks: &[String]) -> (bool, bool) {
    let mut bp = false;
    let mut comment = false;
    for t in toks {
        if t.starts_with("commentary") {
            continue;
        }
        if COMMENT_WORDS.iter().any(|w| t.contains(w)) {
            comment = true;
        }
        if BP_EXACT.contains(&t.as_str())
            || BP_PREFIX.iter().any(|w| t.starts_with(w))
            || BP_CONTAINS.iter().any(|w| t.contains(w))
        {
            bp = true;
        }
    }
    (bp || comment, comment)
}

fn class_weight(toks: &[String]) -> f64 {
    let (bp, _) = classify_tokens(toks);
    let pos = toks.iter().any(|t| POSITIVE.iter().any(|w| t.contains(w)));
    (if pos { 25.0 } else { 0.0 }) - (if bp { 25.0 } else { 0.0 })
}

fn is_invisible(n: &FlatNode) -> bool {
    if n.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
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
}

/// Chooses the main content and renders it.
pub(crate) fn extract_main(nodes: &[FlatNode]) -> Selection {
    let n = nodes.len();
    // --- pass 1: flags -------------------------------------------------
    let mut hard = vec![false; n];
    let mut soft_own = vec![false; n];
    let mut comment_own = vec![false; n];
    let mut cweight = vec![0f64; n];
    let mut in_link = vec![false; n];
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
            let exempt = matches!(tag, "html" | "body" | "main" | "article")
                || nodes[i].attr("itemprop").is_some_and(|v| v.contains("articleBody"));
            if !exempt {
                let (bp, comment) = classify_tokens(&toks);
                soft_own[i] = bp || is_soft_tag(tag);
                comment_own[i] = comment;
                if nodes[i].attr("role").is_some_and(|r| matches!(r, "navigation" | "complementary" | "contentinfo" | "banner")) {
                    soft_own[i] = true;
                }
            }
            cweight[i] = class_weight(&toks);
        } else {
            hard[i] = parent_hard;
        }
    }

    // --- pass 2: raw text weight per subtree (visible text only) --------
    let mut raw = vec![0usize; n];
    let mut text_w = vec![0usize; n];
    for i in 0..n {
        if let Kind::Text(t) = nodes[i].kind {
            if !hard[i] {
                text_w[i] = weight(t);
            }
        }
    }
    for i in (0..n).rev() {
        raw[i] += text_w[i];
        let p = nodes[i].parent;
        if p != NONE {
            raw[p] += raw[i];
        }
    }
    let total_raw = if body != NONE { raw[body] } else { raw.first().copied().unwrap_or(0) };
    // Overrule: furniture that wraps most of the page is a layout wrapper.
    let mut soft = vec![false; n];
    for i in 0..n {
        let p = nodes[i].parent;
        soft_own[i] = soft_own[i] && !(raw[i] * 2 > total_raw && total_raw > 0 && !comment_own[i]);
        soft[i] = !hard[i] && (soft_own[i] || (p != NONE && soft[p]));
    }

    // --- pass 3: clean stats, paragraph units ---------------------------
    let mut clean = vec![0usize; n];
    let mut links = vec![0usize; n]; // clean link-text weight
    let mut link_count = vec![0usize; n];
    let mut unit_of = vec![NONE; n];
    let mut unit_len = vec![0usize; n];
    let mut unit_link = vec![0usize; n];
    let mut unit_commas = vec![0usize; n];
    for i in 0..n {
        let p = nodes[i].parent;
        let parent_unit = if p != NONE { unit_of[p] } else { NONE };
        unit_of[i] = if is_block(nodes[i].tag()) { i } else { parent_unit };
        if let Kind::Text(t) = nodes[i].kind {
            if !hard[i] && !soft[i] && parent_unit != NONE {
                unit_len[parent_unit] += text_w[i];
                if in_link[i] {
                    unit_link[parent_unit] += text_w[i];
                }
                unit_commas[parent_unit] += t.matches([',', '，', '、', '،']).count();
            }
        }
    }
    for i in (0..n).rev() {
        if !hard[i] && !soft[i] {
            if matches!(nodes[i].kind, Kind::Text(_)) {
                clean[i] += text_w[i];
                if in_link[i] {
                    links[i] += text_w[i];
                }
            }
            if nodes[i].tag() == "a" {
                link_count[i] += 1;
            }
        } else {
            clean[i] = 0;
            links[i] = 0;
            link_count[i] = 0;
        }
        let p = nodes[i].parent;
        if p != NONE {
            clean[p] += clean[i];
            links[p] += links[i];
            link_count[p] += link_count[i];
        }
    }

    // Good units: enough text, not mostly links. Their weight sums up to
    // every ancestor as the "content" measure.
    let mut good = vec![0usize; n];
    let mut score = vec![0f64; n];
    for u in 0..n {
        let len = unit_len[u];
        if len < MIN_UNIT || unit_link[u] * 2 > len || hard[u] || soft[u] {
            continue;
        }
        good[u] += len;
        let s = 1.0 + unit_commas[u] as f64 + (len as f64 / 100.0).min(3.0);
        let container = matches!(nodes[u].tag(), "div" | "section" | "td" | "article" | "main");
        if container {
            score[u] += s;
        }
        let mut a = nodes[u].parent;
        for level in 0..3 {
            if a == NONE {
                break;
            }
            score[a] += s / [1.0, 2.0, 6.0][level];
            a = nodes[a].parent;
        }
    }
    for i in (0..n).rev() {
        let p = nodes[i].parent;
        if p != NONE {
            good[p] += good[i];
        }
    }
    let total_good = if body != NONE { good[body] } else { good.first().copied().unwrap_or(0) };

    // --- pass 4: choose the container ------------------------------------
    let usable = |i: usize| !hard[i] && !soft[i];
    let pick_largest = |pred: &dyn Fn(&FlatNode) -> bool| -> Option<usize> {
        let mut best: Option<usize> = None;
        for i in 0..n {
            if usable(i) && pred(&nodes[i]) && best.is_none_or(|b| good[i] > good[b]) {
                best = Some(i);
            }
        }
        best.filter(|&b| good[b] >= 100 && good[b] * 5 >= total_good * 2)
    };
    let preferred = pick_largest(&|x| x.attr("itemprop").is_some_and(|v| v.contains("articleBody")))
        .or_else(|| pick_largest(&|x| x.tag() == "article"))
        .or_else(|| pick_largest(&|x| x.tag() == "main" || x.attr("role") == Some("main")));

    let roots: Vec<usize> = if let Some(p) = preferred {
        vec![p]
    } else {
        let mut top = NONE;
        let mut top_score = 0.0;
        for i in 0..n {
            if score[i] <= 0.0 || !usable(i) {
                continue;
            }
            let ld = if clean[i] > 0 { links[i] as f64 / clean[i] as f64 } else { 0.0 };
            let tag_bonus = match nodes[i].tag() {
                "div" | "article" | "section" | "main" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "body" | "html" => -5.0,
                "ol" | "ul" | "dl" | "form" | "li" => -3.0,
                _ => 0.0,
            };
            let s = (score[i] + cweight[i] + tag_bonus) * (1.0 - ld);
            if s > top_score {
                top_score = s;
                top = i;
            }
        }
        if top == NONE {
            if body != NONE {
                vec![body]
            } else if n > 0 {
                vec![0]
            } else {
                vec![]
            }
        } else {
            siblings_of(nodes, top, top_score, &score, &cweight, &clean, &links, &unit_len, &unit_link, &usable)
        }
    };

    let text = emit(nodes, &roots, &hard, &soft_own, &clean, &links, &link_count);
    Selection { text, roots }
}

/// Readability's sibling merge: siblings of the top candidate that score
/// well, or are clean paragraphs, belong to the article too.
#[allow(clippy::too_many_arguments)]
fn siblings_of(
    nodes: &[FlatNode],
    top: usize,
    top_score: f64,
    score: &[f64],
    cweight: &[f64],
    clean: &[usize],
    links: &[usize],
    unit_len: &[usize],
    unit_link: &[usize],
    usable: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    let parent = nodes[top].parent;
    if parent == NONE {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    let mut c = parent + 1;
    let end = nodes[parent].end;
    while c < end {
        if c == top {
            out.push(c);
        } else if usable(c) && clean[c] > 0 {
            let ld = links[c] as f64 / clean[c] as f64;
            let s = (score[c] + cweight[c]) * (1.0 - ld);
            let para_ok = nodes[c].tag() == "p" && {
                let len = unit_len[c];
                let uld = if len > 0 { unit_link[c] as f64 / len as f64 } else { 1.0 };
                (len >= 80 && uld < 0.25) || (len >= MIN_UNIT && uld == 0.0)
            };
            if s >= threshold || para_ok {
                out.push(c);
            }
        }
        c = nodes[c].end;
    }
    out
}

/// Line builder: joins inline text, flushes lines at block boundaries.
struct Lines {
    out: String,
    cur: String,
    prefix: bool,
}

impl Lines {
    fn flush(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        let line = collapse_ws(&self.cur);
        self.cur.clear();
        if line.is_empty() || self.out.len() > MAX_TEXT_BYTES {
            return;
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        if self.prefix {
            self.out.push_str("- ");
            self.prefix = false;
        }
        self.out.push_str(&line);
    }
}

fn emit(
    nodes: &[FlatNode],
    roots: &[usize],
    hard: &[bool],
    soft_own: &[bool],
    clean: &[usize],
    links: &[usize],
    link_count: &[usize],
) -> String {
    let mut lines = Lines { out: String::new(), cur: String::new(), prefix: false };
    for &root in roots {
        // Stack of (end index, tag) for open blocks, to flush on close.
        let mut open: Vec<(usize, &str)> = Vec::new();
        let mut pre_depth = 0usize;
        let mut i = root;
        let end = nodes[root].end;
        while i < end {
            while let Some(&(e, tag)) = open.last() {
                if e > i {
                    break;
                }
                open.pop();
                lines.flush();
                match tag {
                    "pre" => pre_depth = pre_depth.saturating_sub(1),
                    "li" => lines.prefix = false,
                    _ => {}
                }
            }
            if lines.out.len() > MAX_TEXT_BYTES {
                break;
            }
            let node = &nodes[i];
            // Furniture below the root is skipped whole; the root itself
            // was chosen, whatever its ancestors look like.
            if hard[i] || (i != root && soft_own[i]) {
                i = node.end;
                continue;
            }
            match node.kind {
                Kind::Text(t) => {
                    if pre_depth > 0 && t.contains('\n') {
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
                    if i != root && link_dense(tag, clean[i], links[i], link_count[i]) {
                        i = node.end;
                        continue;
                    }
                    if tag == "br" || tag == "hr" {
                        lines.flush();
                    } else if is_block(tag) {
                        lines.flush();
                        match tag {
                            "li" => lines.prefix = true,
                            "pre" => pre_depth += 1,
                            _ => {}
                        }
                        open.push((node.end, tag));
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
    lines.out
}

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
