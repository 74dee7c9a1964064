/*
 * entigraph.h - the public interface of the entigraph library.
 *
 * entigraph turns text into a weighted graph of the people, countries,
 * organizations and places it mentions. Data flows one way through the
 * stages (corpus -> text -> match -> resolve -> cooccur -> graph -> export);
 * each stage has its own header, and this one holds what they share: the
 * status type, the error record, entity types and the version.
 *
 * Conventions: every function that can fail returns eg_status and fills an
 * eg_error; the caller prints it once. Ownership of every returned
 * allocation is stated where the function is declared.
 */
#ifndef ENTIGRAPH_H
#define ENTIGRAPH_H

#include <stddef.h>
#include <stdint.h>

#define EG_VERSION "0.1.0"

typedef enum {
    EG_OK = 0,
    EG_EINPUT,    /* bad input data: a text, a gazetteer, counts */
    EG_EUSAGE,    /* bad options or arguments */
    EG_EIO,       /* a file could not be read or written */
    EG_ENOMEM,    /* out of memory or over a size limit */
    EG_EINTERNAL  /* a library (igraph, cgraph, libyaml) failed */
} eg_status;

/* Problems accumulate as lines in msg (a loader reports every problem it
 * finds, not just the first); status keeps the first non-OK status. */
#define EG_ERROR_MAX 8192
typedef struct {
    eg_status status;
    size_t len;
    unsigned dropped; /* lines that did not fit */
    char msg[EG_ERROR_MAX];
} eg_error;

void eg_error_init(eg_error *err);
/* Appends one line (printf format) and records status. Returns status. */
eg_status eg_error_add(eg_error *err, eg_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Evaluates an eg_status expression and returns it from the caller on
 * failure; the callee has already filled the error. */
#define EG_CHECK(expr)                  \
    do {                                \
        eg_status eg_check_s_ = (expr); \
        if (eg_check_s_ != EG_OK)       \
            return eg_check_s_;         \
    } while (0)

typedef enum {
    EG_PERSON = 0,
    EG_COUNTRY,
    EG_ORGANIZATION,
    EG_PLACE,
    EG_NTYPES
} eg_type;

/* "person", "country", ... ; NULL for an out-of-range value. */
const char *eg_type_name(eg_type t);
/* Returns 0 and sets *out when name is a type name, -1 otherwise. */
int eg_type_parse(const char *name, size_t len, eg_type *out);

/* Bit set of eg_type values, for --types. */
typedef unsigned eg_typemask;
#define EG_ALL_TYPES ((eg_typemask)((1u << EG_NTYPES) - 1))

/* Receives non-fatal warnings (a repaired byte, a skipped file). */
typedef void (*eg_warn_fn)(void *ud, const char *msg);

#endif
