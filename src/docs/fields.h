/* fields.h: the field catalogue, the one list of every name a template can use, per document
 * kind. `pbdocs fields`, `pbdocs lint` and templates/FIELDS.md are generated from it, and a test
 * walks the contexts the renderer builds (context.c) to prove the two agree both ways. */
#ifndef PBDOCS_FIELDS_H
#define PBDOCS_FIELDS_H
#include <stdbool.h>
#include <stddef.h>

#include "case/case.h"

typedef enum {
    FIELD_TEXT,      /* plain text, insert with {{x}} (escaped) */
    FIELD_OPTIONAL,  /* plain text or false when absent: {{#x}}...{{.}}...{{/x}} */
    FIELD_MARKDOWN,  /* officer-written Markdown, insert with {{{x}}} */
    FIELD_FLAG,      /* true/false, for {{#x}} and {{^x}} */
    FIELD_LIST,      /* a list: {{#x}}...{{/x}} repeats; members are listed as x[].name */
    FIELD_TEXT_LIST, /* a list of plain texts: {{#x}}{{.}}{{/x}} */
    FIELD_MARKDOWN_LIST, /* a list of Markdown paragraphs: {{#x}}{{{.}}}{{/x}} */
    FIELD_MAP,       /* a group of fields: x.name */
} field_type;

#define FIELD_ALL_KINDS ((1u << DOC_KIND_COUNT) - 1)

typedef struct field_info {
    const char *name;     /* dotted path; a list member is "budget.items[].provision" */
    unsigned kinds;       /* bit (1 << doc_kind) for each kind whose context has it */
    field_type type;
    const char *meaning;
    const char *example;
} field_info;

extern const field_info field_catalogue[];
extern const size_t field_catalogue_len;

const char *field_type_name(field_type t);
/* The entry for name in kind, or NULL. */
const field_info *field_lookup(const char *name, doc_kind kind);
#endif
