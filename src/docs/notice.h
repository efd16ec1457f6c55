/* notice.h: the dates a notice turns on: when a letter is treated as received, when the notice
 * period ends, when a change takes effect, when a repayment is due (statutory.md section 3.3).
 * Letters print these dates; nothing else computes them. */
#ifndef PBDOCS_NOTICE_H
#define PBDOCS_NOTICE_H
#include "core/calendar.h"
#include "core/date.h"

typedef enum { SERVE_FIRST_CLASS, SERVE_SECOND_CLASS, SERVE_HAND, SERVE_EMAIL } service_method;

/* Deemed receipt (the 1985 Practice Direction, working days): first class = the 2nd working day
 * after issue; second class = the 4th working day after; hand/email = the same day (the issue
 * date; if it is not a working day, the next working day). */
pb_date deemed_receipt(const calendar *cal, pb_date issued, service_method m);

typedef struct notice_dates {
    pb_date issued, receipt, last_day, effective;
} notice_dates;

/* last day = receipt + N (working days counted from the day after receipt, or calendar days);
 * effective = the day after the last day (a calendar day, which may be a weekend or holiday). */
notice_dates notice_period(const calendar *cal, pb_date issued, service_method m, int n,
                           day_unit unit);

/* repayment due date = deemed receipt + N days in the given unit. */
pb_date repayment_due(const calendar *cal, pb_date issued, service_method m, int n, day_unit unit);

/* "first-class post", "second-class post", "hand delivery", "email". */
const char *service_method_name(service_method m);
/* "first-class", "second-class", "hand", "email" (exactly); 0 ok, -1 unknown. */
int service_method_parse(const char *s, service_method *out);
#endif
