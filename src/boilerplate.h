/*
 * boilerplate.h - the parts of a scraped page that are not the article:
 * prompts (Follow us, Subscribe, Read more), source and agency lines
 * (Source: ..., Reporting by ...), and photo credits (SPUTNIK/Reuters).
 */
#ifndef EG_BOILERPLATE_H
#define EG_BOILERPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "entigraph.h"

typedef struct {
    uint32_t start, end; /* bytes, end exclusive */
} eg_span;

typedef struct {
    eg_span *s;
    size_t n, cap;
} eg_spans;

/* Fills out (cleared first) with the boilerplate spans of text, in order. */
eg_status eg_boilerplate(const char *text, size_t len, eg_spans *out, eg_error *err);
void eg_spans_free(eg_spans *s);

#endif
