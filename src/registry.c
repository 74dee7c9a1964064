/*
 * registry.c - discovered entities across documents.
 *
 * A document's names (eg_found) are looked up by their normalised key;
 * new ones get the next index. Votes are counted per type over the
 * mentions, so that a name typed a person in one story and a place in
 * another ends up what most of its mentions say (ties: the lower type
 * number, so the result does not depend on the order of documents).
 */
#include <stdlib.h>
#include <string.h>

#include "registry.h"

void eg_registry_init(eg_registry *r, uint32_t base)
{
    memset(r, 0, sizeof *r);
    r->base = base;
    eg_strmap_init(&r->index);
}

void eg_registry_free(eg_registry *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->ent[i].id);
        free(r->ent[i].label);
    }
    free(r->ent);
    free(r->votes);
    eg_strmap_free(&r->index);
    memset(r, 0, sizeof *r);
}

/* "d:" and the key with spaces as '-'. NULL when out of memory. */
static char *make_id(const char *key, size_t len)
{
    char *id = malloc(len + 3);
    if (!id)
        return NULL;
    memcpy(id, "d:", 2);
    for (size_t i = 0; i < len; i++)
        id[2 + i] = key[i] == ' ' ? '-' : key[i];
    id[len + 2] = '\0';
    return id;
}

eg_type eg_registry_type(const uint64_t *v)
{
    int best = 0;
    for (int t = 1; t < EG_NTYPES; t++)
        if (v[t] > v[best])
            best = t;
    return (eg_type)best;
}

/* Whether label (len bytes) is a better label than cur: longer, or as
 * long and less in byte order. */
static int better(const char *label, size_t len, const char *cur)
{
    size_t cl = strlen(cur);
    if (len != cl)
        return len > cl;
    return memcmp(label, cur, len) < 0;
}

/* Adds an entity for key (len bytes), labelled label (llen bytes);
 * returns its index or -1 when out of memory. */
static long add_entity(eg_registry *r, const char *key, size_t len, const char *label,
                       size_t llen, eg_type type)
{
    uint32_t v;
    int put = eg_strmap_put(&r->index, key, len, (uint32_t)r->n, &v);
    if (put < 0)
        return -1;
    if (put == 0)
        return v < r->n ? (long)v : -1; /* -1: its entity could not be made */
    if (EG_GROW(r->ent, r->cap, r->n) != 0 || EG_GROW(r->votes, r->votes_cap, r->n) != 0)
        return -1;
    memset(r->votes[r->n], 0, sizeof r->votes[r->n]);
    eg_entity *e = &r->ent[r->n];
    memset(e, 0, sizeof *e);
    e->id = make_id(key, len);
    e->label = eg_strndup(label, llen);
    e->file = "";
    e->discovered = 1;
    e->type = type;
    if (!e->id || !e->label) {
        free(e->id);
        free(e->label);
        return -1;
    }
    r->nvotes = ++r->n;
    return (long)(r->n - 1);
}

static int relabel(eg_entity *e, const char *label, size_t len)
{
    if (!better(label, len, e->label))
        return 0;
    char *l = eg_strndup(label, len);
    if (!l)
        return -1;
    free(e->label);
    e->label = l;
    return 0;
}

long eg_registry_id(eg_registry *r, const char *id, const uint64_t *votes, const char *label)
{
    size_t n = strlen(id);
    if (n < 3 || memcmp(id, "d:", 2) != 0)
        return -1;
    char *key = eg_strndup(id + 2, n - 2);
    if (!key)
        return -2;
    for (char *p = key; *p; p++)
        if (*p == '-')
            *p = ' ';
    /* without a label yet (counts records before the D record), none:
     * any label is better, and adoption gives the key to one that never
     * gets one */
    uint32_t v;
    long e = eg_strmap_get(&r->index, key, n - 2, &v)
                 ? (long)v
                 : add_entity(r, key, n - 2, label ? label : "", label ? strlen(label) : 0,
                              EG_PERSON);
    free(key);
    if (e < 0)
        return -2;
    if (label && relabel(&r->ent[e], label, strlen(label)) != 0)
        return -2;
    if (votes) {
        for (int t = 0; t < EG_NTYPES; t++)
            r->votes[e][t] += votes[t];
        r->ent[e].type = eg_registry_type(r->votes[e]);
    }
    return (long)r->base + e;
}

