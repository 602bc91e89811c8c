//! Money, counts, percentages and other numbers with what they measure.
//!
//! One regex finds every numeric core — digits ("2,225", "66.5"),
//! spelled-out numbers ("four", "twenty-five", "two hundred") — with an
//! optional currency prefix ("$", "US$", "€", "EUR "), scale ("billion",
//! "bn", "m") and percent sign or word. Each match is then checked against
//! its neighbourhood, because most of the difficulty is in what *not* to
//! emit: years, days of dates ("May 8"), times ("10:30", "9 a.m."), parts
//! of names and ids ("An-70", "G7", "Flight 370") and the noisy bare
//! "one". What follows the number decides the kind: a currency word makes
//! money, "-day"/"years" a duration, "-page"/"officials" a count. The
//! measured thing is a short noun phrase read from the same sentence.

use newsdesk_core::{NumberKind, NumberMention, Sentence, Span};
use once_cell::sync::Lazy;
use regex::Regex;

/// Spelled-out number words (longest first where one is a prefix of another).
const NUM_WORDS: &str = "(?:seventeen|thirteen|fourteen|eighteen|nineteen|fifteen|sixteen|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|one|two|three|four|five|six|seven|eight|nine|ten)";

static NUM_RE: Lazy<Regex> = Lazy::new(|| {
    let w = NUM_WORDS;
    let pat = format!(
        r"(?x)
        (?P<cur>US\$|A\$|C\$|\$|€|£|₽|₴|(?-u:\b)(?:USD|EUR|GBP|RUB|UAH)(?-u:\b))?[\x20\t\xA0]?
        (?:
            (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
          | (?P<word>(?-u:\b)(?i:{w}(?:(?:[\x20\t\xA0]+|-){w})*)(?-u:\b))
        )
        (?P<ord>(?:st|nd|rd|th)(?-u:\b))?
        (?:[\x20\t\xA0]?(?P<scale>(?i:trillion|billion|million|thousand)(?-u:\b)|(?:tn|bn|mn|m|b|k)(?-u:\b)))?
        (?:[\x20\t\xA0]?(?P<pct>%|(?i:percent|per[\x20\t\xA0]+cent|percentage[\x20\t\xA0]+points?)(?-u:\b)))?"
    );
    Regex::new(&pat).expect("number regex")
});

/// A month name just before the number ("May 8", "May 8–10"): part of a date.
static MONTH_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?[\x20\t\xA0]+(?:[0-9]{1,2}(?:st|nd|rd|th)?[\x20\t\xA0]*[-–—][\x20\t\xA0]*)?$").expect("re")
});
/// A month name just after the number ("28 February", "8th of May").
static MONTH_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:st|nd|rd|th)?(?:[\x20\t\xA0]*[-–—][\x20\t\xA0]*[0-9]{1,2}(?:st|nd|rd|th)?)?[\x20\t\xA0]+(?:of[\x20\t\xA0]+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?-u:\b)").expect("re")
});
/// Time-of-day markers after a number.
static TIME_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?::[0-9]|[\x20\t\xA0]?(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)|GMT|UTC|CET|EST|EDT|BST|o'clock|o’clock|hrs(?-u:\b)))").expect("re")
});
/// A currency word after the amount ("125 billion dollars").
static CUR_WORD_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[\x20\t\xA0]+(?:(?:US|U\.S\.|American|Canadian|Australian)[\x20\t\xA0]+)?(?P<c>dollars?|euros?|pounds?(?:[\x20\t\xA0]+sterling)?|rubles?|roubles?|hryvnias?|hryvnia|yuan|yen|cents?)(?-u:\b)").expect("re")
});
/// A time unit after a number ("30 days", "three years").
static UNIT_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[\x20\t\xA0]+(?P<u>(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century))(?-u:\b)").expect("re")
});
/// A hyphen compound ("-day", "-page", "-year-old").
static HYPHEN_AFTER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^-(?P<u>[A-Za-z]+)(?P<old>-old(?-u:\b))?(?-u:\b)").expect("re"));

