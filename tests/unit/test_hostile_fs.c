/* Files that change or are not what they seem, at the file-system
 * layer: an image truncated while a process uses it, FIFOs and untrusted
 * files where a cache is expected, the directories a cache may make, and
 * the temporaries a killed run left. A hang fails too: every test runs
 * under an alarm. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "testing.h"

#include "util/atomic.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/image.h"

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

static void set_age(const char *path, time_t seconds)
{
    struct timespec t[2];
    t[0].tv_sec = t[1].tv_sec = time(NULL) - seconds;
    t[0].tv_nsec = t[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
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

/* regression: the image was mapped from its file, so a truncation while
 * a build used it raised SIGBUS on the next read of a lost page */
static void test_image_truncated_in_use(void **state)
{
    (void)state;
    if (!eg_image_supported())
        skip();
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = fmt("%s/t.img", dir, NULL);
    size_t n = (size_t)4 << 20;
    unsigned char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (unsigned char)(i * 131 + 7);
    eg_imgw w;
    eg_imgw_init(&w);
    eg_imgw_put(&w, "head", 4);
    eg_imgw_put(&w, big, n);
    assert_int_equal(eg_imgw_write(&w, path, 5), 0);
    eg_imgw_free(&w);

    eg_image im;
    assert_int_equal(eg_image_open(&im, path, 5), 0);
    const char *head = eg_image_take(&im, 4);
    const unsigned char *back = eg_image_take(&im, n);
    assert_non_null(head);
    assert_non_null(back);
    /* the tables are in use when another process truncates the file */
    assert_int_equal(truncate(path, 64), 0);
    assert_memory_equal(back, big, n); /* SIGBUS when mapped from the file */
    assert_memory_equal(head, "head", 4);  /* zeros when mapped */
    eg_image_close(&im);
    /* and what is left of it is no image */
    assert_int_equal(eg_image_open(&im, path, 5), -1);
    unlink(path);
    rmdir(dir);
    free(path);
    free(big);
}

/* The image and the caches are opened without waiting on a FIFO, and a
 * cache is believed only from this user or root, written by no one else. */
