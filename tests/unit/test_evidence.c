/* Evidence passages: the accumulator against a plain reference that
 * scans each window per pair and cleans each passage whole (what
 * cooccur.c did before it found passages once per window and cleaned
 * sentence heads once per document), on generated documents with white
 * space runs, control characters, invalid UTF-8 and characters of every
 * length around the points where cleaning is cut; and the sharing that
 * keeps a sentence listing n names from costing n * n copies of it. */
#include "testing.h"

#include <unistd.h>

#include "cooccur.h"
#include "tagger.h"
#include "util/buf.h"

static const char GAZ[] = "- id: a\n  label: Alpha\n  type: person\n"
                          "- id: b\n  label: Bravo\n  type: person\n"
                          "- id: c\n  label: Charlie\n  type: person\n"
                          "- id: d\n  label: Delta\n  type: place\n"
                          "- id: e\n  label: Echo\n  type: country\n";

static eg_tagger *make_tagger(void)
{
    char path[] = "/tmp/eg-test-ev-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, GAZ, strlen(GAZ)), (ssize_t)strlen(GAZ));
    close(fd);
    const char *gz[] = {path};
    eg_tagger_opts o = {gz, 1, NULL, NULL, 0, {EG_ALL_TYPES, 1, NULL, 1}, 0, NULL, 0, NULL};
    eg_tagger *t;
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_tagger_new(&o, &t, &err);
    unlink(path);
    if (st != EG_OK)
        fail_msg("%s", err.msg);
    return t;
}

/* ---- the reference ---- */

#define REF_EVIDENCE 600
#define REF_EXCERPT 280

static void ref_cut(eg_buf *b, size_t from, size_t n)
{
    if (b->len - from <= n)
        return;
    size_t e = from + n;
    while (e > from && ((unsigned char)b->data[e] & 0xC0) == 0x80)
        e--;
    b->len = e;
    b->data[e] = '\0';
}

/* The passage from sentence s0 to s1, each sentence cleaned whole. */
static char *ref_text(const char *text, const eg_text *t, uint32_t s0, uint32_t s1)
{
    const eg_sentence *a = &t->sent[s0], *b = &t->sent[s1];
    eg_buf buf = EG_BUF_INIT;
    if (s0 == s1 || b->end - a->start <= REF_EVIDENCE) {
        assert_int_equal(eg_buf_append_clean(&buf, text + a->start, b->end - a->start), 0);
        if (buf.len > REF_EVIDENCE) {
            ref_cut(&buf, 0, REF_EVIDENCE);
            assert_int_equal(eg_buf_append(&buf, "\xE2\x80\xA6", 3), 0);
        }
    } else {
        assert_int_equal(eg_buf_append_clean(&buf, text + a->start, a->end - a->start), 0);
        ref_cut(&buf, 0, REF_EXCERPT);
        assert_int_equal(eg_buf_append(&buf, " \xE2\x80\xA6 ", 5), 0);
        size_t from = buf.len;
        assert_int_equal(eg_buf_append_clean(&buf, text + b->start, b->end - b->start), 0);
        ref_cut(&buf, from, REF_EXCERPT);
    }
    return buf.data;
}

/* The pair's passage in mentions [lo, hi): the first sentence holding
 * both, else from the first sentence of one to the first of the other. */
