/*
 * matcher.h - the gazetteer compiled into an automaton over normalised
 * tokens, and the raw mentions it finds.
 *
 * Matching is leftmost-longest without overlaps. A raw mention keeps every
 * entity its alias can name (Paris, Georgia); resolve.c chooses one.
 */
#ifndef EG_MATCHER_H
#define EG_MATCHER_H

#include "gazetteer.h"
#include "text.h"
#include "util/image.h"

typedef struct eg_matcher eg_matcher;

typedef struct {
    uint32_t entity;
    uint16_t demonym; /* 1 when matched through a demonym */
    uint16_t weak;    /* 1 when the case evidence is weak: a common word
                         capitalised only as a sentence opening, or case
                         rules met only because the line is ALL CAPS */
} eg_candidate;

typedef struct {
    uint32_t tok_start, tok_end; /* tokens [tok_start, tok_end) */
    uint32_t start, end;         /* bytes in the original */
    uint32_t cand, ncand;        /* candidates in eg_matches.cand: highest prior
                                    first, then smallest id */
} eg_raw_mention;

/* Reused across documents; eg_matcher_run clears it. Owns its arrays:
 * free with eg_matches_free. */
typedef struct {
    eg_raw_mention *m;
    size_t n, cap;
    eg_candidate *cand;
    size_t ncand, cand_cap;
    uint32_t *sym; /* scratch: the symbol of each token */
    size_t sym_cap;
    uint64_t *hash; /* the padded hash (eg_hash_padded) of each token's normal
                       form, for the stages after: one hash a token */
    size_t hash_cap;
} eg_matches;

/* Compiles g (which must outlive the matcher). *out is owned by the
 * caller: free with eg_matcher_free. */
eg_status eg_matcher_new(const eg_gazetteer *g, eg_matcher **out, eg_error *err);
void eg_matcher_free(eg_matcher *m);
/* Appends the compiled tables to an image, and makes a matcher for g of
 * the tables the next sections of im hold (it reads them in place: im
 * must stay mapped while the matcher lives). eg_matcher_view returns 0,
 * or -1 for a bad image or out of memory. */
void eg_matcher_save(const eg_matcher *m, eg_imgw *w);
int eg_matcher_view(const eg_gazetteer *g, eg_image *im, eg_matcher **out);

/* Finds the raw mentions of t, as eg_text_analyze left it. */
eg_status eg_matcher_run(const eg_matcher *m, const eg_text *t, eg_matches *out, eg_error *err);
void eg_matches_free(eg_matches *ms);

/* Number of distinct aliases (token sequences) and states, for reports. */
size_t eg_matcher_nstates(const eg_matcher *m);

#endif
