/* statutory.h: what each kind of document must contain, whatever its wording. The law and the
 * councils' policies require a letter to give its reasons, its dates and the family's rights;
 * `pbdocs lint` refuses a template that never uses one of these (directly, through a partial or
 * through its parent layout). One table, in statutory.c. */
#ifndef PBDOCS_STATUTORY_H
#define PBDOCS_STATUTORY_H
#include <stdbool.h>
#include <stddef.h>

#include "case/case.h"

typedef struct statutory_block {
    unsigned kinds;    /* bit (1 << doc_kind) for each kind that must have it, or
                          STATUTORY_LETTERS: every kind that is a letter (docs/kinds.c) */
    bool is_partial;   /* name is a partial ({{> name}}), else a catalogue field */
    const char *name;
    const char *why;   /* the end of the message: "(the effective date must be stated)" */
} statutory_block;

#define STATUTORY_LETTERS (1u << 31)

extern const statutory_block statutory_blocks[];
extern const size_t statutory_blocks_len;

/* True when a template of kind k must have b. */
bool statutory_applies(const statutory_block *b, doc_kind k);
#endif
