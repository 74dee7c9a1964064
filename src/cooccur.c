/*
 * cooccur.c - count entities and pairs of entities per window.
 *
 * Mentions arrive in text order, so the mentions of one sentence,
 * paragraph or document form a contiguous run: each run's distinct
 * entities are sorted and every pair of them counted once. Pairs live in
 * one array indexed by a hash table on (a, b), created in first-seen
 * order; the graph stage sorts them, so nothing here depends on hashing.
 *
 * Evidence: the passage of each window where a pair occurs is the first
 * sentence that holds both, or else the span from the sentence of one to
 * the sentence of the other (shortened to two sentence excerpts when
 * long); a pair keeps the max_evidence least passages by (document id,
 * start, end, text). Not "the first ones read": that would depend on how
 * a corpus is split among mappers (entigraph count), and this order does
 * not, so any sharding merges to the same evidence.
 *
 * What evidence costs stays linear in the text plus the passages kept,
 * however many names a sentence lists: a window is scanned once for the
 * passages of all its pairs, a passage is looked for only when it may be
 * kept (by document id first), its text is made from the sentences'
 * cleaned heads only when it is kept or must break a tie, once per
 * document, and the pairs keeping it share that one copy.
 *
 * Surface forms are counted exactly up to MAX_FORMS distinct forms per
 * entity (bounded: typos and noise can be endless); past that, new forms
 * are not counted, and which ones were seen first can depend on sharding.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cooccur.h"
#include "util/buf.h"

#define MAX_FORM 200      /* bytes kept of a surface form */
#define MAX_EVIDENCE 600  /* bytes of a one-sentence evidence passage */
#define MAX_EXCERPT 280   /* bytes of each end of a long passage */
#define MAX_FORMS 1000    /* distinct surface forms counted per entity */

/* ---- shared strings ----
 *
 * A passage's text and its document id are shared by every pair that
 * keeps it: the pairs of a sentence listing n names all keep that one
 * sentence, and copying it n * (n - 1) / 2 times made memory quadratic in
 * the text. Each string counts its references; eg_evidence points at the
 * characters. */
typedef struct {
    size_t refs;
    char s[];
} shared;

static shared *shared_of(char *s)
{
    return (shared *)(void *)(s - offsetof(shared, s));
}

/* A new string of s[0..n) with one reference, or NULL when out of memory. */
static char *shared_new(const char *s, size_t n)
{
    shared *x = malloc(sizeof *x + n + 1);
    if (!x)
        return NULL;
    x->refs = 1;
    memcpy(x->s, s, n);
    x->s[n] = '\0';
    return x->s;
}

static char *shared_ref(char *s)
{
    shared_of(s)->refs++;
    return s;
}

static void shared_drop(char *s)
{
    if (s && --shared_of(s)->refs == 0)
        free(shared_of(s));
}

/* ---- the passages of one document ----
 *
 * A pair's passage is found only when it may be kept, from what one scan
 * of its window found for all the window's pairs, and its text is made
 * once per document whatever the number of pairs that keep it: per
 * sentence, the head of its cleaned text (enough for any cut), and per
 * passage the text, shared. Nothing per pair reads the sentence, so the
 * cost is linear in the text plus the passages kept. */
struct eg_cooccur_scratch {
    const char *id;        /* the document's id */
    char *doc;             /* its shared copy, made when a passage is kept */
    const char *text;      /* its bytes */
    const eg_text *t;      /* its analysis */
    eg_buf heads;          /* cleaned heads of sentences, each NUL-terminated */
    eg_u64map head_at;     /* sentence -> offset of its head in heads */
    char **texts;          /* passage texts made, one reference each */
    size_t ntexts, texts_cap;
    eg_u64map text_at;     /* s0 << 32 | s1 -> index in texts */
    eg_buf tmp;
    /* one window: per entity of it (by rank in a paragraph or document,
     * by slot in N tokens) its first sentence, and the first sentence it
     * shares with the others (N tokens: with the window's first entity) */
    uint32_t *first, *first_run, *common, *seen, *list;
    size_t wcap;
    eg_u64map both; /* paragraph, document: rank x << 32 | y -> first sentence of both */
    /* per entity: its slot in the current N-token window, valid when its
     * mark is the stamp */
    uint32_t *mark, *slot;
    size_t mark_cap;
    uint32_t stamp;
};

/* Forgets the document: its heads, texts and windows. */
static void doc_done(struct eg_cooccur_scratch *x)
{
    for (size_t i = 0; i < x->ntexts; i++)
        shared_drop(x->texts[i]);
    x->ntexts = 0;
    eg_u64map_free(&x->text_at);
    eg_u64map_init(&x->text_at);
    eg_u64map_free(&x->head_at);
    eg_u64map_init(&x->head_at);
    eg_u64map_free(&x->both);
    eg_u64map_init(&x->both);
    if (x->heads.cap > (1u << 20)) /* a long document's need, not the next one's */
        eg_buf_free(&x->heads);
    eg_buf_clear(&x->heads);
    shared_drop(x->doc);
    x->doc = NULL;
    x->id = x->text = NULL;
    x->t = NULL;
}

