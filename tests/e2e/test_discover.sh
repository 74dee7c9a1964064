#!/usr/bin/env bash
# Name discovery end to end, on hand-written news: discovered entities in
# every output (tag TSV and JSONL, mentions.tsv, GraphML read by xmllint,
# GEXF, the summary read by yq, show), one entity per name across
# documents, --no-discover, and count/merge/--from-counts equal to a
# single build with discovered entities in them.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/docs"
cat > "$tmp/docs/a.txt" <<'TXT'
Flights by Brussels Airlines to Kyiv were cancelled on Monday, chief executive
Peter Gerber said. Gerber told staff the strike would end soon.

The Rapid Support Forces (RSF) attacked El Fasher in Sudan. RSF fighters fled.
TXT
cat > "$tmp/docs/b.txt" <<'TXT'
Brussels Airlines resumed flights to Kyiv on Friday, a spokesperson said.
Judge Sidney Stein ruled against the Sudanese Armed Forces.
TXT

"$EG" tag -q "$tmp/docs" > "$tmp/tag.tsv"
col() { awk -F'\t' -v s="$1" -v c="$2" '$5 == s { print $c; exit }' "$tmp/tag.tsv"; }
check "Brussels Airlines is a discovered organization (id d:brussels-airlines, flag 1)" \
  test "$(col 'Brussels Airlines' 6)/$(col 'Brussels Airlines' 8)/$(col 'Brussels Airlines' 9)" \
  = "d:brussels-airlines/organization/1"
check "and is not Brussels" bash -c "! grep -qP '\tbrussels\t' '$tmp/tag.tsv'"
check "a gazetteer name keeps flag 0 (Kyiv)" test "$(col Kyiv 9)" = 0
check "the bare surname Gerber is Peter Gerber" test "$(col Gerber 6)" = d:peter-gerber
check "RSF, defined in brackets, is the Rapid Support Forces" \
  test "$(awk -F'\t' '$5 == "RSF"' "$tmp/tag.tsv" | cut -f6 | sort -u)" = "$(col 'Rapid Support Forces' 6)"
check "the Sudanese Armed Forces are one organization, not Sudan" \
  test "$(col 'Sudanese Armed Forces' 8)" = organization
check "one entity for the name in both documents" \
  test "$(awk -F'\t' '$6 == "d:brussels-airlines"' "$tmp/tag.tsv" | wc -l)" = 2

"$EG" tag -q --format jsonl "$tmp/docs" > "$tmp/tag.jsonl"
check "JSONL: rule discovered, discovered true, evidence head" \
  test "$(jq -c 'select(.surface == "Brussels Airlines") | [.rule, .discovered, .evidence]' "$tmp/tag.jsonl" | head -1)" \
  = '["discovered",true,["head"]]'
check "JSONL: a gazetteer mention has discovered false and no evidence" \
  test "$(jq -c 'select(.surface == "Kyiv") | [.discovered, .evidence]' "$tmp/tag.jsonl" | head -1)" = '[false,null]'

"$EG" tag -q --no-discover "$tmp/docs" > "$tmp/nod.tsv"
check "--no-discover: no discovered entity" bash -c "! cut -f6 '$tmp/nod.tsv' | grep -q '^d:'"
check "--no-discover: the gazetteer's Brussels as before" grep -qP '\tbrussels\t' "$tmp/nod.tsv"

"$EG" build -q --gexf -o "$tmp/out" "$tmp/docs"
G=$tmp/out/graph.graphml
xp() { xmllint --xpath "$1" "$G" 2>/dev/null; }
key=$(xp 'string(//*[local-name()="key"][@attr.name="discovered"]/@id)')
ekey=$(xp 'string(//*[local-name()="key"][@attr.name="entity"]/@id)')
check "GraphML declares discovered as a boolean" \
  test "$(xp 'string(//*[local-name()="key"][@attr.name="discovered"]/@attr.type)')" = boolean
