/*
 * counts.c - write, merge and read the count records of counts.h.
 *
 * Every record is parsed by one function into a `record`, and combined
 * by one rule per kind: parameters must be equal, numbers add up, and of
 * two evidence passages the lesser (eg_evidence_cmp) stays. The merger
 * holds one key's record at a time, so it runs in constant memory
 * however large its input; the reader adds records straight into an
 * accumulator, so it needs no sorting or merging first.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "counts.h"
#include "util/buf.h"
#include "util/fs.h"

#define MAX_EVIDENCE 100

void eg_counts_params_free(eg_counts_params *p)
{
    free(p->window);
    free(p->exclude_kinds);
    memset(p, 0, sizeof *p);
}

/* ---- writing ---- */

static int append_escaped(eg_buf *b, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
                      : *s == '\r' ? "\\r" : NULL;
        if (e ? eg_buf_append(b, e, 2) != 0 : eg_buf_putc(b, *s) != 0)
            return -1;
    }
    return 0;
}

typedef struct {
    eg_buf text;     /* lines, each NUL-terminated */
    size_t *off;
    size_t n, cap;
    int failed;
} lines;

/* Starts a line (printf format); more may be appended with the helpers. */
static void line_start(lines *l, const char *fmt, const char *a, const char *b)
{
    if (l->failed || EG_GROW(l->off, l->cap, l->n) != 0) {
        l->failed = 1;
        return;
    }
    l->off[l->n++] = l->text.len;
    if (eg_buf_printf(&l->text, fmt, a, b ? b : "") != 0)
        l->failed = 1;
}

static void line_add(lines *l, const char *s, int escaped)
{
    if (!l->failed && (escaped ? append_escaped(&l->text, s) : eg_buf_append(&l->text, s, strlen(s))))
        l->failed = 1;
}

static void line_end(lines *l)
{
    if (!l->failed && eg_buf_putc(&l->text, '\0') != 0)
        l->failed = 1;
}

static void line_u64s(lines *l, const uint64_t *v, int n)
{
    char num[32];
    for (int i = 0; i < n; i++) {
        snprintf(num, sizeof num, "%s%llu", i ? " " : "", (unsigned long long)v[i]);
        line_add(l, num, 0);
    }
    line_end(l);
}

static const char *sort_base;
static int cmp_line(const void *x, const void *y)
{
    return strcmp(sort_base + *(const size_t *)x, sort_base + *(const size_t *)y);
}