static void scratch_free(struct eg_cooccur_scratch *x)
{
    if (!x)
        return;
    doc_done(x);
    free(x->texts);
    eg_u64map_free(&x->text_at);
    eg_u64map_free(&x->head_at);
    eg_u64map_free(&x->both);
    eg_buf_free(&x->heads);
    eg_buf_free(&x->tmp);
    free(x->first);
    free(x->first_run);
    free(x->common);
    free(x->seen);
    free(x->list);
    free(x->mark);
    free(x->slot);
    free(x);
}

int eg_window_parse(const char *s, eg_window *w)
{
    if (strcmp(s, "sentence") == 0)
        *w = (eg_window){EG_WIN_SENTENCE, 0};
    else if (strcmp(s, "paragraph") == 0)
        *w = (eg_window){EG_WIN_PARAGRAPH, 0};
    else if (strcmp(s, "document") == 0)
        *w = (eg_window){EG_WIN_DOCUMENT, 0};
    else {
        char *end;
        unsigned long n = strtoul(s, &end, 10);
        if (!*s || *end || *s == '-' || *s == '+' || n < 2 || n > 100000)
            return -1;
        *w = (eg_window){EG_WIN_TOKENS, (uint32_t)n};
    }
    return 0;
}

void eg_window_name(const eg_window *w, char *buf, size_t n)
{
    switch (w->kind) {
    case EG_WIN_SENTENCE: snprintf(buf, n, "sentence"); break;
    case EG_WIN_PARAGRAPH: snprintf(buf, n, "paragraph"); break;
    case EG_WIN_DOCUMENT: snprintf(buf, n, "document"); break;
    case EG_WIN_TOKENS: snprintf(buf, n, "%u tokens", w->tokens); break;
    }
}

eg_cooccur *eg_cooccur_new(size_t nent, eg_window win)
{
    eg_cooccur *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->win = win;
    c->max_evidence = 1;
    c->period = EG_PERIOD_MONTH;
    eg_u64map_init(&c->ent_tl.index);
    eg_u64map_init(&c->pair_tl.index);
    c->nent = nent;
    c->ent_cap = nent ? nent : 1;
    c->ent = calloc(c->ent_cap, sizeof *c->ent);
    if (!c->ent) {
        free(c);
        return NULL;
    }
    eg_u64map_init(&c->index);
    c->scratch_ev = calloc(1, sizeof *c->scratch_ev);
    if (!c->scratch_ev) {
        free(c->ent);
        free(c);
        return NULL;
    }
    eg_u64map_init(&c->scratch_ev->head_at);
    eg_u64map_init(&c->scratch_ev->text_at);
    eg_u64map_init(&c->scratch_ev->both);
    return c;
}

void eg_cooccur_free(eg_cooccur *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nent; i++) {
        for (size_t k = 0; k < c->ent[i].nforms; k++)
            free(c->ent[i].forms[k].form);
        free(c->ent[i].forms);
    }
    for (size_t i = 0; i < c->npair; i++) {
        for (uint32_t k = 0; k < c->pair[i].nev; k++) {
            shared_drop(c->pair[i].ev[k].doc);
            shared_drop(c->pair[i].ev[k].text);
        }
        free(c->pair[i].ev);
    }
    free(c->ent);
    free(c->pair);
    free(c->ent_tl.p);
    eg_u64map_free(&c->ent_tl.index);
    free(c->pair_tl.p);
    eg_u64map_free(&c->pair_tl.index);
    free(c->scratch);
    eg_mentions_free(&c->kept);
    eg_u64map_free(&c->index);
    scratch_free(c->scratch_ev);
    free(c);
}

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory while counting co-occurrences");
}

eg_status eg_timeline_add(eg_timeline *tl, uint32_t id, uint32_t period, uint64_t n,
                          eg_error *err)
{
    uint32_t at;
    int r = eg_u64map_put(&tl->index, (uint64_t)id << 32 | period, (uint32_t)tl->n, &at);
    if (r < 0)
        return oom(err);
    if (r == 1) {
        if (EG_GROW(tl->p, tl->cap, tl->n) != 0)
            return oom(err);
        tl->p[tl->n++] = (eg_tl_point){id, period, 0};
    }
    tl->p[at].n += n;
    return EG_OK;
}

static int cmp_point(const void *a, const void *b)
{
    const eg_tl_point *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->period < y->period ? -1 : x->period > y->period;
}

