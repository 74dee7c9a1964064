#!/usr/bin/env bash
# make bench: speed and memory figures, printed, never pass/fail. Medians
# of $RUNS runs (default 3) on the 100 MB corpus of prepare.sh, with the
# shipped gazetteers and with the large one (every GeoNames city name), at
# 1 and 2 threads, side by side with GNU grep -F, wc -w and
# python3-ahocorasick on the same text and alias list; then the 1 GB
# corpus against the 100 MB one (time should grow tenfold, memory not).
set -euo pipefail
cd "$(dirname "$0")/../.."
EG=${ENTIGRAPH:-$PWD/build/entigraph}
RUNS=${RUNS:-3}
C=$(tests/bench/prepare.sh)
T=$C/text/100mb.txt
MB=$(awk -v b="$(stat -c %s "$T")" 'BEGIN { printf "%.1f", b / 1048576 }')
LARGE=(-g gazetteers -g "$C/gaz/cities.yaml")

# measure CMD...: median wall seconds and the largest peak RSS (MB) of
# $RUNS runs, into $secs and $rss
measure() {
  local times=() peak=0 out tf
  tf=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$tf" "$@" > /dev/null 2>&1 || true
    out=$(tail -n 1 "$tf")
    times+=("${out% *}")
    [ "${out#* }" -gt "$peak" ] && peak=${out#* }
  done
  rm -f "$tf"
  secs=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  rss=$((peak / 1024))
}
rate() { awk -v mb="$MB" -v s="$1" 'BEGIN { printf "%.1f", (s > 0 ? mb / s : 0) }'; }
row() { printf '%-44s %8s s %8s MB/s %8s MB\n' "$1" "$secs" "$(rate "$secs")" "$rss"; }

echo "entigraph benchmark: $MB MB of text ($(find "$C/text/100mb" -type f | wc -l) files), $RUNS runs each, median"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo

# load and compile: tag of an empty document (gazetteer stats would also
# build the lookup index that only check and lookup need)
# A large gazetteer is cached loaded and compiled (src/tagger.h): its
# first run writes the cache, later runs map it; every row after the load
# rows runs with it, as a user's second run does.
EMPTY=$(mktemp)
export ENTIGRAPH_CACHE_DIR=$C/compiled
rm -rf "$ENTIGRAPH_CACHE_DIR"
measure "$EG" tag -q -j 1 "$EMPTY"
row "gazetteer load, shipped ($(grep -c '^- id:' gazetteers/*.yaml | awk -F: '{ s += $2 } END { print s }') entities)"
RUNS=1 measure "$EG" tag -q -j 1 "${LARGE[@]}" "$EMPTY"
row "gazetteer load, large, first run (caches)"
measure "$EG" tag -q -j 1 "${LARGE[@]}" "$EMPTY"
row "gazetteer load, large (+ $(grep -c '^- ' "$C/gaz/cities.yaml") cities)"
ENTIGRAPH_CACHE_DIR= measure "$EG" tag -q -j 1 "${LARGE[@]}" "$EMPTY"
row "gazetteer load, large, no cache"
echo "(MB/s of the load rows is meaningless: they read no text)"
echo

declare -A speed
out=$(mktemp -d)
trap 'rm -rf "$out" "$EMPTY"' EXIT
for g in shipped large; do
  args=(); [ $g = large ] && args=("${LARGE[@]}")
  for j in 1 2; do
    measure "$EG" tag -q -j $j "${args[@]}" "$C/text/100mb"
    row "entigraph tag -j $j, $g gazetteers"; speed[tag-$g-$j]=$(rate "$secs")
    measure "$EG" build -q -j $j "${args[@]}" -o "$out" "$C/text/100mb"
    row "entigraph build -j $j, $g gazetteers"; speed[build-$g-$j]=$(rate "$secs")
  done
done
echo

measure env LC_ALL=C grep -F -o -f "$C/aliases.txt" "$T"
row "LC_ALL=C grep -F -o -f aliases ($(wc -l < "$C/aliases.txt") names)"; speed[grep]=$(rate "$secs")
measure wc -w "$T"
row "wc -w"; speed[wc]=$(rate "$secs")
if /usr/bin/python3 -c 'import ahocorasick' 2>/dev/null; then
  measure /usr/bin/python3 -c '
import sys, ahocorasick
A = ahocorasick.Automaton()
for line in open(sys.argv[1], encoding="utf-8"):
    w = line.rstrip("\n").lower()
    if w:
        A.add_word(w, w)
A.make_automaton()
n = sum(1 for _ in A.iter_long(open(sys.argv[2], encoding="utf-8", errors="replace").read().lower()))
print(n)' "$C/aliases.txt" "$T"
  row "python3-ahocorasick iter_long (lowercased)"; speed[ac]=$(rate "$secs")
else
  echo "python3-ahocorasick: not installed (apt-get install python3-ahocorasick)"
fi
echo

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
for k in tag-large-1 build-large-1 tag-large-2 build-large-2; do
  printf '%-34s ×%s of grep -F   ×%s of wc -w' "entigraph ${k%-*} -j ${k##*-}:" \
    "$(ratio "${speed[$k]}" "${speed[grep]}")" "$(ratio "${speed[$k]}" "${speed[wc]}")"
  [ -n "${speed[ac]:-}" ] && printf '   ×%s of ahocorasick' "$(ratio "${speed[$k]}" "${speed[ac]}")"
  echo
done
for k in tag-shipped tag-large build-shipped build-large; do
  printf '%-34s ×%s\n' "2 threads over 1, ${k/-/, }:" "$(ratio "${speed[$k-2]}" "${speed[$k-1]}")"
done
echo

# scaling: 1 GB against 100 MB, build on 2 threads with the large gazetteer
measure "$EG" build -q -j 2 "${LARGE[@]}" -o "$out" "$C/text/100mb"
t100=$secs; r100=$rss
row "build -j 2, large, 100 MB"
MB1=$(find "$C/text/1gb" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')
RUNS=1 measure "$EG" build -q -j 2 "${LARGE[@]}" -o "$out" "$C/text/1gb"
MB=$MB1 row "build -j 2, large, 1 GB ($MB1 MB, 1 run)"
printf '1 GB over 100 MB: time ×%s, peak RSS ×%s\n' "$(ratio "$secs" "$t100")" "$(ratio "$rss" "$r100")"
