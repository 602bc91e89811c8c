#!/usr/bin/env python3
"""Runs `newsdesk ingest` under GNU time with its stderr on a pseudo-terminal,
and times its stages from the progress bar.

    bench/corpus/timed_ingest.py OUT.json -- /usr/bin/time -v -o TIME.txt \
        target/release/newsdesk ingest SHARDS... --db DB --format json

`newsdesk ingest` reports no stage timings, but draws an indicatif bar
(only on a terminal) whose prefix names the stage: `ingest` (read, clean,
analyse, fingerprint, store), `links` (LSH lookups + exact scoring: the
duplicate-detection stage) and `stories` (clustering). We give it a
pseudo-terminal as stderr and note, with a monotonic clock, when each stage
name is first drawn (indicatif redraws at most ~20 times a second, so a
boundary is known to ~50 ms). The command's stdout (the ingest report JSON)
is captured. OUT.json gets {rc, wall, stages: {ingest, links, stories}
(seconds), report}.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time

STAGES = ("ingest", "links", "stories")


def main() -> None:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out_path, cmd = sys.argv[1], sys.argv[3:]
    master, slave = pty.openpty()
    # A real size: indicatif draws nothing on a zero-width terminal.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen: dict[str, float] = {}
    tail = b""
    # Drain the terminal (the child blocks if nobody reads it).
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        now = time.monotonic() - t0
        text = (tail + chunk).decode("utf-8", "replace")
        for st in STAGES:
            # The bar's prefix is the stage name, right-aligned, then a
            # bar or a spinner; no other word of the line can match.
            if st not in seen and re.search(rf"(?<![A-Za-z]){st}(?![A-Za-z])", text):
                seen[st] = now
        tail = (tail + chunk)[-64:]
    stdout, _ = proc.communicate()
    wall = time.monotonic() - t0
    os.close(master)
    try:
        report = json.loads(stdout.decode("utf-8", "replace"))
    except ValueError:
        report = None
    # Stage boundaries: `ingest` runs from process start (store open
    # included) to the first `links` draw, and so on; a stage never drawn
    # (too short for one redraw) gets no entry.
    stages = {}
    starts = [(0.0 if s == "ingest" else seen.get(s), s) for s in STAGES]
    starts = [(t, s) for t, s in starts if t is not None]
    for i, (t, s) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else wall
        stages[s] = round(end - t, 3)
    json.dump({"rc": proc.returncode, "wall": round(wall, 3), "stages": stages,
               "stage_first_drawn": {k: round(v, 3) for k, v in seen.items()},
               "report": report}, open(out_path, "w"), indent=1)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
