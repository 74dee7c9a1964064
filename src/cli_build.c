/*
 * cli_build.c - `entigraph build`: documents in, graph files out.
 *
 * All the outputs are written under temporary names and renamed only
 * after every one of them is complete, so an error leaves the previous
 * run's files untouched.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cooccur.h"
#include "corpus.h"
#include "counts.h"
#include "export.h"
#include "gazindex.h"
#include "graph.h"
#include "pipeline.h"
#include "outset.h"
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
           "      --weight M            edge weight: count (default), documents, pmi, npmi,\n"
           "                            jaccard, dice, association, llr\n"
           "      --min-weight X        drop edges whose weight is below X (default: 1 for\n"
           "                            count and documents; otherwise weights above 0)\n"
           "      --min-documents N     drop pairs seen in fewer than N documents\n"
           "      --backbone ALPHA      keep the disparity-filter backbone at level ALPHA\n"
           "      --top-k N             keep each entity's N heaviest edges (an edge stays\n"
           "                            if either end keeps it)\n"
           "      --top-k-ties T        at the N-th weight: keep (default) every edge that\n"
           "                            weighs as much, or cut at N by the other end's id\n"
           "      --drop-isolates       drop the entities the pruning left without an edge\n"
           "                            (the default when any pruning option is given)\n"
           "      --keep-isolates       keep them (the last of the two given counts)\n"
           "      --ego NAME            keep the entities within --depth D edges (default 1)\n"
           "                            of the one NAME or id names\n"
           "      --evidence N          evidence passages kept per relation (default: 1)\n"
           "      --period P            timeline periods for dated documents: day, week,\n"
           "                            month (default), year\n"
           "      --gexf                also write graph.gexf (GEXF 1.2, which Gephi and\n"
           "                            networkx read; dynamic with dates)\n"
           "      --gexf-version V      GEXF 1.2 (default) or 1.3; implies --gexf\n"
           "      --from-counts FILE    build from count records (entigraph count, merged)\n"
           "                            instead of INPUT; - for stdin. Writes all but\n"
           "                            mentions.tsv; the window and demonyms are the counts'\n"
           "      --render FMT          also draw the graph: svg or png (graph.svg, graph.png)\n"
           "      --csv                 also write nodes.csv, edges.csv (Gephi's spreadsheet\n"
           "                            importer) and documents.csv (document, entity,\n"
           "                            mentions; not with --from-counts)\n"
           "      --vosviewer           also write vosviewer-map.txt and vosviewer-network.txt\n"
           "%s",
           cli_common_help);
}

enum { F_DOT, F_GRAPHML, F_YAML, F_TSV, F_RENDER, F_GEXF,
       F_NODES, F_EDGES, F_DOCS, F_VOSMAP, F_VOSNET, NFILES };

/* The files of a build, written as one set (outset.h): the name of each
 * F_* file, or NULL when not written (mentions.tsv with --from-counts,
 * the picture without --render), and where it is in the set. */
typedef struct {
    const char *name[NFILES];
    size_t at[NFILES];
    eg_outset set;
} outputs;

static eg_status open_all(outputs *o, const char *dir, eg_error *err)
{
    const char *names[NFILES];
    size_t n = 0;
    for (int i = 0; i < NFILES; i++)
        if (o->name[i]) {
            o->at[i] = n;
            names[n++] = o->name[i];
        }
    return eg_outset_open(&o->set, dir, names, n, err);
}

static FILE *out_fp(outputs *o, int f)
{
    return o->name[f] ? eg_outset_file(&o->set, o->at[f]) : NULL;
}

static const char *out_path(outputs *o, int f)
{
    return o->name[f] ? eg_outset_path(&o->set, o->at[f]) : NULL;
}

typedef struct {
    cli_common c;
    const char *outdir;
    eg_window window;
    const char *window_arg;
    int window_given;
    const char *from_counts; /* a file of count records, or "-" */
    eg_render_format render; /* --render; EG_RENDER_NONE without */
    eg_graph_opts graph;     /* --weight and the pruning options */
    const char *ego;         /* --ego NAME, resolved once gazetteers load */
    int csv, vosviewer;      /* --csv, --vosviewer: the plain tables */
    int top_k_ties_given;
    uint32_t evidence;
    int evidence_given;
    eg_period period;
    int period_given;
    int gexf;
    eg_gexf_version gexf_version; /* --gexf-version; 1.2 without */
} build_opts;

