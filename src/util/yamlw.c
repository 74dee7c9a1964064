/*
 * yamlw.c - libyaml emitter helpers shared by the YAML writers.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/yamlw.h"

static void emit(eg_yamlw *w, yaml_event_t *ev)
{
    if (w->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&w->em, ev))
        w->failed = 1;
}

static int write_fp(void *data, unsigned char *buffer, size_t size)
{
    eg_yamlw *w = data;
    if (fwrite(buffer, 1, size, w->fp) == size)
        return 1;
    w->write_errno = errno ? errno : EIO;
    return 0;
}

int eg_yamlw_open(eg_yamlw *w, FILE *fp)
{
    w->failed = 0;
    w->write_errno = 0;
    w->fp = fp;
    w->clean = (eg_buf)EG_BUF_INIT;
    if (!yaml_emitter_initialize(&w->em))
        return -1;
    yaml_emitter_set_output(&w->em, write_fp, w);
    yaml_emitter_set_unicode(&w->em, 1);
    yaml_emitter_set_width(&w->em, -1);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(w, &ev);
    return 0;
}

int eg_yamlw_close(eg_yamlw *w, const char **problem)
{
    yaml_event_t ev;
    yaml_stream_end_event_initialize(&ev);
    emit(w, &ev);
    int failed = w->failed || !yaml_emitter_flush(&w->em);
    static char why[256];
    if (w->write_errno)
        snprintf(why, sizeof why, "cannot write: %s", strerror(w->write_errno));
    else
        snprintf(why, sizeof why, "libyaml: %s", w->em.problem ? w->em.problem : "cannot write");
    if (problem)
        *problem = why;
    yaml_emitter_delete(&w->em);
    eg_buf_free(&w->clean);
    return failed ? -1 : 0;
}

void eg_yamlw_doc_start(eg_yamlw *w)
{
    yaml_event_t ev;
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(w, &ev);
}

void eg_yamlw_doc_end(eg_yamlw *w)
{
    yaml_event_t ev;
    yaml_document_end_event_initialize(&ev, 1);
    emit(w, &ev);
}

/* Plain scalars that YAML 1.1 or 1.2 would resolve to a non-string. */
static int needs_quotes(const char *s)
{
    static const char *const words[] = {"y", "n", "yes", "no", "true", "false", "on", "off",
                                        "null", "~", ".nan", ".inf", "-.inf", "+.inf", NULL};
    if (!*s)
        return 1;
    /* most strings (ids, labels, keys) start with a letter that begins
     * none of the words above, nor anything strtod reads (inf, nan) */
    if (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) && !strchr("yYnNtTfFoOiI", *s))
        return 0;
    for (const char *const *k = words; *k; k++)
        if (strcasecmp(s, *k) == 0)
            return 1;
    char *end;
    strtod(s, &end);
    if (*end == '\0')
        return 1;
    /* 1_000, 0x1F, 12:30 (sexagesimal) */
    if ((*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.')
        return strspn(s, "0123456789_:.+-xXabcdefABCDEFoO") == strlen(s);
    return 0;
}

/* Scalars come from file names and gazetteers, which need not be valid
 * UTF-8 (libyaml refuses such a scalar): invalid bytes become U+FFFD. */
void eg_yamlw_str(eg_yamlw *w, const char *s)
{
    if (w->failed)
        return;
    eg_buf *clean = &w->clean;
    eg_buf_clear(clean);
    if (eg_buf_append_clean(clean, s, strlen(s)) != 0 || eg_buf_reserve(clean, 1) != 0) {
        w->failed = 1;
        return;
    }
    clean->data[clean->len] = '\0';
    yaml_event_t ev;
    int q = needs_quotes(clean->data);
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)clean->data,
                                      (int)clean->len, !q, 1,
                                      q ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE))
        w->failed = 1;
    else
        emit(w, &ev);
}

void eg_yamlw_plain(eg_yamlw *w, const char *s)
{
    yaml_event_t ev;
    if (w->failed)
        return;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
                                      YAML_PLAIN_SCALAR_STYLE))
        w->failed = 1;
    else
        emit(w, &ev);
}

void eg_yamlw_num(eg_yamlw *w, const char *fmt, double v)
{
    char buf[64];
    if (isnan(v))
        snprintf(buf, sizeof buf, "null");
    else
        snprintf(buf, sizeof buf, fmt, v);
    eg_yamlw_plain(w, buf);
}

void eg_yamlw_uint(eg_yamlw *w, unsigned long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", v);
    eg_yamlw_plain(w, buf);
}

void eg_yamlw_map_start(eg_yamlw *w, int flow)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit(w, &ev);
}

void eg_yamlw_map_end(eg_yamlw *w)
{
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    emit(w, &ev);
}

void eg_yamlw_seq_start(eg_yamlw *w, int flow)
{
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit(w, &ev);
}

void eg_yamlw_seq_end(eg_yamlw *w)
{
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    emit(w, &ev);
}

void eg_yamlw_kstr(eg_yamlw *w, const char *k, const char *v)
{
    eg_yamlw_str(w, k);
    eg_yamlw_str(w, v);
}

void eg_yamlw_kuint(eg_yamlw *w, const char *k, unsigned long long v)
{
    eg_yamlw_str(w, k);
    eg_yamlw_uint(w, v);
}

void eg_yamlw_kbool(eg_yamlw *w, const char *k, int v)
{
    eg_yamlw_str(w, k);
    eg_yamlw_plain(w, v ? "true" : "false");
}

void eg_yamlw_knum(eg_yamlw *w, const char *k, double v)
{
    eg_yamlw_str(w, k);
    eg_yamlw_num(w, "%.6g", v);
}
