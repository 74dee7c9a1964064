/*
 * hmap.h - two open-addressing hash maps: byte strings -> uint32 and
 * uint64 -> uint32. Linear probing, power-of-two tables, load <= 1/2.
 * Both are on the matcher's path once per token of text: look-ups touch
 * as few cache lines as they can.
 *
 * eg_strmap copies its keys into storage it owns (with 8 bytes to spare
 * past the last, for word-wise comparisons). Neither map removes
 * entries; they live as long as the map. Free with *_free.
 */
#ifndef EG_HMAP_H
#define EG_HMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "image.h"

typedef struct {
    uint32_t koff, klen; /* key bytes in keys */
    uint32_t val;
} eg_strmap_entry;

/* A slot holds the entry index + 1 in its low 32 bits (0 = empty) and the
 * high 32 bits of the key's hash in its high bits, so that a probe that
 * meets another key is told apart without touching the entry. */
typedef struct {
    uint64_t *slots;
    size_t nslots;
    uint64_t *hashes;       /* per entry, for rehashing */
    eg_strmap_entry *ent;   /* per entry, in insertion order */
    size_t n, cap;
    eg_buf keys;
    int borrowed;           /* the arrays are an image's (eg_strmap_view) */
} eg_strmap;

/* Slots of key, value and a used flag side by side: one cache line per
 * probe. */
typedef struct {
    uint64_t key;
    uint32_t val;
    uint32_t used;
} eg_u64slot;

typedef struct {
    eg_u64slot *slots;
    size_t nslots, n;
    int borrowed; /* the slots are an image's (eg_u64map_view) */
} eg_u64map;

uint64_t eg_hash(const void *p, size_t n);

void eg_strmap_init(eg_strmap *m);
void eg_strmap_free(eg_strmap *m);
/* Empties m, keeping its storage for the next keys. */
void eg_strmap_clear(eg_strmap *m);
/* Returns 1 and sets *val when key is present, 0 otherwise. */
int eg_strmap_get(const eg_strmap *m, const char *key, size_t len, uint32_t *val);
/* The same for a key that may be read a word at a time: the 8 bytes after
 * key[len - 1] must be readable (their values do not matter). The hash and
 * the comparison then load whole words instead of branching on the length
 * of the tail, which is what a look-up per token of text costs most. */
int eg_strmap_get_padded(const eg_strmap *m, const char *key, size_t len, uint32_t *val);
/* The hash of a padded key (eg_hash's value for it), and the padded
 * look-up given that hash, for a caller that uses the hash first. */
uint64_t eg_hash_padded(const char *key, size_t len);
int eg_strmap_get_hashed(const eg_strmap *m, const char *key, size_t len, uint64_t h,
                         uint32_t *val);
/* Asks the cache for the slot a key of hash h starts its probe at. */
static inline void eg_strmap_prefetch(const eg_strmap *m, uint64_t h)
{
    if (m->nslots)
        __builtin_prefetch(&m->slots[h & (m->nslots - 1)]);
}
/* Inserts key -> val unless present. Sets *out to the stored value (val,
 * or the existing one). Returns 1 inserted, 0 existed, -1 out of memory. */
int eg_strmap_put(eg_strmap *m, const char *key, size_t len, uint32_t val, uint32_t *out);
/* Inserts key -> bits, or ORs bits into the value already there, for a
 * map of flag sets. Returns 0, or -1 out of memory. */
int eg_strmap_or(eg_strmap *m, const char *key, size_t len, uint32_t bits);
/* Key of entry i (0 <= i < m->n), in insertion order; not NUL-terminated. */
const char *eg_strmap_key(const eg_strmap *m, size_t i, size_t *len);

/* Appends the map to an image, and makes m a read-only view of the map
 * that the next sections of im hold (returns 0, or -1 on a bad image).
 * A view answers look-ups and enumerates like the original; it must not
 * be added to, and eg_strmap_free only forgets it. */
void eg_strmap_save(const eg_strmap *m, eg_imgw *w);
int eg_strmap_view(eg_strmap *m, eg_image *im);

void eg_u64map_init(eg_u64map *m);
void eg_u64map_free(eg_u64map *m);
int eg_u64map_get(const eg_u64map *m, uint64_t key, uint32_t *val);
int eg_u64map_put(eg_u64map *m, uint64_t key, uint32_t val, uint32_t *out);
/* As for the string map. */
void eg_u64map_save(const eg_u64map *m, eg_imgw *w);
int eg_u64map_view(eg_u64map *m, eg_image *im);

#endif
