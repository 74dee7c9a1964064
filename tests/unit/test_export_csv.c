/* The plain tables (export_csv.c) of a two-document corpus worked out by
 * hand: RFC 4180 quoting of a label with a comma and quotes and of a
 * document id with a comma, quotes and a line break; VOSviewer's quoting
 * of a label with a semicolon; the document-entity list with the
 * entities the graph left out left out. */
#include "fixture.h"

#include <math.h>

#include "cooccur.h"
#include "export.h"
#include "graph.h"

static const char GAZ[] = "- {id: a, label: Alpha, type: person}\n"
                          "- id: b\n  label: 'Smith, \"Bo\"'\n  type: person\n"
                          "  aliases: [Bo Smith]\n"
                          "- id: c\n  label: 'Charlie; Three'\n  type: person\n"
                          "  aliases: [Charlie]\n"
                          "- {id: z, label: Zulu, type: place}\n";

/* Sentence windows: d1 "Alpha met Bo Smith." "Alpha left." and the second
 * document "Charlie saw Alpha. Zulu." N = 4 windows; a in 3, b, c and z
 * in 1 each; pairs a-b 1, a-c 1; z alone. */
static const char *DOCS[] = {"Alpha met Bo Smith. Alpha left.", "Charlie saw Alpha. Zulu."};
static const char *IDS[] = {"d1", "doc,2\n\"x\""};

typedef struct {
    eg_tagger *t;
    eg_cooccur *c;
    eg_doctable docs;
    eg_graph *g;
} corpus;

static void make(corpus *k, eg_isolates isolates, double min_weight)
{
    k->t = fixture_tagger(GAZ, "", (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1});
    k->c = eg_cooccur_new(k->t->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
    assert_non_null(k->c);
    eg_doctable_init(&k->docs);
    eg_error err;
    eg_error_init(&err);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(eg_tagger_run(k->t, DOCS[i], strlen(DOCS[i]), &err), EG_OK);
        assert_int_equal(eg_cooccur_add(k->c, IDS[i], 0, DOCS[i], &k->t->doc.text,
                                        &k->t->doc.mentions, &err),
                         EG_OK);
        assert_int_equal(eg_doctable_add(&k->docs, k->t, IDS[i], &k->t->doc.mentions, &err),
                         EG_OK);
    }
    eg_graph_opts o;
    eg_graph_defaults(&o);
    o.isolates = isolates;
    o.min_weight = min_weight;
    if (eg_graph_build(k->c, k->t->gz, &o, &k->g, &err) != EG_OK)
        fail_msg("%s", err.msg);
}

static void unmake(corpus *k)
{
    eg_graph_free(k->g);
    eg_doctable_free(&k->docs);
    eg_cooccur_free(k->c);
    eg_tagger_free(k->t);
}

typedef enum { T_NODES, T_EDGES, T_DOCS, T_VOSMAP, T_VOSNET } table;

/* The table as text; the caller frees it. */
static char *write_table(corpus *k, table which)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_non_null(fp);
    eg_error err;
    eg_error_init(&err);
    eg_status st = EG_OK;
    switch (which) {
    case T_NODES: st = eg_export_csv_nodes(k->g, k->c, k->t->gz, fp, "nodes.csv", &err); break;
    case T_EDGES: st = eg_export_csv_edges(k->g, k->c, k->t->gz, fp, "edges.csv", &err); break;
    case T_DOCS:
        st = eg_export_csv_documents(k->g, k->t->gz, &k->docs, fp, "documents.csv", &err);
        break;
    case T_VOSMAP:
        st = eg_export_vosviewer_map(k->g, k->c, k->t->gz, fp, "map", &err);
        break;
    case T_VOSNET: st = eg_export_vosviewer_network(k->g, fp, "network", &err); break;
    }
    assert_int_equal(st, EG_OK);
    fclose(fp);
    return text;
}

/* RFC 4180 fields of a text: rows[r][f], at most 8 rows of 16 fields. */
typedef struct {
    char field[8][16][64];
    int nf[8], nr;
} parsed;

