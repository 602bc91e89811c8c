#!/usr/bin/env python3
"""Million-article news-please corpus generator for newsdesk's corpus benchmark.

    bench/corpus/gen.py N OUTDIR [--seed S] [--shard 50000] [--workers W]
                                 [--bbc DIR] [--rate 1000] [--level 3]

Writes OUTDIR/shard-0000.jsonl.gz, shard-0001.jsonl.gz, ... (SHARD records
each, gzip with a fixed header so the bytes are reproducible), one JSON
object per line with news-please field names (url, title, maintext,
date_publish, source_domain, authors, language), plus

  * OUTDIR/truth.jsonl.gz  one line per record, in record order:
        rid, shard, line, url, story, kind, origin (rid or null),
        origin_url, altered (list of {type, from, to}), outlet, date,
        paragraphs (the record's sources: [BBC template, paragraph,
        sentence], sentence -1 = a whole lede paragraph);
  * OUTDIR/meta.json       counts, seed, generator hash, timings.

Templates are the BBC articles of ../shared/data/bbc-news (read at run time
only, never copied into the repository), parsed and varied with the logic of
bench/gen_corpus.py (names, years, months, numbers, synonyms per story).

Every *story* has a cast of 4-7 generated names, a BBC template's headline
and lede, then 4-10 paragraphs of sentences drawn from random templates of
the same topic (see `compose` for why), with per-story names (mostly the
cast), numbers, dates and word choices. It then gets, besides its original report:
  * exact      byte-identical maintext under another outlet and URL;
  * furniture  the maintext with site furniture lines around it;
  * partial    an ordered subset of the paragraphs;
  * reorder    the same paragraphs, some moved;
  * paraphrase a rewrite: synonym swaps, sentences reordered, dropped and
               added, and often an ALTERED FACT (a number or a name
               changed; recorded in `altered`);
  * heavy_paraphrase  the same plus filler words every 3-6 words, so that,
               as in a machine rewrite, few 5-word shingles survive;
  * related    an independent report of the same story: composed afresh
               from the topic, with the same cast and days (same story, no
               copy origin).
About a third of the stories are single articles (unrelated to the rest).

Time: stories start at a steady rate (--rate articles a day on average,
from 2031-01-06), derived articles appear minutes to days after their
origin, and records are written in publication order. The order does not
depend on N, so the corpus for N is the first N records of the corpus for
any larger N (same seed): a corpus that grows.

Same arguments, same bytes: all randomness comes from `random.Random`
seeded with strings derived from --seed and the story number, and the
worker count only changes speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import heapq
import json
import multiprocessing as mp
import os
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import gen_corpus as gc  # noqa: E402  (bench/gen_corpus.py: templates, names, Story)

EPOCH = dt.datetime(2031, 1, 6)
# Mean articles per story (singles, derived copies, related reports), used
# only to turn --rate (articles a day) into stories a day.
MEAN_PER_STORY = 2.85
CHUNK = 400  # stories per worker task

# A wider synonym table than gen_corpus's: stories pick one word per entry
# (so two stories from one template differ more), paraphrases swap again.
SYN = {
    "said": ["said", "told reporters", "stated", "added", "noted", "explained"],
    "says": ["says", "states", "notes", "argues"],
    "talks": ["talks", "negotiations", "discussions"],
    "government": ["government", "administration", "cabinet"],
    "announced": ["announced", "unveiled", "confirmed", "revealed"],
    "increase": ["increase", "rise", "jump", "climb"],
    "company": ["company", "firm", "group", "business"],
    "officials": ["officials", "aides", "representatives"],
    "agreement": ["agreement", "deal", "accord"],
    "however": ["however", "though", "nevertheless", "still"],
    "people": ["people", "residents", "citizens", "individuals"],
    "big": ["big", "large", "major", "significant"],
    "new": ["new", "fresh", "latest"],
    "expected": ["expected", "forecast", "predicted", "anticipated"],
    "plans": ["plans", "proposals", "schemes"],
    "market": ["market", "sector", "industry"],
    "sales": ["sales", "revenues", "turnover"],
    "profits": ["profits", "earnings", "income"],
    "shares": ["shares", "stock", "equities"],
    "fell": ["fell", "dropped", "declined", "slipped"],
    "rose": ["rose", "climbed", "increased", "gained"],
    "help": ["help", "assist", "support"],
    "show": ["show", "reveal", "indicate", "suggest"],
    "shows": ["shows", "reveals", "indicates", "suggests"],
    "important": ["important", "key", "crucial", "vital"],
    "problem": ["problem", "issue", "difficulty"],
    "problems": ["problems", "issues", "difficulties"],
    "start": ["start", "begin", "launch"],
    "began": ["began", "started", "commenced"],
    "called": ["called", "urged", "pressed"],
    "told": ["told", "informed", "assured"],
    "believe": ["believe", "think", "reckon"],
    "want": ["want", "wish", "hope"],
    "need": ["need", "require"],
    "made": ["made", "produced", "created"],
    "firms": ["firms", "companies", "businesses"],
    "game": ["game", "match", "contest"],
    "win": ["win", "victory", "triumph"],
    "team": ["team", "side", "squad"],
    "film": ["film", "movie", "picture"],
    "music": ["music", "songs", "tunes"],
    "users": ["users", "customers", "subscribers"],
    "technology": ["technology", "tech", "engineering"],
    "minister": ["minister", "secretary"],
    "party": ["party", "movement"],
    "election": ["election", "vote", "poll"],
    "percent": ["percent", "per cent"],
    "also": ["also", "additionally", "too"],
    "about": ["about", "around", "roughly"],
    "but": ["but", "yet", "although"],
    "because": ["because", "since", "as"],
    "many": ["many", "numerous", "several"],
    "quickly": ["quickly", "rapidly", "swiftly"],
    "major": ["major", "leading", "principal"],
    "top": ["top", "leading", "senior"],
}
SYN_RE = re.compile(r"\b(" + "|".join(sorted(SYN, key=len, reverse=True)) + r")\b")

# Sentences rewriters add (boilerplate-ish, shared across the corpus).
ADDED = [
    "{name} could not be reached for comment on Monday.",
    "The details could not be independently verified.",
    "Analysts expect more details to emerge in the coming days.",
    "More details are expected as the story develops.",
    "The announcement drew a mixed reaction online.",
    "Critics said the move raised fresh questions for {name}.",
    "It is not yet clear what happens next, observers say.",
    "{name} has faced similar questions before.",
    "Here is what we know so far.",
    "The news comes amid wider uncertainty in the sector.",
]
LEAD_FURNITURE = ["Advertisement", "Share this article", "Listen to this article",
                  "Breaking", "Skip to content", "Home > News"]

OUTLET_SUFFIX = ["news", "daily", "times", "post", "herald", "wire", "report",
                 "today", "journal", "hub", "feed", "chronicle"]
N_OUTLETS = 300
N_MAINSTREAM = 60  # outlets 0..59 write originals; the rest mostly copy


def outlets(seed: str) -> list[str]:
    rng = random.Random(f"{seed}:outlets")
    out, seen = [], set()
    while len(out) < N_OUTLETS:
        d = f"{gc.gen_name(rng).lower()}{rng.choice(OUTLET_SUFFIX)}.example"
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


_arng = random.Random("authors")
AUTHOR_POOL = [gc.gen_name(_arng) for _ in range(4000)]


def zipf_pick(rng: random.Random, lo: int, hi: int) -> int:
    """Index in [lo, hi) with weight 1/(rank+1): a few big outlets."""
    n = hi - lo
    # Inverse-CDF of a continuous 1/x law on [1, n+1): cheap and deterministic.
    x = (n + 1) ** rng.random()
    return lo + min(n - 1, int(x) - 1)


# ----------------------------------------------------------------------------
# Worker state (set once per process)
# ----------------------------------------------------------------------------

G: dict = {}


def init_globals(bbc: Path, seed: str) -> None:
    templates = gc.load_templates("bbc", Path("."), bbc)
    by_topic: dict[str, list[int]] = {}
    for i, t in enumerate(templates):
        by_topic.setdefault(t[2], []).append(i)
    sents_by_topic: dict[str, list[tuple[int, int, int, str]]] = {}
    for i, (_, paras, topic) in enumerate(templates):
        for pi, p in enumerate(paras[1:], 1):  # ledes open stories only
            for si, sent in enumerate(split_sents(p)):
                if len(sent) >= 40:
                    sents_by_topic.setdefault(topic, []).append((i, pi, si, sent))
    G.update(templates=templates, names=gc.name_words(templates), by_topic=by_topic,
             outlets=outlets(seed), seed=seed, sents_by_topic=sents_by_topic)


# One pass for numbers, capitalised words (names, months) and synonyms:
# the same substitutions as gen_corpus.Story.apply's four passes, ~2x faster.
ONE_RE = re.compile(
    r"(?P<num>" + gc.NUM_RE.pattern + r")|(?P<word>" + gc.WORD_RE.pattern + r")|(?P<syn>"
    + SYN_RE.pattern + r")")
MONTH_INDEX = {m: i for i, m in enumerate(gc.MONTHS)}


class StoryX(gc.Story):
    """gen_corpus.Story with the wider synonym table and a one-pass apply."""

    def __init__(self, rng: random.Random, names: set[str], cast: list[str]):
        super().__init__(rng, names)
        self.syn2 = {k: rng.choice(v) for k, v in SYN.items()}
        self.cast = cast

    def _one(self, m: re.Match) -> str:
        if m.group("num") is not None:
            whole, frac = m.group(2), m.group(3) or ""
            if gc.YEAR_RE.fullmatch(whole) and not frac:
                return str(int(whole) + self.year_shift)
            v = int(whole.replace(",", ""))
            if v < 10 and not frac:
                return m.group(0)
            nv = int(round(v * self.factor))
            after = m.string[m.end():m.end() + 9]
            if (after.startswith("%") or after.lstrip().startswith("percent")) and nv > 99:
                nv = min(v, 99)
            return (f"{nv:,}" if "," in whole else str(nv)) + frac
        w = m.group("word")
        if w is not None:
            if w in MONTH_INDEX:
                return gc.MONTHS[(MONTH_INDEX[w] + self.month_shift) % 12]
            if w not in self.names:
                return w
            if w not in self.mapping:
                # Most template names become one of the story's cast (a
                # story is about a few people and places); some stay minor.
                self.mapping[w] = (self.cast[len(self.mapping) % len(self.cast)]
                                   if self.rng.random() < 0.75 else gc.gen_name(self.rng))
            return self.mapping[w]
        return self.syn2[m.group("syn")]

    def apply(self, text: str) -> str:
        return ONE_RE.sub(self._one, text)


def split_sents(p: str) -> list[str]:
    return [s for s in gc.SENT_RE.split(p) if s]


FILLERS = ["reportedly", "also", "now", "indeed", "notably", "in fact", "so far",
           "then", "meanwhile", "apparently", "clearly", "still"]


def interleave(rng: random.Random, sent: str) -> str:
    """A filler word after every 3-6 words: a machine rewrite's effect on
    shingles (most 5-word runs change) while the words themselves stay."""
    words = sent.split(" ")
    out, k = [], rng.randint(3, 6)
    for i, w in enumerate(words, 1):
        out.append(w)
        if i % k == 0 and i < len(words):
            out.append(rng.choice(FILLERS))
    return " ".join(out)


def paraphrase(rng: random.Random, title: str, body: list[str], names_used: list[str],
               heavy: bool = False):
    """A rewrite of (title, body) and the facts it altered. `heavy` also
    interleaves filler words, so few 5-word shingles survive."""
    altered = []
    swap = lambda m: rng.choice(SYN[m.group(1)]) if rng.random() < 0.7 else m.group(1)
    paras = []
    for p in body:
        sents = split_sents(SYN_RE.sub(swap, p))
        if len(sents) > 1 and rng.random() < 0.5:  # reorder inside the paragraph
            i, j = rng.sample(range(len(sents)), 2)
            sents[i], sents[j] = sents[j], sents[i]
        if len(sents) > 1 and rng.random() < 0.3:  # drop one sentence
            del sents[rng.randrange(len(sents))]
        if rng.random() < 0.12:  # add one
            sents.insert(rng.randint(0, len(sents)),
                         rng.choice(ADDED).format(name=rng.choice(names_used) if names_used else "The company"))
        if heavy:
            sents = [interleave(rng, x) for x in sents]
        if sents:
            paras.append(" ".join(sents))
    if len(paras) > 2 and rng.random() < 0.4:  # drop a paragraph
        del paras[rng.randrange(1, len(paras))]
    if len(paras) > 2:  # move a paragraph
        i = rng.randrange(1, len(paras))
        paras.insert(rng.randrange(1, len(paras)), paras.pop(i))
    text = "\n".join(paras)
    # Altered facts: one number (often), one name (sometimes).
    if rng.random() < 0.6:
        nums = [m for m in gc.NUM_RE.finditer(text)
                if not gc.YEAR_RE.fullmatch(m.group(1)) and int(m.group(1).replace(",", "")) >= 10]
        if nums:
            m = rng.choice(nums)
            v = int(m.group(1).replace(",", ""))
            nv = v + max(1, int(v * rng.choice([0.1, 0.2, 0.25, 0.5, 1.0]))) * rng.choice([-1, 1])
            nv = nv if nv > 0 else v * 2
            s = f"{nv:,}" if "," in m.group(1) else str(nv)
            text = text[:m.start(1)] + s + text[m.end(1):]
            altered.append({"type": "number", "from": m.group(1), "to": s})
    if names_used and rng.random() < 0.3:
        present = [n for n in names_used if n in text]
        if present:
            old = rng.choice(present)
            new = gc.gen_name(rng)
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
            title = re.sub(rf"\b{re.escape(old)}\b", new, title)
            altered.append({"type": "name", "from": old, "to": new})
    title = SYN_RE.sub(swap, title)
    return title, text, altered


def compose(rng: random.Random, st: StoryX, t0: int) -> tuple[str, list[str], list[list[int]]]:
    """Headline and body of one report: the template's headline and lede
    paragraph, then 4-10 paragraphs of 1-3 sentences, each sentence drawn
    from a random template of the same topic. Returns the title, the
    paragraphs and the sources ([template, paragraph, sentence]; sentence
    -1 = the whole lede).

    2,127 BBC articles cannot give a million distinct stories whole: a story
    built from one template shares most of its wording with every other
    story built from it (hundreds at 1M), which any copy detector rightly
    calls a copy; drawn paragraph by paragraph, two unrelated stories still
    share a whole paragraph so often at 1M (each paragraph ~280 times) that
    short articles look like partial copies. Drawn sentence by sentence from
    the topic's ~9,000 sentences, they share a sentence now and then, as
    real reports share a stock line."""
    T, pool = G["templates"], G["sents_by_topic"]
    title, tparas, topic = T[t0]
    sources = [[t0, 0, -1]]
    lede = split_sents(tparas[0])
    if len(lede) > 2 and rng.random() < 0.3:
        del lede[rng.randrange(len(lede))]
    body = [st.apply(" ".join(lede))]
    sents = pool[topic]
    for _ in range(rng.randint(4, 10)):
        para = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            t, pi, si, text = sents[rng.randrange(len(sents))]
            sources.append([t, pi, si])
            para.append(text)
        body.append(st.apply(" ".join(para)))
    return st.apply(title), body, sources


def make_story(sid: int) -> list[dict]:
    """Records of one story, each with its timestamp (minutes) and truth."""
    T, names, by_topic = G["templates"], G["names"], G["by_topic"]
    outl, seed = G["outlets"], G["seed"]
    rng = random.Random(f"{seed}:xstory:{sid}")
    cast = [gc.gen_name(rng) for _ in range(rng.randint(4, 7))]
    st = StoryX(rng, names, cast)
    t0 = rng.randrange(len(T))
    title, tparas, topic = T[t0]
    title, body, used = compose(rng, st, t0)
    names_used = cast
    per_day = PER_DAY_STORIES
    t_story = int((sid + rng.random()) / per_day * 1440)  # minutes since EPOCH
    o_outlet = zipf_pick(rng, 0, N_MAINSTREAM)

    def rec(kind, ttl, text, outlet, minute, origin, altered=(), sources=None):
        return {"kind": kind, "title": ttl, "text": text, "outlet": outlet, "t": minute,
                "origin": origin, "altered": list(altered), "paragraphs": sources or used}

    arts = [rec("original", title, "\n".join(body), o_outlet, t_story, None)]
    r = rng.random()
    n_derived = 0 if r < 0.33 else min(8, 1 + int(rng.expovariate(0.5)))
    for _ in range(n_derived):
        kind = rng.choices(["exact", "furniture", "partial", "reorder", "paraphrase", "heavy_paraphrase"],
                           [1, 3, 2, 1, 2, 2])[0]
        u = rng.random()
        delay = (rng.randint(5, 600) if u < 0.6 else rng.randint(600, 2 * 1440) if u < 0.92
                 else rng.randint(2 * 1440, 6 * 1440))
        outlet = zipf_pick(rng, N_MAINSTREAM, N_OUTLETS) if rng.random() < 0.8 else zipf_pick(rng, 0, N_MAINSTREAM)
        if outlet == o_outlet:
            outlet = (outlet + 1) % N_OUTLETS
        ttl, alt = title, []
        if kind == "exact":
            text = arts[0]["text"]
        elif kind == "furniture":
            lines = gc.furniture_lines(rng, 2031 + st.year_shift)
            lead = rng.sample(LEAD_FURNITURE, rng.randint(0, 2))
            text = "\n".join(lead + body + lines)
            if rng.random() < 0.3:
                ttl = f"{title} | {outl[outlet].split('.')[0].capitalize()}"
        elif kind == "partial" and len(body) >= 3:
            keep = sorted(rng.sample(range(len(body)), max(2, int(len(body) * rng.uniform(0.4, 0.8)))))
            text = "\n".join(body[i] for i in keep)
        elif kind in ("reorder", "partial"):
            kind = "reorder"
            b = list(body)
            for _ in range(max(1, len(b) // 3)):
                i = rng.randrange(len(b))
                b.insert(rng.randrange(len(b)), b.pop(i))
            text = "\n".join(b)
        else:
            ttl, text, alt = paraphrase(rng, title, body, names_used, heavy=kind == "heavy_paraphrase")
        arts.append(rec(kind, ttl, text, outlet, t_story + delay, 0, alt))
    # Independent reports of the same story (same names, other wording).
    if n_derived and rng.random() < 0.35:
        for _ in range(rng.randint(1, 2)):
            t2 = rng.choice(by_topic[topic])
            st2 = StoryX(rng, names, cast)
            st2.year_shift, st2.month_shift, st2.factor = st.year_shift, st.month_shift, st.factor
            ttl, paras2, used2 = compose(rng, st2, t2)
            text = "\n".join(paras2)
            outlet = zipf_pick(rng, 0, N_MAINSTREAM)
            arts.append(rec("related", ttl, text, outlet, t_story + rng.randint(30, 3 * 1440), None, (), used2))
    for i, a in enumerate(arts):
        a["story"] = sid
        a["local"] = i
        a["nodate"] = rng.random() < 0.04
        a["authors"] = [f"{rng.choice(AUTHOR_POOL)} {rng.choice(AUTHOR_POOL)}"
                        for _ in range(rng.choice([0, 1, 1, 1, 2]))]
    return arts


PER_DAY_STORIES = 1000 / MEAN_PER_STORY  # replaced from --rate in main()


def slug(title: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return s[:60].rstrip("-") or "article"


def chunk_records(c: int) -> list[tuple]:
    """(minute, story, local, json line, truth dict) for stories of chunk c."""
    out = []
    outl = G["outlets"]
    for sid in range(c * CHUNK, (c + 1) * CHUNK):
        for a in make_story(sid):
            when = EPOCH + dt.timedelta(minutes=a["t"])
            domain = outl[a["outlet"]]
            h = hashlib.blake2b(f"{G['seed']}:{sid}:{a['local']}".encode(), digest_size=4).hexdigest()
            url = f"https://{domain}/{when:%Y/%m/%d}/{slug(a['title'])}-{h}"
            date = None if a["nodate"] else when.strftime("%Y-%m-%d %H:%M:%S")
            line = json.dumps({
                "url": url, "title": a["title"], "maintext": a["text"], "date_publish": date,
                "source_domain": domain, "authors": a["authors"], "language": "en",
            }, ensure_ascii=False)
            truth = {"url": url, "story": sid, "kind": a["kind"], "local": a["local"],
                     "origin_local": a["origin"], "altered": a["altered"], "outlet": domain,
                     "date": date, "paragraphs": a["paragraphs"]}
            out.append((a["t"], sid, a["local"], line, truth))
    return out


def _worker_init(bbc: str, seed: str, per_day: float) -> None:
    global PER_DAY_STORIES
    PER_DAY_STORIES = per_day
    if not G:
        init_globals(Path(bbc), seed)


class GzShards:
    """Writes records into numbered gzip shards with reproducible headers."""

    def __init__(self, outdir: Path, per: int, level: int, stem: str = "shard"):
        self.outdir, self.per, self.level, self.stem = outdir, per, level, stem
        self.n = 0
        self.f = self.gz = None
        self.files: list[str] = []
        self.bytes = 0

    def write(self, line: str) -> tuple[str, int]:
        if self.n % self.per == 0:
            self.close()
            name = f"{self.stem}-{len(self.files):04d}.jsonl.gz"
            self.files.append(name)
            self.f = open(self.outdir / name, "wb")
            # filename="" and mtime=0: the gzip header carries neither.
            self.gz = gzip.GzipFile(filename="", mode="wb", fileobj=self.f, compresslevel=self.level, mtime=0)
        data = (line + "\n").encode("utf-8")
        self.gz.write(data)
        self.bytes += len(data)
        lineno = self.n % self.per + 1
        self.n += 1
        return self.files[-1], lineno

    def close(self) -> None:
        if self.gz:
            self.gz.close()
            self.f.close()
            self.gz = self.f = None


def main() -> None:
    global PER_DAY_STORIES
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--shard", type=int, default=50_000, help="records per shard")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--bbc", type=Path, default=gc.DEFAULT_BBC)
    ap.add_argument("--rate", type=float, default=1000.0, help="articles a day, on average")
    ap.add_argument("--level", type=int, default=3, help="gzip level")
    a = ap.parse_args()
    if not a.bbc.is_dir():
        sys.exit(f"gen: {a.bbc} not found (the BBC templates are read from ../shared)")
    if a.outdir.exists() and any(a.outdir.iterdir()):
        sys.exit(f"gen: {a.outdir} exists and is not empty")
    a.outdir.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    PER_DAY_STORIES = a.rate / MEAN_PER_STORY
    init_globals(a.bbc, a.seed)

    shards = GzShards(a.outdir, a.shard, a.level)
    truth_f = open(a.outdir / "truth.jsonl.gz", "wb")
    truth = gzip.GzipFile(filename="", mode="wb", fileobj=truth_f, compresslevel=6, mtime=0)
    heap: list[tuple] = []
    rid_of: dict[tuple[int, int], int] = {}
    url_of: dict[int, str] = {}
    counts: dict[str, int] = {}
    written = 0
    stories_max = -1

    def emit(item) -> None:
        nonlocal written
        _, sid, local, line, tr = item
        shard, lineno = shards.write(line)
        rid = written
        written += 1
        rid_of[(sid, local)] = rid
        if local == 0:
            url_of[sid] = tr["url"]
        origin = None
        if tr["origin_local"] is not None:
            origin = rid_of.get((sid, tr["origin_local"]))
        counts[tr["kind"]] = counts.get(tr["kind"], 0) + 1
        row = {"rid": rid, "shard": shard, "line": lineno, "url": tr["url"], "story": sid,
               "kind": tr["kind"], "origin": origin,
               "origin_url": url_of.get(sid) if tr["origin_local"] is not None else None,
               "altered": tr["altered"], "outlet": tr["outlet"], "date": tr["date"],
               "paragraphs": tr["paragraphs"]}
        truth.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))

    ctx = mp.get_context("fork")
    workers = max(1, a.workers)
    pool = ctx.Pool(workers, initializer=_worker_init, initargs=(str(a.bbc), a.seed, PER_DAY_STORIES)) if workers > 1 else None

    def results():
        """Chunk results in order, a bounded number in flight."""
        if pool is None:
            c = 0
            while True:
                yield chunk_records(c)
                c += 1
        inflight, nxt = [], 0
        while True:
            while len(inflight) < 2 * workers:
                inflight.append(pool.apply_async(chunk_records, (nxt,)))
                nxt += 1
            yield inflight.pop(0).get()

    it = results()
    try:
        for c, recs in enumerate(it):
            for item in recs:
                heapq.heappush(heap, item)
            stories_max = (c + 1) * CHUNK - 1
            # Stories after this chunk start no earlier than this minute:
            # everything before it is final, in (minute, story, local) order.
            safe = int((stories_max + 1) / PER_DAY_STORIES * 1440)
            while heap and heap[0][0] < safe and written < a.n:
                emit(heapq.heappop(heap))
            if written >= a.n:
                break
            # Forget ids of stories long finished (their copies are all out).
            if c % 50 == 0 and len(rid_of) > 200_000:
                horizon = (stories_max - 20 * PER_DAY_STORIES)
                rid_of = {k: v for k, v in rid_of.items() if k[0] >= horizon}
                url_of = {k: v for k, v in url_of.items() if k >= horizon}
    finally:
        if pool:
            pool.terminate()
    shards.close()
    truth.close()
    truth_f.close()
    gen_py = Path(__file__).read_bytes() + (HERE.parent / "gen_corpus.py").read_bytes()
    meta = {
        "generator": "bench/corpus/gen.py", "generator_sha1": hashlib.sha1(gen_py).hexdigest()[:12],
        "n": written, "seed": a.seed, "rate_per_day": a.rate, "shard_records": a.shard,
        "shards": shards.files, "templates": len(G["templates"]), "outlets": N_OUTLETS,
        "stories_generated": stories_max + 1, "kinds": dict(sorted(counts.items())),
        "maintext_json_bytes": shards.bytes, "workers": workers,
        "seconds": round(time.time() - t_start, 1),
        "first_date": EPOCH.strftime("%Y-%m-%d"),
    }
    (a.outdir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps({k: meta[k] for k in ("n", "stories_generated", "kinds", "maintext_json_bytes", "seconds")}))


if __name__ == "__main__":
    main()
