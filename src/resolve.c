/*
 * resolve.c - choose the entity each mention means, reading the document
 * as a whole the way a reader does.
 *
 * 1. Candidates of excluded types, kinds or demonyms are dropped. A
 *    candidate on weak case evidence (a common word capitalised only
 *    because it opens a sentence, an acronym in an ALL-CAPS headline)
 *    is kept only if the document confirms it: it names the entity
 *    elsewhere, or (for a country) something of that country.
 * 2. Unambiguous mentions tell what the document is about: the entities
 *    it names, the people it names in full ("Sadyr Japarov"), and the
 *    countries in play (countries named, and the countries of the people,
 *    places and organizations named).
 * 3. A name shared by several entities goes to the one named in full in
 *    the document ("Bush" after "George W. Bush"), else to the one whose
 *    country is in play (a Paris when France is named; CLAVIN does much
 *    the same), else to the highest prior. Equal priors are reported as
 *    ambiguous and not counted, rather than guessed.
 * 4. Surnames of people named in full ("Mr. Khan" after "Karim Khan") and
 *    spelling variants of names the document has ("Dzaparov" for Japarov,
 *    "Poutine", "Vladmir Putin") become mentions. Variants are looked for
 *    only among entities the document already names, so they never
 *    invent an entity: a transliteration key (dzh/zh/dz/j, kh/h, ou/u,
 *    w/v, y/i, doubled letters, a final e), or, in people's names only,
 *    one edit in a word of seven or more letters that is not just an
 *    added ending (measured on the Brown corpus: on place names one edit
 *    found other words, Stafford for Stamford, Caroline for Carolina).
 */
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "util/buf.h"
#include "words.h"
#include "util/hmap.h"

#define MIN_VARIANT_LETTERS 5 /* shorter words are too easily confused */
#define MIN_EDIT_LETTERS 7    /* one edit only in words this long */
#define MIN_SURNAME_LETTERS 3

/* per entity: named by the document; a person named in full; a country
 * in play (named, or something of it named); a country named or some
 * place of it named; a country some place of which is named */
enum { S_SUPPORTED = 1, S_NAMED = 2, S_IN_PLAY = 4, S_GEO = 8, S_PLACES_IN = 16 };

#define NONE UINT32_MAX

/* A multimap from strings to uint32 values: the map gives a list, the
 * lists are chained through next[]. */
typedef struct {
    eg_strmap map;
    uint32_t *head; /* per list: first entry, NONE = empty */
    size_t nlist, head_cap;
    uint32_t *val, *next;
    size_t n, val_cap, next_cap;
} postings;

static int postings_add(postings *p, const char *key, size_t len, uint32_t v)
{
    uint32_t l;
    int r = eg_strmap_put(&p->map, key, len, (uint32_t)p->nlist, &l);
    if (r < 0)
        return -1;
    if (r == 1) {
        if (EG_GROW(p->head, p->head_cap, p->nlist) != 0)
            return -1;
        p->head[p->nlist++] = NONE;
    }
    if (EG_GROW(p->val, p->val_cap, p->n) != 0 || EG_GROW(p->next, p->next_cap, p->n) != 0)
        return -1;
    p->val[p->n] = v;
    p->next[p->n] = p->head[l];
    p->head[l] = (uint32_t)p->n++;
    return 0;
}

/* The first entry of key's list, or NONE; go on with p->next[]. */
static uint32_t postings_first(const postings *p, const char *key, size_t len)
{
    uint32_t l;
    return eg_strmap_get(&p->map, key, len, &l) ? p->head[l] : NONE;
}

static void postings_free(postings *p)
{
    eg_strmap_free(&p->map);
    free(p->head);
    free(p->val);
    free(p->next);
}

struct eg_resolver {
    const eg_gazetteer *g;
    eg_resolve_opts o;
    uint32_t *surname;    /* per entity: offset+1 of its surname in pool, 0 = none */
    uint32_t *name_first; /* per entity: its name words in name_pool */
    uint32_t *name_count;
    uint32_t *name_pool;  /* offsets into pool */
    uint8_t *name_final;  /* per name word: it names the entity alone (a surname, a one-word name) */
    eg_buf pool;          /* NUL-terminated normalised words */
    uint32_t *name_key;   /* per name word: offset of its transliteration key in pool */
    uint32_t *name_ent;   /* per name word: its entity */
    /* indexes, so that a document costs time in its words, not in the
     * entities it names times their words */
    postings by_surname;  /* surname -> entities */
    postings by_key;      /* transliteration key -> name words */
    postings by_delete;   /* a long person's name word and its one-byte deletions -> name words */
    uint32_t *country;    /* per entity: index of its country, or NONE */
    size_t nnames;        /* name words */
    int borrowed;         /* the tables above are another resolver's, or an image's */
    /* per-document scratch */
    uint8_t *state;       /* per entity, S_* bits */
    uint32_t *touched;
    size_t ntouched, touched_cap;
    uint32_t *covered;    /* per token: entity + 1 of the mention covering it, or 0 */
    size_t covered_cap;
    eg_candidate *cand;
    size_t cand_cap;
    /* the words the indexes above can answer for this document (surnames
     * of the people it names in full, keys and deletions of the name
     * words of the entities it names), a bit or two per hashed word: most
     * capitalised words of a document are none of them, and learn so
     * without a look-up in the large tables */
    uint64_t *filter;
    size_t filter_mask, filter_cap; /* mask: bits - 1 */
    uint64_t del_lens;  /* bit n: the deletions are of a name word of n bytes
                           (bit 63: 63 or more) */
    uint32_t key_first; /* bit c - 'a': a key starts with c (bit 26: another byte) */
};

