/*
 * pipeline.h - every document of a corpus tagged, on one thread or
 * several, and handed on in document order.
 */
#ifndef EG_PIPELINE_H
#define EG_PIPELINE_H

#include "corpus.h"
#include "tagger.h"

/* Receives one tagged document; both arguments are valid only during the
 * call. A status other than EG_OK (err filled) stops the run. */
typedef eg_status (*eg_tagged_fn)(void *ud, const eg_doc *doc, const eg_tagged *tg,
                                  eg_error *err);

/* Reads every document of c, tags it with t and calls fn with it, in
 * document order and on the calling thread. With nthreads > 1 that many
 * threads tag while the caller reads and calls fn: the calls, and so
 * whatever fn makes of them, are the same for any nthreads. Stops at the
 * first error, of reading, tagging or fn, after the calls for the
 * documents before it, as one thread would. t is only read. */
eg_status eg_pipeline_run(eg_tagger *t, eg_corpus *c, unsigned nthreads, eg_tagged_fn fn,
                          void *ud, eg_error *err);

/* The number of online processors, at least 1: the default thread count. */
unsigned eg_ncpus(void);

#endif
