/* load_stop.c: the stop notice, <stop> (statutory.md 2.2b, 2.5): the direct payments it stops,
 * its one ground from the closed list, the date consent was withdrawn (for that ground), the
 * reasons and how the provision continues. Reading checks each value; check_stop, run by
 * check_case once the whole case has been read, checks what the items and the people allow:
 * only education and social-care direct payments can be stopped here, and the death ground is
 * never the child's or young person's own death (after it no stop notice is issued at all). */
#include <string.h>

#include "case/load_internal.h"

static const char *const stop_ground_names[STOP_GROUND_COUNT] = {
    "consent-withdrawn", "no-longer-eligible", "review-not-used-for-provision",
    "review-cannot-secure-by-dp", "adverse-impact", "not-efficient", "provision-removed",
    "plan-ceased", "death",
};

const char *stop_ground_name(stop_ground g) { return stop_ground_names[g]; }

static void read_stop_items(loader *ld, xmlNodePtr n, pb_stop *s)
{
    size_t count = 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        count += named(k, "item");
    s->items = arena_alloc(&ld->c->mem, (count ? count : 1) * sizeof *s->items);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "item"))
            continue;
        const pb_item *it = ref_of(ld, k);
        if (!it)
            continue;
        for (size_t i = 0; i < s->n_items; i++)
            if (s->items[i] == it)
                problem(ld, (xmlNodePtr)attr_node(k, "ref"), "names an item this stop notice "
                        "already names");
        s->items[s->n_items++] = it;
    }
}

/* The ground's index, or -1 when it is not one of the list (the schema reports that). */
static int ground_of(xmlNodePtr n)
{
    char *v = raw_text(n);
    int found = -1;
    for (int i = 0; v && i < STOP_GROUND_COUNT; i++)
        if (strcmp(v, stop_ground_names[i]) == 0)
            found = i;
    xmlFree(v);
    return found;
}

void read_stop(loader *ld, xmlNodePtr n)
{
    pb_stop *s = &ld->c->stop;
    s->issued = issued_of(ld, n);
    s->sent = read_sending(ld, n);
    read_stop_items(ld, n, s);
    xmlNodePtr ground = child(n, "ground");
    int g = ground ? ground_of(ground) : -1;
    if (g < 0)
        ground = NULL;  /* unknown: the schema's message is enough */
    else
        s->ground = (stop_ground)g;
    xmlAttrPtr consent = attr_node(n, "consent-withdrawn-on");
    if (consent) {
        int before = ld->problems;
        s->consent_withdrawn_on = date_value(ld, (xmlNodePtr)consent);
        s->has_consent_date = ld->problems == before;
    }
    if (ground && s->ground == STOP_CONSENT_WITHDRAWN && !consent)
        problem(ld, ground, "is consent-withdrawn: give the date of the recipient's written "
                "notice as consent-withdrawn-on=\"YYYY-MM-DD\" on <stop>; the letter confirms "
                "it instead of giving notice");
    if (ground && s->ground != STOP_CONSENT_WITHDRAWN && consent)
        problem(ld, (xmlNodePtr)consent, "is only for a stop on the ground consent-withdrawn");
    s->personal_assistant = child(n, "personal-assistant") != NULL;
    s->reasons = strings_of(ld, n, "reason", true);
    s->continuation = markdown(ld, child(n, "continuation"));
}

void check_stop(loader *ld, xmlNodePtr n)
{
    const pb_case *c = ld->c;
    const pb_stop *s = &c->stop;
    size_t i = 0;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "item") || i >= s->n_items)
            continue;
        const pb_item *it = s->items[i++];
        xmlNodePtr ref = (xmlNodePtr)attr_node(k, "ref");
        if (it->stream == STREAM_HEALTH)
            problem(ld, ref, "is a health item: " HEALTH_MESSAGE);
        else if (it->arr != ARR_DIRECT_PAYMENT)
            problem(ld, ref, "is not arranged as a direct payment: a stop notice stops direct "
                    "payments only; a change to other support is a change to the plan");
    }
    if (s->has_consent_date && date_cmp(s->consent_withdrawn_on, s->issued) > 0)
        problem(ld, (xmlNodePtr)attr_node(n, "consent-withdrawn-on"), "is after the stop "
                "notice's issue date: the letter confirms a withdrawal already made in writing");
    if (s->ground != STOP_DEATH)
        return;
    xmlNodePtr ground = child(n, "ground");
    relationship rel = c->recipient.rel;
    if (c->child.has_died)
        problem(ld, ground, "is death, but it is the child or young person who has died: no "
                "stop notice is issued after their death (their direct payments end with it); "
                "a repayment letter deals with any money left");
    else if (rel == REL_NOMINEE || rel == REL_PERSONAL_REPRESENTATIVE)
        problem(ld, ground, "is death: the person who received the payments has died, so write "
                "to the parent, the young person or their representative (recipient "
                "relationship), never to a nominee or personal representatives");
}
