/*
 * outset.c - an output directory written as one set (see outset.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "outset.h"
#include "util/buf.h"

const char *const eg_outset_all_names[] = {
    "graph.dot", "graph.graphml", "summary.yaml", "mentions.tsv", "graph.svg", "graph.png",
    "graph.gexf", "nodes.csv", "edges.csv", "documents.csv", "vosviewer-map.txt",
    "vosviewer-network.txt", EG_OUTSET_MANIFEST, EG_OUTSET_LOCK, NULL};

/* Creates dir and its missing parents, like mkdir -p. */
static eg_status make_dirs(const char *dir, eg_error *err)
{
    eg_buf p = EG_BUF_INIT;
    eg_status st = EG_OK;
    if (eg_buf_append(&p, dir, strlen(dir)) != 0 || eg_buf_putc(&p, '\0') != 0) {
        eg_buf_free(&p);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    for (char *s = p.data + 1; st == EG_OK; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat sb;
        if (mkdir(p.data, 0777) != 0 && errno != EEXIST)
            st = eg_error_add(err, EG_EIO, "%s: cannot create directory: %s", dir,
                              strerror(errno));
        else if (stat(p.data, &sb) != 0 || !S_ISDIR(sb.st_mode))
            st = eg_error_add(err, EG_EIO, "%s: cannot create directory: %s", dir,
                              strerror(ENOTDIR));
        *s = c;
        if (c == '\0')
            break;
    }
    eg_buf_free(&p);
    return st;
}

/* dir/name into b, NUL-terminated; -1 when out of memory. */
static int join(eg_buf *b, const char *dir, const char *pre, const char *name, const char *post)
{
    eg_buf_clear(b);
    return eg_buf_printf(b, "%s/%s%s%s", dir, pre, name, post);
}

eg_status eg_outset_open(eg_outset *o, const char *dir, const char *const *names, size_t n,
                         eg_error *err)
{
    memset(o, 0, sizeof *o);
    o->lock_fd = -1;
    if (n >= EG_OUTSET_MAX)
        return eg_error_add(err, EG_EUSAGE, "internal: too many output files");
    EG_CHECK(make_dirs(dir, err));
    if (!(o->dir = eg_strndup(dir, strlen(dir))))
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    eg_buf p = EG_BUF_INIT;
    eg_status st = EG_OK;
    if (join(&p, dir, "", EG_OUTSET_LOCK, "") != 0) {
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
    } else if ((o->lock_fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666)) <
               0) {
        st = eg_error_add(err, EG_EIO, "%s: cannot create the lock: %s", p.data,
                          strerror(errno));
    } else if (flock(o->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        st = errno == EWOULDBLOCK
                 ? eg_error_add(err, EG_EIO,
                                "%s: another entigraph run is writing there; try again when "
                                "it is done",
                                dir)
                 : eg_error_add(err, EG_EIO, "%s: cannot lock: %s", p.data, strerror(errno));
    }
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        o->name[o->n] = names[i];
        if (join(&p, dir, "", names[i], "") != 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        st = eg_atomic_open(&o->af[o->n], p.data, err);
        o->open[o->n] = st == EG_OK;
        o->n++;
    }
    eg_buf_free(&p);
    if (st != EG_OK)
        eg_outset_abort(o);
    return st;
}

FILE *eg_outset_file(eg_outset *o, size_t i)
{
    return o->af[i].fp;
}

const char *eg_outset_path(const eg_outset *o, size_t i)
{
    return o->af[i].path;
}

static void release(eg_outset *o)
{
    if (o->lock_fd >= 0)
        close(o->lock_fd); /* and with it the lock */
    o->lock_fd = -1;
    free(o->dir);
    o->dir = NULL;
    o->n = 0;
}

void eg_outset_abort(eg_outset *o)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->open[i]) {
            eg_atomic_abort(&o->af[i]);
            o->open[i] = 0;
        }
    release(o);
}

/* The SHA-256 of the file at path, in hex, into hex[65]. */
static eg_status sha256_file(const char *path, char hex[65], eg_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_add(err, EG_EIO, "%s: cannot read back: %s", path, strerror(errno));
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        sha256_update(&ctx, got, buf);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        return eg_error_add(err, EG_EIO, "%s: cannot read back", path);
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return EG_OK;
}

