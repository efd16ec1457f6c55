/* context.c: the parts of a template context every document shares; see context.h. */
#include "docs/context.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "docs/kinds.h"

mu_value *money_value_of(pence p)
{
    char buf[32];
    money_format(p, buf, sizeof buf);
    return mu_string(buf);
}

mu_value *date_value_of(pb_date d)
{
    char buf[48];
    date_format_long(d, buf, sizeof buf);
    return mu_string(buf);
}

mu_value *weekday_date_value_of(pb_date d)
{
    char buf[64];
    date_format_weekday(d, buf, sizeof buf);
    return mu_string(buf);
}

mu_value *period_value_of(int days, day_unit unit)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%d %s%s", days, unit == DAYS_WORKING ? "working day" : "day",
             days == 1 ? "" : "s");
    return mu_string(buf);
}

mu_value *officer_markdown(const char *md)
{
    strbuf sb = {0};
    bool line_start = true;
    int indent = 0;
    for (const char *p = md; *p; p++) {
        if (line_start && *p == ' ' && indent < 3) {
            indent++;
            sb_putc(&sb, *p);
            continue;
        }
        if (line_start && *p == '<')
            sb_putc(&sb, '\\');
        line_start = *p == '\n';
        indent = 0;
        sb_putc(&sb, *p);
    }
    char *s = sb_take(&sb);
    mu_value *v = mu_markdown(s);
    free(s);
    return v;
}

/* An optional string: the value, or false so {{#x}}...{{/x}} leaves it out. */
static mu_value *opt_string(const char *s)
{
    return s && s[0] ? mu_string(s) : mu_bool(false);
}

static mu_value *string_list(const pb_strings *s)
{
    mu_value *list = mu_list();
    for (size_t i = 0; i < s->len; i++)
        mu_list_push(list, mu_string(s->items[i]));
    return list;
}

mu_value *contact_value_of(const pb_contact *c)
{
    mu_value *m = mu_map();
    mu_map_set(m, "name", opt_string(c->name));
    mu_map_set(m, "address", string_list(&c->address));
    mu_map_set(m, "phone", opt_string(c->phone));
    mu_map_set(m, "email", opt_string(c->email));
    mu_map_set(m, "website", opt_string(c->website));
    return m;
}

static const char *const number_words[] = {"no", "one", "two", "three", "four",
                                           "five", "six", "seven", "eight", "nine"};

static mu_value *council_value(const council *co)
{
    mu_value *m = mu_map();
    mu_map_set_str(m, "name", co->name);
    mu_map_set(m, "address", string_list(&co->contact.address));
    mu_map_set(m, "phone", opt_string(co->contact.phone));
    mu_map_set(m, "email", opt_string(co->contact.email));
    mu_map_set(m, "website", opt_string(co->contact.website));
    mu_value *sig = mu_map_set(m, "signatory", mu_map());
    mu_map_set_str(sig, "name", co->signatory.name);
    mu_map_set_str(sig, "role", co->signatory.role);
    mu_map_set(m, "sendiass", contact_value_of(&co->sendiass));
    mu_map_set(m, "complaints", contact_value_of(&co->complaints));
    mu_map_set(m, "icb", contact_value_of(&co->icb));
    mu_map_set_str(m, "policy", co->policy);
    mu_map_set(m, "notes", co->policy_notes ? officer_markdown(co->policy_notes) : mu_bool(false));
    int n = co->reconsiderations;
    char buf[16];
    snprintf(buf, sizeof buf, "%d", n);
    mu_map_set_str(m, "reconsiderations", n >= 0 && n < 10 ? number_words[n] : buf);
    mu_map_set(m, "one_reconsideration", mu_bool(n == 1));
    return m;
}

