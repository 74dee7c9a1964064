/*
 * cooccur.h - entity and pair statistics accumulated over documents.
 *
 * Windows: a sentence, a paragraph, the whole document, or N tokens. In a
 * sentence, paragraph or document window every pair of distinct entities
 * present counts once. In an N-token window each mention looks ahead N-1
 * tokens and every other entity it sees there counts once for that
 * mention. A pair keeps its count (windows), the documents it occurs in,
 * and its max_evidence least passages by (document id, start, end, text),
 * so that counts made on any split of a corpus merge to the same result
 * (cooccur.c).
 */
#ifndef EG_COOCCUR_H
#define EG_COOCCUR_H

#include "dates.h"
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
    uint64_t windows;  /* windows it occurs in (for N tokens: its mentions) */
    uint32_t first_seen, last_seen; /* dates (YYYYMMDD) of dated documents, 0 = none */
    uint32_t documents;
    uint32_t last_doc; /* 1-based index of the last document seen */
    eg_surface *forms;
    size_t nforms, forms_cap;
} eg_entity_stats;

/* A passage where a pair occurs. Its strings are read-only and owned by
 * the accumulator: passages of one document share them (cooccur.c). */
typedef struct {
    char *doc;                 /* document id */
    uint32_t start, end;       /* bytes in that document */
    char *text;                /* cleaned passage */
} eg_evidence;

typedef struct {
    uint32_t a, b; /* entity indices, a < b */
    uint64_t count;
    uint32_t documents;
    uint32_t last_doc;
    uint32_t first_seen, last_seen; /* dates, 0 = none */
    eg_evidence *ev; /* the least passages, least first; owned */
    uint32_t nev;    /* at most the accumulator's max_evidence */
} eg_pair;

/* A count in one period of a timeline: of entity id, or of pair id (an
 * index of eg_cooccur.pair). */
typedef struct {
    uint32_t id, period;
    uint64_t n;
} eg_tl_point;

typedef struct {
    eg_tl_point *p;
    size_t n, cap;
    eg_u64map index; /* id << 32 | period -> point */
} eg_timeline;

typedef struct {
    eg_window win;
    uint32_t max_evidence; /* passages kept per pair (default 1) */
    eg_period period;      /* of the timelines (default month) */
    uint32_t dated;        /* documents with a date */
    uint32_t first_date, last_date;
    eg_timeline ent_tl;    /* mentions per entity and period */
    eg_timeline pair_tl;   /* windows per pair and period */
    size_t nent;
    eg_entity_stats *ent; /* nent entries: the gazetteer's, then discovered ones */
    size_t ent_cap;
    eg_pair *pair;
    size_t npair, pair_cap;
    eg_u64map index; /* a << 32 | b -> pair */
    uint32_t ndocs;
    uint64_t bytes, tokens, sentences, paragraphs, mentions;
    uint64_t windows; /* windows counted: sentences, paragraphs, documents or,
                         for N tokens, counted mentions (each opens one) */
    uint32_t *scratch;
    size_t scratch_cap;
    uint32_t cur_date; /* scratch: the date of the document being added */
    eg_mentions kept; /* scratch: the counted mentions of a document */
    struct eg_cooccur_scratch *scratch_ev; /* scratch: the passages of a document */
} eg_cooccur;

/* Returns a new accumulator for a gazetteer of nent entities, or NULL when
 * out of memory; free with eg_cooccur_free. It keeps one evidence passage
 * per pair; set max_evidence before adding documents for more. */
eg_cooccur *eg_cooccur_new(size_t nent, eg_window win);
void eg_cooccur_free(eg_cooccur *c);

/* Makes room for the statistics of n entities (discovered entities are
 * numbered after the gazetteer's; eg_cooccur_add makes room for those it
 * sees, this for all of them). */
eg_status eg_cooccur_reserve(eg_cooccur *c, size_t n, eg_error *err);
/* Renumbers entities base + i as base + perm[i] (i < n), in the
 * statistics, pairs and timelines: the discovered entities take the
 * order of their ids (eg_tagger_adopt) whatever order they came in. */
eg_status eg_cooccur_renumber(eg_cooccur *c, size_t base, const uint32_t *perm, size_t n,
                              eg_error *err);
/* Adds one document: date its date (YYYYMMDD, 0 = none), text its
 * bytes, t its analysis, ms its resolved mentions (in text order). */
eg_status eg_cooccur_add(eg_cooccur *c, const char *doc_id, uint32_t date, const char *text,
                         const eg_text *t, const eg_mentions *ms, eg_error *err);
/* Adds n to the point (id, period) of a timeline. */
eg_status eg_timeline_add(eg_timeline *tl, uint32_t id, uint32_t period, uint64_t n,
                          eg_error *err);
/* Sorts the points by (id, period), for reading them in that order. */
eg_status eg_timeline_sort(eg_timeline *tl, eg_error *err);
/* In a sorted timeline: the index of id's first point; *n its points. */
size_t eg_timeline_find(const eg_timeline *tl, uint32_t id, size_t *n);
/* Once every document is in: sorts both timelines for the exporters. */
eg_status eg_cooccur_finish(eg_cooccur *c, eg_error *err);
/* Widens [*first, *last] to hold date (both 0 = empty). */
void eg_date_widen(uint32_t *first, uint32_t *last, uint32_t date);

/* For counts read back (counts.c): the pair of entities a and b (either
 * order), created empty if new; NULL when out of memory. */
eg_pair *eg_cooccur_pair(eg_cooccur *c, uint32_t a, uint32_t b);
/* Adds count to the surface form (copied) of es. */
eg_status eg_cooccur_add_form(eg_entity_stats *es, const char *form, uint64_t count,
                              eg_error *err);
/* Keeps the given passage (copied) among p's max least ones. */
eg_status eg_cooccur_offer_evidence(eg_pair *p, uint32_t max, const char *doc, uint32_t start,
                                    uint32_t end, const char *text, eg_error *err);
/* Orders evidence passages: document id, start, end, text (bytes). */
int eg_evidence_cmp(const char *doc_a, uint32_t start_a, uint32_t end_a, const char *text_a,
                    const char *doc_b, uint32_t start_b, uint32_t end_b, const char *text_b);

#endif
