/*
 * cli_gazetteer.c - `entigraph gazetteer check|stats|lookup`: validate the
 * entity lists, count them, and say which entities a name can mean and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "gazindex.h"

static void help(void)
{
    printf("Usage: entigraph gazetteer check [options]\n"
           "       entigraph gazetteer stats [options]\n"
           "       entigraph gazetteer lookup [options] NAME...\n"
           "\n"
           "check   validate every gazetteer: schema, duplicate ids, unknown country ids,\n"
           "        aliases shared with equal priors (errors); aliases that are common\n"
           "        words and how they are guarded. Exits 1 on any error.\n"
           "stats   counts per file, type and kind, and the load time.\n"
           "lookup  which entities each NAME can mean (case and accent insensitive),\n"
           "        in the order the resolver prefers them, and why.\n"
           "\n"
           "Options:\n"
           "  -v, --verbose             check: also list shared and guarded aliases\n"
           "%s",
           cli_common_help);
}

/* The distinct entities of a form, in the resolver's order (prior, then
 * id); returns how many, at most cap. */
static size_t form_entities(const eg_gazindex *ix, uint32_t f, uint32_t *out, size_t cap)
{
    const eg_gazetteer *gz = ix->gz;
    size_t n = 0;
    for (uint32_t k = 0; k < ix->count[f]; k++) {
        uint32_t e = gz->alias[ix->by_form[ix->first[f] + k]].entity;
        int seen = 0;
        for (size_t j = 0; j < n; j++)
            seen |= out[j] == e;
        if (!seen && n < cap)
            out[n++] = e;
    }
    /* insertion sort: a handful of candidates */
    for (size_t i = 1; i < n; i++) {
        uint32_t x = out[i];
        size_t j = i;
        while (j > 0) {
            const eg_entity *a = &gz->ent[out[j - 1]], *b = &gz->ent[x];
            if (eg_entity_prior(a) > eg_entity_prior(b) ||
                (eg_entity_prior(a) == eg_entity_prior(b) && strcmp(a->id, b->id) < 0))
                break;
            out[j] = out[j - 1];
            j--;
        }
        out[j] = x;
    }
    return n;
}

/* The alias of entity e with form f (its first). */
static const eg_alias *alias_of(const eg_gazindex *ix, uint32_t f, uint32_t e)
{
    for (uint32_t k = 0; k < ix->count[f]; k++) {
        const eg_alias *a = &ix->gz->alias[ix->by_form[ix->first[f] + k]];
        if (a->entity == e)
            return a;
    }
    return NULL;
}

#define MAX_CAND 64

