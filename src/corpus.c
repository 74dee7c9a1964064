/*
 * corpus.c - find the documents and read them one at a time.
 *
 * Directories are walked depth-first with entries sorted by byte order, so
 * the document order (and with it every "first evidence" rule) is the
 * same on every machine. Hidden entries (".git") are skipped; symbolic
 * links are followed, but a directory already on the current path is not
 * entered again, so link loops end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "corpus.h"
#include "util/buf.h"
#include "util/fs.h"

struct eg_corpus {
    char **paths;
    size_t n, cap, next;
    eg_buf data;
    eg_warn_fn warn;
    void *ud;
};

typedef struct {
    dev_t dev;
    ino_t ino;
} dirid;

static void warnf(eg_corpus *c, const char *fmt, const char *a, const char *b)
{
    if (!c->warn)
        return;
    char msg[1200];
    snprintf(msg, sizeof msg, fmt, a, b);
    c->warn(c->ud, msg);
}

static eg_status add_path(eg_corpus *c, const char *p, eg_error *err)
{
    if (EG_GROW(c->paths, c->cap, c->n) != 0 || !(c->paths[c->n] = eg_strndup(p, strlen(p))))
        return eg_error_add(err, EG_ENOMEM, "out of memory listing inputs");
    c->n++;
    return EG_OK;
}

static eg_status walk(eg_corpus *c, const char *dir, dirid *stack, size_t depth, eg_error *err)
{
    if (depth >= 64)
        return eg_error_add(err, EG_EINPUT, "%s: directories nested too deep", dir);
    char **names;
    size_t n;
    EG_CHECK(eg_list_dir(dir, NULL, &names, &n, err));
    eg_status st = EG_OK;
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        eg_buf p = EG_BUF_INIT;
        if (eg_buf_printf(&p, "%s%s%s", dir, slash ? "" : "/", names[i]) != 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        struct stat sb;
        if (stat(p.data, &sb) != 0) {
            warnf(c, "%s: skipped: %s", p.data, strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            int loop = 0;
            for (size_t k = 0; k < depth; k++)
                loop |= stack[k].dev == sb.st_dev && stack[k].ino == sb.st_ino;
            if (loop) {
                warnf(c, "%s: skipped: directory link loop%s", p.data, "");
            } else {
                stack[depth] = (dirid){sb.st_dev, sb.st_ino};
                st = walk(c, p.data, stack, depth + 1, err);
            }
        } else if (S_ISREG(sb.st_mode)) {
            st = add_path(c, p.data, err);
        }
        eg_buf_free(&p);
    }
    eg_free_names(names, n);
    return st;
}

eg_status eg_corpus_open(const char *const *inputs, size_t n, eg_warn_fn warn, void *ud,
                         eg_corpus **out, eg_error *err)
{
    eg_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    c->warn = warn;
    c->ud = ud;
    eg_status st = EG_OK;
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        const char *in = inputs[i];
        struct stat sb;
        if (strcmp(in, "-") == 0) {
            st = add_path(c, in, err);
        } else if (stat(in, &sb) != 0) {
            st = eg_error_add(err, EG_EIO, "%s: %s", in, strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            dirid stack[64];
            stack[0] = (dirid){sb.st_dev, sb.st_ino};
            st = walk(c, in, stack, 1, err);
        } else {
            st = add_path(c, in, err);
        }
    }
    if (st != EG_OK) {
        eg_corpus_free(c);
        return st;
    }
    *out = c;
    return EG_OK;
}

size_t eg_corpus_count(const eg_corpus *c)
{
    return c->n;
}

void eg_corpus_free(eg_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->paths[i]);
    free(c->paths);
    eg_buf_free(&c->data);
    free(c);
}

static size_t check_utf8(const char *s, size_t len, size_t *first)
{
    size_t bad = 0, i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0) {
            if (!bad)
                *first = i;
            bad++;
            i++;
        } else {
            i += (size_t)k;
        }
    }
    return bad;
}

int eg_corpus_next(eg_corpus *c, eg_doc *doc, eg_error *err)
{
    if (c->next >= c->n)
        return 0;
    const char *path = c->paths[c->next++];
    int is_stdin = strcmp(path, "-") == 0;
    eg_status st = eg_read_all(path, is_stdin ? stdin : NULL, &c->data, err);
    if (st != EG_OK)
        return -1;
    doc->id = path;
    doc->data = c->data.data;
    doc->len = c->data.len;
    size_t first = 0;
    doc->invalid = check_utf8(doc->data, doc->len, &first);
    if (doc->invalid && c->warn) {
        char msg[1200];
        snprintf(msg, sizeof msg,
                 "%s: invalid UTF-8 at byte %zu (%zu byte%s replaced by U+FFFD in outputs)",
                 path, first, doc->invalid, doc->invalid == 1 ? "" : "s");
        c->warn(c->ud, msg);
    }
    return 1;
}
