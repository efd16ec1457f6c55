/* refusal.c: the refusal letter's rules. Which decision is refused (a personal budget, or direct
 * payments), the items asked for, the reasons, and the review: who reviews, the date by which to
 * ask (deemed receipt + the council's period), and how soon the council replies. */
#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

int refusal_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_refusal *r = &in->c->refusal;
    const council *co = in->council;
    service_method m;
    int minute;
    if (letter_sending(ctx, in, &r->sent, &m, &minute, errs) != 0)
        return -1;
    mu_value *v = mu_map_set(ctx, "refusal", mu_map());
    mu_map_set(v, "issued", date_value_of(r->issued));
    mu_map_set(v, "is_personal_budget", mu_bool(r->scope == SCOPE_PERSONAL_BUDGET));
    mu_map_set(v, "is_direct_payment", mu_bool(r->scope == SCOPE_DIRECT_PAYMENT));
    mu_value *items = mu_map_set(v, "items", mu_list());
    stream_lists sl = stream_lists_begin(ctx);
    for (size_t i = 0; i < r->n_items; i++) {
        mu_value *row = mu_list_push(items, mu_map());
        mu_map_set_str(row, "id", r->items[i]->id);
        mu_map_set_str(row, "provision", r->items[i]->provision);
        mu_map_set(row, "annual_amount", money_value_of(r->items[i]->annual));
        stream_lists_row(&sl, in, r->items[i], r->issued);
    }
    stream_lists_end(ctx, &sl, in, r->issued);
    mu_map_set(v, "has_items", mu_bool(r->n_items > 0));
    pb_date receipt = deemed_receipt_at(in->cal, r->issued, m, minute);
    pb_date by = act_by(in->cal, receipt, co->refusal_review.days, co->refusal_review.unit);
    mu_map_set(v, "deemed_receipt", weekday_date_value_of(receipt));
    mu_map_set(v, "review_by", weekday_date_value_of(by));
    mu_map_set(v, "review_within", period_value_of(co->refusal_review.days, co->refusal_review.unit));
    mu_map_set_str(v, "reviewer", co->refusal_review.reviewer);
    mu_map_set(v, "reply_within", period_value_of(co->refusal_review.reply_days, DAYS_WORKING));
    mu_map_set(v, "reasons", markdown_list(&r->reasons));
    return 0;
}