void eg_resolve_defaults(eg_resolve_opts *o)
{
    o->types = EG_ALL_TYPES;
    o->demonyms = 1;
    o->drop = NULL;
    o->variants = 1;
}

const char *eg_rule_name(eg_rule r)
{
    switch (r) {
    case EG_RULE_UNIQUE: return "unique";
    case EG_RULE_PRIOR: return "prior";
    case EG_RULE_AMBIGUOUS: return "ambiguous";
    case EG_RULE_NAMED: return "named";
    case EG_RULE_CONTEXT: return "context";
    case EG_RULE_CONFIRMED: return "confirmed";
    case EG_RULE_PARTIAL: return "partial";
    case EG_RULE_VARIANT: return "variant";
    case EG_RULE_DISCOVERED: return "discovered";
    case EG_RULE_ACRONYM: return "acronym";
    }
    return "?";
}

/* ---- transliteration key ---- */

/* Whether s[i..n) starts with the literal lit. */
#define AT(lit) (i + sizeof lit - 1 <= n && memcmp(s + i, lit, sizeof lit - 1) == 0)

void eg_translit_key(const char *s, size_t n, char *out, size_t cap)
{
    /* The rules, longest first among those of one first letter (called for
     * every name word at start-up and for capitalised words while tagging,
     * so they are a switch, not a table scanned at each letter):
     * dzh dz dj -> j, tsch tch ts tz -> c, sch sh -> s, zh -> j, z -> s,
     * kh -> h, ch -> c, ck -> k, ou -> u, ph -> f, w -> v, y -> i, q -> k */
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap;) {
        char c = s[i];
        size_t l = 1;
        switch (c) {
        case 'd':
            if (AT("dzh"))
                c = 'j', l = 3;
            else if (AT("dz") || AT("dj"))
                c = 'j', l = 2;
            break;
        case 't':
            if (AT("tsch"))
                c = 'c', l = 4;
            else if (AT("tch"))
                c = 'c', l = 3;
            else if (AT("ts") || AT("tz"))
                c = 'c', l = 2;
            break;
        case 's':
            if (AT("sch"))
                c = 's', l = 3;
            else if (AT("sh"))
                c = 's', l = 2;
            break;
        case 'z':
            if (AT("zh"))
                c = 'j', l = 2;
            else
                c = 's';
            break;
        case 'k':
            if (AT("kh"))
                c = 'h', l = 2;
            break;
        case 'c':
            if (AT("ch"))
                c = 'c', l = 2;
            else if (AT("ck"))
                c = 'k', l = 2;
            break;
        case 'o':
            if (AT("ou"))
                c = 'u', l = 2;
            break;
        case 'p':
            if (AT("ph"))
                c = 'f', l = 2;
            break;
        case 'w': c = 'v'; break;
        case 'y': c = 'i'; break;
        case 'q': c = 'k'; break;
        default: break;
        }
        i += l;
        if (o > 0 && out[o - 1] == c)
            continue; /* doubled letters: Gaddafi, Gadafi */
        out[o++] = c;
    }
    if (o > 1 && out[o - 1] == 'e')
        o--; /* Poutine, Putin */
    if (o > 2 && out[o - 1] == 'j' && out[o - 2] == 'i')
        o--; /* Selenskij, Selenski */
    out[o] = '\0';
}
#undef AT

/* Damerau-Levenshtein distance <= 1 (one insertion, deletion,
 * substitution or transposition). */
static int within_one_edit(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > lb + 1 || lb > la + 1)
        return 0;
    size_t i = 0;
    while (i < la && i < lb && a[i] == b[i])
        i++;
    if (i == la && i == lb)
        return 1;
    if (la == lb) {
        if (strncmp(a + i + 1, b + i + 1, la - i - 1) == 0)
            return 1; /* substitution */
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               strncmp(a + i + 2, b + i + 2, la - i - 2) == 0;
    }
    if (la > lb)
        return strncmp(a + i + 1, b + i, lb - i) == 0;
    return strncmp(a + i, b + i + 1, la - i) == 0;
}

/* ---- set-up ---- */

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory while preparing the resolver");
}

static void free_scratch(eg_resolver *r)
{
    free(r->state);
    free(r->touched);
    free(r->covered);
    free(r->cand);
    free(r->filter);
}

void eg_resolver_free(eg_resolver *r)
{
    if (!r)
        return;
    free_scratch(r);
    if (r->borrowed) {
        free(r);
        return;
    }
    free(r->surname);
    free(r->name_first);
    free(r->name_count);
    free(r->name_pool);
    free(r->name_final);
    eg_buf_free(&r->pool);
    free(r->name_key);
    free(r->name_ent);
    free(r->country);
    postings_free(&r->by_surname);
    postings_free(&r->by_key);
    postings_free(&r->by_delete);
    free(r);
}

/* Fills the three indexes from the name words. One-byte deletions find
 * every word within one edit of a name word (symmetric deletion, as in
 * SymSpell): a substitution or a transposition leaves a deletion in
 * common, an insertion or deletion leaves one word equal to a deletion
 * of the other. */
