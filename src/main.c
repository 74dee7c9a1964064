/*
 * main.c - entigraph's command line: dispatch to a subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: entigraph COMMAND [options] INPUT...\n"
                "Turn text into a knowledge graph of the people, countries, organizations\n"
                "and places it mentions.\n"
                "\n"
                "Commands:\n"
                "  build     build the co-occurrence graph: DOT, GraphML, YAML summary, mentions\n"
                "  tag       print the entity mentions (TSV or JSON Lines)\n"
                "  suggest   names no gazetteer covers, as entries ready to review and paste\n"
                "  show      the card of an entity from the summary, or the top entities\n"
                "  count     the counts of build as sorted records: a map/reduce mapper\n"
                "  merge     combine sorted count records: the reducer\n"
                "  gazetteer check | stats | lookup NAME: validate, count and query the\n"
                "            entity lists\n"
                "\n"
                "  entigraph COMMAND --help   options of a command\n"
                "  entigraph --version        version\n");
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    int rc = run(argc, argv);
    /* what a command printed and did not flush (help, --version): a full
     * disk or a closed pipe is an error there too */
    if (rc == 0 && cli_flush_stdout(NULL))
        rc = 1;
    return rc;
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("entigraph %s\n", EG_VERSION);
        return 0;
    }
    if (strcmp(cmd, "build") == 0)
        return cli_build(argc - 1, argv + 1);
    if (strcmp(cmd, "tag") == 0)
        return cli_tag(argc - 1, argv + 1);
    if (strcmp(cmd, "count") == 0)
        return cli_count(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0)
        return cli_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "suggest") == 0)
        return cli_suggest(argc - 1, argv + 1);
    if (strcmp(cmd, "show") == 0)
        return cli_show(argc - 1, argv + 1);
    if (strcmp(cmd, "gazetteer") == 0)
        return cli_gazetteer(argc - 1, argv + 1);
    fprintf(stderr, "entigraph: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
