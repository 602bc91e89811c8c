#!/usr/bin/env python3
"""One scorer for every extractor on the extraction-dev pages.

    score.py normalize-newsdesk RAW.jsonl OUT.jsonl
        Turn `newsdesk extract --format json` output (path, authors[], ...)
        into the common schema {file, text, title, author, date, sitename,
        error}: file = basename of path without ".gz", author = authors
        joined with "; ".

    score.py score DATA_DIR TOOL=OUT.jsonl [TOOL=OUT.jsonl ...] [--json F]
        Score each tool's JSONL against DATA_DIR/evaldata.json and print one
        JSON object per tool (also written to F with --json).

Text (as SOURCE.md and trafilatura's evaluation): whitespace is collapsed in
the output and in each segment (Unicode White_Space, like Rust's
split_whitespace, so the numbers are comparable with newsdesk's own
eval_extraction example). A "with" segment found as a substring is a TP,
else a FN; a "without" segment found is a FP, else a TN. Micro-summed over all
pages; P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2PR/(P+R). A page with no line in
a tool's output, or with an error, is scored as empty text.

Metadata: scored only on pages whose gold value is a non-empty string (or
list), the same pages for every tool; a tool giving nothing is wrong.
  - title, sitename: collapsed whitespace + casefold, exact equality.
  - date: the YYYY-MM-DD part (first Y-M-D found, leading zeros ignored)
    must be the same day.
  - author (names): the gold string (a list is joined with "; ") and the
    tool's author string (newsdesk's list joined with "; ") are both split
    into names on ; , & / | and the words "and"/"und"/"et"; each name is
    collapsed + casefolded and a leading "by"/"von"/"par" is dropped; the
    two *sets* of names must be equal. This forgives separator style (the
    gold itself mixes "A und B", "A, B", "A; B") but not a missing or extra
    name.
  - author (strict): collapsed + casefolded strings equal, tool authors
    joined with "; " (reported alongside, not in the main table).
"""

import json
import os
import re
import sys

# Unicode White_Space (what Rust's char::is_whitespace uses).
_WS = re.compile(
    "[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)


def collapse(s):
    return _WS.sub(" ", s).strip(" ")


def norm(s):
    return collapse(s).casefold()


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def day(s):
    m = _DATE.search(s or "")
    return tuple(int(x) for x in m.groups()) if m else None


_SPLIT = re.compile(r"\s*(?:[;,&/|]|\band\b|\bund\b|\bet\b)\s*")
_LEAD = re.compile(r"^(?:by|von|par)\s+")


def names(s):
    out = set()
    for part in _SPLIT.split(norm(s)):
        part = _LEAD.sub("", part.strip())
        if part:
            out.add(part)
    return out


def gold_str(v):
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, str) and collapse(v):
        return v
    return None


def normalize_newsdesk(raw_path, out_path):
    with open(raw_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            name = os.path.basename(r.get("path") or "")
            if name.endswith(".gz"):
                name = name[:-3]
            authors = r.get("authors") or []
            out.write(json.dumps({
                "file": name,
                "text": r.get("text") or "",
                "title": r.get("title"),
                "author": "; ".join(authors) if authors else None,
                "date": r.get("date"),
                "sitename": r.get("sitename"),
                "error": r.get("error"),
            }, ensure_ascii=False) + "\n")


def load_output(path):
    recs = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    r = json.loads(line)
                    recs[r["file"]] = r
    return recs


def score_tool(data, recs):
    tp = fn = fp = tn = 0
    missing = errors = empty = 0
    meta = {k: [0, 0] for k in ("title", "author", "author_strict", "date", "sitename")}
    for entry in data.values():
        name = entry.get("file")
        if not name:
            continue
        r = recs.get(name)
        if r is None:
            missing += 1
            r = {}
        if r.get("error"):
            errors += 1
        text = collapse(r.get("text") or "") if not r.get("error") else ""
        if not text:
            empty += 1
        for seg in entry.get("with", []):
            if collapse(seg) in text:
                tp += 1
            else:
                fn += 1
        for seg in entry.get("without", []):
            if collapse(seg) in text:
                fp += 1
            else:
                tn += 1
        for field in ("title", "sitename"):
            g = gold_str(entry.get(field))
            if g is not None:
                meta[field][1] += 1
                v = r.get(field)
                meta[field][0] += bool(v) and norm(v) == norm(g)
        g = gold_str(entry.get("date"))
        if g is not None:
            meta["date"][1] += 1
            meta["date"][0] += day(r.get("date")) is not None and day(r.get("date")) == day(g)
        g = gold_str(entry.get("author"))
        if g is not None:
            v = r.get("author") or ""
            meta["author"][1] += 1
            meta["author"][0] += bool(names(v)) and names(v) == names(g)
            meta["author_strict"][1] += 1
            meta["author_strict"][0] += bool(v) and norm(v) == norm(g)
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {
        "tp": tp, "fn": fn, "fp": fp, "tn": tn,
        "precision": p, "recall": rc, "f1": f1,
        "missing": missing, "errors": errors, "empty": empty,
        "meta": {k: {"ok": v[0], "n": v[1], "acc": v[0] / v[1] if v[1] else None}
                 for k, v in meta.items()},
    }


def main(argv):
    if len(argv) == 3 and argv[0] == "normalize-newsdesk":
        normalize_newsdesk(argv[1], argv[2])
        return
    if len(argv) >= 2 and argv[0] == "score":
        json_out = None
        args = argv[2:]
        if "--json" in args:
            i = args.index("--json")
            json_out = args[i + 1]
            args = args[:i] + args[i + 2:]
        with open(os.path.join(argv[1], "evaldata.json"), encoding="utf-8") as f:
            data = json.load(f)
        results = {}
        for spec in args:
            tool, _, path = spec.partition("=")
            results[tool] = score_tool(data, load_output(path))
            s = results[tool]
            m = s["meta"]
            print(f"{tool:24} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                  f"(TP {s['tp']} FN {s['fn']} FP {s['fp']} TN {s['tn']}; "
                  f"missing {s['missing']}, errors {s['errors']}, empty {s['empty']}) "
                  + " ".join(f"{k} {v['ok']}/{v['n']}" for k, v in m.items()),
                  file=sys.stderr)
        if json_out:
            with open(json_out, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=1)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
