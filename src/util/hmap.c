/*
 * hmap.c - open-addressing hash maps used by the gazetteer vocabulary, the
 * matcher automaton and the co-occurrence tables.
 *
 * The string map keeps its entries in insertion order in parallel arrays
 * (so callers can enumerate deterministically) and an index table of
 * slots that is rebuilt on growth. Hash: 64-bit FNV-1a followed by a
 * murmur finaliser, which is enough for keys we produce ourselves.
 */
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

uint64_t eg_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

void eg_strmap_init(eg_strmap *m)
{
    memset(m, 0, sizeof *m);
}

void eg_strmap_free(eg_strmap *m)
{
    free(m->slots);
    free(m->hashes);
    free(m->koff);
    free(m->klen);
    free(m->vals);
    eg_buf_free(&m->keys);
    memset(m, 0, sizeof *m);
}

static int strmap_rehash(eg_strmap *m, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < m->n; i++) {
        size_t j = (size_t)m->hashes[i] & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    return 0;
}

static size_t strmap_find(const eg_strmap *m, const char *key, size_t len, uint64_t h,
                          int *found)
{
    size_t j = (size_t)h & (m->nslots - 1);
    for (;;) {
        uint32_t s = m->slots[j];
        if (!s) {
            *found = 0;
            return j;
        }
        size_t e = s - 1;
        if (m->hashes[e] == h && m->klen[e] == len &&
            memcmp(m->keys.data + m->koff[e], key, len) == 0) {
            *found = 1;
            return j;
        }
        j = (j + 1) & (m->nslots - 1);
    }
}

int eg_strmap_get(const eg_strmap *m, const char *key, size_t len, uint32_t *val)
{
    if (m->n == 0)
        return 0;
    int found;
    size_t j = strmap_find(m, key, len, eg_hash(key, len), &found);
    if (found)
        *val = m->vals[m->slots[j] - 1];
    return found;
}

int eg_strmap_put(eg_strmap *m, const char *key, size_t len, uint32_t val, uint32_t *out)
{
    if ((m->n + 1) * 2 > m->nslots && strmap_rehash(m, m->nslots ? m->nslots * 2 : 64) != 0)
        return -1;
    uint64_t h = eg_hash(key, len);
    int found;
    size_t j = strmap_find(m, key, len, h, &found);
    if (found) {
        if (out)
            *out = m->vals[m->slots[j] - 1];
        return 0;
    }
    if (m->n >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        uint64_t *hs = realloc(m->hashes, nc * sizeof *hs);
        if (!hs)
            return -1;
        m->hashes = hs;
        uint32_t *ko = realloc(m->koff, nc * sizeof *ko);
        if (!ko)
            return -1;
        m->koff = ko;
        uint32_t *kl = realloc(m->klen, nc * sizeof *kl);
        if (!kl)
            return -1;
        m->klen = kl;
        uint32_t *vs = realloc(m->vals, nc * sizeof *vs);
        if (!vs)
            return -1;
        m->vals = vs;
        m->cap = nc;
    }
    if (m->keys.len > UINT32_MAX - len - 1)
        return -1;
    size_t off = m->keys.len;
    if (eg_buf_append(&m->keys, key, len) != 0 || eg_buf_putc(&m->keys, '\0') != 0)
        return -1;
    size_t e = m->n++;
    m->hashes[e] = h;
    m->koff[e] = (uint32_t)off;
    m->klen[e] = (uint32_t)len;
    m->vals[e] = val;
    m->slots[j] = (uint32_t)e + 1;
    if (out)
        *out = val;
    return 1;
}

const char *eg_strmap_key(const eg_strmap *m, size_t i, size_t *len)
{
    *len = m->klen[i];
    return m->keys.data + m->koff[i];
}

void eg_u64map_init(eg_u64map *m)
{
    memset(m, 0, sizeof *m);
}

void eg_u64map_free(eg_u64map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    memset(m, 0, sizeof *m);
}

static size_t u64_find(const eg_u64map *m, uint64_t key, int *found)
{
    size_t j = (size_t)mix64(key) & (m->nslots - 1);
    while (m->used[j]) {
        if (m->keys[j] == key) {
            *found = 1;
            return j;
        }
        j = (j + 1) & (m->nslots - 1);
    }
    *found = 0;
    return j;
}

int eg_u64map_get(const eg_u64map *m, uint64_t key, uint32_t *val)
{
    if (m->n == 0)
        return 0;
    int found;
    size_t j = u64_find(m, key, &found);
    if (found)
        *val = m->vals[j];
    return found;
}

static int u64_rehash(eg_u64map *m, size_t nslots)
{
    eg_u64map nm = {0};
    nm.keys = malloc(nslots * sizeof *nm.keys);
    nm.vals = malloc(nslots * sizeof *nm.vals);
    nm.used = calloc(nslots, 1);
    nm.nslots = nslots;
    if (!nm.keys || !nm.vals || !nm.used) {
        eg_u64map_free(&nm);
        return -1;
    }
    for (size_t i = 0; i < m->nslots; i++) {
        if (!m->used[i])
            continue;
        int found;
        size_t j = u64_find(&nm, m->keys[i], &found);
        nm.keys[j] = m->keys[i];
        nm.vals[j] = m->vals[i];
        nm.used[j] = 1;
        nm.n++;
    }
    eg_u64map_free(m);
    *m = nm;
    return 0;
}

int eg_u64map_put(eg_u64map *m, uint64_t key, uint32_t val, uint32_t *out)
{
    if ((m->n + 1) * 2 > m->nslots && u64_rehash(m, m->nslots ? m->nslots * 2 : 64) != 0)
        return -1;
    int found;
    size_t j = u64_find(m, key, &found);
    if (found) {
        if (out)
            *out = m->vals[j];
        return 0;
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->used[j] = 1;
    m->n++;
    if (out)
        *out = val;
    return 1;
}
