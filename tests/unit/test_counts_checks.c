/* What count records may hold, checked alike by merge and by build
 * --from-counts: a read error or a line without end is no end of file,
 * sums never wrap, dates and periods exist, offsets fit a document. And
 * the bounded line readers under them (util/fs.h), and the word list's. */
#include "testing.h"

#include <errno.h>
#include <unistd.h>

#include "counts.h"
#include "util/fs.h"

static const char GAZ[] = "- id: russia\n  label: Russia\n  type: country\n"
                          "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n";
static const char PARAMS[] = "# demonyms\tcounted\n# evidence\t1\n# period\tmonth\n"
                             "# window\tsentence\n";

static eg_gazetteer *G;
static eg_error E;

static int setup(void **state)
{
    char path[] = "/tmp/eg-test-counts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, GAZ, sizeof GAZ - 1), (ssize_t)(sizeof GAZ - 1));
    close(fd);
    eg_error_init(&E);
    G = eg_gazetteer_new();
    assert_int_equal(eg_gazetteer_load(G, path, &E), EG_OK);
    assert_int_equal(eg_gazetteer_finish(G, &E), EG_OK);
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    eg_gazetteer_free(G);
    return 0;
}

/* ---- streams that fail, or never end ---- */

typedef struct {
    const char *text; /* served first */
    size_t len, at;
    int then;         /* after text: 'e' a read error, 'x' x bytes until cap */
    size_t served, cap;
} stream;

static ssize_t stream_read(void *cookie, char *buf, size_t n)
{
    stream *s = cookie;
    if (s->at < s->len) {
        size_t k = s->len - s->at < n ? s->len - s->at : n;
        memcpy(buf, s->text + s->at, k);
        s->at += k;
        s->served += k;
        return (ssize_t)k;
    }
    if (s->then == 'e') {
        errno = EIO;
        return -1;
    }
    if (s->served >= s->cap)
        return 0;
    size_t k = s->cap - s->served < n ? s->cap - s->served : n;
    memset(buf, 'x', k);
    s->served += k;
    return (ssize_t)k;
}

static FILE *stream_open(stream *s)
{
    cookie_io_functions_t io = {stream_read, NULL, NULL, NULL};
    FILE *fp = fopencookie(s, "r", io);
    assert_non_null(fp);
    return fp;
}

static eg_status merge_stream(stream *s, char **out, size_t *out_len)
{
    FILE *in = stream_open(s);
    FILE *fo = open_memstream(out, out_len);
    eg_error_init(&E);
    eg_status st = eg_counts_merge(in, "in", fo, "out", &E);
    fclose(in);
    fclose(fo);
    return st;
}

static eg_status read_stream(stream *s)
{
    FILE *in = stream_open(s);
    eg_cooccur *c = eg_cooccur_new(G->nent, (eg_window){EG_WIN_SENTENCE, 0});
    eg_registry found;
    eg_registry_init(&found, (uint32_t)G->nent);
    eg_counts_params p;
    eg_error_init(&E);
    eg_status st = eg_counts_read(in, "in", G, &found, c, &p, &E);
    if (st == EG_OK)
        eg_counts_params_free(&p);
    eg_registry_free(&found);
    eg_cooccur_free(c);
    fclose(in);
    return st;
}

/* regression: a failing read (getline out of memory) was taken for the
 * end of the input, and the records read so far for all of them */
static void test_read_error_is_no_end(void **state)
{
    const char *text = "# demonyms\tcounted\n# evidence\t1\n# period\tmonth\n";
    stream s = {text, strlen(text), 0, 'e', 0, 0};
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(merge_stream(&s, &out, &n), EG_EIO);
    free(out);
    assert_non_null(strstr(E.msg, "in:4: cannot read"));
    stream r = {text, strlen(text), 0, 'e', 0, 0};
    assert_int_equal(read_stream(&r), EG_EIO);
    assert_non_null(strstr(E.msg, "in:4: cannot read"));
}

/* regression: a line without end (merge /dev/zero) was read whole, as
 * long as memory lasted; now the reading stops at the record limit */
