/*
 * cli_common.c - options and behaviour shared by `build` and `tag`.
 *
 * The shipped gazetteers are found, in order, through $ENTIGRAPH_GAZETTEERS,
 * next to the executable (../gazetteers, for a build tree), and in the
 * installed data directory. The common-word guard uses the system word
 * list when there is one.
 */
#include <errno.h>
#include <math.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "corpus.h"
#include "pipeline.h"

#ifndef EG_DATADIR
#define EG_DATADIR "/usr/local/share/entigraph"
#endif
#define DEFAULT_WORDLIST "/usr/share/dict/words"

const char cli_common_help[] =
    "  -g, --gazetteer FILE|DIR  entity list(s) to use; repeatable\n"
    "                            (default: the shipped gazetteers/)\n"
    "      --types LIST          entity types to keep, comma-separated:\n"
    "                            person,country,organization,place (default: all)\n"
    "      --no-demonyms         do not count demonyms (Russian) as country mentions\n"
    "      --exclude-kinds LIST  drop entities of these kinds, comma-separated\n"
    "                            (e.g. media: news agencies in bylines and credits)\n"
    "      --skip-boilerplate    ignore prompts, source lines and photo credits\n"
    "                            (Follow us, Source: ..., SPUTNIK/Reuters)\n"
    "      --no-variants         no spelling variants (Dzaparov for Japarov)\n"
    "      --no-discover         tag only the names the gazetteers list; by default\n"
    "                            names no list has are found too, typed by evidence\n"
    "                            (Brussels Airlines, Sidney Stein), with ids d:NAME\n"
    "      --given-names FILE    given names for discovery, one a line (default:\n"
    "                            names/given.txt of the shipped gazetteers)\n"
    "      --wordlist FILE       common words: single-word aliases that are also\n"
    "                            common words need a capital letter\n"
    "                            (default: " DEFAULT_WORDLIST " if present)\n"
    "      --no-wordlist         do not use a word list\n"
    "      --jsonl               inputs (and stdin) are JSON Lines: one document per\n"
    "                            line, {\"id\": ..., \"text\": ...}; *.jsonl always are\n"
    "      --max-doc-size SIZE   larger documents are an error (default 256M;\n"
    "                            suffixes K, M, G; at most 2047M)\n"
    "      --date-from-path RE   a file's date from its path: an extended regular\n"
    "                            expression with year, month and day groups, or\n"
    "                            matching an ISO date (JSON Lines: the \"date\" field)\n"
    "  -j, --jobs N              threads that tag documents, and processes that\n"
    "                            compute betweenness (default: one per core);\n"
    "                            outputs are the same for any N\n"
    "  -q, --quiet               no progress or warnings on stderr\n"
    "  -h, --help                this help\n";

void cli_common_init(cli_common *c)
{
    memset(c, 0, sizeof *c);
    eg_resolve_defaults(&c->resolve);
    c->corpus.max_doc = EG_MAX_DOC_DEFAULT;
    c->jobs = eg_ncpus();
}

void cli_warn(void *ud, const char *msg)
{
    const cli_common *c = ud;
    if (!c || !c->quiet)
        fprintf(stderr, "entigraph: warning: %s\n", msg);
}

int cli_fail(const eg_error *err)
{
    const char *p = err->msg;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "entigraph: %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
    if (err->dropped)
        fprintf(stderr, "entigraph: ... and %u more problems\n", err->dropped);
    return err->status == EG_EUSAGE ? 2 : 1;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "entigraph%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'entigraph %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return 2;
}

static int parse_types(const char *arg, eg_typemask *out)
{
    eg_typemask m = 0;
    const char *p = arg;
    while (*p) {
        size_t n = strcspn(p, ",");
        eg_type t;
        if (n == 0 || eg_type_parse(p, n, &t) != 0)
            return -1;
        m |= 1u << t;
        p += n + (p[n] == ',');
    }
    if (!m)
        return -1;
    *out = m;
    return 0;
}

/* A byte count with an optional K, M or G suffix (powers of 1024), from
 * 1 byte to max. Returns 0, -1 when s is no size, -2 when it is over max. */
static int parse_size(const char *s, size_t max, size_t *out)
{
    char *end;
    errno = 0;
    if (!(*s >= '0' && *s <= '9'))
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (*end || v == 0)
        return -1;
    if (errno || v > (unsigned long long)max >> shift)
        return -2;
    *out = (size_t)(v << shift);
    return 0;
}

