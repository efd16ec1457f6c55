/* refusal.c: the refusal letter's rules (statutory.md 2.1). Which decision is refused (a
 * personal budget, or direct payments), the date of the request and the items it covered, each
 * by stream (streams.h), each ground in words with the law it rests on, the reasons, and the
 * review: who reviews, the date by which to ask (deemed receipt + the council's period, rolled
 * to a working day), and how soon the council replies. */
#include <stdio.h>

#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

#define PB_REGS "the Special Educational Needs (Personal Budgets) Regulations 2014"

/* Each ground in words, and the law. Only what the research could check is cited to the
 * paragraph (statutory.md 1.2, 2.1 R5): reg 4A and reg 5(2) (the Schedule's heading names
 * 5(2)(d)) and s.49(2); the others name the regulation only, and the Code without a paragraph.
 * "%s" is the child's possessive ("Zoë's", or "your" in a letter to the young person). */
static const struct {
    const char *words, *legal_basis;
} refusal_grounds[REFUSAL_GROUND_COUNT] = {
    [REFUSAL_4A_ADVERSE_IMPACT] = {
        "We pay for this support through a wider arrangement that also serves other children "
        "and young people, and we cannot separate out an amount for it: separating it would "
        "have an adverse impact on other services we provide or arrange for children and young "
        "people with an EHC plan.",
        "regulation 4A of " PB_REGS},
    [REFUSAL_4A_NOT_EFFICIENT] = {
        "We pay for this support through a wider arrangement that also serves other children "
        "and young people, and we cannot separate out an amount for it: separating it would not "
        "be an efficient use of our resources.",
        "regulation 4A of " PB_REGS},
    [REFUSAL_OUTSIDE_REQUEST_TIMES] = {
        "The request was not made at a time when the regulations allow a personal budget to be "
        "asked for.",
        "regulation 4 of " PB_REGS " (when a request may be made)"},
    [REFUSAL_NOT_IN_PLAN] = {
        "A personal budget can only pay for provision that is set out, or proposed to be set "
        "out, in the EHC plan, and the support asked for is not.",
        "section 49(2) of the Children and Families Act 2014"},
    [REFUSAL_R5_NOT_CAPABLE] = {
        "We are not satisfied that the person who would receive the direct payments can manage "
        "them, even with the help available to them.",
        "regulation 5(2) of " PB_REGS " (who may receive direct payments)"},
    [REFUSAL_R5_AGE] = {
        "Direct payments can only be made to a person who is over compulsory school age, and "
        "the person who would receive them is not.",
        "regulation 5(2) of " PB_REGS " (who may receive direct payments)"},
    [REFUSAL_R5_CAPACITY] = {
        "The person who would receive the direct payments does not have the mental capacity "
        "(under the Mental Capacity Act 2005) to consent to receiving them.",
        "regulation 5(2) of " PB_REGS " (who may receive direct payments)"},
    [REFUSAL_R5_SCHEDULE] = {
        "The person who would receive the direct payments is someone the regulations say may "
        "not receive them.",
        "regulation 5(2) of, and the Schedule to, " PB_REGS},
    [REFUSAL_R6_APPROPRIATE_USE] = {
        "We are not satisfied that the direct payments would be used to secure the agreed "
        "support in an appropriate way.",
        "regulation 6 of " PB_REGS " (the conditions for making direct payments)"},
    [REFUSAL_R6_BEST_INTERESTS] = {
        "We are not satisfied that the person who would receive the direct payments would act "
        "in %s best interests.",
        "regulation 6 of " PB_REGS " (the conditions for making direct payments)"},
    [REFUSAL_R6_ADVERSE_IMPACT] = {
        "We consider that direct payments would have an adverse impact on other services we "
        "provide or arrange for children and young people with an EHC plan.",
        "regulation 6 of " PB_REGS " (the conditions for making direct payments)"},
    [REFUSAL_R6_NOT_EFFICIENT] = {
        "We consider that direct payments would not be an efficient use of our resources.",
        "regulation 6 of " PB_REGS " (the conditions for making direct payments)"},
    [REFUSAL_HEAD_TEACHER_NOT_AGREED] = {
        "The support is delivered at the school or college, and the head teacher or principal "
        "has not agreed to it being paid for by direct payments.",
        "regulation 6 of " PB_REGS " (the conditions for making direct payments)"},
    [REFUSAL_SCHOOL_PLACE] = {
        "Direct payments cannot be used to pay for a place at a school or college.",
        "the SEND Code of Practice: 0 to 25 years (January 2015), which we must have regard to"},
};

static mu_value *grounds_value(const pb_refusal *r, const mu_value *ctx)
{
    const mu_value *poss = mu_path(ctx, "child.possessive");
    mu_value *list = mu_list();
    for (int g = 0; g < REFUSAL_GROUND_COUNT; g++) {
        if (!(r->grounds & (1u << g)))
            continue;
        char words[1400];
        snprintf(words, sizeof words, refusal_grounds[g].words,
                 poss && poss->kind == MU_STRING ? poss->u.str.s : "the child's");
        mu_value *row = mu_list_push(list, mu_map());
        mu_map_set_str(row, "words", words);
        mu_map_set_str(row, "legal_basis", refusal_grounds[g].legal_basis);
    }
    return list;
}

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
    mu_map_set(v, "requested", date_value_of(r->requested));
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
    mu_value *grounds = mu_map_set(v, "grounds", grounds_value(r, ctx));
    mu_map_set(v, "several_grounds", mu_bool(grounds->u.list.len > 1));
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
