//! Small text utilities for corpus-level comparison: word tokens, content
//! words, deterministic hashing and name folding.
//!
//! We own the hashing (FNV-1a + splitmix) instead of using `std`'s
//! randomised `HashMap` hasher or a MinHash crate with unseeded hashing, so
//! that every score and every link in a brief is reproducible byte for byte.

/// FNV-1a 64-bit hash of bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// splitmix64 finaliser: a fast, well-mixed bijection on u64.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// Lower-cased word tokens (alphanumeric runs, apostrophes inside words
/// dropped) with their byte offsets.
pub fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push_word(&mut out, s, &text[s..i]);
        }
    }
    if let Some(s) = start {
        push_word(&mut out, s, &text[s..]);
    }
    out
}

fn push_word(out: &mut Vec<(usize, String)>, start: usize, w: &str) {
    out.push((start, w.to_lowercase()));
}

/// Calls `f(offset, lowercased_word)` for every word (alphanumeric run),
/// reusing one buffer: no allocation per word.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut buf = String::with_capacity(32);
    let mut start: Option<usize> = None;
    let flush = |s: usize, w: &str, buf: &mut String, f: &mut dyn FnMut(usize, &str)| {
        buf.clear();
        if w.is_ascii() {
            buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            for c in w.chars() {
                buf.extend(c.to_lowercase());
            }
        }
        f(s, buf);
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            flush(s, &text[s..i], &mut buf, &mut f);
        }
    }
    if let Some(s) = start {
        flush(s, &text[s..], &mut buf, &mut f);
    }
}

/// Hashes of the content words of `text` (see [`content_words`]), in
/// text order, without allocating a string per word.
pub fn content_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 8);
    for_each_word(text, |_, w| {
        if is_content(w) {
            out.push(fnv1a(w.as_bytes()));
        }
    });
    out
}

/// One pass over an article's words: every word's hash, and the content
/// words' hashes with their byte offsets. Lineage, stories and sentence
/// alignment all read this instead of re-tokenising the text.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Hash of every word, in order.
    pub words: Vec<u64>,
    /// (byte offset, hash) of every content word, in order.
    pub content: Vec<(usize, u64)>,
}

/// Tokenises `text` once (see [`Tokens`]).
pub fn tokens(text: &str) -> Tokens {
    let mut t = Tokens {
        words: Vec::with_capacity(text.len() / 6),
        content: Vec::with_capacity(text.len() / 10),
    };
    for_each_word(text, |off, w| {
        let h = fnv1a(w.as_bytes());
        t.words.push(h);
        if is_content(w) {
            t.content.push((off, h));
        }
    });
    t
}

/// Hashes of all words of `text`, in order.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |_, w| out.push(fnv1a(w.as_bytes())));
    out
}

fn is_content(w: &str) -> bool {
    (w.len() > 2 || w.bytes().all(|b| b.is_ascii_digit())) && !is_stopword(w)
}

/// English function words, ignored when comparing content.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "even",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "t",
    "would",
    "told",
    "according",
    "new",
    "like",
    "well",
    "still",
    "however",
    "within",
    "without",
    "since",
    "around",
    "among",
    "amid",
    "per",
    "via",
    "yet",
    "whether",
    "because",
    "although",
    "though",
];

/// True for function words.
pub fn is_stopword(w: &str) -> bool {
    // Words packed into a u128 and binary-searched: integer compares
    // instead of string compares on the hottest path of the crosscheck.
    static SORTED: std::sync::OnceLock<Vec<u128>> = std::sync::OnceLock::new();
    if w.len() > 16 || w.is_empty() {
        return false;
    }
    let table = SORTED.get_or_init(|| {
        let mut v: Vec<u128> = STOPWORDS.iter().map(|s| pack(s)).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    table.binary_search(&pack(w)).is_ok()
}

fn pack(w: &str) -> u128 {
    let mut x: u128 = w.len() as u128;
    for (i, b) in w.bytes().take(15).enumerate() {
        x |= (b as u128) << (8 * (i + 1));
    }
    x
}

/// Sorted, de-duplicated stopword table is checked in a test; this returns
/// content words (non-stopwords of 2+ chars, or digits).
pub fn content_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, w| {
        if is_content(w) {
            out.push(w.to_string());
        }
    });
    out
}

/// The base letter of a common Latin letter with a diacritic (lower-cased
/// for those), or the character itself.
fn strip_diacritic(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ö' | 'ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
        'ç' | 'ć' | 'č' | 'Č' => 'c',
        'ñ' | 'ń' => 'n',
        'š' | 'ś' | 'Š' => 's',
        'ž' | 'ź' | 'ż' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        c => c,
    }
}

/// Folds a name for cross-article matching: lower case, diacritics of
/// common Latin letters removed, and transliteration variants collapsed
/// (`Zelenskiy`, `Zelenskyy`, `Zelensky` → `zelensky`; `Aleksandr` →
/// `alexandr`).
pub fn fold_name(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            '’' | '\'' | '.' => continue,
            // Hyphenated surnames stay one token: "Varga-Lund" is a surname.
            '-' => continue,
            c => strip_diacritic(c),
        };
        for l in c.to_lowercase() {
            s.push(l);
        }
    }
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let mut w = w
            .replace("ks", "x")
            .replace("kh", "h")
            .replace("ph", "f")
            .replace("w", "v");
        // -iy / -yy / -ii / -yi endings, then a single final y/i.
        for (from, to) in [
            ("iy", "y"),
            ("yy", "y"),
            ("ii", "y"),
            ("yi", "y"),
            ("ij", "y"),
        ] {
            if w.ends_with(from) && w.len() > 4 {
                w.truncate(w.len() - from.len());
                w.push_str(to);
            }
        }
        if (w.ends_with('i') || w.ends_with('y')) && w.len() > 4 {
            w.truncate(w.len() - 1);
            w.push('y');
        }
        // Doubled consonants ("Zelenskyy" handled above; "Kallas"/"Kalas").
        let mut dedup = String::with_capacity(w.len());
        let mut prev = '\0';
        for c in w.chars() {
            if c != prev || c.is_ascii_digit() {
                dedup.push(c);
            }
            prev = c;
        }
        out.push(dedup);
    }
    out.join(" ")
}

/// Levenshtein distance on chars, capped: returns `cap + 1` early when the
/// distance exceeds `cap`.
pub fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A URL-safe slug of a name: lower-case ASCII letters and digits joined by
/// hyphens, common Latin diacritics dropped, spelling otherwise kept
/// (`Kaja Kallas` → `kaja-kallas`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            '’' | '\'' | '.' => continue,
            c => strip_diacritic(c),
        };
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_found() {
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
        }
        assert!(!is_stopword("ceasefire"));
    }

    #[test]
    fn folds_transliterations() {
        assert_eq!(fold_name("Zelenskiy"), fold_name("Zelenskyy"));
        assert_eq!(fold_name("Zelensky"), fold_name("Zelenskyy"));
        assert_eq!(fold_name("Aleksandr Dorin"), fold_name("Alexandr Dorin"));
    }

    #[test]
    fn edit_distance_caps() {
        assert_eq!(edit_distance("alexandr", "alexander", 3), 1);
        assert_eq!(edit_distance("abc", "xyzabc", 1), 2);
    }
}
