/* Pair counting in each window type, against hand-counted expectations,
 * and the graph metrics on a small hand-computed graph. */
#include "testing.h"

#include <math.h>
#include <unistd.h>

#include "cooccur.h"
#include "graph.h"
#include "measures.h"
#include "tagger.h"

/* Entities A..E: three people, a place and a country. */
static const char GAZ[] = "- id: a\n  label: Alpha\n  type: person\n"
                          "- id: b\n  label: Bravo\n  type: person\n"
                          "- id: c\n  label: Charlie\n  type: person\n"
                          "- id: d\n  label: Delta\n  type: place\n"
                          "- id: e\n  label: Echo\n  type: country\n";

/* Two documents:
 *   doc1 paragraph 1: "Alpha met Bravo. Alpha met Charlie."
 *        paragraph 2: "Delta."
 *   doc2: "Bravo and Alpha and Alpha x x x x x x Charlie."
 */
static const char *DOC1 = "Alpha met Bravo. Alpha met Charlie.\n\nDelta is far.\n";
static const char *DOC2 = "Bravo and Alpha and Alpha x x x x x x Charlie.";

static eg_tagger *make_tagger(void)
{
    char path[] = "/tmp/eg-test-co-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, GAZ, strlen(GAZ)), (ssize_t)strlen(GAZ));
    close(fd);
    const char *gz[] = {path};
    eg_tagger_opts o = {gz, 1, NULL, NULL, 0, {EG_ALL_TYPES, 1, NULL, 1}, 0, NULL, 0, NULL};
    eg_tagger *t;
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_tagger_new(&o, &t, &err);
    unlink(path);
    if (st != EG_OK)
        fail_msg("%s", err.msg);
    return t;
}

static eg_cooccur *count(eg_tagger *t, const char *window)
{
    eg_window w;
    assert_int_equal(eg_window_parse(window, &w), 0);
    eg_cooccur *c = eg_cooccur_new(t->gz->nent, w);
    assert_non_null(c);
    const char *docs[] = {DOC1, DOC2};
    const char *ids[] = {"doc1", "doc2"};
    for (int i = 0; i < 2; i++) {
        eg_error err;
        eg_error_init(&err);
        assert_int_equal(eg_tagger_run(t, docs[i], strlen(docs[i]), &err), EG_OK);
        assert_int_equal(eg_cooccur_add(c, ids[i], 0, docs[i], &t->doc.text, &t->doc.mentions, &err), EG_OK);
    }
    return c;
}

/* count of pair (x, y) by entity index, 0 if absent */
static const eg_pair *pair(const eg_cooccur *c, uint32_t x, uint32_t y)
{
    for (size_t i = 0; i < c->npair; i++)
        if ((c->pair[i].a == x && c->pair[i].b == y) || (c->pair[i].a == y && c->pair[i].b == x))
            return &c->pair[i];
    return NULL;
}

static uint64_t cnt(const eg_cooccur *c, uint32_t x, uint32_t y)
{
    const eg_pair *p = pair(c, x, y);
    return p ? p->count : 0;
}

enum { A, B, C, D, E };

