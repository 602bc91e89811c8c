#!/usr/bin/env bash
# Corpus benchmark of `newsdesk ingest` (issue 4: a corpus that grows, at a
# million articles), with datasketch's MinHashLSH as a peer.
#
#   bench/corpus/run.sh [SIZES...]      (default: 10000 100000 1000000)
#
# For each size N:
#   1. generate (or reuse) the corpus: bench/corpus/gen.py N, cached in
#      bench/out/corpus/seed<S>-<generator hash>/n<N>/ (gzip JSON Lines
#      shards of 50,000 news-please records + truth.jsonl.gz + meta.json);
#   2. `newsdesk ingest <shards> --db <fresh db> --format json` under
#      /usr/bin/time -v (wall, CPU, peak RSS), stderr on a pseudo-terminal
#      so the stage times (ingest / links / stories) can be read off the
#      progress bar (bench/corpus/timed_ingest.py);
#   3. `newsdesk stats --format json`, `newsdesk copies --format json`;
#   4. links and stories scored against the generator's ground truth
#      (bench/corpus/evaluate.py);
#   5. search latency: 200 `newsdesk search` invocations
#      (bench/corpus/search_bench.py);
#   6. at PEER_SIZE (default 100000): datasketch MinHashLSH on the same
#      corpus (bench/corpus/datasketch_peer.py, venv bench/.venv-corpus).
# Then bench/corpus/report.py prints the tables and writes
# bench/corpus/RESULTS.md.
#
# Environment knobs (optional):
#   CORPUS_SEED     generator seed (default 1)
#   CORPUS_BIN      use this newsdesk binary instead of building target/release
#   PEER_SIZE       size that gets the datasketch peer (default 100000; "" = none)
#   SEARCH_QUERIES  search invocations per size (default 200)
#   CORPUS_TIMEOUT  seconds one ingest may take (default 3600; exit 124 when cut)
#   CORPUS_NOTE     a line for the report (e.g. "machine shared with 4 builds")
#   CORPUS_RESULTS  0 = don't rewrite bench/corpus/RESULTS.md (default 1)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
if [ $# -eq 0 ]; then set -- 10000 100000 1000000; fi
SIZES=("$@")
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "corpus bench: size '$n' is not a number" >&2; exit 2; }
done
SEED=${CORPUS_SEED:-1}
PEER_SIZE=${PEER_SIZE-100000}
QUERIES=${SEARCH_QUERIES:-200}
TIMEOUT=${CORPUS_TIMEOUT:-3600}
NOTE=${CORPUS_NOTE:-}
WRITE_RESULTS=${CORPUS_RESULTS:-1}

CMD="bench/corpus/run.sh $*"
for v in CORPUS_SEED CORPUS_BIN PEER_SIZE SEARCH_QUERIES CORPUS_TIMEOUT; do
  if [ -n "${!v+x}" ]; then CMD="$v=\"${!v}\" $CMD"; fi
done

