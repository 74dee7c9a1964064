/*
 * export_dot.c - the graph as Graphviz DOT, written by cgraph.
 *
 * Nodes are named by entity id (stable across runs and corpora) and
 * labelled with the display name; colour and shape follow the type, and
 * pen width the edge weight. Attribute defaults are declared with agattr
 * before any object uses them, as cgraph requires. No layout is run here,
 * so the file carries no positions: dot, neato or sfdp lay it out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "export.h"

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

eg_status eg_export_dot(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                        FILE *fp, const char *name, eg_error *err)
{
    Agraph_t *dg = agopen("entigraph", Agstrictundirected, NULL);
    if (!dg)
        return eg_error_add(err, EG_EINTERNAL, "cgraph: cannot create a graph");
    agattr(dg, AGRAPH, "overlap", "false");
    agattr(dg, AGRAPH, "splines", "true");
    agattr(dg, AGRAPH, "outputorder", "edgesfirst");
    agattr(dg, AGRAPH, "fontname", "Helvetica");
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
    if (!nodes) {
        agclose(dg);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    char buf[1200], fill[8], line[8];
    for (size_t v = 0; v < g->nv; v++) {
        const eg_entity *e = &gz->ent[g->vent[v]];
        Agnode_t *n = agnode(dg, e->id, 1);
        nodes[v] = n;
        agxset(n, n_label, e->label);
        agxset(n, n_shape, (char *)shapes[e->type]);
        colours(e->type, fill, line);
        agxset(n, n_fill, fill);
        agxset(n, n_color, line);
        agxset(n, n_type, (char *)eg_type_name(e->type));
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)c->ent[g->vent[v]].mentions);
        agxset(n, n_mentions, buf);
        snprintf(buf, sizeof buf, "%s (%s): %llu mentions in %u documents", e->label,
                 eg_type_name(e->type), (unsigned long long)c->ent[g->vent[v]].mentions,
                 c->ent[g->vent[v]].documents);
        agxset(n, n_tip, buf);
        snprintf(buf, sizeof buf, "%u", g->community[v]);
        agxset(n, n_comm, buf);
    }
    double maxw = 0;
    for (size_t e = 0; e < g->ne; e++)
        if (g->weight[e] > maxw)
            maxw = g->weight[e];
    for (size_t e = 0; e < g->ne; e++) {
        Agedge_t *ed = agedge(dg, nodes[g->ends[e][0]], nodes[g->ends[e][1]], NULL, 1);
        snprintf(buf, sizeof buf, "%.2f", 0.5 + 5.5 * g->weight[e] / maxw);
        agxset(ed, e_pen, buf);
        /* dot wants an integer weight; counts are integers */
        snprintf(buf, sizeof buf, "%.0f", ceil(g->weight[e]));
        agxset(ed, e_weight, buf);
        const eg_pair *p = &c->pair[g->epair[e]];
        snprintf(buf, sizeof buf, "%s - %s: %llu co-occurrences in %u documents",
                 gz->ent[p->a].label, gz->ent[p->b].label, (unsigned long long)p->count,
                 p->documents);
        agxset(ed, e_tip, buf);
    }
    free(nodes);

    eg_status st = EG_OK;
    if (agwrite(dg, fp) != 0 || ferror(fp))
        st = eg_error_add(err, EG_EIO, "%s: cgraph could not write the graph", name);
    agclose(dg);
    return st;
}
