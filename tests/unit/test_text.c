/* Tokens, offsets, sentences, paragraphs and normalisation on tricky text. */
#include "testing.h"

#include <utf8proc.h>

#include "text.h"

static eg_text T;

static void analyze(const char *s)
{
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_text_analyze(&T, s, strlen(s), &err), EG_OK);
}

static const char *norm(size_t i)
{
    return eg_token_norm(&T, &T.tok[i]);
}

static char *normalize(const char *s)
{
    static eg_buf b;
    eg_buf_clear(&b);
    assert_int_equal(eg_normalize(&b, s, strlen(s)), 0);
    return b.data ? b.data : "";
}

static void test_normalize(void **state)
{
    assert_string_equal(normalize("Erdoğan"), "erdogan");
    assert_string_equal(normalize("Dzhaparov"), "dzhaparov");
    assert_string_equal(normalize("ＵＮ"), "un");
    assert_string_equal(normalize("Russia’s"), "russias");
    assert_string_equal(normalize("Côte"), "cote");
    assert_string_equal(normalize("Łukasz"), "lukasz");
    assert_string_equal(normalize("Straße"), "strasse");
    assert_string_equal(normalize("ПУТИН"), "путин");
    assert_string_equal(normalize("O'Brien"), "obrien");
    /* regression: ‘ and the okina were not dropped inside names */
    assert_string_equal(normalize("Nuku‘alofa"), "nukualofa");
    assert_string_equal(normalize("Nukuʻalofa"), "nukualofa");
}

static void test_tokens_and_offsets(void **state)
{
    /* "Kyrgyzstan’s" has a 3-byte apostrophe; the token ends before it */
    analyze("Kyrgyzstan’s president, Erdoğan.");
    assert_int_equal(T.ntok, 3);
    assert_string_equal(norm(0), "kyrgyzstan");
    assert_int_equal(T.tok[0].start, 0);
    assert_int_equal(T.tok[0].end, 10);
    assert_true(T.tok[0].flags & EG_TOK_POSS);
    assert_string_equal(norm(1), "president");
    assert_int_equal(T.tok[1].start, 15);
    assert_string_equal(norm(2), "erdogan");
    assert_int_equal(T.tok[2].start, 26);
    assert_int_equal(T.tok[2].end, 34); /* ğ is two bytes */
    assert_false(T.tok[2].flags & EG_TOK_JOIN); /* after a comma */
}

static void test_case_flags(void **state)
{
    analyze("ICC Putin ＵＮ china U.S. said");
    assert_int_equal(T.ntok, 6);
    assert_true(T.tok[0].flags & EG_TOK_ALLCAPS);
    assert_true(T.tok[1].flags & EG_TOK_CAP);
    assert_false(T.tok[1].flags & EG_TOK_ALLCAPS);
    assert_true(T.tok[2].flags & EG_TOK_ALLCAPS);
    assert_string_equal(norm(2), "un");
    assert_false(T.tok[3].flags & EG_TOK_CAP);
    assert_string_equal(norm(4), "us");
    assert_true(T.tok[4].flags & EG_TOK_DOTTED);
    assert_true(T.tok[4].flags & EG_TOK_ALLCAPS);
    assert_int_equal(T.tok[4].end - T.tok[4].start, 4);
    assert_int_equal(T.nsent, 1);
}

static void test_apostrophes_and_hyphens(void **state)
{
    analyze("Nukuʻalofa and Nuku‘alofa");
    assert_int_equal(T.ntok, 3);
    assert_string_equal(norm(2), "nukualofa");
    analyze("Côte d'Ivoire and Russian-Kyrgyz trade; Russians' view");
    assert_string_equal(norm(0), "cote");
    assert_string_equal(norm(1), "divoire");
    assert_true(T.tok[1].flags & EG_TOK_JOIN);
    assert_string_equal(norm(3), "russian");
    assert_string_equal(norm(4), "kyrgyz");
    assert_true(T.tok[4].flags & EG_TOK_JOIN); /* hyphen joins */
    assert_string_equal(norm(6), "russians");
    assert_true(T.tok[6].flags & EG_TOK_POSS);
    assert_string_equal(norm(7), "view");
}

