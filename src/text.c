/*
 * text.c - tokens, sentences and paragraphs of one document.
 *
 * One pass over the code points. Words are runs of letters, marks and
 * digits; everything else separates them and is remembered as the "gap"
 * before the next token, which the matcher uses to decide whether a
 * multi-word name may span it (a space or a hyphen may, a comma may not).
 *
 * Sentence ends: . ! ? and … followed (after closing quotes or brackets) by
 * white space and then anything but a lower-case letter; except after a
 * title (Mr., Gen.), an initial (W.), a month before a number (Oct. 12), or
 * a dotted acronym or company suffix (U.S., Inc.) unless a typical
 * sentence opener follows. A line break also ends a sentence unless the
 * next line starts in lower case or the line ends in , ; : or a hyphen, so
 * headlines, bylines and credits stay apart from the prose. Paragraphs
 * are separated by blank lines; a document without any blank line is
 * taken to hold one paragraph per line, as scraped pages often do.
 *
 * Normalisation uses utf8proc (NFKC + case fold + strip marks) with an
 * ASCII fast path, then drops apostrophes and folds the few Latin letters
 * that have no decomposition (ø, ł, đ, æ, œ, ı ...).
 *
 * Since apostrophes are dropped, "She'll" normalises to "shell" and "we're"
 * to "were". A word whose part after an apostrophe is an English
 * contraction ending (ll, re, ve, d, m, or t after n) is flagged
 * EG_TOK_CONTR; the matcher lets it meet only an alias written with the
 * apostrophe. The check looks ahead only at an apostrophe inside a word,
 * so ordinary words cost nothing. Names keep matching: O'Neill, D'Alema,
 * N'Djamena, Ma'ale, Sana'a, Qur'an (the cost: a name such as Sa'd meets
 * only an alias written Sa'd).
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"

void eg_text_init(eg_text *t)
{
    memset(t, 0, sizeof *t);
}

void eg_text_free(eg_text *t)
{
    free(t->tok);
    free(t->sent);
    eg_buf_free(&t->norm);
    memset(t, 0, sizeof *t);
}

/* ---- code point classes ---- */

static int32_t decode(const char *s, size_t len, size_t i, size_t *k)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *k = 1;
        return c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (n < 0) {
        *k = 1;
        return -1;
    }
    *k = (size_t)n;
    return cp;
}

static int is_word(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

static int is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp < 0)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Apostrophes, and the okina (U+02BB, a letter for Unicode) that names
 * such as Nukuʻalofa and Hawaiʻi carry; all are dropped by normalisation. */
static int is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2018 || cp == 0x02BB;
}

/* Whether the word part that starts at j, right after an apostrophe at
 * apos, is an English contraction ending: 'll 're 've 'd 'm, or 't after
 * an n (can't, won't). The part ends at a non-word character or another
 * apostrophe (who'd've); a non-ASCII letter in it means a name. */
static int contraction_at(const char *s, size_t len, size_t apos, size_t j)
{
    char w[2];
    size_t n = 0;
    while (j < len) {
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80) {
            size_t k;
            int32_t cp = decode(s, len, j, &k);
            if (is_word(cp) && !is_apos(cp))
                return 0;
            break;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            if (c >= '0' && c <= '9')
                return 0;
            break;
        }
        if (n == 2)
            return 0;
        w[n++] = (char)(c | 0x20);
        j++;
    }
    if (n == 1)
        return w[0] == 'd' || w[0] == 'm' ||
               (w[0] == 't' && apos > 0 && (s[apos - 1] == 'n' || s[apos - 1] == 'N'));
    if (n == 2)
        return (w[0] == 'l' && w[1] == 'l') || (w[0] == 'r' && w[1] == 'e') ||
               (w[0] == 'v' && w[1] == 'e');
    return 0;
}

static int is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F;
}

static int is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x201D ||
           cp == 0x2019 || cp == 0xBB || cp == 0x203A;
}

static int is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

/* ---- normalisation ---- */

static int32_t fold_extra(int32_t cp, int32_t *second)
{
    *second = 0;
    switch (cp) {
    case 0xF8: return 'o';           /* ø */
    case 0x142: return 'l';          /* ł */
    case 0x111: case 0xF0: return 'd'; /* đ ð */
    case 0x131: return 'i';          /* dotless ı */
    case 0x127: return 'h';          /* ħ */
    case 0xE6: *second = 'e'; return 'a';  /* æ */
    case 0x153: *second = 'e'; return 'o'; /* œ */
    case 0xFE: *second = 'h'; return 't';  /* þ */
    default: return cp;
    }
}