/// Words that end a measure phrase (verbs, conjunctions, relatives …).
const STOP: &[&str] = &[
    "and",
    "but",
    "or",
    "nor",
    "while",
    "which",
    "that",
    "who",
    "whom",
    "whose",
    "as",
    "than",
    "compared",
    "according",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "said",
    "says",
    "say",
    "told",
    "if",
    "when",
    "because",
    "so",
    "with",
    "this",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "times",
    "per",
    "each",
    "more",
    "less",
    "fewer",
    "up",
    "down",
    "ago",
    "later",
    "earlier",
    "did",
    "do",
    "does",
    "not",
    "also",
    "where",
    "after",
    "before",
    "of",
    "in",
    "to",
    "for",
    "on",
    "at",
    "from",
    "by",
    "since",
    "into",
    "over",
    "under",
    "about",
    "against",
    "between",
    "among",
    "out",
    "off",
    "than",
    "the",
    "a",
    "an",
    "there",
    "then",
    "now",
    "here",
    "just",
    "only",
    "even",
    "still",
    "yet",
];
/// Sorted copy of [`STOP`] for binary search (this runs per token).
static STOP_SORTED: Lazy<Vec<&'static str>> = Lazy::new(|| {
    let mut v = STOP.to_vec();
    v.sort_unstable();
    v.dedup();
    v
});

fn is_stop(lower_word: &str) -> bool {
    STOP_SORTED.binary_search(&lower_word).is_ok()
}

/// Prepositions allowed *inside* a money/percent measure ("aid to Ukraine in 2024").
const INNER_PREP: &[&str] = &[
    "to", "for", "in", "of", "on", "since", "from", "the", "a", "an", "over", "against", "into",
];
/// Lead words dropped before a measure ("$5bn in aid", "40% of voters").
const LEAD: &[&str] = &["in", "of", "for", "on", "worth", "towards", "toward"];
/// Capitalised words that may stand before a number without making it a name.
const FUNCTION_CAPS: &[&str] = &[
    "About",
    "Some",
    "Nearly",
    "Almost",
    "Over",
    "Around",
    "At",
    "In",
    "Of",
    "With",
    "Only",
    "Just",
    "Roughly",
    "More",
    "Fewer",
    "Less",
    "Up",
    "By",
    "For",
    "And",
    "The",
    "All",
    "Another",
    "Approximately",
    "To",
    "From",
    "On",
    "Another",
    "Those",
    "These",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Since",
    "After",
    "Before",
    "Under",
    "Least",
    "Most",
    "Only",
    "Than",
    "Of",
    "Another",
    "Additional",
    "Every",
    "Each",
    "Another",
    "But",
    "While",
    "When",
    "Then",
    "Yet",
    "If",
    "Although",
    "Though",
    "Still",
    "Also",
    "Another",
    "Some",
    "Estimated",
    "An",
    "A",
];

/// Words that, right after a count, stand for people ("40 killed").
const PEOPLE_STATES: &[&str] = &[
    "killed",
    "dead",
    "injured",
    "wounded",
    "displaced",
    "missing",
    "arrested",
    "detained",
    "evacuated",
    "hospitalised",
    "hospitalized",
    "homeless",
    "unemployed",
    "employed",
    "infected",
];

/// Value of a run of spelled-out number words ("two hundred", "twenty-five").
fn words_value(s: &str) -> Option<f64> {
    let mut total = 0f64;
    let mut cur = 0f64;
    let mut any = false;
    for tok in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
    {
        let t = tok.to_ascii_lowercase();
        let small = match t.as_str() {
            "one" => Some(1.0),
            "two" => Some(2.0),
            "three" => Some(3.0),
            "four" => Some(4.0),
            "five" => Some(5.0),
            "six" => Some(6.0),
            "seven" => Some(7.0),
            "eight" => Some(8.0),
            "nine" => Some(9.0),
            "ten" => Some(10.0),
            "eleven" => Some(11.0),
            "twelve" => Some(12.0),
            "thirteen" => Some(13.0),
            "fourteen" => Some(14.0),
            "fifteen" => Some(15.0),
            "sixteen" => Some(16.0),
            "seventeen" => Some(17.0),
            "eighteen" => Some(18.0),
            "nineteen" => Some(19.0),
            "twenty" => Some(20.0),
            "thirty" => Some(30.0),
            "forty" => Some(40.0),
            "fifty" => Some(50.0),
            "sixty" => Some(60.0),
            "seventy" => Some(70.0),
            "eighty" => Some(80.0),
            "ninety" => Some(90.0),
            _ => None,
        };
        any = true;
        if let Some(v) = small {
            cur += v;
            continue;
        }
        match t.as_str() {
            "hundred" => cur = cur.max(1.0) * 100.0,
            "dozen" => cur = cur.max(1.0) * 12.0,
            "thousand" | "million" | "billion" | "trillion" => {
                total += cur.max(1.0) * scale_of(&t)?;
                cur = 0.0;
            }
            _ => return None,
        }
    }
    any.then_some(total + cur)
}

