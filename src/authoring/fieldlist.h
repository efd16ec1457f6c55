/* fieldlist.h: the field catalogue (fields.h) written out for people: `pbdocs fields [KIND]` on
 * a terminal, and templates/FIELDS.md (`pbdocs fields --markdown`, rewritten by make) for
 * template authors who never run anything. Both come from the one catalogue, so they cannot
 * drift from what the renderer builds. */
#ifndef PBDOCS_FIELDLIST_H
#define PBDOCS_FIELDLIST_H
#include "core/strbuf.h"
#include "docs/fields.h"

/* How a template inserts the field: "{{x}}", "{{{x}}}", "{{#x}}{{.}}{{/x}}", and for a member
 * of a list item "{{provision}} inside {{#budget.items}}". */
void field_usage(strbuf *out, const field_info *f);

/* Plain text, one field a line (name, type, meaning, example): the fields of kind, or of every
 * kind (kind < 0) grouped as "every document" and then each kind's own. */
void fields_text(strbuf *out, int kind);

/* templates/FIELDS.md. */
void fields_markdown(strbuf *out);
#endif
