/* calendar.c: which days are working days in England and Wales.
 *
 * Two sources, never mixed within a year: the holiday file (what was actually proclaimed,
 * including one-off days such as the 2022 State Funeral) and the standing rules (for years the
 * file does not list). Mixing would be wrong both ways: the rules would bring back the 2022
 * spring holiday on 30 May that was moved to 2 June. Hence a year in the file is taken from the
 * file alone, and the loader refuses a year listed with too few days to be complete. */
#include "core/calendar.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FIRST_YEAR 1900 /* the years date_parse accepts */
#define LAST_YEAR 2199
/* Every year has at least these 8; a file year with fewer is surely incomplete. */
#define MIN_HOLIDAYS_PER_YEAR 8

struct calendar {
    bool file_year[LAST_YEAR - FIRST_YEAR + 1]; /* years the file is authoritative for */
    int32_t *days;                              /* the file's holidays, sorted day numbers */
    size_t len;
};

/* --- the standing rules ------------------------------------------------------------------- */

pb_date easter_sunday(int y)
{
    /* The "anonymous Gregorian" computus (Meeus/Jones/Butcher), integer arithmetic only. */
    int a = y % 19, b = y / 100, c = y % 100;
    int d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return (pb_date){y, month, day};
}

static pb_date first_monday(int y, int m)
{
    pb_date first = {y, m, 1};
    return date_add(first, (8 - date_weekday(first)) % 7);
}

static pb_date last_monday(int y, int m, int last_day)
{
    pb_date last = {y, m, last_day};
    return date_add(last, -(date_weekday(last) - 1));
}

static bool is_weekend(int32_t day)
{
    return date_weekday(date_from_days(day)) >= 6;
}

static bool contains(const int32_t *days, int n, int32_t day)
{
    for (int i = 0; i < n; i++)
        if (days[i] == day)
            return true;
    return false;
}

static int cmp_days(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int holidays_by_rule(int y, pb_date out[16])
{
    pb_date easter = easter_sunday(y);
    /* In date order: substitutes are assigned in this order, which is what makes Christmas on a
     * Saturday give Monday 27 to Christmas and Tuesday 28 to Boxing Day. */
    pb_date nominal[8] = {
        {y, 1, 1},                 /* New Year's Day */
        date_add(easter, -2),      /* Good Friday */
        date_add(easter, 1),       /* Easter Monday */
        first_monday(y, 5),        /* early May */
        last_monday(y, 5, 31),     /* spring */
        last_monday(y, 8, 31),     /* summer */
        {y, 12, 25},               /* Christmas Day */
        {y, 12, 26},               /* Boxing Day */
    };

    /* First every holiday that falls on a weekday, so a substitute never lands on one (Christmas
     * on a Sunday: Boxing Day keeps Monday 26, Christmas moves to Tuesday 27). */
    int32_t days[8];
    int n = 0;
    for (int i = 0; i < 8; i++) {
        int32_t day = date_to_days(nominal[i]);
        if (!is_weekend(day))
            days[n++] = day;
    }
    /* Then each weekend holiday moves forward to the next weekday not already a holiday. */
    for (int i = 0; i < 8; i++) {
        int32_t day = date_to_days(nominal[i]);
        if (!is_weekend(day))
            continue;
        while (is_weekend(day) || contains(days, n, day))
            day++;
        days[n++] = day;
    }
    qsort(days, (size_t)n, sizeof days[0], cmp_days);
    for (int i = 0; i < n; i++)
        out[i] = date_from_days(days[i]);
    return n;
}

/* --- loading the file --------------------------------------------------------------------- */

calendar *calendar_rules_only(void)
{
    calendar *cal = xcalloc(1, sizeof *cal);
    return cal;
}

void calendar_free(calendar *cal)
{
    if (!cal)
        return;
    free(cal->days);
    free(cal);
}

static const char *weekday_name(pb_date d)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return names[date_weekday(d) - 1];
}

/* A holiday read from the file and the line it came from (for messages). */
typedef struct entry {
    int32_t day;
    int line;
} entry;

typedef struct entries {
    entry *items;
    size_t len, cap;
} entries;

