//! Attribution: finding the reporting verb and the speaker around a quote.
//!
//! Only the reporter's words in the quote's own sentence are searched (the
//! text before the opening mark back to the sentence start, and after the
//! closing mark up to the sentence end), so a speaker is never taken from a
//! neighbouring sentence except through pronoun resolution.
//!
//! Speaker noun phrases are parsed on whitespace tokens: a trailing run of
//! capitalised words (titles stripped: "U.S. Secretary of State Marco Rubio"
//! gives "Marco Rubio"), an anonymous head noun with its determiner and
//! modifiers ("one diplomat familiar with the talks"), a coordination of
//! names ("Britain, France and Germany"), or a pronoun.

use newsdesk_core::{EntityKind, Mention, Sentence, Span, Speaker, SpeakerKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::{BTreeMap, HashSet};

use super::marks::RawQuote;

/// Reporting verbs and cue phrases. Longer phrases come first so that the
/// leftmost-first alternation prefers them.
static VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?-u:\b)(?:said in a (?:joint |written )?statement|issued (?:a |an )?(?:joint )?statement(?: (?:asserting|saying|stating))?|according to|voiced (?:alarm|concerns?|hope|doubts?)|went on|put it|said|says|say|told|tells|added|adds|warned|warns|stated|described|describes|called|noted|insisted|insists|argued|argues|wrote|writes|tweeted|tweets|posted|declared|declares|explained|explains|asked|asks|replied|replies|responded|claimed|claims|announced|announces|acknowledged|acknowledges|admitted|admits|urged|urges|suggested|suggests|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|observed|recalled|remarked|predicted|predicts|vowed|vows|promised|pledged|conceded|cautioned|complained|quipped|joked|confirmed|denied|maintained|contended|countered|asserted|asserts|asserting|saying|adding|warning|telling|calling|describing|noting|writing|arguing|insisting|continued|reported|reports|echoed|labell?ed|dubbed|branded|characteri[sz]ed|lamented|boasted|charged|alleged|mused|thundered|concluded|retorted|recounted|shouted|insisted|testified|explained|opined|scoffed|snapped|assured|assures|concludes|proclaims|proclaimed|chanted|recalls|contends|counters|cautions|predicts|maintains|explains|acknowledges|observes|complains)(?-u:\b)",
    )
    .expect("verb regex")
});

/// The recipient after "told": an outlet, a person or an audience. It is
/// part of the cue, never the speaker.
static RECIPIENT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^[ \t]+((?:the |The )?(?:\p{Lu}[\p{L}\p{N}.&'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+)?\p{Lu}[\p{L}\p{N}.&'’-]*){0,4}|reporters|journalists|lawmakers|supporters|senators|students|viewers|listeners|the press|a news conference|a press conference|an audience|a crowd|a rally|an interviewer|me|him|her|us|them))",
    )
    .expect("recipient regex")
});

/// Titles and role words stripped in front of a name.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "foreign",
    "defense",
    "defence",
    "state",
    "deputy",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "general",
    "gen.",
    "ambassador",
    "envoy",
    "special",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "professor",
    "lt.",
    "col.",
    "colonel",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "leader",
    "commander",
    "admiral",
    "adm.",
    "sgt.",
    "capt.",
    "captain",
    "lord",
    "lady",
    "sir",
    "dame",
    "rev.",
    "attorney",
    "speaker",
    "majority",
    "minority",
    "whip",
    "interior",
    "finance",
    "treasury",
    "commerce",
    "health",
    "energy",
    "intelligence",
    "national",
    "security",
    "adviser",
    "advisor",
    "press",
    "sheikh",
    "emir",
    "senior",
    "fellow",
    "analyst",
    "economist",
    "founder",
    "candidate",
    "nominee",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
];

/// Capitalised words that open sentences or clauses but are not names.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "yet",
    "also",
    "meanwhile",
    "however",
    "still",
    "then",
    "now",
    "later",
    "earlier",
    "separately",
    "instead",
    "speaking",
    "asked",
    "in",
    "on",
    "at",
    "as",
    "when",
    "while",
    "after",
    "before",
    "both",
    "this",
    "that",
    "these",
    "those",
    "last",
    "next",
    "today",
    "yesterday",
    "so",
    "if",
    "since",
    "though",
    "although",
    "because",
    "for",
    "from",
    "with",
    "without",
    "by",
    "of",
    "to",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "here",
    "there",
    "what",
    "why",
    "how",
    "it",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "we",
    "i",
    "he",
    "she",
    "they",
    "you",
    "mr",
    "said",
    "says",
];

/// Prepositions opening an introductory phrase.
const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "amid",
    "among",
    "despite",
    "following",
    "since",
    "under",
    "over",
    "with",
    "without",
    "by",
    "for",
    "from",
    "through",
    "within",
    "across",
    "against",
    "upon",
    "like",
    "unlike",
    "as",
    "when",
    "while",
    "if",
    "although",
    "though",
    "because",
    "speaking",
    "asked",
    "earlier",
    "later",
    "last",
];

/// Words marking an organisation (not a person) in a capitalised run.
const ORG_WORDS: &[&str] = &[
    "kremlin",
    "house",
    "ministry",
    "department",
    "office",
    "government",
    "council",
    "commission",
    "agency",
    "pentagon",
    "parliament",
    "congress",
    "senate",
    "court",
    "committee",
    "party",
    "union",
    "nations",
    "institute",
    "university",
    "center",
    "centre",
    "foundation",
    "bank",
    "fund",
    "organization",
    "organisation",
    "corporation",
    "company",
    "inc.",
    "ltd.",
    "group",
    "army",
    "forces",
    "police",
    "embassy",
    "administration",
    "cabinet",
    "bureau",
    "service",
    "authority",
    "board",
    "association",
    "alliance",
    "nato",
    "campaign",
    "state",
    "states",
    "republic",
    "federation",
    "kingdom",
    "times",
    "post",
    "journal",
    "news",
    "press",
    "reuters",
    "bloomberg",
    "newsweek",
    "guardian",
    "telegraph",
    "tribune",
    "herald",
    "gazette",
    "daily",
    "magazine",
    "radio",
    "television",
    "network",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "tass",
    "interfax",
    "politico",
    "axios",
    "wire",
    "club",
    "school",
    "college",
    "hospital",
    "church",
    "network",
    "media",
    "world",
    "city",
    "county",
];

