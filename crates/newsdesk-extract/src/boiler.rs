//! Boilerplate lines inside the article container: "Read also: …",
//! "Mehr zum Thema", "Zobacz także", share/comment/newsletter prompts,
//! photo credits, lone dates. Sites put these between the paragraphs of
//! the story, so container choice cannot remove them; they are recognised
//! line by line from short multilingual phrase lists (English, German,
//! French, Spanish, Italian, Portuguese, Polish, Chinese, Arabic).
//!
//! Two kinds of phrase:
//! - labels: the whole (short) line is the phrase, maybe with a few
//!   words after it ("Mehr zum Thema Energie", "Share this article");
//! - lead-ins: the phrase then a colon, then a headline (`Lea también: <headline>`) — the line is a teaser for another story whatever its
//!   length (bounded).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind};
use once_cell::sync::Lazy;

/// Phrases that make a short line boilerplate when they start it.
const LABELS: &[&str] = &[
    // English
    "read more",
    "read also",
    "also read",
    "see also",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "related topics",
    "more on this",
    "more on this story",
    "more on this topic",
    "more stories",
    "more from",
    "you may also like",
    "you might also like",
    "you may be interested",
    "recommended for you",
    "share this",
    "share on",
    "share article",
    "share via",
    "follow us",
    "subscribe",
    "sign up for",
    "sign up to",
    "newsletter",
    "advertisement",
    "sponsored",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "no comments",
    "view comments",
    "show comments",
    "comments",
    "filed under",
    "posted in",
    "this entry was posted",
    "about the author",
    "all rights reserved",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "table of contents",
    "back to top",
    "print this",
    "email this",
    "photo credit",
    "image credit",
    "click here to",
    "if you enjoyed",
    // German
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "auch lesen",
    "auch interessant",
    "weiterlesen",
    "weiter lesen",
    "zum weiterlesen",
    "mehr zum thema",
    "mehr zu diesem thema",
    "mehr dazu",
    "mehr lesen",
    "mehr erfahren",
    "mehr infos",
    "mehr informationen",
    "weitere informationen",
    "weitere infos",
    "weitere artikel",
    "weitere beiträge",
    "weitere themen",
    "weitere nachrichten",
    "weitere meldungen",
    "verwandte artikel",
    "verwandte themen",
    "ähnliche beiträge",
    "ähnliche artikel",
    "ähnliche themen",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das könnte sie interessieren",
    "das könnte dich interessieren",
    "schon gelesen",
    "empfehlungen",
    "unsere empfehlung",
    "anzeige",
    "werbung",
    "kommentare",
    "kommentar schreiben",
    "kommentare schreiben",
    "kommentieren",
    "keine kommentare",
    "artikel teilen",
    "seite teilen",
    "beitrag teilen",
    "jetzt teilen",
    "teilen",
    "zum newsletter",
    "newsletter abonnieren",
    "jetzt abonnieren",
    "titelbild",
    "beitragsbild",
    "bildquelle",
    "bildnachweis",
    "über den autor",
    "über die autorin",
    "themen im artikel",
    "schlagworte",
    "schlagwörter",
    "kategorie",
    "kategorien",
    "inhaltsverzeichnis",
    "alle angaben ohne gewähr",
    "aktualisiert am",
    "zuletzt aktualisiert",
    "veröffentlicht am",
    "erstellt am",
    "artikel drucken",
    "drucken",
    "nach oben",
    "zurück zur übersicht",
    "zur übersicht",
    "ansprechpartner",
    "ansprechpartnerin",
    "pressekontakt",
    // French
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "lire la suite",
    "voir aussi",
    "sur le même sujet",
    "dans la même rubrique",
    "partager",
    "commentaires",
    "laisser un commentaire",
    "abonnez-vous",
    "publicité",
    "crédits photos",
    "crédit photo",
    "articles similaires",
    // Spanish
    "lea también",
    "lea más",
    "lee también",
    "lee más",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "puede interesarte",
    "noticias relacionadas",
    "artículos relacionados",
    "comentarios",
    "compartir",
    "síguenos",
    "siguenos",
    "publicidad",
    "valora esta noticia",
    // Italian
    "leggi anche",
    "leggi tutto",
    "potrebbe interessarti",
    "articoli correlati",
    "commenti",
    "condividi",
    "pubblicità",
    // Portuguese
    "leia também",
    "leia mais",
    "veja também",
    "comentários",
    "compartilhe",
    "publicidade",
    "siga-nos",
    "nos siga",
    // Polish
    "zobacz także",
    "zobacz też",
    "zobacz również",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "czytaj również",
    "przeczytaj także",
    "przeczytaj też",
    "przeczytaj również",
    "dowiedz się więcej",
    "polecamy",
    "komentarze",
    "udostępnij",
    "reklama",
    "minut czytania",
    // Chinese
    "相关阅读",
    "相关文章",
    "相关新闻",
    "延伸阅读",
    "推荐阅读",
    "责任编辑",
    "分享到",
    "原标题",
    // Arabic
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "شارك",
    "تعليقات",
];

