#!/usr/bin/env bash
# End to end: `entigraph build` on the sample corpus, outputs checked by
# real parsers (dot, xmllint, yq/jq), relations, determinism, errors.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$EG" build -q -o "$tmp/out" tests/corpus 2>"$tmp/err"
check "build exits 0 on the sample corpus" test $? -eq 0
for f in graph.dot graph.graphml summary.yaml mentions.tsv; do
  check "build writes $f" test -s "$tmp/out/$f"
done
check "no temporary files are left (4 outputs and SHA256SUMS)" test "$(ls "$tmp/out" | wc -l)" -eq 5

# DOT: Graphviz lays it out and renders every node
if dot -Tsvg "$tmp/out/graph.dot" -o "$tmp/g.svg" 2>"$tmp/dot.err"; then ok "dot -Tsvg accepts graph.dot"; else not_ok "dot -Tsvg accepts graph.dot" "$(cat "$tmp/dot.err")"; fi
nodes=$(yq -r '.graph.nodes' "$tmp/out/summary.yaml")
svg_nodes=$(xmllint --xpath 'count(//*[local-name()="g"][@class="node"])' "$tmp/g.svg" 2>/dev/null)
check "the SVG has one node per entity ($nodes)" test "$svg_nodes" = "$nodes"

# GraphML: well formed, Gephi's keys, integer colours, no graph-level keys
check "xmllint accepts graph.graphml" xmllint --noout "$tmp/out/graph.graphml"
key() { xmllint --xpath "string(//*[local-name()='key'][@for='$1'][@attr.name='$2']/@attr.type)" "$tmp/out/graph.graphml" 2>/dev/null; }
check "node key label is a string" test "$(key node label)" = string
check "node key type is a string" test "$(key node type)" = string
for k in r g b; do check "node key $k is an integer" test "$(key node $k)" = int; done
for k in mentions documents; do check "node key $k is a long" test "$(key node $k)" = long; done
for k in degree community; do check "node key $k is an integer" test "$(key node $k)" = int; done
for k in strength pagerank betweenness size; do
  check "node key $k is numeric" test "$(key node $k)" = double
