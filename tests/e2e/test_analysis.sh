#!/usr/bin/env bash
# Analysis options of build on a hand-made corpus whose figures are
# worked out below by hand: association measures, --weight, pruning,
# ego networks, evidence, dates, timelines and GEXF (read by xmllint).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Sentence windows, N = 6 sentences. Russia (RU) is in 4 of them,
# Kyrgyzstan (KG) in 4, both in 3 (d1, d2, d3's second sentence).
cat > "$tmp/c.jsonl" <<'EOF'
{"id": "d1", "date": "2024-01-05", "text": "Russia and Kyrgyzstan signed. Russia and China met."}
{"id": "d2", "date": "2024-01-20", "text": "Russia and Kyrgyzstan talked."}
{"id": "d3", "date": "2024-03-02", "text": "Kyrgyzstan and Kazakhstan agreed. Russia and Kyrgyzstan met again."}
{"id": "d4", "text": "France and Germany met."}
EOF
"$EG" build -q --no-wordlist -o "$tmp/o" "$tmp/c.jsonl"
check "build exits 0" test $? = 0
S=$tmp/o/summary.yaml
rel() { yq -r ".relations[] | select(.source == \"$1\" and .target == \"$2\") | .$3" "$S"; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1e-5 && d > -1e-5) }'; }