eg_status eg_timeline_sort(eg_timeline *tl, eg_error *err)
{
    if (tl->n == 0)
        return EG_OK; /* no points: nothing to sort (and p may be NULL) */
    qsort(tl->p, tl->n, sizeof *tl->p, cmp_point);
    /* the index maps keys to positions: rebuild it */
    eg_u64map_free(&tl->index);
    eg_u64map_init(&tl->index);
    for (size_t i = 0; i < tl->n; i++)
        if (eg_u64map_put(&tl->index, (uint64_t)tl->p[i].id << 32 | tl->p[i].period,
                          (uint32_t)i, NULL) < 0)
            return oom(err);
    return EG_OK;
}

size_t eg_timeline_find(const eg_timeline *tl, uint32_t id, size_t *n)
{
    size_t lo = 0, hi = tl->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tl->p[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < tl->n && tl->p[end].id == id)
        end++;
    *n = end - lo;
    return lo;
}

eg_status eg_cooccur_finish(eg_cooccur *c, eg_error *err)
{
    EG_CHECK(eg_timeline_sort(&c->ent_tl, err));
    return eg_timeline_sort(&c->pair_tl, err);
}

void eg_date_widen(uint32_t *first, uint32_t *last, uint32_t date)
{
    if (!date)
        return;
    if (!*first || date < *first)
        *first = date;
    if (date > *last)
        *last = date;
}

/* Cuts b back to at most n bytes on a UTF-8 boundary. */
static void cut(eg_buf *b, size_t from, size_t n)
{
    if (b->len - from <= n)
        return;
    size_t e = from + n;
    while (e > from && ((unsigned char)b->data[e] & 0xC0) == 0x80)
        e--;
    b->len = e;
    b->data[e] = '\0';
}

eg_status eg_cooccur_add_form(eg_entity_stats *es, const char *form, uint64_t count,
                              eg_error *err)
{
    for (size_t k = 0; k < es->nforms; k++) {
        if (strcmp(es->forms[k].form, form) == 0) {
            es->forms[k].count += count;
            return EG_OK;
        }
    }
    if (es->nforms >= MAX_FORMS)
        return EG_OK;
    char *copy = eg_strndup(form, strlen(form));
    if (!copy || EG_GROW(es->forms, es->forms_cap, es->nforms) != 0) {
        free(copy);
        return oom(err);
    }
    es->forms[es->nforms++] = (eg_surface){copy, count};
    return EG_OK;
}

static eg_status count_form(eg_entity_stats *es, const char *text, const eg_mention *m,
                            eg_error *err)
{
    eg_buf b = EG_BUF_INIT;
    if (eg_buf_append_clean(&b, text + m->start, m->end - m->start) != 0) {
        eg_buf_free(&b);
        return oom(err);
    }
    cut(&b, 0, MAX_FORM);
    eg_status st = eg_cooccur_add_form(es, b.data, 1, err);
    eg_buf_free(&b);
    return st;
}

/* Room for n entities in a window's arrays. */
static int window_room(struct eg_cooccur_scratch *x, size_t n)
{
    if (n <= x->wcap)
        return 0;
    size_t cap = x->wcap * 2 > n ? x->wcap * 2 : n;
    uint32_t **arr[] = {&x->first, &x->first_run, &x->common, &x->seen, &x->list};
    for (size_t i = 0; i < sizeof arr / sizeof *arr; i++) {
        uint32_t *q = realloc(*arr[i], cap * sizeof *q);
        if (!q)
            return -1;
        *arr[i] = q;
    }
    x->wcap = cap;
    return 0;
}

#define CLEAN_CHUNK 256 /* bytes of text cleaned at a time for a head */

/* Appends to b what eg_buf_append_clean appends for s[0..n), or a prefix
 * of it longer than limit bytes. It cleans chunks that start on a
 * character (never on a continuation byte), where the cleaner reads the
 * same characters as over the whole span; the one state it carries from
 * a character to the next, being in a run of white space, is restored by
 * dropping the space a chunk opens with after a chunk that ended with one
 * (only white space and control characters give a space). */
static int clean_head(eg_buf *b, const char *s, size_t n, size_t limit)
{
    size_t from = b->len, i = 0;
    if (eg_buf_reserve(b, 0) != 0)
        return -1;
    b->data[b->len] = '\0';
    while (i < n && b->len - from <= limit) {
        size_t e = n - i > CLEAN_CHUNK ? i + CLEAN_CHUNK : n;
        while (e < n && ((unsigned char)s[e] & 0xC0) == 0x80)
            e++;
        size_t at = b->len;
        if (eg_buf_append_clean(b, s + i, e - i) != 0)
            return -1;
        if (at > from && b->data[at - 1] == ' ' && b->len > at && b->data[at] == ' ') {
            memmove(b->data + at, b->data + at + 1, b->len - at); /* with the NUL */
            b->len--;
        }
        i = e;
    }
    return 0;
}

