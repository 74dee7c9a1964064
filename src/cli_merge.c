/*
 * cli_merge.c - `entigraph merge`: the reducer of a map/reduce run. One
 * record per key from key-sorted count records, in constant memory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "counts.h"

static void help(void)
{
    printf("Usage: entigraph merge [-o FILE] [INPUT]\n"
           "Combine count records (from entigraph count or merge) sorted by key, as\n"
           "`LC_ALL=C sort` sorts them, into one record per key: the reducer of a map/reduce\n"
           "run. Reads INPUT, or standard input when INPUT is - or absent. Merging is\n"
           "associative and commutative: any split of a corpus merges to the same counts.\n"
           "\n"
           "Options:\n"
           "  -o, --out FILE            write to FILE (default: standard output)\n"
           "  -h, --help                this help\n");
}

int cli_merge(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 'o':
            if (!*optarg)
                return cli_usage_error("merge", "--out needs a file");
            output = optarg;
            break;
        case ':':
            return cli_usage_error("merge", "%s needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("merge", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return cli_usage_error("merge", "one INPUT at most; merge sorted files with sort -m");
    const char *in_name = optind < argc ? argv[optind] : "-";
    FILE *in = stdin;
    eg_error err;
    eg_error_init(&err);
    if (strcmp(in_name, "-") != 0 && !(in = fopen(in_name, "r"))) {
        eg_error_add(&err, EG_EIO, "%s: cannot open: %s", in_name, strerror(errno));
        return cli_fail(&err);
    }
    cli_output out;
    eg_status st = cli_output_open(&out, output, &err);
    if (st == EG_OK) {
        st = eg_counts_merge(in, strcmp(in_name, "-") ? in_name : "standard input", out.fp,
                             out.name, &err);
        st = cli_output_close(&out, "merge", st, &err);
    }
    if (in != stdin)
        fclose(in);
    return st == EG_OK ? 0 : cli_fail(&err);
}
