/* A tagger built from gazetteer YAML and a word list given as strings,
 * for the unit tests of the tagging stages. */
#ifndef EG_TEST_FIXTURE_H
#define EG_TEST_FIXTURE_H

#include <unistd.h>

#include "testing.h"
#include "tagger.h"

/* Writes text to a new file made from the mkstemp template path. */
static inline void fixture_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* The caller frees the tagger (eg_tagger_free); a load error fails the
 * test with its message. */
static inline eg_tagger *fixture_tagger(const char *gaz, const char *words, eg_resolve_opts r)
{
    char path[] = "/tmp/eg-test-gaz-XXXXXX", wpath[] = "/tmp/eg-test-words-XXXXXX";
    fixture_file(path, gaz);
    fixture_file(wpath, words);
    const char *gz[] = {path};
    eg_tagger_opts o = {gz, 1, wpath, NULL, 0, r, 0, NULL};
    eg_tagger *t = NULL;
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_tagger_new(&o, &t, &err);
    unlink(path);
    unlink(wpath);
    if (st != EG_OK)
        fail_msg("%s", err.msg);
    return t;
}

#endif
