/* Tokens, offsets, sentences, paragraphs and normalisation on tricky text. */
#include "testing.h"

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
        cmocka_unit_test(test_paragraphs_and_lines),
        cmocka_unit_test(test_one_paragraph_per_line),
        cmocka_unit_test(test_cr_line_ends),
        cmocka_unit_test(test_invalid_utf8_is_a_separator),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_long_run_of_dots),
        cmocka_unit_test(test_nul_before_line_break),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, teardown);
}
