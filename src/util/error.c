/*
 * error.c - the eg_error record and entity type names.
 *
 * Errors are collected as text lines so that a loader can report every
 * problem of a file at once; the CLI prints the record once and exits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../entigraph.h"

void eg_error_init(eg_error *err)
{
    err->status = EG_OK;
    err->len = 0;
    err->dropped = 0;
    err->msg[0] = '\0';
}

eg_status eg_error_add(eg_error *err, eg_status status, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t l = strlen(line);
    if (err->status == EG_OK)
        err->status = status;
    /* keep room for the "more problems" line the printer adds */
    if (err->len + l + 2 >= EG_ERROR_MAX - 64) {
        err->dropped++;
        return status;
    }
    if (err->len > 0)
        err->msg[err->len++] = '\n';
    memcpy(err->msg + err->len, line, l + 1);
    err->len += l;
    return status;
}

static const char *const type_names[EG_NTYPES] = {"person", "country", "organization",
                                                  "place"};

const char *eg_type_name(eg_type t)
{
    return (unsigned)t < EG_NTYPES ? type_names[t] : NULL;
}

int eg_type_parse(const char *name, size_t len, eg_type *out)
{
    for (int i = 0; i < EG_NTYPES; i++) {
        if (strlen(type_names[i]) == len && memcmp(type_names[i], name, len) == 0) {
            *out = (eg_type)i;
            return 0;
        }
    }
    return -1;
}