/* The cleaned head of sentence s: its first MAX_EVIDENCE + 1 bytes or
 * more (all when shorter), at *off in x->heads. */
static int head(struct eg_cooccur_scratch *x, uint32_t s, uint32_t *off)
{
    if (eg_u64map_get(&x->head_at, s, off))
        return 0;
    const eg_sentence *st = &x->t->sent[s];
    size_t at = x->heads.len;
    if (at > UINT32_MAX ||
        clean_head(&x->heads, x->text + st->start, st->end - st->start, MAX_EVIDENCE) != 0 ||
        eg_buf_append(&x->heads, "", 1) != 0 /* the NUL that ends it */ ||
        eg_u64map_put(&x->head_at, s, (uint32_t)at, NULL) < 0)
        return -1;
    *off = (uint32_t)at;
    return 0;
}

/* Appends head h (at off in x->heads) to b. */
static int append_head(eg_buf *b, const struct eg_cooccur_scratch *x, uint32_t off)
{
    const char *h = x->heads.data + off;
    return eg_buf_append(b, h, strlen(h));
}

/* The passage from sentence s0 to sentence s1, cleaned: the text of the
 * whole span (shortened to MAX_EVIDENCE bytes and an ellipsis) when it is
 * one sentence or short, else the first MAX_EXCERPT bytes of each end.
 * Made once per document; *out is borrowed from x->texts. */
static eg_status passage_text(eg_cooccur *c, uint32_t s0, uint32_t s1, char **out,
                              eg_error *err)
{
    struct eg_cooccur_scratch *x = c->scratch_ev;
    uint64_t key = (uint64_t)s0 << 32 | s1;
    uint32_t idx;
    if (eg_u64map_get(&x->text_at, key, &idx)) {
        *out = x->texts[idx];
        return EG_OK;
    }
    const eg_sentence *a = &x->t->sent[s0], *b = &x->t->sent[s1];
    eg_buf *buf = &x->tmp;
    eg_buf_clear(buf);
    uint32_t h0, h1;
    int rc;
    if (s0 == s1 || b->end - a->start <= MAX_EVIDENCE) {
        if (s0 == s1)
            rc = head(x, s0, &h0) != 0 || append_head(buf, x, h0) != 0 ? -1 : 0;
        else /* short: cleaning it whole costs no more than its text */
            rc = eg_buf_append_clean(buf, x->text + a->start, b->end - a->start);
        if (rc == 0 && buf->len > MAX_EVIDENCE) {
            cut(buf, 0, MAX_EVIDENCE);
            rc = eg_buf_append(buf, "\xE2\x80\xA6", 3);
        }
    } else {
        /* both heads first: making one may move the other */
        rc = head(x, s0, &h0) != 0 || head(x, s1, &h1) != 0 || append_head(buf, x, h0) != 0
                 ? -1
                 : 0;
        if (rc == 0) {
            cut(buf, 0, MAX_EXCERPT);
            rc = eg_buf_append(buf, " \xE2\x80\xA6 ", 5);
        }
        size_t from = buf->len;
        if (rc == 0)
            rc = append_head(buf, x, h1);
        if (rc == 0)
            cut(buf, from, MAX_EXCERPT);
    }
    char *s = rc == 0 ? shared_new(buf->data ? buf->data : "", buf->len) : NULL;
    if (!s || EG_GROW(x->texts, x->texts_cap, x->ntexts) != 0 || x->ntexts >= UINT32_MAX) {
        shared_drop(s);
        return oom(err);
    }
    x->texts[x->ntexts] = s;
    if (eg_u64map_put(&x->text_at, key, (uint32_t)x->ntexts, NULL) < 0) {
        shared_drop(s);
        return oom(err);
    }
    x->ntexts++;
    *out = s;
    return EG_OK;
}

int eg_evidence_cmp(const char *doc_a, uint32_t start_a, uint32_t end_a, const char *text_a,
                    const char *doc_b, uint32_t start_b, uint32_t end_b, const char *text_b)
{
    int d = strcmp(doc_a, doc_b);
    if (d)
        return d;
    if (start_a != start_b)
        return start_a < start_b ? -1 : 1;
    if (end_a != end_b)
        return end_a < end_b ? -1 : 1;
    return strcmp(text_a, text_b);
}

/* A passage offered to a pair. Its text is needed only to break a tie
 * with a kept passage of the same document id and bytes: when text is
 * NULL, it is made then from sentences s0..s1 of the current document. */
typedef struct {
    const char *doc;
    uint32_t start, end;
    char *text;
    uint32_t s0, s1;
} offer;

/* Where passage o goes among p's max least ones, least first: *at, and
 * *keep 0 when it is not among them or kept already (eg_evidence_cmp). */
