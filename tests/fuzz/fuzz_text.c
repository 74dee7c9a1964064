/* libFuzzer harness: the text stage (tokens, sentences, paragraphs) and
 * the normaliser on arbitrary bytes. Checks the invariants later stages
 * rely on: offsets in bounds and ordered, sentences and paragraphs in
 * order, every token inside its sentence; and, for a word of ASCII letters
 * and digits, its letter count and case flags against a byte-by-byte
 * count (the scanner takes such runs 16 bytes at a time). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static eg_text T;
static int ready;

/* A token of ASCII letters and digits only: its flags, recounted. */
static void check_ascii_word(const uint8_t *s, const eg_token *k)
{
    size_t letters = 0;
    int upper = 0, lower = 0, first_upper = -1;
    for (uint32_t i = k->start; i < k->end; i++) {
        uint8_t c = s[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        if (!up && !lo && !(c >= '0' && c <= '9'))
            return; /* not such a word */
        if (up || lo) {
            letters++;
            if (first_upper < 0)
                first_upper = up;
        }
        upper |= up;
        lower |= lo;
    }
    if (k->nletters != (letters > 65535 ? 65535 : letters) ||
        !!(k->flags & EG_TOK_CAP) != (first_upper == 1) ||
        !!(k->flags & EG_TOK_ALLCAPS) != (upper && !lower))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        eg_text_init(&T);
        ready = 1;
    }
    eg_error err;
    eg_error_init(&err);
    if (eg_text_analyze(&T, (const char *)data, size, &err) != EG_OK)
        return 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < T.ntok; i++) {
        const eg_token *k = &T.tok[i];
        if (k->start >= k->end || k->end > size || k->start < prev_end)
            abort();
        if (k->norm + k->norm_len >= T.norm.len + 1)
            abort();
        if (k->sentence >= T.nsent || k->paragraph >= T.nparagraphs)
            abort();
        if (i && (k->sentence < k[-1].sentence || k->paragraph < k[-1].paragraph))
            abort();
        const eg_sentence *s = &T.sent[k->sentence];
        if (k->start < s->start || k->end > s->end)
            abort();
        prev_end = k->end;
        check_ascii_word(data, k);
    }
    for (size_t i = 0; i < T.nsent; i++)
        if (T.sent[i].start > T.sent[i].end || T.sent[i].end > size ||
            (i && T.sent[i].start < T.sent[i - 1].end))
            abort();
    eg_buf b = EG_BUF_INIT;
    (void)!eg_normalize(&b, (const char *)data, size < 256 ? size : 256);
    eg_buf_free(&b);
    return 0;
}
