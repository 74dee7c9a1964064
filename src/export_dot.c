/*
 * export_dot.c - the graph as Graphviz DOT, written by cgraph.
 *
 * Nodes are named by entity id (stable across runs and corpora) and
 * labelled with the display name; colour and shape follow the type, and
 * pen width the edge weight. Attribute defaults are declared with agattr
 * before any object uses them, as cgraph requires. No layout is run before
 * the file is written, so it carries no positions: dot, neato or sfdp lay
 * it out. With --render the same graph, built once, is then handed to
 * render.c, which adds drawing attributes, lays it out and draws it.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "export.h"
#include "render.h"
#include "util/buf.h"

static const char *const shapes[EG_NTYPES] = {"ellipse", "box", "hexagon", "house"};

/* A light fill and a saturated outline of the type colour. */
static void colours(eg_type t, char fill[8], char line[8])
{
    int rgb[3];
    eg_type_rgb(t, rgb);
    snprintf(line, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    snprintf(fill, 8, "#%02x%02x%02x", 255 - (255 - rgb[0]) * 2 / 5, 255 - (255 - rgb[1]) * 2 / 5,
             255 - (255 - rgb[2]) * 2 / 5);
}

/* Formats into b (cleared first) and doubles backslashes: Graphviz reads
 * \N, \n, \l ... in labels as escapes, and cgraph leaves a trailing
 * backslash unquoted, which breaks the file. Returns 0 or 1 (no memory). */
static int dot_text(eg_buf *b, const char *fmt, ...)
{
    eg_buf raw = EG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    int rc = n < 0 || eg_buf_reserve(&raw, (size_t)n) != 0;
    if (!rc) {
        va_start(ap, fmt);
        vsnprintf(raw.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        raw.len = (size_t)n;
    }
    eg_buf_clear(b);
    for (size_t i = 0; !rc && i < raw.len; i++) {
        if (raw.data[i] == '\\')
            rc = eg_buf_putc(b, '\\') != 0;
        if (!rc)
            rc = eg_buf_putc(b, raw.data[i]) != 0;
    }
    if (!rc && !b->data)
        rc = eg_buf_reserve(b, 0) != 0;
    if (!rc)
        b->data[b->len] = '\0';
    eg_buf_free(&raw);
    return rc;
}

/* Builds the cgraph graph of g with its display attributes: the one graph
 * that is written as graph.dot and, with --render, then laid out and
 * drawn. *out is owned by the caller (agclose). */
static eg_status build(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                       const char *name, Agraph_t **out, eg_error *err)
{
    Agraph_t *dg = agopen("entigraph", Agstrictundirected, NULL);
    if (!dg)
        return eg_error_add(err, EG_EINTERNAL, "cgraph: cannot create a graph");
    agattr(dg, AGRAPH, "overlap", "false");
    agattr(dg, AGRAPH, "splines", "true");
    agattr(dg, AGRAPH, "outputorder", "edgesfirst");
    agattr(dg, AGRAPH, "fontname", "Helvetica");
    /* what pen widths show, for readers and the legend of render.c */
    agattr(dg, AGRAPH, "weight_measure", (char *)eg_measure_name(g->weight_measure));
    Agsym_t *n_label = agattr(dg, AGNODE, "label", "");
    Agsym_t *n_shape = agattr(dg, AGNODE, "shape", "ellipse");
    agattr(dg, AGNODE, "style", "filled");
    agattr(dg, AGNODE, "fontname", "Helvetica");
    Agsym_t *n_fill = agattr(dg, AGNODE, "fillcolor", "white");
    Agsym_t *n_color = agattr(dg, AGNODE, "color", "black");
    Agsym_t *n_tip = agattr(dg, AGNODE, "tooltip", "");
    Agsym_t *n_type = agattr(dg, AGNODE, "type", "");
    Agsym_t *n_mentions = agattr(dg, AGNODE, "mentions", "0");
    Agsym_t *n_comm = agattr(dg, AGNODE, "community", "0");
    Agsym_t *e_pen = agattr(dg, AGEDGE, "penwidth", "1");
    Agsym_t *e_weight = agattr(dg, AGEDGE, "weight", "1");
    Agsym_t *e_tip = agattr(dg, AGEDGE, "tooltip", "");
    agattr(dg, AGEDGE, "color", "#00000066");

    Agnode_t **nodes = calloc(g->nv ? g->nv : 1, sizeof *nodes);
    eg_buf b = EG_BUF_INIT;
    int oom = !nodes;
    char num[64], fill[8], line[8];
    for (size_t v = 0; v < g->nv && !oom; v++) {
        const eg_entity *e = &gz->ent[g->vent[v]];
        const eg_entity_stats *es = &c->ent[g->vent[v]];
        Agnode_t *n = agnode(dg, e->id, 1);
        nodes[v] = n;
        oom |= dot_text(&b, "%s", e->label);
        agxset(n, n_label, b.data);
        agxset(n, n_shape, (char *)shapes[e->type]);
        colours(e->type, fill, line);
        agxset(n, n_fill, fill);
        agxset(n, n_color, line);
        agxset(n, n_type, (char *)eg_type_name(e->type));
        snprintf(num, sizeof num, "%llu", (unsigned long long)es->mentions);
        agxset(n, n_mentions, num);
        oom |= dot_text(&b, "%s (%s): %llu mentions in %u documents", e->label,
                        eg_type_name(e->type), (unsigned long long)es->mentions, es->documents);
        agxset(n, n_tip, b.data);
        snprintf(num, sizeof num, "%u", g->community[v]);
        agxset(n, n_comm, num);
    }
    double maxw = 0;
    for (size_t e = 0; e < g->ne; e++)
        if (g->weight[e] > maxw)
            maxw = g->weight[e];
    for (size_t e = 0; e < g->ne && !oom; e++) {
        Agedge_t *ed = agedge(dg, nodes[g->ends[e][0]], nodes[g->ends[e][1]], NULL, 1);
        snprintf(num, sizeof num, "%.2f", 0.5 + 5.5 * g->weight[e] / maxw);
        agxset(ed, e_pen, num);
        /* dot wants an integer weight; counts are integers */
        snprintf(num, sizeof num, "%.0f", ceil(g->weight[e]));
        agxset(ed, e_weight, num);
        const eg_pair *p = &c->pair[g->epair[e]];
        /* endpoints in vertex (id) order, not gazetteer load order */
        oom |= dot_text(&b, "%s - %s: %llu co-occurrences in %u documents",
                        gz->ent[g->vent[g->ends[e][0]]].label, gz->ent[g->vent[g->ends[e][1]]].label,
                        (unsigned long long)p->count, p->documents);
        agxset(ed, e_tip, b.data);
    }
    free(nodes);
    eg_buf_free(&b);
    if (oom) {
        agclose(dg);
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    }
    *out = dg;
    return EG_OK;
}

eg_status eg_export_dot_render(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                               FILE *fp, const char *name, const eg_render_out *r, eg_error *err)
{
    Agraph_t *dg = NULL;
    EG_CHECK(build(g, c, gz, name, &dg, err));
    eg_status st = EG_OK;
    /* written before any layout, which would add pos and bb */
    if (agwrite(dg, fp) != 0 || ferror(fp))
        st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", name, strerror(errno));
    if (st == EG_OK && r && r->fmt != EG_RENDER_NONE)
        st = eg_render_graph(dg, r->fmt, r->fp, r->name, err);
    agclose(dg);
    return st;
}

eg_status eg_export_dot(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                        FILE *fp, const char *name, eg_error *err)
{
    return eg_export_dot_render(g, c, gz, fp, name, NULL, err);
}
