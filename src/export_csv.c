/*
 * export_csv.c - the graph as plain tables, for the tools that read
 * tables rather than graph formats: Gephi's spreadsheet importer,
 * textnets and other R or pandas code (CSV), and VOSviewer (its map and
 * network files).
 *
 *   nodes.csv      Id,Label,type,... one row per vertex, in id order
 *   edges.csv      Source,Target,Type,Weight,... one row per edge, in
 *                  (source, target) order, Type always Undirected
 *   documents.csv  document,entity,mentions: the document-entity
 *                  (bipartite) list of the graph's entities, documents in
 *                  the order read, entities in id order
 *   vosviewer-map.txt, vosviewer-network.txt
 *                  VOSviewer's tab-separated map file (a header, one item
 *                  a line) and network file in the sparse format (no
 *                  header, "id id strength" a line); items are numbered
 *                  1..n in vertex order, since VOSviewer links map and
 *                  network by those numbers
 *
 * CSV follows RFC 4180: a field holding a comma, a double quote, CR or LF
 * is enclosed in double quotes, its quotes doubled; lines end in LF (what
 * Gephi, Python's csv module, R and pandas read; RFC 4180's CRLF would
 * leave a CR in the last field for some of them). VOSviewer's files say
 * only that a field holding a comma or a semicolon is quoted: so are those
 * holding a quote, and tabs and line breaks in a label become spaces,
 * since VOSviewer reads one item a line.
 *
 * Numbers: counts as integers, measures in the fewest digits (up to 17)
 * that read back as the same double, so the tables hold what the graph
 * holds and the same input gives the same bytes.
 *
 * The document table is gathered while the documents stream past (the
 * counted mentions of each document, tallied per entity: a few integers
 * a document, never the text) and written once the graph says which
 * entities stay. Entities are remembered by their index at tagging time;
 * discovered ones change index when they join the gazetteer
 * (eg_tagger_adopt), so their ids are kept and looked up at the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "util/buf.h"

/* ---- writing fields ---- */

/* The shortest of %.15g..%.17g that reads back as v. */
static void num(FILE *fp, double v)
{
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, fp);
}

/* A CSV field, quoted when RFC 4180 says it must be. */
static void csv_field(FILE *fp, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, fp);
        return;
    }
    putc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', fp);
        putc(*s, fp);
    }
    putc('"', fp);
}

/* A field of a VOSviewer file: tabs and line breaks become spaces; quoted
 * when it holds a comma, a semicolon or a quote (doubled). */
static void vos_field(FILE *fp, const char *s)
{
    int quote = s[strcspn(s, ",;\"")] != '\0';
    if (quote)
        putc('"', fp);
    for (; *s; s++) {
        if (*s == '\t' || *s == '\r' || *s == '\n')
            putc(' ', fp);
        else {
            if (*s == '"')
                putc('"', fp);
            putc(*s, fp);
        }
    }
    if (quote)
        putc('"', fp);
}

static eg_status finish(FILE *fp, const char *name, eg_error *err)
{
    if (fflush(fp) != 0 || ferror(fp))
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", name, strerror(errno));
    return EG_OK;
}

static void date_field(FILE *fp, uint32_t day)
{
    char d[16];
    if (day) {
        eg_date_format(day, d, sizeof d);
        fputs(d, fp);
    }
}

/* ---- Gephi's spreadsheet importer ---- */

eg_status eg_export_csv_nodes(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                              FILE *fp, const char *name, eg_error *err)
{
    fputs("Id,Label,type,wikidata,mentions,documents,degree,strength,pagerank,betweenness,"
          "community,discovered",
          fp);
    if (c->dated)
        fputs(",first_seen,last_seen", fp);
    putc('\n', fp);
    for (size_t v = 0; v < g->nv && !ferror(fp); v++) {
        const eg_entity *e = &gz->ent[g->vent[v]];
        const eg_entity_stats *es = &c->ent[g->vent[v]];
        csv_field(fp, e->id);
        putc(',', fp);
        csv_field(fp, e->label);
        fprintf(fp, ",%s,", eg_type_name(e->type));
        csv_field(fp, e->wikidata ? e->wikidata : "");
        fprintf(fp, ",%llu,%u,", (unsigned long long)es->mentions, es->documents);
        num(fp, g->degree[v]);
        putc(',', fp);
        num(fp, g->strength[v]);
        putc(',', fp);
        num(fp, g->pagerank[v]);
        putc(',', fp);
        num(fp, g->betweenness[v]);
        fprintf(fp, ",%u,%s", g->community[v], e->discovered ? "true" : "false");
        if (c->dated) {
            putc(',', fp);
            date_field(fp, es->first_seen);
            putc(',', fp);
            date_field(fp, es->last_seen);
        }
        putc('\n', fp);
    }
    return finish(fp, name, err);
}

