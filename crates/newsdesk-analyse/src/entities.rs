//! Named-entity mentions (people, organisations, places) with roles.
//!
//! A rule-and-lexicon recogniser for news English, in passes over a token
//! list built once per article:
//!
//! 1. **Tokens** with byte offsets, possessive flags ("Putin's" → `Putin`
//!    + possessive) and abbreviations/initials kept whole ("U.S.", "J.").
//! 2. **Certainty of capitals**: the first word of a sentence, words in
//!    Title Case headings and ALL-CAPS lines are capitalised for layout
//!    reasons, so they only count when the word is in a lexicon or appears
//!    capitalised mid-sentence elsewhere in the article (document evidence).
//! 3. **Titles** ("U.S. Secretary of State", "Kremlin spokesman", "his
//!    son-in-law") are found before names and kept out of them.
//! 4. **Candidate names**: runs of capitalised tokens with connectors
//!    ("de", "van", "bin", "of"/"for"/"on"/"and" inside organisation names,
//!    "&"), nicknames in quotes.
//! 5. **Typing** from lexicons, cue words and context, then made consistent
//!    across the article (a later "Putin" is the earlier "Vladimir Putin").
//! 6. **Roles** from the title before a name or an apposition after it.

mod lexicon;

use lexicon::{flag, FastMap as HashMap, FastSet as HashSet, LEX, TITLE_PREFIXES};
use newsdesk_core::{EntityKind, Mention, RoleMention, Sentence, Span};
use std::borrow::Cow;

/// Finds named-entity mentions in `text`, in text order. Every mention's
/// `span` covers exactly its `text`; roles never overlap the name.
pub fn find_mentions(text: &str, sentences: &[Sentence]) -> Vec<Mention> {
    let toks = tokenize(text, sentences);
    if toks.is_empty() {
        return Vec::new();
    }
    Doc::new(text, toks).run()
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    s: &'a str,
    /// Lower-case form (borrowed when already lower case).
    key: Cow<'a, str>,
    /// Starts with a capital (or is an "al-Assad" style particle name).
    cap: bool,
    /// All letters upper case, at least two letters.
    upper: bool,
    /// Followed by a possessive "'s" / "’s" / "s'".
    poss: bool,
    /// Lexicon flags of the lower-case word (see `lexicon::flag`).
    f: u32,
    /// Sentence index.
    sent: usize,
    /// Capitalisation may be due to layout (sentence start, heading).
    uncertain: bool,
}

/// Abbreviations whose final period belongs to the token.
const ABBREV: &[&str] = &[
    "jr", "sr", "st", "inc", "corp", "co", "ltd", "mr", "mrs", "ms", "dr", "gen", "sen", "gov",
    "rep", "lt", "col", "maj", "capt", "prof", "adm", "sgt", "rev", "bros", "mt", "ft", "cmdr",
    "brig", "messrs", "mme", "hon", "amb",
];

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

fn tokenize<'a>(text: &'a str, sentences: &[Sentence]) -> Vec<Tok<'a>> {
    // Byte positions throughout (no per-char buffer: long texts would
    // allocate and fault in a large array per call).
    let at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
    let after = |i: usize| at(i).map_or(text.len(), |c| i + c.len_utf8());
    let n = text.len();
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < n {
        let Some(c) = at(i) else { break };
        if c == '&' {
            out.push(raw_tok(text, i, i + 1, false));
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let st = i;
        let mut poss = false;
        let mut j = i + c.len_utf8();
        while let Some(c) = at(j) {
            if c.is_alphanumeric() {
                j += c.len_utf8();
                continue;
            }
            let nj = j + c.len_utf8();
            let next = at(nj);
            let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
            let cur = &text[st..j];
            if c == '-' && next_alnum && !cur.contains('.') {
                j = after(nj);
                continue;
            }
            if is_apos(c) {
                if matches!(next, Some('s') | Some('S'))
                    && !at(nj + 1).is_some_and(|n| n.is_alphanumeric())
                {
                    poss = true;
                    break;
                }
                if next_alnum {
                    j = after(nj);
                    continue;
                }
                // "Smiths'" plural possessive.
                if cur.ends_with('s') {
                    poss = true;
                }
                break;
            }
            // "U.S", "J.R": single letters separated by periods.
            if c == '.' && next.is_some_and(|n| n.is_alphabetic()) && letter_dots(cur) {
                j = after(nj);
                continue;
            }
            if c == '&'
                && next.is_some_and(|n| n.is_uppercase())
                && cur.chars().all(|c| c.is_uppercase())
                && cur.chars().count() <= 3
            {
                j = after(nj);
                continue;
            }
            break;
        }
        let mut end = j;
        let cur = &text[st..j];
        if at(j) == Some('.') && cur.len() <= 8 {
            let initial = letter_dots(cur) && cur.chars().next().is_some_and(|c| c.is_uppercase());
            if initial || ABBREV.iter().any(|a| a.eq_ignore_ascii_case(cur)) {
                end = j + 1;
            }
        }
        out.push(raw_tok(text, st, end, poss));
        // Skip the possessive apostrophe and "s".
        i = if poss { after(after(end)) } else { end };
    }
    for t in out.iter_mut() {
        t.f = LEX.flags.get(t.key.as_ref()).copied().unwrap_or(0);
    }
    // Sentence indices: sentences are sorted and disjoint.
    let mut si = 0;
    for t in out.iter_mut() {
        while si < sentences.len() && sentences[si].span.end <= t.start {
            si += 1;
        }
        t.sent = si;
    }
    out
}

/// FNV-1a hash of a word (document evidence sets store hashes, not
/// strings, to avoid an allocation per capitalised word).
fn fnv(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = lexicon::Fnv::default();
    h.write(s.as_bytes());
    h.finish()
}

/// True for "U", "U.S", "J" — single letters separated by periods.
fn letter_dots(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|seg| seg.chars().count() == 1 && seg.chars().all(char::is_alphabetic))
}

fn raw_tok(text: &str, start: usize, end: usize, poss: bool) -> Tok<'_> {
    let s = &text[start..end];
    let key = if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    };
    let first = s.chars().next().unwrap_or(' ');
    let particle_name = [
        "al-", "el-", "ad-", "as-", "ash-", "at-", "bin-", "abu-", "ibn-",
    ]
    .iter()
    .any(|p| s.len() > p.len() && s.starts_with(p) && s[p.len()..].starts_with(char::is_uppercase));
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    Tok {
        start,
        end,
        s,
        key,
        cap: first.is_uppercase() || particle_name,
        upper: letters >= 2
            && s.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase),
        poss,
        f: 0,
        sent: 0,
        uncertain: false,
    }
}

// ---------------------------------------------------------------------------
// Document analysis

/// Words allowed inside organisation names when the name already has an
/// organisation head ("Institute for the Study of War").
const ORG_CONNECTORS: &[&str] = &["of", "for", "on", "and", "the"];

/// Words that, first in a name with "of", make it a place ("Republic of …").
const PLACE_HEADS: &[&str] = &[
    "republic",
    "kingdom",
    "gulf",
    "bay",
    "sea",
    "isle",
    "island",
    "islands",
    "lake",
    "mount",
    "cape",
    "city",
    "province",
    "region",
    "state",
    "strait",
    "straits",
    "state of",
    "sultanate",
    "emirate",
    "principality",
    "duchy",
    "county",
    "district",
    "port",
];

/// Last words that make a name a place ("Red Square", "Kherson Oblast").
const PLACE_TAILS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "square",
    "river",
    "mountains",
    "mountain",
    "island",
    "islands",
    "province",
    "region",
    "oblast",
    "krai",
    "valley",
    "airport",
    "bridge",
    "lake",
    "sea",
    "ocean",
    "strait",
    "desert",
    "peninsula",
    "coast",
    "heights",
    "hills",
    "beach",
    "bay",
    "gulf",
    "canal",
    "plain",
    "plateau",
    "forest",
    "park",
    "harbor",
    "harbour",
    "port",
    "city",
    "town",
    "village",
    "district",
    "prefecture",
    "county",
    "state",
    "territory",
    "territories",
    "base",
    "station",
    "falls",
    "rapids",
    "delta",
    "basin",
    "peak",
    "range",
    "palace",
    "cathedral",
    "stadium",
    "arena",
    "hall",
    "tower",
    "castle",
    "abbey",
    "temple",
    "cemetery",
    "prison",
    "camp",
    "field",
    "fields",
    "ground",
    "circuit",
    "course",
    "center",
    "centre",
    "mosque",
    "monastery",
];

