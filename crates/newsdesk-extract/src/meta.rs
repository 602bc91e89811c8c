//! Page metadata: meta tags, JSON-LD, `<title>`, `<h1>`, `<time>`,
//! date-classed text, bylines, the URL.
//!
//! Every source is collected in one pass over the flat tree; precedence
//! between sources is applied at the end, so the order of tags on the page
//! never changes which value wins. Order of trust, per field:
//! - title: JSON-LD `headline` → `og:title`/`twitter:title` → `<h1>` →
//!   `<title>`; the site name is stripped from whichever wins, and an
//!   `<h1>` contained in it (the same headline without furniture) is
//!   preferred;
//! - authors: JSON-LD `author` → `<meta name=author>` and friends →
//!   `itemprop=author` → `rel=author` → names parsed from byline blocks
//!   ("By A and B, correspondent"); the first source that has any wins;
//! - date (publication): JSON-LD `datePublished` (of an article or a
//!   headlined object) → `article:published_time` → other date metas →
//!   `itemprop`/RDFa `datePublished` → JSON-LD `datePublished` of the
//!   page object (`WebPage`, `HowTo`…; never a comment's, review's or
//!   media item's) → `<time datetime>` in or before the story → the date
//!   line at the headline (a short date text set apart in the `<h1>` or a
//!   few nodes around it, "Datum: 26. Januar 2022", "Sport • 02.02.2022")
//!   → `<time>`/date-classed text in the story → `itemprop`/RDFa
//!   `dateCreated` → `<time>`/date-classed text before the story (never in
//!   comments) → `/YYYY/MM/DD/` (or `/YYYY/mon/DD/`, `/DD-MM-YYYY`) in the
//!   canonical URL → an hAtom `published`, then `updated`, stamp
//!   (`<abbr class="published" title="2013-04-04T18:52:11+00:00">`) →
//!   a short visible text that is a full date at the top of the story, in
//!   the header before it, or just after it. Two corrections for UTC
//!   timestamps: when the markup date and the URL's date are a day apart,
//!   the URL's wins; else, when the markup value is UTC (`Z`, `+00:00`,
//!   `GMT`) or zoneless and the page shows a day one apart at its headline
//!   (or in a date-classed text in the story), the shown day wins. A
//!   slashed visible date that reads both ways (`03/05/2022`) takes the
//!   reading the markup or URL date confirms, else month first.
//!   Bare years, copyright lines and script contents (cookie expiry
//!   dates) never count; two-digit years (`28.01.22`) only in short
//!   date lines; non-ISO values are normalised to `YYYY-MM-DD`;
//! - site name: `og:site_name` → JSON-LD publisher → `application-name`
//!   → the part of `<title>` beside the headline ("Headline - Site", where
//!   the headline is the page's `<h1>`, `og:title` or JSON-LD headline).

use crate::dates;
use crate::dom::{subtree_text, FlatNode, Kind};
use crate::text::collapse_ws;
use newsdesk_core::PageMeta;
use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;

/// Cap on one metadata value's length (bytes) — a title is not a novel.
const MAX_FIELD: usize = 1000;
/// JSON-LD blocks larger than this are not parsed.
const MAX_JSONLD: usize = 512 * 1024;

#[derive(Default)]
struct Found {
    og_title: Option<String>,
    og_site: Option<String>,
    og_url: Option<String>,
    og_desc: Option<String>,
    meta_desc: Option<String>,
    published: Option<String>,
    meta_date: Option<String>,
    modified: Option<String>,
    itemprop_published: Option<String>,
    itemprop_modified: Option<String>,
    /// `itemprop`/RDFa `property` `dateCreated` (trusted after
    /// `datePublished`).
    created: Option<String>,
    /// hAtom microformat stamps: `<abbr class="published" title="ISO">`
    /// and `class="updated"` (themes put the post date in either).
    hatom_published: Option<String>,
    hatom_updated: Option<String>,
    authors_meta: Vec<String>,
    authors_rel: Vec<String>,
    authors_itemprop: Vec<String>,
    /// Text of short elements whose class/id says date/time/published.
    date_texts: Vec<(usize, String)>,
    /// Text of `<time>` elements without a `datetime` attribute.
    time_texts: Vec<(usize, String)>,
    app_name: Option<String>,
    canonical: Option<String>,
    title: Option<String>,
    lang: Option<String>,
    meta_lang: Option<String>,
    h1: Vec<(usize, String)>,
    times: Vec<(usize, String, bool)>,
    ld: LdMeta,
}

