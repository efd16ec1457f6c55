/* section_j.c: Section J of the EHC plan (SEND Regulations 2014 reg 12(1)(j); research
 * statutory.md 2.4, J1-J13). The personal budget is set out stream by stream, because each
 * stream is agreed by a different body under different law: education items are special
 * educational provision agreed by the council, health items are as agreed in the ICB's care
 * plan, social care items as agreed by social care (2.0). Each item gives the needs (B) and
 * outcomes (E) it meets, how it is managed, its amount and, for a direct payment, how often it
 * is paid, to whom, and the head teacher's or principal's agreement. Items the case's refusal
 * refused a personal budget for are listed apart and left out of every total; a refused request
 * for direct payments leaves its item in the budget, arranged as the case says. The review
 * dates: the first within 3 months of the section's date, then at each annual review. */
#include "docs/context.h"

#include <stdio.h>

#include "docs/streams.h"

/* The same day n months later, or the month's last day when it has no such day. */
static pb_date add_months(pb_date d, int n)
{
    int m0 = d.m - 1 + n;
    pb_date r = {d.y + m0 / 12, m0 % 12 + 1, d.d};
    while (!date_exists(r.y, r.m, r.d))
        r.d--;
    return r;
}

/* What Section J says of each stream, indexed by funding_stream. */
static const struct {
    const char *label;    /* the totals table's row */
    const char *heading;  /* the stream's own heading */
    const char *needs;    /* the label of the needs an item meets */
} stream_words[STREAM_COUNT] = {
    [STREAM_EDUCATION] = {"Education", "Education: special educational provision (Section F)",
                          "Special educational needs it meets"},
    [STREAM_HEALTH] = {"Health", "Health provision (Section G)", "Needs it meets"},
    [STREAM_SOCIAL_CARE] = {"Social care", "Social care provision (Section H)", "Needs it meets"},
};

static const char *const arrangement_words[] = {
    [ARR_DIRECT_PAYMENT] = "Direct payment",
    [ARR_COUNCIL_MANAGED] = "Managed by the council",
    [ARR_THIRD_PARTY] = "Managed by a third party",
    [ARR_PROVIDER_MANAGED] = "Managed by the school, college or provider",
};

static const char *const paid_words[] = {
    [PAID_UNSET] = "", [PAID_WEEKLY] = "every week", [PAID_FOUR_WEEKLY] = "every four weeks",
    [PAID_MONTHLY] = "every month", [PAID_QUARTERLY] = "every three months",
};

static mu_value *opt_text(const char *s)
{
    return s && s[0] ? mu_string(s) : mu_bool(false);
}

/* Needs or outcomes with their plan references: [{ref or false, text}]. */
static mu_value *referenced(const pb_strings *texts, const pb_strings *refs)
{
    mu_value *list = mu_list();
    for (size_t i = 0; i < texts->len; i++) {
        mu_value *row = mu_list_push(list, mu_map());
        mu_map_set(row, "ref", opt_text(refs->items[i]));
        mu_map_set_str(row, "text", texts->items[i]);
    }
    return list;
}

/* True when the case's refusal refused a personal budget for this item: it is then no part of
 * the personal budget (J12, and never counted in a total). */
static bool budget_refused(const pb_case *c, const pb_item *it)
{
    if (!c->has[DOC_REFUSAL] || c->refusal.scope != SCOPE_PERSONAL_BUDGET)
        return false;
    for (size_t i = 0; i < c->refusal.n_items; i++)
        if (c->refusal.items[i] == it)
            return true;
    return false;
}

static mu_value *item_value(const pb_item *it)
{
    mu_value *v = mu_map();
    mu_map_set_str(v, "provision", it->provision);
    mu_map_set_str(v, "arrangement", arrangement_words[it->arr]);
    mu_map_set(v, "is_direct_payment", mu_bool(it->arr == ARR_DIRECT_PAYMENT));
    mu_map_set(v, "annual_amount", money_value_of(it->annual));
    mu_map_set(v, "paid", opt_text(paid_words[it->paid]));
    mu_map_set(v, "payee", opt_text(it->payee));
    mu_map_set_str(v, "needs_label", stream_words[it->stream].needs);
    mu_map_set(v, "has_needs", mu_bool(it->needs.len > 0));
    mu_map_set(v, "needs", referenced(&it->needs, &it->need_refs));
    mu_map_set(v, "has_outcomes", mu_bool(it->outcomes.len > 0));
    mu_map_set(v, "outcomes", referenced(&it->outcomes, &it->outcome_refs));
    bool sa = it->setting_agreement.has;
    mu_map_set(v, "agreed_by", opt_text(sa ? it->setting_agreement.by : NULL));
    mu_map_set_str(v, "agreed_role", !sa ? "" : it->setting_agreement.principal ? "principal"
                                                                                 : "head teacher");
    mu_map_set(v, "agreed_on", sa ? date_value_of(it->setting_agreement.date) : mu_bool(false));
    return v;
}