/// Outlets: as subject of "reported" they relay, not speak.
const OUTLET_WORDS: &[&str] = &[
    "times",
    "post",
    "journal",
    "news",
    "press",
    "reuters",
    "bloomberg",
    "newsweek",
    "guardian",
    "telegraph",
    "tribune",
    "herald",
    "gazette",
    "daily",
    "magazine",
    "radio",
    "television",
    "network",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "tass",
    "interfax",
    "politico",
    "axios",
    "wire",
    "media",
];

/// First words of place names, which the fallback detector must not take
/// for people.
const PLACE_STARTS: &[&str] = &[
    "new", "los", "san", "santa", "united", "north", "south", "east", "west", "saint", "st.",
    "hong", "tel", "sri", "el", "las", "le", "la", "great", "central", "middle", "white",
    "european", "black", "red", "baltic", "pacific", "atlantic",
];

/// Head nouns of unnamed speakers, singular → anonymous.
const ANON_SINGULAR: &[&str] = &[
    "official",
    "diplomat",
    "source",
    "aide",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "adviser",
    "advisor",
    "insider",
    "person",
    "analyst",
    "expert",
    "observer",
    "lawmaker",
    "minister",
    "officer",
    "employee",
    "member",
    "resident",
    "witness",
    "negotiator",
    "representative",
    "staffer",
    "executive",
    "economist",
    "strategist",
    "commander",
    "soldier",
    "participant",
    "researcher",
    "scientist",
    "politician",
    "senator",
    "envoy",
    "military",
    "lawyer",
    "attorney",
    "activist",
    "operative",
    "ally",
    "confidant",
    "insider",
    "commenter",
    "voter",
    "user",
    "supporter",
    "protester",
    "attendee",
    "caller",
    "reader",
    "viewer",
    "pollster",
    "delegate",
    "organizer",
    "organiser",
    "donor",
];

/// Head nouns of unnamed speakers, plural → group (except sources and
/// "people familiar", which are anonymous).
const ANON_PLURAL: &[&str] = &[
    "officials",
    "diplomats",
    "sources",
    "aides",
    "advisers",
    "advisors",
    "insiders",
    "people",
    "analysts",
    "experts",
    "observers",
    "lawmakers",
    "ministers",
    "officers",
    "employees",
    "members",
    "residents",
    "witnesses",
    "negotiators",
    "representatives",
    "staffers",
    "executives",
    "economists",
    "strategists",
    "commanders",
    "soldiers",
    "participants",
    "researchers",
    "scientists",
    "politicians",
    "senators",
    "critics",
    "supporters",
    "leaders",
    "allies",
    "activists",
    "lawyers",
    "authorities",
    "democrats",
    "republicans",
    "commenters",
    "voters",
    "users",
    "protesters",
    "attendees",
    "callers",
    "readers",
    "viewers",
    "pollsters",
    "delegates",
    "organizers",
    "organisers",
    "donors",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "one", "another", "the", "two", "three", "four", "five", "several", "some", "many",
    "other", "both", "most", "few", "no", "its", "his", "her", "their",
];

/// Lower-case modifiers allowed between a determiner and an anonymous head.
const ANON_ADJ: &[&str] = &[
    "senior",
    "top",
    "former",
    "other",
    "unnamed",
    "anonymous",
    "military",
    "government",
    "administration",
    "intelligence",
    "security",
    "defense",
    "defence",
    "foreign",
    "local",
    "regional",
    "western",
    "european",
    "high-ranking",
    "ranking",
    "independent",
    "political",
    "diplomatic",
    "white",
    "house",
    "campaign",
    "party",
    "state",
    "federal",
    "key",
    "leading",
    "some",
    "many",
    "several",
    "two",
    "three",
    "four",
    "five",
    "russian",
    "ukrainian",
];

/// Words allowed right after an anonymous head noun, before the verb
/// ("a diplomat familiar with…", "an official who…", "officials in Kyiv").
const ANON_POST: &[&str] = &[
    "familiar",
    "who",
    "with",
    "close",
    "briefed",
    "involved",
    "speaking",
    "knowledgeable",
    "from",
    "at",
    "in",
    "for",
    "of",
    "on",
    "inside",
    "within",
    "based",
    "not",
];

/// Words that end a subject noun phrase when walking back from the verb.
const CLAUSE_STOPS: &[&str] = &[
    "what", "which", "how", "why", "that", "and", "but", "because", "since", "when", "while",
    "although", "though", "if", "so", "after", "before", "where", "whether", "or", "than", "then",
    "as", "once", "until",
];

/// Words that end a noun phrase after an inverted verb ("said Smith in…").
const FORWARD_STOPS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "when", "while", "which", "that", "to", "as",
    "told", "adding", "saying", "last", "earlier", "speaking", "because", "since", "but", "and",
    "this", "on", "about", "of", "via", "through", "from",
];

/// Verbs that may follow a quote with the speaker after them
/// (`"…," said X`); "told" and participles never invert.
fn can_invert(verb: &str) -> bool {
    !(verb.ends_with("ing")
        || verb.starts_with("told")
        || verb.starts_with("tells")
        || verb.starts_with("issued")
        || verb.starts_with("voiced")
        || matches!(
            verb,
            "described"
                | "describes"
                | "called"
                | "labeled"
                | "labelled"
                | "dubbed"
                | "branded"
                | "characterized"
                | "characterised"
                | "urged"
                | "urges"
                | "suggested"
                | "suggests"
                | "put it"
                | "went on"
                | "reported"
                | "reports"
                | "say"
                | "said in a statement"
        ))
}

