/* load.c: case XML -> case model. The schema (src/schema/case.rng) checks the structure; this
 * file reads the values and applies the rules no schema can: ids, refs, dates that exist,
 * amounts in pence with at most 2 decimals, a reduction that reduces, postcodes, printable text.
 * It never stops at the first problem: every problem of a case is reported. */
#define _GNU_SOURCE /* memmem */
#include "case/load.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "case/explain.h"
#include "case/load_internal.h"
#include "case/rules.h"
#include "core/nearest.h"
#include "core/paths.h"
#include "core/xalloc.h"

/* Found once, by whichever thread asks first (pthread_once: workers of a batch may race). */
static char schema_path[4096];
static pthread_once_t schema_path_once = PTHREAD_ONCE_INIT;

static void find_schema_path(void)
{
    pb_path(schema_path, sizeof schema_path, "schema/case.rng");
}

const char *case_schema_path(void)
{
    pthread_once(&schema_path_once, find_schema_path);
    return schema_path;
}

static void add_at(loader *ld, diag_list *to, xmlNodePtr node, const char *fmt, va_list ap)
{
    char field[256] = "", msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (node)
        xml_field_path(node, field, sizeof field);
    diag_add(to, ld->o.file, xml_line(node, &ld->o), 0, ld->o.case_id,
             field[0] ? field : NULL, "%s", msg);
}

void problem(loader *ld, xmlNodePtr node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_at(ld, ld->errs, node, fmt, ap);
    va_end(ap);
    ld->problems++;
}

void warning(loader *ld, xmlNodePtr node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_at(ld, &ld->c->warnings, node, fmt, ap);
    va_end(ap);
}

bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (named(n, name))
            return n;
    return NULL;
}

xmlAttrPtr attr_node(xmlNodePtr n, const char *name)
{
    return n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
}

/* The raw text of an element or attribute (malloc'd by libxml2), or NULL. */
char *raw_text(xmlNodePtr n)
{
    return n ? (char *)xmlNodeGetContent(n) : NULL;
}

pb_date date_value(loader *ld, xmlNodePtr n)
{
    pb_date d = {0};
    char *raw = raw_text(n);
    if (!raw)
        return d;
    char *s = text_plain(raw);
    xmlFree(raw);
    const char *err = date_parse(s, &d);
    if (err)
        problem(ld, n, "%s", err);
    free(s);
    return d;
}

pence money_value(loader *ld, xmlNodePtr n)
{
    pence p = 0;
    char *raw = raw_text(n);
    if (!raw)
        return 0;
    char *s = text_plain(raw);
    xmlFree(raw);
    const char *err = money_parse(s, &p);
    if (err)
        problem(ld, n, "%s", err);
    free(s);
    return p;
}

/* Children named name, as a list of Markdown or plain strings. */
pb_strings strings_of(loader *ld, xmlNodePtr parent, const char *name, bool is_markdown)
{
    pb_strings out = {0};
    size_t n = 0;
    for (xmlNodePtr k = parent ? parent->children : NULL; k; k = k->next)
        n += named(k, name);
    if (!n)
        return out;
    out.items = arena_alloc(&ld->c->mem, n * sizeof *out.items);
    for (xmlNodePtr k = parent->children; k; k = k->next)
        if (named(k, name))
            out.items[out.len++] = is_markdown ? markdown(ld, k) : plain(ld, k);
    return out;
}

int enum_of(xmlNodePtr n, const char *const *names, int count)
{
    char *s = raw_text(n);
    int found = 0;
    for (int i = 0; s && i < count; i++)
        if (strcmp(s, names[i]) == 0)
            found = i;
    xmlFree(s);
    return found;
}

const char *const rel_names[REL_COUNT] = {"parent", "young-person", "nominee", "representative",
                                          "personal-representative"};
static const char *const stream_names[] = {"education", "health", "social-care"};
static const char *const arr_names[] = {"direct-payment", "council-managed", "third-party",
                                        "provider-managed"};
