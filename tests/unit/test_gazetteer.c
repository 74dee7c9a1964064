/* Gazetteer loading and validation messages (file:line:col). */
#include "testing.h"

#include <unistd.h>

#include "gazetteer.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static eg_status load(eg_gazetteer *g, const char *name, const char *yaml, eg_error *err)
{
    eg_error_init(err);
    return eg_gazetteer_load_buffer(g, name, yaml, strlen(yaml), err);
}

static void test_valid_entry(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "a.yaml",
                          "- id: vladimir-putin\n"
                          "  label: Vladimir Putin\n"
                          "  type: person\n"
                          "  aliases: [Putin, Путин]\n"
                          "  wikidata: Q7747\n"
                          "  prior: 100\n"
                          "- id: russia\n"
                          "  label: Russia\n"
                          "  type: country\n"
                          "  demonyms: [Russian, Russians]\n",
                          &err),
                     EG_OK);
    assert_int_equal(g->nent, 2);
    assert_string_equal(g->ent[0].label, "Vladimir Putin");
    assert_int_equal(g->ent[0].type, EG_PERSON);
    assert_true(g->ent[0].has_prior);
    assert_true(g->ent[0].prior == 100.0);
    assert_string_equal(g->ent[0].wikidata, "Q7747");
    assert_int_equal(g->ent[0].line, 1);
    assert_int_equal(g->ent[1].line, 7);
    /* label + 2 aliases, label + 2 demonyms */
    assert_int_equal(g->nalias, 6);
    assert_int_equal(g->alias[5].flags, EG_ALIAS_DEMONYM);
    assert_int_equal(eg_gazetteer_find(g, "russia"), 1);
    assert_int_equal(eg_gazetteer_find(g, "nobody"), -1);
    eg_gazetteer_free(g);
}

static void expect_problem(const char *yaml, const char *message)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "bad.yaml", yaml, &err), EG_EINPUT);
    if (!strstr(err.msg, message))
        fail_msg("expected \"%s\" in:\n%s", message, err.msg);
    assert_int_equal(g->nent, 0); /* nothing of a bad file is kept */
    eg_gazetteer_free(g);
}

static void test_validation_messages(void **state)
{
    expect_problem("- id: x\n  type: person\n", "bad.yaml:1:3: entity 'x' has no 'label'");
    expect_problem("- id: x\n  label: X\n", "bad.yaml:1:3: entity 'x' has no 'type'");
    expect_problem("- label: X\n  type: person\n", "bad.yaml:1:3: entity has no 'id'");
    expect_problem("- id: x\n  label: X\n  type: planet\n",
                   "bad.yaml:3:9: unknown type 'planet'");
    expect_problem("- id: x\n  label: X\n  type: person\n  aliases: [\"\", ok]\n",
                   "bad.yaml:4:13: empty entry in 'aliases'");
    expect_problem("- id: x\n  label: X\n  type: person\n  aliases: [\"...\"]\n",
                   "bad.yaml:4:13: 'aliases' entry \"...\" has no letters or digits");
    expect_problem("- id: x\n  label: X\n  type: person\n  alias: [Y]\n",
                   "bad.yaml:4:3: unknown field 'alias'");
    expect_problem("- id: x\n  label: X\n  type: person\n  demonyms: [Xian]\n",
                   "bad.yaml:4:13: 'demonyms' are for countries, but 'x' is a person");
    expect_problem("- id: X Y\n  label: X\n  type: person\n", "bad.yaml:1:7: id 'X Y' must be");
    expect_problem("- id: x\n  label: X\n  type: person\n  wikidata: 7747\n",
                   "bad.yaml:4:13: wikidata '7747' is not an item id");
    expect_problem("- id: x\n  label: X\n  type: person\n  prior: lots\n",
                   "bad.yaml:4:10: prior 'lots' must be a number");
    expect_problem("- id: x\n  label: X\n  type: person\n  aliases: Y\n",
                   "bad.yaml:4:12: 'aliases' must be a list");
    expect_problem("id: x\n", "bad.yaml:1:1: expected a list of entities");
    expect_problem("- id: x\n  label: [X\n", "bad.yaml:3:1: YAML error");
    expect_problem("- id: x\n  id: y\n  label: X\n  type: person\n",
                   "bad.yaml:2:3: duplicate field 'id'");
    /* regression: igraph cannot write control characters to GraphML */
    expect_problem("- id: x\n  label: \"A\\x01\"\n  type: person\n",
                   "bad.yaml:2:10: 'label' contains a control character");
    expect_problem("- id: x\n  label: X\n  type: person\n  aliases: [\"B\\u0085C\"]\n",
                   "bad.yaml:4:13: 'aliases' contains a control character");
}

