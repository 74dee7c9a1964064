#!/usr/bin/env bash
# build --render svg|png: the picture drawn through gvc. Checked with real
# tools: xmllint parses the SVG and counts its node groups against the
# summary (read with yq), every entity label is drawn, the legend gives
# the counts by type, `file` knows the PNG; the same input draws the same
# bytes; bad options, failing gvc and unwritable outputs leave nothing.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

svgcount() { xmllint --xpath "count($2)" "$1" 2>/dev/null; }
# every text drawn in an SVG, one per line (xmllint gives no separator)
svgtexts() {
  python3 -c 'import sys, xml.etree.ElementTree as E
for t in E.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text"): print(t.text or "")' "$1"
}
# the ids (titles) of the node groups, those with a label only when $2 is 1
svgnodes() {
  python3 -c 'import sys, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
for g in E.parse(sys.argv[1]).iter(ns + "g"):
    if g.get("class") == "node" and (sys.argv[2] == "0" or g.find(".//" + ns + "text") is not None):
        print(g.find(ns + "title").text)' "$1" "${2:-0}" | sort
}

# ---- the sample corpus, as SVG ----
"$EG" build -q --render svg -o "$tmp/s" tests/corpus 2> "$tmp/err"
check "build --render svg exits 0 on the sample corpus" test $? -eq 0
check "it writes graph.svg" test -s "$tmp/s/graph.svg"
check "the other four outputs and the manifest too, and no temporary file" \
  test "$(ls "$tmp/s" | LC_ALL=C sort | tr '\n' ' ')" = "SHA256SUMS graph.dot graph.graphml graph.svg mentions.tsv summary.yaml "
check "xmllint parses the SVG" xmllint --noout "$tmp/s/graph.svg"

# the legend is the graph's label, not a node: one node group per entity
nodes=$(yq -r '.graph.nodes' "$tmp/s/summary.yaml")
edges=$(yq -r '.graph.edges' "$tmp/s/summary.yaml")
legend_nodes=0
g_nodes=$(svgcount "$tmp/s/graph.svg" "//*[local-name()='g'][@class='node']")
check "one node group per entity ($nodes) plus $legend_nodes for the legend: $g_nodes" \
  test "$g_nodes" = $((nodes + legend_nodes))
check "one edge group per relation ($edges)" \
  test "$(svgcount "$tmp/s/graph.svg" "//*[local-name()='g'][@class='edge']")" = "$edges"
svgnodes "$tmp/s/graph.svg" > "$tmp/titles"
yq -r '.entities[].id' "$tmp/s/summary.yaml" | sort > "$tmp/ids"
check "the node groups are the entities of summary.yaml, by id" cmp "$tmp/titles" "$tmp/ids"

svgtexts "$tmp/s/graph.svg" | sort -u > "$tmp/texts"
yq -r '.entities[].label' "$tmp/s/summary.yaml" | sort -u > "$tmp/labels"
check "every entity label of summary.yaml is drawn as SVG text ($(wc -l < "$tmp/labels"))" \
  bash -c "test -z \"\$(comm -23 '$tmp/labels' '$tmp/texts')\""
for t in person country organization place; do
  n=$(yq -r "[.entities[] | select(.type == \"$t\")] | length" "$tmp/s/summary.yaml")
  check "the legend gives the $t colour and count: '$t ($n)'" grep -qxF "$t ($n)" "$tmp/texts"