static void test_sentence_window(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = count(t, "sentence");
    /* doc1: {A,B} s1, {A,C} s2; doc2: one sentence {A,B,C} */
    assert_int_equal(cnt(c, A, B), 2);
    assert_int_equal(cnt(c, A, C), 2);
    assert_int_equal(cnt(c, B, C), 1);
    assert_int_equal(cnt(c, A, D), 0);
    assert_int_equal(c->npair, 3);
    assert_int_equal(pair(c, A, B)->documents, 2);
    assert_int_equal(pair(c, B, C)->documents, 1);
    /* evidence: the first sentence holding both, from the first document */
    assert_string_equal(pair(c, A, B)->ev[0].text, "Alpha met Bravo.");
    assert_string_equal(pair(c, A, B)->ev[0].doc, "doc1");
    assert_int_equal(pair(c, A, B)->ev[0].start, 0);
    assert_int_equal(pair(c, A, B)->ev[0].end, 16);
    assert_string_equal(pair(c, A, C)->ev[0].text, "Alpha met Charlie.");
    /* entity statistics: A has 2 + 2 mentions in 2 documents */
    assert_int_equal(c->ent[A].mentions, 4);
    assert_int_equal(c->ent[A].documents, 2);
    assert_int_equal(c->ent[D].mentions, 1);
    assert_int_equal(c->ndocs, 2);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

static void test_paragraph_window(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = count(t, "paragraph");
    /* doc1 paragraph 1 {A,B,C}, paragraph 2 {D}; doc2 {A,B,C} */
    assert_int_equal(cnt(c, A, B), 2);
    assert_int_equal(cnt(c, A, C), 2);
    assert_int_equal(cnt(c, B, C), 2);
    assert_int_equal(cnt(c, A, D), 0);
    /* B and C share no sentence in doc1: evidence spans both sentences */
    assert_string_equal(pair(c, B, C)->ev[0].text, "Alpha met Bravo. Alpha met Charlie.");
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

static void test_document_window(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = count(t, "document");
    assert_int_equal(cnt(c, A, B), 2);
    assert_int_equal(cnt(c, A, D), 1);
    assert_int_equal(cnt(c, C, D), 1);
    assert_int_equal(cnt(c, B, D), 1);
    assert_int_equal(c->npair, 6);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

static void test_token_window(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = count(t, "3");
    /* 3 tokens: a mention sees mentions starting < 3 tokens after it.
     * doc1 tokens: Alpha0 met1 Bravo2 Alpha3 met4 Charlie5 Delta6 is7 far8
     *   A0 sees B2 -> AB; B2 sees A3 -> AB; A3 sees C5 -> AC; C5 sees D6 -> CD
     * doc2: Bravo0 and1 Alpha2 and3 Alpha4 x*6 (5..10) Charlie11
     *   B0 sees A2 -> AB; A2 sees only A4; A4 sees nothing */
    assert_int_equal(cnt(c, A, B), 3);
    assert_int_equal(cnt(c, A, C), 1);
    assert_int_equal(cnt(c, C, D), 1);
    assert_int_equal(cnt(c, B, C), 0);
    assert_int_equal(pair(c, A, B)->documents, 2);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

/* Evidence is the least passage by (document id, start), whatever order
 * the documents come in, so counts from any split of a corpus merge to
 * the same evidence. */
static void test_evidence_order(void **state)
{
    eg_tagger *t = make_tagger();
    const char *docs[] = {"Bravo met Alpha. Later Alpha met Bravo.", "x. Alpha met Bravo.",
                          "Alpha and Bravo."};
    const char *ids[] = {"m", "b", "z"};
    const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}};
    for (int o = 0; o < 3; o++) {
        eg_cooccur *c = eg_cooccur_new(t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
        for (int k = 0; k < 3; k++) {
            int i = orders[o][k];
            eg_error err;
            eg_error_init(&err);
            assert_int_equal(eg_tagger_run(t, docs[i], strlen(docs[i]), &err), EG_OK);
            assert_int_equal(eg_cooccur_add(c, ids[i], 0, docs[i], &t->doc.text, &t->doc.mentions,
                                            &err),
                             EG_OK);
        }
        const eg_pair *p = pair(c, 0, 1);
        assert_non_null(p);
        assert_int_equal(p->count, 4);
        assert_int_equal(p->documents, 3);
        assert_string_equal(p->ev[0].doc, "b");
        assert_int_equal(p->ev[0].start, 3);
        assert_int_equal(p->ev[0].end, 19);
        assert_string_equal(p->ev[0].text, "Alpha met Bravo.");
        assert_int_equal(p->nev, 1);
        eg_cooccur_free(c);
    }
    /* the two least: b's, then m's first sentence; m's second and z's
     * are greater */
    for (int o = 0; o < 3; o++) {
        eg_cooccur *c = eg_cooccur_new(t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
        c->max_evidence = 2;
        for (int k = 0; k < 3; k++) {
            int i = orders[o][k];
            eg_error err;
            eg_error_init(&err);
            assert_int_equal(eg_tagger_run(t, docs[i], strlen(docs[i]), &err), EG_OK);
            assert_int_equal(eg_cooccur_add(c, ids[i], 0, docs[i], &t->doc.text, &t->doc.mentions,
                                            &err),
                             EG_OK);
        }
        const eg_pair *p = pair(c, 0, 1);
        assert_int_equal(p->nev, 2);
        assert_string_equal(p->ev[0].doc, "b");
        assert_string_equal(p->ev[1].doc, "m");
        assert_int_equal(p->ev[1].start, 0);
        assert_string_equal(p->ev[1].text, "Bravo met Alpha.");
        eg_cooccur_free(c);
    }
    eg_tagger_free(t);
}

/* Hand-computed: n_ij 2, n_i 4, n_j 5, N 20, s_i 6, s_j 10, 2m 40.
 * PMI log2(2*20/(4*5)) = 1; NPMI 1/log2(10); Jaccard 2/7; Dice 4/9;
 * association 2*40/(6*10); G2 over the table 2 2 / 3 13 with expected
 * 1 3 / 4 12: 2 (2 ln 2 + 2 ln 2/3 + 3 ln 3/4 + 13 ln 13/12). */
static void test_measures(void **state)
{
    eg_pair_counts pc = {2, 2, 4, 5, 20, 6, 10, 40};
    double m[EG_NMEASURES];
    eg_measures(&pc, m);
    const double want[EG_NMEASURES] = {2, 2, 1, 0.30102999566398120, 2.0 / 7, 4.0 / 9,
                                       4.0 / 3, 1.505746254608383};
    for (int i = 0; i < EG_NMEASURES; i++)
        if (fabs(m[i] - want[i]) > 1e-9)
            fail_msg("%s: %.12f, want %.12f", eg_measure_name((eg_measure)i), m[i], want[i]);
    /* independence: PMI 0, G2 0; always together: NPMI 1, Jaccard 1 */
    eg_pair_counts ind = {1, 1, 2, 5, 10, 1, 1, 2};
    eg_measures(&ind, m);
    assert_true(fabs(m[EG_M_PMI]) < 1e-12 && fabs(m[EG_M_LLR]) < 1e-12);
    eg_pair_counts all = {3, 1, 3, 3, 3, 3, 3, 6};
    eg_measures(&all, m);
    assert_true(fabs(m[EG_M_NPMI] - 1) < 1e-12 && fabs(m[EG_M_JACCARD] - 1) < 1e-12);
    eg_measure x;
    assert_int_equal(eg_measure_parse("npmi", &x), 0);
    assert_int_equal(x, EG_M_NPMI);
    assert_int_equal(eg_measure_parse("NPMI", &x), -1);
}

/* Pairs by count: a-b 10, a-c 1, a-d 1, b-c 1, c-d 5, d-e 1. */
static eg_cooccur *hand_graph(const eg_tagger *t)
{
    eg_cooccur *c = eg_cooccur_new(t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
    assert_non_null(c);
    for (size_t e = 0; e < 5; e++) {
        c->ent[e].mentions = c->ent[e].windows = 10;
        c->ent[e].documents = 1;
    }
    c->windows = 100;
    const int pairs[][3] = {{0, 1, 10}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {2, 3, 5}, {3, 4, 1}};
    for (size_t i = 0; i < 6; i++) {
        eg_pair *p = eg_cooccur_pair(c, (uint32_t)pairs[i][0], (uint32_t)pairs[i][1]);
        assert_non_null(p);
        p->count = (uint64_t)pairs[i][2];
        p->documents = 1;
    }
    return c;
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

/* Disparity filter at 0.5, by hand: (1 - w/s)^(k-1) at each end; a-b at
 * a (1-10/12)^2 = 0.028 and c-d at c (1-5/7)^2 = 0.082 pass, a-c (0.84,
 * 0.73), a-d, b-c (0.91, 0.73) and d-e (0.73; e has one edge) do not. Top
 * 1: each vertex's heaviest edge (e's only one). Ego a: its neighbours
 * b c d and the edges among them; depth 2 reaches e. */
static void test_pruning(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = hand_graph(t);
    struct {
        double backbone;
        uint32_t top_k, depth;
        long ego;
        double min_weight;
        const char *want;
    } cases[] = {
        {0, 0, 1, -1, NAN, "a-b a-c a-d b-c c-d d-e"},
        {0.5, 0, 1, -1, NAN, "a-b c-d"},
        {0, 1, 1, -1, NAN, "a-b c-d d-e"},
        {0, 0, 1, 0, NAN, "a-b a-c a-d b-c c-d"},
        {0, 0, 2, 0, NAN, "a-b a-c a-d b-c c-d d-e"},
        {0, 0, 1, -1, 5, "a-b c-d"},
        {0.5, 0, 1, 4, NAN, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eg_graph_opts o;
        eg_graph_defaults(&o);
        o.backbone = cases[i].backbone;
        o.top_k = cases[i].top_k;
        o.ego = cases[i].ego;
        o.depth = cases[i].depth;
        o.min_weight = cases[i].min_weight;
        eg_graph *g;
        eg_error err;
        eg_error_init(&err);
        assert_int_equal(eg_graph_build(c, t->gz, &o, &g, &err), EG_OK);
        if (strcmp(edges(t, g), cases[i].want) != 0)
            fail_msg("case %zu: %s, want %s", i, edges(t, g), cases[i].want);
        if (cases[i].ego == 0 && cases[i].depth == 1)
            assert_int_equal(g->nv, 4);
        if (cases[i].ego == 4)
            assert_int_equal(g->nv, 1); /* e alone: its only edge is pruned */
        eg_graph_free(g);
    }
    /* NPMI as weight: every pair here is above chance (n_ij N > n_i n_j
     * only for a-b and c-d: 10*100 > 100 and 5*100 > 100; 1*100 = 100 is
     * chance, PMI 0, and left out) */
    eg_graph_opts o;
    eg_graph_defaults(&o);
    o.weight = EG_M_NPMI;
    eg_graph *g;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_graph_build(c, t->gz, &o, &g, &err), EG_OK);
    assert_string_equal(edges(t, g), "a-b c-d");
    assert_true(fabs(g->weight[0] - log2(10.0) / log2(10.0)) < 1e-12); /* log2(10)/-log2(0.1) */
    eg_graph_free(g);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

static void test_window_parse(void **state)
{
    eg_window w;
    assert_int_equal(eg_window_parse("0", &w), -1);
    assert_int_equal(eg_window_parse("1", &w), -1);
    assert_int_equal(eg_window_parse("-5", &w), -1);
    assert_int_equal(eg_window_parse("5x", &w), -1);
    assert_int_equal(eg_window_parse("sentences", &w), -1);
    assert_int_equal(eg_window_parse("25", &w), 0);
    assert_int_equal(w.kind, EG_WIN_TOKENS);
    assert_int_equal(w.tokens, 25);
}

/* Graph of the sentence window: A-B 2, A-C 2, B-C 1, D isolated.
 * degree A=2 B=2 C=2 D=0; strength A=4 B=3 C=3 D=0.
 * Betweenness with distance 1/w: B-C direct costs 1, via A costs 1/2+1/2
 * = 1 as well, so the shortest B-C paths are two: A lies on one of them,
 * betweenness(A) = 0.5, others 0. */
static void test_graph_metrics(void **state)
{
    eg_tagger *t = make_tagger();
    eg_cooccur *c = count(t, "sentence");
    eg_graph_opts o;
    eg_graph_defaults(&o);
    eg_graph *g;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_graph_build(c, t->gz, &o, &g, &err), EG_OK);
    assert_int_equal(g->nv, 4); /* E is never mentioned */
    assert_int_equal(g->ne, 3);
    /* vertices in id order: a b c d */
    assert_string_equal(t->gz->ent[g->vent[0]].id, "a");
    assert_string_equal(t->gz->ent[g->vent[3]].id, "d");
    double deg[] = {2, 2, 2, 0}, str[] = {4, 3, 3, 0}, btw[] = {0.5, 0, 0, 0};
    double pr = 0;
    for (int v = 0; v < 4; v++) {
        assert_true(g->degree[v] == deg[v]);
        assert_true(g->strength[v] == str[v]);
        assert_true(fabs(g->betweenness[v] - btw[v]) < 1e-9);
        pr += g->pagerank[v];
    }
    assert_true(fabs(pr - 1.0) < 1e-9);
    assert_true(g->pagerank[0] > g->pagerank[1]);
    assert_true(fabs(g->pagerank[1] - g->pagerank[2]) < 1e-12);
    assert_int_equal(g->ncomponents, 2);
    /* communities: the triangle and the isolated vertex */
    assert_int_equal(g->ncomm, 2);
    assert_int_equal(g->community[0], 1);
    assert_int_equal(g->community[1], 1);
    assert_int_equal(g->community[3], 2);
    assert_true(fabs(g->density - 3.0 / 6.0) < 1e-12);
    eg_graph_free(g);

    /* min-weight 2 drops B-C; --types without place drops D */
    o.min_weight = 2;
    o.types = EG_ALL_TYPES & ~(1u << EG_PLACE);
    eg_error_init(&err);
    assert_int_equal(eg_graph_build(c, t->gz, &o, &g, &err), EG_OK);
    assert_int_equal(g->nv, 3);
    assert_int_equal(g->ne, 2);
    assert_true(g->betweenness[0] == 1.0); /* A now bridges B and C */
    eg_graph_free(g);
    eg_cooccur_free(c);
    eg_tagger_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_window),  cmocka_unit_test(test_paragraph_window),
        cmocka_unit_test(test_document_window),  cmocka_unit_test(test_token_window),
        cmocka_unit_test(test_window_parse),     cmocka_unit_test(test_graph_metrics),
        cmocka_unit_test(test_evidence_order),   cmocka_unit_test(test_measures),
        cmocka_unit_test(test_pruning),
    };
    return cmocka_run_group_tests_name("cooccur", tests, NULL, NULL);
}