#[derive(Default)]
struct LdMeta {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    /// `datePublished` of a page-level object (`WebPage`, `HowTo`…) that
    /// is neither an article nor headlined: trusted less.
    page_published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
}

fn clean_field(s: &str) -> Option<String> {
    let mut c = collapse_ws(s);
    if c.len() > MAX_FIELD {
        let mut cut = MAX_FIELD;
        while !c.is_char_boundary(cut) {
            cut -= 1;
        }
        c.truncate(cut);
    }
    (!c.is_empty()).then_some(c)
}

fn set_once(slot: &mut Option<String>, v: Option<&str>) {
    if slot.is_none() {
        *slot = v.and_then(clean_field);
    }
}

fn element_text(nodes: &[FlatNode], i: usize) -> Option<String> {
    let mut s = String::new();
    subtree_text(nodes, i, &mut s, 4 * MAX_FIELD);
    clean_field(&s)
}

/// A date value that is a real date, not a bare (copyright) year.
pub(crate) fn plausible_date(s: &str) -> bool {
    static YEAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?:^|\D)(?:19|20)\d\d(?:\D|$)").unwrap());
    static DIGITS: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d+").unwrap());
    if is_copyright(s) {
        return false;
    }
    YEAR.is_match(s) && DIGITS.find_iter(s).count() >= 2
}

fn clean_author(s: &str) -> Option<String> {
    let c = clean_field(s)?;
    let lower = c.to_lowercase();
    if lower.starts_with("http")
        || lower.contains("www.")
        || c.contains('@')
        || c.chars().count() > 100
    {
        return None;
    }
    // Lead-ins before the name ("View all posts by", "Von", "Autor:").
    static LEAD: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"(?i)^(?:(?:view\s+)?all\s+(?:posts|articles|stories)\s+by|alle\s+(?:beiträge|artikel)\s+von|(?:posted|written|published|reported|photos?|text)\s+by|(?:veröffentlicht|geschrieben)\s+von|ein\s+beitrag\s+von|publié\s+par|escrito\s+por|publicado\s+por|written|by|von|par|por|di|door|autor(?:in)?|author|auteur|redakcja|text)\s*[:.]?\s+",
        )
        .unwrap()
    });
    let mut c = c;
    for _ in 0..2 {
        if let Some(m) = LEAD.find(&c) {
            c = c[m.end()..].trim().to_string();
        }
    }
    let lower = c.to_lowercase();
    // Domains and profile links are not names.
    if (c.contains('.') && !c.contains(' ') && c.chars().count() > 4)
        || lower.contains("profil")
        || lower.contains("profile")
    {
        return None;
    }
    (!c.is_empty()).then_some(c)
}

/// Trims " | Site", " - Site" style suffixes from a `<title>`.
pub(crate) fn trim_title(t: &str) -> String {
    let mut t = t.trim().to_string();
    for _ in 0..3 {
        let mut best: Option<(usize, usize)> = None;
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // "] {
            if let Some(pos) = t.rfind(sep) {
                if best.is_none_or(|(b, _)| pos > b) {
                    best = Some((pos, sep.len()));
                }
            }
        }
        let Some((pos, len)) = best else { break };
        let (head, tail) = (&t[..pos], &t[pos + len..]);
        let words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        // A short tail is the site name; "Brexit - What happens next"
        // (one-word head, longer tail) is a title.
        if head_words > 0
            && ((tail.chars().count() < head.chars().count() && words <= 6)
                || (words <= 3 && head_words >= 2))
        {
            t = head.trim().to_string();
        } else {
            break;
        }
    }
    t
}

fn is_article_type(v: &Value) -> bool {
    let check = |s: &str| {
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
            )
    };
    match v {
        Value::String(s) => check(s),
        Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            // Several names in one string: "A, B and C" stays one entry only
            // when there's no list separator.
            out.extend(clean_author(s));
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                out.extend(clean_author(n));
            }
        }
        Value::Array(a) => {
            for x in a.iter().take(50) {
                if !x.is_array() {
                    names_of(x, out);
                }
            }
        }
        _ => {}
    }
}

fn ld_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_field(s),
        Value::Array(a) => a.iter().find_map(|x| x.as_str()).and_then(clean_field),
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean_field),
        _ => None,
    }
}

