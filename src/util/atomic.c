/*
 * atomic.c - temporary file + rename, the way curl and git persist files.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"

eg_status eg_atomic_open(eg_atomic *af, const char *path, eg_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    char *fin = eg_strndup(path, n);
    if (!tmp || !fin) {
        free(tmp);
        free(fin);
        return eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(fin);
        return eg_error_add(err, EG_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        free(fin);
        return eg_error_add(err, EG_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    af->fp = fp;
    af->path = fin;
    af->tmp = tmp;
    return EG_OK;
}

static void release(eg_atomic *af)
{
    free(af->path);
    free(af->tmp);
    af->fp = NULL;
    af->path = af->tmp = NULL;
}

eg_status eg_atomic_finish(eg_atomic *af, eg_error *err)
{
    int failed = ferror(af->fp) || fflush(af->fp) != 0 || fsync(fileno(af->fp)) != 0;
    int e = errno;
    if (fclose(af->fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    af->fp = NULL;
    /* mkstemp creates 0600; outputs are ordinary files */
    if (!failed) {
        mode_t mask = umask(0);
        umask(mask);
        if (chmod(af->tmp, 0666 & ~mask) != 0) {
            failed = 1;
            e = errno;
        }
    }
    if (failed) {
        unlink(af->tmp);
        eg_error_add(err, EG_EIO, "%s: cannot write: %s", af->path, strerror(e));
        release(af);
        return EG_EIO;
    }
    return EG_OK;
}

eg_status eg_atomic_rename(eg_atomic *af, eg_error *err)
{
    eg_status st = EG_OK;
    if (rename(af->tmp, af->path) != 0) {
        st = eg_error_add(err, EG_EIO, "%s: cannot write: %s", af->path, strerror(errno));
        unlink(af->tmp);
    }
    release(af);
    return st;
}

eg_status eg_atomic_commit(eg_atomic *af, eg_error *err)
{
    EG_CHECK(eg_atomic_finish(af, err));
    return eg_atomic_rename(af, err);
}

void eg_atomic_abort(eg_atomic *af)
{
    if (af->fp)
        fclose(af->fp);
    af->fp = NULL;
    if (af->tmp)
        unlink(af->tmp);
    release(af);
}
