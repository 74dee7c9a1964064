/* The GraphML writer on a hand-made graph: entity ids as node ids and
 * edge ends, key types (whole numbers int or long, others double), key
 * order as the attributes were set, escaping, characters XML cannot hold,
 * missing (NaN) numbers, counts past 2^53 without an exponent, the same
 * bytes twice, and a full disk named in the error. */
#include "testing.h"

#include <math.h>

#include "export.h"

/* Three entities, two edges (a - b, b - c), attributes set the way
 * graph.c sets them: strings, a boolean, then numbers, then edges. */
static void make(eg_graph *g, uint32_t (*ends)[2])
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_attribute_table(&igraph_cattribute_table);
    memset(g, 0, sizeof *g);
    igraph_vector_int_t e;
    assert_int_equal(igraph_vector_int_init(&e, 4), IGRAPH_SUCCESS);
    VECTOR(e)[0] = 0, VECTOR(e)[1] = 1, VECTOR(e)[2] = 1, VECTOR(e)[3] = 2;
    assert_int_equal(igraph_create(&g->g, &e, 3, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&e);
    g->nv = 3;
    g->ne = 2;
    ends[0][0] = 0, ends[0][1] = 1, ends[1][0] = 1, ends[1][1] = 2;
    g->ends = ends;
    static const char *const label[] = {"AT&T <Inc> \"Q\"", "Bad\x01Label\xEF\xBF\xBE", "Zoë"};
    static const char *const entity[] = {"at-t", "d:bad-label", "zoe"};
    for (int v = 0; v < 3; v++) {
        assert_int_equal(SETVAS(&g->g, "label", v, label[v]), IGRAPH_SUCCESS);
        assert_int_equal(SETVAS(&g->g, "entity", v, entity[v]), IGRAPH_SUCCESS);
        assert_int_equal(SETVAB(&g->g, "discovered", v, v == 1), IGRAPH_SUCCESS);
        assert_int_equal(SETVAN(&g->g, "mentions", v, v == 2 ? 9007199254740993.0 : v + 1),
                         IGRAPH_SUCCESS);
        assert_int_equal(SETVAN(&g->g, "degree", v, v == 1 ? 2 : 1), IGRAPH_SUCCESS);
        assert_int_equal(SETVAN(&g->g, "pagerank", v, v == 1 ? NAN : 1.0 / 3), IGRAPH_SUCCESS);
        assert_int_equal(SETVAN(&g->g, "r", v, 214), IGRAPH_SUCCESS);
    }
    for (int k = 0; k < 2; k++) {
        assert_int_equal(SETEAN(&g->g, "weight", k, 0.5 + k), IGRAPH_SUCCESS);
        assert_int_equal(SETEAN(&g->g, "count", k, 3 + k), IGRAPH_SUCCESS);
        assert_int_equal(SETEAN(&g->g, "documents", k, 1), IGRAPH_SUCCESS);
        assert_int_equal(SETEAS(&g->g, "evidence", k, k ? "" : "x < y & z"), IGRAPH_SUCCESS);
    }
}

static char *write(const eg_graph *g)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    assert_non_null(fp);
    eg_error err;
    eg_error_init(&err);
    if (eg_export_graphml(g, fp, "test.graphml", &err) != EG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(fclose(fp), 0);
    return mem;
}

static void has(const char *doc, const char *s)
{
    if (!strstr(doc, s))
        fail_msg("not in the GraphML: %s\n%s", s, doc);
}

static void test_ids_types_and_values(void **state)
{
    eg_graph g;
    uint32_t ends[2][2];
    make(&g, ends);
    char *doc = write(&g);
    has(doc, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"");
    /* keys: the order set, v_/e_ ids, whole numbers typed int or long */
    has(doc, "  <key id=\"v_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
             "  <key id=\"v_entity\" for=\"node\" attr.name=\"entity\" attr.type=\"string\"/>\n"
             "  <key id=\"v_discovered\" for=\"node\" attr.name=\"discovered\" "
             "attr.type=\"boolean\"/>\n"
             "  <key id=\"v_mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
             "  <key id=\"v_degree\" for=\"node\" attr.name=\"degree\" attr.type=\"int\"/>\n"
             "  <key id=\"v_pagerank\" for=\"node\" attr.name=\"pagerank\" "
             "attr.type=\"double\"/>\n"
             "  <key id=\"v_r\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>\n"
             "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
             "  <key id=\"e_count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
             "  <key id=\"e_documents\" for=\"edge\" attr.name=\"documents\" "
             "attr.type=\"long\"/>\n"
             "  <key id=\"e_evidence\" for=\"edge\" attr.name=\"evidence\" "
             "attr.type=\"string\"/>\n"
             "  <graph id=\"G\" edgedefault=\"undirected\">\n");
    assert_null(strstr(doc, "for=\"graph\""));
    /* node ids and edge ends are entity ids */
    has(doc, "<node id=\"at-t\">");
    has(doc, "<node id=\"d:bad-label\">");
    has(doc, "<edge source=\"at-t\" target=\"d:bad-label\">");
    has(doc, "<edge source=\"d:bad-label\" target=\"zoe\">");
    assert_null(strstr(doc, "\"n0\""));
    /* escaped; U+FFFD for what XML 1.0 cannot carry; UTF-8 kept */
    has(doc, "<data key=\"v_label\">AT&amp;T &lt;Inc&gt; &quot;Q&quot;</data>");
    has(doc, "<data key=\"v_label\">Bad\xEF\xBF\xBDLabel\xEF\xBF\xBD</data>");
    has(doc, "<data key=\"v_label\">Zoë</data>");
    has(doc, "<data key=\"e_evidence\">x &lt; y &amp; z</data>");
    /* numbers: whole ones with no point or exponent, doubles as %.15g */
    has(doc, "<data key=\"v_mentions\">9007199254740992</data>");
    has(doc, "<data key=\"v_degree\">2</data>");
    has(doc, "<data key=\"v_pagerank\">0.333333333333333</data>");
    has(doc, "<data key=\"e_weight\">1.5</data>");
    has(doc, "<data key=\"e_count\">4</data>");
    has(doc, "<data key=\"v_discovered\">true</data>");
    /* a NaN is a missing value: the second node has no pagerank */
    const char *n1 = strstr(doc, "<node id=\"d:bad-label\">");
    const char *n1end = strstr(n1, "</node>");
    const char *pr = strstr(n1, "v_pagerank");
    assert_true(pr == NULL || pr > n1end);
    /* the same graph, the same bytes */
    char *again = write(&g);
    assert_string_equal(doc, again);
    free(again);
    free(doc);
    igraph_destroy(&g.g);
}

/* /dev/full: the error names the file and the reason (libxml2 prints
 * nothing of its own: eg_xml_writer keeps the error) */
static void test_full_disk(void **state)
{
    eg_graph g;
    uint32_t ends[2][2];
    make(&g, ends);
    FILE *fp = fopen("/dev/full", "w");
    if (!fp) {
        igraph_destroy(&g.g);
        skip();
    }
    setvbuf(fp, NULL, _IONBF, 0); /* each write reaches the device */
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_export_graphml(&g, fp, "full.graphml", &err), EG_EIO);
    assert_non_null(strstr(err.msg, "full.graphml: cannot write: No space left on device"));
    fclose(fp);
    igraph_destroy(&g.g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_types_and_values),
        cmocka_unit_test(test_full_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
