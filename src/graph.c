/*
 * graph.c - build the weighted entity graph with igraph and compute what
 * a network analyst reads first: degree, strength (weighted degree),
 * PageRank (weighted), betweenness (with 1/weight as distance, so strong
 * ties are short paths; on opts.jobs processes, see betweenness.c), and
 * Louvain communities (igraph's multilevel, RNG seeded, then renumbered
 * by size so the numbering is stable).
 *
 * Pruning (graph.h gives the order) works on the candidate edges before
 * igraph sees them, and the isolates it leaves go with it, so every
 * metric and the communities are those of the graph that is exported.
 *
 * igraph's error handler is replaced by one that returns, so every call's
 * status is checked here and turned into an eg_error.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "betweenness.h"
#include "graph.h"
#include "util/buf.h"

/* igraph's PageRank (PRPACK) sums in OpenMP threads that share the work
 * differently from run to run, so the last digits changed between runs
 * of the same input. One thread keeps outputs byte-identical; weak, so
 * an igraph built without OpenMP needs nothing. */
extern void omp_set_num_threads(int) __attribute__((weak));

void eg_graph_defaults(eg_graph_opts *o)
{
    memset(o, 0, sizeof *o);
    o->types = EG_ALL_TYPES;
    o->weight = EG_M_COUNT;
    o->min_weight = NAN;
    o->ego = -1;
    o->depth = 1;
    o->seed = 42;
    o->jobs = 1;
}

void eg_type_rgb(eg_type t, int rgb[3])
{
    static const int colours[EG_NTYPES][3] = {
        {31, 119, 180}, /* person: blue */
        {214, 39, 40},  /* country: red */
        {44, 160, 44},  /* organization: green */
        {255, 127, 14}, /* place: orange */
    };
    memcpy(rgb, colours[(unsigned)t < EG_NTYPES ? t : 0], sizeof colours[0]);
}

void eg_graph_free(eg_graph *g)
{
    if (!g)
        return;
    igraph_destroy(&g->g);
    free(g->vent);
    free(g->epair);
    free(g->ends);
    free(g->weight);
    free(g->measure);
    free(g->degree);
    free(g->strength);
    free(g->pagerank);
    free(g->betweenness);
    free(g->community);
    free(g->comm_size);
    free(g);
}

typedef struct {
    const char *id;
    uint32_t entity;
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    return strcmp(((const id_ref *)a)->id, ((const id_ref *)b)->id);
}

typedef struct {
    uint32_t u, v, pair;
    double w;
    double m[EG_NMEASURES];
} edge_ref;

static int cmp_edge(const void *a, const void *b)
{
    const edge_ref *x = a, *y = b;
    if (x->u != y->u)
        return x->u < y->u ? -1 : 1;
    return x->v < y->v ? -1 : x->v > y->v;
}

#define IG(expr)                                                                         \
    do {                                                                                 \
        if ((expr) != IGRAPH_SUCCESS) {                                                  \
            st = eg_error_add(err, EG_EINTERNAL, "igraph: %s failed", #expr);            \
            goto done;                                                                   \
        }                                                                                \
    } while (0)

static void ignore_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}


typedef struct {
    size_t size, first;
} comm_info;

