/* test_notice.c: deemed receipt, notice periods and repayment dates; the 16:30 rule for hand
 * and email; deadlines rolled to working days; pay-by after reconsider-by.
 *
 * The first five rows are the worked examples published in statutory.md section 3.4 (first-class
 * post). The others were worked by hand from the holiday table (statutory.md 3.6); the working is
 * in the comment above each row. Working days skip Saturdays, Sundays and holidays; the day of
 * receipt is never counted; the effective date is the calendar day after the last day. */
#include "check.h"
#include "docs/notice.h"

#include <stdlib.h>

typedef struct row {
    const char *issued;
    service_method method;
    int n;
    day_unit unit;
    const char *receipt, *last_day, *effective;
} row;

#define FIRST SERVE_FIRST_CLASS
#define SECOND SERVE_SECOND_CLASS
#define HAND SERVE_HAND
#define EMAIL SERVE_EMAIL
#define CAL DAYS_CALENDAR
#define WORK DAYS_WORKING

static const row rows[] = {
    /* statutory.md 3.4, published */
    {"2022-04-14", FIRST, 28, CAL, "2022-04-20", "2022-05-18", "2022-05-19"},
    {"2022-04-14", FIRST, 28, WORK, "2022-04-20", "2022-05-31", "2022-06-01"},
    {"2022-09-15", FIRST, 28, CAL, "2022-09-20", "2022-10-18", "2022-10-19"},
    {"2022-09-15", FIRST, 28, WORK, "2022-09-20", "2022-10-28", "2022-10-29"},
    {"2022-12-21", FIRST, 28, CAL, "2022-12-23", "2023-01-20", "2023-01-21"},
    {"2022-12-21", FIRST, 28, WORK, "2022-12-23", "2023-02-06", "2023-02-07"},
    {"2025-12-19", FIRST, 28, CAL, "2025-12-23", "2026-01-20", "2026-01-21"},
    {"2025-12-19", FIRST, 28, WORK, "2025-12-23", "2026-02-04", "2026-02-05"},
    {"2026-04-01", FIRST, 28, CAL, "2026-04-07", "2026-05-05", "2026-05-06"},
    {"2026-04-01", FIRST, 28, WORK, "2026-04-07", "2026-05-18", "2026-05-19"},

    /* A. Second class, Thu 14 Apr 2022 (Easter). Receipt: Fri 15 GF, Mon 18 EM; Tue 19 (1),
     * Wed 20 (2), Thu 21 (3), Fri 22 (4). Calendar: 22 Apr + 28 = 20 May. Working from 22 Apr:
     * 25-29 Apr (5), 2 May holiday, 3-6 May (9), 9-13 (14), 16-20 (19), 23-27 (24), Mon 30 May
     * (25: not a holiday in 2022, moved to 2 June), 31 May (26), 1 Jun (27), 2-3 Jun holidays,
     * Mon 6 Jun (28). */
    {"2022-04-14", SECOND, 28, CAL, "2022-04-22", "2022-05-20", "2022-05-21"},
    {"2022-04-14", SECOND, 28, WORK, "2022-04-22", "2022-06-06", "2022-06-07"},

    /* B. Email, Fri 27 May 2022: a working day, so received that day. Working: Mon 30 May (1),
     * 31 (2), 1 Jun (3), 2-3 Jun holidays, Mon 6 (4), Tue 7 (5). Calendar: 27 May + 5 = 1 Jun. */
    {"2022-05-27", EMAIL, 5, WORK, "2022-05-27", "2022-06-07", "2022-06-08"},
    {"2022-05-27", EMAIL, 5, CAL, "2022-05-27", "2022-06-01", "2022-06-02"},

    /* C. By hand, Sat 24 Dec 2022: not a working day; Sun 25, Mon 26 Boxing, Tue 27 Christmas
     * (sub), so received Wed 28. Calendar: 28 Dec + 28 = 25 Jan 2023. Working: 29, 30 Dec (2),
     * Mon 2 Jan holiday (sub), 3-6 Jan (6), 9-13 (11), 16-20 (16), 23-27 (21), 30 Jan-3 Feb (26),
     * Mon 6 Feb (27), Tue 7 Feb (28). */
    {"2022-12-24", HAND, 28, CAL, "2022-12-28", "2023-01-25", "2023-01-26"},
    {"2022-12-24", HAND, 28, WORK, "2022-12-28", "2023-02-07", "2023-02-08"},

    /* D. Email on Good Friday, 3 Apr 2026: Sat, Sun, Mon 6 Easter Monday -> Tue 7. From there
     * the same as the published 1 Apr 2026 example. */
    {"2026-04-03", EMAIL, 28, CAL, "2026-04-07", "2026-05-05", "2026-05-06"},
    {"2026-04-03", EMAIL, 28, WORK, "2026-04-07", "2026-05-18", "2026-05-19"},

    /* E. Second class, Wed 14 Sep 2022: Thu 15 (1), Fri 16 (2), Mon 19 funeral, Tue 20 (3),
     * Wed 21 (4). Calendar: 21 Sep + 28 = 19 Oct. Working: 22-23 Sep (2), 26-30 (7), 3-7 Oct
     * (12), 10-14 (17), 17-21 (22), 24-28 (27), Mon 31 Oct (28). */
    {"2022-09-14", SECOND, 28, CAL, "2022-09-21", "2022-10-19", "2022-10-20"},
    {"2022-09-14", SECOND, 28, WORK, "2022-09-21", "2022-10-31", "2022-11-01"},

    /* F. First class, Wed 1 Jun 2022: Thu 2 and Fri 3 holidays, Mon 6 (1), Tue 7 (2).
     * Calendar: 7 Jun + 28 = 5 Jul. Working: 8-10 Jun (3), 13-17 (8), 20-24 (13), 27 Jun-1 Jul
     * (18), 4-8 Jul (23), 11-15 (28): Fri 15 Jul, effective Sat 16 Jul. */
    {"2022-06-01", FIRST, 28, CAL, "2022-06-07", "2022-07-05", "2022-07-06"},
    {"2022-06-01", FIRST, 28, WORK, "2022-06-07", "2022-07-15", "2022-07-16"},

    /* G. Second class, Tue 22 Dec 2026: Wed 23 (1), Thu 24 (2), Fri 25 Christmas, Mon 28
     * Boxing Day (sub), Tue 29 (3), Wed 30 (4). Calendar: 30 Dec + 28 = 27 Jan 2027. Working:
     * Thu 31 Dec (1), Fri 1 Jan holiday, 4-8 Jan (6), 11-15 (11), 18-22 (16), 25-29 (21),
     * 1-5 Feb (26), Mon 8 (27), Tue 9 Feb (28). */
    {"2026-12-22", SECOND, 28, CAL, "2026-12-30", "2027-01-27", "2027-01-28"},
    {"2026-12-22", SECOND, 28, WORK, "2026-12-30", "2027-02-09", "2027-02-10"},

    /* H. By hand, Mon 23 Nov 2026 (a working day): received that day. Calendar: 23 Nov + 28 =
     * 21 Dec. Working: 24-27 Nov (4), 30 Nov-4 Dec (9), 7-11 (14), 14-18 (19), 21-24 (23),
     * Fri 25 Christmas, Mon 28 (sub), 29-31 Dec (26), Fri 1 Jan holiday, Mon 4 Jan (27),
     * Tue 5 Jan 2027 (28). */
    {"2026-11-23", HAND, 28, CAL, "2026-11-23", "2026-12-21", "2026-12-22"},
    {"2026-11-23", HAND, 28, WORK, "2026-11-23", "2027-01-05", "2027-01-06"},

    /* I. n = 0: the last day is the day of receipt, effective the next day. */
    {"2022-04-14", FIRST, 0, WORK, "2022-04-20", "2022-04-20", "2022-04-21"},
    {"2022-04-14", FIRST, 0, CAL, "2022-04-20", "2022-04-20", "2022-04-21"},

    /* J. Email, Fri 5 May 2023 (coronation weekend): received that day. Working: Mon 8 holiday,
     * 9-12 May (4), 15-19 (9), Mon 22 (10). Calendar: 5 May + 10 = 15 May. */
    {"2023-05-05", EMAIL, 10, WORK, "2023-05-05", "2023-05-22", "2023-05-23"},
    {"2023-05-05", EMAIL, 10, CAL, "2023-05-05", "2023-05-15", "2023-05-16"},

    /* K. Email, Sun 4 Jan 2026: next working day Mon 5. 28 working: 6-9 Jan (4), 12-16 (9),
     * 19-23 (14), 26-30 (19), 2-6 Feb (24), 9-12 Feb (28): Thu 12 Feb. */
    {"2026-01-04", EMAIL, 28, WORK, "2026-01-05", "2026-02-12", "2026-02-13"},
};

