/*
 * matcher.c - a token-level trie automaton for the gazetteer aliases.
 *
 * Every alias is tokenised and normalised by the text stage, exactly as a
 * document is, so "Kyrgyzstan’s", "KYRGYZSTAN" and "Kyrgyzstan" all meet
 * the alias "Kyrgyzstan". Each distinct normalised token gets a symbol;
 * transitions (state, symbol) -> state live in one hash table. At every
 * token the automaton is walked as far as it goes and the longest accepted
 * alias wins (leftmost-longest, no overlaps); aliases are at most 32
 * tokens, so this costs O(tokens x alias length) without failure links.
 * Per token of text that is one vocabulary look-up (a word-wise hash over
 * the padded forms of the text stage; the hashes of a block of tokens
 * come first, so the table's cache misses overlap) and, since most
 * tokens start no alias, an array load for the step from the root. A
 * step past the first word asks a bitset of the transitions before the
 * table: after a word such as "the" or "new" the step is rarely there.
 *
 * An alias state holds variants, one per entity that uses the alias, with
 * the case rules of that spelling: an all-capitals word of two or more
 * letters (ICC, CIS, US) matches only all-capitals text, and an alias made
 * only of common words (China, Turkey, White House) needs every word
 * capitalised.
 * Multi-word aliases must not span punctuation or a possessive that the
 * alias itself does not have ("Kyrgyzstan, Russia" is two names).
 * A word ending in a contraction (She'll, we're, can't: EG_TOK_CONTR)
 * matches only an alias word that has it too, since apostrophes are
 * dropped and "She'll" and "Shell" normalise alike.
 */
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "util/buf.h"


enum { V_DEMONYM = 1, V_NEEDCAP = 2 };

typedef struct {
    uint32_t entity;
    uint32_t flags;
    uint32_t caps;  /* bit k: token k must be all capitals */
    uint32_t loose; /* bit k: token k may follow punctuation */
    uint32_t poss;  /* bit k: token k carries a possessive ('s) in the alias */
    uint32_t upper; /* bit k: token k is capitalised in the alias */
    uint32_t contr; /* bit k: token k ends in a contraction in the alias (She'll) */
} variant;

typedef struct {
    uint32_t state;
    variant v;
} pending;

/* What the walk reads of a state, in one place: its variants and whether
 * any transition leaves it. */
typedef struct {
    uint32_t var_off;     /* first variant */
    uint32_t var_n : 31;  /* number of variants */
    uint32_t inner : 1;   /* a transition leaves it */
    uint32_t needcap;     /* bit k: every variant needs token k capitalised, so a
                             lower-case "union" or "reading" skips the dozens of
                             towns of that name at once */
} state_info;


struct eg_matcher {
    const eg_gazetteer *g;
    eg_strmap vocab;    /* normalised token -> symbol (1-based) */
    eg_u64map trans;    /* state << 32 | symbol -> state */
    uint64_t *tfilter;  /* a bit per hashed transition, 16 bits per transition:
                           most steps looked up are not there */
    unsigned tfilter_shift;
    uint32_t *root;     /* per symbol: the state after it from the root, 0 if none */
    uint32_t nstates;
    state_info *st;     /* per state */
    variant *var;
    size_t nvar;
    int borrowed;       /* the arrays are an image's */
};

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory while compiling the gazetteer");
}

/* The filter bit of a transition (state << 32 | symbol): the high bits
 * of a multiplicative hash. */
static inline uint64_t tfilter_bit(const eg_matcher *m, uint64_t key)
{
    return (key * 0x9e3779b97f4a7c15ULL) >> m->tfilter_shift;
}

static int cmp_pending(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    if (x->state != y->state)
        return x->state < y->state ? -1 : 1;
    if (x->v.entity != y->v.entity)
        return x->v.entity < y->v.entity ? -1 : 1;
    return 0;
}

/* Sorts *pend by (state, entity). A counting sort on the state keeps the
 * variants of each state in alias order, which is entity order already
 * when the gazetteer lists its aliases entity by entity, as the loader
 * does; a group that is not in order is sorted on its own. Linear where
 * qsort took a tenth of the compile time of 180,000 aliases. Returns 0 or
 * -1 when out of memory (*pend unchanged). */
/* The order of a state's variants, and so of a mention's candidates:
 * highest prior first, then smallest id (eg_raw_mention). */
