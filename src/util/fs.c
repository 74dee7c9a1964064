/*
 * fs.c - read a whole file; list a directory in a fixed order, so that
 * every run visits files the same way on every machine.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"

/* A named file: its size tells how much to reserve, and the bytes go
 * straight into out (no stdio buffer, no copy), since a corpus of small
 * files costs about as much in opening and reading as in tagging. */
eg_status eg_read_at(int dirfd, const char *rel, const char *name, size_t max, eg_buf *out,
                     eg_error *err)
{
    int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return eg_error_add(err, EG_EIO, "%s: cannot open: %s", name, strerror(errno));
    eg_buf_clear(out);
    struct stat sb;
    size_t want = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
    eg_status st = EG_OK;
    if (max && want > max) {
        close(fd);
        return eg_error_add(err, EG_EINPUT, "%s: larger than the limit of %zu bytes", name, max);
    }
    for (;;) {
        /* room for the whole file, one byte to see its end, and the NUL */
        size_t room = want > out->len ? want - out->len + 2 : 65536;
        if (eg_buf_reserve(out, room) != 0) {
            st = eg_error_add(err, EG_ENOMEM, "%s: too large to read into memory", name);
            break;
        }
        ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = eg_error_add(err, EG_EIO, "%s: read error: %s", name, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        if (max && out->len > max) {
            st = eg_error_add(err, EG_EINPUT, "%s: larger than the limit of %zu bytes", name, max);
            break;
        }
    }
    close(fd);
    if (st == EG_OK && eg_buf_reserve(out, 0) != 0)
        st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    if (st == EG_OK)
        out->data[out->len] = '\0';
    return st;
}

eg_status eg_read_all(const char *name, FILE *fp, size_t max, eg_buf *out, eg_error *err)
{
    if (!fp)
        return eg_read_at(AT_FDCWD, name, name, max, out, err);
    FILE *own = NULL;
    eg_buf_clear(out);
    char chunk[65536];
    size_t n;
    int oom = 0, big = 0;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (max && out->len + n > max) {
            big = 1;
            break;
        }
        if (eg_buf_append(out, chunk, n) != 0) {
            oom = 1;
            break;
        }
    }
    int bad = ferror(fp);
    int e = errno;
    if (own)
        fclose(own);
    if (big)
        return eg_error_add(err, EG_EINPUT, "%s: larger than the limit of %zu bytes", name, max);
    if (oom)
        return eg_error_add(err, EG_ENOMEM, "%s: too large to read into memory", name);
    if (bad)
        return eg_error_add(err, EG_EIO, "%s: read error: %s", name, strerror(e));
    if (eg_buf_reserve(out, 0) != 0)
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    out->data[out->len] = '\0';
    return EG_OK;
}

int eg_read_line_raw(FILE *fp, size_t max, eg_buf *out)
{
    eg_buf_clear(out);
    if (!max || max > EG_BUF_MAX - 2)
        max = EG_BUF_MAX - 2;
    int c, any = 0;
    char chunk[4096];
    size_t k = 0;
    while ((c = getc_unlocked(fp)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        chunk[k++] = (char)c;
        if (out->len + k > max)
            return -2;
        if (k == sizeof chunk) {
            if (eg_buf_append(out, chunk, k) != 0) {
                errno = ENOMEM;
                return -1;
            }
            k = 0;
        }
    }
    if (ferror(fp))
        return -1;
    if (eg_buf_append(out, chunk, k) != 0 || eg_buf_reserve(out, 0) != 0) {
        errno = ENOMEM;
        return -1;
    }
    out->data[out->len] = '\0';
    return any ? 1 : 0;
}

int eg_read_line(FILE *fp, size_t max, eg_buf *out)
{
    int r = eg_read_line_raw(fp, max, out);
    if (r == 1 && out->len && out->data[out->len - 1] == '\r')
        out->data[--out->len] = '\0';
    return r;
}

eg_status eg_read_text(const char *path, const char *name, size_t max, size_t max_line,
                       eg_buf *out, eg_error *err)
{
    eg_buf_clear(out);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_add(err, EG_EIO, "%s: cannot open: %s", name, strerror(errno));
    char chunk[65536];
    size_t n, lineno = 1, col = 0;
    eg_status st = EG_OK;
    while (st == EG_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        /* the line lengths first: the bytes are kept only when they pass */
        for (size_t i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
                lineno++;
                col = 0;
            } else if (++col > max_line && !(col == max_line + 1 && chunk[i] == '\r')) {
                st = eg_error_add(err, EG_EINPUT, "%s:%zu: a line longer than %zu bytes", name,
                                  lineno, max_line);
                break;
            }
        }
        if (st != EG_OK)
            break;
        if (out->len + n > max)
            st = eg_error_add(err, EG_EINPUT, "%s: larger than the limit of %zu bytes", name,
                              max);
        else if (eg_buf_append(out, chunk, n) != 0)
            st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    }
    if (st == EG_OK && ferror(fp))
        st = eg_error_add(err, EG_EIO, "%s: read error: %s", name, strerror(errno));
    fclose(fp);
    if (st == EG_OK && eg_buf_reserve(out, 0) != 0)
        st = eg_error_add(err, EG_ENOMEM, "%s: out of memory", name);
    if (st == EG_OK)
        out->data[out->len] = '\0';
    return st;
}

typedef struct {
    char *name;
    unsigned char type;
} entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

void eg_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

eg_status eg_list_dir(const char *dir, int (*keep)(const char *name), char ***names,
                      unsigned char **types, size_t *n, eg_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return eg_error_add(err, EG_EIO, "%s: cannot open directory: %s", dir, strerror(errno));
    entry *v = NULL;
    size_t len = 0, cap = 0;
    struct dirent *de;
    int oom = 0;
    while (!oom && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || (keep && !keep(de->d_name)))
            continue;
        if (EG_GROW(v, cap, len) != 0 || !(v[len].name = eg_strndup(de->d_name, strlen(de->d_name))))
            oom = 1;
        else
            v[len++].type = de->d_type;
    }
    closedir(d);
    if (len)
        qsort(v, len, sizeof *v, cmp_entry);
    char **nm = oom ? NULL : malloc((len ? len : 1) * sizeof *nm);
    unsigned char *ty = oom || !types ? NULL : malloc(len ? len : 1);
    if (!nm || (types && !ty)) {
        for (size_t i = 0; i < len; i++)
            free(v[i].name);
        free(v);
        free(nm);
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory listing the directory", dir);
    }
    for (size_t i = 0; i < len; i++) {
        nm[i] = v[i].name;
        if (ty)
            ty[i] = v[i].type;
    }
    free(v);
    *names = nm;
    if (types)
        *types = ty;
    *n = len;
    return EG_OK;
}
