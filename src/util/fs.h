/*
 * fs.h - file system helpers shared by the corpus and gazetteer loaders.
 */
#ifndef EG_FS_H
#define EG_FS_H

#include <stdio.h>

#include "../entigraph.h"
#include "buf.h"

/* Reads all of fp (or path when fp is NULL) into out (cleared first), NUL
 * terminated. name is used in messages. */
eg_status eg_read_all(const char *name, FILE *fp, eg_buf *out, eg_error *err);

/* Lists the entries of dir that keep() accepts (all when keep is NULL),
 * skipping hidden ones, sorted by byte order. *names is an array of *n
 * strings, all owned by the caller: free with eg_free_names. */
eg_status eg_list_dir(const char *dir, int (*keep)(const char *name), char ***names, size_t *n,
                      eg_error *err);
void eg_free_names(char **names, size_t n);

#endif
