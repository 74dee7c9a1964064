#!/usr/bin/env bash
# The plain tables (--csv, --vosviewer) read back with Python's csv module
# and checked against summary.yaml and graph.graphml; quoting of awkward
# labels and document ids; --top-k ties kept or cut and the isolates the
# pruning leaves, on corpora whose graphs are worked out by hand below.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/tap.sh
EG=${ENTIGRAPH:-build/entigraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Python's checks print "1<TAB>what" or "0<TAB>what<TAB>why", made TAP here.
report() {
  local pass what why
  while IFS=$'\t' read -r pass what why; do
    if [ "$pass" = 1 ]; then ok "$what"; else not_ok "$what" "$why"; fi
  done
}

# ---- the sample corpus: every table against the summary and the GraphML
"$EG" build -q --csv --vosviewer -o "$tmp/s" tests/corpus
check "build --csv --vosviewer exits 0" test $? = 0
for f in nodes.csv edges.csv documents.csv vosviewer-map.txt vosviewer-network.txt; do
  check "writes $f" test -s "$tmp/s/$f"
  check "SHA256SUMS lists $f" grep -q "  $f\$" "$tmp/s/SHA256SUMS"
done
(cd "$tmp/s" && sha256sum --quiet -c SHA256SUMS) >/dev/null 2>&1
check "the manifest matches every file" test $? = 0
yq . "$tmp/s/summary.yaml" > "$tmp/s.json"

report < <(python3 - "$tmp/s" "$tmp/s.json" <<'PY'

import csv, json, sys, xml.etree.ElementTree as ET
d, summary = sys.argv[1], json.load(open(sys.argv[2]))
def check(what, cond, why=""):
    print(f"{1 if cond else 0}\t{what}\t{why}")
def rows(name, **kw):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.reader(f, **kw))

nodes, edges, docs = rows("nodes.csv"), rows("edges.csv"), rows("documents.csv")
# Gephi's spreadsheet importer: Id, Label / Source, Target, Type, Weight
check("nodes.csv header starts Id,Label", nodes[0][:3] == ["Id", "Label", "type"], nodes[0])
check("edges.csv header starts Source,Target,Type,Weight",
      edges[0][:4] == ["Source", "Target", "Type", "Weight"], edges[0])
check("documents.csv header", docs[0] == ["document", "entity", "mentions"], docs[0])
for name, t in (("nodes.csv", nodes), ("edges.csv", edges), ("documents.csv", docs)):
    check(f"{name}: every row as long as the header",
          all(len(r) == len(t[0]) for r in t), [len(r) for r in t if len(r) != len(t[0])][:3])
N = [dict(zip(nodes[0], r)) for r in nodes[1:]]
E = [dict(zip(edges[0], r)) for r in edges[1:]]
D = [dict(zip(docs[0], r)) for r in docs[1:]]
g = summary["graph"]
check(f"nodes.csv has graph.nodes rows ({g['nodes']})", len(N) == g["nodes"], len(N))
check(f"edges.csv has graph.edges rows ({g['edges']})", len(E) == g["edges"], len(E))
ents = {e["id"]: e for e in summary["entities"]}
check("nodes.csv ids are the summary's entities", {n["Id"] for n in N} == set(ents))
check("nodes in id order (byte order)", [n["Id"].encode() for n in N] == sorted(n["Id"].encode() for n in N))
bad = [n["Id"] for n in N if (int(n["mentions"]), int(n["documents"]), int(n["community"]), n["Label"], n["type"])
       != (ents[n["Id"]]["mentions"], ents[n["Id"]]["documents"], ents[n["Id"]]["community"],
           ents[n["Id"]]["label"], ents[n["Id"]]["type"])]
check("label, type, mentions, documents and community as in the summary", not bad, bad[:3])
bad = [n["Id"] for n in N if abs(float(n["degree"]) - ents[n["Id"]]["degree"]) > 1e-9
       or abs(float(n["pagerank"]) - ents[n["Id"]]["pagerank"]) > 1e-5 * max(1, ents[n["Id"]]["pagerank"])]
check("degree and PageRank as in the summary", not bad, bad[:3])
check("discovered is true or false", {n["discovered"] for n in N} <= {"true", "false"})
check("the sample has discovered names too", any(n["Id"].startswith("d:") for n in N))
rel = {(r["source"], r["target"]): r for r in summary["relations"]}
check("edges.csv pairs are the summary's relations", {(e["Source"], e["Target"]) for e in E} == set(rel))
check("every edge Undirected", {e["Type"] for e in E} == {"Undirected"})
bad = [(e["Source"], e["Target"]) for e in E
       if abs(float(e["Weight"]) - rel[(e["Source"], e["Target"])]["weight"]) > 1e-9
       or int(e["count"]) != rel[(e["Source"], e["Target"])]["count"]]
check("weights and counts as in the summary", not bad, bad[:3])
check("Source before Target, edges in order",
      all(e["Source"].encode() < e["Target"].encode() for e in E)
      and [(e["Source"].encode(), e["Target"].encode()) for e in E]
      == sorted((e["Source"].encode(), e["Target"].encode()) for e in E))
# the document-entity list adds up to each node's mentions and documents
m, n = {}, {}
for r in D:
    m[r["entity"]] = m.get(r["entity"], 0) + int(r["mentions"])
    n[r["entity"]] = n.get(r["entity"], 0) + 1
bad = [x["Id"] for x in N if m.get(x["Id"], 0) != int(x["mentions"]) or n.get(x["Id"], 0) != int(x["documents"])]
check("documents.csv sums to each entity's mentions and documents", not bad, bad[:3])
check("documents.csv names only the graph's entities", set(m) <= {x["Id"] for x in N})
docids = list(dict.fromkeys(r["document"] for r in D))
check(f"documents.csv: at most corpus.documents documents ({summary['corpus']['documents']})",
      len(docids) <= summary["corpus"]["documents"], len(docids))
check("documents.csv: one row per document and entity",
      len({(r["document"], r["entity"]) for r in D}) == len(D))

# against GraphML: the same nodes and weights (ids as entity ids, or the
# entity attribute where node ids are n0, n1, ...)
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(f"{d}/graph.graphml").getroot()
keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.findall("g:key", ns)}
def data(el, dom, name):
    k = keys.get((dom, name))
    for x in el.findall("g:data", ns):
        if x.get("key") == k:
            return x.text
    return None
