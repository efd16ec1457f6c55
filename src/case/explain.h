/* explain.h: precise messages for case XML that breaks the schema.
 * libxml2's RelaxNG validator decides whether a case matches src/schema/case.rng, but its
 * messages are vague ("Element plan failed to validate attributes", or a misleading "Expecting
 * an element date-of-birth" when an unknown element sits beside it). When it fails, this pass
 * walks the case again with the same structure written as a table and names the exact problem:
 * an unknown element or attribute, a missing or repeated one, a value outside its list.
 * The schema stays the authority: this only explains, and when it finds nothing the
 * validator's own messages are kept. */
#ifndef PBDOCS_EXPLAIN_H
#define PBDOCS_EXPLAIN_H
#include <libxml/tree.h>

#include "case/xml.h"
#include "core/diag.h"

/* The table: an element's attributes and children, as the schema allows them. */
typedef struct child_rule {
    const char *name;
    int min, max;  /* max 0: unbounded */
} child_rule;

#define MAX_ATTRS 6

typedef struct attr_rule {
    const char *name;
    bool required;
    const char *values;  /* allowed values separated by '|', or NULL for any text */
} attr_rule;

typedef struct elem_rule {
    const char *parent;  /* NULL: the document element */
    const char *name;
    attr_rule attrs[MAX_ATTRS];
    child_rule children[10];
    const char *text_values;  /* for an element whose text is one of a list */
} elem_rule;

/* Adds a problem for each structural fault under root; returns how many. */
int explain_case_structure(xmlNodePtr root, const xml_origin *o, diag_list *errs);

/* A '|'-separated list in words: "a|b|c" -> "a, b or c". */
void list_words(const char *list, char *buf, size_t size);

/* True when name is the name of an element or attribute of the case format. */
bool case_schema_has_name(const char *name);

/* The rule for element name under parent (NULL: the document element), or NULL. Read-only:
 * `pbdocs serve` builds its form from these rows, so a new kind's row shows up there too. */
const elem_rule *case_format_rule(const char *parent, const char *name);
#endif