static int index_names(eg_resolver *r, size_t nnames)
{
    for (size_t e = 0; e < r->g->nent; e++)
        if (r->surname[e]) {
            const char *s = r->pool.data + r->surname[e] - 1;
            if (postings_add(&r->by_surname, s, strlen(s), (uint32_t)e) != 0)
                return -1;
        }
    char del[256];
    for (size_t at = 0; at < nnames; at++) {
        const char *nw = r->pool.data + r->name_pool[at];
        const char *key = r->pool.data + r->name_key[at];
        size_t nl = strlen(nw);
        if (nl < MIN_VARIANT_LETTERS)
            continue;
        if (postings_add(&r->by_key, key, strlen(key), (uint32_t)at) != 0)
            return -1;
        if (r->g->ent[r->name_ent[at]].type != EG_PERSON || nl < MIN_EDIT_LETTERS ||
            nl > sizeof del)
            continue;
        if (postings_add(&r->by_delete, nw, nl, (uint32_t)at) != 0)
            return -1;
        for (size_t i = 0; i < nl; i++) {
            if (i > 0 && nw[i] == nw[i - 1])
                continue; /* the same deletion as the one before */
            memcpy(del, nw, i);
            memcpy(del + i, nw + i + 1, nl - i - 1);
            if (postings_add(&r->by_delete, del, nl - 1, (uint32_t)at) != 0)
                return -1;
        }
    }
    return 0;
}

eg_status eg_resolver_new(const eg_gazetteer *g, const eg_resolve_opts *o, eg_resolver **out,
                          eg_error *err)
{
    eg_resolver *r = calloc(1, sizeof *r);
    if (!r)
        return oom(err);
    r->g = g;
    r->o = *o;
    size_t ne = g->nent ? g->nent : 1;
    r->surname = calloc(ne, sizeof *r->surname);
    r->name_first = calloc(ne, sizeof *r->name_first);
    r->name_count = calloc(ne, sizeof *r->name_count);
    r->state = calloc(ne, 1);
    size_t npool = 0, pool_cap = 0, final_cap = 0, key_cap = 0, ent_cap = 0;
    eg_text t;
    eg_text_init(&t);
    eg_status st = EG_OK;
    if (!r->surname || !r->name_first || !r->name_count || !r->state)
        st = oom(err);
    /* aliases come grouped by entity (label first), so each entity's words
     * are one run of name_pool */
    for (size_t i = 0; i < g->nalias && st == EG_OK; i++) {
        const eg_alias *a = &g->alias[i];
        if (a->flags & EG_ALIAS_DEMONYM)
            continue;
        if ((st = eg_text_analyze(&t, a->text, strlen(a->text), err)) != EG_OK)
            break;
        uint32_t e = a->entity;
        if (r->name_count[e] == 0)
            r->name_first[e] = (uint32_t)npool;
        for (size_t k = 0; k < t.ntok && st == EG_OK; k++) {
            const eg_token *tk = &t.tok[k];
            const char *w = eg_token_norm(&t, tk);
            int is_surname = (a->flags & EG_ALIAS_LABEL) && g->ent[e].type == EG_PERSON &&
                             k + 1 == t.ntok && t.ntok >= 2 && tk->nletters >= MIN_SURNAME_LETTERS;
            if (tk->nletters < MIN_VARIANT_LETTERS && !is_surname)
                continue;
            if ((tk->flags & EG_TOK_ALLCAPS) && tk->nletters >= 2)
                continue; /* acronyms have no spelling variants */
            /* a word that stands for the entity alone: a person's surname,
             * or a one-word name; "Organisation" is not the WHO */
            int final = k + 1 == t.ntok && (t.ntok == 1 || g->ent[e].type == EG_PERSON);
            /* one copy per entity of each word */
            int dup = 0;
            for (uint32_t q = 0; q < r->name_count[e] && !dup; q++)
                dup = strcmp(r->pool.data + r->name_pool[r->name_first[e] + q], w) == 0;
            uint32_t off = 0;
            if (dup) {
                for (uint32_t q = 0; q < r->name_count[e]; q++)
                    if (strcmp(r->pool.data + r->name_pool[r->name_first[e] + q], w) == 0) {
                        off = r->name_pool[r->name_first[e] + q];
                        r->name_final[r->name_first[e] + q] |= final;
                    }
                if (!is_surname)
                    continue;
            } else {
                off = (uint32_t)r->pool.len;
                if (eg_buf_append(&r->pool, w, tk->norm_len + 1) != 0 ||
                    EG_GROW(r->name_pool, pool_cap, npool) != 0 ||
                    EG_GROW(r->name_final, final_cap, npool) != 0) {
                    st = oom(err);
                    break;
                }
                char key[256];
                eg_translit_key(w, tk->norm_len, key, sizeof key);
                if (EG_GROW(r->name_key, key_cap, npool) != 0 ||
                    EG_GROW(r->name_ent, ent_cap, npool) != 0) {
                    st = oom(err);
                    break;
                }
                r->name_key[npool] = (uint32_t)r->pool.len;
                if (eg_buf_append(&r->pool, key, strlen(key) + 1) != 0) {
                    st = oom(err);
                    break;
                }
                r->name_final[npool] = final;
                r->name_ent[npool] = e;
                r->name_pool[npool++] = off;
                r->name_count[e]++;
            }
            if (is_surname)
                r->surname[e] = off + 1;
        }
    }
    eg_text_free(&t);
    r->nnames = npool;
    if (st == EG_OK && index_names(r, npool) != 0)
        st = oom(err);
    /* countries by index: the rules ask for them at every mention */
    if (st == EG_OK && !(r->country = malloc(ne * sizeof *r->country)))
        st = oom(err);
    for (size_t e = 0; st == EG_OK && e < g->nent; e++) {
        long c = g->ent[e].country ? eg_gazetteer_find(g, g->ent[e].country) : -1;
        r->country[e] = c >= 0 ? (uint32_t)c : NONE;
    }
    if (st != EG_OK) {
        eg_resolver_free(r);
        return st;
    }
    *out = r;
    return EG_OK;
}

