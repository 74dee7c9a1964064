/*
 * gazetteer.c - load and validate entity lists with libyaml.
 *
 * The YAML is read with libyaml's document API so that every node keeps
 * its position: each problem is reported as "file:line:col: message" and
 * the loader goes on to find the others, so a user fixes a file in one
 * round. A file that has any problem contributes nothing (entities are
 * only committed after the whole file checked out).
 *
 * libyaml is most of the load time of a large list, so a file of a
 * megabyte or more that loads cleanly is compiled into a cache beside it
 * (see "the compiled cache" below).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "gazetteer.h"
#include "text.h"
#include "util/atomic.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/image.h"


eg_gazetteer *eg_gazetteer_new(void)
{
    eg_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    eg_strmap_init(&g->ids);
    eg_strmap_init(&g->common);
    return g;
}

static void entity_free(eg_entity *e)
{
    free(e->id);
    free(e->label);
    free(e->wikidata);
    free(e->kind);
    free(e->country);
}

void eg_gazetteer_free(eg_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nent; i++)
        if (!g->borrowed || g->ent[i].discovered)
            entity_free(&g->ent[i]);
    for (size_t i = 0; i < g->nalias && !g->borrowed; i++)
        free(g->alias[i].text);
    for (size_t i = 0; i < g->nfiles && (!g->borrowed || g->own_files); i++)
        free(g->files[i]);
    free(g->ent);
    free(g->alias);
    free(g->files);
    eg_strmap_free(&g->ids);
    eg_strmap_free(&g->common);
    free(g);
}

int eg_gazetteer_adopt(eg_gazetteer *g, eg_entity *ents, size_t n)
{
    if (n == 0)
        return 0;
    if (g->nent + n > g->ent_cap) {
        eg_entity *e = realloc(g->ent, (g->nent + n) * sizeof *e);
        if (!e)
            return -1;
        g->ent = e;
        g->ent_cap = g->nent + n;
    }
    memcpy(g->ent + g->nent, ents, n * sizeof *ents);
    g->nent += n;
    return 0;
}

long eg_gazetteer_find(const eg_gazetteer *g, const char *id)
{
    uint32_t v;
    if (eg_strmap_get(&g->ids, id, strlen(id), &v))
        return (long)v;
    return -1;
}

/* ---- one file ---- */

typedef struct {
    eg_gazetteer *g;
    const char *file;
    yaml_document_t *doc;
    eg_error *err;
    unsigned problems;
} loader;

static void problem(loader *ld, const yaml_node_t *n, const char *fmt, const char *a,
                    const char *b)
{
    char msg[600];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    eg_error_add(ld->err, EG_EINPUT, "%s:%lu:%lu: %s", ld->file,
                 n ? (unsigned long)n->start_mark.line + 1 : 1UL,
                 n ? (unsigned long)n->start_mark.column + 1 : 1UL, msg);
    ld->problems++;
}

/* C0 and C1 controls, DEL and the noncharacters U+FFFE/U+FFFF have no
 * place in a name, and igraph refuses to write some of them to GraphML.
 * libyaml has already checked that the scalar is valid UTF-8. */
static int has_control(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return 1;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return 1;
        if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            return 1;
    }
    return 0;
}

/* Returns the scalar's text (NUL-terminated, owned by the document) or
 * NULL after reporting a problem. */
static const char *scalar(loader *ld, const yaml_node_t *n, const char *field)
{
    if (n->type != YAML_SCALAR_NODE) {
        problem(ld, n, "'%s' must be a single value, not a list or mapping", field, NULL);
        return NULL;
    }
    const char *v = (const char *)n->data.scalar.value;
    if (strlen(v) != n->data.scalar.length) {
        problem(ld, n, "'%s' contains a NUL character", field, NULL);
        return NULL;
    }
    if (n->data.scalar.length > EG_FIELD_MAX) {
        problem(ld, n, "'%s' is longer than 1000 bytes", field, NULL);
        return NULL;
    }
    if (has_control(v)) {
        problem(ld, n, "'%s' contains a control character", field, NULL);
        return NULL;
    }
    return v;
}

