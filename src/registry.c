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

static eg_type vote(const uint64_t *v)
{
    int best = 0;
    for (int t = 1; t < EG_NTYPES; t++)
        if (v[t] > v[best])
            best = t;
    return (eg_type)best;
}

/* The entity of name n of f, created if new; -1 when out of memory. */
static long entity_of(eg_registry *r, const eg_found *f, const eg_found_name *n)
{
    const char *key = eg_found_key(f, n), *label = f->pool.data + n->label;
    uint32_t v;
    int put = eg_strmap_put(&r->index, key, n->key_len, (uint32_t)r->n, &v);
    if (put < 0)
        return -1;
    if (put == 0) {
        eg_entity *e = &r->ent[v];
        if (n->label_len > strlen(e->label)) {
            char *l = eg_strndup(label, n->label_len);
            if (!l)
                return -1;
            free(e->label);
            e->label = l;
        }
        return (long)v;
    }
    if (EG_GROW(r->ent, r->cap, r->n) != 0 || EG_GROW(r->votes, r->votes_cap, r->n) != 0)
        return -1;
    memset(r->votes[r->n], 0, sizeof r->votes[r->n]);
    eg_entity *e = &r->ent[r->n];
    memset(e, 0, sizeof *e);
    e->id = make_id(key, n->key_len);
    e->label = eg_strndup(label, n->label_len);
    e->file = "";
    e->discovered = 1;
    e->type = n->type;
    if (!e->id || !e->label) {
        free(e->id);
        free(e->label);
        return -1; /* the index keeps the key: the next add fails again */
    }
    return (long)r->n++;
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
        r->ent[e].type = vote(r->votes[e]);
        m->entity = r->base + (uint32_t)e;
    }
    free(map);
    return st;
}

eg_status eg_registry_adopt(eg_registry *r, eg_gazetteer *g, eg_error *err)
{
    if (eg_gazetteer_adopt(g, r->ent, r->n) != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    free(r->ent);
    free(r->votes);
    r->ent = NULL;
    r->votes = NULL;
    r->n = r->cap = r->votes_cap = 0;
    return EG_OK;
}
