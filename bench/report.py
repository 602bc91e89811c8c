#!/usr/bin/env python3
"""Collects benchmark measurements and renders the results table.

Used by bench/run.sh; three sub-commands:

    report.py record-newsdesk RESULTS TIMEFILE BRIEF_JSON CORPUS --n N --threads T --rc RC
    report.py record-spacy RESULTS --corpus DIR        (spacy_peer.py JSON on stdin)
    report.py table RESULTS --command CMD --source S --seed S [--note TEXT] [--docs FILE]

RESULTS is a JSON-lines file, one measurement per line. `table` prints the
Markdown results section and, with --docs, replaces the part of that file
between the RESULTS_START and RESULTS_END markers (appending it when the
markers are missing).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

RESULTS_START = "<!-- bench:results:start (written by bench/run.sh) -->"
RESULTS_END = "<!-- bench:results:end -->"
TARGET = 2000  # articles per second per core, end to end


def _elapsed(s: str) -> float:
    """GNU time's 'h:mm:ss' or 'm:ss.ss' to seconds."""
    parts = [float(x) for x in s.strip().split(":")]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return secs


def parse_time_v(path: Path) -> dict:
    text = path.read_text(errors="replace")
    out = {}
    for key, pat in {
        "wall_s": r"Elapsed \(wall clock\) time.*?:\s*([\d:.]+)\s*$",
        "user_s": r"User time \(seconds\):\s*([\d.]+)",
        "sys_s": r"System time \(seconds\):\s*([\d.]+)",
        "max_rss_kb": r"Maximum resident set size \(kbytes\):\s*(\d+)",
        "cpu_percent": r"Percent of CPU this job got:\s*(\d+)%",
    }.items():
        m = re.search(pat, text, re.M)
        if m:
            out[key] = _elapsed(m.group(1)) if key == "wall_s" else float(m.group(1))
    return out


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*.txt"))


def record_newsdesk(a) -> None:
    t = parse_time_v(Path(a.timefile))
    summary = {}
    brief = Path(a.brief)
    if brief.exists():
        # The summary sits at the top of the brief: no need to load a
        # multi-hundred-MB JSON document to read it.
        with brief.open("rb") as f:
            head = f.read(4096).decode("utf-8", errors="replace")
        for k in ("inputs", "analysed", "rejected", "stories", "independent_articles"):
            m = re.search(rf'"{k}"\s*:\s*(\d+)', head)
            if m:
                summary[k] = int(m.group(1))
    row = {
        "tool": "newsdesk", "n": a.n, "threads": a.threads, "rc": a.rc,
        "bytes": corpus_bytes(Path(a.corpus)),
        "brief_bytes": brief.stat().st_size if brief.exists() else 0,
        **t, **summary,
    }
    with open(a.results, "a") as f:
        f.write(json.dumps(row) + "\n")


def record_spacy(a) -> None:
    data = sys.stdin.read().strip()
    try:
        row = json.loads(data.splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        print(f"report: spaCy peer printed no result: {data[-300:]!r}", file=sys.stderr)
        return
    row["tool"] = "spacy"
    row["corpus"] = a.corpus
    with open(a.results, "a") as f:
        f.write(json.dumps(row) + "\n")


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1048576:.0f} GiB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}{mem}"


