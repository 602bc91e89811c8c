//! Article metadata: title, outlet, publication date.
//!
//! Markup wins when present. Otherwise we read what the text says about
//! itself: a headline-shaped first line, "Reference(s): x.com" lines,
//! contact e-mail domains, copyright lines and wire datelines for the
//! outlet; "Published: …" lines or a bare date line for the date. When the
//! text has no date of its own, the publication date is *estimated* as a
//! window from the dates it mentions (an article cannot predate the latest
//! event it reports), with every step written into the evidence.

use chrono::{DateTime, Duration, NaiveDate};
use newsdesk_core::{DateMention, Outlet, PageMeta, PubDate, PubDateSource, Span};
use once_cell::sync::Lazy;
use regex::Regex;

/// Days after the floor date an undated article is assumed to appear within.
const WINDOW_DAYS: i64 = 14;
/// How many lines at the top and bottom of the text may hold a dateline.
const EDGE_LINES: usize = 6;

/// The article's title: from markup, else the headline line of the text.
///
/// A headline line is the first non-empty line when it has at least three
/// words, is under 200 bytes, doesn't end like a sentence and isn't an SEO
/// blurb ("Discover … Explore …"), a byline or a date line.
pub fn title(page: &PageMeta, text: &str) -> Option<String> {
    if let Some(t) = page
        .title
        .as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        return Some(t.to_string());
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    looks_like_headline(first).then(|| first.to_string())
}

fn looks_like_headline(l: &str) -> bool {
    if l.len() >= 200 || l.split_whitespace().count() < 3 {
        return false;
    }
    if l.ends_with(['.', '!', ',', ';', ':']) && !l.ends_with("...") {
        return false;
    }
    if !l.starts_with(|c: char| {
        c.is_uppercase() || c.is_ascii_digit() || c == '\'' || c == '"' || c == '‘' || c == '“'
    }) {
        return false;
    }
    let lower = l.to_ascii_lowercase();
    const SEO: &[&str] = &[
        "discover ",
        "explore ",
        "learn how",
        "learn about",
        "find out",
        "click here",
        "read more",
        "subscribe",
        "sign up",
    ];
    if SEO.iter().any(|s| lower.starts_with(s))
        || (lower.contains("discover ") && lower.contains("explore "))
    {
        return false;
    }
    const NOT_TITLE: &[&str] = &[
        "by ",
        "written by",
        "published",
        "updated",
        "posted",
        "table of contents",
        "home ",
        "menu",
    ];
    !NOT_TITLE.iter().any(|s| lower.starts_with(s))
}

static EMAIL_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@(?P<d>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
        .expect("re")
});
static DOMAIN_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:https?://)?(?:www\.)?(?P<d>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/?\S*$",
    )
    .expect("re")
});
static REFERENCE_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:references?|reference\(s\)|source\(s\)|sources?)\s*:\s*(?P<rest>.*)$")
        .expect("re")
});
static COPYRIGHT_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?(?P<n>[^.|,]{2,60}?)\s*(?:[.,|]|all rights reserved|$)").expect("re")
});
static BY_FOR_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^By\s+[A-Z][^,]{1,60}?\s+for\s+(?P<n>(?:[Tt]he\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})\s*$").expect("re")
});
/// "By Jane Roe, The Harbour Times": a byline naming the outlet after a comma.
static BY_COMMA_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3},\s+(?P<n>(?:[Tt]he\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s*$").expect("re")
});
static WRITTEN_BY_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^written\s+by\s+(?P<n>\S+)\s*$").expect("re"));
/// "KYIV, Feb 28 (Reuters) -" / "MOSCOW (AP)_".
static WIRE_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][A-Z .,'/-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*\((?P<n>[A-Z][A-Za-z&. ]{0,30}[A-Za-z.])\)\s*[-—–_]").expect("re")
});

/// Web-mail domains that say nothing about the outlet.
const WEBMAIL: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "protonmail.com",
    "icloud.com",
    "aol.com",
    "mail.com",
    "gmx.com",
    "proton.me",
];

/// A candidate outlet with its priority (lower wins).
struct Cand {
    prio: u8,
    name: String,
    evidence: String,
}