typedef struct {
    eg_cooccur *co;
    const eg_tagger *t;
    FILE *tsv;
    const char *tsv_path;
    eg_doctable *docs; /* for documents.csv; NULL without --csv */
} build_ctx;

/* One export, run on a thread of its own or on the caller's. cgraph and
 * gvc are used by the DOT file and the picture only, igraph by GraphML
 * only, libyaml by the summary only; libxml2 writes GraphML and GEXF, each
 * with a writer of its own, started once (export.h). The inputs are only
 * read. */
typedef struct {
    const eg_graph *graph;
    const eg_cooccur *co;
    const eg_gazetteer *gz;
    outputs *out;
    eg_render_format render;
    eg_status st;
    eg_error err;
} export_job;

static void *export_dot_job(void *arg)
{
    export_job *j = arg;
    /* the picture is drawn from the graph of graph.dot */
    eg_render_out r = {j->render, out_fp(j->out, F_RENDER), out_path(j->out, F_RENDER)};
    j->st = eg_export_dot_render(j->graph, j->co, j->gz, out_fp(j->out, F_DOT),
                                 out_path(j->out, F_DOT), &r, &j->err);
    return NULL;
}

static void *export_graphml_job(void *arg)
{
    export_job *j = arg;
    j->st = eg_export_graphml(j->graph, out_fp(j->out, F_GRAPHML), out_path(j->out, F_GRAPHML),
                              &j->err);
    return NULL;
}

static eg_status count_doc(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    build_ctx *x = ud;
    x->co->bytes += doc->len;
    EG_CHECK(eg_cooccur_add(x->co, doc->id, doc->day, doc->data, &tg->text, &tg->mentions, err));
    if (eg_write_mentions(x->tsv, EG_FMT_TSV, x->t, doc, &tg->mentions) != 0)
        return eg_error_add(err, EG_EIO, "%s: cannot write: %s", x->tsv_path, strerror(errno));
    if (x->docs)
        EG_CHECK(eg_doctable_add(x->docs, x->t, doc->id, &tg->mentions, err));
    return EG_OK;
}

/* The plain tables asked for (--csv, --vosviewer), on the caller's
 * thread; each writer only reads the graph. */
static eg_status export_tables(outputs *out, const eg_graph *g, const eg_cooccur *co,
                               const eg_gazetteer *gz, const eg_doctable *docs, eg_error *err)
{
    if (out->name[F_NODES])
        EG_CHECK(eg_export_csv_nodes(g, co, gz, out_fp(out, F_NODES), out_path(out, F_NODES),
                                     err));
    if (out->name[F_EDGES])
        EG_CHECK(eg_export_csv_edges(g, co, gz, out_fp(out, F_EDGES), out_path(out, F_EDGES),
                                     err));
    if (out->name[F_DOCS])
        EG_CHECK(eg_export_csv_documents(g, gz, docs, out_fp(out, F_DOCS),
                                         out_path(out, F_DOCS), err));
    if (out->name[F_VOSMAP])
        EG_CHECK(eg_export_vosviewer_map(g, co, gz, out_fp(out, F_VOSMAP),
                                         out_path(out, F_VOSMAP), err));
    if (out->name[F_VOSNET])
        EG_CHECK(eg_export_vosviewer_network(g, out_fp(out, F_VOSNET), out_path(out, F_VOSNET),
                                             err));
    return EG_OK;
}

/* Reads --from-counts into a new *co and *cp, and checks them against the
 * options given. Returns an exit code. */