/// Words before a name that suggest a place.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "to",
    "across",
    "outside",
    "toward",
    "towards",
    "into",
    "throughout",
    "around",
    "via",
    "visit",
    "visited",
    "visiting",
    "reached",
    "entered",
    "leave",
    "left",
    "arrived",
    "capital",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
];

/// Words after a name that suggest a speaker (person or organisation).
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "explained",
    "wrote",
    "argued",
    "noted",
    "warned",
    "insisted",
    "claimed",
    "believes",
    "thinks",
    "replied",
    "responded",
    "recalled",
    "acknowledged",
    "admitted",
    "announced",
    "tweeted",
    "posted",
    "urged",
    "called",
    "met",
    "visited",
    "spoke",
    "speaking",
    "has",
    "had",
    "was",
    "is",
    "will",
    "would",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Default = 1,
    Context = 2,
    Strong = 3,
}

/// A candidate name: token range `[a, b]` (inclusive) and what we know.
#[derive(Debug, Clone)]
struct Cand {
    a: usize,
    b: usize,
    /// Token index of a quoted nickname inside the run.
    nick: Option<usize>,
    /// Token indices of the nickname quotes' neighbours are in the run; the
    /// name skips the nickname token.
    kind: Option<(EntityKind, Strength)>,
    /// Not an entity itself (demonyms, directions), but usable as a role
    /// qualifier.
    qualifier_only: bool,
    role: Option<RoleMention>,
    /// Title tokens before the name `[start, end)`.
    title_before: Option<(usize, usize)>,
}

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    /// Lower-case keys of words seen capitalised mid-sentence.
    evidence: HashSet<u64>,
    /// Words seen in lower case somewhere in the text (common words).
    lower_seen: HashSet<&'a str>,
    /// Tokens inside a multi-word lexicon match (their capitals are known).
    lex_cover: Vec<bool>,
    /// Cached [`Doc::compute_base_nameish`] per token.
    base: Vec<bool>,
    /// Tokens that are part of a title before a name.
    title_tok: Vec<bool>,
    /// Title spans by the token index right after them.
    title_end_at: HashMap<usize, (usize, usize)>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, toks: Vec<Tok<'a>>) -> Self {
        let n = toks.len();
        Doc {
            text,
            toks,
            evidence: HashSet::default(),
            lower_seen: HashSet::default(),
            lex_cover: vec![false; n],
            title_tok: vec![false; n],
            base: Vec::new(),
            title_end_at: HashMap::default(),
        }
    }

    /// Token `k` has lexicon flag `f`.
    fn has(&self, k: usize, f: u32) -> bool {
        self.toks[k].f & f != 0
    }

    /// The text between tokens `i` and `i + 1`.
    fn gap(&self, i: usize) -> &'a str {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    /// Tokens `i` and `i + 1` are adjacent words of one sentence and line.
    fn joined(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => {
                a.sent == b.sent
                    && !a.poss
                    && self
                        .gap(i)
                        .chars()
                        .all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
            }
            _ => false,
        }
    }

    fn run(mut self) -> Vec<Mention> {
        self.mark_certainty();
        self.mark_lexicon_cover();
        self.base = (0..self.toks.len())
            .map(|i| self.compute_base_nameish(i))
            .collect();
        self.mark_titles();
        let mut cands = self.candidates();
        self.type_candidates(&mut cands);
        self.appositions(&mut cands);
        let names = self.resolve(&mut cands);
        self.title_roles(&mut cands, &names);
        self.emit(cands, names)
    }

    // -- pass 2: which capitals are reliable -------------------------------

    fn mark_certainty(&mut self) {
        let n = self.toks.len();
        self.lower_seen.reserve(n);
        self.evidence.reserve(n / 4);
        let mut i = 0;
        while i < n {
            let s = self.toks[i].sent;
            let mut j = i;
            while j < n && self.toks[j].sent == s {
                j += 1;
            }
            let (heading, caps) = self.layout_kind(i, j);
            for k in i..j {
                let gap_before = if k > i { self.gap(k - 1) } else { "" };
                // An opening quote or a colon right before: quoted speech
                // starts with a capital for layout reasons.
                let after_quote = k > i
                    && (gap_before.ends_with(['"', '“', '‘', '\n'])
                        || gap_before.trim_end().ends_with(':'));
                self.toks[k].uncertain = heading || caps || k == i || after_quote;
            }
            // A capitalised label before a colon ("- Strategic Messaging: …")
            // is layout.
            let mut k = i;
            while k < j && k < i + 6 && self.toks[k].cap && !self.gap(k).contains(':') {
                k += 1;
            }
            if k < j && k > i && self.toks[k].cap && self.gap(k).trim_start().starts_with(':') {
                for m in i..=k {
                    self.toks[m].uncertain = true;
                }
            }
            if caps {
                // Every word of an ALL-CAPS line is uncertain, even "NATO".
                for k in i..j {
                    self.toks[k].uncertain = true;
                }
            }
            i = j;
        }
        // Title Case headings glued into a paragraph ("… he said. Where
        // Things Stand Now Foreign Minister …"): a long run of capitalised
        // words containing capitalised function words is layout, not names.
        let mut i = 0;
        while i < n {
            if !self.toks[i].cap {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && self.joined(j) && self.toks[j + 1].cap {
                j += 1;
            }
            let last_func = (i..=j)
                .rev()
                .find(|&k| HEADING_FUNCTION_WORDS.contains(&self.toks[k].key.as_ref()));
            if let (true, Some(lf)) = (j >= i + 2, last_func) {
                // The heading ends where a title starts ("… Are Saying
                // Foreign Minister Ilse Marten said").
                let cut = (lf + 1..=j)
                    .find(|&k| self.has(k, flag::TITLE_FIRST) && self.title_len(k).is_some())
                    .unwrap_or(j + 1);
                for k in i..cut {
                    self.toks[k].uncertain = true;
                }
            }
            i = j + 1;
        }
        for t in &self.toks {
            if !t.cap && t.s.chars().next().is_some_and(char::is_alphabetic) {
                self.lower_seen.insert(t.s);
            }
            if t.cap && !t.uncertain && !(t.upper && t.s.chars().count() > 5) {
                self.evidence.insert(fnv(&t.key));
            }
        }
    }

    /// (is a Title Case heading, is an ALL-CAPS line) for tokens `[i, j)`.
    fn layout_kind(&self, i: usize, j: usize) -> (bool, bool) {
        let toks = &self.toks[i..j];
        // One pass of counters (this runs for every sentence).
        let (mut alpha, mut upper, mut lowerish, mut content, mut capped, mut numbers) =
            (0, 0, 0, 0, 0, 0);
        for t in toks {
            if t.s
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            {
                numbers += 1;
            }
            if !t.s.chars().any(char::is_alphabetic) {
                continue;
            }
            alpha += 1;
            upper += t.upper as usize;
            lowerish += t.s.chars().any(char::is_lowercase) as usize;
            if t.f & flag::STOP == 0 || t.cap {
                content += 1;
                capped += t.cap as usize;
            }
        }
        if alpha == 0 {
            return (false, false);
        }
        let caps = upper * 10 >= alpha * 6 && upper > lowerish;
        let last_end = toks.last().map(|t| t.end).unwrap_or(0);
        let tail = self.text.get(last_end..).unwrap_or("");
        let tail = tail.split('\n').next().unwrap_or("").trim();
        let punct_end = tail.starts_with(['.', '!', '?', '"', '”', '’', ':', ';', ')', '…']);
        // Rows of tables and results ("Wasim Akram b Mullally 24 3 1") are
        // not headings even without final punctuation.
        let ends_in_number = toks
            .last()
            .is_some_and(|t| t.s.bytes().all(|b| b.is_ascii_digit()));
        let heading = !punct_end
            && content >= 2
            && capped * 10 >= content * 7
            && numbers <= 1
            && !ends_in_number;
        (heading, caps)
    }

    fn mark_lexicon_cover(&mut self) {
        let n = self.toks.len();
        let mut buf = String::new();
        let mut i = 0;
        while i < n {
            let mut best = 0;
            if self.toks[i].cap && self.has(i, flag::MULTI_FIRST) {
                buf.clear();
                buf.push_str(&self.toks[i].key);
                for k in 1..5 {
                    if i + k >= n || !self.joined(i + k - 1) {
                        break;
                    }
                    buf.push(' ');
                    buf.push_str(&self.toks[i + k].key);
                    let last = &self.toks[i + k];
                    if last.cap
                        && (LEX.places.contains(buf.as_str())
                            || LEX.org_names.contains(buf.as_str()))
                    {
                        best = k + 1;
                    }
                }
            }
            if best >= 2 {
                for k in i..i + best {
                    self.lex_cover[k] = true;
                }
                i += best;
            } else {
                i += 1;
            }
        }
    }

    /// Capitalised, not a stop word, and its capital is reliable.
    fn base_nameish(&self, i: usize) -> bool {
        self.base[i]
    }

    fn compute_base_nameish(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if self.lex_cover[i] {
            return true;
        }
        if !t.cap || !t.s.chars().next().is_some_and(|c| c.is_alphabetic()) {
            return false;
        }
        let key = t.key.as_ref();
        if t.f & (flag::STOP | flag::HONORIFIC) != 0 {
            return false;
        }
        const KNOWN: u32 =
            flag::PLACE | flag::ORG_NAME | flag::FIRST_NAME | flag::DEMONYM | flag::ORG_CUE;
        if !t.uncertain || t.f & KNOWN != 0 || self.evidence.contains(&fnv(key)) {
            return true;
        }
        // A surname after a known given name, even in a heading or list
        // ("Paul Lawrie, Ian Pyman").
        if i > 0
            && !t.upper
            && self.joined(i - 1)
            && self.toks[i - 1].cap
            && self.has(i - 1, flag::FIRST_NAME)
            && !self.lower_seen.contains(key)
            && !self.has(i, flag::FIRST_NAME)
        {
            return true;
        }
        // A sentence-initial word right before a reliable capitalised word
        // ("Mushtaq Ahmed took …") is part of the name, unless the article
        // also uses it as a common word in lower case.
        let initial = t.s.ends_with('.') && letter_dots(t.s.trim_end_matches('.'));
        // "Teenager Anna Kowal": a word before a complete given-name +
        // surname pair is a descriptor.
        let before_full_name = i + 2 < self.toks.len()
            && self.has(i + 1, flag::FIRST_NAME)
            && self.joined(i + 1)
            && self.toks[i + 2].cap;
        let compound =
            t.s.split('-')
                .skip(1)
                .any(|p| p.starts_with(char::is_lowercase));
        i + 1 < self.toks.len()
            && (!t.upper || initial)
            && !before_full_name
            && !compound
            && self.joined(i)
            && !self.toks[i + 1].uncertain
            && self.toks[i + 1].cap
            && !self.has(i + 1, flag::STOP)
            && !self.lower_seen.contains(key)
            && !COMMON_OPENERS.contains(&key)
    }

    // -- pass 3: titles -----------------------------------------------------

    /// Longest title (or relation) starting at token `i`: its token count.
    fn title_len(&self, i: usize) -> Option<(usize, bool)> {
        let n = self.toks.len();
        if !self.has(i, flag::TITLE_FIRST) {
            return None;
        }
        let mut buf = String::new();
        let mut best = None;
        for k in 0..LEX.title_max_tokens {
            if i + k >= n || (k > 0 && !self.joined(i + k - 1)) {
                break;
            }
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(&self.toks[i + k].key);
            if LEX.titles.contains(buf.as_str()) {
                best = Some((k + 1, false));
            } else if LEX.relations.contains(buf.as_str()) && !self.toks[i].cap {
                best = Some((k + 1, true));
            }
            if k == 0 && best.is_none() && !TITLE_FIRST.contains(buf.as_str()) {
                break;
            }
        }
        best
    }

    fn mark_titles(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.lex_cover[i] {
                i += 1;
                continue;
            }
            let Some((len, _)) = self.title_len(i) else {
                i += 1;
                continue;
            };
            let next = i + len;
            // Chained titles ("Lt. Gen."): take the last one before the name.
            if next < n
                && self.joined(next - 1)
                && self.title_len(next).is_some()
                && !self.base_nameish(next)
            {
                i += 1;
                continue;
            }
            if next < n && self.joined(next - 1) && self.base_nameish(next) && !self.title_tok[i] {
                // Not a title when the following name is an organisation or
                // place ("Justice Department", "host Germany").
                let (a, b) = self.extent(next);
                if !self.is_org_or_place(a, b) {
                    for k in i..next {
                        self.title_tok[k] = true;
                    }
                    self.title_end_at.insert(next, (i, next));
                    i = next;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Quick run extent from `i` (simple capitalised run) used by titles.
    fn extent(&self, i: usize) -> (usize, usize) {
        let mut b = i;
        while b + 1 < self.toks.len() && self.joined(b) && self.base_nameish(b + 1) {
            b += 1;
        }
        (i, b)
    }

    /// Lower-case key of tokens `a..=b` (borrowed for a single token).
    fn key_of(&self, a: usize, b: usize) -> Cow<'_, str> {
        if a == b {
            return Cow::Borrowed(self.toks[a].key.as_ref());
        }
        let mut s = String::with_capacity(self.toks[b].end - self.toks[a].start);
        for k in a..=b {
            if k > a {
                s.push(' ');
            }
            s.push_str(&self.toks[k].key);
        }
        Cow::Owned(s)
    }

    fn is_org_or_place(&self, a: usize, b: usize) -> bool {
        let key = self.key_of(a, b);
        let key = key.as_ref();
        let last = self.toks[b].key.as_ref();
        (LEX.org_names.contains(key) && !LEX.first_names.contains(key))
            || (LEX.places.contains(key) && !LEX.place_ambiguous.contains(key))
            || (b > a && LEX.org_cues.contains(last))
            || (b == a && LEX.org_cues.contains(last) && !LEX.first_names.contains(last))
    }

    // -- pass 4: candidate runs -------------------------------------------

    fn nameish(&self, i: usize) -> bool {
        !self.title_tok[i] && self.base_nameish(i)
    }

    fn candidates(&self) -> Vec<Cand> {
        let n = self.toks.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.nameish(i) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i;
            let mut nick = None;
            let mut org_head =
                self.has(a, flag::ORG_HEAD) || PLACE_HEADS.contains(&self.toks[a].key.as_ref());
            let mut has_connector = false;
            loop {
                org_head |= self.has(b, flag::ORG_CUE);
                if self.toks[b].poss || b + 1 >= n {
                    break;
                }
                if self.joined(b) && self.nameish(b + 1) {
                    // "… Europe Peter Rutland": a place or organisation
                    // word does not run on into a given name.
                    let glued = !self.lex_cover[b]
                        && self.has(b, flag::PLACE | flag::ORG_NAME)
                        && self.has(b + 1, flag::FIRST_NAME)
                        && !self.has(b, flag::FIRST_NAME);
                    if glued {
                        break;
                    }
                    b += 1;
                    continue;
                }
                // Connectors: name particles, org-name words, "&".
                if self.joined(b) && b + 2 < n && self.joined(b + 1) {
                    let c = &self.toks[b + 1];
                    let ck = c.key.as_ref();
                    let particle = !c.cap && LEX.particles.contains(ck);
                    let org_conn = !c.cap
                        && org_head
                        && ORG_CONNECTORS.contains(&ck)
                        && (ck != "and" || has_connector)
                        && ck != "the";
                    if (particle || org_conn || ck == "&") && self.nameish(b + 2) {
                        has_connector |= org_conn;
                        b += 2;
                        continue;
                    }
                    // Two particles: "de la Vega", "van der Berg".
                    if particle && b + 3 < n && self.joined(b + 2) {
                        let c2 = &self.toks[b + 2];
                        if !c2.cap && LEX.particles.contains(c2.key.as_ref()) && self.nameish(b + 3)
                        {
                            b += 3;
                            continue;
                        }
                    }
                    // "of the X".
                    if org_conn
                        && ck != "and"
                        && self.toks[b + 2].key == "the"
                        && b + 3 < n
                        && self.joined(b + 2)
                        && self.nameish(b + 3)
                    {
                        has_connector = true;
                        b += 3;
                        continue;
                    }
                }
                // Nickname: Stephen “Steve” Witkoff.
                if nick.is_none() && b + 2 < n && self.toks[b].sent == self.toks[b + 2].sent {
                    let g1 = self.gap(b).trim();
                    let g2 = self.gap(b + 1).trim();
                    let q1 = matches!(g1, "\"" | "“" | "'" | "‘" | "\\\"");
                    let q2 = matches!(g2, "\"" | "”" | "'" | "’" | "\\\"");
                    if q1
                        && q2
                        && self.toks[b + 1].cap
                        && !self.toks[b + 1].poss
                        && self.nameish(b + 2)
                    {
                        nick = Some(b + 1);
                        b += 2;
                        continue;
                    }
                }
                break;
            }
            i = b + 1;
            out.extend(self.trim_run(a, b, nick));
        }
        out
    }

    /// Trims layout words and demonyms off a run; may split it.
    fn trim_run(&self, mut a: usize, b: usize, nick: Option<usize>) -> Option<Cand> {
        let key = self.key_of(a, b);
        let whole_known = LEX.places.contains(key.as_ref())
            || LEX.org_names.contains(key.as_ref())
            || self.lex_cover[a];
        let has_cue = (a..=b).any(|k| self.has(k, flag::ORG_CUE));
        let qualifier_word =
            |k: usize| self.has(k, flag::DEMONYM) || self.has(k, flag::DIRECTIONAL);
        if (a..=b).all(qualifier_word) {
            return Some(Cand {
                a,
                b,
                nick,
                kind: None,
                qualifier_only: true,
                role: None,
                title_before: None,
            });
        }
        if !whole_known && !has_cue {
            while a < b && qualifier_word(a) {
                a += 1;
            }
        }
        Some(Cand {
            a,
            b,
            nick,
            kind: None,
            qualifier_only: false,
            role: None,
            title_before: None,
        })
    }

    // -- pass 5: typing -----------------------------------------------------

    fn type_candidates(&self, cands: &mut [Cand]) {
        for c in cands.iter_mut() {
            if c.qualifier_only {
                continue;
            }
            c.title_before = self.title_end_at.get(&c.a).copied();
            c.kind = self.type_of(c);
        }
    }

    fn type_of(&self, c: &Cand) -> Option<(EntityKind, Strength)> {
        use EntityKind::*;
        use Strength::*;
        let (a, b) = (c.a, c.b);
        let key = self.key_of(a, b);
        let key = key.as_ref();
        let first = self.toks[a].key.as_ref();
        let last = self.toks[b].key.as_ref();
        let single = a == b;
        let l = &*LEX;
        // A name after a person title, an honorific or a relation.
        if let Some((_, te)) = c.title_before {
            let tk = self.toks[te - 1].key.as_ref();
            if !l.org_cues.contains(last) || l.relations.contains(tk) {
                return Some((Person, Strong));
            }
        }
        if a > 0 && self.joined(a - 1) && self.has(a - 1, flag::HONORIFIC) && self.toks[a - 1].cap {
            return Some((Person, Strong));
        }
        if c.nick.is_some() {
            return Some((Person, Strong));
        }
        // Short mixed-case words ("Who", "Fox", "Ice") are only the
        // organisation when written as an acronym.
        let short_word = single
            && self.toks[a].s.chars().count() <= 3
            && !self.toks[a].upper
            && !self.toks[a].s.contains('.');
        if l.org_names.contains(key) && !short_word {
            return Some((Organization, Strong));
        }
        // Clubs named after cities in results ("Chicago 5 Boston 3",
        // "Barcelona beat Valencia").
        if l.cities.contains(key) && self.sports_context(a, b) {
            return Some((Organization, Strong));
        }
        if l.places.contains(key) {
            let s = if l.place_ambiguous.contains(key) {
                Context
            } else {
                Strong
            };
            return Some((Place, s));
        }
        let has_of = (a..=b).any(|k| matches!(self.toks[k].key.as_ref(), "of" | "for" | "on"));
        if !single
            && has_of
            && (a..=b).any(|k| self.toks[k].cap && self.has(k, flag::ORG_CUE))
            && !PLACE_HEADS.contains(&first)
        {
            return Some((Organization, Strong));
        }
        if !single
            && (l.org_cues.contains(last)
                || (l.org_heads.contains(first)
                    && (a..=b).any(|k| {
                        self.toks[k].key == "of"
                            || self.toks[k].key == "for"
                            || self.toks[k].key == "on"
                    })))
        {
            if PLACE_HEADS.contains(&first) && (a..=b).any(|k| self.toks[k].key == "of") {
                return Some((Place, Strong));
            }
            return Some((Organization, Strong));
        }
        if !single && PLACE_TAILS.contains(&last) {
            return Some((Place, Strong));
        }
        if !single && PLACE_HEADS.contains(&first) && (a..=b).any(|k| self.toks[k].key == "of") {
            return Some((Place, Strong));
        }
        // Initials ("J. Smith", "John F. Kennedy").
        let initials = (a..=b)
            .filter(|&k| {
                letter_dots(self.toks[k].s.trim_end_matches('.')) && self.toks[k].s.ends_with('.')
            })
            .count();
        if initials > 0 && initials < b - a + 1 && !self.toks[b].s.ends_with('.') {
            return Some((Person, Strong));
        }
        if l.first_names.contains(first) && !single && !l.places.contains(last) {
            return Some((Person, Strong));
        }
        // Multi-word names led by an acronym ("NAC Breda") or containing a
        // place while not starting with a given name ("Ajax Amsterdam",
        // "Boston Red Sox") are organisations.
        if !single
            && self.toks[a].upper
            && !l.places.contains(first)
            && !l.first_names.contains(first)
        {
            return Some((Organization, Context));
        }
        if !single
            && !l.first_names.contains(first)
            && (a..=b).any(|k| {
                self.toks[k].cap && self.has(k, flag::PLACE) && !self.has(k, flag::PLACE_AMBIGUOUS)
            })
        {
            return Some((Organization, Context));
        }
        if single
            && ORG_SUFFIXES
                .iter()
                .any(|suf| first.len() > suf.len() + 2 && first.ends_with(suf))
        {
            return Some((Organization, Context));
        }
        if single
            && self.toks[a].upper
            && self.toks[a].s.chars().filter(|c| c.is_alphabetic()).count() <= 5
        {
            return Some((Organization, Context));
        }
        if single && l.first_names.contains(first) {
            return Some((Person, Context));
        }
        if single && l.org_cues.contains(first) {
            // A bare cue word ("Party", "Council") is not a name.
            return None;
        }
        // Context.
        let prev = if a > 0 && self.toks[a - 1].sent == self.toks[a].sent {
            Some(self.toks[a - 1].key.as_ref())
        } else {
            None
        };
        let next = if b + 1 < self.toks.len()
            && self.toks[b + 1].sent == self.toks[b].sent
            && !self.toks[b].poss
        {
            Some(self.toks[b + 1].key.as_ref())
        } else {
            None
        };
        // A name right before a title that precedes another name is its
        // qualifier: "Velmora's President X", "Velmora envoy X".
        let mut k = b + 1;
        while k < self.toks.len()
            && self.joined(k - 1)
            && !self.toks[k].cap
            && self.has(k, flag::MODIFIER)
        {
            k += 1;
        }
        let qualifier_of_title = k < self.toks.len()
            && self.toks[k].sent == self.toks[b].sent
            && self.title_tok[k]
            && (self.joined(k - 1)
                || (k == b + 1
                    && self.toks[b].poss
                    && self
                        .gap(b)
                        .trim_start_matches(['\'', '’', 's'])
                        .trim()
                        .is_empty()))
            && !self.toks[k]
                .key
                .chars()
                .next()
                .is_some_and(|_| self.has(k, flag::RELATION));
        if qualifier_of_title {
            return Some((Place, Context));
        }
        // Company context: "Acme shares", "stake in Acme".
        if next.is_some_and(|w| ORG_NEXT.contains(&w))
            || (self.toks[b].poss
                && b + 1 < self.toks.len()
                && ORG_NEXT.contains(&self.toks[b + 1].key.as_ref()))
            || prev.is_some_and(|w| ORG_PREV.contains(&w))
            || (matches!(prev, Some("in" | "of"))
                && a >= 2
                && ORG_PREV.contains(&self.toks[a - 2].key.as_ref()))
        {
            return Some((Organization, Context));
        }
        if next.is_some_and(|w| SPEECH_VERBS[..16].contains(&w)) {
            return Some((Person, Context));
        }
        if prev.is_some_and(|w| PLACE_PREPS.contains(&w)) && self.gap(a - 1).trim().is_empty() {
            return Some((Place, Context));
        }
        if single {
            return Some((Organization, Default));
        }
        Some((Person, Default))
    }

    /// A name used as a sports competitor: followed by a bare score, or
    /// next to a result verb.
    fn sports_context(&self, a: usize, b: usize) -> bool {
        let n = self.toks.len();
        let score = |k: usize| {
            k < n && self.toks[k].sent == self.toks[b].sent && {
                let s = self.toks[k].s;
                !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit())
            }
        };
        if b + 1 < n && score(b + 1) && self.gap(b).trim().is_empty() {
            return true;
        }
        let verb = |k: usize| {
            k < n
                && self.toks[k].sent == self.toks[a].sent
                && matches!(
                    self.toks[k].key.as_ref(),
                    "beat"
                        | "beats"
                        | "defeated"
                        | "drew"
                        | "draw"
                        | "vs"
                        | "v"
                        | "vs."
                        | "v."
                        | "thrashed"
                        | "edged"
                        | "routed"
                        | "downed"
                        | "host"
                        | "hosts"
                        | "rallied"
                        | "overcame"
                )
        };
        (a > 0 && verb(a - 1)) || verb(b + 1)
    }

    // -- pass 6: appositions ("X, director of the Y,") --------------------

    fn appositions(&self, cands: &mut [Cand]) {
        let by_start: HashMap<usize, usize> =
            cands.iter().enumerate().map(|(i, c)| (c.a, i)).collect();
        let n = self.toks.len();
        for ci in 0..cands.len() {
            let c = &cands[ci];
            // A name with a title before it ("special envoy X, the son-in-law
            // of Y,") may still carry a family relation after it; other
            // appositions of titled names are left to the title.
            let titled = c.title_before.is_some();
            if c.qualifier_only {
                continue;
            }
            if matches!(
                c.kind,
                Some((
                    EntityKind::Organization | EntityKind::Place,
                    Strength::Strong
                ))
            ) {
                continue;
            }
            let b = c.b;
            if b + 1 >= n || self.gap(b).trim() != "," || self.toks[b + 1].sent != self.toks[b].sent
            {
                continue;
            }
            let mut k = b + 1;
            if matches!(self.toks[k].key.as_ref(), "a" | "an" | "the") {
                k += 1;
            }
            let role_start = k;
            let mut prefix: Vec<&str> = Vec::new();
            let mut qualifier: Option<String> = None;
            let mut steps = 0;
            let mut title: Option<(usize, usize)> = None;
            while k < n && steps < 6 && self.toks[k].sent == self.toks[b].sent {
                steps += 1;
                if let Some((len, _)) = self.title_len(k) {
                    // Prefer the longest chain "deputy foreign minister".
                    title = Some((k, k + len));
                    break;
                }
                let t = &self.toks[k];
                if !t.cap
                    && (LEX.modifiers.contains(t.key.as_ref())
                        || TITLE_PREFIXES.contains(&t.key.as_ref()))
                {
                    prefix.push(t.s);
                    k += 1;
                    continue;
                }
                if let Some(&qi) = by_start.get(&k) {
                    let q = &cands[qi];
                    let qk = q.kind.map(|x| x.0);
                    if q.qualifier_only
                        || matches!(qk, Some(EntityKind::Organization | EntityKind::Place))
                    {
                        qualifier = Some(self.surface(q.a, q.b));
                        k = q.b + 1;
                        continue;
                    }
                }
                break;
            }
            let Some((ts, te)) = title else { continue };
            // The title must end the apposition or be followed by "of/at/for".
            let mut role_end = self.toks[te - 1].end;
            let after = te;
            let mut ok =
                after >= n || self.toks[after].sent != self.toks[b].sent || !self.joined(after - 1);
            if after < n
                && self.joined(after - 1)
                && matches!(
                    self.toks[after].key.as_ref(),
                    "of" | "at" | "for" | "with" | "in"
                )
            {
                let mut q = after + 1;
                if q < n && self.toks[q].key == "the" {
                    q += 1;
                }
                if let Some(&qi) = by_start.get(&q) {
                    let qc = &cands[qi];
                    if qualifier.is_none() {
                        qualifier = Some(self.surface(qc.a, qc.b));
                        role_end = self.toks[qc.b].end;
                    }
                    ok = true;
                }
            }
            if !ok {
                continue;
            }
            let mut title_words = prefix.join(" ");
            if !title_words.is_empty() {
                title_words.push(' ');
            }
            let core = self.surface(ts, te - 1);
            title_words.push_str(&core);
            // A family relation is not a title: "X, the son-in-law of
            // President Y," relates X to the person Y.
            let mut relation = None;
            if LEX.relations.contains(self.key_of(ts, te - 1).as_ref()) {
                let sent = self.toks[ts].sent;
                let person_after = (after + 1..n.min(after + 8))
                    .take_while(|&t| self.toks[t].sent == sent)
                    .filter_map(|t| by_start.get(&t).copied())
                    .find(|&qi| matches!(cands[qi].kind, Some((EntityKind::Person, _))));
                relation = Some(match person_after {
                    Some(qi) if after < n && self.toks[after].key == "of" => {
                        role_end = role_end.max(self.toks[cands[qi].b].end);
                        format!("{core} of {}", self.surface(cands[qi].a, cands[qi].b))
                    }
                    _ => match qualifier.take() {
                        Some(q) => format!("{core} of {q}"),
                        None => core.clone(),
                    },
                });
                qualifier = None;
            }
            if titled && relation.is_none() {
                continue;
            }
            let role = RoleMention {
                title: title_words,
                qualifier,
                relation,
                span: Span::new(self.toks[role_start].start, role_end),
            };
            let c = &mut cands[ci];
            c.role = Some(role);
            if !matches!(c.kind, Some((EntityKind::Person, Strength::Strong))) {
                c.kind = Some((EntityKind::Person, Strength::Strong));
            }
        }
    }

    /// Source text from token `a` to token `b`, whitespace normalised.
    fn surface(&self, a: usize, b: usize) -> String {
        let s = self
            .text
            .get(self.toks[a].start..self.toks[b].end)
            .unwrap_or("");
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    /// The name of a candidate: tokens without the nickname, single-spaced.
    fn name_of(&self, c: &Cand) -> String {
        match c.nick {
            Some(nk) => {
                let mut parts = vec![self.surface(c.a, nk - 1)];
                if nk < c.b {
                    parts.push(self.surface(nk + 1, c.b));
                }
                parts.join(" ")
            }
            None => self.surface(c.a, c.b),
        }
    }

    // -- pass 7: document consistency --------------------------------------

    /// Makes kinds consistent and returns each candidate's full name.
    fn resolve(&self, cands: &mut [Cand]) -> Vec<String> {
        // Best kind per key.
        let mut best: HashMap<Cow<'_, str>, (EntityKind, Strength, usize)> = HashMap::default();
        for (i, c) in cands.iter().enumerate() {
            let Some((k, s)) = c.kind else { continue };
            let key = self.key_of(c.a, c.b);
            let e = best.entry(key).or_insert((k, s, i));
            if s > e.1 {
                *e = (k, s, i);
            }
        }
        // Surnames of people with multi-word names.
        let mut full_by_last: HashMap<String, (String, usize)> = HashMap::default();
        let mut full_by_first: HashMap<String, (String, usize)> = HashMap::default();
        for c in cands.iter() {
            if c.b > c.a
                && matches!(c.kind, Some((EntityKind::Person, s)) if s >= Strength::Context)
            {
                let name = self.name_of(c);
                let words = name.split(' ').count();
                let last = self.toks[c.b].key.to_string();
                let e = full_by_last.entry(last).or_insert((name.clone(), 0));
                if words > e.1 || (words == e.1 && name.len() > e.0.len()) {
                    *e = (name.clone(), words);
                }
                let first = self.toks[c.a].key.to_string();
                let e = full_by_first.entry(first).or_insert((name.clone(), 0));
                if words > e.1 || (words == e.1 && name.len() > e.0.len()) {
                    *e = (name, words);
                }
            }
        }
        let mut names = Vec::with_capacity(cands.len());
        for c in cands.iter_mut() {
            let key = self.key_of(c.a, c.b);
            if let Some(&(k, s, _)) = best.get(key.as_ref()) {
                if let Some((ck, cs)) = c.kind {
                    if s > cs && ck != k {
                        c.kind = Some((k, s));
                    }
                }
            }
            let last = self.toks[c.b].key.to_string();
            let mut name = self.name_of(c);
            if let Some((full, words)) = full_by_last.get(&last) {
                let single_ok = c.a == c.b
                    && !matches!(c.kind, Some((EntityKind::Organization, Strength::Strong)))
                    && !c.qualifier_only;
                let multi_ok = c.b > c.a
                    && matches!(c.kind, Some((EntityKind::Person, _)))
                    && full.split(' ').next().map(str::to_lowercase)
                        == Some(self.toks[c.a].key.to_string());
                if (single_ok || multi_ok) && *words > name.split(' ').count() {
                    name = full.clone();
                    c.kind = Some((EntityKind::Person, Strength::Strong));
                } else if single_ok
                    && full.split(' ').count() >= 1
                    && full.eq_ignore_ascii_case(&name)
                {
                    c.kind = Some((EntityKind::Person, Strength::Strong));
                }
            }
            if c.a == c.b
                && matches!(c.kind, Some((EntityKind::Person, _)))
                && LEX.first_names.contains(last.as_str())
            {
                if let Some((full, words)) = full_by_first.get(&last) {
                    if *words > 1 {
                        name = full.clone();
                    }
                }
            }
            names.push(name);
        }
        names
    }

    // -- pass 8: roles from titles before names ----------------------------

    fn title_roles(&self, cands: &mut [Cand], names: &[String]) {
        let by_end: HashMap<usize, usize> =
            cands.iter().enumerate().map(|(i, c)| (c.b, i)).collect();
        for ci in 0..cands.len() {
            let Some((ts, te)) = cands[ci].title_before else {
                continue;
            };
            // A relation found in an apposition is kept and completed with
            // the title before the name.
            let kept_relation = cands[ci].role.as_ref().and_then(|r| r.relation.clone());
            let kept_span = cands[ci].role.as_ref().map(|r| r.span);
            if !matches!(cands[ci].kind, Some((EntityKind::Person, _)))
                || (cands[ci].role.is_some() && kept_relation.is_none())
            {
                continue;
            }
            let core = self.surface(ts, te - 1);
            let is_relation = LEX.relations.contains(self.key_of(ts, te - 1).as_ref());
            let mut start = ts;
            let mut words: Vec<&str> = Vec::new();
            // Lower-case modifiers ("foreign policy chief", "defense attaché").
            let mut k = ts;
            while k > 0
                && self.joined(k - 1)
                && !self.toks[k - 1].cap
                && self.has(k - 1, flag::MODIFIER)
                && !TITLE_PREFIXES.contains(&self.toks[k - 1].key.as_ref())
            {
                k -= 1;
                words.insert(0, self.toks[k].s);
                start = k;
            }
            // Qualifier: a name right before ("U.S.", "Kremlin", "France's").
            let mut qualifier = None;
            let mut relation = None;
            if k > 0 && self.toks[k - 1].sent == self.toks[ts].sent {
                let gap_ok = self.joined(k - 1)
                    || (self.toks[k - 1].poss
                        && self
                            .gap(k - 1)
                            .trim_start_matches(['\'', '’', 's'])
                            .trim()
                            .is_empty());
                if let (true, Some(&qi)) = (gap_ok, by_end.get(&(k - 1))) {
                    let q = &cands[qi];
                    if is_relation {
                        if matches!(q.kind, Some((EntityKind::Person, _))) && self.toks[q.b].poss {
                            relation = Some(format!("{} of {}", core, names[qi]));
                        }
                    } else {
                        qualifier = Some(self.surface(q.a, q.b));
                    }
                    k = q.a;
                    start = q.a;
                } else if is_relation
                    && matches!(self.toks[k - 1].key.as_ref(), "his" | "her" | "their")
                {
                    // The nearest person before, in the same sentence.
                    let sent = self.toks[ts].sent;
                    let who = cands[..ci]
                        .iter()
                        .enumerate()
                        .rev()
                        .take_while(|(_, c)| self.toks[c.a].sent == sent)
                        .find(|(_, c)| matches!(c.kind, Some((EntityKind::Person, _))))
                        .map(|(i, _)| names[i].clone());
                    relation = Some(match who {
                        Some(w) => format!("{core} of {w}"),
                        None => core.clone(),
                    });
                }
            }
            if is_relation && relation.is_none() {
                relation = Some(core.clone());
            }
            // "former" before the qualifier belongs to the title.
            let mut prefix: Vec<&str> = Vec::new();
            // Capitalised only when it opens the sentence ("Former foreign
            // minister X told …").
            let sentence_initial = |t: usize| t == 0 || self.toks[t - 1].sent != self.toks[t].sent;
            while k > 0
                && self.joined(k - 1)
                && TITLE_PREFIXES.contains(&self.toks[k - 1].key.as_ref())
                && (!self.toks[k - 1].cap || sentence_initial(k - 1))
            {
                k -= 1;
                prefix.insert(0, self.toks[k].s);
                start = k;
            }
            // Titles chained before ("Lt. Gen.").
            let mut title_words: Vec<&str> = prefix;
            title_words.extend(words);
            let mut title = title_words.join(" ");
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(&core);
            // The evidence is one span that never covers the name: the
            // title before it, or — when the relation comes from the
            // apposition after it, the fact a garbled copy gets wrong —
            // the apposition.
            let span = match (&relation, kept_span) {
                (None, Some(kept)) if kept_relation.is_some() => kept,
                _ => Span::new(self.toks[start].start, self.toks[te - 1].end),
            };
            cands[ci].role = Some(RoleMention {
                title,
                qualifier,
                relation: relation.or(kept_relation),
                span,
            });
        }
    }

    // -- output ------------------------------------------------------------

    /// Filters names that are most likely capitalised common words.
    fn plausible(&self, c: &Cand, strength: Strength) -> bool {
        let (a, b) = (c.a, c.b);
        // Events ("World Cup", "National Security Strategy") and groups
        // ("Serbs", "Democrats") are not persons, organisations or places.
        if b > a
            && LEX.event_tails.contains(self.toks[b].key.as_ref())
            && strength < Strength::Strong
        {
            return false;
        }
        if a == b {
            let k = self.toks[a].key.as_ref();
            if let Some(stem) = k.strip_suffix('s') {
                if LEX.demonyms.contains_key(stem) || stem.ends_with("ist") || stem.ends_with("ian")
                {
                    return false;
                }
            }
        }
        if a == b {
            let s = self.toks[a].s;
            // "US-led", "Washington-based", "Russia-Ukraine": compounds.
            if s.contains('-') && !self.toks[a].key.starts_with("al-") {
                let parts: Vec<&str> = s.split('-').collect();
                let lower_part = parts[1..]
                    .iter()
                    .any(|p| p.chars().next().is_some_and(char::is_lowercase));
                let all_places = parts
                    .iter()
                    .all(|p| LEX.places.contains(p.to_lowercase().as_str()));
                if lower_part || all_places {
                    return false;
                }
            }
            // Roman numerals ("II", "XIV").
            if s.len() <= 4 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
                return false;
            }
        }
        // A default-typed name made of words the article also uses in
        // lower case ("National Security Strategy") is a capitalised phrase.
        if strength == Strength::Default {
            let common = (a..=b)
                .filter(|&k| self.lower_seen.contains(self.toks[k].key.as_ref()))
                .count();
            if common * 2 >= (b - a + 1) && common > 0 {
                return false;
            }
        }
        true
    }

    fn emit(&self, cands: Vec<Cand>, names: Vec<String>) -> Vec<Mention> {
        let mut out = Vec::with_capacity(cands.len());
        for (c, name) in cands.into_iter().zip(names) {
            if c.qualifier_only {
                continue;
            }
            let Some((kind, strength)) = c.kind else {
                continue;
            };
            if !self.plausible(&c, strength) {
                continue;
            }
            let start = self.toks[c.a].start;
            let end = self.toks[c.b].end;
            let Some(text) = self.text.get(start..end) else {
                continue;
            };
            // A lone stop/title word is never a name.
            if c.a == c.b && (self.has(c.a, flag::STOP) && !self.lex_cover[c.a]) {
                continue;
            }
            let aliases = match c.nick {
                Some(nk) => {
                    let mut alias = self.toks[nk].s.to_string();
                    if nk < c.b {
                        alias.push(' ');
                        alias.push_str(&self.surface(nk + 1, c.b));
                    }
                    vec![alias]
                }
                None => Vec::new(),
            };
            out.push(Mention {
                span: Span::new(start, end),
                text: text.to_string(),
                name,
                kind,
                aliases,
                role: c.role,
            });
        }
        out
    }
}