/* Writes the manifest of the finished files as the set's last file. */
static eg_status manifest(eg_outset *o, eg_error *err)
{
    eg_buf p = EG_BUF_INIT;
    if (join(&p, o->dir, "", EG_OUTSET_MANIFEST, "") != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    size_t m = o->n;
    eg_status st = eg_atomic_open(&o->af[m], p.data, err);
    eg_buf_free(&p);
    if (st != EG_OK)
        return st;
    o->name[m] = EG_OUTSET_MANIFEST;
    o->open[m] = 1;
    o->n++;
    for (size_t i = 0; i < m && st == EG_OK; i++) {
        char hex[65];
        if (!o->open[i])
            continue;
        st = sha256_file(o->af[i].tmp, hex, err);
        if (st == EG_OK && fprintf(o->af[m].fp, "%s  %s\n", hex, o->name[i]) < 0)
            st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", o->af[m].path,
                              strerror(errno));
    }
    if (st == EG_OK) {
        st = eg_atomic_finish(&o->af[m], err);
        if (st != EG_OK)
            o->open[m] = 0; /* finish released it */
    }
    return st;
}

eg_status eg_outset_commit(eg_outset *o, eg_error *err)
{
    /* a directory where an output goes would stop the renames half-way */
    for (size_t i = 0; i < o->n; i++) {
        struct stat sb;
        if (o->open[i] && stat(o->af[i].path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            eg_error_add(err, EG_EIO, "%s: is a directory; move it out of the way",
                         o->af[i].path);
            eg_outset_abort(o);
            return EG_EIO;
        }
    }
    eg_status st = EG_OK;
    for (size_t i = 0; i < o->n && st == EG_OK; i++) {
        if (!o->open[i])
            continue;
        st = eg_atomic_finish(&o->af[i], err);
        if (st != EG_OK)
            o->open[i] = 0; /* finish released it */
    }
    if (st == EG_OK)
        st = manifest(o, err);
    /* the previous files, kept as hard links until the renames are done */
    eg_buf p = EG_BUF_INIT, q = EG_BUF_INIT;
    int kept[EG_OUTSET_MAX] = {0};
    for (size_t i = 0; i < o->n && st == EG_OK; i++) {
        if (join(&p, o->dir, ".", o->name[i], ".prev") != 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        unlink(p.data); /* one a killed run left */
        if (link(o->af[i].path, p.data) == 0)
            kept[i] = 1;
        else if (errno != ENOENT)
            st = eg_error_add(err, EG_EIO, "%s: cannot keep the previous file: %s",
                              o->af[i].path, strerror(errno));
    }
    if (st != EG_OK) {
        for (size_t i = 0; i < o->n; i++)
            if (kept[i] && join(&p, o->dir, ".", o->name[i], ".prev") == 0)
                unlink(p.data);
        eg_buf_free(&p);
        eg_outset_abort(o);
        return st;
    }
    /* all or none: an interrupt waits until the renames are done */
    eg_atomic_hold_signals(1);
    size_t m = o->n - 1, done = 0;
    if (unlink(o->af[m].path) != 0 && errno != ENOENT)
        st = eg_error_add(err, EG_EIO, "%s: cannot remove: %s", o->af[m].path, strerror(errno));
    while (done < o->n && st == EG_OK) {
        o->open[done] = 0;
        if ((st = eg_atomic_rename(&o->af[done], err)) == EG_OK)
            done++;
    }
    if (st != EG_OK) {
        /* back to the previous set: the files renamed so far, and the
         * manifest removed first */
        for (size_t i = 0; i < o->n; i++) {
            if (o->open[i]) {
                eg_atomic_abort(&o->af[i]);
                o->open[i] = 0;
            }
            if (join(&p, o->dir, ".", o->name[i], ".prev") != 0 ||
                join(&q, o->dir, "", o->name[i], "") != 0)
                continue;
            if (i >= done && i != m) {
                if (kept[i])
                    unlink(p.data); /* not replaced: the link goes */
            } else if (kept[i]) {
                rename(p.data, q.data);
            } else if (i < done) {
                unlink(q.data); /* new, where there was nothing */
            }
        }
    } else {
        for (size_t i = 0; i < o->n; i++)
            if (kept[i] && join(&p, o->dir, ".", o->name[i], ".prev") == 0)
                unlink(p.data);
    }
    eg_atomic_hold_signals(0);
    eg_buf_free(&p);
    eg_buf_free(&q);
    release(o);
    return st;
}
