/*
 * cli_build.c - `entigraph build`: documents in, graph files out.
 *
 * All four outputs are written under temporary names and renamed only
 * after every one of them is complete, so an error leaves the previous
 * run's files untouched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cooccur.h"
#include "corpus.h"
#include "counts.h"
#include "export.h"
#include "graph.h"
#include "pipeline.h"
#include "util/atomic.h"
#include "util/buf.h"

static void help(void)
{
    printf("Usage: entigraph build [options] INPUT...\n"
           "Build the co-occurrence graph of the entities mentioned in the documents.\n"
           "INPUT is a file, a directory (walked recursively in sorted order) or - for stdin.\n"
           "Writes graph.dot, graph.graphml, summary.yaml and mentions.tsv into the\n"
           "output directory.\n"
           "\n"
           "Options:\n"
           "  -o, --out DIR             output directory (default: out)\n"
           "      --window W            co-occurrence window: sentence, paragraph, document,\n"
           "                            or a number N of tokens (default: sentence)\n"
           "      --min-weight X        drop edges whose weight is below X (default: 1)\n"
           "      --from-counts FILE    build from count records (entigraph count, merged)\n"
           "                            instead of INPUT; - for stdin. Writes all but\n"
           "                            mentions.tsv; the window and demonyms are the counts'\n"
           "%s",
           cli_common_help);
}

enum { F_DOT, F_GRAPHML, F_YAML, F_TSV, NFILES };
static const char *const file_names[NFILES] = {"graph.dot", "graph.graphml", "summary.yaml",
                                               "mentions.tsv"};

typedef struct {
    eg_atomic af[NFILES];
    int open[NFILES];
    int n; /* files written: all, or all but mentions.tsv */
} outputs;

static void abort_all(outputs *o)
{
    for (int i = 0; i < o->n; i++)
        if (o->open[i]) {
            eg_atomic_abort(&o->af[i]);
            o->open[i] = 0;
        }
}

static eg_status open_all(outputs *o, const char *dir, eg_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return eg_error_add(err, EG_EIO, "%s: cannot create directory: %s", dir, strerror(errno));
    for (int i = 0; i < o->n; i++) {
        eg_buf p = EG_BUF_INIT;
        if (eg_buf_printf(&p, "%s/%s", dir, file_names[i]) != 0) {
            abort_all(o);
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        }
        eg_status st = eg_atomic_open(&o->af[i], p.data, err);
        eg_buf_free(&p);
        if (st != EG_OK) {
            abort_all(o);
            return st;
        }
        o->open[i] = 1;
    }
    return EG_OK;
}

/* Finishes (writes, syncs, closes) all four files before renaming any, so
 * a write error or a full disk leaves the previous outputs in place. */