int eg_normalize(eg_buf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == len) {
        if (eg_buf_reserve(out, len) != 0)
            return -1;
        for (i = 0; i < len; i++) {
            char c = s[i];
            if (c == '\'')
                continue;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            out->data[out->len++] = c;
        }
        out->data[out->len] = '\0';
        return 0;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0)
        return -1;
    int rc = 0;
    for (utf8proc_ssize_t j = 0; j < n && rc == 0;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(dst + j, n - j, &cp);
        if (k <= 0)
            break;
        if (is_apos(cp)) {
            j += k;
            continue;
        }
        int32_t second;
        int32_t f = fold_extra(cp, &second);
        if (f != cp) {
            rc = eg_buf_putc(out, (char)f);
            if (rc == 0 && second)
                rc = eg_buf_putc(out, (char)second);
        } else {
            rc = eg_buf_append(out, dst + j, (size_t)k);
        }
        j += k;
    }
    free(dst);
    return rc;
}

/* ---- abbreviations that do not end a sentence ---- */

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "st", "rev", "hon", "adm", "maj", "cpl", "pvt", "fr", "mt", "ft", "no",
    "vs", "cf", "pres", "supt", "insp", "amb", "messrs", "mme", "mlle", NULL};
static const char *const months[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                     "sep", "sept", "oct", "nov", "dec", NULL};
static const char *const suffixes[] = {"inc", "corp", "ltd", "co", "jr", "sr", "bros", NULL};
/* Words that typically open a sentence; after "U.S." or "Inc." they tell a
 * sentence end from a name that goes on. */
static const char *const openers[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and",
    "this", "that", "these", "those", "there", "his", "her", "its", "their", "our", "as",
    "after", "before", "when", "while", "if", "for", "with", "by", "from", "however",
    "meanwhile", "some", "many", "most", "not", "so", "yet", "what", "who", "why", "how",
    "where", "last", "next", "according", "since", "although", "both", "earlier", "later",
    NULL};

/* ---- the scanner ---- */

typedef struct {
    eg_text *t;
    const char *s;
    size_t len;
    int has_blank_line;
    /* open sentence */
    int sent_open;
    uint32_t sent_start, last_ns_end;
    size_t sent_first_tok;
    uint32_t par;
    int par_has_content;
    /* gap since the previous token */
    int gap_other, gap_space, gap_hyphen, gap_newlines;
} scanner;

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory while analysing text");
}

static eg_status close_sentence(scanner *sc, eg_error *err)
{
    if (!sc->sent_open)
        return EG_OK;
    eg_text *t = sc->t;
    if (EG_GROW(t->sent, t->sent_cap, t->nsent) != 0)
        return oom(err);
    eg_sentence *se = &t->sent[t->nsent++];
    se->start = sc->sent_start;
    se->end = sc->last_ns_end;
    se->paragraph = sc->par;
    se->first_token = (uint32_t)sc->sent_first_tok;
    /* capitals carry no information in an ALL-CAPS line: at least two
     * words of two or more letters, and none with a lower-case letter */
    unsigned words = 0, lower = 0;
    for (size_t k = sc->sent_first_tok; k < t->ntok; k++) {
        const eg_token *tk = &t->tok[k];
        if (tk->nletters < 2)
            continue;
        words++;
        lower += !(tk->flags & EG_TOK_ALLCAPS);
    }
    se->caps = words >= 2 && lower == 0;
    sc->sent_open = 0;
    sc->gap_other = 1;
    return EG_OK;
}

static eg_status close_paragraph(scanner *sc, eg_error *err)
{
    EG_CHECK(close_sentence(sc, err));
    if (sc->par_has_content) {
        sc->par++;
        sc->par_has_content = 0;
    }
    return EG_OK;
}

static void mark_nonspace(scanner *sc, size_t i, size_t k)
{
    if (!sc->sent_open) {
        sc->sent_open = 1;
        sc->sent_start = (uint32_t)i;
        sc->sent_first_tok = sc->t->ntok;
    }
    sc->par_has_content = 1;
    sc->last_ns_end = (uint32_t)(i + k);
}

/* The next word after position i (skipping white space and opening
 * quotes), lower-cased ASCII into w; returns its length (0 if none). */