static eg_status find_place(eg_cooccur *c, const eg_pair *p, uint32_t max, offer *o,
                            uint32_t *at_out, int *keep, eg_error *err)
{
    uint32_t at = p->nev;
    int r = 1;
    while (at > 0) {
        const eg_evidence *e = &p->ev[at - 1];
        r = strcmp(e->doc, o->doc);
        if (r == 0 && e->start != o->start)
            r = e->start < o->start ? -1 : 1;
        if (r == 0 && e->end != o->end)
            r = e->end < o->end ? -1 : 1;
        if (r == 0) {
            if (!o->text)
                EG_CHECK(passage_text(c, o->s0, o->s1, &o->text, err));
            r = e->text == o->text ? 0 : strcmp(e->text, o->text);
        }
        if (r <= 0)
            break;
        at--;
    }
    *at_out = at;
    *keep = at < max && !(at > 0 && r == 0);
    return EG_OK;
}

/* Puts the passage (doc, start, end, text) at p->ev[at], the greatest
 * making room when max are kept. Takes one reference of doc and text,
 * released on failure. */
static eg_status put_passage(eg_pair *p, uint32_t max, uint32_t at, char *doc, uint32_t start,
                             uint32_t end, char *text, eg_error *err)
{
    if (p->nev == max) { /* the greatest makes room */
        shared_drop(p->ev[max - 1].doc);
        shared_drop(p->ev[max - 1].text);
        p->nev--;
    } else {
        eg_evidence *ev = realloc(p->ev, (p->nev + 1) * sizeof *ev);
        if (!ev) {
            shared_drop(doc);
            shared_drop(text);
            return oom(err);
        }
        p->ev = ev;
    }
    memmove(p->ev + at + 1, p->ev + at, (p->nev - at) * sizeof *p->ev);
    p->ev[at] = (eg_evidence){doc, start, end, text};
    p->nev++;
    return EG_OK;
}

eg_status eg_cooccur_offer_evidence(eg_pair *p, uint32_t max, const char *doc, uint32_t start,
                                    uint32_t end, const char *text, eg_error *err)
{
    offer o = {doc, start, end, (char *)text, 0, 0}; /* only compared */
    uint32_t at;
    int keep;
    EG_CHECK(find_place(NULL, p, max, &o, &at, &keep, err));
    if (!keep)
        return EG_OK;
    char *d = shared_new(doc, strlen(doc)), *x = shared_new(text, strlen(text));
    if (!d || !x) {
        shared_drop(d);
        shared_drop(x);
        return oom(err);
    }
    return put_passage(p, max, at, d, start, end, x, err);
}

/* Offers p the passage from sentence s0 to s1 of the current document. */
static eg_status offer_passage(eg_cooccur *c, eg_pair *p, uint32_t s0, uint32_t s1,
                               eg_error *err)
{
    struct eg_cooccur_scratch *x = c->scratch_ev;
    offer o = {x->id, x->t->sent[s0].start, x->t->sent[s1].end, NULL, s0, s1};
    uint32_t at;
    int keep;
    EG_CHECK(find_place(c, p, c->max_evidence, &o, &at, &keep, err));
    if (!keep)
        return EG_OK;
    if (!o.text)
        EG_CHECK(passage_text(c, s0, s1, &o.text, err));
    if (!x->doc && !(x->doc = shared_new(x->id, strlen(x->id))))
        return oom(err);
    return put_passage(p, c->max_evidence, at, shared_ref(x->doc), o.start, o.end,
                       shared_ref(o.text), err);
}

eg_pair *eg_cooccur_pair(eg_cooccur *c, uint32_t a, uint32_t b)
{
    if (a > b) {
        uint32_t x = a;
        a = b;
        b = x;
    }
    uint32_t idx;
    int r = eg_u64map_put(&c->index, (uint64_t)a << 32 | b, (uint32_t)c->npair, &idx);
    if (r < 0)
        return NULL;
    if (r == 1) {
        if (EG_GROW(c->pair, c->pair_cap, c->npair) != 0)
            return NULL; /* the index entry stays, pointing one past the end */
        eg_pair *p = &c->pair[c->npair++];
        memset(p, 0, sizeof *p);
        p->a = a;
        p->b = b;
    }
    return &c->pair[idx];
}

/* Counts one more window of the pair (a, b). *wanted is the pair when
 * this window's passage may be among its least ones (a later document id
 * never is), else NULL. */
