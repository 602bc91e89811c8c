//! RSS 0.9x/1.0/2.0, Atom and JSON Feed documents via `feed-rs`, one
//! record per item.
//!
//! Feed parsing is not streaming, so a feed is read whole, capped at
//! [`SourceOptions::max_feed_bytes`]; feeds are small in practice.
//!
//! Representation (see [`RecordContent`]): the full content
//! (`content:encoded`, Atom `<content>`) is preferred over the summary
//! (`<description>`, `<summary>`). Content with markup becomes an HTML
//! page synthesised around it, carrying the item's metadata as standard
//! tags so HTML extraction finds both; content without markup (or typed
//! `text/plain`) becomes [`RecordContent::Prepared`]. `raw` is the chosen
//! content as the feed gave it (entities resolved by the XML parser). An
//! item with neither content nor summary is rejected.

use crate::input::{io_reason, one, read_capped, Iter};
use crate::{Record, RecordContent, RecordError, RecordResult, SourceOptions};
use std::io::BufRead;

pub(crate) fn read_feed(
    name: String,
    mut body: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Iter {
    let bytes = match read_capped(&mut body, opts.max_feed_bytes) {
        Ok(b) => b,
        Err(e) => return one(RecordError::rejected(name, io_reason(&e))),
    };
    if bytes.len() as u64 > opts.max_feed_bytes {
        return one(RecordError::rejected(
            name,
            format!("feed too large (more than {} bytes)", opts.max_feed_bytes),
        ));
    }
    let feed = match feed_rs::parser::parse(&bytes[..]) {
        Ok(f) => f,
        Err(e) => {
            return one(RecordError::rejected(
                name,
                format!("unparsable feed ({e})"),
            ))
        }
    };
    drop(bytes);
    let site = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|s| !s.is_empty());
    let lang = feed.language.clone();
    let cap = opts.max_record_bytes;
    let out: Vec<RecordResult> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            item(
                format!("{name}#item-{}", i + 1),
                entry,
                site.as_deref(),
                lang.as_deref(),
                cap,
            )
        })
        .collect();
    if out.is_empty() {
        return one(RecordError::skipped(name, "skipped: feed without items"));
    }
    Box::new(out.into_iter())
}

fn item(
    locator: String,
    e: feed_rs::model::Entry,
    site: Option<&str>,
    lang: Option<&str>,
    cap: u64,
) -> RecordResult {
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.clone())
        .or_else(|| e.id.starts_with("http").then(|| e.id.clone()));
    let title = e
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let date = e.published.or(e.updated).map(|d| d.to_rfc3339());
    let authors: Vec<String> = e
        .authors
        .iter()
        .filter_map(|p| Some(p.name.as_deref()?.trim().to_string()))
        .filter(|n| !n.is_empty())
        .collect();
    let language = e.language.clone().or(lang.map(str::to_string));
    let content = e
        .content
        .as_ref()
        .and_then(|c| Some((c.body.clone()?, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| {
            e.summary
                .as_ref()
                .map(|s| (s.content.clone(), s.content_type.to_string()))
        })
        .filter(|(b, _)| !b.trim().is_empty());
    let Some((body, ctype)) = content else {
        return Err(RecordError::rejected(locator, "feed item without content"));
    };
    if body.len() as u64 > cap {
        return Err(RecordError::rejected(
            locator,
            format!("record too large ({} bytes; limit {cap})", body.len()),
        ));
    }
    let plain = ctype.to_ascii_lowercase().starts_with("text/plain") || !has_markup(&body);
    let content = if plain {
        RecordContent::Prepared {
            text: body.trim().to_string(),
            title,
            url,
            date,
            sitename: site.map(str::to_string),
            authors,
            language,
        }
    } else {
        let html = page(
            &body,
            title.as_deref(),
            url.as_deref(),
            date.as_deref(),
            site,
            &authors,
            language.as_deref(),
        );
        RecordContent::Html {
            html,
            url,
            fetched: None,
        }
    };
    Ok(Record {
        locator,
        raw: body.into_bytes(),
        content,
    })
}

/// Whether text holds HTML tags (a `<` followed by a known tag name).
fn has_markup(s: &str) -> bool {
    const TAGS: &[&[u8]] = &[
        b"p",
        b"br",
        b"div",
        b"a",
        b"em",
        b"strong",
        b"b",
        b"i",
        b"ul",
        b"ol",
        b"li",
        b"img",
        b"span",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"blockquote",
        b"figure",
        b"table",
        b"section",
        b"article",
        b"iframe",
    ];
    let b = s.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let end = rest
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        end < rest.len()
            && matches!(rest[end], b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')
            && TAGS.iter().any(|t| t.eq_ignore_ascii_case(&rest[..end]))
    })
}

/// Escapes text for an HTML attribute or text node.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// A minimal page around feed content, with the item's metadata as the
/// tags HTML extraction reads (`<title>`, `og:title`, canonical link,
/// `article:published_time`, `author`, `og:site_name`, `<html lang>`).
fn page(
    body: &str,
    title: Option<&str>,
    url: Option<&str>,
    date: Option<&str>,
    site: Option<&str>,
    authors: &[String],
    lang: Option<&str>,
) -> String {
    let mut h = String::with_capacity(body.len() + 512);
    h.push_str("<!DOCTYPE html>\n<html");
    if let Some(l) = lang {
        h.push_str(&format!(" lang=\"{}\"", esc(l)));
    }
    h.push_str("><head><meta charset=\"utf-8\">\n");
    if let Some(t) = title {
        h.push_str(&format!(
            "<title>{}</title>\n<meta property=\"og:title\" content=\"{}\">\n",
            esc(t),
            esc(t)
        ));
    }
    if let Some(u) = url {
        h.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", esc(u)));
    }
    if let Some(d) = date {
        h.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{}\">\n",
            esc(d)
        ));
    }
    for a in authors {
        h.push_str(&format!("<meta name=\"author\" content=\"{}\">\n", esc(a)));
    }
    if let Some(s) = site {
        h.push_str(&format!(
            "<meta property=\"og:site_name\" content=\"{}\">\n",
            esc(s)
        ));
    }
    h.push_str("</head><body><article>\n");
    h.push_str(body);
    h.push_str("\n</article></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_detection() {
        assert!(has_markup("<p>Hi</p>"));
        assert!(has_markup("a<br/>b"));
        assert!(!has_markup("3 < 4 and x<y"));
        assert!(!has_markup("use <pre"));
    }

    #[test]
    fn page_escapes_metadata() {
        let p = page(
            "<p>x</p>",
            Some("A \"B\" & <C>"),
            None,
            None,
            None,
            &[],
            None,
        );
        assert!(p.contains("<title>A &quot;B&quot; &amp; &lt;C&gt;</title>"));
        assert!(p.contains("<article>\n<p>x</p>"));
    }
}
