/* test_date.c: ISO parsing with real existence checks, day counting, weekdays, letter formats.
 * Anchors (day numbers, weekdays) were taken from published calendars, not from date.c. */
#include "check.h"
#include "core/date.h"

static void parses(const char *s, int y, int m, int d)
{
    pb_date got = {0, 0, 0};
    const char *err = date_parse(s, &got);
    CHECK(err == NULL && got.y == y && got.m == m && got.d == d, "date_parse(\"%s\"): %s %d-%d-%d", s,
          err ? err : "ok", got.y, got.m, got.d);
}

static void rejects(const char *s, const char *want)
{
    pb_date got = {7, 7, 7};
    const char *err = date_parse(s, &got);
    CHECK(err != NULL, "date_parse(\"%s\") should fail", s ? s : "(null)");
    CHECK(got.y == 7 && got.m == 7 && got.d == 7, "date_parse(\"%s\") wrote output on failure", s ? s : "(null)");
    if (err)
        CHECK_STR(err, want);
}

static void anchor(int y, int m, int d, int32_t days, int weekday)
{
    pb_date dt = {y, m, d};
    CHECK(date_to_days(dt) == days, "date_to_days(%04d-%02d-%02d) = %d, want %d", y, m, d,
          (int)date_to_days(dt), (int)days);
    pb_date back = date_from_days(days);
    CHECK(date_cmp(back, dt) == 0, "date_from_days(%d) = %d-%d-%d", (int)days, back.y, back.m, back.d);
    CHECK(date_weekday(dt) == weekday, "weekday of %04d-%02d-%02d = %d, want %d", y, m, d,
          date_weekday(dt), weekday);
}

