/*
 * gazindex.h - the aliases of a gazetteer grouped by normalised form, with
 * the case rule each one gets, for checking and looking up gazetteers.
 *
 * Two aliases have the same form when the text stage turns them into the
 * same token sequence, exactly as the matcher sees them.
 */
#ifndef EG_GAZINDEX_H
#define EG_GAZINDEX_H

#include "gazetteer.h"
#include "util/hmap.h"

typedef enum {
    EG_GUARD_NONE = 0, /* matched in any case */
    EG_GUARD_CAPS,     /* all-capitals acronym: matched only in capitals */
    EG_GUARD_CAPITAL   /* common words: every word needs a capital letter */
} eg_guard;

typedef struct {
    uint32_t alias;  /* index into gz->alias */
    uint32_t form;   /* index of its form */
    uint8_t guard;   /* eg_guard */
    uint8_t common;  /* every word is a common word */
    uint16_t ntok;
} eg_alias_info;

typedef struct {
    const eg_gazetteer *gz;
    eg_alias_info *info; /* one per alias, in alias order */
    eg_strmap forms;     /* normalised form (tokens joined by ' ') -> form index */
    uint32_t *first;     /* per form: first alias of the form in by_form */
    uint32_t *count;     /* per form: aliases with the form */
    uint32_t *by_form;   /* alias indices grouped by form, in alias order */
} eg_gazindex;

/* Builds the index; free with eg_gazindex_free. */
eg_status eg_gazindex_build(const eg_gazetteer *gz, eg_gazindex *ix, eg_error *err);
void eg_gazindex_free(eg_gazindex *ix);

/* The normalised form of any text (tokens joined by single spaces) into
 * out (cleared first). Returns 0 or -1. */
int eg_gazindex_form(const char *text, eg_buf *out);

/* Form index of text, or -1 when no alias has that form. */
long eg_gazindex_find(const eg_gazindex *ix, const char *text);

const char *eg_guard_name(eg_guard g);

#endif