static size_t next_word(const scanner *sc, size_t i, char *w, size_t cap, int32_t *first)
{
    size_t k;
    *first = -1;
    while (i < sc->len) {
        int32_t cp = decode(sc->s, sc->len, i, &k);
        if (is_space(cp) || cp == '\n' || cp == '"' || cp == 0x201C || cp == '(')
            i += k;
        else
            break;
    }
    size_t n = 0;
    while (i < sc->len) {
        int32_t cp = decode(sc->s, sc->len, i, &k);
        if (*first == -1)
            *first = cp;
        if (!is_word(cp))
            break;
        if (n < cap)
            w[n++] = (char)(cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp) : '?');
        i += k;
    }
    return n;
}

static int next_is_opener(const scanner *sc, size_t i)
{
    char w[16];
    int32_t first;
    size_t n = next_word(sc, i, w, sizeof w, &first);
    if (first < 0)
        return 1; /* end of text */
    return n > 0 && n < sizeof w && in_list(w, n, openers);
}

/* Skips closers after a terminal and reports whether white space (or the
 * end) follows; *q is set past the closers. */
static int terminal_run(const scanner *sc, size_t i, size_t *q)
{
    size_t k;
    while (i < sc->len) {
        int32_t cp = decode(sc->s, sc->len, i, &k);
        if (is_terminal(cp) || is_closer(cp))
            i += k;
        else
            break;
    }
    *q = i;
    if (i >= sc->len)
        return 1;
    int32_t cp = decode(sc->s, sc->len, i, &k);
    return is_space(cp) || cp == '\n';
}

typedef struct {
    size_t start, end;    /* bytes */
    size_t nletters;
    int first_letter_upper, has_upper, has_lower, seen_letter;
    int dotted;
    int contr; /* a contraction ending follows an apostrophe (She'll) */
} tokstate;

static eg_status emit_token(scanner *sc, tokstate *ts, int poss, eg_error *err)
{
    eg_text *t = sc->t;
    if (EG_GROW(t->tok, t->tok_cap, t->ntok) != 0)
        return oom(err);
    if (t->ntok >= UINT32_MAX - 1)
        return eg_error_add(err, EG_ENOMEM, "too many tokens in one document");
    eg_token *k = &t->tok[t->ntok];
    size_t noff = t->norm.len;
    int rc;
    if (ts->dotted) {
        /* letters only: "U.S." -> "us" */
        char tmp[64];
        size_t n = 0;
        for (size_t i = ts->start; i < ts->end && n < sizeof tmp - 4;) {
            size_t kk;
            int32_t cp = decode(sc->s, sc->len, i, &kk);
            if (cp != '.') {
                memcpy(tmp + n, sc->s + i, kk);
                n += kk;
            }
            i += kk;
        }
        rc = eg_normalize(&t->norm, tmp, n);
    } else {
        rc = eg_normalize(&t->norm, sc->s + ts->start, ts->end - ts->start);
    }
    if (rc != 0 || eg_buf_putc(&t->norm, '\0') != 0)
        return oom(err);
    uint16_t flags = 0;
    if (ts->first_letter_upper)
        flags |= EG_TOK_CAP;
    if (ts->has_upper && !ts->has_lower)
        flags |= EG_TOK_ALLCAPS;
    if (poss)
        flags |= EG_TOK_POSS;
    if (ts->dotted)
        flags |= EG_TOK_DOTTED;
    if (ts->contr)
        flags |= EG_TOK_CONTR;
    if (t->ntok == sc->sent_first_tok)
        flags |= EG_TOK_SSTART;
    else if (!sc->gap_other && sc->gap_newlines <= 1 && sc->gap_hyphen <= 1 &&
             !(sc->gap_hyphen && sc->gap_space) && t->ntok > 0 &&
             !(t->tok[t->ntok - 1].flags & EG_TOK_POSS))
        flags |= EG_TOK_JOIN;
    k->start = (uint32_t)ts->start;
    k->end = (uint32_t)ts->end;
    k->norm = (uint32_t)noff;
    k->norm_len = (uint32_t)(t->norm.len - noff - 1);
    k->sentence = (uint32_t)t->nsent;
    k->paragraph = sc->par;
    k->flags = flags;
    k->nletters = (uint16_t)(ts->nletters > 65535 ? 65535 : ts->nletters);
    t->ntok++;
    sc->gap_other = sc->gap_space = sc->gap_hyphen = sc->gap_newlines = 0;
    return EG_OK;
}

