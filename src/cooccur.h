/*
 * cooccur.h - entity and pair statistics accumulated over documents.
 *
 * Windows: a sentence, a paragraph, the whole document, or N tokens. In a
 * sentence, paragraph or document window every pair of distinct entities
 * present counts once. In an N-token window each mention looks ahead N-1
 * tokens and every other entity it sees there counts once for that
 * mention. A pair keeps its count (windows), the documents it occurs in,
 * and one evidence passage: in each document the first, across documents
 * the least by (document id, start, end, text), so that counts made on
 * any split of a corpus merge to the same result (cooccur.c).
 */
#ifndef EG_COOCCUR_H
#define EG_COOCCUR_H

#include "gazetteer.h"
#include "resolve.h"
#include "text.h"
#include "util/hmap.h"

typedef enum { EG_WIN_SENTENCE, EG_WIN_PARAGRAPH, EG_WIN_DOCUMENT, EG_WIN_TOKENS } eg_window_kind;

typedef struct {
    eg_window_kind kind;
    uint32_t tokens; /* for EG_WIN_TOKENS, >= 2 */
} eg_window;

/* Parses "sentence", "paragraph", "document" or a token count >= 2. */
int eg_window_parse(const char *s, eg_window *w);
/* Writes the window's name ("sentence", "10 tokens") into buf. */
void eg_window_name(const eg_window *w, char *buf, size_t n);

typedef struct {
    char *form; /* cleaned surface text, owned */
    uint64_t count;
} eg_surface;

typedef struct {
    uint64_t mentions;
    uint64_t demonym_mentions;
    uint32_t documents;
    uint32_t last_doc; /* 1-based index of the last document seen */
    eg_surface *forms;
    size_t nforms, forms_cap;
} eg_entity_stats;

typedef struct {
    uint32_t a, b; /* entity indices, a < b */
    uint64_t count;
    uint32_t documents;
    uint32_t last_doc;
    char *ev_doc;   /* evidence: document id, owned */
    uint32_t ev_start, ev_end; /* bytes in that document */
    char *ev_text;  /* cleaned passage, owned */
} eg_pair;

typedef struct {
    eg_window win;
    size_t nent;
    eg_entity_stats *ent; /* nent entries */
    eg_pair *pair;
    size_t npair, pair_cap;
    eg_u64map index; /* a << 32 | b -> pair */
    uint32_t ndocs;
    uint64_t bytes, tokens, sentences, paragraphs, mentions;
    uint32_t *scratch;
    size_t scratch_cap;
    eg_mentions kept; /* scratch: the counted mentions of a document */
} eg_cooccur;

/* Returns a new accumulator for a gazetteer of nent entities, or NULL when
 * out of memory; free with eg_cooccur_free. */
eg_cooccur *eg_cooccur_new(size_t nent, eg_window win);
void eg_cooccur_free(eg_cooccur *c);

/* Adds one document: text is its bytes, t its analysis, ms its resolved
 * mentions (in text order). */
eg_status eg_cooccur_add(eg_cooccur *c, const char *doc_id, const char *text, const eg_text *t,
                         const eg_mentions *ms, eg_error *err);

/* For counts read back (counts.c): the pair of entities a and b (either
 * order), created empty if new; NULL when out of memory. */
eg_pair *eg_cooccur_pair(eg_cooccur *c, uint32_t a, uint32_t b);
/* Adds count to the surface form (copied) of es. */
eg_status eg_cooccur_add_form(eg_entity_stats *es, const char *form, uint64_t count,
                              eg_error *err);
/* Keeps the given evidence (copied) if p has none or it is the lesser. */
eg_status eg_cooccur_offer_evidence(eg_pair *p, const char *doc, uint32_t start, uint32_t end,
                                    const char *text, eg_error *err);
/* Orders evidence passages: document id, start, end, text (bytes). */
int eg_evidence_cmp(const char *doc_a, uint32_t start_a, uint32_t end_a, const char *text_a,
                    const char *doc_b, uint32_t start_b, uint32_t end_b, const char *text_b);

#endif
