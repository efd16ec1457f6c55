/* notice.c: deemed receipt, notice periods and due dates; see notice.h.
 *
 * Every period runs from deemed receipt, never from the letter's date, and the day of receipt
 * itself is not counted (the clear-day principle): a family always gets the full period. */
#include "docs/notice.h"

#include <string.h>

pb_date deemed_receipt(const calendar *cal, pb_date issued, service_method m)
{
    return deemed_receipt_at(cal, issued, m, -1);
}

pb_date deemed_receipt_at(const calendar *cal, pb_date issued, service_method m, int minute)
{
    switch (m) {
    case SERVE_FIRST_CLASS:
        return calendar_add_days(cal, issued, 2, DAYS_WORKING);
    case SERVE_SECOND_CLASS:
        return calendar_add_days(cal, issued, 4, DAYS_WORKING);
    case SERVE_HAND:
    case SERVE_EMAIL:
        break;
    }
    if (calendar_is_working_day(cal, issued) && minute < SERVICE_CUTOFF_MINUTE)
        return issued;
    return calendar_add_days(cal, issued, 1, DAYS_WORKING);
}

notice_dates notice_period(const calendar *cal, pb_date issued, service_method m, int n,
                           day_unit unit)
{
    return notice_period_at(cal, issued, m, -1, n, unit);
}

notice_dates notice_period_at(const calendar *cal, pb_date issued, service_method m, int minute,
                              int n, day_unit unit)
{
    notice_dates nd;
    nd.issued = issued;
    nd.receipt = deemed_receipt_at(cal, issued, m, minute);
    nd.last_day = calendar_add_days(cal, nd.receipt, n, unit);
    nd.effective = date_add(nd.last_day, 1);
    return nd;
}

pb_date repayment_due(const calendar *cal, pb_date issued, service_method m, int n, day_unit unit)
{
    return calendar_add_days(cal, deemed_receipt(cal, issued, m), n, unit);
}

pb_date family_deadline(const calendar *cal, pb_date d)
{
    return calendar_is_working_day(cal, d) ? d : calendar_add_days(cal, d, 1, DAYS_WORKING);
}

pb_date act_by(const calendar *cal, pb_date receipt, int n, day_unit unit)
{
    return family_deadline(cal, calendar_add_days(cal, receipt, n, unit));
}

repayment_dates repayment_deadlines(const calendar *cal, pb_date issued, service_method m,
                                    int minute, int reconsider_n, day_unit reconsider_unit,
                                    int repay_n, day_unit repay_unit)
{
    repayment_dates rd;
    rd.receipt = deemed_receipt_at(cal, issued, m, minute);
    rd.reconsider_by = act_by(cal, rd.receipt, reconsider_n, reconsider_unit);
    rd.pay_by = act_by(cal, rd.receipt, repay_n, repay_unit);
    if (date_cmp(rd.pay_by, rd.reconsider_by) <= 0)
        rd.pay_by = calendar_add_days(cal, rd.reconsider_by, 1, DAYS_WORKING);
    return rd;
}

static const struct {
    service_method method;
    const char *keyword, *name;
} methods[] = {
    {SERVE_FIRST_CLASS, "first-class", "first-class post"},
    {SERVE_SECOND_CLASS, "second-class", "second-class post"},
    {SERVE_HAND, "hand", "hand delivery"},
    {SERVE_EMAIL, "email", "email"},
};

const char *service_method_name(service_method m)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].method == m)
            return methods[i].name;
    return "unknown service method";
}

int service_method_parse(const char *s, service_method *out)
{
    for (size_t i = 0; s && i < sizeof methods / sizeof methods[0]; i++) {
        if (strcmp(s, methods[i].keyword) == 0) {
            *out = methods[i].method;
            return 0;
        }
    }
    return -1;
}
