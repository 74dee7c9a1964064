/*
 * fs.h - file system helpers shared by the corpus and gazetteer loaders.
 */
#ifndef EG_FS_H
#define EG_FS_H

#include <stdio.h>
#include <sys/types.h>

#include "../entigraph.h"
#include "buf.h"

/* Reads all of fp (or path when fp is NULL) into out (cleared first), NUL
 * terminated. name is used in messages. More than max bytes (0: no
 * limit) is an EG_EINPUT error that names the limit. */
eg_status eg_read_all(const char *name, FILE *fp, size_t max, eg_buf *out, eg_error *err);
/* Reads the file rel, relative to the directory dirfd (or AT_FDCWD), the
 * same way: opened from its directory, a file in a deep tree costs one
 * name to look up, not its whole path. name is used in messages. */
eg_status eg_read_at(int dirfd, const char *rel, const char *name, size_t max, eg_buf *out,
                     eg_error *err);
/* Reads one line of fp, without its line break (a '\r' before it goes
 * too), into out (cleared first, NUL terminated). Returns 1, 0 at the end
 * of the file, -1 on a read error or when out of memory (errno set:
 * ENOMEM then) and -2 when the line is longer than max bytes (0: as long
 * as a buffer holds, EG_BUF_MAX). Reading stops where the line passes
 * max, so a line without an end (/dev/zero) costs max bytes, not
 * forever; the caller stops there too. */
int eg_read_line(FILE *fp, size_t max, eg_buf *out);
/* The same, keeping a '\r' before the line break: for records whose
 * every byte counts. */
int eg_read_line_raw(FILE *fp, size_t max, eg_buf *out);
/* Reads all of the file path, a text of lines, into out (cleared first,
 * NUL terminated, every byte as it is). More than max bytes, or a line
 * longer than max_line bytes (its line break not counted), is an
 * EG_EINPUT error naming the limit (and the line), found as soon as the
 * bytes are read: a file with no line breaks fails after max_line bytes,
 * not max. name is used in messages. */
eg_status eg_read_text(const char *path, const char *name, size_t max, size_t max_line,
                       eg_buf *out, eg_error *err);

/* Lists the entries of dir that keep() accepts (all when keep is NULL),
 * skipping hidden ones, sorted by byte order. *names is an array of *n
 * strings, all owned by the caller: free with eg_free_names. With types
 * not NULL, *types (also the caller's, free()) holds each entry's d_type
 * as readdir gave it (DT_UNKNOWN on file systems that do not tell). */
eg_status eg_list_dir(const char *dir, int (*keep)(const char *name), char ***names,
                      unsigned char **types, size_t *n, eg_error *err);
void eg_free_names(char **names, size_t n);

/* Opens rel (relative to dirfd, or AT_FDCWD) for reading; name is used
 * in messages. With EG_OPEN_REGULAR, anything but a regular file is
 * refused without waiting (a FIFO is opened non-blocking, looked at and
 * closed); with EG_OPEN_TRUSTED, also a file owned by another user than
 * this one or root, or writable by group or others: for caches, whose
 * content is believed. Returns the descriptor (close-on-exec; the
 * caller closes it; with a flag, O_NONBLOCK, which a regular file
 * ignores), or -1 with an EG_EIO error in err. */
enum { EG_OPEN_REGULAR = 1, EG_OPEN_TRUSTED = 2 };
int eg_open_read(int dirfd, const char *rel, const char *name, int flags, eg_error *err);
/* eg_read_at with eg_open_read's flags: a file found by listing a
 * directory is read with EG_OPEN_REGULAR, since what the listing saw may
 * have been swapped for a FIFO since. */
eg_status eg_read_file(int dirfd, const char *rel, const char *name, int flags, size_t max,
                       eg_buf *out, eg_error *err);

/* Makes the directory dir (mode) unless it is one, and the missing
 * directories above it, levels in all at most: a cache directory
 * (levels 2: .cache/entigraph) is made in a home that exists, never the
 * home itself. Returns 0 when dir is a directory after, -1 otherwise. */
int eg_make_dir(const char *dir, unsigned levels, mode_t mode);

/* Temporary files that a killed run left behind (eg_atomic_open names
 * them FILE.XXXXXX). A live writer holds a lock on its temporary until
 * it is complete, so a temporary is stale when it is this user's, no one
 * holds its lock, and it has not changed for min_age seconds (a
 * complete one is renamed within moments). */
#define EG_TEMP_STALE_AGE 600
/* Whether name is base followed by '.' and six characters of mkstemp's. */
int eg_is_temp_of(const char *name, const char *base);
/* Removes the stale temporaries of dir whose names is_temp accepts
 * (hidden ones too); returns how many. */
size_t eg_remove_stale_temps(const char *dir, int (*is_temp)(const char *name, void *ud),
                             void *ud, unsigned min_age);
/* Removes the stale temporaries of the file path: PATH.XXXXXX. */
size_t eg_remove_stale_temps_of(const char *path, unsigned min_age);

#endif