static void test_endless_record_stops_at_limit(void **state)
{
    const char *text = "# demonyms\tcounted\n";
    size_t cap = EG_COUNTS_MAX_RECORD + ((size_t)32 << 20);
    stream s = {text, strlen(text), 0, 'x', 0, cap};
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(merge_stream(&s, &out, &n), EG_EINPUT);
    free(out);
    assert_non_null(strstr(E.msg, "in:2: a record longer than 64 MiB"));
    assert_true(s.served < EG_COUNTS_MAX_RECORD + ((size_t)1 << 20));
    stream r = {text, strlen(text), 0, 'x', 0, cap};
    assert_int_equal(read_stream(&r), EG_EINPUT);
    assert_non_null(strstr(E.msg, "in:2: a record longer than 64 MiB"));
    assert_true(r.served < EG_COUNTS_MAX_RECORD + ((size_t)1 << 20));
}

/* regression: eg_read_line skipped the rest of a line over its limit,
 * so tag --jsonl /dev/zero read forever */
static void test_read_line_stops_at_limit(void **state)
{
    stream s = {"{}\r\n", 4, 0, 'x', 0, (size_t)16 << 20};
    FILE *fp = stream_open(&s);
    eg_buf line = EG_BUF_INIT;
    assert_int_equal(eg_read_line(fp, 1 << 20, &line), 1);
    assert_string_equal(line.data, "{}"); /* CRLF goes */
    assert_int_equal(eg_read_line(fp, 1 << 20, &line), -2);
    assert_true(s.served < ((size_t)1 << 20) + 65536);
    fclose(fp);
    /* the raw reader keeps the CR; the end of the file is 0 */
    stream t = {"a\r\nb", 4, 0, 'x', 0, 4};
    fp = stream_open(&t);
    assert_int_equal(eg_read_line_raw(fp, 10, &line), 1);
    assert_int_equal(line.len, 2);
    assert_int_equal(eg_read_line_raw(fp, 10, &line), 1);
    assert_string_equal(line.data, "b");
    assert_int_equal(eg_read_line_raw(fp, 10, &line), 0);
    fclose(fp);
    eg_buf_free(&line);
}

/* ---- one parser, one way of adding up ---- */

static eg_status merge_text(const char *text, char **out, size_t *n)
{
    stream s = {text, strlen(text), 0, 'x', 0, 0};
    *out = NULL;
    return merge_stream(&s, out, n);
}

static eg_status read_text(const char *text)
{
    stream s = {text, strlen(text), 0, 'x', 0, 0};
    return read_stream(&s);
}

/* PARAMS then body; both merge and read must refuse it, naming line
 * 4 + at and saying why */
static void both_refuse(const char *body, int at, const char *why)
{
    char text[1024], where[64];
    snprintf(text, sizeof text, "%s%s", PARAMS, body);
    snprintf(where, sizeof where, "in:%d: %s", 4 + at, why);
    char *out;
    size_t n;
    eg_status st = merge_text(text, &out, &n);
    free(out);
    if (st != EG_EINPUT || !strstr(E.msg, where))
        fail_msg("merge of '%s': %d '%s', not '%s'", body, st, E.msg, where);
    st = read_text(text);
    if (st != EG_EINPUT || !strstr(E.msg, where))
        fail_msg("read of '%s': %d '%s', not '%s'", body, st, E.msg, where);
}

static void both_take(const char *body)
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s", PARAMS, body);
    char *out;
    size_t n;
    eg_status st = merge_text(text, &out, &n);
    free(out);
    if (st != EG_OK)
        fail_msg("merge of '%s': %s", body, E.msg);
    if (read_text(text) != EG_OK)
        fail_msg("read of '%s': %s", body, E.msg);
}

/* regression: build --from-counts added without checking, so
 * 2^64 - 1 more mentions made 2 (merge said the sum overflows) */
