//! Dates as pages write them, turned into ISO 8601.
//!
//! Markup dates are mostly ISO already (`2024-03-05T10:00:00+01:00`, kept
//! as written); the rest are normalised to `YYYY-MM-DD`: RFC 2822
//! (`Wed, 04 May 2022 02:41:00 GMT`), numeric day-first dates
//! (`05.03.2024`, `05-03-2024`), US slashes (`03/05/2024`, month first
//! unless the first number can't be a month, or a date the page states
//! elsewhere confirms the day-first reading), and written months in
//! English, German, French, Spanish, Italian, Portuguese, Polish, Russian
//! and Ukrainian (`5. März 2024`, `March 5, 2024`, `5 de marzo de 2024`,
//! `5 марта 2024`), and C `ctime` stamps (`Fri Feb 18 10:27:24 2022`).
//! Day-first dates with a two-digit year (`28.01.22`) are read only by
//! [`short_year_day`], for short visible date lines.
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
    // Russian and Ukrainian, genitive ("5 марта 2024") and nominative.
    ("января", 1),
    ("январь", 1),
    ("січня", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("лютого", 2),
    ("марта", 3),
    ("март", 3),
    ("березня", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("квітня", 4),
    ("мая", 5),
    ("май", 5),
    ("травня", 5),
    ("июня", 6),
    ("июнь", 6),
    ("червня", 6),
    ("июля", 7),
    ("июль", 7),
    ("липня", 7),
    ("августа", 8),
    ("август", 8),
    ("серпня", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("вересня", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("жовтня", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("листопада", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("грудня", 12),
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
/// `ctime`: "Fri Feb 18 10:27:24 2022" (time between day and year).
static CTIME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:^|[^\w])(\p{L}{3})\s+(\d{1,2})\s+\d{1,2}:\d\d(?::\d\d)?\s+((?:19|20)\d\d)(?:[^\d]|$)",
    )
    .unwrap()
});
static COMPACT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:T\d|\s*$)").unwrap());

/// The day (`YYYY-MM-DD`) a date string names, if it names one.
pub(crate) fn parse_day(s: &str) -> Option<String> {
    parse_day_near(s, None)
}

/// Like [`parse_day`]; a slashed date that reads both ways (`03/05/2022`)
/// takes the reading at most a day from `hint` (a date the page states
/// elsewhere, in markup or its URL), else the month-first one.
pub(crate) fn parse_day_near(s: &str, hint: Option<&str>) -> Option<String> {
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
        if &c[2] == "/" && b <= 12 && a != b {
            if let Some(h) = hint {
                let day_first = valid(y, b, a);
                if day_first
                    .as_deref()
                    .is_some_and(|x| days_apart(x, h).is_some_and(|n| n <= 1))
                {
                    return day_first;
                }
            }
        }
        return valid(y, m, d);
    }
    for c in DAY_MONTH_YEAR.captures_iter(s) {
        if let Some(m) = month_of(&c[2]) {
            return valid(c[3].parse().ok()?, m, c[1].parse().ok()?);
        }
    }
    for c in MONTH_DAY_YEAR
        .captures_iter(s)
        .chain(CTIME.captures_iter(s))
    {
        if let Some(m) = month_of(&c[1]) {
            return valid(c[3].parse().ok()?, m, c[2].parse().ok()?);
        }
    }
    None
}

/// Day-first numeric date with a two-digit year (`28.01.22`, `28.01.22,
/// 14:05`), read as 20YY: only for short visible date lines, where the
/// caller has already decided the text is a date line. Dots only, and
/// the month takes two digits (no version numbers like `1.2.22`).
pub(crate) fn short_year_day(s: &str) -> Option<String> {
    static SHORT: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:^|[^\d.])(\d{1,2})\.(\d\d)\.(\d\d)(?:[^\d.]|\.?$|\.\s)").unwrap()
    });
    let mut cut = s.len().min(120);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let c = SHORT.captures(s.get(..cut)?)?;
    let y: i32 = c[3].parse().ok()?;
    valid(2000 + y, c[2].parse().ok()?, c[1].parse().ok()?)
}

/// Days between two dates given as ISO (at least `YYYY-MM-DD`).
pub(crate) fn days_apart(a: &str, b: &str) -> Option<i64> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok();
    Some((day(a)? - day(b)?).num_days().abs())
}

