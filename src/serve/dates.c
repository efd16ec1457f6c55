/* dates.c: GET /api/v1/dates?council=ID&kind=KIND&issued=YYYY-MM-DD[&sent-by=M][&sent-at=HH:MM]
 * [&consent-withdrawn-on=YYYY-MM-DD][&date-of-death=YYYY-MM-DD]: the dates the letter will print, as soon as the officer
 * has given a council and an issue date, exact for councils that count working days. Worked out
 * by docs/notice.h, the functions each kind's context builder calls, with the council's periods
 * and the renderer's calendar; tests/test_serve.sh checks each date against the PDF's text.
 *   200 {"council": ID, "kind": KIND, "service": "first-class post", "notice": "28 working days",
 *        "dates": [{"name": "effective_date", "label": "...", "date": "2027-01-06",
 *                   "text": "Wednesday 6 January 2027"}, ...]}
 *   400 {"error": "..."} for a missing or malformed parameter or an unknown council. */
#include <stdlib.h>
#include <string.h>

#include "case/council.h"
#include "docs/notice.h"
#include "serve/json.h"
#include "serve/serve_internal.h"

/* Which dates a kind's letter prints (its context builder in docs/ and its template), by the
 * kind's name; none_after_death: after the child's death the letter gives no date (a repayment
 * letter then asks the family to get in touch and demands nothing). */
typedef enum { DATES_NONE, DATES_REVIEW, DATES_NOTICE, DATES_REPAY, DATES_STOP } dates_rule;
static const struct {
    const char *kind;
    dates_rule rule;
    bool none_after_death;
} kind_dates[] = {
    {"refusal", DATES_REVIEW, false},  /* refusal.c */
    {"reduction", DATES_NOTICE, false}, /* reduction.c */
    {"repayment", DATES_REPAY, true},  /* repayment.c: after_death */
    {"stop", DATES_STOP, false},       /* stop.c: a reduction's notice, or the consent date */
};

static void add_date(strbuf *sb, int *n, const char *name, const char *label, pb_date d)
{
    char iso[16], text[64];
    date_format_iso(d, iso, sizeof iso);
    date_format_weekday(d, text, sizeof text);
    sb_printf(sb, "%s\n  {\"name\": \"%s\", \"label\": ", (*n)++ ? "," : "", name);
    json_string(sb, label);
    sb_printf(sb, ", \"date\": \"%s\", \"text\": ", iso);
    json_string(sb, text);
    sb_putc(sb, '}');
}

static void period_words(strbuf *sb, int days, day_unit unit)
{
    sb_printf(sb, ", \"notice\": \"%d %sdays\"", days, unit == DAYS_WORKING ? "working " : "");
}

static void list_dates(strbuf *sb, dates_rule rule, const calendar *cal, const council *co,
                       pb_date issued, service_method m, int minute, const pb_date *consent)
{
    int n = 0;
    if (rule == DATES_NOTICE || rule == DATES_STOP)
        period_words(sb, co->notice.days, co->notice.unit);
    sb_puts(sb, ", \"dates\": [");
    if (rule == DATES_REVIEW) {
        pb_date receipt = deemed_receipt_at(cal, issued, m, minute);
        add_date(sb, &n, "deemed_receipt", "Treated as received", receipt);
        add_date(sb, &n, "review_by", "Last day to ask for a review",
                 act_by(cal, receipt, co->refusal_review.days, co->refusal_review.unit));
    } else if (rule == DATES_NOTICE || rule == DATES_STOP) {
        notice_dates nd = notice_period_at(cal, issued, m, minute, co->notice.days, co->notice.unit);
        add_date(sb, &n, "deemed_receipt", "Treated as received", nd.receipt);
        if (rule == DATES_NOTICE || !consent) {
            add_date(sb, &n, "last_day", "Last day of notice", nd.last_day);
            add_date(sb, &n, rule == DATES_STOP ? "stop_date" : "effective_date",
                     rule == DATES_STOP ? "Direct payments stop" : "The new amounts take effect",
                     nd.effective);
        } else {
            add_date(sb, &n, "stop_date", "Direct payments stop", *consent);
        }
        add_date(sb, &n, "reconsider_by", "Last day to ask for a reconsideration",
                 act_by(cal, nd.receipt, co->reconsider_within.days, co->reconsider_within.unit));
    } else if (rule == DATES_REPAY) {
        repayment_dates rd = repayment_deadlines(cal, issued, m, minute, co->reconsider_within.days,
                                                 co->reconsider_within.unit, co->repay.days,
                                                 co->repay.unit);
        add_date(sb, &n, "deemed_receipt", "Treated as received", rd.receipt);
        add_date(sb, &n, "reconsider_by", "Last day to ask for a reconsideration", rd.reconsider_by);
        add_date(sb, &n, "due_date", "Repay by", rd.pay_by);
    }
    sb_puts(sb, "\n]}\n");
}