/* Who decides a stream's items (docs/streams.c), on the section's date; the ICB by its name
 * when the council's profile gives it. */
static mu_value *decision_maker(const doc_input *in, const pb_item *it, pb_date d)
{
    decision_route r = item_route(in->c, it, d);
    const char *icb = in->council->icb.name;
    if (r != ROUTE_HEALTH || !icb || !icb[0])
        return mu_string(stream_routes[r].decision_maker);
    char buf[600];
    snprintf(buf, sizeof buf, "%s (the ICB)", icb);
    return mu_string(buf);
}

/* One block per stream the budget uses, the totals, and the flags the template words turn on. */
static void add_streams(mu_value *v, const doc_input *in)
{
    const pb_case *c = in->c;
    mu_value *streams = mu_map_set(v, "streams", mu_list());
    mu_value *totals = mu_map_set(v, "totals", mu_list());
    pence overall = 0;
    bool any_dp = false, education_dp = false;
    for (int s = 0; s < STREAM_COUNT; s++) {
        mu_value *block = NULL, *items = NULL;
        pence total = 0;
        for (size_t i = 0; i < c->n_items; i++) {
            const pb_item *it = &c->items[i];
            if (it->stream != (funding_stream)s || budget_refused(c, it))
                continue;
            if (!block) {
                block = mu_list_push(streams, mu_map());
                mu_map_set_str(block, "heading", stream_words[s].heading);
                mu_map_set(block, "decision_maker", decision_maker(in, it, c->section_j.issued));
                mu_map_set(block, "is_education", mu_bool(s == STREAM_EDUCATION));
                mu_map_set(block, "is_health", mu_bool(s == STREAM_HEALTH));
                mu_map_set(block, "is_social_care", mu_bool(s == STREAM_SOCIAL_CARE));
                items = mu_map_set(block, "items", mu_list());
            }
            mu_list_push(items, item_value(it));
            total += it->annual;
            any_dp |= it->arr == ARR_DIRECT_PAYMENT;
            education_dp |= it->arr == ARR_DIRECT_PAYMENT && s == STREAM_EDUCATION;
        }
        char key[32];
        snprintf(key, sizeof key, "has_%s", s == STREAM_EDUCATION ? "education"
                                            : s == STREAM_HEALTH  ? "health" : "social_care");
        mu_map_set(v, key, mu_bool(block != NULL));
        if (!block)
            continue;
        mu_map_set(block, "total", money_value_of(total));
        mu_value *row = mu_list_push(totals, mu_map());
        mu_map_set_str(row, "stream", stream_words[s].label);
        mu_map_set(row, "amount", money_value_of(total));
        overall += total;
    }
    mu_map_set(v, "total", money_value_of(overall));
    mu_map_set(v, "has_direct_payments", mu_bool(any_dp));
    mu_map_set(v, "education_direct_payments", mu_bool(education_dp));
}

/* The case's refusal, told apart from the budget (J12): the date of its letter, whether it
 * refused a personal budget (its items are then outside the budget) or direct payments, and
 * the provision it was about. */
static void add_refusal(mu_value *v, const pb_case *c)
{
    bool has = c->has[DOC_REFUSAL];
    const pb_refusal *r = &c->refusal;
    mu_map_set(v, "refusal_date", has ? date_value_of(r->issued) : mu_bool(false));
    mu_map_set(v, "refusal_is_personal_budget", mu_bool(has && r->scope == SCOPE_PERSONAL_BUDGET));
    mu_value *list = mu_map_set(v, "refused", mu_list());
    for (size_t i = 0; has && i < r->n_items; i++) {
        mu_value *row = mu_list_push(list, mu_map());
        mu_map_set_str(row, "provision", r->items[i]->provision);
    }
}

int section_j_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    (void)errs;
    const pb_section_j *s = &in->c->section_j;
    mu_value *v = mu_map_set(ctx, "section_j", mu_map());
    mu_map_set(v, "issued", date_value_of(s->issued));
    mu_map_set(v, "summary", officer_markdown(s->summary));
    mu_map_set(v, "direct_payment_arrangements",
               s->dp_arrangements ? officer_markdown(s->dp_arrangements) : mu_bool(false));
    mu_map_set(v, "first_review_by", date_value_of(add_months(s->issued, 3)));
    add_streams(v, in);
    add_refusal(v, in->c);
    return 0;
}