eg_status eg_resolver_fork(const eg_resolver *r, eg_resolver **out, eg_error *err)
{
    eg_resolver *f = malloc(sizeof *f);
    if (!f)
        return oom(err);
    *f = *r;
    f->borrowed = 1;
    f->touched = NULL;
    f->ntouched = f->touched_cap = 0;
    f->covered = NULL;
    f->covered_cap = 0;
    f->cand = NULL;
    f->cand_cap = 0;
    f->filter = NULL;
    f->filter_mask = f->filter_cap = 0;
    if (!(f->state = calloc(r->g->nent ? r->g->nent : 1, 1))) {
        free(f);
        return oom(err);
    }
    *out = f;
    return EG_OK;
}

static void postings_save(const postings *p, eg_imgw *w)
{
    uint64_t size[2] = {p->nlist, p->n};
    eg_imgw_put(w, size, sizeof size);
    eg_strmap_save(&p->map, w);
    eg_imgw_put(w, p->head, p->nlist * sizeof *p->head);
    eg_imgw_put(w, p->val, p->n * sizeof *p->val);
    eg_imgw_put(w, p->next, p->n * sizeof *p->next);
}

static int postings_view(postings *p, eg_image *im)
{
    memset(p, 0, sizeof *p);
    const uint64_t *size = eg_image_take(im, 2 * sizeof *size);
    if (!size || eg_strmap_view(&p->map, im) != 0)
        return -1;
    p->nlist = (size_t)size[0];
    p->n = (size_t)size[1];
    p->head = (uint32_t *)eg_image_array(im, p->nlist, sizeof *p->head);
    p->val = (uint32_t *)eg_image_array(im, p->n, sizeof *p->val);
    p->next = (uint32_t *)eg_image_array(im, p->n, sizeof *p->next);
    return im->bad ? -1 : 0;
}

void eg_resolver_save(const eg_resolver *r, eg_imgw *w)
{
    size_t ne = r->g->nent;
    uint64_t size[3] = {ne, r->nnames, r->pool.len};
    eg_imgw_put(w, size, sizeof size);
    eg_imgw_put(w, r->surname, ne * sizeof *r->surname);
    eg_imgw_put(w, r->name_first, ne * sizeof *r->name_first);
    eg_imgw_put(w, r->name_count, ne * sizeof *r->name_count);
    eg_imgw_put(w, r->country, ne * sizeof *r->country);
    eg_imgw_put(w, r->name_pool, r->nnames * sizeof *r->name_pool);
    eg_imgw_put(w, r->name_final, r->nnames * sizeof *r->name_final);
    eg_imgw_put(w, r->name_key, r->nnames * sizeof *r->name_key);
    eg_imgw_put(w, r->name_ent, r->nnames * sizeof *r->name_ent);
    eg_imgw_put(w, r->pool.data, r->pool.len);
    postings_save(&r->by_surname, w);
    postings_save(&r->by_key, w);
    postings_save(&r->by_delete, w);
}