typedef struct due_row {
    const char *issued;
    service_method method;
    int n;
    day_unit unit;
    const char *due;
} due_row;

static const due_row due_rows[] = {
    /* First class, Fri 19 Dec 2025: receipt Tue 23 Dec. 14 calendar days: 23 + 14 = 6 Jan 2026.
     * 10 working days: Wed 24 (1), 25-26 holidays, 29-31 Dec (4), Thu 1 Jan holiday, Fri 2 (5),
     * 5-9 Jan (10): Fri 9 Jan. */
    {"2025-12-19", FIRST, 14, CAL, "2026-01-06"},
    {"2025-12-19", FIRST, 10, WORK, "2026-01-09"},
    /* Second class, Thu 14 Apr 2022: receipt Fri 22 Apr (row A). 14 calendar: 6 May.
     * 10 working: 25-29 Apr (5), Mon 2 May holiday, 3-6 May (9), Mon 9 May (10). */
    {"2022-04-14", SECOND, 14, CAL, "2022-05-06"},
    {"2022-04-14", SECOND, 10, WORK, "2022-05-09"},
    /* Email, Sat 4 Jun 2022 (Jubilee weekend): received Mon 6 Jun. 28 calendar: 4 Jul.
     * 1 working day: Tue 7 Jun. */
    {"2022-06-04", EMAIL, 28, CAL, "2022-07-04"},
    {"2022-06-04", EMAIL, 1, WORK, "2022-06-07"},
    /* By hand, Fri 16 Sep 2022: received that day; 1 working day: Mon 19 funeral -> Tue 20. */
    {"2022-09-16", HAND, 1, WORK, "2022-09-20"},
};