log() { printf '[corpus %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

BBC="$ROOT/../shared/data/bbc-news/articles"
[ -d "$BBC" ] || { echo "corpus bench: $BBC not found (the generator reads the BBC templates)" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

OUT="$ROOT/bench/out/corpus"
STAMP=$(date +%Y%m%d-%H%M%S)
RUN="$OUT/run-$STAMP"
mkdir -p "$RUN"
uptime >"$RUN/load-start.txt"

# --- binary ------------------------------------------------------------------
BUILD_NOTE=""
if [ -n "${CORPUS_BIN:-}" ]; then
  SRC_BIN=$CORPUS_BIN
  BUILD_NOTE="given binary $CORPUS_BIN"
else
  log "building newsdesk (release)"
  if cargo build --release -q -p newsdesk; then
    BUILD_NOTE="built from the work tree"
  else
    [ -x "$ROOT/target/release/newsdesk" ] || { log "build failed and no binary"; exit 1; }
    BUILD_NOTE="build FAILED (tree mid-edit); used target/release/newsdesk of $(date -r "$ROOT/target/release/newsdesk" '+%Y-%m-%d %H:%M')"
    log "$BUILD_NOTE"
  fi
  SRC_BIN="$ROOT/target/release/newsdesk"
fi
# A private copy: other engineers may rebuild target/ during the run.
BIN="$RUN/newsdesk"
cp "$SRC_BIN" "$BIN"

# --- corpora -----------------------------------------------------------------
GEN_HASH=$(cat "$ROOT/bench/corpus/gen.py" "$ROOT/bench/gen_corpus.py" | sha1sum | cut -c1-12)
CORPORA="$OUT/seed$SEED-$GEN_HASH"
mkdir -p "$CORPORA"
corpus() { # N -> corpus folder (generated when missing)
  local n=$1 dir="$CORPORA/n$1"
  if [ ! -f "$dir/meta.json" ]; then
    rm -rf "$dir"
    log "generating $n articles (seed $SEED)"
    python3 "$ROOT/bench/corpus/gen.py" "$n" "$dir" --seed "$SEED" >&2
  fi
  echo "$dir"
}

# --- datasketch venv -----------------------------------------------------------
VENV="$ROOT/bench/.venv-corpus"
if [ -n "$PEER_SIZE" ] && ! "$VENV/bin/python" -c "import datasketch" 2>/dev/null; then
  log "creating $VENV with datasketch"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q datasketch==1.6.5
fi

# --- per size ------------------------------------------------------------------
for n in "${SIZES[@]}"; do
  dir=$(corpus "$n")
  d="$RUN/n$n"
  mkdir -p "$d"
  db="$d/newsdesk.db"
  rm -f "$db" "$db-wal" "$db-shm"
  # A store takes ~10 KB per record (9.6 GB at 1M): stop before a full
  # disk stops the run halfway (and everything else on the machine).
  need_kb=$(( n * 12 ))
  free_kb=$(df -Pk "$d" | awk 'NR==2 {print $4}')
  if [ "$free_kb" -lt "$need_kb" ]; then
    log "not enough disk for $n records: ${free_kb} KB free, ~${need_kb} KB needed; skipped"
    continue
  fi
  mapfile -t shards < <(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('\n'.join(sys.argv[2]+'/'+s for s in m['shards']))" "$dir/meta.json" "$dir")
  log "ingest: $n articles (${#shards[@]} shards)"
  uptime >"$d/load.txt"
  set +e
  python3 "$ROOT/bench/corpus/timed_ingest.py" "$d/ingest.json" -- \
    /usr/bin/time -v -o "$d/time.txt" timeout "$TIMEOUT" "$BIN" ingest "${shards[@]}" --db "$db" --format json
  rc=$?
  set -e
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    log "ingest failed (exit $rc) on $n articles; see $d/time.txt"
    continue
  fi
  log "stats, copies"
  /usr/bin/time -f '%e' -o "$d/stats.sec" "$BIN" stats --db "$db" --format json >"$d/stats.json"
  /usr/bin/time -f '%e' -o "$d/copies.sec" "$BIN" copies --db "$db" --format json >"$d/copies.json"
  log "scoring links and stories"
  python3 "$ROOT/bench/corpus/evaluate.py" "$dir" "$db" "$d/copies.json" --out "$d/eval.json" >/dev/null
  log "search latency ($QUERIES queries)"
  python3 "$ROOT/bench/corpus/search_bench.py" "$dir" "$db" "$BIN" --queries "$QUERIES" --out "$d/search.json" >/dev/null
  if [ -n "$PEER_SIZE" ] && [ "$n" = "$PEER_SIZE" ]; then
    for mode in cleaned raw; do
      log "datasketch MinHashLSH ($mode texts)"
      "$VENV/bin/python" "$ROOT/bench/corpus/datasketch_peer.py" "$dir" "$db" --mode "$mode" --out "$d/datasketch-$mode.json" >/dev/null
    done
  fi
  du -sb "$db" | cut -f1 >"$d/db.bytes"
  cp "$dir/meta.json" "$d/corpus-meta.json"
done

# --- report --------------------------------------------------------------------
ARGS=(--command "$CMD" --build "$BUILD_NOTE" --note "$NOTE" --corpora "$CORPORA")
if [ "$WRITE_RESULTS" = 1 ]; then ARGS+=(--results "$ROOT/bench/corpus/RESULTS.md"); fi
python3 "$ROOT/bench/corpus/report.py" "$RUN" "${ARGS[@]}"
log "raw results: $RUN"
