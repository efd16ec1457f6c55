/* streams.h: who decides an item, under which law, how to challenge it and which ombudsman
 * (statutory.md 2.0). One row per decision route, indexed by decision_route; letters never type
 * these words themselves. A decision letter puts each stream's items in its own block with its
 * own route: the kind builders push their rows through stream_lists_* so the template context
 * has the same names in every letter:
 *   education_items[], social_care_items[]     the rows the document decides, per stream
 *   has_education_items, has_social_care_items
 *   education.*, social_care.*                 the route of each stream (social_care.is_children)
 * Health items are decided by the ICB, never in a council decision letter (validation refuses
 * them); a health row given here is dropped.
 * Read-only table; the helpers touch only the context they are given. */
#ifndef PBDOCS_STREAMS_H
#define PBDOCS_STREAMS_H
#include <stdbool.h>
#include <stddef.h>

#include "docs/context.h"

typedef enum {
    ROUTE_EDUCATION, ROUTE_CHILDREN_SOCIAL_CARE, ROUTE_ADULT_SOCIAL_CARE, ROUTE_HEALTH,
    ROUTE_COUNT
} decision_route;

typedef struct stream_route_info {
    const char *name;              /* "Education", "Children's social care" (a heading) */
    const char *words;             /* "education", "children's social care" (in a sentence) */
    const char *decision_maker;    /* "our SEND service" */
    const char *legal_basis;       /* the Act and regulations, as a letter names them */
    const char *complaints_procedure; /* which procedure a complaint goes through */
    const char *ombudsman;         /* "the Local Government and Social Care Ombudsman (LGSCO)" */
    complaints_stream complaints;  /* which council.stream_complaints[] contact; health: none */
} stream_route_info;

extern const stream_route_info stream_routes[ROUTE_COUNT];

/* True when the child is 18 or older on date d (social care: adults' services from 18). */
bool child_is_adult_on(const pb_case *c, pb_date d);
/* The route of an item decided on date d. */
decision_route item_route(const pb_case *c, const pb_item *it, pb_date d);

typedef struct stream_lists {
    mu_value *education, *social_care, *dropped;
    size_t n_education, n_social_care;
} stream_lists;

/* Adds the empty lists education_items and social_care_items to ctx. */
stream_lists stream_lists_begin(mu_value *ctx);
/* A new row for item it (id, provision, annual_amount) in its stream's list; the caller adds
 * its own fields to the row returned. */
mu_value *stream_lists_row(stream_lists *sl, const doc_input *in, const pb_item *it, pb_date d);
/* Adds the has_* flags and the route maps education and social_care (decided on date d). A
 * letter deciding no education item never cites the council's policy for its notice period
 * (sets policy.notice_from_policy false). */
void stream_lists_end(mu_value *ctx, stream_lists *sl, const doc_input *in, pb_date d);
#endif
