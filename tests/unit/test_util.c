/* Buffers, hash maps, atomic files and the YAML writer's quoting. */
#include "testing.h"

#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic.h"
#include "util/buf.h"
#include "util/hmap.h"
#include "util/yamlw.h"

/* regression: reserving EG_BUF_MAX wrapped the size check and then looped */
static void test_buf_limits(void **state)
{
    eg_buf b = EG_BUF_INIT;
    assert_int_equal(eg_buf_reserve(&b, EG_BUF_MAX), -1);
    assert_int_equal(eg_buf_reserve(&b, (size_t)-1), -1);
    assert_int_equal(eg_buf_append(&b, "abc", 3), 0);
    assert_int_equal(eg_buf_printf(&b, "-%d", 42), 0);
    assert_string_equal(b.data, "abc-42");
    eg_buf_free(&b);
}

static void test_buf_clean(void **state)
{
    eg_buf b = EG_BUF_INIT;
    assert_int_equal(eg_buf_append_clean(&b, "a\t\n b\xff" "c\x01", 9), 0);
    assert_string_equal(b.data, "a b\xEF\xBF\xBD" "c ");
    eg_buf_free(&b);
}

static void test_strmap(void **state)
{
    eg_strmap m;
    eg_strmap_init(&m);
    char key[32];
    for (uint32_t i = 0; i < 10000; i++) {
        int n = snprintf(key, sizeof key, "k%u", i);
        assert_int_equal(eg_strmap_put(&m, key, (size_t)n, i, NULL), 1);
    }
    uint32_t v, out;
    assert_int_equal(eg_strmap_put(&m, "k7", 2, 99, &out), 0);
    assert_int_equal(out, 7);
    for (uint32_t i = 0; i < 10000; i += 997) {
        int n = snprintf(key, sizeof key, "k%u", i);
        assert_true(eg_strmap_get(&m, key, (size_t)n, &v));
        assert_int_equal(v, i);
    }
    assert_false(eg_strmap_get(&m, "nope", 4, &v));
    size_t len;
    const char *k = eg_strmap_key(&m, 3, &len); /* insertion order */
    assert_int_equal(len, 2);
    assert_memory_equal(k, "k3", 2);
    eg_strmap_free(&m);
}

/* Keys of every length from 0 to 40, with NUL bytes inside, looked up
 * through both paths: the padded one must ignore what follows the key,
 * and tell apart keys that differ only in their last byte or length. */
static void test_strmap_padded(void **state)
{
    eg_strmap m;
    eg_strmap_init(&m);
    char keys[41][48];
    for (int n = 0; n <= 40; n++) {
        for (int i = 0; i < n; i++)
            keys[n][i] = (char)(i % 7 == 3 ? 0 : 'a' + (n * 31 + i * 7) % 26);
        assert_int_equal(eg_strmap_put(&m, keys[n], (size_t)n, (uint32_t)n + 100, NULL), 1);
    }
    for (int n = 0; n <= 40; n++) {
        /* the key at an odd address, then 8 bytes of junk */
        char buf[64];
        memcpy(buf + 1, keys[n], (size_t)n);
        memset(buf + 1 + n, 0x5A, 8);
        uint32_t v = 0, w = 0;
        assert_true(eg_strmap_get(&m, buf + 1, (size_t)n, &v));
        assert_true(eg_strmap_get_padded(&m, buf + 1, (size_t)n, &w));
        assert_int_equal(v, (uint32_t)n + 100);
        assert_int_equal(w, v);
        assert_int_equal(eg_hash(buf + 1, (size_t)n), eg_hash(keys[n], (size_t)n));
        if (n > 0) {
            buf[n] ^= 1; /* the last byte */
            assert_false(eg_strmap_get_padded(&m, buf + 1, (size_t)n, &w));
            assert_false(eg_strmap_get(&m, buf + 1, (size_t)n, &w));
            buf[n] ^= 1;
            /* a prefix of the key (the junk is not part of it) */
            if (n >= 2)
                assert_false(eg_strmap_get_padded(&m, buf + 1, (size_t)n - 1, &w));
        }
    }
    eg_strmap_free(&m);
}

