/* checks.c: the rules across fields of a case (statutory.md 1.10, 1.11, 2.0-2.5), run once every
 * field has been read without a problem: who may be written to (a death, compulsory school age,
 * a nominee's copy), dates that must come in order (birth, plan, request, letter, death), what a
 * decision may cover (no health item, no direct payment refused that is already paid so),
 * a repayment's period and direct payment, Section J's needs and outcomes. Each message says
 * what to do. A parent writing about someone over compulsory school age is only a warning. */
#include <stddef.h>
#include <string.h>

#include "case/load_internal.h"

/* --- ages ----------------------------------------------------------------------------------- */

/* The anniversary of d after years (29 February: 1 March in a year that has none). */
static pb_date anniversary(pb_date d, int years)
{
    pb_date a = {d.y + years, d.m, d.d};
    if (!date_exists(a.y, a.m, a.d))
        a = (pb_date){a.y, 3, 1};
    return a;
}

pb_date compulsory_school_age_end(pb_date dob)
{
    /* statutory.md 1.10 (Education Act 1996 s.8(3)): B = 16th birthday; Y = B's year if B is in
     * January-August, else the next year; the end is the last Friday in June of Y. */
    pb_date b = anniversary(dob, 16);
    int y = b.m <= 8 ? b.y : b.y + 1;
    pb_date d = {y, 6, 30};
    while (date_weekday(d) != 5)
        d = date_add(d, -1);
    return d;
}

static bool over_school_age(pb_date dob, pb_date on)
{
    return date_cmp(on, compulsory_school_age_end(dob)) > 0;
}

/* --- the documents a case asks for ---------------------------------------------------------- */

typedef struct doc_ref {
    doc_kind kind;
    xmlNodePtr node;
    pb_date issued;
} doc_ref;

static size_t documents(const pb_case *c, xmlNodePtr root, doc_ref out[DOC_KIND_COUNT])
{
    size_t n = 0;
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (c->has[k])
            out[n++] = (doc_ref){(doc_kind)k, child(root, doc_kind_name((doc_kind)k)),
                                 doc_kind_issued(c, (doc_kind)k)};
    return n;
}

static xmlNodePtr item_node(xmlNodePtr root, const char *id)
{
    for (xmlNodePtr k = child(root, "personal-budget")->children; k; k = k->next) {
        if (!named(k, "item"))
            continue;
        xmlChar *v = xmlGetProp(k, (const xmlChar *)"id");
        bool same = v && strcmp((const char *)v, id) == 0;
        xmlFree(v);
        if (same)
            return k;
    }
    return NULL;
}

static xmlAttrPtr issued_attr(const doc_ref *d)
{
    return attr_node(d->node, "issued");
}

/* --- people --------------------------------------------------------------------------------- */

