/*
 * resolve.h - per-document choice of one entity for each raw mention.
 */
#ifndef EG_RESOLVE_H
#define EG_RESOLVE_H

#include "gazetteer.h"
#include "matcher.h"
#include "text.h"

typedef enum {
    EG_RULE_UNIQUE = 0, /* the alias names one entity */
    EG_RULE_PRIOR,      /* several: the highest prior won */
    EG_RULE_ORDER       /* several with equal priors: the first id in sort order */
} eg_rule;

typedef struct {
    eg_typemask types;     /* entity types to keep */
    int demonyms;          /* count demonyms as mentions of their country */
    const uint8_t *drop;   /* per entity: 1 = never a mention (--exclude-kinds); may be NULL */
} eg_resolve_opts;

typedef struct {
    uint32_t entity;
    uint32_t tok_start, tok_end;
    uint32_t start, end; /* bytes in the original */
    uint32_t sentence;   /* 0-based */
    uint16_t ncand;      /* entities the alias could name */
    uint8_t demonym;
    uint8_t rule;        /* eg_rule */
} eg_mention;

typedef struct {
    eg_mention *m;
    size_t n, cap;
} eg_mentions;

void eg_resolve_defaults(eg_resolve_opts *o);
/* Fills out (cleared first) from the raw matches of one document. */
eg_status eg_resolve(const eg_gazetteer *g, const eg_resolve_opts *o, const eg_text *t,
                     const eg_matches *ms, eg_mentions *out, eg_error *err);
void eg_mentions_free(eg_mentions *ms);
const char *eg_rule_name(eg_rule r);

#endif