fn scale_of(s: &str) -> Option<f64> {
    Some(match s.to_ascii_lowercase().as_str() {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" | "b" => 1e9,
        "million" | "mn" | "m" => 1e6,
        "thousand" | "k" => 1e3,
        _ => return None,
    })
}

fn currency_code(sym: &str) -> Option<&'static str> {
    Some(match sym.trim() {
        "$" | "US$" => "USD",
        "A$" => "AUD",
        "C$" => "CAD",
        "€" => "EUR",
        "£" => "GBP",
        "₽" => "RUB",
        "₴" => "UAH",
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "RUB" => "RUB",
        "UAH" => "UAH",
        _ => return None,
    })
}

fn currency_word_code(w: &str) -> Option<&'static str> {
    let l = w.to_ascii_lowercase();
    Some(match l.split_whitespace().next()? {
        "dollar" | "dollars" | "cent" | "cents" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" => "GBP",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "hryvnia" | "hryvnias" => "UAH",
        "yuan" => "CNY",
        "yen" => "JPY",
        _ => return None,
    })
}

/// Singular form of a counted noun ("officials" → "official").
fn singular(w: &str) -> String {
    let l = w.to_ascii_lowercase();
    match l.as_str() {
        "people" => return "person".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "children" => return "child".into(),
        "centuries" => return "century".into(),
        _ => {}
    }
    // Keep the case of proper nouns ("Cambodians" → "Cambodian"), lower
    // everything else ("Officials" at a sentence start → "official").
    let proper = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase);
    let base = if proper { w.to_string() } else { l.clone() };
    if l.ends_with("ies") && l.len() > 4 {
        return format!("{}y", &base[..base.len() - 3]);
    }
    if l.ends_with("sses") || l.ends_with("ches") || l.ends_with("shes") || l.ends_with("xes") {
        return base[..base.len() - 2].to_string();
    }
    if l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && l.len() > 2 {
        return base[..base.len() - 1].to_string();
    }
    base
}

fn looks_plural(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "troops"
            | "cattle"
    ) || (l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && l.len() > 2)
}

