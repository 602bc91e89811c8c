//! Quotation marks: finding them, telling openers from closers and
//! apostrophes, and pairing them into quotes without letting an unbalanced
//! mark run away with the text.

use newsdesk_core::Span;

/// Longest double-quoted (or guillemet) stretch accepted, in bytes. Real
/// quotes rarely exceed a long paragraph; beyond this a mark is unbalanced.
const MAX_DOUBLE: usize = 2500;
/// Single quotes are also apostrophes: keep them short.
const MAX_SINGLE: usize = 400;

/// Which marks pair with which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `"` `“` `”` `„`
    Double,
    /// `'` `‘` `’`
    Single,
    /// `«` `»`
    Guillemet,
}

/// One quotation mark (with any escaping backslashes before it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    /// Bytes of the mark, backslashes included.
    pub span: Span,
    /// Pairing family.
    pub family: Family,
    /// May open a quote.
    pub can_open: bool,
    /// May close a quote.
    pub can_close: bool,
}

/// A paired quotation, before attribution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawQuote {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` for a piece that runs to its paragraph end
    /// because the quote continues in the next paragraph.
    pub close: Option<Span>,
    /// The words inside, trimmed of whitespace.
    pub inner: Span,
    /// Opens a paragraph that continues the previous piece's quote.
    pub continues_previous: bool,
}

impl RawQuote {
    /// End of the quote including its closing mark (or its inner end).
    pub fn close_end(&self) -> usize {
        self.close.map(|c| c.end).unwrap_or(self.inner.end)
    }
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘' | '«'
    )
}

/// Finds all quotation marks in `text`.
pub(crate) fn scan(text: &str) -> Vec<Mark> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut skip_next = false;
    for (i, c) in text.char_indices() {
        if skip_next {
            skip_next = false;
            continue;
        }
        // Two apostrophes stand for a double quote in some archives.
        let doubled = c == '\'' && bytes.get(i + 1) == Some(&b'\'');
        if doubled {
            skip_next = true;
        }
        let c = if doubled { '"' } else { c };
        let family = match c {
            '"' | '“' | '”' | '„' => Family::Double,
            '\'' | '‘' | '’' => Family::Single,
            '«' | '»' => Family::Guillemet,
            _ => continue,
        };
        let end = i + if doubled { 2 } else { c.len_utf8() };
        // Escaped quotes (`\"`, `\\"`) from scraped JSON: the backslashes
        // belong to the mark.
        let mut start = i;
        while start > 0 && bytes[start - 1] == b'\\' {
            start -= 1;
        }
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        let prev_space = match prev {
            None => true,
            Some(p) => p.is_whitespace() || is_open_punct(p),
        };
        let next_space = match next {
            None => true,
            Some(n) => n.is_whitespace(),
        };
        let next_word = next.is_some_and(|n| n.is_alphanumeric());
        let prev_word = prev.is_some_and(|p| !p.is_whitespace());
        let (can_open, can_close) = match c {
            '“' | '„' | '«' => (true, false),
            '”' | '»' => (false, true),
            '"' => (prev_space && !next_space, prev_word && !next_word),
            '‘' => (prev_space && !next_space, false),
            // Single closers: never inside a word (don’t, Kyiv's).
            '’' | '\'' => {
                let open = c == '\'' && prev_space && next_word;
                let close = prev_word && !next_word && !is_plural_possessive(text, start, next);
                (open, close)
            }
            _ => (false, false),
        };
        if can_open || can_close {
            out.push(Mark {
                span: Span::new(start, end),
                family,
                can_open,
                can_close,
            });
        }
    }
    out
}

/// `officials' statement`: an `s'` followed by a space and a lower-case
/// word is a plural possessive, not a closing quote.
fn is_plural_possessive(text: &str, start: usize, next: Option<char>) -> bool {
    if !text[..start].ends_with('s') || next != Some(' ') {
        return false;
    }
    let after = &text[start..];
    let after = after.trim_start_matches(['\'', '’']).trim_start();
    after.chars().next().is_some_and(|c| c.is_lowercase())
}

/// End of the paragraph containing `pos` (the next newline, or text end).
fn paragraph_end(text: &str, pos: usize) -> usize {
    text[pos..]
        .find('\n')
        .map(|i| pos + i)
        .unwrap_or(text.len())
}

/// Trims whitespace inside `[a, b)`, returning the trimmed span.
fn trim_span(text: &str, a: usize, b: usize) -> Span {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(a, a);
    }
    Span::new(a + lead, b - trail)
}