/* regression: apostrophes are dropped, so "She'll" read as "shell" and
 * met the company Shell; a contraction ending is flagged for the matcher */
static void test_contractions_are_flagged(void **state)
{
    analyze("She'll go, we're here, I've seen, he'd left, I'm in, can't, WON'T, It'll, "
            "Who'd, she’ll, Sheʼll, she‘ll");
    static const int contr[] = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1};
    assert_int_equal(T.ntok, sizeof contr / sizeof *contr);
    for (size_t i = 0; i < T.ntok; i++)
        assert_int_equal((T.tok[i].flags & EG_TOK_CONTR) != 0, contr[i]);
    assert_string_equal(norm(0), "shell"); /* normalisation itself is unchanged */
    assert_int_equal(T.tok[0].end, 6);     /* one token, apostrophe inside */
    assert_string_equal(norm(2), "were");
    assert_string_equal(norm(10), "cant");
    assert_string_equal(norm(14), "shell");
    assert_string_equal(norm(15), "shell");
    assert_string_equal(norm(16), "shell");
    /* names with an apostrophe are not contractions, nor are possessives */
    analyze("O'Neill D'Alema N'Djamena Côte d'Ivoire Ma'ale Adumim Sana'a Qur'an gov't "
            "rock'n'roll Nukuʻalofa Russia's Russians' Shell's");
    assert_int_equal(T.ntok, 15);
    for (size_t i = 0; i < T.ntok; i++)
        assert_false(T.tok[i].flags & EG_TOK_CONTR);
    assert_string_equal(norm(0), "oneill");
    assert_string_equal(norm(12), "russia");
    assert_true(T.tok[12].flags & EG_TOK_POSS);
    assert_true(T.tok[13].flags & EG_TOK_POSS);
    assert_string_equal(norm(14), "shell");
    assert_true(T.tok[14].flags & EG_TOK_POSS);
}

static void test_sentences_survive_abbreviations(void **state)
{
    const char *s = "Mr. Putin met Gen. Smith on Oct. 12 in the U.S. capital. "
                    "George W. Bush paid $3.5 billion. \"We agree,\" he said. Then he left!";
    analyze(s);
    assert_int_equal(T.nsent, 4);
    assert_int_equal(T.sent[0].start, 0);
    /* first sentence ends after "capital." */
    assert_int_equal(T.sent[0].end, strstr(s, "capital.") - s + 8);
    assert_int_equal(T.sent[1].start, strstr(s, "George") - s);
    assert_int_equal(T.sent[2].start, strstr(s, "\"We") - s);
    assert_int_equal(T.sent[2].end, strstr(s, "said.") - s + 5);
    assert_int_equal(T.sent[3].start, strstr(s, "Then") - s);
}

static void test_sentence_after_acronym(void **state)
{
    analyze("Sanctions were imposed by the U.S. The Kremlin said nothing. "
            "The U.N. Security Council met.");
    assert_int_equal(T.nsent, 3);
}

static void test_no_before_a_number(void **state)
{
    /* regression: "no." was always an abbreviation, so "said no. Later"
     * ran on into one sentence */
    analyze("He said no. Later he agreed. Bill No. 10 passed.");
    assert_int_equal(T.nsent, 3);
}

static void test_lowercase_continuation(void **state)
{
    /* a lower-case word after a period does not open a sentence */
    analyze("Prices rose approx. ten percent, i.e. a lot.");
    assert_int_equal(T.nsent, 1);
}

static void test_paragraphs_and_lines(void **state)
{
    const char *s = "Headline about Putin\nPutin went to Bishkek.\n\nSecond paragraph here.\r\n"
                    "\r\nThird, with a hard-\nwrapped line and a\nlower-case continuation.";
    analyze(s);
    /* a headline line is its own sentence; wrapped lines are not split */
    assert_int_equal(T.nsent, 4);
    assert_int_equal(T.nparagraphs, 3);
    assert_int_equal(T.sent[0].end, strlen("Headline about Putin"));
    assert_int_equal(T.sent[1].paragraph, 0);
    assert_int_equal(T.sent[2].paragraph, 1);
    assert_int_equal(T.sent[3].paragraph, 2);
}

