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

/* Opens path.XXXXXX for writing, locked (flock) until it is finished;
 * first removes the stale temporaries of path that killed runs left
 * (eg_remove_stale_temps_of). On failure fills err, af is unchanged. */
eg_status eg_atomic_open(eg_atomic *af, const char *path, eg_error *err);
/* Flushes, syncs and closes the temporary file; on failure removes it,
 * fills err and releases af. Several files can be finished first and
 * renamed after, so that a late write error replaces none of them. */
eg_status eg_atomic_finish(eg_atomic *af, eg_error *err);
/* Renames a finished file into place; always releases af. */
eg_status eg_atomic_rename(eg_atomic *af, eg_error *err);
/* finish + rename. */
eg_status eg_atomic_commit(eg_atomic *af, eg_error *err);
/* Closes and removes the temporary file. Safe on a zeroed af. */
void eg_atomic_abort(eg_atomic *af);
/* Blocks (1) or releases (0) SIGINT, SIGTERM and SIGHUP, around renames
 * that must happen together. Up to 16 temporary files may be open at once;
 * a fatal signal removes them all. */
void eg_atomic_hold_signals(int hold);

#endif