static int read_counts(build_opts *bo, eg_tagger *tg, eg_cooccur **co, eg_counts_params *cp,
                       eg_error *err)
{
    const char *path = bo->from_counts;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "r");
    if (!in) {
        eg_error_add(err, EG_EIO, "%s: cannot open: %s", path, strerror(errno));
        return cli_fail(err);
    }
    /* the window is known only once read: made with it, then set */
    eg_status st = (*co = eg_cooccur_new(tg->gz->nent, bo->window)) ? EG_OK
                   : eg_error_add(err, EG_ENOMEM, "out of memory");
    if (st == EG_OK)
        st = eg_counts_read(in, is_stdin ? "standard input" : path, tg->gz, &tg->found, *co, cp,
                            err);
    /* the discovered entities of the counts join the gazetteer's */
    if (st == EG_OK)
        st = cli_adopt_discovered(tg, *co, err);
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
    if (bo->evidence_given && bo->evidence != cp->evidence)
        return cli_usage_error("build", "--evidence %u, but the counts keep %u", bo->evidence,
                               cp->evidence);
    if (bo->period_given && bo->period != cp->period)
        return cli_usage_error("build", "--period %s, but the counts are by %s",
                               eg_period_name(bo->period), eg_period_name(cp->period));
    bo->window_arg = cp->window;
    bo->c.resolve.demonyms = cp->demonyms;
    bo->c.exclude_kinds = cp->exclude_kinds;
    return 0;
}

/* The entity --ego names: an id, or a name the gazetteers give to one
 * entity only. Returns an exit code. */
static int resolve_ego(build_opts *bo, const eg_gazetteer *gz)
{
    long e = eg_gazetteer_find(gz, bo->ego);
    if (e >= 0) {
        bo->graph.ego = e;
        return 0;
    }
    eg_gazindex ix;
    eg_error err;
    eg_error_init(&err);
    if (eg_gazindex_build(gz, &ix, &err) != EG_OK)
        return cli_fail(&err);
    long f = eg_gazindex_find(&ix, bo->ego);
    long found = -1;
    int many = 0;
    for (uint32_t k = 0; f >= 0 && k < ix.count[f]; k++) {
        uint32_t ent = gz->alias[ix.by_form[ix.first[f] + k]].entity;
        if (found >= 0 && (uint32_t)found != ent)
            many = 1;
        found = ent;
    }
    eg_gazindex_free(&ix);
    if (found < 0)
        return cli_usage_error("build", "--ego: no entity is named '%s' (see entigraph "
                                        "gazetteer lookup)",
                               bo->ego);
    if (many)
        return cli_usage_error("build", "--ego: '%s' names several entities; give an id (see "
                                        "entigraph gazetteer lookup)",
                               bo->ego);
    bo->graph.ego = found;
    return 0;
}

/* ", 12 isolates dropped" for the closing line, or "". */
static const char *isolates_note(const eg_graph *g)
{
    static char note[64];
    if (!g->isolates_dropped)
        return "";
    snprintf(note, sizeof note, ", %zu isolate%s dropped", g->isolates_dropped,
             g->isolates_dropped == 1 ? "" : "s");
    return note;
}