static int cmp_comm_info(const void *a, const void *b)
{
    const comm_info *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Renumbers raw community ids so that 1 is the largest, ties broken by
 * the smallest vertex. */
static eg_status renumber(eg_graph *g, const igraph_vector_int_t *mem, eg_error *err)
{
    size_t k = 0;
    for (size_t v = 0; v < g->nv; v++)
        if ((size_t)VECTOR(*mem)[v] + 1 > k)
            k = (size_t)VECTOR(*mem)[v] + 1;
    comm_info *ci = calloc(k ? k : 1, sizeof *ci);
    uint32_t *map = malloc((k ? k : 1) * sizeof *map);
    g->community = malloc((g->nv ? g->nv : 1) * sizeof *g->community);
    if (!ci || !map || !g->community) {
        free(ci);
        free(map);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < k; c++)
        ci[c].first = SIZE_MAX;
    for (size_t v = 0; v < g->nv; v++) {
        comm_info *c = &ci[VECTOR(*mem)[v]];
        if (c->size++ == 0)
            c->first = v;
    }
    /* drop ids no vertex has, then sort */
    size_t used = 0;
    comm_info *sorted = malloc((k ? k : 1) * sizeof *sorted);
    if (!sorted) {
        free(ci);
        free(map);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < k; c++)
        if (ci[c].size)
            sorted[used++] = ci[c];
    qsort(sorted, used, sizeof *sorted, cmp_comm_info);
    g->ncomm = used;
    g->comm_size = malloc((used ? used : 1) * sizeof *g->comm_size);
    if (!g->comm_size) {
        free(ci);
        free(map);
        free(sorted);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t r = 0; r < used; r++) {
        g->comm_size[r] = (uint32_t)sorted[r].size;
        map[VECTOR(*mem)[sorted[r].first]] = (uint32_t)r + 1;
    }
    for (size_t v = 0; v < g->nv; v++)
        g->community[v] = map[VECTOR(*mem)[v]];
    free(ci);
    free(map);
    free(sorted);
    return EG_OK;
}

/* The pairs of two vertices with their measures and weight, kept when
 * they pass the thresholds; vid maps entity -> vertex + 1. */
static eg_status candidate_edges(const eg_cooccur *c, const uint32_t *vid,
                                 const eg_graph_opts *o, edge_ref *er, size_t *ne, eg_error *err)
{
    /* each entity's total count with every other (VOSviewer's s_i) */
    double *s = calloc(c->nent ? c->nent : 1, sizeof *s), m2 = 0;
    if (!s)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t p = 0; p < c->npair; p++) {
        const eg_pair *pr = &c->pair[p];
        if (vid[pr->a] && vid[pr->b]) {
            s[pr->a] += (double)pr->count;
            s[pr->b] += (double)pr->count;
            m2 += 2.0 * (double)pr->count;
        }
    }
    int integral = o->weight == EG_M_COUNT || o->weight == EG_M_DOCUMENTS;
    *ne = 0;
    for (size_t p = 0; p < c->npair; p++) {
        const eg_pair *pr = &c->pair[p];
        uint32_t u = vid[pr->a], v = vid[pr->b];
        if (!u || !v || pr->count == 0 || pr->documents < o->min_documents)
            continue;
        edge_ref *e = &er[*ne];
        eg_pair_counts pc = {pr->count, pr->documents, c->ent[pr->a].windows,
                             c->ent[pr->b].windows, c->windows, s[pr->a], s[pr->b], m2};
        eg_measures(&pc, e->m);
        e->w = e->m[o->weight];
        /* metrics need positive weights: PMI below chance is left out */
        if (!(e->w > 0) || (isnan(o->min_weight) ? integral && e->w < 1 : e->w < o->min_weight))
            continue;
        u--, v--;
        e->u = u < v ? u : v;
        e->v = u < v ? v : u;
        e->pair = (uint32_t)p;
        ++*ne;
    }
    free(s);
    return EG_OK;
}

/* One end of an edge seen from a vertex: the edge's weight, the vertex
 * at the other end and the edge's index. */
typedef struct {
    double w;
    uint32_t other, edge;
} incidence;

/* Heaviest first; among equal weights the other end's id (vertices are
 * numbered in id order), so the order is total: a vertex has one edge
 * to each other vertex. */
static int cmp_incidence(const void *a, const void *b)
{
    const incidence *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->other < y->other ? -1 : x->other > y->other;
}

/* The backbone (disparity filter, Serrano, Boguna and Vespignani 2009):
 * an edge stays if, at either end, its share p of the vertex's strength
 * is unlikely under a uniform split among the vertex's k edges, i.e.
 * (1 - p)^(k - 1) < alpha. At a vertex with one edge no share is
 * unlikely: the other end decides. Reads the edges the thresholds left. */