static void check_people(loader *ld, xmlNodePtr root, const doc_ref *docs, size_t n)
{
    const pb_case *c = ld->c;
    xmlNodePtr ch = child(root, "child"), rec = child(root, "recipient");
    xmlNodePtr dob = child(ch, "date-of-birth"), dod = child(ch, "date-of-death");
    xmlNodePtr rel = (xmlNodePtr)attr_node(rec, "relationship");
    if (n == 0)
        return;
    /* Each rule is checked once, against the document whose date is the binding one. */
    const doc_ref *first = &docs[0], *last = &docs[0];
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(docs[i].issued, first->issued) < 0)
            first = &docs[i];
        if (date_cmp(docs[i].issued, last->issued) > 0)
            last = &docs[i];
        if (date_cmp(c->plan.issued, docs[i].issued) > 0)
            problem(ld, (xmlNodePtr)issued_attr(&docs[i]), "is before the plan's issue date "
                    "(plan/@issued): a %s cannot come before the plan it is about",
                    doc_kind_name(docs[i].kind));
    }
    const char *first_kind = doc_kind_name(first->kind), *last_kind = doc_kind_name(last->kind);
    if (date_cmp(c->child.date_of_birth, first->issued) > 0)
        problem(ld, dob, "is after the %s's issue date: check the date of birth", first_kind);
    else if (date_cmp(last->issued, anniversary(c->child.date_of_birth, 26)) >= 0)
        problem(ld, dob, "makes the child or young person over 25 on the %s's issue date: EHC "
                "plans and their personal budgets end by 25; check the date of birth", last_kind);
    if (c->child.has_died && date_cmp(c->child.date_of_death, first->issued) > 0)
        problem(ld, dod, "is after the %s's issue date: a letter issued before a death cannot "
                "record it; check the dates", first_kind);
    bool young_first = over_school_age(c->child.date_of_birth, first->issued);
    bool young_last = over_school_age(c->child.date_of_birth, last->issued);
    if (c->recipient.rel == REL_YOUNG_PERSON && !young_first)
        problem(ld, rel, "is young-person, but on the %s's issue date the child is still of "
                "compulsory school age (it ends on the last Friday in June of the school year "
                "they turn 16): write to the parent (relationship=\"parent\")", first_kind);
    if (c->recipient.rel == REL_PARENT && young_last && !c->recipient.lacks_capacity)
        warning(ld, rel, "is parent, but on the %s's issue date the child is over compulsory "
                "school age: decisions are the young person's own; write to them "
                "(relationship=\"young-person\"), or add acting-for=\"lacks-capacity\" if they "
                "lack capacity for this decision", last_kind);
    if (c->recipient.copy_to.has && c->recipient.copy_to.rel == REL_YOUNG_PERSON && !young_first)
        problem(ld, (xmlNodePtr)attr_node(child(rec, "copy-to"), "relationship"),
                "is young-person, but on the %s's issue date the child is still of compulsory "
                "school age: send the copy to the parent", first_kind);
    if (c->child.has_died && date_cmp(c->child.date_of_death, c->child.date_of_birth) < 0)
        problem(ld, dod, "is before the date of birth: check the dates");
    if (c->recipient.rel == REL_PERSONAL_REPRESENTATIVE && !c->child.has_died)
        problem(ld, rel, "is personal-representative, but the child has no date-of-death: personal "
                "representatives are written to only after a death");
    if (c->recipient.rel == REL_YOUNG_PERSON && c->child.has_died)
        problem(ld, rel, "is young-person, but the young person has died: never address them; "
                "write to their personal representatives (relationship=\"personal-representative\")");
    if (c->recipient.rel == REL_NOMINEE && !c->recipient.copy_to.has)
        problem(ld, rec, "is a nominee: add <copy-to relationship=\"parent\"> (or \"young-person\") "
                "with the name and address of the person the nominee acts for; the letter goes to "
                "them too");
    if (c->recipient.rel != REL_NOMINEE && c->recipient.copy_to.has)
        problem(ld, child(rec, "copy-to"), "is only for a letter to a nominee "
                "(relationship=\"nominee\")");
    if (c->recipient.lacks_capacity && c->recipient.rel != REL_PARENT &&
        c->recipient.rel != REL_REPRESENTATIVE)
        problem(ld, (xmlNodePtr)attr_node(rec, "acting-for"), "is only for a parent or "
                "representative acting for a young person who lacks capacity");
}

/* --- decisions ------------------------------------------------------------------------------ */

static void check_refusal(loader *ld, xmlNodePtr n)
{
    const pb_refusal *r = &ld->c->refusal;
    if (date_cmp(r->requested, r->issued) > 0)
        problem(ld, (xmlNodePtr)attr_node(n, "requested"), "is after the refusal's issue date: a "
                "request is refused after it is made");
    size_t i = 0;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "item") || i >= r->n_items)
            continue;
        const pb_item *it = r->items[i++];
        xmlNodePtr ref = (xmlNodePtr)attr_node(k, "ref");
        if (it->stream == STREAM_HEALTH)
            problem(ld, ref, "is a health item: " HEALTH_MESSAGE);
        else if (r->scope == SCOPE_DIRECT_PAYMENT && it->arr == ARR_DIRECT_PAYMENT)
            problem(ld, ref, "is already arranged as a direct payment: refusing direct payments "
                    "for it needs a stop notice, not a refusal");
    }
}

static void check_reduction(loader *ld, xmlNodePtr n)
{
    const pb_reduction *r = &ld->c->reduction;
    if (r->plan == PLAN_AMENDED && date_cmp(r->amended_plan, r->issued) > 0)
        problem(ld, (xmlNodePtr)attr_node(n, "amended-plan"), "is after the notice's issue date: "
                "until the amended plan is final the provision in the current plan must still be "
                "paid for; issue the notice once the plan is final");
    size_t i = 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (named(k, "change") && i < r->n_changes && r->changes[i++].item->stream == STREAM_HEALTH)
            problem(ld, (xmlNodePtr)attr_node(k, "ref"), "is a health item: " HEALTH_MESSAGE);
}