/* The entity of name n of f, created if new; -1 when out of memory. */
static long entity_of(eg_registry *r, const eg_found *f, const eg_found_name *n)
{
    const char *label = f->pool.data + n->label;
    long e = add_entity(r, eg_found_key(f, n), n->key_len, label, n->label_len, n->type);
    if (e >= 0 && relabel(&r->ent[e], label, n->label_len) != 0)
        return -1;
    return e;
}

eg_status eg_registry_add(eg_registry *r, const eg_found *f, eg_mentions *ms, eg_error *err)
{
    if (!f->nocc)
        return EG_OK;
    /* per name of f: its entity, found once */
    long *map = malloc(f->nname * sizeof *map);
    if (!map)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t i = 0; i < f->nname; i++)
        map[i] = -2;
    eg_status st = EG_OK;
    for (size_t i = 0; i < ms->n && st == EG_OK; i++) {
        eg_mention *m = &ms->m[i];
        if (m->rule != EG_RULE_DISCOVERED)
            continue;
        const eg_found_name *n = &f->name[m->entity];
        if (map[m->entity] == -2)
            map[m->entity] = entity_of(r, f, n);
        long e = map[m->entity];
        if (e < 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        r->votes[e][n->type]++;
        r->ent[e].type = eg_registry_type(r->votes[e]);
        m->entity = r->base + (uint32_t)e;
    }
    free(map);
    return st;
}

static const eg_entity *sort_ent;
static int cmp_id(const void *x, const void *y)
{
    return strcmp(sort_ent[*(const uint32_t *)x].id, sort_ent[*(const uint32_t *)y].id);
}

eg_status eg_registry_adopt(eg_registry *r, eg_gazetteer *g, uint32_t **perm, size_t *n,
                            eg_error *err)
{
    *perm = NULL;
    *n = 0;
    if (r->n == 0)
        return EG_OK;
    uint32_t *order = malloc(r->n * sizeof *order), *pm = malloc(r->n * sizeof *pm);
    eg_entity *ent = malloc(r->n * sizeof *ent);
    uint64_t(*votes)[EG_NTYPES] = malloc(r->n * sizeof *votes);
    if (!order || !pm || !ent || !votes) {
        free(order);
        free(pm);
        free(ent);
        free(votes);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->n; i++) {
        order[i] = (uint32_t)i;
        if (!*r->ent[i].label) {
            /* named only by records without a label: the id without d: */
            char *l = eg_strndup(r->ent[i].id + 2, strlen(r->ent[i].id + 2));
            if (!l) {
                free(order);
                free(pm);
                free(ent);
                free(votes);
                return eg_error_add(err, EG_ENOMEM, "out of memory");
            }
            for (char *p = l; *p; p++)
                if (*p == '-')
                    *p = ' ';
            free(r->ent[i].label);
            r->ent[i].label = l;
        }
    }
    sort_ent = r->ent; /* ids are unique: the order is total */
    qsort(order, r->n, sizeof *order, cmp_id);
    for (size_t k = 0; k < r->n; k++) {
        pm[order[k]] = (uint32_t)k;
        ent[k] = r->ent[order[k]];
        memcpy(votes[k], r->votes[order[k]], sizeof votes[k]);
    }
    free(order);
    if (eg_gazetteer_adopt(g, ent, r->n) != 0) {
        free(pm);
        free(ent);
        free(votes);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    free(ent);
    free(r->ent);
    free(r->votes);
    r->votes = votes;
    r->votes_cap = r->n;
    r->ent = NULL;
    *n = r->n;
    r->n = r->cap = 0;
    *perm = pm;
    return EG_OK;
}
