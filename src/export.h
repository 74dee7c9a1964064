/*
 * export.h - writers of the graph and the mentions. Each file format has
 * its own .c. They write to a stream; the CLI writes every output under a
 * temporary name and renames them all once every one is complete.
 */
#ifndef EG_EXPORT_H
#define EG_EXPORT_H

#include <stdio.h>

#include "cooccur.h"
#include "corpus.h"
#include "gazetteer.h"
#include "graph.h"
#include "resolve.h"

/* What the run was asked to do, recorded in the summary. */
typedef struct {
    const char *window;
    double min_weight;
    eg_typemask types;
    int demonyms;
    const char *exclude_kinds; /* NULL when none */
    const char *const *gazetteers;
    size_t ngazetteers;
    const char *wordlist; /* NULL when none */
} eg_params;

/* Each writes to fp (name is used in messages); the caller owns fp and
 * makes the file appear atomically (util/atomic.h). */
eg_status eg_export_dot(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                        FILE *fp, const char *name, eg_error *err);
eg_status eg_export_graphml(const eg_graph *g, FILE *fp, const char *name, eg_error *err);
eg_status eg_export_yaml(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                         const eg_params *p, FILE *fp, const char *name, eg_error *err);

typedef enum { EG_FMT_TSV, EG_FMT_JSONL } eg_mention_format;

/* Mentions of one document, one per line; the TSV header is written by
 * eg_write_mentions_header. Returns 0, or -1 on a write error. */
int eg_write_mentions_header(FILE *fp, eg_mention_format fmt);
int eg_write_mentions(FILE *fp, eg_mention_format fmt, const eg_gazetteer *gz, const eg_doc *doc,
                      const eg_mentions *ms);

#endif
