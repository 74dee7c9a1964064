/* libFuzzer harness: the JSON Lines reader on each line of the input.
 * A record that parses must have a text whose length fits the line's
 * decoded size. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

static eg_jsonl_rec R;
static int ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        eg_jsonl_rec_init(&R);
        ready = 1;
    }
    const char *s = (const char *)data, *end = s + size;
    for (size_t line = 1; s < end; line++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        eg_error err;
        eg_error_init(&err);
        if (eg_jsonl_parse(&R, s, n, "fuzz.jsonl", line, &err) == EG_OK) {
            /* escapes only shrink or keep lengths, except \U (10 bytes for
             * a 4-byte character) and U+FFFD for one bad byte (3 bytes) */
            if (R.text.len > 3 * n + 16 || (R.text.len && R.text.data[R.text.len] != '\0'))
                abort();
        }
        s += n + 1;
    }
    return 0;
}