static pb_date D(const char *iso)
{
    pb_date d = {0, 0, 0};
    if (date_parse(iso, &d)) {
        printf("bad literal in test: %s\n", iso);
        exit(2);
    }
    return d;
}

static void check_date(pb_date got, const char *want, const char *what, int i)
{
    char buf[16];
    date_format_iso(got, buf, sizeof buf);
    CHECK(date_cmp(got, D(want)) == 0, "row %d: %s = %s, want %s", i, what, buf, want);
}

int main(void)
{
    diag_list errs = {0};
    calendar *cal = calendar_load("templates/calendar/england-and-wales.txt", &errs);
    diag_print_all(&errs, stdout);
    CHECK(cal != NULL, "holiday file loads");
    if (!cal)
        return check_done("notice");

    for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++) {
        const row *r = &rows[i];
        notice_dates nd = notice_period(cal, D(r->issued), r->method, r->n, r->unit);
        check_date(nd.issued, r->issued, "issued", i);
        check_date(nd.receipt, r->receipt, "receipt", i);
        check_date(deemed_receipt(cal, D(r->issued), r->method), r->receipt, "deemed_receipt", i);
        check_date(nd.last_day, r->last_day, "last day", i);
        check_date(nd.effective, r->effective, "effective", i);
    }
    for (int i = 0; i < (int)(sizeof due_rows / sizeof due_rows[0]); i++) {
        const due_row *r = &due_rows[i];
        check_date(repayment_due(cal, D(r->issued), r->method, r->n, r->unit), r->due, "due", i);
    }

    /* Why the file matters: by the standing rules alone, Mon 30 May 2022 would be a holiday and
     * row B (email, 27 May 2022, 5 working days) would end a day early, on Mon 6 June. */
    calendar *rules = calendar_rules_only();
    notice_dates wrong = notice_period(rules, D("2022-05-27"), EMAIL, 5, DAYS_WORKING);
    check_date(wrong.last_day, "2022-06-06", "rules-only last day", -1);
    calendar_free(rules);

    /* Invariants for every issue date 2015..2030 and every method, 28 days either unit:
     * receipt is a working day, after issue by post, not before issue otherwise; exactly n
     * working days lie in (receipt, last day]; the effective date is the next calendar day. */
    int bad = 0;
    const service_method all[] = {FIRST, SECOND, HAND, EMAIL};
    for (pb_date d = D("2015-01-01"); date_cmp(d, D("2030-11-30")) <= 0; d = date_add(d, 1)) {
        for (int k = 0; k < 4; k++) {
            notice_dates w = notice_period(cal, d, all[k], 28, DAYS_WORKING);
            notice_dates c = notice_period(cal, d, all[k], 28, DAYS_CALENDAR);
            bool ok = calendar_is_working_day(cal, w.receipt) &&
                      (all[k] == HAND || all[k] == EMAIL ? date_cmp(w.receipt, d) >= 0
                                                         : date_cmp(w.receipt, d) > 0) &&
                      calendar_is_working_day(cal, w.last_day) &&
                      date_to_days(w.effective) == date_to_days(w.last_day) + 1 &&
                      date_to_days(c.last_day) == date_to_days(c.receipt) + 28 &&
                      date_cmp(c.receipt, w.receipt) == 0;
            int count = 0;
            for (pb_date x = date_add(w.receipt, 1); date_cmp(x, w.last_day) <= 0; x = date_add(x, 1))
                count += calendar_is_working_day(cal, x);
            ok = ok && count == 28;
            if (!ok && bad++ < 5)
                printf("invariant fails for %04d-%02d-%02d method %d\n", d.y, d.m, d.d, k);
        }
    }
    CHECK(bad == 0, "%d issue dates break an invariant", bad);

    /* The 16:30 rule for hand delivery and email (CPR 6.26: before 4.30pm counts that day). */
    struct { const char *issued; service_method m; int minute; const char *receipt; } at[] = {
        {"2026-11-23", EMAIL, 16 * 60 + 29, "2026-11-23"},  /* Mon, 16:29: that day */
        {"2026-11-23", EMAIL, 16 * 60 + 30, "2026-11-24"},  /* 16:30 exactly: the next day */
        {"2026-11-23", HAND, 9 * 60, "2026-11-23"},
        {"2026-11-23", HAND, 23 * 60 + 59, "2026-11-24"},
        {"2026-11-23", HAND, -1, "2026-11-23"},              /* time unknown: that day */
        /* Thu 24 Dec 2026, 17:00: Fri 25 Christmas, Mon 28 Boxing Day (sub) -> Tue 29. */
        {"2026-12-24", HAND, 17 * 60, "2026-12-29"},
        /* Thu 25 Mar 2027, 17:05: Good Friday 26, Easter Monday 29 -> Tue 30 Mar. */
        {"2027-03-25", EMAIL, 17 * 60 + 5, "2027-03-30"},
        {"2027-03-25", EMAIL, 12 * 60, "2027-03-25"},
        /* Sat 24 Dec 2022 at 10:00: not a working day, whatever the time -> Wed 28 (row C). */
        {"2022-12-24", EMAIL, 10 * 60, "2022-12-28"},
        /* Post does not depend on the time: first class Mon 23 Nov 2026 -> Wed 25. */
        {"2026-11-23", FIRST, 17 * 60, "2026-11-25"},
        {"2026-11-23", SECOND, 20 * 60, "2026-11-27"},
    };
    for (int i = 0; i < (int)(sizeof at / sizeof at[0]); i++) {
        check_date(deemed_receipt_at(cal, D(at[i].issued), at[i].m, at[i].minute), at[i].receipt,
                   "receipt at a time", i);
        notice_dates nd = notice_period_at(cal, D(at[i].issued), at[i].m, at[i].minute, 0, DAYS_WORKING);
        check_date(nd.receipt, at[i].receipt, "notice receipt at a time", i);
    }

    /* Dates the family must act by roll to the next working day. */
    check_date(family_deadline(cal, D("2026-12-25")), "2026-12-29", "Christmas Day", 0);
    check_date(family_deadline(cal, D("2027-05-01")), "2027-05-04", "Sat before the May holiday", 1);
    check_date(family_deadline(cal, D("2027-03-26")), "2027-03-30", "Good Friday", 2);
    check_date(family_deadline(cal, D("2026-11-24")), "2026-11-24", "a working day stays", 3);
    /* Received Fri 27 Nov 2026; 28 calendar days end on Christmas Day -> Tue 29 Dec. */
    check_date(act_by(cal, D("2026-11-27"), 28, DAYS_CALENDAR), "2026-12-29", "act_by", 4);

    /* Repayments: pay-by is a working day after the reconsider-by date. */
    struct {
        const char *issued; service_method m; int minute;
        int rn; day_unit ru; int pn; day_unit pu;
        const char *receipt, *reconsider_by, *pay_by;
    } rp[] = {
        /* Example profile (28 calendar both), first class Wed 25 Nov 2026: receipt Fri 27 Nov;
         * both periods end on Christmas Day -> Tue 29 Dec; pay-by the next working day, Wed 30. */
        {"2026-11-25", FIRST, -1, 28, CAL, 28, CAL, "2026-11-27", "2026-12-29", "2026-12-30"},
        /* B&NES (28 working to reconsider, 28 calendar to repay), first class Wed 23 Dec 2026:
         * receipt Tue 29 Dec; 28 working days: 30-31 Dec (2), 4-8 Jan (7), ... 1-5 Feb (27),
         * Mon 8 Feb (28); repay would end Tue 26 Jan, before that -> Tue 9 Feb 2027. */
        {"2026-12-23", FIRST, -1, 28, WORK, 28, CAL, "2026-12-29", "2027-02-08", "2027-02-09"},
        /* A longer repayment period stands: 14 days to reconsider (Fri 11 Dec), 28 to repay
         * (Christmas Day -> Tue 29 Dec). */
        {"2026-11-25", FIRST, -1, 14, CAL, 28, CAL, "2026-11-27", "2026-12-11", "2026-12-29"},
        /* Email after 16:30 on Thu 25 Mar 2027: received Tue 30 Mar; 28 calendar days: Tue 27 Apr;
         * pay-by Wed 28 Apr. */
        {"2027-03-25", EMAIL, 17 * 60 + 5, 28, CAL, 28, CAL, "2027-03-30", "2027-04-27", "2027-04-28"},
    };
    for (int i = 0; i < (int)(sizeof rp / sizeof rp[0]); i++) {
        repayment_dates d = repayment_deadlines(cal, D(rp[i].issued), rp[i].m, rp[i].minute, rp[i].rn,
                                                rp[i].ru, rp[i].pn, rp[i].pu);
        check_date(d.receipt, rp[i].receipt, "repayment receipt", i);
        check_date(d.reconsider_by, rp[i].reconsider_by, "reconsider by", i);
        check_date(d.pay_by, rp[i].pay_by, "pay by", i);
    }
    /* Invariants, every issue date 2015..2030, every method and several times: both deadlines
     * are working days and pay-by comes after reconsider-by. */
    int bad_rp = 0;
    const int minutes[] = {-1, 9 * 60, 16 * 60 + 30, 22 * 60};
    for (pb_date d = D("2015-01-01"); date_cmp(d, D("2030-11-30")) <= 0; d = date_add(d, 1))
        for (int k = 0; k < 4; k++)
            for (int t = 0; t < 4; t++) {
                repayment_dates x = repayment_deadlines(cal, d, all[k], minutes[t], 28, DAYS_WORKING,
                                                        28, DAYS_CALENDAR);
                bool ok = calendar_is_working_day(cal, x.reconsider_by) &&
                          calendar_is_working_day(cal, x.pay_by) &&
                          date_cmp(x.pay_by, x.reconsider_by) > 0 && date_cmp(x.receipt, d) >= 0;
                if (!ok && bad_rp++ < 5)
                    printf("repayment invariant fails for %04d-%02d-%02d method %d\n", d.y, d.m, d.d, k);
            }
    CHECK(bad_rp == 0, "%d issue dates break a repayment invariant", bad_rp);

    /* names and keywords */
    CHECK_STR(service_method_name(FIRST), "first-class post");
    CHECK_STR(service_method_name(SECOND), "second-class post");
    CHECK_STR(service_method_name(HAND), "hand delivery");
    CHECK_STR(service_method_name(EMAIL), "email");
    service_method m = HAND;
    CHECK(service_method_parse("first-class", &m) == 0 && m == FIRST, "parse first-class");
    CHECK(service_method_parse("second-class", &m) == 0 && m == SECOND, "parse second-class");
    CHECK(service_method_parse("hand", &m) == 0 && m == HAND, "parse hand");
    CHECK(service_method_parse("email", &m) == 0 && m == EMAIL, "parse email");
    m = EMAIL;
    const char *unknown[] = {"", "First-class", "first class", "first-class post", "hand delivery",
                             "e-mail", "post", " email", "email ", "fax"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        CHECK(service_method_parse(unknown[i], &m) == -1 && m == EMAIL, "\"%s\" is unknown", unknown[i]);
    CHECK(service_method_parse(NULL, &m) == -1, "NULL is unknown");

    calendar_free(cal);
    diag_list_clear(&errs);
    return check_done("notice");
}
