/* calendar.h: working days in England and Wales.
 * A working day is Monday to Friday and not a bank or public holiday (including Good Friday and
 * Christmas Day). Holidays are data: templates/calendar/england-and-wales.txt lists every one
 * proclaimed or projected, one per line; for a year the file does not cover, the standing rules
 * (Easter computed, substitute days) are applied. */
#ifndef PBDOCS_CALENDAR_H
#define PBDOCS_CALENDAR_H
#include <stdbool.h>
#include "core/date.h"
#include "core/diag.h"

typedef enum { DAYS_CALENDAR, DAYS_WORKING } day_unit;

typedef struct calendar calendar;

/* Loads the holiday file. Each non-blank line not starting with '#' is "YYYY-MM-DD Name...".
 * A year that appears in the file is taken from the file alone. Problems go to errs with
 * file:line; returns NULL when the file cannot be read or has errors. */
calendar *calendar_load(const char *path, diag_list *errs);
/* A calendar with no file: the standing rules for every year (used by tests and as a fallback). */
calendar *calendar_rules_only(void);
void calendar_free(calendar *cal);

/* Easter Sunday of year y (Meeus/Jones/Butcher). */
pb_date easter_sunday(int y);
/* The holidays of year y by the standing rules alone, sorted; returns the count (<= 16). */
int holidays_by_rule(int y, pb_date out[16]);

bool calendar_is_holiday(const calendar *cal, pb_date d);
bool calendar_is_working_day(const calendar *cal, pb_date d);

/* n >= 0 days after d. Calendar: d + n. Working: step forward from the day after d counting only
 * working days until n are counted (n = 0 gives d). */
pb_date calendar_add_days(const calendar *cal, pb_date d, int n, day_unit unit);
#endif