/// The outlet, from markup or what the text says about itself.
///
/// Candidates, best first: a "Reference(s): domain" line, a contact e-mail
/// domain, a copyright line, "By X for Y", a wire dateline "(Reuters) -",
/// a one-word "written by X". Domains are preferred when several appear.
/// Nothing is invented: every name is a string of the page.
pub fn outlet(page: &PageMeta, meta_lines: &[String], text: &str) -> Option<Outlet> {
    if let Some(s) = page
        .sitename
        .as_ref()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        return Some(Outlet {
            name: s.to_string(),
            evidence: "page metadata (site name)".into(),
        });
    }
    let mut cands: Vec<Cand> = Vec::new();
    let text_lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // Only the edges of the body hold self-descriptions; the middle is story.
    let n = text_lines.len();
    let edge: Vec<&str> = if n <= 2 * 12 {
        text_lines.clone()
    } else {
        text_lines[..12]
            .iter()
            .chain(text_lines[n - 12..].iter())
            .copied()
            .collect()
    };
    let all: Vec<&str> = meta_lines
        .iter()
        .map(|s| s.trim())
        .filter(|l| !l.is_empty())
        .chain(edge)
        .collect();
    for (i, line) in all.iter().enumerate() {
        if line.len() > 300 {
            continue;
        }
        if let Some(c) = REFERENCE_RE.captures(line) {
            let rest = c.name("rest").map_or("", |m| m.as_str().trim());
            // "Reference(s):" with the domain on the next line.
            let (cand, ev) = if rest.is_empty() {
                match all.get(i + 1) {
                    Some(next) => (*next, format!("{line} {next}")),
                    None => continue,
                }
            } else {
                (rest, line.to_string())
            };
            if let Some(d) = DOMAIN_RE.captures(cand.trim()).and_then(|d| d.name("d")) {
                cands.push(Cand {
                    prio: 0,
                    name: d.as_str().to_ascii_lowercase(),
                    evidence: ev,
                });
            }
            continue;
        }
        if let Some(c) = EMAIL_RE.captures(line) {
            let d = c.name("d").map_or("", |m| m.as_str()).to_ascii_lowercase();
            let d = d.strip_prefix("mail.").unwrap_or(&d).to_string();
            if !WEBMAIL.contains(&d.as_str()) {
                cands.push(Cand {
                    prio: 1,
                    name: d,
                    evidence: format!("contact e-mail domain: {line}"),
                });
            }
            continue;
        }
        if let Some(c) = COPYRIGHT_RE.captures(line) {
            let name = c.name("n").map_or("", |m| m.as_str().trim());
            if name.len() >= 2 && name.starts_with(|ch: char| ch.is_alphanumeric()) {
                let prio = if DOMAIN_RE.is_match(name) { 0 } else { 2 };
                cands.push(Cand {
                    prio,
                    name: name.to_string(),
                    evidence: line.to_string(),
                });
            }
            continue;
        }
        if let Some(c) = BY_FOR_RE
            .captures(line)
            .or_else(|| BY_COMMA_RE.captures(line))
        {
            cands.push(Cand {
                prio: 3,
                name: c["n"].trim().to_string(),
                evidence: line.to_string(),
            });
            continue;
        }
        if let Some(c) = WIRE_RE.captures(line) {
            cands.push(Cand {
                prio: 4,
                name: c["n"].trim().to_string(),
                evidence: format!("wire dateline: {}", clip(line, 80)),
            });
            continue;
        }
        if let Some(c) = WRITTEN_BY_RE.captures(line) {
            let n = c["n"].trim();
            // A single CamelCase token or domain, not a person's name.
            let camel = n.chars().filter(|c| c.is_uppercase()).count() >= 2 || n.contains('.');
            if camel
                && n.chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            {
                cands.push(Cand {
                    prio: 5,
                    name: n.to_string(),
                    evidence: line.to_string(),
                });
            }
        }
    }
    // Stable: lowest priority first, then first seen.
    let best = cands
        .into_iter()
        .enumerate()
        .min_by_key(|(i, c)| (c.prio, *i))?
        .1;
    Some(Outlet {
        name: best.name,
        evidence: best.evidence,
    })
}

fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut e = max;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

/// Parses a markup date string: RFC 3339 / ISO 8601, RFC 2822 and common
/// written forms ("February 28, 2025", "28/02/2025" …).
fn parse_markup_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    // ISO date prefix ("2025-02-28T10:00", "2025-02-28 10:00:00").
    if let Some(p) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(p, "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(p, "%Y/%m/%d") {
            return Some(d);
        }
    }
    for f in [
        "%Y%m%d",
        "%d.%m.%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%m/%d/%Y",
        "%A, %B %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    // Anything else: the first full date the date finder sees in it.
    crate::dates::find_dates(s, &[], None)
        .into_iter()
        .find(|m| !m.relative && m.start.is_some() && m.start == m.end)
        .and_then(|m| m.start)
}

