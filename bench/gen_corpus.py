#!/usr/bin/env python3
"""Deterministic benchmark corpus generator for newsdesk.

    bench/gen_corpus.py N OUTDIR [--seed S] [--source demo|bbc|auto]
                                 [--per-dir 1000] [--demo DIR] [--bbc DIR]

Writes N plain-text articles (line 1 headline, blank line, paragraphs
separated by blank lines) into sharded sub-folders of OUTDIR
(OUTDIR/000/000000.txt, 1000 per folder by default) and a ground-truth file
OUTDIR/../truth-N.json saying which story every file belongs to and which
file it copies.

Templates come from the repository's own fictional corpus (`demo/`, plain
text and HTML pages reduced to their headline and paragraphs) or, with
`--source bbc`, from the BBC dataset beside the repository
(../shared/data/bbc-news/articles; read at run time only, never copied into
the repository). `auto` (the default) uses bbc when it is present.

Every *story* starts from one template article and is made distinct:
  * proper names (capitalised words seen mid-sentence in the templates) are
    replaced by generated names, consistently within the story;
  * years are shifted and month names rotated per story;
  * numbers (other than years) are scaled by a per-story factor;
  * a few paragraphs of another template may be spliced in, sentences are
    occasionally dropped, and some common words are swapped for synonyms.
A story then gets 0..k derived articles, each one of:
  * `furniture`: verbatim copy with site furniture lines appended
    (share bars, related links, newsletter prompts, copyright lines);
  * `partial`:   headline plus an ordered subset of the paragraphs;
  * `reorder`:   the same paragraphs, some of them moved;
  * `exact`:     a byte-identical copy.
About a third of the stories are single articles (unrelated to the rest).
File numbers are shuffled, so copies are not next to their originals.

Same arguments, same bytes: all randomness comes from `random.Random`
seeded with strings derived from --seed and the story number.
"""

from __future__ import annotations

import argparse
import html
import html.parser
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEMO = REPO / "demo"
DEFAULT_BBC = REPO.parent / "shared" / "data" / "bbc-news" / "articles"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]

# Capitalised words that are not names even mid-sentence (titles, pronoun
# "I", calendar words). Everything else capitalised mid-sentence is renamed.
NOT_NAMES = set(MONTHS + WEEKDAYS + [
    "I", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "St", "The", "A", "An",
    "President", "Prime", "Minister", "Foreign", "Secretary", "Chancellor",
    "Chief", "Executive", "Council", "State", "Party", "Institute", "North",
    "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "General", "Director", "Commission", "Committee", "Ministry", "Department",
    "Bank", "Court", "Supreme", "High", "Union", "Republic", "Kingdom",
    "United", "States", "News", "Press", "Agency", "Reporting", "Editing",
    "Photo", "AM", "PM", "OK", "TV", "CEO", "UK", "US", "EU", "UN",
])

SYNONYMS = {
    "said": ["said", "said", "told reporters", "stated", "added"],
    "talks": ["talks", "negotiations", "discussions"],
    "government": ["government", "administration", "cabinet"],
    "announced": ["announced", "unveiled", "confirmed"],
    "increase": ["increase", "rise", "jump"],
    "company": ["company", "firm", "group"],
    "officials": ["officials", "aides", "representatives"],
    "agreement": ["agreement", "deal", "accord"],
    "however": ["however", "though", "nevertheless"],
    "people": ["people", "residents", "citizens"],
    "big": ["big", "large", "major"],
}

FURNITURE = [
    "Share this article",
    "Share: Facebook | X | Email | Copy link",
    "Related: {h1}",
    "Read more: {h2}",
    "Subscribe to our newsletter for the latest updates",
    "Sign up for breaking news alerts",
    "Tags: {t1}, {t2}, news",
    "Advertisement",
    "More From Author",
    "Recent Posts",
    "{h1}",
    "{h2}",
    "Posted by {bot}",
    "Email: contact@{site}.example",
    "\u00a9 {year} {Site}. All rights reserved.",
    "Follow us on social media",
    "Leave a comment",
    "You may also like",
]