static eg_status backbone(eg_graph *g, double alpha, edge_ref *er, eg_error *err)
{
    size_t nv = g->nv;
    double *str = calloc(nv ? nv : 1, sizeof *str);
    uint32_t *deg = calloc(nv ? nv : 1, sizeof *deg);
    if (!str || !deg) {
        free(str), free(deg);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t e = 0; e < g->ne; e++) {
        str[er[e].u] += er[e].w, str[er[e].v] += er[e].w;
        deg[er[e].u]++, deg[er[e].v]++;
    }
    size_t w = 0;
    for (size_t e = 0; e < g->ne; e++) {
        int sig = 0;
        for (int end = 0; end < 2; end++) {
            uint32_t x = end ? er[e].v : er[e].u;
            if (deg[x] > 1 && pow(1.0 - er[e].w / str[x], (double)deg[x] - 1) < alpha)
                sig = 1;
        }
        if (sig)
            er[w++] = er[e];
    }
    g->ne = w;
    free(str);
    free(deg);
    return EG_OK;
}

/* The top k: each vertex ranks its edges, heaviest first, then by the
 * other end's id; an edge stays if it is among the first k at either end
 * (so a vertex may keep more than k: edges other vertices chose). When
 * edges weigh as much as the k-th, EG_TIES_KEEP keeps them all (a vertex
 * may choose more than k), EG_TIES_CUT keeps exactly k: those whose
 * other end comes first in id order. Reads the edges the step before left. */