static int run(build_opts *bo, char **inputs, size_t ninputs)
{
    eg_tagger *tg = NULL;
    eg_corpus *corpus = NULL;
    eg_counts_params cp = {0};
    eg_error err;
    eg_error_init(&err);
    eg_cooccur *co = NULL;
    /* the inputs may hold the output directory: its files are never read */
    bo->c.corpus.out_dir = bo->outdir;
    bo->c.corpus.out_names = eg_outset_all_names;
    int rc = bo->from_counts ? cli_make_tagger(&bo->c, 1, &tg)
                             : cli_open_inputs(&bo->c, inputs, ninputs, &tg, &corpus);
    if (!rc && bo->from_counts)
        rc = read_counts(bo, tg, &co, &cp, &err);
    if (!rc && bo->ego)
        rc = resolve_ego(bo, tg->gz);
    if (rc) {
        eg_cooccur_free(co);
        eg_counts_params_free(&cp);
        eg_corpus_free(corpus);
        eg_tagger_free(tg);
        return rc;
    }
    eg_graph *graph = NULL;
    outputs out = {.name = {"graph.dot", "graph.graphml", "summary.yaml",
                            bo->from_counts ? NULL : "mentions.tsv", eg_render_file(bo->render),
                            bo->gexf ? "graph.gexf" : NULL}};
    out.name[F_NODES] = bo->csv ? "nodes.csv" : NULL;
    out.name[F_EDGES] = bo->csv ? "edges.csv" : NULL;
    out.name[F_DOCS] = bo->csv && corpus ? "documents.csv" : NULL;
    out.name[F_VOSMAP] = bo->vosviewer ? "vosviewer-map.txt" : NULL;
    out.name[F_VOSNET] = bo->vosviewer ? "vosviewer-network.txt" : NULL;
    eg_doctable docs;
    eg_doctable_init(&docs);
    eg_status st = EG_OK;
    if (!co && !(co = eg_cooccur_new(tg->gz->nent, bo->window)))
        st = eg_error_add(&err, EG_ENOMEM, "out of memory");
    if (co && !bo->from_counts) {
        co->max_evidence = bo->evidence;
        co->period = bo->period;
    }
    if (st == EG_OK)
        st = open_all(&out, bo->outdir, &err);
    if (corpus) {
        if (st == EG_OK && eg_write_mentions_header(out_fp(&out, F_TSV), EG_FMT_TSV) != 0)
            st = eg_error_add(&err, EG_EIO, "%s: cannot write: %s", out_path(&out, F_TSV),
                              strerror(errno));
        build_ctx x = {co, tg, out_fp(&out, F_TSV), out_path(&out, F_TSV),
                       out.name[F_DOCS] ? &docs : NULL};
        if (st == EG_OK)
            st = cli_pipeline(&bo->c, tg, corpus, count_doc, &x, &err);
        /* the discovered entities join the gazetteer's for the graph */
        if (st == EG_OK)
            st = cli_adopt_discovered(tg, co, &err);
    }
    eg_graph_opts go = bo->graph;
    go.types = bo->c.resolve.types;
    go.jobs = bo->c.jobs; /* the tagging threads have ended by eg_graph_build */
    if (st == EG_OK)
        st = eg_cooccur_finish(co, &err);
    if (st == EG_OK)
        st = eg_graph_build(co, tg->gz, &go, &graph, &err);
    /* with -j 2 or more, DOT (and the picture) and GraphML are written on
     * threads of their own while this one writes GEXF and the summary;
     * the first failure in that order is the one reported */
    export_job jobs[2];
    void *(*job_fn[2])(void *) = {export_dot_job, export_graphml_job};
    pthread_t th[2];
    int started[2] = {0, 0};
    for (int k = 0; k < 2 && st == EG_OK; k++) {
        jobs[k] = (export_job){graph, co, tg->gz, &out, bo->render, EG_OK, {0}};
        eg_error_init(&jobs[k].err);
        if (bo->c.jobs > 1)
            started[k] = pthread_create(&th[k], NULL, job_fn[k], &jobs[k]) == 0;
        if (!started[k])
            job_fn[k](&jobs[k]);
    }
    eg_status later = EG_OK;
    eg_error later_err;
    eg_error_init(&later_err);
    if (st == EG_OK && bo->gexf)
        later = eg_export_gexf(graph, co, tg->gz, bo->gexf_version, out_fp(&out, F_GEXF),
                               out_path(&out, F_GEXF), &later_err);
    if (st == EG_OK && later == EG_OK) {
        /* the threshold in force: 1 for counts, else weights above 0 */
        double min_weight = !isnan(go.min_weight) ? go.min_weight
                            : go.weight == EG_M_COUNT || go.weight == EG_M_DOCUMENTS ? 1 : 0;
        eg_params p = {bo->window_arg,      min_weight,           bo->c.resolve.types,
                       bo->c.resolve.demonyms, bo->c.exclude_kinds, bo->c.gazetteers,
                       bo->c.ngazetteers,   bo->c.wordlist,       go.weight};
        later = eg_export_yaml(graph, co, tg->gz, &p, out_fp(&out, F_YAML), out_path(&out, F_YAML),
                               &later_err);
    }
    for (int k = 0; k < 2 && st == EG_OK; k++) {
        if (started[k])
            pthread_join(th[k], NULL);
    }
    for (int k = 0; k < 2 && st == EG_OK; k++) {
        if (jobs[k].st != EG_OK) {
            st = jobs[k].st;
            err = jobs[k].err;
        }
    }
    if (st == EG_OK && later != EG_OK) {
        st = later;
        err = later_err;
    }
    if (st == EG_OK)
        st = export_tables(&out, graph, co, tg->gz, &docs, &err);
    if (st == EG_OK)
        st = eg_outset_commit(&out.set, &err);
    else
        eg_outset_abort(&out.set);
    if (st == EG_OK && !bo->c.quiet)
        fprintf(stderr,
                "entigraph: %u document%s, %llu mentions, %zu entities, %zu relations, "
                "%zu communities%s -> %s/\n",
                co->ndocs, co->ndocs == 1 ? "" : "s", (unsigned long long)co->mentions, graph->nv,
                graph->ne, graph->ncomm, isolates_note(graph), bo->outdir);
    rc = st == EG_OK ? 0 : cli_fail(&err);
    eg_doctable_free(&docs);
    eg_graph_free(graph);
    eg_cooccur_free(co);
    eg_counts_params_free(&cp);
    eg_corpus_free(corpus);
    eg_tagger_free(tg);
    return rc;
}

