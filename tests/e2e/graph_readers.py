#!/usr/bin/python3
"""Reads a build's graph.graphml and graph.gexf with the parsers users
have (networkx, python-igraph) and checks them against its summary.yaml.

usage: graph_readers.py CHECK OUTDIR
Exits 0 when the check holds; otherwise prints why and exits 1. Run with
Debian's /usr/bin/python3 (python3-networkx, python3-igraph).
"""
import json
import math
import subprocess
import sys

# whole-number attributes, and the floats and strings beside them
NODE_INTS = ["mentions", "documents", "degree", "community"]
NODE_FLOATS = ["strength", "pagerank", "betweenness"]
EDGE_INTS = ["count", "documents"]
EDGE_FLOATS = ["weight", "pmi", "npmi", "jaccard", "dice", "association", "llr"]


def fail(msg):
    print(msg)
    sys.exit(1)


def summary(out):
    text = subprocess.run(["yq", ".", out + "/summary.yaml"], check=True,
                          capture_output=True, text=True).stdout
    return json.loads(text)


def expect_graph(nodes, edges, s, what):
    """nodes: a set of ids; edges: a list of (u, v) id pairs."""
    ids = {e["id"] for e in s["entities"]}
    if nodes != ids:
        fail(f"{what}: node ids {sorted(nodes - ids)[:5]} not entities, "
             f"entities {sorted(ids - nodes)[:5]} not nodes")
    if len(nodes) != s["graph"]["nodes"]:
        fail(f"{what}: {len(nodes)} nodes, the summary says {s['graph']['nodes']}")
    if len(edges) != s["graph"]["edges"]:
        fail(f"{what}: {len(edges)} edges, the summary says {s['graph']['edges']}")
    rel = {frozenset((r["source"], r["target"])) for r in s["relations"]}
    got = {frozenset(e) for e in edges}
    if got != rel or len(got) != len(edges):
        fail(f"{what}: edges {sorted(map(sorted, got ^ rel))[:5]} differ from the relations")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def expect_types(what, name, attrs, ints, floats):
    for k in ints:
        if not is_int(attrs.get(k)):
            fail(f"{what} {name}: {k} = {attrs.get(k)!r} is not an int")
    for k in floats:
        if not isinstance(attrs.get(k), float):
            fail(f"{what} {name}: {k} = {attrs.get(k)!r} is not a float")


def expect_values(what, name, attrs, entity):
    """The whole numbers the summary gives an entity, and its label and type."""
    for k in NODE_INTS + ["label", "type"]:
        if attrs.get(k) != entity[k]:
            fail(f"{what} {name}: {k} = {attrs.get(k)!r}, the summary says {entity[k]!r}")


def nx_graphml(out):
    import networkx as nx
    s = summary(out)
    g = nx.read_graphml(out + "/graph.graphml")
    expect_graph(set(g.nodes), list(g.edges), s, "networkx GraphML")
    ent = {e["id"]: e for e in s["entities"]}
    for n, a in g.nodes(data=True):
        expect_types("networkx GraphML node", n, a, NODE_INTS + ["r", "g", "b"], NODE_FLOATS)
        expect_values("networkx GraphML node", n, a, ent[n])
        if a["entity"] != n:
            fail(f"networkx GraphML node {n}: entity attribute {a['entity']!r}")
        if not isinstance(a["discovered"], bool):
            fail(f"networkx GraphML node {n}: discovered {a['discovered']!r} is not a bool")
    rel = {frozenset((r["source"], r["target"])): r for r in s["relations"]}
    for u, v, a in g.edges(data=True):
        expect_types("networkx GraphML edge", f"{u}-{v}", a, EDGE_INTS, EDGE_FLOATS)
        r = rel[frozenset((u, v))]
        if a["count"] != r["count"] or a["documents"] != r["documents"]:
            fail(f"networkx GraphML edge {u}-{v}: count/documents {a['count']}/{a['documents']}"
                 f", the summary says {r['count']}/{r['documents']}")


def nx_gexf(out):
    import networkx as nx
    s = summary(out)
    g = nx.read_gexf(out + "/graph.gexf")
    expect_graph(set(g.nodes), list(g.edges), s, "networkx GEXF")
    ent = {e["id"]: e for e in s["entities"]}
    for n, a in g.nodes(data=True):
        expect_types("networkx GEXF node", n, a, NODE_INTS, NODE_FLOATS)
        expect_values("networkx GEXF node", n, a, ent[n])
        c = a["viz"]["color"]
        if not all(is_int(c[k]) for k in "rgb"):
            fail(f"networkx GEXF node {n}: colour {c}")
    for u, v, a in g.edges(data=True):
        expect_types("networkx GEXF edge", f"{u}-{v}", a, EDGE_INTS, EDGE_FLOATS)