gid = {}
for v in root.iter("{http://graphml.graphdrawing.org/xmlns}node"):
    gid[v.get("id")] = data(v, "node", "entity") or v.get("id")
check("GraphML and nodes.csv: the same entities", set(gid.values()) == {x["Id"] for x in N})
gw = {}
for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge"):
    a, b = sorted((gid[e.get("source")], gid[e.get("target")]), key=str.encode)
    gw[(a, b)] = float(data(e, "edge", "weight"))
check("GraphML and edges.csv: the same edges and weights",
      gw == {(e["Source"], e["Target"]): float(e["Weight"]) for e in E})

# VOSviewer: map items numbered 1..n in nodes.csv order, network by them
vm = rows("vosviewer-map.txt", delimiter="\t")
vn = rows("vosviewer-network.txt", delimiter="\t")
check("map header", vm[0] == ["id", "label", "cluster", "weight<Links>", "weight<Total link strength>",
                              "weight<Mentions>", "weight<Documents>"], vm[0])
check("map: one item per node, ids 1..n", [int(r[0]) for r in vm[1:]] == list(range(1, len(N) + 1)))
check("map: labels and clusters those of nodes.csv",
      [(r[1], r[2]) for r in vm[1:]] == [(x["Label"], x["community"]) for x in N])
check("map: clusters within VOSviewer's 1..1000", all(1 <= int(r[2]) <= 1000 for r in vm[1:]))
check("network: one line per edge, three columns", len(vn) == len(E) and all(len(r) == 3 for r in vn))
num = {i + 1: x["Id"] for i, x in enumerate(N)}
check("network: the edges of edges.csv with their weights",
      [(num[int(a)], num[int(b)], float(w)) for a, b, w in vn]
      == [(e["Source"], e["Target"], float(e["Weight"])) for e in E])
check("network: strengths positive", all(float(r[2]) > 0 for r in vn))
PY
)