/// Function words that are capitalised only in Title Case headings.
const HEADING_FUNCTION_WORDS: &[&str] = &[
    "to", "of", "on", "in", "for", "what", "why", "how", "it", "is", "are", "more", "next", "with",
    "from", "at", "by", "as", "will", "can", "not", "out", "up", "over", "after", "into", "than",
    "its", "who", "when", "where", "be", "has", "have", "was", "were", "could", "would", "should",
];

/// Word endings typical of company names ("Rabobank", "Unitel").
const ORG_SUFFIXES: &[&str] = &[
    "bank", "tel", "com", "tech", "soft", "corp", "chem", "pharm", "tronics", "systems", "air",
    "oil", "gaz", "net", "media", "motors", "steel",
];

/// Words after a name that mark a company.
const ORG_NEXT: &[&str] = &[
    "shares",
    "share",
    "stock",
    "stocks",
    "shareholders",
    "subsidiary",
    "unit",
    "plc",
    "ag",
    "sa",
    "nv",
    "spa",
    "bv",
    "gmbh",
    "ab",
    "asa",
    "oyj",
    "bhd",
    "tbk",
    "pty",
    "ceo",
    "chairman",
    "earnings",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "bid",
    "takeover",
    "spokesman",
    "spokeswoman",
    "executives",
    "management",
];

