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
 * next line starts in lower case, or the line ends in , ; : a hyphen or a
 * lower-case word (prose wrapped at a width), so headlines, bylines and
 * credits stay apart from the prose. Paragraphs
 * are separated by blank lines; a document without any blank line is
 * taken to hold one paragraph per line, as scraped pages often do, except
 * where a line goes on as above.
 *
 * Normalisation uses utf8proc (NFKC + case fold + strip marks), then
 * drops apostrophes and folds the few Latin letters that have no
 * decomposition (ø, ł, đ, æ, œ, ı ...).
 *
 * Speed: every byte of every document passes here, so the common cases
 * take no utf8proc call and no per-token allocation: ASCII is classified
 * by a table (a run of word bytes in a tight loop), a word of ASCII
 * letters and digits is folded by setting bit 0x20, and words with Latin
 * letters (Zürich, Łódź) by a table of what utf8proc makes of each of
 * them. utf8proc handles everything else.
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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Classes of the ASCII bytes, so that the common case costs one table
 * load instead of a chain of comparisons; bytes 0x80 and up are 0 (the
 * code point is decoded and asked of utf8proc). C_SPACE is is_space()
 * for ASCII: white space other than the line feed. */
enum { C_WORD = 1, C_LETTER = 2, C_UPPER = 4, C_LOWER = 8, C_SPACE = 16 };
#define CL_(c) ((c) >= 'a' && (c) <= 'z'   ? C_WORD | C_LETTER | C_LOWER                     \
                : (c) >= 'A' && (c) <= 'Z' ? C_WORD | C_LETTER | C_UPPER                     \
                : (c) >= '0' && (c) <= '9' ? C_WORD                                          \
                : (c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\f' || (c) == '\v'     \
                    ? C_SPACE                                                                \
                    : 0)
#define CL4_(c) CL_(c), CL_((c) + 1), CL_((c) + 2), CL_((c) + 3)
#define CL16_(c) CL4_(c), CL4_((c) + 4), CL4_((c) + 8), CL4_((c) + 12)
static const unsigned char ascii_class[256] = {
    CL16_(0x00), CL16_(0x10), CL16_(0x20), CL16_(0x30),
    CL16_(0x40), CL16_(0x50), CL16_(0x60), CL16_(0x70),
};
#undef CL16_
#undef CL4_
#undef CL_

static inline int32_t decode(const char *s, size_t len, size_t i, size_t *k)
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

static inline int is_word(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & C_WORD);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Scripts written without spaces between words: Han, kana, Thai, Lao,
 * Khmer, Myanmar. Their text is read a character (with its combining
 * marks) at a time, so that a name is found inside a run of them
 * ("我在北京工作" holds 北京); Hangul has spaces and is read by words. */
static inline int is_unspaced(int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
           (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* Hiragana, Katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* Katakana extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Han extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Han */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Han compatibility */
           (cp >= 0xFF66 && cp <= 0xFF9F) ||   /* half-width Katakana */
           (cp >= 0x20000 && cp <= 0x3134F);  /* Han extensions B-G */
}

static inline int is_mark(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static inline int is_letter(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & C_LETTER);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static inline int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & C_UPPER);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static inline int is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & C_LOWER);
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

static inline int is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & C_SPACE);
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
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

/* What normalisation makes of each code point from U+0080 to U+024F on
 * its own (utf8proc, apostrophes dropped, fold_extra), where that is
 * ASCII: "" where it is not (the code point then takes the utf8proc
 * path). Such results hold no mark that could compose with a neighbour,
 * so a word of ASCII and these letters (Zürich, Łódź, São Paulo)
 * normalises to the concatenation of its letters' forms; test_text.c
 * checks every entry and mixed words against utf8proc. */