static void parse(const char *s, parsed *p)
{
    memset(p, 0, sizeof *p);
    while (*s) {
        int r = p->nr++, f = 0;
        assert_true(r < 8);
        for (;;) {
            char *out = p->field[r][f];
            size_t n = 0;
            if (*s == '"') {
                for (s++; !(*s == '"' && s[1] != '"'); s++) {
                    assert_true(*s != '\0');
                    if (*s == '"')
                        s++;
                    out[n++] = *s;
                }
                s++;
            } else {
                while (*s && *s != ',' && *s != '\n')
                    out[n++] = *s++;
            }
            assert_true(n < 64);
            f++;
            if (*s == ',') {
                s++;
                continue;
            }
            assert_true(*s == '\n'); /* every line ends */
            s++;
            break;
        }
        p->nf[r] = f;
    }
}

/* nodes.csv: a is the star's centre (degree 2, betweenness 1: the b-c
 * path), b and c leaves. PageRank of a star with two leaves at 0.85:
 * A = 0.05 + 0.85 * 2L, L = 0.05 + 0.85 A/2, so A = 18/37, L = 19/74.
 * z (no edge) is an isolate: kept, as nothing was pruned. */
static void test_nodes(void **state)
{
    corpus k;
    make(&k, EG_ISOLATES_AUTO, NAN);
    char *text = write_table(&k, T_NODES);
    parsed p;
    parse(text, &p);
    assert_int_equal(p.nr, 5);
    const char *head[] = {"Id",       "Label",   "type",        "wikidata",
                          "mentions", "documents", "degree",    "strength",
                          "pagerank", "betweenness", "community", "discovered"};
    assert_int_equal(p.nf[0], 12);
    for (int f = 0; f < 12; f++)
        assert_string_equal(p.field[0][f], head[f]);
    const char *want[4][12] = {
        {"a", "Alpha", "person", "", "3", "2", "2", "2", "", "1", "1", "false"},
        {"b", "Smith, \"Bo\"", "person", "", "1", "1", "1", "1", "", "0", "1", "false"},
        {"c", "Charlie; Three", "person", "", "1", "1", "1", "1", "", "0", "1", "false"},
        {"z", "Zulu", "place", "", "1", "1", "0", "0", "", "0", "2", "false"},
    };
    double pr[3] = {18.0 / 37, 19.0 / 74, 19.0 / 74};
    for (int r = 0; r < 4; r++) {
        assert_int_equal(p.nf[r + 1], 12);
        for (int f = 0; f < 12; f++)
            if (f != 8)
                assert_string_equal(p.field[r + 1][f], want[r][f]);
    }
    /* with z there, its share: z is dangling and teleports; the three
     * others' ratios stay those of the star */
    double a = strtod(p.field[1][8], NULL), b = strtod(p.field[2][8], NULL);
    assert_true(fabs(a / b - pr[0] / pr[1]) < 1e-6);
    assert_true(strstr(text, "b,\"Smith, \"\"Bo\"\"\",person,") != NULL);
    free(text);
    unmake(&k);

    /* --drop-isolates: z goes, and the star's PageRank is exact */
    make(&k, EG_ISOLATES_DROP, NAN);
    text = write_table(&k, T_NODES);
    parse(text, &p);
    assert_int_equal(p.nr, 4);
    for (int r = 0; r < 3; r++)
        assert_true(fabs(strtod(p.field[r + 1][8], NULL) - pr[r]) < 1e-9);
    free(text);
    unmake(&k);
}

/* edges.csv: a-b and a-c, count 1 in one document each. PMI log2(1*4 /
 * (3*1)) = 0.415037..., NPMI that / -log2(1/4) = 0.207519...; Jaccard
 * 1/(3+1-1) = 1/3, Dice 2/4; association 1*4/(2*1) = 2 (s_a = 2, s_b =
 * 1, 2m = 4). The second's evidence names the odd document id, quoted. */