static int check(const eg_gazetteer *gz, const eg_gazindex *ix, int verbose, int have_words)
{
    size_t errors = 0, warnings = 0, shared = 0, guarded_caps = 0, guarded_capital = 0;
    uint32_t cand[MAX_CAND];
    if (!have_words) {
        printf("warning: no word list: aliases that are common words are not guarded\n");
        warnings++;
    }
    for (size_t f = 0; f < ix->forms.n; f++) {
        size_t n = form_entities(ix, (uint32_t)f, cand, MAX_CAND);
        if (n < 2)
            continue;
        shared++;
        const eg_entity *a = &gz->ent[cand[0]], *b = &gz->ent[cand[1]];
        const eg_alias *aa = alias_of(ix, (uint32_t)f, cand[0]);
        const eg_alias *ab = alias_of(ix, (uint32_t)f, cand[1]);
        if (eg_entity_prior(a) == eg_entity_prior(b)) {
            printf("%s:%u:%u: error: alias \"%s\" names %s and %s (%s:%u) with equal priors "
                   "(%g); give them different priors\n",
                   aa->file, aa->line, aa->col, aa->text, a->id, b->id, ab->file, ab->line,
                   eg_entity_prior(a));
            errors++;
        } else if (verbose) {
            printf("%s:%u:%u: note: alias \"%s\" is shared by %zu entities; %s wins by prior\n",
                   aa->file, aa->line, aa->col, aa->text, n, a->id);
        }
    }
    for (size_t i = 0; i < gz->nalias; i++) {
        const eg_alias_info *ai = &ix->info[i];
        const eg_alias *a = &gz->alias[i];
        if (ai->guard == EG_GUARD_CAPS)
            guarded_caps++;
        else if (ai->guard == EG_GUARD_CAPITAL) {
            guarded_capital++;
            if (verbose)
                printf("%s:%u:%u: note: \"%s\" (%s) is made of common words: %s\n", a->file,
                       a->line, a->col, a->text, gz->ent[a->entity].id,
                       eg_guard_name(EG_GUARD_CAPITAL));
        }
    }
    size_t per[EG_NTYPES] = {0};
    for (size_t i = 0; i < gz->nent; i++)
        per[gz->ent[i].type]++;
    printf("%zu entities (", gz->nent);
    for (int t = 0; t < EG_NTYPES; t++)
        printf("%s%zu %s", t ? ", " : "", per[t], eg_type_name((eg_type)t));
    printf("), %zu names in %zu files\n", gz->nalias, gz->nfiles);
    printf("%zu shared aliases, %zu acronyms matched only in capitals, %zu names of common "
           "words that need capitals\n",
           shared, guarded_caps, guarded_capital);
    printf("%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
           warnings == 1 ? "" : "s");
    return errors ? 1 : 0;
}

static int stats(const eg_gazetteer *gz, const eg_gazindex *ix, double seconds)
{
    printf("load and compile: %.3f s\n", seconds);
    printf("%-40s %8s %8s %8s\n", "file", "entities", "names", "demonyms");
    for (size_t f = 0; f < gz->nfiles; f++) {
        size_t ne = 0, na = 0, nd = 0;
        for (size_t i = 0; i < gz->nent; i++)
            ne += gz->ent[i].file == gz->files[f];
        for (size_t i = 0; i < gz->nalias; i++) {
            if (gz->alias[i].file != gz->files[f])
                continue;
            if (gz->alias[i].flags & EG_ALIAS_DEMONYM)
                nd++;
            else
                na++;
        }
        printf("%-40s %8zu %8zu %8zu\n", gz->files[f], ne, na, nd);
    }
    printf("\n%-14s %8s %8s %8s %9s %6s\n", "type", "entities", "names", "demonyms", "wikidata",
           "prior");
    for (int t = 0; t < EG_NTYPES; t++) {
        size_t ne = 0, na = 0, nd = 0, nw = 0, np = 0;
        for (size_t i = 0; i < gz->nent; i++) {
            if (gz->ent[i].type != (eg_type)t)
                continue;
            ne++;
            nw += gz->ent[i].wikidata != NULL;
            np += gz->ent[i].has_prior;
        }
        for (size_t i = 0; i < gz->nalias; i++) {
            if (gz->ent[gz->alias[i].entity].type != (eg_type)t)
                continue;
            if (gz->alias[i].flags & EG_ALIAS_DEMONYM)
                nd++;
            else
                na++;
        }
        printf("%-14s %8zu %8zu %8zu %9zu %6zu\n", eg_type_name((eg_type)t), ne, na, nd, nw, np);
    }
    /* organization kinds, in first-seen order */
    const char *kinds[64];
    size_t kcount[64], nk = 0, none = 0;
    for (size_t i = 0; i < gz->nent; i++) {
        const eg_entity *e = &gz->ent[i];
        if (e->type != EG_ORGANIZATION)
            continue;
        if (!e->kind) {
            none++;
            continue;
        }
        size_t k = 0;
        while (k < nk && strcmp(kinds[k], e->kind) != 0)
            k++;
        if (k == nk && nk < 64) {
            kinds[nk] = e->kind;
            kcount[nk++] = 0;
        }
        if (k < nk)
            kcount[k]++;
    }
    printf("\norganization kinds:");
    for (size_t k = 0; k < nk; k++)
        printf(" %s %zu,", kinds[k], kcount[k]);
    printf(" none %zu\n", none);
    printf("distinct name forms: %zu\n", ix->forms.n);
    return 0;
}

