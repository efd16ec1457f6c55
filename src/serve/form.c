/* form.c: GET /api/v1/schema's answer, the form the officers' page builds, read from the case
 * format's table (case/explain.h) so it cannot drift from what the loader accepts:
 *
 *   {"kinds": [{"name": "reduction", "label": "Reduction notice", "title": "...",
 *               "letter": true, "fields": [FIELD, ...]}, ...],
 *    "lists": {"recipient/@relationship": [{"value": "parent", "label": "Parent"}, ...], ...}}
 *   FIELD: {"path": "reduction/@plan", "name": "plan", "node": "attribute" | "element",
 *           "required": bool, "repeat": bool, "input": INPUT, "label": "...", "hint": "...",
 *           "when": {"field": "reduction/@plan", "is": ["amended"]},
 *           "empty": "label of no value" (an optional list), "values": [{"value", "label",
 *           "when"}], "fields": [FIELD, ...] (the attributes of a rows or group element)}
 *   INPUT: text, date, time, money, markdown, flag, select, radios, checkboxes, items (item
 *          refs as checkboxes), item-ref (one item), rows (repeated), group (optional, once). */
#include <string.h>

#include "case/case.h"
#include "case/explain.h"
#include "docs/kinds.h"
#include "serve/form.h"
#include "serve/json.h"

static void json_bool(strbuf *out, const char *key, bool v)
{
    sb_printf(out, ", \"%s\": %s", key, v ? "true" : "false");
}

static void json_key_string(strbuf *out, const char *key, const char *v)
{
    if (!v)
        return;
    sb_printf(out, ", \"%s\": ", key);
    json_string(out, v);
}

/* "a|b" -> ["a", "b"] */
static void json_bar_list(strbuf *out, const char *list)
{
    sb_putc(out, '[');
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, "|");
        char v[64];
        snprintf(v, sizeof v, "%.*s", (int)len, p);
        if (p != list)
            sb_puts(out, ", ");
        json_string(out, v);
        p += len + (p[len] == '|');
    }
    sb_putc(out, ']');
}

/* when "@plan=amended" of element kind -> "when": {"field": "kind/@plan", "is": ["amended"]} */
static void json_when(strbuf *out, const char *kind, const char *when)
{
    const char *eq = when ? strchr(when, '=') : NULL;
    if (!eq)
        return;
    sb_printf(out, ", \"when\": {\"field\": \"%s/%.*s\", \"is\": ", kind, (int)(eq - when), when);
    json_bar_list(out, eq + 1);
    sb_putc(out, '}');
}

/* The scope a refusal ground fits, as the scope attribute's value, or NULL for other lists.
 * The scope list in the format is in refusal_scope's order. */
static const char *value_scope(const char *element, const char *list_name, const char *value,
                               char *buf, size_t size)
{
    if (strcmp(element, "refusal") != 0 || strcmp(list_name, "ground") != 0)
        return NULL;
    const elem_rule *r = case_format_rule("case", "refusal");
    for (int g = 0; g < REFUSAL_GROUND_COUNT && r; g++) {
        if (strcmp(refusal_ground_name((refusal_ground)g), value) != 0)
            continue;
        for (int i = 0; i < MAX_ATTRS && r->attrs[i].name; i++) {
            const char *p = r->attrs[i].values;
            if (strcmp(r->attrs[i].name, "scope") != 0 || !p)
                continue;
            for (int n = (int)refusal_ground_scope((refusal_ground)g); n > 0 && strchr(p, '|'); n--)
                p = strchr(p, '|') + 1;
            snprintf(buf, size, "@scope=%.*s", (int)strcspn(p, "|"), p);
            return buf;
        }
    }
    return NULL;
}

/* The values of a closed list, each with its label: list_name is "@attr" or "element". */
static void json_values(strbuf *out, const char *element, const char *list_name, const char *list)
{
    sb_putc(out, '[');
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, "|");
        char v[64], rest[128], when[96];
        snprintf(v, sizeof v, "%.*s", (int)len, p);
        snprintf(rest, sizeof rest, "%s=%s", list_name, v);
        const form_word *w = form_word_find(element, rest);
        sb_puts(out, p != list ? ",\n    {\"value\": " : "\n    {\"value\": ");
        json_string(out, v);
        sb_puts(out, ", \"label\": ");
        json_string(out, w ? w->label : v);
        json_when(out, element, value_scope(element, list_name, v, when, sizeof when));
        sb_putc(out, '}');
        p += len + (p[len] == '|');
    }
    sb_putc(out, ']');
}

static void field_head(strbuf *out, const char *path, const char *name, bool attribute,
                       bool required, bool repeat, const char *input, const form_word *w)
{
    sb_puts(out, "\n  {\"path\": ");
    json_string(out, path);
    json_key_string(out, "name", name);
    json_key_string(out, "node", attribute ? "attribute" : "element");
    json_bool(out, "required", required);
    json_bool(out, "repeat", repeat);
    json_key_string(out, "input", w && w->input ? w->input : input);
    json_key_string(out, "label", w ? w->label : name);
    json_key_string(out, "hint", w ? w->hint : NULL);
}