static void check_repayment(loader *ld, xmlNodePtr n)
{
    const pb_case *c = ld->c;
    const pb_repayment *r = &c->repayment;
    size_t dp = 0, dp_health = 0;
    for (size_t i = 0; i < c->n_items; i++) {
        dp += c->items[i].arr == ARR_DIRECT_PAYMENT;
        dp_health += c->items[i].arr == ARR_DIRECT_PAYMENT && c->items[i].stream == STREAM_HEALTH;
    }
    if (dp == 0)
        problem(ld, n, "the personal budget has no item arranged as a direct payment: only "
                "direct payments can be asked back");
    else if (dp == dp_health)
        problem(ld, n, "every direct payment of this case is a health item: " HEALTH_MESSAGE);
    if (r->has_period && date_cmp(r->period_to, r->issued) > 0)
        problem(ld, child(n, "period"), "ends after the repayment's issue date: only a period "
                "that has ended can be accounted for");
}

/* "B3", "E12": the letter, then at least one more character. */
static bool ref_of_section(const char *ref, char section)
{
    return ref && ref[0] == section && ref[1];
}

static void check_items(loader *ld, xmlNodePtr root)
{
    const pb_case *c = ld->c;
    for (size_t i = 0; i < c->n_items; i++) {
        const pb_item *it = &c->items[i];
        xmlNodePtr node = item_node(root, it->id);
        size_t needs = 0, outcomes = 0;
        for (xmlNodePtr e = node->children; e; e = e->next) {
            const char *ref;
            char section;
            if (named(e, "need"))
                ref = it->need_refs.items[needs++], section = 'B';
            else if (named(e, "outcome"))
                ref = it->outcome_refs.items[outcomes++], section = 'E';
            else
                continue;
            if (ref && !ref_of_section(ref, section))
                problem(ld, (xmlNodePtr)attr_node(e, "ref"), "must be a Section %c reference "
                        "of the plan, such as %s", section, section == 'B' ? "B3" : "E2");
        }
        if (it->arr != ARR_DIRECT_PAYMENT || !c->has[DOC_SECTION_J])
            continue;
        bool need_ref = false, outcome_ref = false;
        for (size_t j = 0; j < it->needs.len; j++)
            need_ref |= ref_of_section(it->need_refs.items[j], 'B');
        for (size_t j = 0; j < it->outcomes.len; j++)
            outcome_ref |= ref_of_section(it->outcome_refs.items[j], 'E');
        if (!need_ref || !outcome_ref)
            problem(ld, node, "is a direct payment in a Section J: give at least one "
                    "<need ref=\"B…\"> and one <outcome ref=\"E…\"> it meets (SEND Regulations "
                    "2014 reg 12(1)(j))");
        if (it->paid == PAID_UNSET || !it->payee)
            problem(ld, node, "is a direct payment in a Section J: give how often it is paid "
                    "(paid=\"weekly\", \"four-weekly\", \"monthly\" or \"quarterly\") and who "
                    "receives it (payee=\"…\")");
    }
}

/* A document the council profile would send by hand or email needs the time it is sent. */
static void check_sending(loader *ld, const doc_ref *d, const council *co)
{
    const pb_sending *s = doc_kind_sent(ld->c, d->kind);
    if (!co || !co->service || s->by != SENT_BY_PROFILE)
        return;
    if (strcmp(co->service, "hand") == 0 || strcmp(co->service, "email") == 0)
        problem(ld, d->node, "the council's profile sends by %s: give sent-by=\"%s\" and the "
                "time as sent-at=\"HH:MM\" (after 16:30 it counts as sent the next working day)",
                co->service, co->service);
}

void check_case(loader *ld, xmlNodePtr root, const council *co)
{
    const pb_case *c = ld->c;
    doc_ref docs[DOC_KIND_COUNT];
    size_t n = documents(c, root, docs);
    check_people(ld, root, docs, n);
    check_items(ld, root);
    for (size_t i = 0; i < n; i++) {
        check_sending(ld, &docs[i], co);
        if (c->child.has_died && docs[i].kind != DOC_REPAYMENT &&
            date_cmp(c->child.date_of_death, docs[i].issued) <= 0)
            problem(ld, docs[i].node, "is issued after the child's or young person's death "
                    "(child/date-of-death): there is no provision left to decide; only a "
                    "repayment letter may follow a death");
        if (docs[i].kind == DOC_REFUSAL)
            check_refusal(ld, docs[i].node);
        else if (docs[i].kind == DOC_REDUCTION)
            check_reduction(ld, docs[i].node);
        else if (docs[i].kind == DOC_REPAYMENT)
            check_repayment(ld, docs[i].node);
        else if (docs[i].kind == DOC_STOP)
            check_stop(ld, docs[i].node);
    }
}
