/*
 * registry.h - the discovered entities of a corpus: one per name, the
 * same in every document, numbered after the gazetteer's entities.
 *
 * The pipeline hands each tagged document to the registry in document
 * order, on one thread, so the numbering, labels and types are the same
 * whatever the thread count. A discovered entity's id is "d:" and its
 * normalised name with words joined by "-" ("d:brussels-airlines"): the
 * colon is in no gazetteer id, so the two cannot collide, and the id is
 * the same in any corpus. Its label is the longest form seen (the least
 * in byte order among equals), its type the one most of its mentions
 * argue for: neither depends on the order of documents, so counts made
 * on shards merge to the same entities (counts.h).
 */
#ifndef EG_REGISTRY_H
#define EG_REGISTRY_H

#include "discover.h"
#include "gazetteer.h"
#include "resolve.h"

typedef struct {
    uint32_t base;     /* entity index of the first discovered entity */
    eg_entity *ent;    /* n discovered entities; owned until adopted */
    uint64_t (*votes)[EG_NTYPES]; /* per entity: mentions that argued for each type */
    size_t n, cap, votes_cap;
    size_t nvotes;     /* entities with votes: n, and those adopted */
    eg_strmap index;   /* normalised name -> entity - base */
} eg_registry;

/* An empty registry whose entities are numbered from base (the number of
 * gazetteer entities). Free with eg_registry_free. */
void eg_registry_init(eg_registry *r, uint32_t base);
void eg_registry_free(eg_registry *r);

/* Numbers the discovered mentions of ms (EG_RULE_DISCOVERED, whose
 * entity is an index into f) with their corpus-wide entity, adding
 * entities and updating labels and types. */
eg_status eg_registry_add(eg_registry *r, const eg_found *f, eg_mentions *ms, eg_error *err);

/* The type votes argue for: the most mentions, ties to the lower type. */
eg_type eg_registry_type(const uint64_t *votes);

/* For counts read back (counts.c): the entity of the discovered id
 * ("d:..."), created if new; adds votes (NULL: none) and offers label
 * (NULL: none). Returns its index, or -1 for an id that is not a
 * discovered one, -2 when out of memory. */
long eg_registry_id(eg_registry *r, const char *id, const uint64_t *votes, const char *label);

/* The entity of index i >= r->base. */
static inline const eg_entity *eg_registry_entity(const eg_registry *r, uint32_t i)
{
    return &r->ent[i - r->base];
}

/* Hands the entities over to g (eg_gazetteer_adopt) in the byte order of
 * their ids, so that a corpus gives the same entity table however it was
 * split or read; *perm (the caller's, free(); NULL when there were none)
 * maps each entity's index - base before to its index - base after, for
 * eg_cooccur_renumber, and *n is their number. r keeps their votes
 * (r->votes[i - base], in the new order, for the counts) but no
 * entities. */
eg_status eg_registry_adopt(eg_registry *r, eg_gazetteer *g, uint32_t **perm, size_t *n,
                            eg_error *err);

#endif