int eg_resolver_view(const eg_gazetteer *g, const eg_resolve_opts *o, eg_image *im,
                     eg_resolver **out)
{
    eg_resolver *r = calloc(1, sizeof *r);
    if (!r)
        return -1;
    r->g = g;
    r->o = *o;
    r->borrowed = 1;
    size_t ne = g->nent;
    const uint64_t *size = eg_image_take(im, 3 * sizeof *size);
    int ok = size && size[0] == ne && size[2] <= UINT32_MAX &&
             (r->state = calloc(ne ? ne : 1, 1)) != NULL;
    if (ok) {
        r->nnames = (size_t)size[1];
        r->surname = (uint32_t *)eg_image_array(im, ne, sizeof *r->surname);
        r->name_first = (uint32_t *)eg_image_array(im, ne, sizeof *r->name_first);
        r->name_count = (uint32_t *)eg_image_array(im, ne, sizeof *r->name_count);
        r->country = (uint32_t *)eg_image_array(im, ne, sizeof *r->country);
        r->name_pool = (uint32_t *)eg_image_array(im, r->nnames, sizeof *r->name_pool);
        r->name_final = (uint8_t *)eg_image_array(im, r->nnames, sizeof *r->name_final);
        r->name_key = (uint32_t *)eg_image_array(im, r->nnames, sizeof *r->name_key);
        r->name_ent = (uint32_t *)eg_image_array(im, r->nnames, sizeof *r->name_ent);
        r->pool.data = (char *)eg_image_take(im, (size_t)size[2]);
        r->pool.len = r->pool.cap = (size_t)size[2];
        ok = !im->bad && (size[2] == 0 || r->pool.data[size[2] - 1] == '\0') &&
             postings_view(&r->by_surname, im) == 0 && postings_view(&r->by_key, im) == 0 &&
             postings_view(&r->by_delete, im) == 0;
    }
    if (!ok) {
        eg_resolver_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

/* ---- one document ---- */

static void mark(eg_resolver *r, uint32_t e, uint8_t bits, int *fail)
{
    if (!r->state[e]) {
        if (EG_GROW(r->touched, r->touched_cap, r->ntouched) != 0) {
            *fail = 1;
            return;
        }
        r->touched[r->ntouched++] = e;
    }
    r->state[e] |= bits;
}

/* Marks what an unambiguous, strong mention of e tells about the document. */
static void learn(eg_resolver *r, uint32_t e, int full_name, int *fail)
{
    const eg_entity *en = &r->g->ent[e];
    mark(r, e, S_SUPPORTED | (full_name && en->type == EG_PERSON ? S_NAMED : 0), fail);
    if (en->type == EG_COUNTRY)
        mark(r, e, S_IN_PLAY | S_GEO, fail);
    else if (r->country[e] != NONE)
        mark(r, r->country[e], S_IN_PLAY | (en->type == EG_PLACE ? S_GEO | S_PLACES_IN : 0),
             fail);
}

static int in_play(const eg_resolver *r, uint32_t e)
{
    if (r->state[e] & (S_SUPPORTED | S_IN_PLAY))
        return 1;
    return r->country[e] != NONE && (r->state[r->country[e]] & S_IN_PLAY);
}

/* Whether a candidate fits the document's geography. A place needs its
 * country named, or places of it (the Paris in Texas when the story names
 * the United States or Dallas), not just its people or organizations:
 * those come up in any story of world news. Between a country and a place
 * of another country ("Georgia") naming that other country is not enough
 * either: the place needs places of its country around it ("a Michigan
 * soldier stationed in Georgia"). */
static int fits_geo(const eg_resolver *r, uint32_t e, int country_rival)
{
    const eg_entity *en = &r->g->ent[e];
    if (en->type != EG_PLACE || (r->state[e] & S_SUPPORTED))
        return in_play(r, e);
    return r->country[e] != NONE &&
           (r->state[r->country[e]] & (country_rival ? S_PLACES_IN : S_GEO));
}

static int in_context(const eg_resolver *r, uint32_t e)
{
    return fits_geo(r, e, 0);
}

static int in_context_of_country(const eg_resolver *r, uint32_t e)
{
    return fits_geo(r, e, 1);
}

/* The usable candidates of a raw mention, into r->cand; returns how many. */
static size_t usable(eg_resolver *r, const eg_matches *ms, const eg_raw_mention *rm, int *fail)
{
    if (EG_GROW(r->cand, r->cand_cap, rm->ncand) != 0) {
        *fail = 1;
        return 0;
    }
    if (r->o.types == EG_ALL_TYPES && r->o.demonyms && !r->o.drop) {
        /* the defaults keep every candidate: no entity need be read (a
         * town's name may have dozens) */
        memcpy(r->cand, ms->cand + rm->cand, rm->ncand * sizeof *r->cand);
        return rm->ncand;
    }
    size_t n = 0;
    for (uint32_t c = 0; c < rm->ncand; c++) {
        const eg_candidate *cd = &ms->cand[rm->cand + c];
        const eg_entity *e = &r->g->ent[cd->entity];
        if (!(r->o.types >> e->type & 1) || (cd->demonym && !r->o.demonyms) ||
            (r->o.drop && r->o.drop[cd->entity]))
            continue;
        r->cand[n++] = *cd;
    }
    return n;
}

/* Keeps the candidates for which keep() holds, if any does. */
static size_t narrow(eg_resolver *r, size_t n, int (*keep)(const eg_resolver *, uint32_t))
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (keep(r, r->cand[i].entity))
            r->cand[m++] = r->cand[i];
    return m ? m : n;
}

static int is_named(const eg_resolver *r, uint32_t e)
{
    return (r->state[e] & S_NAMED) != 0;
}

static eg_status push(eg_mentions *out, const eg_mention *m, eg_error *err)
{
    if (EG_GROW(out->m, out->cap, out->n) != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory while resolving mentions");
    out->m[out->n++] = *m;
    return EG_OK;
}

/* Chooses among the candidates left in r->cand[0..n). */
static void choose(eg_resolver *r, size_t n, eg_mention *m)
{
    const eg_gazetteer *g = r->g;
    m->ncand = (uint16_t)(n > 65535 ? 65535 : n);
    if (n == 1) {
        m->entity = r->cand[0].entity;
        m->demonym = (uint8_t)r->cand[0].demonym;
        m->rule = r->cand[0].weak ? EG_RULE_CONFIRMED : EG_RULE_UNIQUE;
        return;
    }
    eg_rule rule = EG_RULE_PRIOR;
    size_t k = narrow(r, n, is_named);
    if (k < n && k == 1)
        rule = EG_RULE_NAMED;
    else {
        int country = 0;
        for (size_t i = 0; i < k; i++)
            country |= g->ent[r->cand[i].entity].type == EG_COUNTRY;
        size_t c = narrow(r, k, country ? in_context_of_country : in_context);
        if (c < k && c == 1)
            rule = EG_RULE_CONTEXT;
        k = c;
    }
    /* highest prior, then smallest id: the first, as the matcher orders
     * candidates (and the rules above keep their order); a tie among the
     * best only matters if no other rule decided */
    if (rule == EG_RULE_PRIOR && k > 1 &&
        eg_entity_prior(&g->ent[r->cand[1].entity]) == eg_entity_prior(&g->ent[r->cand[0].entity]))
        rule = EG_RULE_AMBIGUOUS;
    m->entity = r->cand[0].entity;
    m->demonym = (uint8_t)r->cand[0].demonym;
    m->rule = (uint8_t)rule;
}

static int cmp_mention(const void *a, const void *b)
{
    const eg_mention *x = a, *y = b;
    return x->tok_start < y->tok_start ? -1 : x->tok_start > y->tok_start;
}

/* ---- the document's filter ---- */

static uint32_t key_bit(char c)
{
    return 1u << (c >= 'a' && c <= 'z' ? c - 'a' : 26);
}

static void filter_add(eg_resolver *r, const char *w, size_t n)
{
    uint64_t h = eg_hash(w, n);
    r->filter[(h & r->filter_mask) >> 6] |= 1ULL << (h & 63);
    r->filter[(h >> 32 & r->filter_mask) >> 6] |= 1ULL << (h >> 32 & 63);
}

static int filter_has(const eg_resolver *r, const char *w, size_t n)
{
    uint64_t h = eg_hash(w, n);
    return (r->filter[(h & r->filter_mask) >> 6] >> (h & 63) & 1) &&
           (r->filter[(h >> 32 & r->filter_mask) >> 6] >> (h >> 32 & 63) & 1);
}

/* Calls f for every word the indexes can answer for the entities the
 * document names as it stands: what index_names put in them for those
 * entities. Returns how many words. */
static size_t doc_words(eg_resolver *r, void (*f)(eg_resolver *, const char *, size_t))
{
    size_t n = 0;
    char del[256];
    r->del_lens = 0;
    r->key_first = 0;
    for (size_t q = 0; q < r->ntouched; q++) {
        uint32_t e = r->touched[q];
        if ((r->state[e] & S_NAMED) && r->surname[e]) {
            const char *sn = r->pool.data + r->surname[e] - 1;
            if (f)
                f(r, sn, strlen(sn));
            n++;
        }
        if (!(r->state[e] & S_SUPPORTED) || !r->o.variants)
            continue;
        int person = r->g->ent[e].type == EG_PERSON;
        for (uint32_t at = r->name_first[e]; at < r->name_first[e] + r->name_count[e]; at++) {
            const char *nw = r->pool.data + r->name_pool[at];
            const char *key = r->pool.data + r->name_key[at];
            size_t nl = strlen(nw);
            if (nl < MIN_VARIANT_LETTERS)
                continue;
            if (f)
                f(r, key, strlen(key));
            n++;
            r->key_first |= key_bit(key[0]);
            if (!person || nl < MIN_EDIT_LETTERS || nl > sizeof del)
                continue;
            n += nl + 1;
            r->del_lens |= 1ULL << (nl < 63 ? nl : 63);
            if (!f)
                continue;
            f(r, nw, nl);
            for (size_t i = 0; i < nl; i++) {
                memcpy(del, nw, i);
                memcpy(del + i, nw + i + 1, nl - i - 1);
                f(r, del, nl - 1);
            }
        }
    }
    return n;
}

/* Fills the filter for the document, about 16 bits per word (two of them
 * set: about one false hit in 70). Returns 0 or -1 when out of memory. */
static int fill_filter(eg_resolver *r)
{
    size_t n = doc_words(r, NULL), bits = 1024;
    while (bits < 16 * n)
        bits *= 2;
    if (bits / 64 > r->filter_cap) {
        uint64_t *f = realloc(r->filter, bits / 8);
        if (!f)
            return -1;
        r->filter = f;
        r->filter_cap = bits / 64;
    }
    r->filter_mask = bits - 1;
    memset(r->filter, 0, bits / 8);
    doc_words(r, filter_add);
    return 0;
}

/* The first entry of key's list when the document can have one, or NONE. */
static uint32_t doc_first(const eg_resolver *r, const postings *p, const char *key, size_t len)
{
    return filter_has(r, key, len) ? postings_first(p, key, len) : NONE;
}

/* Whether name word `at` may stand for token i: the word itself is not a
 * variant, and a first name ("Vladmir") is taken only right next to a
 * mention of its entity, never alone. */
static int fits(const eg_resolver *r, const eg_text *t, size_t i, uint32_t at)
{
    const eg_token *tk = &t->tok[i];
    const char *nw = r->pool.data + r->name_pool[at];
    uint32_t e = r->name_ent[at];
    if (!(r->state[e] & S_SUPPORTED) || strcmp(nw, eg_token_norm(t, tk)) == 0)
        return 0;
    if (r->name_final[at])
        return 1;
    return (i + 1 < t->ntok && r->covered[i + 1] == e + 1 && (t->tok[i + 1].flags & EG_TOK_JOIN)) ||
           (i > 0 && r->covered[i - 1] == e + 1 && (tk->flags & EG_TOK_JOIN));
}

/* Counts e into found and nfound; nfound stays 1 only while every entity
 * counted is the same one. */
static void count_entity(uint32_t e, uint32_t *found, int *nfound)
{
    if (e != *found) {
        *found = e;
        ++*nfound;
    }
}

/* A spelling variant of a name word of an entity the document names: the
 * same transliteration key or, in people's names, one edit in a long
 * word that is not just an added ending ("Carolinas", "Virginian" and
 * "Caroline" are other words, not misspellings). */
static void find_variants(const eg_resolver *r, const eg_text *t, size_t i, uint32_t *found,
                          int *nfound)
{
    const eg_token *tk = &t->tok[i];
    const char *w = eg_token_norm(t, tk);
    size_t wl = tk->norm_len;
    char key[256];
    /* the first letter of the key first: most words cannot match a key
     * of the document's names */
    eg_translit_key(w, wl, key, 2);
    if (r->key_first & key_bit(key[0])) {
        eg_translit_key(w, wl, key, sizeof key);
        for (uint32_t p = doc_first(r, &r->by_key, key, strlen(key)); p != NONE;
             p = r->by_key.next[p])
            if (fits(r, t, i, r->by_key.val[p]))
                count_entity(r->name_ent[r->by_key.val[p]], found, nfound);
    }
    /* one edit away means a length one away: most words are not near
     * the length of any name word whose deletions the document has */
    uint64_t near = 7ULL << (wl - 1 < 61 ? wl - 1 : 61);
    if (wl < MIN_EDIT_LETTERS || wl > 256 || !(r->del_lens & near))
        return;
    char del[256];
    for (size_t d = 0; d <= wl; d++) {
        const char *q = w;
        size_t ql = wl;
        if (d < wl) { /* d == wl: the word itself */
            if (d > 0 && w[d] == w[d - 1])
                continue;
            memcpy(del, w, d);
            memcpy(del + d, w + d + 1, wl - d - 1);
            q = del;
            ql = wl - 1;
        }
        for (uint32_t p = doc_first(r, &r->by_delete, q, ql); p != NONE;
             p = r->by_delete.next[p]) {
            uint32_t at = r->by_delete.val[p];
            const char *nw = r->pool.data + r->name_pool[at];
            size_t nl = strlen(nw);
            int ending = wl == nl + 1 && strncmp(w, nw, nl) == 0;
            if (!ending && within_one_edit(w, wl, nw, nl) && fits(r, t, i, at))
                count_entity(r->name_ent[at], found, nfound);
        }
    }
}

/* A word no mention covers that is a surname of a person named in full,
 * or a spelling variant of a name of an entity the document names; never
 * a common word (asked last: the word list is a large table). */
static int find_extra(eg_resolver *r, const eg_text *t, size_t i, eg_mention *m)
{
    const eg_token *tk = &t->tok[i];
    const char *w = eg_token_norm(t, tk);
    if (!(tk->flags & EG_TOK_CAP) || ((tk->flags & EG_TOK_ALLCAPS) && tk->nletters > 1) ||
        (tk->flags & EG_TOK_CONTR) || tk->nletters < MIN_SURNAME_LETTERS)
        return 0;
    uint32_t found = NONE;
    int nfound = 0;
    for (uint32_t p = doc_first(r, &r->by_surname, w, tk->norm_len); p != NONE;
         p = r->by_surname.next[p])
        if (r->state[r->by_surname.val[p]] & S_NAMED)
            count_entity(r->by_surname.val[p], &found, &nfound);
    eg_rule rule = EG_RULE_PARTIAL;
    if (nfound == 0 && r->o.variants && tk->nletters >= MIN_VARIANT_LETTERS) {
        find_variants(r, t, i, &found, &nfound);
        rule = EG_RULE_VARIANT;
    }
    if (nfound != 1 || eg_gazetteer_is_common(r->g, w, tk->norm_len))
        return 0;
    m->entity = found;
    m->rule = (uint8_t)rule;
    return 1;
}

/* Whether token k, in sentence s, may be a word of a name the gazetteers
 * do not know: capitalised but not in capitals, and neither a common
 * word, a weekday or month ("in Paris Monday"), nor a title. */
static int unknown_name_word(const eg_resolver *r, const eg_text *t, size_t k, uint32_t s)
{
    const eg_token *tk = &t->tok[k];
    const char *w = eg_token_norm(t, tk);
    return tk->sentence == s && (tk->flags & EG_TOK_CAP) && !(tk->flags & EG_TOK_ALLCAPS) &&
           tk->nletters >= 2 && !eg_gazetteer_is_common(r->g, w, tk->norm_len) &&
           !eg_is_calendar_word(w) && !eg_is_title_word(w);
}

/* A one-word place or country name glued to such a word belongs to a
 * longer name: "Paris Hilton", "Michael Jordan", "Jordan Peterson", "the
 * Kabul Serena Hotel". Only with a word list, which tells common words. */
static int inside_other_name(const eg_resolver *r, const eg_text *t, const eg_matches *ms,
                             size_t k)
{
    const eg_raw_mention *rm = &ms->m[k];
    size_t i = rm->tok_start;
    uint32_t s = t->tok[i].sentence;
    if (rm->tok_end - rm->tok_start != 1 || !r->g->common.n || t->sent[s].caps ||
        (t->tok[i].flags & EG_TOK_ALLCAPS))
        return 0; /* acronyms (US, UAE) are not given or family names */
    int before = i > 0 && !(k > 0 && ms->m[k - 1].tok_end == i) &&
                 (t->tok[i].flags & EG_TOK_JOIN) && !(t->tok[i - 1].flags & EG_TOK_POSS) &&
                 unknown_name_word(r, t, i - 1, s);
    int after = i + 1 < t->ntok && !(k + 1 < ms->n && ms->m[k + 1].tok_start == i + 1) &&
                (t->tok[i + 1].flags & EG_TOK_JOIN) && !(t->tok[i].flags & EG_TOK_POSS) &&
                unknown_name_word(r, t, i + 1, s);
    if (!before && !after)
        return 0; /* the usual case: the candidates need not be looked at */
    for (uint32_t c = 0; c < rm->ncand; c++) {
        const eg_candidate *cd = &ms->cand[rm->cand + c];
        eg_type type = r->g->ent[cd->entity].type;
        if (cd->demonym || (type != EG_PLACE && type != EG_COUNTRY))
            return 0;
    }
    return 1;
}

eg_status eg_resolve(eg_resolver *r, const eg_text *t, const eg_matches *ms, eg_mentions *out,
                     eg_error *err)
{
    out->n = 0;
    for (size_t q = 0; q < r->ntouched; q++)
        r->state[r->touched[q]] = 0;
    r->ntouched = 0;
    int fail = 0;

    /* what the unambiguous, strong mentions say about the document */
    for (size_t i = 0; i < ms->n && !fail; i++) {
        const eg_raw_mention *rm = &ms->m[i];
        if (inside_other_name(r, t, ms, i))
            continue;
        size_t n = usable(r, ms, rm, &fail);
        if (n == 1 && !r->cand[0].weak)
            learn(r, r->cand[0].entity, rm->tok_end - rm->tok_start >= 2, &fail);
    }
    /* choose, dropping weak evidence the document does not confirm */
    for (size_t i = 0; i < ms->n && !fail; i++) {
        const eg_raw_mention *rm = &ms->m[i];
        if (inside_other_name(r, t, ms, i))
            continue;
        size_t n = usable(r, ms, rm, &fail), k = 0;
        for (size_t c = 0; c < n; c++)
            if (!r->cand[c].weak || in_play(r, r->cand[c].entity))
                r->cand[k++] = r->cand[c];
        if (k == 0)
            continue;
        eg_mention m = {0};
        m.tok_start = rm->tok_start;
        m.tok_end = rm->tok_end;
        m.start = rm->start;
        m.end = rm->end;
        m.sentence = t->tok[rm->tok_start].sentence;
        choose(r, k, &m);
        EG_CHECK(push(out, &m, err));
    }
    if (fail)
        return eg_error_add(err, EG_ENOMEM, "out of memory while resolving mentions");
    /* entities chosen by a rule support partial names and variants too */
    for (size_t i = 0; i < out->n && !fail; i++)
        if (out->m[i].rule != EG_RULE_AMBIGUOUS && out->m[i].rule != EG_RULE_CONFIRMED)
            learn(r, out->m[i].entity, out->m[i].tok_end - out->m[i].tok_start >= 2, &fail);

    /* surnames and spelling variants in the words no mention covers */
    if (EG_GROW(r->covered, r->covered_cap, t->ntok) != 0 || fill_filter(r) != 0)
        fail = 1;
    if (fail)
        return eg_error_add(err, EG_ENOMEM, "out of memory while resolving mentions");
    memset(r->covered, 0, t->ntok * sizeof *r->covered);
    for (size_t i = 0; i < out->n; i++)
        for (uint32_t k = out->m[i].tok_start; k < out->m[i].tok_end; k++)
            r->covered[k] = out->m[i].entity + 1;
    size_t before = out->n;
    for (size_t i = 0; i < t->ntok; i++) {
        eg_mention m = {0};
        if (r->covered[i] || !find_extra(r, t, i, &m))
            continue;
        const eg_entity *e = &r->g->ent[m.entity];
        if (!(r->o.types >> e->type & 1) || (r->o.drop && r->o.drop[m.entity]))
            continue;
        m.tok_start = (uint32_t)i;
        m.tok_end = (uint32_t)i + 1;
        m.start = t->tok[i].start;
        m.end = t->tok[i].end;
        m.sentence = t->tok[i].sentence;
        m.ncand = 1;
        EG_CHECK(push(out, &m, err));
    }
    if (out->n == before)
        return EG_OK;
    qsort(out->m, out->n, sizeof *out->m, cmp_mention);
    /* "Vladmir" + "Putin": a variant next to a mention of the same entity
     * joins it */
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        eg_mention *prev = w ? &out->m[w - 1] : NULL;
        const eg_mention *cur = &out->m[i];
        if (prev && prev->entity == cur->entity && prev->tok_end == cur->tok_start &&
            (t->tok[cur->tok_start].flags & EG_TOK_JOIN) &&
            (prev->rule == EG_RULE_VARIANT || cur->rule == EG_RULE_VARIANT) &&
            prev->rule != EG_RULE_AMBIGUOUS && cur->rule != EG_RULE_AMBIGUOUS) {
            prev->tok_end = cur->tok_end;
            prev->end = cur->end;
            prev->rule = EG_RULE_VARIANT;
            continue;
        }
        out->m[w++] = *cur;
    }
    out->n = w;
    return EG_OK;
}

void eg_mentions_free(eg_mentions *ms)
{
    free(ms->m);
    memset(ms, 0, sizeof *ms);
}
