//! Dates as pages write them, turned into ISO 8601.
//!
//! Markup dates are mostly ISO already (`2024-03-05T10:00:00+01:00`, kept
//! as written); the rest are normalised to `YYYY-MM-DD`: RFC 2822
//! (`Wed, 04 May 2022 02:41:00 GMT`), numeric day-first dates
//! (`05.03.2024`, `05-03-2024`), US slashes (`03/05/2024`, month first
//! unless the first number can't be a month), and written months in
//! English, German, French, Spanish, Italian, Portuguese and Polish
//! (`5. März 2024`, `March 5, 2024`, `5 de marzo de 2024`).
//!
//! A bare year is never a date (copyright lines), and years outside
//! 1990–2099 are rejected.

use once_cell::sync::Lazy;
use regex::Regex;

/// Month names (lower case, prefixes of at least 3 letters are matched
/// through this table's full forms and abbreviations) → month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("stycznia", 1),
    ("styczeń", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("lutego", 2),
    ("luty", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marca", 3),
    ("marzec", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("kwietnia", 4),
    ("kwiecień", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("maja", 5),
    ("maj", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("czerwca", 6),
    ("czerwiec", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("lipca", 7),
    ("lipiec", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("sierpnia", 8),
    ("sierpień", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("września", 9),
    ("wrzesień", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("października", 10),
    ("październik", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("listopada", 11),
    ("listopad", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("grudnia", 12),
    ("grudzień", 12),
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    if !(1990..=2099).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let days = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

static ISO: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d|\s*$|[^\d])").unwrap());
static ISO_ANY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)").unwrap()
});
static NUMERIC: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{1,2})([./-])\s?(\d{1,2})([./-])\s?((?:19|20)\d\d)(?:[^\d]|$)")
        .unwrap()
});
static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[^\d\w])(\d{1,2})\.?\s*(?:de\s+)?(\p{L}{3,12}\.?),?\s*(?:de\s+)?((?:19|20)\d\d)(?:[^\d]|$)")
        .unwrap()
});
static MONTH_DAY_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[^\w])(\p{L}{3,12}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:[^\d]|$)")
        .unwrap()
});
static COMPACT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:T\d|\s*$)").unwrap());

/// The day (`YYYY-MM-DD`) a date string names, if it names one.
pub(crate) fn parse_day(s: &str) -> Option<String> {
    let s = s.get(..s.len().min(200)).unwrap_or(s);
    if let Some(c) = ISO.captures(s).or_else(|| ISO_ANY.captures(s)) {
        return valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = COMPACT.captures(s) {
        return valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = NUMERIC.captures(s) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        let y: i32 = c[5].parse().ok()?;
        // Slashes are month-first (US) unless the first can't be a month.
        let (d, m) = if &c[2] == "/" && a <= 12 {
            (b, a)
        } else {
            (a, b)
        };
        return valid(y, m, d);
    }
    for c in DAY_MONTH_YEAR.captures_iter(s) {
        if let Some(m) = month_of(&c[2]) {
            return valid(c[3].parse().ok()?, m, c[1].parse().ok()?);
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(s) {
        if let Some(m) = month_of(&c[1]) {
            return valid(c[3].parse().ok()?, m, c[2].parse().ok()?);
        }
    }
    None
}

/// A markup date as output: ISO values are kept as written (they carry
/// time and zone), anything else that parses becomes `YYYY-MM-DD`.
pub(crate) fn normalise(s: &str) -> Option<String> {
    let day = parse_day(s)?;
    let t = s.trim();
    if t.starts_with(&day) {
        Some(t.to_string())
    } else {
        Some(day)
    }
}

/// `/2019/08/02/` (or `/2019-08-02`) in a URL path.
pub(crate) fn from_url(url: &str) -> Option<String> {
    static URL_DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/-_.]|$)").unwrap()
    });
    let c = URL_DATE.captures(url)?;
    valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        for (s, want) in [
            ("2024-03-05T10:00:00+01:00", "2024-03-05"),
            ("Wed, 04 May 2022 02:41:00 GMT", "2022-05-04"),
            ("05.03.2024", "2024-03-05"),
            ("01-11-2023 10:29", "2023-11-01"),
            ("11/01/2023 12:43:42", "2023-11-01"),
            ("25/12/2023", "2023-12-25"),
            ("5. März 2024", "2024-03-05"),
            ("March 5, 2024", "2024-03-05"),
            ("5 de marzo de 2024", "2024-03-05"),
            ("Publié le 12 février 2021 à 10h", "2021-02-12"),
            ("opublikowano: 3 maja 2021", "2021-05-03"),
            ("20240305", "2024-03-05"),
        ] {
            assert_eq!(parse_day(s).as_deref(), Some(want), "{s}");
        }
        for s in [
            "2024",
            "© 2019 Gazette",
            "page 12",
            "31.02.2024",
            "10 Tipps für 2024",
        ] {
            assert_eq!(parse_day(s), None, "{s}");
        }
    }

    #[test]
    fn normalised_output() {
        assert_eq!(
            normalise("2024-03-05T10:00:00Z").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(normalise("March 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(
            from_url("https://x.example/2019/08/02/title/").as_deref(),
            Some("2019-08-02")
        );
        assert_eq!(from_url("https://x.example/2019/title"), None);
    }
}
