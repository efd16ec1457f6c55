/* section_j.c: Section J of the EHC plan (SEND Regulations 2014 reg 12(1)(j)): the personal
 * budget item by item, totals per funding stream and overall, the direct payment arrangements,
 * and the review dates: the first within 3 months of the issue date, then at annual review. */
#include "docs/context.h"

/* The same day n months later, or the month's last day when it has no such day. */
static pb_date add_months(pb_date d, int n)
{
    int m0 = d.m - 1 + n;
    pb_date r = {d.y + m0 / 12, m0 % 12 + 1, d.d};
    while (!date_exists(r.y, r.m, r.d))
        r.d--;
    return r;
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
    return 0;
}