static eg_status count_pair(eg_cooccur *c, uint32_t a, uint32_t b, eg_pair **wanted,
                            eg_error *err)
{
    *wanted = NULL;
    eg_pair *p = eg_cooccur_pair(c, a, b);
    if (!p)
        return oom(err);
    p->count++;
    if (p->last_doc != c->ndocs) {
        p->last_doc = c->ndocs;
        p->documents++;
    }
    if (c->cur_date) {
        eg_date_widen(&p->first_seen, &p->last_seen, c->cur_date);
        EG_CHECK(eg_timeline_add(&c->pair_tl, (uint32_t)(p - c->pair),
                                 eg_period_of(c->period, c->cur_date), 1, err));
    }
    if (p->nev == c->max_evidence && p->nev &&
        strcmp(c->scratch_ev->id, p->ev[p->nev - 1].doc) > 0)
        return EG_OK;
    *wanted = p;
    return EG_OK;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* The index of entity e in the sorted u entities of c->scratch. */
static uint32_t rank_of(const eg_cooccur *c, size_t u, uint32_t e)
{
    size_t lo = 0, hi = u;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->scratch[mid] < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

/* A window of several sentences, mentions [lo, hi) of m, whose u entities
 * are sorted in c->scratch: for each entity its first run of mentions in
 * one sentence (and that sentence), and for the pairs whose first runs
 * differ, the first sentence that holds both. A run adds the pairs of
 * its entities seen in an earlier run with the others: no more than
 * counting the run's pairs would cost. */
static eg_status scan_runs(eg_cooccur *c, const eg_mention *m, size_t lo, size_t hi, size_t u,
                           eg_error *err)
{
    struct eg_cooccur_scratch *x = c->scratch_ev;
    if (window_room(x, u) != 0)
        return oom(err);
    for (size_t k = 0; k < u; k++)
        x->first_run[k] = x->seen[k] = UINT32_MAX;
    eg_u64map_free(&x->both);
    eg_u64map_init(&x->both);
    uint32_t run = 0;
    for (size_t i = lo; i < hi; run++) {
        uint32_t s = m[i].sentence;
        size_t n = 0;
        for (; i < hi && m[i].sentence == s; i++) {
            uint32_t k = rank_of(c, u, m[i].entity);
            if (x->seen[k] == run)
                continue;
            x->seen[k] = run;
            x->list[n++] = k;
            if (x->first_run[k] == UINT32_MAX) {
                x->first_run[k] = run;
                x->first[k] = s;
            }
        }
        for (size_t p = 0; p < n; p++) {
            uint32_t y = x->list[p];
            if (x->first_run[y] == run)
                continue; /* new here: its pairs with the old ones are added by them */
            for (size_t q = 0; q < n; q++) {
                uint32_t z = x->list[q];
                if (z == y || x->first_run[z] == x->first_run[y])
                    continue; /* the same first run: that one holds both */
                uint64_t key = y < z ? (uint64_t)y << 32 | z : (uint64_t)z << 32 | y;
                if (eg_u64map_put(&x->both, key, s, NULL) < 0)
                    return oom(err);
            }
        }
    }
    return EG_OK;
}

/* The pair of ranks y < z: its first sentence holding both, or else the
 * span from the first sentence of one to the first of the other. */
static void window_passage(const struct eg_cooccur_scratch *x, uint32_t y, uint32_t z,
                           uint32_t *s0, uint32_t *s1)
{
    uint32_t s;
    if (x->first_run[y] == x->first_run[z]) {
        *s0 = *s1 = x->first[y];
    } else if (eg_u64map_get(&x->both, (uint64_t)y << 32 | z, &s)) {
        *s0 = *s1 = s;
    } else {
        uint32_t fa = x->first[y], fb = x->first[z];
        *s0 = fa < fb ? fa : fb;
        *s1 = fa < fb ? fb : fa;
    }
}

/* Every pair of distinct entities in mentions [lo, hi) counts once. */
static eg_status count_window(eg_cooccur *c, const eg_mentions *ms, size_t lo, size_t hi,
                              eg_error *err)
{
    if (EG_GROW(c->scratch, c->scratch_cap, hi - lo) != 0)
        return oom(err);
    size_t n = 0;
    int one_sentence = 1;
    for (size_t i = lo; i < hi; i++) {
        c->scratch[n++] = ms->m[i].entity;
        one_sentence &= ms->m[i].sentence == ms->m[lo].sentence;
    }
    qsort(c->scratch, n, sizeof *c->scratch, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || c->scratch[u - 1] != c->scratch[i])
            c->scratch[u++] = c->scratch[i];
    for (size_t i = 0; i < u; i++)
        c->ent[c->scratch[i]].windows++;
    int scanned = 0;
    for (size_t i = 0; i < u; i++) {
        for (size_t j = i + 1; j < u; j++) {
            eg_pair *p;
            EG_CHECK(count_pair(c, c->scratch[i], c->scratch[j], &p, err));
            if (!p)
                continue;
            uint32_t s0 = ms->m[lo].sentence, s1 = s0;
            if (!one_sentence) {
                if (!scanned)
                    EG_CHECK(scan_runs(c, ms->m, lo, hi, u, err));
                scanned = 1;
                window_passage(c->scratch_ev, (uint32_t)i, (uint32_t)j, &s0, &s1);
            }
            EG_CHECK(offer_passage(c, p, s0, s1, err));
        }
    }
    return EG_OK;
}

static uint32_t window_key(const eg_cooccur *c, const eg_text *t, const eg_mention *m)
{
    switch (c->win.kind) {
    case EG_WIN_SENTENCE: return m->sentence;
    case EG_WIN_PARAGRAPH: return t->sent[m->sentence].paragraph;
    default: return 0;
    }
}

/* The N-token window of mention i, mentions [i, j) of m, whose n other
 * entities have slots 0..n-1: per slot the first sentence of the entity
 * and the first it shares with m[i]'s (UINT32_MAX: none). */
static void scan_token_window(struct eg_cooccur_scratch *x, const eg_mention *m, size_t i,
                              size_t j, size_t n)
{
    uint32_t a = m[i].entity;
    for (size_t k = 0; k < n; k++)
        x->first[k] = x->common[k] = UINT32_MAX;
    for (size_t r = i; r < j;) {
        uint32_t s = m[r].sentence;
        size_t e = r;
        int has_a = 0;
        for (; e < j && m[e].sentence == s; e++)
            has_a |= m[e].entity == a;
        for (; r < e; r++) {
            if (m[r].entity == a)
                continue;
            uint32_t k = x->slot[m[r].entity];
            if (x->first[k] == UINT32_MAX)
                x->first[k] = s;
            if (has_a && x->common[k] == UINT32_MAX)
                x->common[k] = s;
        }
    }
}

/* N-token windows: each mention counts once every other entity whose
 * mention starts fewer than N tokens after its own start. */
static eg_status count_tokens(eg_cooccur *c, const eg_mentions *ms, eg_error *err)
{
    struct eg_cooccur_scratch *x = c->scratch_ev;
    const eg_mention *m = ms->m;
    if (c->nent > x->mark_cap) {
        uint32_t *mk = realloc(x->mark, c->nent * sizeof *mk);
        if (!mk)
            return oom(err);
        x->mark = mk;
        memset(x->mark + x->mark_cap, 0, (c->nent - x->mark_cap) * sizeof *mk);
        uint32_t *sl = realloc(x->slot, c->nent * sizeof *sl);
        if (!sl)
            return oom(err);
        x->slot = sl;
        x->mark_cap = c->nent;
    }
    for (size_t i = 0; i < ms->n; i++) {
        if (++x->stamp == 0) { /* wrapped: no mark may equal a new stamp */
            memset(x->mark, 0, x->mark_cap * sizeof *x->mark);
            x->stamp = 1;
        }
        size_t n = 0;
        size_t j;
        for (j = i + 1; j < ms->n && m[j].tok_start - m[i].tok_start < c->win.tokens; j++) {
            uint32_t e = m[j].entity;
            if (e == m[i].entity || x->mark[e] == x->stamp)
                continue;
            if (EG_GROW(c->scratch, c->scratch_cap, n) != 0)
                return oom(err);
            x->mark[e] = x->stamp;
            x->slot[e] = (uint32_t)n;
            c->scratch[n++] = e;
        }
        int scanned = 0;
        for (size_t k = 0; k < n; k++) {
            eg_pair *p;
            EG_CHECK(count_pair(c, m[i].entity, c->scratch[k], &p, err));
            if (!p)
                continue;
            if (!scanned) {
                if (window_room(x, n) != 0)
                    return oom(err);
                scan_token_window(x, m, i, j, n);
                scanned = 1;
            }
            uint32_t s0, s1;
            if (x->common[k] != UINT32_MAX) {
                s0 = s1 = x->common[k];
            } else {
                uint32_t fa = m[i].sentence, fb = x->first[k];
                s0 = fa < fb ? fa : fb;
                s1 = fa < fb ? fb : fa;
            }
            EG_CHECK(offer_passage(c, p, s0, s1, err));
        }
    }
    return EG_OK;
}

eg_status eg_cooccur_reserve(eg_cooccur *c, size_t n, eg_error *err)
{
    if (n <= c->nent)
        return EG_OK;
    if (n > c->ent_cap) {
        size_t cap = c->ent_cap * 2 > n ? c->ent_cap * 2 : n;
        eg_entity_stats *e = realloc(c->ent, cap * sizeof *e);
        if (!e)
            return oom(err);
        c->ent = e;
        c->ent_cap = cap;
    }
    memset(c->ent + c->nent, 0, (n - c->nent) * sizeof *c->ent);
    c->nent = n;
    return EG_OK;
}

eg_status eg_cooccur_renumber(eg_cooccur *c, size_t base, const uint32_t *perm, size_t n,
                              eg_error *err)
{
    if (n == 0)
        return EG_OK;
    EG_CHECK(eg_cooccur_reserve(c, base + n, err));
    eg_entity_stats *moved = malloc(n * sizeof *moved);
    if (!moved)
        return oom(err);
    memcpy(moved, c->ent + base, n * sizeof *moved);
    for (size_t i = 0; i < n; i++)
        c->ent[base + perm[i]] = moved[i];
    free(moved);
#define NEW(e) ((e) >= base && (e) < base + n ? (uint32_t)(base + perm[(e) - base]) : (e))
    /* pairs keep their places; their ends are renamed, smaller first */
    eg_u64map_free(&c->index);
    eg_u64map_init(&c->index);
    for (size_t i = 0; i < c->npair; i++) {
        eg_pair *p = &c->pair[i];
        uint32_t a = NEW(p->a), b = NEW(p->b);
        p->a = a < b ? a : b;
        p->b = a < b ? b : a;
        if (eg_u64map_put(&c->index, (uint64_t)p->a << 32 | p->b, (uint32_t)i, NULL) < 0)
            return oom(err);
    }
    eg_timeline *tl = &c->ent_tl;
    eg_u64map_free(&tl->index);
    eg_u64map_init(&tl->index);
    for (size_t i = 0; i < tl->n; i++) {
        tl->p[i].id = NEW(tl->p[i].id);
        if (eg_u64map_put(&tl->index, (uint64_t)tl->p[i].id << 32 | tl->p[i].period,
                          (uint32_t)i, NULL) < 0)
            return oom(err);
    }
#undef NEW
    return EG_OK;
}

eg_status eg_cooccur_add(eg_cooccur *c, const char *doc_id, uint32_t date, const char *text,
                         const eg_text *t, const eg_mentions *all, eg_error *err)
{
    for (size_t i = 0; i < all->n; i++)
        if (all->m[i].entity >= c->nent)
            EG_CHECK(eg_cooccur_reserve(c, (size_t)all->m[i].entity + 1, err));
    c->cur_date = date;
    if (date) {
        c->dated++;
        eg_date_widen(&c->first_date, &c->last_date, date);
    }
    /* ambiguous mentions are shown by `tag` but never counted */
    eg_mentions counted = *all, *ms = &counted;
    size_t nc = 0;
    for (size_t i = 0; i < all->n; i++)
        nc += eg_mention_counts(&all->m[i]);
    if (nc != all->n) {
        if (EG_GROW(c->kept.m, c->kept.cap, nc) != 0)
            return oom(err);
        c->kept.n = 0;
        for (size_t i = 0; i < all->n; i++)
            if (eg_mention_counts(&all->m[i]))
                c->kept.m[c->kept.n++] = all->m[i];
        counted = c->kept;
    }
    c->ndocs++;
    c->tokens += t->ntok;
    c->sentences += t->nsent;
    c->paragraphs += t->nparagraphs;
    c->mentions += ms->n;
    switch (c->win.kind) {
    case EG_WIN_SENTENCE: c->windows += t->nsent; break;
    case EG_WIN_PARAGRAPH: c->windows += t->nparagraphs; break;
    case EG_WIN_DOCUMENT: c->windows++; break;
    case EG_WIN_TOKENS: c->windows += ms->n; break;
    }
    for (size_t i = 0; i < ms->n; i++) {
        const eg_mention *m = &ms->m[i];
        eg_entity_stats *es = &c->ent[m->entity];
        es->mentions++;
        es->demonym_mentions += m->demonym;
        if (date) {
            eg_date_widen(&es->first_seen, &es->last_seen, date);
            EG_CHECK(eg_timeline_add(&c->ent_tl, m->entity, eg_period_of(c->period, date), 1,
                                     err));
        }
        if (c->win.kind == EG_WIN_TOKENS)
            es->windows++; /* each mention opens a window */
        if (es->last_doc != c->ndocs) {
            es->last_doc = c->ndocs;
            es->documents++;
        }
        EG_CHECK(count_form(es, text, m, err));
    }
    struct eg_cooccur_scratch *x = c->scratch_ev;
    x->id = doc_id;
    x->text = text;
    x->t = t;
    eg_status st = EG_OK;
    if (c->win.kind == EG_WIN_TOKENS) {
        st = count_tokens(c, ms, err);
    } else {
        size_t lo = 0;
        while (lo < ms->n && st == EG_OK) {
            uint32_t key = window_key(c, t, &ms->m[lo]);
            size_t hi = lo + 1;
            while (hi < ms->n && window_key(c, t, &ms->m[hi]) == key)
                hi++;
            st = count_window(c, ms, lo, hi, err);
            lo = hi;
        }
    }
    doc_done(x); /* the kept passages hold their own references */
    return st;
}
