/*
 * outset.h - an output directory written as one set.
 *
 * A build writes several files into one directory. The set is what a
 * reader must see whole: every file from one run, never some from the
 * last run and some from this one. So:
 *   - the directory is locked (flock on DIR/.entigraph.lock) from the
 *     first temporary file to the last rename; a second build into it
 *     stops with a message instead of mixing its files with the first's;
 *   - every file is written to a temporary (util/atomic.h) and finished
 *     (synced) before any is renamed;
 *   - a manifest, DIR/SHA256SUMS (sha256sum -c reads it), lists the
 *     files with their SHA-256. The old manifest goes before the first
 *     rename and the new one comes last: a set without a manifest, or
 *     whose files do not match it, was cut short (kill -9 between renames);
 *   - the previous files are kept as hard links until the renames are
 *     done: a failed rename puts every previous file back.
 */
#ifndef EG_OUTSET_H
#define EG_OUTSET_H

#include <stdio.h>

#include "entigraph.h"
#include "util/atomic.h"

#define EG_OUTSET_MAX 16
#define EG_OUTSET_MANIFEST "SHA256SUMS"
#define EG_OUTSET_LOCK ".entigraph.lock"

typedef struct {
    char *dir;
    int lock_fd;
    size_t n;
    const char *name[EG_OUTSET_MAX]; /* file names in dir (borrowed) */
    eg_atomic af[EG_OUTSET_MAX];
    int open[EG_OUTSET_MAX];
} eg_outset;

/* Creates dir (and its missing parents), locks it and opens a temporary
 * for each of the n names (at most EG_OUTSET_MAX - 1: the manifest is
 * one more). names must outlive the set. On failure nothing is left
 * behind and err is filled. */
eg_status eg_outset_open(eg_outset *o, const char *dir, const char *const *names, size_t n,
                         eg_error *err);
/* The stream of file i, for writing. */
FILE *eg_outset_file(eg_outset *o, size_t i);
/* The final path of file i, for messages. */
const char *eg_outset_path(const eg_outset *o, size_t i);
/* Finishes every file, writes the manifest and renames them all into
 * place, or none: on any failure the previous files are back. Releases
 * the set either way. */
eg_status eg_outset_commit(eg_outset *o, eg_error *err);
/* Removes the temporaries and unlocks. Safe after a failed open. */
void eg_outset_abort(eg_outset *o);

/* Names of every file a build may write into its directory, and the
 * lock and manifest, NULL-terminated: what an input walk skips there. */
extern const char *const eg_outset_all_names[];

#endif