/// Walks one JSON-LD value (objects, arrays, `@graph`) with an explicit
/// stack and fills what it finds; article-typed objects win over others.
fn read_jsonld(v: &Value, ld: &mut LdMeta) {
    let mut stack: Vec<&Value> = vec![v];
    let mut articles: Vec<&serde_json::Map<String, Value>> = Vec::new();
    let mut others: Vec<&serde_json::Map<String, Value>> = Vec::new();
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if o.get("@type").is_some_and(is_article_type) {
                    articles.push(o);
                } else {
                    others.push(o);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                if let Some(m) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage")) {
                    if m.is_object() || m.is_array() {
                        stack.push(m);
                    }
                }
            }
            _ => {}
        }
    }
    for o in articles
        .iter()
        .chain(others.iter().filter(|o| o.contains_key("headline")))
    {
        if ld.headline.is_none() {
            ld.headline = ld_string(o.get("headline")).or_else(|| {
                if articles.iter().any(|a| std::ptr::eq(*a, *o)) {
                    ld_string(o.get("name"))
                } else {
                    None
                }
            });
        }
        if ld.authors.is_empty() {
            if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                names_of(a, &mut ld.authors);
            }
        }
        if ld.published.is_none() {
            ld.published = ld_string(o.get("datePublished")).filter(|d| plausible_date(d));
        }
        if ld.modified.is_none() {
            ld.modified = ld_string(o.get("dateModified")).filter(|d| plausible_date(d));
        }
        if ld.publisher.is_none() {
            ld.publisher = ld_string(o.get("publisher"));
        }
    }
    // A `datePublished` on the page object itself (Yoast's `WebPage`),
    // never one of a comment, review, answer or media item.
    if ld.page_published.is_none() {
        ld.page_published = others
            .iter()
            .filter(|o| !o.contains_key("headline") && o.get("@type").is_some_and(is_page_type))
            .find_map(|o| ld_string(o.get("datePublished")).filter(|d| plausible_date(d)));
    }
}

