#!/usr/bin/env python3
"""Scores newsdesk's duplicate/copy links and stories against the generator's
ground truth (bench/corpus/gen.py's truth.jsonl.gz).

    bench/corpus/evaluate.py CORPUS_DIR DB COPIES.json [--out EVAL.json]

COPIES.json is `newsdesk copies --format json` (one best origin per copy
article). The store is read read-only with sqlite3 only to map input
records (`inputs.locator` = "<shard path>:line N") to article ids and to
read story assignments; nothing is written.

Definitions (record level: a record is one JSON line of the corpus).

* Copy group: an original with every record derived from it (exact,
  furniture, partial, reorder, paraphrase, heavy_paraphrase). `related`
  reports and singles are groups of one. (Stories are scored separately.)
* Predicted edges: (a) every record newsdesk stored as a duplicate of an
  article (same cleaned text) — edge to the record that first inserted the
  article; (b) every copy link of `newsdesk copies` — edge between the
  first records of the two articles.
* Link precision: share of predicted edges whose two records are in the
  same copy group ("linked to the right origin or to another member of its
  copy group"). Wrong edges are classified: same story (a related report
  linked as a copy), shared template sentence (two stories that drew a
  sentence or lede from the same BBC source), other.
* Link recall: share of derived records with at least one correct edge
  (to its origin or any member of its group), per kind.
* Pairwise closure P/R: union of predicted edges into components,
  compared with the copy groups over all record pairs.
* Stories: each record takes its article's story; pairwise P/R against
  the generator's story ids (records of one story = same event), and the
  counts of stories made and true stories.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

DERIVED = ("exact", "furniture", "partial", "reorder", "paraphrase", "heavy_paraphrase")


class Truth:
    """The generator's truth, compact (a million records fit in a few
    hundred MB): per record its story, kind, copy group and whether facts
    were altered; source paragraphs are read again only for the few
    records a wrong edge touches."""

    def __init__(self, corpus: Path):
        self.corpus = corpus
        meta = json.loads((corpus / "meta.json").read_text())
        self.shard_index = {name: i for i, name in enumerate(meta["shards"])}
        self.per_shard = meta["shard_records"]
        self.story: list[int] = []
        self.kind: list[str] = []
        self.group: list[int] = []
        self.altered: list[bool] = []
        kinds: dict[str, str] = {}
        with gzip.open(corpus / "truth.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)
                self.story.append(t["story"])
                self.kind.append(kinds.setdefault(t["kind"], t["kind"]))
                self.group.append(t["origin"] if t["origin"] is not None else t["rid"])
                self.altered.append(bool(t["altered"]))
        self._sources: dict[int, set] = {}

    def __len__(self) -> int:
        return len(self.story)

    def rid(self, shard: str, line: int) -> int | None:
        i = self.shard_index.get(shard)
        if i is None:
            return None
        r = i * self.per_shard + line - 1
        return r if 0 <= r < len(self.story) else None

    def sources(self, rids: set[int]) -> dict[int, set]:
        """Source [template, paragraph, sentence] sets of some records."""
        want = rids - set(self._sources)
        if want:
            with gzip.open(self.corpus / "truth.jsonl.gz", "rt", encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i in want:
                        self._sources[i] = {tuple(x) for x in json.loads(line)["paragraphs"]}
        return {r: self._sources[r] for r in rids}


def load_truth(corpus: Path) -> Truth:
    return Truth(corpus)


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(pred: list, gold: list) -> dict:
    """Pairwise P/R/F1 of two labelings of the same items."""
    both = Counter(zip(pred, gold))
    tp = sum(pairs(c) for c in both.values())
    pp = sum(pairs(c) for c in Counter(pred).values())
    gp = sum(pairs(c) for c in Counter(gold).values())
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "pred_pairs": pp, "true_pairs": gp}


class UF:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def score_edges(truth: Truth, edges: list[tuple[int, int, str]]) -> dict:
    """Link precision/recall of record edges (u, v, relation)."""
    group = truth.group
    n = len(truth)
    correct_by_rel: Counter = Counter()
    total_by_rel: Counter = Counter()
    wrong_kind: Counter = Counter()
    covered = [False] * n
    uf = UF(n)
    wrong_other: list[tuple[int, int]] = []
    for u, v, rel in edges:
        total_by_rel[rel] += 1
        uf.union(u, v)
        if group[u] == group[v]:
            correct_by_rel[rel] += 1
            covered[u] = covered[v] = True
        elif truth.story[u] == truth.story[v]:
            wrong_kind["same story (related report)"] += 1
        else:
            wrong_other.append((u, v))
    src = truth.sources({x for e in wrong_other for x in e}) if len(wrong_other) <= 200_000 else None
    for u, v in wrong_other:
        if src is None:
            wrong_kind["different stories"] += 1
        elif src[u] & src[v]:
            wrong_kind["shared template sentence"] += 1
        else:
            wrong_kind["other"] += 1
    tot = sum(total_by_rel.values())
    cor = sum(correct_by_rel.values())
    by_kind = {}
    for k in DERIVED:
        idx = [i for i, kk in enumerate(truth.kind) if kk == k]
        if idx:
            by_kind[k] = {"records": len(idx), "recall": round(sum(covered[i] for i in idx) / len(idx), 4)}
    derived = [i for i, kk in enumerate(truth.kind) if kk in DERIVED]
    altered = [i for i in derived if truth.altered[i]]
    comp = [uf.find(i) for i in range(n)]
    return {
        "edges": tot, "correct": cor,
        "precision": round(cor / tot, 4) if tot else 1.0,
        "recall": round(sum(covered[i] for i in derived) / len(derived), 4) if derived else 1.0,
        "derived_records": len(derived),
        "recall_by_kind": by_kind,
        "recall_altered_facts": round(sum(covered[i] for i in altered) / len(altered), 4) if altered else None,
        "precision_by_relation": {r: {"edges": total_by_rel[r], "precision": round(correct_by_rel[r] / total_by_rel[r], 4)}
                                  for r in sorted(total_by_rel)},
        "wrong_edges": dict(wrong_kind),
        "closure_pairwise": pairwise(comp, group),
    }


LOC_RE = re.compile(r"^(.*):line (\d+)$")


def newsdesk_records(truth: Truth, db: Path):
    """(article of each record, its input status, first record of each
    article, story of each article)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    art_of: list[str | None] = [None] * len(truth)
    status: list[str | None] = [None] * len(truth)
    for loc, st, art in con.execute("SELECT locator, status, article FROM inputs ORDER BY seq"):
        m = LOC_RE.match(loc)
        if not m:
            continue
        rid = truth.rid(Path(m.group(1)).name, int(m.group(2)))
        if rid is None:
            continue
        art_of[rid] = art
        status[rid] = st
    first: dict[str, int] = {}
    for rid, (a, st) in enumerate(zip(art_of, status)):
        if a is not None and st == "inserted":
            first.setdefault(a, rid)
    for rid, a in enumerate(art_of):  # an article first inserted by a run before
        if a is not None:
            first.setdefault(a, rid)
    story = dict(con.execute("SELECT article, story FROM story_assignments"))
    con.close()
    return art_of, status, first, story


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("copies", type=Path)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    truth = load_truth(a.corpus)
    art_of, status, first, story = newsdesk_records(truth, a.db)
    edges: list[tuple[int, int, str]] = []
    for rid, (art, st) in enumerate(zip(art_of, status)):
        if st == "duplicate" and art in first and first[art] != rid:
            edges.append((rid, first[art], "same text (ingest dedup)"))
    copies = json.load(open(a.copies))
    for g in copies["groups"]:
        o = first.get(g["origin"])
        for c in g["copies"]:
            r = first.get(c["article"])
            if o is not None and r is not None:
                edges.append((r, o, c["relation"]))
    res = {"links": score_edges(truth, edges)}
    # Stories: records without an article (rejected) get their own label.
    pred = [story.get(art, f"none-{i}") if art else f"none-{i}" for i, art in enumerate(art_of)]
    gold = truth.story
    res["stories"] = pairwise(pred, gold)
    res["stories"].update({"stories_made": len(set(pred)), "true_stories": len(set(gold))})
    res["records"] = len(truth)
    res["records_unmapped"] = sum(a is None for a in art_of)
    out = json.dumps(res, indent=1)
    if a.out:
        a.out.write_text(out + "\n")
    print(out)


if __name__ == "__main__":
    main()
