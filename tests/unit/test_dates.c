/* Document dates and timeline periods, against dates checked on a
 * calendar: ISO weeks at year ends, leap days, spans. */
#include "testing.h"

#include "dates.h"

static void test_parse(void **state)
{
    const struct {
        const char *s;
        uint32_t want;
    } cases[] = {
        {"2024-10-12", 20241012},           {"2024/10/12", 20241012},
        {"20241012", 20241012},             {"2024-10-12T08:00:00Z", 20241012},
        {"2024-10-12 08:00", 20241012},     {"2024-02-29", 20240229},
        {"2023-02-29", 0},                  {"2024-02-30", 0},
        {"2024-13-01", 0},                  {"2024-1-2", 0},
        {"12 Oct 2024", 0},                 {"2024-10-12x", 0},
        {"", 0},                            {"1900-02-29", 0},
        {"2000-02-29", 20000229},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t got = eg_date_parse(cases[i].s, strlen(cases[i].s));
        if (got != cases[i].want)
            fail_msg("'%s': %u, want %u", cases[i].s, got, cases[i].want);
    }
}

static void test_periods(void **state)
{
    char buf[32];
    const struct {
        eg_period p;
        uint32_t date;
        const char *label, *first, *last;
    } cases[] = {
        /* 2024-01-01 is a Monday: week 1 */
        {EG_PERIOD_WEEK, 20240101, "2024-W01", "2024-01-01", "2024-01-07"},
        /* 2021-01-03, a Sunday, belongs to 2020's week 53 */
        {EG_PERIOD_WEEK, 20210103, "2020-W53", "2020-12-28", "2021-01-03"},
        {EG_PERIOD_WEEK, 20210104, "2021-W01", "2021-01-04", "2021-01-10"},
        /* 2019-12-30, a Monday, starts 2020's week 1 */
        {EG_PERIOD_WEEK, 20191230, "2020-W01", "2019-12-30", "2020-01-05"},
        {EG_PERIOD_WEEK, 20261201, "2026-W49", "2026-11-30", "2026-12-06"},
        {EG_PERIOD_MONTH, 20240215, "2024-02", "2024-02-01", "2024-02-29"},
        {EG_PERIOD_MONTH, 20231231, "2023-12", "2023-12-01", "2023-12-31"},
        {EG_PERIOD_YEAR, 20240215, "2024", "2024-01-01", "2024-12-31"},
        {EG_PERIOD_DAY, 20240215, "2024-02-15", "2024-02-15", "2024-02-15"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t per = eg_period_of(cases[i].p, cases[i].date), first, last;
        eg_period_label(cases[i].p, per, buf, sizeof buf);
        if (strcmp(buf, cases[i].label) != 0)
            fail_msg("%u: %s, want %s", cases[i].date, buf, cases[i].label);
        eg_period_span(cases[i].p, per, &first, &last);
        eg_date_format(first, buf, sizeof buf);
        assert_string_equal(buf, cases[i].first);
        eg_date_format(last, buf, sizeof buf);
        assert_string_equal(buf, cases[i].last);
    }
    assert_int_equal(eg_date_next(20240228), 20240229);
    assert_int_equal(eg_date_next(20240229), 20240301);
    assert_int_equal(eg_date_next(20231231), 20240101);
    eg_period p;
    assert_int_equal(eg_period_parse("week", &p), 0);
    assert_int_equal(p, EG_PERIOD_WEEK);
    assert_int_equal(eg_period_parse("weeks", &p), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_periods),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