/// A JSON-LD type that stands for the page's own content: anything but
/// the parts and side items of a page (comments, reviews, answers, media,
/// offers, events, people, ratings).
fn is_page_type(v: &Value) -> bool {
    const PARTS: &[&str] = &[
        "Comment",
        "Review",
        "Answer",
        "Question",
        "Image",
        "Video",
        "Audio",
        "Media",
        "Rating",
        "Offer",
        "Event",
        "Person",
        "Organization",
        "Breadcrumb",
        "ListItem",
    ];
    let check = |s: &str| !PARTS.iter().any(|p| s.contains(p));
    match v {
        Value::String(s) => check(s),
        Value::Array(a) => !a.is_empty() && a.iter().all(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

/// Collects metadata. `roots` are the chosen content containers; `<time>`
/// and `<h1>` inside them are preferred.
pub(crate) fn extract_meta(nodes: &[FlatNode], roots: &[usize], bylines: &[String]) -> PageMeta {
    let mut f = Found::default();
    for (i, node) in nodes.iter().enumerate() {
        let Kind::Element(el) = node.kind else {
            continue;
        };
        match el.name() {
            "html" => set_once(&mut f.lang, el.attr("lang").or_else(|| el.attr("xml:lang"))),
            "title" if f.title.is_none() => {
                f.title = element_text(nodes, i);
            }
            "h1" if f.h1.len() < 8 => {
                if let Some(t) = element_text(nodes, i) {
                    f.h1.push((i, t));
                }
            }
            "meta" => read_meta_tag(el, &mut f),
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    set_once(&mut f.canonical, el.attr("href"));
                }
            }
            "script" => {
                let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    let mut s = String::new();
                    subtree_text(nodes, i, &mut s, MAX_JSONLD);
                    if s.len() <= MAX_JSONLD {
                        // serde_json limits nesting depth (128) itself.
                        if let Ok(v) = serde_json::from_str::<Value>(s.trim()) {
                            read_jsonld(&v, &mut f.ld);
                        }
                    }
                }
            }
            "time" if f.times.len() < 32 => {
                if let Some(d) = el
                    .attr("datetime")
                    .and_then(clean_field)
                    .filter(|d| plausible_date(d))
                {
                    f.times.push((i, d, el.attr("pubdate").is_some()));
                } else if f.time_texts.len() < 8 {
                    if let Some(t) = element_text(nodes, i).filter(|t| t.len() <= 120) {
                        f.time_texts.push((i, t));
                    }
                }
            }
            _ => {}
        }
        if el.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        }) && el.name() != "link"
            && f.authors_rel.len() < 10
        {
            if let Some(a) = element_text(nodes, i).and_then(|t| clean_author(&t)) {
                f.authors_rel.push(a);
            }
        }
        if f.date_texts.len() < 16 && el.name() != "time" && date_class(el) {
            if let Some(t) = element_text(nodes, i).filter(|t| t.chars().count() <= 120) {
                if !in_comments(nodes, i) {
                    f.date_texts.push((i, t));
                }
            }
        }
        // hAtom stamps and RDFa dates, found in one look at the attributes.
        let (mut title, mut property) = (None, None);
        for (k, v) in el.attrs() {
            match k {
                "title" => title = Some(v),
                "property" => property = Some(v),
                _ => {}
            }
        }
        if let (Some(title), Some(class)) = (title.filter(|t| t.len() <= 64), el.attr("class")) {
            for c in class.split_whitespace() {
                let slot = match c {
                    "published" => &mut f.hatom_published,
                    "updated" => &mut f.hatom_updated,
                    _ => continue,
                };
                set_once(slot, Some(title).filter(|t| plausible_date(t)));
            }
        }
        // RDFa (`property="schema:datePublished"`) on any element but
        // `<meta>` (read above), as microdata.
        if let Some(prop) = property.filter(|_| el.name() != "meta") {
            if let Some(slot) = match schema_date_prop(prop) {
                Some(DateProp::Published) => Some(&mut f.itemprop_published),
                Some(DateProp::Created) => Some(&mut f.created),
                None => None,
            } {
                set_once(
                    slot,
                    el.attr("content")
                        .or_else(|| el.attr("datetime"))
                        .filter(|d| plausible_date(d)),
                );
            }
        }
        if let Some(prop) = el.attr("itemprop") {
            if prop.split_whitespace().any(|p| p == "author") && f.authors_itemprop.len() < 10 {
                // The name is a child `itemprop=name`, or the element's text.
                let name = (i..node.end)
                    .find(|&j| nodes[j].attr("itemprop") == Some("name"))
                    .and_then(|j| {
                        nodes[j]
                            .attr("content")
                            .and_then(clean_field)
                            .or_else(|| element_text(nodes, j))
                    })
                    .or_else(|| el.attr("content").and_then(clean_field))
                    .or_else(|| element_text(nodes, i));
                if let Some(a) = name.and_then(|t| clean_author(&t)) {
                    f.authors_itemprop.push(a);
                }
            }
            let value = || {
                el.attr("content")
                    .or_else(|| el.attr("datetime"))
                    .and_then(clean_field)
            };
            if prop.contains("datePublished") && f.itemprop_published.is_none() {
                f.itemprop_published = value().filter(|d| plausible_date(d));
            } else if prop.contains("dateModified") && f.itemprop_modified.is_none() {
                f.itemprop_modified = value().filter(|d| plausible_date(d));
            } else if prop.contains("dateCreated") && f.created.is_none() {
                f.created = value().filter(|d| plausible_date(d));
            }
        }
    }

    let inside = |i: usize| roots.iter().any(|&r| r <= i && i < nodes[r].end);
    let story_end = roots.iter().map(|&r| nodes[r].end).max().unwrap_or(0);
    // Authors, in order of trust; the first source that has any wins
    // (mixing sources adds "View profile" links and site names).
    let from_bylines: Vec<String> = bylines.iter().flat_map(|b| names_in_byline(b)).collect();
    let mut authors = Vec::new();
    for source in [
        &f.ld.authors,
        &f.authors_meta,
        &f.authors_itemprop,
        &f.authors_rel,
        &from_bylines,
    ] {
        for a in source {
            if !authors.iter().any(|x: &String| x.eq_ignore_ascii_case(a)) && authors.len() < 20 {
                authors.push(a.clone());
            }
        }
        if !authors.is_empty() {
            break;
        }
    }
    let h1 =
        f.h1.iter()
            .find(|(i, _)| inside(*i))
            .or(f.h1.first())
            .map(|(_, t)| t.clone());
    let time = f
        .times
        .iter()
        .find(|(i, _, _)| inside(*i))
        .or_else(|| f.times.iter().find(|(_, _, pubdate)| *pubdate))
        .or_else(|| f.times.iter().find(|(i, _, _)| *i < story_end))
        .map(|(_, d, _)| d.clone());
    // The page's headline: the `<h1>` in the story, else one that the
    // title repeats (never a logo `<h1>` in the site header).
    let titles =
        [&f.ld.headline, &f.og_title, &f.title].map(|t| t.as_deref().map(str::to_lowercase));
    let headline_at =
        f.h1.iter()
            .find(|(i, _)| inside(*i))
            .or_else(|| {
                f.h1.iter().find(|(_, h)| {
                    let h = h.to_lowercase();
                    h.chars().count() >= 8 && titles.iter().flatten().any(|t| t.contains(&h))
                })
            })
            .map(|(i, _)| *i);
    let sitename = f.og_site.or(f.ld.publisher).or(f.app_name).or_else(|| {
        let heads = [&h1, &f.og_title, &f.ld.headline];
        f.title
            .as_deref()
            .and_then(|t| site_from_title(t, heads.iter().filter_map(|h| h.as_deref())))
    });
    let title = [f.ld.headline, f.og_title, h1.clone(), f.title]
        .into_iter()
        .flatten()
        .map(|t| strip_site(&t, sitename.as_deref()))
        .find(|t| {
            !t.is_empty()
                && sitename
                    .as_deref()
                    .is_none_or(|s| !t.eq_ignore_ascii_case(s))
        })
        .map(|t| match &h1 {
            // The page's own headline, when the title is it plus furniture.
            Some(h)
                if h.chars().count() >= 8
                    && h.chars().count() < t.chars().count()
                    && t.to_lowercase().contains(&h.to_lowercase()) =>
            {
                h.clone()
            }
            _ => t,
        });
    let url = f.canonical.or(f.og_url);
    let markup_date = [
        f.ld.published.clone(),
        f.published.clone(),
        f.meta_date.clone(),
        f.itemprop_published.clone(),
        f.ld.page_published.clone(),
        time,
    ]
    .into_iter()
    .flatten()
    .find_map(|d| Some((dates::is_utc_stamp(&d), dates::normalise(&d)?)));
    // Whether the markup value, as written, is a UTC (or zoneless) time.
    let markup_utc = markup_date.as_ref().is_some_and(|(utc, _)| *utc);
    let markup_date = markup_date.map(|(_, d)| d);
    // A full date in the canonical URL's path is the publication day as
    // the site itself filed it; markup timestamps are often UTC and fall
    // on the next or previous calendar day.
    let url_date = url.as_deref().and_then(dates::from_url);
    // A date the page states in markup or its URL settles how a visible
    // slashed date reads (`03/05/2022`).
    let hint = markup_date.clone().or_else(|| url_date.clone());
    let hint = hint.as_deref();
    // Dates in visible text: `<time>` text and date-classed elements in or
    // before the story (never comment dates, never a copyright line); the
    // first one inside the story, else the first one before it.
    let text_dates = |want_inside: bool| {
        f.time_texts
            .iter()
            .chain(&f.date_texts)
            .filter(|(i, _)| *i < story_end.max(1) && inside(*i) == want_inside)
            .filter_map(|(i, t)| Some((*i, text_day(t, hint)?)))
            .min_by_key(|(i, _)| *i)
            .map(|(_, d)| d)
    };
    // The visible date line at the headline (looked for only when needed).
    let headline_day = || headline_at.and_then(|h| headline_date(nodes, h, hint));
    let date = match (&markup_date, &url_date) {
        // Same day: keep the markup value, which carries time and zone.
        (Some(m), Some(u)) if within_days(m, u, 1) && !m.starts_with(u.as_str()) => {
            url_date.clone()
        }
        // A UTC (or zoneless) timestamp a day away from the date the page
        // shows at its headline or in its story: the shown day is the
        // page's local day.
        (Some(m), _) if markup_utc => match headline_day().or_else(|| text_dates(true)) {
            Some(v) if within_days(m, &v, 1) && !m.starts_with(v.as_str()) => Some(v),
            _ => markup_date,
        },
        _ => markup_date
            .or_else(headline_day)
            .or_else(|| text_dates(true))
            .or_else(|| f.created.as_deref().and_then(dates::normalise))
            .or_else(|| text_dates(false))
            .or_else(|| url_date.clone())
            .or_else(|| {
                [&f.hatom_published, &f.hatom_updated]
                    .into_iter()
                    .flatten()
                    .find_map(|d| dates::normalise(d))
            })
            .or_else(|| visible_date(nodes, roots, hint)),
    };
    PageMeta {
        title,
        authors,
        date,
        modified: [f.ld.modified, f.modified, f.itemprop_modified]
            .into_iter()
            .flatten()
            .find_map(|d| dates::normalise(&d)),
        sitename,
        url,
        language: f.lang.or(f.meta_lang),
        description: f.og_desc.or(f.meta_desc),
    }
}