static void attribute_field(strbuf *out, const char *element, const char *kind, const char *path,
                            const attr_rule *a)
{
    char rest[80], full[200];
    snprintf(rest, sizeof rest, "@%s", a->name);
    snprintf(full, sizeof full, "%s/@%s", path, a->name);
    const form_word *w = form_word_find(element, rest);
    field_head(out, full, a->name, true, a->required, false, a->values ? "select" : "text", w);
    if (w)
        json_when(out, kind, w->when);
    if (a->values) {
        char none_key[84];
        snprintf(none_key, sizeof none_key, "%s=", rest);
        const form_word *none = a->required ? NULL : form_word_find(element, none_key);
        json_key_string(out, "empty", none ? none->label : a->required ? NULL : "None");
        sb_puts(out, ", \"values\": ");
        json_values(out, element, rest, a->values);
    }
    sb_putc(out, '}');
}

/* The input for a child element: a closed list, item refs, a row of attributes, or text. */
static const char *element_input(const elem_rule *r, const child_rule *cr)
{
    if (!r)
        return "markdown";
    if (r->text_values)
        return cr->max == 1 ? "radios" : "checkboxes";
    if (r->attrs[0].name && strcmp(r->attrs[0].name, "ref") == 0 && !r->attrs[1].name &&
        !r->children[0].name)
        return "items";
    if (r->attrs[0].name)
        return cr->max == 1 ? "group" : "rows";
    return "markdown";
}

static void element_field(strbuf *out, const char *kind, const child_rule *cr)
{
    const elem_rule *r = case_format_rule(kind, cr->name);
    char path[160];
    snprintf(path, sizeof path, "%s/%s", kind, cr->name);
    const char *input = element_input(r, cr);
    const form_word *w = form_word_find(kind, cr->name);
    field_head(out, path, cr->name, false, cr->min > 0, cr->max != 1, input, w);
    if (w)
        json_when(out, kind, w->when);
    if (r && r->text_values) {
        sb_puts(out, ", \"values\": ");
        json_values(out, kind, cr->name, r->text_values);
    }
    if (r && (!strcmp(input, "rows") || !strcmp(input, "group"))) {
        sb_puts(out, ", \"fields\": [");
        for (int i = 0; i < MAX_ATTRS && r->attrs[i].name; i++) {
            if (i)
                sb_putc(out, ',');
            attribute_field(out, cr->name, kind, path, &r->attrs[i]);
        }
        sb_puts(out, "]");
    }
    sb_putc(out, '}');
}

static bool sending(const char *attr)
{
    return strncmp(attr, "sent-", 5) == 0;
}

static void kind_json(strbuf *out, doc_kind k)
{
    const char *name = doc_kind_name(k);
    const elem_rule *r = case_format_rule("case", name);
    const form_word *w = form_word_find(name, NULL);
    sb_puts(out, "{\"name\": ");
    json_string(out, name);
    json_key_string(out, "label", w ? w->label : doc_kinds[k].title);
    json_key_string(out, "title", doc_kinds[k].title);
    json_bool(out, "letter", doc_kinds[k].letter);
    sb_puts(out, ", \"fields\": [");
    int n = 0;
    /* Attributes, then the elements, then how it is sent (it reads best last). */
    for (int pass = 0; pass < 3 && r; pass++) {
        for (int i = 0; pass != 1 && i < MAX_ATTRS && r->attrs[i].name; i++)
            if (sending(r->attrs[i].name) == (pass == 2)) {
                sb_puts(out, n++ ? "," : "");
                attribute_field(out, name, name, name, &r->attrs[i]);
            }
        for (int i = 0; pass == 1 && i < 10 && r->children[i].name; i++) {
            sb_puts(out, n++ ? "," : "");
            element_field(out, name, &r->children[i]);
        }
    }
    sb_puts(out, "]}");
}

/* The closed lists of the parts every case has: {parent, element, attribute}. */
static const char *const common_lists[][3] = {
    {"case", "recipient", "relationship"}, {"case", "recipient", "acting-for"},
    {"recipient", "copy-to", "relationship"}, {"personal-budget", "item", "stream"},
    {"personal-budget", "item", "arrangement"}, {"personal-budget", "item", "paid"},
    {"item", "setting-agreement", "role"},
};

void form_schema_json(strbuf *out)
{
    sb_puts(out, "{\"kinds\": [");
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        sb_puts(out, k ? ",\n" : "\n");
        kind_json(out, (doc_kind)k);
    }
    sb_puts(out, "],\n\"lists\": {");
    int n = 0;
    for (size_t i = 0; i < sizeof common_lists / sizeof common_lists[0]; i++) {
        const elem_rule *r = case_format_rule(common_lists[i][0], common_lists[i][1]);
        for (int a = 0; r && a < MAX_ATTRS && r->attrs[a].name; a++) {
            if (strcmp(r->attrs[a].name, common_lists[i][2]) != 0 || !r->attrs[a].values)
                continue;
            char attr[64];
            snprintf(attr, sizeof attr, "@%s", r->attrs[a].name);
            sb_printf(out, "%s\n\"%s/%s\": ", n++ ? "," : "", common_lists[i][1], attr);
            json_values(out, common_lists[i][1], attr, r->attrs[a].values);
        }
    }
    sb_puts(out, "}}\n");
}
