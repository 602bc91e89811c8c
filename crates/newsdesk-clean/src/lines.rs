//! Splitting extracted text into paragraph lines and repairing escape
//! artifacts, while keeping a byte map back to the input so every decision
//! taken on the repaired text can be reported as an input span.

use std::borrow::Cow;

/// Kinds of in-place repairs, indexed into [`RepairLog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RepairKind {
    /// `\"`, `\\"`, `\'`, `\/` left by a double JSON encoding.
    Escape = 0,
    /// `&amp;`, `&quot;`, `&#39;` … left undecoded by an extractor.
    Entity = 1,
    /// A literal `\n` (backslash + n) used as a paragraph break.
    Newline = 2,
}

impl RepairKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            RepairKind::Escape => "escape_artifact",
            RepairKind::Entity => "html_entity",
            RepairKind::Newline => "escape_newline",
        }
    }
    const ALL: [RepairKind; 3] = [RepairKind::Escape, RepairKind::Entity, RepairKind::Newline];
}

/// Counts and first examples of repairs, per kind (fixed order → deterministic).
#[derive(Debug, Default)]
pub(crate) struct RepairLog {
    counts: [usize; 3],
    examples: [Option<String>; 3],
}

impl RepairLog {
    fn note(&mut self, kind: RepairKind, input: &str, at: usize) {
        let k = kind as usize;
        self.counts[k] += 1;
        if self.examples[k].is_none() {
            // A short window of original text starting at the artifact.
            let mut end = (at + 32).min(input.len());
            while !input.is_char_boundary(end) {
                end -= 1;
            }
            let ex = input.get(at..end).unwrap_or("");
            let ex = ex.split('\n').next().unwrap_or("");
            self.examples[k] = Some(ex.trim_end().to_string());
        }
    }

    /// The log as core [`newsdesk_core::Repair`] records (non-zero kinds only).
    pub(crate) fn into_repairs(self) -> Vec<newsdesk_core::Repair> {
        let mut out = Vec::new();
        for kind in RepairKind::ALL {
            let k = kind as usize;
            if self.counts[k] > 0 {
                out.push(newsdesk_core::Repair {
                    kind: kind.name().to_string(),
                    count: self.counts[k],
                    example: self.examples[k].clone().unwrap_or_default(),
                });
            }
        }
        out
    }
}

/// One non-empty paragraph line of the input.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// Input byte offset of the (trimmed) line start.
    pub start: usize,
    /// Input byte offset one past the (trimmed) line end.
    pub end: usize,
    /// The line text after repairs, trimmed.
    pub text: Cow<'a, str>,
    /// For repaired lines: input offset of every byte of `text`, plus one
    /// trailing entry for `text.len()`. `None` means identity + `start`.
    map: Option<Vec<usize>>,
}

impl Line<'_> {
    /// Input byte offset of byte `pos` of the repaired text (`pos` may be
    /// `text.len()`).
    pub fn to_input(&self, pos: usize) -> usize {
        match &self.map {
            Some(m) => m.get(pos).copied().unwrap_or(self.end),
            None => self.start + pos,
        }
    }
}

/// If `b[i..]` starts a literal newline escape (`\n`, `\\n`, `\r\n`, …)
/// that reads as a paragraph break, returns its byte length.
fn literal_newline(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let mut saw_n = false;
    loop {
        let mut k = j;
        while k < b.len() && b[k] == b'\\' {
            k += 1;
        }
        if k == j || k >= b.len() {
            break;
        }
        match b[k] {
            b'n' => saw_n = true,
            b'r' => {}
            _ => break,
        }
        j = k + 1;
    }
    if !saw_n {
        return None;
    }
    // "\nation" is more likely a path or a word than a break: require the
    // next byte not to be a lower-case ASCII letter.
    match b.get(j) {
        Some(c) if c.is_ascii_lowercase() => None,
        _ => Some(j - i),
    }
}

/// Splits `input` into trimmed, repaired, non-empty lines.
pub(crate) fn split_lines<'a>(input: &'a str, log: &mut RepairLog) -> Vec<Line<'a>> {
    let b = input.as_bytes();
    let mut out = Vec::new();
    let mut seg_start = 0;
    let mut i = 0;
    while i < b.len() {
        // Jump to the next byte of interest.
        match memchr::memchr2(b'\n', b'\\', &b[i..]) {
            Some(off) => i += off,
            None => break,
        }
        if b[i] == b'\n' {
            push_line(input, seg_start, i, log, &mut out);
            i += 1;
            seg_start = i;
        } else if b[i] == b'\\' {
            if let Some(n) = literal_newline(b, i) {
                log.note(RepairKind::Newline, input, i);
                push_line(input, seg_start, i, log, &mut out);
                i += n;
                seg_start = i;
            } else {
                // Skip the whole backslash run (keeps long runs linear).
                while i < b.len() && b[i] == b'\\' {
                    i += 1;
                }
            }
        } else {
            i += 1;
        }
    }
    push_line(input, seg_start, b.len(), log, &mut out);
    out
}