eg_status eg_counts_write(const eg_cooccur *c, const eg_gazetteer *gz, const eg_registry *found,
                          const eg_counts_params *p, FILE *fp, const char *name, eg_error *err)
{
    lines l = {EG_BUF_INIT, NULL, 0, 0, 0};
    line_start(&l, "# window\t%s%s", p->window, NULL);
    line_end(&l);
    line_start(&l, "# demonyms\t%s%s", p->demonyms ? "counted" : "ignored", NULL);
    line_end(&l);
    if (p->exclude_kinds) {
        line_start(&l, "# exclude-kinds\t%s%s", p->exclude_kinds, NULL);
        line_end(&l);
    }
    char num[48];
    snprintf(num, sizeof num, "%u", p->evidence);
    line_start(&l, "# evidence\t%s%s", num, NULL);
    line_end(&l);
    line_start(&l, "# period\t%s%s", eg_period_name(p->period), NULL);
    line_end(&l);
    const struct {
        const char *name;
        uint64_t v;
    } corpus[] = {{"documents", c->ndocs},   {"bytes", c->bytes},   {"paragraphs", c->paragraphs},
                  {"sentences", c->sentences}, {"tokens", c->tokens}, {"mentions", c->mentions},
                  {"windows", c->windows},     {"dated", c->dated},   {"first-date", c->first_date},
                  {"last-date", c->last_date}};
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        line_start(&l, "C %s\t%s", corpus[i].name, NULL);
        line_u64s(&l, &corpus[i].v, 1);
    }
    for (size_t e = found ? found->base : c->nent; e < c->nent; e++) {
        /* a discovered entity: its type votes and label */
        if (!c->ent[e].mentions || e - found->base >= found->nvotes)
            continue;
        char vote[32];
        line_start(&l, "D %s\t%s", gz->ent[e].id, NULL);
        for (int t = 0; t < EG_NTYPES; t++) {
            snprintf(vote, sizeof vote, "%s%llu", t ? " " : "",
                     (unsigned long long)found->votes[e - found->base][t]);
            line_add(&l, vote, 0);
        }
        line_add(&l, "\t", 0);
        line_add(&l, gz->ent[e].label, 1);
        line_end(&l);
    }
    for (size_t e = 0; e < c->nent; e++) {
        const eg_entity_stats *es = &c->ent[e];
        if (!es->mentions)
            continue;
        uint64_t v[6] = {es->mentions, es->demonym_mentions, es->windows,
                         es->documents, es->first_seen, es->last_seen};
        line_start(&l, "E %s\t%s", gz->ent[e].id, NULL);
        line_u64s(&l, v, 6);
        for (size_t k = 0; k < es->nforms; k++) {
            line_start(&l, "F %s %s", gz->ent[e].id, es->forms[k].form);
            line_add(&l, "\t", 0);
            line_u64s(&l, &es->forms[k].count, 1);
        }
    }
    for (size_t i = 0; i < c->npair; i++) {
        const eg_pair *pr = &c->pair[i];
        const char *a = gz->ent[pr->a].id, *b = gz->ent[pr->b].id;
        if (strcmp(a, b) > 0) {
            const char *t = a;
            a = b;
            b = t;
        }
        uint64_t v[4] = {pr->count, pr->documents, pr->first_seen, pr->last_seen};
        line_start(&l, "P %s %s\t", a, b);
        line_u64s(&l, v, 4);
        for (uint32_t k = 0; k < pr->nev; k++) {
            snprintf(num, sizeof num, "%u\t%u\t", pr->ev[k].start, pr->ev[k].end);
            line_start(&l, "V %s %s\t", a, b);
            line_add(&l, num, 0);
            line_add(&l, pr->ev[k].doc, 1);
            line_add(&l, "\t", 0);
            line_add(&l, pr->ev[k].text, 1);
            line_end(&l);
        }
    }
    for (size_t i = 0; i < c->ent_tl.n; i++) {
        const eg_tl_point *tp = &c->ent_tl.p[i];
        snprintf(num, sizeof num, " %u\t", tp->period);
        line_start(&l, "T %s%s", gz->ent[tp->id].id, num);
        line_u64s(&l, &tp->n, 1);
    }
    for (size_t i = 0; i < c->pair_tl.n; i++) {
        const eg_tl_point *tp = &c->pair_tl.p[i];
        const char *a = gz->ent[c->pair[tp->id].a].id, *b = gz->ent[c->pair[tp->id].b].id;
        if (strcmp(a, b) > 0) {
            const char *t = a;
            a = b;
            b = t;
        }
        snprintf(num, sizeof num, " %u\t", tp->period);
        line_start(&l, "U %s %s", a, b);
        line_add(&l, num, 0);
        line_u64s(&l, &tp->n, 1);
    }
    eg_status st = EG_OK;
    if (l.failed) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory while writing counts");
    } else {
        sort_base = l.text.data;
        qsort(l.off, l.n, sizeof *l.off, cmp_line);
        for (size_t i = 0; i < l.n && st == EG_OK; i++)
            if (fputs(l.text.data + l.off[i], fp) == EOF || putc('\n', fp) == EOF)
                st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", name, strerror(errno));
    }
    eg_buf_free(&l.text);
    free(l.off);
    return st;
}

/* ---- parsing ---- */

typedef struct {
    char kind;                 /* '#', 'C', 'D', 'E', 'F', 'P', 'T', 'U' or 'V' */
    const char *key;           /* the whole key */
    size_t keylen;
    const char *a, *b, *form;  /* NUL-terminated in the line, cut in place */
    uint32_t period;           /* T, U */
    const char *value;         /* the raw value */
    uint64_t n[6];
    uint32_t start, end;       /* V */
    eg_buf doc, text;          /* V, unescaped; D: the label in text */
} record;

static int parse_u64s(const char *s, uint64_t *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (*s < '0' || *s > '9')
            return -1;
        char *end;
        errno = 0;
        unsigned long long x = strtoull(s, &end, 10);
        if (errno)
            return -1;
        v[i] = x;
        s = end;
        if (i + 1 < n && *s++ != ' ')
            return -1;
    }
    return *s ? -1 : 0;
}

static int unescape(const char *s, size_t n, eg_buf *out)
{
    eg_buf_clear(out);
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\\') {
            if (++i == n)
                return -1;
            ch = s[i] == '\\' ? '\\' : s[i] == 't' ? '\t' : s[i] == 'n' ? '\n'
               : s[i] == 'r' ? '\r' : 0;
            if (!ch)
                return -1;
        }
        if (eg_buf_putc(out, ch) != 0)
            return -1;
    }
    return eg_buf_append(out, "", 0);
}

/* The one way numbers add up, in merge and in build --from-counts alike:
 * *sum += n, unless the sum would pass max (UINT64_MAX for counts,
 * UINT32_MAX for documents). Returns NULL, or what is wrong. */
static const char *add_count(uint64_t *sum, uint64_t n, uint64_t max)
{
    if (n > max || *sum > max - n)
        return max == UINT64_MAX ? "a count that overflows" : "too many documents (over 2^32 - 1)";
    *sum += n;
    return NULL;
}

static const char *add_docs(uint32_t *sum, uint64_t n)
{
    uint64_t s = *sum;
    const char *why = add_count(&s, n, UINT32_MAX);
    if (!why)
        *sum = (uint32_t)s;
    return why;
}