/// Case-insensitive membership in a lower-case word list. The lists are
/// indexed once in hash sets (lookups only, so no order leaks out).
fn lower_in(word: &str, list: &'static [&'static str]) -> bool {
    static SETS: Lazy<Vec<(usize, HashSet<&'static str>)>> = Lazy::new(|| {
        [
            TITLES,
            STARTERS,
            ORG_WORDS,
            OUTLET_WORDS,
            PLACE_STARTS,
            DETERMINERS,
            PREPOSITIONS,
        ]
        .iter()
        .map(|l| (l.as_ptr() as usize, l.iter().copied().collect()))
        .collect()
    });
    let mut buf = [0u8; 32];
    let key: std::borrow::Cow<'_, str> = if word.len() <= buf.len() && word.is_ascii() {
        for (i, b) in word.bytes().enumerate() {
            buf[i] = b.to_ascii_lowercase();
        }
        std::borrow::Cow::Borrowed(std::str::from_utf8(&buf[..word.len()]).unwrap_or(""))
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    match SETS.iter().find(|(p, _)| *p == list.as_ptr() as usize) {
        Some((_, set)) => set.contains(key.as_ref()),
        None => list.contains(&key.as_ref()),
    }
}

/// True when the single word `w` is a reporting verb.
fn is_verb_word(w: &str) -> bool {
    VERB.find(w)
        .is_some_and(|m| m.start() == 0 && m.end() == w.len())
}

/// True when `s` ends with a reporting verb (`… said`), for quote kinds.
pub(crate) fn ends_with_reporting_verb(s: &str) -> bool {
    let tail_start = s.len().saturating_sub(40);
    let tail_start = (tail_start..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    let tail = &s[tail_start..];
    VERB.find_iter(tail)
        .last()
        .is_some_and(|m| m.end() == tail.len())
}

/// True when a reporting verb in `s` is followed by at most `max` words
/// ("called it", "dubbed the plan") before the end of `s`.
pub(crate) fn verb_within(s: &str, max: usize) -> bool {
    let tail_start = s.len().saturating_sub(80);
    let tail_start = (tail_start..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    let tail = &s[tail_start..];
    VERB.find_iter(tail)
        .last()
        .is_some_and(|m| tail[m.end()..].split_whitespace().count() <= max)
}

/// Capitalised-name occurrences found without the entity recogniser: the
/// fallback for speaker names and pronoun antecedents.
pub(crate) struct NameIndex {
    /// (span of the name part, full name, looks like a person), by position.
    occurrences: Vec<(Span, String, bool)>,
    /// Surname → the full names ending with it.
    by_last: BTreeMap<String, Vec<String>>,
}

#[cfg(test)]
pub(crate) static VERB_FOR_BENCH: &Lazy<Regex> = &VERB;

impl NameIndex {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.occurrences.len()
    }

    pub(crate) fn build(text: &str) -> NameIndex {
        let mut occurrences = Vec::new();
        // Runs of capitalised tokens (with connectors such as "de"),
        // broken by punctuation.
        let toks = tokens_in(text, 0, text.len());
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].is_cap(text) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < toks.len() {
                let t = toks[j];
                let ok = t.is_cap(text)
                    || (j > i
                        && is_connector(t.word(text))
                        && toks.get(j + 1).is_some_and(|n| n.is_cap(text)));
                if !ok {
                    break;
                }
                j += 1;
                if t.ends_with_punct(text) || t.s(text).ends_with(['\'', '’']) {
                    break;
                }
            }
            if let Some((span, person)) = name_part(text, &toks[i..j]) {
                let name = clean_name(&text[span.start..span.end]);
                occurrences.push((span, name, person));
            }
            i = j.max(i + 1);
        }
        let mut by_last: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (_, name, person) in &occurrences {
            if *person && name.contains(' ') {
                if let Some(last) = name.rsplit(' ').next() {
                    let v = by_last.entry(last.to_string()).or_default();
                    if !v.contains(name) {
                        v.push(name.clone());
                    }
                }
            }
        }
        NameIndex {
            occurrences,
            by_last,
        }
    }

    /// The article's full name for `name` (itself when it is already full
    /// or when the surname is ambiguous).
    fn full(&self, name: &str) -> String {
        if !name.contains(' ') {
            if let Some(v) = self.by_last.get(name) {
                if v.len() == 1 {
                    return v[0].clone();
                }
            }
        }
        name.to_string()
    }

    /// Person name occurrences (position, full form) in `[a, b)`, skipping
    /// positions for which `skip` holds.
    fn persons_in(&self, a: usize, b: usize, skip: &dyn Fn(usize) -> bool) -> Vec<(usize, String)> {
        let from = self.occurrences.partition_point(|o| o.0.start < a);
        let mut out = Vec::new();
        for (span, name, person) in &self.occurrences[from..] {
            if span.start >= b {
                break;
            }
            if !*person || skip(span.start) {
                continue;
            }
            let full = self.full(name);
            if !full.contains(' ') {
                continue; // a lone capitalised word: too weak to be a person
            }
            out.push((span.start, full));
        }
        out
    }
}

/// Strips a possessive and surrounding punctuation from a name.
fn clean_name(s: &str) -> String {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    s.trim_end_matches([',', ':', ';']).to_string()
}

/// Everything the attribution of one article needs.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub mentions: Vec<&'a Mention>,
    pub raws: &'a [RawQuote],
    /// Built on first use: only pronouns and surname-only speakers need it.
    names: once_cell::unsync::OnceCell<NameIndex>,
}

/// The attribution found for one quote.
pub(crate) struct Attribution {
    /// The speaker, or `None` when the cue is clear but the speaker is not.
    pub speaker: Option<Speaker>,
    /// The reporting verb phrase.
    pub cue: String,
    /// End of the reporter's text used (for quotes that continue after it).
    pub extent_end: usize,
    /// The speaker is a person (named or a resolved pronoun): a candidate
    /// antecedent for later pronouns.
    pub person: bool,
}

/// A whitespace token.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

fn tokens_in(text: &str, a: usize, b: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(s) = text.get(a..b) else { return out };
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push(Tok {
                    start: a + st,
                    end: a + i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Tok {
            start: a + st,
            end: b,
        });
    }
    out
}

