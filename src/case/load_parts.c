/* load_parts.c: reading the parts of a case added for issue 13 (statutory.md 2.5): people
 * (family name, copy-to), the details of an item (needs and outcomes with their plan refs,
 * payment frequency, payee, the setting's agreement), how each document is sent, refusal
 * grounds, a reduction's plan status and a repayment's paid and spent amounts. Values are
 * checked where they are read; rules across fields are in checks.c. */
#include <stdlib.h>
#include <string.h>

#include "case/load_internal.h"
#include "case/rules.h"

void read_person(loader *ld, xmlNodePtr n, char **title, char **name, char **family_name,
                 pb_strings *address, char **postcode)
{
    *title = plain(ld, child(n, "title"));
    *name = plain(ld, child(n, "name"));
    *family_name = plain(ld, child(n, "family-name"));
    xmlNodePtr addr = child(n, "address");
    *address = strings_of(ld, addr, "line", false);
    xmlNodePtr pc = child(addr, "postcode");
    if (pc) {
        char *raw = plain(ld, pc);
        char norm[9];
        if (raw && postcode_normalise(raw, norm))
            *postcode = arena_strdup(&ld->c->mem, norm);
        else if (raw && raw[0])
            problem(ld, pc, "is not a valid UK postcode");
    }
    /* The window holds at most 7 lines: name, up to 5 address lines, postcode. */
    if (address->len > 5)
        problem(ld, addr, "has %zu lines; at most 5 fit the envelope window with the name and "
                "postcode", address->len);
}

void read_copy_to(loader *ld, xmlNodePtr recipient)
{
    xmlNodePtr n = child(recipient, "copy-to");
    if (!n)
        return;
    pb_case *c = ld->c;
    c->recipient.copy_to.has = true;
    xmlAttrPtr rel = attr_node(n, "relationship");
    c->recipient.copy_to.rel = rel ? (relationship)enum_of((xmlNodePtr)rel, rel_names, REL_COUNT)
                                   : REL_PARENT;
    read_person(ld, n, &c->recipient.copy_to.title, &c->recipient.copy_to.name,
                &c->recipient.copy_to.family_name, &c->recipient.copy_to.address,
                &c->recipient.copy_to.postcode);
}

/* Children named name as texts, and their optional ref attributes (NULL where absent). */
static void ref_texts(loader *ld, xmlNodePtr parent, const char *name, pb_strings *texts,
                      pb_strings *refs)
{
    *texts = strings_of(ld, parent, name, false);
    refs->len = texts->len;
    refs->items = arena_alloc(&ld->c->mem, (texts->len ? texts->len : 1) * sizeof *refs->items);
    size_t i = 0;
    for (xmlNodePtr k = parent->children; k; k = k->next) {
        if (!named(k, name))
            continue;
        xmlAttrPtr ref = attr_node(k, "ref");
        refs->items[i++] = ref ? plain(ld, (xmlNodePtr)ref) : NULL;
    }
}

static const char *const paid_names[] = {"", "weekly", "four-weekly", "monthly", "quarterly"};

const char *paid_every_name(paid_every p) { return paid_names[p]; }

void read_item_details(loader *ld, xmlNodePtr n, pb_item *it)
{
    ref_texts(ld, n, "need", &it->needs, &it->need_refs);
    ref_texts(ld, n, "outcome", &it->outcomes, &it->outcome_refs);
    xmlAttrPtr paid = attr_node(n, "paid"), payee = attr_node(n, "payee");
    if (paid)
        it->paid = (paid_every)enum_of((xmlNodePtr)paid, paid_names, 5);
    if (payee)
        it->payee = plain(ld, (xmlNodePtr)payee);
    if ((paid || payee) && it->arr != ARR_DIRECT_PAYMENT)
        problem(ld, (xmlNodePtr)(paid ? paid : payee), "is only for an item arranged as a "
                "direct payment (arrangement=\"direct-payment\")");
    xmlNodePtr sa = child(n, "setting-agreement");
    if (sa) {
        it->setting_agreement.has = true;
        it->setting_agreement.by = plain(ld, (xmlNodePtr)attr_node(sa, "by"));
        xmlChar *role = xmlGetProp(sa, (const xmlChar *)"role");
        it->setting_agreement.principal = role && strcmp((const char *)role, "principal") == 0;
        xmlFree(role);
        xmlAttrPtr date = attr_node(sa, "date");
        if (date)
            it->setting_agreement.date = date_value(ld, (xmlNodePtr)date);
    }
}

static const char *const sent_names[] = {"", "first-class", "second-class", "hand", "email"};

