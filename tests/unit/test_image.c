/* Images of compiled tables: sections come back aligned and intact, an
 * image of another key, a truncated or a damaged one is refused, the hash
 * maps answer the same from an image, the key of the gazetteer sources
 * follows every file loaded, and a gazetteer, matcher and resolver mapped
 * from an image are the loaded ones and tag the sample corpus alike. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testing.h"
#include "fixture.h"

#include "tagger.h"
#include "util/fs.h"
#include "util/hmap.h"
#include "util/image.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

/* A fresh path in a new temporary directory; the caller removes both. */
static char *temp_path(void)
{
    char dir[] = "/tmp/eg-test-image-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *p = malloc(strlen(dir) + 16);
    assert_non_null(p);
    sprintf(p, "%s/sub/t.img", dir); /* sub/: the writer creates it */
    return p;
}

static void remove_path(char *p)
{
    unlink(p);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    rmdir(p);
    slash = strrchr(p, '/');
    *slash = '\0';
    rmdir(p);
    free(p);
}

static void flip_byte(const char *path, off_t at)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    unsigned char c;
    assert_int_equal(pread(fd, &c, 1, at), 1);
    c ^= 0x40;
    assert_int_equal(pwrite(fd, &c, 1, at), 1);
    close(fd);
}

static void test_sections(void **state)
{
    (void)state;
    if (!eg_image_supported())
        skip();
    char *path = temp_path();
    eg_imgw w;
    eg_imgw_init(&w);
    uint32_t nums[5] = {1, 2, 3, 4, 5};
    eg_imgw_put(&w, NULL, 0);
    eg_imgw_put(&w, "hello", 5);
    eg_imgw_put(&w, nums, sizeof nums);
    assert_int_equal(eg_imgw_write(&w, path, 42), 0);
    eg_imgw_free(&w);

    eg_image im;
    assert_int_equal(eg_image_open(&im, path, 42), 0);
    const void *empty = eg_image_take(&im, 0);
    const char *hello = eg_image_take(&im, 5);
    const uint32_t *back = eg_image_array(&im, 5, sizeof *back);
    assert_non_null(empty);
    assert_non_null(hello);
    assert_non_null(back);
    assert_memory_equal(hello, "hello", 5);
    assert_memory_equal(back, nums, sizeof nums);
    assert_int_equal((uintptr_t)hello % 64, 0);
    assert_int_equal((uintptr_t)back % 64, 0);
    /* past the end, and a wrong length, are refused */
    assert_null(eg_image_take(&im, 0));
    assert_true(im.bad);
    eg_image_close(&im);
    assert_int_equal(eg_image_open(&im, path, 42), 0);
    assert_null(eg_image_take(&im, 1));
    assert_true(im.bad);
    assert_null(eg_image_take(&im, 5)); /* stays refused */
    eg_image_close(&im);

    assert_int_equal(eg_image_open(&im, path, 43), -1); /* another key */
    assert_null(im.map);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    flip_byte(path, sb.st_size - 192); /* the "h" of "hello" */
    assert_int_equal(eg_image_open(&im, path, 42), -1);
    flip_byte(path, sb.st_size - 192);
    assert_int_equal(eg_image_open(&im, path, 42), 0);
    eg_image_close(&im);
    assert_int_equal(truncate(path, sb.st_size - 1), 0);
    assert_int_equal(eg_image_open(&im, path, 42), -1);
    assert_int_equal(truncate(path, 10), 0);
    assert_int_equal(eg_image_open(&im, path, 42), -1);
    unlink(path);
    assert_int_equal(eg_image_open(&im, path, 42), -1);
    remove_path(path);
}