int cli_common_option(cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case 'g':
        if (c->ngazetteers >= sizeof c->gazetteers / sizeof c->gazetteers[0]) {
            fprintf(stderr, "entigraph: too many --gazetteer options (at most 64)\n");
            return -1;
        }
        c->gazetteers[c->ngazetteers++] = arg;
        return 1;
    case OPT_WORDLIST:
    case OPT_NO_WORDLIST:
        if ((opt == OPT_WORDLIST && c->no_wordlist) || (opt == OPT_NO_WORDLIST && c->wordlist)) {
            fprintf(stderr, "entigraph: --wordlist and --no-wordlist contradict each other\n");
            return -1;
        }
        if (opt == OPT_WORDLIST)
            c->wordlist = arg;
        else
            c->no_wordlist = 1;
        return 1;
    case OPT_TYPES:
        if (parse_types(arg, &c->resolve.types) != 0) {
            fprintf(stderr,
                    "entigraph: --types: '%s' is not a list of person, country, organization, "
                    "place\n",
                    arg);
            return -1;
        }
        return 1;
    case OPT_NO_DEMONYMS:
        c->resolve.demonyms = 0;
        return 1;
    case OPT_SKIP_BOILERPLATE:
        c->skip_boilerplate = 1;
        return 1;
    case OPT_NO_VARIANTS:
        c->resolve.variants = 0;
        return 1;
    case OPT_NO_DISCOVER:
        c->no_discover = 1;
        return 1;
    case OPT_GIVEN_NAMES:
        c->given_names = arg;
        return 1;
    case OPT_EXCLUDE_KINDS:
        if (!*arg) {
            fprintf(stderr, "entigraph: --exclude-kinds needs a list of kinds\n");
            return -1;
        }
        c->exclude_kinds = arg;
        return 1;
    case OPT_JSONL:
        c->corpus.jsonl = 1;
        return 1;
    case OPT_DATE_FROM_PATH:
        if (!*arg) {
            fprintf(stderr, "entigraph: --date-from-path needs a regular expression\n");
            return -1;
        }
        c->corpus.date_regex = arg;
        return 1;
    case OPT_MAX_DOC_SIZE: {
        int r = parse_size(arg, EG_MAX_DOC_LIMIT, &c->corpus.max_doc);
        if (r == -1)
            fprintf(stderr,
                    "entigraph: --max-doc-size: '%s' is not a size such as 500000, 64K, 100M "
                    "or 1G\n",
                    arg);
        else if (r == -2)
            fprintf(stderr,
                    "entigraph: --max-doc-size: %s is over the limit of %zuM: a document is "
                    "read whole into memory, where a buffer stops at 2 GiB\n",
                    arg, EG_MAX_DOC_LIMIT >> 20);
        return r ? -1 : 1;
    }
    case 'j': {
        unsigned long long n;
        if (cli_uint(arg, 1, 256, &n) != 0) {
            fprintf(stderr, "entigraph: --jobs must be a number from 1 to 256, not '%s'\n", arg);
            return -1;
        }
        c->jobs = (unsigned)n;
        return 1;
    }
    case 'q':
        c->quiet = 1;
        return 1;
    default:
        return 0;
    }
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The shipped gazetteer directory, in static storage; NULL if not found. */
static const char *default_gazetteers(void)
{
    static char path[PATH_MAX];
    const char *env = getenv("ENTIGRAPH_GAZETTEERS");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            /* a build tree (build/entigraph), or an install tree
             * (PREFIX/bin/entigraph), wherever it was moved */
            *slash = '\0';
            static const char *const near[] = {"/../gazetteers", "/../share/entigraph/gazetteers"};
            for (int i = 0; i < 2; i++) {
                char rel[PATH_MAX + 40];
                snprintf(rel, sizeof rel, "%s%s", exe, near[i]);
                if (is_dir(rel) && realpath(rel, path))
                    return path;
            }
        }
    }
    if (is_dir(EG_DATADIR "/gazetteers"))
        return EG_DATADIR "/gazetteers";
    return NULL;
}

/* Where compiled gazetteers are kept: $ENTIGRAPH_CACHE_DIR (empty: no
 * cache), else $XDG_CACHE_HOME/entigraph, else ~/.cache/entigraph. NULL
 * for none; the caller frees. */
