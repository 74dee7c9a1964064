/* Pair counting in each window type, against hand-counted expectations,
 * and the graph metrics on a small hand-computed graph. */
#include "testing.h"

#include <math.h>
#include <unistd.h>

#include "cooccur.h"
#include "graph.h"
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
    eg_tagger_opts o = {gz, 1, NULL, NULL, 0, {EG_ALL_TYPES, 1, NULL, 1}};
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
        assert_int_equal(eg_cooccur_add(c, ids[i], docs[i], &t->doc.text, &t->doc.mentions, &err), EG_OK);
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
    assert_string_equal(pair(c, A, B)->ev_text, "Alpha met Bravo.");
    assert_string_equal(pair(c, A, B)->ev_doc, "doc1");
    assert_int_equal(pair(c, A, B)->ev_start, 0);
    assert_int_equal(pair(c, A, B)->ev_end, 16);
    assert_string_equal(pair(c, A, C)->ev_text, "Alpha met Charlie.");
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
    assert_string_equal(pair(c, B, C)->ev_text, "Alpha met Bravo. Alpha met Charlie.");
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
            assert_int_equal(eg_cooccur_add(c, ids[i], docs[i], &t->doc.text, &t->doc.mentions,
                                            &err),
                             EG_OK);
        }
        const eg_pair *p = pair(c, 0, 1);
        assert_non_null(p);
        assert_int_equal(p->count, 4);
        assert_int_equal(p->documents, 3);
        assert_string_equal(p->ev_doc, "b");
        assert_int_equal(p->ev_start, 3);
        assert_int_equal(p->ev_end, 19);
        assert_string_equal(p->ev_text, "Alpha met Bravo.");
        eg_cooccur_free(c);
    }
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
        cmocka_unit_test(test_evidence_order),
    };
    return cmocka_run_group_tests_name("cooccur", tests, NULL, NULL);
}
