/*
 * suggest.c - uncovered capitalised names, gathered and ranked.
 *
 * Per document: tokens are marked as free, covered by a known entity (a
 * raw match or a resolved mention), covered by a person, or out of
 * bounds (boilerplate when skipped, lines in capitals or Title Case).
 * Runs of capitalised tokens are cut, trimmed and kept as occurrences;
 * lone surnames are then credited to a full name of the same document,
 * and the occurrences are added to the corpus-wide table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"
#include "words.h"
#include "util/buf.h"
#include "util/hmap.h"

#define EXAMPLE_MAX 240 /* bytes of an example sentence, around the name */
#define ID_MAX 64       /* bytes of a slug, before a -2 to make it unique */

enum {
    FREE = 0, /* no gazetteer name here */
    KNOWN,    /* part of a known name */
    DEMONYM,  /* a known demonym: Russian */
    PERSON,   /* part of a known person's name: ends a run */
    OUT       /* boilerplate or a headline: not looked at */
};

typedef struct {
    char *label;
    int label_caps;
    size_t count, documents, last_doc;
    size_t cues[EG_NCUES];
    char **examples;
    size_t nexamples;
    int namelike; /* seen as a personal name could be written */
    int single;   /* one word in mixed case */
} cand;

/* One name found in the current document. */
typedef struct {
    uint32_t a, b;        /* tokens [a, b) */
    uint32_t key, keylen; /* in the document's key buffer */
    uint32_t last, lastlen;
    uint8_t cues[EG_NCUES];
    uint8_t namelike;     /* 2-4 free mixed-case words, no joiner or keyword */
    uint8_t single;       /* one free mixed-case word */
    int32_t credit;       /* occurrence index of the full name, or -1 */
} occ;

struct eg_suggester {
    eg_suggest_opts o;
    eg_strmap names; /* key -> index in c */
    cand *c;
    size_t nc, ccap;
    size_t ndocs;
    /* per document scratch */
    uint8_t *state;
    size_t state_cap;
    uint8_t *newline; /* 1: a line break before the token */
    occ *occ;
    size_t nocc, occ_cap;
    eg_buf keys;
    /* results */
    eg_suggestion *out;
    size_t nout;
};

/* ---- word lists (normalised forms) ---- */

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

/* Lower-case words that may join two capitalised ones inside a name. */
static const char *const joiners[] = {"of",  "for", "and", "the", "de",  "del", "della", "di",
                                      "da",  "dos", "das", "do",  "du",  "la",  "le",    "les",
                                      "al",  "el",  "bin", "ibn", "van", "von", "der",   "den",
                                      "y",   "e",   "zu",  "ul",  "ur",  NULL};
/* Function words that open sentences; they matter when no word list is
 * loaded, which otherwise covers them. */
static const char *const openers[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "you", "as", "after", "before", "for", "with", "by",
    "from", "if", "when", "while", "his", "her", "its", "their", "our", "there", "then", NULL};
static const char *const orgwords[] = {
    "ministry", "ministries", "council", "committee", "commission", "party", "bank", "agency",
    "court", "tribunal", "union", "organization", "organisation", "association", "company",
    "corporation", "corp", "inc", "ltd", "llc", "plc", "group", "university", "institute",
    "academy", "college", "school", "parliament", "assembly", "congress", "senate", "army",
    "navy", "forces", "police", "service", "services", "news", "times", "post", "press",
    "television", "tv", "radio", "federation", "front", "movement", "league", "fund", "office",
    "department", "authority", "foundation", "network", "alliance", "club", "bureau",
    "center", "centre", "government", "cabinet", "administration", "secretariat", "coalition",
    "brigade", "battalion", "regiment", "guard", "church", "media", "trust", "board",
    "directorate", "airlines", "airways", "holding", "holdings", "exchange", "gazette",
    "journal", "herald", "tribune", "daily", "forum", "initiative", NULL};