static int valid_id(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int valid_wikidata(const char *s)
{
    if (s[0] != 'Q' || s[1] < '1' || s[1] > '9')
        return 0;
    for (s += 2; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Aliases must contain at least one word once normalised. */
static int has_words(const char *s)
{
    return eg_text_has_word(s, strlen(s));
}

typedef struct {
    const char *id, *label, *wikidata, *kind, *country;
    const yaml_node_t *id_node, *label_node, *type_node, *country_node;
    eg_type type;
    int has_type, has_prior;
    double prior;
    const yaml_node_t *aliases, *demonyms;
} fields;

static void read_list(loader *ld, const yaml_node_t *n, const char *field,
                      const yaml_node_t **out)
{
    if (n->type != YAML_SEQUENCE_NODE) {
        problem(ld, n, "'%s' must be a list, e.g. [%s]", field,
                strcmp(field, "demonyms") == 0 ? "Russian, Russians" : "Putin, Vladimir V. Putin");
        return;
    }
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        yaml_node_t *a = yaml_document_get_node(ld->doc, *it);
        const char *v = scalar(ld, a, field);
        if (!v)
            continue;
        if (!*v)
            problem(ld, a, "empty entry in '%s'", field, NULL);
        else if (!has_words(v))
            problem(ld, a, "'%s' entry \"%s\" has no letters or digits", field, v);
    }
    *out = n;
}

/* The fields of an entity; the compiled cache is keyed on this list too,
 * so that a loader that learns a field does not trust older caches. */
static const char *const known[] = {"id",       "label", "type", "aliases", "demonyms",
                                    "wikidata", "prior", "kind", "country", NULL};

static void read_fields(loader *ld, const yaml_node_t *n, fields *f)
{
    memset(f, 0, sizeof *f);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
        const char *key = scalar(ld, k, "key");
        if (!key)
            continue;
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = yaml_document_get_node(ld->doc, q->key);
            if (k2->type == YAML_SCALAR_NODE && strcmp((char *)k2->data.scalar.value, key) == 0) {
                problem(ld, k, "duplicate field '%s'", key, NULL);
                break;
            }
        }
        if (strcmp(key, "id") == 0) {
            f->id_node = v;
            if ((f->id = scalar(ld, v, "id")) && !valid_id(f->id)) {
                problem(ld, v,
                        "id '%s' must be lower-case letters, digits, '-', '_' or '.', "
                        "starting with a letter or digit%s",
                        f->id, NULL);
                f->id = NULL;
            }
        } else if (strcmp(key, "label") == 0) {
            f->label_node = v;
            if ((f->label = scalar(ld, v, "label")) && !has_words(f->label)) {
                problem(ld, v, "label \"%s\" has no letters or digits%s", f->label, NULL);
                f->label = NULL;
            }
        } else if (strcmp(key, "type") == 0) {
            f->type_node = v;
            const char *t = scalar(ld, v, "type");
            if (t) {
                if (eg_type_parse(t, strlen(t), &f->type) == 0)
                    f->has_type = 1;
                else
                    problem(ld, v,
                            "unknown type '%s' (expected person, country, organization or "
                            "place)%s",
                            t, NULL);
            }
        } else if (strcmp(key, "aliases") == 0) {
            read_list(ld, v, "aliases", &f->aliases);
        } else if (strcmp(key, "demonyms") == 0) {
            read_list(ld, v, "demonyms", &f->demonyms);
        } else if (strcmp(key, "wikidata") == 0) {
            if ((f->wikidata = scalar(ld, v, "wikidata")) && !valid_wikidata(f->wikidata)) {
                problem(ld, v, "wikidata '%s' is not an item id like Q7747%s", f->wikidata,
                        NULL);
                f->wikidata = NULL;
            }
        } else if (strcmp(key, "prior") == 0) {
            const char *s = scalar(ld, v, "prior");
            if (s) {
                char *end;
                errno = 0;
                double d = strtod(s, &end);
                if (!*s || *end || errno || !isfinite(d) || d < 0)
                    problem(ld, v, "prior '%s' must be a number >= 0%s", s, NULL);
                else {
                    f->prior = d;
                    f->has_prior = 1;
                }
            }
        } else if (strcmp(key, "kind") == 0) {
            if ((f->kind = scalar(ld, v, "kind")) && !valid_id(f->kind)) {
                problem(ld, v, "kind '%s' must be a lower-case word such as media%s", f->kind,
                        NULL);
                f->kind = NULL;
            }
        } else if (strcmp(key, "country") == 0) {
            f->country_node = v;
            if ((f->country = scalar(ld, v, "country")) && !valid_id(f->country)) {
                problem(ld, v, "country '%s' is not an entity id%s", f->country, NULL);
                f->country = NULL;
            }
        } else {
            int ok = 0;
            for (const char *const *kk = known; *kk; kk++)
                ok |= strcmp(*kk, key) == 0;
            if (!ok)
                problem(ld, k,
                        "unknown field '%s' (expected id, label, type, aliases, demonyms, "
                        "wikidata, prior, kind, country)%s",
                        key, NULL);
        }
    }
}

static eg_status oom(loader *ld)
{
    return eg_error_add(ld->err, EG_ENOMEM, "%s: out of memory", ld->file);
}

static eg_status add_alias(loader *ld, uint32_t ent, const char *text, uint32_t flags,
                           const yaml_node_t *n)
{
    eg_gazetteer *g = ld->g;
    if (EG_GROW(g->alias, g->alias_cap, g->nalias) != 0)
        return oom(ld);
    eg_alias *a = &g->alias[g->nalias];
    a->text = eg_strndup(text, strlen(text));
    if (!a->text)
        return oom(ld);
    a->entity = ent;
    a->flags = flags;
    a->file = ld->file;
    a->line = (uint32_t)n->start_mark.line + 1;
    a->col = (uint32_t)n->start_mark.column + 1;
    g->nalias++;
    return EG_OK;
}

static eg_status add_list(loader *ld, uint32_t ent, const yaml_node_t *list, uint32_t flags)
{
    if (!list)
        return EG_OK;
    for (yaml_node_item_t *it = list->data.sequence.items.start;
         it < list->data.sequence.items.top; it++) {
        yaml_node_t *a = yaml_document_get_node(ld->doc, *it);
        EG_CHECK(add_alias(ld, ent, (const char *)a->data.scalar.value, flags, a));
    }
    return EG_OK;
}

static char *dup_or_null(const char *s, int *fail)
{
    if (!s)
        return NULL;
    char *p = eg_strndup(s, strlen(s));
    if (!p)
        *fail = 1;
    return p;
}

static eg_status add_entity(loader *ld, const yaml_node_t *n, const fields *f)
{
    eg_gazetteer *g = ld->g;
    if (g->nent >= UINT32_MAX - 1)
        return eg_error_add(ld->err, EG_ENOMEM, "%s: too many entities", ld->file);
    uint32_t idx = (uint32_t)g->nent, got;
    int r = eg_strmap_put(&g->ids, f->id, strlen(f->id), idx, &got);
    if (r < 0)
        return oom(ld);
    if (r == 0) {
        const eg_entity *o = &g->ent[got];
        char where[600];
        snprintf(where, sizeof where, "%s:%u", o->file, o->line);
        problem(ld, f->id_node, "duplicate id '%s' (first defined at %s)", f->id, where);
        return EG_OK;
    }
    if (EG_GROW(g->ent, g->ent_cap, g->nent) != 0)
        return oom(ld);
    eg_entity *e = &g->ent[g->nent++];
    memset(e, 0, sizeof *e);
    int fail = 0;
    e->id = dup_or_null(f->id, &fail);
    e->label = dup_or_null(f->label, &fail);
    e->wikidata = dup_or_null(f->wikidata, &fail);
    e->kind = dup_or_null(f->kind, &fail);
    e->country = dup_or_null(f->country, &fail);
    if (fail)
        return oom(ld);
    e->type = f->type;
    e->has_prior = f->has_prior;
    e->prior = f->prior;
    e->file = ld->file;
    e->line = (uint32_t)n->start_mark.line + 1;
    EG_CHECK(add_alias(ld, idx, f->label, EG_ALIAS_LABEL, f->label_node));
    EG_CHECK(add_list(ld, idx, f->aliases, 0));
    return add_list(ld, idx, f->demonyms, EG_ALIAS_DEMONYM);
}