/// Whether two dates (ISO, at least `YYYY-MM-DD`) are at most `days` apart.
fn within_days(a: &str, b: &str, days: i64) -> bool {
    dates::days_apart(a, b).is_some_and(|n| n <= days)
}

/// Last resort: a short visible text that is mostly a full date, at the
/// top of the story or in the header just before it ("21.01.2022 | Sport",
/// "Veröffentlicht am 3. Mai 2021"). Copyright lines, script text and
/// long sentences (which mention dates of events) never count.
fn visible_date(nodes: &[FlatNode], roots: &[usize], hint: Option<&str>) -> Option<String> {
    let start = roots.iter().copied().min()?;
    let end = roots.iter().map(|&r| nodes[r].end).max()?.min(nodes.len());
    let dated = |i: usize| -> Option<String> {
        let Kind::Text(t) = nodes[i].kind else {
            return None;
        };
        let t = t.trim();
        if t.len() < 6 || t.chars().count() > 100 || !plausible_date(t) {
            return None;
        }
        let parent = nodes.get(nodes[i].parent)?;
        if let Kind::Element(e) = parent.kind {
            if matches!(
                e.name(),
                "script" | "style" | "noscript" | "template" | "a" | "option"
            ) {
                return None;
            }
        }
        dates::parse_day_near(t, hint)
    };
    // The first texts of the story, then the header before it (nearest first).
    (start..end)
        .take(400)
        .find_map(dated)
        .or_else(|| (start.saturating_sub(300)..start).rev().find_map(dated))
        .or_else(|| (end..nodes.len().min(end + 150)).find_map(dated))
}