static const char latin_fold[0x250 - 0x80][3] = {
    /* 0080 */ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 0090 */ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 00A0 */ " ", "", "", "", "", "", "", "", " ", "", "a", "", "", "", "", " ",
    /* 00B0 */ "", "", "2", "3", " ", "", "", "", " ", "1", "o", "", "", "", "", "",
    /* 00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* 00D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    /* 00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* 00F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    /* 0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* 0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* 0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* 0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "", "l", "l", "l", "l", "l", "l", "",
    /* 0140 */ "", "l", "l", "n", "n", "n", "n", "n", "n", "n", "", "", "o", "o", "o", "o",
    /* 0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* 0160 */ "s", "s", "t", "t", "t", "t", "", "", "u", "u", "u", "u", "u", "u", "u", "u",
    /* 0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    /* 0180 */ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 0190 */ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 01A0 */ "o", "o", "", "", "", "", "", "", "", "", "", "", "", "", "", "u",
    /* 01B0 */ "u", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 01C0 */ "", "", "", "", "dz", "dz", "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i",
    /* 01D0 */ "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "", "a", "a",
    /* 01E0 */ "a", "a", "ae", "ae", "", "", "g", "g", "k", "k", "o", "o", "o", "o", "", "",
    /* 01F0 */ "j", "dz", "dz", "dz", "g", "g", "", "", "n", "n", "a", "a", "ae", "ae", "o", "o",
    /* 0200 */ "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
    /* 0210 */ "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h",
    /* 0220 */ "", "", "", "", "", "", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o",
    /* 0230 */ "o", "o", "y", "y", "", "", "", "", "", "", "", "", "", "", "", "",
    /* 0240 */ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
};

/* Appends the normalised form of s[0..len) and a NUL, without counting
 * the NUL in out->len, and returns 0 when s is ASCII and latin_fold
 * letters; otherwise returns 1 (out unchanged) or -1 when out of memory.
 * One pass: an ASCII byte costs a table load, and a dropped apostrophe
 * or the ASCII test no branch. The result is never longer than s. */
static int normalize_fast(eg_buf *out, const char *s, size_t len)
{
    if (out->len + len + 2 > out->cap && eg_buf_reserve(out, len + 1) != 0)
        return -1;
    char *d = out->data + out->len;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            d[n] = (char)(c + ((ascii_class[c] & C_UPPER) ? 'a' - 'A' : 0));
            n += c != '\'';
            continue;
        }
        /* a two-byte sequence up to U+024F with a table entry */
        if (c < 0xC2 || c > 0xC9 || i + 1 >= len || ((unsigned char)s[i + 1] & 0xC0) != 0x80) {
            *d = '\0'; /* the buffer stays NUL-terminated */
            return 1;
        }
        unsigned cp = (c & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu);
        if (cp >= 0x250 || !latin_fold[cp - 0x80][0]) {
            *d = '\0';
            return 1;
        }
        const char *f = latin_fold[cp - 0x80];
        d[n++] = f[0];
        if (f[1])
            d[n++] = f[1];
        i++;
    }
    d[n] = '\0';
    out->len += n;
    return 0;
}

/* The general case: utf8proc, then apostrophes dropped and fold_extra. */
static int normalize_unicode(eg_buf *out, const char *s, size_t len)
{
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

int eg_normalize(eg_buf *out, const char *s, size_t len)
{
    int r = normalize_fast(out, s, len);
    return r <= 0 ? r : normalize_unicode(out, s, len);
}

/* Every code point that is a word character starts a token in
 * eg_text_analyze, and its scan reaches each code point boundary in turn
 * until the first token, so a token exists exactly when a word character
 * does. */
int eg_text_has_word(const char *s, size_t len)
{
    size_t k;
    for (size_t i = 0; i < len; i += k)
        if (is_word(decode(s, len, i, &k)))
            return 1;
    return 0;
}

/* ---- abbreviations that do not end a sentence ---- */

/* Word lists with their lengths, so a look-up compares lengths first. */
typedef struct {
    const char *w;
    size_t n;
} word;
#define W(s) {s, sizeof s - 1}

static int in_list(const char *w, size_t n, const word *list)
{
    for (; list->w; list++)
        if (list->n == n && list->w[0] == w[0] && memcmp(list->w, w, n) == 0)
            return 1;
    return 0;
}

static const word titles[] = {
    W("mr"), W("mrs"), W("ms"), W("dr"), W("prof"), W("gen"), W("sen"), W("rep"), W("gov"),
    W("lt"), W("col"), W("capt"), W("sgt"), W("st"), W("rev"), W("hon"), W("adm"), W("maj"),
    W("cpl"), W("pvt"), W("fr"), W("mt"), W("ft"), W("vs"), W("cf"), W("pres"),
    W("supt"), W("insp"), W("amb"), W("messrs"), W("mme"), W("mlle"), {NULL, 0}};
static const word months[] = {W("jan"), W("feb"), W("mar"), W("apr"), W("jun"),
                              W("jul"), W("aug"), W("sep"), W("sept"), W("oct"),
                              W("nov"), W("dec"), {NULL, 0}};
static const word suffixes[] = {W("inc"), W("corp"), W("ltd"), W("co"), W("jr"),
                                W("sr"),  W("bros"), {NULL, 0}};
/* Words that typically open a sentence; after "U.S." or "Inc." they tell a
 * sentence end from a name that goes on. */
static const word openers[] = {
    W("the"), W("a"), W("an"), W("he"), W("she"), W("it"), W("they"), W("we"), W("i"),
    W("in"), W("on"), W("at"), W("but"), W("and"), W("this"), W("that"), W("these"),
    W("those"), W("there"), W("his"), W("her"), W("its"), W("their"), W("our"), W("as"),
    W("after"), W("before"), W("when"), W("while"), W("if"), W("for"), W("with"), W("by"),
    W("from"), W("however"), W("meanwhile"), W("some"), W("many"), W("most"), W("not"),
    W("so"), W("yet"), W("what"), W("who"), W("why"), W("how"), W("where"), W("last"),
    W("next"), W("according"), W("since"), W("although"), W("both"), W("earlier"),
    W("later"), {NULL, 0}};
#undef W

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
    /* tokens of the open sentence with two or more letters, and those of
     * them not in capitals: counted as tokens are emitted, for caps */
    unsigned sent_words, sent_lower;
    unsigned line_prose; /* lower-case words of three letters or more in the line */
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
    se->caps = sc->sent_words >= 2 && sc->sent_lower == 0;
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
        sc->sent_words = sc->sent_lower = 0;
    }
    sc->par_has_content = 1;
    sc->last_ns_end = (uint32_t)(i + k);
}

