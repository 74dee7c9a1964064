/*
 * export_yaml.c - the summary of a run as YAML, emitted with libyaml.
 *
 * Sections: corpus counts, parameters, graph statistics, entities (by
 * mentions) with surface forms and strongest relations, relations (by
 * weight) with evidence, communities. Strings that a YAML parser would
 * read as something else (yes, 1.5, null, ~) are double-quoted; the
 * emitter is set to Unicode so names stay readable.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "util/buf.h"
#include "util/yamlw.h"

#define TOP_RELATIONS 10
#define TOP_CENTRAL 10 /* entities listed under each centrality */

typedef struct {
    const eg_graph *g;
    const eg_cooccur *c;
    const eg_gazetteer *gz;
} ctx;

/* Orders: vertices by mentions desc then id; edges by weight desc then
 * (source, target); the graph's own orders break remaining ties. */
static int cmp_vertex(const void *a, const void *b, void *p)
{
    const ctx *x = p;
    uint32_t u = *(const uint32_t *)a, v = *(const uint32_t *)b;
    uint64_t mu = x->c->ent[x->g->vent[u]].mentions, mv = x->c->ent[x->g->vent[v]].mentions;
    if (mu != mv)
        return mu > mv ? -1 : 1;
    return u < v ? -1 : u > v;
}

static int cmp_edge(const void *a, const void *b, void *p)
{
    const ctx *x = p;
    uint32_t e = *(const uint32_t *)a, f = *(const uint32_t *)b;
    if (x->g->weight[e] != x->g->weight[f])
        return x->g->weight[e] > x->g->weight[f] ? -1 : 1;
    return e < f ? -1 : e > f;
}

/* by one centrality (desc), then vertex order (id) */
typedef struct {
    const double *score;
} by_score;

static int cmp_score(const void *a, const void *b, void *p)
{
    const double *sc = ((const by_score *)p)->score;
    uint32_t u = *(const uint32_t *)a, v = *(const uint32_t *)b;
    if (sc[u] != sc[v])
        return sc[u] > sc[v] ? -1 : 1;
    return u < v ? -1 : u > v;
}

/* "top_by_NAME: [ids]": the TOP_CENTRAL vertices of highest score. */
static void emit_top(eg_yamlw *o, const ctx *x, const char *key, const double *score,
                     uint32_t *order)
{
    const eg_graph *g = x->g;
    for (size_t v = 0; v < g->nv; v++)
        order[v] = (uint32_t)v;
    by_score b = {score};
    qsort_r(order, g->nv, sizeof *order, cmp_score, &b);
    eg_yamlw_str(o, key);
    eg_yamlw_seq_start(o, 1);
    for (size_t i = 0; i < g->nv && i < TOP_CENTRAL; i++)
        eg_yamlw_str(o, x->gz->ent[g->vent[order[i]]].id);
    eg_yamlw_seq_end(o);
}

/* first_seen, last_seen and the timeline {period: n} of a dated entity
 * or pair (id in tl) */
static void emit_dates(eg_yamlw *o, const ctx *x, uint32_t first, uint32_t last,
                       const eg_timeline *tl, uint32_t id)
{
    if (!first)
        return;
    char buf[32];
    eg_date_format(first, buf, sizeof buf);
    eg_yamlw_kstr(o, "first_seen", buf);
    eg_date_format(last, buf, sizeof buf);
    eg_yamlw_kstr(o, "last_seen", buf);
    size_t n, at = eg_timeline_find(tl, id, &n);
    eg_yamlw_str(o, "timeline");
    eg_yamlw_map_start(o, 1);
    for (size_t i = at; i < at + n; i++) {
        eg_period_label(x->c->period, tl->p[i].period, buf, sizeof buf);
        eg_yamlw_kuint(o, buf, tl->p[i].n);
    }
    eg_yamlw_map_end(o);
}

static int cmp_form(const void *a, const void *b)
{
    const eg_surface *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->form, y->form);
}

/* top[v * TOP_RELATIONS ...]: the strongest edges of each vertex, filled
 * in one pass over the edges in weight order; ntop[v] of them are set. */
static void top_relations(const eg_graph *g, const uint32_t *eorder, uint32_t *top, uint8_t *ntop)
{
    memset(ntop, 0, g->nv ? g->nv : 1);
    for (size_t i = 0; i < g->ne; i++) {
        uint32_t ed = eorder[i];
        for (int end = 0; end < 2; end++) {
            uint32_t v = g->ends[ed][end];
            if (ntop[v] < TOP_RELATIONS)
                top[(size_t)v * TOP_RELATIONS + ntop[v]++] = ed;
        }
    }
}

