/*
 * corpus.h - the documents to read: files, directories walked recursively
 * in sorted order, or "-" for standard input. One file is one document.
 *
 * The list of paths is gathered up front (cheap); contents are read one
 * document at a time, so memory holds only the current document.
 */
#ifndef EG_CORPUS_H
#define EG_CORPUS_H

#include <stddef.h>

#include "entigraph.h"

typedef struct eg_corpus eg_corpus;

typedef struct {
    const char *id;   /* the path as given or found; "-" for stdin */
    const char *data; /* contents, NUL-terminated; valid until the next call */
    size_t len;
    size_t invalid;   /* bytes that are not valid UTF-8 */
} eg_doc;

/* Collects the documents named by inputs. *out is owned by the caller
 * (eg_corpus_free). warn receives notes such as skipped entries. */
eg_status eg_corpus_open(const char *const *inputs, size_t n, eg_warn_fn warn, void *ud,
                         eg_corpus **out, eg_error *err);
/* Reads the next document: returns 1 with *doc filled, 0 at the end, -1
 * on error (err filled). Invalid UTF-8 is reported through warn with the
 * byte offset of its first occurrence and left for later stages to treat
 * as a separator; writers replace it with U+FFFD. */
int eg_corpus_next(eg_corpus *c, eg_doc *doc, eg_error *err);
size_t eg_corpus_count(const eg_corpus *c);
void eg_corpus_free(eg_corpus *c);

#endif
