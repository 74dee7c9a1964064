/*
 * jsonl.c - JSON Lines records parsed with libyaml's event parser.
 */
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>
#include <yaml.h>

#include "jsonl.h"

void eg_jsonl_rec_init(eg_jsonl_rec *r)
{
    memset(r, 0, sizeof *r);
}

void eg_jsonl_rec_free(eg_jsonl_rec *r)
{
    eg_buf_free(&r->id);
    eg_buf_free(&r->text);
    eg_buf_free(&r->date);
    eg_buf_free(&r->scratch);
}

static int hex4(const char *s, size_t n, unsigned *out)
{
    if (n < 4)
        return 0;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Copies s into out with invalid UTF-8 replaced and surrogate escapes
 * rewritten (see jsonl.h). Returns 0 or -1 (out of memory). */
static int prepare(eg_jsonl_rec *r, const char *s, size_t n)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    eg_buf *out = &r->scratch;
    eg_buf_clear(out);
    r->repaired = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' && i + 1 < n) {
            unsigned hi, lo;
            if (s[i + 1] == 'u' && hex4(s + i + 2, n - i - 2, &hi) && hi >= 0xD800 &&
                hi <= 0xDFFF) {
                if (hi <= 0xDBFF && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' &&
                    hex4(s + i + 8, n - i - 8, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    unsigned cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    if (eg_buf_printf(out, "\\U%08X", cp) != 0)
                        return -1;
                    i += 12;
                } else {
                    if (eg_buf_append(out, "\\uFFFD", 6) != 0)
                        return -1;
                    i += 6;
                }
                continue;
            }
            /* any other escape, \\ included, is copied whole */
            if (eg_buf_append(out, s + i, 2) != 0)
                return -1;
            i += 2;
            continue;
        }
        if (c < 0x80) {
            if (eg_buf_putc(out, (char)c) != 0)
                return -1;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) {
            r->repaired++;
            if (eg_buf_append(out, fffd, 3) != 0)
                return -1;
            i++;
        } else {
            if (eg_buf_append(out, s + i, (size_t)k) != 0)
                return -1;
            i += (size_t)k;
        }
    }
    return eg_buf_putc(out, '\0');
}

/* Copies a scalar; the value may hold NULs (\u0000), so len counts. */
static int set(eg_buf *b, const yaml_event_t *ev)
{
    eg_buf_clear(b);
    if (eg_buf_append(b, ev->data.scalar.value, ev->data.scalar.length) != 0 ||
        eg_buf_reserve(b, 0) != 0)
        return -1;
    b->data[b->len] = '\0';
    return 0;
}

typedef struct {
    yaml_parser_t p;
    const char *name;
    size_t line;
    eg_error *err;
} ctx;

static eg_status fail(ctx *x, const char *what)
{
    return eg_error_add(x->err, EG_EINPUT, "%s:%zu: not a JSON Lines record: %s", x->name,
                        x->line, what);
}

/* Next event; a parser error becomes a message with the column. */
static eg_status next(ctx *x, yaml_event_t *ev)
{
    if (yaml_parser_parse(&x->p, ev))
        return EG_OK;
    char what[256];
    snprintf(what, sizeof what, "%s at column %zu", x->p.problem ? x->p.problem : "syntax error",
             x->p.problem_mark.column + 1);
    return fail(x, what);
}

/* Skips the value whose first event is ev (a nested list or object). */
static eg_status skip_value(ctx *x, yaml_event_t *ev)
{
    int depth = 0;
    eg_status st = EG_OK;
    for (;;) {
        if (ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT)
            depth++;
        else if (ev->type == YAML_MAPPING_END_EVENT || ev->type == YAML_SEQUENCE_END_EVENT)
            depth--;
        yaml_event_delete(ev);
        if (depth <= 0)
            return EG_OK;
        if (depth > 64)
            return fail(x, "nested too deep");
        if ((st = next(x, ev)) != EG_OK)
            return st;
    }
}