impl Tok {
    fn s<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    /// The token without surrounding punctuation (keeps inner dots: U.S.).
    fn word<'t>(&self, text: &'t str) -> &'t str {
        let w = self
            .s(text)
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
            .trim_start_matches(['.', '\'', '’']);
        if is_abbrev(w) {
            w
        } else {
            w.trim_end_matches(['.', '\'', '’'])
        }
    }
    fn is_cap(&self, text: &str) -> bool {
        self.s(text)
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_uppercase())
            && !self
                .s(text)
                .starts_with(['"', '“', '”', '\'', '‘', '«', '('])
    }
    fn ends_with_punct(&self, text: &str) -> bool {
        self.s(text).ends_with([
            ',', ';', ':', '.', '!', '?', '"', '”', '“', ')', '(', '—', '–',
        ]) && !is_abbrev(self.s(text))
    }
}

/// "U.S.", "Mr.", "Sen.", "J." — a trailing dot that doesn't end a phrase.
fn is_abbrev(s: &str) -> bool {
    if !s.ends_with('.') {
        return false;
    }
    let core = &s[..s.len() - 1];
    core.contains('.')
        || (core.chars().count() <= 4 && core.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "van"
            | "von"
            | "bin"
            | "al"
            | "da"
            | "la"
            | "le"
            | "del"
            | "der"
            | "du"
            | "the"
    )
}

/// The name part of a capitalised run: titles and sentence openers dropped
/// ("U.S. Secretary of State Marco Rubio" → "Marco Rubio"). Returns the
/// span and whether it looks like a person (no organisation word, not a
/// place).
fn name_part(text: &str, toks: &[Tok]) -> Option<(Span, bool)> {
    if toks.is_empty() {
        return None;
    }
    // Organisations keep their whole run ("White House", "Kremlin").
    let is_org = toks.iter().any(|t| lower_in(t.word(text), ORG_WORDS));
    let mut from = 0;
    if !is_org {
        if let Some(i) = toks.iter().rposition(|t| lower_in(t.word(text), TITLES)) {
            from = i + 1;
        }
    }
    while from < toks.len() {
        let w = toks[from].word(text);
        if lower_in(w, STARTERS) || is_connector(w) || w.is_empty() {
            from += 1;
        } else {
            break;
        }
    }
    let mut rest = &toks[from..];
    if rest.is_empty() {
        return None;
    }
    if !is_org && rest.len() > 3 {
        rest = &rest[rest.len() - 2..];
    }
    let first = rest[0].word(text);
    let start = rest[0].start
        + (rest[0].s(text).len()
            - rest[0]
                .s(text)
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len());
    let last = rest[rest.len() - 1];
    let last_s = last.s(text);
    let mut end = last.start
        + last_s
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .len();
    let tail = &text[start..end];
    if let Some(stripped) = tail.strip_suffix("'s").or_else(|| tail.strip_suffix("’s")) {
        end = start + stripped.len();
    }
    if end > last.start && text[..end].ends_with('.') && !is_abbrev(&text[last.start..end]) {
        end -= 1;
    }
    if end <= start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let place = lower_in(first, PLACE_STARTS);
    let all_caps = rest.iter().all(|t| {
        let w = t.word(text);
        w.len() > 1 && w.chars().all(|c| !c.is_lowercase())
    });
    Some((Span::new(start, end), !is_org && !place && !all_caps))
}

/// What a speaker noun phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NpKind {
    /// A capitalised name (person or organisation).
    Name {
        person: bool,
    },
    Anonymous,
    Group,
    /// he / she.
    Pronoun,
    /// they / we / I / it / you: a speaker we don't resolve.
    Unresolved,
}

#[derive(Debug, Clone, Copy)]
struct Np {
    span: Span,
    kind: NpKind,
}

impl<'a> Context<'a> {
    /// Prepares attribution for one article.
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        mentions: &'a [Mention],
        raws: &'a [RawQuote],
    ) -> Context<'a> {
        let mut ms: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span.slice(text).is_some())
            .collect();
        ms.sort_by_key(|m| (m.span.start, m.span.end));
        Context {
            text,
            sentences,
            mentions: ms,
            raws,
            names: once_cell::unsync::OnceCell::new(),
        }
    }

    fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::build(self.text))
    }

    /// Index of the sentence containing `pos` (or the last one before it).
    fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= pos);
        i.checked_sub(1)
    }

    fn paragraph_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0)
    }

    fn paragraph_end(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(self.text.len())
    }

    /// Bounds of the reporter's words before quote `qi`.
    fn left_bounds(&self, qi: usize) -> (usize, usize) {
        let raw = &self.raws[qi];
        let end = raw.open.start;
        let mut start = self.paragraph_start(end);
        if let Some(si) = self.sentence_at(end) {
            let s = self.sentences[si].span;
            if s.start <= end && s.start > start {
                start = s.start;
            }
        }
        if qi > 0 {
            let pe = self.raws[qi - 1].close_end();
            if pe <= end && pe > start {
                start = pe;
            }
        }
        let floor = end.saturating_sub(400);
        if start < floor {
            start = (floor..=end)
                .find(|&i| self.text.is_char_boundary(i))
                .unwrap_or(end);
        }
        (start, end)
    }

    /// The reporter's words before quote `qi` in its sentence.
    pub fn left_context(&self, qi: usize) -> &'a str {
        let (a, b) = self.left_bounds(qi);
        &self.text[a..b]
    }

    /// Bounds of the reporter's words after quote `qi` in its sentence.
    fn right_bounds(&self, qi: usize) -> (usize, usize) {
        let raw = &self.raws[qi];
        let Some(close) = raw.close else {
            return (raw.inner.end, raw.inner.end);
        };
        let start = close.end;
        // A quote ending in a full stop ends its sentence.
        if self.text[raw.inner.start..raw.inner.end].ends_with('.') {
            return (start, start);
        }
        let mut end = self.paragraph_end(start).min(start + 250);
        // The sentence the attribution lies in: the splitter may end a
        // sentence right after `?”` or `!"` even when "she asked" follows.
        if let Some(mut si) = self.sentence_at(close.start) {
            while self.sentences[si].span.end <= start + 1 && si + 1 < self.sentences.len() {
                si += 1;
            }
            let s = self.sentences[si].span;
            if s.end >= start && s.end < end {
                end = s.end;
            }
        }
        if let Some(next) = self.raws.get(qi + 1) {
            if next.open.start >= start && next.open.start < end {
                end = next.open.start;
            }
        }
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        (start, end.max(start))
    }

    fn in_quote(&self, pos: usize) -> bool {
        let i = self.raws.partition_point(|r| r.inner.start <= pos);
        i > 0 && self.raws[i - 1].inner.end > pos
    }
}