/// Words before a name that mark a company.
const ORG_PREV: &[&str] = &[
    "stake",
    "acquire",
    "acquired",
    "acquiring",
    "subsidiary",
    "shares",
    "merger",
    "rival",
    "firm",
    "company",
    "group",
    "airline",
    "bank",
    "carrier",
    "insurer",
    "retailer",
    "maker",
    "producer",
    "brokerage",
    "club",
    "side",
    "champions",
];

/// Capitalised sentence openers that are not names even before a name
/// ("Following Smith's resignation …").
const COMMON_OPENERS: &[&str] = &[
    "following",
    "according",
    "despite",
    "asked",
    "speaking",
    "unlike",
    "like",
    "under",
    "amid",
    "with",
    "without",
    "after",
    "before",
    "during",
    "including",
    "citing",
    "quoting",
    "describing",
    "urging",
    "saying",
    "adding",
    "welcoming",
    "calling",
    "meanwhile",
    "elsewhere",
    "separately",
    "earlier",
    "later",
    "shares",
    "police",
    "officials",
    "analysts",
    "sources",
    "reports",
    "rebels",
    "troops",
    "residents",
    "witnesses",
    "former",
    "late",
    "newly",
    "veteran",
    "top",
    "senior",
    "chief",
    "acting",
    "deputy",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "champion",
    "dear",
    "both",
    "neither",
    "either",
    "only",
    "even",
    "why",
    "does",
    "did",
    "will",
    "can",
];

