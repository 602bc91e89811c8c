//! # newsdesk-report — the brief, rendered
//!
//! Takes a [`Brief`]; gives Markdown for reading, one self-contained HTML
//! page (inline CSS, no scripts, no external assets; every piece of article
//! text escaped, since the input is untrusted), or JSON (the stable shape
//! documented in the README).
//!
//! ```
//! use newsdesk_crosscheck::crosscheck;
//! let brief = crosscheck(Vec::new(), Vec::new());
//! let html = newsdesk_report::to_html(&brief);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! let md = newsdesk_report::to_markdown(&brief);
//! assert!(md.starts_with("# "));
//! ```

mod html;
mod markdown;

pub use html::to_html;
pub use markdown::to_markdown;
use newsdesk_crosscheck::Brief;

/// The brief as pretty-printed JSON (trailing newline included).
pub fn to_json(brief: &Brief) -> String {
    let mut s = serde_json::to_string_pretty(brief).expect("brief serialises");
    s.push('\n');
    s
}

/// Writes the brief as pretty-printed JSON to `w`, streaming: the whole
/// JSON text is never held in memory (a 100,000-article brief is large).
pub fn write_json<W: std::io::Write>(brief: &Brief, mut w: W) -> std::io::Result<()> {
    // Keep the I/O error's kind (a closed pipe must stay a BrokenPipe).
    serde_json::to_writer_pretty(&mut w, brief).map_err(|e| match e.io_error_kind() {
        Some(kind) => std::io::Error::new(kind, e),
        None => std::io::Error::other(e),
    })?;
    w.write_all(b"\n")
}

/// Writes the brief in `format` to `w` (JSON streamed; Markdown and HTML
/// rendered first).
pub fn write<W: std::io::Write>(brief: &Brief, format: Format, mut w: W) -> std::io::Result<()> {
    match format {
        Format::Json => write_json(brief, w),
        _ => w.write_all(render(brief, format).as_bytes()),
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Self-contained HTML.
    Html,
    /// JSON.
    Json,
}

/// Renders in the given format.
pub fn render(brief: &Brief, format: Format) -> String {
    match format {
        Format::Markdown => to_markdown(brief),
        Format::Html => to_html(brief),
        Format::Json => to_json(brief),
    }
}

/// Shared helpers for the text renderers.
pub(crate) mod util {
    use newsdesk_core::PubDate;

    /// Cuts `s` to at most `max` bytes at a char boundary, adding "…".
    pub fn clip(s: &str, max: usize) -> String {
        let s = s.trim();
        if s.len() <= max {
            return s.to_string();
        }
        let mut end = max.saturating_sub(1);
        while end > 0 && !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    }

    /// "2025-04-28", "2025-04-28 – 2025-05-05", or "undated".
    pub fn date_range(start: Option<chrono::NaiveDate>, end: Option<chrono::NaiveDate>) -> String {
        match (start, end) {
            (Some(a), Some(e)) if a == e => a.to_string(),
            (Some(a), Some(e)) => format!("{a} – {e}"),
            (Some(a), None) => a.to_string(),
            _ => "undated".into(),
        }
    }

    /// Who a quote is attributed to, for grouping "who said what": the
    /// canonical entity name, else the speaker as written (unnamed), else
    /// unknown.
    pub fn speaker_label(
        q: &newsdesk_crosscheck::BriefQuote,
        names: &std::collections::BTreeMap<&str, &str>,
    ) -> String {
        match (&q.speaker, &q.speaker_text) {
            (Some(id), _) => names
                .get(id.as_str())
                .map(|s| s.to_string())
                .unwrap_or_else(|| id.clone()),
            (None, Some(t)) => format!("{t} (unnamed)"),
            (None, None) => "(speaker unknown)".into(),
        }
    }

    /// "2025-04-28" or "2025-04-28 – 2025-05-05 (estimated)".
    pub fn pubdate(p: &Option<PubDate>) -> String {
        match p {
            None => "undated".into(),
            Some(p) if p.is_exact() => p.earliest.to_string(),
            Some(p) => format!("{} – {} (estimated)", p.earliest, p.latest),
        }
    }
}
