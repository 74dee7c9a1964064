/*
 * betweenness.h - weighted betweenness centrality on several processes,
 * with the same bytes for any number of them.
 *
 * The source vertices are split into a fixed number of chunks that does
 * not depend on the job count; each chunk's contribution is computed by
 * igraph (in this process or a forked one) and the contributions are
 * summed in chunk order, so the floating-point result is the same for
 * any jobs. Small graphs take igraph_betweenness directly; large ones an
 * estimate from a fixed sample of sources.
 */
#ifndef EG_BETWEENNESS_H
#define EG_BETWEENNESS_H

#include <igraph.h>

#include "entigraph.h"

/* Below this many vertices: one igraph_betweenness call, no chunks. */
#define EG_BETWEENNESS_MIN_CHUNKED 200
/* The number of source chunks (fewer only if there are fewer vertices). */
#define EG_BETWEENNESS_CHUNKS 16
/* Exact up to this many vertices; past it, estimated from an evenly
 * spaced sample of EG_BETWEENNESS_SAMPLE sources, scaled by vertices /
 * sample (Brandes and Pich 2007): exact betweenness is O(V E) and took
 * tens of seconds on the 18,000 entities of the benchmark documents. */
#define EG_BETWEENNESS_EXACT_MAX 3000
#define EG_BETWEENNESS_SAMPLE 600

/* Betweenness of every vertex of the undirected graph g, with dist the
 * edge lengths (NULL: every edge has length 1), into res (igraph_vcount
 * doubles, owned by the caller), as igraph_betweenness defines it.
 * jobs > 1 forks up to jobs - 1 processes, so the caller must be the only
 * thread using igraph (the Debian build is not thread-safe) and must have
 * no other threads that matter to a child; a child that cannot be started
 * or fails only means its share is computed here. */
eg_status eg_betweenness(const igraph_t *g, const igraph_vector_t *dist, unsigned jobs,
                         double *res, eg_error *err);

#endif
