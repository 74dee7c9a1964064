/* Boilerplate spans on hand-written page furniture and on prose that must
 * not be taken for it. */
#include "testing.h"

#include "boilerplate.h"

/* The boilerplate parts of s, joined by '|'. */
static const char *spans(const char *s)
{
    static char out[1024];
    eg_spans sp = {0};
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_boilerplate(s, strlen(s), &sp, &err), EG_OK);
    out[0] = '\0';
    for (size_t i = 0; i < sp.n; i++) {
        char one[300];
        snprintf(one, sizeof one, "%s%.*s", i ? "|" : "", (int)(sp.s[i].end - sp.s[i].start),
                 s + sp.s[i].start);
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    eg_spans_free(&sp);
    return out;
}

static void test_photo_credits(void **state)
{
    assert_string_equal(spans("Putin meets Japarov in Bishkek on Oct. 12.SPUTNIK/Reuters\n"),
                        "SPUTNIK/Reuters");
    assert_string_equal(spans("Protesters in Tbilisi. AFP/Getty Images\n"), "AFP/Getty Images");
    assert_string_equal(spans("Reuters/Maxim Shemetov\n"), "Reuters/Maxim Shemetov");
}

static void test_prompts_and_source_lines(void **state)
{
    /* regression: with lone CR line ends the prompt ran into the prose */
    assert_string_equal(spans("Body text.\rFollow related authors and topics\rMore text.\r"),
                        "Follow related authors and topics");
    assert_string_equal(spans("Body text.\r\nFollow related authors and topics\r\nMore.\r\n"),
                        "Follow related authors and topics");
    assert_string_equal(spans("Body text.\nFollow related authors and topics\nMore text.\n"),
                        "Follow related authors and topics");
    assert_string_equal(spans("- Follow the latest events of the war in Ukraine on HotNews.ro\n"),
                        "- Follow the latest events of the war in Ukraine on HotNews.ro");
    assert_string_equal(spans("Source: Hot News\r\n"), "Source: Hot News");
    assert_string_equal(spans("(Reporting by Jane Doe; Editing by John Smith)"),
                        "(Reporting by Jane Doe; Editing by John Smith)");
    assert_string_equal(spans("\xc2\xa9 2024 Example News. All rights reserved."),
                        "\xc2\xa9 2024 Example News. All rights reserved.");
}

static void test_prose_is_not_boilerplate(void **state)
{
    assert_string_equal(spans("He liked AC/DC and Reuters reported it.\n"), "");
    assert_string_equal(spans("The ratio was 3/4 of the vote in Moscow.\n"), "");
    assert_string_equal(spans("Supporters of the deal followed the talks in Geneva.\n"), "");
    /* a long paragraph that starts with "Follow" is prose, not a prompt */
    char long_line[400];
    memset(long_line, 'a', sizeof long_line);
    memcpy(long_line, "Follow ", 7);
    long_line[sizeof long_line - 1] = '\0';
    assert_string_equal(spans(long_line), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_photo_credits),
        cmocka_unit_test(test_prompts_and_source_lines),
        cmocka_unit_test(test_prose_is_not_boilerplate),
    };
    return cmocka_run_group_tests_name("boilerplate", tests, NULL, NULL);
}
