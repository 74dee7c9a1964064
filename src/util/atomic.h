/*
 * atomic.h - write a file under a temporary name in the same directory and
 * rename it into place only when complete, so a reader never sees a
 * half-written output and a failed run leaves the previous one intact.
 */
#ifndef EG_ATOMIC_H
#define EG_ATOMIC_H

#include <stdio.h>

#include "../entigraph.h"

typedef struct {
    FILE *fp;
    char *path; /* final path (owned) */
    char *tmp;  /* temporary path (owned) */
} eg_atomic;

/* Opens path.XXXXXX for writing. On failure fills err, af is unchanged. */
eg_status eg_atomic_open(eg_atomic *af, const char *path, eg_error *err);
/* Flushes, syncs, closes and renames; on any failure removes the temporary
 * file and fills err. Always releases af. */
eg_status eg_atomic_commit(eg_atomic *af, eg_error *err);
/* Closes and removes the temporary file. Safe on a zeroed af. */
void eg_atomic_abort(eg_atomic *af);

#endif