/* One holiday line, already trimmed; appends it to list or a problem to errs. */
static void parse_line(entries *list, const char *path, int lineno, char *s, diag_list *errs)
{
    char *name = s + strcspn(s, " \t");
    bool has_sep = *name != '\0';
    if (has_sep)
        *name++ = '\0';
    name += strspn(name, " \t");

    pb_date d;
    const char *err = date_parse(s, &d);
    if (err) {
        diag_add_class(errs, DIAG_ENV, path, lineno, 0, NULL, NULL, "\"%.40s\" %s", s, err);
        return;
    }
    char iso[16];
    date_format_iso(d, iso, sizeof iso);
    if (!has_sep || *name == '\0') {
        diag_add_class(errs, DIAG_ENV, path, lineno, 0, NULL, NULL,
                       "holiday %s has no name after its date", iso);
        return;
    }
    if (date_weekday(d) >= 6) {
        diag_add_class(errs, DIAG_ENV, path, lineno, 0, NULL, NULL,
                       "%s is a %s; list the weekday the holiday is taken on (the substitute day)",
                       iso, weekday_name(d));
        return;
    }
    int32_t day = date_to_days(d);
    for (size_t i = 0; i < list->len; i++) {
        if (list->items[i].day == day) {
            diag_add_class(errs, DIAG_ENV, path, lineno, 0, NULL, NULL,
                           "%s is listed twice (also on line %d)", iso, list->items[i].line);
            return;
        }
    }
    list->items = xgrow(list->items, &list->cap, list->len + 1, sizeof *list->items);
    list->items[list->len++] = (entry){day, lineno};
}

/* A year listed in part would silently lose its other holidays: refuse it. */
static void check_whole_years(const entries *list, const char *path, diag_list *errs)
{
    int count[LAST_YEAR - FIRST_YEAR + 1] = {0};
    int first_line[LAST_YEAR - FIRST_YEAR + 1] = {0};
    for (size_t i = 0; i < list->len; i++) {
        int y = date_from_days(list->items[i].day).y - FIRST_YEAR;
        if (count[y]++ == 0)
            first_line[y] = list->items[i].line;
    }
    for (int y = 0; y <= LAST_YEAR - FIRST_YEAR; y++) {
        if (count[y] > 0 && count[y] < MIN_HOLIDAYS_PER_YEAR)
            diag_add_class(errs, DIAG_ENV, path, first_line[y], 0, NULL, NULL,
                           "year %d lists only %d holiday%s; a year in this file replaces the "
                           "standing rules, so list all of its holidays (at least %d)",
                           y + FIRST_YEAR, count[y], count[y] == 1 ? "" : "s",
                           MIN_HOLIDAYS_PER_YEAR);
    }
}

calendar *calendar_load(const char *path, diag_list *errs)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL,
                       "cannot read the holiday file: %s", strerror(errno));
        return NULL;
    }
    size_t before = errs->len;
    entries list = {0};
    char *line = NULL;
    size_t linesz = 0;
    ssize_t got;
    int lineno = 0;
    while ((got = getline(&line, &linesz, f)) != -1) {
        lineno++;
        if (strlen(line) != (size_t)got) {
            diag_add_class(errs, DIAG_ENV, path, lineno, 0, NULL, NULL, "line contains a NUL byte");
            continue;
        }
        size_t n = (size_t)got;
        while (n > 0 && strchr(" \t\r\n", line[n - 1]))
            line[--n] = '\0';
        char *s = line + strspn(line, " \t");
        if (*s == '\0' || *s == '#')
            continue;
        parse_line(&list, path, lineno, s, errs);
    }
    if (ferror(f))
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL,
                       "error while reading the holiday file");
    free(line);
    fclose(f);
    check_whole_years(&list, path, errs);

    if (errs->len > before) {
        free(list.items);
        return NULL;
    }
    calendar *cal = calendar_rules_only();
    cal->days = xcalloc(list.len, sizeof *cal->days);
    for (size_t i = 0; i < list.len; i++) {
        cal->days[i] = list.items[i].day;
        cal->file_year[date_from_days(list.items[i].day).y - FIRST_YEAR] = true;
    }
    cal->len = list.len;
    free(list.items);
    qsort(cal->days, cal->len, sizeof cal->days[0], cmp_days);
    return cal;
}

/* --- questions ---------------------------------------------------------------------------- */

bool calendar_is_holiday(const calendar *cal, pb_date d)
{
    assert(cal);
    if (d.y >= FIRST_YEAR && d.y <= LAST_YEAR && cal->file_year[d.y - FIRST_YEAR]) {
        int32_t day = date_to_days(d);
        return bsearch(&day, cal->days, cal->len, sizeof day, cmp_days) != NULL;
    }
    pb_date rule[16];
    int n = holidays_by_rule(d.y, rule);
    for (int i = 0; i < n; i++)
        if (date_cmp(rule[i], d) == 0)
            return true;
    return false;
}

bool calendar_is_working_day(const calendar *cal, pb_date d)
{
    return date_weekday(d) <= 5 && !calendar_is_holiday(cal, d);
}

pb_date calendar_add_days(const calendar *cal, pb_date d, int n, day_unit unit)
{
    if (unit == DAYS_CALENDAR)
        return date_add(d, n);
    /* Working days: the start day itself never counts, whatever it is. A negative n counts
     * backwards the same way (not used by the notice rules; defined so it is never a surprise). */
    int step = n < 0 ? -1 : 1;
    int left = n < 0 ? -n : n;
    while (left > 0) {
        d = date_add(d, step);
        if (calendar_is_working_day(cal, d))
            left--;
    }
    return d;
}
