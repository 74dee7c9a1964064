/*
 * tagger.c - load gazetteers, compile the matcher, tag documents.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tagger.h"
#include "util/fs.h"

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
 * file is named after the canonical paths (realpath) of the sources and
 * the word list, so that every spelling of the same sources from every
 * working directory finds one image, and editing a gazetteer replaces
 * its image instead of adding one; the image is keyed on the canonical
 * name and bytes of every file loaded, so an image of other content is
 * never used, and the names a run's messages give are its own spelling.
 *
 * The directory is bounded: after an image is written, only the
 * EG_TAGGER_CACHE_IMAGES most recently used images that fit in
 * EG_TAGGER_CACHE_BYTES are kept (using an image marks it used). It is
 * made when missing, with its parent (~/.cache), never more: a home that
 * does not exist is not made, and the run goes on without a cache. The
 * temporaries of killed runs are removed on the next run. */

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

#define IMAGE_PREFIX "tagger-"
#define IMAGE_NAME_LEN (sizeof IMAGE_PREFIX - 1 + 16 + 4) /* tagger-HASH.img */

/* The image's path, in *out; 0, or -1 when there is none to have (a
 * source without a canonical path) or memory ran out (*oom set). */
static int image_path(const eg_tagger_opts *o, char **out, int *oom)
{
    eg_buf names = EG_BUF_INIT, path = EG_BUF_INIT;
    int fail = 0, none = 0;
    for (size_t i = 0; i <= o->ngazetteers && !fail && !none; i++) {
        const char *p = i < o->ngazetteers ? o->gazetteers[i] : o->wordlist;
        char *real = p ? realpath(p, NULL) : NULL;
        if (p && !real)
            none = 1;
        else
            fail = eg_buf_append(&names, real ? real : "", strlen(real ? real : "") + 1) != 0;
        free(real);
    }
    if (!fail && !none)
        fail = eg_buf_printf(&path, "%s/" IMAGE_PREFIX "%016llx.img", o->cache_dir,
                             (unsigned long long)eg_hash(names.data, names.len)) != 0;
    eg_buf_free(&names);
    *oom = fail;
    if (fail || none) {
        eg_buf_free(&path);
        return -1;
    }
    *out = path.data;
    return 0;
}

static int is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* "tagger-HASH.img", and nothing else. */
static int image_name(const char *n)
{
    const size_t pre = sizeof IMAGE_PREFIX - 1;
    return strlen(n) == IMAGE_NAME_LEN && strncmp(n, IMAGE_PREFIX, pre) == 0 &&
           is_hex(n + pre, 16) && strcmp(n + pre + 16, ".img") == 0;
}

/* "tagger-HASH.img.XXXXXX": an image being written, or left by a killed
 * run. */
static int image_temp(const char *n, void *ud)
{
    (void)ud;
    char base[IMAGE_NAME_LEN + 1];
    if (strlen(n) <= IMAGE_NAME_LEN)
        return 0;
    memcpy(base, n, IMAGE_NAME_LEN);
    base[IMAGE_NAME_LEN] = '\0';
    return image_name(base) && eg_is_temp_of(n, base);
}

typedef struct {
    char *name;
    struct timespec used;
    off_t size;
} cached;

static int newest_first(const void *a, const void *b)
{
    const cached *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec < y->used.tv_sec ? 1 : -1;
    if (x->used.tv_nsec != y->used.tv_nsec)
        return x->used.tv_nsec < y->used.tv_nsec ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Removes this user's images beyond the most recently used that fit in
 * the bounds; the one at path (just written) stays whatever its size. */
static void evict(const char *dir, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *keep = slash ? slash + 1 : path;
    DIR *d = opendir(dir);
    if (!d)
        return;
    cached *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat sb;
        if (!image_name(de->d_name) || strcmp(de->d_name, keep) == 0 ||
            fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(sb.st_mode) || sb.st_uid != geteuid())
            continue;
        if (EG_GROW(v, cap, n) != 0 || !(v[n].name = eg_strndup(de->d_name, strlen(de->d_name))))
            break; /* out of memory: evict what was seen */
        v[n].used = sb.st_mtim;
        v[n++].size = sb.st_size;
    }
    if (n)
        qsort(v, n, sizeof *v, newest_first);
    struct stat sb;
    uint64_t bytes = stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
    size_t kept = 1, i = 0;
    for (; i < n; i++) { /* the most recent that fit */
        if (kept + 1 > EG_TAGGER_CACHE_IMAGES || bytes + (uint64_t)v[i].size > EG_TAGGER_CACHE_BYTES)
            break;
        kept++;
        bytes += (uint64_t)v[i].size;
    }
    for (; i < n; i++) /* and none older */
        (void)unlinkat(dirfd(d), v[i].name, 0);
    for (size_t k = 0; k < n; k++)
        free(v[k].name);
    free(v);
    closedir(d);
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

/* Replaces t->gz with the gazetteer of the image at path, which stays in
 * t->image, its files named as this run names them. Returns 0, or -1 (no
 * such image; t as it was). */
static int map_gazetteer(eg_tagger *t, const char *path, uint64_t key, char **names,
                         size_t nnames)
{
    eg_gazetteer *g;
    if (eg_image_open(&t->image, path, key) != 0)
        return -1;
    if (eg_gazetteer_view_as(&t->image, (const char *const *)names, nnames, &g) != 0) {
        eg_image_close(&t->image);
        return -1;
    }
    eg_gazetteer_free(t->gz);
    t->gz = g;
    (void)utimensat(AT_FDCWD, path, NULL, 0); /* used now: evicted last */
    return 0;
}

/* Writes what was loaded and compiled to the image at path, in the cache
 * directory dir, then bounds the directory. Best effort: without it the
 * next run compiles again. */
static void save_image(const eg_tagger *t, const char *dir, const char *path, uint64_t key)
{
    if (eg_make_dir(dir, 2, 0700) != 0)
        return;
    eg_imgw w;
    eg_imgw_init(&w);
    int ok = 0;
    if (eg_gazetteer_save(t->gz, &w) == 0) {
        eg_matcher_save(t->matcher, &w);
        eg_resolver_save(t->resolver, &w);
        ok = eg_imgw_write(&w, path, key) == 0;
    }
    eg_imgw_free(&w);
    if (ok)
        evict(dir, path);
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
    int oom = 0;
    if (!o->gazetteers_only && o->cache_dir && eg_image_supported() && cacheable(o) &&
        image_path(o, &path, &oom) != 0 && oom)
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
    if (path)
        (void)eg_remove_stale_temps(o->cache_dir, image_temp, NULL, EG_TEMP_STALE_AGE);
    /* the files are read for their key only when there is an image to
     * check it against: small gazetteers have none */
    char **names = NULL;
    size_t nnames = 0;
    uint64_t key = path && access(path, F_OK) == 0
                       ? eg_gazetteer_sources(o->gazetteers, o->ngazetteers, o->wordlist, &names,
                                              &nnames)
                       : 0;
    int mapped = key && map_gazetteer(t, path, key, names, nnames) == 0;
    if (names)
        eg_free_names(names, nnames);
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
                save_image(t, o->cache_dir, path, eg_gazetteer_key(t->gz));
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