static const char *const placewords[] = {
    "base", "airbase", "airport", "airfield", "river", "sea", "lake", "mountain", "mountains",
    "mount",
    "island", "islands", "province", "region", "oblast", "district", "county", "valley",
    "street", "avenue", "road", "square", "bay", "gulf", "strait", "peninsula", "desert",
    "canyon", "port", "harbour", "harbor", "bridge", "station", "park", "city", "village",
    "town", "coast", "plateau", "basin", "reservoir", "dam", "canal", "cape", "forest",
    "highway", "prison", "camp", "territory", "krai", "governorate", "prefecture", "canton",
    "municipality", "okrug", "oasis", "pass", "field", "plant", "mine", "range", NULL};

/* Verbs of speech right after a name: more often a person than not. */
static const char *const speech[] = {"said", "says", "told", "asked", "added", "replied",
                                     "wrote", "argued", "insisted", "recalled", NULL};

/* ---- token tests ---- */

typedef struct {
    eg_suggester *s;
    const eg_tagger *t;
    const eg_tagged *tg;
    const eg_text *x;
    const eg_gazetteer *gz;
    const char *data;
} doc_ctx;

static const char *norm(const doc_ctx *d, uint32_t i)
{
    return eg_token_norm(d->x, &d->x->tok[i]);
}

static int capital(const doc_ctx *d, uint32_t i)
{
    const eg_token *k = &d->x->tok[i];
    return k->nletters > 0 && (k->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS));
}

static int common(const doc_ctx *d, uint32_t i)
{
    const char *w = norm(d, i);
    return eg_gazetteer_is_common(d->gz, w, strlen(w)) || in_list(w, openers);
}

/* Words glued together by a scraper (HomeWorldAsiaPutin): a capital
 * after a small letter twice; McDonald and DeSantis have it once. */
static int glued(const doc_ctx *d, uint32_t i)
{
    const eg_token *k = &d->x->tok[i];
    int humps = 0;
    for (uint32_t p = k->start + 1; p < k->end; p++)
        humps += d->data[p] >= 'A' && d->data[p] <= 'Z' && d->data[p - 1] >= 'a' &&
                 d->data[p - 1] <= 'z';
    return humps >= 2;
}

/* I'm, You'll, Don't: a pronoun or verb, not a name. */
static int contraction(const doc_ctx *d, uint32_t i)
{
#define RSQ "\xE2\x80\x99" /* U+2019, the typographic apostrophe */
    static const char *const ends[] = {"'m", "'ve", "'re", "'ll", "'d", "n't", RSQ "m", RSQ "ve",
                                       RSQ "re", RSQ "ll", RSQ "d", "n" RSQ "t", NULL};
#undef RSQ
    const eg_token *k = &d->x->tok[i];
    size_t n = k->end - k->start;
    for (const char *const *e = ends; *e; e++) {
        size_t m = strlen(*e);
        if (n > m && strncasecmp(d->data + k->end - m, *e, m) == 0)
            return 1;
    }
    return 0;
}

/* A capitalised token that may be part of a name. */
static int namey(const doc_ctx *d, uint32_t i)
{
    uint8_t st = d->s->state[i];
    return capital(d, i) && (st == FREE || st == KNOWN || st == DEMONYM) &&
           !eg_is_calendar_word(norm(d, i)) && !glued(d, i);
}

static int joiner(const doc_ctx *d, uint32_t i)
{
    return !capital(d, i) && d->s->state[i] == FREE && in_list(norm(d, i), joiners);
}

/* Token i follows token i-1 closely in the same line and sentence. */
static int joined(const doc_ctx *d, uint32_t i)
{
    const eg_token *k = &d->x->tok[i];
    return (k->flags & EG_TOK_JOIN) && !d->s->newline[i] && k->sentence == k[-1].sentence &&
           !(k[-1].flags & EG_TOK_POSS);
}

/* ---- per-document marking ---- */