/// Attributes quote `qi`. `priors` are earlier attributed person speakers
/// (position, full name), most recent last. Returns `None` when no
/// reporting cue frames the quote.
pub(crate) fn attribute(
    ctx: &Context<'_>,
    qi: usize,
    priors: &[(usize, String)],
) -> Option<Attribution> {
    let text = ctx.text;
    let right = right_adjacent(ctx, qi);
    let left = || left_attribution(ctx, qi);
    let (np, cue, extent_end) = match right {
        Some(r) if !r.3 => (r.0, r.1, r.2),
        Some(r) => match left() {
            Some(l) => l,
            None => (r.0, r.1, r.2),
        },
        None => left()?,
    };
    let speaker = np.and_then(|np| to_speaker(ctx, np, priors));
    let person = match (np.map(|n| n.kind), &speaker) {
        (_, None) => false,
        (Some(NpKind::Pronoun), _) => true,
        (Some(NpKind::Name { person }), Some(sp)) => {
            match ctx.mentions.iter().find(|m| m.span == sp.span) {
                Some(m) => m.kind == EntityKind::Person,
                None => person,
            }
        }
        _ => false,
    };
    Some(Attribution {
        speaker,
        cue: cue_text(text, cue),
        extent_end,
        person,
    })
}

/// The cue text, extended by the recipient for "told".
fn cue_text(text: &str, cue: Span) -> String {
    let verb = &text[cue.start..cue.end];
    if verb == "told" || verb == "tells" {
        if let Some(c) = RECIPIENT.captures(&text[cue.end..]) {
            if let Some(g) = c.get(1) {
                let rec = g.as_str().trim_end_matches([',', ':', '.', ';']);
                return format!("{verb} {rec}");
            }
        }
    }
    verb.to_string()
}

/// `"…," X said` / `"…," said X` / `"…," according to X` right after the
/// closing mark. The flag is true when the speaker is a news outlet
/// relaying the words ("the Times reported").
fn right_adjacent(ctx: &Context<'_>, qi: usize) -> Option<(Option<Np>, Span, usize, bool)> {
    let text = ctx.text;
    let (a, b) = ctx.right_bounds(qi);
    if a >= b {
        return None;
    }
    let region = &text[a..b];
    let lead = region.len()
        - region
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-' | '\\')
            })
            .len();
    let rs = a + lead;
    let body = &text[rs..b];
    let vm = VERB.find(body)?;
    let vstart = rs + vm.start();
    let vend = rs + vm.end();
    let verb = vm.as_str();
    if vm.start() == 0 {
        // Inverted: `said X`, `according to X`.
        if !can_invert(verb) && verb != "according to" {
            return None;
        }
        let np = forward_np(ctx, vend, b)?;
        let outlet = is_outlet(text, np.span);
        return Some((
            Some(np),
            Span::new(vstart, vend),
            np.span.end.max(vend),
            outlet,
        ));
    }
    // `X said`: the subject must start the right context.
    if vm.start() > 150 || body[..vm.start()].contains(['!', '?', ';', '"', '“', '”']) {
        return None;
    }
    // A full stop before the verb ends the sentence, unless it belongs to
    // an abbreviation ("Mr.", "Rep.", "R-Pa.").
    let pre = tokens_in(text, rs, vstart);
    if pre.iter().any(|t| {
        let w = t.s(text).trim_end_matches([',', ')']);
        w.ends_with('.') && !is_abbrev(w) && !w.contains('-')
    }) {
        return None;
    }
    let sub = subject_before(ctx, rs, vstart);
    let np = match sub {
        Subject::Found(np) if np_starts_at(text, np.span.start, rs) => np,
        // `"…," Ana Ruiz, Mr. Ode's chief of staff, said`: the name is the
        // first comma-delimited stretch.
        _ => {
            let toks = tokens_in(text, rs, vstart);
            let k = toks.iter().position(|t| t.s(text).ends_with(','))?;
            let np = classify(ctx, &toks[..=k])?;
            if !np_starts_at(text, np.span.start, rs) || matches!(np.kind, NpKind::Unresolved) {
                return None;
            }
            np
        }
    };
    let outlet = verb.starts_with("report") || is_outlet(text, np.span);
    Some((Some(np), Span::new(vstart, vend), vend, outlet))
}

/// True when the noun phrase starting at `np_start` starts the region at
/// `rs` (allowing a determiner: "the Kremlin", "a diplomat").
fn np_starts_at(text: &str, np_start: usize, rs: usize) -> bool {
    if np_start <= rs {
        return true;
    }
    // Lower-case descriptors before a name: "former presidential candidate
    // Herman Cain said", "his friend Ana Ruiz told".
    let gap = &text[rs..np_start];
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= 6
        && !gap.contains([',', ';', ':', '(', ')'])
        && words.iter().all(|w| {
            !is_verb_word(w) && !CLAUSE_STOPS.contains(w) && (!w.ends_with('.') || is_abbrev(w))
        })
}

fn is_outlet(text: &str, span: Span) -> bool {
    text[span.start..span.end]
        .split_whitespace()
        .any(|w| lower_in(w.trim_matches(|c: char| !c.is_alphanumeric()), OUTLET_WORDS))
}

