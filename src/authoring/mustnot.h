/* mustnot.h: what no template of a kind may say (statutory.md 2.1-2.4 "Must not say"), as
 * phrases `pbdocs lint` looks for in the text of every file a document template reaches (the
 * template, its partials and its parent layout; Mustache comments are skipped). A phrase with a
 * guard may appear only inside a {{#guard}} section: in the same file, or in a partial that is
 * included only from inside that section ("Our policy gives you" only where
 * policy.notice_from_policy is true). One table, in mustnot.c. */
#ifndef PBDOCS_MUSTNOT_H
#define PBDOCS_MUSTNOT_H
#include <stdbool.h>
#include <stddef.h>

#include "authoring/lint_internal.h"

typedef struct mustnot_rule {
    unsigned kinds;      /* bit (1 << doc_kind) for each kind that must not say it */
    const char *phrase;  /* matched without regard to case */
    const char *guard;   /* a flag whose {{#section}} may say it, or NULL: never */
    const char *why;     /* the end of the message */
} mustnot_rule;

extern const mustnot_rule mustnot_rules[];
extern const size_t mustnot_rules_len;

/* Whether a section written {{#name}} opens rule r's guard (its full name or, nested inside
 * its group, its last part). */
bool mustnot_opens_guard(const mustnot_rule *r, const char *name);

/* Reports each phrase of a rule for kind found in tf's text. unguarded: bit i set when rule i's
 * guard was not open at some place the file is reached from (all bits for the template). */
void mustnot_check_file(lint_ctx *lc, doc_kind kind, const tag_file *tf, unsigned unguarded);
#endif
