/* Files that change or are not what they seem, to the loaders: a corpus
 * file swapped for a FIFO after its directory was listed, a FIFO among a
 * directory's gazetteers, YAML nested thousands deep. A hang fails too:
 * every test runs under an alarm. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "testing.h"

#include "corpus.h"
#include "gazetteer.h"
#include "util/buf.h"

static char *fmt(const char *f, const char *a, const char *b)
{
    char *p = malloc(strlen(f) + strlen(a) + (b ? strlen(b) : 0) + 1);
    assert_non_null(p);
    sprintf(p, f, a, b ? b : "");
    return p;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
    (void)state;
    alarm(60); /* SIGALRM ends a test that hangs, and fails it */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    alarm(0);
    return 0;
}

static eg_status load_text(const char *text, eg_error *err)
{
    eg_gazetteer *g = eg_gazetteer_new();
    assert_non_null(g);
    eg_error_init(err);
    eg_status st = eg_gazetteer_load_buffer(g, "deep.yaml", text, strlen(text), err);
    eg_gazetteer_free(g);
    return st;
}

static char *nested(const char *open, const char *mid, const char *close, int n)
{
    eg_buf b = EG_BUF_INIT;
    assert_int_equal(eg_buf_printf(&b, "- {id: x, label: X, type: place, aliases: "), 0);
    for (int i = 0; i < n; i++)
        assert_int_equal(eg_buf_printf(&b, "%s", open), 0);
    assert_int_equal(eg_buf_printf(&b, "%s", mid), 0);
    for (int i = 0; i < n; i++)
        assert_int_equal(eg_buf_printf(&b, "%s", close), 0);
    assert_int_equal(eg_buf_printf(&b, "}\n"), 0);
    return b.data;
}

/* regression: a file listed as regular, then swapped for a FIFO before it
 * was read, hung the run in open() */
static void swapped(const char *name, int jsonl)
{
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *a = fmt("%s/a.txt", dir, NULL);
    char *b = fmt("%s/%s", dir, name);
    write_file(a, "Talks in Moscow.\n");
    write_file(b, jsonl ? "{\"id\": \"x\", \"text\": \"Kyiv\"}\n" : "Talks in Kyiv.\n");
    const char *in[] = {dir};
    eg_corpus *c = NULL;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_corpus_open(in, 1, NULL, NULL, NULL, &c, &err), EG_OK);
    eg_doc doc;
    assert_int_equal(eg_corpus_next(c, &doc, &err), 1); /* a.txt: the directory is listed */
    assert_string_equal(doc.id, a);
    unlink(b);
    assert_int_equal(mkfifo(b, 0600), 0);
    assert_int_equal(eg_corpus_next(c, &doc, &err), -1);
    assert_non_null(strstr(err.msg, name));
    assert_non_null(strstr(err.msg, "not a regular file"));
    eg_corpus_free(c);
    unlink(a);
    unlink(b);
    rmdir(dir);
    free(a);
    free(b);
}

static void test_corpus_file_swapped_for_fifo(void **state)
{
    (void)state;
    swapped("b.txt", 0);
    swapped("b.jsonl", 1);
}

/* A gazetteer directory's *.yaml that is a FIFO is refused by name. */
static void test_gazetteer_dir_fifo(void **state)
{
    (void)state;
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *a = fmt("%s/a.yaml", dir, NULL);
    char *b = fmt("%s/b.yaml", dir, NULL);
    write_file(a, "- {id: ru, label: Russia, type: country}\n");
    assert_int_equal(mkfifo(b, 0600), 0);
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_load(g, dir, &err), EG_EIO);
    assert_non_null(strstr(err.msg, "b.yaml: not a regular file"));
    eg_gazetteer_free(g);
    const char *src[] = {dir};
    assert_true(eg_gazetteer_sources_key(src, 1, NULL) == 0);
    unlink(a);
    unlink(b);
    rmdir(dir);
    free(a);
    free(b);
}

/* regression: YAML nested N deep took time in N squared (libyaml's
 * scanner looks at every open level for every token): 200 KB took 47 s */
static void test_yaml_depth(void **state)
{
    (void)state;
    eg_error err;
    char *deep = nested("[", "", "]", 100000);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(load_text(deep, &err), EG_EINPUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(t1.tv_sec - t0.tv_sec < 5);
    assert_non_null(strstr(err.msg, "deep.yaml:1:"));
    assert_non_null(strstr(err.msg, "YAML nested deeper than 64 levels"));
    assert_null(strchr(err.msg, '\n')); /* one message: the first error stops the file */
    free(deep);
    deep = nested("{a: ", "b", "}", 100000);
    assert_int_equal(load_text(deep, &err), EG_EINPUT);
    assert_non_null(strstr(err.msg, "YAML nested deeper than 64 levels"));
    free(deep);
    /* 60 levels are YAML still: the loader's own message */
    deep = nested("[", "", "]", 60);
    assert_int_equal(load_text(deep, &err), EG_EINPUT);
    assert_non_null(strstr(err.msg, "must be a single value"));
    free(deep);

    /* what the document loader did still holds: positions, anchors and
     * aliases, several documents, errors with their marks */
    assert_int_equal(load_text("- &e {id: a, label: A, type: place, aliases: &l [Aa, Ab]}\n"
                               "- {id: b, label: B, type: place, aliases: *l}\n"
                               "---\n"
                               "- {id: c, label: C, type: place}\n",
                               &err),
                     EG_OK);
    assert_int_equal(load_text("- {id: a, label: A, type: place, aliases: *nope}\n", &err),
                     EG_EINPUT);
    assert_non_null(strstr(err.msg, "deep.yaml:1:"));
    assert_int_equal(load_text("- {id: a, label: A, type: place}\n- {id: b, label: [B], type: place}\n",
                               &err),
                     EG_EINPUT);
    assert_non_null(strstr(err.msg, "deep.yaml:2:18: 'label' must be a single value"));
    assert_int_equal(load_text("- {id: a, label: A, type: place\n", &err), EG_EINPUT);
    assert_non_null(strstr(err.msg, "YAML error"));
    assert_int_equal(load_text("", &err), EG_OK);
    assert_int_equal(load_text("---\n", &err), EG_OK);

    eg_gazetteer *g = eg_gazetteer_new();
    eg_error_init(&err);
    const char *two = "- {id: a, label: A, type: place, aliases: &l [Aa, Ab]}\n"
                      "- {id: b, label: B, type: place, aliases: *l}\n";
    assert_int_equal(eg_gazetteer_load_buffer(g, "two.yaml", two, strlen(two), &err), EG_OK);
    assert_int_equal(g->nent, 2);
    assert_int_equal(g->nalias, 6);
    assert_string_equal(g->alias[5].text, "Ab");
    assert_int_equal(g->alias[5].line, 1);
    assert_int_equal(g->alias[5].col, 51);
    assert_int_equal(g->ent[1].line, 2);
    eg_gazetteer_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_corpus_file_swapped_for_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gazetteer_dir_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yaml_depth, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
