/*
 * hmap.c - open-addressing hash maps used by the gazetteer vocabulary, the
 * matcher automaton and the co-occurrence tables.
 *
 * The string map keeps its entries in insertion order (so callers can
 * enumerate deterministically) and an index table of slots that is
 * rebuilt on growth. The matcher looks up every token of the text in one,
 * so a look-up is made cheap: the hash reads the key eight bytes at a
 * time (a name is one or two reads), and each slot carries 32 bits of the
 * hash next to the entry index, so a probe that meets another key rarely
 * touches the entry or the key bytes, and a miss costs one cache line.
 */
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

/* The last 1 to 7 bytes of a key as one word (little or big endian, the
 * hash only needs it to be a function of the bytes). */
static inline uint64_t tail_word(const unsigned char *s, size_t n)
{
    uint64_t w = 0;
    unsigned shift = 0;
    if (n & 4) {
        uint32_t v;
        memcpy(&v, s, 4);
        w = v;
        s += 4;
        shift = 32;
    }
    if (n & 2) {
        uint16_t v;
        memcpy(&v, s, 2);
        w |= (uint64_t)v << shift;
        s += 2;
        shift += 16;
    }
    if (n & 1)
        w |= (uint64_t)*s << shift;
    return w;
}

/* Each word is mixed in with a multiply and a shift; the length seeds the
 * state and a last multiply spreads the result over all 64 bits (the
 * tables use the low bits for the position, the high ones as the tag).
 * Inline, since the string map calls it once per look-up. */
static inline uint64_t hash_start(size_t n)
{
    return 0x9e3779b97f4a7c15ULL ^ ((uint64_t)n * 0xff51afd7ed558ccdULL);
}

static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 31);
}

static inline uint64_t hash_end(uint64_t h)
{
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 32);
}

/* Word-at-a-time reads of padded keys. The tail of the hash is the
 * little-endian value of the last bytes, which a whole-word load and a
 * mask give only on a little-endian machine; elsewhere the padded look-up
 * is the ordinary one. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PADDED_WORDS 1
#else
#define PADDED_WORDS 0
#endif

/* The first n bytes (1 <= n <= 8) of s, read as one word. */
static inline uint64_t head_word(const void *s, size_t n)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w & (~0ULL >> (64 - 8 * n));
}

/* The hash of p[0..n); with padded (p readable 8 bytes past its end, on a
 * little-endian machine) the tail is one whole-word read. Inline with a
 * constant padded, so each caller gets one branch-free tail. */
static inline uint64_t hash_words(const void *p, size_t n, int padded)
{
    const unsigned char *s = p;
    uint64_t h = hash_start(n);
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = hash_step(h, w);
    }
    if (n)
        h = hash_step(h, padded ? head_word(s, n) : tail_word(s, n));
    return hash_end(h);
}

static inline uint64_t hash_bytes(const void *p, size_t n)
{
    return hash_words(p, n, 0);
}

uint64_t eg_hash(const void *p, size_t n)
{
    return hash_bytes(p, n);
}

/* Whether the padded a and b agree on their first n bytes. */
static inline int equal_padded(const char *a, const char *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return 0;
    }
    return n == 0 || head_word(a, n) == head_word(b, n);
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
    if (m->borrowed) {
        memset(m, 0, sizeof *m);
        return;
    }
    free(m->slots);
    free(m->hashes);
    free(m->ent);
    eg_buf_free(&m->keys);
    memset(m, 0, sizeof *m);
}

void eg_strmap_clear(eg_strmap *m)
{
    if (m->borrowed) {
        memset(m, 0, sizeof *m);
        return;
    }
    /* a table that once grew large is let go: clearing it for every
     * small document after would cost its size each time */
    if (m->nslots > 1024) {
        free(m->slots);
        m->slots = NULL;
        m->nslots = 0;
    } else if (m->slots) {
        memset(m->slots, 0, m->nslots * sizeof *m->slots);
    }
    m->n = 0;
    eg_buf_clear(&m->keys);
}

#define TAG(h) ((h) & 0xffffffff00000000ULL)

static int strmap_rehash(eg_strmap *m, size_t nslots)
{
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < m->n; i++) {
        size_t j = (size_t)m->hashes[i] & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = TAG(m->hashes[i]) | ((uint64_t)i + 1);
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    return 0;
}