/// Calls to action: a line (up to [`MAX_LEAD_CHARS`]) opening with one
/// of these asks the reader to do something; it is not reporting.
const PROMPTS: &[&str] = &[
    "subscribe now",
    "subscribe to",
    "subscribe today",
    "sign up for",
    "sign up to",
    "follow us",
    "like us on",
    "download our app",
    "download the",
    "join our",
    "support us",
    "support our",
    "click here",
    "if you enjoyed",
    "if you liked",
    "never miss",
    "folgen sie uns",
    "folge uns",
    "abonnieren sie",
    "jetzt abonnieren",
    "melden sie sich",
    "jetzt anmelden",
    "klicken sie hier",
    "unterstützen sie",
    "unterstütze uns",
    "jetzt spenden",
    "abonnez-vous",
    "suivez-nous",
    "inscrivez-vous",
    "síguenos",
    "siguenos",
    "suscríbete",
    "suscribete",
    "únete",
    "zapraszamy do subskrypcji",
    "obserwuj nas",
    "iscriviti",
    "seguici",
    "assine",
    "siga-nos",
];

/// Whole-line labels: the line is exactly one of these (punctuation
/// aside), so "Contact tracing began…" is not caught.
const EXACT: &[&str] = &[
    "kontakt",
    "contact",
    "contacto",
    "telefon",
    "telephone",
    "phone",
    "tel",
    "fax",
    "e-mail",
    "email",
    "community",
    "permalink",
    "permalien",
    "pdf",
    "artikel",
    "article",
    "home",
    "startseite",
    "menu",
    "menü",
    "top",
    "mehr",
    "more",
    "plus",
    "más",
    "weiter",
    "zurück",
    "back",
    "tags",
    "share",
    "tweet",
    "drucken",
    "print",
    "like",
    "reply",
    "antworten",
    "répondre",
    "responder",
    "odpowiedz",
];

/// Lead-ins that, followed by a colon, make the line a teaser or credit
/// even when it is long.
const LEAD_INS: &[&str] = &[
    "read also",
    "read more",
    "also read",
    "see also",
    "related",
    "more",
    "photo",
    "image",
    "credit",
    "credits",
    "source",
    "sources",
    "lesen sie auch",
    "lesen sie mehr",
    "auch lesen",
    "mehr zum thema",
    "mehr dazu",
    "weiterlesen",
    "zum weiterlesen",
    "schon gelesen",
    "foto",
    "fotos",
    "bild",
    "quelle",
    "quellen",
    "titelbild",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "crédit",
    "crédits",
    "lea también",
    "lea más",
    "lea",
    "lee también",
    "mira",
    "le puede interesar",
    "te puede interesar",
    "puedes ver",
    "ver también",
    "leggi anche",
    "leia também",
    "leia mais",
    "veja também",
    "zobacz także",
    "zobacz też",
    "zobacz również",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "przeczytaj także",
    "źródło",
    "fot",
];

/// Index of the first non-month word in [`DATE_WORDS`].
const FIRST_NON_MONTH: usize = 58;

/// Month and weekday words and time units allowed in a "date only" line.
const DATE_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "jänner",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "okt",
    "dez",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    // (index FIRST_NON_MONTH starts here)
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "uhr",
    "am",
    "pm",
    "um",
    "h",
    "de",
    "der",
    "den",
    "the",
    "of",
    "at",
    "le",
    "el",
    "on",
    "stand",
    "updated",
    "published",
    "posted",
    "aktualisiert",
    "veröffentlicht",
    "erstellt",
    "letzte",
    "änderung",
    "publié",
    "mis",
    "à",
    "jour",
    "publicado",
    "min",
    "ago",
    "vor",
    "stunden",
    "minuten",
    "hours",
    "minutes",
    "cet",
    "cest",
    "utc",
    "gmt",
    "mez",
    "mesz",
];

static LABEL_AC: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(LABELS)
        .expect("static patterns")
});

static PROMPT_AC: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(PROMPTS)
        .expect("static patterns")
});

static LEAD_AC: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(LEAD_INS)
        .expect("static patterns")
});

/// Longest label line (chars) still treated as a label.
const MAX_LABEL_CHARS: usize = 60;
/// Longest lead-in line (chars) treated as a teaser.
const MAX_LEAD_CHARS: usize = 250;