# the same bytes for any thread count
"$EG" build -q -j 4 --csv --vosviewer -o "$tmp/s4" tests/corpus
for f in nodes.csv edges.csv documents.csv vosviewer-map.txt vosviewer-network.txt; do
  check "$f: the same bytes with -j 4" cmp -s "$tmp/s/$f" "$tmp/s4/$f"
done
# not asked for, not written; not read back as input either
"$EG" build -q -o "$tmp/plain" tests/corpus
check "without --csv or --vosviewer no table is written" \
  test "$(ls "$tmp/plain" | grep -c 'csv\|vosviewer')" = 0
# -o DIR DIR: the tables of the last run are not read as documents
cp -r tests/corpus "$tmp/dd"
for i in 1 2; do "$EG" build -q --csv --vosviewer -o "$tmp/dd" "$tmp/dd" 2>/dev/null; done
check "-o DIR DIR with the tables reads only the documents, run after run" \
  test "$(yq -r .corpus.documents "$tmp/dd/summary.yaml")" = 3

# ---- quoting: a label with a comma and quotes, a document id with a
# comma, quotes and a line break; VOSviewer quotes the semicolon too
cat > "$tmp/g.yaml" <<'EOF'
- id: arnold-quibble
  label: 'Quibble, "Arnie"'
  type: person
  aliases: [Arnold Quibble]
- id: bertha-zanzibar
  label: 'Bertha Zanzibar; Jr'
  type: person
  aliases: [Bertha Zanzibar]
- id: cyril-ostrogoth
  label: Cyril Ostrogoth
  type: person
- id: dora-plimsoll
  label: Dora Plimsoll
  type: person
EOF
# document windows: a-b 2 (d1, d2), a-c, a-d and c-d 1 each
cat > "$tmp/q.jsonl" <<'EOF'
{"id": "d1", "text": "Arnold Quibble met Bertha Zanzibar."}
{"id": "d2, \"two\"\nlines", "text": "Bertha Zanzibar and Arnold Quibble again."}
{"id": "d3", "text": "Arnold Quibble saw Cyril Ostrogoth."}
{"id": "d4", "text": "Arnold Quibble saw Dora Plimsoll."}
{"id": "d5", "text": "Cyril Ostrogoth saw Dora Plimsoll."}
EOF
Q() { "$EG" build -q --no-wordlist --no-discover -g "$tmp/g.yaml" --window document "$@" "$tmp/q.jsonl"; }
Q --csv --vosviewer --evidence 2 -o "$tmp/q"
check "build on the quoting corpus exits 0" test $? = 0
report < <(python3 - "$tmp/q" <<'PY'

import csv, sys
d = sys.argv[1]
def check(what, cond, why=""):
    print(f"{1 if cond else 0}\t{what}\t{why!r}")
def rows(name, **kw):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.reader(f, **kw))
N = rows("nodes.csv")
check("the label with a comma and quotes reads back whole", N[1][:2] == ["arnold-quibble", 'Quibble, "Arnie"'], N[1])
D = rows("documents.csv")
check("the document id with a comma, quotes and a line break reads back whole",
      ['d2, "two"\nlines', "arnold-quibble", "1"] in D, D)
check("documents.csv: 10 rows by hand (2 per document)", len(D) == 11, len(D))
E = rows("edges.csv")
ev = [r[-1] for r in E if r[:2] == ["arnold-quibble", "bertha-zanzibar"]]
check("the evidence field, naming the odd document id, reads back whole",
      ev == ['Arnold Quibble met Bertha Zanzibar. (d1, bytes 0-35) | '
             'Bertha Zanzibar and Arnold Quibble again. (d2, "two"\nlines, bytes 0-41)'], ev)
# by hand: a is in d1-d4, b in d1-d2, c in d3 and d5, d in d4 and d5.
# Betweenness with 1/weight as distance: b-c and b-d pass through a
# (b-a weighs 2: 0.5 + 1), c-d is direct: a's is 2. Communities: {a, b}
# and {c, d} (modularity 3/5 - (6/10)^2 - (4/10)^2 = 0.08; one community
# is 0), numbered by size, then by their first entity.
want = [["arnold-quibble", 'Quibble, "Arnie"', "person", "", "4", "4", "3", "4", "2", "1", "false"],
        ["bertha-zanzibar", "Bertha Zanzibar; Jr", "person", "", "2", "2", "1", "2", "0", "1", "false"],
        ["cyril-ostrogoth", "Cyril Ostrogoth", "person", "", "2", "2", "2", "2", "0", "2", "false"],
        ["dora-plimsoll", "Dora Plimsoll", "person", "", "2", "2", "2", "2", "0", "2", "false"]]
