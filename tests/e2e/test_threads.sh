#!/usr/bin/env bash
# Threads (-j N): the same input gives byte-identical outputs whatever the
# thread count, and repeated runs agree, on a corpus large enough for
# thousands of nodes (where igraph's OpenMP PageRank once differed in the
# last digits from run to run). Errors stop at the same document.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 600 documents naming random countries, places, organizations and cities
{ yq -r '.[].label' gazetteers/countries.yaml
  yq -r '.[] | select(.type == "place") | .label' gazetteers/places.yaml
  yq -r '.[].label' gazetteers/organizations.yaml
  yq -r '.[].label' gazetteers/cities.yaml | head -1500; } | grep -v '[:"]' > "$tmp/names"
python3 tests/e2e/synthetic_corpus.py "$tmp/names" "$tmp/corpus" 600
check "the synthetic corpus has 600 documents" test "$(ls "$tmp/corpus" | wc -l)" -eq 600

"$EG" tag -q -j 1 "$tmp/corpus" > "$tmp/tag1.tsv"
for j in 2 3 8; do
  "$EG" tag -q -j $j "$tmp/corpus" > "$tmp/tag$j.tsv"
  check "tag -j $j prints what -j 1 prints" cmp "$tmp/tag1.tsv" "$tmp/tag$j.tsv"
done
check "and that is thousands of mentions" test "$(wc -l < "$tmp/tag1.tsv")" -gt 5000

"$EG" build -q -j 1 -o "$tmp/b1" "$tmp/corpus"
nodes=$(yq -r '.graph.nodes' "$tmp/b1/summary.yaml")
check "the graph has over a thousand nodes ($nodes)" test "$nodes" -gt 1000
for j in 2 3; do
  "$EG" build -q -j $j -o "$tmp/b$j" "$tmp/corpus"
  for f in graph.dot graph.graphml summary.yaml mentions.tsv; do
    check "build -j $j writes the same $f as -j 1" cmp "$tmp/b1/$f" "$tmp/b$j/$f"
  done
done
# every output, the picture and GEXF included, while -j 2 or more writes
# them on several threads
"$EG" build -q -j 1 --gexf --render svg -o "$tmp/all1" tests/corpus
"$EG" build -q -j 3 --gexf --render svg -o "$tmp/all3" tests/corpus
for f in graph.dot graph.graphml summary.yaml mentions.tsv graph.gexf graph.svg; do
  check "build -j 3 --gexf --render svg writes the same $f as -j 1" cmp "$tmp/all1/$f" "$tmp/all3/$f"
done
"$EG" build -q -j 2 -o "$tmp/b2again" "$tmp/corpus"
check "a second build -j 2 writes the same GraphML (PageRank digits)" \
  cmp "$tmp/b2/graph.graphml" "$tmp/b2again/graph.graphml"

# JSON Lines through the threads
python3 - "$tmp/corpus" > "$tmp/all.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for n in sorted(os.listdir(d)):
    print(json.dumps({'id': n, 'text': open(os.path.join(d, n), encoding='utf-8').read()}))
PY
"$EG" tag -q -j 1 "$tmp/all.jsonl" > "$tmp/jl1.tsv"
"$EG" tag -q -j 2 "$tmp/all.jsonl" > "$tmp/jl2.tsv"
check "JSON Lines: tag -j 2 prints what -j 1 prints" cmp "$tmp/jl1.tsv" "$tmp/jl2.tsv"

# suggest goes through the same threads
"$EG" suggest -q -j 1 tests/corpus > "$tmp/s1"
"$EG" suggest -q -j 2 tests/corpus > "$tmp/s2"
check "suggest -j 2 prints what -j 1 prints" cmp "$tmp/s1" "$tmp/s2"

# an oversized document in the middle: the same stop, the same message
head -c 3000 /dev/zero | tr '\0' 'a' > "$tmp/corpus/doc300.txt"
for j in 1 2; do
  "$EG" tag -q -j $j --max-doc-size 2K "$tmp/corpus" > "$tmp/err$j.tsv" 2> "$tmp/err$j.msg"
  echo $? > "$tmp/err$j.rc"
done
check "an error mid-corpus exits 1 with -j 2" test "$(cat "$tmp/err2.rc")" = 1
check "and names the document" grep -q 'doc300.txt' "$tmp/err2.msg"
check "and prints the documents before it, as -j 1 does" cmp "$tmp/err1.tsv" "$tmp/err2.tsv"
check "and the same message as -j 1" cmp "$tmp/err1.msg" "$tmp/err2.msg"
mkdir "$tmp/keep" && cp "$tmp/b1/graph.dot" "$tmp/keep/graph.dot"
"$EG" build -q -j 2 --max-doc-size 2K -o "$tmp/keep" "$tmp/corpus" 2>/dev/null
check "build -j 2 fails on it" test $? = 1
check "and leaves the previous output untouched" cmp "$tmp/b1/graph.dot" "$tmp/keep/graph.dot"
check "and writes nothing else" test "$(ls "$tmp/keep")" = graph.dot

for bad in 0 -1 x 257 ''; do
  "$EG" tag -j "$bad" tests/corpus >/dev/null 2>"$tmp/usage"
  check "--jobs '$bad' is a usage error (exit 2)" test $? = 2
done
check "with a message naming --jobs" grep -q -- '--jobs' "$tmp/usage"
echo "1..$TAP_N"
