//! Plain-text normalisation and whitespace helpers shared by the HTML path.

/// Normalises a plain-text article: strips a BOM, turns `\r\n` / `\r`
/// into `\n`, drops NUL and other control characters except `\n` and `\t`.
/// Everything else is kept byte-identical.
pub(crate) fn normalise_plain(input: &str) -> String {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapses every run of whitespace (including no-break spaces) into one
/// space, drops control characters, and trims the ends.
pub(crate) fn collapse_ws(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_control() || c == '\u{FEFF}' {
            continue;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Number of non-whitespace characters: the text "weight" used by scoring.
pub(crate) fn weight(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_normalisation() {
        assert_eq!(
            normalise_plain("\u{FEFF}a\r\nb\rc\0d\u{7}e\tf\n"),
            "a\nb\ncd\u{0}e\tf\n".replace('\u{0}', "")
        );
        assert_eq!(normalise_plain("“Quote” — ünïcödé"), "“Quote” — ünïcödé");
    }

    #[test]
    fn collapsing() {
        assert_eq!(collapse_ws("  a \n\t b\u{a0}\u{a0}c  "), "a b c");
        assert_eq!(collapse_ws("\0x"), "x");
    }
}
