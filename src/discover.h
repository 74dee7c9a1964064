/*
 * discover.h - proper names read from the text itself, known to the
 * gazetteers or not.
 *
 * A reader knows "Sidney Stein" is a person and "Brussels Airlines" a
 * company without a list: capitalised words in a run, the words around
 * them and the rest of the document say so. This stage finds such names
 * between matching and resolution:
 *
 * - eg_discover_names (before resolution) cuts each sentence into runs of
 *   capitalised words and their connectors, trims titles and sentence
 *   openings, types each run by its evidence, and drops the gazetteer
 *   matches that are fragments of a longer typed name ("British" in
 *   "British Airways", "Mexico" in "Gulf of Mexico"): the longest name
 *   wins.
 * - eg_discover_mentions (after resolution) adds the names as mentions,
 *   with the document's evidence: a bare surname or "Mr. Surname" of a
 *   person named in full, and acronyms the text defines ("the Rapid
 *   Support Forces (RSF)").
 *
 * A run with no evidence for any type is no mention: `suggest` lists it.
 * discover.c explains each rule.
 */
#ifndef EG_DISCOVER_H
#define EG_DISCOVER_H

#include "gazetteer.h"
#include "matcher.h"
#include "resolve.h"
#include "text.h"
#include "util/buf.h"
#include "util/hmap.h"

/* What a discovered name's type rests on (bits; eg_mention.evidence). */
enum {
    EG_EV_HEAD = 1 << 0,    /* a head or suffix word: Party, Airlines, Inc., River, Gulf of */
    EG_EV_GIVEN = 1 << 1,   /* it opens with a given name */
    EG_EV_TITLE = 1 << 2,   /* a title or role before it: President, Mr., Gen. */
    EG_EV_SPEECH = 1 << 3,  /* a verb of speech: "X said", "told X" */
    EG_EV_APPOS = 1 << 4,   /* an apposition: "X, the Fed chair", "X, a spokesman" */
    EG_EV_PREP = 1 << 5,    /* a place preposition: in, near, outside X */
    EG_EV_PLACECTX = 1 << 6, /* "X-based", "X province" */
    EG_EV_ORGCTX = 1 << 7,  /* "X spokesperson", "X shares", "chief executive of X" */
    EG_EV_DOCUMENT = 1 << 8, /* typed by another mention of it in the document */
    EG_EV_SURNAME = 1 << 9, /* a part of a person's name the document gives in full */
    EG_EV_ACRONYM = 1 << 10, /* an acronym the document defines */
    EG_EV_NPLACE = 1 << 11, /* a place word before a known place: New Taipei, North Darfur */
    EG_EV_COORD = 1 << 12,  /* listed with names of one type: "Dell, Pixar and Google" */
};
#define EG_EV_COUNT 13

/* Writes the evidence names of bits, comma-separated ("head,title"). */
void eg_evidence_names(unsigned bits, char *buf, size_t n);

/* One name discovered in a document. */
/* Populations (priors) of a listed town, whose name beside a person's of
 * that surname is the person's (discover.c); lower priors are ranks. */
#define EG_TOWN_MIN 1000
#define EG_TOWN_MAX 100000

typedef struct {
    uint32_t key, key_len;     /* normalised words joined by spaces, in eg_found.pool */
    uint32_t label, label_len; /* its longest surface form, in eg_found.pool (typed
                                  names only) */
    uint32_t la, lb;           /* the tokens of that form */
    eg_type type;
    uint16_t evidence;         /* every evidence bit of its mentions */
    uint16_t typed;            /* 1: it has a type, so it is an entity */
    uint32_t mentions;
} eg_found_name;

/* A run of tokens the stage looked at. */
typedef struct {
    uint32_t a, b;      /* tokens [a, b) */
    uint32_t name;      /* index in eg_found.name */
    uint16_t evidence;  /* of this occurrence */
    uint8_t headline;   /* in a line of capitals or Title Case */
    uint8_t pad;
} eg_found_occ;

/* A document's discovered names. Reused across documents; owns its
 * arrays: free with eg_found_free. */
typedef struct {
    eg_found_name *name;
    size_t nname, name_cap;
    eg_found_occ *occ;
    size_t nocc, occ_cap;
    eg_buf pool;
    eg_strmap index;   /* key -> name */
    /* per-document scratch, per token (discover.c) */
    uint8_t *state, *headline;
    uint32_t *match, *wcls;
    size_t scratch_cap;
    eg_strmap acro;    /* acronym -> name + 1 */
    eg_strmap surnames, shared; /* a surname -> its person + 1; surnames of two */
} eg_found;

void eg_found_init(eg_found *f);
void eg_found_free(eg_found *f);

static inline const char *eg_found_key(const eg_found *f, const eg_found_name *n)
{
    return f->pool.data + n->key;
}

typedef struct eg_discoverer eg_discoverer;

/* Prepares discovery for gazetteer g (which must outlive it), adding
 * names of the types in types as mentions, with the given names of the
 * file at given_names (one name a line; NULL: none). *out is owned by the
 * caller: eg_discoverer_free. */
eg_status eg_discoverer_new(const eg_gazetteer *g, eg_typemask types, const char *given_names,
                            eg_discoverer **out, eg_error *err);
void eg_discoverer_free(eg_discoverer *d);
/* Adds the given names of a buffer (one a line); 0 or -1 when out of memory. */
int eg_discoverer_add_given(eg_discoverer *d, const char *data, size_t len);

/* Finds the names of t (data[0..len): the document's bytes) into f,
 * cleared first, and drops from raw the matches inside a longer name. d
 * is only read: threads may share it, each with its own f. */
eg_status eg_discover_names(const eg_discoverer *d, const eg_text *t, const char *data,
                            size_t len, eg_matches *raw, eg_found *f, eg_error *err);
/* Adds the typed names of f to the resolved mentions ms (kept in text
 * order), as EG_RULE_DISCOVERED mentions whose entity is the index of
 * the name in f; resolved mentions inside them are dropped. Also adds
 * the uses of acronyms the text defines for a known entity. */
eg_status eg_discover_mentions(const eg_discoverer *d, const eg_text *t, const char *data,
                               size_t len, eg_found *f, eg_mentions *ms, eg_error *err);

#endif