done
check "edge key weight is numeric" test "$(key edge weight)" = double
for k in count documents; do check "edge key $k is a long" test "$(key edge $k)" = long; done
ids=$(xmllint --xpath "//*[local-name()='key']/@id" "$tmp/out/graph.graphml" 2>/dev/null | tr ' ' '\n' | grep -c .)
uniq_ids=$(xmllint --xpath "//*[local-name()='key']/@id" "$tmp/out/graph.graphml" 2>/dev/null | tr ' ' '\n' | grep . | sort -u | wc -l)
# regression: nodes and edges both have "documents", and igraph wrote one id twice
check "GraphML key ids are unique ($ids keys)" test "$ids" = "$uniq_ids"
check "no graph-level keys" test "$(xmllint --xpath "count(//*[local-name()='key'][@for='graph'])" "$tmp/out/graph.graphml")" = 0
gm_nodes=$(xmllint --xpath "count(//*[local-name()='node'])" "$tmp/out/graph.graphml")
check "GraphML has the same node count as the summary" test "$gm_nodes" = "$nodes"

# YAML summary: a real YAML parser reads it; the expected relations exist
check "yq parses summary.yaml" yq -e '.entities | length > 0' "$tmp/out/summary.yaml"
rel() { # a b: the pair exists in either direction
  yq -e --arg a "$1" --arg b "$2" \
    '[.relations[] | select((.source == $a and .target == $b) or (.source == $b and .target == $a))] | length == 1' \
    "$tmp/out/summary.yaml" >/dev/null 2>&1
}
for pair in "russia kyrgyzstan" "russia international-criminal-court" \
            "kyrgyzstan international-criminal-court" "russia commonwealth-of-independent-states" \
            "kyrgyzstan commonwealth-of-independent-states" "vladimir-putin sadyr-japarov"; do
  set -- $pair
  if rel "$1" "$2"; then ok "relation $1 - $2"; else not_ok "relation $1 - $2"; fi
done
check "every relation has evidence text" \
  yq -e '[.relations[] | select((.evidence[0].text | length) == 0)] | length == 0' "$tmp/out/summary.yaml"
check "documents counted" yq -e '.corpus.documents == 3' "$tmp/out/summary.yaml"
for m in degree strength pagerank betweenness; do
  check "graph.top_by_$m is in descending $m order, as the entities say" yq -e "
    [.graph.top_by_$m[] as \$id | .entities[] | select(.id == \$id) | .$m] as \$s |
    (\$s | length) == ([.entities | length, 10] | min) and \$s == (\$s | sort | reverse) and
    \$s[0] == ([.entities[].$m] | max)" "$tmp/out/summary.yaml"
done
check "Putin is a person mentioned in all 3 documents" \
  yq -e '.entities[] | select(.id == "vladimir-putin") | .type == "person" and .documents == 3' "$tmp/out/summary.yaml"
check "evidence offsets point at the evidence in the document" bash -c '
  doc=$(yq -r ".relations[0].evidence[0].doc" "$0"); s=$(yq -r ".relations[0].evidence[0].start" "$0")
  e=$(yq -r ".relations[0].evidence[0].end" "$0"); t=$(yq -r ".relations[0].evidence[0].text" "$0")
  [ "$(tail -c +$((s + 1)) "$doc" | head -c $((e - s)) | tr -s "\n\t " "   ")" = "$t" ]' "$tmp/out/summary.yaml"

# determinism: a second run is byte-identical
"$EG" build -q -o "$tmp/out2" tests/corpus
same=1
for f in graph.dot graph.graphml summary.yaml mentions.tsv; do cmp -s "$tmp/out/$f" "$tmp/out2/$f" || same=0; done
check "a second run gives byte-identical files" test $same = 1

# windows
for w in paragraph document 12; do
  check "--window $w builds" "$EG" build -q --window $w -o "$tmp/w$w" tests/corpus
done
p_edges=$(yq '.graph.edges' "$tmp/wparagraph/summary.yaml"); s_edges=$(yq '.graph.edges' "$tmp/out/summary.yaml")
d_edges=$(yq '.graph.edges' "$tmp/wdocument/summary.yaml")
check "wider windows give at least as many edges ($s_edges <= $p_edges <= $d_edges)" \
  test "$s_edges" -le "$p_edges" -a "$p_edges" -le "$d_edges"
check "--min-weight 3 keeps only edges of weight >= 3" bash -c \
  "'$EG' build -q --min-weight 3 -o '$tmp/mw' tests/corpus && yq -e '([.relations[] | select(.weight < 3)] | length == 0) and (.relations | length > 0)' '$tmp/mw/summary.yaml'"
check "--types country keeps only countries" bash -c \
  "'$EG' build -q --types country -o '$tmp/ty' tests/corpus && yq -e '[.entities[] | select(.type != \"country\")] | length == 0' '$tmp/ty/summary.yaml'"

check "--exclude-kinds media drops news agencies" bash -c \
  "'$EG' build -q --exclude-kinds media -o '$tmp/nm' tests/corpus && yq -e '([.entities[] | select(.kind == \"media\")] | length == 0) and .parameters.exclude_kinds == \"media\"' '$tmp/nm/summary.yaml' && yq -e '[.entities[] | select(.kind == \"media\")] | length > 0' '$tmp/out/summary.yaml'"
"$EG" tag --exclude-kinds medai tests/corpus >/dev/null 2>"$tmp/err"; rc=$?
check "--exclude-kinds with an unknown kind exits 2 and names it" bash -c "test $rc = 2 && grep -q \"no entity has the kind 'medai'\" '$tmp/err'"

"$EG" build -q --skip-boilerplate -o "$tmp/sb" tests/corpus
check "--skip-boilerplate drops the agencies of a photo credit and a prompt line" bash -c \
  "yq -e '[.entities[].id] | (index(\"sputnik\") == null) and (index(\"hotnews-ro\") == null)' '$tmp/sb/summary.yaml' && yq -e '[.entities[].id] | index(\"sputnik\") != null' '$tmp/out/summary.yaml'"
check "--skip-boilerplate keeps the caption's people" \
  yq -e '[.relations[] | select(.source == "sadyr-japarov" and .target == "vladimir-putin")] | length == 1' "$tmp/sb/summary.yaml"
check "tag JSONL shows the rule that decided (Dzaparov is a variant)" bash -c \
  "'$EG' tag -q --format jsonl tests/corpus | jq -e -s '[.[] | select(.surface == \"Dzaparov\")][0] | .id == \"sadyr-japarov\" and .rule == \"variant\"'"

# tag: header, offsets are bytes of the original, JSONL parses
"$EG" tag -q tests/corpus > "$tmp/tag.tsv"
check "tag TSV header" test "$(head -1 "$tmp/tag.tsv")" = "$(printf 'doc\tsentence\tstart\tend\tsurface\tid\tlabel\ttype\tdiscovered')"
bad=0
while IFS=$'\t' read -r doc sent s e surf id label type; do
  [ "$(tail -c +$((s + 1)) "$doc" | head -c $((e - s)))" = "$surf" ] || bad=$((bad + 1))
done < <(tail -n +2 "$tmp/tag.tsv")
check "every TSV offset pair cuts out its surface" test $bad = 0
check "tag matches build's mentions.tsv" cmp -s "$tmp/tag.tsv" "$tmp/out/mentions.tsv"
check "JSONL parses with jq" bash -c "'$EG' tag -q --format jsonl tests/corpus | jq -e -s 'length > 100 and all(.[]; .id and .rule)'"
check "stdin input" bash -c "echo 'Putin visited Kyrgyzstan.' | '$EG' tag -q - | grep -q \$'^-\t1\t0\t5\tPutin\tvladimir-putin'"

# directories: recursive, sorted, hidden entries skipped, link loops end
mkdir -p "$tmp/tree/b" "$tmp/tree/a/sub"
echo "Putin" > "$tmp/tree/b/1.txt"; echo "Russia" > "$tmp/tree/a/sub/2.txt"
echo "Bishkek" > "$tmp/tree/a/1.txt"; echo "Ukraine" > "$tmp/tree/.hidden.txt"
ln -s .. "$tmp/tree/a/loop"
docs=$("$EG" tag "$tmp/tree" 2>"$tmp/err" | tail -n +2 | cut -f1 | sed "s|$tmp/tree/||" | tr '\n' ' ')
check "directory walk is recursive and sorted ($docs)" test "$docs" = "a/1.txt a/sub/2.txt b/1.txt "
check "a directory link loop is reported and skipped" grep -q "a/loop: skipped: directory link loop" "$tmp/err"

mkdir "$tmp/emptydir"
"$EG" build -o "$tmp/eo" "$tmp/emptydir" 2>"$tmp/err"; rc=$?
check "an empty directory builds an empty graph and warns" bash -c \
  "test $rc = 0 && grep -q 'no documents found' '$tmp/err' && yq -e '.graph.nodes == 0 and .entities == []' '$tmp/eo/summary.yaml' && xmllint --noout '$tmp/eo/graph.graphml' && dot -Tsvg '$tmp/eo/graph.dot' -o /dev/null"

# regression: a file name that is not UTF-8 crashed the YAML writer
mkdir "$tmp/c1"; printf 'Putin met Biden in Moscow.\n' > "$tmp/c1/$(printf 'bad\xff').txt"
"$EG" build -q -o "$tmp/c1out" "$tmp/c1"; rc=$?
check "a non-UTF-8 file name builds" test $rc = 0
check "its summary parses" yq -e '.relations | length == 3' "$tmp/c1out/summary.yaml"
check "its JSONL parses" bash -c "'$EG' tag -q --format jsonl '$tmp/c1' | jq -e .doc"

# regression: labels ending in a backslash, and long non-ASCII labels
long=$(python3 -c "print('Ж' * 498)")
printf -- '- id: a\n  label: "Alpha\\\\"\n  type: person\n- id: b\n  label: %s\n  type: person\n  aliases: [Bravo]\n- id: c\n  label: %s\n  type: place\n  aliases: [Charlie]\n' "$long" "${long}Я" > "$tmp/odd.yaml"
printf 'Alpha\\ met Bravo in Charlie.\n' > "$tmp/odd.txt"
"$EG" build -q --no-wordlist -g "$tmp/odd.yaml" -o "$tmp/oddout" "$tmp/odd.txt"
if dot -Tsvg "$tmp/oddout/graph.dot" -o /dev/null 2>"$tmp/dot.err" && [ ! -s "$tmp/dot.err" ]; then
  ok "dot reads backslashes and long UTF-8 labels without complaint"
else not_ok "dot reads backslashes and long UTF-8 labels without complaint" "$(head -c 300 "$tmp/dot.err")"; fi
check "the backslash survives into the rendered label" bash -c "dot -Tplain '$tmp/oddout/graph.dot' | grep -q 'Alpha\\\\'"

# regression: DOT edge tooltips followed gazetteer load order
fwd=() rev=()
for f in gazetteers/*.yaml; do fwd=("${fwd[@]}" -g "$f"); rev=(-g "$f" "${rev[@]}"); done
"$EG" build -q "${fwd[@]}" -o "$tmp/ord1" tests/corpus
"$EG" build -q "${rev[@]}" -o "$tmp/ord2" tests/corpus
same=1
for f in graph.dot graph.graphml mentions.tsv; do cmp -s "$tmp/ord1/$f" "$tmp/ord2/$f" || same=0; done
check "gazetteer file order does not change the graph files" test $same = 1

# bad input: clear message, non-zero exit, previous outputs intact
printf -- '- id: x\n  label: X\n  type: planet\n' > "$tmp/bad.yaml"
before=$(md5sum "$tmp/out"/* | md5sum)
"$EG" build -q -g "$tmp/bad.yaml" -o "$tmp/out" tests/corpus 2>"$tmp/err"; rc=$?
check "bad gazetteer exits 1" test $rc = 1
check "bad gazetteer message names file:line:col" grep -q "bad.yaml:3:9: unknown type 'planet'" "$tmp/err"
check "previous outputs stay intact after an error" test "$(md5sum "$tmp/out"/* | md5sum)" = "$before"
check "no temporary files after an error" test "$(ls "$tmp/out" | wc -l)" = 5
printf 'Putin in \xff\xfe Bishkek' > "$tmp/bad-utf8.txt"
"$EG" tag "$tmp/bad-utf8.txt" >"$tmp/o" 2>"$tmp/err"; rc=$?
check "invalid UTF-8 is repaired, not fatal" test $rc = 0
check "invalid UTF-8 warning names the file and byte" grep -q "bad-utf8.txt: invalid UTF-8 at byte 9" "$tmp/err"
check "text around invalid bytes is still tagged" grep -q bishkek "$tmp/o"
mkdir "$tmp/ro"; chmod 500 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
  "$EG" build -q -o "$tmp/ro" tests/corpus 2>/dev/null; check "unwritable output directory exits 1" test $? = 1
fi
"$EG" build -q -o "$tmp/out3" "$tmp/missing.txt" 2>"$tmp/err"; rc=$?
check "missing input exits 1 and names it" bash -c "test $rc = 1 && grep -q 'missing.txt' '$tmp/err'"
check "missing input writes nothing" test ! -e "$tmp/out3/graph.dot"

# usage errors exit 2
"$EG" build --bogus tests/corpus 2>/dev/null; check "unknown option exits 2" test $? = 2
"$EG" build --window 0 tests/corpus 2>/dev/null; check "--window 0 exits 2" test $? = 2
"$EG" build 2>/dev/null; check "no input exits 2" test $? = 2
"$EG" build --types planets tests/corpus 2>/dev/null; check "bad --types exits 2" test $? = 2
"$EG" frobnicate 2>/dev/null; check "unknown command exits 2" test $? = 2
check "--help" bash -c "'$EG' --help | grep -q 'build'"
check "build --help lists --window" bash -c "'$EG' build --help | grep -q -- '--window'"
check "--version" bash -c "'$EG' --version | grep -q '^entigraph [0-9]'"
echo "1..$TAP_N"
