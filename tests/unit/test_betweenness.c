/* Betweenness on several processes: hand-computed values on small and
 * chunked graphs, agreement with igraph_betweenness, and the same bytes
 * for any number of jobs. */
#include "testing.h"

#include <math.h>

#include "betweenness.h"

/* A graph of n vertices from an edge list (pairs, then -1) with lengths. */
static void make(igraph_t *g, igraph_vector_t *len, igraph_integer_t n, const int *pairs,
                 const double *lengths)
{
    igraph_vector_int_t e;
    assert_int_equal(igraph_vector_int_init(&e, 0), IGRAPH_SUCCESS);
    size_t ne = 0;
    for (; pairs[2 * ne] >= 0; ne++) {
        assert_int_equal(igraph_vector_int_push_back(&e, pairs[2 * ne]), IGRAPH_SUCCESS);
        assert_int_equal(igraph_vector_int_push_back(&e, pairs[2 * ne + 1]), IGRAPH_SUCCESS);
    }
    assert_int_equal(igraph_create(g, &e, n, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&e);
    assert_int_equal(igraph_vector_init(len, (igraph_integer_t)ne), IGRAPH_SUCCESS);
    for (size_t i = 0; i < ne; i++)
        VECTOR(*len)[i] = lengths[i];
}

static double *btw(const igraph_t *g, const igraph_vector_t *len, unsigned jobs)
{
    double *r = malloc((size_t)igraph_vcount(g) * sizeof *r);
    assert_non_null(r);
    eg_error err;
    eg_error_init(&err);
    if (eg_betweenness(g, len, jobs, r, &err) != EG_OK)
        fail_msg("%s", err.msg);
    return r;
}

/* a - b - c with weights 2 and 3 (lengths 1/2, 1/3): b is on the one a-c
 * path. A triangle where the direct edge is longer than the way round:
 * a-c (length 3) loses to a-b-c (1 + 1), so b gets 1 again. A star of 5
 * leaves: the centre is on every leaf pair's path, C(5,2) = 10. */
static void test_small_by_hand(void **state)
{
    static const int path[] = {0, 1, 1, 2, -1}, tri[] = {0, 1, 1, 2, 0, 2, -1},
                     star[] = {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, -1};
    static const double path_len[] = {0.5, 1.0 / 3}, tri_len[] = {1, 1, 3},
                        star_len[] = {1, 0.5, 0.25, 2, 1};
    igraph_t g;
    igraph_vector_t len;
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        make(&g, &len, 3, path, path_len);
        double *r = btw(&g, &len, jobs);
        assert_true(r[0] == 0 && r[1] == 1 && r[2] == 0);
        free(r);
        igraph_vector_destroy(&len);
        igraph_destroy(&g);

        make(&g, &len, 3, tri, tri_len);
        r = btw(&g, &len, jobs);
        assert_true(r[0] == 0 && r[1] == 1 && r[2] == 0);
        free(r);
        igraph_vector_destroy(&len);
        igraph_destroy(&g);

        make(&g, &len, 6, star, star_len);
        r = btw(&g, &len, jobs);
        assert_true(r[0] == 10);
        for (int v = 1; v < 6; v++)
            assert_true(r[v] == 0);
        free(r);
        igraph_vector_destroy(&len);
        igraph_destroy(&g);
    }
}

/* Large enough for the chunks: a path of n vertices, where vertex i lies
 * on the paths of i * (n - 1 - i) pairs, beside a star of m leaves (a
 * second component) whose centre lies on C(m, 2). */
static void test_chunked_by_hand(void **state)
{
    enum { N = 250, M = 150 };
    int *pairs = malloc((2 * (N - 1 + M) + 1) * sizeof *pairs);
    double *lengths = malloc((N - 1 + M) * sizeof *lengths);
    assert_non_null(pairs);
    assert_non_null(lengths);
    size_t e = 0;
    for (int i = 0; i + 1 < N; i++, e++) {
        pairs[2 * e] = i;
        pairs[2 * e + 1] = i + 1;
        lengths[e] = 1.0 / (1 + i % 7);
    }
    for (int i = 0; i < M; i++, e++) {
        pairs[2 * e] = N;
        pairs[2 * e + 1] = N + 1 + i;
        lengths[e] = 1.0 / (1 + i % 3);
    }
    pairs[2 * e] = -1;
    igraph_t g;
    igraph_vector_t len;
    make(&g, &len, N + 1 + M, pairs, lengths);
    assert_true(N + 1 + M >= EG_BETWEENNESS_MIN_CHUNKED);
    for (unsigned jobs = 1; jobs <= 3; jobs += 2) {
        double *r = btw(&g, &len, jobs);
        for (int i = 0; i < N; i++)
            if (r[i] != (double)i * (N - 1 - i))
                fail_msg("jobs %u: vertex %d: %g, want %d", jobs, i, r[i], i * (N - 1 - i));
        assert_true(r[N] == M * (M - 1) / 2);
        for (int i = 0; i < M; i++)
            assert_true(r[N + 1 + i] == 0);
        free(r);
    }
    igraph_vector_destroy(&len);
    igraph_destroy(&g);
    free(pairs);
    free(lengths);
}