static void test_maps(void **state)
{
    (void)state;
    if (!eg_image_supported())
        skip();
    char *path = temp_path();
    eg_strmap s, empty;
    eg_u64map u;
    eg_strmap_init(&s);
    eg_strmap_init(&empty);
    eg_u64map_init(&u);
    char key[32];
    for (uint32_t i = 0; i < 1000; i++) {
        int n = snprintf(key, sizeof key, "word%u", i * 7);
        assert_int_equal(eg_strmap_put(&s, key, (size_t)n, i, NULL), 1);
        assert_int_equal(eg_u64map_put(&u, (uint64_t)i << 32 | (i * 3), i + 1, NULL), 1);
    }
    eg_imgw w;
    eg_imgw_init(&w);
    eg_strmap_save(&s, &w);
    eg_strmap_save(&empty, &w);
    eg_u64map_save(&u, &w);
    assert_int_equal(eg_imgw_write(&w, path, 7), 0);
    eg_imgw_free(&w);

    eg_image im;
    assert_int_equal(eg_image_open(&im, path, 7), 0);
    eg_strmap vs, ve;
    eg_u64map vu;
    assert_int_equal(eg_strmap_view(&vs, &im), 0);
    assert_int_equal(eg_strmap_view(&ve, &im), 0);
    assert_int_equal(eg_u64map_view(&vu, &im), 0);
    assert_int_equal(vs.n, 1000);
    for (uint32_t i = 0; i < 1000; i++) {
        uint32_t v = 0;
        int n = snprintf(key, sizeof key, "word%u", i * 7);
        assert_int_equal(eg_strmap_get(&vs, key, (size_t)n, &v), 1);
        assert_int_equal(v, i);
        /* the matcher's look-up, which reads keys a word at a time */
        char padded[48] = {0};
        memcpy(padded, key, (size_t)n);
        v = 0;
        assert_int_equal(eg_strmap_get_padded(&vs, padded, (size_t)n, &v), 1);
        assert_int_equal(v, i);
        size_t len;
        const char *k = eg_strmap_key(&vs, i, &len);
        assert_int_equal(len, (size_t)n);
        assert_memory_equal(k, key, len);
        assert_int_equal(eg_u64map_get(&vu, (uint64_t)i << 32 | (i * 3), &v), 1);
        assert_int_equal(v, i + 1);
        assert_int_equal(eg_u64map_get(&vu, (uint64_t)i << 32 | (i * 3 + 1), &v), 0);
    }
    uint32_t v;
    assert_int_equal(eg_strmap_get(&vs, "word1", 5, &v), 0);
    assert_int_equal(eg_strmap_get(&ve, "word0", 5, &v), 0);
    eg_strmap_free(&vs); /* forgets the view: the image owns the bytes */
    eg_strmap_free(&ve);
    eg_u64map_free(&vu);
    eg_image_close(&im);
    eg_strmap_free(&s);
    eg_u64map_free(&u);
    remove_path(path);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

/* The sources' key changes with the name or the bytes of any file that
 * loading them reads, a directory's files included, and with the word
 * list; it stays the same for the same files. */
static void test_sources_key(void **state)
{
    (void)state;
    char dir[] = "/tmp/eg-test-sources-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[256], b[256], c[256], words[256];
    snprintf(a, sizeof a, "%s/a.yaml", dir);
    snprintf(b, sizeof b, "%s/b.yaml", dir);
    snprintf(c, sizeof c, "%s/c.yml", dir);
    snprintf(words, sizeof words, "%s/words", dir);
    write_file(a, "- {id: ru, label: Russia, type: country}\n");
    write_file(b, "- {id: kg, label: Kyrgyzstan, type: country}\n");
    write_file(words, "russia\n");
    const char *src[] = {dir};
    uint64_t k = eg_gazetteer_sources_key(src, 1, words);
    assert_true(k != 0);
    assert_true(k == eg_gazetteer_sources_key(src, 1, words));
    assert_true(k != eg_gazetteer_sources_key(src, 1, NULL));
    const char *files[] = {a, b};
    /* the same files named one by one: the same loading, the same key */
    assert_true(k == eg_gazetteer_sources_key(files, 2, words));
    const char *swapped[] = {b, a};
    assert_true(k != eg_gazetteer_sources_key(swapped, 2, words));
    /* and it is the key of what loading them reads */
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_load(g, dir, &err), EG_OK);
    assert_int_equal(eg_gazetteer_load_wordlist(g, words, &err), EG_OK);
    assert_true(eg_gazetteer_key(g) == k);
    eg_gazetteer_free(g);
    g = eg_gazetteer_new();
    assert_int_equal(eg_gazetteer_load(g, a, &err), EG_OK);
    assert_int_equal(eg_gazetteer_load(g, b, &err), EG_OK);
    assert_true(eg_gazetteer_key(g) == eg_gazetteer_sources_key(files, 2, NULL));
    eg_gazetteer_free(g);

    write_file(b, "- {id: kg, label: Kyrgyzstam, type: country}\n"); /* same size */
    uint64_t edited = eg_gazetteer_sources_key(src, 1, words);
    assert_true(edited != k);
    write_file(b, "- {id: kg, label: Kyrgyzstan, type: country}\n");
    assert_true(k == eg_gazetteer_sources_key(src, 1, words));
    write_file(c, "- {id: bishkek, label: Bishkek, type: place}\n");
    uint64_t added = eg_gazetteer_sources_key(src, 1, words);
    assert_true(added != k);
    unlink(c);
    write_file(words, "kyrgyzstan\n");
    assert_true(eg_gazetteer_sources_key(src, 1, words) != k);
    unlink(words);
    assert_int_equal(eg_gazetteer_sources_key(src, 1, words), 0); /* loading will say why */
    unlink(a);
    unlink(b);
    rmdir(dir);
    const char *none[] = {"/nonexistent/gazetteer.yaml"};
    assert_int_equal(eg_gazetteer_sources_key(none, 1, NULL), 0);
}

/* The loaded gazetteer and its view: the same, the files and the common
 * words too. */
