/*
 * suggest.h - names the gazetteers miss: capitalised word sequences that
 * no alias covers, gathered over a corpus, ranked by frequency, each with
 * a guessed type, an id and example sentences, for `entigraph suggest`.
 *
 * A name is a run of capitalised words in one line of one sentence; "of",
 * "and", "al", "von" and the like may join two of them. Known entities
 * may be part of it (Moscow State University) but a person ends it. Not
 * taken: a capitalised sentence opening that is a common word (The, By),
 * a title before a name (President, Foreign Minister), a lone common word
 * (Government), weekdays and months, lines in capitals or in Title Case
 * (headlines). A lone surname after the full name in the same document
 * counts for the full name, as the resolver does for gazetteer people.
 */
#ifndef EG_SUGGEST_H
#define EG_SUGGEST_H

#include <stddef.h>
#include <stdio.h>

#include "corpus.h"
#include "tagger.h"

typedef struct {
    size_t min_count; /* names seen fewer times are left out */
    size_t top;       /* at most this many (0: all) */
    size_t examples;  /* example sentences per name, from different documents */
} eg_suggest_opts;

/* What a type guess rests on, counted over the name's occurrences. */
typedef enum {
    EG_CUE_TITLE = 0, /* a title before it: President, Mr. */
    EG_CUE_SURNAME,   /* its last word alone later in the document */
    EG_CUE_FAMILY,    /* a known person's surname after a given name */
    EG_CUE_ORGWORD,   /* Ministry, Bank, Party ... in or right after it */
    EG_CUE_ACRONYM,   /* written in capitals: EAEU */
    EG_CUE_PLACEWORD, /* Base, River, Oblast ... in or right after it */
    EG_CUE_PREP,      /* after "in" or "near" */
    EG_CUE_SPEAKS,    /* before "said", "told" ... */
    EG_NCUES
} eg_cue;

typedef struct {
    char *label;  /* the first spelling seen, mixed case preferred */
    char *id;     /* lower-case slug, unique among the suggestions and the
                     gazetteer's ids */
    eg_type type; /* guessed */
    int guessed;  /* 1: no cue at all, the type is a default */
    size_t count, documents;
    size_t cues[EG_NCUES]; /* those seen in at least a tenth of the mentions */
    char **examples; /* "doc:line: sentence" */
    size_t nexamples;
} eg_suggestion;

typedef struct eg_suggester eg_suggester;

void eg_suggest_defaults(eg_suggest_opts *o);
/* *out is owned by the caller: eg_suggester_free. */
eg_status eg_suggester_new(const eg_suggest_opts *o, eg_suggester **out, eg_error *err);
/* Gathers the uncovered names of a document that t tagged into tg. */
eg_status eg_suggest_add(eg_suggester *s, const eg_tagger *t, const eg_tagged *tg,
                         const eg_doc *doc, eg_error *err);
/* Ranks the names (count, then documents, then label bytes), applies
 * min_count and top, and assigns ids and types. The array belongs to s. */
eg_status eg_suggest_finish(eg_suggester *s, const eg_gazetteer *gz, const eg_suggestion **out,
                            size_t *n, eg_error *err);
/* Names seen at all, before min_count and top. */
size_t eg_suggest_total(const eg_suggester *s);
void eg_suggester_free(eg_suggester *s);

/* Writes the suggestions as gazetteer entries, each after comments with
 * its counts, the cues behind its type and its examples. Returns 0, or -1
 * on a write error. */
eg_status eg_write_suggestions(FILE *fp, const eg_suggestion *sg, size_t n, size_t total,
                               const eg_suggest_opts *o, eg_error *err);

#endif