/* Skips white space and opening quotes from i; returns where the next
 * word (or whatever comes) starts. */
static size_t skip_to_word(const scanner *sc, size_t i)
{
    size_t k;
    while (i < sc->len) {
        int32_t cp = decode(sc->s, sc->len, i, &k);
        if (is_space(cp) || cp == '\n' || cp == '"' || cp == 0x201C || cp == '(')
            i += k;
        else
            break;
    }
    return i;
}

/* The first code point of the next word after position i (skipping white
 * space and opening quotes), or -1 at the end of the text. */
static int32_t next_first(const scanner *sc, size_t i)
{
    size_t k;
    i = skip_to_word(sc, i);
    return i < sc->len ? decode(sc->s, sc->len, i, &k) : -1;
}

/* The next word after position i (skipping white space and opening
 * quotes), lower-cased ASCII into w; returns its length, at most cap (0
 * if none). */
static size_t next_word(const scanner *sc, size_t i, char *w, size_t cap, int32_t *first)
{
    size_t k;
    i = skip_to_word(sc, i);
    *first = -1;
    size_t n = 0;
    while (i < sc->len && n < cap) {
        int32_t cp = decode(sc->s, sc->len, i, &k);
        if (*first == -1)
            *first = cp;
        if (!is_word(cp))
            break;
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
    int plain; /* only ASCII letters and digits (no apostrophe) */
} tokstate;

static eg_status emit_token(scanner *sc, tokstate *ts, int poss, eg_error *err)
{
    eg_text *t = sc->t;
    if (t->ntok >= t->tok_cap && EG_GROW(t->tok, t->tok_cap, t->ntok) != 0)
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
    } else if (ts->plain) {
        /* ASCII letters and digits: folding sets bit 0x20 (digits have
         * it), eight bytes at a time. The last word may take bytes past
         * the token, when the text has them: the form ends where it
         * should all the same, and the bytes past it in the buffer are
         * spare capacity. */
        size_t n = ts->end - ts->start;
        rc = 0;
        if (t->norm.len + n + 9 > t->norm.cap && eg_buf_reserve(&t->norm, n + 8) != 0)
            rc = -1;
        else {
            const char *src = sc->s + ts->start;
            char *d = t->norm.data + t->norm.len;
            size_t words = (n + 7) & ~(size_t)7, j = 0;
            size_t whole = ts->start + words <= sc->len ? n : n & ~(size_t)7;
            for (; j < whole; j += 8) {
                uint64_t w;
                memcpy(&w, src + j, 8);
                w |= 0x2020202020202020ULL;
                memcpy(d + j, &w, 8);
            }
            for (; j < n; j++)
                d[j] = (char)(src[j] | 0x20);
            t->norm.len += n;
        }
    } else {
        rc = normalize_fast(&t->norm, sc->s + ts->start, ts->end - ts->start);
        if (rc > 0)
            rc = normalize_unicode(&t->norm, sc->s + ts->start, ts->end - ts->start);
    }
    /* the terminating NUL is part of the stored form */
    if (rc != 0 || (t->norm.len + 2 > t->norm.cap && eg_buf_reserve(&t->norm, 1) != 0))
        return oom(err);
    t->norm.data[t->norm.len++] = '\0';
    t->norm.data[t->norm.len] = '\0';
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
    if (ts->nletters >= 2) {
        sc->sent_words++;
        sc->sent_lower += !(flags & EG_TOK_ALLCAPS);
        sc->line_prose += ts->nletters >= 3 && !(flags & (EG_TOK_CAP | EG_TOK_ALLCAPS));
    }
    t->ntok++;
    sc->gap_other = sc->gap_space = sc->gap_hyphen = sc->gap_newlines = 0;
    return EG_OK;
}

