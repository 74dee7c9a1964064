/*
 * fs.h - file system helpers shared by the corpus and gazetteer loaders.
 */
#ifndef EG_FS_H
#define EG_FS_H

#include <stdio.h>

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

#endif