check "GraphML: d:brussels-airlines is discovered" \
  test "$(xp "string(//*[local-name()='node'][*[@key='$ekey']='d:brussels-airlines']/*[@key='$key'])")" = true
check "GraphML: kyiv is not" \
  test "$(xp "string(//*[local-name()='node'][*[@key='$ekey']='kyiv']/*[@key='$key'])")" = false
check "GEXF: the node d:brussels-airlines is discovered" \
  test "$(xmllint --xpath "string(//*[local-name()='node'][@id='d:brussels-airlines']//*[local-name()='attvalue'][@for='discovered']/@value)" "$tmp/out/graph.gexf")" = true
S=$tmp/out/summary.yaml
check "summary: discovered: true, label and type" \
  test "$(yq -r '.entities[] | select(.id == "d:brussels-airlines") | [.discovered, .label, .type] | join("/")' "$S")" \
  = "true/Brussels Airlines/organization"
check "summary: a gazetteer entity has no discovered key" \
  test "$(yq -r '.entities[] | select(.id == "kyiv") | .discovered' "$S")" = null
check "summary: an edge between the airline and Kyiv" \
  test "$(yq -r '[.relations[] | select((.source == "d:brussels-airlines" and .target == "kyiv") or (.source == "kyiv" and .target == "d:brussels-airlines"))] | length' "$S")" = 1
check "mentions.tsv flags it" grep -qP '\td:brussels-airlines\tBrussels Airlines\torganization\t1$' "$tmp/out/mentions.tsv"
"$EG" show --summary "$S" "Brussels Airlines" > "$tmp/card"
check "show says it is discovered" grep -q '^  type .*organization, discovered' "$tmp/card"

# map/reduce: one mapper per document, merged, equals the single build
"$EG" count -q -o "$tmp/a.counts" "$tmp/docs/a.txt"
"$EG" count -q -o "$tmp/b.counts" "$tmp/docs/b.txt"
check "count writes D records for discovered entities" \
  grep -qP '^D d:brussels-airlines\t0 0 [1-9][0-9]* 0\tBrussels Airlines$' "$tmp/a.counts"
LC_ALL=C sort "$tmp/a.counts" "$tmp/b.counts" | "$EG" merge > "$tmp/all.counts"
check "merge adds the votes of a name seen in both shards" \
  grep -qP '^D d:brussels-airlines\t0 0 2 0\tBrussels Airlines$' "$tmp/all.counts"
"$EG" build -q --from-counts "$tmp/all.counts" -o "$tmp/mr"
for f in graph.dot graph.graphml summary.yaml; do
  check "--from-counts: $f equals the single build's" cmp "$tmp/out/$f" "$tmp/mr/$f"
done
# regression: a record of a discovered entity before its D record made
# the normalised name its label, and "Ĳ" (2 bytes) folds to "ij" (2
# bytes), so the label of the shards was "ijsselkopf province"
mkdir "$tmp/ij"
printf 'Floods hit Ĳsselkopf Province and Kyiv on Monday.\n' > "$tmp/ij/1.txt"
printf 'Rain fell on Ĳsselkopf Province and Kyiv again.\n' > "$tmp/ij/2.txt"
"$EG" count -q -o "$tmp/ij1.counts" "$tmp/ij/1.txt"
"$EG" count -q -o "$tmp/ij2.counts" "$tmp/ij/2.txt"
LC_ALL=C sort "$tmp/ij1.counts" "$tmp/ij2.counts" | "$EG" merge > "$tmp/ij.counts"
"$EG" build -q --from-counts "$tmp/ij.counts" -o "$tmp/ij-mr"
"$EG" build -q -o "$tmp/ij-one" "$tmp/ij"
check "shards keep the label a single build gives (Ĳsselkopf Province)" \
  bash -c "cmp '$tmp/ij-one/summary.yaml' '$tmp/ij-mr/summary.yaml' && grep -q 'label: Ĳsselkopf Province' '$tmp/ij-mr/summary.yaml'"
# regression: --types kept discovered names of every type
"$EG" tag -q --types country,place "$tmp/docs" > "$tmp/types.tsv"
check "--types country,place: no discovered person or organization" \
  bash -c "! awk -F'\t' 'NR > 1 && (\$8 == \"person\" || \$8 == \"organization\")' '$tmp/types.tsv' | grep -q ."
"$EG" tag -q --types country,place "$tmp/ij" > "$tmp/types2.tsv"
check "and the discovered places stay" grep -qP '\td:ijsselkopf-province\t[^\t]+\tplace\t1$' "$tmp/types2.tsv"
printf 'D d:x\t1 2\tX\n' > "$tmp/bad.counts"
"$EG" merge "$tmp/bad.counts" > /dev/null 2> "$tmp/err"
check "a D record without four votes is an error naming the line" \
  grep -q 'bad.counts:1: a discovered entity' "$tmp/err"
echo "1..$TAP_N"
