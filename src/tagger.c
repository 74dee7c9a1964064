/*
 * tagger.c - load gazetteers, compile the matcher, tag documents.
 */
#include <stdlib.h>

#include "tagger.h"

eg_status eg_tagger_new(const eg_tagger_opts *o, eg_tagger **out, eg_error *err)
{
    eg_tagger *t = calloc(1, sizeof *t);
    if (!t || !(t->gz = eg_gazetteer_new())) {
        free(t);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    eg_text_init(&t->text);
    t->resolve = o->resolve;
    eg_status st = EG_OK;
    /* load every source before giving up, so all problems are listed */
    for (size_t i = 0; i < o->ngazetteers; i++) {
        eg_status s = eg_gazetteer_load(t->gz, o->gazetteers[i], err);
        if (s != EG_OK && st == EG_OK)
            st = s;
    }
    if (st == EG_OK)
        st = eg_gazetteer_finish(t->gz, err);
    if (st == EG_OK && o->wordlist)
        st = eg_gazetteer_load_wordlist(t->gz, o->wordlist, err);
    if (st == EG_OK)
        st = eg_matcher_new(t->gz, &t->matcher, err);
    if (st != EG_OK) {
        eg_tagger_free(t);
        return st;
    }
    *out = t;
    return EG_OK;
}

eg_status eg_tagger_run(eg_tagger *t, const char *data, size_t len, eg_error *err)
{
    EG_CHECK(eg_text_analyze(&t->text, data, len, err));
    EG_CHECK(eg_matcher_run(t->matcher, &t->text, &t->raw, err));
    return eg_resolve(t->gz, &t->resolve, &t->text, &t->raw, &t->mentions, err);
}

void eg_tagger_free(eg_tagger *t)
{
    if (!t)
        return;
    eg_matcher_free(t->matcher);
    eg_gazetteer_free(t->gz);
    eg_text_free(&t->text);
    eg_matches_free(&t->raw);
    eg_mentions_free(&t->mentions);
    free(t);
}
