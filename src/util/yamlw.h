/*
 * yamlw.h - a thin layer over libyaml's emitter for the writers: events
 * built and emitted in one call, the first failure remembered so that a
 * writer checks once at the end.
 *
 * Strings are made safe on the way (invalid UTF-8 -> U+FFFD, white space
 * folded) and double-quoted when a YAML parser would read them as
 * something else (yes, 1.5, null, ~).
 */
#ifndef EG_YAMLW_H
#define EG_YAMLW_H

#include <stdio.h>

#include <yaml.h>

#include "buf.h"

typedef struct {
    yaml_emitter_t em;
    FILE *fp;
    int failed;
    int write_errno; /* errno of a failed write, else 0 */
    eg_buf clean;    /* scratch: the string being written, made safe */
} eg_yamlw;

/* Opens a stream on fp: block style, Unicode, no line folding. Returns 0
 * or -1 (out of memory); on success eg_yamlw_close must be called. */
int eg_yamlw_open(eg_yamlw *w, FILE *fp);
/* Ends the stream, flushes and releases the emitter. Returns 0, or -1
 * when any step failed; *problem (may be NULL) gets the reason (the
 * system's for a failed write, else libyaml's), valid until the next
 * call. */
int eg_yamlw_close(eg_yamlw *w, const char **problem);

void eg_yamlw_doc_start(eg_yamlw *w);
void eg_yamlw_doc_end(eg_yamlw *w);
void eg_yamlw_map_start(eg_yamlw *w, int flow);
void eg_yamlw_map_end(eg_yamlw *w);
void eg_yamlw_seq_start(eg_yamlw *w, int flow);
void eg_yamlw_seq_end(eg_yamlw *w);
void eg_yamlw_str(eg_yamlw *w, const char *s);
/* A number, null or a boolean, written as it is. */
void eg_yamlw_plain(eg_yamlw *w, const char *s);
void eg_yamlw_num(eg_yamlw *w, const char *fmt, double v); /* NaN -> null */
void eg_yamlw_uint(eg_yamlw *w, unsigned long long v);
void eg_yamlw_kstr(eg_yamlw *w, const char *k, const char *v);
void eg_yamlw_kuint(eg_yamlw *w, const char *k, unsigned long long v);
void eg_yamlw_knum(eg_yamlw *w, const char *k, double v); /* %.6g */
void eg_yamlw_kbool(eg_yamlw *w, const char *k, int v);   /* true or false */

#endif
