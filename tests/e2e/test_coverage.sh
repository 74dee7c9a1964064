#!/usr/bin/env bash
# Every ISO 3166-1 country (Debian iso-codes) resolves to a country entity
# through one of its ISO names, and the former states news still names
# are there. ISO's inverted forms ("Congo, The Democratic Republic of the")
# and parentheses ("Falkland Islands (Malvinas)") are undone first.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
iso=/usr/share/iso-codes/json/iso_3166-1.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one line per country: CODE <TAB> candidate names
jq -r '.["3166-1"][] | [.alpha_2, .name, (.common_name // empty), (.official_name // empty)] | @tsv' "$iso" |
  awk -F'\t' '{
    out = $1
    for (i = 2; i <= NF; i++) {
      out = out "\t" $i
      n = $i; sub(/ \(.*\)$/, "", n)
      if (split(n, p, ", ") == 2) n = p[2] " " p[1]
      sub(/^(The|the) /, "", n)
      out = out "\t" n
    }
    print out }' > "$tmp/names"
check "iso-codes lists 249 countries" test "$(wc -l < "$tmp/names")" = 249

cut -f2- "$tmp/names" | tr '\t' '\n' | sort -u > "$tmp/all"
mapfile -t all < "$tmp/all"
"$EG" gazetteer lookup "${all[@]}" > "$tmp/lookup" 2>/dev/null
# names that resolve to a country, first choice
awk '/^[^ ].*: [0-9]+ entit/ { sub(/: [0-9]+ entit.*$/, ""); name = $0; next }
     /^  1\. / && /\(country/ { print name }' "$tmp/lookup" | sort -u > "$tmp/found"
missing=""
while IFS=$'\t' read -r code names; do
  hit=0
  IFS=$'\t' read -ra ns <<< "$names"
  for n in "${ns[@]}"; do grep -Fxq -- "$n" "$tmp/found" && { hit=1; break; }; done
  [ $hit = 1 ] || missing="$missing $code"
done < "$tmp/names"
check "every ISO 3166-1 country resolves to a country entity (missing:${missing:- none})" test -z "$missing"

for n in "Soviet Union" USSR Yugoslavia Czechoslovakia "East Germany"; do
  check "former state: $n" bash -c "'$EG' gazetteer lookup '$n' | sed -n 2p | grep -q '(country'"
done
for d in Russian Kyrgyz Americans Ukrainians Soviet; do
  check "demonym: $d" bash -c "'$EG' gazetteer lookup '$d' | grep -q '^     demonym'"
done
echo "1..$TAP_N"