static eg_status mark(doc_ctx *d, eg_error *err)
{
    eg_suggester *s = d->s;
    const eg_text *x = d->x;
    size_t n = x->ntok ? x->ntok : 1;
    if (n > s->state_cap) {
        uint8_t *a = realloc(s->state, n), *b = realloc(s->newline, n);
        if (a)
            s->state = a;
        if (b)
            s->newline = b;
        if (!a || !b)
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        s->state_cap = n;
    }
    memset(s->state, FREE, n);
    for (size_t i = 0; i < x->ntok; i++) {
        uint32_t from = i ? x->tok[i - 1].end : 0;
        /* LF, CRLF or a lone CR (old Mac files) */
        s->newline[i] = memchr(d->data + from, '\n', x->tok[i].start - from) ||
                        memchr(d->data + from, '\r', x->tok[i].start - from);
    }
    /* raw matches cover what the gazetteers know, even when resolution
     * or --types left the mention out */
    const eg_matches *raw = &d->tg->raw;
    for (size_t i = 0; i < raw->n; i++) {
        const eg_raw_mention *m = &raw->m[i];
        int person = 0, demonym = 1;
        for (uint32_t c = 0; c < m->ncand; c++) {
            person |= d->gz->ent[raw->cand[m->cand + c].entity].type == EG_PERSON;
            demonym &= raw->cand[m->cand + c].demonym;
        }
        for (uint32_t k = m->tok_start; k < m->tok_end; k++)
            s->state[k] = person ? PERSON : demonym ? DEMONYM : KNOWN;
    }
    const eg_mentions *ms = &d->tg->mentions;
    for (size_t i = 0; i < ms->n; i++) {
        const eg_mention *m = &ms->m[i];
        if (m->rule == EG_RULE_DISCOVERED)
            continue; /* not in the gazetteer: still to suggest */
        int person = d->gz->ent[m->entity].type == EG_PERSON;
        for (uint32_t k = m->tok_start; k < m->tok_end; k++)
            if (person || s->state[k] == FREE)
                s->state[k] = person ? PERSON : KNOWN;
    }
    /* boilerplate, when the tagger skips it */
    if (d->t->skip_boilerplate) {
        size_t b = 0;
        for (size_t i = 0; i < x->ntok; i++) {
            while (b < d->tg->boiler.n && d->tg->boiler.s[b].end <= x->tok[i].start)
                b++;
            if (b < d->tg->boiler.n && d->tg->boiler.s[b].start <= x->tok[i].start)
                s->state[i] = OUT;
        }
    }
    /* sentences in capitals */
    for (size_t i = 0; i < x->ntok; i++)
        if (x->sent[x->tok[i].sentence].caps)
            s->state[i] = OUT;
    /* lines in Title Case (headlines, menus): most of their common words
     * of four letters or more (past a sentence's first) are capitalised;
     * lines in capitals */
    for (size_t i = 0; i < x->ntok;) {
        size_t j = i + 1;
        while (j < x->ntok && !s->newline[j])
            j++;
        size_t words = 0, caps = 0, lettered = 0, allcaps = 0;
        for (size_t k = i; k < j; k++) {
            const eg_token *tk = &x->tok[k];
            if (tk->nletters >= 2) {
                lettered++;
                allcaps += (tk->flags & EG_TOK_ALLCAPS) != 0;
            }
            if (tk->nletters >= 4 && !(tk->flags & (EG_TOK_ALLCAPS | EG_TOK_SSTART)) &&
                common(d, (uint32_t)k)) {
                words++;
                caps += (tk->flags & EG_TOK_CAP) != 0;
            }
        }
        if ((words >= 3 && caps * 4 >= words * 3) || (lettered >= 3 && allcaps == lettered))
            memset(s->state + i, OUT, j - i);
        i = j;
    }
    return EG_OK;
}

/* ---- runs ---- */

static void cue_word(const char *w, uint8_t *cues)
{
    if (in_list(w, orgwords))
        cues[EG_CUE_ORGWORD] = 1;
    if (in_list(w, placewords))
        cues[EG_CUE_PLACEWORD] = 1;
}

