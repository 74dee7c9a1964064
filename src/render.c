/*
 * render.c - the graph drawn as SVG or PNG through Graphviz's gvc.
 *
 * It draws the very graph export_dot.c built and has just written as
 * graph.dot, so the picture and the file cannot disagree. It only adds
 * drawing attributes (after the DOT is written, like the pos and bb the
 * layout adds), lays the graph out, renders it and frees the layout.
 *
 * Layout. Up to NEATO_MAX nodes neato (stress majorization), which draws
 * small networks most readably, with edges routed as splines around the
 * nodes. Beyond, sfdp (multilevel force-directed) with straight edges:
 * neato and spline routing grow too slow there. Either way overlaps are
 * removed (prism) with a margin around every node, so no two labels touch,
 * and the start is fixed (neato: classical MDS, no randomness; sfdp: a
 * seed): the same graph gives the same picture, byte for byte. Edge
 * weights are not springs here (weight=1): the heaviest pairs would pull
 * their nodes onto each other.
 *
 * Encoding. Fill colour by type (graph.c's palette, lightened so that black
 * text reads on it; outline in the full colour); node and label size grow
 * with the square root of mentions, so areas follow mentions; edge width
 * with the square root of the weight; both bounded. Edges are translucent
 * grey, drawn under the nodes. A large graph labels its LABEL_MAX most
 * mentioned nodes; the others are dots of their type colour with a
 * tooltip. The legend is the graph's own HTML-like label under the drawing:
 * the four colours, what size and width mean and what is labelled. It is
 * not a node, so it takes no part in the layout and the SVG has exactly one
 * node group per entity.
 *
 * gvc keeps global state (loaded plugins, cgraph's error level and log), so
 * this runs on the main thread only. Graphviz's own messages are kept off
 * stderr while it works; the last one goes into the error when it fails.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "render.h"
#include "util/buf.h"

enum {
    NEATO_MAX = 100, /* nodes: neato up to this, sfdp beyond */
    LABEL_MAX = 80,  /* labelled nodes of a large graph */
};

int eg_render_parse(const char *s, eg_render_format *f)
{
    if (strcmp(s, "svg") == 0)
        *f = EG_RENDER_SVG;
    else if (strcmp(s, "png") == 0)
        *f = EG_RENDER_PNG;
    else
        return -1;
    return 0;
}

const char *eg_render_file(eg_render_format f)
{
    return f == EG_RENDER_SVG ? "graph.svg" : f == EG_RENDER_PNG ? "graph.png" : NULL;
}

typedef struct {
    Agnode_t *n;
    double mentions;
    const char *name;
    int type; /* eg_type, EG_NTYPES when unknown */
} rnode;