/// The nearest reporting verb before the quote in its sentence, with its
/// subject: `X said: "…"`, `X told Y "…"`, `X described it as "…"`.
fn left_attribution(ctx: &Context<'_>, qi: usize) -> Option<(Option<Np>, Span, usize)> {
    let text = ctx.text;
    let (a, b) = ctx.left_bounds(qi);
    let region = &text[a..b];
    let verbs: Vec<(usize, usize)> = VERB
        .find_iter(region)
        .map(|m| (a + m.start(), a + m.end()))
        .collect();
    let close_end = ctx.raws[qi].close_end();
    let mut first_cue: Option<Span> = None;
    for &(vs, ve) in verbs.iter().rev().take(3) {
        let verb = &text[vs..ve];
        let cue = Span::new(vs, ve);
        first_cue.get_or_insert(cue);
        if verb == "according to" {
            if let Some(np) = forward_np(ctx, ve, b) {
                return Some((Some(np), cue, close_end));
            }
            continue;
        }
        // "X went on the attack, saying …": a participle's subject is the
        // subject opening the clause, not the word before it (often the
        // main verb's object).
        let sub = if verb.ends_with("ing")
            && !verb.starts_with("according")
            && !verb.starts_with("issued")
        {
            subject_at_start(ctx, a, vs)
        } else {
            subject_before(ctx, a, vs)
        };
        match sub {
            Subject::Found(np) => return Some((Some(np), cue, close_end)),
            // `"…," said Ana Ruiz, "…"`: an inverted verb before this quote.
            Subject::Empty if can_invert(verb) => match forward_np(ctx, ve, b) {
                Some(np) => return Some((Some(np), cue, close_end)),
                None => continue,
            },
            Subject::Empty => continue,
            Subject::NotSpeaker if verb.ends_with("ing") => continue,
            Subject::NotSpeaker => return Some((None, cue, close_end)),
        }
    }
    first_cue.map(|c| (None, c, close_end))
}

enum Subject {
    Found(Np),
    /// Nothing before the verb in its clause.
    Empty,
    /// Words that are not a speaker ("the report said").
    NotSpeaker,
}

/// Parses the subject noun phrase ending just before the verb at `v`,
/// within `[cs, v)`. Handles appositives (`X, who …, said`).
fn subject_before(ctx: &Context<'_>, cs: usize, v: usize) -> Subject {
    let text = ctx.text;
    let toks = tokens_in(text, cs, v);
    if toks.is_empty() {
        return Subject::Empty;
    }
    let end = toks.len();
    let last = toks[end - 1].s(text);
    if last.ends_with(',') {
        // Appositive: `X, director of…, said`, `X, 62, said`, `X, during a
        // visit to Y, Z, said`: the subject ends at the first comma that
        // is followed by a lower-case word or a number.
        for k in 0..end - 1 {
            if !toks[k].s(text).ends_with(',') {
                continue;
            }
            let opens_lower = toks[k + 1]
                .s(text)
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_lowercase() || c.is_numeric());
            if !opens_lower {
                continue;
            }
            if let Some(np) = np_ending_at(ctx, &toks, k + 1) {
                if !matches!(np.kind, NpKind::Unresolved) {
                    return Subject::Found(np);
                }
            }
        }
    } else if toks[end - 1].ends_with_punct(text) {
        return Subject::Empty;
    }
    match np_ending_at(ctx, &toks, end) {
        Some(np) => Subject::Found(np),
        None => Subject::NotSpeaker,
    }
}

/// The noun phrase made of the tokens just before `toks[end]`, walking back
/// to punctuation, a clause word or a verb.
fn np_ending_at(ctx: &Context<'_>, toks: &[Tok], end: usize) -> Option<Np> {
    let text = ctx.text;
    if end == 0 {
        return None;
    }
    // Walk back over the noun phrase.
    let mut start = end - 1;
    while start > 0 {
        let t = toks[start - 1];
        let w = t.word(text);
        if t.ends_with_punct(text) && !is_coordination_comma(text, toks, start - 1) {
            break;
        }
        if CLAUSE_STOPS.contains(&w) && !(w == "and" && is_coordinated(text, toks, start - 1)) {
            break;
        }
        if w.chars().next().is_some_and(|c| c.is_lowercase()) && is_verb_word(w) {
            break;
        }
        if end - start >= 12 {
            break;
        }
        start -= 1;
    }
    classify(ctx, &toks[start..end])
}

/// The noun phrase opening the clause `[cs, v)` ("And then Trump went on
/// the attack, saying"), for participle cues. Only a name, pronoun or
/// anonymous phrase directly followed by a lower-case word (its verb).
fn subject_at_start(ctx: &Context<'_>, cs: usize, v: usize) -> Subject {
    let text = ctx.text;
    let toks = tokens_in(text, cs, v);
    let mut i = 0;
    // An introductory phrase ("At a rally in Ohio, …") ends at a comma.
    if toks
        .first()
        .is_some_and(|t| lower_in(t.word(text), PREPOSITIONS))
    {
        match toks.iter().take(10).position(|t| t.s(text).ends_with(',')) {
            Some(k) => i = k + 1,
            None => return Subject::NotSpeaker,
        }
    }
    while i < toks.len()
        && lower_in(toks[i].word(text), STARTERS)
        && !lower_in(
            toks[i].word(text),
            &["he", "she", "a", "an", "the", "his", "her", "their", "its"],
        )
    {
        i += 1;
    }
    // The phrase runs to the first lower-case word after it.
    let mut j = i;
    while j < toks.len() && j - i < 8 {
        let t = toks[j];
        let w = t.word(text);
        let lower_word = w.chars().next().is_some_and(|c| c.is_lowercase());
        let anon_part = ANON_ADJ.contains(&w)
            || DETERMINERS.contains(&w)
            || ANON_SINGULAR.contains(&w)
            || ANON_PLURAL.contains(&w);
        if j > i && lower_word && !anon_part && !is_connector(w) {
            break;
        }
        j += 1;
        if t.ends_with_punct(text) {
            return Subject::NotSpeaker;
        }
    }
    if j == i || j >= toks.len() {
        return Subject::NotSpeaker;
    }
    // "Smith's visit came …": the subject is the visit, not Smith.
    if toks[j - 1].s(text).ends_with("'s") || toks[j - 1].s(text).ends_with("’s") {
        return Subject::NotSpeaker;
    }
    match classify(ctx, &toks[i..j]) {
        Some(np) => Subject::Found(np),
        None => Subject::NotSpeaker,
    }
}