static void emit_entity(eg_yamlw *o, const ctx *x, uint32_t v, const uint32_t *top, uint8_t ntop,
                        eg_surface *forms)
{
    const eg_graph *g = x->g;
    const eg_entity *e = &x->gz->ent[g->vent[v]];
    const eg_entity_stats *es = &x->c->ent[g->vent[v]];
    eg_yamlw_map_start(o, 0);
    eg_yamlw_kstr(o, "id", e->id);
    eg_yamlw_kstr(o, "label", e->label);
    eg_yamlw_kstr(o, "type", eg_type_name(e->type));
    if (e->discovered)
        eg_yamlw_kbool(o, "discovered", 1);
    if (e->wikidata)
        eg_yamlw_kstr(o, "wikidata", e->wikidata);
    if (e->kind)
        eg_yamlw_kstr(o, "kind", e->kind);
    eg_yamlw_kuint(o, "mentions", es->mentions);
    if (es->demonym_mentions)
        eg_yamlw_kuint(o, "demonym_mentions", es->demonym_mentions);
    eg_yamlw_kuint(o, "documents", es->documents);
    emit_dates(o, x, es->first_seen, es->last_seen, &x->c->ent_tl, g->vent[v]);
    eg_yamlw_knum(o, "degree", g->degree[v]);
    eg_yamlw_knum(o, "strength", g->strength[v]);
    eg_yamlw_knum(o, "pagerank", g->pagerank[v]);
    eg_yamlw_knum(o, "betweenness", g->betweenness[v]);
    eg_yamlw_kuint(o, "community", g->community[v]);
    eg_yamlw_str(o, "surface_forms");
    if (es->nforms) { /* counts read back may give an entity none */
        memcpy(forms, es->forms, es->nforms * sizeof *forms);
        qsort(forms, es->nforms, sizeof *forms, cmp_form);
    }
    eg_yamlw_map_start(o, 0);
    for (size_t k = 0; k < es->nforms; k++)
        eg_yamlw_kuint(o, forms[k].form, forms[k].count);
    eg_yamlw_map_end(o);
    eg_yamlw_str(o, "relations");
    eg_yamlw_seq_start(o, 0);
    for (uint8_t i = 0; i < ntop; i++) {
        uint32_t ed = top[i];
        uint32_t other = g->ends[ed][0] == v ? g->ends[ed][1] : g->ends[ed][0];
        const eg_entity *oe = &x->gz->ent[g->vent[other]];
        eg_yamlw_map_start(o, 1);
        eg_yamlw_kstr(o, "id", oe->id);
        eg_yamlw_kstr(o, "label", oe->label);
        eg_yamlw_knum(o, "weight", g->weight[ed]);
        eg_yamlw_map_end(o);
    }
    eg_yamlw_seq_end(o);
    eg_yamlw_map_end(o);
}

static void emit_relation(eg_yamlw *o, const ctx *x, uint32_t ed)
{
    const eg_graph *g = x->g;
    const eg_pair *p = &x->c->pair[g->epair[ed]];
    const eg_entity *a = &x->gz->ent[g->vent[g->ends[ed][0]]];
    const eg_entity *b = &x->gz->ent[g->vent[g->ends[ed][1]]];
    eg_yamlw_map_start(o, 0);
    eg_yamlw_kstr(o, "source", a->id);
    eg_yamlw_kstr(o, "target", b->id);
    eg_yamlw_kstr(o, "source_label", a->label);
    eg_yamlw_kstr(o, "target_label", b->label);
    eg_yamlw_knum(o, "weight", g->weight[ed]);
    eg_yamlw_kuint(o, "count", p->count);
    eg_yamlw_kuint(o, "documents", p->documents);
    for (int m = EG_M_PMI; m < EG_NMEASURES; m++)
        eg_yamlw_knum(o, eg_measure_name((eg_measure)m), g->measure[ed][m]);
    emit_dates(o, x, p->first_seen, p->last_seen, &x->c->pair_tl, g->epair[ed]);
    eg_yamlw_str(o, "evidence");
    eg_yamlw_seq_start(o, 0);
    for (uint32_t k = 0; k < p->nev; k++) {
        eg_yamlw_map_start(o, 0);
        eg_yamlw_kstr(o, "doc", p->ev[k].doc);
        eg_yamlw_kuint(o, "start", p->ev[k].start);
        eg_yamlw_kuint(o, "end", p->ev[k].end);
        eg_yamlw_kstr(o, "text", p->ev[k].text);
        eg_yamlw_map_end(o);
    }
    eg_yamlw_seq_end(o);
    eg_yamlw_map_end(o);
}

