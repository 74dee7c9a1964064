/*
 * atomic.c - temporary file + rename, the way curl and git persist files.
 *
 * The temporary files of a run are registered so that SIGINT, SIGTERM and
 * SIGHUP remove them before the process dies (git's tempfile.c does the
 * same); the previous outputs are never touched until the renames.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "fs.h"

#define LIVE_MAX 16
/* Temporary paths to remove on a fatal signal; a slot is cleared before
 * its string is freed, and the handler only reads and unlinks. */
static char *volatile live[LIVE_MAX];
static volatile sig_atomic_t installed;
static const int fatal[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig)
{
    for (int i = 0; i < LIVE_MAX; i++) {
        char *p = live[i];
        if (p)
            unlink(p);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install(void)
{
    if (installed)
        return;
    installed = 1;
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        /* a signal ignored by the parent (nohup) stays ignored */
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(fatal[i], &sa, NULL);
    }
}

static int track(char *tmp)
{
    for (int i = 0; i < LIVE_MAX; i++)
        if (!live[i]) {
            live[i] = tmp;
            return 0;
        }
    return -1;
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < LIVE_MAX; i++)
        if (live[i] == tmp)
            live[i] = NULL;
}

void eg_atomic_hold_signals(int hold)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        sigaddset(&set, fatal[i]);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

eg_status eg_atomic_open(eg_atomic *af, const char *path, eg_error *err)
{
    install();
    /* a rename would replace a device, a FIFO or a directory */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return eg_error_add(err, EG_EIO, "%s: exists and is not a regular file", path);
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
    /* what a killed run (kill -9) left of this file; ours are locked */
    (void)eg_remove_stale_temps_of(path, EG_TEMP_STALE_AGE);
    /* registered before it exists, so no signal can leave it behind */
    eg_atomic_hold_signals(1);
    int fd = mkstemp(tmp);
    int e = errno;
    if (fd >= 0)
        (void)flock(fd, LOCK_EX); /* until complete: it is not stale */
    if (fd >= 0 && track(tmp) != 0) {
        close(fd);
        unlink(tmp);
        fd = -1;
        e = EMFILE;
    }
    eg_atomic_hold_signals(0);
    if (fd < 0) {
        free(tmp);
        free(fin);
        return eg_error_add(err, EG_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        e = errno;
        close(fd);
        untrack(tmp);
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
    untrack(af->tmp);
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
    /* mkstemp creates 0600; outputs are ordinary files, and a file
     * replaced keeps the mode its owner gave it */
    if (!failed) {
        mode_t mask = umask(0);
        umask(mask);
        struct stat old;
        mode_t mode = stat(af->path, &old) == 0 && S_ISREG(old.st_mode) ? old.st_mode & 0777
                                                                         : 0666 & ~mask;
        if (chmod(af->tmp, mode) != 0) {
            failed = 1;
            e = errno;
        }
    }
    if (failed) {
        untrack(af->tmp);
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
    untrack(af->tmp);
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
    if (af->tmp) {
        untrack(af->tmp);
        unlink(af->tmp);
    }
    release(af);
}
