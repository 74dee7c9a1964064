/*
 * counts.h - a corpus's statistics as text records, to split the work
 * across processes or machines the way Hadoop Streaming does: one record
 * a line, "KEY TAB VALUE".
 *
 * `entigraph count` (the mapper) writes the records of its documents,
 * `entigraph merge` (the reducer) combines the records of equal keys from
 * key-sorted input, and `entigraph build --from-counts` builds the graph
 * from them. Combining is associative and commutative (sums, equal
 * parameters, the least evidence passage), so any split of a corpus into
 * shards gives the totals, and the outputs, of a single `build`.
 *
 * Records (KEY TAB VALUE; ids are gazetteer ids, or "d:" ids of
 * discovered entities, which hold no spaces):
 *   # window TAB sentence             parameters of the mapper, which must
 *   # demonyms TAB counted|ignored    agree wherever records are combined
 *   # exclude-kinds TAB LIST          (only when some kinds were excluded)
 *   # evidence TAB N                  passages kept per pair
 *   # period TAB day|week|month|year  of the timelines
 *   C NAME TAB N                      corpus: documents bytes paragraphs
 *                                     sentences tokens mentions windows
 *                                     dated, and first-date and last-date
 *                                     (YYYYMMDD; 0 = none)
 *   D ID TAB PERSON COUNTRY ORG PLACE TAB LABEL
 *                                     a discovered entity (registry.h):
 *                                     the mentions that argued for each
 *                                     type, and its label (escaped); the
 *                                     longest label stays, the least in
 *                                     byte order among equals
 *   E ID TAB MENTIONS DEMONYMS WINDOWS DOCS FIRST LAST
 *                                     an entity (FIRST, LAST: its dates)
 *   F ID FORM TAB N                   one of its surface forms (FORM may
 *                                     hold spaces)
 *   P ID1 ID2 TAB COUNT DOCS FIRST LAST
 *                                     a pair, ID1 < ID2 in byte order
 *   T ID PERIOD TAB N                 an entity's mentions in a period
 *   U ID1 ID2 PERIOD TAB N            a pair's windows in a period
 *                                     (PERIOD: 20241012, 202441 for the
 *                                     ISO week, 202410, 2024)
 *   V ID1 ID2 TAB START TAB END TAB DOC TAB TEXT
 *                                     one of its evidence passages (up to
 *                                     N lines a pair; the N least are
 *                                     kept); DOC and TEXT escaped
 *                                     (\\ \t \n \r)
 * Numbers add up, except FIRST (the least but 0) and LAST (the greatest).
 * Sorting is by bytes (LC_ALL=C sort), which keeps the lines of one key
 * together.
 *
 * What is checked, by merge and by build --from-counts alike (one parser,
 * one way of adding up): a record is at most EG_COUNTS_MAX_RECORD bytes;
 * sums stay within 64 bits (2^64 - 1), document counts (C documents and
 * dated, E DOCS, P DOCS) within 32; dates are 0 or days that exist, a
 * record's FIRST <= LAST (or both 0); timeline periods are of the
 * '# period' kind (month 13 is none, weeks run 1 to 52 or 53) and come
 * after it; evidence offsets are START <= END <= EG_MAX_DOC_LIMIT
 * (corpus.h). A record that breaks one,
 * a read error or memory running out is an error naming the line: input
 * is never taken to end before the end of the file.
 */
#ifndef EG_COUNTS_H
#define EG_COUNTS_H

#include <stdio.h>

#include "cooccur.h"
#include "dates.h"
#include "gazetteer.h"
#include "registry.h"

/* The longest record, its line break not counted: far over any record
 * entigraph count writes (an evidence passage is at most 600 bytes, an
 * id a path or a JSON Lines id), and a line without end (/dev/zero)
 * fails after reading this much. */
#define EG_COUNTS_MAX_RECORD ((size_t)64 << 20)

/* The mapper's settings that shape the counts. Strings are owned by
 * whoever filled them: the caller for eg_counts_write, the struct for
 * eg_counts_read (free with eg_counts_params_free). */
typedef struct {
    char *window;        /* as given: "sentence", "10" */
    int demonyms;
    char *exclude_kinds; /* NULL when none */
    uint32_t evidence;   /* passages per pair */
    eg_period period;    /* of the timelines */
} eg_counts_params;

void eg_counts_params_free(eg_counts_params *p);

/* Writes c's records, sorted by key, to fp (name is for messages). The
 * entities from found->base on are discovered ones, adopted into gz
 * (eg_registry_adopt), with their votes in found (NULL: none). */
eg_status eg_counts_write(const eg_cooccur *c, const eg_gazetteer *gz, const eg_registry *found,
                          const eg_counts_params *p, FILE *fp, const char *name, eg_error *err);

/* Reads key-sorted records from in and writes one combined record per
 * key to out, in constant memory. Unsorted input, a malformed record or
 * parameters that differ are errors naming the line. */
eg_status eg_counts_merge(FILE *in, const char *in_name, FILE *out, const char *out_name,
                          eg_error *err);

/* Adds the records of in (sorted, merged or neither) to c, a fresh
 * accumulator over gz, and fills *p (free with eg_counts_params_free).
 * Discovered entities go to found, numbered from gz's last entity (NULL:
 * they are errors); an id gz does not have is an error naming the line. */
eg_status eg_counts_read(FILE *in, const char *name, const eg_gazetteer *gz, eg_registry *found,
                         eg_cooccur *c, eg_counts_params *p, eg_error *err);

#endif
