//! Bounding element nesting before parsing.
//!
//! html5ever's tree builder checks element scopes by walking its stack of
//! open elements, so a page nested 100,000 deep costs time quadratic in
//! the depth (tens of seconds). Real pages nest a few dozen levels; this
//! linear pre-scan drops start tags (and their matching end tags) beyond
//! [`MAX_DEPTH`], keeping every piece of text. Pages within the limit are
//! returned untouched, without copying.

use std::borrow::Cow;

/// Deepest nesting of counted elements kept.
pub(crate) const MAX_DEPTH: usize = 400;

/// Elements whose end tag is optional (or that never nest) are not
/// counted: old pages leave thousands of `<p>`/`<li>` unclosed.
fn counted(name: &[u8]) -> bool {
    const SKIP: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
    ];
    !SKIP.iter().any(|s| s.eq_ignore_ascii_case(name))
}

fn raw_text(name: &[u8]) -> bool {
    const RAW: &[&[u8]] = &[
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"plaintext",
    ];
    RAW.iter().any(|s| s.eq_ignore_ascii_case(name))
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// Finds `</name` (ASCII case-insensitive) from `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find_from(b, i, b"</") {
        let s = p + 2;
        if b.len() >= s + name.len() && b[s..s + name.len()].eq_ignore_ascii_case(name) {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

/// Returns the source with over-deep start/end tag pairs removed.
pub(crate) fn limit_depth(src: &str) -> Cow<'_, str> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut dropped = 0usize;
    // Byte ranges to cut, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(lt) = b
        .get(i..)
        .and_then(|s| memchr::memchr(b'<', s))
        .map(|p| p + i)
    {
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find_from(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = find_from(b, lt, b">").map_or(b.len(), |p| p + 1);
            continue;
        }
        let is_end = rest.first() == Some(&b'/');
        let name_start = lt + 1 + is_end as usize;
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        if j == name_start || !b[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &b[name_start..j];
        // Tag end: the next '>' outside quoted attribute values.
        let mut k = j;
        let mut quote = 0u8;
        while k < b.len() {
            let c = b[k];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            k += 1;
        }
        let tag_end = (k + 1).min(b.len());
        let self_closing = k > 0 && b.get(k - 1) == Some(&b'/');
        if is_end {
            if counted(name) {
                if dropped > 0 {
                    dropped -= 1;
                    cuts.push((lt, tag_end));
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            i = tag_end;
            continue;
        }
        if raw_text(name) {
            i = find_end_tag(b, tag_end, name).unwrap_or(b.len());
            continue;
        }
        if counted(name) && !self_closing {
            if depth >= MAX_DEPTH {
                dropped += 1;
                cuts.push((lt, tag_end));
            } else {
                depth += 1;
            }
        }
        i = tag_end;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut last = 0;
    for (s, e) in cuts {
        // Cuts start at '<' and end after '>' or at the end: both ASCII
        // positions, so always char boundaries.
        out.push_str(&src[last..s]);
        last = e;
    }
    out.push_str(&src[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed() {
        let s = "<div><p>a<p>b<ul><li>c<li>d</ul></div><script>if (a<b) {}</script>";
        assert!(matches!(limit_depth(s), Cow::Borrowed(_)));
        let many_p = "<p>x".repeat(5000);
        assert!(matches!(limit_depth(&many_p), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_flattened_keeping_text() {
        let s = format!(
            "{}text{}",
            "<div class='a>b'>".repeat(1000),
            "</div>".repeat(1000)
        );
        let out = limit_depth(&s);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("text"));
    }
}