static eg_status load_entry(loader *ld, const yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE) {
        problem(ld, n, "an entity must be a mapping with id, label and type%s%s", NULL, NULL);
        return EG_OK;
    }
    fields f;
    unsigned before = ld->problems;
    read_fields(ld, n, &f);
    if (!f.id && !f.id_node)
        problem(ld, n, "entity has no 'id'%s%s", NULL, NULL);
    if (!f.label && before == ld->problems)
        problem(ld, n, "entity '%s' has no 'label'%s", f.id ? f.id : "?", NULL);
    if (!f.has_type && !f.type_node)
        problem(ld, n, "entity '%s' has no 'type'%s", f.id ? f.id : "?", NULL);
    if (f.demonyms && f.has_type && f.type != EG_COUNTRY)
        problem(ld, f.demonyms, "'demonyms' are for countries, but '%s' is a %s", f.id,
                eg_type_name(f.type));
    if (ld->problems != before || !f.id || !f.label || !f.has_type)
        return EG_OK;
    return add_entity(ld, n, &f);
}

static const char *intern_file(eg_gazetteer *g, const char *name)
{
    for (size_t i = 0; i < g->nfiles; i++)
        if (strcmp(g->files[i], name) == 0)
            return g->files[i];
    if (EG_GROW(g->files, g->files_cap, g->nfiles) != 0)
        return NULL;
    char *p = eg_strndup(name, strlen(name));
    if (p)
        g->files[g->nfiles++] = p;
    return p;
}

/* Drops what a failed file added, so the gazetteer stays consistent. */
static void rollback(eg_gazetteer *g, size_t nent, size_t nalias)
{
    for (size_t i = nalias; i < g->nalias; i++)
        free(g->alias[i].text);
    g->nalias = nalias;
    /* the id index is rebuilt even when no entity was added: an id may have
     * been indexed before its entity could be stored */
    for (size_t i = nent; i < g->nent; i++)
        entity_free(&g->ent[i]);
    g->nent = nent;
    /* rebuild the id index without the dropped entities */
    eg_strmap_free(&g->ids);
    eg_strmap_init(&g->ids);
    for (size_t i = 0; i < nent; i++)
        (void)eg_strmap_put(&g->ids, g->ent[i].id, strlen(g->ent[i].id), (uint32_t)i, NULL);
}

/* ---- the YAML document, composed with a depth limit ----
 *
 * libyaml's yaml_parser_load composes a document from the parser's
 * events, but its scanner looks at every open flow level for every token,
 * so a file of N nested '[' costs N squared (200 KB: 47 s). The document
 * is composed here from the same events into the same nodes, marks,
 * anchors and aliases (an alias is its anchor's node, not a copy: a
 * billion laughs stay a few nodes), and a collection opened deeper than
 * YAML_MAX_DEPTH stops the file at once. An entry needs three levels. */

#define YAML_MAX_DEPTH 64

/* Reports the parser's error as "file:line:col: YAML error: ...". */
static eg_status parse_error(yaml_parser_t *parser, const char *name, eg_error *err)
{
    if (parser->error == YAML_MEMORY_ERROR)
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    const yaml_mark_t *m = parser->problem_mark.line || parser->problem_mark.column
                               ? &parser->problem_mark
                               : &parser->context_mark;
    return eg_error_add(err, EG_EINPUT, "%s:%lu:%lu: YAML error: %s%s%s", name,
                        (unsigned long)m->line + 1, (unsigned long)m->column + 1,
                        parser->problem ? parser->problem : "malformed document",
                        parser->context ? " " : "", parser->context ? parser->context : "");
}

static eg_status compose_error(const yaml_event_t *ev, const char *name, eg_error *err,
                               const char *what, const char *arg)
{
    return eg_error_add(err, EG_EINPUT, "%s:%lu:%lu: YAML %s%s", name,
                        (unsigned long)ev->start_mark.line + 1,
                        (unsigned long)ev->start_mark.column + 1, what, arg ? arg : "");
}

/* The anchor of a node event, NULL when it has none. */
static const char *event_anchor(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return (const char *)ev->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT:
        return (const char *)ev->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT:
        return (const char *)ev->data.mapping_start.anchor;
    default:
        return NULL;
    }
}

/* Composes the next document of the stream into doc (the stream's start
 * is read first when *started is 0). EG_OK with a document whose root is
 * NULL at the end of the stream; otherwise the error is reported and doc
 * holds nothing to delete. */
