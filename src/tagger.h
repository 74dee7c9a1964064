/*
 * tagger.h - the first stages bundled: gazetteers loaded and compiled,
 * then per document text -> match -> resolve. Used by `tag` and `build`.
 */
#ifndef EG_TAGGER_H
#define EG_TAGGER_H

#include "gazetteer.h"
#include "matcher.h"
#include "boilerplate.h"
#include "discover.h"
#include "registry.h"
#include "resolve.h"
#include "text.h"

typedef struct {
    const char *const *gazetteers; /* files or directories */
    size_t ngazetteers;
    const char *wordlist;          /* NULL: no common-word guard */
    const char *exclude_kinds;     /* comma-separated kinds to drop (media), or NULL */
    int skip_boilerplate;          /* drop mentions in prompts, credits, source lines */
    eg_resolve_opts resolve;
    int gazetteers_only;           /* load, but compile no matcher or resolver: for
                                      a reader of counts, which tags nothing */
    const char *cache_dir;         /* where large gazetteers are kept loaded and
                                      compiled (NULL: loaded every time); made
                                      when missing, with its parent, but no
                                      directory above (a missing home: no
                                      cache) */
    int discover;                  /* find names no gazetteer lists (discover.h) */
    const char *given_names;       /* for discovery: a list of given names, one a
                                      line (NULL: none) */
} eg_tagger_opts;

/* Gazetteers of this many aliases or more are kept in cache_dir as
 * loaded and compiled: loading and compiling 180,000 aliases (the
 * GeoNames cities) takes 0.3 s, checking the files and reading them back
 * 0.1 s. Smaller ones load faster than a cache would be checked. */
#define EG_TAGGER_IMAGE_MIN_ALIASES 50000

/* The cache directory keeps at most this many images, and this many
 * bytes of them: the most recently used ones (using an image marks it
 * used; one image holds whatever its size). A list of a million entries
 * makes an image of about 500 MB. */
#define EG_TAGGER_CACHE_IMAGES 4
#define EG_TAGGER_CACHE_BYTES ((uint64_t)1 << 30)

/* One document's analysis: what the stages made of it. Reused from one
 * document to the next (its arrays only grow); free with eg_tagged_free. */
typedef struct {
    eg_text text;
    eg_matches raw;
    eg_mentions mentions;
    eg_spans boiler;     /* boilerplate spans, with skip_boilerplate */
    eg_found found;      /* discovered names, with discover */
} eg_tagged;

typedef struct {
    eg_gazetteer *gz;
    eg_matcher *matcher;
    eg_resolver *resolver;
    eg_resolve_opts resolve;
    uint8_t *drop;       /* per entity, for resolve.drop; NULL when nothing is dropped */
    int skip_boilerplate;
    eg_tagged doc;       /* the last document of eg_tagger_run */
    eg_image image;      /* gz, matcher and resolver, when they came from cache_dir */
    eg_discoverer *discoverer; /* NULL without discover */
    eg_registry found;   /* the discovered entities of the documents numbered */
} eg_tagger;

/* Loads and compiles the gazetteers; *out is owned by the caller
 * (eg_tagger_free). Every gazetteer problem is reported, not just the
 * first. With a cache_dir, large gazetteers are taken from there, loaded
 * and compiled, when the same build read the same files (however their
 * paths are spelled), and written there when not (best effort,
 * atomically; older images are then evicted, see EG_TAGGER_CACHE_IMAGES). */
eg_status eg_tagger_new(const eg_tagger_opts *o, eg_tagger **out, eg_error *err);
/* Tags one document; results stay in t->doc until the next call. */
eg_status eg_tagger_run(eg_tagger *t, const char *data, size_t len, eg_error *err);
/* Tags one document into out, resolving with r: t->resolver, or a fork
 * of it (eg_resolver_fork) for each thread. t is only read, so threads
 * may share it, each with its own r and out. */
eg_status eg_tagger_tag(const eg_tagger *t, eg_resolver *r, eg_tagged *out, const char *data,
                        size_t len, eg_error *err);
/* Gives the discovered mentions of tg (tagged by t) their corpus-wide
 * entity numbers (registry.h). Call for every document in document
 * order, on one thread; eg_pipeline_run does. */
eg_status eg_tagger_number(eg_tagger *t, eg_tagged *tg, eg_error *err);
/* The entity of index i: a gazetteer entity, or a discovered one. */
static inline const eg_entity *eg_tagger_entity(const eg_tagger *t, uint32_t i)
{
    return i < t->found.base ? &t->gz->ent[i] : eg_registry_entity(&t->found, i);
}
/* Once every document is tagged: the discovered entities join t->gz, so
 * that the later stages see one entity table, in the order of their ids
 * (*perm, *n: as eg_registry_adopt). */
eg_status eg_tagger_adopt(eg_tagger *t, uint32_t **perm, size_t *n, eg_error *err);
void eg_tagger_free(eg_tagger *t);
void eg_tagged_free(eg_tagged *d);

#endif
