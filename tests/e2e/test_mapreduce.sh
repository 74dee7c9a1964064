#!/usr/bin/env bash
# Map/reduce: corpora split into k shards, a mapper (entigraph count) per
# shard run by GNU parallel, the records shuffled with sort and merged
# (entigraph merge), then build --from-counts: the graph files equal a
# single build's byte for byte, for every k and window. Merging is
# associative; bad records are errors naming the line.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
EG=$(cd "$(dirname "$EG")" && pwd)/$(basename "$EG")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# the corpora: the sample articles, 300 synthetic documents, and the
# benchmark documents when make bench has fetched them (CI does)
mkdir -p "$tmp/corpus"
cp tests/corpus/*.txt "$tmp/corpus/"
{ yq -r '.[].label' gazetteers/countries.yaml
  yq -r '.[].label' gazetteers/organizations.yaml
  yq -r '.[].label' gazetteers/cities.yaml | head -800; } | grep -v '[:"]' > "$tmp/names"
python3 tests/e2e/synthetic_corpus.py "$tmp/names" "$tmp/corpus/synthetic" 300
BENCH=${EG_BENCH_CACHE:-$HOME/.cache/entigraph/bench}/text/docs
if [ -d "$BENCH" ]; then
  cp -r "$BENCH" "$tmp/corpus/bench"
  ok "the benchmark documents are included ($(find "$BENCH" -type f | wc -l) files)"
else
  ok "# SKIP the benchmark documents: run tests/bench/prepare.sh to include them"
fi
find "$tmp/corpus" -type f | sort > "$tmp/files"

# mapreduce K WINDOW OUT: shards, mappers in parallel (xargs may start a
# mapper more than once per shard: their records add up), sort, merge, build
mapreduce() {
  local k=$1 win=$2 out=$3 d="$tmp/mr$1$2"
  mkdir -p "$d"
  split -n r/"$k" -d "$tmp/files" "$d/shard."
  ls "$d"/shard.* | parallel -j 2 "xargs -d '\n' $EG count -q -j 1 --window $win < {} > {}.counts"
  cat "$d"/shard.*.counts | sort | "$EG" merge > "$d/merged"
  "$EG" build -q --from-counts "$d/merged" -o "$out"
}

for win in sentence 5; do
  "$EG" build -q --window $win -o "$tmp/single$win" "$tmp/corpus"
  for k in 1 3 7; do
    mapreduce $k $win "$tmp/out$k$win"
    for f in graph.dot graph.graphml summary.yaml; do
      check "window $win, $k shards: $f equals a single build's" \
        cmp "$tmp/single$win/$f" "$tmp/out$k$win/$f"
    done
  done
done
check "--from-counts writes no mentions.tsv" test ! -e "$tmp/out3sentence/mentions.tsv"
check "the graph is not trivial" test "$(yq -r '.graph.edges' "$tmp/singlesentence/summary.yaml")" -gt 1000

# associativity: merging merged shards gives the same records
d=$tmp/mr7sentence
for i in 0 1 2; do sort "$d"/shard.0$i.counts | "$EG" merge > "$d/part$i"; done
cat "$d"/shard.0[3-6].counts | sort | "$EG" merge > "$d/part3"
cat "$d"/part* | sort | "$EG" merge > "$d/twice"
check "merge of merges equals one merge" cmp "$d/merged" "$d/twice"
check "merging merged counts again changes nothing" \
  cmp "$d/merged" <("$EG" merge "$d/merged")
tac "$d/merged" | sort | "$EG" merge > "$d/shuffled"
check "shuffled and sorted again, the same" cmp "$d/merged" "$d/shuffled"

# a mapper reads JSON Lines on stdin, as Hadoop Streaming feeds it
python3 - "$tmp/corpus" > "$tmp/all.jsonl" <<'PY'
import json, os, sys
root = sys.argv[1]
for n in sorted(os.listdir(root)):
    p = os.path.join(root, n)
    if os.path.isfile(p):
        print(json.dumps({'id': n, 'text': open(p, encoding='utf-8').read()}))
PY
head -n 2 "$tmp/all.jsonl" | "$EG" count -q --jsonl - > "$tmp/j1"
tail -n +3 "$tmp/all.jsonl" | "$EG" count -q --jsonl - > "$tmp/j2"
sort "$tmp/j1" "$tmp/j2" | "$EG" merge > "$tmp/jm"
"$EG" build -q --from-counts "$tmp/jm" -o "$tmp/jout"
"$EG" build -q --jsonl -o "$tmp/jsingle" "$tmp/all.jsonl"
check "JSON Lines on stdin in two mappers: the same summary as one build" \
  cmp "$tmp/jsingle/summary.yaml" "$tmp/jout/summary.yaml"

# bad records: errors name the line, nothing is written
merged=$tmp/mr3sentence/merged
printf 'P zz aa\t1 1\n' > "$tmp/bad1"
"$EG" merge "$tmp/bad1" > /dev/null 2> "$tmp/err"
check "ids out of order: exit 1" test $? = 1
check "naming the line" grep -q "bad1:1: a pair whose ids are not in byte order" "$tmp/err"
{ sed -n 5p "$merged"; sed -n 4p "$merged"; } > "$tmp/unsorted"
"$EG" merge "$tmp/unsorted" > /dev/null 2> "$tmp/err"
check "unsorted records: exit 1 naming line 2" grep -q "unsorted:2: records not sorted" "$tmp/err"
printf 'E russia\t1 x 1 1 0 0\n' > "$tmp/bad2"
"$EG" merge "$tmp/bad2" > /dev/null 2> "$tmp/err"
check "a bad count: exit 1" grep -q "bad2:1: a value that is not six numbers" "$tmp/err"
printf 'no tab here\n' > "$tmp/bad3"
"$EG" merge "$tmp/bad3" > /dev/null 2> "$tmp/err"
check "a line without a TAB: exit 1" grep -q "bad3:1: no TAB" "$tmp/err"
{ cat "$tmp/mr1sentence/merged"; cat "$tmp/mr15/merged"; } | sort > "$tmp/mixed"
"$EG" merge "$tmp/mixed" > /dev/null 2> "$tmp/err"
check "counts made with different windows do not merge" grep -q "parameter that differs" "$tmp/err"
cp -r "$tmp/out3sentence" "$tmp/keep"
printf '# window\tsentence\n# demonyms\tcounted\n# evidence\t1\n# period\tmonth\nE no-such-entity\t1 0 1 1 0 0\n' > "$tmp/unknown"
"$EG" build -q --from-counts "$tmp/unknown" -o "$tmp/keep" 2> "$tmp/err"
check "an unknown id: exit 1" test $? = 1
check "naming the line" grep -q "unknown:5: an entity id the gazetteers do not have" "$tmp/err"
check "and the previous outputs stay" cmp "$tmp/out3sentence/summary.yaml" "$tmp/keep/summary.yaml"
printf 'E russia\t1 0 1 1 0 0\n' > "$tmp/noparams"
"$EG" build -q --from-counts "$tmp/noparams" -o "$tmp/keep" 2> "$tmp/err"
check "records without parameters are refused" grep -q "not the output of entigraph count" "$tmp/err"
"$EG" build -q --from-counts "$merged" --window 5 -o "$tmp/keep" 2> "$tmp/err"
check "--window other than the counts': exit 2" test $? = 2
"$EG" build -q --from-counts "$merged" tests/corpus -o "$tmp/keep" 2> /dev/null
check "--from-counts with INPUT: exit 2" test $? = 2
"$EG" merge a b 2> /dev/null
check "merge takes one INPUT at most: exit 2" test $? = 2
"$EG" count -q -o "$tmp/c.counts" tests/corpus
check "count -o writes the file" test -s "$tmp/c.counts"
check "and leaves no temporary file" test "$(ls "$tmp" | grep -c 'c.counts.')" = 0
echo "1..$TAP_N"