/// The day a short date-classed text names: a full date, or a day-first
/// date with a two-digit year ("23.09.22"); never a copyright line.
fn text_day(t: &str, hint: Option<&str>) -> Option<String> {
    if plausible_date(t) {
        dates::parse_day_near(t, hint)
    } else if is_copyright(t) {
        None
    } else {
        dates::short_year_day(t)
    }
}

/// A copyright line ("© 2019 Gazette", "Copyright 19.12.2019").
fn is_copyright(t: &str) -> bool {
    let lower = t.to_lowercase();
    lower.contains('©') || lower.contains("copyright") || lower.contains("(c)")
}

/// Nodes looked at before the headline for its date line.
const HEADLINE_BEFORE: usize = 30;
/// Nodes looked at after the headline for its date line.
const HEADLINE_AFTER: usize = 60;

/// The date line at the headline: the nearest short visible text, set
/// apart in the `<h1>` or within a few nodes around it, that is a date with a little
/// furniture ("Datum: 26. Januar 2022", "Sport • 02.02.2022",
/// "31.10.23"), or a dateline opening the first paragraph ("01.02.2022
/// Berlin – …"). A link whose text is just the date counts (archive
/// links); scripts, copyright lines and sentences do not. Ties go to the
/// text after the headline.
fn headline_date(nodes: &[FlatNode], h1: usize, hint: Option<&str>) -> Option<String> {
    let end = nodes.get(h1)?.end.min(nodes.len());
    let after = (h1..nodes.len().min(end + HEADLINE_AFTER)).map(|i| (i, i.saturating_sub(end)));
    let before = (h1.saturating_sub(HEADLINE_BEFORE)..h1).map(|i| (i, h1 - i));
    after
        .chain(before)
        // The headline's own words may name an event's day; a date set
        // apart in it (`<h1>Title<small>02.02.2022</small></h1>`) counts.
        .filter(|&(i, _)| nodes[i].parent != h1)
        .filter_map(|(i, dist)| Some(((dist, i < h1), line_date(nodes, i, hint)?)))
        .min_by_key(|(k, _)| *k)
        .map(|(_, d)| d)
}

/// The day one visible text node names when it is a date line.
fn line_date(nodes: &[FlatNode], i: usize, hint: Option<&str>) -> Option<String> {
    let Kind::Text(t) = nodes.get(i)?.kind else {
        return None;
    };
    let t = t.trim();
    if t.len() < 6 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let parent = nodes.get(nodes[i].parent)?;
    if let Kind::Element(e) = parent.kind {
        match e.name() {
            "script" | "style" | "noscript" | "template" | "option" => return None,
            "a" if t.chars().count() > 30 => return None,
            _ => {}
        }
    }
    if t.chars().count() <= 100 {
        return text_day(t, hint);
    }
    // A dateline: the text opens with a numeric date ("01.02.2022 …").
    let first = t.split_whitespace().next()?;
    if first.len() >= 8 && !first.chars().any(char::is_alphabetic) {
        dates::parse_day(first)
    } else {
        None
    }
}

