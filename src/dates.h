/*
 * dates.h - document dates and the periods of a timeline (dates.c).
 *
 * A date is a day, held as the integer YYYYMMDD (0: no date), so dates
 * compare as integers and print as themselves.
 */
#ifndef EG_DATES_H
#define EG_DATES_H

#include <stddef.h>
#include <stdint.h>

typedef enum { EG_PERIOD_DAY, EG_PERIOD_WEEK, EG_PERIOD_MONTH, EG_PERIOD_YEAR } eg_period;

/* Reads an ISO 8601 date at the start of s: YYYY-MM-DD (a time may
 * follow: 2024-10-12T08:00:00Z), YYYY/MM/DD or YYYYMMDD. Returns the
 * date, or 0 when s holds none or an impossible one (2024-02-30). */
uint32_t eg_date_parse(const char *s, size_t len);
/* The date of year y, month m, day d, or 0 when impossible. */
uint32_t eg_date_make(int y, int m, int d);

/* "day", "week", "month", "year": 0 and *p set, or -1. */
int eg_period_parse(const char *s, eg_period *p);
const char *eg_period_name(eg_period p);
/* The period holding date (a number that orders periods), its label
 * ("2024-10-12", "2024-W41" for ISO weeks, "2024-10", "2024") and its
 * first and last days. */
uint32_t eg_period_of(eg_period p, uint32_t date);
void eg_period_label(eg_period p, uint32_t period, char *buf, size_t n);
void eg_period_span(eg_period p, uint32_t period, uint32_t *first, uint32_t *last);
/* The day after date. */
uint32_t eg_date_next(uint32_t date);
/* "2024-10-12" for date 20241012. */
void eg_date_format(uint32_t date, char *buf, size_t n);

#endif
