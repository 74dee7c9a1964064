/*
 * export_gexf.c - the graph as GEXF for Gephi and networkx, with its
 * timeline.
 *
 * GEXF 1.2 (namespace http://www.gexf.net/1.2draft) by default: Gephi
 * reads it, and so does networkx (read_gexf knows 1.1draft and 1.2draft
 * only; on 1.3 it finds "No <graph> element"). GEXF 1.3 on request. The
 * two differ here only in the namespaces, the version attribute and the
 * graph's timerepresentation (1.3 only; 1.2's intervals are the same
 * closed intervals); the attribute types used (string, boolean, integer,
 * long, double) are in both.
 *
 * Written with libxml2's xmlTextWriter, which escapes and encodes. When
 * documents carry dates, the graph is dynamic (timeformat "date", closed
 * intervals): a node or an edge exists in the periods where it was seen,
 * as spells (consecutive periods joined into one), and carries its
 * mentions or count per period as a dynamic attribute, so Gephi's
 * timeline can play the story. Without dates the graph is static. Node
 * colour and size and the attributes match the GraphML export, whole
 * numbers typed integer or long as there.
 */
#include <errno.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"

typedef struct {
    xmlTextWriterPtr w;
    int failed; /* a libxml2 call failed */
    int errnum; /* a write failed (eg_xml_writer) */
    const eg_cooccur *c;
} gx;

static void start(gx *x, const char *el)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST el) < 0)
        x->failed = 1;
}