static void test_sums_never_wrap(void **state)
{
    const char *ovf = "a count that overflows", *docs = "too many documents";
    both_refuse("E russia\t18446744073709551615 0 0 0 0 0\nE russia\t3 0 3 3 0 0\n", 2, ovf);
    both_refuse("E russia\t1 18446744073709551615 0 0 0 0\nE russia\t1 1 0 0 0 0\n", 2, ovf);
    both_refuse("E russia\t3 0 3 4294967295 0 0\nE russia\t3 0 3 1 0 0\n", 2, docs);
    both_refuse("E russia\t3 0 3 18446744073709551615 0 0\n", 1, docs);
    both_refuse("E russia\t3 0 3 3 0 0\nE russia\t3 0 3 18446744073709551615 0 0\n", 2, docs);
    both_refuse("P kyrgyzstan russia\t18446744073709551615 1 0 0\n"
                "P kyrgyzstan russia\t1 1 0 0\n", 2, ovf);
    both_refuse("P kyrgyzstan russia\t1 18446744073709551615 0 0\n", 1, docs);
    both_refuse("C bytes\t18446744073709551615\nC bytes\t8626\n", 2, ovf);
    both_refuse("C documents\t18446744073709551615\n", 1, docs);
    both_refuse("C dated\t4294967295\nC dated\t1\n", 2, docs);
    both_refuse("F russia Russia\t18446744073709551615\nF russia Russia\t1\n", 2, ovf);
    both_refuse("T russia 202410\t18446744073709551615\nT russia 202410\t1\n", 2, ovf);
    both_refuse("U kyrgyzstan russia 202410\t18446744073709551615\n"
                "U kyrgyzstan russia 202410\t1\n", 2, ovf);
    both_refuse("D d:x\t18446744073709551615 0 0 0\tX\nD d:x\t1 0 0 0\tX\n", 2, ovf);
    /* up to the limit, exactly */
    both_take("E russia\t18446744073709551614 0 0 4294967294 0 0\nE russia\t1 0 0 1 0 0\n");
    both_take("C documents\t4294967295\n");
}

/* regression: merge took month 13 and offsets up to 2^32 - 1; build
 * then read past the table of month lengths */
static void test_dates_periods_offsets(void **state)
{
    const char *month = "a timeline period that is not a month (YYYYMM)";
    both_refuse("T russia 202413\t1\n", 1, month);
    both_refuse("T russia 202400\t1\n", 1, month);
    both_refuse("U kyrgyzstan russia 2024100\t1\n", 1, month);
    both_take("T russia 202412\t1\nU kyrgyzstan russia 999912\t1\n");
    both_refuse("E russia\t1 0 1 1 20241399 20241399\n", 1, "a date that is not YYYYMMDD");
    both_refuse("E russia\t1 0 1 1 20230229 20230229\n", 1, "a date that is not YYYYMMDD");
    both_refuse("P kyrgyzstan russia\t1 1 20241012 20241032\n", 1, "a date that is not YYYYMMDD");
    both_refuse("C first-date\t20241301\n", 1, "a date that is not YYYYMMDD");
    both_take("C first-date\t20240229\nE russia\t1 0 1 1 20240229 20241231\n");
    /* a record's dates are a span, or none: merge and read combine them
     * alike only then */
    both_refuse("E russia\t1 0 1 1 20241012 20241011\n", 1, "dates that are not FIRST <= LAST");
    both_refuse("P kyrgyzstan russia\t1 1 0 20241012\n", 1, "dates that are not FIRST <= LAST");
    both_refuse("V kyrgyzstan russia\t4294967295\t4294967295\td\tt\n", 1,
                "evidence offsets out of range");
    both_refuse("V kyrgyzstan russia\t0\t2147483648\td\tt\n", 1, "evidence offsets out of range");
    both_take("V kyrgyzstan russia\t0\t2146435072\td\tt\n"); /* EG_MAX_DOC_LIMIT */
    /* other periods: weeks to 52 or 53, days that exist, years 1 to 9999 */
    static const struct {
        const char *kind, *bad, *good, *why;
    } per[] = {
        {"week", "202453", "202053", "not an ISO week"},
        {"week", "202400", "202401", "not an ISO week"},
        {"day", "20240230", "20240229", "not a day"},
        {"year", "10000", "9999", "not a year"},
        {"year", "0", "1", "not a year"},
    };
    for (size_t i = 0; i < sizeof per / sizeof *per; i++) {
        char text[512], where[64], *out;
        size_t n;
        snprintf(text, sizeof text,
                 "# demonyms\tcounted\n# evidence\t1\n# period\t%s\n# window\tsentence\n"
                 "T russia %s\t1\n",
                 per[i].kind, per[i].bad);
        snprintf(where, sizeof where, "in:5: a timeline period that is %s", per[i].why);
        assert_int_equal(merge_text(text, &out, &n), EG_EINPUT);
        free(out);
        assert_non_null(strstr(E.msg, where));
        assert_int_equal(read_text(text), EG_EINPUT);
        assert_non_null(strstr(E.msg, where));
        snprintf(text, sizeof text,
                 "# demonyms\tcounted\n# evidence\t1\n# period\t%s\n# window\tsentence\n"
                 "T russia %s\t1\n",
                 per[i].kind, per[i].good);
        if (merge_text(text, &out, &n) != EG_OK)
            fail_msg("%s %s: %s", per[i].kind, per[i].good, E.msg);
        free(out);
        if (read_text(text) != EG_OK)
            fail_msg("%s %s: %s", per[i].kind, per[i].good, E.msg);
    }
    /* a timeline before its period: merge too cannot check it */
    char *out;
    size_t n;
    assert_int_equal(merge_text("T russia 202410\t1\n", &out, &n), EG_EINPUT);
    free(out);
    assert_non_null(strstr(E.msg, "in:1: a timeline record before the '# period' parameter"));
}

