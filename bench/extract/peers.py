#!/usr/bin/env python3
"""Run one Python extraction peer over the extraction-dev pages.

    peers.py TOOL DATA_DIR OUT.jsonl

TOOL is one of: trafilatura, trafilatura-standard, trafilatura-fast,
trafilatura-precision, readability, resiliparse (see RUNNERS below).

For every page of DATA_DIR/evaldata.json the gzip file is read and
decompressed *outside* the timed region; only the extractor call (including
any byte->str decoding the tool needs and the conversion of its output to
plain text) is timed, with time.perf_counter_ns. One JSON line per page:
{file, text, title, author, date, sitename, ms, error}. A page on which the
tool raises (or runs longer than PAGE_TIMEOUT seconds) gets text "" and the
error message; the run goes on. The last line written to stderr is a JSON
summary {tool, version, pages, errors, seconds (wall, summed over the
calls), cpu_seconds (process CPU time over the same calls)} that run.sh keeps.
"""

import gzip
import json
import signal
import sys
import time
from importlib import metadata

PAGE_TIMEOUT = 60  # seconds; a hung page counts as a crash (empty output)


class PageTimeout(Exception):
    pass


def _alarm(_sig, _frm):
    raise PageTimeout(f"page took more than {PAGE_TIMEOUT}s")


def _s(v):
    """Metadata value as str or None (trafilatura may return lists)."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v) or None
    return str(v)


# --- trafilatura --------------------------------------------------------------
def make_trafilatura(**opts):
    from trafilatura import bare_extraction

    def run(raw):
        # bytes in: trafilatura does its own encoding detection.
        doc = bare_extraction(raw, with_metadata=True, **opts)
        if doc is None:
            return {"text": ""}
        d = doc if isinstance(doc, dict) else doc.as_dict()
        return {
            "text": d.get("text") or "",
            "title": _s(d.get("title")),
            "author": _s(d.get("author")),
            "date": _s(d.get("date")),
            "sitename": _s(d.get("sitename")),
        }

    return run, "trafilatura"


# --- readability-lxml ---------------------------------------------------------
def make_readability():
    import lxml.html
    from readability import Document

    # Block elements get a line break after them, so that text of adjacent
    # paragraphs is not glued together by text_content().
    block = (
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "tr", "td", "th", "section", "article",
        "header", "footer", "figure", "figcaption", "dd", "dt", "dl",
    )

    def run(raw):
        # bytes in: readability-lxml detects the encoding itself (its README
        # passes `response.content`, i.e. bytes).
        doc = Document(raw)
        summary = doc.summary()
        text = ""
        if summary and summary.strip():
            root = lxml.html.fromstring(summary)
            for el in root.iter(*block):
                el.tail = "\n" + (el.tail or "")
            text = root.text_content()
        return {"text": text, "title": _s(doc.title())}

    return run, "readability-lxml"


# --- resiliparse --------------------------------------------------------------
def make_resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(raw):
        # The decoding its docs recommend: detect_encoding + bytes_to_str.
        s = bytes_to_str(raw, detect_encoding(raw))
        tree = HTMLTree.parse(s)  # parsed once, used for text and <title>
        text = extract_plain_text(tree, main_content=True)
        return {"text": text or "", "title": _s(tree.title) or None}

    return run, "resiliparse"


RUNNERS = {
    # Package defaults (comments on, fallbacks on), metadata requested.
    "trafilatura": lambda: make_trafilatura(),
    # The "standard" setting of trafilatura's own published evaluation.
    "trafilatura-standard": lambda: make_trafilatura(
        include_comments=False, include_tables=True, include_formatting=False),
    "trafilatura-fast": lambda: make_trafilatura(fast=True, include_comments=False),
    "trafilatura-precision": lambda: make_trafilatura(
        favor_precision=True, include_comments=False),
    "readability": make_readability,
    "resiliparse": make_resiliparse,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in RUNNERS:
        sys.exit(f"usage: peers.py {{{'|'.join(RUNNERS)}}} DATA_DIR OUT.jsonl")
    tool, data_dir, out_path = sys.argv[1:]
    run, dist = RUNNERS[tool]()
    version = metadata.version(dist)
    with open(f"{data_dir}/evaldata.json", encoding="utf-8") as f:
        data = json.load(f)
    signal.signal(signal.SIGALRM, _alarm)
    total_ns = cpu_ns = 0
    pages = errors = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for entry in data.values():
            name = entry.get("file")
            if not name:
                continue
            rec = {"file": name, "text": "", "title": None, "author": None,
                   "date": None, "sitename": None, "ms": 0.0, "error": None}
            try:
                with gzip.open(f"{data_dir}/html/{name}.gz", "rb") as g:
                    raw = g.read()
            except OSError as e:
                rec["error"] = f"read: {e}"
                errors += 1
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                continue
            pages += 1
            signal.alarm(PAGE_TIMEOUT)
            c0 = time.process_time_ns()
            t0 = time.perf_counter_ns()
            try:
                res = run(raw)
                dt = time.perf_counter_ns() - t0
                cpu_ns += time.process_time_ns() - c0
                rec.update(res)
            except BaseException as e:  # noqa: BLE001 - any crash = empty page
                dt = time.perf_counter_ns() - t0
                cpu_ns += time.process_time_ns() - c0
                if isinstance(e, KeyboardInterrupt):
                    raise
                rec["error"] = f"{type(e).__name__}: {e}"[:300]
                errors += 1
            finally:
                signal.alarm(0)
            total_ns += dt
            rec["ms"] = round(dt / 1e6, 3)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    summary = {"tool": tool, "package": dist, "version": version, "pages": pages,
               "errors": errors, "seconds": round(total_ns / 1e9, 4),
               "cpu_seconds": round(cpu_ns / 1e9, 4),
               "timing": "extraction calls only (in-process, perf_counter)"}
    print(json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
