/* lint_internal.h: what lint.c (the folder, the files, the messages) and lint_walk.c (one
 * document walked through its partials with the context stack) share. Nothing else includes it. */
#ifndef PBDOCS_LINT_INTERNAL_H
#define PBDOCS_LINT_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>

#include "authoring/lint.h"
#include "authoring/tagtree.h"
#include "core/strbuf.h"

typedef struct partial_file {
    char *name;
    tag_file tf;
    bool used;
} partial_file;

typedef struct template_file {
    tag_file tf;
    int kind;  /* -1: the name names no kind */
} template_file;

typedef enum {
    F_ENGINE,     /* a message of the compiler, as it is */
    F_UNKNOWN,    /* an unknown field: the message names the kinds, composed at the end */
    F_MESSAGE,    /* any other rule: the message is complete */
} finding_code;

typedef struct finding {
    char *file;
    int line, col;
    finding_code code;
    char *name;     /* F_UNKNOWN: the name as written */
    char *message;  /* F_UNKNOWN: the hint, "" when none */
    unsigned kinds;
    bool in_partial;
} finding;

typedef struct lint_ctx {
    const char *dir;
    partial_file *partials;
    size_t npartials;
    template_file *templates;
    size_t ntemplates;
    finding *found;
    size_t nfound, capfound;
    strbuf maybe_used;  /* "|name|..." partials a file the engine rejected may use: never
                         * reported unused (a follow-on of that file's own error) */
} lint_ctx;


/* Records a problem of kind (-1: of no kind in particular) at file:line:col. The same problem
 * found again for another kind adds that kind to it. */
void add_finding(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
                 finding_code code, const char *name, const char *message);
void add_message(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* "reduction", "reduction and repayment", "refusal, reduction and repayment" */
void kinds_words(strbuf *sb, unsigned kinds);
/* The partial file of this name, or NULL. */
partial_file *find_partial(const lint_ctx *lc, const char *name);

/* Walks one document template as its kind (the stack, the partials, the parent's blocks),
 * reports what it finds, then checks the kind's statutory blocks. used: see lint_templates. */
void lint_document(lint_ctx *lc, const template_file *t, unsigned *used);

/* lint_extra.c: '{name}' with single braces in the file at path; every council profile of
 * dir/councils (its problems added to problems as template problems). */
void lint_single_braces(lint_ctx *lc, const char *path);
/* Adds to lc->maybe_used every partial name the text of path includes ({{> name}}). */
void note_partials_named(lint_ctx *lc, const char *path);
void lint_councils(const char *dir, diag_list *problems);
#endif