/// Class/id naming a date: `date`, `time`, `published`, `posted`,
/// `datum`, `fecha`, `meta` (post meta lines), `byline`.
fn date_class(el: &scraper::node::Element) -> bool {
    /// One case-insensitive automaton for the date words and one for the
    /// words that veto them; no allocation per element.
    static DATE_AC: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "date", "time", "publi", "posted", "datum", "fecha", "meta", "byline", "data",
            ])
            .expect("static patterns")
    });
    static VETO_AC: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["update", "modified"])
            .expect("static patterns")
    });
    ["class", "id"].iter().any(|a| {
        el.attr(a)
            .is_some_and(|v| DATE_AC.is_match(v) && !VETO_AC.is_match(v))
    })
}

/// True when an ancestor's class/id says comment.
fn in_comments(nodes: &[FlatNode], i: usize) -> bool {
    let mut p = i;
    let mut steps = 0;
    while p != usize::MAX && steps < 40 {
        for a in ["class", "id"] {
            if nodes[p]
                .attr(a)
                .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
            {
                return true;
            }
        }
        p = nodes[p].parent;
        steps += 1;
    }
    false
}

/// Removes a site-name part from a title: the known site name at either
/// end (with its separator), else a short trailing part after a separator.
/// Title separators between a headline and the site name.
const TITLE_SEPS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " › ",
];

/// The site name a `<title>` carries beside the page's headline, when no
/// markup names the site: "Headline - Site" or "Site | Headline", where
/// the headline part is the page's `<h1>`, `og:title` or JSON-LD
/// headline. The name must be short (at most five words, 40 characters);
/// a title that is not headline plus one part gives nothing.
fn site_from_title<'a>(title: &str, headlines: impl Iterator<Item = &'a str>) -> Option<String> {
    let norm = |s: &str| collapse_ws(s).to_lowercase();
    let t = collapse_ws(title);
    let lt = t.to_lowercase();
    let short = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.chars().count() <= 40 && s.split_whitespace().count() <= 5)
            .then(|| s.to_string())
    };
    for h in headlines {
        let h = norm(h);
        if h.chars().count() < 8 || h == lt {
            continue;
        }
        for sep in TITLE_SEPS {
            if let Some(rest) = lt.strip_prefix(&format!("{h}{sep}")) {
                // Same length in the original (lower-casing may change byte
                // lengths: then skip).
                if let Some(site) = t
                    .get(t.len() - rest.len()..)
                    .filter(|_| lt.len() == t.len())
                {
                    return short(site);
                }
            }
            if let Some(head) = lt.strip_suffix(&format!("{sep}{h}")) {
                if let Some(site) = t.get(..head.len()).filter(|_| lt.len() == t.len()) {
                    return short(site);
                }
            }
        }
    }
    None
}

fn strip_site(t: &str, site: Option<&str>) -> String {
    if let Some(site) = site.filter(|s| s.chars().count() >= 2) {
        let lt = t.to_lowercase();
        let ls = site.to_lowercase();
        for sep in TITLE_SEPS.iter().chain(&[": "]) {
            let tail = format!("{sep}{ls}");
            if lt.ends_with(&tail) && t.len() > tail.len() {
                if let Some(head) = t.get(..t.len() - tail.len()) {
                    return head.trim().to_string();
                }
            }
            let head = format!("{ls}{sep}");
            if lt.starts_with(&head) && t.len() > head.len() {
                if let Some(rest) = t.get(head.len()..) {
                    return rest.trim().to_string();
                }
            }
        }
    }
    trim_title(t)
}

/// Names in a byline as written: "By Jane Doe and John Roe, Harbour
/// correspondent | 5 March 2024" → ["Jane Doe", "John Roe"].
pub(crate) fn names_in_byline(b: &str) -> Vec<String> {
    let Some(b) = clean_author(b) else {
        return Vec::new();
    };
    // Cut at the first separator that starts the date/role/etc. part.
    let mut head = b.as_str();
    for sep in [" | ", " – ", " — ", " - ", " • ", " · ", "|", "\n"] {
        if let Some(p) = head.find(sep) {
            head = &head[..p];
        }
    }
    let mut out = Vec::new();
    let mut t = format!(" {head} ");
    for sep in [" and ", " und ", " et ", " y ", " & ", ",", ";"] {
        t = t.replace(sep, ";");
    }
    for part in t.split(';') {
        let part = part.trim();
        if looks_like_name(part) && out.len() < 10 {
            out.push(part.to_string());
        }
    }
    out
}

/// One to four words, each capitalised (name particles allowed), no
/// digits: "Jane Doe", "Ana de la Cruz", "JANE DOE".
fn looks_like_name(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "von", "van", "de", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "al", "zu",
        "dos", "das",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == ':')
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            PARTICLES.contains(&w.to_lowercase().as_str())
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
}