eg_status eg_export_csv_edges(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                              FILE *fp, const char *name, eg_error *err)
{
    fputs("Source,Target,Type,Weight,count,documents", fp);
    for (int m = EG_M_PMI; m < EG_NMEASURES; m++)
        fprintf(fp, ",%s", eg_measure_name((eg_measure)m));
    if (c->dated)
        fputs(",first_seen,last_seen", fp);
    fputs(",evidence\n", fp);
    eg_buf ev = EG_BUF_INIT;
    for (size_t e = 0; e < g->ne && !ferror(fp); e++) {
        const eg_pair *pr = &c->pair[g->epair[e]];
        csv_field(fp, gz->ent[g->vent[g->ends[e][0]]].id);
        putc(',', fp);
        csv_field(fp, gz->ent[g->vent[g->ends[e][1]]].id);
        fputs(",Undirected,", fp);
        num(fp, g->weight[e]);
        fprintf(fp, ",%llu,%u", (unsigned long long)pr->count, pr->documents);
        for (int m = EG_M_PMI; m < EG_NMEASURES; m++) {
            putc(',', fp);
            num(fp, g->measure[e][m]);
        }
        if (c->dated) {
            putc(',', fp);
            date_field(fp, pr->first_seen);
            putc(',', fp);
            date_field(fp, pr->last_seen);
        }
        /* as in GraphML: "text (doc, bytes a-b) | ..." */
        eg_buf_clear(&ev);
        int rc = 0;
        for (uint32_t k = 0; k < pr->nev && !rc; k++)
            rc = eg_buf_printf(&ev, "%s%s (%s, bytes %u-%u)", k ? " | " : "", pr->ev[k].text,
                               pr->ev[k].doc, pr->ev[k].start, pr->ev[k].end);
        if (rc) {
            eg_buf_free(&ev);
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        }
        putc(',', fp);
        csv_field(fp, ev.len ? ev.data : "");
        putc('\n', fp);
    }
    eg_buf_free(&ev);
    return finish(fp, name, err);
}

/* ---- the document-entity table ---- */

void eg_doctable_init(eg_doctable *t)
{
    memset(t, 0, sizeof *t);
    t->base = UINT32_MAX;
}

void eg_doctable_free(eg_doctable *t)
{
    for (size_t i = 0; i < t->ndocs; i++)
        free(t->doc[i]);
    free(t->doc);
    for (size_t i = 0; i < t->ndisc; i++)
        free(t->disc[i]);
    free(t->disc);
    free(t->row);
    free(t->scratch);
    eg_doctable_init(t);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory");
}

/* Remembers the id of discovered entity i (>= t->base), once. */
static eg_status keep_disc_id(eg_doctable *t, const eg_tagger *tg, uint32_t i, eg_error *err)
{
    size_t k = i - t->base;
    if (k >= t->ndisc) {
        size_t n = t->disc_cap ? t->disc_cap : 64;
        while (n <= k)
            n *= 2;
        if (n > t->disc_cap) {
            char **d = realloc(t->disc, n * sizeof *d);
            if (!d)
                return oom(err);
            t->disc = d;
            t->disc_cap = n;
        }
        memset(t->disc + t->ndisc, 0, (k + 1 - t->ndisc) * sizeof *t->disc);
        t->ndisc = k + 1;
    }
    if (!t->disc[k]) {
        const char *id = eg_tagger_entity(tg, i)->id;
        if (!(t->disc[k] = eg_strndup(id, strlen(id))))
            return oom(err);
    }
    return EG_OK;
}

eg_status eg_doctable_add(eg_doctable *t, const eg_tagger *tg, const char *doc_id,
                          const eg_mentions *ms, eg_error *err)
{
    if (t->base == UINT32_MAX)
        t->base = tg->found.base;
    if (t->ndocs >= UINT32_MAX)
        return eg_error_add(err, EG_EINPUT, "documents.csv: more than %u documents", UINT32_MAX);
    char *id = eg_strndup(doc_id, strlen(doc_id));
    if (!id || EG_GROW(t->doc, t->docs_cap, t->ndocs) != 0) {
        free(id);
        return oom(err);
    }
    t->doc[t->ndocs++] = id;
    /* the document's counted mentions, by entity */
    if (EG_GROW(t->scratch, t->scratch_cap, ms->n) != 0)
        return oom(err);
    size_t n = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (eg_mention_counts(&ms->m[i]))
            t->scratch[n++] = ms->m[i].entity;
    qsort(t->scratch, n, sizeof *t->scratch, cmp_u32);
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && t->scratch[hi] == t->scratch[lo]; hi++)
            ;
        if (t->scratch[lo] >= t->base)
            EG_CHECK(keep_disc_id(t, tg, t->scratch[lo], err));
        if (EG_GROW(t->row, t->row_cap, t->nrow) != 0)
            return oom(err);
        t->row[t->nrow++] =
            (eg_doc_row){(uint32_t)(t->ndocs - 1), t->scratch[lo], (uint32_t)(hi - lo)};
    }
    return EG_OK;
}