static mu_value *budget_value(const pb_case *c)
{
    mu_value *m = mu_map();
    mu_value *items = mu_map_set(m, "items", mu_list());
    pence totals[STREAM_COUNT] = {0}, overall = 0;
    static const char *const stream_labels[] = {"Education", "Health", "Social care"};
    static const char *const arr_labels[] = {"Direct payment", "Managed by the council",
                                             "Managed by a third party",
                                             "Managed by the school, college or provider"};
    bool any_dp = false;
    for (size_t i = 0; i < c->n_items; i++) {
        const pb_item *it = &c->items[i];
        mu_value *v = mu_list_push(items, mu_map());
        mu_map_set_str(v, "id", it->id);
        mu_map_set_str(v, "provision", it->provision);
        mu_map_set(v, "outcomes", string_list(&it->outcomes));
        mu_map_set_str(v, "stream", stream_labels[it->stream]);
        mu_map_set_str(v, "arrangement", arr_labels[it->arr]);
        mu_map_set(v, "is_direct_payment", mu_bool(it->arr == ARR_DIRECT_PAYMENT));
        mu_map_set(v, "annual_amount", money_value_of(it->annual));
        totals[it->stream] += it->annual;
        overall += it->annual;
        any_dp |= it->arr == ARR_DIRECT_PAYMENT;
    }
    static const char *const keys[] = {"education", "health", "social_care"};
    mu_value *t = mu_map_set(m, "totals", mu_list());
    for (int s = 0; s < STREAM_COUNT; s++) {
        bool has = false;
        for (size_t i = 0; i < c->n_items; i++)
            has |= c->items[i].stream == (funding_stream)s;
        char key[32];
        snprintf(key, sizeof key, "has_%s", keys[s]);
        mu_map_set(m, key, mu_bool(has));
        snprintf(key, sizeof key, "%s_total", keys[s]);
        mu_map_set(m, key, money_value_of(totals[s]));
        if (has) {
            mu_value *row = mu_list_push(t, mu_map());
            mu_map_set_str(row, "stream", stream_labels[s]);
            mu_map_set(row, "amount", money_value_of(totals[s]));
        }
    }
    mu_map_set(m, "total", money_value_of(overall));
    mu_map_set(m, "has_direct_payments", mu_bool(any_dp));
    return m;
}

/* A person a letter goes to: name, full_name (with title), salutation, address, postcode. The
 * salutation is "Dear {title} {family name}" when both are known, else "Dear {name}". */
static mu_value *person_value(const char *title, const char *name, const char *family_name,
                              const pb_strings *address, const char *postcode)
{
    mu_value *m = mu_map();
    mu_map_set(m, "title", opt_string(title));
    mu_map_set_str(m, "name", name);
    char full[1100];
    snprintf(full, sizeof full, "%s%s%s", title ? title : "", title ? " " : "", name);
    mu_map_set_str(m, "full_name", full);
    if (title && family_name)
        snprintf(full, sizeof full, "Dear %s %s", title, family_name);
    else
        snprintf(full, sizeof full, "Dear %s", name);
    mu_map_set_str(m, "salutation", full);
    mu_map_set(m, "address", string_list(address));
    mu_map_set_str(m, "postcode", postcode);
    return m;
}

