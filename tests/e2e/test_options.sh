#!/usr/bin/env bash
# End to end: options go anywhere on the command line, as GNU tools take
# them (getopt_long permutes), and "--" ends them.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=$PWD/${ENTIGRAPH:-build/entigraph}
[ -x "$EG" ] || EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# regression: "build corpus -o out" read -o as an input ("-o: No such file")
"$EG" build tests/corpus -o "$tmp/out" -q 2>"$tmp/err"
check "build INPUT -o DIR: exit 0" test $? -eq 0
check "and writes into DIR" test -s "$tmp/out/summary.yaml"
check "with nothing on stderr (-q after the input)" test ! -s "$tmp/err"

printf 'Putin met Japarov in Bishkek.\n' >"$tmp/a.txt"
"$EG" tag "$tmp/a.txt" --format jsonl >"$tmp/tag.out" 2>/dev/null
check "tag FILE --format jsonl prints JSON Lines" jq -e -s 'length == 3' "$tmp/tag.out"

"$EG" count "$tmp/a.txt" -o "$tmp/a.counts" 2>/dev/null
check "count FILE -o OUT writes OUT" test -s "$tmp/a.counts"
"$EG" merge "$tmp/a.counts" -o "$tmp/m.counts" 2>/dev/null
check "merge FILE -o OUT writes OUT" cmp -s "$tmp/a.counts" "$tmp/m.counts"

"$EG" gazetteer lookup Japarov -g gazetteers >"$tmp/lk.out" 2>/dev/null
check "gazetteer lookup NAME -g DIR" grep -q 'sadyr-japarov' "$tmp/lk.out"

# "--" ends the options: a file named like an option is an input
cp "$tmp/a.txt" "$tmp/-q"
(cd "$tmp" && "$EG" tag -- -q >"$tmp/dash.out" 2>"$tmp/dash.err")
check "tag -- -q reads the file named -q" test "$(tail -n +2 "$tmp/dash.out" | wc -l)" -eq 3

echo "1..$TAP_N"
