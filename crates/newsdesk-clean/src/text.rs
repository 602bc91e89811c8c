//! Line-shape helpers: normalisation for repetition keys, word counts,
//! terminal punctuation and "headline-like" (short, Title Case, no period).

/// Lower-cased alphanumeric words joined by single spaces; apostrophes
/// vanish ("Europe's" → "europes") so quote-style variants compare equal.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            // Join "Europe's" → "europes".
        } else {
            pending_space = true;
        }
    }
    out
}

/// Hash of [`normalize`]`(s)` computed without allocating (FNV-1a over
/// the same character stream); 0 when the normalised text is empty.
/// Seedless, so it is stable across runs and threads.
pub(crate) fn norm_hash(s: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    #[inline]
    fn feed(h: u64, b: u8) -> u64 {
        (h ^ u64::from(b)).wrapping_mul(PRIME)
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut any = false;
    let mut pending_space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII fast path (same classes as `normalize`).
            i += 1;
            if b.is_ascii_alphanumeric() {
                if pending_space && any {
                    h = feed(h, b' ');
                }
                pending_space = false;
                any = true;
                h = feed(h, b.to_ascii_lowercase());
            } else if b != b'\'' {
                pending_space = true;
            }
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if pending_space && any {
                h = feed(h, b' ');
            }
            pending_space = false;
            any = true;
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = feed(h, b);
                }
            }
        } else if !matches!(c, '\u{2019}' | '\u{2018}') {
            pending_space = true;
        }
    }
    if any {
        h.max(1)
    } else {
        0
    }
}

/// Fast exact hash of a text (8 bytes at a time); never 0 for non-empty
/// text. Used where exact repetition is the signal (copied captions and
/// paragraphs).
pub(crate) fn raw_hash(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    if s.is_empty() {
        0
    } else {
        h.max(1)
    }
}

/// Number of whitespace-separated words.
pub(crate) fn word_count(s: &str) -> usize {
    // Word starts = a byte > ' ' after a byte <= ' ' (ASCII whitespace and
    // controls separate words; non-ASCII spaces are rare in extracted text
    // and only make a count slightly low). Written to auto-vectorise.
    let b = s.as_bytes();
    let first = usize::from(b.first().is_some_and(|&c| c > b' '));
    if b.len() < 2 {
        return first;
    }
    first
        + b[..b.len() - 1]
            .iter()
            .zip(&b[1..])
            .map(|(&p, &c)| usize::from((p <= b' ') & (c > b' ')))
            .sum::<usize>()
}

/// The last char that is not a closing quote/bracket.
fn last_significant(s: &str) -> Option<char> {
    s.trim_end()
        .chars()
        .rev()
        .find(|&c| !matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '*'))
}

/// True when the line ends like a sentence (`.`, `!`, `?`, `…`, possibly
/// followed by closing quotes).
pub(crate) fn ends_sentence(s: &str) -> bool {
    matches!(last_significant(s), Some('.' | '!' | '?' | '\u{2026}'))
}

/// True when the line ends with any punctuation that a heading lacks.
fn ends_punct(s: &str) -> bool {
    matches!(
        last_significant(s),
        Some('.' | '!' | '\u{2026}' | ':' | ';' | ',')
    )
}

/// Words that stay lower case inside Title Case headlines.
const MINOR: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "via", "into", "onto", "over", "amid", "after", "upon", "per", "off",
];

/// Share of content words (not in [`MINOR`]) after the first that start
/// with an upper-case letter or digit; `None` when there are none.
pub(crate) fn title_case_ratio(s: &str) -> Option<f32> {
    let mut total = 0u32;
    let mut caps = 0u32;
    for w in s.split_whitespace().skip(1) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else { continue };
        if !c.is_alphabetic() && !c.is_ascii_digit() {
            continue;
        }
        if MINOR.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            continue;
        }
        total += 1;
        if c.is_uppercase() || c.is_ascii_digit() {
            caps += 1;
        }
    }
    (total > 0).then(|| caps as f32 / total as f32)
}

/// Strips a list marker ("- ", "• ", "1. ", "2) ") from a line.
pub(crate) fn strip_marker(s: &str) -> &str {
    let t = s
        .trim_start_matches(['-', '*', '\u{2022}', '\u{2013}', '\u{25CF}', '\u{25AA}'])
        .trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits <= 2 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(['.', ')']) {
            return r.trim_start();
        }
    }
    t
}

/// Shape facts about one line, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shape {
    /// Word count.
    pub words: usize,
    /// Ends like a sentence.
    pub terminal: bool,
    /// Short, starts upper-case, no closing punctuation: reads as a heading.
    pub headline: bool,
    /// Headline-like and mostly Title Case.
    pub titled: bool,
    /// Only dashes/stars/bullets: a visual separator.
    pub separator: bool,
}

/// Computes the [`Shape`] of a trimmed line.
pub(crate) fn shape(s: &str) -> Shape {
    let words = word_count(s);
    let terminal = ends_sentence(s);
    let separator = !s.is_empty()
        && s.chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | '*'
                        | '_'
                        | '='
                        | '~'
                        | '#'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '\u{2022}'
                        | '\u{2015}'
                        | '\u{00B7}'
                )
        });
    let body = strip_marker(s);
    let first = body.chars().next();
    let starts_ok = first.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201C}' | '\'')
    });
    // Title Case only matters for heading-shaped lines: skip the word scan
    // for everything else (most body paragraphs).
    let question = s.trim_end().ends_with('?');
    let candidate = !separator && (1..=20).contains(&words) && starts_ok && !ends_punct(s);
    let titled_case = candidate && title_case_ratio(body).map_or(words <= 3, |r| r >= 0.7);
    let headline = candidate && (!question || titled_case);
    Shape {
        words,
        terminal,
        headline,
        titled: headline && titled_case,
        separator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_normalize() {
        for s in [
            "  Europe\u{2019}s  BIG—day! ",
            "Caf\u{c9} M\u{dc}NSTER",
            "a",
            "",
            "--",
        ] {
            let n = normalize(s);
            assert_eq!(norm_hash(s) == 0, n.is_empty());
            assert_eq!(norm_hash(s), norm_hash(&n), "{s}");
        }
        assert_ne!(norm_hash("follow us"), norm_hash("followus"));
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize("  Europe\u{2019}s  BIG—day! "), "europes big day");
        assert_eq!(normalize("---"), "");
    }

    #[test]
    fn shapes() {
        let s = shape("Harbour Council Approves New Ferry Budget");
        assert!(s.headline && s.titled && !s.terminal);
        let s = shape("The council approved the budget on Monday.");
        assert!(!s.headline && s.terminal);
        let s = shape("the talks continue in Geneva next week");
        assert!(!s.headline);
        let s = shape("Will the Ferry Run Again?");
        assert!(s.headline && s.titled);
        assert!(shape("—").separator);
        assert!(shape("* * *").separator);
        assert_eq!(strip_marker("2. Background"), "Background");
        assert_eq!(strip_marker("- Costs"), "Costs");
    }
}
