/* libFuzzer harness: the gazetteer loader on arbitrary YAML, and, when it
 * loads, the matcher and resolver compiled from it and run on a sentence
 * that names the usual suspects. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "matcher.h"
#include "resolve.h"

static const char TEXT[] = "Russian President Vladimir Putin met Sadyr Japarov in Bishkek. "
                           "The ICC and the U.N. said Putin's trip to Kyrgyzstan was news.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_gazetteer *g = eg_gazetteer_new();
    if (!g)
        return 0;
    eg_error err;
    eg_error_init(&err);
    if (eg_gazetteer_load_buffer(g, "fuzz.yaml", (const char *)data, size, &err) == EG_OK &&
        eg_gazetteer_finish(g, &err) == EG_OK) {
        eg_matcher *m = NULL;
        eg_resolver *r = NULL;
        eg_resolve_opts o;
        eg_resolve_defaults(&o);
        eg_text t;
        eg_text_init(&t);
        eg_matches ms = {0};
        eg_mentions out = {0};
        if (eg_matcher_new(g, &m, &err) == EG_OK && eg_resolver_new(g, &o, &r, &err) == EG_OK &&
            eg_text_analyze(&t, TEXT, sizeof TEXT - 1, &err) == EG_OK &&
            eg_matcher_run(m, &t, &ms, &err) == EG_OK &&
            eg_resolve(r, &t, &ms, &out, &err) == EG_OK) {
            for (size_t i = 0; i < out.n; i++)
                if (out.m[i].entity >= g->nent || out.m[i].end > sizeof TEXT - 1)
                    abort();
        }
        eg_mentions_free(&out);
        eg_matches_free(&ms);
        eg_text_free(&t);
        eg_resolver_free(r);
        eg_matcher_free(m);
    }
    eg_gazetteer_free(g);
    return 0;
}
