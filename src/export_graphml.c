/*
 * export_graphml.c - the graph as GraphML for Gephi, yEd, networkx and
 * igraph, written with libxml2's xmlTextWriter.
 *
 * igraph's own writer names the nodes n0, n1, ... and declares every
 * number a double; readers then see "mentions" as 3.0 and cannot find a
 * node by its entity. So the file is written here, from the attributes
 * graph.c sets on the igraph graph (the one list of columns), in the
 * order it sets them:
 *
 *   - one <key> per node attribute, then one per edge attribute, with ids
 *     v_NAME and e_NAME (nodes and edges both have "documents", and key
 *     ids must be unique) and the plain name as attr.name, which is what
 *     Gephi shows; no graph-level key (Gephi complains about those);
 *   - attr.type: string, boolean, or for numbers the whole-number type
 *     of whole_keys below (int, or long where a count may pass 2^31),
 *     double otherwise;
 *   - node id = the entity id (attribute "entity"), which is unique;
 *     edges name their ends by it, in the graph's (source, target) order.
 *
 * Numbers are printed as igraph printed them ("%.15g"; whole-number keys
 * with "%.0f", never with an exponent); a number that is not finite gets
 * no <data>, a missing value. xmlTextWriter escapes & < > and quotes;
 * characters XML 1.0 cannot carry at all (C0 controls other than tab,
 * newline and carriage return; U+FFFE, U+FFFF) are written as U+FFFD.
 * Nothing depends on time or memory addresses: the same graph gives the
 * same bytes.
 *
 * The xmlTextWriter of both XML writers is made here (eg_xml_writer):
 * libxml2 is started once before two threads use it, and a write error
 * is kept for the message ("cannot write: File too large") instead of
 * being printed by libxml2.
 */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "util/buf.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

typedef struct {
    FILE *fp;
    int *errnum;
} xml_sink;

/* Never returns -1: libxml2 would print "I/O error" on stderr itself. */
static int sink_write(void *ctx, const char *buf, int len)
{
    xml_sink *s = ctx;
    errno = 0;
    if (len > 0 && !*s->errnum && fwrite(buf, 1, (size_t)len, s->fp) != (size_t)len)
        *s->errnum = errno ? errno : EIO;
    return len;
}

static int sink_close(void *ctx)
{
    free(ctx);
    return 0;
}

xmlTextWriterPtr eg_xml_writer(FILE *fp, int *errnum)
{
    pthread_once(&xml_once, xml_init);
    *errnum = 0;
    xml_sink *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    *s = (xml_sink){fp, errnum};
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(sink_write, sink_close, s, NULL);
    if (!out) {
        free(s);
        return NULL;
    }
    xmlTextWriterPtr w = xmlNewTextWriter(out);
    if (!w) {
        xmlOutputBufferClose(out); /* frees s */
        return NULL;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    return w;
}

/* The attributes whose values are whole numbers, and their GraphML type:
 * long for counts of mentions, documents and windows (64- or unsigned
 * 32-bit in cooccur.h), int for the rest. Colours r g b are integers
 * because Gephi reads them so. */
static const struct {
    char elem; /* 'v' node, 'e' edge */
    const char *name;
    const char *type;
} whole_keys[] = {
    {'v', "mentions", "long"}, {'v', "documents", "long"}, {'v', "degree", "int"},
    {'v', "community", "int"}, {'v', "r", "int"},          {'v', "g", "int"},
    {'v', "b", "int"},         {'e', "count", "long"},     {'e', "documents", "long"},
};

/* One attribute: key is "v_NAME" or "e_NAME", name points into it. */
typedef struct {
    char key[80];
    const char *name;
    igraph_attribute_type_t type;
    const char *xml_type;
    int whole;
} column;

typedef struct {
    xmlTextWriterPtr w;
    int failed; /* a libxml2 call failed */
    int errnum; /* a write failed (eg_xml_writer) */
    eg_buf tmp; /* a string with characters XML cannot carry, replaced */
} gw;

static void start(gw *x, const char *el)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST el) < 0)
        x->failed = 1;
}

