#!/usr/bin/env bash
# End to end: what a user is told when stdout cannot be written, how the
# number options read their arguments, and inputs reached twice.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=$PWD/${ENTIGRAPH:-build/entigraph}
[ -x "$EG" ] || EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'Putin met Japarov in Bishkek.\n' >"$tmp/a.txt"

# ---- standard output that cannot be written (/dev/full) ----
full() { # DESCRIPTION ARGS...: exit 1 and one message saying so
  "$EG" "${@:2}" >/dev/full 2>"$tmp/full.err"
  local rc=$?
  if [ "$rc" = 1 ] && [ "$(grep -c 'cannot write to standard output' "$tmp/full.err")" = 1 ]; then
    ok "$1 > /dev/full: exit 1, said once"
  else
    not_ok "$1 > /dev/full: exit 1, said once" "exit $rc: $(head -c 300 "$tmp/full.err")"
  fi
}
full "tag" tag "$tmp/a.txt"
full "gazetteer lookup" gazetteer lookup Japarov
full "gazetteer stats" gazetteer stats
full "gazetteer check" gazetteer check
full "--help" --help
full "--version" --version
full "build --help" build --help
full "show --help" show --help

# regression: tag printed its TSV header before failing on its first input
"$EG" tag "$tmp/a.txt" "$tmp/missing.txt" >"$tmp/t.out" 2>/dev/null
check "tag with a missing input prints nothing on stdout" test ! -s "$tmp/t.out"

# regression: show echoed a 100 KB name back whole
"$EG" build -q -o "$tmp/o" tests/corpus
"$EG" show -s "$tmp/o/summary.yaml" "$(head -c 100000 /dev/zero | tr '\0' x)" 2>"$tmp/show.err"
check "show cuts a 100 KB unknown name in its message" test "$(wc -c <"$tmp/show.err")" -lt 2000

# ---- number options: decimal digits only, within range ----
bad() { # DESCRIPTION ARGS...: a usage error (exit 2)
  "$EG" "${@:2}" >/dev/null 2>&1
  local rc=$?
  if [ "$rc" = 2 ]; then ok "$1: usage error"; else not_ok "$1: usage error" "exit $rc"; fi
}
bad "--min-weight 0x10 (was read as 16)" build -q --min-weight 0x10 -o "$tmp/x" tests/corpus
bad "--min-weight ' 5' (a leading space)" build -q --min-weight ' 5' -o "$tmp/x" tests/corpus
bad "--min-weight inf" build -q --min-weight inf -o "$tmp/x" tests/corpus
bad "--top-k ' 3'" build -q --top-k ' 3' -o "$tmp/x" tests/corpus
bad "--jobs ' 2'" tag -j ' 2' "$tmp/a.txt"
bad "--evidence +2" build -q --evidence +2 -o "$tmp/x" tests/corpus
bad "suggest --top 4294967296 (was accepted)" suggest --top 4294967296 "$tmp/a.txt"
bad "show --top -1" show -s "$tmp/o/summary.yaml" --top -1
"$EG" build -q --min-weight 1.5e0 -o "$tmp/y" tests/corpus
check "--min-weight 1.5e0 is a number" test $? = 0

# regression: build -o - made a directory named "-"
root=$PWD
(cd "$tmp" && "$EG" build -q -o - "$root/tests/corpus" >/dev/null 2>&1; echo $? >"$tmp/dash.rc")
check "build -o - is a usage error" test "$(cat "$tmp/dash.rc")" = 2
check "and makes no directory '-'" test ! -e "$tmp/-"

# ---- inputs reached twice are read once ----
mkdir "$tmp/c" && cp tests/corpus/*.txt "$tmp/c/" && ln -s "$tmp/c" "$tmp/c2"
one=$(ls "$tmp/c" | head -n 1)
for args in "c c" "c c2" "c c/$one" "c/$one c" "c/$one c/$one c"; do
  (cd "$tmp" && "$EG" build -o "$tmp/r" $args 2>"$tmp/twice.err" >/dev/null)
  n=$(yq -r '.corpus.documents' "$tmp/r/summary.yaml")
  if [ "$n" = 3 ] && grep -q 'skipped: a \(directory\|file\) \(already read\|named as an input\)' "$tmp/twice.err"; then
    ok "build $args: 3 documents, the repeat skipped with a warning"
  else
    not_ok "build $args: 3 documents, the repeat skipped with a warning" "$n documents; $(cat "$tmp/twice.err")"
  fi
done

echo "1..$TAP_N"
