/* libFuzzer harness: the whole tagging path (text, matcher, name
 * discovery, resolver, boilerplate, suggest) with the shipped gazetteers
 * on arbitrary text, the numbering of discovered entities, and the
 * mention writers. Checks mention offsets and entity indices. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "suggest.h"
#include "tagger.h"

static eg_tagger *T;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *gz[] = {SRCDIR "/gazetteers"};
    const char *words = access("/usr/share/dict/words", R_OK) == 0 ? "/usr/share/dict/words" : NULL;
    eg_tagger_opts o = {gz, 1, words, NULL, 1, {EG_ALL_TYPES, 1, NULL, 1}, 0, NULL, 1, NULL};
    eg_error err;
    eg_error_init(&err);
    if (eg_tagger_new(&o, &T, &err) != EG_OK) {
        fprintf(stderr, "%s\n", err.msg);
        abort();
    }
    devnull = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_error err;
    eg_error_init(&err);
    if (eg_tagger_run(T, (const char *)data, size, &err) != EG_OK ||
        eg_tagger_number(T, &T->doc, &err) != EG_OK)
        return 0;
    for (size_t i = 0; i < T->doc.mentions.n; i++) {
        const eg_mention *m = &T->doc.mentions.m[i];
        if (m->start >= m->end || m->end > size || m->entity >= T->gz->nent + T->found.n ||
            m->tok_end > T->doc.text.ntok || m->tok_start >= m->tok_end ||
            (i > 0 && m->start < T->doc.mentions.m[i - 1].end))
            abort();
    }
    /* the writers read the document as a C string */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    eg_doc doc = {"fuzz.txt", copy, size, 0, NULL, 0};
    (void)eg_write_mentions(devnull, EG_FMT_JSONL, T, &doc, &T->doc.mentions);
    (void)eg_write_mentions(devnull, EG_FMT_TSV, T, &doc, &T->doc.mentions);
    eg_suggest_opts so;
    eg_suggest_defaults(&so);
    so.min_count = 1;
    eg_suggester *s;
    if (eg_suggester_new(&so, &s, &err) == EG_OK) {
        const eg_suggestion *sg;
        size_t n;
        if (eg_suggest_add(s, T, &T->doc, &doc, &err) == EG_OK &&
            eg_suggest_finish(s, T->gz, &sg, &n, &err) == EG_OK)
            (void)eg_write_suggestions(devnull, sg, n, n, &so, &err);
        eg_suggester_free(s);
    }
    free(copy);
    return 0;
}
