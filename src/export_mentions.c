/*
 * export_mentions.c - mentions as TSV (doc sentence start end surface id
 * label type discovered) or JSON Lines (the same, with the rule that
 * decided each mention and a discovered name's evidence). Offsets are bytes into the original file,
 * end exclusive; sentences count from 1. Surfaces are cleaned (invalid
 * UTF-8 -> U+FFFD, tabs and line breaks -> space) so a row is one line.
 */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "util/buf.h"

int eg_write_mentions_header(FILE *fp, eg_mention_format fmt)
{
    if (fmt != EG_FMT_TSV)
        return 0;
    return fputs("doc\tsentence\tstart\tend\tsurface\tid\tlabel\ttype\tdiscovered\n", fp) < 0
               ? -1
               : 0;
}

static int json_str(eg_buf *b, const char *s)
{
    if (eg_buf_putc(b, '"') != 0)
        return -1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int rc;
        if (c == '"' || c == '\\')
            rc = eg_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            rc = eg_buf_printf(b, "\\u%04x", c);
        else
            rc = eg_buf_putc(b, (char)c);
        if (rc != 0)
            return -1;
    }
    return eg_buf_putc(b, '"');
}

/* A number in decimal, without printf: this runs for every mention. */
static int put_u32(eg_buf *b, uint32_t v)
{
    char d[10];
    int n = 0;
    do
        d[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (eg_buf_reserve(b, (size_t)n) != 0)
        return -1;
    while (n > 0)
        b->data[b->len++] = d[--n];
    b->data[b->len] = '\0';
    return 0;
}

/* TSV fields cannot hold tabs or line breaks; ids and labels from a
 * gazetteer could, in principle. */
static int tsv_field(eg_buf *b, const char *s)
{
    return eg_buf_append_clean(b, s, strlen(s));
}

/* Whether the mention's entity is a discovered one. */
static int is_discovered(const eg_entity *e, int amb)
{
    return !amb && e->discovered;
}

/* ,"evidence":["head","title"] for a discovered name. */
static int evidence(eg_buf *b, const eg_mention *m)
{
    if (m->rule != EG_RULE_DISCOVERED)
        return 0;
    char names[256];
    eg_evidence_names(m->evidence, names, sizeof names);
    if (eg_buf_append(b, ",\"evidence\":[", 13) != 0)
        return -1;
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, ",");
        if (eg_buf_printf(b, "%s\"%.*s\"", p == names ? "" : ",", (int)n, p) != 0)
            return -1;
        p += n + (p[n] == ',');
    }
    return eg_buf_putc(b, ']');
}

int eg_write_mentions(FILE *fp, eg_mention_format fmt, const eg_tagger *t, const eg_doc *doc,
                      const eg_mentions *ms)
{
    eg_buf line = EG_BUF_INIT, surf = EG_BUF_INIT, id = EG_BUF_INIT;
    int rc = 0;
    rc = tsv_field(&id, doc->id); /* file names need not be valid UTF-8 */
    for (size_t i = 0; i < ms->n && rc == 0; i++) {
        const eg_mention *m = &ms->m[i];
        const eg_entity *e = eg_tagger_entity(t, m->entity);
        int amb = !eg_mention_counts(m);
        eg_buf_clear(&line);
        eg_buf_clear(&surf);
        rc = eg_buf_append_clean(&surf, doc->data + m->start, m->end - m->start);
        if (rc != 0)
            break;
        if (fmt == EG_FMT_TSV) {
            rc = eg_buf_append(&line, id.data, id.len) || eg_buf_putc(&line, '\t') ||
                 put_u32(&line, m->sentence + 1) || eg_buf_putc(&line, '\t') ||
                 put_u32(&line, m->start) || eg_buf_putc(&line, '\t') ||
                 put_u32(&line, m->end) || eg_buf_putc(&line, '\t') ||
                 eg_buf_append(&line, surf.data, surf.len) || eg_buf_putc(&line, '\t');
            /* an ambiguous name is shown, with "?" for what is unknown */
            rc = rc ? rc : tsv_field(&line, amb ? "?" : e->id);
            rc = rc ? rc : eg_buf_putc(&line, '\t');
            rc = rc ? rc : tsv_field(&line, amb ? "?" : e->label);
            const char *type = amb ? "?" : eg_type_name(e->type);
            rc = rc ? rc
                    : eg_buf_putc(&line, '\t') || eg_buf_append(&line, type, strlen(type)) ||
                          eg_buf_putc(&line, '\t') ||
                          eg_buf_putc(&line, !is_discovered(e, amb) ? '0' : '1') ||
                          eg_buf_putc(&line, '\n');
        } else {
            rc = eg_buf_append(&line, "{\"doc\":", 7);
            rc = rc ? rc : json_str(&line, id.data);
            rc = rc ? rc
                    : eg_buf_printf(&line, ",\"sentence\":%u,\"start\":%u,\"end\":%u,\"surface\":",
                                    m->sentence + 1, m->start, m->end);
            rc = rc ? rc : json_str(&line, surf.data);
            rc = rc ? rc : eg_buf_append(&line, ",\"id\":", 6);
            rc = rc ? rc : (amb ? eg_buf_append(&line, "null", 4) : json_str(&line, e->id));
            rc = rc ? rc : eg_buf_append(&line, ",\"label\":", 9);
            rc = rc ? rc : (amb ? eg_buf_append(&line, "null", 4) : json_str(&line, e->label));
            rc = rc ? rc
                    : eg_buf_printf(&line,
                                    ",\"type\":%s%s%s,\"demonym\":%s,\"candidates\":%u,"
                                    "\"rule\":\"%s\",\"discovered\":%s",
                                    amb ? "" : "\"", amb ? "null" : eg_type_name(e->type),
                                    amb ? "" : "\"", m->demonym ? "true" : "false",
                                    m->ncand, eg_rule_name((eg_rule)m->rule),
                                    is_discovered(e, amb) ? "true" : "false");
            rc = rc ? rc : evidence(&line, m);
            rc = rc ? rc : eg_buf_append(&line, "}\n", 2);
        }
        if (rc == 0 && fwrite(line.data, 1, line.len, fp) != line.len)
            rc = -1;
    }
    eg_buf_free(&line);
    eg_buf_free(&surf);
    eg_buf_free(&id);
    return rc;
}
