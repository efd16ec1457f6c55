/* kinds.h: the document facts of each kind, one row per kind indexed by doc_kind.
 *
 * Everything that differs between kinds of document is a column here, and every other file
 * reads the table instead of testing for a kind (mandoc's per-macro tables are the model).
 * The table is split in two at the folder order: the case format's facts (the element's name,
 * which is the kind's name everywhere, and where its issue date sits in the case model) are in
 * case/kind.c, because case/ parses the elements and may not include docs/; the document's
 * facts below need the renderer's types, which case/ never sees.
 *
 * A new kind is: its enum value and row in case/kind.c, its row here, its context builder (a
 * file of its own, declared in context.h), its template, its fields in fields.c, and the case
 * format for its element (case.rng, explain.c, load.c). tests/test_kinds.c checks every row.
 * Read-only: any thread may read it. */
#ifndef PBDOCS_KINDS_H
#define PBDOCS_KINDS_H
#include <stdbool.h>
#include <stddef.h>

#include "case/case.h"
#include "case/council.h"
#include "docs/context.h"

typedef struct doc_kind_info {
    const char *title;           /* the PDF's title */
    bool letter;                 /* posted to the family: window address, print stream; else a
                                    section of the EHC plan */
    const char *template_file;   /* its template in the templates folder */
    const char *fields_heading;  /* `pbdocs fields` and FIELDS.md: "Refusal letters" */
    const char *print_label;     /* the print stream's cover, for letters: "Refusal" */
    /* A decision with a notice period a council's policy may set (statutory.md 3.1): the policy
     * sets it when its covers is this value or COVERS_BOTH. */
    bool has_notice;
    notice_covers notice;
    /* Adds the kind's own part of the template context (context.h). */
    int (*build)(mu_value *ctx, const doc_input *in, diag_list *errs);
    /* Writes the header printed on every page after the first. */
    void (*running_header)(char *buf, size_t size, const pb_case *c, const council *co);
} doc_kind_info;

extern const doc_kind_info doc_kinds[DOC_KIND_COUNT];
#endif