done
check "the legend says what node size means" grep -qx 'node size: mentions' "$tmp/texts"
check "the legend says what edge width means" grep -qx 'edge width: co-occurrences' "$tmp/texts"
check "the legend gives the totals" grep -qx "$nodes entities, $edges relations" "$tmp/texts"
fill=$(python3 -c 'import sys, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
for g in E.parse(sys.argv[1]).iter(ns + "g"):
    if g.get("class") == "node" and g.find(ns + "title").text == "russia":
        print([p for p in g.iter(ns + "polygon") if p.get("stroke")][0].get("stroke"))' "$tmp/s/graph.svg")
check "a country is outlined in the country colour (#d62728): $fill" test "$fill" = "#d62728"

# the same input draws the same bytes; the picture does not change the DOT
"$EG" build -q --render svg -o "$tmp/s2" tests/corpus
check "a second run draws a byte-identical SVG" cmp "$tmp/s/graph.svg" "$tmp/s2/graph.svg"
"$EG" build -q -j 1 --render svg -o "$tmp/s3" tests/corpus
check "one thread draws the same SVG" cmp "$tmp/s/graph.svg" "$tmp/s3/graph.svg"
"$EG" build -q -o "$tmp/plain" tests/corpus
check "graph.dot is the same with and without --render" cmp "$tmp/s/graph.dot" "$tmp/plain/graph.dot"
check "without --render no picture is written" test ! -e "$tmp/plain/graph.svg"

# ---- PNG ----
"$EG" build -q --render png -o "$tmp/p" tests/corpus
check "build --render png exits 0" test $? -eq 0
check "file reports graph.png as PNG image data" bash -c "file '$tmp/p/graph.png' | grep -q 'PNG image data'"
check "and no graph.svg beside it" test ! -e "$tmp/p/graph.svg"

# ---- from counts: the same graph, the same picture ----
"$EG" count -q tests/corpus > "$tmp/counts"
"$EG" build -q --from-counts "$tmp/counts" --render svg -o "$tmp/fc"
check "build --from-counts --render draws the same SVG" cmp "$tmp/s/graph.svg" "$tmp/fc/graph.svg"
check "and writes no mentions.tsv" test ! -e "$tmp/fc/mentions.tsv"

# ---- a large graph: sfdp, labels on the most mentioned only ----
if [ -z "${EG_QUICK:-}" ]; then
  yq -r '.[].label' gazetteers/countries.yaml | grep -v '[:"]' > "$tmp/names"
  python3 tests/e2e/synthetic_corpus.py "$tmp/names" "$tmp/big" 40
  "$EG" build -q --render svg -o "$tmp/L" "$tmp/big"
  check "a large graph renders (exit 0)" test $? -eq 0
  bn=$(yq -r '.graph.nodes' "$tmp/L/summary.yaml")
  check "it is large: $bn nodes > 100, laid out by sfdp" test "$bn" -gt 100
  check "one node group per entity ($bn)" \
    test "$(svgcount "$tmp/L/graph.svg" "//*[local-name()='g'][@class='node']")" = "$bn"
  labelled=$(svgcount "$tmp/L/graph.svg" "//*[local-name()='g'][@class='node'][.//*[local-name()='text']]")
  check "only the 80 most mentioned carry a label: $labelled" test "$labelled" = 80
  yq -r '.entities[] | [.mentions, .id] | @tsv' "$tmp/L/summary.yaml" | sort -k1,1nr -k2,2 |
    head -80 | cut -f2 | sort > "$tmp/top"
  svgnodes "$tmp/L/graph.svg" 1 > "$tmp/ltitles"
  check "and they are the 80 most mentioned by summary.yaml" cmp "$tmp/top" "$tmp/ltitles"
  svgtexts "$tmp/L/graph.svg" > "$tmp/ltexts"
  check "the legend says what the unlabelled dots are" \
    grep -qx "no label: $((bn - 80)) of fewer mentions" "$tmp/ltexts"
  "$EG" build -q --render svg -o "$tmp/L2" "$tmp/big"
  check "a second run draws the large graph byte for byte" cmp "$tmp/L/graph.svg" "$tmp/L2/graph.svg"
fi

# ---- errors ----
prev() { # fresh previous outputs in $tmp/o, and their checksums
  rm -rf "$tmp/o"
  "$EG" build -q --render svg -o "$tmp/o" tests/corpus
  (cd "$tmp/o" && md5sum *) > "$tmp/sum"
}
intact() { (cd "$tmp/o" && md5sum -c --quiet "$tmp/sum") && test "$(ls "$tmp/o" | wc -l)" = 6; }

"$EG" build -q --render bogus -o "$tmp/u" tests/corpus 2> "$tmp/err"; rc=$?
check "--render bogus is a usage error: exit 2, named" \
  bash -c "test $rc = 2 && grep -q \"render must be svg or png, not 'bogus'\" '$tmp/err'"
check "and writes nothing" test ! -e "$tmp/u"
"$EG" build -q --render -o "$tmp/u" tests/corpus 2> "$tmp/err"; rc=$?
check "--render with no format (takes -o as one): exit 2" test $rc = 2

echo x > "$tmp/afile"
"$EG" build -q --render svg -o "$tmp/afile/out" tests/corpus 2> "$tmp/err"; rc=$?
check "an output directory that cannot be made: exit 1, named" \
  bash -c "test $rc = 1 && grep -q 'afile/out: cannot create directory' '$tmp/err'"

prev
rm "$tmp/o/graph.svg"; mkdir "$tmp/o/graph.svg"
(cd "$tmp/o" && md5sum graph.dot graph.graphml summary.yaml mentions.tsv) > "$tmp/sum"
"$EG" build -q --render svg -o "$tmp/o" tests/corpus 2> "$tmp/err"; rc=$?
check "a directory in the way of graph.svg: exit 1, named" \
  bash -c "test $rc = 1 && grep -q 'graph.svg: exists and is not a regular file' '$tmp/err'"
check "and no other output was replaced, no temporary file left" intact

prev
GVBINDIR="$tmp/no-plugins" "$EG" build -q --render svg -o "$tmp/o" tests/corpus 2> "$tmp/err"; rc=$?
check "gvc without its plugins fails: exit 1, the file and Graphviz named" \
  bash -c "test $rc = 1 && grep -q 'graph.svg: Graphviz cannot lay out the graph with neato' '$tmp/err'"
check "and the previous outputs are intact, no temporary file left" intact

prev
(trap '' XFSZ; ulimit -f 40; "$EG" build -q --render svg -o "$tmp/o" tests/corpus) 2> "$tmp/err"; rc=$?
check "a full disk while the SVG is written: exit 1, the reason named" \
  bash -c "test $rc = 1 && grep -q 'graph.svg: cannot write: File too large' '$tmp/err'"
check "and the previous outputs are intact, no temporary file left" intact

if [ "$(id -u)" != 0 ]; then
  prev
  chmod a-w "$tmp/o"
  "$EG" build -q --render svg -o "$tmp/o" tests/corpus 2> "$tmp/err"; rc=$?
  chmod u+w "$tmp/o"
  check "an unwritable output directory: exit 1" test $rc = 1
  check "and the previous outputs are intact" intact
fi
echo "1..$TAP_N"