static void ref_passage(const eg_mention *m, size_t lo, size_t hi, uint32_t a, uint32_t b,
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

#define NE 5
#define MAXC 4096

typedef struct {
    uint32_t start, end;
    char *text;
} cand;

/* Per pair of the five entities: its windows and candidate passages. */
typedef struct {
    uint64_t count[NE][NE];
    cand *c[NE][NE];
    size_t n[NE][NE];
} reference;

static void ref_offer(reference *r, uint32_t a, uint32_t b, const char *text, const eg_text *t,
                      uint32_t s0, uint32_t s1)
{
    uint32_t x = a < b ? a : b, y = a < b ? b : a;
    r->count[x][y]++;
    assert_true(r->n[x][y] < MAXC);
    if (!r->c[x][y])
        r->c[x][y] = calloc(MAXC, sizeof(cand));
    r->c[x][y][r->n[x][y]++] =
        (cand){t->sent[s0].start, t->sent[s1].end, ref_text(text, t, s0, s1)};
}

static uint32_t ref_key(eg_window_kind k, const eg_text *t, const eg_mention *m)
{
    return k == EG_WIN_SENTENCE ? m->sentence
           : k == EG_WIN_PARAGRAPH ? t->sent[m->sentence].paragraph
                                   : 0;
}

static void ref_add(reference *r, eg_window w, const char *text, const eg_text *t,
                    const eg_mentions *all)
{
    eg_mention *m = calloc(all->n + 1, sizeof *m);
    size_t n = 0;
    for (size_t i = 0; i < all->n; i++)
        if (eg_mention_counts(&all->m[i]))
            m[n++] = all->m[i];
    if (w.kind == EG_WIN_TOKENS) {
        for (size_t i = 0; i < n; i++) {
            int seen[NE] = {0};
            size_t j;
            for (j = i + 1; j < n && m[j].tok_start - m[i].tok_start < w.tokens; j++)
                if (m[j].entity != m[i].entity)
                    seen[m[j].entity] = 1;
            for (uint32_t e = 0; e < NE; e++) {
                if (!seen[e])
                    continue;
                uint32_t s0, s1;
                ref_passage(m, i, j, m[i].entity, e, &s0, &s1);
                ref_offer(r, m[i].entity, e, text, t, s0, s1);
            }
        }
    } else {
        for (size_t lo = 0, hi; lo < n; lo = hi) {
            int seen[NE] = {0};
            for (hi = lo; hi < n && ref_key(w.kind, t, &m[hi]) == ref_key(w.kind, t, &m[lo]); hi++)
                seen[m[hi].entity] = 1;
            for (uint32_t a = 0; a < NE; a++)
                for (uint32_t b = a + 1; b < NE; b++)
                    if (seen[a] && seen[b]) {
                        uint32_t s0, s1;
                        ref_passage(m, lo, hi, a, b, &s0, &s1);
                        ref_offer(r, a, b, text, t, s0, s1);
                    }
        }
    }
    free(m);
}

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    return eg_evidence_cmp("d", a->start, a->end, a->text, "d", b->start, b->end, b->text);
}

static const eg_pair *find_pair(const eg_cooccur *c, uint32_t x, uint32_t y)
{
    for (size_t i = 0; i < c->npair; i++)
        if (c->pair[i].a == x && c->pair[i].b == y)
            return &c->pair[i];
    return NULL;
}

/* The accumulator kept the max least distinct candidates of each pair. */
static void ref_check(reference *r, const eg_cooccur *c, uint32_t max, const char *what)
{
    for (uint32_t a = 0; a < NE; a++) {
        for (uint32_t b = a + 1; b < NE; b++) {
            const eg_pair *p = find_pair(c, a, b);
            if (!r->count[a][b]) {
                if (p)
                    fail_msg("%s: pair %u-%u counted, never seen", what, a, b);
                continue;
            }
            if (!p || p->count != r->count[a][b])
                fail_msg("%s: pair %u-%u count %llu, want %llu", what, a, b,
                         p ? (unsigned long long)p->count : 0ULL,
                         (unsigned long long)r->count[a][b]);
            cand *cs = r->c[a][b];
            size_t n = r->n[a][b], u = 0;
            qsort(cs, n, sizeof *cs, cmp_cand);
            for (size_t i = 0; i < n; i++) {
                if (u && cmp_cand(&cs[u - 1], &cs[i]) == 0) {
                    free(cs[i].text);
                    continue;
                }
                cs[u++] = cs[i];
            }
            size_t want = u < max ? u : max;
            if (p->nev != want)
                fail_msg("%s: pair %u-%u keeps %u passages, want %zu", what, a, b, p->nev, want);
            for (size_t k = 0; k < want; k++) {
                const eg_evidence *e = &p->ev[k];
                if (strcmp(e->doc, "d") != 0 || e->start != cs[k].start || e->end != cs[k].end ||
                    strcmp(e->text, cs[k].text) != 0)
                    fail_msg("%s: pair %u-%u passage %zu:\n  got  %u-%u '%s'\n  want %u-%u '%s'",
                             what, a, b, k, e->start, e->end, e->text, cs[k].start, cs[k].end,
                             cs[k].text);
            }
            for (size_t k = 0; k < u; k++)
                free(cs[k].text);
            free(cs);
            r->c[a][b] = NULL;
            r->n[a][b] = 0;
            r->count[a][b] = 0;
        }
    }
}