static void test_edges(void **state)
{
    corpus k;
    make(&k, EG_ISOLATES_AUTO, NAN);
    char *text = write_table(&k, T_EDGES);
    parsed p;
    parse(text, &p);
    assert_int_equal(p.nr, 3);
    const char *head[] = {"Source", "Target",  "Type", "Weight",      "count", "documents", "pmi",
                          "npmi",   "jaccard", "dice", "association", "llr",   "evidence"};
    assert_int_equal(p.nf[0], 13);
    for (int f = 0; f < 13; f++)
        assert_string_equal(p.field[0][f], head[f]);
    assert_string_equal(p.field[1][0], "a");
    assert_string_equal(p.field[1][1], "b");
    assert_string_equal(p.field[1][2], "Undirected");
    assert_string_equal(p.field[1][3], "1");
    assert_string_equal(p.field[1][4], "1");
    assert_string_equal(p.field[1][5], "1");
    assert_true(fabs(strtod(p.field[1][6], NULL) - log2(4.0 / 3)) < 1e-12);
    assert_true(fabs(strtod(p.field[1][7], NULL) - log2(4.0 / 3) / 2) < 1e-12);
    assert_string_equal(p.field[1][8], "0.3333333333333333");
    assert_string_equal(p.field[1][9], "0.5");
    assert_string_equal(p.field[1][10], "2");
    assert_string_equal(p.field[1][12], "Alpha met Bo Smith. (d1, bytes 0-19)");
    assert_string_equal(p.field[2][1], "c");
    assert_string_equal(p.field[2][12], "Charlie saw Alpha. (doc,2\n\"x\", bytes 0-18)");
    assert_true(strstr(text, "\"Charlie saw Alpha. (doc,2\n\"\"x\"\", bytes 0-18)\"\n") != NULL);
    free(text);
    unmake(&k);
}

/* documents.csv: d1 names a twice and b once, the second document c, a
 * and z, once each; rows by document, then entity id. */
static void test_documents(void **state)
{
    corpus k;
    make(&k, EG_ISOLATES_AUTO, NAN);
    char *text = write_table(&k, T_DOCS);
    assert_string_equal(text, "document,entity,mentions\n"
                              "d1,a,2\n"
                              "d1,b,1\n"
                              "\"doc,2\n\"\"x\"\"\",a,1\n"
                              "\"doc,2\n\"\"x\"\"\",c,1\n"
                              "\"doc,2\n\"\"x\"\"\",z,1\n");
    free(text);
    unmake(&k);
    /* --min-weight 2 leaves no edge: every entity is dropped, no rows */
    make(&k, EG_ISOLATES_AUTO, 2);
    assert_int_equal(k.g->nv, 0);
    text = write_table(&k, T_DOCS);
    assert_string_equal(text, "document,entity,mentions\n");
    free(text);
    unmake(&k);
    /* kept isolates keep their rows */
    make(&k, EG_ISOLATES_KEEP, 2);
    text = write_table(&k, T_DOCS);
    assert_true(strstr(text, "\"doc,2\n\"\"x\"\"\",z,1\n") != NULL);
    free(text);
    unmake(&k);
}

/* VOSviewer: items numbered from 1 in id order; a label with a comma or a
 * semicolon quoted; z's community is the second. */
static void test_vosviewer(void **state)
{
    corpus k;
    make(&k, EG_ISOLATES_AUTO, NAN);
    char *text = write_table(&k, T_VOSMAP);
    assert_string_equal(text,
                        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\t"
                        "weight<Mentions>\tweight<Documents>\n"
                        "1\tAlpha\t1\t2\t2\t3\t2\n"
                        "2\t\"Smith, \"\"Bo\"\"\"\t1\t1\t1\t1\t1\n"
                        "3\t\"Charlie; Three\"\t1\t1\t1\t1\t1\n"
                        "4\tZulu\t2\t0\t0\t1\t1\n");
    free(text);
    text = write_table(&k, T_VOSNET);
    assert_string_equal(text, "1\t2\t1\n1\t3\t1\n");
    free(text);
    unmake(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nodes),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_vosviewer),
    };
    return cmocka_run_group_tests_name("export_csv", tests, NULL, NULL);
}
