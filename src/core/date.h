/* date.h: calendar dates (proleptic Gregorian), parsed from ISO, formatted for letters. */
#ifndef PBDOCS_DATE_H
#define PBDOCS_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pb_date {
    int y, m, d;
} pb_date;

/* Parses exactly "YYYY-MM-DD" (years 1900..2199). Returns NULL on success, else a static message:
 * "is not a date in the form YYYY-MM-DD" or "is not a date that exists" (2026-02-30). */
const char *date_parse(const char *s, pb_date *out);
bool date_exists(int y, int m, int d);

/* Days since 1970-01-01 and back; the arithmetic everything else uses. */
int32_t date_to_days(pb_date d);
pb_date date_from_days(int32_t days);
pb_date date_add(pb_date d, int days);
int date_cmp(pb_date a, pb_date b);  /* <0, 0, >0 */

/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int date_weekday(pb_date d);

/* "23 November 2026" */
size_t date_format_long(pb_date d, char *buf, size_t size);
/* "Monday 23 November 2026" */
size_t date_format_weekday(pb_date d, char *buf, size_t size);
/* "2026-11-23" */
size_t date_format_iso(pb_date d, char *buf, size_t size);
#endif