int main(void)
{
    const char *form = "is not a date in the form YYYY-MM-DD";
    const char *exists = "is not a date that exists";
    const char *range = "is not a date between 1900 and 2199";

    parses("2026-11-23", 2026, 11, 23);
    parses("1900-01-01", 1900, 1, 1);
    parses("2199-12-31", 2199, 12, 31);
    parses("2024-02-29", 2024, 2, 29); /* divisible by 4 */
    parses("2000-02-29", 2000, 2, 29); /* divisible by 400 */
    parses("2026-12-31", 2026, 12, 31);
    parses("2026-04-30", 2026, 4, 30);

    rejects("1900-02-29", exists); /* divisible by 100, not 400 */
    rejects("2100-02-29", exists);
    rejects("2023-02-29", exists);
    rejects("2024-02-30", exists);
    rejects("2026-02-30", exists);
    rejects("2026-04-31", exists);
    rejects("2026-06-31", exists);
    rejects("2026-09-31", exists);
    rejects("2026-11-31", exists);
    rejects("2026-13-01", exists);
    rejects("2026-00-10", exists);
    rejects("2026-01-00", exists);
    rejects("2026-01-32", exists);
    rejects("1899-12-31", range);
    rejects("2200-01-01", range);
    rejects("0000-01-01", range);

    rejects("", form);
    rejects(NULL, form);
    rejects("2026-1-23", form);
    rejects("2026-11-3", form);
    rejects("26-11-23", form);
    rejects("2026/11/23", form);
    rejects("2026-11-23 ", form);
    rejects(" 2026-11-23", form);
    rejects("2026-11-23T00:00", form);
    rejects("2026-11-2x", form);
    rejects("+026-11-23", form);
    rejects("2026-+1-23", form);
    rejects("20261123", form);
    rejects("23/11/2026", form);
    rejects("2026-11", form);
    rejects("2026", form);
    rejects("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA6-11-23", form); /* Arabic-Indic digits */

    CHECK(date_exists(2024, 2, 29) && !date_exists(2025, 2, 29), "date_exists leap years");
    CHECK(date_exists(1600, 2, 29) && !date_exists(1700, 2, 29), "date_exists century years");

    /* anchors: day numbers from the Unix epoch; weekdays 1 = Monday */
    anchor(1970, 1, 1, 0, 4);
    anchor(1969, 12, 31, -1, 3);
    anchor(1900, 1, 1, -25567, 1);
    anchor(2000, 1, 1, 10957, 6);
    anchor(2024, 2, 29, 19782, 4);
    anchor(2100, 3, 1, 47541, 1);
    anchor(2199, 12, 31, 84005, 2);
    anchor(2026, 11, 23, 20780, 1);

    /* Every day 1900..2199: walking forward one day at a time with the plainest possible
     * rule (next day exists? else first of next month / next year) must agree with the day
     * count, the inverse and the weekday cycle. */
    pb_date walk = {1900, 1, 1};
    int32_t n = date_to_days(walk);
    int wd = date_weekday(walk);
    int bad = 0, count = 0;
    while (walk.y < 2200) {
        if (date_to_days(walk) != n || date_cmp(date_from_days(n), walk) != 0 || date_weekday(walk) != wd) {
            if (bad++ < 5)
                printf("walk disagrees at %04d-%02d-%02d (n=%d)\n", walk.y, walk.m, walk.d, (int)n);
        }
        if (date_exists(walk.y, walk.m, walk.d + 1))
            walk.d++;
        else if (walk.m < 12)
            walk.m++, walk.d = 1;
        else
            walk.y++, walk.m = 1, walk.d = 1;
        n++;
        wd = wd % 7 + 1;
        count++;
    }
    CHECK(bad == 0, "%d days of 1900..2199 disagree", bad);
    CHECK(count == 109573, "1900..2199 has %d days, want 109573", count); /* 300*365 + 73 leap days */

    /* date_add and date_cmp */
    pb_date d = {2024, 2, 28};
    pb_date e = date_add(d, 1);
    CHECK(e.y == 2024 && e.m == 2 && e.d == 29, "2024-02-28 + 1");
    e = date_add(d, 2);
    CHECK(e.y == 2024 && e.m == 3 && e.d == 1, "2024-02-28 + 2");
    e = date_add((pb_date){2026, 12, 31}, 1);
    CHECK(e.y == 2027 && e.m == 1 && e.d == 1, "year end");
    e = date_add((pb_date){2027, 1, 1}, -1);
    CHECK(e.y == 2026 && e.m == 12 && e.d == 31, "minus one");
    e = date_add((pb_date){2022, 4, 20}, 28);
    CHECK(e.y == 2022 && e.m == 5 && e.d == 18, "20 Apr 2022 + 28 = 18 May");
    e = date_add((pb_date){2025, 12, 23}, 28);
    CHECK(e.y == 2026 && e.m == 1 && e.d == 20, "23 Dec 2025 + 28 = 20 Jan 2026");
    e = date_add((pb_date){2026, 1, 1}, 365);
    CHECK(e.y == 2027 && e.m == 1 && e.d == 1, "+365");
    CHECK(date_cmp((pb_date){2026, 1, 1}, (pb_date){2025, 12, 31}) > 0, "cmp year");
    CHECK(date_cmp((pb_date){2026, 1, 31}, (pb_date){2026, 2, 1}) < 0, "cmp month");
    CHECK(date_cmp((pb_date){2026, 2, 1}, (pb_date){2026, 2, 2}) < 0, "cmp day");
    CHECK(date_cmp((pb_date){2026, 2, 1}, (pb_date){2026, 2, 1}) == 0, "cmp equal");

    /* letter formats */
    char buf[64];
    size_t len = date_format_long((pb_date){2026, 11, 23}, buf, sizeof buf);
    CHECK_STR(buf, "23 November 2026");
    CHECK(len == 16, "long length %zu", len);
    date_format_long((pb_date){2026, 1, 1}, buf, sizeof buf);
    CHECK_STR(buf, "1 January 2026");
    date_format_long((pb_date){2027, 9, 9}, buf, sizeof buf);
    CHECK_STR(buf, "9 September 2027");
    len = date_format_weekday((pb_date){2026, 11, 23}, buf, sizeof buf);
    CHECK_STR(buf, "Monday 23 November 2026");
    CHECK(len == 23, "weekday length %zu", len);
    date_format_weekday((pb_date){2022, 5, 19}, buf, sizeof buf);
    CHECK_STR(buf, "Thursday 19 May 2022");
    date_format_weekday((pb_date){2022, 10, 29}, buf, sizeof buf);
    CHECK_STR(buf, "Saturday 29 October 2022");
    date_format_weekday((pb_date){2023, 1, 1}, buf, sizeof buf);
    CHECK_STR(buf, "Sunday 1 January 2023");
    date_format_weekday((pb_date){2026, 2, 4}, buf, sizeof buf);
    CHECK_STR(buf, "Wednesday 4 February 2026");
    date_format_weekday((pb_date){2026, 4, 7}, buf, sizeof buf);
    CHECK_STR(buf, "Tuesday 7 April 2026");
    date_format_weekday((pb_date){2026, 4, 3}, buf, sizeof buf);
    CHECK_STR(buf, "Friday 3 April 2026");
    len = date_format_iso((pb_date){2026, 3, 5}, buf, sizeof buf);
    CHECK_STR(buf, "2026-03-05");
    CHECK(len == 10, "iso length %zu", len);
    char small[8];
    len = date_format_long((pb_date){2026, 11, 23}, small, sizeof small);
    CHECK_STR(small, "23 Nove");
    CHECK(len == 16, "truncated long returns full length %zu", len);

    /* every month name */
    const char *months[] = {"January", "February", "March", "April", "May", "June", "July",
                            "August", "September", "October", "November", "December"};
    for (int m = 1; m <= 12; m++) {
        char want[64];
        snprintf(want, sizeof want, "15 %s 2030", months[m - 1]);
        date_format_long((pb_date){2030, m, 15}, buf, sizeof buf);
        CHECK_STR(buf, want);
    }
    return check_done("date");
}