static eg_status commit_all(outputs *o, eg_error *err)
{
    /* a directory where an output goes would stop the renames half-way */
    for (int i = 0; i < o->n; i++) {
        struct stat sb;
        if (stat(o->af[i].path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            eg_error_add(err, EG_EIO, "%s: is a directory; move it out of the way",
                         o->af[i].path);
            abort_all(o);
            return EG_EIO;
        }
    }
    for (int i = 0; i < o->n; i++) {
        eg_status st = eg_atomic_finish(&o->af[i], err);
        if (st != EG_OK) {
            o->open[i] = 0; /* finish released it */
            for (int k = 0; k < o->n; k++)
                if (o->open[k]) {
                    eg_atomic_abort(&o->af[k]); /* removes finished ones too */
                    o->open[k] = 0;
                }
            return st;
        }
    }
    /* all four or none: an interrupt waits until the renames are done */
    eg_status st = EG_OK;
    eg_atomic_hold_signals(1);
    for (int i = 0; i < o->n; i++) {
        o->open[i] = 0;
        eg_status s = eg_atomic_rename(&o->af[i], err);
        if (st == EG_OK)
            st = s;
    }
    eg_atomic_hold_signals(0);
    return st;
}

typedef struct {
    cli_common c;
    const char *outdir;
    eg_window window;
    const char *window_arg;
    int window_given;
    double min_weight;
    const char *from_counts; /* a file of count records, or "-" */
} build_opts;

typedef struct {
    eg_cooccur *co;
    const eg_gazetteer *gz;
    eg_atomic *tsv;
} build_ctx;

static eg_status count_doc(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    build_ctx *x = ud;
    x->co->bytes += doc->len;
    EG_CHECK(eg_cooccur_add(x->co, doc->id, doc->data, &tg->text, &tg->mentions, err));
    if (eg_write_mentions(x->tsv->fp, EG_FMT_TSV, x->gz, doc, &tg->mentions) != 0)
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", x->tsv->path, strerror(errno));
    return EG_OK;
}

/* Reads --from-counts into a new *co and *cp, and checks them against the
 * options given. Returns an exit code. */
static int read_counts(build_opts *bo, const eg_gazetteer *gz, eg_cooccur **co,
                       eg_counts_params *cp, eg_error *err)
{
    const char *path = bo->from_counts;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "r");
    if (!in) {
        eg_error_add(err, EG_EIO, "%s: cannot open: %s", path, strerror(errno));
        return cli_fail(err);
    }
    /* the window is known only once read: made with it, then set */
    eg_status st = (*co = eg_cooccur_new(gz->nent, bo->window)) ? EG_OK
                   : eg_error_add(err, EG_ENOMEM, "out of memory");
    if (st == EG_OK)
        st = eg_counts_read(in, is_stdin ? "standard input" : path, gz, *co, cp, err);
    if (!is_stdin)
        fclose(in);
    if (st != EG_OK)
        return cli_fail(err);
    if (eg_window_parse(cp->window, &(*co)->win) != 0)
        return eg_error_add(err, EG_EINPUT, "%s: unknown window '%s'", path, cp->window),
               cli_fail(err);
    if (bo->window_given && strcmp(bo->window_arg, cp->window) != 0)
        return cli_usage_error("build", "--window %s, but the counts were made with --window %s",
                               bo->window_arg, cp->window);
    if (!bo->c.resolve.demonyms && cp->demonyms)
        return cli_usage_error("build", "--no-demonyms, but the counts include demonyms");
    if (bo->c.exclude_kinds &&
        (!cp->exclude_kinds || strcmp(bo->c.exclude_kinds, cp->exclude_kinds) != 0))
        return cli_usage_error("build", "--exclude-kinds %s, but the counts were made with %s",
                               bo->c.exclude_kinds,
                               cp->exclude_kinds ? cp->exclude_kinds : "none");
    bo->window_arg = cp->window;
    bo->c.resolve.demonyms = cp->demonyms;
    bo->c.exclude_kinds = cp->exclude_kinds;
    return 0;
}