static void test_open_checks(void **state)
{
    (void)state;
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = fmt("%s/tagger-0123456789abcdef.img", dir, NULL);
    char *file = fmt("%s/f", dir, NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    write_file(file, "bytes\n");
    chmod(file, 0644);
    eg_error err;
    eg_error_init(&err);
    eg_image im;
    assert_int_equal(eg_image_open(&im, fifo, 1), -1); /* at once: it does not wait */
    assert_int_equal(eg_open_read(AT_FDCWD, fifo, "the fifo", EG_OPEN_REGULAR, &err), -1);
    assert_non_null(strstr(err.msg, "the fifo: not a regular file"));
    eg_buf b = EG_BUF_INIT;
    eg_error_init(&err);
    assert_int_equal(eg_read_file(AT_FDCWD, fifo, fifo, EG_OPEN_REGULAR, 0, &b, &err), EG_EIO);
    assert_int_equal(eg_read_file(AT_FDCWD, dir, dir, EG_OPEN_REGULAR, 0, &b, &err), EG_EIO);
    eg_error_init(&err);
    assert_int_equal(eg_read_file(AT_FDCWD, file, file, EG_OPEN_TRUSTED, 0, &b, &err), EG_OK);
    assert_string_equal(b.data, "bytes\n");
    chmod(file, 0664);
    assert_int_equal(eg_read_file(AT_FDCWD, file, file, EG_OPEN_TRUSTED, 0, &b, &err), EG_EIO);
    assert_non_null(strstr(err.msg, "writable by group or others"));
    assert_int_equal(eg_read_file(AT_FDCWD, file, file, EG_OPEN_REGULAR, 0, &b, &err), EG_OK);
    chmod(file, 0646);
    assert_int_equal(eg_read_file(AT_FDCWD, file, file, EG_OPEN_TRUSTED, 0, &b, &err), EG_EIO);
    chmod(file, 0644);
    if (geteuid() == 0) {
        assert_int_equal(chown(file, 65534, 65534), 0);
        eg_error_init(&err);
        assert_int_equal(eg_read_file(AT_FDCWD, file, file, EG_OPEN_TRUSTED, 0, &b, &err),
                         EG_EIO);
        assert_non_null(strstr(err.msg, "owned by another user"));
    }
    eg_buf_free(&b);
    unlink(fifo);
    unlink(file);
    rmdir(dir);
    free(fifo);
    free(file);
}

/* regression: the cache set-up made every missing directory of its path,
 * a home that does not exist included */
static void test_make_dir(void **state)
{
    (void)state;
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *home = fmt("%s/home", dir, NULL);
    char *cache = fmt("%s/home/.cache/entigraph", dir, NULL);
    char *dotcache = fmt("%s/home/.cache", dir, NULL);
    assert_int_equal(eg_make_dir(cache, 2, 0700), -1);
    struct stat sb;
    assert_int_equal(stat(home, &sb), -1);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(eg_make_dir(cache, 2, 0700), 0);
    assert_int_equal(stat(cache, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_int_equal(eg_make_dir(cache, 0, 0700), 0); /* there already */
    char *file = fmt("%s/file", dir, NULL);
    write_file(file, "x");
    assert_int_equal(eg_make_dir(file, 2, 0700), -1);
    rmdir(cache);
    rmdir(dotcache);
    rmdir(home);
    unlink(file);
    rmdir(dir);
    free(home);
    free(cache);
    free(dotcache);
    free(file);
}

/* regression: kill -9 left FILE.XXXXXX temporaries for ever; the next
 * write of FILE removes the stale ones, not a live writer's */
static void test_stale_temps(void **state)
{
    (void)state;
    char dir[] = "/tmp/eg-test-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *out = fmt("%s/graph.dot", dir, NULL);
    char *stale = fmt("%s/graph.dot.Ab12Cd", dir, NULL);
    char *fresh = fmt("%s/graph.dot.Fresh1", dir, NULL);
    char *held = fmt("%s/graph.dot.Held99", dir, NULL);
    char *other = fmt("%s/graph.dots.Ab12Cd", dir, NULL);
    char *longer = fmt("%s/graph.dot.Ab12Cde", dir, NULL);
    const char *all[] = {stale, fresh, held, other, longer};
    for (int i = 0; i < 5; i++) {
        write_file(all[i], "partial");
        if (i != 1)
            set_age(all[i], 7200);
    }
    int hfd = open(held, O_RDONLY);
    assert_true(hfd >= 0);
    assert_int_equal(flock(hfd, LOCK_EX), 0);
    assert_true(eg_is_temp_of("graph.dot.Ab12Cd", "graph.dot"));
    assert_false(eg_is_temp_of("graph.dot.Ab12C", "graph.dot"));
    assert_false(eg_is_temp_of("graph.dot.Ab-2Cd", "graph.dot"));

    eg_atomic af;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_atomic_open(&af, out, &err), EG_OK);
    /* the new temporary is locked while it is written: a run starting
     * now leaves it alone, however old it grows */
    set_age(af.tmp, 7200);
    assert_int_equal(eg_remove_stale_temps_of(out, EG_TEMP_STALE_AGE), 0);
    fputs("digraph {}\n", af.fp);
    assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
    struct stat sb;
    assert_int_equal(stat(stale, &sb), -1);
    assert_int_equal(stat(fresh, &sb), 0);
    assert_int_equal(stat(held, &sb), 0);
    assert_int_equal(stat(other, &sb), 0);
    assert_int_equal(stat(longer, &sb), 0);
    assert_int_equal(stat(out, &sb), 0);
    close(hfd); /* its writer died: stale now */
    assert_int_equal(eg_remove_stale_temps_of(out, EG_TEMP_STALE_AGE), 1);
    assert_int_equal(stat(held, &sb), -1);
    for (int i = 0; i < 5; i++)
        unlink(all[i]);
    unlink(out);
    assert_int_equal(rmdir(dir), 0);
    free(out);
    free(stale);
    free(fresh);
    free(held);
    free(other);
    free(longer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_image_truncated_in_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_temps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