/* regression: lone CR line ends (old Mac files) read as spaces, so the
 * whole file was one paragraph */
static void test_cr_line_ends(void **state)
{
    const char *s = "Headline about Putin\rPutin went to Bishkek.\r\rSecond paragraph here.\r"
                    "\rThird.";
    analyze(s);
    assert_int_equal(T.nsent, 4);
    assert_int_equal(T.nparagraphs, 3);
    assert_int_equal(T.sent[0].end, strlen("Headline about Putin"));
    assert_int_equal(T.sent[3].paragraph, 2);
    /* the same with CRLF */
    analyze("Headline about Putin\r\nPutin went to Bishkek.\r\n\r\nSecond paragraph here.");
    assert_int_equal(T.nsent, 3);
    assert_int_equal(T.nparagraphs, 2);
}

static void test_one_paragraph_per_line(void **state)
{
    /* no blank line at all: each line is a paragraph (scraped pages) */
    analyze("First line. Still first.\nSecond line.\nThird line.");
    assert_int_equal(T.nparagraphs, 3);
    assert_int_equal(T.nsent, 4);
    assert_int_equal(T.sent[1].paragraph, 0);
    assert_int_equal(T.sent[2].paragraph, 1);
}

/* regression: prose wrapped at a width lost its names across the line
 * break ("on the\nNairobi Securities Exchange", "of the National\n
 * Hurricane Center"), as each line was a sentence and a paragraph */
static void test_wrapped_prose_goes_on(void **state)
{
    analyze("Shares of the airline rose 4% on the\nNairobi Securities Exchange.\n"
            "A storm forced the company to evacuate, said a forecaster of the National\n"
            "Hurricane Center in Miami.\nKenya Airways Resumes Flights\nNAIROBI, March 3.");
    /* the two wrapped sentences each stay whole; the headline line, with
     * next to no lower-case words, and the dateline stay apart */
    assert_int_equal(T.nsent, 4);
    assert_int_equal(T.nparagraphs, 4);
    assert_int_equal(T.sent[0].end, strlen("Shares of the airline rose 4% on the\n"
                                           "Nairobi Securities Exchange."));
    assert_int_equal(T.sent[1].paragraph, 1);
    assert_int_equal(T.sent[2].paragraph, 2);
    assert_int_equal(T.sent[3].paragraph, 3);
}

static void test_invalid_utf8_is_a_separator(void **state)
{
    analyze("Putin\xff\xfeRussia \xc3");
    assert_int_equal(T.ntok, 2);
    assert_string_equal(norm(0), "putin");
    assert_string_equal(norm(1), "russia");
    assert_int_equal(T.tok[1].start, 7);
}

static void test_empty_and_blank(void **state)
{
    analyze("");
    assert_int_equal(T.ntok, 0);
    assert_int_equal(T.nsent, 0);
    analyze(" \n\n\t ");
    assert_int_equal(T.ntok, 0);
    assert_int_equal(T.nsent, 0);
    assert_int_equal(T.nparagraphs, 0);
}

/* regression: every dot of a long run rescanned the run (quadratic) */
static void test_long_run_of_dots(void **state)
{
    size_t n = 200000;
    char *s = malloc(n + 2);
    assert_non_null(s);
    memset(s, '.', n);
    s[n] = 'x';
    s[n + 1] = '\0';
    analyze(s);
    assert_int_equal(T.ntok, 1);
    assert_int_equal(T.tok[0].start, n);
    assert_int_equal(T.nsent, 1);
    free(s);
}

/* regression: a NUL before a line break kept the sentence open */
static void test_nul_before_line_break(void **state)
{
    const char s[] = "Para one.\n\nPutin spoke \0\nBiden replied.\n";
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_text_analyze(&T, s, sizeof s - 1, &err), EG_OK);
    assert_int_equal(T.nsent, 3);
    assert_int_equal(T.tok[2].sentence, 1); /* Putin */
    assert_int_equal(T.tok[4].sentence, 2); /* Biden */
}

/* The normaliser's general path, written out again: utf8proc, then
 * apostrophes dropped and the letters without a decomposition folded. The
 * table-driven fast path for ASCII and Latin letters must agree with it. */