eg_status eg_export_yaml(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                         const eg_params *p, FILE *fp, const char *name, eg_error *err)
{
    ctx x = {g, c, gz};
    uint32_t *vorder = malloc((g->nv ? g->nv : 1) * sizeof *vorder);
    uint32_t *eorder = malloc((g->ne ? g->ne : 1) * sizeof *eorder);
    size_t maxforms = 1;
    for (size_t e = 0; e < c->nent; e++)
        if (c->ent[e].nforms > maxforms)
            maxforms = c->ent[e].nforms;
    eg_surface *forms = malloc(maxforms * sizeof *forms);
    uint32_t *top = malloc((g->nv ? g->nv : 1) * TOP_RELATIONS * sizeof *top);
    uint8_t *ntop = malloc(g->nv ? g->nv : 1);
    uint32_t *central = malloc((g->nv ? g->nv : 1) * sizeof *central);
    if (!vorder || !eorder || !forms || !top || !ntop || !central) {
        free(central);
        free(vorder);
        free(eorder);
        free(forms);
        free(top);
        free(ntop);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t v = 0; v < g->nv; v++)
        vorder[v] = (uint32_t)v;
    for (size_t e = 0; e < g->ne; e++)
        eorder[e] = (uint32_t)e;
    qsort_r(vorder, g->nv, sizeof *vorder, cmp_vertex, &x);
    qsort_r(eorder, g->ne, sizeof *eorder, cmp_edge, &x);
    top_relations(g, eorder, top, ntop);

    eg_yamlw o;
    if (eg_yamlw_open(&o, fp) != 0) {
        free(vorder);
        free(eorder);
        free(forms);
        free(top);
        free(ntop);
        free(central);
        return eg_error_add(err, EG_ENOMEM, "libyaml: cannot initialise the emitter");
    }
    eg_yamlw_doc_start(&o);
    eg_yamlw_map_start(&o, 0);

    eg_yamlw_kstr(&o, "generator", "entigraph " EG_VERSION);
    eg_yamlw_str(&o, "corpus");
    eg_yamlw_map_start(&o, 0);
    eg_yamlw_kuint(&o, "documents", c->ndocs);
    eg_yamlw_kuint(&o, "bytes", c->bytes);
    eg_yamlw_kuint(&o, "paragraphs", c->paragraphs);
    eg_yamlw_kuint(&o, "sentences", c->sentences);
    eg_yamlw_kuint(&o, "tokens", c->tokens);
    eg_yamlw_kuint(&o, "mentions", c->mentions);
    size_t mentioned = 0;
    for (size_t e = 0; e < c->nent; e++)
        mentioned += c->ent[e].mentions > 0;
    eg_yamlw_kuint(&o, "entities_mentioned", mentioned);
    if (c->dated) {
        char buf[32];
        eg_yamlw_kuint(&o, "dated_documents", c->dated);
        eg_date_format(c->first_date, buf, sizeof buf);
        eg_yamlw_kstr(&o, "first_date", buf);
        eg_date_format(c->last_date, buf, sizeof buf);
        eg_yamlw_kstr(&o, "last_date", buf);
    }
    eg_yamlw_map_end(&o);

    eg_yamlw_str(&o, "parameters");
    eg_yamlw_map_start(&o, 0);
    eg_yamlw_kstr(&o, "window", p->window);
    eg_yamlw_knum(&o, "min_weight", p->min_weight);
    eg_yamlw_str(&o, "types");
    eg_yamlw_seq_start(&o, 1);
    for (int t = 0; t < EG_NTYPES; t++)
        if (p->types >> t & 1)
            eg_yamlw_str(&o, eg_type_name((eg_type)t));
    eg_yamlw_seq_end(&o);
    eg_yamlw_str(&o, "demonyms");
    eg_yamlw_str(&o, p->demonyms ? "counted" : "ignored");
    if (p->exclude_kinds)
        eg_yamlw_kstr(&o, "exclude_kinds", p->exclude_kinds);
    eg_yamlw_str(&o, "gazetteers");
    eg_yamlw_seq_start(&o, 0);
    for (size_t i = 0; i < p->ngazetteers; i++)
        eg_yamlw_str(&o, p->gazetteers[i]);
    eg_yamlw_seq_end(&o);
    eg_yamlw_kuint(&o, "gazetteer_entities", gz->nent);
    if (p->wordlist)
        eg_yamlw_kstr(&o, "wordlist", p->wordlist);
    eg_yamlw_kstr(&o, "communities", "louvain (igraph multilevel, seed 42)");
    eg_yamlw_kstr(&o, "weight", eg_measure_name(p->weight));
    if (c->dated)
        eg_yamlw_kstr(&o, "period", eg_period_name(c->period));
    eg_yamlw_map_end(&o);

    eg_yamlw_str(&o, "graph");
    eg_yamlw_map_start(&o, 0);
    eg_yamlw_kuint(&o, "nodes", g->nv);
    eg_yamlw_kuint(&o, "edges", g->ne);
    eg_yamlw_knum(&o, "density", g->density);
    eg_yamlw_kuint(&o, "components", g->ncomponents);
    eg_yamlw_kuint(&o, "communities", g->ncomm);
    eg_yamlw_knum(&o, "modularity", g->modularity);
    emit_top(&o, &x, "top_by_degree", g->degree, central);
    emit_top(&o, &x, "top_by_strength", g->strength, central);
    emit_top(&o, &x, "top_by_pagerank", g->pagerank, central);
    emit_top(&o, &x, "top_by_betweenness", g->betweenness, central);
    eg_yamlw_map_end(&o);

    eg_yamlw_str(&o, "entities");
    eg_yamlw_seq_start(&o, 0);
    for (size_t i = 0; i < g->nv && !o.failed; i++)
        emit_entity(&o, &x, vorder[i], top + (size_t)vorder[i] * TOP_RELATIONS, ntop[vorder[i]],
                    forms);
    eg_yamlw_seq_end(&o);

    eg_yamlw_str(&o, "relations");
    eg_yamlw_seq_start(&o, 0);
    for (size_t i = 0; i < g->ne && !o.failed; i++)
        emit_relation(&o, &x, eorder[i]);
    eg_yamlw_seq_end(&o);

    eg_yamlw_str(&o, "communities");
    eg_yamlw_seq_start(&o, 0);
    /* members grouped by community (counting sort keeps the mention order) */
    size_t *first = calloc(g->ncomm + 1, sizeof *first);
    uint32_t *bycomm = malloc((g->nv ? g->nv : 1) * sizeof *bycomm);
    if (!first || !bycomm)
        o.failed = 1;
    for (size_t i = 0; i < g->nv && !o.failed; i++)
        first[g->community[i]]++; /* community ids are 1..ncomm */
    for (size_t k = 1, sum = 0; k <= g->ncomm && !o.failed; k++) {
        size_t n = first[k];
        first[k] = sum;
        sum += n;
    }
    for (size_t i = 0; i < g->nv && !o.failed; i++)
        bycomm[first[g->community[vorder[i]]]++] = vorder[i];
    for (size_t k = 0, at = 0; k < g->ncomm && !o.failed; k++) {
        eg_yamlw_map_start(&o, 0);
        eg_yamlw_kuint(&o, "id", k + 1);
        eg_yamlw_kuint(&o, "size", g->comm_size[k]);
        eg_yamlw_str(&o, "members");
        eg_yamlw_seq_start(&o, 1);
        for (size_t i = 0; i < g->comm_size[k]; i++)
            eg_yamlw_str(&o, x.gz->ent[g->vent[bycomm[at++]]].id);
        eg_yamlw_seq_end(&o);
        eg_yamlw_map_end(&o);
    }
    free(first);
    free(bycomm);
    eg_yamlw_seq_end(&o);

    eg_yamlw_map_end(&o);
    eg_yamlw_doc_end(&o);
    const char *problem;
    int failed = eg_yamlw_close(&o, &problem) != 0;
    free(vorder);
    free(eorder);
    free(forms);
    free(top);
    free(ntop);
    free(central);
    if (failed)
        return eg_error_add(err, EG_EIO, "%s: %s", name, problem);
    return EG_OK;
}
