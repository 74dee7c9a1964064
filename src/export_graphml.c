/*
 * export_graphml.c - the graph as GraphML for Gephi, written by igraph.
 *
 * igraph writes every numeric attribute as a double. Gephi takes node
 * colours from integer keys r, g and b, so the declarations of those
 * three keys (and only those) are rewritten to attr.type="int"; their
 * values are already whole numbers. No graph-level attribute is set, so
 * no graph-level key is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "util/buf.h"

static int is_colour_key(const char *line, size_t n)
{
    static const char *const keys[] = {"attr.name=\"r\"", "attr.name=\"g\"", "attr.name=\"b\""};
    if (n < 5 || memmem(line, n, "<key ", 5) == NULL || !memmem(line, n, "for=\"node\"", 10))
        return 0;
    for (int i = 0; i < 3; i++)
        if (memmem(line, n, keys[i], strlen(keys[i])))
            return 1;
    return 0;
}

eg_status eg_export_graphml(const eg_graph *g, FILE *fp, const char *name, eg_error *err)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *ms = open_memstream(&mem, &len);
    if (!ms)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    /* prefixed key ids (v_documents, e_documents): GraphML wants them unique, and
     * nodes and edges share names; attr.name keeps the plain name for Gephi */
    igraph_error_t ie = igraph_write_graph_graphml(&g->g, ms, 1);
    if (fclose(ms) != 0 || ie != IGRAPH_SUCCESS) {
        free(mem);
        return eg_error_add(err, EG_EINTERNAL, "%s: igraph cannot write GraphML", name);
    }
    const char *p = mem, *end = mem + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        const char *dbl = memmem(p, n, "attr.type=\"double\"", 18);
        if (dbl && is_colour_key(p, n)) {
            fwrite(p, 1, (size_t)(dbl - p), fp);
            fputs("attr.type=\"int\"", fp);
            fwrite(dbl + 18, 1, n - (size_t)(dbl + 18 - p), fp);
        } else {
            fwrite(p, 1, n, fp);
        }
        p += n;
    }
    free(mem);
    if (ferror(fp))
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", name, strerror(errno));
    return EG_OK;
}
