#!/usr/bin/env bash
# Side-by-side main-text extraction benchmark on ../shared/data/extraction-dev
# (trafilatura's 990 evaluation pages): newsdesk vs trafilatura (4 settings),
# readability-lxml and resiliparse.
#
#   bench/extract/run.sh
#
# 1. Creates/reuses the virtualenv bench/extract/.venv (git-ignored by
#    bench/extract/.gitignore) with the versions pinned in requirements.txt.
#    A peer whose package does not install or import is reported as such.
# 2. Runs each Python peer in its own process pinned to core 0
#    (taskset -c 0), timing only the extraction calls (peers.py), one JSONL
#    per tool in bench/out/extract/.
# 3. Builds and runs `newsdesk extract --format json` the same way
#    (RAYON_NUM_THREADS=1, taskset -c 0), timed as a whole (wall clock from
#    spawn to exit, process start included), median of 3 runs; and
#    newsdesk-extract's eval_extraction example (in-process timing, its own
#    P/R/F1 for cross-checking the scorer).
# 4. Scores every tool with score.py and writes bench/extract/RESULTS.md
#    (report.py), also printed on stdout.
#
# Knobs (optional): EXTRACT_TOOLS (space-separated subset of the peers),
# EXTRACT_DATA (data folder), EXTRACT_RUNS (newsdesk CLI runs, default 3),
# EXTRACT_RESULTS (where to write the Markdown; default bench/extract/RESULTS.md),
# EXTRACT_BIN (use this newsdesk binary instead of building target/release).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
DATA=${EXTRACT_DATA:-$ROOT/../shared/data/extraction-dev}
TOOLS=${EXTRACT_TOOLS:-trafilatura trafilatura-standard trafilatura-fast trafilatura-precision readability resiliparse}
RUNS=${EXTRACT_RUNS:-3}
RESULTS=${EXTRACT_RESULTS:-$HERE/RESULTS.md}
OUT=$ROOT/bench/out/extract
VENV=$HERE/.venv
CORE=0
PEER_TIMEOUT=3600   # seconds one peer process may take in all

CMD="bench/extract/run.sh"
for v in EXTRACT_TOOLS EXTRACT_DATA EXTRACT_RUNS EXTRACT_RESULTS EXTRACT_BIN; do
  if [ -n "${!v+x}" ]; then CMD="$v=\"${!v}\" $CMD"; fi
done

log() { printf '[extract-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -f "$DATA/evaldata.json" ]; then
  log "no data at $DATA (expected evaldata.json and html/): nothing to do"
  exit 2
fi
mkdir -p "$OUT"
PAGES=$(python3 -c 'import json,sys; print(sum(1 for v in json.load(open(sys.argv[1])).values() if v.get("file")))' "$DATA/evaldata.json")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. virtualenv --------------------------------------------------------------
# Top-level package of each peer (pip name==version, import name).
declare -A PKG=( [trafilatura]="trafilatura==2.3.1" [readability]="readability-lxml==0.9" [resiliparse]="resiliparse==2.0.0" )
declare -A MOD=( [trafilatura]="trafilatura" [readability]="readability" [resiliparse]="resiliparse.extract.html2text" )
peer_pkg() { case "$1" in trafilatura*) echo trafilatura ;; *) echo "$1" ;; esac; }

REQ_HASH=$(sha1sum "$HERE/requirements.txt" | cut -c1-12)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.req-hash" 2>/dev/null)" != "$REQ_HASH" ]; then
  log "creating $VENV (pinned: bench/extract/requirements.txt)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  # pip 23.2's resolver trips over trafilatura's lxml[html_clean] extra.
  "$VENV/bin/pip" install -q --disable-pip-version-check pip==26.3 || log "pip upgrade failed; trying with the old pip"
  if ! "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"; then
    log "installing the whole pinned set failed; installing each peer on its own"
    for p in "${PKG[@]}"; do "$VENV/bin/pip" install -q "$p" || log "could not install $p"; done
  fi
  echo "$REQ_HASH" > "$VENV/.req-hash"
fi

# --- 2. Python peers ----------------------------------------------------------------
for tool in $TOOLS; do
  base=$(peer_pkg "$tool")
  if [ -z "${MOD[$base]:-}" ]; then log "unknown peer $tool, skipped"; continue; fi
  rm -f "$OUT/$tool.jsonl" "$OUT/$tool.summary.json"
  if ! "$VENV/bin/python" -c "import ${MOD[$base]}" 2>/dev/null; then
    log "$tool: ${PKG[$base]} is not installed/importable; reported as such"
    printf '{"tool":"%s","version":"%s","status":"not installed"}\n' "$tool" "${PKG[$base]#*==}" > "$OUT/$tool.summary.json"
    continue
  fi
  log "$tool: $PAGES pages on core $CORE"
  timeout "$PEER_TIMEOUT" taskset -c $CORE "$VENV/bin/python" "$HERE/peers.py" "$tool" "$DATA" "$OUT/$tool.jsonl" \
    2> "$OUT/$tool.stderr"
  rc=$?
  summary=$(grep '^{"tool"' "$OUT/$tool.stderr" | tail -1)
  if [ $rc -eq 0 ] && [ -n "$summary" ]; then
    echo "$summary" > "$OUT/$tool.summary.json"
    log "$tool: $summary"
  else
    # Partial output is still scored; pages it never reached count as empty.
    log "$tool: process failed (exit $rc); see $OUT/$tool.stderr"
    done_pages=$(wc -l < "$OUT/$tool.jsonl" 2>/dev/null || echo 0)
    printf '{"tool":"%s","version":"%s","status":"process failed (exit %s) after %s pages","pages":0}\n' \
      "$tool" "$("$VENV/bin/python" -c "from importlib import metadata; print(metadata.version('${PKG[$base]%==*}'))" 2>/dev/null)" \
      "$rc" "$done_pages" > "$OUT/$tool.summary.json"
  fi
