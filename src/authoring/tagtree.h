/* tagtree.h: one template file's tags as a tree, for the linter.
 *
 * The file is compiled by the engine the renderer uses (mu_compile, strict), so lint reports
 * exactly the syntax errors a render would. Partials are not followed here: each file is read
 * once on its own, and the linter joins the trees along {{> name}} and {{< name}} itself, with
 * the section stack of the place each partial is used from. A section, inverted section, block
 * or parent holds the tags it encloses (a parent: only its blocks). */
#ifndef PBDOCS_TAGTREE_H
#define PBDOCS_TAGTREE_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/files.h" /* read_text_file */

typedef struct tag_node {
    int kind;              /* MU_TAG_* (mustache.h); never MU_TAG_END */
    char *name;            /* as written: "budget.items", ".", "*name" for a dynamic partial */
    int line, col;         /* of the tag */
    int end_line, end_col; /* containers: of the closing tag */
    struct tag_node *kids;
    size_t nkids, cap;
} tag_node;

typedef struct tag_file {
    char *path;            /* display path, used in every message */
    tag_node top;          /* kids: the top-level tags */
    bool compiled;         /* false: it has syntax errors (reported) and no tags */
} tag_file;

/* Says whether a partial of this name exists (so the compiler can report unknown ones). */
typedef bool (*partial_exists_fn)(void *ud, const char *name);

/* Reads and compiles path. Syntax errors and unknown partials go to errs (FILE:LINE:COL).
 * Returns 0, or -1 when the file cannot be read (a problem in errs). */
int tag_file_read(tag_file *tf, const char *path, partial_exists_fn exists, void *ud,
                  diag_list *errs);
void tag_file_free(tag_file *tf);

#endif
