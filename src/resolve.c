/*
 * resolve.c - choose the entity each mention means.
 *
 * For now the choice is by gazetteer prior: when an alias is shared (Paris,
 * Georgia, Japarov) the candidate with the highest prior wins, and equal
 * priors fall back to the smallest id so the result never depends on file
 * order. The rule that decided is kept on the mention so `tag` can show
 * it. Candidates of excluded types (--types) and demonyms (when switched
 * off) are dropped before the choice, so "Georgia" with --types country
 * still finds the country.
 */
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "util/buf.h"

void eg_resolve_defaults(eg_resolve_opts *o)
{
    o->types = EG_ALL_TYPES;
    o->demonyms = 1;
    o->drop = NULL;
}

const char *eg_rule_name(eg_rule r)
{
    switch (r) {
    case EG_RULE_UNIQUE: return "unique";
    case EG_RULE_PRIOR: return "prior";
    case EG_RULE_ORDER: return "id-order";
    }
    return "?";
}

static double prior_of(const eg_entity *e)
{
    return e->has_prior ? e->prior : 0.0;
}

eg_status eg_resolve(const eg_gazetteer *g, const eg_resolve_opts *o, const eg_text *t,
                     const eg_matches *ms, eg_mentions *out, eg_error *err)
{
    out->n = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const eg_raw_mention *rm = &ms->m[i];
        const eg_candidate *best = NULL;
        unsigned kept = 0, tied = 0;
        for (uint32_t c = 0; c < rm->ncand; c++) {
            const eg_candidate *cd = &ms->cand[rm->cand + c];
            const eg_entity *e = &g->ent[cd->entity];
            if (!(o->types >> e->type & 1) || (cd->demonym && !o->demonyms) ||
                (o->drop && o->drop[cd->entity]))
                continue;
            kept++;
            if (!best) {
                best = cd;
                tied = 1;
                continue;
            }
            const eg_entity *b = &g->ent[best->entity];
            double pe = prior_of(e), pb = prior_of(b);
            if (pe > pb || (pe == pb && strcmp(e->id, b->id) < 0)) {
                if (pe == pb)
                    tied++;
                else
                    tied = 1;
                best = cd;
            } else if (pe == pb) {
                tied++;
            }
        }
        if (!best)
            continue;
        if (EG_GROW(out->m, out->cap, out->n) != 0)
            return eg_error_add(err, EG_ENOMEM, "out of memory while resolving mentions");
        eg_mention *m = &out->m[out->n++];
        m->entity = best->entity;
        m->tok_start = rm->tok_start;
        m->tok_end = rm->tok_end;
        m->start = rm->start;
        m->end = rm->end;
        m->sentence = t->tok[rm->tok_start].sentence;
        m->ncand = (uint16_t)(kept > 65535 ? 65535 : kept);
        m->demonym = (uint8_t)best->demonym;
        m->rule = kept == 1 ? EG_RULE_UNIQUE : tied > 1 ? EG_RULE_ORDER : EG_RULE_PRIOR;
    }
    return EG_OK;
}

void eg_mentions_free(eg_mentions *ms)
{
    free(ms->m);
    memset(ms, 0, sizeof *ms);
}