done

# --- 3. newsdesk ------------------------------------------------------------------
BIN_NOTE=""
if [ -n "${EXTRACT_BIN:-}" ]; then
  BIN=$EXTRACT_BIN   # a binary built earlier (e.g. kept stable while others edit)
  BIN_NOTE="binary given by EXTRACT_BIN=$EXTRACT_BIN (built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'))"
else
  log "building newsdesk (release)"
  BIN=$ROOT/target/release/newsdesk
  if ! cargo build --release -q -p newsdesk; then
    # Other engineers edit the workspace concurrently; a half-edited crate
    # must not stop the benchmark when an earlier binary exists.
    if [ -x "$BIN" ]; then
      BIN_NOTE="cargo build failed (workspace mid-edit); used the existing target/release/newsdesk built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC')"
      log "$BIN_NOTE"
    else
      log "newsdesk build failed and no binary exists"; exit 1
    fi
  fi
fi
log "building the eval_extraction example"
cargo build --release -q -p newsdesk-extract --example eval_extraction || log "example build failed (an older build is used if present)"
ND_VERSION=$("$BIN" --version 2>/dev/null | awk '{print $NF}')
walls=()
runs_json=""
for i in $(seq 1 "$RUNS"); do
  t=$(RAYON_NUM_THREADS=1 python3 "$HERE/timecmd.py" "$OUT/newsdesk.raw.jsonl" \
        taskset -c $CORE "$BIN" extract --format json "$DATA/html")
  log "newsdesk CLI run $i: $t"
  runs_json+="${runs_json:+,}$t"
done
python3 "$HERE/score.py" normalize-newsdesk "$OUT/newsdesk.raw.jsonl" "$OUT/newsdesk.jsonl"
python3 - "$OUT/newsdesk.summary.json" "$ND_VERSION" "$PAGES" "[$runs_json]" <<'EOF'
import json, statistics, sys
path, version, pages, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
ok = [r for r in runs if r["rc"] == 0]
med = sorted(ok, key=lambda r: r["wall"])[len(ok) // 2] if ok else None
s = {"tool": "newsdesk", "version": version, "pages": pages, "runs": runs,
     "status": "ok" if med else "CLI failed (exit %s)" % runs[-1]["rc"],
     "timing": "whole process, wall clock incl. start-up; median run"}
if med:
    s["seconds"] = med["wall"]
    s["cpu_seconds"] = round(med["user"] + med["sys"], 4)
json.dump(s, open(path, "w"))
EOF
EX=$ROOT/target/release/examples/eval_extraction
if [ -x "$EX" ]; then
  log "newsdesk eval_extraction example on core $CORE"
  RAYON_NUM_THREADS=1 taskset -c $CORE "$EX" "$DATA" > "$OUT/eval_extraction.txt" 2>&1 || log "example failed"
  cat "$OUT/eval_extraction.txt" >&2
fi

# --- 4. score and report ---------------------------------------------------------
specs=("newsdesk=$OUT/newsdesk.jsonl")
for tool in $TOOLS; do specs+=("$tool=$OUT/$tool.jsonl"); done
python3 "$HERE/score.py" score "$DATA" "${specs[@]}" --json "$OUT/scores.json"

DIRTY=$(git status --porcelain -- crates Cargo.toml Cargo.lock 2>/dev/null | awk '{print $2}' | sed 's#^crates/\([^/]*\)/.*#crates/\1#' | sort -u | paste -sd, - | sed 's/,/, /g')
python3 - "$OUT/run-info.json" <<EOF
import json, sys
json.dump({
  "command": """$CMD""",
  "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
  "nproc": "$(nproc)",
  "cpu": """$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
  "commit": "$(git rev-parse HEAD)",
  "dirty": """$DIRTY""",
  "bin_note": """$BIN_NOTE""",
  "python": "$("$VENV/bin/python" -c 'import platform; print(platform.python_version())' 2>/dev/null)",
  "pages": $PAGES,
  "load_before": "$LOAD_BEFORE",
  "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "tools": """$TOOLS""".split(),
}, open(sys.argv[1], "w"), indent=1)
EOF
python3 "$HERE/report.py" "$OUT" "$RESULTS"
log "wrote $RESULTS"