/// Pairs marks into quotes. Quotes never nest in the output: marks inside a
/// paired quote are skipped.
pub(crate) fn pair_quotes(text: &str) -> Vec<RawQuote> {
    let marks = scan(text);
    let mut out: Vec<RawQuote> = Vec::new();
    let mut i = 0;
    // Set when the previous piece ran to its paragraph end and the next
    // paragraph's first mark continues it.
    let mut continuation_of: Option<usize> = None;
    while i < marks.len() {
        let m = marks[i];
        if !m.can_open {
            i += 1;
            continue;
        }
        let continues_previous = continuation_of.take() == Some(i);
        let para_end = paragraph_end(text, m.span.end);
        let cap = if m.family == Family::Single {
            MAX_SINGLE
        } else {
            MAX_DOUBLE
        };
        let limit = para_end.min(m.span.end.saturating_add(cap));
        let mut found = None;
        let mut j = i + 1;
        while j < marks.len() && marks[j].span.start < limit {
            let k = marks[j];
            if k.family == m.family {
                if k.can_close && k.span.start >= m.span.end {
                    found = Some(j);
                    break;
                }
                if k.can_open && m.family != Family::Single {
                    // A new opener before any closer: `m` is unbalanced.
                    break;
                }
            }
            j += 1;
        }
        if let Some(j) = found {
            let close = marks[j].span;
            let inner = trim_span(text, m.span.end, close.start);
            if has_letters(text, inner) {
                out.push(RawQuote {
                    open: m.span,
                    close: Some(close),
                    inner,
                    continues_previous,
                });
            }
            i = j + 1;
            continue;
        }
        // No closer in this paragraph: a multi-paragraph quote if the next
        // paragraph opens with a mark of the same family.
        if m.family != Family::Single && para_end < text.len() && para_end - m.span.end <= cap {
            let next_start =
                para_end + text[para_end..].len() - text[para_end..].trim_start().len();
            if let Some(n) = marks[i + 1..]
                .iter()
                .position(|k| k.span.start >= next_start)
                .map(|p| p + i + 1)
            {
                let k = marks[n];
                if k.span.start == next_start && k.family == m.family && k.can_open {
                    let inner = trim_span(text, m.span.end, para_end);
                    if has_letters(text, inner) {
                        out.push(RawQuote {
                            open: m.span,
                            close: None,
                            inner,
                            continues_previous,
                        });
                        continuation_of = Some(n);
                    }
                    i = n;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn has_letters(text: &str, span: Span) -> bool {
    span.slice(text)
        .is_some_and(|s| s.chars().any(|c| c.is_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inners(text: &str) -> Vec<&str> {
        pair_quotes(text)
            .iter()
            .map(|q| &text[q.inner.start..q.inner.end])
            .collect()
    }

    #[test]
    fn straight_curly_guillemets() {
        assert_eq!(inners(r#"He said "go home" now."#), vec!["go home"]);
        assert_eq!(inners("He said “go home” now."), vec!["go home"]);
        assert_eq!(inners("Il a dit «rentrez» hier."), vec!["rentrez"]);
        assert_eq!(inners("She called it ‘a farce’ today."), vec!["a farce"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(inners("Don't go, it's Kyiv's call and the officials' view.").is_empty());
        assert!(inners("Don’t go, it’s Kyiv’s call.").is_empty());
        assert_eq!(
            inners("It's the 'best deal' they've had."),
            vec!["best deal"]
        );
    }

    #[test]
    fn escaped_quotes() {
        let t = r#"He had a \\"long and useful\\" talk."#;
        assert_eq!(inners(t), vec!["long and useful"]);
    }

    #[test]
    fn unbalanced_stops_at_paragraph() {
        let t = "He said “this never closes.\nNext paragraph has “a real quote” here.";
        assert_eq!(inners(t), vec!["a real quote"]);
    }

    #[test]
    fn paragraph_continuation() {
        let t = "Mara Quist said: “First part.\n“Second part,” she added.";
        let q = pair_quotes(t);
        assert_eq!(q.len(), 2);
        assert_eq!(&t[q[0].inner.start..q[0].inner.end], "First part.");
        assert!(q[0].close.is_none());
        assert!(q[1].continues_previous);
        assert_eq!(&t[q[1].inner.start..q[1].inner.end], "Second part,");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "\"", "“", "\\\"", "\"\"", "' '", "«»", "a\"b\"c", "é\"ü\"", "\"\n\"",
        ] {
            let _ = pair_quotes(t);
        }
    }
}