/// One word token after `pos`: (start, end, ends_phrase) — `ends_phrase`
/// is set when punctuation right after the word closes the phrase.
fn next_token(text: &str, pos: usize, limit: usize) -> Option<(usize, usize, bool)> {
    let rest = text.get(pos..limit)?;
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = pos + lead;
    let body = text.get(start..limit)?;
    let mut end = start;
    for (i, c) in body.char_indices() {
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '&' || c == '.' {
            end = start + i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == start || !text[start..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let mut tok = &text[start..end];
    let mut closes = false;
    // A trailing period ends the phrase unless the token is an
    // abbreviation with inner periods ("U.S.").
    if tok.ends_with('.') {
        let inner = &tok[..tok.len() - 1];
        if !inner.contains('.') {
            tok = inner;
            closes = true;
        }
    }
    let tok = tok.trim_end_matches(['-', '\'', '’']);
    if tok.is_empty() {
        return None;
    }
    let end = start + tok.len();
    let after = text.get(end..limit).unwrap_or("");
    let after_c = after.chars().next();
    if !closes && after_c.is_none_or(|c| !c.is_whitespace()) {
        closes = true;
    }
    // A word followed by whitespace continues; anything else closes.
    Some((
        start,
        end,
        closes || tok.starts_with(|c: char| !c.is_alphanumeric()),
    ))
}

/// Reads a measure phrase starting at `pos`. `preps` allows inner
/// prepositions ("aid to Ukraine in 2024"); `max` bounds the word count.
fn phrase(text: &str, pos: usize, limit: usize, preps: bool, max: usize) -> Option<Span> {
    let mut p = pos;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut first = true;
    while words.len() < max {
        let Some((s, e, closes)) = next_token(text, p, limit) else {
            break;
        };
        // Tokens must follow with only spaces in between.
        if text.get(p..s).is_none_or(|g| !g.trim().is_empty()) {
            break;
        }
        let w = &text[s..e];
        let lw = w.to_ascii_lowercase();
        if first && preps && LEAD.contains(&lw.as_str()) {
            // Leading preposition is dropped, not part of the measure.
            p = e;
            first = false;
            if closes {
                break;
            }
            continue;
        }
        first = false;
        let is_inner = preps && INNER_PREP.contains(&lw.as_str());
        if !is_inner && is_stop(&lw) {
            break;
        }
        // A number word other than a year (e.g. "2024") is fine inside;
        // other spelled-out numbers or verbs in -ed are a new clause.
        if !is_inner && lw.ends_with("ed") && !words.is_empty() {
            break;
        }
        words.push((s, e));
        p = e;
        if closes {
            break;
        }
    }
    // Trim trailing prepositions / articles.
    while let Some(&(s, e)) = words.last() {
        let lw = text[s..e].to_ascii_lowercase();
        if is_stop(&lw) {
            words.pop();
        } else {
            break;
        }
    }
    let (&(s, _), &(_, e)) = (words.first()?, words.last()?);
    Some(Span::new(s, e))
}

/// Counted noun phrase after a count ("unnamed officials"): up to three
/// words, ending at the last plural-looking one (or the first word when
/// counting one thing).
fn count_phrase(text: &str, pos: usize, limit: usize, value: f64) -> Option<(Span, String)> {
    let mut p = pos;
    let mut words = Vec::new();
    while words.len() < 3 {
        let Some((s, e, closes)) = next_token(text, p, limit) else {
            break;
        };
        if text.get(p..s).is_none_or(|g| !g.trim().is_empty()) {
            break;
        }
        let w = &text[s..e];
        let lw = w.to_ascii_lowercase();
        if is_stop(&lw) || !w.starts_with(|c: char| c.is_alphabetic()) {
            break;
        }
        words.push((s, e));
        p = e;
        if closes {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    let head = if value == 1.0 {
        0
    } else {
        match words.iter().rposition(|&(s, e)| looks_plural(&text[s..e])) {
            Some(h) => h,
            // "8 million displaced", "40 killed": people described by their fate.
            None if PEOPLE_STATES
                .contains(&text[words[0].0..words[0].1].to_ascii_lowercase().as_str()) =>
            {
                let (s, e) = words[0];
                return Some((Span::new(s, e), text[s..e].to_ascii_lowercase()));
            }
            None => return None,
        }
    };
    let (s, _) = words[0];
    let (hs, he) = words[head];
    Some((Span::new(s, he), singular(&text[hs..he])))
}

fn prev_word(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() && !head.is_empty() {
        return "";
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &trimmed[start..]
}

fn sentence_end(sentences: &[Sentence], at: usize, text_len: usize) -> usize {
    let i = sentences.partition_point(|s| s.span.end <= at);
    sentences
        .get(i)
        .map(|s| s.span.end)
        .filter(|&e| e > at)
        .unwrap_or(text_len)
}

/// Finds numbers in `text`, each with its kind, value in base units, unit
/// and — when the sentence says — what it measures.
pub fn find_numbers(text: &str, sentences: &[Sentence]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for c in NUM_RE.captures_iter(text) {
        if let Some(m) = analyse_match(text, sentences, &c) {
            debug_assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
            out.push(m);
        }
    }
    out
}

fn analyse_match(
    text: &str,
    sentences: &[Sentence],
    c: &regex::Captures<'_>,
) -> Option<NumberMention> {
    let whole = c.get(0)?;
    let core = c.name("num").or_else(|| c.name("word"))?;
    let is_word = c.name("word").is_some();
    let cur = c.name("cur").and_then(|m| currency_code(m.as_str()));
    let scale = c.name("scale");
    let pct = c.name("pct").is_some();
    let ord = c.name("ord").is_some() && !is_word;
    // The span starts at the currency sign when there is one, else the number.
    let start = if cur.is_some() {
        whole.start()
    } else {
        core.start()
    };
    let mut end = whole.end();
    // Trailing whitespace can be swallowed by `\s?` before an empty group.
    while end > start && text[..end].ends_with(char::is_whitespace) {
        end -= 1;
    }

    // --- What stands before the number.
    let before = text.get(..start).unwrap_or("");
    let mut bc = before.chars().rev();
    let b1 = bc.next();
    let b2 = bc.next();
    if let Some(b) = b1 {
        if b.is_alphanumeric() || matches!(b, '#' | '/' | ':' | '_' | '@') {
            return None;
        }
        if b == '.' && b2.is_some_and(|x| x.is_ascii_digit()) {
            return None;
        }
        if matches!(b, '-' | '–') && b2.is_some_and(|x| x.is_alphanumeric()) {
            return None; // "An-70", "10-20"
        }
    }
    // A short window is enough for every look-ahead, and keeps the regex
    // engines from touching (or sizing tables by) the rest of the article.
    // "No. 10", "Nos. 3": an identifier, not a quantity.
    let bt = tail(text, start, 6).trim_end();
    if bt.ends_with("No.") || bt.ends_with("no.") || bt.ends_with("Nos.") || bt.ends_with("Nr.") {
        return None;
    }
    let after = head(text, end, 48);
    let a1 = after.chars().next();
    // Glued letters make an id or a decade ("5G", "1990s").
    if a1.is_some_and(|x| x.is_alphanumeric() || x == '_') {
        return None;
    }
    if a1 == Some('/') && after[1..].starts_with(|x: char| x.is_ascii_digit()) {
        return None;
    }
    if (a1 == Some('-') || a1 == Some('–'))
        && after[a1.map_or(1, char::len_utf8)..].starts_with(|x: char| x.is_ascii_digit())
    {
        return None; // ranges and ISO dates: "2019-20", "2025-02-28"
    }
    if a1 == Some('+') {
        return None;
    }
    let core_str = core.as_str();
    let plain = cur.is_none() && scale.is_none() && !pct;
    // Cheap gates before each look-around regex: most numbers need none.
    let nw = next_word_initial(after);
    if plain {
        if (a1 == Some(':')
            || matches!(
                nw,
                Some('a' | 'p' | 'G' | 'U' | 'C' | 'E' | 'B' | 'o' | 'h')
            ))
            && TIME_AFTER.is_match(after)
        {
            return None;
        }
        // Only the last few bytes matter; never rescan the whole prefix.
        let tl = tail(text, core.start(), 24);
        if tl.bytes().any(|b| b.is_ascii_uppercase()) && MONTH_BEFORE.is_match(tl) {
            return None;
        }
        let hd = head(text, core.end(), 48);
        if hd
            .get(..20.min(hd.len()))
            .is_none_or(|h| h.bytes().any(|b| b"JFMASOND".contains(&b)))
            && MONTH_AFTER.is_match(hd)
        {
            return None;
        }
    }

    // --- The value.
    let mut value = if is_word {
        words_value(core_str)?
    } else {
        core_str.replace(',', "").parse::<f64>().ok()?
    };
    if is_word && core_str.eq_ignore_ascii_case("one") && plain {
        return None; // "one of the", "one day": too noisy
    }
    let is_year = !is_word
        && !ord
        && !core_str.contains([',', '.'])
        && core_str.len() == 4
        && (1900.0..=2100.0).contains(&value);
    if let Some(s) = scale {
        let short = s.as_str().len() <= 2;
        if short && cur.is_none() {
            return None; // "5m" without a currency: metres? minutes? skip
        }
        value *= scale_of(s.as_str())?;
    }

    let limit = sentence_end(sentences, start, text.len()).max(end);
    let mut kind;
    let mut unit: Option<String> = None;
    let mut measure: Option<Span> = None;

    if let Some(code) = cur {
        kind = NumberKind::Money;
        unit = Some(code.to_string());
        measure = phrase(text, end, limit, true, 7);
    } else if let Some(cw) = (!pct
        && !ord
        && matches!(
            nw.map(|c| c.to_ascii_lowercase()),
            Some('d' | 'e' | 'p' | 'r' | 'h' | 'y' | 'u' | 'a' | 'c')
        ))
    .then(|| CUR_WORD_AFTER.captures(after))
    .flatten()
    {
        kind = NumberKind::Money;
        let cw_name = cw.name("c")?.as_str();
        unit = currency_word_code(cw_name).map(str::to_string);
        if cw_name.starts_with("cent") {
            value /= 100.0; // "51 cents" is $0.51
        }
        end += cw.get(0)?.end();
        measure = phrase(text, end, limit, true, 7);
    } else if pct {
        kind = NumberKind::Percent;
        unit = Some("%".into());
        // "40% of voters", "a 3.5% rise in prices".
        let after_pct = head(text, end, 8);
        let lead_of = after_pct
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("of ");
        let direct = next_token(text, end, limit)
            .map(|(s, e, _)| {
                let w = text[s..e].to_ascii_lowercase();
                !is_stop(&w) && w.starts_with(|c: char| c.is_ascii_lowercase())
            })
            .unwrap_or(false);
        if lead_of || direct {
            measure = phrase(text, end, limit, true, 5);
        }
    } else if ord {
        kind = NumberKind::Ordinal;
        measure = phrase(text, end, limit, false, 3);
    } else if let Some(h) = (a1 == Some('-'))
        .then(|| HYPHEN_AFTER.captures(after))
        .flatten()
    {
        let u = h.name("u")?.as_str();
        if is_year && !is_time_unit(u) {
            return None;
        }
        end += h.get(0)?.end();
        if h.name("old").is_some() {
            kind = NumberKind::Other;
            unit = Some(format!("{}-old", singular(u)));
        } else if is_time_unit(u) {
            kind = NumberKind::Duration;
            unit = Some(singular(u));
        } else if u.eq_ignore_ascii_case("strong") {
            // "a 5,000-strong force": the count is of the noun that follows.
            kind = NumberKind::Count;
            unit = next_token(text, end, limit).map(|(s, e, _)| singular(&text[s..e]));
        } else {
            kind = NumberKind::Count;
            unit = Some(singular(u));
        }
        measure = phrase(text, end, limit, false, 3);
    } else if let Some(u) = (!is_year
        && matches!(
            nw.map(|c| c.to_ascii_lowercase()),
            Some('s' | 'm' | 'h' | 'd' | 'w' | 'y' | 'c')
        ))
    .then(|| UNIT_AFTER.captures(after))
    .flatten()
    {
        kind = NumberKind::Duration;
        unit = Some(singular(u.name("u")?.as_str()));
        end += u.get(0)?.end();
    } else {
        if is_year {
            return None;
        }
        // Part of a name: "Flight 370", "Apollo 11" — a capitalised
        // content word right before a plain integer.
        let pw = prev_word(text, start);
        if !is_word
            && !core_str.contains([',', '.'])
            && pw.starts_with(|c: char| c.is_uppercase())
            && !FUNCTION_CAPS.contains(&pw)
            && scale.is_none()
        {
            return None;
        }
        match count_phrase(text, end, limit, value) {
            Some((sp, noun)) => {
                kind = NumberKind::Count;
                unit = Some(noun);
                measure = Some(sp);
            }
            None if is_word => return None, // "two of the", "nine": not worth a mention
            None => kind = NumberKind::Other,
        }
    }
    if kind == NumberKind::Other && unit.is_none() && is_word {
        return None;
    }
    if !matches!(kind, NumberKind::Money | NumberKind::Percent) && cur.is_some() {
        kind = NumberKind::Money;
    }
    let t = text.get(start..end)?;
    Some(NumberMention {
        span: Span::new(start, end),
        text: t.to_string(),
        value,
        unit,
        kind,
        measure: measure
            .and_then(|s| text.get(s.start..s.end))
            .filter(|m| !is_time_phrase(m))
            .map(str::to_string),
    })
}

/// First letter of the word after optional spaces (`None` if punctuation
/// or a line break comes first).
fn next_word_initial(after: &str) -> Option<char> {
    after
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next()
        .filter(|c| c.is_alphabetic())
}

/// The (at most) `n` bytes of `text` from `at`, on a char boundary.
fn head(text: &str, at: usize, n: usize) -> &str {
    let mut to = (at + n).min(text.len());
    while to > at && !text.is_char_boundary(to) {
        to -= 1;
    }
    text.get(at..to).unwrap_or("")
}

/// The (at most) `n` bytes of `text` before `at`, on a char boundary.
fn tail(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while from < at && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

/// A measure that is really a time ("October", "last month"): not what
/// the number measures.
fn is_time_phrase(m: &str) -> bool {
    let first = m
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    const TIME_WORDS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "last",
        "next",
        "this",
        "yesterday",
        "today",
        "tomorrow",
        "earlier",
        "later",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ];
    TIME_WORDS.contains(&first) || first.chars().all(|c| c.is_ascii_digit())
}

fn is_time_unit(u: &str) -> bool {
    matches!(
        singular(u).as_str(),
        "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade" | "century"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<NumberMention> {
        let s = crate::sentences::split(text);
        let v = find_numbers(text, &s);
        for m in &v {
            assert_eq!(&text[m.span.start..m.span.end], m.text, "{m:?}");
        }
        v
    }

    fn one(text: &str) -> NumberMention {
        let v = run(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn money_with_measure() {
        let m = one(
            "Norland has given $66.5 billion in military support since 2021, and more is coming.",
        );
        assert_eq!(
            (m.text.as_str(), m.value, m.unit.as_deref(), m.kind),
            ("$66.5 billion", 66.5e9, Some("USD"), NumberKind::Money)
        );
        assert_eq!(m.measure.as_deref(), Some("military support since 2021"));
        let m =
            one("Allies provided $125 billion in aid to Valdoria in 2024, compared with before.");
        assert_eq!(m.measure.as_deref(), Some("aid to Valdoria in 2024"));
        let m = one("The fund holds €2bn.");
        assert_eq!(
            (m.value, m.unit.as_deref(), m.measure),
            (2e9, Some("EUR"), None)
        );
        assert_eq!(one("They pledged £300 million for schools.").value, 300e6);
        let m = one("It costs 125 billion dollars a year.");
        assert_eq!(
            (m.text.as_str(), m.unit.as_deref(), m.value),
            ("125 billion dollars", Some("USD"), 125e9)
        );
        let m = one("A US$ 5m grant was approved.");
        assert_eq!(
            (m.text.as_str(), m.value, m.unit.as_deref()),
            ("US$ 5m", 5e6, Some("USD"))
        );
        assert_eq!(
            one("The deal is worth 40 million euros.").unit.as_deref(),
            Some("EUR")
        );
    }

    #[test]
    fn percentages() {
        let m = one("Inflation hit 3.5% last month.");
        assert_eq!(
            (m.value, m.unit.as_deref(), m.kind),
            (3.5, Some("%"), NumberKind::Percent)
        );
        let m = one("Some 40 percent of voters stayed home.");
        assert_eq!(
            (m.text.as_str(), m.measure.as_deref()),
            ("40 percent", Some("voters"))
        );
        assert_eq!(one("Turnout fell 12 per cent.").text, "12 per cent");
    }

    #[test]
    fn counts() {
        let m = one("Four unnamed officials confirmed it.");
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref(), m.measure.as_deref()),
            (
                NumberKind::Count,
                4.0,
                Some("official"),
                Some("unnamed officials")
            )
        );
        let m = one("The 33-page report was leaked.");
        assert_eq!(
            (
                m.text.as_str(),
                m.kind,
                m.unit.as_deref(),
                m.measure.as_deref()
            ),
            ("33-page", NumberKind::Count, Some("page"), Some("report"))
        );
        let m = one("We read 2,225 articles.");
        assert_eq!((m.value, m.unit.as_deref()), (2225.0, Some("article")));
        let m = one("About 1.5 million people fled.");
        assert_eq!((m.value, m.unit.as_deref()), (1.5e6, Some("person")));
        let m = one("They hired twenty-five engineers.");
        assert_eq!((m.value, m.unit.as_deref()), (25.0, Some("engineer")));
        assert_eq!(one("Two hundred protesters marched.").value, 200.0);
    }

    #[test]
    fn counts_of_people_by_state() {
        let m = one("The floods left over 8 million displaced.");
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref()),
            (NumberKind::Count, 8e6, Some("displaced"))
        );
        assert_eq!(
            one("At least 40 killed in the blast.").unit.as_deref(),
            Some("killed")
        );
    }

    #[test]
    fn durations_and_ordinals() {
        let m = one("They agreed a 30-day ceasefire.");
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref(), m.measure.as_deref()),
            (NumberKind::Duration, 30.0, Some("day"), Some("ceasefire"))
        );
        let m = one("It ended the three-year war.");
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref()),
            (NumberKind::Duration, 3.0, Some("year"))
        );
        let m = one("The siege lasted 40 days.");
        assert_eq!((m.text.as_str(), m.kind), ("40 days", NumberKind::Duration));
        let m = one("They marked the 80th anniversary of the victory.");
        assert_eq!(
            (m.kind, m.value, m.measure.as_deref()),
            (NumberKind::Ordinal, 80.0, Some("anniversary"))
        );
    }

    #[test]
    fn cents_ages_and_time_measures() {
        let m = one("Shares rose 51 cents.");
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Money, Some("USD"))
        );
        assert!((m.value - 0.51).abs() < 1e-9);
        assert_eq!(
            one("An 8-month-old girl was found.").unit.as_deref(),
            Some("month-old")
        );
        let m = one("A 5,000-strong force crossed.");
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Count, Some("force"))
        );
        assert_eq!(one("Exports grew 4.7 percent last month.").measure, None);
        assert_eq!(
            one("Some 1.7 million Vandarians voted.").unit.as_deref(),
            Some("Vandarian")
        );
    }

    #[test]
    fn skips_years_dates_times_names() {
        assert!(run("In 2022 and 1999 nothing happened.").is_empty());
        assert!(run("Talks on May 8–10, 2025 and 28 February 2025 and 2025-02-28.").is_empty());
        assert!(run("The meeting starts at 10:30 or 9 a.m. tomorrow.").is_empty());
        assert!(run("An An-70 and a G7 summit, Flight 370 too.").is_empty());
        assert!(run("One of the envoys said one thing.").is_empty());
        assert!(run("The 1990s were calm.").is_empty());
        assert!(run("He went to No. 10 and page 3 of Nos. 4.")
            .iter()
            .all(|m| m.text != "10" && m.text != "4"));
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Any text: no panic, every span slices to its text, and the
        /// date/metadata stages hold up too.
        #[test]
        fn spans_always_valid(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::string::string_regex("[ a-zA-Z0-9$€£%.,:/–-]{0,12}").unwrap(),
            proptest::sample::select(vec![
                "$", "US$ ", "€", "2,225", "66.5", " billion", "bn", "%", " percent", "-day", "th",
                " May ", "Feb. ", "28", ", 2025", "Monday", " last week", "é", "—", "\n", " four ",
                "twenty-", "one", " dollars", "three days ago", "Q3 ", "third-quarter", "in 2022",
            ]).prop_map(str::to_string),
        ], 0..24)) {
            let text: String = parts.concat();
            let sents = crate::sentences::split(&text);
            for m in find_numbers(&text, &sents) {
                proptest::prop_assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
            }
            let abs = crate::dates::find_dates(&text, &sents, None);
            for d in &abs {
                proptest::prop_assert_eq!(text.get(d.span.start..d.span.end), Some(d.text.as_str()));
            }
            let page = newsdesk_core::PageMeta::default();
            let p = crate::meta::published(&page, &text, &abs);
            if let Some(p) = &p {
                proptest::prop_assert!(p.earliest <= p.latest);
            }
            for d in crate::dates::find_dates(&text, &sents, p.as_ref()) {
                if let (Some(a), Some(b)) = (d.start, d.end) {
                    proptest::prop_assert!(a <= b);
                }
            }
            let _ = crate::meta::title(&page, &text);
            let _ = crate::meta::outlet(&page, std::slice::from_ref(&text), &text);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "$",
            "€",
            "1",
            "99999999999999999999999",
            "$.5bn",
            "é1é",
            "1,000,000,000,000,000 %",
            "-1-2-3",
            "5m",
            "one",
            "ninety-nine-",
            "$5 million.",
        ] {
            let _ = run(t);
        }
    }
}
