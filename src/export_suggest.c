/*
 * export_suggest.c - suggestions as gazetteer entries ready to paste.
 *
 * Each entry is emitted by libyaml as a one-item list, so the entries
 * concatenate into one gazetteer list; the evidence for it goes in the
 * comment lines above, which libyaml cannot write, as the hand-curated
 * gazetteers do.
 */
#include <stdio.h>
#include <string.h>

#include "suggest.h"
#include "util/buf.h"
#include "util/yamlw.h"

static const char *const cue_names[EG_NCUES] = {
    "a title before it", "its last word alone later", "a known surname",
    "an organization word",
    "written in capitals", "a place word", "after in or near", "before said or told",
};

/* One comment line; text was cleaned (no line breaks) by the caller. */
static int comment(FILE *fp, const char *text)
{
    return fprintf(fp, "# %s\n", text) < 0 ? -1 : 0;
}

static int why(FILE *fp, const eg_suggestion *s)
{
    eg_buf b = EG_BUF_INIT;
    int bad = eg_buf_printf(&b, "%zu mention%s in %zu document%s; type %s", s->count,
                            s->count == 1 ? "" : "s", s->documents, s->documents == 1 ? "" : "s",
                            eg_type_name(s->type)) != 0;
    if (s->guessed) {
        bad = bad || eg_buf_printf(&b, " by default (no cue in a tenth of its mentions)") != 0;
    } else {
        const char *sep = " from ";
        for (int k = 0; k < EG_NCUES && !bad; k++)
            if (s->cues[k]) {
                bad = eg_buf_printf(&b, "%s%s (%zu)", sep, cue_names[k], s->cues[k]) != 0;
                sep = ", ";
            }
    }
    bad = bad || comment(fp, b.data) != 0;
    for (size_t i = 0; i < s->nexamples && !bad; i++)
        bad = fprintf(fp, "#   %s\n", s->examples[i]) < 0;
    eg_buf_free(&b);
    return bad ? -1 : 0;
}

static int entry(FILE *fp, const eg_suggestion *s, const char **problem)
{
    eg_yamlw w;
    if (eg_yamlw_open(&w, fp) != 0) {
        *problem = "cannot initialise the emitter";
        return -1;
    }
    eg_yamlw_doc_start(&w);
    eg_yamlw_seq_start(&w, 0);
    eg_yamlw_map_start(&w, 0);
    eg_yamlw_kstr(&w, "id", s->id);
    eg_yamlw_kstr(&w, "label", s->label);
    eg_yamlw_kstr(&w, "type", eg_type_name(s->type));
    eg_yamlw_map_end(&w);
    eg_yamlw_seq_end(&w);
    eg_yamlw_doc_end(&w);
    return eg_yamlw_close(&w, problem);
}

eg_status eg_write_suggestions(FILE *fp, const eg_suggestion *sg, size_t n, size_t total,
                               const eg_suggest_opts *o, eg_error *err)
{
    const char *problem = "cannot write";
    int bad = fprintf(fp,
                      "# entigraph suggest: %zu of %zu names that no gazetteer entry covers,\n"
                      "# seen at least %zu time%s, most frequent first. Check each entry before\n"
                      "# adding it to a gazetteer: the type is a guess and the id a slug of the\n"
                      "# label. Other spellings, wikidata and country are for you to add.\n",
                      n, total, o->min_count, o->min_count == 1 ? "" : "s") < 0;
    for (size_t i = 0; i < n && !bad; i++) {
        bad = fputc('\n', fp) == EOF || why(fp, &sg[i]) != 0;
        bad = bad || entry(fp, &sg[i], &problem) != 0;
    }
    if (bad)
        return eg_error_add(err, EG_EIO, "suggest: %s", problem);
    return EG_OK;
}