static void same_entities(const eg_gazetteer *a, const eg_gazetteer *b)
{
    fixture_same_gazetteer(a, b);
    assert_int_equal(a->nfiles, b->nfiles);
    for (size_t i = 0; i < a->nfiles; i++)
        assert_string_equal(a->files[i], b->files[i]);
    static const char *const words[] = {"turkey", "china", "reading", "russia"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_int_equal(eg_gazetteer_is_common(b, words[i], strlen(words[i])),
                         eg_gazetteer_is_common(a, words[i], strlen(words[i])));
    assert_true(eg_gazetteer_is_common(b, "reading", 7));
}

static int same_mentions(const eg_mentions *a, const eg_mentions *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const eg_mention *x = &a->m[i], *y = &b->m[i];
        if (x->entity != y->entity || x->start != y->start || x->end != y->end ||
            x->tok_start != y->tok_start || x->tok_end != y->tok_end ||
            x->sentence != y->sentence || x->ncand != y->ncand || x->demonym != y->demonym ||
            x->rule != y->rule)
            return 0;
    }
    return 1;
}

/* Every sample article, tagged by the compiled tables and by the same
 * tables mapped from an image: the same mentions, variants and surnames
 * (which only the resolver's indexes find) included. */
static void test_tagger_tables(void **state)
{
    (void)state;
    if (!eg_image_supported())
        skip();
    const char *gz[] = {SRCDIR "/gazetteers"};
    eg_resolve_opts ro;
    eg_resolve_defaults(&ro);
    char words[] = "/tmp/eg-test-words-XXXXXX";
    int fd = mkstemp(words);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "turkey\nchina\nreading\n", 21), 21);
    close(fd);
    eg_tagger_opts o = {gz, 1, words, NULL, 0, ro, 0, NULL, 0, NULL};
    eg_tagger *t = NULL;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_tagger_new(&o, &t, &err), EG_OK);
    unlink(words);
    assert_int_equal(t->gz->common.n, 3);

    char *path = temp_path();
    eg_imgw w;
    eg_imgw_init(&w);
    assert_int_equal(eg_gazetteer_save(t->gz, &w), 0);
    eg_matcher_save(t->matcher, &w);
    eg_resolver_save(t->resolver, &w);
    assert_int_equal(eg_imgw_write(&w, path, 99), 0);
    eg_imgw_free(&w);
    eg_image im;
    assert_int_equal(eg_image_open(&im, path, 99), 0);
    eg_gazetteer *g = NULL;
    eg_matcher *m = NULL;
    eg_resolver *r = NULL;
    assert_int_equal(eg_gazetteer_view(&im, &g), 0);
    same_entities(t->gz, g);
    assert_int_equal(eg_matcher_view(g, &im, &m), 0);
    assert_int_equal(eg_resolver_view(g, &ro, &im, &r), 0);
    assert_int_equal(eg_matcher_nstates(m), eg_matcher_nstates(t->matcher));
    eg_resolver *rf = NULL; /* a thread's fork of the mapped one */
    assert_int_equal(eg_resolver_fork(r, &rf, &err), EG_OK);

    eg_tagger mapped = *t;
    mapped.gz = g;
    mapped.matcher = m;
    eg_tagged a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    eg_text_init(&a.text);
    eg_text_init(&b.text);
    DIR *d = opendir(SRCDIR "/tests/corpus");
    assert_non_null(d);
    size_t docs = 0, mentions = 0, found = 0;
    /* the articles, then a text for the surname and spelling indexes */
    for (struct dirent *de = readdir(d);; de = de ? readdir(d) : NULL) {
        eg_buf text = EG_BUF_INIT;
        if (de && de->d_name[0] == '.')
            continue;
        if (de) {
            char file[4096];
            snprintf(file, sizeof file, "%s/tests/corpus/%s", SRCDIR, de->d_name);
            assert_int_equal(eg_read_all(file, NULL, 0, &text, &err), EG_OK);
        } else {
            static const char extra[] = "Prosecutor Karim Khan spoke. Khan said the court "
                                        "would act. Volodymyr Zelenskyy spoke; Zelenskky said so.";
            assert_int_equal(eg_buf_append(&text, extra, sizeof extra - 1), 0);
        }
        assert_int_equal(eg_tagger_tag(t, t->resolver, &a, text.data, text.len, &err), EG_OK);
        assert_int_equal(eg_tagger_tag(&mapped, docs % 2 ? r : rf, &b, text.data, text.len, &err),
                         EG_OK);
        assert_true(same_mentions(&a.mentions, &b.mentions));
        for (size_t i = 0; i < a.mentions.n; i++)
            found |= 1u << a.mentions.m[i].rule;
        docs++;
        mentions += a.mentions.n;
        eg_buf_free(&text);
        if (!de)
            break;
    }
    closedir(d);
    assert_true(docs >= 4);
    assert_true(mentions >= 100);
    /* surnames of people named in full and spelling variants are found
     * through the resolver's indexes */
    assert_true(found & (1u << EG_RULE_PARTIAL));
    assert_true(found & (1u << EG_RULE_VARIANT));

    eg_tagged_free(&a);
    eg_tagged_free(&b);
    eg_resolver_free(rf);
    eg_resolver_free(r);
    eg_matcher_free(m);
    eg_gazetteer_free(g);
    eg_image_close(&im);
    eg_tagger_free(t);
    remove_path(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_maps),
        cmocka_unit_test(test_sources_key),
        cmocka_unit_test(test_tagger_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
