/*
 * gazindex.c - group aliases by the form the matcher sees and work out the
 * case rule each gets, with the same rules as matcher.c: a word of two or
 * more capitals (ICC) matches only in capitals; an alias made only of
 * lower-case words of the word list (China, White House) needs capitals.
 */
#include <stdlib.h>
#include <string.h>

#include "gazindex.h"
#include "text.h"
#include "util/buf.h"

const char *eg_guard_name(eg_guard g)
{
    switch (g) {
    case EG_GUARD_CAPS: return "matched only in capitals";
    case EG_GUARD_CAPITAL: return "needs a capital letter";
    default: return "matched in any case";
    }
}

static int form_of(eg_text *t, const char *text, eg_buf *out)
{
    eg_error err;
    eg_error_init(&err);
    eg_buf_clear(out);
    if (eg_text_analyze(t, text, strlen(text), &err) != EG_OK)
        return -1;
    for (size_t k = 0; k < t->ntok; k++) {
        if ((k && eg_buf_putc(out, ' ') != 0) ||
            eg_buf_append(out, eg_token_norm(t, &t->tok[k]), t->tok[k].norm_len) != 0)
            return -1;
    }
    return eg_buf_reserve(out, 0);
}

int eg_gazindex_form(const char *text, eg_buf *out)
{
    eg_text t;
    eg_text_init(&t);
    int rc = form_of(&t, text, out);
    eg_text_free(&t);
    return rc;
}

void eg_gazindex_free(eg_gazindex *ix)
{
    free(ix->info);
    free(ix->first);
    free(ix->count);
    free(ix->by_form);
    eg_strmap_free(&ix->forms);
    memset(ix, 0, sizeof *ix);
}

eg_status eg_gazindex_build(const eg_gazetteer *gz, eg_gazindex *ix, eg_error *err)
{
    memset(ix, 0, sizeof *ix);
    ix->gz = gz;
    eg_strmap_init(&ix->forms);
    size_t n = gz->nalias;
    ix->info = calloc(n ? n : 1, sizeof *ix->info);
    ix->by_form = malloc((n ? n : 1) * sizeof *ix->by_form);
    eg_text t;
    eg_text_init(&t);
    eg_buf form = EG_BUF_INIT;
    eg_status st = EG_OK;
    if (!ix->info || !ix->by_form)
        st = eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        eg_alias_info *ai = &ix->info[i];
        ai->alias = (uint32_t)i;
        if (form_of(&t, gz->alias[i].text, &form) != 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        ai->ntok = (uint16_t)(t.ntok > 65535 ? 65535 : t.ntok);
        int common = t.ntok > 0;
        for (size_t k = 0; k < t.ntok; k++) {
            const eg_token *tk = &t.tok[k];
            if ((tk->flags & EG_TOK_ALLCAPS) && tk->nletters >= 2)
                ai->guard = EG_GUARD_CAPS;
            common &= eg_gazetteer_is_common(gz, eg_token_norm(&t, tk), tk->norm_len);
        }
        ai->common = (uint8_t)common;
        if (ai->guard == EG_GUARD_NONE && common)
            ai->guard = EG_GUARD_CAPITAL;
        uint32_t f;
        if (eg_strmap_put(&ix->forms, form.data ? form.data : "", form.len,
                          (uint32_t)ix->forms.n, &f) < 0) {
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
            break;
        }
        ai->form = f;
    }
    eg_text_free(&t);
    eg_buf_free(&form);
    size_t nf = ix->forms.n;
    if (st == EG_OK) {
        ix->first = calloc(nf ? nf : 1, sizeof *ix->first);
        ix->count = calloc(nf ? nf : 1, sizeof *ix->count);
        if (!ix->first || !ix->count)
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    if (st == EG_OK) {
        /* counting sort of the aliases by form, keeping alias order */
        for (size_t i = 0; i < n; i++)
            ix->count[ix->info[i].form]++;
        for (size_t f = 0, sum = 0; f < nf; f++) {
            ix->first[f] = (uint32_t)sum;
            sum += ix->count[f];
        }
        uint32_t *fill = calloc(nf ? nf : 1, sizeof *fill);
        if (!fill)
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
        for (size_t i = 0; i < n && st == EG_OK; i++) {
            uint32_t f = ix->info[i].form;
            ix->by_form[ix->first[f] + fill[f]++] = (uint32_t)i;
        }
        free(fill);
    }
    if (st != EG_OK)
        eg_gazindex_free(ix);
    return st;
}

long eg_gazindex_find(const eg_gazindex *ix, const char *text)
{
    eg_buf form = EG_BUF_INIT;
    long r = -1;
    uint32_t f;
    if (eg_gazindex_form(text, &form) == 0 && form.len > 0 &&
        eg_strmap_get(&ix->forms, form.data, form.len, &f))
        r = (long)f;
    eg_buf_free(&form);
    return r;
}