/* A random graph of n vertices and m edges with integer weights 1 to 5
 * (so tied path lengths are common), lengths 1/weight as graph.c has. */
static void random_graph(igraph_t *g, igraph_vector_t *len, igraph_integer_t n,
                         igraph_integer_t m, unsigned long seed)
{
    igraph_rng_seed(igraph_rng_default(), seed);
    assert_int_equal(igraph_erdos_renyi_game_gnm(g, n, m, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS),
                     IGRAPH_SUCCESS);
    assert_int_equal(igraph_vector_init(len, igraph_ecount(g)), IGRAPH_SUCCESS);
    for (igraph_integer_t e = 0; e < igraph_ecount(g); e++)
        VECTOR(*len)[e] = 1.0 / (double)igraph_rng_get_integer(igraph_rng_default(), 1, 5);
}

/* The chunks add up to igraph's own betweenness, connected or not. */
static void test_matches_igraph(void **state)
{
    static const struct {
        igraph_integer_t n, m;
    } cases[] = {{500, 2000}, {500, 400}, {EG_BETWEENNESS_MIN_CHUNKED, 600}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        igraph_t g;
        igraph_vector_t len, want;
        random_graph(&g, &len, cases[c].n, cases[c].m, 7 + c);
        assert_int_equal(igraph_vector_init(&want, 0), IGRAPH_SUCCESS);
        assert_int_equal(igraph_betweenness(&g, &want, igraph_vss_all(), IGRAPH_UNDIRECTED, &len),
                         IGRAPH_SUCCESS);
        double *r = btw(&g, &len, 2);
        double top = 0;
        for (igraph_integer_t v = 0; v < cases[c].n; v++) {
            double w = VECTOR(want)[v];
            if (fabs(r[v] - w) > 1e-9 * fmax(fabs(w), 1))
                fail_msg("case %zu: vertex %ld: %.17g, igraph %.17g", c, (long)v, r[v], w);
            top = fmax(top, w);
        }
        assert_true(top > 100); /* not a trivial graph */
        free(r);
        igraph_vector_destroy(&want);
        igraph_vector_destroy(&len);
        igraph_destroy(&g);
    }
}

/* The same bytes for any number of jobs, more jobs than chunks included. */
static void test_same_bytes_any_jobs(void **state)
{
    igraph_t g;
    igraph_vector_t len;
    random_graph(&g, &len, 600, 2400, 11);
    size_t n = (size_t)igraph_vcount(&g);
    double *one = btw(&g, &len, 1);
    static const unsigned jobs[] = {0, 2, 3, 8, EG_BETWEENNESS_CHUNKS + 4};
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
        double *r = btw(&g, &len, jobs[i]);
        if (memcmp(one, r, n * sizeof *r) != 0)
            fail_msg("jobs %u differs from jobs 1", jobs[i]);
        free(r);
    }
    free(one);
    igraph_vector_destroy(&len);
    igraph_destroy(&g);
}

/* No edges, and no weights (every length 1). */
/* Past EG_BETWEENNESS_EXACT_MAX vertices the sampled estimate: on a star
 * of n vertices the centre lies on every path between two leaves,
 * (n-1)(n-2)/2 of them; the estimate from a sample of sources is within
 * a percent of it, leaves stay at 0, and the bytes are the same for any
 * jobs. */
static void test_sampled_estimate(void **state)
{
    igraph_integer_t n = EG_BETWEENNESS_EXACT_MAX + 1001;
    igraph_t g;
    assert_int_equal(igraph_star(&g, n, IGRAPH_STAR_UNDIRECTED, 0), IGRAPH_SUCCESS);
    double *a = btw(&g, NULL, 1), *b = btw(&g, NULL, 3);
    double exact = (double)(n - 1) * (double)(n - 2) / 2;
    assert_true(fabs(a[0] - exact) < exact * 0.01);
    for (igraph_integer_t v = 1; v < n; v++)
        assert_true(a[v] == 0);
    assert_memory_equal(a, b, (size_t)n * sizeof *a);
    free(a);
    free(b);
    igraph_destroy(&g);
}

static void test_edge_cases(void **state)
{
    igraph_t g;
    assert_int_equal(igraph_empty(&g, 300, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    double *r = btw(&g, NULL, 2);
    for (int v = 0; v < 300; v++)
        assert_true(r[v] == 0);
    free(r);
    igraph_destroy(&g);

    assert_int_equal(igraph_star(&g, 301, IGRAPH_STAR_UNDIRECTED, 0), IGRAPH_SUCCESS);
    r = btw(&g, NULL, 3);
    assert_true(r[0] == 300.0 * 299 / 2);
    free(r);
    igraph_destroy(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_by_hand),       cmocka_unit_test(test_chunked_by_hand),
        cmocka_unit_test(test_matches_igraph),      cmocka_unit_test(test_same_bytes_any_jobs),
        cmocka_unit_test(test_edge_cases),          cmocka_unit_test(test_sampled_estimate),
    };
    return cmocka_run_group_tests_name("betweenness", tests, NULL, NULL);
}
