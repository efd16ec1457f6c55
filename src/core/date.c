/* date.c: proleptic Gregorian dates as plain integers.
 *
 * Everything is done by counting days, never through mktime/localtime: those depend on TZ and
 * daylight saving, and a notice date must be the same on every machine. The count runs in a
 * "March-first" year (March = month 0, February last), so the leap day is the last day of its
 * year and each month's offset is a fixed table. */
#include "core/date.h"

#include <stdio.h>

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* Days from 1 March to the first of each month, March first. */
static const int32_t march_offsets[12] = {0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337};

/* Division rounding towards minus infinity, so dates before 1970 (or before year 0) work. */
static int32_t floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int32_t floor_mod(int32_t a, int32_t b)
{
    return a - floor_div(a, b) * b;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_exists(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Days from 0000-03-01 to 1 March of March-year my. */
static int32_t march_year_start(int32_t my)
{
    return 365 * my + floor_div(my, 4) - floor_div(my, 100) + floor_div(my, 400);
}

/* 1970-01-01 is day 306 of March-year 1969. */
#define EPOCH_OFFSET (march_year_start(1969) + 306)

int32_t date_to_days(pb_date d)
{
    int32_t my = d.m <= 2 ? d.y - 1 : d.y;
    int32_t mi = d.m <= 2 ? d.m + 9 : d.m - 3;
    return march_year_start(my) + march_offsets[mi] + (d.d - 1) - EPOCH_OFFSET;
}

pb_date date_from_days(int32_t days)
{
    int32_t n = days + EPOCH_OFFSET; /* days since 0000-03-01 */
    /* 146097 days per 400 years: a guess within one year, then corrected exactly. */
    int32_t my = floor_div(n, 146097) * 400 + floor_div(floor_mod(n, 146097) * 400, 146097);
    while (march_year_start(my) > n)
        my--;
    while (march_year_start(my + 1) <= n)
        my++;
    int32_t doy = n - march_year_start(my);
    int mi = 11;
    while (march_offsets[mi] > doy)
        mi--;
    pb_date r;
    r.d = (int)(doy - march_offsets[mi]) + 1;
    r.m = mi < 10 ? mi + 3 : mi - 9;
    r.y = (int)(mi < 10 ? my : my + 1);
    return r;
}

pb_date date_add(pb_date d, int days)
{
    return date_from_days(date_to_days(d) + days);
}

int date_cmp(pb_date a, pb_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

int date_weekday(pb_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    return (int)floor_mod(date_to_days(d) + 3, 7) + 1;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

const char *date_parse(const char *s, pb_date *out)
{
    const char *form = "is not a date in the form YYYY-MM-DD";
    int y, m, d;
    /* Checked character by character: digits() stops at the first non-digit, so a short string
     * fails before anything past its terminator is read. */
    if (!s || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || s[10] != '\0')
        return form;
    if (!date_exists(y, m, d))
        return "is not a date that exists";
    if (y < 1900 || y > 2199)
        return "is not a date between 1900 and 2199";
    *out = (pb_date){y, m, d};
    return NULL;
}

/* snprintf's result as a length, never negative. */
static size_t put(int n)
{
    return n < 0 ? 0 : (size_t)n;
}

size_t date_format_long(pb_date d, char *buf, size_t size)
{
    const char *month = d.m >= 1 && d.m <= 12 ? month_names[d.m - 1] : "?";
    return put(snprintf(buf, size, "%d %s %d", d.d, month, d.y));
}

size_t date_format_weekday(pb_date d, char *buf, size_t size)
{
    const char *month = d.m >= 1 && d.m <= 12 ? month_names[d.m - 1] : "?";
    const char *weekday = weekday_names[date_weekday(d) - 1];
    return put(snprintf(buf, size, "%s %d %s %d", weekday, d.d, month, d.y));
}

size_t date_format_iso(pb_date d, char *buf, size_t size)
{
    return put(snprintf(buf, size, "%04d-%02d-%02d", d.y, d.m, d.d));
}