/* "HH:MM", 00:00 to 23:59: minutes after midnight, or -1. */
static int clock_minutes(const char *s)
{
    if (strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

pb_sending read_sending(loader *ld, xmlNodePtr doc)
{
    pb_sending s = {.by = SENT_BY_PROFILE, .minute = -1};
    xmlAttrPtr by = attr_node(doc, "sent-by"), at = attr_node(doc, "sent-at");
    if (by)
        s.by = (sent_by)enum_of((xmlNodePtr)by, sent_names, 5);
    if (at) {
        char *v = plain(ld, (xmlNodePtr)at);
        s.minute = v ? clock_minutes(v) : -1;
        if (v && s.minute < 0)
            problem(ld, (xmlNodePtr)at, "is not a time in the form HH:MM (00:00 to 23:59)");
    }
    bool by_hand = s.by == SENT_HAND || s.by == SENT_EMAIL;
    if (by && by_hand && !at)
        problem(ld, (xmlNodePtr)by, "is %s: give the time it is sent as sent-at=\"HH:MM\" "
                "(after 16:30 it counts as sent the next working day)", sent_names[s.by]);
    if (at && !by_hand)
        problem(ld, (xmlNodePtr)at, "is only for a document sent by hand or email "
                "(sent-by=\"hand\" or \"email\"): a posted letter's time does not count");
    return s;
}

static const char *const refusal_ground_names[REFUSAL_GROUND_COUNT] = {
    "4A-adverse-impact", "4A-not-efficient", "outside-request-times", "not-in-plan",
    "r5-not-capable", "r5-age", "r5-capacity", "r5-schedule", "r6-appropriate-use",
    "r6-best-interests", "r6-adverse-impact", "r6-not-efficient", "head-teacher-not-agreed",
    "school-place",
};

const char *refusal_ground_name(refusal_ground g) { return refusal_ground_names[g]; }

refusal_scope refusal_ground_scope(refusal_ground g)
{
    return g <= REFUSAL_NOT_IN_PLAN ? SCOPE_PERSONAL_BUDGET : SCOPE_DIRECT_PAYMENT;
}

void read_refusal_grounds(loader *ld, xmlNodePtr n, pb_refusal *r)
{
    static const char *const scope_names[] = {"personal-budget", "direct-payment"};
    xmlAttrPtr req = attr_node(n, "requested");
    if (req)
        r->requested = date_value(ld, (xmlNodePtr)req);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "ground"))
            continue;
        refusal_ground g = (refusal_ground)enum_of(k, refusal_ground_names, REFUSAL_GROUND_COUNT);
        if (r->grounds & (1u << g))
            problem(ld, k, "is given twice");
        r->grounds |= 1u << g;
        refusal_scope fits = refusal_ground_scope(g);
        if (fits != r->scope)
            problem(ld, k, "%s is a ground for refusing %s (scope=\"%s\"), not for this refusal's "
                    "scope=\"%s\"", refusal_ground_names[g],
                    fits == SCOPE_PERSONAL_BUDGET ? "a personal budget" : "direct payments",
                    scope_names[fits], scope_names[r->scope]);
    }
}

void read_reduction_plan(loader *ld, xmlNodePtr n, pb_reduction *r)
{
    static const char *const plans[] = {"unchanged", "amended"};
    xmlAttrPtr plan = attr_node(n, "plan"), amended = attr_node(n, "amended-plan");
    r->plan = plan ? (reduction_plan)enum_of((xmlNodePtr)plan, plans, 2) : PLAN_UNCHANGED;
    if (amended)
        r->amended_plan = date_value(ld, (xmlNodePtr)amended);
    xmlNodePtr cost = child(n, "cost-reason");
    if (cost)
        r->cost_reason = markdown(ld, cost);
    if (!plan)
        return;
    if (r->plan == PLAN_AMENDED && !amended)
        problem(ld, (xmlNodePtr)plan, "is amended: give the date of the amended final plan as "
                "amended-plan=\"YYYY-MM-DD\"");
    if (r->plan == PLAN_UNCHANGED && amended)
        problem(ld, (xmlNodePtr)amended, "is only for plan=\"amended\"");
    if (r->plan == PLAN_UNCHANGED && !cost)
        problem(ld, (xmlNodePtr)plan, "is unchanged: add a <cost-reason> saying why the same "
                "provision now costs less (or, if Section F was amended, plan=\"amended\")");
}

/* A non-negative amount attribute; 0 when absent or rejected. */
static pence amount_attr(loader *ld, xmlNodePtr n, const char *name, bool *ok)
{
    xmlAttrPtr a = attr_node(n, name);
    if (!a) {
        *ok = false;
        return 0;
    }
    char *raw = raw_text((xmlNodePtr)a);
    bool negative = raw && raw[strspn(raw, " \t\n")] == '-';
    xmlFree(raw);
    if (negative) {
        problem(ld, (xmlNodePtr)a, "cannot be negative");
        *ok = false;
        return 0;
    }
    int before = ld->problems;
    pence p = money_value(ld, (xmlNodePtr)a);
    *ok = *ok && ld->problems == before;
    return p;
}

void read_repayment_money(loader *ld, xmlNodePtr n, pb_repayment *r)
{
    bool ok = true;
    r->paid = amount_attr(ld, n, "paid", &ok);
    r->spent = amount_attr(ld, n, "spent", &ok);
    if (!ok)
        return;
    if (r->spent > r->paid)
        problem(ld, (xmlNodePtr)attr_node(n, "spent"), "is more than was paid (paid): spending "
                "cannot exceed the payments for the period");
    else if (r->amount > r->paid - r->spent)
        problem(ld, (xmlNodePtr)attr_node(n, "amount"), "is more than was paid less what was "
                "spent (paid - spent): no more than the unspent balance can be asked back");
}