static void end(gw *x)
{
    if (xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

static void attr(gw *x, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
        x->failed = 1;
}

/* The length of the character at s that XML 1.0 cannot carry, or 0. */
static size_t not_xml(const unsigned char *s)
{
    if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r')
        return 1;
    if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
        return 3;
    return 0;
}

/* s, or a copy in x->tmp with every character XML cannot carry replaced
 * by U+FFFD; NULL when out of memory. */
static const char *xml_safe(gw *x, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && !not_xml(p))
        p++;
    if (!*p)
        return s;
    eg_buf_clear(&x->tmp);
    int rc = eg_buf_append(&x->tmp, s, (size_t)((const char *)p - s));
    while (*p && rc == 0) {
        size_t n = not_xml(p);
        rc = n ? eg_buf_append(&x->tmp, "\xEF\xBF\xBD", 3) : eg_buf_putc(&x->tmp, (char)*p);
        p += n ? n : 1;
    }
    if (rc == 0)
        rc = eg_buf_putc(&x->tmp, '\0');
    return rc == 0 ? x->tmp.data : NULL;
}

static void data_string(gw *x, const char *key, const char *value)
{
    const char *s = xml_safe(x, value ? value : "");
    if (!s) {
        x->failed = 1;
        return;
    }
    start(x, "data");
    attr(x, "key", key);
    if (xmlTextWriterWriteString(x->w, BAD_CAST s) < 0)
        x->failed = 1;
    end(x);
}

/* One <data> of column c for vertex or edge i. */
static void data(gw *x, const igraph_t *g, int vertex, const column *c, igraph_integer_t i)
{
    char buf[64];
    switch (c->type) {
    case IGRAPH_ATTRIBUTE_STRING:
        data_string(x, c->key, vertex ? VAS(g, c->name, i) : EAS(g, c->name, i));
        return;
    case IGRAPH_ATTRIBUTE_BOOLEAN:
        data_string(x, c->key,
                    (vertex ? VAB(g, c->name, i) : EAB(g, c->name, i)) ? "true" : "false");
        return;
    case IGRAPH_ATTRIBUTE_NUMERIC: {
        double v = vertex ? VAN(g, c->name, i) : EAN(g, c->name, i);
        if (!isfinite(v))
            return;
        snprintf(buf, sizeof buf, c->whole ? "%.0f" : "%.15g", v);
        data_string(x, c->key, buf);
        return;
    }
    default:
        return; /* no other kind is set by graph.c */
    }
}

/* The columns of one kind of element ('v' or 'e') from igraph's list,
 * appended at cols[*n]. */
static igraph_error_t add_columns(const igraph_strvector_t *names, const igraph_vector_int_t *types,
                                  char elem, column *cols, size_t *n)
{
    for (igraph_integer_t i = 0; i < igraph_strvector_size(names); i++) {
        column *c = &cols[(*n)++];
        const char *name = igraph_strvector_get(names, i);
        if ((size_t)snprintf(c->key, sizeof c->key, "%c_%s", elem, name) >= sizeof c->key)
            IGRAPH_ERROR("attribute name too long for a GraphML key", IGRAPH_EINVAL);
        c->name = c->key + 2;
        c->type = (igraph_attribute_type_t)VECTOR(*types)[i];
        c->whole = 0;
        switch (c->type) {
        case IGRAPH_ATTRIBUTE_STRING: c->xml_type = "string"; break;
        case IGRAPH_ATTRIBUTE_BOOLEAN: c->xml_type = "boolean"; break;
        case IGRAPH_ATTRIBUTE_NUMERIC:
            c->xml_type = "double";
            for (size_t k = 0; k < sizeof whole_keys / sizeof *whole_keys; k++)
                if (whole_keys[k].elem == elem && strcmp(whole_keys[k].name, c->name) == 0) {
                    c->xml_type = whole_keys[k].type;
                    c->whole = 1;
                }
            break;
        default: IGRAPH_ERROR("attribute of a type GraphML cannot hold", IGRAPH_EINVAL);
        }
    }
    return IGRAPH_SUCCESS;
}

/* The node columns, then the edge columns, in the order graph.c set
 * them, into *out (owned by the caller, who frees it). */
static igraph_error_t list_columns(const igraph_t *g, column **out, size_t *nv, size_t *ne)
{
    igraph_strvector_t gn, vn, en;
    igraph_vector_int_t gt, vt, et;
    IGRAPH_STRVECTOR_INIT_FINALLY(&gn, 0);
    IGRAPH_STRVECTOR_INIT_FINALLY(&vn, 0);
    IGRAPH_STRVECTOR_INIT_FINALLY(&en, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&gt, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&vt, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&et, 0);
    IGRAPH_CHECK(igraph_cattribute_list(g, &gn, &gt, &vn, &vt, &en, &et));
    size_t n = (size_t)(igraph_strvector_size(&vn) + igraph_strvector_size(&en));
    column *cols = calloc(n ? n : 1, sizeof *cols);
    IGRAPH_CHECK_OOM(cols, "GraphML columns");
    IGRAPH_FINALLY(igraph_free, cols);
    *nv = *ne = 0;
    IGRAPH_CHECK(add_columns(&vn, &vt, 'v', cols, nv));
    IGRAPH_CHECK(add_columns(&en, &et, 'e', cols + *nv, ne));
    igraph_vector_int_destroy(&et);
    igraph_vector_int_destroy(&vt);
    igraph_vector_int_destroy(&gt);
    igraph_strvector_destroy(&en);
    igraph_strvector_destroy(&vn);
    igraph_strvector_destroy(&gn);
    IGRAPH_FINALLY_CLEAN(7);
    *out = cols;
    return IGRAPH_SUCCESS;
}

static void keys(gw *x, const char *for_, const column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        start(x, "key");
        attr(x, "id", cols[i].key);
        attr(x, "for", for_);
        attr(x, "attr.name", cols[i].name);
        attr(x, "attr.type", cols[i].xml_type);
        end(x);
    }
}