/// Whether a markup timestamp is in UTC (`Z`, `+00:00`, `GMT`) or carries
/// a time of day with no zone at all: its calendar day may not be the
/// day the page shows its readers.
pub(crate) fn is_utc_stamp(s: &str) -> bool {
    static TIME: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d{1,2}:\d\d").unwrap());
    static ISO_NO_ZONE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^\d{4}-\d\d-\d\d[T ][\d:.]+$").unwrap());
    let t = s.trim();
    if !TIME.is_match(t) {
        return false;
    }
    let up = t.to_ascii_uppercase();
    ["Z", "+00:00", "+0000", "GMT", "UTC"]
        .iter()
        .any(|z| up.ends_with(z))
        || ISO_NO_ZONE.is_match(t)
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

/// `/2019/08/02/` (or `/2019-08-02`, `/2019/aug/02/`, `/29-10-2021`)
/// in a URL path.
pub(crate) fn from_url(url: &str) -> Option<String> {
    static URL_DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"/((?:19|20)\d\d)[/-](\d{1,2}|[a-zA-Z]{3,9})[/-](\d{1,2})(?:[/-_.]|$)").unwrap()
    });
    // A path segment that is a date with the year last (`/29-10-2021`),
    // read only when just one order of day and month is a date.
    static URL_DAY_FIRST: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"/(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?:[/?#.]|$)").unwrap());
    if let Some(c) = URL_DATE.captures(url) {
        let m = match c[2].parse() {
            Ok(m) => m,
            Err(_) => month_of(&c[2])?,
        };
        return valid(c[1].parse().ok()?, m, c[3].parse().ok()?);
    }
    let c = URL_DAY_FIRST.captures(url)?;
    let (a, b, y): (u32, u32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    match (valid(y, b, a), valid(y, a, b)) {
        (Some(d), None) | (None, Some(d)) => Some(d),
        _ => None,
    }
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
            ("15 августа 2016, 13:43", "2016-08-15"),
            ("3 березня 2021", "2021-03-03"),
            ("Fri Feb 18 10:27:24 2022", "2022-02-18"),
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
    fn two_digit_years_and_utc_stamps() {
        assert_eq!(short_year_day(" 28.01.22 ").as_deref(), Some("2022-01-28"));
        assert_eq!(
            short_year_day("Kultur, 2.11.22").as_deref(),
            Some("2022-11-02")
        );
        assert_eq!(
            short_year_day("Von: A. Writer | 31.10.23, 09:15").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(
            short_year_day(&format!("a{} 01.02.22", "é".repeat(60))),
            None
        );
        for s in [
            "Version 1.2.22",
            "12.01.2022",
            "32.01.22",
            "1.02.22.5",
            "Tel. 12.34.56.78",
        ] {
            assert_eq!(short_year_day(s), None, "{s}");
        }
        assert!(is_utc_stamp("2022-11-06T23:00:00.000Z"));
        assert!(is_utc_stamp("2022-05-04T03:37:37+00:00"));
        assert!(is_utc_stamp("2022-05-03 13:32:45.000000"));
        assert!(is_utc_stamp("Wed, 04 May 2022 00:25:56 GMT"));
        assert!(!is_utc_stamp("2022-05-04T03:37:37+02:00"));
        assert!(!is_utc_stamp("Wed, 04 May 2022 00:25:56 +0200"));
        assert!(!is_utc_stamp("2022-05-04"));
        assert!(!is_utc_stamp("May 4, 2022"));
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
        assert_eq!(
            from_url("https://x.example/news/2020/oct/02/title").as_deref(),
            Some("2020-10-02")
        );
        assert_eq!(from_url("https://x.example/2020/abc/02/title"), None);
        assert_eq!(
            from_url("https://x.example/news/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(
            from_url("https://x.example/news/10-29-2021/").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(from_url("https://x.example/news/03-05-2021"), None);
        // An ambiguous slashed date takes the reading the page confirms.
        assert_eq!(parse_day("03/05/2022").as_deref(), Some("2022-03-05"));
        assert_eq!(
            parse_day_near("03/05/2022 21:44", Some("2022-05-04T00:44:52Z")).as_deref(),
            Some("2022-05-03")
        );
        assert_eq!(
            parse_day_near("03/05/2022", Some("2022-07-01")).as_deref(),
            Some("2022-03-05")
        );
    }
}
