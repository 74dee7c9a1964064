/*
 * summary.c - read the YAML summary back with libyaml's event parser.
 *
 * A small recursive descent over parser events: every reader works on the
 * current event (the first event of a value) and leaves the last event of
 * that value current, so a mapping reads a key, steps once to its value
 * and hands it to the reader for that key; keys it does not know are
 * skipped whole. One event is alive at a time (rd.ev), deleted before the
 * next is parsed. Messages carry libyaml's marks, 0-based, printed 1-based.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "summary.h"
#include "util/buf.h"

typedef struct {
    yaml_parser_t p;
    yaml_event_t ev; /* the current event, owned when have is set */
    int have;
    const char *name;
    eg_error *err;
    eg_summary *s;
    eg_buf key; /* the last key read: names the field in messages */
    eg_buf tmp;
} rd;

static int fail_at(rd *r, yaml_mark_t m, eg_status st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(rd *r, yaml_mark_t m, eg_status st, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    eg_error_add(r->err, st, "%s:%lu:%lu: %s", r->name, (unsigned long)m.line + 1,
                 (unsigned long)m.column + 1, msg);
    return -1;
}

static int oom(rd *r)
{
    eg_error_add(r->err, EG_ENOMEM, "%s: out of memory", r->name);
    return -1;
}

/* libyaml's reader (bad UTF-8, control characters) gives a byte offset
 * and no mark: count lines and characters up to it in the file. */
static yaml_mark_t mark_of_offset(const char *path, size_t offset)
{
    yaml_mark_t m = {0, 0, 0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return m;
    for (size_t i = 0; i < offset; i++) {
        int c = getc(fp);
        if (c == EOF)
            break;
        if (c == '\n') {
            m.line++;
            m.column = 0;
        } else if ((c & 0xC0) != 0x80) {
            m.column++;
        }
    }
    fclose(fp);
    return m;
}

static int next(rd *r)
{
    if (r->have) {
        yaml_event_delete(&r->ev);
        r->have = 0;
    }
    if (!yaml_parser_parse(&r->p, &r->ev)) {
        yaml_mark_t m = r->p.problem_mark;
        if (r->p.error == YAML_READER_ERROR)
            m = mark_of_offset(r->name, r->p.problem_offset);
        else if (!m.line && !m.column)
            m = r->p.context_mark;
        if (r->p.error == YAML_MEMORY_ERROR)
            return oom(r);
        return fail_at(r, m, EG_EINPUT, "YAML error: %s%s%s",
                       r->p.problem ? r->p.problem : "malformed document",
                       r->p.context ? " " : "", r->p.context ? r->p.context : "");
    }
    r->have = 1;
    if (r->ev.type == YAML_ALIAS_EVENT)
        return fail_at(r, r->ev.start_mark, EG_EINPUT, "an alias (*%s): a summary has none",
                       r->ev.data.alias.anchor);
    return 0;
}

static const char *field(const rd *r)
{
    return r->key.data ? r->key.data : "the document";
}

static int expect(rd *r, yaml_event_type_t t, const char *what)
{
    if (r->ev.type == t)
        return 0;
    return fail_at(r, r->ev.start_mark, EG_EINPUT, "expected %s for '%s'", what, field(r));
}

/* In a mapping, after a value: steps to the next key. Returns 1 with the
 * key in r->key and its value's first event current, 0 at the end of the
 * mapping, -1 on error. */
static int key(rd *r)
{
    if (next(r) != 0)
        return -1;
    if (r->ev.type == YAML_MAPPING_END_EVENT)
        return 0;
    if (r->ev.type != YAML_SCALAR_EVENT)
        return fail_at(r, r->ev.start_mark, EG_EINPUT, "expected a key in '%s'", field(r));
    eg_buf_clear(&r->key);
    if (eg_buf_append(&r->key, r->ev.data.scalar.value, r->ev.data.scalar.length) != 0)
        return oom(r); /* NUL-terminated by eg_buf_append */
    return next(r) == 0 ? 1 : -1;
}

/* In a sequence: steps to the next item. Returns 1 with its first event
 * current, 0 at the end of the sequence, -1 on error. */
static int item(rd *r)
{
    if (next(r) != 0)
        return -1;
    return r->ev.type == YAML_SEQUENCE_END_EVENT ? 0 : 1;
}

static int is_key(const rd *r, const char *k)
{
    return strcmp(r->key.data, k) == 0;
}

/* A summary nests a few levels; libyaml's scanner costs every open level
 * for each token, so thousands of them would take minutes: a value
 * deeper than this is an error, at its first level too many (the JSON
 * Lines reader stops at the same depth). */
#define SUMMARY_MAX_DEPTH 64

/* Skips the value that starts at the current event. */
static int skip(rd *r)
{
    int depth = 0;
    for (;;) {
        switch (r->ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > SUMMARY_MAX_DEPTH)
                return fail_at(r, r->ev.start_mark, EG_EINPUT,
                               "'%s' is nested deeper than %d levels", field(r),
                               SUMMARY_MAX_DEPTH);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        if (depth == 0)
            return 0;
        if (next(r) != 0)
            return -1;
    }
}

/* A clean one-line copy of s[0..n) (see summary.h); caller frees. */
static char *clean_dup(rd *r, const char *s, size_t n)
{
    eg_buf_clear(&r->tmp);
    if (eg_buf_append_clean(&r->tmp, s, n) != 0)
        return NULL;
    return eg_strndup(r->tmp.data, r->tmp.len);
}

static int str(rd *r, char **out)
{
    if (expect(r, YAML_SCALAR_EVENT, "a string") != 0)
        return -1;
    char *s = clean_dup(r, (const char *)r->ev.data.scalar.value, r->ev.data.scalar.length);
    if (!s)
        return oom(r);
    free(*out);
    *out = s;
    return 0;
}

static int plain_scalar(rd *r, const char *what)
{
    if (r->ev.type != YAML_SCALAR_EVENT || (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
                                            r->ev.data.scalar.style != YAML_ANY_SCALAR_STYLE))
        return fail_at(r, r->ev.start_mark, EG_EINPUT, "expected %s for '%s'", what, field(r));
    return 0;
}

static int uint_val(rd *r, uint64_t *out)
{
    if (plain_scalar(r, "a whole number") != 0)
        return -1;
    const char *v = (const char *)r->ev.data.scalar.value;
    size_t n = r->ev.data.scalar.length;
    int ok = n > 0 && n <= 20 && strspn(v, "0123456789") == n;
    if (ok) {
        errno = 0;
        *out = strtoull(v, NULL, 10);
        ok = errno == 0;
    }
    if (!ok)
        return fail_at(r, r->ev.start_mark, EG_EINPUT,
                       "expected a whole number for '%s', not '%.40s'", field(r), v);
    return 0;
}

/* A number; null (how the writer spells NaN) and YAML's .nan are NaN. */
static int num_val(rd *r, double *out)
{
    if (plain_scalar(r, "a number") != 0)
        return -1;
    const char *v = (const char *)r->ev.data.scalar.value;
    size_t n = r->ev.data.scalar.length;
    if (n == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
        strcmp(v, "NULL") == 0 || strcmp(v, ".nan") == 0 || strcmp(v, ".NaN") == 0 ||
        strcmp(v, ".NAN") == 0) {
        *out = NAN;
        return 0;
    }
    if (strcmp(v, ".inf") == 0 || strcmp(v, "+.inf") == 0 || strcmp(v, "-.inf") == 0) {
        *out = v[0] == '-' ? -INFINITY : INFINITY;
        return 0;
    }
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    /* strtod also takes hex, "inf" and "nan": a YAML number starts with
     * a sign, a digit or a point and has no letters but an exponent */
    if (strspn(v, "+-0123456789.eE") != n || end != v + n || errno == ERANGE)
        return fail_at(r, r->ev.start_mark, EG_EINPUT, "expected a number for '%s', not '%.40s'",
                       field(r), v);
    *out = d;
    return 0;
}

static int forms(rd *r, eg_sum_entity *e)
{
    if (expect(r, YAML_MAPPING_START_EVENT, "a mapping of surface forms to counts") != 0)
        return -1;
    size_t cap = 0;
    int k;
    while ((k = key(r)) == 1) {
        if (EG_GROW(e->forms, cap, e->nforms) != 0)
            return oom(r);
        eg_sum_form *f = &e->forms[e->nforms];
        f->form = clean_dup(r, r->key.data, r->key.len);
        if (!f->form)
            return oom(r);
        e->nforms++;
        if (uint_val(r, &f->count) != 0)
            return -1;
    }
    return k;
}

static int links(rd *r, eg_sum_entity *e)
{
    if (expect(r, YAML_SEQUENCE_START_EVENT, "a list of relations") != 0)
        return -1;
    size_t cap = 0;
    int it;
    while ((it = item(r)) == 1) {
        if (expect(r, YAML_MAPPING_START_EVENT, "a relation {id, label, weight}") != 0)
            return -1;
        if (EG_GROW(e->links, cap, e->nlinks) != 0)
            return oom(r);
        yaml_mark_t at = r->ev.start_mark;
        eg_sum_link *l = &e->links[e->nlinks++];
        memset(l, 0, sizeof *l);
        l->weight = NAN;
        int k, rc = 0;
        while (rc == 0 && (k = key(r)) == 1) {
            if (is_key(r, "id"))
                rc = str(r, &l->id);
            else if (is_key(r, "label"))
                rc = str(r, &l->label);
            else if (is_key(r, "weight"))
                rc = num_val(r, &l->weight);
            else
                rc = skip(r);
        }
        if (rc != 0 || k < 0)
            return -1;
        if (!l->id)
            return fail_at(r, at, EG_EINPUT, "a relation of entity '%s' without 'id'",
                           e->id ? e->id : "?");
        if (!l->label && !(l->label = eg_strndup(l->id, strlen(l->id))))
            return oom(r);
    }
    return it;
}

static void entity_free(eg_sum_entity *e)
{
    free(e->id);
    free(e->label);
    free(e->type);
    free(e->wikidata);
    free(e->kind);
    for (size_t i = 0; i < e->nforms; i++)
        free(e->forms[i].form);
    free(e->forms);
    for (size_t i = 0; i < e->nlinks; i++) {
        free(e->links[i].id);
        free(e->links[i].label);
    }
    free(e->links);
}

static int entity(rd *r)
{
    eg_summary *s = r->s;
    if (expect(r, YAML_MAPPING_START_EVENT, "an entity (a mapping with id, label, type, ...)") != 0)
        return -1;
    if (EG_GROW(s->ent, s->ent_cap, s->nent) != 0)
        return oom(r);
    yaml_mark_t at = r->ev.start_mark;
    eg_sum_entity *e = &s->ent[s->nent++]; /* counted at once: freed with the summary */
    memset(e, 0, sizeof *e);
    e->degree = e->strength = e->pagerank = e->betweenness = NAN;
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        if (is_key(r, "id"))
            rc = str(r, &e->id);
        else if (is_key(r, "label"))
            rc = str(r, &e->label);
        else if (is_key(r, "type"))
            rc = str(r, &e->type);
        else if (is_key(r, "wikidata"))
            rc = str(r, &e->wikidata);
        else if (is_key(r, "kind"))
            rc = str(r, &e->kind);
        else if (is_key(r, "discovered")) {
            char *b = NULL;
            if ((rc = str(r, &b)) == 0)
                e->discovered = strcmp(b, "true") == 0;
            free(b);
        }
        else if (is_key(r, "mentions"))
            rc = uint_val(r, &e->mentions);
        else if (is_key(r, "demonym_mentions"))
            rc = uint_val(r, &e->demonym_mentions);
        else if (is_key(r, "documents"))
            rc = uint_val(r, &e->documents);
        else if (is_key(r, "community"))
            rc = uint_val(r, &e->community);
        else if (is_key(r, "degree"))
            rc = num_val(r, &e->degree);
        else if (is_key(r, "strength"))
            rc = num_val(r, &e->strength);
        else if (is_key(r, "pagerank"))
            rc = num_val(r, &e->pagerank);
        else if (is_key(r, "betweenness"))
            rc = num_val(r, &e->betweenness);
        else if (is_key(r, "surface_forms"))
            rc = forms(r, e);
        else if (is_key(r, "relations"))
            rc = links(r, e);
        else
            rc = skip(r);
    }
    if (rc != 0 || k < 0)
        return -1;
    const char *missing = !e->id ? "id" : !e->label ? "label" : !e->type ? "type" : NULL;
    if (missing)
        return fail_at(r, at, EG_EINPUT, "an entity without '%s'", missing);
    uint32_t was;
    int put = eg_strmap_put(&s->ids, e->id, strlen(e->id), (uint32_t)(s->nent - 1), &was);
    if (put < 0)
        return oom(r);
    if (put == 0)
        return fail_at(r, at, EG_EINPUT, "entity '%s' is listed twice", e->id);
    return 0;
}

static int passage(rd *r, eg_sum_relation *rl)
{
    if (expect(r, YAML_MAPPING_START_EVENT, "a passage {doc, start, end, text}") != 0)
        return -1;
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        if (is_key(r, "doc"))
            rc = str(r, &rl->ev_doc);
        else if (is_key(r, "text"))
            rc = str(r, &rl->ev_text);
        else if (is_key(r, "start"))
            rc = uint_val(r, &rl->ev_start);
        else if (is_key(r, "end"))
            rc = uint_val(r, &rl->ev_end);
        else
            rc = skip(r);
    }
    return rc != 0 ? -1 : k;
}

