/*
 * pipeline.c - tag documents on worker threads, hand them on in order.
 *
 * The calling thread reads documents into a ring of slots, each a copy
 * of the document and its own eg_tagged; workers take the slots in
 * reading order, each with a fork of the resolver (its scratch is per
 * document), and mark them done. The caller hands slot after slot to
 * fn in sequence, then reuses it. When the next one is not done yet it
 * tags the next slot no worker has taken rather than wait, so it is one
 * of the N taggers itself (N - 1 threads are started): N busy threads
 * on N cores, and no wake-up per document. Reading and fn (counting,
 * writing) thus overlap the tagging, and since fn sees the documents in
 * the same order with the same results, outputs do not depend on the
 * thread count.
 *
 * Memory stays bounded: at most SLOTS_PER_THREAD slots per thread, and
 * no new document is read while MAX_INFLIGHT bytes are waiting (one
 * document is always let through, whatever its size).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"
#include "util/buf.h"

#define SLOTS_PER_THREAD 4
#define MAX_INFLIGHT ((size_t)64 << 20)

enum { FREE, READY, DONE };

typedef struct {
    int state;
    eg_buf data, id, date;
    eg_doc doc;      /* points into data, id and date */
    eg_tagged tg;
    eg_status st;
    eg_error err;
} slot;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a slot is ready, or quit */
    pthread_cond_t done; /* a slot is done */
    slot *slots;
    size_t nslots;
    size_t filled;    /* slots handed to the workers so far (a sequence) */
    size_t next_work; /* the next of them to tag */
    int quit;
    eg_tagger *t;
} pool;

typedef struct {
    pool *p;
    eg_resolver *r;
    pthread_t th;
    int started;
} worker;

/* Tags slot s, which the caller took from p->next_work under p->mu,
 * without the lock, and marks it done; returns with p->mu held again. */
static void tag_slot(pool *p, eg_resolver *r, slot *s)
{
    pthread_mutex_unlock(&p->mu);
    eg_error_init(&s->err);
    s->st = eg_tagger_tag(p->t, r, &s->tg, s->doc.data, s->doc.len, &s->err);
    pthread_mutex_lock(&p->mu);
    s->state = DONE;
    pthread_cond_broadcast(&p->done);
}

unsigned eg_ncpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static eg_status run_serial(eg_tagger *t, eg_corpus *c, eg_tagged_fn fn, void *ud, eg_error *err)
{
    eg_doc doc;
    int r;
    while ((r = eg_corpus_next(c, &doc, err)) == 1) {
        EG_CHECK(eg_tagger_run(t, doc.data, doc.len, err));
        EG_CHECK(eg_tagger_number(t, &t->doc, err));
        EG_CHECK(fn(ud, &doc, &t->doc, err));
    }
    return r < 0 ? err->status : EG_OK;
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->next_work == p->filled)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->quit)
            break;
        tag_slot(p, w->r, &p->slots[p->next_work++ % p->nslots]);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Copies doc into s, which then owns everything its doc points to. */
static int copy_doc(slot *s, const eg_doc *doc)
{
    eg_buf_clear(&s->data);
    eg_buf_clear(&s->id);
    eg_buf_clear(&s->date);
    if (eg_buf_reserve(&s->data, doc->len + 1) != 0 ||
        eg_buf_append(&s->data, doc->data, doc->len) != 0 ||
        eg_buf_append(&s->id, doc->id, strlen(doc->id)) != 0 ||
        (doc->date && eg_buf_append(&s->date, doc->date, strlen(doc->date)) != 0))
        return -1;
    s->doc = *doc;
    s->doc.data = s->data.data ? s->data.data : "";
    s->doc.id = s->id.data;
    s->doc.date = doc->date ? (s->date.data ? s->date.data : "") : NULL;
    return 0;
}

eg_status eg_pipeline_run(eg_tagger *t, eg_corpus *c, unsigned nthreads, eg_tagged_fn fn,
                          void *ud, eg_error *err)
{
    if (nthreads <= 1)
        return run_serial(t, c, fn, ud, err);
    pool p = {.t = t, .nslots = (size_t)nthreads * SLOTS_PER_THREAD};
    worker *ws = calloc(nthreads, sizeof *ws);
    p.slots = calloc(p.nslots, sizeof *p.slots);
    if (!ws || !p.slots) {
        free(ws);
        free(p.slots);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    eg_status st = EG_OK;
    /* ws[0] is this thread's */
    for (unsigned i = 0; i < nthreads && st == EG_OK; i++) {
        ws[i].p = &p;
        st = eg_resolver_fork(t->resolver, &ws[i].r, err);
        if (st == EG_OK && i > 0 && pthread_create(&ws[i].th, NULL, work, &ws[i]) != 0)
            st = eg_error_add(err, EG_ENOMEM, "cannot start a thread");
        ws[i].started = st == EG_OK && i > 0;
    }

    size_t fill = 0, take = 0, inflight = 0;
    int reading = st == EG_OK, read_error = 0;
    while (st == EG_OK) {
        while (reading && fill - take < p.nslots && (fill == take || inflight < MAX_INFLIGHT)) {
            eg_doc doc;
            int r = eg_corpus_next(c, &doc, err);
            if (r <= 0) {
                reading = 0;
                read_error = r < 0;
                break;
            }
            slot *s = &p.slots[fill % p.nslots];
            if (copy_doc(s, &doc) != 0) {
                st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", doc.id);
                break;
            }
            inflight += doc.len;
            pthread_mutex_lock(&p.mu);
            s->state = READY;
            p.filled = ++fill;
            pthread_cond_signal(&p.work);
            pthread_mutex_unlock(&p.mu);
        }
        if (st != EG_OK || take == fill)
            break;
        slot *s = &p.slots[take % p.nslots];
        pthread_mutex_lock(&p.mu);
        while (s->state != DONE) {
            if (p.next_work < p.filled)
                tag_slot(&p, ws[0].r, &p.slots[p.next_work++ % p.nslots]);
            else
                pthread_cond_wait(&p.done, &p.mu);
        }
        pthread_mutex_unlock(&p.mu);
        if (s->st != EG_OK) {
            *err = s->err;
            st = s->st;
            break;
        }
        st = eg_tagger_number(t, &s->tg, err);
        if (st == EG_OK)
            st = fn(ud, &s->doc, &s->tg, err);
        s->state = FREE;
        inflight -= s->doc.len;
        take++;
    }
    if (st == EG_OK && read_error)
        st = err->status;

    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (unsigned i = 0; i < nthreads; i++) {
        if (ws[i].started)
            pthread_join(ws[i].th, NULL);
        eg_resolver_free(ws[i].r);
    }
    for (size_t i = 0; i < p.nslots; i++) {
        eg_buf_free(&p.slots[i].data);
        eg_buf_free(&p.slots[i].id);
        eg_buf_free(&p.slots[i].date);
        eg_tagged_free(&p.slots[i].tg);
    }
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(ws);
    return st;
}