static eg_status top_k(eg_graph *g, uint32_t k, eg_ties ties, edge_ref *er, eg_error *err)
{
    size_t nv = g->nv, ne = g->ne;
    size_t *start = calloc(nv + 1, sizeof *start);
    incidence *inc = malloc((ne ? 2 * ne : 1) * sizeof *inc);
    uint8_t *keep = calloc(ne ? ne : 1, 1);
    if (!start || !inc || !keep) {
        free(start), free(inc), free(keep);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    /* each vertex's incidences, contiguous from start[v] */
    for (size_t e = 0; e < ne; e++)
        start[er[e].u + 1]++, start[er[e].v + 1]++;
    for (size_t v = 0; v < nv; v++)
        start[v + 1] += start[v];
    for (size_t e = 0; e < ne; e++) {
        inc[start[er[e].u]++] = (incidence){er[e].w, er[e].v, (uint32_t)e};
        inc[start[er[e].v]++] = (incidence){er[e].w, er[e].u, (uint32_t)e};
    }
    for (size_t v = nv; v > 0; v--) /* the fill moved each start to the next */
        start[v] = start[v - 1];
    start[0] = 0;
    for (size_t v = 0; v < nv; v++) {
        incidence *in = inc + start[v];
        size_t n = start[v + 1] - start[v];
        if (n == 0)
            continue;
        qsort(in, n, sizeof *in, cmp_incidence);
        size_t first = n < k ? n : k;
        double kth = in[first - 1].w;
        for (size_t i = 0; i < n; i++) {
            if (i >= first && (ties == EG_TIES_CUT || in[i].w != kth))
                break;
            keep[in[i].edge] = 1;
        }
    }
    size_t w = 0;
    for (size_t e = 0; e < ne; e++)
        if (keep[e])
            er[w++] = er[e];
    g->ne = w;
    free(start);
    free(inc);
    free(keep);
    return EG_OK;
}

/* Keeps the vertices v with map[v] != UINT32_MAX, renumbered in their
 * (id) order, and the edges between them; map[v] becomes v's new number
 * and vid follows. */
static void keep_vertices(eg_graph *g, edge_ref *er, uint32_t *vid, uint32_t *map)
{
    size_t w = 0;
    for (size_t v = 0; v < g->nv; v++) {
        if (map[v] == UINT32_MAX) {
            vid[g->vent[v]] = 0;
            continue;
        }
        map[v] = (uint32_t)w;
        g->vent[w++] = g->vent[v];
        vid[g->vent[w - 1]] = (uint32_t)w;
    }
    size_t we = 0;
    for (size_t e = 0; e < g->ne; e++) {
        if (map[er[e].u] == UINT32_MAX || map[er[e].v] == UINT32_MAX)
            continue;
        er[we] = er[e];
        er[we].u = map[er[e].u];
        er[we].v = map[er[e].v];
        we++;
    }
    g->ne = we;
    g->nv = w;
}

int eg_graph_prunes(const eg_graph_opts *o)
{
    return !isnan(o->min_weight) || o->min_documents > 0 || o->backbone > 0 || o->top_k > 0 ||
           o->ego >= 0;
}

/* The pruning steps in their order (graph.h), on the candidate edges er
 * (g->ne of them) and the vertices of g; vid maps entity -> vertex + 1
 * and follows the vertices that go. */
static eg_status prune(eg_graph *g, const eg_graph_opts *o, edge_ref *er, uint32_t *vid,
                       eg_error *err)
{
    if (o->backbone > 0)
        EG_CHECK(backbone(g, o->backbone, er, err));
    if (o->top_k > 0)
        EG_CHECK(top_k(g, o->top_k, o->top_k_ties, er, err));
    int drop = o->isolates == EG_ISOLATES_DROP ||
               (o->isolates == EG_ISOLATES_AUTO && eg_graph_prunes(o));
    if (o->ego < 0 && !drop)
        return EG_OK;
    uint32_t *map = malloc((g->nv ? g->nv : 1) * sizeof *map);
    if (!map)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    if (o->ego >= 0) {
        /* breadth first from the centre, depth rounds over the edges */
        uint32_t *dist = map;
        for (size_t v = 0; v < g->nv; v++)
            dist[v] = UINT32_MAX;
        uint32_t centre = vid[o->ego];
        if (centre)
            dist[centre - 1] = 0;
        for (uint32_t d = 0; d < o->depth && centre; d++)
            for (size_t e = 0; e < g->ne; e++) {
                uint32_t a = er[e].u, b = er[e].v;
                if (dist[a] == d && dist[b] == UINT32_MAX)
                    dist[b] = d + 1;
                else if (dist[b] == d && dist[a] == UINT32_MAX)
                    dist[a] = d + 1;
            }
        keep_vertices(g, er, vid, dist);
    }
    if (drop) {
        /* a vertex stays if an edge is left to it; the ego's centre, the
         * vertex asked for, stays even alone */
        for (size_t v = 0; v < g->nv; v++)
            map[v] = UINT32_MAX;
        for (size_t e = 0; e < g->ne; e++)
            map[er[e].u] = map[er[e].v] = 0;
        if (o->ego >= 0 && vid[o->ego])
            map[vid[o->ego] - 1] = 0;
        size_t before = g->nv;
        keep_vertices(g, er, vid, map);
        g->isolates_dropped = before - g->nv;
    }
    free(map);
    return EG_OK;
}

static double *copy_vec(const igraph_vector_t *v, size_t n)
{
    double *p = malloc((n ? n : 1) * sizeof *p);
    if (p)
        for (size_t i = 0; i < n; i++)
            p[i] = VECTOR(*v)[i];
    return p;
}

eg_status eg_graph_build(const eg_cooccur *c, const eg_gazetteer *gz, const eg_graph_opts *o,
                         eg_graph **out, eg_error *err)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(ignore_warning);
    igraph_set_attribute_table(&igraph_cattribute_table);

    eg_status st = EG_OK;
    eg_graph *g = calloc(1, sizeof *g);
    uint32_t *vid = malloc((c->nent ? c->nent : 1) * sizeof *vid); /* entity -> vertex+1 */
    edge_ref *er = NULL;
    igraph_vector_int_t edges, mem;
    igraph_vector_t w, inv, vec;
    igraph_strvector_t sv;
    int nvecs = 0, have_graph = 0; /* how many of the six above exist */
    if (!g || !vid) {
        free(g);
        free(vid);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    memset(vid, 0, (c->nent ? c->nent : 1) * sizeof *vid);

    /* vertices: mentioned entities of kept types, by id */
    g->vent = malloc((c->nent ? c->nent : 1) * sizeof *g->vent);
    if (!g->vent) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }
    id_ref *ids = malloc((c->nent ? c->nent : 1) * sizeof *ids);
    if (!ids) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t e = 0; e < c->nent; e++)
        if (c->ent[e].mentions && (o->types >> gz->ent[e].type & 1))
            ids[g->nv++] = (id_ref){gz->ent[e].id, (uint32_t)e};
    qsort(ids, g->nv, sizeof *ids, cmp_id_ref);
    for (size_t v = 0; v < g->nv; v++)
        g->vent[v] = ids[v].entity;
    free(ids);
    for (size_t v = 0; v < g->nv; v++)
        vid[g->vent[v]] = (uint32_t)v + 1;

    /* edges: kept pairs that pass the pruning, by (source, target) */
    er = malloc((c->npair ? c->npair : 1) * sizeof *er);
    if (!er) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }
    g->weight_measure = o->weight;
    if ((st = candidate_edges(c, vid, o, er, &g->ne, err)) != EG_OK ||
        (st = prune(g, o, er, vid, err)) != EG_OK)
        goto done;
    qsort(er, g->ne, sizeof *er, cmp_edge);
    g->epair = malloc((g->ne ? g->ne : 1) * sizeof *g->epair);
    g->ends = malloc((g->ne ? g->ne : 1) * sizeof *g->ends);
    g->weight = malloc((g->ne ? g->ne : 1) * sizeof *g->weight);
    g->measure = malloc((g->ne ? g->ne : 1) * sizeof *g->measure);
    if (!g->epair || !g->ends || !g->weight || !g->measure) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }

    IG(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * g->ne)));
    nvecs++;
    IG(igraph_vector_int_init(&mem, 0));
    nvecs++;
    IG(igraph_vector_init(&w, (igraph_integer_t)g->ne));
    nvecs++;
    IG(igraph_vector_init(&inv, (igraph_integer_t)g->ne));
    nvecs++;
    IG(igraph_vector_init(&vec, 0));
    nvecs++;
    IG(igraph_strvector_init(&sv, (igraph_integer_t)g->nv));
    nvecs++;
    for (size_t e = 0; e < g->ne; e++) {
        g->epair[e] = er[e].pair;
        g->ends[e][0] = er[e].u;
        g->ends[e][1] = er[e].v;
        g->weight[e] = er[e].w;
        memcpy(g->measure[e], er[e].m, sizeof er[e].m);
        VECTOR(edges)[2 * e] = er[e].u;
        VECTOR(edges)[2 * e + 1] = er[e].v;
        VECTOR(w)[e] = g->weight[e];
        VECTOR(inv)[e] = 1.0 / g->weight[e];
    }
    IG(igraph_create(&g->g, &edges, (igraph_integer_t)g->nv, IGRAPH_UNDIRECTED));
    have_graph = 1;

    /* metrics */
    igraph_vector_int_t deg;
    IG(igraph_vector_int_init(&deg, 0));
    if (igraph_degree(&g->g, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS) !=
        IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&deg);
        st = eg_error_add(err, EG_EINTERNAL, "igraph: degree failed");
        goto done;
    }
    g->degree = malloc((g->nv ? g->nv : 1) * sizeof *g->degree);
    if (g->degree)
        for (size_t v = 0; v < g->nv; v++)
            g->degree[v] = (double)VECTOR(deg)[v];
    igraph_vector_int_destroy(&deg);
    IG(igraph_strength(&g->g, &vec, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &w));
    g->strength = copy_vec(&vec, g->nv);
    igraph_real_t value;
    if (omp_set_num_threads)
        omp_set_num_threads(1);
    IG(igraph_pagerank(&g->g, IGRAPH_PAGERANK_ALGO_PRPACK, &vec, &value, igraph_vss_all(),
                       IGRAPH_UNDIRECTED, 0.85, &w, NULL));
    g->pagerank = copy_vec(&vec, g->nv);
    g->betweenness = malloc((g->nv ? g->nv : 1) * sizeof *g->betweenness);
    if (!g->degree || !g->strength || !g->pagerank || !g->betweenness) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = eg_betweenness(&g->g, &inv, o->jobs, g->betweenness, err)) != EG_OK)
        goto done;

    /* communities */
    igraph_rng_seed(igraph_rng_default(), o->seed);
    if (g->ne > 0) {
        IG(igraph_community_multilevel(&g->g, &w, 1.0, &mem, NULL, NULL));
        IG(igraph_modularity(&g->g, &mem, &w, 1.0, IGRAPH_UNDIRECTED, &value));
        g->modularity = value;
    } else {
        IG(igraph_vector_int_resize(&mem, (igraph_integer_t)g->nv));
        for (size_t v = 0; v < g->nv; v++)
            VECTOR(mem)[v] = (igraph_integer_t)v;
        g->modularity = NAN;
    }
    if ((st = renumber(g, &mem, err)) != EG_OK)
        goto done;
    igraph_integer_t ncomp = 0;
    IG(igraph_connected_components(&g->g, NULL, NULL, &ncomp, IGRAPH_WEAK));
    g->ncomponents = (size_t)ncomp;
    IG(igraph_density(&g->g, &value, IGRAPH_NO_LOOPS));
    g->density = g->nv > 1 ? value : 0.0;

    /* attributes for the GraphML writer (keys Gephi reads) */
    for (size_t v = 0; v < g->nv; v++)
        IG(igraph_strvector_set(&sv, (igraph_integer_t)v, gz->ent[g->vent[v]].label));
    IG(SETVASV(&g->g, "label", &sv));
    for (size_t v = 0; v < g->nv; v++)
        IG(igraph_strvector_set(&sv, (igraph_integer_t)v, gz->ent[g->vent[v]].id));
    IG(SETVASV(&g->g, "entity", &sv));
    for (size_t v = 0; v < g->nv; v++)
        IG(igraph_strvector_set(&sv, (igraph_integer_t)v, eg_type_name(gz->ent[g->vent[v]].type)));
    IG(SETVASV(&g->g, "type", &sv));
    {
        /* a name no gazetteer lists (discover.h): boolean in GraphML */
        igraph_vector_bool_t found;
        IG(igraph_vector_bool_init(&found, (igraph_integer_t)g->nv));
        for (size_t v = 0; v < g->nv; v++)
            VECTOR(found)[v] = gz->ent[g->vent[v]].discovered != 0;
        igraph_error_t r = SETVABV(&g->g, "discovered", &found);
        igraph_vector_bool_destroy(&found);
        IG(r);
    }
    IG(igraph_vector_resize(&vec, (igraph_integer_t)g->nv));