/// `Britain, France and Germany`: a comma after a capitalised word inside a
/// list of names that ends in "and <Name>".
fn is_coordination_comma(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    if !t.s(text).ends_with(',') || !t.is_cap(text) {
        return false;
    }
    // Following tokens up to the next "and" are capitalised names.
    let mut j = i + 1;
    while j < toks.len() {
        let w = toks[j].word(text);
        if w == "and" {
            return j + 1 < toks.len() && toks[j + 1].is_cap(text);
        }
        if !toks[j].is_cap(text) {
            return false;
        }
        j += 1;
    }
    false
}

/// An "and" between two capitalised names.
fn is_coordinated(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && i + 1 < toks.len()
        && toks[i - 1].is_cap(text)
        && toks[i + 1].is_cap(text)
        && !lower_in(toks[i - 1].word(text), STARTERS)
}

/// The noun phrase after an inverted verb or "according to".
fn forward_np(ctx: &Context<'_>, from: usize, limit: usize) -> Option<Np> {
    let text = ctx.text;
    let toks = tokens_in(text, from, limit);
    let mut n = 0;
    while n < toks.len() && n < 10 {
        let w = toks[n].word(text);
        if n > 0 && FORWARD_STOPS.contains(&w) {
            break;
        }
        if toks[n].s(text).starts_with(['"', '“', '«', '(']) {
            break;
        }
        n += 1;
        if toks[n - 1].ends_with_punct(text) {
            break;
        }
    }
    classify(ctx, &toks[..n])
}

/// Classifies a candidate noun phrase (tokens, the last adjacent to the
/// verb for subjects).
fn classify(ctx: &Context<'_>, toks: &[Tok]) -> Option<Np> {
    let text = ctx.text;
    // Trailing adverbs between subject and verb: "he rarely asks",
    // "Smith later said".
    let mut toks = toks;
    while toks.len() > 1 {
        let w = toks[toks.len() - 1].word(text);
        let adverb = (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase()))
            || matches!(
                w,
                "also"
                    | "later"
                    | "then"
                    | "once"
                    | "again"
                    | "still"
                    | "further"
                    | "previously"
                    | "has"
                    | "had"
                    | "have"
                    | "would"
                    | "will"
                    | "never"
                    | "often"
                    | "first"
                    | "last"
                    | "recently"
                    | "earlier"
                    | "just"
                    | "now"
                    | "repeatedly"
                    | "reportedly"
                    | "is"
                    | "was"
                    | "were"
            );
        if !adverb {
            break;
        }
        toks = &toks[..toks.len() - 1];
    }
    if toks.is_empty() {
        return None;
    }
    let last = toks[toks.len() - 1];
    let lw = last.word(text);
    // A subject pronoun is the whole noun phrase ("… what he labeled").
    let lower = lw.to_lowercase();
    if matches!(lower.as_str(), "he" | "she") {
        return Some(Np {
            span: span_of_word(text, last),
            kind: NpKind::Pronoun,
        });
    }
    if matches!(lower.as_str(), "they" | "we" | "i" | "it" | "you") {
        return Some(Np {
            span: span_of_word(text, last),
            kind: NpKind::Unresolved,
        });
    }
    // Anonymous / group head noun, rightmost first.
    for (hi, h) in toks.iter().enumerate().rev() {
        let w = h.word(text);
        if !w.chars().next().is_some_and(|c| c.is_lowercase()) {
            continue;
        }
        let singular = ANON_SINGULAR.contains(&w);
        let plural = ANON_PLURAL.contains(&w);
        if !singular && !plural {
            continue;
        }
        // What follows the head must be a post-modifier, not a name in
        // apposition ("spokesman Dmitry Peskov") or another noun.
        if let Some(next) = toks.get(hi + 1) {
            let nw = next.word(text);
            if !ANON_POST.contains(&nw) {
                break;
            }
        }
        // Walk back over modifiers to a determiner.
        let mut s = hi;
        let mut det = false;
        while s > 0 && hi - s < 4 {
            let t = toks[s - 1];
            if t.ends_with_punct(text) {
                break;
            }
            let pw = t.word(text);
            let lower = pw.to_lowercase();
            if DETERMINERS.contains(&lower.as_str()) {
                s -= 1;
                det = true;
                break;
            }
            if t.is_cap(text) && !lower_in(pw, STARTERS)
                || ANON_ADJ.contains(&lower.as_str())
                || pw.ends_with("'s")
                || pw.ends_with("’s")
            {
                s -= 1;
                continue;
            }
            break;
        }
        let _ = det;
        let start = toks[s].start + leading_punct(toks[s].s(text));
        let end_tok = toks[toks.len() - 1];
        let end = end_tok.start
            + end_tok
                .s(text)
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
        if end <= start {
            return None;
        }
        let kind = if singular
            || w == "sources"
            || (w == "people" && toks.get(hi + 1).is_some_and(|t| t.word(text) == "familiar"))
        {
            NpKind::Anonymous
        } else {
            NpKind::Group
        };
        return Some(Np {
            span: Span::new(start, end),
            kind,
        });
    }
    // Capitalised run ending at the last token.
    if !last.is_cap(text) {
        return None;
    }
    let mut s = toks.len() - 1;
    while s > 0 {
        let t = toks[s - 1];
        if t.ends_with_punct(text) {
            break;
        }
        let w = t.word(text);
        if t.is_cap(text) || (is_connector(w) && s >= 2 && toks[s - 2].is_cap(text)) {
            s -= 1;
        } else {
            break;
        }
    }
    // A list of names: "Britain, France and Germany".
    if s >= 2 && toks[s - 1].word(text) == "and" && toks[s - 2].is_cap(text) {
        let mut g = s - 2;
        while g > 0 {
            let t = toks[g - 1];
            if t.is_cap(text)
                && (t.s(text).ends_with(',') || !t.ends_with_punct(text))
                && !lower_in(t.word(text), STARTERS)
            {
                g -= 1;
            } else {
                break;
            }
        }
        let start = toks[g].start + leading_punct(toks[g].s(text));
        let end = last.start
            + last
                .s(text)
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
        if end > start {
            return Some(Np {
                span: Span::new(start, end),
                kind: NpKind::Group,
            });
        }
    }
    let run = &toks[s..];
    let (span, person) = name_part(text, run)?;
    Some(Np {
        span,
        kind: NpKind::Name { person },
    })
}