/// Full day-precision absolute dates ("April 28, 2025"), not ranges.
fn full_day(m: &DateMention) -> Option<NaiveDate> {
    match (m.start, m.end) {
        (Some(s), Some(e)) if s == e && !m.relative => Some(s),
        _ => None,
    }
}

/// Day-precision absolute dates and short day ranges ("May 8–10, 2025"):
/// their first day can floor the publication date.
fn day_floor(m: &DateMention) -> Option<NaiveDate> {
    match (m.start, m.end) {
        (Some(s), Some(e)) if !m.relative && (e - s).num_days() < 27 => Some(s),
        _ => None,
    }
}

/// Byte ranges of the first and last `EDGE_LINES` non-empty lines.
fn edge_lines(text: &str) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let body = l.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            lines.push(Span::new(pos, pos + body.len()));
        }
        pos += l.len();
    }
    let n = lines.len();
    if n <= 2 * EDGE_LINES {
        return lines;
    }
    lines[..EDGE_LINES]
        .iter()
        .chain(lines[n - EDGE_LINES..].iter())
        .copied()
        .collect()
}

/// The sentence-ish start before `at`: after the last '.', '!' '?' or newline.
fn clause_start(text: &str, at: usize) -> usize {
    let head = text.get(..at).unwrap_or("");
    head.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1)
}

/// The publication date from markup, a dateline, or estimated from the
/// absolute dates the text mentions.
///
/// 1. `page.date` parsed ⇒ exact, [`PubDateSource::Markup`].
/// 2. A "Published/Updated/Posted …" line, or a line that is just a date,
///    among the first or last lines ⇒ exact, [`PubDateSource::Text`].
/// 3. Otherwise a window, [`PubDateSource::Estimated`]: from the latest
///    full date mentioned (future-looking ones — after "will", "until",
///    "by", "next", "scheduled" — are ignored) to [`WINDOW_DAYS`] later.
///    With only months or years mentioned, the window spans the latest
///    one, plus [`WINDOW_DAYS`]. No evidence ⇒ `None`.
pub fn published(page: &PageMeta, text: &str, absolute_dates: &[DateMention]) -> Option<PubDate> {
    if let Some(raw) = page.date.as_deref() {
        if let Some(d) = parse_markup_date(raw) {
            return Some(PubDate::exact(
                d,
                PubDateSource::Markup,
                format!("page metadata date: {raw}"),
            ));
        }
    }
    if let Some(p) = dateline(text, absolute_dates) {
        return Some(p);
    }
    estimate(text, absolute_dates)
}

/// Step 2: an explicit dateline near the top or bottom of the text.
fn dateline(text: &str, dates: &[DateMention]) -> Option<PubDate> {
    let edges = edge_lines(text);
    let mut best: Option<(u8, NaiveDate, String)> = None;
    for line in &edges {
        let l = text.get(line.start..line.end)?.trim();
        let lower = l.to_ascii_lowercase();
        let rank = if lower.starts_with("published")
            || lower.starts_with("posted")
            || lower.starts_with("date:")
        {
            0
        } else if lower.starts_with("updated") || lower.starts_with("last updated") {
            1
        } else {
            2
        };
        for m in dates.iter().filter(|m| line.contains(&m.span)) {
            let Some(d) = full_day(m) else { continue };
            // A bare date line: little else on it but the date (and a
            // time) — or a wire dateline opening a paragraph
            // ("KYIV, March 4, 2031 (Agency) - …").
            let rest_len = l.len().saturating_sub(m.text.len());
            let wire = is_wire_dateline(text, line.start, m);
            if rank == 2 && !wire && (rest_len > 25 || l.split_whitespace().count() > 8) {
                continue;
            }
            if best.as_ref().is_none_or(|b| rank < b.0) {
                best = Some((rank, d, l.to_string()));
            }
            break;
        }
    }
    let (_, d, l) = best?;
    Some(PubDate::exact(
        d,
        PubDateSource::Text,
        format!("dateline in text: '{}'", clip(&l, 120)),
    ))
}

/// "CITY, <date>" at the very start of a line: an upper-case place name
/// (one to four words), a comma, then the date within a few bytes.
fn is_wire_dateline(text: &str, line_start: usize, m: &DateMention) -> bool {
    let Some(head) = text.get(line_start..m.span.start) else {
        return false;
    };
    if head.len() > 48 {
        return false;
    }
    let head = head.trim_end();
    let Some(place) = head.strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().any(|c| c.is_alphabetic()) && !w.chars().any(|c| c.is_lowercase()))
}