/* Trims the run [a, b) and, when a name is left, records it. */
static eg_status consider(doc_ctx *d, uint32_t a, uint32_t b, eg_error *err)
{
    eg_suggester *s = d->s;
    const eg_text *x = d->x;
    const eg_token *tok = x->tok;
    uint8_t cues[EG_NCUES] = {0};

    if (b < x->ntok && s->state[b] == PERSON && joined(d, b)) {
        /* a first name before a known surname is another person of that
         * family (Akylbek before Japarov); anything else is a role phrase
         * (Kyrgyz Interior Minister before Bakyt ...) */
        int given = b - a <= 3 && (b + 1 >= x->ntok || s->state[b + 1] != PERSON);
        for (uint32_t k = a; k < b && given; k++)
            given = s->state[k] == FREE && !common(d, k) && !joiner(d, k) &&
                    !eg_is_title_word(norm(d, k)) && !(tok[k].flags & EG_TOK_ALLCAPS);
        if (!given)
            return EG_OK;
        b++;
        cues[EG_CUE_FAMILY] = 1;
    }
    /* a common word opening the sentence */
    if ((tok[a].flags & EG_TOK_SSTART) && s->state[a] == FREE && common(d, a))
        a++;
    /* titles and the words before them: Supreme Court Justice, Foreign
     * Minister, Mr */
    for (uint32_t k = b - 1; k-- > a;) {
        if (!eg_is_title_word(norm(d, k)))
            continue;
        int all = 1;
        for (uint32_t j = a; j < k && all; j++)
            all = s->state[j] != FREE || joiner(d, j) || common(d, j);
        if (all) {
            a = k + 1;
            cues[EG_CUE_TITLE] = 1;
        }
        break;
    }
    if (a >= b)
        return EG_OK;
    /* a demonym before a name (Russian Kant), not before a description
     * (Russian Foreign Ministry) */
    if (s->state[a] == DEMONYM) {
        uint32_t k = a;
        while (k < b && s->state[k] == DEMONYM)
            k++;
        int plain = k < b;
        for (uint32_t j = k; j < b && plain; j++)
            plain = s->state[j] == FREE && !common(d, j) && !joiner(d, j);
        if (plain)
            a = k;
    }
    while (a < b && joiner(d, a))
        a++;
    while (b > a && joiner(d, b - 1))
        b--;
    if (a >= b)
        return EG_OK;
    /* a title just before: "Mr. Akylbek", "President Ulan" */
    if (a > 0 && tok[a - 1].sentence == tok[a].sentence && eg_is_title_word(norm(d, a - 1)) &&
        tok[a].start - tok[a - 1].end <= 2)
        cues[EG_CUE_TITLE] = 1;

    size_t uncovered = 0, uncommon = 0, allcaps = 0, nwords = 0, joins = 0;
    uint32_t head = b - 1; /* the word the name is about: Forum, Bank (of ...) */
    for (uint32_t k = a; k < b; k++) {
        if (joiner(d, k)) {
            const char *w = norm(d, k);
            if (joins++ == 0 && k > a && (strcmp(w, "of") == 0 || strcmp(w, "for") == 0))
                head = k - 1;
            continue;
        }
        nwords++;
        allcaps += (tok[k].flags & EG_TOK_ALLCAPS) && tok[k].nletters >= 2;
        if (s->state[k] == FREE) {
            uncovered++;
            uncommon += !common(d, k);
        }
    }
    cue_word(norm(d, head), cues);
    for (uint32_t k = a; k < b && !cues[EG_CUE_ORGWORD] && !cues[EG_CUE_PLACEWORD]; k++)
        cue_word(norm(d, k), cues);
    if (uncovered == 0)
        return EG_OK; /* nothing new: Russia, Bishkek */
    if (b - a > EG_ALIAS_MAX_TOKENS || tok[b - 1].end - tok[a].start > EG_FIELD_MAX)
        return EG_OK; /* no name is that long; the gazetteer would refuse it */
    int only_titles = 1;
    for (uint32_t k = a; k < b && only_titles; k++)
        only_titles = eg_is_title_word(norm(d, k));
    if (only_titles)
        return EG_OK; /* Mr, Dr, President */
    if (nwords == 1 && contraction(d, a))
        return EG_OK; /* I'm, Don't */
    if (uncommon == 0 && uncovered == 1)
        return EG_OK; /* a lone common word: Government, Kyrgyz President */
    if (nwords == 1 && tok[a].nletters < 2)
        return EG_OK; /* I, A */
    if (allcaps == nwords)
        cues[EG_CUE_ACRONYM] = 1;
    /* the words right after it: "Kant military air base", "Tass news agency" */
    for (uint32_t k = b, seen = 0; k < x->ntok && seen < 3 && joined(d, k) && !capital(d, k) &&
                                   !cues[EG_CUE_ORGWORD] && !cues[EG_CUE_PLACEWORD];
         k++, seen++)
        cue_word(norm(d, k), cues);
    if (b < x->ntok && joined(d, b) && in_list(norm(d, b), speech))
        cues[EG_CUE_SPEAKS] = 1;
    if (a > 0 && tok[a - 1].sentence == tok[a].sentence && !capital(d, a - 1) &&
        (strcmp(norm(d, a - 1), "in") == 0 || strcmp(norm(d, a - 1), "near") == 0))
        cues[EG_CUE_PREP] = 1;

    if (EG_GROW(s->occ, s->occ_cap, s->nocc) != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    occ *o = &s->occ[s->nocc];
    memset(o, 0, sizeof *o);
    o->a = a;
    o->b = b;
    o->credit = -1;
    memcpy(o->cues, cues, sizeof cues);
    o->namelike = nwords >= 2 && nwords <= 4 && joins == 0 &&
                  (uncovered == nwords || cues[EG_CUE_FAMILY]) && uncommon > 0 && !allcaps &&
                  !cues[EG_CUE_ORGWORD] && !cues[EG_CUE_PLACEWORD];
    o->single = nwords == 1 && uncovered == 1 && !allcaps;
    o->key = (uint32_t)s->keys.len;
    for (uint32_t k = a; k < b; k++) {
        const char *w = norm(d, k);
        if (k > a && eg_buf_putc(&s->keys, ' ') != 0)
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        o->last = (uint32_t)s->keys.len;
        if (eg_buf_append(&s->keys, w, strlen(w)) != 0)
            return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    o->keylen = (uint32_t)(s->keys.len - o->key);
    o->lastlen = (uint32_t)(s->keys.len - o->last);
    if (eg_buf_putc(&s->keys, '\0') != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    s->nocc++;
    return EG_OK;
}

static eg_status find_runs(doc_ctx *d, eg_error *err)
{
    const eg_text *x = d->x;
    for (uint32_t i = 0; i < x->ntok;) {
        /* a run may start on a known entity too (Moscow State University) */
        if (!namey(d, i)) {
            i++;
            continue;
        }
        uint32_t b = i + 1;
        while (b < x->ntok && joined(d, b)) {
            if (namey(d, b)) {
                b++;
            } else if (joiner(d, b) && b + 1 < x->ntok && joined(d, b + 1) && namey(d, b + 1)) {
                b += 2;
            } else {
                break;
            }
        }
        EG_CHECK(consider(d, i, b, err));
        i = b;
    }
    return EG_OK;
}

/* A lone word that is the last word of exactly one full name earlier in
 * the document counts for that name (Niyazbekov after Ulan Niyazbekov). */
static eg_status credit_surnames(eg_suggester *s, eg_error *err)
{
    const uint32_t AMBIGUOUS = UINT32_MAX;
    eg_strmap last; /* last word -> slot in full */
    uint32_t *full = NULL; /* occurrence of the full name, or AMBIGUOUS */
    size_t nfull = 0, cap = 0;
    eg_strmap_init(&last);
    eg_status st = EG_OK;
    for (size_t i = 0; i < s->nocc && st == EG_OK; i++) {
        occ *o = &s->occ[i];
        uint32_t k;
        if (o->b - o->a == 1) {
            if (eg_strmap_get(&last, s->keys.data + o->key, o->keylen, &k) && full[k] != AMBIGUOUS)
                o->credit = (int32_t)full[k];
            continue;
        }
        if (!o->namelike)
            continue;
        if (EG_GROW(full, cap, nfull) != 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        int r = eg_strmap_put(&last, s->keys.data + o->last, o->lastlen, (uint32_t)nfull, &k);
        if (r < 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
        } else if (r == 1) {
            full[nfull++] = (uint32_t)i;
        } else if (full[k] != AMBIGUOUS) {
            /* another full name with this last word: a lone word is unclear */
            const occ *f = &s->occ[full[k]];
            if (f->keylen != o->keylen ||
                memcmp(s->keys.data + f->key, s->keys.data + o->key, o->keylen) != 0)
                full[k] = AMBIGUOUS;
        }
    }
    free(full);
    eg_strmap_free(&last);
    return st;
}

/* ---- the corpus-wide table ---- */

/* Line of byte at, counting on from an earlier call (*pos, *line): LF,
 * CRLF and a lone CR each end a line. */
static size_t line_of(const char *data, size_t len, uint32_t at, size_t *pos, size_t *line)
{
    for (; *pos < at; (*pos)++)
        *line += data[*pos] == '\n' ||
                 (data[*pos] == '\r' && (*pos + 1 >= len || data[*pos + 1] != '\n'));
    return *line;
}

typedef struct {
    uint32_t from, to; /* bytes of the document shown */
    int cut_l, cut_r;  /* cut short on that side */
} span;

static int blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The example's part of the document: the name's sentence, or at most
 * EXAMPLE_MAX bytes of it around the name, cut at spaces (never inside a
 * UTF-8 sequence). */
static span example_span(const doc_ctx *d, const occ *o)
{
    const eg_text *x = d->x;
    const eg_sentence *se = &x->sent[x->tok[o->a].sentence];
    span sp = {se->start, se->end, 0, 0};
    uint32_t ns = x->tok[o->a].start, ne = x->tok[o->b - 1].end;
    if (sp.to - sp.from <= EXAMPLE_MAX)
        return sp;
    uint32_t room = EXAMPLE_MAX > ne - ns ? (EXAMPLE_MAX - (ne - ns)) / 2 : 0;
    if (ns - sp.from > room) {
        sp.from = ns - room;
        sp.cut_l = 1;
    }
    if (sp.to - ne > room) {
        sp.to = ne + room;
        sp.cut_r = 1;
    }
    while (sp.cut_l && sp.from < ns && !blank(d->data[sp.from]))
        sp.from++;
    while (sp.cut_l && sp.from < ns && blank(d->data[sp.from]))
        sp.from++;
    while (sp.cut_r && sp.to > ne && !blank(d->data[sp.to - 1]))
        sp.to--;
    while (sp.cut_r && sp.to > ne && blank(d->data[sp.to - 1]))
        sp.to--;
    return sp;
}

/* "doc:line: sentence" */
static char *example(const doc_ctx *d, const eg_doc *doc, span sp, size_t line)
{
    eg_buf b = EG_BUF_INIT;
    /* ids come from file names and JSON: one line, like the text */
    int bad = eg_buf_append_clean(&b, doc->id, strlen(doc->id)) != 0;
    bad = bad || eg_buf_printf(&b, ":%zu: %s", line, sp.cut_l ? "… " : "") != 0;
    bad = bad || eg_buf_append_clean(&b, d->data + sp.from, sp.to - sp.from) != 0;
    bad = bad || (sp.cut_r && eg_buf_append(&b, " …", strlen(" …")) != 0);
    bad = bad || eg_buf_putc(&b, '\0') != 0;
    if (bad) {
        eg_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static int all_caps(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        letters += *s >= 'A' && *s <= 'Z';
    }
    return letters > 0;
}

static eg_status add_occ(doc_ctx *d, const eg_doc *doc, const occ *o, span sp, size_t line,
                         eg_error *err)
{
    eg_suggester *s = d->s;
    const occ *full = o->credit >= 0 ? &s->occ[o->credit] : o;
    const char *key = s->keys.data + full->key;
    uint32_t idx;
    int r = eg_strmap_put(&s->names, key, full->keylen, (uint32_t)s->nc, &idx);
    if (r < 0 || (r == 1 && EG_GROW(s->c, s->ccap, s->nc) != 0))
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    eg_buf label = EG_BUF_INIT;
    const eg_token *tok = d->x->tok;
    if (eg_buf_append_clean(&label, d->data + tok[full->a].start,
                            tok[full->b - 1].end - tok[full->a].start) != 0 ||
        eg_buf_putc(&label, '\0') != 0) {
        eg_buf_free(&label);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    if (r == 1) {
        memset(&s->c[s->nc], 0, sizeof s->c[s->nc]);
        s->nc++;
    }
    cand *c = &s->c[idx];
    if (!c->label || (c->label_caps && !all_caps(label.data))) {
        free(c->label);
        c->label = label.data;
        c->label_caps = all_caps(label.data);
    } else {
        eg_buf_free(&label);
    }
    c->count++;
    c->namelike |= full->namelike;
    c->single |= full->single;
    for (int k = 0; k < EG_NCUES; k++)
        c->cues[k] += o->cues[k];
    if (o->credit >= 0)
        c->cues[EG_CUE_SURNAME]++;
    if (c->last_doc != s->ndocs) {
        c->last_doc = s->ndocs;
        c->documents++;
        if (c->nexamples < s->o.examples) {
            char **ex = realloc(c->examples, (c->nexamples + 1) * sizeof *ex);
            if (!ex)
                return eg_error_add(err, EG_ENOMEM, "out of memory");
            c->examples = ex;
            if (!(ex[c->nexamples] = example(d, doc, sp, line)))
                return eg_error_add(err, EG_ENOMEM, "out of memory");
            c->nexamples++;
        }
    }
    return EG_OK;
}

eg_status eg_suggest_add(eg_suggester *s, const eg_tagger *t, const eg_tagged *tg,
                         const eg_doc *doc, eg_error *err)
{
    doc_ctx d = {s, t, tg, &tg->text, t->gz, doc->data};
    s->ndocs++;
    s->nocc = 0;
    eg_buf_clear(&s->keys);
    EG_CHECK(mark(&d, err));
    EG_CHECK(find_runs(&d, err));
    EG_CHECK(credit_surnames(s, err));
    size_t pos = 0, line = 1;
    for (size_t i = 0; i < s->nocc; i++) {
        const occ *o = &s->occ[i];
        span sp = example_span(&d, o);
        if (sp.from < pos) { /* not expected: names come in text order */
            pos = 0;
            line = 1;
        }
        line_of(doc->data, doc->len, sp.from, &pos, &line);
        EG_CHECK(add_occ(&d, doc, o, sp, line, err));
    }
    return EG_OK;
}

/* ---- ranking, ids, types ---- */

static int cmp_cand(const void *pa, const void *pb, void *ud)
{
    const cand *c = ud;
    const cand *x = &c[*(const uint32_t *)pa], *y = &c[*(const uint32_t *)pb];
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->documents != y->documents)
        return x->documents > y->documents ? -1 : 1;
    return strcmp(x->label, y->label);
}

static void guess_type(const cand *c, eg_suggestion *o)
{
    /* a cue seen in under a tenth of the occurrences is chance: one
     * "General" before "Civil War" */
    size_t q[EG_NCUES];
    for (int k = 0; k < EG_NCUES; k++)
        q[k] = c->cues[k] * 10 >= c->count ? c->cues[k] : 0;
    size_t person = 3 * q[EG_CUE_TITLE] + 2 * q[EG_CUE_SURNAME] + q[EG_CUE_SPEAKS];
    size_t org = 3 * q[EG_CUE_ORGWORD] + 3 * q[EG_CUE_ACRONYM];
    size_t place = 3 * q[EG_CUE_PLACEWORD] + q[EG_CUE_PREP];
    memcpy(o->cues, q, sizeof q);
    o->guessed = 0;
    if (person && person >= org && person >= place)
        o->type = EG_PERSON;
    else if (org && org >= place)
        o->type = EG_ORGANIZATION;
    else if (place)
        o->type = EG_PLACE;
    else {
        /* a word or two to four with no keyword read as a personal name */
        o->type = c->namelike || c->single ? EG_PERSON : EG_ORGANIZATION;
        o->guessed = 1;
    }
}

static char *make_id(const eg_gazetteer *gz, const eg_strmap *taken,
                     const char *key, size_t nth)
{
    eg_buf b = EG_BUF_INIT;
    int dash = 0, bad = 0;
    for (const char *p = key; *p && !bad && b.len < ID_MAX; p++) {
        char ch = *p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && b.len)
                bad |= eg_buf_putc(&b, '-');
            bad |= eg_buf_putc(&b, ch);
            dash = 0;
        } else {
            dash = 1; /* spaces, and letters beyond ASCII (ids are ASCII) */
        }
    }
    if (!bad && b.len == 0)
        bad |= eg_buf_printf(&b, "name-%zu", nth);
    size_t base = b.len;
    for (unsigned k = 2; !bad; k++) {
        bad |= eg_buf_putc(&b, '\0');
        if (bad)
            break;
        uint32_t v;
        if (eg_gazetteer_find(gz, b.data) < 0 && !eg_strmap_get(taken, b.data, b.len - 1, &v))
            return b.data;
        b.len = base;
        bad |= eg_buf_printf(&b, "-%u", k);
    }
    eg_buf_free(&b);
    return NULL;
}

eg_status eg_suggest_finish(eg_suggester *s, const eg_gazetteer *gz, const eg_suggestion **out,
                            size_t *n, eg_error *err)
{
    uint32_t *order = malloc((s->nc ? s->nc : 1) * sizeof *order);
    if (!order)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    size_t keep = 0;
    for (size_t i = 0; i < s->nc; i++)
        if (s->c[i].count >= s->o.min_count)
            order[keep++] = (uint32_t)i;
    qsort_r(order, keep, sizeof *order, cmp_cand, s->c);
    if (s->o.top && keep > s->o.top)
        keep = s->o.top;
    s->out = calloc(keep ? keep : 1, sizeof *s->out);
    eg_strmap taken;
    eg_strmap_init(&taken);
    eg_status st = s->out ? EG_OK : eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t i = 0; i < keep && st == EG_OK; i++) {
        cand *c = &s->c[order[i]];
        eg_suggestion *o = &s->out[i];
        size_t klen;
        const char *key = eg_strmap_key(&s->names, order[i], &klen);
        char *k = eg_strndup(key, klen);
        o->id = k ? make_id(gz, &taken, k, i + 1) : NULL;
        free(k);
        uint32_t v;
        if (!o->id || eg_strmap_put(&taken, o->id, strlen(o->id), 0, &v) < 0) {
            free(o->id);
            o->id = NULL;
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        o->label = c->label;
        o->count = c->count;
        o->documents = c->documents;
        o->examples = c->examples;
        o->nexamples = c->nexamples;
        guess_type(c, o);
        s->nout++;
    }
    eg_strmap_free(&taken);
    free(order);
    if (st != EG_OK)
        return st;
    *out = s->out;
    *n = s->nout;
    return EG_OK;
}

size_t eg_suggest_total(const eg_suggester *s)
{
    return s->nc;
}

void eg_suggest_defaults(eg_suggest_opts *o)
{
    o->min_count = 2;
    o->top = 100;
    o->examples = 2;
}

eg_status eg_suggester_new(const eg_suggest_opts *o, eg_suggester **out, eg_error *err)
{
    eg_suggester *s = calloc(1, sizeof *s);
    if (!s)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    s->o = *o;
    eg_strmap_init(&s->names);
    *out = s;
    return EG_OK;
}

void eg_suggester_free(eg_suggester *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nc; i++) {
        free(s->c[i].label);
        for (size_t k = 0; k < s->c[i].nexamples; k++)
            free(s->c[i].examples[k]);
        free(s->c[i].examples);
    }
    for (size_t i = 0; i < s->nout; i++)
        free(s->out[i].id);
    free(s->out);
    free(s->c);
    eg_strmap_free(&s->names);
    free(s->state);
    free(s->newline);
    free(s->occ);
    eg_buf_free(&s->keys);
    free(s);
}
