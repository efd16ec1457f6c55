/* kinds.c: the table of document kinds; see kinds.h. */
#include "docs/kinds.h"

#include <stdio.h>

/* A letter's running header names the council, the case and the child. */
static void letter_running_header(char *buf, size_t size, const pb_case *c, const council *co)
{
    snprintf(buf, size, "%s \xC2\xB7 Our reference %s \xC2\xB7 %s %s", co->name, c->id,
             c->child.given_names, c->child.family_name);
}

/* A section of the plan names the child (with date of birth) and the plan, not the council. */
static void plan_running_header(char *buf, size_t size, const pb_case *c, const council *co)
{
    (void)co;
    char dob[48];
    date_format_long(c->child.date_of_birth, dob, sizeof dob);
    snprintf(buf, size, "Section J \xC2\xB7 %s %s, born %s \xC2\xB7 EHC plan %s",
             c->child.given_names, c->child.family_name, dob, c->plan.reference);
}

const doc_kind_info doc_kinds[DOC_KIND_COUNT] = {
    [DOC_REFUSAL] = {
        .title = "Decision on a request for a personal budget or direct payments",
        .letter = true,
        .template_file = "refusal.mustache.md",
        .fields_heading = "Refusal letters",
        .print_label = "Refusal",
        .build = refusal_context,
        .running_header = letter_running_header,
    },
    [DOC_REDUCTION] = {
        .title = "Notice of a change to a personal budget",
        .letter = true,
        .template_file = "reduction.mustache.md",
        .fields_heading = "Reduction notices",
        .print_label = "Reduction notice",
        .has_notice = true,
        .notice = COVERS_REDUCTION,
        .build = reduction_context,
        .running_header = letter_running_header,
    },
    [DOC_REPAYMENT] = {
        .title = "Request to repay direct payment money",
        .letter = true,
        .template_file = "repayment.mustache.md",
        .fields_heading = "Repayment demands",
        .print_label = "Repayment demand",
        .build = repayment_context,
        .running_header = letter_running_header,
    },
    [DOC_SECTION_J] = {
        .title = "Section J: Personal Budget (including arrangements for direct payments)",
        .letter = false,
        .template_file = "section-j.mustache.md",
        .fields_heading = "Section J of the EHC plan",
        .print_label = NULL,
        .build = section_j_context,
        .running_header = plan_running_header,
    },
    [DOC_STOP] = {
        .title = "Notice that direct payments will stop",
        .letter = true,
        .template_file = "stop.mustache.md",
        .fields_heading = "Stop notices",
        .print_label = "Stop notice",
        .has_notice = true,
        .notice = COVERS_STOP,
        .build = stop_context,
        .running_header = letter_running_header,
    },
};
