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
#include "tagger.h"

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
    eg_measure weight;    /* the measure used as edge weight */
} eg_params;

/* Each writes to fp (name is used in messages); the caller owns fp and
 * makes the file appear atomically (util/atomic.h). */
eg_status eg_export_dot(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                        FILE *fp, const char *name, eg_error *err);
/* For the two XML writers (export_graphml.c): an xmlTextWriter, indented
 * by two spaces, that writes to fp. A write error is kept in *errnum (0
 * until one happens; the writer then writes nothing more) rather than
 * printed by libxml2. Starts libxml2 once, on whichever thread asks
 * first: GraphML and GEXF may be written at the same time. NULL when out
 * of memory; xmlFreeTextWriter flushes it and leaves fp open. */
struct _xmlTextWriter;
struct _xmlTextWriter *eg_xml_writer(FILE *fp, int *errnum);

/* GraphML from the attributes graph.c sets on g->g: node ids are entity
 * ids, whole numbers typed int or long (export_graphml.c). */
eg_status eg_export_graphml(const eg_graph *g, FILE *fp, const char *name, eg_error *err);

/* GEXF 1.2 (1.2draft: what Gephi and networkx both read) or 1.3. */
typedef enum { EG_GEXF_1_2, EG_GEXF_1_3 } eg_gexf_version;
/* "1.2" or "1.3" into *v; returns 0, or -1 for anything else. */
int eg_gexf_version_parse(const char *s, eg_gexf_version *v);
/* GEXF of version v, dynamic (spells per period) when documents carry
 * dates. */
eg_status eg_export_gexf(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                         eg_gexf_version v, FILE *fp, const char *name, eg_error *err);

/* --render: the DOT graph laid out and drawn through Graphviz's gvc. */
typedef enum { EG_RENDER_NONE, EG_RENDER_SVG, EG_RENDER_PNG } eg_render_format;
/* "svg" or "png" into *f; returns 0, or -1 for anything else. */
int eg_render_parse(const char *s, eg_render_format *f);
/* The output file of a format: "graph.svg" or "graph.png" (static). */
const char *eg_render_file(eg_render_format f);
/* Where to draw: the format, the stream (owned by the caller) and its name. */
typedef struct {
    eg_render_format fmt;
    FILE *fp;
    const char *name;
} eg_render_out;
/* eg_export_dot, then, unless r is NULL or its format EG_RENDER_NONE, the
 * same cgraph graph laid out and drawn into r->fp (render.c). gvc is not
 * thread-safe: call it from the main thread only. */
eg_status eg_export_dot_render(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                               FILE *fp, const char *name, const eg_render_out *r,
                               eg_error *err);
eg_status eg_export_yaml(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                         const eg_params *p, FILE *fp, const char *name, eg_error *err);

/* ---- plain tables (export_csv.c) ---- */

/* nodes.csv and edges.csv, the layout of Gephi's spreadsheet importer
 * (Id, Label, ... and Source, Target, Type, Weight, ...), RFC 4180. */
eg_status eg_export_csv_nodes(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                              FILE *fp, const char *name, eg_error *err);
eg_status eg_export_csv_edges(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                              FILE *fp, const char *name, eg_error *err);

/* One row of the document-entity table: a document (index into
 * eg_doctable.doc), an entity (its index when tagged) and its counted
 * mentions there. */
typedef struct {
    uint32_t doc, entity, mentions;
} eg_doc_row;

/* The document-entity table of a build, gathered document by document
 * (eg_doctable_add) for documents.csv. Everything in it is owned by it
 * (eg_doctable_free). */
typedef struct {
    char **doc;        /* document ids, in the order added */
    size_t ndocs, docs_cap;
    eg_doc_row *row;   /* by document, then entity index */
    size_t nrow, row_cap;
    uint32_t base;     /* the first discovered entity's index (UINT32_MAX: none added) */
    char **disc;       /* ids of discovered entities, by index - base (NULL: unseen) */
    size_t ndisc, disc_cap;
    uint32_t *scratch; /* one document's entities */
    size_t scratch_cap;
} eg_doctable;

void eg_doctable_init(eg_doctable *t);
void eg_doctable_free(eg_doctable *t);
/* Adds a document: its id and its mentions ms as tagged by tg (counted
 * ones only, as eg_cooccur_add counts them). Call before eg_tagger_adopt
 * renumbers the discovered entities; their ids are kept. */
eg_status eg_doctable_add(eg_doctable *t, const eg_tagger *tg, const char *doc_id,
                          const eg_mentions *ms, eg_error *err);
/* documents.csv: document,entity,mentions for the entities of g (by id,
 * so after eg_tagger_adopt), documents in the order added, entities in
 * id order. */
eg_status eg_export_csv_documents(const eg_graph *g, const eg_gazetteer *gz,
                                  const eg_doctable *t, FILE *fp, const char *name,
                                  eg_error *err);

/* VOSviewer takes cluster numbers 1 to 1000: larger communities are
 * written as this. */
#define EG_VOS_MAX_CLUSTER 1000u
/* VOSviewer's map file (id, label, cluster, weight<...> columns, tab
 * separated, items numbered from 1 in vertex order) and network file
 * (sparse format: id, id, strength; no header). */
eg_status eg_export_vosviewer_map(const eg_graph *g, const eg_cooccur *c,
                                  const eg_gazetteer *gz, FILE *fp, const char *name,
                                  eg_error *err);
eg_status eg_export_vosviewer_network(const eg_graph *g, FILE *fp, const char *name,
                                      eg_error *err);

typedef enum { EG_FMT_TSV, EG_FMT_JSONL } eg_mention_format;

/* Mentions of one document, one per line, their entities those of t
 * (gazetteer or discovered: eg_tagger_entity); the TSV header is written
 * by eg_write_mentions_header. Returns 0, or -1 on a write error. */
int eg_write_mentions_header(FILE *fp, eg_mention_format fmt);
int eg_write_mentions(FILE *fp, eg_mention_format fmt, const eg_tagger *t, const eg_doc *doc,
                      const eg_mentions *ms);

#endif
