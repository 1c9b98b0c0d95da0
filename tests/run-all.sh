#!/usr/bin/env bash
# Runs every test suite and ends with one line: "N passed, N failed" (the sum over all runners).
# Called by `./dev test` after `./dev setup`. Exit status: 0 only if nothing failed.
#
#   native-asan:  build + ctest (Debug with ASan + UBSan; its relay also serves the e2e tests)
#   fuzz:         tests/fuzz/run.sh: the fuzz preset built, each libFuzzer target run 20 s, every
#                 input kept in tests/fuzz/regressions/ replayed
#   wasm-release: build, copy to dist/ tests/js: node --test on *.test.mjs
#   tests/types:  node --test: tsc --strict on parley.d.ts (good usage, mistakes, config fixtures)
#   tests/cli:    node --test: parley-config, the native build and the node build, as processes
#   tests/package: node --test: npm pack installed offline into a throwaway app, the hashed files, the stub
#   tests/e2e:    node --test on *.spec.mjs / *.test.mjs (playwright-core + Debian Chromium)
#
# Counting: ctest's "N% tests passed, F tests failed out of T" gives T-F passed and F failed;
# node's TAP summary gives "# pass N" and "# fail N" (+ "# cancelled N", counted as failed);
# the fuzz step's own last line is "N passed, N failed" (a target run or a regression input each).
# A step that fails without a test summary (a build, a crashed runner) counts as 1 failure.
#
# No `set -e` on purpose: every step runs, and the final line is always printed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOG_DIR="$ROOT/build/test-logs"
mkdir -p "$LOG_DIR"

JOBS="$(nproc 2>/dev/null || echo 2)"
PASSED=0
FAILED=0
FAILED_STEPS=()

# run LOG CMD...: runs CMD, showing and saving its output; returns CMD's exit status.
run() {
  local log=$1; shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

step_failed() {
  FAILED_STEPS+=("$1")
  printf '!! %s failed\n' "$1"
}

count_ctest() { # LOG -> "passed failed", or nothing when no summary line
  awk '/tests passed, [0-9]+ tests? failed out of [0-9]+/ {
         s = $0; sub(/.*tests passed, /, "", s)   # "F tests failed out of T"
         split(s, w, " "); f = w[1]; t = w[6]; found = 1 }
       /No tests were found/ { found = 1; t = 0; f = 0 }
       END { if (found) print t - f, f }' "$1"
}

count_node_tap() { # TAP_FILE -> "passed failed", or nothing when no summary line
  awk '/^# pass [0-9]+/ { p = $3; found = 1 }
       /^# fail [0-9]+/ { f += $3 }
       /^# cancelled [0-9]+/ { f += $3 }
       END { if (found) print p, f + 0 }' "$1"
}

# add_counts NAME RC "passed failed": adds to the totals; a non-zero RC with no failure counted
# (crash, timeout, no summary) counts as one failed test.
add_counts() {
  local name=$1 rc=$2 counts=$3 p=0 f=0
  if [[ $counts =~ ^([0-9]+)\ ([0-9]+)$ ]]; then p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}; fi
  if ((rc != 0 && f == 0)); then f=1; fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  printf -- '-- %s: %d passed, %d failed\n' "$name" "$p" "$f"
  ((rc == 0)) || step_failed "$name"
}

count_fuzz() { # LOG -> "passed failed", or nothing when no summary line
  awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3; found = 1 }
       END { if (found) print p, f }' "$1"
}

build() { # PRESET
  cmake --preset "$1" && cmake --build --preset "$1"
}

native_suite() { # PRESET
  local preset=$1 rc counts
  printf '\n== build %s\n' "$preset"
  if ! run "$LOG_DIR/build-$preset.log" build "$preset"; then
    FAILED=$((FAILED + 1))
    step_failed "build $preset"
    return
  fi
  printf '\n== ctest %s\n' "$preset"
  run "$LOG_DIR/ctest-$preset.log" ctest --preset "$preset" -j "$JOBS"
  rc=$?
  counts="$(count_ctest "$LOG_DIR/ctest-$preset.log")"
  add_counts "ctest $preset" "$rc" "$counts"
}

# A short fixed budget per target, so a regression is caught here; `./dev fuzz` runs longer.
FUZZ_SECONDS=20
fuzz_suite() {
  local rc counts
  printf '\n== fuzz (%s s per target)\n' "$FUZZ_SECONDS"
  run "$LOG_DIR/fuzz.log" "$ROOT/tests/fuzz/run.sh" "$FUZZ_SECONDS"
  rc=$?
  counts="$(count_fuzz "$LOG_DIR/fuzz.log")"
  add_counts "fuzz" "$rc" "$counts"
}

wasm_build() {
  printf '\n== build wasm-release\n'
  if run "$LOG_DIR/build-wasm-release.log" build wasm-release &&
     run "$LOG_DIR/dist.log" "$ROOT/dev" dist; then
    return 0
  fi
  FAILED=$((FAILED + 1))
  step_failed "build wasm-release"
}

# node_suite NAME FILE...: node's test runner, spec report on the terminal, TAP kept for counting.
node_suite() {
  local name=$1 rc counts tap="$LOG_DIR/node-$1.tap"; shift
  printf '\n== node --test %s (%d file(s))\n' "$name" "$#"
  : >"$tap"
  run "$LOG_DIR/node-$name.log" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@"
  rc=$?
  counts="$(count_node_tap "$tap")"
  add_counts "node $name" "$rc" "$counts"
}

# Test files directly in (or below) a folder, matching the given name patterns.
test_files() { # DIR PATTERN...
  local dir=$1; shift
  [[ -d $dir ]] || return 0
  local args=() p
  for p in "$@"; do args+=(-o -name "$p"); done
  find "$dir" -type f \( "${args[@]:1}" \) -not -path '*/node_modules/*' | sort
}

# One native suite: a plain Debug build would run the same tests with the same compiler and find
# nothing the sanitized one does not (it cost ~10 of the suite's minutes on 2 cores).
native_suite native-asan
fuzz_suite
wasm_build

mapfile -t js_tests < <(test_files tests/js '*.test.mjs')
if ((${#js_tests[@]})); then node_suite js "${js_tests[@]}"; else printf '\n== tests/js: no *.test.mjs\n'; fi

for suite in types cli package; do
  mapfile -t suite_tests < <(test_files "tests/$suite" '*.test.mjs')
  if ((${#suite_tests[@]})); then node_suite "$suite" "${suite_tests[@]}"; fi
done

mapfile -t e2e_tests < <(test_files tests/e2e '*.spec.mjs' '*.test.mjs')
if ((${#e2e_tests[@]})); then node_suite e2e "${e2e_tests[@]}"; else printf '\n== tests/e2e: no *.spec.mjs / *.test.mjs\n'; fi

echo
if ((${#FAILED_STEPS[@]})); then
  printf 'failed steps: %s\n' "$(IFS=,; echo "${FAILED_STEPS[*]}" | sed 's/,/, /g')"
  printf 'logs: build/test-logs/\n'
fi
printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
((FAILED == 0 && ${#FAILED_STEPS[@]} == 0))
