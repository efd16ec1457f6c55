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
 * date; if it is not a working day, the next working day). The time is not known here: see
 * deemed_receipt_at. */
pb_date deemed_receipt(const calendar *cal, pb_date issued, service_method m);

typedef struct notice_dates {
    pb_date issued, receipt, last_day, effective;
} notice_dates;

/* last day = receipt + N (working days counted from the day after receipt, or calendar days);
 * effective = the day after the last day (a calendar day, which may be a weekend or holiday). */
notice_dates notice_period(const calendar *cal, pb_date issued, service_method m, int n,
                           day_unit unit);

/* repayment due date = deemed receipt + N days in the given unit (not rolled: see
 * repayment_deadlines for the date a letter prints). */
pb_date repayment_due(const calendar *cal, pb_date issued, service_method m, int n, day_unit unit);

/* Hand delivery and email sent at or after 16:30 (CPR 6.26: "before 4.30pm" counts that day)
 * count as sent on the next working day. */
#define SERVICE_CUTOFF_MINUTE (16 * 60 + 30)

/* As deemed_receipt, knowing the time sent (minutes after midnight, or -1 when not known): by
 * hand or email at or after 16:30, the next working day. Post does not depend on the time. */
pb_date deemed_receipt_at(const calendar *cal, pb_date issued, service_method m, int minute);
notice_dates notice_period_at(const calendar *cal, pb_date issued, service_method m, int minute,
                              int n, day_unit unit);

/* A date the family must act by (review-by, reconsider-by, pay-by) is a working day: d itself
 * when it is one, else the next working day (statutory.md 3.3 step 9). */
pb_date family_deadline(const calendar *cal, pb_date d);
/* The last day to ask for a review or reconsideration: receipt + n, rolled to a working day. */
pb_date act_by(const calendar *cal, pb_date receipt, int n, day_unit unit);

/* A repayment's dates. reconsider_by = act_by(receipt, reconsideration period); pay_by =
 * act_by(receipt, repayment period), but never on or before reconsider_by: then it is the first
 * working day after reconsider_by, so nothing is due while a reconsideration may still be asked
 * for (statutory.md 1.11, 3.3 step 10). */
typedef struct repayment_dates {
    pb_date receipt, reconsider_by, pay_by;
} repayment_dates;
repayment_dates repayment_deadlines(const calendar *cal, pb_date issued, service_method m,
                                    int minute, int reconsider_n, day_unit reconsider_unit,
                                    int repay_n, day_unit repay_unit);

/* "first-class post", "second-class post", "hand delivery", "email". */
const char *service_method_name(service_method m);
/* "first-class", "second-class", "hand", "email" (exactly); 0 ok, -1 unknown. */
int service_method_parse(const char *s, service_method *out);
#endif
