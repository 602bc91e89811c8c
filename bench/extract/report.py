#!/usr/bin/env python3
"""Build the side-by-side table from the files run.sh leaves in OUT_DIR.

    report.py OUT_DIR RESULTS.md

Reads OUT_DIR/scores.json (score.py), OUT_DIR/<tool>.summary.json (one per
tool: version, pages, seconds, cpu_seconds, status), OUT_DIR/eval_extraction.txt
(newsdesk's own example) and OUT_DIR/run-info.json (command, date, machine,
commit). Prints the Markdown and writes it to RESULTS.md.
"""

import json
import os
import re
import sys


def load(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def pct(m):
    if not m or not m.get("n"):
        return "—"
    return f"{m['ok'] / m['n']:.3f}"


def fmt_rate(x):
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def parse_example(text):
    """Numbers printed by newsdesk-extract's eval_extraction example."""
    out = {}
    m = re.search(r"TP (\d+) FN (\d+) FP (\d+) TN (\d+)", text)
    if m:
        out["tp"], out["fn"], out["fp"], out["tn"] = map(int, m.groups())
    m = re.search(r"precision ([\d.]+) recall ([\d.]+) F1 ([\d.]+)", text)
    if m:
        out["precision"], out["recall"], out["f1"] = map(float, m.groups())
    m = re.search(r"decode\+extract ([\d.]+) s total, (\d+) pages/s", text)
    if m:
        out["seconds"] = float(m.group(1))
    m = re.search(r"pages (\d+)", text)
    if m:
        out["pages"] = int(m.group(1))
    m = re.search(r"title exact (\d+)/(\d+), date prefix (\d+)/(\d+)", text)
    if m:
        out["title_ex"] = f"{m.group(1)}/{m.group(2)}"
        out["date_ex"] = f"{m.group(3)}/{m.group(4)}"
    return out


def main():
    out_dir, results_md = sys.argv[1], sys.argv[2]
    info = load(os.path.join(out_dir, "run-info.json"), {})
    scores = load(os.path.join(out_dir, "scores.json"), {})
    tools = info.get("tools", [])
    example_txt = ""
    try:
        with open(os.path.join(out_dir, "eval_extraction.txt"), encoding="utf-8") as f:
            example_txt = f.read()
    except OSError:
        pass
    ex = parse_example(example_txt)

    sums = {t: load(os.path.join(out_dir, f"{t}.summary.json"), {}) for t in ["newsdesk"] + tools}
    # Pages a tool crashed on, from its JSONL.
    for t in ["newsdesk"] + tools:
        errs = []
        try:
            with open(os.path.join(out_dir, f"{t}.jsonl"), encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    if r.get("error"):
                        errs.append({"file": r["file"], "error": str(r["error"])})
        except (OSError, ValueError):
            pass
        if sums.get(t) is not None:
            sums[t]["error_pages"] = errs
    # Pages the CLI did not recognise as HTML: no title and text that is
    # still markup.
    cli_text = []
    try:
        with open(os.path.join(out_dir, "newsdesk.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                txt = (r.get("text") or "").lstrip()
                if not r.get("title") and txt.startswith("<") and "</" in txt[:100000]:
                    cli_text.append(r["file"])
    except (OSError, ValueError):
        pass
    nd = scores.get("newsdesk")
    nd_sum = sums["newsdesk"]

    def rates(s):
        pages = s.get("pages") or 0
        wall = pages / s["seconds"] if s.get("seconds") else None
        cpu = pages / s["cpu_seconds"] if s.get("cpu_seconds") else None
        return wall, cpu

    nd_wall, nd_cpu = rates(nd_sum)
    ex_rate = ex["pages"] / ex["seconds"] if ex.get("seconds") else None

    L = []
    L.append("# Extraction benchmark: newsdesk vs trafilatura, readability-lxml, resiliparse")
    L.append("")
    L.append(f"- Command: `{info.get('command', 'bench/extract/run.sh')}`")
    L.append(f"- Date: {info.get('date', '?')}")
    L.append(f"- Machine: {info.get('nproc', '?')} cores (`nproc`), {info.get('cpu', '?')}; "
             f"load average before/after: {info.get('load_before', '?')} / {info.get('load_after', '?')} "
             "(the machine is shared: wall-clock numbers include time lost to other processes on core 0, "
             "CPU-time numbers do not)")
    L.append(f"- Commit: `{info.get('commit', '?')}`" + (
        f" with uncommitted changes in: {info['dirty']}" if info.get("dirty") else " (clean tree)"))
    if info.get("bin_note"):
        L.append(f"- newsdesk binary: {info['bin_note']}")
    L.append(f"- Data: `../shared/data/extraction-dev`, {info.get('pages', 990)} pages, "
             "2,951 \"with\" and 2,966 \"without\" segments; scored by `bench/extract/score.py` "
             "(rules in its docstring and below)")
    L.append(f"- Python {info.get('python', '?')}, packages pinned in `bench/extract/requirements.txt`")
    L.append("")
    tr = scores.get("trafilatura")
    if nd is not None and tr is not None:
        tr_wall, tr_cpu = rates(sums.get("trafilatura") or {})
        line = (f"Summary: newsdesk F1 {nd['f1']:.3f} vs trafilatura (defaults) {tr['f1']:.3f} "
                f"({nd['f1'] - tr['f1']:+.3f})")
        if nd_cpu and tr_cpu:
            line += (f"; newsdesk is {nd_cpu / tr_cpu:.1f}× faster per core on CPU time "
                     f"({nd_wall / tr_wall:.1f}× on wall clock), with its whole process counted against "
                     "trafilatura's extraction calls alone.")
        L.append(line)
        L.append("")
    L.append("| tool | version | P | R | F1 | title | author | date | sitename "
             "| pages/s/core (wall) | pages/s/core (CPU) | F1 − newsdesk F1 "
             "| speed newsdesk÷tool (wall) | (CPU) |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for t in ["newsdesk"] + tools:
        s = scores.get(t)
        sm = sums.get(t) or {}
        status = sm.get("status", "ok")
        ver = sm.get("version", "?")
        if s is None or status in ("not installed", "not run"):
            L.append(f"| {t} | {ver} | {status} | | | | | | | | | | | |")
            continue
        m = s["meta"]
        wall, cpu = rates(sm)
        name = t + (" (CLI)" if t == "newsdesk" else "")
        if status != "ok":
            name += f" ⚠ {status}"
        d_f1 = "—" if t == "newsdesk" or nd is None else f"{s['f1'] - nd['f1']:+.3f}"
        r_wall = f"{nd_wall / wall:.1f}×" if (wall and nd_wall and t != "newsdesk") else "—"
        r_cpu = f"{nd_cpu / cpu:.1f}×" if (cpu and nd_cpu and t != "newsdesk") else "—"
        L.append(
            f"| {name} | {ver} | {s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** "
            f"| {pct(m['title'])} | {pct(m['author'])} | {pct(m['date'])} | {pct(m['sitename'])} "
            f"| {fmt_rate(wall) if wall else '—'} | {fmt_rate(cpu) if cpu else '—'} "
            f"| {d_f1} | {r_wall} | {r_cpu} |")
    if ex:
        L.append(
            f"| newsdesk (library, in-process: eval_extraction example) | {nd_sum.get('version', '?')} "
            f"| {ex.get('precision', 0):.3f} | {ex.get('recall', 0):.3f} | **{ex.get('f1', 0):.3f}** "
            f"| — | — | — | — | {fmt_rate(ex_rate) if ex_rate else '—'} | — | — | — | — |")
    L.append("")
    if nd is not None:
        m = nd["meta"]
        L.append("Metadata columns are accuracies over the pages whose gold value is non-empty: "
                 f"title n={m['title']['n']}, author n={m['author']['n']}, date n={m['date']['n']}, "
                 f"sitename n={m['sitename']['n']} (sitename: so few pages that it is noise). "
                 "A tool that does not extract a field scores 0 on it (readability-lxml and resiliparse "
                 "give only a title, from `<title>`, so site suffixes like \" - Example News\" make it "
                 "mismatch).")
        L.append("")
    L.append("## How each tool is run and timed")
    L.append("")
    L.append("- Python peers (`bench/extract/peers.py`): one process per tool, `taskset -c 0`; each page's "
             "gzip file is read and decompressed outside the timed region; only the extractor call is "
             "timed (`time.perf_counter_ns` = wall, `time.process_time_ns` = CPU), summed over pages. "
             "trafilatura gets raw bytes (`bare_extraction(raw, with_metadata=True, …)`, its own encoding "
             "detection); readability-lxml gets raw bytes (`Document(raw)`, its own detection), "
             "`.summary()` is turned into text with lxml `text_content()` after putting a line break after "
             "block elements (counted in its time), title from `.title()`; resiliparse: "
             "`bytes_to_str(raw, detect_encoding(raw))`, `HTMLTree.parse`, "
             "`extract_plain_text(tree, main_content=True)`, title from `tree.title`.")
    L.append("- trafilatura variants: `trafilatura` = package defaults (comments and fallbacks on; only the "
             "main `text` field is scored, comments are a separate field); `trafilatura-standard` = the "
             "\"standard\" setting of trafilatura's own published evaluation (`include_comments=False, "
             "include_tables=True, include_formatting=False`); `-fast` = `fast=True`, `-precision` = "
             "`favor_precision=True` (both with `include_comments=False`).")
    runs = nd_sum.get("runs") or []
    L.append("- newsdesk (CLI): `RAYON_NUM_THREADS=1 taskset -c 0 target/release/newsdesk extract --format json "
             "../shared/data/extraction-dev/html`, timed as a whole — wall clock from spawn to exit, so it "
             "*includes* process start, directory walk, file reading, gunzip and JSON output, which the "
             f"Python peers' numbers exclude; median of {len(runs)} runs "
             f"(walls: {', '.join(str(r['wall']) for r in runs)} s; CPU = user+sys of the same run). "
             "The in-process row is newsdesk-extract's `eval_extraction` example (decode + extract timed "
             "per page, like the Python peers), also on core 0.")
    L.append("")
    L.append("## Checks and oddities")
    L.append("")
    if nd is not None and ex.get("tp") is not None:
        same = all(nd[k] == ex[k] for k in ("tp", "fn", "fp", "tn"))
        L.append(f"- Scorer cross-check: `score.py` on the CLI output gives TP {nd['tp']} FN {nd['fn']} "
                 f"FP {nd['fp']} TN {nd['tn']} (P {nd['precision']:.3f} R {nd['recall']:.3f} F1 "
                 f"{nd['f1']:.3f}); newsdesk's own `eval_extraction` example gives TP {ex['tp']} FN {ex['fn']} "
                 f"FP {ex['fp']} TN {ex['tn']} (P {ex['precision']:.3f} R {ex['recall']:.3f} F1 {ex['f1']:.3f})."
                 + (" They agree." if same else " They differ; see below."))
        L.append(f"  The example's own metadata counts (its rules: gold key present even if empty, "
                 f"title exact, date prefix): title {ex.get('title_ex', '?')}, date {ex.get('date_ex', '?')}.")
    if cli_text:
        L.append(f"- The CLI treated {len(cli_text)} page(s) as plain text rather than HTML (its `text` is the "
                 f"raw markup, no title): {', '.join('`' + x + '`' for x in cli_text)}. These pages start with "
                 "a large `<style>`/`<script>` block, so `newsdesk_ingest::sniff_format` finds neither an "
                 "HTML start tag nor enough block tags per byte in its 64 KB sample. The example forces "
                 "`InputFormat::Html`, which explains the gap between the two scorers' newsdesk numbers: "
                 "same scoring rules, different input to the extractor.")
    for t in ["newsdesk"] + tools:
        sm = sums.get(t) or {}
        s = scores.get(t)
        if sm.get("status", "ok") != "ok":
            L.append(f"- {t}: {sm.get('status')}" + (f" ({sm.get('detail')})" if sm.get("detail") else ""))
        errs = sm.get("error_pages") or []
        if errs:
            L.append(f"- {t} crashed on {len(errs)} page(s), scored as empty: "
                     + "; ".join(f"`{e['file']}` ({e['error'][:100]})" for e in errs[:10])
                     + (" …" if len(errs) > 10 else ""))
        if s is not None and s.get("empty"):
            L.append(f"- {t}: {s['empty']} page(s) with empty text (crashes and empty outputs together).")
    for t in ["newsdesk"] + tools:
        nd_dates = 0
        examples = []
        try:
            with open(os.path.join(out_dir, f"{t}.jsonl"), encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    d = r.get("date")
                    if d and not re.search(r"\d{4}-\d{1,2}-\d{1,2}", d):
                        nd_dates += 1
                        if len(examples) < 3:
                            examples.append(d)
        except (OSError, ValueError):
            pass
        if nd_dates:
            L.append(f"- {t}: {nd_dates} date(s) not in YYYY-MM-DD form (e.g. "
                     + ", ".join(f"`{x}`" for x in examples)
                     + "); the scorer does not parse free-form dates, so these count as wrong.")
    L.append("- The gold metadata, like the segments, comes from trafilatura's repository, whose authors tune on it; "
             "trafilatura's metadata accuracies (its date module htmldate in particular) are flattered "
             "the same way its text scores are.")
    L.append("- Published numbers (docs-evaluation.rst in the data folder, trafilatura 2.2.0 etc.) differ from "
             "these: other package versions, and that evaluation scores readability-lxml on its HTML "
             "summary rather than its text. trafilatura's authors tune on this set, which flatters it.")
    L.append("")
    L.append("## Scoring rules (bench/extract/score.py)")
    L.append("")
    L.append("- Text: Unicode whitespace collapsed in output and segments; TP = \"with\" segment found as "
             "substring, FN otherwise; FP = \"without\" segment found, TN otherwise; micro-summed; "
             "crash/missing page = empty text.")
    L.append("- title, sitename: collapse whitespace + casefold, exact equality. date: same calendar day "
             "(first YYYY-M-D in each string). Only pages with a non-empty gold value count.")
    L.append("- author: gold (list joined with \"; \") and tool value (newsdesk's list joined with \"; \") "
             "are split into names on `; , & / |` and the words and/und/et, each collapsed and casefolded, "
             "a leading by/von/par dropped; the name *sets* must be equal. This forgives separator style "
             "(the gold mixes \"A und B\", \"A, B\", \"A; B\") but not a missing or extra name. "
             "Strict string equality is also computed: " + ", ".join(
                 f"{t} {pct(scores[t]['meta']['author_strict'])}" for t in ["newsdesk"] + tools
                 if t in scores) + ".")
    L.append("")
    md = "\n".join(L) + "\n"
    with open(results_md, "w", encoding="utf-8") as f:
        f.write(md)
    print(md)


if __name__ == "__main__":
    main()
