/*
 * fs.c - read a whole file; list a directory in a fixed order, so that
 * every run visits files the same way on every machine; make a cache
 * directory without making a home; remove the temporary files a killed
 * run left behind.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs.h"

/* eg_open_read, with the file's status in *sb when it was checked
 * (sb->st_mode 0 otherwise). */
static int open_checked(int dirfd, const char *rel, const char *name, int flags, struct stat *sb,
                        eg_error *err)
{
    /* non-blocking: opening a FIFO for reading waits for a writer, and a
     * planted one would hang the run right there. A regular file ignores
     * the flag, so it stays. A FIFO the user names (-g /dev/stdin) is
     * opened as ever. */
    int check = (flags & (EG_OPEN_REGULAR | EG_OPEN_TRUSTED)) != 0;
    sb->st_mode = 0;
    int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | (check ? O_NONBLOCK : 0));
    if (fd < 0) {
        eg_error_add(err, EG_EIO, "%s: cannot open: %s", name, strerror(errno));
        return -1;
    }
    if (!check)
        return fd;
    const char *why = NULL;
    if (fstat(fd, sb) != 0)
        why = strerror(errno);
    else if (S_ISDIR(sb->st_mode))
        why = "is a directory";
    else if (!S_ISREG(sb->st_mode))
        why = "not a regular file (a FIFO, device or socket is not read here)";
    else if ((flags & EG_OPEN_TRUSTED) && sb->st_uid != geteuid() && sb->st_uid != 0)
        why = "owned by another user";
    else if ((flags & EG_OPEN_TRUSTED) && (sb->st_mode & (S_IWGRP | S_IWOTH)))
        why = "writable by group or others";
    if (why) {
        close(fd);
        eg_error_add(err, EG_EIO, "%s: %s", name, why);
        return -1;
    }
    return fd;
}

int eg_open_read(int dirfd, const char *rel, const char *name, int flags, eg_error *err)
{
    struct stat sb;
    return open_checked(dirfd, rel, name, flags, &sb, err);
}

/* The bytes of fd (sb: its status, or st_mode 0 when not known yet): its
 * size tells how much to reserve, and the bytes go straight into out (no
 * stdio buffer, no copy), since a corpus of small files costs about as
 * much in opening and reading as in tagging. Closes fd. */
static eg_status read_fd(int fd, struct stat *sb, const char *name, size_t max, eg_buf *out,
                         eg_error *err)
{
    eg_buf_clear(out);
    if (!sb->st_mode && fstat(fd, sb) != 0)
        sb->st_mode = 0;
    size_t want = S_ISREG(sb->st_mode) ? (size_t)sb->st_size : 0;
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

eg_status eg_read_file(int dirfd, const char *rel, const char *name, int flags, size_t max,
                       eg_buf *out, eg_error *err)
{
    struct stat sb;
    int fd = open_checked(dirfd, rel, name, flags, &sb, err);
    if (fd < 0) {
        eg_buf_clear(out);
        return EG_EIO;
    }
    return read_fd(fd, &sb, name, max, out, err);
}

eg_status eg_read_at(int dirfd, const char *rel, const char *name, size_t max, eg_buf *out,
                     eg_error *err)
{
    return eg_read_file(dirfd, rel, name, 0, max, out, err);
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

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int eg_make_dir(const char *dir, unsigned levels, mode_t mode)
{
    if (is_dir(dir))
        return 0;
    if (levels == 0)
        return -1;
    if (mkdir(dir, mode) != 0 && errno == ENOENT && levels > 1) {
        /* the parent is missing: make it, if it may be made, then retry */
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            n--;
        while (n > 0 && dir[n - 1] != '/')
            n--;
        while (n > 1 && dir[n - 1] == '/')
            n--;
        char *parent = n ? eg_strndup(dir, n) : NULL;
        if (parent && eg_make_dir(parent, levels - 1, mode) == 0)
            (void)mkdir(dir, mode);
        free(parent);
    }
    return is_dir(dir) ? 0 : -1;
}

/* Whether s is exactly six characters of mkstemp's alphabet. */
static int mkstemp_tail(const char *s)
{
    for (int i = 0; i < 6; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return s[6] == '\0';
}

int eg_is_temp_of(const char *name, const char *base)
{
    size_t n = strlen(base);
    return strncmp(name, base, n) == 0 && name[n] == '.' && mkstemp_tail(name + n + 1);
}

size_t eg_remove_stale_temps(const char *dir, int (*is_temp)(const char *name, void *ud),
                             void *ud, unsigned min_age)
{
    int dfd = open(dir && *dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return 0;
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return 0;
    }
    size_t removed = 0;
    time_t now = time(NULL);
    uid_t me = geteuid();
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_temp(de->d_name, ud))
            continue;
        int fd = openat(dfd, de->d_name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat sb;
        /* ours, left alone for a while, and no live writer holds it
         * (eg_atomic_open locks what it creates until it is complete) */
        if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == me && sb.st_nlink == 1 &&
            sb.st_mtime <= now - (time_t)min_age && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            unlinkat(dfd, de->d_name, 0) == 0)
            removed++;
        close(fd);
    }
    closedir(d);
    return removed;
}

static int temp_of_base(const char *name, void *base)
{
    return eg_is_temp_of(name, base);
}

size_t eg_remove_stale_temps_of(const char *path, unsigned min_age)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return eg_remove_stale_temps(".", temp_of_base, (void *)path, min_age);
    char *dir = eg_strndup(path, slash == path ? 1 : (size_t)(slash - path));
    size_t n = dir ? eg_remove_stale_temps(dir, temp_of_base, (void *)(slash + 1), min_age) : 0;
    free(dir);
    return n;
}
