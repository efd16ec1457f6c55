/* explain.c: the case structure as a table, for messages; see explain.h and case.rng. */
#include "case/explain.h"

#include <stdio.h>
#include <string.h>

#include "case/kind.h"
#include "core/nearest.h"

/* Every document's optional sent-by and sent-at. */
#define SENDING {"sent-by", false, "first-class|second-class|hand|email"}, {"sent-at", false, NULL}

static const elem_rule rules[] = {
    {NULL, "case", {{"id", true, NULL}, {"council", true, NULL}},
     {{"child", 1, 1}, {"recipient", 1, 1}, {"plan", 1, 1}, {"officer", 1, 1},
      {"personal-budget", 1, 1}}, NULL},  /* then each kind's element (kind.c), at most one */
    {"case", "child", {{0}}, {{"given-names", 1, 1}, {"family-name", 1, 1}, {"date-of-birth", 1, 1},
                            {"date-of-death", 0, 1}}, NULL},
    {"case", "recipient",
     {{"relationship", true, "parent|young-person|nominee|representative|personal-representative"},
      {"acting-for", false, "lacks-capacity"}},
     {{"title", 0, 1}, {"name", 1, 1}, {"family-name", 0, 1}, {"address", 1, 1},
      {"large-print", 0, 1}, {"copy-to", 0, 1}}, NULL},
    {"recipient", "address", {{0}}, {{"line", 1, 0}, {"postcode", 1, 1}}, NULL},
    {"recipient", "copy-to", {{"relationship", true, "parent|young-person"}},
     {{"title", 0, 1}, {"name", 1, 1}, {"family-name", 0, 1}, {"address", 1, 1}}, NULL},
    {"copy-to", "address", {{0}}, {{"line", 1, 0}, {"postcode", 1, 1}}, NULL},
    {"case", "plan", {{"reference", true, NULL}, {"issued", true, NULL}}, {{0}}, NULL},
    {"case", "officer", {{"name", true, NULL}, {"role", true, NULL}, {"phone", true, NULL},
                         {"email", true, NULL}}, {{0}}, NULL},
    {"case", "personal-budget", {{0}}, {{"item", 1, 0}}, NULL},
    {"personal-budget", "item",
     {{"id", true, NULL}, {"stream", true, "education|health|social-care"},
      {"arrangement", true, "direct-payment|council-managed|third-party|provider-managed"},
      {"paid", false, "weekly|four-weekly|monthly|quarterly"}, {"payee", false, NULL}},
     {{"provision", 1, 1}, {"need", 0, 0}, {"outcome", 0, 0}, {"annual-amount", 1, 1},
      {"setting-agreement", 0, 1}}, NULL},
    {"item", "need", {{"ref", false, NULL}}, {{0}}, NULL},
    {"item", "outcome", {{"ref", false, NULL}}, {{0}}, NULL},
    {"item", "setting-agreement", {{"by", true, NULL}, {"role", true, "head teacher|principal"},
                                   {"date", true, NULL}}, {{0}}, NULL},
    {"case", "refusal", {{"issued", true, NULL}, {"requested", true, NULL},
                         {"scope", true, "personal-budget|direct-payment"}, SENDING},
     {{"item", 0, 0}, {"ground", 1, 0}, {"reason", 1, 0}}, NULL},
    {"refusal", "item", {{"ref", true, NULL}}, {{0}}, NULL},
    {"refusal", "ground", {{0}}, {{0}},
     "4A-adverse-impact|4A-not-efficient|outside-request-times|not-in-plan|r5-not-capable|r5-age|"
     "r5-capacity|r5-schedule|r6-appropriate-use|r6-best-interests|r6-adverse-impact|"
     "r6-not-efficient|head-teacher-not-agreed|school-place"},
    {"case", "reduction", {{"issued", true, NULL}, {"plan", true, "unchanged|amended"},
                           {"amended-plan", false, NULL}, SENDING},
     {{"change", 1, 0}, {"cost-reason", 0, 1}, {"reason", 1, 0}}, NULL},
    {"reduction", "change", {{"ref", true, NULL}, {"new-annual-amount", true, NULL}}, {{0}}, NULL},
    {"case", "repayment", {{"issued", true, NULL}, {"amount", true, NULL}, {"paid", true, NULL},
                           {"spent", true, NULL}, SENDING},
     {{"ground", 1, 0}, {"period", 0, 1}, {"reason", 1, 0}}, NULL},
    {"repayment", "ground", {{0}}, {{0}}, "circumstances-changed|unused|misuse|offence|death"},
    {"repayment", "period", {{"from", true, NULL}, {"to", true, NULL}}, {{0}}, NULL},
    {"case", "section-j", {{"issued", true, NULL}, SENDING},
     {{"summary", 1, 1}, {"direct-payment-arrangements", 0, 1}}, NULL},
    {"case", "stop", {{"issued", true, NULL}, {"consent-withdrawn-on", false, NULL}, SENDING},
     {{"item", 1, 0}, {"ground", 1, 1}, {"personal-assistant", 0, 1}, {"reason", 1, 0},
      {"continuation", 1, 1}}, NULL},
    {"stop", "item", {{"ref", true, NULL}}, {{0}}, NULL},
    {"stop", "ground", {{0}}, {{0}},
     "consent-withdrawn|no-longer-eligible|review-not-used-for-provision|"
     "review-cannot-secure-by-dp|adverse-impact|not-efficient|provision-removed|plan-ceased|death"},
};

