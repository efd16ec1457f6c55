/* plausible.c: warnings for a case that is valid but probably mistyped (issue 17): a document
 * dated on a weekend or bank holiday, more than 60 days ahead of today or more than a year
 * back; an officer email without '@'; one item costing over £100,000 a year. The case stays
 * valid: these go to c->warnings, printed as "warning:" lines (errors under --strict).
 * Today is PBDOCS_TODAY (YYYY-MM-DD) when set, so tests and reruns are deterministic. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case/load_internal.h"
#include "core/calendar.h"
#include "core/paths.h"

#define DAYS_AHEAD 60
#define DAYS_BACK 366
#define ITEM_LIMIT ((pence)100000 * 100)

/* The holiday calendar beside the councils folder (templates/calendar), read once per process
 * (the first councils folder wins: one run reads one templates folder); the standing rules when
 * it cannot be read. */
static calendar *cal;
static pthread_mutex_t cal_lock = PTHREAD_MUTEX_INITIALIZER;

static const calendar *holidays(const council_set *councils)
{
    pthread_mutex_lock(&cal_lock);
    if (!cal) {
        char path[4096];
        snprintf(path, sizeof path, "%s/../calendar/england-and-wales.txt", councils_dir(councils));
        diag_list ignored = {0};  /* a broken calendar is reported by the renderer */
        cal = calendar_load(path, &ignored);
        diag_list_clear(&ignored);
        if (!cal)
            cal = calendar_rules_only();
    }
    pthread_mutex_unlock(&cal_lock);
    return cal;
}

static pb_date today_date(void)
{
    const char *env = getenv("PBDOCS_TODAY");
    pb_date d;
    if (env && !date_parse(env, &d))
        return d;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (pb_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void check_issue_date(loader *ld, xmlNodePtr doc, pb_date issued, pb_date today,
                             const calendar *days)
{
    xmlNodePtr at = (xmlNodePtr)attr_node(doc, "issued");
    if (!at || !date_exists(issued.y, issued.m, issued.d))
        return;
    int wd = date_weekday(issued);
    if (wd >= 6)
        warning(ld, at, "is a %s: letters are issued on working days; check the date",
                wd == 6 ? "Saturday" : "Sunday");
    else if (calendar_is_holiday(days, issued))
        warning(ld, at, "is a bank holiday: letters are issued on working days; check the date");
    int32_t ahead = date_to_days(issued) - date_to_days(today);
    if (ahead > DAYS_AHEAD)
        warning(ld, at, "is more than %d days after today: check the year", DAYS_AHEAD);
    else if (-ahead > DAYS_BACK)
        warning(ld, at, "is more than a year before today: check the year");
}

void check_plausible(loader *ld, xmlNodePtr root, const council_set *councils)
{
    const pb_case *c = ld->c;
    pb_date today = today_date();
    const calendar *days = holidays(councils);
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (c->has[k])
            check_issue_date(ld, child(root, doc_kind_name((doc_kind)k)),
                             doc_kind_issued(c, (doc_kind)k), today, days);
    xmlNodePtr officer = child(root, "officer");
    if (officer && c->officer.email && c->officer.email[0] && !strchr(c->officer.email, '@'))
        warning(ld, (xmlNodePtr)attr_node(officer, "email"),
                "has no '@': replies by email will not reach the officer; check the address");
    xmlNodePtr budget = child(root, "personal-budget");
    size_t i = 0;
    for (xmlNodePtr n = budget ? budget->children : NULL; n && i < c->n_items; n = n->next) {
        if (!named(n, "item"))
            continue;
        const pb_item *it = &c->items[i++];
        if (it->annual_ok && it->annual > ITEM_LIMIT)
            warning(ld, child(n, "annual-amount"), "is over £100,000 a year for one item: check "
                    "the amount (pounds and pence, such as 1250.00)");
    }
}