# Generated names: 1-3 onset+vowel syllables and a coda, millions of forms.
# A small name space would give unrelated stories the same (or one-letter
# apart) surnames far more often than real coverage does.
ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr",
          "l", "m", "n", "p", "pr", "qu", "r", "s", "sh", "st", "t", "tr", "th",
          "v", "w", "y", "z", "bl", "fl", "gl", "sl", "sk", "sv", "tz", "", "", ""]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ia", "io", "ou", "ae", "y"]
CODAS = ["n", "r", "s", "l", "th", "k", "d", "m", "v", "nd", "rk", "st", "ck",
         "x", "sz", "rn", "lt", "ss", "nn", "sk", "ov", "ez", "an", "el", ""]


# ----------------------------------------------------------------------------
# Templates
# ----------------------------------------------------------------------------

class _HtmlText(html.parser.HTMLParser):
    """Collects the headline and paragraph text of a simple article page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.paras: list[str] = []
        self._tag: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "h1", "p"):
            self._tag = tag
            self._buf = []

    def handle_endtag(self, tag):
        if tag == self._tag:
            text = " ".join("".join(self._buf).split())
            if tag == "title":
                self.title = text
            elif tag == "h1":
                self.h1 = text
            elif text:
                self.paras.append(text)
            self._tag = None

    def handle_data(self, data):
        if self._tag:
            self._buf.append(data)


def _decode(raw: bytes) -> str:
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def parse_article(text: str) -> tuple[str, list[str]] | None:
    """Headline and paragraphs of a plain-text or (simple) HTML article."""
    if "<p" in text.lower() and "</" in text:
        p = _HtmlText()
        p.feed(text)
        title = p.h1 or re.split(r"\s[|\u2013-]\s", p.title)[0]
        paras = [x for x in p.paras if len(x) > 60]
    else:
        blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
        blocks = [b for b in blocks if b]
        if len(blocks) < 2:
            return None
        title, paras = blocks[0], blocks[1:]
    if not title or len(paras) < 2:
        return None
    return title, paras


def load_templates(source: str, demo_dir: Path, bbc_dir: Path) -> list[tuple[str, list[str], str]]:
    """(headline, paragraphs, topic) of every usable source article."""
    if source == "bbc":
        files = sorted(bbc_dir.glob("*/*.txt"))
    else:
        files = sorted(p for p in demo_dir.iterdir()
                       if p.is_file() and p.suffix in (".txt", ".html"))
    out, seen = [], set()
    for f in files:
        art = parse_article(_decode(f.read_bytes()))
        if art is None:
            continue
        key = (art[0], tuple(art[1]))
        if key in seen:  # the BBC set has byte-identical pairs
            continue
        seen.add(key)
        topic = f.parent.name if source == "bbc" else "demo"
        out.append((art[0], art[1], topic))
    if not out:
        sys.exit(f"gen_corpus: no usable templates for source {source}")
    return out


# ----------------------------------------------------------------------------
# Story variation
# ----------------------------------------------------------------------------

WORD_RE = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\b")
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
NUM_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,]\d)")
MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
SYN_RE = re.compile(r"\b(" + "|".join(SYNONYMS) + r")\b")
SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def name_words(templates: list[tuple[str, list[str]]]) -> set[str]:
    """Capitalised words that occur mid-sentence somewhere and never in lower
    case: treated as names ("On", "Her" are seen lower-cased elsewhere)."""
    names, lower = set(), set()
    for title, paras, _ in templates:
        for para in [title] + paras:
            lower.update(re.findall(r"\b[a-z][a-z'-]*\b", para))
    for _, paras, _ in templates:
        for para in paras:
            for m in WORD_RE.finditer(para):
                before = para[max(0, m.start() - 2):m.start()]
                if m.start() == 0 or re.search(r"[.!?:\"\u201c(]\s?$", before):
                    continue
                w = m.group(0)
                if w not in NOT_NAMES and w.lower() not in lower:
                    names.add(w)
    return names


def gen_name(rng: random.Random) -> str:
    k = rng.choices([1, 2, 3], [2, 5, 3])[0]
    n = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(k)) + rng.choice(CODAS)
    if len(n) < 3:
        n += rng.choice(ONSETS[:-3]) + rng.choice(VOWELS)
    return n.capitalize()


class Story:
    """One story's consistent transformation of template text."""

    def __init__(self, rng: random.Random, names: set[str]):
        self.rng = rng
        self.names = names
        self.mapping: dict[str, str] = {}
        self.year_shift = rng.randint(-12, 12)
        self.month_shift = rng.randint(0, 11)
        self.factor = rng.choice([0.5, 0.75, 0.8, 1.25, 1.5, 2, 3, 1.1, 0.9])
        self.syn = {k: rng.choice(v) for k, v in SYNONYMS.items()}

    def _name(self, m: re.Match) -> str:
        w = m.group(0)
        if w not in self.names:
            return w
        if w not in self.mapping:
            self.mapping[w] = gen_name(self.rng)
        return self.mapping[w]

    def _num(self, m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        if YEAR_RE.fullmatch(whole) and not frac:
            return str(int(whole) + self.year_shift)
        v = int(whole.replace(",", ""))
        if v < 10 and not frac:  # small counts: keep ("2 rounds", "3 times")
            return whole
        nv = int(round(v * self.factor))
        after = m.string[m.end():m.end() + 9]
        if (after.startswith("%") or after.lstrip().startswith("percent")) and nv > 99:
            nv = min(v, 99)  # keep percentages plausible
        s = f"{nv:,}" if "," in whole else str(nv)
        return s + frac

    def apply(self, text: str) -> str:
        text = WORD_RE.sub(self._name, text)
        text = NUM_RE.sub(self._num, text)
        text = MONTH_RE.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + self.month_shift) % 12], text)
        text = SYN_RE.sub(lambda m: self.syn[m.group(1)], text)
        return text


