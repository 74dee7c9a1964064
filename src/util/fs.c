/*
 * fs.c - read a whole file; list a directory in a fixed order, so that
 * every run visits files the same way on every machine.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"

eg_status eg_read_all(const char *name, FILE *fp, size_t max, eg_buf *out, eg_error *err)
{
    FILE *own = NULL;
    if (!fp && !(fp = own = fopen(name, "rb")))
        return eg_error_add(err, EG_EIO, "%s: cannot open: %s", name, strerror(errno));
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

int eg_read_line(FILE *fp, size_t max, eg_buf *out)
{
    eg_buf_clear(out);
    int c, any = 0, big = 0;
    char chunk[4096];
    size_t k = 0;
    while ((c = getc_unlocked(fp)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (big)
            continue;
        chunk[k++] = (char)c;
        if (k == sizeof chunk) {
            if (eg_buf_append(out, chunk, k) != 0)
                return -1;
            k = 0;
        }
        if (max && out->len + k > max)
            big = 1;
    }
    if (ferror(fp))
        return -1;
    if (big)
        return -2;
    if (eg_buf_append(out, chunk, k) != 0 || eg_buf_reserve(out, 0) != 0)
        return -1;
    out->data[out->len] = '\0';
    if (out->len && out->data[out->len - 1] == '\r')
        out->data[--out->len] = '\0';
    return any ? 1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void eg_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

eg_status eg_list_dir(const char *dir, int (*keep)(const char *name), char ***names, size_t *n,
                      eg_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return eg_error_add(err, EG_EIO, "%s: cannot open directory: %s", dir, strerror(errno));
    char **v = NULL;
    size_t len = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || (keep && !keep(de->d_name)))
            continue;
        if (EG_GROW(v, cap, len) != 0 || !(v[len] = eg_strndup(de->d_name, strlen(de->d_name)))) {
            closedir(d);
            eg_free_names(v, len);
            return eg_error_add(err, EG_ENOMEM, "%s: out of memory listing the directory", dir);
        }
        len++;
    }
    closedir(d);
    if (len)
        qsort(v, len, sizeof *v, cmp_str);
    *names = v;
    *n = len;
    return EG_OK;
}