/* A date field: 0 (none) or a day that exists, as YYYYMMDD. */
static int is_date(uint64_t v)
{
    return v == 0 || (v <= 99991231 && eg_date_make((int)(v / 10000), (int)(v / 100 % 100),
                                                    (int)(v % 100)) == v);
}

/* FIRST and LAST of one record: both 0 (no date), or a span. Merging
 * keeps the least FIRST and the greatest LAST, and reading widens a span
 * by both: the same only when every record's span is one. */
static int dates_in_order(uint64_t first, uint64_t last)
{
    return (first == 0) == (last == 0) && first <= last;
}

/* Whether v is a period of kind p (dates.h): 20241012, 202441 for the
 * ISO week (1 to 52 or 53), 202410, 2024. */
static int is_period(eg_period p, uint32_t v)
{
    switch (p) {
    case EG_PERIOD_DAY:
        return v && is_date(v);
    case EG_PERIOD_MONTH:
        return v <= 999912 && eg_date_make((int)(v / 100), (int)(v % 100), 1) != 0;
    case EG_PERIOD_YEAR:
        return v <= 9999 && eg_date_make((int)v, 1, 1) != 0;
    case EG_PERIOD_WEEK: {
        if (v > 999953 || v % 100 < 1 || v % 100 > 53 || !eg_date_make((int)(v / 100), 1, 1))
            return 0;
        /* week 53 only in the years that have one: its Monday is in it */
        uint32_t first, last;
        eg_period_span(p, v, &first, &last);
        return eg_period_of(p, first) == v;
    }
    }
    return 0;
}

static const char *const corpus_names[] = {"documents", "bytes",    "paragraphs", "sentences",
                                           "tokens",    "mentions", "windows",    "dated",
                                           "first-date", "last-date"};
enum { NCORPUS = sizeof corpus_names / sizeof corpus_names[0] };

/* Parses line (len bytes, no newline; cut in place) into r. Returns NULL,
 * or what is wrong. */
