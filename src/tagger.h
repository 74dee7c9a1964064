/*
 * tagger.h - the first stages bundled: gazetteers loaded and compiled,
 * then per document text -> match -> resolve. Used by `tag` and `build`.
 */
#ifndef EG_TAGGER_H
#define EG_TAGGER_H

#include "gazetteer.h"
#include "matcher.h"
#include "boilerplate.h"
#include "resolve.h"
#include "text.h"

typedef struct {
    const char *const *gazetteers; /* files or directories */
    size_t ngazetteers;
    const char *wordlist;          /* NULL: no common-word guard */
    const char *exclude_kinds;     /* comma-separated kinds to drop (media), or NULL */
    int skip_boilerplate;          /* drop mentions in prompts, credits, source lines */
    eg_resolve_opts resolve;
} eg_tagger_opts;

typedef struct {
    eg_gazetteer *gz;
    eg_matcher *matcher;
    eg_resolver *resolver;
    eg_resolve_opts resolve;
    uint8_t *drop;       /* per entity, for resolve.drop; NULL when nothing is dropped */
    eg_text text;        /* of the last document tagged */
    eg_matches raw;
    eg_mentions mentions; /* of the last document tagged */
    int skip_boilerplate;
    eg_spans boiler;     /* scratch */
} eg_tagger;

/* Loads and compiles the gazetteers; *out is owned by the caller
 * (eg_tagger_free). Every gazetteer problem is reported, not just the
 * first. */
eg_status eg_tagger_new(const eg_tagger_opts *o, eg_tagger **out, eg_error *err);
/* Tags one document; results stay in t->text and t->mentions until the
 * next call. */
eg_status eg_tagger_run(eg_tagger *t, const char *data, size_t len, eg_error *err);
void eg_tagger_free(eg_tagger *t);

#endif