mu_value *context_common(const doc_input *in, pb_date issued)
{
    const pb_case *c = in->c;
    mu_value *ctx = mu_map();
    mu_map_set(ctx, "date", date_value_of(issued));
    mu_map_set_str(ctx, "reference", c->id);
    mu_map_set(ctx, "council", council_value(in->council));

    mu_value *child = mu_map_set(ctx, "child", mu_map());
    mu_map_set_str(child, "given_names", c->child.given_names);
    mu_map_set_str(child, "family_name", c->child.family_name);
    char full[1024];
    snprintf(full, sizeof full, "%s %s", c->child.given_names, c->child.family_name);
    mu_map_set_str(child, "full_name", full);
    mu_map_set(child, "date_of_birth", date_value_of(c->child.date_of_birth));

    bool to_young_person = c->recipient.rel == REL_YOUNG_PERSON;
    /* A letter to the young person talks to them, never about them. */
    char words[1024];
    snprintf(words, sizeof words, "%s's", c->child.given_names);
    mu_map_set_str(child, "possessive", to_young_person ? "your" : words);
    mu_map_set_str(child, "subject", to_young_person ? "you" : c->child.given_names);

    mu_value *r = mu_map_set(ctx, "recipient", person_value(c->recipient.title, c->recipient.name,
                                                            c->recipient.family_name,
                                                            &c->recipient.address,
                                                            c->recipient.postcode));
    mu_map_set(r, "is_parent", mu_bool(c->recipient.rel == REL_PARENT));
    mu_map_set(r, "is_young_person", mu_bool(to_young_person));
    mu_map_set(r, "is_representative", mu_bool(c->recipient.rel == REL_REPRESENTATIVE));
    mu_map_set(r, "is_nominee", mu_bool(c->recipient.rel == REL_NOMINEE));

    /* A nominee's letter goes to the parent or young person too: a list of one, or empty. */
    mu_value *copies = mu_map_set(ctx, "copy_to", mu_list());
    if (c->recipient.copy_to.has)
        mu_list_push(copies, person_value(c->recipient.copy_to.title, c->recipient.copy_to.name,
                                          c->recipient.copy_to.family_name,
                                          &c->recipient.copy_to.address,
                                          c->recipient.copy_to.postcode));

    mu_value *plan = mu_map_set(ctx, "plan", mu_map());
    mu_map_set_str(plan, "reference", c->plan.reference);
    mu_map_set(plan, "issued", date_value_of(c->plan.issued));

    mu_value *o = mu_map_set(ctx, "officer", mu_map());
    mu_map_set_str(o, "name", c->officer.name);
    mu_map_set_str(o, "role", c->officer.role);
    mu_map_set_str(o, "phone", c->officer.phone);
    mu_map_set_str(o, "email", c->officer.email);

    mu_map_set(ctx, "budget", budget_value(c));
    return ctx;
}

int council_service(const doc_input *in, service_method *m, diag_list *errs)
{
    if (service_method_parse(in->council->service, m) == 0)
        return 0;
    diag_add_class(errs, DIAG_TEMPLATE, NULL, 0, 0, in->c->id, "council",
                   "profile '%s' has an unknown service method", in->council->id);
    return -1;
}

int document_service(const doc_input *in, const pb_sending *s, service_method *m, int *minute,
                     diag_list *errs)
{
    static const service_method by[] = {
        [SENT_FIRST_CLASS] = SERVE_FIRST_CLASS, [SENT_SECOND_CLASS] = SERVE_SECOND_CLASS,
        [SENT_HAND] = SERVE_HAND, [SENT_EMAIL] = SERVE_EMAIL};
    *minute = s->minute;
    if (s->by == SENT_BY_PROFILE)
        return council_service(in, m, errs);
    *m = by[s->by];
    return 0;
}

mu_value *markdown_list(const pb_strings *s)
{
    mu_value *list = mu_list();
    for (size_t i = 0; i < s->len; i++)
        mu_list_push(list, officer_markdown(s->items[i]));
    return list;
}

/* "once", "twice", "three times", ..., "12 times" (never "no times": profiles have at least 1). */
static void times_words(int n, char *buf, size_t size)
{
    if (n == 1 || n == 2)
        snprintf(buf, size, "%s", n == 1 ? "once" : "twice");
    else if (n > 2 && n < 10)
        snprintf(buf, size, "%s times", number_words[n]);
    else
        snprintf(buf, size, "%d times", n);
}

/* Whether the council's published policy sets the notice period for this kind of decision
 * (statutory.md 3.1, 2.2 N10): the kind has a notice period (docs/kinds.c) and the policy's
 * covers names it (a reduction, a stop) or both. */
static bool policy_sets_notice(const council *co, doc_kind kind)
{
    const doc_kind_info *k = &doc_kinds[kind];
    return co->notice.from_policy && k->has_notice &&
           (co->notice.covers == COVERS_BOTH || co->notice.covers == k->notice);
}