/* "HH:MM" as minutes after midnight, or -1. */
static int parse_minute(const char *s)
{
    if (strlen(s) != 5 || s[2] != ':')
        return -1;
    char *end;
    long h = strtol(s, &end, 10);
    if (end != s + 2 || h < 0 || h > 23)
        return -1;
    long m = strtol(s + 3, &end, 10);
    return *end || m < 0 || m > 59 || s[3] == '-' ? -1 : (int)(h * 60 + m);
}

enum MHD_Result api_dates(serve_state *s, struct MHD_Connection *conn, request *req)
{
    const char *arg[5] = {"council", "kind", "issued", "sent-by", "sent-at"}, *v[5];
    for (int i = 0; i < 5; i++)
        v[i] = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, arg[i]);
    const char *consent_s =
        MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "consent-withdrawn-on");
    const char *death_s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date-of-death");
    if (!v[0] || !v[1] || !v[2])
        return serve_error(conn, req, 400, "give council, kind and issued");
    int kind = doc_kind_parse(v[1]);
    if (kind < 0)
        return serve_error(conn, req, 400, "kind is not a kind of document");
    snprintf(req->kind, sizeof req->kind, "%s", v[1]);
    pb_date issued, consent, death;
    if (date_parse(v[2], &issued) || (consent_s && date_parse(consent_s, &consent)) ||
        (death_s && date_parse(death_s, &death)))
        return serve_error(conn, req, 400, "a date is not a date in the form YYYY-MM-DD");
    diag_list errs = {0};
    const council *co = council_get(renderer_councils(s->r), v[0], &errs);
    diag_list_clear(&errs);
    if (!co)
        return serve_error(conn, req, 400, "council is not a council profile");
    service_method m;
    if (service_method_parse(v[3] && v[3][0] ? v[3] : co->service, &m) != 0)
        return serve_error(conn, req, 400, "sent-by is not first-class, second-class, hand or email");
    int minute = v[4] && v[4][0] ? parse_minute(v[4]) : -1;
    if (v[4] && v[4][0] && minute < 0)
        return serve_error(conn, req, 400, "sent-at is not a time HH:MM");
    dates_rule rule = DATES_NONE;
    for (size_t i = 0; i < sizeof kind_dates / sizeof kind_dates[0]; i++)
        if (strcmp(kind_dates[i].kind, v[1]) == 0)
            rule = death_s && kind_dates[i].none_after_death ? DATES_NONE : kind_dates[i].rule;
    strbuf sb = {0};
    sb_puts(&sb, "{\"council\": ");
    json_string(&sb, co->id);
    sb_puts(&sb, ", \"kind\": ");
    json_string(&sb, v[1]);
    sb_puts(&sb, ", \"service\": ");
    json_string(&sb, service_method_name(m));
    list_dates(&sb, rule, s->cal, co, issued, m, minute, consent_s ? &consent : NULL);
    return serve_json(conn, req, 200, &sb);
}
