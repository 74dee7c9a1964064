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
    eg_tagger_opts o = {gz, 1, wpath, NULL, 0, r, 0, NULL, 0, NULL};
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

/* Fails unless b holds what a holds: every entity and alias field, ids
 * that find the same entities, and as many common words. */
static inline void fixture_same_gazetteer(const eg_gazetteer *a, const eg_gazetteer *b)
{
#define SAME_STR(x, y) \
    assert_true(((x) == NULL && (y) == NULL) || ((x) && (y) && strcmp((x), (y)) == 0))
    assert_int_equal(a->nent, b->nent);
    assert_int_equal(a->nalias, b->nalias);
    for (size_t i = 0; i < a->nent; i++) {
        const eg_entity *x = &a->ent[i], *y = &b->ent[i];
        SAME_STR(x->id, y->id);
        SAME_STR(x->label, y->label);
        SAME_STR(x->wikidata, y->wikidata);
        SAME_STR(x->kind, y->kind);
        SAME_STR(x->country, y->country);
        assert_int_equal(x->type, y->type);
        assert_int_equal(x->has_prior, y->has_prior);
        assert_true(x->prior == y->prior);
        assert_string_equal(x->file, y->file);
        assert_int_equal(x->line, y->line);
        assert_int_equal(eg_gazetteer_find(b, x->id), (long)i);
    }
    for (size_t i = 0; i < a->nalias; i++) {
        const eg_alias *x = &a->alias[i], *y = &b->alias[i];
        assert_int_equal(x->entity, y->entity);
        assert_int_equal(x->flags, y->flags);
        assert_string_equal(x->text, y->text);
        assert_string_equal(x->file, y->file);
        assert_int_equal(x->line, y->line);
        assert_int_equal(x->col, y->col);
    }
    assert_int_equal(a->common.n, b->common.n);
#undef SAME_STR
}

#endif