fn leading_punct(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| !c.is_alphanumeric()).len()
}

fn span_of_word(text: &str, t: Tok) -> Span {
    let s = t.s(text);
    let a = t.start + leading_punct(s);
    let b = t.start + s.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    if b > a {
        Span::new(a, b)
    } else {
        Span::new(t.start, t.end)
    }
}

/// Turns a parsed noun phrase into a [`Speaker`], naming it from the
/// mentions (or the fallback name index) and resolving pronouns.
fn to_speaker(ctx: &Context<'_>, np: Np, priors: &[(usize, String)]) -> Option<Speaker> {
    let text = ctx.text;
    let mk = |span: Span, kind: SpeakerKind, name: Option<String>| {
        span.slice(text).map(|t| Speaker {
            text: t.to_string(),
            span,
            kind,
            name,
        })
    };
    match np.kind {
        NpKind::Anonymous => mk(np.span, SpeakerKind::Anonymous, None),
        NpKind::Group => mk(np.span, SpeakerKind::Group, None),
        NpKind::Unresolved => None,
        NpKind::Pronoun => {
            let name = resolve_pronoun(ctx, np.span.start, priors)?;
            mk(np.span, SpeakerKind::Pronoun, Some(name))
        }
        NpKind::Name { person } => {
            // Prefer the recogniser's mention: its span and full name.
            let best = ctx
                .mentions
                .iter()
                .filter(|m| m.span.overlaps(&np.span) && m.kind != EntityKind::Place)
                .max_by_key(|m| (m.kind == EntityKind::Person, m.span.end));
            if let Some(m) = best {
                return mk(m.span, SpeakerKind::Named, Some(m.name.clone()));
            }
            let surface = clean_name(&text[np.span.start..np.span.end]);
            let name = if person {
                ctx.names().full(&surface)
            } else {
                surface.trim_start_matches("the ").to_string()
            };
            mk(np.span, SpeakerKind::Named, Some(name))
        }
    }
}

/// Resolves "he"/"she" at `pos`: the single person named earlier in the
/// sentence, else the single person of the previous sentence, else the
/// single person of the three sentences before, else the most recent
/// attributed speaker when they are also the last person named. Two
/// candidates at a deciding level make it ambiguous (`None`).
fn resolve_pronoun(ctx: &Context<'_>, pos: usize, priors: &[(usize, String)]) -> Option<String> {
    let si = ctx.sentence_at(pos)?;
    let skip = |p: usize| ctx.in_quote(p);
    let cur = ctx.sentences[si].span;
    let levels: [(usize, usize); 2] = [
        (cur.start, pos),
        match si.checked_sub(1) {
            Some(p) => (ctx.sentences[p].span.start, ctx.sentences[p].span.end),
            None => (0, 0),
        },
    ];
    for (a, b) in levels {
        if a >= b {
            continue;
        }
        let occ = persons_in(ctx, a, b, &skip, priors);
        let found = distinct(&occ);
        match found.len() {
            0 => continue,
            1 => return found.into_iter().next(),
            _ => {
                // Several people, but the sentence's subject (first person
                // named) is the speaker of the previous attribution: "X
                // announced he had a "…" call with Y. He said …".
                let first = &occ[0].1;
                let subject_spoke = priors
                    .iter()
                    .any(|(p, n)| *p >= a && *p < b && (n == first || first.ends_with(n.as_str())));
                if subject_spoke
                    && occ[0].0
                        <= priors
                            .iter()
                            .filter(|(p, _)| *p >= a && *p < b)
                            .map(|(p, _)| *p)
                            .min()
                            .unwrap_or(usize::MAX)
                {
                    return Some(first.clone());
                }
                return None;
            }
        }
    }
    let window = ctx.sentences[si.saturating_sub(4)].span.start;
    let occ = persons_in(ctx, window, pos, &skip, priors);
    let found = distinct(&occ);
    if found.len() == 1 {
        return found.into_iter().next();
    }
    let last_named = occ.iter().max_by_key(|o| o.0).map(|o| &o.1);
    let last_prior = priors
        .iter()
        .rev()
        .find(|(p, _)| *p >= window && *p < pos)
        .map(|(_, n)| n);
    match (last_prior, last_named) {
        (Some(p), Some(l)) if p == l => Some(p.clone()),
        (Some(p), None) => Some(p.clone()),
        _ => None,
    }
}

fn distinct(occ: &[(usize, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, n) in occ {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// Person name occurrences `(position, full name)` in `[a, b)` outside
/// quotes: from the mentions when the recogniser ran, else from the
/// fallback index plus earlier attributed speakers.
fn persons_in(
    ctx: &Context<'_>,
    a: usize,
    b: usize,
    skip: &dyn Fn(usize) -> bool,
    priors: &[(usize, String)],
) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    if !ctx.mentions.is_empty() {
        for m in &ctx.mentions {
            if m.span.start >= a
                && m.span.start < b
                && m.kind == EntityKind::Person
                && !skip(m.span.start)
            {
                out.push((m.span.start, m.name.clone()));
            }
        }
        return out;
    }
    out = ctx.names().persons_in(a, b, skip);
    for (p, n) in priors {
        if *p >= a && *p < b && !out.iter().any(|(q, _)| q == p) {
            // Map a surname-only speaker onto a full name already seen.
            let full = out
                .iter()
                .map(|(_, o)| o)
                .find(|o| o.ends_with(n.as_str()) || n.ends_with(o.as_str()))
                .cloned()
                .unwrap_or_else(|| n.clone());
            out.push((*p, full));
        }
    }
    out.sort();
    out
}
