#!/usr/bin/env python3
"""datasketch MinHashLSH over a generated corpus, as a peer for newsdesk's
copy detection (run with bench/.venv-corpus/bin/python).

    datasketch_peer.py CORPUS_DIR DB --mode cleaned|raw [--out OUT.json]

Same shingles as newsdesk (crates/newsdesk-crosscheck/src/text.rs and
lineage.rs): word tokens are maximal runs of alphanumeric characters,
lower-cased; shingles are 5 consecutive tokens (a text of 1-4 tokens is one
shingle; no tokens, no shingles); sets, not bags. Same LSH as newsdesk's
copy index: 64 permutations, 16 bands x 4 rows (threshold ~0.5).
Differences: datasketch hashes each shingle (the 5 words joined by a
space, UTF-8) with its default SHA-1-based 32-bit hash and its own
permutations, newsdesk with FNV-1a + splitmix; Python's `[^\\W_]+` and
`str.lower` differ from Rust's `char::is_alphanumeric`/`to_lowercase` only
on rare characters (combining marks, some scripts).

Modes:
* cleaned — the input newsdesk's links stage sees: every article of the
  store (distinct cleaned texts, after ingest's exact-duplicate
  collapsing), read from DB. Records deduplicated at ingest keep their
  dedup edge in the scoring, for both systems.
* raw — every record's raw `maintext` (site furniture included), no
  dedup: datasketch on its own.

Timed: build = tokenise + shingle + MinHash (MinHash.bulk) + insert;
query = `lsh.query` for every item. Found pairs = every (item, result)
pair; "verified" keeps those whose MinHash Jaccard estimate is >= 0.5.
Scored with bench/corpus/evaluate.py's definitions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate as ev  # noqa: E402

import datasketch  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402

TOKEN = re.compile(r"[^\W_]+")
SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 16, 4


def shingles(text: str) -> set[bytes]:
    w = TOKEN.findall(text.lower())
    if len(w) >= SHINGLE:
        return {" ".join(w[i:i + SHINGLE]).encode("utf-8") for i in range(len(w) - SHINGLE + 1)}
    return {" ".join(w).encode("utf-8")} if w else set()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("--mode", choices=["cleaned", "raw"], default="cleaned")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    truth = ev.load_truth(a.corpus)
    art_of, status, first, _ = ev.newsdesk_records(truth, a.db)

    # Items: (record id standing for the item, text). Loading is not timed.
    items: list[tuple[int, str]] = []
    if a.mode == "cleaned":
        con = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
        for aid, text in con.execute("SELECT id, text FROM articles ORDER BY seq"):
            if aid in first:
                items.append((first[aid], text))
        con.close()
    else:
        meta = json.loads((a.corpus / "meta.json").read_text())
        rid = 0
        for shard in meta["shards"]:
            with gzip.open(a.corpus / shard, "rt", encoding="utf-8") as f:
                for line in f:
                    items.append((rid, json.loads(line)["maintext"]))
                    rid += 1

    # Shingle sets are made and hashed a chunk at a time and then dropped:
    # only the MinHash objects stay (as a datasketch user would keep them).
    t0 = time.perf_counter()
    t_tok = 0.0
    mhs: list[MinHash] = []
    empty_flags: list[bool] = []
    step = 2000
    for i in range(0, len(items), step):
        ta = time.perf_counter()
        sets = [shingles(t) for _, t in items[i:i + step]]
        t_tok += time.perf_counter() - ta
        empty_flags.extend(not x for x in sets)
        mhs.extend(MinHash.bulk(sets, num_perm=NUM_PERM))
        del sets
    t_hash = time.perf_counter() - t0
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    empty = 0
    for (rid, _), e, m in zip(items, empty_flags, mhs):
        if e:  # newsdesk gives empty texts no copy keys either
            empty += 1
            continue
        lsh.insert(rid, m, check_duplication=False)
    t_build = time.perf_counter() - t0

    t1 = time.perf_counter()
    found: list[tuple[int, int]] = []
    for (rid, _), e, m in zip(items, empty_flags, mhs):
        if e:
            continue
        for other in lsh.query(m):
            if other > rid:
                found.append((rid, other))
    t_query = time.perf_counter() - t1
    found = sorted(set(found))
    pos = {rid: i for i, (rid, _) in enumerate(items)}
    verified = [(u, v) for u, v in found if mhs[pos[u]].jaccard(mhs[pos[v]]) >= 0.5]

    dedup = []
    if a.mode == "cleaned":
        dedup = [(r, first[art], "same text (ingest dedup)") for r, (art, st) in enumerate(zip(art_of, status))
                 if st == "duplicate" and art in first and first[art] != r]
    res = {
        "datasketch": datasketch.__version__, "mode": a.mode, "items": len(items),
        "empty_items": empty, "num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS,
        "seconds": {"tokenise_shingle": round(t_tok, 3), "minhash": round(t_hash - t_tok, 3),
                    "insert": round(t_build - t_hash, 3), "build": round(t_build, 3),
                    "query": round(t_query, 3)},
        "pairs_found": len(found), "pairs_verified": len(verified),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_note": "whole Python process: truth, store mapping and all texts loaded before timing",
        "lsh_pairs": ev.score_edges(truth, dedup + [(u, v, "lsh") for u, v in found]),
        "lsh_verified": ev.score_edges(truth, dedup + [(u, v, "lsh+jaccard>=0.5") for u, v in verified]),
    }
    out = json.dumps(res, indent=1)
    if a.out:
        a.out.write_text(out + "\n")
    print(out)


if __name__ == "__main__":
    main()