def furniture_lines(rng: random.Random, year: int) -> list[str]:
    site = gen_name(rng).lower() + rng.choice(["news", "hub", "daily", "feed", "post", "wire"])
    ctx = {
        "site": site, "Site": site.capitalize(), "year": year,
        "bot": site + "bot", "t1": gen_name(rng), "t2": gen_name(rng),
        "h1": f"{gen_name(rng)} {rng.choice(['Prices', 'Talks', 'Storm', 'Votes', 'Markets'])} "
              f"{rng.choice(['Rise', 'Stall', 'Hit Coast', 'Slip', 'Resume'])} Ahead Of {rng.choice(WEEKDAYS)}",
        "h2": f"{rng.randint(3, 12)} Things To Know About {gen_name(rng)}",
    }
    k = rng.randint(3, 9)
    return [rng.choice(FURNITURE).format(**ctx) for _ in range(k)]


def render(title: str, paras: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def make_story(sid: int, seed: str, templates, names) -> list[dict]:
    """Original plus derived articles of one story: dicts with text/kind/origin."""
    rng = random.Random(f"{seed}:story:{sid}")
    st = Story(rng, names)
    title, paras, topic = templates[rng.randrange(len(templates))]
    paras = list(paras)
    # Splice in a couple of paragraphs from another template of the same
    # topic: stories should not all be one template with new names, and
    # should not cross topics (the BBC set's folders) either.
    if rng.random() < 0.4:
        _, other, _ = rng.choice([t for t in templates if t[2] == topic])
        for p in rng.sample(other, min(len(other), rng.randint(1, 2))):
            paras.insert(rng.randint(1, len(paras)), p)
    # Occasionally drop a sentence inside a paragraph.
    out_paras = []
    for p in paras:
        sents = SENT_RE.split(p)
        if len(sents) > 2 and rng.random() < 0.25:
            del sents[rng.randrange(len(sents))]
        out_paras.append(" ".join(sents))
    title = st.apply(title)
    body = [st.apply(p) for p in out_paras]
    original = render(title, body)
    arts = [{"text": original, "kind": "original", "origin": None}]

    r = rng.random()
    n_derived = 0 if r < 0.33 else min(8, 1 + int(rng.expovariate(0.45)))
    for _ in range(n_derived):
        kind = rng.choices(["furniture", "partial", "reorder", "exact"], [4, 3, 2, 1])[0]
        if kind == "furniture":
            text = original.rstrip("\n") + "\n\n" + "\n\n".join(
                furniture_lines(rng, 2031 + st.year_shift)) + "\n"
        elif kind == "partial" and len(body) >= 3:
            keep = sorted(rng.sample(range(len(body)), max(2, int(len(body) * rng.uniform(0.4, 0.8)))))
            text = render(title, [body[i] for i in keep])
        elif kind in ("reorder", "partial"):
            kind = "reorder"
            b = list(body)
            for _ in range(max(1, len(b) // 3)):
                i = rng.randrange(len(b))
                b.insert(rng.randrange(len(b)), b.pop(i))
            text = render(title, b)
        else:
            text = original
        arts.append({"text": text, "kind": kind, "origin": 0})
    return arts


# ----------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--source", choices=["auto", "demo", "bbc"], default="auto")
    ap.add_argument("--per-dir", type=int, default=1000)
    ap.add_argument("--demo", type=Path, default=DEFAULT_DEMO)
    ap.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    a = ap.parse_args()

    source = a.source
    if source == "auto":
        source = "bbc" if a.bbc.is_dir() else "demo"
    if source == "bbc" and not a.bbc.is_dir():
        sys.exit(f"gen_corpus: {a.bbc} not found (use --source demo)")
    templates = load_templates(source, a.demo, a.bbc)
    names = name_words(templates)

    # Stories until N articles; the last one is cut short.
    articles = []  # (story, text, kind, origin_local_index)
    sid = 0
    while len(articles) < a.n:
        for i, art in enumerate(make_story(sid, a.seed, templates, names)):
            if len(articles) >= a.n:
                break
            articles.append((sid, i, art))
        sid += 1

    # Shuffle file numbers so copies do not sit next to their originals.
    order = list(range(len(articles)))
    random.Random(f"{a.seed}:order:{a.n}").shuffle(order)
    width = max(6, len(str(a.n - 1)))
    dwidth = max(3, len(str((a.n - 1) // a.per_dir)))
    names_of = {}
    for slot, idx in enumerate(order):
        rel = f"{slot // a.per_dir:0{dwidth}d}/{slot:0{width}d}.txt"
        names_of[idx] = rel

    if a.outdir.exists() and any(a.outdir.iterdir()):
        sys.exit(f"gen_corpus: {a.outdir} exists and is not empty")
    first_of_story = {}
    for idx, (s, i, _) in enumerate(articles):
        if i == 0:
            first_of_story[s] = idx
    files, total_bytes = [], 0
    for idx, (s, i, art) in enumerate(articles):
        path = a.outdir / names_of[idx]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = art["text"].encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)
        origin = names_of[first_of_story[s]] if art["origin"] is not None else None
        files.append({"file": names_of[idx], "story": s, "kind": art["kind"], "origin": origin})
    files.sort(key=lambda f: f["file"])

    truth = {
        "generator": "bench/gen_corpus.py",
        "n": a.n, "seed": a.seed, "source": source,
        "templates": len(templates), "stories": sid, "bytes": total_bytes,
        "corpus": str(a.outdir),
        "note": "origin = the file this one copies (same story); kinds: original, furniture, partial, reorder, exact",
        "files": files,
    }
    truth_path = a.outdir.parent / f"truth-{a.n}.json"
    truth_path.write_text(json.dumps(truth, indent=1) + "\n")
    print(json.dumps({k: truth[k] for k in ("n", "source", "templates", "stories", "bytes")}))


if __name__ == "__main__":
    main()
