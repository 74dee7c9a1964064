#!/usr/bin/env bash
# `entigraph gazetteer check|stats|lookup` on the shipped lists and on
# hand-made broken ones; counts compared with yq's reading of the files.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$EG" gazetteer check > "$tmp/check" 2>&1; rc=$?
check "check passes on the shipped gazetteers" test $rc = 0
check "check reports no errors" grep -q '^0 errors, 0 warnings$' "$tmp/check"
for t in person country organization place; do
  n=$(yq -s --arg t "$t" '[.[][] | select(.type == $t)] | length' gazetteers/*.yaml)
  check "check counts $n entities of type $t, as yq does" grep -Eq "[ (]$n $t" "$tmp/check"
done
check "check -v shows how common-word names are guarded" bash -c \
  "'$EG' gazetteer check -v | grep -q '\"Turkey\" (turkey) is made of common words: needs a capital letter'"

printf -- '- id: georgia-country\n  label: Georgia\n  type: country\n- id: georgia-state\n  label: Georgia\n  type: place\n' > "$tmp/tie.yaml"
"$EG" gazetteer check -g "$tmp/tie.yaml" > "$tmp/out" 2>&1; rc=$?
check "a shared alias with equal priors fails check" test $rc = 1
check "and the error names file:line:col and both entities" \
  grep -q "tie.yaml:2:10: error: alias \"Georgia\" names georgia-country and georgia-state (.*tie.yaml:5) with equal priors" "$tmp/out"
printf -- '- id: a\n  label: A\n  type: person\n  aliases: [B\n' > "$tmp/broken.yaml"
"$EG" gazetteer check -g "$tmp/broken.yaml" > "$tmp/out" 2>&1; rc=$?
check "broken YAML fails check with its position" bash -c "test $rc = 1 && grep -q 'broken.yaml:5:1: YAML error' '$tmp/out'"

"$EG" gazetteer lookup Japarov > "$tmp/out"
check "lookup lists both Japarovs" test "$(grep -c 'japarov  ' "$tmp/out")" = 2
check "lookup puts the higher prior first and says why" \
  bash -c "sed -n 2p '$tmp/out' | grep -q 'sadyr-japarov .*chosen: highest prior'"
check "lookup is case and accent insensitive" bash -c "'$EG' gazetteer lookup \"cote d’ivoire\" | grep -q ivory-coast"
check "lookup of an acronym in lower case explains its case rule" \
  bash -c "'$EG' gazetteer lookup icc | grep -q 'matched only in capitals'"
"$EG" gazetteer lookup Nobodyvich >/dev/null; check "lookup of an unknown name exits 1" test $? = 1
"$EG" gazetteer lookup 2>/dev/null; check "lookup without a name exits 2" test $? = 2
"$EG" gazetteer frob 2>/dev/null; check "unknown subcommand exits 2" test $? = 2

"$EG" gazetteer stats > "$tmp/stats"
total=$(yq -s '[.[][]] | length' gazetteers/*.yaml)
sum=$(awk '$1 ~ /^(person|country|organization|place)$/ { s += $2 } END { print s }' "$tmp/stats")
check "stats counts $total entities in all, as yq does ($sum)" test "$sum" = "$total"
check "stats reports the load time" grep -q '^load and compile: [0-9.]* s$' "$tmp/stats"
echo "1..$TAP_N"