/* evidence: one passage, or a list of them of which the first is kept. */
static int evidence(rd *r, eg_sum_relation *rl)
{
    if (r->ev.type != YAML_SEQUENCE_START_EVENT)
        return passage(r, rl);
    int it, first = 1;
    while ((it = item(r)) == 1) {
        if ((first ? passage(r, rl) : skip(r)) != 0)
            return -1;
        first = 0;
    }
    return it;
}

/* The key of the pair a-b in s->pairs: the smaller id, NUL, the other. */
static int pair_key(eg_buf *b, const char *a, const char *x)
{
    if (strcmp(a, x) > 0) {
        const char *t = a;
        a = x;
        x = t;
    }
    eg_buf_clear(b);
    return eg_buf_append(b, a, strlen(a) + 1) == 0 && eg_buf_append(b, x, strlen(x)) == 0 ? 0
                                                                                         : -1;
}

static int relation(rd *r)
{
    eg_summary *s = r->s;
    if (expect(r, YAML_MAPPING_START_EVENT, "a relation (a mapping with source, target, ...)") != 0)
        return -1;
    if (EG_GROW(s->rel, s->rel_cap, s->nrel) != 0)
        return oom(r);
    yaml_mark_t at = r->ev.start_mark;
    eg_sum_relation *rl = &s->rel[s->nrel++];
    memset(rl, 0, sizeof *rl);
    rl->weight = NAN;
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        if (is_key(r, "source"))
            rc = str(r, &rl->source);
        else if (is_key(r, "target"))
            rc = str(r, &rl->target);
        else if (is_key(r, "weight"))
            rc = num_val(r, &rl->weight);
        else if (is_key(r, "count"))
            rc = uint_val(r, &rl->count);
        else if (is_key(r, "documents"))
            rc = uint_val(r, &rl->documents);
        else if (is_key(r, "evidence"))
            rc = evidence(r, rl);
        else
            rc = skip(r);
    }
    if (rc != 0 || k < 0)
        return -1;
    if (!rl->source || !rl->target)
        return fail_at(r, at, EG_EINPUT, "a relation without '%s'",
                       rl->source ? "target" : "source");
    if (pair_key(&r->tmp, rl->source, rl->target) != 0 ||
        eg_strmap_put(&s->pairs, r->tmp.data, r->tmp.len, (uint32_t)(s->nrel - 1), NULL) < 0)
        return oom(r); /* a pair listed twice keeps its first (strongest) entry */
    return 0;
}

