/* case.h: the case model, the structure every later stage reads first.
 *
 * A case is what a council's SEND system exports for one child: who the child is, who receives
 * the letters, the plan, the personal budget items, and the documents asked for. The loader
 * (load.c) fills it from XML after the schema (src/schema/case.rng) and the semantic rules
 * (rules.c) have passed; a case that has any problem is never handed on.
 * All memory of a case lives in its arena: case_free releases it at once. */
#ifndef PBDOCS_CASE_H
#define PBDOCS_CASE_H
#include <stdbool.h>
#include <stddef.h>

#include "case/kind.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/money.h"

typedef enum { REL_PARENT, REL_YOUNG_PERSON, REL_REPRESENTATIVE } relationship;
typedef enum { STREAM_EDUCATION, STREAM_HEALTH, STREAM_SOCIAL_CARE, STREAM_COUNT } funding_stream;
typedef enum {
    ARR_DIRECT_PAYMENT, ARR_COUNCIL_MANAGED, ARR_THIRD_PARTY, ARR_PROVIDER_MANAGED
} arrangement;
typedef enum { SCOPE_PERSONAL_BUDGET, SCOPE_DIRECT_PAYMENT } refusal_scope;
typedef enum {
    GROUND_CIRCUMSTANCES_CHANGED = 1 << 0,
    GROUND_UNUSED = 1 << 1,
    GROUND_MISUSE = 1 << 2,
    GROUND_DEATH = 1 << 3,
} repayment_ground;

/* The names used in XML and file names (doc_kind_name is in kind.h). */
const char *relationship_name(relationship r);
const char *stream_name(funding_stream s);     /* "education", "health", "social-care" */
const char *arrangement_name(arrangement a);   /* "direct-payment", ... */
const char *ground_name(repayment_ground g);   /* one bit */

typedef struct pb_strings {
    char **items;
    size_t len;
} pb_strings;

typedef struct pb_item {
    char *id;
    funding_stream stream;
    arrangement arr;
    char *provision;
    pb_strings outcomes;
    pence annual;
    bool annual_ok;   /* false when the amount was rejected (so nothing is compared with it) */
} pb_item;

typedef struct pb_change {
    const pb_item *item;  /* the item the change refers to */
    pence new_annual;     /* always lower than item->annual */
} pb_change;

typedef struct pb_refusal {
    pb_date issued;
    refusal_scope scope;
    const pb_item **items;  /* what was asked for; may be empty */
    size_t n_items;
    pb_strings reasons;     /* Markdown */
} pb_refusal;

typedef struct pb_reduction {
    pb_date issued;
    pb_change *changes;
    size_t n_changes;
    pb_strings reasons;     /* Markdown */
} pb_reduction;

typedef struct pb_repayment {
    pb_date issued;
    pence amount;           /* > 0 */
    unsigned grounds;       /* repayment_ground bits, at least one */
    bool has_period;
    pb_date period_from, period_to;
    pb_strings reasons;     /* Markdown */
} pb_repayment;

typedef struct pb_section_j {
    pb_date issued;
    char *summary;          /* Markdown */
    char *dp_arrangements;  /* Markdown, or NULL */
} pb_section_j;

typedef struct pb_case {
    arena mem;
    char *file;             /* where it came from, for messages */
    int line;               /* line of <case> in that file */
    char *id;
    char *council;          /* a profile id in templates/councils/ */
    struct {
        char *given_names, *family_name;
        pb_date date_of_birth;
    } child;
    struct {
        relationship rel;
        char *title;        /* or NULL */
        char *name;
        pb_strings address; /* the lines, without the postcode */
        char *postcode;     /* normalised: upper case, one space */
        bool large_print;
    } recipient;
    struct {
        char *reference;
        pb_date issued;
    } plan;
    struct {
        char *name, *role, *phone, *email;
    } officer;
    pb_item *items;
    size_t n_items;
    bool has[DOC_KIND_COUNT];  /* which documents the case asks for */
    pb_refusal refusal;
    pb_reduction reduction;
    pb_repayment repayment;
    pb_section_j section_j;
} pb_case;

const pb_item *case_find_item(const pb_case *c, const char *id);
void case_free(pb_case *c);
#endif
