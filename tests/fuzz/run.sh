#!/usr/bin/env bash
# Builds the fuzz preset, then runs every libFuzzer target for SECONDS and replays its kept
# regression inputs. Used by `./dev fuzz [SECONDS]` and, with 20 s, by tests/run-all.sh.
#
#   corpus       build/fuzz/corpus/<target>/   grows, kept between runs (the seeds, made from the
#                                              fixtures at build time, are read from build/fuzz/seeds/)
#   crashes      tests/fuzz/regressions/<target>/   copied there from this run's artifacts: commit them
#   logs         build/fuzz/logs/<target>.log, build/fuzz/logs/build.log
#
# Prints, per target, libFuzzer's final stats (executions per second, inputs run) and the corpus
# size; ends with "N passed, N failed" (one test per target run, one per regression input).
# Exit status: 0 only if nothing crashed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-60}"
[[ $SECONDS_PER_TARGET =~ ^[1-9][0-9]*$ ]] || { echo "usage: tests/fuzz/run.sh [SECONDS]" >&2; exit 2; }

BUILD="$ROOT/build/fuzz"
BIN="$BUILD/tests/fuzz"
REGRESSIONS="$ROOT/tests/fuzz/regressions"

# target:max_len. Lengths cover the largest real input of each kind with room to grow: a config or
# an event sequence of a few KB, a cookie header, a stored value, a pattern and a URL, a frame, a
# conversation's frames.
TARGETS=(config:16384 event:16384 cookie:4096 persisted_state:8192 glob:4096 relay_frame:8192 relay_router:16384)

# Seconds one input may run before it is kept as a timeout-* crash. Every input takes
# milliseconds; the margin is for a shared machine, where a niced run can stall for seconds.
UNIT_TIMEOUT=30

# A target whose input embeds another's also gets that one's dictionary (libFuzzer takes one file).
declare -A DICT_ALSO=([event]=config [relay_router]=relay_frame)

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); printf '!! %s\n' "$*"; }

# Reports always print the stack; UB aborts (the preset builds with -fno-sanitize-recover).
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

printf '== build fuzz preset\n'
mkdir -p "$BUILD/logs"
if ! { cmake --preset fuzz && cmake --build --preset fuzz; } >"$BUILD/logs/build.log" 2>&1; then
  tail -n 30 "$BUILD/logs/build.log"
  fail "build of the fuzz preset (log: build/fuzz/logs/build.log)"
  printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
  exit 1
fi

dictionary_of() { # NAME -> the file to give -dict: tests/fuzz/NAME.dict, joined with DICT_ALSO's
  local name=$1 also=${DICT_ALSO[$1]:-}
  if [[ -z $also ]]; then
    echo "$ROOT/tests/fuzz/$name.dict"
    return
  fi
  cat "$ROOT/tests/fuzz/$name.dict" "$ROOT/tests/fuzz/$also.dict" >"$BUILD/$name.dict"
  echo "$BUILD/$name.dict"
}

stat_of() { # LOG NAME -> libFuzzer's final stat::NAME
  awk -v key="stat::$2:" '$1 == key { print $2 }' "$1"
}

# fuzz_target NAME MAX_LEN: one timed run; new crash, leak, timeout or OOM inputs go to regressions/.
fuzz_target() {
  local name=$1 max_len=$2 bin="$BIN/fuzz_$1" log="$BUILD/logs/$1.log"
  local corpus="$BUILD/corpus/$1" artifacts="$BUILD/artifacts/$1/" rc found=()
  if [[ ! -x $bin ]]; then
    fail "$name: no $bin"
    return
  fi
  mkdir -p "$corpus"
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -timeout="$UNIT_TIMEOUT" -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$(dictionary_of "$name")" -artifact_prefix="$artifacts" \
    "$corpus" "$BUILD/seeds/$name" >"$log" 2>&1
  rc=$?
  mapfile -t found < <(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \))
  printf '%-16s %10s exec/s %12s inputs %7s in corpus\n' "$name" "$(stat_of "$log" average_exec_per_sec)" \
    "$(stat_of "$log" number_of_executed_units)" "$(find "$corpus" -type f | wc -l)"
  if ((rc == 0 && ${#found[@]} == 0)); then
    pass
    return
  fi
  grep -m 3 -E '^(==[0-9]+== ?ERROR|SUMMARY|fuzz invariant broken)|runtime error' "$log" | sed 's/^/   /'
  if ((${#found[@]})); then
    mkdir -p "$REGRESSIONS/$name"
    cp -f "${found[@]}" "$REGRESSIONS/$name/"
    fail "$name: ${#found[@]} crashing input(s) copied to tests/fuzz/regressions/$name/ (log: build/fuzz/logs/$name.log)"
  else
    fail "$name: exit status $rc without a crash input (log: build/fuzz/logs/$name.log)"
  fi
}

# replay NAME: every kept regression input, once each (a libFuzzer binary runs files given to it).
replay() {
  local name=$1 bin="$BIN/fuzz_$1" input
  [[ -d $REGRESSIONS/$name && -x $bin ]] || return 0
  for input in "$REGRESSIONS/$name"/*; do
    [[ -f $input ]] || continue
    if "$bin" -timeout="$UNIT_TIMEOUT" -rss_limit_mb=2048 "$input" >"$BUILD/logs/replay.log" 2>&1; then
      pass
    else
      grep -m 3 -E '^(==[0-9]+== ?ERROR|SUMMARY|fuzz invariant broken)|runtime error' "$BUILD/logs/replay.log" | sed 's/^/   /'
      fail "$name: regression ${input#"$ROOT/"} fails again"
    fi
  done
}

# Kept regressions first: a crash this run finds is copied there and counted once, by its run.
printf '== fuzz: replay tests/fuzz/regressions/\n'
for entry in "${TARGETS[@]}"; do
  replay "${entry%%:*}"
done
printf '== fuzz: %s s per target\n' "$SECONDS_PER_TARGET"
for entry in "${TARGETS[@]}"; do
  fuzz_target "${entry%%:*}" "${entry#*:}"
done
printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
((FAILED == 0))