static char *reference_normalize(const char *s, size_t len, size_t *outlen)
{
    static char out[4096];
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    assert_true(n >= 0);
    size_t o = 0;
    for (utf8proc_ssize_t j = 0; j < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(dst + j, n - j, &cp);
        assert_true(k > 0);
        const char *f = NULL;
        switch (cp) {
        case '\'': case 0x2019: case 0x02BC: case 0x2018: case 0x02BB: f = ""; break;
        case 0xF8: f = "o"; break;
        case 0x142: f = "l"; break;
        case 0x111: case 0xF0: f = "d"; break;
        case 0x131: f = "i"; break;
        case 0x127: f = "h"; break;
        case 0xE6: f = "ae"; break;
        case 0x153: f = "oe"; break;
        case 0xFE: f = "th"; break;
        }
        size_t fl = f ? strlen(f) : (size_t)k;
        assert_true(o + fl < sizeof out);
        memcpy(out + o, f ? f : (const char *)dst + j, fl);
        o += fl;
        j += k;
    }
    free(dst);
    out[o] = '\0';
    *outlen = o;
    return out;
}

static void check_against_reference(const char *s, size_t len)
{
    size_t rl;
    const char *want = reference_normalize(s, len, &rl);
    eg_buf b = EG_BUF_INIT;
    assert_int_equal(eg_normalize(&b, s, len), 0);
    assert_int_equal(b.len, rl);
    assert_memory_equal(b.data, want, rl);
    assert_int_equal(b.data[b.len], '\0');
    eg_buf_free(&b);
}

static void test_normalize_fast_path_matches_utf8proc(void **state)
{
    /* every code point of the Latin table on its own, between letters */
    for (int32_t cp = 0x80; cp < 0x300; cp++) {
        utf8proc_uint8_t w[16] = "Ab";
        utf8proc_ssize_t n = utf8proc_encode_char(cp, w + 2);
        memcpy(w + 2 + n, "Cd'E", 4);
        check_against_reference((const char *)w, (size_t)n + 6);
        check_against_reference((const char *)w + 2, (size_t)n);
    }
    /* random words of ASCII, apostrophes, Latin letters and marks */
    static const int32_t pool[] = {'A', 'z', 'Q', '7', '\'', ' ', 0xC0, 0xDF, 0xE9, 0xF8,
                                   0xFE, 0x130, 0x131, 0x141, 0x149, 0x17F, 0x1C4, 0x1F0,
                                   0x24F, 0x301, 0x2019, 0x2BB, 0x410, 0xFF35, 0xA0, 0xB4};
    uint32_t x = 12345;
    for (int round = 0; round < 20000; round++) {
        char buf[64];
        size_t len = 0;
        int nchars = 1 + (int)(round % 7);
        for (int c = 0; c < nchars; c++) {
            x = x * 1103515245u + 12345u;
            int32_t cp = pool[(x >> 16) % (sizeof pool / sizeof *pool)];
            len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + len);
        }
        check_against_reference(buf, len);
    }
    /* invalid UTF-8 fails, and leaves the buffer terminated */
    eg_buf b = EG_BUF_INIT;
    assert_int_equal(eg_buf_append(&b, "x", 1), 0);
    assert_int_equal(eg_normalize(&b, "ab\xC3", 3), -1);
    assert_int_equal(b.len, 1);
    assert_string_equal(b.data, "x");
    eg_buf_free(&b);
}

static void test_long_and_mixed_words(void **state)
{
    /* the eight-bytes-at-a-time copy, digits, and a word that turns
     * non-ASCII after its first run */
    analyze("Internationalization 1234567890ABCDEFGhij McDonald's ZÜRICH-based iPhone");
    assert_int_equal(T.ntok, 6);
    assert_string_equal(norm(0), "internationalization");
    assert_int_equal(T.tok[0].nletters, 20);
    assert_string_equal(norm(1), "1234567890abcdefghij");
    assert_int_equal(T.tok[1].nletters, 10);
    assert_true(T.tok[1].flags & EG_TOK_CAP); /* first letter A */
    assert_false(T.tok[1].flags & EG_TOK_ALLCAPS);
    assert_string_equal(norm(2), "mcdonald");
    assert_true(T.tok[2].flags & EG_TOK_POSS);
    assert_string_equal(norm(3), "zurich");
    assert_true(T.tok[3].flags & EG_TOK_ALLCAPS);
    assert_int_equal(T.tok[3].nletters, 6);
    assert_string_equal(norm(4), "based");
    assert_string_equal(norm(5), "iphone");
    assert_false(T.tok[5].flags & EG_TOK_CAP);
    analyze("42nd Street");
    assert_false(T.tok[0].flags & EG_TOK_CAP); /* first letter n */
}