bool case_schema_has_name(const char *name)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        const elem_rule *r = &rules[i];
        if (strcmp(r->name, name) == 0)
            return true;
        for (size_t k = 0; k < sizeof r->attrs / sizeof r->attrs[0] && r->attrs[k].name; k++)
            if (strcmp(r->attrs[k].name, name) == 0)
                return true;
        for (size_t k = 0; k < sizeof r->children / sizeof r->children[0] && r->children[k].name; k++)
            if (strcmp(r->children[k].name, name) == 0)
                return true;
    }
    return false;
}

const elem_rule *case_format_rule(const char *parent, const char *name)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        bool same_parent = rules[i].parent ? parent && strcmp(rules[i].parent, parent) == 0 : !parent;
        if (same_parent && strcmp(rules[i].name, name) == 0)
            return &rules[i];
    }
    return NULL;
}

static const elem_rule *rule_for(xmlNodePtr n)
{
    const char *parent = n->parent && n->parent->type == XML_ELEMENT_NODE
                             ? (const char *)n->parent->name : NULL;
    return case_format_rule(parent, (const char *)n->name);
}

static bool in_list(const char *list, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return true;
        p += len + (bar ? 1 : 0);
    }
    return false;
}

void list_words(const char *list, char *buf, size_t size)
{
    /* "a|b|c" -> "a, b or c" */
    size_t used = 0;
    int count = 1;
    for (const char *p = list; *p; p++)
        count += *p == '|';
    int k = 0;
    for (const char *p = list; *p && used + 8 < size;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        used += (size_t)snprintf(buf + used, size - used, "%s%.*s",
                                 k == 0 ? "" : (k == count - 1 ? " or " : ", "), (int)len, p);
        k++;
        p += len + (bar ? 1 : 0);
    }
}

/* ": did you mean x?" for a value written outside its list, or "". The written value is not
 * repeated: it may be personal data typed in the wrong place. */
static void value_hint(const char *list, const char *written, char *out, size_t size)
{
    near_pick pick;
    near_init(&pick, written);
    near_offer_list(&pick, list);
    const char *near = near_result(&pick);
    snprintf(out, size, "%s%s%s", near ? ": did you mean " : "", near ? near : "", near ? "?" : "");
}

typedef struct ctx {
    const xml_origin *o;
    diag_list *errs;
    int count;
} ctx;

static void report(ctx *c, xmlNodePtr node, const char *suffix, const char *fmt, const char *a,
                   const char *b)
{
    char field[300];
    xml_field_path(node, field, sizeof field);
    if (suffix) {
        size_t n = strlen(field);
        snprintf(field + n, sizeof field - n, "%s%s", n ? "/" : "", suffix);
    }
    char msg[800];
    snprintf(msg, sizeof msg, fmt, a, b);
    diag_add(c->errs, c->o->file, xml_line(node, c->o), 0, c->o->case_id, field[0] ? field : NULL,
             "%s", msg);
    c->count++;
}

/* A child its parent's rule names but that has no rule of its own: text only, no attributes. */
static bool known_leaf(xmlNodePtr n)
{
    if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
        return false;
    const elem_rule *pr = rule_for(n->parent);
    for (int i = 0; pr && i < 10 && pr->children[i].name; i++)
        if (strcmp(pr->children[i].name, (const char *)n->name) == 0)
            return true;
    return false;
}

/* Reports when n has fewer or more cr children than the rule allows. */
static void check_count(ctx *c, xmlNodePtr n, const child_rule *cr)
{
    int count = 0;
    xmlNodePtr second = NULL;
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, cr->name) == 0)
            if (++count == 2)
                second = k;
    if (count < cr->min)
        report(c, n, cr->name, "is missing: <%s> needs %s", (const char *)n->name,
               cr->max == 1 ? "one" : "at least one");
    else if (cr->max == 1 && count > 1)
        report(c, second, NULL, "appears more than once: <%s> takes only one%s", (const char *)n->name, "");
}

