/*
 * resolve.h - per-document choice of one entity for each mention, and the
 * mentions that only the document as a whole reveals.
 */
#ifndef EG_RESOLVE_H
#define EG_RESOLVE_H

#include "gazetteer.h"
#include "matcher.h"
#include "util/image.h"
#include "text.h"

/* What decided a mention, shown by `tag --format jsonl`. */
typedef enum {
    EG_RULE_UNIQUE = 0, /* the name means one entity */
    EG_RULE_PRIOR,      /* several: the highest prior won */
    EG_RULE_AMBIGUOUS,  /* several with equal priors: not counted */
    EG_RULE_NAMED,      /* several: the one the document names in full */
    EG_RULE_CONTEXT,    /* several: the one whose country the document names */
    EG_RULE_CONFIRMED,  /* weak case evidence, confirmed elsewhere in the document */
    EG_RULE_PARTIAL,    /* a surname of a person named in full in the document */
    EG_RULE_VARIANT,    /* a spelling variant of a name the document has */
    EG_RULE_DISCOVERED, /* a name no gazetteer lists, typed by evidence (discover.h) */
    EG_RULE_ACRONYM     /* an acronym the document defines for a known entity */
} eg_rule;

typedef struct {
    eg_typemask types;     /* entity types to keep */
    int demonyms;          /* count demonyms as mentions of their country */
    const uint8_t *drop;   /* per entity: 1 = never a mention (--exclude-kinds); may be NULL */
    int variants;          /* find spelling variants of names the document has */
} eg_resolve_opts;

typedef struct {
    uint32_t entity;     /* for EG_RULE_AMBIGUOUS: the first candidate by id; for
                            EG_RULE_DISCOVERED: the name in the document's eg_found
                            until the pipeline numbers it after the gazetteer's */
    uint32_t tok_start, tok_end;
    uint32_t start, end; /* bytes in the original */
    uint32_t sentence;   /* 0-based */
    uint16_t ncand;      /* entities the name could mean */
    uint8_t demonym;
    uint8_t rule;        /* eg_rule */
    uint16_t evidence;   /* EG_EV_* bits of a discovered name (discover.h) */
} eg_mention;

typedef struct {
    eg_mention *m;
    size_t n, cap;
} eg_mentions;

typedef struct eg_resolver eg_resolver;

void eg_resolve_defaults(eg_resolve_opts *o);
/* Prepares what resolution needs from the gazetteer (which must outlive
 * it); *out is owned by the caller: free with eg_resolver_free. */
eg_status eg_resolver_new(const eg_gazetteer *g, const eg_resolve_opts *o, eg_resolver **out,
                          eg_error *err);
/* A resolver that shares r's tables and has per-document scratch of its
 * own, for another thread. *out is owned by the caller: free it with
 * eg_resolver_free before r. */
eg_status eg_resolver_fork(const eg_resolver *r, eg_resolver **out, eg_error *err);
void eg_resolver_free(eg_resolver *r);
/* Appends the prepared tables to an image, and makes a resolver for g
 * and o of the tables the next sections of im hold (read in place: im
 * must stay mapped while it and its forks live). eg_resolver_view returns
 * 0, or -1 for a bad image or out of memory. */
void eg_resolver_save(const eg_resolver *r, eg_imgw *w);
int eg_resolver_view(const eg_gazetteer *g, const eg_resolve_opts *o, eg_image *im,
                     eg_resolver **out);
/* Fills out (cleared first) from the raw matches of one document. */
eg_status eg_resolve(eg_resolver *r, const eg_text *t, const eg_matches *ms, eg_mentions *out,
                     eg_error *err);
void eg_mentions_free(eg_mentions *ms);
const char *eg_rule_name(eg_rule r);
/* Whether a mention counts in the graph (not ambiguous). */
static inline int eg_mention_counts(const eg_mention *m)
{
    return m->rule != EG_RULE_AMBIGUOUS;
}

/* A spelling key under which common transliterations of one name agree
 * (Japarov, Zhaparov, Dzaparov; Putin, Poutine), written to out. */
void eg_translit_key(const char *norm, size_t len, char *out, size_t cap);

#endif