static eg_status compose(yaml_parser_t *parser, int *started, yaml_document_t *doc,
                         const char *name, eg_error *err)
{
    memset(doc, 0, sizeof *doc);
    yaml_event_t ev;
    if (!*started) {
        if (!yaml_parser_parse(parser, &ev))
            return parse_error(parser, name, err);
        yaml_event_delete(&ev); /* the stream's start */
        *started = 1;
    }
    if (!yaml_parser_parse(parser, &ev))
        return parse_error(parser, name, err);
    if (ev.type != YAML_DOCUMENT_START_EVENT) { /* the stream's end */
        yaml_event_delete(&ev);
        return EG_OK;
    }
    int ok = yaml_document_initialize(doc, NULL, NULL, NULL,
                                      ev.data.document_start.implicit, 1);
    doc->start_mark = ev.start_mark;
    yaml_event_delete(&ev);
    if (!ok) {
        memset(doc, 0, sizeof *doc);
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    }
    int open[YAML_MAX_DEPTH], key[YAML_MAX_DEPTH];
    yaml_node_type_t kind[YAML_MAX_DEPTH];
    int depth = 0;
    eg_strmap anchors; /* name -> node id */
    eg_strmap_init(&anchors);
    eg_status st = EG_OK;
    while (st == EG_OK) {
        if (!yaml_parser_parse(parser, &ev)) {
            st = parse_error(parser, name, err);
            break;
        }
        int node = 0, push = 0;
        switch (ev.type) {
        case YAML_DOCUMENT_END_EVENT:
            doc->end_mark = ev.end_mark;
            doc->end_implicit = ev.data.document_end.implicit;
            yaml_event_delete(&ev);
            goto done;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                doc->nodes.start[open[--depth] - 1].end_mark = ev.end_mark;
            yaml_event_delete(&ev);
            continue;
        case YAML_ALIAS_EVENT: {
            const char *a = (const char *)ev.data.alias.anchor;
            uint32_t id = 0;
            if (!eg_strmap_get(&anchors, a, strlen(a), &id))
                st = compose_error(&ev, name, err, "error: found undefined alias *", a);
            node = (int)id;
            break;
        }
        case YAML_SCALAR_EVENT:
            node = yaml_document_add_scalar(doc, NULL, ev.data.scalar.value,
                                            (int)ev.data.scalar.length, ev.data.scalar.style);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth == YAML_MAX_DEPTH) {
                char lim[32];
                snprintf(lim, sizeof lim, "%d levels", YAML_MAX_DEPTH);
                st = compose_error(&ev, name, err, "nested deeper than ", lim);
                break;
            }
            push = 1;
            node = ev.type == YAML_SEQUENCE_START_EVENT
                       ? yaml_document_add_sequence(doc, NULL, ev.data.sequence_start.style)
                       : yaml_document_add_mapping(doc, NULL, ev.data.mapping_start.style);
            break;
        default:
            yaml_event_delete(&ev);
            continue;
        }
        if (st == EG_OK && !node)
            st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
        if (st == EG_OK && ev.type != YAML_ALIAS_EVENT) {
            yaml_node_t *n = &doc->nodes.start[node - 1];
            n->start_mark = ev.start_mark;
            n->end_mark = ev.end_mark;
            const char *a = event_anchor(&ev);
            uint32_t first = 0;
            int r = a ? eg_strmap_put(&anchors, a, strlen(a), (uint32_t)node, &first) : 1;
            if (r < 0) {
                st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
            } else if (r == 0) {
                char what[64];
                snprintf(what, sizeof what, " (first on line %lu)",
                         (unsigned long)doc->nodes.start[first - 1].start_mark.line + 1);
                st = eg_error_add(err, EG_EINPUT,
                                  "%s:%lu:%lu: YAML error: found duplicate anchor &%s%s", name,
                                  (unsigned long)ev.start_mark.line + 1,
                                  (unsigned long)ev.start_mark.column + 1, a, what);
            }
        }
        /* into the open collection: an item, a key, or the key's value */
        if (st == EG_OK && depth > 0) {
            int d = depth - 1, r;
            if (kind[d] == YAML_SEQUENCE_NODE) {
                r = yaml_document_append_sequence_item(doc, open[d], node);
            } else if (!key[d]) {
                key[d] = node;
                r = 1;
            } else {
                r = yaml_document_append_mapping_pair(doc, open[d], key[d], node);
                key[d] = 0;
            }
            if (!r)
                st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
        }
        if (st == EG_OK && push) {
            open[depth] = node;
            key[depth] = 0;
            kind[depth++] =
                ev.type == YAML_SEQUENCE_START_EVENT ? YAML_SEQUENCE_NODE : YAML_MAPPING_NODE;
        }
        yaml_event_delete(&ev);
    }
done:
    eg_strmap_free(&anchors);
    if (st != EG_OK) {
        yaml_document_delete(doc);
        memset(doc, 0, sizeof *doc);
    }
    return st;
}

eg_status eg_gazetteer_load_buffer(eg_gazetteer *g, const char *name, const char *data,
                                   size_t len, eg_error *err)
{
    loader ld = {0};
    ld.g = g;
    ld.err = err;
    ld.file = intern_file(g, name);
    if (!ld.file)
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    size_t nent = g->nent, nalias = g->nalias;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        return eg_error_add(err, EG_ENOMEM, "%s: cannot initialise the YAML parser", name);
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    eg_status st = EG_OK;
    int started = 0;
    for (;;) {
        yaml_document_t doc;
        eg_status cs = compose(&parser, &started, &doc, name, err);
        if (cs != EG_OK) {
            if (cs == EG_ENOMEM)
                st = cs;
            ld.problems++;
            break;
        }
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (!root) {
            yaml_document_delete(&doc);
            break;
        }
        ld.doc = &doc;
        if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0) {
            /* an empty document ("---" alone) holds no entities */
        } else if (root->type != YAML_SEQUENCE_NODE) {
            problem(&ld, root, "expected a list of entities (lines starting with '- id:')%s%s",
                    NULL, NULL);
        } else {
            for (yaml_node_item_t *it = root->data.sequence.items.start;
                 it < root->data.sequence.items.top && st == EG_OK; it++)
                st = load_entry(&ld, yaml_document_get_node(&doc, *it));
        }
        yaml_document_delete(&doc);
        if (st != EG_OK)
            break;
    }
    yaml_parser_delete(&parser);
    if (st == EG_OK && ld.problems)
        st = EG_EINPUT;
    if (st != EG_OK)
        rollback(g, nent, nalias);
    return st;
}

/* ---- the compiled cache of a large file ----
 *
 * libyaml reads about 25 MB/s, so a list of every GeoNames city (13 MB)
 * costs half a second each run. After a file of CACHE_MIN bytes or more
 * loads without any problem, what it added (entities and aliases with
 * their positions) is written next to it as ".NAME.cache", atomically;
 * later loads of the same bytes take it from there. The cache is keyed
 * on the length and a 64-bit hash of the file's bytes, on CACHE_VERSION
 * and on the list of known fields, and checked by a hash of its own
 * payload and bounds on every read, so a stale, truncated or corrupt
 * cache is never used: the YAML is parsed instead (and the cache
 * rewritten). Replaying it goes through the same steps as the YAML path
 * (ids indexed in order, aliases in order); a duplicate id against an
 * earlier file makes the loader parse the YAML, which reports it where
 * it is. A cache that cannot be written (a read-only directory) is
 * simply not written. Bump CACHE_VERSION whenever the loader changes what
 * it keeps of an entry or which entries it accepts.
 *
 * The hash keys the cache to its file; it is no signature, and a cache
 * replayed is believed. So, as for the tagger's image, only a regular
 * file of this user's or root's that group and others cannot write is
 * read (a FIFO is not waited on); any other is ignored and replaced.
 * The image does not make this cache redundant: it serves tag and build
 * with a cache directory, keyed on every source at once, while this one
 * serves each file wherever it is loaded: gazetteer check, lookup and
 * stats, readers of counts, runs without a cache directory, and the run
 * that compiles an image. */

#define CACHE_MIN ((size_t)1 << 20)
#define CACHE_VERSION 1u
static const char cache_magic[8] = {'e', 'g', 'g', 'a', 'z', 'c', '\n', '\0'};

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t endian; /* 0x01020304 as written: a cache from another byte order is ignored */
    uint64_t schema; /* hash of the known fields */
    uint64_t src_len, src_hash;
    uint64_t payload_len, payload_hash;
} cache_header;

