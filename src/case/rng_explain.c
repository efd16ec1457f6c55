/* rng_explain.c: attribute problems explained from the RelaxNG schema; see rng_explain.h. */
#include "case/rng_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "case/explain.h"
#include "core/nearest.h"

static bool is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool name_is(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"name");
    bool same = v && strcmp((const char *)v, name) == 0;
    xmlFree(v);
    return same;
}

static xmlNodePtr find_define(xmlNodePtr grammar, xmlNodePtr ref)
{
    xmlChar *want = xmlGetProp(ref, (const xmlChar *)"name");
    xmlNodePtr found = NULL;
    for (xmlNodePtr d = grammar->children; d && want && !found; d = d->next)
        if (is(d, "define") && name_is(d, (const char *)want))
            found = d;
    xmlFree(want);
    return found;
}

/* Every <element name=elem> of the schema, depth first, calling back on each. */
static xmlNodePtr find_element(xmlNodePtr n, const char *elem)
{
    for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is(k, "element") && name_is(k, elem))
            return k;
        xmlNodePtr found = find_element(k, elem);
        if (found)
            return found;
    }
    return NULL;
}

/* The <attribute> named attr in the content of one <element> (through <ref>s, not into nested
 * elements); *attrs collects the names of all of them ('|'-separated) for a "did you mean". */
static xmlNodePtr find_attribute(xmlNodePtr grammar, xmlNodePtr n, const char *attr, char *attrs,
                                 size_t size, int depth)
{
    xmlNodePtr found = NULL;
    for (xmlNodePtr k = n->children; k && depth < 16; k = k->next) {
        xmlNodePtr hit = NULL;
        if (is(k, "attribute")) {
            xmlChar *v = xmlGetProp(k, (const xmlChar *)"name");
            size_t used = strlen(attrs);
            if (v)
                snprintf(attrs + used, size - used, "%s%s", used ? "|" : "", (const char *)v);
            hit = v && strcmp((const char *)v, attr) == 0 ? k : NULL;
            xmlFree(v);
        } else if (is(k, "ref")) {
            xmlNodePtr d = find_define(grammar, k);
            hit = d ? find_attribute(grammar, d, attr, attrs, size, depth + 1) : NULL;
        } else if (k->type == XML_ELEMENT_NODE && !is(k, "element")) {
            hit = find_attribute(grammar, k, attr, attrs, size, depth + 1);
        }
        if (hit && !found)
            found = hit;
    }
    return found;
}

/* "a|b|c" from the <value>s of a <choice> inside spec; false when it has none. */
static bool choices(xmlNodePtr spec, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (xmlNodePtr c = spec->children; c; c = c->next) {
        if (!is(c, "choice"))
            continue;
        for (xmlNodePtr v = c->children; v; v = v->next)
            if (is(v, "value") && used < size) {
                xmlChar *t = xmlNodeGetContent(v);
                used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "|" : "",
                                         t ? (const char *)t : "");
                xmlFree(t);
            }
    }
    return used > 0;
}

/* What is wrong with value for a <data type=...>, or NULL when it fits. */
static const char *data_problem(xmlNodePtr spec, const char *value)
{
    xmlNodePtr data = NULL;
    for (xmlNodePtr c = spec->children; c && !data; c = c->next)
        if (is(c, "data"))
            data = c;
    xmlChar *type = data ? xmlGetProp(data, (const xmlChar *)"type") : NULL;
    const char *t = type ? (const char *)type : "", *why = NULL;
    char *end;
    if (strcmp(t, "positiveInteger") == 0 || strcmp(t, "nonNegativeInteger") == 0) {
        long v = strtol(value, &end, 10);
        bool digits = value[0] >= '0' && value[0] <= '9' && !*end;
        if (!digits || (t[0] == 'p' && v < 1))
            why = t[0] == 'p' ? "must be a whole number above 0" : "must be a whole number";
    } else if (strcmp(t, "decimal") == 0) {
        (void)strtod(value, &end);
        if (!value[0] || *end)
            why = "must be a number (such as 12.5)";
    }
    xmlFree(type);
    return why;
}

static int check_node(xmlNodePtr grammar, xmlNodePtr n, const xml_origin *o, diag_list *errs)
{
    int count = 0;
    xmlNodePtr el = find_element(grammar, (const char *)n->name);
    for (xmlAttrPtr a = el ? n->properties : NULL; a; a = a->next) {
        char names[512] = "", allowed[512], words[600], field[300];
        xmlNodePtr spec = find_attribute(grammar, el, (const char *)a->name, names, sizeof names, 0);
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        const char *value = v ? (const char *)v : "";
        near_pick pick;
        xml_field_path((xmlNodePtr)a, field, sizeof field);
        int line = xml_line(n, o);
        if (!spec) {
            near_init(&pick, (const char *)a->name);
            near_offer_list(&pick, names);
            const char *near = near_result(&pick);
            diag_add(errs, o->file, line, 0, NULL, field, "is not an attribute of <%s>%s%s%s",
                     (const char *)n->name, near ? " (did you mean " : "", near ? near : "",
                     near ? "?)" : "");
            count++;
        } else if (choices(spec, allowed, sizeof allowed)) {
            near_init(&pick, value);
            near_offer_list(&pick, allowed);
            bool ok = false;
            for (const char *p = allowed; *p && !ok;) {
                size_t len = strcspn(p, "|");
                ok = len == strlen(value) && strncmp(p, value, len) == 0;
                p += len + (p[len] == '|');
            }
            if (!ok) {
                list_words(allowed, words, sizeof words);
                const char *near = near_result(&pick);
                diag_add(errs, o->file, line, 0, NULL, field, "is \"%s\": it must be %s%s%s%s",
                         value, words, near ? ": did you mean " : "", near ? near : "",
                         near ? "?" : "");
                count++;
            }
        } else if (data_problem(spec, value)) {
            diag_add(errs, o->file, line, 0, NULL, field, "is \"%s\": it %s", value,
                     data_problem(spec, value));
            count++;
        }
        xmlFree(v);
    }
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            count += check_node(grammar, k, o, errs);
    return count;
}

int rng_explain_attributes(xmlDocPtr doc, const char *schema_path, const xml_origin *o,
                           diag_list *errs)
{
    xmlDocPtr rng = xmlReadFile(schema_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                       XML_PARSE_NOWARNING);
    xmlNodePtr grammar = rng ? xmlDocGetRootElement(rng) : NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int count = grammar && root ? check_node(grammar, root, o, errs) : 0;
    xmlFreeDoc(rng);
    return count;
}
