/* libFuzzer harness: count records the way `entigraph build --from-counts`
 * takes them (cli_build.c's read_counts and run): read into an
 * accumulator over a small gazetteer, discovered entities adopted, then
 * the graph built and every export written, timelines and dates
 * included. Checks that
 *   - sums never wrap: the input read twice over either fails for a sum
 *     too large (and for nothing else) or holds every sum doubled;
 *   - the reader and the merger agree: when both take the input, the
 *     merged records read back to the same sums;
 *   - every timeline period and date read is one that exists. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts.h"
#include "export.h"
#include "graph.h"
#include "tagger.h"

static const char GAZ[] = "- id: russia\n  label: Russia\n  type: country\n"
                          "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n"
                          "- id: vladimir-putin\n  label: Vladimir Putin\n  type: person\n";
static char gaz_path[] = "/tmp/eg-fuzz-fromcounts-XXXXXX";
static FILE *devnull;

static void remove_gazetteer(void)
{
    unlink(gaz_path);
}

/* Every input loads the gazetteer afresh (adoption adds to it): the
 * file stays for the run. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    int fd = mkstemp(gaz_path);
    if (fd < 0 || write(fd, GAZ, sizeof GAZ - 1) != (ssize_t)(sizeof GAZ - 1))
        abort();
    close(fd);
    atexit(remove_gazetteer);
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    return 0;
}

/* What one reading gave: the tagger (its gazetteer and registry of
 * discovered entities), the accumulator and the parameters. */
typedef struct {
    eg_tagger *tg;
    eg_cooccur *co;
    eg_counts_params p;
    eg_error err;
    int ok;
} reading;

static void reading_free(reading *r)
{
    if (r->ok)
        eg_counts_params_free(&r->p);
    eg_cooccur_free(r->co);
    eg_tagger_free(r->tg);
}

/* Reads n bytes of data, times times over, as build --from-counts does. */
static void read_counts(reading *r, const char *data, size_t n, int times)
{
    memset(r, 0, sizeof *r);
    eg_error_init(&r->err);
    const char *gz[] = {gaz_path};
    eg_tagger_opts o = {gz, 1, NULL, NULL, 0, {EG_ALL_TYPES, 1, NULL, 1}, 1, NULL, 0, NULL};
    if (eg_tagger_new(&o, &r->tg, &r->err) != EG_OK)
        abort();
    size_t len = n * (size_t)times;
    char *buf = malloc(len ? len : 1);
    if (!buf)
        abort();
    for (int i = 0; i < times; i++)
        memcpy(buf + (size_t)i * n, data, n);
    FILE *in = fmemopen(buf, len, "r");
    r->co = eg_cooccur_new(r->tg->gz->nent, (eg_window){EG_WIN_SENTENCE, 0});
    if (!in || !r->co)
        abort();
    r->ok = eg_counts_read(in, "in", r->tg->gz, &r->tg->found, r->co, &r->p, &r->err) == EG_OK;
    fclose(in);
    free(buf);
}