def nx_gexf_dynamic(out):
    """A dated build: the timeline comes back as per-period values and
    spells, the same as the summary's timelines."""
    import networkx as nx
    s = summary(out)
    g = nx.read_gexf(out + "/graph.gexf")
    if g.graph.get("mode") != "dynamic":
        fail(f"networkx GEXF: graph mode {g.graph.get('mode')!r}")
    dated = 0
    for e in s["entities"]:
        a = g.nodes[e["id"]]
        tl = e.get("timeline", {})
        per = a.get("mentions_in_period", [])
        if sum(n for n, _, _ in per) != sum(tl.values()):
            fail(f"networkx GEXF node {e['id']}: mentions_in_period {per}, timeline {tl}")
        if any(not is_int(n) for n, _, _ in per):
            fail(f"networkx GEXF node {e['id']}: mentions_in_period {per} not ints")
        if tl and not a.get("spells"):
            fail(f"networkx GEXF node {e['id']}: dated but no spells")
        dated += bool(tl)
    if dated == 0:
        fail("networkx GEXF: no dated entity to check")


def ig_graphml(out):
    import igraph
    s = summary(out)
    g = igraph.Graph.Read_GraphML(out + "/graph.graphml")
    ids = g.vs["id"]
    edges = [(ids[e.source], ids[e.target]) for e in g.es]
    expect_graph(set(ids), edges, s, "igraph GraphML")
    if len(set(ids)) != len(ids):
        fail("igraph GraphML: node ids repeat")
    ent = {e["id"]: e for e in s["entities"]}
    # igraph keeps every number as a double: whole numbers are whole
    for v in g.vs:
        a = v.attributes()
        for k in NODE_INTS + ["r", "g", "b"]:
            x = a[k]
            if not isinstance(x, float) or not x.is_integer():
                fail(f"igraph GraphML node {a['id']}: {k} = {x!r}")
        for k in NODE_INTS:
            if a[k] != ent[a["id"]][k]:
                fail(f"igraph GraphML node {a['id']}: {k} = {a[k]}, summary {ent[a['id']][k]}")
        if a["entity"] != a["id"] or a["label"] != ent[a["id"]]["label"]:
            fail(f"igraph GraphML node {a['id']}: entity {a['entity']!r}, label {a['label']!r}")
    for e in g.es:
        for k in EDGE_INTS:
            x = e[k]
            if not isinstance(x, float) or not x.is_integer() or math.isnan(x):
                fail(f"igraph GraphML edge {e.index}: {k} = {x!r}")


def same_columns(out):
    """GraphML and GEXF agree on every node attribute they share."""
    import networkx as nx
    a = nx.read_graphml(out + "/graph.graphml")
    b = nx.read_gexf(out + "/graph.gexf")
    for n in a.nodes:
        for k in NODE_INTS + NODE_FLOATS + ["type", "discovered", "label"]:
            if a.nodes[n][k] != b.nodes[n][k]:
                fail(f"node {n}: {k} GraphML {a.nodes[n][k]!r}, GEXF {b.nodes[n][k]!r}")
        if int(a.nodes[n]["size"]) != int(b.nodes[n]["viz"]["size"]):
            fail(f"node {n}: size GraphML {a.nodes[n]['size']}, GEXF {b.nodes[n]['viz']}")
    for u, v in a.edges:
        for k in EDGE_INTS + EDGE_FLOATS:
            if a.edges[u, v][k] != b.edges[u, v][k]:
                fail(f"edge {u}-{v}: {k} GraphML {a.edges[u, v][k]!r}, "
                     f"GEXF {b.edges[u, v][k]!r}")


CHECKS = {"nx-graphml": nx_graphml, "nx-gexf": nx_gexf, "nx-gexf-dynamic": nx_gexf_dynamic,
          "igraph-graphml": ig_graphml, "same-columns": same_columns}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CHECKS:
        fail(f"usage: {sys.argv[0]} {'|'.join(CHECKS)} OUTDIR")
    CHECKS[sys.argv[1]](sys.argv[2])