got = [r[:8] + r[9:] for r in N[1:]]
check("nodes.csv: every field but PageRank as worked out by hand", got == want, got)
pr = [float(r[8]) for r in N[1:]]
check("PageRank sums to 1; c and d equal", abs(sum(pr) - 1) < 1e-9 and abs(pr[2] - pr[3]) < 1e-12, pr)
VM = rows("vosviewer-map.txt", delimiter="\t")
check("VOSviewer: the labels quoted, read back whole",
      [r[1] for r in VM[1:]] == ['Quibble, "Arnie"', "Bertha Zanzibar; Jr", "Cyril Ostrogoth", "Dora Plimsoll"],
      VM)
raw = open(f"{d}/vosviewer-map.txt", encoding="utf-8").read()
check("VOSviewer: a semicolon is quoted", '\t"Bertha Zanzibar; Jr"\t' in raw)
PY
)
check "documents.csv byte for byte" diff - "$tmp/q/documents.csv" <<'EOF'
document,entity,mentions
d1,arnold-quibble,1
d1,bertha-zanzibar,1
"d2, ""two""
lines",arnold-quibble,1
"d2, ""two""
lines",bertha-zanzibar,1
d3,arnold-quibble,1
d3,cyril-ostrogoth,1
d4,arnold-quibble,1
d4,dora-plimsoll,1
d5,cyril-ostrogoth,1
d5,dora-plimsoll,1
EOF
check "vosviewer-network.txt byte for byte" diff - "$tmp/q/vosviewer-network.txt" <<'EOF'
1	2	2
1	3	1
1	4	1
3	4	1
EOF

# ---- --top-k ties, by hand. Each entity's edges, heaviest first, then by
# the other's id: a: b 2, c 1, d 1; b: a 2; c: a 1, d 1; d: a 1, c 1.
# Top 1 keeping ties: c and d each keep both their edges (all weigh 1), so
# every edge stays. Cutting ties: c keeps a-c and d keeps a-d (a comes
# first), so c-d goes. a keeps 3 edges either way: an edge stays if
# either end keeps it.
pairs() { python3 -c 'import csv, sys; print(" ".join(r[0][0] + "-" + r[1][0] for r in list(csv.reader(open(sys.argv[1])))[1:]))' "$1/edges.csv"; }
Q --csv --top-k 1 -o "$tmp/k1"
check "--top-k 1: ties kept by default (a-b a-c a-d c-d)" test "$(pairs "$tmp/k1")" = "a-b a-c a-d c-d"
Q --csv --top-k 1 --top-k-ties keep -o "$tmp/k1k"
check "--top-k-ties keep is the default" cmp -s "$tmp/k1/edges.csv" "$tmp/k1k/edges.csv"
Q --csv --top-k 1 --top-k-ties cut -o "$tmp/k1c"
check "--top-k 1 --top-k-ties cut: c-d cut (a-b a-c a-d)" test "$(pairs "$tmp/k1c")" = "a-b a-c a-d"
check "--top-k-ties cut: a keeps 3 edges others chose" \
  test "$(grep '^arnold-quibble,' "$tmp/k1c/nodes.csv" | cut -d, -f8)" = 3
Q --csv --top-k 2 --top-k-ties cut -o "$tmp/k2c"
check "--top-k 2 --top-k-ties cut: every edge is someone's first two" test "$(pairs "$tmp/k2c")" = "a-b a-c a-d c-d"
Q --top-k-ties cut -o "$tmp/x" 2>"$tmp/err"
check "--top-k-ties without --top-k: exit 2" test $? = 2
check "saying so" grep -q -- "--top-k-ties needs --top-k" "$tmp/err"
Q --top-k 1 --top-k-ties some -o "$tmp/x" 2>"$tmp/err"
check "--top-k-ties some: exit 2" test $? = 2
check "naming keep and cut" grep -q "keep or cut" "$tmp/err"