/* Most mentioned first, then by id: a total order, so a stable picture. */
static int by_mentions(const void *a, const void *b)
{
    const rnode *x = a, *y = b;
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* A number attribute of obj, or 0 when absent or not a number. */
static double num_attr(void *obj, Agsym_t *sym)
{
    char *s = sym ? agxget(obj, sym) : NULL, *end;
    double v = s ? strtod(s, &end) : 0;
    return s && end != s && v > 0 && isfinite(v) ? v : 0;
}

/* agxset with a formatted value (short: numbers and colours). */
static void setf(void *obj, Agsym_t *sym, const char *fmt, ...)
{
    char v[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    agxset(obj, sym, v);
}

/* The type colour at full strength and lightened towards white: black
 * text on the light fill has a contrast ratio of at least 7:1. */
static void colours(int t, char line[8], char fill[8])
{
    int rgb[3];
    eg_type_rgb((eg_type)t, rgb);
    snprintf(line, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    snprintf(fill, 8, "#%02x%02x%02x", 255 - (255 - rgb[0]) * 9 / 20,
             255 - (255 - rgb[1]) * 9 / 20, 255 - (255 - rgb[2]) * 9 / 20);
}

/* A square of side px with a fill and an outline, as a table cell. */
static int swatch(eg_buf *b, int px, const char *fill, const char *line)
{
    return eg_buf_printf(b,
                         "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\" BGCOLOR=\"%s\" "
                         "COLOR=\"%s\" BORDER=\"%d\"></TD>",
                         px, px, fill, line, px > 6 ? 2 : 1);
}

/* The legend, an HTML-like table of two columns (a sample, what it
 * means): the four type colours with their counts, then how node size and
 * edge width are read, then what the unlabelled dots are. No cell spans
 * both columns: Graphviz would share the extra width out between them and
 * push the samples away from their text. 0, or 1 when out of memory. */
static int legend(eg_buf *b, const size_t count[EG_NTYPES], size_t nv, size_t ne, size_t nlabel,
                  int fs, const char *measure)
{
    /* what edge widths show: the --weight of the build (graph.dot says) */
    static const char *const shown[][2] = {
        {"count", "co-occurrences"}, {"documents", "documents together"},
        {"pmi", "PMI"},              {"npmi", "NPMI"},
        {"jaccard", "Jaccard"},      {"dice", "Dice"},
        {"association", "association strength"}, {"llr", "log-likelihood (G&#178;)"},
    };
    const char *width = "co-occurrences";
    for (size_t i = 0; measure && i < sizeof shown / sizeof shown[0]; i++)
        if (strcmp(measure, shown[i][0]) == 0)
            width = shown[i][1];
    char line[8], fill[8];
    int rc = eg_buf_printf(b,
                           "<TABLE BORDER=\"1\" COLOR=\"#aaaaaa\" CELLBORDER=\"0\" "
                           "CELLSPACING=\"%d\" CELLPADDING=\"1\" BGCOLOR=\"white\">"
                           "<TR><TD></TD><TD ALIGN=\"LEFT\"><B>%zu entit%s, %zu "
                           "relation%s</B></TD></TR>",
                           fs / 3, nv, nv == 1 ? "y" : "ies", ne, ne == 1 ? "" : "s");
    for (int t = 0; t < EG_NTYPES && !rc; t++) {
        colours(t, line, fill);
        rc = eg_buf_printf(b, "<TR>") || swatch(b, fs, fill, line) ||
             eg_buf_printf(b, "<TD ALIGN=\"LEFT\">%s (%zu)</TD></TR>", eg_type_name((eg_type)t),
                           count[t]);
    }
    /* node size: a small and a large square; edge width: a thin and a
     * thick line */
    const char *nfill = "#dddddd", *nline = "#777777", *ecol = "#606060";
    if (!rc)
        rc = eg_buf_printf(b, "<TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"2\" "
                              "CELLPADDING=\"0\"><TR>") ||
             swatch(b, fs / 2, nfill, nline) || swatch(b, fs, nfill, nline) ||
             eg_buf_printf(b, "</TR></TABLE></TD><TD ALIGN=\"LEFT\">node size: mentions</TD>"
                              "</TR><TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"2\" "
                              "CELLPADDING=\"0\"><TR>") ||
             eg_buf_printf(b,
                           "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"1\" BGCOLOR=\"%s\">"
                           "</TD><TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\" "
                           "BGCOLOR=\"%s\"></TD></TR></TABLE></TD>"
                           "<TD ALIGN=\"LEFT\">edge width: %s</TD></TR>",
                           fs * 3 / 4, ecol, fs * 3 / 4, fs / 3, ecol, width);
    if (!rc && nlabel < nv)
        rc = eg_buf_printf(b, "<TR>") || swatch(b, fs / 2, nline, nline) ||
             eg_buf_printf(b, "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">no label: %zu of fewer mentions"
                              "<BR ALIGN=\"LEFT\"/>(hover for the name)</TD></TR>",
                           nv - nlabel);
    if (!rc)
        rc = eg_buf_printf(b, "</TABLE>");
    return rc != 0;
}

/* Sets every drawing attribute. Returns 0, or 1 when out of memory. */
static int style(Agraph_t *dg, int large)
{
    size_t nv = (size_t)agnnodes(dg), ne = (size_t)agnedges(dg);
    rnode *rn = calloc(nv ? nv : 1, sizeof *rn);
    if (!rn)
        return 1;
    Agsym_t *n_type = agattr(dg, AGNODE, "type", NULL);
    Agsym_t *n_mentions = agattr(dg, AGNODE, "mentions", NULL);
    size_t count[EG_NTYPES] = {0}, i = 0;
    double maxm = 1;
    for (Agnode_t *n = agfstnode(dg); n && i < nv; n = agnxtnode(dg, n), i++) {
        char *ts = n_type ? agxget(n, n_type) : "";
        rn[i] = (rnode){n, num_attr(n, n_mentions), agnameof(n), EG_NTYPES};
        for (int t = 0; t < EG_NTYPES; t++)
            if (strcmp(ts, eg_type_name((eg_type)t)) == 0)
                rn[i].type = t;
        if (rn[i].type < EG_NTYPES)
            count[rn[i].type]++;
        if (rn[i].mentions > maxm)
            maxm = rn[i].mentions;
    }
    nv = i;
    qsort(rn, nv, sizeof *rn, by_mentions);
    size_t nlabel = large && nv > LABEL_MAX ? LABEL_MAX : nv;

    /* graph: layout, overlap removal, seed, legend */
    agattr(dg, AGRAPH, "overlap", "prism");
    /* prism's first scaling to one average label size, not four: compact */
    agattr(dg, AGRAPH, "overlap_scaling", "-1");
    agattr(dg, AGRAPH, "sep", large ? "+6" : "+20");
    agattr(dg, AGRAPH, "esep", large ? "+3" : "+8");
    agattr(dg, AGRAPH, "splines", large ? "false" : "true");
    /* neato: a classical-MDS start, no randomness at all; sfdp: a seed */
    agattr(dg, AGRAPH, "start", large ? "1" : "self");
    agattr(dg, AGRAPH, "pad", "0.3");
    agattr(dg, AGRAPH, "bgcolor", "white");
    agattr(dg, AGRAPH, "outputorder", "edgesfirst");
    agattr(dg, AGRAPH, "labelloc", "b");
    agattr(dg, AGRAPH, "labeljust", "l");
    int lfont = large ? 20 : 13;
    char fs[16];
    snprintf(fs, sizeof fs, "%d", lfont);
    agattr(dg, AGRAPH, "fontsize", fs);
    eg_buf b = EG_BUF_INIT;
    int oom = legend(&b, count, nv, ne, nlabel, lfont, agget(dg, "weight_measure"));
    if (!oom) {
        char *html = agstrdup_html(dg, b.data);
        oom = !html;
        if (html) {
            agattr(dg, AGRAPH, "label", html);
            agstrfree(dg, html);
        }
    }
    eg_buf_free(&b);

    /* nodes: colour by type, size by mentions, labels on the top ones */
    Agsym_t *n_label = agattr(dg, AGNODE, "label", NULL);
    Agsym_t *n_shape = agattr(dg, AGNODE, "shape", NULL);
    Agsym_t *n_fill = agattr(dg, AGNODE, "fillcolor", NULL);
    Agsym_t *n_color = agattr(dg, AGNODE, "color", NULL);
    Agsym_t *n_fontsize = agattr(dg, AGNODE, "fontsize", "14");
    Agsym_t *n_width = agattr(dg, AGNODE, "width", "0.75");
    Agsym_t *n_height = agattr(dg, AGNODE, "height", "0.5");
    Agsym_t *n_fixed = agattr(dg, AGNODE, "fixedsize", "false");
    Agsym_t *n_pen = agattr(dg, AGNODE, "penwidth", "1.2");
    Agsym_t *n_style = agattr(dg, AGNODE, "style", "filled");
    agattr(dg, AGNODE, "margin", "0.08,0.04");
    agattr(dg, AGNODE, "fontcolor", "black");
    for (i = 0; i < nv && !oom; i++) {
        Agnode_t *n = rn[i].n;
        double r = sqrt(rn[i].mentions / maxm); /* in (0, 1] */
        char line[8] = "#7f7f7f", fill[8] = "#dddddd";
        if (rn[i].type < EG_NTYPES)
            colours(rn[i].type, line, fill);
        agxset(n, n_color, line);
        if (i < nlabel) {
            /* graph.dot's shapes, but box-like: a hexagon or a house is
             * half again as wide as its label */
            int t = rn[i].type;
            agxset(n, n_shape, t == EG_PERSON ? "ellipse" : t == EG_PLACE ? "cds" : "box");
            agxset(n, n_style, t == EG_ORGANIZATION ? "filled,rounded" : "filled");
            agxset(n, n_fill, fill);
            setf(n, n_fontsize, "%.1f", large ? 14 + 22 * r : 11 + 13 * r);
            setf(n, n_height, "%.2f", 0.3 + 0.45 * r);
            setf(n, n_width, "%.2f", 0.4 + 0.6 * r);
        } else {
            /* a dot of the type colour; the tooltip keeps the name */
            agxset(n, n_label, "");
            agxset(n, n_shape, "circle");
            agxset(n, n_fill, line);
            agxset(n, n_fixed, "true");
            agxset(n, n_pen, "0.5");
            setf(n, n_width, "%.2f", 0.1 + 0.4 * r);
            setf(n, n_height, "%.2f", 0.1 + 0.4 * r);
        }
    }
    free(rn);

    /* edges: width by weight, translucent grey */
    Agsym_t *e_weight = agattr(dg, AGEDGE, "weight", NULL);
    Agsym_t *e_pen = agattr(dg, AGEDGE, "penwidth", "1");
    Agsym_t *e_color = agattr(dg, AGEDGE, "color", "#00000066");
    double maxw = 1;
    for (Agnode_t *n = agfstnode(dg); n; n = agnxtnode(dg, n))
        for (Agedge_t *e = agfstout(dg, n); e; e = agnxtout(dg, e))
            if (num_attr(e, e_weight) > maxw)
                maxw = num_attr(e, e_weight);
    /* stronger edges wider and darker; weight back to 1, as in neato
     * it is a spring's stiffness and heavy pairs would crush the rest */
    for (Agnode_t *n = agfstnode(dg); n && !oom; n = agnxtnode(dg, n))
        for (Agedge_t *e = agfstout(dg, n); e; e = agnxtout(dg, e)) {
            double r = sqrt(num_attr(e, e_weight) / maxw);
            setf(e, e_pen, "%.2f", large ? 0.3 + 3.7 * r : 0.6 + 6.4 * r);
            setf(e, e_color, "#505050%02x", (int)(large ? 0x20 + 0x50 * r : 0x50 + 0x60 * r));
            if (e_weight)
                agxset(e, e_weight, "1");
        }
    return oom;
}

/* The last message Graphviz logged, on one line, without the list of
 * plugins that may follow it; NULL if none. The caller frees it. */
static char *last_message(void)
{
    char *m = aglasterr();
    if (!m)
        return NULL;
    char *cut = strstr(m, " Use one of:");
    if (cut)
        *cut = '\0';
    for (char *p = m; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    size_t n = strlen(m);
    while (n && m[n - 1] == ' ')
        m[--n] = '\0';
    return m;
}

static eg_status gv_error(eg_error *err, const char *name, const char *what)
{
    char *m = last_message();
    int plugin = m && strstr(m, "not recognized");
    eg_status st = eg_error_add(err, EG_EINTERNAL, "%s: Graphviz cannot %s%s%s%s", name, what,
                                m && *m ? ": " : "", m ? m : "",
                                plugin ? " (are Graphviz's plugins installed? Debian package "
                                         "graphviz)"
                                       : "");
    free(m);
    return st;
}

eg_status eg_render_graph(Agraph_t *dg, eg_render_format fmt, FILE *fp, const char *name,
                          eg_error *err)
{
    const char *format = fmt == EG_RENDER_PNG ? "png" : fmt == EG_RENDER_SVG ? "svg" : NULL;
    if (!format)
        return eg_error_add(err, EG_EINTERNAL, "%s: no such picture format", name);
    int large = agnnodes(dg) > NEATO_MAX;
    const char *engine = large ? "sfdp" : "neato";
    if (style(dg, large) != 0)
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);

    /* Graphviz's warnings (font substitutions ...) would break -q; they go
     * to cgraph's log instead, and its last error into ours */
    agerrlevel_t level = agseterr(AGMAX);
    agreseterrors();
    eg_status st = EG_OK;
    GVC_t *gvc = gvContext();
    int laid_out = 0;
    if (!gvc) {
        st = eg_error_add(err, EG_EINTERNAL, "%s: Graphviz cannot start (gvContext)", name);
    } else if (!(laid_out = gvLayout(gvc, dg, engine) == 0) || agerrors() >= AGERR) {
        char what[64];
        snprintf(what, sizeof what, "lay out the graph with %s", engine);
        st = gv_error(err, name, what);
    } else {
        /* into memory, then written here: on a short write gvRender
         * would exit() and leave the temporary files behind */
        char *data = NULL;
        unsigned int len = 0;
        if (gvRenderData(gvc, dg, format, &data, &len) != 0 || agerrors() >= AGERR)
            st = gv_error(err, name, fmt == EG_RENDER_PNG ? "draw PNG" : "draw SVG");
        else if (fwrite(data, 1, len, fp) != len || ferror(fp))
            st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", name, strerror(errno));
        gvFreeRenderData(data);
    }
    if (laid_out)
        gvFreeLayout(gvc, dg);
    if (gvc)
        gvFreeContext(gvc);
    agseterr(level);
    return st;
}
