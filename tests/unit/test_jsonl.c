/* JSON Lines records: fields, escapes JSON has and YAML lacks, and the
 * messages for lines that are not records. */
#include "testing.h"

#include "jsonl.h"

static eg_jsonl_rec R;
static eg_error E;

static eg_status parse(const char *line)
{
    eg_error_init(&E);
    return eg_jsonl_parse(&R, line, strlen(line), "in.jsonl", 7, &E);
}

static void test_fields(void **state)
{
    assert_int_equal(parse("{\"id\": \"a1\", \"text\": \"Putin met Japarov.\", "
                           "\"date\": \"2023-10-12\", \"tags\": [\"x\", {\"y\": 1}]}"),
                     EG_OK);
    assert_string_equal(R.id.data, "a1");
    assert_string_equal(R.text.data, "Putin met Japarov.");
    assert_string_equal(R.date.data, "2023-10-12");
    assert_true(R.has_id && R.has_date);
    /* compact JSON, a number id, no date */
    assert_int_equal(parse("{\"id\":42,\"text\":\"x\"}"), EG_OK);
    assert_string_equal(R.id.data, "42");
    assert_false(R.has_date);
    assert_int_equal(parse("{\"text\": \"only text\"}"), EG_OK);
    assert_false(R.has_id);
}

static void test_escapes(void **state)
{
    assert_int_equal(parse("{\"text\": \"tab\\there \\\"q\\\" \\\\u0041 \\/ \\u00e9\"}"), EG_OK);
    assert_string_equal(R.text.data, "tab\there \"q\" \\u0041 / \xc3\xa9");
    /* a surrogate pair (as Python's json.dumps writes emoji), a lone one */
    assert_int_equal(parse("{\"text\": \"a\\ud83d\\ude00b \\ud800c\"}"), EG_OK);
    assert_string_equal(R.text.data, "a\xf0\x9f\x98\x80" "b \xef\xbf\xbd" "c");
    /* \u0000 is a NUL inside the text */
    assert_int_equal(parse("{\"text\": \"a\\u0000b\"}"), EG_OK);
    assert_int_equal(R.text.len, 3);
    /* invalid UTF-8 is repaired and counted */
    assert_int_equal(parse("{\"text\": \"caf\xe9\"}"), EG_OK);
    assert_string_equal(R.text.data, "caf\xef\xbf\xbd");
    assert_int_equal(R.repaired, 1);
}

static void expect_error(const char *line, const char *msg)
{
    assert_int_equal(parse(line), EG_EINPUT);
    if (!strstr(E.msg, msg))
        fail_msg("'%s' does not contain '%s'", E.msg, msg);
    assert_true(strncmp(E.msg, "in.jsonl:7: ", 12) == 0);
}

static void test_errors(void **state)
{
    expect_error("{\"id\": \"a\"}", "no \"text\" field");
    expect_error("{\"text\": 5}", "\"text\" must be a string");
    expect_error("{\"text\": null}", "\"text\" must be a string");
    expect_error("{\"text\": [\"a\"]}", "\"text\" must be a string");
    expect_error("{\"id\": true, \"text\": \"a\"}", "\"id\" must be a string or a number");
    expect_error("{\"text\": \"a\", \"text\": \"b\"}", "\"text\" given twice");
    expect_error("[1, 2]", "one object");
    expect_error("\"just a string\"", "one object");
    expect_error("{\"text\": \"a\"} {\"text\": \"b\"}", "not a JSON Lines record");
    expect_error("{\"text\": \"unterminated", "not a JSON Lines record");
    expect_error("{\"text\": \"a\"", "not a JSON Lines record");
}

int main(void)
{
    eg_jsonl_rec_init(&R);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    eg_jsonl_rec_free(&R);
    return rc;
}