#define SET_VNUM(name, expr)                                 \
    do {                                                     \
        for (size_t v = 0; v < g->nv; v++)                   \
            VECTOR(vec)[v] = (expr);                         \
        IG(SETVANV(&g->g, name, &vec));                      \
    } while (0)
    uint64_t maxm = 1;
    for (size_t v = 0; v < g->nv; v++)
        if (c->ent[g->vent[v]].mentions > maxm)
            maxm = c->ent[g->vent[v]].mentions;
    SET_VNUM("mentions", (double)c->ent[g->vent[v]].mentions);
    SET_VNUM("documents", (double)c->ent[g->vent[v]].documents);
    SET_VNUM("degree", g->degree[v]);
    SET_VNUM("strength", g->strength[v]);
    SET_VNUM("pagerank", g->pagerank[v]);
    SET_VNUM("betweenness", g->betweenness[v]);
    SET_VNUM("community", (double)g->community[v]);
    /* Gephi's node size: area grows with mentions */
    SET_VNUM("size", round(10.0 + 40.0 * sqrt((double)c->ent[g->vent[v]].mentions / (double)maxm)));
    int rgb[3];
    SET_VNUM("r", (eg_type_rgb(gz->ent[g->vent[v]].type, rgb), (double)rgb[0]));
    SET_VNUM("g", (eg_type_rgb(gz->ent[g->vent[v]].type, rgb), (double)rgb[1]));
    SET_VNUM("b", (eg_type_rgb(gz->ent[g->vent[v]].type, rgb), (double)rgb[2]));
