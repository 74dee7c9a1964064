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

#include <yaml.h>

#include "export.h"
#include "util/buf.h"

#define TOP_RELATIONS 10

typedef struct {
    yaml_emitter_t em;
    int failed;
} out;

static void emit(out *o, yaml_event_t *ev)
{
    if (o->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&o->em, ev))
        o->failed = 1;
}

/* Plain scalars that YAML 1.1 or 1.2 would resolve to a non-string. */
static int needs_quotes(const char *s)
{
    static const char *const words[] = {"y", "n", "yes", "no", "true", "false", "on", "off",
                                        "null", "~", ".nan", ".inf", "-.inf", "+.inf", NULL};
    if (!*s)
        return 1;
    for (const char *const *w = words; *w; w++)
        if (strcasecmp(s, *w) == 0)
            return 1;
    char *end;
    strtod(s, &end);
    if (*end == '\0')
        return 1;
    /* 1_000, 0x1F, 12:30 (sexagesimal) */
    if ((*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.')
        return strspn(s, "0123456789_:.+-xXabcdefABCDEFoO") == strlen(s);
    return 0;
}

/* Scalars come from file names and gazetteers, which need not be valid
 * UTF-8 (libyaml refuses such a scalar): invalid bytes become U+FFFD. */
static void str(out *o, const char *s)
{
    if (o->failed)
        return;
    eg_buf clean = EG_BUF_INIT;
    if (eg_buf_append_clean(&clean, s, strlen(s)) != 0) {
        o->failed = 1;
        eg_buf_free(&clean);
        return;
    }
    yaml_event_t ev;
    int q = needs_quotes(clean.data);
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)clean.data, (int)clean.len,
                                      !q, 1,
                                      q ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE))
        o->failed = 1;
    else
        emit(o, &ev);
    eg_buf_free(&clean);
}

/* A number or null, written as it is. */
static void plain(out *o, const char *buf)
{
    yaml_event_t ev;
    if (o->failed)
        return;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)buf, (int)strlen(buf), 1, 1,
                                      YAML_PLAIN_SCALAR_STYLE))
        o->failed = 1;
    else
        emit(o, &ev);
}

static void num(out *o, const char *fmt, double v)
{
    char buf[64];
    if (isnan(v))
        snprintf(buf, sizeof buf, "null");
    else
        snprintf(buf, sizeof buf, fmt, v);
    plain(o, buf);
}

static void uint_(out *o, unsigned long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", v);
    plain(o, buf);
}

static void map_start(out *o, int flow)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit(o, &ev);
}

static void map_end(out *o)
{
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    emit(o, &ev);
}

static void seq_start(out *o, int flow)
{
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit(o, &ev);
}

static void seq_end(out *o)
{
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    emit(o, &ev);
}

static void kstr(out *o, const char *k, const char *v)
{
    str(o, k);
    str(o, v);
}

static void kuint(out *o, const char *k, unsigned long long v)
{
    str(o, k);
    uint_(o, v);
}

static void knum(out *o, const char *k, double v)
{
    str(o, k);
    num(o, "%.6g", v);
}

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

static void emit_entity(out *o, const ctx *x, uint32_t v, const uint32_t *top, uint8_t ntop,
                        eg_surface *forms)
{
    const eg_graph *g = x->g;
    const eg_entity *e = &x->gz->ent[g->vent[v]];
    const eg_entity_stats *es = &x->c->ent[g->vent[v]];
    map_start(o, 0);
    kstr(o, "id", e->id);
    kstr(o, "label", e->label);
    kstr(o, "type", eg_type_name(e->type));
    if (e->wikidata)
        kstr(o, "wikidata", e->wikidata);
    if (e->kind)
        kstr(o, "kind", e->kind);
    kuint(o, "mentions", es->mentions);
    if (es->demonym_mentions)
        kuint(o, "demonym_mentions", es->demonym_mentions);
    kuint(o, "documents", es->documents);
    knum(o, "degree", g->degree[v]);
    knum(o, "strength", g->strength[v]);
    knum(o, "pagerank", g->pagerank[v]);
    knum(o, "betweenness", g->betweenness[v]);
    kuint(o, "community", g->community[v]);
    str(o, "surface_forms");
    memcpy(forms, es->forms, es->nforms * sizeof *forms);
    qsort(forms, es->nforms, sizeof *forms, cmp_form);
    map_start(o, 0);
    for (size_t k = 0; k < es->nforms; k++)
        kuint(o, forms[k].form, forms[k].count);
    map_end(o);
    str(o, "relations");
    seq_start(o, 0);
    for (uint8_t i = 0; i < ntop; i++) {
        uint32_t ed = top[i];
        uint32_t other = g->ends[ed][0] == v ? g->ends[ed][1] : g->ends[ed][0];
        const eg_entity *oe = &x->gz->ent[g->vent[other]];
        map_start(o, 1);
        kstr(o, "id", oe->id);
        kstr(o, "label", oe->label);
        knum(o, "weight", g->weight[ed]);
        map_end(o);
    }
    seq_end(o);
    map_end(o);
}