/* The slot of key, or the empty slot where it would go (*found = 0). */
static inline size_t strmap_find(const eg_strmap *m, const char *key, size_t len, uint64_t h,
                                 int *found)
{
    size_t mask = m->nslots - 1, j = (size_t)h & mask;
    uint64_t tag = TAG(h);
    for (;;) {
        uint64_t s = m->slots[j];
        if (!s) {
            *found = 0;
            return j;
        }
        if (TAG(s) == tag) {
            const eg_strmap_entry *e = &m->ent[(uint32_t)s - 1];
            if (e->klen == len && memcmp(m->keys.data + e->koff, key, len) == 0) {
                *found = 1;
                return j;
            }
        }
        j = (j + 1) & mask;
    }
}

int eg_strmap_get(const eg_strmap *m, const char *key, size_t len, uint32_t *val)
{
    if (m->n == 0)
        return 0;
    int found;
    size_t j = strmap_find(m, key, len, hash_bytes(key, len), &found);
    if (found)
        *val = m->ent[(uint32_t)m->slots[j] - 1].val;
    return found;
}

uint64_t eg_hash_padded(const char *key, size_t len)
{
    return hash_words(key, len, PADDED_WORDS);
}

int eg_strmap_get_padded(const eg_strmap *m, const char *key, size_t len, uint32_t *val)
{
    return eg_strmap_get_hashed(m, key, len, eg_hash_padded(key, len), val);
}

int eg_strmap_get_hashed(const eg_strmap *m, const char *key, size_t len, uint64_t h,
                         uint32_t *val)
{
    if (!PADDED_WORDS)
        return eg_strmap_get(m, key, len, val);
    if (m->n == 0)
        return 0;
    size_t mask = m->nslots - 1, j = (size_t)h & mask;
    uint64_t tag = TAG(h);
    for (;; j = (j + 1) & mask) {
        uint64_t s = m->slots[j];
        if (!s)
            return 0;
        if (TAG(s) != tag)
            continue;
        const eg_strmap_entry *e = &m->ent[(uint32_t)s - 1];
        if (e->klen == len && equal_padded(m->keys.data + e->koff, key, len)) {
            *val = e->val;
            return 1;
        }
    }
}

int eg_strmap_put(eg_strmap *m, const char *key, size_t len, uint32_t val, uint32_t *out)
{
    if ((m->n + 1) * 2 > m->nslots && strmap_rehash(m, m->nslots ? m->nslots * 2 : 64) != 0)
        return -1;
    uint64_t h = hash_bytes(key, len);
    int found;
    size_t j = strmap_find(m, key, len, h, &found);
    if (found) {
        if (out)
            *out = m->ent[(uint32_t)m->slots[j] - 1].val;
        return 0;
    }
    if (m->n >= UINT32_MAX - 1 || len > UINT32_MAX)
        return -1;
    if (m->n >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        uint64_t *hs = realloc(m->hashes, nc * sizeof *hs);
        if (!hs)
            return -1;
        m->hashes = hs;
        eg_strmap_entry *en = realloc(m->ent, nc * sizeof *en);
        if (!en)
            return -1;
        m->ent = en;
        m->cap = nc;
    }
    if (m->keys.len > UINT32_MAX - len - 1)
        return -1;
    size_t off = m->keys.len;
    /* the key, its NUL and 8 zero bytes to spare for equal_padded */
    if (eg_buf_reserve(&m->keys, len + 9) != 0)
        return -1;
    memcpy(m->keys.data + off, key, len);
    memset(m->keys.data + off + len, 0, 10);
    m->keys.len += len + 1;
    size_t e = m->n++;
    m->hashes[e] = h;
    m->ent[e] = (eg_strmap_entry){(uint32_t)off, (uint32_t)len, val};
    m->slots[j] = TAG(h) | ((uint64_t)e + 1);
    if (out)
        *out = val;
    return 1;
}