static void end(gx *x)
{
    if (xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

static void attr(gx *x, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
        x->failed = 1;
}

static void attrf(gx *x, const char *name, const char *fmt, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, fmt, v);
    attr(x, name, buf);
}

static void attvalue(gx *x, const char *key, const char *value)
{
    start(x, "attvalue");
    attr(x, "for", key);
    attr(x, "value", value);
    end(x);
}

static void attvalue_num(gx *x, const char *key, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", v);
    attvalue(x, key, buf);
}

/* A whole number (an integer or long attribute): never an exponent. */
static void attvalue_whole(gx *x, const char *key, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.0f", v);
    attvalue(x, key, buf);
}

static void declare(gx *x, const char *cls, const char *mode, const char *const *keys,
                    const char *const *types, size_t n)
{
    start(x, "attributes");
    attr(x, "class", cls);
    attr(x, "mode", mode);
    for (size_t i = 0; i < n; i++) {
        start(x, "attribute");
        attr(x, "id", keys[i]);
        attr(x, "title", keys[i]);
        attr(x, "type", types[i]);
        end(x);
    }
    end(x);
}

/* One value of the dynamic attribute key per period, for the points
 * tl->p[at, at + n). */
static void period_values(gx *x, const eg_timeline *tl, size_t at, size_t n, const char *key)
{
    char a[16], b[16], num[32];
    for (size_t i = at; i < at + n; i++) {
        uint32_t first, last;
        eg_period_span(x->c->period, tl->p[i].period, &first, &last);
        eg_date_format(first, a, sizeof a);
        eg_date_format(last, b, sizeof b);
        snprintf(num, sizeof num, "%llu", (unsigned long long)tl->p[i].n);
        start(x, "attvalue");
        attr(x, "for", key);
        attr(x, "value", num);
        attr(x, "start", a);
        attr(x, "end", b);
        end(x);
    }
}

/* The spells of the points tl->p[at, at + n): periods that follow one
 * another are joined into one spell. */
static void spells(gx *x, const eg_timeline *tl, size_t at, size_t n)
{
    eg_period per = x->c->period;
    char a[16], b[16];
    start(x, "spells");
    for (size_t i = at; i < at + n;) {
        uint32_t s0, e0, s1, e1;
        eg_period_span(per, tl->p[i].period, &s0, &e0);
        size_t j = i + 1;
        for (; j < at + n; j++) {
            eg_period_span(per, tl->p[j].period, &s1, &e1);
            if (eg_date_next(e0) != s1)
                break;
            e0 = e1;
        }
        eg_date_format(s0, a, sizeof a);
        eg_date_format(e0, b, sizeof b);
        start(x, "spell");
        attr(x, "start", a);
        attr(x, "end", b);
        end(x);
        i = j;
    }
    end(x);
}

int eg_gexf_version_parse(const char *s, eg_gexf_version *v)
{
    if (strcmp(s, "1.2") == 0)
        *v = EG_GEXF_1_2;
    else if (strcmp(s, "1.3") == 0)
        *v = EG_GEXF_1_3;
    else
        return -1;
    return 0;
}

eg_status eg_export_gexf(const eg_graph *g, const eg_cooccur *c, const eg_gazetteer *gz,
                         eg_gexf_version version, FILE *fp, const char *name, eg_error *err)
{
    gx x = {NULL, 0, 0, c};
    xmlTextWriterPtr w = x.w = eg_xml_writer(fp, &x.errnum);
    if (!w)
        return eg_error_add(err, EG_ENOMEM, "%s: libxml2: cannot start the writer", name);
    int dynamic = c->dated > 0;
    if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0)
        x.failed = 1;
    static const struct {
        const char *ns, *version;
    } vers[] = {
        [EG_GEXF_1_2] = {"http://www.gexf.net/1.2draft", "1.2"},
        [EG_GEXF_1_3] = {"http://gexf.net/1.3", "1.3"},
    };
    const char *ns = vers[version].ns;
    char viz[64], schema[128];
    snprintf(viz, sizeof viz, "%s/viz", ns);
    snprintf(schema, sizeof schema, "%s %s/gexf.xsd", ns, ns);
    start(&x, "gexf");
    attr(&x, "xmlns", ns);
    attr(&x, "xmlns:viz", viz);
    attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    attr(&x, "xsi:schemaLocation", schema);
    attr(&x, "version", vers[version].version);
    start(&x, "meta");
    start(&x, "creator");
    if (xmlTextWriterWriteString(w, BAD_CAST "entigraph " EG_VERSION) < 0)
        x.failed = 1;
    end(&x);
    end(&x);
    start(&x, "graph");
    attr(&x, "defaultedgetype", "undirected");
    attr(&x, "mode", dynamic ? "dynamic" : "static");
    if (dynamic) {
        attr(&x, "timeformat", "date");
        if (version == EG_GEXF_1_3)
            attr(&x, "timerepresentation", "interval");
    }
    static const char *const nkeys[] = {"type",     "mentions",  "documents",
                                        "degree",   "strength",  "pagerank",
                                        "betweenness", "community", "discovered"};
    static const char *const ntypes[] = {"string", "long",   "long",    "integer", "double",
                                         "double", "double", "integer", "boolean"};
    static const char *const ekeys[] = {"count", "documents", "pmi", "npmi",
                                        "jaccard", "dice", "association", "llr"};
    static const char *const etypes[] = {"long", "long", "double", "double",
                                         "double", "double", "double", "double"};
    declare(&x, "node", "static", nkeys, ntypes, 9);
    declare(&x, "edge", "static", ekeys, etypes, 8);
    if (dynamic) {
        static const char *const nd[] = {"mentions_in_period"}, *const ed[] = {"count_in_period"};
        static const char *const lt[] = {"long"};
        declare(&x, "node", "dynamic", nd, lt, 1);
        declare(&x, "edge", "dynamic", ed, lt, 1);
    }

    uint64_t maxm = 1;
    for (size_t v = 0; v < g->nv; v++)
        if (c->ent[g->vent[v]].mentions > maxm)
            maxm = c->ent[g->vent[v]].mentions;
    start(&x, "nodes");
    for (size_t v = 0; v < g->nv && !x.failed && !x.errnum; v++) {
        uint32_t e = g->vent[v];
        const eg_entity *en = &gz->ent[e];
        start(&x, "node");
        attr(&x, "id", en->id);
        attr(&x, "label", en->label);
        start(&x, "attvalues");
        attvalue(&x, "type", eg_type_name(en->type));
        attvalue_whole(&x, "mentions", (double)c->ent[e].mentions);
        attvalue_whole(&x, "documents", c->ent[e].documents);
        attvalue_whole(&x, "degree", g->degree[v]);
        attvalue_num(&x, "strength", g->strength[v]);
        attvalue_num(&x, "pagerank", g->pagerank[v]);
        attvalue_num(&x, "betweenness", g->betweenness[v]);
        attvalue_whole(&x, "community", g->community[v]);
        attvalue(&x, "discovered", en->discovered ? "true" : "false");
        size_t n = 0, at = dynamic ? eg_timeline_find(&c->ent_tl, e, &n) : 0;
        if (n)
            period_values(&x, &c->ent_tl, at, n, "mentions_in_period");
        end(&x);
        if (n)
            spells(&x, &c->ent_tl, at, n);
        int rgb[3];
        eg_type_rgb(en->type, rgb);
        start(&x, "viz:color");
        attrf(&x, "r", "%.0f", rgb[0]);
        attrf(&x, "g", "%.0f", rgb[1]);
        attrf(&x, "b", "%.0f", rgb[2]);
        end(&x);
        start(&x, "viz:size");
        attrf(&x, "value", "%.0f",
              round(10.0 + 40.0 * sqrt((double)c->ent[e].mentions / (double)maxm)));
        end(&x);
        end(&x);
    }
    end(&x);
    start(&x, "edges");
    for (size_t ed = 0; ed < g->ne && !x.failed && !x.errnum; ed++) {
        char id[32];
        snprintf(id, sizeof id, "%zu", ed);
        start(&x, "edge");
        attr(&x, "id", id);
        attr(&x, "source", gz->ent[g->vent[g->ends[ed][0]]].id);
        attr(&x, "target", gz->ent[g->vent[g->ends[ed][1]]].id);
        attrf(&x, "weight", "%.15g", g->weight[ed]);
        start(&x, "attvalues");
        for (int m = 0; m < EG_NMEASURES; m++)
            (strcmp(etypes[m], "long") == 0 ? attvalue_whole : attvalue_num)(&x, ekeys[m],
                                                                         g->measure[ed][m]);
        size_t n = 0, at = dynamic ? eg_timeline_find(&c->pair_tl, g->epair[ed], &n) : 0;
        if (n)
            period_values(&x, &c->pair_tl, at, n, "count_in_period");
        end(&x);
        if (n)
            spells(&x, &c->pair_tl, at, n);
        end(&x);
    }
    end(&x);
    end(&x); /* graph */
    end(&x); /* gexf */
    if (xmlTextWriterEndDocument(w) < 0)
        x.failed = 1;
    xmlFreeTextWriter(w); /* flushes into fp, which stays open */
    if (x.errnum || ferror(fp))
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", name,
                            strerror(x.errnum ? x.errnum : EIO));
    if (x.failed)
        return eg_error_add(err, EG_ENOMEM, "%s: libxml2 cannot write the GEXF", name);
    return EG_OK;
}