static const char *const ground_names[] = {"circumstances-changed", "unused", "misuse", "death",
                                           "offence"};

const char *relationship_name(relationship r) { return rel_names[r]; }
const char *stream_name(funding_stream s) { return stream_names[s]; }
const char *arrangement_name(arrangement a) { return arr_names[a]; }

const char *ground_name(repayment_ground g)
{
    for (int i = 0; i < 5; i++)
        if (g == 1u << i)
            return ground_names[i];
    return "";
}

const pb_item *case_find_item(const pb_case *c, const char *id)
{
    for (size_t i = 0; i < c->n_items; i++)
        if (c->items[i].id && strcmp(c->items[i].id, id) == 0)
            return &c->items[i];
    return NULL;
}

void case_free(pb_case *c)
{
    if (!c)
        return;
    diag_list_clear(&c->warnings);
    arena mem = c->mem;
    arena_free(&mem); /* the case itself lives in its arena */
}

static void read_child(loader *ld, xmlNodePtr n)
{
    pb_case *c = ld->c;
    c->child.given_names = plain(ld, child(n, "given-names"));
    c->child.family_name = plain(ld, child(n, "family-name"));
    xmlNodePtr dob = child(n, "date-of-birth");
    if (dob)
        c->child.date_of_birth = date_value(ld, dob);
    xmlNodePtr dod = child(n, "date-of-death");
    if (dod) {
        int before = ld->problems;
        c->child.date_of_death = date_value(ld, dod);
        c->child.has_died = ld->problems == before;
    }
}

static void read_recipient(loader *ld, xmlNodePtr n)
{
    pb_case *c = ld->c;
    xmlAttrPtr rel = attr_node(n, "relationship");
    c->recipient.rel = rel ? (relationship)enum_of((xmlNodePtr)rel, rel_names, REL_COUNT) : REL_PARENT;
    c->recipient.lacks_capacity = attr_node(n, "acting-for") != NULL;
    read_person(ld, n, &c->recipient.title, &c->recipient.name, &c->recipient.family_name,
                &c->recipient.address, &c->recipient.postcode);
    c->recipient.large_print = child(n, "large-print") != NULL;
    read_copy_to(ld, n);
}

static void read_items(loader *ld, xmlNodePtr n)
{
    pb_case *c = ld->c;
    size_t count = 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        count += named(k, "item");
    c->items = arena_alloc(&c->mem, (count ? count : 1) * sizeof *c->items);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "item"))
            continue;
        pb_item *it = &c->items[c->n_items];
        xmlAttrPtr id = attr_node(k, "id");
        it->id = id ? plain(ld, (xmlNodePtr)id) : NULL;
        if (it->id && case_find_item(c, it->id))
            problem(ld, (xmlNodePtr)id, "another item already has this id");
        c->n_items++;
        xmlAttrPtr st = attr_node(k, "stream"), ar = attr_node(k, "arrangement");
        it->stream = st ? (funding_stream)enum_of((xmlNodePtr)st, stream_names, 3) : 0;
        it->arr = ar ? (arrangement)enum_of((xmlNodePtr)ar, arr_names, 4) : 0;
        it->provision = plain(ld, child(k, "provision"));
        xmlNodePtr amt = child(k, "annual-amount");
        int before = ld->problems;
        if (amt)
            it->annual = money_value(ld, amt);
        it->annual_ok = amt && ld->problems == before;
        read_item_details(ld, k, it);
    }
}

pb_date issued_of(loader *ld, xmlNodePtr n)
{
    xmlAttrPtr a = attr_node(n, "issued");
    return a ? date_value(ld, (xmlNodePtr)a) : (pb_date){0};
}

const pb_item *ref_of(loader *ld, xmlNodePtr n)
{
    xmlAttrPtr a = attr_node(n, "ref");
    if (!a)
        return NULL;
    char *ref = plain(ld, (xmlNodePtr)a);
    const pb_item *it = ref ? case_find_item(ld->c, ref) : NULL;
    if (ref && !it)
        problem(ld, (xmlNodePtr)a, "refers to no item of the personal budget (no item has this id)");
    return it;
}