# ---- isolates. --min-weight 2 keeps a-b alone: c and d are left without
# an edge and dropped, and the graph is the one the metrics are taken on.
Q --csv --vosviewer --min-weight 2 -o "$tmp/i" 2>"$tmp/err"
check "--min-weight 2: a and b alone" test "$(cut -d, -f1 "$tmp/i/nodes.csv" | tail -n +2 | tr '\n' ' ')" = "arnold-quibble bertha-zanzibar "
check "summary: 2 nodes, 1 edge, 1 community" \
  test "$(yq -r '[.graph.nodes, .graph.edges, .graph.communities] | join(" ")' "$tmp/i/summary.yaml")" = "2 1 1"
check "summary: density of 2 nodes and their edge, 1" test "$(yq -r .graph.density "$tmp/i/summary.yaml")" = 1
check "documents.csv: rows of a and b only (d1, d2, d3, d4)" \
  test "$(python3 -c 'import csv, sys; print(sorted(r[1][0] for r in list(csv.reader(open(sys.argv[1])))[1:]))' "$tmp/i/documents.csv")" \
  = "['a', 'a', 'a', 'a', 'b', 'b']"
check "the VOSviewer map has 2 items" test "$(tail -n +2 "$tmp/i/vosviewer-map.txt" | wc -l)" = 2
check "GraphML has 2 nodes" test "$(xmllint --xpath "count(//*[local-name()='node'])" "$tmp/i/graph.graphml")" = 2
"$EG" build --no-wordlist --no-discover -g "$tmp/g.yaml" --window document --min-weight 2 -o "$tmp/i3" "$tmp/q.jsonl" 2>"$tmp/err"
check "the closing line counts them: 2 isolates dropped" grep -q ", 2 isolates dropped ->" "$tmp/err"
Q --csv --min-weight 2 --keep-isolates -o "$tmp/ik"
check "--keep-isolates: all 4, 3 communities (c and d one each)" \
  test "$(yq -r '[.graph.nodes, .graph.communities] | join(" ")' "$tmp/ik/summary.yaml")" = "4 3"
Q --csv --min-weight 2 --keep-isolates --drop-isolates -o "$tmp/ikd"
check "the last of --keep-isolates and --drop-isolates counts" cmp -s "$tmp/i/nodes.csv" "$tmp/ikd/nodes.csv"
# no pruning: nothing dropped unless asked; e (mentioned alone) shows it
printf '{"id": "d6", "text": "Dora Plimsoll met Cyril Ostrogoth and Arnold Quibble."}\n' > "$tmp/e.jsonl"
cat >> "$tmp/g.yaml" <<'EOF'
- id: egbert-lone
  label: Egbert Lone
  type: person
EOF
printf '{"id": "d7", "text": "Egbert Lone stayed home."}\n' >> "$tmp/e.jsonl"
E() { "$EG" build -q --no-wordlist --no-discover -g "$tmp/g.yaml" "$@" "$tmp/e.jsonl"; }
E -o "$tmp/e0"
check "no pruning: the isolate is kept" test "$(yq -r .graph.nodes "$tmp/e0/summary.yaml")" = 4
E --drop-isolates -o "$tmp/e1"
check "--drop-isolates without pruning drops it" test "$(yq -r .graph.nodes "$tmp/e1/summary.yaml")" = 3
E --ego egbert-lone -o "$tmp/e2"
check "--ego of an isolate: the centre stays, alone" test "$(yq -r '[.entities[].id] | join(",")' "$tmp/e2/summary.yaml")" = egbert-lone

# ---- --from-counts: no documents, so no documents.csv
"$EG" count -q --evidence 2 --no-wordlist --no-discover -g "$tmp/g.yaml" --window document "$tmp/q.jsonl" > "$tmp/q.counts"
"$EG" build -q --no-wordlist --no-discover -g "$tmp/g.yaml" --csv --from-counts "$tmp/q.counts" -o "$tmp/fc"
check "--from-counts --csv writes nodes.csv and edges.csv" test -s "$tmp/fc/nodes.csv" -a -s "$tmp/fc/edges.csv"
check "but no documents.csv" test ! -e "$tmp/fc/documents.csv"
check "the same nodes as from the documents" cmp -s "$tmp/q/nodes.csv" "$tmp/fc/nodes.csv"