static int lookup(const eg_gazetteer *gz, const eg_gazindex *ix, char **names, int n)
{
    int rc = 0;
    uint32_t cand[MAX_CAND];
    for (int i = 0; i < n; i++) {
        long f = eg_gazindex_find(ix, names[i]);
        if (f < 0) {
            printf("%s: no entity has this name\n", names[i]);
            rc = 1;
            continue;
        }
        size_t nc = form_entities(ix, (uint32_t)f, cand, MAX_CAND);
        printf("%s: %zu entit%s\n", names[i], nc, nc == 1 ? "y" : "ies");
        for (size_t k = 0; k < nc; k++) {
            const eg_entity *e = &gz->ent[cand[k]];
            const eg_alias *a = alias_of(ix, (uint32_t)f, cand[k]);
            const eg_alias_info *ai = &ix->info[a - gz->alias];
            printf("  %zu. %s  %s (%s", k + 1, e->id, e->label, eg_type_name(e->type));
            if (e->has_prior)
                printf(", prior %g", e->prior);
            if (e->country)
                printf(", %s", e->country);
            printf(")");
            if (nc == 1)
                printf("  <- the only entity with this name");
            else if (k == 0)
                printf("  <- chosen: %s",
                       eg_entity_prior(e) > eg_entity_prior(&gz->ent[cand[1]]) ? "highest prior"
                                                                : "equal priors, first id");
            printf("\n     %s \"%s\" at %s:%u:%u, %s\n",
                   (a->flags & EG_ALIAS_DEMONYM) ? "demonym"
                   : (a->flags & EG_ALIAS_LABEL) ? "label"
                                                 : "alias",
                   a->text, a->file, a->line, a->col, eg_guard_name((eg_guard)ai->guard));
        }
    }
    return rc;
}

int cli_gazetteer(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"verbose", no_argument, NULL, 'v'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        help();
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "check") && strcmp(sub, "stats") && strcmp(sub, "lookup"))
        return cli_usage_error("gazetteer", "unknown subcommand '%s' (check, stats, lookup)", sub);
    argc--, argv++;
    cli_common c;
    cli_common_init(&c);
    int verbose = 0, opt;
    optind = 1;
    while ((opt = cli_getopt(&c, "gazetteer", argc, argv, "g:j:qhv", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 'v':
            verbose = 1;
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }
    int is_lookup = strcmp(sub, "lookup") == 0;
    if (is_lookup && optind >= argc)
        return cli_usage_error("gazetteer", "lookup needs a NAME");
    if (!is_lookup && optind < argc)
        return cli_usage_error("gazetteer", "%s takes no arguments", sub);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    eg_tagger *tg;
    int rc = cli_make_tagger(&c, 0, &tg); /* check reports what the compiler finds */
    if (rc)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    eg_gazindex ix;
    eg_error err;
    eg_error_init(&err);
    if (eg_gazindex_build(tg->gz, &ix, &err) != EG_OK) {
        eg_tagger_free(tg);
        return cli_fail(&err);
    }
    if (strcmp(sub, "check") == 0)
        rc = check(tg->gz, &ix, verbose, c.wordlist != NULL);
    else if (strcmp(sub, "stats") == 0)
        rc = stats(tg->gz, &ix, secs);
    else
        rc = lookup(tg->gz, &ix, argv + optind, argc - optind);
    eg_gazindex_free(&ix);
    eg_tagger_free(tg);
    if (rc == 0 && cli_flush_stdout("gazetteer"))
        rc = 1;
    return rc;
}