static int community(rd *r)
{
    eg_summary *s = r->s;
    if (expect(r, YAML_MAPPING_START_EVENT, "a community (a mapping with id, size, members)") != 0)
        return -1;
    if (EG_GROW(s->comm, s->comm_cap, s->ncomm) != 0)
        return oom(r);
    eg_sum_community *c = &s->comm[s->ncomm++];
    memset(c, 0, sizeof *c);
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        if (is_key(r, "id")) {
            rc = uint_val(r, &c->id);
        } else if (is_key(r, "size")) {
            rc = uint_val(r, &c->size);
        } else if (is_key(r, "members")) {
            if (expect(r, YAML_SEQUENCE_START_EVENT, "a list of entity ids") != 0)
                return -1;
            size_t cap = 0;
            int it;
            while ((it = item(r)) == 1) {
                if (EG_GROW(c->members, cap, c->nmembers) != 0)
                    return oom(r);
                c->members[c->nmembers] = NULL;
                c->nmembers++;
                if (str(r, &c->members[c->nmembers - 1]) != 0)
                    return -1;
            }
            rc = it < 0 ? -1 : 0;
        } else {
            rc = skip(r);
        }
    }
    return rc != 0 ? -1 : k;
}

/* A sequence whose items each is read by fn. */
static int list(rd *r, int (*fn)(rd *))
{
    if (expect(r, YAML_SEQUENCE_START_EVENT, "a list") != 0)
        return -1;
    int it;
    while ((it = item(r)) == 1)
        if (fn(r) != 0)
            return -1;
    return it;
}

