/* repayment.c: the repayment demand's rules (built to the NHS reg 15 standard, research
 * statutory.md 1.11 and 2.3, P1-P11): the grounds in words from one table, the breakdown (paid,
 * evidenced spend, unspent, amount to repay), the date to ask for a reconsideration and the
 * date to pay by (a working day after it; repayment_deadlines).
 *
 * After the death of the child or young person (1.10) the letter is not a demand: it goes to
 * the parent who received the payments or to the personal representatives of a young person
 * who did, explains the balance and asks them to get in touch, with no date to pay by. The
 * template chooses its wording from repayment.after_death. */
#include <stdio.h>

#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

/* Each ground in words, finishing "We are asking for this money back because ...". An offence
 * is worded as a possibility, never as a finding of guilt (NHS reg 15(1): "may have occurred"). */
static const struct {
    repayment_ground bit;
    const char *key, *words;
} grounds[] = {
    {GROUND_CIRCUMSTANCES_CHANGED, "circumstances_changed",
     "circumstances have changed, so some of the money paid is no longer needed for the agreed support"},
    {GROUND_UNUSED, "unused", "some of the money has not been used for the agreed support"},
    {GROUND_MISUSE, "misuse", "some of the money has been spent on things that are not part of the agreed support"},
    {GROUND_OFFENCE, "offence", "theft, fraud or another offence in relation to the payments may have occurred"},
    {GROUND_DEATH, "death", "money paid for the time after a death could not be used for the agreed support"},
};

/* The grounds as sentences, and a flag per ground for the wording that goes with it. */
static void add_grounds(mu_value *v, unsigned bits)
{
    mu_value *list = mu_map_set(v, "grounds", mu_list());
    for (size_t i = 0; i < sizeof grounds / sizeof grounds[0]; i++) {
        bool has = (bits & grounds[i].bit) != 0;
        char key[48];
        snprintf(key, sizeof key, "ground_%s", grounds[i].key);
        mu_map_set(v, key, mu_bool(has));
        if (has)
            mu_list_push(list, mu_string(grounds[i].words));
    }
}

/* The breakdown (P3): what was paid for the period, the spending shown, what is left unspent
 * and what is asked back (at most what is left: the case rules check that). */
static void add_breakdown(mu_value *v, const pb_repayment *r)
{
    mu_map_set(v, "amount", money_value_of(r->amount));
    mu_map_set(v, "paid", money_value_of(r->paid));
    mu_map_set(v, "spent", money_value_of(r->spent));
    mu_map_set(v, "unspent", money_value_of(r->paid - r->spent));
    mu_map_set(v, "asks_part", mu_bool(r->amount < r->paid - r->spent));
    mu_map_set(v, "has_period", mu_bool(r->has_period));
    mu_map_set(v, "period_from", r->has_period ? date_value_of(r->period_from) : mu_bool(false));
    mu_map_set(v, "period_to", r->has_period ? date_value_of(r->period_to) : mu_bool(false));
}

int repayment_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_case *c = in->c;
    const pb_repayment *r = &c->repayment;
    const council *co = in->council;
    service_method m;
    int minute;
    if (letter_sending(ctx, in, &r->sent, &m, &minute, errs) != 0)
        return -1;
    /* The direct payments the money came from, by stream (health ones are the ICB's). */
    stream_lists sl = stream_lists_begin(ctx);
    for (size_t i = 0; i < in->c->n_items; i++)
        if (in->c->items[i].arr == ARR_DIRECT_PAYMENT)
            stream_lists_row(&sl, in, &in->c->items[i], r->issued);
    stream_lists_end(ctx, &sl, in, r->issued);
    mu_value *v = mu_map_set(ctx, "repayment", mu_map());
    mu_map_set(v, "issued", date_value_of(r->issued));
    repayment_dates rd = repayment_deadlines(in->cal, r->issued, m, minute,
                                             co->reconsider_within.days, co->reconsider_within.unit,
                                             co->repay.days, co->repay.unit);
    mu_map_set(v, "deemed_receipt", weekday_date_value_of(rd.receipt));
    mu_map_set(v, "due_date", weekday_date_value_of(rd.pay_by));
    mu_map_set(v, "repay_within", period_value_of(co->repay.days, co->repay.unit));
    mu_map_set(v, "reconsider_by", weekday_date_value_of(rd.reconsider_by));
    mu_map_set(v, "reconsider_within",
               period_value_of(co->reconsider_within.days, co->reconsider_within.unit));
    add_grounds(v, r->grounds);
    add_breakdown(v, r);
    /* After a death the first letter asks the family to get in touch; it demands nothing. */
    mu_map_set(v, "after_death", mu_bool(c->child.has_died));
    mu_map_set(v, "to_personal_representatives",
               mu_bool(c->recipient.rel == REL_PERSONAL_REPRESENTATIVE));
    mu_map_set(v, "how_to_pay", officer_markdown(co->repay.how_to_pay));
    mu_map_set(v, "reasons", markdown_list(&r->reasons));
    return 0;
}