#ifdef __SSE2__
/* Bits set in x < 2^16 (x86-64 without -mpopcnt has no instruction for
 * it, and __builtin_popcount becomes a call). */
static inline unsigned popcount16(unsigned x)
{
    x -= (x >> 1) & 0x5555u;
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0f0fu;
    return (x + (x >> 8)) & 0x1fu;
}
#endif

/* The bookkeeping of a run of ASCII letters and digits that ends at j:
 * any holds C_UPPER and C_LOWER as seen, nl the letters, first the
 * first letter (SIZE_MAX: none). Returns j. */
static inline size_t ascii_run_done(const unsigned char *u, size_t j, size_t first, unsigned any,
                                    size_t nl, tokstate *ts)
{
    if (first != SIZE_MAX) {
        if (!ts->seen_letter) {
            ts->first_letter_upper = (ascii_class[u[first]] & C_UPPER) != 0;
            ts->seen_letter = 1;
        }
        ts->has_upper |= (any & C_UPPER) != 0;
        ts->has_lower |= (any & C_LOWER) != 0;
        ts->nletters += nl;
    }
    return j;
}

/* Takes in the ASCII letters and digits from i on (the rest of a word
 * whose first character the caller took), then does the bookkeeping once
 * for the run. Returns where the run ends. With SSE2 (every x86-64) 16
 * bytes are classified at once and the end of the run is a count of
 * trailing bits, so the branch at the end of each word, which no
 * predictor gets right, is gone; elsewhere, and on the last bytes, a
 * table load per byte. (Eight bytes at a time with bit tricks in plain C
 * ran no faster.) */
static inline size_t ascii_word_run(const char *s, size_t i, size_t len, tokstate *ts)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned any = 0;
    size_t j = i, nl = 0;
    size_t first = SIZE_MAX; /* the run's first letter, when it has one */
#ifdef __SSE2__
    const __m128i a1 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1);
    const __m128i A1 = _mm_set1_epi8('A' - 1), Z1 = _mm_set1_epi8('Z' + 1);
    const __m128i d1 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
    while (j + 16 <= len) {
        /* bytes of 0x80 and up are negative here: in no class */
        __m128i v = _mm_loadu_si128((const __m128i *)(u + j));
        unsigned lo = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, a1), _mm_cmplt_epi8(v, z1)));
        unsigned up = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, A1), _mm_cmplt_epi8(v, Z1)));
        unsigned dg = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, d1), _mm_cmplt_epi8(v, d9)));
        unsigned wm = lo | up | dg;
        unsigned n = ~wm & 0xffffu ? (unsigned)__builtin_ctz(~wm & 0xffffu) : 16;
        unsigned run = (1u << n) - 1, letters = (lo | up) & run;
        if (letters && first == SIZE_MAX)
            first = j + (size_t)__builtin_ctz(letters);
        any |= (lo & run ? C_LOWER : 0) | (up & run ? C_UPPER : 0);
        nl += popcount16(letters);
        j += n;
        if (n < 16)
            return ascii_run_done(u, j, first, any, nl, ts);
    }
#endif
    unsigned c;
    while (j < len && ((c = ascii_class[u[j]]) & C_WORD)) {
        if ((c & C_LETTER) && first == SIZE_MAX)
            first = j;
        any |= c;
        nl += (c & C_LETTER) != 0;
        j++;
    }
    return ascii_run_done(u, j, first, any, nl, ts);
}

/* Decides whether the terminal at i (k bytes) ends the sentence, given the
 * token that ended right before it (or NULL). Returns 1 and sets *q to the
 * end of the sentence. */
