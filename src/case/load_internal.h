/* load_internal.h: what the loader's files share (load.c reads the case, load_parts.c the newer
 * parts of people, items and documents, checks.c the rules across fields). Not for use outside
 * src/case/. One loader reads one case on one thread. */
#ifndef PBDOCS_LOAD_INTERNAL_H
#define PBDOCS_LOAD_INTERNAL_H
#include <libxml/tree.h>

#include "case/case.h"
#include "case/council.h"
#include "case/xml.h"
#include "core/diag.h"

typedef struct loader {
    pb_case *c;
    xml_origin o;
    diag_list *errs;
    int problems;
    council_set *councils;  /* for the case's extra font (only when a value needs it) */
} loader;

/* A problem at node (its line and field path): the case is rejected. */
void problem(loader *ld, xmlNodePtr node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A warning at node: the case stays valid; it is kept in c->warnings. */
void warning(loader *ld, xmlNodePtr node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

bool named(xmlNodePtr n, const char *name);
xmlNodePtr child(xmlNodePtr parent, const char *name);
xmlAttrPtr attr_node(xmlNodePtr n, const char *name);
char *raw_text(xmlNodePtr n);  /* malloc'd by libxml2, or NULL */
/* Checked values in the case's arena; see load.c. */
char *plain(loader *ld, xmlNodePtr n);
char *markdown(loader *ld, xmlNodePtr n);
pb_date date_value(loader *ld, xmlNodePtr n);
pence money_value(loader *ld, xmlNodePtr n);
pb_strings strings_of(loader *ld, xmlNodePtr parent, const char *name, bool is_markdown);
/* The index of n's text in names (0 when absent: the schema has reported it). */
int enum_of(xmlNodePtr n, const char *const *names, int count);

extern const char *const rel_names[REL_COUNT];

/* A document's issued attribute (a zero date when absent: the schema reports that). */
pb_date issued_of(loader *ld, xmlNodePtr n);
/* The item a ref attribute names, or NULL with a problem. */
const pb_item *ref_of(loader *ld, xmlNodePtr n);

/* The message for a health item in a decision document (statutory.md 2.0). */
#define HEALTH_MESSAGE "health items are decided by the NHS integrated care board; it writes " \
                       "to the family itself"

/* load_parts.c */
void read_person(loader *ld, xmlNodePtr n, char **title, char **name, char **family_name,
                 pb_strings *address, char **postcode);
void read_copy_to(loader *ld, xmlNodePtr recipient);
void read_item_details(loader *ld, xmlNodePtr n, pb_item *it);
pb_sending read_sending(loader *ld, xmlNodePtr doc);
void read_refusal_grounds(loader *ld, xmlNodePtr n, pb_refusal *r);
void read_reduction_plan(loader *ld, xmlNodePtr n, pb_reduction *r);
void read_repayment_money(loader *ld, xmlNodePtr n, pb_repayment *r);

/* load_stop.c: the stop notice's element, and its rules across fields (run by check_case). */
void read_stop(loader *ld, xmlNodePtr n);
void check_stop(loader *ld, xmlNodePtr n);

/* checks.c: the rules across fields, once everything is read (council may be NULL). */
void check_case(loader *ld, xmlNodePtr root, const council *council);

/* plausible.c: warnings for a valid case whose data looks mistyped (dates, email, amounts). */
void check_plausible(loader *ld, xmlNodePtr root, const council_set *councils);
#endif