/* Merges data into a new buffer (caller frees); NULL when merge refuses. */
static char *merge(const char *data, size_t n, size_t *out_len)
{
    FILE *in = fmemopen((void *)data, n, "r");
    char *buf = NULL;
    FILE *out = open_memstream(&buf, out_len);
    if (!in || !out)
        abort();
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_counts_merge(in, "in", out, "out", &err);
    fclose(in);
    fclose(out);
    if (st != EG_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int twice(uint64_t a, uint64_t b)
{
    return a <= UINT64_MAX / 2 && b == 2 * a;
}

/* b holds a's sums doubled (both read, before adoption: the same
 * entities in the same order). */
static void check_doubled(const eg_cooccur *a, const eg_cooccur *b)
{
    if (!twice(a->bytes, b->bytes) || !twice(a->mentions, b->mentions) ||
        !twice(a->tokens, b->tokens) || !twice(a->windows, b->windows) ||
        !twice(a->ndocs, b->ndocs) || a->nent != b->nent || a->npair != b->npair)
        abort();
    for (size_t e = 0; e < a->nent; e++) {
        const eg_entity_stats *x = &a->ent[e], *y = &b->ent[e];
        if (!twice(x->mentions, y->mentions) || !twice(x->windows, y->windows) ||
            !twice(x->documents, y->documents) || x->nforms != y->nforms)
            abort();
        for (size_t k = 0; k < x->nforms; k++)
            if (!twice(x->forms[k].count, y->forms[k].count))
                abort();
    }
    for (size_t i = 0; i < a->npair; i++)
        if (!twice(a->pair[i].count, b->pair[i].count) ||
            !twice(a->pair[i].documents, b->pair[i].documents))
            abort();
    for (size_t i = 0; i < a->ent_tl.n; i++)
        if (!twice(a->ent_tl.p[i].n, b->ent_tl.p[i].n))
            abort();
}

/* Sums of a and b agree, entity by entity (found by id: merging sorts). */
static void check_same(const reading *a, const reading *b)
{
    const eg_cooccur *x = a->co, *y = b->co;
    if (x->bytes != y->bytes || x->mentions != y->mentions || x->ndocs != y->ndocs ||
        x->dated != y->dated || x->first_date != y->first_date ||
        x->last_date != y->last_date || x->npair != y->npair ||
        x->ent_tl.n != y->ent_tl.n || x->pair_tl.n != y->pair_tl.n)
        abort();
    for (size_t e = 0; e < a->tg->gz->nent && e < x->nent; e++) {
        long f = eg_gazetteer_find(b->tg->gz, a->tg->gz->ent[e].id);
        if (f < 0 || (size_t)f >= y->nent)
            abort();
        if (x->ent[e].mentions != y->ent[f].mentions ||
            x->ent[e].documents != y->ent[f].documents ||
            x->ent[e].first_seen != y->ent[f].first_seen)
            abort();
    }
}

/* What --from-counts does once the records are read: adopt, finish,
 * build and export. Dates and periods must exist. */
static void build(reading *r)
{
    eg_error err;
    eg_error_init(&err);
    uint32_t *perm;
    size_t n;
    size_t base = r->tg->gz->nent;
    if (eg_tagger_adopt(r->tg, &perm, &n, &err) != EG_OK)
        return;
    eg_status st = eg_cooccur_renumber(r->co, base, perm, n, &err);
    free(perm);
    if (st == EG_OK)
        st = eg_cooccur_reserve(r->co, r->tg->gz->nent, &err);
    if (st != EG_OK || eg_window_parse(r->p.window, &r->co->win) != 0 ||
        eg_cooccur_finish(r->co, &err) != EG_OK)
        return;
    const eg_timeline *tls[] = {&r->co->ent_tl, &r->co->pair_tl};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < tls[t]->n; i++) {
            uint32_t first, last;
            eg_period_span(r->co->period, tls[t]->p[i].period, &first, &last);
            if (!first || !last || first > last)
                abort();
        }
    eg_graph_opts go;
    eg_graph_defaults(&go);
    go.jobs = 1;
    eg_graph *g = NULL;
    if (eg_graph_build(r->co, r->tg->gz, &go, &g, &err) != EG_OK)
        return;
    const char *gz[] = {gaz_path};
    eg_params p = {r->p.window, 1, EG_ALL_TYPES, r->p.demonyms, r->p.exclude_kinds, gz, 1,
                   NULL, go.weight};
    (void)eg_export_dot(g, r->co, r->tg->gz, devnull, "graph.dot", &err);
    (void)eg_export_graphml(g, devnull, "graph.graphml", &err);
    (void)eg_export_gexf(g, r->co, r->tg->gz, EG_GEXF_1_2, devnull, "graph.gexf", &err);
    (void)eg_export_yaml(g, r->co, r->tg->gz, &p, devnull, "summary.yaml", &err);
    eg_graph_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    reading once;
    read_counts(&once, d, size, 1);
    if (!once.ok) {
        reading_free(&once);
        return 0;
    }
    /* read twice over: sums doubled, or refused for a sum too large */
    if (size && d[size - 1] == '\n') {
        reading two;
        read_counts(&two, d, size, 2);
        if (two.ok)
            check_doubled(once.co, two.co);
        else if (!strstr(two.err.msg, "overflows") && !strstr(two.err.msg, "too many documents"))
            abort();
        reading_free(&two);
    }
    /* merged, the same sums */
    size_t mlen = 0;
    char *merged = merge(d, size, &mlen);
    if (merged) {
        reading back;
        read_counts(&back, merged, mlen, 1);
        if (!back.ok)
            abort();
        check_same(&once, &back);
        reading_free(&back);
        free(merged);
    }
    build(&once);
    reading_free(&once);
    return 0;
}
