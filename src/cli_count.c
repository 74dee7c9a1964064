/*
 * cli_count.c - `entigraph count`: the mapper of a map/reduce run. Tags
 * the documents, counts as `build` does, and writes the counts as sorted
 * records (counts.h) for `entigraph merge` and `build --from-counts`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cooccur.h"
#include "counts.h"
#include "pipeline.h"

static void help(void)
{
    printf("Usage: entigraph count [options] INPUT...\n"
           "Count the entities and pairs of entities in the documents, as build does, and\n"
           "write the counts as sorted records (KEY TAB VALUE): the mapper of a map/reduce\n"
           "run. Combine shards with `sort | entigraph merge`, then build the graph with\n"
           "`entigraph build --from-counts FILE`; the outputs equal a single build's.\n"
           "INPUT is a file, a directory (walked recursively in sorted order) or - for stdin.\n"
           "\n"
           "Options:\n"
           "  -o, --out FILE            write the records to FILE (default: standard output)\n"
           "      --window W            co-occurrence window: sentence, paragraph, document,\n"
           "                            or a number N of tokens (default: sentence)\n"
           "      --evidence N          evidence passages kept per pair (default: 1)\n"
           "      --period P            timeline periods: day, week, month (default), year\n"
           "%s",
           cli_common_help);
}

static eg_status count_doc(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    eg_cooccur *co = ud;
    co->bytes += doc->len;
    return eg_cooccur_add(co, doc->id, doc->day, doc->data, &tg->text, &tg->mentions, err);
}

int cli_count(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"out", required_argument, NULL, 'o'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"evidence", required_argument, NULL, OPT_EVIDENCE},
        {"period", required_argument, NULL, OPT_PERIOD},
        {NULL, 0, NULL, 0},
    };
    cli_common c;
    cli_common_init(&c);
    const char *output = NULL, *window_arg = "sentence";
    eg_window window = {EG_WIN_SENTENCE, 0};
    uint32_t evidence = 1;
    eg_period period = EG_PERIOD_MONTH;
    int opt;
    while ((opt = cli_getopt(&c, "count", argc, argv, "g:j:o:qh", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 'o':
            if (!*optarg)
                return cli_usage_error("count", "--out needs a file");
            output = optarg;
            break;
        case OPT_WINDOW:
            if (cli_window_option("count", optarg, &window) != 0)
                return 2;
            window_arg = optarg;
            break;
        case OPT_EVIDENCE:
            if (cli_evidence_option("count", optarg, &evidence) != 0)
                return 2;
            break;
        case OPT_PERIOD:
            if (cli_period_option("count", optarg, &period) != 0)
                return 2;
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    if (optind >= argc)
        return cli_usage_error("count", "no INPUT given");

    eg_tagger *tg;
    eg_corpus *corpus;
    int rc = cli_open_inputs(&c, argv + optind, (size_t)(argc - optind), &tg, &corpus);
    if (rc)
        return rc;
    eg_error err;
    eg_error_init(&err);
    eg_cooccur *co = eg_cooccur_new(tg->gz->nent, window);
    eg_status st = co ? EG_OK : eg_error_add(&err, EG_ENOMEM, "out of memory");
    if (co) {
        co->max_evidence = evidence;
        co->period = period;
    }
    cli_output out;
    if (st == EG_OK && (st = cli_output_open(&out, output, &err)) == EG_OK) {
        st = cli_pipeline(&c, tg, corpus, count_doc, co, &err);
        eg_counts_params p = {(char *)window_arg, c.resolve.demonyms, (char *)c.exclude_kinds,
                              evidence, period};
        if (st == EG_OK)
            st = cli_adopt_discovered(tg, co, &err);
        if (st == EG_OK)
            st = eg_counts_write(co, tg->gz, &tg->found, &p, out.fp, out.name, &err);
        st = cli_output_close(&out, "count", st, &err);
    }
    rc = st == EG_OK ? 0 : cli_fail(&err);
    eg_cooccur_free(co);
    eg_corpus_free(corpus);
    eg_tagger_free(tg);
    return rc;
}