static void read_refusal(loader *ld, xmlNodePtr n)
{
    pb_refusal *r = &ld->c->refusal;
    r->issued = issued_of(ld, n);
    r->sent = read_sending(ld, n);
    xmlAttrPtr scope = attr_node(n, "scope");
    static const char *const scopes[] = {"personal-budget", "direct-payment"};
    r->scope = scope ? (refusal_scope)enum_of((xmlNodePtr)scope, scopes, 2) : 0;
    read_refusal_grounds(ld, n, r);
    size_t count = 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        count += named(k, "item");
    r->items = arena_alloc(&ld->c->mem, (count ? count : 1) * sizeof *r->items);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "item"))
            continue;
        const pb_item *it = ref_of(ld, k);
        if (it)
            r->items[r->n_items++] = it;
    }
    r->reasons = strings_of(ld, n, "reason", true);
}

static void read_reduction(loader *ld, xmlNodePtr n)
{
    pb_reduction *r = &ld->c->reduction;
    r->issued = issued_of(ld, n);
    r->sent = read_sending(ld, n);
    read_reduction_plan(ld, n, r);
    size_t count = 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        count += named(k, "change");
    r->changes = arena_alloc(&ld->c->mem, (count ? count : 1) * sizeof *r->changes);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "change"))
            continue;
        const pb_item *it = ref_of(ld, k);
        xmlAttrPtr amt = attr_node(k, "new-annual-amount");
        int before = ld->problems;
        pence p = amt ? money_value(ld, (xmlNodePtr)amt) : 0;
        if (!it || !amt || ld->problems != before || !it->annual_ok)
            continue;
        for (size_t i = 0; i < r->n_changes; i++)
            if (r->changes[i].item == it)
                problem(ld, k, "changes an item that another change of this reduction already changes");
        if (p >= it->annual)
            problem(ld, (xmlNodePtr)amt,
                    "is not lower than the item's current annual amount: a reduction must reduce");
        else if (p == 0)
            problem(ld, (xmlNodePtr)amt, "is £0.00: stopping direct payments needs a stop "
                    "notice, not a reduction");
        r->changes[r->n_changes++] = (pb_change){.item = it, .new_annual = p};
    }
    r->reasons = strings_of(ld, n, "reason", true);
}

static void read_repayment(loader *ld, xmlNodePtr n)
{
    pb_repayment *r = &ld->c->repayment;
    r->issued = issued_of(ld, n);
    r->sent = read_sending(ld, n);
    xmlAttrPtr amt = attr_node(n, "amount");
    char *raw = amt ? raw_text((xmlNodePtr)amt) : NULL;
    if (raw && raw[strspn(raw, " \t\n")] == '-') {
        problem(ld, (xmlNodePtr)amt, "must be more than £0.00: a repayment cannot be negative");
    } else if (amt) {
        int before = ld->problems;
        r->amount = money_value(ld, (xmlNodePtr)amt);
        if (ld->problems == before && r->amount <= 0)
            problem(ld, (xmlNodePtr)amt, "must be more than £0.00: there is nothing to repay");
    }
    xmlFree(raw);
    read_repayment_money(ld, n, r);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!named(k, "ground"))
            continue;
        unsigned g = 1u << enum_of(k, ground_names, 5);
        if (r->grounds & g)
            problem(ld, k, "is given twice");
        r->grounds |= g;
    }
    xmlNodePtr period = child(n, "period");
    if (period) {
        xmlAttrPtr from = attr_node(period, "from"), to = attr_node(period, "to");
        int before = ld->problems;
        if (from)
            r->period_from = date_value(ld, (xmlNodePtr)from);
        if (to)
            r->period_to = date_value(ld, (xmlNodePtr)to);
        if (from && to && ld->problems == before) {
            r->has_period = true;
            if (date_cmp(r->period_from, r->period_to) > 0)
                problem(ld, period, "ends (to) before it starts (from)");
        }
    }
    r->reasons = strings_of(ld, n, "reason", true);
}

