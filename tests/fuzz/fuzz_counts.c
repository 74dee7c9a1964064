/* libFuzzer harness: count records (entigraph merge and build
 * --from-counts read them from other machines). The input is merged, and
 * read into an accumulator over a small gazetteer; then what merge wrote
 * must merge again to itself (merging is idempotent). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts.h"

static const char GAZ[] = "- id: russia\n  label: Russia\n  type: country\n"
                          "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n"
                          "- id: vladimir-putin\n  label: Vladimir Putin\n  type: person\n";
static eg_gazetteer *G;

static void load(void)
{
    char path[] = "/tmp/eg-fuzz-counts-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, GAZ, sizeof GAZ - 1) != (ssize_t)(sizeof GAZ - 1))
        abort();
    close(fd);
    eg_error err;
    eg_error_init(&err);
    G = eg_gazetteer_new();
    if (!G || eg_gazetteer_load(G, path, &err) != EG_OK || eg_gazetteer_finish(G, &err) != EG_OK)
        abort();
    unlink(path);
}

/* merges in into a fresh buffer; returns it (caller frees) or NULL */
static char *merge(const char *in, size_t n, size_t *out_len)
{
    FILE *fi = fmemopen((void *)in, n, "r");
    char *buf = NULL;
    FILE *fo = open_memstream(&buf, out_len);
    if (!fi || !fo)
        abort();
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_counts_merge(fi, "in", fo, "out", &err);
    fclose(fi);
    fclose(fo);
    if (st != EG_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!G)
        load();
    if (size == 0)
        return 0;
    size_t n1 = 0, n2 = 0;
    char *once = merge((const char *)data, size, &n1);
    if (once && n1) {
        char *twice = merge(once, n1, &n2);
        if (!twice || n2 != n1 || memcmp(once, twice, n1) != 0)
            abort();
        free(twice);
    }
    free(once);
    FILE *fi = fmemopen((void *)data, size, "r");
    eg_cooccur *c = eg_cooccur_new(G->nent, (eg_window){EG_WIN_SENTENCE, 0});
    if (!fi || !c)
        abort();
    eg_counts_params p;
    eg_error err;
    eg_error_init(&err);
    /* discovered entities (D records, d: ids) go to a registry of their own */
    eg_registry found;
    eg_registry_init(&found, (uint32_t)G->nent);
    if (eg_counts_read(fi, "in", G, &found, c, &p, &err) == EG_OK)
        eg_counts_params_free(&p);
    if (c->nent > G->nent + found.n)
        abort();
    eg_registry_free(&found);
    fclose(fi);
    eg_cooccur_free(c);
    return 0;
}
