/* stop.c: the stop notice's rules (statutory.md 2.2b, S1-S7). The notice names the direct
 * payments that stop, its one ground in words with the basis for it (one table, indexed by the
 * ground), the items per stream (streams.h), the stop date as a calendar date with its weekday,
 * the notice given (the council's period, counted from deemed receipt as for a reduction;
 * whether the policy sets it is policy.notice_from_policy, context.c), and the last day to ask
 * for a reconsideration. When the recipient withdrew consent in writing the letter confirms
 * their date instead of giving notice: the payments stop from it. The basis sentences state principles, not
 * regulation numbers: regulation 14 of the SEN (Personal Budgets) Regulations 2014 is known only
 * from secondary sources, and social-care items stop under other law (the stream's own block). */
#include <stdio.h>

#include "docs/context.h"
#include "docs/notice.h"
#include "docs/streams.h"

typedef struct stop_ground_text {
    const char *key;    /* the flag stop.ground_<key> */
    const char *words;  /* "This is because ..." */
    const char *basis;  /* why that ground ends direct payments, true whichever law applies */
} stop_ground_text;

static const stop_ground_text ground_texts[STOP_GROUND_COUNT] = {
    [STOP_CONSENT_WITHDRAWN] = {"consent_withdrawn",
        "you have told us in writing that you no longer consent to receive direct payments",
        "Direct payments can only be made with the consent of the person who receives them. "
        "When that person withdraws their consent in writing, the direct payments must stop."},
    [STOP_NO_LONGER_ELIGIBLE] = {"no_longer_eligible",
        "the person who receives the direct payments no longer meets the conditions for "
        "receiving them",
        "The law sets conditions that a person must meet to receive direct payments, such as "
        "being able to manage them, with any help that is available. Direct payments cannot "
        "continue to a person who no longer meets those conditions."},
    [STOP_REVIEW_NOT_USED_FOR_PROVISION] = {"review_not_used_for_provision",
        "our review found that the direct payments are not being used to secure the support "
        "they were agreed for",
        "Direct payments are made only to secure the support agreed for them. When a review "
        "finds that they are not being used for it, they can no longer continue."},
    [STOP_REVIEW_CANNOT_SECURE_BY_DP] = {"review_cannot_secure_by_dp",
        "our review found that the agreed support can no longer be secured by direct payments",
        "Direct payments are made only where they can secure the agreed support. When a review "
        "finds that they cannot, the support has to be arranged in another way."},
    [STOP_ADVERSE_IMPACT] = {"adverse_impact",
        "continuing the direct payments would have an adverse impact on other services we "
        "provide or arrange for children and young people with EHC plans",
        "Direct payments can only be made where they do not have an adverse impact on other "
        "services for children and young people with EHC plans."},
    [STOP_NOT_EFFICIENT] = {"not_efficient",
        "continuing the direct payments would no longer be an efficient use of our resources",
        "Direct payments can only be made where they are an efficient use of the council's "
        "resources."},
    [STOP_PROVISION_REMOVED] = {"provision_removed",
        "the support the direct payments paid for is no longer in the EHC plan",
        "Direct payments from a personal budget pay for support set out in the EHC plan. When "
        "that support is no longer in the plan, there is nothing left for them to pay for."},
    [STOP_PLAN_CEASED] = {"plan_ceased",
        "the EHC plan has ceased",
        "Direct payments from a personal budget pay for support set out in an EHC plan. When "
        "the plan ceases, the direct payments made under it stop."},
    [STOP_DEATH] = {"death",
        "the person who received the direct payments has died",
        "Direct payments can only be made to a person who has agreed to receive them. If you "
        "would like them to continue with someone else receiving them, please tell us: we will "
        "look at that as a new request."},
};

/* The items per stream (streams.h) and as one list. */
static void stopped_items(mu_value *ctx, mu_value *v, const doc_input *in)
{
    const pb_stop *s = &in->c->stop;
    mu_value *items = mu_map_set(v, "items", mu_list());
    stream_lists sl = stream_lists_begin(ctx);
    for (size_t i = 0; i < s->n_items; i++) {
        const pb_item *it = s->items[i];
        stream_lists_row(&sl, in, it, s->issued);
        mu_value *row = mu_list_push(items, mu_map());
        mu_map_set_str(row, "id", it->id);
        mu_map_set_str(row, "provision", it->provision);
        mu_map_set(row, "annual_amount", money_value_of(it->annual));
    }
    stream_lists_end(ctx, &sl, in, s->issued);
}

static void set_ground(mu_value *v, stop_ground g)
{
    const stop_ground_text *t = &ground_texts[g];
    mu_map_set_str(v, "ground", t->words);
    mu_map_set_str(v, "ground_basis", t->basis);
    for (int k = 0; k < STOP_GROUND_COUNT; k++) {
        char key[64];
        snprintf(key, sizeof key, "ground_%s", ground_texts[k].key);
        mu_map_set(v, key, mu_bool(k == (int)g));
    }
}

int stop_context(mu_value *ctx, const doc_input *in, diag_list *errs)
{
    const pb_stop *s = &in->c->stop;
    notice_dates nd;
    mu_value *v = notice_context(ctx, in, "stop", &s->sent, s->issued, &nd, errs);
    if (!v)
        return -1;
    bool consent = s->ground == STOP_CONSENT_WITHDRAWN && s->has_consent_date;
    mu_map_set(v, "gives_notice", mu_bool(!consent));
    mu_map_set(v, "stop_date", weekday_date_value_of(consent ? s->consent_withdrawn_on
                                                             : nd.effective));
    mu_map_set(v, "consent_withdrawn_on", consent ? weekday_date_value_of(s->consent_withdrawn_on)
                                                  : mu_bool(false));
    stopped_items(ctx, v, in);
    set_ground(v, s->ground);
    mu_map_set(v, "personal_assistant", mu_bool(s->personal_assistant));
    mu_map_set(v, "reasons", markdown_list(&s->reasons));
    mu_map_set(v, "continuation", officer_markdown(s->continuation));
    return 0;
}