/// First words of titles, to stop title look-ups early.
static TITLE_FIRST: once_cell::sync::Lazy<HashSet<&'static str>> =
    once_cell::sync::Lazy::new(|| {
        LEX.titles
            .iter()
            .chain(LEX.relations.iter())
            .filter_map(|t| t.split(' ').next())
            .collect()
    });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::split;

    fn run(t: &str) -> Vec<Mention> {
        let m = find_mentions(t, &split(t));
        for x in &m {
            assert_eq!(&t[x.span.start..x.span.end], x.text);
            if let Some(r) = &x.role {
                assert!(t.get(r.span.start..r.span.end).is_some());
                assert!(!r.span.overlaps(&x.span), "role overlaps name in {t}");
            }
        }
        m
    }

    fn find<'a>(m: &'a [Mention], text: &str) -> &'a Mention {
        m.iter()
            .find(|x| x.text == text)
            .unwrap_or_else(|| panic!("no mention {text:?} in {m:#?}"))
    }

    #[test]
    fn title_with_qualifier() {
        let t = "On Monday, U.S. Secretary of State Marlo Quenby met officials.";
        let m = run(t);
        let r = find(&m, "Marlo Quenby");
        assert_eq!(r.kind, EntityKind::Person);
        let role = r.role.as_ref().unwrap();
        assert_eq!(role.title, "Secretary of State");
        assert_eq!(role.qualifier.as_deref(), Some("U.S."));
        assert_eq!(
            &t[role.span.start..role.span.end],
            "U.S. Secretary of State"
        );
        assert_eq!(find(&m, "U.S.").kind, EntityKind::Place);
    }

    /// Regression (proptest `newsy_text`): a relation title before a name
    /// and a relation apposition after it made one role span running
    /// across the name.
    #[test]
    fn role_span_never_covers_the_name() {
        for t in [
            "son-in-law J. , son-in-law ,",
            "The special envoy Tomas Brenner, the son-in-law of President Ilse Varga, arrived.",
        ] {
            for m in run(t) {
                if let Some(r) = &m.role {
                    assert!(!r.span.overlaps(&m.span), "{t:?}: {m:?}");
                }
            }
        }
    }

    #[test]
    fn apposition_role() {
        let t = "The plan worried Tamsin Orlov, director of the Center on Arctic and Baltic Studies at the Wexford Institute, who said it was rushed.";
        let m = run(t);
        let p = find(&m, "Tamsin Orlov");
        let role = p.role.as_ref().unwrap();
        assert_eq!(role.title, "director");
        assert_eq!(
            role.qualifier.as_deref(),
            Some("Center on Arctic and Baltic Studies")
        );
        assert_eq!(
            find(&m, "Center on Arctic and Baltic Studies").kind,
            EntityKind::Organization
        );
        assert_eq!(find(&m, "Wexford Institute").kind, EntityKind::Organization);
    }

    #[test]
    fn org_qualifier_and_modifiers() {
        let t = "Talks stalled, and Kremlin spokesman Dorin Valkov blamed the West. Later, EU foreign policy chief Maris Tammel disagreed.";
        let m = run(t);
        let r = find(&m, "Dorin Valkov").role.clone().unwrap();
        assert_eq!(
            (r.title.as_str(), r.qualifier.as_deref()),
            ("spokesman", Some("Kremlin"))
        );
        let r = find(&m, "Maris Tammel").role.clone().unwrap();
        assert_eq!(
            (r.title.as_str(), r.qualifier.as_deref()),
            ("foreign policy chief", Some("EU"))
        );
        assert_eq!(find(&m, "Kremlin").kind, EntityKind::Organization);
    }

    #[test]
    fn former_stays_in_title() {
        let t = "Asked about it, former UK defense attaché Hollis Brand voiced alarm.";
        let m = run(t);
        let r = find(&m, "Hollis Brand").role.clone().unwrap();
        assert_eq!(r.title, "former defense attaché");
        assert_eq!(r.qualifier.as_deref(), Some("UK"));
        assert_eq!(&t[r.span.start..r.span.end], "former UK defense attaché");
    }

    #[test]
    fn relation_resolves_to_nearest_person() {
        let t =
            "Talks were held between envoy Corwin Dale and his son-in-law Perrin Ashe in Vienna.";
        let m = run(t);
        let r = find(&m, "Perrin Ashe").role.clone().unwrap();
        assert_eq!(r.title, "son-in-law");
        assert_eq!(r.relation.as_deref(), Some("son-in-law of Corwin Dale"));
        assert_eq!(find(&m, "Vienna").kind, EntityKind::Place);
        let t = "Her son-in-law Perrin Ashe declined to comment.";
        let r = find(&run(t), "Perrin Ashe").role.clone().unwrap();
        assert_eq!(r.relation.as_deref(), Some("son-in-law"));
    }

    #[test]
    fn nicknames() {
        for t in [
            "The envoy Stephen “Steve” Wilcott arrived.",
            "The envoy Stephen \"Steve\" Wilcott arrived.",
        ] {
            let m = run(t);
            let p = m
                .iter()
                .find(|x| x.name == "Stephen Wilcott")
                .unwrap_or_else(|| panic!("{m:#?}"));
            assert!(p.text.starts_with("Stephen") && p.text.ends_with("Wilcott"));
            assert_eq!(p.aliases, vec!["Steve Wilcott".to_string()]);
            assert_eq!(p.kind, EntityKind::Person);
        }
    }

    #[test]
    fn later_surname_gets_full_name() {
        let t = "Russian President Vladislav Korin met reporters. Later, Korin said talks were over. Korin’s aides agreed.";
        let m = run(t);
        let all: Vec<_> = m.iter().filter(|x| x.name == "Vladislav Korin").collect();
        assert_eq!(all.len(), 3, "{m:#?}");
        assert!(all.iter().all(|x| x.kind == EntityKind::Person));
        let r = all[0].role.as_ref().unwrap();
        assert_eq!(
            (r.title.as_str(), r.qualifier.as_deref()),
            ("President", Some("Russian"))
        );
        assert!(!m.iter().any(|x| x.text == "Russian"));
    }

    #[test]
    fn headings_and_sentence_starts_are_not_entities() {
        let t = "Diplomatic Tensions Rise Over Harbour Plan\nWestern leaders met in Oslo. Tensions grew. Reporters asked Mr. Quill about it.";
        let m = run(t);
        assert!(
            !m.iter().any(|x| x.text.contains("Tensions")
                || x.text.contains("Diplomatic")
                || x.text == "Western"),
            "{m:#?}"
        );
        assert_eq!(find(&m, "Oslo").kind, EntityKind::Place);
        assert_eq!(find(&m, "Quill").kind, EntityKind::Person);
        assert!(!m.iter().any(|x| x.text == "Mr." || x.text == "Reporters"));
    }

    #[test]
    fn all_caps_heading_uses_document_evidence() {
        let t = "HARBOUR TALKS COLLAPSE IN OSLO AS VELMORA WALKS OUT\nThe delegation from Velmora left early.";
        let m = run(t);
        assert!(
            m.iter()
                .any(|x| x.text == "OSLO" && x.kind == EntityKind::Place),
            "{m:#?}"
        );
        assert!(m.iter().any(|x| x.text == "VELMORA"));
        assert!(!m
            .iter()
            .any(|x| x.text.contains("HARBOUR") || x.text.contains("TALKS")));
    }

    #[test]
    fn no_pronouns_months_or_adjectives() {
        let t = "On Monday in March, He said European states and Western allies would meet. She agreed.";
        let m = run(t);
        assert!(m.is_empty(), "{m:#?}");
    }

    #[test]
    fn places_and_orgs() {
        let t = "Officials from the Ministry of Foreign Affairs flew from Kyiv to Western Europe, and NATO and the Bank of England commented.";
        let m = run(t);
        assert_eq!(
            find(&m, "Ministry of Foreign Affairs").kind,
            EntityKind::Organization
        );
        assert_eq!(find(&m, "Kyiv").kind, EntityKind::Place);
        assert_eq!(find(&m, "Western Europe").kind, EntityKind::Place);
        assert_eq!(find(&m, "NATO").kind, EntityKind::Organization);
        assert_eq!(find(&m, "Bank of England").kind, EntityKind::Organization);
    }

    #[test]
    fn possessive_qualifier_and_initials() {
        let t = "On Friday, Ardenia’s President Lucas Ferrand praised J. R. Hollow and Ramon de la Vega.";
        let m = run(t);
        let r = find(&m, "Lucas Ferrand").role.clone().unwrap();
        assert_eq!(r.qualifier.as_deref(), Some("Ardenia"));
        assert_eq!(find(&m, "J. R. Hollow").kind, EntityKind::Person);
        assert_eq!(find(&m, "Ramon de la Vega").kind, EntityKind::Person);
    }

    #[test]
    fn bullet_labels_are_layout() {
        let t = "Risks ahead\n- Strategic Drift: Velmora may stall, analysts said.\n- Increased Exposure: Oslo worries.";
        let m = run(t);
        assert!(
            !m.iter().any(|x| x.text.contains("Drift")
                || x.text.contains("Exposure")
                || x.text.contains("Strategic")),
            "{m:#?}"
        );
        assert!(m.iter().any(|x| x.text == "Oslo"));
    }

    #[test]
    fn clubs_in_results_and_companies() {
        let t = "In football, Barcelona beat Valencia 2-1, while Lisbon stayed calm. Shares in Quorvex rose after Quorvex shares jumped.";
        let m = run(t);
        assert_eq!(find(&m, "Barcelona").kind, EntityKind::Organization);
        assert_eq!(find(&m, "Lisbon").kind, EntityKind::Place);
        assert_eq!(find(&m, "Quorvex").kind, EntityKind::Organization);
    }

    #[test]
    fn apposition_with_article_and_for() {
        let t = "The claim was denied by Dorin Valkov, a spokesman for the Kremlin, on Friday.";
        let m = run(t);
        let r = find(&m, "Dorin Valkov").role.clone().unwrap();
        assert_eq!(r.title, "spokesman");
        assert_eq!(r.qualifier.as_deref(), Some("Kremlin"));
    }

    #[test]
    fn glued_heading_words_are_not_names() {
        let t = "She added that talks would go on. What People Are Saying Foreign Minister Ilse Marten said the plan was sound.";
        let m = run(t);
        let p = find(&m, "Ilse Marten");
        assert_eq!(p.role.as_ref().unwrap().title, "Foreign Minister");
        assert!(
            !m.iter()
                .any(|x| x.text.contains("Saying") || x.text.contains("People")),
            "{m:#?}"
        );
    }

    /// Timing on an invented ~4 KB article:
    /// `cargo test --release -p newsdesk-analyse --lib entities::tests::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing_4k() {
        let para = "Velmoran President Anika Sorrel met Ardenian Prime Minister Tomas Beyle in Lisbon on Tuesday, \
the Ministry of Foreign Affairs said. \"We are close,\" Sorrel told reporters. Kremlin spokesman Dmitry Valkov, \
speaking to the Northgate Times, said Moscow would wait. Hollis Brand, director of the Center on Arctic Studies \
at the Wexford Institute, said talks in Geneva could resume. ";
        let mut t = String::from("Harbour Talks Resume In Lisbon\n");
        while t.len() < 4096 {
            t.push_str(para);
            t.push('\n');
        }
        let sents = split(&t);
        // On-CPU time of this thread (Linux), so a busy machine does not
        // inflate the figure; wall time is printed too.
        let cpu_ns = || {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()
                .and_then(|s| {
                    s.split_whitespace()
                        .next()
                        .and_then(|x| x.parse::<u64>().ok())
                })
        };
        let n = 3000;
        let c0 = cpu_ns();
        let t0 = std::time::Instant::now();
        let mut count = 0;
        for _ in 0..n {
            count += find_mentions(&t, &sents).len();
        }
        let wall = t0.elapsed().as_secs_f64() * 1e6 / n as f64;
        let cpu = match (c0, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e3 / n as f64,
            _ => wall,
        };
        println!(
            "find_mentions on {} bytes: {cpu:.1} µs/article CPU ({wall:.1} wall), {} mentions",
            t.len(),
            count / n
        );
        // Real articles, when the shared seeds are present: µs per 4 KB.
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seeds"
        ));
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let texts: Vec<String> = rd
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let sents: Vec<_> = texts.iter().map(|t| split(t)).collect();
        let rounds = 300;
        let c0 = cpu_ns();
        for _ in 0..rounds {
            for (t, s) in texts.iter().zip(&sents) {
                count += find_mentions(t, s).len();
            }
        }
        if let (Some(a), Some(b)) = (c0, cpu_ns()) {
            let per_4k = (b - a) as f64 / 1e3 / rounds as f64 / (bytes as f64 / 4096.0);
            println!("seeds: {} articles, {bytes} bytes: {per_4k:.1} µs CPU per 4 KB ({count} mentions in all)", texts.len());
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "’s",
            "A.",
            "U.S.-",
            "É’s Ŝ.",
            "\"\"",
            "Al-",
            "x & Y",
            "Stephen “",
            "O'",
            "Mr.\n\nDr.",
        ] {
            let _ = run(t);
        }
    }
}
