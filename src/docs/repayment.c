/* repayment.c: the repayment demand's rules (built to the NHS reg 15 standard, research 2.3):
 * who must repay, the grounds from the closed list, the amount, the date by which to repay
 * (deemed receipt + the council's repayment period), how to pay, that instalments can be agreed,
 * and the date by which to ask for a reconsideration. */
#include <stdio.h>

#include "docs/context.h"
#include "docs/notice.h"

static const struct {
    repayment_ground bit;
    const char *key, *label;
} grounds[] = {
    {GROUND_CIRCUMSTANCES_CHANGED, "circumstances_changed",
     "circumstances have changed in a way that affects the agreed payments"},
    {GROUND_UNUSED, "unused", "some or all of the payments have not been used for the agreed provision"},
    {GROUND_MISUSE, "misuse", "the payments have been used for something other than the agreed provision"},
    {GROUND_DEATH, "death", "of a death"},
};

int repayment_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_repayment *r = &in->c->repayment;
    const council *co = in->council;
    service_method m;
    int minute;
    if (document_service(in, &r->sent, &m, &minute, errs) != 0)
        return -1;
    mu_value *v = mu_map_set(ctx, "repayment", mu_map());
    mu_map_set(v, "issued", date_value_of(r->issued));
    mu_map_set(v, "amount", money_value_of(r->amount));
    repayment_dates rd = repayment_deadlines(in->cal, r->issued, m, minute,
                                             co->reconsider_within.days, co->reconsider_within.unit,
                                             co->repay.days, co->repay.unit);
    mu_map_set(v, "deemed_receipt", weekday_date_value_of(rd.receipt));
    mu_map_set(v, "due_date", weekday_date_value_of(rd.pay_by));
    mu_map_set(v, "repay_within", period_value_of(co->repay.days, co->repay.unit));
    mu_map_set(v, "reconsider_by", weekday_date_value_of(rd.reconsider_by));
    mu_value *list = mu_map_set(v, "grounds", mu_list());
    for (size_t i = 0; i < sizeof grounds / sizeof grounds[0]; i++) {
        bool has = (r->grounds & grounds[i].bit) != 0;
        char key[48];
        snprintf(key, sizeof key, "ground_%s", grounds[i].key);
        mu_map_set(v, key, mu_bool(has));
        if (has)
            mu_list_push(list, mu_string(grounds[i].label));
    }
    mu_map_set(v, "has_period", mu_bool(r->has_period));
    mu_map_set(v, "period_from", r->has_period ? date_value_of(r->period_from) : mu_bool(false));
    mu_map_set(v, "period_to", r->has_period ? date_value_of(r->period_to) : mu_bool(false));
    /* After the death of a young person who received the payments, their estate repays. */
    bool estate = (r->grounds & GROUND_DEATH) && in->c->recipient.rel == REL_YOUNG_PERSON;
    char payer[600];
    snprintf(payer, sizeof payer, "%s%s", estate ? "the personal representatives of " : "",
             in->c->recipient.name);
    mu_map_set_str(v, "payer", payer);
    mu_map_set(v, "payer_is_estate", mu_bool(estate));
    mu_map_set(v, "how_to_pay", officer_markdown(co->repay.how_to_pay));
    mu_map_set(v, "reasons", markdown_list(&r->reasons));
    return 0;
}
