/*
 * text.h - the text stage: one document's bytes -> normalised tokens with
 * byte offsets into the original, sentences and paragraphs.
 *
 * Normalisation (shared with the gazetteer, so that an alias and the text
 * meet in the same form): NFKC, case fold, accents stripped, apostrophes
 * dropped. Tokens are runs of letters, marks and digits; an apostrophe
 * between letters stays inside a token (O'Brien, d'Ivoire) except for a
 * possessive 's, which ends the token and is flagged. A word that ends in
 * an English contraction after an apostrophe (She'll, we're, I've, he'd,
 * I'm, can't) stays one token but is flagged, so that "She'll" (normalised
 * "shell") is not taken for the name Shell. Dotted acronyms (U.S., U.N.)
 * are one token.
 */
#ifndef EG_TEXT_H
#define EG_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "entigraph.h"
#include "util/buf.h"

enum {
    EG_TOK_CAP = 1 << 0,      /* first letter is upper case */
    EG_TOK_ALLCAPS = 1 << 1,  /* every cased letter is upper case */
    EG_TOK_JOIN = 1 << 2,     /* only spaces, one line break or a hyphen before it */
    EG_TOK_POSS = 1 << 3,     /* followed by a possessive 's or ' */
    EG_TOK_DOTTED = 1 << 4,   /* dotted acronym such as U.S. */
    EG_TOK_SSTART = 1 << 5,   /* first token of its sentence */
    EG_TOK_CONTR = 1 << 6,    /* ends in a contraction: 'll 're 've 'd 'm n't */
};

typedef struct {
    uint32_t start, end;    /* bytes in the original, end exclusive */
    uint32_t norm, norm_len; /* normalised form in eg_text.norm */
    uint32_t sentence;       /* 0-based sentence index */
    uint32_t paragraph;      /* 0-based paragraph index */
    uint16_t flags;
    uint16_t nletters;       /* letters in the token (capped at 65535) */
} eg_token;

typedef struct {
    uint32_t start, end;  /* first and past-last non-space byte */
    uint32_t paragraph;
    uint32_t first_token; /* index of the first token at or after start */
    uint32_t caps;        /* 1: written in capitals (a headline, a credit) */
} eg_sentence;

/* Reused across documents: eg_text_analyze clears it first. Owns all
 * arrays; free with eg_text_free. */
typedef struct {
    eg_token *tok;
    size_t ntok, tok_cap;
    eg_sentence *sent;
    size_t nsent, sent_cap;
    uint32_t nparagraphs;
    eg_buf norm; /* normalised token strings, each NUL-terminated, and
                    8 zero bytes past the last (a form may be read a
                    word at a time) */
} eg_text;

void eg_text_init(eg_text *t);
void eg_text_free(eg_text *t);

/* Analyses s[0..len). Invalid UTF-8 bytes act as separators. Documents of
 * 4 GiB or more are rejected (offsets are 32-bit). */
eg_status eg_text_analyze(eg_text *t, const char *s, size_t len, eg_error *err);

static inline const char *eg_token_norm(const eg_text *t, const eg_token *k)
{
    return t->norm.data + k->norm;
}

/* Whether s[0..len) has a letter, mark or digit, i.e. whether
 * eg_text_analyze would find a token in it (without building any). */
int eg_text_has_word(const char *s, size_t len);

/* Appends the normalised form of s[0..len) (one word) to out: NFKC, case
 * folded, marks stripped, apostrophes removed. Returns 0 or -1. */
int eg_normalize(eg_buf *out, const char *s, size_t len);

#endif
