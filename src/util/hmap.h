/*
 * hmap.h - two open-addressing hash maps: byte strings -> uint32 and
 * uint64 -> uint32. Linear probing, power-of-two tables, load <= 1/2.
 *
 * eg_strmap copies its keys into storage it owns. Neither map removes
 * entries; they live as long as the map. Free with *_free.
 */
#ifndef EG_HMAP_H
#define EG_HMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct {
    uint32_t *slots;  /* entry index + 1; 0 = empty */
    size_t nslots;
    uint64_t *hashes; /* per entry */
    uint32_t *koff;   /* per entry: key offset in keys */
    uint32_t *klen;
    uint32_t *vals;
    size_t n, cap;
    eg_buf keys;
} eg_strmap;

typedef struct {
    uint64_t *keys;
    uint32_t *vals;
    unsigned char *used;
    size_t nslots, n;
} eg_u64map;

uint64_t eg_hash(const void *p, size_t n);

void eg_strmap_init(eg_strmap *m);
void eg_strmap_free(eg_strmap *m);
/* Returns 1 and sets *val when key is present, 0 otherwise. */
int eg_strmap_get(const eg_strmap *m, const char *key, size_t len, uint32_t *val);
/* Inserts key -> val unless present. Sets *out to the stored value (val,
 * or the existing one). Returns 1 inserted, 0 existed, -1 out of memory. */
int eg_strmap_put(eg_strmap *m, const char *key, size_t len, uint32_t val, uint32_t *out);
/* Key of entry i (0 <= i < m->n), in insertion order; not NUL-terminated. */
const char *eg_strmap_key(const eg_strmap *m, size_t i, size_t *len);

void eg_u64map_init(eg_u64map *m);
void eg_u64map_free(eg_u64map *m);
int eg_u64map_get(const eg_u64map *m, uint64_t key, uint32_t *val);
int eg_u64map_put(eg_u64map *m, uint64_t key, uint32_t val, uint32_t *out);

#endif
