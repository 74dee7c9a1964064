#!/usr/bin/env bash
# Runs every test (cmocka unit tests in TAP mode, end-to-end TAP scripts),
# shows their output, and ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export CMOCKA_MESSAGE_OUTPUT=TAP
export ENTIGRAPH=${ENTIGRAPH:-$PWD/$BUILD/entigraph}
passed=0
failed=0
log=$(mktemp)
# compiled gazetteers go to a directory of the run's own, not ~/.cache
ENTIGRAPH_CACHE_DIR=$(mktemp -d)
export ENTIGRAPH_CACHE_DIR
trap 'rm -f "$log"; rm -rf "$ENTIGRAPH_CACHE_DIR"' EXIT

run() { # name, command...
  local name=$1; shift
  echo "# $name"
  "$@" >"$log" 2>&1
  local rc=$?
  cat "$log"
  local ok nok
  ok=$(grep -c '^ok ' "$log")
  nok=$(grep -c '^not ok ' "$log")
  passed=$((passed + ok))
  failed=$((failed + nok))
  if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
    echo "not ok - $name exited with status $rc"
    failed=$((failed + 1))
  fi
}

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] && run "$(basename "$t")" "$t"
done
for t in tests/e2e/test_*.sh; do
  run "$(basename "$t")" bash "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
