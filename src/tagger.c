/*
 * tagger.c - load gazetteers, compile the matcher, tag documents.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tagger.h"

/* Marks the entities whose kind is in the comma-separated list. A kind no
 * entity has is an error: it is most likely a typo. */
static eg_status mark_kinds(eg_tagger *t, const char *list, eg_error *err)
{
    const eg_gazetteer *gz = t->gz;
    t->drop = calloc(gz->nent ? gz->nent : 1, 1);
    if (!t->drop)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    eg_status st = EG_OK;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        size_t hits = 0;
        for (size_t i = 0; i < gz->nent; i++) {
            const char *k = gz->ent[i].kind;
            if (k && strlen(k) == n && memcmp(k, p, n) == 0) {
                t->drop[i] = 1;
                hits++;
            }
        }
        if (!hits)
            st = eg_error_add(err, EG_EUSAGE, "--exclude-kinds: no entity has the kind '%.*s'",
                              (int)n, p);
        p += n + (p[n] == ',');
    }
    t->resolve.drop = t->drop;
    return st;
}

/* ---- compiled tables kept in the cache directory ----
 *
 * The image holds the loaded gazetteer, the matcher and the resolver. Its
 * file is named after the sources and word list as given (and the
 * working directory), so that editing a gazetteer replaces its image
 * instead of adding one; the image is keyed on the name and bytes of
 * every file loaded, so an image of other content is never used. */

/* Whether every source is a regular file or a directory: a pipe or a
 * device cannot be read once for its key and again to load it. */
static int cacheable(const eg_tagger_opts *o)
{
    for (size_t i = 0; i <= o->ngazetteers; i++) {
        const char *p = i < o->ngazetteers ? o->gazetteers[i] : o->wordlist;
        struct stat sb;
        if (p && (stat(p, &sb) != 0 || !(S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))))
            return 0;
    }
    return 1;
}

/* The image's path; NULL when out of memory. */
static char *image_path(const eg_tagger_opts *o)
{
    eg_buf names = EG_BUF_INIT, path = EG_BUF_INIT;
    char *cwd = getcwd(NULL, 0);
    int fail = eg_buf_append(&names, cwd ? cwd : "", strlen(cwd ? cwd : "") + 1) != 0;
    free(cwd);
    for (size_t i = 0; i <= o->ngazetteers && !fail; i++) {
        const char *p = i < o->ngazetteers ? o->gazetteers[i] : o->wordlist ? o->wordlist : "";
        fail = eg_buf_append(&names, p, strlen(p) + 1) != 0;
    }
    if (!fail)
        fail = eg_buf_printf(&path, "%s/tagger-%016llx.img", o->cache_dir,
                             (unsigned long long)eg_hash(names.data, names.len)) != 0;
    eg_buf_free(&names);
    if (fail) {
        eg_buf_free(&path);
        return NULL;
    }
    return path.data;
}

/* Loads the gazetteers (every problem reported) and the word list. */
static eg_status load(eg_tagger *t, const eg_tagger_opts *o, eg_error *err)
{
    eg_status st = EG_OK;
    for (size_t i = 0; i < o->ngazetteers; i++) {
        eg_status s = eg_gazetteer_load(t->gz, o->gazetteers[i], err);
        if (s != EG_OK && st == EG_OK)
            st = s;
    }
    if (st == EG_OK)
        st = eg_gazetteer_finish(t->gz, err);
    if (st == EG_OK && o->wordlist)
        st = eg_gazetteer_load_wordlist(t->gz, o->wordlist, err);
    return st;
}

/* Replaces t->gz with the gazetteer of the image at path, which stays
 * mapped in t->image. Returns 0, or -1 (no such image; t as it was). */
static int map_gazetteer(eg_tagger *t, const char *path, uint64_t key)
{
    eg_gazetteer *g;
    if (eg_image_open(&t->image, path, key) != 0)
        return -1;
    if (eg_gazetteer_view(&t->image, &g) != 0) {
        eg_image_close(&t->image);
        return -1;
    }
    eg_gazetteer_free(t->gz);
    t->gz = g;
    return 0;
}

/* Writes what was loaded and compiled to the image at path. Best effort:
 * without it the next run compiles again. */
static void save_image(const eg_tagger *t, const char *path, uint64_t key)
{
    eg_imgw w;
    eg_imgw_init(&w);
    if (eg_gazetteer_save(t->gz, &w) == 0) {
        eg_matcher_save(t->matcher, &w);
        eg_resolver_save(t->resolver, &w);
        (void)eg_imgw_write(&w, path, key);
    }
    eg_imgw_free(&w);
}

