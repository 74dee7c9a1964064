/*
 * dates.c - parse document dates and map them to timeline periods.
 *
 * Weeks are ISO 8601 weeks (Monday first; week 1 holds the year's first
 * Thursday), so "2024-W01" starts on 2024-01-01 and "2021-W01" on
 * 2021-01-04. Day arithmetic goes through days since 1970-01-01 in the
 * proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
 */
#include <stdio.h>
#include <string.h>

#include "dates.h"

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

uint32_t eg_date_make(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return 0;
    return (uint32_t)(y * 10000 + m * 100 + d);
}

static int digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

uint32_t eg_date_parse(const char *s, size_t len)
{
    int y, m, d;
    if (len >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] && !digits(s, 4, &y) &&
        !digits(s + 5, 2, &m) && !digits(s + 8, 2, &d) &&
        (len == 10 || s[10] == 'T' || s[10] == ' ' || s[10] == 't'))
        return eg_date_make(y, m, d);
    if (len == 8 && !digits(s, 4, &y) && !digits(s + 4, 2, &m) && !digits(s + 6, 2, &d))
        return eg_date_make(y, m, d);
    return 0;
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static uint32_t civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return (uint32_t)((y + (m <= 2)) * 10000 + m * 100 + d);
}

static long days_of(uint32_t date)
{
    return days_from_civil((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100));
}

/* Monday of ISO week 1 of year y */
static long week1_monday(int y)
{
    long jan4 = days_from_civil(y, 1, 4);
    long wd = ((jan4 + 3) % 7 + 7) % 7; /* 0 = Monday; 1970-01-01 was a Thursday */
    return jan4 - wd;
}

static const char *const names[] = {"day", "week", "month", "year"};

int eg_period_parse(const char *s, eg_period *p)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *p = (eg_period)i;
            return 0;
        }
    return -1;
}

const char *eg_period_name(eg_period p)
{
    return (unsigned)p < 4 ? names[p] : "?";
}

uint32_t eg_period_of(eg_period p, uint32_t date)
{
    int y = (int)(date / 10000);
    switch (p) {
    case EG_PERIOD_DAY: return date;
    case EG_PERIOD_MONTH: return date / 100;
    case EG_PERIOD_YEAR: return (uint32_t)y;
    case EG_PERIOD_WEEK: {
        long day = days_of(date);
        int wy = y;
        if (day < week1_monday(y))
            wy = y - 1;
        else if (day >= week1_monday(y + 1))
            wy = y + 1;
        return (uint32_t)(wy * 100 + (day - week1_monday(wy)) / 7 + 1);
    }
    }
    return 0;
}

void eg_period_label(eg_period p, uint32_t period, char *buf, size_t n)
{
    switch (p) {
    case EG_PERIOD_DAY: eg_date_format(period, buf, n); return;
    case EG_PERIOD_WEEK: snprintf(buf, n, "%04u-W%02u", period / 100, period % 100); return;
    case EG_PERIOD_MONTH: snprintf(buf, n, "%04u-%02u", period / 100, period % 100); return;
    case EG_PERIOD_YEAR: snprintf(buf, n, "%04u", period); return;
    }
}

void eg_period_span(eg_period p, uint32_t period, uint32_t *first, uint32_t *last)
{
    int y, m;
    switch (p) {
    case EG_PERIOD_DAY: *first = *last = period; return;
    case EG_PERIOD_MONTH:
        y = (int)(period / 100), m = (int)(period % 100);
        *first = eg_date_make(y, m, 1);
        *last = eg_date_make(y, m, month_days(y, m));
        return;
    case EG_PERIOD_YEAR:
        *first = eg_date_make((int)period, 1, 1);
        *last = eg_date_make((int)period, 12, 31);
        return;
    case EG_PERIOD_WEEK: {
        long monday = week1_monday((int)(period / 100)) + 7 * (long)(period % 100 - 1);
        *first = civil_from_days(monday);
        *last = civil_from_days(monday + 6);
        return;
    }
    }
}

uint32_t eg_date_next(uint32_t date)
{
    return civil_from_days(days_of(date) + 1);
}

void eg_date_format(uint32_t date, char *buf, size_t n)
{
    snprintf(buf, n, "%04u-%02u-%02u", date / 10000, date / 100 % 100, date % 100);
}