static const char *parse(char *line, size_t len, record *r)
{
    if (memchr(line, '\0', len))
        return "a NUL byte";
    char *tab = memchr(line, '\t', len);
    if (!tab)
        return "no TAB between key and value";
    *tab = '\0';
    r->key = line;
    r->keylen = (size_t)(tab - line);
    r->value = tab + 1;
    if (r->keylen < 3 || line[1] != ' ' || !strchr("#CDEFPTUV", line[0]))
        return "not an entigraph count record";
    r->kind = line[0];
    char *rest = line + 2;
    r->a = rest;
    r->b = r->form = NULL;
    if (r->kind == 'T' || r->kind == 'U') {
        /* the period is the last word of the key */
        char *sp = strrchr(rest, ' '), *end;
        if (!sp || sp == rest)
            return "a timeline key without its period";
        errno = 0;
        unsigned long per = strtoul(sp + 1, &end, 10);
        if (sp[1] < '0' || sp[1] > '9' || *end || errno || per > UINT32_MAX)
            return "a timeline key without its period";
        r->period = (uint32_t)per;
        *sp = '\0';
        if (r->kind == 'U') {
            char *sp2 = strchr(rest, ' ');
            if (!sp2 || sp2 == rest)
                return "a key without its two parts";
            *sp2 = '\0';
            r->b = sp2 + 1;
        }
    }
    if (r->kind == 'T' || r->kind == 'U') {
        /* done above */
    } else if (r->kind == 'F' || r->kind == 'P' || r->kind == 'V') {
        char *sp = strchr(rest, ' ');
        if (!sp || sp == rest || !sp[1])
            return "a key without its two parts";
        *sp = '\0';
        if (r->kind == 'F')
            r->form = sp + 1;
        else if (strchr(r->b = sp + 1, ' '))
            return "a pair key with more than two ids";
    } else if (r->kind != '#' && strchr(rest, ' ')) {
        return "a key with a space in its name";
    }
    switch (r->kind) {
    case '#':
        if (strcmp(rest, "window") && strcmp(rest, "demonyms") && strcmp(rest, "exclude-kinds") &&
            strcmp(rest, "evidence") && strcmp(rest, "period"))
            return "an unknown parameter";
        eg_period per;
        if (strcmp(rest, "period") == 0 && eg_period_parse(r->value, &per) != 0)
            return "period must be day, week, month or year";
        if (strcmp(rest, "evidence") == 0 &&
            (parse_u64s(r->value, r->n, 1) || r->n[0] < 1 || r->n[0] > MAX_EVIDENCE))
            return "evidence must be a number from 1 to 100";
        return NULL;
    case 'C': {
        int known = 0;
        for (size_t i = 0; i < NCORPUS; i++)
            known |= strcmp(rest, corpus_names[i]) == 0;
        if (!known)
            return "an unknown corpus counter";
        if (parse_u64s(r->value, r->n, 1))
            return "a value that is not a count";
        if (strstr(rest, "-date") && !is_date(r->n[0]))
            return "a date that is not YYYYMMDD";
        if ((!strcmp(rest, "documents") || !strcmp(rest, "dated")) && r->n[0] > UINT32_MAX)
            return "too many documents (over 2^32 - 1)";
        return NULL;
    }
    case 'F':
    case 'T':
        return parse_u64s(r->value, r->n, 1) ? "a value that is not a count" : NULL;
    case 'U':
        if (strcmp(r->a, r->b) >= 0)
            return "a pair whose ids are not in byte order";
        return parse_u64s(r->value, r->n, 1) ? "a value that is not a count" : NULL;
    case 'E':
        if (parse_u64s(r->value, r->n, 6))
            return "a value that is not six numbers";
        if (!is_date(r->n[4]) || !is_date(r->n[5]))
            return "a date that is not YYYYMMDD";
        if (!dates_in_order(r->n[4], r->n[5]))
            return "dates that are not FIRST <= LAST (or both 0)";
        return r->n[3] > UINT32_MAX ? "too many documents (over 2^32 - 1)" : NULL;
    case 'D': {
        char *t1 = strchr(r->value, '\t'), nums[128];
        size_t nl = t1 ? (size_t)(t1 - r->value) : 0;
        if (strncmp(r->a, "d:", 2) != 0)
            return "a discovered entity whose id does not start with d:";
        if (!t1 || nl >= sizeof nums || strchr(t1 + 1, '\t'))
            return "a discovered entity that is not VOTES TAB LABEL";
        memcpy(nums, r->value, nl);
        nums[nl] = '\0';
        if (parse_u64s(nums, r->n, EG_NTYPES))
            return "a discovered entity whose votes are not four numbers";
        if (unescape(t1 + 1, strlen(t1 + 1), &r->text) || r->text.len == 0 ||
            memchr(r->text.data, '\0', r->text.len))
            return "a bad escape in the label";
        return NULL;
    }
    case 'P':
        if (strcmp(r->a, r->b) >= 0)
            return "a pair whose ids are not in byte order";
        if (parse_u64s(r->value, r->n, 4))
            return "a value that is not four numbers";
        if (!is_date(r->n[2]) || !is_date(r->n[3]))
            return "a date that is not YYYYMMDD";
        if (!dates_in_order(r->n[2], r->n[3]))
            return "dates that are not FIRST <= LAST (or both 0)";
        return r->n[1] > UINT32_MAX ? "too many documents (over 2^32 - 1)" : NULL;
    default: { /* V */
        if (strcmp(r->a, r->b) >= 0)
            return "a pair whose ids are not in byte order";
        uint64_t se[2];
        char *t1 = strchr(r->value, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (!t3 || strchr(t3 + 1, '\t'))
            return "evidence that is not START TAB END TAB DOC TAB TEXT";
        char se_text[64];
        size_t sl = (size_t)(t2 - r->value);
        if (sl >= sizeof se_text)
            return "evidence offsets out of range";
        memcpy(se_text, r->value, sl);
        se_text[sl] = '\0';
        se_text[t1 - r->value] = ' ';
        /* byte offsets into a document, which is at most EG_MAX_DOC_LIMIT
         * bytes long */
        if (parse_u64s(se_text, se, 2) || se[0] > se[1] || se[1] > EG_MAX_DOC_LIMIT)
            return "evidence offsets out of range";
        r->start = (uint32_t)se[0];
        r->end = (uint32_t)se[1];
        if (unescape(t2 + 1, (size_t)(t3 - t2 - 1), &r->doc) ||
            unescape(t3 + 1, strlen(t3 + 1), &r->text))
            return "a bad escape in the evidence";
        return NULL;
    }
    }
}

static eg_status bad(eg_error *err, const char *name, size_t lineno, const char *what)
{
    return eg_error_add(err, EG_EINPUT, "%s:%zu: %s", name, lineno, what);
}

/* Reads the next record of in into line: 1, or 0 at the end of the
 * input. A read error (memory running out included) or a line over
 * EG_COUNTS_MAX_RECORD is an error naming the line, *lineno then; the
 * end of the input is only ever the end of the file, so a failing read
 * never passes for the last record. */
static int next_line(FILE *in, const char *name, eg_buf *line, size_t *lineno, eg_status *st,
                     eg_error *err)
{
    errno = 0;
    int r = eg_read_line_raw(in, EG_COUNTS_MAX_RECORD, line);
    if (r == 0)
        return 0;
    ++*lineno;
    if (r == -2)
        *st = eg_error_add(err, EG_EINPUT,
                           "%s:%zu: a record longer than %zu MiB: not a count record", name,
                           *lineno, EG_COUNTS_MAX_RECORD >> 20);
    else if (r < 0 && errno == ENOMEM)
        *st = eg_error_add(err, EG_ENOMEM, "%s:%zu: out of memory reading the record", name,
                           *lineno);
    else if (r < 0)
        *st = eg_error_add(err, EG_EIO, "%s:%zu: cannot read: %s", name, *lineno,
                           strerror(errno ? errno : EIO));
    return r == 1;
}

/* ---- merging ---- */

typedef struct {
    eg_buf value, doc, text; /* raw value; unescaped doc and text */
    uint32_t start, end;
} passage;

typedef struct {
    eg_buf key, value;  /* value: raw, for #; the label, for D */
    char kind;
    uint64_t n[6];
    passage *ev;        /* V: the least passages, least first */
    uint32_t nev, evcap;
    int has;
} acc;

static int passage_set(passage *p, const record *r)
{
    eg_buf_clear(&p->value);
    eg_buf_clear(&p->doc);
    eg_buf_clear(&p->text);
    p->start = r->start;
    p->end = r->end;
    return eg_buf_append(&p->value, r->value, strlen(r->value)) ||
           eg_buf_append(&p->doc, r->doc.data, r->doc.len) ||
           eg_buf_append(&p->text, r->text.data, r->text.len);
}

/* Keeps r's passage among the max least of a. Returns -1 when out of memory. */
static int acc_offer(acc *a, const record *r, uint32_t max)
{
    uint32_t at = a->nev;
    while (at > 0 && eg_evidence_cmp(a->ev[at - 1].doc.data, a->ev[at - 1].start,
                                     a->ev[at - 1].end, a->ev[at - 1].text.data, r->doc.data,
                                     r->start, r->end, r->text.data) > 0)
        at--;
    if (at >= max || (at > 0 && eg_evidence_cmp(a->ev[at - 1].doc.data, a->ev[at - 1].start,
                                                 a->ev[at - 1].end, a->ev[at - 1].text.data,
                                                 r->doc.data, r->start, r->end,
                                                 r->text.data) == 0))
        return 0;
    if (a->nev < max) {
        if (a->nev == a->evcap) {
            passage *ev = realloc(a->ev, (a->evcap + 1) * sizeof *ev);
            if (!ev)
                return -1;
            a->ev = ev;
            a->ev[a->evcap++] = (passage){EG_BUF_INIT, EG_BUF_INIT, EG_BUF_INIT, 0, 0};
        }
        a->nev++;
    }
    /* the last one (dropped, or the new free one) moves to at */
    passage spare = a->ev[a->nev - 1];
    memmove(a->ev + at + 1, a->ev + at, (a->nev - 1 - at) * sizeof *a->ev);
    a->ev[at] = spare;
    return passage_set(&a->ev[at], r);
}

static int acc_set(acc *a, const record *r, uint32_t max)
{
    eg_buf_clear(&a->key);
    eg_buf_clear(&a->value);
    a->kind = r->kind;
    memcpy(a->n, r->n, sizeof a->n);
    a->nev = 0;
    a->has = 1;
    if (eg_buf_append(&a->key, r->key, r->keylen) != 0 ||
        (r->kind == 'D' ? eg_buf_append(&a->value, r->text.data, r->text.len)
                        : eg_buf_append(&a->value, r->value, strlen(r->value))) != 0)
        return -1;
    return r->kind == 'V' ? acc_offer(a, r, max) : 0;
}

static int put_key(const acc *a, FILE *out)
{
    /* the key was cut at its first space by parse: write it whole */
    for (size_t i = 0; i < a->key.len; i++)
        if (putc(a->key.data[i] ? a->key.data[i] : ' ', out) == EOF)
            return -1;
    return 0;
}

static int acc_write(const acc *a, FILE *out)
{
    if (a->kind == 'V') {
        for (uint32_t k = 0; k < a->nev; k++)
            if (put_key(a, out) || fprintf(out, "\t%s\n", a->ev[k].value.data) < 0)
                return -1;
        return 0;
    }
    if (put_key(a, out))
        return -1;
    if (a->kind == 'D') {
        eg_buf esc = EG_BUF_INIT;
        int rc = append_escaped(&esc, a->value.data) ||
                 fprintf(out, "\t%llu %llu %llu %llu\t%s\n", (unsigned long long)a->n[0],
                         (unsigned long long)a->n[1], (unsigned long long)a->n[2],
                         (unsigned long long)a->n[3], esc.data ? esc.data : "") < 0;
        eg_buf_free(&esc);
        return rc ? -1 : 0;
    }
    int n = a->kind == 'E' ? 6 : a->kind == 'P' ? 4 : a->kind == '#' ? 0 : 1;
    if (!n)
        return fprintf(out, "\t%s\n", a->value.data) < 0 ? -1 : 0;
    if (putc('\t', out) == EOF)
        return -1;
    for (int i = 0; i < n; i++)
        if (fprintf(out, "%s%llu", i ? " " : "", (unsigned long long)a->n[i]) < 0)
            return -1;
    return putc('\n', out) == EOF ? -1 : 0;
}

static int key_cmp(const acc *a, const record *r)
{
    size_t n = a->key.len < r->keylen ? a->key.len : r->keylen;
    int d = memcmp(a->key.data, r->key, n);
    if (d)
        return d;
    return a->key.len < r->keylen ? -1 : a->key.len > r->keylen;
}

/* Whether the period of a timeline record (T, U) is one of the counts'
 * kind of period. Returns NULL, or what is wrong. */
static const char *check_period(const record *r, eg_period p, int seen)
{
    static const char *const what[] = {
        "a timeline period that is not a day (YYYYMMDD)",
        "a timeline period that is not an ISO week (YYYYWW, weeks 1 to 52 or 53)",
        "a timeline period that is not a month (YYYYMM)",
        "a timeline period that is not a year (YYYY)"};
    if (!seen)
        return "a timeline record before the '# period' parameter";
    return is_period(p, r->period) ? NULL : what[p];
}

/* The greatest sum of number i of r's kind: documents are counted in 32
 * bits (eg_cooccur), every other count in 64. */
static uint64_t number_max(const record *r, int i)
{
    int docs = (r->kind == 'E' && i == 3) || (r->kind == 'P' && i == 1) ||
               (r->kind == 'C' && (!strcmp(r->a, "documents") || !strcmp(r->a, "dated")));
    return docs ? UINT32_MAX : UINT64_MAX;
}

/* Folds r into a (same key). Returns NULL, or what is wrong. */
static const char *combine(acc *a, const record *r, uint32_t max)
{
    switch (r->kind) {
    case '#':
        return strcmp(a->value.data, r->value) ? "a parameter that differs between the counts "
                                                 "combined (made with other settings)"
                                               : NULL;
    case 'V':
        return acc_offer(a, r, max) ? "out of memory" : NULL;
    case 'D': {
        const char *why = NULL;
        for (int i = 0; i < EG_NTYPES && !why; i++)
            why = add_count(&a->n[i], r->n[i], UINT64_MAX);
        if (why)
            return why;
        /* the label: the longest, the least in byte order among equals
         * (registry.h) */
        if (r->text.len > a->value.len ||
            (r->text.len == a->value.len && memcmp(r->text.data, a->value.data, r->text.len) < 0)) {
            eg_buf_clear(&a->value);
            if (eg_buf_append(&a->value, r->text.data, r->text.len) != 0)
                return "out of memory";
        }
        return NULL;
    }
    default: {
        /* which numbers are dates: E's last two, P's last two, C's dates */
        int nn = r->kind == 'E' ? 6 : r->kind == 'P' ? 4 : 1, dates = 0;
        if (r->kind == 'E' || r->kind == 'P')
            dates = 2;
        else if (r->kind == 'C' && strstr(r->a, "-date"))
            dates = 1;
        for (int i = 0; i < nn; i++) {
            if (i < nn - dates) {
                const char *why = add_count(&a->n[i], r->n[i], number_max(r, i));
                if (why)
                    return why;
            } else if (i == nn - dates && strcmp(r->a, "last-date") != 0) {
                if (r->n[i] && (!a->n[i] || r->n[i] < a->n[i]))
                    a->n[i] = r->n[i]; /* first: the least but 0 */
            } else if (r->n[i] > a->n[i]) {
                a->n[i] = r->n[i]; /* last: the greatest */
            }
        }
        return NULL;
    }
    }
}

eg_status eg_counts_merge(FILE *in, const char *in_name, FILE *out, const char *out_name,
                          eg_error *err)
{
    acc a = {EG_BUF_INIT, EG_BUF_INIT, 0, {0}, NULL, 0, 0, 0};
    record r = {0};
    eg_buf line = EG_BUF_INIT;
    size_t lineno = 0;
    uint32_t max = 1; /* passages per pair, from '# evidence' (sorted first) */
    eg_period period = EG_PERIOD_MONTH;
    int period_seen = 0; /* '# period' too sorts before the timelines */
    eg_status st = EG_OK;
    while (st == EG_OK && next_line(in, in_name, &line, &lineno, &st, err)) {
        const char *why = parse(line.data, line.len, &r);
        if (!why && r.kind == '#' && strcmp(r.a, "evidence") == 0)
            max = (uint32_t)r.n[0];
        if (!why && r.kind == '#' && strcmp(r.a, "period") == 0)
            period_seen = eg_period_parse(r.value, &period) == 0; /* checked by parse */
        if (!why && (r.kind == 'T' || r.kind == 'U'))
            why = check_period(&r, period, period_seen);
        if (why) {
            st = bad(err, in_name, lineno, why);
        } else if (a.has && key_cmp(&a, &r) == 0) {
            if ((why = combine(&a, &r, max)))
                st = bad(err, in_name, lineno, why);
        } else if (a.has && key_cmp(&a, &r) > 0) {
            st = bad(err, in_name, lineno,
                     "records not sorted by key: sort them first (LC_ALL=C sort)");
        } else {
            if (a.has && acc_write(&a, out) != 0)
                st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", out_name, strerror(errno));
            else if (acc_set(&a, &r, max) != 0)
                st = eg_error_add(err, EG_ENOMEM, "out of memory");
        }
    }
    if (st == EG_OK && a.has && acc_write(&a, out) != 0)
        st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", out_name, strerror(errno));
    eg_buf_free(&line);
    eg_buf_free(&a.key);
    eg_buf_free(&a.value);
    for (uint32_t k = 0; k < a.evcap; k++) {
        eg_buf_free(&a.ev[k].value);
        eg_buf_free(&a.ev[k].doc);
        eg_buf_free(&a.ev[k].text);
    }
    free(a.ev);
    eg_buf_free(&r.doc);
    eg_buf_free(&r.text);
    return st;
}

/* ---- reading into an accumulator ---- */

static const char *set_param(char **slot, const char *v)
{
    if (*slot)
        return strcmp(*slot, v) ? "a parameter that differs between the counts combined "
                                  "(made with other settings)"
                                : NULL;
    return (*slot = eg_strndup(v, strlen(v))) ? NULL : "out of memory";
}

/* Folds one record into c. Returns NULL, or what is wrong. */
/* The entity of id: the gazetteer's, or a discovered one (made if new,
 * with c's statistics grown to hold it). -1 for an unknown id, -2 when
 * out of memory. */
static long entity(const char *id, const eg_gazetteer *gz, eg_registry *found, eg_cooccur *c,
                   eg_error *err)
{
    long e = eg_gazetteer_find(gz, id);
    if (e >= 0 || !found)
        return e;
    e = eg_registry_id(found, id, NULL, NULL);
    if (e >= 0 && eg_cooccur_reserve(c, (size_t)e + 1, err) != EG_OK)
        return -2;
    return e;
}

static const char *apply(const record *r, const eg_gazetteer *gz, eg_registry *found,
                         eg_cooccur *c, eg_counts_params *p, char **demonyms, int *period_seen,
                         eg_error *err)
{
    long ia = -1, ib = -1;
    if (r->kind != '#' && r->kind != 'C') {
        if ((ia = entity(r->a, gz, found, c, err)) < 0 ||
            (r->b && (ib = entity(r->b, gz, found, c, err)) < 0))
            return ia == -2 || ib == -2
                       ? "out of memory"
                       : "an entity id the gazetteers do not have (counts made with other "
                         "gazetteers?)";
    }
    switch (r->kind) {
    case 'D': {
        /* the votes add up in the registry: checked here, as merge checks */
        if (ia < (long)found->base)
            return "a discovered entity whose id a gazetteer has";
        uint64_t sum[EG_NTYPES];
        memcpy(sum, found->votes[ia - (long)found->base], sizeof sum);
        for (int t = 0; t < EG_NTYPES; t++)
            if (add_count(&sum[t], r->n[t], UINT64_MAX))
                return "a count that overflows";
        return eg_registry_id(found, r->a, r->n, r->text.data) == -2 ? "out of memory" : NULL;
    }
    case '#':
        if (strcmp(r->a, "window") == 0)
            return set_param(&p->window, r->value);
        if (strcmp(r->a, "demonyms") == 0) {
            if (strcmp(r->value, "counted") && strcmp(r->value, "ignored"))
                return "demonyms must be counted or ignored";
            return set_param(demonyms, r->value);
        }
        if (strcmp(r->a, "evidence") == 0) {
            if (p->evidence && p->evidence != r->n[0])
                return "a parameter that differs between the counts combined (made with other "
                       "settings)";
            p->evidence = c->max_evidence = (uint32_t)r->n[0];
            return NULL;
        }
        if (strcmp(r->a, "period") == 0) {
            eg_period per;
            eg_period_parse(r->value, &per); /* checked by parse */
            if (*period_seen && per != c->period)
                return "a parameter that differs between the counts combined (made with other "
                       "settings)";
            c->period = p->period = per;
            *period_seen = 1;
            return NULL;
        }
        return set_param(&p->exclude_kinds, r->value);
    case 'C': {
        /* dates were checked by parse, and so were single counts */
        uint64_t *f[] = {NULL,       &c->bytes,    &c->paragraphs, &c->sentences,
                         &c->tokens, &c->mentions, &c->windows};
        /* two records: each date combined as merge combines it, the
         * least but 0 first, the greatest last */
        uint32_t d = (uint32_t)r->n[0];
        if (strcmp(r->a, "first-date") == 0) {
            if (d && (!c->first_date || d < c->first_date))
                c->first_date = d;
            return NULL;
        }
        if (strcmp(r->a, "last-date") == 0) {
            if (d > c->last_date)
                c->last_date = d;
            return NULL;
        }
        if (strcmp(r->a, "dated") == 0 || strcmp(r->a, "documents") == 0)
            return add_docs(r->a[0] == 'd' && r->a[1] == 'a' ? &c->dated : &c->ndocs, r->n[0]);
        for (size_t i = 1; i < 7; i++)
            if (strcmp(r->a, corpus_names[i]) == 0)
                return add_count(f[i], r->n[0], UINT64_MAX);
        return NULL;
    }
    case 'E': {
        eg_entity_stats *es = &c->ent[ia];
        const char *why = add_count(&es->mentions, r->n[0], UINT64_MAX);
        if (!why)
            why = add_count(&es->demonym_mentions, r->n[1], UINT64_MAX);
        if (!why)
            why = add_count(&es->windows, r->n[2], UINT64_MAX);
        if (!why)
            why = add_docs(&es->documents, r->n[3]);
        if (why)
            return why;
        eg_date_widen(&es->first_seen, &es->last_seen, (uint32_t)r->n[4]);
        eg_date_widen(&es->first_seen, &es->last_seen, (uint32_t)r->n[5]);
        return NULL;
    }
    case 'T':
    case 'U': {
        const char *why = check_period(r, c->period, *period_seen);
        if (why)
            return why;
        eg_timeline *tl = r->kind == 'T' ? &c->ent_tl : &c->pair_tl;
        uint32_t id = (uint32_t)ia;
        if (r->kind == 'U') {
            eg_pair *pr = eg_cooccur_pair(c, (uint32_t)ia, (uint32_t)ib);
            if (!pr)
                return "out of memory";
            id = (uint32_t)(pr - c->pair);
        }
        /* the point is made (adding 0), then its count added to, checked */
        uint32_t at;
        if (eg_timeline_add(tl, id, r->period, 0, err) != EG_OK ||
            !eg_u64map_get(&tl->index, (uint64_t)id << 32 | r->period, &at))
            return "out of memory";
        return add_count(&tl->p[at].n, r->n[0], UINT64_MAX);
    }
    case 'F': {
        eg_entity_stats *es = &c->ent[ia];
        for (size_t k = 0; k < es->nforms; k++)
            if (strcmp(es->forms[k].form, r->form) == 0)
                return add_count(&es->forms[k].count, r->n[0], UINT64_MAX);
        return eg_cooccur_add_form(es, r->form, r->n[0], err) ? "out of memory" : NULL;
    }
    case 'P': {
        eg_pair *pr = eg_cooccur_pair(c, (uint32_t)ia, (uint32_t)ib);
        if (!pr)
            return "out of memory";
        const char *why = add_count(&pr->count, r->n[0], UINT64_MAX);
        if (!why)
            why = add_docs(&pr->documents, r->n[1]);
        if (why)
            return why;
        eg_date_widen(&pr->first_seen, &pr->last_seen, (uint32_t)r->n[2]);
        eg_date_widen(&pr->first_seen, &pr->last_seen, (uint32_t)r->n[3]);
        return NULL;
    }
    default: { /* V */
        if (!p->evidence)
            return "an evidence record before the '# evidence' parameter";
        eg_pair *pr = eg_cooccur_pair(c, (uint32_t)ia, (uint32_t)ib);
        if (!pr || eg_cooccur_offer_evidence(pr, c->max_evidence, r->doc.data, r->start, r->end,
                                             r->text.data, err))
            return "out of memory";
        return NULL;
    }
    }
}

eg_status eg_counts_read(FILE *in, const char *name, const eg_gazetteer *gz, eg_registry *found,
                         eg_cooccur *c, eg_counts_params *p, eg_error *err)
{
    memset(p, 0, sizeof *p);
    char *demonyms = NULL;
    eg_buf line = EG_BUF_INIT;
    record r = {0};
    size_t lineno = 0;
    int period_seen = 0;
    eg_status st = EG_OK;
    while (st == EG_OK && next_line(in, name, &line, &lineno, &st, err)) {
        const char *why = parse(line.data, line.len, &r);
        if (!why)
            why = apply(&r, gz, found, c, p, &demonyms, &period_seen, err);
        if (why)
            st = bad(err, name, lineno, why);
    }
    if (st == EG_OK && (!p->window || !demonyms || !p->evidence || !period_seen))
        st = eg_error_add(err, EG_EINPUT,
                          "%s: no '# window', '# demonyms', '# evidence' or '# period' record: "
                          "not the output of entigraph count or merge",
                          name);
    if (st == EG_OK)
        p->demonyms = strcmp(demonyms, "counted") == 0;
    free(demonyms);
    eg_buf_free(&line);
    eg_buf_free(&r.doc);
    eg_buf_free(&r.text);
    if (st != EG_OK)
        eg_counts_params_free(p);
    return st;
}