static void read_section_j(loader *ld, xmlNodePtr n)
{
    pb_section_j *s = &ld->c->section_j;
    s->issued = issued_of(ld, n);
    s->sent = read_sending(ld, n);
    s->summary = markdown(ld, child(n, "summary"));
    s->dp_arrangements = markdown(ld, child(n, "direct-payment-arrangements"));
}

/* The reader of each kind's element (the kinds themselves: kind.c). */
static void (*const read_document[DOC_KIND_COUNT])(loader *, xmlNodePtr) = {
    [DOC_REFUSAL] = read_refusal,
    [DOC_REDUCTION] = read_reduction,
    [DOC_REPAYMENT] = read_repayment,
    [DOC_SECTION_J] = read_section_j,
    [DOC_STOP] = read_stop,
};

/* The known ids, and the one a slip ("Wakefield") was probably meant as. The id written is not
 * repeated: it is the case's data. */
static void unknown_council(loader *ld, xmlNodePtr at, council_set *councils)
{
    char ids[1024], words[1100];
    council_ids(councils, ids, sizeof ids);
    list_words(ids, words, sizeof words);
    near_pick pick;
    near_init(&pick, ld->c->council);
    near_offer_list(&pick, ids);
    const char *near = near_result(&pick);
    problem(ld, at, "is not a known council (no profile in templates/councils/)%s%s%s%s%s",
            ids[0] ? ": it must be " : "", ids[0] ? words : "", near ? ": did you mean " : "",
            near ? near : "", near ? "?" : "");
}

static void read_case(loader *ld, xmlNodePtr root, council_set *councils)
{
    pb_case *c = ld->c;
    xmlAttrPtr id = attr_node(root, "id");
    if (id) {
        char *s = raw_text((xmlNodePtr)id);
        if (!case_id_valid(s))
            problem(ld, (xmlNodePtr)id, "is not a valid case id (letters, digits, '.', '_' and "
                    "'-', starting with a letter or digit, at most 64)");
        xmlFree(s);
    }
    xmlAttrPtr council = attr_node(root, "council");
    if (council) {
        c->council = plain(ld, (xmlNodePtr)council);
        if (c->council && c->council[0] && !council_exists(councils, c->council))
            unknown_council(ld, (xmlNodePtr)council, councils);
    }
    /* Items first: the documents refer to them. */
    xmlNodePtr budget = child(root, "personal-budget");
    if (budget)
        read_items(ld, budget);
    for (xmlNodePtr k = root->children; k; k = k->next) {
        if (named(k, "child"))
            read_child(ld, k);
        else if (named(k, "recipient"))
            read_recipient(ld, k);
        else if (named(k, "plan")) {
            c->plan.reference = plain(ld, (xmlNodePtr)attr_node(k, "reference"));
            c->plan.issued = issued_of(ld, k);
        } else if (named(k, "officer")) {
            c->officer.name = plain(ld, (xmlNodePtr)attr_node(k, "name"));
            c->officer.role = plain(ld, (xmlNodePtr)attr_node(k, "role"));
            c->officer.phone = plain(ld, (xmlNodePtr)attr_node(k, "phone"));
            c->officer.email = plain(ld, (xmlNodePtr)attr_node(k, "email"));
        } else if (k->type == XML_ELEMENT_NODE) {
            int kind = doc_kind_parse((const char *)k->name);
            if (kind < 0)
                continue;
            c->has[kind] = true;
            read_document[kind](ld, k);
        }
    }
    /* The rules across fields, when every part could be read. The profile's own problems are
     * reported by whoever uses it (validate, render): here a bad profile only skips its rules. */
    if (ld->problems == 0) {
        diag_list ignored = {0};
        const struct council *co = c->council ? council_get(councils, c->council, &ignored) : NULL;
        diag_list_clear(&ignored);
        check_case(ld, root, co);
    }
    if (ld->problems == 0)
        check_plausible(ld, root, councils);
}

