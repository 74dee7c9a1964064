/*
 * betweenness.c - weighted betweenness on several processes.
 *
 * igraph_betweenness_subset with sources = one chunk of vertices and
 * targets = all gives that chunk's share of the betweenness (halved, as
 * igraph_betweenness halves undirected counts); the shares of a partition
 * of the sources add up to igraph_betweenness (checked to ~1e-15 relative
 * on random graphs, connected or not, with tied path lengths).
 *
 * Processes, not threads: the Debian igraph is built without thread
 * safety, and a forked child has its own copy of igraph's state. The
 * chunks are fixed (not one per job) and summed in chunk order, so a
 * chunk's bytes do not depend on who computed it and neither does the
 * sum. Anything a child fails to deliver is computed here instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "betweenness.h"

/* Sources [lo, hi) of chunk k of n. */
static void chunk_range(size_t nsrc, size_t n, size_t k, size_t *lo, size_t *hi)
{
    *lo = nsrc * k / n;
    *hi = nsrc * (k + 1) / n;
}

/* Chunk k's share into out (nv doubles), its sources the k-th part of
 * src. Returns 0, or -1 if igraph failed. */
static int chunk_share(const igraph_t *g, const igraph_vector_t *dist,
                       const igraph_vector_int_t *src, size_t nchunks, size_t k, double *out)
{
    size_t nv = (size_t)igraph_vcount(g), lo, hi;
    chunk_range((size_t)igraph_vector_int_size(src), nchunks, k, &lo, &hi);
    igraph_vector_int_t part;
    igraph_vector_int_view(&part, VECTOR(*src) + lo, (igraph_integer_t)(hi - lo));
    igraph_vector_t v;
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS)
        return -1;
    int rc = igraph_betweenness_subset(g, &v, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                       igraph_vss_vector(&part), igraph_vss_all(), dist) ==
                             IGRAPH_SUCCESS &&
                     (size_t)igraph_vector_size(&v) == nv
                 ? 0
                 : -1;
    for (size_t i = 0; rc == 0 && i < nv; i++)
        out[i] = VECTOR(v)[i];
    igraph_vector_destroy(&v);
    return rc;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Returns 0 once all n bytes are read, -1 on an error or an early end. */
static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

/* The child of worker w: computes its chunks (w, w + nw, ...) into part,
 * its own copy-on-write copy, then writes them to fd in that order. It
 * computes everything before writing so that it never waits on a full
 * pipe while the parent is still busy with its own chunks. Never returns:
 * _exit skips atexit handlers and stdio buffers, which are the parent's. */
static void child(const igraph_t *g, const igraph_vector_t *dist, const igraph_vector_int_t *src,
                  size_t nchunks, size_t w, size_t nw, double *part, int fd)
{
    /* a signal sent to the child alone must not remove the parent's
     * temporary output files (util/atomic.c's handler) */
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
        struct sigaction old;
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            signal(fatal[i], SIG_DFL);
    }
    size_t nv = (size_t)igraph_vcount(g);
    for (size_t k = w; k < nchunks; k += nw)
        if (chunk_share(g, dist, src, nchunks, k, part + k * nv) != 0)
            _exit(1);
    for (size_t k = w; k < nchunks; k += nw)
        if (write_all(fd, part + k * nv, nv * sizeof *part) != 0)
            _exit(1);
    _exit(0);
}

static eg_status plain(const igraph_t *g, const igraph_vector_t *dist, double *res, eg_error *err)
{
    size_t nv = (size_t)igraph_vcount(g);
    igraph_vector_t v;
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    if (igraph_betweenness(g, &v, igraph_vss_all(), IGRAPH_UNDIRECTED, dist) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&v);
        return eg_error_add(err, EG_EINTERNAL, "igraph: betweenness failed");
    }
    for (size_t i = 0; i < nv; i++)
        res[i] = VECTOR(v)[i];
    igraph_vector_destroy(&v);
    return EG_OK;
}