/* ---- the word list ---- */

/* regression: --wordlist /dev/zero read 2 GB before failing */
static void test_wordlist_bounded(void **state)
{
    char path[] = "/tmp/eg-test-wl-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("china\n", fp);
    for (int i = 0; i < EG_WORDLIST_LINE_MAX + 1; i++)
        fputc('a', fp);
    fputs("\nrussia\n", fp);
    fclose(fp);
    eg_gazetteer *g = eg_gazetteer_new();
    eg_error_init(&E);
    assert_int_equal(eg_gazetteer_load_wordlist(g, path, &E), EG_EINPUT);
    char where[128];
    snprintf(where, sizeof where, "%s:2: a line longer than 4096 bytes", path);
    assert_non_null(strstr(E.msg, where));
    assert_non_null(strstr(E.msg, "not a word list"));
    eg_gazetteer_free(g);
    /* a line of exactly the limit, CRLF or not, is fine */
    fp = fopen(path, "w");
    for (int i = 0; i < EG_WORDLIST_LINE_MAX; i++)
        fputc('b', fp);
    fputs("\r\nchina\n", fp);
    for (int i = 0; i < EG_WORDLIST_LINE_MAX; i++)
        fputc('c', fp);
    fclose(fp);
    g = eg_gazetteer_new();
    eg_error_init(&E);
    assert_int_equal(eg_gazetteer_load_wordlist(g, path, &E), EG_OK);
    assert_true(eg_gazetteer_is_common(g, "china", 5));
    eg_gazetteer_free(g);
    unlink(path);
    /* a file of no line breaks: the limit of a line, not of the file */
    g = eg_gazetteer_new();
    eg_error_init(&E);
    assert_int_equal(eg_gazetteer_load_wordlist(g, "/dev/zero", &E), EG_EINPUT);
    assert_non_null(strstr(E.msg, "/dev/zero:1: a line longer than 4096 bytes"));
    eg_gazetteer_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_error_is_no_end),
        cmocka_unit_test(test_endless_record_stops_at_limit),
        cmocka_unit_test(test_read_line_stops_at_limit),
        cmocka_unit_test(test_sums_never_wrap),
        cmocka_unit_test(test_dates_periods_offsets),
        cmocka_unit_test(test_wordlist_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