int eg_strmap_or(eg_strmap *m, const char *key, size_t len, uint32_t bits)
{
    uint32_t was;
    int r = eg_strmap_put(m, key, len, bits, &was);
    if (r != 0)
        return r < 0 ? -1 : 0;
    /* there: find its entry again (puts never move entries) */
    int found;
    size_t j = strmap_find(m, key, len, hash_bytes(key, len), &found);
    m->ent[(uint32_t)m->slots[j] - 1].val = was | bits;
    return 0;
}

const char *eg_strmap_key(const eg_strmap *m, size_t i, size_t *len)
{
    *len = m->ent[i].klen;
    return m->keys.data + m->ent[i].koff;
}

void eg_u64map_init(eg_u64map *m)
{
    memset(m, 0, sizeof *m);
}

void eg_u64map_free(eg_u64map *m)
{
    if (!m->borrowed)
        free(m->slots);
    memset(m, 0, sizeof *m);
}

static inline size_t u64_find(const eg_u64map *m, uint64_t key, int *found)
{
    size_t mask = m->nslots - 1, j = (size_t)mix64(key) & mask;
    while (m->slots[j].used) {
        if (m->slots[j].key == key) {
            *found = 1;
            return j;
        }
        j = (j + 1) & mask;
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
        *val = m->slots[j].val;
    return found;
}

static int u64_rehash(eg_u64map *m, size_t nslots)
{
    eg_u64map nm = {0};
    nm.slots = calloc(nslots, sizeof *nm.slots);
    nm.nslots = nslots;
    if (!nm.slots)
        return -1;
    for (size_t i = 0; i < m->nslots; i++) {
        if (!m->slots[i].used)
            continue;
        int found;
        size_t j = u64_find(&nm, m->slots[i].key, &found);
        nm.slots[j] = m->slots[i];
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
            *out = m->slots[j].val;
        return 0;
    }
    m->slots[j] = (eg_u64slot){key, val, 1};
    m->n++;
    if (out)
        *out = val;
    return 1;
}

/* ---- images ---- */

/* The sizes first, then the slots, the entries and the keys with the 8
 * bytes past the last one that equal_padded reads; not the hashes, which
 * only growth needs. */
void eg_strmap_save(const eg_strmap *m, eg_imgw *w)
{
    uint64_t size[3] = {m->nslots, m->n, m->keys.len};
    eg_imgw_put(w, size, sizeof size);
    eg_imgw_put(w, m->slots, m->nslots * sizeof *m->slots);
    eg_imgw_put(w, m->ent, m->n * sizeof *m->ent);
    eg_imgw_put(w, m->keys.data, m->keys.data ? m->keys.len + 8 : 0);
}

int eg_strmap_view(eg_strmap *m, eg_image *im)
{
    memset(m, 0, sizeof *m);
    m->borrowed = 1;
    const uint64_t *size = eg_image_take(im, 3 * sizeof *size);
    if (!size || (size[0] & (size[0] - 1)) || size[1] > size[0] / 2)
        return -1;
    m->nslots = (size_t)size[0];
    m->n = m->cap = (size_t)size[1];
    m->slots = (uint64_t *)eg_image_array(im, size[0], sizeof *m->slots);
    m->ent = (eg_strmap_entry *)eg_image_array(im, size[1], sizeof *m->ent);
    m->keys.data = (char *)eg_image_take(im, size[2] ? (size_t)size[2] + 8 : 0);
    m->keys.len = m->keys.cap = (size_t)size[2];
    if (!size[2])
        m->keys.data = NULL;
    return im->bad ? -1 : 0;
}

void eg_u64map_save(const eg_u64map *m, eg_imgw *w)
{
    uint64_t size[2] = {m->nslots, m->n};
    eg_imgw_put(w, size, sizeof size);
    eg_imgw_put(w, m->slots, m->nslots * sizeof *m->slots);
}

int eg_u64map_view(eg_u64map *m, eg_image *im)
{
    memset(m, 0, sizeof *m);
    m->borrowed = 1;
    const uint64_t *size = eg_image_take(im, 2 * sizeof *size);
    if (!size || (size[0] & (size[0] - 1)) || size[1] > size[0] / 2)
        return -1;
    m->nslots = (size_t)size[0];
    m->n = (size_t)size[1];
    m->slots = (eg_u64slot *)eg_image_array(im, size[0], sizeof *m->slots);
    return im->bad ? -1 : 0;
}