/* " (did you mean <x>?)": the element name `written` is probably a slip for, among the children
 * the parent's rule names (and, under <case>, the document kinds); "" when none is close. */
static void element_hint(xmlNodePtr n, char *out, size_t size)
{
    near_pick pick;
    near_init(&pick, (const char *)n->name);
    const elem_rule *pr = n->parent && n->parent->type == XML_ELEMENT_NODE ? rule_for(n->parent) : NULL;
    for (int i = 0; pr && i < 10 && pr->children[i].name; i++)
        near_offer(&pick, pr->children[i].name, (size_t)-1);
    for (int k = 0; pr && !pr->parent && k < DOC_KIND_COUNT; k++)
        near_offer(&pick, doc_kind_name((doc_kind)k), (size_t)-1);
    const char *near = near_result(&pick);
    snprintf(out, size, "%s%s%s", near ? " (did you mean <" : "", near ? near : "", near ? ">?)" : "");
}

static void check(ctx *c, xmlNodePtr n)
{
    char hint[160];
    const elem_rule *r = rule_for(n);
    if (!r && known_leaf(n)) {
        static const elem_rule leaf = {0};
        r = &leaf;
    }
    if (!r) {
        element_hint(n, hint, sizeof hint);
        report(c, n, NULL, "is not part of the case format here%s%s", hint, "");
        return;
    }
    char words[512];
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const attr_rule *ar = NULL;
        for (int i = 0; i < MAX_ATTRS && r->attrs[i].name; i++)
            if (strcmp(r->attrs[i].name, (const char *)a->name) == 0)
                ar = &r->attrs[i];
        if (!ar) {
            near_pick pick;
            near_init(&pick, (const char *)a->name);
            for (int i = 0; i < MAX_ATTRS && r->attrs[i].name; i++)
                near_offer(&pick, r->attrs[i].name, (size_t)-1);
            const char *near = near_result(&pick);
            snprintf(hint, sizeof hint, " (did you mean %s?)", near ? near : "");
            report(c, (xmlNodePtr)a, NULL, "is not an attribute of <%s>%s", (const char *)n->name,
                   near ? hint : "");
            continue;
        }
        if (ar->values) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            if (!in_list(ar->values, (const char *)v)) {
                list_words(ar->values, words, sizeof words);
                value_hint(ar->values, (const char *)v, hint, sizeof hint);
                report(c, (xmlNodePtr)a, NULL, "must be %s%s", words, hint);
            }
            xmlFree(v);
        }
    }
    for (int i = 0; i < MAX_ATTRS && r->attrs[i].name; i++) {
        if (r->attrs[i].required && !xmlHasProp(n, (const xmlChar *)r->attrs[i].name)) {
            char at[80];
            snprintf(at, sizeof at, "@%s", r->attrs[i].name);
            report(c, n, at, "is missing%s%s", "", "");
        }
    }
    if (r->text_values) {
        xmlChar *v = xmlNodeGetContent(n);
        if (!in_list(r->text_values, (const char *)v)) {
            list_words(r->text_values, words, sizeof words);
            value_hint(r->text_values, (const char *)v, hint, sizeof hint);
            report(c, n, NULL, "must be %s%s", words, hint);
        }
        xmlFree(v);
    }
    for (int i = 0; i < 10 && r->children[i].name; i++)
        check_count(c, n, &r->children[i]);
    bool is_case = r->name && !r->parent;  /* the document element (a leaf's rule has no name) */
    for (int k = 0; is_case && k < DOC_KIND_COUNT; k++)
        check_count(c, n, &(child_rule){doc_kind_name((doc_kind)k), 0, 1});
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            if (!r->children[0].name && r->name) {
                element_hint(k, hint, sizeof hint);
                report(c, k, NULL, "is not part of the case format here%s%s", hint, "");
            }
            else
                check(c, k);
        } else if (k->type == XML_TEXT_NODE && r->children[0].name) {
            for (const xmlChar *p = k->content; p && *p; p++)
                if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
                    report(c, n, NULL, "holds text outside its elements%s%s", "", "");
                    break;
                }
        }
    }
}

int explain_case_structure(xmlNodePtr root, const xml_origin *o, diag_list *errs)
{
    ctx c = {.o = o, .errs = errs};
    check(&c, root);
    return c.count;
}
