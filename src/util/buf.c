/*
 * buf.c - growable buffers and arrays, and the UTF-8 cleaner used by every
 * writer that copies text from a document into an output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"

int eg_buf_reserve(eg_buf *b, size_t extra)
{
    if (extra >= EG_BUF_MAX || b->len > EG_BUF_MAX - extra - 1)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > EG_BUF_MAX / 2 ? EG_BUF_MAX : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int eg_buf_append(eg_buf *b, const void *p, size_t n)
{
    if (eg_buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int eg_buf_putc(eg_buf *b, char c)
{
    return eg_buf_append(b, &c, 1);
}

int eg_buf_printf(eg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || eg_buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void eg_buf_clear(eg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void eg_buf_free(eg_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int eg_grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc <= n)
        nc *= 2;
    if (nc > EG_BUF_MAX / sz)
        return -1;
    void *q = realloc(*p, nc * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

int eg_buf_append_clean(eg_buf *b, const char *s, size_t n)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    int in_space = 0;
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7f) {
            /* printable ASCII but the space, the common case: a run at
             * once (this runs for every field of every mention row) */
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] > 0x20 && (unsigned char)s[j] < 0x7f)
                j++;
            if (eg_buf_append(b, s + i, j - i) != 0)
                return -1;
            in_space = 0;
            i = j;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) {
            if (eg_buf_append(b, fffd, 3) != 0)
                return -1;
            in_space = 0;
            i++;
            continue;
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') {
            if (!in_space && eg_buf_putc(b, ' ') != 0)
                return -1;
            in_space = 1;
        } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
                   cp == 0x2029 || cp == 0xfffe || cp == 0xffff) {
            /* control characters would corrupt TSV and terminals; YAML
             * reads U+0085, U+2028 and U+2029 as line breaks and refuses
             * C1 controls and noncharacters even in comments */
            if (!in_space && eg_buf_putc(b, ' ') != 0)
                return -1;
            in_space = 1;
        } else {
            if (eg_buf_append(b, s + i, (size_t)k) != 0)
                return -1;
            in_space = 0;
        }
        i += (size_t)k;
    }
    if (b->data == NULL && eg_buf_reserve(b, 0) != 0)
        return -1;
    if (b->data)
        b->data[b->len] = '\0';
    return 0;
}

char *eg_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