static void test_every_problem_reported(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "bad.yaml",
                          "- id: a\n  label: A\n  type: thing\n"
                          "- id: b\n  type: person\n",
                          &err),
                     EG_EINPUT);
    assert_non_null(strstr(err.msg, "bad.yaml:3:9: unknown type 'thing'"));
    assert_non_null(strstr(err.msg, "bad.yaml:4:3: entity 'b' has no 'label'"));
    eg_gazetteer_free(g);
}

static void test_duplicate_id_across_files(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "one.yaml", "- id: paris\n  label: Paris\n  type: place\n", &err),
                     EG_OK);
    assert_int_equal(load(g, "two.yaml",
                          "- id: rome\n  label: Rome\n  type: place\n"
                          "- id: paris\n  label: Paris, Texas\n  type: place\n",
                          &err),
                     EG_EINPUT);
    assert_non_null(strstr(err.msg, "two.yaml:4:7: duplicate id 'paris' (first defined at "
                                    "one.yaml:1)"));
    /* the failing file is rolled back whole */
    assert_int_equal(g->nent, 1);
    assert_int_equal(eg_gazetteer_find(g, "rome"), -1);
    assert_int_equal(eg_gazetteer_find(g, "paris"), 0);
    eg_gazetteer_free(g);
}

static void test_shared_alias_is_legal(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "a.yaml",
                          "- id: georgia\n  label: Georgia\n  type: country\n"
                          "- id: georgia-us-state\n  label: Georgia\n  type: place\n",
                          &err),
                     EG_OK);
    assert_int_equal(g->nent, 2);
    eg_gazetteer_free(g);
}

static void test_country_reference(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    assert_int_equal(load(g, "a.yaml",
                          "- id: bishkek\n  label: Bishkek\n  type: place\n  country: kyrgyzstan\n",
                          &err),
                     EG_OK);
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_finish(g, &err), EG_EINPUT);
    assert_non_null(strstr(err.msg, "a.yaml:1:1: entity 'bishkek': country 'kyrgyzstan' is not "
                                    "defined"));
    eg_gazetteer_free(g);
}

static void test_shipped_gazetteers(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_gazetteer_load(g, SRCDIR "/gazetteers", &err);
    if (st != EG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(eg_gazetteer_finish(g, &err), EG_OK);
    size_t per[EG_NTYPES] = {0};
    for (size_t i = 0; i < g->nent; i++)
        per[g->ent[i].type]++;
    /* every ISO 3166-1 country plus former states */
    assert_true(per[EG_COUNTRY] >= 249);
    assert_true(per[EG_PERSON] > 0 && per[EG_ORGANIZATION] > 0 && per[EG_PLACE] > 0);
    const char *must[] = {"russia", "kyrgyzstan", "vladimir-putin", "sadyr-japarov",
                          "international-criminal-court", "commonwealth-of-independent-states",
                          "bishkek", "soviet-union"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++)
        if (eg_gazetteer_find(g, must[i]) < 0)
            fail_msg("missing %s", must[i]);
    eg_gazetteer_free(g);
}

/* regression: a word-list line longer than the read buffer was split
 * into pieces that each became a "common word" */
static void test_wordlist_long_lines(void **state)
{
    char path[] = "/tmp/eg-test-wl-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    for (int i = 0; i < 255; i++)
        fputc('a', fp);
    fputs("turkey\nchina\nChad\nrussia\r\n\n", fp); /* CRLF, an empty line */
    fwrite("mos\0cow\n", 1, 8, fp);                  /* a NUL byte: no word */
    for (int i = 0; i < 254; i++)                     /* the longest word, with CRLF */
        fputc('b', fp);
    fputs("\r\nkyrgyzstan", fp);                       /* no last newline */
    fclose(fp);
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_load_wordlist(g, path, &err), EG_OK);
    unlink(path);
    assert_false(eg_gazetteer_is_common(g, "turkey", 6));
    assert_true(eg_gazetteer_is_common(g, "china", 5));
    assert_false(eg_gazetteer_is_common(g, "chad", 4)); /* only lower-case entries */
    assert_true(eg_gazetteer_is_common(g, "russia", 6));
    assert_true(eg_gazetteer_is_common(g, "kyrgyzstan", 10));
    assert_false(eg_gazetteer_is_common(g, "mos", 3));
    assert_int_equal(g->common.n, 4); /* china, russia, b x 254, kyrgyzstan */
    eg_gazetteer_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_entry),
        cmocka_unit_test(test_validation_messages),
        cmocka_unit_test(test_every_problem_reported),
        cmocka_unit_test(test_duplicate_id_across_files),
        cmocka_unit_test(test_shared_alias_is_legal),
        cmocka_unit_test(test_country_reference),
        cmocka_unit_test(test_shipped_gazetteers),
        cmocka_unit_test(test_wordlist_long_lines),
    };
    return cmocka_run_group_tests_name("gazetteer", tests, NULL, NULL);
}
