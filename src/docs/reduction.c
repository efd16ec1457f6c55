/* reduction.c: the 28-day notice's rules. A reduction lowers one or more items; the notice gives
 * the current and new amounts per item and in total, the reasons, the date the notice is deemed
 * received and the date the change takes effect (research statutory.md 3.3: the day after the
 * last day of notice, counted from deemed receipt in the council's unit), and the date by which
 * a reconsideration must be asked for. */
#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

int reduction_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_reduction *r = &in->c->reduction;
    const council *co = in->council;
    service_method m;
    int minute;
    if (letter_sending(ctx, in, &r->sent, &m, &minute, errs) != 0)
        return -1;
    notice_dates nd = notice_period_at(in->cal, r->issued, m, minute, co->notice.days,
                                       co->notice.unit);

    mu_value *v = mu_map_set(ctx, "reduction", mu_map());
    mu_map_set(v, "issued", date_value_of(r->issued));
    mu_map_set_str(v, "service", service_method_name(m));
    mu_map_set(v, "deemed_receipt", weekday_date_value_of(nd.receipt));
    mu_map_set(v, "last_day", weekday_date_value_of(nd.last_day));
    mu_map_set(v, "effective_date", weekday_date_value_of(nd.effective));
    mu_map_set(v, "notice", period_value_of(co->notice.days, co->notice.unit));
    pb_date by = act_by(in->cal, nd.receipt, co->reconsider_within.days,
                        co->reconsider_within.unit);
    mu_map_set(v, "reconsider_by", weekday_date_value_of(by));
    mu_map_set(v, "reconsider_within",
               period_value_of(co->reconsider_within.days, co->reconsider_within.unit));

    mu_value *changes = mu_map_set(v, "changes", mu_list());
    pence before = 0, after = 0;
    stream_lists sl = stream_lists_begin(ctx);
    for (size_t i = 0; i < r->n_changes; i++) {
        const pb_change *ch = &r->changes[i];
        mu_value *srow = stream_lists_row(&sl, in, ch->item, r->issued);
        mu_map_set(srow, "current_amount", money_value_of(ch->item->annual));
        mu_map_set(srow, "new_amount", money_value_of(ch->new_annual));
        mu_value *row = mu_list_push(changes, mu_map());
        mu_map_set_str(row, "id", ch->item->id);
        mu_map_set_str(row, "provision", ch->item->provision);
        mu_map_set(row, "current_amount", money_value_of(ch->item->annual));
        mu_map_set(row, "new_amount", money_value_of(ch->new_annual));
        mu_map_set(row, "difference", money_value_of(ch->item->annual - ch->new_annual));
        before += ch->item->annual;
        after += ch->new_annual;
    }
    stream_lists_end(ctx, &sl, in, r->issued);
    mu_map_set(v, "current_total", money_value_of(before));
    mu_map_set(v, "new_total", money_value_of(after));
    mu_map_set(v, "difference", money_value_of(before - after));

    /* The whole personal budget before and after. */
    pence budget = 0;
    for (size_t i = 0; i < in->c->n_items; i++)
        budget += in->c->items[i].annual;
    mu_map_set(v, "budget_before", money_value_of(budget));
    mu_map_set(v, "budget_after", money_value_of(budget - (before - after)));
    mu_map_set(v, "reasons", markdown_list(&r->reasons));
    return 0;
}
