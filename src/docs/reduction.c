/* reduction.c: the reduction notice's rules (statutory.md 2.2a). A reduction lowers one or more
 * items (never to 0: that is a stop); the notice gives the current and new amounts per item, by
 * stream (streams.h), and in total, the reasons, whether the plan is unchanged (then the cost
 * reason and the sufficiency sentence) or amended (then the amended plan's date), the date the
 * notice is deemed received and the date the change takes effect (statutory.md 3.3: the day
 * after the last day of notice, counted from deemed receipt in the council's unit), and the
 * date by which a reconsideration must be asked for (a working day). */
#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

int reduction_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_reduction *r = &in->c->reduction;
    notice_dates nd;
    mu_value *v = notice_context(ctx, in, "reduction", &r->sent, r->issued, &nd, errs);
    if (!v)
        return -1;
    mu_map_set(v, "effective_date", weekday_date_value_of(nd.effective));

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

    /* Sufficiency (statutory.md 2.2a N6): "the new amount is enough" only when the plan's
     * provision is unchanged and a cost reason says why it now costs less; after an amendment
     * the amounts follow the amended plan, named with its date. */
    bool unchanged = r->plan == PLAN_UNCHANGED, amended = r->plan == PLAN_AMENDED;
    mu_map_set(v, "plan_unchanged", mu_bool(unchanged));
    mu_map_set(v, "plan_amended", mu_bool(amended));
    mu_map_set(v, "amended_plan", amended ? date_value_of(r->amended_plan) : mu_bool(false));
    bool sufficient = unchanged && r->cost_reason && r->cost_reason[0];
    mu_map_set(v, "sufficient", mu_bool(sufficient));
    mu_map_set(v, "cost_reason", sufficient ? officer_markdown(r->cost_reason) : mu_bool(false));
    return 0;
}
