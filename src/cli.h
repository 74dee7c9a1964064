/*
 * cli.h - what the subcommands share: common options, defaults, messages.
 */
#ifndef EG_CLI_H
#define EG_CLI_H

#include <getopt.h>

#include "cooccur.h"
#include "corpus.h"
#include "pipeline.h"
#include "tagger.h"
#include "util/atomic.h"

typedef struct {
    const char *gazetteers[64];
    size_t ngazetteers;
    const char *wordlist;
    int no_wordlist;
    const char *exclude_kinds;
    int skip_boilerplate;
    eg_resolve_opts resolve;
    eg_corpus_opts corpus;
    int no_discover;          /* --no-discover: gazetteer names only */
    const char *given_names;  /* --given-names FILE; default: the shipped list */
    int quiet;
    unsigned jobs; /* threads that tag; default: the number of cores */
} cli_common;

/* Long-option ids shared by the subcommands (>= 256, after short ones). */
enum {
    OPT_WORDLIST = 256,
    OPT_NO_WORDLIST,
    OPT_TYPES,
    OPT_NO_DEMONYMS,
    OPT_WINDOW,
    OPT_MIN_WEIGHT,
    OPT_FORMAT,
    OPT_EXCLUDE_KINDS,
    OPT_SKIP_BOILERPLATE,
    OPT_NO_VARIANTS,
    OPT_MIN_COUNT,
    OPT_TOP,
    OPT_EXAMPLES,
    OPT_JSONL,
    OPT_MAX_DOC_SIZE,
    OPT_FROM_COUNTS,
    OPT_EVIDENCE,
    OPT_PERIOD,
    OPT_DATE_FROM_PATH,
    OPT_NO_DISCOVER,
    OPT_GIVEN_NAMES,
};

/* The long options every command takes; handled by cli_common_option. */
#define CLI_COMMON_LONG_OPTIONS                                    \
    {"gazetteer", required_argument, NULL, 'g'},                  \
        {"wordlist", required_argument, NULL, OPT_WORDLIST},      \
        {"no-wordlist", no_argument, NULL, OPT_NO_WORDLIST},      \
        {"types", required_argument, NULL, OPT_TYPES},            \
        {"no-demonyms", no_argument, NULL, OPT_NO_DEMONYMS},      \
        {"exclude-kinds", required_argument, NULL, OPT_EXCLUDE_KINDS}, \
        {"skip-boilerplate", no_argument, NULL, OPT_SKIP_BOILERPLATE}, \
        {"no-variants", no_argument, NULL, OPT_NO_VARIANTS},      \
        {"no-discover", no_argument, NULL, OPT_NO_DISCOVER},      \
        {"given-names", required_argument, NULL, OPT_GIVEN_NAMES}, \
        {"jsonl", no_argument, NULL, OPT_JSONL},                  \
        {"max-doc-size", required_argument, NULL, OPT_MAX_DOC_SIZE}, \
        {"date-from-path", required_argument, NULL, OPT_DATE_FROM_PATH}, \
        {"jobs", required_argument, NULL, 'j'},                   \
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}

void cli_common_init(cli_common *c);
/* getopt_long for a command: handles the common options itself and
 * returns the command's next own option, -1 after the last, or -2 after
 * printing the error for a bad or incomplete option (exit code 2). */
int cli_getopt(cli_common *c, const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *opts);
/* Handles a common option; returns 1 if it was one, 0 if not, -1 on a
 * bad value (message printed). */
int cli_common_option(cli_common *c, int opt, const char *arg);
/* Fills in defaults (shipped gazetteers, system word list) and builds the
 * tagger, or with gazetteers_only loads its gazetteers and compiles
 * nothing (for commands that tag no text). Prints errors; returns an exit
 * code (0 on success). */
int cli_make_tagger(cli_common *c, int gazetteers_only, eg_tagger **out);
/* cli_make_tagger, then opens the inputs (cli_pipeline warns when they
 * held no document). Returns an exit code; on 0 the caller owns both. */
int cli_open_inputs(cli_common *c, char **inputs, size_t n, eg_tagger **tg,
                    eg_corpus **corpus);

/* eg_pipeline_run with c's thread count, drawing progress on stderr
 * (documents, MB, MB/s, time left) when it is a terminal and not --quiet. */
eg_status cli_pipeline(const cli_common *c, eg_tagger *tg, eg_corpus *corpus, eg_tagged_fn fn,
                       void *ud, eg_error *err);

/* After the last document: the discovered entities of tg join its
 * gazetteer (eg_tagger_adopt), and co is renumbered to match and sized
 * for every entity. */
eg_status cli_adopt_discovered(eg_tagger *tg, eg_cooccur *co, eg_error *err);

/* Where count and merge write: a file, under a temporary name until
 * cli_output_close renames it, or standard output (path NULL). */
typedef struct {
    eg_atomic af;
    FILE *fp;
    const char *name; /* for messages */
    int file;
} cli_output;

eg_status cli_output_open(cli_output *o, const char *path, eg_error *err);
/* Ends the output of a run that went as st says: the file is renamed into
 * place, or standard output flushed and checked, if st is EG_OK; the
 * temporary file is removed otherwise. Returns the final status. */
eg_status cli_output_close(cli_output *o, const char *cmd, eg_status st, eg_error *err);

/* Prints every line of err after "entigraph: " and returns the exit code
 * for its status (2 usage, 1 otherwise). */
int cli_fail(const eg_error *err);
/* The number parsers of every option: arg must be written in decimal
 * digits only (no sign, space or 0x; cli_real: digits, one point and an
 * exponent), within [lo, hi]. 0, or -1 (nothing printed). */
int cli_uint(const char *arg, unsigned long long lo, unsigned long long hi,
             unsigned long long *out);
int cli_real(const char *arg, double *out);
/* Flushes standard output: 0, or 1 after saying on stderr that it could
 * not be written ("entigraph: CMD: cannot write to standard output: ...";
 * CMD may be NULL). Every command ends with it, help and --version too. */
int cli_flush_stdout(const char *cmd);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(void *ud, const char *msg);

/* Parses a --window value; prints the usage error and returns -1 if bad. */
int cli_window_option(const char *cmd, const char *arg, eg_window *w);
/* Parses a --period value; prints the usage error and returns -1 if bad. */
int cli_period_option(const char *cmd, const char *arg, eg_period *p);
/* Parses an --evidence value (1 to 100); prints the usage error and
 * returns -1 if bad. */
int cli_evidence_option(const char *cmd, const char *arg, uint32_t *n);

int cli_build(int argc, char **argv);
int cli_count(int argc, char **argv);
int cli_merge(int argc, char **argv);
int cli_tag(int argc, char **argv);
int cli_gazetteer(int argc, char **argv);
int cli_suggest(int argc, char **argv);
int cli_show(int argc, char **argv);

extern const char cli_common_help[];

#endif