/// Step 3: a window from the dates the text mentions.
fn estimate(text: &str, dates: &[DateMention]) -> Option<PubDate> {
    let backward = |m: &DateMention| {
        !crate::dates::future_looking(text, clause_start(text, m.span.start), m.span.start)
    };
    let mut evidence = Vec::new();
    // Latest full date mentioned, not future-looking.
    let floor = dates
        .iter()
        .filter(|m| backward(m))
        .filter_map(|m| day_floor(m).map(|d| (d, m)))
        .max_by_key(|(d, m)| (*d, std::cmp::Reverse(m.span.start)));
    // Latest month/year window mentioned (for articles with no full date,
    // or a month later than the latest full date).
    let window = dates
        .iter()
        .filter(|m| !m.relative && backward(m))
        .filter_map(|m| match (m.start, m.end) {
            (Some(s), Some(e)) if day_floor(m).is_none() => Some((s, e, m)),
            _ => None,
        })
        .max_by_key(|(s, e, m)| (*s, *e, std::cmp::Reverse(m.span.start)));
    let (earliest, mut latest) = match (floor, window) {
        (Some((d, m)), w) => {
            evidence.push(format!("latest date mentioned: {d} ('{}')", m.text));
            let mut e = d;
            // A reported range ("May 8–10") may still be under way: the
            // floor is its first day, the bound runs from its last.
            let mut l = m.end.unwrap_or(d).max(d) + Duration::days(WINDOW_DAYS);
            if let Some((ws, we, wm)) = w {
                if ws > d {
                    evidence.push(format!("mentions {}: {ws} to {we}", wm.text));
                    e = ws;
                    l = we + Duration::days(WINDOW_DAYS);
                }
            }
            (e, l)
        }
        (None, Some((s, e, m))) if (e - s).num_days() > 62 => {
            // A year ("since 2029", "in 2024") only says the article is not
            // older than it: news looks back a year or so, so allow the
            // next year too.
            evidence.push(format!(
                "only years mentioned; latest: '{}' ({s} to {e})",
                m.text
            ));
            (s, e + Duration::days(366))
        }
        (None, Some((s, e, m))) => {
            evidence.push(format!(
                "only months mentioned; latest: '{}' ({s} to {e})",
                m.text
            ));
            (s, e + Duration::days(WINDOW_DAYS))
        }
        (None, None) => return None,
    };
    if floor.is_some() {
        evidence.push(format!(
            "window of {WINDOW_DAYS} days after the latest reported date"
        ));
    }
    // Weekday mentions ("said Monday") don't move the window: the day
    // they name may lie before the latest dated day as well as after it.
    if latest < earliest {
        latest = earliest;
    }
    Some(PubDate {
        earliest,
        latest,
        source: PubDateSource::Estimated,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn pubdate(page: &PageMeta, text: &str) -> Option<PubDate> {
        let s = crate::sentences::split(text);
        let abs = crate::dates::find_dates(text, &s, None);
        published(page, text, &abs)
    }

    #[test]
    fn title_from_markup_or_headline() {
        let page = PageMeta {
            title: Some("Markup Title".into()),
            ..Default::default()
        };
        assert_eq!(title(&page, "x"), Some("Markup Title".into()));
        let d = PageMeta::default();
        assert_eq!(
            title(&d, "\n  Harbour Talks Stall Again\nBody text."),
            Some("Harbour Talks Stall Again".into())
        );
        assert_eq!(
            title(&d, "The harbour talks stalled again on Monday."),
            None
        );
        assert_eq!(
            title(
                &d,
                "Discover the impact of the harbour talks in 2025. Explore what it means"
            ),
            None
        );
        assert_eq!(title(&d, "Hello"), None);
        assert_eq!(title(&d, ""), None);
    }

    #[test]
    fn outlet_signals() {
        let d = PageMeta::default();
        let o = outlet(&d, &[], "Story text.\nReference(s):\nharbournews.example").unwrap();
        assert_eq!(o.name, "harbournews.example");
        let o = outlet(
            &d,
            &["written by TheDailyKite".into()],
            "Body.\nEmail: desk@dailykite.example",
        )
        .unwrap();
        assert_eq!(o.name, "dailykite.example");
        assert!(o.evidence.contains("desk@dailykite.example"));
        let o = outlet(&d, &["written by TheDailyKite".into()], "Body.").unwrap();
        assert_eq!(o.name, "TheDailyKite");
        assert!(outlet(&d, &["written by Jane Doe".into()], "Body.").is_none());
        let o = outlet(
            &d,
            &[],
            "Body.\n© 2025 Lakeside Herald. All rights reserved.",
        )
        .unwrap();
        assert_eq!(o.name, "Lakeside Herald");
        let o = outlet(&d, &[], "By Ann Vole for The Morning Lark\nBody.").unwrap();
        assert_eq!(o.name, "The Morning Lark");
        let o = outlet(&d, &[], "OSLO, Feb 28 (Kitewire) - Talks began.").unwrap();
        assert_eq!(o.name, "Kitewire");
        let o = outlet(
            &d,
            &[],
            "Headline\nOSLO, March 4, 2031 (Kite Press Agency) - Talks began.",
        )
        .unwrap();
        assert_eq!(o.name, "Kite Press Agency");
        let o = outlet(&d, &[], "Headline\nBy Ada Moss, Harbour Wire\nTalks began.").unwrap();
        assert_eq!(o.name, "Harbour Wire");
        // Reported-by and told-X are not the outlet; webmail is not either.
        assert!(outlet(&d, &[], "The Harbour Post reported the deal.\nExperts told Lark Weekly so.\nMail me: a@gmail.com").is_none());
        let page = PageMeta {
            sitename: Some("Kite News".into()),
            ..Default::default()
        };
        assert_eq!(outlet(&page, &[], "").unwrap().name, "Kite News");
    }

    #[test]
    fn markup_dates() {
        for (s, d) in [
            ("2025-02-28T10:31:00Z", ymd(2025, 2, 28)),
            ("2025-02-28", ymd(2025, 2, 28)),
            ("Fri, 28 Feb 2025 10:31:00 +0000", ymd(2025, 2, 28)),
            ("February 28, 2025", ymd(2025, 2, 28)),
            ("28 Feb 2025 10:31 GMT", ymd(2025, 2, 28)),
        ] {
            let page = PageMeta {
                date: Some(s.into()),
                ..Default::default()
            };
            let p = pubdate(&page, "Nothing.").unwrap();
            assert_eq!((p.earliest, p.source), (d, PubDateSource::Markup), "{s}");
        }
    }

    #[test]
    fn text_dateline() {
        let t =
            "Harbour Talks Stall\nPublished: March 3, 2025\nThe talks of February 20, 2025 failed.";
        let p = pubdate(&PageMeta::default(), t).unwrap();
        assert_eq!(
            (p.earliest, p.latest, p.source),
            (ymd(2025, 3, 3), ymd(2025, 3, 3), PubDateSource::Text)
        );
    }

    #[test]
    fn estimated_window_from_latest_date() {
        let t = "The mayor spoke on April 28, 2025, after the March 2, 2025 vote. \
                 A summit is scheduled for June 30, 2025. Talks will run until May 20, 2025.";
        let p = pubdate(&PageMeta::default(), t).unwrap();
        assert_eq!(p.source, PubDateSource::Estimated);
        assert_eq!((p.earliest, p.latest), (ymd(2025, 4, 28), ymd(2025, 5, 12)));
        assert!(p.evidence[0].contains("2025-04-28"), "{:?}", p.evidence);
    }

    #[test]
    fn regression_weekday_does_not_push_window_past_the_truth() {
        // 2025-04-24 is a Thursday. "Monday" may be 04-21 (before the dated
        // vote) as well as 04-28: the window must start at the vote and
        // keep both readings. (A seed article dated a day after a Monday
        // caption was pushed a week late by the old weekday rule.)
        let t = "The vote on April 24, 2025 passed. The mayor said Monday that she would resign.";
        let p = pubdate(&PageMeta::default(), t).unwrap();
        assert_eq!(p.earliest, ymd(2025, 4, 24));
        assert!(p.latest >= ymd(2025, 4, 28));
    }

    #[test]
    fn wire_dateline_is_the_publication_date() {
        let t = "Talks open in the lakeside city\nHARBORTON, March 4, 2031 (Northern Wire) - Delegates met on Monday for the first time.";
        let p = pubdate(&PageMeta::default(), t).unwrap();
        assert!(p.is_exact());
        assert_eq!(p.earliest, ymd(2031, 3, 4));
    }

    #[test]
    fn weekday_naming_a_dated_day_does_not_raise() {
        let t = "The vote on Thursday, April 24, 2025 passed.";
        let p = pubdate(&PageMeta::default(), t).unwrap();
        assert_eq!(p.earliest, ymd(2025, 4, 24));
    }

    #[test]
    fn months_only_and_nothing() {
        let p = pubdate(&PageMeta::default(), "In April 2025, the port reopened.").unwrap();
        assert_eq!((p.earliest, p.latest), (ymd(2025, 4, 1), ymd(2025, 5, 14)));
        assert!(pubdate(&PageMeta::default(), "The port reopened on Monday.").is_none());
    }
}
