/* Pruning on a hand-made graph: --top-k with its ties kept or cut, and
 * the isolates the pruning leaves, dropped or kept, with the metrics and
 * communities of what is left. Every expectation is worked out by hand
 * in the comments. */
#include "fixture.h"

#include <math.h>

#include "cooccur.h"
#include "graph.h"

/* Entities a..h, all people; the ids give the vertex order. */
static const char GAZ[] = "- {id: a, label: A, type: person}\n"
                          "- {id: b, label: B, type: person}\n"
                          "- {id: c, label: C, type: person}\n"
                          "- {id: d, label: D, type: person}\n"
                          "- {id: e, label: E, type: person}\n"
                          "- {id: f, label: F, type: person}\n"
                          "- {id: g, label: G, type: person}\n"
                          "- {id: h, label: H, type: person}\n";

/* Pairs by count: a-b 3, a-c 2, a-d 2, a-e 2, b-c 2, d-e 1, f-g 1; h is
 * mentioned but with no one. Each vertex's edges, heaviest first, then
 * by the other end's id:
 *   a: b 3, c 2, d 2, e 2     b: a 3, c 2     c: a 2, b 2
 *   d: a 2, e 1               e: a 2, d 1     f: g 1    g: f 1    h: -  */
static eg_cooccur *hand_graph(const eg_tagger *t)
{
    eg_cooccur *c = eg_cooccur_new(t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
    assert_non_null(c);
    for (size_t e = 0; e < 8; e++) {
        c->ent[e].mentions = c->ent[e].windows = 10;
        c->ent[e].documents = 1;
    }
    c->windows = 100;
    const int pairs[][3] = {{0, 1, 3}, {0, 2, 2}, {0, 3, 2}, {0, 4, 2},
                            {1, 2, 2}, {3, 4, 1}, {5, 6, 1}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        eg_pair *p = eg_cooccur_pair(c, (uint32_t)pairs[i][0], (uint32_t)pairs[i][1]);
        assert_non_null(p);
        p->count = (uint64_t)pairs[i][2];
        p->documents = 1;
    }
    return c;
}

static eg_tagger *tagger(void)
{
    return fixture_tagger(GAZ, "", (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1});
}

/* "a-b c-d" for the edges of g */
static const char *edges(const eg_tagger *t, const eg_graph *g)
{
    static char out[256];
    out[0] = '\0';
    for (size_t e = 0; e < g->ne; e++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s-%s", e ? " " : "",
                 t->gz->ent[g->vent[g->ends[e][0]]].id, t->gz->ent[g->vent[g->ends[e][1]]].id);
    return out;
}

/* "abc" for the vertices of g */
static const char *vertices(const eg_tagger *t, const eg_graph *g)
{
    static char out[64];
    size_t n = 0;
    for (size_t v = 0; v < g->nv && n + 2 < sizeof out; v++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s", t->gz->ent[g->vent[v]].id);
    out[n] = '\0';
    return out;
}

static eg_graph *build(const eg_cooccur *c, const eg_tagger *t, const eg_graph_opts *o)
{
    eg_graph *g = NULL;
    eg_error err;
    eg_error_init(&err);
    if (eg_graph_build(c, t->gz, o, &g, &err) != EG_OK)
        fail_msg("%s", err.msg);
    return g;
}

/* Top 1 keeping ties: c's edges weigh 2 and 2, so c keeps both (a-c and
 * b-c); d and e keep a-d and a-e; d-e is nobody's first and goes. Cutting
 * ties: c keeps a-c alone (a before b), so b-c goes too. Either way a
 * keeps 4 edges, three of them chosen by the other end. */
static void test_top_k_ties(void **state)
{
    eg_tagger *t = tagger();
    eg_cooccur *c = hand_graph(t);
    struct {
        uint32_t k;
        eg_ties ties;
        const char *want;
    } cases[] = {
        {1, EG_TIES_KEEP, "a-b a-c a-d a-e b-c f-g"},
        {1, EG_TIES_CUT, "a-b a-c a-d a-e f-g"},
        /* top 2: every vertex's first two make up every edge, both ways */
        {2, EG_TIES_KEEP, "a-b a-c a-d a-e b-c d-e f-g"},
        {2, EG_TIES_CUT, "a-b a-c a-d a-e b-c d-e f-g"},
        /* more than any vertex has: everything */
        {9, EG_TIES_CUT, "a-b a-c a-d a-e b-c d-e f-g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eg_graph_opts o;
        eg_graph_defaults(&o);
        o.top_k = cases[i].k;
        o.top_k_ties = cases[i].ties;
        eg_graph *g = build(c, t, &o);
        if (strcmp(edges(t, g), cases[i].want) != 0)
            fail_msg("case %zu: %s, want %s", i, edges(t, g), cases[i].want);
        /* pruning was asked for: h, never linked, is dropped */
        assert_string_equal(vertices(t, g), "abcdefg");
        assert_int_equal(g->isolates_dropped, 1);
        assert_true(g->degree[0] == 4);
        eg_graph_free(g);
    }
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

/* Cut ties are cut by id, not by the order the pairs were counted in:
 * the same pairs added in reverse give the same graph. */
static void test_top_k_cut_order(void **state)
{
    eg_tagger *t = tagger();
    eg_cooccur *c = eg_cooccur_new(t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
    assert_non_null(c);
    for (size_t e = 0; e < 4; e++) {
        c->ent[e].mentions = c->ent[e].windows = 10;
        c->ent[e].documents = 1;
    }
    c->windows = 100;
    /* d ties with c, b and a at weight 1: cut to 1, d keeps a-d */
    const int pairs[][2] = {{2, 3}, {1, 3}, {0, 3}};
    for (size_t i = 0; i < 3; i++) {
        eg_pair *p = eg_cooccur_pair(c, (uint32_t)pairs[i][0], (uint32_t)pairs[i][1]);
        assert_non_null(p);
        p->count = p->documents = 1;
    }
    eg_graph_opts o;
    eg_graph_defaults(&o);
    o.top_k = 1;
    o.top_k_ties = EG_TIES_CUT;
    eg_graph *g = build(c, t, &o);
    /* a, b and c have one edge each, their first: all three stay */
    assert_string_equal(edges(t, g), "a-d b-d c-d");
    eg_graph_free(g);
    /* with a fourth edge b-c of weight 2, b and c choose it instead, and
     * d's own first choice (a, by id) keeps a-d */
    eg_pair *p = eg_cooccur_pair(c, 1, 2);
    assert_non_null(p);
    p->count = 2;
    p->documents = 1;
    g = build(c, t, &o);
    assert_string_equal(edges(t, g), "a-d b-c");
    eg_graph_free(g);
    o.top_k_ties = EG_TIES_KEEP;
    g = build(c, t, &o);
    assert_string_equal(edges(t, g), "a-d b-c b-d c-d");
    eg_graph_free(g);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

/* --min-weight 2 leaves a-b a-c a-d a-e b-c: f, g (their edge weighs 1)
 * and h have none. Dropped (the default after pruning): 5 vertices, the
 * density 5 / (5*4/2) = 0.5, one component; kept: 8 vertices, density
 * 5/28, 4 components, and each isolate a community of its own. */
static void test_isolates(void **state)
{
    eg_tagger *t = tagger();
    eg_cooccur *c = hand_graph(t);
    eg_graph_opts o;
    eg_graph_defaults(&o);
    o.min_weight = 2;
    eg_graph *g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "abcde");
    assert_string_equal(edges(t, g), "a-b a-c a-d a-e b-c");
    assert_int_equal(g->isolates_dropped, 3);
    assert_true(fabs(g->density - 0.5) < 1e-12);
    assert_int_equal(g->ncomponents, 1);
    size_t sum = 0;
    for (size_t k = 0; k < g->ncomm; k++)
        sum += g->comm_size[k];
    assert_int_equal(sum, 5);
    for (size_t v = 0; v < g->nv; v++)
        assert_true(g->degree[v] > 0);
    /* a is the hub: every shortest path between the others but b-c */
    assert_true(g->betweenness[0] > 0);
    size_t ncomm = g->ncomm;
    double pr0 = g->pagerank[0];
    eg_graph_free(g);

    o.isolates = EG_ISOLATES_KEEP;
    g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "abcdefgh");
    assert_int_equal(g->isolates_dropped, 0);
    assert_true(fabs(g->density - 5.0 / 28.0) < 1e-12);
    assert_int_equal(g->ncomponents, 4);
    /* f, g and h: a community each, shared with no one */
    assert_true(g->ncomm >= ncomm + 3);
    for (size_t v = 5; v < 8; v++)
        for (size_t u = 0; u < 8; u++)
            assert_true(u == v || g->community[u] != g->community[v]);
    /* PageRank spreads over the isolates too: a's share is smaller */
    assert_true(g->pagerank[0] < pr0);
    eg_graph_free(g);

    /* no pruning: nothing is dropped unless asked */
    eg_graph_defaults(&o);
    g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "abcdefgh");
    eg_graph_free(g);
    o.isolates = EG_ISOLATES_DROP;
    g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "abcdefg");
    assert_int_equal(g->isolates_dropped, 1);
    eg_graph_free(g);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

/* The ego's centre stays even alone; with --min-documents 2 every pair
 * goes (each was seen in one document), and so every other vertex. */
static void test_isolates_ego(void **state)
{
    eg_tagger *t = tagger();
    eg_cooccur *c = hand_graph(t);
    eg_graph_opts o;
    eg_graph_defaults(&o);
    o.ego = 7; /* h */
    eg_graph *g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "h");
    assert_int_equal(g->ne, 0);
    eg_graph_free(g);
    o.ego = 3; /* d: a and e, and a-e */
    g = build(c, t, &o);
    assert_string_equal(vertices(t, g), "ade");
    assert_string_equal(edges(t, g), "a-d a-e d-e");
    eg_graph_free(g);
    eg_graph_defaults(&o);
    o.min_documents = 2;
    g = build(c, t, &o);
    assert_int_equal(g->nv, 0);
    assert_int_equal(g->ncomm, 0);
    assert_int_equal(g->isolates_dropped, 8);
    eg_graph_free(g);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

static void test_prunes(void **state)
{
    eg_graph_opts o;
    eg_graph_defaults(&o);
    assert_false(eg_graph_prunes(&o));
    o.min_weight = 1;
    assert_true(eg_graph_prunes(&o));
    eg_graph_defaults(&o);
    o.ego = 0;
    assert_true(eg_graph_prunes(&o));
    eg_graph_defaults(&o);
    o.backbone = 0.05;
    assert_true(eg_graph_prunes(&o));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_k_ties),   cmocka_unit_test(test_top_k_cut_order),
        cmocka_unit_test(test_isolates),     cmocka_unit_test(test_isolates_ego),
        cmocka_unit_test(test_prunes),
    };
    return cmocka_run_group_tests_name("prune", tests, NULL, NULL);
}