static int sentence_ends(const scanner *sc, size_t i, size_t k, const eg_token *prev, size_t *q)
{
    size_t k0;
    int32_t c0 = decode(sc->s, sc->len, i, &k0);
    if (c0 == 0x3002 || c0 == 0xFF01 || c0 == 0xFF1F) {
        /* 。！？ end a sentence with no space after them */
        size_t j = i + k, kk;
        while (j < sc->len) {
            int32_t cp = decode(sc->s, sc->len, j, &kk);
            if (!is_terminal(cp) && !is_closer(cp))
                break;
            j += kk;
        }
        *q = j;
        return 1;
    }
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
        int32_t first = next_first(sc, *q);
        /* "Jan. 5", "No. 10"; but "he said no. Later, ..." ends there */
        if ((in_list(w, n, months) || (n == 2 && memcmp(w, "no", 2) == 0)) && first >= '0' &&
            first <= '9')
            return 0;
        if (in_list(w, n, suffixes))
            return next_is_opener(sc, *q);
    }
    int32_t first = next_first(sc, *q);
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
    if (len == 0)
        return 0;
    if (!memchr(s, '\r', len)) {
        /* line feeds only, the usual case: jump from one to the next */
        const char *end = s + len;
        for (const char *p = memchr(s, '\n', len); p;
             p = memchr(p + 1, '\n', (size_t)(end - p - 1))) {
            const char *q = p + 1;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (q < end && *q == '\n')
                return 1;
        }
        return 0;
    }
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
        if (cp >= 0x0E00 && is_unspaced(cp)) {
            /* a character of a script without spaces is a token of its own */
            if (in_tok) {
                ts.end = i;
                EG_CHECK(emit_token(&sc, &ts, 0, err));
                in_tok = 0;
            }
            size_t e = i + k, km;
            while (e < len && is_mark(decode(s, len, e, &km)))
                e += km;
            memset(&ts, 0, sizeof ts);
            ts.start = i;
            ts.end = e;
            ts.seen_letter = 1;
            ts.nletters = 1;
            mark_nonspace(&sc, i, e - i);
            EG_CHECK(emit_token(&sc, &ts, 0, err));
            sc.last_ns_end = (uint32_t)e;
            i = e;
            continue;
        }
        if (is_word(cp)) {
            if (!in_tok) {
                memset(&ts, 0, sizeof ts);
                ts.start = i;
                in_tok = 1;
                ts.plain = 1;
                mark_nonspace(&sc, i, k);
            }
            if (cp >= 0x80)
                ts.plain = 0;
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
            /* the rest of the word while it is ASCII, in bulk */
            i = ascii_word_run(s, i + k, len, &ts);
            sc.last_ns_end = (uint32_t)i;
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
                    ts.plain = 0;
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
            /* a line goes on when the next starts in lower case, or this
             * one ends in , ; : a hyphen or a lower-case word (prose
             * wrapped at a width: "on the\nNairobi Securities Exchange") */
            int goes_on = 0;
            if (nl < 2 && sc.sent_open) {
                unsigned char last = (unsigned char)s[sc.last_ns_end - 1];
                size_t kk;
                int32_t nx = j < len ? decode(s, len, j, &kk) : -1;
                const eg_token *lt = t->ntok ? &t->tok[t->ntok - 1] : NULL;
                int wrapped = lt && lt->sentence == t->nsent && lt->end == sc.last_ns_end &&
                              lt->nletters > 0 && !(lt->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS));
                /* or a line of prose breaks between two capitalised
                 * words, as a name wrapped at the width does ("of the
                 * National\nHurricane Center"); a headline, a byline or a
                 * credit has next to no lower-case words */
                int name_wrap = lt && lt->sentence == t->nsent && lt->end == sc.last_ns_end &&
                                (lt->flags & EG_TOK_CAP) && nx >= 0 && is_upper(nx) &&
                                sc.line_prose >= 3;
                goes_on = is_lower(nx) || wrapped || name_wrap ||
                          (last && strchr(",;:-(&/", last));
            }
            if (nl >= 2 || (!sc.has_blank_line && !goes_on))
                EG_CHECK(close_paragraph(&sc, err));
            else if (sc.sent_open && !goes_on)
                EG_CHECK(close_sentence(&sc, err));
            else if (sc.sent_open)
                sc.gap_newlines++;
            sc.line_prose = 0;
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
    /* zeroed slack past the last form, so it can be read a word at a
     * time (eg_strmap_get_padded) */
    if (eg_buf_reserve(&t->norm, 8) != 0)
        return oom(err);
    memset(t->norm.data + t->norm.len, 0, 9);
    return EG_OK;
}
