/*
 * boilerplate.c - find the page furniture that scraped news keeps.
 *
 * Works line by line, since scrapers keep the page's blocks on lines of
 * their own:
 * - a short line (at most 200 bytes) that opens, after any bullet, with a
 *   prompt or a credit phrase ("Follow", "Subscribe", "Sign up", "Read
 *   more", "Source:", "Photo:", "Reporting by", "Copyright", "©", ...) is
 *   boilerplate as a whole;
 * - a photo credit glued to the end of a caption ("... on Oct.
 *   12.SPUTNIK/Reuters", "AFP/Getty Images"): after the line's last
 *   period or bracket, at most five capitalised words joined by slashes.
 * Mentions in these spans would tie agencies and sites to every entity of
 * the article.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "boilerplate.h"
#include "util/buf.h"

#define MAX_PROMPT_LINE 200

static const char *const openers[] = {
    "follow ", "subscribe", "sign up", "sign in", "log in", "support us", "support our",
    "donate", "read more", "read also", "see also", "related:", "related articles",
    "related stories", "most popular", "most read", "advertisement", "skip to", "share this",
    "share on", "click here", "source:", "sources:", "photo:", "photos:", "photograph:",
    "image:", "credit:", "photo credit", "reporting by", "editing by", "writing by",
    "additional reporting", "(reporting by", "copyright", "\xc2\xa9", "all rights reserved",
    "interact with", "open this photo", "listen to this article", "get the latest",
    "sign up for", "newsletter", "this article was", "this story was", NULL};

static eg_status add(eg_spans *out, size_t a, size_t b, eg_error *err)
{
    if (EG_GROW(out->s, out->cap, out->n) != 0)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    out->s[out->n++] = (eg_span){(uint32_t)a, (uint32_t)b};
    return EG_OK;
}

static int is_prompt(const char *s, size_t n)
{
    /* skip bullets, dashes and spaces */
    while (n && strchr("-*\xe2\x80\xa2 \t>|", *s)) {
        if ((unsigned char)*s == 0xe2 && n >= 3) { /* U+2022 bullet, U+2014 dash */
            s += 3;
            n -= 3;
            continue;
        }
        s++;
        n--;
    }
    if (n == 0 || n > MAX_PROMPT_LINE)
        return 0;
    for (const char *const *o = openers; *o; o++) {
        size_t l = strlen(*o);
        if (n >= l && strncasecmp(s, *o, l) == 0)
            return 1;
    }
    return 0;
}

static int upper_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* The start of a trailing photo credit in line [a, b), or b if none. */
static size_t credit_start(const char *s, size_t a, size_t b)
{
    size_t slash = b;
    for (size_t i = b; i > a; i--)
        if (s[i - 1] == '/') {
            slash = i - 1;
            break;
        }
    if (slash == b)
        return b;
    size_t c = a; /* after the last period or bracket before the slash */
    for (size_t i = slash; i > a; i--)
        if (s[i - 1] == '.' || s[i - 1] == ')' || s[i - 1] == ']') {
            c = i;
            break;
        }
    while (c < slash && s[c] == ' ')
        c++;
    if (c == a && b - a > 80)
        return b; /* a long line without a sentence before it: not a credit */
    /* at most five words, each capitalised, joined by spaces or slashes */
    int words = 0;
    for (size_t i = c; i < b;) {
        while (i < b && (s[i] == ' ' || s[i] == '/'))
            i++;
        if (i >= b)
            break;
        if (!upper_ascii(s[i]))
            return b;
        words++;
        while (i < b && s[i] != ' ' && s[i] != '/')
            i++;
    }
    return words >= 2 && words <= 5 ? c : b;
}

eg_status eg_boilerplate(const char *text, size_t len, eg_spans *out, eg_error *err)
{
    out->n = 0;
    size_t a = 0;
    while (a < len) {
        /* lines end at LF, CRLF or a lone CR */
        size_t b = a;
        while (b < len && text[b] != '\n' && text[b] != '\r')
            b++;
        if (b + 1 < len && text[b] == '\r' && text[b + 1] == '\n')
            b++;
        size_t e = b;
        while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\r' || text[e - 1] == '\t'))
            e--;
        if (e > a) {
            if (is_prompt(text + a, e - a))
                EG_CHECK(add(out, a, e, err));
            else {
                size_t c = credit_start(text, a, e);
                if (c < e)
                    EG_CHECK(add(out, c, e, err));
            }
        }
        a = b + 1;
    }
    return EG_OK;
}

void eg_spans_free(eg_spans *s)
{
    free(s->s);
    memset(s, 0, sizeof *s);
}
