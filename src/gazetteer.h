/*
 * gazetteer.h - entity lists loaded from YAML files.
 *
 * A gazetteer owns its entities and aliases. Entities keep the order in
 * which they were loaded (files in the order given, a directory's files in
 * sorted order); every later stage refers to an entity by its index.
 */
#ifndef EG_GAZETTEER_H
#define EG_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "entigraph.h"
#include "util/hmap.h"
#include "util/image.h"

typedef struct {
    char *id;
    char *label;
    char *wikidata; /* NULL when absent */
    char *kind;     /* NULL when absent */
    char *country;  /* id of a country entity, NULL when absent */
    eg_type type;
    int has_prior;
    double prior;
    const char *file; /* points into eg_gazetteer.files */
    uint32_t line;
    uint32_t discovered; /* 1: read from the text, not listed (discover.h); its
                            strings are its own, file is "" and line 0 */
} eg_entity;

enum { EG_ALIAS_LABEL = 1, EG_ALIAS_DEMONYM = 2 };

typedef struct {
    uint32_t entity;
    uint32_t flags;
    char *text;
    const char *file;
    uint32_t line, col;
} eg_alias;

typedef struct eg_gazetteer {
    eg_entity *ent;
    size_t nent, ent_cap;
    eg_alias *alias; /* the label of each entity first, then its aliases */
    size_t nalias, alias_cap;
    eg_strmap ids;    /* id -> entity index */
    eg_strmap common; /* lower-case common words (optional word list) */
    char **files;
    size_t nfiles, files_cap;
    int borrowed;     /* the strings and maps are an image's (eg_gazetteer_view) */
    int own_files;    /* borrowed, but the file names are g's (eg_gazetteer_view_as) */
    uint64_t files_key, words_key; /* of what was read (eg_gazetteer_key) */
} eg_gazetteer;

/* Longest id, label or alias, in bytes, and most words in an alias. */
#define EG_FIELD_MAX 1000
#define EG_ALIAS_MAX_TOKENS 32

/* Largest gazetteer file read: the full GeoNames set is about 30 MB. */
#define EG_GAZETTEER_MAX ((size_t)256 << 20)
/* Largest word list, and its longest line: the biggest English lists
 * (wamerican-insane) are about 7 MB, and no word is 4 KiB long. */
#define EG_WORDLIST_MAX ((size_t)64 << 20)
#define EG_WORDLIST_LINE_MAX 4096

/* Returns a new empty gazetteer (caller frees with eg_gazetteer_free), or
 * NULL when out of memory. */
eg_gazetteer *eg_gazetteer_new(void);
void eg_gazetteer_free(eg_gazetteer *g);

/* Loads a YAML file, or every *.yaml / *.yml file of a directory in
 * sorted order (those must be regular files: a FIFO there is an error,
 * not a wait). Every problem is reported as "file:line:col: message";
 * YAML nested deeper than 64 levels stops the file at its first
 * level too many. On error nothing of the failing file is kept. A file
 * of 1 MiB or more that loads cleanly is also compiled into
 * ".NAME.cache" beside it (when the directory is writable), which later
 * loads of the same bytes read instead of the YAML when that cache is
 * this user's or root's and nobody else may write it; see gazetteer.c. */
eg_status eg_gazetteer_load(eg_gazetteer *g, const char *path, eg_error *err);
/* Same, from memory; name is used in messages. */
eg_status eg_gazetteer_load_buffer(eg_gazetteer *g, const char *name, const char *data,
                                   size_t len, eg_error *err);
/* Checks what spans files (country references). Call after the loads. */
eg_status eg_gazetteer_finish(eg_gazetteer *g, eg_error *err);

/* Reads a word list (one word per line, as /usr/share/dict/words); its
 * lower-case words mark single-word aliases that need a capital letter
 * in the text (China, Turkey, Chad, Mobile). */
eg_status eg_gazetteer_load_wordlist(eg_gazetteer *g, const char *path, eg_error *err);
int eg_gazetteer_is_common(const eg_gazetteer *g, const char *norm, size_t len);

/* A key of the files loaded (by eg_gazetteer_load) and of the word list:
 * the canonical name of each (realpath: however it was spelled) and a
 * hash of the very bytes that were read, so that a file edited while
 * loading cannot pass for its new self. Never 0. */
uint64_t eg_gazetteer_key(const eg_gazetteer *g);
/* The key loading these sources (files or directories, in order) and
 * word list (NULL: none) would give now; 0 when a source cannot be read
 * (loading it will say why). Reads every file. */
uint64_t eg_gazetteer_sources_key(const char *const *paths, size_t n, const char *wordlist);
/* The same, and (names not NULL, key not 0) the names of the files
 * loading would read, each once, in order, as this run spells them: an
 * array of *nnames strings, the caller's (eg_free_names). */
uint64_t eg_gazetteer_sources(const char *const *paths, size_t n, const char *wordlist,
                              char ***names, size_t *nnames);
/* Appends the loaded gazetteer to an image (0, or -1 when out of
 * memory), and makes a gazetteer of the one the next sections of im hold,
 * its strings and indexes read in place: im must stay open while it
 * lives, and nothing may be loaded into it (0, or -1). */
int eg_gazetteer_save(const eg_gazetteer *g, eg_imgw *w);
int eg_gazetteer_view(eg_image *im, eg_gazetteer **out);
/* The same, its files named names[0..nnames) (copied) instead of as the
 * image's writer spelled them; -1 when the image holds another number of
 * files. */
int eg_gazetteer_view_as(eg_image *im, const char *const *names, size_t nnames,
                         eg_gazetteer **out);

/* An entity's prior, 0 when it has none: the order in which same-named
 * entities are preferred (highest first, then smallest id). */
static inline double eg_entity_prior(const eg_entity *e)
{
    return e->has_prior ? e->prior : 0.0;
}

/* Appends the discovered entities ents[0..n) (their strings become g's),
 * after every gazetteer entity: for the stages after tagging, once no
 * thread tags with g any more. 0, or -1 when out of memory (nothing
 * taken). */
int eg_gazetteer_adopt(eg_gazetteer *g, eg_entity *ents, size_t n);

/* Index of the entity with this id, or -1. */
long eg_gazetteer_find(const eg_gazetteer *g, const char *id);

#endif