/* build's own, past cli.h's shared ids */
enum {
    OPT_RENDER = 1024,
    OPT_WEIGHT,
    OPT_MIN_DOCUMENTS,
    OPT_TOP_K,
    OPT_BACKBONE,
    OPT_EGO,
    OPT_DEPTH,
    OPT_GEXF,
    OPT_GEXF_VERSION
};

/* the pruning and table options, numbered apart from the others */
enum {
    OPT_TOP_K_TIES = 1100,
    OPT_DROP_ISOLATES,
    OPT_KEEP_ISOLATES,
    OPT_CSV,
    OPT_VOSVIEWER
};

/* A whole number from lo to hi into *v; -1 (message printed) if not. */
static int number(const char *opt, const char *arg, unsigned long lo, unsigned long hi,
                  uint32_t *v)
{
    unsigned long long n;
    if (cli_uint(arg, lo, hi, &n) != 0) {
        cli_usage_error("build", "%s must be a number from %lu to %lu, not '%s'", opt, lo, hi,
                        arg);
        return -1;
    }
    *v = (uint32_t)n;
    return 0;
}

/* A finite real number into *v: 0, or -1 if arg is not one (the caller
 * checks the range and says what it takes). */
static int real(const char *arg, double *v)
{
    return cli_real(arg, v);
}