/* policy.*: how the letter may speak of the council's policy: "Our policy gives you ..." only
 * when the policy sets the period for this decision, else "We are giving you ...". */
static mu_value *policy_value(const council *co, doc_kind kind)
{
    mu_value *m = mu_map();
    bool from_policy = policy_sets_notice(co, kind);
    mu_map_set(m, "notice_from_policy", mu_bool(from_policy));
    int n = co->notice.days;
    char buf[96];
    snprintf(buf, sizeof buf, "%d %s%s notice", n,
             co->notice.unit == DAYS_WORKING ? "working day" : "day", n == 1 ? "'s" : "s'");
    mu_map_set_str(m, "notice_words", buf);
    if (from_policy && co->notice.paragraph) {
        snprintf(buf, sizeof buf, "paragraph %s", co->notice.paragraph);
        mu_map_set_str(m, "notice_paragraph", buf);
    } else {
        mu_map_set(m, "notice_paragraph", mu_bool(false));
    }
    times_words(co->reconsiderations, buf, sizeof buf);
    mu_map_set_str(m, "reconsiderations_words", buf);
    return m;
}

int letter_sending(mu_value *ctx, const doc_input *in, const pb_sending *s, service_method *m,
                   int *minute, diag_list *errs)
{
    if (document_service(in, s, m, minute, errs) != 0)
        return -1;
    static const char *const said[] = {
        [SERVE_FIRST_CLASS] = "We are sending this letter by first-class post.",
        [SERVE_SECOND_CLASS] = "We are sending this letter by second-class post.",
        [SERVE_HAND] = "We are delivering this letter by hand.",
        [SERVE_EMAIL] = "We are sending this letter by email."};
    bool late = (*m == SERVE_HAND || *m == SERVE_EMAIL) && *minute >= SERVICE_CUTOFF_MINUTE;
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s", said[*m],
             !late ? ""
             : *m == SERVE_HAND ? " As it is delivered at 4.30pm or later, we treat it as "
                                  "delivered on the next working day."
                                : " As it is sent at 4.30pm or later, we treat it as sent on the "
                                  "next working day.");
    mu_value *v = mu_map_set(ctx, "sent", mu_map());
    mu_map_set_str(v, "method", service_method_name(*m));
    mu_map_set_str(v, "statement", buf);
    mu_map_set(v, "after_cutoff", mu_bool(late));
    return 0;
}

mu_value *notice_context(mu_value *ctx, const doc_input *in, const char *key,
                         const pb_sending *sent, pb_date issued, notice_dates *nd,
                         diag_list *errs)
{
    const council *co = in->council;
    service_method m;
    int minute;
    if (letter_sending(ctx, in, sent, &m, &minute, errs) != 0)
        return NULL;
    *nd = notice_period_at(in->cal, issued, m, minute, co->notice.days, co->notice.unit);
    mu_value *v = mu_map_set(ctx, key, mu_map());
    mu_map_set(v, "issued", date_value_of(issued));
    mu_map_set_str(v, "service", service_method_name(m));
    mu_map_set(v, "deemed_receipt", weekday_date_value_of(nd->receipt));
    mu_map_set(v, "last_day", weekday_date_value_of(nd->last_day));
    mu_map_set(v, "notice", period_value_of(co->notice.days, co->notice.unit));
    pb_date by = act_by(in->cal, nd->receipt, co->reconsider_within.days,
                        co->reconsider_within.unit);
    mu_map_set(v, "reconsider_by", weekday_date_value_of(by));
    mu_map_set(v, "reconsider_within",
               period_value_of(co->reconsider_within.days, co->reconsider_within.unit));
    return v;
}

mu_value *doc_context(doc_kind kind, const doc_input *in, diag_list *errs)
{
    mu_value *ctx = context_common(in, doc_kind_issued(in->c, kind));
    mu_map_set(ctx, "policy", policy_value(in->council, kind));
    if (doc_kinds[kind].build(ctx, in, errs) != 0) {
        mu_free(ctx);
        return NULL;
    }
    return ctx;
}