static void test_u64map(void **state)
{
    eg_u64map m;
    eg_u64map_init(&m);
    for (uint64_t i = 0; i < 5000; i++)
        assert_int_equal(eg_u64map_put(&m, i << 32 | (i * 7), (uint32_t)i, NULL), 1);
    uint32_t v;
    assert_true(eg_u64map_get(&m, (uint64_t)1234 << 32 | (1234 * 7), &v));
    assert_int_equal(v, 1234);
    assert_false(eg_u64map_get(&m, 1, &v));
    eg_u64map_free(&m);
}

static void test_atomic(void **state)
{
    char dir[] = "/tmp/eg-test-atomic-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/f.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old", fp);
    fclose(fp);
    eg_error err;
    eg_error_init(&err);
    /* aborted: the old file stays, no temporary is left */
    eg_atomic af;
    assert_int_equal(eg_atomic_open(&af, path, &err), EG_OK);
    fputs("half", af.fp);
    eg_atomic_abort(&af);
    char buf[16] = {0};
    fp = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "old");
    /* finished but not yet renamed: still the old file */
    assert_int_equal(eg_atomic_open(&af, path, &err), EG_OK);
    fputs("new", af.fp);
    assert_int_equal(eg_atomic_finish(&af, &err), EG_OK);
    fp = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "old");
    assert_int_equal(eg_atomic_rename(&af, &err), EG_OK);
    fp = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "new");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(sb.st_mode & 0777, 0666 & ~mask); /* not mkstemp's 0600 */
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* nothing else was left behind */
    /* a missing directory is reported with the path */
    eg_error_init(&err);
    assert_int_equal(eg_atomic_open(&af, "/nonexistent-dir/x", &err), EG_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x: cannot create"));
}

/* Strings a YAML parser would read as booleans, nulls or numbers are
 * double-quoted; names, including those that start like one of those
 * words (Norway, India, Ottawa, Tbilisi), are plain. */
static void test_yaml_quoting(void **state)
{
    static const char *const quoted[] = {"yes", "Yes", "NO", "n", "Y", "on", "Off", "true",
                                         "False", "null", "~", "1.5", "-3", "+2", ".5", "inf",
                                         "Infinity", "nan", "NaN", ".inf", "0x1F", "12:30",
                                         "1_000", "", " 12"};
    static const char *const plain[] = {"Paris", "Norway", "India", "Ottawa", "Tbilisi", "Fiji",
                                        "Yemen", "Nauru", "Oman", "Iran", "Italy", "nation",
                                        "infantry", "yesterday", "office", "Kyrgyzstan", "Zug"};
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_non_null(fp);
    eg_yamlw w;
    assert_int_equal(eg_yamlw_open(&w, fp), 0);
    eg_yamlw_doc_start(&w);
    eg_yamlw_seq_start(&w, 0);
    eg_yamlw_str(&w, "first"); /* so that every line checked follows a line break */
    for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++)
        eg_yamlw_str(&w, quoted[i]);
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        eg_yamlw_str(&w, plain[i]);
    eg_yamlw_seq_end(&w);
    eg_yamlw_doc_end(&w);
    assert_int_equal(eg_yamlw_close(&w, NULL), 0);
    fclose(fp);
    char line[64];
    for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++) {
        snprintf(line, sizeof line, "\n- \"%s\"\n", quoted[i]);
        if (!strstr(text, line))
            fail_msg("not quoted: '%s' in\n%s", quoted[i], text);
    }
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        snprintf(line, sizeof line, "\n- %s\n", plain[i]);
        if (!strstr(text, line))
            fail_msg("not plain: '%s' in\n%s", plain[i], text);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_limits), cmocka_unit_test(test_buf_clean),
        cmocka_unit_test(test_strmap),     cmocka_unit_test(test_strmap_padded),
        cmocka_unit_test(test_u64map),
        cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_yaml_quoting),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