/* Decides whether the terminal at i (k bytes) ends the sentence, given the
 * token that ended right before it (or NULL). Returns 1 and sets *q to the
 * end of the sentence. */
static int sentence_ends(const scanner *sc, size_t i, size_t k, const eg_token *prev, size_t *q)
{
    if (!terminal_run(sc, i + k, q))
        return 0;
    int32_t cp = (unsigned char)sc->s[i];
    if (cp == '.' && prev && prev->end == i) {
        const char *w = sc->t->norm.data + prev->norm;
        size_t n = prev->norm_len;
        if (prev->nletters == 1 && n == 1 && (prev->flags & EG_TOK_CAP))
            return 0; /* an initial: George W. Bush */
        if (in_list(w, n, titles))
            return 0;
        char nw[8];
        int32_t first;
        next_word(sc, *q, nw, sizeof nw, &first);
        if (in_list(w, n, months) && first >= '0' && first <= '9')
            return 0;
        if (in_list(w, n, suffixes))
            return next_is_opener(sc, *q);
    }
    char nw[8];
    int32_t first;
    next_word(sc, *q, nw, sizeof nw, &first);
    if (first >= 0 && is_lower(first))
        return 0;
    return 1;
}

/* After a single letter and a '.', "U.S." style acronyms continue with
 * letter-dot pairs. Returns the end of the acronym or 0. */
static size_t dotted_end(const scanner *sc, size_t dot)
{
    size_t i = dot, end = 0, k;
    while (i < sc->len && sc->s[i] == '.') {
        size_t j = i + 1;
        if (j >= sc->len)
            break;
        int32_t cp = decode(sc->s, sc->len, j, &k);
        if (!is_letter(cp) || j + k >= sc->len || sc->s[j + k] != '.')
            break;
        end = j + k + 1;
        i = end;
    }
    return end;
}

/* A line ends at LF, CRLF (at its LF) or a lone CR (old Mac files). */
static int line_end_at(const char *s, size_t len, size_t i)
{
    return s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'));
}

static int has_blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!line_end_at(s, len, i))
            continue;
        size_t j = i + 1;
        while (j < len &&
               (s[j] == ' ' || s[j] == '\t' || (s[j] == '\r' && !line_end_at(s, len, j))))
            j++;
        if (j < len && line_end_at(s, len, j))
            return 1;
    }
    return 0;
}