static eg_status fields(ctx *x, eg_jsonl_rec *r)
{
    yaml_event_t ev;
    int has_text = 0;
    for (;;) {
        EG_CHECK(next(x, &ev));
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            yaml_event_delete(&ev);
            return fail(x, "a key is not a string");
        }
        char key[16] = "";
        if (ev.data.scalar.length < sizeof key)
            memcpy(key, ev.data.scalar.value, ev.data.scalar.length);
        yaml_event_delete(&ev);
        EG_CHECK(next(x, &ev));
        eg_buf *dst = NULL;
        int *flag = NULL, quoted_only = 1;
        if (strcmp(key, "text") == 0) {
            dst = &r->text;
            flag = &has_text;
        } else if (strcmp(key, "id") == 0) {
            dst = &r->id;
            flag = &r->has_id;
            quoted_only = 0; /* numbers are fine ids */
        } else if (strcmp(key, "date") == 0) {
            dst = &r->date;
            flag = &r->has_date;
        }
        if (!dst) {
            EG_CHECK(skip_value(x, &ev));
            continue;
        }
        int ok = ev.type == YAML_SCALAR_EVENT &&
                 (ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
                  ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                  (!quoted_only && ev.data.scalar.length > 0 &&
                   strspn((const char *)ev.data.scalar.value, "0123456789-+.eE") ==
                       ev.data.scalar.length));
        if (ok && *flag) {
            yaml_event_delete(&ev);
            char what[64];
            snprintf(what, sizeof what, "\"%s\" given twice", key);
            return fail(x, what);
        }
        if (!ok) {
            yaml_event_delete(&ev);
            char what[64];
            snprintf(what, sizeof what, "\"%s\" must be a %s", key,
                     quoted_only ? "string" : "string or a number");
            return fail(x, what);
        }
        int bad = set(dst, &ev);
        yaml_event_delete(&ev);
        if (bad)
            return eg_error_add(x->err, EG_ENOMEM, "%s:%zu: out of memory", x->name, x->line);
        *flag = 1;
    }
    if (!has_text)
        return fail(x, "no \"text\" field");
    return EG_OK;
}

eg_status eg_jsonl_parse(eg_jsonl_rec *r, const char *line, size_t len, const char *name,
                         size_t lineno, eg_error *err)
{
    r->has_id = r->has_date = 0;
    eg_buf_clear(&r->text);
    if (prepare(r, line, len) != 0)
        return eg_error_add(err, EG_ENOMEM, "%s:%zu: out of memory", name, lineno);
    ctx x = {.name = name, .line = lineno, .err = err};
    if (!yaml_parser_initialize(&x.p))
        return eg_error_add(err, EG_ENOMEM, "%s:%zu: out of memory", name, lineno);
    yaml_parser_set_input_string(&x.p, (const unsigned char *)r->scratch.data,
                                 r->scratch.len - 1);
    yaml_parser_set_encoding(&x.p, YAML_UTF8_ENCODING);
    /* stream start, document start, then the object */
    static const yaml_event_type_t want[] = {YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT,
                                             YAML_MAPPING_START_EVENT};
    eg_status st = EG_OK;
    yaml_event_t ev;
    for (size_t i = 0; i < sizeof want / sizeof *want && st == EG_OK; i++) {
        if ((st = next(&x, &ev)) != EG_OK)
            break;
        int ok = ev.type == want[i] &&
                 (want[i] != YAML_MAPPING_START_EVENT ||
                  ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
        yaml_event_delete(&ev);
        if (!ok)
            st = fail(&x, "a line must be one object {\"id\": ..., \"text\": ...}");
    }
    if (st == EG_OK)
        st = fields(&x, r);
    if (st == EG_OK && (st = next(&x, &ev)) == EG_OK) {
        if (ev.type != YAML_DOCUMENT_END_EVENT)
            st = fail(&x, "more than one object on the line");
        yaml_event_delete(&ev);
    }
    if (st == EG_OK && (st = next(&x, &ev)) == EG_OK) {
        if (ev.type != YAML_STREAM_END_EVENT)
            st = fail(&x, "more than one object on the line");
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&x.p);
    return st;
}