static void test_words_across_blocks(void **state)
{
    /* runs are classified sixteen bytes at a time: letters, case and the
     * first letter found past a block's end, in the middle of the text
     * and in its last bytes */
    analyze("12345678901234567xyz abcdefghijklmnoPQ ABCDEFGHIJKLMNOP abcdefghijklmnopé "
            "x 0123456789abcdefghijklmnopqrstuvwxyzABCDEF");
    assert_int_equal(T.ntok, 6);
    assert_int_equal(T.tok[0].nletters, 3);
    assert_false(T.tok[0].flags & EG_TOK_CAP); /* first letter x, at byte 17 */
    assert_int_equal(T.tok[1].nletters, 17);
    assert_false(T.tok[1].flags & (EG_TOK_CAP | EG_TOK_ALLCAPS)); /* capitals past 16 */
    assert_int_equal(T.tok[2].nletters, 16);
    assert_true(T.tok[2].flags & EG_TOK_ALLCAPS); /* exactly one block */
    assert_int_equal(T.tok[3].nletters, 17);      /* é right after a block */
    assert_string_equal(norm(3), "abcdefghijklmnope");
    assert_int_equal(T.tok[3].end - T.tok[3].start, 18);
    assert_int_equal(T.tok[5].nletters, 32);
    assert_int_equal(T.tok[5].end - T.tok[5].start, 42);
    assert_false(T.tok[5].flags & EG_TOK_ALLCAPS);
}

static void test_caps_lines(void **state)
{
    analyze("PUTIN VISITS BISHKEK\nPutin visited Bishkek on Monday.\nUN A\n");
    assert_int_equal(T.nsent, 3);
    assert_int_equal(T.sent[0].caps, 1);
    assert_int_equal(T.sent[1].caps, 0);
    assert_int_equal(T.sent[2].caps, 0); /* one word of two letters */
}

static void test_has_word(void **state)
{
    static const char *const cases[] = {"", " ", "...", "’", "-", "Putin", " 1 ", "é", "\xCC\x81",
                                        "—–", "ʻ", "\xFF\xFE", "\xC3", "a\xC3", "\xE2\x80\xA6x"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        analyze(cases[i]);
        assert_int_equal(eg_text_has_word(cases[i], strlen(cases[i])), T.ntok > 0);
    }
}

static int teardown(void **state)
{
    eg_text_free(&T);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_tokens_and_offsets),
        cmocka_unit_test(test_case_flags),
        cmocka_unit_test(test_apostrophes_and_hyphens),
        cmocka_unit_test(test_contractions_are_flagged),
        cmocka_unit_test(test_sentences_survive_abbreviations),
        cmocka_unit_test(test_sentence_after_acronym),
        cmocka_unit_test(test_lowercase_continuation),
        cmocka_unit_test(test_no_before_a_number),
        cmocka_unit_test(test_paragraphs_and_lines),
        cmocka_unit_test(test_one_paragraph_per_line),
        cmocka_unit_test(test_wrapped_prose_goes_on),
        cmocka_unit_test(test_cr_line_ends),
        cmocka_unit_test(test_invalid_utf8_is_a_separator),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_long_run_of_dots),
        cmocka_unit_test(test_nul_before_line_break),
        cmocka_unit_test(test_normalize_fast_path_matches_utf8proc),
        cmocka_unit_test(test_long_and_mixed_words),
        cmocka_unit_test(test_words_across_blocks),
        cmocka_unit_test(test_caps_lines),
        cmocka_unit_test(test_has_word),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, teardown);
}
