/*
 * cli_suggest.c - `entigraph suggest`: names the gazetteers miss, as
 * gazetteer entries to review and paste.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "corpus.h"
#include "pipeline.h"
#include "suggest.h"
#include "util/atomic.h"

static void help(void)
{
    printf("Usage: entigraph suggest [options] INPUT...\n"
           "List the capitalised names that no gazetteer entry covers, most frequent\n"
           "first, as gazetteer entries (id, label, guessed type) with the counts,\n"
           "the cues behind the type and example sentences in comments above each.\n"
           "INPUT is a file, a directory (walked recursively in sorted order) or - for stdin.\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE         write to FILE (complete or not at all), not stdout\n"
           "      --min-count N         leave out names seen fewer than N times (default 2)\n"
           "      --top N               at most N names; 0 for all (default 100)\n"
           "      --examples N          example sentences per name, from different\n"
           "                            documents (default 2)\n"
           "%s",
           cli_common_help);
}

static int count_arg(const char *opt, const char *arg, size_t *out)
{
    unsigned long long v;
    if (cli_uint(arg, 0, UINT32_MAX, &v) != 0)
        return cli_usage_error("suggest", "%s needs a whole number from 0 to %u, not '%s'", opt,
                               UINT32_MAX, arg);
    *out = (size_t)v;
    return 0;
}

typedef struct {
    eg_suggester *s;
    const eg_tagger *tg;
} suggest_ctx;

static eg_status add_doc(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    suggest_ctx *x = ud;
    return eg_suggest_add(x->s, x->tg, tg, doc, err);
}

static int run(const cli_common *c, eg_tagger *tg, eg_corpus *corpus,
               const eg_suggest_opts *so, FILE *fp, eg_error *err)
{
    eg_suggester *s;
    if (eg_suggester_new(so, &s, err) != EG_OK)
        return cli_fail(err);
    int rc = 0;
    suggest_ctx x = {s, tg};
    eg_status st = cli_pipeline(c, tg, corpus, add_doc, &x, err);
    const eg_suggestion *sg;
    size_t n;
    if (st != EG_OK || eg_suggest_finish(s, tg->gz, &sg, &n, err) != EG_OK ||
        eg_write_suggestions(fp, sg, n, eg_suggest_total(s), so, err) != EG_OK)
        rc = cli_fail(err);
    eg_suggester_free(s);
    return rc;
}

int cli_suggest(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"output", required_argument, NULL, 'o'},
        {"min-count", required_argument, NULL, OPT_MIN_COUNT},
        {"top", required_argument, NULL, OPT_TOP},
        {"examples", required_argument, NULL, OPT_EXAMPLES},
        {NULL, 0, NULL, 0},
    };
    cli_common c;
    cli_common_init(&c);
    eg_suggest_opts so;
    eg_suggest_defaults(&so);
    const char *output = NULL;
    int opt;
    while ((opt = cli_getopt(&c, "suggest", argc, argv, "g:j:o:qh", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 'o':
            output = optarg;
            break;
        case OPT_MIN_COUNT:
            if (count_arg("--min-count", optarg, &so.min_count))
                return 2;
            if (so.min_count == 0)
                so.min_count = 1;
            break;
        case OPT_TOP:
            if (count_arg("--top", optarg, &so.top))
                return 2;
            break;
        case OPT_EXAMPLES:
            if (count_arg("--examples", optarg, &so.examples))
                return 2;
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    if (optind >= argc)
        return cli_usage_error("suggest", "no INPUT given");

    eg_tagger *tg;
    eg_corpus *corpus;
    /* the names to suggest are those the gazetteers miss: discovery would
     * take them for known ones */
    c.no_discover = 1;
    int rc = cli_open_inputs(&c, argv + optind, (size_t)(argc - optind), &tg, &corpus);
    if (rc)
        return rc;
    eg_error err;
    eg_error_init(&err);
    if (output) {
        eg_atomic af;
        if (eg_atomic_open(&af, output, &err) != EG_OK) {
            rc = cli_fail(&err);
        } else if ((rc = run(&c, tg, corpus, &so, af.fp, &err)) != 0) {
            eg_atomic_abort(&af);
        } else if (eg_atomic_commit(&af, &err) != EG_OK) {
            rc = cli_fail(&err);
        }
    } else {
        rc = run(&c, tg, corpus, &so, stdout, &err);
        if (rc == 0 && cli_flush_stdout("suggest"))
            rc = 1;
    }
    eg_corpus_free(corpus);
    eg_tagger_free(tg);
    return rc;
}
