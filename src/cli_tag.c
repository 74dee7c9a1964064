/*
 * cli_tag.c - `entigraph tag`: mentions of every document to stdout.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "corpus.h"
#include "export.h"
#include "pipeline.h"

static void help(void)
{
    printf("Usage: entigraph tag [options] INPUT...\n"
           "Print the entity mentions found in each document.\n"
           "INPUT is a file, a directory (walked recursively in sorted order) or - for stdin.\n"
           "\n"
           "Options:\n"
           "      --format tsv|jsonl    output format (default tsv); TSV columns:\n"
           "                            doc sentence start end surface id label type discovered\n"
           "                            (byte offsets, end exclusive; sentences from 1)\n"
           "%s",
           cli_common_help);
}

typedef struct {
    const eg_tagger *t;
    eg_mention_format fmt;
    int header; /* written: with the first document, so that an input
                   that fails first leaves no output at all */
} tag_ctx;

static eg_status write_doc(void *ud, const eg_doc *doc, const eg_tagged *tg, eg_error *err)
{
    tag_ctx *x = ud;
    if (!x->header && eg_write_mentions_header(stdout, x->fmt) != 0)
        return eg_error_add(err, EG_EIO, "tag: cannot write to standard output");
    x->header = 1;
    if (eg_write_mentions(stdout, x->fmt, x->t, doc, &tg->mentions) != 0)
        return eg_error_add(err, EG_EIO, "tag: cannot write to standard output");
    return EG_OK;
}

int cli_tag(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"format", required_argument, NULL, OPT_FORMAT},
        {NULL, 0, NULL, 0},
    };
    cli_common c;
    cli_common_init(&c);
    eg_mention_format fmt = EG_FMT_TSV;
    int opt;
    while ((opt = cli_getopt(&c, "tag", argc, argv, "g:j:qh", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case OPT_FORMAT:
            if (strcmp(optarg, "tsv") == 0)
                fmt = EG_FMT_TSV;
            else if (strcmp(optarg, "jsonl") == 0)
                fmt = EG_FMT_JSONL;
            else
                return cli_usage_error("tag", "--format must be tsv or jsonl, not '%s'", optarg);
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    if (optind >= argc)
        return cli_usage_error("tag", "no INPUT given");

    eg_tagger *tg;
    eg_corpus *corpus;
    int rc = cli_open_inputs(&c, argv + optind, (size_t)(argc - optind), &tg, &corpus);
    if (rc)
        return rc;
    eg_error err;
    eg_error_init(&err);
    tag_ctx x = {tg, fmt, 0};
    if (rc == 0 && cli_pipeline(&c, tg, corpus, write_doc, &x, &err) != EG_OK)
        rc = cli_fail(&err);
    if (rc == 0 && !x.header && eg_write_mentions_header(stdout, fmt) != 0)
        rc = 1; /* no document: the header alone */
    if (rc == 0 && cli_flush_stdout("tag"))
        rc = 1;
    eg_corpus_free(corpus);
    eg_tagger_free(tg);
    return rc;
}
