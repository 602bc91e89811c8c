//! Telling HTML from plain text by content, not by file extension.
//!
//! Scraped articles often arrive as `.txt` files holding HTML, or as
//! `.html` files holding plain text; the content is what counts.

use newsdesk_core::InputFormat;

/// How much of the text the tag-density check looks at.
const SAMPLE: usize = 64 * 1024;

/// Block-level tag openings whose density marks HTML (matched ASCII
/// case-insensitively, followed by `>`, whitespace or `/`).
const BLOCK_TAGS: &[&str] = &[
    "<p",
    "</p",
    "<div",
    "</div",
    "<br",
    "<li",
    "<ul",
    "<ol",
    "<table",
    "<tr",
    "<td",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "<span",
    "<a",
    "<section",
    "<article",
    "<blockquote",
    "<meta",
    "<link",
    "<script",
];

/// Decides whether decoded content is an HTML page or plain text.
///
/// HTML when the content starts — after a BOM, whitespace, an XML prolog
/// and comments — with `<!doctype html`, `<html`, `<head`, `<body` or a
/// head element (`<style`, `<script`, `<meta`, `<link`, `<title`), or
/// when HTML block tags are dense (at least one per 200 bytes, 3 or more).
///
/// ```
/// use newsdesk_core::InputFormat;
/// assert_eq!(newsdesk_ingest::sniff_format("<!-- x --> <!DOCTYPE html><p>Hi"), InputFormat::Html);
/// assert_eq!(newsdesk_ingest::sniff_format("Use <div> for blocks."), InputFormat::Text);
/// ```
pub fn sniff_format(text: &str) -> InputFormat {
    let mut rest = text.trim_start_matches('\u{FEFF}');
    // Skip whitespace, comments and `<?xml …?>` prologs, boundedly.
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = match after.find("-->") {
                Some(end) => &after[end + 3..],
                None => "",
            };
        } else if let Some(after) = rest.strip_prefix("<?") {
            rest = match after.find("?>") {
                Some(end) => &after[end + 2..],
                None => "",
            };
        } else {
            break;
        }
    }
    let head: String = rest
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    // A page may open with its stylesheet or scripts before any <html>.
    for start in [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<style",
        "<script",
        "<meta",
        "<link",
        "<title",
    ] {
        if let Some(after) = head.strip_prefix(start) {
            let next = after.chars().next();
            if next.is_none_or(|c| c == '>' || c.is_whitespace() || c == '/') {
                return InputFormat::Html;
            }
        }
    }
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text.as_bytes()[..end];
    let mut tags = 0usize;
    let mut i = 0;
    while i < sample.len() {
        if sample[i] == b'<' {
            for tag in BLOCK_TAGS {
                let t = tag.as_bytes();
                if sample.len() > i + t.len()
                    && sample[i..i + t.len()].eq_ignore_ascii_case(t)
                    && matches!(
                        sample[i + t.len()],
                        b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'
                    )
                {
                    tags += 1;
                    break;
                }
            }
        }
        i += 1;
    }
    if tags >= 3 && tags * 200 >= sample.len() {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: pages opening with a large inline stylesheet or script
    /// (no `<html>` before it) were read as plain text.
    #[test]
    fn page_opening_with_style_or_script_is_html() {
        let css = format!(
            "<style>\n{}</style>\n<body><p>Text</p></body>",
            ".a { color: red; }\n".repeat(5000)
        );
        assert_eq!(sniff_format(&css), InputFormat::Html);
        let js = format!(
            "<script src=\"/x.js\"></script><style>{}</style><div>x</div>",
            "b{c:d}".repeat(20000)
        );
        assert_eq!(sniff_format(&js), InputFormat::Html);
        assert_eq!(
            sniff_format("<title>Notes</title>\nplain"),
            InputFormat::Html
        );
        assert_eq!(sniff_format("Use <style> tags for CSS."), InputFormat::Text);
    }

    #[test]
    fn doctype_after_bom_and_comment() {
        assert_eq!(
            sniff_format("\u{FEFF}  <!-- saved --><!doctype HTML><title>x</title>"),
            InputFormat::Html
        );
        assert_eq!(
            sniff_format("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"),
            InputFormat::Html
        );
        assert_eq!(sniff_format("<BODY>text"), InputFormat::Html);
    }

    #[test]
    fn fragment_with_dense_tags() {
        assert_eq!(
            sniff_format("<div><p>One.</p><p>Two.</p></div>"),
            InputFormat::Html
        );
    }

    #[test]
    fn prose_mentioning_tags_is_text() {
        let t = format!(
            "{} The <p> tag starts a paragraph. {}",
            "Lorem ipsum. ".repeat(50),
            "More. ".repeat(50)
        );
        assert_eq!(sniff_format(&t), InputFormat::Text);
        assert_eq!(sniff_format("<htmlish> is not a tag"), InputFormat::Text);
        assert_eq!(sniff_format(""), InputFormat::Text);
        assert_eq!(sniff_format("<!-- unterminated"), InputFormat::Text);
    }
}