/* The vertex of the entity with this id, or -1: vertices are in id
 * order, so a binary search. */
static long vertex_of(const eg_graph *g, const eg_gazetteer *gz, const char *id)
{
    size_t lo = 0, hi = g->nv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(gz->ent[g->vent[mid]].id, id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

typedef struct {
    uint32_t vertex, mentions;
} doc_cell;

static int cmp_cell(const void *a, const void *b)
{
    uint32_t x = ((const doc_cell *)a)->vertex, y = ((const doc_cell *)b)->vertex;
    return x < y ? -1 : x > y;
}

eg_status eg_export_csv_documents(const eg_graph *g, const eg_gazetteer *gz,
                                  const eg_doctable *t, FILE *fp, const char *name,
                                  eg_error *err)
{
    /* each entity seen -> its vertex (or -1), looked up once */
    size_t nidx = t->base == UINT32_MAX ? 0 : (size_t)t->base + t->ndisc;
    long *vx = malloc((nidx ? nidx : 1) * sizeof *vx);
    doc_cell *cell = malloc((t->nrow ? t->nrow : 1) * sizeof *cell);
    if (!vx || !cell) {
        free(vx);
        free(cell);
        return oom(err);
    }
    for (size_t i = 0; i < nidx; i++)
        vx[i] = -2; /* not looked up yet */
    fputs("document,entity,mentions\n", fp);
    for (size_t r = 0; r < t->nrow && !ferror(fp);) {
        uint32_t d = t->row[r].doc;
        size_t n = 0;
        for (; r < t->nrow && t->row[r].doc == d; r++) {
            uint32_t e = t->row[r].entity;
            if (vx[e] == -2) {
                const char *id = e < t->base ? gz->ent[e].id : t->disc[e - t->base];
                vx[e] = id ? vertex_of(g, gz, id) : -1;
            }
            if (vx[e] >= 0)
                cell[n++] = (doc_cell){(uint32_t)vx[e], t->row[r].mentions};
        }
        qsort(cell, n, sizeof *cell, cmp_cell);
        for (size_t k = 0; k < n; k++) {
            csv_field(fp, t->doc[d]);
            putc(',', fp);
            csv_field(fp, gz->ent[g->vent[cell[k].vertex]].id);
            fprintf(fp, ",%u\n", cell[k].mentions);
        }
    }
    free(vx);
    free(cell);
    return finish(fp, name, err);
}

/* ---- VOSviewer ---- */

eg_status eg_export_vosviewer_map(const eg_graph *g, const eg_cooccur *c,
                                  const eg_gazetteer *gz, FILE *fp, const char *name,
                                  eg_error *err)
{
    fputs("id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Mentions>\t"
          "weight<Documents>\n",
          fp);
    for (size_t v = 0; v < g->nv && !ferror(fp); v++) {
        const eg_entity_stats *es = &c->ent[g->vent[v]];
        fprintf(fp, "%zu\t", v + 1);
        vos_field(fp, gz->ent[g->vent[v]].label);
        /* VOSviewer takes clusters 1 to 1000; communities are numbered
         * by size, so only the smallest share the last number */
        fprintf(fp, "\t%u\t", g->community[v] < EG_VOS_MAX_CLUSTER ? g->community[v]
                                                                  : EG_VOS_MAX_CLUSTER);
        num(fp, g->degree[v]);
        putc('\t', fp);
        num(fp, g->strength[v]);
        fprintf(fp, "\t%llu\t%u\n", (unsigned long long)es->mentions, es->documents);
    }
    return finish(fp, name, err);
}

eg_status eg_export_vosviewer_network(const eg_graph *g, FILE *fp, const char *name,
                                      eg_error *err)
{
    for (size_t e = 0; e < g->ne && !ferror(fp); e++) {
        fprintf(fp, "%u\t%u\t", g->ends[e][0] + 1, g->ends[e][1] + 1);
        num(fp, g->weight[e]);
        putc('\n', fp);
    }
    return finish(fp, name, err);
}