eg_status eg_text_analyze(eg_text *t, const char *s, size_t len, eg_error *err)
{
    t->ntok = 0;
    t->nsent = 0;
    t->nparagraphs = 0;
    eg_buf_clear(&t->norm);
    if (len >= UINT32_MAX)
        return eg_error_add(err, EG_ENOMEM, "document of %zu bytes is over the 4 GiB limit", len);

    scanner sc = {0};
    sc.t = t;
    sc.s = s;
    sc.len = len;
    sc.has_blank_line = has_blank_line(s, len);
    tokstate ts;
    int in_tok = 0;
    size_t i = 0, k;

    while (i < len) {
        int32_t cp = decode(s, len, i, &k);
        if (is_word(cp)) {
            if (!in_tok) {
                memset(&ts, 0, sizeof ts);
                ts.start = i;
                in_tok = 1;
                mark_nonspace(&sc, i, k);
            }
            if (is_letter(cp)) {
                int up = is_upper(cp);
                if (!ts.seen_letter)
                    ts.first_letter_upper = up;
                ts.seen_letter = 1;
                ts.has_upper |= up;
                ts.has_lower |= is_lower(cp);
                ts.nletters++;
                /* ʻ and ʼ are letters for Unicode: a contraction after
                 * them is found here ("Sheʼll") */
                if ((uint32_t)(cp - 0x2BB) <= 1 && i > ts.start && contraction_at(s, len, i, i + k))
                    ts.contr = 1;
            }
            sc.last_ns_end = (uint32_t)(i + k);
            i += k;
            continue;
        }
        if (in_tok) {
            if (is_apos(cp) && i + k < len) {
                size_t k2;
                int32_t nx = decode(s, len, i + k, &k2);
                if (is_word(nx)) {
                    size_t k3 = 0;
                    int32_t nn = i + k + k2 < len ? decode(s, len, i + k + k2, &k3) : -1;
                    if ((nx == 's' || nx == 'S') && !is_word(nn)) {
                        /* possessive: the token ends before the apostrophe */
                        ts.end = i;
                        EG_CHECK(emit_token(&sc, &ts, 1, err));
                        in_tok = 0;
                        mark_nonspace(&sc, i, k + k2);
                        sc.gap_other = 1;
                        i += k + k2;
                        continue;
                    }
                    if (contraction_at(s, len, i, i + k))
                        ts.contr = 1; /* She'll, we're, can't */
                    sc.last_ns_end = (uint32_t)(i + k);
                    i += k; /* apostrophe inside a word: O'Brien */
                    continue;
                }
            }
            ts.end = i;
            if (cp == '.' && ts.nletters == 1 && ts.end - ts.start <= 4) {
                size_t de = dotted_end(&sc, i);
                if (de) {
                    /* take in the letters of U.S.; a name letter counts */
                    for (size_t j = i; j < de;) {
                        size_t kk;
                        int32_t c2 = decode(s, len, j, &kk);
                        if (is_letter(c2)) {
                            int up = is_upper(c2);
                            ts.has_upper |= up;
                            ts.has_lower |= is_lower(c2);
                            ts.nletters++;
                        }
                        j += kk;
                    }
                    ts.end = de;
                    ts.dotted = 1;
                    EG_CHECK(emit_token(&sc, &ts, 0, err));
                    in_tok = 0;
                    mark_nonspace(&sc, i, de - i);
                    i = de;
                    size_t q;
                    /* U.S. may end a sentence; i.e. and e.g. never do */
                    if (ts.has_upper && !ts.has_lower && terminal_run(&sc, i, &q) &&
                        next_is_opener(&sc, q)) {
                        mark_nonspace(&sc, i, q - i);
                        EG_CHECK(close_sentence(&sc, err));
                        i = q;
                    } else {
                        sc.gap_other = 1;
                    }
                    continue;
                }
            }
            int poss = 0;
            if (is_apos(cp) && ts.end > ts.start && (s[ts.end - 1] == 's' || s[ts.end - 1] == 'S'))
                poss = 1; /* plural possessive: Russians' */
            EG_CHECK(emit_token(&sc, &ts, poss, err));
            in_tok = 0;
            if (poss) {
                mark_nonspace(&sc, i, k);
                sc.gap_other = 1;
                i += k;
                continue;
            }
        }
        if (cp == '\n' || (cp == '\r' && line_end_at(s, len, i))) {
            size_t j = i + 1, nl = 1;
            while (j < len && (s[j] == '\n' || s[j] == ' ' || s[j] == '\t' || s[j] == '\r' ||
                               s[j] == '\f' || s[j] == '\v')) {
                nl += line_end_at(s, len, j);
                j++;
            }
            if (nl >= 2 || !sc.has_blank_line) {
                EG_CHECK(close_paragraph(&sc, err));
            } else if (sc.sent_open) {
                unsigned char last = (unsigned char)s[sc.last_ns_end - 1];
                size_t kk;
                int32_t nx = j < len ? decode(s, len, j, &kk) : -1;
                if (!is_lower(nx) && !(last && strchr(",;:-(&/", last)))
                    EG_CHECK(close_sentence(&sc, err));
                else
                    sc.gap_newlines++;
            }
            i = j;
            continue;
        }
        if (is_space(cp)) {
            sc.gap_space = 1;
            i += k;
            continue;
        }
        mark_nonspace(&sc, i, k);
        if (is_hyphen(cp)) {
            sc.gap_hyphen++;
            i += k;
            continue;
        }
        sc.gap_other = 1;
        if (is_terminal(cp)) {
            const eg_token *prev = t->ntok ? &t->tok[t->ntok - 1] : NULL;
            if (prev && prev->sentence != t->nsent)
                prev = NULL;
            size_t q;
            int ends = sentence_ends(&sc, i, k, prev, &q);
            /* the whole run of terminals and closers is decided at once:
             * rescanning it from each dot would be quadratic ("......") */
            mark_nonspace(&sc, i, q - i);
            if (ends)
                EG_CHECK(close_sentence(&sc, err));
            i = q;
            continue;
        }
        i += k;
    }
    if (in_tok) {
        ts.end = len;
        EG_CHECK(emit_token(&sc, &ts, 0, err));
    }
    EG_CHECK(close_paragraph(&sc, err));
    t->nparagraphs = sc.par;
    return EG_OK;
}