static void write_graph(gw *x, const eg_graph *eg, const column *vc, size_t nvc,
                        const column *ec, size_t nec)
{
    const igraph_t *g = &eg->g;
    if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
        x->failed = 1;
    start(x, "graphml");
    attr(x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
    attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    attr(x, "xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns "
                                  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
    if (xmlTextWriterWriteComment(x->w, BAD_CAST " Created by entigraph " EG_VERSION " ") < 0)
        x->failed = 1;
    keys(x, "node", vc, nvc);
    keys(x, "edge", ec, nec);
    start(x, "graph");
    attr(x, "id", "G");
    attr(x, "edgedefault", "undirected");
    for (size_t v = 0; v < eg->nv && !x->failed && !x->errnum; v++) {
        start(x, "node");
        attr(x, "id", VAS(g, "entity", (igraph_integer_t)v));
        for (size_t k = 0; k < nvc; k++)
            data(x, g, 1, &vc[k], (igraph_integer_t)v);
        end(x);
    }
    for (size_t e = 0; e < eg->ne && !x->failed && !x->errnum; e++) {
        start(x, "edge");
        attr(x, "source", VAS(g, "entity", (igraph_integer_t)eg->ends[e][0]));
        attr(x, "target", VAS(g, "entity", (igraph_integer_t)eg->ends[e][1]));
        for (size_t k = 0; k < nec; k++)
            data(x, g, 0, &ec[k], (igraph_integer_t)e);
        end(x);
    }
    end(x); /* graph */
    end(x); /* graphml */
    if (xmlTextWriterEndDocument(x->w) < 0)
        x->failed = 1;
}

eg_status eg_export_graphml(const eg_graph *g, FILE *fp, const char *name, eg_error *err)
{
    column *cols = NULL;
    size_t nvc = 0, nec = 0;
    if (list_columns(&g->g, &cols, &nvc, &nec) != IGRAPH_SUCCESS ||
        !igraph_cattribute_has_attr(&g->g, IGRAPH_ATTRIBUTE_VERTEX, "entity")) {
        free(cols);
        return eg_error_add(err, EG_EINTERNAL, "%s: the graph's attributes cannot be written",
                            name);
    }
    gw x = {NULL, 0, 0, EG_BUF_INIT};
    if (!(x.w = eg_xml_writer(fp, &x.errnum))) {
        free(cols);
        return eg_error_add(err, EG_ENOMEM, "%s: libxml2: cannot start the writer", name);
    }
    write_graph(&x, g, cols, nvc, cols + nvc, nec);
    xmlFreeTextWriter(x.w); /* flushes into fp, which stays open */
    eg_buf_free(&x.tmp);
    free(cols);
    if (x.errnum || ferror(fp))
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", name,
                            strerror(x.errnum ? x.errnum : EIO));
    if (x.failed)
        return eg_error_add(err, EG_ENOMEM, "%s: libxml2 cannot write the GraphML", name);
    return EG_OK;
}
