/*
 * graph.h - the entity graph: igraph vertices and weighted edges with
 * their metrics and communities.
 *
 * Vertices are the mentioned entities of the kept types, in id order;
 * edges are the pairs of kept vertices with weight >= min_weight, in
 * (source, target) order. Both orders are fixed so outputs are stable.
 */
#ifndef EG_GRAPH_H
#define EG_GRAPH_H

#include <igraph.h>

#include "cooccur.h"
#include "gazetteer.h"
#include "measures.h"

/* Entities left with no edge by the pruning (isolates): dropped when any
 * pruning option is set (AUTO), always, or never. */
typedef enum { EG_ISOLATES_AUTO, EG_ISOLATES_DROP, EG_ISOLATES_KEEP } eg_isolates;

/* --top-k at a vertex whose k-th heaviest edge weighs as much as the
 * next: keep every edge of that weight, or cut at k, the other end's id
 * (byte order) deciding among equals. */
typedef enum { EG_TIES_KEEP, EG_TIES_CUT } eg_ties;

/* Which vertices and edges make the graph. Edges are pruned in this
 * order: the thresholds, the backbone, the top k, then the ego network;
 * then the isolates go (opts.isolates). Metrics and communities are
 * computed on what is left: the graph every exporter writes. */
typedef struct {
    eg_typemask types;
    eg_measure weight;      /* the measure used as edge weight */
    double min_weight;      /* keep weight >= this; NaN: 1 for count and
                               documents, otherwise weight > 0 */
    uint32_t min_documents; /* keep pairs seen in at least so many documents */
    double backbone;        /* disparity filter significance, 0 = off */
    uint32_t top_k;         /* keep each vertex's k strongest edges, 0 = off; an
                               edge stays if it is among the k of either end */
    eg_ties top_k_ties;     /* at the k-th weight (default: keep) */
    long ego;               /* entity index of the ego network's centre, -1 = off */
    uint32_t depth;         /* of the ego network, in edges */
    eg_isolates isolates;   /* default AUTO; the ego's centre always stays */
    unsigned long seed;     /* community detection */
    unsigned jobs;          /* processes for betweenness (default 1: no fork);
                               the outputs are the same for any value */
} eg_graph_opts;

typedef struct {
    igraph_t g;          /* with attributes, for the GraphML writer */
    size_t nv, ne;
    uint32_t *vent;      /* vertex -> entity */
    uint32_t *epair;     /* edge -> pair in the eg_cooccur */
    uint32_t (*ends)[2]; /* edge -> vertices */
    eg_measure weight_measure; /* what weight holds (opts.weight) */
    double *weight;      /* per edge: the measure opts.weight */
    double (*measure)[EG_NMEASURES]; /* per edge: every measure */
    double *degree, *strength, *pagerank, *betweenness; /* per vertex */
    uint32_t *community; /* per vertex, 1 = the largest */
    size_t ncomm;
    uint32_t *comm_size; /* per community (index 0 = community 1) */
    double modularity;   /* NaN without edges */
    double density;
    size_t ncomponents;
    size_t isolates_dropped; /* vertices opts.isolates took out */
} eg_graph;

void eg_graph_defaults(eg_graph_opts *o);
/* Whether o asks for any pruning (a threshold given, the backbone, top k
 * or an ego network): what EG_ISOLATES_AUTO goes by. */
int eg_graph_prunes(const eg_graph_opts *o);
/* Builds the graph; *out is owned by the caller (eg_graph_free). */
eg_status eg_graph_build(const eg_cooccur *c, const eg_gazetteer *gz, const eg_graph_opts *o,
                         eg_graph **out, eg_error *err);
void eg_graph_free(eg_graph *g);

/* The colour of a type (0-255 each), shared by every exporter. */
void eg_type_rgb(eg_type t, int rgb[3]);

#endif
