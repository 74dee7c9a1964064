/*
 * summary.h - the YAML summary that `entigraph build` writes
 * (export_yaml.c), read back into memory for `entigraph show`.
 *
 * The file is read with libyaml's event parser, one event at a time, so
 * the parser never holds more than one scalar; what is kept is the
 * entities, relations and communities below. Keys this reader does not
 * know are skipped, so a summary with more fields still loads; a field
 * of the wrong shape (a list where a number belongs) is an error naming
 * file:line:col.
 *
 * Every string is kept as one clean line (invalid UTF-8 -> U+FFFD, control
 * characters and line breaks -> a space), so that it can be printed to a
 * terminal as it is: a summary cannot smuggle escape sequences into it.
 */
#ifndef EG_SUMMARY_H
#define EG_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "entigraph.h"
#include "util/hmap.h"

typedef struct {
    char *form;
    uint64_t count;
} eg_sum_form;

/* One of an entity's strongest relations, as the entity lists them. */
typedef struct {
    char *id;
    char *label;
    double weight;
} eg_sum_link;

typedef struct {
    char *id, *label, *type;
    char *wikidata, *kind; /* NULL when absent */
    int discovered;        /* a name no gazetteer lists (discover.h) */
    uint64_t mentions, demonym_mentions, documents;
    double degree, strength, pagerank, betweenness; /* NaN when absent or null */
    uint64_t community;                             /* 0 when absent */
    eg_sum_form *forms; /* surface forms, in the file's order (most seen first) */
    size_t nforms;
    eg_sum_link *links; /* strongest relations, in the file's order */
    size_t nlinks;
} eg_sum_entity;

typedef struct {
    char *source, *target;
    double weight;
    uint64_t count, documents;
    /* the first evidence passage ("evidence" is one passage, or a list of
     * them); ev_doc and ev_text are NULL when there is none */
    char *ev_doc, *ev_text;
    uint64_t ev_start, ev_end;
} eg_sum_relation;

typedef struct {
    uint64_t id, size;
    char **members; /* entity ids, in the file's order */
    size_t nmembers;
} eg_sum_community;

/* Everything below is owned by the summary; eg_summary_free releases it. */
typedef struct {
    char *generator; /* NULL when absent */
    uint64_t documents, mentions;      /* corpus */
    uint64_t nodes, edges, ncommunity; /* graph */
    eg_sum_entity *ent; /* in the file's order: most mentioned first */
    size_t nent, ent_cap;
    eg_sum_relation *rel; /* in the file's order: strongest first */
    size_t nrel, rel_cap;
    eg_sum_community *comm;
    size_t ncomm, comm_cap;
    eg_strmap ids;   /* entity id -> index in ent */
    eg_strmap pairs; /* "a\0b" with a < b (strcmp) -> index in rel */
} eg_summary;

/* Reads the summary at path. On success *out is owned by the caller
 * (eg_summary_free). A file that cannot be opened is EG_EIO with errno's
 * reason; bad YAML, or YAML that is not a summary, is EG_EINPUT with
 * "path:line:col: ..." (1-based). */
eg_status eg_summary_load(const char *path, eg_summary **out, eg_error *err);
void eg_summary_free(eg_summary *s);

/* Index of the entity with this id, or -1. */
long eg_summary_find(const eg_summary *s, const char *id);
/* Index of the relation between entities a and b (either order), or -1. */
long eg_summary_relation(const eg_summary *s, const char *a, const char *b);

#endif
