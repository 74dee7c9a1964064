/*
 * buf.h - growable byte buffer with a size cap (after curl's dynbuf).
 *
 * The buffer owns data; eg_buf_free releases it. data is always
 * NUL-terminated once anything was appended. Growth beyond EG_BUF_MAX
 * fails instead of exhausting memory.
 */
#ifndef EG_BUF_H
#define EG_BUF_H

#include <stddef.h>

#define EG_BUF_MAX ((size_t)1 << 31)

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} eg_buf;

#define EG_BUF_INIT {NULL, 0, 0}

/* All return 0 on success, -1 when out of memory or over EG_BUF_MAX. */
int eg_buf_reserve(eg_buf *b, size_t extra) __attribute__((warn_unused_result));
int eg_buf_append(eg_buf *b, const void *p, size_t n) __attribute__((warn_unused_result));
int eg_buf_putc(eg_buf *b, char c) __attribute__((warn_unused_result));
int eg_buf_printf(eg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), warn_unused_result));
void eg_buf_clear(eg_buf *b);
void eg_buf_free(eg_buf *b);

/* Growable array helper: ensures room for n+1 elements of size sz in *p
 * with capacity *cap. Returns 0 or -1 (out of memory). */
int eg_grow(void **p, size_t *cap, size_t n, size_t sz) __attribute__((warn_unused_result));
#define EG_GROW(arr, cap, n) eg_grow((void **)&(arr), &(cap), (n), sizeof *(arr))

/* Copies s[0..n) with invalid UTF-8 replaced by U+FFFD and runs of white
 * space and control characters (tabs, newlines, C1 controls, U+2028,
 * U+2029, U+FFFE, U+FFFF) folded to one space; appends to b. The result
 * is one line of text in TSV, YAML (comments too) and terminals. */
int eg_buf_append_clean(eg_buf *b, const char *s, size_t n) __attribute__((warn_unused_result));

/* strdup/strndup that return NULL on failure; caller frees. */
char *eg_strndup(const char *s, size_t n);

#endif