static int run(build_opts *bo, char **inputs, size_t ninputs)
{
    eg_tagger *tg = NULL;
    eg_corpus *corpus = NULL;
    eg_counts_params cp = {0};
    eg_error err;
    eg_error_init(&err);
    eg_cooccur *co = NULL;
    int rc = bo->from_counts ? cli_make_tagger(&bo->c, &tg)
                             : cli_open_inputs(&bo->c, inputs, ninputs, &tg, &corpus);
    if (!rc && bo->from_counts)
        rc = read_counts(bo, tg->gz, &co, &cp, &err);
    if (rc) {
        eg_cooccur_free(co);
        eg_counts_params_free(&cp);
        eg_tagger_free(tg);
        return rc;
    }
    eg_graph *graph = NULL;
    outputs out = {.n = bo->from_counts ? F_TSV : NFILES};
    eg_status st = EG_OK;
    if (!co && !(co = eg_cooccur_new(tg->gz->nent, bo->window)))
        st = eg_error_add(&err, EG_ENOMEM, "out of memory");
    if (st == EG_OK)
        st = open_all(&out, bo->outdir, &err);
    if (corpus) {
        if (st == EG_OK && eg_write_mentions_header(out.af[F_TSV].fp, EG_FMT_TSV) != 0)
            st = eg_error_add(&err, EG_EIO, "%s: cannot write: %s", out.af[F_TSV].path,
                              strerror(errno));
        build_ctx x = {co, tg->gz, &out.af[F_TSV]};
        if (st == EG_OK)
            st = eg_pipeline_run(tg, corpus, bo->c.jobs, count_doc, &x, &err);
    }
    eg_graph_opts go;
    eg_graph_defaults(&go);
    go.min_weight = bo->min_weight;
    go.types = bo->c.resolve.types;
    if (st == EG_OK)
        st = eg_graph_build(co, tg->gz, &go, &graph, &err);
    if (st == EG_OK)
        st = eg_export_dot(graph, co, tg->gz, out.af[F_DOT].fp, out.af[F_DOT].path, &err);
    if (st == EG_OK)
        st = eg_export_graphml(graph, out.af[F_GRAPHML].fp, out.af[F_GRAPHML].path, &err);
    if (st == EG_OK) {
        eg_params p = {bo->window_arg,      bo->min_weight,       bo->c.resolve.types,
                       bo->c.resolve.demonyms, bo->c.exclude_kinds, bo->c.gazetteers,
                       bo->c.ngazetteers,   bo->c.wordlist};
        st = eg_export_yaml(graph, co, tg->gz, &p, out.af[F_YAML].fp, out.af[F_YAML].path, &err);
    }
    if (st == EG_OK)
        st = commit_all(&out, &err);
    else
        abort_all(&out);
    if (st == EG_OK && !bo->c.quiet)
        fprintf(stderr,
                "entigraph: %u document%s, %llu mentions, %zu entities, %zu relations, "
                "%zu communities -> %s/\n",
                co->ndocs, co->ndocs == 1 ? "" : "s", (unsigned long long)co->mentions, graph->nv,
                graph->ne, graph->ncomm, bo->outdir);
    rc = st == EG_OK ? 0 : cli_fail(&err);
    eg_graph_free(graph);
    eg_cooccur_free(co);
    eg_counts_params_free(&cp);
    eg_corpus_free(corpus);
    eg_tagger_free(tg);
    return rc;
}

int cli_build(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"out", required_argument, NULL, 'o'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"from-counts", required_argument, NULL, OPT_FROM_COUNTS},
        {NULL, 0, NULL, 0},
    };
    build_opts bo = {0};
    cli_common_init(&bo.c);
    bo.outdir = "out";
    bo.window = (eg_window){EG_WIN_SENTENCE, 0};
    bo.window_arg = "sentence";
    bo.min_weight = 1;
    int opt;
    while ((opt = cli_getopt(&bo.c, "build", argc, argv, "+g:j:o:qh", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 'o':
            if (!*optarg)
                return cli_usage_error("build", "--out needs a directory");
            bo.outdir = optarg;
            break;
        case OPT_WINDOW:
            if (cli_window_option("build", optarg, &bo.window) != 0)
                return 2;
            bo.window_arg = optarg;
            bo.window_given = 1;
            break;
        case OPT_FROM_COUNTS:
            if (!*optarg)
                return cli_usage_error("build", "--from-counts needs a file, or - for stdin");
            bo.from_counts = optarg;
            break;
        case OPT_MIN_WEIGHT: {
            char *end;
            errno = 0;
            bo.min_weight = strtod(optarg, &end);
            if (!*optarg || *end || errno || bo.min_weight < 0 || bo.min_weight != bo.min_weight)
                return cli_usage_error("build", "--min-weight must be a number >= 0, not '%s'",
                                       optarg);
            break;
        }
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    if (bo.from_counts && optind < argc)
        return cli_usage_error("build", "--from-counts builds from counts: no INPUT as well");
    if (!bo.from_counts && optind >= argc)
        return cli_usage_error("build", "no INPUT given");
    return run(&bo, argv + optind, (size_t)(argc - optind));
}