static char *cache_dir(void)
{
    const char *env = getenv("ENTIGRAPH_CACHE_DIR"), *base = getenv("XDG_CACHE_HOME");
    eg_buf b = EG_BUF_INIT;
    int fail;
    if (env)
        return *env ? eg_strndup(env, strlen(env)) : NULL;
    if (base && *base == '/')
        fail = eg_buf_printf(&b, "%s/entigraph", base);
    else if ((base = getenv("HOME")) && *base == '/')
        fail = eg_buf_printf(&b, "%s/.cache/entigraph", base);
    else
        return NULL;
    if (fail)
        eg_buf_free(&b);
    return b.data;
}

int cli_make_tagger(cli_common *c, int gazetteers_only, eg_tagger **out)
{
    if (c->ngazetteers == 0) {
        const char *d = default_gazetteers();
        if (!d) {
            fprintf(stderr, "entigraph: no gazetteers found; name one with -g FILE|DIR or set "
                            "ENTIGRAPH_GAZETTEERS\n");
            return 1;
        }
        c->gazetteers[c->ngazetteers++] = d;
    }
    if (!c->wordlist && !c->no_wordlist && access(DEFAULT_WORDLIST, R_OK) == 0)
        c->wordlist = DEFAULT_WORDLIST;
    if (c->no_wordlist)
        c->wordlist = NULL;
    char *cache = gazetteers_only ? NULL : cache_dir();
    /* the given names shipped beside the default gazetteers, whatever -g
     * says: they are a word list, not entities */
    char given[PATH_MAX];
    const char *shipped = default_gazetteers();
    if (!c->given_names && !c->no_discover && shipped &&
        snprintf(given, sizeof given, "%s/names/given.txt", shipped) < (int)sizeof given &&
        access(given, R_OK) == 0)
        c->given_names = given;
    eg_tagger_opts o = {c->gazetteers,       c->ngazetteers, c->wordlist,      c->exclude_kinds,
                        c->skip_boilerplate, c->resolve,     gazetteers_only, cache,
                        !c->no_discover,     c->given_names};
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_tagger_new(&o, out, &err);
    free(cache);
    if (c->given_names == given)
        c->given_names = NULL; /* it lived on this stack */
    return st != EG_OK ? cli_fail(&err) : 0;
}

eg_status cli_adopt_discovered(eg_tagger *tg, eg_cooccur *co, eg_error *err)
{
    uint32_t *perm;
    size_t n;
    size_t base = tg->gz->nent;
    EG_CHECK(eg_tagger_adopt(tg, &perm, &n, err));
    eg_status st = eg_cooccur_renumber(co, base, perm, n, err);
    free(perm);
    if (st == EG_OK)
        st = eg_cooccur_reserve(co, tg->gz->nent, err);
    return st;
}

int cli_open_inputs(cli_common *c, char **inputs, size_t n, eg_tagger **tg, eg_corpus **corpus)
{
    int rc = cli_make_tagger(c, 0, tg);
    if (rc)
        return rc;
    eg_error err;
    eg_error_init(&err);
    if (eg_corpus_open((const char *const *)inputs, n, &c->corpus, cli_warn, c, corpus, &err) !=
        EG_OK) {
        eg_tagger_free(*tg);
        *tg = NULL;
        return cli_fail(&err);
    }
    return 0;
}

/* ---- progress on stderr ---- */