# RU-KG: PMI log2(3*6/(4*4)) = 0.169925, NPMI = PMI / -log2(3/6) = 0.169925,
# Jaccard 3/(4+4-3) = 0.6, Dice 2*3/8 = 0.75; association: totals
# s_RU = 3 + 1 (China) = 4, s_KG = 3 + 1 (Kazakhstan) = 4, 2m = 2*6 = 12:
# 3*12/(4*4) = 2.25. G2 over the table 3 1 / 1 1 (expected 8/3 4/3 / 4/3 2/3).
check "count 3" test "$(rel kyrgyzstan russia count)" = 3
check "PMI log2(1.125)" near "$(rel kyrgyzstan russia pmi)" 0.169925
check "NPMI" near "$(rel kyrgyzstan russia npmi)" 0.169925
check "Jaccard 0.6" near "$(rel kyrgyzstan russia jaccard)" 0.6
check "Dice 0.75" near "$(rel kyrgyzstan russia dice)" 0.75
check "association strength 2.25" near "$(rel kyrgyzstan russia association)" 2.25
g2=$(awk 'function c(o, e) { return o > 0 ? o * log(o / e) : 0 }
  BEGIN { printf "%.6f", 2 * (c(3, 8/3) + c(1, 4/3) + c(1, 4/3) + c(1, 2/3)) }')
check "log-likelihood G2 = $g2" near "$(rel kyrgyzstan russia llr)" "$g2"
# RU-China: PMI log2(1*6/(4*1)) = 0.584963
check "Russia-China PMI log2(1.5)" near "$(rel china russia pmi)" 0.584963
check "the summary names the weight" test "$(yq -r .parameters.weight "$S")" = count

# GraphML carries every measure, Gephi-readable
G=$tmp/o/graph.graphml
for k in pmi npmi jaccard dice association llr; do
  check "GraphML edge key $k" test "$(xmllint --xpath "count(//*[local-name()='key'][@for='edge'][@attr.name='$k'])" "$G")" = 1
done

# --weight npmi: France-Germany (1 window each, together once) weighs 1
"$EG" build -q --no-wordlist --weight npmi -o "$tmp/n" "$tmp/c.jsonl"
check "--weight npmi: France-Germany weighs 1" \
  near "$(yq -r '.relations[] | select(.source == "france") | .weight' "$tmp/n/summary.yaml")" 1
check "--weight npmi: the heaviest relation first" \
  test "$(yq -r '.relations[0].source' "$tmp/n/summary.yaml")" = france
"$EG" build -q --no-wordlist --weight npmi --render svg -o "$tmp/nr" "$tmp/c.jsonl"
check "graph.dot says which measure the pen widths show" \
  grep -q 'weight_measure=npmi' "$tmp/nr/graph.dot"
check "and the picture's legend too" grep -q 'edge width: NPMI' "$tmp/nr/graph.svg"
"$EG" build -q --no-wordlist --weight bogus -o "$tmp/x" "$tmp/c.jsonl" 2> "$tmp/err"
check "--weight bogus: exit 2" test $? = 2
check "naming the measures" grep -q "npmi" "$tmp/err"

# the relation whose evidence is d1's first sentence: Kyrgyzstan-Russia
ge() { xmllint --xpath "string(//*[local-name()='edge'][*[@key='e_evidence'][contains(., 'Russia and Kyrgyzstan signed.')]]/*[@key='$1'])" "$G"; }
check "GraphML: the evidence as a string with document and bytes" \
  bash -c '[[ "$0" == "Russia and Kyrgyzstan signed. (d1, bytes 0-29)" ]]' "$(ge e_evidence)"
check "GraphML: dates of a relation" test "$(ge e_first_seen) $(ge e_last_seen)" = "2024-01-05 2024-03-02"
check "GraphML: dates of an entity" \
  test "$(xmllint --xpath "string(//*[local-name()='node'][@id][*[@key='v_entity']='russia']/*[@key='v_first_seen'])" "$G")" = 2024-01-05

# pruning
edges() { yq -r '.graph.edges' "$1/summary.yaml"; }
"$EG" build -q --no-wordlist --min-documents 2 -o "$tmp/p1" "$tmp/c.jsonl"
check "--min-documents 2 keeps Russia-Kyrgyzstan alone" test "$(edges "$tmp/p1")" = 1
"$EG" build -q --no-wordlist --ego France -o "$tmp/p2" "$tmp/c.jsonl"
check "--ego France: France and Germany" \
  test "$(yq -r '[.entities[].id] | sort | join(",")' "$tmp/p2/summary.yaml")" = france,germany
"$EG" build -q --no-wordlist --ego kazakhstan --depth 2 -o "$tmp/p3" "$tmp/c.jsonl"
check "--ego kazakhstan --depth 2: Kazakhstan, Kyrgyzstan, Russia" \
  test "$(yq -r '[.entities[].id] | sort | join(",")' "$tmp/p3/summary.yaml")" = kazakhstan,kyrgyzstan,russia
"$EG" build -q --no-wordlist --ego Atlantis -o "$tmp/x" "$tmp/c.jsonl" 2> "$tmp/err"
check "--ego with an unknown name: exit 2" test $? = 2
"$EG" build -q --no-wordlist --backbone 0.5 -o "$tmp/p4" "$tmp/c.jsonl"
check "--backbone 0.5 builds" test "$(edges "$tmp/p4")" -ge 1
"$EG" build -q --no-wordlist --backbone 1.5 -o "$tmp/x" "$tmp/c.jsonl" 2> /dev/null
check "--backbone 1.5: exit 2" test $? = 2
"$EG" build -q --no-wordlist --top-k 1 -o "$tmp/p5" "$tmp/c.jsonl"
check "--top-k 1 keeps every leaf's only edge" test "$(edges "$tmp/p5")" = 4

# evidence: the two least passages by (document, offset)
"$EG" build -q --no-wordlist --evidence 2 -o "$tmp/e" "$tmp/c.jsonl"
check "--evidence 2: two passages" \
  test "$(yq -r '.relations[] | select(.source == "kyrgyzstan" and .target == "russia") | .evidence | length' "$tmp/e/summary.yaml")" = 2
check "from d1 and d2" \
  test "$(yq -r '.relations[] | select(.source == "kyrgyzstan" and .target == "russia") | [.evidence[].doc] | join(",")' "$tmp/e/summary.yaml")" = d1,d2

# dates and timelines (months by default)
check "dated documents: 3" test "$(yq -r .corpus.dated_documents "$S")" = 3
check "first and last date" test "$(yq -r '.corpus.first_date + " " + .corpus.last_date' "$S")" = "2024-01-05 2024-03-02"
ru() { yq -r ".entities[] | select(.id == \"russia\") | $1" "$S"; }
check "Russia first seen 2024-01-05" test "$(ru .first_seen)" = 2024-01-05
check "Russia's timeline: 3 in January, 1 in March" \
  test "$(ru '.timeline | to_entries | map(.key + "=" + (.value | tostring)) | join(",")')" = "2024-01=3,2024-03=1"
check "Russia-Kyrgyzstan last seen 2024-03-02" test "$(rel kyrgyzstan russia last_seen)" = 2024-03-02
check "France, undated, has no first_seen" \
  test "$(yq -r '.entities[] | select(.id == "france") | has("first_seen")' "$S")" = false
"$EG" build -q --no-wordlist --period week -o "$tmp/w" "$tmp/c.jsonl"
check "--period week: Russia in ISO weeks 1, 3 and 9 of 2024" \
  test "$(yq -r '.entities[] | select(.id == "russia") | .timeline | keys | join(",")' "$tmp/w/summary.yaml")" = "2024-W01,2024-W03,2024-W09"

# GEXF: well formed, dynamic, spells per month (January and March apart)
"$EG" build -q --no-wordlist --gexf -o "$tmp/g" "$tmp/c.jsonl"
X=$tmp/g/graph.gexf
check "xmllint accepts graph.gexf" xmllint --noout "$X"
x() { xmllint --xpath "$1" "$X" 2>/dev/null; }
check "GEXF 1.2 namespace" test "$(x "namespace-uri(/*)")" = http://www.gexf.net/1.2draft
check "a dynamic graph of dates" \
  test "$(x "string(//*[local-name()='graph']/@mode)") $(x "string(//*[local-name()='graph']/@timeformat)")" = "dynamic date"
check "one node per entity" test "$(x "count(//*[local-name()='node'])")" = "$(yq -r .graph.nodes "$tmp/g/summary.yaml")"
check "one edge per relation" test "$(x "count(//*[local-name()='edge'])")" = "$(yq -r .graph.edges "$tmp/g/summary.yaml")"
spells() { x "count(//*[local-name()='node'][@id='$1']//*[local-name()='spell'])"; }
check "Russia: two spells (January, March)" test "$(spells russia)" = 2
check "the first is all of January" \
  test "$(x "string(//*[local-name()='node'][@id='russia']//*[local-name()='spell'][1]/@start)")..$(x "string(//*[local-name()='node'][@id='russia']//*[local-name()='spell'][1]/@end)")" = 2024-01-01..2024-01-31
check "France, undated, has no spells" test "$(spells france)" = 0
check "GEXF colours nodes by type" test "$(x "count(//*[local-name()='node'][@id='russia']/*[local-name()='color'][@r='214'])")" = 1

# dates from paths
mkdir -p "$tmp/p/2024/05/17" "$tmp/p/misc"
echo "Russia and China met." > "$tmp/p/2024/05/17/a.txt"
echo "Russia and Kyrgyzstan met." > "$tmp/p/misc/b.txt"
"$EG" build -q --no-wordlist --date-from-path '([0-9]{4})/([0-9]{2})/([0-9]{2})' -o "$tmp/dp" "$tmp/p" 2> "$tmp/err"
check "--date-from-path: one dated document" test "$(yq -r .corpus.dated_documents "$tmp/dp/summary.yaml")" = 1
check "dated 2024-05-17" test "$(yq -r .corpus.first_date "$tmp/dp/summary.yaml")" = 2024-05-17
"$EG" build --no-wordlist --date-from-path '([0-9]{4})/([0-9]{2})/([0-9]{2})' -o "$tmp/dp" "$tmp/p" 2> "$tmp/err"
check "the undated path is named in a warning" grep -q "misc/b.txt: --date-from-path finds no date" "$tmp/err"
"$EG" build -q --date-from-path '(' -o "$tmp/x" "$tmp/p" 2> "$tmp/err"
check "a bad regular expression: exit 2" test $? = 2
echo "1..$TAP_N"