fn push_line<'a>(input: &'a str, s: usize, e: usize, log: &mut RepairLog, out: &mut Vec<Line<'a>>) {
    let Some(seg) = input.get(s..e) else { return };
    let lead = seg.len() - seg.trim_start().len();
    let t = seg.trim();
    if t.is_empty() {
        return;
    }
    let start = s + lead;
    let end = start + t.len();
    if memchr::memchr2(b'\\', b'&', t.as_bytes()).is_none() {
        out.push(Line {
            start,
            end,
            text: Cow::Borrowed(t),
            map: None,
        });
        return;
    }
    let (text, map) = repair(t, start, input, log);
    // Repairs can create edge whitespace (`&nbsp;`); trim it with its map.
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return;
    }
    let tl = trimmed.len();
    let mut m: Vec<usize> = map[lead..lead + tl].to_vec();
    // The end maps to the input just after the last kept byte's source.
    m.push(map[lead + tl]);
    let text = trimmed.to_string();
    out.push(Line {
        start: m[0],
        end: m[tl],
        text: Cow::Owned(text),
        map: Some(m),
    });
}

/// Named HTML entities worth decoding in news text.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("quot", "\""),
    ("apos", "'"),
    ("lt", "<"),
    ("gt", ">"),
    ("nbsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("rdquo", "\u{201D}"),
    ("ldquo", "\u{201C}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("hellip", "\u{2026}"),
    ("eacute", "\u{e9}"),
];

/// Decodes an entity at `s` (which starts with `&`); returns the decoded
/// text and the entity length. `&amp;` chains (`&amp;quot;`) decode fully.
fn entity_at(s: &str) -> Option<(String, usize)> {
    let (dec, len) = entity_once(s)?;
    if dec == "&" {
        let tail = s.get(len..).unwrap_or("");
        if tail.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#') {
            let mut cut = tail.len().min(12);
            while !tail.is_char_boundary(cut) {
                cut -= 1;
            }
            let probe = format!("&{}", &tail[..cut]);
            if let Some((inner, l2)) = entity_at(&probe) {
                return Some((inner, len + l2 - 1));
            }
        }
    }
    Some((dec, len))
}

fn entity_once(s: &str) -> Option<(String, usize)> {
    let rest = s.get(1..)?;
    let semi = rest.as_bytes().iter().take(10).position(|&c| c == b';')?;
    let name = rest.get(..semi)?;
    let len = semi + 2;
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let c = char::from_u32(code)?;
        if c.is_control() {
            return None;
        }
        c.to_string()
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_string()
    };
    Some((decoded, len))
}

/// Repairs one trimmed line; returns the text and its byte map (len+1).
fn repair(t: &str, base: usize, input: &str, log: &mut RepairLog) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(t.len());
    let mut map = Vec::with_capacity(t.len() + 1);
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' {
            // The whole backslash run goes: `\\\\"` is one artifact.
            let mut k = i;
            while k < b.len() && b[k] == b'\\' {
                k += 1;
            }
            if k < b.len() && matches!(b[k], b'"' | b'\'' | b'/') {
                log.note(RepairKind::Escape, input, base + i);
                text.push(b[k] as char);
                map.push(base + i);
                i = k + 1;
                continue;
            }
            if k < b.len() && b[k] == b't' && b.get(k + 1).is_none_or(|n| !n.is_ascii_lowercase()) {
                log.note(RepairKind::Escape, input, base + i);
                text.push(' ');
                map.push(base + i);
                i = k + 1;
                continue;
            }
            // Not an artifact: copy the run at once (no rescanning).
            text.push_str(&t[i..k]);
            map.extend(base + i..base + k);
            i = k;
            continue;
        } else if c == b'&' {
            if let Some((dec, len)) = entity_at(&t[i..]) {
                log.note(RepairKind::Entity, input, base + i);
                for _ in 0..dec.len() {
                    map.push(base + i);
                }
                text.push_str(&dec);
                i += len;
                continue;
            }
        }
        // Copy the run of ordinary text up to the next '\\' or '&' at once
        // (both ASCII, so the run ends on a char boundary).
        let next = memchr::memchr2(b'\\', b'&', &b[i + 1..]).map_or(b.len(), |o| i + 1 + o);
        text.push_str(&t[i..next]);
        map.extend(base + i..base + next);
        i = next;
    }
    map.push(base + t.len());
    (text, map)
}

/// Applies the same repairs as the cleaner to a whole text (literal
/// newlines become `\n`). Used by tests to check the no-text-lost invariant.
pub fn repair_text(s: &str) -> String {
    let mut log = RepairLog::default();
    let lines = split_lines(s, &mut log);
    let mut out = String::new();
    for l in lines {
        out.push_str(&l.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_maps() {
        let mut log = RepairLog::default();
        let s = "  Title  \n\nHe said \\\\\"hi\\\\\" &amp; left.\\nNext one.";
        let lines = split_lines(s, &mut log);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].text, "Title");
        assert_eq!(&s[lines[0].start..lines[0].end], "Title");
        assert_eq!(lines[1].text, "He said \"hi\" & left.");
        let l = &lines[1];
        let p = l.text.find("left").unwrap();
        assert_eq!(&s[l.to_input(p)..l.to_input(p + 4)], "left");
        assert_eq!(&s[l.start..l.end], "He said \\\\\"hi\\\\\" &amp; left.");
        assert_eq!(lines[2].text, "Next one.");
        let reps = log.into_repairs();
        assert_eq!(reps.len(), 3);
        assert_eq!(reps[0].count, 2);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(entity_at("&amp;").unwrap().0, "&");
        assert_eq!(entity_at("&amp;quot;").unwrap(), ("\"".to_string(), 10));
        assert_eq!(entity_at("&#39;").unwrap().0, "'");
        assert!(entity_at("& co").is_none());
        assert!(entity_at("&#0;").is_none());
    }

    #[test]
    fn lowercase_after_backslash_n_is_not_a_break() {
        let mut log = RepairLog::default();
        let lines = split_lines("C:\\news\\file", &mut log);
        assert_eq!(lines.len(), 1);
    }
}
