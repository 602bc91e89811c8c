//! A small, fast sentence splitter for paragraph lines: enough to find the
//! sentence a leak phrase or a duplicated caption sits in. (The analysis
//! stage has its own, richer splitter for the cleaned text.)

/// Abbreviations after which a period does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "jr", "sr", "vs", "no", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm", "maj", "cmdr", "pres", "rev",
    "hon", "approx", "fig", "vol",
];

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{BB}'
    )
}

fn is_opener_or_upper(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{AB}' | '\u{2014}'
        )
}

/// True when the word ending just before a period is an abbreviation.
fn abbreviation_before(s: &str, dot: usize) -> bool {
    let head = &s[..dot];
    // The separator may be multi-byte (U+2003): step over its full width.
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    // "U.S." / "a.m." (inner dots) and single letters ("J.") are abbreviations.
    if word.contains('.') {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if word.len() > 6 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    ABBREV.contains(&lower.as_str())
}

fn next_terminator(b: &[u8]) -> Option<usize> {
    let a = memchr::memchr3(b'.', b'!', b'?', b);
    let limit = a.unwrap_or(b.len());
    match memchr::memchr(0xA6, &b[..limit]) {
        Some(e) => Some(e),
        None => a,
    }
}

/// Byte ranges of the sentences of `s`, each trimmed; gaps are whitespace.
pub(crate) fn split(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut pos = 0;
    // Candidate terminators found with memchr; "…" (U+2026) is found by
    // its last byte 0xA6, which only occurs inside that family of chars.
    while let Some(off) = next_terminator(&b[pos..]) {
        let i = pos + off;
        let (i, c) = if b[i] == 0xA6 {
            // Step back to the char start; accept only U+2026.
            let st = i.saturating_sub(2);
            match s.get(st..=i) {
                Some("\u{2026}") => (st, '\u{2026}'),
                _ => {
                    pos = i + 1;
                    continue;
                }
            }
        } else {
            (i, b[i] as char)
        };
        // Swallow repeated terminators and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        for d in s[end..].chars() {
            if matches!(d, '.' | '!' | '?' | '\u{2026}') || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        // A boundary needs whitespace, then an upper-case/opening char.
        let rest = &s[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 {
            continue;
        }
        let Some(next) = rest[ws..].chars().next() else {
            continue;
        };
        if !is_opener_or_upper(next) {
            continue;
        }
        if c == '.' && end == i + 1 && abbreviation_before(s, i) {
            continue;
        }
        push(s, start, end, &mut out);
        start = end + ws;
    }
    push(s, start, s.len(), &mut out);
    out
}

fn push(s: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let seg = &s[a..b];
    let lead = seg.len() - seg.trim_start().len();
    let t = seg.trim();
    if !t.is_empty() {
        out.push((a + lead, a + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(
            texts("The U.S. envoy met Mr. Vale in St. Ives. He left. \"Fine,\" she said! Then 3 more."),
            vec!["The U.S. envoy met Mr. Vale in St. Ives.", "He left.", "\"Fine,\" she said!", "Then 3 more."]
        );
    }

    #[test]
    fn multibyte_space_before_period() {
        let s = "ab\u{2003}x. Next";
        assert_eq!(texts(s), vec![s]);
        let _ = texts("=>,\u{2003}8. Z");
    }

    #[test]
    fn quotes_close() {
        assert_eq!(
            texts("He said \u{201C}no.\u{201D} Next."),
            vec!["He said \u{201C}no.\u{201D}", "Next."]
        );
        assert_eq!(texts("no terminal"), vec!["no terminal"]);
        assert!(texts("   ").is_empty());
    }
}