#undef SET_VNUM
    IG(SETEANV(&g->g, "weight", &w));
    IG(igraph_vector_resize(&vec, (igraph_integer_t)g->ne));
    for (size_t e = 0; e < g->ne; e++)
        VECTOR(vec)[e] = (double)c->pair[g->epair[e]].count;
    IG(SETEANV(&g->g, "count", &vec));
    for (size_t e = 0; e < g->ne; e++)
        VECTOR(vec)[e] = (double)c->pair[g->epair[e]].documents;
    IG(SETEANV(&g->g, "documents", &vec));
    for (int m = EG_M_PMI; m < EG_NMEASURES; m++) {
        for (size_t e = 0; e < g->ne; e++)
            VECTOR(vec)[e] = g->measure[e][m];
        IG(SETEANV(&g->g, eg_measure_name((eg_measure)m), &vec));
    }
    /* evidence, one line for Gephi's data table: "text (doc, bytes a-b) | ..." */
    IG(igraph_strvector_resize(&sv, (igraph_integer_t)g->ne));
    for (size_t e = 0; e < g->ne && st == EG_OK; e++) {
        const eg_pair *pr = &c->pair[g->epair[e]];
        eg_buf b = EG_BUF_INIT;
        int rc = 0;
        for (uint32_t k = 0; k < pr->nev && !rc; k++)
            rc = eg_buf_printf(&b, "%s%s (%s, bytes %u-%u)", k ? " | " : "", pr->ev[k].text,
                               pr->ev[k].doc, pr->ev[k].start, pr->ev[k].end);
        if (rc == 0 && igraph_strvector_set(&sv, (igraph_integer_t)e, b.data ? b.data : "") ==
                           IGRAPH_SUCCESS) {
            eg_buf_free(&b);
            continue;
        }
        eg_buf_free(&b);
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
        goto done;
    }
    IG(SETEASV(&g->g, "evidence", &sv));
    if (c->dated) {
        /* first and last dates seen, for dated corpora ("" when undated) */
        char d[16];
        for (int which = 0; which < 2; which++) {
            IG(igraph_strvector_resize(&sv, (igraph_integer_t)g->nv));
            for (size_t v = 0; v < g->nv; v++) {
                const eg_entity_stats *es = &c->ent[g->vent[v]];
                uint32_t day = which ? es->last_seen : es->first_seen;
                if (day)
                    eg_date_format(day, d, sizeof d);
                IG(igraph_strvector_set(&sv, (igraph_integer_t)v, day ? d : ""));
            }
            IG(SETVASV(&g->g, which ? "last_seen" : "first_seen", &sv));
            IG(igraph_strvector_resize(&sv, (igraph_integer_t)g->ne));
            for (size_t e = 0; e < g->ne; e++) {
                const eg_pair *pr = &c->pair[g->epair[e]];
                uint32_t day = which ? pr->last_seen : pr->first_seen;
                if (day)
                    eg_date_format(day, d, sizeof d);
                IG(igraph_strvector_set(&sv, (igraph_integer_t)e, day ? d : ""));
            }
            IG(SETEASV(&g->g, which ? "last_seen" : "first_seen", &sv));
        }
    }

done:
    /* in reverse order of creation, only what was created */
    switch (nvecs) {
    case 6: igraph_strvector_destroy(&sv); /* fall through */
    case 5: igraph_vector_destroy(&vec); /* fall through */
    case 4: igraph_vector_destroy(&inv); /* fall through */
    case 3: igraph_vector_destroy(&w); /* fall through */
    case 2: igraph_vector_int_destroy(&mem); /* fall through */
    case 1: igraph_vector_int_destroy(&edges); /* fall through */
    default: break;
    }
    free(er);
    free(vid);
    if (st != EG_OK) {
        if (!have_graph)
            igraph_empty(&g->g, 0, IGRAPH_UNDIRECTED);
        eg_graph_free(g);
        return st;
    }
    *out = g;
    return EG_OK;
}
