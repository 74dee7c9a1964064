#!/usr/bin/env bash
# GraphML and GEXF as users load them: python3-networkx (read_graphml,
# read_gexf) and python3-igraph (Graph.Read_GraphML) read the files of a
# build, and tests/e2e/graph_readers.py checks them against summary.yaml:
# node ids are entity ids, counts come back as int, node and edge counts
# and relations match. Then --gexf-version: 1.2 by default, 1.3 on request.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Debian's python, where python3-networkx and python3-igraph are
PY=/usr/bin/python3
readers() { "$PY" tests/e2e/graph_readers.py "$@"; }
checkpy() { # description, check, outdir: the reason printed when it fails
  local d=$1; shift
  local why
  if why=$(readers "$@" 2>&1); then ok "$d"; else not_ok "$d" "$why"; fi
}

check "networkx and python-igraph are installed for $PY" "$PY" -c 'import networkx, igraph'

# the sample corpus: static graph
"$EG" build -q --gexf -o "$tmp/s" tests/corpus
checkpy "sample: networkx reads the GraphML: entity ids, ints, the summary's counts" nx-graphml "$tmp/s"
checkpy "sample: python-igraph reads the GraphML: entity ids, whole counts" igraph-graphml "$tmp/s"
checkpy "sample: networkx reads the GEXF: entity ids, ints, the summary's counts" nx-gexf "$tmp/s"
checkpy "sample: GraphML and GEXF carry the same values" same-columns "$tmp/s"

# a dated corpus with a discovered name (id d:...), characters to escape
cat > "$tmp/c.jsonl" <<'EOF'
{"id": "d1", "date": "2024-01-05", "text": "Russia and Kyrgyzstan signed. Russia and China met."}
{"id": "d2", "date": "2024-01-20", "text": "Russia and Kyrgyzstan talked."}
{"id": "d3", "date": "2024-03-02", "text": "Kyrgyzstan and Kazakhstan agreed. Russia and Kyrgyzstan met again."}
{"id": "d4", "text": "France and Germany met \"at length\" & <late> with Brussels Airlines."}
EOF
"$EG" build -q --no-wordlist --gexf -o "$tmp/d" "$tmp/c.jsonl"
check "the dated corpus has a discovered entity" grep -q 'id="d:' "$tmp/d/graph.graphml"
checkpy "dated: networkx reads the GraphML" nx-graphml "$tmp/d"
checkpy "dated: python-igraph reads the GraphML" igraph-graphml "$tmp/d"
checkpy "dated: networkx reads the dynamic GEXF 1.2" nx-gexf "$tmp/d"
checkpy "dated: the GEXF timeline is the summary's" nx-gexf-dynamic "$tmp/d"
checkpy "dated: GraphML and GEXF carry the same values" same-columns "$tmp/d"

# GraphML: what the file says, read by xmllint
G=$tmp/d/graph.graphml
xg() { xmllint --xpath "$1" "$G" 2>/dev/null; }
check "GraphML: no node id of igraph's n0, n1 form" \
  test "$(xg "count(//*[local-name()='node'][starts-with(@id, 'n') and translate(substring(@id, 2), '0123456789', '') = ''])")" = 0
check "GraphML: every node id is its entity attribute" \
  test "$(xg "count(//*[local-name()='node'][@id != *[@key='v_entity']])")" = 0
check "GraphML: edges name their ends by entity id" \
  test "$(xg "count(//*[local-name()='edge'][@source='kyrgyzstan'][@target='russia'])")" = 1
check "GraphML: the evidence is escaped and reads back" bash -c \
  '[[ "$0" == "France and Germany met \"at length\" & <late> with Brussels Airlines. (d4, bytes 0-67)" ]]' \
  "$(xg "string(//*[local-name()='edge'][@source='france'][@target='germany']/*[@key='e_evidence'])")"

# GEXF versions
X=$tmp/d/graph.gexf
xx() { xmllint --xpath "$1" "$2" 2>/dev/null; }
check "GEXF 1.2 by default: the 1.2draft namespace" \
  test "$(xx "namespace-uri(/*)" "$X")" = http://www.gexf.net/1.2draft
check "and version 1.2" test "$(xx "string(/*/@version)" "$X")" = 1.2
check "GEXF 1.2 has no timerepresentation (1.3 only)" \
  test "$(xx "count(//*[local-name()='graph']/@timerepresentation)" "$X")" = 0
check "GEXF: counts are declared integer or long" \
  test "$(xx "concat(//*[local-name()='attribute'][@id='degree']/@type, ' ', //*[local-name()='attribute'][@id='mentions']/@type)" "$X")" = "integer long"
"$EG" build -q --no-wordlist --gexf-version 1.3 -o "$tmp/d13" "$tmp/c.jsonl"
check "--gexf-version 1.3 writes graph.gexf without --gexf" test -s "$tmp/d13/graph.gexf"
X13=$tmp/d13/graph.gexf
check "xmllint accepts the GEXF 1.3" xmllint --noout "$X13"
check "GEXF 1.3: its namespace and version" \
  test "$(xx "namespace-uri(/*)" "$X13") $(xx "string(/*/@version)" "$X13")" = "http://gexf.net/1.3 1.3"
check "GEXF 1.3: intervals named" \
  test "$(xx "string(//*[local-name()='graph']/@timerepresentation)" "$X13")" = interval
check "GEXF 1.2 and 1.3 differ only in the header and the graph element" \
  bash -c 'diff <(sed 1,6d "$0") <(sed 1,6d "$1")' "$X" "$X13"
"$EG" build -q --no-wordlist --gexf-version 1.2 -o "$tmp/d12" "$tmp/c.jsonl"
check "--gexf-version 1.2 writes the default's bytes" cmp "$X" "$tmp/d12/graph.gexf"
"$EG" build -q --no-wordlist --gexf-version 1.4 -o "$tmp/x" "$tmp/c.jsonl" 2> "$tmp/err"
check "--gexf-version 1.4: exit 2" test $? = 2
check "naming the versions" grep -q -- "--gexf-version must be 1.2 or 1.3, not '1.4'" "$tmp/err"
check "and no output directory" test ! -e "$tmp/x"

# the same input twice, and on several threads: the same bytes
"$EG" build -q -j 3 --no-wordlist --gexf -o "$tmp/d2" "$tmp/c.jsonl"
check "GraphML: the same bytes on -j 3" cmp "$G" "$tmp/d2/graph.graphml"
check "GEXF: the same bytes on -j 3" cmp "$X" "$tmp/d2/graph.gexf"
echo "1..$TAP_N"