static int cmp_variant(const void *a, const void *b, void *gz)
{
    const eg_gazetteer *g = gz;
    const eg_entity *x = &g->ent[((const variant *)a)->entity];
    const eg_entity *y = &g->ent[((const variant *)b)->entity];
    if (eg_entity_prior(x) != eg_entity_prior(y))
        return eg_entity_prior(x) > eg_entity_prior(y) ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int sort_pending(pending **pend, size_t n, uint32_t nstates)
{
    uint32_t *next = calloc((size_t)nstates + 1, sizeof *next);
    pending *out = malloc((n ? n : 1) * sizeof *out);
    if (!next || !out) {
        free(next);
        free(out);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        next[(*pend)[i].state + 1]++;
    for (uint32_t st = 1; st <= nstates; st++)
        next[st] += next[st - 1];
    for (size_t i = 0; i < n; i++)
        out[next[(*pend)[i].state]++] = (*pend)[i];
    for (size_t g = 0, i = 1; i <= n; i++) {
        if (i < n && out[i].state == out[g].state)
            continue;
        for (size_t j = g + 1; j < i; j++) {
            if (out[j].v.entity < out[j - 1].v.entity) {
                qsort(out + g, i - g, sizeof *out, cmp_pending);
                break;
            }
        }
        g = i;
    }
    free(next);
    free(*pend);
    *pend = out;
    return 0;
}

/* Two spellings of one entity that normalise alike: keep the laxer rules,
 * and a name beats a demonym. */
static void merge(variant *into, const variant *v)
{
    into->caps &= v->caps;
    into->loose |= v->loose;
    into->poss &= v->poss;
    into->upper &= v->upper;
    into->contr |= v->contr;
    if (!(v->flags & V_NEEDCAP))
        into->flags &= ~(uint32_t)V_NEEDCAP;
    if (!(v->flags & V_DEMONYM))
        into->flags &= ~(uint32_t)V_DEMONYM;
}

static eg_status add_alias(eg_matcher *m, const eg_alias *a, eg_text *t, pending **pend,
                           size_t *npend, size_t *pcap, eg_error *err)
{
    EG_CHECK(eg_text_analyze(t, a->text, strlen(a->text), err));
    if (t->ntok == 0)
        return EG_OK; /* rejected by the loader already */
    if (t->ntok > EG_ALIAS_MAX_TOKENS)
        return eg_error_add(err, EG_EINPUT, "%s:%u:%u: alias \"%.60s...\" has more than %d words",
                            a->file, a->line, a->col, a->text, EG_ALIAS_MAX_TOKENS);
    variant v = {a->entity, (a->flags & EG_ALIAS_DEMONYM) ? V_DEMONYM : 0, 0, 0, 0, 0, 0};
    uint32_t state = 0;
    for (size_t k = 0; k < t->ntok; k++) {
        const eg_token *tk = &t->tok[k];
        uint32_t sym;
        int r = eg_strmap_put(&m->vocab, eg_token_norm(t, tk), tk->norm_len,
                              (uint32_t)m->vocab.n + 1, &sym);
        if (r < 0)
            return oom(err);
        uint32_t next;
        r = eg_u64map_put(&m->trans, (uint64_t)state << 32 | sym, m->nstates, &next);
        if (r < 0)
            return oom(err);
        if (r == 1)
            m->nstates++;
        state = next;
        if ((tk->flags & EG_TOK_ALLCAPS) && tk->nletters >= 2)
            v.caps |= 1u << k;
        if (k > 0 && !(tk->flags & EG_TOK_JOIN))
            v.loose |= 1u << k;
        if (tk->flags & EG_TOK_POSS)
            v.poss |= 1u << k;
        if (tk->flags & EG_TOK_CAP)
            v.upper |= 1u << k;
        if (tk->flags & EG_TOK_CONTR)
            v.contr |= 1u << k;
    }
    /* common words ("Turkey", "Long Beach", "White House") need capitals
     * where the alias has them ("Commonwealth of Independent States") */
    int common = !v.caps;
    for (size_t k = 0; k < t->ntok && common; k++)
        common = eg_gazetteer_is_common(m->g, eg_token_norm(t, &t->tok[k]), t->tok[k].norm_len);
    if (common)
        v.flags |= V_NEEDCAP;
    if (EG_GROW(*pend, *pcap, *npend) != 0)
        return oom(err);
    (*pend)[(*npend)++] = (pending){state, v};
    return EG_OK;
}

eg_status eg_matcher_new(const eg_gazetteer *g, eg_matcher **out, eg_error *err)
{
    eg_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return oom(err);
    m->g = g;
    eg_strmap_init(&m->vocab);
    eg_u64map_init(&m->trans);
    m->nstates = 1; /* the root */
    pending *pend = NULL;
    size_t npend = 0, pcap = 0;
    eg_text t;
    eg_text_init(&t);
    eg_status st = EG_OK;
    for (size_t i = 0; i < g->nalias && st == EG_OK; i++)
        st = add_alias(m, &g->alias[i], &t, &pend, &npend, &pcap, err);
    eg_text_free(&t);
    if (st == EG_OK && npend && sort_pending(&pend, npend, m->nstates) != 0)
        st = oom(err);
    if (st == EG_OK) {
        m->st = calloc(m->nstates, sizeof *m->st);
        m->var = malloc((npend ? npend : 1) * sizeof *m->var);
        if (!m->st || !m->var)
            st = oom(err);
    }
    if (st == EG_OK) {
        /* 16 bits per transition, one of them set: about one false
         * hit in 16 */
        unsigned lg = 9;
        while (((size_t)1 << lg) < 16 * (size_t)m->trans.n)
            lg++;
        m->tfilter_shift = 64 - lg;
        if (!(m->tfilter = calloc(((size_t)1 << lg) / 64, sizeof *m->tfilter)))
            st = oom(err);
    }
    for (size_t j = 0; st == EG_OK && j < m->trans.nslots; j++) {
        if (m->trans.slots[j].used) {
            uint64_t key = m->trans.slots[j].key, b = tfilter_bit(m, key);
            m->tfilter[b >> 6] |= 1ULL << (b & 63);
            m->st[key >> 32].inner = 1;
        }
    }
    for (size_t i = 0; st == EG_OK && i < npend; i++) {
        const pending *p = &pend[i];
        if (m->nvar > 0 && i > 0 && pend[i - 1].state == p->state &&
            m->var[m->nvar - 1].entity == p->v.entity) {
            merge(&m->var[m->nvar - 1], &p->v);
            continue;
        }
        if (m->st[p->state].var_n == 0)
            m->st[p->state].var_off = (uint32_t)m->nvar;
        m->var[m->nvar++] = p->v;
        m->st[p->state].var_n++;
    }
    for (uint32_t q = 0; st == EG_OK && q < m->nstates; q++) {
        state_info *si = &m->st[q];
        if (si->var_n > 1)
            qsort_r(m->var + si->var_off, si->var_n, sizeof *m->var, cmp_variant, (void *)g);
        si->needcap = si->var_n ? ~0u : 0;
        for (uint32_t v = 0; v < si->var_n; v++) {
            const variant *va = &m->var[si->var_off + v];
            si->needcap &= (va->flags & V_NEEDCAP) ? va->upper : 0;
        }
    }
    free(pend);
    /* most tokens of a text start no alias: one array load tells */
    if (st == EG_OK && !(m->root = calloc(m->vocab.n + 1, sizeof *m->root)))
        st = oom(err);
    for (uint32_t sym = 1; st == EG_OK && sym <= m->vocab.n; sym++) {
        uint32_t next;
        if (eg_u64map_get(&m->trans, sym, &next))
            m->root[sym] = next;
    }
    if (st != EG_OK) {
        eg_matcher_free(m);
        return st;
    }
    *out = m;
    return EG_OK;
}

void eg_matcher_free(eg_matcher *m)
{
    if (!m)
        return;
    eg_strmap_free(&m->vocab);
    eg_u64map_free(&m->trans);
    if (!m->borrowed) {
        free(m->root);
        free(m->tfilter);
        free(m->st);
        free(m->var);
    }
    free(m);
}

/* The filter's size follows from its shift: 2^(64 - shift) bits. */
static size_t tfilter_words(unsigned shift)
{
    return ((size_t)1 << (64 - shift)) / 64;
}

void eg_matcher_save(const eg_matcher *m, eg_imgw *w)
{
    uint64_t size[3] = {m->tfilter_shift, m->nstates, m->nvar};
    eg_imgw_put(w, size, sizeof size);
    eg_strmap_save(&m->vocab, w);
    eg_u64map_save(&m->trans, w);
    eg_imgw_put(w, m->tfilter, tfilter_words(m->tfilter_shift) * sizeof *m->tfilter);
    eg_imgw_put(w, m->root, (m->vocab.n + 1) * sizeof *m->root);
    eg_imgw_put(w, m->st, m->nstates * sizeof *m->st);
    eg_imgw_put(w, m->var, m->nvar * sizeof *m->var);
}

int eg_matcher_view(const eg_gazetteer *g, eg_image *im, eg_matcher **out)
{
    eg_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return -1;
    m->g = g;
    m->borrowed = 1;
    const uint64_t *size = eg_image_take(im, 3 * sizeof *size);
    int ok = size && size[0] >= 64 - 40 && size[0] <= 64 - 9 && size[1] >= 1 &&
             size[1] <= UINT32_MAX;
    if (ok) {
        m->tfilter_shift = (unsigned)size[0];
        m->nstates = (uint32_t)size[1];
        m->nvar = (size_t)size[2];
        ok = eg_strmap_view(&m->vocab, im) == 0 && eg_u64map_view(&m->trans, im) == 0;
    }
    if (ok) {
        m->tfilter = (uint64_t *)eg_image_array(im, tfilter_words(m->tfilter_shift),
                                                sizeof *m->tfilter);
        m->root = (uint32_t *)eg_image_array(im, m->vocab.n + 1, sizeof *m->root);
        m->st = (state_info *)eg_image_array(im, m->nstates, sizeof *m->st);
        m->var = (variant *)eg_image_array(im, m->nvar, sizeof *m->var);
        ok = !im->bad;
    }
    if (!ok) {
        eg_matcher_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

size_t eg_matcher_nstates(const eg_matcher *m)
{
    return m->nstates;
}

void eg_matches_free(eg_matches *ms)
{
    free(ms->m);
    free(ms->cand);
    free(ms->sym);
    free(ms->hash);
    memset(ms, 0, sizeof *ms);
}

/* Whether a one-word alias in capitals of four letters or more may meet
 * token tk written in Title Case, as British house style writes acronyms
 * (Nato, Unicef, Ecowas, Opec): only where the word is not a common word
 * (Aids, Who). */
static int title_acronym(const eg_matcher *m, const eg_text *t, const eg_token *tk)
{
    return tk->nletters >= 4 && (tk->flags & EG_TOK_CAP) &&
           !eg_gazetteer_is_common(m->g, eg_token_norm(t, tk), tk->norm_len);
}

static int variant_ok(const eg_matcher *m, const eg_text *t, const variant *v, size_t i, size_t n)
{
    const eg_token *tok = t->tok;
    for (size_t k = 0; k < n; k++) {
        const eg_token *tk = &tok[i + k];
        if ((v->caps >> k & 1) && !(tk->flags & EG_TOK_ALLCAPS) &&
            !(n == 1 && title_acronym(m, t, tk)))
            return 0;
        if (k > 0 && !(v->loose >> k & 1) && !(tk->flags & EG_TOK_JOIN))
            return 0;
        /* "Russia's" may end any name; inside one only where the alias has
         * it ("People's Republic of China") */
        if (k + 1 < n && (tk->flags & EG_TOK_POSS) && !(v->poss >> k & 1))
            return 0;
        /* "She'll" is not Shell, nor "we're" Were */
        if ((tk->flags & EG_TOK_CONTR) && !(v->contr >> k & 1))
            return 0;
    }
    for (size_t k = 0; (v->flags & V_NEEDCAP) && k < n; k++)
        if ((v->upper >> k & 1) && !(tok[i + k].flags & EG_TOK_CAP))
            return 0;
    return 1;
}

/* Bit k: token i + k is capitalised (k < n). */
static uint32_t cap_bits(const eg_token *tok, size_t i, size_t n)
{
    uint32_t b = 0;
    for (size_t k = 0; k < n; k++)
        b |= (uint32_t)((tok[i + k].flags & EG_TOK_CAP) != 0) << k;
    return b;
}

/* Case evidence that proves nothing: an acronym or a capitalised common
 * word in an ALL-CAPS line, or a common word whose only capital is the
 * one every sentence opens with ("Turkey", "Nice" as first word). */
static uint16_t is_weak(const variant *v, const eg_text *t, size_t i)
{
    const eg_token *tk = &t->tok[i];
    if ((v->caps || (v->flags & V_NEEDCAP)) && t->sent[tk->sentence].caps)
        return 1;
    int one_capital = (v->upper & (v->upper - 1)) == 0; /* at most one bit */
    return (v->flags & V_NEEDCAP) && (tk->flags & EG_TOK_SSTART) && (v->upper & 1) && one_capital;
}

eg_status eg_matcher_run(const eg_matcher *m, const eg_text *t, eg_matches *out, eg_error *err)
{
    out->n = 0;
    out->ncand = 0;
    size_t n = t->ntok;
    /* symbols first: one look-up per token */
    if (n > out->sym_cap) {
        free(out->sym);
        out->sym_cap = 0;
        if (!(out->sym = malloc(n * sizeof *out->sym)))
            return oom(err);
        out->sym_cap = n;
    }
    if (n > out->hash_cap) {
        free(out->hash);
        out->hash_cap = 0;
        if (!(out->hash = malloc(n * sizeof *out->hash)))
            return oom(err);
        out->hash_cap = n;
    }
    uint32_t *sym = out->sym;
    /* a block of 64 at a time: hash and prefetch, then look up */
    for (size_t i0 = 0; i0 < n; i0 += 64) {
        uint64_t *hs = out->hash + i0;
        size_t nb = n - i0 < 64 ? n - i0 : 64;
        for (size_t k = 0; k < nb; k++) {
            const eg_token *tk = &t->tok[i0 + k];
            hs[k] = eg_hash_padded(eg_token_norm(t, tk), tk->norm_len);
            eg_strmap_prefetch(&m->vocab, hs[k]);
        }
        for (size_t k = 0; k < nb; k++) {
            const eg_token *tk = &t->tok[i0 + k];
            uint32_t s = 0;
            eg_strmap_get_hashed(&m->vocab, eg_token_norm(t, tk), tk->norm_len, hs[k], &s);
            sym[i0 + k] = s;
        }
    }
    eg_status st = EG_OK;
    size_t i = 0;
    while (i < n) {
        if (!sym[i] || !m->root[sym[i]]) {
            i++;
            continue;
        }
        uint32_t state = 0;
        size_t best_len = 0;
        uint32_t best_state = 0;
        for (size_t j = i; j < n && j - i < EG_ALIAS_MAX_TOKENS; j++) {
            if (!sym[j] || (j > i && t->tok[j].sentence != t->tok[i].sentence))
                break;
            uint32_t next;
            if (j == i)
                next = m->root[sym[j]];
            else {
                uint64_t key = (uint64_t)state << 32 | sym[j], b = tfilter_bit(m, key);
                if (!m->st[state].inner || !(m->tfilter[b >> 6] >> (b & 63) & 1) ||
                    !eg_u64map_get(&m->trans, key, &next))
                    break;
            }
            state = next;
            const state_info *si = &m->st[state];
            if (si->needcap && (si->needcap & ~cap_bits(t->tok, i, j - i + 1)))
                continue;
            for (uint32_t v = 0; v < si->var_n; v++) {
                if (variant_ok(m, t, &m->var[si->var_off + v], i, j - i + 1)) {
                    best_len = j - i + 1;
                    best_state = state;
                    break;
                }
            }
        }
        if (!best_len) {
            i++;
            continue;
        }
        if (EG_GROW(out->m, out->cap, out->n) != 0) {
            st = oom(err);
            break;
        }
        eg_raw_mention *rm = &out->m[out->n++];
        rm->tok_start = (uint32_t)i;
        rm->tok_end = (uint32_t)(i + best_len);
        rm->start = t->tok[i].start;
        rm->end = t->tok[i + best_len - 1].end;
        rm->cand = (uint32_t)out->ncand;
        rm->ncand = 0;
        const state_info *bs = &m->st[best_state];
        for (uint32_t v = 0; v < bs->var_n && st == EG_OK; v++) {
            const variant *va = &m->var[bs->var_off + v];
            if (!variant_ok(m, t, va, i, best_len))
                continue;
            if (EG_GROW(out->cand, out->cand_cap, out->ncand) != 0) {
                st = oom(err);
                break;
            }
            out->cand[out->ncand++] =
                (eg_candidate){va->entity, (va->flags & V_DEMONYM) != 0, is_weak(va, t, i)};
            rm->ncand++;
        }
        i += best_len;
    }
    return st;
}