/* eg_betweenness over the sources src, in chunks on jobs processes. */
static eg_status chunked(const igraph_t *g, const igraph_vector_t *dist,
                         const igraph_vector_int_t *src, unsigned jobs, double *res, eg_error *err)
{
    size_t nv = (size_t)igraph_vcount(g), nsrc = (size_t)igraph_vector_int_size(src);
    size_t nchunks = EG_BETWEENNESS_CHUNKS < nsrc ? EG_BETWEENNESS_CHUNKS : nsrc;
    size_t nw = jobs < 1 ? 1 : jobs > nchunks ? nchunks : jobs; /* workers, this one included */

    /* part[k * nv ...]: chunk k's share; owned here, freed before return */
    double *part = malloc(nchunks * nv * sizeof *part);
    if (!part)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    unsigned char have[EG_BETWEENNESS_CHUNKS] = {0};
    pid_t pid[EG_BETWEENNESS_CHUNKS];
    int fd[EG_BETWEENNESS_CHUNKS];
    size_t started = 1; /* workers 1 .. started-1 are children */

    /* a child must not write the parent's buffered output a second time:
     * _exit skips stdio, but valgrind's __libc_freeres flushes it anyway */
    if (nw > 1)
        fflush(NULL);
    for (; started < nw; started++) {
        int p[2];
        if (pipe2(p, O_CLOEXEC) != 0)
            break;
        pid_t c = fork();
        if (c < 0) {
            close(p[0]);
            close(p[1]);
            break;
        }
        if (c == 0) {
            close(p[0]);
            for (size_t w = 1; w < started; w++)
                close(fd[w]); /* a sibling's pipe: its end is the parent's */
            child(g, dist, src, nchunks, started, nw, part, p[1]);
        }
        close(p[1]);
        pid[started] = c;
        fd[started] = p[0];
    }

    /* this process's chunks, and those of workers that did not start */
    eg_status st = EG_OK;
    for (size_t k = 0; k < nchunks && st == EG_OK; k++) {
        size_t w = k % nw;
        if (w == 0 || w >= started) {
            if (chunk_share(g, dist, src, nchunks, k, part + k * nv) != 0)
                st = eg_error_add(err, EG_EINTERNAL, "igraph: betweenness failed");
            have[k] = 1;
        }
    }

    /* every child is read and reaped, even after an error */
    for (size_t w = 1; w < started; w++) {
        int ok = 1;
        for (size_t k = w; k < nchunks && ok; k += nw)
            if ((ok = read_all(fd[w], part + k * nv, nv * sizeof *part) == 0))
                have[k] = 1;
        close(fd[w]);
        int status;
        pid_t r;
        while ((r = waitpid(pid[w], &status, 0)) < 0 && errno == EINTR)
            ;
        if (r != pid[w] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            for (size_t k = w; k < nchunks; k += nw)
                have[k] = 0; /* distrust all it sent */
    }

    for (size_t k = 0; k < nchunks && st == EG_OK; k++)
        if (!have[k] && chunk_share(g, dist, src, nchunks, k, part + k * nv) != 0)
            st = eg_error_add(err, EG_EINTERNAL, "igraph: betweenness failed");

    /* in chunk order, whoever computed them */
    if (st == EG_OK) {
        memcpy(res, part, nv * sizeof *res);
        for (size_t k = 1; k < nchunks; k++)
            for (size_t i = 0; i < nv; i++)
                res[i] += part[k * nv + i];
    }
    free(part);
    return st;
}

eg_status eg_betweenness(const igraph_t *g, const igraph_vector_t *dist, unsigned jobs,
                         double *res, eg_error *err)
{
    size_t nv = (size_t)igraph_vcount(g);
    if (nv < EG_BETWEENNESS_MIN_CHUNKED)
        return plain(g, dist, res, err);
    /* the sources: every vertex, or past EG_BETWEENNESS_EXACT_MAX an
     * evenly spaced sample of EG_BETWEENNESS_SAMPLE, whose sums are
     * scaled up by nv / sample (Brandes and Pich 2007): the same vertices
     * for the same graph */
    size_t nsrc = nv > EG_BETWEENNESS_EXACT_MAX ? EG_BETWEENNESS_SAMPLE : nv;
    igraph_vector_int_t src;
    if (igraph_vector_int_init(&src, (igraph_integer_t)nsrc) != IGRAPH_SUCCESS)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t i = 0; i < nsrc; i++)
        VECTOR(src)[i] = (igraph_integer_t)(i * nv / nsrc);
    eg_status st = chunked(g, dist, &src, jobs, res, err);
    igraph_vector_int_destroy(&src);
    if (st == EG_OK && nsrc < nv)
        for (size_t i = 0; i < nv; i++)
            res[i] *= (double)nv / (double)nsrc;
    return st;
}