/* The case id from the raw bytes, for messages when the XML cannot be parsed. */
static char *scrape_id(const char *buf, size_t len)
{
    /* buf need not end in a NUL: every search stays inside buf[0..len) */
    const char *tag = memmem(buf, len, "<case", 5);
    const char *end = tag ? memchr(tag, '>', len - (size_t)(tag - buf)) : NULL;
    const char *at = end ? memmem(tag, (size_t)(end - tag), " id=\"", 5) : NULL;
    if (!at)
        return NULL;
    const char *v = at + 5, *q = memchr(v, '"', (size_t)(end - v));
    if (!q || q - v > 64)
        return NULL;
    char id[65];
    memcpy(id, v, (size_t)(q - v));
    id[q - v] = '\0';
    return case_id_valid(id) ? xstrdup(id) : NULL;
}

/* A case's problems in the order of their lines (stable: same line keeps its order). */
static void sort_by_line(diag_list *errs, size_t from)
{
    for (size_t i = from + 1; i < errs->len; i++) {
        diag d = errs->items[i];
        size_t j = i;
        while (j > from && errs->items[j - 1].line > d.line) {
            errs->items[j] = errs->items[j - 1];
            j--;
        }
        errs->items[j] = d;
    }
}

static pb_case *load_case(const char *buf, size_t len, const char *file, int line_offset,
                          council_set *councils, diag_list *errs);

pb_case *case_load_memory(const char *buf, size_t len, const char *file, int line_offset,
                          council_set *councils, diag_list *errs)
{
    size_t first = errs->len;
    pb_case *c = load_case(buf, len, file, line_offset, councils, errs);
    sort_by_line(errs, first);
    return c;
}

static pb_case *load_case(const char *buf, size_t len, const char *file, int line_offset,
                          council_set *councils, diag_list *errs)
{
    char *id = scrape_id(buf, len < 4096 ? len : 4096);
    loader ld = {.o = {.file = file, .line_offset = line_offset, .case_id = id,
                       .may_quote = case_schema_has_name},
                 .errs = errs, .councils = councils};
    xmlDocPtr doc = xml_parse(buf, len, &ld.o, errs);
    if (!doc) {
        free(id);
        return NULL;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* The id the messages name is the one the document really has, when it is valid. */
    free(id);
    id = NULL;
    xmlChar *rid = xmlGetProp(root, (const xmlChar *)"id");
    if (rid && case_id_valid((const char *)rid))
        id = xstrdup((const char *)rid);
    xmlFree(rid);
    ld.o.case_id = id;

    /* The schema decides; when it fails, the structure pass names the exact problems and the
     * validator's vaguer messages are dropped (kept only when nothing else explains them). */
    diag_list schema_errs = {0};
    int schema_problems = xml_validate(doc, case_schema_path(), &ld.o, &schema_errs);
    if (schema_problems > 0 && explain_case_structure(root, &ld.o, errs) > 0)
        diag_list_clear(&schema_errs);
    diag_list_take(errs, &schema_errs);
    arena mem = {0};
    pb_case *c = arena_alloc(&mem, sizeof *c);
    c->mem = mem;
    ld.c = c;
    ld.problems = schema_problems > 0 ? schema_problems : 0;
    c->file = arena_strdup(&c->mem, file);
    c->line = xml_line(root, &ld.o);
    c->id = arena_strdup(&c->mem, id);
    if (schema_problems >= 0 && strcmp((const char *)root->name, "case") == 0)
        read_case(&ld, root, councils);
    else if (schema_problems >= 0 && schema_problems == 0)
        problem(&ld, root, "is not a case");
    xmlFreeDoc(doc);
    free(id);
    if (ld.problems || schema_problems < 0) {
        case_free(c);
        return NULL;
    }
    return c;
}