/* ---- generated documents ---- */

static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static void put_n(eg_buf *b, const char *s, size_t n)
{
    assert_int_equal(eg_buf_append(b, s, n), 0);
}
static void put(eg_buf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

/* Something between words: mostly plain, sometimes the cases cleaning
 * must get right at any byte offset. */
static void filler(eg_buf *b)
{
    static const char *const pieces[] = {
        " ", " met ", " and ", ", ", " the ", "\t", "\n", "  \t \r\n ",
        " caf\xC3\xA9 ",          /* 2-byte */
        " \xE2\x82\xAC ",         /* 3-byte: euro sign */
        " \xF0\x9F\x98\x80 ",     /* 4-byte */
        "\xC2\x85",               /* U+0085, a C1 control: a space */
        " \xE2\x80\xA8 ",         /* U+2028: a space */
        "\x01\x02 \x7f",          /* controls */
        "\xFF",                   /* invalid */
        "\xE2\x82",               /* truncated 3-byte */
        "\x80\x80\x80",           /* stray continuation bytes */
        "\xED\xA0\x80",           /* a surrogate */
    };
    uint32_t k = rnd(10);
    if (k < 6) {
        put(b, pieces[rnd(sizeof pieces / sizeof *pieces)]);
    } else if (k < 8) { /* a run of white space across a chunk's end */
        size_t n = 1 + rnd(700);
        for (size_t i = 0; i < n; i++)
            put(b, rnd(4) ? " " : "\t");
    } else if (k < 9) { /* a long word: the cut falls inside it */
        size_t n = 1 + rnd(400);
        for (size_t i = 0; i < n; i++)
            put(b, rnd(8) ? "x" : (rnd(2) ? "\xC3\xA9" : "\xE2\x82\xAC"));
    } else { /* a run of continuation bytes */
        size_t n = 1 + rnd(300);
        for (size_t i = 0; i < n; i++)
            put(b, "\x80");
    }
}

static const char *const NAMES[NE] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"};

static void make_doc(eg_buf *b)
{
    eg_buf_clear(b);
    uint32_t nsent = 1 + rnd(8);
    for (uint32_t s = 0; s < nsent; s++) {
        uint32_t nw = 1 + rnd(7);
        for (uint32_t w = 0; w < nw; w++) {
            if (rnd(3))
                put(b, NAMES[rnd(NE)]);
            else
                put(b, "word");
            filler(b);
        }
        put(b, rnd(5) ? "end. " : "end.\n\n");
    }
}

static void run_case(eg_tagger *t, eg_window w, uint32_t max, const char *docs[2],
                     const char *what)
{
    eg_cooccur *c = eg_cooccur_new(t->gz->nent, w);
    assert_non_null(c);
    c->max_evidence = max;
    static reference r;
    for (int i = 0; i < 2; i++) {
        eg_error err;
        eg_error_init(&err);
        assert_int_equal(eg_tagger_run(t, docs[i], strlen(docs[i]), &err), EG_OK);
        /* both documents are "d": equal bytes in both tie on the text */
        assert_int_equal(
            eg_cooccur_add(c, "d", 0, docs[i], &t->doc.text, &t->doc.mentions, &err), EG_OK);
        ref_add(&r, w, docs[i], &t->doc.text, &t->doc.mentions);
    }
    ref_check(&r, c, max, what);
    eg_cooccur_free(c);
}

/* Every window kind and 1 to 3 passages, on 150 pairs of documents; the
 * second of each pair is the first with some letters changed, so that
 * passages of equal bytes and different text meet. */
static void test_against_reference(void **state)
{
    eg_tagger *t = make_tagger();
    const char *windows[] = {"sentence", "paragraph", "document", "2", "3", "5", "12"};
    eg_buf d1 = EG_BUF_INIT, d2 = EG_BUF_INIT;
    for (uint32_t seed = 1; seed <= 150; seed++) {
        rnd_state = seed;
        make_doc(&d1);
        eg_buf_clear(&d2);
        put_n(&d2, d1.data, d1.len);
        for (size_t i = 0; i < d2.len; i++)
            if (d2.data[i] == 'x' || (d2.data[i] == 'o' && rnd(2)))
                d2.data[i] = 'q';
        const char *docs[2] = {d1.data, d2.data};
        for (size_t k = 0; k < sizeof windows / sizeof *windows; k++) {
            eg_window w;
            assert_int_equal(eg_window_parse(windows[k], &w), 0);
            char what[64];
            snprintf(what, sizeof what, "seed %u, window %s", seed, windows[k]);
            run_case(t, w, 1 + seed % 3, docs, what);
        }
    }
    eg_buf_free(&d1);
    eg_buf_free(&d2);
    eg_tagger_free(t);
}

/* One sentence naming all five, 5,000 bytes long: every pair keeps the
 * same passage, made once (one copy, not one per pair: with n names that
 * was n * (n - 1) / 2 copies of the whole sentence, cleaned each time). */
static void test_list_shares_text(void **state)
{
    eg_tagger *t = make_tagger();
    eg_buf doc = EG_BUF_INIT;
    put(&doc, "Alpha, Bravo, Charlie, Delta and Echo");
    for (int i = 0; i < 1000; i++)
        put(&doc, " word");
    put(&doc, ".");
    const char *windows[] = {"sentence", "document", "10000"};
    for (size_t k = 0; k < 3; k++) {
        eg_window w;
        assert_int_equal(eg_window_parse(windows[k], &w), 0);
        eg_cooccur *c = eg_cooccur_new(t->gz->nent, w);
        eg_error err;
        eg_error_init(&err);
        assert_int_equal(eg_tagger_run(t, doc.data, doc.len, &err), EG_OK);
        assert_int_equal(eg_cooccur_add(c, "list", 0, doc.data, &t->doc.text, &t->doc.mentions,
                                        &err),
                         EG_OK);
        assert_int_equal(c->npair, 10);
        char *want = ref_text(doc.data, &t->doc.text, 0, 0);
        assert_int_equal(strlen(want), 600 + 3);
        for (size_t i = 0; i < c->npair; i++) {
            assert_int_equal(c->pair[i].nev, 1);
            assert_string_equal(c->pair[i].ev[0].text, want);
            assert_ptr_equal(c->pair[i].ev[0].text, c->pair[0].ev[0].text);
            assert_ptr_equal(c->pair[i].ev[0].doc, c->pair[0].ev[0].doc);
        }
        free(want);
        eg_cooccur_free(c);
    }
    eg_buf_free(&doc);
    eg_tagger_free(t);
}

/* Passages read back from counts are copied, and a kept passage of the
 * same bytes and text is not kept twice. */
static void test_offer_copies(void **state)
{
    eg_cooccur *c = eg_cooccur_new(2, (eg_window){EG_WIN_SENTENCE, 0});
    c->max_evidence = 2;
    eg_pair *p = eg_cooccur_pair(c, 1, 0);
    eg_error err;
    eg_error_init(&err);
    char doc[] = "m", text[] = "Alpha met Bravo.";
    assert_int_equal(eg_cooccur_offer_evidence(p, 2, doc, 5, 20, text, &err), EG_OK);
    doc[0] = 'z';
    text[0] = 'Z';
    assert_string_equal(p->ev[0].doc, "m");
    assert_string_equal(p->ev[0].text, "Alpha met Bravo.");
    assert_int_equal(eg_cooccur_offer_evidence(p, 2, "m", 5, 20, "Alpha met Bravo.", &err), EG_OK);
    assert_int_equal(p->nev, 1);
    assert_int_equal(eg_cooccur_offer_evidence(p, 2, "m", 5, 20, "Alpha saw Bravo.", &err), EG_OK);
    assert_int_equal(eg_cooccur_offer_evidence(p, 2, "a", 9, 9, "Bravo.", &err), EG_OK);
    assert_int_equal(p->nev, 2);
    assert_string_equal(p->ev[0].doc, "a");
    assert_string_equal(p->ev[1].text, "Alpha met Bravo.");
    eg_cooccur_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_reference),
        cmocka_unit_test(test_list_shares_text),
        cmocka_unit_test(test_offer_copies),
    };
    return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
