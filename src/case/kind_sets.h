/* kind_sets.h: one bit a kind of document, short enough for the tables that say which kinds a
 * row applies to (docs/fields.c's field catalogue, authoring/'s statutory checklist and must-not
 * phrases). Include it only in such a table's .c file: the names are short on purpose. */
#ifndef PBDOCS_KIND_SETS_H
#define PBDOCS_KIND_SETS_H
#include "case/kind.h"

#define REF (1u << DOC_REFUSAL)
#define RED (1u << DOC_REDUCTION)
#define REP (1u << DOC_REPAYMENT)
#define SJ (1u << DOC_SECTION_J)
#define STOP (1u << DOC_STOP)
#endif
