#!/usr/bin/env python3
"""Search latency of `newsdesk search` on an ingested store.

    search_bench.py CORPUS_DIR DB BIN [--queries 200] [--seed 1] [--out OUT.json]

Queries are built deterministically from the corpus itself (the first
shard): single content words, two-word phrases in quotes (consecutive words
of an article), each with no filter, `--outlet` (a source_domain of the
corpus), `--since` (a publication date of the corpus) or `--entity` (a
capitalised name from an article), in equal parts.

Each query is one `BIN search QUERY --db DB --format json` process, timed
from spawn to exit: the latency includes process start and opening the
store (SQLite), not only the query. A floor is measured too: the same
invocation for a word that occurs nowhere, repeated 20 times (its median is
start-up + open + an empty index probe). Reported: p50/p95/p99/max over all
queries and per query kind, mean hits, and the floor.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import subprocess
import time
from pathlib import Path

STOP = set("""the a an and or but of to in on at for with by from as is are was were be been
this that these those it its he she they we you i his her their our not no will would could
should has have had said says also than then there here which who whom what when where why how
about into over after before more most some such only other new one two""".split())


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def build_queries(corpus: Path, n: int, seed: str) -> list[dict]:
    meta = json.loads((corpus / "meta.json").read_text())
    rng = random.Random(f"{seed}:search")
    recs = []
    with gzip.open(corpus / meta["shards"][0], "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 5000:
                break
            recs.append(json.loads(line))
    outlets = sorted({r["source_domain"] for r in recs})
    dates = sorted({r["date_publish"][:10] for r in recs if r.get("date_publish")})
    qs = []
    kinds = ["word", "phrase"]
    filters = ["none", "outlet", "since", "entity"]
    for i in range(n):
        kind, filt = kinds[i % 2], filters[(i // 2) % 4]
        r = rng.choice(recs)
        words = re.findall(r"[A-Za-z][a-z]{3,}", r["maintext"])
        content = [w for w in words if w.lower() not in STOP] or ["news"]
        if kind == "word":
            text = rng.choice(content).lower()
        else:
            toks = re.findall(r"[A-Za-z]{3,}", r["maintext"])
            j = rng.randrange(max(1, len(toks) - 1))
            text = f'"{" ".join(toks[j:j + 2]).lower()}"'
        args = []
        if filt == "outlet":
            args = ["--outlet", rng.choice(outlets)]
        elif filt == "since":
            args = ["--since", rng.choice(dates)]
        elif filt == "entity":
            # The article's most repeated mid-sentence capitalised word:
            # almost always one of its story's names.
            names = re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}", r["maintext"])
            cnt = {w: names.count(w) for w in names}
            args = ["--entity", max(sorted(cnt), key=lambda w: cnt[w]) if cnt else "Smith"]
        qs.append({"kind": kind, "filter": filt, "query": text, "args": args})
    return qs


def run(bin_: str, db: Path, q: str, args: list[str]) -> tuple[float, int, int]:
    t = time.perf_counter()
    p = subprocess.run([bin_, "search", q, "--db", str(db), "--format", "json", *args],
                       capture_output=True)
    dt = (time.perf_counter() - t) * 1000
    hits = 0
    if p.returncode == 0:
        try:
            hits = len(json.loads(p.stdout)["hits"])
        except ValueError:
            pass
    return dt, hits, p.returncode


def summary(ms: list[float]) -> dict:
    return {"n": len(ms), "p50": round(pct(ms, 50), 2), "p95": round(pct(ms, 95), 2),
            "p99": round(pct(ms, 99), 2), "max": round(max(ms), 2),
            "mean": round(statistics.mean(ms), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("bin")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    qs = build_queries(a.corpus, a.queries, a.seed)
    run(a.bin, a.db, "warmup", [])  # page cache: first touch of the store
    floor = [run(a.bin, a.db, "zzqxjvwk", [])[0] for _ in range(20)]
    rows, failed = [], 0
    for q in qs:
        dt, hits, rc = run(a.bin, a.db, q["query"], q["args"])
        failed += rc != 0
        rows.append({**q, "ms": round(dt, 2), "hits": hits, "rc": rc})
    ms = [r["ms"] for r in rows]
    res = {
        "queries": len(rows), "failed": failed,
        "all": summary(ms),
        "by_kind": {f"{k}/{f}": summary([r["ms"] for r in rows if r["kind"] == k and r["filter"] == f])
                    for k in ("word", "phrase") for f in ("none", "outlet", "since", "entity")},
        "mean_hits": round(statistics.mean(r["hits"] for r in rows), 2),
        "zero_hit_queries": sum(r["hits"] == 0 for r in rows),
        "floor_ms_median": round(statistics.median(floor), 2),
        "slowest": sorted(rows, key=lambda r: -r["ms"])[:5],
        "note": "per-invocation wall time: process start + store open + query + JSON output",
    }
    out = json.dumps(res, indent=1)
    if a.out:
        a.out.write_text(out + "\n")
    print(out)


if __name__ == "__main__":
    main()