/* A mapping of counts: the keys named in names[] go to vals[], the rest
 * are skipped. */
static int counts(rd *r, const char *const *names, uint64_t *const *vals)
{
    if (expect(r, YAML_MAPPING_START_EVENT, "a mapping") != 0)
        return -1;
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        size_t i = 0;
        while (names[i] && !is_key(r, names[i]))
            i++;
        rc = names[i] ? uint_val(r, vals[i]) : skip(r);
    }
    return rc != 0 ? -1 : k;
}

static int root(rd *r)
{
    eg_summary *s = r->s;
    static const char *const corpus_keys[] = {"documents", "mentions", NULL};
    static const char *const graph_keys[] = {"nodes", "edges", "communities", NULL};
    uint64_t *const corpus_vals[] = {&s->documents, &s->mentions};
    uint64_t *const graph_vals[] = {&s->nodes, &s->edges, &s->ncommunity};
    int seen_entities = 0;
    if (next(r) != 0 || expect(r, YAML_STREAM_START_EVENT, "a YAML stream") != 0 || next(r) != 0)
        return -1;
    if (r->ev.type != YAML_DOCUMENT_START_EVENT)
        return fail_at(r, r->ev.start_mark, EG_EINPUT,
                       "empty: not an entigraph summary (run `entigraph build` to make one)");
    if (next(r) != 0)
        return -1;
    if (r->ev.type != YAML_MAPPING_START_EVENT)
        return fail_at(r, r->ev.start_mark, EG_EINPUT,
                       "not an entigraph summary: expected a mapping with entities, relations "
                       "and communities");
    yaml_mark_t start = r->ev.start_mark;
    int k, rc = 0;
    while (rc == 0 && (k = key(r)) == 1) {
        if (is_key(r, "generator")) {
            rc = str(r, &s->generator);
        } else if (is_key(r, "corpus")) {
            rc = counts(r, corpus_keys, corpus_vals);
        } else if (is_key(r, "graph")) {
            rc = counts(r, graph_keys, graph_vals);
        } else if (is_key(r, "entities")) {
            seen_entities = 1;
            rc = list(r, entity);
        } else if (is_key(r, "relations")) {
            rc = list(r, relation);
        } else if (is_key(r, "communities")) {
            rc = list(r, community);
        } else {
            rc = skip(r);
        }
    }
    if (rc != 0 || k < 0)
        return -1;
    if (!seen_entities)
        return fail_at(r, start, EG_EINPUT, "not an entigraph summary: no 'entities' list");
    if (next(r) != 0 || expect(r, YAML_DOCUMENT_END_EVENT, "the end of the document") != 0 ||
        next(r) != 0)
        return -1;
    if (r->ev.type != YAML_STREAM_END_EVENT)
        return fail_at(r, r->ev.start_mark, EG_EINPUT,
                       "a second YAML document: a summary is one document");
    return 0;
}

