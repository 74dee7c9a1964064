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

#include "counts.h"
#include "util/buf.h"

#define MAX_LINE ((size_t)64 << 20)

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

eg_status eg_counts_write(const eg_cooccur *c, const eg_gazetteer *gz, const eg_counts_params *p,
                          FILE *fp, const char *name, eg_error *err)
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
    const struct {
        const char *name;
        uint64_t v;
    } corpus[] = {{"documents", c->ndocs},   {"bytes", c->bytes},   {"paragraphs", c->paragraphs},
                  {"sentences", c->sentences}, {"tokens", c->tokens}, {"mentions", c->mentions}};
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        line_start(&l, "C %s\t%s", corpus[i].name, NULL);
        line_u64s(&l, &corpus[i].v, 1);
    }
    for (size_t e = 0; e < c->nent; e++) {
        const eg_entity_stats *es = &c->ent[e];
        if (!es->mentions)
            continue;
        uint64_t v[3] = {es->mentions, es->demonym_mentions, es->documents};
        line_start(&l, "E %s\t%s", gz->ent[e].id, NULL);
        line_u64s(&l, v, 3);
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
        uint64_t v[2] = {pr->count, pr->documents};
        line_start(&l, "P %s %s\t", a, b);
        line_u64s(&l, v, 2);
        if (pr->ev_doc) {
            char num[48];
            snprintf(num, sizeof num, "%u\t%u\t", pr->ev_start, pr->ev_end);
            line_start(&l, "V %s %s\t", a, b);
            line_add(&l, num, 0);
            line_add(&l, pr->ev_doc, 1);
            line_add(&l, "\t", 0);
            line_add(&l, pr->ev_text, 1);
            line_end(&l);
        }
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
    char kind;                 /* '#', 'C', 'E', 'F', 'P' or 'V' */
    const char *key;           /* the whole key */
    size_t keylen;
    const char *a, *b, *form;  /* NUL-terminated in the line, cut in place */
    const char *value;         /* the raw value */
    uint64_t n[3];
    uint32_t start, end;       /* V */
    eg_buf doc, text;          /* V, unescaped */
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

static const char *const corpus_names[] = {"documents", "bytes",  "paragraphs",
                                           "sentences", "tokens", "mentions"};
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
    if (r->keylen < 3 || line[1] != ' ' || !strchr("#CEFPV", line[0]))
        return "not an entigraph count record";
    r->kind = line[0];
    char *rest = line + 2;
    r->a = rest;
    r->b = r->form = NULL;
    if (r->kind == 'F' || r->kind == 'P' || r->kind == 'V') {
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
        if (strcmp(rest, "window") && strcmp(rest, "demonyms") && strcmp(rest, "exclude-kinds"))
            return "an unknown parameter";
        return NULL;
    case 'C': {
        int known = 0;
        for (size_t i = 0; i < NCORPUS; i++)
            known |= strcmp(rest, corpus_names[i]) == 0;
        if (!known)
            return "an unknown corpus counter";
        return parse_u64s(r->value, r->n, 1) ? "a value that is not a count" : NULL;
    }
    case 'F':
        return parse_u64s(r->value, r->n, 1) ? "a value that is not a count" : NULL;
    case 'E':
        return parse_u64s(r->value, r->n, 3) ? "a value that is not three counts" : NULL;
    case 'P':
        if (strcmp(r->a, r->b) >= 0)
            return "a pair whose ids are not in byte order";
        return parse_u64s(r->value, r->n, 2) ? "a value that is not two counts" : NULL;
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
        if (parse_u64s(se_text, se, 2) || se[0] > UINT32_MAX || se[1] > UINT32_MAX ||
            se[0] > se[1])
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

/* Reads one line into *line; returns its length, or -1 at the end. */
static ssize_t read_line(FILE *in, char **line, size_t *cap, int *toolong)
{
    ssize_t n = getline(line, cap, in);
    if (n < 0)
        return -1;
    if (n > 0 && (*line)[n - 1] == '\n')
        (*line)[--n] = '\0';
    *toolong = (size_t)n > MAX_LINE;
    return n;
}

static eg_status bad(eg_error *err, const char *name, size_t lineno, const char *what)
{
    return eg_error_add(err, EG_EINPUT, "%s:%zu: %s", name, lineno, what);
}

/* ---- merging ---- */

typedef struct {
    eg_buf key, value, doc, text; /* value: raw, for # and V */
    char kind;
    uint64_t n[3];
    uint32_t start, end;
    int has;
} acc;

static int acc_set(acc *a, const record *r)
{
    eg_buf_clear(&a->key);
    eg_buf_clear(&a->value);
    a->kind = r->kind;
    memcpy(a->n, r->n, sizeof a->n);
    a->start = r->start;
    a->end = r->end;
    a->has = 1;
    if (eg_buf_append(&a->key, r->key, r->keylen) != 0 ||
        eg_buf_append(&a->value, r->value, strlen(r->value)) != 0)
        return -1;
    if (r->kind == 'V') {
        eg_buf_clear(&a->doc);
        eg_buf_clear(&a->text);
        if (eg_buf_append(&a->doc, r->doc.data, r->doc.len) != 0 ||
            eg_buf_append(&a->text, r->text.data, r->text.len) != 0)
            return -1;
    }
    return 0;
}

static int acc_write(const acc *a, FILE *out)
{
    /* the key was cut at its first space by parse: write it whole */
    for (size_t i = 0; i < a->key.len; i++)
        if (putc(a->key.data[i] ? a->key.data[i] : ' ', out) == EOF)
            return -1;
    int n = a->kind == 'E' ? 3 : a->kind == 'P' ? 2 : (a->kind == 'C' || a->kind == 'F') ? 1 : 0;
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

/* Folds r into a (same key). Returns NULL, or what is wrong. */
static const char *combine(acc *a, const record *r)
{
    switch (r->kind) {
    case '#':
        return strcmp(a->value.data, r->value) ? "a parameter that differs between the counts "
                                                 "combined (made with other settings)"
                                               : NULL;
    case 'V':
        if (eg_evidence_cmp(r->doc.data, r->start, r->end, r->text.data, a->doc.data, a->start,
                            a->end, a->text.data) < 0 &&
            acc_set(a, r) != 0)
            return "out of memory";
        return NULL;
    default:
        for (int i = 0; i < 3; i++) {
            if (a->n[i] > UINT64_MAX - r->n[i])
                return "a count that overflows";
            a->n[i] += r->n[i];
        }
        return NULL;
    }
}

eg_status eg_counts_merge(FILE *in, const char *in_name, FILE *out, const char *out_name,
                          eg_error *err)
{
    acc a = {EG_BUF_INIT, EG_BUF_INIT, EG_BUF_INIT, EG_BUF_INIT, 0, {0}, 0, 0, 0};
    record r = {0};
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int toolong;
    eg_status st = EG_OK;
    while (st == EG_OK && (n = read_line(in, &line, &cap, &toolong)) >= 0) {
        lineno++;
        const char *why = toolong ? "a line over 64 MiB" : parse(line, (size_t)n, &r);
        if (why) {
            st = bad(err, in_name, lineno, why);
        } else if (a.has && key_cmp(&a, &r) == 0) {
            if ((why = combine(&a, &r)))
                st = bad(err, in_name, lineno, why);
        } else if (a.has && key_cmp(&a, &r) > 0) {
            st = bad(err, in_name, lineno,
                     "records not sorted by key: sort them first (LC_ALL=C sort)");
        } else {
            if (a.has && acc_write(&a, out) != 0)
                st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", out_name, strerror(errno));
            else if (acc_set(&a, &r) != 0)
                st = eg_error_add(err, EG_ENOMEM, "out of memory");
        }
    }
    if (st == EG_OK && ferror(in))
        st = eg_error_add(err, EG_EIO, "%s: cannot read: %s", in_name, strerror(errno));
    if (st == EG_OK && a.has && acc_write(&a, out) != 0)
        st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", out_name, strerror(errno));
    free(line);
    eg_buf_free(&a.key);
    eg_buf_free(&a.value);
    eg_buf_free(&a.doc);
    eg_buf_free(&a.text);
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
static const char *apply(const record *r, const eg_gazetteer *gz, eg_cooccur *c,
                         eg_counts_params *p, char **demonyms, eg_error *err)
{
    long ia = -1, ib = -1;
    if (r->kind == 'E' || r->kind == 'F' || r->kind == 'P' || r->kind == 'V') {
        if ((ia = eg_gazetteer_find(gz, r->a)) < 0 ||
            (r->b && (ib = eg_gazetteer_find(gz, r->b)) < 0))
            return "an entity id the gazetteers do not have (counts made with other "
                   "gazetteers?)";
    }
    switch (r->kind) {
    case '#':
        if (strcmp(r->a, "window") == 0)
            return set_param(&p->window, r->value);
        if (strcmp(r->a, "demonyms") == 0) {
            if (strcmp(r->value, "counted") && strcmp(r->value, "ignored"))
                return "demonyms must be counted or ignored";
            return set_param(demonyms, r->value);
        }
        return set_param(&p->exclude_kinds, r->value);
    case 'C': {
        uint64_t *f[] = {NULL, &c->bytes, &c->paragraphs, &c->sentences, &c->tokens, &c->mentions};
        for (size_t i = 0; i < NCORPUS; i++)
            if (strcmp(r->a, corpus_names[i]) == 0) {
                if (i == 0) {
                    if (c->ndocs + r->n[0] > UINT32_MAX)
                        return "too many documents";
                    c->ndocs += (uint32_t)r->n[0];
                } else {
                    *f[i] += r->n[0];
                }
            }
        return NULL;
    }
    case 'E': {
        eg_entity_stats *es = &c->ent[ia];
        if (es->documents + r->n[2] > UINT32_MAX)
            return "too many documents";
        es->mentions += r->n[0];
        es->demonym_mentions += r->n[1];
        es->documents += (uint32_t)r->n[2];
        return NULL;
    }
    case 'F':
        return eg_cooccur_add_form(&c->ent[ia], r->form, r->n[0], err) ? "out of memory" : NULL;
    case 'P': {
        eg_pair *pr = eg_cooccur_pair(c, (uint32_t)ia, (uint32_t)ib);
        if (!pr)
            return "out of memory";
        if (pr->documents + r->n[1] > UINT32_MAX)
            return "too many documents";
        pr->count += r->n[0];
        pr->documents += (uint32_t)r->n[1];
        return NULL;
    }
    default: { /* V */
        eg_pair *pr = eg_cooccur_pair(c, (uint32_t)ia, (uint32_t)ib);
        if (!pr ||
            eg_cooccur_offer_evidence(pr, r->doc.data, r->start, r->end, r->text.data, err))
            return "out of memory";
        return NULL;
    }
    }
}

eg_status eg_counts_read(FILE *in, const char *name, const eg_gazetteer *gz, eg_cooccur *c,
                         eg_counts_params *p, eg_error *err)
{
    memset(p, 0, sizeof *p);
    char *demonyms = NULL, *line = NULL;
    record r = {0};
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int toolong;
    eg_status st = EG_OK;
    while (st == EG_OK && (n = read_line(in, &line, &cap, &toolong)) >= 0) {
        lineno++;
        const char *why = toolong ? "a line over 64 MiB" : parse(line, (size_t)n, &r);
        if (!why)
            why = apply(&r, gz, c, p, &demonyms, err);
        if (why)
            st = bad(err, name, lineno, why);
    }
    if (st == EG_OK && ferror(in))
        st = eg_error_add(err, EG_EIO, "%s: cannot read: %s", name, strerror(errno));
    if (st == EG_OK && (!p->window || !demonyms))
        st = eg_error_add(err, EG_EINPUT,
                          "%s: no '# window' or '# demonyms' record: not the output of "
                          "entigraph count or merge",
                          name);
    if (st == EG_OK)
        p->demonyms = strcmp(demonyms, "counted") == 0;
    free(demonyms);
    free(line);
    eg_buf_free(&r.doc);
    eg_buf_free(&r.text);
    if (st != EG_OK)
        eg_counts_params_free(p);
    return st;
}