int cli_build(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"out", required_argument, NULL, 'o'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"from-counts", required_argument, NULL, OPT_FROM_COUNTS},
        {"render", required_argument, NULL, OPT_RENDER},
        {"weight", required_argument, NULL, OPT_WEIGHT},
        {"min-documents", required_argument, NULL, OPT_MIN_DOCUMENTS},
        {"top-k", required_argument, NULL, OPT_TOP_K},
        {"top-k-ties", required_argument, NULL, OPT_TOP_K_TIES},
        {"drop-isolates", no_argument, NULL, OPT_DROP_ISOLATES},
        {"keep-isolates", no_argument, NULL, OPT_KEEP_ISOLATES},
        {"csv", no_argument, NULL, OPT_CSV},
        {"vosviewer", no_argument, NULL, OPT_VOSVIEWER},
        {"backbone", required_argument, NULL, OPT_BACKBONE},
        {"ego", required_argument, NULL, OPT_EGO},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"evidence", required_argument, NULL, OPT_EVIDENCE},
        {"period", required_argument, NULL, OPT_PERIOD},
        {"gexf", no_argument, NULL, OPT_GEXF},
        {"gexf-version", required_argument, NULL, OPT_GEXF_VERSION},
        {NULL, 0, NULL, 0},
    };
    build_opts bo = {0};
    cli_common_init(&bo.c);
    bo.outdir = "out";
    bo.window = (eg_window){EG_WIN_SENTENCE, 0};
    bo.window_arg = "sentence";
    eg_graph_defaults(&bo.graph);
    bo.evidence = 1;
    bo.period = EG_PERIOD_MONTH;
    uint32_t depth_given = 0;
    int opt;
    while ((opt = cli_getopt(&bo.c, "build", argc, argv, "g:j:o:qh", opts)) != -1) {
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
        case OPT_RENDER:
            if (eg_render_parse(optarg, &bo.render) != 0)
                return cli_usage_error("build", "--render must be svg or png, not '%s'", optarg);
            break;
        case OPT_MIN_WEIGHT:
            if (real(optarg, &bo.graph.min_weight) != 0 || !(bo.graph.min_weight >= 0))
                return cli_usage_error("build", "--min-weight must be a number >= 0, not '%s'",
                                       optarg);
            break;
        case OPT_WEIGHT:
            if (eg_measure_parse(optarg, &bo.graph.weight) != 0)
                return cli_usage_error("build",
                                       "--weight must be count, documents, pmi, npmi, "
                                       "jaccard, dice, association or llr, not '%s'",
                                       optarg);
            break;
        case OPT_MIN_DOCUMENTS:
            if (number("--min-documents", optarg, 1, UINT32_MAX, &bo.graph.min_documents))
                return 2;
            break;
        case OPT_TOP_K:
            if (number("--top-k", optarg, 1, UINT32_MAX, &bo.graph.top_k))
                return 2;
            break;
        case OPT_TOP_K_TIES:
            if (strcmp(optarg, "keep") == 0)
                bo.graph.top_k_ties = EG_TIES_KEEP;
            else if (strcmp(optarg, "cut") == 0)
                bo.graph.top_k_ties = EG_TIES_CUT;
            else
                return cli_usage_error("build", "--top-k-ties must be keep or cut, not '%s'",
                                       optarg);
            bo.top_k_ties_given = 1;
            break;
        case OPT_DROP_ISOLATES:
            bo.graph.isolates = EG_ISOLATES_DROP;
            break;
        case OPT_KEEP_ISOLATES:
            bo.graph.isolates = EG_ISOLATES_KEEP;
            break;
        case OPT_CSV:
            bo.csv = 1;
            break;
        case OPT_VOSVIEWER:
            bo.vosviewer = 1;
            break;
        case OPT_BACKBONE:
            if (real(optarg, &bo.graph.backbone) != 0 ||
                !(bo.graph.backbone > 0 && bo.graph.backbone < 1))
                return cli_usage_error("build",
                                       "--backbone must be a significance level between 0 and "
                                       "1 (such as 0.05), not '%s'",
                                       optarg);
            break;
        case OPT_EGO:
            if (!*optarg)
                return cli_usage_error("build", "--ego needs an entity id or name");
            bo.ego = optarg;
            break;
        case OPT_DEPTH:
            if (number("--depth", optarg, 1, 100, &bo.graph.depth))
                return 2;
            depth_given = 1;
            break;
        case OPT_EVIDENCE:
            if (cli_evidence_option("build", optarg, &bo.evidence) != 0)
                return 2;
            bo.evidence_given = 1;
            break;
        case OPT_PERIOD:
            if (cli_period_option("build", optarg, &bo.period) != 0)
                return 2;
            bo.period_given = 1;
            break;
        case OPT_GEXF:
            bo.gexf = 1;
            break;
        case OPT_GEXF_VERSION:
            if (eg_gexf_version_parse(optarg, &bo.gexf_version) != 0)
                return cli_usage_error("build", "--gexf-version must be 1.2 or 1.3, not '%s'",
                                       optarg);
            bo.gexf = 1;
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    if (depth_given && !bo.ego)
        return cli_usage_error("build", "--depth needs --ego");
    if (bo.top_k_ties_given && !bo.graph.top_k)
        return cli_usage_error("build", "--top-k-ties needs --top-k");
    if (strcmp(bo.outdir, "-") == 0 || !*bo.outdir)
        return cli_usage_error("build", "-o takes the directory to write (build writes several "
                                        "files, not standard output), not '%s'",
                               bo.outdir);
    if (bo.from_counts && optind < argc)
        return cli_usage_error("build", "--from-counts builds from counts: no INPUT as well");
    if (!bo.from_counts && optind >= argc)
        return cli_usage_error("build", "no INPUT given");
    return run(&bo, argv + optind, (size_t)(argc - optind));
}