def _git() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return rev + (" (with uncommitted changes in the tree)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _load(path: str) -> list[dict]:
    rows = []
    for line in open(path):
        line = line.strip()
        if line:
            rows.append(json.loads(line))
    return rows


def _f(x: float, nd: int = 0) -> str:
    return f"{x:,.{nd}f}"


def table(a) -> str:
    rows = _load(a.results)
    nd = [r for r in rows if r["tool"] == "newsdesk"]
    sp = [r for r in rows if r["tool"] == "spacy"]
    cores = os.cpu_count() or 1
    ok = lambda r: r["rc"] in (0, 3)  # noqa: E731  (3: some inputs rejected)
    L = []
    L.append(f"Run of {_dt.date.today().isoformat()}" + (f" — **{a.note}**" if a.note else ""))
    L.append("")
    L.append(f"- command: `{a.command}`")
    L.append(f"- machine: {_machine()}")
    L.append(f"- newsdesk commit: {_git()}")
    L.append(f"- corpus: `bench/gen_corpus.py --source {a.source} --seed {a.seed}` (plain text)")
    L.append("")
    L.append("**newsdesk brief** (whole process: walk, read, decode, extract, clean, analyse, "
             "cross-check, JSON written to a file)")
    L.append("")
    L.append("| articles | MB | threads | wall s | s per 1k articles | articles/s | articles/s/core "
             "| CPU s | articles per CPU-s | peak RSS MiB | stories | exit |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in nd:
        wall = r.get("wall_s", 0) or 1e-9
        cpu = (r.get("user_s", 0) + r.get("sys_s", 0)) or 1e-9
        rate = r["n"] / wall
        if not ok(r):
            what = "cut off by BENCH_TIMEOUT" if r["rc"] == 124 else "failed"
            L.append(f"| {_f(r['n'])} | {_f(r['bytes'] / 1e6, 1)} | {r['threads']} | > {_f(wall, 2)} "
                     f"| — | — | — | > {_f(cpu, 2)} | — | {_f(r.get('max_rss_kb', 0) / 1024)} "
                     f"| {what} | {r['rc']} |")
            continue
        L.append("| {n} | {mb} | {th} | {wall} | {per1k} | {rate} | {rpc} | {cpu} | {rcpu} | {rss} | {st} | {rc} |".format(
            n=_f(r["n"]), mb=_f(r["bytes"] / 1e6, 1), th=r["threads"], wall=_f(wall, 2),
            per1k=_f(wall / r["n"] * 1000, 3), rate=_f(rate), rpc=_f(rate / r["threads"]),
            cpu=_f(cpu, 2), rcpu=_f(r["n"] / cpu), rss=_f(r.get("max_rss_kb", 0) / 1024),
            st=r.get("stories", "?"), rc=r["rc"]))
    L.append("")

    # Growth: time per 1k articles (all threads), smallest to largest size.
    multi = [r for r in nd if r["threads"] == cores and ok(r)]
    multi.sort(key=lambda r: r["n"])
    cpu_of = lambda r: r.get("user_s", 0) + r.get("sys_s", 0)  # noqa: E731
    for lo, hi in zip(multi, multi[1:]):
        g_wall = (hi["wall_s"] / hi["n"]) / max(lo["wall_s"] / lo["n"], 1e-9)
        g_cpu = (cpu_of(hi) / hi["n"]) / max(cpu_of(lo) / lo["n"], 1e-9)
        # Exponent k in time ~ N^k: 1 is linear, 2 quadratic.
        k = 1 + math.log(max(g_cpu, 1e-9)) / math.log(hi["n"] / lo["n"])
        verdict = ("about linear" if k < 1.1 else "mildly super-linear" if k < 1.3
                   else "**super-linear: look for a quadratic step**")
        L.append(f"- Growth from {_f(lo['n'])} to {_f(hi['n'])} articles: time per article "
                 f"×{g_wall:.2f} (wall), ×{g_cpu:.2f} (CPU); CPU time grows as N^{k:.2f} — {verdict}.")
    if len(multi) >= 2:
        L.append("")

    good = [r for r in nd if ok(r)]
    if good:
        best = max(r["n"] / max(r.get("user_s", 0) + r.get("sys_s", 0), 1e-9) for r in good)
        single = [r for r in good if r["threads"] == 1]
        line = f"Target {TARGET:,} articles/s/core: best {_f(best)} articles per CPU-s"
        if single:
            line += f", {_f(single[0]['n'] / max(single[0].get('wall_s', 0), 1e-9))} articles/s on one thread"
        L.append(line + (" — **met**." if best >= TARGET else " — **not met**."))
        L.append("")

    if sp:
        L.append("**spaCy en_core_web_sm** (`nlp.pipe`, n_process=1, one thread; pipeline "
                 f"{' + '.join(sp[0].get('pipeline', []))}; entities and sentences read; "
                 "model load not timed)")
        L.append("")
        L.append("| articles | MB | seconds | articles/s (1 core) | CPU s | articles per CPU-s "
                 "| entities | sentences | peak RSS MiB |")
        L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in sp:
            L.append(f"| {_f(r['articles'])} | {_f(r['bytes'] / 1e6, 1)} | {_f(r['seconds'], 1)} | "
                     f"{_f(r['articles_per_sec'], 1)} | {_f(r.get('cpu_seconds', 0), 1)} | "
                     f"{_f(r.get('articles_per_cpu_sec', 0), 1)} | {_f(r['entities'])} | "
                     f"{_f(r['sentences'])} | {_f(r['peak_rss_mb'])} |")
        L.append("")
        ref = max(sp, key=lambda r: r["articles"])
        sp_rate = ref["articles_per_sec"] or 1e-9
        sp_cpu = ref.get("articles_per_cpu_sec") or sp_rate
        L.append(f"**Ratio** (newsdesk articles/s/core ÷ spaCy articles/s on one core, spaCy on "
                 f"{_f(ref['articles'])} articles; target for newsdesk: {TARGET:,} articles/s/core):")
        L.append("")
        L.append("| newsdesk run | newsdesk articles/s/core | spaCy articles/s | ratio (per core) "
                 "| newsdesk per CPU-s | spaCy per CPU-s | ratio (per CPU-s) |")
        L.append("|---|---:|---:|---:|---:|---:|---:|")
        for r in good:
            wall = r.get("wall_s", 0) or 1e-9
            cpu = (r.get("user_s", 0) + r.get("sys_s", 0)) or 1e-9
            rpc = r["n"] / wall / r["threads"]
            rcpu = r["n"] / cpu
            L.append(f"| {_f(r['n'])} articles, {r['threads']} thread(s) | {_f(rpc)} | {_f(sp_rate, 1)} | "
                     f"×{rpc / sp_rate:,.0f} | {_f(rcpu)} | {_f(sp_cpu, 1)} | ×{rcpu / sp_cpu:,.0f} |")
        L.append("")
    return "\n".join(L)


def write_docs(path: Path, section: str) -> None:
    block = f"{RESULTS_START}\n{section}\n{RESULTS_END}"
    text = path.read_text() if path.exists() else "# Benchmarks\n\n## Results\n\n"
    if RESULTS_START in text and RESULTS_END in text:
        pre, rest = text.split(RESULTS_START, 1)
        post = rest.split(RESULTS_END, 1)[1]
        text = pre + block + post
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record-newsdesk")
    r.add_argument("results")
    r.add_argument("timefile")
    r.add_argument("brief")
    r.add_argument("corpus")
    r.add_argument("--n", type=int, required=True)
    r.add_argument("--threads", type=int, required=True)
    r.add_argument("--rc", type=int, required=True)
    s = sub.add_parser("record-spacy")
    s.add_argument("results")
    s.add_argument("--corpus", required=True)
    t = sub.add_parser("table")
    t.add_argument("results")
    t.add_argument("--command", required=True)
    t.add_argument("--source", required=True)
    t.add_argument("--seed", required=True)
    t.add_argument("--note", default="")
    t.add_argument("--docs")
    a = ap.parse_args()
    if a.cmd == "record-newsdesk":
        record_newsdesk(a)
    elif a.cmd == "record-spacy":
        record_spacy(a)
    else:
        section = table(a)
        print(section)
        if a.docs:
            write_docs(Path(a.docs), section)


if __name__ == "__main__":
    main()