static uint64_t cache_schema(void)
{
    eg_buf b = EG_BUF_INIT;
    uint64_t h = 0;
    for (const char *const *k = known; *k; k++)
        if (eg_buf_append(&b, *k, strlen(*k) + 1) != 0)
            h = 1; /* out of memory: a key no cache has */
    if (!h)
        h = eg_hash(b.data ? b.data : "", b.len) ^ CACHE_VERSION;
    eg_buf_free(&b);
    return h;
}

/* ".NAME.cache" in the directory of path; NULL when out of memory. */
static char *cache_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    eg_buf b = EG_BUF_INIT;
    if (eg_buf_printf(&b, "%.*s.%s.cache", (int)dir, path, path + dir) != 0) {
        eg_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static int put_u32(eg_buf *b, uint32_t v)
{
    return eg_buf_append(b, &v, sizeof v);
}

/* A string as its length + 1 and its bytes; 0 for NULL. */
static int put_str(eg_buf *b, const char *s)
{
    if (!s)
        return put_u32(b, 0);
    size_t n = strlen(s);
    return put_u32(b, (uint32_t)n + 1) || eg_buf_append(b, s, n);
}

/* Writes what the file added to g, entities from nent and aliases from
 * nalias on. Best effort: any failure leaves no cache behind. */
static void cache_write(const eg_gazetteer *g, const char *path, const eg_buf *src, size_t nent,
                        size_t nalias)
{
    char *cpath = cache_path(path);
    eg_buf p = EG_BUF_INIT;
    int fail = !cpath || put_u32(&p, (uint32_t)(g->nent - nent)) ||
               put_u32(&p, (uint32_t)(g->nalias - nalias));
    for (size_t i = nent; i < g->nent && !fail; i++) {
        const eg_entity *e = &g->ent[i];
        unsigned char tp[2] = {(unsigned char)e->type, (unsigned char)(e->has_prior != 0)};
        fail = put_u32(&p, e->line) || eg_buf_append(&p, tp, 2) ||
               eg_buf_append(&p, &e->prior, sizeof e->prior) || put_str(&p, e->id) ||
               put_str(&p, e->label) || put_str(&p, e->wikidata) || put_str(&p, e->kind) ||
               put_str(&p, e->country);
    }
    for (size_t i = nalias; i < g->nalias && !fail; i++) {
        const eg_alias *a = &g->alias[i];
        fail = put_u32(&p, (uint32_t)(a->entity - nent)) || put_u32(&p, a->flags) ||
               put_u32(&p, a->line) || put_u32(&p, a->col) || put_str(&p, a->text);
    }
    if (!fail) {
        cache_header h;
        memcpy(h.magic, cache_magic, sizeof h.magic);
        h.version = CACHE_VERSION;
        h.endian = 0x01020304;
        h.schema = cache_schema();
        h.src_len = src->len;
        h.src_hash = eg_hash(src->data, src->len);
        h.payload_len = p.len;
        h.payload_hash = eg_hash(p.data, p.len);
        eg_error e;
        eg_error_init(&e);
        eg_atomic af;
        if (eg_atomic_open(&af, cpath, &e) == EG_OK) {
            if (fwrite(&h, sizeof h, 1, af.fp) == 1 && fwrite(p.data, 1, p.len, af.fp) == p.len &&
                eg_atomic_finish(&af, &e) == EG_OK) {
                /* writable by its owner only, whatever the umask or the
                 * mode of the file it replaces: cache_load trusts no other */
                mode_t mask = umask(0);
                umask(mask);
                if (chmod(af.tmp, 0644 & ~mask) == 0)
                    (void)eg_atomic_rename(&af, &e);
                else
                    eg_atomic_abort(&af);
            } else if (af.tmp) {
                eg_atomic_abort(&af);
            }
        }
    }
    eg_buf_free(&p);
    free(cpath);
}

typedef struct {
    const unsigned char *p, *end;
    int bad;
} cursor;

static uint32_t get_u32(cursor *c)
{
    uint32_t v = 0;
    if ((size_t)(c->end - c->p) < sizeof v) {
        c->bad = 1;
        return 0;
    }
    memcpy(&v, c->p, sizeof v);
    c->p += sizeof v;
    return v;
}

/* A copy of the next string (NULL for an absent one, or on a bad cache:
 * see c->bad); *fail is set when out of memory. */
static char *get_str(cursor *c, int *fail)
{
    uint32_t n = get_u32(c);
    if (c->bad || n == 0)
        return NULL;
    n--;
    if (n > EG_FIELD_MAX || (size_t)(c->end - c->p) < n || memchr(c->p, '\0', n)) {
        c->bad = 1;
        return NULL;
    }
    char *s = eg_strndup((const char *)c->p, n);
    if (!s)
        *fail = 1;
    c->p += n;
    return s;
}

/* Loads the cache of the file whose bytes are src, as the YAML would have
 * loaded. Returns 1 with *st set when it did, 0 when there is no usable
 * cache (g is then as it was). */
static int cache_load(eg_gazetteer *g, const char *path, const eg_buf *src, eg_status *st,
                      eg_error *err)
{
    char *cpath = cache_path(path);
    eg_buf b = EG_BUF_INIT;
    eg_error e;
    eg_error_init(&e);
    int used = 0;
    cache_header h;
    if (!cpath ||
        eg_read_file(AT_FDCWD, cpath, cpath, EG_OPEN_TRUSTED, 2 * EG_GAZETTEER_MAX, &b, &e) !=
            EG_OK ||
        b.len < sizeof h)
        goto out;
    memcpy(&h, b.data, sizeof h);
    if (memcmp(h.magic, cache_magic, sizeof h.magic) != 0 || h.version != CACHE_VERSION ||
        h.endian != 0x01020304 || h.schema != cache_schema() || h.src_len != src->len ||
        h.payload_len != b.len - sizeof h || h.src_hash != eg_hash(src->data, src->len) ||
        h.payload_hash != eg_hash(b.data + sizeof h, b.len - sizeof h))
        goto out;
    const char *file = intern_file(g, path);
    if (!file) {
        *st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
        used = 1;
        goto out;
    }
    cursor c = {(const unsigned char *)b.data + sizeof h, (const unsigned char *)b.data + b.len, 0};
    size_t nent = g->nent, nalias = g->nalias;
    uint32_t ne = get_u32(&c), na = get_u32(&c);
    int fail = 0, dup = 0;
    for (uint32_t i = 0; i < ne && !c.bad && !fail && !dup; i++) {
        if (EG_GROW(g->ent, g->ent_cap, g->nent) != 0) {
            fail = 1;
            break;
        }
        eg_entity *en = &g->ent[g->nent];
        memset(en, 0, sizeof *en);
        en->line = get_u32(&c);
        if ((size_t)(c.end - c.p) < 2 + sizeof en->prior) {
            c.bad = 1;
            break;
        }
        en->type = (eg_type)c.p[0];
        en->has_prior = c.p[1];
        memcpy(&en->prior, c.p + 2, sizeof en->prior);
        c.p += 2 + sizeof en->prior;
        en->id = get_str(&c, &fail);
        en->label = get_str(&c, &fail);
        en->wikidata = get_str(&c, &fail);
        en->kind = get_str(&c, &fail);
        en->country = get_str(&c, &fail);
        en->file = file;
        g->nent++; /* even when incomplete, so that the rollback frees it */
        if (c.bad || fail)
            break;
        if (!en->id || !en->label || (unsigned)en->type >= EG_NTYPES || en->has_prior > 1 ||
            !isfinite(en->prior) || en->prior < 0) {
            c.bad = 1;
            break;
        }
        int r = eg_strmap_put(&g->ids, en->id, strlen(en->id), (uint32_t)(g->nent - 1), NULL);
        if (r < 0)
            fail = 1;
        else if (r == 0)
            dup = 1; /* the YAML path reports it */
    }
    for (uint32_t i = 0; i < na && !c.bad && !fail && !dup; i++) {
        if (EG_GROW(g->alias, g->alias_cap, g->nalias) != 0) {
            fail = 1;
            break;
        }
        eg_alias *a = &g->alias[g->nalias];
        uint32_t rel = get_u32(&c);
        a->flags = get_u32(&c);
        a->line = get_u32(&c);
        a->col = get_u32(&c);
        a->text = get_str(&c, &fail);
        a->entity = (uint32_t)nent + rel;
        a->file = file;
        if (!a->text) {
            c.bad |= !fail;
            break;
        }
        g->nalias++;
        if (rel >= ne || (a->flags & ~(uint32_t)(EG_ALIAS_LABEL | EG_ALIAS_DEMONYM)))
            c.bad = 1;
    }
    if (!c.bad && !fail && !dup && c.p == c.end) {
        *st = EG_OK;
        used = 1;
        goto out;
    }
    rollback(g, nent, nalias);
    if (fail) {
        *st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
        used = 1;
    }
out:
    eg_buf_free(&b);
    free(cpath);
    return used;
}

/* ---- what was read: a key of the files' names and bytes ---- */

/* Folds a field into a key: its hash, and a step that keeps order. */
static uint64_t fold(uint64_t h, const void *p, size_t n)
{
    h = (h ^ eg_hash(p, n)) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

/* A file read: its canonical name (the same file is the same however it
 * is spelled or reached: ./x.yaml, x.yaml from elsewhere, a link), and
 * its bytes. */
static uint64_t fold_file(uint64_t h, const char *path, const eg_buf *b)
{
    char *real = realpath(path, NULL); /* NULL for a pipe: its name then */
    const char *name = real ? real : path;
    h = fold(h, name, strlen(name) + 1);
    free(real);
    return fold(h, b->data ? b->data : "", b->len);
}

/* Folds in where a file stands among the names a load has met: messages
 * name files as spelled, so two spellings of one file (read twice) are
 * two names, and their key is not that of one name read twice. */
static uint64_t fold_seen(uint64_t h, const char *const *names, size_t n, const char *path)
{
    uint64_t i = 0;
    while (i < n && strcmp(names[i], path) != 0)
        i++;
    return fold(h, &i, sizeof i);
}

/* The gazetteer files and the word list in one key (never 0). */
static uint64_t combine(uint64_t files, uint64_t words)
{
    return fold(files, &words, sizeof words) | 1;
}

uint64_t eg_gazetteer_key(const eg_gazetteer *g)
{
    return combine(g->files_key, g->words_key);
}

static int yaml_name(const char *n)
{
    size_t l = strlen(n);
    return ((l > 5 && strcmp(n + l - 5, ".yaml") == 0) ||
                           (l > 4 && strcmp(n + l - 4, ".yml") == 0));
}

/* Loads one file; listed: found in a directory, so it must be a regular
 * file (a FIFO named *.yaml would hang the load; -g /dev/stdin is read). */
static eg_status load_file(eg_gazetteer *g, const char *path, int listed, eg_error *err)
{
    eg_buf b = EG_BUF_INIT;
    eg_status st = eg_read_file(AT_FDCWD, path, path, listed ? EG_OPEN_REGULAR : 0,
                                EG_GAZETTEER_MAX, &b, err);
    if (st == EG_OK)
        g->files_key = fold_file(
            fold_seen(g->files_key, (const char *const *)g->files, g->nfiles, path), path, &b);
    struct stat sb;
    int cacheable = st == EG_OK && b.len >= CACHE_MIN && stat(path, &sb) == 0 &&
                    S_ISREG(sb.st_mode);
    if (cacheable && cache_load(g, path, &b, &st, err)) {
        eg_buf_free(&b);
        return st;
    }
    size_t nent = g->nent, nalias = g->nalias;
    if (st == EG_OK)
        st = eg_gazetteer_load_buffer(g, path, b.data, b.len, err);
    if (st == EG_OK && cacheable)
        cache_write(g, path, &b, nent, nalias);
    eg_buf_free(&b);
    return st;
}

/* Calls fn on each file a source names: the file itself (listed 0), or
 * a directory's *.yaml and *.yml files in sorted order (as "DIR/NAME",
 * listed 1). Goes on after a failing file, so that every file's problems
 * are reported; returns the first failure. */
static eg_status each_file(const char *path,
                           eg_status (*fn)(void *, const char *, int listed, eg_error *),
                           void *ud, eg_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return eg_error_add(err, EG_EIO, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return fn(ud, path, 0, err);
    char **names;
    size_t n;
    EG_CHECK(eg_list_dir(path, yaml_name, &names, NULL, &n, err));
    eg_status worst = EG_OK;
    if (n == 0)
        worst = eg_error_add(err, EG_EINPUT, "%s: no *.yaml gazetteer files in this directory",
                             path);
    size_t pl = strlen(path);
    int slash = pl > 0 && path[pl - 1] == '/';
    for (size_t i = 0; i < n && worst != EG_ENOMEM; i++) {
        eg_buf p = EG_BUF_INIT;
        if (eg_buf_printf(&p, "%s%s%s", path, slash ? "" : "/", names[i]) != 0) {
            worst = eg_error_add(err, EG_ENOMEM, "out of memory");
        } else {
            eg_status s = fn(ud, p.data, 1, err);
            if (s != EG_OK && worst == EG_OK)
                worst = s;
        }
        eg_buf_free(&p);
    }
    eg_free_names(names, n);
    return worst;
}

static eg_status load_one(void *g, const char *path, int listed, eg_error *err)
{
    return load_file(g, path, listed, err);
}

eg_status eg_gazetteer_load(eg_gazetteer *g, const char *path, eg_error *err)
{
    return each_file(path, load_one, g, err);
}

eg_status eg_gazetteer_finish(eg_gazetteer *g, eg_error *err)
{
    eg_status st = EG_OK;
    for (size_t i = 0; i < g->nent; i++) {
        const eg_entity *e = &g->ent[i];
        if (!e->country)
            continue;
        long c = eg_gazetteer_find(g, e->country);
        if (c < 0)
            st = eg_error_add(err, EG_EINPUT, "%s:%u:1: entity '%s': country '%s' is not defined",
                              e->file, e->line, e->id, e->country);
        else if (g->ent[c].type != EG_COUNTRY)
            st = eg_error_add(err, EG_EINPUT,
                              "%s:%u:1: entity '%s': country '%s' is a %s, not a country",
                              e->file, e->line, e->id, e->country, eg_type_name(g->ent[c].type));
    }
    return st;
}

eg_status eg_gazetteer_load_wordlist(eg_gazetteer *g, const char *path, eg_error *err)
{
    eg_buf b = EG_BUF_INIT;
    eg_error e;
    eg_error_init(&e);
    /* bounded, and a line too long for a word stops the reading there:
     * /dev/zero fails after 4 KiB, not 2 GiB */
    eg_status st = eg_read_text(path, path, EG_WORDLIST_MAX, EG_WORDLIST_LINE_MAX, &b, &e);
    if (st != EG_OK) {
        eg_buf_free(&b);
        if (st != EG_EINPUT)
            return eg_error_add(err, st, "word list %s", e.msg);
        eg_error_add(err, st, "%s", e.msg);
        return eg_error_add(err, st,
                            "%s: not a word list (one word a line, lines of at most %d bytes, "
                            "%zu MiB in all)",
                            path, EG_WORDLIST_LINE_MAX, EG_WORDLIST_MAX >> 20);
    }
    g->words_key = fold_file(0, path, &b);
    for (const char *p = b.data, *end = b.data + b.len; p && p < end && st == EG_OK;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        size_t n = strcspn(p, "\r\n");
        /* longer than any word (255 bytes or more), or with a NUL byte:
         * no word */
        int lower = n > 0 && n < 255 && !memchr(p, '\0', (size_t)(eol - p));
        for (size_t i = 0; i < n && lower; i++)
            lower = p[i] >= 'a' && p[i] <= 'z';
        /* only plain lower-case words: "china" marks China, "Chad" does not */
        if (lower && eg_strmap_put(&g->common, p, n, 1, NULL) < 0)
            st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
        p = eol + 1;
    }
    eg_buf_free(&b);
    return st;
}

/* ---- the loaded gazetteer in an image ---- */

typedef struct {
    uint64_t h;
    eg_buf data;
    char **names; /* each file's name, once, in the order of loading */
    size_t n, cap;
} source_key;

static eg_status key_file(void *ud, const char *path, int listed, eg_error *err)
{
    source_key *k = ud;
    EG_CHECK(eg_read_file(AT_FDCWD, path, path, listed ? EG_OPEN_REGULAR : 0, EG_GAZETTEER_MAX,
                          &k->data, err));
    k->h = fold_seen(k->h, (const char *const *)k->names, k->n, path);
    size_t i = 0;
    while (i < k->n && strcmp(k->names[i], path) != 0)
        i++;
    if (i == k->n) {
        char *name = eg_strndup(path, strlen(path));
        if (!name || EG_GROW(k->names, k->cap, k->n) != 0) {
            free(name);
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        }
        k->names[k->n++] = name;
    }
    k->h = fold_file(k->h, path, &k->data);
    return EG_OK;
}

uint64_t eg_gazetteer_sources(const char *const *paths, size_t n, const char *wordlist,
                              char ***names, size_t *nnames)
{
    /* the key is of the files read, whichever sources named them */
    source_key files = {0, EG_BUF_INIT, NULL, 0, 0};
    eg_buf words = EG_BUF_INIT;
    uint64_t wh = 0;
    eg_error err;
    eg_error_init(&err);
    eg_status st = EG_OK;
    for (size_t i = 0; i < n && st == EG_OK; i++)
        st = each_file(paths[i], key_file, &files, &err);
    if (st == EG_OK && wordlist) {
        st = eg_read_all(wordlist, NULL, 0, &words, &err);
        wh = fold_file(0, wordlist, &words);
    }
    eg_buf_free(&files.data);
    eg_buf_free(&words);
    if (st == EG_OK && names) {
        *names = files.names;
        *nnames = files.n;
    } else {
        for (size_t i = 0; files.names && i < files.n; i++)
            free(files.names[i]);
        free(files.names);
    }
    return st == EG_OK ? combine(files.h, wh) : 0;
}

uint64_t eg_gazetteer_sources_key(const char *const *paths, size_t n, const char *wordlist)
{
    return eg_gazetteer_sources(paths, n, wordlist, NULL, NULL);
}

/* What an image holds of an entity and an alias: strings as offsets in
 * one block (0: none; the block starts with a NUL), files as indexes. */
typedef struct {
    double prior;
    uint32_t id, label, wikidata, kind, country;
    uint32_t file, line, type, has_prior, unused; /* no padding to write */
} ent_rec;

typedef struct {
    uint32_t entity, flags, text, file, line, col;
} alias_rec;

static uint32_t put_string(eg_buf *b, const char *s, int *fail)
{
    if (!s)
        return 0;
    size_t at = b->len;
    if (at > UINT32_MAX - strlen(s) - 1 || eg_buf_append(b, s, strlen(s) + 1) != 0) {
        *fail = 1;
        return 0;
    }
    return (uint32_t)at;
}

static uint32_t file_index(const eg_gazetteer *g, const char *file)
{
    for (size_t i = 0; i < g->nfiles; i++)
        if (g->files[i] == file)
            return (uint32_t)i;
    return 0; /* every entity and alias names one of g->files */
}

int eg_gazetteer_save(const eg_gazetteer *g, eg_imgw *w)
{
    eg_buf str = EG_BUF_INIT;
    ent_rec *er = calloc(g->nent ? g->nent : 1, sizeof *er);
    alias_rec *ar = calloc(g->nalias ? g->nalias : 1, sizeof *ar);
    uint32_t *fr = calloc(g->nfiles ? g->nfiles : 1, sizeof *fr);
    int fail = !er || !ar || !fr || eg_buf_putc(&str, '\0') != 0;
    for (size_t i = 0; i < g->nfiles && !fail; i++)
        fr[i] = put_string(&str, g->files[i], &fail);
    for (size_t i = 0; i < g->nent && !fail; i++) {
        const eg_entity *e = &g->ent[i];
        ent_rec *r = &er[i];
        r->prior = e->prior;
        r->id = put_string(&str, e->id, &fail);
        r->label = put_string(&str, e->label, &fail);
        r->wikidata = put_string(&str, e->wikidata, &fail);
        r->kind = put_string(&str, e->kind, &fail);
        r->country = put_string(&str, e->country, &fail);
        r->file = file_index(g, e->file);
        r->line = e->line;
        r->type = (uint32_t)e->type;
        r->has_prior = (uint32_t)e->has_prior;
    }
    for (size_t i = 0; i < g->nalias && !fail; i++) {
        const eg_alias *a = &g->alias[i];
        alias_rec *r = &ar[i];
        r->entity = a->entity;
        r->flags = a->flags;
        r->text = put_string(&str, a->text, &fail);
        r->file = file_index(g, a->file);
        r->line = a->line;
        r->col = a->col;
    }
    if (!fail) {
        uint64_t size[4] = {g->nent, g->nalias, g->nfiles, str.len};
        eg_imgw_put(w, size, sizeof size);
        eg_imgw_put(w, str.data, str.len);
        eg_imgw_put(w, fr, g->nfiles * sizeof *fr);
        eg_imgw_put(w, er, g->nent * sizeof *er);
        eg_imgw_put(w, ar, g->nalias * sizeof *ar);
        eg_strmap_save(&g->ids, w);
        eg_strmap_save(&g->common, w);
    }
    eg_buf_free(&str);
    free(er);
    free(ar);
    free(fr);
    return fail ? -1 : 0;
}

int eg_gazetteer_view(eg_image *im, eg_gazetteer **out)
{
    return eg_gazetteer_view_as(im, NULL, 0, out);
}

int eg_gazetteer_view_as(eg_image *im, const char *const *names, size_t nnames,
                         eg_gazetteer **out)
{
    eg_gazetteer *g = eg_gazetteer_new();
    if (!g)
        return -1;
    g->borrowed = 1;
    g->own_files = names != NULL;
    const uint64_t *size = eg_image_take(im, 4 * sizeof *size);
    const char *str = NULL;
    const uint32_t *fr = NULL;
    const ent_rec *er = NULL;
    const alias_rec *ar = NULL;
    if (size && size[0] < UINT32_MAX && size[1] < UINT32_MAX && size[2] < UINT32_MAX &&
        size[3] >= 1 && size[3] <= UINT32_MAX) {
        str = eg_image_take(im, (size_t)size[3]);
        fr = eg_image_array(im, size[2], sizeof *fr);
        er = eg_image_array(im, size[0], sizeof *er);
        ar = eg_image_array(im, size[1], sizeof *ar);
    }
    int ok = !im->bad && str && str[size[3] - 1] == '\0' &&
             (g->files = malloc((size[2] ? size[2] : 1) * sizeof *g->files)) &&
             (g->ent = malloc((size[0] ? size[0] : 1) * sizeof *g->ent)) &&
             (g->alias = malloc((size[1] ? size[1] : 1) * sizeof *g->alias));
#define STR(off) ((off) ? (char *)str + (off) : NULL)
    if (ok && names && nnames != size[2])
        ok = 0; /* not the files this image was made of */
    if (ok) {
        g->nfiles = g->files_cap = (size_t)size[2];
        for (size_t i = 0; i < g->nfiles; i++)
            g->files[i] = STR(fr[i]);
        /* the names as this run spells them, since its messages name
         * files: the image is shared by every spelling */
        for (size_t i = 0; names && i < g->nfiles; i++)
            if (!(g->files[i] = eg_strndup(names[i], strlen(names[i])))) {
                g->nfiles = i;
                ok = 0;
                break;
            }
    }
    if (ok) {
        g->nent = g->ent_cap = (size_t)size[0];
        for (size_t i = 0; i < g->nent; i++) {
            const ent_rec *r = &er[i];
            g->ent[i] = (eg_entity){STR(r->id),      STR(r->label),   STR(r->wikidata),
                                    STR(r->kind),    STR(r->country), (eg_type)r->type,
                                    (int)r->has_prior, r->prior,      g->files[r->file],
                                    r->line, 0};
        }
        g->nalias = g->alias_cap = (size_t)size[1];
        for (size_t i = 0; i < g->nalias; i++) {
            const alias_rec *r = &ar[i];
            g->alias[i] = (eg_alias){r->entity, r->flags, STR(r->text), g->files[r->file],
                                     r->line,   r->col};
        }
        ok = eg_strmap_view(&g->ids, im) == 0 && eg_strmap_view(&g->common, im) == 0;
    }
#undef STR
    if (!ok) {
        eg_gazetteer_free(g);
        return -1;
    }
    *out = g;
    return 0;
}

int eg_gazetteer_is_common(const eg_gazetteer *g, const char *norm, size_t len)
{
    uint32_t v;
    return eg_strmap_get(&g->common, norm, len, &v);
}