static void emit_relation(out *o, const ctx *x, uint32_t ed)
{
    const eg_graph *g = x->g;
    const eg_pair *p = &x->c->pair[g->epair[ed]];
    const eg_entity *a = &x->gz->ent[g->vent[g->ends[ed][0]]];
    const eg_entity *b = &x->gz->ent[g->vent[g->ends[ed][1]]];
    map_start(o, 0);
    kstr(o, "source", a->id);
    kstr(o, "target", b->id);
    kstr(o, "source_label", a->label);
    kstr(o, "target_label", b->label);
    knum(o, "weight", g->weight[ed]);
    kuint(o, "count", p->count);
    kuint(o, "documents", p->documents);
    str(o, "evidence");
    map_start(o, 0);
    kstr(o, "doc", p->ev_doc);
    kuint(o, "start", p->ev_start);
    kuint(o, "end", p->ev_end);
    kstr(o, "text", p->ev_text);
    map_end(o);
    map_end(o);
}

static int write_yaml(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, (FILE *)data) == size;
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
    if (!vorder || !eorder || !forms || !top || !ntop) {
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

    out o = {0};
    if (!yaml_emitter_initialize(&o.em)) {
        free(vorder);
        free(eorder);
        free(forms);
        free(top);
        free(ntop);
        return eg_error_add(err, EG_ENOMEM, "libyaml: cannot initialise the emitter");
    }
    yaml_emitter_set_output(&o.em, write_yaml, fp);
    yaml_emitter_set_unicode(&o.em, 1);
    yaml_emitter_set_width(&o.em, -1);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&o, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&o, &ev);
    map_start(&o, 0);

    kstr(&o, "generator", "entigraph " EG_VERSION);
    str(&o, "corpus");
    map_start(&o, 0);
    kuint(&o, "documents", c->ndocs);
    kuint(&o, "bytes", c->bytes);
    kuint(&o, "paragraphs", c->paragraphs);
    kuint(&o, "sentences", c->sentences);
    kuint(&o, "tokens", c->tokens);
    kuint(&o, "mentions", c->mentions);
    size_t mentioned = 0;
    for (size_t e = 0; e < c->nent; e++)
        mentioned += c->ent[e].mentions > 0;
    kuint(&o, "entities_mentioned", mentioned);
    map_end(&o);

    str(&o, "parameters");
    map_start(&o, 0);
    kstr(&o, "window", p->window);
    knum(&o, "min_weight", p->min_weight);
    str(&o, "types");
    seq_start(&o, 1);
    for (int t = 0; t < EG_NTYPES; t++)
        if (p->types >> t & 1)
            str(&o, eg_type_name((eg_type)t));
    seq_end(&o);
    str(&o, "demonyms");
    str(&o, p->demonyms ? "counted" : "ignored");
    if (p->exclude_kinds)
        kstr(&o, "exclude_kinds", p->exclude_kinds);
    str(&o, "gazetteers");
    seq_start(&o, 0);
    for (size_t i = 0; i < p->ngazetteers; i++)
        str(&o, p->gazetteers[i]);
    seq_end(&o);
    kuint(&o, "gazetteer_entities", gz->nent);
    if (p->wordlist)
        kstr(&o, "wordlist", p->wordlist);
    kstr(&o, "communities", "louvain (igraph multilevel, seed 42)");
    map_end(&o);

    str(&o, "graph");
    map_start(&o, 0);
    kuint(&o, "nodes", g->nv);
    kuint(&o, "edges", g->ne);
    knum(&o, "density", g->density);
    kuint(&o, "components", g->ncomponents);
    kuint(&o, "communities", g->ncomm);
    knum(&o, "modularity", g->modularity);
    map_end(&o);

    str(&o, "entities");
    seq_start(&o, 0);
    for (size_t i = 0; i < g->nv && !o.failed; i++)
        emit_entity(&o, &x, vorder[i], top + (size_t)vorder[i] * TOP_RELATIONS, ntop[vorder[i]],
                    forms);
    seq_end(&o);

    str(&o, "relations");
    seq_start(&o, 0);
    for (size_t i = 0; i < g->ne && !o.failed; i++)
        emit_relation(&o, &x, eorder[i]);
    seq_end(&o);

    str(&o, "communities");
    seq_start(&o, 0);
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
        map_start(&o, 0);
        kuint(&o, "id", k + 1);
        kuint(&o, "size", g->comm_size[k]);
        str(&o, "members");
        seq_start(&o, 1);
        for (size_t i = 0; i < g->comm_size[k]; i++)
            str(&o, x.gz->ent[g->vent[bycomm[at++]]].id);
        seq_end(&o);
        map_end(&o);
    }
    free(first);
    free(bycomm);
    seq_end(&o);

    map_end(&o);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&o, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&o, &ev);
    int failed = o.failed || !yaml_emitter_flush(&o.em);
    const char *problem = o.em.problem;
    yaml_emitter_delete(&o.em);
    free(vorder);
    free(eorder);
    free(forms);
    free(top);
    free(ntop);
    if (failed)
        return eg_error_add(err, EG_EIO, "%s: libyaml: %s", name,
                            problem ? problem : "cannot write the summary");
    return EG_OK;
}