typedef struct {
    eg_tagged_fn fn;
    void *ud;
    uint64_t total, bytes;
    unsigned long docs;
    double t0, last;
    int drawn;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(progress *p, double t)
{
    double mb = (double)p->bytes / 1048576.0, secs = t - p->t0;
    double rate = secs > 0 ? mb / secs : 0;
    fprintf(stderr, "\r\033[K%lu documents, %.1f", p->docs, mb);
    if (p->total >= p->bytes && p->total > 0)
        fprintf(stderr, " of %.1f", (double)p->total / 1048576.0);
    fprintf(stderr, " MB, %.1f MB/s", rate);
    if (p->total > p->bytes && rate > 0) {
        long eta = (long)(((double)(p->total - p->bytes) / 1048576.0) / rate + 0.5);
        fprintf(stderr, ", %ld:%02ld left", eta / 60, eta % 60);
    }
    fflush(stderr);
    p->drawn = 1;
    p->last = t;
}

static eg_status progress_fn(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    progress *p = ud;
    p->docs++;
    p->bytes += doc->len;
    double t = now();
    if (!p->drawn || t - p->last >= 0.2)
        draw(p, t);
    return p->fn(p->ud, doc, tg, err);
}

eg_status cli_pipeline(const cli_common *c, eg_tagger *tg, eg_corpus *corpus, eg_tagged_fn fn,
                       void *ud, eg_error *err)
{
    eg_status st;
    if (c->quiet || !isatty(STDERR_FILENO)) {
        st = eg_pipeline_run(tg, corpus, c->jobs, fn, ud, err);
    } else {
        progress p = {fn, ud, eg_corpus_bytes(corpus), 0, 0, now(), 0, 0};
        st = eg_pipeline_run(tg, corpus, c->jobs, progress_fn, &p, err);
        if (p.drawn)
            fputs("\r\033[K", stderr); /* the summary line or the error takes its place */
    }
    if (st == EG_OK && eg_corpus_ndocs(corpus) == 0)
        cli_warn((void *)c, "no documents found in the inputs");
    return st;
}

eg_status cli_output_open(cli_output *o, const char *path, eg_error *err)
{
    memset(o, 0, sizeof *o);
    o->fp = stdout;
    o->name = "standard output";
    if (!path)
        return EG_OK;
    EG_CHECK(eg_atomic_open(&o->af, path, err));
    o->fp = o->af.fp;
    o->name = path;
    o->file = 1;
    return EG_OK;
}

int cli_uint(const char *arg, unsigned long long lo, unsigned long long hi,
             unsigned long long *out)
{
    if (!*arg)
        return -1;
    for (const char *p = arg; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cli_real(const char *arg, double *out)
{
    /* digits, an optional point and digits, an optional exponent: what
     * strtod reads beyond that (0x10, inf, nan, leading spaces) is no
     * weight a user means */
    const char *p = arg;
    size_t digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (digits && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (!digits || *p)
        return -1;
    errno = 0;
    double v = strtod(arg, NULL);
    if (errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int cli_flush_stdout(const char *cmd)
{
    errno = 0;
    int bad = fflush(stdout) != 0;
    int e = errno;
    bad |= ferror(stdout) != 0;
    if (!bad)
        return 0;
    fprintf(stderr, "entigraph: %s%scannot write to standard output%s%s\n", cmd ? cmd : "",
            cmd ? ": " : "", e ? ": " : "", e ? strerror(e) : "");
    return 1;
}

eg_status cli_output_close(cli_output *o, const char *cmd, eg_status st, eg_error *err)
{
    if (o->file) {
        if (st == EG_OK)
            return eg_atomic_commit(&o->af, err);
        eg_atomic_abort(&o->af);
        return st;
    }
    if (st == EG_OK && (fflush(stdout) != 0 || ferror(stdout)))
        return eg_error_add(err, EG_EIO, "%s: cannot write to standard output: %s", cmd,
                            strerror(errno));
    return st;
}

int cli_window_option(const char *cmd, const char *arg, eg_window *w)
{
    if (eg_window_parse(arg, w) == 0)
        return 0;
    cli_usage_error(cmd,
                    "--window must be sentence, paragraph, document or a number of tokens from "
                    "2 to 100000, not '%s'",
                    arg);
    return -1;
}

int cli_period_option(const char *cmd, const char *arg, eg_period *p)
{
    if (eg_period_parse(arg, p) == 0)
        return 0;
    cli_usage_error(cmd, "--period must be day, week, month or year, not '%s'", arg);
    return -1;
}

int cli_evidence_option(const char *cmd, const char *arg, uint32_t *n)
{
    unsigned long long v;
    if (cli_uint(arg, 1, 100, &v) != 0) {
        cli_usage_error(cmd, "--evidence must be a number from 1 to 100, not '%s'", arg);
        return -1;
    }
    *n = (uint32_t)v;
    return 0;
}

int cli_getopt(cli_common *c, const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *opts)
{
    opterr = 0;
    for (;;) {
        int opt = getopt_long(argc, argv, shortopts, opts, NULL);
        if (opt == -1)
            return -1;
        int r = cli_common_option(c, opt, optarg);
        if (r < 0)
            return -2;
        if (r > 0)
            continue;
        if (opt != '?' && opt != ':')
            return opt;
        /* a short option that takes a value is followed by ':' in shortopts */
        const char *p = optopt ? strchr(shortopts, optopt) : NULL;
        if (p && p[1] == ':')
            cli_usage_error(cmd, "option -%c needs a value", optopt);
        else
            cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        return -2;
    }
}