/// Which schema.org date an RDFa `property` names.
enum DateProp {
    Published,
    Created,
}

/// `schema:datePublished`, `sdo:dateCreated`, `datePublished` (RDFa
/// property values, with or without a vocabulary prefix).
fn schema_date_prop(prop: &str) -> Option<DateProp> {
    prop.split_whitespace().find_map(|p| {
        let name = p.rsplit([':', '/']).next().unwrap_or(p);
        match name {
            "datePublished" => Some(DateProp::Published),
            "dateCreated" => Some(DateProp::Created),
            _ => None,
        }
    })
}

fn read_meta_tag(el: &scraper::node::Element, f: &mut Found) {
    let key = el
        .attr("property")
        .or_else(|| el.attr("name"))
        .or_else(|| el.attr("http-equiv"))
        .or_else(|| el.attr("itemprop"));
    let (Some(key), Some(content)) = (key, el.attr("content")) else {
        return;
    };
    let date = || clean_field(content).filter(|d| plausible_date(d));
    match schema_date_prop(key) {
        Some(DateProp::Published) if f.itemprop_published.is_none() => {
            f.itemprop_published = date();
        }
        Some(DateProp::Created) if f.created.is_none() => f.created = date(),
        _ => {}
    }
    let key = key.trim().to_ascii_lowercase();
    match key.as_str() {
        "og:title" | "twitter:title" => set_once(&mut f.og_title, Some(content)),
        "og:site_name" => set_once(&mut f.og_site, Some(content)),
        "application-name" | "apple-mobile-web-app-title" => {
            set_once(&mut f.app_name, Some(content))
        }
        "og:url" => set_once(&mut f.og_url, Some(content)),
        "og:description" | "twitter:description" => set_once(&mut f.og_desc, Some(content)),
        "description" | "dc.description" => set_once(&mut f.meta_desc, Some(content)),
        "article:published_time" | "og:article:published_time" | "article:published"
            if f.published.is_none() =>
        {
            f.published = date();
        }
        "date" | "pubdate" | "publishdate" | "publish-date" | "publish_date" | "dc.date"
        | "dc.date.issued" | "dcterms.date" | "dcterms.created" | "sailthru.date"
        | "parsely-pub-date" | "article.published"
            if f.meta_date.is_none() =>
        {
            f.meta_date = date();
        }
        "article:modified_time" | "og:updated_time" | "last-modified" | "dcterms.modified"
            if f.modified.is_none() =>
        {
            f.modified = date();
        }
        "author" | "dc.creator" | "article:author" | "parsely-author" | "sailthru.author"
            if f.authors_meta.len() < 10 =>
        {
            f.authors_meta.extend(clean_author(content));
        }
        "content-language" | "og:locale" | "language" | "dc.language" => {
            set_once(&mut f.meta_lang, Some(content))
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_site_suffix() {
        assert_eq!(
            trim_title("Bridge reopens after floods | The Harbour Gazette"),
            "Bridge reopens after floods"
        );
        assert_eq!(
            trim_title("Council votes - Local - Riverton Post"),
            "Council votes"
        );
        assert_eq!(trim_title("A - B"), "A - B");
        assert_eq!(trim_title("No separator here"), "No separator here");
    }

    #[test]
    fn site_name_from_the_title_beside_the_headline() {
        let heads = ["Harbour ferry timetable changes"];
        let site = |t: &str| site_from_title(t, heads.iter().copied());
        assert_eq!(
            site("Harbour ferry timetable changes - Coastline Courier").as_deref(),
            Some("Coastline Courier")
        );
        assert_eq!(
            site("Coastline Courier | Harbour  ferry timetable changes").as_deref(),
            Some("Coastline Courier")
        );
        // Not headline plus one short part: nothing.
        assert_eq!(site("Harbour ferry timetable changes"), None);
        assert_eq!(site("Other story - Coastline Courier"), None);
        assert_eq!(
            site("Harbour ferry timetable changes - a very long tail that is a subtitle of the piece"),
            None
        );
        assert_eq!(site_from_title("Short - Site", ["Short"].into_iter()), None);
    }

    #[test]
    fn dates_need_more_than_a_year() {
        assert!(plausible_date("2024-03-05T10:00:00Z"));
        assert!(plausible_date("5 March 2024"));
        assert!(!plausible_date("2024"));
        assert!(!plausible_date("© 2019-2024 Gazette"));
        assert!(!plausible_date("page 12"));
    }
}