/// True when the line (already whitespace-collapsed, without a list
/// prefix) is boilerplate rather than article text.
pub(crate) fn is_boilerplate_line(line: &str) -> bool {
    let chars = line.chars().count();
    if chars > MAX_LEAD_CHARS {
        return false;
    }
    let lower = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let input = aho_corasick::Input::new(&lower).anchored(aho_corasick::Anchored::Yes);
    if chars <= MAX_LABEL_CHARS {
        if let Some(m) = LABEL_AC.find(input.clone()) {
            // Whole-word match: "Anzeige" but not "Anzeigenmarkt".
            let next = lower[m.end()..].chars().next();
            if next.is_none_or(|c| !c.is_alphabetic()) {
                // Label plus at most a few words ("Mehr zum Thema Energie").
                let rest_words = lower[m.end()..].split_whitespace().count();
                if rest_words <= 4 || lower[m.end()..].trim_start().starts_with(':') {
                    return true;
                }
            }
        }
        if !line.starts_with('+') && is_date_only(&lower) {
            return true;
        }
    }
    if chars <= 24 {
        let bare = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
        if EXACT.contains(&bare) {
            return true;
        }
    }
    if PROMPT_AC.find(input.clone()).is_some_and(|m| {
        lower[m.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphabetic())
    }) {
        return true;
    }
    if let Some(m) = LEAD_AC.find(input) {
        let rest = lower[m.end()..].trim_start();
        // "Foto: …", "Lea también: …"; also "Fot. X" (Polish credit).
        if rest.starts_with(':') || (lower[..m.end()].ends_with("fot") && rest.starts_with('.')) {
            return true;
        }
    }
    is_copyright_line(&line.to_lowercase(), chars)
}

/// A short line that is only a date and/or time ("23.10.2018",
/// "05:28 Uhr", "Updated: January 13, 2020 at 10:04 am").
fn is_date_only(lower: &str) -> bool {
    if lower.chars().count() > 48
        || !lower.chars().any(|c| c.is_ascii_digit())
        || lower.contains(['€', '$', '£', '%', '+'])
    {
        return false;
    }
    let mut month = false;
    for w in lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        match DATE_WORDS.iter().position(|d| *d == w) {
            Some(k) => month |= k < FIRST_NON_MONTH,
            None => return false,
        }
    }
    // A month name, or digits joined by date/time separators ("23.10.",
    // "05:28", "2020-01-05"); "15 – 30 Min" is a quantity, not a date.
    month || {
        let b = lower.as_bytes();
        b.windows(3).any(|w| {
            w[0].is_ascii_digit()
                && matches!(w[1], b'.' | b':' | b'/' | b'-')
                && w[2].is_ascii_digit()
        })
    }
}

/// "© 2020 Outlet", "Copyright 2019 by …": short copyright notices.
fn is_copyright_line(lower: &str, chars: usize) -> bool {
    chars <= 120
        && (lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("(c) ")
            || (chars <= 60 && lower.contains('©')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_lead_ins() {
        for b in [
            "Mehr zum Thema",
            "Lesen Sie auch:",
            "Read more »",
            "Zobacz także",
            "Lea también: El puerto de Valmora cierra por obras durante el verano",
            "Foto: Jan Kowalczyk",
            "Fot. Marta Nowak",
            "23.10.2018",
            "05:28 Uhr",
            "Updated: January 13, 2020 at 10:04 am",
            "© 2021 Riverton Post",
            "Share this article",
            "Kommentare (3)",
            "Kontakt:",
            "Subscribe now to our print edition for the full story.",
            "相关阅读",
        ] {
            assert!(is_boilerplate_line(b), "{b}");
        }
    }

    #[test]
    fn month_index_is_right() {
        assert_eq!(DATE_WORDS[FIRST_NON_MONTH], "monday");
    }

    #[test]
    fn article_sentences_survive() {
        for t in [
            "Anzeigen gegen den Bürgermeister wurden am Montag eingereicht.",
            "Read more books, the minister told pupils at the opening of the library in Harwick.",
            "Comments made by the mayor on Tuesday drew criticism from the opposition.",
            "The year 2019 was the warmest on record in the region.",
            "Teilen sich die Gemeinden die Kosten, sinkt der Beitrag für jeden Haushalt deutlich.",
            "Mai 2019 bis Juni 2020 und darüber hinaus gab es viel zu tun",
            "15 – 30 Min",
            "Contact tracing began on Monday.",
            "286,35 €",
        ] {
            assert!(!is_boilerplate_line(t), "{t}");
        }
    }
}
