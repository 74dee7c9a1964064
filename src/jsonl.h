/*
 * jsonl.h - one JSON Lines record of a corpus: {"id": ..., "text": ...,
 * "date": ...}, read with libyaml (JSON is YAML's flow style).
 *
 * `text` is required and must be a string; `id` may be a string or a
 * number; `date` is an optional string; other fields are ignored.
 * Before parsing, invalid UTF-8 becomes U+FFFD (as in text files) and
 * JSON's surrogate-pair escapes (\ud83d\ude00), which YAML lacks, become
 * one \U escape; a lone surrogate becomes U+FFFD.
 */
#ifndef EG_JSONL_H
#define EG_JSONL_H

#include <stddef.h>

#include "entigraph.h"
#include "util/buf.h"

typedef struct {
    eg_buf id, text, date; /* NUL-terminated when present; text may hold NULs */
    int has_id, has_date;
    size_t repaired;       /* invalid UTF-8 bytes replaced */
    eg_buf scratch;
} eg_jsonl_rec;

/* Reused across lines; eg_jsonl_rec_free releases it. */
void eg_jsonl_rec_init(eg_jsonl_rec *r);
void eg_jsonl_rec_free(eg_jsonl_rec *r);

/* Parses line[0..len) (no line break). Errors read "name:lineno: ..."
 * and have status EG_EINPUT. */
eg_status eg_jsonl_parse(eg_jsonl_rec *r, const char *line, size_t len, const char *name,
                         size_t lineno, eg_error *err);

#endif
