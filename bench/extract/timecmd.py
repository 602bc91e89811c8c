#!/usr/bin/env python3
"""Time one command: timecmd.py OUT_FILE CMD [ARGS...]

Runs CMD with stdout to OUT_FILE (stderr passed through) and prints one JSON
object {rc, wall, user, sys}: wall-clock seconds from just before the process
is spawned to its exit (so process start-up is included), and the child's
CPU time from getrusage. Used for the newsdesk CLI, which is timed as a whole.
"""

import json
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_path, cmd = sys.argv[1], sys.argv[2:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "wb") as out:
        t0 = time.perf_counter()
        rc = subprocess.call(cmd, stdout=out)
        wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "rc": rc,
        "wall": round(wall, 4),
        "user": round(after.ru_utime - before.ru_utime, 4),
        "sys": round(after.ru_stime - before.ru_stime, 4),
    }))


if __name__ == "__main__":
    main()
