/*
 * corpus.h - the documents to read: files, directories walked recursively
 * in sorted order, or "-" for standard input. One file is one document,
 * except JSON Lines (*.jsonl, or every input with jsonl set): one line
 * {"id": ..., "text": ...} is one document.
 *
 * Inputs are checked up front; directories are walked as documents are
 * read, one at a time, so memory holds only the current document and the
 * listings of the directories on the current path.
 *
 * Files that look binary (NUL bytes or control characters in the first
 * 8 KiB) are skipped with a warning; a document over max_doc bytes is an
 * error that names the file (or file:line) and the limit.
 */
#ifndef EG_CORPUS_H
#define EG_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "entigraph.h"

typedef struct eg_corpus eg_corpus;

typedef struct {
    int jsonl;      /* every input is JSON Lines, stdin included */
    size_t max_doc; /* bytes; 0 or over EG_MAX_DOC_LIMIT: that limit */
    const char *date_regex; /* POSIX extended regex finding a file's date in
                               its path, or NULL (see eg_doc.day) */
    const char *out_dir;    /* where the run writes, or NULL: never read
                               (a warning says so) when inside an input */
    const char *const *out_names; /* NULL-terminated names of the files a
                               run writes into out_dir, the last its lock
                               file. A directory holding the lock file (an
                               output directory of any run) is skipped when
                               inside an input; when it is an input, these
                               files and their temporaries (NAME.XXXXXX) */
} eg_corpus_opts;

#define EG_MAX_DOC_DEFAULT ((size_t)256 << 20)
/* The largest document there can be: a document is held whole in one
 * buffer, which stops at 2 GiB (EG_BUF_MAX), and its byte offsets are
 * 32-bit. A round 2047 MiB, so that it can be given as --max-doc-size. */
#define EG_MAX_DOC_LIMIT ((size_t)2047 << 20)

typedef struct {
    const char *id;   /* the path as given or found, "-" for stdin, or a
                         JSON Lines record's id (else "path:line") */
    const char *data; /* contents, NUL-terminated; valid until the next call */
    size_t len;
    size_t invalid;   /* bytes that are not valid UTF-8 */
    const char *date; /* a JSON Lines record's date, or NULL */
    uint32_t day;     /* the document's date as YYYYMMDD, 0 = none: a JSON
                         Lines record's "date", else from the path by
                         date_regex (three groups: year, month, day; one
                         group or none: an ISO date such as 2024-10-12) */
} eg_doc;

/* Collects the documents named by inputs; o may be NULL (defaults). *out
 * is owned by the caller (eg_corpus_free). warn receives notes such as
 * skipped entries. */
eg_status eg_corpus_open(const char *const *inputs, size_t n, const eg_corpus_opts *o,
                         eg_warn_fn warn, void *ud, eg_corpus **out, eg_error *err);
/* Reads the next document: returns 1 with *doc filled, 0 at the end, -1
 * on error (err filled). Invalid UTF-8 is reported through warn with the
 * byte offset of its first occurrence and left for later stages to treat
 * as a separator; writers replace it with U+FFFD. */
int eg_corpus_next(eg_corpus *c, eg_doc *doc, eg_error *err);
/* Documents returned so far. */
size_t eg_corpus_ndocs(const eg_corpus *c);
/* The size of every regular file the inputs name (stdin: unknown), from a
 * walk of its own: for progress reports. */
uint64_t eg_corpus_bytes(const eg_corpus *c);
void eg_corpus_free(eg_corpus *c);

#endif