eg_status eg_summary_load(const char *path, eg_summary **out, eg_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_add(err, EG_EIO, "%s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(fp);
        return eg_error_add(err, EG_EIO, "%s: is a directory, not a summary file", path);
    }
    eg_summary *s = calloc(1, sizeof *s);
    rd r;
    memset(&r, 0, sizeof r);
    if (!s || !yaml_parser_initialize(&r.p)) {
        free(s);
        fclose(fp);
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
    }
    eg_strmap_init(&s->ids);
    eg_strmap_init(&s->pairs);
    r.name = path;
    r.err = err;
    r.s = s;
    yaml_parser_set_input_file(&r.p, fp);
    int rc = root(&r);
    if (rc == 0 && ferror(fp)) {
        eg_error_add(err, EG_EIO, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    if (r.have)
        yaml_event_delete(&r.ev);
    yaml_parser_delete(&r.p);
    eg_buf_free(&r.key);
    eg_buf_free(&r.tmp);
    fclose(fp);
    if (rc != 0) {
        eg_summary_free(s);
        return err->status != EG_OK ? err->status : EG_EINPUT;
    }
    *out = s;
    return EG_OK;
}

void eg_summary_free(eg_summary *s)
{
    if (!s)
        return;
    free(s->generator);
    for (size_t i = 0; i < s->nent; i++)
        entity_free(&s->ent[i]);
    free(s->ent);
    for (size_t i = 0; i < s->nrel; i++) {
        eg_sum_relation *rl = &s->rel[i];
        free(rl->source);
        free(rl->target);
        free(rl->ev_doc);
        free(rl->ev_text);
    }
    free(s->rel);
    for (size_t i = 0; i < s->ncomm; i++) {
        for (size_t j = 0; j < s->comm[i].nmembers; j++)
            free(s->comm[i].members[j]);
        free(s->comm[i].members);
    }
    free(s->comm);
    eg_strmap_free(&s->ids);
    eg_strmap_free(&s->pairs);
    free(s);
}

long eg_summary_find(const eg_summary *s, const char *id)
{
    uint32_t v;
    return eg_strmap_get(&s->ids, id, strlen(id), &v) ? (long)v : -1;
}

long eg_summary_relation(const eg_summary *s, const char *a, const char *b)
{
    eg_buf k = EG_BUF_INIT;
    uint32_t v;
    long r = -1;
    if (pair_key(&k, a, b) == 0 && eg_strmap_get(&s->pairs, k.data, k.len, &v))
        r = (long)v;
    eg_buf_free(&k);
    return r;
}
