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
 * Surface forms are counted exactly up to MAX_FORMS distinct forms per
 * entity (bounded: typos and noise can be endless); past that, new forms
 * are not counted, and which ones were seen first can depend on sharding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cooccur.h"
#include "util/buf.h"

#define MAX_FORM 200      /* bytes kept of a surface form */
#define MAX_EVIDENCE 600  /* bytes of a one-sentence evidence passage */
#define MAX_EXCERPT 280   /* bytes of each end of a long passage */
#define MAX_FORMS 1000    /* distinct surface forms counted per entity */

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
            free(c->pair[i].ev[k].doc);
            free(c->pair[i].ev[k].text);
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

/* The passage from sentence s0 to sentence s1, cleaned, into buf. */
static int passage_text(eg_buf *buf, const char *text, const eg_text *t, uint32_t s0, uint32_t s1)
{
    const eg_sentence *a = &t->sent[s0], *b = &t->sent[s1];
    int rc;
    if (s0 == s1 || b->end - a->start <= MAX_EVIDENCE) {
        rc = eg_buf_append_clean(buf, text + a->start, b->end - a->start);
        if (rc == 0 && buf->len > MAX_EVIDENCE) {
            cut(buf, 0, MAX_EVIDENCE);
            rc = eg_buf_append(buf, "\xE2\x80\xA6", 3);
        }
        return rc;
    }
    rc = eg_buf_append_clean(buf, text + a->start, a->end - a->start);
    if (rc == 0) {
        cut(buf, 0, MAX_EXCERPT);
        rc = eg_buf_append(buf, " \xE2\x80\xA6 ", 5);
    }
    size_t from = buf->len;
    if (rc == 0)
        rc = eg_buf_append_clean(buf, text + b->start, b->end - b->start);
    if (rc == 0)
        cut(buf, from, MAX_EXCERPT);
    return rc;
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

static int ev_cmp(const eg_evidence *e, const char *doc, uint32_t start, uint32_t end,
                  const char *text)
{
    return eg_evidence_cmp(e->doc, e->start, e->end, e->text, doc, start, end, text);
}

eg_status eg_cooccur_offer_evidence(eg_pair *p, uint32_t max, const char *doc, uint32_t start,
                                    uint32_t end, const char *text, eg_error *err)
{
    /* where it goes among the kept ones, least first */
    uint32_t at = p->nev;
    while (at > 0 && ev_cmp(&p->ev[at - 1], doc, start, end, text) > 0)
        at--;
    if (at >= max || (at > 0 && ev_cmp(&p->ev[at - 1], doc, start, end, text) == 0))
        return EG_OK; /* not among the least, or kept already */
    if (p->nev == max) { /* the greatest makes room */
        free(p->ev[max - 1].doc);
        free(p->ev[max - 1].text);
        p->nev--;
    } else {
        eg_evidence *ev = realloc(p->ev, (p->nev + 1) * sizeof *ev);
        if (!ev)
            return oom(err);
        p->ev = ev;
    }
    char *d = eg_strndup(doc, strlen(doc)), *x = eg_strndup(text, strlen(text));
    if (!d || !x) {
        free(d);
        free(x);
        return oom(err);
    }
    memmove(p->ev + at + 1, p->ev + at, (p->nev - at) * sizeof *p->ev);
    p->ev[at] = (eg_evidence){d, start, end, x};
    p->nev++;
    return EG_OK;
}

/* The pair's first passage within mentions [lo, hi). */
static void passage(const eg_mention *m, size_t lo, size_t hi, uint32_t a, uint32_t b,
                    uint32_t *s0, uint32_t *s1)
{
    uint32_t fa = UINT32_MAX, fb = UINT32_MAX, cur = UINT32_MAX;
    int has_a = 0, has_b = 0;
    for (size_t i = lo; i < hi; i++) {
        if (m[i].sentence != cur) {
            cur = m[i].sentence;
            has_a = has_b = 0;
        }
        if (m[i].entity == a) {
            has_a = 1;
            if (fa == UINT32_MAX)
                fa = cur;
        }
        if (m[i].entity == b) {
            has_b = 1;
            if (fb == UINT32_MAX)
                fb = cur;
        }
        if (has_a && has_b) {
            *s0 = *s1 = cur;
            return;
        }
    }
    *s0 = fa < fb ? fa : fb;
    *s1 = fa < fb ? fb : fa;
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

static eg_status count_pair(eg_cooccur *c, uint32_t a, uint32_t b, const char *doc_id,
                            const char *text, const eg_text *t, const eg_mentions *ms, size_t lo,
                            size_t hi, eg_error *err)
{
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
    /* this window's passage, if it may be among the least */
    const eg_evidence *last = p->nev ? &p->ev[p->nev - 1] : NULL;
    int d = last ? strcmp(doc_id, last->doc) : -1;
    if (p->nev == c->max_evidence && d > 0)
        return EG_OK;
    uint32_t s0, s1;
    passage(ms->m, lo, hi, p->a, p->b, &s0, &s1);
    if (p->nev == c->max_evidence && d == 0 && t->sent[s0].start > last->start)
        return EG_OK;
    eg_buf buf = EG_BUF_INIT;
    if (passage_text(&buf, text, t, s0, s1) != 0) {
        eg_buf_free(&buf);
        return oom(err);
    }
    eg_status st = eg_cooccur_offer_evidence(p, c->max_evidence, doc_id, t->sent[s0].start,
                                             t->sent[s1].end, buf.data ? buf.data : "", err);
    eg_buf_free(&buf);
    return st;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Every pair of distinct entities in mentions [lo, hi) counts once. */
static eg_status count_window(eg_cooccur *c, const char *doc_id, const char *text,
                              const eg_text *t, const eg_mentions *ms, size_t lo, size_t hi,
                              eg_error *err)
{
    if (EG_GROW(c->scratch, c->scratch_cap, hi - lo) != 0)
        return oom(err);
    size_t n = 0;
    for (size_t i = lo; i < hi; i++)
        c->scratch[n++] = ms->m[i].entity;
    qsort(c->scratch, n, sizeof *c->scratch, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || c->scratch[u - 1] != c->scratch[i])
            c->scratch[u++] = c->scratch[i];
    for (size_t i = 0; i < u; i++)
        c->ent[c->scratch[i]].windows++;
    for (size_t i = 0; i < u; i++)
        for (size_t j = i + 1; j < u; j++)
            EG_CHECK(count_pair(c, c->scratch[i], c->scratch[j], doc_id, text, t, ms, lo, hi,
                                err));
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

/* N-token windows: each mention counts once every other entity whose
 * mention starts fewer than N tokens after its own start. */
static eg_status count_tokens(eg_cooccur *c, const char *doc_id, const char *text,
                              const eg_text *t, const eg_mentions *ms, eg_error *err)
{
    const eg_mention *m = ms->m;
    for (size_t i = 0; i < ms->n; i++) {
        size_t n = 0;
        size_t j;
        for (j = i + 1; j < ms->n && m[j].tok_start - m[i].tok_start < c->win.tokens; j++) {
            if (m[j].entity == m[i].entity)
                continue;
            if (EG_GROW(c->scratch, c->scratch_cap, n) != 0)
                return oom(err);
            int seen = 0;
            for (size_t k = 0; k < n; k++)
                seen |= c->scratch[k] == m[j].entity;
            if (!seen)
                c->scratch[n++] = m[j].entity;
        }
        for (size_t k = 0; k < n; k++)
            EG_CHECK(count_pair(c, m[i].entity, c->scratch[k], doc_id, text, t, ms, i, j, err));
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
    if (c->win.kind == EG_WIN_TOKENS)
        return count_tokens(c, doc_id, text, t, ms, err);
    size_t lo = 0;
    while (lo < ms->n) {
        uint32_t key = window_key(c, t, &ms->m[lo]);
        size_t hi = lo + 1;
        while (hi < ms->n && window_key(c, t, &ms->m[hi]) == key)
            hi++;
        EG_CHECK(count_window(c, doc_id, text, t, ms, lo, hi, err));
        lo = hi;
    }
    return EG_OK;
}