eg_status eg_tagger_new(const eg_tagger_opts *o, eg_tagger **out, eg_error *err)
{
    eg_tagger *t = calloc(1, sizeof *t);
    if (!t || !(t->gz = eg_gazetteer_new())) {
        free(t);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    eg_text_init(&t->doc.text);
    eg_found_init(&t->doc.found);
    t->resolve = o->resolve;
    t->skip_boilerplate = o->skip_boilerplate;
    eg_status st = EG_OK;
    char *path = NULL;
    if (!o->gazetteers_only && o->cache_dir && eg_image_supported() && cacheable(o) &&
        !(path = image_path(o)))
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
    /* the files are read for their key only when there is an image to
     * check it against: small gazetteers have none */
    uint64_t key = path && access(path, F_OK) == 0
                       ? eg_gazetteer_sources_key(o->gazetteers, o->ngazetteers, o->wordlist)
                       : 0;
    int mapped = key && map_gazetteer(t, path, key) == 0;
    if (st == EG_OK && !mapped)
        st = load(t, o, err);
    if (st == EG_OK && o->exclude_kinds)
        st = mark_kinds(t, o->exclude_kinds, err);
    if (st == EG_OK && !o->gazetteers_only) {
        /* an image of this build and key always fits: only memory can run
         * out in the views, and compiling will say so */
        if (!mapped || eg_matcher_view(t->gz, &t->image, &t->matcher) != 0 ||
            eg_resolver_view(t->gz, &t->resolve, &t->image, &t->resolver) != 0) {
            eg_matcher_free(t->matcher);
            t->matcher = NULL;
            st = eg_matcher_new(t->gz, &t->matcher, err);
            if (st == EG_OK)
                st = eg_resolver_new(t->gz, &t->resolve, &t->resolver, err);
            /* keyed on the bytes that were loaded, not on the files as
             * they may be by now */
            if (st == EG_OK && path && !mapped && t->gz->nalias >= EG_TAGGER_IMAGE_MIN_ALIASES)
                save_image(t, path, eg_gazetteer_key(t->gz));
        }
    }
    free(path);
    if (st == EG_OK && o->discover && !o->gazetteers_only)
        st = eg_discoverer_new(t->gz, o->resolve.types, o->given_names, &t->discoverer, err);
    eg_registry_init(&t->found, (uint32_t)t->gz->nent);
    if (st != EG_OK) {
        eg_tagger_free(t);
        return st;
    }
    *out = t;
    return EG_OK;
}

eg_status eg_tagger_tag(const eg_tagger *t, eg_resolver *r, eg_tagged *out, const char *data,
                        size_t len, eg_error *err)
{
    EG_CHECK(eg_text_analyze(&out->text, data, len, err));
    EG_CHECK(eg_matcher_run(t->matcher, &out->text, &out->raw, err));
    if (t->discoverer)
        EG_CHECK(eg_discover_names(t->discoverer, &out->text, data, len, &out->raw, &out->found,
                                   err));
    EG_CHECK(eg_resolve(r, &out->text, &out->raw, &out->mentions, err));
    if (t->discoverer)
        EG_CHECK(eg_discover_mentions(t->discoverer, &out->text, data, len, &out->found,
                                      &out->mentions, err));
    if (!t->skip_boilerplate)
        return EG_OK;
    /* drop the mentions that start inside boilerplate (both lists are in
     * text order) */
    EG_CHECK(eg_boilerplate(data, len, &out->boiler, err));
    eg_mentions *ms = &out->mentions;
    size_t w = 0, s = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const eg_mention *m = &ms->m[i];
        while (s < out->boiler.n && out->boiler.s[s].end <= m->start)
            s++;
        if (s < out->boiler.n && out->boiler.s[s].start <= m->start)
            continue;
        ms->m[w++] = *m;
    }
    ms->n = w;
    return EG_OK;
}

eg_status eg_tagger_run(eg_tagger *t, const char *data, size_t len, eg_error *err)
{
    return eg_tagger_tag(t, t->resolver, &t->doc, data, len, err);
}

eg_status eg_tagger_number(eg_tagger *t, eg_tagged *tg, eg_error *err)
{
    if (!t->discoverer)
        return EG_OK;
    return eg_registry_add(&t->found, &tg->found, &tg->mentions, err);
}

eg_status eg_tagger_adopt(eg_tagger *t, uint32_t **perm, size_t *n, eg_error *err)
{
    return eg_registry_adopt(&t->found, t->gz, perm, n, err);
}

void eg_tagged_free(eg_tagged *d)
{
    eg_found_free(&d->found);
    eg_text_free(&d->text);
    eg_matches_free(&d->raw);
    eg_mentions_free(&d->mentions);
    eg_spans_free(&d->boiler);
}

void eg_tagger_free(eg_tagger *t)
{
    if (!t)
        return;
    eg_matcher_free(t->matcher);
    eg_resolver_free(t->resolver);
    eg_discoverer_free(t->discoverer);
    eg_registry_free(&t->found);
    eg_gazetteer_free(t->gz);
    eg_image_close(&t->image); /* after all that reads it */
    free(t->drop);
    eg_tagged_free(&t->doc);
    free(t);
}
